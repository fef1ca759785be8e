"""The throttles' database cache table comes with `migrate`: no second command to forget."""

import pytest
from django.core.management import call_command
from django.db import connection

DATABASE_CACHE = {
    "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "newsapi_cache"}
}


@pytest.mark.django_db(transaction=True)
def test_migrate_makes_the_database_cache_table(settings, api_client):
    settings.CACHES = DATABASE_CACHE
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS newsapi_cache")
    assert "newsapi_cache" not in connection.introspection.table_names()

    call_command("migrate", verbosity=0, interactive=False)

    assert "newsapi_cache" in connection.introspection.table_names()
    # The API counts its throttles there: a request is answered, not a 503.
    assert api_client.get("/api/v1/stories/").status_code == 200
