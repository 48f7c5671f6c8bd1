"""The import and the editing page agree: the same values, valid and invalid, and
Finnish Excel's spellings among them, are accepted or refused by both, for the same
field, whatever the language of the page."""

import pytest
from django.utils import translation

from klusteri.clusters.forms import ClusterForm
from klusteri.clusters.models import Cluster
from klusteri.clusters.tests.test_import import VALID
from klusteri.clusters.transfer import ClusterImportError, import_clusters
from klusteri.clusters.transfer.layout import Row

pytestmark = pytest.mark.django_db

ROW = VALID  # a row the importer accepts, shared with test_import

# (the values, the field refused or None for accepted)
CASES = [
    ({"latitude": "62,5", "longitude": "25,25"}, None),
    ({"latitude": "62.5", "longitude": "25.25"}, None),
    ({"management_fte": "2,5"}, None),
    ({"members_sme": "1 200"}, None),
    ({"label": "gold", "label_valid_until": "31.12.2026"}, None),
    ({"label": "gold", "label_valid_until": "1.6.2027"}, None),
    ({"label": "gold", "label_valid_until": "2026-12-31"}, None),
    ({"website": "www.gnf.fi"}, None),
    ({"website": "https://www.gnf.fi/"}, None),
    ({"business_id": "0112038-9"}, None),
    ({"kind": "network"}, None),
    ({"latitude": "62,5,1", "longitude": "25"}, "latitude"),
    ({"latitude": "12", "longitude": "25"}, "latitude"),
    ({"management_fte": "kaksi"}, "management_fte"),
    ({"founded_year": "12,5"}, "founded_year"),
    ({"founded_year": "2999"}, "founded_year"),
    ({"label": "gold", "label_valid_until": "31/12/2026"}, "label_valid_until"),
    ({"label": "gold", "label_valid_until": "31.13.2026"}, "label_valid_until"),
    ({"label": "gold"}, None),
    ({"label_valid_until": "2026-12-31"}, "label_valid_until"),
    ({"country": "SE", "region": "MK01"}, "region"),
    ({"website": "ei osoite"}, "website"),
    ({"business_id": "1234567-8"}, "business_id"),
    ({"business_id": "ABC"}, "business_id"),
    ({"funding_public": "150", "funding_membership": "0"}, "funding_public"),
    ({"funding_public": "30"}, "funding_other"),
    ({"kind": "club"}, "kind"),
    ({"operating_area": "global"}, "operating_area"),
    ({"languages": ["fi", "xx"]}, "languages"),
    ({"contact_email": "paivi(at)example.fi"}, "contact_email"),
    ({"members_sme": "-3"}, "members_sme"),
]


@pytest.fixture
def cluster(staff):
    import_clusters([Row(2, ROW)], by=staff)
    return Cluster.objects.get()


def form_errors(cluster: Cluster, user, values: dict) -> set[str]:
    """The fields the editing page refuses, for a person who changes these values
    on it (the other fields as they are)."""
    current = ClusterForm(instance=cluster, user=user)
    data = {name: current[name].value() for name in current.fields if name != "logo"}
    form = ClusterForm({**data, **values}, instance=cluster, user=user)
    return set(form.errors) if not form.is_valid() else set()


def import_errors(user, values: dict) -> set[str]:
    """The columns the import refuses, for a file row with these values."""
    languages = values.get("languages")
    cells = {**values, "languages": " ".join(languages)} if languages else values
    try:
        import_clusters([Row(2, {"slug": ROW["slug"], **cells})], by=user, dry_run=True)
    except ClusterImportError as error:
        return {row_error.column for row_error in error.errors}
    return set()


@pytest.mark.parametrize(("values", "refused"), CASES)
def test_the_form_and_the_import_agree(cluster, staff, values, refused):
    for language in ("fi", "sv", "en"):
        with translation.override(language):
            by_form = form_errors(Cluster.objects.get(), staff, values)
            by_import = import_errors(staff, values)

        if refused is None:
            assert by_form == by_import == set(), language
        else:
            assert refused in by_form, language
            assert refused in by_import, language
            # The page may add what follows from the refused field; a file says less.
            assert by_import <= by_form, language


def test_a_web_address_without_its_scheme_is_imported_as_the_page_saves_it(cluster, staff):
    import_clusters([Row(2, {"slug": ROW["slug"], "website": "www.gnf.fi"})], by=staff)

    cluster.refresh_from_db()
    assert cluster.website == "https://www.gnf.fi"


def test_finnish_excel_numbers_and_dates_are_saved_as_the_page_saves_them(cluster, staff):
    row = {
        "slug": ROW["slug"],
        "latitude": "62,24168",
        "longitude": "25,74729",
        "management_fte": "1 234,5",
        "label": "silver",
        "label_valid_until": "31.12.2026",
    }
    import_clusters([Row(2, row)], by=staff)
    imported = Cluster.objects.values(*list(row)[1:]).get()
    Cluster.objects.update(latitude=None, longitude=None, label="", label_valid_until=None)

    with translation.override("fi"):
        form = ClusterForm(
            {
                **{
                    name: value
                    for name, value in ClusterForm(instance=cluster, user=staff).initial.items()
                    if name != "logo" and value is not None
                },
                **row,
                "region": cluster.region_id,
            },
            instance=Cluster.objects.get(),
            user=staff,
        )
        assert form.is_valid(), form.errors
        form.save()

    assert Cluster.objects.values(*list(row)[1:]).get() == imported
