"""ClusterFilter: the directory's filters, shared by the page, exports, map and API.

Searching goes through ``klusteri.search.search``. These tests replace it with
``fake_search``, which keeps them independent of its ranking.
"""

import itertools

import pytest
from django.http import QueryDict
from django.utils import translation
from django.utils.text import slugify

from klusteri.clusters import ranking
from klusteri.clusters.filters import ClusterFilter
from klusteri.clusters.models import Cluster, Ecosystem, NaceSection, ServiceArea, Tag
from klusteri.places.models import Region

pytestmark = pytest.mark.django_db

_numbers = itertools.count(1)


def create_cluster(name: str, *, tags=(), ecosystems=(), nace=(), services=(), **fields):
    """A cluster; ``tags`` are slugs (created as needed), the other taxonomies are
    the reference data's slugs or codes."""
    fields.setdefault("slug", f"{slugify(name)}-{next(_numbers)}")
    cluster = Cluster.objects.create(name=name, **fields)
    cluster.tags.set(
        [Tag.objects.get_or_create(slug=slug, defaults={"name": slug.title()})[0] for slug in tags]
    )
    cluster.ecosystems.set(Ecosystem.objects.filter(slug__in=ecosystems))
    cluster.nace_sections.set(NaceSection.objects.filter(code__in=nace))
    cluster.services.set(ServiceArea.objects.filter(slug__in=services))
    return cluster


def fake_search(monkeypatch, ranked: list[int]) -> list[tuple]:
    """Make ``klusteri.search.search`` answer ``ranked`` (best first) whatever the
    words; return the list of calls it gets."""
    import klusteri.search as module

    calls = []

    def search(kind, query, *, limit=500):
        calls.append((kind, query, limit))
        return list(ranked)[:limit]

    monkeypatch.setattr(module, "search", search)
    return calls


def names(querystring: str, clusters=None) -> list[str]:
    form = ClusterFilter(QueryDict(querystring))
    return [c.name for c in form.filter(clusters or Cluster.objects.all())]


@pytest.fixture
def uusimaa():
    return Region.objects.get(code="MK01")


@pytest.fixture
def pirkanmaa():
    return Region.objects.get(code="MK06")


def test_no_filter_lists_every_cluster_by_name():
    create_cluster("Beta")
    create_cluster("alpha")
    create_cluster("Gamma")

    assert names("") == ["alpha", "Beta", "Gamma"]


def test_country_filter():
    create_cluster("Finnish", country="FI")
    create_cluster("Swedish", country="SE")

    assert names("country=SE") == ["Swedish"]


def test_region_filter(uusimaa, pirkanmaa):
    create_cluster("Helsinki", region=uusimaa)
    create_cluster("Tampere", region=pirkanmaa)
    create_cluster("Nowhere")

    assert names("region=MK06") == ["Tampere"]


def test_kind_filter():
    create_cluster("Cluster", kind=Cluster.Kind.CLUSTER_ORGANISATION)
    create_cluster("Network", kind=Cluster.Kind.NETWORK)

    assert names("kind=network") == ["Network"]


def test_label_filter():
    create_cluster("Golden", label=Cluster.Label.GOLD)
    create_cluster("Bronze", label=Cluster.Label.BRONZE)
    create_cluster("Unlabelled")

    assert names("label=gold") == ["Golden"]


@pytest.mark.parametrize(
    ("band", "expected"),
    [("small", ["Small"]), ("medium", ["Fifty", "Medium"]), ("large", ["Large"])],
)
def test_size_filter_by_member_band(band, expected):
    create_cluster("Small", members_sme=49)
    create_cluster("Fifty", members_sme=50)
    create_cluster("Medium", members_sme=150, members_large=49)
    create_cluster("Large", members_sme=150, members_large=50)

    assert names(f"size={band}") == expected


def test_ecosystem_filter():
    create_cluster("Digital", ecosystems=["digital"])
    create_cluster("Food", ecosystems=["agri-food"])

    assert names("ecosystem=digital") == ["Digital"]


def test_nace_filter():
    create_cluster("Manufacturing", nace=["C"])
    create_cluster("Energy", nace=["D"])

    assert names("nace=C") == ["Manufacturing"]


def test_tag_filter():
    create_cluster("Hydrogen", tags=["hydrogen"])
    create_cluster("Batteries", tags=["batteries"])

    assert names("tag=hydrogen") == ["Hydrogen"]


def test_service_filter():
    create_cluster("Advocates", services=["advocacy"])
    create_cluster("Networkers", services=["networking"])

    assert names("service=advocacy") == ["Advocates"]


