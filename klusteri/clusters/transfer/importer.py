"""The import service: validate every row with the editing form, then write all of
them or none through the clusters' services."""

from dataclasses import dataclass, field
from functools import lru_cache
from itertools import groupby
from types import SimpleNamespace
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.db.models import Q
from django.forms.models import construct_instance
from django.utils.text import slugify
from django.utils.translation import gettext as _

from klusteri.accounts.validators import normalise_business_id
from klusteri.audit.services import without_personal_values
from klusteri.clusters import services
from klusteri.clusters.fields import FILE_ONLY, expanded
from klusteri.clusters.forms import ClusterForm
from klusteri.clusters.models import Cluster
from klusteri.clusters.services import PERSONAL_FIELDS
from klusteri.clusters.transfer.files import read_rows
from klusteri.clusters.transfer.layout import (
    LAYOUT,
    LONG_TEXT,
    MANY,
    PLACE,
    TAXONOMIES,
    TRANSLATED,
    ClusterImportError,
    Row,
    RowError,
    Taxonomies,
    cell_text,
    cluster_values,
    json_value,
    normalised_name,
)

# Errors that the model reports under the untranslated field's name.
ERROR_COLUMNS = {"name": "name_fi", "description": "description_fi", NON_FIELD_ERRORS: ""}
NAME_COLUMNS = tuple(expanded("name"))
# Who the form is filled for at the command line: the import is platform staff's.
COMMAND_LINE = SimpleNamespace(is_staff=True, is_authenticated=True)


class LookedUp(forms.Field):
    """A cell the importer has looked up already, by the code or slug that files
    name records with: a place, or the records of a taxonomy."""

    def __init__(self):
        super().__init__(required=False)

    def clean(self, value):
        return value


class RowForm(ClusterForm):
    """The editing form, for one row of a file: only the row's columns (a column left
    out of the file stays as it is), and also the address name and the demo flag,
    which the page leaves to the administration."""

    class Meta(ClusterForm.Meta):
        fields = [*ClusterForm.Meta.fields, *FILE_ONLY]

    def __init__(self, data: dict, *, instance: Cluster, user, unread: set[str]):
        super().__init__(data, instance=instance, user=user)
        self.unread = unread
        self.other_errors: dict[str, list[str]] = {}
        for name in list(self.fields):
            if name not in data:  # the form's own fields (the logo)
                del self.fields[name]

    def _post_clean(self):
        # The cells that could not be read, or broke a rule of their own (``unread``:
        # cells that could not even be put into the form).
        self.unreadable = {*(self._errors or ()), *self.unread}
        if not self.unreadable:
            super()._post_clean()
            return
        # In a file, rules that span fields wait until every cell reads: a funding
        # share that is not a number cannot be summed, and saying that the shares do
        # not add up to 100 % would be wrong. The other fields are checked on their own.
        try:
            self.instance = construct_instance(self, self.instance, self._meta.fields)
            self.instance.clean_fields(exclude=self._get_validation_exclusions())
        except ValidationError as error:
            self._update_errors(error)

    def _update_errors(self, errors):
        # The rules that span fields may name a column that the row leaves out: the
        # report names that column all the same.
        if hasattr(errors, "error_dict"):
            for name in [n for n in errors.error_dict if n != NON_FIELD_ERRORS]:
                if name not in self.fields:
                    for error in errors.error_dict.pop(name):
                        self.other_errors.setdefault(name, []).extend(error.messages)
        super()._update_errors(errors)

    def _get_validation_exclusions(self):
        # A looked-up record exists: asking the database again would take a query
        # for each row.
        looked_up = {name for name, field in self.fields.items() if isinstance(field, LookedUp)}
        return super()._get_validation_exclusions() | looked_up

    def validate_unique(self):
        """Rows are matched to clusters by their address name, so a new cluster's is
        free; two rows that claim the same are refused by the importer."""

    def validate_constraints(self):
        """The model's one constraint (each funding share at most 100) is also its
        fields' validators; checking it again would query for each row."""

    @staticmethod
    @lru_cache(maxsize=64)
    def for_columns(columns: tuple[str, ...]) -> type["RowForm"]:
        """The form for rows with these columns (most files have one set), made once:
        a form copies each of its fields for every row it reads."""
        looked_up = {name: LookedUp() for name in columns if LAYOUT[name] in (MANY, PLACE)}
        meta = type("Meta", (RowForm.Meta,), {"fields": list(columns)})
        form = type("RowForm", (RowForm,), {**looked_up, "Meta": meta})
        for name, form_field in form.base_fields.items():
            if name in columns and LAYOUT[name] == LONG_TEXT:
                form_field.strip = False  # Markdown, kept as it is
            if name in TRANSLATED:
                # Stored as NULL, so that the language falls back to another.
                form_field.empty_value = None
        return form

    def row_errors(self, row: int) -> list[RowError]:
        found = {**dict(self.errors), **self.other_errors}
        return [
            RowError(row, ERROR_COLUMNS.get(name, name), message)
            for name, messages in found.items()
            for message in messages
        ]


