"""Endpoints of /api/v1/events/: the calendar's events, read by anyone.

The events come through the calendar's own filters (``events.filters.EventFilter``),
so the API lists the same events in the same order as the calendar and its feeds.
"""

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.errors import HttpError
from ninja.pagination import paginate

from klusteri.api import schemas
from klusteri.api.auth import reader
from klusteri.api.errors import InvalidInput
from klusteri.api.pagination import Pages
from klusteri.api.views import ERRORS, NOT_FOUND, filter_data
from klusteri.clusters.models import Cluster, ServiceArea
from klusteri.events.filters import EventFilter
from klusteri.events.models import Event
from klusteri.places.models import Region

router = Router(tags=["events"])

PLATFORM = "platform"


def calendar_filter(filters: schemas.EventFilters) -> EventFilter:
    """The calendar's form filled with the parameters. The page drops a code that
    means nothing; here it is refused, with each unknown code named."""
    lookups = {
        "organiser": (Cluster.objects, "slug"),
        "region": (Region.objects, "code"),
        "topic": (ServiceArea.objects, "slug"),
    }
    errors = {}
    for name, (objects, key) in lookups.items():
        given = [value for value in dict.fromkeys(getattr(filters, name)) if value != PLATFORM]
        if not given:
            continue
        found = set(objects.filter(**{f"{key}__in": given}).values_list(key, flat=True))
        unknown = [value for value in given if value not in found]
        if unknown:
            errors[name] = [_("Unknown code: %(codes)s.") % {"codes": ", ".join(unknown)}]
    if errors:
        raise InvalidInput(errors)
    return EventFilter(filter_data(filters))


def for_answers(events: QuerySet[Event]) -> QuerySet[Event]:
    """Everything an event's answer shows, in a fixed number of queries."""
    return events.select_related("organiser", "municipality__region").prefetch_related(
        "co_organisers", "topics", "ecosystems"
    )


@router.get(
    "/",
    response={200: list[schemas.Event], **ERRORS},
    url_name="event-list",
    summary="List events",
)
@paginate(Pages)
def event_list(
    request: HttpRequest,
    filters: Query[schemas.EventFilters],
    lang: schemas.Language | None = None,
):
    """The events of the calendar with its filters: by default the upcoming ones
    (not yet ended), the soonest first; `when=past` for past events, the latest
    first. Drafts are not listed."""
    events = calendar_filter(filters).narrow(
        Event.objects.visible_to(reader(request)), timezone.now()
    )
    return for_answers(events)


@router.get(
    "/{event_id}/",
    response={200: schemas.Event, **ERRORS, **NOT_FOUND},
    url_name="event-detail",
    summary="An event",
)
def event_detail(request: HttpRequest, event_id: int, lang: schemas.Language | None = None):
    """Everything public about one event, by its id."""
    event = for_answers(Event.objects.visible_to(reader(request))).filter(pk=event_id).first()
    if event is None:
        raise HttpError(404, _("There is no published event with this id."))
    return event
