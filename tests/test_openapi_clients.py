"""The API through clients nobody here wrote, against a live server: a spec validator, a fuzzer
(schemathesis) over every operation, and a Python client generated from the schema
(openapi-python-client)."""

import base64
import datetime as dt
import importlib
import json
import subprocess
import sys
import typing
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
import schemathesis
from knox.models import AuthToken
from openapi_spec_validator import validate
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from articles.services import article_index_for_search
from jobs.choices import JobState
from jobs.models import Job
from tests.factories import (
    ArticleFactory,
    EntityAliasFactory,
    EntityFactory,
    EventFactory,
    EventReportFactory,
    MentionFactory,
    QuoteFactory,
    QuoteGroupFactory,
    StoryFactory,
)

# The live server runs in another thread: its rows must be committed, not held in a test transaction.
live = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

RAW_ARTICLE = (
    "Talks set for Monday\n\nMOSCOW — Russian Foreign Minister Sergei Lavrov said on Wednesday that "
    "talks would be held in Istanbul on 2 June. \u201cWe are ready,\u201d Lavrov said."
)


@pytest.fixture
def token(editor) -> str:
    return AuthToken.objects.create(user=editor)[1]


@pytest.fixture
def rows() -> dict[str, list[int]]:
    """A small world for the detail routes to find: ids of existing rows, by resource."""
    story = StoryFactory(title="Istanbul talks")
    lavrov = EntityFactory(name="Sergei Lavrov")
    EntityAliasFactory(entity=lavrov, name="Lavrov", name_key="lavrov")
    istanbul = EntityFactory(name="Istanbul", type="location")
    articles = [ArticleFactory(story=story, published_at=dt.date(2025, 5, 28 + i)) for i in range(3)]
    group = QuoteGroupFactory()
    quotes = [QuoteFactory(article=article, speaker=lavrov, group=group) for article in articles[:2]]
    for article in articles:
        MentionFactory(article=article, entity=lavrov)
        MentionFactory(article=article, entity=istanbul, start=20, end=28)
    event = EventFactory(location=istanbul, participants=[lavrov], date=dt.date(2025, 6, 2))
    EventReportFactory(event=event, article=articles[0])
    job = Job.objects.create(
        content_hash="0" * 64, raw_text="Queued text.", state=JobState.DEAD, error="boom"
    )
    return {
        "jobs": [job.id],
        "articles": [article.id for article in articles],
        "entities": [lavrov.id, istanbul.id],
        "quotes": [quote.id for quote in quotes],
        "events": [event.id],
        "stories": [story.id],
        "sources": sorted({article.source_id for article in articles}),
    }


@pytest.fixture
def schema_document(live_server) -> dict:
    response = requests.get(f"{live_server.url}/api/schema/", params={"format": "json"}, timeout=30)
    assert response.status_code == 200
    return response.json()


@pytest.mark.django_db(transaction=True)
def test_schema_is_valid_openapi(schema_document):
    """The served schema passes openapi-spec-validator."""
    validate(schema_document)
    assert schema_document["openapi"].startswith("3.")


# ---------------------------------------------------------------- schemathesis

FUZZ_CONFIG = {
    "seed": 20250602,
    "suppress-health-check": ["all"],
    "generation": {"mode": "all", "max-examples": 10, "no-shrink": True, "database": "none"},
    "phases": {"stateful": {"enabled": False}},
    "operations": [
        # Every POST runs the NLP pipeline: a few examples are enough.
        {"include-path": "/api/v1/articles/", "include-method": "POST", "generation": {"max-examples": 3}},
        # Navigation lists and exports reuse the lists' filters, pagination and serializers: random
        # examples only, the boundary values (the coverage phase) are tried on the lists themselves.
        {
            "include-path-regex": r"^/api/v1/(entities|stories)/\{id\}/(articles|quotes|events)/$",
            "phases": {"coverage": {"enabled": False}},
        },
        {"include-path-regex": r"^/api/v1/\w+/export/$", "phases": {"coverage": {"enabled": False}}},
    ],
}
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
]


def error_shape(ctx, response, case) -> None:
    """Every 4xx carries {status, code, message, errors[{field, code, message}]}."""
    if not 400 <= response.status_code < 500:
        return
    assert response.headers.get("content-type", [""])[0].startswith("application/json"), (
        response.request.url,
        response.request.headers,
        response.headers,
    )
    body = response.json()
    assert set(body) == {"status", "code", "message", "errors"}, body
    assert body["status"] == response.status_code, body
    assert isinstance(body["message"], str) and body["message"], body
    for error in body["errors"]:
        assert set(error) == {"field", "code", "message"}, body


def served_schema() -> dict:
    """The schema /api/schema/ serves (the live server's, since both run this code), made by the
    same generator and renderer. Not through a request: at collection there is no test database,
    and the throttle's shared cache lives in it."""
    import json

    from drf_spectacular.generators import SchemaGenerator
    from drf_spectacular.renderers import OpenApiJsonRenderer

    return json.loads(OpenApiJsonRenderer().render(SchemaGenerator().get_schema(request=None, public=True)))


