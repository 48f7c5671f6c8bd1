"""The calendar's filters, shared by the list, the month view, the iCal feeds and
the API.

As in the directory and the funding finder, the whole state of a calendar view
lives in the query string, and values that mean nothing are dropped one by one,
never an error: an unknown type, ``month=2026-13`` or ``when=soon`` are left out
and the rest of the link still applies.
"""

import re
from datetime import date, datetime
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from django import forms
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import get_language, resolution_order

from klusteri.clusters.filters import (
    FilterGroup,
    LenientChoiceField,
    LenientModelMultipleChoiceField,
    LenientMultipleChoiceField,
    Option,
    QueryStringFilter,
    _as_list,
    filter_choices,
    taxonomy_version,
)
from klusteri.clusters.models import Cluster, ServiceArea
from klusteri.core import pagecache
from klusteri.events.models import DEFAULT_TIME_ZONE, Event, EventLanguage, EventType, Format
from klusteri.places.models import Region

# The organiser filter's value for the national platform's own events.
PLATFORM = "platform"
MONTH = re.compile(r"^(\d{4})-(\d{2})$")
# A month outside these years is no calendar month anyone looks for.
FIRST_YEAR, LAST_YEAR = 2000, 2100
# Months are the site's months: Finnish time.
CALENDAR_ZONE = ZoneInfo(DEFAULT_TIME_ZONE)


