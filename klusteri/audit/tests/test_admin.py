"""Staff read the audit trail in the admin; nobody can change it there."""

import pytest

from klusteri.audit.services import log_action

pytestmark = pytest.mark.django_db
LIST = "/fi/admin/audit/auditentry/"


def test_staff_read_the_trail(staff_client, manager, host_organisation, staff):
    staff.is_superuser = True
    staff.save(update_fields=["is_superuser"])
    log_action(
        host_organisation,
        "accounts.organisation.updated",
        by=manager,
        organisation=host_organisation,
    )

    response = staff_client.get(LIST)

    assert response.status_code == 200
    assert "accounts.organisation.updated" in response.text


def test_staff_cannot_add_change_or_delete_entries(staff_client, staff, manager, host_organisation):
    staff.is_superuser = True
    staff.save(update_fields=["is_superuser"])
    entry = log_action(host_organisation, "test.done", by=manager)

    assert staff_client.get(f"{LIST}add/").status_code == 403
    assert staff_client.post(f"{LIST}{entry.pk}/delete/", {"post": "yes"}).status_code == 403
    assert staff_client.post(f"{LIST}{entry.pk}/change/", {"action": "x"}).status_code == 403


def test_people_who_are_not_staff_are_sent_to_the_admin_log_in(manager_client):
    response = manager_client.get(LIST)

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
