"""The funding finder's filters, shared by the finder, the saved searches and their
digests, the iCal feeds and the API.

As in the directory, the whole state of a search lives in the query string, and
values that mean nothing are dropped one by one, never an error.
"""

from datetime import datetime, timedelta

from django import forms
from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from klusteri.clusters.filters import (
    LenientChoiceField,
    LenientModelMultipleChoiceField,
    LenientMultipleChoiceField,
)
from klusteri.clusters.models import Ecosystem
from klusteri.funding import search
from klusteri.funding.models import ApplicantType, Call, FundingKind, Level
from klusteri.places.models import Region

# "Deadline within": days.
WITHIN_DAYS = (7, 14, 30, 60, 90)


class CallFilter(forms.Form):
    SORTS = {
        "deadline": _("Next deadline"),
        "relevance": _("Relevance"),
        "newest": _("Newest first"),
        "budget": _("Largest budget"),
    }
    DEFAULT_SORT = "deadline"
    # Without a status chosen, the finder shows what one can still apply for.
    DEFAULT_STATUSES = (Call.Status.OPEN, Call.Status.FORTHCOMING)

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    status = LenientMultipleChoiceField(
        label=_("Status"), required=False, choices=Call.Status.choices,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    level = LenientMultipleChoiceField(
        label=_("Level"), required=False, choices=Level.choices,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    kind = LenientMultipleChoiceField(
        label=_("Kind of funding"), required=False, choices=FundingKind.choices,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    applicant = LenientModelMultipleChoiceField(
        label=_("Who may apply"), required=False, queryset=ApplicantType.objects.all(),
        to_field_name="slug", widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    ecosystem = LenientModelMultipleChoiceField(
        label=_("EU industrial ecosystem"), required=False, queryset=Ecosystem.objects.all(),
        to_field_name="slug", widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    region = LenientModelMultipleChoiceField(
        label=_("Region"), required=False, queryset=Region.objects.all(), to_field_name="code",
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    country = LenientMultipleChoiceField(
        label=_("Country"), required=False, choices=lambda: list(countries),
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    within = LenientChoiceField(
        label=_("Deadline within"),
        required=False,
        choices=[("", _("Any time"))]
        + [(str(days), _("%(days)d days") % {"days": days}) for days in WITHIN_DAYS],
    )
    budget = forms.IntegerField(
        label=_("Grant of at least (EUR)"), required=False, min_value=0, max_value=10**12
    )
    sort = LenientChoiceField(label=_("Sort by"), required=False, choices=list(SORTS.items()))

    # Multi-valued filters in the order the page shows them.
    FILTERS = ["status", "level", "kind", "applicant", "ecosystem", "region", "country"]

    @property
    def values(self) -> dict:
        """The valid part of the input; an invalid field is left out."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return self.cleaned_data

    @property
    def query(self) -> str:
        return (self.values.get("q") or "").strip()

    @property
    def sort_key(self) -> str:
        sort = self.values.get("sort") or ("relevance" if self.query else self.DEFAULT_SORT)
        return "deadline" if sort == "relevance" and not self.query else sort

    def narrow(self, calls: QuerySet[Call], now: datetime | None = None) -> QuerySet[Call]:
        """``calls`` narrowed by the valid part of the form, unordered, unsearched.
        Each multi-valued filter matches any of its values (OR); different filters
        all apply (AND). A call open to any country or region matches every one."""
        now = now or timezone.now()
        data = self.values
        statuses = data.get("status") or self.DEFAULT_STATUSES
        condition = Q()
        for status in statuses:
            condition |= {
                Call.Status.FORTHCOMING: Q(opens_at__gt=now),
                Call.Status.OPEN: (Q(opens_at__isnull=True) | Q(opens_at__lte=now))
                & (Q(closes_at__isnull=True) | Q(closes_at__gte=now)),
                Call.Status.CLOSED: Q(closes_at__lt=now),
            }[status]
        calls = calls.filter(condition)
        if data.get("level"):
            calls = calls.filter(programme__level__in=data["level"])
        if data.get("kind"):
            calls = calls.filter(programme__kind__in=data["kind"])
        if data.get("country"):
            anywhere = Q(countries="")
            for code in data["country"]:
                anywhere |= Q(countries__contains=code)
            calls = calls.filter(anywhere)
        if data.get("region"):
            calls = calls.filter(
                Q(regions__isnull=True) | Q(pk__in=Call.objects.filter(regions__in=data["region"]))
            )
        for name, relation in (("applicant", "applicant_types"), ("ecosystem", "ecosystems")):
            if data.get(name):
                matching = Call.objects.filter(**{f"{relation}__in": data[name]})
                calls = calls.filter(pk__in=matching.values("pk"))
        if data.get("within"):
            days = int(data["within"])
            calls = calls.filter(
                deadlines__at__gte=now, deadlines__at__lte=now + timedelta(days=days)
            )
        if data.get("budget") is not None:
            calls = calls.filter(
                Q(grant_max__gte=data["budget"])
                | Q(grant_max__isnull=True, budget_total__gte=data["budget"])
            )
        return calls.distinct()

    def apply(self, calls: QuerySet[Call], now: datetime | None = None) -> QuerySet[Call]:
        """The finder's result: narrowed, searched for the words, in the order chosen."""
        now = now or timezone.now()
        calls = self.narrow(calls, now)
        sort = self.sort_key
        if self.query:
            ranked = search.search_calls(self.query)
            calls = calls.filter(pk__in=ranked)
            if sort == "relevance":
                position = {pk: index for index, pk in enumerate(ranked)}
                return search.in_order(calls.with_next_deadline(now), position)
        if sort == "newest":
            return calls.with_next_deadline(now).order_by("-created_at", "identifier")
        if sort == "budget":
            return calls.with_next_deadline(now).order_by(
                F("budget_total").desc(nulls_last=True), "identifier"
            )
        return calls.by_next_deadline(now)
