"""Matching calls to clusters: each rule's points and reason, the hard rules of
eligibility that no score overrides, privacy of the funding sources, query counts,
and who may see a cluster's matches."""

from datetime import date, timedelta

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from klusteri.clusters.models import Cluster, Ecosystem, Tag
from klusteri.funding import matching
from klusteri.funding.matching import RULES, clusters_for, matches_for
from klusteri.funding.models import ApplicantType, Call, FundingSource
from klusteri.places.models import Region

pytestmark = pytest.mark.django_db

URL = "/en/funding/clusters/vetyklusteri/"
NOBODY = ("sme",)  # applicant types that leave cluster organisations out


@pytest.fixture
def cluster(cluster):
    """Vetyklusteri with a profile to match: two ecosystems, the tag hydrogen."""
    cluster.ecosystems.set(Ecosystem.objects.filter(slug__in=["digital", "renewable-energy"]))
    cluster.tags.set([Tag.objects.create(slug="hydrogen", name_fi="vety", name_en="hydrogen")])
    return Cluster.objects.select_related("region").get(pk=cluster.pk)


def uusimaa() -> Region:
    return Region.objects.get(code="MK01")


def lapland() -> Region:
    return Region.objects.get(code="MK19")


def scored(matches, call) -> dict[str, int]:
    """The points of each rule that scored ``call`` among ``matches``."""
    (match,) = [m for m in matches if m.call == call]
    assert match.score == sum(r.points for r in match.reasons)
    return {reason.rule: reason.points for reason in match.reasons}


def the_best(cluster, **fields):
    """Every soft rule scores: what an ineligible call would get if it were scored."""
    fields.setdefault("keywords", ["vetytalous", "hydrogen"])
    fields.setdefault("ecosystems", Ecosystem.objects.filter(slug__in=["digital"]))
    fields.setdefault("programme", "digital-europe-edih")  # operating funding
    return fields


# The rules, one by one -------------------------------------------------------------


def test_the_rules_are_named_weighted_and_one_is_private():
    assert [rule.name for rule in RULES] == [
        "applicant-type",
        "place",
        "ecosystems",
        "keywords",
        "lacking-funding",
    ]
    assert [rule.name for rule in RULES if rule.is_private] == ["lacking-funding"]
    assert all(rule.weight > 0 and rule.most > 0 for rule in RULES)


def test_applicant_type_scores_when_cluster_organisations_may_apply(cluster, make_call):
    admits = make_call("Admits", keywords=["hydrogen"])
    leaves_out = make_call("Leaves out", keywords=["hydrogen"], applicant_types=NOBODY)

    with translation.override("en"):
        matches = matches_for(cluster, include_private=False)

    assert scored(matches, admits)["applicant-type"] == 3
    assert "applicant-type" not in scored(matches, leaves_out)
    reason = next(r for m in matches if m.call == admits for r in m.reasons)
    assert reason.text == "Cluster organisations may apply."


def test_place_scores_a_call_for_the_clusters_region_or_country(cluster, make_call):
    everywhere = make_call("Everywhere", applicant_types=NOBODY, keywords=["hydrogen"])
    finland = make_call("Finland", applicant_types=NOBODY, countries=["FI"], keywords=["vety"])
    region = make_call("Uusimaa", applicant_types=NOBODY, regions=[uusimaa()], countries=["FI"])

    with translation.override("en"):
        matches = matches_for(cluster, include_private=False)

    assert "place" not in scored(matches, everywhere)
    assert scored(matches, finland)["place"] == 2
    assert scored(matches, region)["place"] == 4
    texts = {m.call: [r.text for r in m.reasons if r.rule == "place"] for m in matches}
    assert texts[finland] == ["Only for applicants from Finland: fewer compete."]
    assert texts[region] == ["Only for applicants in Uusimaa, where the cluster is."]


def test_shared_ecosystems_score_each_and_are_named(cluster, make_call):
    both = make_call(
        "Both",
        applicant_types=NOBODY,
        ecosystems=Ecosystem.objects.filter(slug__in=["digital", "renewable-energy", "health"]),
    )
    none = make_call("None", ecosystems=Ecosystem.objects.filter(slug="health"))

    with translation.override("en"):
        matches = matches_for(cluster, include_private=False)

    assert scored(matches, both) == {"ecosystems": 4}
    assert "ecosystems" not in scored(matches, none)
    (reason,) = [r for m in matches if m.call == both for r in m.reasons]
    assert "Digital" in reason.text
    assert "Health" not in reason.text


