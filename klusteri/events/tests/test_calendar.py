"""The calendar at /<lang>/events/: the list and its filters, the month view, an
event's page (the online link, JSON-LD) and a series' page."""

import itertools
import json
import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from klusteri.clusters.models import ServiceArea
from klusteri.core.testing import translated
from klusteri.events import services
from klusteri.events.filters import EventFilter
from klusteri.events.models import Event, EventSeries, LinkVisibility, Registration
from klusteri.events.testing import make_event
from klusteri.places.models import Municipality

pytestmark = pytest.mark.django_db

URL = "/en/events/"


def titles(response) -> list[str]:
    return re.findall(
        r'<h3 class="event-card__title"><a href="[^"]+"[^>]*>([^<]+)</a>', response.text
    )


def at(days: int, hour: int = 10) -> datetime:
    moment = timezone.localtime(timezone.now() + timedelta(days=days))
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


@pytest.fixture
def helsinki():
    return Municipality.objects.get(name="Helsinki")


@pytest.fixture
def tampere():
    return Municipality.objects.get(name="Tampere")


# The list -------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_list_answers_in_every_language(client, language):
    make_event("Vetywebinaari")

    response = client.get(f"/{language}/events/")

    assert response.status_code == 200
    assert f'<html lang="{language}">' in response.text
    assert "Vetywebinaari" in response.text


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_the_list_speaks_the_language(client, language):
    make_event("Vetywebinaari", capacity=30)

    response = client.get(f"/{language}/events/")

    for message in ["Search events", "Show events", "Organiser", "Seats left", "Webinar"]:
        assert translated(message, language) in response.text


def test_post_is_not_allowed(client):
    assert client.post(URL).status_code == 405


def test_upcoming_soonest_first_past_latest_first(client):
    make_event("Later", starts_at=at(20))
    make_event("Sooner", starts_at=at(2))
    make_event("Long ago", starts_at=at(-60))
    make_event("Lately", starts_at=at(-3))

    assert titles(client.get(URL)) == ["Sooner", "Later"]
    assert titles(client.get(URL + "?when=past")) == ["Lately", "Long ago"]


def test_an_event_under_way_is_still_upcoming(client):
    make_event("Now on", starts_at=timezone.now() - timedelta(hours=1))

    assert titles(client.get(URL)) == ["Now on"]


def test_drafts_are_listed_to_their_managers_alone(client, manager, other_manager, cluster):
    make_event("Luonnos", organiser=cluster, status=Event.Status.DRAFT)
    make_event("Julkinen", organiser=cluster)

    assert titles(client.get(URL)) == ["Julkinen"]
    client.force_login(other_manager)
    assert titles(client.get(URL)) == ["Julkinen"]
    client.force_login(manager)
    assert sorted(titles(client.get(URL))) == ["Julkinen", "Luonnos"]


def test_a_card_shows_seats_left_and_status(client, company_user):
    full = make_event("Full", capacity=1)
    make_event("Roomy", capacity=5, reserved_seats=2)
    make_event("Called off", status=Event.Status.CANCELLED)
    services.register(full, by=company_user)

    text = client.get(URL).text

    assert "Full: waiting list" in text
    assert "<dd>3</dd>" in text  # 5 seats less 2 reserved
    assert 'status-badge--cancelled">Cancelled' in text


def test_a_card_shows_the_time_in_the_events_own_zone(client):
    make_event("Stockholm", starts_at=datetime(2030, 5, 6, 8, 0, tzinfo=UTC),
               time_zone="Europe/Stockholm")  # fmt: skip

    with time_machine.travel(datetime(2030, 5, 1, tzinfo=UTC)):
        text = client.get(URL).text

    assert "10:00" in text  # 8.00 UTC is 10.00 in Stockholm in summer, not 11.00
    assert "(Europe/Stockholm)" in text


# The filters ----------------------------------------------------------------------


