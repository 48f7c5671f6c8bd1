from django.urls import path

from klusteri.funding.views import feeds

app_name = "funding"

urlpatterns: list = [
    path("deadlines.ics", feeds.deadline_feed, name="ical"),
]
