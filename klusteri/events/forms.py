"""Forms of the organisers' pages: an event, a series, the registration's extra
questions, the reminders, the invitations, the status and the closing report.

Times are typed as the wall clock of the event's time zone (Europe/Helsinki unless
changed) and stored in UTC: ``LocalDateTimeField`` reads the typed time without a
zone, and the form places it in the zone chosen in the same form.
"""

import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from klusteri.clusters.forms import IntegerField
from klusteri.clusters.models import Cluster
from klusteri.events.models import (
    DEFAULT_TIME_ZONE,
    Event,
    EventLanguage,
    EventSeries,
    Question,
    Reminder,
    validate_time_zone,
)

LANGUAGES = ("fi", "sv", "en")
LANGUAGE_NAMES = {"fi": _("in Finnish"), "sv": _("in Swedish"), "en": _("in English")}
DATE_TIME_INPUT = "%Y-%m-%dT%H:%M"


class LocalDateTimeField(forms.DateTimeField):
    """A date and time on the wall clock of a zone the form knows, as the browser's
    ``datetime-local`` input sends it (``2027-03-04T09:00``) or as people write it
    (``4.3.2027 9.00``). Its value is naive: the form places it in its zone."""

    input_formats = [DATE_TIME_INPUT, "%Y-%m-%d %H:%M", "%d.%m.%Y %H.%M", "%d.%m.%Y %H:%M"]
    default_error_messages = {
        "invalid": _("Enter a date and time, e.g. 2027-03-04 09:00."),
    }
    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATE_TIME_INPUT)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime):
            return value.replace(tzinfo=None)
        text = str(value).strip()
        for input_format in self.input_formats:
            try:
                return datetime.strptime(text, input_format)
            except ValueError:
                continue
        raise ValidationError(self.error_messages["invalid"], code="invalid")

    def prepare_value(self, value):
        if isinstance(value, datetime):
            return value.strftime(DATE_TIME_INPUT)
        return value


def in_zone(local: datetime, zone: ZoneInfo) -> datetime:
    """The UTC moment of a wall-clock time in ``zone``; ValidationError for a time
    the clocks skip in spring."""
    aware = local.replace(tzinfo=zone)
    utc = aware.astimezone(UTC)
    if utc.astimezone(zone).replace(tzinfo=None) != local:
        raise ValidationError(
            _("This time does not exist in %(zone)s: the clocks move forward then."),
            params={"zone": str(zone)},
            code="skipped",
        )
    return utc


def local_of(moment: datetime | None, zone: ZoneInfo) -> datetime | None:
    return moment.astimezone(zone).replace(tzinfo=None) if moment else None


def translated(name: str, label, *, textarea: bool = False, rows: int = 6) -> dict:
    """Labels and widgets of a translated field's three columns."""
    labels, widgets = {}, {}
    for language in LANGUAGES:
        column = f"{name}_{language}"
        labels[column] = _("%(field)s %(language)s") % {
            "field": label,
            "language": LANGUAGE_NAMES[language],
        }
        attrs = {"lang": language}
        widgets[column] = (
            forms.Textarea(attrs={**attrs, "rows": rows}) if textarea else forms.TextInput(attrs)
        )
    return {"labels": labels, "widgets": widgets}


TITLE = translated("title", _("Title"))
DESCRIPTION = translated("description", _("Description"), textarea=True, rows=8)
MATERIALS = translated("materials", _("Materials"), textarea=True, rows=4)

SETTINGS_FIELDS = [
    "event_type",
    "format",
    "organiser",
    "co_organisers",
    "time_zone",
    "venue_name",
    "street_address",
    "postal_code",
    "municipality",
    "online_url",
    "online_url_visibility",
    "languages",
    "topics",
    "ecosystems",
    "audience",
    "registration_required",
    "capacity",
    "reserved_seats",
    "requires_approval",
    "asks_organisation",
    "offer_hours",
]
SETTINGS_WIDGETS = {
    "co_organisers": forms.CheckboxSelectMultiple,
    "topics": forms.CheckboxSelectMultiple,
    "ecosystems": forms.CheckboxSelectMultiple,
}
NUMBER_FIELDS = {
    "capacity": IntegerField,
    "reserved_seats": IntegerField,
    "offer_hours": IntegerField,
}


