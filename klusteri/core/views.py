import datetime
import logging
import sys

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.cache import add_never_cache_headers
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from klusteri.core import home as home_blocks
from klusteri.core import privacy_notice
from klusteri.core.sections import SECTIONS

logger = logging.getLogger(__name__)

# What the database driver raises when the database cannot be reached or cannot
# serve now: a refused or dropped connection, a missing or locked file, a timeout.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30

# The accessibility statement must show when it was prepared and last reviewed;
# change the review date whenever the statement is checked again.
ACCESSIBILITY_PREPARED_ON = datetime.date(2026, 11, 30)
ACCESSIBILITY_REVIEWED_ON = datetime.date(2026, 11, 30)


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """The front page; the apps above core add their blocks (``core.home``)."""
    return render(request, "core/home.html", {"blocks": home_blocks.render_blocks(request)})


@require_safe
def section_coming_soon(request: HttpRequest, slug: str) -> HttpResponse:
    section = next(s for s in SECTIONS if s.slug == slug)
    return render(request, "core/coming_soon.html", {"section": section})


@require_safe
def privacy(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "core/privacy.html",
        {
            "notice": privacy_notice,
            "session_days": settings.SESSION_COOKIE_AGE // (24 * 60 * 60),
        },
    )


@require_safe
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "core/accessibility.html",
        {"prepared_on": ACCESSIBILITY_PREPARED_ON, "reviewed_on": ACCESSIBILITY_REVIEWED_ON},
    )


@require_safe
def contact(request: HttpRequest) -> HttpResponse:
    return render(request, "core/contact.html")


@never_cache
@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness: the process answers. Touches nothing else."""
    return JsonResponse({"status": "ok"})


@never_cache
@require_safe
def readyz(request: HttpRequest) -> HttpResponse:
    """Readiness: the database answers a query."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as error:
        logger.warning("readiness check failed: %s", error)
        return JsonResponse({"status": "unavailable", "reason": "database unreachable"}, status=503)
    return JsonResponse({"status": "ok"})


def _error_page(request: HttpRequest, status: int) -> HttpResponse:
    return HttpResponse(
        loader.render_to_string("error.html", {"status": status}, request), status=status
    )


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    return _error_page(request, 400)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    return _error_page(request, 403)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return _error_page(request, 404)


def server_error(request: HttpRequest) -> HttpResponse:
    # Django calls this for whatever exception a view, a middleware or another
    # error page let through; the one being handled is in sys.exc_info().
    if isinstance(sys.exc_info()[1], DATABASE_UNAVAILABLE):
        return database_unavailable(request)
    # The failure may lie in the database or in a context processor, so render
    # without the request's context first-hand; never show a stack trace.
    try:
        body = loader.render_to_string("error.html", {"status": 500, "sections": SECTIONS})
    except Exception:
        logger.exception("could not render the 500 page")
        body = "<!doctype html><title>500</title><h1>500</h1>"
    return HttpResponse(body, status=500)


def database_unavailable(request: HttpRequest) -> HttpResponse:
    """503 "temporarily unavailable", in the language of the address, while the
    database cannot be reached. Like the 500 page, it is rendered without the
    context processors: they read the session and the user, which live in the
    database. Nothing else is needed to recover: Django drops a broken connection
    when the request ends and checks a kept one before reusing it
    (``CONN_HEALTH_CHECKS``), so the first request after the database is back
    succeeds."""
    body = loader.render_to_string(
        "error.html", {"status": 503, "sections": SECTIONS, "request": request}
    )
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response
