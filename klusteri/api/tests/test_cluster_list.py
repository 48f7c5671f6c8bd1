"""GET /api/v1/clusters/: the directory's filters, paging, languages and query count."""

import pytest

from klusteri.clusters.models import Cluster, Ecosystem, NaceSection, ServiceArea, Tag
from klusteri.places.models import Municipality, Region

pytestmark = pytest.mark.django_db

URL = "/api/v1/clusters/"


def slugs(response) -> list[str]:
    return [row["slug"] for row in response.json()["results"]]


def test_lists_published_clusters_for_anonymous(client, make_cluster):
    make_cluster("Akku", slug="akku")
    make_cluster("Draft", slug="draft", is_published=False)

    response = client.get(URL)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response.json()["count"] == 1
    assert slugs(response) == ["akku"]


def test_a_card_has_every_field(client, make_cluster):
    region = Region.objects.get(code="MK01")
    municipality = Municipality.objects.get(code="091")
    cluster = make_cluster(
        "Vetyklusteri",
        slug="vety",
        name_sv="Vätekluster",
        name_en="Hydrogen Cluster",
        region=region,
        municipality=municipality,
        city="Helsinki",
        latitude="60.16952",
        longitude="24.93545",
        members_sme=12,
        label=Cluster.Label.GOLD,
        label_valid_until="2027-12-31",
        national_status=Cluster.NationalStatus.RECOGNISED,
        website="https://vety.example",
        is_demo=True,
    )
    cluster.ecosystems.set(Ecosystem.objects.filter(slug__in=["renewable-energy"]))
    cluster.tags.set([Tag.objects.create(slug="hydrogen", name="vety")])

    card = client.get(URL).json()["results"][0]

    assert card == {
        "slug": "vety",
        "name": "Vetyklusteri",
        "names": {"fi": "Vetyklusteri", "sv": "Vätekluster", "en": "Hydrogen Cluster"},
        "kind": "cluster",
        "country": "FI",
        "region": {
            "code": "MK01",
            "name": "Uusimaa",
            "names": {"fi": "Uusimaa", "sv": "Nyland", "en": "Uusimaa"},
        },
        "municipality": {
            "code": "091",
            "name": "Helsinki",
            "names": {"fi": "Helsinki", "sv": "Helsingfors", "en": "Helsinki"},
        },
        "city": "Helsinki",
        "latitude": 60.16952,
        "longitude": 24.93545,
        "member_total": 12,
        "ecosystems": ["renewable-energy"],
        "tags": ["hydrogen"],
        "label": "gold",
        "national_status": "recognised",
        "website": "https://vety.example",
        "is_demo": True,
        "url": "http://testserver/fi/clusters/vety/",
        "updated_at": card["updated_at"],
    }
    assert card["updated_at"].startswith(str(cluster.updated_at.year))


@pytest.mark.parametrize(
    ("query", "language"),
    [("", "fi"), ("?lang=sv", "sv"), ("?lang=en", "en")],
)
def test_names_and_urls_follow_lang(client, cluster, query, language):
    response = client.get(URL + query)

    card = response.json()["results"][0]
    assert card["name"] == getattr(cluster, f"name_{language}")
    assert card["url"] == f"http://testserver/{language}/clusters/vetyklusteri/"
    assert response["Content-Language"] == language
    assert "Accept-Language" in response["Vary"]


def test_accept_language_picks_the_language(client, cluster):
    response = client.get(URL, headers={"Accept-Language": "de, sv-FI;q=0.9, en;q=0.8"})

    assert response.json()["results"][0]["name"] == "Vätekluster"


def test_lang_overrides_accept_language(client, cluster):
    response = client.get(URL + "?lang=en", headers={"Accept-Language": "sv"})

    assert response.json()["results"][0]["name"] == "Hydrogen Cluster"


def test_missing_translation_falls_back_to_finnish(client, make_cluster):
    make_cluster("Akkuklusteri", slug="akku")

    card = client.get(URL + "?lang=en").json()["results"][0]

    assert card["name"] == "Akkuklusteri"
    assert card["names"] == {"fi": "Akkuklusteri", "sv": None, "en": None}


def test_unknown_lang_is_422(client, cluster):
    response = client.get(URL + "?lang=de")

    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["lang"]


# Filters: each one as on the directory page --------------------------------------


