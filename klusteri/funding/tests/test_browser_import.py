"""The staff page that imports funding calls, in a real Chromium: axe in every
language, with the error report of a bad file and the summary of a valid one."""

from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from klusteri.e2e_fixtures import assert_accessible, open_page, submit_form
from klusteri.funding.models import Call

pytest_plugins = ["klusteri.e2e_fixtures"]
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]

DATA = Path(__file__).parent / "data"
LANGUAGES = ["fi", "sv", "en"]


def signed_in(make_page, live_server, user):
    client = Client()
    client.force_login(user)
    page = make_page()
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    return page


def upload(name: str) -> dict:
    return {"name": name, "mimeType": "text/plain", "buffer": (DATA / name).read_bytes()}


def test_browser_call_import_reports_in_every_language(make_page, live_server, staff):
    page = signed_in(make_page, live_server, staff)
    for language in LANGUAGES:
        with translation.override(language):
            path = reverse("funding:import")
        open_page(page, path, language)
        assert_accessible(page)

        page.locator("main input[type=file][name=file]").set_input_files(upload("bad_calls.csv"))
        submit_form(page)

        report = page.locator("main .error-summary")
        expect(report).to_be_visible()
        expect(report.locator("tbody tr")).to_have_count(7)
        assert_accessible(page)

        page.locator("main input[type=file][name=file]").set_input_files(
            upload("eu_portal_search.json")
        )
        page.locator("main [name=dry_run]").check()
        submit_form(page)

        summary = page.locator("main [role=status]")
        expect(summary).to_be_visible()
        expect(page.locator("main tbody tr")).to_have_count(4)
        assert_accessible(page)
    assert not Call.objects.exists()
