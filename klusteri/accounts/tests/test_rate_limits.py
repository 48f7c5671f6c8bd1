"""Rate limits on log-in and password reset (``ACCOUNT_RATE_LIMITS``), and answers
that never tell whether an account exists (``ACCOUNT_PREVENT_ENUMERATION``).

The counts live in the cache, which the autouse ``_fresh_cache`` fixture empties
around every test. Time moves with time-machine, never with sleep.
"""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone, translation
from django.utils.translation import gettext

pytestmark = pytest.mark.django_db

PASSWORD = "Oikea-salasana-1"
WRONG = "väärä-salasana"
LOCKED_FI = "Liian monta virheellistä kirjautumisyritystä. Yritä myöhemmin uudelleen."
LOCKED_EN = "Too many failed login attempts. Try again later."
WRONG_FI = "Annettu sähköposti tai salasana ei ole oikein."


@pytest.fixture
def kaisa(make_user):
    return make_user("kaisa@example.org", password=PASSWORD)


@pytest.fixture
def post(client, django_capture_on_commit_callbacks):
    """POST from one client address, running what waits for the commit (mail)."""

    def send(path, data, address="192.0.2.10"):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(path, data, REMOTE_ADDR=address)

    return send


def log_in(post, email, password, language="fi", address="192.0.2.10"):
    return post(
        f"/{language}/accounts/login/", {"login": email, "password": password}, address=address
    )


def reset(post, email, address="192.0.2.10"):
    return post("/fi/accounts/password/reset/", {"email": email}, address=address)


def too_many_attempts(language: str) -> str:
    """The heading of the 429 page, as the message catalogue has it in ``language``."""
    with translation.override(language):
        return gettext("Too many attempts")


def form_errors(response) -> list[str]:
    return [str(error) for error in response.context["form"].non_field_errors()]


def page_without(response, *variable: str) -> str:
    """The page with what legitimately differs between two requests taken out:
    the CSRF token and the address typed."""
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.text)
    for text in variable:
        html = html.replace(text, "")
    return html


# Log-in ---------------------------------------------------------------------------


def test_sixth_attempt_is_refused_even_with_the_right_password(post, client, kaisa):
    for _attempt in range(5):
        assert form_errors(log_in(post, "kaisa@example.org", WRONG)) == [WRONG_FI]

    response = log_in(post, "kaisa@example.org", PASSWORD)

    assert response.status_code == 200
    assert form_errors(response) == [LOCKED_FI]
    assert LOCKED_FI in response.text
    assert "_auth_user_id" not in client.session


def test_locked_message_is_in_the_page_language(post, kaisa):
    for _attempt in range(5):
        log_in(post, "kaisa@example.org", WRONG, language="en")

    response = log_in(post, "kaisa@example.org", PASSWORD, language="en")

    assert form_errors(response) == [LOCKED_EN]


def test_lock_is_per_account_whatever_the_address(post, client, kaisa):
    for number in range(5):
        log_in(post, "KAISA@example.org", WRONG, address=f"198.51.100.{number}")

    response = log_in(post, "kaisa@example.org", PASSWORD, address="203.0.113.99")

    assert form_errors(response) == [LOCKED_FI]
    assert "_auth_user_id" not in client.session


def test_lock_on_one_account_leaves_the_others_alone(post, client, kaisa, make_user):
    make_user("olli@example.org", password=PASSWORD)
    for _attempt in range(5):
        log_in(post, "kaisa@example.org", WRONG)

    response = log_in(post, "olli@example.org", PASSWORD)

    assert response.status_code == 302
    assert client.session["_auth_user_id"]


def test_lock_ends_after_fifteen_minutes(post, client, kaisa):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        for _attempt in range(5):
            log_in(post, "kaisa@example.org", WRONG)
        clock.shift(timedelta(minutes=14))
        assert form_errors(log_in(post, "kaisa@example.org", PASSWORD)) == [LOCKED_FI]

        clock.shift(timedelta(minutes=2))
        response = log_in(post, "kaisa@example.org", PASSWORD)

    assert response.status_code == 302
    assert client.session["_auth_user_id"]


