"""Matching funding calls to clusters: the calls a cluster fits (its matches page),
and the clusters a call fits (the call page).

A match is a published call that is not closed and that the cluster may take part
in: the hard rules of eligibility (``CallQuerySet.open_to``) are filters, never
scores, so no number of points makes an ineligible call a match. What remains is
scored by the named rules of ``RULES``, each hit worth its weight, and a call that
scores nothing is no match.

The database does the work: every rule is an annotation (``Exists``, a counting
subquery, a ``Case``) of the candidates' rows, and the score orders them, so only
the best ``limit`` rows come back, in a fixed number of queries however many calls
and clusters there are. The candidates are bounded too (``CANDIDATES``). Python
then counts each rule's hits again for those few rows, to word the reasons.

One rule reads what is private to the cluster's managers and platform staff, its
funding sources: ``matches_for(..., include_private=False)`` and ``clusters_for``
(the public call page) leave it out, so their scores reveal nothing of them.
"""

import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime
from functools import lru_cache

from django.db import connection
from django.db.models import (
    Case,
    Count,
    Exists,
    Expression,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Least
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from klusteri.clusters.models import Cluster, Ecosystem, Tag
from klusteri.funding.models import ApplicantType, Call, FundingKind, FundingSource
from klusteri.search.text import forms

MATCHES_SHOWN = 10  # a cluster's matches page: the best ones
# The bound on the cost of matching: at most this many eligible calls are scored
# for a cluster, and this many clusters for a call (for each of the two signals
# that find them, see ``clusters_for``). As in ``search.services.CANDIDATES``, a
# question with more candidates than this is answered from the first of them, so
# that 5,000 calls or 10,000 clusters cost no more than a few hundred: for a
# cluster, the calls that close first (and those open until further notice).
CANDIDATES = 300
CLUSTER_CANDIDATES = 100
CLUSTERS_SHOWN = 10  # the call page's "clusters that match"

# The kinds of a cluster's own funding that each kind of programme provides: a
# cluster with no current source of that kind lacks what such a call offers.
PROVIDES = {
    FundingKind.OPERATING: FundingSource.Kind.BASE,
    FundingKind.LONG_TERM: FundingSource.Kind.BASE,
    FundingKind.PROJECT: FundingSource.Kind.PROJECT,
    FundingKind.CONTINUATION: FundingSource.Kind.PROJECT,
}
GAPS = {
    FundingSource.Kind.BASE: _(
        "Fills a gap: the cluster has no base or operating funding at present."
    ),
    FundingSource.Kind.PROJECT: _("Fills a gap: the cluster has no project funding at present."),
}

# A profile keyword shorter than this must equal a call's keyword: "ai" would
# otherwise be found inside "sustainable". Longer ones are found inside a call's
# keywords, so that "vety" finds "vetytalous" (Finnish compounds).
MIN_PART_LENGTH = 4


# What the rules read ---------------------------------------------------------------


@dataclass(frozen=True)
class Keyword:
    """A tag of a cluster's profile and the forms in which a call's keywords may name
    it: its names in every language, lowercased, and their stems."""

    tag: Tag
    patterns: tuple[str, ...]

    @classmethod
    def of(cls, tag: Tag) -> "Keyword":
        return cls(tag, patterns_of(names_of(tag)))

    def found_in(self, keywords: list[str]) -> bool:
        return found_in(self.patterns, keywords)

    def in_call(self) -> Expression:
        """1 for a call whose keywords name this tag, else 0: the test of
        ``found_in``, as a search in the keywords' JSON text."""
        texts = [f'"{p}"' if len(p) < MIN_PART_LENGTH else p for p in self.patterns]
        if not texts:
            return Value(0)  # a tag without a name names nothing
        if connection.vendor == "sqlite":
            # SQLite folds the case of ASCII letters only, and its JSON text has the
            # others escaped: a keyword may begin with a capital Ä, Ö or Å.
            texts += [text[0].upper() + text[1:] for text in texts if not text[0].isascii()]
        return ContainsAny("keywords", [json_text(text) for text in texts])


class ContainsAny(Expression):
    """1 when the column ``name`` contains any of ``texts``, case-insensitively (the
    database's own ``icontains``, one for each text), else 0.

    The same as ``Case(When(Q(name__icontains=a) | Q(name__icontains=b) ...))``,
    but Django resolves the column once instead of once per text: for a profile's
    few dozen texts that saves more time than the database spends on them."""

    output_field = IntegerField()

    def __init__(self, name: str, texts: list[str]):
        super().__init__()
        self.name, self.texts, self.column = name, texts, None

    def resolve_expression(
        self, query=None, allow_joins=True, reuse=None, summarize=False, for_save=False
    ):
        resolved = self.copy()
        resolved.column = F(self.name).resolve_expression(query, allow_joins, reuse, summarize)
        return resolved

    def get_source_expressions(self):
        return [self.column] if self.column is not None else []

    def set_source_expressions(self, expressions):
        if expressions:
            (self.column,) = expressions

    def as_sql(self, compiler, connection):
        icontains = self.column.output_field.get_lookup("icontains")
        tests, params = [], []
        for text in self.texts:
            sql, text_params = compiler.compile(icontains(self.column, text))
            tests.append(sql)
            params.extend(text_params)
        return f"CASE WHEN ({' OR '.join(tests)}) THEN 1 ELSE 0 END", params


def found_in(patterns: tuple[str, ...], keywords: list[str]) -> bool:
    """Whether a call's ``keywords`` name a tag of ``patterns`` (``patterns_of``):
    the test of ``Keyword.in_call``, in Python."""
    words, text = words_of(tuple(keywords))
    return any(
        (pattern in words) if len(pattern) < MIN_PART_LENGTH else (pattern in text)
        for pattern in patterns
    )


@lru_cache(maxsize=1_000)
def words_of(keywords: tuple[str, ...]) -> tuple[frozenset[str], str]:
    """A call's keywords as ``found_in`` reads them, lowercased: each, and all in one
    text. The same call's are read once for every tag that is tested."""
    words = [str(keyword).strip().lower() for keyword in keywords]
    return frozenset(words), "\n".join(words)  # no pattern spans two: none has a newline


@lru_cache(maxsize=10_000)
def patterns_of(names: tuple[str, ...]) -> tuple[str, ...]:
    """The forms of a tag's names to look for in a call's keywords. Tags are few
    and rarely renamed: the cache spares stemming them on every request."""
    lowered = {(name or "").strip().lower() for name in names} - {""}
    patterns = {form for name in lowered for form in forms(name)}
    short = {p for p in patterns if len(p) < MIN_PART_LENGTH}
    # A pattern inside another finds everything the longer one does.
    long = sorted(patterns - short)
    kept = [p for p in long if not any(other in p for other in long if other != p)]
    return tuple(sorted(short)) + tuple(kept)


def json_text(text: str) -> str:
    """``text`` as it appears in a JSON column. SQLite keeps JSON as Django writes it,
    with every letter beyond ASCII escaped ("ä" is "\\u00e4"); PostgreSQL's jsonb
    gives its text back unescaped."""
    if connection.vendor == "sqlite":
        return json.dumps(text)[1:-1]
    return text


@dataclass(frozen=True)
class Profile:
    """What the rules read of one cluster (``profile_of``)."""

    cluster: Cluster
    ecosystems: dict[int, Ecosystem]
    keywords: list[Keyword]
    # The kinds of funding source it has none of today; None: not to be read.
    lacking: frozenset[str] | None


def profile_of(cluster: Cluster, *, include_private: bool, today: date) -> Profile:
    lacking = None
    if include_private:
        current = (
            FundingSource.objects.of(cluster)
            .filter(starts_on__lte=today)
            .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
            .values_list("kind", flat=True)
        )
        lacking = frozenset(set(PROVIDES.values()) - set(current))
    return Profile(
        cluster=cluster,
        ecosystems={e.pk: e for e in cluster.ecosystems.all()},
        keywords=[Keyword.of(tag) for tag in cluster.tags.all()],
        lacking=lacking,
    )


@dataclass(frozen=True)
class CallFacts:
    """What the rules read of one call besides its own columns (``facts_of_calls``)."""

    call: Call
    admits_clusters: bool
    region_ids: frozenset[int]
    ecosystem_ids: frozenset[int]
    tag_ids: frozenset[int] = frozenset()  # the tags its keywords name (``tags_named_by``)


def facts_of_calls(calls: list[Call]) -> list[CallFacts]:
    """The facts of ``calls`` in three small queries of their link tables: cheaper
    than prefetching the records, which the rules do not need (an ecosystem's
    name comes from the cluster's, which are loaded). Calls that have them
    prefetched (the call page shows them) are read without a query."""
    if all(getattr(call, "_prefetched_objects_cache", {}).keys() >= PREFETCHED for call in calls):
        return [facts_of_prefetched(call) for call in calls]  # the call page's own
    pks = [call.pk for call in calls]
    admitting = set(
        Call.applicant_types.through.objects.filter(
            call__in=pks, applicanttype__slug=ApplicantType.CLUSTER_ORGANISATION
        ).values_list("call_id", flat=True)
    )
    regions, ecosystems = defaultdict(set), defaultdict(set)
    for call_id, region_id in Call.regions.through.objects.filter(call__in=pks).values_list(
        "call_id", "region_id"
    ):
        regions[call_id].add(region_id)
    for call_id, ecosystem_id in Call.ecosystems.through.objects.filter(call__in=pks).values_list(
        "call_id", "ecosystem_id"
    ):
        ecosystems[call_id].add(ecosystem_id)
    return [
        CallFacts(
            call=call,
            admits_clusters=call.pk in admitting,
            region_ids=frozenset(regions[call.pk]),
            ecosystem_ids=frozenset(ecosystems[call.pk]),
        )
        for call in calls
    ]


PREFETCHED = {"applicant_types", "regions", "ecosystems"}


def facts_of_prefetched(call: Call) -> CallFacts:
    return CallFacts(
        call=call,
        admits_clusters=any(
            kind.slug == ApplicantType.CLUSTER_ORGANISATION for kind in call.applicant_types.all()
        ),
        region_ids=frozenset(region.pk for region in call.regions.all()),
        ecosystem_ids=frozenset(ecosystem.pk for ecosystem in call.ecosystems.all()),
    )


def tags_named_by(keywords: list[str]) -> list[Tag]:
    """The tags a call's keywords name, in the taxonomy's order. The tags are a
    taxonomy of some dozens: cheaper to test each than to ask the database which
    ones a few keywords name."""
    if not keywords:
        return []
    # Their names alone, and a record only for the few named: the reasons name them.
    names = Tag.objects.values_list("pk", *TAG_NAMES)
    return [
        Tag(pk=pk, **dict(zip(TAG_NAMES, row, strict=True)))
        for pk, *row in names
        if found_in(patterns_of(tuple(row)), keywords)
    ]


TAG_NAMES = ("name_fi", "name_sv", "name_en")


def names_of(tag: Tag) -> tuple[str, ...]:
    return tuple(getattr(tag, name) or "" for name in TAG_NAMES)


# The rules ---------------------------------------------------------------------------
#
# Each rule counts its hits three ways: ``of_calls``, an expression for each call
# given a cluster's profile (the matches page ranks by it); ``of_clusters``, one for
# each cluster given a call's facts (the call page; None: the rule is private and
# never applies there); and ``hits``, the same count in Python for one call and one
# profile, for the few rows the database returned. ``reason`` words a hit.


def number_of(rows: QuerySet, key: str) -> Expression:
    """How many of ``rows`` (filtered to the outer row by ``key``) there are."""
    counted = rows.order_by().values(key).annotate(n=Count("*")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def one_if(condition) -> Expression:
    return Case(When(condition, then=Value(1)), default=Value(0))


def admits_of_calls(profile: Profile) -> Expression:
    admits = Call.applicant_types.through.objects.filter(
        call=OuterRef("pk"), applicanttype__slug=ApplicantType.CLUSTER_ORGANISATION
    )
    return one_if(Exists(admits))


def admits_of_clusters(facts: CallFacts) -> Expression:
    return Value(int(facts.admits_clusters))


def admits(facts: CallFacts, profile: Profile) -> int:
    return int(facts.admits_clusters)


def admits_reason(facts: CallFacts, profile: Profile, hits: int) -> str:
    return gettext("Cluster organisations may apply.")


# The place: 2 hits when the call is for the cluster's region alone, 1 when for a
# few countries, the cluster's among them. Eligibility has made sure it is among them.
IN_REGION, IN_COUNTRY = 2, 1


def place_of_calls(profile: Profile) -> Expression:
    cases = []
    if profile.cluster.region_id:
        in_region = Call.regions.through.objects.filter(
            call=OuterRef("pk"), region=profile.cluster.region_id
        )
        cases.append(When(Exists(in_region), then=Value(IN_REGION)))
    cases.append(When(~Q(countries=""), then=Value(IN_COUNTRY)))
    return Case(*cases, default=Value(0))


def place_of_clusters(facts: CallFacts) -> Expression:
    if facts.region_ids:
        return Value(IN_REGION)
    return Value(IN_COUNTRY if facts.call.countries else 0)


def place(facts: CallFacts, profile: Profile) -> int:
    if profile.cluster.region_id in facts.region_ids:
        return IN_REGION
    return IN_COUNTRY if facts.call.countries else 0


def place_reason(facts: CallFacts, profile: Profile, hits: int) -> str:
    if hits == IN_REGION:
        return gettext("Only for applicants in %(region)s, where the cluster is.") % {
            "region": profile.cluster.region.name
        }
    names = ", ".join(str(country.name) for country in facts.call.countries)
    return gettext("Only for applicants from %(countries)s: fewer compete.") % {"countries": names}


def ecosystems_of_calls(profile: Profile) -> Expression:
    if not profile.ecosystems:
        return Value(0)
    shared = Call.ecosystems.through.objects.filter(
        call=OuterRef("pk"), ecosystem__in=list(profile.ecosystems)
    )
    return number_of(shared, "call")


def ecosystems_of_clusters(facts: CallFacts) -> Expression:
    if not facts.ecosystem_ids:
        return Value(0)
    shared = Cluster.ecosystems.through.objects.filter(
        cluster=OuterRef("pk"), ecosystem__in=list(facts.ecosystem_ids)
    )
    return number_of(shared, "cluster")


def shared_ecosystems(facts: CallFacts, profile: Profile) -> list[Ecosystem]:
    return [e for pk, e in profile.ecosystems.items() if pk in facts.ecosystem_ids]


def ecosystems(facts: CallFacts, profile: Profile) -> int:
    return len(shared_ecosystems(facts, profile))


def ecosystems_reason(facts: CallFacts, profile: Profile, hits: int) -> str:
    names = [str(ecosystem) for ecosystem in shared_ecosystems(facts, profile)]
    return ngettext(
        "Shares the EU industrial ecosystem %(names)s.",
        "Shares the EU industrial ecosystems %(names)s.",
        len(names),
    ) % {"names": ", ".join(names)}


def keywords_of_calls(profile: Profile) -> Expression:
    total = Value(0)
    for keyword in profile.keywords:
        total = total + keyword.in_call()
    return total


def keywords_of_clusters(facts: CallFacts) -> Expression:
    if not facts.tag_ids:
        return Value(0)
    named = Cluster.tags.through.objects.filter(cluster=OuterRef("pk"), tag__in=list(facts.tag_ids))
    return number_of(named, "cluster")


def named_keywords(facts: CallFacts, profile: Profile) -> list[Tag]:
    keywords = facts.call.keywords
    return [keyword.tag for keyword in profile.keywords if keyword.found_in(keywords)]


def keywords(facts: CallFacts, profile: Profile) -> int:
    return len(named_keywords(facts, profile))


def keywords_reason(facts: CallFacts, profile: Profile, hits: int) -> str:
    names = [str(tag) for tag in named_keywords(facts, profile)]
    return ngettext(
        "The call names a keyword of the profile: %(names)s.",
        "The call names keywords of the profile: %(names)s.",
        len(names),
    ) % {"names": ", ".join(names)}


def lacking_of_calls(profile: Profile) -> Expression:
    kinds = [kind for kind, source in PROVIDES.items() if source in profile.lacking]
    if not kinds:
        return Value(0)
    return one_if(Q(programme__kind__in=kinds))


def lacking(facts: CallFacts, profile: Profile) -> int:
    kind = facts.call.programme.kind
    return int(bool(profile.lacking) and PROVIDES.get(kind) in profile.lacking)


def lacking_reason(facts: CallFacts, profile: Profile, hits: int) -> str:
    return str(GAPS[PROVIDES[facts.call.programme.kind]])


@dataclass(frozen=True)
class Rule:
    name: str
    label: str
    weight: int  # points per hit
    most: int  # hits counted at most
    of_calls: Callable[[Profile], Expression]
    of_clusters: Callable[[CallFacts], Expression] | None  # None: private
    hits: Callable[[CallFacts, Profile], int]
    reason: Callable[[CallFacts, Profile, int], str]

    @property
    def is_private(self) -> bool:
        return self.of_clusters is None

    def points(self, hits: int) -> int:
        return self.weight * min(hits, self.most)


# fmt: off
RULES = (
    #    name               label                                 weight  most
    #        SQL, each call      SQL, each cluster       Python          reason
    Rule("applicant-type",  _("Eligible applicant type"),          3,    1,
             admits_of_calls,     admits_of_clusters,     admits,         admits_reason),
    Rule("place",           _("Region or country"),                2,    2,
             place_of_calls,      place_of_clusters,      place,          place_reason),
    Rule("ecosystems",      _("Shared EU industrial ecosystems"),  2,    3,
             ecosystems_of_calls, ecosystems_of_clusters, ecosystems,     ecosystems_reason),
    Rule("keywords",        _("Keywords of the profile"),          2,    3,
             keywords_of_calls,   keywords_of_clusters,   keywords,       keywords_reason),
    # Private: reads the cluster's funding sources, so never on the call page.
    Rule("lacking-funding", _("Funding the cluster lacks"),        3,    1,
             lacking_of_calls,    None,                   lacking,        lacking_reason),
)
# fmt: on
# The rules every eligible cluster meets alike for one call: on the call page they
# rank no cluster above another, so a cluster must also score on the others.
SAME_FOR_EVERY_CLUSTER = frozenset({"applicant-type", "place"})


def _score(hits: dict[str, Expression], rules: list[Rule]) -> Expression:
    total = Value(0)
    for rule in rules:
        total = total + Least(hits[rule.name], Value(rule.most)) * Value(rule.weight)
    return total


# The answers ----------------------------------------------------------------------


@dataclass(frozen=True)
class Reason:
    rule: str
    label: str
    points: int
    text: str


@dataclass(frozen=True)
class Match:
    """A call a cluster fits."""

    call: Call
    score: int
    reasons: list[Reason]


@dataclass(frozen=True)
class ClusterMatch:
    """A cluster a call fits."""

    cluster: Cluster
    score: int
    reasons: list[Reason]


def explain(rules: list[Rule], facts: CallFacts, profile: Profile) -> list[Reason]:
    """The reasons one call and one cluster match, by the rules that score."""
    reasons = []
    for rule in rules:
        hits = rule.hits(facts, profile)
        if hits:
            reason = rule.reason(facts, profile, hits)
            reasons.append(Reason(rule.name, str(rule.label), rule.points(hits), reason))
    return reasons


MATCH_FIELDS = (
    "identifier",
    "title",
    "opens_at",
    "closes_at",
    "countries",
    "keywords",
    "is_published",
    "is_demo",
    "programme",
)


def matches_for(
    cluster: Cluster,
    *,
    include_private: bool,
    now: datetime | None = None,
    limit: int = MATCHES_SHOWN,
) -> list[Match]:
    """The calls ``cluster`` fits best, the best first: published, not closed, open
    to it. ``include_private`` applies the rule that reads its funding sources: only
    for its managers and platform staff. Reads ``cluster.region`` when a call is for
    its region alone: ``select_related`` it."""
    now = now or timezone.now()
    rules = [rule for rule in RULES if include_private or not rule.is_private]
    profile = profile_of(cluster, include_private=include_private, today=timezone.localdate(now))
    # The candidates: the first CANDIDATES eligible calls in the order of their last
    # deadline (the calls open until further notice first, as the index has them),
    # read along the index. ``open_to`` removes repeats (DISTINCT): as a subquery
    # of primary keys, it compares those alone, not whole rows.
    eligible = (
        Call.objects.published()
        .not_closed(now)
        .open_to(cluster)
        .order_by("closes_at", "opens_at")
        .values("pk")[:CANDIDATES]
    )
    hits = {rule.name: rule.of_calls(profile) for rule in rules}
    best = (
        Call.objects.filter(pk__in=eligible)
        .annotate(score=_score(hits, rules))
        .order_by("-score", F("closes_at").asc(nulls_last=True), "identifier")
        # What a match's card and reasons read: the database sorts every candidate
        # with the columns it returns, and the summaries would be most of them.
        .only(*MATCH_FIELDS, "programme__name", "programme__kind")
        .select_related("programme")
        .prefetch_related("deadlines")[:limit]
    )
    matches = []
    for facts in facts_of_calls([call for call in best if call.score > 0]):
        reasons = explain(rules, facts, profile)
        matches.append(Match(facts.call, sum(reason.points for reason in reasons), reasons))
    return matches


# What the call page's list of clusters shows of each (``_call_matches.html``).
MATCHING_CLUSTER_FIELDS = ("name", "slug", "country", "is_demo", "region__name")


def clusters_for(
    call: Call, *, limit: int = CLUSTERS_SHOWN, now: datetime | None = None
) -> list[ClusterMatch]:
    """The published clusters ``call`` fits best, the best first, by the public
    rules only: what the call page shows anyone. None for a call that is closed,
    unpublished or not open to clusters. With more candidates than
    ``CLUSTER_CANDIDATES``, the best of a sample of them (see there)."""
    now = now or timezone.now()
    if (
        not call.is_published
        or call.status_at(now) == Call.Status.CLOSED
        or call.cluster_role == Call.ClusterRole.NOT_ELIGIBLE
    ):
        return []
    rules = [rule for rule in RULES if not rule.is_private]
    (facts,) = facts_of_calls([call])
    named_tags = tags_named_by(call.keywords)
    facts = replace(facts, tag_ids=frozenset(tag.pk for tag in named_tags))
    if not facts.ecosystem_ids and not facts.tag_ids:
        return []  # no cluster can score on the rules that tell clusters apart
    # The hard rules of ``CallQuerySet.open_to``, from the call's side, as lookups
    # of a cluster's link to a tag or an ecosystem.
    eligible = {"cluster__is_published": True}
    if call.countries:
        eligible["cluster__country__in"] = [str(country) for country in call.countries]
    if facts.region_ids:
        eligible["cluster__region__in"] = facts.region_ids

    # Those rules score a shared ecosystem or a tag the call names. The clusters
    # that have one are found along the indexes of the two link tables, at most
    # CLUSTER_CANDIDATES of each (named tags are the rarer and surer sign), and
    # only they are scored: one subquery of both, which the database runs once
    # (SQLite runs each of ``Q(pk__in=a) | Q(pk__in=b)`` twice).
    def candidates(links: QuerySet, **lookup) -> QuerySet:
        sample = links.filter(**eligible, **lookup).values("cluster")[:CLUSTER_CANDIDATES]
        return Cluster.objects.filter(pk__in=sample).values("pk")  # a union takes no LIMIT

    samples = []
    if facts.tag_ids:
        samples.append(candidates(Cluster.tags.through.objects, tag__in=facts.tag_ids))
    if facts.ecosystem_ids:
        links = Cluster.ecosystems.through.objects
        samples.append(candidates(links, ecosystem__in=facts.ecosystem_ids))
    sharing = samples[0].union(samples[1]) if len(samples) == 2 else samples[0]
    distinguishing = [rule for rule in rules if rule.name not in SAME_FOR_EVERY_CLUSTER]
    hits = {rule.name: rule.of_clusters(facts) for rule in distinguishing}
    best = [
        cluster
        for cluster in Cluster.objects.filter(pk__in=sharing)
        .select_related("region")
        .only(*MATCHING_CLUSTER_FIELDS)
        .annotate(score=_score(hits, distinguishing))
        .order_by("-score", "name", "pk")[:limit]
        if cluster.score > 0
    ]
    # What the reasons name: the shared ecosystems and the named tags of the few
    # best, from the link tables (cheaper than prefetching them into each).
    shared, named = links_of(best, facts)
    matches = []
    for cluster in best:
        profile = Profile(
            cluster=cluster,
            ecosystems={e.pk: e for e in shared[cluster.pk]},
            keywords=[Keyword.of(tag) for tag in named_tags if tag.pk in named[cluster.pk]],
            lacking=None,
        )
        reasons = explain(rules, facts, profile)
        matches.append(ClusterMatch(cluster, sum(r.points for r in reasons), reasons))
    return matches


def links_of(clusters: list[Cluster], facts: CallFacts) -> tuple[dict, dict]:
    """For each of ``clusters``, the ecosystems it shares with the call (in their
    order) and the ids of the tags of its profile that the call's keywords name:
    one small query of each link table, for the few clusters shown."""
    shared, named = defaultdict(list), defaultdict(set)
    pks = [cluster.pk for cluster in clusters]
    if pks and facts.ecosystem_ids:
        for ecosystem in Ecosystem.objects.filter(
            pk__in=facts.ecosystem_ids, clusters__in=pks
        ).annotate(cluster_pk=F("clusters")):
            shared[ecosystem.cluster_pk].append(ecosystem)
    if pks and facts.tag_ids:
        for cluster_id, tag_id in Cluster.tags.through.objects.filter(
            cluster__in=pks, tag__in=facts.tag_ids
        ).values_list("cluster_id", "tag_id"):
            named[cluster_id].add(tag_id)
    return shared, named
