"""The participant list of an event: its rows and filters, the organiser's actions
on a row (check-in among them), the export, and its cost in queries."""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone, translation

from klusteri.audit.models import AuditEntry
from klusteri.events.models import Question, Registration
from klusteri.events.tests.organiser_fixtures import make_event, register

pytestmark = pytest.mark.django_db

State = Registration.State


@pytest.fixture
def event(cluster, manager):
    """One public seat (Anna's, below) and two reserved: the event is full."""
    return make_event(cluster, by=manager, capacity=3, reserved_seats=2)


@pytest.fixture
def diet(event):
    return Question.objects.create(event=event, text="Ruokavalio", position=1)


@pytest.fixture
def people(event, diet, make_user, make_organisation):
    """Anna confirmed (Yksi Oy, vegan), Bo pending, Cecilia on the waiting list."""
    company = make_organisation("Yksi Oy")
    return {
        "anna": register(event, make_user("anna@example.org", name="Anna Aalto"),
                         organisation=company, answers={str(diet.pk): "vegaani"}),
        "bo": register(event, make_user("bo@example.se", name="Bo Berg"), State.PENDING),
        "cecilia": register(event, make_user("cecilia@example.org", name="Cecilia Cruz"),
                            State.WAITLISTED),
    }  # fmt: skip


def list_url(event, query: str = "") -> str:
    return reverse("events:participants", args=[event.pk]) + query


def action(client, registration, name: str, **headers):
    url = reverse("events:participant-action", args=[registration.event_id, registration.pk])
    return client.post(url, {"action": name}, headers=headers)


def test_the_list_shows_people_their_answers_and_states(clients, event, people):
    response = clients["manager"].get(list_url(event))

    assert response.status_code == 200
    text = response.text
    for expected in ("Anna Aalto", "anna@example.org", "Yksi Oy", "vegaani", "Ruokavalio",
                     "Bo Berg", "Cecilia Cruz"):  # fmt: skip
        assert expected in text
    with translation.override("fi"):
        assert str(State.PENDING.label) in text


def test_the_list_filters_by_state_and_search(clients, event, people):
    by_state = clients["manager"].get(list_url(event, "?state=pending"))
    assert [p.pk for p in by_state.context["participants"]] == [people["bo"].pk]

    by_search = clients["manager"].get(list_url(event, "?q=yksi"))
    assert [p.pk for p in by_search.context["participants"]] == [people["anna"].pk]

    unknown_state = clients["manager"].get(list_url(event, "?state=nonsense"))
    assert len(unknown_state.context["participants"]) == 3


def test_list_queries_are_constant_in_registrations(clients, event, diet, make_user,
                                                    make_organisation,
                                                    django_assert_max_num_queries):  # fmt: skip
    company = make_organisation("Iso Oy")

    def add(count: int, start: int) -> None:
        for number in range(start, start + count):
            register(event, make_user(f"m{number}@example.org", name=f"Matti {number}"),
                     organisation=company, answers={str(diet.pk): "kala"})  # fmt: skip

    client = clients["manager"]
    add(3, 0)
    client.get(list_url(event))
    with django_assert_max_num_queries(15) as small:
        client.get(list_url(event))
    add(40, 3)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(list_url(event))
    assert len(response.context["participants"]) == 43


def test_check_in_and_undo(clients, event, people):
    anna = people["anna"]

    response = action(clients["manager"], anna, "check_in")

    assert response.status_code == 302
    assert response["Location"].endswith(f"#registration-{anna.pk}")
    anna.refresh_from_db()
    assert anna.checked_in_at is not None

    action(clients["manager"], anna, "undo_check_in")
    anna.refresh_from_db()
    assert anna.checked_in_at is None
    assert AuditEntry.objects.filter(action="events.registration.checked_in").count() == 1


def test_check_in_by_htmx_answers_the_row(clients, event, people):
    anna = people["anna"]

    response = action(clients["manager"], anna, "check_in", HX_Request="true")

    assert response.status_code == 200
    assert response.text.lstrip().startswith(f'<tr id="registration-{anna.pk}"')
    assert 'value="undo_check_in"' in response.text
    assert "<html" not in response.text


def test_someone_not_confirmed_is_not_checked_in(clients, event, people):
    response = action(clients["manager"], people["bo"], "check_in", HX_Request="true")

    assert response.status_code == 200
    assert 'role="alert"' in response.text
    people["bo"].refresh_from_db()
    assert people["bo"].checked_in_at is None


def test_approve_reject_reserve_and_remove(clients, event, people, make_user):
    client = clients["manager"]
    action(client, people["bo"], "approve")
    # Cecilia was waiting first: Bo, approved, queues behind her.
    assert Registration.objects.get(pk=people["bo"].pk).state == State.WAITLISTED
    action(client, people["cecilia"], "reserve")
    other = register(event, make_user("d@example.org"), State.PENDING)
    action(client, other, "reject")
    action(client, people["anna"], "remove")

    states = {key: Registration.objects.get(pk=reg.pk) for key, reg in people.items()}
    assert states["bo"].state == State.OFFERED  # Anna's freed seat, first in the queue
    assert (states["cecilia"].state, states["cecilia"].reserved_seat) == (State.CONFIRMED, True)
    assert states["anna"].state == State.WITHDRAWN
    assert Registration.objects.get(pk=other.pk).state == State.REJECTED