# Loaded at collection so that each operation is its own test item. (schemathesis' lazy
# ``from_fixture`` loader reads a pytest Node attribute that pytest 9 no longer has.)
fuzzed = schemathesis.openapi.from_dict(served_schema(), config=schemathesis.Config.from_dict(FUZZ_CONFIG))


@fuzzed.parametrize()
@live[0]
@live[1]
def test_fuzzer_finds_no_server_error_and_no_response_off_the_schema(case, live_server, rows, token):
    """Every operation, with valid and invalid inputs: no 5xx, only documented statuses, bodies and headers."""
    resource = case.operation.path.split("/")[3]
    generated = str((case.path_parameters or {}).get("id", ""))
    # Small ids point at rows that exist, so detail routes and their writes get exercised; other values
    # (negative, huge, not numbers) go through as generated.
    if generated.isdigit() and int(generated) < 1000:
        existing = rows[resource]
        case.path_parameters["id"] = existing[int(generated) % len(existing)]
    case.call_and_validate(
        base_url=live_server.url,
        headers={"Authorization": f"Token {token}"},
        checks=CHECKS,
        additional_checks=[error_shape],
    )


# ---------------------------------------------------------------- generated client

GENERATOR_CONFIG = "post_hooks: []\n"  # no formatter run: nothing outside the generator is needed


