"""PATCH /api/v1/clusters/{slug}/: a manager's changes with a token, by the editing
form's rules, through services.update_cluster."""

import pytest
from django.test import Client

from klusteri.audit.models import AuditEntry
from klusteri.clusters.models import Cluster, Tag

pytestmark = pytest.mark.django_db

URL = "/api/v1/clusters/vetyklusteri/"
# Messages are asserted in English; Finnish is the default.
EN = URL + "?lang=en"


def patch(client, data, token=None, url=EN, **extra):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    body = data if isinstance(data, str | bytes) else None
    return client.patch(
        url,
        body if body is not None else data,
        content_type="application/json",
        headers=headers,
        **extra,
    )


def test_manager_changes_the_profile(client, cluster, manager, manager_token):
    hydrogen = Tag.objects.create(slug="hydrogen", name="vety")

    response = patch(
        client,
        {
            "name_en": "Finnish Hydrogen Cluster",
            "description_fi": "Uusi **kuvaus**.",
            "members_sme": 40,
            "region": "MK06",
            "tags": ["hydrogen"],
            "ecosystems": ["renewable-energy", "energy-intensive"],
            "funding_membership": 30,
            "funding_public": 70,
            "website": "https://vety.example",
        },
        manager_token,
    )

    assert response.status_code == 200
    cluster.refresh_from_db()
    assert cluster.name_en == "Finnish Hydrogen Cluster"
    assert cluster.name_fi == "Vetyklusteri"
    assert cluster.description_fi == "Uusi **kuvaus**."
    assert cluster.members_sme == 40
    assert cluster.member_total == 45
    assert cluster.region.code == "MK06"
    assert list(cluster.tags.all()) == [hydrogen]
    assert sorted(cluster.ecosystems.values_list("slug", flat=True)) == [
        "energy-intensive",
        "renewable-energy",
    ]
    assert (cluster.funding_membership, cluster.funding_public) == (30, 70)
    assert cluster.website == "https://vety.example"
    profile = response.json()
    assert profile["names"]["en"] == "Finnish Hydrogen Cluster"
    assert profile["member_total"] == 45
    assert profile["tags"] == ["hydrogen"]


def test_change_is_audited_with_the_actor(client, cluster, manager, manager_token):
    patch(client, {"members_sme": 41}, manager_token)

    entry = AuditEntry.objects.for_object(cluster).get()
    assert entry.action == "clusters.cluster.updated"
    assert entry.actor == manager
    assert entry.organisation == cluster.host
    assert entry.data == {"members_sme": "41"}


def test_nothing_changed_writes_nothing(client, cluster, manager_token):
    response = patch(client, {"members_sme": 30}, manager_token)

    assert response.status_code == 200
    assert not AuditEntry.objects.for_object(cluster).exists()


def test_a_region_can_be_cleared_with_null(client, cluster, manager_token):
    Cluster.objects.filter(pk=cluster.pk).update(region_id=1)

    response = patch(client, {"region": None}, manager_token)

    assert response.status_code == 200
    cluster.refresh_from_db()
    assert cluster.region is None


def test_staff_sets_the_label(client, cluster, staff, make_token):
    response = patch(
        client,
        {"label": "gold", "label_valid_until": "2028-06-30", "national_status": "recognised"},
        make_token(staff),
    )

    assert response.status_code == 200
    cluster.refresh_from_db()
    assert cluster.label == "gold"
    assert str(cluster.label_valid_until) == "2028-06-30"
    assert AuditEntry.objects.for_object(cluster).get().actor == staff


def test_staff_unpublishes_a_cluster(client, cluster, staff, make_token):
    response = patch(client, {"is_published": False}, make_token(staff))

    assert response.status_code == 200
    assert Cluster.objects.get(pk=cluster.pk).is_published is False


# Who may change what ----------------------------------------------------------------


