"""The public funding finder at /<lang>/funding/."""

import itertools
import re
from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from klusteri.clusters.models import Ecosystem
from klusteri.core import pagecache
from klusteri.core.testing import translated
from klusteri.funding.services import DeadlineData, save_call
from klusteri.places.models import Region

pytestmark = pytest.mark.django_db

URL = "/en/funding/"


def titles(response) -> list[str]:
    return re.findall(
        r'<h3 class="call-card__title"><a href="[^"]+"[^>]*>([^<]+)</a>', response.text
    )


def in_days(days: int):
    return (timezone.now() + timedelta(days=days)).replace(microsecond=0)


# The page -------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_answers_in_every_language(client, make_call, language):
    make_call("Vetyhanke")

    response = client.get(f"/{language}/funding/")

    assert response.status_code == 200
    assert f'<html lang="{language}">' in response.text
    assert "Vetyhanke" in response.text


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_the_page_speaks_the_language(client, make_call, language):
    make_call("Vetyhanke")

    response = client.get(f"/{language}/funding/")

    for message in ["Search calls", "Show calls", "Role of clusters", "Next deadline"]:
        assert translated(message, language) in response.text


def test_post_is_not_allowed(client):
    assert client.post(URL).status_code == 405


def test_the_section_is_in_the_main_navigation(client):
    response = client.get(URL)

    assert '<a href="/en/funding/" aria-current="page">Funding</a>' in response.text


def test_lists_published_calls_with_links_to_their_pages(client, make_call):
    call = make_call("Vetyhanke")

    response = client.get(URL)

    assert f'<a href="{call.get_absolute_url()}">Vetyhanke</a>' in response.text


def test_unpublished_calls_are_hidden_but_staff_see_them_marked(client, staff_client, make_call):
    make_call("Luonnos", is_published=False)
    make_call("Julkinen")

    assert titles(client.get(URL)) == ["Julkinen"]
    staff_page = staff_client.get(URL)
    assert sorted(titles(staff_page)) == ["Julkinen", "Luonnos"]
    assert '<span class="draft-label">Not published</span>' in staff_page.text


def test_the_card_shows_what_decides_whether_to_read_on(client, make_call):
    # 16:00 UTC in January is 17:00 in Brussels.
    deadline = in_days(20).replace(month=1, day=15, hour=16, minute=0, second=0)
    if deadline < timezone.now():
        deadline = deadline.replace(year=deadline.year + 1)
    make_call(
        "Vetyhanke",
        programme="horizon-europe-eie",
        deadlines=[deadline],
        grant_min=100_000,
        grant_max=500_000,
        cluster_role="applicant",
        is_demo=True,
    )

    response = client.get(URL)

    card = response.text[response.text.index('<li class="card call-card">') :]
    assert "Horizon Europe" in card
    assert '<span class="kind-badge">EU</span>' in card
    assert '<span class="status-badge status-badge--open">Open</span>' in card
    assert "17:00" in card and "CET (Europe/Brussels)" in card
    days = (deadline - timezone.now()).days
    assert f"{days} days left" in card
    assert "€100,000–€500,000" in card
    assert "Clusters may apply, also as coordinator" in card
    assert '<span class="demo-label">Demo</span>' in card


def test_a_forthcoming_call_says_when_it_opens(client, make_call):
    make_call("Tuleva", opens_at=in_days(5), deadlines=[in_days(40)])

    response = client.get(URL)

    badge = '<span class="status-badge status-badge--forthcoming">Forthcoming</span>'
    assert badge in response.text
    assert "<dt>Opens</dt>" in response.text


def test_the_result_count_and_an_empty_state(client, make_call):
    make_call("Yksi")
    make_call("Kaksi")

    assert "<strong>2 calls</strong>" in client.get(URL).text
    empty = client.get(URL + "?level=nordic")
    assert "<strong>No calls found</strong>" in empty.text
    assert "No call matches the search and the filters." in empty.text
    assert 'class="clear-filters"' in empty.text


def test_pages_of_twenty(client, make_call):
    for number in range(23):
        make_call(f"Haku {number:02d}", deadlines=[in_days(10 + number)])

    first = client.get(URL)
    second = client.get(URL + "?page=2")

    assert len(titles(first)) == 20
    assert titles(second) == ["Haku 20", "Haku 21", "Haku 22"]
    assert "showing 21–23" in second.text
    assert client.get(URL + "?page=nonsense").status_code == 200


def test_htmx_gets_the_results_alone_with_the_count_out_of_band(client, make_call):
    make_call("Vetyhanke")

    response = client.get(URL, headers={"HX-Request": "true"})

    assert "<html" not in response.text
    assert '<p id="result-count" hx-swap-oob="innerHTML"><strong>1 call</strong>' in response.text
    assert "Vetyhanke" in response.text
    assert "HX-Request" in response["Vary"]


