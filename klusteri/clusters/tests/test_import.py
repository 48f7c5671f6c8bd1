"""Importing cluster profiles from CSV, XLSX and JSON files: the import service
(klusteri.clusters.transfer) and the `klusteri import_clusters` command."""

import datetime
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from klusteri.audit.models import AuditEntry
from klusteri.audit.services import PERSONAL_VALUE
from klusteri.clusters.models import Cluster, Tag
from klusteri.clusters.transfer import (
    COLUMNS,
    ClusterImportError,
    ImportResult,
    RowError,
    import_file,
    read_rows,
)

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parent / "data"


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def tags():
    return [
        Tag.objects.create(slug="hydrogen", name_fi="Vety", name_en="Hydrogen"),
        Tag.objects.create(slug="battery-recycling", name_fi="Akkujen kierrätys"),
    ]


def import_data(name: str, **options) -> ImportResult:
    path = DATA / name
    return import_file(path.read_bytes(), path.suffix[1:], by=None, **options)


def csv_bytes(*rows: dict, delimiter: str = ",") -> bytes:
    """A CSV file with the columns of all the rows."""
    columns = list(dict.fromkeys(column for row in rows for column in row))
    lines = [delimiter.join(columns)]
    lines += [delimiter.join(str(row.get(column, "")) for column in columns) for row in rows]
    return ("\n".join(lines) + "\n").encode()


def errors_of(data: bytes, fmt: str = "csv", **options) -> list[tuple[int | None, str, str]]:
    with pytest.raises(ClusterImportError) as caught:
        import_file(data, fmt, by=None, **options)
    return [(error.row, error.column, error.message) for error in caught.value.errors]


VALID = {
    "slug": "porin-teknologiaklusteri",
    "name_fi": "Porin teknologiaklusteri",
    "kind": "cluster",
    "business_id": "2345678-0",
    "country": "FI",
    "region": "MK04",
    "funding_membership": "50",
    "funding_public": "50",
    "funding_project": "0",
    "funding_other": "0",
}


# Real-looking files ---------------------------------------------------------------


def test_a_csv_saved_by_finnish_excel_imports():
    result = import_data("finnish_excel.csv")

    assert [outcome.slug for outcome in result.created] == [
        "jyvaskylan-energiaklusteri",
        "espoon-tekoalyklusteri",
    ]
    cluster = Cluster.objects.get(slug="jyvaskylan-energiaklusteri")
    assert cluster.name_fi == "Jyväskylän energiaklusteri"
    assert cluster.name_sv == "Energiklustret i Jyväskylä"
    assert cluster.latitude == Decimal("62.24168")
    assert cluster.longitude == Decimal("25.74729")
    assert cluster.management_fte == Decimal("2.5")
    assert cluster.region.code == "MK13"
    assert cluster.municipality.name == "Jyväskylä"
    assert cluster.languages == ["fi", "en"]
    assert cluster.label == "silver"
    assert cluster.label_valid_until == datetime.date(2027, 12, 31)
    assert cluster.international_networks == "European Clusters Alliance, Nordic Energy Research"
    assert cluster.contact_name == "Päivi Mäkelä"
    assert cluster.description_fi.endswith("älykkäitä sähköverkkoja – yhdessä.")
    assert cluster.member_total == 3 + 41 + 12 + 1 + 2
    assert sorted(cluster.ecosystems.values_list("slug", flat=True)) == [
        "energy-intensive",
        "renewable-energy",
    ]
    assert sorted(cluster.nace_sections.values_list("code", flat=True)) == ["C", "D"]
    assert sorted(cluster.nace_divisions.values_list("code", flat=True)) == ["28", "35"]
    assert cluster.is_demo is False
    espoo = Cluster.objects.get(slug="espoon-tekoalyklusteri")
    assert espoo.municipality.code == "049"  # Excel had made it 49
    assert espoo.name_sv == "AI-klustret i Esbo"
    assert espoo.languages == ["fi", "sv", "en"]
    assert espoo.description_fi == "Tekoäly; data & pilvipalvelut"
    assert espoo.is_demo is True
    assert (espoo.funding_membership, espoo.funding_other) == (0, 0)


