"""Every list at scale: newsapi against a raw-SQL floor and a plain DRF peer, on the same gunicorn.

    python benchmarks/list_scale.py [--articles 100000] [--requests 40] [--write-benchmarks]
        [--database-url postgres://postgres@127.0.0.1:5432/bench_list_scale] [--keep] [--reuse]

PostgreSQL only. Steps, each timed:

1. A real base, built once and kept as the template database ``<name>_base``: the seed texts and the
   news-cluster dev articles (``../shared/eval``; 209 texts) ingested through ``article_ingest``, the
   service the command line and the API use (news-cluster's outlet and publication day given as a
   caller would). ``--rebuild-base`` makes it again (after a change to extraction).
2. The database ``<name>`` is created from that template, migrated, and grown to ``--articles`` with
   bulk ``INSERT ... SELECT`` over ``generate_series``: copy ``k`` of every article, story, story key,
   mention, quote, quote group, event, participant and event report, with new ids and content hashes,
   publication and event days shifted by ``(37 k) mod 1095`` days (three years), and the entities
   themselves copied 50 times (names suffixed), copy ``k`` of the rows pointing to entity copy
   ``k mod 50``: a base entity in 40 of the 209 articles is in ~1,000 of 100k and ~9,000 of 1M. Copies
   keep titles, dates, languages, sources, search vectors (articles' and quotes', copied, not computed
   again) and every extracted field, but not the raw text, body or story fingerprint (lists never read
   them; search reads the search vector); the quote and event key tables of ingest are not grown. An
   entity copy's maintained counts (and its counts per source, ``articles_entitysource``, copied with the
   entities) are its base entity's times the article copies that name it (no pass over the mentions); its
   counts per publication day (``articles_entityday``) are the base's rows summed over every copy with the
   copy's day shift; an article's maintained entity types are computed on the base and copied with the
   row (its copy names entity copies of the same types); its (entity, article) pairs
   (``articles_entityarticle``) are copied like its mentions, with the copy's day. For the load, secondary indexes and unique constraints are dropped and the grown
   tables (with the tables whose keys point at them) made ``UNLOGGED``: no WAL for the copy or the index
   builds. They stay unlogged: this is a scratch database (a crash of the server empties them; reads
   are the same). Foreign-key triggers are off during the load (``session_replication_role = replica``:
   the rows are consistent by construction). Each copy walks the series in the outer loop, so a copy's
   ids are one ascending block and the primary keys grow at their right edge. Copies of a large table
   are split in chunks of copies, and the chunks, then the index builds (the two GIN indexes first),
   then ``VACUUM (ANALYZE)`` per table run on ``--build-workers`` connections at once (3; each with
   ``maintenance_work_mem`` 1GB). Per-step times are written to ``var/list-scale-build-<name>.json``
   (``--reuse`` reads them back; a database built elsewhere is described from its own rows).
3. gunicorn with ``newsapi/gunicorn.conf.py`` (2 sync workers, DEBUG off, ``DB_CONN_MAX_AGE=60``,
   throttle counts in a scratch Redis db when Redis answers) serves, from the same process, the real
   API, the floor and the peer (``benchmarks/list_scale_server.py``). The floor is a plain Django view
   running one raw SQL query for the same page (same filters, same order, same keyset position, nested
   collections as JSON subqueries) and serialising with orjson; the peer a plain DRF ModelViewSet with
   a default ModelSerializer, django-filter filters of the same meaning and DRF's CursorPagination.
4. For every list, its default ordering, each documented filter and a deep page (``next`` followed 50
   times, then that page timed), with ``page_size=100``: ``--requests`` requests each to newsapi, the
   floor and the peer, interleaved, one client at a time; median and p99 (the slowest 1 % of the
   requests; with 40 requests, the slowest one). A case whose first request to any of the three takes
   more than 3 s gets 3 requests.
5. In-process, each newsapi case once more under ``CaptureQueriesContext``: its query count; then
   ``EXPLAIN (ANALYZE, BUFFERS)`` of the slowest query of the slowest cases.

Prints Markdown; ``--write-benchmarks`` puts it in BENCHMARKS.md between the ``list_scale`` markers.
The database is dropped at the end unless ``--keep``; ``--reuse`` measures a kept one again (after
applying the migrations added since it was built, then ``ANALYZE``); ``--read-only`` measures a kept one
as it is and writes nothing to it (a shared database, or one migrated by other code: the code measured
must not need a migration it lacks).
Filters take entity and source ids (names cost newsapi one indexed lookup more).
"""

from __future__ import annotations

import argparse
import base64
import http.client
import json
import os
import platform
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))
EVAL_DIR = REPO.parent / "shared" / "eval"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/bench_list_scale"
ENTITY_COPIES = 50
SHIFT_STEP_DAYS = 37
SPAN_DAYS = 1095
DEEP_PAGES = 50
SLOW_FIRST_REQUEST_S = 3.0
# The build runs its statements on this many connections at once (copies of a large table in chunks of
# about COPY_CHUNK_ROWS rows, index builds, VACUUMs), each with this much memory for index builds.
BUILD_WORKERS = 3
COPY_CHUNK_ROWS = 250_000
MAINTENANCE_WORK_MEM = "1GB"
GIN_WORK_MEM = "3GB"
BEGIN_MARK = "<!-- list_scale:begin -->"
END_MARK = "<!-- list_scale:end -->"

