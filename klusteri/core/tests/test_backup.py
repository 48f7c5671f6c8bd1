"""`klusteri backup` and `klusteri restore`: klusteri/core/backup.py.

The round trip runs on the database the suite runs on (SQLite, or PostgreSQL through
pg_dump and pg_restore): it backs up a site with data in every app, changes and
deletes things, restores, and compares every row (dumpdata), the search index and
every uploaded file. A second round trip always runs the real `klusteri` commands on
a SQLite file in WAL mode that another connection holds open. Each refusal is shown
to change nothing.
"""

import hashlib
import io
import json
import os
import re
import sqlite3
import subprocess
import sys
import tarfile
from pathlib import Path

import django
import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.test import override_settings
from django.utils import translation
from PIL import Image

from klusteri.accounts.models import Organisation
from klusteri.accounts.services import update_organisation
from klusteri.clusters import services
from klusteri.clusters.models import Cluster, Ecosystem, NaceSection, ServiceArea, Tag
from klusteri.core import backup
from klusteri.search import search


# A restore commits, and replaces every table: these tests run outside the test
# transaction, with the reference data loaded anew if an earlier one emptied it.
def restoring(test):
    return pytest.mark.usefixtures("reference_data")(pytest.mark.django_db(transaction=True)(test))


IN_MEMORY_STORAGE = "django.core.files.storage.InMemoryStorage"

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="PostgreSQL only: how pg_restore treats what the dump lacks or cannot drop",
)


@pytest.fixture
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def site(media, staff, manager, company_user, outsider, host_organisation, member_company):
    """A site with something in every app: people, organisations, a cluster with its
    taxonomies, a member, a manager, a logo, the search index and the audit trail."""
    cluster = Cluster.objects.create(
        name_fi="Vetyklusteri", slug="vetyklusteri", host=host_organisation
    )
    services.update_cluster(
        cluster,
        by=staff,
        changed={
            "city": "Oulu",
            "label": "gold",
            "logo": ContentFile(png_bytes(), name="vetyklusteri.png"),
            "ecosystems": Ecosystem.objects.filter(slug="renewable-energy"),
            "nace_sections": NaceSection.objects.filter(code__in=["C", "D"]),
            "services": ServiceArea.objects.all()[:2],
            "tags": [Tag.objects.create(slug="hydrogen", name_fi="Vety", name_en="Hydrogen")],
        },
    )
    services.add_member(cluster, member_company, by=manager, is_public=True)
    services.appoint_manager(cluster, manager, by=staff)
    return cluster


def png_bytes() -> bytes:
    output = io.BytesIO()
    Image.new("RGB", (8, 4), "teal").save(output, format="PNG")
    return output.getvalue()


def everything() -> str:
    """Every row of every model, as JSON: equal strings mean equal databases."""
    output = io.StringIO()
    call_command("dumpdata", format="json", indent=1, stdout=output)
    return output.getvalue()


