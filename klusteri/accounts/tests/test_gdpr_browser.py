"""The My data and Delete my account pages in a real Chromium, checked by axe in
Finnish, Swedish and English, the delete form with its error state too."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from klusteri.accounts.models import Affiliation, Organisation, User
from klusteri.e2e_fixtures import assert_accessible, open_page, submit_form

pytest_plugins = ["klusteri.e2e_fixtures"]
pytestmark = pytest.mark.browser

PASSWORD = "Kesäpäivä-2026!"


def url(language: str, name: str) -> str:
    with translation.override(language):
        return reverse(name)


def test_my_data_and_delete_pages_are_accessible(page):
    email = "essi@example.org"
    user = User.objects.create_user(email, PASSWORD, name="Essi Esimerkki")
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    organisation = Organisation.objects.create(
        name="Esimerkki Oy", kind=Organisation.Kind.COMPANY, business_id="1234567-1"
    )
    # The only administrator: the delete page warns about the organisation.
    organisation.affiliations.create(user=user, role=Affiliation.Role.ADMIN)
    open_page(page, url("en", "account_login"), "en")
    submit_form(page, {"login": email, "password": PASSWORD})
    expect(page).to_have_url(re.compile(rf"{url('en', 'accounts:profile')}$"))

    for language in ["fi", "sv", "en"]:
        open_page(page, url(language, "accounts:privacy"), language)
        with page.expect_navigation():
            page.locator("main form[action$='/give/'] [type=submit]").click()
        expect(page.locator("main form[action$='/withdraw/']")).to_have_count(1)
        expect(page.locator("main table")).to_be_visible()
        assert_accessible(page)
        with page.expect_navigation():
            page.locator("main form[action$='/withdraw/'] [type=submit]").click()

        open_page(page, url(language, "accounts:account-delete"), language)
        expect(page.locator("main")).to_contain_text("Esimerkki Oy")
        submit_form(page, {"password": "not-my-password"})
        expect(page.locator(".error-summary[role=alert]")).to_be_visible()
        assert_accessible(page)

    assert User.objects.filter(pk=user.pk).exists()
