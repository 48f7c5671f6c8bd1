"""What a person is told by mail of their registration and of the events they
registered for, in their language, after the commit (``core.mail.send_to``).

(Filled in by the registration work: each function below sends one kind of mail.)
"""

from klusteri.events.models import Event, Registration


def registration_changed(registration: Registration) -> None:
    """Mail the person the registration's new state: confirmed (with the time,
    place and link in the body and an .ics attached), waiting for approval, on the
    waiting list, a seat offered (until when, and how to accept), rejected."""


def offer_expired(registration: Registration) -> None:
    """The offer of a seat lapsed: the person is no longer in the queue."""


def event_cancelled(event: Event) -> None:
    """Tell everyone registered that the event is cancelled."""
