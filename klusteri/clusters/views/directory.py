"""The public cluster directory: search, filters, sort and pages, all in the query string.

Without JavaScript the filter form is an ordinary GET form. With htmx, changing a
filter or typing fetches only the results (the request has an ``HX-Request``
header) and pushes the new address, so links stay shareable and Back works.
"""

import math
from functools import cached_property

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_safe

from klusteri.clusters.cards import cluster_cards
from klusteri.clusters.filters import FILTER_CHOICES_TIMEOUT, ClusterFilter
from klusteri.clusters.models import Cluster
from klusteri.clusters.ranking import SEARCH_LIMIT
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


def page_number(request: HttpRequest) -> int:
    """The requested page; nonsense is page 1, and a page past the end the last
    page (``get_page`` takes care of that)."""
    try:
        return max(1, int(request.GET.get("page", 1)))
    except ValueError:
        return 1


def active_filters(query: QueryDict, filters: ClusterFilter) -> list[dict]:
    """Each value that narrows the list, with the query string that drops only it."""
    active = []
    for name, value, label in filters.active_choices():
        params = query.copy()
        params.setlist(name, [v for v in params.getlist(name) if v != value])
        if not params.getlist(name):
            del params[name]
        legend = filters.fields[name].label
        active.append({"legend": legend, "label": label, "query": params})
    return active


@require_safe
@pagecache.cache_anonymous_page("clusters")
def cluster_list(request: HttpRequest) -> HttpResponse:
    filters = ClusterFilter(request.GET)
    clusters = filters.rank(Cluster.objects.visible_to(request.user))
    paginator = CappedPaginator(clusters, PAGE_SIZE, max_pages=MAX_PAGES)
    page = paginator.get_page(page_number(request))

    # The links are the templates' {% querystring %} of these: the page's query
    # without its page number, and what clearing the filters keeps (the order).
    query = request.GET.copy()
    query.pop("page", None)
    clear = QueryDict(mutable=True)
    if filters.values.get("sort"):
        clear["sort"] = filters.values["sort"]
    context = {
        "filters": filters,
        "page": page,
        "cards": cluster_cards(list(page.object_list)),
        "query": query,
        "page_numbers": paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
        "active_filters": active_filters(query, filters),
        "clear_query": clear,
    }
    return render_list(request, "clusters/list.html", "clusters/_results.html", context)


def render_list(request: HttpRequest, page: str, results: str, context: dict) -> HttpResponse:
    """A list whose search lives in its query string (the directory, the funding
    finder): the whole ``page``, or for htmx only its ``results``, with the result
    count sent out of band. A history restore wants the whole page."""
    if request.headers.get("HX-Request") and not request.headers.get("HX-History-Restore-Request"):
        response = render(request, results, {**context, "swap_count": True})
    else:
        response = render(
            request, page, {**context, "filter_groups_timeout": FILTER_CHOICES_TIMEOUT}
        )
    # The same address answers a page or a fragment: caches must tell them apart.
    patch_vary_headers(response, ["HX-Request"])
    return response
