"""Exporting cluster profiles (klusteri.clusters.transfer.export_clusters and the
`klusteri export_clusters` command), and exports that import back unchanged."""

import csv
import datetime
import io
import json
from decimal import Decimal

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from klusteri.audit.models import AuditEntry
from klusteri.clusters.models import (
    Cluster,
    Ecosystem,
    NaceDivision,
    NaceSection,
    ServiceArea,
    Tag,
)
from klusteri.clusters.transfer import COLUMNS, export_clusters, import_file
from klusteri.places.models import Municipality, Region

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def make_full_cluster(slug: str, **fields) -> Cluster:
    """A cluster with every exported field filled, with the characters that trip
    files up: separators, quotes, line breaks, a leading "=" and non-ASCII letters."""
    values = {
        "name_fi": 'Äänekosken "Metsä & Puu"; osa 1',
        "name_sv": "Äänekoski skog, del 1",
        "name_en": "=Forest cluster",
        "kind": Cluster.Kind.ECOSYSTEM,
        "business_id": "2345678-0",
        "foreign_registry_id": "-SE 556677",
        "legal_form": Cluster.LegalForm.FOUNDATION,
        "founded_year": 2012,
        "website": "https://metsa.example.fi/?a=1&b=2",
        "languages": ["fi", "sv", "en"],
        "country": "FI",
        "region": Region.objects.get(code="MK13"),
        "municipality": Municipality.objects.get(code="992"),
        "city": "Äänekoski",
        "latitude": Decimal("62.60331"),
        "longitude": Decimal("25.72496"),
        "operating_area": Cluster.OperatingArea.NATIONAL,
        "management_fte": Decimal("2.5"),
        "members_large": 3,
        "members_sme": 41,
        "members_micro": 12,
        "members_university": 1,
        "members_uas": 2,
        "members_research": 1,
        "members_public": 4,
        "members_financier": 1,
        "members_other": 7,
        "funding_membership": 40,
        "funding_public": 30,
        "funding_project": 20,
        "funding_other": 10,
        "eccp_url": "https://reporting.clustercollaboration.eu/metsa",
        "label": Cluster.Label.GOLD,
        "label_valid_until": datetime.date(2027, 12, 31),
        "national_status": Cluster.NationalStatus.RECOGNISED,
        "international_networks": "European Clusters Alliance, Clusters of Sweden",
        "contact_name": "Åsa Öberg",
        "contact_email": "asa.oberg@example.fi",
        "description_fi": 'Metsä **kasvaa**.\r\n\r\n* puu; kuitu, "sellu"\n* |kemia|\n  ',
        "description_sv": "+ Skog",
        "description_en": "@forest\ttab",
        "is_demo": True,
        **fields,
    }
    cluster = Cluster.objects.create(slug=slug, **values)
    cluster.ecosystems.set(Ecosystem.objects.filter(slug__in=["construction", "digital"]))
    cluster.nace_sections.set(NaceSection.objects.filter(code__in=["A", "C"]))
    cluster.nace_divisions.set(NaceDivision.objects.filter(code__in=["02", "16", "17"]))
    cluster.tags.set(Tag.objects.all())
    cluster.services.set(ServiceArea.objects.exclude(slug="advocacy"))
    return cluster


@pytest.fixture
def clusters(make_organisation):
    Tag.objects.create(slug="wood-construction", name_fi="Puurakentaminen")
    Tag.objects.create(slug="biochemicals", name_fi="Biokemikaalit")
    return [
        make_full_cluster("metsa", host=make_organisation("Metsä ry")),
        make_full_cluster(
            "sparse",
            name_fi=None,
            name_sv=None,
            name_en="Only English",
            description_fi=None,
            description_sv="",
            description_en=None,
            languages=[],
            region=None,
            municipality=None,
            latitude=None,
            longitude=None,
            management_fte=None,
            founded_year=None,
            label="",
            label_valid_until=None,
            national_status="",
            country="SE",
            city="Göteborg",
            business_id="",
            foreign_registry_id="556677-8899",  # checked in Sweden; "metsa" is Finnish
            is_demo=False,
            funding_membership=0,
            funding_public=0,
            funding_project=0,
            funding_other=0,
        ),
        Cluster.objects.create(slug="minimal", name_fi="Minimal", is_published=False),
    ]


