"""The calendar: the list of upcoming (or past) events, the month view, an event's
page and a series' page.

The list works like the funding finder (``funding/views/finder.py``): the whole
search lives in the query string (``filters.EventFilter``), the form is an
ordinary GET form, and with htmx a change of a filter fetches only the results.
Anonymous visitors get the pages from ``core.pagecache`` ("events"), which any
change of an event, a registration or a cluster renews.

Every page reads a constant number of rows whatever the number of events: the
cards' relations by ``select_related``, the seats of a page's events in one
grouped query (``cards.with_seats``), never one query per event.
"""

import calendar as calendar_module
import json
from datetime import date, timedelta

from django.core.cache import cache
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.views.decorators.http import require_safe

from klusteri.clusters.views.directory import (
    CappedPaginator,
    active_filters,
    page_number,
    render_list,
)
from klusteri.core import pagecache
from klusteri.events.cards import event_cards, with_seats
from klusteri.events.filters import FIRST_YEAR, LAST_YEAR, EventFilter, month_bounds
from klusteri.events.models import (
    Event,
    EventLanguage,
    EventSeries,
    Format,
    LinkVisibility,
)
from klusteri.events.views.registration import registration_context

PAGE_SIZE = 20
# As in the directory: nobody reads more than 50 pages of events.
MAX_PAGES = 50
# The organiser's other upcoming events on an event's page.
OTHER_EVENTS = 5
# A series' page lists this many of its past occurrences.
SERIES_PAST = 6


def calendar_events(request: HttpRequest):
    """The events the person may see, with what a card shows."""
    return Event.objects.visible_to(request.user).select_related(
        "organiser", "municipality__region"
    )


