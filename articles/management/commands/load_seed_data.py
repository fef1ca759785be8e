"""python manage.py load_seed_data: load fixtures/seed.json into a database that has no articles yet."""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from articles.models import Article
from articles.services import article_entity_types_refresh, entity_recount, source_recount


class Command(BaseCommand):
    help = "Load the seed fixture (five reports of one story) when the database holds no article yet."

    def handle(self, *args, **options) -> None:
        if Article.objects.exists():
            self.stdout.write("The database already holds articles: seed data not loaded.")
            return
        call_command("loaddata", "seed", verbosity=0)
        # loaddata writes rows as they are: the entity and outlet counts and the articles' entity types are
        # recomputed from the loaded rows.
        entity_recount()
        source_recount()
        article_entity_types_refresh()
        call_command("reindex_search", verbosity=0, stdout=self.stdout)
        call_command("reindex_keys", verbosity=0, stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS(f"Loaded the seed data: {Article.objects.count()} articles."))