def test_a_utf8_csv_with_a_byte_order_mark_imports(tags):
    result = import_data("utf8_bom.csv")

    assert len(result.created) == 2
    cluster = Cluster.objects.get(slug="vatgas-vast")
    assert cluster.name_sv == "Vätgas Väst"
    assert cluster.name_fi is None  # falls back to another language
    assert cluster.country == "SE"
    assert cluster.city == "Göteborg"
    assert cluster.foreign_registry_id == "556677-8899"
    assert cluster.operating_area == "cross_border"
    assert sorted(cluster.tags.values_list("slug", flat=True)) == ["battery-recycling", "hydrogen"]
    assert cluster.description_sv == "Vätgaskluster på västkusten, grundat 2018."
    assert Cluster.objects.get(slug="oulun-vetyklusteri").business_id == "0737546-2"


def test_an_excel_workbook_imports():
    result = import_data("clusters.xlsx")

    assert len(result.created) == 2
    cluster = Cluster.objects.get(slug="helsingin-terveysklusteri")
    assert cluster.municipality.code == "091"
    assert cluster.latitude == Decimal("60.16664")
    assert cluster.management_fte == Decimal("3.5")
    assert cluster.members_sme == 52
    assert cluster.label_valid_until == datetime.date(2028, 6, 30)
    assert cluster.is_demo is True
    assert sorted(cluster.nace_divisions.values_list("code", flat=True)) == ["21", "86"]
    turku = Cluster.objects.get(slug="turun-meriklusteri")
    assert turku.management_fte == Decimal("2")
    assert turku.label == ""
    assert turku.label_valid_until is None


def test_a_json_file_imports():
    result = import_data("clusters.json")

    assert len(result.created) == 1
    cluster = Cluster.objects.get(slug="lahden-kiertotalousklusteri")
    assert cluster.municipality.name == "Lahti"
    assert cluster.languages == ["fi", "en"]
    assert sorted(cluster.nace_sections.values_list("code", flat=True)) == ["E", "F"]
    assert sorted(cluster.services.values_list("slug", flat=True)) == [
        "economies-of-scale",
        "networking",
    ]
    assert cluster.label_valid_until == datetime.date(2026, 12, 31)
    assert cluster.description_fi.startswith("Materiaalit kiertoon.\n\n* ")


def test_a_json_file_may_be_a_plain_list():
    data = json.dumps([{**VALID, "funding_membership": 50, "nace_sections": ["C"]}]).encode()

    result = import_file(data, "json", by=None)

    assert result.created[0].slug == VALID["slug"]


