"""Bounded work per request: entity filters are capped and planned cheaply."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsapi.api.filters import MAX_ENTITY_REFS
from tests.factories import ArticleFactory, EntityAliasFactory, EntityFactory, EventFactory, MentionFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/api/v1/articles/", "entity"),
        ("/api/v1/articles/", "speaker"),
        ("/api/v1/quotes/", "entity"),
        ("/api/v1/events/", "participant"),
        ("/api/v1/events/", "location"),
        ("/api/v1/entities/", "related_to"),
        ("/api/v1/stories/", "entity"),
    ],
)
def test_more_entities_than_the_cap_in_one_filter_is_a_400_naming_it(api_client, url, field):
    """One name past the cap is refused before any query runs, naming the filter."""
    names = ",".join(f"Name{number}" for number in range(MAX_ENTITY_REFS + 1))
    with CaptureQueriesContext(connection) as queries:
        response = api_client.get(url, {field: names})
    assert response.status_code == 400
    assert [error["field"] for error in response.json()["errors"]] == [field]
    assert str(MAX_ENTITY_REFS) in response.json()["message"]
    assert len(queries) == 0


def test_names_are_resolved_in_one_query_and_the_list_never_joins_aliases(
    api_client, django_assert_max_num_queries
):
    """However many names a filter holds, they cost one lookup, and the list's query is a plain
    semi-join per name over the mentions (no alias join for the planner to multiply)."""
    entities = [EntityFactory(name=f"Person Number{number}") for number in range(MAX_ENTITY_REFS)]
    article = ArticleFactory()
    for entity in entities:
        EntityAliasFactory(entity=entity, name=f"Nick{entity.id}")
        MentionFactory(article=article, entity=entity)
    ArticleFactory()
    names = ",".join(f"Nick{entity.id}" if n % 2 else entity.name for n, entity in enumerate(entities))
    with django_assert_max_num_queries(3), CaptureQueriesContext(connection) as queries:
        response = api_client.get("/api/v1/articles/", {"entity": names})
    assert [row["id"] for row in response.json()["results"]] == [article.id]
    listing = [q["sql"] for q in queries if "articles_article" in q["sql"]]
    assert listing and all("entityalias" not in sql for sql in listing)


# ---------------------------------------------------------------- errors in the one shape


def assert_error_shape(response, status: int) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["status"] == status and body["message"] and isinstance(body["errors"], list)
    return body


def test_a_database_outage_is_a_json_503_with_retry_after(api_client, monkeypatch):
    """A database that refuses connections gives 503 in the error shape, asking to retry later."""
    from django.db import OperationalError
    from django.db.backends.utils import CursorWrapper

    def refuse(*args, **kwargs):
        raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")

    monkeypatch.setattr(CursorWrapper, "execute", refuse)
    for url in ["/api/v1/articles/", "/api/v1/entities/1/", "/api/v1/stories/?q=talks"]:
        body = assert_error_shape(api_client.get(url), 503)
        assert body["code"] == "unavailable"
    assert api_client.get("/api/v1/articles/")["Retry-After"]


def test_a_database_outage_outside_the_api_is_a_503_too(client, monkeypatch):
    """The admin, whose session read fails before any view, answers 503 rather than a 500 page."""
    from django.db import OperationalError
    from django.db.backends.utils import CursorWrapper

    def refuse(*args, **kwargs):
        raise OperationalError("the database system is shutting down")

    monkeypatch.setattr(CursorWrapper, "execute", refuse)
    client.raise_request_exception = False
    client.cookies["sessionid"] = "a" * 32
    response = client.get("/admin/")
    assert response.status_code == 503 and response["Retry-After"]


def test_an_unexpected_error_in_the_api_is_a_json_500(api_client, monkeypatch):
    """A bug is still a 500, but in the error shape rather than an HTML page."""
    from articles import selectors

    def broken():
        raise RuntimeError("a bug")

    monkeypatch.setattr(selectors, "article_list", broken)
    api_client.raise_request_exception = False
    body = assert_error_shape(api_client.get("/api/v1/articles/"), 500)
    assert "a bug" not in body["message"]


def test_a_query_string_over_the_limit_is_a_json_414(api_client, settings):
    """A query string longer than NEWSAPI_MAX_QUERY_STRING is refused before any work."""
    settings.NEWSAPI_MAX_QUERY_STRING = 100
    body = assert_error_shape(api_client.get("/api/v1/articles/", {"q": "x" * 101}), 414)
    assert "100" in body["message"]
    assert api_client.get("/api/v1/articles/", {"q": "x" * 50}).status_code == 200


def test_a_body_over_the_upload_limit_is_a_json_413(editor_client, settings):
    """Any write whose body is larger than Django accepts gets a 413 in the error shape."""
    entity = EntityFactory()
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    for content_type, body in [
        ("application/json", '{"role": "' + "x" * 2000 + '"}'),
        ("application/x-www-form-urlencoded", "role=" + "x" * 2000),
    ]:
        response = editor_client.generic("PATCH", f"/api/v1/entities/{entity.id}/", body, content_type)
        assert_error_shape(response, 413)


def test_a_wrong_method_is_a_json_405(editor_client):
    """DELETE on a read-only list is a 405 in the error shape."""
    assert_error_shape(editor_client.delete("/api/v1/stories/"), 405)


# ---------------------------------------------------------------- throttling, client address, timeouts


@pytest.mark.shared_cache
def test_throttle_counts_live_in_a_cache_every_worker_shares():
    """Without REDIS_URL the cache is the database's table (shared by every worker); with it, Redis."""
    from django.conf import settings

    assert settings.CACHES["default"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    redis = run_settings({"REDIS_URL": "redis://127.0.0.1:6379/3"}, "s.CACHES['default']['BACKEND']")
    assert redis == "django.core.cache.backends.redis.RedisCache"


@pytest.mark.parametrize("throttle_cache", ["database", "redis"], indirect=True)
def test_a_throttled_client_stays_throttled_in_another_worker(api_client, monkeypatch, throttle_cache):
    """The count is kept in the shared cache (the database's table, or Redis): a fresh process-local cache
    handler (another worker) still sees it, so spreading requests over workers does not multiply the rate."""
    from django.core.cache import caches

    from newsapi.api.throttling import ClientRateThrottle

    monkeypatch.setattr(ClientRateThrottle, "THROTTLE_RATES", {"anon": "2/min", "user": "100/min"})
    monkeypatch.setattr(ClientRateThrottle, "timer", lambda self: 60.0 * 16_000_000 + 30)  # mid-minute
    assert api_client.get("/api/v1/stories/").status_code == 200
    assert api_client.get("/api/v1/stories/").status_code == 200
    caches.close_all()
    del caches["default"]  # the next request builds its cache handler anew, as another process would
    assert_error_shape(api_client.get("/api/v1/stories/"), 429)


@pytest.mark.parametrize(("num_proxies", "throttled"), [(0, True), (1, False)])
@pytest.mark.parametrize("throttle_cache", ["local"], indirect=True)
def test_a_forged_forwarded_for_does_not_escape_the_throttle(
    api_client, monkeypatch, throttle_cache, num_proxies, throttled
):
    """With no proxy (NUM_PROXIES=0) X-Forwarded-For is ignored, so a new one per request changes
    nothing; behind one proxy the address it appended counts."""
    from rest_framework.settings import api_settings

    from newsapi.api.throttling import ClientRateThrottle

    monkeypatch.setattr(ClientRateThrottle, "THROTTLE_RATES", {"anon": "2/min", "user": "100/min"})
    monkeypatch.setattr(ClientRateThrottle, "timer", lambda self: 60.0 * 16_000_000 + 30)  # mid-minute
    monkeypatch.setattr(api_settings, "NUM_PROXIES", num_proxies)
    statuses = [
        api_client.get("/api/v1/stories/", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}").status_code for n in range(3)
    ]
    assert statuses == ([200, 200, 429] if throttled else [200, 200, 200])


def test_the_client_address_setting_comes_from_the_environment():
    """NUM_PROXIES is read from the environment, 0 (trust no forwarded header) by default."""
    from django.conf import settings

    assert settings.REST_FRAMEWORK["NUM_PROXIES"] == int(os.environ.get("NUM_PROXIES", "0"))
    assert run_settings({"NUM_PROXIES": "2"}, "s.REST_FRAMEWORK['NUM_PROXIES']") == "2"


def test_web_processes_read_without_parallel_plans_or_jit():
    """The WSGI and ASGI entry points set DB_WEB_READS=1: their PostgreSQL sessions plan no parallel
    workers and no JIT; a management command's keep the server's settings."""
    env = {"DATABASE_URL": "postgres://u@127.0.0.1:5432/x", "DB_STATEMENT_TIMEOUT_MS": "1500"}
    web = "-c statement_timeout=1500 -c max_parallel_workers_per_gather=0 -c jit=off"
    assert run_settings({**env, "DB_WEB_READS": "1"}, "s.DATABASES['default']['OPTIONS']['options']") == web
    for entry in ("wsgi", "asgi"):
        code = f"import newsapi.{entry}; from django.conf import settings as s; print(s.DATABASES['default']['OPTIONS']['options'])"
        started = subprocess.run(
            [sys.executable, "-c", code],
            env={**os.environ, **env, "DJANGO_SETTINGS_MODULE": "newsapi.settings"},
            capture_output=True,
            text=True,
            check=True,
        )
        assert started.stdout.strip() == web
    assert run_settings({**env, "DB_STATEMENT_TIMEOUT_MS": "0"}, "s.DATABASES['default'].get('OPTIONS')") in (
        "None",
        "{}",
    )


def test_postgresql_statements_are_cut_off_by_a_timeout():
    """Every PostgreSQL connection runs with statement_timeout (DB_STATEMENT_TIMEOUT_MS, 30 s default)."""
    options = run_settings(
        {"DATABASE_URL": "postgres://u@127.0.0.1:5432/x", "DB_STATEMENT_TIMEOUT_MS": "1500"},
        "s.DATABASES['default']['OPTIONS']['options']",
    )
    assert options == "-c statement_timeout=1500"
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW statement_timeout")
            assert cursor.fetchone()[0] == "30s"


# ---------------------------------------------------------------- deployment


PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "k" * 20 + "-production-key-with-many-different-characters-0123456789",
    "ALLOWED_HOSTS": "news.example.org",
    "HTTPS": "1",
    "SECURE_HSTS_PRELOAD": "1",
}


