"""Deleting what has outlived the retention periods on the privacy page.

``klusteri prune`` runs ``prune()`` daily (docs/deployment.md). The periods are those
of ``core.privacy_notice``, the figures the privacy page states:

- audit entries: ``AUDIT_RETENTION_YEARS`` after they were written;
- sessions: when they expire (Django's ``clearsessions``), at most
  ``SESSION_COOKIE_AGE`` after the last request;
- finished task results: ``SENT_EMAIL_RETENTION_DAYS`` after they finished, because
  queued mail (address and text) lives in them;
- sent-mail records (Message-IDs that stop a retry from sending twice):
  ``SENT_EMAIL_RETENTION_DAYS`` after sending.

Rows go in batches, each in its own transaction, so that a large first run neither
holds long locks nor loses its progress if it stops. Running again deletes nothing
more: pruning is idempotent.

It lives in the audit app, not in core, because it prunes the trail and records each
pruning in it: core is the layer below audit (docs/architecture.md, "Layers"). The
entry's action keeps its first name, ``core.retention.pruned``.
"""

from collections.abc import Callable
from datetime import datetime, timedelta
from importlib import import_module

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from klusteri.audit.models import AuditEntry
from klusteri.audit.services import log_action
from klusteri.core import privacy_notice
from klusteri.core.models import SentMail

BATCH_SIZE = 1000

# What is pruned, in the order reported. A count is None when the session store
# keeps sessions outside the database and clears them without telling how many.
PrunedCounts = dict[str, int | None]


def years_before(moment: datetime, years: int) -> datetime:
    try:
        return moment.replace(year=moment.year - years)
    except ValueError:  # 29 February, in a year without one
        return moment.replace(year=moment.year - years, day=28)


def audit_cutoff(now: datetime) -> datetime:
    return years_before(now, privacy_notice.AUDIT_RETENTION_YEARS)


def mail_cutoff(now: datetime) -> datetime:
    return now - timedelta(days=privacy_notice.SENT_EMAIL_RETENTION_DAYS)


def _session_store():
    return import_module(settings.SESSION_ENGINE).SessionStore


def _expired_sessions(now: datetime) -> QuerySet | None:
    """Expired sessions, when the session store keeps them in the database."""
    store = _session_store()
    if not issubclass(store, DatabaseSessionStore):
        return None
    return store.get_model_class().objects.filter(expire_date__lt=now)


def _outlived(now: datetime) -> dict[str, QuerySet | None]:
    return {
        "audit_entries": AuditEntry.objects.filter(created_at__lt=audit_cutoff(now)),
        "sessions": _expired_sessions(now),
        "task_results": DBTaskResult.objects.finished().filter(finished_at__lt=mail_cutoff(now)),
        "sent_mail": SentMail.objects.filter(sent_at__lt=mail_cutoff(now)),
    }


def _delete_in_batches(queryset: QuerySet, delete: Callable[[QuerySet], int]) -> int:
    deleted = 0
    while True:
        with transaction.atomic():
            batch = list(queryset.values_list("pk", flat=True)[:BATCH_SIZE])
            if not batch:
                return deleted
            deleted += delete(queryset.filter(pk__in=batch))


def count_outlived(now: datetime | None = None) -> PrunedCounts:
    """What ``prune()`` would delete now: changes nothing."""
    now = now or timezone.now()
    return {
        name: None if queryset is None else queryset.count()
        for name, queryset in _outlived(now).items()
    }


def prune(now: datetime | None = None) -> PrunedCounts:
    """Delete what has outlived its retention period and return how many rows went.

    When anything went, one audit entry records the counts (nothing else)."""
    now = now or timezone.now()
    cutoff = audit_cutoff(now)
    counts: PrunedCounts = {}
    for name, queryset in _outlived(now).items():
        if name == "audit_entries":
            # The only deletion of audit entries there is (see ``AuditEntry``).
            counts[name] = _delete_in_batches(
                queryset, lambda batch: batch.prune_older_than(cutoff)
            )
        elif queryset is None:
            # Sessions outside the database: the store's own clean-up, as clearsessions.
            _session_store().clear_expired()
            counts[name] = None
        else:
            counts[name] = _delete_in_batches(queryset, lambda batch: batch.delete()[0])
    if any(counts.values()):
        log_action(
            ContentType.objects.get_for_model(AuditEntry),
            "core.retention.pruned",
            by=None,
            data=counts,
        )
    return counts