def test_a_file_with_one_bad_row_imports_nothing_and_names_the_row():
    assert errors_of((DATA / "bad_row.csv").read_bytes()) == [
        (3, "region", "There is no region with the code or name “MK99”."),
    ]
    assert not Cluster.objects.exists()
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize(
    ("change", "column", "message"),
    [
        ({"region": "MK99"}, "region", "There is no region with the code or name “MK99”."),
        ({"funding_other": "20"}, "funding_other", "The funding shares must add up to 100 %."),
        (
            {"business_id": "1234567"},
            "business_id",
            "Enter the business ID as seven digits, a hyphen and a check digit, e.g. 1234567-1.",
        ),
        (
            {"business_id": "2345678-1"},
            "business_id",
            "This business ID is not valid: its check digit does not match.",
        ),
        (
            {"kind": "club"},
            "kind",
            "“club” is not one of the accepted codes: "
            "cluster, ecosystem, network, platform, park, edih, other.",
        ),
        ({"latitude": "abc", "longitude": "25"}, "latitude", "Enter a number, e.g. 62.5 or 62,5."),
        (
            {"latitude": "12", "longitude": "25"},
            "latitude",
            "Ensure this value is greater than or equal to 50.",
        ),
        (
            {"latitude": "62.5"},
            "longitude",
            "Give both the latitude and the longitude, or neither.",
        ),
        ({"municipality": "179"}, "municipality", "This municipality is not in the chosen region."),
        ({"nace_sections": "C|Q|Z"}, "nace_sections", "There is no NACE section “Z”."),
        (
            {"tags": "cold-fusion"},
            "tags",
            "There is no tag “cold-fusion”. The tags are curated: add the tag first, then import.",
        ),
        (
            {"label_valid_until": "2027-12-31"},
            "label_valid_until",
            "A validity date needs a label.",
        ),
        (
            {"country": "SE"},
            "region",
            "A region of Finland is given only for a cluster in Finland.",
        ),
        (
            {"label_valid_until": "31/12/2027"},
            "label_valid_until",
            "Enter a date as YYYY-MM-DD, e.g. 2027-12-31.",
        ),
        (
            {"founded_year": "1800"},
            "founded_year",
            "Ensure this value is greater than or equal to 1900.",
        ),
        ({"founded_year": "2099"}, "founded_year", "The founding year cannot be in the future."),
        ({"founded_year": "12.5"}, "founded_year", "Enter a whole number."),
        ({"members_sme": "-3"}, "members_sme", "Ensure this value is greater than or equal to 0."),
        ({"contact_email": "paivi(at)example.fi"}, "contact_email", "Enter a valid email address."),
        (
            {"languages": "fi suomi"},
            "languages",
            "“suomi” is not a language code such as fi, sv or en.",
        ),
        ({"is_demo": "maybe"}, "is_demo", "Enter true or false."),
        ({"name_fi": ""}, "name_fi", "Give the name in at least one language."),
        (
            {"slug": "porin teknologia"},
            "slug",
            "Enter a valid “slug” consisting of letters, numbers, underscores or hyphens.",
        ),
    ],
)
def test_a_bad_row_imports_nothing_and_names_row_and_column(change, column, message):
    good = {**VALID, "slug": "kemin-klusteri", "business_id": ""}

    errors = errors_of(csv_bytes(good, {**VALID, **change}))

    assert errors == [(3, column, message)]
    assert not Cluster.objects.exists()


def test_every_error_in_the_file_is_reported():
    rows = [
        {**VALID, "slug": "a", "region": "MK99", "business_id": ""},
        {**VALID, "slug": "b", "business_id": "", "funding_other": "20"},
        {**VALID, "slug": "c", "business_id": "123", "kind": "club"},
    ]

    errors = errors_of(csv_bytes(*rows))

    assert [(row, column) for row, column, _message in errors] == [
        (2, "region"),
        (3, "funding_other"),
        (4, "kind"),
        (4, "business_id"),
    ]


def test_an_unreadable_cell_does_not_also_report_the_rules_that_follow_from_it():
    # The funding shares cannot be summed while one of them is not a number.
    errors = errors_of(csv_bytes({**VALID, "funding_public": "viisikymmentä"}))

    assert errors == [(2, "funding_public", "Enter a whole number.")]


def test_an_unknown_column_is_named_in_row_1():
    errors = errors_of(csv_bytes({**VALID, "colour": "blue", "Region ": "MK04"}))

    assert errors == [(1, "region", "This column appears twice."), (1, "colour", "Unknown column.")]


def test_a_file_that_is_not_text_gets_a_clean_report():
    errors = errors_of(b"\x81\x8d\x8f\x90\x9d" * 10)

    assert errors == [(None, "", "The file is not UTF-8 or Windows-1252 text.")]


@pytest.mark.parametrize(
    ("data", "fmt", "message"),
    [
        (b"", "csv", "The file is empty: it needs a heading row and a row per cluster."),
        (b"not a zip file", "xlsx", "The file could not be read as an Excel workbook (.xlsx)."),
        (b'{"clusters": ', "json", "The file is not valid JSON (line 1, column 14)."),
        (b"[" * 100_000, "json", "The file is not valid JSON."),
        (
            b'{"name": "x"}',
            "json",
            "A JSON file must hold a list of clusters, or an object with the list as “clusters”.",
        ),
    ],
)
def test_an_unreadable_file_gets_a_clean_report(data, fmt, message):
    assert errors_of(data, fmt) == [(None, "", message)]


