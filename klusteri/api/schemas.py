"""What the API reads and writes: typed schemas, turned into the OpenAPI document.

Translated content comes twice: ``name`` in the requested language (with the
site's fallback fi → en → sv) and ``names`` with the three stored values, null
where a translation is missing. Codes and slugs are stable; their names in
each language are listed by ``GET /api/v1/taxonomies/``.
"""

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Literal

from django.conf import settings
from django.db import models as db
from ninja import Field, Schema
from pydantic import ConfigDict, WithJsonSchema, create_model

from klusteri.accounts import models as accounts
from klusteri.clusters import fields as cluster_fields
from klusteri.clusters import models as clusters
from klusteri.clusters.filters import MAX_VALUES, ClusterFilter
from klusteri.events import models as events
from klusteri.funding import models as funding
from klusteri.funding import reference
from klusteri.funding.filters import WITHIN_DAYS, CallFilter

LANGUAGES = [code for code, _name in settings.LANGUAGES]
Language = Literal["fi", "sv", "en"]
Sort = Literal[tuple(ClusterFilter.SORTS)]  # type: ignore[valid-type]

MAX_LIMIT = 100
DEFAULT_LIMIT = 20
# Deep offsets cost the database a scan of every skipped row; narrow the filters instead.
MAX_OFFSET = 10_000


def one_of(choices) -> type:
    """The values of a TextChoices as an inline enum of the OpenAPI schema."""
    return Literal[tuple(choices.values)]  # type: ignore[return-value]


ClusterKind = one_of(clusters.Cluster.Kind)
CountryCode = one_of(clusters.Country)
LabelCode = one_of(clusters.Cluster.Label)
NationalStatusCode = one_of(clusters.Cluster.NationalStatus)
LegalFormCode = one_of(clusters.Cluster.LegalForm)
OperatingAreaCode = one_of(clusters.Cluster.OperatingArea)
RoleCode = one_of(clusters.ClusterMembership.Role)
OrganisationKind = one_of(accounts.Organisation.Kind)
TagKind = one_of(clusters.Tag.Kind)


# pydantic documents a Decimal as "a number or any string", but refuses a string
# that is not a number: the schema promises a JSON number (numeric strings still pass).
Number = Annotated[Decimal, WithJsonSchema({"type": "number"})]


def translations(obj, field: str = "name") -> dict[str, str | None]:
    return {language: getattr(obj, f"{field}_{language}") or None for language in LANGUAGES}


def as_float(value: Decimal | None) -> float | None:
    return float(value) if value is not None else None


# Errors ---------------------------------------------------------------------------


class Error(Schema):
    detail: str = Field(description="What went wrong, in the requested language.")


class InvalidInput(Schema):
    detail: str
    errors: dict[str, list[str]] = Field(
        description="The reasons, per parameter or field (`__all__` for the whole input)."
    )


# Shared parts ---------------------------------------------------------------------


class Names(Schema):
    fi: str | None
    sv: str | None
    en: str | None


class Translated(Schema):
    """A name in the requested language and in each language."""

    name: str
    names: Names

    @staticmethod
    def resolve_names(obj) -> dict:
        return translations(obj)


class Place(Translated):
    code: str


class Paging(Schema):
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Results per page.")
    offset: int = Field(
        0,
        ge=0,
        le=MAX_OFFSET,
        description=f"Results to skip; at most {MAX_OFFSET:,}. Narrow the filters to go deeper.",
    )


class PageLinks(Schema):
    count: int = Field(description="Results in all, on every page.")
    next: str | None = Field(description="The next page, or null on the last one.")
    previous: str | None = Field(description="The previous page, or null on the first one.")


# Clusters -------------------------------------------------------------------------


class ClusterFilters(Schema):
    """The directory's filters. A parameter given several times matches any of its
    values; different parameters all apply. Unknown values are ignored, as on the
    directory page."""

    q: str = Field("", max_length=200, description="Search words.")
    country: list[str] = Field([], description="Country code, e.g. FI.")
    region: list[str] = Field([], description="Finnish region code, e.g. MK01.")
    ecosystem: list[str] = Field([], description="EU industrial ecosystem slug.")
    nace: list[str] = Field([], description="NACE section code, e.g. C.")
    tag: list[str] = Field([], description="Technology or value-chain tag slug.")
    kind: list[str] = Field([], description="Kind of entity.")
    label: list[str] = Field([], description="Cluster excellence label.")
    size: list[str] = Field([], description="Size band by number of members.")
    service: list[str] = Field([], description="Service area slug.")
    sort: Sort | None = Field(
        None, description="Order; by default by relevance when searching, else by name."
    )


