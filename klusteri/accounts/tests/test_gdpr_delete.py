"""Delete my account: personal data erased, records of organisations and clusters kept."""

import json

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.apps import apps
from django.contrib.admin.models import LogEntry
from django.core import mail
from django.db import models
from django.test import Client

from klusteri.accounts import services
from klusteri.accounts.models import Affiliation, Consent, Organisation, User
from klusteri.api.models import ApiToken
from klusteri.audit.models import AuditEntry
from klusteri.clusters.models import Cluster, ClusterManager
from klusteri.clusters.services import appoint_manager, update_cluster
from klusteri.conftest import client_for

pytestmark = pytest.mark.django_db
URL = "/en/accounts/privacy/delete/"
PASSWORD = "Salasana-123!"  # the make_user default


@pytest.fixture
def post(django_capture_on_commit_callbacks):
    """POST as the person, running what waits for the commit (mail to staff)."""

    def send(client, data):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(URL, data)

    return send


def test_page_warns_about_what_is_left_without_the_person(person):
    response = client_for(person.user).get(URL)

    assert response.status_code == 200
    text = response.text
    assert "You are the only administrator of these organisations" in text
    assert "Essin Paja Oy" in text
    assert "Vetyklusteri ry" not in text  # the manager administers it too
    assert "You are the only manager of these clusters" in text
    assert "These clusters show your e-mail address as their contact" in text
    assert 'name="password"' in text
    assert 'autocomplete="current-password"' in text


