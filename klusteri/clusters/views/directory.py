from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from klusteri.clusters.filters import ClusterFilter
from klusteri.clusters.models import Cluster

PAGE_SIZE = 20


@require_safe
def cluster_list(request: HttpRequest) -> HttpResponse:
    filters = ClusterFilter(request.GET)
    clusters = filters.filter(Cluster.objects.visible_to(request.user).for_cards())
    page = Paginator(clusters, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "clusters/list.html", {"filters": filters, "page": page})


@require_safe
def cluster_detail(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = get_object_or_404(Cluster.objects.visible_to(request.user), slug=slug)
    return render(request, "clusters/detail.html", {"cluster": cluster})
