"""The public funding finder, a call's page and a programme's page.

The finder works like the cluster directory (``clusters/views/directory.py``): the
whole search lives in the query string, the form is an ordinary GET form, and with
htmx a change of a filter fetches only the results and pushes the new address.

Anonymous visitors get the pages from ``core.pagecache`` ("funding"), which any
change of a call renews; what the clock changes (status, days left) is at most a
minute late there (``PAGE_TIMEOUT``), and never on a card (``cards.py``).
"""

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_safe

from klusteri.clusters.views.directory import (
    CappedPaginator,
    active_filters,
    page_number,
    render_list,
)
from klusteri.core import pagecache
from klusteri.funding import matching
from klusteri.funding.cards import call_cards, card_rows
from klusteri.funding.filters import CallFilter
from klusteri.funding.models import Call, Programme

PAGE_SIZE = 20
# As in the directory: nobody reads more than 50 pages of calls; a deep OFFSET
# costs in proportion to the rows skipped.
MAX_PAGES = 50


@require_safe
@pagecache.cache_anonymous_page("funding")
def call_list(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    filters = CallFilter(request.GET)
    # The page is found as narrow rows, what the cards' keys need: the database
    # sorts those, and reads a call in full only for a card not yet cached.
    found = card_rows(filters.apply(Call.objects.visible_to(request.user), now), now)
    paginator = CappedPaginator(found, PAGE_SIZE, max_pages=MAX_PAGES)
    page = paginator.get_page(page_number(request))

    query = request.GET.copy()
    query.pop("page", None)
    clear = QueryDict(mutable=True)
    if filters.values.get("sort"):
        clear["sort"] = filters.values["sort"]
    context = {
        "filters": filters,
        "page": page,
        "cards": call_cards(list(page.object_list), now),
        "query": query,
        "page_numbers": paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
        "active_filters": active_filters(query, filters),
        "clear_query": clear,
    }
    return render_list(request, "funding/call_list.html", "funding/_results.html", context)


@require_safe
@pagecache.cache_anonymous_page("funding")
def call_detail(request: HttpRequest, identifier: str) -> HttpResponse:
    call = get_object_or_404(
        Call.objects.visible_to(request.user)
        .select_related("programme")
        .prefetch_related("deadlines", "applicant_types", "regions", "ecosystems"),
        identifier=identifier,
    )
    return render(request, "funding/call_detail.html", {"call": call, "now": timezone.now()})


@require_safe
@pagecache.cache_anonymous_page("funding-matches")
def call_matches(request: HttpRequest, identifier: str) -> HttpResponse:
    """The clusters that match a call: into its page (htmx), or as a page."""
    call = get_object_or_404(Call.objects.visible_to(request.user), identifier=identifier)
    context = {"call": call, "cluster_matches": matching.clusters_for(call)}
    if request.headers.get("HX-Request"):
        response = render(request, "funding/_call_matches.html", context)
    else:
        response = render(request, "funding/call_matches.html", context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_safe
@pagecache.cache_anonymous_page("funding")
def programme_detail(request: HttpRequest, slug: str) -> HttpResponse:
    programme = get_object_or_404(Programme, slug=slug)
    now = timezone.now()
    calls = (
        Call.objects.visible_to(request.user)
        .filter(programme=programme)
        .not_closed(now)
        .by_next_deadline(now)
    )
    return render(
        request,
        "funding/programme_detail.html",
        {
            "programme": programme,
            "cards": call_cards(list(card_rows(calls, now)), now),
            # The reference data list several sources in one field, split by ";".
            "sources": [s.strip() for s in programme.source_url.split(";") if s.strip()],
        },
    )
