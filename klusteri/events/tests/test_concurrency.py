"""People taking the last seats at the same moment, in concurrent transactions on
PostgreSQL: each thread has its own database connection, and they all ask at
once (a barrier), so the event's row lock (``services._lock``) is what decides."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections

from klusteri.events import services
from klusteri.events.models import Registration

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="concurrent transactions need PostgreSQL: SQLite lets one writer in at a "
        "time, so it cannot show two transactions racing for a seat "
        "(KLUSTERI_DATABASE_URL=postgres://…)",
    ),
]

State = Registration.State


def register_all_at_once(event, people) -> list[BaseException]:
    """Register ``people`` for ``event``, each from its own thread and connection,
    released together; the errors raised, if any."""
    start = threading.Barrier(len(people))

    def take_a_seat(person):
        try:
            start.wait()
            services.register(event, by=person)
        finally:
            connections.close_all()  # this thread's connection

    errors = []
    with ThreadPoolExecutor(max_workers=len(people)) as pool:
        for future in [pool.submit(take_a_seat, person) for person in people]:
            if future.exception() is not None:
                errors.append(future.exception())
    return errors


def states(event) -> dict[str, int]:
    counts = {}
    for state in Registration.objects.filter(event=event).values_list("state", flat=True):
        counts[state] = counts.get(state, 0) + 1
    return counts


def test_two_people_taking_the_last_seat_at_the_same_moment_never_both_get_it(
    make_event, make_person
):
    event = make_event(capacity=3)
    for _ in range(2):
        services.register(event, by=make_person())
    people = [make_person(), make_person()]

    errors = register_all_at_once(event, people)

    assert errors == []
    assert states(event) == {State.CONFIRMED: 3, State.WAITLISTED: 1}


def test_fifty_people_for_the_last_ten_seats(make_event, make_person):
    event = make_event(capacity=25, reserved_seats=5)
    for _ in range(10):
        services.register(event, by=make_person())
    people = [make_person() for _ in range(50)]

    errors = register_all_at_once(event, people)

    assert errors == []
    assert states(event) == {State.CONFIRMED: 20, State.WAITLISTED: 40}
    confirmed_now = Registration.objects.filter(event=event, user__in=people, state=State.CONFIRMED)
    assert confirmed_now.count() == 10
    assert services.seats(event).public_free(event) == 0


def test_a_withdrawal_racing_registrations_offers_the_seat_once(make_event, make_person):
    event = make_event(capacity=2)
    holder, _other, waiting = (services.register(event, by=make_person()) for _ in range(3))
    newcomers = [make_person() for _ in range(10)]
    start = threading.Barrier(len(newcomers) + 1)

    def withdraw():
        try:
            start.wait()
            services.withdraw(holder, by=holder.user)
        finally:
            connections.close_all()

    def register(person):
        try:
            start.wait()
            services.register(event, by=person)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=len(newcomers) + 1) as pool:
        futures = [pool.submit(withdraw)] + [pool.submit(register, p) for p in newcomers]
        assert [f.exception() for f in futures] == [None] * len(futures)

    waiting.refresh_from_db()
    assert waiting.state == State.OFFERED  # the first in the queue, nobody passing
    assert states(event) == {
        State.WITHDRAWN: 1, State.CONFIRMED: 1, State.OFFERED: 1, State.WAITLISTED: 10,
    }  # fmt: skip
