"""Endpoints of /api/v1/funding/: programmes and calls, read by anyone.

The calls come through the funding finder's own filters (``funding.filters.
CallFilter``), so the API lists the same calls in the same order as the finder,
the saved searches and the deadlines feed.
"""

from typing import Annotated

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Path, Query, Router
from ninja.errors import HttpError
from ninja.pagination import paginate

from klusteri.api import schemas
from klusteri.api.auth import reader
from klusteri.api.errors import InvalidInput
from klusteri.api.pagination import Pages
from klusteri.api.views import ERRORS, NOT_FOUND, filter_data
from klusteri.funding.filters import CallFilter
from klusteri.funding.models import Call, Programme

router = Router(tags=["funding"])

# The finder's filters that take codes and slugs, and how each names its values.
CODED_FILTERS = {"applicant": "slug", "ecosystem": "slug", "region": "code", "country": None}


def finder(filters: schemas.CallFilters) -> CallFilter:
    """The finder's form filled with the parameters. The page drops a value that
    means nothing; here it is refused, with each unknown code named."""
    form = CallFilter(filter_data(filters))
    known = form.values
    errors = {}
    for name, key in CODED_FILTERS.items():
        given = getattr(filters, name)
        found = {getattr(value, key) if key else value for value in known.get(name, [])}
        unknown = [value for value in dict.fromkeys(given) if value not in found]
        if unknown:
            errors[name] = [_("Unknown code: %(codes)s.") % {"codes": ", ".join(unknown)}]
    if errors:
        raise InvalidInput(errors)
    return form


def for_answers(calls: QuerySet[Call]) -> QuerySet[Call]:
    """Everything a call's answer shows, in a fixed number of queries."""
    return calls.for_cards().prefetch_related("applicant_types", "regions", "ecosystems")


@router.get(
    "/programmes/",
    response={200: list[schemas.Programme], 422: schemas.InvalidInput},
    url_name="funding-programme-list",
    summary="List funding programmes",
)
@paginate(Pages)
def programme_list(
    request: HttpRequest,
    filters: Query[schemas.ProgrammeFilters],
    lang: schemas.Language | None = None,
):
    """The funding programmes and instruments that calls belong to (EU, Nordic,
    national and regional), by name."""
    programmes = Programme.objects.all()
    if filters.level:
        programmes = programmes.filter(level__in=filters.level)
    if filters.kind:
        programmes = programmes.filter(kind__in=filters.kind)
    if filters.active is not None:
        programmes = programmes.filter(is_active=filters.active)
    return programmes.order_by("name", "slug")


@router.get(
    "/calls/",
    response={200: list[schemas.Call], **ERRORS},
    url_name="funding-call-list",
    summary="List funding calls",
)
@paginate(Pages)
def call_list(
    request: HttpRequest,
    filters: Query[schemas.CallFilters],
    lang: schemas.Language | None = None,
):
    """The calls of the funding finder, with its filters and sort orders: by default
    the open and forthcoming calls, the next deadline first."""
    calls = finder(filters).apply(Call.objects.visible_to(reader(request)))
    return for_answers(calls)


@router.get(
    "/calls/{identifier}/",
    response={200: schemas.Call, **ERRORS, **NOT_FOUND},
    url_name="funding-call-detail",
    summary="A funding call",
)
def call_detail(
    request: HttpRequest,
    identifier: Annotated[
        str, Path(description="The funder's call identifier, e.g. HORIZON-EIE-2027-CONNECT-01.")
    ],
    lang: schemas.Language | None = None,
):
    """Everything the call's page shows, by the funder's call identifier."""
    # PostgreSQL refuses to compare text holding a NUL character; no identifier has one.
    calls = Call.objects.visible_to(reader(request)).filter(identifier=identifier)
    call = None if "\x00" in identifier else for_answers(calls).first()
    if call is None:
        raise HttpError(404, _("There is no published funding call with this identifier."))
    return call
