"""What the events app keeps about a person, in their export and at their erasure
(``events.privacy`` through ``core.personal_data``)."""

import json
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from klusteri.accounts.services import erase_account
from klusteri.audit.models import AuditEntry
from klusteri.core import personal_data
from klusteri.events import privacy, services
from klusteri.events.models import (
    ClosingReport,
    Event,
    EventType,
    FeedToken,
    Question,
    Registration,
)

pytestmark = pytest.mark.django_db
State = Registration.State


@pytest.fixture
def make_event(staff):
    def make(title="Klusteripäivä", *, starts_in=timedelta(days=10), **fields) -> Event:
        starts_at = timezone.now() + starts_in
        event = Event(
            title=title,
            event_type=EventType.NATIONAL,
            starts_at=starts_at,
            ends_at=starts_at + timedelta(hours=3),
            status=Event.Status.PUBLISHED,
            **fields,
        )
        return services.save_event(event, by=staff)

    return make


def test_export_holds_the_registrations_with_event_state_organisation_and_answers(
    make_event, company_user, member_company
):
    event = make_event("Vetypäivä", asks_organisation=True)
    question = Question.objects.create(event=event, text="Erityisruokavalio?")
    services.register(
        event, by=company_user, organisation=member_company, answers={str(question.pk): "Vegaani"}
    )
    token = services.renew_feed_token(company_user, by=company_user)

    data = personal_data.export(company_user)

    [registration] = data["event_registrations"]
    assert registration["event"]["title"] == "Vetypäivä"
    assert registration["event"]["starts_at"] == event.starts_at.isoformat()
    assert registration["state"] == State.CONFIRMED
    assert registration["organisation"] == {"id": member_company.pk, "name": member_company.name}
    assert registration["answers"] == [{"question": "Erityisruokavalio?", "answer": "Vegaani"}]
    assert registration["registered_at"] and registration["checked_in_at"] is None
    assert data["event_calendar_feed"] == {
        "exists": True,
        "created_at": token.created_at.isoformat(),
    }
    assert token.key not in json.dumps(data)


def test_export_without_events_has_empty_sections(outsider):
    data = personal_data.export(outsider)

    assert data["event_registrations"] == []
    assert data["event_calendar_feed"] == {"exists": False}
    assert data["event_closing_reports_written"] == []


def test_export_holds_nobody_elses_registration(make_event, company_user, outsider):
    event = make_event()
    services.register(event, by=outsider)
    services.renew_feed_token(outsider, by=outsider)

    data = personal_data.export(company_user)

    assert data["event_registrations"] == []
    assert data["event_calendar_feed"] == {"exists": False}


def test_export_holds_the_closing_reports_the_person_wrote(make_event, staff):
    event = make_event("Menneet päivät", starts_in=timedelta(days=-3))
    services.write_closing_report(
        event, by=staff, attendees=41, organisations_present=17, outcomes="Kolme hanketta."
    )

    [report] = personal_data.export(staff)["event_closing_reports_written"]

    assert report["event"]["title"] == "Menneet päivät"
    assert (report["attendees"], report["organisations_present"]) == (41, 17)


def test_erasure_passes_the_persons_seat_to_the_first_person_waiting(
    make_event, make_user, company_user
):
    event = make_event(capacity=1)
    services.register(event, by=company_user)
    first, second = make_user("eka@example.org"), make_user("toka@example.org")
    services.register(event, by=first)
    services.register(event, by=second)

    erase_account(company_user, by=company_user)

    states = dict(Registration.objects.filter(event=event).values_list("user__email", "state"))
    assert states == {"eka@example.org": State.OFFERED, "toka@example.org": State.WAITLISTED}
    assert AuditEntry.objects.filter(action="events.registration.withdrawn").count() == 1
    assert AuditEntry.objects.filter(action="events.registration.offered").count() == 1


def test_erasure_deletes_every_registration_and_the_feed_token(
    make_event, company_user, staff, outsider
):
    past = make_event("Mennyt", starts_in=timedelta(days=-5))
    services.register(past, by=company_user, now=past.starts_at - timedelta(days=1))
    services.register(past, by=outsider, now=past.starts_at - timedelta(days=1))
    withdrawn = make_event("Peruttu osallistuminen")
    services.withdraw(services.register(withdrawn, by=company_user), by=company_user)
    upcoming = make_event("Tuleva")
    services.register(upcoming, by=company_user)
    services.renew_feed_token(company_user, by=company_user)

    privacy.erase(company_user, by=staff)

    assert not Registration.objects.filter(user=company_user).exists()
    assert not FeedToken.objects.filter(user=company_user).exists()
    # The past event keeps its other participants; nothing is withdrawn after the start.
    assert Registration.objects.filter(event=past, user=outsider).exists()
    withdrawals = AuditEntry.objects.filter(action="events.registration.withdrawn").order_by("pk")
    assert [entry.object_id for entry in withdrawals] == [str(withdrawn.pk), str(upcoming.pk)]


def test_a_closing_report_keeps_its_figures_without_its_writer(
    make_event, manager, cluster, django_capture_on_commit_callbacks
):
    event = make_event("Työpaja", starts_in=timedelta(days=-2), organiser=cluster)
    services.write_closing_report(
        event, by=manager, attendees=25, organisations_present=12, outcomes="Kaksi pilottia."
    )

    [consequence] = privacy.erasure_consequences(manager)
    assert consequence.key == "event_reports_without_writer"
    assert consequence.records == [event]

    with django_capture_on_commit_callbacks(execute=True):
        erase_account(manager, by=manager)

    report = ClosingReport.objects.get(event=event)
    assert (report.attendees, report.organisations_present, report.written_by) == (25, 12, None)
    entry = AuditEntry.objects.get(action="accounts.account.erased")
    assert entry.data["event_reports_without_writer"] == [event.pk]
    # Staff are told, with a link to the event in the administration.
    [told] = [message for message in mail.outbox if "Työpaja" in message.body]
    assert f"/admin/events/event/{event.pk}/change/" in told.body


def test_the_persons_records_are_their_registrations_and_feed_token(make_event, company_user):
    registration = services.register(make_event(), by=company_user)
    token = services.renew_feed_token(company_user, by=company_user)

    registrations, tokens = privacy.records(company_user)

    assert list(registrations) == [registration]
    assert list(tokens) == [token]
