"""Endpoints of /api/v1/: load (scoped to the person) → check → act → respond.

They use the same QuerySet methods, filters and services as the pages, so that
the directory page and the API can never disagree.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, QueryDict
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.errors import HttpError
from ninja.pagination import paginate

from klusteri.accounts.models import Organisation
from klusteri.api import schemas
from klusteri.api.auth import BearerToken, reader
from klusteri.api.errors import InvalidInput
from klusteri.api.pagination import Pages
from klusteri.clusters import fields as cluster_fields
from klusteri.clusters.filters import ClusterFilter
from klusteri.clusters.forms import ClusterForm
from klusteri.clusters.models import (
    Cluster,
    ClusterMembership,
    Country,
    Ecosystem,
    NaceDivision,
    NaceSection,
    ServiceArea,
    Tag,
)
from klusteri.clusters.services import STAFF_ONLY_FIELDS, ClusterError, update_cluster
from klusteri.core.access import get_scoped_or_404
from klusteri.places.models import Municipality, Region

router = Router(tags=["clusters"])

ERRORS = {401: schemas.Error, 422: schemas.InvalidInput}
NOT_FOUND = {404: schemas.Error}


# Helpers --------------------------------------------------------------------------


def filter_data(filters: schemas.ClusterFilters) -> QueryDict:
    """The validated query parameters, shaped as the directory page's query string."""
    data = QueryDict(mutable=True)
    for name, value in filters.model_dump(exclude_defaults=True).items():
        if isinstance(value, list):
            data.setlist(name, value)
        else:
            data[name] = value
    return data


def visible_cluster(clusters: QuerySet[Cluster], user, slug: str) -> Cluster:
    cluster = clusters.visible_to(user).filter(slug=slug).first()
    if cluster is None:
        raise HttpError(404, _("There is no published cluster at this address."))
    return cluster


def profile(user, slug: str) -> Cluster:
    clusters = Cluster.objects.select_related("region", "municipality").prefetch_related(
        "ecosystems", "tags", "nace_sections", "nace_divisions", "services"
    )
    cluster = visible_cluster(clusters, user, slug)
    cluster.public_member_count = cluster.memberships.public().count()
    return cluster


# Reading --------------------------------------------------------------------------


@router.get(
    "/clusters/",
    response={200: list[schemas.ClusterCard], **ERRORS},
    url_name="cluster-list",
    summary="List clusters",
)
@paginate(Pages)
def cluster_list(
    request: HttpRequest,
    filters: Query[schemas.ClusterFilters],
    lang: schemas.Language | None = None,
):
    """The clusters of the directory, with its filters and sort orders: the same
    clusters in the same order as the directory page."""
    directory = ClusterFilter(filter_data(filters))
    return directory.rank(
        Cluster.objects.visible_to(reader(request)), prefetch=("ecosystems", "tags")
    )


@router.get(
    "/clusters/{slug:slug}/",
    response={200: schemas.ClusterProfile, **ERRORS, **NOT_FOUND},
    url_name="cluster-detail",
    summary="A cluster's profile",
)
def cluster_detail(request: HttpRequest, slug: str, lang: schemas.Language | None = None):
    """Everything the profile page shows; descriptions as Markdown source."""
    return profile(reader(request), slug)


@router.get(
    "/clusters/{slug:slug}/members/",
    response={200: list[schemas.Membership], **ERRORS, **NOT_FOUND},
    url_name="cluster-members",
    summary="A cluster's public members",
)
@paginate(Pages)
def cluster_members(request: HttpRequest, slug: str, lang: schemas.Language | None = None):
    """The members and partners that have agreed to be listed publicly."""
    cluster = visible_cluster(Cluster.objects, reader(request), slug)
    return (
        cluster.memberships.public()
        .select_related("organisation")
        .order_by("organisation__name", "pk")
    )


def choices(pairs) -> list[dict]:
    """(code, label) pairs with the label in the requested language and in each."""
    rows = []
    for code, label in pairs:
        names = {}
        for language in schemas.LANGUAGES:
            with translation.override(language):
                names[language] = str(label)
        rows.append({"code": code, "name": str(label), "names": names})
    return rows


