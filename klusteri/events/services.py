"""Writes of the events domain: one function per operation, each in one transaction
with an audit entry.

**Seats.** Every change that takes or frees a seat first locks the event's row
(``_lock``: ``SELECT … FOR UPDATE`` on PostgreSQL; SQLite lets one writer in at a
time anyway), then counts the seats held and decides. So two people asking for the
last seat at the same moment are served one after the other: one is confirmed,
the other waits. A freed seat is offered to the first person waiting
(``fill_freed_seats``); the offer holds the seat until it is accepted, declined or
expires (``expire_offers``, run by the reminders sweep), and then passes to the
next person. Reserved seats are the organiser's to give (``give_reserved_seat``)
and never offered from the waiting list.

**Mail.** What a person is told of their registration (confirmed, waiting,
offered, approved, rejected) goes through ``events.notifications``, in their
language, after the commit.
"""

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from dateutil.rrule import DAILY, rrulestr
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from klusteri.accounts.models import Organisation
from klusteri.audit.services import log_action
from klusteri.events import notifications
from klusteri.events.models import (
    Audience,
    ClosingReport,
    Event,
    EventSeries,
    FeedToken,
    Invitation,
    Registration,
    Reminder,
)

State = Registration.State

# The columns of EventSettings a series gives its occurrences: its translated
# texts by their per-language columns (title_fi…), not the current language's.
TRANSLATED = ("title", "description")
SETTINGS_FIELDS = [
    field.name
    for field in EventSeries._meta.concrete_fields
    if field.name in {f.name for f in Event._meta.concrete_fields}
    and field.name not in ("id", "created_at", "updated_at", *TRANSLATED)
]
SETTINGS_M2M = ("co_organisers", "topics", "ecosystems")
# How far ahead a series has its occurrences created.
SERIES_HORIZON = timedelta(days=400)


class EventError(Exception):
    """A write the rules refuse; its message is translated and shown as it is."""


# Events -------------------------------------------------------------------------


def _audit_value(value):
    if isinstance(value, datetime):
        return value.isoformat()
    if hasattr(value, "pk"):
        return value.pk
    if isinstance(value, list | tuple | set):
        return [_audit_value(item) for item in value]
    return value


def _check_event(event: Event) -> None:
    if event.ends_at < event.starts_at:
        raise EventError(_("An event cannot end before it starts."))
    if event.capacity is not None and event.reserved_seats > event.capacity:
        raise EventError(_("There cannot be more reserved seats than seats."))
    if (
        event.registration_opens_at
        and event.registration_closes_at
        and event.registration_closes_at < event.registration_opens_at
    ):
        raise EventError(_("Registration cannot close before it opens."))


@transaction.atomic
def save_event(event: Event, *, by, related: dict | None = None, detach: bool = False) -> Event:
    """Create or update ``event`` (and its many-to-many ``related``: co_organisers,
    topics, ecosystems), with the default reminder for a new one. ``detach``: an
    occurrence changed alone, which the series' later changes leave as it is.
    A capacity raised frees seats: they go to the waiting list."""
    _check_event(event)
    created = event.pk is None
    if detach and event.series_id:
        event.detached = True
    event.save()
    for name, values in (related or {}).items():
        getattr(event, name).set(values)
    if created:
        Reminder.objects.create(event=event)
        log_action(event, "events.event.created", by=by, data={"title": event.title})
    else:
        log_action(event, "events.event.updated", by=by, data={"title": event.title})
        fill_freed_seats(_lock(event), by=by)
    return event


@transaction.atomic
def set_status(event: Event, status: str, *, by) -> Event:
    """Publish, cancel, postpone or return to draft. Completing takes a closing
    report (``write_closing_report``)."""
    if status == Event.Status.COMPLETED and not ClosingReport.objects.filter(event=event).exists():
        raise EventError(_("Write the closing report to mark the event completed."))
    previous = event.status
    event.status = status
    if event.series_id and status in (Event.Status.CANCELLED, Event.Status.POSTPONED):
        event.detached = True
    event.save(update_fields=["status", "detached", "updated_at"])
    log_action(event, "events.event.status", by=by, data={"from": previous, "to": status})
    if status == Event.Status.CANCELLED and previous != status:
        notifications.event_cancelled(event)
    return event