def test_keywords_match_the_profiles_tags_in_any_case_and_language(cluster, make_call):
    english = make_call("English", applicant_types=NOBODY, keywords=["Green HYDROGEN"])
    compound = make_call("Compound", applicant_types=NOBODY, keywords=["vetytalous"])
    other = make_call("Other", keywords=["forestry", "hydro power"])

    with translation.override("en"):
        matches = matches_for(cluster, include_private=False)

    assert scored(matches, english) == {"keywords": 2}
    assert scored(matches, compound) == {"keywords": 2}
    assert "keywords" not in scored(matches, other)
    (reason,) = [r for m in matches if m.call == english for r in m.reasons]
    assert reason.text == "The call names a keyword of the profile: hydrogen."


def test_keywords_beyond_ascii_match(cluster, make_call):
    cluster.tags.add(Tag.objects.create(slug="smart-grids", name_fi="älykkäät sähköverkot"))
    call = make_call("Sähkö", applicant_types=NOBODY, keywords=["älykkäät sähköverkot"])
    capital = make_call("Äly", applicant_types=NOBODY, keywords=["Älykkäät sähköverkot"])

    matches = matches_for(cluster, include_private=False)

    assert scored(matches, call) == {"keywords": 2}
    assert scored(matches, capital) == {"keywords": 2}
    assert all(match.call.score == match.score for match in matches)


def test_a_tag_without_a_name_matches_nothing(cluster, make_call):
    cluster.tags.add(Tag.objects.create(slug="nameless", name_fi="", name_en=""))
    call = make_call("Vety", applicant_types=NOBODY, keywords=["hydrogen", ""])

    assert scored(matches_for(cluster, include_private=False), call) == {"keywords": 2}


def test_lacking_funding_scores_a_kind_the_cluster_has_no_current_source_of(cluster, make_call):
    operating = make_call("Operating", applicant_types=NOBODY, programme="digital-europe-edih")
    FundingSource.objects.create(
        cluster=cluster, name="Old", kind=FundingSource.Kind.BASE, amount=1,
        starts_on=date(2020, 1, 1), ends_on=date(2021, 1, 1),
    )  # fmt: skip

    with translation.override("en"):
        matches = matches_for(cluster, include_private=True)

    assert scored(matches, operating) == {"lacking-funding": 3}
    (reason,) = [r for m in matches if m.call == operating for r in m.reasons]
    assert reason.text == "Fills a gap: the cluster has no base or operating funding at present."


def test_lacking_funding_does_not_score_a_kind_the_cluster_has(cluster, make_call):
    make_call("Operating", applicant_types=NOBODY, programme="digital-europe-edih")
    FundingSource.objects.create(
        cluster=cluster, name="Current", kind=FundingSource.Kind.BASE, amount=1,
        starts_on=date(2020, 1, 1),
    )  # fmt: skip

    assert matches_for(cluster, include_private=True) == []


def test_the_private_rule_is_left_out_unless_asked_for(cluster, make_call):
    make_call("Operating", applicant_types=NOBODY, programme="digital-europe-edih")

    assert matches_for(cluster, include_private=False) == []


def test_matches_come_best_first_and_a_call_that_scores_nothing_is_none(cluster, make_call):
    best = make_call("Best", **the_best(cluster))
    good = make_call("Good", keywords=["hydrogen"])
    nothing = make_call("Nothing", applicant_types=NOBODY, programme="finnvera")

    matches = matches_for(cluster, include_private=True)

    assert [m.call for m in matches] == [best, good]
    assert nothing not in [m.call for m in matches]
    assert matches[0].score > matches[1].score


def test_the_database_and_the_reasons_agree_on_every_score(cluster, make_call):
    for number in range(6):
        make_call(
            f"Call {number}",
            keywords=["hydrogen", "vety"][: number % 3],
            ecosystems=Ecosystem.objects.filter(slug__in=["digital", "health"][: number % 3]),
            countries=["FI"] if number % 2 else [],
            applicant_types=NOBODY if number % 4 == 0 else (ApplicantType.CLUSTER_ORGANISATION,),
        )

    matches = matches_for(cluster, include_private=True)

    assert matches
    for match in matches:
        assert match.call.score == match.score  # what the database ranked by
        assert match.score == sum(reason.points for reason in match.reasons)