class ClusterCard(Translated):
    slug: str
    kind: ClusterKind
    country: CountryCode
    region: Place | None
    municipality: Place | None
    city: str
    latitude: float | None
    longitude: float | None
    member_total: int
    ecosystems: list[str] = Field(description="EU industrial ecosystem slugs.")
    tags: list[str] = Field(description="Technology and value-chain tag slugs.")
    label: LabelCode
    national_status: NationalStatusCode
    website: str
    is_demo: bool = Field(description="Fictional data for demonstration.")
    url: str = Field(description="The profile page, in the requested language.")
    updated_at: datetime

    @staticmethod
    def resolve_latitude(cluster) -> float | None:
        return as_float(cluster.latitude)

    @staticmethod
    def resolve_longitude(cluster) -> float | None:
        return as_float(cluster.longitude)

    @staticmethod
    def resolve_ecosystems(cluster) -> list[str]:
        return [ecosystem.slug for ecosystem in cluster.ecosystems.all()]

    @staticmethod
    def resolve_tags(cluster) -> list[str]:
        return [tag.slug for tag in cluster.tags.all()]

    @staticmethod
    def resolve_url(cluster, context) -> str:
        return context["request"].build_absolute_uri(cluster.get_absolute_url())


# What the documentation says of a field beside its type and name.
MEMBER_DESCRIPTIONS = {"uas": "Universities of applied sciences."}
PROFILE_DESCRIPTIONS = {"languages": "Languages of service."}
CHANGE_DESCRIPTIONS = {
    "business_id": "Finnish business ID (Y-tunnus), e.g. 1234567-1.",
    "languages": "Language codes of service, e.g. fi, sv, en.",
    "region": "Region code, e.g. MK01; null for none.",
    "municipality": "Municipality code; null for none.",
    "ecosystems": "EU industrial ecosystem slugs.",
    "nace_sections": "NACE section codes.",
    "nace_divisions": "NACE division codes.",
    "tags": "Existing tag slugs.",
    "services": "Service area slugs.",
}

MembersByType = create_model(
    "MembersByType",
    __base__=Schema,
    **{
        kind: (int, Field(description=MEMBER_DESCRIPTIONS.get(kind)))
        for kind in cluster_fields.MEMBER_KINDS
    },
)


class _FundingMix(Schema):
    """Shares of the annual budget, in per cent."""


FundingMix = create_model(
    "FundingMix",
    __base__=_FundingMix,
    __doc__=_FundingMix.__doc__,
    **{name.removeprefix("funding_"): (int, ...) for name in cluster_fields.FUNDING_FIELDS},
)


def value_type(field) -> type:
    """The type of a plain model field's value in JSON."""
    if field.choices:
        return Literal[tuple(code for code, _label in field.choices)]  # type: ignore[return-value]
    if isinstance(field, db.JSONField):
        return list[str]
    if isinstance(field, db.BooleanField):
        return bool
    if isinstance(field, db.DateField):
        return date
    if isinstance(field, db.DecimalField):
        return float
    if isinstance(field, db.IntegerField):
        return int
    return str


def profile_fields() -> dict:
    """The profile's plain fields, in the order of their groups (clusters/fields.py):
    those that the card, a nested object (members, funding) or a list of codes does
    not give already."""
    nested = {*cluster_fields.MEMBER_FIELDS, *cluster_fields.FUNDING_FIELDS, "logo"}
    result = {}
    for group in cluster_fields.GROUPS:
        for name in group.fields:
            if name in cluster_fields.TRANSLATED or name in nested:
                continue
            if name in ClusterCard.model_fields:
                continue
            field = clusters.Cluster._meta.get_field(name)
            if field.is_relation:
                continue
            kind = value_type(field)
            description = PROFILE_DESCRIPTIONS.get(name)
            result[name] = (kind | None if field.null else kind, Field(description=description))
    return result