def files_in(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def entries_in(folder: Path) -> list[str]:
    """Files and folders, hidden ones included: a restore leaves none behind."""
    return sorted(path.relative_to(folder).as_posix() for path in folder.rglob("*"))


def back_up(tmp_path: Path, name: str = "site.tar.gz") -> Path:
    archive = tmp_path / name
    call_command("backup", output=archive, stdout=io.StringIO())
    return archive


def restore(archive: Path, *options: str) -> str:
    output = io.StringIO()
    with translation.override("en"):
        call_command("restore", str(archive), *options, stdout=output, stderr=io.StringIO())
    return output.getvalue()


def refusal(archive: Path) -> str:
    with translation.override("en"), pytest.raises(CommandError) as refused:
        call_command("restore", str(archive), "--no-input", stdout=io.StringIO())
    return str(refused.value)


def manifest_of(archive: Path) -> dict:
    with tarfile.open(archive) as tar:
        return json.load(tar.extractfile(backup.MANIFEST))


def rewritten(archive: Path, target: Path, *, manifest=None, members=None, drop=()) -> Path:
    """A copy of ``archive`` with the manifest changed by ``manifest(dict)``, the
    members in ``members`` (name → bytes) replaced or added, those in ``drop`` left out."""
    members = dict(members or {})
    with tarfile.open(archive) as source, tarfile.open(target, "w:gz") as copy:
        for member in source:
            if member.name in drop:
                continue
            data = source.extractfile(member).read()
            if member.name == backup.MANIFEST and manifest is not None:
                data = json.dumps(manifest(json.loads(data))).encode()
            data = members.pop(member.name, data)
            member.size = len(data)
            copy.addfile(member, io.BytesIO(data))
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            copy.addfile(info, io.BytesIO(data))
    return target


@pytest.fixture
def changed_after_backup(site, media, tmp_path, staff, manager, outsider):
    """A backup of ``site``, then changes to every kind of data and to the files.
    Returns the archive and what the site held when it was made."""
    before = everything()
    files_before = files_in(media)
    archive = back_up(tmp_path)

    services.update_cluster(
        site, by=staff, changed={"name_fi": "Metsäklusteri", "tags": [], "label": ""}
    )
    services.remove_member(site.memberships.get(), by=manager)
    outsider.delete()
    site.host.name = "Uusi nimi ry"
    update_organisation(site.host, by=manager, changed={"name": site.host.name})
    Organisation.objects.create(name="Myöhempi Oy", business_id="0112038-9")
    (media / site.logo.name).write_bytes(b"not the logo")
    (media / "clusters" / "logos" / "later.png").write_bytes(png_bytes())
    assert everything() != before
    return archive, before, files_before


# Round trips


@restoring
def test_round_trip_restores_every_row_the_search_index_and_uploaded_files(
    changed_after_backup, media, site
):
    archive, before, files_before = changed_after_backup
    assert search("cluster", "metsäklusteri") == [site.pk]

    output = restore(archive, "--no-input")

    assert everything() == before
    assert search("cluster", "vetyklusteri") == [site.pk]
    assert search("cluster", "metsäklusteri") == []
    assert files_in(media) == files_before
    assert entries_in(media) == ["clusters", "clusters/logos", "clusters/logos/vetyklusteri.png"]
    assert "Restored the backup of" in output
    assert "migrate" not in output  # the backup is of these very migrations


@restoring
def test_restore_asks_first_and_goes_on_at_yes(changed_after_backup, monkeypatch):
    archive, before, _files = changed_after_backup
    monkeypatch.setattr("builtins.input", lambda prompt: "yes")

    output = restore(archive)

    assert "This replaces all data in" in output
    assert everything() == before


@restoring
def test_uploads_kept_elsewhere_are_left_out_and_left_alone(settings, media, tmp_path):
    on_disk = settings.STORAGES
    settings.STORAGES = {**on_disk, "default": {"BACKEND": IN_MEMORY_STORAGE}}
    warnings = io.StringIO()
    with translation.override("en"):
        call_command(
            "backup", output=tmp_path / "site.tar.gz", stdout=io.StringIO(), stderr=warnings
        )
    settings.STORAGES = on_disk
    (media / "kept.txt").parent.mkdir(parents=True)
    (media / "kept.txt").write_text("not in the backup")

    output = io.StringIO()
    with translation.override("en"):
        call_command(
            "restore", str(tmp_path / "site.tar.gz"), "--no-input", stdout=output, stderr=warnings
        )

    assert manifest_of(tmp_path / "site.tar.gz")["media"] == "external"
    assert "not stored on this disk" in warnings.getvalue()
    assert "The backup holds no uploaded files" in warnings.getvalue()
    assert "Uploaded files restored" not in output.getvalue()
    assert files_in(media) == {"kept.txt": b"not in the backup"}


@pytest.mark.django_db
def test_manifest_records_what_the_archive_holds(archive):
    manifest = manifest_of(archive)

    assert manifest["format"] == "klusteri-backup"
    assert manifest["format_version"] == 1
    assert manifest["django_version"] == django.get_version()
    assert manifest["database"]["vendor"] == connection.vendor
    applied = MigrationRecorder(connection).migration_qs.filter(app="clusters").order_by("id")
    assert manifest["migrations"]["clusters"] == [m.name for m in applied]
    assert manifest["files"]["media/clusters/logos/logo.png"] == {
        "sha256": hashlib.sha256(png_bytes()).hexdigest(),
        "size": len(png_bytes()),
    }
    with tarfile.open(archive) as tar:
        assert sorted(tar.getnames()) == sorted([*manifest["files"], "manifest.json"])


def test_backup_does_not_overwrite_a_file(tmp_path):
    archive = tmp_path / "site.tar.gz"
    archive.write_bytes(b"keep me")

    with translation.override("en"), pytest.raises(CommandError, match="exists already"):
        call_command("backup", output=archive, stdout=io.StringIO())

    assert archive.read_bytes() == b"keep me"


def sqlite_site(database: Path) -> sqlite3.Connection:
    """A small SQLite database kept as the site keeps its own: WAL mode, Django's table
    of migrations, rows and a full-text index that triggers keep in step."""
    live = sqlite3.connect(database, isolation_level=None)
    live.executescript(
        """
        PRAGMA journal_mode=WAL;
        CREATE TABLE django_migrations (
            id integer NOT NULL PRIMARY KEY AUTOINCREMENT, app varchar(255) NOT NULL,
            name varchar(255) NOT NULL, applied datetime NOT NULL
        );
        INSERT INTO django_migrations (app, name, applied)
            VALUES ('contenttypes', '0001_initial', '2026-11-30 12:00:00');
        CREATE TABLE note (id integer PRIMARY KEY, text text NOT NULL);
        CREATE VIRTUAL TABLE note_fts USING fts5(text, content='note', content_rowid='id');
        CREATE TRIGGER note_insert AFTER INSERT ON note BEGIN
            INSERT INTO note_fts(rowid, text) VALUES (new.id, new.text);
        END;
        CREATE TRIGGER note_delete AFTER DELETE ON note BEGIN
            INSERT INTO note_fts(note_fts, rowid, text) VALUES ('delete', old.id, old.text);
        END;
        """
    )
    live.executemany(
        "INSERT INTO note (text) VALUES (?)", [(f"vetytalous {n}",) for n in range(50)]
    )
    return live


def test_command_line_round_trip_on_a_sqlite_file_in_wal_mode(tmp_path):
    """The real `klusteri` commands on a SQLite file that another connection holds
    open: the backup neither waits for nor includes an open write transaction, and the
    restore replaces the data under an open reader."""
    database, media = tmp_path / "klusteri.sqlite3", tmp_path / "media"
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("KLUSTERI_")},
        "KLUSTERI_DATABASE_URL": f"sqlite:///{database}",
        "KLUSTERI_VAR_DIR": str(tmp_path / "var"),
        "KLUSTERI_MEDIA_ROOT": str(media),
    }

    def klusteri(*arguments: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "klusteri.cli", *arguments],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    live = sqlite_site(database)
    (media / "clusters").mkdir(parents=True)
    (media / "clusters" / "logo.png").write_bytes(png_bytes())
    before = list(live.iterdump())
    live.execute("BEGIN IMMEDIATE")
    live.execute("INSERT INTO note (text) VALUES ('kesken')")

    made = klusteri("backup")

    live.execute("COMMIT")
    assert made.returncode == 0, made.stderr
    (archive,) = (tmp_path / "var" / "backups").iterdir()
    assert re.fullmatch(r"klusteri-\d{8}T\d{6}Z\.tar\.gz", archive.name)
    assert archive.stat().st_mode & 0o777 == 0o600  # personal data: its owner's only
    live.execute("DELETE FROM note WHERE id <= 25")
    (media / "clusters" / "logo.png").write_bytes(b"changed")
    (media / "later.txt").write_text("added after the backup")

    refused = klusteri("restore", str(tmp_path / "missing.tar.gz"), "--no-input")
    restored = klusteri("restore", str(archive), "--no-input")

    assert refused.returncode == 1
    assert "missing.tar.gz" in refused.stderr
    assert restored.returncode == 0, restored.stderr
    assert list(live.iterdump()) == before
    assert live.execute("SELECT count(*) FROM note_fts('vetytalous')").fetchone() == (50,)
    assert live.execute("SELECT count(*) FROM note_fts('kesken')").fetchone() == (0,)
    assert live.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    assert files_in(media) == {"clusters/logo.png": png_bytes()}


