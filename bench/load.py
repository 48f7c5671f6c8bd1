"""Load test: a mixed workload from many concurrent clients, and every error counted.

    .venv/bin/python bench/load.py [--database-url URL] [--clients 50] [--seconds 60]

Serves the app with gunicorn on loopback (2 workers for 2 cores, 4 threads each)
against the scale data (``klusteri seed_scale``, seeded when missing, as in
``bench/directory.py``) and drives it with ``--clients`` concurrent keep-alive
clients for ``--seconds``. Each client is an anonymous visitor or a signed-in
person (``--signed-in`` share) who logs in through the real log-in form first.
Visitors browse the directory, search, filter, open profiles and read the API,
the popular clusters and first pages most (Zipf-like, over 3,000 clusters and
every page, in three languages);
signed-in people do the same and, in a share of their requests (``--writes``),
save their own profile (a POST with the CSRF token, a transaction and an audit
entry). Anything but the expected answer counts as an error: a 5xx, a refused
connection, a timeout or an unexpected status. Reports throughput, p50/p95/p99
per kind of request and the errors, and exits non-zero on any error.

Every later section of the platform joins ``workload()`` as it lands.
"""

import argparse
import http.client
import random
import re
import statistics
import subprocess
import sys
import threading
import time
from bisect import bisect
from collections import defaultdict
from http.cookies import SimpleCookie
from itertools import accumulate
from urllib.parse import urlencode

from directory import COMMON_TERMS, scale_facts
from serve import ROOT, VENV_BIN, klusteri, production_env, save, server

PASSWORD = "Kuorma-testi-2026"
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
RARE_TERMS = ["vetytalous", "kvanttiteknologia", "puurakentaminen", "fotoniikka", "satelliitti"]


def popular(rng: random.Random, choices: list, cumulative: list[float]):
    """One of ``choices``, the first ones most often (Zipf-like, as real traffic is:
    a few clusters and the first pages draw most visits, the long tail a few each)."""
    return choices[bisect(cumulative, rng.random() * cumulative[-1])]


def zipf_weights(count: int) -> list[float]:
    return list(accumulate(1 / rank for rank in range(1, count + 1)))


def workload(facts: dict, rng: random.Random) -> tuple[str, str]:
    """One read: (kind, path), in the proportions of a day's traffic as we expect it."""
    pages = list(range(1, facts["last_page"] + 1))
    roll = rng.random()
    if roll < 0.25:
        page = popular(rng, pages, facts["page_weights"])
        sort = rng.choice(["", "name", "size", "newest"])
        return "directory", f"/{rng.choice(['fi', 'sv', 'en'])}/clusters/?" + urlencode(
            {"page": page, **({"sort": sort} if sort else {})}
        )
    if roll < 0.45:
        term = rng.choice(COMMON_TERMS + RARE_TERMS)
        return "search", f"/{rng.choice(['fi', 'sv', 'en'])}/clusters/?" + urlencode({"q": term})
    if roll < 0.55:
        region = rng.choice(["FI-01", "FI-06", "FI-11", "FI-19"])
        return "filtered", f"/fi/clusters/?country=FI&region={region}&size=medium"
    if roll < 0.85:
        slug = popular(rng, facts["slugs"], facts["profile_weights"])
        return "profile", f"/{rng.choice(['fi', 'sv', 'en'])}/clusters/{slug}/"
    if roll < 0.95:
        offset = 20 * (popular(rng, pages, facts["page_weights"]) - 1)
        return "api list", "/api/v1/clusters/?" + urlencode({"offset": offset})
    slug = popular(rng, facts["slugs"], facts["profile_weights"])
    return "api detail", f"/api/v1/clusters/{slug}/"


def make_accounts(env: dict[str, str], count: int) -> list[str]:
    """``count`` verified bench accounts (e-mail addresses), made anew each run."""
    script = f"""
from allauth.account.models import EmailAddress
from klusteri.accounts.models import User
emails = [f"load-{{i}}@bench.klusteri.example" for i in range({count})]
User.objects.filter(email__endswith="@bench.klusteri.example").delete()
for email in emails:
    user = User.objects.create_user(email, {PASSWORD!r}, name="Bench")
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
"""
    subprocess.run(
        [str(VENV_BIN / "klusteri"), "shell", "-c", script], env=env, check=True, cwd=ROOT
    )
    return [f"load-{i}@bench.klusteri.example" for i in range(count)]


