"""Alerts: saved searches and their digests, followed calls and their deadline
reminders, and the unsubscribe link; the pages and the sweep (``core.reminders``)."""

from datetime import UTC, datetime, timedelta
from urllib.parse import urlencode

import pytest
import time_machine
from django.core import mail, signing
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django_countries import countries

from klusteri.audit.models import AuditEntry
from klusteri.clusters.models import Ecosystem
from klusteri.core.models import SentReminder
from klusteri.core.reminders import modules, send_due
from klusteri.funding import reminders
from klusteri.funding.models import (
    ApplicantType,
    Call,
    FollowedCall,
    FundingKind,
    Level,
    SavedSearch,
)
from klusteri.funding.services import (
    UNSUBSCRIBE_SALT,
    DeadlineData,
    normalise_query,
    save_call,
    save_search,
    unsubscribe_token,
)
from klusteri.places.models import Region

pytestmark = pytest.mark.django_db

T0 = datetime(2027, 1, 4, 8, 0, tzinfo=UTC)  # a Monday morning
DAY = timedelta(days=1)


@pytest.fixture
def at():
    """``with at(moment):`` the clock stands at ``moment``."""

    def travel(moment: datetime):
        return time_machine.travel(moment, tick=False)

    return travel


@pytest.fixture
def sweep(at, django_capture_on_commit_callbacks):
    """``sweep(moment)``: run the reminders' sweep then, its mail delivered; the
    number queued."""

    def run(moment: datetime) -> int:
        with at(moment), django_capture_on_commit_callbacks(execute=True):
            return send_due()

    return run


def change(call: Call, moment: datetime, title: str) -> None:
    """Change what a follower sees (the title) at ``moment``, through the service."""
    with time_machine.travel(moment, tick=False):
        call.title_en = title
        save_call(
            call,
            deadlines=[DeadlineData(d.at, d.time_zone, d.label) for d in call.deadlines.all()],
            related={},
            by=None,
        )


def move_deadline(call: Call, moment: datetime, new_at: datetime) -> None:
    with time_machine.travel(moment, tick=False):
        save_call(call, deadlines=[DeadlineData(new_at, "Europe/Brussels")], related={}, by=None)


@pytest.fixture
def nordic_call(at, make_call):
    with at(T0 - 30 * DAY):
        return make_call(
            "Nordic cluster call", programme="nordic-innovation", deadlines=[T0 + 90 * DAY]
        )


@pytest.fixture
def eu_call(at, make_call):
    with at(T0 - 30 * DAY):
        return make_call("Interreg cluster call", deadlines=[T0 + 90 * DAY])


@pytest.fixture
def nordic_search(at, company_user):
    with at(T0 - 10 * DAY):
        return save_search(
            company_user,
            by=company_user,
            name="Pohjoismaiset",
            query="level=nordic",
            frequency=SavedSearch.Frequency.DAILY,
        )


def finder(language: str) -> str:
    with translation.override(language):
        return reverse("funding:call-list")


def digests_to(user) -> list:
    return [message for message in mail.outbox if message.to == [user.email]]


# Saved searches: the service ------------------------------------------------------


def test_a_query_is_normalised_to_what_narrows_the_calls(db):
    query = "sort=budget&page=3&level=nordic&level=eu&level=bogus&q=+vety+&budget=abc&x=1"

    assert normalise_query(query) == "q=vety&level=eu&level=nordic"
    assert normalise_query("level=eu&level=nordic&q=vety") == normalise_query(query)
    assert normalise_query("") == ""


# Saved searches: the pages ---------------------------------------------------------


def every_filter() -> str:
    """A search longer than a saved search keeps, even normalised: every value of
    every filter."""
    pairs = [("q", "vety " * 39)]
    pairs += [("country", code) for code, _name in list(countries)[:100]]
    pairs += [("region", code) for code in Region.objects.values_list("code", flat=True)]
    pairs += [("ecosystem", slug) for slug in Ecosystem.objects.values_list("slug", flat=True)]
    pairs += [("applicant", slug) for slug in ApplicantType.objects.values_list("slug", flat=True)]
    pairs += [("level", level) for level in Level.values]
    pairs += [("kind", kind) for kind in FundingKind.values]
    query = urlencode(pairs)
    assert len(normalise_query(query)) > SavedSearch._meta.get_field("query").max_length
    return query


