"""The demo clusters loaded by ``seed_demo`` and the synthetic scale data of ``seed_scale``."""

from collections import Counter

import pytest
from django.core.management import call_command

from klusteri.accounts.models import Organisation, User
from klusteri.accounts.validators import REGISTRIES
from klusteri.clusters.models import Cluster, ClusterManager, ClusterMembership, Ecosystem, Tag
from klusteri.demo import accounts as demo_accounts
from klusteri.demo import clusters as demo_clusters
from klusteri.demo import scale
from klusteri.places.models import Region

pytestmark = pytest.mark.django_db

LANGUAGES = ("fi", "sv", "en")
RELATIONS = ("ecosystems", "tags", "services", "nace_sections", "nace_divisions")


@pytest.fixture
def no_search_index(monkeypatch):
    """Skip refreshing the search index where the test is not about search: it is the
    slowest part of seeding, and the search app tests it."""
    monkeypatch.setattr(demo_clusters, "reindex", lambda clusters: None)


@pytest.fixture
def seeded(no_search_index):
    call_command("seed_demo")
    return demo_clusters.demo_clusters()


def counts() -> dict[str, int]:
    return {
        "clusters": Cluster.objects.count(),
        "organisations": Organisation.objects.count(),
        "memberships": ClusterMembership.objects.count(),
        "managers": ClusterManager.objects.count(),
        "tags": Tag.objects.count(),
        "links": sum(
            Cluster._meta.get_field(name).remote_field.through.objects.count() for name in RELATIONS
        ),
    }


def test_demo_clusters_cover_the_nordics_every_region_and_every_ecosystem(seeded):
    by_country = Counter(seeded.values_list("country", flat=True))
    regions = set(seeded.values_list("region__code", flat=True))
    ecosystems = set(seeded.values_list("ecosystems__slug", flat=True))

    assert 55 <= by_country["FI"] <= 65
    assert 35 <= seeded.exclude(country="FI").count() <= 45
    assert min(by_country[c] for c in ("SE", "NO", "DK", "IS")) >= 1
    assert by_country["AX"] == by_country["FO"] == by_country["GL"] == 1
    assert Region.objects.count() == 19
    assert set(Region.objects.values_list("code", flat=True)) <= regions
    assert Ecosystem.objects.count() == 14
    assert set(Ecosystem.objects.values_list("slug", flat=True)) == ecosystems


def test_demo_members_are_in_one_to_three_clusters_and_mostly_public(seeded):
    per_organisation = Counter(ClusterMembership.objects.values_list("organisation", flat=True))
    public = ClusterMembership.objects.public().count()

    assert 1800 <= len(per_organisation) <= 2300
    assert set(per_organisation.values()) <= {1, 2, 3}
    assert 0.6 <= public / ClusterMembership.objects.count() <= 0.8
    for cluster in seeded:
        assert cluster.member_total >= cluster.memberships.count()
        assert 20 <= cluster.member_total <= 450


def test_seed_demo_is_idempotent(no_search_index):
    call_command("seed_demo")
    first = counts()
    texts = dict(demo_clusters.demo_clusters().values_list("slug", "description_sv"))
    call_command("seed_demo")

    assert counts() == first
    assert dict(demo_clusters.demo_clusters().values_list("slug", "description_sv")) == texts
    assert first["clusters"] == len(demo_clusters.SPECS)


def test_every_demo_record_is_labelled_demo_valid_and_described(seeded):
    assert not Cluster.objects.filter(is_demo=False).exists()
    assert not Organisation.objects.filter(is_demo=False).exists()
    for cluster in seeded.prefetch_related("tags"):
        cluster.full_clean()  # the municipality is in the region, a label has its date…
        funding = (
            cluster.funding_membership
            + cluster.funding_public
            + cluster.funding_project
            + cluster.funding_other
        )
        assert funding == 100
        assert 2 <= len(cluster.tags.all()) <= 6
        assert cluster.host_id
        assert cluster.latitude and cluster.longitude
        assert cluster.website == f"https://{cluster.slug}.demo.klusteri.example"
        assert cluster.contact_email.endswith(".example")
        assert cluster.name_en
        for language in LANGUAGES:
            words = len(getattr(cluster, f"description_{language}").split())
            assert 60 <= words <= 150, (cluster.slug, language, words)
    for organisation in Organisation.objects.order_by("pk")[::10]:
        organisation.full_clean()