class Client:
    """A keep-alive HTTP client with a cookie jar, as a browser keeps one."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def request(self, method: str, path: str, body: dict | None = None) -> tuple[int, str]:
        headers = {"Host": "127.0.0.1"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        data = None
        if body is not None:
            data = urlencode(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"https://127.0.0.1{path}"
        try:
            self.connection.request(method, path, body=data, headers=headers)
            response = self.connection.getresponse()
            text = response.read().decode("utf-8", "replace")
        except (OSError, http.client.HTTPException):
            self.connection.close()
            self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            raise
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return response.status, text

    def form_token(self, path: str) -> str:
        status, text = self.request("GET", path)
        match = CSRF_INPUT.search(text)
        if status != 200 or not match:
            raise RuntimeError(f"no form at {path}: {status}")
        return match.group(1)

    def log_in(self, email: str) -> None:
        token = self.form_token("/en/accounts/login/")
        status, _text = self.request(
            "POST",
            "/en/accounts/login/",
            {"csrfmiddlewaretoken": token, "login": email, "password": PASSWORD},
        )
        if status != 302 or "sessionid" not in self.cookies:
            raise RuntimeError(f"log-in of {email} failed: {status}")


def run(port: int, facts: dict, args, emails: list[str]) -> dict:
    stop_at = time.monotonic() + args.seconds
    latencies: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)
    examples: list[str] = []
    lock = threading.Lock()

    def visitor(number: int) -> None:
        rng = random.Random(number)
        client = Client(port)
        email = emails[number] if number < len(emails) else None
        local: dict[str, list[float]] = defaultdict(list)
        local_errors: dict[str, int] = defaultdict(int)

        def note_error(kind: str, what: str) -> None:
            local_errors[kind] += 1
            if len(examples) < 10:
                examples.append(f"{kind}: {what}")

        if email:
            try:
                client.log_in(email)
            except (RuntimeError, OSError, http.client.HTTPException) as error:
                note_error("log-in", str(error))
                email = None
        while time.monotonic() < stop_at:
            if email and rng.random() < args.writes:
                kind = "profile save"
                started = time.perf_counter()
                try:
                    token = client.form_token("/en/accounts/profile/edit/")
                    status, _text = client.request(
                        "POST",
                        "/en/accounts/profile/edit/",
                        {
                            "csrfmiddlewaretoken": token,
                            "name": f"Bench {rng.randint(1, 10**6)}",
                            "language": rng.choice(["fi", "sv", "en"]),
                        },
                    )
                    ok = status == 302
                except (RuntimeError, OSError, http.client.HTTPException) as error:
                    ok, status = False, str(error)
            else:
                kind, path = workload(facts, rng)
                started = time.perf_counter()
                try:
                    status, _text = client.request("GET", path)
                    ok = status == 200
                except (OSError, http.client.HTTPException) as error:
                    ok, status = False, str(error)
            elapsed = time.perf_counter() - started
            if ok:
                local[kind].append(elapsed)
            else:
                note_error(kind, f"{status}")
        with lock:
            for kind, values in local.items():
                latencies[kind].extend(values)
            for kind, count in local_errors.items():
                errors[kind] += count

    threads = [threading.Thread(target=visitor, args=(n,)) for n in range(args.clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    return summarise(latencies, errors, examples, elapsed)


def percentile(values: list[float], share: float) -> float:
    return 1000 * values[min(len(values) - 1, int(share * len(values)))]


def summarise(latencies, errors, examples, elapsed: float) -> dict:
    rows = []
    every = sorted(v for values in latencies.values() for v in values)
    for kind, values in [*sorted(latencies.items()), ("all", every)]:
        values = sorted(values)
        if not values:
            continue
        rows.append(
            {
                "kind": kind,
                "requests": len(values),
                "rps": len(values) / elapsed,
                "p50_ms": 1000 * statistics.median(values),
                "p95_ms": percentile(values, 0.95),
                "p99_ms": percentile(values, 0.99),
                "errors": errors.get(kind, 0) if kind != "all" else sum(errors.values()),
            }
        )
    return {"rows": rows, "errors": dict(errors), "examples": examples, "seconds": elapsed}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", default=f"sqlite:///{ROOT / 'var' / 'bench.sqlite3'}")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--signed-in", type=float, default=0.2, help="share of clients")
    parser.add_argument("--writes", type=float, default=0.1, help="share of their requests")
    parser.add_argument("--clusters", type=int, default=10_000)
    parser.add_argument("--organisations", type=int, default=200_000)
    args = parser.parse_args()

    env = production_env(args.database_url)
    klusteri(env, "migrate", "--no-input", "-v", "0")
    facts = scale_facts(env)
    if facts["count"] < args.clusters:
        klusteri(
            env,
            "seed_scale",
            "--clusters",
            str(args.clusters),
            "--organisations",
            str(args.organisations),
        )
        facts = scale_facts(env)
    # The slugs come largest cluster first: their order of popularity here.
    facts["profile_weights"] = zipf_weights(len(facts["slugs"]))
    facts["page_weights"] = zipf_weights(facts["last_page"])
    emails = make_accounts(env, round(args.clients * args.signed_in))
    print(
        f"{facts['count']} published clusters; {args.clients} clients "
        f"({len(emails)} signed in) for {args.seconds:.0f} s; "
        f"database {args.database_url.split(':')[0]}",
        file=sys.stderr,
    )
    with server(env, workers=2, threads=4) as port:
        result = run(port, facts, args, emails)
    result["database"] = args.database_url.split(":")[0]
    result["clients"] = args.clients

    heads = ("count", "rps", "p50 ms", "p95 ms", "p99 ms", "errors")
    print(f"{'request':<14}" + "".join(f" {head:>8}" for head in heads))
    for row in result["rows"]:
        print(
            f"{row['kind']:<14} {row['requests']:>8} {row['rps']:>8.1f} {row['p50_ms']:>8.1f} "
            f"{row['p95_ms']:>8.1f} {row['p99_ms']:>8.1f} {row['errors']:>8}"
        )
    for example in result["examples"]:
        print(f"error: {example}")
    print(f"saved {save([result], 'load')}")
    total = sum(result["errors"].values())
    print(f"{total} errors" if total else "no errors")
    sys.exit(1 if total else 0)


if __name__ == "__main__":
    main()
