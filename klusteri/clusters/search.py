"""Clusters in the search index: what a cluster's document says, and reindexing.

Names weigh most, then the taxonomies and the place, then the descriptions and
the members that have agreed to be listed. Every language goes in, so a Swedish
query finds a cluster described in Finnish. The index holds unpublished clusters
too: whoever shows results filters them, e.g. with `Cluster.objects.visible_to(user)`.
"""

from collections.abc import Iterable
from itertools import batched

from django.conf import settings
from django.db import transaction
from django.db.models import Prefetch, QuerySet

from klusteri.clusters.models import Cluster, ClusterMembership
from klusteri.search import clear, delete_documents, index_documents

KIND = "cluster"
BATCH_SIZE = 1000
LANGUAGES = settings.MODELTRANSLATION_LANGUAGES


def cluster_document(cluster: Cluster) -> dict[str, str]:
    """The cluster's text by weight. Related objects are read with .all(): prefetch them."""
    return {
        "title": joined(names(cluster)),
        "keywords": joined(
            [
                *(name for tag in cluster.tags.all() for name in names(tag)),
                *(name for ecosystem in cluster.ecosystems.all() for name in names(ecosystem)),
                *(name for section in cluster.nace_sections.all() for name in names(section)),
                *names(cluster.municipality),
                *names(cluster.region),
                cluster.city,
            ]
        ),
        "body": joined(
            [
                *(getattr(cluster, f"description_{language}") for language in LANGUAGES),
                *(
                    membership.organisation.name
                    for membership in cluster.memberships.all()
                    if membership.is_public  # only with the organisation's consent
                ),
            ]
        ),
    }


def reindex_clusters(clusters: QuerySet[Cluster] | Iterable[int]) -> None:
    """Index the given clusters (a QuerySet or primary keys) as they are now.

    Primary keys of clusters that no longer exist leave the index. The queries
    are the same few for every batch of 1,000 clusters, however many there are.
    """
    if isinstance(clusters, QuerySet):
        clusters = clusters.values_list("pk", flat=True)
    for batch in batched(clusters, BATCH_SIZE):
        found = (
            Cluster.objects.filter(pk__in=batch)
            .select_related("region", "municipality")
            .prefetch_related(
                "tags",
                "ecosystems",
                "nace_sections",
                Prefetch(
                    "memberships",
                    queryset=ClusterMembership.objects.public().select_related("organisation"),
                ),
            )
        )
        documents = [(cluster.pk, cluster_document(cluster)) for cluster in found]
        index_documents(KIND, documents)
        delete_documents(KIND, set(batch) - {pk for pk, _ in documents})


def names(obj) -> list[str]:
    """The name of a translated object (or of nothing) in every language."""
    if obj is None:
        return []
    return [getattr(obj, f"name_{language}") for language in LANGUAGES]


def joined(texts: Iterable[str | None]) -> str:
    # Names are often the same in every language (Satakunta); once is enough.
    return "\n".join(dict.fromkeys(text for text in texts if text))


def reindex_all() -> int:
    """Index every cluster anew, its words for typos too (``klusteri reindex``), in one
    transaction, so that a search meanwhile finds the old index; how many."""
    pks = list(Cluster.objects.values_list("pk", flat=True))
    with transaction.atomic():
        clear(KIND)
        reindex_clusters(pks)
    return len(pks)
