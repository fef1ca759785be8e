"""An editor's correction of an event report survives re-extraction and re-ingest, and an event no article
reports any more is deleted unless a person edited it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article, Event, EventKey, EventReport
from articles.services import (
    article_delete,
    article_ingest,
    article_reextract,
    event_report_create,
    event_report_delete,
    event_report_update,
    event_update,
)
from tests.factories import EventFactory
from tests.test_reextraction_ids import LEAD, MONDAY, SAID, _extraction, _reextract, _store

pytestmark = pytest.mark.django_db


@pytest.fixture
def pipeline_finds_the_talks(monkeypatch):
    """The pipeline, as re-extraction and re-ingest call it, finds what ``_extraction`` describes."""
    from newsapi.extraction import pipeline

    monkeypatch.setattr(pipeline, "extract_article", lambda raw_text, **kwargs: _extraction(SAID))


def _reports(article: Article) -> list[tuple]:
    return sorted(
        EventReport.objects.filter(article=article).values_list("id", "event_id", "start", "end", "is_edited")
    )


def _reingest(article: Article) -> None:
    """The same text ingested again with another publication date: the article is extracted again."""
    stored, created = article_ingest(raw_text=article.raw_text, published_at=MONDAY + timedelta(days=1))
    assert (stored.pk, created) == (article.pk, False)


def test_a_report_an_editor_moved_to_another_event_stays_after_reextraction_and_reingest(
    pipeline_finds_the_talks,
):
    """The talks' report moved to another event keeps its row and event; the talks are not reported
    again from the same sentence (before, the moved report was deleted and the talks' one made again)."""
    article = _store()
    report = EventReport.objects.get(article=article)
    other = EventFactory(title="Ceasefire in Geneva")
    event_report_update(report=report, data={"event": other})
    moved = [(report.pk, other.pk, 0, len(LEAD), True)]
    assert _reports(article) == moved
    assert EventReport.objects.get(pk=report.pk).edited_fields == ["event"]
    article_reextract(article=Article.objects.get(pk=article.pk))
    assert _reports(article) == moved
    _reingest(article)
    assert _reports(article) == moved


def test_a_report_whose_span_an_editor_corrected_keeps_it_and_is_not_reported_twice(
    pipeline_finds_the_talks,
):
    """Extraction finds the same event at the old span: the editor's span stays, one report (before,
    re-extraction wrote its span over the editor's)."""
    article = _store()
    report = EventReport.objects.get(article=article)
    end = LEAD.index(" as")
    event_report_update(report=report, data={"end": end})
    corrected = [(report.pk, report.event_id, 0, end, True)]
    article_reextract(article=Article.objects.get(pk=article.pk))
    assert _reports(article) == corrected
    assert EventReport.objects.get(pk=report.pk).text == LEAD[:end]
    _reingest(article)
    assert _reports(article) == corrected


def test_a_report_an_editor_added_stays_though_extraction_does_not_find_it():
    """A report an editor links by hand is marked edited: re-extraction keeps it (before, it was deleted
    as a report no longer found)."""
    article = _store()
    other = EventFactory(title="Ceasefire in Geneva")
    end = LEAD.index(" on")
    added = event_report_create(event=other, article=article, start=0, end=end)
    _reextract(article, _extraction(SAID))
    assert (added.pk, other.pk, 0, end, True) in _reports(article)
    assert len(_reports(article)) == 2


def test_an_unedited_event_no_article_reports_any_more_is_deleted():
    """Re-extraction drops the article's only report of the talks: the event goes too, with its index
    keys, participants and a deletion history record (before, it stayed in /api/events/ with no report)."""
    article = _store()
    talks = EventReport.objects.get(article=article).event
    assert EventKey.objects.filter(event=talks).exists() and talks.participants.exists()
    extraction = _extraction(SAID)
    extraction.events = []
    _reextract(article, extraction)
    assert not Event.objects.filter(pk=talks.pk).exists()
    assert not EventKey.objects.filter(event_id=talks.pk).exists()
    assert not Event.participants.through.objects.filter(event_id=talks.pk).exists()
    assert Event.history.filter(id=talks.pk).latest("history_date").history_type == "-"


def test_an_event_another_article_still_reports_stays():
    """Re-extraction drops one article's report of the talks another article reports too: the event
    stays."""
    article = _store()
    other_article = _store(title="Talks in Geneva, again")
    talks = EventReport.objects.get(article=article).event
    assert EventReport.objects.get(article=other_article).event_id == talks.pk
    extraction = _extraction(SAID)
    extraction.events = []
    _reextract(article, extraction)
    assert list(EventReport.objects.filter(event=talks).values_list("article_id", flat=True)) == [
        other_article.pk
    ]
    assert Event.objects.filter(pk=talks.pk).exists()


def test_the_orphan_check_reads_only_the_events_the_deleted_reports_pointed_to():
    """One read of the events, by the ids the deleted reports pointed to (never a scan of the table)."""
    article = _store()
    EventFactory.create_batch(3)  # events the article never reported
    extraction = _extraction(SAID)
    extraction.events = []
    with CaptureQueriesContext(connection) as queries:
        _reextract(article, extraction)
    reads = [
        query["sql"]
        for query in queries
        if 'FROM "articles_event" ' in query["sql"] and '"articles_eventreport"' in query["sql"]
    ]
    assert len(reads) == 1
    assert '"articles_event"."id" IN (' in reads[0]
    assert Event.objects.count() == 3


def test_an_editor_moving_or_deleting_the_last_report_deletes_an_unedited_event_not_an_edited_one():
    """The unedited event an editor's move leaves unreported is deleted; the edited one the deletion of
    its last report leaves stays (an editor made or corrected it)."""
    article = _store()
    report = EventReport.objects.get(article=article)
    talks = report.event
    other = EventFactory(title="Ceasefire in Geneva")
    event_update(event=other, data={"title": "Ceasefire talks in Geneva"})
    event_report_update(report=report, data={"event": other})
    assert not Event.objects.filter(pk=talks.pk).exists()
    event_report_delete(report=EventReport.objects.get(pk=report.pk))
    assert not EventReport.objects.filter(event=other).exists()
    assert Event.objects.filter(pk=other.pk).exists()


def test_deleting_an_article_deletes_the_unedited_events_only_it_reported():
    """An event another article still reports stays; the last article's deletion takes it."""
    article = _store()
    other_article = _store(title="Talks in Geneva, again")
    talks = EventReport.objects.get(article=article).event
    article_delete(article=article)
    assert Event.objects.filter(pk=talks.pk).exists()
    article_delete(article=other_article)
    assert not Event.objects.filter(pk=talks.pk).exists()
