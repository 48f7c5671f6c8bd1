"""Paging of the API's lists: django-ninja's limit/offset pagination, with links.

A list answers ``count`` (results on every page), ``next`` and ``previous`` (the
pages beside, as absolute addresses with the other parameters kept, or null) and
``results``. Offsets stop at ``schemas.MAX_OFFSET``: beyond it there is no next
link, and a deeper offset is refused with 422, so a client narrows its filters
instead of making the database skip row after row.
"""

from typing import Any

from django.http import HttpRequest
from ninja.pagination import LimitOffsetPagination

from klusteri.api import schemas


class Pages(LimitOffsetPagination):
    """For ``@paginate(Pages)`` on an operation that answers ``list[Schema]``: the
    operation returns its rows (a QuerySet, or any sequence that slices, such as the
    directory's ``RankedClusters``) and this cuts the page from them."""

    Input = schemas.Paging
    items_attribute = "results"

    class Output(schemas.PageLinks):
        results: list[Any]  # typed per operation by ninja: list[ClusterCard], …

    def paginate_queryset(
        self, queryset, pagination: schemas.Paging, request: HttpRequest, **params
    ) -> dict:
        count = self._items_count(queryset)
        start, limit = pagination.offset, pagination.limit
        results = list(queryset[start : start + limit]) if start < count else []

        def link(offset: int) -> str:
            params = request.GET.copy()
            params["offset"] = str(offset)
            params["limit"] = str(limit)
            return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")

        following = start + limit
        has_next = following < count and following <= schemas.MAX_OFFSET
        return {
            "count": count,
            "next": link(following) if has_next else None,
            "previous": link(max(start - limit, 0)) if start > 0 else None,
            "results": results,
        }
