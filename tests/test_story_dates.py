"""A year-less article is re-dated when the first confidently dated report of its story arrives."""

import datetime as dt

import pytest

from articles.models import Article
from articles.services import article_ingest
from tests.conftest import SEEDS_DIR

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_weak_date_is_re_decided_when_a_confident_report_of_the_story_arrives_later():
    """Seed 001 gives no year; ingested first it is undated or guessed, then dated 2025-05-28 by seed 000."""
    weak_text = (SEEDS_DIR / "001_8f913e146155efb0.txt").read_text(encoding="utf-8")
    strong_text = (SEEDS_DIR / "000_55aee049ff7b00ce.txt").read_text(encoding="utf-8")
    weak, _ = article_ingest(raw_text=weak_text)
    assert weak.published_at != dt.date(2025, 5, 28)
    strong, _ = article_ingest(raw_text=strong_text)
    weak.refresh_from_db()
    assert weak.story_id == strong.story_id
    assert weak.published_at == dt.date(2025, 5, 28)
    assert "story" in weak.published_at_evidence
    assert Article.objects.count() == 2
