"""The cluster map in a real Chromium: axe, the Leaflet map under the CSP, the keyboard.

Map tiles cannot be fetched here, and must not be: the tile server is set to an
address that never resolves (``.invalid``), every request that leaves the live
server is aborted, and the failed tile loads are the only console errors let pass,
picked out by their URL.
"""

import re
from decimal import Decimal

import pytest
from django.utils import translation
from django.utils.csp import CSP
from playwright.sync_api import expect

from klusteri.clusters.models import Cluster
from klusteri.clusters.tests.test_filters import create_cluster
from klusteri.e2e_fixtures import assert_accessible, open_page
from klusteri.places.models import Region

pytest_plugins = ["klusteri.e2e_fixtures"]
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TILES = "https://tiles.invalid"
URL = "/en/clusters/map/"
# A name as a person might type it: it must show as text, never run.
TRICKY_NAME = 'Lapin <img src="x" id="injected"> klusteri'


@pytest.fixture
def tile_server(settings):
    settings.MAP_TILE_URL = TILES + "/{z}/{x}/{y}.png"
    settings.SECURE_CSP = {**settings.SECURE_CSP, "img-src": [CSP.SELF, "data:", TILES]}


@pytest.fixture
def clusters(reference_data, tile_server):
    """Two clusters in Helsinki, grouped on the map, and one in Rovaniemi."""
    places = {region.code: region for region in Region.objects.all()}
    helsinki = {"latitude": Decimal("60.16952"), "longitude": Decimal("24.93545")}
    return [
        create_cluster("Vetyklusteri", region=places["MK01"], is_demo=True, **helsinki),
        create_cluster("Akkuklusteri", region=places["MK01"], **helsinki),
        create_cluster(
            TRICKY_NAME,
            region=places["MK19"],
            kind=Cluster.Kind.NETWORK,
            members_sme=7,
            latitude=Decimal("66.50279"),
            longitude=Decimal("25.72848"),
        ),
    ]


def open_map(page, live_server, path: str = URL, language: str = "en") -> list[str]:
    """Open the map page with every request off the live server aborted; return the
    list that collects console errors, page errors and CSP violations."""
    problems = []

    def console(message):
        url = message.location.get("url", "")
        if message.type != "error" or url.startswith(TILES) or "favicon.ico" in url:
            return
        problems.append(f"{message.text} {url}")

    page.route(lambda url: not url.startswith(live_server.url), lambda route: route.abort())
    page.add_init_script(
        "window.cspViolations = [];"
        "document.addEventListener('securitypolicyviolation', event => {"
        "  window.cspViolations.push(event.violatedDirective + ' ' + event.blockedURI);"
        "});"
    )
    page.on("console", console)
    page.on("pageerror", lambda error: problems.append(str(error)))
    open_page(page, path, language)
    return problems


def wait_for_markers(page, count: int) -> None:
    expect(page.locator("#map-interactive")).to_be_visible()
    expect(page.locator("#cluster-map .leaflet-marker-icon")).to_have_count(count)


def csp_violations(page) -> list[str]:
    return page.evaluate("() => window.cspViolations")


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_browser_map_page_is_accessible(page, live_server, clusters, language):
    problems = open_map(page, live_server, f"/{language}/clusters/map/", language)
    wait_for_markers(page, 2)

    assert_accessible(page)
    assert problems == []
    assert csp_violations(page) == []


def test_browser_map_page_is_accessible_in_the_dark_with_filters_open(
    make_page, live_server, clusters
):
    page = make_page(color_scheme="dark")
    problems = open_map(page, live_server, URL + "?region=MK01")
    wait_for_markers(page, 1)
    page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")

    assert_accessible(page)
    assert problems == []


def test_browser_leaflet_map_shows_the_clusters_under_the_csp(page, live_server, clusters):
    tile_requests = []
    page.on("request", lambda r: r.url.startswith(TILES) and tile_requests.append(r.url))
    problems = open_map(page, live_server)
    wait_for_markers(page, 2)

    group = page.locator("#cluster-map .marker-cluster")
    expect(group).to_have_accessible_name("2 clusters here, zoom in")
    marker = page.get_by_role("button", name=TRICKY_NAME)
    expect(marker).to_be_visible()
    expect(page.locator(".leaflet-control-attribution")).to_contain_text("OpenStreetMap")
    assert tile_requests  # tiles were asked for (and aborted), from the configured server
    assert problems == []  # among them, anything the CSP blocked
    assert csp_violations(page) == []


