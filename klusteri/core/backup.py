"""Backups of the whole site: the database and the uploaded files in one archive.

``klusteri backup`` writes one, ``klusteri restore`` puts one back (docs/deployment.md).
An archive is a gzip-compressed tar file holding

- ``database.sqlite3`` (SQLite, copied with SQLite's online backup API) or
  ``database.pgdump`` (PostgreSQL, ``pg_dump --format=custom``);
- ``media/…``: every uploaded file, when uploads are stored on this disk;
- ``manifest.json``: the format, when and by which Django it was made, the database
  vendor, the applied migrations of each app and the SHA-256 of every other member.

A restore reads and checks the whole archive before it changes anything: every
refusal (unreadable archive, checksum mismatch, other database vendor, migrations
this code does not know) leaves the site as it was. The database is then replaced
in one transaction, and the uploaded files by renames within the media folder.
"""

import gzip
import hashlib
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import django
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.files.storage import FileSystemStorage, storages
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.postgresql.client import DatabaseClient as PostgreSQLClient
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone
from django.utils.translation import gettext as _

FORMAT = "klusteri-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MEDIA_PREFIX = "media/"
DATABASE_MEMBERS = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
VENDOR_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
# A restore stages the uploaded files in a folder of this name inside the media
# folder, so that moving them into place is a rename on the same disk; a backup
# running meanwhile leaves such folders out.
STAGING_PREFIX = ".klusteri-restore-"
CHUNK_SIZE = 1024 * 1024
# `pg_restore --list` names each table as "<id>; <oid> <oid> TABLE <schema> <name> <owner>".
TOC_TABLE = re.compile(r"^\d+; \d+ \d+ TABLE (?!DATA )(?P<schema>\S+) (?P<name>\S+) ", re.MULTILINE)


class BackupError(Exception):
    """A backup cannot be written or restored; the message says why. Nothing has changed,
    except when the uploaded files fail to move after the database was restored, which
    the message then says."""


@dataclass(frozen=True)
class WrittenBackup:
    path: Path
    size: int
    media_files: int | None  # None: uploads are not stored on this disk


@dataclass
class OpenedBackup:
    """An archive read and checked, its members unpacked beside the site, ready to restore."""

    path: Path
    manifest: dict[str, Any]
    database: Path
    media: Path | None  # the uploaded files, staged inside the media folder; None: leave it
    warnings: list[str] = field(default_factory=list)

    @property
    def vendor(self) -> str:
        return self.manifest["database"]["vendor"]

    @property
    def created_at(self) -> str:
        return self.manifest["created_at"]


@dataclass(frozen=True)
class RestoredBackup:
    media_restored: bool
    pending_migrations: int  # migrations of this code the restored database has not applied


def media_root() -> Path | None:
    """The folder of uploaded files, or None when they are not on this disk (object storage)."""
    storage = storages["default"]
    return Path(storage.location) if isinstance(storage, FileSystemStorage) else None


def default_output() -> Path:
    stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
    return Path(settings.VAR_DIR) / "backups" / f"klusteri-{stamp}.tar.gz"


def describe_database(connection: BaseDatabaseWrapper) -> str:
    """The database as a person recognises it; never with its password."""
    params = connection.settings_dict
    if connection.vendor == "sqlite":
        return str(params["NAME"])
    host = params.get("HOST") or "localhost"
    port = f":{params['PORT']}" if params.get("PORT") else ""
    return f"{params['NAME']} ({VENDOR_NAMES['postgresql']}, {host}{port})"


# Writing