@transaction.atomic
def write_closing_report(
    event: Event, *, by, attendees: int, organisations_present: int, outcomes: str
) -> ClosingReport:
    """Write (or rewrite) the closing report of an event that has ended, and mark
    the event completed."""
    if not event.has_ended():
        raise EventError(_("The closing report is written after the event."))
    if event.status in (Event.Status.DRAFT, Event.Status.CANCELLED):
        raise EventError(_("A draft or a cancelled event has no closing report."))
    report, _new = ClosingReport.objects.update_or_create(
        event=event,
        defaults={
            "attendees": attendees,
            "organisations_present": organisations_present,
            "outcomes": outcomes,
            "written_by": by,
        },
    )
    event.status = Event.Status.COMPLETED
    event.save(update_fields=["status", "updated_at"])
    log_action(
        event,
        "events.event.completed",
        by=by,
        data={"attendees": attendees, "organisations_present": organisations_present},
    )
    return report


# Series -------------------------------------------------------------------------


def occurrence_starts(series: EventSeries, until: datetime) -> list[datetime]:
    """The starts the series' rule gives up to ``until``, as aware datetimes. The
    rule is read on the wall clock of the series' time zone, so a 9.00 meeting is
    at 9.00 in winter and in summer."""
    local_zone = ZoneInfo(series.time_zone)
    local_first = series.first_start.astimezone(local_zone).replace(tzinfo=None)
    local_until = until.astimezone(local_zone).replace(tzinfo=None)
    rule = rrulestr(series.rule, dtstart=local_first)
    return [
        start.replace(tzinfo=local_zone).astimezone(UTC)
        for start in rule.between(local_first, local_until, inc=True)
    ]


def check_rule(rule: str) -> None:
    """Raise EventError unless ``rule`` is a recurrence rule that ends or repeats
    at most daily (a series of every minute would fill the calendar)."""
    try:
        parsed = rrulestr(rule, dtstart=datetime(2026, 1, 1))
    except (ValueError, TypeError):
        raise EventError(_("This is not a recurrence rule, e.g. FREQ=MONTHLY;BYDAY=1TU.")) from None
    if parsed._freq > DAILY:  # HOURLY, MINUTELY, SECONDLY
        raise EventError(_("A series repeats at most daily."))


def _copy_settings(series: EventSeries, event: Event) -> None:
    for name in SETTINGS_FIELDS:
        setattr(event, name, getattr(series, name))


@transaction.atomic
def save_series(
    series: EventSeries, *, by, related: dict | None = None, status: str | None = None
) -> EventSeries:
    """Create or update a series and bring its occurrences in line: the ones not
    changed alone take the new settings (and a new time of day), and the missing
    ones up to ``SERIES_HORIZON`` are created, as drafts or with ``status``."""
    check_rule(series.rule)
    created = series.pk is None
    series.save()
    for name, values in (related or {}).items():
        getattr(series, name).set(values)
    log_action(
        series,
        "events.series.created" if created else "events.series.updated",
        by=by,
        data={"title": series.title, "rule": series.rule},
    )
    extend_series(series, by=by, status=status)
    return series


@transaction.atomic
def extend_series(
    series: EventSeries, *, by, now: datetime | None = None, status: str | None = None
) -> list[Event]:
    """Create the occurrences the rule gives up to ``SERIES_HORIZON`` from ``now``
    that do not exist yet, and update the future ones not changed alone. The new
    ones are created with the series' settings."""
    now = now or timezone.now()
    if not series.is_active:
        return []
    starts = occurrence_starts(series, now + SERIES_HORIZON)
    existing = {event.occurrence_start: event for event in series.occurrences.all()}
    related = {name: list(getattr(series, name).all()) for name in SETTINGS_M2M}
    created = []
    for start in starts:
        event = existing.get(start)
        if event is not None and (event.detached or event.ends_at < now):
            continue
        if event is None:
            if start + series.duration < now:
                continue  # the past is not created afresh
            event = Event(
                series=series,
                occurrence_start=start,
                status=status or Event.Status.DRAFT,
            )
        _copy_settings(series, event)
        event.starts_at = start
        event.ends_at = start + series.duration
        is_new = event.pk is None
        event.save()
        for name, values in related.items():
            getattr(event, name).set(values)
        if is_new:
            Reminder.objects.create(event=event)
            created.append(event)
    if created:
        log_action(series, "events.series.extended", by=by, data={"created": len(created)})
    return created


