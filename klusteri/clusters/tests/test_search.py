import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from klusteri.clusters.models import Cluster, ClusterMembership, Ecosystem, NaceSection, Tag
from klusteri.clusters.search import cluster_document, reindex_clusters
from klusteri.places.models import Municipality
from klusteri.search import clear, search

pytestmark = pytest.mark.django_db


@pytest.fixture
def hydrogen_tag():
    return Tag.objects.create(slug="hydrogen", name_fi="Vety", name_sv="Vätgas", name_en="Hydrogen")


@pytest.fixture
def vaasa_cluster(make_cluster, hydrogen_tag):
    vaasa = Municipality.objects.get(name_fi="Vaasa")
    cluster = make_cluster(
        "Pohjanmaan energiaklusteri",
        slug="energiaklusteri",
        name_sv="Österbottens energikluster",
        name_en="Ostrobothnia Energy Cluster",
        description_fi="Tuulivoimaa ja akkuteknologiaa.",
        description_sv="Vindkraft och batterier.",
        municipality=vaasa,
        region=vaasa.region,
    )
    cluster.tags.add(hydrogen_tag)
    cluster.ecosystems.add(Ecosystem.objects.get(slug="renewable-energy"))
    cluster.nace_sections.add(NaceSection.objects.get(code="C"))
    return cluster


def test_the_title_is_the_name_in_every_language(vaasa_cluster):
    title = cluster_document(vaasa_cluster)["title"]

    assert "Pohjanmaan energiaklusteri" in title
    assert "Österbottens energikluster" in title
    assert "Ostrobothnia Energy Cluster" in title


def test_the_keywords_are_taxonomies_and_places_in_every_language(vaasa_cluster):
    keywords = cluster_document(vaasa_cluster)["keywords"].split("\n")

    assert {"Vety", "Vätgas", "Hydrogen"} <= set(keywords)
    assert {"Uusiutuva energia", "Förnybar energi"} <= set(keywords)
    assert {"Teollisuus", "Tillverkning", "Manufacturing"} <= set(keywords)
    assert {"Vaasa", "Vasa", "Pohjanmaa", "Österbotten", "Ostrobothnia"} <= set(keywords)
    assert keywords.count("Vaasa") == 1  # the same name in two languages counts once


def test_the_body_names_only_members_listed_publicly(vaasa_cluster, make_organisation):
    listed = make_organisation("Tuulivoima Oy")
    unlisted = make_organisation("Salainen Oy")
    ClusterMembership.objects.create(cluster=vaasa_cluster, organisation=listed, is_public=True)
    ClusterMembership.objects.create(cluster=vaasa_cluster, organisation=unlisted)

    body = cluster_document(vaasa_cluster)["body"]

    assert "Tuulivoima Oy" in body
    assert "Salainen Oy" not in body
    assert "Vindkraft och batterier." in body


def test_a_reindexed_cluster_is_found_in_every_language(vaasa_cluster):
    reindex_clusters(Cluster.objects.all())

    for query in ["vedyn", "vätgasen", "hydrogen", "Vasa", "batteries", "akku", "tillverkning"]:
        assert search("cluster", query) == [vaasa_cluster.pk], query


def test_an_unlisted_member_is_not_searchable(vaasa_cluster, make_organisation):
    ClusterMembership.objects.create(
        cluster=vaasa_cluster, organisation=make_organisation("Salainen Oy")
    )

    reindex_clusters([vaasa_cluster.pk])

    assert search("cluster", "salainen") == []


def test_a_name_ranks_above_a_description(make_cluster):
    described = make_cluster("Kuvattu", description_fi="Edistämme vetytaloutta.")
    named = make_cluster("Vetyklusteri", slug="nimetty")

    reindex_clusters([described.pk, named.pk])

    assert search("cluster", "vety") == [named.pk, described.pk]


def test_reindexing_a_deleted_cluster_removes_it(vaasa_cluster):
    reindex_clusters([vaasa_cluster.pk])
    pk = vaasa_cluster.pk
    vaasa_cluster.delete()

    reindex_clusters([pk])

    assert search("cluster", "energiaklusteri") == []


def test_reindexing_takes_as_many_queries_for_many_clusters_as_for_one(
    make_cluster, hydrogen_tag, make_organisation
):
    for number in range(5):
        cluster = make_cluster(f"Klusteri-{number}")
        cluster.tags.add(hydrogen_tag)
        organisation = make_organisation(f"Jäsen {number} Oy")
        ClusterMembership.objects.create(cluster=cluster, organisation=organisation, is_public=True)
    first = Cluster.objects.order_by("pk").first()

    with CaptureQueriesContext(connection) as one:
        reindex_clusters(Cluster.objects.filter(pk=first.pk))
    clear("cluster")  # both start from an empty index
    with CaptureQueriesContext(connection) as many:
        reindex_clusters(Cluster.objects.all())

    assert len(many) == len(one)
    assert len(search("cluster", "jäsen")) == 5
