import pytest

pytestmark = pytest.mark.django_db


def test_pages_send_a_strict_content_security_policy(client):
    response = client.get("/fi/")

    policy = response["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";") if d.strip())
    assert directives["script-src"] == "'self'"
    assert "unsafe-inline" not in policy
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"


def test_pages_send_the_other_security_headers(client):
    response = client.get("/fi/")

    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_no_page_carries_an_inline_script(client, manager_client):
    for page_client, path in [
        (client, "/fi/"),
        (client, "/fi/accounts/login/"),
        (client, "/fi/accounts/signup/"),
        (manager_client, "/fi/accounts/profile/"),
    ]:
        html = page_client.get(path).text
        assert "<script>" not in html
        assert " style=" not in html
        assert "onclick=" not in html