class SettingsForm(forms.ModelForm):
    """What an event and a series share. A cluster manager organises for the
    clusters they manage only; staff also for the national platform (empty)."""

    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=EventLanguage.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The languages spoken."),
    )
    # (legend, field names): the groups of the page.
    fieldsets: list = []
    related_fields = ("co_organisers", "topics", "ecosystems")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        organiser = self.fields["organiser"]
        organiser.queryset = Cluster.objects.editable_by(user).order_by("name")
        if user.is_staff:
            organiser.empty_label = _("The national cluster platform")
        else:
            organiser.required = True
            organiser.help_text = _("One of the clusters you manage.")
        self.fields["co_organisers"].queryset = Cluster.objects.published().order_by("name")
        for language in LANGUAGES[1:]:
            self.fields[f"title_{language}"].required = False
        self.fields["title_fi"].required = False

    def clean_time_zone(self) -> str:
        zone = self.cleaned_data["time_zone"].strip() or DEFAULT_TIME_ZONE
        validate_time_zone(zone)
        return zone

    def zone(self) -> ZoneInfo | None:
        zone = self.cleaned_data.get("time_zone")
        return ZoneInfo(zone) if zone else None

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(f"title_{language}") for language in LANGUAGES):
            self.add_error("title_fi", _("Give the title in at least one language."))
        capacity, reserved = cleaned.get("capacity"), cleaned.get("reserved_seats")
        if capacity is not None and reserved is not None and reserved > capacity:
            self.add_error("reserved_seats", _("There cannot be more reserved seats than seats."))
        return cleaned

    def grouped_fields(self):
        for legend, names in self.fieldsets:
            fields = [self[name] for name in names if name in self.fields]
            if fields:
                yield legend, fields

    def related(self) -> dict:
        return {name: list(self.cleaned_data[name]) for name in self.related_fields}


PLACE_AND_LINK = [
    "venue_name",
    "street_address",
    "postal_code",
    "municipality",
    "online_url",
    "online_url_visibility",
]
REGISTRATION = [
    "registration_required",
    "capacity",
    "reserved_seats",
    "requires_approval",
    "asks_organisation",
    "offer_hours",
]


class EventForm(SettingsForm):
    starts = LocalDateTimeField(label=_("Starts"), help_text=_("On the clock of the time zone."))
    ends = LocalDateTimeField(label=_("Ends"), help_text=_("On the clock of the time zone."))
    registration_opens = LocalDateTimeField(
        label=_("Registration opens"), required=False, help_text=_("Empty: at once.")
    )
    registration_closes = LocalDateTimeField(
        label=_("Registration closes"), required=False, help_text=_("Empty: when it starts.")
    )

    fieldsets = [
        (_("The event"), ["title_fi", "title_sv", "title_en", "event_type", "format",
                          "description_fi", "description_sv", "description_en"]),
        (_("Organisers"), ["organiser", "co_organisers"]),
        (_("Time"), ["time_zone", "starts", "ends"]),
        (_("Place and link"), PLACE_AND_LINK),
        (_("Who it is for"), ["audience", "languages", "topics", "ecosystems"]),
        (_("Registration"), ["registration_opens", "registration_closes", *REGISTRATION]),
        (_("After the event"), ["recording_url", "materials_fi", "materials_sv", "materials_en"]),
    ]  # fmt: skip
    TIMES = {
        "starts": "starts_at",
        "ends": "ends_at",
        "registration_opens": "registration_opens_at",
        "registration_closes": "registration_closes_at",
    }

    class Meta:
        model = Event
        fields = [
            "title_fi", "title_sv", "title_en", "description_fi", "description_sv",
            "description_en", *SETTINGS_FIELDS, "recording_url", "materials_fi", "materials_sv",
            "materials_en",
        ]  # fmt: skip
        field_classes = NUMBER_FIELDS
        labels = {**TITLE["labels"], **DESCRIPTION["labels"], **MATERIALS["labels"]}
        widgets = {
            **TITLE["widgets"],
            **DESCRIPTION["widgets"],
            **MATERIALS["widgets"],
            **SETTINGS_WIDGETS,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        zone = self.instance.zone
        for name, column in self.TIMES.items():
            self.initial.setdefault(name, local_of(getattr(self.instance, column), zone))

    def clean(self):
        cleaned = super().clean()
        zone = self.zone()
        if zone is None:
            return cleaned
        for name, column in self.TIMES.items():
            local = cleaned.get(name)
            try:
                setattr(self.instance, column, in_zone(local, zone) if local else None)
            except ValidationError as error:
                self.add_error(name, error)
        starts, ends = cleaned.get("starts"), cleaned.get("ends")
        if starts and ends and ends < starts:
            self.add_error("ends", _("An event cannot end before it starts."))
        opens, closes = cleaned.get("registration_opens"), cleaned.get("registration_closes")
        if opens and closes and closes < opens:
            self.add_error("registration_closes", _("Registration cannot close before it opens."))
        return cleaned


class Recurrence:
    """The simple choices of a series' rhythm, each an RFC 5545 rule made from the
    first start's weekday and day of the month."""

    WEEKLY = "weekly"
    FORTNIGHTLY = "fortnightly"
    MONTHLY_WEEKDAY = "monthly_weekday"
    MONTHLY_DAY = "monthly_day"
    CUSTOM = "custom"
    CHOICES = [
        (WEEKLY, _("Every week, on the weekday of the first occurrence")),
        (FORTNIGHTLY, _("Every second week, on the weekday of the first occurrence")),
        (MONTHLY_WEEKDAY, _("Every month, on the same weekday (e.g. the first Tuesday)")),
        (MONTHLY_DAY, _("Every month, on the same day of the month")),
        (CUSTOM, _("A rule of my own (advanced)")),
    ]
    DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]

    @classmethod
    def rule(cls, choice: str, local_start: datetime) -> str:
        day = cls.DAYS[local_start.weekday()]
        if choice == cls.WEEKLY:
            return f"FREQ=WEEKLY;BYDAY={day}"
        if choice == cls.FORTNIGHTLY:
            return f"FREQ=WEEKLY;INTERVAL=2;BYDAY={day}"
        if choice == cls.MONTHLY_WEEKDAY:
            nth = (local_start.day - 1) // 7 + 1
            # The fifth Tuesday is not in every month: the last one is.
            return f"FREQ=MONTHLY;BYDAY={-1 if nth == 5 else nth}{day}"
        return f"FREQ=MONTHLY;BYMONTHDAY={local_start.day}"

    @classmethod
    def choice_of(cls, rule: str, local_start: datetime) -> str:
        for choice, _label in cls.CHOICES[:-1]:
            if cls.rule(choice, local_start) == rule:
                return choice
        return cls.CUSTOM


