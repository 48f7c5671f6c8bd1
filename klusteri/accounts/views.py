import json
from typing import Any

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from klusteri.accounts import services
from klusteri.accounts.forms import AccountDeleteForm, OrganisationForm, ProfileForm
from klusteri.accounts.models import Consent, Organisation, User
from klusteri.core import personal_data
from klusteri.core.access import get_scoped_or_404


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
    # anyone else, platform staff too (they have the admin), is told it does not (404).
    theirs = Organisation.objects.of_user(request.user)
    organisation = get_scoped_or_404(theirs, theirs.administered_by(request.user), pk=pk)
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


def personal_data_response(data: dict[str, Any], user: User) -> HttpResponse:
    """The export as a JSON file to save; never cached on the way."""
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    filename = f"klusteri-personal-data-{user.pk}-{timezone.localdate().isoformat()}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store, private"
    return response


@require_safe
@login_required
def privacy_settings(request: HttpRequest) -> HttpResponse:
    consents = list(request.user.consents.all())
    optional = [
        {
            "kind": kind,
            "label": Consent.Kind(kind).label,
            "in_force": any(c.kind == kind and c.is_in_force for c in consents),
        }
        for kind in sorted(Consent.OPTIONAL_KINDS)
    ]
    return render(
        request, "accounts/privacy_settings.html", {"consents": consents, "optional": optional}
    )


@never_cache
@require_POST
@login_required
def personal_data_export(request: HttpRequest) -> HttpResponse:
    data = services.export_personal_data(request.user, by=request.user)
    return personal_data_response(data, request.user)


def _optional_kind(kind: str) -> str:
    if kind not in Consent.OPTIONAL_KINDS:
        raise Http404
    return kind


@require_POST
@login_required
def consent_give(request: HttpRequest, kind: str) -> HttpResponse:
    try:
        services.give_consent(request.user, _optional_kind(kind), by=request.user)
    except services.AccountError:
        messages.info(request, _("Your consent was already recorded."))
    else:
        messages.success(request, _("Your consent was recorded."))
    return redirect("accounts:privacy")


@require_POST
@login_required
def consent_withdraw(request: HttpRequest, kind: str) -> HttpResponse:
    try:
        services.withdraw_consent(request.user, _optional_kind(kind), by=request.user)
    except services.AccountError:
        messages.info(request, _("There was no consent in force to withdraw."))
    else:
        messages.success(request, _("Your consent was withdrawn."))
    return redirect("accounts:privacy")


@require_http_methods(["GET", "POST"])
@login_required
def account_delete(request: HttpRequest) -> HttpResponse:
    # Bound on every POST, an empty one too, so that it is refused with a message.
    form = AccountDeleteForm(request.user, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.erase_account(request.user, by=request.user)
        logout(request)
        messages.success(request, _("Your account and your personal data were deleted."))
        return redirect("core:home")
    return render(
        request,
        "accounts/account_delete.html",
        {
            "form": form,
            "consequences": [
                consequence
                for consequence in personal_data.erasure_consequences(request.user)
                if consequence.records
            ],
        },
    )
