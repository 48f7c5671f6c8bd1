"""Funding continuity: a cluster's funding sources, their timeline, the warning
before base or project funding runs out, and the panel on the cluster's profile.

The sources are private: only the cluster's managers and platform staff see them,
on the sources pages and in the panel of the profile.
"""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings
from django.utils import timezone

from klusteri.audit.models import AuditEntry
from klusteri.clusters import panels
from klusteri.clusters.models import Country
from klusteri.core.tests.test_settings import settings_from
from klusteri.funding import continuity, services
from klusteri.funding.models import Call, FundingKind, FundingSource, Programme
from klusteri.funding.views.continuity import continuity_panel
from klusteri.places.models import Region

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 3, 15)
SOURCES = "/en/funding/clusters/vetyklusteri/sources/"
ADD = SOURCES + "add/"
PROFILE = "/en/clusters/vetyklusteri/"
Kind = FundingSource.Kind


def days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


@pytest.fixture
def make_source(db):
    def make(cluster, name="AKKE-hanke", *, kind=Kind.PROJECT, starts_on, ends_on=None, **fields):
        return FundingSource.objects.create(
            cluster=cluster,
            name=name,
            kind=kind,
            amount=fields.pop("amount", Decimal("120000")),
            starts_on=starts_on,
            ends_on=ends_on,
            **fields,
        )

    return make


@pytest.fixture
def continuation():
    """A programme of a continuing kind: its calls are options in the warning."""
    return Programme.objects.create(
        slug="jatkorahoitus",
        name="Jatkorahoitus",
        name_en="Continuation Fund",
        funder="Uudenmaan liitto",
        level="regional",
        kind=FundingKind.CONTINUATION,
    )


@pytest.fixture
def project_programme():
    return Programme.objects.create(
        slug="hankerahoitus",
        name="Hankerahoitus",
        funder="Business Finland",
        level="national",
        kind=FundingKind.PROJECT,
    )


def deadline_in(n: int) -> datetime.datetime:
    return (timezone.now() + datetime.timedelta(days=n)).replace(microsecond=0)


def entered(**changes) -> dict:
    data = {
        "name": "Maakunnan kehittämisraha",
        "kind": "project",
        "amount": "85000",
        "starts_on": "2026-01-01",
        "ends_on": "2027-06-30",
    }
    return {**data, **changes}


# Who may see and change the sources -----------------------------------------------


def test_manager_sees_the_sources(manager_client, cluster, make_source):
    make_source(cluster, "AKKE-hanke", starts_on=days(-100), ends_on=days(300))

    response = manager_client.get(SOURCES)

    assert response.status_code == 200
    assert '<th scope="row">AKKE-hanke' in response.text
    assert "120,000" in response.text


def test_staff_see_the_sources(staff_client, cluster, make_source):
    make_source(cluster, "AKKE-hanke", starts_on=days(-100))

    assert "AKKE-hanke" in staff_client.get(SOURCES).text


@pytest.mark.parametrize("address", [SOURCES, ADD])
def test_manager_of_another_cluster_gets_403(client, other_manager, cluster, address):
    client.force_login(other_manager)

    assert client.get(address).status_code == 403


def test_manager_of_another_cluster_cannot_add_a_source(client, other_manager, cluster):
    client.force_login(other_manager)

    response = client.post(ADD, entered())

    assert response.status_code == 403
    assert not FundingSource.objects.exists()


@pytest.mark.parametrize("address", [SOURCES, ADD])
def test_anonymous_is_sent_to_log_in(client, cluster, address):
    response = client.get(address)

    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/?next=")


def test_an_unpublished_cluster_is_404_to_others(outsider_client, manager_client, cluster):
    cluster.is_published = False
    cluster.save(update_fields=["is_published"])

    assert outsider_client.get(SOURCES).status_code == 404
    assert manager_client.get(SOURCES).status_code == 200


@pytest.mark.parametrize("action", ["edit", "delete"])
def test_a_source_of_another_cluster_is_404(
    manager_client, cluster, other_cluster, make_source, action
):
    theirs = make_source(other_cluster, "Metsähanke", starts_on=days(-10))

    response = manager_client.post(f"{SOURCES}{theirs.pk}/{action}/", entered(name="Kaapattu"))

    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.name == "Metsähanke"


