"""Article.entity_types, the set of entity types an article's mentions name (a bit each), is kept by every
write that adds, moves or removes mentions or changes an entity's type; the article list's
``entity_type`` filter tests it on the rows it walks, with the rows the old semi-join gave."""

import importlib

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import ENTITY_TYPE_BITS, Article, Mention, entity_type_sets
from articles.services import (
    article_delete,
    article_entity_types_refresh,
    article_reextract,
    mention_create,
    mention_delete,
    mention_update,
)
from entities.choices import EntityType
from entities.models import Entity, EntityAlias
from entities.services import entity_delete, entity_merge, entity_split_alias, entity_update
from tests.factories import ArticleFactory, EntityFactory, MentionFactory

pytestmark = pytest.mark.django_db


def computed_from_mentions() -> dict[int, int]:
    """Every article's types as its mentions name them now."""
    types = dict.fromkeys(Article.objects.values_list("id", flat=True), 0)
    for article_id, entity_type in Mention.objects.values_list("article_id", "entity__type"):
        types[article_id] |= ENTITY_TYPE_BITS[entity_type]
    return types


def maintained() -> dict[int, int]:
    return dict(Article.objects.values_list("id", "entity_types"))


def semi_join(entity_type: str) -> set[int]:
    """The old filter: articles with a mention of an entity of this type."""
    return set(Article.objects.filter(mentions__entity__type=entity_type).values_list("id", flat=True))


def listed(api_client, entity_type: str) -> set[int]:
    response = api_client.get("/api/v1/articles/", {"entity_type": entity_type, "page_size": 200})
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def test_type_sets_hold_every_value_with_the_types_bit():
    assert ENTITY_TYPE_BITS == {"person": 1, "organization": 2, "location": 4, "other": 8}
    assert entity_type_sets("location") == [4, 5, 6, 7, 12, 13, 14, 15]


def test_the_filter_lists_what_the_semi_join_listed_in_a_fixed_number_of_queries(
    api_client, django_assert_max_num_queries
):
    """Each type lists the articles that mention an entity of it, as the semi-join through the mentions
    did; the query count does not grow with the rows, and the page never reads the mentions."""
    person, place, group = (EntityFactory(type=t) for t in ("person", "location", "organization"))
    both, only_place, none = ArticleFactory.create_batch(3)
    MentionFactory(article=both, entity=person)
    MentionFactory(article=both, entity=place, start=20, end=25)
    MentionFactory(article=only_place, entity=place)
    with CaptureQueriesContext(connection) as queries:
        assert listed(api_client, "person") == {both.id}
    assert not [q["sql"] for q in queries if Mention._meta.db_table in q["sql"]]
    few = len(queries)
    for article in ArticleFactory.create_batch(20):
        MentionFactory(article=article, entity=group)
    for entity_type in EntityType.values:
        with django_assert_max_num_queries(few):
            found = listed(api_client, entity_type)
        assert found == semi_join(entity_type)
    assert none.id not in listed(api_client, "location")


def test_types_follow_an_entity_type_change_a_merge_a_split_and_a_delete():
    """The entity-side writes: a type correction, a merge of entities of two types, an alias split and an
    entity delete each leave every article's types equal to its mentions'."""
    lavrov = EntityFactory(name="Sergei Lavrov", type="person")
    EntityAlias.objects.create(entity=lavrov, name="Lavrov", name_key="lavrov")
    kremlin = EntityFactory(name="Kremlin", type="organization")
    first, second, third = ArticleFactory.create_batch(3)
    MentionFactory(article=first, entity=lavrov, text="Lavrov", end=6)
    MentionFactory(article=second, entity=kremlin)
    MentionFactory(article=third, entity=lavrov)
    MentionFactory(article=third, entity=kremlin, start=20, end=27)
    assert maintained() == computed_from_mentions()

    entity_update(entity=kremlin, data={"type": "location"})
    assert maintained() == computed_from_mentions(), "after a type correction"
    assert maintained()[second.pk] == ENTITY_TYPE_BITS["location"]

    entity_merge(survivor=lavrov, merged=[kremlin], entity_type="person")
    assert maintained() == computed_from_mentions(), "after merging a place into a person"
    assert maintained()[second.pk] == ENTITY_TYPE_BITS["person"]

    split = entity_split_alias(alias=EntityAlias.objects.get(entity=lavrov, name="Lavrov"))
    assert Mention.objects.filter(entity=split).exists()
    assert maintained() == computed_from_mentions(), "after an alias split"

    entity_update(entity=split, data={"type": "other"})
    assert maintained()[first.pk] == ENTITY_TYPE_BITS["other"]
    entity_delete(entity=split)
    assert maintained() == computed_from_mentions(), "after deleting an entity"
    assert maintained()[first.pk] == 0
    assert article_entity_types_refresh() == 0


