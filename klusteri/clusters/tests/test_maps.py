"""The cluster map at /<lang>/clusters/map/, its GeoJSON, and clusters/maps.py."""

import html
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.http import QueryDict
from hypothesis import given
from hypothesis import strategies as st

from klusteri.clusters import maps
from klusteri.clusters.models import Cluster, ClusterManager, Country
from klusteri.clusters.tests.test_filters import create_cluster, fake_search
from klusteri.places.models import Region
from klusteri.settings import tile_origin

pytestmark = pytest.mark.django_db

URL = "/en/clusters/map/"
DATA_URL = "/en/clusters/map/clusters.geojson"
CSS = Path(settings.BASE_DIR) / "static" / "css" / "klusteri.css"

HELSINKI = {"latitude": Decimal("60.16952"), "longitude": Decimal("24.93545")}
TAMPERE = {"latitude": Decimal("61.49774"), "longitude": Decimal("23.76129")}


@pytest.fixture
def uusimaa():
    return Region.objects.get(code="MK01")


@pytest.fixture
def pirkanmaa():
    return Region.objects.get(code="MK06")


def tiles(text: str, map_id: str = "") -> dict[str, tuple[str, str]]:
    """``{accessible name: (href, classes)}`` of the tiles, of one map or of both."""
    if map_id:
        pattern = rf'<svg class="tile-map"[^>]*aria-labelledby="{map_id}-title".*?</svg>'
        text = re.search(pattern, text, flags=re.S).group(0)
    found = re.findall(r'<a href="([^"]+)" class="(tile [^"]*)" aria-label="([^"]+)">', text)
    return {html.unescape(label): (html.unescape(href), classes) for href, classes, label in found}


def tile(text: str, name: str, map_id: str = "") -> str:
    """The accessible name of the tile whose name starts ``name:``."""
    matches = [label for label in tiles(text, map_id) if label.startswith(f"{name}:")]
    assert len(matches) == 1, matches
    return matches[0]


def table_rows(text: str, caption: str) -> dict[str, tuple[str, int]]:
    """``{name: (href, count)}`` of the table with ``caption``."""
    table = re.search(rf"<caption>{caption}</caption>(.*?)</table>", text, flags=re.S).group(1)
    rows = re.findall(
        r'<th scope="row"><a href="([^"]+)">([^<]+)</a>.*?</th>'
        r'<td class="map-table__count">(\d+)</td>',
        table,
    )
    return {html.unescape(name): (html.unescape(href), int(n)) for href, name, n in rows}


# The layout ------------------------------------------------------------------------


def test_region_layout_has_each_region_once():
    codes = set(Region.objects.values_list("code", flat=True))

    assert set(maps.REGION_LAYOUT) == codes
    assert len(codes) == 19
    assert len(set(maps.REGION_LAYOUT.values())) == 19  # no two in one cell


def test_region_layout_keeps_the_compass():
    """Neighbours in a row run west to east, in a column north to south, by the
    regional centres' real coordinates."""
    centres = {r.code: (r.latitude, r.longitude) for r in Region.objects.all()}
    cells = {cell: code for code, cell in maps.REGION_LAYOUT.items()}
    pairs = 0
    for (column, row), code in cells.items():
        if east := cells.get((column + 1, row)):
            assert centres[code][1] < centres[east][1], (code, east)
            pairs += 1
        if south := cells.get((column, row + 1)):
            assert centres[code][0] > centres[south][0], (code, south)
            pairs += 1
    assert pairs >= 25


def test_lapland_is_on_top_and_aland_bottom_left():
    rows = [row for _column, row in maps.REGION_LAYOUT.values()]
    columns = [column for column, _row in maps.REGION_LAYOUT.values()]

    assert maps.REGION_LAYOUT["MK19"][1] == min(rows)
    assert [c for c, (_col, row) in maps.REGION_LAYOUT.items() if row == min(rows)] == ["MK19"]
    assert maps.REGION_LAYOUT["MK21"] == (min(columns), max(rows))


def test_country_layout_has_each_country_once():
    assert set(maps.COUNTRY_LAYOUT) == set(Country.values)
    assert len(set(maps.COUNTRY_LAYOUT.values())) == len(Country.values)


