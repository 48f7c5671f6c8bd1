"""Events for tests of every app: one way to make them, through the service."""

from datetime import datetime, timedelta
from itertools import count

from django.utils import timezone

from klusteri.events.models import Event, EventType, Format
from klusteri.events.services import save_event

_numbers = count(1)


def make_event(
    title: str | None = None,
    *,
    starts_at: datetime | None = None,
    duration: timedelta = timedelta(hours=2),
    topics=(),
    ecosystems=(),
    co_organisers=(),
    by=None,
    **fields,
) -> Event:
    """A published event saved by ``services.save_event``: a webinar of the
    national platform (``organiser=None``) unless told otherwise, starting at
    10.00 Helsinki time a week from now, online, open to all. ``fields`` are the
    model's (``organiser=cluster``, ``status=Event.Status.DRAFT``, ``capacity=10``…)."""
    number = next(_numbers)
    if starts_at is None:
        week = timezone.localtime(timezone.now() + timedelta(days=7))
        starts_at = week.replace(hour=10, minute=0, second=0, microsecond=0)
    fields.setdefault("title_en", title or f"Test event {number}")
    fields.setdefault("event_type", EventType.WEBINAR)
    fields.setdefault("format", Format.ONLINE)
    fields.setdefault("status", Event.Status.PUBLISHED)
    fields.setdefault("ends_at", starts_at + duration)
    event = Event(starts_at=starts_at, **fields)
    return save_event(
        event,
        by=by,
        related={
            "topics": list(topics),
            "ecosystems": list(ecosystems),
            "co_organisers": list(co_organisers),
        },
    )
