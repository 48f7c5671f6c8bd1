"""The field groups (clusters/fields.py) and what is derived from them."""

from klusteri.api import schemas
from klusteri.clusters import fields
from klusteri.clusters.admin import ClusterAdmin
from klusteri.clusters.forms import ClusterForm
from klusteri.clusters.models import Cluster
from klusteri.clusters.services import STAFF_ONLY_FIELDS
from klusteri.clusters.transfer.layout import COLUMN_ORDER, COLUMNS


def declared() -> set[str]:
    names = {*fields.FILE_ONLY, *fields.READ_ONLY}
    for group in fields.GROUPS:
        names |= {*group.fields, *group.admin_extra}
    return names


def test_every_field_of_a_cluster_is_declared_in_a_group():
    translations = {name for field in fields.TRANSLATED for name in fields.expanded(field)}
    model_fields = (
        {
            field.name
            for field in Cluster._meta.get_fields()
            # Its own columns and many-to-many fields; not the relations of other
            # models to it (events' co-organisers).
            if (field.concrete or field.many_to_many) and not field.auto_created
        }
        - {"id"}
        - translations
    )

    assert model_fields == declared()


def test_the_form_the_admin_and_the_api_follow_the_groups():
    # The administration (modeltranslation) puts the per-language fields of a
    # translated field in its place once a page has been shown.
    per_language = {name: field for field in fields.TRANSLATED for name in fields.expanded(field)}
    admin_fields = [
        per_language.get(name, name)
        for _title, options in ClusterAdmin.fieldsets
        for name in options["fields"]
    ]

    assert ClusterForm._meta.fields == fields.form_fields()
    assert [legend for legend, _names in ClusterForm.fieldsets] == [
        group.title for group in fields.GROUPS
    ]
    assert set(admin_fields) == declared() - {"id"}
    assert list(schemas.ClusterChanges.model_fields) == [
        name for name in fields.form_fields() if name != "logo"
    ]
    assert list(schemas.MembersByType.model_fields) == list(fields.MEMBER_KINDS)


def test_recognition_stays_with_platform_staff():
    assert {"label", "label_valid_until", "national_status", "is_published"} == STAFF_ONLY_FIELDS


def test_files_keep_their_columns_in_their_order():
    # A field added to a group since gets a column; those before keep their places.
    assert [column for column in COLUMNS if column in COLUMN_ORDER] == list(COLUMN_ORDER)
    assert set(COLUMNS) == set(fields.file_fields())
