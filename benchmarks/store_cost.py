"""The whole storing step of one article as the archive grows: dated, undated and prolific-speaker articles.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/NAME \\
        python benchmarks/store_cost.py [--sizes 0,10000,100000] [--samples 30]
    python benchmarks/store_cost.py --reuse --replicate 10      # 1M from a 100k database

Builds on ``story_assignment_cost.py`` (same synthetic stories and articles, same ``--reuse`` and
``--replicate`` modes) and adds what the rest of the storing step reads: every stored article
reports two events on its day (types, kinds and titles drawn from a few families, so many events
share a date and a type), its story's three names are stored entities, and one speaker, the
*prolific speaker*, has 20,000 stored quotes (two per article until there are 20,000; Zipf-distributed
words, so the commonest terms sit in most of them). Each new article (extraction given, so the figure
is the storing step alone, entity linking included) carries two events and two quotes of one of its
names; a *prolific* article's quotes are the prolific speaker's, one of them a rewording of a stored
one. Results print as a Markdown table: median, p90 and p95 in milliseconds, and the part spent in quote
grouping and in event matching.
"""

from __future__ import annotations

import json
import re
import sys
import time
from contextlib import contextmanager, nullcontext
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks.story_assignment_cost import (  # noqa: E402
    SyntheticNews,
    _ms,
    archive_arguments,
    load_synthetic,
    open_archive,
    replicate,
    sequences_after_copies,
    stored_story_report,
    synthetic_extraction,
)

PROLIFIC_SPEAKER = "Prolific Speaker"
PROLIFIC_QUOTES = 20_000
# Event families of the synthetic archive: (type, kind, title word).
EVENT_KINDS = [
    ("diplomacy", "talks", "talks"),
    ("diplomacy", "meeting", "meeting"),
    ("diplomacy", "visit", "visit"),
    ("diplomacy", "call", "call"),
    ("conflict", "attack", "attack"),
    ("statement", "announcement", "announcement"),
]
KINDS = ("dated", "undated", "prolific")


def quote_text(news: SyntheticNews, topic: list[str]) -> str:
    """Words a speaker says: common words (Zipf) and a few of the story's topic words."""
    words = news._common(12) + news.rng.sample(topic, min(4, len(topic)))
    news.rng.shuffle(words)
    return " ".join(words).capitalize()


def reworded(news: SyntheticNews, text: str) -> str:
    """Another outlet's rendering of a quote: two words dropped, the rest in another order."""
    words = text.lower().split()
    news.rng.shuffle(words)
    return " ".join(words[2:]).capitalize()


def event_candidates(news: SyntheticNews, title_words: list[str], names: list[str], day: date | None):
    """Two events an article reports on its day."""
    from newsapi.extraction.types import DAY, EventCandidate

    events = []
    for _ in range(2):
        type_, kind, word = news.rng.choice(EVENT_KINDS)
        place = news.rng.choice(title_words)
        events.append(
            EventCandidate(
                title=f"{word.capitalize()} in {place.capitalize()}",
                type=type_,
                kind=kind,
                date=day,
                date_precision=DAY if day else None,
                date_text=None,
                location_name=None,
                participant_names=news.rng.sample(names, min(2, len(names))),
            )
        )
    return events


