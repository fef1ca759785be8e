"""The maintained entity counts through real ingests of the seeds, re-extraction, corrections, merge,
split and delete: always equal to a fresh COUNT over the mentions."""

from collections import Counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article, Mention
from articles.services import (
    article_delete,
    article_ingest,
    article_reextract,
    entity_recount,
    mention_create,
    mention_delete,
    mention_update,
)
from entities.models import Entity, EntityAlias
from entities.services import entity_merge, entity_split_alias
from newsapi.extraction.names import commonest_role
from tests.conftest import SEEDS_DIR
from tests.test_entity_counts import MENTIONS_TABLE, counted_from_mentions, maintained

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_counts_kept_through_ingest_reextraction_corrections_merge_split_and_delete(ingested_seeds):
    """After a mixed sequence of writes the maintained counts equal a fresh COUNT, and a recount
    finds nothing to fix."""
    assert maintained() == counted_from_mentions(), "after ingest"
    assert any(mentions > articles > 0 for mentions, articles in maintained().values())

    first, second, third = Article.objects.order_by("id")[:3]
    article_reextract(article=first)
    assert maintained() == counted_from_mentions(), "after re-extraction"

    lavrov = Entity.objects.filter(name__icontains="Lavrov").order_by("-mention_count").first()
    others = list(
        Entity.objects.filter(type=lavrov.type).exclude(pk=lavrov.pk).order_by("-mention_count")[:2]
    )
    entity_merge(survivor=lavrov, merged=others)
    assert (lavrov.mention_count, lavrov.article_count) == counted_from_mentions()[lavrov.pk]
    assert maintained() == counted_from_mentions(), "after a merge"

    alias = EntityAlias.objects.filter(entity=lavrov, name="Lavrov").first()
    split = entity_split_alias(alias=alias)
    assert split.mention_count > 0
    assert maintained() == counted_from_mentions(), "after an alias split"

    body_start = second.body.index(second.body.split()[0])
    added = mention_create(article=second, entity=split, start=body_start, end=body_start + 3)
    mention_update(mention=added, data={"entity": lavrov})
    moved = Mention.objects.filter(article=third).exclude(entity=lavrov).first()
    mention_update(mention=moved, data={"entity": split})
    mention_delete(mention=Mention.objects.filter(article=third).first())
    assert maintained() == counted_from_mentions(), "after corrections"

    article_delete(article=second)
    assert maintained() == counted_from_mentions(), "after an article delete"

    article_reextract(article=third)
    assert maintained() == counted_from_mentions(), "after re-extracting a corrected article"
    assert entity_recount() == 0


def test_ingesting_an_article_never_counts_an_entitys_mentions(ingested_seeds):
    """An ingest reads the mentions of its own article only: no COUNT over an entity's mentions, so
    its cost does not grow with how often the entity was mentioned before."""
    Article.objects.order_by("-id").first().delete()
    entity_recount()
    text = sorted(SEEDS_DIR.glob("*.txt"))[-1].read_text(encoding="utf-8")
    from newsapi.extraction.pipeline import extract_article

    extraction = extract_article(text)
    with CaptureQueriesContext(connection) as queries:
        article, created = article_ingest(raw_text=text, extraction=extraction)
    assert created
    reading_mentions = [q["sql"] for q in queries if f'FROM "{MENTIONS_TABLE}"' in q["sql"]]
    assert reading_mentions, "the tally of the article's own mentions is read"
    for sql in reading_mentions:
        assert f'"{MENTIONS_TABLE}"."article_id"' in sql.split("WHERE", 1)[-1], sql
    assert maintained() == counted_from_mentions()


def role_counts() -> dict[int, dict]:
    return {pk: counts for pk, counts in Entity.objects.values_list("pk", "role_counts") if counts}


def roles_from_articles() -> dict[int, dict]:
    """What the entities' role counts should be: each article's stored roles counted once."""
    expected: dict[int, Counter] = {}
    for roles in Article.objects.values_list("entity_roles", flat=True):
        for pk, role in roles.items():
            expected.setdefault(int(pk), Counter())[role] += 1
    return {pk: dict(roles) for pk, roles in expected.items()}


def test_roles_counted_once_per_article_through_reextraction_and_delete(ingested_seeds):
    """Each seed article counts the role it gives an entity once: re-extracting articles (explicitly,
    or as a story re-dates its members) leaves every entity's role counts as they were, and deleting an
    article takes its roles back."""

    articles = list(Article.objects.order_by("id"))
    assert role_counts() == roles_from_articles() != {}
    for article in articles:
        article_reextract(article=article)
    assert role_counts() == roles_from_articles()
    gone = max(articles, key=lambda article: len(article.entity_roles))
    article_delete(article=gone)
    assert role_counts() == roles_from_articles()


def test_a_merge_counts_each_articles_role_once_and_reextraction_keeps_it(ingested_seeds):
    """Merging entities that one article both gave a role: the survivor counts that article once, the
    article's stored roles name the survivor, and extracting every article again changes no count (it
    used to count the article's role on the survivor a second time, the merged id being gone)."""

    maps = list(Article.objects.values_list("entity_roles", flat=True))
    together = Counter(
        (int(a), int(b)) for roles in maps for a in roles for b in roles if a != b
    )  # pairs of entities one article gave roles to
    (survivor_id, merged_id), _ = together.most_common(1)[0]
    survivor, merged = Entity.objects.get(pk=survivor_id), Entity.objects.get(pk=merged_id)
    merged_type = survivor.type if survivor.type == merged.type else None
    both = sum(1 for roles in maps if str(survivor_id) in roles and str(merged_id) in roles)
    assert both >= 1
    articles_with_a_role = sum(1 for roles in maps if {str(survivor_id), str(merged_id)} & set(roles))

    entity_merge(survivor=survivor, merged=[merged], entity_type=merged_type or survivor.type)
    survivor.refresh_from_db()
    assert sum(survivor.role_counts.values()) == articles_with_a_role
    assert role_counts() == roles_from_articles()
    assert not any(
        str(merged_id) in roles for roles in Article.objects.values_list("entity_roles", flat=True)
    )

    for article in Article.objects.order_by("id"):
        article_reextract(article=article)
    assert role_counts() == roles_from_articles()
    survivor.refresh_from_db()
    assert sum(survivor.role_counts.values()) <= articles_with_a_role


def test_a_false_merge_split_again_gives_the_split_names_articles_their_roles_back(ingested_seeds):
    """Two people merged by a slip, then the merged one's name split off again (``entity_split_alias``):
    the articles that name only that person give their roles to the new entity, in their stored roles and
    in both entities' counts, which equal the articles' roles throughout."""

    def articles_of(entity: Entity) -> set[int]:
        return set(Mention.objects.filter(entity=entity).values_list("article_id", flat=True))

    people = list(
        Entity.objects.filter(type="person", aliases__isnull=True).exclude(role_counts={}).order_by("id")
    )
    survivor, merged = next(
        (a, b) for a in people for b in people if a.pk != b.pk and not articles_of(a) & articles_of(b)
    )
    merged_name, merged_counts = merged.name, dict(merged.role_counts)

    entity_merge(survivor=survivor, merged=[merged])
    assert role_counts() == roles_from_articles()
    survivor.refresh_from_db()
    assert merged.pk not in role_counts()

    new = entity_split_alias(alias=EntityAlias.objects.get(entity=survivor, name=merged_name))
    assert role_counts() == roles_from_articles()
    new.refresh_from_db()
    assert new.role_counts == merged_counts
    assert new.role == commonest_role(merged_counts)
