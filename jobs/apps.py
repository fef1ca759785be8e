from django.apps import AppConfig
from django.db.models.signals import post_migrate


class JobsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "jobs"
    verbose_name = "Extraction jobs"

    def ready(self) -> None:
        from newsapi.roles import ensure_groups

        # The job permissions exist only once this app's own migrate ran (after the articles app's).
        post_migrate.connect(ensure_groups, sender=self, dispatch_uid="newsapi-ensure-groups-jobs")