def save_data(**fields) -> dict:
    data = {"name": "Vety", "frequency": "weekly", "query": "level=eu&page=2", "next": ""}
    data.update(fields)
    return {f"save-{name}": value for name, value in data.items()}


def test_saving_a_search_goes_back_to_the_finder_with_it(client, company_user):
    client.force_login(company_user)

    response = client.post("/fi/funding/searches/save/", save_data(), follow=False)

    search = SavedSearch.objects.get(user=company_user)
    assert (search.name, search.query, search.frequency) == ("Vety", "level=eu", "weekly")
    assert response.status_code == 302
    assert response["Location"] == finder("fi") + "?level=eu"
    entry = AuditEntry.objects.get(action="funding.search.saved")
    assert entry.actor == company_user
    assert entry.data["query"] == "level=eu"


def test_saving_goes_back_to_a_page_of_the_site_but_not_elsewhere(client, company_user):
    client.force_login(company_user)

    here = client.post("/fi/funding/searches/save/", save_data(next="/fi/funding/mine/"))
    away = client.post(
        "/fi/funding/searches/save/",
        save_data(query="level=nordic", next="https://evil.example/"),
    )

    assert here["Location"] == "/fi/funding/mine/"
    assert away["Location"] == finder("fi") + "?level=nordic"


def test_saving_the_same_search_twice_says_so_and_keeps_what_was_typed(client, company_user):
    client.force_login(company_user)
    client.post("/fi/funding/searches/save/", save_data(name="Ensimmäinen"))

    response = client.post(
        "/en/funding/searches/save/", save_data(name="Toinen", query="page=5&level=eu")
    )

    assert response.status_code == 200
    assert "You have saved this search already, as “Ensimmäinen”." in response.text
    assert 'value="Toinen"' in response.text
    assert list(SavedSearch.objects.values_list("name", flat=True)) == ["Ensimmäinen"]


@pytest.mark.parametrize("bad", [{"name": ""}, {"frequency": "hourly"}, {"query": every_filter}])
def test_bad_input_to_save_writes_nothing_and_keeps_the_values(client, company_user, bad):
    client.force_login(company_user)
    bad = {name: value() if callable(value) else value for name, value in bad.items()}

    response = client.post(
        "/sv/funding/searches/save/", save_data(**{"name": "Min sökning", **bad})
    )

    assert response.status_code == 200
    assert "error-summary" in response.text
    if "name" not in bad:
        assert 'value="Min sökning"' in response.text
    assert not SavedSearch.objects.exists()
    assert not AuditEntry.objects.exists()


def test_saving_needs_a_log_in_and_a_post(client):
    assert client.get("/fi/funding/searches/save/").status_code == 405
    response = client.post("/fi/funding/searches/save/", save_data())

    assert response["Location"].startswith("/fi/accounts/login/")
    assert not SavedSearch.objects.exists()


def test_the_owner_edits_a_search(client, company_user, nordic_search):
    client.force_login(company_user)

    response = client.post(
        f"/fi/funding/searches/{nordic_search.pk}/edit/", {"name": "Uusi", "frequency": "weekly"}
    )

    assert response["Location"] == "/fi/funding/mine/"
    nordic_search.refresh_from_db()
    assert (nordic_search.name, nordic_search.frequency) == ("Uusi", "weekly")
    assert AuditEntry.objects.get(action="funding.search.updated").data == {
        "name": "Uusi",
        "frequency": "weekly",
    }


def test_bad_input_to_edit_keeps_the_values_and_writes_nothing(client, company_user, nordic_search):
    client.force_login(company_user)

    response = client.post(
        f"/fi/funding/searches/{nordic_search.pk}/edit/", {"name": "Uusi", "frequency": "x"}
    )

    assert response.status_code == 200
    assert 'value="Uusi"' in response.text
    assert "error-summary" in response.text
    nordic_search.refresh_from_db()
    assert nordic_search.name == "Pohjoismaiset"


