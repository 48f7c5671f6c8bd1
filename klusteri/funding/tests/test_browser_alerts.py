"""The alerts' pages in a real Chromium, with axe, in every language: a person saves
a search on the page of their alerts (a wrong try first), edits it, sees the calls
they follow; someone follows the unsubscribe link of a mail."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from playwright.sync_api import expect

from klusteri.e2e_fixtures import assert_accessible, open_page, submit_form
from klusteri.funding.models import FollowedCall, SavedSearch
from klusteri.funding.services import unsubscribe_token
from klusteri.funding.testing import make_call

pytest_plugins = ["klusteri.e2e_fixtures"]
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]

LANGUAGES = ["fi", "sv", "en"]
SAVE = {"fi": "Tallenna haku", "sv": "Spara sökningen", "en": "Save the search"}


def url(name: str, language: str, **kwargs) -> str:
    with translation.override(language):
        return reverse(f"funding:{name}", kwargs=kwargs)


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


@pytest.fixture
def followed_call(company_user):
    call = make_call(
        "Klusterien yhteishaku",
        deadlines=[(timezone.now() + timedelta(days=20)).replace(hour=15, minute=0, second=0)],
    )
    FollowedCall.objects.create(user=company_user, call=call)
    return call


def test_browser_saving_and_editing_a_search(make_page, live_server, company_user, followed_call):
    page = signed_in(make_page, live_server, company_user)
    for language in LANGUAGES:
        mine = url("mine", language)
        open_page(page, mine, language)
        expect(page.get_by_role("link", name="Klusterien yhteishaku")).to_be_visible()
        assert_accessible(page)

        submit_form(page)  # the first form: saving a search, nothing typed

        expect(page.locator("main .error-summary")).to_be_visible()
        assert_accessible(page)

        page.locator("[name=save-name]").fill(f"Kaikki {language}")
        page.locator("[name=save-frequency][value=daily]").check()
        with page.expect_navigation():
            page.get_by_role("button", name=SAVE[language]).click()

        assert page.url.endswith(mine)
        expect(page.locator("main .message--success")).to_be_visible()
        expect(page.get_by_role("link", name=f"Kaikki {language}", exact=True)).to_be_visible()
        assert_accessible(page)

        search = SavedSearch.objects.get(name=f"Kaikki {language}")
        open_page(page, url("search-edit", language, pk=search.pk), language)
        assert_accessible(page)
        submit_form(page, {"name": ""})
        expect(page.locator("main .error-summary")).to_be_visible()
        assert_accessible(page)
        search.delete()  # the next language saves the same search anew
    assert list(SavedSearch.objects.all()) == []


def test_browser_unsubscribing_from_a_mail(page, company_user, followed_call):
    for language in LANGUAGES:
        follow = FollowedCall.objects.get_or_create(user=company_user, call=followed_call)[0]
        open_page(page, url("unsubscribe", language, token=unsubscribe_token(follow)), language)
        expect(page.locator("main")).to_contain_text("Klusterien yhteishaku")
        assert_accessible(page)

        submit_form(page)

        expect(page.locator("h1")).to_have_count(1)
        assert not FollowedCall.objects.exists()
        assert_accessible(page)

        response = page.goto(url("unsubscribe", language, token="tampered"))
        assert response.status == 400
        assert_accessible(page)
