"""Funding benchmark: the finder, a call page, a cluster's matches and the iCal feed
beside a trivial view of the same app, in one run.

    .venv/bin/python bench/funding.py [--database-url URL] [--calls 5000]
        [--clusters 10000] [--organisations 200000] [--seconds 10] [--concurrency 8]

Seeds the scale data when the database has fewer clusters or calls than asked
(``klusteri seed_scale``, or ``seed_scale --funding-only`` when only the calls are
missing), serves the app with gunicorn (2 workers, for 2 cores) on loopback, as
``bench/directory.py`` does, and measures requests per second and p50/p95 latency:
each page once at one address, which the page cache may answer, and once with a
new address on every request (a harmless ``v`` parameter that changes every time,
over many calls and clusters), which it never does. The issue's floors are for the
second kind. A cluster's matches are for its managers only: the bench makes a
person the manager of some scale clusters, signs in through the real log-in form
and sends that session with every request.

Pages that are not built yet (their URL name does not resolve) are reported as
missing and skipped, so the bench runs as each part of the section lands.
"""

import argparse
import json
import subprocess
import sys
from urllib.parse import urlencode

from load import PASSWORD, Client
from serve import ROOT, VENV_BIN, klusteri, measure, print_table, production_env, save, server

# Share of the trivial view's throughput each page must keep with a new address on
# every request (issue 10).
FLOORS = {
    "finder with a filter": 0.08,
    "call page": 0.1,
    "cluster's matches": 0.05,
    "iCal feed, open calls": 0.1,
}
NEW = ", every request new"
FILTER = {"level": "eu", "status": "open"}
# Filters people combine, for the "many filters" row: each over thousands of calls.
FILTERS = [
    {"level": "eu", "status": "open"},
    {"level": "national"},
    {"level": "regional", "region": "MK16"},
    {"status": "open", "region": "MK06"},
    {"ecosystem": "renewable-energy", "status": "open"},
    {"ecosystem": "digital"},
    {"applicant": "cluster-organisation", "level": "nordic"},
    {"kind": "long_term"},
    {"within": "30"},
    {"budget": "500000", "status": "open"},
    {"country": "SE"},
    {"q": "hydrogen"},
    {"q": "innovation", "status": "open"},
    {"status": "closed", "level": "eu"},
]
CALL_PAGES = 3000  # distinct calls in "call page, every request new"
MANAGED_CLUSTERS = 200  # scale clusters the bench person manages
MANAGER_EMAIL = "funding-manager@bench.klusteri.example"

FACTS = """
import json
from allauth.account.models import EmailAddress
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from klusteri.accounts.models import User
from klusteri.clusters.models import Cluster, ClusterManager
from klusteri.demo import scale
from klusteri.funding.models import Call

def url(name, *args):
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None

# A person who manages some Finnish scale clusters, made anew each run.
User.objects.filter(email=__EMAIL__).delete()
manager = User.objects.create_user(__EMAIL__, __PASSWORD__, name="Funding bench")
EmailAddress.objects.create(user=manager, email=__EMAIL__, verified=True, primary=True)
managed = list(
    scale.scale_clusters().published().filter(country="FI").exclude(region=None)
    .order_by("pk").values_list("slug", flat=True)[:__MANAGED__]
)
ClusterManager.objects.bulk_create(
    ClusterManager(cluster=c, user=manager) for c in Cluster.objects.filter(slug__in=managed)
)
calls = list(
    Call.objects.published().open().order_by("pk").values_list("identifier", flat=True)[:__PAGES__]
)
with translation.override("en"):
    urls = {
        "call-list": url("funding:call-list"),
        "ical": url("funding:ical"),
        "call-detail": [url("funding:call-detail", i) for i in calls] if url(
            "funding:call-detail", "X") else None,
        "cluster-matches": [url("funding:cluster-matches", s) for s in managed] if url(
            "funding:cluster-matches", "x") else None,
    }
print(json.dumps({
    "clusters": Cluster.objects.published().count(),
    "calls": scale.scale_calls().count(),
    "open_calls": Call.objects.published().open().count(),
    "urls": urls,
}))
"""


