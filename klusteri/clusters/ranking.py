"""The directory's order, in one place: the page, the API, the exports and the map.

There are four orders. **Relevance** is the order of the search
(``klusteri.search.search``): first the clusters with every query word in their
name, then the others in one ranking by the database's engine (bm25, ts_rank_cd)
across their names, taxonomies, place, descriptions and public members' names,
each weighted (``clusters/search.py`` says what goes in which weight). Without
search words relevance is the **name** order. **Size** and **newest** are columns.
A search keeps its ``SEARCH_LIMIT`` best matches and says when it cut there.

``RankedClusters`` is the result as a sequence: ``len()`` is the number of clusters,
a slice is a page of them, fetched when it is asked for. The directory page (Django's
paginator) and the API's list (django-ninja's) both slice it, so for the same filters
they list the same clusters in the same order. ``queryset`` is the same order as one
QuerySet, for what needs a QuerySet (the exports, the map's counts).
"""

from collections.abc import Sequence
from functools import cached_property

from django.db.models import CharField, QuerySet, Value, prefetch_related_objects
from django.db.models.functions import Cast, Concat, Lower, StrIndex
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import get_language, resolution_order

from klusteri import search as search_index
from klusteri.clusters.models import Cluster, name_sort_key
from klusteri.clusters.search import KIND

# Broad searches are ranked and cut here: the directory shows the best matches, and
# says so when the cut was made. Ranking a thousand matches in Python takes
# milliseconds; the search's own bound (``search.services.CANDIDATES``) is the same.
SEARCH_LIMIT = 1000

SORTS = {
    "relevance": _("Relevance"),
    "name": _("Name"),
    "size": _("Size, largest first"),
    "newest": _("Newest first"),
}
# The orders that are columns; the primary key last, so that every order is total
# and a page never repeats or skips a cluster.
COLUMNS = {
    "size": ("-member_total", "pk"),
    "newest": ("-created_at", "-pk"),
}


def applied_sort(sort: str, query: str) -> str:
    """The order that applies: relevance needs search words, else it is the name."""
    return "name" if sort == "relevance" and not query.strip() else sort


def name_order() -> Lower:
    """Clusters by name in the current language, falling back as the page shows a
    missing translation (fi → en → sv), case-insensitively. A plain ``order_by("name")``
    would sort clusters without a name in this language first."""
    return name_sort_key(resolution_order(get_language()))


def search_rank(ranked: list[int]) -> StrIndex:
    """A cluster's place in ``ranked`` (smaller is better), as one expression with
    one parameter: the position of ",<pk>," in ",3,1,2,". A CASE WHEN per primary key
    says the same, but Django takes longer to build its SQL than the database takes
    to run it (a third of a second for a thousand matches)."""
    positions = "," + ",".join(str(pk) for pk in ranked) + ","
    key = Concat(Value(","), Cast("pk", CharField()), Value(","), output_field=CharField())
    return StrIndex(Value(positions), key)


class RankedClusters(Sequence):
    """``clusters`` searched and in one of the directory's orders.

    ``clusters`` are those that pass the filters (and that the person may see), in
    any order and shape. A page (a slice) has the fields of a card
    (``Cluster.objects.for_cards()``) and the related objects named in ``prefetch``.

    In the order of relevance the database only says which of the ranked clusters
    pass the filters (one query, for ``len()``), and a page fetches its rows by
    primary key: ordering up to a thousand matches by their rank in SQL costs more
    than everything else on the page (one string lookup per row), and by primary
    key alone the database uses its index, where beside the filters' list of a
    thousand PostgreSQL scans the table. The other orders are the database's.
    """

    def __init__(
        self,
        clusters: QuerySet[Cluster],
        *,
        query: str = "",
        sort: str = "relevance",
        prefetch: Sequence[str] = (),
    ):
        if sort not in SORTS:
            raise ValueError(f"Unknown order {sort!r}; use one of {list(SORTS)}")
        query = query.strip()
        self.sort = applied_sort(sort, query)
        self.prefetch = tuple(prefetch)
        # Primary keys, best first, once a search has run; whether it was cut.
        self.ranked: list[int] | None = None
        self.truncated = False
        if query:
            self.ranked = search_index.search(KIND, query, limit=SEARCH_LIMIT)
            self.truncated = len(self.ranked) >= SEARCH_LIMIT
            clusters = clusters.filter(pk__in=self.ranked) if self.ranked else clusters.none()
        self.clusters = clusters.order_by()

    @cached_property
    def queryset(self) -> QuerySet[Cluster]:
        """Every one of the clusters, in the same order, as one QuerySet of the shape
        of ``clusters``. (Relevance is annotated rather than ordered by the expression,
        so that it is in the select list, as PostgreSQL wants for SELECT DISTINCT.)"""
        if self.sort == "relevance":
            rank = search_rank(self.ranked or [])
            return self.clusters.annotate(search_rank=rank).order_by("search_rank", "pk")
        if self.sort == "name":
            return self.clusters.annotate(sort_name=name_order()).order_by("sort_name", "pk")
        return self.clusters.order_by(*COLUMNS[self.sort])

    @cached_property
    def relevant(self) -> list[int]:
        """In the order of relevance: the ranked primary keys that pass the filters."""
        passing = set(self.clusters.values_list("pk", flat=True))
        return [pk for pk in self.ranked or [] if pk in passing]

    @cached_property
    def total(self) -> int:
        if self.sort == "relevance":
            return len(self.relevant)
        return self.clusters.count()

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, index: int | slice):
        if not isinstance(index, slice):
            position = index + len(self) if index < 0 else index
            rows = self[position : position + 1] if position >= 0 else []
            if not rows:
                raise IndexError(index)
            return rows[0]
        if self.sort == "relevance":
            pks = self.relevant[index]
            by_pk = Cluster.objects.for_cards().in_bulk(pks)
            rows = [by_pk[pk] for pk in pks if pk in by_pk]  # unless deleted meanwhile
        else:
            rows = list(self.queryset.for_cards()[index])
        if self.prefetch:
            prefetch_related_objects(rows, *self.prefetch)
        return rows

    def __iter__(self):
        return iter(self[:])
