"""In-process cost of one page at scale: where a bench's milliseconds go.

    .venv/bin/python bench/profile_page.py "/en/funding/?level=eu&status=open"
    .venv/bin/python bench/profile_page.py --manager "/en/funding/clusters/<slug>/"
    .venv/bin/python bench/profile_page.py --profile tottime "/en/funding/calls/<id>/"
    .venv/bin/python bench/profile_page.py --from 2000 "/en/events/{n}/"   (a new event each time)

The database is one a bench has seeded (``--database-url``, by default
``bench/funding.py``'s): the test client asks the page through every middleware, each
time with a new harmless ``v`` parameter so that the page cache never answers, and
prints the queries of one request and the milliseconds per request; ``--profile``
adds a cProfile of the same requests. ``--manager`` signs in as bench/funding.py's
manager of 200 scale clusters. Needs Redis on 6379 and ``collectstatic`` output under
var/bench (a bench run leaves it there).
"""

import argparse
import cProfile
import os
import pstats
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("path")
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--database-url", default=f"sqlite:///{ROOT / 'var' / 'bench.sqlite3'}")
    parser.add_argument("--manager", action="store_true")
    parser.add_argument("--profile", metavar="SORT", help="e.g. cumulative, tottime")
    parser.add_argument(
        "--from",
        dest="first",
        type=int,
        default=0,
        help="fill {n} in the path with this number and one more on each request, so that "
        "no fragment cache of one object answers either",
    )
    args = parser.parse_args()

    os.environ.update(
        KLUSTERI_DATABASE_URL=args.database_url,
        KLUSTERI_DEBUG="0",
        KLUSTERI_SECRET_KEY="bench-" + "x" * 50,
        KLUSTERI_ALLOWED_HOSTS="*",
        KLUSTERI_SSL_REDIRECT="0",
        KLUSTERI_REDIS_URL="redis://127.0.0.1:6379/13",
        KLUSTERI_VAR_DIR=str(ROOT / "var" / "bench"),
        DJANGO_SETTINGS_MODULE="klusteri.settings",
    )
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from funding import MANAGER_EMAIL

    from klusteri.accounts.models import User

    client = Client()
    if args.manager:
        client.force_login(User.objects.get(email=MANAGER_EMAIL))
    run = uuid.uuid4().hex[:6]
    joiner = "&" if "?" in args.path else "?"

    numbers = iter(range(args.first, args.first + 10**9))

    def ask(tag: str) -> None:
        path = args.path.replace("{n}", str(next(numbers)))
        client.get(f"{path}{joiner}v={run}{tag}", HTTP_HOST="127.0.0.1")

    for number in range(3):
        ask(f"warm{number}")
    with CaptureQueriesContext(connection) as captured:
        ask("queries")
    print(f"{len(captured.captured_queries)} queries")
    for query in captured.captured_queries:
        print(f"  {query['time']} s  {query['sql'][:200]}")
    started = time.perf_counter()
    for number in range(args.requests):
        ask(str(number))
    print(f"{(time.perf_counter() - started) / args.requests * 1000:.1f} ms per request")
    if args.profile:
        profile = cProfile.Profile()
        profile.enable()
        for number in range(args.requests):
            ask(f"profile{number}")
        profile.disable()
        pstats.Stats(profile, stream=sys.stdout).sort_stats(args.profile).print_stats(40)


if __name__ == "__main__":
    main()
