"""GET /api/v1/taxonomies/: every code a filter or field takes, named in three languages."""

import pytest

from klusteri.clusters.models import Tag

pytestmark = pytest.mark.django_db

URL = "/api/v1/taxonomies/"


def test_lists_every_taxonomy(client):
    Tag.objects.create(slug="hydrogen", name_fi="vety", name_sv="väte", name_en="hydrogen")

    taxonomies = client.get(URL + "?lang=sv").json()

    assert len(taxonomies["ecosystems"]) == 14
    assert taxonomies["ecosystems"][0] == {
        "slug": "aerospace-defence",
        "number": 1,
        "name": "Flyg- och försvarsindustri",
        "names": {
            "fi": "Ilmailu ja puolustus",
            "sv": "Flyg- och försvarsindustri",
            "en": "Aerospace & defence",
        },
    }
    assert len(taxonomies["nace_sections"]) == 21
    assert {"code": "35", "section": "D"}.items() <= next(
        d for d in taxonomies["nace_divisions"] if d["code"] == "35"
    ).items()
    assert [s["slug"] for s in taxonomies["services"]][:2] == ["networking", "advocacy"]
    assert taxonomies["tags"] == [
        {
            "slug": "hydrogen",
            "kind": "technology",
            "name": "väte",
            "names": {"fi": "vety", "sv": "väte", "en": "hydrogen"},
        }
    ]
    assert len(taxonomies["regions"]) == 19
    uusimaa = taxonomies["regions"][0]
    assert (uusimaa["code"], uusimaa["iso_code"], uusimaa["name"]) == ("MK01", "FI-18", "Nyland")
    helsinki = next(m for m in taxonomies["municipalities"] if m["code"] == "091")
    assert (helsinki["name"], helsinki["region"]) == ("Helsingfors", "MK01")
    assert [c["code"] for c in taxonomies["countries"]] == [
        "FI", "SE", "NO", "DK", "IS", "AX", "FO", "GL"
    ]  # fmt: skip
    assert taxonomies["countries"][0]["names"]["en"] == "Finland"
    assert "edih" in [k["code"] for k in taxonomies["kinds"]]
    assert [label["code"] for label in taxonomies["labels"]] == ["bronze", "silver", "gold"]
    assert [s["code"] for s in taxonomies["sizes"]] == ["small", "medium", "large"]
    assert [s["code"] for s in taxonomies["sorts"]] == ["relevance", "name", "size", "newest"]
    assert {"national_statuses", "legal_forms", "operating_areas", "membership_roles",
            "organisation_kinds"} <= taxonomies.keys()  # fmt: skip


def test_query_count_is_constant(client, django_assert_num_queries):
    # One query per database taxonomy: ecosystems, NACE sections and divisions,
    # services, tags, regions, municipalities.
    with django_assert_num_queries(7):
        client.get(URL)


def test_wrong_method_is_405(client):
    response = client.post(URL)

    assert response.status_code == 405
    assert response.json()["detail"]