@pytest.mark.parametrize("page", ["edit", "delete"])
def test_anothers_search_does_not_exist(client, outsider, staff, nordic_search, page):
    for person in (outsider, staff):
        client.force_login(person)
        url = f"/fi/funding/searches/{nordic_search.pk}/{page}/"

        assert client.get(url).status_code == 404
        assert client.post(url, {"name": "X", "frequency": "daily"}).status_code == 404
    nordic_search.refresh_from_db()
    assert nordic_search.name == "Pohjoismaiset"


def test_the_owner_deletes_a_search_after_confirming(client, company_user, nordic_search):
    client.force_login(company_user)
    url = f"/fi/funding/searches/{nordic_search.pk}/delete/"

    assert client.get(url).status_code == 200
    assert SavedSearch.objects.exists()
    response = client.post(url)

    assert response["Location"] == "/fi/funding/mine/"
    assert not SavedSearch.objects.exists()
    assert AuditEntry.objects.filter(action="funding.search.deleted").exists()


# Following calls ---------------------------------------------------------------------


def test_following_toggles(client, company_user, eu_call):
    client.force_login(company_user)
    url = f"/fi/funding/calls/{eu_call.identifier}/follow/"

    first = client.post(url)
    assert first["Location"] == f"/fi/funding/calls/{eu_call.identifier}/"
    assert FollowedCall.objects.filter(user=company_user, call=eu_call).exists()

    second = client.post(url, {"next": "/fi/funding/mine/"})
    assert second["Location"] == "/fi/funding/mine/"
    assert not FollowedCall.objects.exists()
    assert list(
        AuditEntry.objects.order_by("pk")
        .values_list("action", flat=True)
        .filter(action__startswith="funding.call.", action__endswith="followed")
    ) == ["funding.call.followed", "funding.call.unfollowed"]


def test_an_unpublished_call_cannot_be_followed(client, company_user, eu_call):
    Call.objects.filter(pk=eu_call.pk).update(is_published=False)
    client.force_login(company_user)

    assert client.post(f"/fi/funding/calls/{eu_call.identifier}/follow/").status_code == 404
    assert client.post("/fi/funding/calls/NO-SUCH-CALL/follow/").status_code == 404
    assert not FollowedCall.objects.exists()


def test_following_needs_a_log_in_and_a_post(client, company_user, eu_call):
    url = f"/fi/funding/calls/{eu_call.identifier}/follow/"

    assert client.post(url)["Location"].startswith("/fi/accounts/login/")
    client.force_login(company_user)
    assert client.get(url).status_code == 405
    assert not FollowedCall.objects.exists()


def test_my_alerts_lists_searches_and_follows_in_constant_queries(
    client, company_user, make_call, nordic_search, django_assert_max_num_queries
):
    client.force_login(company_user)
    for number in range(2):
        FollowedCall.objects.create(user=company_user, call=make_call(f"Call {number}"))
    with django_assert_max_num_queries(12) as few:
        client.get("/fi/funding/mine/")
    for number in range(2, 8):
        FollowedCall.objects.create(user=company_user, call=make_call(f"Call {number}"))

    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/en/funding/mine/")

    assert response.status_code == 200
    assert "Pohjoismaiset" in response.text
    assert finder("en") + "?level=nordic" in response.text
    assert response.text.count("Stop following") == 8
    assert "(Europe/Brussels)" in response.text


def test_the_include_templates_render_for_everyone(rf, company_user, eu_call):
    from django.contrib.auth.models import AnonymousUser
    from django.template.loader import render_to_string

    FollowedCall.objects.create(user=company_user, call=eu_call)
    for user, expected in [
        (company_user, ("Stop following this call", "Save the search")),
        (AnonymousUser(), ("Log in to follow this call", "Log in to save this search")),
    ]:
        request = rf.get("/en/funding/?level=eu&q=vety")
        request.user = user
        with translation.override("en"):  # as the /en/ address would make it
            html = render_to_string(
                "funding/_follow_button.html", {"call": eu_call, "user": user}, request=request
            ) + render_to_string(
                "funding/_save_search.html", {"query": "level=eu&q=vety", "user": user}, request
            )
        for text in expected:
            assert text in html
        if user.is_authenticated:  # the search words suggest the name
            assert 'name="save-name" value="vety"' in html


# Digests ----------------------------------------------------------------------------