# Tables grown by copying, with how each copied row's columns change. ``k`` is the copy (1..copies),
# ``{off[table]}`` the base's largest id in a table, ENTITY(col) the entity copy a copy-k row points to.
ARTICLE_TABLES = {
    "articles_story": {"id": "id + k * {off[articles_story]}"},
    "articles_storycentroid": {
        "story_id": "story_id + k * {off[articles_story]}",
        "first_day": "(first_day + {shift})::date",
        "last_day": "(last_day + {shift})::date",
    },
    "articles_article": {
        "id": "id + k * {off[articles_article]}",
        "story_id": "story_id + k * {off[articles_story]}",
        "content_hash": "md5(content_hash || '-' || k)",
        "published_at": "(published_at + {shift})::date",
        "raw_text": "''",
        "body": "''",
        "fingerprint": "'{{}}'::jsonb",
    },
    "articles_storykey": {
        "id": "id + k * {off[articles_storykey]}",
        "article_id": "article_id + k * {off[articles_article]}",
        "story_id": "story_id + k * {off[articles_story]}",
        "day": "(day + {shift})::date",
    },
    "entities_mention": {
        "id": "id + k * {off[entities_mention]}",
        "article_id": "article_id + k * {off[articles_article]}",
        "entity_id": "ENTITY(entity_id)",
    },
    # An article's (entity, article) pairs: copy k names entity copy k mod ENTITY_COPIES, on its shifted day.
    "articles_entityarticle": {
        "id": "id + k * {off[articles_entityarticle]}",
        "article_id": "article_id + k * {off[articles_article]}",
        "entity_id": "ENTITY(entity_id)",
        "published_at": "(published_at + {shift})::date",
    },
    "articles_quotegroup": {"id": "id + k * {off[articles_quotegroup]}"},
    "articles_quote": {
        "id": "id + k * {off[articles_quote]}",
        "article_id": "article_id + k * {off[articles_article]}",
        "speaker_id": "ENTITY(speaker_id)",
        "group_id": "group_id + k * {off[articles_quotegroup]}",
    },
    "articles_event": {
        "id": "id + k * {off[articles_event]}",
        "location_id": "ENTITY(location_id)",
        "date": "(date + {shift})::date",
    },
    "articles_event_participants": {
        "id": "id + k * {off[articles_event_participants]}",
        "event_id": "event_id + k * {off[articles_event]}",
        "entity_id": "ENTITY(entity_id)",
    },
    "articles_eventreport": {
        "id": "id + k * {off[articles_eventreport]}",
        "event_id": "event_id + k * {off[articles_event]}",
        "article_id": "article_id + k * {off[articles_article]}",
        "event_date": "(event_date + {shift})::date",  # the event's date, shifted with it
    },
}
# Entity copies: ``e`` is 1..ENTITY_COPIES-1. Copy k of an article names entity copy k mod ENTITY_COPIES,
# so an entity copy's counts are its base entity's times the number of article copies that name it.
ENTITY_TABLES = {
    "entities_entity": {
        "id": "id + e * {off[entities_entity]}",
        "mention_count": "mention_count * (({copies} - e) / {entity_copies} + 1)",
        "article_count": "article_count * (({copies} - e) / {entity_copies} + 1)",
        "name": "left(name, 240) || ' ' || e",
        "name_key": "left(name_key, 240) || ' ' || e",
        "slug": "left(slug, 270) || '--' || e",
    },
    "entities_entityalias": {
        "id": "id + e * {off[entities_entityalias]}",
        "entity_id": "entity_id + e * {off[entities_entity]}",
        "name": "left(name, 240) || ' ' || e",
        "name_key": "left(name_key, 240) || ' ' || e",
    },
    # Article copies keep their source: an entity copy's count per source multiplies like its counts.
    "articles_entitysource": {
        "id": "id + e * {off[articles_entitysource]}",
        "entity_id": "entity_id + e * {off[entities_entity]}",
        "article_count": "article_count * (({copies} - e) / {entity_copies} + 1)",
    },
}

# Entity counts by a column of their articles (the entity list's filters read them): recomputed for the
# base, then grown with the entities (per source: copied, as article copies keep their source) or by
# aggregating the base's rows over every copy (per day: copy k's days are shifted, so copies of one entity
# can land on one day).
FACET_TABLES = (
    ("articles_entitysource", "source_id", "source_id"),
    ("articles_entityday", "day", "published_at"),
)
DAY_TABLE = "articles_entityday"


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# ------------------------------------------------------------------------------------------ databases


def admin_url(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    return parts._replace(path="/postgres").geturl().replace("postgres://", "postgresql://", 1)


def database_name(url: str) -> str:
    return urllib.parse.urlsplit(url).path.lstrip("/")


def with_name(url: str, name: str) -> str:
    return urllib.parse.urlsplit(url)._replace(path=f"/{name}").geturl()


def admin_execute(url: str, *statements: str):
    import psycopg

    with psycopg.connect(admin_url(url), autocommit=True) as conn:
        result = None
        for statement in statements:
            result = conn.execute(statement)
        return result.fetchall() if result is not None and result.description else None


def database_exists(url: str, name: str) -> bool:
    return bool(admin_execute(url, f"SELECT 1 FROM pg_database WHERE datname = '{name}'"))


def run_phase(phase: str, database_url: str, *extra: str) -> None:
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "newsapi.settings"}
    done = subprocess.run(
        [sys.executable, __file__, "--phase", phase, *extra], cwd=REPO, env=env, check=False
    )
    if done.returncode:
        raise SystemExit(f"phase {phase} failed ({done.returncode})")


def build_base() -> None:
    """Phase run with DATABASE_URL set to the (empty) base database: migrate, ingest the real texts."""
    import django

    django.setup()
    from django.core.management import call_command

    from articles.services import article_ingest
    from newsapi.extraction.nlp import get_nlp
    from newsapi.extraction.pipeline import extract_article

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    nlp = get_nlp()
    texts: list[tuple[str, str | None, object]] = [
        (path.read_text(encoding="utf-8"), None, None) for path in sorted((REPO / "seeds").glob("*.txt"))
    ]
    labels = EVAL_DIR / "news-cluster-dev" / "labels.tsv"
    if labels.exists():
        from datetime import date

        for line in labels.read_text(encoding="utf-8").splitlines()[1:]:
            name, _, _, published, domain, _ = line.split("\t")
            path = EVAL_DIR / "news-cluster-dev" / "articles" / name
            day = date.fromisoformat(published[:10]) if published else None
            texts.append((path.read_text(encoding="utf-8"), domain.removeprefix("www."), day))
    else:
        log(f"{labels} is missing: the base is the five seed texts only")
    started = time.perf_counter()
    for number, (text, source, day) in enumerate(texts, 1):
        extraction = extract_article(text, published_hint=day, nlp=nlp)
        article_ingest(raw_text=text, source_name=source, published_at=day, extraction=extraction)
        if number % 50 == 0:
            log(f"base: {number} of {len(texts)} texts ingested")
    log(f"base: {len(texts)} texts ingested in {time.perf_counter() - started:.0f} s")


def _columns(cursor, table: str) -> list[str]:
    cursor.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = %s ORDER BY ordinal_position",
        [table],
    )
    return [row[0] for row in cursor.fetchall()]


def _pg_connect(url: str):
    """A psycopg connection for one builder worker: no timeout, WAL-free session, memory for index builds."""
    import psycopg

    conn = psycopg.connect(url.replace("postgres://", "postgresql://", 1), autocommit=True)
    for statement in (
        "SET statement_timeout = 0",
        "SET synchronous_commit = off",
        f"SET maintenance_work_mem = '{MAINTENANCE_WORK_MEM}'",
        "SET max_parallel_maintenance_workers = 2",
        # Rows are made consistent by construction: foreign-key triggers are skipped during the load.
        "SET session_replication_role = replica",
    ):
        conn.execute(statement)
    return conn


