"""Fixtures of the registration tests: ``make_event`` (a published event a week
ahead, open for registration, organised by ``cluster``) and ``make_person``."""

import itertools
from datetime import timedelta

import pytest
from django.utils import timezone

from klusteri.events import testing
from klusteri.events.models import Event

_people = itertools.count(1)


@pytest.fixture
def make_event(cluster):
    """``make_event(**fields)``: a published in-person workshop of ``cluster`` (in
    Finnish, at Dipoli), starting in a week, two hours long, with the default
    reminder (48 h before): ``testing.make_event`` with these defaults."""

    def make(**fields) -> Event:
        fields.setdefault("organiser", cluster)
        fields.setdefault("event_type", "workshop")
        fields.setdefault("format", "in_person")
        fields.setdefault("venue_name", "Dipoli")
        fields.setdefault("street_address", "Otakaari 24")
        fields.setdefault("postal_code", "02150")
        fields.setdefault("starts_at", timezone.now() + timedelta(days=7))
        # In Finnish only: the other languages fall back to it.
        fields.setdefault("title_fi", fields.pop("title", "Vetytyöpaja"))
        fields.setdefault("title_en", "")
        return testing.make_event(**fields)

    return make


@pytest.fixture
def make_person(make_user):
    """``make_person(language="fi")``: one more signed-up person."""

    def make(language: str = "fi", **fields):
        number = next(_people)
        return make_user(f"person{number}@example.org", name=f"Henkilö {number}",
                         language=language, **fields)  # fmt: skip

    return make
