"""The public cluster directory at /<lang>/clusters/."""

import re
import sys
import types

import pytest
from django.conf.urls.i18n import i18n_patterns
from django.http import HttpResponse
from django.test import Client
from django.urls import include, path
from playwright.sync_api import expect

from klusteri.clusters.models import Cluster, ClusterManager
from klusteri.clusters.tests.test_filters import create_cluster, fake_search
from klusteri.clusters.views import directory
from klusteri.e2e_fixtures import assert_accessible, open_page
from klusteri.places.models import Region

pytest_plugins = ["klusteri.e2e_fixtures"]
pytestmark = pytest.mark.django_db

URL = "/en/clusters/"


def _stub(request, **kwargs):
    return HttpResponse("stub")


def directory_urls(*, with_exports: bool):
    """The site's URLs, with or without the exports and the map (another engineer
    adds them): the directory links to them only when they exist."""
    clusters = [path("", directory.cluster_list, name="list")]
    if with_exports:
        clusters += [
            path("export.<str:format>", _stub, name="export"),
            path("map/", _stub, name="map"),
        ]
    clusters += [path("<slug:slug>/", _stub, name="detail")]
    return i18n_patterns(
        path("", include("klusteri.core.urls")),
        path("clusters/", include((clusters, "clusters"))),
        path("accounts/", include("klusteri.accounts.urls")),
        path("accounts/", include("allauth.urls")),
        prefix_default_language=True,
    )


urlpatterns = directory_urls(with_exports=True)


@pytest.fixture
def without_exports(settings, monkeypatch):
    module = types.ModuleType("directory_urls_without_exports")
    module.urlpatterns = directory_urls(with_exports=False)
    monkeypatch.setitem(sys.modules, module.__name__, module)
    settings.ROOT_URLCONF = module.__name__


@pytest.fixture
def uusimaa():
    return Region.objects.get(code="MK01")


def rich_clusters(count: int, region) -> list[Cluster]:
    """Clusters with everything a card shows: region, tags, ecosystems."""
    return [
        create_cluster(
            f"Cluster {number:03d}",
            region=region,
            city="Espoo",
            members_sme=number,
            label=Cluster.Label.SILVER if number % 2 else "",
            is_demo=bool(number % 3),
            tags=[f"tag-{number}", "hydrogen", "batteries"],
            ecosystems=["digital", "energy-intensive-industries"],
            nace=["C"],
            services=["advocacy"],
        )
        for number in range(count)
    ]


def cards(response) -> list[str]:
    return re.findall(r'<h3 class="cluster-card__name"><a href="[^"]+">([^<]+)</a>', response.text)


# The page -------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_answers_in_every_language(client, language):
    create_cluster("Vetyklusteri")

    response = client.get(f"/{language}/clusters/")

    assert response.status_code == 200
    assert f'<html lang="{language}">' in response.text
    assert "Vetyklusteri" in response.text


def test_post_is_not_allowed(client):
    assert client.post(URL).status_code == 405


def test_lists_published_clusters_with_links_to_their_profiles(client):
    cluster = create_cluster("Vetyklusteri")

    response = client.get(URL)

    assert f'<a href="{cluster.get_absolute_url()}">Vetyklusteri</a>' in response.text


def test_search_box_is_labelled_in_a_search_form(client):
    response = client.get(URL)

    assert re.search(r'<form [^>]*method="get"[^>]*role="search"', response.text)
    assert '<label for="id_q">Search clusters</label>' in response.text
    assert 'id="id_q"' in response.text
    assert "Show clusters</button>" in response.text  # works without JavaScript


def test_filters_are_collapsible_fieldsets_with_legends(client):
    response = client.get(URL)

    for legend in [
        "Country",
        "Region",
        "EU industrial ecosystem",
        "Industry (NACE section)",
        "Technology or value chain",
        "Kind of entity",
        "Cluster excellence label",
        "Number of members",
        "Services offered",
    ]:
        assert f'<legend class="visually-hidden">{legend}</legend>' in response.text
        assert f"<summary>{legend}" in response.text
    assert response.text.count('<details class="filter-group"') == 9


def test_a_filter_in_use_starts_open_and_ticked(client):
    response = client.get(URL + "?region=MK01")

    assert '<details class="filter-group" open>\n    <summary>Region' in response.text
    assert 'value="MK01" id="filter-region-MK01" checked>' in response.text