# Order and status -------------------------------------------------------------------


def test_sorted_by_next_deadline_by_default_open_ended_last(client, make_call):
    make_call("Later", deadlines=[in_days(60)])
    make_call("Continuous", deadlines=[])
    make_call("Soon", deadlines=[in_days(10)])
    # A two-stage call whose first stage has passed sorts by its second stage.
    make_call("Second stage", deadlines=[in_days(-3), in_days(30)], deadline_model="two_stage")

    assert titles(client.get(URL)) == ["Soon", "Second stage", "Later", "Continuous"]


def test_other_orders(client, make_call):
    make_call("Small", budget_total=1_000_000, deadlines=[in_days(10)])
    make_call("Large", budget_total=9_000_000, deadlines=[in_days(50)])

    assert titles(client.get(URL + "?sort=budget")) == ["Large", "Small"]
    assert titles(client.get(URL + "?sort=newest")) == ["Large", "Small"]


def test_by_default_open_and_forthcoming_calls_show_and_closed_ones_do_not(client, make_call):
    make_call("Open")
    make_call("Forthcoming", opens_at=in_days(5), deadlines=[in_days(40)])
    make_call("Closed", opens_at=in_days(-60), deadlines=[in_days(-2)])

    response = client.get(URL)

    assert sorted(titles(response)) == ["Forthcoming", "Open"]
    # The status filter shows what the list applies unasked, without a chip for it.
    assert 'value="open" id="filter-status-open" checked>' in response.text
    assert 'value="forthcoming" id="filter-status-forthcoming" checked>' in response.text
    assert 'value="closed" id="filter-status-closed">' in response.text
    assert "Filters in use:" not in response.text
    assert titles(client.get(URL + "?status=closed")) == ["Closed"]
    assert sorted(titles(client.get(URL + "?status=closed&status=open"))) == ["Closed", "Open"]


# Each filter ----------------------------------------------------------------------


def test_filter_by_level(client, make_call):
    make_call("EU", programme="horizon-europe-eie")
    make_call("Nordic", programme="nordic-innovation")
    make_call("National", programme="business-finland-co-innovation")

    assert titles(client.get(URL + "?level=nordic")) == ["Nordic"]
    assert sorted(titles(client.get(URL + "?level=eu&level=national"))) == ["EU", "National"]


def test_filter_by_kind_of_funding(client, make_call):
    make_call("Loan", programme="finnvera")
    make_call("Project", programme="interreg-aurora")
    make_call("Long-term", programme="business-finland-veturi")

    assert titles(client.get(URL + "?kind=loan")) == ["Loan"]
    assert titles(client.get(URL + "?kind=long_term")) == ["Long-term"]


def test_filter_by_applicant_type(client, make_call):
    make_call("For SMEs", applicant_types=["sme"])
    make_call("For clusters", applicant_types=["cluster-organisation"])
    make_call("For both", applicant_types=["sme", "cluster-organisation"])

    response = client.get(URL + "?applicant=sme")

    assert sorted(titles(response)) == ["For SMEs", "For both"]


def test_filter_by_ecosystem(client, make_call):
    make_call("Digital", ecosystems=Ecosystem.objects.filter(slug="digital"))
    make_call("Energy", ecosystems=Ecosystem.objects.filter(slug="energy-intensive"))

    assert titles(client.get(URL + "?ecosystem=digital")) == ["Digital"]
    assert titles(client.get(URL + "?ecosystem=energy-intensive")) == ["Energy"]


def test_filter_by_region_a_call_open_to_every_region_matches(client, make_call):
    make_call("Uusimaa", regions=Region.objects.filter(code="MK01"))
    make_call("Lapland", regions=Region.objects.filter(code="MK19"))
    make_call("Anywhere")

    assert sorted(titles(client.get(URL + "?region=MK01"))) == ["Anywhere", "Uusimaa"]


def test_filter_by_country_a_call_open_to_every_country_matches(client, make_call):
    make_call("Finland", countries=["FI"])
    make_call("Sweden and Norway", countries=["SE", "NO"])
    make_call("Anywhere")

    assert sorted(titles(client.get(URL + "?country=NO"))) == ["Anywhere", "Sweden and Norway"]
    response = client.get(URL + "?country=DE")
    assert titles(response) == ["Anywhere"]
    # Countries beyond the Nordic ones are folded away under "more", still labelled.
    assert '<label for="filter-country-DE">Germany</label>' in response.text


def test_filter_by_deadline_within_days(client, make_call):
    make_call("Soon", deadlines=[in_days(10)])
    make_call("Later", deadlines=[in_days(50)])
    make_call("Continuous", deadlines=[])

    assert titles(client.get(URL + "?within=14")) == ["Soon"]
    assert titles(client.get(URL + "?within=60")) == ["Soon", "Later"]


