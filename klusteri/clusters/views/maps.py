"""The cluster map: schematic region and Nordic maps, a table, and an interactive map.

The page takes the directory's filters in the same query string, and its tiles and
table link to the directory. The schematic maps and the tables are plain SVG and
HTML; ``static/js/map.js`` adds a Leaflet map that reads its markers from
``cluster_map_data``.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from klusteri.clusters import maps
from klusteri.clusters.filters import ClusterFilter
from klusteri.clusters.models import Cluster, Country

# Parameters that do not choose clusters: left out of the map's links.
IGNORED = ("page", "sort")
GEOJSON_MAX_AGE = 300


def _query(request: HttpRequest) -> QueryDict:
    query = request.GET.copy()
    for name in IGNORED:
        query.pop(name, None)
    return query


def _url(path: str, query: QueryDict) -> str:
    return f"{path}?{query.urlencode()}" if query else path


def _link_setting(path: str, query: QueryDict, name: str) -> Callable[[str], str]:
    """A function giving the address of ``path`` with ``name`` set to one value and
    the rest of ``query`` kept."""

    def link(value: str) -> str:
        params = query.copy()
        params.setlist(name, [value])
        return _url(path, params)

    return link


@require_safe
def cluster_map(request: HttpRequest) -> HttpResponse:
    filters = ClusterFilter(request.GET)
    counts = maps.count_clusters(request.GET, Cluster.objects.visible_to(request.user))
    groups = filters.groups()

    list_path = reverse("clusters:list")
    query = _query(request)
    region_names = {o.value: o.label for g in groups if g.name == "region" for o in g.options}
    region_map = maps.tile_map(
        maps.REGION_LAYOUT,
        region_names,
        counts.by_region,
        _link_setting(list_path, query, "region"),
        counts.regions,
    )
    country_map = maps.tile_map(
        maps.COUNTRY_LAYOUT,
        {code: str(label) for code, label in Country.choices},
        counts.by_country,
        _link_setting(list_path, query, "country"),
        counts.countries,
    )
    context = {
        "filters": filters,
        "groups": groups,
        "counts": counts,
        "region_map": region_map,
        "country_map": country_map,
        "regions_by_name": sorted(region_map.tiles, key=lambda tile: tile.name.casefold()),
        "countries_in_order": sorted(
            country_map.tiles, key=lambda tile: Country.values.index(tile.code)
        ),
        "list_url": _url(list_path, query),
        "clear_url": request.path if query else "",
        "tile_url": settings.MAP_TILE_URL,
        "tile_attribution": settings.MAP_TILE_ATTRIBUTION,
        "data_url": _url(reverse("clusters:map-data"), query),
    }
    return render(request, "clusters/map.html", context)


@require_safe
def cluster_map_data(request: HttpRequest) -> JsonResponse:
    """The located clusters matching the filters, as GeoJSON, for the interactive map."""
    filters = ClusterFilter(request.GET)
    clusters = filters.filter(Cluster.objects.visible_to(request.user))
    response = JsonResponse(
        maps.geojson(clusters, limit=maps.MAX_FEATURES),
        content_type="application/geo+json",
        json_dumps_params={"ensure_ascii": False, "separators": (",", ":")},
    )
    if request.user.is_authenticated:
        # May hold the person's unpublished clusters: no shared cache may keep it.
        patch_cache_control(response, private=True, no_cache=True)
    else:
        patch_cache_control(response, public=True, max_age=GEOJSON_MAX_AGE)
    return response
