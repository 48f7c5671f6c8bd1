"""Events benchmark, the organisers' part: the participant list of a 500-person
event beside the trivial view, in one run.

    .venv/bin/python bench/events_participants.py [--database-url URL] [--seconds 10]
        [--concurrency 8] [--people 500]

Makes (anew each run) a cluster managed by the bench person and one event of it
with ``--people`` confirmed registrations from 50 organisations, three extra
questions answered by everyone, and every third person checked in; serves the app
with gunicorn (2 workers, for 2 cores) on loopback as ``bench/funding.py`` does,
signs the organiser in through the real log-in form and measures requests per
second and p50/p95 latency of the whole list (one page, as at the door), with a
new address on every request (``v``), as signed-in pages are never cached anyway.
The issue's floor: 0.05 of the trivial view.
"""

import argparse
import json
import subprocess
import sys

from load import PASSWORD, Client
from serve import ROOT, VENV_BIN, klusteri, measure, print_table, production_env, save, server

FLOOR = 0.05
NEW = ", every request new"
MANAGER_EMAIL = "events-organiser@bench.klusteri.example"

SETUP = """
import json
from datetime import timedelta
from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.urls import reverse
from django.utils import timezone, translation
from klusteri.accounts.models import Organisation, User
from klusteri.clusters.models import Cluster, ClusterManager
from klusteri.events import services
from klusteri.events.models import Event, Question, Registration

PREFIX = "bench-participant-"
User.objects.filter(email=__EMAIL__).delete()
User.objects.filter(email__startswith=PREFIX).delete()
Event.objects.filter(title_fi="Osallistujalistan mittaus").delete()
Cluster.objects.filter(slug="osallistujalistan-mittaus").delete()
Organisation.objects.filter(name__startswith="Mittaus Oy ").delete()

manager = User.objects.create_user(__EMAIL__, __PASSWORD__, name="Events bench")
EmailAddress.objects.create(user=manager, email=__EMAIL__, verified=True, primary=True)
with translation.override("fi"):
    cluster = Cluster.objects.create(name="Osallistujalistan mittaus",
                                     slug="osallistujalistan-mittaus")
ClusterManager.objects.create(cluster=cluster, user=manager)
starts = timezone.now() + timedelta(days=30)
with translation.override("fi"):
    event = services.save_event(
        Event(title="Osallistujalistan mittaus", event_type="national", organiser=cluster,
              starts_at=starts, ends_at=starts + timedelta(hours=6),
              status=Event.Status.PUBLISHED, capacity=__PEOPLE__ + 50, reserved_seats=10),
        by=manager,
    )
questions = [
    Question.objects.create(event=event, position=n, text=text)
    for n, text in enumerate(["Ruokavalio", "Työpaja", "Laskutusosoite"])
]
organisations = Organisation.objects.bulk_create(
    Organisation(name=f"Mittaus Oy {n}", kind="company", business_id=f"{9000000 + n}-0")
    for n in range(50)
)
password = make_password(None)
people = User.objects.bulk_create(
    User(email=f"{PREFIX}{n}@example.org", name=f"Osallistuja {n}", password=password)
    for n in range(__PEOPLE__)
)
now = timezone.now()
Registration.objects.bulk_create(
    Registration(
        event=event, user=person, organisation=organisations[n % 50],
        state=Registration.State.CONFIRMED, queued_at=now - timedelta(minutes=n),
        answers={str(q.pk): f"vastaus {n}" for q in questions},
        checked_in_at=now if n % 3 == 0 else None,
    )
    for n, person in enumerate(people)
)
with translation.override("en"):
    print(json.dumps({"participants": reverse("events:participants", args=[event.pk]),
                      "registrations": event.registrations.count()}))
"""


def prepare(env: dict[str, str], people: int) -> dict:
    script = (
        SETUP.replace("__EMAIL__", repr(MANAGER_EMAIL))
        .replace("__PASSWORD__", repr(PASSWORD))
        .replace("__PEOPLE__", str(people))
    )
    out = subprocess.run(
        [str(VENV_BIN / "klusteri"), "shell", "-c", script],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    ).stdout.splitlines()
    return json.loads(out[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", default=f"sqlite:///{ROOT / 'var' / 'bench.sqlite3'}")
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--people", type=int, default=500)
    args = parser.parse_args()

    env = production_env(args.database_url)
    klusteri(env, "migrate", "--no-input", "-v", "0")
    facts = prepare(env, args.people)
    print(f"an event with {facts['registrations']} registrations; "
          f"database {args.database_url.split(':')[0]}")  # fmt: skip
    name = f"participant list, {facts['registrations']} people{NEW}"
    rows = [("trivial view (/healthz)", "/healthz", False),
            (name, facts["participants"] + "?v={n}", True)]  # fmt: skip

    results = []
    with server(env) as port:
        client = Client(port)
        client.log_in(MANAGER_EMAIL)
        session = {"Cookie": f"sessionid={client.cookies['sessionid']}"}
        for label, path, signed_in in rows:
            headers = session if signed_in else None
            measure(port, path, seconds=1, concurrency=2, headers=headers)
            row = measure(
                port, path, seconds=args.seconds, concurrency=args.concurrency, headers=headers
            )
            row["name"] = label
            results.append(row)
            print(f"  measured {label}: {row['rps']:.1f} rps", file=sys.stderr)
    baseline, page = results
    print_table(results, baseline)
    ratio = page["rps"] / baseline["rps"]
    verdict = "ok" if ratio >= FLOOR and not page["errors"] else "BELOW FLOOR"
    if page["errors"]:
        verdict = f"{page['errors']} ERRORS"
    print(f"{page['name']}: {ratio:.3f} of trivial (floor {FLOOR}) {verdict}")
    print(f"saved {save(results, 'events-participants')}")
    sys.exit(0 if verdict == "ok" else 1)


if __name__ == "__main__":
    main()