def test_manager_may_not_set_the_label(client, cluster, manager_token):
    response = patch(client, {"label": "gold", "label_valid_until": "2028-06-30"}, manager_token)

    assert response.status_code == 403
    assert response.json() == {
        "detail": "Only platform staff may change: label, label_valid_until."
    }
    cluster.refresh_from_db()
    assert cluster.label == ""
    assert not AuditEntry.objects.for_object(cluster).exists()


@pytest.mark.parametrize("field", ["national_status", "is_published"])
def test_manager_may_not_change_staff_only_fields(client, cluster, manager_token, field):
    value = {"national_status": "recognised", "is_published": False}[field]

    response = patch(client, {field: value}, manager_token)

    assert response.status_code == 403
    cluster.refresh_from_db()
    assert getattr(cluster, field) != value


def test_manager_of_another_cluster_gets_403(client, cluster, other_manager, make_token):
    response = patch(client, {"members_sme": 1}, make_token(other_manager))

    assert response.status_code == 403
    assert response.json() == {"detail": "You may not change this cluster."}
    cluster.refresh_from_db()
    assert cluster.members_sme == 30


def test_unpublished_cluster_of_another_manager_is_404(client, cluster, other_manager, make_token):
    Cluster.objects.filter(pk=cluster.pk).update(is_published=False)

    response = patch(client, {"members_sme": 1}, make_token(other_manager))

    assert response.status_code == 404
    assert Cluster.objects.get(pk=cluster.pk).members_sme == 30


def test_manager_changes_their_unpublished_cluster(client, cluster, manager_token):
    Cluster.objects.filter(pk=cluster.pk).update(is_published=False)

    response = patch(client, {"members_sme": 1}, manager_token)

    assert response.status_code == 200
    assert Cluster.objects.get(pk=cluster.pk).members_sme == 1


@pytest.mark.parametrize("persona", ["company_user", "outsider"])
def test_a_person_without_a_role_gets_403(client, cluster, make_token, request, persona):
    response = patch(client, {"members_sme": 1}, make_token(request.getfixturevalue(persona)))

    assert response.status_code == 403


# Authentication ---------------------------------------------------------------------


def test_missing_token_is_401(client, cluster):
    response = patch(client, {"members_sme": 1})

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"
    assert response.json()["detail"].startswith("This needs an API token")
    assert Cluster.objects.get(pk=cluster.pk).members_sme == 30


def test_unknown_token_is_401(client, cluster):
    response = patch(client, {"members_sme": 1}, "klu_not-a-real-token")

    assert response.status_code == 401
    assert response.json() == {"detail": "The API token is not valid, or it has been revoked."}


def test_revoked_token_is_401(client, cluster, manager_token):
    from klusteri.api.models import ApiToken

    ApiToken.objects.update(is_active=False)

    response = patch(client, {"members_sme": 1}, manager_token)

    assert response.status_code == 401
    assert Cluster.objects.get(pk=cluster.pk).members_sme == 30


def test_token_of_a_deactivated_person_is_401(client, cluster, manager, manager_token):
    manager.is_active = False
    manager.save(update_fields=["is_active"])

    response = patch(client, {"members_sme": 1}, manager_token)

    assert response.status_code == 401


def test_session_does_not_authorise_a_write(manager_client, cluster):
    response = patch(manager_client, {"members_sme": 1})

    assert response.status_code == 401
    assert Cluster.objects.get(pk=cluster.pk).members_sme == 30


def test_token_write_needs_no_csrf_token(cluster, manager_token):
    client = Client(enforce_csrf_checks=True)

    response = patch(client, {"members_sme": 31}, manager_token)

    assert response.status_code == 200
    assert Cluster.objects.get(pk=cluster.pk).members_sme == 31


# Bad input ------------------------------------------------------------------------


def test_bad_json_is_400(client, cluster, manager_token):
    response = patch(client, '{"members_sme": ', manager_token)

    assert response.status_code == 400
    assert response.json()["detail"]
    assert Cluster.objects.get(pk=cluster.pk).members_sme == 30


