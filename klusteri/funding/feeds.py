"""The funding deadlines as an iCalendar feed (RFC 5545) that a calendar subscribes to.

One event per deadline still ahead of each published call the finder's filters let
through: a two-stage call has two, a call with cut-off dates one per date. An event
starts at the deadline in the funder's own time zone (``DTSTART;TZID=…``), and the
calendar carries a VTIMEZONE for each zone it uses, so a calendar shows 17:00
Brussels time as 18:00 in Helsinki. Its UID names the call and the moment in UTC,
so a feed read again updates the events a calendar has instead of doubling them.

A feed of every open call holds thousands of events. icalendar makes the calendar's
head and its time zones, but it takes close to a millisecond to make and write an
event object (4 s for the 4,900 deadlines ahead of 5,000 calls); the events are
written here as content lines, straight from the rows of one query, with
icalendar's own escaping and folding, in a tenth of that, and icalendar reads them
back in the tests. A feed is kept per meaning, not per address: the filters as the finder
understands them, the language and the site, for a minute or until the section's
data change ("funding" version of ``core.pagecache``). Addresses that differ only
in the order of their parameters, or in parameters that mean nothing, share it.
"""

import functools
import hashlib
import re
import threading
import time
import uuid
from collections import OrderedDict
from datetime import date, datetime, timedelta
from urllib.parse import quote, urlencode
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.core.cache import cache
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.http import RFC3986_SUBDELIMS
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from icalendar import Calendar, Timezone
from icalendar.parser import Contentline
from icalendar.prop import vText
from modeltranslation.utils import resolution_order

from klusteri.core import pagecache
from klusteri.funding.filters import CallFilter
from klusteri.funding.models import Call, Deadline

UID_DOMAIN = "klusteri.fi"
# How often a subscribed calendar should read the feed again.
REFRESH_INTERVAL = timedelta(hours=6)
# A feed is kept this long (seconds) at most: deadlines pass and calls open by the clock.
FEED_TIMEOUT = pagecache.PAGE_TIMEOUT
# Feeds each process keeps in its memory too (``RecentFeeds``): a few megabytes each.
RECENT_FEEDS = 6
LANGUAGES = settings.MODELTRANSLATION_LANGUAGES
CALENDAR_END = b"END:VCALENDAR\r\n"
# TEXT may hold no control characters but the tab; line breaks are escaped.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


# Content lines -------------------------------------------------------------------


def text(value: str) -> str:
    """A TEXT value (RFC 5545, 3.3.11), escaped by icalendar; control characters dropped."""
    return vText(CONTROL.sub("", value)).to_ical().decode()


def content_line(name: str, value: str) -> bytes:
    """``NAME:value``, folded by icalendar at 75 octets."""
    return Contentline(f"{name}:{value}").to_ical() + b"\r\n"


def utc(moment: datetime) -> str:
    return f"{moment.astimezone(timezone.UTC):%Y%m%dT%H%M%SZ}"