def test_wrong_method_is_405(manager_client, cluster, make_source):
    source = make_source(cluster, starts_on=days(-10))

    assert manager_client.post(SOURCES).status_code == 405
    assert manager_client.put(ADD).status_code == 405
    assert manager_client.delete(f"{SOURCES}{source.pk}/delete/").status_code == 405


# Adding, editing, deleting --------------------------------------------------------


def test_manager_adds_a_source(manager_client, cluster, manager, continuation):
    response = manager_client.post(ADD, entered(programme=str(continuation.pk)))

    assert response.status_code == 302
    assert response["Location"] == SOURCES
    source = FundingSource.objects.get()
    assert source.cluster == cluster
    assert source.name == "Maakunnan kehittämisraha"
    assert source.programme == continuation
    assert (source.amount, source.starts_on, source.ends_on) == (
        Decimal("85000"),
        datetime.date(2026, 1, 1),
        datetime.date(2027, 6, 30),
    )
    entry = AuditEntry.objects.get(action="funding.source.created")
    assert entry.actor == manager
    assert entry.organisation == cluster.host
    assert entry.data["ends_on"] == "2027-06-30"
    assert "Maakunnan kehittämisraha was added" in manager_client.get(SOURCES).text


def test_staff_add_a_source(staff_client, cluster):
    staff_client.post(ADD, entered(ends_on=""))

    source = FundingSource.objects.get()
    assert source.ends_on is None  # ongoing


def test_manager_edits_a_source_and_only_the_change_is_logged(manager_client, cluster, make_source):
    source = make_source(
        cluster,
        "Maakunnan kehittämisraha",
        amount=Decimal("85000"),
        starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2027, 6, 30),
    )

    response = manager_client.post(f"{SOURCES}{source.pk}/edit/", entered(ends_on="2027-12-31"))

    assert response.status_code == 302
    source.refresh_from_db()
    assert source.ends_on == datetime.date(2027, 12, 31)
    entry = AuditEntry.objects.get(action="funding.source.updated")
    assert entry.data == {"ends_on": "2027-12-31"}


def test_a_source_keeps_its_programme_after_the_programme_ended(
    manager_client, cluster, make_source, continuation
):
    source = make_source(cluster, starts_on=datetime.date(2026, 1, 1), programme=continuation)
    Programme.objects.filter(pk=continuation.pk).update(is_active=False)
    data = entered(programme=str(continuation.pk))

    response = manager_client.post(f"{SOURCES}{source.pk}/edit/", data)

    assert response.status_code == 302
    source.refresh_from_db()
    assert source.programme == continuation
    assert manager_client.post(ADD, data).status_code == 200  # not for a new source


def test_delete_asks_first_then_deletes(manager_client, cluster, make_source):
    source = make_source(cluster, "AKKE-hanke", starts_on=days(-10))
    address = f"{SOURCES}{source.pk}/delete/"

    confirm = manager_client.get(address)

    assert confirm.status_code == 200
    assert "Delete the funding source AKKE-hanke of Vetyklusteri?" in confirm.text
    assert FundingSource.objects.exists()

    response = manager_client.post(address)

    assert response.status_code == 302
    assert not FundingSource.objects.exists()
    assert AuditEntry.objects.get(action="funding.source.deleted").data["name"] == "AKKE-hanke"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"ends_on": "2025-12-31"}, "ends_on", "The end cannot be before the start."),
        ({"amount": "-5"}, "amount", "The amount cannot be negative."),
        ({"kind": ""}, "kind", "This field is required."),
        ({"kind": "grant"}, "kind", "Select a valid choice."),
        ({"starts_on": "31.12.2026"}, "starts_on", "Enter a valid date."),
    ],
)
def test_bad_input_writes_nothing_and_keeps_what_was_typed(
    manager_client, cluster, changes, field, message
):
    data = entered(**changes)

    response = manager_client.post(ADD, data)

    assert response.status_code == 200
    text = response.content.decode()
    assert message in text
    assert 'class="error-summary"' in text
    assert f'href="#id_{field}"' in text  # the summary leads to the field
    assert 'value="Maakunnan kehittämisraha"' in text
    for name in ("amount", "starts_on", "ends_on"):
        if data[name]:
            assert f'value="{data[name]}"' in text
    assert not FundingSource.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="funding.source").exists()


