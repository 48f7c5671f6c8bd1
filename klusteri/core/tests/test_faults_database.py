"""Faults: the database becomes unreachable, then comes back.

While it is away, readiness answers 503 and every page answers a friendly 503 page
in the language of its address, which itself needs no database (no session, no
user). When it is back, the next request succeeds without anyone restarting
anything. The first tests make every query of this process fail; the last one
cuts a real server's line to its database and mends it.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.test import Client
from django.urls import path
from django.utils import translation

from klusteri.core.tests.faults_support import DatabaseLine, gunicorn, in_processes
from klusteri.core.views import RETRY_AFTER_SECONDS
from klusteri.urls import urlpatterns as project_urlpatterns

pytestmark = pytest.mark.django_db
pytest_plugins = ["klusteri.core.tests.faults_support"]

TITLE = "Service temporarily unavailable"


def in_language(message: str, language: str) -> str:
    """``message`` as a page in ``language`` shows it (the English text until its
    translation is merged into the catalogue)."""
    with translation.override(language):
        return translation.gettext(message)


@contextmanager
def database_unreachable() -> Iterator[mock.Mock]:
    """Every query fails as when the database server cannot be reached."""
    with mock.patch.object(
        connection, "ensure_connection", side_effect=OperationalError("connection refused")
    ) as refusal:
        yield refusal


@pytest.fixture
def browser():
    """A client that receives the error page, as a browser would, instead of the
    exception."""
    return Client(raise_request_exception=False)


@pytest.fixture
def signed_in_browser(browser, manager):
    browser.force_login(manager)
    return browser


def assert_unavailable_page(response, language: str) -> None:
    assert response.status_code == 503
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)
    assert "no-store" in response["Cache-Control"]
    assert f'<html lang="{language}">' in response.text
    assert f"<h1>{in_language(TITLE, language)}</h1>" in response.text
    assert "connection refused" not in response.text
    assert "Traceback" not in response.text


def test_readyz_answers_503_while_the_database_is_down(client):
    with database_unreachable() as refusal:
        response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "reason": "database unreachable"}
    assert refusal.called


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_a_page_answers_a_friendly_503_in_its_language(browser, language):
    with database_unreachable() as refusal:
        response = browser.get(f"/{language}/clusters/")

    assert_unavailable_page(response, language)
    assert refusal.called


def test_a_signed_in_persons_page_answers_503_without_reading_the_session(signed_in_browser):
    """The session and the user live in the database: the error page must not
    read them, or it would fail in turn."""
    with database_unreachable():
        response = signed_in_browser.get("/sv/accounts/profile/")

    assert_unavailable_page(response, "sv")


def test_a_missing_page_for_a_signed_in_person_answers_503(signed_in_browser):
    """The 404 page reads the user for the layout; when that fails, the server
    error handler answers with the same 503 page."""
    with database_unreachable():
        response = signed_in_browser.get("/fi/no-such-page/")

    assert_unavailable_page(response, "fi")


def test_a_form_sent_while_the_database_is_down_answers_503(signed_in_browser, manager):
    with database_unreachable():
        response = signed_in_browser.post(
            "/en/accounts/profile/edit/", {"name": "Mikko", "language": "en"}
        )

    assert_unavailable_page(response, "en")
    manager.refresh_from_db()
    assert manager.name == "Mikko Manager"


def test_the_next_request_succeeds_once_the_database_is_back(browser):
    with database_unreachable():
        assert browser.get("/fi/clusters/").status_code == 503

    assert browser.get("/fi/clusters/").status_code == 200
    assert browser.get("/readyz").status_code == 200


def broken_view(request):
    raise RuntimeError("a bug")


urlpatterns = [*project_urlpatterns, path("broken/", broken_view)]
handler500 = "klusteri.core.views.server_error"


@pytest.mark.urls("klusteri.core.tests.test_faults_database")
def test_any_other_error_still_answers_500(browser):
    response = browser.get("/broken/")

    assert response.status_code == 500
    assert "Retry-After" not in response


def test_kept_database_connections_are_checked_before_use(settings):
    """Without the check, the first request after the database came back would
    fail on the connection kept from before (SQLite opens one per request)."""
    database = settings.DATABASES["default"]
    if connection.vendor == "sqlite":
        assert database["CONN_MAX_AGE"] == 0
    else:
        assert database["CONN_MAX_AGE"] > 0
        assert database["CONN_HEALTH_CHECKS"] is True


@in_processes
def test_a_real_server_answers_503_while_its_database_is_away_and_recovers(
    scratch_databases, tmp_path
):
    database = scratch_databases.new("outage")
    line = DatabaseLine(database, connection.vendor)
    missing = "/sv/clusters/no-such-cluster/"  # the view looks the cluster up
    try:
        with gunicorn(
            database, tmp_path / "gunicorn.log", KLUSTERI_DATABASE_URL=line.url
        ) as server:
            assert server.get("/readyz").status == 200
            assert server.get(missing).status == 404

            line.cut()
            ready = server.get("/readyz")
            page = server.get(missing)
            line.mend()
            first_after = server.get(missing)

            # Gone and back between two requests: the kept connection is dead.
            line.cut()
            line.mend()
            ready_after_blip = server.get("/readyz")
    finally:
        line.close()

    assert ready.status == 503
    assert page.status == 503
    assert page.headers["retry-after"] == str(RETRY_AFTER_SECONDS)
    assert '<html lang="sv">' in page.text
    assert in_language(TITLE, "sv") in page.text
    assert "Traceback" not in page.text
    assert first_after.status == 404
    assert ready_after_blip.status == 200
