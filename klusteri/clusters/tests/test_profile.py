"""The public profile page of a cluster, /<lang>/clusters/<slug>/, and its related clusters."""

import datetime
import json
import re
from decimal import Decimal

import pytest

from klusteri.clusters import panels
from klusteri.clusters.models import (
    Cluster,
    ClusterMembership,
    Country,
    Ecosystem,
    NaceDivision,
    NaceSection,
    ServiceArea,
    Tag,
)
from klusteri.clusters.selectors import cached_related_clusters, related_clusters
from klusteri.places.models import Municipality, Region

pytestmark = pytest.mark.django_db

URL = "/en/clusters/vetyklusteri/"


@pytest.fixture
def cluster(cluster):
    """The shared cluster with an English name, the title of the profile in English,
    and no region: the query counts below are for related clusters found by what
    they share, not filled in from the region."""
    cluster.name_en = "Hydrogen Cluster Finland"
    cluster.region = None
    cluster.save(update_fields=["name_en", "region"])
    return cluster


@pytest.fixture
def tag():
    return Tag.objects.create(slug="hydrogen", name_fi="Vety", name_en="Hydrogen")


def json_ld(response) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', response.text, re.S)
    assert match, "no JSON-LD on the page"
    return json.loads(match.group(1))


def test_anyone_sees_a_published_profile(client, cluster):
    response = client.get(URL)

    assert response.status_code == 200
    assert '<h1 id="cluster-name">Hydrogen Cluster Finland</h1>' in response.text
    assert "Cluster organisation" in response.text
    assert "A cluster organisation has its own staff who run the cluster" in response.text


def test_name_falls_back_to_finnish_when_not_translated(client, cluster):
    cluster.name_en = ""
    cluster.save(update_fields=["name_en"])

    response = client.get(URL)

    assert '<h1 id="cluster-name">Vetyklusteri</h1>' in response.text


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_profile_answers_in_every_language(client, cluster, language):
    response = client.get(f"/{language}/clusters/vetyklusteri/")

    assert response.status_code == 200
    assert f'<html lang="{language}">' in response.text


def test_untranslated_name_falls_back_to_english_after_finnish(client, cluster):
    cluster.name_fi = None
    cluster.save(update_fields=["name_fi"])

    response = client.get("/fi/clusters/vetyklusteri/")

    assert '<h1 id="cluster-name">Hydrogen Cluster Finland</h1>' in response.text


def test_the_whole_profile_is_laid_out(client, cluster, tag):
    oulu = Municipality.objects.get(name_fi="Oulu")
    Cluster.objects.filter(pk=cluster.pk).update(
        kind=Cluster.Kind.ECOSYSTEM,
        municipality=oulu,
        region=oulu.region,
        operating_area=Cluster.OperatingArea.NATIONAL,
        founded_year=2015,
        legal_form=Cluster.LegalForm.COOPERATIVE,
        business_id="0112038-9",
        website="https://vety.example.org/",
        languages=["fi", "sv", "xx"],
        management_fte=Decimal("2.5"),
        members_sme=30,
        members_large=5,
        members_university=2,
        funding_membership=40,
        funding_public=35,
        funding_project=25,
        eccp_url="https://reporting.clustercollaboration.eu/vety",
        label=Cluster.Label.GOLD,
        label_valid_until=datetime.date(2027, 6, 30),
        national_status=Cluster.NationalStatus.RECOGNISED,
        international_networks="European Clusters Alliance, Hydrogen Europe",
        contact_name="Helmi Vetynen",
        contact_email="helmi@vety.example.org",
    )
    cluster.ecosystems.add(Ecosystem.objects.get(slug="renewable-energy"))
    cluster.nace_sections.add(NaceSection.objects.get(code="D"))
    cluster.nace_divisions.add(NaceDivision.objects.get(code="35"))
    cluster.tags.add(tag)
    cluster.services.add(ServiceArea.objects.get(slug="advocacy"))

    text = client.get(URL).text

    assert "Innovation ecosystem" in text
    assert "An innovation ecosystem is a looser community" in text
    assert f"Oulu, {oulu.region.name_en}, Finland" in text
    assert "National" in text
    assert "2015" in text
    assert "Cooperative (osuuskunta)" in text
    assert "0112038-9" in text
    assert 'href="https://vety.example.org/"' in text
    assert "Finnish, Swedish, xx" in text
    assert "2.5 full-time equivalents" in text
    assert '<th scope="row">SMEs</th><td>30</td>' in text
    assert '<th scope="row">Universities</th><td>2</td>' in text
    assert '<th scope="row">Total</th><td>37</td>' in text
    assert "<caption>Members of Hydrogen Cluster Finland by type of organisation</caption>" in text
    assert "Energy-renewables" in text
    assert "35 Electricity, gas, steam and air conditioning supply" in text
    assert "Hydrogen" in text
    assert "Advocacy" in text
    assert '<th scope="row">Membership fees (%)</th><td>40 % <span aria-hidden="true">' in text
    assert '<span aria-hidden="true">' + "█" * 8 + "</span>" in text
    assert 'href="https://reporting.clustercollaboration.eu/vety"' in text
    assert "Gold, valid until June 30, 2027" in text
    assert "Recognised national cluster" in text
    assert "<li>Hydrogen Europe</li>" in text
    assert "Helmi Vetynen" in text
    assert 'href="mailto:helmi@vety.example.org"' in text
    assert "Last updated" in text


