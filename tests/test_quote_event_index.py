"""Quotes and events at ingest: the stored quotes and events a new article repeats come from the quote and
event indexes, so storing one article costs the same however many a speaker said or a date holds."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.indexes import index_keys_rebuild
from articles.models import Event, EventKey, Quote, QuoteKey
from articles.services import article_ingest, event_update, quote_reattribute
from benchmarks.store_cost import PROLIFIC_SPEAKER, article_extraction, load_archive_extras, reworded
from benchmarks.story_assignment_cost import SyntheticNews, load_synthetic
from entities.services import entity_merge
from newsapi.extraction import event_keys, stories
from newsapi.extraction.types import EventCandidate
from tests.factories import EntityFactory, EventFactory, QuoteFactory
from tests.ingest_snapshot import clear_ingested_rows

pytestmark = pytest.mark.django_db


def _store(extraction) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as queries:
        article, created = article_ingest(raw_text=extraction.raw_text, extraction=extraction)
    assert created
    return len(queries), article


UNHEARD = "Quorbish flindle zargoth mibbleton wexford quaffle snorkel grumble"
DAY = date(2024, 3, 1)


def _on_day(extraction):
    """The extraction with two events on ``DAY`` of two families (each meets its family's events)."""
    extraction.events = [
        EventCandidate(
            title=f"{kind.capitalize()} in Quorbish",
            type=type_,
            kind=kind,
            date=DAY,
            date_precision="day",
            date_text=None,
            location_name=None,
        )
        for type_, kind in (("diplomacy", "talks"), ("conflict", "attack"))
    ]
    return extraction


def _prolific_queries(archive: int) -> tuple[int, object]:
    """Queries to store a prolific-speaker article once ``archive`` articles (two quotes of the
    prolific speaker each) are stored: one quote new, one a rewording of a stored quote."""
    news = SyntheticNews(seed=17)
    load_synthetic(news, archive)
    load_archive_extras(news, first_article=1)
    # Every stored event on one day, so that the article's events meet candidates at both sizes.
    Event.objects.update(date=DAY)
    EventKey.objects.update(date=DAY)
    # The entities and the story exist after this one.
    _store(_on_day(article_extraction(news, "prolific", 0, texts=[UNHEARD, UNHEARD + " again"])))
    original = Quote.objects.filter(speaker__name=PROLIFIC_SPEAKER, group=None).order_by("pk")[3]
    texts = [UNHEARD.upper(), reworded(news, original.text)]
    return _store(_on_day(article_extraction(news, "prolific", 2, texts=texts)))


def test_storing_a_prolific_speakers_quote_issues_the_same_queries_with_50_or_500_quotes_stored():
    small, _ = _prolific_queries(25)
    assert Quote.objects.filter(speaker__name=PROLIFIC_SPEAKER).count() == 50 + 4
    clear_ingested_rows()
    large, article = _prolific_queries(250)
    assert Quote.objects.filter(speaker__name=PROLIFIC_SPEAKER).count() == 500 + 4
    assert small == large
    # Both quotes found theirs among the 500 through the index: the rewording its original, the
    # other the same words said in the article stored before.
    assert article.quotes.exclude(group=None).count() == 2


def test_a_rewording_joins_its_quote_however_many_quotes_the_speaker_has():
    news = SyntheticNews(seed=23)
    load_synthetic(news, 300)
    load_archive_extras(news, first_article=1)
    original = Quote.objects.filter(speaker__name=PROLIFIC_SPEAKER).order_by("pk")[7]
    extraction = article_extraction(news, "prolific", 0, texts=[UNHEARD, reworded(news, original.text)])
    _, article = _store(extraction)
    original.refresh_from_db()
    joined = article.quotes.get(start=extraction.quotes[1].start)
    assert original.group_id is not None and joined.group_id == original.group_id


def test_the_quote_index_follows_a_reattribution_and_a_merge_of_speakers():
    first, second, third = EntityFactory(), EntityFactory(), EntityFactory()
    quote = QuoteFactory(speaker=first, text="The negotiations will resume in Geneva next week")
    index_keys_rebuild()
    keys = set(stories.quote_keys(quote.text))
    assert set(QuoteKey.objects.filter(quote=quote, speaker=first).values_list("key", flat=True)) == keys
    quote_reattribute(quote=quote, speaker=second)
    assert set(QuoteKey.objects.filter(quote=quote).values_list("speaker_id", flat=True)) == {second.pk}
    entity_merge(survivor=third, merged=[second])
    assert set(QuoteKey.objects.filter(quote=quote).values_list("speaker_id", flat=True)) == {third.pk}
    assert QuoteKey.objects.filter(quote=quote).count() == len(keys)
    quote_reattribute(quote=quote, speaker=None)
    assert not QuoteKey.objects.filter(quote=quote).exists()


def test_the_event_index_follows_an_edit_of_the_title_and_date():
    event = EventFactory(title="Talks in Geneva", date=date(2025, 6, 2))
    index_keys_rebuild()
    assert set(EventKey.objects.filter(event=event).values_list("date", flat=True)) == {date(2025, 6, 2)}
    event_update(event=event, data={"title": "Summit in Vienna", "date": date(2025, 6, 3)})
    rows = EventKey.objects.filter(event=event)
    assert set(rows.values_list("key", flat=True)) == set(
        event_keys.event_keys("Summit in Vienna", event.type, event.kind)
    )
    assert set(rows.values_list("date", flat=True)) == {date(2025, 6, 3)}


def _events_on_one_day(count: int) -> int:
    """Queries to store an article reporting two events once ``count`` events share their day."""
    news = SyntheticNews(seed=29)
    load_synthetic(news, count // 2)
    load_archive_extras(news, first_article=1)
    Event.objects.update(date=DAY)
    EventKey.objects.update(date=DAY)
    _store(_on_day(article_extraction(news, "dated", 0, texts=[UNHEARD])))
    queries, _ = _store(_on_day(article_extraction(news, "dated", 2, texts=[UNHEARD])))
    return queries


def test_storing_events_issues_the_same_queries_with_50_or_500_events_on_their_day():
    small = _events_on_one_day(50)
    clear_ingested_rows()
    large = _events_on_one_day(500)
    assert Event.objects.filter(date=DAY).count() >= 500
    assert small == large


def test_a_second_report_of_an_event_joins_it_through_the_index_among_many_of_its_day():
    news = SyntheticNews(seed=31)
    load_synthetic(news, 200)
    load_archive_extras(news, first_article=1)
    Event.objects.update(date=DAY)
    EventKey.objects.update(date=DAY)
    _, first = _store(_on_day(article_extraction(news, "dated", 0, texts=[UNHEARD])))
    reported = first.events.order_by("pk").first()
    extraction = _on_day(article_extraction(news, "dated", 2, texts=[UNHEARD]))
    extraction.events = [
        EventCandidate(
            title=reported.title,
            type=reported.type,
            kind=reported.kind,
            date=DAY,
            date_precision=reported.date_precision,
            date_text=None,
            location_name=None,
        )
    ]
    _, second = _store(extraction)
    assert list(second.events.all()) == [reported]


def test_the_indexes_are_rebuilt_for_stored_rows():
    speaker = EntityFactory()
    quotes = QuoteFactory.create_batch(3, speaker=speaker)
    QuoteFactory(speaker=None)
    events = EventFactory.create_batch(2)
    quote_count, event_count = index_keys_rebuild()
    assert quote_count == sum(len(stories.quote_keys(q.text)) for q in quotes) == QuoteKey.objects.count()
    assert event_count == sum(len(event_keys.event_keys(e.title, e.type, e.kind)) for e in events)
    assert index_keys_rebuild() == (quote_count, event_count)