# Registration -------------------------------------------------------------------


@dataclass(frozen=True)
class Seats:
    taken_public: int
    taken_reserved: int

    @classmethod
    def of(cls, event: Event) -> "Seats":
        """The seats held, public and reserved, in one query."""
        counts = Registration.objects.filter(
            event=event, state__in=Registration.HOLDS_SEAT
        ).aggregate(
            public=Count("pk", filter=Q(reserved_seat=False)),
            reserved=Count("pk", filter=Q(reserved_seat=True)),
        )
        return cls(taken_public=counts["public"], taken_reserved=counts["reserved"])

    def public_free(self, event: Event) -> int | None:
        if event.capacity is None:
            return None
        return max(event.public_seats - self.taken_public, 0)

    def reserved_free(self, event: Event) -> int:
        return max(event.reserved_seats - self.taken_reserved, 0)


def _lock(event: Event) -> Event:
    """The event's row, locked to the end of the transaction: seats are counted and
    given one writer at a time."""
    return Event.objects.select_for_update().get(pk=event.pk)


def seats(event: Event) -> Seats:
    return Seats.of(event)


def _log(registration: Registration, action: str, *, by, **data) -> None:
    log_action(
        registration.event,
        f"events.registration.{action}",
        by=by,
        organisation=registration.organisation,
        data={"user_id": registration.user_id, "registration_id": registration.pk, **data},
    )


@transaction.atomic
def register(
    event: Event, *, by, organisation=None, answers: dict | None = None, now: datetime | None = None
) -> Registration:
    """Register ``by`` for the event: confirmed if a public seat is free, waiting
    for approval if the organiser approves registrations, otherwise on the waiting
    list. Someone who withdrew may register again, at the end of the queue."""
    now = now or timezone.now()
    event = _lock(event)
    if not event.registration_is_open(now):
        raise EventError(_("Registration for this event is not open."))
    if not event.may_register(by):
        raise EventError(_("This event is only for those it is meant for."))
    if event.asks_organisation:
        if organisation is None:
            raise EventError(_("Choose the organisation you register on behalf of."))
        if event.audience == Audience.MEMBERS and not event.is_managed_by(by):
            allowed = event.member_organisations_of(by)
        else:
            allowed = Organisation.objects.of_user(by)
        if not allowed.filter(pk=organisation.pk).exists():
            raise EventError(_("You cannot register on behalf of this organisation."))
    else:
        organisation = None
    expire_offers(now, event=event)
    registration = Registration.objects.filter(event=event, user=by).first()
    if registration is not None and registration.is_active:
        raise EventError(_("You have already registered for this event."))
    if registration is None:
        registration = Registration(event=event, user=by)
    registration.organisation = organisation
    registration.answers = answers or {}
    registration.queued_at = now
    registration.offer_expires_at = None
    registration.reserved_seat = False
    if event.requires_approval and not event.is_managed_by(by):
        registration.state = State.PENDING
    else:
        registration.state = _seat_or_queue(event)
    try:
        with transaction.atomic():
            registration.save()
    except IntegrityError:  # the same person twice at once: the constraint decides
        raise EventError(_("You have already registered for this event.")) from None
    _log(registration, "created", by=by, state=registration.state)
    notifications.registration_changed(registration)
    if registration.state == State.WAITLISTED:
        fill_freed_seats(event, by=by, now=now)
    return registration


def _seat_or_queue(event: Event) -> str:
    """Confirmed if a public seat is free and nobody waits for one, else on the
    waiting list: nobody passes the people already in the queue, even into a seat
    just freed (the caller then offers the free seats in the queue's order). People
    holding an offer hold their seat already and are not in anyone's way."""
    free = seats(event).public_free(event)
    if free is None:
        return State.CONFIRMED
    queued = Registration.objects.filter(event=event, state=State.WAITLISTED).exists()
    return State.CONFIRMED if free > 0 and not queued else State.WAITLISTED