def test_values_of_one_filter_match_any(uusimaa, pirkanmaa):
    create_cluster("Helsinki", region=uusimaa, tags=["hydrogen"])
    create_cluster("Tampere", region=pirkanmaa, tags=["batteries"])
    create_cluster("Both", tags=["hydrogen", "batteries"])
    create_cluster("Neither", tags=["forest"])

    assert names("region=MK01&region=MK06") == ["Helsinki", "Tampere"]
    assert names("tag=hydrogen&tag=batteries") == ["Both", "Helsinki", "Tampere"]


def test_different_filters_all_apply(uusimaa, pirkanmaa):
    create_cluster(
        "Match", region=uusimaa, kind="network", tags=["hydrogen"], services=["advocacy"]
    )
    create_cluster("Wrong region", region=pirkanmaa, kind="network", tags=["hydrogen"])
    create_cluster("Wrong kind", region=uusimaa, kind="cluster", tags=["hydrogen"])
    create_cluster("Wrong tag", region=uusimaa, kind="network", tags=["batteries"])

    assert names("region=MK01&kind=network&tag=hydrogen") == ["Match"]
    assert names("region=MK01&kind=network&tag=hydrogen&service=advocacy") == ["Match"]
    assert names("region=MK01&kind=network&tag=hydrogen&service=networking") == []


def test_a_cluster_with_several_matching_tags_is_listed_once():
    create_cluster(
        "Many", tags=["hydrogen", "batteries", "forest"], ecosystems=["digital", "health"]
    )

    result = names("tag=hydrogen&tag=batteries&tag=forest&ecosystem=digital&ecosystem=health")

    assert result == ["Many"]


def test_invalid_values_are_dropped_one_by_one(uusimaa, pirkanmaa):
    create_cluster("Helsinki", region=uusimaa)
    create_cluster("Tampere", region=pirkanmaa)

    assert names("region=XX&region=MK01") == ["Helsinki"]
    assert names("region=XX&size=huge&sort=evil&kind=nonsense&tag=nope&country=ZZ") == [
        "Helsinki",
        "Tampere",
    ]


def test_an_invalid_field_leaves_the_others_in_force(uusimaa, pirkanmaa):
    create_cluster("Helsinki", region=uusimaa)
    create_cluster("Tampere", region=pirkanmaa)

    assert names(f"q={'x' * 201}&region=MK06") == ["Tampere"]


def test_null_characters_are_ignored(uusimaa):
    create_cluster("Helsinki", region=uusimaa)

    assert names("region=MK%00&tag=a%00b&country=F%00I") == ["Helsinki"]


def test_a_plain_dict_works_like_a_query_string(uusimaa):
    """The API passes its parameters as a dict of lists."""
    create_cluster("Helsinki", region=uusimaa, kind="network")
    create_cluster("Elsewhere", kind="network")

    form = ClusterFilter({"region": ["MK01"], "kind": "network", "sort": "size"})

    assert [c.name for c in form.filter(Cluster.objects.all())] == ["Helsinki"]


def test_sort_by_size_largest_first():
    create_cluster("Small", members_sme=5)
    create_cluster("Large", members_sme=500)
    create_cluster("Medium", members_sme=60)

    assert names("sort=size") == ["Large", "Medium", "Small"]


def test_sort_by_newest_first():
    create_cluster("Old")
    create_cluster("Older")
    create_cluster("Newest")

    assert names("sort=newest") == ["Newest", "Older", "Old"]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fi", ["Bioklusteri", "cleantech", "Omena"]),
        ("sv", ["Apple", "Bioklusteri", "Cleantech"]),
        ("en", ["Apple", "Bioklusteri", "Cleantech"]),
    ],
)
def test_name_order_follows_the_shown_name(language, expected):
    """A cluster without a name in the page's language is sorted by the name the
    page shows for it (fi → en → sv), not first; case does not matter."""
    Cluster.objects.create(slug="a", name_fi="Omena", name_sv="Apple", name_en="Apple")
    Cluster.objects.create(slug="b", name_fi="Bioklusteri", name_sv="", name_en="")
    Cluster.objects.create(slug="c", name_fi="cleantech", name_sv="Cleantech", name_en="Cleantech")

    with translation.override(language):
        form = ClusterFilter(QueryDict("sort=name"))
        result = [c.name for c in form.filter(Cluster.objects.all())]

    assert result == expected


def test_relevance_without_search_words_is_name_order():
    create_cluster("Beta")
    create_cluster("Alpha")

    form = ClusterFilter(QueryDict("sort=relevance"))

    assert [c.name for c in form.filter(Cluster.objects.all())] == ["Alpha", "Beta"]
    assert form.sort_key == "name"