def test_only_the_most_used_tags_show_before_more(client):
    for number in range(20):
        create_cluster(f"C{number}", tags=[f"tag-{n:02d}" for n in range(number + 1)])

    response = client.get(URL)

    more = response.text.index('<details class="filter-more">')
    assert response.text.index('value="tag-14"') < more < response.text.index('value="tag-15"')
    assert "5 more</summary>" in response.text


def test_sort_offers_name_size_newest_and_relevance(client):
    response = client.get(URL + "?sort=size")

    assert '<option value="size" selected>Size, largest first</option>' in response.text
    for value in ["relevance", "name", "newest"]:
        assert f'<option value="{value}">' in response.text


@pytest.mark.parametrize(("count", "text"), [(1, "1 cluster<"), (2, "2 clusters<")])
def test_result_count_is_plural_aware(client, count, text):
    for number in range(count):
        create_cluster(f"C{number}")

    response = client.get(URL)

    assert f"<strong>{text}" in response.text


def test_no_results_say_so(client):
    response = client.get(URL + "?country=SE")

    assert "No clusters found" in response.text
    assert "No cluster matches the search and the filters." in response.text


def test_card_shows_what_a_visitor_compares(client, uusimaa):
    create_cluster(
        "Vetyklusteri",
        kind=Cluster.Kind.NETWORK,
        region=uusimaa,
        city="Espoo",
        members_sme=40,
        members_large=2,
        label=Cluster.Label.GOLD,
        is_demo=True,
        ecosystems=["digital"],
        tags=["a-tag", "b-tag", "c-tag", "d-tag", "e-tag", "f-tag", "g-tag"],
    )

    text = client.get(URL).text

    assert '<span class="kind-badge">Business network</span>' in text
    assert '<span class="demo-label">Demo</span>' in text
    assert "Gold label</span>" in text
    assert "<dd>Espoo, Uusimaa, Finland</dd>" in text
    assert "<dd>42</dd>" in text
    assert "<dd>Digital</dd>" in text
    assert "<li>E-Tag</li>" in text
    assert "<li>F-Tag</li>" not in text  # five tags at most
    assert "and 2 more" in text


def test_cluster_organisations_stand_out_from_other_kinds(client):
    create_cluster("Organisation", kind=Cluster.Kind.CLUSTER_ORGANISATION)
    create_cluster("Ecosystem", kind=Cluster.Kind.ECOSYSTEM)

    text = client.get(URL).text

    assert '<span class="kind-badge kind-badge--cluster">Cluster organisation</span>' in text
    assert '<span class="kind-badge">Innovation ecosystem</span>' in text


def test_a_card_without_optional_facts_stays_tidy(client):
    create_cluster("Bare", country="SE")

    text = client.get(URL).text

    assert "<dd>Sweden</dd>" in text
    assert "label</span>" not in text
    assert "demo-label" not in text
    assert "tag-list" not in text


# Filters and search through the page -------------------------------------------


def test_filters_narrow_the_list(client, uusimaa):
    create_cluster("Helsinki", region=uusimaa, tags=["hydrogen"])
    create_cluster("Hydrogen elsewhere", tags=["hydrogen"])
    create_cluster("Helsinki batteries", region=uusimaa, tags=["batteries"])

    response = client.get(URL + "?region=MK01&tag=hydrogen")

    assert cards(response) == ["Helsinki"]


def test_invalid_parameters_are_ignored(client):
    create_cluster("Vetyklusteri")

    response = client.get(URL + "?region=XX&size=huge&page=abc&sort=evil&tag=&kind=%00")

    assert response.status_code == 200
    assert cards(response) == ["Vetyklusteri"]


def test_search_words_use_the_search_module(client, monkeypatch):
    alpha, beta = create_cluster("Alpha"), create_cluster("Beta")
    create_cluster("Gamma")
    calls = fake_search(monkeypatch, [beta.pk, alpha.pk])

    response = client.get(URL + "?q=vety")

    assert cards(response) == ["Beta", "Alpha"]
    assert calls[0][:2] == ("cluster", "vety")
    assert 'value="vety"' in response.text


def test_search_finds_clusters_through_the_real_index(client):
    from klusteri.clusters.search import reindex_clusters

    hydrogen = create_cluster("Vetytalouden klusteri", tags=["hydrogen"])
    create_cluster("Metsäklusteri", tags=["forest"])
    reindex_clusters([cluster.pk for cluster in Cluster.objects.all()])

    response = client.get(URL + "?q=vety")

    assert cards(response) == [hydrogen.name]


