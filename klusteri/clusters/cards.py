"""Cluster cards, each rendered once per change and language.

A card shows the cluster alone, never who is looking at it, so the card rendered
for one list serves every list, search and page it appears in until the cluster,
its members or the taxonomies change (``core.pagecache``, namespace "clusters").
Rendering twenty cards costs more than the queries behind them; a warm list costs
one cache read.
"""

from django.db.models import prefetch_related_objects
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from klusteri.clusters.models import Cluster
from klusteri.core import pagecache


def card_key(cluster: Cluster, version: str) -> str:
    return pagecache.fragment_key("clusters", "card", cluster.pk, version=version)


def cluster_cards(clusters: list[Cluster]) -> list[SafeString]:
    """The card of each cluster, in order. ``clusters`` need only their own fields
    and those of ``select_related("region", "municipality")``; the ecosystems and
    tags are fetched, two queries, for the cards that are not in the cache."""
    version = pagecache.current_version("clusters")
    keys = [card_key(cluster, version) for cluster in clusters]

    def render(missing: list[int]) -> dict[str, str]:
        clusters_missing = [clusters[index] for index in missing]
        prefetch_related_objects(clusters_missing, "ecosystems", "tags")
        return {
            keys[index]: render_to_string(
                "clusters/_cluster_card.html", {"cluster": clusters[index]}
            )
            for index in missing
        }

    return pagecache.cached_fragments(keys, render)
