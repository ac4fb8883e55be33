"""The OpenAPI 3 schema of /api/v1/ and its interactive docs (architecture: "OpenAPI 3 for our own REST API")."""

import re

import pytest
import yaml
from django.core.management import call_command
from drf_spectacular.drainage import GENERATOR_STATS, reset_generator_stats
from drf_spectacular.generators import SchemaGenerator

# The directory and account endpoints; other apps add their own paths to the same schema.
ENDPOINTS = {
    "/api/v1/units/": {"get", "post"},
    "/api/v1/units/{id}/": {"get", "put", "patch"},
    "/api/v1/agencies/": {"get", "post"},
    "/api/v1/agencies/{id}/": {"get", "put", "patch"},
    "/api/v1/agencies/{agency_id}/units/": {"get", "post"},
    "/api/v1/officials/": {"get", "post"},
    "/api/v1/officials/{id}/": {"get", "put", "patch"},
    "/api/v1/me/": {"get"},
}


@pytest.fixture(scope="module")
def schema():
    return SchemaGenerator().get_schema(request=None, public=True)


def test_schema_generates_valid_without_warnings(tmp_path):
    """`--validate --fail-on-warn` raises on any warning or OpenAPI 3 compliance error."""
    path = tmp_path / "schema.yaml"
    reset_generator_stats()
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(path))
    assert not GENERATOR_STATS
    assert yaml.safe_load(path.read_text())["openapi"].startswith("3.")


def test_every_endpoint_is_documented(schema):
    for path, methods in ENDPOINTS.items():
        assert set(schema["paths"][path]) - {"parameters"} == methods, path
        for method in methods:
            operation = schema["paths"][path][method]
            assert operation["summary"], (path, method)
            assert operation["tags"], (path, method)
            assert operation["description"], (path, method)


def test_refusals_are_documented_with_the_error_shape(schema):
    error = "#/components/schemas/Error"
    for path, methods in ENDPOINTS.items():
        for method in methods:
            operation = schema["paths"][path][method]
            refusals = {code for code in operation["responses"] if code.startswith("4")}
            assert refusals, (path, method)
            for code in refusals:
                assert operation["responses"][code]["content"]["application/json"]["schema"]["$ref"] == error
            if method in {"post", "put", "patch"}:
                assert {"400", "403"} <= refusals, (path, method)
    assert set(schema["components"]["schemas"]["Error"]["required"]) == {
        "status",
        "code",
        "message",
        "errors",
    }


def test_list_endpoints_are_paginated_by_page(schema):
    for path in (
        "/api/v1/units/",
        "/api/v1/agencies/",
        "/api/v1/officials/",
        "/api/v1/agencies/{agency_id}/units/",
    ):
        names = {p["name"] for p in schema["paths"][path]["get"]["parameters"]}
        assert {"page", "page_size"} <= names, path


@pytest.mark.django_db
def test_schema_endpoint_serves_the_schema(client):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    assert b"/api/v1/officials/" in response.content


@pytest.mark.django_db
def test_docs_page_uses_local_assets_only(client):
    """No CDN: the Swagger UI comes from drf-spectacular-sidecar, served by the platform."""
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    scripts = re.findall(r"<script[^>]+src=\"([^\"]+)\"", html)
    assert any("drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in src for src in scripts)
    for url in [*scripts, *re.findall(r"<link[^>]+href=\"([^\"]+)\"", html)]:
        assert url.startswith("/static/"), url
    assert "/api/schema/" in html
