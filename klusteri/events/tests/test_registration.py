"""Registration: seats, the waiting list and its offers, reserved seats, member-only
and invitation-only events, organisations, moderation, the mails and the pages."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from klusteri.accounts.models import Affiliation
from klusteri.audit.models import AuditEntry
from klusteri.clusters.models import ClusterMembership
from klusteri.events import services
from klusteri.events.models import Audience, FeedToken, Invitation, Question, Registration

pytestmark = pytest.mark.django_db

State = Registration.State
ONLINE = "https://meet.example.org/vety-2026"


@pytest.fixture
def sent(django_capture_on_commit_callbacks):
    """``with sent():``: the mails queued inside are delivered (to ``mail.outbox``)
    when the block ends, as after a commit."""

    def capture():
        return django_capture_on_commit_callbacks(execute=True)

    return capture


def fill(event, people, make_person):
    """Register ``people`` new people; their registrations in order."""
    return [services.register(event, by=make_person()) for _ in range(people)]


def states(event) -> dict[str, int]:
    result = {}
    for state in event.registrations.values_list("state", flat=True):
        result[state] = result.get(state, 0) + 1
    return result


# Seats and the waiting list ---------------------------------------------------------


def test_the_seats_go_first_then_the_waiting_list_in_order(make_event, make_person):
    event = make_event(capacity=2)
    first, second, third, fourth = fill(event, 4, make_person)

    assert [r.state for r in (first, second, third, fourth)] == [
        State.CONFIRMED, State.CONFIRMED, State.WAITLISTED, State.WAITLISTED,
    ]  # fmt: skip
    assert third.queue_position() == 1
    assert fourth.queue_position() == 2


def test_a_withdrawal_frees_exactly_one_seat_and_makes_exactly_one_offer(
    make_event, make_person, sent
):
    event = make_event(capacity=2, offer_hours=12)
    confirmed, _other, first_waiting, second_waiting = fill(event, 4, make_person)
    mail.outbox.clear()

    now = timezone.now()
    with sent():
        services.withdraw(confirmed, by=confirmed.user, now=now)

    first_waiting.refresh_from_db()
    second_waiting.refresh_from_db()
    assert first_waiting.state == State.OFFERED
    assert first_waiting.offer_expires_at == now + timedelta(hours=12)
    assert second_waiting.state == State.WAITLISTED
    assert states(event) == {"withdrawn": 1, "confirmed": 1, "offered": 1, "waitlisted": 1}
    assert services.seats(event).public_free(event) == 0
    [offer_mail] = mail.outbox
    assert offer_mail.to == [first_waiting.user.email]
    assert event.get_absolute_url() in offer_mail.body


def test_an_expired_offer_passes_to_the_next_person(make_event, make_person, sent):
    event = make_event(capacity=1, offer_hours=2)
    confirmed, first_waiting, second_waiting = fill(event, 3, make_person)
    services.withdraw(confirmed, by=confirmed.user)
    first_waiting.refresh_from_db()
    assert first_waiting.state == State.OFFERED
    mail.outbox.clear()

    with sent():
        lapsed = services.expire_offers(first_waiting.offer_expires_at + timedelta(seconds=1))

    assert lapsed == 1
    first_waiting.refresh_from_db()
    second_waiting.refresh_from_db()
    assert first_waiting.state == State.WITHDRAWN
    assert second_waiting.state == State.OFFERED
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [first_waiting.user.email, second_waiting.user.email]
    )
    with pytest.raises(services.EventError):
        services.accept_offer(first_waiting, by=first_waiting.user)


def test_an_offer_not_yet_expired_stays(make_event, make_person):
    event = make_event(capacity=1)
    confirmed, waiting = fill(event, 2, make_person)
    services.withdraw(confirmed, by=confirmed.user)

    assert services.expire_offers(timezone.now()) == 0
    waiting.refresh_from_db()
    assert waiting.state == State.OFFERED


def test_accepting_an_offer_confirms_and_declining_passes_it_on(make_event, make_person, sent):
    event = make_event(capacity=1)
    confirmed, first, second, third = fill(event, 4, make_person)
    services.withdraw(confirmed, by=confirmed.user)
    first.refresh_from_db()

    services.decline_offer(first, by=first.user)
    second.refresh_from_db()
    assert second.state == State.OFFERED
    mail.outbox.clear()

    with sent():
        services.accept_offer(second, by=second.user)

    second.refresh_from_db()
    third.refresh_from_db()
    assert (second.state, third.state) == (State.CONFIRMED, State.WAITLISTED)
    [confirmation] = mail.outbox
    assert confirmation.attachments[0][0].endswith(".ics")


def test_reserved_seats_are_never_offered_to_the_public(make_event, make_person, staff):
    event = make_event(capacity=3, reserved_seats=2)
    public, first_waiting, second_waiting = fill(event, 3, make_person)
    assert (first_waiting.state, second_waiting.state) == (State.WAITLISTED, State.WAITLISTED)

    # A speaker takes a reserved seat: no public seat is freed, nobody is offered one.
    speaker = services.register(event, by=make_person())
    services.give_reserved_seat(speaker, by=staff)
    speaker.refresh_from_db()
    first_waiting.refresh_from_db()
    assert speaker.state == State.CONFIRMED and speaker.reserved_seat
    assert first_waiting.state == State.WAITLISTED

    # The speaker withdraws: the reserved seat stays the organiser's.
    services.withdraw(speaker, by=speaker.user)
    first_waiting.refresh_from_db()
    assert first_waiting.state == State.WAITLISTED
    assert not event.registrations.filter(state=State.OFFERED).exists()

    # The public seat holder withdraws: that seat, and only it, is offered.
    services.withdraw(public, by=public.user)
    first_waiting.refresh_from_db()
    second_waiting.refresh_from_db()
    assert (first_waiting.state, second_waiting.state) == (State.OFFERED, State.WAITLISTED)


def test_a_free_seat_is_not_kept_from_a_newcomer_by_someone_holding_an_offer(
    make_event, make_person
):
    """An offer holds its seat already: with another seat free and nobody in the
    queue, the next person to register is confirmed, not put on the list."""
    event = make_event(capacity=2)
    first, second, waiting = fill(event, 3, make_person)
    services.withdraw(first, by=first.user)  # waiting is offered the freed seat
    services.withdraw(second, by=second.user)  # nobody in the queue: this seat is free
    waiting.refresh_from_db()
    assert waiting.state == State.OFFERED

    newcomer = services.register(event, by=make_person())

    assert newcomer.state == State.CONFIRMED


def test_withdrawing_is_refused_once_the_event_has_started(make_event, make_person):
    event = make_event(starts_at=timezone.now() + timedelta(hours=1))
    registration = services.register(event, by=make_person())

    with pytest.raises(services.EventError):
        services.withdraw(registration, by=registration.user, now=event.starts_at)
    registration.refresh_from_db()
    assert registration.state == State.CONFIRMED


def test_registration_is_refused_outside_its_window(make_event, make_person):
    now = timezone.now()
    later = make_event(registration_opens_at=now + timedelta(days=1))
    closed = make_event(registration_closes_at=now - timedelta(minutes=1))

    for event in (later, closed):
        with pytest.raises(services.EventError):
            services.register(event, by=make_person())
    assert not Registration.objects.exists()


# Audience, organisations, moderation -------------------------------------------------


def test_a_member_only_event_checks_membership(
    make_event, cluster, company_user, member_company, outsider
):
    event = make_event(audience=Audience.MEMBERS)

    with pytest.raises(services.EventError):
        services.register(event, by=company_user)  # Koneistus Oy is not a member yet
    ClusterMembership.objects.create(cluster=cluster, organisation=member_company)
    registration = services.register(event, by=company_user)
    with pytest.raises(services.EventError):
        services.register(event, by=outsider)

    assert registration.state == State.CONFIRMED
    assert list(event.registrations.values_list("user", flat=True)) == [company_user.pk]


def test_an_invitation_only_event_admits_those_invited(make_event, outsider, company_user):
    event = make_event(audience=Audience.INVITATION)
    Invitation.objects.create(event=event, email=outsider.email.upper())

    assert services.register(event, by=outsider).state == State.CONFIRMED
    with pytest.raises(services.EventError):
        services.register(event, by=company_user)


def test_registering_on_behalf_of_an_organisation(
    make_event, cluster, company_user, member_company, make_organisation, affiliate
):
    own_other = make_organisation("Toinen Oy")
    affiliate(company_user, own_other, Affiliation.Role.MEMBER)
    stranger = make_organisation("Vieras Oy")
    ClusterMembership.objects.create(cluster=cluster, organisation=member_company)
    members_only = make_event(audience=Audience.MEMBERS, asks_organisation=True)
    open_event = make_event(asks_organisation=True)

    with pytest.raises(services.EventError):
        services.register(open_event, by=company_user)  # no organisation chosen
    with pytest.raises(services.EventError):
        services.register(open_event, by=company_user, organisation=stranger)
    with pytest.raises(services.EventError):  # a non-member for a member-only event
        services.register(members_only, by=company_user, organisation=own_other)

    assert (
        services.register(open_event, by=company_user, organisation=own_other).organisation
        == own_other
    )
    registration = services.register(members_only, by=company_user, organisation=member_company)
    assert registration.organisation == member_company
    entry = AuditEntry.objects.filter(action="events.registration.created").order_by("pk").last()
    assert entry.organisation_id == member_company.pk


def test_moderation_pending_then_approved_or_rejected(make_event, make_person, manager, sent):
    event = make_event(capacity=1, requires_approval=True)
    first, second, third = (
        services.register(event, by=make_person(language="en")) for _ in range(3)
    )
    assert {r.state for r in (first, second, third)} == {State.PENDING}
    mail.outbox.clear()

    with sent():
        services.decide(first, by=manager, approve=True)
        services.decide(second, by=manager, approve=True)
        services.decide(third, by=manager, approve=False)

    for registration in (first, second, third):
        registration.refresh_from_db()
    assert (first.state, second.state, third.state) == (
        State.CONFIRMED, State.WAITLISTED, State.REJECTED,
    )  # fmt: skip
    bodies = {message.to[0]: message for message in mail.outbox}
    assert "approved" in bodies[first.user.email].body
    assert bodies[first.user.email].attachments
    assert "place 1" in bodies[second.user.email].body
    assert "not approve" in bodies[third.user.email].body
    with pytest.raises(services.EventError):
        services.decide(third, by=manager, approve=True)


# Mail: the confirmation and the online link ------------------------------------------


def test_the_confirmation_has_time_place_link_and_an_ics(make_event, make_person, sent):
    start = datetime(2030, 6, 3, 6, 0, tzinfo=UTC)
    event = make_event(format="hybrid", online_url=ONLINE, title="Vetypäivä", starts_at=start)
    person = make_person(language="en")

    with sent():
        services.register(event, by=person)

    [message] = mail.outbox
    assert "Vetypäivä" in message.subject
    assert "June 3, 2030, 9 a.m." in message.body  # 6.00 UTC in Helsinki summer time
    assert "Dipoli, Otakaari 24" in message.body
    assert ONLINE in message.body
    [(filename, content, mimetype)] = message.attachments
    assert (filename, mimetype) == (f"event-{event.pk}.ics", "text/calendar")
    calendar = Calendar.from_ical(content)
    [vevent] = calendar.walk("VEVENT")
    assert vevent.decoded("dtstart") == event.starts_at
    assert str(vevent.decoded("dtstart").tzinfo) == "Europe/Helsinki"
    assert ONLINE in str(vevent.get("description"))
    assert calendar.walk("VTIMEZONE")


def test_the_online_link_is_hidden_from_those_not_entitled(make_event, make_person, sent, client):
    event = make_event(capacity=1, format="online", online_url=ONLINE)
    confirmed = make_person()
    waiting = make_person()

    with sent():
        services.register(event, by=confirmed)
        services.register(event, by=waiting)

    by_person = {message.to[0]: message for message in mail.outbox}
    assert ONLINE in by_person[confirmed.email].body
    assert ONLINE not in by_person[waiting.email].body
    assert not by_person[waiting.email].attachments
    # Nor on the pages of the one waiting.
    client.force_login(waiting)
    for name in ("events:register", "events:withdraw"):
        assert ONLINE not in client.get(reverse(name, args=[event.pk])).content.decode()
    assert ONLINE not in client.get(reverse("events:mine")).content.decode()


def test_everyone_registered_is_told_of_a_cancellation(make_event, make_person, manager, sent):
    event = make_event(capacity=1)
    confirmed, waiting = fill(event, 2, make_person)
    withdrawn = services.register(event, by=make_person())
    services.withdraw(withdrawn, by=withdrawn.user)
    mail.outbox.clear()

    with sent():
        services.set_status(event, event.Status.CANCELLED, by=manager)

    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [confirmed.user.email, waiting.user.email]
    )


# The pages ------------------------------------------------------------------------


@pytest.fixture
def questions(make_event):
    event = make_event(capacity=10)
    diet = Question.objects.create(event=event, text="Diet", kind=Question.Kind.TEXT, position=1)
    session = Question.objects.create(
        event=event, text="Session", kind=Question.Kind.CHOICE, choices="Morning\nAfternoon",
        is_required=True, position=2,
    )  # fmt: skip
    sauna = Question.objects.create(event=event, text="Sauna", kind=Question.Kind.YES_NO,
                                    is_required=True, position=3)  # fmt: skip
    return event, diet, session, sauna


def test_the_form_enforces_required_questions_and_keeps_what_was_typed(client, outsider, questions):
    event, diet, session, sauna = questions
    client.force_login(outsider)
    url = reverse("events:register", args=[event.pk])

    response = client.post(url, {f"question_{diet.pk}": "Vegaani"})

    assert response.status_code == 200
    assert "Vegaani" in response.content.decode()
    assert 'class="error-summary' in response.content.decode()
    assert not Registration.objects.exists()

    response = client.post(url, {f"question_{diet.pk}": "Vegaani",
                                 f"question_{session.pk}": "Morning",
                                 f"question_{sauna.pk}": "no"})  # fmt: skip
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.answers == {str(diet.pk): "Vegaani", str(session.pk): "Morning",
                                    str(sauna.pk): "no"}  # fmt: skip


def test_a_refusal_is_shown_and_nothing_is_written(client, make_event, outsider):
    event = make_event(audience=Audience.MEMBERS, asks_organisation=False)
    Question.objects.create(event=event, text="Diet")
    client.force_login(outsider)

    response = client.post(reverse("events:register", args=[event.pk]),
                           {f"question_{event.questions.get().pk}": "Kala"})  # fmt: skip

    assert response.status_code == 200
    content = response.content.decode()
    assert "Kala" in content and "error-summary" in content
    assert "Tämä tapahtuma on vain" in content or "This event is only" in content
    assert not Registration.objects.exists()


def test_the_organisation_choice_offers_the_member_organisations(
    client, make_event, cluster, company_user, member_company, make_organisation, affiliate
):
    other = make_organisation("Toinen Oy")
    affiliate(company_user, other, Affiliation.Role.MEMBER)
    ClusterMembership.objects.create(cluster=cluster, organisation=member_company)
    event = make_event(audience=Audience.MEMBERS, asks_organisation=True)
    client.force_login(company_user)
    url = reverse("events:register", args=[event.pk])

    content = client.get(url).content.decode()
    assert "Koneistus Oy" in content and "Toinen Oy" not in content

    response = client.post(url, {"organisation": other.pk})
    assert response.status_code == 200 and not Registration.objects.exists()
    response = client.post(url, {"organisation": member_company.pk})
    assert response.status_code == 302
    assert Registration.objects.get().organisation == member_company


def test_withdraw_asks_first_then_withdraws(client, make_event, outsider):
    event = make_event()
    registration = services.register(event, by=outsider)
    client.force_login(outsider)
    url = reverse("events:withdraw", args=[event.pk])

    assert client.get(url).status_code == 200
    registration.refresh_from_db()
    assert registration.state == State.CONFIRMED
    assert client.post(url).status_code == 302
    registration.refresh_from_db()
    assert registration.state == State.WITHDRAWN
    assert client.get(url).status_code == 404  # nothing left to withdraw


def test_accepting_on_the_page(client, make_event, make_person):
    event = make_event(capacity=1)
    confirmed, waiting = fill(event, 2, make_person)
    services.withdraw(confirmed, by=confirmed.user)
    client.force_login(waiting.user)

    box = client.get(reverse("events:register", args=[event.pk])).content.decode()
    assert reverse("events:accept-offer", args=[event.pk]) in box
    response = client.post(reverse("events:accept-offer", args=[event.pk]))

    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.state == State.CONFIRMED


def test_signed_out_people_are_sent_to_log_in(client, make_event):
    event = make_event()
    for name in ("events:register", "events:withdraw"):
        response = client.get(reverse(name, args=[event.pk]))
        assert response.status_code == 302 and "/login/" in response["Location"]
    assert "/login/" in client.get(reverse("events:mine"))["Location"]


def test_my_registrations_upcoming_and_past_with_the_feed(client, make_event, outsider):
    soon = make_event(title="Tuleva")
    gone = make_event(title="Mennyt", starts_at=timezone.now() - timedelta(days=3))
    services.register(soon, by=outsider)
    Registration.objects.create(event=gone, user=outsider, state=State.CONFIRMED)
    client.force_login(outsider)

    content = client.get(reverse("events:mine")).content.decode()

    assert content.index("Tuleva") < content.index("Mennyt")
    # Reading the page makes no address; the button does.
    assert not FeedToken.objects.filter(user=outsider).exists()
    client.post(reverse("events:feed-renew"))
    key = FeedToken.objects.get(user=outsider).key
    content = client.get(reverse("events:mine")).content.decode()
    assert reverse("events:personal-ical", kwargs={"key": key}) in content

    client.post(reverse("events:feed-renew"))
    assert FeedToken.objects.get(user=outsider).key != key


def test_my_registrations_take_the_same_queries_for_more_rows(
    client, make_event, make_person, outsider, django_assert_max_num_queries
):
    client.force_login(outsider)
    url = reverse("events:mine")

    def register_for(count):
        for _ in range(count):
            event = make_event(capacity=1)
            services.register(event, by=make_person())
            services.register(event, by=outsider)  # waitlisted: its place is shown

    register_for(1)
    client.get(url)  # the feed token is made on the first visit
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    register_for(5)
    with django_assert_max_num_queries(len(few)):
        assert client.get(url).status_code == 200