def run_settings(env: dict, expression: str) -> str:
    """Evaluate ``expression`` over newsapi.settings imported afresh in a process with ``env``."""
    code = f"import newsapi.settings as s; print({expression})"
    result = subprocess.run(
        [sys.executable, "-c", code], env={**os.environ, **env}, capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def test_check_deploy_is_clean_with_the_documented_production_variables():
    """`manage.py check --deploy` finds nothing when the README's production variables are set."""
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=Path(__file__).resolve().parent.parent,
        # test_browser.py sets DJANGO_ALLOW_ASYNC_UNSAFE for the whole session when it is collected;
        # a deployment never has it, and check --deploy rightly flags it.
        env={**{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}, **PRODUCTION},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_https_switches_follow_the_environment():
    """HTTPS=1 turns on Secure cookies, HSTS and the redirect; the redirect can be left to a proxy."""
    assert run_settings(
        PRODUCTION, "(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT)"
    ) == ("(True, True, True)")
    assert int(run_settings(PRODUCTION, "s.SECURE_HSTS_SECONDS")) >= 31536000
    assert run_settings({**PRODUCTION, "SECURE_SSL_REDIRECT": "0"}, "s.SECURE_SSL_REDIRECT") == "False"
    assert run_settings({"HTTPS": "0"}, "(s.SESSION_COOKIE_SECURE, s.SECURE_HSTS_SECONDS)") == "(False, 0)"


def test_api_tokens_are_stored_hashed_and_still_authorise(api_client, capsys):
    """The token table holds a digest and a short lookup prefix, never the key a client sends;
    the printed key works, a guessed one does not, and --rotate revokes the older keys."""
    from django.core.management import call_command
    from knox.models import AuthToken

    call_command("create_api_token", "robot")
    key = capsys.readouterr().out.strip()
    stored = AuthToken.objects.get(user__username="robot")
    assert key not in (stored.digest, stored.token_key) and key not in repr(list(AuthToken.objects.values()))
    entity = EntityFactory()
    url = f"/api/v1/entities/{entity.id}/"
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api_client.patch(url, {"role": "Spokesperson"}, format="json").status_code == 200
    api_client.credentials(
        HTTP_AUTHORIZATION=f"Token {stored.token_key}{'0' * (len(key) - len(stored.token_key))}"
    )
    assert_error_shape(api_client.patch(url, {"role": "Mayor"}, format="json"), 401)
    call_command("create_api_token", "robot", "--rotate")
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert_error_shape(api_client.patch(url, {"role": "Mayor"}, format="json"), 401)


def test_a_superscript_digit_in_an_entity_or_source_filter_is_a_400_not_a_500(api_client):
    """'²' passes str.isdigit but is no number: it is read as a name, or refused, never a crash."""
    for params in [{"entity": "²"}, {"source": "²"}]:
        response = api_client.get("/api/v1/articles/", params)
        assert response.status_code in (200, 400), response.content
        assert response["Content-Type"] == "application/json"


def test_a_patch_on_a_malformed_id_is_a_404(editor_client):
    """A PATCH whose id is not a number finds nothing, as a GET does."""
    response = editor_client.patch("/api/v1/articles/null,null/", {"title": "x"}, format="json")
    assert_error_shape(response, 404)


def test_an_entity_filter_joins_the_links_once_however_many_names_it_holds(api_client):
    """The list's query reads the mention table once for 2 names and for 10: its plan does not grow
    with the number of names (PostgreSQL's planning time did, steeply, with a semi-join per name)."""
    entities = [EntityFactory() for _ in range(MAX_ENTITY_REFS)]
    both, one = ArticleFactory(), ArticleFactory()
    for entity in entities:
        MentionFactory(article=both, entity=entity)
    MentionFactory(article=one, entity=entities[0])
    sql = {}
    for count in (2, MAX_ENTITY_REFS):
        with CaptureQueriesContext(connection) as queries:
            body = api_client.get(
                "/api/v1/articles/", {"entity": ",".join(str(e.id) for e in entities[:count])}
            )
        assert [row["id"] for row in body.json()["results"]] == [both.id]
        (sql[count],) = [q["sql"] for q in queries if "articles_article" in q["sql"]]
    assert sql[2].count("entities_mention") == sql[MAX_ENTITY_REFS].count("entities_mention") <= 2


def test_a_one_entity_filter_is_a_plain_semi_join(api_client):
    """With one entity the filter groups nothing: the database may walk the list's ordered index and
    probe the links per row until the page is full (grouping first made a prolific participant's
    events take a second at 150,000 events)."""
    lavrov, fidan = EntityFactory(), EntityFactory()
    event = EventFactory(participants=[lavrov])
    EventFactory(participants=[fidan])
    for params, grouped in (
        ({"participant": lavrov.id}, False),
        ({"participant": f"{lavrov.id},{fidan.id}"}, True),
    ):
        with CaptureQueriesContext(connection) as queries:
            body = api_client.get("/api/v1/events/", params).json()
        assert [row["id"] for row in body["results"]] == ([] if grouped else [event.id])
        (page,) = [
            q["sql"] for q in queries if 'FROM "articles_event"' in q["sql"] and "ORDER BY" in q["sql"]
        ]
        assert ("HAVING" in page) is grouped