def test_an_end_before_the_start_is_said_once(manager_client, cluster):
    text = manager_client.post(ADD, entered(ends_on="2025-12-31")).content.decode()

    assert "The end cannot be before the start." in text
    assert "Constraint" not in text  # the model's check stays behind the form's message


def test_a_bad_edit_changes_nothing(manager_client, cluster, make_source):
    source = make_source(cluster, "AKKE-hanke", starts_on=datetime.date(2026, 1, 1))

    response = manager_client.post(
        f"{SOURCES}{source.pk}/edit/", entered(name="Uusi nimi", ends_on="2025-01-01")
    )

    assert response.status_code == 200
    assert 'value="Uusi nimi"' in response.text
    assert "Edit the funding source AKKE-hanke" in response.text  # the name as saved
    source.refresh_from_db()
    assert source.name == "AKKE-hanke"
    assert not AuditEntry.objects.filter(action="funding.source.updated").exists()


def test_the_services_refuse_what_the_database_would(cluster, manager):
    backwards = FundingSource(
        cluster=cluster,
        name="X",
        kind=Kind.BASE,
        amount=1,
        starts_on=datetime.date(2026, 5, 1),
        ends_on=datetime.date(2026, 4, 1),
    )
    with pytest.raises(services.FundingError):
        services.create_source(backwards, by=manager)

    backwards.ends_on = None
    source = services.create_source(backwards, by=manager)
    with pytest.raises(services.FundingError):
        services.update_source(source, by=manager, changed={"amount": Decimal("-1")})
    with pytest.raises(services.FundingError):
        services.update_source(source, by=manager, changed={"cluster": cluster})
    assert FundingSource.objects.get().amount == 1


def test_names_are_escaped(manager_client, cluster, make_source):
    make_source(cluster, "<script>alert(1)</script>", starts_on=days(-10), ends_on=days(30))

    for address in (SOURCES, PROFILE):
        text = manager_client.get(address).text
        assert "<script>alert(1)</script>" not in text
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text


# The warning ----------------------------------------------------------------------


def ends_soon(cluster, make_source, kind=Kind.PROJECT, months_ahead=3):
    return make_source(
        cluster,
        "AKKE-hanke",
        kind=kind,
        starts_on=datetime.date(2024, 1, 1),
        ends_on=continuity.add_months(TODAY, months_ahead),
    )


@pytest.mark.parametrize("kind", [Kind.PROJECT, Kind.BASE])
def test_warning_when_base_or_project_funding_ends_with_nothing_to_follow(
    cluster, make_source, kind
):
    source = ends_soon(cluster, make_source, kind)

    warning = continuity.warning(cluster, TODAY)

    assert warning is not None
    assert warning.ending == [source]
    assert warning.months == 9


@pytest.mark.parametrize("kind", [Kind.PROJECT, Kind.BASE])
def test_no_warning_when_funding_follows_from_the_next_day(cluster, make_source, kind):
    source = ends_soon(cluster, make_source)
    make_source(
        cluster, "Jatkohanke", kind=kind, starts_on=source.ends_on + datetime.timedelta(days=1)
    )

    assert continuity.warning(cluster, TODAY) is None


def test_no_warning_while_ongoing_base_funding_runs(cluster, make_source):
    ends_soon(cluster, make_source)
    make_source(cluster, "Perusrahoitus", kind=Kind.BASE, starts_on=datetime.date(2020, 1, 1))

    assert continuity.warning(cluster, TODAY) is None


def test_warning_when_a_gap_opens_before_the_next_source(cluster, make_source):
    source = ends_soon(cluster, make_source)
    make_source(cluster, "Jatkohanke", starts_on=source.ends_on + datetime.timedelta(days=2))

    assert continuity.warning(cluster, TODAY).ending == [source]


