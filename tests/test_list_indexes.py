"""On PostgreSQL each list's page query, filtered or not, can be read from an index in the list's own
order (no sort over every matching row): the plan with sequential scans priced out names the index."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    ArticleFactory,
    EntityFactory,
    EventFactory,
    EventReportFactory,
    MentionFactory,
    QuoteFactory,
    QuoteGroupFactory,
    StoryFactory,
)

pytestmark = pytest.mark.django_db


def page_query_plan(
    client, url: str, params: dict, table: str, *, through_an_index_condition: bool = False
) -> str:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params).status_code == 200
    page = next(q["sql"] for q in queries if f'FROM "{table}"' in q["sql"] and "ORDER BY" in q["sql"])
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        if through_an_index_condition:
            # Only a bitmap scan (and the sort its rows then need) is left, and a bitmap scan needs an
            # index whose condition matches the filter: the plan names the filter's index whatever the
            # statistics of the tiny test table say (a backward scan of the primary key is otherwise as
            # cheap on a few rows). With sorts priced out too, that scan and the bitmap tie, and which one
            # wins depended on the statistics earlier tests left.
            cursor.execute("SET LOCAL enable_indexscan = off")
            cursor.execute("SET LOCAL enable_indexonlyscan = off")
        else:
            cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute(f"EXPLAIN {page}")
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.mark.parametrize(
    ("url", "params", "table", "index"),
    [
        ("/api/v1/articles/", {}, "articles_article", "article_published_id_idx"),
        ("/api/v1/articles/", {"source": "SOURCE"}, "articles_article", "article_source_published_idx"),
        ("/api/v1/articles/", {"story": "STORY"}, "articles_article", "article_story_published_idx"),
        ("/api/v1/quotes/", {"speaker": "SPEAKER"}, "articles_quote", "quote_speaker_id_idx"),
        ("/api/v1/quotes/", {"kind": "direct"}, "articles_quote", "quote_kind_id_idx"),
        ("/api/v1/quotes/", {"kind": "Direct"}, "articles_quote", "quote_kind_id_idx"),
        ("/api/v1/events/", {}, "articles_event", "event_date_id_idx"),
        ("/api/v1/events/", {"type": "diplomacy"}, "articles_event", "event_type_date_idx"),
        ("/api/v1/events/", {"type": "Diplomacy"}, "articles_event", "event_type_date_idx"),
        ("/api/v1/events/", {"participant": "SPEAKER"}, "articles_event", "event_date_id_idx"),
        ("/api/v1/entities/", {}, "entities_entity", "entity_name_id_idx"),
        ("/api/v1/entities/", {"ordering": "-mention_count"}, "entities_entity", "entity_mentions_id_idx"),
        ("/api/v1/entities/", {"ordering": "-article_count"}, "entities_entity", "entity_articles_id_idx"),
    ],
)
def test_each_list_filter_with_its_ordering_is_served_by_an_index(api_client, url, params, table, index):
    """The page query of the list, with this filter, reads the named index."""
    if connection.vendor != "postgresql":
        pytest.skip("index plans are checked on PostgreSQL")
    speaker = EntityFactory()
    quote = QuoteFactory(speaker=speaker, kind="direct")
    article = quote.article
    EventFactory(type="diplomacy", participants=[speaker])
    MentionFactory(article=article, entity=speaker)
    ArticleFactory(published_at=None)
    values = {"SOURCE": article.source_id, "STORY": article.story_id, "SPEAKER": speaker.id}
    params = {key: values.get(value, value) for key, value in params.items()}
    assert index in page_query_plan(api_client, url, params, table)


@pytest.mark.parametrize(
    ("url", "table", "index"),
    [
        ("/api/v1/quotes/", "articles_quote", "quote_text_vector_idx"),
        ("/api/v1/entities/", "entities_entity", "entity_name_trgm_idx"),
    ],
)
def test_q_on_quotes_and_entities_reads_an_index(api_client, url, table, index):
    """A search reads an index (the quotes' full-text GIN, the entity names' trigrams) rather than every
    row's text."""
    if connection.vendor != "postgresql":
        pytest.skip("GIN indexes are a PostgreSQL feature")
    QuoteFactory(text="the talks in Istanbul will go on", speaker=EntityFactory(name="Sergei Lavrov"))
    params = {"q": "istanbul" if "quote" in table else "lavrov"}
    assert index in page_query_plan(api_client, url, params, table, through_an_index_condition=True)


