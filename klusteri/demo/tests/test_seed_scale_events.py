"""``seed_scale --events N --registrations M``: synthetic events for the benches."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db.models import Count, Q
from django.utils import timezone

from klusteri.demo import scale
from klusteri.events.models import ClosingReport, Event, Registration, Reminder

pytestmark = pytest.mark.django_db
State = Registration.State


@pytest.fixture
def organisers(make_cluster):
    return [make_cluster(f"Demoklusteri {n}", is_demo=True) for n in range(3)]


def test_seed_scale_makes_a_year_of_events_with_registrations(organisers, outsider):
    call_command("seed_scale", events_only=True, events=80, registrations=2000)
    events = scale.scale_events()
    registrations = Registration.objects.filter(event__in=events)
    now = timezone.now()

    assert events.count() == 80 and registrations.count() == 2000
    assert events.past(now).count() == 40 and events.upcoming(now).count() == 40
    assert all(abs(e.starts_at - now) < timedelta(days=183) for e in events)
    assert len(set(events.values_list("event_type", flat=True))) >= 4
    assert {e.organiser_id for e in events} - {None} <= {c.pk for c in organisers}
    assert events.filter(organiser__isnull=True).exists()
    assert not events.filter(format="in_person", municipality__isnull=True).exists()
    assert Reminder.objects.filter(event__in=events).count() == 80
    assert not registrations.filter(event__status=Event.Status.DRAFT).exists()
    # No event holds more confirmed seats than it has.
    confirmed_count = Count("registrations", filter=Q(registrations__state=State.CONFIRMED))
    for event in events.exclude(capacity=None).annotate(confirmed=confirmed_count):
        assert event.confirmed <= event.capacity - event.reserved_seats

    big = scale.participant_list_event()
    assert big.registrations.filter(state=State.CONFIRMED).count() == 500
    assert big.registrations.count() == 500 and not big.has_started()
    some = registrations.select_related("user").first()
    assert some.answers == {} and some.queued_at <= now and some.user.has_usable_password() is False

    for report in ClosingReport.objects.filter(event__in=events).select_related("event"):
        assert report.event.status == Event.Status.COMPLETED
        confirmed = report.event.registrations.filter(state=State.CONFIRMED).count()
        assert report.attendees == confirmed
        checked_in = report.event.registrations.filter(checked_in_at__isnull=False)
        assert checked_in.count() <= confirmed

    call_command("seed_scale", events_only=True, events=30, registrations=700)  # replaces
    assert scale.scale_events().count() == 30
    assert Registration.objects.filter(event__in=scale.scale_events()).count() == 700

    call_command("seed_scale", clear=True)
    assert not scale.scale_events().exists() and not scale.scale_people().exists()
    assert not Registration.objects.exists()
    assert outsider.__class__.objects.filter(pk=outsider.pk).exists()
