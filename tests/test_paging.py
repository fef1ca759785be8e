"""Paging: every list, in every allowed ordering, reaches every row exactly once, forwards and back,
over data full of nulls and ties; the envelope and page_size errors."""

import datetime as dt
from urllib.parse import parse_qsl

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from articles.models import Article, Event, EventReport, Mention, Quote, Story
from entities.models import Entity
from tests.factories import (
    ArticleFactory,
    EntityFactory,
    EventFactory,
    EventReportFactory,
    MentionFactory,
    QuoteFactory,
    StoryFactory,
)

DAYS = [None, dt.date(2025, 5, 28), dt.date(2025, 6, 2)]
WORDS = ["", "alpha", "beta"]

# Each list: its URL (with {entity}, {article}, {story} filled in), the allowed ordering fields
# (empty: the list has its one ordering), and how to name a row.
LISTS = [
    ("/api/v1/articles/", ["published_at", "id", "title"], "id"),
    ("/api/v1/articles/?q=alpha", ["published_at", "id", "title"], "id"),
    ("/api/v1/entities/", ["name", "id", "mention_count", "article_count"], "id"),
    ("/api/v1/quotes/", ["id", "article", "start"], "id"),
    ("/api/v1/events/", ["date", "id", "title"], "id"),
    ("/api/v1/stories/", ["id", "title", "first_published_at", "article_count"], "id"),
    ("/api/v1/entities/{entity}/articles/", ["published_at", "id", "title"], "id"),
    ("/api/v1/entities/{entity}/quotes/", ["id", "article", "start"], "id"),
    ("/api/v1/entities/{entity}/events/", ["date", "id", "title"], "id"),
    ("/api/v1/entities/{entity}/related/", [], "id"),
    ("/api/v1/entities/{entity}/timeline/", [], "date"),
    ("/api/v1/articles/{article}/entities/", [], "id"),
    ("/api/v1/stories/{story}/articles/", ["published_at", "id", "title"], "id"),
    ("/api/v1/stories/{story}/quotes/", ["id", "article", "start"], "id"),
    ("/api/v1/stories/{story}/events/", ["date", "id", "title"], "id"),
]


def expected_rows(url: str, entity: Entity, article: Article, story: Story) -> set:
    """What each list holds, computed without the API's selectors."""
    mentioned_in = set(Mention.objects.filter(entity=entity).values_list("article_id", flat=True))
    story_articles = set(Article.objects.filter(story=story).values_list("id", flat=True))
    events_of = set(Event.objects.filter(participants=entity).values_list("id", flat=True)) | set(
        Event.objects.filter(location=entity).values_list("id", flat=True)
    )
    return {
        "/api/v1/articles/": set(Article.objects.values_list("id", flat=True)),
        "/api/v1/articles/?q=alpha": set(Article.objects.filter(title="alpha").values_list("id", flat=True)),
        "/api/v1/entities/": set(Entity.objects.values_list("id", flat=True)),
        "/api/v1/quotes/": set(Quote.objects.values_list("id", flat=True)),
        "/api/v1/events/": set(Event.objects.values_list("id", flat=True)),
        "/api/v1/stories/": set(Story.objects.values_list("id", flat=True)),
        "/api/v1/entities/{entity}/articles/": mentioned_in,
        "/api/v1/entities/{entity}/quotes/": set(
            Quote.objects.filter(speaker=entity).values_list("id", flat=True)
        ),
        "/api/v1/entities/{entity}/events/": events_of,
        "/api/v1/entities/{entity}/related/": set(
            Mention.objects.filter(article_id__in=mentioned_in)
            .exclude(entity=entity)
            .values_list("entity_id", flat=True)
        ),
        "/api/v1/entities/{entity}/timeline/": {
            day.isoformat()
            for day in Article.objects.filter(id__in=mentioned_in, published_at__isnull=False).values_list(
                "published_at", flat=True
            )
        },
        "/api/v1/articles/{article}/entities/": set(
            Mention.objects.filter(article=article).values_list("entity_id", flat=True)
        ),
        "/api/v1/stories/{story}/articles/": story_articles,
        "/api/v1/stories/{story}/quotes/": set(
            Quote.objects.filter(article_id__in=story_articles).values_list("id", flat=True)
        ),
        "/api/v1/stories/{story}/events/": set(
            EventReport.objects.filter(article_id__in=story_articles).values_list("event_id", flat=True)
        ),
    }[url]


