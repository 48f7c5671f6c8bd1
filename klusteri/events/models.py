"""Events, series of regular meetings, registrations and the organisers' closing
reports.

An event is organised by a cluster (its managers organise it) or by the national
platform (``organiser`` empty: platform staff organise it). What an event and a
series have in common, their settings, is declared once in ``EventSettings``: a
series' new occurrences are created with the series' settings
(``services.extend_series``), and an occurrence moved or cancelled alone is
``detached`` from the series' later changes.

Seats: ``capacity`` seats in all (empty: no limit), of which ``reserved_seats`` are
held for the organiser's invitees and speakers and never offered to the public.
A seat is held by a confirmed registration and by an offer not yet answered, so a
freed seat is offered to the first person waiting and nobody else can take it in
the meantime (``services``). A registration's state changes only through
``services``; the event's row is locked while seats are counted, so two people
never take the last seat.
"""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from klusteri.clusters.models import Cluster, ClusterMembership, Ecosystem, ServiceArea
from klusteri.core import pagecache
from klusteri.places.models import Municipality

DEFAULT_TIME_ZONE = "Europe/Helsinki"


class EventType(models.TextChoices):
    NATIONAL = "national", _("National event")
    REGULAR_MEETING = "meeting", _("Regular meeting")
    WEBINAR = "webinar", _("Webinar")
    WORKSHOP = "workshop", _("Workshop")
    TRAINING = "training", _("Training")
    MATCHMAKING = "matchmaking", _("Matchmaking event")


class Format(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("Hybrid")


class LinkVisibility(models.TextChoices):
    EVERYONE = "everyone", _("Everyone")
    SIGNED_IN = "signed_in", _("Signed-in users")
    PARTICIPANTS = "participants", _("Registered participants")


class Audience(models.TextChoices):
    OPEN = "open", _("Open to all")
    MEMBERS = "members", _("Members of the organising cluster")
    INVITATION = "invitation", _("By invitation only")


class EventLanguage(models.TextChoices):
    FINNISH = "fi", _("Finnish")
    SWEDISH = "sv", _("Swedish")
    ENGLISH = "en", _("English")


def validate_time_zone(value: str) -> None:
    from django.core.exceptions import ValidationError

    try:
        ZoneInfo(value)
    except (ValueError, KeyError, OSError):  # zoneinfo raises several kinds
        raise ValidationError(_("Unknown time zone: %(zone)s"), params={"zone": value}) from None


class EventSettings(models.Model):
    """What an event and a series of events both have: the series' settings are
    what its new occurrences are created with. One field list for both."""

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(
        _("description"), blank=True, help_text=_("Markdown: paragraphs, lists, links.")
    )
    event_type = models.CharField(_("type"), max_length=20, choices=EventType)
    format = models.CharField(_("format"), max_length=20, choices=Format, default=Format.IN_PERSON)
    organiser = models.ForeignKey(
        Cluster,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organised_%(class)s_set",
        verbose_name=_("organiser"),
        help_text=_("Empty: the national cluster platform."),
    )
    co_organisers = models.ManyToManyField(
        Cluster,
        blank=True,
        related_name="co_organised_%(class)s_set",
        verbose_name=_("co-organisers"),
    )
    time_zone = models.CharField(
        _("time zone"), max_length=50, default=DEFAULT_TIME_ZONE, validators=[validate_time_zone]
    )
    venue_name = models.CharField(_("venue"), max_length=200, blank=True)
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="%(class)s_set",
        verbose_name=_("municipality"),
    )
    online_url = models.URLField(_("online link"), max_length=500, blank=True)
    online_url_visibility = models.CharField(
        _("who sees the online link"),
        max_length=20,
        choices=LinkVisibility,
        default=LinkVisibility.PARTICIPANTS,
    )
    languages = models.JSONField(
        _("languages"), default=list, blank=True, help_text=_("The languages spoken.")
    )
    topics = models.ManyToManyField(
        ServiceArea, blank=True, related_name="%(class)s_set", verbose_name=_("topics")
    )
    ecosystems = models.ManyToManyField(
        Ecosystem,
        blank=True,
        related_name="%(class)s_set",
        verbose_name=_("EU industrial ecosystems"),
    )
    audience = models.CharField(
        _("audience"), max_length=20, choices=Audience, default=Audience.OPEN
    )
    # Registration
    registration_required = models.BooleanField(_("registration required"), default=True)
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Empty: no limit.")
    )
    reserved_seats = models.PositiveIntegerField(
        _("reserved seats"),
        default=0,
        help_text=_("Held for invited guests and speakers; never offered to the public."),
    )
    requires_approval = models.BooleanField(
        _("registrations are approved by the organiser"), default=False
    )
    asks_organisation = models.BooleanField(
        _("participants register on behalf of an organisation"), default=False
    )
    offer_hours = models.PositiveSmallIntegerField(
        _("hours to accept a freed seat"),
        default=24,
        validators=[MinValueValidator(1), MaxValueValidator(24 * 14)],
        help_text=_("A seat offered to the first person on the waiting list waits this long."),
    )

    class Meta:
        abstract = True


