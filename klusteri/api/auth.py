"""Bearer-token authentication.

Writes need ``Authorization: Bearer <token>``; a session cookie never authorises a
write, so the API needs no CSRF protection. Reads accept a token too (to see one's
own unpublished clusters) and otherwise act for the session's person or anonymously.
"""

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer

from klusteri.api.models import ApiToken
from klusteri.api.services import record_token_use


class NotAuthenticated(AuthenticationError):
    """401 with a reason the client can act on."""

    def __init__(self, message: str) -> None:
        super().__init__(message=message)


def user_for_token(token: str):
    api_token = ApiToken.objects.active().matching(token).select_related("user").first()
    if api_token is None:
        raise NotAuthenticated(_("The API token is not valid, or it has been revoked."))
    record_token_use(api_token)
    return api_token.user


class BearerToken(HttpBearer):
    """The API token, sent as ``Authorization: Bearer <token>``."""

    def authenticate(self, request: HttpRequest, token: str):
        return user_for_token(token)


def reader(request: HttpRequest):
    """Whom a read acts for: the token's person when a token is sent (401 when it is
    not valid), else the signed-in person or the anonymous one."""
    header = request.headers.get("Authorization", "")
    if not header:
        return request.user
    scheme, _space, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise NotAuthenticated(_("Send the API token as: Authorization: Bearer <token>."))
    return user_for_token(token.strip())