def test_search_and_filters_combine(client, monkeypatch, uusimaa):
    alpha = create_cluster("Alpha", region=uusimaa)
    beta = create_cluster("Beta")
    fake_search(monkeypatch, [beta.pk, alpha.pk])

    response = client.get(URL + "?q=vety&region=MK01")

    assert cards(response) == ["Alpha"]


def test_a_very_broad_search_says_it_was_cut(client, monkeypatch):
    alpha = create_cluster("Alpha")
    monkeypatch.setattr("klusteri.clusters.ranking.SEARCH_LIMIT", 1)
    fake_search(monkeypatch, [alpha.pk, alpha.pk + 1])

    response = client.get(URL + "?q=a")

    assert "only the best matches are listed" in response.text


def test_active_filters_can_be_removed_one_by_one(client, uusimaa):
    create_cluster("Helsinki", region=uusimaa, kind="network")

    text = client.get(URL + "?region=MK01&kind=network&sort=size&page=1").text

    assert "Region: Uusimaa" in text
    assert 'href="/en/clusters/?kind=network&amp;sort=size"' in text  # without the region
    assert 'href="/en/clusters/?region=MK01&amp;sort=size"' in text  # without the kind


def test_clear_filters_link_only_when_a_filter_is_active(client):
    create_cluster("Vetyklusteri")

    plain = client.get(URL + "?sort=size").text
    filtered = client.get(URL + "?country=FI&sort=size").text

    assert "Clear filters" not in plain
    assert '<a href="/en/clusters/?sort=size" class="clear-filters">Clear filters</a>' in filtered


# Who sees what --------------------------------------------------------------------


@pytest.fixture
def draft():
    return create_cluster("Draft cluster", is_published=False)


def test_unpublished_clusters_are_hidden_from_anonymous(client, draft):
    assert "Draft cluster" not in client.get(URL).text


def test_unpublished_clusters_are_hidden_from_outsiders(outsider_client, draft):
    assert "Draft cluster" not in outsider_client.get(URL).text


def test_unpublished_clusters_are_hidden_from_other_managers(client, draft, other_manager):
    other = create_cluster("Other", is_published=False)
    ClusterManager.objects.create(cluster=other, user=other_manager)
    client.force_login(other_manager)

    text = client.get(URL).text

    assert "Draft cluster" not in text
    assert "Other" in text


def test_managers_see_their_unpublished_cluster(client, draft, manager):
    ClusterManager.objects.create(cluster=draft, user=manager)
    client.force_login(manager)

    text = client.get(URL).text

    assert "Draft cluster" in text
    assert '<span class="draft-label">Not published</span>' in text


def test_staff_see_unpublished_clusters(staff_client, draft):
    assert "Draft cluster" in staff_client.get(URL).text


def test_a_managed_cluster_is_listed_once(client, manager):
    cluster = create_cluster("Managed")
    ClusterManager.objects.create(cluster=cluster, user=manager)
    client.force_login(manager)

    assert cards(client.get(URL)) == ["Managed"]


# Pages ----------------------------------------------------------------------------


def test_twenty_clusters_a_page(client):
    for number in range(45):
        create_cluster(f"C{number:02d}")

    first = client.get(URL)
    third = client.get(URL + "?page=3")

    assert len(cards(first)) == 20
    assert cards(third) == ["C40", "C41", "C42", "C43", "C44"]
    assert "showing 41–45" in third.text


def test_page_links_keep_the_other_parameters(client):
    for number in range(25):
        create_cluster(f"C{number:02d}", country="SE")

    text = client.get(URL + "?country=SE&sort=name").text

    assert 'href="/en/clusters/?country=SE&amp;sort=name&amp;page=2" rel="next"' in text
    assert '<a href="/en/clusters/?country=SE&amp;sort=name" aria-current="page">' in text


@pytest.mark.parametrize("page", ["99", "-1", "0"])
def test_a_page_out_of_range_shows_the_last_or_first(client, page):
    for number in range(25):
        create_cluster(f"C{number:02d}")

    response = client.get(URL + f"?page={page}")

    assert response.status_code == 200
    expected = ["C20", "C21", "C22", "C23", "C24"] if page == "99" else cards(client.get(URL))
    assert cards(response) == expected


