"""python manage.py reindex_search: rebuild the full-text vectors (after loaddata on PostgreSQL)."""

from django.core.management.base import BaseCommand

from articles.models import Article
from articles.services import article_index_for_search


class Command(BaseCommand):
    help = "Rebuild every article's full-text search vector (PostgreSQL; a no-op on SQLite)."

    def handle(self, *args, **options) -> None:
        count = 0
        for article in Article.objects.only("id").iterator():
            article_index_for_search(article=article)
            count += 1
        self.stdout.write(self.style.SUCCESS(f"Indexed {count} article(s)."))
