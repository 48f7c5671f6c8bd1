"""``send_to``: mail to a person in their language, queued when the transaction commits."""

import copy
import json

import pytest
from django.conf import settings
from django.core import mail
from django.db import transaction
from django.utils import translation

from klusteri.core.mail import send_to
from klusteri.core.models import SentMail

TEMPLATE = "probe"


@pytest.fixture(autouse=True)
def probe_templates(settings, tmp_path):
    """A mail of its own: a translated subject and a link reversed in the template."""
    (tmp_path / "probe_subject.txt").write_text(
        '{% include "accounts/email/left_without_person_subject.txt" %}'
    )
    (tmp_path / "probe_message.txt").write_text(
        '{{ site_url }}{% url "admin:clusters_cluster_change" cluster_id %}'
    )
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"] = [tmp_path, *templates[0]["DIRS"]]
    settings.TEMPLATES = templates


def probe_context():
    return {"cluster_id": 7}


@pytest.fixture
def swedish(make_user):
    return make_user("svea@example.org", language="sv")


def test_mail_is_in_the_recipients_language_not_the_requests(
    swedish, django_capture_on_commit_callbacks
):
    with translation.override("fi"), django_capture_on_commit_callbacks(execute=True):
        send_to(swedish, TEMPLATE, probe_context())
        assert translation.get_language() == "fi"  # the override ended with the rendering

    [message] = mail.outbox
    assert message.to == ["svea@example.org"]
    assert message.subject == (
        "[Klusteri] Ett raderat konto lämnade organisationer eller kluster utan person"
    )
    # Links reversed in the template are in the recipient's language too.
    assert f"{settings.SITE_URL}/sv/admin/clusters/cluster/7/change/" in message.body


def test_nothing_is_queued_before_the_transaction_commits(
    swedish, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        send_to(swedish, TEMPLATE, probe_context())
        assert mail.outbox == []
    assert len(callbacks) == 1


@transaction.atomic
def send_then_fail(user):
    send_to(user, TEMPLATE, probe_context())
    raise RuntimeError("rolled back")


def test_nothing_is_sent_when_the_transaction_rolls_back(
    swedish, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
    ):
        send_then_fail(swedish)
    assert callbacks == []
    assert mail.outbox == []


def test_a_queued_message_is_sent_once(swedish, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        send_to(swedish, TEMPLATE, probe_context())
    [enqueue] = callbacks
    enqueue()
    enqueue()  # the task run again for the same message: a retry, a worker restarted
    assert len(mail.outbox) == 1
    assert SentMail.objects.filter(message_id=mail.outbox[0].extra_headers["Message-ID"]).exists()


def test_extra_headers_go_with_the_message(swedish, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send_to(swedish, TEMPLATE, probe_context(), headers={"List-Unsubscribe": "<https://x/>"})

    [message] = mail.outbox
    assert message.extra_headers["List-Unsubscribe"] == "<https://x/>"
    assert "Message-ID" in message.extra_headers


def test_attachments_go_with_the_message_through_the_task(
    swedish, django_capture_on_commit_callbacks
):
    ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n"
    with django_capture_on_commit_callbacks() as callbacks:
        send_to(
            swedish, TEMPLATE, probe_context(), attachments=[("event.ics", ics, "text/calendar")]
        )
    [enqueue] = callbacks
    # What the task is given must survive its JSON round trip (a database backend).
    arguments = enqueue.keywords
    assert json.loads(json.dumps(arguments)) == arguments
    enqueue()

    [message] = mail.outbox
    [(filename, content, mimetype)] = message.attachments
    assert (filename, content, mimetype) == ("event.ics", ics, "text/calendar")
    assert "Content-Type: text/calendar" in message.message().as_string()
