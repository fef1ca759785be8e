"""Shared fixtures: an API client and the seed articles."""

import uuid
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = REPO_ROOT / "seeds"


def pytest_configure(config):
    """Tests count the queries of a request: throttle counts go to a process-local cache, not to the
    database cache table a deployment shares between workers (the throttle tests count in each kind of
    cache through the throttle_cache fixture; tests marked shared_cache get the configured one).
    Set here, not in a fixture, because the fuzzer reads the served schema while collecting."""
    from django.conf import settings

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


@pytest.fixture(autouse=True)
def _configured_cache_when_marked(request):
    if "shared_cache" in request.keywords:
        from django.core.management import call_command

        import newsapi.settings as configured

        request.getfixturevalue("settings").CACHES = configured.CACHES
        request.getfixturevalue("db")
        call_command("createcachetable", verbosity=0)
    yield


# The Redis database the tests count in (not the deployment's 0, nor the Celery test's broker 3). Nothing
# there is flushed: each test's keys have a prefix of their own and are deleted after it.
TEST_REDIS_URL = "redis://127.0.0.1:6379/14"


@pytest.fixture(params=["local", "database", "redis"])
def throttle_cache(request, settings):
    """Throttle counts in each kind of cache a deployment may count them in: this process's memory, the
    database's table (no REDIS_URL) or Redis (skipped when no server runs here), under a key prefix (and
    a memory) of the test's own, so it starts from no count without clearing a cache others use."""
    from django.core.cache import caches

    prefix = f"test-{uuid.uuid4().hex}"
    backends = {
        "local": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": prefix},
        "database": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "newsapi_cache"},
        "redis": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": TEST_REDIS_URL},
    }
    if request.param == "redis":
        redis = pytest.importorskip("redis")
        server = redis.Redis.from_url(TEST_REDIS_URL, socket_connect_timeout=1)
        try:
            server.ping()
        except redis.exceptions.ConnectionError:
            pytest.skip("no Redis server at 127.0.0.1:6379")
    settings.CACHES = {"default": {**backends[request.param], "KEY_PREFIX": prefix}}
    if request.param == "database":
        from django.core.management import call_command

        request.getfixturevalue("db")
        call_command("createcachetable", verbosity=0)
    yield caches["default"]
    if request.param == "redis":
        keys = list(server.scan_iter(f"{prefix}:*"))
        if keys:
            server.delete(*keys)
        server.close()
    else:
        caches["default"].clear()  # its own memory, or the test database's table


@pytest.fixture(autouse=True)
def _search_window_read_afresh():
    """The search window's first day, and the ends of an ordered search's windows, are remembered per
    process (articles.selectors, newsapi.api.pagination): each test reads its own data's."""
    from articles import selectors
    from newsapi.api import pagination

    selectors._window_start.clear()
    pagination._boundaries.clear()
    yield
    selectors._window_start.clear()
    pagination._boundaries.clear()


@pytest.fixture(autouse=True)
def _jobs_run_in_process():
    """Extraction jobs run in the test's own process (as with no broker), whatever REDIS_URL says;
    tests/test_jobs.py starts a real worker where it means to."""
    from newsapi.celery import app

    app.conf.task_always_eager = True
    yield


@pytest.fixture
def api_client():
    # Imported here so the Django-free extraction tests can run without Django settings.
    from rest_framework.test import APIClient

    return APIClient()


@pytest.fixture
def seed_files() -> list[Path]:
    return sorted(SEEDS_DIR.glob("*.txt"))


@pytest.fixture
def editor(db):
    """A user in the editors group, as `create_api_token` makes."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from newsapi.roles import EDITORS, ensure_groups

    ensure_groups()
    user = get_user_model().objects.create_user(username="editor")
    user.groups.add(Group.objects.get(name=EDITORS))
    return user


@pytest.fixture
def editor_client(editor):
    """An API client sending the editor's token."""
    from knox.models import AuthToken
    from rest_framework.test import APIClient

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {AuthToken.objects.create(user=editor)[1]}")
    return client


@pytest.fixture(scope="module")
def ingested_seeds(django_db_setup, django_db_blocker):
    """The five seeds ingested once per module (extraction is the slow part), removed afterwards.

    Tests that use it run in a transaction that is rolled back, so their changes don't leak.
    """
    from django.core.management import call_command

    from articles.models import Article, Event, Mention, Quote, QuoteGroup, Source, Story
    from entities.models import DeletedEntityName, Entity

    with django_db_blocker.unblock():
        call_command("ingest", str(SEEDS_DIR), verbosity=0)
        yield
        for model in (Event, Quote, QuoteGroup, Mention, Article, Story, Entity, Source, DeletedEntityName):
            model.objects.all().delete()
        for model in (Event, Quote, Mention, Article, Story, Entity):
            model.history.all().delete()