def test_a_row_with_more_cells_than_headings_is_an_error():
    data = b"slug,name_fi\nporin-klusteri,Porin klusteri,surprise\n"

    assert errors_of(data) == [(2, "", "This row has more cells than the heading row.")]


def test_empty_rows_are_skipped_but_row_numbers_stay_as_in_the_spreadsheet():
    data = csv_bytes(VALID).replace(b"\n", b"\n,,,\n\n", 1).replace(b"MK04", b"MK99")

    assert [error[:2] for error in errors_of(data)] == [(4, "region")]


def test_a_semicolon_file_with_commas_in_its_cells_is_read_by_its_header():
    data = csv_bytes({**VALID, "international_networks": "ECA, Clusters of Sweden"}, delimiter=";")

    import_file(data, "csv", by=None)

    assert Cluster.objects.get().international_networks == "ECA, Clusters of Sweden"


# Creating and updating --------------------------------------------------------------


def test_reimport_updates_by_slug_instead_of_duplicating():
    import_file(csv_bytes(VALID), "csv", by=None)

    result = import_file(
        csv_bytes({**VALID, "name_fi": "Satakunnan teknologiaklusteri"}), "csv", by=None
    )

    assert (len(result.created), len(result.updated)) == (0, 1)
    assert result.updated[0].changed == ["name_fi"]
    assert result.updated[0].matched_by == "slug"
    assert Cluster.objects.get().name_fi == "Satakunnan teknologiaklusteri"


def test_reimport_updates_by_business_id_when_one_cluster_has_it():
    cluster = Cluster.objects.create(slug="pori-tech", name_fi="Pori Tech", business_id="2345678-0")

    result = import_file(csv_bytes(VALID), "csv", by=None)

    assert result.updated[0].matched_by == "business_id"
    cluster.refresh_from_db()
    assert Cluster.objects.count() == 1
    assert cluster.slug == "pori-tech"  # its address stays
    assert cluster.name_fi == "Porin teknologiaklusteri"
    assert cluster.region.code == "MK04"


def test_a_business_id_that_two_clusters_share_does_not_choose_between_them():
    for slug in ("pori-a", "pori-b"):
        Cluster.objects.create(slug=slug, name_fi=slug, business_id="2345678-0")

    result = import_file(csv_bytes(VALID), "csv", by=None)

    assert result.created[0].slug == "porin-teknologiaklusteri"
    assert Cluster.objects.count() == 3


def test_a_row_without_a_slug_gets_one_from_its_name():
    Cluster.objects.create(slug="porin-teknologiaklusteri", name_fi="Toinen", business_id="")

    result = import_file(csv_bytes({**VALID, "slug": "", "business_id": ""}), "csv", by=None)

    assert result.created[0].slug == "porin-teknologiaklusteri-2"


def test_two_rows_for_the_same_cluster_are_an_error():
    Cluster.objects.create(slug="pori-tech", name_fi="Pori Tech", business_id="2345678-0")
    rows = [{**VALID, "slug": "pori-tech"}, VALID, {**VALID, "slug": "x", "business_id": ""}]

    errors = errors_of(csv_bytes(*rows, {**VALID, "slug": "x", "business_id": ""}))

    assert errors == [
        (3, "business_id", "Row 2 already updates this cluster."),
        (5, "slug", "Row 4 already creates a cluster with this address name."),
    ]


def test_columns_left_out_of_the_file_stay_as_they_are():
    cluster = Cluster.objects.create(
        slug="pori-tech",
        name_fi="Pori Tech",
        city="Pori",
        members_sme=40,
        label="gold",
        label_valid_until=datetime.date(2027, 1, 1),
    )

    import_file(b"slug,members_sme\npori-tech,45\n", "csv", by=None)

    cluster.refresh_from_db()
    assert (cluster.members_sme, cluster.city, cluster.label) == (45, "Pori", "gold")


