"""An iCalendar (RFC 5545) file of a few events: the .ics attached to a
confirmation mail. Each event starts and ends on the wall clock of its own time
zone (``DTSTART;TZID=Europe/Helsinki``), with the VTIMEZONE the calendar needs to
read it, and its UID names the event, so that a calendar given the file again
updates the event it has instead of doubling it."""

from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone
from django.utils.translation import get_language
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from klusteri.events.models import Event

UID_DOMAIN = "klusteri.fi"


def place(event: Event) -> str:
    """The venue and its address on one line, as a calendar shows LOCATION."""
    municipality = event.municipality.name if event.municipality_id else ""
    town = " ".join(part for part in (event.postal_code, municipality) if part)
    return ", ".join(part for part in (event.venue_name, event.street_address, town) if part)


def event_calendar(events: Iterable[Event], *, online_urls: dict[int, str] | None = None) -> bytes:
    """The calendar of ``events`` in the current language. ``online_urls`` (event
    pk: link) holds the online links the reader may see; the others stay out."""
    online_urls = online_urls or {}
    language = get_language() or settings.LANGUAGE_CODE
    calendar = Calendar.new(
        prodid=f"-//Klusteri//Events//{language.upper()}", method="PUBLISH", language=language
    )
    for event in events:
        entry = CalendarEvent.new(
            uid=f"event-{event.pk}@{UID_DOMAIN}",
            summary=event.title,
            start=event.local_start,
            end=event.local_end,
            stamp=timezone.now(),
            url=settings.SITE_URL + event.get_absolute_url(),
        )
        location = place(event) or online_urls.get(event.pk, "")
        if location:
            entry.add("location", location)
        description = "\n\n".join(
            part for part in (online_urls.get(event.pk, ""), event.description) if part
        )
        if description:
            entry.add("description", description)
        if event.status == Event.Status.CANCELLED:
            entry.add("status", "CANCELLED")
        calendar.add_component(entry)
    calendar.add_missing_timezones()
    return calendar.to_ical()
