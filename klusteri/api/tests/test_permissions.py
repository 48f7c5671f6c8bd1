"""Who may read and change a cluster through the API: the whole matrix.

Reads act for the token's person (or anonymously); a write needs a token.
Out-of-scope objects are 404, too weak a role 403, no token 401.
"""

import pytest

from klusteri.clusters.models import Cluster

pytestmark = pytest.mark.django_db

PERSONAS = ["anonymous", "outsider", "company_user", "other_manager", "manager", "staff"]

READ = {
    True: dict.fromkeys(PERSONAS, 200),
    False: {**dict.fromkeys(PERSONAS, 404), "manager": 200, "staff": 200},
}
WRITE = {
    True: {
        "anonymous": 401, "outsider": 403, "company_user": 403, "other_manager": 403,
        "manager": 200, "staff": 200,
    },
    False: {
        "anonymous": 401, "outsider": 404, "company_user": 404, "other_manager": 404,
        "manager": 200, "staff": 200,
    },
}  # fmt: skip


@pytest.fixture
def headers(request, make_token):
    def for_persona(persona: str) -> dict[str, str]:
        if persona == "anonymous":
            return {}
        return {"Authorization": f"Bearer {make_token(request.getfixturevalue(persona))}"}

    return for_persona


@pytest.mark.parametrize("published", [True, False])
@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    "path", ["/api/v1/clusters/vetyklusteri/", "/api/v1/clusters/vetyklusteri/members/"]
)
def test_read(client, cluster, headers, persona, published, path):
    Cluster.objects.filter(pk=cluster.pk).update(is_published=published)

    response = client.get(path, headers=headers(persona))

    assert response.status_code == READ[published][persona]


@pytest.mark.parametrize("published", [True, False])
@pytest.mark.parametrize("persona", PERSONAS)
def test_list_shows_a_cluster_to_whom_may_read_it(client, cluster, headers, persona, published):
    Cluster.objects.filter(pk=cluster.pk).update(is_published=published)

    response = client.get("/api/v1/clusters/", headers=headers(persona))

    assert response.json()["count"] == (1 if READ[published][persona] == 200 else 0)


@pytest.mark.parametrize("published", [True, False])
@pytest.mark.parametrize("persona", PERSONAS)
def test_write(client, cluster, headers, persona, published):
    Cluster.objects.filter(pk=cluster.pk).update(is_published=published)

    response = client.patch(
        "/api/v1/clusters/vetyklusteri/",
        {"members_micro": 7},
        content_type="application/json",
        headers=headers(persona),
    )

    assert response.status_code == WRITE[published][persona]
    changed = Cluster.objects.get(pk=cluster.pk).members_micro == 7
    assert changed is (response.status_code == 200)
