"""Story assignment cost at ingest as the archive grows: time to store one article at 0, 10k, 100k... rows.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/NAME \\
        python benchmarks/story_assignment_cost.py [--sizes 0,10000,100000] [--samples 40]

The database must be empty (it is migrated first). Synthetic but realistic rows are
bulk-loaded between measurements: stories of 1 to 40 articles (a long tail) spread over
three years, each article's title and body written from its story's topic words, names and
a Zipf-distributed general vocabulary, with fingerprints, index keys and story centroids
computed by the same code ingest uses. At each size, ``--samples`` new articles (half of
them further reports of a stored story, half first reports; half of each undated, as a weak
date is) go through ``article_ingest`` with their extraction given, so the figure is the
storing step alone; the story-assignment part of it is timed on its own. Results print as a Markdown table (median and p95, milliseconds).
"""

from __future__ import annotations

import argparse
import math
import os
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

SPAN_DAYS = 3 * 365
FIRST_DAY = date(2023, 1, 1)
_SYLLABLES = [c + v for c in "bcdfghklmnprstvz" for v in "aeiou"]


class SyntheticNews:
    """A deterministic generator of news-like articles grouped in stories."""

    def __init__(self, seed: int = 7, vocabulary: int = 20000) -> None:
        self.rng = random.Random(seed)
        self.words = [self._word(3) for _ in range(vocabulary)]
        # Zipf weights: a few very common words, a long tail of rare ones.
        self.cumulative = []
        total = 0.0
        for rank in range(1, vocabulary + 1):
            total += 1.0 / rank
            self.cumulative.append(total)
        self.story_count = 0

    def _word(self, syllables: int) -> str:
        return "".join(self.rng.choice(_SYLLABLES) for _ in range(syllables))

    def _common(self, k: int) -> list[str]:
        return [self.words[i] for i in self._zipf_indices(k)]

    def _zipf_indices(self, k: int) -> list[int]:
        import bisect

        top = self.cumulative[-1]
        return [bisect.bisect_left(self.cumulative, self.rng.random() * top) for _ in range(k)]

    def story(self) -> dict:
        """A story: topic words, names, a centre day and a size from a long-tailed distribution."""
        self.story_count += 1
        size = min(40, int(self.rng.paretovariate(1.2)))
        return {
            "topic": [self.words[i] for i in self.rng.sample(range(2000, len(self.words)), 15)],
            "names": [self._word(2).capitalize() + " " + self._word(3).capitalize() for _ in range(3)],
            "day": FIRST_DAY + timedelta(days=self.rng.randrange(SPAN_DAYS)),
            "size": size,
        }

    def article(self, story: dict) -> tuple[str, str, list[str], date]:
        """Title, body, entity names and publication day of one report of ``story``."""
        rng = self.rng
        title = " ".join(rng.sample(story["topic"], 5) + [rng.choice(story["names"])]).capitalize()
        sentences = []
        for _ in range(12):
            words = rng.sample(story["topic"], 4) + self._common(8)
            rng.shuffle(words)
            sentences.append(f"{rng.choice(story['names'])} {' '.join(words)}.")
        day = story["day"] + timedelta(days=rng.randint(-3, 3))
        return title, " ".join(sentences), list(story["names"]), day


def stored_story_report(news: SyntheticNews) -> tuple[str, str, list[str], date | None]:
    """A further report of a stored story: a stored article's sentences reordered, two dropped."""
    from articles.models import Article

    originals = Article.objects.filter(body__gt="").only("title", "body", "published_at")
    # Read once: on a database of copies without text (1M), finding the last original walks them all.
    if getattr(news, "last_original", None) is None:
        news.last_original = originals.order_by("-id").values_list("id", flat=True).first()
    last = news.last_original
    if last is None:  # nothing stored yet (an empty database measured with --rollback): a first report
        return news.article(news.story())
    article = originals.filter(id__gte=news.rng.randint(1, last)).order_by("id").first()
    sentences = [s for s in article.body.split(". ") if s]
    news.rng.shuffle(sentences)
    words = article.title.split()
    news.rng.shuffle(words)
    names = list({" ".join(s.split()[:2]) for s in sentences})[:3]
    return " ".join(words).capitalize(), ". ".join(sentences[2:]), names, article.published_at


