"""A call's page at /<lang>/funding/calls/<identifier>/ and a programme's page."""

import datetime
import itertools
from datetime import UTC

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from klusteri.clusters.models import Ecosystem
from klusteri.core.testing import translated
from klusteri.funding.models import ApplicantType, Call, Programme
from klusteri.funding.services import DeadlineData, save_call
from klusteri.places.models import Region

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2027, 3, 1, 10, 0, tzinfo=UTC)
# Stage 1: 17:00 in Brussels (CET); stage 2: 17:00 in Helsinki (EEST).
STAGE_1 = datetime.datetime(2027, 3, 11, 16, 0, tzinfo=UTC)
STAGE_2 = datetime.datetime(2027, 9, 16, 14, 0, tzinfo=UTC)
NBSP = "\u00a0"


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def full_call(clock, make_call) -> Call:
    """A two-stage call with every field filled."""
    call = make_call(
        "Cluster partnerships for hydrogen valleys",
        identifier="HORIZON-EIE-2027-CONNECT-01",
        programme="horizon-europe-eie",
        deadlines=[STAGE_1, STAGE_2],
        deadline_model=Call.DeadlineModel.TWO_STAGE,
        opens_at=datetime.datetime(2027, 1, 20, 9, 0, tzinfo=UTC),
        summary_en="Joint actions of cluster organisations across Europe.",
        action_type="CSA",
        budget_total=1_500_000,
        grant_min=250_000,
        grant_max=750_000,
        cofunding_rate=70,
        countries=["FI", "SE"],
        keywords=["hydrogen", "valleys"],
        cluster_role=Call.ClusterRole.APPLICANT,
        source=Call.Source.EU_PORTAL,
        source_url="https://ec.europa.eu/info/funding-tenders/opportunities/portal/",
        last_checked_on=datetime.date(2027, 2, 25),
        is_demo=True,
        applicant_types=["cluster-organisation", "sme"],
        regions=Region.objects.filter(code="MK01"),
        ecosystems=Ecosystem.objects.filter(slug="digital"),
    )
    return save_call(
        call,
        deadlines=[
            DeadlineData(at=STAGE_1, time_zone="Europe/Brussels", label="Stage 1"),
            DeadlineData(at=STAGE_2, time_zone="Europe/Helsinki", label="Stage 2"),
        ],
        related={},
        by=None,
    )


def page_of(client, call: Call, language: str = "en"):
    return client.get(f"/{language}/funding/calls/{call.identifier}/")


def test_shows_everything_the_call_holds(client, full_call):
    response = page_of(client, full_call)

    assert response.status_code == 200
    text = response.text
    programme = full_call.programme
    for shown in [
        "HORIZON-EIE-2027-CONNECT-01",
        '<h1 id="call-title">Cluster partnerships for hydrogen valleys</h1>',
        "Joint actions of cluster organisations across Europe.",
        f'<a href="/en/funding/programmes/{programme.slug}/">{escape(programme.name)}</a>',
        f"<dd>{escape(programme.funder)}</dd>",
        "<dd>CSA</dd>",
        "<dd>Two-stage</dd>",
        '<time datetime="2027-01-20T',
        '<span class="status-badge status-badge--open">Open</span>',
        "10 days left",
        "<dd>€1,500,000</dd>",
        "<dd>€250,000–€750,000</dd>",
        "70 % of the eligible costs",
        "Cluster organisation, SME",
        "Finland, Sweden",
        "Uusimaa",
        ApplicantType.objects.get(slug="sme").name_en,
        Ecosystem.objects.get(slug="digital").name_en,
        "<li>hydrogen</li>",
        "<li>valleys</li>",
        "Clusters may apply, also as coordinator",
        'href="https://ec.europa.eu/info/funding-tenders/opportunities/portal/"',
        "EU Funding &amp; Tenders portal",
        '<time datetime="2027-02-25">',
        "Demo — fictional data",
    ]:
        assert shown in text, shown


