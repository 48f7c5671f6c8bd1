"""The cluster maps' geometry and counting; the views are in ``views/maps.py``.

Two schematic tile maps work without network, JavaScript or sight: Finland's 19
regions and the eight Nordic countries and territories, each one equal square placed
roughly where it lies (a tile-grid cartogram), shaded by its number of clusters and
showing that number as text. Beside them, the GeoJSON that feeds the interactive map.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Count, FloatField, Q, QuerySet
from django.db.models.functions import Cast
from django.http import QueryDict
from django.urls import reverse
from modeltranslation.utils import get_language, resolution_order

from klusteri.clusters.filters import ClusterFilter
from klusteri.clusters.models import Cluster, Country

# (column, row) of each region, row 0 at the top. Hand-placed from the regional
# centres' latitude and longitude: neighbours in a row run west to east and
# neighbours in a column north to south (tests/test_maps.py checks both), Lapland
# alone at the top, Åland off the south-west coast.
REGION_LAYOUT: dict[str, tuple[int, int]] = {
    "MK19": (3, 0),  # Lappi
    "MK16": (2, 1),  # Keski-Pohjanmaa
    "MK17": (3, 1),  # Pohjois-Pohjanmaa
    "MK18": (4, 1),  # Kainuu
    "MK15": (1, 2),  # Pohjanmaa
    "MK14": (2, 2),  # Etelä-Pohjanmaa
    "MK13": (3, 2),  # Keski-Suomi
    "MK11": (4, 2),  # Pohjois-Savo
    "MK12": (5, 2),  # Pohjois-Karjala
    "MK04": (1, 3),  # Satakunta
    "MK06": (2, 3),  # Pirkanmaa
    "MK07": (3, 3),  # Päijät-Häme
    "MK10": (4, 3),  # Etelä-Savo
    "MK09": (5, 3),  # Etelä-Karjala
    "MK02": (1, 4),  # Varsinais-Suomi
    "MK05": (2, 4),  # Kanta-Häme
    "MK01": (3, 4),  # Uusimaa
    "MK08": (4, 4),  # Kymenlaakso
    "MK21": (0, 5),  # Ahvenanmaa
}

# The Nordic overview: the sea between Iceland and Norway left open, the Faroe
# Islands below it, Denmark below Norway, Åland between Sweden and Finland.
COUNTRY_LAYOUT: dict[str, tuple[int, int]] = {
    Country.GREENLAND: (0, 0),
    Country.ICELAND: (1, 0),
    Country.NORWAY: (3, 0),
    Country.SWEDEN: (4, 0),
    Country.FINLAND: (5, 0),
    Country.FAROE_ISLANDS: (2, 1),
    Country.DENMARK: (3, 1),
    Country.ALAND: (4, 1),
}

# Tile geometry in SVG user units; the SVG scales to its box.
TILE_WIDTH = 112
TILE_HEIGHT = 80
TILE_GAP = 8
MARGIN = 6  # room for the focus ring around the outer tiles
# A label line longer than this is squeezed to the tile's width.
LINE_CHARACTERS = 12
# Shades for a positive count; a count of 0 has shade 0.
SHADES = 5

# The interactive map's limit: beyond it, the filters should narrow the selection.
MAX_FEATURES = 10_000


# Counting ---------------------------------------------------------------------------


def _plain(queryset: QuerySet[Cluster]) -> QuerySet[Cluster]:
    """``queryset`` without DISTINCT, which ``visible_to`` adds for a signed-in person
    (joining the managers): aggregated directly, a DISTINCT query is wrapped whole,
    every column, in a subquery. Unordered, as an ordering joins the GROUP BY."""
    if queryset.query.distinct:
        return Cluster.objects.filter(pk__in=queryset.order_by().values("pk")).order_by()
    return queryset.order_by()


def region_counts(queryset: QuerySet[Cluster]) -> dict[str, int]:
    """``{region code: number of clusters}`` for the regions that have any; one query."""
    rows = (
        _plain(queryset)
        .filter(region__isnull=False)
        .values_list("region__code")
        .annotate(count=Count("pk"))
    )
    return dict(rows)


def country_counts(queryset: QuerySet[Cluster]) -> dict[str, int]:
    """``{country code: number of clusters}`` for the countries that have any; one query."""
    return dict(_plain(queryset).values_list("country").annotate(count=Count("pk")))


def totals(queryset: QuerySet[Cluster]) -> dict[str, int]:
    """How many clusters match, and how many of them the interactive map can place;
    one query."""
    located = Q(latitude__isnull=False, longitude__isnull=False)
    return _plain(queryset).aggregate(total=Count("pk"), located=Count("pk", filter=located))


@dataclass(frozen=True)
class Counts:
    by_region: dict[str, int]
    by_country: dict[str, int]
    total: int  # clusters matching every filter
    located: int  # of them, those with coordinates
    regions: set[str]  # the region and country filters in force
    countries: set[str]
    search_truncated: bool


def count_clusters(query: QueryDict, clusters: QuerySet[Cluster]) -> Counts:
    """What the maps show for the directory filters in ``query``, in three queries
    (and those that check the filter values).

    Each tile counts what its link lists: the clusters that match every filter but
    the one the tile sets. With Uusimaa chosen, Pirkanmaa's tile still says how many
    clusters choosing Pirkanmaa would list, and the country tiles count Uusimaa's.
    Region and country apply here as ``ClusterFilter.filter`` applies them."""
    form = ClusterFilter(query)
    regions = form.fields["region"].clean(query.getlist("region"))
    countries = form.fields["country"].clean(query.getlist("country"))
    others = query.copy()
    for name in ("region", "country"):
        others.pop(name, None)
    other_filters = ClusterFilter(others)
    clusters = other_filters.filter(clusters)
    in_regions = clusters.filter(region__in=regions) if regions else clusters
    in_countries = clusters.filter(country__in=countries) if countries else clusters
    matching = in_regions.filter(country__in=countries) if countries else in_regions
    total = totals(matching)
    return Counts(
        by_region=region_counts(in_countries),
        by_country=country_counts(in_regions),
        total=total["total"],
        located=total["located"],
        regions={region.code for region in regions},
        countries=set(countries),
        search_truncated=other_filters.search_truncated,
    )


# Shades -----------------------------------------------------------------------------


def shade(count: int, maximum: int, shades: int = SHADES) -> int:
    """The shade of ``count`` on a scale up to ``maximum``: 0 for none, else 1…``shades``
    in equal steps, the largest count always the darkest."""
    if count <= 0 or maximum <= 0:
        return 0
    return min(shades, -(-count * shades // maximum))


@dataclass(frozen=True)
class LegendStep:
    shade: int
    low: int
    high: int


def legend(maximum: int, shades: int = SHADES) -> list[LegendStep]:
    """The counts each shade stands for, from none up; shades that no whole count
    reaches (with a small maximum) are left out."""
    steps = [LegendStep(0, 0, 0)]
    for number in range(1, shades + 1):
        low = (number - 1) * maximum // shades + 1
        high = number * maximum // shades
        if maximum > 0 and low <= high:
            steps.append(LegendStep(number, low, high))
    return steps


# Tiles ------------------------------------------------------------------------------


def label_lines(name: str) -> list[str]:
    """A name on at most two lines, broken after its first hyphen or at its first
    space: "Pohjois-" / "Pohjanmaa", "Southwest" / "Finland"."""
    if len(name) <= LINE_CHARACTERS:
        return [name]
    for separator, keep in (("-", "-"), (" ", "")):
        head, found, tail = name.partition(separator)
        if found and head and tail:
            return [head + keep, tail]
    return [name]


@dataclass(frozen=True)
class TileLine:
    text: str
    y: float
    squeeze: bool  # longer than a tile holds at the normal size


@dataclass(frozen=True)
class Tile:
    code: str
    name: str
    count: int
    shade: int
    href: str
    selected: bool
    x: int
    y: int
    width: int = TILE_WIDTH
    height: int = TILE_HEIGHT

    @property
    def centre(self) -> float:
        return self.x + self.width / 2

    @property
    def lines(self) -> list[TileLine]:
        lines = label_lines(self.name)
        # Name lines from the top, the count at the bottom (baselines, in user units).
        tops = [self.y + 30] if len(lines) == 1 else [self.y + 22, self.y + 39]
        return [
            TileLine(text, top, len(text) > LINE_CHARACTERS)
            for text, top in zip(lines, tops, strict=True)
        ]

    @property
    def count_y(self) -> int:
        return self.y + self.height - 13

    @property
    def text_width(self) -> int:
        return self.width - 12

    @property
    def mark_x(self) -> int:
        """Where a chosen tile's tick ends, beside the count."""
        return self.x + self.width - 10


