from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from klusteri.accounts import services
from klusteri.accounts.forms import OrganisationForm, ProfileForm
from klusteri.accounts.models import Organisation


@require_safe
@login_required
def profile(request: HttpRequest) -> HttpResponse:
    affiliations = request.user.affiliations.select_related("organisation__region")
    return render(request, "accounts/profile.html", {"affiliations": affiliations})


@require_http_methods(["GET", "POST"])
@login_required
def profile_edit(request: HttpRequest) -> HttpResponse:
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        services.update_profile(request.user, by=request.user, **form.cleaned_data)
        messages.success(request, _("Your details were saved."))
        return redirect("accounts:profile")
    return render(request, "accounts/profile_edit.html", {"form": form})


@require_http_methods(["GET", "POST"])
@login_required
def organisation_create(request: HttpRequest) -> HttpResponse:
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        organisation = services.register_organisation(form.save(commit=False), by=request.user)
        messages.success(
            request,
            _("%(name)s was registered. You are its administrator.") % {"name": organisation.name},
        )
        return redirect("accounts:profile")
    return render(request, "accounts/organisation_form.html", {"form": form, "organisation": None})


@require_http_methods(["GET", "POST"])
@login_required
def organisation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    # People who merely represent the organisation may know it exists (403);
    # anyone else is told it does not (404).
    organisation = get_object_or_404(Organisation.objects.of_user(request.user), pk=pk)
    if not Organisation.objects.administered_by(request.user).filter(pk=pk).exists():
        raise PermissionDenied
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        changed = {field: form.cleaned_data[field] for field in form.changed_data}
        if changed:
            services.update_organisation(form.instance, by=request.user, changed=changed)
        messages.success(request, _("The organisation's details were saved."))
        return redirect("accounts:profile")
    return render(
        request, "accounts/organisation_form.html", {"form": form, "organisation": organisation}
    )
