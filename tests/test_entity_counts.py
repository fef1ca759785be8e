"""Entity.mention_count and article_count are columns kept up to date by every write that adds, moves or
removes mentions; the entity list reads them and never joins the mentions."""

import importlib

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext

from articles.models import Mention
from articles.services import entity_recount
from entities.models import Entity
from tests.factories import ArticleFactory, EntityFactory, MentionFactory

pytestmark = pytest.mark.django_db

MENTIONS_TABLE = Mention._meta.db_table


def counted_from_mentions() -> dict[int, tuple[int, int]]:
    """Every entity's counts as a fresh COUNT over the mentions computes them."""
    rows = Entity.objects.annotate(
        fresh_mentions=Count("mentions", distinct=True),
        fresh_articles=Count("mentions__article", distinct=True),
    ).values_list("id", "fresh_mentions", "fresh_articles")
    return {entity_id: (mentions, articles) for entity_id, mentions, articles in rows}


def maintained() -> dict[int, tuple[int, int]]:
    rows = Entity.objects.values_list("id", "mention_count", "article_count")
    return {entity_id: (mentions, articles) for entity_id, mentions, articles in rows}


def test_the_entity_list_reads_the_count_columns_without_joining_the_mentions(
    api_client, django_assert_max_num_queries
):
    """The list's queries never touch the mentions table, and their number stays fixed with the rows."""
    lavrov = EntityFactory(name="Sergei Lavrov")
    for article in ArticleFactory.create_batch(2):
        MentionFactory(article=article, entity=lavrov)
        MentionFactory(article=article, entity=lavrov, start=20, end=26)
    EntityFactory(name="Hakan Fidan")
    with CaptureQueriesContext(connection) as queries:
        response = api_client.get("/api/v1/entities/", {"ordering": "-mention_count"})
    rows = response.json()["results"]
    assert [(r["name"], r["mention_count"], r["article_count"]) for r in rows] == [
        ("Sergei Lavrov", 4, 2),
        ("Hakan Fidan", 0, 0),
    ]
    assert not [q["sql"] for q in queries if MENTIONS_TABLE in q["sql"]]
    few = len(queries)
    for index in range(30):
        MentionFactory(entity=EntityFactory(name=f"Person Number{index}"))
    for ordering in ("name", "-mention_count", "-article_count"):
        with django_assert_max_num_queries(few):
            response = api_client.get("/api/v1/entities/", {"ordering": ordering, "page_size": 200})
        assert len(response.json()["results"]) == 32
    detail = api_client.get(f"/api/v1/entities/{lavrov.slug}/").json()
    assert (detail["mention_count"], detail["article_count"]) == (4, 2)


def test_the_entity_list_still_filters_by_the_mentions(api_client):
    """A filter on the mentions (article) keeps each entity once, with its overall counts."""
    lavrov = EntityFactory(name="Sergei Lavrov")
    article, other = ArticleFactory.create_batch(2)
    MentionFactory(article=article, entity=lavrov)
    MentionFactory(article=article, entity=lavrov, start=20, end=26)
    MentionFactory(article=other, entity=lavrov)
    MentionFactory(article=other, entity=EntityFactory(name="Hakan Fidan"))
    rows = api_client.get("/api/v1/entities/", {"article": article.pk}).json()["results"]
    assert [(r["name"], r["mention_count"], r["article_count"]) for r in rows] == [("Sergei Lavrov", 3, 2)]


def test_entity_recount_command_repairs_counts_written_around_the_services():
    """Counts left wrong by bulk SQL are recomputed from the mentions, and a second run changes nothing."""
    lavrov, fidan, nobody = EntityFactory.create_batch(3)
    for article in ArticleFactory.create_batch(2):
        MentionFactory(article=article, entity=lavrov)
    MentionFactory(entity=fidan)
    Entity.objects.filter(pk=lavrov.pk).update(mention_count=0, article_count=7)
    Entity.objects.filter(pk=nobody.pk).update(mention_count=5, article_count=1)
    Mention.objects.filter(entity=fidan).delete()  # bulk delete: no service ran
    assert maintained() != counted_from_mentions()
    call_command("entity_recount", verbosity=0)
    assert maintained() == counted_from_mentions() == {lavrov.pk: (2, 2), fidan.pk: (0, 0), nobody.pk: (0, 0)}
    assert entity_recount() == 0


def test_the_migration_back_fills_the_counts_in_one_statement():
    """The data migration's SQL sets each entity's counts from its mentions (run here on zeroed counts)."""
    migration = importlib.import_module("entities.migrations.0005_entity_counts")
    lavrov = EntityFactory()
    for article in ArticleFactory.create_batch(3):
        MentionFactory(article=article, entity=lavrov)
    MentionFactory(article=article, entity=lavrov, start=20, end=26)
    Entity.objects.update(mention_count=0, article_count=0)
    with connection.cursor() as cursor:
        cursor.execute(migration.BACKFILL)
    assert maintained() == {lavrov.pk: (4, 3)}
