"""On PostgreSQL each list's page query, filtered or not, can be read from an index in the list's own
order (no sort over every matching row): the plan with sequential scans priced out names the index."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import ArticleFactory, EntityFactory, EventFactory, MentionFactory, QuoteFactory

pytestmark = pytest.mark.django_db


def page_query_plan(
    client, url: str, params: dict, table: str, *, through_an_index_condition: bool = False
) -> str:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params).status_code == 200
    page = next(q["sql"] for q in queries if f'FROM "{table}"' in q["sql"] and "ORDER BY" in q["sql"])
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
        if through_an_index_condition:
            # Only a bitmap scan is left, and a bitmap scan needs an index whose condition matches the
            # filter: the plan names the filter's index whatever the statistics of the tiny test table
            # say (a backward scan of the primary key is otherwise as cheap on a few rows).
            cursor.execute("SET LOCAL enable_indexscan = off")
            cursor.execute("SET LOCAL enable_indexonlyscan = off")
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
        ("/api/v1/events/", {}, "articles_event", "event_date_id_idx"),
        ("/api/v1/events/", {"type": "diplomacy"}, "articles_event", "event_type_date_idx"),
        ("/api/v1/events/", {"participant": "SPEAKER"}, "articles_event", "event_date_id_idx"),
        ("/api/v1/articles/", {"entity": "SPEAKER"}, "articles_article", "article_published_id_idx"),
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
        ("/api/v1/quotes/", "articles_quote", "quote_text_trgm_idx"),
        ("/api/v1/entities/", "entities_entity", "entity_name_trgm_idx"),
    ],
)
def test_q_on_quotes_and_entities_reads_a_trigram_index(api_client, url, table, index):
    """A substring search reads the trigram index rather than every row's text."""
    if connection.vendor != "postgresql":
        pytest.skip("trigram indexes are a PostgreSQL feature")
    QuoteFactory(text="the talks in Istanbul will go on", speaker=EntityFactory(name="Sergei Lavrov"))
    params = {"q": "istanbul" if "quote" in table else "lavrov"}
    assert index in page_query_plan(api_client, url, params, table, through_an_index_condition=True)