def test_an_empty_cell_empties_the_field():
    cluster = Cluster.objects.create(slug="pori-tech", name_fi="Pori", name_en="Pori Tech")

    import_file(b"slug,name_en,members_sme\npori-tech,,\n", "csv", by=None)

    cluster.refresh_from_db()
    assert cluster.name_en is None
    assert cluster.members_sme == 0


def test_a_row_that_changes_nothing_is_not_written():
    import_file(csv_bytes(VALID), "csv", by=None)
    updated_at = Cluster.objects.get().updated_at

    result = import_file(
        csv_bytes({**VALID, "region": "mk04", "nace_sections": ""}), "csv", by=None
    )

    assert len(result.unchanged) == 1
    assert Cluster.objects.get().updated_at == updated_at
    assert AuditEntry.objects.count() == 1


def test_dry_run_reports_and_writes_nothing():
    Cluster.objects.create(slug="pori-tech", name_fi="Pori Tech", business_id="2345678-0")
    rows = [VALID, {**VALID, "slug": "kemin-klusteri", "business_id": ""}]

    result = import_file(csv_bytes(*rows), "csv", by=None, dry_run=True)

    assert [outcome.slug for outcome in result.updated] == ["pori-tech"]
    assert [outcome.slug for outcome in result.created] == ["kemin-klusteri"]
    assert result.summary() == (
        "Validation passed; nothing was saved. Would create 1, update 1, leave 0 unchanged."
    )
    assert Cluster.objects.get().name_fi == "Pori Tech"
    assert not AuditEntry.objects.exists()


def test_unknown_tags_are_created_only_when_asked():
    data = csv_bytes({**VALID, "tags": "Hydrogen|green-steel"})
    Tag.objects.create(slug="hydrogen", name_fi="Vety")

    result = import_file(data, "csv", by=None, create_tags=True)

    assert result.new_tags == ["green-steel"]
    assert sorted(Cluster.objects.get().tags.values_list("slug", flat=True)) == [
        "green-steel",
        "hydrogen",
    ]
    assert Tag.objects.get(slug="green-steel").name == "green steel"


def test_a_tag_to_create_must_be_a_slug():
    errors = errors_of(csv_bytes({**VALID, "tags": "vihreä teräs"}), create_tags=True)

    assert errors == [
        (2, "tags", "“vihreä teräs” cannot be a tag: use lowercase letters, digits and hyphens.")
    ]
    assert not Tag.objects.exists()


def test_a_dry_run_creates_no_tags():
    import_file(
        csv_bytes({**VALID, "tags": "green-steel"}), "csv", by=None, dry_run=True, create_tags=True
    )

    assert not Tag.objects.exists()


def test_many_to_many_columns_are_replaced():
    import_file(csv_bytes({**VALID, "services": "networking|advocacy"}), "csv", by=None)

    import_file(csv_bytes({**VALID, "services": "advocacy|information"}), "csv", by=None)

    services = Cluster.objects.get().services.values_list("slug", flat=True)
    assert sorted(services) == ["advocacy", "information"]


def test_spellings_that_excel_and_people_produce_are_understood():
    row = {
        **VALID,
        "region": "mk02",
        "municipality": "853",
        "nace_divisions": "1| 2 ,62",
        "nace_sections": "c",
        "label": "GOLD",
        "label_valid_until": "2027-12-31",
        "country": "fi",
        "languages": "FI, SV",
        "latitude": "60,45169",
        "longitude": " 22,26687 ",
        "management_fte": "1 234,5",
        "is_demo": "kyllä",
        "business_id": " 0112038-9 ",
    }

    import_file(csv_bytes(row, delimiter=";"), "csv", by=None)

    cluster = Cluster.objects.get()
    assert sorted(cluster.nace_divisions.values_list("code", flat=True)) == ["01", "02", "62"]
    assert (cluster.region.code, cluster.municipality.code) == ("MK02", "853")
    assert (cluster.label, cluster.country, cluster.languages) == ("gold", "FI", ["fi", "sv"])
    assert cluster.management_fte == Decimal("1234.5")
    assert cluster.business_id == "0112038-9"
    assert cluster.is_demo is True


