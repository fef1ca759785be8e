"""python manage.py build_seed_fixtures: rebuild fixtures/seed.json from the files in seeds/."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

# The data itself, not the history of how it was made (history starts with the first correction).
FIXTURE_MODELS = [
    "articles.source",
    "articles.story",
    "articles.storycentroid",
    "articles.article",
    "articles.articleauthor",
    "articles.storykey",
    "articles.mention",
    "entities.entity",
    "entities.entityalias",
    "articles.quotegroup",
    "articles.quote",
    "articles.event",
    "articles.eventreport",
]


class Command(BaseCommand):
    help = (
        "Ingest seeds/ into a fresh temporary SQLite database and dump the result to fixtures/seed.json, "
        "so `manage.py loaddata seed` loads it into an empty database. Your own database is not touched."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--seeds", default=str(settings.BASE_DIR / "seeds"), help="Folder of seed .txt files"
        )
        parser.add_argument(
            "--output",
            default=str(settings.BASE_DIR / "fixtures" / "seed.json"),
            help="Fixture file to write",
        )

    def handle(self, *args, **options) -> None:
        manage = [sys.executable, str(settings.BASE_DIR / "manage.py")]
        output = Path(options["output"])
        with tempfile.TemporaryDirectory() as folder:
            env = {**os.environ, "DATABASE_URL": f"sqlite:///{Path(folder) / 'seed.sqlite3'}"}
            steps = [
                [*manage, "migrate", "--noinput", "-v0"],
                [*manage, "ingest", options["seeds"]],
                [*manage, "dumpdata", *FIXTURE_MODELS, "--indent", "1", "--output", str(output)],
            ]
            for step in steps:
                result = subprocess.run(step, env=env, capture_output=True, text=True)
                if result.returncode != 0:
                    raise CommandError(f"{' '.join(step[2:4])} failed:\n{result.stderr.strip()}")
        self.stdout.write(self.style.SUCCESS(f"Wrote {output}."))
