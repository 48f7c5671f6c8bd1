"""RankedClusters: the directory's one order, for its page, the API and the exports.

The search is replaced by ``fake_search`` (its own ranking is tested in
``search/tests`` and, on the demo data, in ``test_search_quality``, which also
checks that the page and the API list the same clusters in the same order).
"""

import pytest
from django.db.models import QuerySet
from django.utils import translation

from klusteri.clusters.models import Cluster
from klusteri.clusters.ranking import RankedClusters
from klusteri.clusters.tests.test_filters import create_cluster, fake_search

pytestmark = pytest.mark.django_db


@pytest.fixture
def clusters(monkeypatch):
    """Five clusters, two of them Swedish; the search ranks four of them."""
    made = {
        name: create_cluster(name, members_sme=size, country=country)
        for name, size, country in [
            ("Echo", 30, "FI"),
            ("alpha", 10, "SE"),
            ("Delta", 30, "FI"),
            ("Charlie", 50, "FI"),
            ("Bravo", 20, "SE"),
        ]
    }
    fake_search(monkeypatch, [made[name].pk for name in ["Delta", "Bravo", "Echo", "alpha"]])
    return made


def names(rows) -> list[str]:
    return [cluster.name for cluster in rows]


@pytest.mark.parametrize(
    ("query", "sort", "expected"),
    [
        ("vety", "relevance", ["Delta", "Bravo", "Echo", "alpha"]),
        ("", "relevance", ["alpha", "Bravo", "Charlie", "Delta", "Echo"]),  # the name
        ("vety", "name", ["alpha", "Bravo", "Delta", "Echo"]),
        ("vety", "size", ["Echo", "Delta", "Bravo", "alpha"]),  # a tie: the older first
        ("", "newest", ["Bravo", "Charlie", "Delta", "alpha", "Echo"]),  # the last made first
    ],
)
def test_every_order_is_the_same_as_a_sequence_and_as_a_queryset(clusters, query, sort, expected):
    ranked = RankedClusters(Cluster.objects.all(), query=query, sort=sort)

    assert names(ranked) == expected
    assert names(ranked.queryset) == expected
    assert len(ranked) == len(expected)
    assert names(ranked[1:3]) == expected[1:3]


def test_filters_apply_before_the_order(clusters):
    finnish = Cluster.objects.filter(country="FI")

    ranked = RankedClusters(finnish, query="vety", sort="relevance")

    assert names(ranked) == ["Delta", "Echo"]


def test_the_order_works_with_distinct_rows(clusters, outsider):
    """visible_to() for a signed-in person is DISTINCT; PostgreSQL then wants the
    order's expression in the select list."""
    visible = Cluster.objects.visible_to(outsider)

    for sort in ["relevance", "name"]:
        ranked = RankedClusters(visible, query="vety", sort=sort)
        assert names(ranked.queryset) == names(ranked)


def test_name_order_follows_the_language(clusters):
    Cluster.objects.filter(name="Echo").update(name_sv="Aaa")

    with translation.override("sv"):
        ranked = RankedClusters(Cluster.objects.all(), sort="name")
        assert names(ranked)[0] == "Aaa"  # Echo, by its Swedish name


def test_a_page_by_relevance_costs_two_queries(clusters, django_assert_num_queries):
    ranked = RankedClusters(Cluster.objects.all(), query="vety", prefetch=["tags"])

    # Which ranked clusters pass the filters, then the page's rows and their tags.
    with django_assert_num_queries(3):
        assert len(ranked) == 4
        page = ranked[0:2]
    with django_assert_num_queries(0):
        assert [list(cluster.tags.all()) for cluster in page] == [[], []]


def test_a_page_has_the_fields_of_a_card(clusters):
    for sort in ["relevance", "size"]:
        row = RankedClusters(Cluster.objects.all(), query="vety", sort=sort)[0]
        assert "description_fi" in row.get_deferred_fields()


def test_a_single_row_and_past_the_end(clusters):
    ranked = RankedClusters(Cluster.objects.all(), query="vety")

    assert ranked[0].name == "Delta"
    assert ranked[-1].name == "alpha"
    assert ranked[10:20] == []
    with pytest.raises(IndexError):
        ranked[4]


def test_no_match_lists_nothing(monkeypatch):
    create_cluster("Alpha")
    fake_search(monkeypatch, [])

    ranked = RankedClusters(Cluster.objects.all(), query="nothing")

    assert list(ranked) == []
    assert isinstance(ranked.queryset, QuerySet)
    assert list(ranked.queryset) == []


def test_an_unknown_order_is_an_error():
    with pytest.raises(ValueError, match="evil"):
        RankedClusters(Cluster.objects.all(), sort="evil")
