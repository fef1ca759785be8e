from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ArticlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"

    def ready(self) -> None:
        from newsapi.roles import ensure_groups

        # After migrate, when every model's permissions exist.
        post_migrate.connect(ensure_groups, sender=self, dispatch_uid="newsapi-ensure-groups")