# Refusals: each leaves the database and the uploaded files as they were.


@pytest.fixture(scope="module")
def archive(django_db_setup, django_db_blocker, tmp_path_factory) -> Path:
    """One backup of the test database as migrated, with one uploaded file: what the
    refusals alter. Made before any test's transaction begins."""
    folder = tmp_path_factory.mktemp("backup")
    (folder / "media" / "clusters" / "logos").mkdir(parents=True)
    (folder / "media" / "clusters" / "logos" / "logo.png").write_bytes(png_bytes())
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=folder / "media"):
        call_command("backup", output=folder / "site.tar.gz", stdout=io.StringIO())
    return folder / "site.tar.gz"


@pytest.fixture
def unchanged(db, media, make_organisation):
    """The site as it is: some data and a file the archive lacks. Call it after the
    act: it asserts that the site is still as it was."""
    make_organisation("Myöhempi Oy")
    (media / "later.txt").parent.mkdir(parents=True, exist_ok=True)
    (media / "later.txt").write_text("added after the backup")
    rows, entries, files = everything(), entries_in(media), files_in(media)

    def check() -> None:
        assert everything() == rows
        assert entries_in(media) == entries  # no staging folder left behind
        assert files_in(media) == files

    return check


def test_missing_archive_is_refused(unchanged, tmp_path):
    message = refusal(tmp_path / "nothing-here.tar.gz")

    assert "There is no backup file at" in message
    unchanged()


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda data: os.urandom(4096), id="not-an-archive"),
        pytest.param(lambda data: data[: len(data) // 2], id="truncated"),
        pytest.param(lambda data: data[:2000] + bytes(64) + data[2064:], id="garbled-middle"),
    ],
)
def test_damaged_archive_is_refused(archive, unchanged, tmp_path, damage):
    damaged = tmp_path / "damaged.tar.gz"
    damaged.write_bytes(damage(archive.read_bytes()))

    message = refusal(damaged)

    # Damage inside a member's compressed data shows as unreadable or as a checksum
    # mismatch, depending on where the bytes fall.
    assert "is not a readable Klusteri backup" in message or "checksum" in message
    unchanged()