@router.get(
    "/taxonomies/",
    response={200: schemas.Taxonomies, 422: schemas.InvalidInput},
    url_name="taxonomies",
    summary="Codes and names for filters and fields",
    tags=["taxonomies"],
)
def taxonomies(request: HttpRequest, lang: schemas.Language | None = None):
    """Every code a filter or field takes, with its names in Finnish, Swedish and English."""
    return {
        "ecosystems": Ecosystem.objects.all(),
        "nace_sections": NaceSection.objects.all(),
        "nace_divisions": NaceDivision.objects.select_related("section"),
        "services": ServiceArea.objects.all(),
        "tags": Tag.objects.all(),
        "regions": Region.objects.all(),
        "municipalities": Municipality.objects.select_related("region"),
        "countries": choices(Country.choices),
        "kinds": choices(Cluster.Kind.choices),
        # The directory filters by label; "no label" is not one of its values.
        "labels": choices([pair for pair in Cluster.Label.choices if pair[0]]),
        "national_statuses": choices(Cluster.NationalStatus.choices),
        "sizes": choices(Cluster.SizeBand.choices),
        "sorts": choices(ClusterFilter.SORTS.items()),
        "legal_forms": choices(Cluster.LegalForm.choices),
        "operating_areas": choices(Cluster.OperatingArea.choices),
        "membership_roles": choices(ClusterMembership.Role.choices),
        "organisation_kinds": choices(Organisation.Kind.choices),
    }


# Writing --------------------------------------------------------------------------

# The form's related records: field → (model, the field that names a record).
RELATIONS = {
    name: (field.related_model, cluster_fields.record_key(field.related_model))
    for name in cluster_fields.form_fields()
    if (field := Cluster._meta.get_field(name)).is_relation
}


def as_form_values(changed: dict) -> dict:
    """``changed`` with codes and slugs replaced by the primary keys the editing
    form takes; unknown codes are refused per field."""
    errors = {}
    values = dict(changed)
    for field, (model, key) in RELATIONS.items():
        if values.get(field) is None:
            continue
        wanted = values[field] if isinstance(values[field], list) else [values[field]]
        # PostgreSQL refuses to compare text holding a NUL character; no code has one.
        searchable = [value for value in wanted if "\x00" not in value]
        found = dict(model.objects.filter(**{f"{key}__in": searchable}).values_list(key, "pk"))
        unknown = [value for value in wanted if value not in found]
        if unknown:
            errors[field] = [_("Unknown code: %(codes)s.") % {"codes": ", ".join(unknown)}]
        elif isinstance(values[field], list):
            values[field] = [found[value] for value in wanted]
        else:
            values[field] = found[values[field]]
    if errors:
        raise InvalidInput(errors)
    return values


def validated_changes(cluster: Cluster, user, changed: dict) -> dict:
    """What the editing page would save if the person changed these fields: the
    same form, hence the same rules, filled with the cluster as it is and the
    changes on top. Changes ``cluster`` in memory, as the form does."""
    current = ClusterForm(instance=cluster, user=user)
    data = {name: current[name].value() for name in current.fields if name != "logo"}
    data.update(as_form_values(changed))
    form = ClusterForm(data, instance=cluster, user=user)
    if not form.is_valid():
        raise InvalidInput({field: list(messages) for field, messages in form.errors.items()})
    return form.changed_values()


@router.patch(
    "/clusters/{slug:slug}/",
    auth=BearerToken(),
    response={
        200: schemas.ClusterProfile,
        400: schemas.Error,
        403: schemas.Error,
        **ERRORS,
        **NOT_FOUND,
    },
    url_name="cluster-update",
    summary="Change a cluster's profile",
)
def cluster_update(
    request: HttpRequest,
    slug: str,
    changes: schemas.ClusterChanges,
    lang: schemas.Language | None = None,
):
    """Change the fields given, as a cluster manager may on the editing page; answers
    with the whole profile. Needs a token of the cluster's manager or of platform staff."""
    user = request.auth
    try:
        cluster = get_scoped_or_404(
            Cluster.objects.visible_to(user), Cluster.objects.editable_by(user), slug=slug
        )
    except Http404:
        raise HttpError(404, _("There is no published cluster at this address.")) from None
    except PermissionDenied:
        raise HttpError(403, _("You may not change this cluster.")) from None
    changed = changes.model_dump(exclude_unset=True)
    forbidden = sorted(STAFF_ONLY_FIELDS & changed.keys())
    if forbidden and not user.is_staff:
        raise HttpError(
            403, _("Only platform staff may change: %(fields)s.") % {"fields": ", ".join(forbidden)}
        )

    changed = validated_changes(cluster, user, changed)
    if changed:
        try:
            update_cluster(cluster, by=user, changed=changed)
        except ClusterError as error:
            raise HttpError(403, str(error)) from None
    return profile(user, slug)
