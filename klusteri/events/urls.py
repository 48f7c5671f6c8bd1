from django.urls import path

from klusteri.events.views import manage

app_name = "events"

urlpatterns = [
    # -- Calendar and feeds (views/calendar.py, views/feeds.py) --
    # -- Registration (views/registration.py) --
    # -- Organisers (views/manage.py) --
    path("manage/", manage.event_manage, name="manage"),
    path("new/", manage.event_create, name="create"),
    path("<int:pk>/edit/", manage.event_edit, name="edit"),
    path("<int:pk>/status/", manage.event_status, name="status"),
    path("<int:pk>/questions/", manage.event_questions, name="questions"),
    path("<int:pk>/reminders/", manage.event_reminders, name="reminders"),
    path("<int:pk>/invitations/", manage.event_invitations, name="invitations"),
    path("<int:pk>/participants/", manage.participant_list, name="participants"),
    path("<int:pk>/participants.<str:fmt>", manage.participant_export, name="participants-export"),
    path(
        "<int:pk>/participants/<int:registration>/",
        manage.participant_action,
        name="participant-action",
    ),
    path("<int:pk>/report/", manage.event_report, name="report"),
    path("series/new/", manage.series_create, name="series-create"),
    path("series/<int:pk>/edit/", manage.series_edit, name="series-edit"),
]
