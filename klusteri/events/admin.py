"""The administration of events, series, registrations and closing reports, for
platform staff.

Events and series are saved here as everywhere else, through ``services``
(``save_event``, ``save_series``, ``write_closing_report``), so that the rules,
the audit trail, the default reminder, the series' occurrences and the offers of
freed seats follow. Registrations are people's records: staff read them here,
and change their state on the participant list, through the same services as
the organisers. Times are shown and typed on the site's clock (Helsinki). An event is cancelled,
not deleted: people registered for it.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from klusteri.core.admin import RecordAdmin
from klusteri.events import services
from klusteri.events.models import (
    ClosingReport,
    Event,
    EventSeries,
    Question,
    Registration,
    Reminder,
)
from klusteri.events.services import EventError

RELATED = ("co_organisers", "topics", "ecosystems")


class ServiceCheckedForm(forms.ModelForm):
    """The service's rules (an end after the start, registration closing after it
    opens) as errors of the form, not of the save."""

    def _post_clean(self):
        super()._post_clean()
        if isinstance(self.instance, Event) and not self.errors:
            try:
                services._check_event(self.instance)
            except EventError as error:
                self.add_error(None, str(error))
        if isinstance(self.instance, EventSeries) and self.instance.rule:
            try:
                services.check_rule(self.instance.rule)
            except EventError as error:
                self.add_error("rule", str(error))


class QuestionInline(TranslationTabularInline):
    model = Question
    extra = 0


class ReminderInline(TranslationTabularInline):
    model = Reminder
    extra = 0


class RegistrationInline(admin.TabularInline):
    """Who registered, to read: their state changes through the participant list."""

    model = Registration
    extra = 0
    fields = ["user", "organisation", "state", "reserved_seat", "queued_at", "checked_in_at"]
    readonly_fields = fields
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user", "organisation")


@admin.register(Event)
class EventAdmin(TranslationAdmin):
    form = ServiceCheckedForm
    list_display = ["title", "organiser", "starts_at", "status", "event_type", "is_demo"]
    list_filter = ["status", "event_type", "format", "audience", "is_demo"]
    search_fields = ["title_fi", "title_sv", "title_en", "organiser__name_fi"]
    list_select_related = ["organiser"]
    autocomplete_fields = ["organiser"]
    filter_horizontal = ["co_organisers", "topics", "ecosystems"]
    readonly_fields = ["series", "occurrence_start", "created_at", "updated_at"]
    date_hierarchy = "starts_at"
    inlines = [QuestionInline, ReminderInline, RegistrationInline]

    def save_model(self, request, obj, form, change):
        """Saved in ``save_related``, with its organisers, topics and ecosystems."""

    def save_related(self, request, form, formsets, change):
        related = {name: list(form.cleaned_data[name]) for name in RELATED}
        services.save_event(
            form.instance, by=request.user, related=related, detach=bool(form.instance.series_id)
        )
        event = form.instance
        writers = {Question: services.set_questions, Reminder: services.set_reminders}
        for formset in formsets:
            # Unsaved: the changed objects, and what the change message lists.
            changed = formset.save(commit=False)
            write = writers.get(formset.model)
            if write is not None and formset.has_changed():
                key = "questions" if formset.model is Question else "reminders"
                write(event, by=request.user, deleted=formset.deleted_objects, **{key: changed})

    def has_delete_permission(self, request, obj=None):
        # People registered for it: cancel it (its status) rather than delete it.
        return False


@admin.register(EventSeries)
class EventSeriesAdmin(TranslationAdmin):
    form = ServiceCheckedForm
    list_display = ["title", "organiser", "rule", "first_start", "is_active"]
    list_filter = ["is_active", "event_type"]
    search_fields = ["title_fi", "title_sv", "title_en"]
    list_select_related = ["organiser"]
    autocomplete_fields = ["organiser"]
    filter_horizontal = ["co_organisers", "topics", "ecosystems"]
    readonly_fields = ["created_at", "updated_at"]

    def save_model(self, request, obj, form, change):
        """Saved in ``save_related``, which also brings its occurrences in line."""

    def save_related(self, request, form, formsets, change):
        related = {name: list(form.cleaned_data[name]) for name in RELATED}
        services.save_series(form.instance, by=request.user, related=related)


@admin.register(Registration)
class RegistrationAdmin(RecordAdmin):
    list_display = ["user", "event", "state", "reserved_seat", "queued_at", "checked_in_at"]
    list_filter = ["state", "reserved_seat"]
    search_fields = ["user__email", "user__name", "event__title_fi"]
    list_select_related = ["user", "event"]


class ClosingReportForm(forms.ModelForm):
    class Meta:
        model = ClosingReport
        fields = ["event", "attendees", "organisations_present", "outcomes"]

    def clean(self):
        cleaned = super().clean()
        event = cleaned.get("event")
        if event is not None and not event.has_ended():
            raise ValidationError(_("The closing report is written after the event."))
        if event is not None and event.status in (Event.Status.DRAFT, Event.Status.CANCELLED):
            raise ValidationError(_("A draft or a cancelled event has no closing report."))
        return cleaned


@admin.register(ClosingReport)
class ClosingReportAdmin(admin.ModelAdmin):
    """Writing a report here marks its event completed, as on the report page."""

    form = ClosingReportForm
    list_display = ["event", "attendees", "organisations_present", "written_by", "updated_at"]
    list_select_related = ["event", "written_by"]
    search_fields = ["event__title_fi", "event__title_sv", "event__title_en"]
    autocomplete_fields = ["event"]
    readonly_fields = ["written_by", "created_at", "updated_at"]

    def save_model(self, request, obj, form, change):
        report = services.write_closing_report(
            obj.event,
            by=request.user,
            attendees=obj.attendees,
            organisations_present=obj.organisations_present,
            outcomes=obj.outcomes,
        )
        obj.pk = report.pk