def write_backup(output: Path | None = None, *, using: str = DEFAULT_DB_ALIAS) -> WrittenBackup:
    """Write the database and the uploaded files to one new archive at ``output``.

    Safe while the site runs: the database copy is one consistent snapshot. The
    uploaded files are read after it, so a file the snapshot refers to is there
    unless it was deleted during the backup.
    """
    connection = connections[using]
    vendor = connection.vendor
    if vendor not in DATABASE_MEMBERS:
        raise BackupError(
            _("Backups support SQLite and PostgreSQL, not %(vendor)s.") % {"vendor": vendor}
        )
    output = Path(output) if output else default_output()
    if output.exists():
        raise BackupError(
            _("%(path)s exists already: give another file with --output.") % {"path": output}
        )
    output.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    media = media_root()
    with tempfile.TemporaryDirectory(prefix="klusteri-backup-") as work:
        database = Path(work) / DATABASE_MEMBERS[vendor]
        if vendor == "sqlite":
            migrations = _copy_sqlite(connection, database)
        else:
            migrations = _dump_postgresql(connection, database)
        # Written under a temporary name and renamed when complete, so that a file with
        # the final name is always a whole archive. mkstemp makes it readable by its
        # owner only: a backup holds personal data and password hashes.
        descriptor, partial = tempfile.mkstemp(
            dir=output.parent, prefix=f".{output.name}.", suffix=".partial"
        )
        try:
            with os.fdopen(descriptor, "wb") as raw:
                with tarfile.open(fileobj=raw, mode="w:gz", compresslevel=6) as tar:
                    files = {database.name: _add_file(tar, database, database.name)}
                    media_count = None
                    if media is not None:
                        media_count = 0
                        for path, name in _media_files(media):
                            try:
                                files[name] = _add_file(tar, path, name)
                            except FileNotFoundError:
                                continue  # deleted since the folder was listed
                            media_count += 1
                    manifest = {
                        "format": FORMAT,
                        "format_version": FORMAT_VERSION,
                        "created_at": timezone.now().isoformat(),
                        "django_version": django.get_version(),
                        "database": {"vendor": vendor, "member": database.name},
                        "migrations": migrations,
                        "media": "included" if media is not None else "external",
                        "files": files,
                    }
                    _add_bytes(tar, MANIFEST, json.dumps(manifest, indent=2).encode())
                raw.flush()
                os.fsync(raw.fileno())
            os.replace(partial, output)
        except BaseException:
            Path(partial).unlink(missing_ok=True)
            raise
    return WrittenBackup(path=output, size=output.stat().st_size, media_files=media_count)


def _copy_sqlite(connection: BaseDatabaseWrapper, target: Path) -> dict[str, list[str]]:
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        # All pages in one step: a consistent snapshot of the committed data. In WAL
        # mode the site's writers go on meanwhile; only a checkpoint waits.
        connection.connection.backup(copy)
        # One self-contained file, without a -wal beside it.
        copy.execute("PRAGMA journal_mode=DELETE")
        return _applied_migrations(copy.cursor())
    except sqlite3.Error as error:
        raise BackupError(
            _("The database could not be copied: %(error)s") % {"error": error}
        ) from error
    finally:
        copy.close()


def _dump_postgresql(connection: BaseDatabaseWrapper, target: Path) -> dict[str, list[str]]:
    # pg_dump reads the snapshot that this transaction exports, so the migrations
    # written to the manifest are exactly those of the dump.
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        cursor.execute("SELECT pg_export_snapshot()")
        (snapshot,) = cursor.fetchone()
        migrations = _applied_migrations(cursor)
        _run_postgresql_client(
            "pg_dump",
            connection,
            [
                "--format=custom",
                f"--snapshot={snapshot}",
                f"--file={target}",
                f"--dbname={connection.settings_dict['NAME']}",
            ],
        )
    return migrations


def _applied_migrations(cursor) -> dict[str, list[str]]:
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY id")
    applied: dict[str, list[str]] = {}
    for app, name in cursor.fetchall():
        applied.setdefault(app, []).append(name)
    return applied


def _media_files(root: Path) -> Iterator[tuple[Path, str]]:
    """Every regular file under ``root`` (no links), with its name in the archive."""
    for directory, subdirectories, filenames in os.walk(root):
        subdirectories[:] = sorted(d for d in subdirectories if not d.startswith(STAGING_PREFIX))
        for filename in sorted(filenames):
            path = Path(directory, filename)
            if path.is_file() and not path.is_symlink():
                yield path, MEDIA_PREFIX + path.relative_to(root).as_posix()


class _HashingReader:
    """Hands a file to tarfile and hashes exactly the bytes that went into the archive."""

    def __init__(self, file) -> None:
        self.file = file
        self.sha256 = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data = self.file.read(size)
        self.sha256.update(data)
        return data


def _add_file(tar: tarfile.TarFile, path: Path, name: str) -> dict[str, Any]:
    with path.open("rb") as file:
        info = tar.gettarinfo(arcname=name, fileobj=file)
        reader = _HashingReader(file)
        tar.addfile(info, reader)
    return {"sha256": reader.sha256.hexdigest(), "size": info.size}


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(timezone.now().timestamp())
    info.mode = 0o600
    tar.addfile(info, io.BytesIO(data))