class _ClusterProfile(ClusterCard):
    members_by_type: MembersByType
    public_member_count: int = Field(description="Members listed publicly, with consent.")
    nace_sections: list[str] = Field(description="NACE section codes.")
    nace_divisions: list[str] = Field(description="NACE division codes.")
    services: list[str] = Field(description="Service area slugs.")
    funding: FundingMix
    description: str = Field(description="Markdown source, in the requested language.")
    descriptions: Names = Field(description="Markdown source in each language.")
    logo: str | None

    @staticmethod
    def resolve_management_fte(cluster) -> float | None:
        return as_float(cluster.management_fte)

    @staticmethod
    def resolve_members_by_type(cluster) -> dict:
        return {name: getattr(cluster, f"members_{name}") for name in MembersByType.model_fields}

    @staticmethod
    def resolve_funding(cluster) -> dict:
        return {name: getattr(cluster, f"funding_{name}") for name in FundingMix.model_fields}

    @staticmethod
    def resolve_nace_sections(cluster) -> list[str]:
        return [section.code for section in cluster.nace_sections.all()]

    @staticmethod
    def resolve_nace_divisions(cluster) -> list[str]:
        return [division.code for division in cluster.nace_divisions.all()]

    @staticmethod
    def resolve_services(cluster) -> list[str]:
        return [service.slug for service in cluster.services.all()]

    @staticmethod
    def resolve_descriptions(cluster) -> dict:
        return translations(cluster, "description")

    @staticmethod
    def resolve_logo(cluster, context) -> str | None:
        return context["request"].build_absolute_uri(cluster.logo.url) if cluster.logo else None


ClusterProfile = create_model(
    "ClusterProfile", __base__=_ClusterProfile, __doc__=None, **profile_fields()
)


class Organisation(Schema):
    name: str
    business_id: str
    kind: OrganisationKind


class Membership(Schema):
    organisation: Organisation
    role: RoleCode
    since: date | None


# Writing a cluster ----------------------------------------------------------------


def _no_default(schema: dict) -> None:
    schema.pop("default", None)


def optional(description: str | None = None):
    """A field that may be left out, but is not null when given."""
    return Field(None, description=description, json_schema_extra=_no_default)


def change_field(name: str) -> tuple:
    """A field of ``ClusterChanges``: its type, and whether it may be null."""
    field = clusters.Cluster._meta.get_field(name)
    description = CHANGE_DESCRIPTIONS.get(name)
    if name in cluster_fields.STAFF_ONLY_FIELDS:
        description = "Platform staff only."
    elif name in cluster_fields.FUNDING_FIELDS:
        description = "Per cent."
    elif isinstance(field, db.TextField):
        description = "Markdown."
    if field.many_to_many:
        return list[str], optional(description)
    if field.is_relation:
        return str | None, Field(None, description=description)
    kind = value_type(field)
    if isinstance(field, db.DecimalField):
        kind = Number
    # A translated field's per-language columns are nullable, but take a string.
    if field.null and not getattr(field, "translated_field", None):
        return kind | None, Field(None, description=description)
    return kind, optional(description)


STAFF_ONLY = [
    name for name in cluster_fields.form_fields() if name in cluster_fields.STAFF_ONLY_FIELDS
]


def _names(names: list[str]) -> str:
    quoted = [f"``{name}``" for name in names]
    return (
        " and ".join([", ".join(quoted[:-1]), quoted[-1]]) if len(quoted) > 1 else "".join(quoted)
    )


class _ClusterChanges(Schema):
    model_config = ConfigDict(extra="forbid")


# The editing form's fields (clusters/fields.py), but the logo.
ClusterChanges = create_model(
    "ClusterChanges",
    __base__=_ClusterChanges,
    __doc__=(
        "The fields to change; leave out what stays. The editing page's rules apply "
        "(lengths, ranges, funding shares adding up to 100 %, the municipality in the "
        "region, …). Related records are given by code or slug, as listed by "
        "``/api/v1/taxonomies/``. Only platform staff may change " + _names(STAFF_ONLY) + "."
    ),
    **{name: change_field(name) for name in cluster_fields.form_fields() if name != "logo"},
)


# Taxonomies -----------------------------------------------------------------------


class Choice(Schema):
    code: str
    name: str
    names: Names


class Ecosystem(Translated):
    slug: str
    number: int


