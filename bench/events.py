"""Events benchmark: the calendar list, the month view and an event page beside a
trivial view of the same app, in one run.

    .venv/bin/python bench/events.py [--database-url URL] [--events 10000]
        [--registrations 200000] [--seconds 10] [--concurrency 8]

Makes its own data when the database has fewer bench events than asked: clusters,
people, events over two years around today (a tenth of them with a seat limit,
spread over the types, formats, regions and topics) and registrations, all with
``bulk_create`` (minutes through the services, seconds this way; nothing here is
read for its rules, only for the cost of the pages). It serves the app with
gunicorn (2 workers, for 2 cores) on loopback, as ``bench/funding.py`` does, and
measures requests per second and p50/p95 latency: each page once at one address,
which the page cache may answer, and once with a new address on every request (a
harmless ``v`` parameter that changes every time, over many events), which it
never does. The issue's floors are for the second kind.
"""

import argparse
import json
import subprocess
import sys
from urllib.parse import urlencode

from serve import ROOT, VENV_BIN, klusteri, measure, print_table, production_env, save, server

# Share of the trivial view's throughput each page must keep with a new address on
# every request (issue 11).
FLOORS = {"calendar list": 0.08, "event page": 0.1}
NEW = ", every request new"
# Filters people combine, for the "filters" row.
FILTERS = [
    {},
    {"type": "webinar"},
    {"format": "online"},
    {"region": "MK01"},
    {"region": "MK06", "format": "in_person"},
    {"language": "en"},
    {"topic": "internationalisation"},
    {"when": "past"},
    {"organiser": "platform"},
    {"q": "hydrogen"},
    {"type": "workshop", "language": "fi"},
]
EVENT_PAGES = 3000  # distinct events in "event page, every request new"

SEED = """
import json, random
from datetime import timedelta
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from klusteri.accounts.models import User
from klusteri.clusters.models import Cluster, ServiceArea
from klusteri.events.models import Event, EventType, Format, Registration
from klusteri.places.models import Municipality, Region

EVENTS, REGISTRATIONS = __EVENTS__, __REGISTRATIONS__
PREFIX = "Bench event"
PEOPLE = 2000
have = Event.objects.filter(title_en__startswith=PREFIX).count()
if have < EVENTS:
    random.seed(11)
    with transaction.atomic():
        clusters = list(Cluster.objects.filter(slug__startswith="bench-events-"))
        if len(clusters) < 100:
            regions = list(Region.objects.all())
            Cluster.objects.bulk_create(
                Cluster(name_fi=f"Tapahtumaklusteri {i}", slug=f"bench-events-{i}",
                        is_published=True, is_demo=True, region=regions[i % len(regions)])
                for i in range(len(clusters), 100)
            )
            clusters = list(Cluster.objects.filter(slug__startswith="bench-events-"))
        password = make_password(None)
        User.objects.bulk_create(
            (User(email=f"bench-person-{i}@bench.klusteri.example", password=password,
                  name=f"Bench {i}") for i in range(PEOPLE)),
            ignore_conflicts=True, batch_size=1000,
        )
        people = list(
            User.objects.filter(email__startswith="bench-person-").values_list("pk", flat=True)
        )
        municipalities = list(Municipality.objects.all())
        topics = list(ServiceArea.objects.all())
        words = ["hydrogen", "circular economy", "batteries", "forest", "health", "AI", "export"]
        now = timezone.now()
        created = []
        for i in range(have, EVENTS):
            start = (now + timedelta(days=random.uniform(-365, 365))).replace(
                minute=0, second=0, microsecond=0)
            kind = random.choice(list(EventType))
            form = random.choice(list(Format))
            created.append(Event(
                title_fi=f"{PREFIX} {i}: {random.choice(words)}",
                title_en=f"{PREFIX} {i}: {random.choice(words)}",
                description_fi="Tapahtuma mittausta varten. " * 5,
                event_type=kind, format=form,
                organiser=None if i % 10 == 0 else clusters[i % len(clusters)],
                starts_at=start, ends_at=start + timedelta(hours=2),
                status=random.choice(["published"] * 17 + ["draft", "cancelled", "postponed"]),
                venue_name="" if form == "online" else "Bench hall",
                municipality=None if form == "online" else random.choice(municipalities),
                online_url="" if form == "in_person" else "https://meet.example.org/bench",
                languages=random.choice([["fi"], ["fi", "en"], ["en"], ["sv", "fi"]]),
                capacity=random.choice([None, None, 30, 50, 100, 500]),
                is_demo=True,
            ))
        Event.objects.bulk_create(created, batch_size=1000)
        events = list(
            Event.objects.filter(title_en__startswith=PREFIX).values_list("pk", "capacity")
        )
        links = Event.topics.through
        links.objects.bulk_create(
            (links(event_id=pk, servicearea_id=random.choice(topics).pk) for pk, _c in events),
            batch_size=2000, ignore_conflicts=True,
        )
        per_event = max(REGISTRATIONS // len(events), 1)
        states = ["confirmed"] * 8 + ["waitlisted", "withdrawn"]
        def registrations():
            for index, (pk, _capacity) in enumerate(events):
                offset = (index * per_event) % len(people)
                for n in range(per_event):
                    yield Registration(event_id=pk, user_id=people[(offset + n) % len(people)],
                                       state=random.choice(states))
        Registration.objects.bulk_create(registrations(), batch_size=5000, ignore_conflicts=True)
"""

