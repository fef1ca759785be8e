"""Raw articles in, ``ArticleExtraction``s out: every step, with one spaCy parse per article."""

from __future__ import annotations

import itertools
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date, timedelta

from spacy.language import Language
from spacy.tokens import Doc

from newsapi.extraction.cleaning import MAX_RAW_CHARS, clean_article
from newsapi.extraction.dates import CALLER, date_is_weak, find_publication_date
from newsapi.extraction.embeddings import lead_embedding, lead_embeddings
from newsapi.extraction.entities import extract_entities
from newsapi.extraction.language import detect_language
from newsapi.extraction.main_event import extract_article_events
from newsapi.extraction.nlp import doc_text, get_nlp, parse, with_text
from newsapi.extraction.quotes import extract_quotes
from newsapi.extraction.temporal import find_timexes
from newsapi.extraction.types import ArticleExtraction, CleanedArticle

# Articles parsed together by nlp.pipe: spaCy's batching is most of its speed-up on CPU.
BATCH_SIZE = 32


# The model and the rules (reporting verbs, event triggers, titles) are English: on other
# languages they would invent entities and quotes, so those articles keep their clean body, date
# and language, and nothing is extracted from their words. "und" (too little text to tell) is tried.
PARSED_LANGUAGES = frozenset({"en", "und"})


def _parsed_text(cleaned: CleanedArticle, language: str, nlp: Language) -> str:
    if language not in PARSED_LANGUAGES:
        return ""
    # Only as much as the pipeline handles is parsed (and never past spaCy's max_length, where it
    # raises): the body stays whole, and every span found lies in its parsed beginning.
    return cleaned.body[: min(MAX_RAW_CHARS, nlp.max_length)]


def _finish(
    raw_text: str,
    cleaned: CleanedArticle,
    language: str,
    doc: Doc,
    published_hint: date | None,
    lead_vector: tuple[float, ...],
) -> ArticleExtraction:
    published = find_publication_date(cleaned, hint=published_hint)
    # Relative dates resolve against the publication date, or else a day known to be near it.
    anchor = published.value or published.reference
    parsed = doc if language in PARSED_LANGUAGES else None
    timexes = find_timexes(cleaned.body, anchor, doc=parsed)
    if language in PARSED_LANGUAGES:
        entities = extract_entities(doc)
        quotes = extract_quotes(doc, entities)
        # The events' dates are the extracted dates of their words.
        events = extract_article_events(doc, entities, anchor, title=cleaned.title, timexes=timexes)
    else:
        entities, quotes, events = [], [], []
    extraction = ArticleExtraction(
        raw_text=raw_text,
        cleaned=cleaned,
        published=published,
        language=language,
        entities=entities,
        quotes=quotes,
        events=events,
        extracted_dates=timexes,
        lead_vector=lead_vector,
    )
    # Kept for ``refine_with_story_dates``; a strongly dated extraction, which the story never re-dates,
    # keeps none.
    if parsed is not None and date_is_weak(extraction) and doc_text(parsed) == cleaned.body:
        extraction.parse = parsed
    return extraction


def extract_article(
    raw_text: str,
    *,
    published_hint: date | None = None,
    title_hint: str | None = None,
    nlp: Language | None = None,
) -> ArticleExtraction:
    """Run every extraction step over one article as the scraper captured it.

    ``published_hint`` is a date supplied by the caller (e.g. from the
    scraper's metadata): it is the publication date, and a clue of the text
    that contradicts it is recorded as a conflict. ``title_hint`` is the
    headline the caller knows: it is the title, whatever line the text opens with.
    """
    nlp = nlp or get_nlp()
    cleaned = clean_article(raw_text, title=title_hint)
    language = detect_language(cleaned.body)
    doc = parse(nlp, _parsed_text(cleaned, language, nlp))
    return _finish(
        raw_text, cleaned, language, doc, published_hint, lead_embedding(cleaned.title, cleaned.body)
    )