@dataclass
class TileMap:
    tiles: list[Tile]
    width: int
    height: int
    legend: list[LegendStep] = field(default_factory=list)


def tile_map(
    layout: dict[str, tuple[int, int]],
    names: dict[str, str],
    counts: dict[str, int],
    href: Callable[[str], str],
    selected: set[str] = frozenset(),
) -> TileMap:
    """Place a tile for each code of ``layout`` that ``names`` knows, in reading order
    (top row first, west to east), which is also the order of the keyboard focus."""
    maximum = max(counts.values(), default=0)
    tiles = []
    for code, (column, row) in sorted(layout.items(), key=lambda item: item[1][::-1]):
        if code not in names:
            continue
        count = counts.get(code, 0)
        tiles.append(
            Tile(
                code=code,
                name=names[code],
                count=count,
                shade=shade(count, maximum),
                href=href(code),
                selected=code in selected,
                x=MARGIN + column * (TILE_WIDTH + TILE_GAP),
                y=MARGIN + row * (TILE_HEIGHT + TILE_GAP),
            )
        )
    columns = max((column for column, _row in layout.values()), default=-1) + 1
    rows = max((row for _column, row in layout.values()), default=-1) + 1
    return TileMap(
        tiles=tiles,
        width=2 * MARGIN + columns * TILE_WIDTH + (columns - 1) * TILE_GAP,
        height=2 * MARGIN + rows * TILE_HEIGHT + (rows - 1) * TILE_GAP,
        legend=legend(maximum),
    )