def snapshot() -> list[dict]:
    """Every stored value of every cluster, its timestamps and relations included."""
    many = [field.name for field in Cluster._meta.many_to_many]
    rows = []
    for cluster in Cluster.objects.order_by("pk").prefetch_related(*many):
        row = {
            field.attname: getattr(cluster, field.attname)
            for field in Cluster._meta.concrete_fields
        }
        row.update(
            {name: sorted(item.pk for item in getattr(cluster, name).all()) for name in many}
        )
        rows.append(row)
    return rows


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_an_export_imports_back_without_changes(clusters, fmt):
    before = snapshot()
    tags = Tag.objects.count()

    content = export_clusters(Cluster.objects.all(), fmt)
    result = import_file(content, fmt, by=None)

    assert sorted(outcome.slug for outcome in result.unchanged) == ["metsa", "minimal", "sparse"]
    assert result.created == result.updated == []
    assert snapshot() == before
    assert Tag.objects.count() == tags
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_an_export_recreates_the_clusters_in_an_empty_database(clusters, fmt):
    content = export_clusters(Cluster.objects.all(), fmt)
    before = {cluster["slug"]: cluster for cluster in snapshot()}
    Cluster.objects.all().delete()

    import_file(content, fmt, by=None)

    for cluster in snapshot():
        expected = before[cluster["slug"]]
        # What the file does not hold: the host, the logo, publication, times.
        for field in ("id", "host_id", "is_published", "created_at", "updated_at"):
            cluster.pop(field), expected.pop(field)
        # An empty translation is stored as NULL whichever it was.
        for field in ("name_sv", "description_sv", "description_fi"):
            cluster[field], expected[field] = cluster[field] or None, expected[field] or None
        # Line breaks come back as LF.
        description = expected["description_fi"] or ""
        expected["description_fi"] = description.replace("\r\n", "\n") or None
        cluster["name"] = expected["name"] = cluster["description"] = expected["description"] = None
        assert cluster == expected


def test_the_csv_is_as_finnish_excel_opens_it_with_one_column_per_layout_column(clusters):
    content = export_clusters(Cluster.objects.filter(slug="metsa"), "csv")

    assert content.startswith(b"\xef\xbb\xbf")  # so that Excel reads UTF-8
    header, row = csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";")
    assert header == COLUMNS
    values = dict(zip(header, row, strict=True))
    assert values["ecosystems"] == "construction|digital"
    assert values["nace_divisions"] == "02|16|17"
    assert values["tags"] == "biochemicals|wood-construction"
    assert values["languages"] == "fi sv en"
    assert values["municipality"] == "992"
    assert values["latitude"] == "62,60331"  # decimal commas
    assert values["management_fte"] == "2,5"
    assert values["label_valid_until"] == "2027-12-31"
    assert values["is_demo"] == "true"


def test_the_csv_keeps_spreadsheets_from_running_text_as_a_formula(clusters):
    content = export_clusters(Cluster.objects.filter(slug="metsa"), "csv")

    lines = csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";")
    values = dict(zip(*lines, strict=True))
    assert values["name_en"] == "'=Forest cluster"
    assert values["foreign_registry_id"] == "'-SE 556677"
    assert values["description_sv"] == "'+ Skog"
    assert values["description_en"] == "'@forest\ttab"


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_headings_to_read_are_in_the_language_and_import_back_unchanged(clusters, language):
    with translation.override(language):
        content = export_clusters(Cluster.objects.all(), "csv", headings="names")
    header = next(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))

    result = import_file(content, "csv", by=None)

    assert len(set(header)) == len(COLUMNS)
    expected = {"fi": "Nimi suomeksi", "sv": "Namn på finska", "en": "Name in Finnish"}
    assert header[COLUMNS.index("name_fi")] == expected[language]
    assert (len(result.created), len(result.updated)) == (0, 0)