def test_checksum_mismatch_is_refused(archive, unchanged, tmp_path):
    logo = "media/clusters/logos/logo.png"
    altered = rewritten(archive, tmp_path / "altered.tar.gz", members={logo: b"other"})

    message = refusal(altered)

    assert f"The checksum of {logo}" in message
    unchanged()


def test_archive_without_manifest_is_refused(archive, unchanged, tmp_path):
    stripped = rewritten(archive, tmp_path / "stripped.tar.gz", drop={backup.MANIFEST})

    message = refusal(stripped)

    assert "it has no manifest.json" in message
    unchanged()


@pytest.mark.parametrize("name", ["media/../../escaped.txt", "/tmp/absolute.txt", "other.txt"])
def test_member_outside_the_layout_is_refused_and_not_written(archive, unchanged, tmp_path, name):
    hostile = rewritten(archive, tmp_path / "hostile.tar.gz", members={name: b"x"})

    message = refusal(hostile)

    assert "unexpected member" in message
    assert not (tmp_path / "escaped.txt").exists()
    unchanged()


def test_member_not_in_the_manifest_is_refused(archive, unchanged, tmp_path):
    extended = rewritten(archive, tmp_path / "extended.tar.gz", members={"media/x.txt": b"x"})

    message = refusal(extended)

    assert "media/x.txt is not listed in its manifest" in message
    unchanged()


def test_backup_of_another_database_vendor_is_refused(archive, unchanged, tmp_path):
    ours = backup.DATABASE_MEMBERS[connection.vendor]
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    theirs = backup.DATABASE_MEMBERS[other]

    def other_vendor(manifest):
        manifest["files"][theirs] = manifest["files"].pop(ours)
        manifest["database"] = {"vendor": other, "member": theirs}
        return manifest

    with tarfile.open(archive) as tar:
        database = tar.extractfile(ours).read()
    renamed = rewritten(
        archive,
        tmp_path / "other-vendor.tar.gz",
        manifest=other_vendor,
        members={theirs: database},
        drop={ours},
    )

    message = refusal(renamed)

    assert f"The backup is of a {backup.VENDOR_NAMES[other]} database" in message
    unchanged()


