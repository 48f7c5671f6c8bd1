"""Platform staff answer an access request from the admin: the person's data as JSON,
and the audit trail records who exported whose data."""

import json

import pytest
from django.contrib.auth.models import Permission

from klusteri.audit.models import AuditEntry
from klusteri.conftest import client_for

pytestmark = pytest.mark.django_db
CHANGELIST = "/en/admin/accounts/user/"


def export(client, *people):
    return client.post(
        CHANGELIST,
        {"action": "export_personal_data", "_selected_action": [p.pk for p in people]},
    )


@pytest.fixture
def superuser_client(staff, staff_client):
    staff.is_superuser = True
    staff.save(update_fields=["is_superuser"])
    return staff_client


def test_staff_download_the_persons_data(superuser_client, person, outsider_with_data):
    response = export(superuser_client, person.user)

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith(
        f'attachment; filename="klusteri-personal-data-{person.user.pk}-'
    )
    data = json.loads(response.content)
    assert data["person"]["email"] == "essi@example.org"
    assert [t["name"] for t in data["api_tokens"]] == ["Essin raportointi"]
    assert "outsider@example.org" not in response.content.decode()


def test_export_is_logged_with_who_exported_whose_data(superuser_client, staff, person):
    export(superuser_client, person.user)

    entry = AuditEntry.objects.get(action="accounts.personal_data.exported")
    assert entry.actor == staff
    assert entry.object_id == str(person.user.pk)
    assert entry.data == {"by_the_person": False}


def test_one_person_at_a_time(superuser_client, person, outsider):
    response = export(superuser_client, person.user, outsider)

    assert response.status_code == 302
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages == ["Select exactly one person: an access request is answered for one person."]
    assert not AuditEntry.objects.filter(action="accounts.personal_data.exported").exists()


def test_staff_who_may_view_people_may_export(staff, staff_client, person):
    staff.user_permissions.add(Permission.objects.get(codename="view_user"))

    response = export(staff_client, person.user)

    assert response.status_code == 200
    assert json.loads(response.content)["person"]["id"] == person.user.pk


def test_staff_without_the_permission_cannot_export(staff_client, person):
    response = export(staff_client, person.user)

    assert response.status_code == 403
    assert not AuditEntry.objects.filter(action="accounts.personal_data.exported").exists()


@pytest.mark.parametrize("who", ["anonymous", "manager"])
def test_people_who_are_not_staff_are_sent_to_the_admin_log_in(client, manager, person, who):
    response = export(client if who == "anonymous" else client_for(manager), person.user)

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    assert not AuditEntry.objects.filter(action="accounts.personal_data.exported").exists()
