"""The events' reminders and the sweep's housekeeping (``core.reminders``)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from klusteri.core.reminders import send_due
from klusteri.events import reminders, services
from klusteri.events.models import Event, Registration, Reminder

pytestmark = pytest.mark.django_db

State = Registration.State


@pytest.fixture
def sweep(django_capture_on_commit_callbacks):
    """``sweep(now)``: one run of the reminders sweep, its mails delivered; the number sent."""

    def run(now):
        with django_capture_on_commit_callbacks(execute=True):
            return send_due(now)

    return run


@pytest.fixture
def event(make_event, make_person):
    event = make_event(
        starts_at=timezone.now() + timedelta(days=5),
        capacity=2,
        online_url="https://meet.example.org/x",
    )
    for _ in range(3):  # two confirmed, one waiting
        services.register(event, by=make_person(), now=timezone.now() - timedelta(days=1))
    mail.outbox.clear()
    return event


def confirmed_emails(event):
    return sorted(
        event.registrations.filter(state=State.CONFIRMED).values_list("user__email", flat=True)
    )


def test_the_default_reminder_goes_48_hours_before_to_the_confirmed_only_once(event, sweep):
    reminder = event.reminders.get()
    assert reminder.offset == timedelta(hours=-48)
    moment = event.starts_at - timedelta(hours=48)

    assert sweep(moment - timedelta(minutes=1)) == 0
    assert sweep(moment) == 2
    assert sweep(moment + timedelta(hours=1)) == 0  # never twice
    assert sorted(message.to[0] for message in mail.outbox) == confirmed_emails(event)
    assert "https://meet.example.org/x" in mail.outbox[0].body
    assert sweep(event.starts_at + timedelta(minutes=1)) == 0


def test_the_organisers_text_in_the_persons_language(event, sweep, make_person):
    reminder = event.reminders.get()
    reminder.text_fi = "Muista ottaa kypärä."
    reminder.text_sv = "Kom ihåg hjälmen."
    reminder.save()
    swede = make_person(language="sv")
    Registration.objects.create(event=event, user=swede, state=State.CONFIRMED,
                                queued_at=timezone.now() - timedelta(days=1))  # fmt: skip

    sweep(event.starts_at - timedelta(hours=47))

    bodies = {message.to[0]: message.body for message in mail.outbox}
    assert "Kom ihåg hjälmen." in bodies[swede.email]
    assert {
        "Muista ottaa kypärä." in body for email, body in bodies.items() if email != swede.email
    } == {True}


def test_a_moved_event_reminds_at_its_new_time(event, sweep):
    old_moment = event.starts_at - timedelta(hours=48)
    Event.objects.filter(pk=event.pk).update(
        starts_at=event.starts_at + timedelta(days=3), ends_at=event.ends_at + timedelta(days=3)
    )

    assert sweep(old_moment) == 0
    assert sweep(old_moment + timedelta(days=3)) == 2


def test_a_moved_event_reminds_again_of_its_new_time_once(event, sweep):
    moment = event.starts_at - timedelta(hours=48)
    assert sweep(moment) == 2
    Event.objects.filter(pk=event.pk).update(
        starts_at=event.starts_at + timedelta(days=1), ends_at=event.ends_at + timedelta(days=1)
    )

    assert sweep(moment + timedelta(days=1)) == 2
    assert sweep(moment + timedelta(days=1, hours=1)) == 0


@pytest.mark.parametrize(
    "status", [Event.Status.CANCELLED, Event.Status.POSTPONED, Event.Status.DRAFT]
)
def test_an_event_not_taking_place_never_reminds(event, sweep, status):
    Event.objects.filter(pk=event.pk).update(status=status)

    assert sweep(event.starts_at - timedelta(hours=47)) == 0


def test_a_reminder_relative_to_the_end(event, sweep):
    Reminder.objects.filter(event=event).update(
        anchor=Reminder.Anchor.END, offset=timedelta(hours=1)
    )
    after = event.ends_at + timedelta(hours=1)

    assert sweep(after - timedelta(minutes=1)) == 0
    assert sweep(after) == 2
    assert sweep(after + reminders.GRACE + timedelta(hours=1)) == 0


def test_a_late_sweep_still_reminds_before_the_start(event, sweep):
    assert sweep(event.starts_at - timedelta(hours=2)) == 2


def test_who_registered_after_the_moment_gets_no_catch_up(event, sweep, make_person):
    late = services.register(event, by=make_person(), now=event.starts_at - timedelta(hours=10))
    Registration.objects.filter(pk=late.pk).update(state=State.CONFIRMED)
    mail.outbox.clear()

    sweep(event.starts_at - timedelta(hours=5))

    assert late.user.email not in {message.to[0] for message in mail.outbox}


def test_the_sweep_lets_lapsed_offers_pass_on(event, sweep):
    confirmed = event.registrations.filter(state=State.CONFIRMED).first()
    waiting = event.registrations.get(state=State.WAITLISTED)
    services.withdraw(confirmed, by=confirmed.user)
    waiting.refresh_from_db()
    assert waiting.state == State.OFFERED

    sweep(waiting.offer_expires_at + timedelta(seconds=1))

    waiting.refresh_from_db()
    assert waiting.state == State.WITHDRAWN


def test_queries_per_sweep_do_not_grow_with_events_and_people(make_event, make_person):
    def add_events(count, people):
        for _ in range(count):
            ev = make_event(starts_at=timezone.now() + timedelta(days=1))
            for _ in range(people):
                services.register(ev, by=make_person(), now=timezone.now() - timedelta(days=2))

    def queries():
        with CaptureQueriesContext(connection) as captured:
            list(reminders.due(timezone.now()))
        return len(captured)

    add_events(1, 1)
    few = queries()
    add_events(4, 5)
    assert queries() == few
