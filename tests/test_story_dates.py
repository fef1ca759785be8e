"""A year-less article is placed in its story's week when the first confidently dated report arrives, once, even under concurrent ingest."""

import threading

import pytest
from django.db import connection, connections

from articles.models import Article, Event, Mention, StoryCentroid
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


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_two_confident_reports_ingested_at_once_re_date_the_weak_member_once_without_deadlock():
    """Both confident reports join the story at once; the story's row lock lets one re-date the weak member."""
    from newsapi.extraction.pipeline import extract_article

    weak_text = (SEEDS_DIR / "001_8f913e146155efb0.txt").read_text(encoding="utf-8")
    weak, _ = article_ingest(raw_text=weak_text)
    strong_texts = [
        (SEEDS_DIR / name).read_text(encoding="utf-8")
        for name in ("000_55aee049ff7b00ce.txt", "002_a248d9b519b4f4fa.txt")
    ]
    extractions = [extract_article(text) for text in strong_texts]
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def ingest(text, extraction):
        try:
            barrier.wait()
            article_ingest(raw_text=text, extraction=extraction)
        except BaseException as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=ingest, args=pair) for pair in zip(strong_texts, extractions, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    weak.refresh_from_db()
    story_ids = set(Article.objects.values_list("story_id", flat=True))
    assert story_ids == {weak.story_id}
    assert "2025-05-28" in weak.published_at_evidence
    assert Event.objects.filter(articles=weak, date__year=2025).exists()
    assert StoryCentroid.objects.get(story_id=weak.story_id).size == 3
    spans = list(Mention.objects.filter(article=weak).values_list("start", "end"))
    assert len(spans) == len(set(spans))


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the full-text vector is PostgreSQL's")
def test_an_article_re_dated_by_its_story_as_it_is_stored_keeps_its_full_text_vector():
    """Seed 001 (no year) arrives after seed 000: re-dated against its story while it is stored, it
    stays findable by words (the re-dating saves its date fields only)."""
    strong, _ = article_ingest(raw_text=(SEEDS_DIR / "000_55aee049ff7b00ce.txt").read_text(encoding="utf-8"))
    weak, _ = article_ingest(raw_text=(SEEDS_DIR / "001_8f913e146155efb0.txt").read_text(encoding="utf-8"))
    assert weak.story_id == strong.story_id
    assert "story" in weak.published_at_evidence
    assert Article.objects.filter(pk=weak.pk, search_vector__isnull=False).exists()
