"""Reads about clusters that need more than one QuerySet method."""

from dataclasses import dataclass

from django.core.cache import cache
from django.db import connection

from klusteri.clusters.models import Cluster

# How many of the related clusters are kept for peers in the other Nordic
# countries, when there are such peers.
NORDIC_PEERS = 2


@dataclass(frozen=True)
class Likeness:
    """Why another cluster is related to one: what it shares with it."""

    pk: int
    shared_tags: int
    shared_ecosystems: int
    is_same_region: bool
    is_nordic_peer: bool


def _quoted(name: str) -> str:
    return connection.ops.quote_name(name)


def _alike(cluster: Cluster, *, peers: bool, limit: int, exclude: list[int]) -> list[Likeness]:
    """The published clusters that share most tags and ecosystems with ``cluster``.

    One grouped count over the link tables, rather than a count per cluster: only
    the links of ``cluster``'s own tags and ecosystems are read, whatever the size
    of the directory. Peers are clusters of other countries ranked by the
    ecosystems they share; the others rank by 3 × tags + 2 × ecosystems + 1 for the
    same region."""
    tags = Cluster.tags.through._meta
    ecosystems = Cluster.ecosystems.through._meta
    own_tags = f"SELECT tag_id FROM {_quoted(tags.db_table)} WHERE cluster_id = %s"  # noqa: S608
    own_ecosystems = (
        f"SELECT ecosystem_id FROM {_quoted(ecosystems.db_table)} WHERE cluster_id = %s"  # noqa: S608
    )
    same_region = "CASE WHEN c.region_id = %s THEN 1 ELSE 0 END"
    if peers:
        where, order = "c.country <> %s AND shared.ecosystems > 0", "ecosystems DESC, tags DESC"
        where_params, order_params = [cluster.country], []
    else:
        where, order = "1 = 1", f"3 * tags + 2 * ecosystems + {same_region} DESC"
        where_params, order_params = [], [cluster.region_id]
    if exclude:
        where += f" AND c.id NOT IN ({', '.join(['%s'] * len(exclude))})"
        where_params += exclude
    # Only table names from the models and placeholders go into the text.
    sql = f"""
        SELECT c.id, shared.tags, shared.ecosystems, {same_region}
        FROM (
            SELECT cluster_id, SUM(is_tag) AS tags, SUM(1 - is_tag) AS ecosystems
            FROM (
                SELECT cluster_id, 1 AS is_tag FROM {_quoted(tags.db_table)}
                WHERE tag_id IN ({own_tags})
                UNION ALL
                SELECT cluster_id, 0 AS is_tag FROM {_quoted(ecosystems.db_table)}
                WHERE ecosystem_id IN ({own_ecosystems})
            ) AS link
            GROUP BY cluster_id
        ) AS shared
        JOIN {_quoted(Cluster._meta.db_table)} AS c ON c.id = shared.cluster_id
        WHERE c.is_published = %s AND c.id <> %s AND {where}
        ORDER BY {order}, c.id
        LIMIT %s
    """  # noqa: S608
    params = [
        cluster.region_id,
        cluster.pk,
        cluster.pk,
        True,
        cluster.pk,
        *where_params,
        *order_params,
        limit,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return [
        Likeness(pk, int(tags_), int(ecosystems_), bool(cluster.region_id) and bool(region), peers)
        for pk, tags_, ecosystems_, region in rows
    ]


def related_choice(cluster: Cluster, limit: int = 6) -> list[Likeness]:
    """Which published clusters are like ``cluster``, most alike first.

    Alike means sharing technology and value-chain tags (weighing most), EU
    industrial ecosystems and the region. Up to ``NORDIC_PEERS`` places go to
    clusters in other countries that share an ecosystem, so that a Finnish
    cluster finds its Nordic peers. When too few share anything, clusters of the
    same region fill the rest."""
    peers = _alike(cluster, peers=True, limit=min(NORDIC_PEERS, limit), exclude=[])
    taken = [peer.pk for peer in peers]
    nearby = _alike(cluster, peers=False, limit=limit - len(peers), exclude=taken)
    missing = limit - len(peers) - len(nearby)
    if missing > 0 and cluster.region_id:
        neighbours = (
            Cluster.objects.published()
            .filter(region_id=cluster.region_id)
            .exclude(pk__in=[cluster.pk, *taken, *(near.pk for near in nearby)])
            .order_by("pk")
            .values_list("pk", flat=True)[:missing]
        )
        nearby += [Likeness(pk, 0, 0, True, False) for pk in neighbours]
    return nearby + peers


def with_likeness(choice: list[Likeness]) -> list[Cluster]:
    """The chosen clusters that are still published, in one query, each with
    ``shared_tags``, ``shared_ecosystems``, ``is_same_region`` and ``is_nordic_peer``."""
    if not choice:
        return []
    found = (
        Cluster.objects.published()
        .select_related("region", "municipality")
        .in_bulk([like.pk for like in choice])
    )
    related = []
    for like in choice:
        if like.pk in found:
            other = found[like.pk]
            other.shared_tags, other.shared_ecosystems = like.shared_tags, like.shared_ecosystems
            other.is_same_region, other.is_nordic_peer = like.is_same_region, like.is_nordic_peer
            related.append(other)
    return related


def related_clusters(cluster: Cluster, limit: int = 6) -> list[Cluster]:
    """Published clusters like ``cluster`` (``related_choice``), in three queries."""
    return with_likeness(related_choice(cluster, limit))


# How long the related clusters of a profile are kept (seconds). They change only
# when clusters gain or lose tags and ecosystems, slowly, and finding them means
# counting the links of every cluster that shares one (tens of milliseconds at
# 10,000 clusters); the clusters themselves are read afresh each time, so one that
# is unpublished meanwhile leaves the list at once.
RELATED_TIMEOUT = 60 * 60


def cached_related_clusters(cluster: Cluster, limit: int = 6) -> list[Cluster]:
    """``related_clusters`` with the choice cached per cluster for a few minutes: then
    one query, for the chosen clusters that are still published."""
    key = f"clusters:related:{cluster.pk}:{limit}"
    choice = cache.get(key)
    if choice is None:
        choice = related_choice(cluster, limit)
        cache.set(key, choice, timeout=RELATED_TIMEOUT)
    return with_likeness(choice)