def _run_parallel(url: str, jobs: list[tuple], workers: int) -> list[tuple[str, float]]:
    """Run ``(label, sql)`` or ``(label, sql, after)`` jobs on ``workers`` connections, each taking the first
    job in the order given (longest first) whose ``after`` labels (jobs of the same call) are done;
    returns each job's label and seconds."""
    import threading

    pending = [(job[0], job[1], set(job[2]) if len(job) > 2 else set()) for job in jobs]
    finished: set[str] = set()
    done: list[tuple[str, float]] = []
    errors: list[BaseException] = []
    changed = threading.Condition()

    def next_job():
        with changed:
            while pending and not errors:
                for index, (label, sql, after) in enumerate(pending):
                    if after <= finished:
                        del pending[index]
                        return label, sql
                changed.wait(timeout=5)
            return None

    def work() -> None:
        with _pg_connect(url) as conn:
            while (job := next_job()) is not None:
                label, sql = job
                started = time.perf_counter()
                try:
                    conn.execute(sql)
                except BaseException as error:  # reported by the caller
                    with changed:
                        errors.append(error)
                        changed.notify_all()
                    return
                seconds = time.perf_counter() - started
                with changed:
                    done.append((label, seconds))
                    finished.add(label)
                    changed.notify_all()
                log(f"grow: {seconds:6.0f} s  {label[:120]}")

    threads = [threading.Thread(target=work) for _ in range(min(workers, len(jobs)) or 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
    return done


def _with_gin_memory(statement: str) -> str:
    """A GIN build gathers its entries in memory and merges them into the index each time it is full:
    with room for all of them it writes the index once (the articles' search vectors at 1M articles
    hold some 300M entries)."""
    if " USING gin " not in statement:
        return statement
    return f"SET maintenance_work_mem = '{GIN_WORK_MEM}'; {statement}; SET maintenance_work_mem = '{MAINTENANCE_WORK_MEM}'"


def _copy_statement(
    cursor,
    table: str,
    overrides: dict,
    span: tuple[int, int],
    off: dict,
    copies: int,
    entity_copies: int,
    var: str = "k",
) -> str:
    """INSERT ... SELECT of copies ``k_from..k_to`` of the base rows of ``table``. The series is the outer
    loop (LATERAL), so each copy's ids are one ascending block: the primary key grows at its right edge
    instead of taking rows scattered over every copy."""
    columns = _columns(cursor, table)
    shift = f"((k * {SHIFT_STEP_DAYS}) % {SPAN_DAYS})"
    exprs = []
    for column in columns:
        expr = overrides.get(column)
        if expr is None:
            exprs.append(f'"{column}"')
            continue
        expr = expr.format(off=off, shift=shift, copies=copies, entity_copies=entity_copies)
        expr = re.sub(
            r"ENTITY\((\w+)\)",
            lambda m: f"{m.group(1)} + (k % {entity_copies}) * {off['entities_entity']}",
            expr,
        )
        exprs.append(expr)
    key = "story_id" if table == "articles_storycentroid" else "id"
    quoted = ", ".join('"' + column + '"' for column in columns)
    return (
        f"INSERT INTO {table} ({quoted}) SELECT {', '.join(exprs)} "
        f"FROM generate_series({span[0]}, {span[1]}) AS {var} CROSS JOIN LATERAL "
        f"(SELECT * FROM {table} t WHERE t.{key} <= {off.get(table, off['articles_story'])} AND {var} > 0) AS b"
    )


def _drop_secondary_indexes(cursor, tables: list[str]) -> list[str]:
    """Drop every index but the primary keys (unique constraints included); returns the statements
    that make them again."""
    cursor.execute(
        """
        SELECT c.conname, c.conrelid::regclass::text, pg_get_constraintdef(c.oid)
        FROM pg_constraint c WHERE c.contype = 'u' AND c.conrelid::regclass::text = ANY(%s)
        """,
        [tables],
    )
    constraints = cursor.fetchall()
    cursor.execute(
        """
        SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
        FROM pg_index i
        WHERE i.indrelid::regclass::text = ANY(%s) AND NOT i.indisprimary
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
        """,
        [tables],
    )
    indexes = cursor.fetchall()
    again = []
    for name, table, definition in constraints:
        cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
        again.append(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
    for name, definition in indexes:
        cursor.execute(f"DROP INDEX {name}")
        again.append(definition)
    return again


def _set_unlogged(cursor, tables: list[str]) -> list[str]:
    """Make ``tables`` UNLOGGED (no WAL for the load and the index builds), with every table whose foreign
    keys point at them (a logged table cannot reference an unlogged one), referencing tables first.
    Returns the tables changed."""
    cursor.execute(
        "SELECT conrelid::regclass::text, confrelid::regclass::text FROM pg_constraint "
        "WHERE contype = 'f' AND conrelid <> confrelid"
    )
    edges = cursor.fetchall()
    todo = set(tables)
    while True:
        more = {src for src, dst in edges if dst in todo and src not in todo}
        if not more:
            break
        todo |= more
    done: list[str] = []
    while len(done) < len(todo):
        ready = sorted(
            table
            for table in todo - set(done)
            if all(src in done for src, dst in edges if dst == table and src in todo)
        )
        if not ready:
            raise RuntimeError(f"foreign keys in a cycle among {sorted(todo - set(done))}")
        for table in ready:
            cursor.execute(f"ALTER TABLE {table} SET UNLOGGED")
            done.append(table)
    return done


def grow(target_articles: int, workers: int = BUILD_WORKERS) -> dict:
    """Phase run on the database made from the base: copy the rows up to ``target_articles``."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    url = os.environ["DATABASE_URL"]
    timings: dict = {"steps": {}}
    tables = list(ENTITY_TABLES) + list(ARTICLE_TABLES)
    with connection.cursor() as cursor:
        cursor.execute("SET statement_timeout = 0")
        refresh_maintained_counts(cursor)  # the base's counts, multiplied for each copy below
        # The base's postings name their article's story now (no merged story to follow), so each copy's
        # postings name the copy of their article's story.
        cursor.execute(
            "UPDATE articles_storykey AS k SET story_id = a.story_id FROM articles_article AS a "
            "WHERE a.id = k.article_id AND k.story_id IS DISTINCT FROM a.story_id"
        )
        cursor.execute("DELETE FROM articles_mergedstory")
        days = DAY_TABLE in connection_tables(cursor)
        if days:
            tables.append(DAY_TABLE)
        cursor.execute("SELECT count(*) FROM articles_article")
        base_articles = cursor.fetchone()[0]
        off, base_rows = {}, {}
        for table in tables:
            key = "story_id" if table == "articles_storycentroid" else "id"
            cursor.execute(f"SELECT coalesce(max({key}), 0), count(*) FROM {table}")
            off[table], base_rows[table] = cursor.fetchone()
        copies = max(0, round(target_articles / base_articles) - 1)
        entity_copies = min(ENTITY_COPIES, copies + 1)
        started = time.perf_counter()
        source_columns = set(_columns(cursor, "articles_source"))
        again = _drop_secondary_indexes(cursor, tables)
        unlogged = _set_unlogged(cursor, tables)
        log(f"grow: {len(again)} secondary indexes dropped, {len(unlogged)} tables unlogged")
        jobs = []
        for table, overrides in ENTITY_TABLES.items():
            if entity_copies > 1:
                span = (1, entity_copies - 1)
                statement = _copy_statement(cursor, table, overrides, span, off, copies, entity_copies, "e")
                jobs.append(
                    (base_rows[table] * (entity_copies - 1), f"{table} copies 1-{span[1]}", statement)
                )
        for table, overrides in ARTICLE_TABLES.items():
            rows = base_rows[table] * copies
            chunks = max(1, min(workers, rows // COPY_CHUNK_ROWS)) if copies else 0
            bounds = [round(copies * n / chunks) for n in range(chunks + 1)] if chunks else []
            for low, high in zip(bounds, bounds[1:], strict=False):
                statement = _copy_statement(
                    cursor, table, overrides, (low + 1, high), off, copies, entity_copies
                )
                jobs.append((base_rows[table] * (high - low), f"{table} copies {low + 1}-{high}", statement))
        if days:
            jobs += _day_copy_jobs(cursor, copies, entity_copies, off["entities_entity"], workers)
    connection.close()
    jobs.sort(key=lambda job: -job[0])
    timings["steps"]["copy"] = _run_parallel(url, [(label, sql) for _, label, sql in jobs], workers)
    if copies and "article_count" in source_columns:
        # Every copy of an article keeps its outlet: each outlet's count is its base count times the copies.
        with _pg_connect(url) as conn:
            conn.execute(f"UPDATE articles_source SET article_count = article_count * {copies + 1}")
    if entity_copies > 1:
        # The base entities' counts (their copies' were set by the copy): copy k of an article names
        # entity copy k mod entity_copies.
        times = copies // entity_copies + 1
        with _pg_connect(url) as conn:
            conn.execute(
                f"UPDATE entities_entity SET mention_count = mention_count * {times}, "
                f"article_count = article_count * {times} WHERE id <= {off['entities_entity']}"
            )
            conn.execute(
                f"UPDATE articles_entitysource SET article_count = article_count * {times} "
                f"WHERE entity_id <= {off['entities_entity']}"
            )
    if days:
        with _pg_connect(url) as conn:
            conn.execute("DROP TABLE list_scale_entityday_base")
    timings["copy_s"] = time.perf_counter() - started

    started = time.perf_counter()
    attach = []
    builds = []
    for statement in again:
        table = statement.split(" ON ", 1)[1].split()[0] if " ON " in statement else ""
        match = re.match(r'ALTER TABLE (\S+) ADD CONSTRAINT "([^"]+)" (.*)', statement)
        if match:  # a unique constraint: its index is built like the others, then attached
            table, name, definition = match.groups()
            columns = definition.removeprefix("UNIQUE ")
            builds.append((table, f'CREATE UNIQUE INDEX "{name}" ON {table} {columns}'))
            attach.append(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" UNIQUE USING INDEX "{name}"')
        else:
            builds.append((table, statement))
    with _pg_connect(url) as conn:
        sizes = dict(
            conn.execute("SELECT relname, pg_relation_size(relid) FROM pg_stat_user_tables").fetchall()
        )

    def cost(item) -> float:  # GIN builds first (the longest), then by the table's size
        table, statement = item
        return sizes.get(table.split(".")[-1], 0) * (20 if " USING gin " in statement else 1)

    builds.sort(key=cost, reverse=True)
    with _pg_connect(url) as conn:
        tables_by_size = [
            name
            for (name,) in conn.execute(
                "SELECT relname FROM pg_stat_user_tables ORDER BY pg_total_relation_size(relid) DESC"
            ).fetchall()
        ]
    # Each table's VACUUM (ANALYZE) starts once its own indexes are built (it would wait for their lock),
    # while the other tables' indexes are still building.
    jobs = [(statement, _with_gin_memory(statement)) for _, statement in builds]
    jobs += [
        (
            f"VACUUM (ANALYZE) {name}",
            f"VACUUM (ANALYZE) {name}",
            [statement for table, statement in builds if table.split(".")[-1] == name],
        )
        for name in tables_by_size
    ]
    steps = _run_parallel(url, jobs, workers)
    timings["steps"]["index"] = [step for step in steps if not step[0].startswith("VACUUM")]
    timings["steps"]["vacuum"] = [step for step in steps if step[0].startswith("VACUUM")]
    timings["index_and_vacuum_s"] = time.perf_counter() - started
    timings["index_s"] = sum(seconds for _, seconds in timings["steps"]["index"])
    timings["vacuum_analyze_s"] = sum(seconds for _, seconds in timings["steps"]["vacuum"])
    with _pg_connect(url) as conn:
        for statement in attach:
            conn.execute(statement)
        for table in tables:
            if table == "articles_storycentroid":
                continue
            conn.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"
            )
    with _pg_connect(url) as conn:
        timings["articles"] = conn.execute("SELECT count(*) FROM articles_article").fetchone()[0]
        for table in (
            "entities_entity",
            "entities_mention",
            "articles_quote",
            "articles_event",
            "articles_story",
        ):
            timings[table] = conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        timings["database_bytes"] = conn.execute("SELECT pg_database_size(current_database())").fetchone()[0]
    timings["base_articles"] = base_articles
    timings["copies"] = copies
    timings["entity_copies"] = entity_copies
    timings["workers"] = workers
    timings["unlogged"] = unlogged
    return timings


def _day_copy_jobs(cursor, copies: int, entity_copies: int, entity_offset: int, workers: int) -> list[tuple]:
    """The entity counts per day of every copy (the base's included), aggregated from the base's rows: the
    base rows move to a scratch table, and each job writes the rows of a range of entity copies (whose
    rows never meet another job's)."""
    cursor.execute("DROP TABLE IF EXISTS list_scale_entityday_base")
    cursor.execute(
        f"CREATE UNLOGGED TABLE list_scale_entityday_base AS SELECT entity_id, day, article_count FROM {DAY_TABLE}"
    )
    cursor.execute("SELECT count(*) FROM list_scale_entityday_base")
    base_rows = cursor.fetchone()[0]
    cursor.execute(f"TRUNCATE {DAY_TABLE}")
    chunks = max(1, min(workers, entity_copies))
    bounds = [round(entity_copies * n / chunks) for n in range(chunks + 1)]
    jobs = []
    for low, high in zip(bounds, bounds[1:], strict=False):
        statement = (
            f"INSERT INTO {DAY_TABLE} (entity_id, day, article_count) "
            f"SELECT b.entity_id + (k % {entity_copies}) * {entity_offset}, "
            f"(b.day + ((k * {SHIFT_STEP_DAYS}) % {SPAN_DAYS}))::date, sum(b.article_count) "
            f"FROM generate_series(0, {copies}) AS k CROSS JOIN list_scale_entityday_base b "
            f"WHERE k % {entity_copies} >= {low} AND k % {entity_copies} < {high} GROUP BY 1, 2"
        )
        rows = base_rows * (copies + 1) * (high - low) // entity_copies
        jobs.append((rows, f"{DAY_TABLE} entity copies {low}-{high - 1}", statement))
    return jobs


def refresh_maintained_counts(cursor) -> None:
    """Counts and sets kept as columns (where the schema has them) are recomputed on the base, before the
    bulk copy multiplies them."""
    entity_columns = set(_columns(cursor, "entities_entity"))
    if {"mention_count", "article_count"} <= entity_columns:
        cursor.execute(
            """
            UPDATE entities_entity e SET mention_count = c.mentions, article_count = c.articles
            FROM (SELECT entity_id, count(*) AS mentions, count(DISTINCT article_id) AS articles
                  FROM entities_mention GROUP BY entity_id) c
            WHERE c.entity_id = e.id
            """
        )
        log("grow: entity mention/article counts recomputed")
    tables = connection_tables(cursor)
    for table, column, article_column in FACET_TABLES:
        if table not in tables:
            continue
        cursor.execute(f"DELETE FROM {table}")
        cursor.execute(
            f"""
            INSERT INTO {table} (entity_id, {column}, article_count)
            SELECT m.entity_id, a.{article_column}, count(DISTINCT m.article_id)
            FROM entities_mention m JOIN articles_article a ON a.id = m.article_id
            WHERE a.{article_column} IS NOT NULL GROUP BY m.entity_id, a.{article_column}
            """
        )
        log(f"grow: {table} recomputed")
    cursor.execute("DELETE FROM articles_entityarticle")
    cursor.execute(
        "INSERT INTO articles_entityarticle (entity_id, article_id, published_at) "
        "SELECT DISTINCT m.entity_id, m.article_id, a.published_at "
        "FROM entities_mention m JOIN articles_article a ON a.id = m.article_id"
    )
    log("grow: articles_entityarticle recomputed")
    if "article_count" in set(_columns(cursor, "articles_source")):
        cursor.execute(
            "UPDATE articles_source s SET article_count = "
            "(SELECT count(*) FROM articles_article a WHERE a.source_id = s.id)"
        )
        log("grow: source article counts recomputed")
    if "entity_types" in _columns(cursor, "articles_article"):
        # The base articles' entity types (the copies take them with the row: copy k of an article names
        # entity copies of the same types).
        from articles.services import article_entity_types_refresh

        article_entity_types_refresh()
        log("grow: article entity types recomputed")


def connection_tables(cursor) -> set[str]:
    cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
    return {name for (name,) in cursor.fetchall()}


# ------------------------------------------------------------------------------------------ cases


def pick_values() -> dict:
    """Filter values from the grown database: the most linked entities of the first copy, a recent month."""
    from django.db import connection

    def one(sql: str):
        with connection.cursor() as cursor:
            cursor.execute(sql)
            row = cursor.fetchone()
            return row[0] if row else None

    values = {
        "entity": one(
            "SELECT entity_id FROM entities_mention GROUP BY entity_id ORDER BY count(*) DESC LIMIT 1"
        ),
        "speaker": one(
            "SELECT speaker_id FROM articles_quote WHERE speaker_id IS NOT NULL "
            "GROUP BY speaker_id ORDER BY count(*) DESC LIMIT 1"
        ),
        "participant": one(
            "SELECT entity_id FROM articles_event_participants GROUP BY entity_id ORDER BY count(*) DESC LIMIT 1"
        ),
        "location": one(
            "SELECT location_id FROM articles_event WHERE location_id IS NOT NULL "
            "GROUP BY location_id ORDER BY count(*) DESC LIMIT 1"
        ),
        "source": one(
            "SELECT source_id FROM articles_article GROUP BY source_id ORDER BY count(*) DESC LIMIT 1"
        ),
        "story": one(
            "SELECT story_id FROM articles_article WHERE story_id IS NOT NULL "
            "GROUP BY story_id ORDER BY count(*) DESC, story_id DESC LIMIT 1"
        ),
        "article": one(
            "SELECT article_id FROM articles_quote GROUP BY article_id ORDER BY count(*) DESC, article_id DESC LIMIT 1"
        ),
        "group": one(
            "SELECT group_id FROM articles_quote WHERE group_id IS NOT NULL "
            "GROUP BY group_id ORDER BY count(*) DESC, group_id DESC LIMIT 1"
        ),
        "event_type": one("SELECT type FROM articles_event GROUP BY type ORDER BY count(*) DESC LIMIT 1"),
        "event_kind": one(
            "SELECT kind FROM articles_event WHERE kind <> '' GROUP BY kind ORDER BY count(*) DESC LIMIT 1"
        ),
        "last_day": one("SELECT max(published_at) FROM articles_article"),
        "first_day": one("SELECT min(published_at) FROM articles_article"),
        "event_last_day": one("SELECT max(date) FROM articles_event"),
    }
    from datetime import timedelta

    values["recent"] = (values["last_day"] - timedelta(days=30)).isoformat()
    values["early"] = (values["first_day"] + timedelta(days=365)).isoformat()
    values["event_recent"] = (values["event_last_day"] - timedelta(days=30)).isoformat()
    values["entity_word"] = one(
        f"SELECT split_part(name, ' ', 1) FROM entities_entity WHERE id = {values['entity']}"
    )
    return values


def cases(v: dict) -> list[tuple[str, str, dict]]:
    """(list, case label, query parameters) for every list: default, each documented filter, deep."""
    out = [
        ("articles", "default", {}),
        ("articles", "q=government", {"q": "government"}),
        ("articles", "q=government, newest first", {"q": "government", "ordering": "-published_at,-id"}),
        # A word in most articles: its matches' GIN bitmap and rows grow with the archive.
        ("articles", "q=said", {"q": "said"}),
        ("articles", "q=said, newest first", {"q": "said", "ordering": "-published_at,-id"}),
        # An order no date index holds (the floor orders by title too; the peer keeps its own order).
        ("articles", "by title", {"ordering": "title"}),
        ("articles", "q=government, by title", {"q": "government", "ordering": "title"}),
        ("articles", "source", {"source": v["source"]}),
        ("articles", "published_after (last 30 days)", {"published_after": v["recent"]}),
        ("articles", "published_before (first year)", {"published_before": v["early"]}),
        ("articles", "entity (most mentioned)", {"entity": v["entity"]}),
        ("articles", "entity_type=person", {"entity_type": "person"}),
        ("articles", "speaker (most quoted)", {"speaker": v["speaker"]}),
        ("articles", "story (largest)", {"story": v["story"]}),
        ("articles", "language=en", {"language": "en"}),
        ("articles", "event_after (last 30 days)", {"event_after": v["event_recent"]}),
        ("articles", "event_before (first year)", {"event_before": v["early"]}),
        ("articles", "deep (page 51)", {"deep": DEEP_PAGES}),
        ("entities", "default", {}),
        ("entities", "type=person", {"type": "person"}),
        ("entities", f"q={v['entity_word']}", {"q": v["entity_word"]}),
        ("entities", "article", {"article": v["article"]}),
        ("entities", "story (largest)", {"story": v["story"]}),
        ("entities", "source", {"source": v["source"]}),
        ("entities", "published_after (last 30 days)", {"published_after": v["recent"]}),
        ("entities", "published_before (first year)", {"published_before": v["early"]}),
        ("entities", "related_to (most mentioned)", {"related_to": v["entity"]}),
        ("entities", "deep (page 51)", {"deep": DEEP_PAGES}),
        ("quotes", "default", {}),
        ("quotes", "speaker (most quoted)", {"speaker": v["speaker"]}),
        ("quotes", "speaker_type=person", {"speaker_type": "person"}),
        ("quotes", "entity (most mentioned)", {"entity": v["entity"]}),
        ("quotes", "article", {"article": v["article"]}),
        ("quotes", "source", {"source": v["source"]}),
        ("quotes", "story (largest)", {"story": v["story"]}),
        ("quotes", "language=en", {"language": "en"}),
        ("quotes", "published_after (last 30 days)", {"published_after": v["recent"]}),
        ("quotes", "published_before (first year)", {"published_before": v["early"]}),
        ("quotes", "kind=direct", {"kind": "direct"}),
        ("quotes", "group (largest)", {"group": v["group"]}),
        ("quotes", "q=government", {"q": "government"}),
        ("quotes", "deep (page 51)", {"deep": DEEP_PAGES}),
        ("events", "default", {}),
        ("events", "date_after (last 30 days)", {"date_after": v["event_recent"]}),
        ("events", "date_before (first year)", {"date_before": v["early"]}),
        ("events", "participant (most frequent)", {"participant": v["participant"]}),
        ("events", "location (most frequent)", {"location": v["location"]}),
        ("events", "entity (most mentioned)", {"entity": v["entity"]}),
        ("events", f"type={v['event_type']}", {"type": v["event_type"]}),
        ("events", f"kind={v['event_kind']}", {"kind": v["event_kind"]}),
        ("events", "main=true", {"main": "true"}),
        ("events", "article", {"article": v["article"]}),
        ("events", "story (largest)", {"story": v["story"]}),
        ("events", "source", {"source": v["source"]}),
        ("events", "deep (page 51)", {"deep": DEEP_PAGES}),
        ("stories", "default", {}),
        ("stories", "article", {"article": v["article"]}),
        ("stories", "entity (most mentioned)", {"entity": v["entity"]}),
        ("stories", "published_after (last 30 days)", {"published_after": v["recent"]}),
        ("stories", "published_before (first year)", {"published_before": v["early"]}),
        ("stories", "q=missile", {"q": "missile"}),
        ("stories", "deep (page 51)", {"deep": DEEP_PAGES}),
        ("sources", "default", {}),
    ]
    return out


# ------------------------------------------------------------------------------------------ HTTP


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Client:
    def __init__(self, port: int):
        self.port = port

    def get(self, path: str) -> tuple[int, float, bytes]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        started = time.perf_counter()
        try:
            conn.request("GET", path, headers={"Accept": "application/json"})
            response = conn.getresponse()
            payload = response.read()
            status = response.status
        finally:
            conn.close()
        return status, time.perf_counter() - started, payload


def local_path(url: str) -> str:
    return urllib.parse.urlsplit(url)._replace(scheme="", netloc="").geturl()


def cursor_position(url: str) -> list:
    """The keyset position a newsapi ``next`` link holds (the floor is given the same one)."""
    cursor = urllib.parse.parse_qs(urllib.parse.urlsplit(url).query)["cursor"][0]
    return json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))["p"]


def case_paths(client: Client, list_name: str, params: dict) -> dict[str, str]:
    """The path each implementation is timed on (a deep case walks ``next`` first)."""
    params = {**params, "page_size": 100}
    deep = params.pop("deep", 0)
    query = urllib.parse.urlencode(params)
    paths = {
        "newsapi": f"/api/v1/{list_name}/?{query}",
        "floor": f"/floor/{list_name}/?{query}",
        "peer": f"/peer/{list_name}/?{query}",
    }
    if not deep:
        return paths
    for name in ("newsapi", "peer"):
        path = paths[name]
        for _ in range(deep):
            status, _, payload = client.get(path)
            if status != 200:
                raise SystemExit(f"GET {path}: {status} {payload[:300]!r}")
            nxt = json.loads(payload)["next"]
            if not nxt:
                break
            path = local_path(nxt)
        paths[name] = path
    position = cursor_position(paths["newsapi"])
    paths["floor"] += "&" + urllib.parse.urlencode({"after": json.dumps(position)})
    return paths


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def measure_case(client: Client, paths: dict[str, str], requests: int, *, primed: bool = False) -> dict:
    times: dict[str, list[float]] = {name: [] for name in paths}
    rows: dict[str, int] = {}
    for name, path in paths.items():  # warm-up, and a check that every implementation answers
        status, seconds, payload = client.get(path)
        if status != 200:  # e.g. a 503 past the statement timeout (DB_STATEMENT_TIMEOUT_MS)
            log(f"GET {path}: {status} after {seconds:.1f} s {payload[:200]!r}")
            return {"failed": f"{name}: {status} after {seconds:.0f} s"}
        rows[name] = len(json.loads(payload)["results"])
        times[name].append(seconds)
    if max(seconds[0] for seconds in times.values()) > SLOW_FIRST_REQUEST_S:
        requests = 3
    for name in times:
        times[name] = []
    for _ in range(requests):
        for name, path in paths.items():
            if primed:
                # Untimed, right before the timed one: each implementation is timed warm, not after
                # sitting idle while the others (the peer: seconds) answered.
                client.get(path)
            status, seconds, payload = client.get(path)
            if status != 200:
                raise SystemExit(f"GET {path}: {status} {payload[:500]!r}")
            times[name].append(seconds)
    return {
        "rows": rows,
        "requests": requests,
        **{
            name: {"median": 1000 * statistics.median(t), "p99": 1000 * percentile(t, 0.99)}
            for name, t in times.items()
        },
    }


def start_server(
    database_url: str, workers: int, redis_url: str | None
) -> tuple[subprocess.Popen, int, object]:
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "benchmarks.list_scale_settings",
        "DB_CONN_MAX_AGE": "60",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "NEWSAPI_THROTTLE_ANON": "100000000/hour",
        "NEWSAPI_THROTTLE_USER": "100000000/hour",
        "GUNICORN_WORKERS": str(workers),
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_ACCESS_LOG": "",
        "GUNICORN_LOG_LEVEL": "warning",
        "GUNICORN_TIMEOUT": "300",
        "PYTHONPATH": str(REPO),
    }
    env.pop("REDIS_URL", None)
    env.pop("CELERY_BROKER_URL", None)
    if redis_url:
        env["REDIS_URL"] = redis_url
    (REPO / "var").mkdir(exist_ok=True)
    log_file = open(REPO / "var" / "list-scale-gunicorn.log", "w")  # noqa: SIM115 - open for the server's life
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", str(REPO / "newsapi" / "gunicorn.conf.py")],
        cwd=REPO,
        env=env,
        stdout=log_file,
        stderr=subprocess.STDOUT,
    )
    client = Client(port)
    for _ in range(240):
        time.sleep(0.5)
        try:
            if client.get("/api/v1/")[0] == 200:
                return server, port, log_file
        except OSError:
            continue
    server.send_signal(signal.SIGTERM)
    raise SystemExit("gunicorn did not answer; see var/list-scale-gunicorn.log")


def scratch_redis() -> str | None:
    try:
        import redis

        url = "redis://127.0.0.1:6379/13"
        redis.Redis.from_url(url).flushdb()
        return url
    except Exception:  # noqa: BLE001 - no Redis: throttle counts go to the database cache table
        return None


# ------------------------------------------------------------------------------------------ in-process


def capture(paths_by_case: dict, slowest: list, explain_count: int) -> tuple[dict, list[str]]:
    """Query count of each newsapi case, and EXPLAIN (ANALYZE, BUFFERS) of the slowest query of the
    ``explain_count`` slowest cases."""
    from django.db import connection
    from django.test import Client as TestClient
    from django.test.utils import CaptureQueriesContext

    client = TestClient()
    counts = {}
    explained = []
    for key, paths in paths_by_case.items():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(paths["newsapi"], HTTP_ACCEPT="application/json")
        assert response.status_code == 200, response.content[:300]
        counts[key] = len(queries.captured_queries)
        if key not in slowest[:explain_count]:
            continue
        plans = []
        with connection.cursor() as cursor:
            for query in queries.captured_queries:
                sql = query["sql"]
                if not sql.lstrip().upper().startswith("SELECT"):
                    continue
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
                plan = [row[0] for row in cursor.fetchall()]
                total = float(re.search(r"Execution Time: ([\d.]+)", plan[-1]).group(1))
                plans.append((total, sql, plan))
        plans.sort(key=lambda p: -p[0])
        total, sql, plan = plans[0]
        explained.append(
            f"#### {key[0]} {key[1]}: slowest of {len(plans)} queries, {total:.1f} ms\n\n"
            f"```sql\n{sql[:1500]}\n```\n\n```\n" + "\n".join(plan[:45]) + "\n```\n"
        )
    return counts, explained


# ------------------------------------------------------------------------------------------ report


def machine_line() -> str:
    load = os.getloadavg()
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{os.cpu_count()} cores ({cpu}), shared with other jobs: load average "
        f"{load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} (1 / 5 / 15 min) at the end of the run; "
        f"Python {platform.python_version()}"
    )


