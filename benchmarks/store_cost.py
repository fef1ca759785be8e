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
one. Results print as a Markdown table: median and p95 in milliseconds, and the part spent in quote
grouping and in event matching.
"""

from __future__ import annotations

import sys
import time
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
    words = news._common(12) + news.rng.sample(topic, 4)
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
                participant_names=news.rng.sample(names, 2),
            )
        )
    return events


def load_archive_extras(news: SyntheticNews, *, first_article: int) -> None:
    """For the articles from ``first_article`` on: their events (with reports and keys), their
    story names as entities, and the prolific speaker's quotes up to ``PROLIFIC_QUOTES``."""
    from django.utils.text import slugify

    from articles.models import Article, Event, EventKey, EventReport, Quote, QuoteKey
    from entities.models import Entity
    from newsapi.extraction import event_keys, stories
    from newsapi.extraction.names import name_key
    from newsapi.extraction.types import PERSON

    speaker, _ = Entity.objects.get_or_create(
        name_key=name_key(PROLIFIC_SPEAKER),
        type=PERSON,
        defaults={"name": PROLIFIC_SPEAKER, "slug": slugify(PROLIFIC_SPEAKER)},
    )
    quoted = Quote.objects.filter(speaker=speaker).count()
    rows = Article.objects.filter(pk__gte=first_article).order_by("pk")
    rows = rows.values_list("pk", "title", "published_at")
    batch: list = []

    def flush() -> None:
        events = Event.objects.bulk_create(
            Event(title=c.title, type=c.type, kind=c.kind, date=c.date, date_precision=c.date_precision or "")
            for _, c in batch
        )
        EventReport.objects.bulk_create(
            EventReport(event=event, article_id=pk, start=0, end=1, text="x")
            for event, (pk, _) in zip(events, batch, strict=True)
        )
        EventKey.objects.bulk_create(
            EventKey(event=event, key=key, date=event.date)
            for event in events
            for key in event_keys.event_keys(event.title, event.type, event.kind)
        )
        batch.clear()

    names: set[str] = set()
    quotes: list = []
    for pk, title, day in rows.iterator(chunk_size=2000):
        words = title.split()
        for candidate in event_candidates(news, words[:5], words[:5], day):
            batch.append((pk, candidate))
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
    for chunk in range(0, len(quotes), 5000):
        created = Quote.objects.bulk_create(quotes[chunk : chunk + 5000])
        QuoteKey.objects.bulk_create(
            QuoteKey(quote=quote, speaker=speaker, key=key)
            for quote in created
            for key in stories.quote_keys(quote.text)
        )
    existing = set(Entity.objects.filter(name__in=names).values_list("name", flat=True))
    Entity.objects.bulk_create(
        (
            Entity(name=name, name_key=name_key(name), type=PERSON, slug=f"{slugify(name)}-{i}")
            for i, name in enumerate(sorted(names - existing))
        ),
        batch_size=5000,
        ignore_conflicts=True,
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
    topic = [w.lower() for w in title.split()[:5]]
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


def measure(news: SyntheticNews, samples: int) -> dict[str, dict[str, list[float]]]:
    """Store ``samples`` new articles of each kind; time the whole step, quote grouping and events."""
    from articles import services

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
            kind = KINDS[i % len(KINDS)]
            extraction = article_extraction(news, kind, i // len(KINDS))
            spent.clear()
            started = time.perf_counter()
            services.article_ingest(
                raw_text=extraction.raw_text + f"\n{time.time_ns()}", extraction=extraction
            )
            results[kind]["store"].append(time.perf_counter() - started)
            for name in parts:
                results[kind][name].append(spent.get(name, 0.0))
    finally:
        services._group_quotes = parts["group"]
        services._store_events = parts["events"]
    return results


def main(argv: list[str] | None = None) -> int:
    args = archive_arguments(__doc__.splitlines()[0], samples=30).parse_args(argv)
    stored = open_archive(args)
    if stored is None:
        return 2
    from django.db import connection

    from articles.models import Article

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
                f"| {size:,} | {kind} | {_ms(r['store'], 0.5):.0f} | {_ms(r['store'], 0.95):.0f} "
                f"| {_ms(r['group'], 0.5):.1f} | {_ms(r['events'], 0.5):.1f} |"
            )
    print(f"Database: {connection.vendor}; {args.samples} articles of each kind stored at each size.\n")
    print(
        "| stored articles | new article | storing step median ms | p95 | quote grouping median | events median |"
    )
    print("|---|---|---|---|---|---|")
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
                'INSERT INTO articles_eventreport (event_id, article_id, start, "end", text, is_main, evidence) '
                f'SELECT event_id + {k * event_offset}, article_id + {k * article_offset}, start, "end", text, '
                f"is_main, evidence FROM articles_eventreport WHERE event_id <= {event_offset}"
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