def test_an_expired_label_says_so(client, cluster):
    cluster.label = Cluster.Label.SILVER
    cluster.label_valid_until = datetime.date(2020, 1, 31)
    cluster.save(update_fields=["label", "label_valid_until"])

    text = client.get(URL).text

    assert "Silver, valid until Jan. 31, 2020 (expired)" in text


def test_a_label_whose_end_date_is_not_known_says_so(client, cluster):
    cluster.label = Cluster.Label.GOLD
    cluster.save(update_fields=["label"])

    assert "Gold, end date unknown" in client.get(URL).text


def test_the_host_as_named_is_shown_and_a_legal_form_not_known_is_left_out(client, cluster):
    cluster.host_name = "Vetytalouden edistämisyhdistys"
    cluster.legal_form = Cluster.LegalForm.UNKNOWN
    cluster.save(update_fields=["host_name", "legal_form"])

    text = client.get(URL).text

    assert "<dt>Host organisation</dt><dd>Vetytalouden edistämisyhdistys</dd>" in text
    assert "Legal form" not in text


def test_description_is_rendered_markdown_without_script(client, cluster):
    cluster.description_en = (
        "We make **hydrogen**.\n\n<script>alert(1)</script> [x](javascript:alert(1))"
    )
    cluster.save(update_fields=["description_en"])

    text = client.get(URL).text

    assert "<strong>hydrogen</strong>" in text
    assert "<script>alert(1)" not in text
    assert 'href="javascript:' not in text


def test_demo_cluster_says_its_data_are_fictional(client, cluster):
    cluster.is_demo = True
    cluster.save(update_fields=["is_demo"])

    text = client.get(URL).text

    assert '<strong class="demo-label">Demo — fictional data</strong>' in text


def test_real_cluster_has_no_demo_notice(client, cluster):
    assert "fictional data" not in client.get(URL).text


