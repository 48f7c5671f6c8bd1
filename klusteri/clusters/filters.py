"""The directory's filters, shared by the page, the exports, the map and the API.

The whole state of a directory view lives in the query string, so a link to a
filtered, sorted page is shareable and the back button works.
"""

from django import forms
from django.db.models import Case, IntegerField, Q, QuerySet, When
from django.utils.translation import gettext_lazy as _

from klusteri.clusters.models import Cluster, Country, Ecosystem, NaceSection, ServiceArea, Tag
from klusteri.places.models import Region

# Broad searches are ranked and cut here: the directory shows the best matches,
# and the count says "at least" beyond it.
SEARCH_LIMIT = 1000


class ClusterFilter(forms.Form):
    SORTS = {
        "name": (_("Name"), ["name", "pk"]),
        "size": (_("Size, largest first"), ["-member_total", "pk"]),
        "newest": (_("Newest first"), ["-created_at", "-pk"]),
        "relevance": (_("Relevance"), None),
    }

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    country = forms.MultipleChoiceField(
        label=_("Country"), required=False, choices=Country.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    region = forms.ModelMultipleChoiceField(
        label=_("Region"), required=False, queryset=Region.objects.all(),
        to_field_name="code", widget=forms.CheckboxSelectMultiple,
    )
    ecosystem = forms.ModelMultipleChoiceField(
        label=_("EU industrial ecosystem"), required=False, queryset=Ecosystem.objects.all(),
        to_field_name="slug", widget=forms.CheckboxSelectMultiple,
    )
    nace = forms.ModelMultipleChoiceField(
        label=_("Industry (NACE section)"), required=False, queryset=NaceSection.objects.all(),
        to_field_name="code", widget=forms.CheckboxSelectMultiple,
    )
    tag = forms.ModelMultipleChoiceField(
        label=_("Technology or value chain"), required=False, queryset=Tag.objects.all(),
        to_field_name="slug", widget=forms.CheckboxSelectMultiple,
    )
    kind = forms.MultipleChoiceField(
        label=_("Kind of entity"), required=False, choices=Cluster.Kind.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    label = forms.MultipleChoiceField(
        label=_("Cluster excellence label"), required=False,
        choices=[c for c in Cluster.Label.choices if c[0]],
        widget=forms.CheckboxSelectMultiple,
    )
    size = forms.MultipleChoiceField(
        label=_("Number of members"), required=False, choices=Cluster.SizeBand.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    service = forms.ModelMultipleChoiceField(
        label=_("Services offered"), required=False, queryset=ServiceArea.objects.all(),
        to_field_name="slug", widget=forms.CheckboxSelectMultiple,
    )
    sort = forms.ChoiceField(
        label=_("Sort by"), required=False,
        choices=[(key, label) for key, (label, _order) in SORTS.items()],
    )

    SIZE_RANGES = {
        Cluster.SizeBand.SMALL: (0, 49),
        Cluster.SizeBand.MEDIUM: (50, 199),
        Cluster.SizeBand.LARGE: (200, None),
    }

    def filter(self, clusters: QuerySet[Cluster]) -> QuerySet[Cluster]:
        """``clusters`` narrowed and ordered by the valid part of the form.

        Each multi-valued filter matches any of its values (OR); different filters
        all apply (AND). Invalid values are dropped by the form, never an error.
        """
        data = self.cleaned_data if self.is_valid() else {}
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
        # Many-to-many filters use a subquery, so that rows never repeat.
        for field, relation in [("ecosystem", "ecosystems"), ("nace", "nace_sections"),
                                ("tag", "tags"), ("service", "services")]:
            if data.get(field):
                matching = Cluster.objects.filter(**{f"{relation}__in": data[field]})
                clusters = clusters.filter(pk__in=matching.values("pk"))
        return self._search_and_sort(clusters, data.get("q", "").strip(), data.get("sort") or "")

    def _size_condition(self, bands) -> Q:
        condition = Q()
        for band in bands:
            low, high = self.SIZE_RANGES[band]
            condition |= Q(member_total__gte=low) & (
                Q(member_total__lte=high) if high is not None else Q()
            )
        return condition

    def _search_and_sort(self, clusters: QuerySet[Cluster], query: str, sort: str):
        if query:
            from klusteri.search import search

            ranked = search("cluster", query, limit=SEARCH_LIMIT)
            clusters = clusters.filter(pk__in=ranked)
            if sort in ("", "relevance"):
                rank = Case(
                    *(When(pk=pk, then=position) for position, pk in enumerate(ranked)),
                    output_field=IntegerField(),
                )
                return clusters.order_by(rank, "pk")
        order = self.SORTS.get(sort if sort != "relevance" else "name", self.SORTS["name"])[1]
        return clusters.order_by(*order)

    @property
    def active_filters(self) -> int:
        """How many filters narrow the list (for the "clear filters" link)."""
        if not self.is_valid():
            return 0
        return sum(1 for name, value in self.cleaned_data.items()
                   if name not in ("sort",) and value)