@st.composite
def newsroom(draw):
    """Articles, entities, mentions, quotes, events and stories with many nulls and ties."""
    stories = [StoryFactory(title=draw(st.sampled_from(WORDS[1:]))) for _ in range(2)]
    articles = []
    for number in range(draw(st.integers(1, 6))):
        title = draw(st.sampled_from(WORDS))
        articles.append(
            ArticleFactory(
                title=title,
                body=f"{title}. Report number {number}.",
                published_at=draw(st.sampled_from(DAYS)),
                story=draw(st.sampled_from([None, *stories])),
            )
        )
    entities = [EntityFactory(name=draw(st.sampled_from(WORDS[1:]))) for _ in range(draw(st.integers(1, 4)))]
    pairs = draw(st.sets(st.tuples(st.sampled_from(articles), st.sampled_from(entities)), max_size=8))
    for article, entity in pairs:
        for start in range(draw(st.integers(1, 2))):
            MentionFactory(article=article, entity=entity, start=start, end=start + 5)
    quote_spans = draw(
        st.sets(st.tuples(st.sampled_from(articles), st.integers(0, 2)), max_size=6),
    )
    for article, start in quote_spans:
        QuoteFactory(article=article, speaker=draw(st.sampled_from([None, *entities])), start=start, end=9)
    for _ in range(draw(st.integers(0, 4))):
        event = EventFactory(
            title=draw(st.sampled_from(WORDS[1:])),
            date=draw(st.sampled_from(DAYS)),
            location=draw(st.sampled_from([None, *entities])),
            participants=draw(st.lists(st.sampled_from(entities), unique=True, max_size=2)),
        )
        for article in draw(st.lists(st.sampled_from(articles), unique=True, max_size=2)):
            EventReportFactory(event=event, article=article)
    return entities[0], articles[0], stories[0]


def orderings(fields: list[str]):
    """No ordering (the list's default), or one or two allowed fields, each either way."""
    if not fields:
        return st.just(None)
    one = st.tuples(st.sampled_from(["", "-"]), st.sampled_from(fields)).map("".join)
    return st.none() | st.lists(one, min_size=1, max_size=2, unique_by=lambda term: term.lstrip("-")).map(
        ",".join
    )