def narrowed(query: str, now=None) -> list[str]:
    from django.http import QueryDict

    events = EventFilter(QueryDict(query)).narrow(Event.objects.listed(), now)
    return sorted(event.title_en for event in events)


def test_filters(cluster, other_cluster, helsinki, tampere):
    energy = ServiceArea.objects.first()
    make_event("Helsinki webinar", organiser=cluster, municipality=helsinki, languages=["fi"])
    make_event("Tampere workshop", organiser=other_cluster, municipality=tampere,
               event_type="workshop", format="in_person", languages=["en", "sv"],
               topics=[energy])  # fmt: skip
    make_event("Platform meeting", event_type="meeting", format="hybrid",
               co_organisers=[other_cluster], description_en="All about hydrogen.")  # fmt: skip

    assert narrowed("type=workshop&type=meeting") == ["Platform meeting", "Tampere workshop"]
    assert narrowed("format=in_person") == ["Tampere workshop"]
    assert narrowed(f"organiser={cluster.slug}") == ["Helsinki webinar"]
    # A co-organiser's events are its events too.
    assert narrowed(f"organiser={other_cluster.slug}") == ["Platform meeting", "Tampere workshop"]
    assert narrowed("organiser=platform") == ["Platform meeting"]
    assert narrowed(f"region={tampere.region.code}") == ["Tampere workshop"]
    assert narrowed(f"topic={energy.slug}") == ["Tampere workshop"]
    assert narrowed("language=sv") == ["Tampere workshop"]
    assert narrowed("language=fi&language=sv") == ["Helsinki webinar", "Tampere workshop"]
    assert narrowed("q=HYDROGEN") == ["Platform meeting"]
    assert narrowed("q=tampere") == ["Tampere workshop"]
    # Different filters all apply.
    assert narrowed(f"organiser={other_cluster.slug}&format=hybrid") == ["Platform meeting"]


def test_nonsense_values_are_dropped_not_errors(client):
    make_event("Webinaari")

    response = client.get(URL + "?type=evil&month=2026-13&when=soon&organiser=nobody&page=x")

    assert response.status_code == 200
    assert titles(response) == ["Webinaari"]


def test_month_filter_shows_the_whole_month(client):
    with time_machine.travel(datetime(2030, 3, 15, 12, tzinfo=UTC)):
        make_event("Early March", starts_at=datetime(2030, 3, 2, 8, tzinfo=UTC))
        make_event("Late March", starts_at=datetime(2030, 3, 30, 8, tzinfo=UTC))
        make_event("April", starts_at=datetime(2030, 4, 2, 8, tzinfo=UTC))
        # The first hours of 1 April in Helsinki are still 31 March in UTC.
        make_event("April in Helsinki", starts_at=datetime(2030, 3, 31, 22, 30, tzinfo=UTC))

        assert narrowed("month=2030-03") == ["Early March", "Late March"]
        assert narrowed("month=2030-03&when=upcoming") == ["Late March"]
        assert narrowed("month=2030-04") == ["April", "April in Helsinki"]


def test_the_filter_groups_offer_the_organisers(client, cluster, other_cluster):
    make_event("Vety", organiser=cluster)
    make_event("Luonnos", organiser=other_cluster, status=Event.Status.DRAFT)

    text = client.get(URL).text

    assert 'value="platform"' in text
    assert f'value="{cluster.slug}"' in text
    assert f'value="{other_cluster.slug}"' not in text  # only a draft of its own


# The month view -------------------------------------------------------------------


def test_the_month_view_shows_the_month_with_links(client):
    with time_machine.travel(datetime(2030, 3, 1, tzinfo=UTC)):
        make_event("Kevätkokous", starts_at=datetime(2030, 3, 12, 7, tzinfo=UTC))
        make_event("Huhtikuu", starts_at=datetime(2030, 4, 12, 7, tzinfo=UTC))

        response = client.get("/en/events/month/2030/3/")

    text = response.text
    assert response.status_code == 200
    assert "<caption>" in text and "March 2030" in text
    assert text.count("Kevätkokous") == 2  # in the table and in the list of days
    assert "Huhtikuu" not in text
    assert 'href="/en/events/month/2030/2/"' in text
    assert 'href="/en/events/month/2030/4/"' in text