def test_warning_when_the_next_source_ends_first(cluster, make_source):
    source = ends_soon(cluster, make_source)
    make_source(
        cluster,
        "Lyhyt hanke",
        starts_on=TODAY,
        ends_on=source.ends_on - datetime.timedelta(days=10),
    )

    assert continuity.warning(cluster, TODAY).ending == [source]


def test_the_follow_on_is_warned_of_in_its_turn(cluster, make_source):
    first = ends_soon(cluster, make_source, months_ahead=2)
    second = make_source(
        cluster,
        "Jatkohanke",
        starts_on=first.ends_on + datetime.timedelta(days=1),
        ends_on=continuity.add_months(TODAY, 6),
    )

    assert continuity.warning(cluster, TODAY).ending == [second]


def test_membership_fees_neither_warn_nor_carry(cluster, make_source):
    make_source(
        cluster,
        "Jäsenmaksut",
        kind=Kind.MEMBERSHIP,
        starts_on=datetime.date(2024, 1, 1),
        ends_on=continuity.add_months(TODAY, 1),
    )
    assert continuity.warning(cluster, TODAY) is None

    source = ends_soon(cluster, make_source)
    make_source(cluster, "Palvelumyynti", kind=Kind.SERVICES, starts_on=datetime.date(2024, 1, 1))

    assert continuity.warning(cluster, TODAY).ending == [source]


def test_no_warning_for_funding_ending_later_or_already_ended(cluster, make_source):
    ends_soon(cluster, make_source, months_ahead=10)
    make_source(
        cluster,
        "Vanha hanke",
        starts_on=datetime.date(2024, 1, 1),
        ends_on=TODAY - datetime.timedelta(days=1),
    )

    assert continuity.warning(cluster, TODAY) is None


def test_the_setting_sets_how_far_ahead_to_warn(cluster, make_source):
    source = ends_soon(cluster, make_source, months_ahead=10)

    with override_settings(FUNDING_WARNING_MONTHS=12):
        warning = continuity.warning(cluster, TODAY)

    assert warning.ending == [source]
    assert warning.months == 12
    assert continuity.warning(cluster, TODAY) is None  # 9 months by default


def test_the_months_come_from_the_environment_and_must_be_a_positive_number():
    assert settings_from()["FUNDING_WARNING_MONTHS"] == 9
    assert settings_from(KLUSTERI_FUNDING_WARNING_MONTHS="6")["FUNDING_WARNING_MONTHS"] == 6
    for wrong in ("0", "six"):
        with pytest.raises(ImproperlyConfigured, match="KLUSTERI_FUNDING_WARNING_MONTHS"):
            settings_from(KLUSTERI_FUNDING_WARNING_MONTHS=wrong)


def test_add_months_keeps_within_the_month():
    assert continuity.add_months(datetime.date(2027, 1, 31), 1) == datetime.date(2027, 2, 28)
    assert continuity.add_months(datetime.date(2026, 11, 30), 3) == datetime.date(2027, 2, 28)
    assert continuity.add_months(datetime.date(2026, 3, 15), 9) == datetime.date(2026, 12, 15)
    assert continuity.add_months(datetime.date(2026, 3, 15), 12) == datetime.date(2027, 3, 15)


# The options the warning lists ----------------------------------------------------


def test_options_are_open_calls_of_continuing_kinds_the_next_deadline_first(
    cluster, make_source, make_call, continuation
):
    ends_soon(cluster, make_source)
    later = make_call("Later", programme=continuation, deadlines=[deadline_in(60)])
    sooner = make_call("Sooner", programme=continuation, deadlines=[deadline_in(20)])
    continuous = make_call("Continuous", programme=continuation, deadlines=[])
    long_term = make_call(
        "Long-term",
        programme=Programme.objects.create(
            slug="pitka", name="Pitkä", funder="X", level="national", kind=FundingKind.LONG_TERM
        ),
        deadlines=[deadline_in(40)],
    )

    warning = continuity.warning(cluster, TODAY)

    assert warning.options == [sooner, long_term, later, continuous]
    assert warning.options[0].next_deadline == sooner.closes_at


