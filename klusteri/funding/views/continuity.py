"""A cluster's funding sources, for its managers and platform staff: the timeline,
the continuity warning and the sources themselves."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from klusteri.clusters.models import Cluster
from klusteri.core.access import get_scoped_or_404
from klusteri.funding import continuity, services
from klusteri.funding.models import FundingSource
from klusteri.funding.source_forms import FundingSourceForm


def _managed_cluster(request: HttpRequest, slug: str) -> Cluster:
    """The cluster, if the person manages it (or is platform staff). Anyone else
    may know a published cluster exists (403) but not an unpublished one (404)."""
    return get_scoped_or_404(
        Cluster.objects.visible_to(request.user),
        Cluster.objects.editable_by(request.user).select_related("host"),
        slug=slug,
    )


def _source_of(cluster: Cluster, pk: int) -> FundingSource:
    """A source of this cluster: another cluster's is not there (404)."""
    source = get_object_or_404(FundingSource.objects.of(cluster).select_related("programme"), pk=pk)
    source.cluster = cluster
    return source


@require_safe
@login_required
def source_list(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = _managed_cluster(request, slug)
    today = timezone.localdate()
    sources = continuity.sources_of(cluster)
    return render(
        request,
        "funding/sources.html",
        {
            "cluster": cluster,
            "sources": sources,
            "timeline": continuity.timeline(sources, today),
            "warning": continuity.warning(cluster, today, sources=sources),
            "today": today,
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def source_add(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = _managed_cluster(request, slug)
    form = FundingSourceForm(request.POST or None, instance=FundingSource(cluster=cluster))
    if request.method == "POST" and form.is_valid():
        source = services.create_source(form.instance, by=request.user)
        messages.success(request, _("The funding source %(name)s was added.") % {"name": source})
        return redirect("funding:sources", slug=cluster.slug)
    return render(
        request, "funding/source_form.html", {"cluster": cluster, "form": form, "source": None}
    )


@require_http_methods(["GET", "POST"])
@login_required
def source_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    cluster = _managed_cluster(request, slug)
    source = _source_of(cluster, pk)
    name = source.name  # the form changes the instance as it validates
    form = FundingSourceForm(request.POST or None, instance=source)
    if request.method == "POST" and form.is_valid():
        changed = form.changed_values()
        if changed:
            services.update_source(source, by=request.user, changed=changed)
        messages.success(request, _("The funding source %(name)s was saved.") % {"name": source})
        return redirect("funding:sources", slug=cluster.slug)
    return render(
        request,
        "funding/source_form.html",
        {"cluster": cluster, "form": form, "source": source, "name": name},
    )


@require_http_methods(["GET", "POST"])
@login_required
def source_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    cluster = _managed_cluster(request, slug)
    source = _source_of(cluster, pk)
    if request.method == "POST":
        services.delete_source(source, by=request.user)
        messages.success(request, _("The funding source %(name)s was deleted.") % {"name": source})
        return redirect("funding:sources", slug=cluster.slug)
    return render(request, "funding/source_delete.html", {"cluster": cluster, "source": source})


def continuity_panel(request: HttpRequest, cluster: Cluster) -> SafeString:
    """The panel on the cluster's profile for its managers and staff
    (``clusters.panels``): the warning, today's sources, the links. One query,
    two with a warning."""
    today = timezone.localdate()
    sources = continuity.sources_of(cluster)
    return render_to_string(
        "funding/_continuity_panel.html",
        {
            "cluster": cluster,
            "warning": continuity.warning(cluster, today, sources=sources),
            "current": continuity.current(sources, today),
            "has_sources": bool(sources),
        },
        request=request,
    )
