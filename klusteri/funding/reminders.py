"""The funding section's mail (``core.reminders``): digests of saved searches and
reminders before the deadlines of followed calls, decided from the data as they
are when the sweep runs.

**Digests.** A saved search is due once its cadence has passed since it last
reported (``reported_until``): a day for a daily one, seven for a weekly one. Its
digest lists the published calls that match the search now and changed (or were
added) after ``reported_until`` and up to the sweep; when sending it, ``on_sent``
moves ``reported_until`` to the sweep's moment, so the next digest starts where
this one ended and no change is reported twice. A search with nothing new sends
nothing and stays due, so the first change after its cadence comes at the next
sweep. The key names the search and the newest change reported, so two sweeps at
once send one digest.

**Deadline reminders.** Each deadline of a followed call is reminded of twice:
14 days and 3 days before it. A threshold is due from its moment until the
deadline (``at - 14d <= now < at``), not only in a narrow window after it, so a
sweep that did not run for a while (a restart, a failed timer) still reminds, a
little late. The 14-day reminder gives way to the 3-day one once that is due, so a
late sweep sends one mail, not two. Someone who followed the call after a
threshold's moment gets no catch-up mail for it: they have just seen the call.
The key holds the deadline's moment, so a deadline that moves is reminded of
again at its new time, and one removed never.

Queries per sweep: the deadline reminders take three (the followed deadlines
ahead, the keys already sent, the deadlines to remind of), whatever the number
of people. The digests take two (the due searches, the last change) and, when
something is to be reported, three more for the order and the cards of the
calls; and for each due search with a change since it last reported, the
finder's filters (one query, and one more for each filter by applicant type,
ecosystem, region or words): a search is a query of its own. A digest lists at
most ``DIGEST_LIMIT`` calls.
"""

import math
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import F, Max, Q
from django.http import QueryDict
from django.urls import reverse
from django.utils import translation

from klusteri.core.reminders import Due, already_sent
from klusteri.funding import search as call_search
from klusteri.funding.filters import CallFilter
from klusteri.funding.models import Call, Deadline, FollowedCall, SavedSearch
from klusteri.funding.services import unsubscribe_token

CADENCE = {
    SavedSearch.Frequency.DAILY: timedelta(days=1),
    SavedSearch.Frequency.WEEKLY: timedelta(days=7),
}
# A digest lists this many calls, the latest changed first; the finder has the rest.
DIGEST_LIMIT = 50
# Days before a deadline, the nearest last: the first due one is sent.
THRESHOLDS = (3, 14)


def due(now: datetime) -> Iterable[Due]:
    yield from digests(now)
    yield from deadline_reminders(now)


def unsubscribe_url(alert: SavedSearch | FollowedCall, user) -> str:
    """The absolute unsubscribe link, in the person's language."""
    with translation.override(user.language):
        path = reverse("funding:unsubscribe", args=[unsubscribe_token(alert)])
    return settings.SITE_URL + path


def unsubscribe_headers(url: str) -> dict[str, str]:
    """RFC 8058: mail programs offer the person a button that POSTs to ``url``."""
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


# Digests ------------------------------------------------------------------------


def matching(search: SavedSearch, calls, now: datetime) -> set[int]:
    """Which of ``calls`` (a QuerySet) the saved search finds now."""
    finder = CallFilter(QueryDict(search.query))
    found = finder.narrow(calls, now)
    if finder.query:
        found = found.filter(pk__in=call_search.search_calls(finder.query))
    return set(found.values_list("pk", flat=True))


def digests(now: datetime) -> Iterable[Due]:
    cadence_passed = Q()
    for frequency, cadence in CADENCE.items():
        cadence_passed |= Q(frequency=frequency, reported_until__lte=now - cadence)
    searches = list(
        SavedSearch.objects.filter(cadence_passed, user__is_active=True).select_related("user")
    )
    if not searches:
        return
    changed = Call.objects.published().filter(
        changed_at__gt=min(search.reported_until for search in searches), changed_at__lte=now
    )
    # A search with no change since it last reported costs no query of its own.
    last_change = changed.aggregate(last=Max("changed_at"))["last"]
    found = {}
    for search in searches:
        if last_change is not None and last_change > search.reported_until:
            window = changed.filter(changed_at__gt=search.reported_until)
            pks = matching(search, window, now)
            if pks:
                found[search] = pks
    if not found:
        return
    newest_first = dict(
        Call.objects.filter(pk__in=set().union(*found.values()))
        .order_by("-changed_at", "identifier")
        .values_list("pk", "changed_at")
    )
    listed = {search: [pk for pk in newest_first if pk in pks] for search, pks in found.items()}
    cards = (
        Call.objects.filter(pk__in={pk for pks in listed.values() for pk in pks[:DIGEST_LIMIT]})
        .for_cards()
        .in_bulk()
    )
    for search, pks in listed.items():
        url = unsubscribe_url(search, search.user)
        shown = [cards[pk] for pk in pks[:DIGEST_LIMIT]]
        yield Due(
            key=f"funding:digest:search={search.pk}:until={newest_first[pks[0]].isoformat()}",
            user=search.user,
            template="funding/email/digest",
            context={
                "search": search,
                "count": len(pks),
                "calls": [
                    (call, call.created_at > search.reported_until, call.next_deadline_at(now))
                    for call in shown
                ],
                "more": len(pks) - len(shown),
                "unsubscribe_url": url,
            },
            on_sent=_reported(search, now),
            headers=unsubscribe_headers(url),
        )


def _reported(search: SavedSearch, now: datetime):
    def move() -> None:
        SavedSearch.objects.filter(pk=search.pk).update(reported_until=now)

    return move


# Deadline reminders -----------------------------------------------------------------


def days_left(at: datetime, now: datetime) -> int:
    """Whole days to go, rounded up: a sweep a minute after the 14-day moment
    still says 14."""
    return math.ceil((at - now).total_seconds() / 86400)


def deadline_reminders(now: datetime) -> Iterable[Due]:
    rows = (
        FollowedCall.objects.filter(
            user__is_active=True,
            call__is_published=True,
            call__deadlines__at__gt=now,
            call__deadlines__at__lte=now + timedelta(days=max(THRESHOLDS)),
        )
        .select_related("user", "call__programme")
        .annotate(deadline_id=F("call__deadlines__pk"), deadline_at=F("call__deadlines__at"))
    )
    reminders = []
    for follow in rows:
        days = next(d for d in THRESHOLDS if follow.deadline_at - timedelta(days=d) <= now)
        if follow.created_at > follow.deadline_at - timedelta(days=days):
            continue  # followed after this reminder's moment
        key = (
            f"funding:deadline:{days}d:call={follow.call_id}"
            f":at={follow.deadline_at.isoformat()}:user={follow.user_id}"
        )
        reminders.append((key, days, follow))
    sent = already_sent(key for key, _days, _follow in reminders)
    reminders = [reminder for reminder in reminders if reminder[0] not in sent]
    if not reminders:
        return
    deadlines = Deadline.objects.in_bulk({follow.deadline_id for _k, _d, follow in reminders})
    for key, days, follow in reminders:
        url = unsubscribe_url(follow, follow.user)
        deadline = deadlines[follow.deadline_id]
        yield Due(
            key=key,
            user=follow.user,
            template="funding/email/deadline",
            context={
                "call": follow.call,
                "deadline": deadline,
                "threshold": days,
                "days_left": days_left(deadline.at, now),
                "unsubscribe_url": url,
            },
            headers=unsubscribe_headers(url),
        )
