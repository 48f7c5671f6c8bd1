"""Funding programmes and their calls, a cluster's own funding sources, and what a
person follows: saved searches and followed calls.

A call's status (forthcoming, open, closed) is never stored: it follows from its
opening date and deadlines and the clock (``Call.status_at``,
``CallQuerySet.with_status``). ``Call.closes_at`` is the last deadline, kept by
``services.save_call`` so that the status can be filtered and sorted by an index.
"""

from datetime import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, Exists, OuterRef, Q, Subquery, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from klusteri.clusters.models import Cluster, Ecosystem
from klusteri.core import pagecache
from klusteri.places.models import Region

PERCENT = [MinValueValidator(0), MaxValueValidator(100)]
DEFAULT_TIME_ZONE = "Europe/Brussels"  # the EU portal's deadlines are Brussels time


class Level(models.TextChoices):
    EU = "eu", _("EU")
    NORDIC = "nordic", _("Nordic")
    NATIONAL = "national", _("National")
    REGIONAL = "regional", _("Regional")


class FundingKind(models.TextChoices):
    PROJECT = "project", _("Project funding")
    OPERATING = "operating", _("Operating or base funding")
    LONG_TERM = "long_term", _("Long-term funding")
    CONTINUATION = "continuation", _("Post-project continuation")
    LOAN = "loan", _("Loan or guarantee")
    PRIZE = "prize", _("Prize")
    PROCUREMENT = "procurement", _("Procurement")


# Kinds that carry a cluster past the end of a project: what the continuity warning
# offers when a cluster's base or project funding is about to end.
CONTINUING_KINDS = (FundingKind.OPERATING, FundingKind.LONG_TERM, FundingKind.CONTINUATION)


