"""Funding continuity: a cluster's funding sources on a timeline, and the warning
its managers get when base or project funding is about to end with nothing to
follow it, with the calls that could carry the cluster on.

Reads only; the sources are written by ``services.create_source`` and its kin.
What is shown here is private to the cluster's managers and platform staff.
"""

import calendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.utils import timezone

from klusteri.clusters.models import Cluster
from klusteri.funding.models import CONTINUING_KINDS, Call, FundingSource

# The kinds of source a cluster's staff live on: when one ends, someone must find
# the money to go on. Membership fees and sales are not expected to end.
CARRYING_KINDS = (FundingSource.Kind.BASE, FundingSource.Kind.PROJECT)
OPTIONS_LIMIT = 5
# The timeline shows whole calendar years, from the year before this one to three
# years ahead: at least the past 12 months and the next 36.
YEARS_BEFORE = 1
YEARS_AFTER = 3
SCALE = 1000  # the timeline's width in the units of its SVG bars


def add_months(day: date, months: int) -> date:
    """``day`` moved ``months`` calendar months on, kept within the month (31
    January + 1 month is 28 or 29 February)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def sources_of(cluster: Cluster) -> list[FundingSource]:
    return list(FundingSource.objects.of(cluster).select_related("programme"))


def current(sources: list[FundingSource], today: date | None = None) -> list[FundingSource]:
    """The sources that run on ``today``."""
    today = today or timezone.localdate()
    return [
        s for s in sources if s.starts_on <= today and (s.ends_on is None or s.ends_on >= today)
    ]


# The timeline ----------------------------------------------------------------------


@dataclass(frozen=True)
class Bar:
    """One source on the timeline: ``x`` and ``width`` in ``SCALE`` units of the
    window, clipped to it; ``continues_before``/``after`` when it runs beyond."""

    source: FundingSource
    x: float
    width: float
    continues_before: bool
    continues_after: bool


@dataclass(frozen=True)
class Timeline:
    starts_on: date
    ends_on: date  # the last day shown
    years: list[int]
    year_lines: list[float]  # where each year after the first begins
    today_x: float
    bars: list[Bar]  # the sources that overlap the window, in the order given

    @property
    def kinds(self) -> list[tuple[str, str]]:
        """The kinds of the sources drawn, with their names: the legend."""
        drawn = {bar.source.kind for bar in self.bars}
        return [(kind, label) for kind, label in FundingSource.Kind.choices if kind in drawn]


def timeline(sources: list[FundingSource], today: date | None = None) -> Timeline:
    today = today or timezone.localdate()
    years = list(range(today.year - YEARS_BEFORE, today.year + YEARS_AFTER + 1))
    first, last = date(years[0], 1, 1), date(years[-1], 12, 31)
    days = (last - first).days + 1

    def x(day: date) -> float:
        return round((day - first).days * SCALE / days, 2)

    bars = []
    for source in sources:
        end = source.ends_on
        if source.starts_on > last or (end is not None and end < first):
            continue
        start = max(source.starts_on, first)
        stop = min(end, last) if end is not None else last
        bars.append(
            Bar(
                source=source,
                x=x(start),
                # The day it ends counts; a source of a day or two stays visible.
                width=max(x(stop + timedelta(days=1)) - x(start), 2),
                continues_before=source.starts_on < first,
                continues_after=end is None or end > last,
            )
        )
    return Timeline(
        starts_on=first,
        ends_on=last,
        years=years,
        year_lines=[x(date(year, 1, 1)) for year in years[1:]],
        today_x=x(today),
        bars=bars,
    )


# The warning -----------------------------------------------------------------------


@dataclass(frozen=True)
class ContinuityWarning:
    """Base or project funding that ends within ``months`` with nothing to follow
    it (``ending``, the first to end first), and the open calls that could carry
    the cluster on (``options``)."""

    months: int
    ending: list[FundingSource]
    options: list[Call]


def is_followed(source: FundingSource, sources: list[FundingSource]) -> bool:
    """Whether another base or project source carries on after ``source`` ends:
    it starts by the day after, and runs past that end."""
    after = source.ends_on + timedelta(days=1)
    return any(
        other.pk != source.pk
        and other.kind in CARRYING_KINDS
        and other.starts_on <= after
        and (other.ends_on is None or other.ends_on > source.ends_on)
        for other in sources
    )


def ending_soon(
    sources: list[FundingSource], today: date | None = None, months: int | None = None
) -> list[FundingSource]:
    """The base and project sources that end between ``today`` and ``months``
    (``settings.FUNDING_WARNING_MONTHS``) from now with nothing to follow them."""
    today = today or timezone.localdate()
    horizon = add_months(today, months or settings.FUNDING_WARNING_MONTHS)
    carrying = [s for s in sources if s.kind in CARRYING_KINDS]
    ending = [
        s
        for s in carrying
        if s.ends_on is not None and today <= s.ends_on <= horizon and not is_followed(s, carrying)
    ]
    return sorted(ending, key=lambda s: (s.ends_on, s.pk))


def options(
    cluster: Cluster, now: datetime | None = None, limit: int = OPTIONS_LIMIT
) -> list[Call]:
    """Calls that could carry the cluster past a project: published and not closed,
    open to the cluster by the hard rules of eligibility, of a programme of a
    continuing kind (operating, long-term, post-project), the next deadline first.
    One query; ``next_deadline`` is annotated."""
    # When funding/matching.py scores calls for a cluster, its order may serve here.
    calls = (
        Call.objects.published()
        .not_closed(now)
        .open_to(cluster)
        .filter(programme__kind__in=CONTINUING_KINDS)
        .select_related("programme")
        .by_next_deadline(now)
    )
    return list(calls[:limit])


def warning(
    cluster: Cluster,
    today: date | None = None,
    *,
    sources: list[FundingSource] | None = None,
) -> ContinuityWarning | None:
    """The cluster's continuity warning, or None when no base or project funding
    ends soon unfollowed. ``sources``: the cluster's, if already read. One query
    for the sources (unless given) and one for the options when there is a warning."""
    months = settings.FUNDING_WARNING_MONTHS
    ending = ending_soon(sources_of(cluster) if sources is None else sources, today, months)
    if not ending:
        return None
    return ContinuityWarning(months=months, ending=ending, options=options(cluster))