def test_deletion_erases_every_personal_field(person, post):
    pk, user = person.user.pk, person.user
    audit_before = AuditEntry.objects.count()

    response = post(client_for(user), {"password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == "/en/"
    assert not User.objects.filter(pk=pk).exists()
    assert not User.objects.filter(email__iexact="essi@example.org").exists()
    assert not EmailAddress.objects.filter(email__icontains="essi").exists()
    assert not Affiliation.objects.filter(user_id=pk).exists()
    assert not ClusterManager.objects.filter(user_id=pk).exists()
    assert not ApiToken.objects.filter(user_id=pk).exists()
    assert not Authenticator.objects.filter(user_id=pk).exists()
    assert not Consent.objects.filter(user_id=pk).exists()
    # The records of organisations and clusters stay, without the person.
    assert Organisation.objects.filter(pk=person.organisation.pk).exists()
    cluster = Cluster.objects.get(pk=person.cluster.pk)
    assert (cluster.contact_name, cluster.contact_email) == ("", "")
    # The audit trail keeps every entry; none refers to the person any more.
    assert AuditEntry.objects.count() > audit_before
    assert not AuditEntry.objects.filter(actor_id=pk).exists()


def test_no_record_outside_the_audit_trail_names_the_person(person, post):
    post(client_for(person.user), {"password": PASSWORD})

    naming = []
    for model in apps.get_models():
        if model is AuditEntry:
            continue  # append-only: kept, as the privacy notice says
        text_fields = [
            field.name
            for field in model._meta.concrete_fields
            if isinstance(field, models.CharField | models.TextField | models.JSONField)
        ]
        for field in text_fields:
            for value in ["essi@example.org", "essi.toinen@example.org", "Essi Esimerkki"]:
                if model._default_manager.filter(**{f"{field}__icontains": value}).exists():
                    naming.append(f"{model._meta.label}.{field}: {value}")
    assert naming == []


def test_no_audit_entry_names_the_person_after_erasure(person, staff, post):
    # The fixture made an API token, consented and updated the profile; now a new
    # name, a manager appointment and a contact change by staff.
    services.update_profile(person.user, by=person.user, name="Essi Uusinimi", language="fi")
    appoint_manager(person.cluster, person.user, by=staff)
    update_cluster(
        person.cluster,
        by=staff,
        changed={"contact_name": "Essi Uusinimi", "contact_email": "essi@example.org"},
    )

    post(client_for(person.user), {"password": PASSWORD})

    naming = [
        f"{entry.action}: {value}"
        for entry in AuditEntry.objects.all()
        for value in ["essi@example.org", "essi.toinen@example.org", "Essi Esimerkki", "Uusinimi"]
        if value.lower() in (entry.object_repr + json.dumps(entry.data)).lower()
    ]
    assert naming == []
    assert AuditEntry.objects.filter(action="api.token.created").exists()


def test_erasure_is_logged_without_personal_data(person, post):
    pk = person.user.pk

    post(client_for(person.user), {"password": PASSWORD})

    entry = AuditEntry.objects.get(action="accounts.account.erased")
    assert entry.actor is None
    assert entry.object_id == str(pk)
    assert entry.object_repr == f"person #{pk}"
    assert entry.data == {
        "by_the_person": True,
        "organisations_without_administrator": [person.organisation.pk],
        "clusters_without_manager": [person.cluster.pk],
        "clusters_without_contact": [person.cluster.pk],
        "event_reports_without_writer": [],
    }
    assert "essi" not in json.dumps(entry.data).lower()


def test_staff_are_told_in_their_language_without_personal_data(person, staff, post):
    staff.language = "en"
    staff.save(update_fields=["language"])

    post(client_for(person.user), {"password": PASSWORD})

    [message] = mail.outbox
    assert message.to == ["staff@example.org"]
    assert "without a person" in message.subject
    assert "Essin Paja Oy" in message.body
    assert "Pajaklusteri" in message.body
    assert f"/en/admin/accounts/organisation/{person.organisation.pk}/change/" in message.body
    assert "essi@" not in message.body.lower()
    assert "Essi Esimerkki" not in message.body


def test_nobody_is_told_when_nothing_is_left_without_a_person(outsider, staff, post):
    post(client_for(outsider), {"password": PASSWORD})

    assert not User.objects.filter(pk=outsider.pk).exists()
    assert mail.outbox == []


def test_deletion_ends_every_session_of_the_person(person, post):
    this_browser, other_browser = client_for(person.user), client_for(person.user)

    post(this_browser, {"password": PASSWORD})

    assert "_auth_user_id" not in this_browser.session
    for client in [this_browser, other_browser]:
        response = client.get("/en/accounts/profile/")
        assert response.status_code == 302
        assert response["Location"].startswith("/en/accounts/login/")


@pytest.mark.parametrize(
    "data", [{}, {"password": "wrong-password"}, {"email": "essi@example.org"}]
)
def test_deletion_needs_the_password(person, post, data):
    response = post(client_for(person.user), data)

    assert response.status_code == 200
    assert 'class="error-summary"' in response.text
    assert User.objects.filter(pk=person.user.pk).exists()
    assert not AuditEntry.objects.filter(action="accounts.account.erased").exists()


def test_without_a_password_the_person_types_their_address(outsider, post):
    outsider.set_unusable_password()
    outsider.save(update_fields=["password"])
    client = client_for(outsider)

    refused = post(client, {"email": "someone.else@example.org"})
    assert refused.status_code == 200
    assert "This is not the address you log in with." in refused.text
    assert User.objects.filter(pk=outsider.pk).exists()

    accepted = post(client, {"email": " OUTSIDER@example.org "})
    assert accepted.status_code == 302
    assert not User.objects.filter(pk=outsider.pk).exists()


def test_deletion_needs_the_csrf_token(person):
    client = Client(enforce_csrf_checks=True)
    client.force_login(person.user)

    response = client.post(URL, {"password": PASSWORD})

    assert response.status_code == 403
    assert User.objects.filter(pk=person.user.pk).exists()


@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_is_sent_to_log_in(method):
    response = getattr(Client(), method)(URL)

    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")


def test_deletion_refuses_other_methods(person):
    assert client_for(person.user).put(URL).status_code == 405
    assert User.objects.filter(pk=person.user.pk).exists()


def test_staff_deleting_a_person_in_the_admin_erase_the_same_way(person, staff, staff_client):
    staff.is_superuser = True
    staff.save(update_fields=["is_superuser"])
    pk = person.user.pk

    response = staff_client.post(f"/en/admin/accounts/user/{pk}/delete/", {"post": "yes"})

    assert response.status_code == 302
    assert not User.objects.filter(pk=pk).exists()
    entry = AuditEntry.objects.get(action="accounts.account.erased")
    assert entry.actor == staff
    assert entry.data["by_the_person"] is False
    cluster = Cluster.objects.get(pk=person.cluster.pk)
    assert cluster.contact_email == ""
    # The admin's own history entry of the deletion named the person: gone too.
    assert not LogEntry.objects.filter(object_repr__icontains="Essi").exists()