def test_demo_registry_ids_abroad_are_valid_in_their_country_as_stored(seeded):
    abroad = Organisation.objects.exclude(country="FI")
    assert set(REGISTRIES) - {"EE"} <= {str(o.country) for o in abroad}
    records = [*abroad, *Cluster.objects.exclude(foreign_registry_id="")]
    for record in records:
        stored = record.foreign_registry_id
        record.clean()  # would raise on an ID the country's registry refuses
        assert record.foreign_registry_id == stored, "stored as the registry writes it"
    assert len({(str(r.country), r.foreign_registry_id) for r in abroad}) == abroad.count()


def test_demo_descriptions_use_inflected_words(seeded):
    hydrogen = seeded.get(slug=demo_clusters.MANAGER_CLUSTER_SLUG)

    assert "vetytalouden" in hydrogen.description_fi
    assert "vedyn tuotanto" in hydrogen.description_fi
    assert "vätgasen" in hydrogen.description_sv
    assert seeded.filter(description_fi__contains="metsien").count() >= 3
    assert seeded.filter(description_sv__contains="skogarna").count() >= 3
    assert seeded.filter(description_fi__contains="energian").count() >= 10


def test_the_demo_manager_manages_the_northern_hydrogen_cluster(seeded):
    manager = User.objects.get(email=demo_accounts.MANAGER_EMAIL)
    cluster = Cluster.objects.get(slug=demo_clusters.MANAGER_CLUSTER_SLUG)
    company = User.objects.get(email=demo_accounts.COMPANY_EMAIL).affiliations.get().organisation

    assert list(Cluster.objects.editable_by(manager)) == [cluster]
    assert cluster.name_en == "Northern Hydrogen Cluster"
    assert cluster.host.name == "Pohjoisen vetyklusteri ry (demo)"
    assert cluster.host.affiliations.filter(user=manager).exists()
    assert cluster.memberships.public().filter(organisation=company).exists()


def test_seed_demo_leaves_the_demo_clusters_searchable():
    from klusteri.search import search

    call_command("seed_demo")
    hydrogen = Cluster.objects.get(slug=demo_clusters.MANAGER_CLUSTER_SLUG)
    member = hydrogen.memberships.public().exclude(organisation__name__contains="(demo)")[0]

    assert hydrogen.pk in search("cluster", "vetytalouden")
    assert hydrogen.pk in search("cluster", "vätgasen")
    assert hydrogen.pk in search("cluster", member.organisation.name)


def test_seed_scale_creates_synthetic_data_and_clear_removes_it(no_search_index):
    call_command("seed_demo")
    before = counts()

    call_command("seed_scale", clusters=30, organisations=300)
    created = scale.scale_clusters()
    members = ClusterMembership.objects.filter(cluster__in=created)

    assert created.count() == 30
    assert scale.scale_organisations().count() == 300
    assert set(members.values_list("organisation", flat=True)) == set(
        scale.scale_organisations().values_list("pk", flat=True)
    )
    assert not Cluster.objects.filter(is_demo=False).exists()
    for cluster in created.prefetch_related("tags"):
        assert cluster.description_fi and cluster.description_sv and cluster.description_en
        assert 2 <= len(cluster.tags.all()) <= 6
        assert cluster.member_total >= cluster.memberships.count()

    for organisation in scale.scale_organisations().exclude(country="FI"):
        stored = organisation.foreign_registry_id
        organisation.clean()
        assert organisation.foreign_registry_id == stored

    call_command("seed_scale", clusters=30, organisations=300)  # replaces, does not add
    assert scale.scale_clusters().count() == 30

    call_command("seed_scale", clear=True)
    assert not scale.scale_clusters().exists()
    assert not scale.scale_organisations().exists()
    assert counts() == before


def test_scale_texts_have_a_few_common_words_and_many_rare_ones():
    call_command("seed_scale", clusters=200, organisations=0, no_index=True)
    texts = list(scale.scale_clusters().values_list("description_en", flat=True))
    documents = Counter()
    for text in texts:
        documents.update(set(text.lower().replace(".", "").split()))

    assert documents["and"] / len(texts) > 0.9
    assert len([w for w, n in documents.items() if n / len(texts) < 0.1]) > 100