def build_path(url: str) -> Path:
    """Where the build of the database at ``url`` records its steps (one file per database: a reused 1M
    database must not be described by the 100k build that ran since)."""
    return REPO / "var" / f"list-scale-build-{database_name(url)}.json"


def describe_database(url: str) -> dict:
    """A reused database whose build record is missing: its sizes read from its rows, no build times."""
    import psycopg

    with psycopg.connect(url.replace("postgres://", "postgresql://", 1)) as conn:
        build = {
            table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in (
                "articles_article",
                "entities_entity",
                "entities_mention",
                "articles_quote",
                "articles_event",
                "articles_story",
            )
        }
        build["database_bytes"] = conn.execute("SELECT pg_database_size(current_database())").fetchone()[0]
    build["articles"] = build.pop("articles_article")
    return build


def build_line(build: dict) -> str:
    """The build's steps, wall clock, and its longest statements."""
    if "copy_s" not in build:
        return "build times not recorded here (a database built by an earlier run)"
    steps = build.get("steps", {})
    longest = sorted(
        (step for name in ("index", "vacuum") for step in steps.get(name, [])), key=lambda step: -step[1]
    )[:3]
    slow = "; ".join(f"{seconds:.0f} s {label.split(' USING ')[0][:60]}" for label, seconds in longest)
    if "index_and_vacuum_s" in build:
        walls = (
            f"copy {build['copy_s']:.0f} s, indexes and VACUUM ANALYZE {build['index_and_vacuum_s']:.0f} s"
        )
    else:
        walls = (
            f"copy {build['copy_s']:.0f} s, indexes {build['index_s']:.0f} s, "
            f"VACUUM ANALYZE {build['vacuum_analyze_s']:.0f} s"
        )
    workers = build.get("workers")
    return walls + (f" on {workers} connections" if workers else "") + (f" (longest: {slow})" if slow else "")


