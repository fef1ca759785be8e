"""Several ingesters of the same files at once end with the database that one ingester storing the
articles one after the other would leave: no duplicate, no lost date, event report or quote group."""

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from articles.models import Article, QuoteGroup
from tests.ingest_snapshot import clear_ingested_rows, database_snapshot

REPO_ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((REPO_ROOT / "seeds").glob("*.txt"))
PROCESSES = 4

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def database_url() -> str:
    settings = connection.settings_dict
    password = f":{settings['PASSWORD']}" if settings.get("PASSWORD") else ""
    return (
        f"postgres://{settings['USER']}{password}@{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}"
        f"/{settings['NAME']}"
    )


def test_four_concurrent_ingesters_leave_what_a_serial_run_leaves(tmp_path):
    """Four processes ingest the same folder in shuffled orders at once; each file is stored once, no
    process fails, and the data equals a serial run storing the articles in the order they were stored."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite lets one writer in at a time: concurrent ingest is a PostgreSQL matter")
    env = {**os.environ, "DATABASE_URL": database_url(), "DB_CONN_MAX_AGE": "0"}
    processes = [
        subprocess.Popen(
            [
                sys.executable,
                "manage.py",
                "ingest",
                *map(str, random.Random(seed).sample(SEEDS, len(SEEDS))),
                "--json",
            ],
            cwd=REPO_ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for seed in range(PROCESSES)
    ]
    reports = []
    for process in processes:
        out, err = process.communicate(timeout=600)
        assert process.returncode == 0, err[-3000:]
        reports.append(json.loads(out))
    outcomes = [row["outcome"] for report in reports for row in report["files"]]
    assert outcomes.count("stored") == len(SEEDS), outcomes
    assert set(outcomes) <= {"stored", "unchanged"}, outcomes

    concurrent = database_snapshot()
    assert len(concurrent["articles"]) == len(SEEDS)
    assert not [group for group in QuoteGroup.objects.all() if group.quotes.count() < 2]
    by_hash = {
        Article.objects.get(pk=pk).content_hash: pk for pk in Article.objects.values_list("pk", flat=True)
    }
    stored_order = sorted(SEEDS, key=lambda path: by_hash[_hash(path)])

    clear_ingested_rows()
    call_command("ingest", *map(str, stored_order), verbosity=0)
    serial = database_snapshot()
    for part in serial:
        assert concurrent[part] == serial[part], part


def _hash(path: Path) -> str:
    from articles.services import article_text_prepare, content_hash

    return content_hash(article_text_prepare(path.read_text(encoding="utf-8")))


def test_an_ingest_waits_for_the_store_lock_past_the_statement_timeout():
    """Waiting for another ingest's commit does not count against statement_timeout, which then holds again."""
    import threading
    import time

    import psycopg
    from django.db import transaction

    from newsapi.db import ARTICLE_STORE_LOCK, lock_article_store

    if connection.vendor != "postgresql":
        pytest.skip("the store lock is PostgreSQL's advisory lock")
    holder = psycopg.connect(database_url())
    holder.execute("SELECT pg_advisory_xact_lock(%s)", [ARTICLE_STORE_LOCK])  # opens a transaction
    release = threading.Timer(0.8, holder.commit)
    release.start()
    started = time.monotonic()
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL statement_timeout = 200")
            lock_article_store()
            assert time.monotonic() - started >= 0.7
            cursor.execute("SHOW statement_timeout")
            assert cursor.fetchone()[0] == "200ms"
    finally:
        # The lock is free once the server has the COMMIT, which may be before the timer's commit()
        # has read its answer: closing the connection under it broke that read.
        release.join()
        holder.close()
