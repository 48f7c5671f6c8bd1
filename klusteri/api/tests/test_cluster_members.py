"""GET /api/v1/clusters/{slug}/members/: only the members listed with consent."""

import pytest

from klusteri.clusters.models import Cluster, ClusterMembership

pytestmark = pytest.mark.django_db

URL = "/api/v1/clusters/vetyklusteri/members/"


def test_lists_only_public_memberships(client, cluster, make_membership, make_organisation):
    make_membership(
        cluster,
        make_organisation("Akku Oy", business_id="1234567-1"),
        is_public=True,
        role=ClusterMembership.Role.MEMBER,
        since="2020-05-01",
    )
    make_membership(
        cluster,
        make_organisation("Yliopisto", kind="university"),
        is_public=True,
        role=ClusterMembership.Role.RESEARCH_PARTNER,
    )
    make_membership(cluster, make_organisation("Salainen Oy"), is_public=False)

    response = client.get(URL)

    assert response.status_code == 200
    assert response.json() == {
        "count": 2,
        "next": None,
        "previous": None,
        "results": [
            {
                "organisation": {"name": "Akku Oy", "business_id": "1234567-1", "kind": "company"},
                "role": "member",
                "since": "2020-05-01",
            },
            {
                "organisation": {
                    "name": "Yliopisto",
                    "business_id": response.json()["results"][1]["organisation"]["business_id"],
                    "kind": "university",
                },
                "role": "research_partner",
                "since": None,
            },
        ],
    }


def test_members_are_paged(client, cluster, make_membership, make_organisation):
    for number in range(3):
        make_membership(cluster, make_organisation(f"Yritys {number} Oy"), is_public=True)

    first = client.get(URL, {"limit": 2}).json()
    second = client.get(first["next"]).json()

    assert [row["organisation"]["name"] for row in first["results"]] == [
        "Yritys 0 Oy",
        "Yritys 1 Oy",
    ]
    assert [row["organisation"]["name"] for row in second["results"]] == ["Yritys 2 Oy"]
    assert second["previous"] == "http://testserver" + URL + "?limit=2&offset=0"


def test_query_count_does_not_grow_with_members(
    client, cluster, make_membership, make_organisation, django_assert_num_queries
):
    for number in range(10):
        make_membership(cluster, make_organisation(f"Yritys {number} Oy"), is_public=True)

    # The cluster, the count, the page with its organisations.
    with django_assert_num_queries(3):
        response = client.get(URL)

    assert response.json()["count"] == 10


def test_unpublished_cluster_is_404(client, cluster):
    Cluster.objects.filter(pk=cluster.pk).update(is_published=False)

    response = client.get(URL)

    assert response.status_code == 404
    assert response.json()["detail"]


def test_bad_limit_is_422(client, cluster):
    response = client.get(URL, {"limit": 500})

    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["limit"]