def load_synthetic(news: SyntheticNews, count: int) -> int:
    """Bulk-load ``count`` articles (whole stories) with their keys and centroids; returns how many."""
    from articles.models import Article, Story, StoryCentroid, StoryKey
    from articles.services import content_hash
    from newsapi.extraction import stories

    loaded = 0
    while loaded < count:
        batch_stories, batch_articles, batch_keys = [], [], []
        batch_start = loaded
        while loaded < count and loaded - batch_start < 2000:
            story = news.story()
            members = []
            for _ in range(min(story["size"], count - loaded)):
                title, body, names, day = news.article(story)
                fingerprint = stories.article_fingerprint(
                    title, body, names, synthetic_lead_vector(title, names)
                )
                members.append((title, body, day, fingerprint))
                loaded += 1
            batch_stories.append((story, members))
        created = Story.objects.bulk_create(Story(title=members[0][0]) for _, members in batch_stories)
        centroids = []
        for row, (_, members) in zip(created, batch_stories, strict=True):
            profile = stories.StoryProfile(row.pk, {}, 0)
            for title, body, day, fingerprint in members:
                profile = stories.profile_add(profile, fingerprint, day)
                text = f"{title}\n{body}"
                batch_articles.append(
                    Article(
                        title=title,
                        body=body,
                        raw_text=text,
                        content_hash=content_hash(f"{text}\n{row.pk}"),
                        published_at=day,
                        published_at_confidence=0.9,
                        language="en",
                        story_id=row.pk,
                        fingerprint=fingerprint,
                    )
                )
            centroids.append(
                StoryCentroid(
                    story_id=row.pk,
                    centroid=profile.centroid,
                    size=profile.size,
                    first_day=profile.first_day,
                    last_day=profile.last_day,
                )
            )
        StoryCentroid.objects.bulk_create(centroids)
        for article in Article.objects.bulk_create(batch_articles, batch_size=1000):
            batch_keys.extend(
                StoryKey(article_id=article.pk, key=key, day=article.published_at, story_id=article.story_id)
                for key in stories.story_keys(article.fingerprint)
            )
        StoryKey.objects.bulk_create(batch_keys, batch_size=5000)
    return loaded


def replicate(times: int) -> int:
    """PostgreSQL: copy the stored articles, stories, keys and centroids ``times - 1`` more times.

    Each copy is shifted by up to a month, so the same three years hold ``times`` times as many
    articles (every key's postings grow as dense); copies keep fingerprints and keys but not the
    texts (story assignment never reads another article's text). Returns the articles stored.
    """
    from django.db import connection, transaction

    with connection.cursor() as cursor:
        # Bulk copies outlast the serving timeout set in settings.
        cursor.execute("SET statement_timeout = 0")
        # Copies have no text: the originals are the rows with one (copies of a run that stopped
        # half-way are dropped first).
        cursor.execute("SELECT max(id), max(story_id) FROM articles_article WHERE body <> ''")
        article_offset, story_offset = cursor.fetchone()
        cursor.execute(f"DELETE FROM articles_storykey WHERE article_id > {article_offset}")
        cursor.execute(f"DELETE FROM articles_article WHERE id > {article_offset}")
        cursor.execute(f"DELETE FROM articles_storycentroid WHERE story_id > {story_offset}")
        cursor.execute(f"DELETE FROM articles_story WHERE id > {story_offset}")
        cursor.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'articles_article' "
            "ORDER BY ordinal_position"
        )
        columns = [row[0] for row in cursor.fetchall()]
    for k in range(1, times):
        shift = f"({(k * 7) % 61 - 30} * interval '1 day')"
        overrides = {
            "id": f"id + {k * article_offset}",
            "body": "''",
            "raw_text": "''",
            "content_hash": f"md5(content_hash || '{k}')",
            "published_at": f"(published_at + {shift})::date",
            "story_id": f"story_id + {k * story_offset}",
            "search_vector": "NULL",
        }
        select = ", ".join(overrides.get(column, column) for column in columns)
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO articles_story (id, is_edited, edited_fields, created_at, updated_at, title) "
                f"SELECT id + {k * story_offset}, is_edited, edited_fields, created_at, updated_at, title "
                f"FROM articles_story WHERE id <= {story_offset}"
            )
            cursor.execute(
                "INSERT INTO articles_storycentroid (story_id, centroid, size, first_day, last_day, pinned) "
                f"SELECT story_id + {k * story_offset}, centroid, size, (first_day + {shift})::date, "
                f"(last_day + {shift})::date, pinned FROM articles_storycentroid WHERE story_id <= {story_offset}"
            )
            cursor.execute(
                f"INSERT INTO articles_article ({', '.join(columns)}) SELECT {select} "
                f"FROM articles_article WHERE id <= {article_offset}"
            )
            # A copy's postings name its article's story copy (the article's story now: no merge to follow).
            cursor.execute(
                "INSERT INTO articles_storykey (article_id, key, day, story_id) "
                f"SELECT k.article_id + {k * article_offset}, k.key, (k.day + {shift})::date, "
                f"a.story_id + {k * story_offset} FROM articles_storykey AS k "
                f"JOIN articles_article AS a ON a.id = k.article_id WHERE k.article_id <= {article_offset}"
            )
        print(f"copy {k} of {times - 1} stored", file=sys.stderr)
    with connection.cursor() as cursor:
        sequences_after_copies(cursor, ("articles_article", "articles_story", "articles_storykey"))
        cursor.execute("SELECT count(*) FROM articles_article")
        return cursor.fetchone()[0]


def sequences_after_copies(cursor, tables: tuple[str, ...]) -> None:
    """PostgreSQL: move each table's id sequence past the ids copies were given, then ANALYZE."""
    for table in tables:
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"
        )
    cursor.execute("ANALYZE")


