"""The API documentation page in a real Chromium: Swagger UI runs from this site,
under the CSP, without a request elsewhere."""

import os

import pytest
from playwright.sync_api import expect

pytest_plugins = ["klusteri.e2e_fixtures"]
pytestmark = pytest.mark.browser


def test_docs_render_under_the_csp_offline(page, live_server):
    errors, failed, elsewhere = [], [], []
    # A blocked script or style shows as a console error ("Refused to …").
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("response", lambda r: r.status >= 400 and failed.append(r.url))
    page.on("request", lambda r: not r.url.startswith(live_server.url) and elsewhere.append(r.url))

    response = page.goto("/api/docs/")

    assert response.status == 200
    operations = page.locator("#swagger-ui .opblock-summary-path")
    expect(operations.first).to_be_visible()
    assert "/api/v1/clusters/" in [path.strip() for path in operations.all_inner_texts()]
    expect(page.get_by_role("button", name="Authorize")).to_be_visible()
    if os.environ.get("KLUSTERI_SCREENSHOTS"):
        page.screenshot(path=os.environ["KLUSTERI_SCREENSHOTS"] + "/api-docs.png", full_page=True)
    # The site has no favicon yet; that is not this page's doing.
    failed = [url for url in failed if not url.endswith("/favicon.ico")]
    assert failed == []
    assert [e for e in errors if not e.startswith("Failed to load resource")] == []
    assert elsewhere == []


def test_try_it_out_calls_the_api(page, live_server):
    page.goto("/api/docs/#/clusters/cluster_list")
    operation = page.locator("#operations-clusters-cluster_list")
    expect(operation.locator(".opblock-body")).to_be_visible()

    operation.get_by_role("button", name="Try it out").click()
    operation.get_by_role("button", name="Execute").click()

    status = operation.locator(".live-responses-table tbody .response-col_status").first
    expect(status).to_have_text("200")