def test_tiles_come_in_reading_order_inside_the_map():
    names = {code: code for code in maps.REGION_LAYOUT}

    tile_map = maps.tile_map(maps.REGION_LAYOUT, names, {}, lambda code: f"/{code}")

    assert tile_map.tiles[0].code == "MK19"
    assert tile_map.tiles[-1].code == "MK21"
    positions = [(t.y, t.x) for t in tile_map.tiles]
    assert positions == sorted(positions)
    for t in tile_map.tiles:
        assert t.x > 0 and t.x + t.width < tile_map.width
        assert t.y > 0 and t.y + t.height < tile_map.height


@pytest.mark.parametrize(
    ("name", "lines"),
    [
        ("Uusimaa", ["Uusimaa"]),
        ("Pohjois-Pohjanmaa", ["Pohjois-", "Pohjanmaa"]),
        ("Southwest Finland", ["Southwest", "Finland"]),
        ("Mellersta Österbotten", ["Mellersta", "Österbotten"]),
        ("Päijänne-Tavastland", ["Päijänne-", "Tavastland"]),
        ("Kymmenedalen", ["Kymmenedalen"]),
        ("Verylongnamewithoutbreaks", ["Verylongnamewithoutbreaks"]),
    ],
)
def test_label_lines(name, lines):
    assert maps.label_lines(name) == lines


def test_every_region_name_fits_on_two_lines_in_every_language():
    for region in Region.objects.all():
        for language in ("fi", "sv", "en"):
            lines = maps.label_lines(getattr(region, f"name_{language}"))
            assert len(lines) <= 2
            assert all(len(line) <= maps.LINE_CHARACTERS for line in lines), lines


# Shades ----------------------------------------------------------------------------


def test_shade_is_zero_for_none_and_darkest_for_the_most():
    assert maps.shade(0, 10) == 0
    assert maps.shade(10, 10) == maps.SHADES
    assert maps.shade(1, 10) == 1
    assert maps.shade(1, 1) == maps.SHADES
    assert [maps.shade(n, 7) for n in range(8)] == [0, 1, 2, 3, 3, 4, 5, 5]


def test_legend_for_no_clusters_has_only_none():
    assert maps.legend(0) == [maps.LegendStep(0, 0, 0)]