def test_search_keeps_the_search_order(monkeypatch):
    alpha, beta, gamma = create_cluster("Alpha"), create_cluster("Beta"), create_cluster("Gamma")
    calls = fake_search(monkeypatch, [gamma.pk, alpha.pk])

    assert names("q=vety") == ["Gamma", "Alpha"]
    assert calls == [("cluster", "vety", ranking.SEARCH_LIMIT)]
    assert beta.name not in names("q=vety")


def test_search_with_another_order(monkeypatch):
    alpha, gamma = create_cluster("Alpha", members_sme=1), create_cluster("Gamma", members_sme=9)
    fake_search(monkeypatch, [alpha.pk, gamma.pk])

    assert names("q=vety&sort=name") == ["Alpha", "Gamma"]
    assert names("q=vety&sort=size") == ["Gamma", "Alpha"]


def test_search_and_filters_combine(monkeypatch, uusimaa):
    alpha = create_cluster("Alpha", region=uusimaa)
    beta = create_cluster("Beta")
    create_cluster("Gamma", region=uusimaa)
    fake_search(monkeypatch, [beta.pk, alpha.pk])

    assert names("q=vety&region=MK01") == ["Alpha"]


def test_search_without_matches_lists_nothing(monkeypatch):
    create_cluster("Alpha")
    fake_search(monkeypatch, [])

    assert names("q=nothing") == []


def test_search_words_are_trimmed_and_blank_ones_ignored(monkeypatch):
    create_cluster("Alpha")
    calls = fake_search(monkeypatch, [])

    assert names("q=+++") == ["Alpha"]
    assert calls == []


def test_search_cut_is_reported(monkeypatch):
    alpha = create_cluster("Alpha")
    monkeypatch.setattr(ranking, "SEARCH_LIMIT", 1)
    fake_search(monkeypatch, [alpha.pk, alpha.pk + 1])
    form = ClusterFilter(QueryDict("q=a"))

    list(form.filter(Cluster.objects.all()))

    assert form.search_truncated


def test_search_order_works_with_distinct_rows(monkeypatch, outsider):
    """visible_to() for a signed-in person is DISTINCT; ordering by relevance must
    still work (PostgreSQL wants the ORDER BY expression in the select list)."""
    alpha, beta = create_cluster("Alpha"), create_cluster("Beta")
    fake_search(monkeypatch, [beta.pk, alpha.pk])
    form = ClusterFilter(QueryDict("q=x"))

    result = form.filter(Cluster.objects.visible_to(outsider).for_cards())

    assert [c.name for c in result] == ["Beta", "Alpha"]
    assert [
        c.name for c in ClusterFilter(QueryDict("")).filter(Cluster.objects.visible_to(outsider))
    ] == ["Alpha", "Beta"]


def test_active_choices_list_what_narrows(uusimaa, monkeypatch):
    fake_search(monkeypatch, [])
    form = ClusterFilter(QueryDict("q=vety&region=MK01&region=XX&kind=network&sort=size"))

    with translation.override("en"):
        active = form.active_choices()

    assert active == [
        ("q", "vety", "vety"),
        ("region", "MK01", "Uusimaa"),
        ("kind", "network", "Business network"),
    ]


def test_nothing_active_without_filters():
    assert ClusterFilter(QueryDict("sort=name&page=3")).active_choices() == []


def test_groups_tick_what_the_request_chose():
    form = ClusterFilter(QueryDict("region=MK01&country=SE&size=large"))

    groups = {group.name: group for group in form.groups()}

    assert list(groups) == ClusterFilter.FILTERS
    assert [o.value for o in groups["region"].options if o.checked] == ["MK01"]
    assert [o.value for o in groups["country"].options if o.checked] == ["SE"]
    assert groups["size"].selected == 1
    assert groups["kind"].selected == 0
    assert len(groups["ecosystem"].options) == 14


def test_most_used_tags_come_first_and_the_rest_behind_more():
    for number in range(20):
        create_cluster(f"C{number}", tags=[f"tag-{n:02d}" for n in range(number + 1)])
    # tag-00 is on all 20 clusters, tag-19 on one.
    Tag.objects.create(slug="unused", name="Unused")

    group = {g.name: g for g in ClusterFilter(QueryDict("tag=tag-18")).groups()}["tag"]

    assert [o.value for o in group.options] == [f"tag-{n:02d}" for n in range(15)]
    assert [o.value for o in group.more] == [f"tag-{n:02d}" for n in range(15, 20)] + ["unused"]
    assert group.more_selected
