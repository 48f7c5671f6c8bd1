"""Consents: recorded at sign-up with the version of their text and the time, shown
on the My data page, and the optional ones withdrawn and given again there."""

import datetime

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from klusteri.accounts.models import NEWSLETTER_CONSENT_VERSION, Consent, User
from klusteri.audit.models import AuditEntry
from klusteri.conftest import client_for
from klusteri.core.privacy_notice import PRIVACY_NOTICE_VERSION

pytestmark = pytest.mark.django_db
PASSWORD = "Pohjoinen-tuuli-42"
SIGN_UP_TIME = datetime.datetime(2026, 12, 1, 9, 30, tzinfo=datetime.UTC)
PAGE = "/en/accounts/privacy/"
GIVE = "/en/accounts/privacy/consents/newsletter/give/"
WITHDRAW = "/en/accounts/privacy/consents/newsletter/withdraw/"


def sign_up(client, **extra):
    return client.post(
        "/en/accounts/signup/",
        {"email": "uusi@example.org", "password1": PASSWORD, "password2": PASSWORD, **extra},
    )


def test_sign_up_records_the_privacy_notice_read_with_version_and_time(client):
    with time_machine.travel(SIGN_UP_TIME, tick=False):
        response = sign_up(client, privacy_notice="on")

    assert response.status_code == 302
    [consent] = User.objects.get(email="uusi@example.org").consents.all()
    assert consent.kind == Consent.Kind.PRIVACY_NOTICE
    assert consent.version == PRIVACY_NOTICE_VERSION
    assert consent.given_at == SIGN_UP_TIME
    assert consent.withdrawn_at is None


def test_sign_up_records_the_newsletter_only_when_asked_for(client):
    sign_up(client, privacy_notice="on", newsletter="on")

    consents = User.objects.get(email="uusi@example.org").consents.in_force()
    assert {(c.kind, c.version) for c in consents} == {
        (Consent.Kind.PRIVACY_NOTICE, PRIVACY_NOTICE_VERSION),
        (Consent.Kind.NEWSLETTER, NEWSLETTER_CONSENT_VERSION),
    }


def test_sign_up_without_reading_the_privacy_notice_is_refused(client):
    response = sign_up(client, newsletter="on")

    assert response.status_code == 200
    assert "Please confirm that you have read the privacy notice." in response.text
    assert 'value="uusi@example.org"' in response.text
    assert not User.objects.exists()
    assert not Consent.objects.exists()


def test_sign_up_form_links_to_the_privacy_notice(client):
    response = client.get("/sv/accounts/signup/")

    assert 'href="/sv/privacy/"' in response.text
    assert 'name="privacy_notice"' in response.text
    assert 'name="newsletter"' in response.text


def test_page_lists_the_persons_consents_and_nobody_elses(person, outsider_with_data):
    response = client_for(person.user).get(PAGE)

    assert response.status_code == 200
    assert "Privacy notice read" in response.text
    assert PRIVACY_NOTICE_VERSION in response.text
    assert "you have not given your consent." in response.text  # outsider has the newsletter
    assert f'action="{GIVE}"' in response.text


def test_withdrawing_keeps_the_record_and_stamps_the_time(outsider_with_data):
    client = client_for(outsider_with_data)
    # An hour on: within the log-in session that client_for has just begun.
    withdrawn_at = timezone.now().replace(microsecond=0) + datetime.timedelta(hours=1)

    with time_machine.travel(withdrawn_at, tick=False):
        response = client.post(WITHDRAW)

    assert response.status_code == 302
    assert response["Location"] == PAGE
    consent = outsider_with_data.consents.get(kind=Consent.Kind.NEWSLETTER)
    assert consent.withdrawn_at == withdrawn_at
    entry = AuditEntry.objects.filter(action="accounts.consent.withdrawn").get()
    assert entry.actor == outsider_with_data
    assert entry.data == {"kind": "newsletter", "version": NEWSLETTER_CONSENT_VERSION}
    assert "you have not given your consent." in client.get(PAGE).text


def test_withdrawing_what_is_not_given_changes_nothing(outsider):
    response = client_for(outsider).post(WITHDRAW, follow=True)

    assert "There was no consent in force to withdraw." in response.text
    assert not Consent.objects.exists()
    assert not AuditEntry.objects.exists()


def test_giving_again_makes_a_new_record(outsider_with_data):
    client = client_for(outsider_with_data)
    client.post(WITHDRAW)

    client.post(GIVE)

    newsletter = outsider_with_data.consents.filter(kind=Consent.Kind.NEWSLETTER)
    assert newsletter.count() == 2
    assert newsletter.in_force().get().version == NEWSLETTER_CONSENT_VERSION


def test_giving_twice_keeps_one_record(outsider_with_data):
    response = client_for(outsider_with_data).post(GIVE, follow=True)

    assert "Your consent was already recorded." in response.text
    assert outsider_with_data.consents.filter(kind=Consent.Kind.NEWSLETTER).count() == 1


@pytest.mark.parametrize("kind", ["privacy_notice", "marketing"])
def test_only_optional_consents_can_be_withdrawn_or_given(person, kind):
    client = client_for(person.user)

    for action in ["withdraw", "give"]:
        response = client.post(f"/en/accounts/privacy/consents/{kind}/{action}/")
        assert response.status_code == 404
    assert person.user.consents.in_force().count() == 1


@pytest.mark.parametrize("path", [GIVE, WITHDRAW])
def test_consent_changes_refuse_get(outsider, path):
    assert client_for(outsider).get(path).status_code == 405


@pytest.mark.parametrize("path", [GIVE, WITHDRAW])
def test_consent_changes_need_the_csrf_token(outsider_with_data, path):
    client = Client(enforce_csrf_checks=True)
    client.force_login(outsider_with_data)

    assert client.post(path).status_code == 403
    assert outsider_with_data.consents.in_force().count() == 1


@pytest.mark.parametrize(("method", "path"), [("get", PAGE), ("post", GIVE), ("post", WITHDRAW)])
def test_anonymous_is_sent_to_log_in(method, path):
    response = getattr(Client(), method)(path)

    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")
    assert not Consent.objects.exists()


def test_page_refuses_post(outsider):
    assert client_for(outsider).post(PAGE).status_code == 405
