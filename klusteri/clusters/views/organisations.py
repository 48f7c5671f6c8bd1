"""An organisation's public page: the clusters that list it as a member or partner.

Membership is public only with the organisation's consent (``is_public``), so an
organisation that no published cluster lists publicly has no public page: it is
404 to everyone but its own people and platform staff, who see the page as the
public would, and below it the memberships that are not listed.
"""

from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from klusteri.accounts.models import Affiliation, Organisation
from klusteri.clusters.models import Cluster, ClusterMembership


def _organisations_visible_to(user) -> QuerySet[Organisation]:
    """Organisations publicly listed by a published cluster, and, for a signed-in
    person, the ones they belong to; platform staff see every organisation."""
    if user.is_authenticated and user.is_staff:
        return Organisation.objects.all()
    listed = ClusterMembership.objects.public().filter(cluster__is_published=True)
    condition = Q(pk__in=listed.values("organisation"))
    if user.is_authenticated:
        condition |= Q(pk__in=Affiliation.objects.filter(user=user).values("organisation"))
    return Organisation.objects.filter(condition)


def _is_insider(user, organisation: Organisation) -> bool:
    if not user.is_authenticated:
        return False
    return user.is_staff or organisation.affiliations.filter(user=user).exists()


@require_safe
def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(
        _organisations_visible_to(request.user).select_related("region"), pk=pk
    )
    memberships = ClusterMembership.objects.filter(
        organisation=organisation, cluster__in=Cluster.objects.visible_to(request.user)
    ).select_related("cluster")
    insider = _is_insider(request.user, organisation)
    if not insider:
        memberships = memberships.public().filter(cluster__is_published=True)
    memberships = sorted(memberships, key=lambda m: m.cluster.name.casefold())
    return render(
        request,
        "clusters/organisation.html",
        {
            "organisation": organisation,
            "public_memberships": [m for m in memberships if m.is_public],
            "unlisted_memberships": [m for m in memberships if not m.is_public],
        },
    )