# Reading and checking


@contextmanager
def open_backup(path: Path, *, using: str = DEFAULT_DB_ALIAS) -> Iterator[OpenedBackup]:
    """Unpack and check the archive at ``path``; every refusal is raised here, before
    anything changes. The unpacked files are removed when the block ends."""
    connection = connections[using]
    path = Path(path)
    if not path.is_file():
        raise BackupError(_("There is no backup file at %(path)s.") % {"path": path})
    media = media_root()
    with tempfile.TemporaryDirectory(prefix="klusteri-restore-") as work_name:
        work = Path(work_name)
        staging = None
        created_media = media is not None and not media.exists()
        try:
            if media is not None:
                media.mkdir(parents=True, exist_ok=True)
                staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=media))
            found = _unpack(path, work, staging or work / "media")
            manifest = _read_manifest(path, work / MANIFEST)
            _check_members(path, manifest, found)
            _check_vendor(manifest, connection)
            _check_migrations(manifest)
            database = work / manifest["database"]["member"]
            if manifest["database"]["vendor"] == "sqlite":
                _check_sqlite_file(path, database)
            else:
                _check_pgdump(path, database, connection)
            backup = OpenedBackup(path=path, manifest=manifest, database=database, media=staging)
            if manifest["media"] != "included":
                backup.media = None
                backup.warnings.append(
                    _("The backup holds no uploaded files: those in %(media)s stay as they are.")
                    % {"media": media or "-"}
                )
            elif media is None:
                backup.warnings.append(
                    _(
                        "Uploaded files are not stored on this disk, so the backup's files are "
                        "not restored: copy them from its media/ folder to the storage yourself."
                    )
                )
            yield backup
        finally:
            if staging is not None:
                shutil.rmtree(staging, ignore_errors=True)
            if created_media and not any(media.iterdir()):
                media.rmdir()  # a refused restore leaves no trace


def _damaged(path: Path, reason: str) -> BackupError:
    return BackupError(
        _("%(path)s is not a readable Klusteri backup: %(reason)s")
        % {"path": path, "reason": reason}
    )


def _member_target(name: str, work: Path, media: Path) -> Path | None:
    """Where an archive member is unpacked to; None for a name a backup never has."""
    if name == MANIFEST or name in DATABASE_MEMBERS.values():
        return work / name
    if name.startswith(MEDIA_PREFIX):
        relative = PurePosixPath(name.removeprefix(MEDIA_PREFIX))
        parts = relative.parts
        if parts and not relative.is_absolute() and ".." not in parts:
            return media.joinpath(*parts)
    return None


def _unpack(path: Path, work: Path, media: Path) -> dict[str, dict[str, Any]]:
    """Unpack every member, hashing it as it is written. Only the names a backup has
    are accepted, and only regular files: nothing lands outside ``work`` and ``media``."""
    found: dict[str, dict[str, Any]] = {}
    try:
        with tarfile.open(path, "r:*") as tar:
            for member in tar:
                if member.isdir():
                    continue
                target = _member_target(member.name, work, media)
                if target is None or not member.isfile() or member.name in found:
                    raise _damaged(path, _("unexpected member %(name)s") % {"name": member.name})
                target.parent.mkdir(parents=True, exist_ok=True)
                source = tar.extractfile(member)
                digest = hashlib.sha256()
                with target.open("xb") as out:
                    while chunk := source.read(CHUNK_SIZE):
                        digest.update(chunk)
                        out.write(chunk)
                found[member.name] = {"sha256": digest.hexdigest(), "size": member.size}
    except (tarfile.TarError, EOFError, zlib.error, gzip.BadGzipFile) as error:
        raise _damaged(path, str(error) or type(error).__name__) from error
    return found


