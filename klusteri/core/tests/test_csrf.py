"""Every address refuses a cross-site POST, and no page changes anything on GET.

The test walks the whole URL configuration, so that a view added later is checked
without anyone remembering to: each address gets a POST from a signed-in person's
browser (with the CSRF cookie, as a browser sends it) but without the token, as a
forged form on another site would send it, and must be refused by the CSRF check.
Only the REST API is exempt, and on purpose: it acts only on a bearer token, which
a browser never sends by itself.
"""

import re

import pytest
from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponseForbidden
from django.middleware.csrf import get_token
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, resolve

from klusteri.accounts.models import Affiliation
from klusteri.clusters.models import Cluster, ClusterMembership

pytestmark = pytest.mark.django_db

REJECTED = "X-Test-CSRF-Rejected"

# Views that skip the CSRF check, and why. Anything else exempt fails the test.
EXEMPT = {
    # django-ninja: writes need "Authorization: Bearer", never a session cookie.
    "ninja.operation.sync_view_wrapper",
    # The API's JSON 404 for any other address under /api/: it changes nothing.
    "klusteri.api.urls.not_found",
    # The unsubscribe link of a mail: a mail program's one-click POST (RFC 8058)
    # carries no token, and the signed token in the address is the authorisation.
    "klusteri.funding.views.alerts.unsubscribe",
}

# A value for each URL parameter, so that every address resolves to its view.
SAMPLES = {
    "slug": "vetyklusteri",
    "pk": "1",
    "id": "1",
    "object_id": "1",
    "fmt": "csv",
    "kind": "newsletter",
    "key": "abc",
    "uidb36": "1",
    "path": "x",
    "app_label": "clusters",
    "content_type_id": "1",
    "url": "x/",
    "identifier": "HORIZON-TEST-01",
    "token": "x",
    "registration": "1",  # events: a registration on the participant list
    "event_id": "1",  # the API: an event
    "year": "2027",  # events: the month view
    "month": "3",
}


def csrf_rejected(request: HttpRequest, reason: str = "") -> HttpResponseForbidden:
    """Stands in for Django's CSRF failure page, to tell its 403 from the others."""
    response = HttpResponseForbidden(reason)
    response[REJECTED] = reason
    return response


def url_patterns(patterns=None, prefix: str = ""):
    """(the pattern as written, its view) for every address the site has."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            yield from url_patterns(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern.callback


def concrete(route: str, samples: dict[str, str]) -> str:
    """An address matching ``route``: each parameter filled with a sample value."""
    path = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda match: samples[match[1]], route)
    path = re.sub(r"<(?:\w+:)?(\w+)>", lambda match: samples[match[1]], path)
    return "/" + path.replace("^", "").replace("$", "")


def view_name(view) -> str:
    return f"{view.__module__}.{view.__name__}"


def addresses(**samples: str) -> list[tuple[str, object]]:
    found = {}
    for route, view in url_patterns():
        path = concrete(route, {**SAMPLES, **samples})
        if path in found:  # django-ninja lists one route per method; the first serves all
            continue
        # Sanity: the sample address really reaches the view it was made for.
        assert resolve(path).func is view, (route, path)
        found[path] = view
    return list(found.items())


@pytest.fixture
def csrf_failure_marked(settings):
    settings.CSRF_FAILURE_VIEW = "klusteri.core.tests.test_csrf.csrf_rejected"


@pytest.fixture
def site(staff, cluster, host_organisation, member_company, affiliate) -> dict[str, str]:
    """The shared cluster, its member and an organisation the staff person runs, so
    that the addresses find something; the URL parameters that name them."""
    ClusterMembership.objects.create(cluster=cluster, organisation=member_company)
    affiliate(staff, host_organisation, Affiliation.Role.ADMIN)
    return {"slug": cluster.slug, "pk": str(host_organisation.pk), "object_id": str(cluster.pk)}


@pytest.fixture
def browser(staff):
    """A signed-in person's browser that holds a CSRF cookie, as after any form page."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff)
    request = HttpRequest()
    client.cookies[settings.CSRF_COOKIE_NAME] = get_token(request)
    return client


def test_every_address_is_found_and_the_exempt_ones_are_known():
    views = {view_name(view): getattr(view, "csrf_exempt", False) for _path, view in addresses()}

    assert len(views) > 50
    assert {name for name, exempt in views.items() if exempt} == EXEMPT


def test_a_post_without_the_token_is_refused_everywhere(csrf_failure_marked, site, browser):
    accepted = []
    for path, view in addresses(**site):
        if view_name(view) in EXEMPT:
            continue
        response = browser.post(path, {"name": "Forged"}, HTTP_ORIGIN=None)
        if response.get(REJECTED) is None:
            accepted.append((path, response.status_code))

    assert accepted == []
    assert not Cluster.objects.filter(name_fi="Forged").exists()


def test_a_post_from_another_site_is_refused_even_with_a_token(csrf_failure_marked, browser):
    # A token leaked to another site is still useless there: the origin is checked.
    token = browser.cookies[settings.CSRF_COOKIE_NAME].value

    response = browser.post(
        "/fi/accounts/profile/edit/",
        {"name": "Forged", "csrfmiddlewaretoken": token},
        HTTP_ORIGIN="https://evil.example",
    )

    assert "Origin checking failed" in response[REJECTED]


def test_the_same_post_with_the_token_gets_through(csrf_failure_marked, browser, staff):
    # Shows that the refusals above come from the missing token and nothing else.
    token = browser.cookies[settings.CSRF_COOKIE_NAME].value

    response = browser.post(
        "/fi/accounts/profile/edit/",
        {"name": "Sanna Staff", "language": "fi", "csrfmiddlewaretoken": token},
    )

    assert response.get(REJECTED) is None
    assert response.status_code in {200, 302}


def test_api_writes_ignore_the_session_cookie(browser, site):
    # The reason the API may skip the CSRF check: a forged request carries cookies
    # but no bearer token, and cookies alone authorise no write.
    response = browser.patch(
        "/api/v1/clusters/vetyklusteri/",
        {"name_fi": "Forged"},
        content_type="application/json",
    )

    assert response.status_code == 401
    assert Cluster.objects.get(slug="vetyklusteri").name_fi == "Vetyklusteri"


def test_no_address_writes_to_the_database_on_get(site, staff):
    # A GET that changed something would slip past the CSRF check: a link or an
    # image on any site could trigger it.
    client = Client()
    client.force_login(staff)
    writes = []
    for path, _view in addresses(**site):
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        writes += [
            (path, query["sql"][:80])
            for query in queries.captured_queries
            if re.match(r"\s*(INSERT|UPDATE|DELETE)\b", query["sql"], re.IGNORECASE)
            # The session is the visitor's own state, not a change to the site.
            and "django_session" not in query["sql"]
        ]

    assert writes == []
