"""Faults: a mail task that fails is tried again later, with growing pauses, and no
message is ever sent twice (klusteri.core.mail, klusteri.accounts.tasks).

These tests queue the task in the database backend, as production does, and run
it with django-tasks-db's own worker loop (``Worker.run``), in this process so
that ``mail.outbox`` sees what it sends.
"""

import logging
import smtplib
from datetime import timedelta
from itertools import pairwise
from unittest import mock

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from klusteri.accounts.tasks import send_email
from klusteri.core import mail as core_mail
from klusteri.core.models import SentMail

pytestmark = pytest.mark.django_db

MESSAGE = {
    "subject": "Tervetuloa",
    "body": "Hei!",
    "to": ["uusi@example.org"],
    "from_email": "Klusteri <noreply@klusteri.example>",
}


@pytest.fixture(autouse=True)
def _database_tasks(settings):
    """Queue tasks in the database as production does (the suite runs them at once)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def run_due_tasks() -> None:
    """Run every task that is due, as ``klusteri db_worker --batch`` would.

    The worker recycles database connections between tasks, as Django does between
    requests; inside the test's transaction that would drop the connection, so it
    is left out here.
    """
    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        worker.run()


def failing_first(*errors: Exception):
    """A mail connection that raises ``errors`` in turn, then delivers."""
    pending = list(errors)
    deliver = EmailBackend.send_messages

    def send_messages(backend, messages):
        if pending:
            raise pending.pop(0)
        return deliver(backend, messages)

    return mock.patch.object(EmailBackend, "send_messages", send_messages)


def attempts() -> list[DBTaskResult]:
    """The queued attempts at sending, first attempt first."""
    results = DBTaskResult.objects.all()
    return sorted(results, key=lambda result: result.args_kwargs["kwargs"].get("attempt", 1))


def test_a_failed_send_is_retried_later_and_the_mail_goes_out_once():
    start = timezone.now()
    with (
        time_machine.travel(start, tick=False) as clock,
        failing_first(smtplib.SMTPServerDisconnected("Connection unexpectedly closed")),
    ):
        send_email.enqueue(**MESSAGE, message_id="<faults-1@klusteri.example>")
        run_due_tasks()

        first, second = attempts()
        assert first.status == "FAILED"
        assert first.exception_class_path == "smtplib.SMTPServerDisconnected"
        assert second.status == "READY"
        assert second.run_after == start + timedelta(minutes=1)
        assert second.args_kwargs["kwargs"]["attempt"] == 2
        assert mail.outbox == []

        run_due_tasks()  # not due yet
        assert DBTaskResult.objects.get(pk=second.pk).status == "READY"

        clock.shift(timedelta(minutes=1))
        run_due_tasks()

    assert DBTaskResult.objects.get(pk=second.pk).status == "SUCCESSFUL"
    [message] = mail.outbox
    assert message.to == ["uusi@example.org"]
    assert message.message()["Message-ID"] == "<faults-1@klusteri.example>"
    assert SentMail.objects.filter(message_id="<faults-1@klusteri.example>").exists()


def test_the_pause_doubles_after_each_failed_attempt():
    start = timezone.now()
    with (
        time_machine.travel(start, tick=False) as clock,
        failing_first(
            ConnectionRefusedError(111, "Connection refused"),
            smtplib.SMTPResponseException(421, b"Service not available, try again later"),
            TimeoutError("timed out"),
        ),
    ):
        send_email.enqueue(**MESSAGE, message_id="<faults-2@klusteri.example>")
        for _attempt in range(4):
            run_due_tasks()
            clock.shift(timedelta(hours=1))

    results = attempts()
    assert [result.status for result in results] == ["FAILED", "FAILED", "FAILED", "SUCCESSFUL"]
    pauses = [later.run_after - earlier.started_at for earlier, later in pairwise(results)]
    assert pauses == [timedelta(minutes=1), timedelta(minutes=2), timedelta(minutes=4)]
    assert len(mail.outbox) == 1


def test_the_pause_stops_growing_at_an_hour():
    assert core_mail.retry_delay(1) == timedelta(minutes=1)
    assert core_mail.retry_delay(7) == timedelta(hours=1)
    assert core_mail.retry_delay(30) == timedelta(hours=1)


def test_a_task_run_twice_for_the_same_message_sends_one_mail():
    send_email.call(**MESSAGE, message_id="<faults-3@klusteri.example>")
    send_email.call(**MESSAGE, message_id="<faults-3@klusteri.example>")

    assert len(mail.outbox) == 1
    assert SentMail.objects.filter(message_id="<faults-3@klusteri.example>").count() == 1


def test_a_retry_after_a_send_that_went_through_sends_nothing():
    """The worker died after the mail server took the message but before the task
    was marked done: the task runs again and must not send a copy."""
    send_email.enqueue(**MESSAGE, message_id="<faults-4@klusteri.example>")
    run_due_tasks()
    DBTaskResult.objects.update(status="READY")  # as if never marked done

    run_due_tasks()

    assert len(mail.outbox) == 1
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


def test_different_messages_are_all_sent():
    send_email.call(**MESSAGE, message_id="<faults-5@klusteri.example>")
    send_email.call(**MESSAGE, message_id="<faults-6@klusteri.example>")

    assert len(mail.outbox) == 2


def test_a_permanent_refusal_is_not_retried_and_is_logged(caplog):
    refusal = smtplib.SMTPRecipientsRefused({"uusi@example.org": (550, b"No such user")})
    with failing_first(refusal), caplog.at_level(logging.ERROR, logger="klusteri.core.mail"):
        send_email.enqueue(**MESSAGE, message_id="<faults-7@klusteri.example>")
        run_due_tasks()

    [result] = attempts()
    assert result.status == "FAILED"
    assert mail.outbox == []
    assert not SentMail.objects.exists()
    assert "will not be tried again" in caplog.text


def test_sending_gives_up_after_the_last_attempt_with_an_error_in_the_log(caplog):
    last = core_mail.MAX_ATTEMPTS
    with (
        failing_first(smtplib.SMTPServerDisconnected("gone")),
        caplog.at_level(logging.ERROR, logger="klusteri.core.mail"),
    ):
        send_email.enqueue(**MESSAGE, message_id="<faults-8@klusteri.example>", attempt=last)
        run_due_tasks()

    [result] = attempts()
    assert result.status == "FAILED"
    assert f"could not be sent in {last} attempts; giving up" in caplog.text


@pytest.mark.parametrize(
    ("error", "transient"),
    [
        (smtplib.SMTPServerDisconnected("gone"), True),
        (smtplib.SMTPConnectError(421, b"busy"), True),
        (smtplib.SMTPSenderRefused(451, b"try later", "a@example.org"), True),
        (smtplib.SMTPDataError(554, b"rejected"), False),
        (smtplib.SMTPAuthenticationError(535, b"bad credentials"), False),
        (smtplib.SMTPNotSupportedError("no STARTTLS"), False),
        (smtplib.SMTPRecipientsRefused({"a@example.org": (450, b"mailbox busy")}), True),
        (smtplib.SMTPRecipientsRefused({"a@example.org": (550, b"no such user")}), False),
        (ConnectionRefusedError(111, "Connection refused"), True),
        (ValueError("a bug"), False),
    ],
)
def test_only_transient_errors_are_retried(error, transient):
    assert core_mail.is_transient(error) is transient


def test_account_mail_is_queued_with_its_message_id(
    client, make_user, django_capture_on_commit_callbacks
):
    make_user("jasen@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/fi/accounts/password/reset/", {"email": "jasen@example.org"})

    [queued] = DBTaskResult.objects.all()
    message_id = queued.args_kwargs["kwargs"]["message_id"]
    assert message_id.startswith("<") and message_id.endswith(">")
    run_due_tasks()
    [message] = mail.outbox
    assert message.to == ["jasen@example.org"]
    assert message.extra_headers["Message-ID"] == message_id
