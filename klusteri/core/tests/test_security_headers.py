"""Security headers on every kind of response, in development and in production.
``test_settings.py`` checks that ``check --deploy`` is clean in production."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.http import HttpResponse

from klusteri.core.middleware import PERMISSIONS_POLICY, PermissionsPolicyMiddleware
from klusteri.core.tests.test_settings import STRONG_KEY

pytestmark = pytest.mark.django_db


def test_pages_send_a_strict_content_security_policy(client):
    response = client.get("/fi/")

    policy = response["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";") if d.strip())
    assert directives["script-src"] == "'self'"
    assert "unsafe-inline" not in policy
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"


def test_pages_send_the_other_security_headers(client):
    response = client.get("/fi/")

    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_no_page_carries_an_inline_script(client, manager_client):
    for page_client, path in [
        (client, "/fi/"),
        (client, "/fi/accounts/login/"),
        (client, "/fi/accounts/signup/"),
        (manager_client, "/fi/accounts/profile/"),
    ]:
        html = page_client.get(path).text
        assert "<script>" not in html
        assert " style=" not in html
        assert "onclick=" not in html


# Every kind of response, not only the home page -------------------------------------

RESPONSES = [
    "/fi/",
    "/sv/clusters/",
    "/en/accounts/login/",
    "/fi/no-such-page/",  # the 404 page
    "/api/v1/clusters/",  # JSON
    "/api/docs/",
    "/healthz",
    "/static/css/klusteri.css",  # served by WhiteNoise, ahead of most middleware
]


def csp_directives(response) -> dict[str, set[str]]:
    policy = response["Content-Security-Policy"]
    return {
        name: set(sources)
        for name, *sources in (part.split() for part in policy.split(";") if part.strip())
    }


@pytest.mark.parametrize("path", RESPONSES)
def test_every_response_carries_the_security_headers(client, path):
    response = client.get(path)

    assert response.status_code in {200, 404}
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Permissions-Policy"] == PERMISSIONS_POLICY
    if not path.startswith("/static/"):
        assert response["X-Frame-Options"] == "DENY"
        assert response["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.parametrize("path", [path for path in RESPONSES if not path.startswith("/static/")])
def test_every_page_forbids_inline_scripts_framing_and_plugins(client, path):
    directives = csp_directives(client.get(path))

    assert directives["default-src"] == {"'self'"}
    assert directives["script-src"] == {"'self'"}
    assert directives["style-src"] == {"'self'"}
    assert directives["frame-ancestors"] == {"'none'"}
    assert directives["object-src"] == {"'none'"}
    assert directives["base-uri"] == {"'self'"}
    assert directives["form-action"] == {"'self'"}
    for sources in directives.values():
        assert not sources & {"'unsafe-inline'", "'unsafe-eval'", "*", "http:", "https:"}


def test_permissions_policy_turns_off_the_features_the_site_never_uses():
    features = dict(item.split("=") for item in PERMISSIONS_POLICY.split(", "))

    for feature in ["camera", "microphone", "geolocation", "payment", "usb", "browsing-topics"]:
        assert features[feature] == "()"
    assert features["publickey-credentials-get"] == "(self)"


def test_a_view_may_send_its_own_permissions_policy(rf):
    own = HttpResponse()
    own["Permissions-Policy"] = "fullscreen=(self)"

    response = PermissionsPolicyMiddleware(lambda request: own)(rf.get("/"))

    assert response["Permissions-Policy"] == "fullscreen=(self)"


def test_cookies_are_out_of_reach_of_scripts_and_other_sites(client, make_user):
    make_user("kaisa@example.org", password="Oikea-salasana-1")

    form = client.get("/fi/accounts/login/")
    response = client.post(
        "/fi/accounts/login/", {"login": "kaisa@example.org", "password": "Oikea-salasana-1"}
    )

    csrf = form.cookies[settings.CSRF_COOKIE_NAME]
    session = response.cookies[settings.SESSION_COOKIE_NAME]
    assert csrf["samesite"] == "Lax"
    assert session["httponly"] is True
    assert session["samesite"] == "Lax"


# Production -------------------------------------------------------------------------

PRODUCTION_PROBE = """
import json, warnings
warnings.simplefilter("ignore")  # WhiteNoise: no collected static files here
import django
django.setup()
from django.conf import settings
from django.test import Client
client = Client(SERVER_NAME="example.org")
plain = client.get("/healthz")
secure = client.get("/healthz", secure=True)
names = ["SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "LANGUAGE_COOKIE_SECURE",
         "SESSION_COOKIE_HTTPONLY"]
print(json.dumps({
    "plain": [plain.status_code, plain.headers.get("Location")],
    "secure": dict(secure.headers),
    "settings": {name: getattr(settings, name) for name in names},
}))
"""


@pytest.fixture(scope="module")
def production():
    """Headers and settings of a process started with production settings."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("KLUSTERI_")}
    result = subprocess.run(
        [sys.executable, "-c", PRODUCTION_PROBE],
        env={
            **clean,
            "DJANGO_SETTINGS_MODULE": "klusteri.settings",
            "KLUSTERI_DEBUG": "0",
            "KLUSTERI_SECRET_KEY": STRONG_KEY,
            "KLUSTERI_ALLOWED_HOSTS": "example.org",
        },
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_production_sends_hsts_for_a_year_with_subdomains(production):
    hsts = production["secure"]["Strict-Transport-Security"]

    assert hsts == "max-age=31536000; includeSubDomains; preload"


def test_production_redirects_plain_http_to_https(production):
    assert production["plain"] == [301, "https://example.org/healthz"]


def test_production_sends_the_same_headers_as_development(production):
    headers = production["secure"]

    assert headers["Permissions-Policy"] == PERMISSIONS_POLICY
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert "unsafe-inline" not in headers["Content-Security-Policy"]


def test_production_cookies_go_over_https_only(production):
    assert production["settings"] == {
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "LANGUAGE_COOKIE_SECURE": True,
        "SESSION_COOKIE_HTTPONLY": True,
    }
