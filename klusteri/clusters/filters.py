"""The directory's filters, shared by the page, the exports, the map and the API.

The whole state of a directory view lives in the query string, so a link to a
filtered, sorted page is shareable and the back button works. A link may be old or
edited by hand: values that mean nothing (an unknown region, ``sort=evil``) are
dropped one by one, never an error, and the rest of the link still applies.
"""

import hashlib
from dataclasses import dataclass, field
from uuid import uuid4

from django import forms
from django.core.cache import cache
from django.db.models import Count, Q, QuerySet
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import get_language, resolution_order

from klusteri.clusters import ranking
from klusteri.clusters.models import (
    Cluster,
    Country,
    Ecosystem,
    NaceSection,
    ServiceArea,
    Tag,
)
from klusteri.places.models import Region

# Values per filter beyond this are ignored: no real choice needs more, and a
# hand-made link with thousands would only make a long query.
MAX_VALUES = 100
# The tag filter shows this many of the most used tags; the rest sit behind "more".
TOP_TAGS = 15
# The filters' options are cached this long (seconds), and anew after any change of
# a taxonomy; the order of the tags follows their use within this time.
FILTER_CHOICES_TIMEOUT = 300
TAXONOMY_VERSION_KEY = "clusters:taxonomy-version"


def _as_list(value) -> list[str]:
    if value in (None, ""):
        return []
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list | tuple):
        return []
    # Unique, in order; a NUL character cannot go into a PostgreSQL query.
    return [v for v in dict.fromkeys(str(v) for v in value) if "\x00" not in v][:MAX_VALUES]


class LenientMultipleChoiceField(forms.MultipleChoiceField):
    """Keeps the valid values and silently drops the rest."""

    def clean(self, value) -> list[str]:
        return [v for v in _as_list(value) if self.valid_value(v)]


class LenientModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Keeps the objects that exist and silently drops the rest; one query."""

    def clean(self, value) -> list:
        values = _as_list(value)
        if not values:
            return []
        return list(self.queryset.filter(**{f"{self.to_field_name}__in": values}))


class LenientChoiceField(forms.ChoiceField):
    def clean(self, value) -> str:
        value = "" if value is None else str(value)
        return value if self.valid_value(value) else ""


@dataclass
class Option:
    field: str
    value: str
    label: str
    checked: bool

    @property
    def id(self) -> str:
        return f"filter-{self.field}-{self.value}"  # codes and slugs: safe in an id


def _named(queryset: QuerySet, key: str, *extra: str) -> list[tuple]:
    """``(key, name, *extra)`` rows, the name in the current language with the site's
    fallback: plain rows, as model instances cost more than the query for long lists."""
    languages = resolution_order(get_language())
    names = [f"name_{language}" for language in languages]
    rows = queryset.values_list(key, *extra, *names)
    width = 1 + len(extra)
    return [
        (row[0], next((name for name in row[width:] if name), ""), *row[1:width]) for row in rows
    ]


@dataclass
class FilterGroup:
    """One filter as the page shows it: a fieldset of checkboxes, the long tail
    of its options (``more``) folded away."""

    name: str
    legend: str
    options: list[Option]
    more: list[Option] = field(default_factory=list)

    @property
    def selected(self) -> int:
        return sum(option.checked for option in self.options + self.more)

    @property
    def more_selected(self) -> bool:
        return any(option.checked for option in self.more)


def taxonomy_version() -> str:
    """Part of the key of everything cached from the taxonomies; a change of any of
    them makes a new one (``forget_taxonomies``)."""
    return cache.get_or_set(TAXONOMY_VERSION_KEY, uuid4().hex, timeout=None)


@receiver([post_save, post_delete], sender=Region)
@receiver([post_save, post_delete], sender=Ecosystem)
@receiver([post_save, post_delete], sender=NaceSection)
@receiver([post_save, post_delete], sender=ServiceArea)
@receiver([post_save, post_delete], sender=Tag)
def forget_taxonomies(**kwargs) -> None:
    cache.set(TAXONOMY_VERSION_KEY, uuid4().hex, timeout=None)


def filter_choices() -> dict[str, tuple[list[tuple[str, str]], list[tuple[str, str]]]]:
    """For each filter, ``(options, more)``: ``(value, label)`` pairs in the current
    language, ``more`` the long tail folded away (only the tags have one).

    Cached per language: the taxonomies rarely change, and a change makes a new
    ``taxonomy_version()``. How often each tag is used only orders the tags, so it
    may be a few minutes old."""
    key = f"clusters:filter-choices:{get_language()}:{taxonomy_version()}"
    choices = cache.get(key)
    if choices is None:
        choices = _filter_choices()
        cache.set(key, choices, timeout=FILTER_CHOICES_TIMEOUT)
    return choices


def _filter_choices() -> dict[str, tuple[list[tuple[str, str]], list[tuple[str, str]]]]:
    def plain(pairs) -> tuple[list[tuple[str, str]], list]:
        return [(str(value), str(label)) for value, label in pairs], []

    return {
        "country": plain(Country.choices),
        "kind": plain(Cluster.Kind.choices),
        "size": plain(Cluster.SizeBand.choices),
        "label": plain(c for c in Cluster.Label.choices if c[0]),
        "region": plain(_named(Region.objects.all(), "code")),
        "ecosystem": plain(_named(Ecosystem.objects.all(), "slug")),
        "nace": plain(
            (code, f"{code} {name}") for code, name in _named(NaceSection.objects.all(), "code")
        ),
        "tag": _tag_choices(),
        "service": plain(_named(ServiceArea.objects.all(), "slug")),
    }


def _tag_choices() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The most used tags first, the rest by name behind "more".

    Uses are counted on the link table alone, drafts included: leaving drafts out
    means joining the clusters, ten times slower at 10,000 clusters, and only
    the order of the tags depends on it."""
    links = Cluster.tags.through.objects.order_by()
    uses = dict(links.values_list("tag_id").annotate(n=Count("*")))
    tags = sorted(_named(Tag.objects.all(), "slug", "pk"), key=lambda t: (-uses.get(t[2], 0), t[0]))
    top, rest = tags[:TOP_TAGS], sorted(tags[TOP_TAGS:], key=lambda t: t[1].casefold())
    return [(slug, name) for slug, name, _pk in top], [(slug, name) for slug, name, _pk in rest]


