"""Every error the API answers is JSON: ``{"detail": "…"}``, and for bad input also
``"errors"`` with the reasons per parameter or field. Messages are in the
requested language (pydantic's own type messages are in English)."""

import logging

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from klusteri.core.views import DATABASE_UNAVAILABLE, RETRY_AFTER_SECONDS

logger = logging.getLogger(__name__)

# The part of an error's location that names the parameter or field: ("query",
# "limit") is "limit"; a body ("body", "changes", "tags", 0) is "tags.0".
SOURCES_WITH_A_NAME = {"body"}


class InvalidInput(Exception):
    """Input that passed the schema but not the rules: 422 with a reason per field."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        self.errors = errors
        super().__init__(errors)

    @classmethod
    def from_django(cls, error: DjangoValidationError) -> "InvalidInput":
        return cls(
            {field: [str(m) for m in messages] for field, messages in error.message_dict.items()}
        )


def field_name(location: tuple) -> str:
    source, *rest = location
    if source in SOURCES_WITH_A_NAME and rest:
        rest = rest[1:]
    elif source == "query":
        # The parameter's own name: for an item of a repeated parameter ninja leaves
        # the name of the schema and the item's index, ("filters", "status", 0).
        rest = [part for part in rest if isinstance(part, str)][-1:]
    return ".".join(str(part) for part in rest) or "__all__"


def invalid_input(api: NinjaAPI, request: HttpRequest, errors: dict[str, list[str]]):
    return api.create_response(
        request, {"detail": _("The request is not valid."), "errors": errors}, status=422
    )


def install(api: NinjaAPI) -> None:
    @api.exception_handler(NinjaValidationError)
    def schema_error(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        errors: dict[str, list[str]] = {}
        for error in exc.errors:
            errors.setdefault(field_name(tuple(error["loc"])), []).append(error["msg"])
        return invalid_input(api, request, errors)

    @api.exception_handler(InvalidInput)
    def rule_error(request: HttpRequest, exc: InvalidInput) -> HttpResponse:
        return invalid_input(api, request, exc.errors)

    @api.exception_handler(AuthenticationError)
    def not_authenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        message = exc.message
        if message == AuthenticationError().message:  # ninja's own: no token at all
            message = _("This needs an API token: send Authorization: Bearer <token>.")
        response = api.create_response(request, {"detail": message}, status=401)
        response["WWW-Authenticate"] = "Bearer"
        return response

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        message = exc.message
        if exc.status_code == 400:  # ninja's only 400: a body that is not JSON
            message = _("The request body is not valid JSON.")
        elif exc.status_code == 429:  # a rate limit (settings.NINJA_DEFAULT_THROTTLE_RATES)
            message = _("Too many requests: wait a moment and try again.")
        return api.create_response(request, {"detail": message}, status=exc.status_code)

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return api.create_response(request, {"detail": _("Not found.")}, status=404)

    def database_unavailable(request: HttpRequest, exc: Exception) -> HttpResponse:
        # As the pages do (core.views.database_unavailable): the client may try
        # again, and nothing else is needed once the database is back.
        logger.warning("API: database unavailable on %s %s: %s", request.method, request.path, exc)
        response = api.create_response(
            request,
            {"detail": _("The service is temporarily unavailable. Please try again shortly.")},
            status=503,
        )
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response

    for exception in DATABASE_UNAVAILABLE:
        api.add_exception_handler(exception, database_unavailable)

    @api.exception_handler(Exception)
    def server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
        if settings.DEBUG:
            raise exc
        logger.exception("API error on %s %s", request.method, request.path, exc_info=exc)
        return api.create_response(
            request, {"detail": _("Something went wrong on our side.")}, status=500
        )