@dataclass
class Outcome:
    row: int
    slug: str
    name: str
    changed: list[str]
    matched_by: str = ""  # "slug", "business_id" or "name" for an update
    # For an update: (column, the value before, the value after), as a file writes them.
    changes: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def matched_by_label(self) -> str:
        labels = {
            "slug": _("Found by its address name."),
            "business_id": _("Found by its business ID."),
            "name": _("Found by its name and country."),
        }
        return labels.get(self.matched_by, "")


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
    form: RowForm
    values: dict[str, Any]  # the row's columns as ``cluster_values`` gives them
    before: dict[str, Any] | None  # the same of the cluster it updates
    changed: list[str]
    matched_by: str  # "slug", "business_id" or "name", or "" for a new cluster

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

    Each row is validated with the editing form (``ClusterForm``) and written with
    the clusters' services. A row updates the cluster with its slug, else the only
    cluster with its business ID, else (a row without a slug) the only cluster of
    its country with one of its names; the cluster keeps its own slug. Other rows
    create clusters. Unknown tags are an error unless ``create_tags``. ``by`` is the
    staff member importing, or None for the command line.
    """
    taxonomies = Taxonomies(create_tags=create_tags)
    errors: list[RowError] = []
    converted: list[tuple[Row, dict[str, Any], set[str]]] = []
    for row in rows:
        data, failed = {}, set()
        for column, raw in row.values.items():
            try:
                data[column] = taxonomies.form_value(column, raw)
            except ValidationError as error:
                failed.add(column)
                errors.extend(RowError(row.number, column, message) for message in error.messages)
        converted.append((row, data, failed))

    plans = _plan(converted, errors, taxonomies, user=by or COMMAND_LINE)
    if errors:
        raise ClusterImportError(errors)
    result = ImportResult(dry_run=dry_run, new_tags=sorted(taxonomies.new_tags))
    for plan in plans:
        outcome = Outcome(
            plan.row.number,
            plan.cluster.slug,
            str(plan.cluster),
            plan.changed,
            plan.matched_by,
            changes=[
                (
                    column,
                    cell_text(LAYOUT[column], plan.before[column]),
                    cell_text(LAYOUT[column], plan.values[column]),
                )
                for column in plan.changed
                if plan.before is not None
            ],
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


def _related(cluster: Cluster) -> dict[str, list[str]]:
    """The codes or slugs of a cluster's taxonomies, prefetched."""
    return {
        column: [getattr(item, key) for item in getattr(cluster, column).all()]
        for column, (_model, key) in TAXONOMIES.items()
    }


def _plan(converted, errors: list[RowError], taxonomies: Taxonomies, *, user) -> list[_Plan]:
    """Match each row to the cluster it updates (or a new one) and validate it with
    the form; errors go to ``errors``."""
    slugs = {data["slug"] for _row, data, _failed in converted if data.get("slug")}
    business_ids = {
        normalise_business_id(data["business_id"])
        for _row, data, _failed in converted
        if data.get("business_id")
    }
    by_slug: dict[str, Cluster] = {}
    by_business_id: dict[str, list[Cluster]] = {}
    if slugs or business_ids:
        # The taxonomies prefetched: the form reads them without a query per row.
        existing = Cluster.objects.filter(
            Q(slug__in=slugs) | Q(business_id__in=business_ids)
        ).select_related("region", "municipality", "host")
        for cluster in existing.prefetch_related(*TAXONOMIES):
            by_slug[cluster.slug] = cluster
            by_business_id.setdefault(cluster.business_id, []).append(cluster)

    by_name = _NameIndex(converted)
    plans = []
    claimed: dict[object, int] = {}  # a cluster's pk, or a new cluster's slug → row
    named: dict[tuple[str, str], int] = {}  # the name and country of a row without a slug
    for row, data, failed in converted:
        slug = data.get("slug", "")
        cluster = by_slug.get(slug) if slug else None
        matched_by = "slug" if cluster else ""
        business_id = normalise_business_id(data.get("business_id", ""))
        same_id = by_business_id.get(business_id, []) if business_id else []
        if cluster is None and len(same_id) == 1:
            cluster, matched_by = same_id[0], "business_id"
        if not slug:
            keys = _name_keys(data)
            earlier = next((named[key] for key in keys if key in named), None)
            if earlier is not None:
                message = _("Row %(row)d has the same name: give each row its address name (slug).")
                errors.append(RowError(row.number, _name_column(data), message % {"row": earlier}))
                continue
            named.update(dict.fromkeys(keys, row.number))
            same_name = by_name.clusters(keys) if cluster is None else []
            if len(same_name) > 1:
                message = _(
                    "Several clusters have this name: %(slugs)s. Give the address name (slug) "
                    "of the one to update."
                )
                slugs = ", ".join(sorted(c.slug for c in same_name))
                errors.append(RowError(row.number, _name_column(data), message % {"slugs": slugs}))
                continue
            if same_name:
                cluster, matched_by = same_name[0], "name"

        if cluster is None:
            cluster = Cluster()
        data = taxonomies.filled_from_city(data, cluster)
        if not matched_by:
            slug = slug or _new_slug(data, {key for key in claimed if isinstance(key, str)})
            data = {**data, "slug": slug}
            related = {column: [] for column in TAXONOMIES}
            before = None
            claim = slug
        else:
            # An update keeps the cluster's address name.
            data = {column: value for column, value in data.items() if column != "slug"}
            related = _related(cluster)
            before = cluster_values(cluster, related)
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

        readable = {column: value for column, value in data.items() if column not in failed}
        form = RowForm.for_columns(tuple(sorted(readable)))(
            readable, instance=cluster, user=user, unread=failed
        )
        form.is_valid()
        for column in TAXONOMIES:
            if column in form.cleaned_data:
                key = TAXONOMIES[column][1]
                related = {**related, column: [getattr(i, key) for i in form.cleaned_data[column]]}
        after = cluster_values(form.instance, related)
        if before is None:
            changed = list(data)
        else:
            broken = failed | form.unreadable
            changed = [
                column
                for column in data
                if column in broken or not _same(LAYOUT[column], after[column], before[column])
            ]
        # A row that changes nothing is not validated: a cluster saved before a rule
        # was made may be exported and imported again as it is.
        if before is None or changed:
            errors.extend(form.row_errors(row.number))
        plans.append(_Plan(row, cluster, form, after, before, changed, matched_by))
    return plans


