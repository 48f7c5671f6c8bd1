"""Error pages: in the layout, translated, leaking nothing."""

import pytest
from django.test import Client
from django.urls import path

from klusteri.core.testing import translated
from klusteri.urls import urlpatterns as project_urlpatterns

pytestmark = pytest.mark.django_db


def broken_view(request):
    raise RuntimeError("secret database password hunter2")


urlpatterns = [*project_urlpatterns, path("broken/", broken_view)]
handler500 = "klusteri.core.views.server_error"


def test_404_is_translated_and_in_the_layout(client):
    response = client.get("/sv/no-such-page/")

    assert response.status_code == 404
    assert '<html lang="sv">' in response.text
    assert translated("Page not found", "sv") in response.text
    assert 'class="main-nav"' in response.text


@pytest.mark.urls("klusteri.core.tests.test_errors")
def test_500_shows_a_friendly_page_without_details(settings):
    settings.DEBUG = False
    client = Client(raise_request_exception=False)

    response = client.get("/broken/")

    assert response.status_code == 500
    assert translated("Something went wrong") in response.text
    assert "hunter2" not in response.text
    assert "Traceback" not in response.text


def test_403_page_is_translated(manager_client, host_organisation, make_user, affiliate, client):
    representative = make_user("rep@example.org")
    affiliate(representative, host_organisation)
    client.force_login(representative)

    response = client.get(f"/en/accounts/organisations/{host_organisation.pk}/edit/")

    assert response.status_code == 403
    assert "Access denied" in response.text


def test_400_on_a_disallowed_host(client):
    response = client.get("/fi/", headers={"host": "evil.example.com"})

    assert response.status_code == 400
    assert "evil.example.com" not in response.text
