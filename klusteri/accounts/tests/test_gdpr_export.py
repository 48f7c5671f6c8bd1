"""Download my data: the person's own copy of everything Klusteri keeps about them."""

import json

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models
from django.test import Client
from django.test.utils import isolate_apps

from klusteri.accounts.models import Organisation
from klusteri.audit.models import AuditEntry
from klusteri.audit.services import log_action
from klusteri.clusters.services import appoint_manager
from klusteri.conftest import client_for
from klusteri.core import personal_data
from klusteri.core.privacy_notice import PRIVACY_NOTICE_VERSION

pytestmark = pytest.mark.django_db
URL = "/en/accounts/privacy/export/"


def download(person):
    response = client_for(person.user).post(URL)
    assert response.status_code == 200
    return response, json.loads(response.content)


def test_export_is_a_json_attachment_that_is_never_cached(person):
    response, _data = download(person)

    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith(
        f'attachment; filename="klusteri-personal-data-{person.user.pk}-'
    )
    assert response["Content-Disposition"].endswith('.json"')
    assert "no-store" in response["Cache-Control"]


def test_export_holds_the_persons_data_from_every_place(person):
    _response, data = download(person)

    assert data["person"]["email"] == "essi@example.org"
    assert data["person"]["name"] == "Essi Esimerkki"
    assert data["person"]["preferred_language"] == "sv"
    assert data["person"]["has_password"] is True
    assert [a["email"] for a in data["email_addresses"]] == [
        "essi@example.org",
        "essi.toinen@example.org",
    ]
    assert {a["organisation"]["name"]: a["role"] for a in data["organisations"]} == {
        "Essin Paja Oy": "admin",
        "Vetyklusteri ry": "admin",
    }
    assert [r["cluster"]["slug"] for r in data["cluster_roles"]] == ["pajaklusteri"]
    assert data["cluster_contact_person"] == [
        {
            "cluster": {"slug": "pajaklusteri", "name": "Pajaklusteri"},
            "contact_name": "Essi Esimerkki",
            "contact_email": "ESSI@example.org",
        }
    ]
    [token] = data["api_tokens"]
    assert (token["name"], token["beginning"]) == ("Essin raportointi", person.token[:8])
    assert [a["type"] for a in data["two_factor_authentication"]] == ["totp"]
    [consent] = data["consents"]
    assert (consent["kind"], consent["version"]) == ("privacy_notice", PRIVACY_NOTICE_VERSION)
    assert consent["given_at"] and consent["withdrawn_at"] is None
    by_you = {entry["action"] for entry in data["audit_trail"]["actions_by_you"]}
    assert {"accounts.profile.updated", "accounts.consent.given"} <= by_you
    # The token was made by a program (no actor): an entry about the person.
    about_you = {entry["action"] for entry in data["audit_trail"]["entries_about_you"]}
    assert "api.token.created" in about_you


def test_export_reveals_no_secret(person):
    response, _data = download(person)

    text = response.content.decode()
    assert person.token not in text
    assert person.user.api_tokens.get().token_hash not in text
    assert person.totp_secret not in text
    assert person.user.password not in text


def test_export_holds_nobody_elses_data(person, outsider_with_data, staff):
    # Staff changed the person's account: the person sees the change, not who made it.
    log_action(person.user, "accounts.profile.updated", by=staff, data={"language": "sv"})

    response, data = download(person)

    text = response.content.decode()
    for foreign in [
        "outsider@example.org",
        "Otto Outsider",
        "Otton Oma Oy",
        "Oton skripti",
        "newsletter",
        "staff@example.org",
        "Sanna Staff",
    ]:
        assert foreign not in text
    entries = data["audit_trail"]["entries_about_you"]
    assert all("actor" not in entry for entry in entries)


def test_export_is_logged_with_who_exported_whose_data(person):
    download(person)

    entry = AuditEntry.objects.filter(action="accounts.personal_data.exported").get()
    assert entry.actor == person.user
    assert entry.object_id == str(person.user.pk)
    assert entry.data == {"by_the_person": True}


