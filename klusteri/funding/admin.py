"""The administration of funding programmes and calls, for platform staff.

A call is saved here as everywhere else, by ``services.save_call``: with its
deadlines (the inline, which the service writes, not the admin) and its eligible
applicants, regions and ecosystems, so that the last deadline, the audit trail, the
digests' ``changed_at`` and the search index follow. What people follow and save
is their personal data: staff may read it here, nobody edits it.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from klusteri.audit.services import log_action
from klusteri.core.admin import RecordAdmin
from klusteri.funding import services
from klusteri.funding.deadlines import deadline_problem
from klusteri.funding.models import (
    ApplicantType,
    Call,
    Deadline,
    FollowedCall,
    FundingSource,
    Programme,
    SavedSearch,
)
from klusteri.funding.services import DeadlineData
from klusteri.funding.transfer.cells import time_zone_of


@admin.register(Programme)
class ProgrammeAdmin(TranslationAdmin):
    list_display = ["name", "funder", "level", "kind", "is_active"]
    list_filter = ["level", "kind", "is_active"]
    search_fields = ["name_fi", "name_sv", "name_en", "slug", "funder"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["created_at", "updated_at"]


class DeadlineForm(forms.ModelForm):
    """A deadline as the funder states it: the date and time on the funder's clock
    (``time_zone``), not the administrator's."""

    class Meta:
        model = Deadline
        fields = ["at", "time_zone", "label"]
        help_texts = {"at": _("On the clock of the deadline's time zone.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # Naive, so that the form shows it as it is rather than in Finnish time.
            self.initial["at"] = timezone.make_naive(self.instance.local_at, self._zone())

    def _zone(self) -> ZoneInfo:
        return ZoneInfo(self.instance.time_zone)

    def clean_time_zone(self) -> str:
        return time_zone_of(self.cleaned_data["time_zone"])

    def clean(self):
        cleaned = super().clean()
        at, zone = cleaned.get("at"), cleaned.get("time_zone")
        if isinstance(at, datetime) and zone:
            # The form read the wall time in the site's time zone; it is the funder's.
            cleaned["at"] = timezone.make_naive(at).replace(tzinfo=ZoneInfo(zone))
        return cleaned


class DeadlineFormSet(forms.BaseInlineFormSet):
    def deadlines(self) -> list[DeadlineData]:
        return sorted(
            (
                DeadlineData(
                    at=form.cleaned_data["at"],
                    time_zone=form.cleaned_data["time_zone"],
                    label=form.cleaned_data.get("label", ""),
                )
                for form in self.forms
                if form.cleaned_data
                and form.cleaned_data.get("at")
                and not form.cleaned_data.get("DELETE")
            ),
            key=lambda deadline: deadline.at,
        )

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        # The call's own form is beside this one, not in it: its deadline model is
        # read from what was sent, as it is validated there.
        model = self.data.get("deadline_model")
        if model in Call.DeadlineModel.values:
            problem = deadline_problem(model, self.deadlines())
            if problem:
                raise ValidationError(problem)


class DeadlineInline(admin.TabularInline):
    model = Deadline
    form = DeadlineForm
    formset = DeadlineFormSet
    extra = 1


class CallForm(forms.ModelForm):
    """The admin's form of a call (the admin gives it the fields)."""

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("grant_min"), cleaned.get("grant_max")
        if low is not None and high is not None and low > high:
            self.add_error("grant_min", _("The smallest grant is larger than the largest."))
        return cleaned


class StatusFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return Call.Status.choices

    def queryset(self, request, queryset):
        if self.value() in Call.Status.values:
            return getattr(queryset, self.value())()
        return queryset


@admin.register(Call)
class CallAdmin(TranslationAdmin):
    form = CallForm
    list_display = ["identifier", "title", "programme", "status", "closes_at", "is_published"]
    list_filter = [
        StatusFilter,
        "is_published",
        "programme__level",
        "deadline_model",
        "cluster_role",
        "source",
        "is_demo",
        "programme",
    ]
    search_fields = ["identifier", "title_fi", "title_sv", "title_en"]
    list_select_related = ["programme"]
    autocomplete_fields = ["programme"]
    filter_horizontal = ["applicant_types", "regions", "ecosystems"]
    readonly_fields = ["closes_at", "changed_at", "created_at", "updated_at"]
    date_hierarchy = "closes_at"
    inlines = [DeadlineInline]

    def get_queryset(self, request):
        return super().get_queryset(request).with_status()

    @admin.display(description=_("status"))
    def status(self, call: Call) -> str:
        return Call.Status(call.status).label

    def save_model(self, request, obj, form, change):
        """Saved in ``save_related``, with its deadlines and related records."""

    def save_formset(self, request, form, formset, change):
        """The deadlines are written by ``services.save_call`` (``save_related``)."""

    def save_related(self, request, form, formsets, change):
        [deadlines] = [fs.deadlines() for fs in formsets if isinstance(fs, DeadlineFormSet)]
        related = {name: list(form.cleaned_data[name]) for name in services.RELATED_FIELDS}
        services.save_call(form.instance, deadlines=deadlines, related=related, by=request.user)

    def construct_change_message(self, request, form, formsets, add=False):
        # The formsets did not save their objects themselves: say what changed by name.
        message = super().construct_change_message(request, form, None, add)
        if any(formset.has_changed() for formset in formsets) and not add:
            message.append({"changed": {"fields": [str(Deadline._meta.verbose_name_plural)]}})
        return message

    def delete_model(self, request, obj):
        services.delete_call(obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for call in queryset:
            services.delete_call(call, by=request.user)


@admin.register(ApplicantType)
class ApplicantTypeAdmin(RecordAdmin):
    """Reference data (``reference.APPLICANT_TYPES``), which the matching rules name."""

    list_display = ["position", "name", "slug"]
    list_display_links = ["name"]


@admin.register(FundingSource)
class FundingSourceAdmin(admin.ModelAdmin):
    """A cluster's funding sources; its managers keep them on the cluster's page.
    A change here is audited, as theirs are."""

    list_display = ["name", "cluster", "kind", "amount", "starts_on", "ends_on"]
    list_filter = ["kind"]
    search_fields = ["name", "cluster__name_fi", "cluster__name_sv", "cluster__name_en"]
    list_select_related = ["cluster"]
    autocomplete_fields = ["cluster", "programme"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        action = "funding.fundingsource.updated" if change else "funding.fundingsource.created"
        log_action(obj, action, by=request.user, data={"fields": form.changed_data})

    def delete_model(self, request, obj):
        log_action(obj, "funding.fundingsource.deleted", by=request.user)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for source in queryset:
            self.delete_model(request, source)


@admin.register(SavedSearch)
class SavedSearchAdmin(RecordAdmin):
    list_display = ["name", "user", "frequency", "created_at"]
    list_filter = ["frequency"]
    list_select_related = ["user"]


@admin.register(FollowedCall)
class FollowedCallAdmin(RecordAdmin):
    list_display = ["call", "user", "created_at"]
    list_select_related = ["call", "user"]
