"""The organisers' pages: who may use them, the event and series forms, the
status, questions, reminders, invitations and the closing report."""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from klusteri.audit.models import AuditEntry
from klusteri.events import services
from klusteri.events.forms import Recurrence
from klusteri.events.models import (
    ClosingReport,
    Event,
    EventSeries,
    Invitation,
    Question,
    Registration,
    Reminder,
)
from klusteri.events.tests.organiser_fixtures import make_event, register

pytestmark = pytest.mark.django_db

State = Registration.State


@pytest.fixture
def event(cluster, manager):
    return make_event(cluster, by=manager)


def event_data(**overrides) -> dict:
    """What the event form sends for a new event of the cluster."""
    data = {
        "title_fi": "Vetyaamu",
        "title_en": "Hydrogen morning",
        "description_fi": "Aamupäivä vedystä.",
        "event_type": "workshop",
        "format": "in_person",
        "time_zone": "Europe/Helsinki",
        "starts": "2027-03-04T09:00",
        "ends": "2027-03-04T12:00",
        "venue_name": "Tiedekulma",
        "online_url_visibility": "participants",
        "audience": "open",
        "languages": ["fi", "en"],
        "registration_required": "on",
        "capacity": "50",
        "reserved_seats": "5",
        "offer_hours": "24",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


# Who organises ---------------------------------------------------------------------


def test_anonymous_is_sent_to_log_in(client, event):
    response = client.get(reverse("events:edit", args=[event.pk]))

    assert response.status_code == 302
    assert "login" in response["Location"]


def test_outsider_gets_403_for_a_published_event(clients, event):
    for url in ("edit", "status", "participants", "report", "questions", "reminders"):
        assert clients["outsider"].get(reverse(f"events:{url}", args=[event.pk])).status_code == 403


def test_outsider_gets_404_for_a_draft(clients, cluster, manager):
    draft = make_event(cluster, by=manager, status=Event.Status.DRAFT)

    assert clients["outsider"].get(reverse("events:edit", args=[draft.pk])).status_code == 404
    assert clients["other_manager"].get(reverse("events:edit", args=[draft.pk])).status_code == 404


def test_manager_of_another_cluster_gets_403(clients, event, other_cluster):
    assert clients["other_manager"].get(reverse("events:edit", args=[event.pk])).status_code == 403


def test_staff_alone_organise_the_national_platforms_events(clients, staff, cluster):
    national = make_event(None, by=staff)

    assert clients["staff"].get(reverse("events:edit", args=[national.pk])).status_code == 200
    assert clients["manager"].get(reverse("events:edit", args=[national.pk])).status_code == 403


def test_someone_who_manages_no_cluster_may_not_create(clients, cluster):
    assert clients["outsider"].get(reverse("events:create")).status_code == 403
    assert clients["outsider"].get(reverse("events:manage")).status_code == 403
    assert clients["manager"].get(reverse("events:create")).status_code == 200


def test_wrong_method_is_405(clients, event):
    response = clients["manager"].get(reverse("events:participant-action", args=[event.pk, 1]))

    assert response.status_code == 405


# The list of one's events ------------------------------------------------------------


def test_manage_lists_ones_events_with_counts(clients, cluster, manager, event, other_cluster,
                                              other_manager, make_user):  # fmt: skip
    for number, state in enumerate([State.CONFIRMED, State.CONFIRMED, State.WAITLISTED,
                                    State.PENDING, State.WITHDRAWN]):  # fmt: skip
        register(event, make_user(f"p{number}@example.org"), state)
    past = make_event(cluster, by=manager, title="Mennyt", starts_in=timedelta(days=-5))
    make_event(other_cluster, by=other_manager, title="Metsäpäivä")

    response = clients["manager"].get(reverse("events:manage"))

    assert list(response.context["upcoming"]) == [event]
    assert list(response.context["past"]) == [past]
    [row] = response.context["upcoming"]
    assert (row.confirmed, row.waiting, row.pending) == (2, 1, 1)
    assert "Metsäpäivä" not in response.text


def test_manage_query_count_is_constant(clients, cluster, manager, django_assert_max_num_queries):
    for number in range(3):
        make_event(cluster, by=manager, title=f"Tapahtuma {number}")
    client = clients["manager"]
    client.get(reverse("events:manage"))
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("events:manage"))
    for number in range(20):
        make_event(cluster, by=manager, title=f"Lisää {number}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("events:manage"))


# Creating and editing ----------------------------------------------------------------


def test_create_converts_local_time_to_utc(clients, cluster):
    response = clients["manager"].post(
        reverse("events:create"), event_data(organiser=str(cluster.pk))
    )

    assert response.status_code == 302
    event = Event.objects.get()
    # Helsinki is UTC+2 in March (winter time).
    assert event.starts_at == datetime(2027, 3, 4, 7, 0, tzinfo=UTC)
    assert event.ends_at == datetime(2027, 3, 4, 10, 0, tzinfo=UTC)
    assert (event.title_fi, event.title_en) == ("Vetyaamu", "Hydrogen morning")
    assert event.organiser == cluster
    assert event.status == Event.Status.DRAFT
    assert event.languages == ["fi", "en"]
    assert event.reminders.count() == 1  # the default, 48 hours before
    assert AuditEntry.objects.filter(action="events.event.created").count() == 1


def test_summer_time_is_read_on_the_wall_clock(clients, cluster):
    clients["manager"].post(
        reverse("events:create"),
        event_data(organiser=str(cluster.pk), starts="2027-06-04T09:00", ends="2027-06-04T10:00"),
    )

    assert Event.objects.get().starts_at == datetime(2027, 6, 4, 6, 0, tzinfo=UTC)


def test_a_time_the_clocks_skip_is_an_error(clients, cluster):
    # On 28 March 2027 the clocks in Finland move from 3.00 to 4.00.
    response = clients["manager"].post(
        reverse("events:create"),
        event_data(organiser=str(cluster.pk), starts="2027-03-28T03:30", ends="2027-03-28T05:00"),
    )

    assert response.status_code == 200
    assert response.context["form"].errors["starts"]
    assert not Event.objects.exists()


def test_bad_input_keeps_what_was_typed_and_writes_nothing(clients, cluster):
    response = clients["manager"].post(
        reverse("events:create"),
        event_data(organiser=str(cluster.pk), ends="2027-03-04T08:00", capacity="3",
                   reserved_seats="4", starts="2027-03-04T09:00", title_fi="Säilyvä otsikko"),
    )  # fmt: skip

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "ends" in errors and "reserved_seats" in errors
    assert 'value="Säilyvä otsikko"' in response.text
    assert 'value="2027-03-04T09:00"' in response.text
    assert not Event.objects.exists()


def test_unreadable_time_is_a_form_error(clients, cluster):
    response = clients["manager"].post(
        reverse("events:create"), event_data(organiser=str(cluster.pk), starts="huomenna")
    )

    assert response.status_code == 200
    assert response.context["form"].errors["starts"]
    assert not Event.objects.exists()


def test_a_manager_chooses_only_their_own_clusters(clients, cluster, other_cluster):
    response = clients["manager"].post(
        reverse("events:create"), event_data(organiser=str(other_cluster.pk))
    )

    assert response.context["form"].errors["organiser"]
    assert not Event.objects.exists()


def test_a_manager_may_not_leave_the_organiser_empty(clients, cluster):
    response = clients["manager"].post(reverse("events:create"), event_data(organiser=""))

    assert response.context["form"].errors["organiser"]
    assert not Event.objects.exists()


def test_staff_create_a_national_event(clients, cluster):
    response = clients["staff"].post(reverse("events:create"), event_data(organiser=""))

    assert response.status_code == 302
    assert Event.objects.get().organiser is None


def test_edit_shows_local_times_and_saves(clients, event):
    url = reverse("events:edit", args=[event.pk])
    response = clients["manager"].get(url)
    local = event.local_start.strftime("%Y-%m-%dT%H:%M")
    assert f'value="{local}"' in response.text

    response = clients["manager"].post(
        url, event_data(organiser=str(event.organiser_id), title_fi="Uusi nimi",
                        recording_url="https://example.org/tallenne")
    )  # fmt: skip

    assert response.status_code == 302
    event.refresh_from_db()
    assert event.title_fi == "Uusi nimi"
    assert event.recording_url == "https://example.org/tallenne"


def test_raising_capacity_offers_the_freed_seats(clients, event, make_user):
    Event.objects.filter(pk=event.pk).update(capacity=1)
    register(event, make_user("a@example.org"), State.CONFIRMED)
    waiting = register(event, make_user("b@example.org"), State.WAITLISTED)
    data = event_data(organiser=str(event.organiser_id), capacity="2", reserved_seats="0",
                      starts=event.local_start.strftime("%Y-%m-%dT%H:%M"),
                      ends=event.local_end.strftime("%Y-%m-%dT%H:%M"))  # fmt: skip

    clients["manager"].post(reverse("events:edit", args=[event.pk]), data)

    waiting.refresh_from_db()
    assert waiting.state == State.OFFERED


# Status -----------------------------------------------------------------------------


def test_publish_and_cancel(clients, cluster, manager):
    draft = make_event(cluster, by=manager, status=Event.Status.DRAFT)
    url = reverse("events:status", args=[draft.pk])

    clients["manager"].post(url, {"status": "published"})
    draft.refresh_from_db()
    assert draft.status == Event.Status.PUBLISHED

    clients["manager"].post(url, {"status": "cancelled"})
    draft.refresh_from_db()
    assert draft.status == Event.Status.CANCELLED


def test_completed_is_not_set_by_hand(clients, event):
    response = clients["manager"].post(
        reverse("events:status", args=[event.pk]), {"status": "completed"}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["status"]
    event.refresh_from_db()
    assert event.status == Event.Status.PUBLISHED


# Questions, reminders, invitations ---------------------------------------------------


def formset_data(prefix: str, forms: list[dict], initial: int = 0) -> dict:
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(forms)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for number, form in enumerate(forms):
        data.update({f"{prefix}-{number}-{key}": value for key, value in form.items()})
    return data


def test_questions_are_saved(clients, event):
    data = formset_data("form", [
        {"position": "1", "text_fi": "Ruokavalio", "text_en": "Diet", "kind": "text"},
        {"position": "2", "text_fi": "Työpaja", "kind": "choice", "choices_fi": "A\nB",
         "is_required": "on"},
    ])  # fmt: skip

    response = clients["manager"].post(reverse("events:questions", args=[event.pk]), data)

    assert response.status_code == 302
    assert [(q.text_fi, q.kind, q.is_required) for q in event.questions.all()] == [
        ("Ruokavalio", "text", False),
        ("Työpaja", "choice", True),
    ]
    assert AuditEntry.objects.filter(action="events.event.questions").count() == 1


def test_a_choice_question_without_choices_writes_nothing(clients, event):
    data = formset_data("form", [
        {"position": "1", "text_fi": "Ruokavalio", "kind": "text"},
        {"position": "2", "text_fi": "Työpaja", "kind": "choice"},
    ])  # fmt: skip

    response = clients["manager"].post(reverse("events:questions", args=[event.pk]), data)

    assert response.status_code == 200
    assert 'value="Ruokavalio"' in response.text
    assert not Question.objects.exists()


def test_reminders_are_saved_as_offsets(clients, event):
    [default] = event.reminders.all()
    data = formset_data("form", [
        {"id": str(default.pk), "hours": "24", "direction": "before", "anchor": "start",
         "text_fi": "Huomenna!"},
        {"hours": "2", "direction": "after", "anchor": "end", "text_en": "Thanks"},
    ], initial=1)  # fmt: skip

    response = clients["manager"].post(reverse("events:reminders", args=[event.pk]), data)

    assert response.status_code == 302
    assert [(r.anchor, r.offset, r.text_fi or r.text_en) for r in event.reminders.all()] == [
        ("start", timedelta(hours=-24), "Huomenna!"),
        ("end", timedelta(hours=2), "Thanks"),
    ]


def test_a_bad_reminder_writes_nothing(clients, event):
    [default] = event.reminders.all()
    data = formset_data("form", [
        {"id": str(default.pk), "hours": "-3", "direction": "before", "anchor": "start"},
    ], initial=1)  # fmt: skip

    response = clients["manager"].post(reverse("events:reminders", args=[event.pk]), data)

    assert response.status_code == 200
    assert Reminder.objects.get().offset == Reminder.DEFAULT_OFFSET


def test_invalid_invitations_are_listed_and_nothing_written(clients, event):
    response = clients["manager"].post(
        reverse("events:invitations", args=[event.pk]),
        {"emails": "anna@example.org\nei-osoite, bo@example.se\n@rikki"},
    )

    assert response.status_code == 200
    assert "ei-osoite, @rikki" in response.text
    assert "anna@example.org" in response.text  # kept as typed
    assert not Invitation.objects.exists()


def test_invitations_are_replaced(clients, event):
    Invitation.objects.create(event=event, email="vanha@example.org")

    clients["manager"].post(
        reverse("events:invitations", args=[event.pk]),
        {"emails": "Anna@Example.org, bo@example.se; anna@example.org"},
    )

    assert sorted(event.invitations.values_list("email", flat=True)) == [
        "anna@example.org",
        "bo@example.se",
    ]


# The closing report ------------------------------------------------------------------


def test_report_is_refused_before_the_event_ends(clients, event):
    response = clients["manager"].post(
        reverse("events:report", args=[event.pk]),
        {"attendees": "10", "organisations_present": "3", "outcomes": "Hyvä"},
    )

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert not ClosingReport.objects.exists()


def test_report_is_prefilled_and_completes_the_event(clients, cluster, manager, make_user,
                                                     make_organisation):  # fmt: skip
    past = make_event(cluster, by=manager, starts_in=timedelta(days=-2))
    first, second = make_organisation("Yksi Oy"), make_organisation("Kaksi Oy")
    now = timezone.now()
    for number, organisation in enumerate([first, first, second, None]):
        register(past, make_user(f"c{number}@example.org"), organisation=organisation,
                 checked_in_at=now)  # fmt: skip
    register(past, make_user("absent@example.org"), organisation=second)
    url = reverse("events:report", args=[past.pk])

    form = clients["manager"].get(url).context["form"]
    assert (form.initial["attendees"], form.initial["organisations_present"]) == (4, 2)

    response = clients["manager"].post(
        url, {"attendees": "5", "organisations_present": "2", "outcomes": "Kaksi uutta hanketta."}
    )

    assert response.status_code == 302
    past.refresh_from_db()
    assert past.status == Event.Status.COMPLETED
    assert past.closing_report.attendees == 5


def test_report_with_bad_figures_writes_nothing(clients, cluster, manager):
    past = make_event(cluster, by=manager, starts_in=timedelta(days=-2))

    response = clients["manager"].post(
        reverse("events:report", args=[past.pk]),
        {"attendees": "-1", "organisations_present": "paljon", "outcomes": "Tulokset"},
    )

    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"attendees", "organisations_present"}
    assert "Tulokset" in response.text
    assert not ClosingReport.objects.exists()


# Series -----------------------------------------------------------------------------


def series_data(**overrides) -> dict:
    first = (timezone.localdate() + timedelta(days=7)).strftime("%Y-%m-%d")
    data = {
        "title_fi": "Klusterijohtajien kuukausitapaaminen",
        "event_type": "meeting",
        "format": "online",
        "time_zone": "Europe/Helsinki",
        "first": f"{first}T09:00",
        "duration_minutes": "90",
        "recurrence": Recurrence.MONTHLY_WEEKDAY,
        "online_url": "https://example.org/kokous",
        "online_url_visibility": "participants",
        "audience": "open",
        "registration_required": "on",
        "reserved_seats": "0",
        "offer_hours": "24",
        "is_active": "on",
        "publish": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_series_creation_makes_occurrences(clients, cluster):
    response = clients["manager"].post(
        reverse("events:series-create"), series_data(organiser=str(cluster.pk))
    )

    assert response.status_code == 302
    series = EventSeries.objects.get()
    assert series.rule.startswith("FREQ=MONTHLY;BYDAY=")
    occurrences = list(series.occurrences.order_by("starts_at"))
    assert 12 <= len(occurrences) <= 14
    assert {event.status for event in occurrences} == {Event.Status.PUBLISHED}
    assert {event.local_start.hour for event in occurrences} == {9}  # summer and winter
    assert occurrences[0].ends_at - occurrences[0].starts_at == timedelta(minutes=90)


def test_a_bad_custom_rule_writes_nothing(clients, cluster):
    response = clients["manager"].post(
        reverse("events:series-create"),
        series_data(organiser=str(cluster.pk), recurrence="custom", custom_rule="FREQ=MINUTELY"),
    )

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert 'value="FREQ=MINUTELY"' in response.text
    assert not EventSeries.objects.exists()
    assert not Event.objects.exists()


def test_recurrence_choices_make_rules():
    tuesday = datetime(2027, 3, 2, 9, 0)  # the first Tuesday of March
    last_tuesday = datetime(2027, 3, 30, 9, 0)

    assert Recurrence.rule(Recurrence.WEEKLY, tuesday) == "FREQ=WEEKLY;BYDAY=TU"
    assert Recurrence.rule(Recurrence.FORTNIGHTLY, tuesday) == "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"
    assert Recurrence.rule(Recurrence.MONTHLY_WEEKDAY, tuesday) == "FREQ=MONTHLY;BYDAY=1TU"
    assert Recurrence.rule(Recurrence.MONTHLY_WEEKDAY, last_tuesday) == "FREQ=MONTHLY;BYDAY=-1TU"
    assert Recurrence.rule(Recurrence.MONTHLY_DAY, tuesday) == "FREQ=MONTHLY;BYMONTHDAY=2"
    assert Recurrence.choice_of("FREQ=MONTHLY;BYDAY=1TU", tuesday) == Recurrence.MONTHLY_WEEKDAY
    assert Recurrence.choice_of("FREQ=YEARLY", tuesday) == Recurrence.CUSTOM


def test_an_occurrence_edited_alone_keeps_its_changes(clients, cluster):
    clients["manager"].post(reverse("events:series-create"), series_data(organiser=str(cluster.pk)))
    series = EventSeries.objects.get()
    moved, other = series.occurrences.order_by("starts_at")[1:3]
    new_start = moved.local_start + timedelta(days=1)
    data = event_data(
        organiser=str(cluster.pk), title_fi="Siirretty tapaaminen", format="online",
        starts=new_start.strftime("%Y-%m-%dT%H:%M"),
        ends=(new_start + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
    )  # fmt: skip
    assert clients["manager"].post(reverse("events:edit", args=[moved.pk]), data).status_code == 302

    edit = series_data(organiser=str(cluster.pk), title_fi="Uusi nimi", venue_name="Sali 2",
                       first=series.first_start.astimezone(series.occurrences.first().zone)
                       .strftime("%Y-%m-%dT%H:%M"))  # fmt: skip
    response = clients["manager"].post(reverse("events:series-edit", args=[series.pk]), edit)

    assert response.status_code == 302
    moved.refresh_from_db()
    other.refresh_from_db()
    assert moved.detached
    assert moved.title_fi == "Siirretty tapaaminen"
    assert moved.local_start == new_start
    assert other.title_fi == "Uusi nimi"
    assert other.venue_name == "Sali 2"


def test_series_edit_is_for_its_organisers(clients, cluster, manager):
    series = services.save_series(
        EventSeries(title="Sarja", event_type="meeting", organiser=cluster,
                    rule="FREQ=WEEKLY;BYDAY=MO",
                    first_start=timezone.now() + timedelta(days=3)),
        by=manager,
    )  # fmt: skip
    url = reverse("events:series-edit", args=[series.pk])

    assert clients["manager"].get(url).status_code == 200
    assert clients["other_manager"].get(url).status_code == 403
    assert clients["outsider"].get(url).status_code == 403


# The admin ---------------------------------------------------------------------------


@pytest.fixture
def superuser_client(client, make_user):
    client.force_login(make_user("super@example.org", is_staff=True, is_superuser=True))
    return client


def inline_management(*prefixes: str) -> dict:
    data = {}
    for prefix in prefixes:
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    return data


def test_admin_saves_an_event_through_the_service(superuser_client, cluster):
    data = {
        "title_fi": "Ylläpidon tapahtuma", "event_type": "webinar", "format": "online",
        "organiser": str(cluster.pk), "time_zone": "Europe/Helsinki",
        "starts_at_0": "2027-05-04", "starts_at_1": "10:00",
        "ends_at_0": "2027-05-04", "ends_at_1": "11:00", "status": "draft",
        "online_url_visibility": "participants", "audience": "open", "languages": "[]",
        "reserved_seats": "0", "offer_hours": "24", "registration_required": "on",
        **inline_management("questions", "reminders", "registrations"),
    }  # fmt: skip

    response = superuser_client.post(reverse("admin:events_event_add"), data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    event = Event.objects.get()
    assert event.reminders.count() == 1  # the service's default reminder
    assert AuditEntry.objects.filter(action="events.event.created").count() == 1


def test_admin_refuses_registration_closing_before_it_opens(superuser_client, cluster,
                                                           manager):  # fmt: skip
    event = make_event(cluster, by=manager)
    url = reverse("admin:events_event_change", args=[event.pk])
    form = superuser_client.get(url).context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data = {key: value for key, value in data.items() if not isinstance(value, list | bool)}
    data.update({
        "starts_at_0": "2027-05-04", "starts_at_1": "10:00",
        "ends_at_0": "2027-05-04", "ends_at_1": "11:00",
        "registration_opens_at_0": "2027-05-01", "registration_opens_at_1": "10:00",
        "registration_closes_at_0": "2027-04-01", "registration_closes_at_1": "10:00",
        "registration_required": "on", "languages": "[]",
        **inline_management("questions", "reminders", "registrations"),
    })  # fmt: skip
    data["reminders-INITIAL_FORMS"] = "0"

    response = superuser_client.post(url, data)

    assert response.status_code == 200
    with translation.override("fi"):
        assert gettext("Registration cannot close before it opens.") in response.text
    event.refresh_from_db()
    assert event.registration_closes_at is None


def test_admin_closing_report_completes_the_event(superuser_client, cluster, manager):
    past = make_event(cluster, by=manager, starts_in=timedelta(days=-3))
    data = {"event": str(past.pk), "attendees": "30", "organisations_present": "12",
            "outcomes": "Uusi hanke."}  # fmt: skip

    response = superuser_client.post(reverse("admin:events_closingreport_add"), data)

    assert response.status_code == 302
    past.refresh_from_db()
    assert past.status == Event.Status.COMPLETED
    assert AuditEntry.objects.filter(action="events.event.completed").count() == 1


def test_admin_refuses_a_report_before_the_event(superuser_client, event):
    data = {"event": str(event.pk), "attendees": "30", "organisations_present": "12",
            "outcomes": "Uusi hanke."}  # fmt: skip

    response = superuser_client.post(reverse("admin:events_closingreport_add"), data)

    assert response.status_code == 200
    assert not ClosingReport.objects.exists()


def test_staffs_list_is_the_national_platforms_events(clients, staff, cluster, manager):
    national = make_event(None, by=staff, title="Kansallinen päivä")
    make_event(cluster, by=manager, title="Klusterin tapahtuma")

    response = clients["staff"].get(reverse("events:manage"))

    assert list(response.context["upcoming"]) == [national]


def test_times_are_shown_on_the_events_own_clock(clients, cluster, manager):
    event = make_event(cluster, by=manager, time_zone="America/New_York")
    Event.objects.filter(pk=event.pk).update(
        starts_at=datetime(2027, 3, 4, 14, 0, tzinfo=UTC),
        ends_at=datetime(2027, 3, 4, 15, 0, tzinfo=UTC),
    )

    text = clients["manager"].get(reverse("events:manage")).text

    assert "4.3.2027 9.00" in text  # New York, not Helsinki (16.00)


def test_impact_reads_the_figures_of_completed_events_only(cluster, manager):
    reported = make_event(cluster, by=manager, title="Raportoitu", starts_in=timedelta(days=-3))
    services.write_closing_report(
        reported, by=manager, attendees=41, organisations_present=17, outcomes="Kolme pilottia."
    )
    make_event(cluster, by=manager, title="Raportoimaton", starts_in=timedelta(days=-2))

    [figures] = Event.objects.closing_figures()

    assert figures == reported
    report = figures.closing_report
    assert (report.attendees, report.organisations_present) == (41, 17)
