"""The calendar feeds (iCal): one event, all events (narrowed by the list's query
string), a cluster's, a topic's and a person's own registrations; and the new
events as RSS and Atom.

The public feeds are the same for everyone, so a calendar subscribes without
signing in; anonymous requests are answered from the page cache ("events"). The
personal feed's address holds the person's secret (``FeedToken.key``): an unknown
key is 404, and the feed is never cached.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from klusteri.clusters.models import Cluster, ServiceArea
from klusteri.core import pagecache
from klusteri.events import feeds
from klusteri.events.filters import EventFilter
from klusteri.events.models import Event, FeedToken, Registration


def site_of(request: HttpRequest) -> str:
    return f"{request.scheme}://{request.get_host()}"


def ical_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_safe
@pagecache.cache_anonymous_page("events")
def event_ics(request: HttpRequest, pk: int) -> HttpResponse:
    """One event, for "Add to calendar": as the person's page shows it (a draft
    only to its organisers)."""
    event = get_object_or_404(
        Event.objects.visible_to(request.user).select_related("organiser", "municipality"), pk=pk
    )
    body = feeds.calendar(
        [event],
        name=event.title,
        address=request.build_absolute_uri(),
        site=site_of(request),
        online_url=lambda event: event.online_url_for(request.user),
    )
    response = ical_response(body, f"klusteri-event-{event.pk}.ics")
    response["Content-Disposition"] = f'attachment; filename="klusteri-event-{event.pk}.ics"'
    return response


@require_safe
@pagecache.cache_anonymous_page("events")
def event_ical(request: HttpRequest) -> HttpResponse:
    """Every listed event ahead (and of the last weeks) that the list's filters keep."""
    filters = EventFilter(request.GET)
    events = feeds.feed_events(filters.narrow_unordered(Event.objects.all()))
    body = feeds.calendar(
        events,
        name=_("Klusteri: events"),
        address=request.build_absolute_uri(),
        site=site_of(request),
    )
    return ical_response(body, "klusteri-events.ics")


@require_safe
@pagecache.cache_anonymous_page("events")
def cluster_ical(request: HttpRequest, slug: str) -> HttpResponse:
    """The events a cluster organises or co-organises."""
    cluster = get_object_or_404(Cluster.objects.visible_to(request.user), slug=slug)
    events = feeds.feed_events(Event.objects.organised_by(cluster))
    body = feeds.calendar(
        events,
        name=_("Klusteri: events of %(cluster)s") % {"cluster": cluster.name},
        address=request.build_absolute_uri(),
        site=site_of(request),
    )
    return ical_response(body, f"klusteri-events-{cluster.slug}.ics")


@require_safe
@pagecache.cache_anonymous_page("events")
def topic_ical(request: HttpRequest, slug: str) -> HttpResponse:
    topic = get_object_or_404(ServiceArea, slug=slug)
    events = feeds.feed_events(Event.objects.filter(topics=topic))
    body = feeds.calendar(
        events,
        name=_("Klusteri: events on %(topic)s") % {"topic": topic.name},
        address=request.build_absolute_uri(),
        site=site_of(request),
    )
    return ical_response(body, f"klusteri-events-{topic.slug}.ics")


@never_cache
@require_safe
def personal_ical(request: HttpRequest, key: str) -> HttpResponse:
    """The events of a person's active registrations (waiting ones too, so that
    the day is kept free), the online link where they may see it."""
    token = get_object_or_404(FeedToken.objects.select_related("user"), key=key)
    registrations = {
        registration.event_id: registration
        for registration in Registration.objects.filter(
            user=token.user, state__in=Registration.ACTIVE
        ).select_related("event__organiser", "event__municipality")
    }
    events = sorted(
        (r.event for r in registrations.values() if r.event.is_listed),
        key=lambda event: (event.starts_at, event.pk),
    )
    body = feeds.calendar(
        events,
        name=_("Klusteri: my events"),
        address=request.build_absolute_uri(),
        site=site_of(request),
        online_url=lambda event: event.online_url_for(token.user, registrations[event.pk]),
    )
    return ical_response(body, "klusteri-my-events.ics")


new_events_rss = require_safe(pagecache.cache_anonymous_page("events")(feeds.NewEventsRss()))
new_events_atom = require_safe(pagecache.cache_anonymous_page("events")(feeds.NewEventsAtom()))
