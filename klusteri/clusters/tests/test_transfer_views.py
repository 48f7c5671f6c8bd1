"""The directory's download, /<lang>/clusters/export/<csv|xlsx>/, and the staff
upload page, /<lang>/clusters/import/.

The import page concerns no one cluster, so there is no outsider-gets-404 case:
everyone but platform staff gets 403 (or the log-in page).
"""

import csv
import io
from pathlib import Path

import openpyxl
import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.html import escape

from klusteri.audit.models import AuditEntry
from klusteri.clusters.models import Cluster
from klusteri.places.models import Region

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parent / "data"
EXPORT_URL = "/en/clusters/export/csv/"
IMPORT_URL = "/en/clusters/import/"


def exported_slugs(response) -> list[str]:
    text = b"".join(response).decode("utf-8-sig")
    return [row["slug"] for row in csv.DictReader(io.StringIO(text), delimiter=";")]


def upload(name: str, content: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, (DATA / name).read_bytes() if content is None else content)


# Export ---------------------------------------------------------------------------


def test_anyone_downloads_the_published_clusters_as_csv(client, make_cluster):
    make_cluster("Vety")
    make_cluster("Metsa")
    make_cluster("Draft", is_published=False)

    with time_machine.travel("2026-03-01 23:30 +02:00", tick=False):
        response = client.get(EXPORT_URL)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="klusteri-clusters-2026-03-01.csv"'
    )
    assert exported_slugs(response) == ["metsa", "vety"]