@transaction.atomic
def withdraw(registration: Registration, *, by, now: datetime | None = None) -> Registration:
    """The participant withdraws (until the event starts), or the organiser
    removes them; a seat they held goes to the first person waiting."""
    now = now or timezone.now()
    event = _lock(registration.event)
    registration.refresh_from_db()
    if not registration.is_active:
        raise EventError(_("This registration has already been withdrawn."))
    if event.has_started(now) and not event.is_managed_by(by):
        raise EventError(_("The event has started: registrations can no longer be withdrawn."))
    held_seat = registration.state in Registration.HOLDS_SEAT
    registration.state = State.WITHDRAWN
    registration.offer_expires_at = None
    registration.save(update_fields=["state", "offer_expires_at", "updated_at"])
    _log(registration, "withdrawn", by=by)
    if held_seat:
        fill_freed_seats(event, by=by, now=now)
    return registration


def fill_freed_seats(event: Event, *, by=None, now: datetime | None = None) -> list[Registration]:
    """Offer every free public seat to the next person waiting, one seat each, in
    the order they came. Call with the event locked (``_lock``)."""
    now = now or timezone.now()
    if event.status != Event.Status.PUBLISHED or event.has_started(now):
        return []
    free = seats(event).public_free(event)
    queue = Registration.objects.filter(event=event).waiting()
    offered = list(queue if free is None else queue[:free])
    for registration in offered:
        registration.state = State.OFFERED
        until = now + timedelta(hours=event.offer_hours)
        registration.offer_expires_at = min(until, event.starts_at)
        registration.save(update_fields=["state", "offer_expires_at", "updated_at"])
        _log(registration, "offered", by=by, until=registration.offer_expires_at.isoformat())
        notifications.registration_changed(registration)
    return offered


@transaction.atomic
def decline_offer(registration: Registration, *, by, now: datetime | None = None) -> Registration:
    """The person offered a seat says no: they leave the queue and the seat goes
    to the next person waiting at once, not when the offer would have lapsed."""
    now = now or timezone.now()
    event = _lock(registration.event)
    registration.refresh_from_db()
    if registration.state != State.OFFERED or registration.offer_expires_at <= now:
        raise EventError(_("This offer is no longer valid."))
    registration.state = State.WITHDRAWN
    registration.offer_expires_at = None
    registration.save(update_fields=["state", "offer_expires_at", "updated_at"])
    _log(registration, "declined", by=by)
    fill_freed_seats(event, by=by, now=now)
    return registration


@transaction.atomic
def accept_offer(registration: Registration, *, by, now: datetime | None = None) -> Registration:
    now = now or timezone.now()
    _lock(registration.event)
    registration.refresh_from_db()
    if registration.state != State.OFFERED or registration.offer_expires_at <= now:
        raise EventError(_("This offer is no longer valid."))
    registration.state = State.CONFIRMED
    registration.offer_expires_at = None
    registration.save(update_fields=["state", "offer_expires_at", "updated_at"])
    _log(registration, "accepted", by=by)
    notifications.registration_changed(registration)
    return registration


def expire_offers(now: datetime | None = None, *, event: Event | None = None) -> int:
    """Offers not accepted in time lapse (the person leaves the queue, and is told
    so) and the seat passes to the next person waiting. Run by the reminders sweep
    for every event, and before the seats of one are counted. The number of offers that lapsed."""
    now = now or timezone.now()
    lapsed = Registration.objects.filter(state=State.OFFERED, offer_expires_at__lte=now)
    if event is not None:
        lapsed = lapsed.filter(event=event)
    count = 0
    for event_pk in set(lapsed.values_list("event_id", flat=True)):
        with transaction.atomic():
            locked = Event.objects.select_for_update().get(pk=event_pk)
            for registration in lapsed.filter(event=locked):
                registration.state = State.WITHDRAWN
                registration.offer_expires_at = None
                registration.save(update_fields=["state", "offer_expires_at", "updated_at"])
                _log(registration, "offer_expired", by=None)
                notifications.offer_expired(registration)
                count += 1
            fill_freed_seats(locked, now=now)
    return count


@transaction.atomic
def decide(registration: Registration, *, by, approve: bool, now: datetime | None = None):
    """The organiser approves a pending registration (confirmed if a public seat
    is free, else on the waiting list) or rejects it."""
    event = _lock(registration.event)
    registration.refresh_from_db()
    if registration.state != State.PENDING:
        raise EventError(_("Only a registration waiting for approval can be approved or rejected."))
    if approve:
        registration.state = _seat_or_queue(event)
        # In the queue from the approval: nobody approved earlier is passed.
        registration.queued_at = now or timezone.now()
    else:
        registration.state = State.REJECTED
    registration.save(update_fields=["state", "queued_at", "updated_at"])
    _log(registration, "approved" if approve else "rejected", by=by, state=registration.state)
    notifications.registration_changed(registration, approved=approve)
    if registration.state == State.WAITLISTED:
        fill_freed_seats(event, by=by, now=now)
    return registration