def test_export_refuses_get(person):
    assert client_for(person.user).get(URL).status_code == 405


def test_anonymous_is_sent_to_log_in():
    response = Client().post(URL)

    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")
    assert not AuditEntry.objects.exists()


def test_export_needs_the_csrf_token(person):
    client = Client(enforce_csrf_checks=True)
    client.force_login(person.user)

    assert client.post(URL).status_code == 403
    assert not AuditEntry.objects.filter(action="accounts.personal_data.exported").exists()


# Every link from another record to a person, and where the export shows it. A new
# model that refers to people fails here until some app's privacy.py covers it (its
# COVERS, export and, where needed, erase: see core.personal_data).
EXPORTED_RELATIONS = {
    "accounts.Affiliation.user": "organisations",
    "accounts.Consent.user": "consents",
    "account.EmailAddress.user": "email_addresses",
    "admin.LogEntry.user": "administration_history",
    "api.ApiToken.user": "api_tokens",
    "audit.AuditEntry.actor": "audit_trail",
    "clusters.ClusterManager.user": "cluster_roles",
    "events.ClosingReport.written_by": "event_closing_reports_written",
    "events.FeedToken.user": "event_calendar_feed",
    "events.Registration.user": "event_registrations",
    "funding.FollowedCall.user": "followed_funding_calls",
    "funding.SavedSearch.user": "saved_funding_searches",
    "mfa.Authenticator.user": "two_factor_authentication",
}


def test_export_covers_every_relation_to_a_person(person):
    relations = {
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if field.is_relation and field.concrete and field.related_model is get_user_model()
    }

    assert relations == set(EXPORTED_RELATIONS)
    _response, data = download(person)
    assert set(EXPORTED_RELATIONS.values()) <= set(data)
    uncovered = relations - personal_data.covered_fields().keys()
    assert sorted(uncovered) == []


def relations_to_a_person(models) -> set[str]:
    """The forward foreign key, one-to-one and many-to-many fields of ``models`` that
    point at the user model (a many-to-many field has no column: not ``concrete``)."""
    return {
        f"{model._meta.label}.{field.name}"
        for model in models
        for field in model._meta.get_fields()
        if field.is_relation and not field.auto_created and field.related_model is get_user_model()
    }


def test_every_relation_to_a_person_in_any_app_is_covered_by_a_privacy_module():
    """Across every installed app, ours and third-party ones (allauth, the admin): a
    link to the user model that no privacy.py covers fails here."""
    uncovered = relations_to_a_person(apps.get_models()) - personal_data.covered_fields().keys()

    assert sorted(uncovered) == []


@isolate_apps("klusteri.accounts")
def test_the_guard_finds_every_kind_of_link_to_a_person():
    person = get_user_model()

    class Planted(models.Model):  # noqa: DJ008 - never saved
        owner = models.ForeignKey(person, models.CASCADE, related_name="+")
        profile = models.OneToOneField(person, models.CASCADE, related_name="+")
        readers = models.ManyToManyField(person, related_name="+")
        organisation = models.ForeignKey(Organisation, models.CASCADE, related_name="+")

    assert relations_to_a_person([Planted]) == {
        "accounts.Planted.owner",
        "accounts.Planted.profile",
        "accounts.Planted.readers",
    }


def test_every_covered_field_exists():
    """A privacy module's COVERS names real fields: a renamed or removed field fails."""
    for label, module in personal_data.covered_fields().items():
        model_label, field_name = label.rsplit(".", 1)
        model = apps.get_model(model_label)
        assert model._meta.get_field(field_name), f"{module}: {label}"


def test_export_holds_entries_that_name_the_person_by_id(person, staff):
    appoint_manager(person.cluster, person.user, by=staff)

    _response, data = download(person)

    about_you = data["audit_trail"]["entries_about_you"]
    [appointed] = [entry for entry in about_you if entry["action"] == "clusters.manager.appointed"]
    assert appointed["data"] == {"user_id": person.user.pk}
