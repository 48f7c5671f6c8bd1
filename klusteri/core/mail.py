"""E-mail to a person: rendered in their language, queued when the transaction
commits, and sent from the task worker at most once, tried again later, with
growing pauses, while the mail server cannot take it.

Every app mails a person with ``send_to(user, "app/email/what", context)``;
``queue_mail`` queues a message rendered some other way (allauth's adapter).

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
from functools import partial
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.core.mail.utils import DNS_NAME
from django.db import transaction
from django.tasks import Task
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import timezone, translation

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


# A file sent with a message: (file name, its text, its MIME type), e.g.
# ("event.ics", "BEGIN:VCALENDAR…", "text/calendar"). Text, so that the task's
# arguments stay JSON.
Attachment = tuple[str, str, str]


def render_mail(
    template_prefix: str,
    context: dict[str, Any],
    *,
    to: list[str],
    headers: dict[str, str] | None = None,
    attachments: list[Attachment] | None = None,
) -> EmailMultiAlternatives:
    """The message of the templates ``<prefix>_subject.txt``, ``<prefix>_message.txt``
    and, if there is one, ``<prefix>_message.html`` (allauth's naming), in the
    current language, with the extra ``headers`` and the files ``attachments``.
    The context has ``site_url`` for absolute links."""
    context = {"site_url": settings.SITE_URL, **context}
    subject = " ".join(render_to_string(f"{template_prefix}_subject.txt", context).split())
    body = render_to_string(f"{template_prefix}_message.txt", context)
    message = EmailMultiAlternatives(
        subject, body, settings.DEFAULT_FROM_EMAIL, to, headers=headers or {}
    )
    for filename, content, mimetype in attachments or ():
        message.attach(filename, content, mimetype)
    try:
        html_body = render_to_string(f"{template_prefix}_message.html", context)
    except TemplateDoesNotExist:
        return message  # text only
    message.attach_alternative(html_body, "text/html")
    return message


def queue_mail(message: EmailMessage) -> None:
    """Send ``message`` from the task worker once the surrounding transaction has
    committed; nothing if it rolls back."""
    # Imported here: the task's module imports this one.
    from klusteri.core.tasks import send_email

    html_body = next(
        (
            content
            for content, mimetype in getattr(message, "alternatives", [])
            if mimetype == "text/html"
        ),
        None,
    )
    transaction.on_commit(
        partial(
            send_email.enqueue,
            subject=str(message.subject),
            body=message.body,
            to=list(message.to),
            from_email=message.from_email,
            html_body=html_body,
            headers=dict(message.extra_headers) or None,
            attachments=[list(attachment) for attachment in message.attachments] or None,
            # Fixed now, so that the task never sends this message twice.
            message_id=new_message_id(),
        )
    )


def send_to(
    user,
    template_prefix: str,
    context: dict[str, Any],
    *,
    headers: dict[str, str] | None = None,
    attachments: list[Attachment] | None = None,
) -> None:
    """Mail ``user`` the templates of ``template_prefix`` (``render_mail``) in the
    language they chose, whatever the language of the request, once the
    transaction commits. URLs reversed in the templates (``{% url %}``) are in that
    language too; ``user`` is in the context. ``headers`` go into the message as
    they are (``List-Unsubscribe``); ``attachments`` are (file name, text, MIME
    type) triples (an .ics)."""
    with translation.override(user.language):
        message = render_mail(
            template_prefix,
            {"user": user, **context},
            to=[user.email],
            headers=headers,
            attachments=attachments,
        )
    queue_mail(message)