def test_an_entitys_dated_articles_are_read_newest_first_from_its_article_rows(
    api_client, django_assert_max_num_queries
):
    """``entity`` on articles, one entity none of whose articles is undated: the page is the entity's
    EntityArticle rows joined on the article and its day, read in the list's order from their index (no
    sort of every one of the entity's articles), in two queries; an undated article sends it back to the
    read by ids, which lists it last."""
    if connection.vendor != "postgresql":
        pytest.skip("the plan is PostgreSQL's")
    entity = EntityFactory()
    articles = [ArticleFactory(published_at=date(2025, 1, day % 3 + 1)) for day in range(6)]
    for article in articles:
        MentionFactory(article=article, entity=entity)
        MentionFactory(article=article, entity=entity, start=20, end=25)  # two mentions: one row
    ArticleFactory(published_at=date(2025, 2, 1))  # newer, not the entity's
    newest_first = sorted(articles, key=lambda a: (a.published_at, a.id), reverse=True)
    with django_assert_max_num_queries(2) as queries:
        response = api_client.get("/api/v1/articles/", {"entity": entity.id, "page_size": 4})
    page = next(q["sql"] for q in queries if 'FROM "articles_article"' in q["sql"] and "ORDER BY" in q["sql"])
    assert [row["id"] for row in response.json()["results"]] == [a.id for a in newest_first[:4]]
    following = api_client.get(response.json()["next"]).json()["results"]
    assert [row["id"] for row in following] == [a.id for a in newest_first[4:]]
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute(f"EXPLAIN {page}")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "entityarticle_entity_day_idx" in plan and "Sort" not in plan

    # With another filter the page is read by the entity's article ids (and the other filter).
    source = articles[0].source_id
    response = api_client.get("/api/v1/articles/", {"entity": entity.id, "source": source})
    assert [row["id"] for row in response.json()["results"]] == [
        a.id for a in newest_first if a.source_id == source
    ]

    undated = ArticleFactory(published_at=None)
    MentionFactory(article=undated, entity=entity)
    with django_assert_max_num_queries(2):
        response = api_client.get("/api/v1/articles/", {"entity": entity.id, "page_size": 10})
    assert [row["id"] for row in response.json()["results"]] == [a.id for a in newest_first] + [undated.id]


@pytest.mark.parametrize(
    ("url", "table"),
    [
        ("/api/v1/articles/", "articles_article"),
        ("/api/v1/quotes/", "articles_quote"),
        ("/api/v1/stories/", "articles_story"),
    ],
)
def test_an_entity_in_few_articles_is_read_by_its_article_ids(api_client, url, table):
    """``entity`` on articles, quotes and stories: the entity's article ids are read once (an InitPlan) and looked up
    by id, not probed for each row walked in the list's order (which read every article when the
    entity's articles were the oldest); the rows are the entity's. (Articles: an entity with an undated
    article; with none, its EntityArticle rows, above.)"""
    if connection.vendor != "postgresql":
        pytest.skip("the plan is PostgreSQL's")
    entity = EntityFactory()
    old = QuoteFactory(article__published_at=date(2016, 1, 1))
    MentionFactory(article=old.article, entity=entity)
    undated = []
    if table == "articles_article":
        undated = [ArticleFactory(published_at=None).id]
        MentionFactory(article_id=undated[0], entity=entity)
    recent = [QuoteFactory(article__published_at=date(2025, 1, day)) for day in range(1, 6)]
    with CaptureQueriesContext(connection) as queries:
        response = api_client.get(url, {"entity": entity.id})
    expected = {
        "articles_article": old.article_id,
        "articles_quote": old.id,
        "articles_story": old.article.story_id,
    }
    assert [row["id"] for row in response.json()["results"]] == [expected[table], *undated]
    page = next(q["sql"] for q in queries if f'FROM "{table}"' in q["sql"] and "ORDER BY" in q["sql"])
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN {page}")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "InitPlan" in plan and "entities_mention" in plan
    # A semi-join reads the page's rows by their ids (``KeysetPagination``); none probes the mentions.
    lines = plan.splitlines()
    for number, line in enumerate(lines):
        if "Semi Join" in line:
            assert "entities_mention" not in "\n".join(lines[number : number + 4]), plan
    assert recent  # rows of other articles exist to walk past


