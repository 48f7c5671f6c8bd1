"""The funding finder's filters, shared by the finder, the saved searches and their
digests, the iCal feeds and the API.

As in the directory, the whole state of a search lives in the query string, and
values that mean nothing are dropped one by one, never an error.
"""

from datetime import datetime, timedelta

from django import forms
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from klusteri.clusters.filters import (
    FilterGroup,
    LenientChoiceField,
    LenientModelMultipleChoiceField,
    LenientMultipleChoiceField,
    Option,
    QueryStringFilter,
    filter_choices,
    taxonomy_version,
)
from klusteri.clusters.models import Country, Ecosystem
from klusteri.core import pagecache
from klusteri.core.templatetags.klusteri import euros
from klusteri.funding import search
from klusteri.funding.models import ApplicantType, Call, Deadline, FundingKind, Level
from klusteri.places.models import Region


def _options(name: str, pairs: list[tuple[str, str]], chosen: set[str]) -> list[Option]:
    return [Option(name, value, label, value in chosen) for value, label in pairs]


# "Deadline within": days.
WITHIN_DAYS = (7, 14, 30, 60, 90)


class CallFilter(QueryStringFilter):
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
        # A callable, read in the language of each request: "%" would fix a lazy
        # string in whatever language was active when this module was imported.
        choices=lambda: (
            [("", _("Any time"))]
            + [(str(days), _("%(days)d days") % {"days": days}) for days in WITHIN_DAYS]
        ),
    )
    budget = forms.IntegerField(
        label=_("Grant of at least (EUR)"), required=False, min_value=0, max_value=10**12
    )
    sort = LenientChoiceField(label=_("Sort by"), required=False, choices=list(SORTS.items()))

    # Multi-valued filters in the order the page shows them.
    FILTERS = ["status", "level", "kind", "applicant", "ecosystem", "region", "country"]

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
        # The relations are asked through subqueries on their link tables, never
        # joined: a join repeats a call once per matching row, and the DISTINCT that
        # would undo it sorts every wide row of the result (slow at thousands). An
        # ecosystem or a region names a few hundred calls: the database reads those
        # by their list (IN). An applicant type is broad (a third of the calls admit
        # cluster organisations): reading its thousands of calls one by one costs
        # more than walking the calls by the finder's index and asking the link
        # table's index of each (EXISTS).
        if data.get("region"):
            links = Call.regions.through.objects
            calls = calls.filter(
                ~Q(pk__in=links.values("call_id"))
                | Q(pk__in=links.filter(region__in=data["region"]).values("call_id"))
            )
        if data.get("ecosystem"):
            links = Call.ecosystems.through.objects.filter(ecosystem__in=data["ecosystem"])
            calls = calls.filter(pk__in=links.values("call_id"))
        if data.get("applicant"):
            links = Call.applicant_types.through.objects.filter(
                call=OuterRef("pk"), applicanttype__in=data["applicant"]
            )
            calls = calls.filter(Exists(links))
        if data.get("within"):
            days = int(data["within"])
            upcoming = Deadline.objects.filter(at__gte=now, at__lte=now + timedelta(days=days))
            calls = calls.filter(pk__in=upcoming.values("call_id"))
        if data.get("budget") is not None:
            calls = calls.filter(
                Q(grant_max__gte=data["budget"])
                | Q(grant_max__isnull=True, budget_total__gte=data["budget"])
            )
        return calls

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

    # What the page shows ------------------------------------------------------------

    def groups_version(self) -> str:
        """The directory's taxonomies and the applicant types."""
        return f"{taxonomy_version()}:{pagecache.current_version('funding-options')}"

    def groups(self) -> list[FilterGroup]:
        """Every multi-valued filter with its options, ticked as in the request: the
        regions and ecosystems from the directory's cached choices, the applicant
        types in one query, the Nordic countries first and the rest of the world
        folded away."""
        shared = filter_choices()
        nordic = [(code, str(name)) for code, name in Country.choices]
        options = {
            "status": [(value, str(label)) for value, label in Call.Status.choices],
            "level": [(value, str(label)) for value, label in Level.choices],
            "kind": [(value, str(label)) for value, label in FundingKind.choices],
            "applicant": [(kind.slug, str(kind)) for kind in ApplicantType.objects.all()],
            "ecosystem": shared["ecosystem"][0],
            "region": shared["region"][0],
            "country": nordic,
        }
        more = {
            "country": [(code, str(name)) for code, name in countries if code not in dict(nordic)],
        }
        groups = []
        for name in self.FILTERS:
            chosen = self._raw(name)
            if name == "status":  # without a choice, the statuses the list shows
                chosen = set(self.values.get("status") or self.DEFAULT_STATUSES)
            legend = str(self.fields[name].label)
            groups.append(
                FilterGroup(
                    name,
                    legend,
                    _options(name, options[name], chosen),
                    _options(name, more.get(name, []), chosen),
                )
            )
        return groups

    def active_choices(self) -> list[tuple[str, str, str]]:
        """``(field, value, label)`` for every valid value that narrows the list: the
        words, the multi-valued filters, the deadline and the budget."""
        data = self.values
        active = []
        if self.query:
            active.append(("q", data["q"], self.query))
        for name in self.FILTERS:
            field_ = self.fields[name]
            if name == "status" and set(data.get(name) or []) == set(self.DEFAULT_STATUSES):
                continue  # what the list shows unasked narrows nothing
            for value in data.get(name) or []:
                if isinstance(field_, forms.ModelMultipleChoiceField):
                    active.append((name, getattr(value, field_.to_field_name), str(value)))
                else:
                    active.append((name, value, str(dict(field_.choices)[value])))
        if data.get("within"):
            within = dict(self.fields["within"].choices)[data["within"]]
            active.append(("within", data["within"], str(within)))
        if data.get("budget") is not None:
            active.append(("budget", str(data["budget"]), euros(data["budget"])))
        return active
