"""What funding keeps about a person (see ``core.personal_data``): their saved
searches and the calls they follow. They go with the account."""

from typing import Any

from django.db.models import QuerySet

from klusteri.accounts.models import User
from klusteri.core.personal_data import timestamp

COVERS = frozenset({"funding.SavedSearch.user", "funding.FollowedCall.user"})


def export(user: User) -> dict[str, Any]:
    return {
        "saved_funding_searches": [
            {
                "name": search.name,
                "search": search.query,
                "frequency": search.frequency,
                "created_at": timestamp(search.created_at),
            }
            for search in user.saved_funding_searches.order_by("created_at", "pk")
        ],
        "followed_funding_calls": [
            {"call": follow.call.identifier, "since": timestamp(follow.created_at)}
            for follow in user.followed_calls.select_related("call").order_by("created_at", "pk")
        ],
    }


def records(user: User) -> list[QuerySet]:
    return [user.saved_funding_searches.all(), user.followed_calls.all()]