def test_a_two_stage_call_shows_both_deadlines_in_their_time_zones(client, full_call):
    text = page_of(client, full_call).text

    assert '<span class="deadline-list__label">Stage 1:</span>' in text
    assert '<span class="deadline-list__label">Stage 2:</span>' in text
    # Each in its funder's zone: 17:00 in Brussels in winter, 17:00 in Helsinki in summer.
    assert '<time datetime="2027-03-11T17:00:00+01:00">' in text
    assert "CET (Europe/Brussels)" in text
    assert '<time datetime="2027-09-16T17:00:00+03:00">' in text
    assert "EEST (Europe/Helsinki)" in text


def test_after_the_first_stage_the_days_left_count_to_the_second(client, full_call):
    with time_machine.travel(STAGE_1 + datetime.timedelta(hours=1), tick=False):
        text = page_of(client, full_call).text

    assert "(passed)" in text
    assert "188 days left" in text  # to 16 September, 17:00 Helsinki time
    assert '<span class="status-badge status-badge--open">Open</span>' in text


def test_after_the_last_deadline_the_call_is_closed(client, full_call):
    with time_machine.travel(STAGE_2 + datetime.timedelta(minutes=1), tick=False):
        text = page_of(client, full_call).text

    assert '<span class="status-badge status-badge--closed">Closed</span>' in text
    assert "The call has closed." in text
    assert "days left" not in text


def test_less_than_a_day_left(client, full_call):
    with time_machine.travel(STAGE_1 - datetime.timedelta(hours=3), tick=False):
        assert "Less than a day left" in page_of(client, full_call).text


def test_a_continuous_call_with_nothing_stated(client, clock, make_call):
    call = make_call("Jatkuva haku", deadlines=[], opens_at=NOW - datetime.timedelta(days=1))

    text = page_of(client, call).text

    assert "Open until further notice" in text
    assert "No deadline" in text
    assert "<dd>Not stated</dd>" in text  # the budget, the grant, the rate
    assert "Any country" in text and "Any region" in text
    assert "Demo — fictional data" not in text


@pytest.mark.parametrize(
    ("language", "amount", "grant"),
    [
        ("fi", f"1{NBSP}500{NBSP}000{NBSP}€", f"250{NBSP}000{NBSP}€–750{NBSP}000{NBSP}€"),
        ("sv", f"1{NBSP}500{NBSP}000{NBSP}€", f"250{NBSP}000{NBSP}€–750{NBSP}000{NBSP}€"),
        ("en", "€1,500,000", "€250,000–€750,000"),
    ],
)
def test_money_as_the_language_writes_it(client, full_call, language, amount, grant):
    text = page_of(client, full_call, language).text

    assert f"<dd>{amount}</dd>" in text
    assert f"<dd>{grant}</dd>" in text


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_the_page_speaks_the_language(client, full_call, language):
    text = page_of(client, full_call, language).text

    assert f'<html lang="{language}">' in text
    for message in [
        "Deadlines",
        "Deadline model",
        "Days left",
        "Total budget",
        "Funding rate",
        "Eligible applicants",
        "Eligible countries",
        "Last checked",
        "Role of clusters",
        "Back to the funding finder",
        "Two-stage",
        "Clusters may apply, also as coordinator",
    ]:
        assert translated(message, language) in text, message
    assert translated("Sweden", language) in text  # the names of the countries


def test_a_text_shown_in_another_language_says_so(client, full_call):
    # The call has its title and summary in English alone: the Finnish page falls
    # back to them, marked for screen readers.
    text = page_of(client, full_call, "fi").text

    assert '<h1 id="call-title" lang="en">' in text
    assert '<div class="prose" lang="en">' in text
    assert '<h1 id="call-title">' in page_of(client, full_call, "en").text


def test_post_is_not_allowed(client, full_call):
    assert client.post(full_call.get_absolute_url()).status_code == 405