# Hard eligibility ---------------------------------------------------------------


@pytest.mark.parametrize(
    "ruled_out",
    [
        {"countries": ["SE"]},
        {"regions": "lapland", "countries": ["FI"]},
        {"cluster_role": Call.ClusterRole.NOT_ELIGIBLE},
    ],
    ids=["wrong country", "wrong region", "not open to clusters"],
)
def test_an_ineligible_call_is_never_a_match(cluster, make_call, ruled_out):
    if ruled_out.get("regions") == "lapland":
        ruled_out["regions"] = [lapland()]
    ineligible = make_call("Ineligible", **the_best(cluster), **ruled_out)
    eligible = make_call("Eligible", **the_best(cluster))

    found = [m.call for m in matches_for(cluster, include_private=True)]

    assert found == [eligible]
    assert ineligible not in found
    assert cluster not in [m.cluster for m in clusters_for(ineligible)]


def test_a_cluster_abroad_never_gets_a_finnish_call(make_cluster, make_call):
    abroad = make_cluster("Vätgas", country="SE")
    abroad.tags.set([Tag.objects.create(slug="hydrogen", name_en="hydrogen")])
    finnish = make_call("Finnish", countries=["FI"], keywords=["hydrogen"])
    regional = make_call("Regional", regions=[uusimaa()], keywords=["hydrogen"])

    assert matches_for(abroad, include_private=True) == []
    assert abroad not in [m.cluster for m in clusters_for(finnish)]
    assert abroad not in [m.cluster for m in clusters_for(regional)]


def test_a_cluster_without_a_region_never_gets_a_regional_call(make_cluster, make_call):
    nowhere = make_cluster("Ei aluetta", region=None)
    nowhere.tags.set([Tag.objects.create(slug="hydrogen", name_en="hydrogen")])
    regional = make_call("Regional", regions=[uusimaa()], keywords=["hydrogen"])

    assert matches_for(nowhere, include_private=True) == []
    assert clusters_for(regional) == []


def test_closed_and_unpublished_calls_never_match(cluster, make_call):
    now = timezone.now()
    closed = make_call(
        "Closed", **the_best(cluster), opens_at=now - timedelta(days=90),
        deadlines=[now - timedelta(days=1)],
    )  # fmt: skip
    unpublished = make_call("Draft", **the_best(cluster), is_published=False)

    assert matches_for(cluster, include_private=True) == []
    assert clusters_for(closed) == []
    assert clusters_for(unpublished) == []


def test_a_call_closes_out_of_the_matches_at_its_deadline(cluster, make_call):
    deadline = timezone.now() + timedelta(days=3)
    call = make_call("Soon", **the_best(cluster), deadlines=[deadline])

    assert [m.call for m in matches_for(cluster, include_private=True, now=deadline)] == [call]
    later = deadline + timedelta(seconds=1)
    assert matches_for(cluster, include_private=True, now=later) == []


def test_forthcoming_calls_match(cluster, make_call):
    soon = timezone.now() + timedelta(days=10)
    call = make_call(
        "Forthcoming", **the_best(cluster), opens_at=soon, deadlines=[soon + timedelta(days=30)]
    )

    assert [m.call for m in matches_for(cluster, include_private=True)] == [call]


def test_matching_scores_a_bounded_number_of_calls_those_closing_first(
    cluster, make_call, monkeypatch
):
    monkeypatch.setattr(matching, "CANDIDATES", 2)
    now = timezone.now()
    soon, later = make_call("Soon", keywords=["hydrogen"]), make_call("Later", keywords=["vety"])
    Call.objects.filter(pk=soon.pk).update(closes_at=now + timedelta(days=5))
    Call.objects.filter(pk=later.pk).update(closes_at=now + timedelta(days=6))
    last = make_call("Last and best", **the_best(cluster), deadlines=[now + timedelta(days=90)])

    found = [m.call for m in matches_for(cluster, include_private=True)]

    assert found == [soon, later]
    assert last not in found


