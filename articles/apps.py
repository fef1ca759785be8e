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
            register_cooccurrence,
            register_list_filters,
            register_references_moved,
        )
        from newsapi.roles import ensure_groups

        # The entities admin ranks possible duplicates by the stories both are mentioned in: mentions
        # live here, so articles tells entities (which imports nothing of articles) how to find them.
        register_cooccurrence(label="stories", contexts=entity_story_ids)
        # A merge or split moves mentions between entities; their maintained counts follow.
        register_references_moved(_recount_entities)
        # The entity list's "mentioned in this article / story / source" filters read mentions.
        register_list_filters(copy.deepcopy(EntityMentionFilterSet.base_filters))

        # After migrate, when every model's permissions exist.
        post_migrate.connect(ensure_groups, sender=self, dispatch_uid="newsapi-ensure-groups")
        # SQLite rebuilds a table to alter it, dropping its triggers: the search index's are remade.
        post_migrate.connect(_ensure_search_index, sender=self, dispatch_uid="newsapi-sqlite-fts")


def _ensure_search_index(sender, using="default", **kwargs) -> None:
    from django.db import connections

    from articles import fts

    connection = connections[using]
    if connection.vendor == "sqlite" and fts.TABLE in connection.introspection.table_names():
        fts.install(connection)


def _recount_entities(entity_ids: list[int]) -> None:
    """After a merge or split moved mentions and quotes between these entities."""
    from articles.services import entity_recount, quote_keys_follow_speakers

    entity_recount(entity_ids=entity_ids)
    quote_keys_follow_speakers(entity_ids=entity_ids)