def test_bad_json_message_is_in_english_on_request(client, cluster, manager_token):
    response = patch(client, "not json", manager_token)

    assert response.status_code == 400
    assert response.json() == {"detail": "The request body is not valid JSON."}


def test_body_that_is_not_an_object_is_422(client, cluster, manager_token):
    response = patch(client, "[1, 2]", manager_token)

    assert response.status_code == 422


def test_wrong_types_are_422_per_field(client, cluster, manager_token):
    response = patch(
        client,
        {"members_sme": "many", "tags": "hydrogen", "is_published": "maybe", "kind": "empire"},
        manager_token,
    )

    assert response.status_code == 422
    errors = response.json()["errors"]
    assert set(errors) == {"members_sme", "tags", "is_published", "kind"}
    assert Cluster.objects.get(pk=cluster.pk).members_sme == 30


def test_unknown_field_is_422(client, cluster, manager_token):
    response = patch(client, {"slug": "other", "is_demo": True}, manager_token)

    assert response.status_code == 422
    assert set(response.json()["errors"]) == {"slug", "is_demo"}


def test_null_for_a_field_that_cannot_be_empty_is_422(client, cluster, manager_token):
    response = patch(client, {"members_sme": None, "country": None}, manager_token)

    assert response.status_code == 422
    assert set(response.json()["errors"]) == {"members_sme", "country"}


def test_unknown_codes_are_422(client, cluster, manager_token):
    response = patch(client, {"tags": ["no-such-tag"], "region": "MK99"}, manager_token)

    assert response.status_code == 422
    assert response.json()["errors"] == {
        "tags": ["Unknown code: no-such-tag."],
        "region": ["Unknown code: MK99."],
    }


def test_the_editing_forms_rules_apply(client, cluster, manager_token):
    response = patch(
        client,
        {
            "funding_membership": 50,
            "funding_public": 10,
            "region": "MK01",
            "municipality": "837",  # Tampere, in Pirkanmaa
            "members_large": -1,
            "website": "not a web address",
            "latitude": 60.5,
        },
        manager_token,
    )

    assert response.status_code == 422
    body = response.json()
    assert body["detail"] == "The request is not valid."
    assert set(body["errors"]) == {
        "funding_other",
        "municipality",
        "members_large",
        "website",
        "longitude",
    }
    assert body["errors"]["funding_other"] == ["The funding shares must add up to 100 %."]
    cluster.refresh_from_db()
    assert cluster.funding_membership == 0
    assert not AuditEntry.objects.for_object(cluster).exists()


def test_a_registry_id_abroad_is_checked_in_the_clusters_country(client, cluster, manager_token):
    # Abroad, the cluster has no region of Finland.
    abroad = {"country": "DK", "region": None}
    response = patch(client, {**abroad, "foreign_registry_id": "13585627"}, manager_token)

    assert response.status_code == 422
    assert response.json()["errors"] == {
        "foreign_registry_id": ["This registry ID is not valid: its check digit does not match."]
    }
    response = patch(client, {**abroad, "foreign_registry_id": "DK 13585628"}, manager_token)
    assert response.status_code == 200
    assert response.json()["foreign_registry_id"] == "13585628"  # as the CVR writes it
    cluster.refresh_from_db()
    assert (cluster.country, cluster.foreign_registry_id) == ("DK", "13585628")
    entry = AuditEntry.objects.for_object(cluster).get()
    assert entry.data["foreign_registry_id"] == "13585628"


def test_too_long_a_name_is_422(client, cluster, manager_token):
    response = patch(client, {"name_en": "x" * 201}, manager_token)

    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["name_en"]


def test_wrong_method_is_405(client, cluster, manager_token):
    response = client.put(
        URL, {}, content_type="application/json",
        headers={"Authorization": f"Bearer {manager_token}"},
    )  # fmt: skip

    assert response.status_code == 405
    assert response.json()["detail"]
