"""Stories at ingest: candidates come from the key index, so storing one article costs the same however many are stored."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article, Story, StoryCentroid, StoryKey
from articles.services import article_ingest, article_reextract, article_update
from benchmarks.story_assignment_cost import SyntheticNews, load_synthetic, synthetic_extraction

pytestmark = pytest.mark.django_db


def _store_one(news: SyntheticNews, story: dict, *, dated: bool = True) -> tuple[Article, int]:
    title, body, names, day = news.article(story)
    extraction = synthetic_extraction(title, body, names, day if dated else None)
    with CaptureQueriesContext(connection) as queries:
        article, created = article_ingest(raw_text=extraction.raw_text, extraction=extraction)
    assert created
    return article, len(queries)


def _queries_after_loading(count: int, *, dated: bool) -> int:
    news = SyntheticNews(seed=11)
    load_synthetic(news, count)
    # A report of a story already stored, so candidates are found and scored.
    story = news.story()
    _store_one(news, story, dated=dated)
    _, queries = _store_one(news, story, dated=dated)
    return queries


@pytest.mark.parametrize("dated", [True, False], ids=["dated", "undated"])
def test_storing_one_article_issues_the_same_number_of_queries_with_50_or_500_stored(dated):
    small = _queries_after_loading(50, dated=dated)
    for model in (StoryKey, Article, StoryCentroid, Story):
        model.objects.all().delete()
    large = _queries_after_loading(500, dated=dated)
    assert small == large


def test_a_second_report_of_a_story_joins_it_through_the_index_and_updates_its_centroid():
    news = SyntheticNews(seed=3)
    load_synthetic(news, 200)
    story = news.story()
    first, _ = _store_one(news, story)
    second, _ = _store_one(news, story)
    assert second.story_id == first.story_id
    centroid = StoryCentroid.objects.get(story_id=first.story_id)
    assert centroid.size == 2
    assert StoryKey.objects.filter(article=second).count() > 0


def test_an_undated_report_finds_its_story_through_the_index():
    news = SyntheticNews(seed=5)
    load_synthetic(news, 200)
    story = news.story()
    first, _ = _store_one(news, story)
    undated, _ = _store_one(news, story, dated=False)
    assert undated.published_at is None
    assert undated.story_id == first.story_id


@pytest.mark.slow
def test_reextracting_an_article_alone_in_its_story_leaves_no_empty_story(seed_files):
    article, _ = article_ingest(raw_text=seed_files[0].read_text(encoding="utf-8"))
    story_id = article.story_id
    article_reextract(article=article)
    article.refresh_from_db()
    assert article.story_id == story_id
    assert Story.objects.count() == 1
    assert StoryCentroid.objects.get(story_id=story_id).size == 1


def _lead_part(fingerprint: dict[str, float]) -> list[float]:
    from newsapi.extraction.embeddings import DIMENSIONS
    from newsapi.extraction.stories import LEAD_PREFIX

    return [fingerprint.get(f"{LEAD_PREFIX}{i}", 0.0) for i in range(DIMENSIONS)]


def test_the_stored_fingerprint_carries_the_extractions_headline_embedding_and_an_editors_title_anew():
    from newsapi.extraction.embeddings import lead_embedding
    from newsapi.extraction.stories import LEAD_WEIGHT

    scale = (LEAD_WEIGHT / (1 + LEAD_WEIGHT)) ** 0.5
    news = SyntheticNews(seed=13)
    title, body, names, day = news.article(news.story())
    extraction = synthetic_extraction(title, body, names, day)
    article, _ = article_ingest(raw_text=extraction.raw_text, extraction=extraction)
    assert _lead_part(article.fingerprint) == pytest.approx(
        [x * scale for x in extraction.lead_vector], abs=2e-5
    )
    # An editor's headline is not the one the extraction embedded: storing the article again embeds it.
    article = article_update(article=article, data={"title": "Floods close every school in the valley"})
    article_reextract(article=article)
    article.refresh_from_db()
    assert article.title == "Floods close every school in the valley"
    expected = lead_embedding(article.title, article.body)
    assert _lead_part(article.fingerprint) == pytest.approx([x * scale for x in expected], abs=2e-5)


def _as_json(value: str | dict) -> dict:
    # SQLite gives the column's text; a PostgreSQL driver may give jsonb decoded.
    return value if isinstance(value, dict) else json.loads(value)


def test_fingerprints_and_centroids_are_stored_packed_and_read_back_whole():
    from newsapi.extraction.stories import LEAD_PREFIX, PACKED_LEAD_KEY

    news = SyntheticNews(seed=17)
    story = news.story()
    first = synthetic_extraction(*news.article(story))
    second = synthetic_extraction(*news.article(story))
    article, _ = article_ingest(raw_text=first.raw_text, extraction=first)
    other, _ = article_ingest(raw_text=second.raw_text, extraction=second)
    assert other.story_id == article.story_id
    table, centroids = Article._meta.db_table, StoryCentroid._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT fingerprint FROM {table} WHERE id = %s", [article.pk])
        stored_print = _as_json(cursor.fetchone()[0])
        cursor.execute(f"SELECT centroid FROM {centroids} WHERE story_id = %s", [article.story_id])
        stored_centroid = _as_json(cursor.fetchone()[0])
    for stored in (stored_print, stored_centroid):
        assert isinstance(stored[PACKED_LEAD_KEY], str)
        assert not any(term.startswith(LEAD_PREFIX) and term != PACKED_LEAD_KEY for term in stored)
    kept = Article.objects.get(pk=article.pk).fingerprint
    assert kept == article.fingerprint
    assert sum(term.startswith(LEAD_PREFIX) for term in kept) > 300
    centroid = StoryCentroid.objects.get(story_id=article.story_id).centroid
    for term, weight in kept.items():
        if term.startswith(LEAD_PREFIX):
            assert centroid.get(term, 0.0) == pytest.approx(
                weight + other.fingerprint.get(term, 0.0), abs=2e-5
            )


def test_a_story_stored_before_packing_is_joined_as_before_and_rewritten_packed():
    from django.db import models

    from newsapi.extraction.stories import PACKED_LEAD_KEY

    news = SyntheticNews(seed=19)
    story = news.story()
    first = synthetic_extraction(*news.article(story))
    article, _ = article_ingest(raw_text=first.raw_text, extraction=first)
    centroid = StoryCentroid.objects.get(story_id=article.story_id).centroid
    # As migration 0030 finds them: one JSON entry per dimension.
    plain = models.JSONField()
    table, centroids = Article._meta.db_table, StoryCentroid._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET fingerprint = %s WHERE id = %s",
            [plain.get_db_prep_value(article.fingerprint, connection), article.pk],
        )
        cursor.execute(
            f"UPDATE {centroids} SET centroid = %s WHERE story_id = %s",
            [plain.get_db_prep_value(centroid, connection), article.story_id],
        )
        cursor.execute(f"SELECT centroid FROM {centroids} WHERE story_id = %s", [article.story_id])
        assert PACKED_LEAD_KEY not in _as_json(cursor.fetchone()[0])
    assert StoryCentroid.objects.get(story_id=article.story_id).centroid == centroid
    second = synthetic_extraction(*news.article(story))
    other, _ = article_ingest(raw_text=second.raw_text, extraction=second)
    assert other.story_id == article.story_id
    row = StoryCentroid.objects.get(story_id=article.story_id)
    assert row.size == 2
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT centroid FROM {centroids} WHERE story_id = %s", [article.story_id])
        assert isinstance(_as_json(cursor.fetchone()[0])[PACKED_LEAD_KEY], str)
    assert Article.objects.get(pk=article.pk).fingerprint == article.fingerprint


def test_an_untitled_article_gives_its_story_a_one_line_title():
    news = SyntheticNews(seed=9)
    story = news.story()
    _, body, names, day = news.article(story)
    body = body.replace(". ", ".\n", 3)
    extraction = synthetic_extraction("", body, names, day)
    article, _ = article_ingest(raw_text=extraction.raw_text, extraction=extraction)
    title = Story.objects.get(pk=article.story_id).title
    assert "\n" not in title
    assert 0 < len(title) <= 120
    assert body.split("\n")[0].startswith(title.rstrip("…"))


def test_an_editor_moving_an_article_moves_its_fingerprint_and_pins_the_story_it_joins():
    news = SyntheticNews(seed=13)
    first, _ = _store_one(news, news.story())
    second, _ = _store_one(news, news.story())
    assert first.story_id != second.story_id
    left_story = first.story_id
    article_update(article=first, data={"story": second.story})
    target = StoryCentroid.objects.get(story_id=second.story_id)
    assert target.size == 2 and target.pinned
    assert not Story.objects.filter(pk=left_story).exists()


def test_an_article_that_merges_two_stories_moves_their_articles_and_records_the_story_deleted(monkeypatch):
    """The merged story's articles join the one kept; its row and centroid go, with a deletion record."""
    from articles import services
    from newsapi.extraction import stories

    news = SyntheticNews(seed=13)
    kept, _ = _store_one(news, news.story())
    merged, _ = _store_one(news, news.story())
    assert kept.story_id != merged.story_id
    decide = stories.story_decide

    def tie_both(fingerprint, day, candidates):
        decision = decide(fingerprint, day, candidates)
        return stories.StoryDecision(story=kept.story_id, merged=[merged.story_id], profile=decision.profile)

    monkeypatch.setattr(services.stories, "story_decide", tie_both)
    tying, _ = _store_one(news, news.story())
    assert tying.story_id == kept.story_id
    assert set(Article.objects.values_list("story_id", flat=True)) == {kept.story_id}
    assert not Story.objects.filter(pk=merged.story_id).exists()
    assert not StoryCentroid.objects.filter(story_id=merged.story_id).exists()
    assert StoryCentroid.objects.get(story_id=kept.story_id).size == 3
    record = Story.history.filter(id=merged.story_id).order_by("history_date").last()
    assert record.history_type == "-"


