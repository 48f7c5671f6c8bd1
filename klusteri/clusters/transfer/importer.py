"""The import service: validate every row, then write all of them or none."""

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.text import slugify
from django.utils.translation import gettext as _

from klusteri.audit.services import log_action, without_personal_values
from klusteri.clusters.models import Cluster
from klusteri.clusters.search import reindex_clusters
from klusteri.clusters.services import PERSONAL_FIELDS
from klusteri.clusters.transfer.files import read_rows
from klusteri.clusters.transfer.layout import (
    LAYOUT,
    MANY,
    PLACE,
    TAXONOMIES,
    TRANSLATED,
    ClusterImportError,
    Row,
    RowError,
    Taxonomies,
    cluster_values,
    json_value,
    related_keys,
)

# Fields Cluster.full_clean() leaves to the importer: the foreign keys (it would
# query the database for each row's), and the untranslated name and description
# (their per-language columns are checked instead).
NOT_CLEANED = ["region", "municipality", "host", "logo", "name", "description"]
# Errors that full_clean() reports under the untranslated field's name.
ERROR_COLUMNS = {"name": "name_fi", "description": "description_fi", NON_FIELD_ERRORS: ""}


@dataclass
class Outcome:
    row: int
    slug: str
    name: str
    changed: list[str]
    matched_by: str = ""  # "slug" or "business_id" for an update


@dataclass
class ImportResult:
    dry_run: bool
    created: list[Outcome] = field(default_factory=list)
    updated: list[Outcome] = field(default_factory=list)
    unchanged: list[Outcome] = field(default_factory=list)
    new_tags: list[str] = field(default_factory=list)

    def summary(self) -> str:
        counts = {
            "created": len(self.created),
            "updated": len(self.updated),
            "unchanged": len(self.unchanged),
        }
        if self.dry_run:
            return (
                _(
                    "Validation passed; nothing was saved. Would create %(created)d, "
                    "update %(updated)d, leave %(unchanged)d unchanged."
                )
                % counts
            )
        return _("Created %(created)d, updated %(updated)d, unchanged %(unchanged)d.") % counts


@dataclass
class _Plan:
    row: Row
    cluster: Cluster
    values: dict[str, Any]
    changed: list[str]
    matched_by: str  # "slug" or "business_id", or "" for a new cluster

    @property
    def is_new(self) -> bool:
        return not self.matched_by


def import_file(
    data: bytes, fmt: str, *, by, dry_run: bool = False, create_tags: bool = False
) -> ImportResult:
    """Read a file and import its rows; raises ClusterImportError."""
    return import_clusters(read_rows(data, fmt), by=by, dry_run=dry_run, create_tags=create_tags)


@transaction.atomic
def import_clusters(
    rows: list[Row], *, by, dry_run: bool = False, create_tags: bool = False
) -> ImportResult:
    """Create or update a cluster for each row, or, if any row has an error, write
    nothing and raise ClusterImportError with every error found.

    A row updates the cluster with its slug, else the only cluster with its business
    ID (which keeps its own slug); other rows create clusters. Unknown tags are an
    error unless ``create_tags``. ``by`` is the staff member importing, or None for
    the command line.
    """
    taxonomies = Taxonomies(create_tags=create_tags)
    errors: list[RowError] = []
    parsed: list[tuple[Row, dict[str, Any], set[str]]] = []
    for row in rows:
        values, failed = {}, set()
        for column, raw in row.values.items():
            try:
                values[column] = taxonomies.parse(column, raw)
            except ValidationError as error:
                failed.add(column)
                errors.extend(RowError(row.number, column, message) for message in error.messages)
        parsed.append((row, values, failed))

    plans = _plan(parsed, taxonomies, errors)
    if errors:
        raise ClusterImportError(errors)
    result = ImportResult(dry_run=dry_run, new_tags=sorted(taxonomies.new_tags))
    for plan in plans:
        outcome = Outcome(
            plan.row.number, plan.cluster.slug, str(plan.cluster), plan.changed, plan.matched_by
        )
        if plan.is_new:
            result.created.append(outcome)
        elif plan.changed:
            result.updated.append(outcome)
        else:
            result.unchanged.append(outcome)
    if not dry_run:
        _write(plans, taxonomies, by=by)
    return result