@given(st.integers(min_value=1, max_value=2000))
def test_legend_steps_cover_every_count_once_with_its_shade(maximum):
    steps = maps.legend(maximum)

    covered = [n for step in steps[1:] for n in range(step.low, step.high + 1)]
    assert covered == list(range(1, maximum + 1))
    for step in steps[1:]:
        assert maps.shade(step.low, maximum) == maps.shade(step.high, maximum) == step.shade


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(one: str, other: str) -> float:
    high, low = sorted([_luminance(one), _luminance(other)], reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_text_on_every_shade_meets_aa_in_light_and_dark():
    """The SVG's text is outside axe's reach: the palette is checked here."""
    css = CSS.read_text(encoding="utf-8")
    blocks = re.findall(r"\.map-page \{\s*(--map-shade-0.*?)\}", css, flags=re.S)
    assert len(blocks) == 2  # light, and dark in its media query
    for block in blocks:
        palette = dict(re.findall(r"--map-(\w+-\d): (#[0-9a-f]{6});", block))
        for number in range(maps.SHADES + 1):
            ratio = _contrast(palette[f"shade-{number}"], palette[f"text-{number}"])
            assert ratio >= 4.5, (number, ratio)


# Counting --------------------------------------------------------------------------


def test_region_counts_in_one_query(django_assert_num_queries, uusimaa, pirkanmaa):
    create_cluster("A", region=uusimaa)
    create_cluster("B", region=uusimaa)
    create_cluster("C", region=pirkanmaa)
    create_cluster("D", country="SE")

    with django_assert_num_queries(1):
        counts = maps.region_counts(Cluster.objects.all())

    assert counts == {"MK01": 2, "MK06": 1}


def test_country_counts_in_one_query(django_assert_num_queries):
    create_cluster("A")
    create_cluster("B", country="SE")
    create_cluster("C", country="SE")

    with django_assert_num_queries(1):
        counts = maps.country_counts(Cluster.objects.all())

    assert counts == {"FI": 1, "SE": 2}


def test_counts_take_each_cluster_once_for_a_signed_in_manager(
    manager, other_manager, uusimaa, django_assert_num_queries
):
    """``visible_to`` joins the managers: a cluster with two is still one cluster."""
    managed = create_cluster("Managed", region=uusimaa, is_published=False)
    shared = create_cluster("Shared", region=uusimaa)
    for cluster in (managed, shared):
        ClusterManager.objects.create(cluster=cluster, user=manager)
    ClusterManager.objects.create(cluster=shared, user=other_manager)
    clusters = Cluster.objects.visible_to(manager)

    with django_assert_num_queries(3):
        by_region = maps.region_counts(clusters)
        by_country = maps.country_counts(clusters)
        total = maps.totals(clusters)

    assert by_region == {"MK01": 2}
    assert by_country == {"FI": 2}
    assert total == {"total": 2, "located": 0}


def test_totals_count_the_located_clusters():
    create_cluster("Here", **HELSINKI)
    create_cluster("Nowhere")

    assert maps.totals(Cluster.objects.all()) == {"total": 2, "located": 1}


def test_each_tile_counts_what_its_link_lists(uusimaa, pirkanmaa):
    create_cluster("A", region=uusimaa, ecosystems=["digital"])
    create_cluster("B", region=pirkanmaa, ecosystems=["digital"])
    create_cluster("C", region=pirkanmaa)
    create_cluster("D", country="SE", ecosystems=["digital"])

    counts = maps.count_clusters(QueryDict("region=MK01&ecosystem=digital"), Cluster.objects.all())

    assert counts.by_region == {"MK01": 1, "MK06": 1}  # Pirkanmaa as if chosen instead
    assert counts.by_country == {"FI": 1}  # within Uusimaa
    assert (counts.total, counts.regions, counts.countries) == (1, {"MK01"}, set())


# The page --------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_answers_in_every_language(client, language, uusimaa):
    create_cluster("Vetyklusteri", region=uusimaa)

    response = client.get(f"/{language}/clusters/map/")

    assert response.status_code == 200
    assert f'<html lang="{language}">' in response.text
    assert tile(response.text, getattr(uusimaa, f"name_{language}"), "region-map")
    assert response.text.count('class="tile map-shade-') == 19 + 8


@pytest.mark.parametrize("url", [URL, DATA_URL])
def test_post_is_not_allowed(client, url):
    assert client.post(url).status_code == 405


def test_tiles_name_the_region_and_its_count(client, uusimaa, pirkanmaa):
    create_cluster("A", region=uusimaa)
    create_cluster("B", region=uusimaa)
    create_cluster("C", region=pirkanmaa)

    text = client.get(URL).text

    assert tile(text, "Uusimaa") == "Uusimaa: 2 clusters"
    assert tile(text, "Pirkanmaa") == "Pirkanmaa: 1 cluster"
    assert tile(text, "Lapland") == "Lapland: 0 clusters"
    assert tile(text, "Finland") == "Finland: 3 clusters"
    assert tile(text, "Sweden") == "Sweden: 0 clusters"


def test_counts_follow_the_filters(client, uusimaa, pirkanmaa):
    create_cluster("A", region=uusimaa, ecosystems=["digital"])
    create_cluster("B", region=uusimaa)
    create_cluster("C", region=pirkanmaa)
    create_cluster("D", country="SE", ecosystems=["digital"])

    text = client.get(URL + "?ecosystem=digital").text

    assert tile(text, "Uusimaa") == "Uusimaa: 1 cluster"
    assert tile(text, "Pirkanmaa") == "Pirkanmaa: 0 clusters"
    assert tile(text, "Sweden") == "Sweden: 1 cluster"
    assert "<strong>2 clusters match the filters.</strong>" in text


def test_search_narrows_the_counts(client, monkeypatch, uusimaa):
    wanted = create_cluster("Vety", region=uusimaa)
    create_cluster("Metsä", region=uusimaa)
    calls = fake_search(monkeypatch, [wanted.pk])

    text = client.get(URL + "?q=vety").text

    assert tile(text, "Uusimaa") == "Uusimaa: 1 cluster"
    assert len(calls) == 1  # once for all the counts
    assert 'value="vety"' in text


def test_region_tiles_link_to_the_directory_keeping_the_other_filters(client, uusimaa):
    create_cluster("A", region=uusimaa, ecosystems=["digital"])

    text = client.get(URL + "?ecosystem=digital&region=MK01&kind=cluster&sort=size&page=3").text

    href, classes = tiles(text)["Pirkanmaa: 0 clusters"]
    assert href == "/en/clusters/?ecosystem=digital&region=MK06&kind=cluster"
    href, classes = tiles(text)["Uusimaa: 1 cluster, selected"]
    assert href == "/en/clusters/?ecosystem=digital&region=MK01&kind=cluster"
    assert "tile--selected" in classes


def test_country_tiles_link_to_the_directory_keeping_the_other_filters(client):
    create_cluster("A", country="NO", ecosystems=["digital"])

    text = client.get(URL + "?ecosystem=digital&country=SE").text

    href, _classes = tiles(text)["Norway: 1 cluster"]
    assert href == "/en/clusters/?ecosystem=digital&country=NO"
    assert "tile--selected" in tiles(text)["Sweden: 0 clusters, selected"][1]


def test_tiles_are_shaded_by_count_and_show_it(client, uusimaa, pirkanmaa):
    for number in range(4):
        create_cluster(f"U{number}", region=uusimaa)
    create_cluster("P", region=pirkanmaa)

    text = client.get(URL).text

    assert "map-shade-5" in tiles(text)["Uusimaa: 4 clusters"][1]
    assert "map-shade-2" in tiles(text)["Pirkanmaa: 1 cluster"][1]
    assert "map-shade-0" in tiles(text)["Lapland: 0 clusters"][1]
    assert re.search(r'<text class="tile__count"[^>]*>4</text>', text)  # the count as text


def test_the_tables_have_the_maps_numbers_and_links(client, uusimaa, pirkanmaa):
    create_cluster("A", region=uusimaa)
    create_cluster("B", region=uusimaa, country="AX")
    create_cluster("C", region=pirkanmaa)
    create_cluster("D", country="DK")

    text = client.get(URL + "?kind=cluster").text

    regions = table_rows(text, "Clusters by region")
    countries = table_rows(text, "Clusters by country")
    assert len(regions) == 19
    assert list(countries) == [str(label) for label in Country.labels]
    for rows, map_id in [(regions, "region-map"), (countries, "country-map")]:
        for name, (href, count) in rows.items():
            label = tile(text, name, map_id)
            assert label.startswith(f"{name}: {count} cluster")
            assert tiles(text, map_id)[label][0] == href
    assert regions["Uusimaa"][1] == 2
    assert countries["Åland"][1] == 1


def test_the_tables_have_captions_and_scoped_headers(client):
    text = client.get(URL).text

    assert text.count("<caption>") == 2
    assert text.count('<th scope="col">') == 2
    assert '<th scope="col" class="map-table__count">Clusters</th>' in text
    assert text.count('<th scope="row">') == 19 + 8


def test_maps_are_named_landmarks_with_titled_svg(client):
    text = client.get(URL).text

    assert '<nav class="map-section" aria-labelledby="region-map-heading">' in text
    assert '<nav class="map-section" aria-labelledby="country-map-heading">' in text
    assert re.search(
        r'<svg class="tile-map" role="group"[^>]*aria-labelledby="region-map-title"', text
    )
    assert '<title id="region-map-title">Schematic map of Finland\'s regions</title>' in text
    assert "A schematic map, not to scale" in text


def test_unpublished_clusters_are_not_counted_for_anonymous(client, uusimaa):
    create_cluster("Published", region=uusimaa)
    create_cluster("Draft", region=uusimaa, is_published=False)

    text = client.get(URL).text

    assert tile(text, "Uusimaa") == "Uusimaa: 1 cluster"


def test_a_manager_counts_their_unpublished_cluster(client, manager, uusimaa):
    create_cluster("Published", region=uusimaa)
    draft = create_cluster("Draft", region=uusimaa, is_published=False)
    ClusterManager.objects.create(cluster=draft, user=manager)
    client.force_login(manager)

    text = client.get(URL).text

    assert tile(text, "Uusimaa") == "Uusimaa: 2 clusters"


def test_filter_form_is_the_directorys(client):
    text = client.get(URL + "?region=MK01").text

    assert re.search(r'<form class="map-filters" method="get" action="/en/clusters/map/"', text)
    assert '<label for="id_q">Search clusters</label>' in text
    assert text.count('<details class="filter-group"') == 9
    assert 'value="MK01" id="filter-region-MK01" checked>' in text
    assert "Show on the map</button>" in text


def test_links_to_the_list_keep_the_filters(client):
    text = client.get(URL + "?country=FI&tag=hydrogen&page=2").text

    assert (
        '<a href="/en/clusters/?country=FI&amp;tag=hydrogen">Show these clusters as a list' in text
    )
    assert '<a href="/en/clusters/map/">Clear filters</a>' in text


def test_the_page_has_no_inline_script_or_style(client, uusimaa):
    create_cluster("A", region=uusimaa, **HELSINKI)

    text = client.get(URL).text

    assert not re.search(r"<script(?![^>]*\bsrc=)", text)
    assert "<style" not in text
    assert "style=" not in text
    assert not re.search(r"<[^>]*\son[a-z]+=", text)
    for src in re.findall(r"<script ([^>]*)>", text):
        assert " defer" in src


def test_interactive_map_is_wired_and_hidden_until_javascript(client):
    text = client.get(URL + "?country=FI&page=2").text

    assert re.search(
        r'<section class="map-section map-interactive" id="map-interactive"[^>]* hidden>', text
    )
    element = re.search(r'<div id="cluster-map"[^>]*>', text).group(0)
    assert 'data-geojson-url="/en/clusters/map/clusters.geojson?country=FI"' in element
    assert f'data-tile-url="{html.escape(settings.MAP_TILE_URL)}"' in element
    assert 'data-attribution="' in element
    assert 'role="region" aria-label="Interactive map of the clusters"' in element
    assert '<a class="map-skip" href="#map-tables-heading">Skip the map</a>' in text
    assert '<h2 id="map-tables-heading" tabindex="-1">' in text
    for path in [
        "vendor/leaflet/leaflet.js",
        "vendor/leaflet.markercluster/leaflet.markercluster.js",
        "js/map.js",
    ]:
        assert f'<script src="/static/{path}" defer></script>' in text
    assert '<link rel="stylesheet" href="/static/vendor/leaflet/leaflet.css">' in text


def test_no_interactive_map_without_a_tile_server(client, settings):
    settings.MAP_TILE_URL = ""

    text = client.get(URL).text

    assert 'id="cluster-map"' not in text
    assert "leaflet" not in text
    assert "Clusters by region" in text


def test_vendored_libraries_are_there_with_their_licences():
    vendor = Path(settings.BASE_DIR) / "static" / "vendor"
    for name in [
        "leaflet/leaflet.js",
        "leaflet/leaflet.css",
        "leaflet/images/marker-icon.png",
        "leaflet/LICENSE",
        "leaflet.markercluster/leaflet.markercluster.js",
        "leaflet.markercluster/MarkerCluster.css",
        "leaflet.markercluster/MarkerCluster.Default.css",
        "leaflet.markercluster/LICENSE",
    ]:
        assert (vendor / name).is_file(), name


@pytest.mark.parametrize(
    ("url", "origin"),
    [
        ("https://tile.openstreetmap.org/{z}/{x}/{y}.png", "https://tile.openstreetmap.org"),
        ("https://{s}.tiles.example.org/{z}/{x}/{y}.png", "https://*.tiles.example.org"),
        ("http://127.0.0.1:8080/tiles/{z}/{x}/{y}.png", "http://127.0.0.1:8080"),
        ("/static/tiles/{z}/{x}/{y}.png", ""),
        ("", ""),
    ],
)
def test_tile_origin(url, origin):
    assert tile_origin(url) == origin


@pytest.mark.parametrize(
    "url", ["ftp://tiles.example.org/{z}.png", "tiles/{z}.png", "https://{z}.x/"]
)
def test_tile_origin_refuses_what_is_no_tile_server(url):
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured):
        tile_origin(url)