class NaceSection(Translated):
    code: str


class NaceDivision(Translated):
    code: str
    section: str = Field(description="The NACE section code.")

    @staticmethod
    def resolve_section(division) -> str:
        return division.section.code


class ServiceArea(Translated):
    slug: str


class Tag(Translated):
    slug: str
    kind: TagKind


class Region(Translated):
    code: str
    iso_code: str


class Municipality(Translated):
    code: str
    region: str = Field(description="The region code.")

    @staticmethod
    def resolve_region(municipality) -> str:
        return municipality.region.code


class Taxonomies(Schema):
    ecosystems: list[Ecosystem]
    nace_sections: list[NaceSection]
    nace_divisions: list[NaceDivision]
    services: list[ServiceArea]
    tags: list[Tag]
    regions: list[Region]
    municipalities: list[Municipality]
    countries: list[Choice]
    kinds: list[Choice]
    labels: list[Choice]
    national_statuses: list[Choice]
    sizes: list[Choice]
    sorts: list[Choice]
    legal_forms: list[Choice]
    operating_areas: list[Choice]
    membership_roles: list[Choice]
    organisation_kinds: list[Choice]


# Funding ------------------------------------------------------------------------

LevelCode = one_of(funding.Level)
FundingKindCode = one_of(funding.FundingKind)
CallStatus = one_of(funding.Call.Status)
DeadlineModel = one_of(funding.Call.DeadlineModel)
ClusterRole = one_of(funding.Call.ClusterRole)
CallSource = one_of(funding.Call.Source)
CallSort = Literal[tuple(CallFilter.SORTS)]  # type: ignore[valid-type]
WithinDays = Literal[tuple(str(days) for days in WITHIN_DAYS)]  # type: ignore[valid-type]
APPLICANT_TYPES = ", ".join(slug for slug, *_names in reference.APPLICANT_TYPES)


class ProgrammeFilters(Schema):
    """A parameter given several times matches any of its values."""

    level: list[LevelCode] = Field([], description="Level: EU, Nordic, national or regional.")
    kind: list[FundingKindCode] = Field([], description="Kind of funding.")
    active: bool | None = Field(
        None, description="Only programmes open to new calls (true), or only ended ones (false)."
    )


class ProgrammeSummary(Translated):
    slug: str
    funder: str
    level: LevelCode
    kind: FundingKindCode


class Programme(ProgrammeSummary):
    typical_applicants: str = Field(description="In the requested language.")
    relevance: str = Field(description="What the programme offers clusters.")
    website: str = Field(description="The programme's own page.")
    is_active: bool = Field(description="False: the programme takes no new calls.")
    status_note: str = Field(description="The programme's status as its source states it.")

    @staticmethod
    def resolve_website(programme) -> str:
        return programme.url


class CallFilters(Schema):
    """The funding finder's filters. A parameter given several times (at most 100
    times) matches any of its values; different parameters all apply. Unlike the
    finder page, a code that means nothing is refused (422), so that a mistyped
    filter is not read as none."""

    q: str = Field("", max_length=200, description="Search words.")
    status: list[CallStatus] = Field(
        [],
        max_length=MAX_VALUES,
        description="Status from the dates; by default open and forthcoming calls.",
    )
    level: list[LevelCode] = Field([], max_length=MAX_VALUES, description="The programme's level.")
    kind: list[FundingKindCode] = Field(
        [], max_length=MAX_VALUES, description="The programme's kind of funding."
    )
    applicant: list[str] = Field(
        [],
        max_length=MAX_VALUES,
        description=f"Who may apply, by applicant type slug: {APPLICANT_TYPES}.",
    )
    ecosystem: list[str] = Field(
        [], max_length=MAX_VALUES, description="EU industrial ecosystem slug."
    )
    region: list[str] = Field(
        [],
        max_length=MAX_VALUES,
        description="Finnish region code, e.g. MK01; calls open to any region match too.",
    )
    country: list[str] = Field(
        [],
        max_length=MAX_VALUES,
        description="Country code, e.g. FI; calls open to any country match too.",
    )
    within: WithinDays | None = Field(None, description="A deadline within this many days.")
    budget: int | None = Field(
        None, ge=0, le=10**12, description="A grant of at least this much (EUR) is possible."
    )
    sort: CallSort | None = Field(
        None, description="Order; by default by relevance when searching, else by next deadline."
    )


