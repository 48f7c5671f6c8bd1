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
import subprocess
import sys

from serve import ROOT, VENV_BIN, measure, print_table, production_env, save, server

# Share of the trivial view's throughput each page must reach (issue 3).
TARGETS = {"directory list": 0.15, "search, many matches": 0.08, "profile page": 0.25}


def scale_facts(env: dict[str, str]) -> dict[str, str]:
    """Cluster count, a profile slug, the last page and a common search term."""
    script = (
        "from klusteri.clusters.models import Cluster;"
        "from klusteri.clusters.views.directory import PAGE_SIZE, MAX_PAGES;"
        "n = Cluster.objects.published().count();"
        "slug = Cluster.objects.published().order_by('-member_total')"
        ".values_list('slug', flat=True).first();"
        "last = min(max(1, -(-n // PAGE_SIZE)), MAX_PAGES);"
        "print(n, slug, last)"
    )
    out = subprocess.run(
        [str(VENV_BIN / "klusteri"), "shell", "-c", script],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return {"count": int(out[-3]), "slug": out[-2], "last_page": int(out[-1])}


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

    scenarios = [
        ("trivial view (/healthz)", "/healthz"),
        ("directory list", "/en/clusters/"),
        ("search, many matches", f"/en/clusters/?q={args.common_term}"),
        ("filtered list", "/en/clusters/?country=FI&ecosystem=digital&size=medium"),
        ("last page", f"/en/clusters/?page={facts['last_page']}"),
        ("profile page", f"/en/clusters/{facts['slug']}/"),
        ("API list", "/api/v1/clusters/"),
        # The same pages with a query string that changes on every request: what a
        # request costs when the anonymous page cache cannot answer it.
        ("directory list, uncached", "/en/clusters/?v={n}"),
        ("search, many, uncached", f"/en/clusters/?q={args.common_term}&v={{n}}"),
        ("profile page, uncached", f"/en/clusters/{facts['slug']}/?v={{n}}"),
    ]
    results = []
    with server(env) as port:
        for name, path in scenarios:
            measure(port, path, seconds=1, concurrency=2)  # warm caches and connections
            row = measure(port, path, seconds=args.seconds, concurrency=args.concurrency)
            row["name"] = name
            results.append(row)
            print(f"  measured {name}: {row['rps']:.1f} rps", file=sys.stderr)
    baseline = results[0]
    print_table(results, baseline)
    first = next(r for r in results if r["name"] == "directory list")
    last = next(r for r in results if r["name"] == "last page")
    print(f"last page / first page throughput: {last['rps'] / first['rps']:.2f}")
    for name, target in TARGETS.items():
        ratio = next(r for r in results if r["name"] == name)["rps"] / baseline["rps"]
        print(
            f"{name}: {ratio:.3f} of trivial (target {target}) "
            f"{'ok' if ratio >= target else 'BELOW TARGET'}"
        )
    print(f"saved {save(results, 'directory')}")


if __name__ == "__main__":
    main()
