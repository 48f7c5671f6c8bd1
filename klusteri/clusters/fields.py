"""A cluster's fields in their groups, declared once.

The editing form (its fields and fieldsets), the administration's fieldsets, the
import and export files' columns, the API's schemas and the staff-only rule are all
derived from ``GROUPS``. Adding a field to a cluster is a change here and in the
model, plus a migration.

A name in ``TRANSLATED`` stands for its per-language fields (``name_fi``,
``name_sv``, ``name_en``; django-modeltranslation), except in the administration,
which shows the per-language fields of a translated field itself.

This module only names fields: it imports no model, so that the model can use it.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext_lazy as _

# Fields with a column per language of the site (clusters/translation.py).
TRANSLATED = ("name", "description")


@dataclass(frozen=True)
class FieldGroup:
    """Fields shown together, under ``title``, in the form and the administration.
    A staff-only group holds what only platform staff may change."""

    key: str
    title: str
    fields: tuple[str, ...]
    staff_only: bool = False
    # Shown in the administration only (after the group's fields): the address
    # name, the host, values the database computes.
    admin_extra: tuple[str, ...] = field(default=())


GROUPS: tuple[FieldGroup, ...] = (
    FieldGroup(
        "identity",
        _("Name and description"),
        ("name", "description"),
        admin_extra=("slug", "host"),
    ),
    FieldGroup(
        "organisation",
        _("Organisation"),
        (
            "kind",
            "host_name",
            "legal_form",
            "business_id",
            "foreign_registry_id",
            "founded_year",
            "website",
            "languages",
            "management_fte",
            "logo",
        ),
    ),
    FieldGroup(
        "location",
        _("Location"),
        ("country", "region", "municipality", "city", "latitude", "longitude", "operating_area"),
    ),
    FieldGroup(
        "members",
        _("Members by type"),
        (
            "members_large",
            "members_sme",
            "members_micro",
            "members_university",
            "members_uas",
            "members_research",
            "members_public",
            "members_financier",
            "members_other",
            "members_unclassified",
        ),
        admin_extra=("member_total",),
    ),
    FieldGroup(
        "focus", _("Focus"), ("ecosystems", "nace_sections", "nace_divisions", "tags", "services")
    ),
    FieldGroup(
        "funding",
        _("Funding mix, in per cent of the annual budget"),
        ("funding_membership", "funding_public", "funding_project", "funding_other"),
    ),
    FieldGroup(
        "networks",
        _("Networks and contact"),
        ("eccp_url", "international_networks", "contact_name", "contact_email"),
    ),
    FieldGroup(
        "recognition",
        _("Recognition and publication (platform staff only)"),
        ("label", "label_valid_until", "national_status", "is_published"),
        staff_only=True,
        admin_extra=("is_demo", "created_at", "updated_at"),
    ),
)

# Fields in the import and export files that the editing form leaves to platform
# staff in the administration: the address name (which a row is matched by) and the
# demo flag.
FILE_ONLY = ("slug", "is_demo")
# Fields of the form that files do not carry: an image, and publishing, which stays
# a decision taken in the administration.
NOT_IN_FILES = frozenset({"logo", "is_published"})
# Computed by the database or stamped on save: shown, never written.
READ_ONLY = ("member_total", "created_at", "updated_at")


def expanded(name: str) -> list[str]:
    """A field's names in a form: one per language for a translated field."""
    if name in TRANSLATED:
        return [f"{name}_{code}" for code, _name in settings.LANGUAGES]
    return [name]


def group(key: str) -> FieldGroup:
    return next(group for group in GROUPS if group.key == key)


def group_fields(key: str) -> list[str]:
    """The fields of a group, translated ones per language."""
    return [name for declared in group(key).fields for name in expanded(declared)]


def form_fields() -> list[str]:
    """The editing form's fields, in order."""
    return [name for group in GROUPS for declared in group.fields for name in expanded(declared)]


def form_fieldsets() -> list[tuple[str, list[str]]]:
    return [(group.title, group_fields(group.key)) for group in GROUPS]


def admin_fieldsets() -> list[tuple[str, dict]]:
    return [(group.title, {"fields": [*group.fields, *group.admin_extra]}) for group in GROUPS]


def staff_only_fields() -> frozenset[str]:
    return frozenset(
        name for group in GROUPS if group.staff_only for name in group_fields(group.key)
    )


def file_fields() -> list[str]:
    """The fields that files carry, in the order of the groups (the files' own
    column order is ``transfer.layout.COLUMNS``)."""
    names = [name for name in form_fields() if name not in NOT_IN_FILES]
    return [*FILE_ONLY[:1], *names, *FILE_ONLY[1:]]


def group_of(name: str) -> FieldGroup | None:
    for group in GROUPS:
        if name in group_fields(group.key) or name in group.admin_extra:
            return group
    return None


def record_key(model) -> str:
    """The field that names a related record (a place, a taxonomy's entry) in files
    and in the API: its code, else its slug."""
    names = {field.name for field in model._meta.fields}
    return "code" if "code" in names else "slug"


# The kinds of member counted in ``members_<kind>``.
MEMBER_FIELDS = tuple(group_fields("members"))
MEMBER_KINDS = tuple(name.removeprefix("members_") for name in MEMBER_FIELDS)
FUNDING_FIELDS = tuple(group_fields("funding"))
STAFF_ONLY_FIELDS = staff_only_fields()
