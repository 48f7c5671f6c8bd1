"""What a cluster's managers (and platform staff) change: the profile and the members."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from klusteri.clusters import services
from klusteri.clusters.forms import ClusterForm, MemberAddForm, MemberForm
from klusteri.clusters.models import Cluster
from klusteri.core.access import get_scoped_or_404


def _editable_cluster(request: HttpRequest, slug: str) -> Cluster:
    """The cluster, if the person may edit it. Anyone else may know a published
    cluster exists (403) but not an unpublished one (404)."""
    return get_scoped_or_404(
        Cluster.objects.visible_to(request.user),
        Cluster.objects.editable_by(request.user).select_related("host"),
        slug=slug,
    )


@require_http_methods(["GET", "POST"])
@login_required
def cluster_edit(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = _editable_cluster(request, slug)
    name = cluster.name  # the form changes the instance as it validates
    form = ClusterForm(
        request.POST or None, request.FILES or None, instance=cluster, user=request.user
    )
    if request.method == "POST" and form.is_valid():
        changed = form.changed_values()
        if changed:
            services.update_cluster(cluster, by=request.user, changed=changed)
        messages.success(request, _("The profile was saved."))
        return redirect(cluster)
    return render(request, "clusters/edit.html", {"cluster": cluster, "name": name, "form": form})


@require_safe
@login_required
def member_list(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = _editable_cluster(request, slug)
    memberships = cluster.memberships.select_related("organisation").order_by(
        "organisation__name", "pk"
    )
    return render(
        request, "clusters/members.html", {"cluster": cluster, "memberships": memberships}
    )


@require_http_methods(["GET", "POST"])
@login_required
def member_add(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = _editable_cluster(request, slug)
    form = MemberAddForm(request.POST or None, cluster=cluster)
    if request.method == "POST" and form.is_valid():
        membership = services.add_member_by_business_id(
            cluster,
            form.cleaned_data["business_id"],
            by=request.user,
            name=form.cleaned_data["name"],
            kind=form.cleaned_data["kind"],
            role=form.cleaned_data["role"],
            since=form.cleaned_data["since"],
            is_public=form.cleaned_data["is_public"],
        )
        messages.success(
            request,
            _("%(name)s was added to the cluster.") % {"name": membership.organisation.name},
        )
        return redirect("clusters:members", slug=cluster.slug)
    return render(
        request, "clusters/member_form.html", {"cluster": cluster, "form": form, "membership": None}
    )


@require_http_methods(["GET", "POST"])
@login_required
def member_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    cluster = _editable_cluster(request, slug)
    membership = get_object_or_404(cluster.memberships.select_related("organisation"), pk=pk)
    form = MemberForm(request.POST or None, instance=membership)
    if request.method == "POST" and form.is_valid():
        changed = form.changed_values()
        if changed:
            services.update_member(membership, by=request.user, changed=changed)
        messages.success(
            request,
            _("The membership of %(name)s was saved.") % {"name": membership.organisation.name},
        )
        return redirect("clusters:members", slug=cluster.slug)
    return render(
        request,
        "clusters/member_form.html",
        {"cluster": cluster, "form": form, "membership": membership},
    )


@require_http_methods(["GET", "POST"])
@login_required
def member_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    cluster = _editable_cluster(request, slug)
    membership = get_object_or_404(cluster.memberships.select_related("organisation"), pk=pk)
    if request.method == "POST":
        services.remove_member(membership, by=request.user)
        messages.success(
            request,
            _("%(name)s was removed from the cluster.") % {"name": membership.organisation.name},
        )
        return redirect("clusters:members", slug=cluster.slug)
    return render(
        request, "clusters/member_remove.html", {"cluster": cluster, "membership": membership}
    )
