"""What the events app keeps about a person (see ``core.personal_data``): their
registrations (with the answers they gave and the organisation they registered for),
the secret of their personal calendar feed, and the closing reports they wrote.

Erasure withdraws the person's active registrations for events not yet started
through ``services.withdraw``, so that a seat they held passes to the first person
waiting as any withdrawal would, and then deletes every registration of theirs; the
feed token goes. A closing report they wrote keeps its figures, which impact
reporting counts, without its writer."""

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from klusteri.accounts.models import User
from klusteri.core.personal_data import Consequence, timestamp
from klusteri.events import services
from klusteri.events.models import ClosingReport, Event, FeedToken, Question, Registration

COVERS = frozenset(
    {
        "events.Registration.user",
        "events.ClosingReport.written_by",
        "events.FeedToken.user",
    }
)


def _event(event: Event) -> dict[str, Any]:
    return {
        "id": event.pk,
        "title": event.title,
        "starts_at": timestamp(event.starts_at),
        "ends_at": timestamp(event.ends_at),
        "time_zone": event.time_zone,
    }


def _answers(registration: Registration, questions: dict[str, Question]) -> list[dict]:
    """The answers with the questions they answer (answers are kept by the question's
    number; a question since removed is shown by that number)."""
    return [
        {
            "question": questions[str(key)].text if str(key) in questions else str(key),
            "answer": value,
        }
        for key, value in registration.answers.items()
    ]


def _registrations(user: User) -> QuerySet[Registration]:
    return (
        Registration.objects.filter(user=user)
        .select_related("event", "organisation")
        .order_by("queued_at", "pk")
    )


def export(user: User) -> dict[str, Any]:
    registrations = list(_registrations(user))
    questions = {
        str(question.pk): question
        for question in Question.objects.filter(
            event__in={registration.event_id for registration in registrations}
        )
    }
    token = FeedToken.objects.filter(user=user).first()
    return {
        "event_registrations": [
            {
                "event": _event(registration.event),
                "state": registration.state,
                "organisation": (
                    {"id": registration.organisation.pk, "name": registration.organisation.name}
                    if registration.organisation
                    else None
                ),
                "answers": _answers(registration, questions),
                "reserved_seat": registration.reserved_seat,
                "registered_at": timestamp(registration.queued_at),
                "offer_valid_until": timestamp(registration.offer_expires_at),
                "checked_in_at": timestamp(registration.checked_in_at),
                "created_at": timestamp(registration.created_at),
                "updated_at": timestamp(registration.updated_at),
            }
            for registration in registrations
        ],
        # The feed's key is a secret: only whether there is one, and since when.
        "event_calendar_feed": (
            {"exists": True, "created_at": timestamp(token.created_at)}
            if token
            else {"exists": False}
        ),
        "event_closing_reports_written": [
            {
                "event": _event(report.event),
                "attendees": report.attendees,
                "organisations_present": report.organisations_present,
                "written_at": timestamp(report.created_at),
                "updated_at": timestamp(report.updated_at),
            }
            for report in _reports_by(user)
        ],
    }


def _reports_by(user: User) -> QuerySet[ClosingReport]:
    return (
        ClosingReport.objects.filter(written_by=user)
        .select_related("event")
        .order_by("event__starts_at", "pk")
    )


def records(user: User) -> list[QuerySet]:
    return [Registration.objects.filter(user=user), FeedToken.objects.filter(user=user)]


def erasure_consequences(user: User) -> list[Consequence]:
    return [
        Consequence(
            key="event_reports_without_writer",
            records=[report.event for report in _reports_by(user)],
            warning=_(
                "You wrote the closing reports of these events. The reports and their "
                "figures stay, without your name:"
            ),
            staff_heading=_("Events whose closing report no longer names its writer:"),
        ),
    ]


def erase(user: User, *, by: User) -> None:
    now = timezone.now()
    for registration in _registrations(user).filter(
        state__in=Registration.ACTIVE, event__starts_at__gt=now
    ):
        services.withdraw(registration, by=by, now=now)
    Registration.objects.filter(user=user).delete()
    FeedToken.objects.filter(user=user).delete()
    ClosingReport.objects.filter(written_by=user).update(written_by=None)
