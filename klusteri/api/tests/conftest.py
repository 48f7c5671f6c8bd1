"""Memberships and API tokens for the API's tests, and the shared ``cluster`` with
what the API's answers show: its names in Swedish and English, its members.
``other_cluster`` and ``make_cluster`` are klusteri/conftest.py's."""

import pytest

from klusteri.api.services import create_api_token
from klusteri.clusters.models import ClusterMembership


@pytest.fixture
def cluster(cluster):
    """Vetyklusteri (klusteri/conftest.py), named in three languages, 35 members."""
    cluster.name_sv = "Vätekluster"
    cluster.name_en = "Hydrogen Cluster"
    cluster.members_sme, cluster.members_large = 30, 5
    cluster.save(update_fields=["name_sv", "name_en", "members_sme", "members_large"])
    cluster.refresh_from_db(fields=["member_total"])
    return cluster


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