def test_the_download_with_headings_to_read_has_them_in_the_pages_language(client, make_cluster):
    make_cluster("Vety")

    response = client.get("/sv/clusters/export/csv/", {"headings": "names"})

    heading = next(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert heading[:3] == ["Adressnamn", "Namn på finska", "Namn på svenska"]


def test_the_directory_links_both_downloads(client, make_cluster):
    make_cluster("Vety")

    response = client.get("/en/clusters/", {"q": "vety"})

    assert 'href="/en/clusters/export/csv/?q=vety"' in response.text
    assert 'href="/en/clusters/export/csv/?q=vety&amp;headings=names"' in response.text


def test_the_download_follows_the_directory_filters_and_order(client, make_cluster):
    make_cluster("Vety", region=Region.objects.get(code="MK17"), members_sme=300)
    make_cluster("Meri", region=Region.objects.get(code="MK02"), members_sme=20)
    make_cluster("Metsa", region=Region.objects.get(code="MK17"), members_sme=80)

    response = client.get(EXPORT_URL, {"region": "MK17", "sort": "size"})

    assert exported_slugs(response) == ["vety", "metsa"]


def test_a_workbook_download(client, make_cluster):
    make_cluster("Vety")

    response = client.get("/en/clusters/export/xlsx/")

    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert [cell.value for cell in next(sheet.iter_rows(min_row=2, max_row=2))][:2] == [
        "vety",
        "Vety",
    ]


@pytest.mark.parametrize("fmt", ["json", "pdf", "CSV"])
def test_another_format_is_404(client, fmt):
    response = client.get(f"/en/clusters/export/{fmt}/")

    assert response.status_code == 404


def test_export_wrong_method_is_405(client):
    response = client.post(EXPORT_URL)

    assert response.status_code == 405


def test_a_manager_also_downloads_their_unpublished_cluster(manager_client, manager, make_cluster):
    make_cluster("Draft", is_published=False, managers=[manager])
    make_cluster("Other-draft", is_published=False)
    make_cluster("Vety")

    response = manager_client.get(EXPORT_URL)

    assert exported_slugs(response) == ["draft", "vety"]


def test_staff_download_every_cluster(staff_client, make_cluster):
    make_cluster("Draft", is_published=False)
    make_cluster("Vety")

    response = staff_client.get(EXPORT_URL)

    assert exported_slugs(response) == ["draft", "vety"]


def test_the_download_stops_at_the_limit(client, monkeypatch, make_cluster):
    monkeypatch.setattr("klusteri.clusters.views.transfer.EXPORT_LIMIT", 2)
    for name in ("A", "B", "C"):
        make_cluster(name)

    response = client.get(EXPORT_URL)

    assert exported_slugs(response) == ["a", "b"]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_download_takes_the_same_queries_for_any_number_of_clusters(
    client, django_assert_num_queries, fmt, make_cluster
):
    for number in range(2):
        make_cluster(f"Cluster-{number}")
    # The clusters with their region and municipality, and their five taxonomies.
    with django_assert_num_queries(6):
        client.get(f"/en/clusters/export/{fmt}/")

    for number in range(2, 20):
        make_cluster(f"Cluster-{number}")

    with django_assert_num_queries(6):
        client.get(f"/en/clusters/export/{fmt}/")


# Import -----------------------------------------------------------------------------


def test_anonymous_is_sent_to_log_in(client):
    response = client.get(IMPORT_URL)

    assert response.status_code == 302
    assert response["Location"] == f"/en/accounts/login/?next={IMPORT_URL}"


@pytest.mark.parametrize("persona", ["outsider_client", "manager_client"])
def test_anyone_but_staff_gets_403(request, persona):
    client = request.getfixturevalue(persona)

    response = client.post(IMPORT_URL, {"file": upload("clusters.json")})

    assert response.status_code == 403
    assert not Cluster.objects.exists()


def test_import_wrong_method_is_405(staff_client):
    response = staff_client.put(IMPORT_URL)

    assert response.status_code == 405


def test_staff_see_the_upload_form(staff_client, django_assert_num_queries):
    with django_assert_num_queries(2):  # the session and the user
        response = staff_client.get(IMPORT_URL)

    assert response.status_code == 200
    assert "<h1>Import clusters</h1>" in response.text
    assert 'enctype="multipart/form-data"' in response.text
    assert "Validate only" in response.text


def test_staff_import_a_file(staff_client, staff):
    response = staff_client.post(IMPORT_URL, {"file": upload("finnish_excel.csv")})

    assert response.status_code == 200
    assert "The file was imported" in response.text
    assert "Created 2, updated 0, unchanged 0." in response.text
    assert 'href="/en/clusters/jyvaskylan-energiaklusteri/"' in response.text
    assert sorted(Cluster.objects.values_list("slug", flat=True)) == [
        "espoon-tekoalyklusteri",
        "jyvaskylan-energiaklusteri",
    ]
    assert list(AuditEntry.objects.values_list("action", "actor")) == [
        ("clusters.cluster.imported", staff.pk),
        ("clusters.cluster.imported", staff.pk),
    ]


def test_a_reimport_shows_what_changed(staff_client):
    staff_client.post(IMPORT_URL, {"file": upload("clusters.xlsx")})
    Cluster.objects.filter(slug="turun-meriklusteri").update(members_sme=1, city="Åbo")

    response = staff_client.post(IMPORT_URL, {"file": upload("clusters.xlsx")})

    assert "Created 0, updated 1, unchanged 1." in response.text
    assert "<code>members_sme</code>" in response.text
    assert Cluster.objects.get(slug="turun-meriklusteri").members_sme == 35
    assert Cluster.objects.count() == 2


def test_the_dry_run_of_a_list_without_slugs_says_which_cluster_each_row_updates(staff_client):
    staff_client.post(IMPORT_URL, {"file": upload("national_list.csv")})
    changed = (DATA / "national_list.csv").read_bytes().replace(b";120;", b";135;")

    response = staff_client.post(
        IMPORT_URL, {"file": upload("national_list.csv", changed), "dry_run": "on"}
    )

    assert "Would create 0, update 1, leave 19 unchanged." in response.text
    assert "Kuopio Health Cluster" in response.text
    assert "Found by its name and country." in response.text
    assert "<code>members_unclassified</code>: <del>120</del> → <ins>135</ins>" in response.text
    assert Cluster.objects.get(name_fi="Kuopion terveysklusteri").members_unclassified == 120


def test_validate_only_writes_nothing(staff_client):
    response = staff_client.post(IMPORT_URL, {"file": upload("clusters.json"), "dry_run": "on"})

    assert response.status_code == 200
    assert "The file is valid" in response.text
    assert (
        "Validation passed; nothing was saved. Would create 1, update 0, leave 0 unchanged."
        in response.text
    )
    assert not Cluster.objects.exists()
    assert not AuditEntry.objects.exists()


def test_a_file_with_errors_shows_each_with_row_and_column_and_writes_nothing(staff_client):
    response = staff_client.post(IMPORT_URL, {"file": upload("bad_row.csv")})

    assert response.status_code == 200
    assert "The file was not imported" in response.text
    assert "<td>3</td>" in response.text
    assert "<code>region</code>" in response.text
    assert escape("There is no region with the code or name “MK99”.") in response.text
    assert not Cluster.objects.exists()


def test_the_form_keeps_the_validate_only_choice_after_an_error(staff_client):
    response = staff_client.post(IMPORT_URL, {"file": upload("bad_row.csv"), "dry_run": "on"})

    assert "The file was not imported" in response.text
    assert 'name="dry_run" id="id_dry_run" checked' in response.text


def test_a_file_that_cannot_be_parsed_is_reported(staff_client):
    file = upload("clusters.xlsx", b"PK\x03\x04 this is no workbook")

    response = staff_client.post(IMPORT_URL, {"file": file})

    assert "The file could not be read as an Excel workbook (.xlsx)." in response.text
    assert not Cluster.objects.exists()


def test_a_file_over_5_mb_is_refused(staff_client):
    file = upload("big.csv", b"slug\n" + b"x" * (5 * 1024 * 1024))

    response = staff_client.post(IMPORT_URL, {"file": file})

    assert "The file is larger than 5 MB." in response.text
    assert not Cluster.objects.exists()


def test_only_csv_xlsx_and_json_files_are_taken(staff_client):
    file = upload("clusters.txt", (DATA / "clusters.json").read_bytes())

    response = staff_client.post(IMPORT_URL, {"file": file})

    assert escape("File extension “txt” is not allowed.") in response.text
    assert not Cluster.objects.exists()


def test_a_file_is_required(staff_client):
    response = staff_client.post(IMPORT_URL, {"dry_run": "on"})

    assert "This field is required." in response.text