def _name_keys(data: dict[str, Any]) -> list[tuple[str, str]]:
    """(normalised name, country) for each name of a row; a row without a country
    column is a new cluster's country, Finland."""
    country = data.get("country") or Cluster._meta.get_field("country").get_default()
    names = {normalised_name(data.get(column) or "") for column in NAME_COLUMNS}
    return [(name, country) for name in sorted(names) if name]


def _name_column(data: dict[str, Any]) -> str:
    return next((column for column in NAME_COLUMNS if data.get(column)), "name_fi")


class _NameIndex:
    """The clusters by their names and country, read once (only names, until a row
    matches) when some row has no slug."""

    def __init__(self, converted):
        self.keys: dict[tuple[str, str], set[int]] = {}
        self.matched: dict[int, Cluster] = {}
        if all(data.get("slug") for _row, data, _failed in converted):
            return
        for pk, country, *names in Cluster.objects.values_list("pk", "country", *NAME_COLUMNS):
            for name in filter(None, map(normalised_name, names)):
                self.keys.setdefault((name, country), set()).add(pk)
        pks = {
            pk
            for _row, data, _failed in converted
            for key in _name_keys(data)
            for pk in self.keys.get(key, ())
        }
        if pks:
            clusters = Cluster.objects.filter(pk__in=pks).select_related(
                "region", "municipality", "host"
            )
            self.matched = {
                cluster.pk: cluster for cluster in clusters.prefetch_related(*TAXONOMIES)
            }

    def clusters(self, keys: list[tuple[str, str]]) -> list[Cluster]:
        pks = {pk for key in keys for pk in self.keys.get(key, ())}
        return [self.matched[pk] for pk in sorted(pks)]


def _new_slug(data: dict[str, Any], taken: set[str]) -> str:
    name = data.get("name_fi") or data.get("name_en") or data.get("name_sv") or ""
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


def _audit_data(plan: _Plan) -> dict:
    return {
        "created": plan.is_new,
        "row": plan.row.number,
        "matched_by": plan.matched_by,
        "changed": without_personal_values(
            {column: json_value(LAYOUT[column], plan.values[column]) for column in plan.changed},
            PERSONAL_FIELDS,
        ),
    }


def _write(plans: list[_Plan], taxonomies: Taxonomies, *, by) -> None:
    """Write the rows in their order, through the services; consecutive new clusters
    together, so that their taxonomies are linked in one query per taxonomy."""
    for tag in taxonomies.new_tags.values():
        services.create_tag(tag, by=by)
    written = []
    for is_new, run in groupby((plan for plan in plans if plan.changed), lambda p: p.is_new):
        run = list(run)
        if is_new:
            audit = {id(plan.cluster): _audit_data(plan) for plan in run}
            services.create_clusters(
                [(plan.cluster, _values(plan, many=True)) for plan in run],
                by=by,
                action="clusters.cluster.imported",
                data_of=lambda cluster, audit=audit: audit[id(cluster)],
                reindex=False,
            )
        else:
            for plan in run:
                services.update_cluster(
                    plan.cluster,
                    by=by,
                    changed=_values(plan),
                    action="clusters.cluster.imported",
                    data=_audit_data(plan),
                    reindex=False,
                )
        written += [plan.cluster.pk for plan in run]
    services.reindex_on_commit(written)


def _values(plan: _Plan, *, many: bool = False) -> dict[str, Any]:
    """The changed columns' values as the form cleaned them; only the many-to-many
    ones with ``many`` (a new cluster has the others set already)."""
    columns = [c for c in plan.changed if LAYOUT[c] == MANY] if many else plan.changed
    return {column: plan.form.cleaned_data[column] for column in columns}
