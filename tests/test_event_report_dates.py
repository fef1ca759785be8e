"""The reports' copy of their event's date (``EventReport.event_date``, read by ``event_after`` /
``event_before`` on articles) through ingest, re-extraction, an editor's date correction and the report
services: always the event's date."""

import datetime

import pytest
from django.db.models import F

from articles.models import Article, Event, EventReport
from articles.services import (
    article_reextract,
    event_report_create,
    event_report_update,
    event_update,
)
from tests.factories import ArticleFactory, EventFactory

pytestmark = pytest.mark.django_db


def stale_reports() -> list[int]:
    """Reports whose copy differs from their event's date."""
    differ = EventReport.objects.exclude(event_date=F("event__date"))
    unset = EventReport.objects.filter(event_date__isnull=True, event__date__isnull=False)
    return sorted({*differ.values_list("id", flat=True), *unset.values_list("id", flat=True)})


@pytest.mark.slow
def test_event_dates_kept_through_ingest_reextraction_and_a_date_correction(ingested_seeds):
    """After ingest, re-extraction and an editor's date correction every report holds its event's date."""
    assert EventReport.objects.filter(event_date__isnull=False).exists()
    assert stale_reports() == [], "after ingest"
    article_reextract(article=Article.objects.order_by("id").first())
    assert stale_reports() == [], "after re-extraction"
    event = Event.objects.filter(reports__isnull=False).order_by("id").first()
    event_update(event=event, data={"date": datetime.date(2001, 2, 3)})
    assert set(event.reports.values_list("event_date", flat=True)) == {datetime.date(2001, 2, 3)}
    assert stale_reports() == [], "after a date correction"


def test_report_services_copy_the_event_date_and_the_article_filters_read_it(api_client):
    """A report created or moved by an editor takes its event's date; event_after/before find the article
    by it (one match, one miss each)."""
    old = EventFactory(date=datetime.date(2019, 5, 1))
    new = EventFactory(date=datetime.date(2025, 6, 1))
    article = ArticleFactory()
    report = event_report_create(event=old, article=article, start=0, end=5)
    assert report.event_date == datetime.date(2019, 5, 1)

    def found(params: dict) -> bool:
        rows = api_client.get("/api/v1/articles/", {**params, "page_size": 200}).json()["results"]
        return article.id in {row["id"] for row in rows}

    assert found({"event_before": "2020-01-01"})
    assert not found({"event_after": "2025-01-01"})
    event_report_update(report=report, data={"event": new})
    assert EventReport.objects.get(pk=report.pk).event_date == datetime.date(2025, 6, 1)
    assert found({"event_after": "2025-01-01"})
    assert not found({"event_before": "2020-01-01"})
    assert not found({"event_after": "2025-06-02"})
    event_update(event=new, data={"date": datetime.date(2026, 1, 1)})
    assert found({"event_after": "2025-06-02", "event_before": "2026-01-01"})
