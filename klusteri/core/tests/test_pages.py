"""The public pages of the layout: home, sections, privacy, accessibility, contact."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.html import escape

from klusteri.core.sections import SECTIONS
from klusteri.core.testing import translated
from klusteri.core.views import ACCESSIBILITY_REVIEWED_ON

pytestmark = pytest.mark.django_db
LANGUAGES = ["fi", "sv", "en"]
PUBLIC_PAGES = ["home", "privacy", "accessibility", "contact"] + [
    s.slug for s in SECTIONS if s.is_coming_soon
]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_page_answers_in_every_language(client, language, name):
    with translation.override(language):
        path = reverse(f"core:{name}")

    response = client.get(path)

    assert response.status_code == 200
    assert f'<html lang="{language}">' in response.text
    assert 'href="#main"' in response.text  # the skip link


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_home_says_what_the_platform_is_in_the_language(client, language):
    response = client.get(f"/{language}/")

    assert translated("Finnish clusters, together", language) in response.text
    with translation.override(language):
        titles = [escape(str(section.title)) for section in SECTIONS]
    for title in titles:
        assert title in response.text


def test_root_redirects_to_the_finnish_home_by_default(client):
    response = client.get("/")

    assert response.status_code == 302
    assert response["Location"] == "/fi/"


def test_root_follows_the_browsers_language(client):
    response = client.get("/", headers={"accept-language": "sv-FI,sv;q=0.9"})

    assert response["Location"] == "/sv/"


def test_language_switcher_links_to_the_same_page_in_each_language(client):
    response = client.get("/fi/privacy/")

    assert 'href="/sv/privacy/" lang="sv" hreflang="sv"' in response.text
    assert 'href="/en/privacy/" lang="en" hreflang="en"' in response.text
    assert 'href="/fi/privacy/" lang="fi" hreflang="fi" aria-current="true"' in response.text


def test_current_section_is_marked_in_the_navigation(client):
    response = client.get("/en/events/")

    assert 'href="/en/events/" aria-current="page"' in response.text


@pytest.mark.parametrize("language", LANGUAGES)
def test_accessibility_statement_shows_its_review_date(client, language):
    response = client.get(f"/{language}/accessibility/")

    with translation.override(language):
        reviewed_on = date_format(ACCESSIBILITY_REVIEWED_ON)
    assert reviewed_on in response.text


def test_footer_links_to_contact_privacy_and_accessibility(client):
    response = client.get("/fi/")

    for name in ["contact", "privacy", "accessibility"]:
        assert f'href="/fi/{name}/"' in response.text


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_pages_refuse_post(client, name):
    assert client.post(reverse(f"core:{name}")).status_code == 405


def test_home_uses_no_database_query_for_anonymous(client, django_assert_num_queries):
    # The apps' blocks (core/home.py) read once, then from the cache until a change.
    client.get("/fi/")
    with django_assert_num_queries(0):
        client.get("/fi/")