def list_queries(client, url: str, params: dict) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200, response.content[:300]
    return [query["sql"] for query in queries]


@pytest.mark.parametrize(
    ("url", "params"),
    [
        ("/api/v1/articles/", {"event_after": "2025-01-01"}),
        ("/api/v1/events/", {"story": "STORY"}),
        ("/api/v1/events/", {"source": "SOURCE"}),
        ("/api/v1/events/", {"main": "true"}),
        ("/api/v1/events/", {"article": "ARTICLE"}),
        ("/api/v1/stories/", {"article": "ARTICLE"}),
        ("/api/v1/stories/", {"published_after": "2025-01-01"}),
        ("/api/v1/entities/", {"article": "ARTICLE"}),
        ("/api/v1/entities/", {"story": "STORY"}),
        ("/api/v1/entities/", {"source": "SOURCE"}),
        ("/api/v1/entities/", {"published_before": "2025-12-31"}),
    ],
)
def test_filters_across_collections_are_semi_joins_without_distinct(api_client, url, params):
    """A filter on a collection (a story's articles, an event's reports) keeps the rows whose id is among
    the matching ids; no DISTINCT over a join, which sorts every joined row before the first page."""
    report = EventReportFactory(
        is_main=True, event__date=date(2025, 6, 2), article__published_at=date(2025, 5, 28)
    )
    article = report.article
    MentionFactory(article=article, entity=EntityFactory(type="person"))
    values = {"STORY": article.story_id, "SOURCE": article.source_id, "ARTICLE": article.id}
    params = {key: values.get(value, value) for key, value in params.items()}
    page = [
        sql
        for sql in list_queries(api_client, url, params)
        if "ORDER BY" in sql
        and any(form in sql for form in (" IN (SELECT", "ANY(ARRAY(SELECT", "EXISTS(SELECT"))
    ]
    assert page, "the page query filters through a subquery"
    # No DISTINCT over the page's rows (a set of ids read once inside ARRAY(...) may be distinct).
    assert not any(sql.startswith("SELECT DISTINCT") or " IN (SELECT DISTINCT" in sql for sql in page)
    assert api_client.get(url, params).json()["results"], "the row linked through the collection matches"


@pytest.mark.parametrize("read", [10_000, 1])
def test_stories_of_a_short_date_range_are_read_by_their_ids(api_client, monkeypatch, read):
    """``published_after`` on stories: the stories of a range of at most STORY_ARTICLES_READ articles are
    read by their ids (ARRAY), not by merging the whole list with the range; a longer range walks the list
    (a semi-join). The same stories either way."""
    if connection.vendor != "postgresql":
        pytest.skip("the plan is PostgreSQL's")
    from articles import filtersets

    monkeypatch.setattr(filtersets, "STORY_ARTICLES_READ", read)
    ArticleFactory(published_at=date(2016, 1, 1))
    recent = [ArticleFactory(published_at=date(2025, 1, day)) for day in range(1, 4)]
    queries = list_queries(api_client, "/api/v1/stories/", {"published_after": "2025-01-01"})
    page = next(sql for sql in queries if 'FROM "articles_story"' in sql and "ORDER BY" in sql)
    assert ("ANY(ARRAY(SELECT DISTINCT" in page) == (read > len(recent))
    response = api_client.get("/api/v1/stories/", {"published_after": "2025-01-01"})
    assert [row["id"] for row in response.json()["results"]] == sorted(
        (a.story_id for a in recent), reverse=True
    )


