"""The articles list's ``author`` filter at scale (PostgreSQL): what a page costs as the archive and an
author's article count grow.

    python benchmarks/author_filter_scale.py [--articles 1000000] [--requests 20]
        [--database-url postgres://postgres@127.0.0.1:5432/bench_author_filter] [--keep] [--reuse]

A scratch database is created and migrated, then grown with ``INSERT ... SELECT`` over
``generate_series``: ``--articles`` articles spread over three years, each with one author of 20,000
(50 articles each, spread over the whole range), and four authors beside them: ``prolific`` on every
20th article (5 % of the archive), ``busy`` on every 200th, ``regular`` on every 5,000th, ``old`` on the
five oldest articles only (an author whose articles a walk of the list's order would reach last). Each
name is asked in another case than stored. Every request goes through the API in-process (the real
filter, serializer and pagination, ``page_size=25``); median and slowest of ``--requests`` requests,
then ``EXPLAIN (ANALYZE, BUFFERS)`` of each page query.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/bench_author_filter"
AUTHORS = 20_000
# name, every n-th article (None: the five oldest)
NAMED = [("prolific", 20), ("busy", 200), ("regular", 5_000), ("old", None)]


def _admin(url: str):
    import psycopg

    admin = url.rsplit("/", 1)[0] + "/postgres"
    return psycopg.connect(admin, autocommit=True)


def create_database(url: str) -> None:
    name = url.rsplit("/", 1)[1]
    with _admin(url) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


def drop_database(url: str) -> None:
    from django.db import connections

    connections.close_all()
    name = url.rsplit("/", 1)[1]
    with _admin(url) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')


def grow(articles: int) -> float:
    from django.db import connection

    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO articles_source (name, domain, article_count) VALUES ('Bench Outlet', '', 0);
            INSERT INTO articles_article (
                title, body, raw_text, content_hash, url, source_id, authors, published_at,
                published_at_confidence, published_at_evidence, published_at_conflicts, published_at_clues,
                published_at_verified, language, fingerprint, removed_lines, extracted_dates, entity_types,
                is_edited, edited_fields, created_at, updated_at
            )
            SELECT 'Headline ' || i, '', '', md5(i::text) || md5((i + 1)::text), '',
                   (SELECT id FROM articles_source LIMIT 1),
                   jsonb_build_array('Author ' || (i %% %(authors)s)),
                   DATE '2023-01-01' + (i * 1095 / %(articles)s), 0.9, '', '[]', '[]', false, 'en', '{}',
                   '[]', '[]', 0, false, '[]', now(), now()
            FROM generate_series(1, %(articles)s) AS i
            """,
            {"articles": articles, "authors": AUTHORS},
        )
        cursor.execute(
            "INSERT INTO articles_articleauthor (article_id, key, published_at) SELECT id, "
            "'author ' || ((id - (SELECT MIN(id) FROM articles_article) + 1) %% %s), published_at FROM articles_article",
            [AUTHORS],
        )
        for name, every in NAMED:
            if every is None:
                cursor.execute(
                    "INSERT INTO articles_articleauthor (article_id, key, published_at) "
                    "SELECT id, %s, published_at FROM articles_article ORDER BY published_at, id LIMIT 5",
                    [name],
                )
            else:
                cursor.execute(
                    "INSERT INTO articles_articleauthor (article_id, key, published_at) "
                    "SELECT id, %s, published_at FROM articles_article WHERE id %% %s = 0",
                    [name, every],
                )
        cursor.execute("VACUUM ANALYZE articles_article")
        cursor.execute("VACUUM ANALYZE articles_articleauthor")
    return time.perf_counter() - started


def measure(requests: int) -> list[tuple[str, int, float, float, str]]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from rest_framework.test import APIClient

    client = APIClient()
    rows = []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT key, COUNT(*) FROM articles_articleauthor WHERE key = ANY(%s) GROUP BY key",
            [["prolific", "busy", "regular", "old", "author 7"]],
        )
        counts = dict(cursor.fetchall())
    # With another filter (language=en: every article) the author's articles are read by id and sorted,
    # the plan of an author alone before migration 0028: both in the same run, under the same load.
    for name in ["PROLIFIC", "Busy", "Regular", "OLD", "Author 7"]:
        for extra in ({}, {"language": "en"}):
            params = {"author": name, "page_size": 25, **extra}
            timings = []
            for _ in range(requests):
                started = time.perf_counter()
                response = client.get("/api/v1/articles/", params)
                timings.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200, response.content[:300]
            with CaptureQueriesContext(connection) as queries:
                client.get("/api/v1/articles/", params)
            page = next(
                q["sql"] for q in queries if "articles_articleauthor" in q["sql"] and "ORDER BY" in q["sql"]
            )
            with connection.cursor() as cursor:
                cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {page}")
                plan = "\n".join(row[0] for row in cursor.fetchall())
            label = name + (" & language=en (read by id)" if extra else "")
            rows.append(
                (label, counts.get(name.casefold(), 0), statistics.median(timings), max(timings), plan)
            )
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--keep", action="store_true", help="keep the database for --reuse")
    parser.add_argument("--reuse", action="store_true", help="measure the database a --keep run left")
    parser.add_argument("--plans", action="store_true", help="print each page query's plan")
    args = parser.parse_args(argv)

    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsapi.settings")
    os.environ.setdefault("NEWSAPI_THROTTLE_ANON", "1000000/hour")
    # The growth's statements run past the web's statement timeout; reads are planned as a web process's
    # (no parallel workers, no JIT: newsapi/settings.py DB_WEB_READS).
    os.environ["DB_STATEMENT_TIMEOUT_MS"] = "0"
    os.environ.setdefault("DB_WEB_READS", "1")
    if not args.reuse:
        create_database(args.database_url)
    import django

    django.setup()
    from django.core.management import call_command

    grown = None
    if not args.reuse:
        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        call_command("createcachetable", verbosity=0)
        migrated = time.perf_counter() - started
        grown = grow(args.articles)
        print(f"migrated in {migrated:.0f} s, grown to {args.articles:,} articles in {grown:.0f} s")
    rows = measure(args.requests)
    print(f"\n| author asked | its articles | median ms | slowest ms (of {args.requests}) |")
    print("|---|---|---|---|")
    for name, count, median, slowest, _ in rows:
        print(f"| {name} | {count:,} | {median:.1f} | {slowest:.1f} |")
    if args.plans:
        for name, _, _, _, plan in rows:
            print(f"\n{name}:\n{plan}")
    if not args.keep:
        drop_database(args.database_url)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
