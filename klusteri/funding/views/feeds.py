"""The deadlines feed: ``/<lang>/funding/deadlines.ics``, with the finder's query
string for a filtered feed that a person subscribes to in their calendar."""

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from klusteri.core import pagecache
from klusteri.funding.feeds import cached_calendar
from klusteri.funding.filters import CallFilter


@require_safe
def deadline_feed(request: HttpRequest) -> HttpResponse:
    """Every deadline ahead of the published calls that the finder's filters keep
    (without a status chosen: those open or forthcoming). The same for everyone, so
    a calendar subscribes to it without signing in, and kept per meaning of the
    filters (``feeds.cached_calendar``) rather than per address as the page cache
    would: a feed runs to megabytes, and addresses with parameters that mean nothing
    would each keep a copy."""
    body = cached_calendar(CallFilter(request.GET), site=f"{request.scheme}://{request.get_host()}")
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="klusteri-funding-deadlines.ics"'
    patch_cache_control(response, public=True, max_age=pagecache.PAGE_TIMEOUT)
    return response
