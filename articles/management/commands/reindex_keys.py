"""python manage.py reindex_keys: rebuild the quote and event indexes (after loaddata, or after the
key functions changed)."""

from django.core.management.base import BaseCommand
from django.db import transaction

from articles.indexes import index_keys_rebuild


class Command(BaseCommand):
    help = (
        "Rebuild the keys through which ingest finds the stored quotes and events a new article "
        "repeats (tables articles_quotekey and articles_eventkey)."
    )

    def handle(self, *args, **options) -> None:
        with transaction.atomic():
            quote_keys, event_keys = index_keys_rebuild()
        self.stdout.write(
            self.style.SUCCESS(f"Indexed {quote_keys} quote key(s), {event_keys} event key(s).")
        )
