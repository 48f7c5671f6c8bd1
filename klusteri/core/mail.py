"""E-mail from the task worker: each message sent at most once, and tried again
later, with growing pauses, while the mail server cannot take it.

A message gets its id, its Message-ID header, when it is queued. Once the mail
server has accepted it, a ``SentMail`` row records the id, so that a task that
runs again for the same message (a retry, or a worker that died before it could
mark the task done) sends nothing. One gap remains: a crash after the server
accepted the message but before the row was committed sends it a second time,
with the same Message-ID, by which mail programs can tell the copy. The SMTP
conversation is deliberately kept out of a database transaction: on SQLite an open
write transaction would block every other writer for as long as the mail server
takes to answer.

Django's tasks framework has no retries of its own: a failed attempt queues the
task again with ``run_after`` and the next attempt number.
"""

import logging
import smtplib
from datetime import timedelta
from email.utils import make_msgid

from django.core.mail import EmailMessage
from django.core.mail.utils import DNS_NAME
from django.tasks import Task
from django.utils import timezone

from klusteri.core.models import SentMail

logger = logging.getLogger(__name__)

# Attempts 1–8 are spread over about two hours: 1, 2, 4, … minutes apart, at most
# an hour, long enough to outlast a mail relay's restart or a short network fault.
MAX_ATTEMPTS = 8
FIRST_RETRY_DELAY = timedelta(minutes=1)
MAX_RETRY_DELAY = timedelta(hours=1)


def new_message_id() -> str:
    """A unique Message-ID, to be given to a message when it is queued."""
    return make_msgid(domain=DNS_NAME)


def send_once(message: EmailMessage, message_id: str) -> bool:
    """Send the message under ``message_id`` unless a message with that id has been
    sent before. True if it was sent now."""
    if SentMail.objects.filter(message_id=message_id).exists():
        logger.info("Mail %s was sent before; not sending it again.", message_id)
        return False
    message.extra_headers["Message-ID"] = message_id
    message.send()
    SentMail.objects.get_or_create(message_id=message_id)
    return True


def retry_delay(attempt: int) -> timedelta:
    """The pause after failed attempt number ``attempt`` (1, 2, …)."""
    return min(FIRST_RETRY_DELAY * 2 ** (attempt - 1), MAX_RETRY_DELAY)


def is_transient(error: BaseException) -> bool:
    """Whether the same message may go through later: the mail server could not be
    reached, dropped the connection or answered with a temporary (4xx) code. A
    permanent (5xx) answer or a missing server feature will not change by waiting."""
    if isinstance(error, smtplib.SMTPNotSupportedError):
        return False
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(400 <= code < 500 for code, _reply in error.recipients.values())
    if isinstance(error, smtplib.SMTPResponseException):
        return 400 <= error.smtp_code < 500
    # Every other SMTPException (e.g. SMTPServerDisconnected), refused connections
    # and timeouts are OSErrors.
    return isinstance(error, OSError)


def retry_later(
    task: Task, error: BaseException, *, attempt: int, message_id: str, **arguments
) -> bool:
    """After attempt ``attempt`` of ``task`` failed with ``error``, queue the task
    again with the same ``arguments`` to run after a pause, if the error is
    transient and attempts are left; otherwise log that the message is given up.
    True if another attempt was queued."""
    if not is_transient(error):
        logger.error("Mail %s was refused and will not be tried again: %r", message_id, error)
        return False
    if attempt >= MAX_ATTEMPTS:
        logger.error(
            "Mail %s could not be sent in %d attempts; giving up: %r", message_id, attempt, error
        )
        return False
    if not task.get_backend().supports_defer:
        logger.error(
            "Mail %s could not be sent and the task backend cannot run it later: %r",
            message_id,
            error,
        )
        return False
    run_after = timezone.now() + retry_delay(attempt)
    task.using(run_after=run_after).enqueue(message_id=message_id, attempt=attempt + 1, **arguments)
    logger.warning(
        "Mail %s: attempt %d failed (%r); trying again after %s.",
        message_id,
        attempt,
        error,
        run_after.isoformat(timespec="seconds"),
    )
    return True
