"""python manage.py ingest PATH...: store raw article text files (one article per .txt file)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from articles.services import article_exists, article_ingest, article_reextract
from newsapi.extraction.pipeline import extract_articles


def collect_text_files(paths: list[str]) -> list[Path]:
    """Expand files and folders (recursively, *.txt) into a sorted list; unknown paths are an error."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*.txt") if p.is_file())
            if not found:
                raise CommandError(f"The folder {path} holds no .txt files.")
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            raise CommandError(f"No such file or folder: {path}")
    return files


class Command(BaseCommand):
    help = (
        "Ingest raw news articles from .txt files or folders of them (one article per file). "
        "Running it again over the same files changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", help=".txt files or folders of them")
        parser.add_argument("--source", help="Outlet name for every file, when the text does not say")
        parser.add_argument(
            "--published-at",
            type=date.fromisoformat,
            help="Publication date (YYYY-MM-DD) known from elsewhere",
        )
        parser.add_argument(
            "--reextract",
            action="store_true",
            help="Run extraction again over articles already stored (corrections are kept)",
        )

    def handle(self, *args, **options) -> None:
        files = collect_text_files(options["paths"])
        created = unchanged = reextracted = 0
        failures: list[str] = []
        texts: dict[Path, str] = {}
        for path in files:
            try:
                texts[path] = path.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                failures.append(f"{path}: not UTF-8 text")
        # New texts are extracted in batches (spaCy's nlp.pipe), before any row is written.
        new_texts = [
            text
            for text in dict.fromkeys(texts.values())
            if text.strip() and not article_exists(raw_text=text)
        ]
        extractions = (
            dict(
                zip(
                    new_texts,
                    extract_articles(new_texts, published_hint=options["published_at"]),
                    strict=True,
                )
            )
            if new_texts
            else {}
        )
        for path, raw_text in texts.items():
            try:
                article, is_new = article_ingest(
                    raw_text=raw_text,
                    source_name=options["source"],
                    published_at=options["published_at"],
                    extraction=extractions.get(raw_text),
                )
            except ValidationError as error:
                failures.append(f"{path}: {'; '.join(error.messages)}")
                continue
            if is_new:
                created += 1
            elif options["reextract"]:
                article_reextract(article=article)
                reextracted += 1
            else:
                unchanged += 1
            if options["verbosity"] >= 2:
                self.stdout.write(
                    f"{'new' if is_new else 'kept'} #{article.pk} {article.title[:70]!r} ({path.name})"
                )
        summary = f"{created} new article(s), {unchanged} already stored and unchanged"
        if options["reextract"]:
            summary += f", {reextracted} re-extracted"
        self.stdout.write(self.style.SUCCESS(summary + "."))
        if failures:
            raise CommandError(f"{len(failures)} file(s) could not be ingested:\n" + "\n".join(failures))
