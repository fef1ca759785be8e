"""Writes for articles: ingest and re-extraction, used by the command line, the API and the admin.

The extraction core (``newsapi.extraction``) returns plain dataclasses; this
module maps them onto models. Rows a person corrected (``is_edited``) are
never overwritten or deleted here, and fields listed in ``edited_fields``
keep the person's value.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, TypeVar

from django.contrib.postgres.search import SearchVector
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, connection, models, transaction
from django.db.models import Case, Count, Exists, F, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Greatest
from django.utils import timezone
from simple_history.models import HistoricalRecords

from articles.choices import DatePrecision
from articles.models import (
    ENTITY_TYPE_BITS,
    Article,
    ArticleAuthor,
    EntityArticle,
    EntityDay,
    EntitySource,
    Event,
    EventKey,
    EventReport,
    Mention,
    MergedStory,
    Quote,
    QuoteGroup,
    QuoteKey,
    Source,
    Story,
    StoryCentroid,
    StoryKey,
)
from articles.selectors import SEARCH_CONFIG
from entities.models import Entity
from entities.services import (
    entity_resolve_many,
    entity_roles_give,
    entity_roles_given,
    entity_roles_take_back,
    entity_roles_uncount,
)
from newsapi.db import (
    ExtractedModel,
    JSONList,
    history_later,
    insert_later,
    lock_article_store,
    retry_on_conflict,
    save_changed,
    update_later,
    write_later,
    writes_together,
)
from newsapi.extraction import event_keys, stories
from newsapi.extraction.cleaning import MAX_HTML_CHARS, MAX_RAW_CHARS
from newsapi.extraction.dates import CALLER, LOW_DATE_CONFIDENCE, date_is_weak
from newsapi.extraction.html_input import looks_like_html, page_text_over
from newsapi.extraction.names import name_key
from newsapi.extraction.types import ArticleExtraction, EventCandidate, PublicationDate

if TYPE_CHECKING:
    from spacy.language import Language

# The extraction modules that import spaCy (pipeline, events) are imported inside the functions that
# store an extraction: web processes serving reads and commands that do not extract never load spaCy.

MAX_TITLE_LENGTH = Article._meta.get_field("title").max_length

M = TypeVar("M", bound=models.Model)


def content_hash(raw_text: str) -> str:
    """SHA-256 of the raw text with line endings and outer whitespace normalised."""
    normalised = raw_text.replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n").strip()
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


# A publication date a person or a caller gives lies between these: an earlier or a later day is a typo
# (0205 for 2025), and the reasoning that places relative dates and story windows around a date steps off
# the calendar near its ends (year 1 or 9999 crashed ingest).
EARLIEST_PUBLICATION_DATE = date(1600, 1, 1)
LATEST_PUBLICATION_AHEAD = timedelta(days=366)


def validate_publication_date(day: date | None) -> None:
    """Raise ``ValidationError`` for a publication date before 1600 or more than a year from today."""
    if day is None:
        return
    latest = timezone.localdate() + LATEST_PUBLICATION_AHEAD
    if not EARLIEST_PUBLICATION_DATE <= day <= latest:
        raise ValidationError(
            f"Give a day from {EARLIEST_PUBLICATION_DATE.isoformat()} to {latest.isoformat()}.",
            code="invalid",
        )


def _validate_field(field: str, validate, value) -> None:
    """Run ``validate(value)``, its error reported under ``field`` (the API's 400 names the field)."""
    try:
        validate(value)
    except ValidationError as error:
        raise ValidationError({field: error}) from error


def validate_outlet_name(name: str) -> None:
    """Raise ``ValidationError`` for an outlet's name longer than the column holds (PostgreSQL refuses
    it at the insert, after the extraction; SQLite stores it)."""
    limit = Source._meta.get_field("name").max_length
    if len(name) > limit:
        raise ValidationError(f"An outlet's name is at most {limit} characters (got {len(name)}).")


def validate_language_code(code: str) -> None:
    """Raise ``ValidationError`` unless ``code`` is a language code as extraction writes them: two or
    three lowercase letters (ISO 639-1, or 639-2/3 where there is none; ``und`` for undetermined). The
    ``language`` filter matches the code whole, so "english" or "en-GB" would hide the article."""
    if not (code.isascii() and code.isalpha() and code.islower() and 2 <= len(code) <= 3):
        raise ValidationError(
            f"{code!r} is not a language code: give two lowercase letters (ISO 639-1, e.g. en), or und.",
            code="invalid",
        )


class ArticleTooLarge(ValidationError):
    """The text is longer than the extraction pipeline takes (``MAX_RAW_CHARS``), or the HTML page is
    (``MAX_HTML_CHARS``), or the text read out of it is (``MAX_RAW_CHARS`` again)."""


def _too_large(message: str) -> ArticleTooLarge:
    return ArticleTooLarge({"raw_text": ValidationError(message, code="too_large")})


def article_text_prepare(raw_text: str) -> str:
    """The text as ingest stores it: NUL bytes (no text, and PostgreSQL cannot store them) dropped.

    Raises ``ValidationError`` on ``raw_text`` for an empty text or one that is not Unicode (a lone
    surrogate), and ``ArticleTooLarge`` for a text over ``MAX_RAW_CHARS`` characters, an HTML page over
    ``MAX_HTML_CHARS``, or a page whose article text is over ``MAX_RAW_CHARS``; the message says which.
    """
    text = (raw_text or "").replace("\x00", "")
    if not text.strip():
        raise ValidationError({"raw_text": ValidationError("The article text is empty.", code="blank")})
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        raise ValidationError(
            {"raw_text": ValidationError("The article text is not valid Unicode.", code="invalid")}
        ) from error
    if looks_like_html(text):
        if len(text) > MAX_HTML_CHARS:
            raise _too_large(
                f"The HTML page is {len(text):,} characters long; the limit for a page is {MAX_HTML_CHARS:,}."
            )
        if (length := page_text_over(text, MAX_RAW_CHARS)) is not None:
            raise _too_large(
                f"The article text read out of the HTML page is {length:,} characters long; the limit "
                f"is {MAX_RAW_CHARS:,}."
            )
    elif len(text) > MAX_RAW_CHARS:
        raise _too_large(
            f"The article text is {len(text):,} characters long; the limit is {MAX_RAW_CHARS:,}."
        )
    return text


def _is_unicode(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return "\x00" not in text


def article_find(*, raw_text: str) -> Article | None:
    """The article stored with this text, if any (the check ingest makes before extracting)."""
    return Article.objects.filter(content_hash=content_hash(raw_text)).select_related("source").first()


def article_exists(*, raw_text: str) -> bool:
    """True when this text was ingested already."""
    return Article.objects.filter(content_hash=content_hash(raw_text)).exists()


def article_ingest(
    *,
    raw_text: str,
    url: str = "",
    source_name: str | None = None,
    published_at: date | None = None,
    title: str = "",
    nlp: Language | None = None,
    extraction: ArticleExtraction | None = None,
) -> tuple[Article, bool]:
    """Store one raw article and everything extracted from it.

    Returns ``(article, created)``. The same text ingested again returns the
    stored article with ``created`` False; a publication date, an outlet or a
    headline given this time is applied to it (``article_apply_metadata``).
    Concurrent ingests of the same text store it once. ``title`` is the
    headline the caller knows (kept as ``supplied_title``; it is the title
    unless an editor set one). ``extraction`` may be given when the caller
    already ran the pipeline (batched, see the ingest command); it must come
    from ``article_text_prepare(raw_text)`` with this ``published_at`` and ``title``.
    """
    raw_text = article_text_prepare(raw_text)
    title = _supplied_title(title)
    _validate_field("published_at", validate_publication_date, published_at)
    for field, value in (("url", url), ("source", source_name), ("title", title)):
        if value and not _is_unicode(value):
            raise ValidationError({field: ValidationError("This is not valid Unicode.", code="invalid")})
    digest = content_hash(raw_text)
    existing = Article.objects.filter(content_hash=digest).select_related("source").first()
    if existing is not None:
        article_apply_metadata(
            article=existing, published_at=published_at, source_name=source_name, title=title, nlp=nlp
        )
        return existing, False

    # Extraction runs outside the transaction: it is the slow part and touches no rows.
    # Imported here so that serving reads never pays for loading spaCy.
    if extraction is None:
        from newsapi.extraction.pipeline import extract_article

        extraction = extract_article(raw_text, published_hint=published_at, title_hint=title or None, nlp=nlp)
    if not extraction.cleaned.body.strip():
        raise ValidationError({"raw_text": ValidationError(_no_body_reason(raw_text), code="no_text")})
    try:
        article = _store_new_article(
            raw_text=raw_text,
            digest=digest,
            url=url,
            source_name=source_name,
            supplied_title=title,
            extraction=extraction,
        )
    except IntegrityError:
        # Only the content hash's own conflict means "stored by another ingest".
        if not Article.objects.filter(content_hash=digest).exists():
            raise
        article = None
    if article is None:
        # Another ingest of the same text stored it first: theirs is the article.
        existing = Article.objects.select_related("source").get(content_hash=digest)
        article_apply_metadata(
            article=existing, published_at=published_at, source_name=source_name, title=title, nlp=nlp
        )
        return existing, False
    return article, True


def _supplied_title(title: str | None) -> str:
    """A caller's headline on one line, or "" for none; one longer than a title may be is refused."""
    title = " ".join((title or "").split())
    if len(title) > MAX_TITLE_LENGTH:
        raise ValidationError(
            {
                "title": ValidationError(
                    f"The title is longer than {MAX_TITLE_LENGTH} characters.", code="max_length"
                )
            }
        )
    return title


def _no_body_reason(raw_text: str) -> str:
    """Why a text gave no article to store (an article's body is never empty), in a sentence."""
    if looks_like_html(raw_text):
        return (
            "The HTML page holds no article text (a login or subscription wall, a page cut short, or a "
            "page without an article): nothing was stored."
        )
    return "No article text is left once boilerplate is removed: nothing was stored."


@retry_on_conflict
@transaction.atomic
def _store_new_article(
    *,
    raw_text: str,
    digest: str,
    url: str,
    source_name: str | None,
    supplied_title: str,
    extraction: ArticleExtraction,
) -> Article | None:
    """The rows of a new article. The same text stored meanwhile by another ingest (which held the lock
    before this one) is the content hash's IntegrityError, which ``article_ingest`` reports as "stored
    already"."""
    with writes_together():
        # Queued: it travels with the first statement below.
        lock_article_store()
        article = Article(
            raw_text=raw_text, content_hash=digest, url=url or "", supplied_title=supplied_title
        )
        _apply_article_fields(article, extraction, source_name=source_name)
        # The content hash is unique in the table; a concurrent duplicate is the IntegrityError above,
        # reported as "already stored", not a validation error.
        article.full_clean(validate_unique=False)
        with _one_history_record(article, created=True):
            article.save()
            _author_rows_write(article, new=True)
            _source_counts_shift(Counter(), Counter([article.source_id] if article.source_id else []))
            with entity_counts_follow(article_ids=[article.pk], new=True):
                _store_extraction(article, extraction, new_article=True)
    return article


def _caller_hint(article: Article) -> date | None:
    """The publication date a caller gave when the article was ingested (kept among its clues)."""
    for clue in article.published_at_clues or []:
        # "metadata": the kind's name in rows stored before it was called "caller".
        if clue.get("kind") in (CALLER, "metadata"):
            return date.fromisoformat(clue["value"])
    return None


def article_metadata_needs_extraction(
    *, article: Article, published_at: date | None, title: str = ""
) -> bool:
    """True when ``article_apply_metadata`` would extract the article again to weigh this date or take
    this headline (the NLP model's work), False when applying them is a database write at most."""
    date_locked = article.published_at_verified or "published_at" in article.edited_fields
    new_date = published_at is not None and not date_locked and _caller_hint(article) != published_at
    return new_date or _title_changes(article, title)


def _title_changes(article: Article, title: str) -> bool:
    # The title an editor set stays, and so does everything extracted with it.
    return bool(title) and title != article.supplied_title and "title" not in article.edited_fields


def article_apply_metadata(
    *,
    article: Article,
    published_at: date | None = None,
    source_name: str | None = None,
    title: str = "",
    nlp: Language | None = None,
) -> bool:
    """Apply a publication date, an outlet or a headline that a caller knows to an article stored already.

    The date is weighed with the text's own clues exactly as at a first ingest (the article is
    extracted again with it), unless a person set or verified the date; a new headline is the title
    (extracted again with it) unless a person set the title; the outlet replaces the stored one unless
    a person set it. Returns True when the article changed.
    """
    title = _supplied_title(title)
    if article_metadata_needs_extraction(article=article, published_at=published_at, title=title):
        if _title_changes(article, title):
            article.supplied_title = title
        article_reextract(article=article, published_hint=published_at, source_name=source_name, nlp=nlp)
        return True
    name = (source_name or "").strip()
    if not name or "source" in article.edited_fields:
        return False
    source = source_named(name)
    if article.source_id == source.pk:
        return False
    article.source = source
    with (
        transaction.atomic(),
        entity_counts_follow(article_ids=[article.pk]),
        source_counts_follow(article_ids=[article.pk]),
    ):
        article.save(update_fields=["source", "updated_at"])
        _reports_follow_source(article)
    return True


def source_named(name: str, *, domain: str = "") -> Source:
    """The outlet of this name, in any case ("reuters" is the stored Reuters), made when there is none.
    One spelt in another case became a second outlet, which the ``source`` filter (any case) could not
    tell apart: half the outlet's articles went missing from it."""
    _validate_field("source", validate_outlet_name, name)
    source = Source.objects.filter(name=name).first()  # the unique index: the usual case
    if source is None:
        source = Source.objects.filter(name__iexact=name).order_by("pk").first()
    if source is None:
        source, _ = Source.objects.get_or_create(name=name, defaults={"domain": domain})
    return source


def article_reextract(
    *,
    article: Article,
    nlp: Language | None = None,
    published_hint: date | None = None,
    source_name: str | None = None,
) -> Article:
    """Run extraction again over an article's raw text, keeping every correction a person made.

    A mention, quote or event report found again at the same evidence keeps its id (a quote its
    group while its words and speaker are the same), its other fields updated in place; those no
    longer found are deleted, new ones get new ids, corrected rows are left as they are.
    ``published_hint`` and ``source_name`` are what a caller knows now; without them the date
    the caller gave at ingest, if any, is weighed again.
    """
    return _reextract(article, nlp=nlp, published_hint=published_hint, source_name=source_name)


def _reextract(
    article: Article,
    *,
    nlp: Language | None = None,
    keep_story: bool = False,
    published_hint: date | None = None,
    source_name: str | None = None,
) -> Article:
    from newsapi.extraction.pipeline import extract_article

    hint = published_hint or _caller_hint(article)
    extraction = extract_article(
        article.raw_text, published_hint=hint, title_hint=article.supplied_title or None, nlp=nlp
    )
    return _store_reextraction(
        article=article, extraction=extraction, source_name=source_name, keep_story=keep_story
    )


@retry_on_conflict
@transaction.atomic
def _store_reextraction(
    *, article: Article, extraction: ArticleExtraction, source_name: str | None, keep_story: bool = False
) -> Article:
    lock_article_store()
    # The source and the date may change with the fields: the outlets' counts and the counts per source
    # and day follow them.
    with (
        writes_together(),
        _one_history_record(article, created=False),
        entity_counts_follow(article_ids=[article.pk]),
        source_counts_follow(article_ids=[article.pk]),
    ):
        authors_before = list(article.authors)
        _apply_article_fields(article, extraction, source_name=source_name)
        article.save()
        if article.authors != authors_before:
            _author_rows_write(article)
        _reports_follow_source(article)
        left_groups = _store_extraction(article, extraction, keep_story=keep_story)
    # After the batched writes: a group the quotes gone or reworded left may hold one article's quotes
    # now, unless their new words joined it again.
    _dissolve_lone_groups(left_groups)
    return article


@contextmanager
def _one_history_record(article: Article, *, created: bool) -> Iterator[None]:
    """The article's saves inside write no history record; one record of the article as it ends is
    written after them (an ingest or a re-extraction is one change, however many writes it takes)."""
    article.skip_history_when_saving = True
    try:
        yield
    finally:
        del article.skip_history_when_saving
    history_later(Article, [article], history_type="+" if created else "~")


def _search_vector_fields() -> dict:
    """The article's full-text vector as an UPDATE sets it (PostgreSQL; SQLite searches the text directly)."""
    if connection.vendor != "postgresql":
        return {}
    vector = SearchVector("title", weight="A", config=SEARCH_CONFIG) + SearchVector(
        "body", weight="B", config=SEARCH_CONFIG
    )
    return {"search_vector": vector}


def article_index_for_search(*, article: Article) -> None:
    """Refresh the article's full-text vector (PostgreSQL; SQLite searches the text directly)."""
    fields = _search_vector_fields()
    if fields:
        Article.objects.filter(pk=article.pk).update(**fields)


def _apply_article_fields(
    article: Article, extraction: ArticleExtraction, *, source_name: str | None
) -> None:
    """Copy the article-level results onto ``article``, leaving fields a person edited alone."""
    cleaned = extraction.cleaned
    edited = set(article.edited_fields)
    values = {
        "title": (cleaned.title or "")[:MAX_TITLE_LENGTH],
        "body": cleaned.body,
        "language": extraction.language,
        "removed_lines": cleaned.removed_lines,
        "authors": list(cleaned.authors),
        "extracted_dates": [asdict(timex) for timex in extraction.extracted_dates],
    }
    for name, value in values.items():
        if name not in edited:
            setattr(article, name, value)
    # The address the page declares as its own, for an article nobody gave one (a caller's or an
    # editor's address stays).
    if not article.url and "url" not in edited and _is_storable_url(cleaned.canonical_url):
        article.url = cleaned.canonical_url
    _apply_publication_date(article, extraction.published)
    # The outlet a caller gives wins over the one the text names (an agency's dateline in a paper's
    # article); re-extracting without one keeps the outlet stored, which may be the caller's, so that
    # extracting again never moves an article to the agency its text quotes.
    name = (source_name or ("" if article.source_id else cleaned.source_name) or "").strip()
    if name and "source" not in edited:
        article.source = source_named(name, domain=cleaned.source_domain or "")


def _is_storable_url(address: str | None) -> bool:
    if not address or len(address) > Article._meta.get_field("url").max_length:
        return False
    try:
        URLValidator()(address)
    except ValidationError:
        return False
    return True


# An author's name in ``ArticleAuthor`` (what the ``author`` filter compares): any case, any spacing.
AUTHOR_KEY_LENGTH = ArticleAuthor._meta.get_field("key").max_length


def author_key(name: str) -> str:
    """The key an author's name is looked up by: casefolded, runs of spaces made one ("JANE  DOE" is
    "jane doe")."""
    return " ".join(name.casefold().split())[:AUTHOR_KEY_LENGTH]


def _author_keys(authors: Iterable[str]) -> list[str]:
    """The keys of a list of author names, each once, blanks left out."""
    return list(dict.fromkeys(key for key in map(author_key, authors) if key))


def _author_rows_write(article: Article, *, new: bool = False) -> None:
    """The article's ``ArticleAuthor`` rows made again from ``article.authors`` (saved)."""
    if not new:
        _delete_later(ArticleAuthor, [article.pk], column="article_id")
    keys = _author_keys(article.authors)
    day = article.published_at
    insert_later(ArticleAuthor, [ArticleAuthor(article=article, key=key, published_at=day) for key in keys])


# Articles read at a time when the author rows are rebuilt.
AUTHOR_REBUILD_BATCH = 2000


def author_rows_rebuild() -> tuple[int, int]:
    """Every article's ``ArticleAuthor`` rows made again from ``Article.authors`` (a repair after rows
    were written around the services: bulk SQL, loaddata), reading the articles a batch at a time;
    returns how many rows there were before and after."""
    table = connection.ops.quote_name(ArticleAuthor._meta.db_table)
    before = ArticleAuthor.objects.count()
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table}")
    written = 0
    rows: list[ArticleAuthor] = []
    articles = Article.objects.order_by().values_list("pk", "authors", "published_at")
    for pk, authors, day in articles.iterator(chunk_size=AUTHOR_REBUILD_BATCH):
        rows.extend(
            ArticleAuthor(article_id=pk, key=key, published_at=day) for key in _author_keys(authors or [])
        )
        if len(rows) >= AUTHOR_REBUILD_BATCH:
            ArticleAuthor.objects.bulk_create(rows)
            written, rows = written + len(rows), []
    ArticleAuthor.objects.bulk_create(rows)
    return before, written + len(rows)


MAX_AUTHORS = 50
MAX_AUTHOR_LENGTH = 200


def validate_authors(authors) -> list[str]:
    """A correction's list of authors: names, each once (in any case), blanks dropped. Anything else
    (not a list, a name that is not text or over 200 characters, over 50 names) is refused."""
    if not isinstance(authors, list) or not all(isinstance(name, str) for name in authors):
        raise ValidationError("Give a list of names.", code="invalid")
    names: dict[str, str] = {}
    for name in authors:
        name = " ".join(name.split())
        if len(name) > MAX_AUTHOR_LENGTH:
            raise ValidationError(f"A name has at most {MAX_AUTHOR_LENGTH} characters.", code="max_length")
        if name:
            names.setdefault(author_key(name), name)
    if len(names) > MAX_AUTHORS:
        raise ValidationError(f"At most {MAX_AUTHORS} authors.", code="max_length")
    return list(names.values())


PUBLICATION_DATE_FIELDS = (
    "published_at_clues",
    "published_at",
    "published_at_confidence",
    "published_at_evidence",
    "published_at_conflicts",
)


def _apply_publication_date(article: Article, published: PublicationDate) -> None:
    """The decided date with its evidence; a date a person set or verified stays, its clues refresh."""
    article.published_at_clues = [_clue_as_json(clue) for clue in published.clues]
    if "published_at" in article.edited_fields or article.published_at_verified:
        return
    article.published_at = published.value
    article.published_at_confidence = round(published.confidence, 3)
    article.published_at_evidence = published.evidence
    article.published_at_conflicts = published.conflicts


def _clue_as_json(clue) -> dict:
    data = asdict(clue)
    data["value"] = clue.value.isoformat()
    return data


def _store_extraction(
    article: Article, extraction: ArticleExtraction, *, keep_story: bool = False, new_article: bool = False
) -> set[int]:
    """Store what extraction found, matched with the article's stored rows (``_pair_with_stored``).
    ``new_article``: the article was inserted in this transaction, so it has no rows of its own yet
    (nothing to match or keep: nothing to read). Returns the quote groups stored quotes left."""
    # The story first: its row lock is the first lock an ingest takes, so the story's members
    # are re-dated by one ingest at a time and no two ingests wait on each other in a cycle.
    joined = _assign_story(article, extraction, keep_story=keep_story)
    entity_by_name = _store_entities(article, extraction, new_article=new_article)
    left_groups = _store_quotes(article, extraction, entity_by_name, new_article=new_article)
    # The first article of a new story has no other member to take a date from or to re-date.
    if not joined.alone:
        extraction = _refine_date_with_story(article, extraction, joined.dated)
    _store_events(article, extraction, entity_by_name, new_article=new_article)
    if not joined.alone and not date_is_weak(extraction):
        _refine_weak_story_members(article, bool(joined.dated))
    return left_groups


def _strongly_dated(articles: QuerySet[Article]) -> QuerySet[Article]:
    """The articles whose date is confident or verified: those a story's weak dates are decided near."""
    return articles.filter(published_at__isnull=False).filter(
        Q(published_at_confidence__gte=LOW_DATE_CONFIDENCE) | Q(published_at_verified=True)
    )


def _strong_story_dates(article: Article) -> list[date]:
    if article.story_id is None:
        return []
    return list(
        _strongly_dated(Article.objects.filter(story_id=article.story_id))
        .exclude(pk=article.pk)
        .values_list("published_at", flat=True)
    )


def _refine_date_with_story(
    article: Article, extraction: ArticleExtraction, dated: list[date] | bool
) -> ArticleExtraction:
    """A weak date (no year in the text, say) is re-decided near the story's other reports (``dated``:
    the dates of its other confidently dated members, read as the story was locked)."""
    if (
        not date_is_weak(extraction)
        or article.published_at_verified
        or "published_at" in article.edited_fields
    ):
        return extraction
    from newsapi.extraction.pipeline import refine_with_story_dates

    refined = refine_with_story_dates(
        extraction, dated if isinstance(dated, list) else _strong_story_dates(article)
    )
    if refined is not extraction:
        _apply_publication_date(article, refined.published)
        article.extracted_dates = [asdict(timex) for timex in refined.extracted_dates]
        # Only these fields: the instance does not hold the search vector its story's UPDATE wrote.
        article.save(update_fields=[*PUBLICATION_DATE_FIELDS, "extracted_dates", "updated_at"])
    return refined


def _refine_weak_story_members(article: Article, dated: bool) -> None:
    """When the first confidently dated article joins a story, earlier weakly dated members are re-dated.

    Only the first: members that arrive later, or that were there when another confident article
    joined, were already dated against the story, so re-extracting them again would change nothing.
    Runs under the story's row lock (taken by ``_assign_story``): a concurrent ingest joining the
    same story waits, then sees this article's date and leaves the members alone. Members stay in
    the story (no lock on another story is taken). ``dated``: another member is confidently dated (read
    as the story was locked).
    """
    if article.story_id is None or dated:
        return
    weak = (
        Article.objects.filter(story_id=article.story_id, published_at_confidence__lt=LOW_DATE_CONFIDENCE)
        .exclude(pk=article.pk)
        .filter(published_at_verified=False, is_edited=False)
    )
    for member in weak:
        _reextract(member, keep_story=True)


# --- entity counts ----------------------------------------------------------------------------------
# Entity.mention_count and article_count, and each entity's article counts per source (EntitySource) and
# per publication day (EntityDay), are rows the writes below keep up to date, so that the entity list reads
# and sorts them instead of counting every mention per request.

# The tables of an entity's article counts by a column of its articles: (model, its column, the article's).
ENTITY_FACETS = ((EntitySource, "source_id", "source_id"), (EntityDay, "day", "published_at"))


def _mention_tally(article_ids: list[int]) -> Counter:
    """Mentions per (article, entity, the article's source, its publication day) in these articles: one
    grouped read of their mentions only."""
    rows = (
        Mention.objects.filter(article_id__in=article_ids)
        .order_by()
        .values_list("article_id", "entity_id", "article__source_id", "article__published_at")
        .annotate(mentions=Count("id"))
    )
    return Counter({tuple(row[:-1]): row[-1] for row in rows})


def _entity_counts_shift(before: Counter, after: Counter) -> None:
    """Add the difference between two tallies to the counts of the entities it touches, in one UPDATE, and
    to their counts per source and per day."""
    mentions: Counter = Counter()
    articles: Counter = Counter()
    by_facet: list[Counter] = [Counter() for _ in ENTITY_FACETS]
    for key in before.keys() | after.keys():
        article_id, entity_id, *values = key
        was, now = before[key], after[key]
        mentions[entity_id] += now - was
        articles[entity_id] += (now > 0) - (was > 0)
        for deltas, value in zip(by_facet, values, strict=True):
            if value is not None:
                deltas[(entity_id, value)] += (now > 0) - (was > 0)
    for (model, column, _), deltas in zip(ENTITY_FACETS, by_facet, strict=True):
        _entity_facet_shift(model, column, deltas)
    _entity_articles_shift(before, after)
    changed = sorted(entity_id for entity_id in mentions if mentions[entity_id] or articles[entity_id])
    if not changed:
        return

    def shift(column: str, deltas: Counter) -> F:
        cases = [
            When(id=entity_id, then=Value(deltas[entity_id])) for entity_id in changed if deltas[entity_id]
        ]
        return F(column) + Case(*cases, default=Value(0)) if cases else F(column)

    update_later(
        Entity.objects.filter(id__in=changed),
        mention_count=shift("mention_count", mentions),
        article_count=shift("article_count", articles),
    )


def _entity_articles_shift(before: Counter, after: Counter) -> None:
    """The ``EntityArticle`` rows of two tallies' (article, entity) pairs: the pairs gone deleted (one
    statement), the new ones and those whose article's day changed upserted (one statement). Bounded by
    the pairs given."""
    was = {(article_id, entity_id): day for (article_id, entity_id, _, day), n in before.items() if n > 0}
    now = {(article_id, entity_id): day for (article_id, entity_id, _, day), n in after.items() if n > 0}
    gone = sorted(was.keys() - now.keys())
    written = sorted((pair, day) for pair, day in now.items() if pair not in was or was[pair] != day)
    if gone:
        pairs = Q()
        for article_id, entity_id in gone:
            pairs |= Q(article_id=article_id, entity_id=entity_id)
        EntityArticle.objects.filter(pairs).delete()
    if written:
        table = connection.ops.quote_name(EntityArticle._meta.db_table)
        write_later(
            f"INSERT INTO {table} (article_id, entity_id, published_at) VALUES "
            + ", ".join(["(%s, %s, %s)"] * len(written))
            + " ON CONFLICT (article_id, entity_id) DO UPDATE SET published_at = EXCLUDED.published_at",
            [value for (article_id, entity_id), day in written for value in (article_id, entity_id, day)],
        )


def _entity_facet_shift(model, column: str, deltas: Counter) -> None:
    """Add ``{(entity_id, value): articles}`` to the rows of an entity facet table (EntitySource,
    EntityDay): gains in one upsert, losses in one UPDATE, then the rows left at 0 deleted. Bounded by
    the pairs given, whatever the table holds."""
    gained = sorted((key, n) for key, n in deltas.items() if n > 0)
    lost = sorted((key, -n) for key, n in deltas.items() if n < 0)
    if gained:
        table = connection.ops.quote_name(model._meta.db_table)
        # ON CONFLICT ... DO UPDATE adds to the row another writer may have made meanwhile (PostgreSQL and
        # SQLite 3.24+ read the same statement).
        write_later(
            f"INSERT INTO {table} (entity_id, {column}, article_count) VALUES "
            + ", ".join(["(%s, %s, %s)"] * len(gained))
            + f" ON CONFLICT (entity_id, {column}) DO UPDATE "
            f"SET article_count = {table}.article_count + EXCLUDED.article_count",
            [value for (entity_id, key), n in gained for value in (entity_id, key, n)],
        )
    if lost:
        pairs = Q()
        for (entity_id, key), _ in lost:
            pairs |= Q(entity_id=entity_id, **{column: key})
        cases = [When(entity_id=entity_id, **{column: key}, then=Value(n)) for (entity_id, key), n in lost]
        rows = model.objects.filter(pairs)
        rows.update(article_count=Greatest(F("article_count") - Case(*cases, default=Value(0)), Value(0)))
        rows.filter(article_count=0).delete()


@contextmanager
def entity_counts_follow(*, article_ids: Iterable[int], new: bool = False) -> Iterator[None]:
    """Keep what is derived from these articles' mentions right across a write that adds, moves or
    removes them, or changes their source or publication date (call inside its transaction): the entity
    counts, the (entity, article) pairs with the article's day (EntityArticle), the articles' entity
    types, and the day on their author rows (ArticleAuthor).

    The articles' mentions are tallied before and after, and each entity whose tally changed gets the
    difference added to its columns and to its rows per source and day (F() expressions and upserts, so
    concurrent writers do not lose updates), the pairs gone or moved to another day are deleted or
    upserted; the articles' entity types are computed again from their
    mentions. The work is bounded by these articles' mentions, never by how many mentions an entity has
    overall, so an ingest costs the same on a small database and a large one. ``new``: the articles were
    inserted in this transaction, so they have no mentions before (nothing to read).
    """
    ids = sorted(set(article_ids))
    before = Counter() if new else _mention_tally(ids)
    yield
    _entity_counts_shift(before, _mention_tally(ids))
    statement = _entity_types_statement(article_ids=ids)
    if statement:
        write_later(*statement)
    if ids and not new:
        _author_days_follow(ids)


def _author_days_follow(article_ids: list[int]) -> None:
    """The articles' publication day copied onto their ``ArticleAuthor`` rows (what the ``author`` filter
    reads in the list's order): one statement, bounded by these articles' rows."""
    authors, articles = (
        connection.ops.quote_name(model._meta.db_table) for model in (ArticleAuthor, Article)
    )
    write_later(
        f"UPDATE {authors} SET published_at = (SELECT {articles}.published_at FROM {articles} "
        f"WHERE {articles}.id = {authors}.article_id) WHERE article_id IN ({', '.join(['%s'] * len(article_ids))})",
        article_ids,
    )


# Article.entity_types is the set of entity types an article's mentions name (a bit each), so the article
# list filters by type on the row it walks. One statement computes it from the mentions for a set of
# articles (every article when none is given: one grouped pass, for the migration and repairs).
_TYPES_SQL = """
UPDATE {article} SET "entity_types" = found.types
FROM (
    SELECT {article}."id" AS article_id, COALESCE(SUM(named.bit), 0) AS types
    FROM {article} LEFT JOIN (
        SELECT DISTINCT {mention}."article_id", CASE {entity}."type" {bits} ELSE 0 END AS bit
        FROM {mention} JOIN {entity} ON {entity}."id" = {mention}."entity_id" {mention_scope}
    ) AS named ON named."article_id" = {article}."id"
    {article_scope}
    GROUP BY {article}."id"
) AS found
WHERE found.article_id = {article}."id" AND {article}."entity_types" <> found.types
"""


def article_entity_types_refresh(
    *, article_ids: Iterable[int] | None = None, entity_ids: Iterable[int] | None = None
) -> int:
    """Compute ``Article.entity_types`` again from the mentions: of ``article_ids``, of the articles that
    mention ``entity_ids`` (after an entity's type changed or its mentions moved), or of every article
    when neither is given (a repair after rows were written around the services). Only the rows whose
    value changes are written; returns how many."""
    statement = _entity_types_statement(article_ids=article_ids, entity_ids=entity_ids)
    if statement is None:
        return 0
    with connection.cursor() as cursor:
        cursor.execute(*statement)
        return cursor.rowcount


def _entity_types_statement(
    *, article_ids: Iterable[int] | None = None, entity_ids: Iterable[int] | None = None
) -> tuple[str, list] | None:
    """The UPDATE of ``article_entity_types_refresh`` with its parameters (None: no article to refresh)."""
    quote = connection.ops.quote_name
    article, mention, entity = (quote(model._meta.db_table) for model in (Article, Mention, Entity))
    bits = " ".join("WHEN %s THEN %s" for _ in ENTITY_TYPE_BITS)
    bit_params = [value for pair in ENTITY_TYPE_BITS.items() for value in pair]
    scope, scope_params = "", []
    if article_ids is not None:
        ids = sorted(set(article_ids))
        if not ids:
            return None
        scope, scope_params = f"IN ({', '.join(['%s'] * len(ids))})", ids
    elif entity_ids is not None:
        ids = sorted(set(entity_ids))
        if not ids:
            return None
        marks = ", ".join(["%s"] * len(ids))
        scope, scope_params = f'IN (SELECT "article_id" FROM {mention} WHERE "entity_id" IN ({marks}))', ids
    sql = _TYPES_SQL.format(
        article=article,
        mention=mention,
        entity=entity,
        bits=bits,
        mention_scope=f'WHERE {mention}."article_id" {scope}' if scope else "",
        article_scope=f'WHERE {article}."id" {scope}' if scope else "",
    )
    return sql, [*bit_params, *scope_params, *scope_params]


def entity_recount(*, entity_ids: Iterable[int] | None = None) -> int:
    """Recompute entity counts from the mentions, set-based (every entity when ``entity_ids`` is None),
    and rebuild their rows per source, per day and per article (EntitySource, EntityDay, EntityArticle): a repair for counts written by something other
    than these services (bulk SQL, loaddata), and what a merge or split runs for the entities whose
    mentions moved. Returns how many entities had wrong counts."""
    _entity_facets_rebuild(entity_ids)
    entity = connection.ops.quote_name(Entity._meta.db_table)
    mention = connection.ops.quote_name(Mention._meta.db_table)
    mention_where, entity_where, ids = "", "", []
    if entity_ids is not None:
        ids = sorted(set(entity_ids))
        if not ids:
            return 0
        marks = ", ".join(["%s"] * len(ids))
        mention_where, entity_where = f"WHERE entity_id IN ({marks})", f"AND {entity}.id IN ({marks})"
    counted = (
        "SELECT entity_id, COUNT(*) AS mentions, COUNT(DISTINCT article_id) AS articles "
        f"FROM {mention} {mention_where} GROUP BY entity_id"
    )
    with connection.cursor() as cursor:
        # Entities with mentions whose counts are off (the rows already right are not rewritten).
        cursor.execute(
            f"UPDATE {entity} SET mention_count = counted.mentions, article_count = counted.articles "
            f"FROM ({counted}) AS counted WHERE counted.entity_id = {entity}.id "
            f"AND ({entity}.mention_count <> counted.mentions OR {entity}.article_count <> counted.articles) "
            f"{entity_where}",
            [*ids, *ids],
        )
        fixed = cursor.rowcount
        # Entities with counts but no mention left.
        cursor.execute(
            f"UPDATE {entity} SET mention_count = 0, article_count = 0 "
            f"WHERE ({entity}.mention_count <> 0 OR {entity}.article_count <> 0) "
            f"AND NOT EXISTS (SELECT 1 FROM {mention} WHERE {mention}.entity_id = {entity}.id) {entity_where}",
            ids,
        )
        fixed += cursor.rowcount
    return fixed


def _entity_facets_rebuild(entity_ids: Iterable[int] | None) -> None:
    """The EntitySource, EntityDay and EntityArticle rows of these entities (every entity when None) made
    again from the mentions and their articles, in two statements each."""
    mention = connection.ops.quote_name(Mention._meta.db_table)
    article = connection.ops.quote_name(Article._meta.db_table)
    ids: list[int] = []
    kept, where = "", ""
    if entity_ids is not None:
        ids = sorted(set(entity_ids))
        if not ids:
            return
        marks = ", ".join(["%s"] * len(ids))
        kept, where = f"WHERE entity_id IN ({marks})", f"AND m.entity_id IN ({marks})"
    with connection.cursor() as cursor:
        for model, column, article_column in ENTITY_FACETS:
            table = connection.ops.quote_name(model._meta.db_table)
            cursor.execute(f"DELETE FROM {table} {kept}", ids)
            cursor.execute(
                f"INSERT INTO {table} (entity_id, {column}, article_count) "
                f"SELECT m.entity_id, a.{article_column}, COUNT(DISTINCT m.article_id) FROM {mention} m "
                f"JOIN {article} a ON a.id = m.article_id WHERE a.{article_column} IS NOT NULL {where} "
                f"GROUP BY m.entity_id, a.{article_column}",
                ids,
            )
        table = connection.ops.quote_name(EntityArticle._meta.db_table)
        cursor.execute(f"DELETE FROM {table} {kept}", ids)
        cursor.execute(
            f"INSERT INTO {table} (entity_id, article_id, published_at) "
            f"SELECT DISTINCT m.entity_id, m.article_id, a.published_at FROM {mention} m "
            f"JOIN {article} a ON a.id = m.article_id WHERE true {where}",
            ids,
        )


# --- source counts ----------------------------------------------------------------------------------
# Source.article_count is a column the writes that store, re-extract, move or delete articles keep up to
# date, so that the source list reads it instead of counting each outlet's articles per request.


def _source_tally(article_ids: list[int]) -> Counter:
    """Articles per outlet among these articles (one read of their rows by primary key)."""
    if not article_ids:
        return Counter()
    return Counter(
        Article.objects.filter(pk__in=article_ids, source__isnull=False).values_list("source_id", flat=True)
    )


def _source_counts_shift(before: Counter, after: Counter) -> None:
    """Add the difference between two tallies to the outlets' counts, in one UPDATE (F(): concurrent
    writers do not lose updates)."""
    deltas = {source_id: after[source_id] - before[source_id] for source_id in before.keys() | after.keys()}
    changed = sorted(source_id for source_id, delta in deltas.items() if delta)
    if not changed:
        return
    cases = [When(id=source_id, then=Value(deltas[source_id])) for source_id in changed]
    update_later(
        Source.objects.filter(id__in=changed),
        article_count=F("article_count") + Case(*cases, default=Value(0)),
    )


@contextmanager
def source_counts_follow(*, article_ids: Iterable[int]) -> Iterator[None]:
    """Keep the outlets' article counts right across a write that may change these articles' outlet or
    delete them (call inside its transaction): their outlets are read before and after, by primary key."""
    ids = sorted(set(article_ids))
    before = _source_tally(ids)
    yield
    _source_counts_shift(before, _source_tally(ids))


def source_recount() -> int:
    """Recompute every outlet's article count from the articles (a repair after bulk SQL or loaddata);
    returns how many outlets had a wrong count."""
    source = connection.ops.quote_name(Source._meta.db_table)
    article = connection.ops.quote_name(Article._meta.db_table)
    counted = f"(SELECT COUNT(*) FROM {article} WHERE {article}.source_id = {source}.id)"
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {source} SET article_count = {counted} WHERE article_count <> {counted}")
        return cursor.rowcount


# --- rows found again -------------------------------------------------------------------------------
# Re-extraction matches what it finds with the article's stored rows by their evidence (a quote's span, a
# mention's span and entity, a report's event), so that a client's link to a fact found again stays good.
# The writes are a fixed number of statements whatever the article holds (no per-row signal or save).


def _pair_with_stored(
    stored: Iterable[M], found: Iterable[M], key: Callable[[M], Hashable]
) -> tuple[list[tuple[M, M]], list[M], list[M]]:
    """The (stored, found) rows with the same ``key``, the found rows stored nowhere, and the stored
    rows not found again."""
    by_key = {key(row): row for row in stored}
    pairs, new = [], []
    for row in found:
        match = by_key.pop(key(row), None)
        if match is None:
            new.append(row)
        else:
            pairs.append((match, row))
    return pairs, new, list(by_key.values())


def _take_values(row: M, found: M, fields: Iterable[str]) -> bool:
    """Copy ``fields`` of the row extraction found onto the stored ``row``; True when any changed."""
    changed = False
    for name in fields:
        attname = row._meta.get_field(name).attname
        value = getattr(found, attname)
        if getattr(row, attname) != value:
            setattr(row, attname, value)
            changed = True
    return changed


def _rows_update(model: type[M], rows: list[M], fields: Iterable[str]) -> None:
    """Write ``fields`` of stored rows re-extraction changed (one UPDATE per batch), with the history
    record a save would write."""
    if not rows:
        return
    fields = list(fields)
    if issubclass(model, ExtractedModel):
        now = timezone.now()
        for row in rows:
            row.updated_at = now
        fields.append("updated_at")
    model.objects.bulk_update(rows, fields)
    if hasattr(model, "history"):
        history_later(model, rows, history_type="~")


def _delete_later(model: type[models.Model], ids: Iterable[int], *, column: str = "id") -> None:
    """Delete the rows whose ``column`` is among ``ids`` in one statement, without the per-row signals
    of a queryset's delete (whoever calls writes the history records and the cascades)."""
    ids = sorted(ids)
    if ids:
        table, column = (connection.ops.quote_name(name) for name in (model._meta.db_table, column))
        write_later(f"DELETE FROM {table} WHERE {column} IN ({', '.join(['%s'] * len(ids))})", ids)


def _rows_delete(model: type[M], rows: list[M]) -> None:
    """Delete stored rows re-extraction no longer finds, each with the history record its deletion
    signal would write."""
    if rows and hasattr(model, "history"):
        history_later(model, rows, history_type="-")
    _delete_later(model, (row.pk for row in rows))


def _store_entities(
    article: Article, extraction: ArticleExtraction, *, new_article: bool = False
) -> dict[str, Entity]:
    entity_by_name: dict[str, Entity] = {}
    stored = [] if new_article else list(article.mentions.order_by())
    kept_spans = {(mention.start, mention.end) for mention in stored if mention.is_edited}
    mentions: dict[tuple[int, int, int], Mention] = {}
    roles_before = {} if new_article else article.entity_roles
    resolved = entity_resolve_many(candidates=extraction.entities, roles_before=roles_before)
    roles = entity_roles_given(extraction.entities, resolved)
    if roles != article.entity_roles:
        article.entity_roles = roles
        update_later(Article.objects.filter(pk=article.pk), entity_roles=roles)
    # Entities an editor named (an alias split off, a rename) own the mentions written exactly so,
    # even where extraction merged those mentions into a fuller name.
    surface_keys = {name_key(m.text) for candidate in extraction.entities for m in candidate.mentions}
    edited_by_key = {e.name_key: e for e in Entity.objects.filter(is_edited=True, name_key__in=surface_keys)}
    for candidate, entity in zip(extraction.entities, resolved, strict=True):
        if entity is None:
            continue
        entity_by_name[candidate.name] = entity
        for mention in candidate.mentions:
            if (mention.start, mention.end) in kept_spans:
                continue
            owner = edited_by_key.get(name_key(mention.text), entity)
            if owner.type != entity.type:
                owner = entity
            # The first of two readings of one span naming one entity is stored (the unique span).
            mentions.setdefault(
                (mention.start, mention.end, owner.pk),
                Mention(
                    article=article,
                    entity=owner,
                    start=mention.start,
                    end=mention.end,
                    text=mention.text[:255],
                ),
            )
    pairs, new, gone = _pair_with_stored(
        (mention for mention in stored if not mention.is_edited),
        mentions.values(),
        key=lambda mention: (mention.start, mention.end, mention.entity_id),
    )
    _rows_delete(Mention, gone)
    _rows_update(
        Mention, [mention for mention, found in pairs if _take_values(mention, found, ["text"])], ["text"]
    )
    insert_later(Mention, new, ignore_conflicts=True)
    return entity_by_name


def _overlaps(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(start < other_end and other_start < end for other_start, other_end in spans)


# What re-extraction may change on a quote found again at its span: its words and speaker are what it is
# indexed and grouped by, the others are plain fields.
QUOTE_WORDS = ("text", "speaker")
QUOTE_FIELDS = ("speaker_text", "kind", "cue")


def _store_quotes(
    article: Article,
    extraction: ArticleExtraction,
    entity_by_name: dict[str, Entity],
    *,
    new_article: bool = False,
) -> set[int]:
    """The article's quotes as extraction found them, a stored quote found again at its span kept (its
    id, and its group while its words and speaker are the same). Returns the groups the stored quotes
    gone or reworded left (they may hold one article's quotes now)."""
    stored = [] if new_article else list(article.quotes.order_by())
    kept_spans = [(quote.start, quote.end) for quote in stored if quote.is_edited]
    quotes = []
    for candidate in extraction.quotes:
        if _overlaps(candidate.start, candidate.end, kept_spans):
            continue
        quotes.append(
            Quote(
                article=article,
                speaker=entity_by_name.get(candidate.speaker_name) if candidate.speaker_name else None,
                speaker_text=(candidate.speaker_text or "")[:255],
                text=candidate.text,
                kind=candidate.kind,
                start=candidate.start,
                end=candidate.end,
                cue=(candidate.cue or "")[:100],
            )
        )
        kept_spans.append((candidate.start, candidate.end))
    pairs, new, gone = _pair_with_stored(
        (quote for quote in stored if not quote.is_edited), quotes, key=lambda quote: (quote.start, quote.end)
    )
    left = {quote.group_id for quote in gone if quote.group_id}
    reworded, changed = [], []
    for quote, found in pairs:
        if _take_values(quote, found, QUOTE_WORDS):
            # Other words or another speaker: indexed and grouped again, as a new quote is.
            left |= {quote.group_id} - {None}
            quote.group_id = None
            _take_values(quote, found, QUOTE_FIELDS)
            reworded.append(quote)
        elif _take_values(quote, found, QUOTE_FIELDS):
            changed.append(quote)
    _delete_later(QuoteKey, (quote.pk for quote in [*gone, *reworded]), column="quote_id")
    _rows_delete(Quote, gone)
    grouped = [*reworded, *new]
    # Grouped before they are stored: each is written with its group.
    keys = _group_quotes(article, grouped)
    Quote.objects.bulk_create(new)
    _rows_update(Quote, reworded, [*QUOTE_WORDS, *QUOTE_FIELDS, "group"])
    # Not their group: a grouping above may have moved it (a group folded into another).
    _rows_update(Quote, changed, QUOTE_FIELDS)
    insert_later(
        QuoteKey,
        (
            QuoteKey(quote_id=quote.pk, speaker_id=quote.speaker_id, key=key)
            for quote, quote_keys in zip(grouped, keys, strict=True)
            for key in quote_keys
        ),
    )
    return left


def _group_quotes(article: Article, new_quotes: list[Quote]) -> list[list[int]]:
    """Put each new quote (or one re-extraction found with other words or speaker) in the group of the
    same words reported by other articles.

    The decisions are ``stories.QuoteGrouping``'s: a quote joins the groups of the stored quotes it
    matches whose members it matches on average, the groups it ties together become one (the
    largest keeps its id, the others' quotes move to it) and the matched quotes in no group join
    too; a group may hold several quotes of one article. The quotes compared are found through the
    quote index (the speaker's quotes sharing most keys, from a bounded number of postings), and at
    most ``stories.QUOTE_GROUP_MEMBERS`` of each of their groups' members are read, never every
    quote of the speaker or of a group. A group holds one speaker's quotes (members are read of
    the article's speakers only). A stored quote an editor took out of a group (``quote_ungroup``,
    ``quote_group_delete``: ``group`` is among its edited fields) joins no group again, so a new
    rendering never puts a dissolved group's members back together; the new quote still groups with
    the others it matches.

    Sets ``group_id`` on the quotes (written by the caller) and returns each one's index keys (none
    without a speaker).
    """
    keys = [stories.quote_keys(quote.text) if quote.speaker_id else [] for quote in new_quotes]
    speaking = [i for i, quote in enumerate(new_quotes) if quote.speaker_id]
    if not speaking:
        return keys
    lookups = sorted({(new_quotes[i].speaker_id, key) for i in speaking for key in keys[i]})
    postings: dict[tuple[int, int], list[int]] = {}
    for speaker_id, key, quote_id in _read_postings(
        QuoteKey,
        "speaker_id, {key}, quote_id",
        "quote_id DESC",
        [("speaker_id = %s AND {key} = %s", lookup) for lookup in lookups],
        stories.QUOTE_POSTINGS_PER_KEY,
    ):
        postings.setdefault((speaker_id, key), []).append(quote_id)
    candidates = {
        i: stories.most_shared(
            [(key, pk) for key in keys[i] for pk in postings.get((new_quotes[i].speaker_id, key), [])],
            stories.QUOTE_CANDIDATES,
        )
        for i in speaking
    }
    # A quote an editor took out of a group (``group`` among its edited fields) joins none again.
    others = {
        pk: stories.StoredQuote(pk, text, group_id, kept_out=group_id is None and "group" in edited)
        for pk, text, group_id, edited in Quote.objects.filter(pk__in=set().union(*candidates.values()))
        .exclude(article=article)
        .values_list("id", "text", "group_id", "edited_fields")
    }
    speaker_ids = sorted({new_quotes[i].speaker_id for i in speaking})
    members: dict[int, list[str]] = {}
    marks = ", ".join(["%s"] * len(speaker_ids))
    for group_id, text in _read_postings(
        Quote,
        "group_id, text",
        "id DESC",
        [
            (
                f"group_id = %s AND speaker_id IN ({marks}) AND article_id <> %s",
                (group_id, *speaker_ids, article.pk),
            )
            for group_id in sorted({quote.group for quote in others.values()} - {None})
        ],
        stories.QUOTE_GROUP_MEMBERS,
    ):
        members.setdefault(group_id, []).append(text)
    grouping = stories.QuoteGrouping(others.values(), members)
    placed = {
        i: grouping.place(
            new_quotes[i].text,
            [pk for pk in candidates[i] if pk in others],
            lambda: QuoteGroup.objects.create().pk,
        )
        for i in speaking
    }
    for i, group_id in placed.items():
        new_quotes[i].group_id = grouping.final(group_id)
    # The stored quotes that joined a group, and the groups folded into another (their quotes move).
    joined: dict[int, list[int]] = {}
    for pk, group_id in grouping.group_of.items():
        joined.setdefault(grouping.final(group_id), []).append(pk)
    for group_id, pks in sorted(joined.items()):
        update_later(Quote.objects.filter(pk__in=sorted(pks)), group_id=group_id)
    folded: dict[int, list[int]] = {}
    for group_id in grouping.merged:
        folded.setdefault(grouping.final(group_id), []).append(group_id)
    for group_id, merged in sorted(folded.items()):
        update_later(Quote.objects.filter(group_id__in=sorted(merged)), group_id=group_id)
    if grouping.merged:
        marks = ", ".join(["%s"] * len(grouping.merged))
        write_later(f"DELETE FROM {QuoteGroup._meta.db_table} WHERE id IN ({marks})", sorted(grouping.merged))
    return keys


def _quote_index(quote: Quote) -> None:
    """Index a quote again after an edit (its words or speaker changed): its keys are replaced."""
    QuoteKey.objects.filter(quote=quote).delete()
    if quote.speaker_id:
        QuoteKey.objects.bulk_create(
            QuoteKey(quote=quote, speaker_id=quote.speaker_id, key=key)
            for key in stories.quote_keys(quote.text)
        )


def _read_postings(
    model, columns: str, order: str, lookups: list[tuple[str, tuple]], per_key: int
) -> list[tuple]:
    """Index postings: for each lookup (a WHERE clause and its parameters), at most ``per_key`` rows
    in ``order`` (an index order), read in one statement per 200 lookups (SQLite's compound limit).

    ``{key}`` in ``columns`` and the clauses stands for the quoted column name ``key``.
    """
    table = model._meta.db_table
    key = connection.ops.quote_name("key")
    rows: list[tuple] = []
    for start in range(0, len(lookups), 200):
        chunk = lookups[start : start + 200]
        # Each lookup is its own sub-select (its LIMIT applies to it alone), aliased for PostgreSQL.
        sql = " UNION ALL ".join(
            f"SELECT * FROM (SELECT {columns} FROM {table} WHERE {where} ORDER BY {order} LIMIT %s) AS p{i}"
            for i, (where, _) in enumerate(chunk)
        ).replace("{key}", key)
        with connection.cursor() as cursor:
            cursor.execute(sql, [value for _, params in chunk for value in (*params, per_key)])
            rows.extend(cursor.fetchall())
    return rows


def _event_as_candidate(
    event: Event, location_name: str | None, participant_names: list[str]
) -> EventCandidate:
    """A stored event in the form ``same_event`` compares."""
    return EventCandidate(
        title=event.title,
        type=event.type,
        date=event.date,
        date_precision=event.date_precision or None,
        date_text=event.date_text or None,
        location_name=location_name,
        participant_names=participant_names,
        kind=event.kind or None,
    )


def _event_evidence(candidate: EventCandidate, entity_by_name: dict[str, Entity]) -> dict:
    """Where each field of the event stands in the article body (half-open spans)."""

    def span(start: int | None, end: int | None) -> list[int] | None:
        return [start, end] if start is not None and end is not None else None

    participants = {
        (entity_by_name[name].name if name in entity_by_name else name): list(where)
        for name, where in zip(candidate.participant_names, candidate.participant_spans, strict=False)
    }
    evidence: dict = {
        "date": span(candidate.date_start, candidate.date_end),
        "date_confidence": candidate.date_confidence,
        "location": span(candidate.location_start, candidate.location_end),
        "participants": participants,
    }
    if candidate.actor_text:
        evidence["actor"] = {
            "text": candidate.actor_text,
            "span": span(candidate.actor_start, candidate.actor_end),
        }
    return evidence


class _ComparedEvents:
    """The events an article's reports are compared with: the stored ones the event index gives for
    all its reports (read together), and those its earlier reports created or changed, as they stand.

    Each report sees what reading the index and the events again after the earlier reports were stored
    would give: the events created meanwhile lead their keys' postings (their ids are the highest).
    """

    def __init__(self, reports: list[tuple[list[int], date | None]]) -> None:
        lookups = sorted(
            {(key, day) for keys, day in reports for key in keys},
            key=lambda lookup: (lookup[0], str(lookup[1])),
        )
        parts = [
            ("{key} = %s AND date IS NULL", (key,))
            if day is None
            else ("{key} = %s AND date = %s", (key, day))
            for key, day in lookups
        ]
        self.postings: dict[tuple[int, date | None], list[int]] = {}
        for key, day, event_id in _read_postings(
            EventKey, "{key}, date, event_id", "event_id DESC", parts, event_keys.EVENT_POSTINGS_PER_KEY
        ):
            self.postings.setdefault((key, day), []).append(event_id)
        self.events: dict[int, Event] = {}
        self.location_name: dict[int, str | None] = {}
        self.participants: dict[int, dict[int, str]] = {}  # entity id -> name, per event
        self.created: list[Event] = []
        self.created_keys: dict[int, set[int]] = {}
        # The events each report compares with if the reports before it create none (nearly always
        # what it compares with), read at once.
        self._load(set().union(*(self._ranked(keys, day) for keys, day in reports)))

    def _load(self, ids: set[int]) -> None:
        ids = ids - self.events.keys()
        if not ids:
            return
        # The participants' ids and names read with each event (one statement).
        participants = Event.participants.through.objects.filter(event_id=OuterRef("pk")).order_by("id")
        events = Event.objects.filter(pk__in=ids).annotate(
            location_name=F("location__name"),
            participant_ids=JSONList(participants, "entity_id"),
            participant_names=JSONList(participants, "entity__name"),
        )
        for event in events:
            self.events[event.pk] = event
            self.location_name[event.pk] = event.location_name
            self.participants[event.pk] = dict(
                zip(event.participant_ids, event.participant_names, strict=True)
            )

    def _ranked(self, keys: list[int], day: date | None) -> list[int]:
        postings = []
        for key in keys:
            latest = [
                e.pk for e in reversed(self.created) if e.date == day and key in self.created_keys[e.pk]
            ]
            ids = latest + self.postings.get((key, day), [])
            postings += [(key, pk) for pk in ids[: event_keys.EVENT_POSTINGS_PER_KEY]]
        return stories.most_shared(postings, event_keys.EVENT_CANDIDATES)

    def candidates(self, keys: list[int], day: date | None) -> list[Event]:
        """The events a report with these lookup keys on ``day`` is compared with, in the event order."""
        ids = self._ranked(keys, day)
        self._load(set(ids))  # an event an earlier report's new one pushed into the ranking
        # The events of one date, so the event order (-date, id) is the id order.
        return [self.events[pk] for pk in sorted(ids) if pk in self.events]

    def compared(self, event: Event) -> EventCandidate:
        return _event_as_candidate(
            event, self.location_name[event.pk], list(self.participants[event.pk].values())
        )

    def add(self, event: Event, location: Entity | None) -> None:
        """An event created for a report of this article (stored already: its id is known)."""
        self.events[event.pk] = event
        self.location_name[event.pk] = location.name if location else None
        self.participants[event.pk] = {}
        self.created.append(event)
        self.created_keys[event.pk] = set(event_keys.event_keys(event.title, event.type, event.kind))


# What re-extraction may change on a report of an event the article reported before.
EVENT_REPORT_FIELDS = ("start", "end", "text", "is_main", "evidence", "event_date", "source")


def _store_events(
    article: Article,
    extraction: ArticleExtraction,
    entity_by_name: dict[str, Entity],
    *,
    new_article: bool = False,
) -> None:
    """Join each reported event to the stored event it describes, or store a new one.

    The stored events compared come from the event index (read once for all the article's reports);
    the writes are batched: the new events' keys, participants, history records and the reports are
    inserted together at the end.
    """
    from newsapi.extraction import events as event_extraction

    stored = (
        []
        if new_article
        else list(
            EventReport.objects.filter(article=article)
            .annotate(event_is_edited=F("event__is_edited"))
            .order_by()
        )
    )
    kept = [report for report in stored if report.is_edited or report.event_is_edited]
    # An editor chose the article's main event, or that it has none (``event_report_update``): the choice
    # is theirs, so extraction marks no report main, new or found again.
    main_chosen = any("is_main" in report.edited_fields for report in stored)
    # The sentence of a report an editor corrected is theirs, as an edited mention's span is: one moved
    # to another event is not reported again under the event extraction reads there.
    kept_spans = {(report.start, report.end) for report in kept if report.is_edited}
    candidates = [
        candidate for candidate in extraction.events if (candidate.start, candidate.end) not in kept_spans
    ]
    lookups = [
        (event_keys.event_lookup_keys(candidate.title, candidate.type, candidate.kind), candidate.date)
        for candidate in candidates
    ]
    compared = _ComparedEvents(lookups)
    # The reports an editor corrected, and those of edited events, stay as they are: get, not create
    # (an article reports an event once).
    reports: dict[int, EventReport] = {report.event_id: report for report in kept}
    stored_reports = set(reports)
    added: dict[int, set[int]] = {}  # event id -> entity ids added as participants
    for candidate, (keys, day) in zip(candidates, lookups, strict=True):
        location = entity_by_name.get(candidate.location_name) if candidate.location_name else None
        # Compare against stored events with the same canonical location name, so an event
        # reported with "Istanbul" in one article and "İstanbul" in another still matches.
        comparable = EventCandidate(
            **{**asdict(candidate), "location_name": location.name if location else None}
        )
        comparable.participant_names = [
            entity_by_name[name].name for name in candidate.participant_names if name in entity_by_name
        ]
        event = next(
            (
                stored
                for stored in compared.candidates(keys, day)
                if event_extraction.same_event(comparable, compared.compared(stored))
            ),
            None,
        )
        if event is None:
            event = Event(
                title=candidate.title[:500],
                type=candidate.type,
                kind=candidate.kind or "",
                date=candidate.date,
                date_precision=candidate.date_precision or "",
                date_text=(candidate.date_text or "")[:255],
                date_confidence=candidate.date_confidence,
                location=location,
            )
            # Its history record is written with its participants, below.
            Event.objects.bulk_create([event])
            compared.add(event, location)
        elif not event.is_edited and event.location_id is None and location is not None:
            event.location = location
            if event in compared.created:
                update_later(Event.objects.filter(pk=event.pk), location=location)
            else:
                event.save(update_fields=["location", "updated_at"])
            compared.location_name[event.pk] = location.name
        if not event.is_edited or "participants" not in event.edited_fields:
            for name in candidate.participant_names:
                entity = entity_by_name.get(name)
                if entity is not None and entity.pk not in compared.participants[event.pk]:
                    compared.participants[event.pk][entity.pk] = entity.name
                    added.setdefault(event.pk, set()).add(entity.pk)
        report = reports.get(event.pk)
        if report is None:
            reports[event.pk] = EventReport(
                event=event,
                article=article,
                source_id=article.source_id,
                event_date=event.date,
                start=candidate.start,
                end=candidate.end,
                text=article.body[candidate.start : candidate.end],
                is_main=candidate.main and not main_chosen,
                evidence=_event_evidence(candidate, entity_by_name),
            )
        elif candidate.main and not main_chosen and not report.is_main and not report.is_edited:
            # Two readings of the article (its lead and a dated sentence) were one stored event.
            report.is_main = True
            report.evidence = _event_evidence(candidate, entity_by_name)
            if event.pk in stored_reports:
                report.save(update_fields=["is_main", "evidence"])
    _store_event_rows(compared, added)
    # Another report of an event reported before keeps its id: an article reports an event once.
    pairs, new, gone = _pair_with_stored(
        (report for report in stored if report.event_id not in stored_reports),
        (report for pk, report in reports.items() if pk not in stored_reports),
        key=lambda report: report.event_id,
    )
    _rows_delete(EventReport, gone)
    _rows_update(
        EventReport,
        [report for report, found in pairs if _take_values(report, found, EVENT_REPORT_FIELDS)],
        EVENT_REPORT_FIELDS,
    )
    insert_later(EventReport, new)
    _delete_orphan_events({report.event_id for report in gone})


def _delete_orphan_events(event_ids: Iterable[int]) -> None:
    """Delete the events among ``event_ids`` that no article reports any more, unless a person edited
    them (an event an editor made or corrected is theirs, reported or not), with their index keys and
    participants, and the history record a deletion writes. One read bounded by the ids given (the events
    the reports just deleted or moved pointed to), never a scan of the events; the deletes are queued."""
    ids = sorted(set(event_ids))
    if not ids:
        return
    orphans = list(
        Event.objects.filter(pk__in=ids, is_edited=False)
        .exclude(Exists(EventReport.objects.filter(event_id=OuterRef("pk"))))
        .order_by("id")
    )
    if not orphans:
        return
    gone = [event.pk for event in orphans]
    history_later(Event, orphans, history_type="-")
    _delete_later(EventKey, gone, column="event_id")
    _delete_later(Event.participants.through, gone, column="event_id")
    _delete_later(Event, gone)


def _store_event_rows(compared: _ComparedEvents, added: dict[int, set[int]]) -> None:
    """The new events' keys, the participants added, and a history record (with the participants) for
    each new event and each stored event that gained participants."""
    created = {event.pk for event in compared.created}
    insert_later(
        EventKey,
        (
            EventKey(event=event, key=key, date=event.date)
            for event in compared.created
            for key in sorted(compared.created_keys[event.pk])
        ),
    )
    through = Event.participants.through
    insert_later(
        through,
        (
            through(event_id=pk, entity_id=entity_id)
            for pk in sorted(created & added.keys())
            for entity_id in sorted(added[pk])
        ),
    )
    gained = sorted(added.keys() - created)
    # A stored event may have gained one from an editor meanwhile (ignored, as the many-to-many manager
    # does); its history lists all its participants.
    insert_later(
        through,
        (through(event_id=pk, entity_id=entity_id) for pk in gained for entity_id in sorted(added[pk])),
        ignore_conflicts=True,
    )
    # The participants' rows with their ids, for the history records (one read, after the inserts).
    with_participants = sorted((created & added.keys()) | set(gained))
    rows = list(through.objects.filter(event_id__in=with_participants)) if with_participants else []
    records = Event.history.bulk_history_create([compared.events[pk] for pk in sorted(created)]) or []
    records += Event.history.bulk_history_create([compared.events[pk] for pk in gained], update=True) or []
    by_event = {record.id: record for record in records}
    (participants,) = Event.history.model._history_m2m_fields
    m2m_history = HistoricalRecords.m2m_models[participants]
    insert_later(
        m2m_history,
        (
            m2m_history(
                history=by_event[row.event_id], id=row.pk, event_id=row.event_id, entity_id=row.entity_id
            )
            for row in rows
        ),
    )


def _event_index(event: Event) -> None:
    """Index an event under its keys and date (the keys stored before for it are replaced)."""
    EventKey.objects.filter(event=event).delete()
    EventKey.objects.bulk_create(
        EventKey(event=event, key=key, date=event.date)
        for key in event_keys.event_keys(event.title, event.type, event.kind)
    )


@dataclass
class _StoryJoined:
    """What ``_assign_story`` did: ``alone`` when the article started a new story (its only member);
    ``dated``: its story's other members confidently dated (their dates for an article whose own date is
    weak, else whether there is one)."""

    alone: bool
    dated: list[date] | bool


def _assign_story(
    article: Article, extraction: ArticleExtraction, *, keep_story: bool = False
) -> _StoryJoined:
    """Put the article in a story with the online grouping, through the key index (bounded work).

    Every story touched (the one the article leaves on re-extraction, the one it joins, those
    merged into it) is locked at once in id order, so concurrent ingests never deadlock here.
    A story left empty by re-extraction is reused when the article starts a new one, and deleted
    otherwise. ``keep_story`` re-counts the article in its own story (re-dating a member).
    The story's other members confidently dated are read with the lock (``_StoryJoined``).
    """
    # The extraction's embedding is of its own title and body: an editor's title is embedded anew.
    same_text = (article.title, article.body) == (extraction.cleaned.title, extraction.cleaned.body)
    fingerprint = stories.article_fingerprint(
        article.title,
        article.body,
        [entity.name for entity in extraction.entities],
        extraction.lead_vector if same_text else None,
    )
    day = None if date_is_weak(extraction) else article.published_at
    keys = stories.story_keys(fingerprint)
    old_story = article.story_id if article.fingerprint else None
    old_fingerprint = article.fingerprint
    if old_fingerprint:
        StoryKey.objects.filter(article=article).delete()
    article.fingerprint = fingerprint
    pinned = "story" in article.edited_fields and article.story_id is not None
    if pinned or (keep_story and article.story_id is not None):
        decision = stories.StoryDecision(
            story=article.story_id, merged=[], profile=stories.StoryProfile(None, {}, 0)
        )
    else:
        candidates = [
            stories.profile_remove(c, old_fingerprint) if c.key == old_story else c
            for c in _story_candidates(keys, day, exclude=article.pk)
        ]
        decision = stories.story_decide(fingerprint, day, candidates)
    weak = date_is_weak(extraction)
    locked, dated = _lock_stories_dated(
        (i for i in (old_story, decision.story, *decision.merged) if i is not None),
        besides=article.pk,
        listed=weak,
    )
    profiles = {story_id: _as_profile(row) for story_id, row in locked.items()}
    if old_story in profiles:
        profiles[old_story] = stories.profile_remove(profiles[old_story], old_fingerprint)
    target = decision.story if decision.story in profiles or pinned else None
    merged = [story_id for story_id in decision.merged if story_id in profiles and story_id != target]
    if (
        target is None
        and old_story in profiles
        and not profiles[old_story].size
        and profiles[old_story].mergeable
    ):
        target = old_story  # reuse the story this article alone made
    started = target is None
    if started:
        target = Story.objects.create(title=stories.story_title(article.title, article.body)).pk
    profile = profiles.get(target) or stories.StoryProfile(target, {}, 0)
    sizes = {story_id: profiles[story_id].size for story_id in (target, *merged) if story_id in profiles}
    movable = target in profiles and profiles[target].mergeable
    profile = stories.profile_add(profile, fingerprint, day)
    for story_id in merged:
        profile = stories.profile_merge(profile, profiles.pop(story_id))
    if merged and movable:
        # The story with most members keeps its id and the others' articles move to it: a merge
        # rewrites the smaller stories' rows only (every index of each moved article is written).
        survivor = stories.merge_survivor(target, merged, sizes)
        if survivor != target:
            merged = [target if story_id == survivor else story_id for story_id in merged]
            profiles.pop(target, None)  # merged away: its centroid and row are deleted below
            target = profile.key = survivor
    profiles[target] = profile
    for story_id, story_profile in profiles.items():
        fields = {
            **_centroid_fields(story_profile),
            **({"pinned": True} if pinned and story_id == target else {}),
        }
        if story_id in locked:
            update_later(StoryCentroid.objects.filter(story_id=story_id), **fields)
        else:
            insert_later(StoryCentroid, [StoryCentroid(story_id=story_id, **fields)])
    if merged:
        update_later(Article.objects.filter(story_id__in=merged), story_id=target)
        # The postings of their articles still name them: they are followed to the target (and so are
        # those of stories merged into them before), one step.
        update_later(MergedStory.objects.filter(into_id__in=merged), into_id=target)
        insert_later(MergedStory, [MergedStory(story_id=story_id, into_id=target) for story_id in merged])
        # Their history records in one insert (a queryset delete writes one per story), then the rows.
        history_later(Story, [locked[story_id].story for story_id in merged], history_type="-")
        centroids, story_table = StoryCentroid._meta.db_table, Story._meta.db_table
        marks = ", ".join(["%s"] * len(merged))
        write_later(f"DELETE FROM {centroids} WHERE story_id IN ({marks})", merged)
        write_later(f"DELETE FROM {story_table} WHERE id IN ({marks})", merged)
    article.story_id = target
    # The postings carry the story (candidate reads never visit the articles' rows).
    insert_later(StoryKey, [StoryKey(article=article, key=key, day=day, story_id=target) for key in keys])
    # With the full-text vector of the title and body just written (one UPDATE for both).
    update_later(
        Article.objects.filter(pk=article.pk),
        fingerprint=article.fingerprint,
        story_id=target,
        **_search_vector_fields(),
    )
    left = profiles.get(old_story) if old_story != target else None
    if (
        left is not None
        and not left.size
        and left.mergeable
        and not Article.objects.filter(story_id=old_story).exists()
    ):
        Story.objects.filter(pk=old_story).delete()
    # The members the article's story has now: its own and those of the stories merged into it.
    members = [dated.get(story_id, [] if weak else False) for story_id in (target, *merged)]
    return _StoryJoined(
        alone=started and not merged,
        dated=sorted(day for days in members for day in days) if weak else any(members),
    )


def _centroid_fields(profile: stories.StoryProfile) -> dict:
    return {
        "centroid": profile.centroid,
        "size": profile.size,
        "first_day": profile.first_day,
        "last_day": profile.last_day,
    }


def _as_profile(row: StoryCentroid, *, story_is_edited: bool | None = None) -> stories.StoryProfile:
    """``story_is_edited``: read with the row (else from its story)."""
    return stories.StoryProfile(
        key=row.story_id,
        centroid=row.centroid,
        size=row.size,
        first_day=row.first_day,
        last_day=row.last_day,
        mergeable=not row.pinned
        and not (row.story.is_edited if story_is_edited is None else story_is_edited),
    )


def _story_candidates(keys: list[int], day: date | None, *, exclude: int) -> list[stories.StoryProfile]:
    """The stories sharing most index keys with an article, read from a bounded number of postings.

    Per key, the postings nearest in date on either side (within the largest gap grouping ever
    joins) plus the latest undated ones; an undated article reads each key's latest postings.
    Each posting names its article's story (a story merged away since is followed through
    ``MergedStory``), so the postings are read from the key indexes alone. One query for the
    postings and the stories' centroids.
    """
    if not keys:
        return []
    per_key = stories.STORY_POSTINGS_PER_KEY
    table = StoryKey._meta.db_table
    key_column = connection.ops.quote_name("key")
    parts: list[str] = []
    params: list = []
    for key in keys:
        if day is None:
            parts.append(
                f"SELECT article_id, story_id FROM {table} WHERE {key_column} = %s "
                "ORDER BY article_id DESC LIMIT %s"
            )
            params += [key, per_key]
            continue
        gap = timedelta(days=stories.STORY_PARAMS.max_gap_days)
        parts.append(
            f"SELECT article_id, story_id FROM {table} WHERE {key_column} = %s AND day <= %s AND day >= %s "
            "ORDER BY day DESC LIMIT %s"
        )
        params += [key, day, day - gap, per_key // 2]
        parts.append(
            f"SELECT article_id, story_id FROM {table} WHERE {key_column} = %s AND day > %s AND day <= %s "
            "ORDER BY day ASC LIMIT %s"
        )
        params += [key, day, day + gap, per_key // 2]
        parts.append(
            f"SELECT article_id, story_id FROM {table} WHERE {key_column} = %s AND day IS NULL "
            "ORDER BY article_id DESC LIMIT %s"
        )
        params += [key, stories.STORY_UNDATED_POSTINGS_PER_KEY]
    # Each per-key read is its own sub-select (its LIMIT applies to it alone), aliased for PostgreSQL.
    postings = " UNION ALL ".join(f"SELECT * FROM ({part}) AS k{i}" for i, part in enumerate(parts))
    story = "COALESCE(m.into_id, p.story_id)"
    ranked = (
        f"SELECT {story} AS story_id, COUNT(*) AS shared FROM ({postings}) AS p "
        f"LEFT JOIN {MergedStory._meta.db_table} AS m ON m.story_id = p.story_id "
        "WHERE p.story_id IS NOT NULL AND p.article_id <> %s "
        f"GROUP BY {story} ORDER BY COUNT(*) DESC, {story} LIMIT %s"
    )
    # The stories' centroids (and whether an editor touched them) in the same statement.
    rows = StoryCentroid.objects.raw(
        f"SELECT c.*, s.is_edited AS story_is_edited FROM ({ranked}) AS r "
        f"JOIN {StoryCentroid._meta.db_table} AS c ON c.story_id = r.story_id "
        f"JOIN {Story._meta.db_table} AS s ON s.id = r.story_id ORDER BY r.shared DESC, r.story_id",
        [*params, exclude, stories.STORY_CANDIDATES],
    )
    return [_as_profile(row, story_is_edited=row.story_is_edited) for row in rows]


def _lock_stories(story_ids: Iterable[int]) -> dict[int, StoryCentroid]:
    """Lock the stories' rows (ascending ids, so concurrent ingests never wait on each other in a cycle)."""
    return _lock_stories_dated(story_ids)[0]


def _lock_stories_dated(
    story_ids: Iterable[int], *, besides: int | None = None, listed: bool = False
) -> tuple[dict[int, StoryCentroid], dict[int, list[date] | bool]]:
    """``_lock_stories``, and with ``besides`` (an article) each story's members confidently dated other
    than that article, read in the same statement: their dates when ``listed``, else whether there is
    one."""
    ids = sorted(set(story_ids))
    # One statement: the stories locked, their centroids (if any) read with them.
    locked = Story.objects.select_for_update(of=("self",)).select_related("centroid").filter(pk__in=ids)
    if besides is not None:
        members = _strongly_dated(Article.objects.filter(story_id=OuterRef("pk"))).exclude(pk=besides)
        if listed:
            members = members.order_by("published_at", "id")
            locked = locked.annotate(member_dates=JSONList(members, "published_at"))
        else:
            locked = locked.annotate(member_dated=Exists(members))
    locked = list(locked.order_by("pk"))
    dated: dict[int, list[date] | bool] = {}
    if besides is not None:
        for story in locked:
            dated[story.pk] = (
                [date.fromisoformat(day) for day in story.member_dates] if listed else story.member_dated
            )
    return {story.pk: story.centroid for story in locked if hasattr(story, "centroid")}, dated


def _apply_edit(instance, data: dict, allowed: tuple[str, ...]) -> list[str]:
    """Set the allowed fields that differ, mark them edited, and return their names."""
    unknown = set(data) - set(allowed)
    if unknown:
        raise ValidationError({name: "This field cannot be changed." for name in sorted(unknown)})
    changed = [name for name, value in data.items() if getattr(instance, name) != value]
    for name in changed:
        setattr(instance, name, data[name])
    if changed:
        instance.mark_edited(*changed)
    return changed


QUOTE_EDITABLE_FIELDS = ("speaker", "speaker_text", "text", "kind")


@transaction.atomic
def quote_update(*, quote: Quote, data: dict) -> Quote:
    """Correct a quote (its speaker, words or kind); re-extraction will keep the correction."""
    changed = _apply_edit(quote, data, QUOTE_EDITABLE_FIELDS)
    if changed:
        quote.full_clean(exclude=["group", "article"])
        save_changed(quote, changed)
    if {"speaker", "text"} & set(changed):
        _quote_index(quote)
    return quote


def quote_reattribute(*, quote: Quote, speaker: Entity | None) -> Quote:
    """Give a quote to another speaker (or to nobody)."""
    return quote_update(quote=quote, data={"speaker": speaker})


EVENT_EDITABLE_FIELDS = ("title", "type", "date", "date_precision", "date_text", "location", "participants")


@transaction.atomic
def event_update(*, event: Event, data: dict) -> Event:
    """Correct an event; ``participants`` replaces the whole set."""
    data = dict(data)
    participants = data.pop("participants", None)
    _event_precision_follows_date(event, data)
    changed = _apply_edit(event, data, EVENT_EDITABLE_FIELDS)
    if participants is not None and set(participants) != set(event.participants.all()):
        event.participants.set(participants)
        event.mark_edited("participants")
        changed.append("participants")
    if changed:
        event.full_clean()
        save_changed(event, changed)
    if "date" in changed:  # the reports' copy of the date (the articles' event filters read it)
        EventReport.objects.filter(event=event).update(event_date=event.date)
    if {"title", "type", "date"} & set(changed):
        _event_index(event)
    if "date" in changed:
        EventReport.objects.filter(event=event).update(event_date=event.date)
    return event


def _event_precision_follows_date(event: Event, data: dict) -> None:
    """An event has a precision exactly when it has a date, as extraction stores it: a date cleared
    clears its precision, a date given to an undated event is a day's unless the correction says
    otherwise, and a precision sent against the date is refused naming ``date_precision``."""
    if "date" not in data and "date_precision" not in data:
        return
    day = data.get("date", event.date)
    if "date_precision" in data:
        if (day is None) != (not data["date_precision"]):
            raise ValidationError(
                {"date_precision": 'Give day, month or year with a date, and "" without one.'}
            )
    elif day is None:
        data["date_precision"] = ""
    elif not event.date_precision:
        data["date_precision"] = DatePrecision.DAY


ARTICLE_EDITABLE_FIELDS = ("title", "url", "source", "authors", "published_at", "language", "story")


@transaction.atomic
def article_update(*, article: Article, data: dict) -> Article:
    """Correct an article's metadata; a corrected publication date counts as verified. ``main_event`` (an
    event the article reports, or None) chooses its main event; re-extraction keeps the choice."""
    old_story_id = article.story_id
    data = dict(data)
    # Not a field of the article: which of its event reports is the main one.
    choosing_main = "main_event" in data
    main_event = data.pop("main_event", None)
    for field, validate in (
        ("published_at", validate_publication_date),
        ("language", validate_language_code),
    ):
        if field in data:
            _validate_field(field, validate, data[field])
    if "authors" in data:
        try:
            data["authors"] = validate_authors(data["authors"])
        except ValidationError as error:
            raise ValidationError({"authors": error}) from None
    changed = _apply_edit(article, data, ARTICLE_EDITABLE_FIELDS)
    if "published_at" in changed:
        article.published_at_verified = True
        article.published_at_confidence = 1.0
        article.published_at_evidence = "Set by an editor."
        changed += ["published_at_verified", "published_at_confidence", "published_at_evidence"]
    if changed:
        article.full_clean()
        # A new source moves the article between its outlets' counts; a new source or date moves its
        # entities between their counts per source and day.
        moved = [article.pk] if {"source", "published_at"} & set(changed) else []
        outlet = [article.pk] if "source" in changed else []
        with entity_counts_follow(article_ids=moved), source_counts_follow(article_ids=outlet):
            save_changed(article, changed)
        if "source" in changed:
            _reports_follow_source(article)
        if "authors" in changed:
            _author_rows_write(article)
        article_index_for_search(article=article)
    if "story" in changed:
        _story_move(article, old_story_id)
    if choosing_main:
        _article_main_event_choose(article, main_event)
    return article


def _article_main_event_choose(article: Article, event: Event | None) -> None:
    """An editor's choice of the article's main event: its report of ``event`` becomes the main one (the
    report the admin's main box ticks, through ``event_report_update``), or, with ``None``, none is."""
    if event is None:
        _article_lock(article.pk)
        _main_reports_unmark(article.pk)
        return
    reports = list(EventReport.objects.filter(article_id=article.pk).order_by("event_id"))
    report = next((report for report in reports if report.event_id == event.pk), None)
    if report is None:
        reported = ", ".join(str(report.event_id) for report in reports) or "none"
        raise ValidationError(
            {
                "main_event": f"The article does not report event {event.pk} (the events it reports: {reported})."
            }
        )
    event_report_update(report=report, data={"is_main": True})


def _story_move(article: Article, old_story_id: int | None) -> None:
    """An editor moved the article: its fingerprint leaves the old story's sum and pins the new story,
    and its postings name the new story."""
    if not article.fingerprint:
        return
    locked = _lock_stories(i for i in (old_story_id, article.story_id) if i is not None)
    StoryKey.objects.filter(article=article).update(story_id=article.story_id)
    confident = article.published_at_verified or article.published_at_confidence >= LOW_DATE_CONFIDENCE
    day = article.published_at if confident else None
    if old_story_id in locked:
        left = stories.profile_remove(_as_profile(locked[old_story_id]), article.fingerprint)
        StoryCentroid.objects.filter(story_id=old_story_id).update(**_centroid_fields(left))
        if not left.size and left.mergeable and not Article.objects.filter(story_id=old_story_id).exists():
            Story.objects.filter(pk=old_story_id).delete()
    if article.story_id is not None:
        row = locked.get(article.story_id)
        profile = _as_profile(row) if row else stories.StoryProfile(article.story_id, {}, 0)
        StoryCentroid.objects.update_or_create(
            story_id=article.story_id,
            defaults={
                **_centroid_fields(stories.profile_add(profile, article.fingerprint, day)),
                "pinned": True,
            },
        )


@transaction.atomic
def article_verify_publication_date(*, article: Article) -> Article:
    """An editor confirms the extracted publication date: re-extraction will not change it."""
    article.published_at_verified = True
    article.mark_edited("published_at")
    article.save(update_fields=["published_at_verified", "is_edited", "edited_fields", "updated_at"])
    return article


# Writes an editor makes in the admin beside the corrections above: what a person adds is marked as
# edited so that re-extraction keeps it, and spans are checked against the body they point into.


def _check_span(article: Article, start: int, end: int) -> None:
    if not (0 <= start < end <= len(article.body)):
        raise ValidationError(
            {"end": f"The span must lie inside the article's body (0 to {len(article.body)} characters)."}
        )


@transaction.atomic
def article_delete(*, article: Article) -> None:
    """Delete an article with its mentions, quotes and event reports; a quote group its quotes leave
    with one article's quotes (or none) is dissolved (``_dissolve_lone_groups``), and an unedited event
    no other article reports is deleted (``_delete_orphan_events``). Takes the store lock first, so an
    ingest adding to those groups or events is waited for, as a dissolve does."""
    lock_article_store()
    groups = _groups_of(article.quotes.all())
    events = list(EventReport.objects.filter(article_id=article.pk).values_list("event_id", flat=True))
    with entity_counts_follow(article_ids=[article.pk]), source_counts_follow(article_ids=[article.pk]):
        article.delete()
    entity_roles_uncount(roles=article.entity_roles)
    _dissolve_lone_groups(groups)
    _delete_orphan_events(events)


def article_roles_fold(*, survivor_id: int, merged_ids: list[int]) -> None:
    """Before a merge (``entities.services.entity_merge``) moves the mentions of ``merged_ids`` to the
    survivor: each article that names them keeps one role for the survivor in its stored role map (the
    survivor's own, or else the first merged entity's), and the roles it counted on the others are taken
    back from them, so that the merge, which adds the merged entities' role counts to the survivor's,
    counts each article once, and extracting it again finds its roles under the survivor's id. Reads the
    articles that mention the merged entities, as the merge's moving of their mentions does."""
    order = [str(survivor_id), *(str(pk) for pk in merged_ids)]
    folded, taken = [], {}
    mentioning = Mention.objects.filter(entity_id__in=merged_ids).values("article_id")
    for article in Article.objects.filter(pk__in=mentioning).only("id", "entity_roles").order_by("id"):
        named = [key for key in order if key in article.entity_roles]
        if not set(named) - {order[0]}:
            continue  # it counted no role on a merged entity
        kept, *others = named
        for key in others:
            taken.setdefault(int(key), Counter())[article.entity_roles[key]] += 1
        roles = {key: role for key, role in article.entity_roles.items() if key not in order}
        article.entity_roles = {**roles, order[0]: article.entity_roles[kept]}
        folded.append(article)
    Article.objects.bulk_update(folded, ["entity_roles"], batch_size=500)
    entity_roles_take_back(taken=taken)


def article_roles_follow_split(*, source_id: int, new_id: int) -> None:
    """After an alias split (``entities.services.entity_split_alias``) moved the mentions that wrote the
    alias to a new entity: an article that no longer names the source entity, only the new one, gave its
    role to the new one, so the role moves (its stored map and both entities' counts). An article that
    still names both keeps its role on the source (its first name gave it) until it is extracted again.
    Reads the articles of the new entity's mentions, the ones the split moved."""
    source_key, new_key = str(source_id), str(new_id)
    moved_to = Mention.objects.filter(entity_id=new_id).values("article_id")
    still_naming_source = set(
        Mention.objects.filter(entity_id=source_id, article_id__in=moved_to).values_list(
            "article_id", flat=True
        )
    )
    moved, taken, given = [], Counter(), Counter()
    for article in Article.objects.filter(pk__in=moved_to).only("id", "entity_roles").order_by("id"):
        if article.pk in still_naming_source or source_key not in article.entity_roles:
            continue
        roles = dict(article.entity_roles)
        role = roles[new_key] = roles.pop(source_key)
        taken[role] += 1
        given[role] += 1
        article.entity_roles = roles
        moved.append(article)
    Article.objects.bulk_update(moved, ["entity_roles"], batch_size=500)
    entity_roles_take_back(taken={source_id: taken})
    entity_roles_give(given={new_id: given})


@transaction.atomic
def quote_create(*, article: Article, data: dict) -> Quote:
    """A quote a person marks in an article; ``text`` defaults to the body between start and end."""
    data = dict(data)
    quote = Quote(article=article, **data)
    _check_span(article, quote.start, quote.end)
    quote.text = quote.text or article.body[quote.start : quote.end]
    quote.mark_edited(*data)
    quote.full_clean()
    quote.save()
    _quote_index(quote)
    return quote


@transaction.atomic
def quote_delete(*, quote: Quote) -> None:
    """Remove a wrong quote; a group it leaves with one article's quotes only is dissolved (under the
    store lock, as a dissolve)."""
    lock_article_store()
    groups = _groups_of(Quote.objects.filter(pk=quote.pk))
    quote.delete()
    _dissolve_lone_groups(groups)


def _groups_of(quotes: QuerySet[Quote]) -> list[int]:
    """The groups ``quotes`` are in, read before they leave them."""
    return sorted(set(quotes.exclude(group=None).values_list("group_id", flat=True)))


def _dissolve_lone_groups(group_ids: Iterable[int]) -> int:
    """Dissolve the groups among ``group_ids`` whose quotes now come from fewer than two articles.

    A group is the same words reported by several articles; one left with one article's quotes (or
    none) by an editor's take-out or a deletion reports nothing across outlets. Its remaining quotes
    are ungrouped WITHOUT an editor's mark: nobody judged them, so a later ingest may group them again
    with a new rendering (unlike the quotes taken out, ``StoredQuote.kept_out``). Their history records
    the change; an emptied group is deleted. Call inside the service's transaction, after
    ``lock_article_store`` where an ingest could add to the groups meanwhile. Returns how many groups
    that still held quotes were dissolved."""
    lone = list(
        QuoteGroup.objects.filter(pk__in=list(group_ids))
        .annotate(articles=Count("quotes__article", distinct=True))
        .filter(articles__lt=2)
        .values_list("pk", flat=True)
    )
    if not lone:
        return 0
    left = list(Quote.objects.filter(group_id__in=lone).order_by("id"))
    dissolved = len({quote.group_id for quote in left})
    for quote in left:
        quote.group = None
        quote.save(update_fields=["group", "updated_at"])
    QuoteGroup.objects.filter(pk__in=lone).delete()
    return dissolved


def _take_out_of_group(quote: Quote) -> None:
    """Ungroup a quote as an editor's correction: ``group`` is marked edited, so ingest never puts the
    quote in a group again and re-extraction of its article keeps it (and its history records who)."""
    quote.group = None
    quote.mark_edited("group")
    save_changed(quote, ["group"])


@transaction.atomic
def quote_group_delete(*, group: QuoteGroup) -> None:
    """Dissolve a group: its quotes stay, ungrouped, each taken out as an editor's correction (joins
    no group at a later ingest, so the members are never put back together).

    Takes the store lock first (``lock_article_store``): an ingest merging quotes into the group
    meanwhile is waited for and its quotes are dissolved too, and an ingest starting meanwhile waits
    and reads the dissolved members (before, it could insert a quote into the deleted group and fail
    on the foreign key). A group an ingest merged into another meanwhile is gone: refused, nothing
    changed."""
    lock_article_store()
    if not QuoteGroup.objects.select_for_update().filter(pk=group.pk).exists():
        raise ValidationError(
            f"Quote group {group.pk} no longer exists (an ingest merged it into another group "
            "meanwhile); nothing was dissolved."
        )
    for quote in Quote.objects.filter(group_id=group.pk).order_by("id"):
        _take_out_of_group(quote)
    group.delete()


@dataclass(frozen=True)
class QuotesUngrouped:
    """What ``quote_ungroup`` changed: quotes taken out of their groups (marked edited), and groups
    dissolved because what stayed came from fewer than two articles (their quotes not marked)."""

    taken_out: int
    dissolved: int


def _selected_quotes_again(quotes: Iterable[Quote], nothing_done: str) -> list[Quote]:
    """An editor's selection read again under the store lock (with speakers), in id order; a quote gone
    meanwhile (its article re-extracted or deleted) refuses the whole selection with ``nothing_done``."""
    wanted = sorted({quote.pk for quote in quotes})
    fresh = list(Quote.objects.filter(pk__in=wanted).select_related("speaker").order_by("id"))
    gone = sorted(set(wanted) - {quote.pk for quote in fresh})
    if gone:
        raise ValidationError(
            f"Quote(s) {', '.join(map(str, gone))} no longer exist (an article was re-extracted or "
            f"deleted meanwhile); {nothing_done}."
        )
    return fresh


@transaction.atomic
def quote_ungroup(*, quotes: Iterable[Quote]) -> QuotesUngrouped:
    """Take quotes out of their groups as an editor's correction: ingest never groups them again.

    One selection, one outcome. Takes the store lock, as dissolving does, then reads the quotes again:
    a quote gone meanwhile (its article re-extracted or deleted) refuses the whole selection, nothing
    changed; one in no group by then is left as it is. Every selected quote is taken out before the
    groups are looked at, so a pair taken out together is marked on both sides. A group left with
    quotes of fewer than two articles is dissolved (``_dissolve_lone_groups``): its remaining quotes,
    unmarked, may be grouped again by a later ingest."""
    lock_article_store()
    fresh = _selected_quotes_again(quotes, "no quote was taken out of its group")
    grouped = [quote for quote in fresh if quote.group_id is not None]
    groups = sorted({quote.group_id for quote in grouped})
    for quote in grouped:
        _take_out_of_group(quote)
    return QuotesUngrouped(taken_out=len(grouped), dissolved=_dissolve_lone_groups(groups))


@dataclass(frozen=True)
class QuotesGrouped:
    """What ``quote_group_join`` changed: the group the selected quotes are now in, how many of them
    moved into it, and how many other groups were folded into it."""

    group: QuoteGroup
    joined: int
    merged: int


@transaction.atomic
def quote_group_join(*, quotes: Iterable[Quote]) -> QuotesGrouped:
    """Put quotes an editor judged to be the same words, as several outlets reported them, in one group.

    Ingest misses some renderings (a loose translation shares too few words); this is the editor's
    way to join them. The selection must hold quotes of at least two articles, all attributed to one
    speaker (a group is one speaker's words; ingest compares a new quote with the members of its own
    speaker only). The groups the selected quotes are in become one (the one with most quotes keeps
    its id, as at ingest); with none, a new group is made. Each selected quote that moves has its
    ``group`` marked edited: its article's re-extraction keeps it, and it is not "kept out" (``StoredQuote.kept_out``
    is a quote taken out), so later renderings still join the group at ingest.

    Takes the store lock, as the other group corrections do, and reads the quotes again: one gone
    meanwhile refuses the whole selection, nothing changed."""
    lock_article_store()
    fresh = _selected_quotes_again(quotes, "no quote was grouped")
    wanted = [quote.pk for quote in fresh]
    if len({quote.article_id for quote in fresh}) < 2:
        raise ValidationError(
            "Select quotes of at least two articles: a group is the same words as several outlets "
            "reported them."
        )
    unattributed = [quote.pk for quote in fresh if quote.speaker_id is None]
    if unattributed:
        raise ValidationError(
            f"Quote(s) {', '.join(map(str, unattributed))} have no speaker: set the speaker first (a group "
            "is one speaker's words)."
        )
    if len({quote.speaker_id for quote in fresh}) > 1:
        speakers = sorted({f"{quote.speaker.name} (entity {quote.speaker_id})" for quote in fresh})
        raise ValidationError(
            f"The selected quotes have different speakers ({', '.join(speakers)}): correct the speakers "
            "first (a group is one speaker's words)."
        )
    groups = sorted({quote.group_id for quote in fresh} - {None})
    if groups:
        sizes = dict(
            QuoteGroup.objects.filter(pk__in=groups).annotate(size=Count("quotes")).values_list("pk", "size")
        )
        target_id = stories.merge_survivor(groups[0], groups[1:], sizes)
        target = QuoteGroup.objects.get(pk=target_id)
    else:
        target = QuoteGroup.objects.create()
    folded = [group for group in groups if group != target.pk]
    # The folded groups' other quotes move with them, unmarked, as an ingest's merge moves them.
    Quote.objects.filter(group_id__in=folded).exclude(pk__in=wanted).update(
        group=target, updated_at=timezone.now()
    )
    # A selected quote already in the group is left as it is (no edit mark): nothing about it changed.
    moving = [quote for quote in fresh if quote.group_id != target.pk]
    for quote in moving:
        quote.group = target
        quote.mark_edited("group")
        save_changed(quote, ["group"])
    QuoteGroup.objects.filter(pk__in=folded).delete()
    return QuotesGrouped(group=target, joined=len(moving), merged=len(folded))


@transaction.atomic
def event_create(*, data: dict) -> Event:
    """An event a person adds by hand."""
    data = dict(data)
    participants = data.pop("participants", None) or []
    event = Event(**data)
    event.mark_edited(*data, *(["participants"] if participants else []))
    event.full_clean()
    event.save()
    event.participants.set(participants)
    _event_index(event)
    return event


@transaction.atomic
def event_delete(*, event: Event) -> None:
    """Delete an event with its reports."""
    event.delete()


EVENT_REPORT_EDITABLE_FIELDS = ("event", "article", "start", "end", "is_main")


def _report_text(report: EventReport) -> None:
    """The report's text from its span, and its copies of the article's source and the event's date."""
    _check_span(report.article, report.start, report.end)
    report.text = report.article.body[report.start : report.end]
    report.source_id = report.article.source_id
    report.event_date = report.event.date


def _reports_follow_source(article: Article) -> None:
    """An article's event reports copy its source (the event list's ``source`` filter reads the copy)."""
    reports = EventReport.objects.filter(article_id=article.pk)
    if article.source_id is None:
        reports.filter(source_id__isnull=False).update(source_id=None)
    else:
        reports.exclude(source_id=article.source_id).update(source_id=article.source_id)


def _article_lock(article_id: int) -> None:
    """Lock the article's row before an editor changes which of its reports is main: a re-extraction
    writes its reports' ``is_main`` after saving the article (its row locked first), so one of the two
    waits for the other and reads what it wrote."""
    Article.objects.select_for_update().filter(pk=article_id).values_list("pk").first()


def _main_reports_unmark(article_id: int, *, keep: int | None = None) -> None:
    """The article's main reports other than ``keep`` are main no more, each marked edited (``is_main``),
    so no re-extraction makes it main again: an article has one main event at most, and an editor's
    choice of it, or of none, is theirs. One read and one update, whatever the article holds."""
    reports = EventReport.objects.select_for_update().filter(article_id=article_id, is_main=True)
    if keep is not None:
        reports = reports.exclude(pk=keep)
    unmarked = list(reports.order_by("id"))
    now = timezone.now()
    for report in unmarked:
        report.is_main = False
        report.mark_edited("is_main")
        report.updated_at = now
    if unmarked:
        EventReport.objects.bulk_update(unmarked, ["is_main", "is_edited", "edited_fields", "updated_at"])


@transaction.atomic
def event_report_create(
    *, event: Event, article: Article, start: int, end: int, is_main: bool = False
) -> EventReport:
    """Link an article to an event it reports, through the sentence between start and end; re-extraction
    keeps the link. ``is_main`` makes it the article's main event (its other main report is main no
    more)."""
    report = EventReport(
        event=event, article=article, start=start, end=end, event_date=event.date, is_main=is_main
    )
    _report_text(report)
    # A report added as not main says nothing of the article's main event: extraction goes on choosing it.
    report.mark_edited("event", "article", "start", "end", *(["is_main"] if is_main else []))
    report.full_clean()
    if is_main:
        _article_lock(article.pk)
    report.save()
    if is_main:
        _main_reports_unmark(article.pk, keep=report.pk)
    return report


@transaction.atomic
def event_report_update(*, report: EventReport, data: dict) -> EventReport:
    """Move a report to another event or span, or make it its article's main event or not; its text
    follows the span, and re-extraction keeps the correction. A report made main leaves the article's
    other main report main no more (marked edited too: an article has one main event at most), and one
    made not main leaves the article with none; no re-extraction marks another (``_store_events``). The
    event it left is deleted when no article reports it any more, unless a person edited it
    (``_delete_orphan_events``)."""
    left = report.event_id
    changed = _apply_edit(report, data, EVENT_REPORT_EDITABLE_FIELDS)
    if report.event_id != left:
        # The store lock before any row lock, in an ingest's order: an ingest reporting the event
        # meanwhile is waited for, and seen.
        lock_article_store()
    if "is_main" in changed:
        _article_lock(report.article_id)
    moved = [name for name in changed if name != "is_main"]
    if moved:
        report.event_date = report.event.date
        _report_text(report)
    if changed:
        report.full_clean()
        save_changed(report, [*changed, *(["text", "source", "event_date"] if moved else [])])
    if "is_main" in changed and report.is_main:
        _main_reports_unmark(report.article_id, keep=report.pk)
    if report.event_id != left:
        _delete_orphan_events([left])
    return report


@transaction.atomic
def event_report_delete(*, report: EventReport) -> None:
    """Unlink an article from an event it does not report; the event goes with it when no other article
    reports it and no person edited it."""
    lock_article_store()
    report.delete()
    _delete_orphan_events([report.event_id])


def _apply_plain_edit(instance, data: dict, allowed: tuple[str, ...]) -> list[str]:
    unknown = set(data) - set(allowed)
    if unknown:
        raise ValidationError({name: "This field cannot be changed." for name in sorted(unknown)})
    changed = [name for name, value in data.items() if getattr(instance, name) != value]
    for name in changed:
        setattr(instance, name, data[name])
    return changed


STORY_EDITABLE_FIELDS = ("title",)


@transaction.atomic
def story_create(*, title: str) -> Story:
    """A story a person opens by hand (articles join it by editing their story)."""
    story = Story(title=title)
    story.mark_edited("title")
    story.full_clean()
    story.save()
    return story


@transaction.atomic
def story_update(*, story: Story, data: dict) -> Story:
    """Correct a story's title."""
    if _apply_edit(story, data, STORY_EDITABLE_FIELDS):
        story.full_clean()
        story.save()
    return story


@transaction.atomic
def story_delete(*, story: Story) -> None:
    """Delete a story; its articles stay, without a story (and their postings name none)."""
    StoryKey.objects.filter(article__story=story).update(story_id=None)
    story.delete()


SOURCE_EDITABLE_FIELDS = ("name", "domain")


@transaction.atomic
def source_create(*, name: str, domain: str = "") -> Source:
    """An outlet added by hand."""
    source = Source(name=name.strip(), domain=domain.strip())
    source.full_clean()
    source.save()
    return source


@transaction.atomic
def source_update(*, source: Source, data: dict) -> Source:
    """Correct an outlet's name or domain."""
    if _apply_plain_edit(source, data, SOURCE_EDITABLE_FIELDS):
        source.full_clean()
        source.save()
    return source


@transaction.atomic
def source_delete(*, source: Source) -> None:
    """Delete an outlet; its articles stay, without a source."""
    source.delete()


def _check_mention_span(mention: Mention) -> None:
    body = mention.article.body
    if not (0 <= mention.start < mention.end <= len(body)):
        raise ValidationError({"end": f"The span must lie inside the body (0 to {len(body)} characters)."})
    if body[mention.start : mention.end] != mention.text:
        raise ValidationError(
            {"text": f"The body reads {body[mention.start : mention.end]!r} between start and end."}
        )


MENTION_EDITABLE_FIELDS = ("entity", "text", "start", "end")


@transaction.atomic
def mention_create(*, article: Article, entity: Entity, start: int, end: int, text: str = "") -> Mention:
    """A mention a person marks in an article; ``text`` defaults to the body between start and end."""
    mention = Mention(article=article, entity=entity, start=start, end=end)
    mention.text = text or article.body[start:end]
    _check_mention_span(mention)
    mention.mark_edited(*MENTION_EDITABLE_FIELDS)
    mention.full_clean()
    with entity_counts_follow(article_ids=[article.pk]):
        mention.save()
    return mention


@transaction.atomic
def mention_update(*, mention: Mention, data: dict) -> Mention:
    """Correct a mention's entity or span; re-extraction keeps the correction."""
    changed = _apply_edit(mention, data, MENTION_EDITABLE_FIELDS)
    if not changed:
        return mention
    if {"start", "end", "text"} & set(changed):
        _check_mention_span(mention)
    mention.full_clean()
    with entity_counts_follow(article_ids=[mention.article_id]):
        mention.save()
    return mention


@transaction.atomic
def mention_delete(*, mention: Mention) -> None:
    """Remove a wrong mention."""
    with entity_counts_follow(article_ids=[mention.article_id]):
        mention.delete()


def quote_keys_follow_speakers(*, entity_ids: list[int]) -> int:
    """Quote keys copy their quote's speaker: once quotes moved to another entity (a merge, a split),
    their keys follow. Returns how many keys changed."""
    stale = QuoteKey.objects.filter(
        Q(speaker_id__in=entity_ids) | Q(quote__speaker_id__in=entity_ids)
    ).exclude(speaker_id=F("quote__speaker_id"))
    return stale.update(
        speaker_id=Subquery(Quote.objects.filter(pk=OuterRef("quote_id")).values("speaker_id")[:1])
    )
