"""Reads about clusters that need more than one QuerySet method."""

from django.core.cache import cache
from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from klusteri.clusters.models import Cluster

# How many of the related clusters are kept for peers in the other Nordic
# countries, when there are such peers.
NORDIC_PEERS = 2


def _shared(through, column: str, cluster: Cluster) -> Coalesce:
    """How many of ``cluster``'s ecosystems (or tags) the outer cluster shares."""
    own = through.objects.filter(cluster_id=cluster.pk).values(column)
    shared = (
        through.objects.filter(cluster_id=OuterRef("pk"), **{f"{column}__in": own})
        .values("cluster_id")
        .annotate(count=Count("*"))
        .values("count")
    )
    return Coalesce(Subquery(shared, output_field=IntegerField()), Value(0))


def _sharing(through, column: str, cluster: Cluster) -> Q:
    """Clusters that share at least one of ``cluster``'s ecosystems (or tags)."""
    own = through.objects.filter(cluster_id=cluster.pk).values(column)
    return Q(pk__in=through.objects.filter(**{f"{column}__in": own}).values("cluster_id"))


def _candidates(cluster: Cluster, reach: Q) -> QuerySet[Cluster]:
    """Published clusters within ``reach``, each with what it shares with ``cluster``.
    The reach narrows the rows first, so the counts run only for likely matches."""
    ecosystems = Cluster.ecosystems.through
    tags = Cluster.tags.through
    return (
        Cluster.objects.published()
        .filter(reach)
        .exclude(pk=cluster.pk)
        .select_related("region", "municipality")
        .annotate(
            shared_ecosystems=_shared(ecosystems, "ecosystem_id", cluster),
            shared_tags=_shared(tags, "tag_id", cluster),
        )
    )


def related_clusters(cluster: Cluster, limit: int = 6) -> list[Cluster]:
    """Published clusters like ``cluster``, most alike first, in two queries.

    Alike means sharing technology and value-chain tags (weighing most), EU
    industrial ecosystems and the region. Up to ``NORDIC_PEERS`` places go to
    clusters in other countries that share an ecosystem, so that a Finnish
    cluster finds its Nordic peers. Each cluster comes with ``shared_tags``,
    ``shared_ecosystems``, ``is_same_region`` and ``is_nordic_peer``, to say why.
    """
    share_ecosystem = _sharing(Cluster.ecosystems.through, "ecosystem_id", cluster)
    share_tag = _sharing(Cluster.tags.through, "tag_id", cluster)
    peers = list(
        _candidates(cluster, share_ecosystem)
        .exclude(country=cluster.country)
        .order_by("-shared_ecosystems", "-shared_tags", "pk")[: min(NORDIC_PEERS, limit)]
    )
    if cluster.region_id:
        reach = share_tag | share_ecosystem | Q(region_id=cluster.region_id)
        in_region = Case(When(region_id=cluster.region_id, then=Value(1)), default=Value(0))
    else:
        reach, in_region = share_tag | share_ecosystem, Value(0)
    nearby = list(
        _candidates(cluster, reach)
        .exclude(pk__in=[peer.pk for peer in peers])
        .alias(score=3 * F("shared_tags") + 2 * F("shared_ecosystems") + in_region)
        .filter(score__gt=0)
        .order_by("-score", "pk")[: limit - len(peers)]
    )
    for related in nearby:
        related.is_same_region = bool(cluster.region_id) and related.region_id == cluster.region_id
        related.is_nordic_peer = False
    for peer in peers:
        peer.is_same_region = False
        peer.is_nordic_peer = True
    return nearby + peers


# How long the related clusters of a profile are kept (seconds). They change only
# when clusters gain or lose tags and ecosystems, and finding them means scoring
# every cluster that shares one; the clusters themselves are read afresh each time.
RELATED_TIMEOUT = 300


def cached_related_clusters(cluster: Cluster, limit: int = 6) -> list[Cluster]:
    """``related_clusters`` with the choice cached per cluster for a few minutes: then
    one query, for the chosen clusters that are still published."""
    key = f"clusters:related:{cluster.pk}:{limit}"
    chosen = cache.get(key)
    if chosen is None:
        related = related_clusters(cluster, limit=limit)
        chosen = [
            (c.pk, c.shared_tags, c.shared_ecosystems, c.is_same_region, c.is_nordic_peer)
            for c in related
        ]
        cache.set(key, chosen, timeout=RELATED_TIMEOUT)
        return related
    if not chosen:
        return []
    found = (
        Cluster.objects.published()
        .select_related("region", "municipality")
        .in_bulk([pk for pk, *_why in chosen])
    )
    related = []
    for pk, shared_tags, shared_ecosystems, is_same_region, is_nordic_peer in chosen:
        if pk in found:
            other = found[pk]
            other.shared_tags, other.shared_ecosystems = shared_tags, shared_ecosystems
            other.is_same_region, other.is_nordic_peer = is_same_region, is_nordic_peer
            related.append(other)
    return related
