"""python manage.py ingest PATH...: store raw article files (one article per .txt, .html or .htm file,
one per line of a .jsonl file).

A file holding an HTML page (whatever its name) is read as a page: its article text, headline, outlet
and declared publication date (``newsapi/extraction/html_input.py``).

A JSON Lines file (.jsonl) carries what a scraper knows of each article beside its text: each line is
an object with the fields of ``POST /api/v1/articles/`` (``raw_text``, and optionally ``title``,
``published_at``, ``source``, ``url``), checked as the API checks them. A line's own ``source`` and
``published_at`` win over --source and --published-at, which fill in where a line has none. Each line
has its outcome of its own, reported as ``FILE:LINE``; blank lines are passed over.

Every file gets its own outcome and one bad file never stops the batch:

    stored        a new article
    updated       stored already; the --published-at or --source given was applied to it
    re-extracted  stored already and extracted again (--reextract)
    unchanged     stored already, nothing to apply
    skipped       not ingested, with the reason (not UTF-8, empty, too long: which limit, an error while
                  storing; for a line of a .jsonl file also not JSON, or a field the API refuses,
                  named)
    queued        (--async) handed to the extraction workers; the note names its job (without a broker
                  the job runs in the command, and the file gets the job's outcome instead)

The command exits non-zero, with a sentence, when any file was skipped.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from articles import services
from articles.services import (
    article_apply_metadata,
    article_find,
    article_ingest,
    article_metadata_needs_extraction,
    article_reextract,
    article_text_prepare,
)

STORED, UPDATED, REEXTRACTED, UNCHANGED, SKIPPED = "stored", "updated", "re-extracted", "unchanged", "skipped"
OUTCOMES = (STORED, UPDATED, REEXTRACTED, UNCHANGED, SKIPPED)
QUEUED = "queued"
# The files a folder holds as articles, compared in lower case; a .jsonl file holds one per line.
JSON_LINES_SUFFIX = ".jsonl"
ARTICLE_SUFFIXES = (".txt", ".html", ".htm", JSON_LINES_SUFFIX)
# A line of a JSON Lines file reports as FILE:LINE.
_JSON_LINE_PATH = re.compile(re.escape(JSON_LINES_SUFFIX) + r":\d+$", re.IGNORECASE)
# New texts are extracted together (spaCy's nlp.pipe), this many at a time, then stored: enough for
# batching to pay, few enough for the progress bar to move at a steady pace.
CHUNK = 16


@dataclass
class FileOutcome:
    """What became of one file."""

    path: str
    outcome: str
    article_id: int | None = None
    title: str = ""
    reason: str = ""
    note: str = ""


def _counted(number: int, outcomes: list[FileOutcome]) -> str:
    """``number`` with the noun for what the outcomes are of: files, lines of .jsonl files, or both."""
    lines = sum(bool(_JSON_LINE_PATH.search(outcome.path)) for outcome in outcomes)
    if lines and lines < len(outcomes):
        return f"{number} {'file or line' if number == 1 else 'files and lines'}"
    noun = "line" if lines else "file"
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


@dataclass(frozen=True)
class ArticleInput:
    """One article to ingest: its text and what the caller knows of it (from the command's options, or
    from its line of a JSON Lines file)."""

    path: str  # the file, or FILE:LINE for a line of a JSON Lines file
    text: str
    note: str = ""
    source: str | None = None
    published_at: date | None = None
    title: str = ""
    url: str = ""

    @property
    def extraction_key(self) -> tuple[str, date | None, str]:
        """What the extraction depends on: the same text with another date or headline reads otherwise."""
        return self.text, self.published_at, self.title


def is_article_file(path: Path, folder: Path) -> bool:
    """A file a folder holds as articles: ``.txt``, ``.html``, ``.htm`` or ``.jsonl`` in any case (``.TXT``
    from Windows tools), and
    nothing hidden (``.git/``, or the ``._name.txt`` resource forks macOS copies beside each file, which
    are binary and made every such ingest end as failed)."""
    hidden = any(part.startswith(".") for part in path.relative_to(folder).parts)
    return path.suffix.lower() in ARTICLE_SUFFIXES and not hidden and path.is_file()


def collect_text_files(paths: list[str]) -> tuple[list[Path], list[FileOutcome]]:
    """Expand files and folders (recursively, *.txt, *.html, *.htm, *.jsonl) into a sorted list; what is
    not there is skipped."""
    files: list[Path] = []
    missing: list[FileOutcome] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if is_article_file(p, path))
            if not found:
                missing.append(
                    FileOutcome(
                        str(path), SKIPPED, reason="the folder holds no .txt, .html, .htm or .jsonl files"
                    )
                )
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            missing.append(FileOutcome(str(path), SKIPPED, reason="No such file or folder"))
    return list(dict.fromkeys(files)), missing


def _attempt(step, item: ArticleInput):
    """step(item), or the item skipped with the reason: one file's failure never ends the batch."""
    try:
        return step(item)
    except Exception as error:
        return FileOutcome(item.path, SKIPPED, reason=_reason(error))