def test_right_password_between_guesses_does_not_reset_the_count(post, client, kaisa):
    # A guesser who also knows one real password must not earn new tries with it.
    for _attempt in range(4):
        log_in(post, "kaisa@example.org", WRONG)
    assert log_in(post, "kaisa@example.org", PASSWORD).status_code == 302
    client.logout()

    log_in(post, "kaisa@example.org", WRONG)
    response = log_in(post, "kaisa@example.org", PASSWORD)

    assert form_errors(response) == [LOCKED_FI]


def test_one_address_guessing_many_accounts_is_stopped(post, client, make_user):
    make_user("olli@example.org", password=PASSWORD)
    for number in range(20):
        log_in(post, f"arvaus{number}@example.org", WRONG)

    from_the_guesser = log_in(post, "olli@example.org", PASSWORD)
    from_elsewhere = log_in(post, "olli@example.org", PASSWORD, address="203.0.113.5")

    assert form_errors(from_the_guesser) == [LOCKED_FI]
    assert from_elsewhere.status_code == 302


def test_wrong_password_and_unknown_account_get_the_same_answer(post, kaisa):
    known = log_in(post, "kaisa@example.org", WRONG)
    unknown = log_in(post, "tuntematon@example.org", WRONG)

    assert known.status_code == unknown.status_code == 200
    assert form_errors(known) == form_errors(unknown) == [WRONG_FI]
    assert page_without(known, "kaisa@example.org") == page_without(
        unknown, "tuntematon@example.org"
    )


def test_unknown_account_is_locked_like_a_known_one(post, kaisa):
    for _attempt in range(5):
        log_in(post, "kaisa@example.org", WRONG)
        log_in(post, "tuntematon@example.org", WRONG)

    known = log_in(post, "kaisa@example.org", WRONG)
    unknown = log_in(post, "tuntematon@example.org", WRONG)

    assert form_errors(known) == form_errors(unknown) == [LOCKED_FI]


# Password reset -------------------------------------------------------------------


def test_reset_answers_the_same_for_a_known_and_an_unknown_address(post, kaisa):
    known = reset(post, "kaisa@example.org")
    unknown = reset(post, "tuntematon@example.org")

    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == "/fi/accounts/password/reset/done/"


def test_fourth_reset_in_an_hour_for_one_address_is_refused(post, kaisa):
    for _request in range(3):
        assert reset(post, "kaisa@example.org").status_code == 302
    assert len(mail.outbox) == 3

    response = reset(post, "Kaisa@Example.org", address="203.0.113.7")

    assert response.status_code == 429
    assert too_many_attempts("fi") in response.text
    assert len(mail.outbox) == 3


def test_reset_limit_treats_unknown_addresses_the_same(post, kaisa):
    for _request in range(3):
        reset(post, "kaisa@example.org")
        reset(post, "tuntematon@example.org")

    known = reset(post, "kaisa@example.org")
    unknown = reset(post, "tuntematon@example.org")

    assert known.status_code == unknown.status_code == 429


def test_reset_limit_ends_after_an_hour(post, kaisa):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        for _request in range(3):
            reset(post, "kaisa@example.org")
        clock.shift(timedelta(minutes=61))

        response = reset(post, "kaisa@example.org")

    assert response.status_code == 302
    assert len(mail.outbox) == 4


def test_one_address_requesting_many_resets_is_stopped(post, kaisa):
    for number in range(10):
        assert reset(post, f"osoite{number}@example.org").status_code == 302

    response = reset(post, "kaisa@example.org")

    assert response.status_code == 429
    assert reset(post, "kaisa@example.org", address="203.0.113.8").status_code == 302


def test_too_many_attempts_page_is_translated(post, kaisa):
    for _request in range(3):
        reset(post, "kaisa@example.org")

    swedish = post("/sv/accounts/password/reset/", {"email": "kaisa@example.org"})
    english = post("/en/accounts/password/reset/", {"email": "kaisa@example.org"})

    assert swedish.status_code == english.status_code == 429
    assert f"<h1>{too_many_attempts('sv')}</h1>" in swedish.text
    assert '<html lang="sv"' in swedish.text
    assert "<h1>Too many attempts</h1>" in english.text
    # Not allauth's fallback, which is English in every language.
    assert "Too Many Requests" not in swedish.text + english.text
