"""Registration: the box on an event's page, registering, withdrawing, accepting
or declining a freed seat, and a person's own registrations with the address of
their calendar feed.

Every write goes through ``events.services``; a refusal (``EventError``) is shown
as it is, and the form keeps what was typed.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from klusteri.events import services
from klusteri.events.models import Audience, Event, FeedToken, Registration
from klusteri.events.registration_forms import RegistrationForm

State = Registration.State


def registration_context(request, event: Event) -> dict:
    """What the registration box on the event's page (``events/_registration_box.html``)
    needs: the person's registration, whether and when registration is open, the
    public seats left, and whether the person may register at all."""
    now = timezone.now()
    user = request.user
    registration = (
        Registration.objects.filter(event=event, user=user).with_queue_position().first()
        if user.is_authenticated
        else None
    )
    seats_left = None
    if event.registration_required and event.capacity is not None:
        seats_left = services.seats(event).public_free(event)
    opens_at = event.registration_opens_at
    return {
        "registration": registration,
        "registration_open": event.registration_is_open(now),
        "registration_not_yet_open": bool(
            event.takes_place and opens_at and now < opens_at and not event.has_started(now)
        ),
        "registration_closes_at": event.registration_closes_at or event.starts_at,
        "seats_left": seats_left,
        "may_register": event.may_register(user) if user.is_authenticated else False,
        "may_withdraw": registration is not None
        and registration.is_active
        and not event.has_started(now),
        "offer_open": registration is not None
        and registration.state == State.OFFERED
        and registration.offer_expires_at > now,
        "needs_form": event.asks_organisation or event.questions.exists(),
        "members_only": event.audience == Audience.MEMBERS,
        "invitation_only": event.audience == Audience.INVITATION,
    }


def _event(request: HttpRequest, pk: int) -> Event:
    """The event, if the person may see it at all (a draft is its organisers')."""
    return get_object_or_404(Event.objects.visible_to(request.user), pk=pk)


def _own(request: HttpRequest, event: Event, *states) -> Registration:
    """The person's own registration for the event, in one of ``states``."""
    return get_object_or_404(
        Registration.objects.of(request.user).select_related("event"),
        event=event,
        state__in=states,
    )


@require_http_methods(["GET", "POST"])
@login_required
def register(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk)
    data = request.POST if request.method == "POST" else None  # a form of no fields posts nothing
    form = RegistrationForm(data, event=event, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            registration = services.register(
                event,
                by=request.user,
                organisation=form.cleaned_data.get("organisation"),
                answers=form.answers(),
            )
        except services.EventError as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, registered_message(registration))
            return redirect(event)
    return render(
        request,
        "events/register.html",
        {"event": event, "form": form, **registration_context(request, event)},
    )


def registered_message(registration: Registration) -> str:
    if registration.state == State.CONFIRMED:
        return _("You are registered. The confirmation is on its way to %(email)s.") % {
            "email": registration.user.email
        }
    if registration.state == State.PENDING:
        return _("Your registration waits for the organiser's approval. We will tell you by mail.")
    return _("The event is full: you are on the waiting list, in place %(position)s.") % {
        "position": registration.queue_position()
    }


@require_http_methods(["GET", "POST"])
@login_required
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk)
    registration = _own(request, event, *Registration.ACTIVE)
    error = None
    if request.method == "POST":
        try:
            services.withdraw(registration, by=request.user)
        except services.EventError as refusal:
            error = str(refusal)
        else:
            messages.success(request, _("You have withdrawn from the event."))
            return redirect(event)
    return render(
        request,
        "events/withdraw.html",
        {"event": event, "registration": registration, "error": error},
    )


@require_POST
@login_required
def accept_offer(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk)
    registration = _own(request, event, State.OFFERED)
    try:
        services.accept_offer(registration, by=request.user)
    except services.EventError as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("The seat is yours. The confirmation is on its way by mail."))
    return redirect(event)


@require_POST
@login_required
def decline_offer(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk)
    registration = _own(request, event, State.OFFERED)
    try:
        services.decline_offer(registration, by=request.user)
    except services.EventError as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("You declined the seat; it goes to the next person waiting."))
    return redirect(event)


@require_safe
@login_required
def mine(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    registrations = (
        Registration.objects.of(request.user)
        .with_queue_position()
        .select_related("event__organiser", "organisation")
        .order_by("event__starts_at", "event__pk")
    )
    upcoming = [reg for reg in registrations if not reg.event.has_ended(now)]
    past = [reg for reg in registrations if reg.event.has_ended(now)][::-1]
    return render(
        request,
        "events/mine.html",
        {
            "upcoming": upcoming,
            "past": past,
            # Made by a POST ("Make my feed's address"), never by reading the page.
            "feed_key": FeedToken.objects.filter(user=request.user)
            .values_list("key", flat=True)
            .first(),
        },
    )


@require_POST
@login_required
def feed_renew(request: HttpRequest) -> HttpResponse:
    first = not FeedToken.objects.filter(user=request.user).exists()
    services.renew_feed_token(request.user, by=request.user)
    done = (
        _("Your calendar feed is ready: subscribe to its address.")
        if first
        else _(
            "Your calendar feed has a new address. The old one no longer works: subscribe again."
        )
    )
    messages.success(request, done)
    return redirect("events:mine")