def test_import_logs_one_entry_per_created_or_updated_cluster(staff):
    Cluster.objects.create(slug="pori-tech", name_fi="Pori Tech", business_id="2345678-0")
    unchanged = Cluster.objects.create(slug="kemi", name_fi="Kemi")
    rows = [
        VALID,
        {**VALID, "slug": "oulu", "business_id": ""},
        {"slug": "kemi", "name_fi": "Kemi"},
    ]

    import_file(json.dumps(rows).encode(), "json", by=staff)

    entries = AuditEntry.objects.order_by("pk")
    assert [entry.action for entry in entries] == ["clusters.cluster.imported"] * 2
    assert {entry.actor for entry in entries} == {staff}
    assert entries[0].object_repr == "Porin teknologiaklusteri"
    assert entries[0].data["created"] is False
    assert entries[0].data["changed"]["region"] == "MK04"
    assert entries[1].data["created"] is True
    assert not AuditEntry.objects.for_object(unchanged).exists()


def test_import_logs_that_the_contact_changed_not_who_it_is(staff):
    row = {**VALID, "contact_name": "Päivi Mäkelä", "contact_email": "paivi@example.fi"}

    import_file(json.dumps([row]).encode(), "json", by=staff)

    changed = AuditEntry.objects.get().data["changed"]
    assert changed["contact_name"] == changed["contact_email"] == PERSONAL_VALUE
    assert Cluster.objects.get().contact_email == "paivi@example.fi"


def test_the_command_line_import_is_logged_without_an_actor():
    import_file(csv_bytes(VALID), "csv", by=None)

    assert AuditEntry.objects.get().actor is None


def test_imported_clusters_are_reindexed(monkeypatch, django_capture_on_commit_callbacks):
    reindexed = []
    monkeypatch.setattr("klusteri.clusters.search.reindex_clusters", reindexed.append)
    Cluster.objects.create(slug="kemi", name_fi="Kemi")
    rows = [VALID, {"slug": "kemi", "name_fi": "Kemi"}]

    with django_capture_on_commit_callbacks(execute=True):
        import_file(json.dumps(rows).encode(), "json", by=None)

    assert reindexed == [[Cluster.objects.get(slug=VALID["slug"]).pk]]


def test_a_dry_run_reindexes_nothing(monkeypatch, django_capture_on_commit_callbacks):
    monkeypatch.setattr("klusteri.clusters.search.reindex_clusters", pytest.fail)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        import_file(csv_bytes(VALID), "csv", by=None, dry_run=True)

    assert callbacks == []


@pytest.mark.parametrize("count", [5, 50])
def test_validation_runs_in_a_constant_number_of_queries(count, django_assert_num_queries):
    Cluster.objects.create(slug="klusteri-0", name_fi="Klusteri")
    rows = [{**VALID, "slug": f"klusteri-{n}", "business_id": ""} for n in range(count)]

    # The taxonomies and places (7), the clusters that the rows name with their
    # taxonomies (1 + 5), and the transaction's savepoint (2).
    with django_assert_num_queries(7 + 6 + 2):
        import_file(csv_bytes(*rows), "csv", by=None, dry_run=True)


def test_writing_takes_two_queries_per_new_cluster():
    rows = [
        {
            **VALID,
            "slug": f"klusteri-{n}",
            "business_id": "",
            "ecosystems": "digital|health",
            "nace_sections": "C",
            "nace_divisions": "62",
            "services": "networking",
        }
        for n in range(6)
    ]
    counts = []
    for count in (3, 6):
        with CaptureQueriesContext(connection) as queries:
            import_file(csv_bytes(*rows[:count]), "csv", by=None)
        Cluster.objects.all().delete()
        counts.append(len(queries))

    # Its row and its audit entry; the taxonomies of all new clusters are linked
    # in one query per taxonomy.
    assert counts[1] - counts[0] == 3 * 2


# Arbitrary input ------------------------------------------------------------------

header_cells = st.sampled_from([*COLUMNS, "", "nimi", "SLUG", "\ufeffslug"])
cell_text = st.text(alphabet=st.characters(codec="utf-8"), max_size=20)


