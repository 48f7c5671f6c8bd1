"""Production settings: refuse insecure start, pass ``check --deploy``, send the headers.

The start-up refusals and one ``check --deploy`` run as real ``klusteri`` processes;
the other ``check --deploy`` variants run the same check in this process, on the
settings that their environment gives (a process takes seconds to start).
"""

import io
import os
import runpy
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

from klusteri import settings as project_settings

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


def settings_from(**env: str) -> dict[str, object]:
    """The settings of a process started with ``env`` and no other ``KLUSTERI_*``
    variable: ``klusteri/settings.py`` run anew in that environment."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("KLUSTERI_")}
    with mock.patch.dict(os.environ, {**clean, **env}, clear=True):
        module = runpy.run_path(str(Path(project_settings.__file__)))
    return {name: value for name, value in module.items() if name.isupper()}


def check_deploy(*options: str, **env: str) -> str:
    """``klusteri check --deploy OPTIONS`` in this process, on the settings ``env``
    gives: every one that differs from the suite's, but the test database (the check
    does not look at databases without ``--database``). Fails on a SystemCheckError
    as the command exits non-zero; returns what it printed."""
    differing = {
        name: value
        for name, value in settings_from(**env).items()
        if name != "DATABASES" and getattr(settings, name, object()) != value
    }
    output = io.StringIO()
    with override_settings(**differing):
        call_command("check", "--deploy", *options, stdout=output, stderr=output)
    return output.getvalue()


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


@pytest.mark.django_db  # the model checks ask the database what it supports
def test_check_deploy_warns_of_a_cache_in_each_process():
    output = check_deploy(
        KLUSTERI_DEBUG="0",
        KLUSTERI_SECRET_KEY=STRONG_KEY,
        KLUSTERI_ALLOWED_HOSTS="example.org",
    )

    assert "klusteri.W001" in output
    assert "KLUSTERI_REDIS_URL" in output


@pytest.mark.django_db  # the model checks ask the database what it supports
def test_check_deploy_is_clean_behind_a_tls_proxy_that_redirects():
    output = check_deploy(
        "--fail-level",
        "WARNING",
        KLUSTERI_DEBUG="0",
        KLUSTERI_SECRET_KEY=STRONG_KEY,
        KLUSTERI_ALLOWED_HOSTS="example.org",
        KLUSTERI_BEHIND_TLS_PROXY="1",
        KLUSTERI_SSL_REDIRECT="0",
        KLUSTERI_REDIS_URL=REDIS_URL,
    )

    assert "no issues" in output


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
