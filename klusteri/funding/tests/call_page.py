"""A stand-in for the finder's call page (``funding:call-detail``) while a branch
does not have it, so that the links of the deadlines feed and of the API can be
tested: ``call_page`` (import it into a test module) serves the site's addresses
with it added, and does nothing where the real page exists.

Unused once the finder's pages are merged: delete this module and its imports.
"""

import pytest
from django.conf.urls.i18n import i18n_patterns
from django.http import HttpRequest, HttpResponse
from django.urls import NoReverseMatch, include, path, reverse

from klusteri import urls as site
from klusteri.funding import urls as funding


def call_detail(request: HttpRequest, identifier: str) -> HttpResponse:
    return HttpResponse(identifier, content_type="text/plain")


# The first of two includes of a namespace is the one reverse() uses.
urlpatterns = [
    *i18n_patterns(
        path(
            "funding/",
            include(
                (
                    [
                        *funding.urlpatterns,
                        path("calls/<str:identifier>/", call_detail, name="call-detail"),
                    ],
                    "funding",
                )
            ),
        ),
        prefix_default_language=True,
    ),
    *site.urlpatterns,
]


@pytest.fixture(autouse=True)
def call_page(settings):
    try:
        reverse("funding:call-detail", args=["X"])
    except NoReverseMatch:
        settings.ROOT_URLCONF = __name__