def _plan(parsed, taxonomies: Taxonomies, errors: list[RowError]) -> list[_Plan]:
    """Match each row to the cluster it updates (or a new one), apply its values
    and validate them; errors go to ``errors``."""
    slugs = {values["slug"] for _row, values, _failed in parsed if values.get("slug")}
    business_ids = {
        values["business_id"] for _row, values, _failed in parsed if values.get("business_id")
    }
    by_slug: dict[str, Cluster] = {}
    by_business_id: dict[str, list[Cluster]] = {}
    related: dict[int, dict[str, list[str]]] = {}
    if slugs or business_ids:
        existing = list(
            Cluster.objects.filter(
                Q(slug__in=slugs) | Q(business_id__in=business_ids)
            ).select_related("region", "municipality", "host")
        )
        related = related_keys([cluster.pk for cluster in existing])
        for cluster in existing:
            by_slug[cluster.slug] = cluster
            by_business_id.setdefault(cluster.business_id, []).append(cluster)

    plans = []
    claimed: dict[object, int] = {}  # a cluster's pk, or a new cluster's slug → row
    for row, values, failed in parsed:
        slug = values.get("slug", "")
        cluster = by_slug.get(slug) if slug else None
        matched_by = "slug" if cluster else ""
        same_id = by_business_id.get(values.get("business_id", ""), [])
        if cluster is None and values.get("business_id") and len(same_id) == 1:
            cluster, matched_by = same_id[0], "business_id"

        if cluster is None:
            cluster = Cluster()
            slug = slug or _new_slug(values, {key for key in claimed if isinstance(key, str)})
            values = {**values, "slug": slug}
            changed = list(values)
            claim = slug
        else:
            before = cluster_values(cluster, related[cluster.pk])
            changed = [
                column
                for column, value in values.items()
                if column != "slug" and not _same(LAYOUT[column], value, before[column])
            ]
            claim = cluster.pk
        if claim in claimed:
            message = (
                _("Row %(row)d already updates this cluster.")
                if matched_by
                else _("Row %(row)d already creates a cluster with this address name.")
            )
            column = "business_id" if matched_by == "business_id" else "slug"
            errors.append(RowError(row.number, column, message % {"row": claimed[claim]}))
            continue
        claimed[claim] = row.number

        plan = _Plan(row, cluster, values, changed, matched_by)
        if plan.is_new or changed:
            _apply(plan, taxonomies, failed, errors)
        plans.append(plan)
    return plans


def _new_slug(values: dict[str, Any], taken: set[str]) -> str:
    name = values.get("name_fi") or values.get("name_en") or values.get("name_sv") or ""
    base = slugify(name)[:190].strip("-") or "cluster"
    taken = taken | set(
        Cluster.objects.filter(slug__startswith=base).values_list("slug", flat=True)
    )
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def _same(kind: str, new: Any, old: Any) -> bool:
    return set(new) == set(old) if kind == MANY else new == old


def _apply(plan: _Plan, taxonomies: Taxonomies, failed: set[str], errors: list[RowError]) -> None:
    """Set the row's new values on the cluster (in memory) and validate it with the
    rules of the editing form. A row whose cells could not be read is validated field
    by field only, so that cross-field rules do not report errors that follow from
    the unreadable cells."""
    cluster = plan.cluster
    for column in plan.changed:
        value = plan.values[column]
        kind = LAYOUT[column]
        if kind == MANY or column in failed:
            continue
        if kind == PLACE:
            value = taxonomies.place(column, value)
        elif column in TRANSLATED and value == "":
            value = None
        setattr(cluster, column, value)
    exclude = NOT_CLEANED + sorted(failed)
    found: dict[str, list[str]] = {}
    try:
        if failed:
            cluster.clean_fields(exclude=exclude)
        else:
            # The model's one constraint (each funding share at most 100) is also
            # its fields' validators; checking it again would query for each row.
            cluster.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        found = error.message_dict
    for name, messages in found.items():
        column = ERROR_COLUMNS.get(name, name)
        errors.extend(RowError(plan.row.number, column, message) for message in messages)


def _write(plans: list[_Plan], taxonomies: Taxonomies, *, by) -> None:
    for tag in taxonomies.new_tags.values():
        tag.save()
        log_action(tag, "clusters.tag.created", by=by, data={"slug": tag.slug})
    written = []
    links: dict[str, list] = {column: [] for column in TAXONOMIES}  # of new clusters
    for plan in plans:
        cluster = plan.cluster
        plain = [column for column in plan.changed if LAYOUT[column] != MANY]
        if plan.is_new:
            cluster.save()
        elif plan.changed:
            cluster.save(update_fields=[*plain, "updated_at"])
        else:
            continue
        for column in plan.changed:
            if LAYOUT[column] != MANY:
                continue
            items = taxonomies.objects(column, plan.values[column])
            if plan.is_new:
                links[column] += [(cluster, item) for item in items]
            else:
                getattr(cluster, column).set(items)
        log_action(
            cluster,
            "clusters.cluster.imported",
            by=by,
            organisation=cluster.host,
            data={
                "created": plan.is_new,
                "row": plan.row.number,
                "matched_by": plan.matched_by,
                "changed": without_personal_values(
                    {
                        column: json_value(LAYOUT[column], plan.values[column])
                        for column in plan.changed
                    },
                    PERSONAL_FIELDS,
                ),
            },
        )
        written.append(cluster.pk)
    _link(links)
    _reindex_on_commit(written)


def _link(links: dict[str, list]) -> None:
    """Add the new clusters' taxonomies in one query per taxonomy, rather than two
    per cluster and taxonomy as ``cluster.tags.set()`` would."""
    for column, pairs in links.items():
        field = Cluster._meta.get_field(column)
        through = field.remote_field.through
        source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        through.objects.bulk_create(
            through(**{f"{source}_id": cluster.pk, f"{target}_id": item.pk})
            for cluster, item in pairs
        )


def _reindex_on_commit(pks: list[int]) -> None:
    if pks:
        transaction.on_commit(lambda: reindex_clusters(pks))