def test_csp_lets_the_tile_server_in(client):
    response = client.get(URL)

    directives = dict(
        d.strip().split(" ", 1) for d in response["Content-Security-Policy"].split(";") if d.strip()
    )
    if origin := tile_origin(settings.MAP_TILE_URL):
        assert origin in directives["img-src"].split()
    assert directives["style-src"] == "'self'"
    assert directives["script-src"] == "'self'"


# Anonymous, with two filters: 1 to check the region, 1 the ecosystem, 6 for the
# filters' options (regions, ecosystems, NACE sections, services, tags and their
# uses), 3 for the counts by region, by country and in all.
@pytest.mark.parametrize("count", [3, 30])
def test_query_count_is_constant(client, django_assert_num_queries, uusimaa, count):
    for number in range(count):
        create_cluster(f"C{number}", region=uusimaa, ecosystems=["digital"], tags=["hydrogen"])

    with django_assert_num_queries(11):
        response = client.get(URL + "?region=MK01&ecosystem=digital")

    assert tile(response.text, "Uusimaa") == f"Uusimaa: {count} clusters, selected"


# Signed in adds the session and the user.
@pytest.mark.parametrize("count", [3, 30])
def test_query_count_is_constant_when_signed_in(
    manager_client, manager, django_assert_num_queries, uusimaa, count
):
    for number in range(count):
        cluster = create_cluster(f"C{number}", region=uusimaa)
        ClusterManager.objects.create(cluster=cluster, user=manager)

    with django_assert_num_queries(11):
        manager_client.get(URL)