def test_a_merge_keeps_the_larger_story_and_moves_the_smaller_ones_articles(monkeypatch):
    """The article joins a one-article story and ties a two-article one to it: the two-article story
    keeps its id (its rows are not rewritten), the other's article moves to it and its row goes."""
    from articles import services
    from newsapi.extraction import stories

    news = SyntheticNews(seed=17)
    joined, _ = _store_one(news, news.story())
    larger_story = news.story()
    larger, _ = _store_one(news, larger_story)
    other, _ = _store_one(news, larger_story)
    assert other.story_id == larger.story_id != joined.story_id
    decide = stories.story_decide

    def tie_both(fingerprint, day, candidates):
        decision = decide(fingerprint, day, candidates)
        return stories.StoryDecision(
            story=joined.story_id, merged=[larger.story_id], profile=decision.profile
        )

    monkeypatch.setattr(services.stories, "story_decide", tie_both)
    tying, _ = _store_one(news, news.story())
    assert tying.story_id == larger.story_id
    assert set(Article.objects.values_list("story_id", flat=True)) == {larger.story_id}
    assert not Story.objects.filter(pk=joined.story_id).exists()
    assert not StoryCentroid.objects.filter(story_id=joined.story_id).exists()
    assert StoryCentroid.objects.get(story_id=larger.story_id).size == 4
    assert Story.history.filter(id=joined.story_id).order_by("history_date").last().history_type == "-"


