"""/api/v1/events/: the calendar's events through its filters, and one event."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from klusteri.clusters.models import Ecosystem, ServiceArea
from klusteri.events import services
from klusteri.events.models import Event, LinkVisibility
from klusteri.places.models import Municipality

pytestmark = pytest.mark.django_db

EVENTS = "/api/v1/events/"
NOW = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


def add_event(title: str, *, days: float, status=Event.Status.PUBLISHED, **fields) -> Event:
    starts = NOW + timedelta(days=days)
    event = Event(
        title=title,
        event_type=fields.pop("event_type", "webinar"),
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        status=status,
        **fields,
    )
    return services.save_event(event, by=None)


def titles(response) -> list[str]:
    assert response.status_code == 200, response.json()
    return [row["title"] for row in response.json()["results"]]


def test_an_event_has_every_field(client, cluster, other_cluster):
    event = add_event(
        "Vetypäivä",
        days=10,
        title_sv="Vätgasdagen",
        title_en="Hydrogen day",
        description_en="Hydrogen valleys of the Nordics.",
        event_type="national",
        format="hybrid",
        organiser=cluster,
        venue_name="Kokkolan kaupungintalo",
        street_address="Kauppatori 2",
        postal_code="67100",
        municipality=Municipality.objects.get(name="Kokkola"),
        online_url="https://meet.example/vety",
        online_url_visibility=LinkVisibility.PARTICIPANTS,
        languages=["fi", "en"],
        capacity=120,
    )
    event.co_organisers.set([other_cluster])
    event.topics.set(ServiceArea.objects.all()[:1])
    event.ecosystems.set(Ecosystem.objects.filter(slug="energy-intensive"))

    response = client.get(f"{EVENTS}{event.pk}/?lang=en")

    assert response.status_code == 200
    data = response.json()
    assert data["title"] == "Hydrogen day"
    assert data["titles"] == {"fi": "Vetypäivä", "sv": "Vätgasdagen", "en": "Hydrogen day"}
    assert data["local_start"].endswith("+02:00")  # Helsinki in winter
    assert data["organiser"] == {"slug": cluster.slug, "name": cluster.name_en}
    assert [row["slug"] for row in data["co_organisers"]] == [other_cluster.slug]
    assert data["venue"]["municipality"] == "272"
    assert data["venue"]["region"] == "MK16"
    # Only for participants: the API, read by anyone, never shows it.
    assert data["online_url"] is None
    assert data["ecosystems"] == ["energy-intensive"]
    assert data["url"].endswith(f"/en/events/{event.pk}/")


def test_the_link_everyone_may_see_is_given(client):
    event = add_event(
        "Webinaari",
        days=3,
        format="online",
        online_url="https://meet.example/w",
        online_url_visibility=LinkVisibility.EVERYONE,
    )

    data = client.get(f"{EVENTS}{event.pk}/").json()

    assert data["online_url"] == "https://meet.example/w"
    assert data["venue"] is None


def test_upcoming_first_and_past_latest_first_without_drafts(client):
    add_event("Huomenna", days=1)
    add_event("Ensi viikolla", days=7)
    add_event("Eilen", days=-1)
    add_event("Viime viikolla", days=-7)
    add_event("Luonnos", days=2, status=Event.Status.DRAFT)

    assert titles(client.get(EVENTS)) == ["Huomenna", "Ensi viikolla"]
    assert titles(client.get(EVENTS, {"when": "past"})) == ["Eilen", "Viime viikolla"]


def test_filters_by_type_and_organiser(client, cluster):
    add_event("Klusterin työpaja", days=2, event_type="workshop", organiser=cluster)
    add_event("Kansallinen webinaari", days=3)

    assert titles(client.get(EVENTS, {"type": "workshop"})) == ["Klusterin työpaja"]
    assert titles(client.get(EVENTS, {"organiser": "platform"})) == ["Kansallinen webinaari"]
    assert titles(client.get(EVENTS, {"organiser": cluster.slug})) == ["Klusterin työpaja"]


def test_an_unknown_code_is_refused_with_a_reason(client):
    response = client.get(EVENTS, {"topic": "no-such-topic", "region": "MK99"})

    assert response.status_code == 422
    errors = response.json()["errors"]
    assert "no-such-topic" in errors["topic"][0]
    assert "MK99" in errors["region"][0]


def test_a_bad_month_is_refused(client):
    assert client.get(EVENTS, {"month": "2027-13"}).status_code == 422


def test_a_draft_is_not_found(client):
    draft = add_event("Luonnos", days=2, status=Event.Status.DRAFT)

    assert client.get(f"{EVENTS}{draft.pk}/").status_code == 404
    assert client.get(f"{EVENTS}999999/").status_code == 404


def test_the_list_takes_the_same_queries_for_more_events(client, cluster):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(EVENTS).status_code == 200
        return len(captured)

    add_event("Yksi", days=1, organiser=cluster)
    few = queries()
    for day in range(2, 12):
        event = add_event(f"Tapahtuma {day}", days=day, organiser=cluster)
        event.topics.set(ServiceArea.objects.all()[:2])

    assert queries() == few