@pytest.mark.parametrize(
    "params", [{"published_after": "2025-01-01"}, {"language": "en"}, {"source": "SOURCE"}]
)
def test_quotes_filtered_by_their_article_read_the_page_ids_without_speakers(api_client, params):
    """A filter on the quote's article reads the page's ids from quotes and articles alone (the speakers
    and groups are joined for the page's rows only): PostgreSQL sorts only a whole join's output, so joined
    in, every matching quote was joined to its speaker first."""
    speaker = EntityFactory()
    quotes = [QuoteFactory(speaker=speaker, article__published_at=date(2025, 1, day)) for day in (1, 2)]
    QuoteFactory(speaker=speaker, article__published_at=date(2016, 1, 1))
    for quote in quotes:
        quote.article.language = "en"
        quote.article.source = quotes[0].article.source
        quote.article.save()
    params = {
        key: quotes[0].article.source_id if value == "SOURCE" else value for key, value in params.items()
    }
    queries = list_queries(api_client, "/api/v1/quotes/", params)
    page = next(sql for sql in queries if 'FROM "articles_quote"' in sql and "ORDER BY" in sql)
    inner = page[page.index(" IN (SELECT") :]
    assert "articles_article" in inner and "entities_entity" not in inner
    response = api_client.get("/api/v1/quotes/", params)
    assert {row["id"] for row in response.json()["results"]} >= {quote.id for quote in quotes}


def test_entity_type_on_articles_tests_the_rows_walked_in_the_lists_order(api_client):
    """``entity_type`` reads the article's maintained set of types: the page walks the list's date index
    and tests each row, with no join to the mentions (whose misestimated semi-join hashed 15M mentions at
    1M articles)."""
    if connection.vendor != "postgresql":
        pytest.skip("the plan is PostgreSQL's")
    for day in range(1, 6):
        article = ArticleFactory(published_at=date(2025, 1, day))
        MentionFactory(article=article, entity=EntityFactory(type="person"))
    page = next(
        sql
        for sql in list_queries(api_client, "/api/v1/articles/", {"entity_type": "person"})
        if "ORDER BY" in sql
    )
    assert "entities_mention" not in page and '"entity_types" IN (' in page
    with connection.cursor() as cursor:
        # A table of 5 rows is otherwise read whole and sorted: the test is that the walk can serve it.
        for plan_kind in ("seqscan", "bitmapscan", "sort"):
            cursor.execute(f"SET LOCAL enable_{plan_kind} = off")
        cursor.execute(f"EXPLAIN {page}")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "article_published_id_idx" in plan and "entity_types" in plan and "Sort" not in plan, plan


def test_lists_read_only_the_columns_they_print(api_client):
    """The article list does not read the JSON columns it never prints, a quote's other reports do not read
    their articles' bodies, and the event list reads no article rows at all."""
    group = QuoteGroupFactory()
    QuoteFactory(group=group)
    QuoteFactory(group=group)
    EventReportFactory()
    articles = "\n".join(list_queries(api_client, "/api/v1/articles/", {}))
    assert "published_at_clues" not in articles and "extracted_dates" not in articles
    quotes = "\n".join(list_queries(api_client, "/api/v1/quotes/", {}))
    assert '"articles_article"."body"' not in quotes and '"articles_article"."raw_text"' not in quotes
    events = "\n".join(list_queries(api_client, "/api/v1/events/", {}))
    assert 'FROM "articles_article"' not in events


def test_story_counts_are_read_for_the_page_only(api_client):
    """The story list counts each story's articles in a subquery, not with GROUP BY over a join with
    every article; the figures are right."""
    story = StoryFactory()
    ArticleFactory(story=story, published_at=date(2025, 5, 28))
    ArticleFactory(story=story, published_at=date(2025, 5, 27))
    queries = list_queries(api_client, "/api/v1/stories/", {})
    assert not any("GROUP BY" in sql and 'FROM "articles_story"' in sql.split("(")[0] for sql in queries)
    row = api_client.get("/api/v1/stories/").json()["results"][0]
    assert (row["article_count"], row["first_published_at"]) == (2, "2025-05-27")