def test_deep_pages_are_capped_with_a_note(client, monkeypatch):
    monkeypatch.setattr(directory, "MAX_PAGES", 2)
    for number in range(45):
        create_cluster(f"C{number:02d}")

    response = client.get(URL + "?page=3")

    assert cards(response)[0] == "C20"  # page 2 is the last one
    assert "<strong>45 clusters</strong>" in response.text
    assert "Add a search word or a filter to find the rest." in response.text
    assert 'rel="next"' not in response.text


# htmx -----------------------------------------------------------------------------


def test_htmx_gets_only_the_results(client):
    create_cluster("Vetyklusteri")

    response = client.get(URL + "?country=FI", headers={"HX-Request": "true"})

    assert response.status_code == 200
    assert "<html" not in response.text
    assert "Vetyklusteri" in response.text
    assert (
        '<p id="result-count" hx-swap-oob="innerHTML"><strong>1 cluster</strong>' in response.text
    )
    assert "HX-Request" in response["Vary"]


def test_htmx_history_restore_gets_the_whole_page(client):
    response = client.get(URL, headers={"HX-Request": "true", "HX-History-Restore-Request": "true"})

    assert "<html" in response.text


def test_the_page_is_wired_for_htmx_without_inline_code(client):
    text = client.get(URL).text

    form = re.search(r'<form id="directory-form"[^>]*>', text).group(0)
    assert 'hx-get="/en/clusters/"' in form
    assert 'hx-target="#results"' in form
    assert 'hx-push-url="true"' in form
    assert "delay:300ms" in form
    assert '"includeIndicatorStyles": false' in text
    assert re.search(r'<script src="/static/vendor/htmx/htmx.min.js" defer></script>', text)
    assert re.search(r'<script src="/static/js/directory.js" defer></script>', text)
    assert not re.search(r"<script(?![^>]*\bsrc=)", text)  # no inline script
    assert "style=" not in text
    assert not re.search(r"<[^>]*\son[a-z]+=", text)  # no inline event handlers
    assert "hx-on" not in text


def test_results_region_has_a_heading_and_a_live_count(client):
    text = client.get(URL).text

    assert '<section class="directory-results" aria-labelledby="results-heading">' in text
    assert '<h2 id="results-heading" tabindex="-1">Results</h2>' in text
    assert '<p id="result-count" class="result-count" aria-live="polite"' in text


# Exports and map ------------------------------------------------------------------


def test_no_export_or_map_links_while_they_do_not_exist(client, without_exports):
    text = client.get(URL + "?country=FI").text

    assert "Download as CSV" not in text
    assert "on a map" not in text


@pytest.mark.urls(__name__)
def test_export_and_map_links_keep_the_filters(client):
    text = client.get(URL + "?country=FI&tag=hydrogen&page=2").text

    assert 'href="/en/clusters/export.csv?country=FI&amp;tag=hydrogen"' in text
    assert 'href="/en/clusters/export.xlsx?country=FI&amp;tag=hydrogen"' in text
    assert 'href="/en/clusters/map/?country=FI&amp;tag=hydrogen"' in text


# Query counts ---------------------------------------------------------------------


# Anonymous, with three filters: 3 to check the region, tag and ecosystem values,
# 2 for the count and the page of clusters, 2 to prefetch their ecosystems and tags,
# 6 for the filters' options (regions, ecosystems, NACE sections, services, and
# the tags with their uses).
# Signed in adds the session and the user; htmx needs neither options nor layout.
@pytest.mark.parametrize("count", [5, 25])
def test_query_count_is_constant_for_anonymous(client, django_assert_num_queries, uusimaa, count):
    rich_clusters(count, uusimaa)

    with django_assert_num_queries(13):
        response = client.get(URL + "?region=MK01&tag=hydrogen&ecosystem=digital")

    assert len(cards(response)) == min(count, 20)


@pytest.mark.parametrize("count", [5, 25])
def test_query_count_is_constant_when_signed_in(
    manager_client, manager, django_assert_num_queries, uusimaa, count
):
    clusters = rich_clusters(count, uusimaa)
    ClusterManager.objects.create(cluster=clusters[0], user=manager)

    with django_assert_num_queries(15):
        response = manager_client.get(URL + "?region=MK01&tag=hydrogen&ecosystem=digital")

    assert len(cards(response)) == min(count, 20)


@pytest.mark.parametrize("count", [5, 25])
def test_query_count_is_constant_for_htmx(client, django_assert_num_queries, uusimaa, count):
    rich_clusters(count, uusimaa)

    with django_assert_num_queries(4):
        client.get(URL + "?sort=size&page=2", headers={"HX-Request": "true"})