def zone(name: str) -> ZoneInfo | None:
    """The deadline's time zone; None if its name is not one (the event is then in UTC)."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


# Events --------------------------------------------------------------------------


COLUMNS = [
    "at",
    "time_zone",
    "label",
    "call__identifier",
    "call__changed_at",
    *(f"call__title_{language}" for language in LANGUAGES),
    *(f"call__programme__name_{language}" for language in LANGUAGES),
]
# Stands for the identifier in the call page's address (a slug: reverse() keeps it).
ADDRESS_MARKER = "call-identifier"


def event_uid(identifier: str, moment: datetime) -> str:
    """Stable for the same deadline of the same call, in every language and feed."""
    return f"{identifier}-{utc(moment)}@{UID_DOMAIN}"


class EventWriter:
    """Writes the VEVENT of a deadline (a row of ``COLUMNS``) in the current
    language. What is the same for every event (the translated phrases, the order
    of the languages, the call page's address) is looked up once per feed: for
    thousands of events those lookups took longer than the writing. ``site`` is the
    scheme and host the links start with: ``https://klusteri.fi``."""

    def __init__(self, site: str) -> None:
        self.languages = resolution_order(get_language())
        self.deadline = _("Deadline: %(title)s")
        self.labelled_deadline = _("Deadline (%(label)s): %(title)s")
        self.lines = [
            _("Programme: %(programme)s"),
            _("Call identifier: %(identifier)s"),
            _("Time zone of the deadline: %(zone)s"),
            _("The call page: %(address)s"),
        ]
        # The call page's address as reverse() makes it, the identifier quoted alike.
        page = reverse("funding:call-detail", args=[ADDRESS_MARKER])
        self.page_prefix, _marker, self.page_suffix = page.partition(ADDRESS_MARKER)
        self.site = site

    def translated(self, row: dict, field: str) -> str:
        """The field in the current language, with the site's fallback fi → en → sv."""
        values = (row[f"{field}_{language}"] for language in self.languages)
        return next((value for value in values if value), "")

    def call_address(self, identifier: str) -> str:
        quoted = quote(identifier, safe=RFC3986_SUBDELIMS + "/~:@")
        return f"{self.site}{self.page_prefix}{quoted}{self.page_suffix}"

    def event(self, row: dict) -> bytes:
        identifier, moment, label = row["call__identifier"], row["at"], row["label"]
        title = self.translated(row, "call__title")
        address = self.call_address(identifier)
        if label:
            summary = self.labelled_deadline % {"label": label, "title": title}
        else:
            summary = self.deadline % {"title": title}
        programme, number, time_zone, page = self.lines
        description = "\n".join(
            [
                programme % {"programme": self.translated(row, "call__programme__name")},
                number % {"identifier": identifier},
                time_zone % {"zone": row["time_zone"]},
                page % {"address": address},
            ]
        )
        local = zone(row["time_zone"])
        if local is None:
            start = content_line("DTSTART", utc(moment))
        else:
            start = content_line(
                f"DTSTART;TZID={local.key}", f"{moment.astimezone(local):%Y%m%dT%H%M%S}"
            )
        # When the call last changed in what a follower sees: stable between reads.
        changed = utc(row["call__changed_at"])
        return b"".join(
            [
                b"BEGIN:VEVENT\r\n",
                content_line("UID", text(event_uid(identifier, moment))),
                content_line("DTSTAMP", changed),
                content_line("LAST-MODIFIED", changed),
                start,  # no DTEND: a deadline is a moment, not a stretch of time
                content_line("SUMMARY", text(summary)),
                content_line("DESCRIPTION", text(description)),
                content_line("URL", address),
                b"TRANSP:TRANSPARENT\r\n",  # a deadline makes nobody busy
                b"END:VEVENT\r\n",
            ]
        )


@functools.cache
def time_zone_component(name: str, first_year: int, last_year: int) -> bytes:
    """The VTIMEZONE of ``name`` for the years given (its rules do not change while
    the process runs; the years bound the observances it lists). Empty for UTC,
    which needs none, and for a name that is not a time zone."""
    if zone(name) is None or zone(name).key == "UTC":
        return b""
    try:
        component = Timezone.from_tzid(
            name, first_date=date(first_year, 1, 1), last_date=date(last_year + 1, 1, 1)
        )
    except ValueError:
        return b""
    return component.to_ical()


# The feed ------------------------------------------------------------------------


def upcoming_deadlines(calls: QuerySet[Call], now: datetime) -> QuerySet[Deadline]:
    """The deadlines still ahead of the published ones of ``calls``, soonest first."""
    published = calls.published().values("pk")
    return Deadline.objects.filter(call__in=published, at__gte=now).order_by("at", "pk")


def deadline_calendar(
    calls: QuerySet[Call], *, site: str, address: str, now: datetime | None = None
) -> bytes:
    """The feed of the deadlines ahead of ``calls`` (published ones only), in the
    current language, in one query. ``address`` is the feed's, which names it."""
    now = now or timezone.now()
    rows = list(upcoming_deadlines(calls, now).values(*COLUMNS))
    language = get_language() or "fi"
    calendar = Calendar.new(
        prodid=f"-//Klusteri//Funding deadlines//{language.upper()}",
        method="PUBLISH",
        calscale="GREGORIAN",
        name=_("Klusteri: funding deadlines"),
        description=_("Deadlines of funding calls for clusters, from Klusteri."),
        language=language,
        refresh_interval=REFRESH_INTERVAL,
        # The same feed is the same calendar; another filter, another one.
        uid=str(uuid.uuid5(uuid.NAMESPACE_URL, address)),
        url=address,
    )
    calendar.add("x-published-ttl", REFRESH_INTERVAL)  # REFRESH-INTERVAL for Outlook
    last_year = max((row["at"].year for row in rows), default=now.year)
    zones = sorted({row["time_zone"] for row in rows})
    # The time zones first: a calendar must know a TZID before an event uses it.
    # (Calendar.add_missing_timezones() does this for icalendar's own events.)
    parts = [time_zone_component(name, now.year, last_year) for name in zones]
    if rows:
        writer = EventWriter(site)
        parts += [writer.event(row) for row in rows]
    head = calendar.to_ical().removesuffix(CALENDAR_END)
    return b"".join([head, *parts, CALENDAR_END])


def canonical_query(form: CallFilter) -> str:
    """The filters that decide which deadlines a feed holds, as the finder
    understood them, in a fixed order: the same for every address that means the
    same feed. (The order of the results does not matter to a calendar.)"""
    pairs = []
    for name, value in form.values.items():
        if name == "sort" or value in (None, "", []):
            continue
        values = value if isinstance(value, list) else [value]
        field = form.fields[name]
        key = getattr(field, "to_field_name", None)
        pairs += [(name, v) for v in sorted(str(getattr(v, key) if key else v) for v in values)]
    return urlencode(pairs)


class RecentFeeds:
    """The last few feeds this process served, by cache key, each until it expires.
    A feed of every open call runs to megabytes, and reading that from the shared
    cache (Redis in production) takes several times as long as a trivial page; the
    key holds the section's version, which the shared cache still says, so a change
    of the data is seen at once."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.feeds: OrderedDict[str, tuple[float, bytes]] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str) -> bytes | None:
        with self.lock:
            expires, body = self.feeds.get(key, (0.0, b""))
            if expires <= time.time():
                self.feeds.pop(key, None)
                return None
            self.feeds.move_to_end(key)
            return body

    def keep(self, key: str, body: bytes, expires: float) -> None:
        with self.lock:
            self.feeds[key] = (expires, body)
            self.feeds.move_to_end(key)
            while len(self.feeds) > self.size:
                self.feeds.popitem(last=False)


recent_feeds = RecentFeeds(size=RECENT_FEEDS)


def cached_calendar(form: CallFilter, *, site: str) -> bytes:
    """The feed of ``form``'s calls in the current language, made at most once a
    minute per meaning (``canonical_query``) and after every change of the data."""
    query = canonical_query(form)
    digest = hashlib.sha256(query.encode()).hexdigest()
    key = pagecache.fragment_key("funding", "ical", site, digest)
    body = recent_feeds.get(key)
    if body is not None:
        return body
    # With the moment it expires, so that no process keeps it longer.
    expires, body = cache.get(key) or (0.0, None)
    if body is None or expires <= time.time():
        path = reverse("funding:ical")
        address = f"{site}{path}?{query}" if query else f"{site}{path}"
        body = deadline_calendar(form.apply(Call.objects.all()), site=site, address=address)
        expires = time.time() + FEED_TIMEOUT
        cache.set(key, (expires, body), FEED_TIMEOUT)
    recent_feeds.keep(key, body, expires)
    return body
