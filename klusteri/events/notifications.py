"""What a person is told by mail of their registration and of the events they
registered for, in their language, after the commit (``core.mail.send_to``).

The mails say the time on the wall clock of the event's time zone, the place,
and the online link only to those who may see it (``Event.online_url_for``: a
confirmed participant may, someone on the waiting list may not). A confirmation
has the event attached as an .ics file.

What a mail says (the state, the place in the queue, the link) is decided inside
the service's transaction; the mail is rendered after it commits (``_after_commit``),
so rendering the templates and the .ics never holds the event's row lock, which
every other registration for the event waits on.
"""

from django.conf import settings
from django.db import transaction
from django.utils import translation

from klusteri.core.mail import send_to
from klusteri.events import feeds
from klusteri.events.models import Event, Registration

State = Registration.State

TEMPLATES = {
    State.CONFIRMED: "events/email/confirmed",
    State.PENDING: "events/email/pending",
    State.WAITLISTED: "events/email/waitlisted",
    State.OFFERED: "events/email/offered",
    State.REJECTED: "events/email/rejected",
}


def _context(registration: Registration, **extra) -> dict:
    event = registration.event
    return {
        "event": event,
        "registration": registration,
        "online_url": event.online_url_for(registration.user, registration),
        **extra,
    }


def calendar_attachment(registration: Registration, online_url: str) -> tuple[str, str, str]:
    """The event as an .ics file, in the person's language, with the online link
    if they may see it."""
    event = registration.event
    page = settings.SITE_URL + event.get_absolute_url()
    with translation.override(registration.user.language):
        ics = feeds.calendar(
            [event], name=event.title, address=page, site=settings.SITE_URL,
            online_url=lambda _event: online_url,
        )  # fmt: skip
    return (f"event-{event.pk}.ics", ics.decode(), "text/calendar")


def _after_commit(user, template: str, context: dict, *, with_calendar: bool = False) -> None:
    """Render and queue the mail once the transaction commits; nothing if it rolls back."""

    def send() -> None:
        attachments = None
        if with_calendar:
            attachments = [calendar_attachment(context["registration"], context["online_url"])]
        send_to(user, template, context, attachments=attachments)

    transaction.on_commit(send)


def registration_changed(registration: Registration, *, approved: bool = False) -> None:
    """Mail the person the registration's new state: confirmed (with the time,
    place and link in the body and an .ics attached), waiting for approval, on the
    waiting list (and where), a seat offered (until when, and how to accept),
    rejected. ``approved``: the organiser has just approved it, and the mail says so."""
    template = TEMPLATES.get(registration.state)
    if template is None:  # withdrawn: the person did it themself, or was told otherwise
        return
    context = _context(registration, approved=approved, position=registration.queue_position())
    attachments = None
    if registration.state == State.CONFIRMED:
        attachments = [calendar_attachment(registration, context["online_url"])]
    send_to(registration.user, template, context, attachments=attachments)


def offer_expired(registration: Registration) -> None:
    """The offer of a seat lapsed: the person is no longer in the queue."""
    _after_commit(registration.user, "events/email/offer_expired", _context(registration))


def event_cancelled(event: Event) -> None:
    """Tell everyone registered that the event is cancelled."""
    registrations = (
        Registration.objects.filter(event=event, state__in=Registration.ACTIVE)
        .select_related("user")
        .order_by("pk")
    )
    for registration in registrations:
        registration.event = event
        _after_commit(
            registration.user,
            "events/email/cancelled",
            {"event": event, "registration": registration},
        )
