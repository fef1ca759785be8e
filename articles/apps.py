from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ArticlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"

    def ready(self) -> None:
        from newsapi.roles import ensure_groups

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
