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
from ninja import Field, Schema
from pydantic import ConfigDict, WithJsonSchema

from klusteri.accounts import models as accounts
from klusteri.clusters import models as clusters
from klusteri.clusters.filters import ClusterFilter

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


class MembersByType(Schema):
    large: int
    sme: int
    micro: int
    university: int
    uas: int = Field(description="Universities of applied sciences.")
    research: int
    public: int
    financier: int
    other: int


class FundingMix(Schema):
    """Shares of the annual budget, in per cent."""

    membership: int
    public: int
    project: int
    other: int


class ClusterProfile(ClusterCard):
    business_id: str
    foreign_registry_id: str
    legal_form: LegalFormCode
    founded_year: int | None
    languages: list[str] = Field(description="Languages of service.")
    operating_area: OperatingAreaCode
    management_fte: float | None
    members_by_type: MembersByType
    public_member_count: int = Field(description="Members listed publicly, with consent.")
    nace_sections: list[str] = Field(description="NACE section codes.")
    nace_divisions: list[str] = Field(description="NACE division codes.")
    services: list[str] = Field(description="Service area slugs.")
    funding: FundingMix
    eccp_url: str
    label_valid_until: date | None
    international_networks: str
    contact_name: str
    contact_email: str
    description: str = Field(description="Markdown source, in the requested language.")
    descriptions: Names = Field(description="Markdown source in each language.")
    logo: str | None
    is_published: bool

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


class ClusterChanges(Schema):
    """The fields to change; leave out what stays. The editing page's rules apply
    (lengths, ranges, funding shares adding up to 100 %, the municipality in the
    region, …). Related records are given by code or slug, as listed by
    ``/api/v1/taxonomies/``. Only platform staff may change ``label``,
    ``label_valid_until``, ``national_status`` and ``is_published``."""

    model_config = ConfigDict(extra="forbid")

    name_fi: str = optional()
    name_sv: str = optional()
    name_en: str = optional()
    description_fi: str = optional("Markdown.")
    description_sv: str = optional("Markdown.")
    description_en: str = optional("Markdown.")
    kind: ClusterKind = optional()
    legal_form: LegalFormCode = optional()
    business_id: str = optional("Finnish business ID (Y-tunnus), e.g. 1234567-1.")
    foreign_registry_id: str = optional()
    founded_year: int | None = None
    website: str = optional()
    languages: list[str] = optional("Language codes of service, e.g. fi, sv, en.")
    management_fte: Number | None = None
    country: CountryCode = optional()
    region: str | None = Field(None, description="Region code, e.g. MK01; null for none.")
    municipality: str | None = Field(None, description="Municipality code; null for none.")
    city: str = optional()
    latitude: Number | None = None
    longitude: Number | None = None
    operating_area: OperatingAreaCode = optional()
    members_large: int = optional()
    members_sme: int = optional()
    members_micro: int = optional()
    members_university: int = optional()
    members_uas: int = optional()
    members_research: int = optional()
    members_public: int = optional()
    members_financier: int = optional()
    members_other: int = optional()
    ecosystems: list[str] = optional("EU industrial ecosystem slugs.")
    nace_sections: list[str] = optional("NACE section codes.")
    nace_divisions: list[str] = optional("NACE division codes.")
    tags: list[str] = optional("Existing tag slugs.")
    services: list[str] = optional("Service area slugs.")
    funding_membership: int = optional("Per cent.")
    funding_public: int = optional("Per cent.")
    funding_project: int = optional("Per cent.")
    funding_other: int = optional("Per cent.")
    eccp_url: str = optional()
    international_networks: str = optional()
    contact_name: str = optional()
    contact_email: str = optional()
    label: LabelCode = optional("Platform staff only.")
    label_valid_until: date | None = Field(None, description="Platform staff only.")
    national_status: NationalStatusCode = optional("Platform staff only.")
    is_published: bool = optional("Platform staff only.")


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