# GeoJSON ----------------------------------------------------------------------------


def geojson(queryset: QuerySet[Cluster], *, limit: int) -> dict:
    """The located clusters of ``queryset`` as a GeoJSON FeatureCollection, in one
    query: plain rows, names in the current language with the site's fallback.
    (10,000 features take about 0.3 s on SQLite; the coordinates come as floats,
    as Decimals would double the time of the query.)"""
    languages = resolution_order(get_language())
    names = [f"name_{language}" for language in languages]
    rows = (
        queryset.filter(latitude__isnull=False, longitude__isnull=False)
        .annotate(
            map_latitude=Cast("latitude", FloatField()),
            map_longitude=Cast("longitude", FloatField()),
        )
        .order_by("pk")
        .values_list(
            "slug", "kind", "member_total", "is_demo", "map_latitude", "map_longitude", *names
        )[:limit]
    )
    # One reverse() for all: the address differs only by the slug.
    before, after = reverse("clusters:detail", kwargs={"slug": "slug"}).rsplit("slug", 1)
    kinds = {value: str(label) for value, label in Cluster.Kind.choices}
    features = []
    for slug, kind, member_total, is_demo, latitude, longitude, *translations in rows:
        features.append(
            {
                "type": "Feature",
                "geometry": {
                    "type": "Point",
                    "coordinates": [round(longitude, 5), round(latitude, 5)],
                },
                "properties": {
                    "name": next((name for name in translations if name), ""),
                    "url": f"{before}{slug}{after}",
                    "kind": kind,
                    "kind_label": kinds.get(kind, ""),
                    "member_total": member_total,
                    "is_demo": is_demo,
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}
