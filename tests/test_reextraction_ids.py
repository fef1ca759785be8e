"""Re-extraction keeps the ids of the facts it finds again: a mention, quote or event report at the same
evidence keeps its id (a quote its group), what is no longer found is deleted, what is new is added,
corrected rows stay as they are; its queries do not grow with the article's rows."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article, EventReport, Mention, Quote, QuoteGroup, QuoteKey
from articles.services import _store_reextraction, article_ingest, article_reextract, quote_reattribute
from benchmarks.story_assignment_cost import synthetic_extraction
from entities.models import Entity
from newsapi.extraction import lexicon
from newsapi.extraction.types import (
    DAY,
    DIRECT,
    LOCATION,
    PERSON,
    ArticleExtraction,
    EntityCandidate,
    EventCandidate,
    MentionSpan,
    QuoteCandidate,
)
from tests.ingest_snapshot import clear_ingested_rows
from tests.test_quote_groups import FIRST_HALF, FULL, REWORDED, SECOND_HALF, _ingest

pytestmark = pytest.mark.django_db

MONDAY = date(2025, 6, 2)
SYBIHA, UMEROV = "Andriy Sybiha", "Rustem Umerov"
LEAD = "Diplomats met in Geneva on Monday as the two governments weighed another round of talks."
SAID = [(SYBIHA, FULL), (UMEROV, FIRST_HALF), (UMEROV, SECOND_HALF)]


def _extraction(said: list[tuple[str, str]], title: str = "Talks in Geneva") -> ArticleExtraction:
    """What extraction finds in an article whose body reports each (speaker, words) after its lead: the
    speakers' mentions and quotes, Geneva, and the talks as the main event."""
    body, quotes, mentions = LEAD, [], {}
    for speaker, text in said:
        body += " "
        mentions.setdefault(speaker, []).append(MentionSpan(len(body), len(body) + len(speaker), speaker))
        body += f'{speaker} said: "{text}".'
        start = len(body) - len(text) - 2
        quotes.append(
            QuoteCandidate(
                text=text,
                kind=DIRECT,
                start=start,
                end=start + len(text),
                speaker_text=speaker,
                speaker_name=speaker,
            )
        )
        quotes[-1].cue = "said"
    extraction = synthetic_extraction(title, body, [], MONDAY)
    geneva = LEAD.index("Geneva")
    extraction.entities = [
        EntityCandidate(name=name, type=PERSON, mentions=spans) for name, spans in mentions.items()
    ]
    extraction.entities.append(
        EntityCandidate(name="Geneva", type=LOCATION, mentions=[MentionSpan(geneva, geneva + 6, "Geneva")])
    )
    extraction.quotes = quotes
    extraction.events = [
        EventCandidate(
            title="Talks in Geneva",
            type=lexicon.DIPLOMACY,
            date=MONDAY,
            date_precision=DAY,
            date_text="on Monday",
            location_name="Geneva",
            participant_names=sorted(mentions),
            start=0,
            end=len(LEAD),
            kind="talks",
            main=True,
        )
    ]
    return extraction


def _store(said: list[tuple[str, str]] = SAID, title: str = "Talks in Geneva") -> Article:
    extraction = _extraction(said, title)
    article, created = article_ingest(raw_text=extraction.raw_text, extraction=extraction)
    assert created
    return article


def _rows(article: Article) -> dict[str, list[tuple]]:
    """The article's extracted rows with their ids, and its quotes' index keys."""
    return {
        "mentions": sorted(
            Mention.objects.filter(article=article).values_list("id", "start", "end", "entity_id", "text")
        ),
        "quotes": sorted(
            Quote.objects.filter(article=article).values_list(
                "id", "start", "end", "speaker_id", "text", "kind", "cue", "group_id"
            )
        ),
        "reports": sorted(
            EventReport.objects.filter(article=article).values_list(
                "id", "event_id", "start", "end", "is_main"
            )
        ),
        "quote keys": sorted(
            QuoteKey.objects.filter(quote__article=article).values_list("quote_id", "speaker_id", "key")
        ),
    }


def _reextract(article: Article, extraction: ArticleExtraction) -> None:
    """Re-extraction of the article with this result (the pipeline's, changed as a test needs)."""
    _store_reextraction(article=Article.objects.get(pk=article.pk), extraction=extraction, source_name=None)


def _quote(article: Article, text: str) -> Quote:
    return Quote.objects.get(article=article, text=text)


def test_reextracting_an_unchanged_article_keeps_every_id_and_quote_group():
    """Every mention, quote (with its group and index keys) and event report keeps its id (before: all
    deleted and stored again under new ids)."""
    other = _ingest("Talks may resume in Geneva", [(SYBIHA, REWORDED)])
    article = _store()
    group_id = _quote(article, FULL).group_id
    assert group_id is not None and Quote.objects.get(article=other).group_id == group_id
    before = _rows(article)
    assert all(before.values())
    records = (Quote.history.count(), Mention.history.count())
    _reextract(article, _extraction(SAID))
    assert _rows(article) == before
    assert (Quote.history.count(), Mention.history.count()) == records, "nothing changed, nothing recorded"
    assert Quote.objects.get(article=other).group_id == group_id
    assert list(QuoteGroup.objects.values_list("pk", flat=True)) == [group_id]