class EventSeriesQuerySet(models.QuerySet):
    def managed_by(self, user) -> "EventSeriesQuerySet":
        if not user.is_authenticated:
            return self.none()
        if user.is_staff:
            return self
        return self.filter(organiser__managers__user=user)


class EventSeries(EventSettings):
    """A regular meeting: its occurrences follow ``rule``, an RFC 5545 recurrence
    rule (``FREQ=MONTHLY;BYDAY=1TU``) read in the series' time zone from
    ``first_start``, so that a meeting at 9.00 stays at 9.00 across the change to
    and from summer time."""

    rule = models.CharField(
        _("recurrence rule"),
        max_length=200,
        help_text=_("As in calendars (RFC 5545), e.g. FREQ=MONTHLY;BYDAY=1TU."),
    )
    first_start = models.DateTimeField(_("first occurrence starts"))
    duration = models.DurationField(_("duration"), default=timedelta(hours=1))
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    objects = EventSeriesQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name = _("event series")
        verbose_name_plural = _("event series")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:series-detail", args=[self.pk])


class EventQuerySet(models.QuerySet):
    def listed(self) -> "EventQuerySet":
        """What the calendar shows everyone: every event but the drafts."""
        return self.exclude(status=Event.Status.DRAFT)

    def visible_to(self, user) -> "EventQuerySet":
        """The listed events, and the drafts of the events the person organises."""
        if user.is_authenticated and user.is_staff:
            return self
        if user.is_authenticated:
            return self.filter(
                ~Q(status=Event.Status.DRAFT) | Q(organiser__managers__user=user)
            ).distinct()
        return self.listed()

    def managed_by(self, user) -> "EventQuerySet":
        """The events the person organises: as a manager of the organising cluster,
        or as platform staff (who organise the national platform's events too)."""
        if not user.is_authenticated:
            return self.none()
        if user.is_staff:
            return self
        return self.filter(organiser__managers__user=user)

    def upcoming(self, now: datetime | None = None) -> "EventQuerySet":
        """Not yet ended, the soonest first."""
        return self.filter(ends_at__gte=now or timezone.now()).order_by("starts_at", "pk")

    def past(self, now: datetime | None = None) -> "EventQuerySet":
        """Ended, the latest first."""
        return self.filter(ends_at__lt=now or timezone.now()).order_by("-starts_at", "-pk")

    def organised_by(self, cluster: Cluster | None) -> "EventQuerySet":
        """By ``cluster`` as organiser or co-organiser; None: the national platform."""
        if cluster is None:
            return self.filter(organiser__isnull=True)
        co_organised = Event.co_organisers.through.objects.filter(
            event=OuterRef("pk"), cluster=cluster
        )
        return self.filter(Q(organiser=cluster) | Exists(co_organised))

    def closing_figures(self) -> "EventQuerySet":
        """The completed events with their closing reports: what impact reporting
        reads (attendees, organisations present, outcomes)."""
        return self.filter(status=Event.Status.COMPLETED).select_related("closing_report")