class SeriesForm(SettingsForm):
    first = LocalDateTimeField(
        label=_("First occurrence starts"), help_text=_("On the clock of the time zone.")
    )
    duration_minutes = IntegerField(
        label=_("Duration in minutes"), min_value=5, max_value=24 * 60, initial=60
    )
    recurrence = forms.ChoiceField(
        label=_("Repeats"), choices=Recurrence.CHOICES, widget=forms.RadioSelect
    )
    custom_rule = forms.CharField(
        label=_("Rule of my own"),
        required=False,
        max_length=200,
        help_text=_("As in calendars (RFC 5545), e.g. FREQ=MONTHLY;BYDAY=1TU."),
    )
    publish = forms.BooleanField(
        label=_("Publish the new occurrences at once"),
        required=False,
        initial=True,
        help_text=_("Otherwise they are created as drafts."),
    )

    fieldsets = [
        (_("The series"), ["title_fi", "title_sv", "title_en", "event_type", "format",
                           "description_fi", "description_sv", "description_en"]),
        (_("Organisers"), ["organiser", "co_organisers"]),
        (_("Rhythm"), ["time_zone", "first", "duration_minutes", "recurrence", "custom_rule",
                       "is_active", "publish"]),
        (_("Place and link"), PLACE_AND_LINK),
        (_("Who it is for"), ["audience", "languages", "topics", "ecosystems"]),
        (_("Registration"), REGISTRATION),
    ]  # fmt: skip

    class Meta:
        model = EventSeries
        fields = [
            "title_fi", "title_sv", "title_en", "description_fi", "description_sv",
            "description_en", *SETTINGS_FIELDS, "is_active",
        ]  # fmt: skip
        field_classes = NUMBER_FIELDS
        labels = {**TITLE["labels"], **DESCRIPTION["labels"]}
        widgets = {**TITLE["widgets"], **DESCRIPTION["widgets"], **SETTINGS_WIDGETS}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        series = self.instance
        if series.pk:
            local_first = local_of(series.first_start, ZoneInfo(series.time_zone))
            self.initial.setdefault("first", local_first)
            self.initial.setdefault("duration_minutes", int(series.duration.total_seconds() // 60))
            choice = Recurrence.choice_of(series.rule, local_first)
            self.initial.setdefault("recurrence", choice)
            if choice == Recurrence.CUSTOM:
                self.initial.setdefault("custom_rule", series.rule)
            self.fields["publish"].initial = False
        else:
            self.initial.setdefault("recurrence", Recurrence.MONTHLY_WEEKDAY)

    def clean(self):
        cleaned = super().clean()
        zone, first = self.zone(), cleaned.get("first")
        if zone is not None and first is not None:
            try:
                self.instance.first_start = in_zone(first, zone)
            except ValidationError as error:
                self.add_error("first", error)
        if cleaned.get("duration_minutes"):
            self.instance.duration = timedelta(minutes=cleaned["duration_minutes"])
        choice = cleaned.get("recurrence")
        if choice == Recurrence.CUSTOM:
            rule = re.sub(r"^RRULE:", "", cleaned.get("custom_rule", "").strip(), flags=re.I)
            if not rule:
                self.add_error("custom_rule", _("Write the rule, or choose one of the rhythms."))
            self.instance.rule = rule.upper()
        elif choice and first is not None:
            self.instance.rule = Recurrence.rule(choice, first)
        return cleaned

    def status(self) -> str | None:
        return Event.Status.PUBLISHED if self.cleaned_data.get("publish") else None


class StatusForm(forms.Form):
    """The statuses an organiser sets by hand: completed comes with the report."""

    CHOICES = [
        (Event.Status.PUBLISHED, _("Publish")),
        (Event.Status.POSTPONED, _("Postpone")),
        (Event.Status.CANCELLED, _("Cancel the event")),
        (Event.Status.DRAFT, _("Back to draft")),
    ]
    status = forms.ChoiceField(choices=CHOICES)


QUESTION_TEXT = translated("text", _("Question"))
QUESTION_CHOICES = translated("choices", _("Choices, one per line,"), textarea=True, rows=3)


class QuestionForm(forms.ModelForm):
    class Meta:
        model = Question
        fields = [
            "position", "text_fi", "text_sv", "text_en", "kind", "choices_fi", "choices_sv",
            "choices_en", "is_required",
        ]  # fmt: skip
        field_classes = {"position": IntegerField}
        labels = {**QUESTION_TEXT["labels"], **QUESTION_CHOICES["labels"]}
        widgets = {**QUESTION_TEXT["widgets"], **QUESTION_CHOICES["widgets"]}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text_fi"].required = False

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("DELETE"):
            return cleaned
        if not any(cleaned.get(f"text_{language}") for language in LANGUAGES):
            self.add_error("text_fi", _("Write the question in at least one language."))
        if cleaned.get("kind") == Question.Kind.CHOICE and not any(
            (cleaned.get(f"choices_{language}") or "").strip() for language in LANGUAGES
        ):
            self.add_error("choices_fi", _("Give the choices, one per line."))
        return cleaned


QuestionFormSet = forms.modelformset_factory(
    Question, form=QuestionForm, extra=1, can_delete=True, max_num=30, validate_max=True
)

REMINDER_TEXT = translated("text", _("Text"), textarea=True, rows=3)


class ReminderForm(forms.ModelForm):
    """A reminder as people say it: so many hours before or after the start or end."""

    BEFORE, AFTER = "before", "after"
    hours = IntegerField(label=_("Hours"), min_value=0, max_value=24 * 60)
    direction = forms.ChoiceField(
        label=_("Before or after"), choices=[(BEFORE, _("before")), (AFTER, _("after"))]
    )

    class Meta:
        model = Reminder
        fields = ["hours", "direction", "anchor", "text_fi", "text_sv", "text_en"]
        labels = REMINDER_TEXT["labels"]
        widgets = REMINDER_TEXT["widgets"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        offset = self.instance.offset if self.instance.pk else Reminder.DEFAULT_OFFSET
        hours = int(abs(offset.total_seconds()) // 3600)
        self.initial.setdefault("hours", hours)
        self.initial.setdefault("direction", self.BEFORE if offset <= timedelta(0) else self.AFTER)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("hours") is not None and cleaned.get("direction"):
            sign = -1 if cleaned["direction"] == self.BEFORE else 1
            self.instance.offset = timedelta(hours=sign * cleaned["hours"])
        return cleaned


ReminderFormSet = forms.modelformset_factory(
    Reminder, form=ReminderForm, extra=1, can_delete=True, max_num=10, validate_max=True
)


class InvitationsForm(forms.Form):
    emails = forms.CharField(
        label=_("E-mail addresses of those invited"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10, "spellcheck": "false"}),
        help_text=_(
            "One per line, or separated by commas or spaces. Those left out lose their invitation."
        ),
    )

    def clean_emails(self) -> list[str]:
        found = [item for item in re.split(r"[\s,;]+", self.cleaned_data["emails"]) if item]
        invalid, emails = [], []
        for item in found:
            try:
                validate_email(item)
            except ValidationError:
                invalid.append(item)
                continue
            if item.lower() not in emails:
                emails.append(item.lower())
        if invalid:
            raise ValidationError(
                _("These are not e-mail addresses: %(invalid)s"),
                params={"invalid": ", ".join(invalid)},
                code="invalid",
            )
        return emails


class ClosingReportForm(forms.Form):
    attendees = IntegerField(
        label=_("Attendees"), min_value=0, help_text=_("Prefilled with the people checked in.")
    )
    organisations_present = IntegerField(
        label=_("Organisations present"),
        min_value=0,
        help_text=_("Prefilled with the organisations of the people checked in."),
    )
    outcomes = forms.CharField(
        label=_("Outcomes"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What came of the event: agreements, new projects, next steps."),
    )