@require_safe
@pagecache.cache_anonymous_page("events")
def event_list(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    filters = EventFilter(request.GET)
    # The page is found as narrow rows (the ordering's columns, which DISTINCT
    # wants selected); a card is read in full only when it is not cached.
    found = filters.narrow(Event.objects.visible_to(request.user), now).values_list(
        "pk", "starts_at"
    )
    paginator = CappedPaginator(found, PAGE_SIZE, max_pages=MAX_PAGES)
    page = paginator.get_page(page_number(request))

    query = request.GET.copy()
    query.pop("page", None)
    clear = QueryDict(mutable=True)
    if filters.values.get("when"):
        clear["when"] = filters.values["when"]
    # The other tab: the same filters, the other time.
    other_when = query.copy()
    other_when["when"] = "upcoming" if filters.when_key == "past" else "past"
    today = timezone.localdate(now)
    context = {
        "filters": filters,
        "page": page,
        "cards": event_cards([pk for pk, _start in page.object_list]),
        "query": query,
        "page_numbers": paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
        "active_filters": active_filters(query, filters),
        "clear_query": clear,
        "other_when": other_when,
        "feed_query": feed_query(query),
        "this_month": (today.year, today.month),
    }
    return render_list(request, "events/event_list.html", "events/_results.html", context)


def feed_query(query: QueryDict) -> QueryDict:
    """The list's query without what a feed ignores (the time and the page)."""
    feed = query.copy()
    for name in ("when", "page"):
        feed.pop(name, None)
    return feed


def neighbour_months(year: int, month: int) -> tuple[tuple[int, int], tuple[int, int]]:
    previous = (year - 1, 12) if month == 1 else (year, month - 1)
    following = (year + 1, 1) if month == 12 else (year, month + 1)
    return previous, following


@require_safe
@pagecache.cache_anonymous_page("events")
def event_month(request: HttpRequest, year: int, month: int) -> HttpResponse:
    """A month as a table of weeks (wide screens) and as a list of the days that
    have events (narrow screens, and screen readers in a hurry): the same events."""
    if not (FIRST_YEAR <= year <= LAST_YEAR and 1 <= month <= 12):
        raise Http404
    filters = EventFilter(request.GET)
    first_day = date(year, month, 1)
    today = timezone.localdate()
    # Anonymous visitors all see the listed events: their month is kept by the
    # meaning of its filters, whatever else the address holds.
    key = pagecache.fragment_key("events", "month", year, month, today, filters.canonical())
    body = cache.get(key) if not request.user.is_authenticated else None
    if body is None:
        body = render_to_string(
            "events/_month_body.html", month_context(request, filters, year, month, today), request
        )
        if not request.user.is_authenticated:
            cache.set(key, body, pagecache.PAGE_TIMEOUT)
    context = {"month_start": first_day, "body": mark_safe(body)}  # noqa: S308 - rendered above
    return render(request, "events/event_month.html", context)


def month_context(request: HttpRequest, filters: EventFilter, year: int, month: int, today):
    start, following = month_bounds(year, month)
    events = (
        filters.narrow_unordered(calendar_events(request))
        .filter(starts_at__lt=following, ends_at__gte=start)
        .order_by("starts_at", "pk")
    )
    events = list(events)
    first_day, last_day = start.date(), (following - timedelta(days=1)).date()
    by_day: dict[date, list[Event]] = {}
    for event in events:
        # An event of several days is on each of them, on its own zone's calendar.
        day = max(event.local_start.date(), first_day)
        end = min(event.local_end.date(), last_day)
        while day <= end:
            by_day.setdefault(day, []).append(event)
            day += timedelta(days=1)
    weeks = [
        [(day, day.month == month, by_day.get(day, [])) for day in week]
        for week in calendar_module.Calendar(firstweekday=0).monthdatescalendar(year, month)
    ]
    previous, following_month = neighbour_months(year, month)
    # The links keep the filters as understood, without the month and the time.
    query = QueryDict(filters.canonical(), mutable=True)
    query.pop("month", None)
    query.pop("when", None)
    return {
        "filters": filters,
        "month_start": first_day,
        "weeks": weeks,
        "days": sorted(by_day.items()),
        "previous": previous if previous[0] >= FIRST_YEAR else None,
        "following": following_month if following_month[0] <= LAST_YEAR else None,
        "query": query,
        "today": today,
        "weekdays": [date(2024, 1, day) for day in range(1, 8)],  # a Monday to Sunday
    }


# An event's page ------------------------------------------------------------------

SCHEMA_STATUS = {
    Event.Status.PUBLISHED: "https://schema.org/EventScheduled",
    Event.Status.COMPLETED: "https://schema.org/EventScheduled",
    Event.Status.DRAFT: "https://schema.org/EventScheduled",
    Event.Status.CANCELLED: "https://schema.org/EventCancelled",
    Event.Status.POSTPONED: "https://schema.org/EventPostponed",
}
SCHEMA_MODE = {
    Format.IN_PERSON: "https://schema.org/OfflineEventAttendanceMode",
    Format.ONLINE: "https://schema.org/OnlineEventAttendanceMode",
    Format.HYBRID: "https://schema.org/MixedEventAttendanceMode",
}
# What json_script escapes: inside <script> no "</script>" nor "<!--" can begin.
JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld(event: Event, request: HttpRequest) -> SafeString:
    """The schema.org Event of the page, as JSON safe inside a
    ``<script type="application/ld+json">`` (a data block: the CSP lets it be, as
    no browser runs it). What it says is what everyone may see: the online link
    only if it is for everyone."""
    page = request.build_absolute_uri(event.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": event.description,
        "url": page,
        "startDate": event.local_start.isoformat(),
        "endDate": event.local_end.isoformat(),
        "eventStatus": SCHEMA_STATUS[event.status],
        "eventAttendanceMode": SCHEMA_MODE[event.format],
        "inLanguage": list(event.languages),
    }
    locations = []
    if event.format != Format.ONLINE:
        address = {"@type": "PostalAddress", "addressCountry": "FI"}
        if event.street_address:
            address["streetAddress"] = event.street_address
        if event.postal_code:
            address["postalCode"] = event.postal_code
        if event.municipality:
            address["addressLocality"] = event.municipality.name
            address["addressRegion"] = event.municipality.region.name
        locations.append({"@type": "Place", "name": event.venue_name or "", "address": address})
    if event.format != Format.IN_PERSON:
        public = event.online_url and event.online_url_visibility == LinkVisibility.EVERYONE
        locations.append({"@type": "VirtualLocation", "url": event.online_url if public else page})
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations
    organisers = [event.organiser, *event.co_organisers.all()]
    data["organizer"] = [
        {
            "@type": "Organization",
            "name": cluster.name,
            "url": request.build_absolute_uri(cluster.get_absolute_url()),
        }
        if cluster is not None
        else {
            "@type": "Organization",
            "name": "Klusteri",
            "url": request.build_absolute_uri(reverse("core:home")),
        }
        for cluster in organisers
    ]
    text = json.dumps(data, ensure_ascii=False).translate(JSON_ESCAPES)
    return mark_safe(text)  # noqa: S308 - made of JSON, its markup characters escaped


# What an event's page reads of its event on every request (who may see it, the
# registration box, the online link); the rest, the texts and the relations, only
# when its parts are rendered (``page_parts``).
REQUEST_COLUMNS = [
    "pk", "status", "organiser_id", "series_id", "starts_at", "ends_at", "time_zone",
    "registration_required", "registration_opens_at", "registration_closes_at", "capacity",
    "reserved_seats", "audience", "asks_organisation", "online_url", "online_url_visibility",
]  # fmt: skip


def page_parts(request: HttpRequest, event: Event, online_url: str, now) -> dict:
    """The parts of an event's page that are the same for everyone who may see it
    and its online link: the title and description of its head, the head, the
    details (with the organiser's other events) and the JSON-LD. Rendered once per
    change of the events, language and site, and at most a minute late on the clock
    (an event ending, the next ones)."""
    has_ended = event.has_ended(now)
    key = pagecache.fragment_key(
        "events", "page", event.pk, request.scheme, request.get_host(), has_ended, bool(online_url)
    )
    parts = cache.get(key)
    if parts is not None:
        return {name: mark_safe(html) for name, html in parts.items()}  # noqa: S308
    event = (
        Event.objects.select_related("organiser", "municipality__region", "series")
        .prefetch_related("co_organisers", "topics", "ecosystems")
        .get(pk=event.pk)
    )
    # The organiser's own events (not those it co-organises): the index on the
    # organiser and the start finds them at once among thousands.
    others = (
        Event.objects.listed()
        .filter(organiser=event.organiser)
        .exclude(pk=event.pk)
        .upcoming(now)
        .values_list("pk", flat=True)[:OTHER_EVENTS]
    )
    with_seats([event])
    context = {
        "event": event,
        "online_url": online_url,
        "has_ended": has_ended,
        "other_cards": event_cards(list(others)),
        "json_ld": json_ld(event, request),
        "languages": [
            EventLanguage(code).label for code in event.languages if code in EventLanguage.values
        ],
    }
    parts = {
        name: render_to_string(f"events/_event_{name}.html", context, request)
        for name in ("head", "body", "json_ld")
    }
    # The page's <title> and description, which the base layout puts in its head.
    parts["title"] = conditional_escape(event.title)
    parts["description"] = conditional_escape(Truncator(event.description).words(40))
    cache.set(key, parts, pagecache.PAGE_TIMEOUT)
    return {name: mark_safe(html) for name, html in parts.items()}  # noqa: S308


@require_safe
@pagecache.cache_anonymous_page("events")
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(Event.objects.visible_to(request.user).only(*REQUEST_COLUMNS), pk=pk)
    registration = registration_context(request, event)
    online_url = event.online_url_for(request.user, registration.get("registration"))
    context = {
        "event": event,
        "parts": page_parts(request, event, online_url, timezone.now()),
        "may_manage": event.is_managed_by(request.user),
        **registration,
    }
    return render(request, "events/event_detail.html", context)


@require_safe
@pagecache.cache_anonymous_page("events")
def series_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A series and its occurrences: the ones ahead, and the last few past. A
    series with no occurrence listed yet is its organisers' alone."""
    now = timezone.now()
    visible = Event.objects.visible_to(request.user).select_related(
        "organiser", "municipality__region"
    )
    series = get_object_or_404(
        EventSeries.objects.select_related("organiser", "municipality").prefetch_related(
            Prefetch("topics")
        ),
        pk=pk,
    )
    occurrences = visible.filter(series=series)
    may_manage = EventSeries.objects.managed_by(request.user).filter(pk=series.pk).exists()
    if not may_manage and not occurrences.exists():
        raise Http404
    upcoming = with_seats(list(occurrences.upcoming(now)[: PAGE_SIZE * 2]))
    past = with_seats(list(occurrences.past(now)[:SERIES_PAST]))
    return render(
        request,
        "events/series_detail.html",
        {"series": series, "upcoming": upcoming, "past": past, "may_manage": may_manage},
    )
