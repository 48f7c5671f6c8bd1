"""Directory benchmark: each page beside a trivial view of the same app, in one run.

    .venv/bin/python bench/directory.py [--database-url URL] [--clusters 10000]
        [--organisations 200000] [--seconds 10] [--concurrency 8]

Seeds the scale data when the database has fewer clusters than asked (``klusteri
seed_scale``), serves the app with gunicorn (2 workers, for 2 cores) on loopback and
measures requests per second and p50/p95 latency for the directory list, a search
matching many clusters, a filtered list, the first and the last page, a profile page
and the API list. Machines here are noisy, so the figure that counts is each page's
throughput as a ratio of the trivial view's, measured minutes apart in the same run.
"""

import argparse
import json
import subprocess
import sys
from urllib.parse import urlencode

from serve import ROOT, VENV_BIN, measure, print_table, production_env, save, server

# Share of the trivial view's throughput each page must reach (issue 3).
TARGETS = {"directory list": 0.15, "search, many matches": 0.08, "profile page": 0.25}
# Distinct profiles in the "every request new" scenario: more than it can request,
# so that every profile is rendered from the database.
PROFILES = 3000
# Words that each match many clusters of the scale data (words.SCALE_COMMON and
# frequent subject words), in the three languages.
COMMON_TERMS = [
    "innovation",
    "innovaatio",
    "cluster",
    "klusteri",
    "klustret",
    "companies",
    "yritysten",
    "företag",
    "members",
    "jäsenet",
    "medlemmarna",
    "together",
    "yhdessä",
    "tillsammans",
    "develop",
    "kehittää",
    "utvecklar",
    "region",
    "alueen",
    "regionens",
    "energia",
    "energy",
    "vety",
    "hydrogen",
    "data",
    "digital",
    "teollisuus",
    "industry",
]
SORTS = ("name", "size", "newest")


def scale_facts(env: dict[str, str]) -> dict:
    """Cluster count, the last page, and the slugs of the largest clusters."""
    script = (
        "import json;"
        "from klusteri.clusters.models import Cluster;"
        "from klusteri.clusters.views.directory import PAGE_SIZE, MAX_PAGES;"
        "n = Cluster.objects.published().count();"
        "slugs = list(Cluster.objects.published().order_by('-member_total', 'pk')"
        ".values_list('slug', flat=True)[:PROFILES]);"
        "last = min(max(1, -(-n // PAGE_SIZE)), MAX_PAGES);"
        "print(json.dumps({'count': n, 'slugs': slugs, 'last_page': last}))"
    ).replace("PROFILES", str(PROFILES))
    out = subprocess.run(
        [str(VENV_BIN / "klusteri"), "shell", "-c", script],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    return json.loads(out[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", default=f"sqlite:///{ROOT / 'var' / 'bench.sqlite3'}")
    parser.add_argument("--clusters", type=int, default=10_000)
    parser.add_argument("--organisations", type=int, default=200_000)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument(
        "--common-term", default="innovation", help="a search term that matches many clusters"
    )
    args = parser.parse_args()

    env = production_env(args.database_url)
    subprocess.run(
        [str(VENV_BIN / "klusteri"), "migrate", "--no-input", "-v", "0"], env=env, check=True
    )
    facts = scale_facts(env)
    if facts["count"] < args.clusters:
        subprocess.run(
            [
                str(VENV_BIN / "klusteri"),
                "seed_scale",
                "--clusters",
                str(args.clusters),
                "--organisations",
                str(args.organisations),
            ],
            env=env,
            check=True,
        )
        facts = scale_facts(env)
    print(f"{facts['count']} published clusters; database {args.database_url.split(':')[0]}")

    slug = facts["slugs"][0]
    scenarios = [
        ("trivial view (/healthz)", "/healthz"),
        # Anonymous visitors asking for the same address: the page cache answers.
        ("directory list", "/en/clusters/"),
        ("search, many matches", f"/en/clusters/?q={args.common_term}"),
        ("filtered list", "/en/clusters/?country=FI&ecosystem=digital&size=medium"),
        ("last page", f"/en/clusters/?page={facts['last_page']}"),
        ("profile page", f"/en/clusters/{slug}/"),
        ("API list", "/api/v1/clusters/"),
        # Every request a new address ({n}), so the page cache never answers, over
        # many pages, words and clusters, so that most cards, searches and profiles
        # are rendered from the database: the cost of a page nobody asked for lately.
        (
            "directory list, every request new",
            [
                f"/en/clusters/?sort={sort}&page={page}&v={{n}}"
                for page in range(1, facts["last_page"] + 1)
                for sort in SORTS
            ],
        ),
        (
            "search, many matches, every request new",
            [f"/en/clusters/?{urlencode({'q': term})}&v={{n}}" for term in COMMON_TERMS],
        ),
        ("first page, every request new", "/en/clusters/?v={n}"),
        (
            "last page, every request new",
            f"/en/clusters/?page={facts['last_page']}&v={{n}}",
        ),
        (
            "profile page, every request new",
            [f"/en/clusters/{slug}/?v={{n}}" for slug in facts["slugs"]],
        ),
        ("API list, every request new", "/api/v1/clusters/?v={n}"),
    ]
    results = []
    with server(env) as port:
        for name, path in scenarios:
            # Warm the connections and the filters' options, not the pages measured.
            warm = path if isinstance(path, str) else path[-1]
            measure(port, warm, seconds=1, concurrency=2)
            row = measure(port, path, seconds=args.seconds, concurrency=args.concurrency)
            row["name"] = name
            results.append(row)
            print(f"  measured {name}: {row['rps']:.1f} rps", file=sys.stderr)
    baseline = results[0]
    print_table(results, baseline)
    by_name = {row["name"]: row for row in results}
    for first, last in (("directory list", "last page"), ("first page", "last page")):
        if first == "first page":
            first, last = f"{first}, every request new", f"{last}, every request new"
        share = by_name[last]["rps"] / by_name[first]["rps"]
        print(f"{last} / {first} throughput: {share:.2f} (target at least 0.80)")
    for name, target in TARGETS.items():
        for scenario in (name, f"{name}, every request new"):
            ratio = by_name[scenario]["rps"] / baseline["rps"]
            verdict = "ok" if ratio >= target else "BELOW TARGET"
            print(f"{scenario}: {ratio:.3f} of trivial (target {target}) {verdict}")
    print(f"saved {save(results, 'directory')}")


if __name__ == "__main__":
    main()