def test_filter_by_budget(client, make_call):
    make_call("Small grants", grant_max=50_000)
    make_call("Large grants", grant_max=500_000)
    make_call("Large budget, grant not stated", budget_total=2_000_000)

    response = client.get(URL + "?budget=100000")

    assert sorted(titles(response)) == ["Large budget, grant not stated", "Large grants"]
    assert "Grant of at least (EUR): €100,000" in response.text


def test_search_words_through_q(client, make_call, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # the search index
        make_call("Vetytalouden klusterihanke", keywords=["hydrogen"])
        make_call("Akkujen kierrätys")

    assert titles(client.get(URL + "?q=hydrogen")) == ["Vetytalouden klusterihanke"]
    assert titles(client.get(URL + "?q=vety")) == ["Vetytalouden klusterihanke"]
    assert titles(client.get(URL + "?q=nothing+like+this")) == []


def test_words_sort_by_relevance_unless_another_order_is_chosen(
    client, make_call, django_capture_on_commit_callbacks
):
    soon, later = (timezone.now() + timedelta(days=days) for days in (10, 40))
    with django_capture_on_commit_callbacks(execute=True):  # the search index
        make_call("Battery recycling", summary_en="Hydrogen storage too.", deadlines=[soon])
        make_call("Hydrogen valleys", deadlines=[later])
        make_call("Clean transport", keywords=["hydrogen"], deadlines=[soon])

    # A word in the title weighs most, then in the keywords, then in the summary.
    assert titles(client.get(URL + "?q=hydrogen")) == [
        "Hydrogen valleys",
        "Clean transport",
        "Battery recycling",
    ]
    assert titles(client.get(URL + "?q=hydrogen&sort=deadline")) == [
        "Battery recycling",
        "Clean transport",
        "Hydrogen valleys",
    ]


def test_filters_combine_and_each_can_be_removed(client, make_call):
    make_call("Nordic SME", programme="nordic-innovation", applicant_types=["sme"])
    make_call("Nordic cluster", programme="nordic-innovation")
    make_call("EU SME", programme="horizon-europe-eie", applicant_types=["sme"])

    response = client.get(URL + "?level=nordic&applicant=sme")

    assert titles(response) == ["Nordic SME"]
    assert 'href="/en/funding/?applicant=sme"' in response.text  # drops the level
    assert 'href="/en/funding/?level=nordic"' in response.text  # drops the applicant


def test_invalid_values_are_dropped_not_errors(client, make_call):
    make_call("Nordic", programme="nordic-innovation")
    make_call("EU", programme="horizon-europe-eie")

    response = client.get(
        URL + "?level=nordic&level=bogus&kind=evil&applicant=nobody&ecosystem=none"
        "&region=XX99&country=ZZ&status=maybe&within=5&budget=lots&sort=evil&page=-3"
        "&q=" + "x" * 500
    )

    assert response.status_code == 200
    assert titles(response) == ["Nordic"]  # the one valid value still applies


@pytest.mark.parametrize("language", ["fi", "en"])
def test_a_budget_that_is_no_number_is_kept_and_explained(client, make_call, language):
    make_call("Haku", grant_max=50_000)

    response = client.get(f"/{language}/funding/?budget=lots")

    assert titles(response) == ["Haku"]  # left out of the search
    assert 'value="lots"' in response.text
    assert 'aria-invalid="true"' in response.text
    assert f"<li>{translated('Enter a whole number.', language)}</li>" in response.text


def test_user_text_is_escaped(client, make_call):
    make_call("<script>alert(1)</script>")

    listed = client.get(URL)
    searched = client.get(URL + "?q=%3Cb%3Ebold")

    assert "<script>alert(1)</script>" not in listed.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in listed.text
    assert "<b>bold" not in searched.text
    assert 'value="&lt;b&gt;bold"' in searched.text


# Query counts -----------------------------------------------------------------------


def rich_calls(make_call, count: int) -> None:
    """Calls with everything a card and the filters touch: several deadlines,
    ecosystems, applicant types, regions."""
    ecosystems = list(Ecosystem.objects.filter(slug__in=["digital", "energy-intensive"]))
    assert len(ecosystems) == 2
    regions = list(Region.objects.filter(code__in=["MK01", "MK02"]))
    for number in range(count):
        make_call(
            f"Haku {number:03d}",
            deadlines=[in_days(5 + number), in_days(100 + number)],
            deadline_model="two_stage",
            ecosystems=ecosystems,
            regions=regions,
            applicant_types=["cluster-organisation", "sme"],
            grant_max=500_000,
        )


_requests = itertools.count()


def queries_of(client, url: str, headers=None) -> int:
    """The queries of ``url`` asked anew: a parameter that means nothing makes every
    address new, so the page cache never answers (the cards' cache still does)."""
    url += f"{'&' if '?' in url else '?'}new={next(_requests)}"
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, headers=headers or {})
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "query",
    ["", "?ecosystem=digital&region=MK01&applicant=sme&within=60&budget=1000&country=FI"],
)
def test_query_count_is_constant_in_the_number_of_calls(client, make_call, query):
    def cold_and_warm() -> tuple[int, int]:
        pagecache.bump("funding")  # as any change of a call does: no card is cached
        return queries_of(client, URL + query), queries_of(client, URL + query)

    rich_calls(make_call, 3)
    client.get(URL + query)  # the filters' options, cached apart from the calls
    few_cold, few_warm = cold_and_warm()
    rich_calls(make_call, 27)

    many_cold, many_warm = cold_and_warm()

    assert (few_cold, few_warm) == (many_cold, many_warm)
    # The cards not yet cached cost two queries (the calls, their deadlines).
    assert many_warm + 2 == many_cold <= 9


