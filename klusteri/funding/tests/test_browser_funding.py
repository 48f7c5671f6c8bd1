"""The funding finder and a call's page in a real Chromium: a journey in every
language with axe, and the pages at 320 px.

As in clusters/tests/test_browser_pages.py, each test walks the languages in a
loop, to start the live server and make the data once.
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from klusteri.clusters.models import Ecosystem
from klusteri.e2e_fixtures import assert_accessible, open_page
from klusteri.funding.models import Call
from klusteri.funding.testing import make_call

pytest_plugins = ["klusteri.e2e_fixtures"]
# The live server's tests empty the database after them: the fixture puts the
# reference data (regions, taxonomies, programmes) back before any call is made.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]

LANGUAGES = ["fi", "sv", "en"]


def in_days(days: int):
    return (timezone.now() + timedelta(days=days)).replace(second=0, microsecond=0)


@pytest.fixture
def calls() -> dict[str, Call]:
    """A Nordic call and an EU two-stage call, open; one forthcoming; one closed."""
    return {
        "nordic": make_call(
            "Nordic cluster cooperation on hydrogen",
            identifier="NI-2027-HYDROGEN",
            programme="nordic-innovation",
            deadlines=[in_days(12)],
            summary_en="Nordic clusters build joint hydrogen value chains.",
            budget_total=1_500_000,
            grant_min=100_000,
            grant_max=300_000,
            cofunding_rate=50,
            countries=["FI", "SE", "NO", "DK", "IS"],
            keywords=["hydrogen", "value chains"],
            cluster_role=Call.ClusterRole.APPLICANT,
            source_url="https://www.nordicinnovation.org/",
            last_checked_on=timezone.localdate(),
            is_demo=True,
            ecosystems=Ecosystem.objects.filter(slug="energy-intensive"),
        ),
        "eu": make_call(
            "European innovation ecosystems: connect",
            identifier="HORIZON-EIE-2027-CONNECT-01",
            programme="horizon-europe-eie",
            deadlines=[in_days(20), in_days(150)],
            deadline_model=Call.DeadlineModel.TWO_STAGE,
            grant_max=2_000_000,
            is_demo=True,
        ),
        "forthcoming": make_call(
            "Regional growth, spring round",
            programme="akke",
            opens_at=in_days(10),
            deadlines=[in_days(70)],
        ),
        "closed": make_call(
            "Closed long ago",
            programme="business-finland-co-innovation",
            opens_at=in_days(-90),
            deadlines=[in_days(-30)],
        ),
    }


def test_browser_journey_finder_filter_call_page(page, calls):
    for language in LANGUAGES:
        open_page(page, f"/{language}/funding/", language)
        page.wait_for_function("() => window.htmx !== undefined")
        cards = page.locator(".call-card__title a")
        expect(cards).to_have_count(3)  # the closed call is left out
        assert_accessible(page)

        # Filter by level: htmx swaps the results and pushes the address.
        page.locator("details.filter-group:has(#filter-level-nordic) > summary").click()
        page.locator("#filter-level-nordic").check()
        expect(page).to_have_url(re.compile(r"[?&]level=nordic(&|$)"))
        expect(cards).to_have_count(1)
        expect(page.locator(".filter-chip")).to_have_count(1)
        assert_accessible(page)

        cards.first.click()
        expect(page).to_have_url(re.compile(rf"/{language}/funding/calls/NI-2027-HYDROGEN/$"))
        expect(page.locator("html")).to_have_attribute("lang", language)
        expect(page.locator("h1")).to_have_text("Nordic cluster cooperation on hydrogen")
        expect(page.locator(".deadline-list li")).to_have_count(1)
        expect(page.locator(".demo-notice")).to_be_visible()
        expect(page.locator("main")).to_contain_text(re.compile(r"CES?T \(Europe/Brussels\)"))
        assert_accessible(page)

    # The two-stage call shows both of its deadlines.
    open_page(page, f"/en/funding/calls/{calls['eu'].identifier}/", "en")
    expect(page.locator(".deadline-list li")).to_have_count(2)
    assert_accessible(page)


def test_browser_programme_page_is_accessible(page, calls):
    for language in LANGUAGES:
        open_page(page, f"/{language}/funding/programmes/nordic-innovation/", language)
        expect(page.locator(".call-card")).to_have_count(1)
        assert_accessible(page)


def test_browser_funding_pages_reflow_at_320_px(make_page, calls):
    """WCAG 1.4.10 Reflow: 320 CSS pixels wide, nothing scrolls sideways, with
    every filter open."""
    page = make_page(viewport={"width": 320, "height": 640})
    for language in LANGUAGES:
        for path in [
            f"/{language}/funding/?status=open&status=closed",
            f"/{language}/funding/calls/{calls['eu'].identifier}/",
            f"/{language}/funding/programmes/horizon-europe-eie/",
        ]:
            open_page(page, path, language)
            page.evaluate(
                "() => document.querySelectorAll('details').forEach(d => { d.open = true; })"
            )

            scroll_width = page.evaluate("document.documentElement.scrollWidth")
            assert scroll_width <= 320, f"{page.url} is {scroll_width} px wide at 320 px"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_browser_funding_pages_are_accessible_in_both_colour_schemes(make_page, calls, scheme):
    page = make_page(color_scheme=scheme)
    for path in ["/en/funding/?status=open&status=forthcoming&status=closed",
                 "/en/funding/?budget=lots",  # the budget's error shown
                 f"/en/funding/calls/{calls['eu'].identifier}/"]:  # fmt: skip
        open_page(page, path, "en")
        assert_accessible(page)
