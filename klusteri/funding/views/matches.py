"""A cluster's matches: the funding calls it fits, for its managers and staff."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from klusteri.clusters.models import Cluster
from klusteri.core.access import get_scoped_or_404
from klusteri.funding.cards import match_cards
from klusteri.funding.matching import RULES, matches_for


@require_safe
@login_required
def cluster_matches(request: HttpRequest, slug: str) -> HttpResponse:
    # As the cluster's editing pages decide: its managers and staff may; anyone
    # else may know a published cluster exists (403), not an unpublished one (404).
    cluster = get_scoped_or_404(
        Cluster.objects.visible_to(request.user),
        Cluster.objects.editable_by(request.user).select_related("region"),
        slug=slug,
    )
    # The funding sources the private rule reads are theirs to see.
    now = timezone.now()
    matches = matches_for(cluster, include_private=True, now=now)
    return render(
        request,
        "funding/cluster_matches.html",
        {"cluster": cluster, "matches": match_cards(matches, now), "rules": RULES},
    )
