"""``klusteri prune``: what has outlived the privacy page's periods goes, the rest stays."""

import datetime
import uuid
from io import StringIO

import pytest
import time_machine
from django.contrib.sessions.backends.file import SessionStore as FileSessionStore
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.utils import translation
from django_tasks_db.models import DBTaskResult

from klusteri.audit import retention
from klusteri.audit.models import AppendOnlyError, AuditEntry
from klusteri.audit.services import log_action
from klusteri.core import privacy_notice
from klusteri.core.models import SentMail

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 11, 30, 3, 0, tzinfo=datetime.UTC)
DAY = datetime.timedelta(days=1)
# Just past the audit period (6 years and a day) and just within it.
AUDIT_OLD = datetime.datetime(2020, 11, 29, 3, 0, tzinfo=datetime.UTC)
AUDIT_YOUNG = datetime.datetime(2020, 12, 1, 3, 0, tzinfo=datetime.UTC)
MAIL_OLD = NOW - (privacy_notice.SENT_EMAIL_RETENTION_DAYS + 1) * DAY
MAIL_YOUNG = NOW - (privacy_notice.SENT_EMAIL_RETENTION_DAYS - 1) * DAY


@pytest.fixture
def now():
    with time_machine.travel(NOW, tick=False):
        yield NOW


def audit_entry(record, action: str, *, at: datetime.datetime) -> AuditEntry:
    with time_machine.travel(at, tick=False):
        return log_action(record, action, by=None)


def task_result(*, status: str, finished_at: datetime.datetime | None) -> DBTaskResult:
    return DBTaskResult.objects.create(
        status=status,
        finished_at=finished_at,
        args_kwargs={"args": [], "kwargs": {"to": ["essi@example.org"]}},
        task_path="klusteri.accounts.tasks.send_email",
        backend_name="default",
        run_after=NOW - 40 * DAY,
        exception_class_path="",
        traceback="",
    )


def sent_mail(*, at: datetime.datetime) -> SentMail:
    with time_machine.travel(at, tick=False):
        return SentMail.objects.create(message_id=f"<{uuid.uuid4()}@klusteri.fi>")


def session(*, expires: datetime.datetime) -> Session:
    return Session.objects.create(
        session_key=uuid.uuid4().hex, session_data="", expire_date=expires
    )


@pytest.fixture
def records(host_organisation, now):
    """One row of each kind just past its period and one just within it."""
    return {
        "old": [
            audit_entry(host_organisation, "test.old", at=AUDIT_OLD),
            session(expires=NOW - datetime.timedelta(seconds=1)),
            task_result(status="SUCCESSFUL", finished_at=MAIL_OLD),
            task_result(status="FAILED", finished_at=MAIL_OLD),
            sent_mail(at=MAIL_OLD),
        ],
        "young": [
            audit_entry(host_organisation, "test.young", at=AUDIT_YOUNG),
            session(expires=NOW + DAY),
            task_result(status="SUCCESSFUL", finished_at=MAIL_YOUNG),
            # Waiting or running: not finished, however old, so never pruned.
            task_result(status="READY", finished_at=None),
            task_result(status="RUNNING", finished_at=None),
            sent_mail(at=MAIL_YOUNG),
        ],
    }


def exists(row) -> bool:
    return type(row).objects.filter(pk=row.pk).exists()


def test_prune_deletes_what_outlived_its_period_and_keeps_the_rest(records):
    counts = retention.prune()

    assert counts == {"audit_entries": 1, "sessions": 1, "task_results": 2, "sent_mail": 1}
    assert not any(exists(row) for row in records["old"])
    assert all(exists(row) for row in records["young"])


def test_prune_logs_one_entry_with_the_counts_only(records):
    retention.prune()

    entry = AuditEntry.objects.get(action="core.retention.pruned")
    assert entry.actor is None
    assert entry.data == {"audit_entries": 1, "sessions": 1, "task_results": 2, "sent_mail": 1}


def test_pruning_again_deletes_nothing_and_logs_nothing(records):
    retention.prune()
    remaining = AuditEntry.objects.count()

    assert retention.prune() == {
        "audit_entries": 0,
        "sessions": 0,
        "task_results": 0,
        "sent_mail": 0,
    }
    assert AuditEntry.objects.count() == remaining
    assert all(exists(row) for row in records["young"])


def test_prune_goes_in_batches(host_organisation, now, monkeypatch):
    monkeypatch.setattr(retention, "BATCH_SIZE", 2)
    old = [audit_entry(host_organisation, "test.old", at=AUDIT_OLD) for _ in range(5)]
    young = audit_entry(host_organisation, "test.young", at=AUDIT_YOUNG)

    assert retention.prune()["audit_entries"] == 5
    assert not any(exists(entry) for entry in old)
    assert exists(young)


def test_dry_run_counts_and_deletes_nothing(records):
    out = StringIO()

    with translation.override("en"):
        call_command("prune", "--dry-run", stdout=out)

    assert out.getvalue().splitlines() == [
        "Dry run: nothing was deleted. Would delete:",
        "  audit entries: 1",
        "  expired sessions: 1",
        "  finished task results: 2",
        "  sent-mail records: 1",
    ]
    assert all(exists(row) for row in records["old"] + records["young"])
    assert not AuditEntry.objects.filter(action="core.retention.pruned").exists()


def test_command_prints_what_it_deleted(records):
    out = StringIO()

    with translation.override("en"):
        call_command("prune", stdout=out)

    assert out.getvalue().splitlines() == [
        "Deleted:",
        "  audit entries: 1",
        "  expired sessions: 1",
        "  finished task results: 2",
        "  sent-mail records: 1",
    ]
    assert not any(exists(row) for row in records["old"])


def test_sessions_outside_the_database_are_cleared_by_their_store(settings, tmp_path):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.file"
    settings.SESSION_FILE_PATH = str(tmp_path)
    expired, current = FileSessionStore(), FileSessionStore()
    for store, expiry in [(expired, NOW - DAY), (current, NOW + DAY)]:
        store["visited"] = True
        store.set_expiry(expiry)
        store.save()

    with time_machine.travel(NOW, tick=False):
        counts = retention.prune()

    assert counts["sessions"] is None
    assert not FileSessionStore().exists(expired.session_key)
    assert FileSessionStore().exists(current.session_key)


def test_the_audit_trail_still_refuses_ordinary_deletes_and_updates(host_organisation, now):
    old = audit_entry(host_organisation, "test.old", at=AUDIT_OLD)

    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=old.pk).delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=old.pk).update(action="test.forged")
    with pytest.raises(AppendOnlyError):
        old.delete()
    assert AuditEntry.objects.get(pk=old.pk).action == "test.old"


def test_prune_older_than_keeps_entries_from_the_cutoff_on(host_organisation, now):
    old = audit_entry(host_organisation, "test.old", at=AUDIT_OLD)
    at_cutoff = audit_entry(host_organisation, "test.at-cutoff", at=AUDIT_OLD + DAY)

    assert AuditEntry.objects.prune_older_than(AUDIT_OLD + DAY) == 1
    assert not exists(old)
    assert exists(at_cutoff)


def test_the_audit_period_counts_calendar_years():
    leap_day = datetime.datetime(2028, 2, 29, tzinfo=datetime.UTC)

    assert retention.audit_cutoff(NOW) == datetime.datetime(2020, 11, 30, 3, 0, tzinfo=datetime.UTC)
    assert retention.years_before(leap_day, 6) == datetime.datetime(
        2022, 2, 28, tzinfo=datetime.UTC
    )
