"""python manage.py load_seed_data: load fixtures/seed.json into a database that has no articles yet.

Safe to run again (``./dev serve`` runs it at every start): it says what it found and loads nothing when
the seed articles are there already, or when the database holds other articles (the fixture's fixed ids
would overwrite their rows). It exits non-zero, with a sentence, only when loading was wanted and failed.
"""

import json

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, transaction

from articles.models import Article, Event, Quote
from articles.services import article_entity_types_refresh, entity_recount, source_recount
from entities.models import Entity

FIXTURE = settings.BASE_DIR / "fixtures" / "seed.json"


def seed_content_hashes() -> set[str]:
    """The seed articles' content hashes, read from the fixture (the seed files hash the same)."""
    try:
        rows = json.loads(FIXTURE.read_text(encoding="utf-8"))
        return {row["fields"]["content_hash"] for row in rows if row["model"] == "articles.article"}
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise CommandError(f"Cannot read the seed fixture {FIXTURE}: {error}.") from error


class Command(BaseCommand):
    help = (
        "Load the seed fixture (five reports of one story) when the database holds no article yet; "
        "otherwise say what is there and load nothing."
    )

    def handle(self, *args, **options) -> None:
        seeds = seed_content_hashes()
        try:
            articles = Article.objects.count()
            present = Article.objects.filter(content_hash__in=seeds).count()
        except DatabaseError as error:
            raise CommandError(
                f"Cannot read the articles ({error}): is the database migrated (manage.py migrate)?"
            ) from error
        if present == len(seeds):
            others = articles - present
            beside = f" beside {others} other article(s)" if others else ""
            self.stdout.write(f"The {present} seed articles are already present{beside}: nothing loaded.")
            return
        if articles:
            self.stdout.write(
                f"The database holds {articles} article(s), {present} of the {len(seeds)} seed articles "
                "among them: nothing loaded (the seed fixture loads only into a database without articles, "
                "its fixed ids would overwrite rows). `manage.py ingest seeds/` adds the missing ones."
            )
            return
        try:
            with transaction.atomic():
                call_command("loaddata", str(FIXTURE), verbosity=0)
                # loaddata writes rows as they are: the entity and outlet counts and the articles' entity
                # types are recomputed from the loaded rows.
                entity_recount()
                source_recount()
                article_entity_types_refresh()
                call_command("reindex_search", verbosity=0, stdout=self.stdout)
                call_command("reindex_keys", verbosity=0, stdout=self.stdout)
        except (DatabaseError, CommandError) as error:
            raise CommandError(f"Could not load the seed data, nothing was loaded: {error}") from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded the seed data: {Article.objects.count()} articles, {Entity.objects.count()} entities, "
                f"{Quote.objects.count()} quotes, {Event.objects.count()} events."
            )
        )