FACTS = """
import json
from django.urls import reverse
from django.utils import timezone, translation
from klusteri.events.models import Event, Registration

now = timezone.now()
events = list(
    Event.objects.listed().filter(title_en__startswith="Bench event", ends_at__gte=now)
    .order_by("pk").values_list("pk", flat=True)[:__PAGES__]
)
with translation.override("en"):
    urls = {
        "list": reverse("events:list"),
        "month": reverse("events:month", args=[now.year, now.month]),
        "detail": [reverse("events:detail", args=[pk]) for pk in events],
    }
print(json.dumps({
    "events": Event.objects.count(),
    "upcoming": Event.objects.listed().filter(ends_at__gte=now).count(),
    "registrations": Registration.objects.count(),
    "urls": urls,
}))
"""


def shell(env: dict[str, str], script: str) -> str:
    return subprocess.run(
        [str(VENV_BIN / "klusteri"), "shell", "-c", script],
        env=env, capture_output=True, text=True, check=True, cwd=ROOT,
    ).stdout  # fmt: skip


def with_query(path: str, query: dict, *, new: bool = False) -> str:
    """``path`` with ``query``, and with ``v={n}`` (a new address every request) if
    ``new``; ``{n}`` stays unencoded for ``serve.measure``."""
    text = urlencode(query, doseq=True)
    if new:
        text = f"{text}&v={{n}}" if text else "v={n}"
    return f"{path}?{text}" if text else path


def scenarios(urls: dict) -> list:
    listing, month, events = urls["list"], urls["month"], urls["detail"]
    return [
        ("trivial view (/healthz)", "/healthz"),
        ("calendar list", listing),
        ("calendar list" + NEW, with_query(listing, {}, new=True)),
        ("calendar list, 11 filters" + NEW, [with_query(listing, f, new=True) for f in FILTERS]),
        ("month view", month),
        ("month view" + NEW, with_query(month, {}, new=True)),
        ("event page", events[0]),
        (f"event page{NEW} ({len(events)} events)", [with_query(e, {}, new=True) for e in events]),
    ]


def floor_of(name: str) -> float | None:
    """The floor a scenario must keep: only the every-request-new rows have one."""
    if NEW not in name:
        return None
    return FLOORS.get(name.split(NEW)[0].split(" (")[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--database-url", default=f"sqlite:///{ROOT / 'var' / 'bench-events.sqlite3'}"
    )
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--registrations", type=int, default=200_000)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()

    env = production_env(args.database_url)
    klusteri(env, "migrate", "--no-input", "-v", "0")
    shell(
        env,
        SEED.replace("__EVENTS__", str(args.events)).replace(
            "__REGISTRATIONS__", str(args.registrations)
        ),
    )
    facts = json.loads(shell(env, FACTS.replace("__PAGES__", str(EVENT_PAGES))).splitlines()[-1])
    print(
        f"{facts['events']} events ({facts['upcoming']} upcoming and listed), "
        f"{facts['registrations']} registrations; database {args.database_url.split(':')[0]}"
    )

    results = []
    with server(env) as port:
        for name, path in scenarios(facts["urls"]):
            # Warm the connections and the filters' options, not the pages measured.
            warm = path if isinstance(path, str) else path[-1]
            measure(port, warm, seconds=1, concurrency=2)
            row = measure(port, path, seconds=args.seconds, concurrency=args.concurrency)
            row["name"] = name
            results.append(row)
            print(f"  measured {name}: {row['rps']:.1f} rps", file=sys.stderr)
    baseline = results[0]
    print_table(results, baseline)
    failed = False
    for row in results:
        floor = floor_of(row["name"])
        if floor is None:
            continue
        ratio = row["rps"] / baseline["rps"]
        verdict = "ok" if ratio >= floor and not row["errors"] else "BELOW FLOOR"
        if row["errors"]:
            verdict = f"{row['errors']} ERRORS"
        failed = failed or verdict != "ok"
        print(f"{row['name']}: {ratio:.3f} of trivial (floor {floor}) {verdict}")
    print(f"saved {save(results, 'events')}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