@pytest.fixture
def client_package(tmp_path, schema_document):
    """A Python client generated from the schema, imported from a temporary folder."""
    import json

    schema_file = tmp_path / "schema.json"
    schema_file.write_text(json.dumps(schema_document))
    config_file = tmp_path / "generator.yaml"
    config_file.write_text(GENERATOR_CONFIG)
    generator = Path(sys.executable).parent / "openapi-python-client"
    result = subprocess.run(
        [
            str(generator),
            "generate",
            "--path",
            str(schema_file),
            "--output-path",
            str(tmp_path / "newsapi_client"),
            "--meta",
            "none",
            "--config",
            str(config_file),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Warning" not in result.stdout + result.stderr, result.stdout + result.stderr
    sys.path.insert(0, str(tmp_path))
    try:
        yield importlib.import_module("newsapi_client")
    finally:
        sys.path.remove(str(tmp_path))
        for name in [name for name in sys.modules if name.split(".")[0] == "newsapi_client"]:
            del sys.modules[name]


def cursor_of(url: str | None) -> str | None:
    if not url:
        return None
    return parse_qs(urlsplit(url).query)["cursor"][0]


@live[0]
@live[1]
def test_generated_client_lists_filters_pages_and_posts(live_server, client_package, token):
    """The generated client filters articles, follows the cursor to the end and ingests an article once."""
    from importlib import import_module

    api = import_module("newsapi_client.api.v1")
    list_articles = import_module(f"{api.__name__}.v1_articles_list")
    create_article = import_module(f"{api.__name__}.v1_articles_create")
    retrieve_job = import_module(f"{api.__name__}.v1_jobs_retrieve")
    retrieve_article = import_module(f"{api.__name__}.v1_articles_retrieve")
    models = import_module("newsapi_client.models")

    # Reads are public: the generated read functions take a plain client; writes need the token.
    read_client = typing.get_type_hints(list_articles.sync)["client"]
    assert client_package.Client in (typing.get_args(read_client) or (read_client,))
    assert typing.get_type_hints(create_article.sync)["client"] is client_package.AuthenticatedClient

    old = [ArticleFactory(published_at=dt.date(2024, 1, 1 + i)) for i in range(3)]
    new = [ArticleFactory(published_at=dt.date(2025, 6, 1 + i)) for i in range(4)]
    ceasefire = ArticleFactory(title="Ceasefire talks in Istanbul", published_at=dt.date(2025, 6, 9))
    for article in old + new + [ceasefire]:
        article_index_for_search(article=article)  # factories skip the full-text vector (PostgreSQL)

    reader = client_package.Client(base_url=live_server.url, raise_on_unexpected_status=True)
    with reader as client:
        recent = list_articles.sync(client=client, published_after=dt.date(2025, 1, 1), page_size=50)
        assert sorted(row.id for row in recent.results) == sorted([a.id for a in new] + [ceasefire.id])
        assert all(row.published_at >= dt.date(2025, 1, 1) for row in recent.results)
        found = list_articles.sync(client=client, q="ceasefire")
        assert [row.id for row in found.results] == [ceasefire.id]
        assert found.results[0].title == "Ceasefire talks in Istanbul"

        seen, cursor, pages = [], None, 0
        while True:
            page = list_articles.sync(client=client, page_size=3, cursor=cursor)
            seen += [row.id for row in page.results]
            pages += 1
            cursor = cursor_of(page.next_)
            if cursor is None:
                break
        assert pages == 3
        assert seen == sorted(seen, key=lambda i: seen.index(i))  # no row twice
        assert sorted(seen) == sorted(a.id for a in old + new + [ceasefire])

    writer = client_package.AuthenticatedClient(
        base_url=live_server.url, token=token, prefix="Token", raise_on_unexpected_status=True
    )
    with writer as client:
        body = models.ArticleCreateRequest(raw_text=RAW_ARTICLE, source="Test Wire")
        first = create_article.sync_detailed(client=client, body=body)
        assert first.status_code == 202, first.content
        assert first.parsed.state == "succeeded" and first.parsed.created_article is True
        polled = retrieve_job.sync(client=client, id=str(first.parsed.id))
        assert polled.article == first.parsed.article
        assert retrieve_article.sync(client=client, id=str(first.parsed.article)).source.name == "Test Wire"
        again = create_article.sync_detailed(
            client=client, body=models.ArticleCreateRequest(raw_text=RAW_ARTICLE)
        )
        assert again.status_code == 202, again.content
        assert again.parsed.created_article is False
        assert again.parsed.article == first.parsed.article


# ---------------------------------------------------------------- what the clients found, pinned


def forged_cursor(payload) -> str:
    raw = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    return base64.urlsafe_b64encode(raw).decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "forge",
    [
        lambda order, width: b"p=abc",
        lambda order, width: b"\xff\xfe",
        lambda order, width: ["not", "an", "object"],
        lambda order, width: {"o": order, "p": ["2025-13-45"] * width},
        lambda order, width: {"o": order, "p": ["\x00"] * width},
        lambda order, width: {"o": order, "p": [None] * width},
        lambda order, width: {"o": order, "p": [{"id": 1}] * width},
        lambda order, width: {"o": order, "p": [2**70] * width},
        lambda order, width: {"o": order, "p": [1] * (width + 1)},
        lambda order, width: {"o": "start,id", "p": [1] * width},
    ],
)
def test_a_forged_cursor_is_a_400_naming_the_cursor(api_client, forge):
    """A cursor that does not decode, holds no value of the ordering's keys or was made for another
    ordering is a client error naming `cursor`, never a 404 or a server error."""
    QuoteFactory()
    for url, order, width in [
        ("/api/v1/articles/", "-published_at,-id", 2),
        ("/api/v1/quotes/", "-id", 1),
        ("/api/v1/articles/?ordering=title", "title,id", 2),
    ]:
        response = api_client.get(url, {"cursor": forged_cursor(forge(order, width))})
        assert response.status_code == 400, (url, response.content)
        assert [error["field"] for error in response.json()["errors"]] == ["cursor"]
        assert response.json()["message"].startswith("cursor: Invalid cursor")


@pytest.mark.django_db
def test_an_id_filter_beyond_64_bits_is_a_400_naming_it(api_client):
    """Ids past 2^63-1 would overflow the database's integer: a 400 naming the filter."""
    response = api_client.get("/api/v1/articles/", {"source": 2**63})
    assert response.status_code == 400
    assert [error["field"] for error in response.json()["errors"]] == ["source"]


@pytest.mark.django_db
def test_export_errors_are_json_whatever_the_format(api_client, editor_client):
    """A refused export request answers in the JSON error shape, not in CSV."""
    response = api_client.generic("TRACE", "/api/v1/quotes/export/?format=csv")
    assert (response.status_code, response["Content-Type"]) == (401, "application/json")
    response = editor_client.generic("TRACE", "/api/v1/quotes/export/?format=csv")
    assert response.status_code == 405
    assert response["Content-Type"] == "application/json"
    assert response.json()["status"] == 405
    response = api_client.get("/api/v1/quotes/export/", {"format": "xml"})
    assert response.status_code == 400
    assert [error["field"] for error in response.json()["errors"]] == ["format"]


# A list that leaves rows out of its results says how many beside the envelope (the timeline's undated).
ENVELOPE_EXTRAS = {"/api/v1/entities/{id}/timeline/": {"undated"}}


@pytest.mark.django_db
def test_every_list_is_documented_with_the_one_cursor_envelope(api_client):
    """Every list operation answers the same envelope (results, next, previous and the cursors alone),
    with no count, and takes cursor and page_size; a list that leaves rows out adds what it counts of them."""
    schema = api_client.get("/api/schema/", {"format": "json"}).json()
    components = schema["components"]["schemas"]
    lists = 0
    for path, operations in schema["paths"].items():
        get = operations.get("get")
        if get is None or path.endswith("/export/"):
            continue
        ref = get["responses"]["200"]["content"]["application/json"]["schema"].get("$ref", "")
        envelope = components[ref.rsplit("/", 1)[-1]] if ref else {}
        if "results" not in envelope.get("properties", {}):
            assert "{id}" in path and not path.endswith("/related/"), f"{path} answers a bare list"
            continue
        lists += 1
        assert set(envelope["properties"]) - ENVELOPE_EXTRAS.get(path, set()) == {
            "results",
            "next",
            "previous",
            "next_cursor",
            "previous_cursor",
        }
        assert {p["name"] for p in get["parameters"]} >= {"cursor", "page_size"}, path
    assert lists >= 14