class Deadline(Schema):
    at: datetime = Field(description="The moment, in UTC.")
    local: datetime = Field(description="The same moment in the deadline's time zone.")
    time_zone: str = Field(description="The funder's time zone, e.g. Europe/Brussels.")
    label: str = Field(description="E.g. “Stage 1”; may be empty.")

    @staticmethod
    def resolve_local(deadline) -> datetime:
        return deadline.local_at


class Call(Schema):
    identifier: str = Field(description="The funder's call identifier.")
    title: str = Field(description="In the requested language.")
    titles: Names
    summary: str = Field(description="In the requested language.")
    summaries: Names
    programme: ProgrammeSummary
    action_type: str = Field(description="E.g. CSA, RIA, IA; may be empty.")
    deadline_model: DeadlineModel
    status: CallStatus = Field(description="From the opening date and the deadlines, now.")
    opens_at: datetime | None
    next_deadline: Deadline | None = Field(description="The first deadline still ahead.")
    deadlines: list[Deadline] = Field(description="Every deadline, the earliest first.")
    budget_total: float | None = Field(description="EUR.")
    grant_min: float | None = Field(description="The smallest grant, EUR.")
    grant_max: float | None = Field(description="The largest grant, EUR.")
    cofunding_rate: int | None = Field(description="The share of eligible costs paid, per cent.")
    applicant_types: list[str] = Field(description="Applicant type slugs; empty: anyone.")
    countries: list[str] = Field(description="Country codes; empty: any country.")
    regions: list[str] = Field(description="Finnish region codes; empty: any region.")
    ecosystems: list[str] = Field(description="EU industrial ecosystem slugs.")
    keywords: list[str]
    cluster_role: ClusterRole = Field(description="Whether and how clusters may take part.")
    source: CallSource
    source_url: str = Field(description="Where the call was read from.")
    last_checked_on: date | None = Field(description="When the source was last checked.")
    is_demo: bool = Field(description="Fictional data for demonstration.")
    url: str = Field(description="The call's page, in the requested language.")
    changed_at: datetime = Field(description="When what the call says last changed.")

    @staticmethod
    def resolve_titles(call) -> dict:
        return translations(call, "title")

    @staticmethod
    def resolve_summaries(call) -> dict:
        return translations(call, "summary")

    @staticmethod
    def resolve_status(call) -> str:
        return call.status_at()

    @staticmethod
    def resolve_next_deadline(call):
        return call.next_deadline_at()

    @staticmethod
    def resolve_deadlines(call) -> list:
        return list(call.deadlines.all())

    @staticmethod
    def resolve_budget_total(call) -> float | None:
        return as_float(call.budget_total)

    @staticmethod
    def resolve_grant_min(call) -> float | None:
        return as_float(call.grant_min)

    @staticmethod
    def resolve_grant_max(call) -> float | None:
        return as_float(call.grant_max)

    @staticmethod
    def resolve_applicant_types(call) -> list[str]:
        return [applicant.slug for applicant in call.applicant_types.all()]

    @staticmethod
    def resolve_countries(call) -> list[str]:
        return [country.code for country in call.countries]

    @staticmethod
    def resolve_regions(call) -> list[str]:
        return [region.code for region in call.regions.all()]

    @staticmethod
    def resolve_ecosystems(call) -> list[str]:
        return [ecosystem.slug for ecosystem in call.ecosystems.all()]

    @staticmethod
    def resolve_url(call, context) -> str:
        return context["request"].build_absolute_uri(call.get_absolute_url())


# Events ---------------------------------------------------------------------------

EventTypeCode = one_of(events.EventType)
EventFormatCode = one_of(events.Format)
EventStatusCode = one_of(events.Event.Status)
AudienceCode = one_of(events.Audience)
EventLanguageCode = one_of(events.EventLanguage)


