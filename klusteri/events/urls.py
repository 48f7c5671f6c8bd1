from django.urls import path

from klusteri.events.views import calendar, feeds, manage, registration

app_name = "events"

urlpatterns = [
    # Calendar and feeds (views/calendar.py, views/feeds.py)
    path("", calendar.event_list, name="list"),
    path("month/<int:year>/<int:month>/", calendar.event_month, name="month"),
    path("<int:pk>/", calendar.event_detail, name="detail"),
    path("<int:pk>/calendar.ics", feeds.event_ics, name="event-ics"),
    path("series/<int:pk>/", calendar.series_detail, name="series-detail"),
    path("calendar.ics", feeds.event_ical, name="ical"),
    path("clusters/<slug:slug>/calendar.ics", feeds.cluster_ical, name="cluster-ical"),
    path("topics/<slug:slug>/calendar.ics", feeds.topic_ical, name="topic-ical"),
    path("feed/<str:key>.ics", feeds.personal_ical, name="personal-ical"),
    path("new.rss", feeds.new_events_rss, name="rss"),
    path("new.atom", feeds.new_events_atom, name="atom"),
    # Registration (views/registration.py)
    path("<int:pk>/register/", registration.register, name="register"),
    path("<int:pk>/withdraw/", registration.withdraw, name="withdraw"),
    path("<int:pk>/accept/", registration.accept_offer, name="accept-offer"),
    path("<int:pk>/decline/", registration.decline_offer, name="decline-offer"),
    path("mine/", registration.mine, name="mine"),
    path("mine/feed/", registration.feed_renew, name="feed-renew"),
    # Organisers (views/manage.py)
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