def test_the_workbook_has_text_as_text_and_numbers_as_numbers(clusters):
    content = export_clusters(Cluster.objects.filter(slug="metsa"), "xlsx")

    sheet = openpyxl.load_workbook(io.BytesIO(content)).worksheets[0]
    header, row = (list(line) for line in sheet.iter_rows(max_row=2))
    cells = {heading.value: cell for heading, cell in zip(header, row, strict=True)}
    assert cells["name_en"].data_type == "s"  # not a formula
    assert cells["name_en"].value == "=Forest cluster"
    assert cells["municipality"].value == "992"
    assert cells["members_sme"].value == 41
    assert cells["latitude"].value == pytest.approx(62.60331)
    assert cells["label_valid_until"].value == datetime.datetime(2027, 12, 31)
    assert cells["is_demo"].value is True


def test_the_json_has_arrays_for_lists(clusters):
    content = export_clusters(Cluster.objects.filter(slug="metsa"), "json")

    (cluster,) = json.loads(content)["clusters"]
    assert list(cluster) == COLUMNS
    assert cluster["ecosystems"] == ["construction", "digital"]
    assert cluster["languages"] == ["fi", "sv", "en"]
    assert cluster["latitude"] == 62.60331
    assert cluster["founded_year"] == 2012
    assert cluster["label_valid_until"] == "2027-12-31"


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_the_export_takes_the_same_queries_for_any_number_of_clusters(
    fmt, django_assert_num_queries
):
    Tag.objects.create(slug="hydrogen", name_fi="Vety")
    for number in range(2):
        make_full_cluster(f"cluster-{number}")
    with django_assert_num_queries(6):  # the clusters with their places, and 5 taxonomies
        export_clusters(Cluster.objects.all(), fmt)

    for number in range(2, 12):
        make_full_cluster(f"cluster-{number}")

    with django_assert_num_queries(6):
        export_clusters(Cluster.objects.all(), fmt)


# The command ----------------------------------------------------------------------


def test_the_command_writes_csv_to_standard_output(clusters):
    out = io.StringIO()

    call_command("export_clusters", stdout=out)

    rows = list(csv.DictReader(io.StringIO(out.getvalue()), delimiter=";"))
    assert [row["slug"] for row in rows] == ["metsa", "minimal", "sparse"]  # unpublished too


def test_the_command_writes_json(clusters):
    out = io.StringIO()

    call_command("export_clusters", "--format", "json", stdout=out)

    assert len(json.loads(out.getvalue())["clusters"]) == 3


def test_the_command_writes_a_workbook_to_a_file(clusters, tmp_path):
    path = tmp_path / "clusters.xlsx"
    err = io.StringIO()

    call_command("export_clusters", "--format", "xlsx", "--output", str(path), stderr=err)

    sheet = openpyxl.load_workbook(path).worksheets[0]
    assert sheet.max_row == 4
    assert err.getvalue() == f"Wrote 3 clusters to {path}.\n"


def test_the_command_round_trips_through_a_file(clusters, tmp_path):
    path = tmp_path / "clusters.csv"
    before = snapshot()
    call_command("export_clusters", "--output", str(path), stderr=io.StringIO())
    out = io.StringIO()

    call_command("import_clusters", str(path), stdout=out)

    assert out.getvalue() == "Created 0, updated 0, unchanged 3.\n"
    assert snapshot() == before


def test_the_command_needs_a_file_for_a_workbook():
    with pytest.raises(CommandError, match=r"An Excel file needs --output FILE\."):
        call_command("export_clusters", "--format", "xlsx")
