from django.urls import path

from klusteri.events.views import registration

app_name = "events"

urlpatterns = [
    # -- Calendar and feeds (views/calendar.py, views/feeds.py) --
    # -- Registration (views/registration.py) --
    path("<int:pk>/register/", registration.register, name="register"),
    path("<int:pk>/withdraw/", registration.withdraw, name="withdraw"),
    path("<int:pk>/accept/", registration.accept_offer, name="accept-offer"),
    path("<int:pk>/decline/", registration.decline_offer, name="decline-offer"),
    path("mine/", registration.mine, name="mine"),
    path("mine/feed/", registration.feed_renew, name="feed-renew"),
    # -- Organisers (views/manage.py) --
]
