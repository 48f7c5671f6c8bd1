"""The demo funding calls, funding sources and follows loaded by ``seed_demo``."""

from collections import Counter
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from klusteri.audit.models import AuditEntry
from klusteri.clusters.models import ClusterManager
from klusteri.demo import accounts as demo_accounts
from klusteri.demo import clusters as demo_clusters
from klusteri.demo import funding as demo_funding
from klusteri.demo import scale
from klusteri.funding.models import (
    ApplicantType,
    Call,
    Deadline,
    FollowedCall,
    FundingSource,
    Level,
    SavedSearch,
)
from klusteri.funding.services import DeadlineData, check_deadlines

pytestmark = pytest.mark.django_db

LANGUAGES = ("fi", "sv", "en")
RELATIONS = ("applicant_types", "regions", "ecosystems")
ENDING_KINDS = (FundingSource.Kind.BASE, FundingSource.Kind.PROJECT)


@pytest.fixture
def seeded(monkeypatch):
    # The cluster search index is the slowest part of seeding; the search app tests it.
    monkeypatch.setattr(demo_clusters, "reindex", lambda clusters: None)
    call_command("seed_demo")
    return demo_funding.demo_calls()


def counts() -> dict[str, int]:
    return {
        "calls": Call.objects.count(),
        "deadlines": Deadline.objects.count(),
        "sources": FundingSource.objects.count(),
        "searches": SavedSearch.objects.count(),
        "follows": FollowedCall.objects.count(),
        "links": sum(
            Call._meta.get_field(name).remote_field.through.objects.count() for name in RELATIONS
        ),
        "audit": AuditEntry.objects.filter(action__startswith="funding.").count(),
    }


def test_seeding_again_changes_nothing(seeded):
    first = counts()
    deadlines = sorted(Deadline.objects.values_list("call__identifier", "at", "time_zone"))

    call_command("seed_demo")

    assert counts() == first
    assert sorted(Deadline.objects.values_list("call__identifier", "at", "time_zone")) == (
        deadlines
    )
    assert 25 <= first["calls"] <= 40
    assert first["audit"] == first["calls"]  # created once, never "updated" by a re-run


def test_a_later_day_moves_the_dates_and_keeps_the_calls(seeded):
    before = dict(seeded.values_list("identifier", "closes_at"))
    staff = demo_accounts.demo_user(demo_accounts.STAFF_EMAIL, "", "fi", is_staff=True)

    demo_funding.seed_calls(staff, timezone.localdate() + timedelta(days=7))

    after = dict(demo_funding.demo_calls().values_list("identifier", "closes_at"))
    assert after.keys() == before.keys()
    assert Call.objects.count() == len(before)
    moved = {i for i in before if before[i] is not None}
    # A week later, at the same hour of the funder's day (an hour off across a change
    # of summer time).
    assert all(abs(after[i] - before[i] - timedelta(days=7)) <= timedelta(hours=1) for i in moved)


def test_every_demo_call_is_labelled_and_written_in_three_languages(seeded):
    assert seeded.count() == len(demo_funding.CALLS) == Call.objects.count()
    for call in seeded:
        assert call.is_demo and call.is_published
        assert call.identifier.startswith(demo_funding.IDENTIFIER_PREFIX)
        assert call.source == Call.Source.MANUAL
        titles = [getattr(call, f"title_{language}") for language in LANGUAGES]
        summaries = [getattr(call, f"summary_{language}") for language in LANGUAGES]
        assert all(titles) and all(summaries), call.identifier
        assert len(set(summaries)) == 3, f"{call.identifier}: a summary left untranslated"


def test_the_calls_spread_over_statuses_deadline_models_levels_and_zones(seeded):
    now = timezone.now()
    statuses = Counter(call.status_at(now) for call in seeded)
    assert statuses[Call.Status.FORTHCOMING] >= 3
    assert statuses[Call.Status.CLOSED] >= 3
    assert statuses[Call.Status.OPEN] >= 15

    models = Counter(seeded.values_list("deadline_model", flat=True))
    assert set(models) == set(Call.DeadlineModel.values)
    for call in seeded.filter(deadline_model=Call.DeadlineModel.TWO_STAGE):
        assert call.deadlines.count() == 2
    # A two-stage call whose first stage is over is still open for the second.
    assert any(
        call.status_at(now) == Call.Status.OPEN and call.deadlines.filter(at__lt=now).exists()
        for call in seeded.filter(deadline_model=Call.DeadlineModel.TWO_STAGE)
    )

    assert set(seeded.values_list("programme__level", flat=True)) == set(Level.values)
    zones = set(Deadline.objects.values_list("time_zone", flat=True))
    assert {"Europe/Brussels", "Europe/Helsinki"} <= zones

    # Open calls' next deadlines fall from a few days to four months ahead.
    ahead = [
        (call.next_deadline_at(now).at - now).days
        for call in seeded.open(now).prefetch_related("deadlines")
        if call.next_deadline_at(now)
    ]
    assert min(ahead) <= 10 and max(ahead) >= 90 and max(ahead) <= 160

    assert seeded.filter(cluster_role=Call.ClusterRole.NOT_ELIGIBLE).count() >= 3
    assert seeded.exclude(regions=None).exists() and seeded.filter(regions=None).exists()
    assert seeded.exclude(countries="").exists() and seeded.filter(countries="").exists()


