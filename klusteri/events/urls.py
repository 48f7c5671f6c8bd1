from django.urls import path

app_name = "events"

urlpatterns = [
    # -- Calendar and feeds (views/calendar.py, views/feeds.py) --

    # -- Registration (views/registration.py) --

    # -- Organisers (views/manage.py) --
]
