from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "klusteri.events"
    label = "events"
    verbose_name = _("Events")

    def ready(self) -> None:
        from klusteri.core import home
        from klusteri.events.home import upcoming_events_block

        home.register("events.upcoming", upcoming_events_block)