def test_logo_has_alt_text(client, cluster, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    cluster.logo.save("vety.png", __import__("io").BytesIO(b"not shown, only linked"), save=True)

    text = client.get(URL).text

    assert 'alt="Logo of Hydrogen Cluster Finland"' in text
    assert '<meta property="og:image" content="http://testserver/media/clusters/logos/' in text


def test_only_consenting_members_are_listed_members_and_partners_apart(
    client, cluster, make_organisation
):
    listed = make_organisation("Listattu Oy")
    hidden = make_organisation("Salainen Oy")
    university = make_organisation("Oulun yliopisto")
    ClusterMembership.objects.create(cluster=cluster, organisation=listed, is_public=True)
    ClusterMembership.objects.create(cluster=cluster, organisation=hidden, is_public=False)
    ClusterMembership.objects.create(
        cluster=cluster,
        organisation=university,
        role=ClusterMembership.Role.RESEARCH_PARTNER,
        is_public=True,
    )

    text = client.get(URL).text

    members, partners = text.split("<h3>Research, education and other partners</h3>")
    assert f'<a href="/en/clusters/organisations/{listed.pk}/">Listattu Oy</a>' in members
    assert "Oulun yliopisto" not in members
    assert 'Oulun yliopisto</a> <span class="muted">(research partner)</span>' in partners
    assert "Salainen Oy" not in text


def test_related_clusters_are_shown_with_the_reason(client, cluster, tag, make_cluster):
    cluster.tags.add(tag)
    peer = make_cluster("Vätgaskluster", slug="vatgas", country=Country.SWEDEN)
    twin = make_cluster("Kaksonen", slug="kaksonen")
    twin.tags.add(tag)
    energy = Ecosystem.objects.get(slug="renewable-energy")
    cluster.ecosystems.add(energy)
    peer.ecosystems.add(energy)

    text = client.get(URL).text

    assert '<a href="/en/clusters/kaksonen/">Kaksonen</a>' in text
    assert "Shares 1 technology or value chain." in text
    assert '<a href="/en/clusters/vatgas/">Vätgaskluster</a>' in text
    assert "A peer in another Nordic country." in text


def test_unpublished_cluster_is_404_to_the_public(client, outsider_client, cluster):
    cluster.is_published = False
    cluster.save(update_fields=["is_published"])

    assert client.get(URL).status_code == 404
    assert outsider_client.get(URL).status_code == 404


def test_manager_sees_the_unpublished_profile_and_is_told_so(manager_client, cluster):
    cluster.is_published = False
    cluster.save(update_fields=["is_published"])

    response = manager_client.get(URL)

    assert response.status_code == 200
    assert "This profile is not published" in response.text


def test_manager_and_staff_get_edit_links(manager_client, staff_client, cluster):
    for client in (manager_client, staff_client):
        text = client.get(URL).text

        assert 'href="/en/clusters/vetyklusteri/edit/"' in text
        assert 'href="/en/clusters/vetyklusteri/members/"' in text


def test_others_get_no_edit_links(client, outsider_client, other_manager, cluster):
    other_client = type(client)()
    other_client.force_login(other_manager)
    for each in (client, outsider_client, other_client):
        assert "/edit/" not in each.get(URL).text


def test_json_ld_describes_the_organisation(client, cluster):
    oulu = Municipality.objects.get(name_fi="Oulu")
    cluster.municipality = oulu
    cluster.region = oulu.region
    cluster.founded_year = 2015
    cluster.description_en = "We make **hydrogen** & fuel cells."
    cluster.save(update_fields=["municipality", "region", "founded_year", "description_en"])

    data = json_ld(client.get(URL))

    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Organization"
    assert data["name"] == "Hydrogen Cluster Finland"
    assert data["url"] == "http://testserver/en/clusters/vetyklusteri/"
    assert data["foundingDate"] == "2015"
    assert data["description"] == "We make hydrogen & fuel cells."
    assert data["address"] == {
        "@type": "PostalAddress",
        "addressCountry": "FI",
        "addressLocality": "Oulu",
        "addressRegion": oulu.region.name_en,
    }


def test_json_ld_cannot_be_broken_out_of(client, cluster):
    cluster.name_en = "</script><script>alert(1)</script>"
    cluster.save(update_fields=["name_en"])

    response = client.get(URL)

    assert "<script>alert(1)" not in response.text
    assert json_ld(response)["name"] == "</script><script>alert(1)</script>"


def test_open_graph_tags_describe_the_page(client, cluster):
    cluster.description_en = "We make *hydrogen*."
    cluster.save(update_fields=["description_en"])

    text = client.get(URL).text

    assert '<meta property="og:title" content="Hydrogen Cluster Finland">' in text
    assert '<meta property="og:description" content="We make hydrogen.">' in text
    assert '<meta property="og:type" content="website">' in text
    assert '<meta property="og:url" content="http://testserver/en/clusters/vetyklusteri/">' in text
    assert '<meta name="description" content="We make hydrogen.">' in text


def fill(cluster, make_organisation, make_cluster, count: int) -> None:
    for number in range(count):
        organisation = make_organisation(f"Jäsen {number} Oy")
        ClusterMembership.objects.create(
            cluster=cluster,
            organisation=organisation,
            is_public=True,
            role=ClusterMembership.Role.MEMBER if number % 2 else ClusterMembership.Role.PARTNER,
        )
        tag = Tag.objects.create(slug=f"tag-{cluster.pk}-{number}", name_fi=f"Aihe {number}")
        cluster.tags.add(tag)
        related = make_cluster(f"Sukua-{cluster.pk}-{number}")
        related.tags.add(tag)
    cluster.ecosystems.add(*Ecosystem.objects.all()[:count])
    cluster.nace_sections.add(*NaceSection.objects.all()[:count])
    cluster.nace_divisions.add(*NaceDivision.objects.all()[:count])
    cluster.services.add(*ServiceArea.objects.all()[:count])


@pytest.fixture
def without_panels(monkeypatch):
    """The profile alone, without the panels other apps add for its managers
    (clusters/panels.py): each app's tests count what its own panel costs."""
    monkeypatch.setattr(panels, "_panels", {})


# The cluster by address; to render its profile: the cluster again, 6 prefetches
# (ecosystems, NACE sections and divisions, tags, services, listed members) and
# 3 for the related clusters.
PROFILE_QUERIES = 11


@pytest.mark.parametrize("count", [3, 30])
def test_query_count_does_not_grow_with_members_and_tags(
    client, cluster, make_organisation, make_cluster, django_assert_num_queries, count
):
    fill(cluster, make_organisation, make_cluster, count)

    with django_assert_num_queries(PROFILE_QUERIES):
        response = client.get(URL)

    assert response.text.count('href="/en/clusters/organisations/') == count


@pytest.mark.parametrize("count", [3, 30])
@pytest.mark.usefixtures("without_panels")
def test_a_rendered_profile_costs_one_query_for_anyone(
    manager_client, cluster, make_organisation, make_cluster, django_assert_num_queries, count
):
    fill(cluster, make_organisation, make_cluster, count)
    manager_client.get(URL)

    # Session, user, the cluster and the edit check: the profile itself is cached.
    with django_assert_num_queries(4):
        response = manager_client.get(URL)

    assert response.text.count('href="/en/clusters/organisations/') == count
    assert 'aria-current="page">Profile' in response.text  # the managers' links


@pytest.mark.usefixtures("without_panels")
def test_manager_pays_one_query_for_the_edit_check_and_two_for_the_session(
    manager_client, cluster, make_organisation, make_cluster, django_assert_num_queries
):
    fill(cluster, make_organisation, make_cluster, 3)

    with django_assert_num_queries(PROFILE_QUERIES + 3):
        manager_client.get(URL)


def test_wrong_method_is_405(client, cluster):
    assert client.post(URL).status_code == 405


def test_unknown_cluster_is_404(client):
    assert client.get("/en/clusters/ei-ole/").status_code == 404


# related_clusters


def test_related_ranks_shared_tags_over_ecosystems_over_region(cluster, tag, make_cluster):
    region = Region.objects.get(code="MK17")
    energy = Ecosystem.objects.get(slug="renewable-energy")
    cluster.region = region
    cluster.save(update_fields=["region"])
    cluster.tags.add(tag)
    cluster.ecosystems.add(energy)
    neighbour = make_cluster("Naapuri", region=region)
    ecosystem_mate = make_cluster("Ekosysteemi")
    ecosystem_mate.ecosystems.add(energy)
    tag_mate = make_cluster("Aihe")
    tag_mate.tags.add(tag)
    make_cluster("Vieras")

    related = related_clusters(cluster)

    assert related == [tag_mate, ecosystem_mate, neighbour]
    assert related[2].is_same_region
    assert (related[0].shared_tags, related[0].shared_ecosystems) == (1, 0)


def test_related_keeps_places_for_nordic_peers(cluster, tag, make_cluster):
    energy = Ecosystem.objects.get(slug="renewable-energy")
    cluster.ecosystems.add(energy)
    cluster.tags.add(tag)
    finns = [make_cluster(f"Suomi-{n}") for n in range(6)]
    for finn in finns:
        finn.tags.add(tag)
    swede = make_cluster("Sverige", country=Country.SWEDEN)
    swede.ecosystems.add(energy)
    norwegian_without_ecosystem = make_cluster("Norge", country=Country.NORWAY)
    norwegian_without_ecosystem.tags.add(tag)

    related = related_clusters(cluster, limit=6)

    assert len(related) == 6
    assert related[-1] == swede
    assert related[-1].is_nordic_peer
    assert norwegian_without_ecosystem not in related[-1:]


def test_related_leaves_out_unpublished_clusters_and_itself(cluster, tag, make_cluster):
    cluster.tags.add(tag)
    hidden = make_cluster("Piilo", is_published=False)
    hidden.tags.add(tag)

    assert related_clusters(cluster) == []


@pytest.mark.parametrize("count", [8, 40])
def test_related_takes_three_queries_however_many_clusters(
    cluster, tag, django_assert_num_queries, count, make_cluster
):
    cluster.tags.add(tag)
    for number in range(count):
        make_cluster(f"K-{number}").tags.add(tag)

    # Nordic peers, the others, and the chosen clusters' rows.
    with django_assert_num_queries(3):
        assert len(related_clusters(cluster, limit=6)) == 6


# Caches ---------------------------------------------------------------------------


def test_anonymous_profile_is_answered_from_the_cache(client, cluster, django_assert_num_queries):
    client.get(URL)

    with django_assert_num_queries(0):
        response = client.get(URL)

    assert "Hydrogen Cluster Finland" in response.text


def test_an_edit_shows_at_once_to_anonymous_visitors(client, cluster):
    client.get(URL)

    cluster.name_en = "Hydrogen Valley"
    cluster.save(update_fields=["name_en"])

    assert "Hydrogen Valley" in client.get(URL).text


def test_a_new_member_shows_at_once(client, cluster, make_organisation, make_cluster):
    client.get(URL)

    fill(cluster, make_organisation, make_cluster, 1)

    assert 'href="/en/clusters/organisations/' in client.get(URL).text


def test_manager_sees_edit_links_that_anonymous_pages_never_keep(client, manager_client, cluster):
    client.get(URL)

    assert 'href="/en/clusters/vetyklusteri/edit/"' in manager_client.get(URL).text
    assert 'href="/en/clusters/vetyklusteri/edit/"' not in client.get(URL).text


def test_cached_related_clusters_cost_one_query(
    cluster, tag, django_assert_num_queries, make_cluster
):
    cluster.tags.add(tag)
    for number in range(3):
        make_cluster(f"K-{number}").tags.add(tag)
    first = cached_related_clusters(cluster)

    with django_assert_num_queries(1):
        again = cached_related_clusters(cluster)

    assert again == first
    assert [c.shared_tags for c in again] == [1, 1, 1]


def test_a_related_cluster_unpublished_since_leaves_the_cached_list(cluster, tag, make_cluster):
    cluster.tags.add(tag)
    other = make_cluster("Toinen")
    other.tags.add(tag)
    assert cached_related_clusters(cluster) == [other]

    other.is_published = False
    other.save(update_fields=["is_published"])

    assert cached_related_clusters(cluster) == []