class QueryStringFilter(forms.Form):
    """A list's filters read from its query string, as the directory and the funding
    finder have them: values that mean nothing are dropped one by one, never an error.
    ``FILTERS`` names the multi-valued filters in the order the page shows them."""

    FILTERS: list[str] = []

    @property
    def values(self) -> dict:
        """The valid part of the input: a field whose value is invalid (``q`` too
        long, say) is left out, the others still apply."""
        if not self.is_bound:
            return {}
        self.is_valid()  # cleans once; the result is cached
        return self.cleaned_data

    @property
    def query(self) -> str:
        return (self.values.get("q") or "").strip()

    def _raw(self, name: str) -> set[str]:
        if not self.is_bound:
            return set()
        if hasattr(self.data, "getlist"):
            return set(_as_list(self.data.getlist(name)))
        return set(_as_list(self.data.get(name)))

    def groups_version(self) -> str:
        """What the options of the groups are read from: the directory's taxonomies."""
        return taxonomy_version()

    @property
    def groups_key(self) -> str:
        """What the rendered filter groups depend on: the language, the options and
        the ticked values (the page caches the groups under it)."""
        ticked = sorted(f"{name}={value}" for name in self.FILTERS for value in self._raw(name))
        digest = hashlib.sha256("&".join(ticked).encode()).hexdigest()
        return f"{get_language()}:{self.groups_version()}:{digest}"