def test_an_event_of_several_days_is_on_each_day(client):
    with time_machine.travel(datetime(2030, 3, 1, tzinfo=UTC)):
        make_event("Messut", starts_at=datetime(2030, 3, 30, 7, tzinfo=UTC),
                   duration=timedelta(days=3))  # fmt: skip

        march = client.get("/en/events/month/2030/3/").text
        april = client.get("/en/events/month/2030/4/").text

    # On 30 and 31 March, in the table and in the list of days.
    assert march.count('">Messut</a>') + march.count(" Messut</a>") == 4
    assert "Messut" in april


@pytest.mark.parametrize("path", ["month/2030/13/", "month/1900/1/"])
def test_a_month_that_is_none_is_404(client, path):
    assert client.get(URL + path).status_code == 404


def test_the_month_view_keeps_the_filters(client, cluster):
    with time_machine.travel(datetime(2030, 3, 1, tzinfo=UTC)):
        make_event("Vety", organiser=cluster, starts_at=datetime(2030, 3, 12, 7, tzinfo=UTC))
        make_event("Muu", starts_at=datetime(2030, 3, 13, 7, tzinfo=UTC))

        text = client.get(f"/en/events/month/2030/3/?organiser={cluster.slug}").text

    assert "Vety" in text and "Muu" not in text
    assert f'href="/en/events/month/2030/4/?organiser={cluster.slug}"' in text


# An event's page ------------------------------------------------------------------


def test_the_event_page_shows_every_detail(client, cluster, other_cluster, helsinki):
    topic = ServiceArea.objects.first()
    event = make_event(
        "Vetypäivä", organiser=cluster, co_organisers=[other_cluster], format="hybrid",
        venue_name="Kattilahalli", street_address="Energiakatu 1", postal_code="00180",
        municipality=helsinki, languages=["fi", "en"], topics=[topic], capacity=40,
        description_en="We talk about **hydrogen**.<script>alert(1)</script>",
        audience="members",
    )  # fmt: skip

    text = client.get(event.get_absolute_url().replace("/fi/", "/en/")).text

    for shown in ["Vetypäivä", "Kattilahalli", "Energiakatu 1", "00180 Helsinki", "Uusimaa",
                  "Finnish, English", topic.name, "Members of the organising cluster",
                  "Europe/Helsinki", "40 seats", "40 left", "<strong>hydrogen</strong>",
                  f'href="{cluster.get_absolute_url().replace("/fi/", "/en/")}"',
                  f'href="/en/events/{event.pk}/calendar.ics"', other_cluster.name]:  # fmt: skip
        assert shown in text, shown
    assert "<script>alert" not in text


def test_a_draft_is_404_to_all_but_its_managers(client, manager, other_manager, staff, cluster):
    draft = make_event("Luonnos", organiser=cluster, status=Event.Status.DRAFT)
    url = f"/en/events/{draft.pk}/"

    assert client.get(url).status_code == 404
    client.force_login(other_manager)
    assert client.get(url).status_code == 404
    client.force_login(manager)
    assert client.get(url).status_code == 200
    client.force_login(staff)
    assert client.get(url).status_code == 200


def test_recording_and_materials_after_the_event(client):
    event = make_event("Webinaari", recording_url="https://video.example.org/1",
                       materials_en="[Slides](https://example.org/slides.pdf)")  # fmt: skip
    url = f"/en/events/{event.pk}/"

    assert "https://video.example.org/1" not in client.get(url).text
    with time_machine.travel(event.ends_at + timedelta(hours=1)):
        text = client.get(url + "?later").text
    assert 'href="https://video.example.org/1"' in text
    assert '<a href="https://example.org/slides.pdf" rel="nofollow noopener">Slides</a>' in text


