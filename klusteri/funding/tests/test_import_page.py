"""The staff page that imports funding calls, /<lang>/funding/import/.

The page concerns no one call, so there is no outsider-gets-404 case: anyone who is
not staff gets 403 (anonymous visitors are sent to log in)."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from klusteri.audit.models import AuditEntry
from klusteri.funding.models import Call

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parent / "data"
IMPORT_URL = "/en/funding/import/"


def upload(name: str, content: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, (DATA / name).read_bytes() if content is None else content)


def test_anonymous_is_sent_to_log_in(client):
    response = client.get(IMPORT_URL)

    assert response.status_code == 302
    assert response["Location"] == f"/en/accounts/login/?next={IMPORT_URL}"


@pytest.mark.parametrize("persona", ["outsider_client", "manager_client"])
def test_anyone_but_staff_gets_403(request, persona):
    client = request.getfixturevalue(persona)

    response = client.post(IMPORT_URL, {"file": upload("calls.csv")})

    assert response.status_code == 403
    assert not Call.objects.exists()


def test_wrong_method_is_405(staff_client):
    assert staff_client.put(IMPORT_URL).status_code == 405


def test_staff_see_the_upload_form(staff_client, django_assert_num_queries):
    with django_assert_num_queries(2):  # the session and the user
        response = staff_client.get(IMPORT_URL)

    assert response.status_code == 200
    assert "<h1>Import funding calls</h1>" in response.text
    assert 'enctype="multipart/form-data"' in response.text


def test_staff_import_a_file(staff_client, staff):
    response = staff_client.post(IMPORT_URL, {"file": upload("calls.csv")})

    assert response.status_code == 200
    assert "The file was imported" in response.text
    assert "<code>HORIZON-EIE-2027-CONNECT-01-01</code>" in response.text
    assert 'href="/en/funding/calls/HORIZON-EIE-2027-CONNECT-01-01/"' in response.text
    assert Call.objects.count() == 3
    assert set(AuditEntry.objects.values_list("action", "actor")) == {
        ("funding.call.created", staff.pk)
    }


def test_a_portal_result_is_told_by_its_content(staff_client):
    response = staff_client.post(
        IMPORT_URL, {"file": upload("eu_portal_search.json"), "dry_run": "on"}
    )

    assert "The file is valid" in response.text
    assert "Would create 4" in response.text
    assert not Call.objects.exists()


def test_a_bad_file_is_refused_row_by_row_and_saves_nothing(staff_client):
    response = staff_client.post(IMPORT_URL, {"file": upload("bad_calls.csv")})

    assert response.status_code == 200
    assert "The file was not imported" in response.text
    assert "There is no programme “Horizon 2020”" in response.text
    assert "“31.5.2027 klo 16” is not a date and time" in response.text
    assert "The deadline is missing." in response.text
    assert not Call.objects.exists()


def test_another_kind_of_file_is_refused_and_the_form_kept(staff_client):
    response = staff_client.post(
        IMPORT_URL, {"file": upload("calls.pdf", b"%PDF-1.7"), "dry_run": "on"}
    )

    assert response.status_code == 200
    assert "File extension “pdf” is not allowed." in response.text
    assert 'name="dry_run" id="id_dry_run" checked' in response.text
