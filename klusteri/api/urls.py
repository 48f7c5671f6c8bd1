"""/api/: the API's operations, its OpenAPI schema (/api/schema/) and docs (/api/docs/).

Mounted outside the language prefixes: the language is a parameter, not a path.
Every answer is JSON, also for a wrong method or an address that is not there.
"""

from functools import wraps

from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseNotAllowed,
    HttpResponsePermanentRedirect,
    JsonResponse,
)
from django.urls import URLPattern, path, re_path, resolve
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import RedirectView

from klusteri.api.api import api, requested_language


def json_method_not_allowed(view):
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if isinstance(response, HttpResponseNotAllowed):
            with translation.override(requested_language(request)):
                detail = _("This address does not take %(method)s.") % {"method": request.method}
            allowed = response["Allow"]
            response = JsonResponse({"detail": detail}, status=405)
            response["Allow"] = allowed
        return response

    return wrapper


@csrf_exempt  # it changes nothing, and a write to a wrong address must get JSON too
def not_found(request: HttpRequest, path: str) -> HttpResponse:
    """JSON for an address that is not there; a read of an address that lacks only
    its final slash goes to the address with it, as on the rest of the site."""
    slash_missing = not path.endswith("/") and (
        resolve(f"{request.path_info}/").url_name != "not-found"
    )
    if request.method in ("GET", "HEAD") and slash_missing:
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(f"{request.path}/" + (f"?{query}" if query else ""))
    with translation.override(requested_language(request)):
        return JsonResponse({"detail": _("There is nothing at this address.")}, status=404)


def api_urls() -> tuple[list, str, str]:
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        if not isinstance(pattern, URLPattern):
            continue
        if pattern.name == "api-root":
            # ninja answers an HTML 404 here (and reverses the name to find the
            # API's prefix, so the pattern stays): /api/ shows the docs instead.
            pattern.callback = RedirectView.as_view(pattern_name="api:openapi-view")
        else:
            pattern.callback = json_method_not_allowed(pattern.callback)
    # Any address at all, also one holding a line break (which "." would not match).
    not_there = re_path(r"^(?P<path>[\s\S]*)$", not_found, name="not-found")
    return [*patterns, not_there], app_name, namespace


urlpatterns = [path("", api_urls())]