def extract_articles(
    raw_texts: Iterable[str],
    *,
    published_hint: date | None = None,
    title_hints: Iterable[str | None] | None = None,
    published_hints: Iterable[date | None] | None = None,
    nlp: Language | None = None,
    batch_size: int = BATCH_SIZE,
) -> Iterator[ArticleExtraction]:
    """``extract_article`` over many articles, parsed in batches with ``nlp.pipe``; same order out.
    ``title_hints``, when given, holds each article's ``title_hint`` (None where the caller knows none);
    ``published_hints`` each article's ``published_hint`` in place of the one ``published_hint`` for all."""
    nlp = nlp or get_nlp()
    # Tee the cleaned articles alongside their docs without holding the whole input in memory; the
    # leads of each batch are embedded together (one product per matrix for the batch: half the
    # encoder's cost of one lead at a time).
    buffer: deque[tuple[str, CleanedArticle, str, str, tuple[float, ...]]] = deque()
    # Endless, as the titles below: an article past the dates given has the one for all.
    days = itertools.chain(published_hints or (), itertools.repeat(published_hint))

    def bodies() -> Iterator[str]:
        batch: list[tuple[str, CleanedArticle, str, str]] = []
        # Endless: an article past the hints given has none.
        titles = itertools.chain(title_hints or (), itertools.repeat(None))
        for raw, title in zip(itertools.chain(raw_texts, [None]), titles, strict=False):
            if raw is not None:
                cleaned = clean_article(raw, title=title)
                language = detect_language(cleaned.body)
                batch.append((raw, cleaned, language, _parsed_text(cleaned, language, nlp)))
                if len(batch) < batch_size:
                    continue
            vectors = lead_embeddings([(cleaned.title, cleaned.body) for _, cleaned, _, _ in batch])
            for item, vector in zip(batch, vectors, strict=True):
                buffer.append((*item, vector))
                yield item[3]
            batch = []

    for doc in nlp.pipe(bodies(), batch_size=batch_size):
        raw, cleaned, language, text, vector = buffer.popleft()
        yield _finish(raw, cleaned, language, with_text(doc, text), next(days), vector)


# Below LOW_DATE_CONFIDENCE (in dates.py, which the web processes import without spaCy) a publication
# date is weak; the dates of the other articles of the same story give the year and week that the
# text's year-less clues lack.
STORY_DATE_SPREAD_DAYS = 7


def refine_with_story_dates(
    extraction: ArticleExtraction, story_dates: list[date], *, nlp: Language | None = None
) -> ArticleExtraction:
    """Re-decide a missing or weak publication date near the confident dates of the story's other articles.

    A year-less dateline ("NEW YORK, Nov. 19 (Agency) -") takes the year of the story's reports and
    becomes the date; a lead that gives no year ("announced on Wednesday ... talks on June 2") gets a
    reference day in the story's week, against which its relative event dates are resolved again,
    but no publication date. Strong dates and articles of a story with no confident dates come back
    unchanged.
    """
    if not story_dates or not date_is_weak(extraction):
        return extraction
    ordered = sorted(story_dates)
    story_day = ordered[len(ordered) // 2]
    window = timedelta(days=STORY_DATE_SPREAD_DAYS)
    caller = next((c.value for c in extraction.published.clues if c.kind == CALLER), None)
    refined = find_publication_date(extraction.cleaned, hint=caller, near=story_day)
    before = (extraction.published.value, extraction.published.reference)
    if (refined.value, refined.reference) == before or any(
        day is not None and abs(day - story_day) > window for day in (refined.value, refined.reference)
    ):
        return extraction
    refined.evidence += (
        f" The year and week come from the {len(ordered)} other article(s) of its story, published "
        f"around {story_day.isoformat()}."
    )
    anchor = refined.value or refined.reference
    if extraction.language not in PARSED_LANGUAGES:
        # Extraction ran no English rules on it; re-dating must not either.
        return replace(
            extraction,
            published=refined,
            extracted_dates=find_timexes(extraction.cleaned.body, anchor, doc=None),
        )
    nlp = nlp or get_nlp()
    doc = extraction.parse
    if doc is None:
        doc = parse(nlp, _parsed_text(extraction.cleaned, extraction.language, nlp))
    entities = extraction.entities
    timexes = find_timexes(extraction.cleaned.body, anchor, doc=doc)
    return replace(
        extraction,
        published=refined,
        events=extract_article_events(doc, entities, anchor, title=extraction.cleaned.title, timexes=timexes),
        extracted_dates=timexes,
    )
