"""Registration in a real Chromium, with axe, in every language: a person finds
the event on its page, registers on the form (an extra question), gets the
confirmation with its .ics, sees their registrations, withdraws; the first person
on the waiting list is offered the seat by mail and accepts it on the event's page."""

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import translation
from icalendar import Calendar
from playwright.sync_api import expect

from klusteri.e2e_fixtures import assert_accessible, open_page
from klusteri.events import services
from klusteri.events.models import Question, Registration

pytest_plugins = ["klusteri.e2e_fixtures"]
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]

LANGUAGES = ["fi", "sv", "en"]
REGISTER = {"fi": "Ilmoittaudu", "sv": "Anmäl dig", "en": "Register for this event"}
SEND = {"fi": "Lähetä ilmoittautuminen", "sv": "Skicka anmälan", "en": "Send the registration"}
WITHDRAW = {"fi": "Peru ilmoittautuminen", "sv": "Återkalla anmälan", "en": "Withdraw"}
ACCEPT = {"fi": "Ota paikka vastaan", "sv": "Ta emot platsen", "en": "Accept the seat"}
State = Registration.State


def url(name: str, language: str, **kwargs) -> str:
    with translation.override(language):
        return reverse(f"events:{name}", kwargs=kwargs)


def event_url(event, language: str) -> str:
    with translation.override(language):
        return event.get_absolute_url()


def signed_in(make_page, live_server, user):
    client = Client()
    client.force_login(user)
    page = make_page(viewport={"width": 320, "height": 800})
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


def test_browser_register_withdraw_and_the_seat_passes_on(
    make_page, live_server, make_event, make_person
):
    for language in LANGUAGES:
        event = make_event(capacity=1, title=f"Vetypäivä {language}", offer_hours=24)
        question = Question.objects.create(event=event, text="Diet", is_required=True)
        person = make_person(language=language)
        waiting = make_person(language=language)
        page = signed_in(make_page, live_server, person)
        mail.outbox.clear()

        # Find the event on its page and register on the form.
        open_page(page, event_url(event, language), language)
        page.get_by_role("link", name=REGISTER[language], exact=True).click()
        expect(page.locator("h1")).to_contain_text(event.title)
        assert_accessible(page)
        page.get_by_label("Diet").fill("Vegaani")
        with page.expect_navigation():
            page.get_by_role("button", name=SEND[language], exact=True).click()
        expect(page.locator("main .message--success")).to_be_visible()
        registration = Registration.objects.get(event=event, user=person)
        assert registration.state == State.CONFIRMED
        assert registration.answers == {str(question.pk): "Vegaani"}

        # The confirmation, in the person's language, with the event as an .ics.
        [confirmation] = mail.outbox
        assert confirmation.to == [person.email]
        assert event.title in confirmation.subject
        [(filename, content, mimetype)] = confirmation.attachments
        assert filename.endswith(".ics") and mimetype == "text/calendar"
        [vevent] = Calendar.from_ical(content).walk("VEVENT")
        assert str(vevent.get("summary")) == event.title
        assert vevent.decoded("dtstart") == event.starts_at.replace(microsecond=0)

        # Someone else registers too: the event is full, they wait.
        assert services.register(event, by=waiting).state == State.WAITLISTED

        # My registrations, then withdraw (asked first).
        open_page(page, url("mine", language), language)
        expect(page.get_by_role("link", name=event.title)).to_be_visible()
        assert_accessible(page)
        open_page(page, event_url(event, language), language)
        page.get_by_role("link", name=WITHDRAW[language], exact=True).click()
        expect(page.locator("h1")).to_contain_text(event.title)
        assert_accessible(page)
        mail.outbox.clear()
        with page.expect_navigation():
            page.locator("main form[method=post]").get_by_role(
                "button", name=WITHDRAW[language], exact=True
            ).click()
        registration.refresh_from_db()
        assert registration.state == State.WITHDRAWN

        # The first on the waiting list is offered the seat by mail, and accepts it.
        [offer] = mail.outbox
        assert offer.to == [waiting.email]
        assert event_url(event, language) in offer.body
        waiting_page = signed_in(make_page, live_server, waiting)
        open_page(waiting_page, event_url(event, language), language)
        with waiting_page.expect_navigation():
            waiting_page.get_by_role("button", name=ACCEPT[language]).click()
        expect(waiting_page.locator("main .message--success")).to_be_visible()
        assert Registration.objects.get(event=event, user=waiting).state == State.CONFIRMED