# Caches ---------------------------------------------------------------------------


def test_anonymous_page_is_answered_from_the_cache(client, django_assert_num_queries, uusimaa):
    rich_clusters(3, uusimaa)
    first = client.get(URL + "?sort=size")

    with django_assert_num_queries(0):
        again = client.get(URL + "?sort=size")

    assert again.status_code == 200
    assert again.content == first.content
    assert "HX-Request" in again["Vary"]


def test_htmx_and_full_page_are_cached_apart(client, uusimaa):
    rich_clusters(3, uusimaa)
    client.get(URL)

    fragment = client.get(URL, headers={"HX-Request": "true"})

    assert "<html" not in fragment.text
    assert "<html" in client.get(URL).text


def test_each_language_has_its_own_cached_page(client):
    create_cluster("Vetyklusteri")
    client.get("/en/clusters/")

    assert client.get("/fi/clusters/")["Content-Language"] == "fi"


def test_a_changed_cluster_shows_at_once_to_anonymous_visitors(client):
    cluster = create_cluster("Old name")
    assert "Old name" in client.get(URL).text

    cluster.name = "New name"
    cluster.save(update_fields=["name"])

    text = client.get(URL).text
    assert "New name" in text
    assert "Old name" not in text


def test_a_new_cluster_shows_at_once_after_the_commit(client, django_capture_on_commit_callbacks):
    create_cluster("First")
    client.get(URL)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        create_cluster("Second")

    assert callbacks  # the version is renewed again when the transaction commits
    assert "Second" in client.get(URL).text


def test_a_new_tag_shows_at_once_in_the_filters(client, django_assert_num_queries):
    create_cluster("First", tags=["hydrogen"])
    client.get(URL)

    create_cluster("Second", tags=["batteries"])

    assert 'value="batteries"' in client.get(URL).text


def test_signed_in_pages_are_never_cached(manager_client, manager, django_assert_num_queries):
    draft = create_cluster("Draft of mine", is_published=False)
    ClusterManager.objects.create(cluster=draft, user=manager)
    manager_client.get(URL)

    # Session, user, count and page: the cards come from the cache, not the page.
    with django_assert_num_queries(4):
        response = manager_client.get(URL)

    assert "Draft of mine" in response.text
    assert "Draft of mine" not in Client().get(URL).text


def test_visitor_with_a_session_is_not_served_from_the_cache(client, django_assert_num_queries):
    create_cluster("First")
    client.get(URL)
    client.cookies["sessionid"] = "whatever"

    with django_assert_num_queries(3):  # session, count and page; the cards are cached
        client.get(URL)


def test_cards_are_rendered_anew_after_a_change(manager_client, django_assert_num_queries):
    cluster = create_cluster("Old name", tags=["batteries"])
    manager_client.get(URL)

    cluster.name_en = "New name"
    cluster.save(update_fields=["name_en"])
    with django_assert_num_queries(6):  # session, user, count, page, two prefetches
        response = manager_client.get(URL)

    assert "New name" in response.text
    assert "Old name" not in response.text


def test_filter_options_are_cached_between_pages(client, django_assert_num_queries, uusimaa):
    rich_clusters(3, uusimaa)
    client.get(URL + "?sort=name")

    # The count and the page: the options and the cards come from the cache.
    with django_assert_num_queries(2):
        response = client.get(URL + "?sort=newest")

    assert 'value="hydrogen"' in response.text


def test_search_keeps_the_order_of_relevance_with_filters(client, monkeypatch):
    first = create_cluster("First", country="FI")
    second = create_cluster("Second", country="FI")
    create_cluster("Swedish", country="SE")
    third = create_cluster("Third", country="FI")
    fake_search(monkeypatch, [third.pk, first.pk, second.pk])

    response = client.get(URL + "?q=anything&country=FI")

    names = [c.name for c in response.context["page"].object_list]
    assert names == ["Third", "First", "Second"]


# In a real browser ----------------------------------------------------------------
# The live server flushes the database after each test, reference data included, so
# these tests use only what they create (tags, countries, kinds).

browser = pytest.mark.browser
live_db = pytest.mark.django_db(transaction=True)


