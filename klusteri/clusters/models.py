"""Cluster profiles, their members and partners, and the taxonomies that classify them."""

import operator
from decimal import Decimal
from functools import reduce

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce, Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from klusteri.accounts.models import Organisation
from klusteri.accounts.validators import (
    normalise_registry_id,
    validate_business_id,
    validate_registry_id,
)
from klusteri.clusters.fields import FUNDING_FIELDS, MEMBER_FIELDS, MEMBER_KINDS
from klusteri.core import pagecache
from klusteri.places.models import Municipality, Region

PERCENT = [MinValueValidator(0), MaxValueValidator(100)]
MAX_MEMBER_TOTAL = 1_000_000

# Paths under /clusters/ that are pages, not profiles: no cluster may take them.
RESERVED_SLUGS = frozenset({"map", "import", "export", "organisations"})


def validate_not_reserved(slug: str) -> None:
    if slug in RESERVED_SLUGS:
        raise ValidationError(
            _("“%(slug)s” is reserved for a page of the site: choose another address name."),
            params={"slug": slug},
            code="reserved",
        )


class Ecosystem(models.Model):
    """One of the EU's 14 industrial ecosystems."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    slug = models.SlugField(_("slug"), unique=True)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ["number"]
        verbose_name = _("EU industrial ecosystem")
        verbose_name_plural = _("EU industrial ecosystems")

    def __str__(self) -> str:
        return self.name


class NaceSection(models.Model):
    code = models.CharField(_("code"), max_length=1, unique=True)
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        ordering = ["code"]
        verbose_name = _("NACE section")
        verbose_name_plural = _("NACE sections")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class NaceDivision(models.Model):
    code = models.CharField(_("code"), max_length=2, unique=True)
    section = models.ForeignKey(
        NaceSection, on_delete=models.PROTECT, related_name="divisions", verbose_name=_("section")
    )
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        ordering = ["code"]
        verbose_name = _("NACE division")
        verbose_name_plural = _("NACE divisions")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class ServiceArea(models.Model):
    """The six service areas of a cluster organisation."""

    slug = models.SlugField(_("slug"), unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ["position"]
        verbose_name = _("service area")
        verbose_name_plural = _("service areas")

    def __str__(self) -> str:
        return self.name


class Tag(models.Model):
    """A technology or value-chain keyword, e.g. "hydrogen" or "battery recycling"."""

    class Kind(models.TextChoices):
        TECHNOLOGY = "technology", _("Technology")
        VALUE_CHAIN = "value_chain", _("Value chain")

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.TECHNOLOGY)
    name = models.CharField(_("name"), max_length=80)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def __str__(self) -> str:
        return self.name


class Country(models.TextChoices):
    """The Nordic countries and autonomous territories the directory covers."""

    FINLAND = "FI", _("Finland")
    SWEDEN = "SE", _("Sweden")
    NORWAY = "NO", _("Norway")
    DENMARK = "DK", _("Denmark")
    ICELAND = "IS", _("Iceland")
    ALAND = "AX", _("Åland")
    FAROE_ISLANDS = "FO", _("Faroe Islands")
    GREENLAND = "GL", _("Greenland")


class NullIfEmpty(models.Func):
    """NULL for an empty string. The empty string is written into the SQL rather than
    passed as a parameter, so that the database can match the expression with an
    index on it (SQLite cannot with a parameter)."""

    template = "NULLIF(%(expressions)s, '')"
    arity = 1
    output_field = models.CharField()


def name_sort_key(languages) -> Lower:
    """A cluster's name for sorting: the first non-empty of its names in
    ``languages``, then the untranslated name, case-insensitively. Indexed for each
    language's fallback order (``Cluster.Meta.indexes``)."""
    columns = [NullIfEmpty(F(f"name_{language}")) for language in languages]
    return Lower(Coalesce(*columns, F("name"), output_field=models.CharField()))


