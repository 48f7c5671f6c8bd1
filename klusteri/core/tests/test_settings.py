"""Production settings: refuse insecure start, pass ``check --deploy``, send the headers."""

import os
import subprocess
import sys

import pytest

STRONG_KEY = "k" * 20 + "R4nd0m-Str0ng-Pr0duct10n-K3y-f0r-t3sts-0nly"
# Production shares one cache between its processes; the check does not connect.
REDIS_URL = "redis://127.0.0.1:6379/0"


def klusteri(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("KLUSTERI_")}
    return subprocess.run(
        [sys.executable, "-m", "klusteri.cli", *args],
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_is_clean_in_production_settings():
    result = klusteri(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        KLUSTERI_DEBUG="0",
        KLUSTERI_SECRET_KEY=STRONG_KEY,
        KLUSTERI_ALLOWED_HOSTS="example.org",
        KLUSTERI_REDIS_URL=REDIS_URL,
    )

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_warns_of_a_cache_in_each_process():
    result = klusteri(
        "check",
        "--deploy",
        KLUSTERI_DEBUG="0",
        KLUSTERI_SECRET_KEY=STRONG_KEY,
        KLUSTERI_ALLOWED_HOSTS="example.org",
    )

    assert "klusteri.W001" in result.stderr + result.stdout
    assert "KLUSTERI_REDIS_URL" in result.stderr + result.stdout


def test_check_deploy_is_clean_behind_a_tls_proxy_that_redirects():
    result = klusteri(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        KLUSTERI_DEBUG="0",
        KLUSTERI_SECRET_KEY=STRONG_KEY,
        KLUSTERI_ALLOWED_HOSTS="example.org",
        KLUSTERI_BEHIND_TLS_PROXY="1",
        KLUSTERI_SSL_REDIRECT="0",
        KLUSTERI_REDIS_URL=REDIS_URL,
    )

    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    "key", [None, "too-short", "dev-only-insecure-key-never-use-in-production"]
)
def test_production_refuses_to_start_without_a_strong_secret_key(key):
    env = {"KLUSTERI_DEBUG": "0", "KLUSTERI_ALLOWED_HOSTS": "example.org"}
    if key is not None:
        env["KLUSTERI_SECRET_KEY"] = key

    result = klusteri("check", **env)

    assert result.returncode != 0
    assert "KLUSTERI_SECRET_KEY must be set" in result.stderr


def test_a_malformed_boolean_setting_fails_loudly():
    result = klusteri("check", KLUSTERI_DEBUG="maybe")

    assert result.returncode != 0
    assert "KLUSTERI_DEBUG must be 0 or 1" in result.stderr