def prepare(env: dict[str, str]) -> dict:
    """Counts, the bench manager and the addresses of the pages to measure."""
    script = (
        FACTS.replace("__EMAIL__", repr(MANAGER_EMAIL))
        .replace("__PASSWORD__", repr(PASSWORD))
        .replace("__MANAGED__", str(MANAGED_CLUSTERS))
        .replace("__PAGES__", str(CALL_PAGES))
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


def with_query(path: str, query: dict, *, new: bool = False) -> str:
    """``path`` with ``query``, and with ``v={n}`` (a new address every request) if
    ``new``; ``{n}`` stays unencoded for ``serve.measure``."""
    text = urlencode(query, doseq=True)
    if new:
        text = f"{text}&v={{n}}" if text else "v={n}"
    return f"{path}?{text}" if text else path


def scenarios(urls: dict) -> tuple[list, list[str]]:
    """(name, paths, signed in) of every page built so far, and the missing ones."""
    rows = [("trivial view (/healthz)", "/healthz", False)]
    missing = []
    finder, ical = urls["call-list"], urls["ical"]
    calls, matches = urls["call-detail"], urls["cluster-matches"]
    if finder:
        rows += [
            ("finder with a filter", with_query(finder, FILTER), False),
            ("finder with a filter" + NEW, with_query(finder, FILTER, new=True), False),
            ("finder, 14 filters" + NEW, [with_query(finder, f, new=True) for f in FILTERS], False),
        ]
    else:
        missing.append("funding:call-list")
    if calls:
        rows += [
            ("call page", calls[0], False),
            (f"call page{NEW} ({len(calls)} calls)", [with_query(c, {}, new=True) for c in calls],
             False),
            # What the call page loads after it (htmx), measured as its page of its own.
            (f"clusters that match a call{NEW} ({len(calls)} calls)",
             [with_query(f"{c}clusters/", {}, new=True) for c in calls], False),
        ]  # fmt: skip
    else:
        missing.append("funding:call-detail")
    if matches:
        rows += [
            ("cluster's matches (signed in)", matches[0], True),
            (f"cluster's matches{NEW} ({len(matches)} clusters)",
             [with_query(m, {}, new=True) for m in matches], True),
        ]  # fmt: skip
    else:
        missing.append("funding:cluster-matches")
    if ical:
        rows += [
            ("iCal feed, open calls", with_query(ical, {"status": "open"}), False),
            ("iCal feed, open calls" + NEW, with_query(ical, {"status": "open"}, new=True), False),
        ]
    else:
        missing.append("funding:ical")
    return rows, missing


def session_headers(port: int) -> dict[str, str]:
    """Sign the bench manager in through the log-in form; their session cookie."""
    client = Client(port)
    client.log_in(MANAGER_EMAIL)
    return {"Cookie": f"sessionid={client.cookies['sessionid']}"}


def floor_of(name: str) -> float | None:
    """The floor a scenario must keep: only the every-request-new rows have one."""
    if NEW not in name:
        return None
    return FLOORS.get(name.split(NEW)[0].replace(" (signed in)", ""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", default=f"sqlite:///{ROOT / 'var' / 'bench.sqlite3'}")
    parser.add_argument("--calls", type=int, default=5_000)
    parser.add_argument("--clusters", type=int, default=10_000)
    parser.add_argument("--organisations", type=int, default=200_000)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()

    env = production_env(args.database_url)
    klusteri(env, "migrate", "--no-input", "-v", "0")
    facts = prepare(env)
    if facts["clusters"] < args.clusters:
        klusteri(
            env, "seed_scale", "--clusters", str(args.clusters),
            "--organisations", str(args.organisations), "--calls", str(args.calls),
        )  # fmt: skip
        facts = prepare(env)
    elif facts["calls"] < args.calls:
        klusteri(env, "seed_scale", "--funding-only", "--calls", str(args.calls))
        facts = prepare(env)
    print(
        f"{facts['clusters']} published clusters, {facts['calls']} scale calls "
        f"({facts['open_calls']} open); database {args.database_url.split(':')[0]}"
    )
    rows, missing = scenarios(facts["urls"])
    for name in missing:
        print(f"not built yet, skipped: {name}", file=sys.stderr)

    results = []
    with server(env) as port:
        signed_in = session_headers(port) if any(s for *_rest, s in rows) else None
        for name, path, needs_session in rows:
            headers = signed_in if needs_session else None
            # Warm the connections and the filters' options, not the pages measured.
            warm = path if isinstance(path, str) else path[-1]
            measure(port, warm, seconds=1, concurrency=2, headers=headers)
            row = measure(
                port, path, seconds=args.seconds, concurrency=args.concurrency, headers=headers
            )
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
    print(f"saved {save(results, 'funding')}")
    if missing:
        print(f"missing pages: {', '.join(missing)}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
