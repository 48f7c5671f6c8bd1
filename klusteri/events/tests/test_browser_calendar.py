"""The calendar in a real Chromium: find an event through the filters and open it,
axe on the list, the month, an event's and a series' page in every language, and
the pages at 320 px.

As in funding/tests/test_browser_funding.py, each test walks the languages in a
loop, to start the live server and make the data once.
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from klusteri.clusters.models import ServiceArea
from klusteri.e2e_fixtures import assert_accessible, open_page
from klusteri.events import services
from klusteri.events.models import Event, EventSeries
from klusteri.events.testing import make_event
from klusteri.places.models import Municipality

pytest_plugins = ["klusteri.e2e_fixtures"]
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]

LANGUAGES = ["fi", "sv", "en"]


def in_days(days: int, hour: int = 10):
    moment = timezone.localtime(timezone.now() + timedelta(days=days))
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


@pytest.fixture
def events(make_cluster) -> dict:
    cluster = make_cluster("Vetyklusteri")
    helsinki = Municipality.objects.get(name="Helsinki")
    topic = ServiceArea.objects.first()
    workshop = make_event(
        "Hydrogen valleys workshop with a rather long title that must wrap at 320 px",
        organiser=cluster, event_type="workshop", format="hybrid", venue_name="Kattilahalli",
        street_address="Energiakatu 1", postal_code="00180", municipality=helsinki,
        languages=["fi", "en"], topics=[topic], capacity=30, starts_at=in_days(3),
        description_en="We map **hydrogen** valleys.\n\n- Talks\n- Group work",
        online_url="https://meet.example.org/room", is_demo=True,
    )  # fmt: skip
    make_event("Platform webinar", starts_at=in_days(4))
    make_event("Cancelled meeting", event_type="meeting", starts_at=in_days(5),
               status=Event.Status.CANCELLED)  # fmt: skip
    series = services.save_series(
        EventSeries(title_en="Cluster managers' morning", event_type="meeting", format="online",
                    rule="FREQ=MONTHLY;BYDAY=1TU;COUNT=4", first_start=in_days(1, hour=9)),
        by=None, status=Event.Status.PUBLISHED,
    )  # fmt: skip
    return {"workshop": workshop, "series": series, "cluster": cluster}


def test_browser_find_an_event_through_the_filters_and_open_it(page, events):
    blocked = []
    page.on("console", lambda message: blocked.append(message.text)
            if "Content Security Policy" in message.text else None)  # fmt: skip
    for language in LANGUAGES:
        open_page(page, f"/{language}/events/", language)
        page.wait_for_function("() => window.htmx !== undefined")
        cards = page.locator(".event-card__title a")
        expect(cards).to_have_count(7)  # 3 events and the 4 meetings of the series
        assert_accessible(page)

        page.locator("details.filter-group:has(#filter-type-workshop) > summary").click()
        page.locator("#filter-type-workshop").check()
        expect(page).to_have_url(re.compile(r"[?&]type=workshop(&|$)"))
        expect(cards).to_have_count(1)
        expect(page.locator(".filter-chip")).to_have_count(1)
        assert_accessible(page)

        cards.first.click()
        expect(page).to_have_url(re.compile(rf"/{language}/events/{events['workshop'].pk}/$"))
        expect(page.locator("html")).to_have_attribute("lang", language)
        expect(page.locator("main")).to_contain_text("Kattilahalli")
        expect(page.locator("main")).not_to_contain_text("meet.example.org")
        expect(page.locator(".demo-notice")).to_be_visible()
        assert_accessible(page)
    assert blocked == []  # the JSON-LD data block is no script to the CSP


def test_browser_month_and_series_pages_are_accessible(page, events):
    start = events["workshop"].local_start
    for language in LANGUAGES:
        open_page(page, f"/{language}/events/month/{start.year}/{start.month}/", language)
        expect(page.locator(".month-grid caption")).to_be_visible()
        expect(page.locator(".month-grid")).to_contain_text("Hydrogen valleys")
        assert_accessible(page)
        page.locator(".month-nav a[rel=next]").click()
        expect(page.locator("h1")).not_to_be_empty()
        assert_accessible(page)

        open_page(page, f"/{language}/events/series/{events['series'].pk}/", language)
        expect(page.locator(".event-card")).to_have_count(4)
        assert_accessible(page)

        open_page(page, f"/{language}/events/?when=past", language)
        assert_accessible(page)


def test_browser_calendar_pages_reflow_at_320_px(make_page, events):
    """WCAG 1.4.10 Reflow: 320 CSS pixels wide, nothing scrolls sideways, with
    every filter open; the month shows its list of days instead of the table."""
    page = make_page(viewport={"width": 320, "height": 640})
    start = events["workshop"].local_start
    for language in LANGUAGES:
        for path in [
            f"/{language}/events/",
            f"/{language}/events/month/{start.year}/{start.month}/",
            f"/{language}/events/{events['workshop'].pk}/",
            f"/{language}/events/series/{events['series'].pk}/",
        ]:
            open_page(page, path, language)
            page.evaluate(
                "() => document.querySelectorAll('details').forEach(d => { d.open = true; })"
            )

            scroll_width = page.evaluate("document.documentElement.scrollWidth")
            assert scroll_width <= 320, f"{page.url} is {scroll_width} px wide at 320 px"
        expect(page.locator(".month-list")).to_have_count(0)  # the last page is no month
        open_page(page, f"/{language}/events/month/{start.year}/{start.month}/", language)
        expect(page.locator(".month-grid")).to_be_hidden()
        expect(page.locator(".month-list")).to_be_visible()
        assert_accessible(page)
