"""Reminders and digests, one mechanism for every section.

An app that reminds people has a ``reminders.py`` with a function

    def due(now: datetime) -> Iterable[Due]

that says, from the data as they are at ``now``, which messages are due: "the
deadline of a call you follow is in 14 days", "the weekly digest of your saved
search". ``send_due`` asks every app and sends each message whose ``key`` has not
been sent before. Nothing is scheduled in advance: a deadline or an event that
moves is reminded of at its new time, and one that is cancelled not at all,
because the next sweep only sees the data as they are then.

The key names the occasion: the kind of message, the object, the person and the
moment it is about (``funding:deadline:14d:call=5:at=2026-12-20T15:00:00Z:user=3``).
A ``SentReminder`` row holds each key sent, so the same occasion is never
reminded twice, also when two sweeps run at once (the key is unique). A moved
deadline makes a new key and so a new reminder.

**Housekeeping.** Some state changes are caused by time alone: an offer of a seat
that was not accepted in time lapses and passes to the next person. An app's
``reminders.py`` may define

    def housekeeping(now: datetime) -> None

which ``send_due`` runs for every app before asking any for its messages, so that
the messages are decided from the data as time has left them. It must be safe to
run again at any moment (each sweep runs it) and do its writes in its own
transactions through the app's services.

``klusteri send_reminders`` runs a sweep (``--every SECONDS`` again and again; cron
or a systemd timer in production, ``make run`` beside the task worker). The mail
itself goes through ``core.mail.send_to``: in the person's language, from the
task worker, after the commit.
"""

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from importlib import import_module
from types import ModuleType
from typing import Any

from django.apps import apps
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import module_has_submodule

from klusteri.core.mail import send_to
from klusteri.core.models import SentReminder

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Due:
    """One message that is due: to ``user``, the mail templates of ``template``
    (``core.mail.send_to``) with ``context`` and the extra mail ``headers``
    (``List-Unsubscribe``). ``on_sent`` runs in the transaction that records the
    message as sent (a digest moves its "reported until" there)."""

    key: str
    user: Any
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    on_sent: Callable[[], None] | None = None
    headers: dict[str, str] = field(default_factory=dict)


def modules() -> list[ModuleType]:
    """The ``reminders`` modules of the installed apps, in ``INSTALLED_APPS`` order;
    not this one, core's own, which is the mechanism and reminds of nothing."""
    return [
        import_module(f"{config.name}.reminders")
        for config in apps.get_app_configs()
        if module_has_submodule(config.module, "reminders")
        and f"{config.name}.reminders" != __name__
    ]


def send_due(now: datetime | None = None) -> int:
    """Run every app's ``housekeeping(now)``, then send every message that is due at
    ``now`` and has not been sent; the number sent."""
    now = now or timezone.now()
    for module in modules():
        housekeeping = getattr(module, "housekeeping", None)
        if housekeeping is not None:
            housekeeping(now)
    sent = 0
    for module in modules():
        for due in module.due(now):
            sent += send_reminder(due)
    return sent


def send_reminder(due: Due) -> bool:
    """Send ``due`` unless its key has been sent before. True if it was sent now."""
    if not due.user.is_active or not due.user.email:
        return False
    with transaction.atomic():
        _record, created = SentReminder.objects.get_or_create(key=due.key)
        if not created:
            return False
        send_to(due.user, due.template, due.context, headers=due.headers)
        if due.on_sent is not None:
            due.on_sent()
    logger.info("Reminder %s queued.", due.key)
    return True


def already_sent(keys: Iterable[str]) -> set[str]:
    """Which of ``keys`` have been sent: for an app that wants to skip building the
    context of a message that would not go out anyway."""
    return set(SentReminder.objects.filter(key__in=list(keys)).values_list("key", flat=True))
