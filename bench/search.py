"""Benchmark of klusteri.search on the database KLUSTERI_DATABASE_URL selects.

    .venv/bin/python bench/search.py        # the default SQLite file under var/
    createdb -h 127.0.0.1 -U postgres bench
    KLUSTERI_DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench .venv/bin/python bench/search.py

Builds 10,000 synthetic documents whose words follow a Zipf-like spread (a few
words in nearly every document, most words in a handful), indexes them under the
kind "bench", times queries for a rare word, a common word and a typo, and
removes the documents again. The database is migrated first.
"""

import argparse
import itertools
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "klusteri.settings")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from klusteri.search import clear, index_documents, search  # noqa: E402

KIND = "bench"
SYLLABLES = [
    c + v
    for c in ["", "k", "t", "s", "m", "n", "l", "r", "v", "h", "p", "j"]
    for v in ["a", "e", "i", "o", "u", "y", "ä", "ö", "aa", "ie", "uo"]
]


def vocabulary(size: int, rng: random.Random) -> list[str]:
    """Distinct made-up words of 5 to 14 letters, most common first."""
    words: dict[str, None] = {}
    while len(words) < size:
        word = "".join(rng.choices(SYLLABLES, k=rng.randint(3, 5)))
        if 5 <= len(word) <= 14:
            words[word] = None
    return list(words)


def documents(count: int, words: list[str], rng: random.Random):
    weights = list(itertools.accumulate(1 / rank**1.07 for rank in range(1, len(words) + 1)))

    def text(length: int) -> str:
        return " ".join(rng.choices(words, cum_weights=weights, k=length))

    return [
        (pk, {"title": text(3), "keywords": text(6), "body": text(rng.randint(40, 120))})
        for pk in range(1, count + 1)
    ]


def typo(word: str) -> str:
    """Swap two neighbouring letters in the middle."""
    middle = len(word) // 2
    return word[: middle - 1] + word[middle] + word[middle - 1] + word[middle + 1 :]


def timed(query: str, repeat: int) -> tuple[float, float, int]:
    search(KIND, query)  # warm-up
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        found = search(KIND, query)
        times.append(time.perf_counter() - start)
    cuts = statistics.quantiles(times, n=20)
    return statistics.median(times) * 1000, cuts[18] * 1000, len(found)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--words", type=int, default=20_000, help="size of the vocabulary")
    parser.add_argument("--repeat", type=int, default=50, help="runs per query")
    parser.add_argument("--keep", action="store_true", help="leave the documents in the index")
    options = parser.parse_args()

    call_command("migrate", verbosity=0)
    rng = random.Random(2026)
    words = vocabulary(options.words, rng)
    docs = documents(options.documents, words, rng)
    settings = connection.settings_dict
    print(f"database: {connection.vendor} {settings['NAME']}")
    print(f"documents: {len(docs):,}, vocabulary: {len(words):,} made-up words")
    # Timings are wall-clock: on a busy machine they say as much about the machine.
    print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")

    clear(KIND)
    start = time.perf_counter()
    index_documents(KIND, docs)
    seconds = time.perf_counter() - start
    print(f"index: {seconds:.1f} s ({len(docs) / seconds:,.0f} documents/s)")

    def containing(word: str) -> int:
        return sum(word in " ".join(fields.values()).split() for _, fields in docs)

    rare = words[3000]
    common = words[0]
    misspelt = typo(words[200])
    print(f"{'query':<26} {'in documents':>12} {'results':>8} {'p50 ms':>8} {'p95 ms':>8}")
    for label, query, word in [
        ("rare", rare, rare),
        ("common", common, common),
        ("typo", misspelt, words[200]),
        ("common + rare", f"{common} {rare}", rare),
    ]:
        p50, p95, results = timed(query, options.repeat)
        print(
            f"{label + ' ' + query:<26} {containing(word):>12,} {results:>8} "
            f"{p50:>8.1f} {p95:>8.1f}"
        )

    if not options.keep:
        clear(KIND)


if __name__ == "__main__":
    main()