def test_browser_marker_popup_links_to_the_cluster_by_keyboard(page, live_server, clusters):
    tricky = clusters[2]
    open_map(page, live_server)
    wait_for_markers(page, 2)
    marker = page.get_by_role("button", name=TRICKY_NAME)

    marker.focus()
    page.keyboard.press("Enter")

    link = page.locator(".leaflet-popup .cluster-popup__name a")
    expect(link).to_be_focused()
    expect(link).to_have_text(TRICKY_NAME)  # as text: the markup in the name never ran
    with translation.override("en"):
        expect(link).to_have_attribute("href", tricky.get_absolute_url())
    expect(page.locator(".leaflet-popup")).to_contain_text("Business network · Members: 7")
    expect(page.locator("#injected")).to_have_count(0)
    expect(page.locator(".leaflet-popup-close-button")).to_have_accessible_name("Close")

    page.keyboard.press("Escape")

    expect(page.locator(".leaflet-popup")).to_have_count(0)
    expect(marker).to_be_focused()


def test_browser_a_group_of_markers_zooms_in_by_keyboard(page, live_server, clusters):
    open_map(page, live_server)
    wait_for_markers(page, 2)

    page.locator("#cluster-map .marker-cluster").focus()
    page.keyboard.press("Enter")

    # Both Helsinki clusters sit on one spot: the group spreads them out instead.
    expect(page.get_by_role("button", name="Vetyklusteri")).to_be_visible()
    expect(page.get_by_role("button", name="Akkuklusteri")).to_be_visible()
    expect(page.locator("#cluster-map")).to_be_focused()  # not lost with the group


def test_browser_region_tiles_work_with_the_keyboard_alone(page, live_server, clusters):
    open_map(page, live_server, URL + "?kind=cluster")
    tiles = page.get_by_role("navigation", name="Clusters by region").get_by_role("link")
    expect(tiles).to_have_count(19)

    page.get_by_role("link", name="Skip to the maps").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#region-map-heading")).to_be_focused()
    page.keyboard.press("Tab")
    expect(tiles.first).to_be_focused()
    expect(tiles.first).to_have_accessible_name("Lapland: 0 clusters")
    assert focus_stroke(page) == "rgb(179, 71, 0)"  # the focus colour, visible on the tile
    names = [page.evaluate("() => document.activeElement.getAttribute('aria-label')")]
    while not names[-1].startswith("Uusimaa") and len(names) < 19:
        page.keyboard.press("Tab")
        names.append(page.evaluate("() => document.activeElement.getAttribute('aria-label')"))
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"/en/clusters/\?kind=cluster&region=MK01$"))
    assert names[-1] == "Uusimaa: 2 clusters"
    assert names[:4] == [
        "Lapland: 0 clusters",
        "Central Ostrobothnia: 0 clusters",
        "North Ostrobothnia: 0 clusters",
        "Kainuu: 0 clusters",
    ]


def focus_stroke(page) -> str:
    return page.evaluate(
        "() => getComputedStyle(document.activeElement.querySelector('.tile__shape')).stroke"
    )


def test_browser_skip_link_passes_the_interactive_map(page, live_server, clusters):
    open_map(page, live_server)
    wait_for_markers(page, 2)

    page.get_by_role("link", name="Skip the map").focus()
    page.keyboard.press("Enter")

    expect(page.locator("#map-tables-heading")).to_be_focused()
    page.keyboard.press("Tab")
    expect(
        page.get_by_role("table", name="Clusters by region").get_by_role("link").first
    ).to_be_focused()


def test_browser_works_without_javascript(make_page, live_server, clusters):
    page = make_page(java_script_enabled=False)
    open_map(page, live_server)

    expect(page.locator("#map-interactive")).to_be_hidden()
    page.get_by_role("link", name="Uusimaa: 2 clusters").click()

    expect(page).to_have_url(re.compile(r"/en/clusters/\?region=MK01$"))


def test_browser_reflows_at_320_px(make_page, live_server, clusters):
    page = make_page(viewport={"width": 320, "height": 640})
    open_map(page, live_server)
    wait_for_markers(page, 2)

    assert page.evaluate("document.documentElement.scrollWidth") <= 320
