"""Fixtures of the registration tests: ``make_event`` (a published event a week
ahead, open for registration, organised by ``cluster``) and ``make_person``."""

import itertools
from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.translation import override

from klusteri.events.models import Event, Reminder

_people = itertools.count(1)


@pytest.fixture
def make_event(cluster):
    """``make_event(**fields)``: a published in-person event of ``cluster``, starting
    in a week, two hours long, with the default reminder (48 h before)."""

    def make(**fields) -> Event:
        start = fields.pop("starts_at", timezone.now() + timedelta(days=7))
        fields.setdefault("ends_at", start + timedelta(hours=2))
        fields.setdefault("organiser", cluster)
        fields.setdefault("event_type", "workshop")
        fields.setdefault("status", Event.Status.PUBLISHED)
        fields.setdefault("venue_name", "Dipoli")
        fields.setdefault("street_address", "Otakaari 24")
        fields.setdefault("postal_code", "02150")
        with override("fi"):
            event = Event.objects.create(
                title=fields.pop("title", "Vetytyöpaja"), starts_at=start, **fields
            )
        Reminder.objects.create(event=event)
        return event

    return make


@pytest.fixture
def make_person(make_user):
    """``make_person(language="fi")``: one more signed-up person."""

    def make(language: str = "fi", **fields):
        number = next(_people)
        return make_user(f"person{number}@example.org", name=f"Henkilö {number}",
                         language=language, **fields)  # fmt: skip

    return make
