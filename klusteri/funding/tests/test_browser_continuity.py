"""Funding continuity in a real Chromium: a manager records a source that ends in
three months and is warned on the sources page and on the cluster's page, with
zero axe-core violations in Finnish, Swedish and English, by the keyboard alone.
"""

import datetime

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from playwright.sync_api import expect

from klusteri.e2e_fixtures import assert_accessible, open_page, submit_form
from klusteri.funding.continuity import add_months
from klusteri.funding.models import FundingKind, FundingSource, Programme
from klusteri.funding.testing import make_call

pytest_plugins = ["klusteri.e2e_fixtures"]
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]

LANGUAGES = ["fi", "sv", "en"]


def url(name: str, language: str, **kwargs) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


def signed_in(make_page, live_server, user):
    """A page in a browser context that carries ``user``'s session cookie."""
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


@pytest.fixture
def continuation_call(db):
    """An open call of a post-project programme of its own, for any cluster: the
    warning's option."""
    programme = Programme.objects.create(
        slug="jatkorahoitus",
        name="Jatkorahoitus",
        name_sv="Fortsättningsfinansiering",
        name_en="Continuation Fund",
        funder="Uudenmaan liitto",
        level="regional",
        kind=FundingKind.CONTINUATION,
    )
    return make_call(
        "Jatkorahoitushaku 2027",
        programme=programme,
        title_fi="Jatkorahoitushaku 2027",
        title_sv="Fortsättningsutlysning 2027",
    )


def tab_to(page, locator, presses: int = 80) -> None:
    """Press Tab until ``locator`` has the focus."""
    for _ in range(presses):
        page.keyboard.press("Tab")
        if locator.evaluate("element => element === document.activeElement"):
            return
    expect(locator).to_be_focused()


def test_browser_manager_records_a_source_and_is_warned(
    make_page, live_server, cluster_manager, cluster, continuation_call
):
    page = signed_in(make_page, live_server, cluster_manager)
    ends_on = add_months(timezone.localdate(), 3)

    # English: a bad entry first, then the source, by the keyboard from the profile.
    open_page(page, url("clusters:detail", "en", slug=cluster.slug), "en")
    panel = page.locator("main .manager-panel")
    expect(panel).to_contain_text("No funding sources have been recorded yet.")
    assert_accessible(page)
    tab_to(page, panel.get_by_role("link", name="Funding sources and timeline"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Funding sources of Vetyklusteri")
    assert_accessible(page)

    add = page.get_by_role("link", name="Add a funding source")
    tab_to(page, add)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert_accessible(page)
    page.locator("main [name=kind]").select_option("project")
    submit_form(
        page,
        {
            "name": "AKKE-hanke",
            "amount": "150000",
            "starts_on": "2025-01-01",
            "ends_on": "2024-12-31",
        },
    )
    expect(page.locator("main .error-summary")).to_contain_text(
        "The end cannot be before the start."
    )
    expect(page.locator("main [name=name]")).to_have_value("AKKE-hanke")
    expect(page.locator("main [name=kind]")).to_have_value("project")
    assert_accessible(page)
    assert not FundingSource.objects.exists()

    submit_form(page, {"ends_on": ends_on.isoformat()})
    warning = page.locator("main .continuity-warning")
    expect(warning).to_contain_text("Base or project funding ends within 9 months")
    expect(warning).to_contain_text("AKKE-hanke (Project funding) ends on")
    expect(warning).to_contain_text("Jatkorahoitushaku 2027")
    expect(page.locator("main table tbody tr")).to_have_count(1)
    expect(page.locator("main rect.funding-timeline__bar--project")).to_have_count(1)
    assert_accessible(page)

    # Every language: the warning on the sources page and on the cluster's page.
    for language in LANGUAGES:
        open_page(page, url("funding:sources", language, slug=cluster.slug), language)
        expect(page.locator("main .continuity-warning")).to_contain_text("AKKE-hanke")
        expect(page.locator("main").get_by_role("img")).to_have_count(1)  # the timeline
        assert_accessible(page)

        open_page(page, url("clusters:detail", language, slug=cluster.slug), language)
        expect(page.locator("main .manager-panel .continuity-warning")).to_contain_text(
            "AKKE-hanke"
        )
        assert_accessible(page)

        if language == "fi":
            expect(page.locator("main .continuity-warning")).to_contain_text(
                "Perus- tai hankerahoitus päättyy 9 kuukauden kuluessa"
            )

    # 320 px: the timeline reflows, the page does not scroll sideways.
    page.set_viewport_size({"width": 320, "height": 800})
    open_page(page, url("funding:sources", "en", slug=cluster.slug), "en")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert_accessible(page)


def test_browser_the_public_never_sees_the_sources(page, cluster, cluster_manager):
    FundingSource.objects.create(
        cluster=cluster,
        name="Salainen hanke",
        kind=FundingSource.Kind.PROJECT,
        amount=1,
        starts_on=datetime.date(2025, 1, 1),
        ends_on=add_months(timezone.localdate(), 2),
    )

    open_page(page, url("clusters:detail", "fi", slug=cluster.slug), "fi")

    expect(page.locator("main .manager-panel")).to_have_count(0)
    expect(page.get_by_text("Salainen hanke")).to_have_count(0)
