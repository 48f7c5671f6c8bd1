"""allauth's mail goes out in the language the person chose, not the request's."""

import pytest
from django.core import mail
from django.utils import translation
from django.utils.translation import gettext

pytestmark = pytest.mark.django_db


def in_language(language: str, text: str) -> str:
    with translation.override(language):
        return gettext(text)


@pytest.fixture
def post(client, django_capture_on_commit_callbacks):
    def send(path, data):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(path, data)

    return send


def test_password_reset_mail_is_in_the_persons_language(post, make_user):
    make_user("svea@example.org", language="sv")
    post("/fi/accounts/password/reset/", {"email": "svea@example.org"})

    [message] = mail.outbox
    assert in_language("sv", "Password Reset Email") in message.subject
    assert in_language("sv", "Password Reset Email") != in_language("fi", "Password Reset Email")


def test_mail_to_an_address_without_an_account_is_in_the_requests_language(post):
    post("/sv/accounts/password/reset/", {"email": "nobody@example.org"})

    [message] = mail.outbox
    assert message.to == ["nobody@example.org"]
    assert in_language("sv", "Unknown Account") in message.subject
