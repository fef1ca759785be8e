"""The OpenAPI schema and the docs pages, served without any CDN."""

import pytest
import yaml
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_schema_lists_every_resource(api_client):
    """/api/schema/ is an OpenAPI 3 document with list and detail paths of every resource."""
    response = api_client.get("/api/schema/")
    assert response.status_code == 200
    schema = yaml.safe_load(response.content)
    assert schema["openapi"].startswith("3.")
    for resource in ["articles", "entities", "quotes", "events", "stories"]:
        assert f"/api/v1/{resource}/" in schema["paths"]
        assert f"/api/v1/{resource}/{{id}}/" in schema["paths"]
    article_params = {p["name"] for p in schema["paths"]["/api/v1/articles/"]["get"]["parameters"]}
    assert {"q", "source", "published_after", "published_before", "entity", "story"} <= article_params


@pytest.mark.parametrize("url", ["/api/docs/", "/api/redoc/"])
def test_docs_pages_load_their_assets_from_this_server(api_client, url):
    """Swagger UI and Redoc reference local static files, never a CDN, so they work offline."""
    response = api_client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "drf_spectacular_sidecar" in html
    assert "cdn.jsdelivr" not in html and "unpkg.com" not in html
    # Nothing else from another host either (Redoc's own page links Google Fonts).
    assert "https://" not in html and "http://" not in html.replace("http://testserver", "")


def test_every_query_parameter_is_described(api_client):
    """Each query parameter of each operation says what it takes: the entity and source filters
    (``entity``, ``speaker``, ``participant``, ``source``...) were listed bare, their labels lost."""
    schema = yaml.safe_load(api_client.get("/api/schema/").content)
    bare = [
        f"{method.upper()} {path} {parameter['name']}"
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        for parameter in operation.get("parameters", [])
        if parameter["in"] == "query" and not parameter.get("description")
    ]
    assert bare == []
    entity = next(
        p for p in schema["paths"]["/api/v1/events/"]["get"]["parameters"] if p["name"] == "participant"
    )
    assert entity["description"].startswith("Took part. Entity ids or names/aliases")


def test_schema_generation_has_no_warnings(tmp_path):
    """drf-spectacular validates the schema and fails on any warning."""
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml"))
    assert (tmp_path / "schema.yaml").stat().st_size > 1000


def test_docs_assets_are_served_by_the_app_with_debug_off(client, settings):
    """With DEBUG off (a deployment), the Swagger UI bundle still comes from this server."""
    settings.DEBUG = False
    response = client.get("/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js")
    assert response.status_code == 200
    assert b"SwaggerUIBundle" in b"".join(response.streaming_content)