# GeoJSON ---------------------------------------------------------------------------


def features(response) -> dict[str, dict]:
    data = json.loads(response.content)
    assert data["type"] == "FeatureCollection"
    return {f["properties"]["name"]: f for f in data["features"]}


def test_geojson_is_a_feature_collection_of_located_clusters(client):
    cluster = create_cluster(
        "Vetyklusteri", kind=Cluster.Kind.NETWORK, members_sme=12, is_demo=True, **HELSINKI
    )
    create_cluster("Nowhere")

    response = client.get(DATA_URL)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    assert features(response) == {
        "Vetyklusteri": {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [24.93545, 60.16952]},
            "properties": {
                "name": "Vetyklusteri",
                "url": cluster.get_absolute_url(),
                "kind": "network",
                "kind_label": "Business network",
                "member_total": 12,
                "is_demo": True,
            },
        }
    }
    assert cluster.get_absolute_url() == f"/en/clusters/{cluster.slug}/"


def test_geojson_names_and_links_are_in_the_pages_language(client):
    cluster = create_cluster("Vetyklusteri", **HELSINKI)
    cluster.name_sv = "Vätekluster"
    cluster.save(update_fields=["name_sv"])

    data = features(client.get("/sv/clusters/map/clusters.geojson"))

    assert data["Vätekluster"]["properties"]["url"] == f"/sv/clusters/{cluster.slug}/"
    assert data["Vätekluster"]["properties"]["kind_label"] != "Cluster organisation"