class EventFilters(Schema):
    """The calendar's filters. A parameter given several times (at most 100 times)
    matches any of its values; different parameters all apply. Unlike the calendar
    page, a code that means nothing is refused (422)."""

    q: str = Field("", max_length=200, description="Search words.")
    when: Literal["upcoming", "past"] = Field(
        "upcoming", description="Upcoming (not yet ended, the soonest first) or past events."
    )
    type: list[EventTypeCode] = Field([], max_length=MAX_VALUES, description="Type of event.")
    format: list[EventFormatCode] = Field([], max_length=MAX_VALUES, description="Format.")
    organiser: list[str] = Field(
        [],
        max_length=MAX_VALUES,
        description="The organising cluster's slug, or `platform` for the national platform.",
    )
    region: list[str] = Field(
        [], max_length=MAX_VALUES, description="Finnish region code of the venue, e.g. MK01."
    )
    topic: list[str] = Field([], max_length=MAX_VALUES, description="Topic: a service area slug.")
    language: list[EventLanguageCode] = Field(
        [], max_length=MAX_VALUES, description="A language spoken at the event."
    )
    month: str | None = Field(
        None, pattern=r"^\d{4}-(0[1-9]|1[0-2])$", description="Events in this month, YYYY-MM."
    )


class Venue(Schema):
    name: str
    street_address: str
    postal_code: str
    municipality: str | None = Field(description="Municipality code.")
    region: str | None = Field(description="Finnish region code.")


class OrganiserSummary(Schema):
    slug: str
    name: str


class Event(Schema):
    id: int
    title: str = Field(description="In the requested language.")
    titles: Names
    description: str = Field(description="Markdown, in the requested language.")
    descriptions: Names
    event_type: EventTypeCode
    format: EventFormatCode
    status: EventStatusCode
    starts_at: datetime = Field(description="In UTC.")
    ends_at: datetime = Field(description="In UTC.")
    local_start: datetime = Field(description="The start in the event's time zone.")
    local_end: datetime = Field(description="The end in the event's time zone.")
    time_zone: str = Field(description="E.g. Europe/Helsinki.")
    organiser: OrganiserSummary | None = Field(
        description="The organising cluster; null: the national cluster platform."
    )
    co_organisers: list[OrganiserSummary]
    venue: Venue | None = Field(description="Null for an online event.")
    online_url: str | None = Field(
        description="The online link, when everyone may see it; else null (see the page)."
    )
    languages: list[EventLanguageCode]
    topics: list[str] = Field(description="Service area slugs.")
    ecosystems: list[str] = Field(description="EU industrial ecosystem slugs.")
    audience: AudienceCode
    registration_required: bool
    registration_opens_at: datetime | None
    registration_closes_at: datetime | None
    capacity: int | None = Field(description="Seats in all; null: no limit.")
    series: int | None = Field(description="The id of the series it belongs to.")
    recording_url: str = Field(description="After the event; may be empty.")
    is_demo: bool = Field(description="Fictional data for demonstration.")
    url: str = Field(description="The event's page, in the requested language.")

    @staticmethod
    def resolve_titles(event) -> dict:
        return translations(event, "title")

    @staticmethod
    def resolve_descriptions(event) -> dict:
        return translations(event, "description")

    @staticmethod
    def resolve_local_start(event) -> datetime:
        return event.local_start

    @staticmethod
    def resolve_local_end(event) -> datetime:
        return event.local_end

    @staticmethod
    def resolve_organiser(event):
        return event.organiser

    @staticmethod
    def resolve_co_organisers(event) -> list:
        return list(event.co_organisers.all())

    @staticmethod
    def resolve_venue(event) -> dict | None:
        if event.format == events.Format.ONLINE:
            return None
        municipality = event.municipality
        return {
            "name": event.venue_name,
            "street_address": event.street_address,
            "postal_code": event.postal_code,
            "municipality": municipality.code if municipality else None,
            "region": municipality.region.code if municipality else None,
        }

    @staticmethod
    def resolve_online_url(event) -> str | None:
        if event.online_url and event.online_url_visibility == events.LinkVisibility.EVERYONE:
            return event.online_url
        return None

    @staticmethod
    def resolve_topics(event) -> list[str]:
        return [topic.slug for topic in event.topics.all()]

    @staticmethod
    def resolve_ecosystems(event) -> list[str]:
        return [ecosystem.slug for ecosystem in event.ecosystems.all()]

    @staticmethod
    def resolve_series(event) -> int | None:
        return event.series_id

    @staticmethod
    def resolve_url(event, context) -> str:
        return context["request"].build_absolute_uri(event.get_absolute_url())
