"""The OpenAPI schema and the documentation page."""

import re

import pytest
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db

OPERATIONS = {
    ("/api/v1/clusters/", "get"),
    ("/api/v1/clusters/{slug}/", "get"),
    ("/api/v1/clusters/{slug}/", "patch"),
    ("/api/v1/clusters/{slug}/members/", "get"),
    ("/api/v1/taxonomies/", "get"),
    ("/api/v1/funding/programmes/", "get"),
    ("/api/v1/funding/calls/", "get"),
    ("/api/v1/funding/calls/{identifier}/", "get"),
    ("/api/v1/events/", "get"),
    ("/api/v1/events/{event_id}/", "get"),
}


@pytest.fixture
def schema(client):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def test_schema_lists_every_endpoint(schema):
    operations = {(path, method) for path, item in schema["paths"].items() for method in item}

    assert operations == OPERATIONS
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["version"] == "1"


def test_every_operation_declares_its_errors(schema):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            responses = operation["responses"]
            assert {"200", "422"} <= set(map(str, responses)), (path, method)
            for status, response in responses.items():
                assert "application/json" in response["content"], (path, method, status)


def test_errors_are_declared_for_reads_and_writes(schema):
    patch = schema["paths"]["/api/v1/clusters/{slug}/"]["patch"]
    detail = schema["paths"]["/api/v1/clusters/{slug}/"]["get"]

    assert set(map(str, patch["responses"])) == {"200", "400", "401", "403", "404", "422"}
    assert set(map(str, detail["responses"])) == {"200", "401", "404", "422"}


def test_write_declares_the_bearer_token(schema):
    patch = schema["paths"]["/api/v1/clusters/{slug}/"]["patch"]

    assert patch["security"] == [{"BearerToken": []}]
    assert schema["components"]["securitySchemes"]["BearerToken"] == {
        "type": "http",
        "scheme": "bearer",
    }


def test_every_schema_reference_resolves(schema):
    text = str(schema)
    references = set(re.findall(r"#/components/schemas/(\w+)", text))

    assert references
    assert references <= set(schema["components"]["schemas"])


def test_filters_are_documented_as_repeatable(schema):
    parameters = {p["name"]: p for p in schema["paths"]["/api/v1/clusters/"]["get"]["parameters"]}

    assert set(parameters) >= {
        *("q", "country", "region", "ecosystem", "nace", "tag", "kind", "label", "size"),
        *("service", "sort", "limit", "offset", "lang"),
    }
    assert parameters["country"]["schema"]["type"] == "array"
    assert parameters["limit"]["schema"]["maximum"] == 100
    assert parameters["offset"]["schema"]["maximum"] == 10_000


def test_call_filters_are_documented(schema):
    operation = schema["paths"]["/api/v1/funding/calls/"]["get"]
    parameters = {p["name"]: p for p in operation["parameters"]}

    assert set(parameters) >= {
        *("q", "status", "level", "kind", "applicant", "ecosystem", "region", "country"),
        *("within", "budget", "sort", "limit", "offset", "lang"),
    }
    assert parameters["status"]["schema"]["items"]["enum"] == ["forthcoming", "open", "closed"]
    assert parameters["applicant"]["schema"]["type"] == "array"
    assert all(parameter.get("description") for parameter in parameters.values()
               if parameter["name"] != "lang")  # fmt: skip
    assert set(map(str, operation["responses"])) == {"200", "401", "422"}
    detail = schema["paths"]["/api/v1/funding/calls/{identifier}/"]["get"]
    assert set(map(str, detail["responses"])) == {"200", "401", "404", "422"}
    identifier = next(p for p in detail["parameters"] if p["name"] == "identifier")
    assert identifier["in"] == "path" and identifier["description"]


def test_event_filters_are_documented(schema):
    operation = schema["paths"]["/api/v1/events/"]["get"]
    parameters = {p["name"]: p for p in operation["parameters"]}

    assert set(parameters) >= {
        *("q", "when", "type", "format", "organiser", "region", "topic", "language", "month"),
        *("limit", "offset", "lang"),
    }
    assert "webinar" in parameters["type"]["schema"]["items"]["enum"]
    assert all(parameter.get("description") for parameter in parameters.values()
               if parameter["name"] != "lang")  # fmt: skip
    assert set(map(str, operation["responses"])) == {"200", "401", "422"}
    detail = schema["paths"]["/api/v1/events/{event_id}/"]["get"]
    assert set(map(str, detail["responses"])) == {"200", "401", "404", "422"}


def test_docs_page_has_no_inline_script_or_style(client):
    response = client.get("/api/docs/", headers={"Accept-Language": "en"})

    assert response.status_code == 200
    html = response.text
    scripts = re.findall(r"<script\b[^>]*>", html)
    assert scripts == [
        '<script src="/static/vendor/swagger-ui/swagger-ui-bundle.js">',
        '<script src="/static/js/api-docs.js">',
    ]
    assert re.findall(r"<script\b[^>]*>(.*?)</script>", html, re.DOTALL) == ["", ""]
    assert " style=" not in html and "<style" not in html
    assert not re.search(r"\son[a-z]+=", html)
    assert 'data-schema-url="/api/schema/"' in html
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_docs_page_loads_nothing_from_elsewhere(client):
    html = client.get("/api/docs/").text

    assert not re.search(r'(src|href)="(https?:)?//', html)


def test_swagger_ui_is_vendored_with_its_licence():
    for name in ["swagger-ui-bundle.js", "swagger-ui.css", "LICENSE", "NOTICE"]:
        assert finders.find(f"vendor/swagger-ui/{name}"), name
    assert finders.find("js/api-docs.js")
