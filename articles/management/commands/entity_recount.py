"""python manage.py entity_recount: recompute every entity's mention and article counts and every article's
entity types from the mentions, every outlet's article count from the articles, and the author rows the
``author`` filter reads from the articles' authors."""

from django.core.management.base import BaseCommand
from django.db import connection, transaction

from articles.services import (
    article_entity_types_refresh,
    author_rows_rebuild,
    entity_recount,
    source_recount,
)


class Command(BaseCommand):
    help = (
        "Recompute Entity.mention_count and article_count and Article.entity_types from the mentions, and "
        "Source.article_count from the articles, in set-based statements, and the author rows the author "
        "filter reads from Article.authors (a repair after rows were written by bulk SQL or loaddata; "
        "ingest and corrections keep them up to date)."
    )

    def handle(self, *args, **options) -> None:
        with transaction.atomic():
            if connection.vendor == "postgresql":
                # A pass over every mention outlasts the serving statement timeout on a large database.
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL statement_timeout = 0")
            fixed = entity_recount()
            sources = source_recount()
            retyped = article_entity_types_refresh()
            authors_before, authors_after = author_rows_rebuild()
        self.stdout.write(
            self.style.SUCCESS(
                f"Entity counts recomputed: {fixed} entities corrected; {sources} outlets' article counts "
                f"corrected; {retyped} articles' entity types corrected; author rows rebuilt from the articles "
                f"({authors_before} before, {authors_after} now)."
            )
        )