# The call page: clusters_for --------------------------------------------------------


def test_clusters_for_ranks_clusters_by_their_profile(cluster, make_cluster, make_call):
    call = make_call(
        "Vety", keywords=["hydrogen"], ecosystems=Ecosystem.objects.filter(slug="digital")
    )
    digital = make_cluster("Digiklusteri")
    digital.ecosystems.set(Ecosystem.objects.filter(slug="digital"))
    make_cluster("Ei mitään")  # shares nothing with the call
    make_cluster("Luonnos", is_published=False).ecosystems.set(
        Ecosystem.objects.filter(slug="digital")
    )

    with translation.override("en"):
        found = clusters_for(call)

    assert [m.cluster.name for m in found] == ["Vetyklusteri", "Digiklusteri"]
    assert {r.rule for r in found[0].reasons} == {"applicant-type", "ecosystems", "keywords"}
    assert found[0].score == 3 + 2 + 2
    assert found[1].score == 3 + 2


def test_clusters_for_never_applies_the_private_rule(cluster, make_call):
    call = make_call("Operating", keywords=["hydrogen"], programme="digital-europe-edih")

    (found,) = clusters_for(call)
    (mine,) = matches_for(cluster, include_private=True)

    assert "lacking-funding" in {r.rule for r in mine.reasons}  # no funding sources at all
    assert "lacking-funding" not in {r.rule for r in found.reasons}
    assert found.score == mine.score - 3


def test_clusters_for_agrees_with_eligibility(cluster, make_cluster, make_call):
    lapp = make_cluster("Lappi", region=lapland())
    lapp.tags.set(Tag.objects.filter(slug="hydrogen"))
    call = make_call("Uusimaa", keywords=["hydrogen"], regions=[uusimaa()])

    found = [m.cluster for m in clusters_for(call)]

    assert found == [cluster]
    for candidate in (cluster, lapp):
        assert (candidate in found) == Call.objects.open_to(candidate).filter(pk=call.pk).exists()


# Query counts ---------------------------------------------------------------------


def many(make_call, make_cluster, count: int) -> None:
    hydrogen = Tag.objects.get(slug="hydrogen")
    digital = Ecosystem.objects.filter(slug="digital")
    for number in range(count):
        make_call(f"Many {count} {number}", keywords=["hydrogen"], ecosystems=digital)
        other = make_cluster(f"Monta {count} {number}")
        other.tags.set([hydrogen])
        other.ecosystems.set(digital)


@pytest.mark.parametrize("count", [1, 8])
def test_matches_page_queries_do_not_grow(
    manager_client, cluster, make_call, make_cluster, django_assert_num_queries, count
):
    many(make_call, make_cluster, count)

    # session, user, cluster; its ecosystems, tags, funding sources; the calls and
    # their deadlines, ecosystems, applicant types and regions.
    with django_assert_num_queries(11):
        response = manager_client.get(URL)

    assert response.status_code == 200
    assert len(response.context["matches"]) == count


@pytest.mark.parametrize("count", [1, 8])
def test_clusters_for_queries_do_not_grow(
    cluster, make_call, make_cluster, django_assert_num_queries, count
):
    many(make_call, make_cluster, count)
    call = Call.objects.get(title_en=f"Many {count} 0")

    # the call's applicant types, regions, ecosystems; the tags; the clusters and
    # their ecosystems and tags.
    with django_assert_num_queries(7):
        found = clusters_for(call)

    assert len(found) == count + 1


def test_clusters_for_scores_a_bounded_number_of_clusters(
    cluster, make_cluster, make_call, monkeypatch
):
    monkeypatch.setattr(matching, "CLUSTER_CANDIDATES", 2)
    for name in ("Toinen", "Kolmas", "Neljäs"):
        make_cluster(name).tags.set(Tag.objects.filter(slug="hydrogen"))
    call = make_call("Vety", keywords=["hydrogen"])

    assert len(clusters_for(call)) == 2


def test_clusters_for_reads_what_the_call_page_prefetched(
    cluster, make_call, django_assert_num_queries
):
    make_call("Vety", keywords=["hydrogen"], ecosystems=Ecosystem.objects.filter(slug="digital"))
    call = Call.objects.prefetch_related("applicant_types", "regions", "ecosystems").get()

    # the tags; the clusters and their ecosystems and tags
    with django_assert_num_queries(4):
        (found,) = clusters_for(call)

    assert found.cluster == cluster


