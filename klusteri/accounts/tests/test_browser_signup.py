"""Accounts in a real Chromium: the entrance forms, sign-up to log-in, profile, organisation.

Forms are also submitted with the browser's own validation switched off, so that the
server's error state (error summary, messages beside the fields) is what axe checks.
"""

import re

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from klusteri.accounts.models import Organisation, User
from klusteri.e2e_fixtures import assert_accessible, open_page, submit_form

pytest_plugins = ["klusteri.e2e_fixtures"]
pytestmark = pytest.mark.browser

LANGUAGES = ["fi", "sv", "en"]
PASSWORD = "Kesäpäivä-2026!"


def url(language: str, name: str) -> str:
    with translation.override(language):
        return reverse(name)


def expect_error_state(page) -> None:
    expect(page.locator(".error-summary[role=alert]")).to_be_visible()


def make_user(email: str) -> User:
    user = User.objects.create_user(email, PASSWORD, name="Essi Esimerkki")
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def log_in(page, email: str, language: str) -> None:
    open_page(page, url(language, "account_login"), language)
    submit_form(page, {"login": email, "password": PASSWORD})
    expect(page).to_have_url(re.compile(rf"{url(language, 'accounts:profile')}$"))


# Each entrance page in its languages in turn: a warm page checks faster than a new one.


def test_login_page_is_accessible_empty_and_with_errors(page):
    for language in LANGUAGES:
        open_page(page, url(language, "account_login"), language)
        assert_accessible(page)

        submit_form(page, {"login": "nobody@example.org", "password": "wrong-password"})
        expect_error_state(page)
        assert_accessible(page)


def test_signup_page_is_accessible_empty_and_with_errors(page):
    for language in LANGUAGES:
        open_page(page, url(language, "account_signup"), language)
        assert_accessible(page)

        submit_form(page, {"email": "not-an-address", "password1": "short", "password2": "other"})
        expect_error_state(page)
        expect(page.locator("[name=email]")).to_have_value("not-an-address")
        assert_accessible(page)


def test_password_reset_page_is_accessible_empty_and_with_errors(page):
    for language in LANGUAGES:
        open_page(page, url(language, "account_reset_password"), language)
        assert_accessible(page)

        submit_form(page)
        expect_error_state(page)
        assert_accessible(page)


def test_signup_verify_email_then_log_in(page, mailoutbox, settings):
    # The verification e-mail is sent by a task; run it at once, inside the request.
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    email = "uusi.kayttaja@example.org"

    open_page(page, url("fi", "account_signup"), "fi")
    page.locator("[name=privacy_notice]").check()
    submit_form(page, {"email": email, "password1": PASSWORD, "password2": PASSWORD})

    expect(page).to_have_url(re.compile(rf"{url('fi', 'account_email_verification_sent')}$"))
    assert_accessible(page)
    assert [message.to for message in mailoutbox] == [[email]]
    link = re.search(r"https?://\S+/fi/accounts/confirm-email/\S+/", mailoutbox[0].body)
    assert link, f"no verification link in:\n{mailoutbox[0].body}"

    open_page(page, link.group(), "fi")
    assert_accessible(page)
    submit_form(page)  # "Confirm"
    assert EmailAddress.objects.get(email=email).verified

    # Confirming logged the new person in; log out from the header and back in.
    with page.expect_navigation():
        page.locator(".account-links form [type=submit]").click()
    expect(page.locator(".account-links").get_by_role("link")).to_have_count(2)  # log in, sign up
    log_in(page, email, "fi")
    expect(page.locator("main")).to_contain_text(email)
    assert User.objects.get(email=email).language == "fi"


def test_profile_page_is_accessible(page):
    user = make_user("essi@example.org")
    organisation = Organisation.objects.create(
        name="Esimerkki Oy", kind=Organisation.Kind.COMPANY, business_id="1234567-1"
    )
    organisation.affiliations.create(user=user, role="admin")

    log_in(page, user.email, "en")
    expect(page.locator("main table")).to_contain_text("Esimerkki Oy")
    assert_accessible(page)


def test_organisation_form_is_accessible_empty_and_with_errors(page):
    user = make_user("essi@example.org")
    log_in(page, user.email, "fi")

    open_page(page, url("fi", "accounts:organisation-create"), "fi")
    assert_accessible(page)

    page.locator("[name=kind]").select_option("company")
    submit_form(page, {"name": "Virheellinen Oy", "business_id": "1234567-8"})  # check digit 1
    expect_error_state(page)
    expect(page.locator("main .errorlist")).to_have_count(1)  # the business ID's, no other
    business_id = page.locator("[name=business_id]")
    expect(business_id).to_have_value("1234567-8")
    expect(business_id).to_have_attribute("aria-invalid", "true")
    # A screen reader announces the error with the field, not only in the summary.
    error = page.locator("#id_business_id_error").inner_text()
    expect(business_id).to_have_accessible_description(re.compile(re.escape(error)))
    assert_accessible(page)
    assert not Organisation.objects.exists()