def test_a_digest_reports_a_matching_change_once(
    sweep, company_user, nordic_call, eu_call, nordic_search
):
    change(nordic_call, T0 - 2 * DAY, "Nordic cluster call, budget raised")
    change(eu_call, T0 - 2 * DAY, "Interreg call, changed")  # not in the search

    assert sweep(T0) == 1
    assert sweep(T0) == 0  # the same sweep again
    assert sweep(T0 + 3 * DAY) == 0  # later sweeps: nothing new

    [digest] = digests_to(company_user)
    assert "Nordic cluster call, budget raised" in digest.body
    assert "Interreg" not in digest.body
    assert "/fi/funding/calls/" in digest.body
    nordic_search.refresh_from_db()
    assert nordic_search.reported_until == T0


def test_a_new_change_after_a_digest_comes_in_the_next(
    sweep, company_user, nordic_call, nordic_search
):
    change(nordic_call, T0 - 2 * DAY, "First change")
    sweep(T0)
    change(nordic_call, T0 + 2 * 3600 * timedelta(seconds=1), "Second change")

    assert sweep(T0 + 12 * 3600 * timedelta(seconds=1)) == 0  # a daily digest: not yet
    assert sweep(T0 + DAY) == 1

    first, second = digests_to(company_user)
    assert "First change" in first.body
    assert "Second change" in second.body
    assert "First change" not in second.body


def test_nothing_changed_sends_no_digest_and_the_next_change_comes_at_once(
    sweep, company_user, nordic_call, nordic_search
):
    assert sweep(T0) == 0
    change(nordic_call, T0 + 3 * DAY, "Changed at last")

    assert sweep(T0 + 3 * DAY + timedelta(minutes=5)) == 1


def test_a_weekly_digest_waits_a_week(sweep, at, company_user, nordic_call):
    with at(T0):
        save_search(company_user, by=company_user, name="Viikko", query="level=nordic",
                    frequency=SavedSearch.Frequency.WEEKLY)  # fmt: skip
    change(nordic_call, T0 + DAY, "Changed on Tuesday")

    assert sweep(T0 + 2 * DAY) == 0
    assert sweep(T0 + 6 * DAY) == 0
    assert sweep(T0 + 7 * DAY) == 1


def test_a_change_before_the_search_was_saved_is_not_reported(
    sweep, company_user, nordic_call, nordic_search
):
    change(nordic_call, nordic_search.reported_until - DAY, "Old news")

    assert sweep(T0) == 0


def test_a_digest_is_in_the_recipients_language(sweep, at, make_user, nordic_call):
    svea = make_user("svea@example.org", language="sv")
    with at(T0 - 5 * DAY):
        save_search(svea, by=svea, name="Norden", query="level=nordic", frequency="daily")
    change(nordic_call, T0 - DAY, "Nordic cluster call 2")

    sweep(T0)

    [digest] = digests_to(svea)
    assert digest.subject == "[Klusteri] 1 ny eller ändrad finansieringsutlysning i ”Norden”"
    assert "/sv/funding/calls/" in digest.body
    assert "/sv/funding/unsubscribe/" in digest.body


def test_a_deleted_search_or_an_inactive_person_gets_no_digest(
    sweep, company_user, nordic_call, nordic_search
):
    change(nordic_call, T0 - DAY, "Changed")
    nordic_search.delete()

    assert sweep(T0) == 0
    assert mail.outbox == []


def test_a_digest_carries_a_one_click_unsubscribe(sweep, company_user, nordic_call, nordic_search):
    change(nordic_call, T0 - DAY, "Changed")
    sweep(T0)
    [digest] = digests_to(company_user)
    link = digest.extra_headers["List-Unsubscribe"].strip("<>")
    assert digest.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert link in digest.body

    # A mail program's POST: no session, no CSRF token.
    response = Client(enforce_csrf_checks=True).post(
        link.removeprefix("http://127.0.0.1:8000"), {"List-Unsubscribe": "One-Click"}
    )

    assert response.status_code == 200
    assert not SavedSearch.objects.exists()
    assert AuditEntry.objects.filter(action="funding.search.unsubscribed").exists()


