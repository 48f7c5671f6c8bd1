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

from dataclasses import dataclass
from datetime import datetime
from html import escape

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
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
from klusteri.events.models import Event, EventSeries, Question, Registration
from klusteri.events.services import EventError

State = Registration.State
EXPORT_FORMATS = ("csv", "xlsx")
# Upcoming and past events on one's list: a cluster's year of events, and more.
MANAGE_LIMIT = 200


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


# The events a person organises ---------------------------------------------------


@require_safe
@login_required
def event_manage(request: HttpRequest) -> HttpResponse:
    _require_organiser(request)
    now = timezone.now()
    user = request.user
    # Staff may manage every event, but their own list is of the national
    # platform's events and of the clusters they manage, not the whole calendar.
    own = Q(organiser__managers__user=user)
    if user.is_staff:
        own |= Q(organiser__isnull=True)
    events = (
        Event.objects.managed_by(user)
        .filter(own)
        .select_related("organiser", "series")
        .annotate(
            # distinct: the join to the managers must not count a registration twice
            confirmed=Count(
                "registrations", filter=Q(registrations__state=State.CONFIRMED), distinct=True
            ),
            waiting=Count(
                "registrations",
                filter=Q(registrations__state__in=(State.WAITLISTED, State.OFFERED)),
                distinct=True,
            ),
            pending=Count(
                "registrations", filter=Q(registrations__state=State.PENDING), distinct=True
            ),
        )
    )
    series = EventSeries.objects.managed_by(user).filter(own).select_related("organiser")
    return render(
        request,
        "events/manage/list.html",
        {
            "upcoming": events.upcoming(now)[:MANAGE_LIMIT],
            "past": events.past(now)[:MANAGE_LIMIT],
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
            messages.success(
                request, _("The event was created as a draft. Publish it when it is ready.")
            )
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
            return redirect("events:edit", pk=event.pk)
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
    return render(request, "events/manage/questions.html", {"event": event, "formset": formset})


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
    return render(request, "events/manage/reminders.html", {"event": event, "formset": formset})


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

# What a row of the list (and of the export) reads, as plain values: a 500-person
# list makes no model instances.
ROW_FIELDS = (
    "pk", "state", "reserved_seat", "checked_in_at", "answers", "user__name", "user__email",
    "organisation__name",
)  # fmt: skip


@dataclass(frozen=True)
class Participant:
    pk: int
    state: str
    reserved_seat: bool
    checked_in_at: datetime | None
    name: str
    email: str
    organisation: str
    answers: tuple[str, ...]
    queued_at: datetime | None = None  # the export's alone

    @property
    def is_active(self) -> bool:
        return self.state in Registration.ACTIVE


def _participants(event: Event, request: HttpRequest):
    """The registrations the list shows, narrowed by ``state`` and ``q``."""
    registrations = Registration.objects.filter(event=event).order_by("state", "queued_at", "pk")
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


def _rows(
    event: Event, registrations, *, fields: tuple[str, ...] = ROW_FIELDS
) -> tuple[list, list[Participant]]:
    """The questions, and each registration with its answers in their order."""
    questions = list(event.questions.all())
    keys = [(str(question.pk), question.kind == Question.Kind.YES_NO) for question in questions]
    words = {"yes": _("yes"), "no": _("no"), True: _("yes"), False: _("no")}
    participants = [
        Participant(
            pk=values["pk"],
            state=values["state"],
            reserved_seat=values["reserved_seat"],
            queued_at=values.get("queued_at"),
            checked_in_at=values["checked_in_at"],
            name=values["user__name"] or values["user__email"],
            email=values["user__email"],
            organisation=values["organisation__name"] or "",
            answers=tuple(
                _answer((values["answers"] or {}).get(key, ""), words if yes_no else None)
                for key, yes_no in keys
            ),
        )
        for values in registrations.values(*fields)
    ]
    return questions, participants


def _answer(value, words: dict | None) -> str:
    """An answer as the list shows it: a yes-or-no question's code ("yes", as the
    registration form stores it) in the page's language."""
    if words is not None and isinstance(value, str | bool) and value in words:
        return words[value]
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value)


class ParticipantRows:
    """The rows of the participant list as HTML, written here rather than in a
    template: a 500-person list is rendered again on every check-in at the door,
    and the template engine spent some 0.4 ms a row on it (200 ms a page), this a
    small part of that. Every value is escaped (``escape``); the words are
    translated once a page, not once a row. Each row is a form of its own, posted
    by htmx (which swaps the row, ``hx-target`` and ``hx-swap`` inherited from the
    table's body, and keeps the focus on its button, found by id) or as a plain
    form."""

    def __init__(self, request: HttpRequest, event: Event):
        self.has_reserved_seats = bool(event.reserved_seats)
        self.zone = event.zone
        self.csrf = (
            f'<input type="hidden" name="csrfmiddlewaretoken" value="{escape(get_token(request))}">'
        )
        # The action's address of registration 0, less its "0/".
        self.action_prefix = reverse("events:participant-action", args=[event.pk, 0])[:-2]
        self.states = {value: escape(str(label)) for value, label in State.choices}
        self.reserved = escape(_("Reserved seat"))
        self.not_checked_in = f'<span class="muted">{escape(_("no"))}</span>'
        self.times: dict[datetime, str] = {}
        # (value, the button's word, its label naming the person, its class)
        self.buttons = {
            "undo_check_in": (_("Undo check-in"), _("Undo the check-in of %(name)s"),
                              "check-in-button check-in-button--undo"),
            "check_in": (_("Check in"), _("Check in %(name)s"), "check-in-button"),
            "approve": (_("Approve"), _("Approve %(name)s"), ""),
            "reject": (_("Reject"), _("Reject %(name)s"), "button--secondary"),
            "reserve": (_("Reserved seat"), _("Give %(name)s a reserved seat"),
                        "button--secondary"),
            "remove": (_("Remove"), _("Remove %(name)s"), "button--secondary"),
        }  # fmt: skip

    def _time(self, moment: datetime) -> str:
        # People are checked in at the door a few a minute: one formatting a minute.
        minute = moment.replace(second=0, microsecond=0)
        if minute not in self.times:
            local = minute.astimezone(self.zone)
            self.times[minute] = (
                f'<time datetime="{local.isoformat()}">'
                f"{escape(date_format(local, 'TIME_FORMAT'))}</time>"
            )
        return self.times[minute]

    def _button(self, action: str, name: str, pk: int | None = None) -> str:
        word, label, css = self.buttons[action]
        id_attribute = f' id="check-in-{pk}"' if pk else ""
        class_attribute = f' class="{css}"' if css else ""
        aria_label = escape(label % {"name": name})
        return (
            f'<button type="submit" name="action" value="{action}"{id_attribute}'
            f'{class_attribute} aria-label="{aria_label}">{escape(word)}</button>'
        )

    def _actions(self, participant: Participant) -> str:
        name = participant.name
        buttons = []
        if participant.state == State.CONFIRMED:
            action = "undo_check_in" if participant.checked_in_at else "check_in"
            buttons.append(self._button(action, name, participant.pk))
        elif participant.state == State.PENDING:
            buttons += [self._button("approve", name), self._button("reject", name)]
        if self.has_reserved_seats and not participant.reserved_seat and participant.is_active:
            buttons.append(self._button("reserve", name))
        if participant.is_active:
            buttons.append(self._button("remove", name))
        return "".join(buttons)

    def row(self, participant: Participant, *, back: str = "", error: str = "") -> str:
        checked_in = participant.checked_in_at
        checked_in_cell = self._time(checked_in) if checked_in else self.not_checked_in
        reserved = (
            f'<span class="helptext">{self.reserved}</span>' if participant.reserved_seat else ""
        )
        answers = "".join(f"<td>{escape(answer)}</td>" for answer in participant.answers)
        alert = f'<p class="errorlist" role="alert">{escape(error)}</p>' if error else ""
        action = f"{self.action_prefix}{participant.pk}/"
        back_input = f'<input type="hidden" name="back" value="{escape(back)}">' if back else ""
        return (
            f'<tr id="registration-{participant.pk}"'
            f"{' class="is-checked-in"' if checked_in else ''}>"
            f'<th scope="row">{escape(participant.name)}</th>'
            f'<td class="participant-email">{escape(participant.email)}</td>'
            f"<td>{escape(participant.organisation)}</td>"
            f"<td>{self.states.get(participant.state, '')}{reserved}</td>{answers}"
            f"<td>{checked_in_cell}</td>"
            f'<td class="participant-actions">{alert}<form method="post" action="{action}"'
            f' hx-post="{action}">{self.csrf}'
            f"{back_input}"
            f"{self._actions(participant)}</form></td></tr>\n"
        )

    def html(self, participants: list[Participant], *, back: str = "") -> str:
        rows = "".join(self.row(participant, back=back) for participant in participants)
        return mark_safe(rows)  # noqa: S308 - every value escaped in row()


@require_safe
@login_required
def participant_list(request: HttpRequest, pk: int) -> HttpResponse:
    event = _managed_event(request, pk)
    registrations, state, query = _participants(event, request)
    questions, participants = _rows(event, registrations)
    # The figures above the list in one query: a count per state, the people
    # checked in and the reserved seats given.
    figures = Registration.objects.filter(event=event).aggregate(
        **{value: Count("pk", filter=Q(state=value)) for value in State.values},
        checked_in=Count("pk", filter=Q(checked_in_at__isnull=False)),
        reserved_given=Count("pk", filter=Q(reserved_seat=True, state__in=Registration.HOLDS_SEAT)),
    )
    counts = {value: figures[value] for value in State.values}
    back = f"?{request.GET.urlencode()}" if request.GET else ""
    return render(
        request,
        "events/manage/participants.html",
        {
            "event": event,
            "questions": questions,
            "participants": participants,
            "rows_html": ParticipantRows(request, event).html(participants, back=back),
            "state": state,
            "query": query,
            "states": [(value, label, counts.get(value, 0)) for value, label in State.choices],
            "total": sum(counts.values()),
            "checked_in": figures["checked_in"],
            "reserved_given": figures["reserved_given"],
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
        Registration.objects.filter(event=event, pk=registration)
        .select_related("user", "event")
        .first()
    )
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
        _questions, [participant] = _rows(event, Registration.objects.filter(pk=found.pk))
        response = HttpResponse(ParticipantRows(request, event).row(participant, error=error))
        response["Vary"] = "HX-Request"
        return response
    if error:
        messages.error(request, error)
    else:
        messages.success(
            request, _("Saved: %(name)s.") % {"name": found.user.name or found.user.email}
        )
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
    questions, participants = _rows(event, registrations, fields=(*ROW_FIELDS, "queued_at"))
    headings = [
        _("Name"), _("E-mail address"), _("Organisation"), _("State"), _("Reserved seat"),
        _("Registered"), _("Checked in"), *[question.text for question in questions],
    ]  # fmt: skip
    zone = event.zone
    states = dict(State.choices)
    yes = _("yes")
    table = [
        [
            participant.name,
            participant.email,
            participant.organisation,
            str(states.get(participant.state, participant.state)),
            yes if participant.reserved_seat else "",
            timezone.localtime(participant.queued_at, zone).replace(tzinfo=None),
            (
                timezone.localtime(participant.checked_in_at, zone).replace(tzinfo=None)
                if participant.checked_in_at
                else None
            ),
            *participant.answers,
        ]
        for participant in participants
    ]
    if fmt == "csv":
        content = tabular.write_csv(headings, table)
        content_type = "text/csv; charset=utf-8"
    else:
        content = tabular.write_xlsx(_("Participants"), headings, table)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="participants-{event.pk}.{fmt}"'
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
            return redirect("events:report", pk=event.pk)
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