def test_geojson_follows_the_filters(client, uusimaa, pirkanmaa):
    create_cluster("Uusimaa digital", region=uusimaa, ecosystems=["digital"], **HELSINKI)
    create_cluster("Uusimaa other", region=uusimaa, **HELSINKI)
    create_cluster("Pirkanmaa digital", region=pirkanmaa, ecosystems=["digital"], **TAMPERE)

    response = client.get(DATA_URL + "?ecosystem=digital&region=MK01&page=2")

    assert list(features(response)) == ["Uusimaa digital"]


def test_geojson_leaves_out_unpublished_clusters_for_anonymous(client):
    create_cluster("Published", **HELSINKI)
    create_cluster("Draft", is_published=False, **HELSINKI)

    assert list(features(client.get(DATA_URL))) == ["Published"]


def test_geojson_has_a_managers_unpublished_cluster_and_is_private(client, manager):
    draft = create_cluster("Draft", is_published=False, **HELSINKI)
    ClusterManager.objects.create(cluster=draft, user=manager)
    client.force_login(manager)

    response = client.get(DATA_URL)

    assert list(features(response)) == ["Draft"]
    assert "private" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]


def test_geojson_is_cached_publicly_for_anonymous(client):
    response = client.get(DATA_URL)

    assert set(response["Cache-Control"].split(", ")) == {"public", "max-age=300"}


def test_geojson_stops_at_the_limit(client, monkeypatch):
    monkeypatch.setattr(maps, "MAX_FEATURES", 2)
    for number in range(3):
        create_cluster(f"C{number}", **HELSINKI)

    assert len(features(client.get(DATA_URL))) == 2


# Anonymous: 1 to check the ecosystem, 1 for the clusters.
@pytest.mark.parametrize("count", [3, 30])
def test_geojson_query_count_is_constant(client, django_assert_num_queries, count):
    for number in range(count):
        create_cluster(f"C{number}", ecosystems=["digital"], tags=["hydrogen"], **HELSINKI)

    with django_assert_num_queries(2):
        response = client.get(DATA_URL + "?ecosystem=digital")

    assert len(features(response)) == count


@pytest.mark.parametrize("count", [3, 30])
def test_geojson_query_count_is_constant_when_signed_in(
    manager_client, manager, django_assert_num_queries, count
):
    for number in range(count):
        cluster = create_cluster(f"C{number}", is_published=False, **HELSINKI)
        ClusterManager.objects.create(cluster=cluster, user=manager)

    with django_assert_num_queries(3):
        response = manager_client.get(DATA_URL)

    assert len(features(response)) == count