def test_the_sweep_takes_constant_queries(
    sweep, at, make_user, nordic_call, make_call, django_assert_max_num_queries
):
    def people(count: int, start: int):
        with at(T0 - 5 * DAY):
            for number in range(start, start + count):
                person = make_user(f"p{number}@example.org")
                FollowedCall.objects.create(user=person, call=nordic_call)

    people(2, 0)
    with at(T0), django_assert_max_num_queries(100) as few:
        list(reminders.deadline_reminders(T0 + 80 * DAY))
    people(10, 2)
    with at(T0), django_assert_max_num_queries(len(few.captured_queries)):
        assert len(list(reminders.deadline_reminders(T0 + 80 * DAY))) == 12


def test_a_long_digest_lists_the_latest_changes_and_counts_the_rest(
    sweep, at, make_call, company_user, nordic_search, monkeypatch
):
    monkeypatch.setattr(reminders, "DIGEST_LIMIT", 2)
    for day in (3, 2, 1):
        with at(T0 - day * DAY):
            make_call(f"Changed {day} days ago", programme="nordic-innovation",
                      deadlines=[T0 + 90 * DAY])  # fmt: skip

    sweep(T0)

    [digest] = digests_to(company_user)
    assert (
        digest.subject == "[Klusteri] 3 uutta tai muuttunutta rahoitushakua haussa ”Pohjoismaiset”"
    )
    assert "Changed 1 days ago" in digest.body
    assert "Changed 2 days ago" in digest.body
    assert "Changed 3 days ago" not in digest.body
    assert "Ja 1 muu haku hakusivulla." in digest.body


def test_due_searches_without_changes_cost_the_same_few_queries(
    at, make_user, django_assert_num_queries
):
    with at(T0 - 10 * DAY):
        for number in range(20):
            person = make_user(f"p{number}@example.org")
            save_search(person, by=person, name="Kaikki", query=f"budget={number}",
                        frequency="daily")  # fmt: skip

    with django_assert_num_queries(2):
        assert list(reminders.digests(T0)) == []


def test_the_sweep_asks_this_app_and_not_the_mechanism_itself():
    names = [module.__name__ for module in modules()]

    assert "klusteri.funding.reminders" in names
    assert "klusteri.core.reminders" not in names


# Deadline reminders -----------------------------------------------------------------

DEADLINE = datetime(2027, 2, 13, 16, 0, tzinfo=UTC)  # 17:00 in Brussels


@pytest.fixture
def followed(at, make_call, company_user):
    with at(T0):
        call = make_call("Followed call", deadlines=[DEADLINE])
        FollowedCall.objects.create(user=company_user, call=call)
    return call


def test_reminders_come_14_and_3_days_before_once_each(sweep, company_user, followed):
    assert sweep(DEADLINE - 15 * DAY) == 0
    assert sweep(DEADLINE - 14 * DAY) == 1
    assert sweep(DEADLINE - 14 * DAY + timedelta(minutes=5)) == 0
    assert sweep(DEADLINE - 5 * DAY) == 0
    assert sweep(DEADLINE - 3 * DAY + timedelta(minutes=1)) == 1
    assert sweep(DEADLINE - DAY) == 0
    assert sweep(DEADLINE + DAY) == 0

    fourteen, three = digests_to(company_user)
    assert fourteen.subject == "[Klusteri] Haun ”Followed call” määräaikaan on 14 päivää"
    assert three.subject == "[Klusteri] Haun ”Followed call” määräaikaan on 3 päivää"
    # 16:00 UTC is 17:00 in Brussels, the funder's time.
    assert "17:00 (Europe/Brussels)" in fourteen.body
    assert "List-Unsubscribe" in fourteen.extra_headers


def test_a_late_sweep_sends_one_reminder_not_two(sweep, company_user, followed):
    assert sweep(DEADLINE - 2 * DAY) == 1
    assert sweep(DEADLINE - DAY) == 0
    assert SentReminder.objects.get().key.startswith("funding:deadline:3d:")


def test_a_moved_deadline_reminds_at_its_new_time_not_the_old(sweep, company_user, followed):
    later = DEADLINE + 7 * DAY
    move_deadline(followed, DEADLINE - 20 * DAY, later)

    assert sweep(DEADLINE - 14 * DAY) == 0  # the old moment
    assert sweep(later - 14 * DAY) == 1
    [reminder] = digests_to(company_user)
    assert f"{later.day}." in reminder.body