def test_the_organisers_other_upcoming_events(client, cluster):
    event = make_event("Tämä", organiser=cluster)
    make_event("Seuraava", organiser=cluster, starts_at=at(30))
    make_event("Mennyt", organiser=cluster, starts_at=at(-30))
    make_event("Toisen", starts_at=at(9))

    text = client.get(f"/en/events/{event.pk}/").text

    assert "More events by Vetyklusteri" in text
    assert "Seuraava" in text
    assert "Mennyt" not in text and "Toisen" not in text


LINK = "https://meet.example.org/secret-room"


def shows_link(client, event) -> bool:
    return LINK in client.get(f"/en/events/{event.pk}/?r={next(_requests)}").text


@pytest.mark.parametrize(
    ("visibility", "anonymous", "signed_in", "confirmed", "manager_sees"),
    [
        (LinkVisibility.EVERYONE, True, True, True, True),
        (LinkVisibility.SIGNED_IN, False, True, True, True),
        (LinkVisibility.PARTICIPANTS, False, False, True, True),
    ],
)
def test_the_online_link_is_shown_to_those_entitled(
    client, cluster, manager, outsider, company_user,
    visibility, anonymous, signed_in, confirmed, manager_sees,
):  # fmt: skip
    event = make_event("Etä", organiser=cluster, online_url=LINK, online_url_visibility=visibility)
    services.register(event, by=company_user)

    assert shows_link(client, event) is anonymous
    client.force_login(outsider)
    assert shows_link(client, event) is signed_in
    client.force_login(company_user)
    assert shows_link(client, event) is confirmed
    client.force_login(manager)
    assert shows_link(client, event) is manager_sees


def test_the_link_is_hidden_from_one_waiting(client, company_user, outsider):
    event = make_event("Täynnä", online_url=LINK, capacity=1)
    services.register(event, by=outsider)
    waiting = services.register(event, by=company_user)
    assert waiting.state == Registration.State.WAITLISTED

    client.force_login(company_user)
    assert not shows_link(client, event)