def test_an_unknown_action_changes_nothing(clients, event, people):
    response = action(clients["manager"], people["bo"], "explode")

    assert response.status_code == 302
    people["bo"].refresh_from_db()
    assert people["bo"].state == State.PENDING


def test_a_registration_of_another_event_is_404(clients, cluster, manager, event, people):
    other_event = make_event(cluster, by=manager, title="Toinen")
    url = reverse("events:participant-action", args=[other_event.pk, people["anna"].pk])

    assert clients["manager"].post(url, {"action": "check_in"}).status_code == 404


def test_others_may_not_act(clients, event, people):
    for persona in ("outsider", "other_manager", "company_user"):
        assert action(clients[persona], people["anna"], "check_in").status_code == 403
    people["anna"].refresh_from_db()
    assert people["anna"].checked_in_at is None


# The export ------------------------------------------------------------------------


def test_csv_export_for_finnish_excel(clients, event, people):
    people["anna"].checked_in_at = timezone.now()
    people["anna"].save(update_fields=["checked_in_at"])

    response = clients["manager"].get(reverse("events:participants-export", args=[event.pk, "csv"]))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith("attachment;")
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Nimi", "Sähköpostiosoite", "Organisaatio", "Tila", "Varattu paikka",
                       "Ilmoittautunut", "Paikalla", "Ruokavalio"]  # fmt: skip
    anna = next(row for row in rows if row[1] == "anna@example.org")
    assert anna[0] == "Anna Aalto" and anna[2] == "Yksi Oy" and anna[7] == "vegaani"
    assert anna[6]  # checked in
    assert len(rows) == 4


def test_csv_export_escapes_formulas(clients, event, make_user):
    register(event, make_user("f@example.org", name="=HYPERLINK(1)"))

    response = clients["manager"].get(reverse("events:participants-export", args=[event.pk, "csv"]))

    assert "'=HYPERLINK(1)" in response.content.decode("utf-8-sig")


def test_xlsx_export_in_the_pages_language(clients, event, people):
    with translation.override("sv"):
        url = reverse("events:participants-export", args=[event.pk, "xlsx"])

    response = clients["manager"].get(url + "?state=confirmed")

    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
    rows = list(workbook.worksheets[0].iter_rows(values_only=True))
    assert rows[0][:4] == ("Namn", "E-postadress", "Organisation", "Status")
    assert rows[1][:3] == ("Anna Aalto", "anna@example.org", "Yksi Oy")
    assert len(rows) == 2


def test_export_of_an_unknown_format_is_404(clients, event):
    url = reverse("events:participants-export", args=[event.pk, "pdf"])

    assert clients["manager"].get(url).status_code == 404


def test_export_is_for_organisers(clients, event, people):
    url = reverse("events:participants-export", args=[event.pk, "csv"])

    assert clients["outsider"].get(url).status_code == 403
    assert clients["staff"].get(url).status_code == 200


HOSTILE = '"><script>alert(1)</script><img src=x onerror=alert(2)>'


def test_the_rows_written_in_python_escape_everything(clients, event, diet, make_user,
                                                      make_organisation):  # fmt: skip
    registration = register(
        event, make_user("x@example.org", name=HOSTILE), organisation=make_organisation(HOSTILE),
        answers={str(diet.pk): HOSTILE},
    )  # fmt: skip

    page = clients["manager"].get(list_url(event, "?q=" + "script")).text
    row = action(clients["manager"], registration, "check_in", HX_Request="true").text

    for html in (page, row):
        assert "<script>alert" not in html
        assert "<img src=x" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_a_plain_post_returns_to_the_filtered_list(clients, event, people):
    page = clients["manager"].get(list_url(event, "?state=confirmed")).text
    assert 'name="back" value="?state=confirmed"' in page
    url = reverse("events:participant-action", args=[event.pk, people["anna"].pk])

    response = clients["manager"].post(url, {"action": "check_in", "back": "?state=confirmed"})

    assert response["Location"].endswith(f"?state=confirmed#registration-{people['anna'].pk}")


def test_yes_or_no_answers_are_shown_in_the_pages_language(clients, event, make_user):
    coming = Question.objects.create(event=event, text="Tuletko illalliselle?", position=2,
                                     kind=Question.Kind.YES_NO)  # fmt: skip
    register(event, make_user("y@example.org", name="Ylva"), answers={str(coming.pk): "yes"})

    response = clients["manager"].get(list_url(event))

    [participant] = response.context["participants"]
    assert participant.answers == ("kyllä",)
