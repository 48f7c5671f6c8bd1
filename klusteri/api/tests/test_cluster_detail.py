"""GET /api/v1/clusters/{slug}/: the whole profile, or 404 in JSON."""

import pytest

from klusteri.clusters.models import Cluster, Ecosystem, NaceDivision, NaceSection, ServiceArea
from klusteri.places.models import Region

pytestmark = pytest.mark.django_db

URL = "/api/v1/clusters/vetyklusteri/"


def test_profile_has_every_field(client, cluster, make_membership, make_organisation):
    Cluster.objects.filter(pk=cluster.pk).update(
        description_fi="**Vety** on tulevaisuutta.",
        description_en="Hydrogen is *the future*.",
        business_id="1234567-1",
        founded_year=2015,
        legal_form="ry",
        languages=["fi", "en"],
        management_fte="2.5",
        region=Region.objects.get(code="MK06"),
        funding_membership=40,
        funding_public=60,
        eccp_url="https://eccp.example/vety",
        international_networks="European Clusters Alliance",
        contact_name="Mikko",
        contact_email="mikko@vety.example",
    )
    cluster.ecosystems.set(Ecosystem.objects.filter(slug="renewable-energy"))
    cluster.nace_sections.set(NaceSection.objects.filter(code="D"))
    cluster.nace_divisions.set(NaceDivision.objects.filter(code="35"))
    cluster.services.set(ServiceArea.objects.filter(slug="networking"))
    make_membership(cluster, make_organisation("Julkinen Oy"), is_public=True)
    make_membership(cluster, make_organisation("Salainen Oy"), is_public=False)

    profile = client.get(URL + "?lang=en").json()

    assert profile["name"] == "Hydrogen Cluster"
    assert profile["names"] == {"fi": "Vetyklusteri", "sv": "Vätekluster", "en": "Hydrogen Cluster"}
    assert profile["description"] == "Hydrogen is *the future*."
    assert profile["descriptions"] == {
        "fi": "**Vety** on tulevaisuutta.",
        "sv": None,
        "en": "Hydrogen is *the future*.",
    }
    assert profile["members_by_type"] == {
        "large": 5, "sme": 30, "micro": 0, "university": 0, "uas": 0, "research": 0,
        "public": 0, "financier": 0, "other": 0, "unclassified": 0,
    }  # fmt: skip
    assert profile["member_total"] == 35
    assert profile["funding"] == {"membership": 40, "public": 60, "project": 0, "other": 0}
    assert profile["ecosystems"] == ["renewable-energy"]
    assert profile["nace_sections"] == ["D"]
    assert profile["nace_divisions"] == ["35"]
    assert profile["services"] == ["networking"]
    assert profile["public_member_count"] == 1
    assert profile["region"]["code"] == "MK06"
    assert profile["region"]["name"] == "Pirkanmaa"
    assert profile["management_fte"] == 2.5
    assert profile["languages"] == ["fi", "en"]
    assert profile["founded_year"] == 2015
    assert profile["business_id"] == "1234567-1"
    assert profile["legal_form"] == "ry"
    assert profile["operating_area"] == "regional"
    assert profile["contact_email"] == "mikko@vety.example"
    assert profile["international_networks"] == "European Clusters Alliance"
    assert profile["logo"] is None
    assert profile["is_published"] is True
    assert profile["url"] == "http://testserver/en/clusters/vetyklusteri/"


def test_profile_takes_a_constant_number_of_queries(client, cluster, django_assert_num_queries):
    # The cluster, its five many-to-many relations, the public member count.
    with django_assert_num_queries(7):
        client.get(URL)


def test_unpublished_cluster_is_404_for_anonymous(client, cluster):
    Cluster.objects.filter(pk=cluster.pk).update(is_published=False)

    response = client.get(URL + "?lang=en")

    assert response.status_code == 404
    assert response.json() == {"detail": "There is no published cluster at this address."}


def test_unpublished_cluster_is_404_for_an_outsider_with_a_token(
    client, cluster, outsider, make_token
):
    Cluster.objects.filter(pk=cluster.pk).update(is_published=False)

    response = client.get(URL, headers={"Authorization": f"Bearer {make_token(outsider)}"})

    assert response.status_code == 404


def test_unpublished_cluster_is_shown_to_its_manager_with_a_token(client, cluster, manager_token):
    Cluster.objects.filter(pk=cluster.pk).update(is_published=False)

    response = client.get(URL, headers={"Authorization": f"Bearer {manager_token}"})

    assert response.status_code == 200
    assert response.json()["is_published"] is False


def test_unknown_cluster_is_404_in_the_requested_language(client):
    response = client.get("/api/v1/clusters/nothing/?lang=en")

    assert response.status_code == 404
    assert response.json()["detail"] == "There is no published cluster at this address."


def test_wrong_method_is_405(client, cluster):
    response = client.delete(URL + "?lang=en")

    assert response.status_code == 405
    assert sorted(response["Allow"].split(", ")) == ["GET", "PATCH"]
    assert response.json()["detail"] == "This address does not take DELETE."


def test_unknown_api_address_is_404_in_json(client):
    response = client.get("/api/v1/nothing/here/")

    assert response.status_code == 404
    assert response.json()["detail"]