def test_backup_from_newer_migrations_is_refused(archive, unchanged, tmp_path):
    def newer(manifest):
        manifest["migrations"]["clusters"].append("0999_from_the_future")
        return manifest

    future = rewritten(archive, tmp_path / "future.tar.gz", manifest=newer)

    message = refusal(future)

    assert "made by a newer version of Klusteri" in message
    assert "clusters.0999_from_the_future" in message
    unchanged()


def test_backup_in_a_newer_format_is_refused(archive, unchanged, tmp_path):
    def newer(manifest):
        manifest["format_version"] = backup.FORMAT_VERSION + 1
        return manifest

    future = rewritten(archive, tmp_path / "future.tar.gz", manifest=newer)

    message = refusal(future)

    assert "format version 2" in message
    unchanged()


@pytest.mark.parametrize("answer", ["no", "", "y"])
def test_restore_declined_changes_nothing(archive, unchanged, monkeypatch, answer):
    monkeypatch.setattr("builtins.input", lambda prompt: answer)

    with translation.override("en"), pytest.raises(CommandError, match="Restore cancelled"):
        call_command("restore", str(archive), stdout=io.StringIO())

    unchanged()


def test_restore_without_a_terminal_needs_no_input_flag(archive, unchanged, monkeypatch):
    def no_terminal(prompt):
        raise EOFError

    monkeypatch.setattr("builtins.input", no_terminal)

    with pytest.raises(CommandError):
        call_command("restore", str(archive), stdout=io.StringIO())

    unchanged()


@on_postgresql
def test_postgresql_restore_refuses_a_database_with_tables_the_backup_lacks(archive, unchanged):
    with connection.cursor() as cursor:  # gone again when the test's transaction rolls back
        cursor.execute("CREATE TABLE backup_test_newer (id integer)")

    message = refusal(archive)

    assert "backup_test_newer" in message
    unchanged()


@on_postgresql
@restoring
def test_postgresql_restore_that_fails_half_way_changes_nothing(archive, unchanged):
    # pg_restore cannot drop a table that a view depends on: it stops at that
    # statement, after it has dropped others, and its one transaction rolls back.
    with connection.cursor() as cursor:
        cursor.execute("CREATE VIEW backup_test_regions AS SELECT * FROM places_region")
    try:
        message = refusal(archive)

        assert "could not be restored and is as it was" in message
        assert "backup_test_regions" in message
        unchanged()
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DROP VIEW backup_test_regions")


def test_postgresql_password_goes_only_into_the_environment(monkeypatch):
    calls = []

    def run(command, **options):
        calls.append((command, options["env"]))
        return subprocess.CompletedProcess(command, 0, stdout="", stderr="")

    monkeypatch.setattr(subprocess, "run", run)

    class Connection:
        settings_dict = {
            "NAME": "klusteri",
            "USER": "app",
            "PASSWORD": "s3cret-Passw0rd",
            "HOST": "db.internal",
            "PORT": 5433,
            "OPTIONS": {"sslmode": "verify-full"},
        }

    backup._run_postgresql_client("pg_restore", Connection(), ["--list", "dump"])

    ((command, env),) = calls
    assert command == [
        "pg_restore",
        "--no-password",
        "--host=db.internal",
        "--port=5433",
        "--username=app",
        "--list",
        "dump",
    ]
    assert not any("s3cret" in part for part in command)
    assert (env["PGPASSWORD"], env["PGSSLMODE"]) == ("s3cret-Passw0rd", "verify-full")


def test_missing_postgresql_client_is_a_clear_error(monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")

    class Connection:
        settings_dict = {"NAME": "klusteri", "OPTIONS": {}}

    with translation.override("en"), pytest.raises(backup.BackupError, match="was not found"):
        backup._run_postgresql_client("pg_dump", Connection(), [])
