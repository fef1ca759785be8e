"""The maintained entity counts through real ingests of the seeds, re-extraction, corrections, merge,
split and delete: always equal to a fresh COUNT over the mentions."""

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


def test_roles_counted_once_per_article_through_reextraction_and_delete(ingested_seeds):
    """Each seed article counts the role it gives an entity once: re-extracting articles (explicitly,
    or as a story re-dates its members) leaves every entity's role counts as they were, and deleting an
    article takes its roles back."""

    def counts() -> dict[int, dict]:
        return {pk: rc for pk, rc in Entity.objects.values_list("pk", "role_counts") if rc}

    def from_articles(articles) -> dict[int, dict]:
        expected: dict[int, dict] = {}
        for article in articles:
            for pk, role in article.entity_roles.items():
                roles = expected.setdefault(int(pk), {})
                roles[role] = roles.get(role, 0) + 1
        return expected

    articles = list(Article.objects.order_by("id"))
    assert counts() == from_articles(articles) != {}
    for article in articles:
        article_reextract(article=article)
    assert counts() == from_articles(Article.objects.all())
    gone = max(articles, key=lambda article: len(article.entity_roles))
    article_delete(article=gone)
    assert counts() == from_articles(Article.objects.all())
