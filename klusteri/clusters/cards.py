"""Cluster cards, each rendered once per change and language.

A card shows the cluster alone, never who is looking at it, so the card rendered
for one list serves every list, search and page it appears in until the cluster,
its members or the taxonomies change (``core.pagecache``, namespace "clusters").
Rendering twenty cards costs more than the queries behind them; a warm list costs
one cache read.
"""

from django.core.cache import cache
from django.db.models import prefetch_related_objects
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from klusteri.clusters.models import Cluster
from klusteri.core import pagecache

# Cards outlive no change (the version renews them); the timeout only frees memory.
CARD_TIMEOUT = 60 * 60


def card_key(cluster: Cluster, version: str) -> str:
    return pagecache.fragment_key("clusters", "card", cluster.pk, version=version)


def cluster_cards(clusters: list[Cluster]) -> list[SafeString]:
    """The card of each cluster, in order. ``clusters`` need only their own fields
    and those of ``select_related("region", "municipality")``; the ecosystems and
    tags are fetched, two queries, for the cards that are not in the cache."""
    version = pagecache.current_version("clusters")
    keys = {cluster.pk: card_key(cluster, version) for cluster in clusters}
    cards = cache.get_many(keys.values())
    missing = [cluster for cluster in clusters if keys[cluster.pk] not in cards]
    if missing:
        prefetch_related_objects(missing, "ecosystems", "tags")
        fresh = {
            keys[cluster.pk]: render_to_string("clusters/_cluster_card.html", {"cluster": cluster})
            for cluster in missing
        }
        cache.set_many(fresh, CARD_TIMEOUT)
        cards.update(fresh)
    # Rendered by the template engine, which escaped every value.
    return [mark_safe(cards[keys[cluster.pk]]) for cluster in clusters]  # noqa: S308