def _read_manifest(path: Path, manifest_file: Path) -> dict[str, Any]:
    if not manifest_file.is_file():
        raise _damaged(path, _("it has no manifest.json"))
    try:
        manifest = json.loads(manifest_file.read_text("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise _damaged(path, _("its manifest.json is not valid JSON")) from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise _damaged(path, _("its manifest.json is not a Klusteri backup manifest"))
    version = manifest.get("format_version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise BackupError(
            _(
                "The backup is in format version %(version)s; this version of Klusteri reads "
                "up to %(supported)d. Restore it with the version that made it."
            )
            % {"version": version, "supported": FORMAT_VERSION}
        )
    try:
        vendor = manifest["database"]["vendor"]
        valid = (
            manifest["database"]["member"] == DATABASE_MEMBERS[vendor]
            and isinstance(manifest["created_at"], str)
            and isinstance(manifest["media"], str)
            and all(
                isinstance(entry["sha256"], str) and isinstance(entry["size"], int)
                for entry in manifest["files"].values()
            )
            and all(
                isinstance(names, list) and all(isinstance(name, str) for name in names)
                for names in manifest["migrations"].values()
            )
        )
    except (KeyError, TypeError, AttributeError):
        valid = False
    if not valid:
        raise _damaged(path, _("its manifest.json lacks or garbles required fields"))
    return manifest


def _check_members(path: Path, manifest: dict[str, Any], found: dict[str, dict]) -> None:
    listed = manifest["files"]
    unpacked = {name: entry for name, entry in found.items() if name != MANIFEST}
    missing = sorted(listed.keys() - unpacked.keys())
    if missing or manifest["database"]["member"] not in listed:
        raise _damaged(
            path,
            _("it lacks %(names)s, listed in its manifest")
            % {"names": ", ".join(missing) or manifest["database"]["member"]},
        )
    unlisted = sorted(unpacked.keys() - listed.keys())
    if unlisted:
        raise _damaged(
            path,
            _("%(names)s is not listed in its manifest") % {"names": ", ".join(unlisted)},
        )
    mismatched = sorted(
        name
        for name, entry in unpacked.items()
        if (entry["sha256"], entry["size"]) != (listed[name]["sha256"], listed[name]["size"])
    )
    if mismatched:
        raise BackupError(
            _(
                "The checksum of %(names)s in %(path)s does not match its manifest: the "
                "archive is damaged or was altered."
            )
            % {"names": ", ".join(mismatched), "path": path}
        )


def _check_vendor(manifest: dict[str, Any], connection: BaseDatabaseWrapper) -> None:
    vendor = manifest["database"]["vendor"]
    if vendor != connection.vendor:
        raise BackupError(
            _(
                "The backup is of a %(backup)s database, but this site uses %(site)s. "
                "Restore it into a %(backup)s database."
            )
            % {
                "backup": VENDOR_NAMES[vendor],
                "site": VENDOR_NAMES.get(connection.vendor, connection.vendor),
            }
        )


def _check_migrations(manifest: dict[str, Any]) -> None:
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    unknown = [
        f"{app}.{name}"
        for app, names in sorted(manifest["migrations"].items())
        for name in names
        if (app, name) not in known
    ]
    if unknown:
        raise BackupError(
            _(
                "The backup was made by a newer version of Klusteri (Django %(django)s): this "
                "version does not know its migrations %(migrations)s. Restore it with the "
                "version that made it."
            )
            % {"django": manifest.get("django_version", "?"), "migrations": ", ".join(unknown)}
        )


def _check_sqlite_file(path: Path, database: Path) -> None:
    try:
        with _read_only_sqlite(database) as source:
            result = source.execute("PRAGMA quick_check").fetchall()
    except sqlite3.Error as error:
        raise _damaged(path, str(error)) from error
    if result != [("ok",)]:
        raise _damaged(path, "; ".join(row[0] for row in result[:5]))


def _check_pgdump(path: Path, database: Path, connection: BaseDatabaseWrapper) -> None:
    try:
        listing = _run_postgresql_client("pg_restore", connection, ["--list", str(database)])
    except BackupError as error:
        raise _damaged(path, str(error)) from error
    # pg_restore --clean drops and recreates only what the dump holds: a table from
    # newer migrations would stay, and the restored site would not match the backup.
    dumped = {match["name"] for match in TOC_TABLE.finditer(listing)}
    extra = sorted(set(connection.introspection.table_names()) - dumped)
    if extra:
        raise BackupError(
            _(
                "The database has tables the backup does not: %(tables)s. A restore would "
                "leave them as they are. Restore into an empty database instead "
                "(docs/deployment.md, “Restore”)."
            )
            % {"tables": ", ".join(extra)}
        )


# Restoring


def restore_backup(backup: OpenedBackup, *, using: str = DEFAULT_DB_ALIAS) -> RestoredBackup:
    """Replace the database and the uploaded files with those of ``backup``.

    The database is replaced in one transaction; if that fails, nothing changed. The
    uploaded files follow by renames inside the media folder.
    """
    connection = connections[using]
    if backup.vendor == "sqlite":
        _restore_sqlite(backup.database, connection)
    else:
        _restore_postgresql(backup.database, connection)
    if backup.media is not None:
        _replace_media(backup.media, media_root())
    # Cached pages and lookups describe the data as it was before.
    ContentType.objects.clear_cache()
    cache.clear()
    executor = MigrationExecutor(connection)
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return RestoredBackup(media_restored=backup.media is not None, pending_migrations=len(pending))


@contextmanager
def _read_only_sqlite(path: Path) -> Iterator[sqlite3.Connection]:
    source = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        yield source
    finally:
        source.close()


def _restore_sqlite(database: Path, connection: BaseDatabaseWrapper) -> None:
    # SQLite's backup API copies the file into the live database in one write
    # transaction: readers see the old data or the new, and a failure leaves the old.
    # Renaming the file into place instead would pair it with the live database's
    # -wal and -shm files and break connections that have it open.
    connection.ensure_connection()
    try:
        with _read_only_sqlite(database) as source:
            source.backup(connection.connection)
    except sqlite3.Error as error:
        raise BackupError(
            _("The database could not be restored and is as it was: %(error)s") % {"error": error}
        ) from error


def _restore_postgresql(database: Path, connection: BaseDatabaseWrapper) -> None:
    # One transaction: if any statement fails, pg_restore rolls all of them back.
    try:
        _run_postgresql_client(
            "pg_restore",
            connection,
            [
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--exit-on-error",
                f"--dbname={connection.settings_dict['NAME']}",
                str(database),
            ],
        )
    except BackupError as error:
        raise BackupError(
            _("The database could not be restored and is as it was: %(error)s") % {"error": error}
        ) from error


def _replace_media(staging: Path, root: Path) -> None:
    """Move the current files aside and the restored ones in. Every move is a rename
    within the media folder, so none needs space or can cross disks; if one fails
    anyway, the moves done so far are undone."""
    aside = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=root))
    moved_aside: list[str] = []
    moved_in: list[str] = []
    try:
        for entry in sorted(root.iterdir()):
            if not entry.name.startswith(STAGING_PREFIX):
                entry.rename(aside / entry.name)
                moved_aside.append(entry.name)
        for entry in sorted(staging.iterdir()):
            entry.rename(root / entry.name)
            moved_in.append(entry.name)
    except OSError as error:
        for name in moved_in:
            (root / name).rename(staging / name)
        for name in moved_aside:
            (aside / name).rename(root / name)
        aside.rmdir()
        raise BackupError(
            _(
                "The database was restored, but the uploaded files could not be replaced "
                "(%(error)s); those in %(media)s are as they were."
            )
            % {"error": error, "media": root}
        ) from error
    shutil.rmtree(aside)


# PostgreSQL's client programs


def _run_postgresql_client(program: str, connection: BaseDatabaseWrapper, arguments) -> str:
    """Run pg_dump or pg_restore with the site's connection settings: host, port and
    user on the command line, the password and TLS settings only in the environment."""
    params = connection.settings_dict
    command = [program, "--no-password"]
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if params.get(key):
            command.append(f"{option}={params[key]}")
    client_env = PostgreSQLClient.settings_to_cmd_args_env(params, [])[1]
    try:
        completed = subprocess.run(  # noqa: S603 - fixed programs, arguments from settings
            [*command, *arguments],
            env={**os.environ, **(client_env or {})},
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            check=False,
        )
    except FileNotFoundError as error:
        raise BackupError(
            _(
                "%(program)s was not found: install PostgreSQL's client programs of the "
                "server's major version (Debian: postgresql-client)."
            )
            % {"program": program}
        ) from error
    if completed.returncode != 0:
        raise BackupError(
            _("%(program)s failed: %(error)s")
            % {"program": program, "error": completed.stderr.strip()}
        )
    return completed.stdout
