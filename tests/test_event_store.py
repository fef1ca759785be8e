"""Main events through ingest: stored with their type, the main flag and each field's evidence."""

import datetime as dt

import pytest

from articles.models import EventReport
from articles.services import article_ingest

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

RAW = (
    "Freight trains collide near Dunmore\n\n"
    "Two freight trains collided near Dunmore station in Ireland on Tuesday, injuring both drivers, "
    "the operator Irish Rail said.\n\n"
    "The line will stay closed until Friday while investigators examine the wreckage."
)


def test_the_main_event_is_stored_with_its_type_flag_and_evidence_spans():
    article, _ = article_ingest(raw_text=RAW, published_at=dt.date(2025, 3, 12))
    report = EventReport.objects.select_related("event").get(article=article, is_main=True)
    event = report.event
    assert event.type == "accident"
    assert event.date == dt.date(2025, 3, 11)
    assert event.date_precision == "day"
    assert event.date_confidence > 0.5
    start, end = report.evidence["date"]
    assert article.body[start:end] == "Tuesday"
    start, end = report.evidence["location"]
    assert article.body[start:end] in ("Dunmore", "Ireland")
    assert EventReport.objects.filter(article=article, is_main=True).count() == 1


def test_the_api_lists_main_events_and_filters_them_by_type(api_client):
    article_ingest(raw_text=RAW, published_at=dt.date(2025, 3, 12))
    main = api_client.get("/api/v1/events/", {"main": "true", "type": "accident"}).json()["results"]
    assert len(main) == 1
    assert main[0]["reports"][0]["is_main"] is True
    assert main[0]["date_confidence"] > 0.5
    assert api_client.get("/api/v1/events/", {"main": "true", "type": "sports"}).json()["results"] == []


def test_the_article_detail_names_its_main_event(api_client):
    article, _ = article_ingest(raw_text=RAW, published_at=dt.date(2025, 3, 12))
    main = api_client.get(f"/api/v1/articles/{article.id}/").json()["main_event"]
    assert main["type"] == "accident"
    assert main["date"] == "2025-03-11"