@transaction.atomic
def give_reserved_seat(registration: Registration, *, by) -> Registration:
    """The organiser confirms someone into a reserved seat (a speaker, a guest)."""
    event = _lock(registration.event)
    registration.refresh_from_db()
    if registration.reserved_seat and registration.state == State.CONFIRMED:
        return registration  # in a reserved seat already
    if seats(event).reserved_free(event) < 1:
        raise EventError(_("No reserved seat is free."))
    held_public = registration.state in Registration.HOLDS_SEAT and not registration.reserved_seat
    was_confirmed = registration.state == State.CONFIRMED
    registration.state = State.CONFIRMED
    registration.reserved_seat = True
    registration.offer_expires_at = None
    registration.save(update_fields=["state", "reserved_seat", "offer_expires_at", "updated_at"])
    _log(registration, "reserved_seat", by=by)
    if not was_confirmed:  # a confirmed person keeps their seat's mail and .ics
        notifications.registration_changed(registration)
    if held_public:
        fill_freed_seats(event, by=by)
    return registration


@transaction.atomic
def check_in(
    registration: Registration, *, by, undo: bool = False, now: datetime | None = None
) -> Registration:
    if registration.state != State.CONFIRMED:
        raise EventError(_("Only confirmed participants are checked in."))
    registration.checked_in_at = None if undo else (now or timezone.now())
    registration.save(update_fields=["checked_in_at", "updated_at"])
    _log(registration, "check_in_undone" if undo else "checked_in", by=by)
    return registration


# Personal feed --------------------------------------------------------------------


@transaction.atomic
def renew_feed_token(user, *, by) -> FeedToken:
    """A new secret for the person's calendar feed; the old address stops working."""
    token, _new = FeedToken.objects.update_or_create(
        user=user, defaults={"key": secrets.token_urlsafe(32)}
    )
    log_action(user, "events.feed_token.renewed", by=by)
    return token


# Organisers ---------------------------------------------------------------------


@transaction.atomic
def set_questions(event: Event, *, by, questions: list, deleted: list) -> None:
    """Save the registration's extra questions as the organiser left them:
    ``questions`` changed or new (unsaved ``Question`` objects of the event),
    ``deleted`` removed. Answers already given stay in the registrations."""
    for question in deleted:
        question.delete()
    for question in questions:
        question.event = event
        question.save()
    log_action(
        event,
        "events.event.questions",
        by=by,
        data={"saved": len(questions), "deleted": len(deleted)},
    )


@transaction.atomic
def set_reminders(event: Event, *, by, reminders: list, deleted: list) -> None:
    """Save the event's reminders: ``reminders`` changed or new, ``deleted`` removed.
    Whether and what a reminder sends is decided when it fires, from the event as
    it is then."""
    for reminder in deleted:
        reminder.delete()
    for reminder in reminders:
        reminder.event = event
        reminder.save()
    log_action(
        event,
        "events.event.reminders",
        by=by,
        data={
            "offsets_hours": sorted(
                int(reminder.offset.total_seconds() // 3600) for reminder in reminders
            ),
            "deleted": len(deleted),
        },
    )


@transaction.atomic
def set_invitations(event: Event, emails: list[str], *, by) -> tuple[int, int]:
    """Invite exactly ``emails`` (lower case) to the event: new addresses are
    invited, those left out lose their invitation. (added, removed)."""
    wanted = {email.lower() for email in emails}
    existing = {invitation.email.lower(): invitation for invitation in event.invitations.all()}
    removed = [invitation.pk for email, invitation in existing.items() if email not in wanted]
    Invitation.objects.filter(pk__in=removed).delete()
    added = [Invitation(event=event, email=email) for email in sorted(wanted - existing.keys())]
    Invitation.objects.bulk_create(added)
    log_action(
        event,
        "events.event.invitations",
        by=by,
        data={"added": len(added), "removed": len(removed)},
    )
    return len(added), len(removed)