def month_bounds(year: int, month: int) -> tuple[datetime, datetime]:
    """The first moment of the month and of the next, in the calendar's zone."""
    start = datetime(year, month, 1, tzinfo=CALENDAR_ZONE)
    following = datetime(year + month // 12, month % 12 + 1, 1, tzinfo=CALENDAR_ZONE)
    return start, following


def parse_month(value: str) -> date | None:
    """``YYYY-MM`` as the month's first day; None for anything else."""
    match = MONTH.match(value or "")
    if not match:
        return None
    year, month = int(match[1]), int(match[2])
    if not (FIRST_YEAR <= year <= LAST_YEAR and 1 <= month <= 12):
        return None
    return date(year, month, 1)


class MonthField(forms.CharField):
    """``YYYY-MM``; anything else is no month (dropped, not an error)."""

    def clean(self, value) -> date | None:
        return parse_month(str(value or "").strip())


class OrganiserField(LenientModelMultipleChoiceField):
    """Cluster slugs, and ``platform`` for the national platform: the clusters that
    exist, and None for the platform."""

    def clean(self, value) -> list:
        values = _as_list(value)
        chosen = list(super().clean([v for v in values if v != PLATFORM]))
        return ([None] if PLATFORM in values else []) + chosen


class EventFilter(QueryStringFilter):
    WHEN = {"upcoming": _("Upcoming"), "past": _("Past")}
    DEFAULT_WHEN = "upcoming"

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    type = LenientMultipleChoiceField(
        label=_("Type"), required=False, choices=EventType.choices,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    format = LenientMultipleChoiceField(
        label=_("Format"), required=False, choices=Format.choices,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    organiser = OrganiserField(
        label=_("Organiser"), required=False, queryset=Cluster.objects.all(),
        to_field_name="slug", widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    region = LenientModelMultipleChoiceField(
        label=_("Region"), required=False, queryset=Region.objects.all(), to_field_name="code",
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    topic = LenientModelMultipleChoiceField(
        label=_("Topic"), required=False, queryset=ServiceArea.objects.all(),
        to_field_name="slug", widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    language = LenientMultipleChoiceField(
        label=_("Language"), required=False, choices=EventLanguage.choices,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    month = MonthField(label=_("Month"), required=False)
    when = LenientChoiceField(label=_("When"), required=False, choices=list(WHEN.items()))

    # Multi-valued filters in the order the page shows them.
    FILTERS = ["type", "format", "organiser", "region", "topic", "language"]

    @property
    def when_key(self) -> str:
        """Upcoming or past, as applied: the default is upcoming, except that a
        month asked for shows the whole month unless told otherwise."""
        when = self.values.get("when")
        if when or self.values.get("month"):
            return when
        return self.DEFAULT_WHEN

    def narrow(self, events: QuerySet[Event], now: datetime | None = None) -> QuerySet[Event]:
        """``events`` narrowed by the valid part of the form and ordered: upcoming
        the soonest first, past the latest first. Each multi-valued filter matches
        any of its values (OR); different filters all apply (AND)."""
        now = now or timezone.now()
        events = self.narrow_unordered(events)
        when = self.when_key
        if when == "past":
            return events.past(now)
        if when == "upcoming":
            return events.upcoming(now)
        return events.order_by("starts_at", "pk")

    def narrow_unordered(self, events: QuerySet[Event]) -> QuerySet[Event]:
        """The filters without the time (upcoming or past): what the month view
        and the feeds narrow by."""
        data = self.values
        if self.query:
            words = Q()
            for language in resolution_order(get_language()):
                words |= Q(**{f"title_{language}__icontains": self.query})
                words |= Q(**{f"description_{language}__icontains": self.query})
            events = events.filter(words)
        if data.get("type"):
            events = events.filter(event_type__in=data["type"])
        if data.get("format"):
            events = events.filter(format__in=data["format"])
        if data.get("organiser"):
            clusters = [cluster for cluster in data["organiser"] if cluster is not None]
            condition = Q(organiser__isnull=True) if None in data["organiser"] else Q()
            if clusters:
                co_organised = Event.co_organisers.through.objects.filter(
                    event=OuterRef("pk"), cluster__in=clusters
                )
                condition |= Q(organiser__in=clusters) | Exists(co_organised)
            events = events.filter(condition)
        if data.get("region"):
            events = events.filter(municipality__region__in=data["region"])
        if data.get("topic"):
            # A subquery on the link table: a join would repeat an event per topic.
            links = Event.topics.through.objects.filter(
                event=OuterRef("pk"), servicearea__in=data["topic"]
            )
            events = events.filter(Exists(links))
        if data.get("language"):
            spoken = Q()
            for code in data["language"]:
                # The list as JSON text: '["fi", "en"]' (JSON containment is not
                # there on SQLite).
                spoken |= Q(languages__icontains=f'"{code}"')
            events = events.filter(spoken)
        if data.get("month"):
            first = data["month"]
            start, following = month_bounds(first.year, first.month)
            events = events.filter(starts_at__lt=following, ends_at__gte=start)
        return events

    def canonical(self) -> str:
        """The valid filters in a fixed order: the same for every address that
        means the same list (what a page or feed cached by meaning is keyed by)."""
        pairs = []
        for name, value in self.values.items():
            if value in (None, "", []):
                continue
            values = value if isinstance(value, list) else [value]
            field = self.fields[name]
            key = getattr(field, "to_field_name", None)
            texts = [PLATFORM if v is None else str(getattr(v, key) if key else v) for v in values]
            pairs += [(name, text) for text in sorted(texts)]
        return urlencode(pairs)

    # What the page shows ------------------------------------------------------------

    def groups_version(self) -> str:
        """The directory's taxonomies and the events (which clusters organise)."""
        return f"{taxonomy_version()}:{pagecache.current_version('events')}"

    def organiser_choices(self) -> list[tuple[str, str]]:
        """The national platform, then the clusters that organise a listed event."""
        organising = Event.objects.listed().filter(organiser=OuterRef("pk"))
        clusters = Cluster.objects.filter(Exists(organising)).order_by("name")
        return [(PLATFORM, str(_("National cluster platform")))] + [
            (cluster.slug, cluster.name) for cluster in clusters.only("slug", "name")
        ]

    def groups(self) -> list[FilterGroup]:
        """Every multi-valued filter with its options, ticked as in the request: the
        regions and topics from the directory's cached choices, the organisers in
        one query."""
        shared = filter_choices()
        options = {
            "type": [(value, str(label)) for value, label in EventType.choices],
            "format": [(value, str(label)) for value, label in Format.choices],
            "organiser": self.organiser_choices(),
            "region": shared["region"][0],
            "topic": shared["service"][0],
            "language": [(value, str(label)) for value, label in EventLanguage.choices],
        }
        groups = []
        for name in self.FILTERS:
            chosen = self._raw(name)
            groups.append(
                FilterGroup(
                    name,
                    str(self.fields[name].label),
                    [Option(name, value, label, value in chosen) for value, label in options[name]],
                )
            )
        return groups

    def active_choices(self) -> list[tuple[str, str, str]]:
        """``(field, value, label)`` for every valid value that narrows the list."""
        data = self.values
        active = []
        if self.query:
            active.append(("q", data["q"], self.query))
        for name in self.FILTERS:
            field_ = self.fields[name]
            for value in data.get(name) or []:
                if name == "organiser" and value is None:
                    active.append((name, PLATFORM, str(_("National cluster platform"))))
                elif isinstance(field_, forms.ModelMultipleChoiceField):
                    active.append((name, getattr(value, field_.to_field_name), str(value)))
                else:
                    active.append((name, value, str(dict(field_.choices)[value])))
        if data.get("month"):
            month = data["month"]
            active.append(("month", f"{month:%Y-%m}", f"{month:%m/%Y}"))
        return active