def test_the_call_pages_fragment_shows_the_clusters_and_their_reasons(cluster, make_call):
    call = make_call("Vety", keywords=["hydrogen"])

    with translation.override("en"):
        html = render_to_string(
            "funding/_call_matches.html", {"cluster_matches": clusters_for(call)}
        )

    assert 'href="/en/clusters/vetyklusteri/"' in html
    assert "+2 The call names a keyword of the profile: hydrogen." in html


def test_the_call_pages_fragment_says_when_no_cluster_matches():
    with translation.override("en"):
        html = render_to_string("funding/_call_matches.html", {"cluster_matches": []})

    assert "No cluster in the directory shares" in html


def test_the_call_page_loads_its_matching_clusters_after_it(client, cluster, make_call):
    call = make_call("Vety", keywords=["hydrogen"])
    address = f"/en/funding/calls/{call.identifier}/clusters/"

    page = client.get(call.get_absolute_url())
    fragment = client.get(address, headers={"HX-Request": "true"})
    whole = client.get(address)

    assert f'hx-get="{address.replace("/en/", "/fi/")}"' in page.text
    assert "vetyklusteri" not in page.text  # the ranking is not in the page itself
    assert "/en/clusters/vetyklusteri/" in fragment.text
    assert "<html" not in fragment.text
    assert "/en/clusters/vetyklusteri/" in whole.text
    assert "<html" in whole.text


def test_the_matching_clusters_are_fresh_when_a_cluster_changes(client, cluster, make_call):
    """Kept for anonymous visitors, but under a version that clusters renew too."""
    call = make_call("Vety", keywords=["hydrogen"])
    address = f"/en/funding/calls/{call.identifier}/clusters/"
    assert "vetyklusteri" in client.get(address).text

    cluster.tags.clear()
    cluster.ecosystems.clear()

    assert "vetyklusteri" not in client.get(address).text


def test_the_matching_clusters_of_an_unpublished_call_are_not_found(client, make_call):
    call = make_call("Luonnos", is_published=False)

    assert client.get(f"/en/funding/calls/{call.identifier}/clusters/").status_code == 404


# The page ---------------------------------------------------------------------------


def test_manager_sees_the_matches_with_scores_and_reasons(manager_client, cluster, make_call):
    make_call("Vetyhaku", keywords=["hydrogen"], programme="digital-europe-edih")

    response = manager_client.get(URL)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Vetyhaku" in page
    assert "The call names a keyword of the profile: hydrogen." in page
    assert "Fills a gap: the cluster has no base or operating funding at present." in page


def test_staff_see_the_matches(staff_client, cluster):
    assert staff_client.get(URL).status_code == 200


def test_page_without_matches_says_so(manager_client, cluster):
    response = manager_client.get(URL)

    assert response.status_code == 200
    assert (
        "No open or forthcoming call fits the cluster at the moment." in response.content.decode()
    )


@pytest.mark.parametrize("persona", ["outsider_client", "other_manager", "company_user"])
def test_others_get_403(request, client, cluster, persona):
    if persona == "outsider_client":
        browser = request.getfixturevalue(persona)
    else:
        browser = client
        browser.force_login(request.getfixturevalue(persona))

    assert browser.get(URL).status_code == 403


def test_anonymous_goes_to_log_in(client, cluster):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"] == f"/en/accounts/login/?next={URL}"


def test_outsider_gets_404_for_an_unpublished_cluster(outsider_client, cluster):
    Cluster.objects.filter(pk=cluster.pk).update(is_published=False)

    assert outsider_client.get(URL).status_code == 404


def test_manager_of_an_unpublished_cluster_sees_its_matches(manager_client, cluster):
    Cluster.objects.filter(pk=cluster.pk).update(is_published=False)

    assert manager_client.get(URL).status_code == 200


def test_post_is_not_allowed(manager_client, cluster):
    assert manager_client.post(URL).status_code == 405


def test_the_url_is_named():
    assert reverse("funding:cluster-matches", kwargs={"slug": "x"}).endswith("/funding/clusters/x/")