class TestEveryListReachesEveryRowOnce(TestCase):
    @settings(
        max_examples=8,
        # No shrinking: each example runs hundreds of requests, and the drawn data is printed anyway.
        phases=[Phase.explicit, Phase.reuse, Phase.generate],
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(data=st.data())
    def test_every_list_in_every_ordering_reaches_every_row_once_forwards_and_back(self, data):
        """Following next to the end visits each row once; following previous back gives the same rows."""
        entity, article, story = data.draw(newsroom())
        for template, fields, label in LISTS:
            url, _, query = template.format(entity=entity.id, article=article.id, story=story.id).partition(
                "?"
            )
            # Every allowed field each way, the default, and a drawn combination of two.
            every = [None, *fields, *(f"-{field}" for field in fields), data.draw(orderings(fields))]
            for ordering in dict.fromkeys(every):
                params = dict(parse_qsl(query))
                params["page_size"] = data.draw(st.integers(1, 3), label="page_size")
                if ordering:
                    params["ordering"] = ordering
                self.walk(url, params, label, expected_rows(template, entity, article, story))

    def walk(self, url: str, params: dict, label: str, expected: set) -> None:
        """Follow next to the end, then previous back to the start."""
        forwards, pages, link = [], [], None
        while True:
            response = self.client.get(link) if link else self.client.get(url, params)
            assert response.status_code == 200, (url, params, response.content)
            body = response.json()
            pages.append([row[label] for row in body["results"]])
            forwards += pages[-1]
            assert len(pages) <= 20, (url, params, "paging does not end")
            if body["next"] is None:
                assert body["next_cursor"] is None
                break
            link = body["next"]
        assert sorted(forwards, key=str) == sorted(expected, key=str), (url, params, pages)
        assert len(forwards) == len(set(forwards)), (url, params, pages)
        backwards = []
        while True:
            backwards = [row[label] for row in body["results"]] + backwards
            if body["previous"] is None:
                assert body["previous_cursor"] is None
                break
            body = self.client.get(body["previous"]).json()
        assert backwards == forwards, (url, params)


pytestmark = pytest.mark.django_db


def test_undated_articles_come_after_dated_ones_and_are_all_reached(api_client):
    """Articles with no publication date are listed after the dated ones, on later pages, not lost."""
    dated = [ArticleFactory(published_at=dt.date(2025, 5, day)).id for day in (1, 2)]
    undated = [ArticleFactory(published_at=None).id for _ in range(5)]
    seen, link = [], "/api/v1/articles/?page_size=2"
    while link:
        body = api_client.get(link).json()
        seen += [row["id"] for row in body["results"]]
        link = body["next"]
    assert seen == dated[::-1] + sorted(undated, reverse=True)


def test_a_page_carries_the_cursors_alone_beside_the_links(api_client):
    """next_cursor is the cursor parameter of the next link; the first page has no previous."""
    for _ in range(3):
        ArticleFactory()
    body = api_client.get("/api/v1/articles/", {"page_size": 2}).json()
    assert set(body) == {"results", "next", "previous", "next_cursor", "previous_cursor"}
    assert body["previous"] is None and body["previous_cursor"] is None
    following = api_client.get("/api/v1/articles/", {"page_size": 2, "cursor": body["next_cursor"]}).json()
    assert following == api_client.get(body["next"]).json()
    assert len(following["results"]) == 1 and following["next"] is None


def test_navigation_lists_use_the_envelope_too(api_client):
    """An article's entities and an entity's timeline page like every other list."""
    article = ArticleFactory(published_at=dt.date(2025, 5, 28))
    for _ in range(3):
        MentionFactory(article=article)
    body = api_client.get(f"/api/v1/articles/{article.id}/entities/", {"page_size": 2}).json()
    assert len(body["results"]) == 2 and body["next_cursor"]
    entity = Mention.objects.first().entity
    body = api_client.get(f"/api/v1/entities/{entity.id}/timeline/").json()
    assert body["results"] == [{"date": "2025-05-28", "mention_count": 1, "article_count": 1}]
    assert body["next"] is None


@pytest.mark.parametrize("size", ["0", "-3", "ten", "2.5"])
def test_an_invalid_page_size_is_a_400_naming_it(api_client, size):
    """page_size must be a whole number from 1 up; anything else is refused, not replaced by 25."""
    response = api_client.get("/api/v1/quotes/", {"page_size": size})
    assert response.status_code == 400
    assert [error["field"] for error in response.json()["errors"]] == ["page_size"]


def test_a_cursor_from_another_ordering_is_a_400(api_client):
    """A cursor made under one ordering cannot be replayed under another."""
    for _ in range(3):
        ArticleFactory()
    cursor = api_client.get("/api/v1/articles/", {"page_size": 1}).json()["next_cursor"]
    response = api_client.get("/api/v1/articles/", {"page_size": 1, "ordering": "title", "cursor": cursor})
    assert response.status_code == 400
    assert [error["field"] for error in response.json()["errors"]] == ["cursor"]


def test_text_search_pages_by_relevance(api_client):
    """With q, articles come most relevant first (not newest first), and paging keeps that order."""
    best = ArticleFactory(
        title="Istanbul talks", body="Istanbul talks: Istanbul hosts talks.", published_at=dt.date(2020, 1, 1)
    )
    weaker = ArticleFactory(
        title="Weather", body="Rain in the capital; Istanbul later.", published_at=dt.date(2025, 1, 1)
    )
    body = api_client.get("/api/v1/articles/", {"q": "istanbul", "page_size": 1}).json()
    assert [row["id"] for row in body["results"]] == [best.id]
    body = api_client.get(body["next"]).json()
    assert [row["id"] for row in body["results"]] == [weaker.id]
    assert body["next"] is None
    newest = api_client.get("/api/v1/articles/", {"q": "istanbul", "ordering": "-published_at"}).json()
    assert [row["id"] for row in newest["results"]] == [weaker.id, best.id]


def test_remembered_window_ends_are_bounded(monkeypatch):
    """The ends an ordered search's windows remember (one per statement and position) stay at most
    BOUNDARIES_KEPT per process: the expired go first, then the oldest."""
    import time

    from newsapi.api import pagination

    class Cursor:
        statements = 0

        def execute(self, sql, params):
            Cursor.statements += 1

        def fetchone(self):
            return [[7]]

    monkeypatch.setattr(pagination, "BOUNDARIES_KEPT", 4)
    window = pagination.PageWindow(plain=None, rows=3, remember=60)
    now = time.monotonic()
    pagination._boundaries.update(
        {("db", f"old {i}", "()"): (now + (100 if i else -1), [i]) for i in range(4)}
    )
    assert pagination._window_boundary(Cursor(), "SELECT 1", (), window, "db") == (None, [7])
    assert list(pagination._boundaries) == [("db", f"old {i}", "()") for i in (1, 2, 3)] + [
        ("db", "SELECT 1", "()")
    ]
    assert pagination._window_boundary(Cursor(), "SELECT 2", (), window, "db") == (None, [7])
    assert ("db", "old 1", "()") not in pagination._boundaries and len(pagination._boundaries) == 4
    assert Cursor.statements == 2
    assert pagination._window_boundary(Cursor(), "SELECT 2", (), window, "db") == (None, [7])
    assert Cursor.statements == 2  # remembered, and no settings to set: no statement