def test_the_manager_cluster_has_open_calls_sharing_its_tags(seeded):
    cluster = demo_clusters.demo_clusters().get(slug=demo_clusters.MANAGER_CLUSTER_SLUG)
    tags = {name.lower() for name in cluster.tags.values_list("name_en", flat=True)}
    ecosystems = set(cluster.ecosystems.values_list("pk", flat=True))

    fitting = [
        call
        for call in Call.objects.open_to(cluster).open().prefetch_related("ecosystems")
        if tags & {keyword.lower() for keyword in call.keywords}
        and ecosystems & {e.pk for e in call.ecosystems.all()}
    ]

    assert len(fitting) >= 5
    assert any(call.regions.filter(pk=cluster.region_id).exists() for call in fitting)


def ending_without_successor(cluster, today, months: int = 9) -> list[FundingSource]:
    """Base or project funding ending within ``months`` that no other base or project
    funding carries on past (the continuity warning's case)."""
    sources = list(FundingSource.objects.of(cluster).filter(kind__in=ENDING_KINDS))
    horizon = today + timedelta(days=round(months * 30.44))
    return [
        source
        for source in sources
        if source.ends_on
        and today <= source.ends_on <= horizon
        and not any(
            other.pk != source.pk
            and other.starts_on <= source.ends_on + timedelta(days=1)
            and (other.ends_on is None or other.ends_on > source.ends_on)
            for other in sources
        )
    ]


def test_the_demo_managers_cluster_runs_out_of_project_funding_and_the_others_do_not(seeded):
    today = timezone.localdate()
    manager = demo_accounts.demo_user(demo_accounts.MANAGER_EMAIL, "", "sv")
    warned = [
        slug
        for slug in demo_funding.SOURCES
        if ending_without_successor(demo_clusters.demo_clusters().get(slug=slug), today)
    ]

    assert warned == [demo_clusters.MANAGER_CLUSTER_SLUG]
    cluster = demo_clusters.demo_clusters().get(slug=demo_clusters.MANAGER_CLUSTER_SLUG)
    assert ClusterManager.objects.filter(cluster=cluster, user=manager).exists()
    (ending,) = ending_without_successor(cluster, today)
    assert ending.kind == FundingSource.Kind.PROJECT
    assert 90 <= (ending.ends_on - today).days <= 150
    # The warning has continuing options to offer: open long-term or operating calls.
    assert (
        Call.objects.open_to(cluster)
        .open()
        .filter(programme__kind__in=["long_term", "operating", "continuation"])
        .exists()
    )


def test_the_demo_people_have_a_saved_search_and_follow_open_calls(seeded):
    manager = demo_accounts.demo_user(demo_accounts.MANAGER_EMAIL, "", "sv")
    company = demo_accounts.demo_user(demo_accounts.COMPANY_EMAIL, "", "en")

    assert manager.saved_funding_searches.count() >= 1
    assert company.saved_funding_searches.count() >= 1
    followed = Call.objects.filter(followers__user=manager)
    assert followed.exists()
    assert all(call.status_at() == Call.Status.OPEN for call in followed)
    assert FollowedCall.objects.filter(user=company).exists()
    # What the seed itself changed is not reported in the next digest.
    latest = Call.objects.latest("changed_at").changed_at
    assert all(s.reported_until >= latest for s in SavedSearch.objects.all())


def test_seed_scale_makes_calls_that_keep_the_rules_of_save_call(seeded):
    demo_before = counts()

    call_command("seed_scale", clusters=40, organisations=100, calls=300, no_index=True)
    calls = scale.scale_calls().prefetch_related("deadlines")

    assert calls.count() == 300
    now = timezone.now()
    statuses = Counter(call.status_at(now) for call in calls)
    assert set(statuses) == set(Call.Status.values)
    assert set(calls.values_list("deadline_model", flat=True)) == set(Call.DeadlineModel.values)
    assert set(calls.values_list("programme__level", flat=True)) == set(Level.values)
    for call in calls:
        deadlines = [DeadlineData(d.at, d.time_zone) for d in call.deadlines.all()]
        check_deadlines(call.deadline_model, deadlines)  # raises if the model is broken
        assert call.closes_at == max((d.at for d in deadlines), default=None)
        assert call.is_demo and call.title_fi and call.title_sv and call.title_en
    assert calls.exclude(regions=None).exists()
    assert calls.exclude(ecosystems=None).exists()
    assert calls.filter(applicant_types__slug=ApplicantType.CLUSTER_ORGANISATION).exists()
    sources = FundingSource.objects.filter(cluster__in=scale.scale_clusters())
    assert 0 < sources.values("cluster").distinct().count() < 40

    call_command("seed_scale", funding_only=True, calls=120, no_index=True)  # replaces
    assert scale.scale_calls().count() == 120
    assert scale.scale_clusters().count() == 40

    call_command("seed_scale", clear=True)
    assert not scale.scale_calls().exists() and not sources.exists()
    assert counts() == demo_before
