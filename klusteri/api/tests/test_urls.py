"""The API's addresses: names that reverse, the root, slashes, unknown addresses."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_url_names_reverse():
    assert reverse("api:cluster-list") == "/api/v1/clusters/"
    assert reverse("api:cluster-detail", kwargs={"slug": "vety"}) == "/api/v1/clusters/vety/"
    assert reverse("api:cluster-members", kwargs={"slug": "vety"}) == (
        "/api/v1/clusters/vety/members/"
    )
    assert reverse("api:taxonomies") == "/api/v1/taxonomies/"
    assert reverse("api:openapi-json") == "/api/schema/"
    assert reverse("api:openapi-view") == "/api/docs/"


def test_root_goes_to_the_docs(client):
    response = client.get("/api/")

    assert response.status_code == 302
    assert response["Location"] == "/api/docs/"


def test_a_read_without_the_final_slash_is_redirected(client):
    response = client.get("/api/v1/clusters?country=FI")

    assert response.status_code == 301
    assert response["Location"] == "/api/v1/clusters/?country=FI"


def test_unknown_address_is_404_in_json(client):
    response = client.get("/api/v2/clusters/?lang=en")

    assert response.status_code == 404
    assert response.json() == {"detail": "There is nothing at this address."}


def test_a_write_without_the_final_slash_is_404(client):
    response = client.patch("/api/v1/clusters/vety", {}, content_type="application/json")

    assert response.status_code == 404
    assert response.json()["detail"]
