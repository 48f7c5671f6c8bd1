"""The public cluster directory: search, filters, sort and pages, all in the query string.

Without JavaScript the filter form is an ordinary GET form. With htmx, changing a
filter or typing fetches only the results (the request has an ``HX-Request``
header) and pushes the new address, so links stay shareable and Back works.
"""

import math
from collections.abc import Sequence
from functools import cached_property

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_safe

from klusteri.clusters.cards import cluster_cards
from klusteri.clusters.filters import FILTER_CHOICES_TIMEOUT, SEARCH_LIMIT, ClusterFilter
from klusteri.clusters.models import Cluster
from klusteri.core import pagecache

PAGE_SIZE = 20
# Deep pages are capped instead of paged by keyset. OFFSET makes the database walk
# past every skipped row, so page 500 of 10,000 clusters costs far more than page 1;
# keyset paging would fix that but cannot jump to a page number and does not fit the
# relevance order of a search. Nobody reads 50 pages of a directory: beyond them the
# page asks to narrow the search. 50 × 20 = 1,000, the same as the search's cut, so
# the slowest page is page 50 (an OFFSET of 980), whatever the size of the directory.
MAX_PAGES = SEARCH_LIMIT // PAGE_SIZE


class CappedPaginator(Paginator):
    """A paginator whose last page is at most ``max_pages``; ``count`` stays the
    full number of results."""

    def __init__(self, *args, max_pages: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.max_pages = max_pages

    @cached_property
    def num_pages(self) -> int:
        if self.count == 0 and not self.allow_empty_first_page:
            return 0
        hits = max(1, self.count - self.orphans)
        return min(math.ceil(hits / self.per_page), self.max_pages)

    @property
    def is_capped(self) -> bool:
        return self.count > self.max_pages * self.per_page


class RankedClusters(Sequence):
    """The clusters of a filtered search, in the order of relevance, for the paginator.

    Ordering up to a thousand matches by their rank in the database costs more than
    everything else on the page (one string lookup per row). Here the database only
    says which of the ranked clusters pass the filters, and fetches the rows of the
    page shown."""

    def __init__(self, clusters: QuerySet[Cluster], ranked: list[int]):
        self.clusters = clusters.order_by()
        passing = set(self.clusters.values_list("pk", flat=True))
        self.pks = [pk for pk in ranked if pk in passing]

    def __len__(self) -> int:
        return len(self.pks)

    def __getitem__(self, index: slice) -> list[Cluster]:
        pks = self.pks[index]
        # These passed the filters already. By primary key alone the database uses
        # its index; beside the filters' list of a thousand PostgreSQL scans the table.
        by_pk = Cluster.objects.for_cards().in_bulk(pks)
        return [by_pk[pk] for pk in pks if pk in by_pk]  # unless deleted meanwhile


def _page_number(request: HttpRequest) -> int:
    """The requested page; nonsense is page 1, and a page past the end the last
    page (``get_page`` takes care of that)."""
    try:
        return max(1, int(request.GET.get("page", 1)))
    except ValueError:
        return 1


def _url(path: str, query: QueryDict) -> str:
    return f"{path}?{query.urlencode()}" if query else path


def _page_links(path: str, query: QueryDict, page: Page) -> dict:
    def link(number: int) -> str:
        params = query.copy()
        if number > 1:
            params["page"] = str(number)
        return _url(path, params)

    numbers = []
    for number in page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1):
        if number == page.paginator.ELLIPSIS:
            numbers.append({"ellipsis": True})
        else:
            numbers.append(
                {"number": number, "url": link(number), "current": number == page.number}
            )
    return {
        "numbers": numbers,
        "previous": link(page.previous_page_number()) if page.has_previous() else "",
        "next": link(page.next_page_number()) if page.has_next() else "",
    }


def _active_filters(path: str, query: QueryDict, filters: ClusterFilter) -> list[dict]:
    """Each value that narrows the list, with a link that drops only it."""
    active = []
    for name, value, label in filters.active_choices():
        params = query.copy()
        params.setlist(name, [v for v in params.getlist(name) if v != value])
        legend = filters.fields[name].label
        active.append({"legend": legend, "label": label, "url": _url(path, params)})
    return active


@require_safe
@pagecache.cache_anonymous_page("clusters")
def cluster_list(request: HttpRequest) -> HttpResponse:
    filters = ClusterFilter(request.GET)
    clusters = filters.filter(Cluster.objects.visible_to(request.user).for_cards())
    if filters.ranked is not None and filters.sort_key == "relevance":
        clusters = RankedClusters(clusters, filters.ranked)
    paginator = CappedPaginator(clusters, PAGE_SIZE, max_pages=MAX_PAGES)
    page = paginator.get_page(_page_number(request))

    query = request.GET.copy()
    query.pop("page", None)
    clear = QueryDict(mutable=True)
    if filters.values.get("sort"):
        clear["sort"] = filters.values["sort"]
    context = {
        "filters": filters,
        "page": page,
        "cards": cluster_cards(list(page.object_list)),
        "query": query.urlencode(),
        "pages": _page_links(request.path, query, page),
        "active_filters": _active_filters(request.path, query, filters),
        "clear_url": _url(request.path, clear),
    }
    # A history restore wants the whole page; any other htmx request only the results.
    if request.headers.get("HX-Request") and not request.headers.get("HX-History-Restore-Request"):
        response = render(request, "clusters/_results.html", {**context, "swap_count": True})
    else:
        context["filter_groups_timeout"] = FILTER_CHOICES_TIMEOUT
        response = render(request, "clusters/list.html", context)
    # The same address answers a page or a fragment: caches must tell them apart.
    patch_vary_headers(response, ["HX-Request"])
    return response