def load_archive_extras(news: SyntheticNews, *, first_article: int) -> None:
    """For the articles from ``first_article`` on: their events (with reports and keys), their
    story names as entities, and the prolific speaker's quotes up to ``PROLIFIC_QUOTES``."""
    from django.utils.text import slugify

    from articles.models import Article, Event, EventKey, EventReport, Quote
    from entities.models import Entity
    from newsapi.extraction import event_keys
    from newsapi.extraction.names import name_key
    from newsapi.extraction.types import PERSON

    speaker, _ = Entity.objects.get_or_create(
        name_key=name_key(PROLIFIC_SPEAKER),
        type=PERSON,
        defaults={"name": PROLIFIC_SPEAKER, "slug": slugify(PROLIFIC_SPEAKER)},
    )
    quoted = Quote.objects.filter(speaker=speaker).count()
    rows = Article.objects.filter(pk__gte=first_article).order_by("pk")
    rows = rows.values_list("pk", "title", "published_at", "source_id")
    batch: list = []

    def flush() -> None:
        events = Event.objects.bulk_create(
            Event(title=c.title, type=c.type, kind=c.kind, date=c.date, date_precision=c.date_precision or "")
            for _, _, c in batch
        )
        EventReport.objects.bulk_create(
            # The article's source and the event's date are copied onto the report, as ingest does.
            EventReport(
                event=event, article_id=pk, source_id=source, event_date=event.date, start=0, end=1, text="x"
            )
            for event, (pk, source, _) in zip(events, batch, strict=True)
        )
        EventKey.objects.bulk_create(
            EventKey(event=event, key=key, date=event.date)
            for event in events
            for key in event_keys.event_keys(event.title, event.type, event.kind)
        )
        batch.clear()

    names: set[str] = set()
    quotes: list = []
    for pk, title, day, source in rows.iterator(chunk_size=2000):
        words = title.split()
        for candidate in event_candidates(news, words[:5], words[:5], day):
            batch.append((pk, source, candidate))
        names.add(" ".join(words[-2:]))
        for start in range(2):
            if quoted + len(quotes) < PROLIFIC_QUOTES:
                text = quote_text(news, [w.lower() for w in words[:5]])
                quotes.append(
                    Quote(article_id=pk, speaker=speaker, text=text, kind="direct", start=start, end=1)
                )
        if len(batch) >= 4000:
            flush()
    flush()
    insert_quotes(speaker, quotes)
    existing = set(Entity.objects.filter(name__in=names).values_list("name", flat=True))
    Entity.objects.bulk_create(
        (
            Entity(name=name, name_key=name_key(name), type=PERSON, slug=f"{slugify(name)}-{i}")
            for i, name in enumerate(sorted(names - existing))
        ),
        batch_size=5000,
        ignore_conflicts=True,
    )


def insert_quotes(speaker, quotes: list) -> None:
    """A speaker's new quotes with their index keys, 5,000 at a time."""
    from articles.models import Quote, QuoteKey
    from newsapi.extraction import stories

    for chunk in range(0, len(quotes), 5000):
        created = Quote.objects.bulk_create(quotes[chunk : chunk + 5000])
        QuoteKey.objects.bulk_create(
            QuoteKey(quote=quote, speaker=speaker, key=key)
            for quote in created
            for key in stories.quote_keys(quote.text)
        )


def article_extraction(news: SyntheticNews, kind: str, i: int, texts: list[str] | None = None):
    """A new article of ``kind`` with its events and two quotes (every other one a further report);
    ``texts`` gives the quotes' words instead."""
    from articles.models import Quote
    from newsapi.extraction.types import DIRECT, PERSON, EntityCandidate, QuoteCandidate

    if i % 2:
        title, body, names, day = stored_story_report(news)
        names = names or [PROLIFIC_SPEAKER]
    else:
        title, body, names, day = news.article(news.story())
    topic = [w.lower() for w in title.split()[:5]] or ["news"]  # a real stored article may have no title
    speaker = PROLIFIC_SPEAKER if kind == "prolific" else names[0]
    given = texts is not None
    texts = list(texts) if given else [quote_text(news, topic), quote_text(news, topic)]
    if kind == "prolific" and not given:
        stored = (
            Quote.objects.filter(speaker__name=PROLIFIC_SPEAKER).order_by("?").values_list("text", flat=True)
        )
        texts[1] = reworded(news, stored.first() or texts[1])
    quotes = []
    for text in texts:
        body += f' {speaker} said: "{text}".'
        quotes.append(
            QuoteCandidate(
                text=text,
                kind=DIRECT,
                start=len(body) - len(text) - 2,
                end=len(body) - 2,
                speaker_name=speaker,
            )
        )
    dated = day if kind != "undated" else None
    extraction = synthetic_extraction(title, body, names, dated)
    if speaker not in names:
        extraction.entities.append(EntityCandidate(name=speaker, type=PERSON))
    extraction.quotes = quotes
    extraction.events = event_candidates(news, topic, names, dated)
    return extraction