def test_an_ineligible_call_is_never_an_option(
    cluster, make_source, make_call, continuation, project_programme
):
    ends_soon(cluster, make_source)
    make_call("Project kind", programme=project_programme)
    make_call(
        "Not for clusters", programme=continuation, cluster_role=Call.ClusterRole.NOT_ELIGIBLE
    )
    make_call("Swedes only", programme=continuation, countries=[Country.SWEDEN])
    make_call(
        "Lapland only",
        programme=continuation,
        regions=[Region.objects.exclude(pk=cluster.region_id).first()],
    )
    make_call("Closed", programme=continuation, deadlines=[deadline_in(-1)])
    make_call("Unpublished", programme=continuation, is_published=False)
    eligible = make_call(
        "Uusimaa and Finland", programme=continuation, countries=[Country.FINLAND],
        regions=[cluster.region],
    )  # fmt: skip

    assert continuity.warning(cluster, TODAY).options == [eligible]


def test_at_most_five_options(cluster, make_source, make_call, continuation):
    ends_soon(cluster, make_source)
    for number in range(7):
        make_call(f"Call {number}", programme=continuation, deadlines=[deadline_in(10 + number)])

    options = continuity.warning(cluster, TODAY).options

    assert [call.title for call in options] == [f"Call {n}" for n in range(5)]


def test_the_sources_page_names_what_ends_and_the_options(
    manager_client, cluster, make_source, make_call, continuation
):
    make_source(cluster, "AKKE-hanke", starts_on=days(-300), ends_on=days(90))
    make_call("Jatkorahoitushaku 2027", programme=continuation, deadlines=[deadline_in(30)])

    text = manager_client.get(SOURCES).text

    assert "Funding about to end" in text
    assert "Base or project funding ends within 9 months with nothing to follow it." in text
    assert f"AKKE-hanke (Project funding) ends on {days(90):%B} {days(90).day}, " in text
    assert "Jatkorahoitushaku 2027" in text
    assert "Continuation Fund · Post-project continuation · next deadline" in text


def test_the_sources_page_has_no_warning_when_funding_follows(
    manager_client, cluster, make_source, make_call, continuation
):
    make_source(cluster, "AKKE-hanke", starts_on=days(-300), ends_on=days(90))
    make_source(cluster, "Jatkohanke", starts_on=days(91), ends_on=days(900))
    make_call("Jatkorahoitushaku 2027", programme=continuation)

    text = manager_client.get(SOURCES).text

    assert "Funding about to end" not in text
    assert "Jatkorahoitushaku 2027" not in text


def test_the_warning_says_when_no_call_is_open(manager_client, cluster, make_source):
    make_source(cluster, "AKKE-hanke", starts_on=days(-300), ends_on=days(90))

    text = manager_client.get(SOURCES).text

    assert "No call for operating, long-term or post-project funding is open" in text


# The timeline ---------------------------------------------------------------------


def test_timeline_spans_whole_years_from_last_year_to_three_ahead(cluster, make_source):
    whole = make_source(cluster, "Koko ajan", kind=Kind.BASE, starts_on=datetime.date(2020, 1, 1))
    spring = make_source(
        cluster, "Kevät", starts_on=datetime.date(2026, 1, 1), ends_on=datetime.date(2026, 6, 30)
    )
    make_source(
        cluster, "Vanha", starts_on=datetime.date(2019, 1, 1), ends_on=datetime.date(2024, 12, 31)
    )
    make_source(cluster, "Kaukana", starts_on=datetime.date(2030, 1, 1))

    timeline = continuity.timeline(continuity.sources_of(cluster), TODAY)

    assert timeline.years == [2025, 2026, 2027, 2028, 2029]
    assert (timeline.starts_on, timeline.ends_on) == (
        datetime.date(2025, 1, 1),
        datetime.date(2029, 12, 31),
    )
    assert [bar.source for bar in timeline.bars] == [whole, spring]
    first, second = timeline.bars
    assert (first.x, first.width, first.continues_before, first.continues_after) == (
        0,
        1000,
        True,
        True,
    )
    # 2026 begins after 365 of the window's 1826 days and its first half is 181 days.
    assert second.x == pytest.approx(365 * 1000 / 1826, abs=0.01)
    assert second.width == pytest.approx(181 * 1000 / 1826, abs=0.02)
    assert not second.continues_before and not second.continues_after
    assert timeline.year_lines[0] == second.x
    assert timeline.today_x == pytest.approx((365 + 73) * 1000 / 1826, abs=0.01)
    assert timeline.kinds == [("base", "Perus- tai toimintarahoitus"), ("project", "Hankerahoitus")]


