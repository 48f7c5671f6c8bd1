"""API tokens: hashed at rest, created by a command, revoked by staff in the admin."""

import hashlib
from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command

from klusteri.api.models import ApiToken
from klusteri.api.services import create_api_token
from klusteri.audit.models import AuditEntry

pytestmark = pytest.mark.django_db

ADMIN = "/en/admin/api/apitoken/"


def test_token_is_stored_only_as_its_hash(manager):
    api_token, token = create_api_token(manager, by=None, name="CRM")

    row = ApiToken.objects.values().get(pk=api_token.pk)
    assert token not in str(row)
    assert row["token_hash"] == hashlib.sha256(token.encode()).hexdigest()
    assert row["prefix"] == token[:8]
    assert token.startswith("klu_") and len(token) > 40


def test_tokens_differ(manager):
    tokens = {create_api_token(manager, by=None, name="CRM")[1] for _ in range(3)}

    assert len(tokens) == 3


def test_creation_is_audited(manager, staff):
    api_token, _token = create_api_token(manager, by=staff, name="CRM")

    entry = AuditEntry.objects.for_object(api_token).get()
    assert (entry.action, entry.actor) == ("api.token.created", staff)


def test_command_prints_a_working_token(client, manager):
    out, err = StringIO(), StringIO()

    call_command("create_api_token", "MANAGER@example.org", name="CRM", stdout=out, stderr=err)

    token = out.getvalue().strip()
    api_token = ApiToken.objects.get()
    assert (api_token.user, api_token.name) == (manager, "CRM")
    assert "shown only now" in err.getvalue()
    response = client.get("/api/v1/clusters/", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200


def test_command_refuses_an_unknown_person(db):
    with pytest.raises(CommandError, match=r"nobody@example\.org"):
        call_command("create_api_token", "nobody@example.org", name="CRM")

    assert not ApiToken.objects.exists()


def test_use_is_recorded_once_a_minute(client, manager_token):
    with time_machine.travel("2026-12-01 09:00 +02:00", tick=False):
        client.get("/api/v1/clusters/", headers={"Authorization": f"Bearer {manager_token}"})
    with time_machine.travel("2026-12-01 09:00:30 +02:00", tick=False):
        client.get("/api/v1/clusters/", headers={"Authorization": f"Bearer {manager_token}"})

    assert ApiToken.objects.get().last_used_at.isoformat() == "2026-12-01T07:00:00+00:00"


def test_staff_see_tokens_in_the_admin(staff_client, manager_token):
    response = staff_client.get(ADMIN)

    assert response.status_code == 200
    assert ApiToken.objects.get().prefix in response.text
    assert manager_token not in response.text


def test_staff_revoke_a_token_in_the_admin(client, staff_client, staff, cluster, manager_token):
    api_token = ApiToken.objects.get()

    response = staff_client.post(ADMIN, {"action": "revoke", "_selected_action": [api_token.pk]})

    assert response.status_code == 302
    api_token.refresh_from_db()
    assert api_token.is_active is False
    revoked = AuditEntry.objects.for_object(api_token).get(action="api.token.revoked")
    assert revoked.actor == staff
    answer = client.patch(
        "/api/v1/clusters/vetyklusteri/", {"members_sme": 1}, content_type="application/json",
        headers={"Authorization": f"Bearer {manager_token}"},
    )  # fmt: skip
    assert answer.status_code == 401


def test_admin_has_no_add_page(staff_client):
    response = staff_client.get(ADMIN + "add/")

    assert response.status_code == 403


def test_non_staff_cannot_open_the_admin(manager_client):
    response = manager_client.get(ADMIN)

    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_a_token_opens_read_only_in_the_admin(staff_client, manager_token):
    api_token = ApiToken.objects.get()

    response = staff_client.get(f"{ADMIN}{api_token.pk}/change/")

    assert response.status_code == 200
    assert 'name="_save"' not in response.text
