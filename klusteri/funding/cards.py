"""Call cards, each rendered once per change, language and moment of its dates.

As with the cluster cards (``clusters/cards.py``), a card shows the call alone,
never who is looking, so one rendering serves every list it appears in. What the
clock changes on a card, its status and the days left to its next deadline, is part
of its key: a card is rendered anew when it opens or closes, a deadline passes or a
day goes by, and when the call, its programme or its taxonomies change (the
"funding" version of ``core.pagecache``, ``models.py``).

The key is made from a list's own query (``card_rows``), so a page whose cards are
all cached reads no call in full.
"""

import hashlib
from datetime import datetime

from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from klusteri.core import pagecache
from klusteri.funding.models import Call

# (primary key, status, next deadline or None): what a card's key is made of.
CardRow = tuple[int, str, datetime | None]


def card_rows(calls: QuerySet[Call], now: datetime) -> QuerySet:
    """``calls`` as the rows ``call_cards`` takes, in their order. ``calls`` carry
    their ``next_deadline`` as ordered by ``by_next_deadline`` or ``CallFilter.apply``."""
    return calls.with_status(now).values_list("pk", "status", "next_deadline")


def card_key(row: CardRow, now: datetime, version: str) -> str:
    pk, status, deadline = row
    days_left = (deadline - now).days if deadline else ""
    moment = deadline.isoformat() if deadline else ""
    return pagecache.fragment_key("funding", "card", pk, status, moment, days_left, version=version)


def call_cards(rows: list[CardRow], now: datetime) -> list[SafeString]:
    """The card of each call, in order; the calls whose card is not cached are read
    in three queries (the call with its programme, the deadlines)."""
    version = pagecache.current_version("funding")
    keys = [card_key(row, now, version) for row in rows]

    def render(missing: list[int]) -> dict[str, str]:
        calls = Call.objects.with_status(now).for_cards().in_bulk([rows[i][0] for i in missing])
        return {
            keys[i]: render_to_string("funding/_call_card.html", {"call": calls[rows[i][0]]})
            for i in missing
        }

    return pagecache.cached_fragments(keys, render)


def match_key(match, now: datetime, version: str) -> str:
    """A match's card: the call's as above, with the score and its reasons."""
    deadline = match.call.next_deadline_at(now)
    reasons = "|".join(f"{r.rule}:{r.points}:{r.text}" for r in match.reasons)
    return pagecache.fragment_key(
        "funding",
        "match",
        match.call.pk,
        deadline.at.isoformat() if deadline else "",
        (deadline.at - now).days if deadline else "",
        match.score,
        hashlib.sha256(reasons.encode()).hexdigest()[:16],
        version=version,
    )


def match_cards(matches: list, now: datetime) -> list[SafeString]:
    """The card of each of a cluster's matches (``matching.Match``), in order."""
    version = pagecache.current_version("funding")
    keys = [match_key(match, now, version) for match in matches]
    return pagecache.cached_fragments(
        keys,
        lambda missing: {
            keys[i]: render_to_string("funding/_match_card.html", {"match": matches[i]})
            for i in missing
        },
    )