@st.composite
def csv_like(draw) -> bytes:
    """Bytes that are more or less a CSV file, so that the reader gets past the
    heading row as often as it stops at it."""
    delimiter = draw(st.sampled_from([",", ";"]))
    header = draw(st.lists(header_cells, min_size=1, max_size=8))
    rows = draw(st.lists(st.lists(cell_text, max_size=len(header) + 1), max_size=4))
    text = "\n".join(delimiter.join(cells) for cells in [header, *rows])
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]))
    return text.encode(encoding, errors="replace")


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.one_of(st.binary(max_size=300), csv_like()))
def test_arbitrary_bytes_as_a_csv_file_give_a_clean_report_or_an_import(data):
    with transaction.atomic():
        try:
            result = import_file(data, "csv", by=None, create_tags=True)
        except ClusterImportError as error:
            errors = error.errors
        else:
            assert isinstance(result, ImportResult)
            errors = [RowError(None, "", "none")]
        transaction.set_rollback(True)

    assert errors
    assert all(str(row_error) for row_error in errors)


def test_read_rows_gives_raw_cells_with_spreadsheet_row_numbers():
    rows = read_rows("slug;name_fi\r\n\r\npori;Pori\r\n".encode("cp1252"), "csv")

    assert [(row.number, row.values) for row in rows] == [(3, {"slug": "pori", "name_fi": "Pori"})]


# The command ----------------------------------------------------------------------


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_clusters", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_the_command_imports_a_file_and_prints_a_summary():
    out, _err = run(str(DATA / "finnish_excel.csv"))

    assert out.splitlines() == [
        "Row 2: new cluster jyvaskylan-energiaklusteri",
        "Row 3: new cluster espoon-tekoalyklusteri",
        "Created 2, updated 0, unchanged 0.",
    ]
    assert Cluster.objects.count() == 2


def test_the_command_reports_updates_and_unchanged_rows():
    run(str(DATA / "clusters.json"))
    Cluster.objects.update(members_sme=1)

    out, _err = run(str(DATA / "clusters.json"))

    assert out.splitlines() == [
        "Row 1: lahden-kiertotalousklusteri, changed members_sme",
        "Created 0, updated 1, unchanged 0.",
    ]


def test_the_command_lists_every_error_and_exits_non_zero():
    with pytest.raises(CommandError, match=r"The file was not imported: it has 1 error\."):
        run(str(DATA / "bad_row.csv"))

    assert not Cluster.objects.exists()


def test_the_command_prints_the_errors_to_stderr(capsys):
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_clusters", str(DATA / "bad_row.csv"), stderr=err)

    assert err.getvalue() == (
        "Row 3, column region: There is no region with the code or name “MK99”.\n"
    )


def test_the_command_dry_run_saves_nothing():
    out, _err = run(str(DATA / "clusters.xlsx"), "--dry-run")

    assert out.splitlines()[-1] == (
        "Validation passed; nothing was saved. Would create 2, update 0, leave 0 unchanged."
    )
    assert not Cluster.objects.exists()


def test_the_command_takes_the_format_as_an_option(tmp_path):
    path = tmp_path / "clusters.txt"
    path.write_bytes((DATA / "clusters.json").read_bytes())

    run(str(path), "--format", "json")

    assert Cluster.objects.count() == 1


def test_the_command_needs_a_format_it_can_tell(tmp_path):
    path = tmp_path / "clusters.txt"
    path.write_text("slug\n")

    with pytest.raises(CommandError, match="--format"):
        run(str(path))


def test_the_command_creates_tags_when_asked(tmp_path):
    path = tmp_path / "clusters.csv"
    path.write_bytes(csv_bytes({**VALID, "tags": "green-steel"}))

    out, _err = run(str(path), "--create-tags")

    assert "New tags: green-steel" in out
    assert Tag.objects.filter(slug="green-steel").exists()


def test_the_command_says_when_the_file_is_missing(tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        run(str(tmp_path / "missing.csv"))
