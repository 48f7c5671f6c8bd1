"""The demo clusters loaded by ``seed_demo`` and the synthetic scale data of ``seed_scale``."""

from collections import Counter

import pytest
from django.core.management import call_command

from klusteri.accounts.models import Organisation, User
from klusteri.clusters.models import Cluster, ClusterManager, ClusterMembership, Ecosystem, Tag
from klusteri.demo import accounts as demo_accounts
from klusteri.demo import clusters as demo_clusters
from klusteri.demo import scale
from klusteri.places.models import Region

pytestmark = pytest.mark.django_db

LANGUAGES = ("fi", "sv", "en")


@pytest.fixture
def seeded():
    call_command("seed_demo", stdout=None)
    return demo_clusters.demo_clusters()


def counts() -> dict[str, int]:
    return {
        "clusters": Cluster.objects.count(),
        "organisations": Organisation.objects.count(),
        "memberships": ClusterMembership.objects.count(),
        "managers": ClusterManager.objects.count(),
        "tags": Tag.objects.count(),
        "links": sum(
            Cluster._meta.get_field(name).remote_field.through.objects.count()
            for name in ("ecosystems", "tags", "services", "nace_sections", "nace_divisions")
        ),
    }


def test_seed_demo_loads_finnish_and_nordic_clusters(seeded):
    by_country = Counter(seeded.values_list("country", flat=True))

    assert 55 <= by_country["FI"] <= 65
    assert 35 <= sum(by_country.values()) - by_country["FI"] <= 45
    assert {"SE", "NO", "DK", "IS"} <= by_country.keys()
    assert by_country["AX"] == by_country["FO"] == by_country["GL"] == 1
    assert 1800 <= Organisation.objects.filter(is_demo=True).count() <= 2300


def test_every_region_and_ecosystem_has_a_demo_cluster(seeded):
    regions = set(seeded.values_list("region__code", flat=True))
    ecosystems = set(seeded.values_list("ecosystems__slug", flat=True))

    assert set(Region.objects.values_list("code", flat=True)) <= regions
    assert len(Region.objects.all()) == 19
    assert set(Ecosystem.objects.values_list("slug", flat=True)) == ecosystems
    assert Ecosystem.objects.count() == 14


def test_seed_demo_is_idempotent():
    call_command("seed_demo", stdout=None)
    first = counts()
    descriptions = dict(demo_clusters.demo_clusters().values_list("slug", "description_sv"))
    call_command("seed_demo", stdout=None)

    assert counts() == first
    assert dict(demo_clusters.demo_clusters().values_list("slug", "description_sv")) == descriptions
    assert first["clusters"] == len(demo_clusters.SPECS)


def test_every_demo_record_is_labelled_demo_and_valid(seeded):
    assert not Cluster.objects.filter(is_demo=False).exists()
    assert not Organisation.objects.filter(is_demo=False).exists()
    for cluster in seeded:
        cluster.full_clean()  # funding adds up to 100, the municipality is in the region…
        assert cluster.is_published
        assert (
            cluster.funding_membership
            + cluster.funding_public
            + cluster.funding_project
            + cluster.funding_other
            == 100
        )
        assert 2 <= cluster.tags.count() <= 6
        assert cluster.website == f"https://{cluster.slug}.demo.klusteri.example"
        assert cluster.contact_email.endswith(".example")
        assert cluster.host is not None
        assert cluster.latitude is not None
        assert cluster.longitude is not None
        assert cluster.member_total >= cluster.memberships.count()
    for organisation in Organisation.objects.order_by("?")[:200]:
        organisation.full_clean()


def test_descriptions_are_filled_in_every_language(seeded):
    for cluster in seeded:
        for language in LANGUAGES:
            words = len(getattr(cluster, f"description_{language}").split())
            assert 60 <= words <= 150, (cluster.slug, language, words)
        assert cluster.name_en
    hydrogen = seeded.get(slug=demo_clusters.MANAGER_CLUSTER_SLUG)
    assert "vetytalouden" in hydrogen.description_fi
    assert "vätgasen" in hydrogen.description_sv
    assert seeded.filter(description_sv__contains="skogarna").exists()
    assert seeded.filter(description_fi__contains="metsien").exists()


def test_members_are_in_one_to_three_clusters_and_mostly_public(seeded):
    members = Organisation.objects.filter(cluster_memberships__isnull=False).distinct()
    per_organisation = Counter(
        ClusterMembership.objects.values_list("organisation_id", flat=True)
    )
    public = ClusterMembership.objects.filter(is_public=True).count()

    assert set(per_organisation.values()) <= {1, 2, 3}
    assert members.count() >= 1800
    assert 0.6 <= public / ClusterMembership.objects.count() <= 0.8


def test_the_demo_manager_manages_the_northern_hydrogen_cluster(seeded):
    manager = User.objects.get(email=demo_accounts.MANAGER_EMAIL)
    cluster = Cluster.objects.get(slug=demo_clusters.MANAGER_CLUSTER_SLUG)
    company = User.objects.get(email=demo_accounts.COMPANY_EMAIL).affiliations.get().organisation

    assert list(Cluster.objects.editable_by(manager)) == [cluster]
    assert cluster.name_en == "Northern Hydrogen Cluster"
    assert cluster.host.name == "Pohjoisen vetyklusteri ry (demo)"
    assert cluster.host.affiliations.filter(user=manager).exists()
    assert cluster.memberships.public().filter(organisation=company).exists()


def test_seed_demo_leaves_the_demo_clusters_searchable(seeded):
    from klusteri.search import search

    hydrogen = seeded.get(slug=demo_clusters.MANAGER_CLUSTER_SLUG)
    member = hydrogen.memberships.public().exclude(organisation__name__contains="(demo)")[0]

    assert hydrogen.pk in search("cluster", "vetytalouden")
    assert hydrogen.pk in search("cluster", "vätgasen")
    assert hydrogen.pk in search("cluster", member.organisation.name)


def test_seed_scale_creates_synthetic_data_and_clear_removes_it():
    call_command("seed_demo", stdout=None)
    before = counts()

    call_command("seed_scale", clusters=30, organisations=300, stdout=None)
    created = scale.scale_clusters()

    assert created.count() == 30
    assert scale.scale_organisations().count() == 300
    assert set(ClusterMembership.objects.filter(cluster__in=created).values_list(
        "organisation_id", flat=True
    )) == set(scale.scale_organisations().values_list("pk", flat=True))
    assert not created.filter(is_demo=False).exists()
    assert all(c.description_fi and c.description_sv and c.description_en for c in created)
    assert all(2 <= c.tags.count() <= 6 for c in created)

    call_command("seed_scale", clusters=30, organisations=300, stdout=None)  # replaces
    assert scale.scale_clusters().count() == 30

    call_command("seed_scale", clear=True, stdout=None)
    assert not scale.scale_clusters().exists()
    assert not scale.scale_organisations().exists()
    assert counts() == before


def test_scale_texts_have_common_and_rare_words():
    call_command("seed_scale", clusters=200, organisations=0, no_index=True, stdout=None)
    texts = list(scale.scale_clusters().values_list("description_en", flat=True))
    share = Counter()
    for text in texts:
        share.update(set(text.lower().replace(".", "").split()))

    assert share["and"] / len(texts) > 0.9  # a very common word is nearly everywhere
    rare = [word for word, n in share.items() if n / len(texts) < 0.1]
    assert len(rare) > 100  # and most words are in few texts
