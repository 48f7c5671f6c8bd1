"""The REST API: one NinjaAPI, its language handling, errors and documentation page."""

from functools import wraps

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation.trans_real import parse_accept_lang_header
from ninja import NinjaAPI
from ninja.openapi.docs import DocsBase

from klusteri.api import errors
from klusteri.api.schemas import LANGUAGES
from klusteri.api.throttling import AnonymousRate, TokenRate

DEFAULT_LANGUAGE = "fi"

# The OpenAPI document is for developers and in English, like its field descriptions.
DESCRIPTION = (
    "Public data of Klusteri, the national cluster platform of Finland: clusters, their "
    "public members and the taxonomies that classify them; funding programmes and their "
    "calls, with deadlines in the funder's time zone; the events of the national calendar. "
    "Reading needs no token. "
    "Writing needs an API token, sent as `Authorization: Bearer <token>`; platform "
    "staff create tokens. Content comes in Finnish, Swedish or English: add "
    "`?lang=fi|sv|en` or send `Accept-Language`; Finnish is the default. Requests are "
    "limited per client address and per token (by default 1,200 a minute); beyond the "
    "limit the API answers 429 with `Retry-After`."
)


def requested_language(request: HttpRequest) -> str:
    """``?lang=``, else the best of ``Accept-Language``, else Finnish. (Not the
    language cookie: an API answer depends only on the request.)"""
    language = request.GET.get("lang")
    if language in LANGUAGES:
        return language
    for accepted, _quality in parse_accept_lang_header(request.headers.get("Accept-Language", "")):
        base = accepted.split("-")[0].lower()
        if base in LANGUAGES:
            return base
    return DEFAULT_LANGUAGE


def in_requested_language(run):
    """Run an operation, its errors included, in the requested language."""

    @wraps(run)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        language = requested_language(request)
        with translation.override(language):
            response = run(request, *args, **kwargs)
        response["Content-Language"] = language
        patch_vary_headers(response, ["Accept-Language"])
        return response

    return wrapper


class SwaggerDocs(DocsBase):
    """Swagger UI served from this site (klusteri/static/vendor/swagger-ui/), set up
    by a static script that reads the schema's address from a data attribute: the
    page works offline and under the site's CSP, which forbids inline scripts."""

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs) -> HttpResponse:
        return render(request, "api/docs.html", {"schema_url": self.get_openapi_url(api, kwargs)})


class KlusteriAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation) -> str:
        return operation.view_func.__name__


api = KlusteriAPI(
    title="Klusteri API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    openapi_url="/schema/",
    docs=SwaggerDocs(),
    docs_url="/docs/",
    # Rates in settings (NINJA_DEFAULT_THROTTLE_RATES); the public reads have no token.
    throttle=[AnonymousRate(), TokenRate()],
)
errors.install(api)
api.add_decorator(in_requested_language, mode="view")
api.add_router("/v1/", "klusteri.api.views.router")
api.add_router("/v1/funding/", "klusteri.api.funding.router")
api.add_router("/v1/events/", "klusteri.api.events.router")
