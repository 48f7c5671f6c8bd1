"""Who may open which page of the clusters app: one matrix, every persona, every route.

200 = allowed, 302 = sent to log in, 403 = may know it exists but not use it,
404 = may not know it exists. Each page is asked for by GET, for a published
cluster and for an unpublished one. A route added to clusters/urls.py fails
``test_every_route_is_in_the_matrix`` until it has its row here.
"""

import pytest
from django.test import Client

from klusteri.clusters import urls
from klusteri.clusters.models import Cluster, ClusterManager, ClusterMembership

pytestmark = pytest.mark.django_db

PERSONAS = ["anonymous", "outsider", "member", "other_manager", "manager", "staff"]

ALL = [200] * 6
LOG_IN_THEN_MANAGERS = [302, 403, 403, 403, 200, 200]
HIDDEN_BUT_MANAGERS = [302, 404, 404, 404, 200, 200]

# route name: (path template, expected for a published cluster, for an unpublished one).
# {slug} is the cluster, {membership} a membership of it, {organisation} its member.
MATRIX = {
    "list": ("/en/clusters/", ALL, ALL),
    "export": ("/en/clusters/export/csv/", ALL, ALL),
    "map": ("/en/clusters/map/", ALL, ALL),
    "map-data": ("/en/clusters/map/clusters.geojson", ALL, ALL),
    "import": (
        "/en/clusters/import/",
        [302, 403, 403, 403, 403, 200],
        [302, 403, 403, 403, 403, 200],
    ),
    "organisation": (
        "/en/clusters/organisations/{organisation}/",
        ALL,
        # listed only by an unpublished cluster: its own people and staff see it
        [404, 404, 200, 404, 404, 200],
    ),
    "detail": ("/en/clusters/{slug}/", ALL, [404, 404, 404, 404, 200, 200]),
    "edit": ("/en/clusters/{slug}/edit/", LOG_IN_THEN_MANAGERS, HIDDEN_BUT_MANAGERS),
    "members": ("/en/clusters/{slug}/members/", LOG_IN_THEN_MANAGERS, HIDDEN_BUT_MANAGERS),
    "member-add": ("/en/clusters/{slug}/members/add/", LOG_IN_THEN_MANAGERS, HIDDEN_BUT_MANAGERS),
    "member-edit": (
        "/en/clusters/{slug}/members/{membership}/edit/",
        LOG_IN_THEN_MANAGERS,
        HIDDEN_BUT_MANAGERS,
    ),
    "member-remove": (
        "/en/clusters/{slug}/members/{membership}/remove/",
        LOG_IN_THEN_MANAGERS,
        HIDDEN_BUT_MANAGERS,
    ),
}


@pytest.fixture
def clients(outsider, company_user, other_manager, manager, staff):
    people = {
        "outsider": outsider,
        "member": company_user,
        "other_manager": other_manager,
        "manager": manager,
        "staff": staff,
    }
    result = {"anonymous": Client()}
    for name, person in people.items():
        result[name] = Client()
        result[name].force_login(person)
    return result


def make_cluster(slug, *, manager, host, is_published, member) -> tuple[Cluster, ClusterMembership]:
    cluster = Cluster.objects.create(
        name_fi=slug.capitalize(), slug=slug, host=host, is_published=is_published
    )
    ClusterManager.objects.create(cluster=cluster, user=manager)
    membership = ClusterMembership.objects.create(
        cluster=cluster, organisation=member, is_public=True
    )
    return cluster, membership


@pytest.fixture
def published(manager, other_manager, host_organisation, other_host_organisation, member_company):
    make_cluster(
        "metsaklusteri",
        manager=other_manager,
        host=other_host_organisation,
        is_published=True,
        member=other_host_organisation,
    )
    return make_cluster(
        "vetyklusteri",
        manager=manager,
        host=host_organisation,
        is_published=True,
        member=member_company,
    )


@pytest.fixture
def unpublished(manager, other_manager, host_organisation, other_host_organisation, member_company):
    make_cluster(
        "metsaklusteri",
        manager=other_manager,
        host=other_host_organisation,
        is_published=True,
        member=other_host_organisation,
    )
    return make_cluster(
        "piiloklusteri",
        manager=manager,
        host=host_organisation,
        is_published=False,
        member=member_company,
    )


def answers(clients, path: str) -> dict[str, int]:
    return {persona: clients[persona].get(path).status_code for persona in PERSONAS}


def fill(template: str, cluster: Cluster, membership: ClusterMembership) -> str:
    return template.format(
        slug=cluster.slug, membership=membership.pk, organisation=membership.organisation_id
    )


@pytest.mark.parametrize("name", MATRIX)
def test_published_cluster(clients, published, name):
    template, expected, _unpublished = MATRIX[name]

    assert answers(clients, fill(template, *published)) == dict(
        zip(PERSONAS, expected, strict=True)
    )


@pytest.mark.parametrize("name", MATRIX)
def test_unpublished_cluster(clients, unpublished, name):
    template, _published, expected = MATRIX[name]

    assert answers(clients, fill(template, *unpublished)) == dict(
        zip(PERSONAS, expected, strict=True)
    )


def test_every_route_is_in_the_matrix():
    routes = {pattern.name for pattern in urls.urlpatterns}

    assert routes == set(MATRIX), "add the new routes to MATRIX"


ADMIN_PAGES = [
    "/en/admin/clusters/cluster/",
    "/en/admin/clusters/cluster/add/",
    "/en/admin/clusters/cluster/{pk}/change/",
    "/en/admin/clusters/cluster/?q=Vety",
    "/en/admin/clusters/ecosystem/",
    "/en/admin/clusters/nacesection/",
    "/en/admin/clusters/nacedivision/",
    "/en/admin/clusters/servicearea/",
    "/en/admin/clusters/tag/",
]


@pytest.mark.parametrize("page", ADMIN_PAGES)
def test_administration_is_for_staff(clients, staff, published, page):
    staff.is_superuser = True
    staff.save(update_fields=["is_superuser"])
    path = page.format(pk=published[0].pk)

    assert clients["staff"].get(path).status_code == 200
    assert clients["manager"].get(path).status_code == 302  # the admin's own log-in
