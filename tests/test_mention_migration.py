"""Mention moved from the entities app to articles: an existing database migrates in place, rows kept."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection

from tests.migration_helpers import migrate as _migrate

BEFORE = [("entities", "0005_entity_counts"), ("articles", "0011_quote_and_event_keys")]


@pytest.mark.django_db(transaction=True)
def test_mentions_written_under_the_entities_app_are_read_under_articles_after_migrating():
    """Rows, history rows, content type and the permissions granted on mentions survive the move."""
    ContentType.objects.clear_cache()
    old = _migrate(BEFORE)
    try:
        Source, Article = old.get_model("articles", "Source"), old.get_model("articles", "Article")
        Entity, Mention = old.get_model("entities", "Entity"), old.get_model("entities", "Mention")
        HistoricalMention = old.get_model("entities", "HistoricalMention")
        source = Source.objects.create(name="Reuters")
        article = Article.objects.create(
            source=source, title="Talks", body="Lavrov spoke.", content_hash="h1"
        )
        lavrov = Entity.objects.create(
            name="Sergei Lavrov", name_key="sergei lavrov", type="person", slug="lavrov"
        )
        mention = Mention.objects.create(
            article=article,
            entity=lavrov,
            start=0,
            end=6,
            text="Lavrov",
            is_edited=True,
            edited_fields=["entity"],
        )
        HistoricalMention.objects.create(
            id=mention.pk,
            article=article,
            entity=lavrov,
            start=0,
            end=6,
            text="Lavrov",
            history_type="+",
            history_date="2026-01-01T00:00:00Z",
        )
        content_type, _ = ContentType.objects.get_or_create(app_label="entities", model="mention")
        ContentType.objects.filter(app_label="articles", model="mention").delete()
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename="change_mention", defaults={"name": "Can change mention"}
        )
        Group.objects.create(name="mention fixers").permissions.add(permission)
    finally:
        new = _migrate()
    Mention = new.get_model("articles", "Mention")
    moved = Mention.objects.get()
    assert (moved.pk, moved.article_id, moved.entity_id, moved.text) == (
        mention.pk,
        article.pk,
        lavrov.pk,
        "Lavrov",
    )
    assert moved.edited_fields == ["entity"]
    assert new.get_model("articles", "HistoricalMention").objects.filter(id=mention.pk).count() == 1
    assert not ContentType.objects.filter(app_label="entities", model="mention").exists()
    group = Group.objects.get(name="mention fixers")
    assert list(group.permissions.values_list("content_type__app_label", "codename")) == [
        ("articles", "change_mention")
    ]


@pytest.mark.django_db
def test_the_mention_model_keeps_its_table():
    """The moved model reads the table the rows were written to; no table was renamed or copied."""
    from articles.models import Mention

    assert Mention._meta.db_table == "entities_mention"
    assert Mention.history.model._meta.db_table == "entities_historicalmention"
    assert "entities_mention" in connection.introspection.table_names()