class Event(EventSettings):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        CANCELLED = "cancelled", _("Cancelled")
        POSTPONED = "postponed", _("Postponed")
        COMPLETED = "completed", _("Completed")

    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status, default=Status.DRAFT, db_index=True
    )
    registration_opens_at = models.DateTimeField(
        _("registration opens"), null=True, blank=True, help_text=_("Empty: at once.")
    )
    registration_closes_at = models.DateTimeField(
        _("registration closes"), null=True, blank=True, help_text=_("Empty: when it starts.")
    )
    series = models.ForeignKey(
        EventSeries,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="occurrences",
        verbose_name=_("series"),
    )
    # The start the series' rule gives this occurrence (its RECURRENCE-ID): kept when
    # the occurrence is moved, so that the series never creates it again.
    occurrence_start = models.DateTimeField(_("occurrence of"), null=True, blank=True)
    detached = models.BooleanField(
        _("changed alone"),
        default=False,
        help_text=_("Moved or cancelled alone: later changes of the series leave it as it is."),
    )
    recording_url = models.URLField(_("recording"), max_length=500, blank=True)
    materials = models.TextField(
        _("materials"), blank=True, help_text=_("Markdown: links to slides and documents.")
    )
    is_demo = models.BooleanField(
        _("demo"), default=False, help_text=_("Fictional, for the demonstration.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [
            models.Index(fields=["status", "ends_at", "starts_at"], name="events_event_calendar"),
            # The calendar's order (``upcoming``, ``past``): the database walks this
            # index in the order of the starts and stops at the page's events,
            # reading the other columns of the narrowing from it too, instead of
            # sorting every upcoming event.
            models.Index(
                fields=["starts_at", "id", "ends_at", "status"], name="events_event_by_start"
            ),
            models.Index(fields=["organiser", "starts_at"], name="events_event_organiser"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=models.F("starts_at")), name="events_event_ends_after"
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(reserved_seats__lte=models.F("capacity")),
                name="events_event_reserved_within_capacity",
            ),
            models.UniqueConstraint(
                fields=["series", "occurrence_start"], name="events_event_one_per_occurrence"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:detail", args=[self.pk])

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    @property
    def local_start(self) -> datetime:
        return self.starts_at.astimezone(self.zone)

    @property
    def local_end(self) -> datetime:
        return self.ends_at.astimezone(self.zone)

    @property
    def public_seats(self) -> int | None:
        """Seats open to the public: the capacity less the reserved seats."""
        if self.capacity is None:
            return None
        return self.capacity - self.reserved_seats

    @property
    def is_listed(self) -> bool:
        return self.status != self.Status.DRAFT

    @property
    def takes_place(self) -> bool:
        """Published or completed: not a draft, not cancelled, not postponed."""
        return self.status in (self.Status.PUBLISHED, self.Status.COMPLETED)

    def has_started(self, now: datetime | None = None) -> bool:
        return self.starts_at <= (now or timezone.now())

    def has_ended(self, now: datetime | None = None) -> bool:
        return self.ends_at < (now or timezone.now())

    def registration_is_open(self, now: datetime | None = None) -> bool:
        now = now or timezone.now()
        if not self.registration_required or self.status != self.Status.PUBLISHED:
            return False
        if self.registration_opens_at and now < self.registration_opens_at:
            return False
        return now < (self.registration_closes_at or self.starts_at)

    def is_managed_by(self, user) -> bool:
        if not user.is_authenticated:
            return False
        if user.is_staff:
            return True
        return self.organiser_id is not None and self.organiser.managers.filter(user=user).exists()

    def may_register(self, user) -> bool:
        """Whether the audience admits the person (membership of the organising
        cluster, an invitation); not whether registration is open or seats free."""
        if not user.is_authenticated:
            return False
        if self.audience == Audience.OPEN or self.is_managed_by(user):
            return True
        if self.audience == Audience.MEMBERS:
            return self.member_organisations_of(user).exists()
        return self.invitations.filter(email__iexact=user.email).exists()

    def member_organisations_of(self, user):
        """The person's organisations that are members of the organising cluster."""
        from klusteri.accounts.models import Organisation

        if self.organiser_id is None:
            return Organisation.objects.of_user(user)
        members = ClusterMembership.objects.filter(
            cluster_id=self.organiser_id, organisation=OuterRef("pk")
        )
        return Organisation.objects.of_user(user).filter(Exists(members))

    def online_url_for(self, user, registration: "Registration | None" = None) -> str:
        """The online link if the person may see it, else an empty string."""
        if not self.online_url:
            return ""
        visibility = self.online_url_visibility
        if visibility == LinkVisibility.EVERYONE:
            return self.online_url
        if not user.is_authenticated:
            return ""
        if visibility == LinkVisibility.SIGNED_IN or self.is_managed_by(user):
            return self.online_url
        if registration is None:
            registration = self.registrations.filter(user=user).first()
        if registration is not None and registration.state == Registration.State.CONFIRMED:
            return self.online_url
        return ""


class Invitation(models.Model):
    """Who may register for an invitation-only event (and take a reserved seat)."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("event")
    )
    email = models.EmailField(_("e-mail address"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["email"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(fields=["event", "email"], name="events_invitation_unique"),
        ]

    def __str__(self) -> str:
        return self.email


class Question(models.Model):
    """An extra question of an event's registration form."""

    class Kind(models.TextChoices):
        TEXT = "text", _("Text")
        CHOICE = "choice", _("One of the choices")
        YES_NO = "yes_no", _("Yes or no")

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="questions", verbose_name=_("event")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    text = models.CharField(_("question"), max_length=300)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind, default=Kind.TEXT)
    choices = models.TextField(_("choices"), blank=True, help_text=_("One per line."))
    is_required = models.BooleanField(_("required"), default=False)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return self.text

    @property
    def choice_list(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]


class RegistrationQuerySet(models.QuerySet):
    def of(self, user) -> "RegistrationQuerySet":
        if not user.is_authenticated:
            return self.none()
        return self.filter(user=user)

    def waiting(self) -> "RegistrationQuerySet":
        """The waiting list in its order: who came first is offered first."""
        return self.filter(state=Registration.State.WAITLISTED).order_by("queued_at", "pk")

    def with_queue_position(self) -> "RegistrationQuerySet":
        """``ahead_in_queue``: how many wait before each one (for a waitlisted
        registration; ``Registration.queue_position`` reads it), in the same query."""
        ahead = (
            Registration.objects.filter(
                event=OuterRef("event"), state=Registration.State.WAITLISTED
            )
            .filter(
                Q(queued_at__lt=OuterRef("queued_at"))
                | Q(queued_at=OuterRef("queued_at"), pk__lt=OuterRef("pk"))
            )
            .order_by()
            .values("event")
            .annotate(count=Count("pk"))
            .values("count")
        )
        return self.annotate(ahead_in_queue=Coalesce(Subquery(ahead), 0))


class Registration(models.Model):
    """One person's registration for an event. ``queued_at`` orders the waiting
    list; an offer waits until ``offer_expires_at`` and then passes on."""

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting for approval")
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("On the waiting list")
        OFFERED = "offered", _("Seat offered")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        REJECTED = "rejected", _("Rejected")

    HOLDS_SEAT = (State.CONFIRMED, State.OFFERED)
    ACTIVE = (State.PENDING, State.CONFIRMED, State.WAITLISTED, State.OFFERED)

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("event")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="event_registrations",
        verbose_name=_("person"),
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="event_registrations",
        verbose_name=_("on behalf of"),
    )
    state = models.CharField(_("state"), max_length=20, choices=State, db_index=True)
    reserved_seat = models.BooleanField(
        _("reserved seat"), default=False, help_text=_("Given by the organiser.")
    )
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    queued_at = models.DateTimeField(_("registered"), default=timezone.now)
    offer_expires_at = models.DateTimeField(_("offer valid until"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["queued_at", "pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        indexes = [
            models.Index(fields=["event", "state", "queued_at"], name="events_registration_queue"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="events_registration_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.event}"

    @property
    def is_active(self) -> bool:
        return self.state in self.ACTIVE

    def queue_position(self) -> int | None:
        """Where a waitlisted person stands in the queue (1: the next offered)."""
        if self.state != self.State.WAITLISTED:
            return None
        if hasattr(self, "ahead_in_queue"):  # RegistrationQuerySet.with_queue_position
            return self.ahead_in_queue + 1
        ahead = (
            Registration.objects.filter(event_id=self.event_id)
            .waiting()
            .filter(Q(queued_at__lt=self.queued_at) | Q(queued_at=self.queued_at, pk__lt=self.pk))
        )
        return ahead.count() + 1


class Reminder(models.Model):
    """A reminder to an event's confirmed participants, ``offset`` before (negative)
    or after its start or end. Its text is the organiser's, in three languages; the
    mail adds the time, the place and the link."""

    class Anchor(models.TextChoices):
        START = "start", _("the start")
        END = "end", _("the end")

    DEFAULT_OFFSET = timedelta(hours=-48)

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="reminders", verbose_name=_("event")
    )
    anchor = models.CharField(_("relative to"), max_length=10, choices=Anchor, default=Anchor.START)
    offset = models.DurationField(
        _("offset"), default=DEFAULT_OFFSET, help_text=_("Negative: before, positive: after.")
    )
    text = models.TextField(_("text"), blank=True)

    class Meta:
        ordering = ["event", "offset", "pk"]
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")

    def __str__(self) -> str:
        return f"{self.event}: {self.offset}"

    def fires_at(self, event: Event | None = None) -> datetime:
        event = event or self.event
        base = event.starts_at if self.anchor == self.Anchor.START else event.ends_at
        return base + self.offset


class ClosingReport(models.Model):
    """What the organiser reports after the event: required to mark it completed;
    impact reporting reads its figures (``EventQuerySet.closing_figures``)."""

    event = models.OneToOneField(
        Event, on_delete=models.CASCADE, related_name="closing_report", verbose_name=_("event")
    )
    attendees = models.PositiveIntegerField(_("attendees"))
    organisations_present = models.PositiveIntegerField(_("organisations present"))
    outcomes = models.TextField(_("outcomes"))
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("written by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    class Meta:
        verbose_name = _("closing report")
        verbose_name_plural = _("closing reports")

    def __str__(self) -> str:
        return str(self.event)


class FeedToken(models.Model):
    """The secret in the address of a person's own calendar feed (their
    registrations). A new token makes the old address stop working."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="event_feed_token",
        verbose_name=_("person"),
    )
    key = models.CharField(_("key"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("calendar feed token")
        verbose_name_plural = _("calendar feed tokens")

    def __str__(self) -> str:
        return f"{self.user}"


# The calendar's anonymous pages and fragments are kept under the "events" version
# of core.pagecache; a change of an event or what it shows makes a new one.
pagecache.forget_on_change(
    "events",
    Event,
    EventSeries,
    Registration,
    Cluster,
    m2m=[Event.co_organisers.through, Event.topics.through, Event.ecosystems.through],
)
