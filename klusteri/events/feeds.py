"""The events as iCalendar (RFC 5545) that a calendar subscribes to, and the new
events as RSS and Atom.

An event starts and ends on the wall clock of its own time zone
(``DTSTART;TZID=Europe/Helsinki:…``) and the calendar carries a VTIMEZONE for each
zone it uses (``add_missing_timezones``), so a monthly 9.00 meeting stays at 9.00
across the change to and from summer time in every calendar. Its UID names the
event, so a feed read again updates the events a calendar has instead of doubling
them; SEQUENCE grows with every change, and a cancelled event stays in the feed as
STATUS:CANCELLED so that calendars take it away.

The online link goes into a feed only where whoever reads the feed may see it: in
the public feeds only a link for everyone; in a person's own feed (its address is
their secret) the link as their event page shows it to them.
"""

import uuid
from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from klusteri.events.models import Event, LinkVisibility

UID_DOMAIN = "klusteri.fi"
REFRESH_INTERVAL = timedelta(hours=6)
# The public feeds hold the events still ahead and those of the last weeks, so that
# a calendar keeps what just happened (with its recording) but not years of it.
FEED_PAST = timedelta(days=30)
# SEQUENCE counts minutes from here: it grows with every change of the event.
SEQUENCE_EPOCH = datetime(2026, 1, 1, tzinfo=UTC)
# The RSS and Atom feeds: the newest events.
NEW_EVENTS = 50

ICAL_STATUS = {
    Event.Status.CANCELLED: "CANCELLED",
    Event.Status.POSTPONED: "TENTATIVE",
    Event.Status.DRAFT: "TENTATIVE",
}


def event_uid(event: Event) -> str:
    """Stable for the event in every language and feed."""
    return f"event-{event.pk}@{UID_DOMAIN}"


def sequence(event: Event) -> int:
    return max(int((event.updated_at - SEQUENCE_EPOCH).total_seconds() // 60), 0)


def place(event: Event) -> str:
    parts = [event.venue_name, event.street_address]
    if event.municipality_id:
        parts.append(" ".join(filter(None, [event.postal_code, event.municipality.name])))
    return ", ".join(part for part in parts if part)


def public_online_url(event: Event) -> str:
    """The online link if everyone may see it."""
    if event.online_url_visibility == LinkVisibility.EVERYONE:
        return event.online_url
    return ""


def event_component(event: Event, *, site: str, online_url: str) -> CalendarEvent:
    """The VEVENT of ``event`` in the current language; ``online_url`` is the link
    that whoever reads this feed may see (empty: none)."""
    page = f"{site}{event.get_absolute_url()}"
    component = CalendarEvent()
    component.add("uid", event_uid(event))
    component.add("dtstamp", event.updated_at.astimezone(UTC))
    component.add("last-modified", event.updated_at.astimezone(UTC))
    component.add("sequence", sequence(event))
    component.add("dtstart", event.local_start)
    component.add("dtend", event.local_end)
    component.add("summary", event.title)
    organiser = event.organiser.name if event.organiser_id else _("National cluster platform")
    lines = [_("Organiser: %(organiser)s") % {"organiser": organiser}]
    if online_url:
        lines.append(_("Online: %(link)s") % {"link": online_url})
    lines += [_("The event page: %(address)s") % {"address": page}]
    if event.description:
        lines += ["", event.description]
    component.add("description", "\n".join(lines))
    location = place(event) or online_url
    if location:
        component.add("location", location)
    component.add("url", page)
    component.add("status", ICAL_STATUS.get(event.status, "CONFIRMED"))
    return component


def calendar(
    events: Iterable[Event],
    *,
    name: str,
    address: str,
    site: str,
    online_url: Callable[[Event], str] = public_online_url,
) -> bytes:
    """A calendar of ``events`` in the current language, named ``name``; its
    ``address`` names it (the same feed is the same calendar)."""
    language = get_language() or "fi"
    cal = Calendar.new(
        prodid=f"-//Klusteri//Events//{language.upper()}",
        method="PUBLISH",
        calscale="GREGORIAN",
        name=name,
        language=language,
        refresh_interval=REFRESH_INTERVAL,
        uid=str(uuid.uuid5(uuid.NAMESPACE_URL, address)),
        url=address,
    )
    cal.add("x-published-ttl", REFRESH_INTERVAL)  # REFRESH-INTERVAL for Outlook
    for event in events:
        cal.add_component(event_component(event, site=site, online_url=online_url(event)))
    cal.add_missing_timezones()
    return cal.to_ical()


def feed_events(events, now: datetime | None = None):
    """What a public feed holds of ``events``: the listed ones still ahead and
    those of the last ``FEED_PAST``, with what a VEVENT shows."""
    now = now or timezone.now()
    return (
        events.listed()
        .filter(ends_at__gte=now - FEED_PAST)
        .select_related("organiser", "municipality")
        .order_by("starts_at", "pk")
    )


# RSS and Atom -------------------------------------------------------------------


class NewEventsRss(Feed):
    """The newest events (by when they were added), for feed readers."""

    title = gettext_lazy("Klusteri: new events")
    description = gettext_lazy("New events of Finnish clusters and the national cluster platform.")

    def link(self) -> str:
        return reverse("events:list")

    def items(self):
        return (
            Event.objects.listed()
            .select_related("organiser", "municipality")
            .order_by("-created_at", "-pk")[:NEW_EVENTS]
        )

    def item_title(self, item: Event) -> str:
        return item.title

    def item_description(self, item: Event) -> str:
        when = f"{item.local_start:%Y-%m-%d %H:%M} ({item.time_zone})"
        organiser = item.organiser.name if item.organiser_id else _("National cluster platform")
        parts = [when, organiser, place(item), item.get_status_display()]
        return " · ".join(part for part in parts if part)

    def item_link(self, item: Event) -> str:
        return item.get_absolute_url()

    def item_guid(self, item: Event) -> str:
        return event_uid(item)

    item_guid_is_permalink = False

    def item_pubdate(self, item: Event) -> datetime:
        return item.created_at

    def item_updateddate(self, item: Event) -> datetime:
        return item.updated_at


class NewEventsAtom(NewEventsRss):
    feed_type = Atom1Feed
    subtitle = NewEventsRss.description