def test_query_count_of_the_htmx_results_is_constant(client, make_call):
    rich_calls(make_call, 3)
    few = queries_of(client, URL + "?ecosystem=digital", {"HX-Request": "true"})
    rich_calls(make_call, 27)

    assert queries_of(client, URL + "?ecosystem=digital", {"HX-Request": "true"}) == few


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_home_page_leads_to_the_finder(client, language):
    response = client.get(f"/{language}/")

    assert f'<h3><a href="/{language}/funding/">{translated("Funding", language)}</a></h3>' in (
        response.text
    )


def test_a_call_matching_several_values_is_listed_once(client, make_call):
    make_call(
        "Everywhere",
        regions=Region.objects.filter(code__in=["MK01", "MK02"]),
        ecosystems=Ecosystem.objects.filter(slug__in=["digital", "energy-intensive"]),
        applicant_types=["sme", "cluster-organisation"],
        deadlines=[in_days(5), in_days(9)],
    )

    response = client.get(
        URL + "?region=MK01&region=MK02&ecosystem=digital&ecosystem=energy-intensive"
        "&applicant=sme&applicant=cluster-organisation&within=30"
    )

    assert titles(response) == ["Everywhere"]
    assert "<strong>1 call</strong>" in response.text


# Cached cards ---------------------------------------------------------------------


def test_a_cached_card_follows_the_clock(client, make_call):
    """The card's own cache; each address is new, so that the page cache (a minute,
    by the real clock on Redis) does not answer."""
    start = timezone.now()
    make_call("Vetyhanke", deadlines=[start + timedelta(days=10, hours=12)])
    assert "10 days left" in client.get(URL + "?at=0").text

    with time_machine.travel(start + timedelta(days=3), tick=False):
        assert "7 days left" in client.get(URL + "?at=3").text
    with time_machine.travel(start + timedelta(days=10, hours=11), tick=False):
        assert "Less than a day left" in client.get(URL + "?at=10").text
    with time_machine.travel(start + timedelta(days=11), tick=False):
        assert titles(client.get(URL + "?at=11")) == []  # closed
        closed = client.get(URL + "?status=closed")
        assert '<span class="status-badge status-badge--closed">Closed</span>' in closed.text


def test_a_cached_card_follows_a_change_of_the_call(client, make_call):
    call = make_call("Vanha nimi")
    assert titles(client.get(URL)) == ["Vanha nimi"]

    call.title_en = "Uusi nimi"
    save_call(
        call,
        deadlines=[DeadlineData(at=d.at, time_zone=d.time_zone) for d in call.deadlines.all()],
        related={},
        by=None,
    )

    assert titles(client.get(URL)) == ["Uusi nimi"]


def test_anonymous_pages_come_from_the_page_cache_until_a_call_changes(
    client, make_call, django_assert_num_queries
):
    call = make_call("Vanha nimi")
    for url in [URL, call.get_absolute_url(), "/fi/funding/programmes/interreg-aurora/"]:
        client.get(url)
        with django_assert_num_queries(0):
            assert client.get(url).status_code == 200

    call.title_en = call.title_fi = "Uusi nimi"
    save_call(
        call,
        deadlines=[DeadlineData(at=d.at, time_zone=d.time_zone) for d in call.deadlines.all()],
        related={},
        by=None,
    )

    assert titles(client.get(URL)) == ["Uusi nimi"]
    assert "Uusi nimi" in client.get(call.get_absolute_url()).text


def test_signed_in_people_never_get_a_cached_page(staff_client, client, make_call):
    make_call("Luonnos", is_published=False)
    client.get(URL)

    assert titles(staff_client.get(URL)) == ["Luonnos"]
    assert titles(client.get(URL)) == []
