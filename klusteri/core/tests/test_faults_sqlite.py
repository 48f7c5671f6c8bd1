"""Faults: SQLite under concurrent writers gives nobody "database is locked".

SQLite lets one writer in at a time. The settings make each transaction take the
write lock when it begins (``transaction_mode: IMMEDIATE``) and wait for it
(``timeout``), in WAL mode, so that writers queue instead of failing; with
SQLite's default deferred transactions a transaction that reads first and then
writes fails at once when another has written in between. Eight threads with a
connection each make twenty service calls each, every one reading and then
writing, on a database file of their own.
"""

import pytest
from django.conf import settings
from django.db import connection

from klusteri.core.tests.faults_support import in_processes

pytest_plugins = ["klusteri.core.tests.faults_support"]

pytestmark = pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="SQLite's single-writer locking; PostgreSQL locks rows and has no such error",
)

THREADS = 8
CALLS = 20


def test_sqlite_waits_for_the_write_lock_in_wal_mode():
    options = settings.DATABASES["default"]["OPTIONS"]

    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] >= 5
    assert "journal_mode=WAL" in options["init_command"]


@in_processes
def test_concurrent_writers_get_no_database_is_locked_errors(scratch_databases):
    database = scratch_databases.new("concurrent_writers")

    result = database.script("write-concurrently", str(THREADS), str(CALLS))

    assert result["errors"] == []
    # Half the calls add a member (two audit entries), half rename (one).
    assert result["memberships"] == THREADS * CALLS // 2
    assert result["audit"] == THREADS * CALLS // 2 * 3