def test_a_deadline_moved_after_its_reminder_reminds_again(sweep, company_user, followed):
    assert sweep(DEADLINE - 14 * DAY) == 1
    later = DEADLINE + 20 * DAY
    move_deadline(followed, DEADLINE - 13 * DAY, later)

    assert sweep(DEADLINE - 3 * DAY) == 0  # the old deadline's 3 days
    assert sweep(later - 14 * DAY) == 1
    assert sweep(later - 3 * DAY) == 1


def test_an_unfollowed_or_unpublished_call_reminds_no_one(sweep, company_user, followed):
    FollowedCall.objects.all().delete()
    assert sweep(DEADLINE - 14 * DAY) == 0

    FollowedCall.objects.create(user=company_user, call=followed)
    Call.objects.filter(pk=followed.pk).update(is_published=False)
    assert sweep(DEADLINE - 3 * DAY) == 0


def test_following_after_the_14_day_moment_gets_only_the_3_day_reminder(
    sweep, at, make_call, company_user
):
    with at(T0):
        call = make_call("Late follow", deadlines=[T0 + 10 * DAY])
        FollowedCall.objects.create(user=company_user, call=call)

    assert sweep(T0 + DAY) == 0
    assert sweep(T0 + 7 * DAY) == 1


def test_every_deadline_of_a_two_stage_call_is_reminded(sweep, at, make_call, company_user):
    second = DEADLINE + 60 * DAY
    with at(T0):
        call = make_call("Two stages", deadlines=[DEADLINE, second],
                         deadline_model=Call.DeadlineModel.TWO_STAGE)  # fmt: skip
        FollowedCall.objects.create(user=company_user, call=call)

    assert sweep(DEADLINE - 14 * DAY) == 1
    assert sweep(second - 14 * DAY) == 1


# Unsubscribe ------------------------------------------------------------------------


def test_unsubscribe_asks_first_then_stops_following_without_a_log_in(company_user, followed):
    follow = FollowedCall.objects.get()
    url = f"/en/funding/unsubscribe/{unsubscribe_token(follow)}/"
    browser = Client(enforce_csrf_checks=True)

    page = browser.get(url)
    assert page.status_code == 200
    assert "Followed call" in page.text
    assert FollowedCall.objects.exists()

    done = browser.post(url)
    assert done.status_code == 200
    assert "You no longer follow the call “Followed call”" in done.text
    assert not FollowedCall.objects.exists()
    entry = AuditEntry.objects.get(action="funding.call.unsubscribed")
    assert entry.actor == company_user

    again = browser.post(url)
    assert again.status_code == 200
    assert "unsubscribed already" in again.text


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token[:-2] + ("AA" if not token.endswith("AA") else "BB"),
        # Signed, but not for this purpose.
        lambda token: signing.dumps(signing.loads(token, salt=UNSUBSCRIBE_SALT)),
        lambda token: "nonsense",
    ],
)
def test_a_tampered_unsubscribe_link_answers_400_and_changes_nothing(client, nordic_search, tamper):
    url = f"/fi/funding/unsubscribe/{tamper(unsubscribe_token(nordic_search))}/"

    for response in (client.get(url), client.post(url)):
        assert response.status_code == 400
        assert "Peruutuslinkki ei toimi" in response.text
    assert SavedSearch.objects.exists()


def test_an_old_unsubscribe_link_answers_400(client, at, nordic_search):
    token = unsubscribe_token(nordic_search)

    with at(datetime.now(UTC) + timedelta(days=400)):
        response = client.post(f"/en/funding/unsubscribe/{token}/")

    assert response.status_code == 400
    assert SavedSearch.objects.exists()


def test_a_token_names_its_owner(client, nordic_search, make_user):
    other = make_user("other@example.org")
    # The search's number with someone else as the owner: a forged payload would
    # need the signature, and a real one for another person finds nothing.
    forged = SavedSearch(pk=nordic_search.pk, user=other)

    response = client.post(f"/en/funding/unsubscribe/{unsubscribe_token(forged)}/")

    assert response.status_code == 200
    assert SavedSearch.objects.exists()