class ApplicantType(models.Model):
    """Who may apply for a call: cluster organisations, SMEs, research organisations…
    Reference data (``reference.APPLICANT_TYPES``)."""

    CLUSTER_ORGANISATION = "cluster-organisation"

    slug = models.SlugField(_("slug"), unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ["position"]
        verbose_name = _("applicant type")
        verbose_name_plural = _("applicant types")

    def __str__(self) -> str:
        return self.name


class ProgrammeQuerySet(models.QuerySet):
    def active(self) -> "ProgrammeQuerySet":
        return self.filter(is_active=True)


class Programme(models.Model):
    """A funding programme or instrument: Horizon Europe's EIE, Interreg Aurora,
    Business Finland's Co-Innovation. The real ones are reference data
    (``data/eu_funding_programmes.csv``)."""

    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    name = models.CharField(_("name"), max_length=200)
    funder = models.CharField(_("funder"), max_length=200)
    level = models.CharField(_("level"), max_length=20, choices=Level)
    kind = models.CharField(_("kind of funding"), max_length=20, choices=FundingKind)
    typical_applicants = models.TextField(_("typical applicants"), blank=True)
    relevance = models.TextField(_("relevance for clusters"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    url = models.URLField(_("link"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    status_note = models.CharField(
        _("status"), max_length=200, blank=True, help_text=_("As the source states it.")
    )
    source_url = models.CharField(_("source"), max_length=1000, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("funding programme")
        verbose_name_plural = _("funding programmes")

    def __str__(self) -> str:
        return self.name


# What the finder reads of a call besides its programme (``CallFilter.narrow``,
# ``by_next_deadline``, ``cards.card_rows``): the columns of its covering indexes,
# which end with the primary key too (SQLite's indexes carry it anyway; PostgreSQL's
# answer from the index alone only with it).
FINDER_COLUMNS = [
    "is_published",
    "closes_at",
    "opens_at",
    "deadline_model",
    "identifier",
    "grant_max",
    "budget_total",
    "countries",
]


class CallQuerySet(models.QuerySet):
    def published(self) -> "CallQuerySet":
        return self.filter(is_published=True)

    def visible_to(self, user) -> "CallQuerySet":
        if user.is_authenticated and user.is_staff:
            return self
        return self.published()

    # The status, from the dates. ``now`` defaults to the clock.

    def forthcoming(self, now: datetime | None = None) -> "CallQuerySet":
        return self.filter(opens_at__gt=now or timezone.now())

    def open(self, now: datetime | None = None) -> "CallQuerySet":
        now = now or timezone.now()
        return self.filter(Q(opens_at__isnull=True) | Q(opens_at__lte=now)).filter(
            Q(closes_at__isnull=True) | Q(closes_at__gte=now)
        )

    def closed(self, now: datetime | None = None) -> "CallQuerySet":
        return self.filter(closes_at__lt=now or timezone.now())

    def not_closed(self, now: datetime | None = None) -> "CallQuerySet":
        return self.filter(Q(closes_at__isnull=True) | Q(closes_at__gte=now or timezone.now()))

    def with_status(self, now: datetime | None = None) -> "CallQuerySet":
        now = now or timezone.now()
        return self.annotate(
            status=Case(
                When(opens_at__gt=now, then=Value(Call.Status.FORTHCOMING)),
                When(closes_at__lt=now, then=Value(Call.Status.CLOSED)),
                default=Value(Call.Status.OPEN),
                output_field=models.CharField(),
            )
        )

    def with_next_deadline(self, now: datetime | None = None) -> "CallQuerySet":
        """``next_deadline``: the first deadline still ahead, None when none is.

        A call with one deadline at most has it in ``closes_at``: only the calls
        with several are asked of their deadlines, so that sorting thousands of
        calls does not run a subquery for each."""
        now = now or timezone.now()
        upcoming = Deadline.objects.filter(call=OuterRef("pk"), at__gte=now)
        return self.annotate(
            next_deadline=Case(
                When(
                    deadline_model__in=[
                        Call.DeadlineModel.SINGLE_STAGE,
                        Call.DeadlineModel.CONTINUOUS,
                    ],
                    then=Case(When(closes_at__gte=now, then="closes_at"), default=None),
                ),
                default=Subquery(upcoming.order_by("at").values("at")[:1]),
                output_field=models.DateTimeField(),
            ),
        )

    def by_next_deadline(self, now: datetime | None = None) -> "CallQuerySet":
        """The calls whose next deadline comes first first; open-ended and closed
        calls last (closed ones by their last deadline, the latest first)."""
        return self.with_next_deadline(now).order_by(
            models.F("next_deadline").asc(nulls_last=True),
            models.F("closes_at").desc(nulls_first=True),
            "identifier",
        )

    def open_to(self, cluster: Cluster) -> "CallQuerySet":
        """The calls a cluster organisation may take part in: the hard rules of
        eligibility (``matching`` scores the rest). A call without listed
        countries or regions takes them from anywhere."""
        # EXISTS, not a join and DISTINCT: the database can then walk the calls in
        # the order of an index and stop at the first ones it needs.
        regions = Call.regions.through.objects.filter(call=OuterRef("pk"))
        return (
            self.exclude(cluster_role=Call.ClusterRole.NOT_ELIGIBLE)
            .filter(Q(countries="") | Q(countries__contains=cluster.country))
            .filter(~Exists(regions) | Exists(regions.filter(region_id=cluster.region_id)))
        )

    def for_cards(self) -> "CallQuerySet":
        return self.select_related("programme").prefetch_related("deadlines")


class Call(models.Model):
    """A call for proposals (or for applications, or a continuous funding window) of
    a programme."""

    class Status(models.TextChoices):
        FORTHCOMING = "forthcoming", _("Forthcoming")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    class DeadlineModel(models.TextChoices):
        SINGLE_STAGE = "single", _("Single-stage")
        TWO_STAGE = "two_stage", _("Two-stage")
        MULTIPLE_CUT_OFF = "multiple", _("Multiple cut-off dates")
        CONTINUOUS = "continuous", _("Continuous")

    class ClusterRole(models.TextChoices):
        APPLICANT = "applicant", _("Clusters may apply, also as coordinator")
        PARTNER = "partner", _("Clusters may take part as partners")
        INTERMEDIARY = "intermediary", _("Clusters may pass the funding on to SMEs")
        NOT_ELIGIBLE = "not_eligible", _("Clusters may not take part")

    class Source(models.TextChoices):
        MANUAL = "manual", _("Entered by platform staff")
        IMPORT = "import", _("Imported file")
        EU_PORTAL = "eu_portal", _("EU Funding & Tenders portal")

    identifier = models.CharField(
        _("identifier"),
        max_length=100,
        unique=True,
        help_text=_("The funder's call identifier, e.g. HORIZON-EIE-2026-CONNECT-01."),
    )
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="calls", verbose_name=_("programme")
    )
    action_type = models.CharField(
        _("type of action"), max_length=100, blank=True, help_text=_("E.g. CSA, RIA, IA.")
    )
    deadline_model = models.CharField(
        _("deadline model"),
        max_length=20,
        choices=DeadlineModel,
        default=DeadlineModel.SINGLE_STAGE,
    )
    opens_at = models.DateTimeField(_("opens"), null=True, blank=True)
    # The last deadline (None: open until further notice); written by services.save_call.
    closes_at = models.DateTimeField(_("closes"), null=True, blank=True, editable=False)
    budget_total = models.DecimalField(
        _("total budget (EUR)"), max_digits=14, decimal_places=0, null=True, blank=True
    )
    grant_min = models.DecimalField(
        _("smallest grant (EUR)"), max_digits=14, decimal_places=0, null=True, blank=True
    )
    grant_max = models.DecimalField(
        _("largest grant (EUR)"), max_digits=14, decimal_places=0, null=True, blank=True
    )
    cofunding_rate = models.PositiveSmallIntegerField(
        _("funding rate (%)"),
        null=True,
        blank=True,
        validators=PERCENT,
        help_text=_("The share of eligible costs the funder pays."),
    )
    applicant_types = models.ManyToManyField(
        ApplicantType, blank=True, related_name="calls", verbose_name=_("eligible applicants")
    )
    countries = CountryField(
        _("eligible countries"),
        multiple=True,
        blank=True,
        help_text=_("Empty: applicants from any country."),
    )
    regions = models.ManyToManyField(
        Region,
        blank=True,
        related_name="funding_calls",
        verbose_name=_("eligible regions"),
        help_text=_("Empty: applicants from any region."),
    )
    ecosystems = models.ManyToManyField(
        Ecosystem,
        blank=True,
        related_name="funding_calls",
        verbose_name=_("EU industrial ecosystems"),
    )
    keywords = models.JSONField(_("keywords"), default=list, blank=True)
    cluster_role = models.CharField(
        _("role of clusters"), max_length=20, choices=ClusterRole, default=ClusterRole.PARTNER
    )
    source = models.CharField(_("source"), max_length=20, choices=Source, default=Source.MANUAL)
    source_url = models.URLField(_("source address"), max_length=500, blank=True)
    last_checked_on = models.DateField(_("last checked"), null=True, blank=True)
    is_published = models.BooleanField(_("published"), default=True)
    is_demo = models.BooleanField(
        _("demo"), default=False, help_text=_("Fictional, for the demonstration.")
    )
    # When something a follower cares about last changed (dates, money, eligibility,
    # the texts): what the digests report. Written by services.save_call.
    changed_at = models.DateTimeField(_("last changed"), default=timezone.now, db_index=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    objects = CallQuerySet.as_manager()

    class Meta:
        ordering = ["closes_at", "identifier"]
        verbose_name = _("funding call")
        verbose_name_plural = _("funding calls")
        indexes = [
            models.Index(fields=["closes_at", "opens_at"], name="funding_call_dates"),
            # The finder's: a row of a call is wide (its texts in three languages), so
            # reading thousands to count and sort them costs. These two hold every
            # column the finder's narrowing, counting and sorting read, so that the
            # database answers from the index alone: one for a list narrowed by its
            # programmes (the level, the kind), one for any other.
            models.Index(
                fields=["programme", *FINDER_COLUMNS, "id"], name="funding_call_finder_programme"
            ),
            models.Index(fields=[*FINDER_COLUMNS, "programme", "id"], name="funding_call_finder"),
            # A cluster's matches read the calls open to it in the order of their
            # deadlines (``matching.matches_for``): the columns of the hard rules
            # alongside let the database choose them from the index alone.
            models.Index(
                fields=["closes_at", "opens_at", "is_published", "cluster_role", "countries", "id"],
                name="funding_call_eligibility",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(grant_min__isnull=True)
                | Q(grant_max__isnull=True)
                | Q(grant_min__lte=models.F("grant_max")),
                name="funding_call_grant_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.identifier} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("funding:call-detail", args=[self.identifier])

    def status_at(self, now: datetime | None = None) -> str:
        now = now or timezone.now()
        if self.opens_at and self.opens_at > now:
            return self.Status.FORTHCOMING
        if self.closes_at and self.closes_at < now:
            return self.Status.CLOSED
        return self.Status.OPEN

    @property
    def status(self) -> str:
        """The status now, or as ``CallQuerySet.with_status`` read it."""
        return self.__dict__.get("_status") or self.status_at()

    @status.setter
    def status(self, value: str) -> None:  # the annotation of ``with_status``
        self.__dict__["_status"] = value

    def next_deadline_at(self, now: datetime | None = None) -> "Deadline | None":
        """The first deadline still ahead (uses the prefetched deadlines)."""
        now = now or timezone.now()
        return next((d for d in self.deadlines.all() if d.at >= now), None)

    def days_left(self, now: datetime | None = None) -> int | None:
        deadline = self.next_deadline_at(now)
        if deadline is None:
            return None
        return (deadline.at - (now or timezone.now())).days


class Deadline(models.Model):
    """One deadline of a call: the only one, stage 1 or 2 of a two-stage call, or one
    of several cut-off dates. Stored in UTC, shown in the funder's time zone."""

    call = models.ForeignKey(
        Call, on_delete=models.CASCADE, related_name="deadlines", verbose_name=_("call")
    )
    at = models.DateTimeField(_("deadline"))
    time_zone = models.CharField(_("time zone"), max_length=50, default=DEFAULT_TIME_ZONE)
    label = models.CharField(
        _("label"), max_length=100, blank=True, help_text=_("E.g. “Stage 1”, “Cut-off 2”.")
    )

    class Meta:
        ordering = ["at"]
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")
        indexes = [models.Index(fields=["call", "at"], name="funding_deadline_call_at")]
        constraints = [
            models.UniqueConstraint(fields=["call", "at"], name="funding_deadline_unique_at"),
        ]

    def __str__(self) -> str:
        return f"{self.call.identifier} {self.at:%Y-%m-%d %H:%M}"

    @property
    def local_at(self) -> datetime:
        from zoneinfo import ZoneInfo

        return self.at.astimezone(ZoneInfo(self.time_zone))


class FundingSourceQuerySet(models.QuerySet):
    def of(self, cluster: Cluster) -> "FundingSourceQuerySet":
        return self.filter(cluster=cluster)


class FundingSource(models.Model):
    """Where a cluster's money comes from, for how long: what the continuity warning
    reads. Private to the cluster's managers and platform staff."""

    class Kind(models.TextChoices):
        BASE = "base", _("Base or operating funding")
        PROJECT = "project", _("Project funding")
        MEMBERSHIP = "membership", _("Membership fees")
        SERVICES = "services", _("Sales of services")
        OTHER = "other", _("Other")

    cluster = models.ForeignKey(
        Cluster, on_delete=models.CASCADE, related_name="funding_sources", verbose_name=_("cluster")
    )
    name = models.CharField(
        _("source"), max_length=200, help_text=_("E.g. “Regional council, AKKE project”.")
    )
    programme = models.ForeignKey(
        Programme,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="funding_sources",
        verbose_name=_("programme"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    amount = models.DecimalField(
        _("amount (EUR)"), max_digits=12, decimal_places=0, validators=[MinValueValidator(0)]
    )
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"), null=True, blank=True, help_text=_("Empty: ongoing."))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    objects = FundingSourceQuerySet.as_manager()

    class Meta:
        ordering = ["starts_on", "pk"]
        verbose_name = _("funding source")
        verbose_name_plural = _("funding sources")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="funding_fundingsource_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class SavedSearch(models.Model):
    """A person's search of the funding finder, with a digest of the calls that are
    new or changed in it."""

    class Frequency(models.TextChoices):
        DAILY = "daily", _("Daily")
        WEEKLY = "weekly", _("Weekly")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="saved_funding_searches",
        verbose_name=_("person"),
    )
    name = models.CharField(_("name"), max_length=100)
    query = models.CharField(
        _("search"), max_length=2000, blank=True, help_text=_("The finder's query string.")
    )
    frequency = models.CharField(
        _("frequency"), max_length=10, choices=Frequency, default=Frequency.WEEKLY
    )
    # Changes up to this moment have been reported (or predate the search).
    reported_until = models.DateTimeField(_("reported until"), default=timezone.now)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("saved funding search")
        verbose_name_plural = _("saved funding searches")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "query"], name="funding_savedsearch_unique_query"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        url = reverse("funding:call-list")
        return f"{url}?{self.query}" if self.query else url


class FollowedCall(models.Model):
    """A call a person follows: they are reminded before its deadlines."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="followed_calls",
        verbose_name=_("person"),
    )
    call = models.ForeignKey(
        Call, on_delete=models.CASCADE, related_name="followers", verbose_name=_("call")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("followed call")
        verbose_name_plural = _("followed calls")
        constraints = [
            models.UniqueConstraint(fields=["user", "call"], name="funding_followedcall_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.call_id}"


# Everything cached from what the funding pages show (anonymous pages, call cards in
# ``cards.py``, the deadline feeds in ``feeds.py``) is kept under the "funding"
# version of core.pagecache: any change of what they show makes a new one.
# (``services.save_call`` saves the call whenever its deadlines change, so a
# deadline written in bulk renews it too.)
pagecache.forget_on_change(
    "funding",
    Programme,
    Call,
    Deadline,
    ApplicantType,
    Ecosystem,
    Region,
    m2m=[Call.applicant_types.through, Call.regions.through, Call.ecosystems.through],
)
# The clusters that match a call (``views/finder.call_matches``) change with the call
# and with the clusters' profiles: their page is kept under a version of its own.
pagecache.forget_on_change(
    "funding-matches",
    Call,
    Cluster,
    m2m=[
        Call.applicant_types.through,
        Call.regions.through,
        Call.ecosystems.through,
        Cluster.ecosystems.through,
        Cluster.tags.through,
    ],
)
# The finder's filter groups (``CallFilter.groups_version``) list the applicant types.
pagecache.forget_on_change("funding-options", ApplicantType)
