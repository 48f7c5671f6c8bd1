"""Clusters, memberships and API tokens for the API's tests.

``cluster`` is published, hosted by ``host_organisation`` and managed by the
``manager`` persona; ``other_cluster`` is managed by ``other_manager``.
"""

import itertools

import pytest
from django.utils import translation

from klusteri.api.services import create_api_token
from klusteri.clusters.models import Cluster, ClusterManager, ClusterMembership

_numbers = itertools.count(1)


@pytest.fixture
def make_cluster(db):
    def make(name: str | None = None, *, managers=(), **fields) -> Cluster:
        number = next(_numbers)
        name = name or f"Klusteri {number}"
        fields.setdefault("slug", f"klusteri-{number}")
        with translation.override("fi"):  # ``name`` is the name in the active language
            cluster = Cluster.objects.create(name=name, **fields)
        for user in managers:
            ClusterManager.objects.create(cluster=cluster, user=user)
        return cluster

    return make


@pytest.fixture
def cluster(make_cluster, manager, host_organisation):
    return make_cluster(
        "Vetyklusteri",
        slug="vetyklusteri",
        name_en="Hydrogen Cluster",
        name_sv="Vätekluster",
        host=host_organisation,
        managers=[manager],
        members_sme=30,
        members_large=5,
    )


@pytest.fixture
def other_cluster(make_cluster, other_manager, other_host_organisation):
    return make_cluster(
        "Metsäklusteri",
        slug="metsaklusteri",
        host=other_host_organisation,
        managers=[other_manager],
    )


@pytest.fixture
def make_membership(db):
    def make(cluster, organisation, **fields) -> ClusterMembership:
        return ClusterMembership.objects.create(
            cluster=cluster, organisation=organisation, **fields
        )

    return make


@pytest.fixture
def make_token(db):
    """``make_token(user)``: the token itself, as a client would send it."""

    def make(user, name: str = "Test") -> str:
        return create_api_token(user, by=None, name=name)[1]

    return make


@pytest.fixture
def manager_token(make_token, manager):
    return make_token(manager)