def test_the_admin_type_action_and_the_api_correction_retype_the_articles(
    api_client, editor_client, admin_client
):
    """The doors editors use go through entity_update: the admin's "make ..." action and a PATCH."""
    person = EntityFactory(type="person")
    article = ArticleFactory()
    MentionFactory(article=article, entity=person)
    response = editor_client.patch(f"/api/v1/entities/{person.pk}/", {"type": "organization"}, format="json")
    assert response.status_code == 200, response.content
    assert article.pk in listed(api_client, "organization")
    assert article.pk not in listed(api_client, "person")
    admin_client.post("/admin/entities/entity/", {"action": "make_location", "_selected_action": [person.pk]})
    assert Entity.objects.get(pk=person.pk).type == "location"
    assert article.pk in listed(api_client, "location")


def test_the_recount_command_and_the_migration_fill_the_types_from_the_mentions():
    """Types written around the services (bulk SQL, loaddata) are repaired by ``entity_recount``; the
    data migration's one statement fills them the same way."""
    person, place = EntityFactory(type="person"), EntityFactory(type="location")
    first, second, empty = ArticleFactory.create_batch(3)
    MentionFactory(article=first, entity=person)
    MentionFactory(article=first, entity=place, start=20, end=25)
    MentionFactory(article=second, entity=place)
    expected = {first.pk: 5, second.pk: 4, empty.pk: 0}
    Article.objects.update(entity_types=0)
    Article.objects.filter(pk=empty.pk).update(entity_types=8)
    call_command("entity_recount", verbosity=0)
    assert maintained() == expected
    assert article_entity_types_refresh() == 0

    migration = importlib.import_module("articles.migrations.0019_article_entity_types")
    Article.objects.exclude(pk=empty.pk).update(entity_types=0)
    with connection.cursor() as cursor:
        cursor.execute(migration.BACKFILL)
    assert maintained() == expected


def test_types_follow_ingest_reextraction_and_mention_corrections(ingested_seeds):
    """Through the real seeds: ingest, re-extraction and each mention correction keep every article's
    types equal to its mentions'. (Last in the module: the ingested seeds stay until its end.)"""
    assert maintained() == computed_from_mentions(), "after ingest"
    assert len(set(maintained().values())) > 1 or min(maintained().values()) > 0
    first, second = Article.objects.order_by("id")[:2]
    article_reextract(article=first)
    assert maintained() == computed_from_mentions(), "after re-extraction"

    other = EntityFactory(name="Someone Else", type="other")
    start = second.body.index(second.body.split()[0])
    added = mention_create(article=second, entity=other, start=start, end=start + 3)
    assert maintained()[second.pk] & ENTITY_TYPE_BITS["other"]
    place = EntityFactory(name="A Place", type="location")
    mention_update(mention=added, data={"entity": place})
    assert maintained() == computed_from_mentions(), "after moving a mention to another type"
    for mention in list(Mention.objects.filter(article=second)):
        mention_delete(mention=mention)
    assert maintained()[second.pk] == 0, "after deleting every mention"
    article_delete(article=second)
    assert maintained() == computed_from_mentions()