class ClusterFilter(QueryStringFilter):
    # key: label. What each order is, is said in ranking.py.
    SORTS = ranking.SORTS
    DEFAULT_SORT = "relevance"

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    country = LenientMultipleChoiceField(
        label=_("Country"),
        required=False,
        choices=Country.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    region = LenientModelMultipleChoiceField(
        label=_("Region"),
        required=False,
        queryset=Region.objects.all(),
        to_field_name="code",
        widget=forms.CheckboxSelectMultiple,
    )
    kind = LenientMultipleChoiceField(
        label=_("Kind of entity"),
        required=False,
        choices=Cluster.Kind.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    ecosystem = LenientModelMultipleChoiceField(
        label=_("EU industrial ecosystem"),
        required=False,
        queryset=Ecosystem.objects.all(),
        to_field_name="slug",
        widget=forms.CheckboxSelectMultiple,
    )
    nace = LenientModelMultipleChoiceField(
        label=_("Industry (NACE section)"),
        required=False,
        queryset=NaceSection.objects.all(),
        to_field_name="code",
        widget=forms.CheckboxSelectMultiple,
    )
    tag = LenientModelMultipleChoiceField(
        label=_("Technology or value chain"),
        required=False,
        queryset=Tag.objects.all(),
        to_field_name="slug",
        widget=forms.CheckboxSelectMultiple,
    )
    service = LenientModelMultipleChoiceField(
        label=_("Services offered"),
        required=False,
        queryset=ServiceArea.objects.all(),
        to_field_name="slug",
        widget=forms.CheckboxSelectMultiple,
    )
    size = LenientMultipleChoiceField(
        label=_("Number of members"),
        required=False,
        choices=Cluster.SizeBand.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    label = LenientMultipleChoiceField(
        label=_("Cluster excellence label"),
        required=False,
        choices=[c for c in Cluster.Label.choices if c[0]],
        widget=forms.CheckboxSelectMultiple,
    )
    sort = LenientChoiceField(
        label=_("Sort by"),
        required=False,
        choices=list(ranking.SORTS.items()),
    )

    SIZE_RANGES = {
        Cluster.SizeBand.SMALL: (0, 49),
        Cluster.SizeBand.MEDIUM: (50, 199),
        Cluster.SizeBand.LARGE: (200, None),
    }
    # Multi-valued filters in the order the page shows them.
    FILTERS = ["country", "region", "kind", "ecosystem", "nace", "tag", "service", "size", "label"]
    # Many-to-many filters: form field → relation on Cluster.
    RELATIONS = {
        "ecosystem": "ecosystems",
        "nace": "nace_sections",
        "tag": "tags",
        "service": "services",
    }

    # Whether the search matched more clusters than are ranked, once ``rank`` has run.
    search_truncated = False

    @property
    def sort_key(self) -> str:
        """The order actually applied."""
        return ranking.applied_sort(self.values.get("sort") or self.DEFAULT_SORT, self.query)

    def rank(self, clusters: QuerySet[Cluster], *, prefetch=()) -> ranking.RankedClusters:
        """``clusters`` narrowed by the filters, searched for the words and in the
        order chosen: the directory's result, for its page and the API's list alike
        (``ranking.RankedClusters``). ``prefetch`` names what each page fetches along."""
        ranked = ranking.RankedClusters(
            self.narrow(clusters), query=self.query, sort=self.sort_key, prefetch=prefetch
        )
        self.search_truncated = ranked.truncated
        return ranked

    def filter(self, clusters: QuerySet[Cluster]) -> QuerySet[Cluster]:
        """The same as ``rank``, as one QuerySet (for the exports and the map)."""
        return self.rank(clusters).queryset

    def narrow(self, clusters: QuerySet[Cluster]) -> QuerySet[Cluster]:
        """``clusters`` narrowed by the valid part of the form, unordered, unsearched.

        Each multi-valued filter matches any of its values (OR); different filters
        all apply (AND).
        """
        data = self.values
        if data.get("country"):
            clusters = clusters.filter(country__in=data["country"])
        if data.get("region"):
            clusters = clusters.filter(region__in=data["region"])
        if data.get("kind"):
            clusters = clusters.filter(kind__in=data["kind"])
        if data.get("label"):
            clusters = clusters.filter(label__in=data["label"])
        if data.get("size"):
            clusters = clusters.filter(self._size_condition(data["size"]))
        # Many-to-many filters use a subquery, so that rows never repeat when a
        # cluster has several of the chosen values.
        for name, relation in self.RELATIONS.items():
            if data.get(name):
                matching = Cluster.objects.filter(**{f"{relation}__in": data[name]})
                clusters = clusters.filter(pk__in=matching.values("pk"))
        return clusters

    def _size_condition(self, bands) -> Q:
        condition = Q()
        for band in bands:
            low, high = self.SIZE_RANGES[band]
            condition |= Q(member_total__gte=low) & (
                Q(member_total__lte=high) if high is not None else Q()
            )
        return condition

    # What the page shows ------------------------------------------------------------

    def groups(self) -> list[FilterGroup]:
        """Every multi-valued filter with its options, ticked as in the request.

        The options come from ``filter_choices()``: from the cache, or in one query
        per filter that lists database rows (two for the tags)."""
        choices = filter_choices()
        groups = []
        for name in self.FILTERS:
            selected = self._raw(name)
            legend = str(self.fields[name].label)
            options, more = choices[name]
            groups.append(
                FilterGroup(
                    name,
                    legend,
                    [Option(name, value, label, value in selected) for value, label in options],
                    [Option(name, value, label, value in selected) for value, label in more],
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
                if isinstance(field_, forms.ModelMultipleChoiceField):
                    active.append((name, getattr(value, field_.to_field_name), str(value)))
                else:
                    active.append((name, value, str(dict(field_.choices)[value])))
        return active
