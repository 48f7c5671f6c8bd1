"""The public pages in a real Chromium: status, language, headings, axe, keyboard, reflow.

Each test gets a fresh browser context against pytest-django's live server; see
``klusteri/e2e_fixtures.py`` for the browser and ``assert_accessible``.
"""

import re

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from klusteri.core.sections import SECTIONS
from klusteri.e2e_fixtures import assert_accessible, open_page, submit_form

pytest_plugins = ["klusteri.e2e_fixtures"]
pytestmark = pytest.mark.browser

LANGUAGES = ["fi", "sv", "en"]
INFO_PAGES = ["core:privacy", "core:accessibility", "core:contact"]
SECTION_PAGES = [section.url_name for section in SECTIONS]


def url(language: str, name: str) -> str:
    with translation.override(language):
        return reverse(name)


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_page_is_accessible(page, language):
    open_page(page, f"/{language}/", language)
    expect(page.locator("main#main")).to_be_attached()
    assert_accessible(page)


@pytest.mark.parametrize("name", SECTION_PAGES + INFO_PAGES)
def test_public_page_is_accessible_in_every_language(page, name):
    # One test per page, its languages in turn: a warm page checks faster than a new one.
    for language in LANGUAGES:
        open_page(page, url(language, name), language)
        assert_accessible(page)


def test_dark_colour_scheme_is_accessible(make_page):
    """The style sheet has a dark palette; its contrast is checked too, errors included."""
    page = make_page(color_scheme="dark")
    open_page(page, "/en/", "en")
    assert_accessible(page)

    open_page(page, url("en", "account_signup"), "en")
    submit_form(page, {"email": "not-an-address"})
    expect(page.locator(".error-summary")).to_be_visible()
    assert_accessible(page)


def test_language_switcher_keeps_the_page(page):
    open_page(page, "/fi/privacy/", "fi")
    switcher = page.locator("nav.language-switcher")
    expect(switcher.get_by_role("link", name="Suomi")).to_have_attribute("aria-current", "true")

    switcher.get_by_role("link", name="Svenska").click()

    expect(page).to_have_url(re.compile(r"^http://[^/]+/sv/privacy/$"))
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    expect(switcher.get_by_role("link", name="Svenska")).to_have_attribute("aria-current", "true")


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(page):
    open_page(page, "/fi/", "fi")

    page.keyboard.press("Tab")
    skip_link = page.locator("a.skip-link")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()  # hidden off-screen until focused

    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()
    assert page.url.endswith("/fi/#main")


@pytest.mark.parametrize("name", ["core:home", "account_login", "account_signup"])
def test_page_reflows_at_320_px_without_horizontal_scroll(make_page, name):
    """WCAG 1.4.10 Reflow: 320 CSS pixels wide, nothing scrolls sideways."""
    page = make_page(viewport={"width": 320, "height": 640})
    for language in LANGUAGES:
        open_page(page, url(language, name), language)
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= 320, f"{page.url} is {scroll_width} px wide at a 320 px viewport"


@pytest.mark.parametrize("language", LANGUAGES)
def test_error_pages_are_accessible(page, settings, language):
    """The 404 page, and the 429 page that answers one password reset too many."""
    settings.ACCOUNT_RATE_LIMITS = {"reset_password": "1/h/key"}

    response = page.goto(f"/{language}/no-such-page/")
    assert response.status == 404
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator("h1")).to_have_count(1)
    assert_accessible(page)

    reset = url(language, "account_reset_password")
    for _attempt in range(2):
        page.goto(reset)
        submit_form(page, {"email": "nobody@example.org"})
    with translation.override(language):
        heading = translation.gettext("Too many attempts")
    expect(page.locator("h1")).to_have_text(heading)
    expect(page.locator("html")).to_have_attribute("lang", language)
    assert_accessible(page)
