"""A person's alerts: saved searches with their digests, followed calls with their
deadline reminders, and the unsubscribe link of every such mail."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from klusteri.funding import services
from klusteri.funding.forms import SavedSearchForm, SaveSearchForm
from klusteri.funding.models import Call, FollowedCall, SavedSearch


def _safe_next(request: HttpRequest, url: str) -> str | None:
    """``url`` if it is an address on this site, else None."""
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return None


def _mine(request: HttpRequest, save_form: SaveSearchForm | None = None, status: int = 200):
    now = timezone.now()
    follows = (
        FollowedCall.objects.filter(user=request.user)
        .select_related("call__programme")
        .prefetch_related("call__deadlines")
        .order_by("call__closes_at", "call__identifier")
    )
    return render(
        request,
        "funding/mine.html",
        {
            "searches": request.user.saved_funding_searches.all(),
            "follows": [(follow, follow.call.next_deadline_at(now)) for follow in follows],
            "save_form": save_form or SaveSearchForm(next_url=request.path),
        },
        status=status,
    )


@require_safe
@login_required
def alert_list(request: HttpRequest) -> HttpResponse:
    return _mine(request)


@require_POST
@login_required
def search_save(request: HttpRequest) -> HttpResponse:
    """Save the finder's search (its query string comes in the form). Bad input shows
    the form again, on the page of one's alerts, with what was typed."""
    form = SaveSearchForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            search = services.save_search(
                request.user,
                by=request.user,
                name=data["name"],
                query=data["query"],
                frequency=data["frequency"],
            )
        except services.DuplicateSearch as duplicate:
            form.add_error(
                None,
                _("You have saved this search already, as “%(name)s”.")
                % {"name": duplicate.existing.name},
            )
        else:
            messages.success(
                request,
                _("The search “%(name)s” was saved. New and changed calls in it come to %(email)s.")
                % {"name": search.name, "email": request.user.email},
            )
            return redirect(_safe_next(request, data["next"]) or search.get_absolute_url())
    return _mine(request, save_form=form)


def _own_search(request: HttpRequest, pk: int) -> SavedSearch:
    """Another person's search does not exist for anyone but its owner."""
    return get_object_or_404(request.user.saved_funding_searches, pk=pk)


@require_http_methods(["GET", "POST"])
@login_required
def search_edit(request: HttpRequest, pk: int) -> HttpResponse:
    search = _own_search(request, pk)
    name = search.name  # the form changes the instance as it validates
    form = SavedSearchForm(request.POST or None, instance=search)
    if request.method == "POST" and form.is_valid():
        changed = {name: form.cleaned_data[name] for name in form.changed_data}
        services.update_search(search, by=request.user, changed=changed)
        messages.success(request, _("The search “%(name)s” was saved.") % {"name": search.name})
        return redirect("funding:mine")
    return render(
        request, "funding/search_edit.html", {"search": search, "name": name, "form": form}
    )


@require_http_methods(["GET", "POST"])
@login_required
def search_delete(request: HttpRequest, pk: int) -> HttpResponse:
    search = _own_search(request, pk)
    if request.method == "POST":
        services.delete_search(search, by=request.user)
        messages.success(
            request,
            _("The search “%(name)s” was deleted. Its digest no longer comes.")
            % {"name": search.name},
        )
        return redirect("funding:mine")
    return render(request, "funding/search_delete.html", {"search": search})


@require_POST
@login_required
def call_follow(request: HttpRequest, identifier: str) -> HttpResponse:
    """Follow the call, or stop following it if one does."""
    call = get_object_or_404(Call.objects.visible_to(request.user), identifier=identifier)
    if FollowedCall.objects.filter(user=request.user, call=call).exists():
        services.unfollow_call(call, by=request.user)
        messages.success(request, _("You no longer follow this call."))
    else:
        services.follow_call(call, by=request.user)
        messages.success(
            request,
            _("You follow this call. We remind you 14 and 3 days before each of its deadlines."),
        )
    return redirect(_safe_next(request, request.POST.get("next", "")) or call)


# The link in the mail is the authorisation: no log-in, and a mail program's
# one-click POST (RFC 8058) carries no CSRF token. A forged POST would need the
# signed token, which only the mail's recipient has.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks to confirm (a link scanner must not unsubscribe anyone); POST,
    from the page's button or the mail program, unsubscribes."""
    try:
        if request.method == "POST":
            alert = services.unsubscribe(token)
            template = "funding/unsubscribe_done.html"
        else:
            alert = services.unsubscribe_target(token)
            template = "funding/unsubscribe.html"
    except services.BadUnsubscribeToken:
        return render(request, "funding/unsubscribe_invalid.html", status=400)
    return render(
        request,
        template,
        {"alert": alert, "is_search": isinstance(alert, SavedSearch), "token": token},
    )