def synthetic_lead_vector(title: str, names: list[str]) -> tuple[float, ...]:
    """A stand-in for the headline's embedding (no encoder run: it is the pipeline's cost, not storing's):
    a unit vector near one drawn for the story's names, moved by the title."""
    from newsapi.extraction.embeddings import DIMENSIONS

    story = random.Random(" ".join(sorted(names)))
    article = random.Random(title)
    vector = [story.gauss(0, 1) + 0.5 * article.gauss(0, 1) for _ in range(DIMENSIONS)]
    norm = math.sqrt(sum(x * x for x in vector)) or 1.0
    return tuple(round(x / norm, 5) for x in vector)


def synthetic_extraction(title: str, body: str, names: list[str], day: date | None):
    """The extraction ingest would get for a synthetic article (no spaCy or encoder run)."""
    from newsapi.extraction.types import ArticleExtraction, CleanedArticle, EntityCandidate, PublicationDate

    raw = f"{title}\n\n{body}"
    return ArticleExtraction(
        raw_text=raw,
        cleaned=CleanedArticle(title=title, body=body),
        published=PublicationDate(value=day, confidence=0.9 if day else 0.0, evidence="synthetic"),
        language="en",
        entities=[EntityCandidate(name=name, type="PERSON") for name in names],
        lead_vector=synthetic_lead_vector(title, names),
    )


def measure(news: SyntheticNews, samples: int) -> dict[str, list[float]]:
    """Store ``samples`` new articles; time the whole storing step and its story assignment."""
    from articles import services

    assign_times: list[float] = []
    original = services._assign_story

    def timed(*args, **kwargs):
        started = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            assign_times.append(time.perf_counter() - started)

    store = {"dated": [], "undated": []}
    assign = {"dated": [], "undated": []}
    services._assign_story = timed
    try:
        for i in range(samples):
            # Alternately a first report (a new story) and a further report of a stored story.
            if i % 2:
                title, body, names, day = stored_story_report(news)
            else:
                title, body, names, day = news.article(news.story())
            kind = "undated" if i % 4 >= 2 else "dated"
            extraction = synthetic_extraction(title, body, names, day if kind == "dated" else None)
            started = time.perf_counter()
            services.article_ingest(
                raw_text=extraction.raw_text + f"\n{time.time_ns()}", extraction=extraction
            )
            store[kind].append(time.perf_counter() - started)
            assign[kind].append(assign_times[-1])
    finally:
        services._assign_story = original
    return {"store": store, "assign": assign}


def _ms(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return 1000 * ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def archive_arguments(description: str, samples: int) -> argparse.ArgumentParser:
    """The options of the archive-size benchmarks: sizes, samples, ``--reuse``, ``--replicate``."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--sizes", default="0,10000,100000", help="comma-separated archive sizes")
    parser.add_argument("--samples", type=int, default=samples)
    parser.add_argument(
        "--reuse", action="store_true", help="measure a database this command filled before, at its size"
    )
    parser.add_argument(
        "--replicate",
        type=int,
        default=1,
        help="with --reuse on PostgreSQL: first copy the rows N-1 more times",
    )
    return parser


def open_archive(args: argparse.Namespace) -> int | None:
    """Set Django up and migrate; the number of stored articles, or None (said on stderr) when the
    database holds articles and ``--reuse`` was not given. With ``rollback`` set (a database measured
    as it is, never written), nothing is migrated."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsapi.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from articles.models import Article

    if getattr(args, "rollback", False):
        return Article.objects.count()
    call_command("migrate", verbosity=0)
    stored = Article.objects.count()
    if stored and not args.reuse:
        print(
            "The database is not empty; give an empty one (or --reuse one this command filled).",
            file=sys.stderr,
        )
        return None
    return stored


def main(argv: list[str] | None = None) -> int:
    args = archive_arguments(__doc__.splitlines()[0], samples=40).parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",")]
    stored = open_archive(args)
    if stored is None:
        return 2
    from django.db import connection

    if args.reuse and args.replicate > 1:
        stored = replicate(args.replicate)
    if args.reuse:
        sizes = [stored]
    # A reused database gets new stories from another seed, so no text repeats a stored one.
    news = SyntheticNews(seed=7 + stored)
    rows = []
    for size in sizes:
        started = time.perf_counter()
        stored += load_synthetic(news, size - stored)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        load_seconds = time.perf_counter() - started
        result = measure(news, args.samples)
        stored += args.samples
        for kind in ("dated", "undated"):
            rows.append(
                f"| {size:,} | {kind} | {_ms(result['assign'][kind], 0.5):.1f} | {_ms(result['assign'][kind], 0.95):.1f} "
                f"| {_ms(result['store'][kind], 0.5):.1f} | {_ms(result['store'][kind], 0.95):.1f} |"
            )
        print(f"{size:,} articles loaded in {load_seconds:.0f} s", file=sys.stderr)
    print(f"Database: {connection.vendor}; {args.samples} articles stored at each size.\n")
    print(
        "| stored articles | new article | story assignment median ms | p95 | whole storing step median ms | p95 |"
    )
    print("|---|---|---|---|---|---|")
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
