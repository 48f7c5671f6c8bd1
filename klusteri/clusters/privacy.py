"""What the clusters app keeps about a person (see ``core.personal_data``): their roles
as a cluster's manager, and clusters that publish one of their addresses as contact.

Erasure removes the person as a published contact (name and address) through
``update_cluster``, so that it is audited and reindexed like any change; the manager
roles go with the account."""

from functools import reduce
from operator import or_
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from klusteri.accounts.models import User
from klusteri.clusters.models import Cluster, ClusterManager
from klusteri.clusters.services import update_cluster
from klusteri.core.personal_data import Consequence, email_addresses_of, timestamp

COVERS = frozenset(
    {
        "clusters.ClusterManager.user",
        "clusters.Cluster.contact_name",
        "clusters.Cluster.contact_email",
    }
)


def clusters_naming_as_contact(user: User) -> QuerySet[Cluster]:
    """Clusters whose published contact e-mail is one of the person's addresses."""
    matches = [Q(contact_email__iexact=email) for email in email_addresses_of(user)]
    return Cluster.objects.filter(reduce(or_, matches)).order_by("name")


def export(user: User) -> dict[str, Any]:
    return {
        "cluster_roles": [
            {
                "cluster": {"slug": manager.cluster.slug, "name": manager.cluster.name},
                "role": "manager",
                "since": timestamp(manager.created_at),
            }
            for manager in ClusterManager.objects.filter(user=user)
            .select_related("cluster")
            .order_by("created_at", "pk")
        ],
        "cluster_contact_person": [
            {
                "cluster": {"slug": cluster.slug, "name": cluster.name},
                "contact_name": cluster.contact_name,
                "contact_email": cluster.contact_email,
            }
            for cluster in clusters_naming_as_contact(user)
        ],
    }


def erasure_consequences(user: User) -> list[Consequence]:
    other_managers = ClusterManager.objects.exclude(user=user)
    return [
        Consequence(
            key="clusters_without_manager",
            records=list(
                Cluster.objects.filter(managers__user=user)
                .exclude(pk__in=other_managers.values("cluster"))
                .order_by("name")
            ),
            warning=_(
                "You are the only manager of these clusters. They will have no manager until "
                "platform staff appoint a new one:"
            ),
            staff_heading=_("Clusters that now have no manager:"),
        ),
        Consequence(
            key="clusters_without_contact",
            records=list(clusters_naming_as_contact(user)),
            warning=_(
                "These clusters show your e-mail address as their contact. Your name and "
                "address will be removed from their public profiles:"
            ),
            staff_heading=_("Clusters whose contact person was removed from their public profile:"),
        ),
    ]


def erase(user: User, *, by: User) -> None:
    for cluster in clusters_naming_as_contact(user):
        update_cluster(cluster, by=by, changed={"contact_name": "", "contact_email": ""})
