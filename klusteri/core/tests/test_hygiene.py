"""Project-wide checks: migrations, URLs, translations."""

import re
import subprocess
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver

PROJECT_DIR = Path(__file__).resolve().parents[2]
LOCALE_DIR = PROJECT_DIR / "locale"


@pytest.mark.django_db
def test_no_pending_migrations():
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


def iter_patterns(resolver: URLResolver, prefix: str = ""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            yield from iter_patterns(pattern, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern


def test_every_project_url_has_a_name():
    unnamed = [
        route
        for route, pattern in iter_patterns(get_resolver())
        if pattern.name is None and "admin/" not in route and "media/" not in route
    ]
    assert unnamed == []


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_catalogue_is_complete(language):
    catalogue = LOCALE_DIR / language / "LC_MESSAGES" / "django.po"
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(catalogue)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr, result.stderr
    assert "fuzzy" not in result.stderr, result.stderr


def test_catalogues_cover_every_message_in_the_code():
    """A string added with {% translate %} or _() but not run through
    `make messages` fails here (blocktranslate blocks are not scanned)."""
    catalogue = subprocess.run(
        ["msgcat", "--no-wrap", str(LOCALE_DIR / "fi" / "LC_MESSAGES" / "django.po")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    known = set(re.findall(r'^msgid "(.+)"$', catalogue, flags=re.MULTILINE))
    used = set()
    for source in [*PROJECT_DIR.rglob("*.html"), *PROJECT_DIR.rglob("*.py")]:
        if {"tests", "migrations"} & set(source.parts):
            continue
        text = source.read_text(encoding="utf-8")
        used.update(re.findall(r'{% translate "([^"]+)"', text))
        used.update(re.findall(r"{% translate '([^']+)'", text))
        used.update(re.findall(r'\b_\("([^"]+)"\)', text))
    assert sorted(used - known) == []