def prolific_top_up(news: SyntheticNews) -> int:
    """A database this command did not fill (``--rollback`` on another benchmark's database): the
    prolific speaker gets ``PROLIFIC_QUOTES`` quotes, two on each of the first articles, with their
    index keys. Returns how many were added."""
    from django.utils.text import slugify

    from articles.models import Article, Quote
    from entities.models import Entity
    from newsapi.extraction.names import name_key
    from newsapi.extraction.types import PERSON

    speaker = Entity.objects.filter(name_key=name_key(PROLIFIC_SPEAKER), type=PERSON).first()
    if speaker is None:
        speaker = Entity.objects.create(
            name=PROLIFIC_SPEAKER,
            name_key=name_key(PROLIFIC_SPEAKER),
            type=PERSON,
            slug=slugify(PROLIFIC_SPEAKER),
        )
    missing = PROLIFIC_QUOTES - Quote.objects.filter(speaker=speaker).count()
    if missing <= 0:
        return 0
    articles = Article.objects.order_by("pk").values_list("pk", "title")[: (missing + 1) // 2]
    quotes = [
        Quote(
            article_id=pk,
            speaker=speaker,
            text=quote_text(news, [w.lower() for w in title.split()[:5]] or ["news"]),
            kind="direct",
            start=100_000 + start,
            end=100_001 + start,
        )
        for pk, title in articles
        for start in range(2)
    ][:missing]
    insert_quotes(speaker, quotes)
    return len(quotes)


def index_unindexed_events(days: set[date | None]) -> int:
    """Events on these days (None: undated) that have no index keys get them, as ingest would have
    written them (a database whose events were copied in bulk without their keys). Returns how many."""
    from django.db.models import Exists, OuterRef, Q

    from articles.models import Event, EventKey
    from newsapi.extraction import event_keys

    on_days = Q(date__in=[day for day in days if day is not None])
    if None in days:
        on_days |= Q(date__isnull=True)
    unindexed = (
        Event.objects.filter(on_days)
        .exclude(Exists(EventKey.objects.filter(event=OuterRef("pk"))))
        .values_list("pk", "title", "type", "kind", "date")
    )
    added = 0
    batch: list = []
    for pk, title, type_, kind, day in unindexed.iterator(chunk_size=5000):
        batch.extend(
            EventKey(event_id=pk, key=key, date=day) for key in event_keys.event_keys(title, type_, kind)
        )
        added += 1
        if len(batch) >= 20000:
            EventKey.objects.bulk_create(batch)
            batch.clear()
    EventKey.objects.bulk_create(batch)
    return added


def table_counts() -> dict[str, int]:
    """Rows per table of the database (every table Django's apps and migrations made)."""
    from django.db import connection

    counts = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


def migrate_inside() -> None:
    """The migrations the database lacks (indexes this code adds, say), applied inside the caller's
    transaction: rolled back with it."""
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if not plan:
        return
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    names = ", ".join(f"{migration.app_label}.{migration.name}" for migration, _ in plan)
    print(
        f"inside the transaction: {names} applied in {time.perf_counter() - started:.0f} s", file=sys.stderr
    )


def measure_rolled_back(
    news: SyntheticNews, samples: int, captured: dict | None = None, buffers: dict | None = None
) -> dict[str, dict[str, list[float]]]:
    """``measure`` inside one transaction rolled back at the end: the database is left as it was
    (row counts of every table compared before and after; PostgreSQL's sequences, which no
    rollback returns, are the only thing that moves). What a database filled by another command
    lacks for this benchmark (the migrations of this code, the prolific speaker's quotes, index keys of
    events copied without them on the days measured) is added inside the same transaction."""
    from django.db import connection, transaction

    started = time.perf_counter()
    before = table_counts()
    print(f"row counts read in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL statement_timeout = 0")
        migrate_inside()
        extractions = [
            (KINDS[i % len(KINDS)], article_extraction(news, KINDS[i % len(KINDS)], i // len(KINDS)))
            for i in range(samples * len(KINDS))
        ]
        started = time.perf_counter()
        quotes = prolific_top_up(news)
        days = {event.date for _, extraction in extractions for event in extraction.events}
        events = index_unindexed_events(days)
        print(
            f"inside the transaction: {quotes} prolific quotes and the keys of {events} events added "
            f"in {time.perf_counter() - started:.0f} s",
            file=sys.stderr,
        )
        result = measure(news, samples, extractions, captured, buffers)
        if buffers:
            print_buffers(buffers)
        if captured is not None:
            # Inside the transaction: the statements explained see the rows the stores wrote.
            print_queries(captured, explain=connection.vendor == "postgresql")
        transaction.set_rollback(True)
    after = table_counts()
    changed = {
        table: (before[table], after.get(table)) for table in before if before[table] != after.get(table)
    }
    if changed or before.keys() != after.keys():
        raise SystemExit(f"the database changed: {changed}")
    print(f"rolled back: the {len(before)} tables hold the rows they held before", file=sys.stderr)
    return result


def statement_shape(sql: str) -> str:
    """A statement with its values, value lists and repeated sub-selects folded (to add them up by kind)."""
    sql = re.sub(r"\s+", " ", re.sub(r"'(?:[^']|'')*'", "?", sql)).strip()
    sql = re.sub(r"-?\b\d+(\.\d+)?\b", "?", sql)
    sql = re.sub(r"\((?:\?(?:::[\w\[\]]+)?, )+\?(?:::[\w\[\]]+)?\)", "(?...)", sql)
    sql = re.sub(r" VALUES \(.*?\)( RETURNING| ON CONFLICT|$)", r" VALUES (...)\1", sql)
    return re.sub(r" UNION ALL .*", " UNION ALL ...", sql)


def print_queries(captured: dict[str, list], explain: bool = False, explained: int = 6) -> None:
    """Queries per stored article of each kind, and the statement shapes that took longest in all;
    ``explain``: EXPLAIN (ANALYZE, BUFFERS) of the slowest run of the ``explained`` longest SELECTs (call
    inside the transaction that stored them)."""
    from collections import Counter

    from django.db import connection

    total: Counter = Counter()
    count: Counter = Counter()
    slowest: dict[str, tuple[float, str]] = {}
    for kind, articles in captured.items():
        numbers = [len(queries) for queries in articles]
        print(
            f"{kind}: {sum(numbers) / len(numbers):.1f} queries per stored article ({min(numbers)}-{max(numbers)})"
        )
        for queries in articles:
            for query in queries:
                # Queued writes sent with a statement (``newsapi.db.writes_together``) come before it.
                *queued, carrier = query["sql"].split(";\n")
                shape = statement_shape(carrier) + (f" [with {len(queued)} queued writes]" if queued else "")
                total[shape] += float(query["time"])
                count[shape] += 1
                slowest[shape] = max(slowest.get(shape, (0.0, "")), (float(query["time"]), query["sql"]))
    stored = sum(len(articles) for articles in captured.values())
    print(f"\nStatement shapes by time per stored article ({stored} articles):\n")
    for shape, seconds in total.most_common(25):
        print(f"{1000 * seconds / stored:7.2f} ms  {count[shape] / stored:5.2f}x  {shape[:300]}")
    if not explain:
        return
    selects = [
        shape for shape, _ in total.most_common() if shape.lstrip().upper().startswith(("SELECT", "UPDATE"))
    ]
    for shape in selects[:explained]:
        seconds, sql = slowest[shape]
        print(f"\nEXPLAIN of the slowest run ({1000 * seconds:.1f} ms): {shape[:200]}\n")
        carrier = sql.split(";\n")[-1]  # the writes queued with it ran already
        with connection.cursor() as cursor:
            cursor.execute("SAVEPOINT explained")
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {carrier}")
            print("\n".join(row[0] for row in cursor.fetchall()))
            cursor.execute("ROLLBACK TO SAVEPOINT explained")


@contextmanager
def auto_explained(on_explained, *, analyze: bool = True):
    """PostgreSQL: every statement run inside (nested ones too: foreign-key checks, the lock's function) is
    explained by ``auto_explain`` (with ``analyze``: ANALYZE and BUFFERS, no timing) and sent back as a
    notice; ``on_explained`` gets each one's JSON (its ``Plan`` and ``Query Text``)."""
    from django.db import connection

    def on_notice(diagnostic) -> None:
        message = diagnostic.message_primary or ""
        if "plan:" in message:
            on_explained(json.loads(message.split("plan:", 1)[1]))

    analyzed = (("log_analyze", "on"), ("log_buffers", "on"), ("log_timing", "off")) if analyze else ()
    with connection.cursor() as cursor:
        cursor.execute("LOAD 'auto_explain'")
        for setting, value in (
            ("log_min_duration", "0"),
            *analyzed,
            ("log_nested_statements", "on"),
            ("log_format", "json"),
            ("log_level", "notice"),
        ):
            cursor.execute(f"SET auto_explain.{setting} = '{value}'")
    connection.connection.add_notice_handler(on_notice)
    try:
        yield
    finally:
        connection.connection.remove_notice_handler(on_notice)
        with connection.cursor() as cursor:
            cursor.execute("SET auto_explain.log_min_duration = -1")


def explained_statements(plans: list):
    """``auto_explained``: ``plans`` gets ``(statement, shared blocks hit, read, dirtied)`` for each statement."""

    def add(explained: dict) -> None:
        plan = explained["Plan"]
        plans.append(
            (
                explained.get("Query Text", ""),
                plan.get("Shared Hit Blocks", 0),
                plan.get("Shared Read Blocks", 0),
                plan.get("Shared Dirtied Blocks", 0),
            )
        )

    return auto_explained(add)


def print_buffers(buffers: dict[str, list]) -> None:
    """Shared blocks touched per stored article of each kind (hit + read: pages visited, whatever the
    cache held), and the statement shapes that touched most."""
    from collections import Counter

    total: Counter = Counter()
    count: Counter = Counter()
    for kind, articles in buffers.items():
        touched = [sum(hit + read for _, hit, read, _ in plans) for plans in articles]
        read = [sum(r for _, _, r, _ in plans) for plans in articles]
        dirtied = [sum(d for *_, d in plans) for plans in articles]
        touched.sort()
        print(
            f"{kind}: shared blocks per stored article: median {touched[len(touched) // 2]}, "
            f"mean {sum(touched) / len(touched):.0f}, max {touched[-1]} (read from outside shared buffers: "
            f"mean {sum(read) / len(read):.0f}; dirtied: mean {sum(dirtied) / len(dirtied):.0f}); "
            f"{sum(len(plans) for plans in articles) / len(articles):.1f} statements"
        )
        for plans in articles:
            for sql, hit, read_blocks, _ in plans:
                shape = statement_shape(sql.split(";\n")[-1])
                total[shape] += hit + read_blocks
                count[shape] += 1
    stored = sum(len(articles) for articles in buffers.values())
    print(f"\nStatement shapes by shared blocks per stored article ({stored} articles):\n")
    for shape, blocks in total.most_common(25):
        print(f"{blocks / stored:8.1f}  {count[shape] / stored:5.2f}x  {shape[:300]}")


def measure(
    news: SyntheticNews,
    samples: int,
    extractions: list | None = None,
    captured: dict | None = None,
    buffers: dict | None = None,
) -> dict[str, dict[str, list[float]]]:
    """Store ``samples`` new articles of each kind (or the ``(kind, extraction)`` pairs given); time the
    whole step, quote grouping and events. ``captured``: each article's queries are added to it by kind
    (Django's debug cursor: a little slower). ``buffers`` (PostgreSQL): each article's statements with
    the shared buffers they touched (``auto_explain``, so the timings are not the step's own)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    # Event matching imports spaCy (about 10 s, which an extraction worker has paid already): before the
    # clock starts, not in the first article's figure.
    import newsapi.extraction.events  # noqa: F401
    from articles import services
    from newsapi.extraction.nlp import get_nlp

    # Storing an article may re-extract weakly dated members of its story: with the model loaded, as in
    # an extraction worker.
    get_nlp()

    parts = {"group": services._group_quotes, "events": services._store_events}
    spent: dict[str, float] = {}

    def timed(name, original):
        def wrapper(*args, **kwargs):
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                spent[name] = spent.get(name, 0.0) + time.perf_counter() - started

        return wrapper

    results = {kind: {"store": [], "group": [], "events": []} for kind in KINDS}
    for name, original in parts.items():
        setattr(services, f"_{'group_quotes' if name == 'group' else 'store_events'}", timed(name, original))
    try:
        for i in range(samples * len(KINDS)):
            if extractions is not None:
                kind, extraction = extractions[i]
            else:
                kind = KINDS[i % len(KINDS)]
                extraction = article_extraction(news, kind, i // len(KINDS))
            spent.clear()
            plans: list = []
            with (
                CaptureQueriesContext(connection) if captured is not None else nullcontext() as queries,
                explained_statements(plans) if buffers is not None else nullcontext(),
            ):
                started = time.perf_counter()
                services.article_ingest(
                    raw_text=extraction.raw_text + f"\n{time.time_ns()}", extraction=extraction
                )
                results[kind]["store"].append(time.perf_counter() - started)
            if captured is not None:
                captured.setdefault(kind, []).append(queries.captured_queries)
            if buffers is not None:
                buffers.setdefault(kind, []).append(plans)
            for name in parts:
                results[kind][name].append(spent.get(name, 0.0))
    finally:
        services._group_quotes = parts["group"]
        services._store_events = parts["events"]
    return results


def main(argv: list[str] | None = None) -> int:
    parser = archive_arguments(__doc__.splitlines()[0], samples=30)
    parser.add_argument(
        "--rollback",
        action="store_true",
        help="measure the database as it is (nothing loaded or migrated), every article stored inside one "
        "transaction rolled back at the end; row counts are compared before and after",
    )
    parser.add_argument(
        "--queries",
        action="store_true",
        help="with --rollback: print the queries per stored article and the statements that took longest",
    )
    parser.add_argument(
        "--buffers",
        action="store_true",
        help="with --rollback on PostgreSQL: the shared blocks each stored article's statements touched "
        "(auto_explain; the timings are then not the step's own)",
    )
    args = parser.parse_args(argv)
    stored = open_archive(args)
    if stored is None:
        return 2
    from django.db import connection

    from articles.models import Article

    if args.rollback:
        news = SyntheticNews(seed=7 + stored)
        captured: dict | None = {} if args.queries else None
        result = measure_rolled_back(news, args.samples, captured, {} if args.buffers else None)
        print(
            f"Database: {connection.vendor}, {stored:,} articles; {args.samples} of each kind stored, rolled back.\n"
        )
        print(
            "| stored articles | new article | storing step median ms | p90 | p95 | quote grouping median "
            "| events median |"
        )
        print("|---|---|---|---|---|---|---|")
        for kind in KINDS:
            r = result[kind]
            print(
                f"| {stored:,} | {kind} | {_ms(r['store'], 0.5):.0f} | {_ms(r['store'], 0.9):.0f} "
                f"| {_ms(r['store'], 0.95):.0f} | {_ms(r['group'], 0.5):.1f} | {_ms(r['events'], 0.5):.1f} |"
            )
        return 0
    sizes = [int(size) for size in args.sizes.split(",")]
    if args.reuse and args.replicate > 1:
        event_offset = drop_event_copies()
        stored = replicate(args.replicate)
        replicate_events(args.replicate, event_offset)
    if args.reuse:
        sizes = [stored]
    news = SyntheticNews(seed=7 + stored)
    rows = []
    for size in sizes:
        started = time.perf_counter()
        first = (Article.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
        stored += load_synthetic(news, size - stored)
        load_archive_extras(news, first_article=first)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        print(f"{size:,} articles loaded in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        result = measure(news, args.samples)
        stored += args.samples * len(KINDS)
        for kind in KINDS:
            r = result[kind]
            rows.append(
                f"| {size:,} | {kind} | {_ms(r['store'], 0.5):.0f} | {_ms(r['store'], 0.9):.0f} "
                f"| {_ms(r['store'], 0.95):.0f} | {_ms(r['group'], 0.5):.1f} | {_ms(r['events'], 0.5):.1f} |"
            )
    print(f"Database: {connection.vendor}; {args.samples} articles of each kind stored at each size.\n")
    print(
        "| stored articles | new article | storing step median ms | p90 | p95 | quote grouping median "
        "| events median |"
    )
    print("|---|---|---|---|---|---|---|")
    print("\n".join(rows))
    return 0


def drop_event_copies() -> int:
    """PostgreSQL: delete the event copies a former ``--replicate`` made (before ``replicate`` drops
    the article copies they report); returns the last original event's id."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SET statement_timeout = 0")
        cursor.execute("SELECT max(id) FROM articles_article WHERE body <> ''")
        (article_offset,) = cursor.fetchone()
        cursor.execute(
            "SELECT coalesce(max(event_id), 0) FROM articles_eventreport WHERE article_id <= %s",
            [article_offset],
        )
        (event_offset,) = cursor.fetchone()
        for table in ("articles_eventkey", "articles_eventreport", "articles_event_participants"):
            cursor.execute(f"DELETE FROM {table} WHERE event_id > %s", [event_offset])
        cursor.execute("DELETE FROM articles_event WHERE id > %s", [event_offset])
    return event_offset


def replicate_events(times: int, event_offset: int) -> None:
    """PostgreSQL: copy the events of the original articles with their copies (``replicate``), each
    copy shifted as its articles are, so every date holds ``times`` times as many events."""
    from django.db import connection, transaction

    with connection.cursor() as cursor:
        cursor.execute("SELECT max(id) FROM articles_article WHERE body <> ''")
        (article_offset,) = cursor.fetchone()
    for k in range(1, times):
        shift = f"({(k * 7) % 61 - 30} * interval '1 day')"
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO articles_event (id, is_edited, edited_fields, created_at, updated_at, title, type, "
                "kind, date, date_precision, date_text, date_confidence) "
                f"SELECT id + {k * event_offset}, is_edited, edited_fields, created_at, updated_at, title, type, "
                f"kind, (date + {shift})::date, date_precision, date_text, date_confidence "
                f"FROM articles_event WHERE id <= {event_offset}"
            )
            cursor.execute(
                "INSERT INTO articles_eventreport (event_id, article_id, source_id, event_date, start, "
                '"end", text, is_main, evidence) '
                f"SELECT event_id + {k * event_offset}, article_id + {k * article_offset}, source_id, "
                f'(event_date + {shift})::date, start, "end", text, is_main, evidence '
                f"FROM articles_eventreport WHERE event_id <= {event_offset}"
            )
            cursor.execute(
                "INSERT INTO articles_eventkey (event_id, key, date) "
                f"SELECT event_id + {k * event_offset}, key, (date + {shift})::date "
                f"FROM articles_eventkey WHERE event_id <= {event_offset}"
            )
        print(f"events copy {k} of {times - 1} stored", file=sys.stderr)
    with connection.cursor() as cursor:
        sequences_after_copies(cursor, ("articles_event", "articles_eventreport", "articles_eventkey"))


if __name__ == "__main__":
    sys.exit(main())