def _postings_follow_their_articles() -> None:
    """Every posting, followed through the merged stories, names its article's story (none for an
    article without one)."""
    from articles.models import MergedStory

    into = dict(MergedStory.objects.values_list("story_id", "into_id"))
    postings = list(StoryKey.objects.values_list("article_id", "story_id", "article__story_id"))
    assert postings
    for article_id, story_id, article_story_id in postings:
        followed = into.get(story_id, story_id)
        assert followed == article_story_id or (article_story_id is None and followed is None), article_id


def test_postings_name_the_story_their_article_is_in_after_merges_moves_and_deletions(monkeypatch):
    """Candidate stories are read from the postings alone: after two merges in a row (the second
    merging away the story the first kept), an editor's move and a story deleted, each posting still
    leads to its article's story, and the candidates are the stories that exist."""
    from articles import services
    from articles.services import story_delete
    from newsapi.extraction import stories

    news = SyntheticNews(seed=19)
    first_story, second_story = news.story(), news.story()
    a, _ = _store_one(news, first_story)
    b, _ = _store_one(news, first_story)
    c, _ = _store_one(news, second_story)
    d, _ = _store_one(news, news.story())
    assert len({a.story_id, c.story_id, d.story_id}) == 3
    decide = stories.story_decide
    ties = [(c.story_id, [a.story_id]), (d.story_id, [c.story_id])]

    def tie(fingerprint, day, candidates):
        decision = decide(fingerprint, day, candidates)
        target, merged = ties.pop(0)
        return stories.StoryDecision(story=target, merged=merged, profile=decision.profile)

    monkeypatch.setattr(services.stories, "story_decide", tie)
    # The story joined keeps its id whatever the sizes: here the merged stories' articles move.
    monkeypatch.setattr(services.stories, "merge_survivor", lambda target, merged, sizes: target)
    # a's story (a, b) goes into c's.
    e, _ = _store_one(news, second_story)
    assert e.story_id == c.story_id
    _postings_follow_their_articles()
    # c's story (a, b, c, e) goes into d's: a's and b's postings, written in a's story, follow too.
    f, _ = _store_one(news, news.story())
    assert f.story_id == d.story_id
    assert set(Article.objects.values_list("story_id", flat=True)) == {d.story_id}
    _postings_follow_their_articles()
    monkeypatch.undo()
    lone, _ = _store_one(news, news.story())
    article_update(article=Article.objects.get(pk=c.pk), data={"story": lone.story})
    _postings_follow_their_articles()
    story_delete(story=Story.objects.get(pk=lone.story_id))
    _postings_follow_their_articles()
    c.refresh_from_db()
    assert c.story_id is None
    keys = list(StoryKey.objects.filter(article=a).values_list("key", flat=True))
    found = {profile.key for profile in services._story_candidates(keys, None, exclude=0)}
    assert found == {d.story_id}
