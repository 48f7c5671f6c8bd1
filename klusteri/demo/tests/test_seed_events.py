"""The demo year of events loaded by ``seed_demo`` (``demo/events.py``)."""

from datetime import time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from klusteri.audit.models import AuditEntry
from klusteri.core.mail import send_to
from klusteri.demo import accounts
from klusteri.demo import clusters as demo_clusters
from klusteri.demo import events as demo_events
from klusteri.events.models import (
    Audience,
    ClosingReport,
    Event,
    EventSeries,
    Format,
    Invitation,
    Question,
    Registration,
)

pytestmark = pytest.mark.django_db
HELSINKI = ZoneInfo("Europe/Helsinki")
LANGUAGES = ("fi", "sv", "en")
State = Registration.State


@pytest.fixture
def seeded(monkeypatch):
    # The cluster search index is the slowest part of seeding; the search app tests it.
    monkeypatch.setattr(demo_clusters, "reindex", lambda clusters: None)
    call_command("seed_demo")
    return demo_events.demo_events()


def counts() -> dict[str, int]:
    return {
        "events": Event.objects.count(),
        "series": EventSeries.objects.count(),
        "registrations": Registration.objects.count(),
        "checked_in": Registration.objects.filter(checked_in_at__isnull=False).count(),
        "reports": ClosingReport.objects.count(),
        "questions": Question.objects.count(),
        "invitations": Invitation.objects.count(),
        "audit": AuditEntry.objects.filter(action__startswith="events.").count(),
    }


def test_a_year_of_demo_events_with_a_monthly_series_in_three_languages(seeded):
    now = timezone.now()

    assert 60 <= seeded.count() <= 90
    assert seeded.count() == Event.objects.count()
    assert not Event.objects.filter(is_demo=False).exists()
    starts = seeded.filter(series__isnull=True).values_list("starts_at", flat=True)
    assert all(abs(start - now) < timedelta(days=190) for start in starts)
    assert seeded.past(now).count() >= 20
    assert seeded.upcoming(now).filter(status=Event.Status.PUBLISHED).count() >= 20
    assert {e.organiser_id is None for e in seeded} == {True, False}
    assert seeded.filter(organiser__slug=demo_clusters.MANAGER_CLUSTER_SLUG).count() >= 3

    # Every title and description is in three languages.
    for event in seeded:
        texts = [getattr(event, f"{name}_{lang}") for name in ("title", "description")
                 for lang in LANGUAGES]  # fmt: skip
        assert all(texts), event.title_en
        assert len({event.title_fi, event.title_sv, event.title_en}) == 3, event.title_en

    # The managers' meeting: monthly, on the first Tuesday at 9.00 in Helsinki.
    series = EventSeries.objects.get(title_en="Cluster managers' monthly meeting")
    occurrences = list(series.occurrences.order_by("starts_at"))

    assert series.rule == "FREQ=MONTHLY;BYDAY=1TU"
    assert any(event.has_ended() for event in occurrences)
    assert any(not event.has_ended() for event in occurrences)
    regular = [event for event in occurrences if not event.detached]
    for event in regular:
        local = event.starts_at.astimezone(HELSINKI)
        assert (local.weekday(), local.day <= 7, local.time()) == (1, True, time(9))
        assert event.format == Format.ONLINE and event.organiser is None
    [moved] = [event for event in occurrences if event.detached]
    assert moved.starts_at - moved.occurrence_start == timedelta(days=1)


def test_past_events_are_completed_and_every_kind_of_registration_is_shown(seeded):
    completed = seeded.filter(status=Event.Status.COMPLETED)

    assert completed.count() >= 15
    for event in completed:
        report = event.closing_report
        checked_in = event.registrations.filter(checked_in_at__isnull=False)
        assert report.attendees == checked_in.count() > 0
        assert report.outcomes
        assert all(r.checked_in_at >= event.starts_at for r in checked_in)
    webinar = completed.get(title_en="Horizon Europe for clusters: consortia and CSA calls")
    assert webinar.recording_url and webinar.materials_fi and webinar.materials_en
    assert not seeded.past().filter(status=Event.Status.PUBLISHED).exists()

    # Every kind of registration and audience.
    full = seeded.get(title_en="Finance and reporting in EU projects")
    assert full.registrations.filter(state=State.CONFIRMED).count() == full.public_seats
    assert full.registrations.waiting().exists()
    assert seeded.filter(requires_approval=True, registrations__state=State.PENDING).exists()
    assert Registration.objects.filter(event__in=seeded).exclude(answers={}).exists()
    members_only = seeded.filter(audience=Audience.MEMBERS, registrations__isnull=False)
    assert members_only.exists()
    invited = seeded.get(audience=Audience.INVITATION)
    emails = set(invited.invitations.values_list("email", flat=True))
    registered = set(invited.registrations.values_list("user__email", flat=True))
    assert registered and registered <= emails
    statuses = set(seeded.values_list("status", flat=True))
    assert {Event.Status.CANCELLED, Event.Status.POSTPONED, Event.Status.DRAFT} <= statuses

    # The demo log-ins are registered.
    for email in (accounts.MANAGER_EMAIL, accounts.COMPANY_EMAIL):
        mine = Registration.objects.filter(user__email=email)
        assert mine.filter(event__ends_at__gte=timezone.now()).exists()
        assert mine.filter(event__status=Event.Status.COMPLETED).exists()
    assert Registration.objects.filter(
        user__email=accounts.COMPANY_EMAIL, state=State.WAITLISTED
    ).exists()


def test_seeding_again_changes_nothing(seeded):
    first = counts()
    dates = sorted(Event.objects.values_list("title_en", "starts_at"))

    call_command("seed_demo")

    assert counts() == first
    assert sorted(Event.objects.values_list("title_en", "starts_at")) == dates


def test_a_later_day_moves_the_dates_along_without_duplicates(seeded, monkeypatch):
    single = seeded.filter(series__isnull=True).count()
    later = timezone.now() + timedelta(days=10)
    monkeypatch.setattr(timezone, "now", lambda: later)
    monkeypatch.setattr(timezone, "localdate", lambda *args: later.astimezone(HELSINKI).date())

    call_command("seed_demo")

    assert demo_events.demo_events().filter(series__isnull=True).count() == single
    shown = Event.objects.get(title_en="National cluster day: Oulu")
    assert shown.starts_at - later < timedelta(days=101)
    assert shown.starts_at - later > timedelta(days=99)


def test_the_seed_mails_nobody(make_user, django_capture_on_commit_callbacks):
    person = make_user("demo@example.org")

    with django_capture_on_commit_callbacks(execute=True), demo_events.mail_to_nobody():
        send_to(person, "accounts/email/left_without_person", {"left_behind": []})
    assert mail.outbox == []

    with django_capture_on_commit_callbacks(execute=True):
        send_to(person, "accounts/email/left_without_person", {"left_behind": []})
    assert len(mail.outbox) == 1