# What a card of a cluster shows, in the directory and in the API's lists.
CARD_FIELDS = [
    *(f"name_{code}" for code, _name in settings.LANGUAGES),
    "name",
    "slug",
    "kind",
    "country",
    "city",
    "latitude",
    "longitude",
    "label",
    "national_status",
    "website",
    "is_demo",
    "is_published",
    "updated_at",
    "created_at",
    "member_total",
    "region",
    "municipality",
]


class ClusterQuerySet(models.QuerySet):
    def published(self) -> "ClusterQuerySet":
        return self.filter(is_published=True)

    def finnish(self) -> "ClusterQuerySet":
        return self.filter(country__in=[Country.FINLAND, Country.ALAND])

    def editable_by(self, user) -> "ClusterQuerySet":
        if not user.is_authenticated:
            return self.none()
        if user.is_staff:
            return self
        return self.filter(managers__user=user)

    def visible_to(self, user) -> "ClusterQuerySet":
        """Published clusters, and the unpublished ones the person may edit."""
        if user.is_authenticated and user.is_staff:
            return self
        if user.is_authenticated:
            return self.filter(Q(is_published=True) | Q(managers__user=user)).distinct()
        return self.published()

    def for_cards(self) -> "ClusterQuerySet":
        """The columns a card of a cluster shows (the directory's and the API's), and
        its place: the long texts stay in the database. ``cards.cluster_cards``
        fetches the ecosystems and tags of the cards it must render."""
        return self.select_related("region", "municipality").only(*CARD_FIELDS)


