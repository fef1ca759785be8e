"""A year-less article is placed in its story's week when the first confidently dated report arrives."""

import pytest

from articles.models import Article, Event
from articles.services import article_ingest
from tests.conftest import SEEDS_DIR

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_a_year_less_article_gets_its_storys_week_for_its_events_but_no_invented_date():
    """Seed 001 gives no year: undated alone; once seed 000 (28 May 2025) joins its story, its
    relative dates resolve in that week, and its publication date stays unknown, with the reason."""
    weak_text = (SEEDS_DIR / "001_8f913e146155efb0.txt").read_text(encoding="utf-8")
    strong_text = (SEEDS_DIR / "000_55aee049ff7b00ce.txt").read_text(encoding="utf-8")
    weak, _ = article_ingest(raw_text=weak_text)
    assert weak.published_at is None
    assert "Wednesday" in weak.published_at_evidence
    strong, _ = article_ingest(raw_text=strong_text)
    weak.refresh_from_db()
    assert weak.story_id == strong.story_id
    assert weak.published_at is None
    assert "story" in weak.published_at_evidence
    assert "2025-05-28" in weak.published_at_evidence
    assert Event.objects.filter(articles=weak, date__year=2025).exists()
    assert Article.objects.count() == 2