def json_ld_of(text: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', text, re.S)
    return json.loads(match[1])


def test_json_ld_describes_the_event(client, cluster, helsinki):
    event = make_event(
        "Hybrid </script><b>day", organiser=cluster, format="hybrid", venue_name="Kattilahalli",
        municipality=helsinki, online_url=LINK, status=Event.Status.CANCELLED,
        starts_at=datetime(2030, 6, 3, 6, 0, tzinfo=UTC), languages=["fi"],
    )  # fmt: skip

    text = client.get(f"/en/events/{event.pk}/").text
    data = json_ld_of(text)

    assert "</script><b>" not in text  # escaped in the data block
    assert data["@type"] == "Event"
    assert data["name"] == "Hybrid </script><b>day"
    assert data["startDate"] == "2030-06-03T09:00:00+03:00"
    assert data["eventStatus"] == "https://schema.org/EventCancelled"
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    place, virtual = data["location"]
    assert place["@type"] == "Place" and place["address"]["addressLocality"] == "Helsinki"
    # The link is for participants: the data point to the page instead.
    assert virtual == {
        "@type": "VirtualLocation",
        "url": f"http://testserver/en/events/{event.pk}/",
    }
    assert data["organizer"] == [
        {"@type": "Organization", "name": "Vetyklusteri",
         "url": f"http://testserver/en/clusters/{cluster.slug}/"}
    ]  # fmt: skip


def test_json_ld_of_an_online_event_for_everyone(client):
    event = make_event("Webinaari", online_url=LINK, online_url_visibility=LinkVisibility.EVERYONE)

    data = json_ld_of(client.get(f"/en/events/{event.pk}/").text)

    assert data["location"] == {"@type": "VirtualLocation", "url": LINK}
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["organizer"][0]["name"] == "Klusteri"


# A series -------------------------------------------------------------------------


def make_series(by, **fields) -> EventSeries:
    fields.setdefault("title_en", "Cluster managers' meeting")
    fields.setdefault("event_type", "meeting")
    fields.setdefault("format", "online")
    fields.setdefault("rule", "FREQ=MONTHLY;BYDAY=1TU")
    fields.setdefault("first_start", at(1, hour=9))
    return services.save_series(EventSeries(**fields), by=by, status=Event.Status.PUBLISHED)


def test_the_series_page_lists_its_occurrences(client, staff):
    series = make_series(staff)
    first = series.occurrences.order_by("starts_at").first()

    text = client.get(f"/en/events/series/{series.pk}/").text

    assert "Cluster managers&#x27; meeting" in text
    assert f'href="/en/events/{first.pk}/"' in text
    assert "Upcoming occurrences" in text


def test_a_series_of_drafts_is_its_organisers_alone(client, staff, manager, cluster):
    series = services.save_series(
        EventSeries(title_en="Luonnos", event_type="meeting", rule="FREQ=MONTHLY;BYDAY=1TU",
                    first_start=at(1, hour=9), organiser=cluster),
        by=staff,
    )  # fmt: skip
    url = f"/en/events/series/{series.pk}/"

    assert client.get(url).status_code == 404
    client.force_login(manager)
    assert client.get(url).status_code == 200


# Caching and the cost of the pages ------------------------------------------------


def test_anonymous_pages_are_kept_and_renewed_on_change(client):
    event = make_event("Ennen")
    assert "Ennen" in client.get(URL).text

    Event.objects.filter(pk=event.pk).update(title_en="Kept")  # no signal: the cache answers
    assert "Ennen" in client.get(URL).text
    event.title_en = "Jälkeen"
    services.save_event(event, by=None)
    assert "Jälkeen" in client.get(URL).text


_requests = itertools.count()


def queries_of(client, url: str) -> int:
    """The queries of ``url`` asked anew: a parameter that means nothing makes every
    address new, so the page cache never answers."""
    url += f"{'&' if '?' in url else '?'}new={next(_requests)}"
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def rich_events(number: int, *, organiser, users, municipality, start: datetime) -> Event:
    topics = list(ServiceArea.objects.all()[:2])
    event = None
    for index in range(number):
        event = make_event(
            f"Tapahtuma {index}", organiser=organiser, municipality=municipality,
            capacity=10, topics=topics, co_organisers=[], format="hybrid",
            starts_at=start + timedelta(days=index % 20, hours=index),
        )  # fmt: skip
        for user in users:
            services.register(event, by=user)
    return event


@pytest.mark.parametrize("who", ["anonymous", "manager"])
def test_query_counts_are_constant_in_the_number_of_events(
    client, cluster, helsinki, company_user, outsider, manager, who
):
    if who == "manager":
        client.force_login(manager)
    start = datetime(2030, 3, 2, 8, tzinfo=UTC)
    users = [company_user, outsider]

    def counts(event) -> list[int]:
        return [
            queries_of(client, URL),
            queries_of(client, URL + f"?organiser={cluster.slug}&format=hybrid&region=MK01"),
            queries_of(client, "/en/events/month/2030/3/"),
            queries_of(client, f"/en/events/{event.pk}/"),
        ]

    with time_machine.travel(datetime(2030, 3, 1, tzinfo=UTC)):
        event = rich_events(3, organiser=cluster, users=users, municipality=helsinki, start=start)
        client.get(URL)  # the filters' options are cached apart from the events
        few = counts(event)
        event = rich_events(25, organiser=cluster, users=users, municipality=helsinki, start=start)
        client.get(URL)
        many = counts(event)

    assert few == many


# The section in the site ------------------------------------------------------------


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_header_and_home_page_lead_to_the_calendar(client, language):
    make_event("Seuraava tapahtuma")
    make_event("Luonnos", status=Event.Status.DRAFT)

    text = client.get(f"/{language}/").text

    assert f'href="/{language}/events/"' in text
    assert "Seuraava tapahtuma" in text
    assert "Luonnos" not in text
    assert translated("Coming up", language) in text