def test_country_filter_takes_several_values(client, make_cluster):
    make_cluster(slug="fi", country="FI")
    make_cluster(slug="se", country="SE")
    make_cluster(slug="no", country="NO")

    response = client.get(URL + "?country=FI&country=SE")

    assert sorted(slugs(response)) == ["fi", "se"]


def test_region_filter(client, make_cluster):
    make_cluster(slug="uusimaa", region=Region.objects.get(code="MK01"))
    make_cluster(slug="pirkanmaa", region=Region.objects.get(code="MK06"))

    assert slugs(client.get(URL + "?region=MK06")) == ["pirkanmaa"]


def test_ecosystem_filter(client, make_cluster):
    energy = make_cluster(slug="energy")
    energy.ecosystems.set(Ecosystem.objects.filter(slug="renewable-energy"))
    make_cluster(slug="other")

    assert slugs(client.get(URL + "?ecosystem=renewable-energy")) == ["energy"]


def test_nace_filter(client, make_cluster):
    industry = make_cluster(slug="industry")
    industry.nace_sections.set(NaceSection.objects.filter(code="C"))
    make_cluster(slug="other")

    assert slugs(client.get(URL + "?nace=C")) == ["industry"]


def test_tag_filter_lists_a_cluster_once(client, make_cluster):
    hydrogen = Tag.objects.create(slug="hydrogen", name="vety")
    batteries = Tag.objects.create(slug="batteries", name="akut")
    both = make_cluster(slug="both")
    both.tags.set([hydrogen, batteries])
    make_cluster(slug="none")

    response = client.get(URL + "?tag=hydrogen&tag=batteries")

    assert slugs(response) == ["both"]
    assert response.json()["count"] == 1


def test_kind_filter(client, make_cluster):
    make_cluster(slug="edih", kind=Cluster.Kind.EDIH)
    make_cluster(slug="cluster")

    assert slugs(client.get(URL + "?kind=edih")) == ["edih"]


def test_label_filter(client, make_cluster):
    make_cluster(slug="gold", label="gold", label_valid_until="2027-01-01")
    make_cluster(slug="none")

    assert slugs(client.get(URL + "?label=gold")) == ["gold"]


def test_size_filter(client, make_cluster):
    make_cluster(slug="small", members_sme=10)
    make_cluster(slug="medium", members_sme=60)
    make_cluster(slug="large", members_sme=250)

    assert sorted(slugs(client.get(URL + "?size=small&size=large"))) == ["large", "small"]


def test_service_filter(client, make_cluster):
    networking = make_cluster(slug="networking")
    networking.services.set(ServiceArea.objects.filter(slug="networking"))
    make_cluster(slug="other")

    assert slugs(client.get(URL + "?service=networking")) == ["networking"]


def test_search_ranks_by_relevance(client, make_cluster, monkeypatch):
    first, second = make_cluster(slug="first"), make_cluster(slug="second")
    make_cluster(slug="unmatched")
    searched = []

    def search(kind, query, *, limit=500):
        searched.append((kind, query))
        return [second.pk, first.pk]

    monkeypatch.setattr("klusteri.search.search", search, raising=False)

    response = client.get(URL, {"q": "vety"})

    assert searched == [("cluster", "vety")]
    assert slugs(response) == ["second", "first"]


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("name", ["aaa", "bbb", "ccc"]),
        ("size", ["ccc", "aaa", "bbb"]),
        ("newest", ["bbb", "ccc", "aaa"]),
    ],
)
def test_sort(client, make_cluster, sort, expected):
    make_cluster("Aaa", slug="aaa", members_sme=20)
    make_cluster("Ccc", slug="ccc", members_sme=30)
    make_cluster("Bbb", slug="bbb", members_sme=10)
    Cluster.objects.filter(slug="bbb").update(created_at="2030-01-01T00:00Z")

    assert slugs(client.get(URL, {"sort": sort})) == expected


def test_unknown_sort_is_422(client):
    response = client.get(URL + "?sort=price")

    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["sort"]


def test_unknown_filter_values_are_ignored_as_on_the_page(client, make_cluster):
    make_cluster(slug="fi", country="FI")
    make_cluster(slug="se", country="SE")

    api = client.get(URL + "?country=XX&region=MK99&tag=nonexistent&size=huge")
    page = client.get("/en/clusters/?country=XX&region=MK99&tag=nonexistent&size=huge")

    assert api.status_code == 200
    assert sorted(slugs(api)) == ["fi", "se"]
    assert page.status_code == 200


