from django.urls import path

from klusteri.events.views import calendar, feeds, registration

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
    # -- Organisers (views/manage.py) --
]
