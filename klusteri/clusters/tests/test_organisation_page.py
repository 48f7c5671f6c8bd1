"""An organisation's public page at /<lang>/clusters/organisations/<pk>/."""

import pytest

from klusteri.clusters.models import ClusterManager, ClusterMembership
from klusteri.clusters.tests.test_filters import create_cluster

pytestmark = pytest.mark.django_db


def url(organisation, language: str = "en") -> str:
    return f"/{language}/clusters/organisations/{organisation.pk}/"


def join(cluster, organisation, *, is_public: bool = True, **fields) -> ClusterMembership:
    return ClusterMembership.objects.create(
        cluster=cluster, organisation=organisation, is_public=is_public, **fields
    )


@pytest.fixture
def listed(member_company):
    """member_company, listed publicly by one published cluster."""
    join(create_cluster("Vetyklusteri"), member_company, role=ClusterMembership.Role.PARTNER)
    return member_company


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_answers_in_every_language(client, listed, language):
    response = client.get(url(listed, language))

    assert response.status_code == 200
    assert f'<html lang="{language}">' in response.text


def test_post_is_not_allowed(client, listed):
    assert client.post(url(listed)).status_code == 405


def test_lists_the_clusters_that_list_it_publicly(client, member_company):
    hydrogen = create_cluster("Vetyklusteri")
    join(hydrogen, member_company, role=ClusterMembership.Role.RESEARCH_PARTNER)
    join(create_cluster("Akkuklusteri"), member_company, since="2019-05-01")
    join(create_cluster("Secret cluster"), member_company, is_public=False)

    text = client.get(url(member_company)).text

    assert "<h1>Koneistus Oy</h1>" in text
    assert f'<a href="{hydrogen.get_absolute_url()}">Vetyklusteri</a>' in text
    assert "<td>Research partner</td>" in text
    assert "<td>2019</td>" in text
    assert text.index("Akkuklusteri") < text.index("Vetyklusteri")
    assert "Secret cluster" not in text
    assert "not listed publicly" not in text


def test_the_table_has_a_caption_and_header_scopes(client, listed):
    text = client.get(url(listed)).text

    assert "<caption>Clusters that list Koneistus Oy as a member or partner</caption>" in text
    assert '<th scope="col">Cluster</th>' in text
    assert '<th scope="row">' in text


def test_demo_organisations_say_so(client, listed):
    listed.is_demo = True
    listed.save(update_fields=["is_demo"])

    assert '<span class="demo-label">Demo</span>' in client.get(url(listed)).text


def test_unknown_organisation_is_404(client):
    assert client.get("/en/clusters/organisations/999999/").status_code == 404


def test_no_public_membership_is_404_for_anonymous(client, member_company):
    join(create_cluster("Vetyklusteri"), member_company, is_public=False)

    assert client.get(url(member_company)).status_code == 404


def test_no_public_membership_is_404_for_an_outsider(outsider_client, member_company):
    join(create_cluster("Vetyklusteri"), member_company, is_public=False)

    assert outsider_client.get(url(member_company)).status_code == 404


def test_no_membership_at_all_is_404(client, member_company):
    assert client.get(url(member_company)).status_code == 404


def test_a_public_membership_of_an_unpublished_cluster_does_not_count(client, member_company):
    join(create_cluster("Draft", is_published=False), member_company)

    assert client.get(url(member_company)).status_code == 404


def test_the_cluster_manager_of_a_hidden_membership_still_gets_404(client, manager, member_company):
    """Managing the cluster does not make one an insider of the member organisation."""
    cluster = create_cluster("Vetyklusteri")
    ClusterManager.objects.create(cluster=cluster, user=manager)
    join(cluster, member_company, is_public=False)
    client.force_login(manager)

    assert client.get(url(member_company)).status_code == 404


def test_its_own_people_see_the_page_and_the_unlisted_memberships(client, company_user):
    organisation = company_user.affiliations.get().organisation
    join(create_cluster("Secret cluster"), organisation, is_public=False)
    join(create_cluster("Draft", is_published=False), organisation, is_public=False)
    client.force_login(company_user)

    response = client.get(url(organisation))

    assert response.status_code == 200
    assert "No published cluster lists this organisation" in response.text
    assert "<h2>Memberships not listed publicly</h2>" in response.text
    assert "Secret cluster" in response.text
    assert "Draft" not in response.text  # unpublished, and not theirs to manage


def test_staff_see_any_organisation(staff_client, member_company):
    join(create_cluster("Draft", is_published=False), member_company, is_public=False)

    response = staff_client.get(url(member_company))

    assert response.status_code == 200
    assert "Draft" in response.text
    assert '<span class="draft-label">Not published</span>' in response.text


@pytest.mark.parametrize("count", [2, 8])
def test_query_count_is_constant_for_anonymous(
    client, member_company, django_assert_num_queries, count
):
    for number in range(count):
        join(create_cluster(f"Cluster {number}", is_demo=True), member_company)

    # The organisation (scoped) and its memberships with their clusters.
    with django_assert_num_queries(2):
        response = client.get(url(member_company))

    assert response.text.count('<th scope="row">') == count


@pytest.mark.parametrize("count", [2, 8])
def test_query_count_is_constant_for_its_own_people(
    client, company_user, member_company, django_assert_num_queries, count
):
    for number in range(count):
        join(create_cluster(f"Cluster {number}"), member_company, is_public=bool(number % 2))
    client.force_login(company_user)

    # Session and user, the organisation, the affiliation check, the memberships.
    with django_assert_num_queries(5):
        response = client.get(url(member_company))

    assert response.text.count('<th scope="row">') == count