def test_overlong_search_is_422(client):
    response = client.get(URL, {"q": "x" * 201})

    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["q"]


def test_unpublished_cluster_is_listed_for_its_manager_with_a_token(
    client, make_cluster, cluster, manager_token
):
    Cluster.objects.filter(pk=cluster.pk).update(is_published=False)
    make_cluster(slug="published")

    anonymous = client.get(URL)
    manager = client.get(URL, headers={"Authorization": f"Bearer {manager_token}"})

    assert slugs(anonymous) == ["published"]
    assert sorted(slugs(manager)) == ["published", "vetyklusteri"]


def test_bad_token_on_a_read_is_401(client, cluster):
    response = client.get(URL, headers={"Authorization": "Bearer nonsense"})

    assert response.status_code == 401
    assert response.json()["detail"]


# Paging ---------------------------------------------------------------------------


def test_pages_have_next_and_previous_links(client, make_cluster):
    for number in range(5):
        make_cluster(f"Klusteri {number}", slug=f"k{number}")

    first = client.get(URL, {"limit": 2, "country": "FI"}).json()
    middle = client.get(first["next"]).json()
    last = client.get(URL, {"limit": 2, "offset": 4}).json()

    assert first["count"] == 5
    assert [row["slug"] for row in first["results"]] == ["k0", "k1"]
    assert first["previous"] is None
    assert first["next"] == "http://testserver/api/v1/clusters/?limit=2&country=FI&offset=2"
    assert [row["slug"] for row in middle["results"]] == ["k2", "k3"]
    assert middle["previous"] == "http://testserver/api/v1/clusters/?limit=2&country=FI&offset=0"
    assert [row["slug"] for row in last["results"]] == ["k4"]
    assert last["next"] is None


def test_default_page_has_20(client, make_cluster):
    for number in range(21):
        make_cluster(slug=f"k{number:02}")

    response = client.get(URL).json()

    assert len(response["results"]) == 20
    assert response["next"].endswith("offset=20&limit=20")


def test_offset_beyond_the_end_is_an_empty_page(client, cluster):
    response = client.get(URL, {"offset": 50})

    assert response.status_code == 200
    assert response.json()["results"] == []
    assert response.json()["count"] == 1


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"limit": 0}, "limit"),
        ({"limit": 101}, "limit"),
        ({"limit": "ten"}, "limit"),
        ({"offset": -1}, "offset"),
        ({"offset": 10_001}, "offset"),
    ],
)
def test_paging_out_of_bounds_is_422(client, params, field):
    response = client.get(URL, params)

    assert response.status_code == 422
    assert response.json()["detail"]
    assert list(response.json()["errors"]) == [field]


def test_limit_100_and_offset_10000_are_allowed(client):
    response = client.get(URL, {"limit": 100, "offset": 10_000})

    assert response.status_code == 200


def test_no_next_link_beyond_the_offset_cap(client, make_cluster, monkeypatch):
    monkeypatch.setattr("klusteri.api.schemas.MAX_OFFSET", 2)
    for number in range(5):
        make_cluster(slug=f"k{number}")

    response = client.get(URL, {"limit": 2, "offset": 2}).json()

    assert response["next"] is None


# Queries --------------------------------------------------------------------------


@pytest.mark.parametrize("clusters", [5, 25])
def test_query_count_does_not_grow_with_clusters(
    client, make_cluster, django_assert_num_queries, clusters
):
    tag = Tag.objects.create(slug="hydrogen", name="vety")
    ecosystems = list(Ecosystem.objects.all()[:2])
    region = Region.objects.get(code="MK01")
    for number in range(clusters):
        cluster = make_cluster(slug=f"k{number}", region=region)
        cluster.tags.set([tag])
        cluster.ecosystems.set(ecosystems)

    # The count, the page, its ecosystems, its tags.
    with django_assert_num_queries(4):
        response = client.get(URL, {"limit": 100})

    assert len(response.json()["results"]) == clusters


def test_wrong_method_is_405_in_json(client):
    response = client.post(URL, {}, content_type="application/json")

    assert response.status_code == 405
    assert response["Allow"] == "GET"
    assert response.json()["detail"]
