"""The organisers' pages: the events a person organises, the event and series
forms, the status, the extra questions, reminders and invitations, the participant
list with check-in and export, and the closing report.

Who organises: the managers of the organising cluster, and platform staff (who
alone organise the national platform's events). An event outside what the person
may see answers 404; one they may see but do not organise, 403.

The participant list is one page, not paginated: at the door the organiser checks
people in from it, and one page lets the browser's own find (and the search box)
reach everyone; 500 rows render in a constant number of queries.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from klusteri.clusters.models import Cluster
from klusteri.core import tabular
from klusteri.core.access import get_scoped_or_404
from klusteri.events import services
from klusteri.events.forms import (
    ClosingReportForm,
    EventForm,
    InvitationsForm,
    QuestionFormSet,
    ReminderFormSet,
    SeriesForm,
    StatusForm,
)
from klusteri.events.models import Event, EventSeries, Registration
from klusteri.events.services import EventError

State = Registration.State
EXPORT_FORMATS = ("csv", "xlsx")


def organises_events(user) -> bool:
    """Platform staff and the managers of some cluster."""
    return user.is_staff or Cluster.objects.editable_by(user).exists()


def _managed_event(request: HttpRequest, pk: int, *related: str) -> Event:
    return get_scoped_or_404(
        Event.objects.visible_to(request.user),
        Event.objects.managed_by(request.user).select_related("organiser", *related),
        pk=pk,
    )


def _require_organiser(request: HttpRequest) -> None:
    if not organises_events(request.user):
        raise PermissionDenied


def _redirect_to_manage(event: Event) -> HttpResponse:
    return redirect(reverse("events:manage") + f"#event-{event.pk}")


# The events a person organises ---------------------------------------------------


@require_safe
@login_required
def event_manage(request: HttpRequest) -> HttpResponse:
    _require_organiser(request)
    now = timezone.now()
    events = (
        Event.objects.managed_by(request.user)
        .select_related("organiser", "series")
        .annotate(
            confirmed=Count("registrations", filter=Q(registrations__state=State.CONFIRMED)),
            waiting=Count(
                "registrations",
                filter=Q(registrations__state__in=(State.WAITLISTED, State.OFFERED)),
            ),
            pending=Count("registrations", filter=Q(registrations__state=State.PENDING)),
        )
    )
    series = EventSeries.objects.managed_by(request.user).select_related("organiser")
    return render(
        request,
        "events/manage/list.html",
        {
            "upcoming": events.upcoming(now),
            "past": events.past(now)[:100],
            "series_list": series,
        },
    )


# An event ------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def event_create(request: HttpRequest) -> HttpResponse:
    _require_organiser(request)
    form = EventForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.save_event(form.instance, by=request.user, related=form.related())
        except EventError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The event was created as a draft. Publish it when it is ready."))
            return redirect("events:status", pk=event.pk)
    return render(request, "events/manage/event_form.html", {"form": form, "event": None})


@require_http_methods(["GET", "POST"])
@login_required
def event_edit(request: HttpRequest, pk: int) -> HttpResponse:
    event = _managed_event(request, pk, "series")
    title = event.title  # the form changes the instance as it validates
    form = EventForm(request.POST or None, instance=event, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_event(
                form.instance,
                by=request.user,
                related=form.related(),
                detach=event.series_id is not None,
            )
        except EventError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The event was saved."))
            return _redirect_to_manage(event)
    return render(
        request, "events/manage/event_form.html", {"form": form, "event": event, "title": title}
    )


@require_http_methods(["GET", "POST"])
@login_required
def event_status(request: HttpRequest, pk: int) -> HttpResponse:
    event = _managed_event(request, pk)
    form = StatusForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.set_status(event, form.cleaned_data["status"], by=request.user)
        except EventError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("The event is now: %(status)s.") % {"status": event.get_status_display()},
            )
            return redirect("events:status", pk=event.pk)
    choices = [(value, label) for value, label in StatusForm.CHOICES if value != event.status]
    return render(
        request,
        "events/manage/status.html",
        {"event": event, "form": form, "choices": choices},
    )


@require_http_methods(["GET", "POST"])
@login_required
def event_questions(request: HttpRequest, pk: int) -> HttpResponse:
    event = _managed_event(request, pk)
    formset = QuestionFormSet(request.POST or None, queryset=event.questions.all())
    if request.method == "POST" and formset.is_valid():
        questions = formset.save(commit=False)
        services.set_questions(
            event, by=request.user, questions=questions, deleted=formset.deleted_objects
        )
        messages.success(request, _("The questions were saved."))
        return redirect("events:questions", pk=event.pk)
    return render(
        request, "events/manage/questions.html", {"event": event, "formset": formset}
    )


@require_http_methods(["GET", "POST"])
@login_required
def event_reminders(request: HttpRequest, pk: int) -> HttpResponse:
    event = _managed_event(request, pk)
    formset = ReminderFormSet(request.POST or None, queryset=event.reminders.all())
    if request.method == "POST" and formset.is_valid():
        reminders = formset.save(commit=False)
        services.set_reminders(
            event, by=request.user, reminders=reminders, deleted=formset.deleted_objects
        )
        messages.success(request, _("The reminders were saved."))
        return redirect("events:reminders", pk=event.pk)
    return render(
        request, "events/manage/reminders.html", {"event": event, "formset": formset}
    )


@require_http_methods(["GET", "POST"])
@login_required
def event_invitations(request: HttpRequest, pk: int) -> HttpResponse:
    event = _managed_event(request, pk)
    current = "\n".join(event.invitations.values_list("email", flat=True))
    form = InvitationsForm(request.POST or None, initial={"emails": current})
    if request.method == "POST" and form.is_valid():
        added, removed = services.set_invitations(
            event, form.cleaned_data["emails"], by=request.user
        )
        messages.success(
            request,
            _("Invitations saved: %(added)d added, %(removed)d removed.")
            % {"added": added, "removed": removed},
        )
        return redirect("events:invitations", pk=event.pk)
    return render(request, "events/manage/invitations.html", {"event": event, "form": form})


# Participants --------------------------------------------------------------------


def _participants(event: Event, request: HttpRequest):
    """The registrations the list shows, narrowed by ``state`` and ``q``."""
    registrations = Registration.objects.filter(event=event).for_list()
    state = request.GET.get("state", "")
    if state in State.values:
        registrations = registrations.filter(state=state)
    else:
        state = ""
    query = request.GET.get("q", "").strip()[:100]
    if query:
        registrations = registrations.filter(
            Q(user__name__icontains=query)
            | Q(user__email__icontains=query)
            | Q(organisation__name__icontains=query)
        )
    return registrations, state, query


def _rows(event: Event, registrations) -> tuple[list, list]:
    """The questions, and each registration with its answers in their order."""
    questions = list(event.questions.all())
    rows = [
        (registration, [_answer(registration, question) for question in questions])
        for registration in registrations
    ]
    return questions, rows


def _answer(registration: Registration, question) -> str:
    value = registration.answers.get(str(question.pk), "")
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value)


@require_safe
@login_required
def participant_list(request: HttpRequest, pk: int) -> HttpResponse:
    event = _managed_event(request, pk)
    registrations, state, query = _participants(event, request)
    questions, rows = _rows(event, registrations)
    counts = dict(
        Registration.objects.filter(event=event)
        .values_list("state")
        .annotate(count=Count("pk"))
        .values_list("state", "count")
    )
    checked_in = Registration.objects.filter(event=event, checked_in_at__isnull=False).count()
    return render(
        request,
        "events/manage/participants.html",
        {
            "event": event,
            "questions": questions,
            "rows": rows,
            "state": state,
            "query": query,
            "states": [(value, label, counts.get(value, 0)) for value, label in State.choices],
            "total": sum(counts.values()),
            "checked_in": checked_in,
            "seats": services.seats(event),
        },
    )


ACTIONS = {
    "approve": lambda registration, by: services.decide(registration, by=by, approve=True),
    "reject": lambda registration, by: services.decide(registration, by=by, approve=False),
    "reserve": lambda registration, by: services.give_reserved_seat(registration, by=by),
    "check_in": lambda registration, by: services.check_in(registration, by=by),
    "undo_check_in": lambda registration, by: services.check_in(registration, by=by, undo=True),
    "remove": lambda registration, by: services.withdraw(registration, by=by),
}


@require_POST
@login_required
def participant_action(request: HttpRequest, pk: int, registration: int) -> HttpResponse:
    event = _managed_event(request, pk)
    found = (
        Registration.objects.filter(event=event, pk=registration).select_related(
            "user", "organisation", "event"
        )
    ).first()
    if found is None:
        raise Http404
    action = ACTIONS.get(request.POST.get("action", ""))
    error = ""
    if action is None:
        error = _("Choose what to do.")
    else:
        try:
            action(found, request.user)
        except EventError as refused:
            error = str(refused)
    if request.headers.get("HX-Request"):
        found.refresh_from_db()
        questions, rows = _rows(event, [found])
        response = render(
            request,
            "events/manage/_participant_row.html",
            {"event": event, "registration": found, "answers": rows[0][1], "error": error},
        )
        response["Vary"] = "HX-Request"
        return response
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _("Saved: %(name)s.") % {"name": found.user.get_full_name()})
    back = reverse("events:participants", args=[event.pk])
    query = request.POST.get("back", "")
    if query.startswith("?"):
        back += query
    return redirect(f"{back}#registration-{found.pk}")


@require_safe
@login_required
def participant_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in EXPORT_FORMATS:
        raise Http404
    event = _managed_event(request, pk)
    registrations, _state, _query = _participants(event, request)
    questions, rows = _rows(event, registrations)
    headings = [
        _("Name"), _("E-mail address"), _("Organisation"), _("State"), _("Reserved seat"),
        _("Registered"), _("Checked in"), *[question.text for question in questions],
    ]  # fmt: skip
    zone = event.zone
    table = [
        [
            registration.user.get_full_name(),
            registration.user.email,
            registration.organisation.name if registration.organisation else "",
            registration.get_state_display(),
            _("yes") if registration.reserved_seat else "",
            timezone.localtime(registration.queued_at, zone).replace(tzinfo=None),
            (
                timezone.localtime(registration.checked_in_at, zone).replace(tzinfo=None)
                if registration.checked_in_at
                else None
            ),
            *answers,
        ]
        for registration, answers in rows
    ]
    if fmt == "csv":
        content = tabular.write_csv(headings, table)
        content_type = "text/csv; charset=utf-8"
    else:
        content = tabular.write_xlsx(_("Participants"), headings, table)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    response = HttpResponse(content, content_type=content_type)
    filename = f"participants-{event.pk}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


# The closing report ---------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def event_report(request: HttpRequest, pk: int) -> HttpResponse:
    event = _managed_event(request, pk, "closing_report")
    report = getattr(event, "closing_report", None)
    checked_in = Registration.objects.filter(event=event, checked_in_at__isnull=False)
    if report is not None:
        initial = {
            "attendees": report.attendees,
            "organisations_present": report.organisations_present,
            "outcomes": report.outcomes,
        }
    else:
        initial = {
            "attendees": checked_in.count(),
            "organisations_present": checked_in.exclude(organisation=None)
            .values("organisation")
            .distinct()
            .count(),
        }
    form = ClosingReportForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.write_closing_report(event, by=request.user, **form.cleaned_data)
        except EventError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The closing report was saved and the event is completed."))
            return _redirect_to_manage(event)
    return render(
        request,
        "events/manage/report.html",
        {"event": event, "form": form, "report": report, "has_ended": event.has_ended()},
    )


# Series --------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def series_create(request: HttpRequest) -> HttpResponse:
    _require_organiser(request)
    form = SeriesForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            series = services.save_series(
                form.instance, by=request.user, related=form.related(), status=form.status()
            )
        except EventError as error:
            form.add_error(None, str(error))
        else:
            count = series.occurrences.count()
            messages.success(
                request,
                _("The series was created with %(count)d occurrences.") % {"count": count},
            )
            return redirect(reverse("events:manage") + f"#series-{series.pk}")
    return render(request, "events/manage/series_form.html", {"form": form, "series": None})


@require_http_methods(["GET", "POST"])
@login_required
def series_edit(request: HttpRequest, pk: int) -> HttpResponse:
    series = get_scoped_or_404(
        EventSeries.objects.all(), EventSeries.objects.managed_by(request.user), pk=pk
    )
    title = series.title
    form = SeriesForm(request.POST or None, instance=series, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_series(
                form.instance, by=request.user, related=form.related(), status=form.status()
            )
        except EventError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The series was saved."))
            return redirect(reverse("events:manage") + f"#series-{series.pk}")
    occurrences = series.occurrences.order_by("starts_at")
    return render(
        request,
        "events/manage/series_form.html",
        {"form": form, "series": series, "title": title, "occurrences": occurrences},
    )