def report(build: dict, results: dict, counts: dict, explained: list[str], args, pg_version: str) -> str:
    copies = (
        f" ({build['base_articles']} real ones copied {build['copies']} times)" if "copies" in build else ""
    )
    built = (
        f"Built in {build['total_s'] / 60:.1f} min: {build_line(build)}; base from the template."
        if "total_s" in build
        else f"{build_line(build)[0].upper()}{build_line(build)[1:]}."
    )
    lines = [
        f"{build['articles']:,} articles{copies}, "
        f"{build['entities_entity']:,} entities, {build['entities_mention']:,} mentions, "
        f"{build['articles_quote']:,} quotes, {build['articles_event']:,} events, "
        f"{build['articles_story']:,} stories; database {build['database_bytes'] / 2**30:.1f} GiB. {built}",
        "",
        f"{pg_version}; gunicorn `newsapi/gunicorn.conf.py`, {args.workers} sync workers, DEBUG off, "
        f"DB_CONN_MAX_AGE=60; one client; {args.requests} requests per implementation and case "
        "(3 when the first took over 3 s), interleaved. " + machine_line() + ".",
        "",
        "| list | case | rows | queries | newsapi median ms | p99 | floor median | p99 | peer median | p99 "
        "| newsapi / floor | newsapi / peer |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for (list_name, label), r in results.items():
        if "failed" in r:
            lines.append(f"| {list_name} | {label} | | | failed: {r['failed']} | | | | | | | |")
            continue
        n, f, p = r["newsapi"], r["floor"], r["peer"]
        lines.append(
            f"| {list_name} | {label} | {r['rows']['newsapi']} | {counts.get((list_name, label), '')} "
            f"| {n['median']:.1f} | {n['p99']:.1f} | {f['median']:.1f} | {f['p99']:.1f} "
            f"| {p['median']:.1f} | {p['p99']:.1f} | {n['median'] / f['median']:.1f}x "
            f"| {n['median'] / p['median']:.2f}x |"
        )
    over = [
        f"{k[0]} {k[1]} ({r['newsapi']['median'] / r['floor']['median']:.1f}x, p99 {r['newsapi']['p99']:.0f} ms)"
        for k, r in results.items()
        if "failed" not in r
        and (r["newsapi"]["median"] > 4 * r["floor"]["median"] or r["newsapi"]["p99"] > 100)
    ]
    over += [f"{k[0]} {k[1]} ({r['failed']})" for k, r in results.items() if "failed" in r]
    lines += [
        "",
        "Over target (newsapi over 4x the floor, or p99 over 100 ms): " + ("; ".join(over) or "none."),
    ]
    lines += ["", "Slowest newsapi cases, the slowest query of each request:", ""] + explained
    return "\n".join(lines)


def write_benchmarks(text: str, size: int) -> None:
    path = REPO / "BENCHMARKS.md"
    content = path.read_text(encoding="utf-8")
    begin, end = f"<!-- list_scale:{size}:begin -->", f"<!-- list_scale:{size}:end -->"
    block = f"{begin}\n{text}\n{end}"
    if begin in content and end in content:
        content = content[: content.index(begin)] + block + content[content.index(end) + len(end) :]
    else:
        content = content.rstrip("\n") + f"\n\n### {size:,} articles\n\n{block}\n"
    path.write_text(content, encoding="utf-8")


# ------------------------------------------------------------------------------------------ main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument(
        "--primed",
        action="store_true",
        help="send each timed request's twin untimed just before it: every implementation timed warm "
        "(on this 2-core VM a worker idle for 0.2-1 s answers its next request 50-400 ms late, whatever it serves)",
    )
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument("--rebuild-base", action="store_true")
    parser.add_argument("--reuse", action="store_true", help="measure the kept database again")
    parser.add_argument("--keep", action="store_true", help="do not drop the database at the end")
    parser.add_argument(
        "--read-only",
        action="store_true",
        help="measure a kept database as it is (implies --reuse --keep): no migration, no ANALYZE, nothing "
        "written to it; needs Redis (the server's throttle counts would go to the database's cache table)",
    )
    parser.add_argument(
        "--only",
        default="",
        help="comma-separated lists to measure, or cases as LIST:LABEL (e.g. 'articles:q=said') (default: all)",
    )
    parser.add_argument("--explain", type=int, default=6, help="EXPLAIN the slowest N cases")
    parser.add_argument("--write-benchmarks", action="store_true")
    parser.add_argument(
        "--build-workers", type=int, default=BUILD_WORKERS, help="connections building at once"
    )
    parser.add_argument("--phase", choices=["base", "grow"], help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.phase:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsapi.settings")
    if args.phase == "base":
        build_base()
        return 0
    if args.phase == "grow":
        timings = grow(args.articles, args.build_workers)
        (REPO / "var").mkdir(exist_ok=True)
        build_path(os.environ["DATABASE_URL"]).write_text(json.dumps(timings))
        return 0

    if args.read_only:
        args.reuse = args.keep = True
        if scratch_redis() is None:
            raise SystemExit("--read-only needs Redis at 127.0.0.1:6379: the throttle counts go there")
    url = args.database_url
    name = database_name(url)
    base_name = f"{name}_base"
    base_url = with_name(url, base_name)
    build_file = build_path(url)
    if not args.reuse:
        started = time.perf_counter()
        if args.rebuild_base or not database_exists(url, base_name):
            admin_execute(
                url, f'DROP DATABASE IF EXISTS "{base_name}" WITH (FORCE)', f'CREATE DATABASE "{base_name}"'
            )
            log("building the base (real texts through article_ingest)")
            run_phase("base", base_url)
        admin_execute(
            url,
            f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)',
            f'CREATE DATABASE "{name}" TEMPLATE "{base_name}"',
        )
        log(f"growing {name} to {args.articles:,} articles")
        run_phase("grow", url, "--articles", str(args.articles), "--build-workers", str(args.build_workers))
        build = json.loads(build_file.read_text())
        build["total_s"] = time.perf_counter() - started
        build_file.write_text(json.dumps(build))
        log(f"built in {build['total_s'] / 60:.1f} min: {build}")
    build = json.loads(build_file.read_text()) if build_file.exists() else describe_database(url)

    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "benchmarks.list_scale_settings"
    os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
    os.environ["DB_CONN_MAX_AGE"] = "60"
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    if args.reuse and not args.read_only:  # a kept database gets the migrations added since it was built
        from django.core.management import call_command

        with connection.cursor() as cursor:
            cursor.execute("SET statement_timeout = 0")
        call_command("migrate", verbosity=0)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    values = pick_values()
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        pg_version = f"PostgreSQL {cursor.fetchone()[0].split()[0]}"
        cursor.execute("SET statement_timeout = 0")
    log(f"filter values: {values}")

    # A stopped run still stops its gunicorn (the finally below).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    server, port, log_file = start_server(url, args.workers, scratch_redis())
    results: dict = {}
    paths_by_case: dict = {}
    only = {part for part in re.split(r",(?! )", args.only) if part}  # labels hold ", "
    try:
        client = Client(port)
        for list_name, label, params in cases(values):
            if only and list_name not in only and f"{list_name}:{label}" not in only:
                continue
            paths = case_paths(client, list_name, params)
            paths_by_case[(list_name, label)] = paths
            results[(list_name, label)] = result = measure_case(
                client, paths, args.requests, primed=args.primed
            )
            if "failed" in result:
                continue
            log(
                f"{list_name:9} {label:34} newsapi {result['newsapi']['median']:8.1f} / {result['newsapi']['p99']:8.1f} ms"
                f"  floor {result['floor']['median']:7.1f}  peer {result['peer']['median']:8.1f}"
            )
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
        log_file.close()

    measured = [key for key in results if "failed" not in results[key]]
    slowest = sorted(measured, key=lambda key: -results[key]["newsapi"]["p99"])
    paths_by_case = {key: paths_by_case[key] for key in measured}
    counts, explained = capture(paths_by_case, slowest, args.explain)
    text = report(build, results, counts, explained, args, pg_version)
    print(text)
    (REPO / "var" / f"list-scale-{build['articles']}.md").write_text(text)
    if args.write_benchmarks:
        write_benchmarks(text, round(build["articles"], -3))
    connection.close()
    if not args.keep:
        admin_execute(url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        log(f"dropped {name} (the base template {base_name} is kept)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
