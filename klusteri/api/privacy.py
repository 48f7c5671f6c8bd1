"""What the API keeps about a person (see ``core.personal_data``): their API tokens,
shown by name and beginning, never the token. They go with the account."""

from typing import Any

from django.db.models import QuerySet

from klusteri.accounts.models import User
from klusteri.core.personal_data import timestamp

COVERS = frozenset({"api.ApiToken.user"})


def export(user: User) -> dict[str, Any]:
    return {
        "api_tokens": [
            {
                "name": token.name,
                "beginning": token.prefix,
                "created_at": timestamp(token.created_at),
                "last_used_at": timestamp(token.last_used_at),
                "is_active": token.is_active,
            }
            for token in user.api_tokens.order_by("created_at", "pk")
        ]
    }


def records(user: User) -> list[QuerySet]:
    return [user.api_tokens.all()]
