"""The calendar feeds (iCal) read back with icalendar, and the RSS and Atom feeds of
new events."""

import xml.etree.ElementTree as ET
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone
from icalendar import Calendar

from klusteri.clusters.models import ServiceArea
from klusteri.events import services
from klusteri.events.models import Event, EventSeries, LinkVisibility
from klusteri.events.testing import make_event

pytestmark = pytest.mark.django_db

HELSINKI = ZoneInfo("Europe/Helsinki")
LINK = "https://meet.example.org/secret-room"


def parsed(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def summaries(calendar: Calendar) -> list[str]:
    return sorted(str(event["SUMMARY"]) for event in calendar.walk("VEVENT"))


def test_an_events_ics_has_its_time_zone_and_details(client, cluster):
    event = make_event("Vetypäivä", organiser=cluster, venue_name="Kattilahalli",
                       starts_at=datetime(2030, 6, 3, 6, 0, tzinfo=UTC))  # fmt: skip

    response = client.get(f"/en/events/{event.pk}/calendar.ics")
    calendar = parsed(response)
    (vevent,) = calendar.walk("VEVENT")

    assert response["Content-Disposition"].startswith("attachment;")
    assert [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")] == ["Europe/Helsinki"]
    assert vevent["DTSTART"].params["TZID"] == "Europe/Helsinki"
    assert vevent.decoded("DTSTART") == datetime(2030, 6, 3, 9, 0, tzinfo=HELSINKI)
    assert vevent.decoded("DTEND") == datetime(2030, 6, 3, 11, 0, tzinfo=HELSINKI)
    assert str(vevent["UID"]) == f"event-{event.pk}@klusteri.fi"
    assert str(vevent["STATUS"]) == "CONFIRMED"
    assert str(vevent["LOCATION"]) == "Kattilahalli"
    assert str(vevent["URL"]) == f"http://testserver/en/events/{event.pk}/"
    assert "Organiser: Vetyklusteri" in str(vevent["DESCRIPTION"])


def test_a_draft_ics_is_404_to_the_public(client, cluster, manager):
    draft = make_event("Luonnos", organiser=cluster, status=Event.Status.DRAFT)
    url = f"/en/events/{draft.pk}/calendar.ics"

    assert client.get(url).status_code == 404
    client.force_login(manager)
    assert summaries(parsed(client.get(url))) == ["Luonnos"]


def test_a_cancelled_event_stays_as_cancelled_with_a_higher_sequence(client):
    event = make_event("Peruttu")
    before = parsed(client.get("/en/events/calendar.ics")).walk("VEVENT")[0]

    with time_machine.travel(timezone.now() + timedelta(minutes=5)):
        services.set_status(event, Event.Status.CANCELLED, by=None)
        after = parsed(client.get("/en/events/calendar.ics")).walk("VEVENT")[0]

    assert str(after["STATUS"]) == "CANCELLED"
    assert str(after["UID"]) == str(before["UID"])
    assert int(after["SEQUENCE"]) > int(before["SEQUENCE"])


def test_the_feed_of_all_events_is_narrowed_by_the_lists_filters(client, cluster):
    make_event("Webinaari")
    make_event("Työpaja", event_type="workshop", organiser=cluster)
    make_event("Luonnos", status=Event.Status.DRAFT)
    make_event("Kauan sitten", starts_at=datetime(2020, 1, 1, tzinfo=UTC))

    assert summaries(parsed(client.get("/en/events/calendar.ics"))) == ["Työpaja", "Webinaari"]
    narrowed = client.get("/en/events/calendar.ics?type=workshop&type=nonsense")
    assert summaries(parsed(narrowed)) == ["Työpaja"]


def test_the_feed_of_a_cluster_and_of_a_topic(client, cluster, other_cluster):
    topic = ServiceArea.objects.first()
    make_event("Oma", organiser=cluster, topics=[topic])
    make_event("Yhteinen", organiser=other_cluster, co_organisers=[cluster])
    make_event("Muu", organiser=other_cluster)

    assert summaries(parsed(client.get(f"/en/events/clusters/{cluster.slug}/calendar.ics"))) == [
        "Oma",
        "Yhteinen",
    ]
    assert summaries(parsed(client.get(f"/en/events/topics/{topic.slug}/calendar.ics"))) == ["Oma"]
    assert client.get("/en/events/clusters/nobody/calendar.ics").status_code == 404
    assert client.get("/en/events/topics/nothing/calendar.ics").status_code == 404


@pytest.mark.parametrize(
    ("visibility", "in_public_feed"),
    [(LinkVisibility.EVERYONE, True), (LinkVisibility.SIGNED_IN, False),
     (LinkVisibility.PARTICIPANTS, False)],
)  # fmt: skip
def test_the_online_link_is_in_a_public_feed_only_for_everyone(client, visibility, in_public_feed):
    make_event("Etä", online_url=LINK, online_url_visibility=visibility)

    assert (LINK in client.get("/en/events/calendar.ics").content.decode()) is in_public_feed


def test_the_personal_feed_holds_ones_active_registrations(client, company_user, outsider):
    mine = make_event("Oma", online_url=LINK, capacity=1)
    waiting = make_event("Jonossa", capacity=1, online_url=LINK)
    withdrawn = make_event("Peruin")
    make_event("Muiden")
    services.register(mine, by=company_user)
    services.register(waiting, by=outsider)
    services.register(waiting, by=company_user)
    services.withdraw(services.register(withdrawn, by=company_user), by=company_user)
    token = services.renew_feed_token(company_user, by=company_user)

    response = client.get(f"/en/events/feed/{token.key}.ics")
    calendar = parsed(response)

    assert summaries(calendar) == ["Jonossa", "Oma"]
    assert "no-cache" in response["Cache-Control"]
    # Confirmed: the link as the page shows it to them; waiting: none.
    events = {str(event["SUMMARY"]): str(event["DESCRIPTION"]) for event in calendar.walk("VEVENT")}
    assert LINK in events["Oma"] and LINK not in events["Jonossa"]


def test_an_unknown_or_renewed_key_is_404(client, company_user):
    old = services.renew_feed_token(company_user, by=company_user).key
    services.renew_feed_token(company_user, by=company_user)

    assert client.get(f"/en/events/feed/{old}.ics").status_code == 404
    assert client.get("/en/events/feed/nonsense.ics").status_code == 404


def test_a_monthly_series_keeps_its_wall_clock_across_summer_time(client, staff):
    """9.00 in Helsinki is 7.00 UTC in winter and 6.00 UTC in summer (from the last
    Sunday of March to the last Sunday of October)."""
    with time_machine.travel(datetime(2030, 1, 10, tzinfo=UTC)):
        series = services.save_series(
            EventSeries(
                title_en="Klusteripäällikköjen tapaaminen", event_type="meeting", format="online",
                rule="FREQ=MONTHLY;BYDAY=1TU;COUNT=12",
                first_start=datetime(2030, 2, 5, 9, 0, tzinfo=HELSINKI),
                duration=timedelta(hours=1, minutes=30),
            ),
            by=staff, status=Event.Status.PUBLISHED,
        )  # fmt: skip
        calendar = parsed(client.get("/en/events/calendar.ics"))

    starts = sorted(event.decoded("DTSTART") for event in calendar.walk("VEVENT"))
    assert len(starts) == 12 == series.occurrences.count()
    for start in starts:
        assert start.tzinfo.key == "Europe/Helsinki"
        assert start.time() == time(9, 0)
    by_month = {start.month: start.astimezone(UTC).hour for start in starts}
    assert by_month[3] == 7  # 5 March: winter time, UTC+2
    assert by_month[4] == 6  # 2 April: summer time, UTC+3
    assert by_month[10] == 6  # 1 October: still summer
    assert by_month[11] == 7  # 5 November: winter again
    # The time zone the calendar carries knows both offsets.
    (zone,) = calendar.walk("VTIMEZONE")
    assert {"STANDARD", "DAYLIGHT"} <= {part.name for part in zone.subcomponents}
    assert len({str(event["UID"]) for event in calendar.walk("VEVENT")}) == 12


# RSS and Atom ---------------------------------------------------------------------


def test_rss_lists_the_newest_events_first(client):
    make_event("Vanha")
    make_event("Luonnos", status=Event.Status.DRAFT)
    with time_machine.travel(timezone.now() + timedelta(minutes=1)):
        make_event("Uusi")

    response = client.get("/en/events/new.rss")
    root = ET.fromstring(response.content)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    items = root.findall("./channel/item")
    assert [item.findtext("title") for item in items] == ["Uusi", "Vanha"]
    assert items[0].findtext("link").startswith("http://testserver/en/events/")


def test_atom_is_valid_atom(client):
    make_event("Uusi")

    response = client.get("/fi/events/new.atom")
    root = ET.fromstring(response.content)
    atom = "{http://www.w3.org/2005/Atom}"

    assert response["Content-Type"].startswith("application/atom+xml")
    assert root.tag == f"{atom}feed"
    (entry,) = root.findall(f"{atom}entry")
    assert entry.findtext(f"{atom}title") == "Uusi"
    assert entry.find(f"{atom}updated") is not None and entry.find(f"{atom}id") is not None


@pytest.mark.parametrize(
    "path", ["calendar.ics", "new.rss", "new.atom", "feed/x.ics", "1/calendar.ics"]
)
def test_feeds_refuse_post(client, path):
    make_event("Yksi")

    assert client.post(f"/en/events/{path}").status_code == 405
