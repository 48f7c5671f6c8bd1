"""The organiser's journey in a real Chromium: their events, the event form, the
participant list where two people are checked in with the keyboard, and the
closing report; axe on each page in every language, and the list at 320 px."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from klusteri.e2e_fixtures import assert_accessible, open_page
from klusteri.events.models import Event, Question, Registration
from klusteri.events.tests.organiser_fixtures import make_event, register

pytest_plugins = ["klusteri.e2e_fixtures"]
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]

LANGUAGES = ["fi", "sv", "en"]


def signed_in(make_page, live_server, user, **options):
    client = Client()
    client.force_login(user)
    page = make_page(**options)
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
def ended_event(cluster, manager, make_user, make_organisation):
    """A workshop that ended a minute ago, with six confirmed participants of two
    organisations and one question."""
    event = make_event(cluster, by=manager, starts_in=timedelta(hours=-3, minutes=-1), hours=3,
                       capacity=40, reserved_seats=0)  # fmt: skip
    diet = Question.objects.create(event=event, text="Ruokavalio", position=1)
    companies = [make_organisation("Yksi Oy"), make_organisation("Kaksi Oy")]
    for number in range(6):
        register(event, make_user(f"osallistuja{number}@example.org", name=f"Osallistuja {number}"),
                 organisation=companies[number % 2],
                 answers={str(diet.pk): "kasvis"})  # fmt: skip
    return event


def url(name: str, language: str, *args) -> str:
    with translation.override(language):
        return reverse(name, args=args)


def test_browser_organiser_checks_people_in_and_writes_the_report(
    make_page, live_server, manager, ended_event
):
    page = signed_in(make_page, live_server, manager)
    people = list(Registration.objects.filter(event=ended_event).order_by("pk"))
    for round_number, language in enumerate(LANGUAGES):
        open_page(page, url("events:manage", language), language)
        expect(page.locator(f"#event-{ended_event.pk}")).to_be_visible()
        assert_accessible(page)

        open_page(page, url("events:edit", language, ended_event.pk), language)
        expect(page.locator("[name=title_fi]")).to_have_value(ended_event.title_fi)
        assert_accessible(page)

        open_page(page, url("events:participants", language, ended_event.pk), language)
        assert_accessible(page)
        for registration in people[round_number * 2 : round_number * 2 + 2]:
            button = page.locator(f"#check-in-{registration.pk}")
            button.focus()
            page.keyboard.press("Enter")
            row = page.locator(f"#registration-{registration.pk}")
            expect(row.locator("button[value=undo_check_in]")).to_be_visible()
            # htmx swapped the row and kept the focus on its button.
            expect(page.locator(f"#check-in-{registration.pk}")).to_be_focused()
        assert_accessible(page)
        checked_in = Registration.objects.filter(event=ended_event, checked_in_at__isnull=False)
        assert checked_in.count() == round_number * 2 + 2

        open_page(page, url("events:report", language, ended_event.pk), language)
        assert_accessible(page)
        if round_number == 0:  # prefilled from the check-ins; then from the report
            expect(page.locator("[name=attendees]")).to_have_value("2")
            expect(page.locator("[name=organisations_present]")).to_have_value("2")
        else:
            page.locator("[name=attendees]").fill(str(round_number * 2 + 2))
        page.locator("[name=outcomes]").fill(f"Kaksi uutta hanketta ({language}).")
        with page.expect_navigation():
            page.locator("main form[method=post] [type=submit]").click()
        expect(page.locator(".message--success")).to_be_visible()
        ended_event.refresh_from_db()
        assert ended_event.status == Event.Status.COMPLETED
        report = ended_event.closing_report
        assert report.outcomes == f"Kaksi uutta hanketta ({language})."
        assert report.attendees == round_number * 2 + 2


def test_browser_participant_list_at_320_px(make_page, live_server, manager, ended_event):
    page = signed_in(make_page, live_server, manager, viewport={"width": 320, "height": 640})
    first = Registration.objects.filter(event=ended_event).order_by("pk").first()
    for language in LANGUAGES:
        open_page(page, url("events:participants", language, ended_event.pk), language)
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= 320, f"the page is {width} px wide at 320 px ({language})"
        button = page.locator(f"#check-in-{first.pk}")
        expect(button).to_be_visible()
        box = button.bounding_box()
        assert box["height"] >= 44 and box["width"] >= 200  # a thumb's target
        assert_accessible(page)
