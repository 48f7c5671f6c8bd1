"""The next events on the home page: a block registered with ``core.home``."""

from django.core.cache import cache
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from klusteri.core import pagecache
from klusteri.events.cards import with_seats
from klusteri.events.models import Event

# How many of the next events the home page shows.
HOME_EVENTS = 4


def upcoming_events_block(request: HttpRequest) -> SafeString | None:
    """The next listed events, the same for everyone: rendered once per language
    and change of the events (or at most a minute late on the clock)."""
    key = pagecache.fragment_key("events", "home")
    html = cache.get(key)
    if html is None:
        events = with_seats(
            list(
                Event.objects.listed()
                .upcoming(timezone.now())
                .select_related("organiser", "municipality__region")[:HOME_EVENTS]
            )
        )
        html = render_to_string("events/_home_block.html", {"events": events})
        cache.set(key, html, pagecache.PAGE_TIMEOUT)
    return mark_safe(html) if html.strip() else None  # noqa: S308 - rendered by the template engine