def test_sources_page_draws_the_timeline_with_unlocalised_numbers(
    client, manager, cluster, make_source
):
    make_source(cluster, "Kevät", starts_on=days(-30), ends_on=days(30))
    client.force_login(manager)

    text = client.get("/fi/funding/clusters/vetyklusteri/sources/").text

    assert 'role="img"' in text
    assert '<rect class="funding-timeline__bar funding-timeline__bar--project" x="' in text
    rect = text.split('<rect class="funding-timeline__bar', 1)[1].split("/>", 1)[0]
    assert "," not in rect  # 12.5, never the Finnish 12,5
    assert "<caption>1 rahoituslähde" in text  # the table, the text alternative


@pytest.mark.parametrize("count", [2, 20])
def test_sources_page_query_count_does_not_grow_with_the_sources(
    manager_client, cluster, make_source, make_call, continuation, count,
    django_assert_num_queries,
):  # fmt: skip
    for number in range(count):
        make_source(cluster, f"Hanke {number}", starts_on=days(-100), ends_on=days(50 + number))
        make_call(f"Haku {number}", programme=continuation)

    # Session, user, the cluster, the sources, the options.
    with django_assert_num_queries(5):
        response = manager_client.get(SOURCES)

    assert response.text.count('class="funding-timeline__row"') == count


# The panel on the cluster's profile -----------------------------------------------


def test_funding_registers_its_panel():
    assert panels._panels["funding.continuity"] is continuity_panel


def test_manager_sees_the_panel_with_the_warning_on_the_profile(
    manager_client, cluster, make_source, make_call, continuation
):
    make_source(cluster, "AKKE-hanke", starts_on=days(-300), ends_on=days(90))
    make_source(cluster, "Jäsenmaksut", kind=Kind.MEMBERSHIP, starts_on=days(-300))
    make_call("Jatkorahoitushaku 2027", programme=continuation)

    text = manager_client.get(PROFILE).text

    assert '<h2 id="continuity-panel-heading">Funding continuity</h2>' in text
    assert "Base or project funding ends within 9 months" in text
    assert "Jatkorahoitushaku 2027" in text
    assert "Jäsenmaksut · Membership fees · 120,000 € · ongoing" in text
    assert f'href="{SOURCES}"' in text


def test_staff_see_the_panel(staff_client, cluster):
    text = staff_client.get(PROFILE).text

    assert "Funding continuity" in text
    assert "No funding sources have been recorded yet." in text


@pytest.mark.parametrize("persona", ["anonymous", "outsider", "company_user", "other_manager"])
def test_no_one_else_sees_the_panel_or_the_sources(
    clients, manager_client, cluster, make_source, persona
):
    make_source(cluster, "Salainen hanke", starts_on=days(-300), ends_on=days(90))
    manager_client.get(PROFILE)  # the manager's page is never what others are given

    for _ in range(2):  # and again from the cache of anonymous pages
        text = clients[persona].get(PROFILE).text
        assert "Funding continuity" not in text
        assert "Salainen hanke" not in text
        assert "/sources/" not in text


@pytest.mark.parametrize("count", [1, 20])
def test_the_panel_costs_the_profile_two_queries_however_many_sources(
    manager_client, cluster, make_source, make_call, continuation, count,
    django_assert_num_queries,
):  # fmt: skip
    for number in range(count):
        make_source(cluster, f"Hanke {number}", starts_on=days(-100), ends_on=days(50 + number))
        make_call(f"Haku {number}", programme=continuation)
    manager_client.get(PROFILE)

    # Session, user, the cluster, the edit check (the profile is cached); the
    # panel's sources and options.
    with django_assert_num_queries(6):
        response = manager_client.get(PROFILE)

    assert response.text.count("· Project funding · 120,000 € · until") == count
