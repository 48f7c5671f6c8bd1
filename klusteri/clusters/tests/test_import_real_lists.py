"""Importing the lists people really have: a national list of clusters without
address names or business IDs, with foreign clusters and legal forms that are not
known, saved by Finnish Excel (Windows-1252, semicolons) or as Excel's "Unicode
text" (UTF-16, tabs); and imported again."""

import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import translation

from klusteri.clusters.models import Cluster
from klusteri.clusters.tests.test_import import csv_bytes, errors_of
from klusteri.clusters.transfer import import_file

pytestmark = pytest.mark.django_db

NATIONAL_LIST = (Path(__file__).parent / "data" / "national_list.csv").read_bytes()
ROWS = NATIONAL_LIST.decode("cp1252").strip().count("\n")  # the heading not counted


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def unicode_text(data: bytes) -> bytes:
    """The list as Excel saves it as "Unicode text": tabs, UTF-16 with a byte order mark."""
    return data.decode("cp1252").replace(";", "\t").encode("utf-16")


def test_a_national_list_imported_twice_has_one_cluster_per_row():
    first = import_file(NATIONAL_LIST, "csv", by=None)
    again = import_file(NATIONAL_LIST, "csv", by=None)

    assert len(first.created) == ROWS == 20
    assert (len(again.created), len(again.updated), len(again.unchanged)) == (0, 0, ROWS)
    assert {outcome.matched_by for outcome in again.unchanged} == {"name"}
    assert Cluster.objects.count() == ROWS


def test_the_list_saved_as_unicode_text_imports_the_same():
    from_unicode = import_file(unicode_text(NATIONAL_LIST), "csv", by=None)
    stored = {
        c.slug: (c.name_en, c.country, c.legal_form, c.region_id) for c in Cluster.objects.all()
    }
    Cluster.objects.all().delete()
    import_file(NATIONAL_LIST, "csv", by=None)

    again = import_file(unicode_text(NATIONAL_LIST), "csv", by=None)

    assert len(from_unicode.created) == ROWS
    assert len(again.unchanged) == ROWS
    assert stored == {
        c.slug: (c.name_en, c.country, c.legal_form, c.region_id) for c in Cluster.objects.all()
    }


def test_a_damaged_unicode_text_file_gets_one_clear_message():
    damaged = unicode_text(NATIONAL_LIST)[:-1]  # half a character at the end

    assert errors_of(damaged) == [
        (None, "", "The file could not be read: save it as UTF-8 or as CSV (semicolon).")
    ]


def test_the_lists_names_codes_and_gaps_become_a_clusters_values():
    import_file(NATIONAL_LIST, "csv", by=None)
    clusters = {cluster.name_en: cluster for cluster in Cluster.objects.select_related("region")}

    kuopio = clusters["Kuopio Health Cluster"]
    assert (kuopio.country, kuopio.region.code, kuopio.legal_form) == ("FI", "MK11", "ry")
    assert kuopio.host_name == "Kuopion kehitysyhtiö Oy"
    # The town's municipality, and its coordinates: the cluster is on the map.
    assert kuopio.municipality.code == "297"
    assert (kuopio.latitude, kuopio.longitude) == (Decimal("62.89298"), Decimal("27.68894"))
    # A label whose end date the list does not give.
    assert (kuopio.label, kuopio.label_valid_until) == ("silver", None)
    assert clusters["Vaasa Energy Cluster"].label_valid_until == datetime.date(2028, 6, 30)
    assert clusters["Oulu ICT Cluster"].legal_form == ""  # not known, not "ry"
    assert clusters["Tampere Robotics Network"].legal_form == "oy"
    aland = clusters["Åland Maritime Cluster"]
    assert (aland.country, aland.region.code, aland.municipality.code) == ("AX", "MK21", "478")
    assert aland.legal_form == "ry"  # "rf", its Swedish abbreviation

    foreign = {
        name: (clusters[name].country, clusters[name].legal_form, clusters[name].region_id)
        for name in [
            "Värmland Paper Cluster",
            "Norrbotten Mining Cluster",
            "West Sweden Automotive Cluster",
            "Norwegian Ocean Technology Cluster",
            "Danish Wind Cluster",
            "Iceland Ocean Cluster",
            "Faroe Fisheries Cluster",
        ]
    }
    assert foreign == {
        "Värmland Paper Cluster": ("SE", "ek_for", None),
        "Norrbotten Mining Cluster": ("SE", "ab", None),
        "West Sweden Automotive Cluster": ("SE", "", None),
        "Norwegian Ocean Technology Cluster": ("NO", "as", None),
        "Danish Wind Cluster": ("DK", "aps", None),
        "Iceland Ocean Cluster": ("IS", "ehf", None),
        "Faroe Fisheries Cluster": ("FO", "", None),
    }
    # A town abroad is no Finnish municipality, and gives no coordinates.
    assert clusters["Norrbotten Mining Cluster"].latitude is None
    assert clusters["Norwegian Ocean Technology Cluster"].member_total == 200


