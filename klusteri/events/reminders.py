"""The events' reminders (``core.reminders``), decided from the data as they are
when the sweep runs, and the housekeeping time causes: offers of a freed seat
that were not accepted in time lapse and pass on (``services.expire_offers``).

**Reminders.** Each ``Reminder`` of an event fires at its moment, ``offset``
from the event's start or end (by default 48 hours before the start), to the
confirmed participants of a published event. It is due from that moment: a
reminder before the start until the event starts, one at or after the start for
``GRACE`` after its moment, so a sweep that did not run for a while still
reminds, a little late, and a reminder is never sent once it means nothing. The
moment is computed from the event as it is now, so an event that moved reminds
at its new time, and a cancelled or postponed one not at all. Someone who
registered after the moment gets no catch-up reminder: they have just had their
confirmation.

The key names the reminder, its moment and the person
(``events:reminder=4:at=2026-12-20T07:00:00+00:00:user=3``): never sent twice,
and a moved event makes new keys.

Queries per sweep: three whatever the number of events and people (the due
reminders with their events, the confirmed participants, the keys already sent).
"""

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.db.models import Case, DateTimeField, ExpressionWrapper, F, Q, When

from klusteri.core.reminders import Due, already_sent
from klusteri.events import services
from klusteri.events.models import Event, Registration, Reminder

# How long after its moment a reminder at or after the start is still sent.
GRACE = timedelta(hours=12)


def housekeeping(now: datetime) -> None:
    services.expire_offers(now)


def due_reminders(now: datetime):
    """The reminders due at ``now``, with ``fire_at`` and their events."""
    fire_at = ExpressionWrapper(
        Case(
            When(anchor=Reminder.Anchor.END, then=F("event__ends_at") + F("offset")),
            default=F("event__starts_at") + F("offset"),
        ),
        output_field=DateTimeField(),
    )
    return (
        Reminder.objects.filter(event__status=Event.Status.PUBLISHED)
        .annotate(fire_at=fire_at)
        .filter(fire_at__lte=now)
        .filter(
            Q(fire_at__lt=F("event__starts_at"), event__starts_at__gt=now)
            | Q(fire_at__gte=F("event__starts_at"), fire_at__gt=now - GRACE)
        )
        .select_related("event__municipality")
        .order_by("pk")
    )


def text_in(reminder: Reminder, language: str) -> str:
    """The organiser's text in the person's language, else in another one."""
    for code in (language, "fi", "en", "sv"):
        text = getattr(reminder, f"text_{code}", "") or ""
        if text.strip():
            return text
    return ""


def due(now: datetime) -> Iterable[Due]:
    reminders = list(due_reminders(now))
    if not reminders:
        return
    participants = (
        Registration.objects.filter(
            event__in={reminder.event_id for reminder in reminders},
            state=Registration.State.CONFIRMED,
            user__is_active=True,
        )
        .select_related("user")
        .order_by("pk")
    )
    by_event: dict[int, list[Registration]] = {}
    for registration in participants:
        by_event.setdefault(registration.event_id, []).append(registration)
    candidates = []
    for reminder in reminders:
        for registration in by_event.get(reminder.event_id, []):
            if registration.queued_at > reminder.fire_at:
                continue  # registered after the moment: the confirmation is fresh
            key = (
                f"events:reminder={reminder.pk}:at={reminder.fire_at.isoformat()}"
                f":user={registration.user_id}"
            )
            candidates.append((key, reminder, registration))
    sent = already_sent(key for key, _reminder, _registration in candidates)
    for key, reminder, registration in candidates:
        if key in sent:
            continue
        event = reminder.event
        yield Due(
            key=key,
            user=registration.user,
            template="events/email/reminder",
            context={
                "event": event,
                "registration": registration,
                "text": text_in(reminder, registration.user.language),
                # A confirmed participant sees the link whoever else may
                # (Event.online_url_for), and asking would cost a query each.
                "online_url": event.online_url,
            },
        )