def _reason(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return "; ".join(error.messages)
    return f"{type(error).__name__}: {error}"


def _nul_note(raw: str) -> str:
    """The outcome's note on the NUL bytes ``article_text_prepare`` dropped from the text, if any."""
    return f"{raw.count(chr(0))} NUL byte(s) dropped" if "\x00" in raw else ""


def _articles_in(path: Path) -> int:
    """How many outcomes the file will have, for the progress bar: one, or a JSON Lines file's lines that
    are not blank (at least one: an empty file is skipped). Counting reads the file once, far less
    than extracting its articles."""
    if path.suffix.lower() != JSON_LINES_SUFFIX:
        return 1
    try:
        with path.open("rb") as handle:
            return max(1, sum(1 for line in handle if line.strip()))
    except OSError:
        return 1


def _field_errors(errors: dict) -> str:
    """The API serializer's errors as one sentence per field, each naming it."""
    return "; ".join(f"{field}: {' '.join(str(m) for m in messages)}" for field, messages in errors.items())


def publication_day(text: str) -> date:
    """``--published-at``: a day (YYYY-MM-DD) that ``validate_publication_date`` accepts; anything else
    is a usage error naming the option (argparse adds the option's name)."""
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a day (YYYY-MM-DD)") from None
    try:
        services.validate_publication_date(day)
    except ValidationError as error:
        raise argparse.ArgumentTypeError(f"{text}: {error.messages[0]}") from None
    return day


def outlet_name(text: str) -> str:
    """``--source``: an outlet's name, refused here when too long (every file would be skipped for it)."""
    try:
        services.validate_outlet_name(text.strip())
    except ValidationError as error:
        message = error.messages[0].rstrip(".")
        raise argparse.ArgumentTypeError(message[:1].lower() + message[1:]) from None
    return text


class Command(BaseCommand):
    help = (
        "Ingest raw news articles from .txt or .html files (one article per file), .jsonl files (one article "
        "a line, with its title, published_at, source and url) or folders of them. "
        "Running it again over the same files changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "paths",
            nargs="+",
            help=".txt or .html files, .jsonl files (one article a line), or folders of them",
        )
        parser.add_argument(
            "--source",
            type=outlet_name,
            help="Outlet name for every file (applied to stored articles too; a .jsonl line's own wins)",
        )
        parser.add_argument(
            "--published-at",
            type=publication_day,
            help="Publication date (YYYY-MM-DD) known from elsewhere (applied to stored articles too; a .jsonl line's own wins)",
        )
        parser.add_argument(
            "--reextract",
            action="store_true",
            help="Run extraction again over articles already stored (corrections are kept)",
        )
        parser.add_argument(
            "--async",
            dest="enqueue",
            action="store_true",
            help="Queue each new text for the extraction workers (Celery) instead of extracting here",
        )
        parser.add_argument(
            "--json",
            action="store_true",
            help="Print one JSON document with every file's outcome instead of the summary",
        )

    def handle(self, *args, **options) -> None:
        self.options = options
        if options["enqueue"] and options["reextract"]:
            # A job stores a new text or applies metadata; re-extraction runs in this command only.
            raise CommandError("--reextract runs extraction in this command: drop --async to use it.")
        files, outcomes = collect_text_files(options["paths"])
        progress = self._progress(files)
        work = self._enqueue(files) if options["enqueue"] else self._ingest(files)
        try:
            for outcome in work:
                outcomes.append(outcome)
                if options["verbosity"] >= 2 and not options["json"]:
                    progress.write(self._line(outcome))
                progress.update(1)
        except KeyboardInterrupt:
            progress.close()
            done = len(outcomes)
            self._report(outcomes, complete=False)
            raise CommandError(
                f"Interrupted: {_counted(done, outcomes)} had an outcome, the others were not ingested.",
                returncode=130,
            ) from None
        progress.close()
        self._report(outcomes)

    # --- the work ---------------------------------------------------------------------------------

    def _ingest(self, files: list[Path]) -> Iterator[FileOutcome]:
        """Each article's outcome, in order; new texts are extracted a chunk at a time."""
        pending: list[ArticleInput] = []
        for item in self._readable(files):
            if isinstance(item, FileOutcome):
                yield item
                continue
            outcome = _attempt(self._stored_outcome, item)
            if outcome is not None:
                yield outcome
                continue
            pending.append(item)
            if len(pending) >= CHUNK:
                yield from self._store(pending)
                pending = []
        if pending:
            yield from self._store(pending)

    def _enqueue(self, files: list[Path]) -> Iterator[FileOutcome]:
        """Each new text's job; the command itself never loads the NLP model (unless no broker is set)."""
        for item in self._readable(files):
            if isinstance(item, FileOutcome):
                yield item
            else:
                yield _attempt(self._queue_or_settle, item)

    def _queue_or_settle(self, item: ArticleInput) -> FileOutcome:
        """A stored text is settled here as without --async (unchanged, or its outlet applied) unless
        its date or headline means extracting it again: only that, and new texts, become jobs."""
        stored = article_find(raw_text=item.text)
        if stored is not None and not article_metadata_needs_extraction(
            article=stored, published_at=item.published_at, title=item.title
        ):
            return self._existing(item, stored)
        return self._queued(item, stored_already=stored is not None)

    def _readable(self, files: list[Path]) -> Iterator[FileOutcome | ArticleInput]:
        """Each article's text and what is known of it, or its outcome when it cannot be read."""
        for path in files:
            if path.suffix.lower() == JSON_LINES_SUFFIX:
                yield from self._json_lines(path)
                continue
            prepared = self._read(path)
            if isinstance(prepared, FileOutcome):
                yield prepared
                continue
            text, note = prepared
            yield ArticleInput(
                str(path),
                text,
                note,
                source=self.options["source"],
                published_at=self.options["published_at"],
            )

    def _json_lines(self, path: Path) -> Iterator[FileOutcome | ArticleInput]:
        """Each line of a JSON Lines file as an article, checked by the API's own serializer; a bad line is
        skipped with its reason and the lines after it are still read."""
        from articles.api.serializers import ArticleCreateSerializer

        try:
            handle = path.open("rb")
        except OSError as error:
            yield FileOutcome(str(path), SKIPPED, reason=f"cannot be read: {error.strerror or error}")
            return
        with handle:
            written = 0  # lines that are not blank
            for number, raw_line in enumerate(handle, start=1):
                where = f"{path}:{number}"
                written += bool(raw_line.strip())
                try:
                    line = raw_line.decode("utf-8")
                except UnicodeDecodeError as error:
                    yield FileOutcome(
                        where, SKIPPED, reason=f"not UTF-8 text (byte {error.start} of the line)"
                    )
                    continue
                if not line.strip():
                    continue
                try:
                    document = json.loads(line)
                except ValueError as error:
                    yield FileOutcome(where, SKIPPED, reason=f"not a JSON object: {error}")
                    continue
                if not isinstance(document, dict):
                    yield FileOutcome(where, SKIPPED, reason="not a JSON object: each line holds one article")
                    continue
                serializer = ArticleCreateSerializer(data=document)
                if not serializer.is_valid():
                    yield FileOutcome(where, SKIPPED, reason=_field_errors(serializer.errors))
                    continue
                data = serializer.validated_data
                try:
                    text = article_text_prepare(data["raw_text"])
                except ValidationError as error:
                    yield FileOutcome(where, SKIPPED, reason=f"raw_text: {_reason(error)}")
                    continue
                raw = data["raw_text"]
                yield ArticleInput(
                    where,
                    text,
                    note=_nul_note(raw),
                    source=data.get("source") or self.options["source"],
                    published_at=data.get("published_at") or self.options["published_at"],
                    title=data.get("title", ""),
                    url=data.get("url", ""),
                )
            if not written:
                # As an empty text file is: skipped, so that the run does not pass for a success.
                yield FileOutcome(str(path), SKIPPED, reason="the file is empty: no line holds an article")

    def _stored_outcome(self, item: ArticleInput) -> FileOutcome | None:
        """The outcome of a text that is stored already; None when it is new."""
        stored = article_find(raw_text=item.text)
        return self._existing(item, stored) if stored is not None else None

    def _queued(self, item: ArticleInput, *, stored_already: bool) -> FileOutcome:
        from jobs.choices import JobState
        from jobs.services import job_enqueue

        job = job_enqueue(
            raw_text=item.text,
            url=item.url,
            source_name=item.source,
            published_at=item.published_at,
            title=item.title,
        )
        job_note = f"job {job.pk} {job.state}"
        note = f"{item.note}; {job_note}" if item.note else job_note
        # Without a broker the job has run by now: the file gets its outcome, as without --async.
        if job.state == JobState.SUCCEEDED:
            # A stored text is queued only when its date or headline means extracting it again.
            existing = UPDATED if stored_already else UNCHANGED
            outcome = STORED if job.created_article else existing
            title = job.article.title if job.article else ""
            return FileOutcome(item.path, outcome, job.article_id, title, note=note)
        if job.state in (JobState.FAILED, JobState.DEAD):
            return FileOutcome(item.path, SKIPPED, reason=job.error, note=note)
        return FileOutcome(item.path, QUEUED, job.article_id, note=note)

    def _read(self, path: Path) -> tuple[str, str] | FileOutcome:
        try:
            # A file that cannot fit under the limits even at four bytes a character is not read at all;
            # whether it is a text or a page is known only once it is read, so the larger limit decides.
            if path.stat().st_size > max(services.MAX_RAW_CHARS, services.MAX_HTML_CHARS) * 4:
                return FileOutcome(
                    str(path),
                    SKIPPED,
                    reason=f"{path.stat().st_size:,} bytes, far over the limits of "
                    f"{services.MAX_RAW_CHARS:,} characters for a text and {services.MAX_HTML_CHARS:,} "
                    "for an HTML page",
                )
            raw = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError as error:
            return FileOutcome(str(path), SKIPPED, reason=f"not UTF-8 text (byte {error.start})")
        except OSError as error:
            return FileOutcome(str(path), SKIPPED, reason=f"cannot be read: {error.strerror or error}")
        try:
            text = article_text_prepare(raw)
        except ValidationError as error:
            return FileOutcome(str(path), SKIPPED, reason=_reason(error))
        note = _nul_note(raw)
        return text, note

    def _existing(self, item: ArticleInput, article) -> FileOutcome:
        if self.options["reextract"]:
            # A new date or headline is applied by extracting again with it: once, not twice.
            if article_metadata_needs_extraction(
                article=article, published_at=item.published_at, title=item.title
            ):
                article_apply_metadata(
                    article=article, published_at=item.published_at, source_name=item.source, title=item.title
                )
            else:
                article_reextract(article=article, published_hint=item.published_at, source_name=item.source)
            outcome = REEXTRACTED
        elif article_apply_metadata(
            article=article, published_at=item.published_at, source_name=item.source, title=item.title
        ):
            outcome = UPDATED
        else:
            outcome = UNCHANGED
        return FileOutcome(item.path, outcome, article.pk, article.title, note=item.note)

    def _extract(self, items: list[ArticleInput]) -> list:
        """The extraction of each item, or the exception it raised (the others are still extracted)."""
        from newsapi.extraction.pipeline import extract_article, extract_articles

        try:
            return list(
                extract_articles(
                    [item.text for item in items],
                    published_hints=[item.published_at for item in items],
                    title_hints=[item.title or None for item in items],
                )
            )
        except Exception:
            results = []
            for item in items:
                try:
                    results.append(
                        extract_article(
                            item.text, published_hint=item.published_at, title_hint=item.title or None
                        )
                    )
                except Exception as error:
                    results.append(error)
            return results

    def _store(self, pending: list[ArticleInput]) -> Iterator[FileOutcome]:
        distinct = list({item.extraction_key: item for item in pending}.values())
        extractions = dict(
            zip((item.extraction_key for item in distinct), self._extract(distinct), strict=True)
        )
        for item in pending:
            extraction = extractions[item.extraction_key]
            if isinstance(extraction, Exception):
                yield FileOutcome(item.path, SKIPPED, reason=f"extraction failed: {_reason(extraction)}")
                continue
            try:
                article, created = article_ingest(
                    raw_text=item.text,
                    url=item.url,
                    source_name=item.source,
                    published_at=item.published_at,
                    title=item.title,
                    extraction=extraction,
                )
            except Exception as error:
                yield FileOutcome(item.path, SKIPPED, reason=_reason(error))
                continue
            # The same text twice in one batch, or stored meanwhile by another ingest.
            outcome = STORED if created else UNCHANGED
            yield FileOutcome(item.path, outcome, article.pk, article.title, note=item.note)

    # --- what the person sees ---------------------------------------------------------------------

    def _progress(self, files: list[Path]):
        """A progress bar with rate and ETA on a terminal; nothing when piped or asked for JSON (and then
        the .jsonl files are not read an extra time to count their lines)."""
        from tqdm import tqdm

        quiet = self.options["json"] or self.options["verbosity"] == 0 or not sys.stderr.isatty()
        total = 0 if quiet else sum(_articles_in(path) for path in files)
        return tqdm(total=total, unit="article", disable=quiet, file=sys.stderr, dynamic_ncols=True)

    @staticmethod
    def _line(outcome: FileOutcome) -> str:
        detail = outcome.reason or (
            f"#{outcome.article_id} {outcome.title[:70]!r}" if outcome.article_id else ""
        )
        note = f" ({outcome.note})" if outcome.note else ""
        return f"{outcome.outcome:>12}  {Path(outcome.path).name}: {detail}{note}"

    def _report(self, outcomes: list[FileOutcome], *, complete: bool = True) -> None:
        counts = Counter(outcome.outcome for outcome in outcomes)
        names = (*OUTCOMES, QUEUED) if self.options["enqueue"] else OUTCOMES
        skipped = [outcome for outcome in outcomes if outcome.outcome == SKIPPED]
        if self.options["json"]:
            document = {
                "complete": complete,
                "summary": {name: counts.get(name, 0) for name in names},
                "files": [asdict(outcome) for outcome in outcomes],
            }
            self.stdout.write(json.dumps(document, ensure_ascii=False, indent=2))
        elif self.options["verbosity"] >= 1:
            summary = ", ".join(f"{counts[name]} {name}" for name in names if counts.get(name))
            # The skipped files and their reasons follow in the closing error.
            self.stdout.write(self.style.SUCCESS(f"{summary or 'No files'}."))
        if skipped and complete:
            raise CommandError(
                f"{len(skipped)} of {_counted(len(outcomes), outcomes)} could not be ingested:\n"
                + "\n".join(f"{outcome.path}: {outcome.reason}" for outcome in skipped)
            )
