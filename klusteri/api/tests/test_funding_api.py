"""/api/v1/funding/: programmes, calls through the finder's filters, one call."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from klusteri.clusters.models import Ecosystem
from klusteri.funding.models import Call, Programme
from klusteri.funding.services import DeadlineData, save_call
from klusteri.funding.testing import make_call
from klusteri.places.models import Region

pytestmark = pytest.mark.django_db

CALLS = "/api/v1/funding/calls/"
PROGRAMMES = "/api/v1/funding/programmes/"
NOW = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)
BRUSSELS = ZoneInfo("Europe/Brussels")


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


def at(*args, zone=BRUSSELS) -> datetime:
    return datetime(*args, tzinfo=zone)


def identifiers(response) -> list[str]:
    assert response.status_code == 200, response.json()
    return [row["identifier"] for row in response.json()["results"]]


def two_stage(identifier: str, first: datetime, second: datetime, **fields) -> Call:
    call = make_call(identifier=identifier, deadlines=[], **fields)
    call.deadline_model = Call.DeadlineModel.TWO_STAGE
    return save_call(
        call,
        deadlines=[
            DeadlineData(at=first, time_zone="Europe/Brussels", label="Stage 1"),
            DeadlineData(at=second, time_zone="Europe/Helsinki", label="Stage 2"),
        ],
        related={},
        by=None,
    )


# Calls ------------------------------------------------------------------------------


def test_a_call_has_every_field(client):
    call = two_stage(
        "HORIZON-EIE-2027-CONNECT-01",
        at(2027, 4, 15, 17),
        at(2027, 9, 30, 16, zone=ZoneInfo("Europe/Helsinki")),
        programme="horizon-europe-eie",
        title_fi="Innovaatioekosysteemit",
        title_sv="Innovationsekosystem",
        summary_en="Connecting ecosystems.",
        action_type="CSA",
        budget_total=12_000_000,
        grant_min=1_000_000,
        grant_max=3_000_000,
        cofunding_rate=100,
        countries=["FI", "SE"],
        cluster_role=Call.ClusterRole.APPLICANT,
        source=Call.Source.EU_PORTAL,
        source_url="https://ec.europa.eu/info/funding-tenders/",
        last_checked_on="2027-02-20",
        keywords=["innovation", "ecosystems"],
    )
    call.regions.set([Region.objects.get(code="MK01")])
    call.ecosystems.set(Ecosystem.objects.filter(slug="digital"))
    call.refresh_from_db()

    (row,) = client.get(f"{CALLS}?lang=en").json()["results"]

    stage_1 = {"at": "2027-04-15T15:00:00Z", "local": "2027-04-15T17:00:00+02:00",
               "time_zone": "Europe/Brussels", "label": "Stage 1"}  # fmt: skip
    stage_2 = {"at": "2027-09-30T13:00:00Z", "local": "2027-09-30T16:00:00+03:00",
               "time_zone": "Europe/Helsinki", "label": "Stage 2"}  # fmt: skip
    programme = row.pop("programme")
    assert programme["slug"] == "horizon-europe-eie"
    assert programme["level"] == "eu" and programme["kind"] == "project"
    assert set(programme) == {"slug", "name", "names", "funder", "level", "kind"}
    assert row == {
        "identifier": "HORIZON-EIE-2027-CONNECT-01",
        "title": call.title_en,
        "titles": {
            "fi": "Innovaatioekosysteemit",
            "sv": "Innovationsekosystem",
            "en": call.title_en,
        },
        "summary": "Connecting ecosystems.",
        "summaries": {"fi": None, "sv": None, "en": "Connecting ecosystems."},
        "action_type": "CSA",
        "deadline_model": "two_stage",
        "status": "open",
        "opens_at": "2027-02-22T09:00:00Z",
        "next_deadline": stage_1,
        "deadlines": [stage_1, stage_2],
        "budget_total": 12_000_000.0,
        "grant_min": 1_000_000.0,
        "grant_max": 3_000_000.0,
        "cofunding_rate": 100,
        "applicant_types": ["cluster-organisation"],
        "countries": ["FI", "SE"],
        "regions": ["MK01"],
        "ecosystems": ["digital"],
        "keywords": ["innovation", "ecosystems"],
        "cluster_role": "applicant",
        "source": "eu_portal",
        "source_url": "https://ec.europa.eu/info/funding-tenders/",
        "last_checked_on": "2027-02-20",
        "is_demo": False,
        "url": "http://testserver/en/funding/calls/HORIZON-EIE-2027-CONNECT-01/",
        "changed_at": "2027-03-01T09:00:00Z",
    }


def test_after_the_first_stage_the_next_deadline_is_the_second(client):
    two_stage("TWO-1", at(2027, 4, 15, 17), at(2027, 9, 30, 17))

    with time_machine.travel(datetime(2027, 5, 1, tzinfo=UTC), tick=False):
        row = client.get(f"{CALLS}TWO-1/").json()

    assert row["status"] == "open"
    assert row["next_deadline"]["label"] == "Stage 2"
    assert len(row["deadlines"]) == 2


def test_the_list_is_the_finders_open_and_forthcoming_calls_by_next_deadline(client):
    make_call(identifier="LATER", deadlines=[at(2027, 6, 1, 17)])
    make_call(identifier="SOONER", deadlines=[at(2027, 4, 1, 17)])
    make_call(identifier="FORTHCOMING", opens_at=at(2027, 4, 1, 9), deadlines=[at(2027, 5, 1, 17)])
    make_call(identifier="CLOSED", opens_at=at(2026, 9, 1, 9), deadlines=[at(2027, 2, 1, 17)])
    make_call(identifier="DRAFT", deadlines=[at(2027, 4, 2, 17)], is_published=False)

    response = client.get(CALLS)

    assert identifiers(response) == ["SOONER", "FORTHCOMING", "LATER"]
    assert response.json()["count"] == 3
    assert identifiers(client.get(f"{CALLS}?status=closed")) == ["CLOSED"]


def test_staff_see_unpublished_calls(client, staff, make_token):
    make_call(identifier="DRAFT", deadlines=[at(2027, 4, 2, 17)], is_published=False)
    headers = {"Authorization": f"Bearer {make_token(staff)}"}

    assert identifiers(client.get(CALLS, headers=headers)) == ["DRAFT"]
    assert client.get(f"{CALLS}DRAFT/", headers=headers).status_code == 200


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("level=national", ["TEMPO", "FINNVERA"]),
        ("level=national&level=regional", ["TEMPO", "AKKE", "FINNVERA"]),
        ("kind=loan", ["FINNVERA"]),
        ("applicant=sme", ["TEMPO"]),
        ("ecosystem=digital", ["AURORA"]),
        ("region=MK02", ["AURORA", "TEMPO", "FINNVERA"]),  # AKKE is for Uusimaa only
        ("country=SE", ["AURORA", "AKKE", "FINNVERA"]),  # TEMPO is for Finland only
        ("within=30", ["AURORA", "TEMPO"]),
        ("budget=400000", ["AURORA", "TEMPO", "FINNVERA"]),  # TEMPO: no grant range given
        ("sort=budget", ["FINNVERA", "AURORA", "TEMPO", "AKKE"]),
    ],
)
def test_the_finders_filters_apply(client, query, expected):
    aurora = make_call(
        identifier="AURORA",
        programme="interreg-aurora",
        deadlines=[at(2027, 3, 20, 17)],
        grant_max=500_000,
        budget_total=5_000_000,
    )
    make_call(
        identifier="TEMPO",
        programme="business-finland-tempo",
        countries=["FI"],
        applicant_types=["sme"],
        deadlines=[at(2027, 3, 25, 17)],
        budget_total=1_000_000,
    )
    make_call(
        identifier="AKKE",
        programme="akke",
        deadlines=[at(2027, 5, 1, 17)],
        regions=[Region.objects.get(code="MK01")],
    )
    make_call(identifier="FINNVERA", programme="finnvera", deadlines=[at(2027, 6, 1, 17)],
              grant_max=2_000_000, budget_total=50_000_000)  # fmt: skip
    aurora.ecosystems.set(Ecosystem.objects.filter(slug="digital"))

    assert identifiers(client.get(f"{CALLS}?{query}")) == expected


def test_search_words_find_calls(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make_call("Hydrogen valleys", identifier="H2", deadlines=[at(2027, 4, 1, 17)])
        make_call("Forest bioeconomy", identifier="FOREST", deadlines=[at(2027, 4, 2, 17)])

    assert identifiers(client.get(f"{CALLS}?q=hydrogen")) == ["H2"]


def test_a_call_speaks_the_requested_language(client):
    make_call("Hydrogen call", identifier="H2", title_sv="Vätesökning")

    row = client.get(f"{CALLS}H2/?lang=sv").json()

    assert row["title"] == "Vätesökning"
    assert row["url"] == "http://testserver/sv/funding/calls/H2/"


@pytest.mark.parametrize(
    ("query", "errors"),
    [
        ("applicant=wizard&applicant=sme", {"applicant": ["Unknown code: wizard."]}),
        ("ecosystem=moon&region=XX99", {"ecosystem": ["Unknown code: moon."],
                                        "region": ["Unknown code: XX99."]}),
        ("country=fi", {"country": ["Unknown code: fi."]}),
    ],
)  # fmt: skip
def test_an_unknown_code_is_refused_with_its_name(client, query, errors):
    response = client.get(f"{CALLS}?lang=en&{query}")

    assert response.status_code == 422
    assert response.json() == {"detail": "The request is not valid.", "errors": errors}


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("status=maybe", "status"),
        ("level=galactic", "level"),
        ("kind=gift", "kind"),
        ("within=5", "within"),
        ("budget=-1", "budget"),
        ("budget=lots", "budget"),
        ("sort=random", "sort"),
        ("limit=1000", "limit"),
        ("offset=-1", "offset"),
        ("q=" + "x" * 201, "q"),
        ("lang=de", "lang"),
        ("&".join(["applicant=sme"] * 101), "applicant"),  # a hundred values at most
    ],
)
def test_a_bad_parameter_is_refused_with_a_reason(client, query, parameter):
    response = client.get(f"{CALLS}?{query}")

    assert response.status_code == 422
    body = response.json()
    assert body["detail"] == "Pyyntö ei ole kelvollinen."
    assert list(body["errors"]) == [parameter]


def test_an_unknown_call_is_a_404_with_a_reason(client):
    response = client.get(f"{CALLS}NO-SUCH-CALL/?lang=en")

    assert response.status_code == 404
    assert response.json() == {"detail": "There is no published funding call with this identifier."}


def test_an_unpublished_call_is_a_404_for_anyone_but_staff(client, manager, make_token):
    make_call(identifier="DRAFT", is_published=False)

    assert client.get(f"{CALLS}DRAFT/").status_code == 404
    headers = {"Authorization": f"Bearer {make_token(manager)}"}
    assert client.get(f"{CALLS}DRAFT/", headers=headers).status_code == 404


def test_an_identifier_holding_nul_is_a_404(client):
    response = client.get(f"{CALLS}a%00b/")

    assert response.status_code == 404
    assert response.json()["detail"]


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


def test_the_list_takes_a_constant_number_of_queries(client):
    region = Region.objects.get(code="MK01")
    first = two_stage("ONE", at(2027, 4, 1, 17), at(2027, 8, 1, 17))
    first.regions.set([region])
    first.ecosystems.set(Ecosystem.objects.filter(slug="digital"))
    url = f"{CALLS}?applicant=cluster-organisation&ecosystem=digital&region=MK01&level=eu"
    one = queries(client, CALLS), queries(client, url)
    for number in range(10):
        call = two_stage(f"MANY-{number}", at(2027, 4, 2 + number, 17), at(2027, 8, 2, 17),
                         countries=["FI"])  # fmt: skip
        call.regions.set([region])
        call.ecosystems.set(Ecosystem.objects.filter(slug="digital"))

    assert len(client.get(CALLS).json()["results"]) == 11
    assert len(client.get(url).json()["results"]) == 11
    assert (queries(client, CALLS), queries(client, url)) == one


def test_a_call_takes_a_constant_number_of_queries(client, django_assert_num_queries):
    call = two_stage("ONE", at(2027, 4, 1, 17), at(2027, 8, 1, 17))
    call.regions.set(Region.objects.all())
    call.ecosystems.set(Ecosystem.objects.all())

    with django_assert_num_queries(5):  # the call, its deadlines and three lists of codes
        assert client.get(f"{CALLS}ONE/").status_code == 200


# Programmes -------------------------------------------------------------------------


def slugs(response) -> list[str]:
    assert response.status_code == 200, response.json()
    return [row["slug"] for row in response.json()["results"]]


def test_programmes_are_listed_by_name_with_their_details(client):
    response = client.get(f"{PROGRAMMES}?lang=en&limit=100")

    rows = response.json()["results"]
    assert response.json()["count"] == len(rows) > 20
    aurora = next(row for row in rows if row["slug"] == "interreg-aurora")
    assert aurora["level"] == "eu"
    assert aurora["kind"] == "project"
    assert aurora["is_active"] is True
    assert set(aurora) == {"slug", "name", "names", "funder", "level", "kind",
                           "typical_applicants", "relevance", "website", "is_active",
                           "status_note"}  # fmt: skip
    by_name = Programme.objects.order_by("name_en", "slug").values_list("slug", flat=True)
    assert [row["slug"] for row in rows] == list(by_name)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("level=nordic", ["nordic-council-of-ministers", "nordic-innovation"]),
        ("kind=loan", ["finnvera"]),
        ("level=national&active=false", ["business-finland-veturi"]),
    ],
)
def test_programmes_filter_by_level_kind_and_activity(client, query, expected):
    assert sorted(slugs(client.get(f"{PROGRAMMES}?{query}"))) == expected


@pytest.mark.parametrize("query", ["level=galactic", "kind=gift", "active=perhaps", "limit=0"])
def test_a_bad_programme_filter_is_refused(client, query):
    response = client.get(f"{PROGRAMMES}?{query}")

    assert response.status_code == 422
    assert response.json()["errors"]


def test_programmes_take_a_constant_number_of_queries(client, django_assert_num_queries):
    with django_assert_num_queries(2):  # the count and the page
        client.get(f"{PROGRAMMES}?limit=100")