def test_a_quote_no_longer_found_is_deleted_and_the_others_keep_their_ids():
    """The quote gone is deleted and its group, left with the other article's quote only, dissolved; the
    other quotes, the mentions and the report keep their ids."""
    other = _ingest("Talks may resume in Geneva", [(SYBIHA, REWORDED)])
    article = _store()
    gone = _quote(article, FULL)
    before = _rows(article)
    extraction = _extraction(SAID)
    extraction.quotes = [quote for quote in extraction.quotes if quote.text != FULL]
    _reextract(article, extraction)
    after = _rows(article)
    assert after["quotes"] == [row for row in before["quotes"] if row[0] != gone.pk]
    assert after["quote keys"] == [row for row in before["quote keys"] if row[0] != gone.pk]
    assert (after["mentions"], after["reports"]) == (before["mentions"], before["reports"])
    assert not Quote.objects.filter(pk=gone.pk).exists()
    assert gone.history.first().history_type == "-"
    assert Quote.objects.get(article=other).group_id is None
    assert not QuoteGroup.objects.exists()


def test_a_quote_found_again_with_another_speaker_keeps_its_id_and_is_indexed_and_grouped_again():
    """Its speaker changes in place (history says so), it leaves the group of its former speaker's words
    (dissolved: one article's quote left) and is indexed under the new speaker; a quote whose cue
    changed keeps its id too."""
    other = _ingest("Talks may resume in Geneva", [(SYBIHA, REWORDED)])
    article = _store()
    full, half = _quote(article, FULL), _quote(article, FIRST_HALF)
    keys = set(QuoteKey.objects.filter(quote=full).values_list("key", flat=True))
    extraction = _extraction(SAID)
    extraction.quotes[0].speaker_name = UMEROV
    extraction.quotes[1].cue = "told reporters"
    _reextract(article, extraction)
    umerov = Entity.objects.get(name=UMEROV)
    full_after, half_after = _quote(article, FULL), _quote(article, FIRST_HALF)
    assert (full_after.pk, full_after.speaker_id, full_after.group_id) == (full.pk, umerov.pk, None)
    assert full_after.history.first().history_type == "~"
    assert set(QuoteKey.objects.filter(quote=full).values_list("speaker_id", "key")) == {
        (umerov.pk, key) for key in keys
    }
    assert (half_after.pk, half_after.cue) == (half.pk, "told reporters")
    assert Quote.objects.get(article=other).group_id is None


def test_an_edited_quote_is_left_as_it_is_when_it_is_not_found_again():
    """A quote an editor reattributed keeps its row and values whatever re-extraction finds."""
    article = _store()
    edited = quote_reattribute(quote=_quote(article, FIRST_HALF), speaker=Entity.objects.get(name=SYBIHA))
    values = Quote.objects.filter(pk=edited.pk).values().get()
    others = sorted(Quote.objects.filter(article=article).exclude(pk=edited.pk).values_list("pk", flat=True))
    extraction = _extraction(SAID)
    extraction.quotes = [quote for quote in extraction.quotes if quote.text != FIRST_HALF]
    _reextract(article, extraction)
    assert Quote.objects.filter(pk=edited.pk).values().get() == values
    assert (
        sorted(Quote.objects.filter(article=article).exclude(pk=edited.pk).values_list("pk", flat=True))
        == others
    )


def test_an_event_report_found_again_keeps_its_id_and_one_no_longer_found_is_deleted():
    """The same event reported by another sentence: the report keeps its id (and the event its row), its
    span and text follow; no event found: the report is deleted."""
    article = _store()
    report = EventReport.objects.get(article=article)
    extraction = _extraction(SAID)
    extraction.events[0].end = LEAD.index(" as")
    _reextract(article, extraction)
    moved = EventReport.objects.get(article=article)
    assert (moved.pk, moved.event_id, moved.end, moved.text) == (
        report.pk,
        report.event_id,
        LEAD.index(" as"),
        LEAD[: LEAD.index(" as")],
    )
    extraction.events = []
    _reextract(article, extraction)
    assert not EventReport.objects.filter(article=article).exists()


def _reextraction_queries(article: Article, extraction: ArticleExtraction) -> int:
    with CaptureQueriesContext(connection) as queries:
        _reextract(article, extraction)
    return len(queries)


def _changed(said: list[tuple[str, str]]) -> ArticleExtraction:
    """The article's extraction with every cue changed, its first quote given another speaker, and its
    last quote and the event not found."""
    extraction = _extraction(said, title=f"Talks in Geneva, {len(said)} statements")
    for quote in extraction.quotes:
        quote.cue = "told reporters"
    extraction.quotes[0].speaker_name = UMEROV
    extraction.quotes.pop()
    extraction.events = []
    return extraction


def test_reextraction_takes_as_many_queries_for_many_quotes_as_for_two():
    """Unchanged or changed (quotes updated, reattributed, deleted; a report deleted), re-extracting an
    article of 30 quotes takes the queries one of 2 takes (before: several per deleted row)."""
    counts = {}
    for size in (2, 30):
        said = [(SYBIHA if i % 2 else UMEROV, f"{FIRST_HALF} number {i} of {size}") for i in range(size)]
        title = f"Talks in Geneva, {size} statements"
        article = _store(said, title)
        unchanged = _reextraction_queries(article, _extraction(said, title))
        changed = _reextraction_queries(article, _changed(said))
        assert Quote.objects.filter(article=article).count() == size - 1
        counts[size] = (unchanged, changed)
        clear_ingested_rows()  # each size from an empty database: the same story work
    assert counts[30] == counts[2]


@pytest.mark.slow
def test_reextracting_the_seeds_keeps_every_id(ingested_seeds):
    """The seed articles extracted again by the pipeline keep every mention, quote and event report id,
    and the quotes their groups."""
    articles = list(Article.objects.order_by("id"))
    before = {article.pk: _rows(article) for article in articles}
    for article in articles:
        article_reextract(article=article)
    assert {article.pk: _rows(article) for article in articles} == before
