"""The registry of personal data (``core.personal_data``): each app's ``privacy.py``,
found through the app registry, so that a new app plugs in with that one file."""

import re
import sys
from importlib import import_module
from pathlib import Path

import pytest
from django.apps import apps

from klusteri.accounts import services
from klusteri.audit.models import AuditEntry
from klusteri.core import personal_data

pytestmark = pytest.mark.django_db

NOTES_PRIVACY = """
from klusteri.core.personal_data import Consequence

COVERS = frozenset()
erased = []


def export(user):
    return {"notes": [f"a note of person #{user.pk}"]}


def erasure_consequences(user):
    return [Consequence(key="notes_without_author", records=[], warning="", staff_heading="")]


def erase(user, *, by):
    erased.append(user.pk)
"""


@pytest.fixture
def plug_in(tmp_path, monkeypatch, settings):
    """Install a new app, ``notes``, that has nothing but a ``privacy.py``."""

    def install(privacy_source: str):
        package = tmp_path / "notes"
        package.mkdir()
        (package / "__init__.py").write_text("")
        (package / "privacy.py").write_text(privacy_source)
        monkeypatch.syspath_prepend(str(tmp_path))
        settings.INSTALLED_APPS = [*settings.INSTALLED_APPS, "notes"]
        return import_module("notes.privacy")

    yield install
    for name in ["notes.privacy", "notes"]:
        sys.modules.pop(name, None)


def test_registry_lists_exactly_the_apps_with_a_privacy_module_in_installed_order():
    with_a_file = [
        f"{config.name}.privacy"
        for config in apps.get_app_configs()
        if (Path(config.path) / "privacy.py").exists()
    ]

    names = [module.__name__ for module in personal_data.modules()]

    assert names == with_a_file
    assert names == [
        "klusteri.audit.privacy",
        "klusteri.accounts.privacy",
        "klusteri.clusters.privacy",
        "klusteri.funding.privacy",
        "klusteri.events.privacy",
        "klusteri.api.privacy",
    ]


def test_a_new_app_plugs_in_with_one_file(plug_in, make_user):
    notes = plug_in(NOTES_PRIVACY)
    person = make_user("noora@example.org")

    assert personal_data.modules()[-1] is notes
    assert personal_data.export(person)["notes"] == [f"a note of person #{person.pk}"]
    assert "notes_without_author" in {
        consequence.key for consequence in personal_data.erasure_consequences(person)
    }

    pk = person.pk
    services.erase_account(person, by=person)

    assert notes.erased == [pk]
    entry = AuditEntry.objects.get(action="accounts.account.erased")
    assert entry.data["notes_without_author"] == []


def test_two_apps_cannot_export_the_same_section(plug_in, make_user):
    plug_in(NOTES_PRIVACY.replace('"notes"', '"person"'))

    with pytest.raises(ValueError, match=re.escape("notes.privacy exports person again")):
        personal_data.export(make_user("noora@example.org"))


def test_two_apps_cannot_cover_the_same_field(plug_in):
    plug_in(NOTES_PRIVACY.replace("frozenset()", 'frozenset({"api.ApiToken.user"})'))

    with pytest.raises(
        ValueError, match=re.escape("covered by klusteri.api.privacy and notes.privacy")
    ):
        personal_data.covered_fields()
