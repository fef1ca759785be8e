"""Bounded work per request: entity filters are capped and planned cheaply."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsapi.api.filters import MAX_ENTITY_REFS
from tests.factories import ArticleFactory, EntityAliasFactory, EntityFactory, MentionFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/api/v1/articles/", "entity"),
        ("/api/v1/articles/", "speaker"),
        ("/api/v1/quotes/", "entity"),
        ("/api/v1/events/", "participant"),
        ("/api/v1/events/", "location"),
        ("/api/v1/entities/", "related_to"),
        ("/api/v1/stories/", "entity"),
    ],
)
def test_more_entities_than_the_cap_in_one_filter_is_a_400_naming_it(api_client, url, field):
    """One name past the cap is refused before any query runs, naming the filter."""
    names = ",".join(f"Name{number}" for number in range(MAX_ENTITY_REFS + 1))
    with CaptureQueriesContext(connection) as queries:
        response = api_client.get(url, {field: names})
    assert response.status_code == 400
    assert [error["field"] for error in response.json()["errors"]] == [field]
    assert str(MAX_ENTITY_REFS) in response.json()["message"]
    assert len(queries) == 0


def test_names_are_resolved_in_one_query_and_the_list_never_joins_aliases(
    api_client, django_assert_max_num_queries
):
    """However many names a filter holds, they cost one lookup, and the list's query is a plain
    semi-join per name over the mentions (no alias join for the planner to multiply)."""
    entities = [EntityFactory(name=f"Person Number{number}") for number in range(MAX_ENTITY_REFS)]
    article = ArticleFactory()
    for entity in entities:
        EntityAliasFactory(entity=entity, name=f"Nick{entity.id}")
        MentionFactory(article=article, entity=entity)
    ArticleFactory()
    names = ",".join(f"Nick{entity.id}" if n % 2 else entity.name for n, entity in enumerate(entities))
    with django_assert_max_num_queries(3), CaptureQueriesContext(connection) as queries:
        response = api_client.get("/api/v1/articles/", {"entity": names})
    assert [row["id"] for row in response.json()["results"]] == [article.id]
    listing = [q["sql"] for q in queries if "articles_article" in q["sql"]]
    assert listing and all("entityalias" not in sql for sql in listing)
