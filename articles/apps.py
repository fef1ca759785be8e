import copy

from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ArticlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"

    def ready(self) -> None:
        from articles.filtersets import EntityMentionFilterSet
        from articles.selectors import entity_story_ids
        from entities.extensions import (
            register_before_delete,
            register_cooccurrence,
            register_list_filters,
            register_merging,
            register_references_moved,
            register_split_off,
            register_type_changed,
        )
        from newsapi.roles import ensure_groups

        # The entities admin ranks possible duplicates by the stories both are mentioned in: mentions
        # live here, so articles tells entities (which imports nothing of articles) how to find them.
        register_cooccurrence(label="stories", contexts=entity_story_ids)
        # A merge or split moves mentions between entities; their maintained counts follow, and the entity
        # types of the articles that mention them (kept on each article for the list's entity_type).
        register_references_moved(_recount_entities)
        register_merging(_fold_roles)
        register_split_off(_roles_follow_split)
        register_type_changed(_retype_articles)
        register_before_delete(_remove_mentions)
        # The entity list's "mentioned in this article / story / source" filters read mentions.
        register_list_filters(copy.deepcopy(EntityMentionFilterSet.base_filters))

        # After migrate, when every model's permissions exist.
        post_migrate.connect(ensure_groups, sender=self, dispatch_uid="newsapi-ensure-groups")
        # SQLite rebuilds a table to alter it, dropping its triggers: the search index's are remade.
        post_migrate.connect(_ensure_search_index, sender=self, dispatch_uid="newsapi-sqlite-fts")
        # Without Redis the throttles count in a database cache table, which migrations do not make:
        # a database migrated without it answers every request 503.
        post_migrate.connect(_ensure_cache_table, sender=self, dispatch_uid="newsapi-cache-table")


def _ensure_search_index(sender, using="default", **kwargs) -> None:
    from django.db import connections

    from articles import fts

    connection = connections[using]
    if connection.vendor == "sqlite" and fts.TABLE in connection.introspection.table_names():
        fts.install(connection)


def _ensure_cache_table(sender, using="default", **kwargs) -> None:
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=0)


def _recount_entities(entity_ids: list[int]) -> None:
    """After a merge or split moved mentions and quotes between these entities."""
    from articles.services import article_entity_types_refresh, entity_recount, quote_keys_follow_speakers
    from entities.models import Entity

    entity_recount(entity_ids=entity_ids)
    quote_keys_follow_speakers(entity_ids=entity_ids)
    # Mentions moved between entities of one type leave every article's set of types as it was.
    if Entity.objects.filter(id__in=entity_ids).values("type").distinct().count() > 1:
        article_entity_types_refresh(entity_ids=entity_ids)


def _retype_articles(entity_ids: list[int]) -> None:
    """After these entities' type changed: the articles that mention them."""
    from articles.services import article_entity_types_refresh

    article_entity_types_refresh(entity_ids=entity_ids)


def _fold_roles(survivor_id: int, merged_ids: list[int]) -> None:
    """Before a merge moves mentions: the roles each article counted, kept by entity id, follow."""
    from articles.services import article_roles_fold

    article_roles_fold(survivor_id=survivor_id, merged_ids=merged_ids)


def _roles_follow_split(source_id: int, new_id: int) -> None:
    """After an alias split moved mentions: the roles of the articles that now name only the new entity."""
    from articles.services import article_roles_follow_split

    article_roles_follow_split(source_id=source_id, new_id=new_id)


def _remove_mentions(entity_ids: list[int]) -> None:
    """Before these entities are deleted: their mentions go first, and the entity types of the articles
    that held them follow (the cascade would delete the mentions and leave the types stale)."""
    from articles.models import Mention
    from articles.services import article_entity_types_refresh

    mentions = Mention.objects.filter(entity_id__in=entity_ids)
    article_ids = set(mentions.values_list("article_id", flat=True))
    mentions.delete()
    article_entity_types_refresh(article_ids=article_ids)
