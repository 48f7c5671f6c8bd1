"""Run Klusteri under gunicorn on loopback for a benchmark, and drive it.

Shared by the benchmark scripts: start a production-configured server on a free
port of 127.0.0.1 against the database in KLUSTERI_DATABASE_URL, measure a list
of paths with a bounded number of concurrent keep-alive clients for a bounded
time each, and stop the server. Only loopback is ever contacted.
"""

import http.client
import itertools
import json
import os
import secrets
import socket
import statistics
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = ROOT / ".venv" / "bin"


# Production runs several processes, which share one cache: Redis (docs/deployment.md).
# A cache per process would keep each worker's own versions of the cached pages.
REDIS_URL = os.environ.get("KLUSTERI_BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")


def production_env(database_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KLUSTERI_")}
    env.update(
        KLUSTERI_REDIS_URL=REDIS_URL,
        KLUSTERI_DEBUG="0",
        KLUSTERI_SECRET_KEY=secrets.token_urlsafe(50),
        KLUSTERI_ALLOWED_HOSTS="127.0.0.1",
        KLUSTERI_DATABASE_URL=database_url,
        KLUSTERI_SSL_REDIRECT="0",
        KLUSTERI_BEHIND_TLS_PROXY="1",
        KLUSTERI_VAR_DIR=str(ROOT / "var" / "bench"),
    )
    return env


def klusteri(env: dict[str, str], *args: str) -> None:
    subprocess.run([str(VENV_BIN / "klusteri"), *args], env=env, check=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def server(env: dict[str, str], workers: int = 2, threads: int = 1):
    (ROOT / "var" / "bench").mkdir(parents=True, exist_ok=True)
    klusteri(env, "collectstatic", "--no-input", "-v", "0")
    # Every run starts from an empty cache: nothing left from an earlier run helps it.
    klusteri(env, "shell", "-c", "from django.core.cache import cache; cache.clear()")
    port = free_port()
    process = subprocess.Popen(
        [
            str(VENV_BIN / "gunicorn"),
            "klusteri.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                time.sleep(0.2)
        else:
            raise RuntimeError("gunicorn did not start")
        yield port
    finally:
        process.terminate()
        process.wait(timeout=30)


def measure(
    port: int,
    path: str | list[str],
    *,
    seconds: float,
    concurrency: int,
    headers: dict[str, str] | None = None,
) -> dict:
    """Drive ``path`` with ``concurrency`` keep-alive clients for ``seconds``.

    A list of paths is requested in turn. ``{n}`` in a path becomes a number that
    differs on every request, so that no response can come from the page cache.
    ``headers`` go with every request (a signed-in person's session cookie)."""
    paths = [path] if isinstance(path, str) else path
    counter = itertools.count()
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def client() -> None:
        nonlocal errors
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        local, local_errors = [], 0
        while time.monotonic() < stop_at:
            started = time.perf_counter()
            try:
                n = next(counter)
                connection.request(
                    "GET", paths[n % len(paths)].replace("{n}", str(n)), headers=headers or {}
                )
                response = connection.getresponse()
                response.read()
                if response.status != 200:
                    local_errors += 1
            except (OSError, http.client.HTTPException):
                local_errors += 1
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                continue
            local.append(time.perf_counter() - started)
        connection.close()
        with lock:
            latencies.extend(local)
            errors += local_errors

    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies.sort()
    count = len(latencies)
    return {
        "path": path if isinstance(path, str) else f"{paths[0]} and {len(paths) - 1} more",
        "requests": count,
        "errors": errors,
        "rps": count / seconds,
        "p50_ms": 1000 * statistics.median(latencies) if latencies else None,
        "p95_ms": 1000 * latencies[int(0.95 * (count - 1))] if latencies else None,
    }


def print_table(results: list[dict], baseline: dict, out=sys.stdout) -> None:
    out.write(
        f"{'scenario':<28} {'rps':>8} {'ratio':>7} {'p50 ms':>8} {'p95 ms':>8} {'errors':>6}\n"
    )
    for row in results:
        out.write(
            f"{row['name']:<28} {row['rps']:>8.1f} {row['rps'] / baseline['rps']:>7.3f} "
            f"{row['p50_ms'] or 0:>8.1f} {row['p95_ms'] or 0:>8.1f} {row['errors']:>6}\n"
        )


def save(results: list[dict], name: str) -> Path:
    folder = ROOT / "bench" / "results"
    folder.mkdir(exist_ok=True)
    path = folder / f"{name}-{time.strftime('%Y%m%d-%H%M%S')}.json"
    path.write_text(json.dumps(results, indent=2))
    return path
