"""/<lang>/funding/deadlines.ics: the deadlines feed, read back with icalendar's parser."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from icalendar import Calendar

from klusteri.funding.models import Call
from klusteri.funding.services import DeadlineData, save_call
from klusteri.funding.testing import make_call

pytestmark = pytest.mark.django_db

NOW = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)
BRUSSELS = ZoneInfo("Europe/Brussels")
HELSINKI = ZoneInfo("Europe/Helsinki")


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


def feed_url(language: str = "fi", query: str = "") -> str:
    with translation.override(language):
        url = reverse("funding:ical")
    return f"{url}?{query}" if query else url


def read_feed(client, language: str = "fi", query: str = "") -> Calendar:
    response = client.get(feed_url(language, query))
    assert response.status_code == 200
    return Calendar.from_ical(response.content)


def uids(calendar: Calendar) -> set[str]:
    return {str(event["UID"]) for event in calendar.events}


def at(*args, zone=BRUSSELS) -> datetime:
    return datetime(*args, tzinfo=zone)


def test_the_feed_is_an_icalendar_with_its_content_type(client):
    make_call("Vetytalouden klusterit", identifier="AURORA-2027-01",
              deadlines=[at(2027, 4, 15, 17)])  # fmt: skip

    response = client.get(feed_url())

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    assert calendar["VERSION"] == "2.0"
    assert calendar["METHOD"] == "PUBLISH"
    assert uids(calendar) == {"AURORA-2027-01-20270415T150000Z@klusteri.fi"}


def test_an_event_starts_at_the_deadline_in_its_own_time_zone(client):
    make_call(identifier="AURORA-2027-01", deadlines=[at(2027, 4, 15, 17)])

    (event,) = read_feed(client).events

    assert at(2027, 4, 15, 17) == event.DTSTART
    assert event.DTSTART.tzinfo.key == "Europe/Brussels"
    assert event.decoded("DTSTART").astimezone(UTC) == datetime(2027, 4, 15, 15, tzinfo=UTC)
    assert "TZID=Europe/Brussels" in event.to_ical().decode()
    assert "DTEND" not in event  # a moment, not a stretch of time


def test_the_time_zones_used_are_in_the_calendar(client):
    make_call(identifier="AURORA-2027-01", deadlines=[at(2027, 4, 15, 17)])
    helsinki = make_call(identifier="BF-2027-01", deadlines=[])
    save_call(
        helsinki,
        deadlines=[
            DeadlineData(at=at(2027, 5, 20, 16, 15, zone=HELSINKI), time_zone="Europe/Helsinki")
        ],
        related={},
        by=None,
    )

    calendar = read_feed(client)

    assert {tz.tz_name for tz in calendar.timezones} == {"Europe/Brussels", "Europe/Helsinki"}
    assert calendar.get_missing_tzids() == set()
    by_uid = {str(event["UID"]): event for event in calendar.events}
    event = by_uid["BF-2027-01-20270520T131500Z@klusteri.fi"]
    assert event.DTSTART.tzinfo.key == "Europe/Helsinki"
    assert event.DTSTART.astimezone(UTC) == datetime(2027, 5, 20, 13, 15, tzinfo=UTC)
    # The VTIMEZONE's rules give the same moment as the zone database: summer time.
    vtimezone = next(tz for tz in calendar.timezones if tz.tz_name == "Europe/Helsinki")
    assert vtimezone.to_tz().utcoffset(datetime(2027, 5, 20, 16, 15)) == timedelta(hours=3)


def test_a_feed_without_helsinki_deadlines_has_no_helsinki_zone(client):
    make_call(identifier="AURORA-2027-01", deadlines=[at(2027, 4, 15, 17)])

    calendar = read_feed(client)

    assert [tz.tz_name for tz in calendar.timezones] == ["Europe/Brussels"]


def test_a_two_stage_call_has_two_events(client):
    call = make_call("Kaksivaiheinen haku", identifier="HORIZON-EIE-2027-CONNECT-01",
                     programme="horizon-europe-eie", deadlines=[])  # fmt: skip
    call.deadline_model = Call.DeadlineModel.TWO_STAGE
    save_call(
        call,
        deadlines=[
            DeadlineData(at=at(2027, 4, 15, 17), time_zone="Europe/Brussels", label="Vaihe 1"),
            DeadlineData(at=at(2027, 9, 30, 17), time_zone="Europe/Brussels", label="Vaihe 2"),
        ],
        related={},
        by=None,
    )

    events = sorted(read_feed(client).events, key=lambda event: event.DTSTART)

    assert [str(event["UID"]) for event in events] == [
        "HORIZON-EIE-2027-CONNECT-01-20270415T150000Z@klusteri.fi",
        "HORIZON-EIE-2027-CONNECT-01-20270930T150000Z@klusteri.fi",
    ]
    assert [event.DTSTART for event in events] == [at(2027, 4, 15, 17), at(2027, 9, 30, 17)]
    assert [str(event["SUMMARY"]) for event in events] == [
        "Määräaika (Vaihe 1): Kaksivaiheinen haku",
        "Määräaika (Vaihe 2): Kaksivaiheinen haku",
    ]


def test_a_deadline_passed_is_left_out_but_the_next_one_stays(client):
    call = make_call(identifier="AURORA-2027-02", deadlines=[])
    call.deadline_model = Call.DeadlineModel.TWO_STAGE
    save_call(
        call,
        deadlines=[
            DeadlineData(at=at(2027, 2, 1, 17), time_zone="Europe/Brussels"),
            DeadlineData(at=at(2027, 6, 1, 17), time_zone="Europe/Brussels"),
        ],
        related={},
        by=None,
    )

    assert uids(read_feed(client)) == {"AURORA-2027-02-20270601T150000Z@klusteri.fi"}


def test_closed_unpublished_and_continuous_calls_are_not_in_the_feed(client):
    make_call(identifier="OPEN-1", deadlines=[at(2027, 4, 15, 17)])
    make_call(identifier="FORTHCOMING-1", opens_at=at(2027, 4, 1, 9),
              deadlines=[at(2027, 6, 15, 17)])  # fmt: skip
    make_call(identifier="CLOSED-1", opens_at=at(2026, 9, 1, 9), deadlines=[at(2027, 2, 15, 17)])
    make_call(identifier="DRAFT-1", deadlines=[at(2027, 4, 20, 17)], is_published=False)
    make_call(identifier="CONTINUOUS-1", deadlines=[])  # no deadline to show

    assert uids(read_feed(client)) == {
        "OPEN-1-20270415T150000Z@klusteri.fi",
        "FORTHCOMING-1-20270615T150000Z@klusteri.fi",
    }


def test_a_filtered_feed_narrows_as_the_finder_does(client):
    make_call(identifier="AURORA-1", programme="interreg-aurora", deadlines=[at(2027, 4, 15, 17)])
    make_call(identifier="TEMPO-1", programme="business-finland-tempo",
              deadlines=[at(2027, 4, 16, 17)])  # fmt: skip
    make_call(identifier="AKKE-1", programme="akke", deadlines=[at(2027, 4, 17, 17)])

    national = read_feed(client, query="level=national")
    national_or_regional = read_feed(client, query="level=national&level=regional")
    soon = read_feed(client, query="within=60&level=eu")

    assert uids(national) == {"TEMPO-1-20270416T150000Z@klusteri.fi"}
    assert uids(national_or_regional) == {
        "TEMPO-1-20270416T150000Z@klusteri.fi",
        "AKKE-1-20270417T150000Z@klusteri.fi",
    }
    assert uids(soon) == {"AURORA-1-20270415T150000Z@klusteri.fi"}


def test_nonsense_in_the_query_is_ignored_as_on_the_finder(client):
    make_call(identifier="AURORA-1", deadlines=[at(2027, 4, 15, 17)])

    calendar = read_feed(client, query="level=galactic&within=-3&budget=lots")

    assert uids(calendar) == {"AURORA-1-20270415T150000Z@klusteri.fi"}


@pytest.mark.parametrize(
    ("language", "summary", "programme"),
    [
        ("fi", "Määräaika: Vetyhaku", "Ohjelma: Interreg Aurora"),
        ("sv", "Sista dag: Vätesökning", "Program: Interreg Aurora"),
        ("en", "Deadline: Hydrogen call", "Programme: Interreg Aurora"),
    ],
)
def test_the_feed_speaks_the_language_of_its_address(client, language, summary, programme):
    make_call("Hydrogen call", identifier="AURORA-1", deadlines=[at(2027, 4, 15, 17)],
              title_fi="Vetyhaku", title_sv="Vätesökning")  # fmt: skip

    (event,) = read_feed(client, language).events

    call_url = f"http://testserver/{language}/funding/calls/AURORA-1/"
    assert str(event["SUMMARY"]) == summary
    assert str(event["URL"]) == call_url
    description = str(event["DESCRIPTION"])
    assert description.splitlines()[0].startswith(programme)
    assert "AURORA-1" in description
    assert description.splitlines()[-1].endswith(call_url)


def test_a_change_of_a_call_shows_in_the_feed_at_once(client):
    call = make_call("Vanha nimi", identifier="AURORA-1", deadlines=[at(2027, 4, 15, 17)])
    read_feed(client)  # the page and the event are now cached

    call.title_fi = "Uusi nimi"
    save_call(call, deadlines=[DeadlineData(at=at(2027, 4, 22, 17), time_zone="Europe/Brussels")],
              related={}, by=None)  # fmt: skip
    (event,) = read_feed(client).events

    assert str(event["SUMMARY"]) == "Määräaika: Uusi nimi"
    assert at(2027, 4, 22, 17) == event.DTSTART


def test_a_feed_is_kept_a_minute_at_most(client):
    make_call(identifier="SOON-1", deadlines=[NOW + timedelta(seconds=30)])
    make_call(identifier="LATER-1", deadlines=[at(2027, 4, 15, 17)])
    assert len(read_feed(client).events) == 2

    with time_machine.travel(NOW + timedelta(seconds=61), tick=False):
        assert uids(read_feed(client)) == {"LATER-1-20270415T150000Z@klusteri.fi"}


def test_the_same_call_keeps_its_uid_and_stamp_between_reads(client):
    make_call(identifier="AURORA-1", deadlines=[at(2027, 4, 15, 17)])
    first = read_feed(client).events[0]

    with time_machine.travel(NOW + timedelta(hours=2), tick=False):
        second = read_feed(client, query="level=eu").events[0]  # another address

    assert second["UID"] == first["UID"]
    assert second.DTSTAMP == first.DTSTAMP


def queries(client, query: str) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(feed_url(query=query)).status_code == 200
    return len(context)


def test_the_number_of_queries_does_not_grow_with_the_calls(client):
    make_call(identifier="ONE-1", deadlines=[at(2027, 4, 15, 17)])
    one = queries(client, "applicant=sme")
    for number in range(10):
        call = make_call(identifier=f"MANY-{number}", deadlines=[], applicant_types=["sme"])
        call.deadline_model = Call.DeadlineModel.TWO_STAGE
        save_call(call, related={}, by=None, deadlines=[
            DeadlineData(at=at(2027, 4, 1 + number, 17), time_zone="Europe/Helsinki"),
            DeadlineData(at=at(2027, 8, 1 + number, 17), time_zone="Europe/Brussels"),
        ])  # fmt: skip

    assert queries(client, "applicant=sme") == one
    assert len(read_feed(client).events) == 21


def test_addresses_that_mean_the_same_feed_share_it(client, django_assert_num_queries):
    make_call(identifier="AURORA-1", deadlines=[at(2027, 4, 15, 17)])
    first = client.get(feed_url(query="level=eu&level=national")).content

    with django_assert_num_queries(0):  # kept: nothing to read
        same = client.get(feed_url(query="level=national&level=eu&utm_source=mail")).content
    other = client.get(feed_url(query="level=eu")).content

    assert same == first
    assert Calendar.from_ical(other)["UID"] != Calendar.from_ical(first)["UID"]
    assert str(Calendar.from_ical(first)["URL"]) == (
        "http://testserver/fi/funding/deadlines.ics?level=eu&level=national"
    )


def test_text_is_escaped_and_long_lines_folded(client):
    title = "Vety, akut; ja \\kiertotalous\nuudet arvoketjut – " + "pitkä otsikko " * 8
    make_call(identifier="AURORA-1", deadlines=[at(2027, 4, 15, 17)], title_fi=title)

    content = client.get(feed_url()).content
    (event,) = Calendar.from_ical(content).events

    assert str(event["SUMMARY"]) == f"Määräaika: {title}"
    assert max(len(line) for line in content.split(b"\r\n")) <= 75
    content.decode("utf-8")  # no character cut in two by a fold


def test_the_link_is_the_call_page_as_reverse_makes_it(client):
    call = make_call(identifier="EU:2027 A,B;C é", deadlines=[at(2027, 4, 15, 17)])

    (event,) = read_feed(client).events

    assert str(event["URL"]) == f"http://testserver{call.get_absolute_url()}"


def test_a_deadline_in_an_unknown_time_zone_is_given_in_utc(client):
    call = make_call(identifier="ODD-1", deadlines=[])
    odd = DeadlineData(at=at(2027, 4, 15, 17), time_zone="Mars/Olympus")
    save_call(call, deadlines=[odd], related={}, by=None)

    calendar = read_feed(client)

    (event,) = calendar.events
    start = event.DTSTART
    assert start == datetime(2027, 4, 15, 15, tzinfo=UTC)
    assert calendar.get_missing_tzids() == set()


def test_the_feed_takes_no_post(client):
    response = client.post(feed_url())

    assert response.status_code == 405
