"""The API documentation page in a real Chromium: Swagger UI runs from this site,
under the CSP, without a request elsewhere, and passes axe."""

import os

import pytest
from playwright.sync_api import expect

from klusteri.e2e_fixtures import assert_accessible

pytest_plugins = ["klusteri.e2e_fixtures"]
pytestmark = pytest.mark.browser


def open_docs(page):
    response = page.goto("/api/docs/?lang=en")
    assert response.status == 200
    operations = page.locator("#swagger-ui .opblock-summary-path")
    expect(operations.first).to_be_visible()
    return operations


def test_docs_render_under_the_csp_offline(page, live_server):
    errors, failed, elsewhere = [], [], []
    # A blocked script or style shows as a console error ("Refused to …").
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("response", lambda r: r.status >= 400 and failed.append(r.url))
    page.on("request", lambda r: not r.url.startswith(live_server.url) and elsewhere.append(r.url))

    operations = open_docs(page)

    assert "/api/v1/clusters/" in [path.strip() for path in operations.all_inner_texts()]
    expect(page.get_by_role("button", name="Authorize")).to_be_visible()
    if os.environ.get("KLUSTERI_SCREENSHOTS"):
        page.screenshot(path=os.environ["KLUSTERI_SCREENSHOTS"] + "/api-docs.png", full_page=True)
    # The site has no favicon yet; that is not this page's doing.
    failed = [url for url in failed if not url.endswith("/favicon.ico")]
    assert failed == []
    assert [e for e in errors if not e.startswith("Failed to load resource")] == []
    assert elsewhere == []


def test_docs_are_accessible(page):
    open_docs(page)

    assert_accessible(page)


def test_try_it_out_calls_the_api_and_stays_accessible(page):
    open_docs(page)
    operation = page.locator("#operations-clusters-cluster_list")

    operation.locator(".opblock-summary-control").click()
    operation.get_by_role("button", name="Try it out").click()
    operation.get_by_role("button", name="Execute").click()

    status = operation.locator(".live-responses-table tbody .response-col_status").first
    expect(status).to_have_text("200")
    assert_accessible(page)