def test_an_unknown_call_is_404(client):
    assert client.get("/en/funding/calls/NO-SUCH-CALL/").status_code == 404


def test_an_unpublished_call_is_404_but_for_staff(
    clock, client, outsider_client, manager_client, staff_client, make_call
):
    # The clock first: the sessions are made in its time, so they have not expired.
    call = make_call("Luonnos", is_published=False)

    assert page_of(client, call).status_code == 404
    assert page_of(outsider_client, call).status_code == 404
    assert page_of(manager_client, call).status_code == 404
    staff_page = page_of(staff_client, call)
    assert staff_page.status_code == 200
    assert "This call is not published" in staff_page.text


def test_user_text_is_escaped(client, clock, make_call):
    call = make_call("<img src=x onerror=alert(1)>", summary_en="<script>alert(2)</script>")

    text = page_of(client, call).text

    assert "<img src=x" not in text
    assert "<script>alert(2)" not in text


def test_query_count_is_constant_in_the_number_of_calls(client, clock, make_call, full_call):
    def queries() -> int:
        # Asked with a new address each time, so that the page cache does not answer.
        url = f"{full_call.get_absolute_url()}?new={next(requests)}"
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    requests = itertools.count()
    assert queries() == queries()

    few = queries()
    for number in range(30):
        make_call(
            f"Other {number}",
            programme="horizon-europe-eie",
            ecosystems=Ecosystem.objects.filter(slug="digital"),
            applicant_types=["sme"],
        )

    # The call with its relations; the clusters that match come in a request of their own.
    assert queries() == few <= 6


# The programme's page -----------------------------------------------------------------


def test_programme_page_shows_the_programme_and_its_current_calls(client, clock, make_call):
    programme = Programme.objects.get(slug="horizon-europe-eie")
    make_call("Open now", programme=programme)
    make_call("Coming", programme=programme, opens_at=NOW + datetime.timedelta(days=10))
    make_call("Long gone", programme=programme, deadlines=[NOW - datetime.timedelta(days=3)])
    make_call("Hidden", programme=programme, is_published=False)
    make_call("Of another programme", programme="interreg-aurora")

    response = client.get(f"/en/funding/programmes/{programme.slug}/")

    assert response.status_code == 200
    text = response.text
    assert f'<h1 id="programme-name">{escape(programme.name)}</h1>' in text
    assert escape(programme.funder) in text
    assert "<dd>EU</dd>" in text
    assert "<dd>Project funding</dd>" in text
    assert escape(programme.typical_applicants) in text
    assert escape(programme.relevance) in text
    assert f'href="{programme.url}"' in text
    for title in ["Open now", "Coming"]:
        assert title in text
    for title in ["Long gone", "Hidden", "Of another programme"]:
        assert title not in text


def test_programme_page_lists_each_source_as_a_link(client):
    programme = Programme.objects.get(slug="horizon-europe-eie")
    assert ";" in programme.source_url  # several in the reference data

    text = client.get(f"/en/funding/programmes/{programme.slug}/").text

    for source in programme.source_url.split(";"):
        assert f'<a href="{source.strip()}" rel="noopener">' in text


def test_programme_page_without_calls(client):
    response = client.get("/fi/funding/programmes/finnvera/")

    assert response.status_code == 200
    assert translated("No open or forthcoming call of this programme is listed now.") in (
        response.text
    )


def test_an_unknown_programme_is_404(client):
    assert client.get("/en/funding/programmes/no-such-programme/").status_code == 404


def test_programme_page_query_count_is_constant(client, clock, make_call):
    def queries() -> int:
        url = f"/en/funding/programmes/interreg-aurora/?new={next(requests)}"
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        return len(captured)

    requests = itertools.count()

    make_call("First")
    few = queries()
    for number in range(20):
        make_call(f"Call {number}", deadlines=[NOW + datetime.timedelta(days=number + 1)])

    assert queries() == few
