"""Events benchmark: 50 people register at the same moment for the last 10 seats
of an event, on PostgreSQL, and exactly 10 must end confirmed, 40 on the waiting
list, with no error.

    .venv/bin/python bench/events_concurrency.py [--database-url URL]
        [--people 50] [--seats 10] [--taken 90] [--rounds 5]

Runs in this process against the database in ``--database-url`` (migrated first):
each round makes an event with ``--taken`` seats already held and ``--seats`` free,
then starts one thread per person, each with its own database connection, and
lets them all call ``events.services.register`` at once (a barrier). What one
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
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/bench_events"
EMAIL = "bench-person-{number}@bench.klusteri.example"


def setup(database_url: str) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["KLUSTERI_DATABASE_URL"] = database_url
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


def round_of(event, persons) -> tuple[list[float], float, list[BaseException]]:
    """Everyone registers at once; each one's seconds, the round's, the errors."""
    from django.db import connections

    from klusteri.events import services

    start = threading.Barrier(len(persons) + 1)
    timings: list[float] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def register(person):
        try:
            start.wait()
            began = time.perf_counter()
            services.register(event, by=person)
            with lock:
                timings.append(time.perf_counter() - began)
        except BaseException as error:  # counted and reported, never lost
            with lock:
                errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=register, args=(person,)) for person in persons]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    return timings, time.perf_counter() - began, errors


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

    everyone = people(options.people + options.taken)
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
            print(f"    {error!r}")
    print(
        f"all rounds: registration p50 {percentile(all_timings, 0.5) * 1000:.0f} ms, "
        f"p95 {percentile(all_timings, 0.95) * 1000:.0f} ms, "
        f"mean {statistics.mean(all_timings) * 1000:.0f} ms "
        f"({len(all_timings)} registrations)"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
