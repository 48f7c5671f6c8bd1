"""Writes of the api app: creating and revoking API tokens, each audited."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from klusteri.accounts.models import User
from klusteri.api.models import ApiToken, hash_token, new_token
from klusteri.audit.services import log_action

# A token's last use is recorded at most this often, so that reads stay reads.
LAST_USED_RESOLUTION = timedelta(minutes=1)


@transaction.atomic
def create_api_token(user: User, *, by: User | None, name: str) -> tuple[ApiToken, str]:
    """A new token for ``user``: the saved record and the token itself, which is
    stored only as a hash and must be shown to its owner now."""
    token = new_token()
    api_token = ApiToken.objects.create(
        user=user, name=name, token_hash=hash_token(token), prefix=token[:8]
    )
    log_action(api_token, "api.token.created", by=by, data={"user_id": user.pk, "name": name})
    return api_token, token


@transaction.atomic
def revoke_api_token(api_token: ApiToken, *, by: User | None) -> None:
    api_token.is_active = False
    api_token.save(update_fields=["is_active"])
    log_action(
        api_token,
        "api.token.revoked",
        by=by,
        data={"user_id": api_token.user_id, "name": api_token.name},
    )


def record_token_use(api_token: ApiToken) -> None:
    now = timezone.now()
    if api_token.last_used_at is None or now - api_token.last_used_at >= LAST_USED_RESOLUTION:
        api_token.last_used_at = now
        api_token.save(update_fields=["last_used_at"])
