"""One raw article in, one ``ArticleExtraction`` out."""

from __future__ import annotations

from datetime import date

from spacy.language import Language

from newsapi.extraction.cleaning import clean_article
from newsapi.extraction.dates import find_publication_date
from newsapi.extraction.entities import extract_entities
from newsapi.extraction.events import extract_events
from newsapi.extraction.language import detect_language
from newsapi.extraction.nlp import get_nlp
from newsapi.extraction.quotes import extract_quotes
from newsapi.extraction.types import ArticleExtraction


def extract_article(
    raw_text: str,
    *,
    published_hint: date | None = None,
    nlp: Language | None = None,
) -> ArticleExtraction:
    """Run every extraction step over one article as the scraper captured it.

    ``published_hint`` is a date supplied by the caller (e.g. from the
    scraper's metadata); it is weighed with the clues found in the text.
    """
    nlp = nlp or get_nlp()
    cleaned = clean_article(raw_text)
    published = find_publication_date(cleaned, hint=published_hint)
    language = detect_language(cleaned.body)
    doc = nlp(cleaned.body)
    entities = extract_entities(doc)
    quotes = extract_quotes(doc, entities)
    events = extract_events(doc, entities, published.value)
    return ArticleExtraction(
        raw_text=raw_text,
        cleaned=cleaned,
        published=published,
        language=language,
        entities=entities,
        quotes=quotes,
        events=events,
    )
