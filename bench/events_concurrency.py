"""Events benchmark: 50 people register at the same moment for the last 10 seats
of an event, on PostgreSQL, and exactly 10 must end confirmed, 40 on the waiting
list, with no error.

    .venv/bin/python bench/events_concurrency.py [--database-url URL]
        [--people 50] [--seats 10] [--taken 90] [--rounds 5]

Runs against the database in ``--database-url`` (migrated first): each round
makes an event with ``--taken`` seats already held and ``--seats`` free, then
forks one process per person, each with its own database connection (as the web
server's workers have), and lets them all call ``events.services.register`` at
once (a barrier). What one
registration costs is the whole write path as a person's POST runs it: the event's
row locked, the seats counted, the registration saved, the audit entry, and the
confirmation mail rendered with its .ics and queued as a task (the production
task backend, a database table). Prints each round's outcome and the p50/p95 of
one registration (from the barrier to its commit, so the wait for the lock is in
it) and of the whole round; exits 1 if any round did not end with exactly
``--seats`` confirmed and no error.
"""

import argparse
import os
import secrets
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/bench_events"
EMAIL = "bench-person-{number}@bench.klusteri.example"


def setup(database_url: str) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["KLUSTERI_DATABASE_URL"] = database_url
    # Production settings: no DEBUG (which records every query), the database's task
    # backend, as the web server's workers run them.
    os.environ["KLUSTERI_DEBUG"] = "0"
    os.environ.setdefault("KLUSTERI_SECRET_KEY", secrets.token_urlsafe(50))
    os.environ.setdefault("KLUSTERI_ALLOWED_HOSTS", "127.0.0.1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "klusteri.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor != "postgresql":
        sys.exit("This bench is for PostgreSQL: give --database-url postgres://…")
    call_command("migrate", verbosity=0, interactive=False)


def people(count: int):
    from klusteri.accounts.models import User

    found = []
    for number in range(count):
        user = User.objects.filter(email=EMAIL.format(number=number)).first()
        found.append(user or User.objects.create_user(EMAIL.format(number=number), None))
    return found


def make_event(taken: int, seats: int, holders):
    from datetime import timedelta

    from django.utils import timezone

    from klusteri.events.models import Event, Registration

    start = timezone.now() + timedelta(days=7)
    event = Event.objects.create(
        title="Bench: the last seats", event_type="workshop", status=Event.Status.PUBLISHED,
        starts_at=start, ends_at=start + timedelta(hours=2), capacity=taken + seats,
    )  # fmt: skip
    Registration.objects.bulk_create(
        Registration(event=event, user=user, state=Registration.State.CONFIRMED)
        for user in holders[:taken]
    )
    return event


def _register_at_the_barrier(event_pk, person_pk, barrier, results) -> None:
    """One process: wait for everyone, register, report (seconds, error)."""
    from django.db import connections

    from klusteri.accounts.models import User
    from klusteri.events import services
    from klusteri.events.models import Event

    connections.close_all()  # never the parent's connection: a new one of its own
    event, person = Event.objects.get(pk=event_pk), User.objects.get(pk=person_pk)
    barrier.wait()
    began = time.perf_counter()
    try:
        services.register(event, by=person)
    except Exception as error:  # counted and reported, never lost
        results.put((time.perf_counter() - began, repr(error)))
    else:
        results.put((time.perf_counter() - began, None))
    finally:
        connections.close_all()


def warm_up(person) -> None:
    """One registration in this process before any fork, so that every child
    starts with the code, templates and catalogues loaded, as a long-running
    worker has them; what is measured is then the registration, not a cold start."""
    from klusteri.events import services

    event = make_event(0, 1, [])
    services.register(event, by=person)


def round_of(event, persons) -> tuple[list[float], float, list[str]]:
    """Everyone registers at once, each from a process of their own (as the web
    server's workers would): each one's seconds, the round's, the errors."""
    import multiprocessing

    from django.db import connections

    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(len(persons) + 1)
    results = context.Queue()
    connections.close_all()  # the children must not share the parent's socket
    processes = [
        context.Process(
            target=_register_at_the_barrier, args=(event.pk, person.pk, barrier, results)
        )
        for person in persons
    ]
    for process in processes:
        process.start()
    barrier.wait()
    began = time.perf_counter()
    answers = [results.get(timeout=120) for _ in processes]
    wall = time.perf_counter() - began
    for process in processes:
        process.join()
    timings = [seconds for seconds, error in answers if error is None]
    errors = [error for _seconds, error in answers if error is not None]
    return timings, wall, errors


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--people", type=int, default=50)
    parser.add_argument("--seats", type=int, default=10)
    parser.add_argument("--taken", type=int, default=90)
    parser.add_argument("--rounds", type=int, default=5)
    options = parser.parse_args()
    setup(options.database_url)

    from klusteri.events.models import Registration

    everyone = people(options.people + options.taken + 1)
    warm_up(everyone.pop())
    holders, persons = everyone[options.people :], everyone[: options.people]
    all_timings, failed = [], False
    print(f"{options.people} people at once for the last {options.seats} seats "
          f"({options.taken} taken), {options.rounds} rounds, PostgreSQL")  # fmt: skip
    for number in range(1, options.rounds + 1):
        event = make_event(options.taken, options.seats, holders)
        timings, wall, errors = round_of(event, persons)
        mine = Registration.objects.filter(event=event, user__in=persons)
        confirmed = mine.filter(state=Registration.State.CONFIRMED).count()
        waitlisted = mine.filter(state=Registration.State.WAITLISTED).count()
        ok = confirmed == options.seats and waitlisted == options.people - options.seats
        ok = ok and not errors
        failed |= not ok
        all_timings += timings
        print(
            f"round {number}: {confirmed} confirmed, {waitlisted} waitlisted, "
            f"{len(errors)} errors, round {wall * 1000:.0f} ms, registration "
            f"p50 {percentile(timings, 0.5) * 1000:.0f} ms, "
            f"p95 {percentile(timings, 0.95) * 1000:.0f} ms" + ("" if ok else "  FAILED")
        )
        for error in errors[:3]:
            print(f"    {error}")
    print(
        f"all rounds: registration p50 {percentile(all_timings, 0.5) * 1000:.0f} ms, "
        f"p95 {percentile(all_timings, 0.95) * 1000:.0f} ms, "
        f"mean {statistics.mean(all_timings) * 1000:.0f} ms "
        f"({len(all_timings)} registrations)"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
