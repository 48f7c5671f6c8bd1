"""The API's answers when something fails on our side: JSON, never a stack trace."""

from django.db import OperationalError

from klusteri.api import views


def test_database_unavailable_is_503_json_with_retry_after(client, db, monkeypatch, settings):
    settings.DEBUG = False

    def unreachable(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(views.ClusterFilter, "rank", unreachable)

    response = client.get("/api/v1/clusters/", HTTP_ACCEPT_LANGUAGE="fi")

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response.json() == {
        "detail": "Palvelu on tilapäisesti poissa käytöstä. Yritä hetken kuluttua uudelleen."
    }


def test_an_unexpected_error_is_500_json_without_details(client, db, monkeypatch, settings):
    settings.DEBUG = False

    def broken(*args, **kwargs):
        raise ValueError("secret internals")

    monkeypatch.setattr(views.ClusterFilter, "rank", broken)

    response = client.get("/api/v1/clusters/")

    assert response.status_code == 500
    assert "secret" not in response.text
    assert "detail" in response.json()