def test_a_cluster_abroad_with_a_region_or_municipality_of_finland_is_refused():
    row = {"name_en": "Skåne Food Cluster", "country": "Sverige"}

    assert errors_of(csv_bytes({**row, "region": "Uusimaa", "municipality": "Espoo"})) == [
        (2, "region", "A region of Finland is given only for a cluster in Finland."),
        (2, "municipality", "A municipality of Finland is given only for a cluster in Finland."),
    ]


def test_a_file_without_the_legal_form_leaves_it_unknown():
    import_file(csv_bytes({"name_en": "Skåne Food Cluster", "country": "SE"}), "csv", by=None)

    assert Cluster.objects.get().legal_form == ""


@pytest.mark.parametrize(
    ("written", "code"),
    [("e.V.", "ev"), ("Oy Ab", "oy"), ("AB", "ab"), ("A/S", "as"), ("Ideell förening", "ideell")],
)
def test_legal_forms_are_read_as_lists_write_them(written, code):
    row = {"name_en": "Cluster", "country": "DK", "legal_form": written}

    import_file(csv_bytes(row, delimiter=";"), "csv", by=None)

    assert Cluster.objects.get().legal_form == code


def test_an_unknown_choice_lists_the_accepted_codes():
    errors = errors_of(csv_bytes({"name_en": "Cluster", "country": "Germany"}))

    assert errors == [
        (
            2,
            "country",
            "“Germany” is not one of the accepted codes: FI, SE, NO, DK, IS, AX, FO, GL.",
        )
    ]


def test_a_row_without_a_slug_updates_the_cluster_of_its_name_and_country():
    import_file(NATIONAL_LIST, "csv", by=None)
    kuopio = Cluster.objects.get(name_en="Kuopio Health Cluster")
    row = {
        "name_fi": "KUOPION  terveysklusteri",  # as typed again
        "country": "FI",
        "website": "https://kuopiohealth.example.fi",
    }

    result = import_file(csv_bytes(row), "csv", by=None, dry_run=True)

    assert result.created == []
    (outcome,) = result.updated
    assert (outcome.slug, outcome.matched_by) == (kuopio.slug, "name")
    # The name as the row writes it is the cluster's name from now on.
    assert outcome.changes == [
        ("name_fi", "Kuopion terveysklusteri", "KUOPION  terveysklusteri"),
        ("website", "https://health.example.fi", "https://kuopiohealth.example.fi"),
    ]


def test_the_same_name_in_another_country_is_another_cluster():
    import_file(csv_bytes({"name_en": "Ocean Cluster", "country": "NO"}), "csv", by=None)

    result = import_file(csv_bytes({"name_en": "Ocean Cluster", "country": "IS"}), "csv", by=None)

    assert len(result.created) == 1
    assert Cluster.objects.count() == 2


def test_two_rows_with_the_same_name_are_an_error():
    rows = [
        {"name_fi": "Vetylaakso", "country": "FI"},
        {"name_fi": "Pohjoisen vetylaakso", "country": "FI"},
        {"name_fi": "vetylaakso.", "country": "FI"},
    ]

    assert errors_of(csv_bytes(*rows)) == [
        (4, "name_fi", "Row 2 has the same name: give each row its address name (slug).")
    ]


def test_a_name_that_several_clusters_have_asks_for_the_slug():
    for slug in ("vetylaakso", "vetylaakso-2"):
        Cluster.objects.create(slug=slug, name_fi="Vetylaakso")

    errors = errors_of(csv_bytes({"name_fi": "Vetylaakso", "city": "Oulu"}))

    assert errors == [
        (
            2,
            "name_fi",
            "Several clusters have this name: vetylaakso, vetylaakso-2. "
            "Give the address name (slug) of the one to update.",
        )
    ]


def test_the_town_does_not_move_coordinates_a_cluster_has():
    cluster = Cluster.objects.create(
        slug="kuopio", name_fi="Kuopio", latitude=Decimal("62.9"), longitude=Decimal("27.7")
    )

    import_file(csv_bytes({"slug": "kuopio", "city": "Kuopio"}), "csv", by=None)

    cluster.refresh_from_db()
    assert (cluster.latitude, cluster.longitude) == (Decimal("62.9"), Decimal("27.7"))
    assert cluster.municipality.code == "297"


def test_a_file_with_headings_only_says_it_has_no_rows():
    assert errors_of(b"name_fi;country\r\n") == [
        (None, "", "The file has a heading row but no rows under it.")
    ]


def test_a_town_with_blank_region_and_coordinates_imports_again_unchanged():
    row = {
        "name_fi": "Savon klusteri",
        "region": "",
        "city": "Kuopio",
        "latitude": "",
        "longitude": "",
    }
    import_file(csv_bytes(row), "csv", by=None)

    again = import_file(csv_bytes(row), "csv", by=None)

    assert len(again.unchanged) == 1
    cluster = Cluster.objects.select_related("region").get()
    assert (cluster.region.code, cluster.municipality.code) == ("MK11", "297")
    assert cluster.latitude == Decimal("62.89298")


def test_a_town_of_another_region_than_the_rows_is_not_taken_for_the_municipality():
    import_file(
        csv_bytes({"name_fi": "Klusteri", "region": "MK01", "city": "Kuopio"}), "csv", by=None
    )

    cluster = Cluster.objects.get()
    assert (cluster.municipality, cluster.latitude) == (None, None)
