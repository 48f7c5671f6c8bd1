"""The funding deadlines as an iCalendar feed (RFC 5545) that a calendar subscribes to.

One event per deadline still ahead of each published call the finder's filters let
through: a two-stage call has two, a call with cut-off dates one per date. An event
starts at the deadline in the funder's own time zone (``DTSTART;TZID=…``), and the
calendar carries a VTIMEZONE for each zone it uses, so a calendar shows 17:00
Brussels time as 18:00 in Helsinki; its UID names the call and the moment in UTC, so
a re-read feed updates the events a calendar already has instead of doubling them.

A feed of every open call holds thousands of events, and making an icalendar
``Event`` costs about a tenth of a millisecond: each event's text is made once per
change of the section's data ("funding" version of ``core.pagecache``), language
and site, and kept. A request reads which deadlines are in the feed (one query),
takes their events from the cache and renders only those it does not find (one
more query).
"""

import functools
import uuid
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.core.cache import cache
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, Timezone

from klusteri.core import pagecache
from klusteri.funding.models import Call, Deadline

UID_DOMAIN = "klusteri.fi"
# How often a subscribed calendar should read the feed again.
REFRESH_INTERVAL = timedelta(hours=6)
# Events are kept this long (seconds) unless a change of the data renews them sooner.
EVENT_TIMEOUT = 24 * 60 * 60
CALENDAR_END = b"END:VCALENDAR\r\n"


def event_uid(deadline: Deadline) -> str:
    """Stable for the same deadline of the same call, in every language and feed."""
    moment = deadline.at.astimezone(timezone.UTC)
    return f"{deadline.call.identifier}-{moment:%Y%m%dT%H%M%SZ}@{UID_DOMAIN}"


def zone(name: str) -> ZoneInfo:
    """The deadline's time zone; UTC if its name is not one (the event is still right)."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def deadline_event(deadline: Deadline, *, site: str) -> Event:
    """The event of one deadline, in the current language. ``site`` is the scheme
    and host the links start with: ``https://klusteri.fi``."""
    call = deadline.call
    address = site + call.get_absolute_url()
    if deadline.label:
        summary = _("Deadline (%(label)s): %(title)s") % {
            "label": deadline.label,
            "title": call.title,
        }
    else:
        summary = _("Deadline: %(title)s") % {"title": call.title}
    description = "\n".join(
        [
            _("Programme: %(programme)s") % {"programme": call.programme.name},
            _("Call identifier: %(identifier)s") % {"identifier": call.identifier},
            _("Time zone of the deadline: %(zone)s") % {"zone": deadline.time_zone},
            _("The call page: %(address)s") % {"address": address},
        ]
    )
    return Event.new(
        uid=event_uid(deadline),
        start=deadline.at.astimezone(zone(deadline.time_zone)),
        summary=summary,
        description=description,
        url=address,
        # When the call last changed in what a follower sees: stable between reads,
        # so an unchanged event is the same text every time.
        stamp=call.changed_at,
        last_modified=call.changed_at,
        transparency="TRANSPARENT",  # a deadline does not make anyone busy
    )


@functools.cache
def time_zone_component(name: str, first_year: int, last_year: int) -> bytes:
    """The VTIMEZONE of ``name`` for the years given (its rules do not change while
    the process runs, and the years bound the observances it lists). Empty for a
    name that is not a time zone, or UTC, which needs none."""
    if zone(name).key == "UTC":
        return b""
    try:
        component = Timezone.from_tzid(
            name, first_date=date(first_year, 1, 1), last_date=date(last_year + 1, 1, 1)
        )
    except ValueError:
        return b""
    return component.to_ical()


def upcoming_deadlines(calls: QuerySet[Call], now: datetime) -> QuerySet[Deadline]:
    """The deadlines still ahead of the published ones of ``calls``, soonest first."""
    return Deadline.objects.filter(call__in=calls.published(), at__gte=now).order_by("at", "pk")


def events(deadlines: QuerySet[Deadline], rows: list[tuple], *, site: str) -> list[bytes]:
    """The events of ``rows`` (``(pk, time zone, at)`` of ``deadlines``), from the
    cache where they are, rendered and kept where not."""
    version = pagecache.current_version("funding")
    keys = {
        pk: pagecache.fragment_key("funding", "ical", site, pk, version=version) for pk, *_ in rows
    }
    found = cache.get_many(keys.values())
    if len(found) < len(keys):
        missing = {pk for pk, key in keys.items() if key not in found}
        rendered = {
            keys[deadline.pk]: deadline_event(deadline, site=site).to_ical()
            for deadline in deadlines.select_related("call__programme")
            if deadline.pk in missing
        }
        cache.set_many(rendered, EVENT_TIMEOUT)
        found.update(rendered)
    return [found[keys[pk]] for pk, *_ in rows if keys[pk] in found]


def deadline_calendar(
    calls: QuerySet[Call], *, site: str, address: str, now: datetime | None = None
) -> bytes:
    """The feed of the deadlines ahead of ``calls`` (published ones only), in the
    current language. ``address`` is the feed's own, which names the calendar."""
    now = now or timezone.now()
    deadlines = upcoming_deadlines(calls, now)
    rows = list(deadlines.values_list("pk", "time_zone", "at"))
    language = get_language() or "fi"
    name = _("Klusteri: funding deadlines")
    calendar = Calendar.new(
        prodid=f"-//Klusteri//Funding deadlines//{language.upper()}",
        method="PUBLISH",
        calscale="GREGORIAN",
        name=name,
        description=_("Deadlines of funding calls for clusters, from Klusteri."),
        language=language,
        refresh_interval=REFRESH_INTERVAL,
        # The same address is the same calendar; another filter, another one.
        uid=str(uuid.uuid5(uuid.NAMESPACE_URL, address)),
        url=address,
    )
    calendar.add("x-published-ttl", REFRESH_INTERVAL)  # REFRESH-INTERVAL for Outlook
    last_year = max((at.year for *_, at in rows), default=now.year)
    zones = sorted({zone_name for _pk, zone_name, _at in rows})
    # Timezones first: a calendar must know a TZID before an event refers to it.
    # (Calendar.add_missing_timezones() does the same for Event objects; these
    # events are text from the cache.)
    parts = [time_zone_component(zone_name, now.year, last_year) for zone_name in zones]
    parts += events(deadlines, rows, site=site)
    head = calendar.to_ical().removesuffix(CALENDAR_END)
    return b"".join([head, *parts, CALENDAR_END])