def open_directory(page, path: str = URL):
    """Open the directory and collect what the browser complains about."""
    problems = []

    def console(message):
        # The site has no favicon yet; that 404 is not the directory's.
        if message.type == "error" and "favicon.ico" not in message.location["url"]:
            problems.append(f"{message.text} {message.location['url']}")

    page.on("console", console)
    page.on("pageerror", lambda error: problems.append(str(error)))
    open_page(page, path, "en")
    page.wait_for_function("() => window.htmx !== undefined")
    page.evaluate("() => { window.notReloaded = true; }")
    return problems


def card_names(page) -> list[str]:
    return page.locator(".cluster-card__name a").all_inner_texts()


@browser
@live_db
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_browser_page_is_accessible_with_every_filter_open(make_page, scheme):
    page = make_page(color_scheme=scheme)
    create_cluster("Vetyklusteri", tags=["hydrogen"], label=Cluster.Label.GOLD, is_demo=True)
    create_cluster("Verkosto", kind=Cluster.Kind.NETWORK, country="SE")
    problems = open_directory(page, URL + "?country=FI&tag=hydrogen")

    page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")

    assert_accessible(page)
    assert problems == []


@browser
@live_db
def test_browser_ticking_a_filter_swaps_the_results_and_the_address(page):
    create_cluster("Finnish", country="FI")
    create_cluster("Swedish", country="SE")
    problems = open_directory(page)

    page.locator("summary", has_text="Country").click()
    page.get_by_label("Sweden").check()

    expect(page).to_have_url(re.compile(r"/en/clusters/\?country=SE$"))
    expect(page.locator("#result-count")).to_have_text("1 cluster")
    assert card_names(page) == ["Swedish"]
    assert page.evaluate("() => window.notReloaded") is True
    expect(page.get_by_role("link", name="Clear filters")).to_be_visible()
    assert problems == []  # among them, anything the CSP blocked


@browser
@live_db
def test_browser_typing_searches_once_after_a_pause(page, monkeypatch):
    alpha, beta = create_cluster("Alpha"), create_cluster("Beta")
    create_cluster("Gamma")
    fake_search(monkeypatch, [beta.pk, alpha.pk])
    open_directory(page)
    requests = []
    page.on("request", lambda r: "/en/clusters/?" in r.url and requests.append(r.url))

    page.get_by_label("Search clusters").press_sequentially("vety", delay=30)

    expect(page).to_have_url(re.compile(r"/en/clusters/\?q=vety$"))
    expect(page.locator("#result-count")).to_have_text("2 clusters")
    assert card_names(page) == ["Beta", "Alpha"]
    assert len(requests) == 1
    expect(page.get_by_label("Search clusters")).to_be_focused()


@browser
@live_db
def test_browser_back_restores_the_previous_results_and_form(page):
    create_cluster("Finnish", country="FI")
    create_cluster("Swedish", country="SE")
    open_directory(page)
    page.locator("summary", has_text="Country").click()
    page.get_by_label("Sweden").check()
    expect(page.locator("#result-count")).to_have_text("1 cluster")

    page.go_back()

    expect(page).to_have_url(re.compile(r"/en/clusters/$"))
    expect(page.locator("#result-count")).to_have_text("2 clusters")
    expect(page.locator("input[name=country][value=SE]")).not_to_be_checked()


@browser
@live_db
def test_browser_page_links_swap_the_results_and_move_focus(page):
    for number in range(25):
        create_cluster(f"C{number:02d}")
    open_directory(page)

    pages = page.get_by_role("navigation", name="Result pages")
    pages.get_by_role("link", name="Next page").click()

    expect(page).to_have_url(re.compile(r"/en/clusters/\?page=2$"))
    expect(page.locator("#results-heading")).to_be_focused()
    assert card_names(page)[0] == "C20"
    assert page.evaluate("() => window.notReloaded") is True


@browser
@live_db
def test_browser_works_without_javascript(make_page):
    create_cluster("Finnish", country="FI")
    create_cluster("Swedish", country="SE")
    page = make_page(java_script_enabled=False)
    open_page(page, URL, "en")

    page.locator("summary", has_text="Country").click()
    page.get_by_label("Sweden").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Show clusters").click()

    assert "country=SE" in page.url
    assert card_names(page) == ["Swedish"]


@browser
@live_db
def test_browser_reflows_at_320_px(make_page):
    create_cluster("A cluster with a rather long name, to see it wrap", tags=["hydrogen"])
    page = make_page(viewport={"width": 320, "height": 640})
    open_page(page, URL + "?tag=hydrogen", "en")
    page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")

    assert page.evaluate("document.documentElement.scrollWidth") <= 320
