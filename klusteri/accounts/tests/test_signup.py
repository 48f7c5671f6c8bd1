"""Sign-up, verification, log-in and password reset through django-allauth."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from klusteri.accounts.models import User

pytestmark = pytest.mark.django_db
PASSWORD = "Pohjoinen-tuuli-42"


@pytest.fixture
def post(client, django_capture_on_commit_callbacks):
    """POST as a browser would, running what waits for the commit (the mail task)."""

    def send(path, data):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(path, data)

    return send


def sign_up(post, email="uusi@example.org", language="fi", password=PASSWORD):
    return post(
        f"/{language}/accounts/signup/",
        {"email": email, "password1": password, "password2": password, "privacy_notice": "on"},
    )


def test_sign_up_sends_a_verification_link_in_the_sign_up_language(post):
    response = sign_up(post, language="sv")

    assert response.status_code == 302
    user = User.objects.get(email="uusi@example.org")
    assert user.language == "sv"
    assert not EmailAddress.objects.get(user=user).verified
    [message] = mail.outbox
    assert message.to == ["uusi@example.org"]
    assert "Bekräfta" in message.subject or "bekräfta" in message.body.lower()


def test_following_the_verification_link_verifies_and_logs_in(client, post):
    sign_up(post)
    link = re.search(r"https?://\S+/confirm-email/\S+/", mail.outbox[0].body).group(0)
    path = link.split("testserver", 1)[1]

    page = client.get(path)
    assert page.status_code == 200
    response = client.post(path)

    assert response.status_code == 302
    assert EmailAddress.objects.get(email="uusi@example.org").verified
    assert client.get("/fi/accounts/profile/").status_code == 200


def test_duplicate_email_is_refused_and_nothing_is_written(post, make_user):
    make_user("vanha@example.org")

    response = sign_up(post, email="VANHA@example.org")

    # allauth does not reveal that the account exists: it answers as for a new
    # sign-up and tells the owner by e-mail instead. No second account appears.
    assert User.objects.filter(email__iexact="vanha@example.org").count() == 1
    assert response.status_code == 302
    assert "vanha@example.org" in mail.outbox[0].to


def test_mismatched_passwords_keep_the_email_and_write_nothing(client):
    response = client.post(
        "/fi/accounts/signup/",
        {"email": "uusi@example.org", "password1": PASSWORD, "password2": PASSWORD + "x"},
    )

    assert response.status_code == 200
    assert 'value="uusi@example.org"' in response.text
    assert "Salasanojen tulee olla samat." in response.text
    assert not User.objects.exists()


def test_wrong_password_is_refused_with_a_translated_message(client, make_user):
    make_user("kaisa@example.org", password="Oikea-salasana-1")

    response = client.post(
        "/fi/accounts/login/", {"login": "kaisa@example.org", "password": "väärä-salasana"}
    )

    assert response.status_code == 200
    assert "kaisa@example.org" in response.text
    assert "Annettu sähköposti tai salasana ei ole oikein." in response.text
    assert "_auth_user_id" not in client.session


def test_login_with_verified_email_lands_on_the_profile(client, make_user):
    make_user("kaisa@example.org", password="Oikea-salasana-1")

    response = client.post(
        "/en/accounts/login/", {"login": "kaisa@example.org", "password": "Oikea-salasana-1"}
    )

    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/profile/"


def test_password_reset_mails_a_link_to_a_known_address(post, make_user):
    make_user("kaisa@example.org")

    response = post("/fi/accounts/password/reset/", {"email": "kaisa@example.org"})

    assert response.status_code == 302
    [message] = mail.outbox
    assert "/fi/accounts/password/reset/key/" in message.body


def test_password_reset_answers_the_same_for_an_unknown_address(client):
    response = client.post("/fi/accounts/password/reset/", {"email": "ei-ole@example.org"})

    assert response.status_code == 302
    assert response["Location"] == "/fi/accounts/password/reset/done/"