class Cluster(models.Model):
    class Kind(models.TextChoices):
        CLUSTER_ORGANISATION = "cluster", _("Cluster organisation")
        ECOSYSTEM = "ecosystem", _("Innovation ecosystem")
        NETWORK = "network", _("Business network")
        INNOVATION_PLATFORM = "platform", _("Innovation platform")
        PARK = "park", _("Science or industrial park")
        EDIH = "edih", _("European Digital Innovation Hub")
        OTHER = "other", _("Other")

    class LegalForm(models.TextChoices):
        # Blank: not known. A list of clusters often does not say, and guessing a
        # Finnish form would be wrong for a cluster abroad.
        UNKNOWN = "", _("Not known")
        ASSOCIATION = "ry", _("Registered association (ry)")
        COOPERATIVE = "osk", _("Cooperative (osuuskunta)")
        COMPANY = "oy", _("Limited company (oy)")
        FOUNDATION = "foundation", _("Foundation")
        AGREEMENT = "agreement", _("Agreement-based, no legal entity")
        # The forms of the Nordic countries and Germany that clusters take.
        AKTIEBOLAG = "ab", _("Limited company, Sweden (aktiebolag, AB)")
        EKONOMISK_FORENING = "ek_for", _("Economic association, Sweden (ekonomisk förening)")
        IDEELL_FORENING = "ideell", _("Non-profit association, Sweden (ideell förening)")
        AKSJESELSKAP = (
            "as",
            _("Limited company, Norway or Denmark (aksjeselskap, aktieselskab, AS)"),
        )
        ANPARTSSELSKAB = "aps", _("Private limited company, Denmark (anpartsselskab, ApS)")
        FORENING = "forening", _("Association, Norway or Denmark (forening)")
        EINKAHLUTAFELAG = "ehf", _("Private limited company, Iceland (einkahlutafélag, ehf.)")
        EINGETRAGENER_VEREIN = (
            "ev",
            _("Registered association, Germany (eingetragener Verein, e.V.)"),
        )
        OTHER = "other", _("Other")

    class OperatingArea(models.TextChoices):
        REGIONAL = "regional", _("Regional")
        NATIONAL = "national", _("National")
        CROSS_BORDER = "cross_border", _("Cross-border")

    class Label(models.TextChoices):
        NONE = "", _("No label")
        BRONZE = "bronze", _("Bronze")
        SILVER = "silver", _("Silver")
        GOLD = "gold", _("Gold")

    class NationalStatus(models.TextChoices):
        NOT_ASSESSED = "", _("Not assessed")
        CANDIDATE = "candidate", _("Candidate")
        RECOGNISED = "recognised", _("Recognised national cluster")

    class SizeBand(models.TextChoices):
        SMALL = "small", _("Fewer than 50 members")
        MEDIUM = "medium", _("50–199 members")
        LARGE = "large", _("200 members or more")

    # Identity
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(
        _("address name"), max_length=200, unique=True, validators=[validate_not_reserved]
    )
    kind = models.CharField(
        _("kind of entity"), max_length=20, choices=Kind, default=Kind.CLUSTER_ORGANISATION
    )
    host = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hosted_clusters",
        verbose_name=_("host organisation"),
    )
    # The host as a list names it; ``host`` is the host once it is registered here.
    host_name = models.CharField(_("host organisation's name"), max_length=200, blank=True)
    business_id = models.CharField(
        _("business ID (Y-tunnus)"), max_length=9, blank=True, validators=[validate_business_id]
    )
    foreign_registry_id = models.CharField(_("foreign registry ID"), max_length=50, blank=True)
    legal_form = models.CharField(
        _("legal form"), max_length=20, choices=LegalForm, blank=True, default=LegalForm.UNKNOWN
    )
    founded_year = models.PositiveSmallIntegerField(
        _("founded"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )
    website = models.URLField(_("website"), blank=True)
    languages = models.JSONField(
        _("languages of service"),
        default=list,
        blank=True,
        help_text=_("Language codes, e.g. fi, sv, en."),
    )

    # Location
    country = models.CharField(_("country"), max_length=2, choices=Country, default=Country.FINLAND)
    region = models.ForeignKey(
        "places.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="clusters",
        verbose_name=_("region"),
    )
    municipality = models.ForeignKey(
        "places.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="clusters",
        verbose_name=_("municipality"),
    )
    city = models.CharField(
        _("town"), max_length=100, blank=True, help_text=_("Outside Finland: the town.")
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("50")), MaxValueValidator(Decimal("85"))],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("-75")), MaxValueValidator(Decimal("35"))],
    )
    operating_area = models.CharField(
        _("operating area"), max_length=20, choices=OperatingArea, default=OperatingArea.REGIONAL
    )

    # Structure
    management_fte = models.DecimalField(
        _("management staff (FTE)"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    members_large = models.PositiveIntegerField(_("large companies"), default=0)
    members_sme = models.PositiveIntegerField(_("SMEs"), default=0)
    members_micro = models.PositiveIntegerField(_("micro companies and start-ups"), default=0)
    members_university = models.PositiveIntegerField(_("universities"), default=0)
    members_uas = models.PositiveIntegerField(_("universities of applied sciences"), default=0)
    members_research = models.PositiveIntegerField(_("research organisations"), default=0)
    members_public = models.PositiveIntegerField(_("public bodies"), default=0)
    members_financier = models.PositiveIntegerField(_("financiers"), default=0)
    members_other = models.PositiveIntegerField(_("other members"), default=0)
    # What a list gives when it says only how many members there are in all.
    members_unclassified = models.PositiveIntegerField(_("members of kinds not known"), default=0)
    member_total = models.GeneratedField(
        # The members group's counts (clusters/fields.py): a new kind of member is
        # counted once its migration re-creates this column.
        expression=reduce(operator.add, (F(name) for name in MEMBER_FIELDS)),
        output_field=models.PositiveIntegerField(),
        db_persist=True,
        verbose_name=_("members in all"),
    )

    # Focus
    ecosystems = models.ManyToManyField(
        Ecosystem, blank=True, related_name="clusters", verbose_name=_("EU industrial ecosystems")
    )
    nace_sections = models.ManyToManyField(
        NaceSection, blank=True, related_name="clusters", verbose_name=_("NACE sections")
    )
    nace_divisions = models.ManyToManyField(
        NaceDivision, blank=True, related_name="clusters", verbose_name=_("NACE divisions")
    )
    tags = models.ManyToManyField(
        Tag, blank=True, related_name="clusters", verbose_name=_("technology and value-chain tags")
    )
    services = models.ManyToManyField(
        ServiceArea, blank=True, related_name="clusters", verbose_name=_("services offered")
    )

    # Funding mix, in per cent of the annual budget
    funding_membership = models.PositiveSmallIntegerField(
        _("membership fees (%)"), default=0, validators=PERCENT
    )
    funding_public = models.PositiveSmallIntegerField(
        _("public base funding (%)"), default=0, validators=PERCENT
    )
    funding_project = models.PositiveSmallIntegerField(
        _("project funding (%)"), default=0, validators=PERCENT
    )
    funding_other = models.PositiveSmallIntegerField(
        _("other funding (%)"), default=0, validators=PERCENT
    )

    # Recognition: changed by platform staff only
    eccp_url = models.URLField(_("ECCP profile"), blank=True)
    label = models.CharField(
        _("cluster excellence label"), max_length=10, choices=Label, blank=True, default=Label.NONE
    )
    label_valid_until = models.DateField(_("label valid until"), null=True, blank=True)
    national_status = models.CharField(
        _("national status"),
        max_length=20,
        choices=NationalStatus,
        blank=True,
        default=NationalStatus.NOT_ASSESSED,
    )
    international_networks = models.CharField(
        _("international networks"),
        max_length=300,
        blank=True,
        help_text=_("Comma-separated, e.g. European Clusters Alliance, Clusters of Sweden."),
    )

    # People and presentation
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    description = models.TextField(
        _("description"), blank=True, help_text=_("Markdown: **bold**, *italic*, lists, links.")
    )
    logo = models.ImageField(_("logo"), upload_to="clusters/logos/", blank=True)

    is_published = models.BooleanField(_("published"), default=True)
    is_demo = models.BooleanField(
        _("demo record"), default=False, help_text=_("Fictional data for demonstration.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    objects = ClusterQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("cluster")
        verbose_name_plural = _("clusters")
        indexes = [
            models.Index(fields=["country", "region"], name="clusters_cluster_place_idx"),
            # The directory's other orders, largest and newest first: a page is read
            # from the index, and the size filter ranges over it.
            models.Index(
                fields=["is_published", "-member_total", "id"], name="clusters_cluster_size_idx"
            ),
            models.Index(
                fields=["is_published", "-created_at", "-id"], name="clusters_cluster_newest_idx"
            ),
            # The directory's default order, one per language's fallback order
            # (modeltranslation: fi → en → sv, sv → fi → en, en → fi → sv), so that a
            # page of published clusters is read from the index instead of sorting
            # every cluster; counting them walks an index, not the table.
            models.Index(
                "is_published",
                name_sort_key(["fi", "en", "sv"]),
                "id",
                name="clusters_cluster_name_fi_idx",
            ),
            models.Index(
                "is_published",
                name_sort_key(["sv", "fi", "en"]),
                "id",
                name="clusters_cluster_name_sv_idx",
            ),
            models.Index(
                "is_published",
                name_sort_key(["en", "fi", "sv"]),
                "id",
                name="clusters_cluster_name_en_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(**{f"{name}__lte": 100 for name in FUNDING_FIELDS}),
                name="clusters_cluster_funding_percent",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("clusters:detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        """Rules that span fields; the editing form, the API and the importer all
        validate through here."""
        errors = {}
        if not (self.name_fi or self.name_sv or self.name_en):
            errors["name_fi"] = _("Give the name in at least one language.")
        if self.founded_year is not None and self.founded_year > timezone.localdate().year:
            errors["founded_year"] = _("The founding year cannot be in the future.")
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude"] = _("Give both the latitude and the longitude, or neither.")
        shares = [getattr(self, name) for name in FUNDING_FIELDS]
        if any(shares) and sum(shares) != 100:
            errors["funding_other"] = _("The funding shares must add up to 100 %.")
        if (
            self.municipality_id
            and self.region_id
            and self.municipality.region_id != self.region_id
        ):
            errors["municipality"] = _("This municipality is not in the chosen region.")
        # A label's end date may not be known (a national list seldom says), but a
        # date without a label is a mistake.
        if self.label_valid_until and not self.label:
            errors["label_valid_until"] = _("A validity date needs a label.")
        abroad = self.country not in (Country.FINLAND, Country.ALAND)
        if abroad and self.region_id:
            errors["region"] = _("A region of Finland is given only for a cluster in Finland.")
        if abroad and self.municipality_id:
            errors["municipality"] = _(
                "A municipality of Finland is given only for a cluster in Finland."
            )
        if self.foreign_registry_id:
            self.foreign_registry_id = normalise_registry_id(self.country, self.foreign_registry_id)
            try:
                validate_registry_id(self.country, self.foreign_registry_id)
            except ValidationError as error:
                errors["foreign_registry_id"] = error
        # Each count fits its column, but their sum must fit member_total too
        # (PostgreSQL's integer ends at 2,147,483,647); no cluster comes near.
        counts = [getattr(self, f"members_{kind}") or 0 for kind in MEMBER_KINDS]
        if sum(counts) > MAX_MEMBER_TOTAL:
            errors["members_other"] = _(
                "The members add up to more than a million: check the numbers."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def size_band(self) -> str:
        if self.member_total >= 200:
            return self.SizeBand.LARGE
        if self.member_total >= 50:
            return self.SizeBand.MEDIUM
        return self.SizeBand.SMALL

    @property
    def funding_mix(self) -> list[tuple[str, int]]:
        return [
            (str(self._meta.get_field(f).verbose_name), getattr(self, f))
            for f in FUNDING_FIELDS
            if getattr(self, f)
        ]

    @property
    def members_by_type(self) -> list[tuple[str, int]]:
        """The count of each kind of member; those of kinds not known only if there are
        any, as most clusters know the kind of every member."""
        return [
            (str(self._meta.get_field(f).verbose_name), getattr(self, f))
            for f in MEMBER_FIELDS
            if f != "members_unclassified" or self.members_unclassified
        ]


class ClusterMembershipQuerySet(models.QuerySet):
    def public(self) -> "ClusterMembershipQuerySet":
        """Only organisations that have consented to being listed."""
        return self.filter(is_public=True)


class ClusterMembership(models.Model):
    """An organisation belongs to a cluster, as a member or as a partner."""

    class Role(models.TextChoices):
        MEMBER = "member", _("Member")
        RESEARCH_PARTNER = "research_partner", _("Research partner")
        EDUCATION_PARTNER = "education_partner", _("Education partner")
        PARTNER = "partner", _("Other partner")

    cluster = models.ForeignKey(
        Cluster, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("cluster")
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.CASCADE,
        related_name="cluster_memberships",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role, default=Role.MEMBER)
    since = models.DateField(_("member since"), null=True, blank=True)
    is_public = models.BooleanField(
        _("listed publicly"),
        default=False,
        help_text=_("Only with the organisation's consent."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = ClusterMembershipQuerySet.as_manager()

    class Meta:
        ordering = ["organisation__name"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["cluster", "organisation"], name="clusters_clustermembership_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.cluster}"


class ClusterManager(models.Model):
    """A person who manages a cluster's profile: the cluster manager role."""

    cluster = models.ForeignKey(
        Cluster, on_delete=models.CASCADE, related_name="managers", verbose_name=_("cluster")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="managed_clusters",
        verbose_name=_("person"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("cluster manager")
        verbose_name_plural = _("cluster managers")
        constraints = [
            models.UniqueConstraint(
                fields=["cluster", "user"], name="clusters_clustermanager_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.cluster}"


# Everything cached from what clusters show is kept under the "clusters" version
# of core.pagecache: anonymous directory and profile pages, cluster cards (cards.py)
# and rendered profiles (views/profile.py). Any change of what they show makes a
# new one.
pagecache.forget_on_change(
    "clusters",
    Cluster,
    ClusterMembership,
    Organisation,
    Ecosystem,
    NaceSection,
    ServiceArea,
    Tag,
    Region,
    Municipality,
    m2m=[
        Cluster.ecosystems.through,
        Cluster.nace_sections.through,
        Cluster.nace_divisions.through,
        Cluster.tags.through,
        Cluster.services.through,
    ],
)
