"""The ingest command and service on hostile and repeated input: every file its own outcome."""

import datetime as dt
import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import OperationalError, transaction

from articles import services
from articles.models import Article, Source
from tests.factories import ArticleFactory

pytestmark = [pytest.mark.django_db]

TALKS = (
    "Talks on grain exports resume in Geneva\n\n"
    "Foreign ministers of Turkey and Egypt met in Geneva to discuss grain exports through the Black Sea, "
    "officials said after the meeting.\n\n"
    '"We agreed to meet again next month," the Turkish foreign minister Hakan Fidan told reporters.'
)
HARBOUR = (
    "Harbour reopens after storm damage\n\n"
    "The harbour of Valletta reopened to shipping after repairs to the breakwater damaged in the storm, "
    "the port authority said in a statement.\n\n"
    "Ferries to Gozo run on the usual timetable again, the operator said."
)


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "a_good.txt").write_text(TALKS, encoding="utf-8")
    (tmp_path / "b_latin1.txt").write_bytes("Caf\xe9 talks in Z\xfcrich".encode("latin-1"))
    (tmp_path / "c_empty.txt").write_text("  \n\n ", encoding="utf-8")
    (tmp_path / "d_nul.txt").write_text(HARBOUR.replace("breakwater", "break\x00water"), encoding="utf-8")
    (tmp_path / "e_huge.txt").write_text("Word soup " * 300, encoding="utf-8")
    return tmp_path


def run(*args, **options) -> tuple[str, CommandError | None]:
    out = io.StringIO()
    try:
        call_command("ingest", *map(str, args), stdout=out, **options)
    except CommandError as error:
        return out.getvalue(), error
    return out.getvalue(), None


@pytest.mark.slow
def test_one_bad_file_does_not_stop_the_batch_and_each_file_has_its_outcome(folder, monkeypatch):
    """Non-UTF-8, empty and too-long files are skipped with their reasons; the good files after them
    are stored (a NUL byte is dropped, not fatal); the command fails with a sentence naming each skip."""
    monkeypatch.setattr(services, "MAX_RAW_CHARS", 2000)
    out, error = run(folder, "--json")
    document = json.loads(out)
    outcomes = {row["path"].rsplit("/", 1)[-1]: row for row in document["files"]}
    assert {name: row["outcome"] for name, row in outcomes.items()} == {
        "a_good.txt": "stored",
        "b_latin1.txt": "skipped",
        "c_empty.txt": "skipped",
        "d_nul.txt": "stored",
        "e_huge.txt": "skipped",
    }
    assert "not UTF-8" in outcomes["b_latin1.txt"]["reason"]
    assert "empty" in outcomes["c_empty.txt"]["reason"]
    assert "3,000 characters long; the limit is 2,000" in outcomes["e_huge.txt"]["reason"]
    assert outcomes["d_nul.txt"]["note"] == "1 NUL byte(s) dropped"
    assert document["summary"] == {"stored": 2, "updated": 0, "re-extracted": 0, "unchanged": 0, "skipped": 3}
    assert error is not None and str(error).startswith("3 of 5 files could not be ingested")
    assert "b_latin1.txt: not UTF-8" in str(error)
    harbour = Article.objects.get(pk=outcomes["d_nul.txt"]["article_id"])
    assert "\x00" not in harbour.raw_text and "breakwater" in harbour.body

    out, error = run(folder / "a_good.txt", folder / "d_nul.txt")
    assert error is None
    assert "2 unchanged." in out


@pytest.mark.slow
def test_published_at_and_source_are_applied_to_a_text_stored_already(tmp_path):
    """Ingesting a stored text again with --published-at and --source applies both (it said "unchanged"
    and ignored them); the same options a second time change nothing."""
    path = tmp_path / "harbour.txt"
    path.write_text(HARBOUR, encoding="utf-8")
    run(path)
    article = Article.objects.get()
    assert article.source is None or article.source.name != "Times of Malta"

    out, error = run(path, "--published-at", "2025-03-04", "--source", "Times of Malta", "--json")
    assert error is None
    (row,) = json.loads(out)["files"]
    assert row["outcome"] == "updated"
    article.refresh_from_db()
    assert article.published_at == dt.date(2025, 3, 4)
    assert article.source.name == "Times of Malta"
    assert article.published_at_evidence.startswith("2025-03-04 from the caller's date")

    out, error = run(path, "--published-at", "2025-03-04", "--source", "Times of Malta")
    assert error is None and "1 unchanged." in out


@pytest.mark.slow
def test_an_outlet_spelt_in_another_case_is_the_stored_outlet(tmp_path, api_client):
    """ "reuters" and " REUTERS " are the stored Reuters: they made outlets of their own, and the
    ``source`` filter (any case) then listed one of them only."""
    for name, text, outlet in [("a", TALKS, "Reuters"), ("b", HARBOUR, "reuters"), ("a", TALKS, " REUTERS ")]:
        path = tmp_path / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        out, error = run(path, "--source", outlet, "--json")
        assert error is None
    assert json.loads(out)["files"][0]["outcome"] == "unchanged"
    (source,) = Source.objects.all()
    assert (source.name, source.article_count) == ("Reuters", 2)
    listed = api_client.get("/api/v1/articles/", {"source": "reuters"}).json()["results"]
    assert len(listed) == 2


@pytest.mark.slow
def test_reextract_honours_published_at_and_source(tmp_path):
    """--reextract runs extraction again with the date and outlet given on the command line."""
    path = tmp_path / "talks.txt"
    path.write_text(TALKS, encoding="utf-8")
    run(path)
    out, error = run(path, "--reextract", "--published-at", "2024-11-20", "--source", "Daily Sabah", "--json")
    assert error is None
    assert json.loads(out)["summary"]["re-extracted"] == 1
    article = Article.objects.get()
    assert article.published_at == dt.date(2024, 11, 20)
    assert article.source.name == "Daily Sabah"
    # A later re-extraction without options weighs the date the caller gave again.
    services.article_reextract(article=article)
    article.refresh_from_db()
    assert article.published_at == dt.date(2024, 11, 20)


@pytest.mark.slow
def test_reextracting_keeps_the_outlet_the_caller_gave_over_the_agency_the_text_names(tmp_path):
    """A paper's article citing an agency in its dateline stays the paper's through a re-extraction
    without options (--reextract, the admin's action, POST reextract); it moved to the agency before."""
    path = tmp_path / "geneva.txt"
    path.write_text(
        "Talks resume in Geneva\n\nGENEVA (Reuters) - Diplomats said on Monday that talks on the "
        "ceasefire would resume next week, officials told reporters.",
        encoding="utf-8",
    )
    run(path, "--source", "Daily Sabah")
    out, error = run(path, "--reextract", "--json")
    assert error is None and json.loads(out)["summary"]["re-extracted"] == 1
    assert Article.objects.get().source.name == "Daily Sabah"
    # Without a caller's outlet, the text's own still fills an article that has none.
    Article.objects.update(source=None)
    services.article_reextract(article=Article.objects.get())
    assert Article.objects.get().source.name == "Reuters"


@pytest.mark.slow
def test_a_terminal_sees_a_progress_bar_with_rate_and_a_summary(tmp_path, monkeypatch):
    """On a TTY the command draws a progress bar (count, rate, ETA); the summary counts each outcome."""

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    (tmp_path / "talks.txt").write_text(TALKS, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    out, error = run(tmp_path)
    assert "2/2" in terminal.getvalue() and "article/s" in terminal.getvalue()
    assert out.splitlines()[0] == "1 stored, 1 skipped."
    assert error is not None and "empty.txt: The article text is empty." in str(error)


def test_a_missing_path_is_skipped_with_a_sentence_and_the_other_paths_still_count(tmp_path):
    """An unknown path is one skipped entry, named, and the exit status says so."""
    out, error = run(tmp_path / "nothing-here.txt", "--json")
    assert json.loads(out)["files"] == [
        {
            "path": str(tmp_path / "nothing-here.txt"),
            "outcome": "skipped",
            "article_id": None,
            "title": "",
            "reason": "No such file or folder",
            "note": "",
        }
    ]
    assert "1 of 1 file could not be ingested" in str(error)


def test_a_folder_gives_its_txt_files_in_any_case_and_none_hidden(tmp_path):
    """``.TXT`` files were silently left out, and macOS's binary ``._name.txt`` forks (or ``.git/``)
    were read as articles and skipped as not UTF-8, failing the run. A hidden folder named on the
    command line is read."""
    from articles.management.commands.ingest import collect_text_files

    folder = tmp_path / ".inbox"
    for name in ["a.txt", "B.TXT", "c.Txt", "notes.md", "._a.txt", ".git/x.txt", "sub/d.txt", ".old/e.txt"]:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(b"\x00\x05Mac" if name.startswith("._") else b"Talks resume.")
    files, skipped = collect_text_files([str(folder)])
    assert [str(path.relative_to(folder)) for path in files] == ["B.TXT", "a.txt", "c.Txt", "sub/d.txt"]
    assert skipped == []
    # A file named on the command line is read whatever its name.
    assert collect_text_files([str(folder / "._a.txt")])[0] == [folder / "._a.txt"]


def test_a_file_far_over_the_limit_is_skipped_without_being_read(tmp_path, monkeypatch):
    """A file bigger than four bytes per allowed character cannot fit: its size alone decides. A file may
    hold an HTML page, which has the larger limit."""
    monkeypatch.setattr(services, "MAX_RAW_CHARS", 100)
    monkeypatch.setattr(services, "MAX_HTML_CHARS", 200)
    (tmp_path / "dump.txt").write_bytes(b"\xff" * 1000)  # not UTF-8 either: it is never decoded
    out, error = run(tmp_path, "--json")
    (row,) = json.loads(out)["files"]
    assert (
        row["reason"]
        == "1,000 bytes, far over the limits of 100 characters for a text and 200 for an HTML page"
    )
    assert error is not None


def test_text_preparation_drops_nul_bytes_and_refuses_what_the_pipeline_cannot_take(monkeypatch):
    """NUL bytes go; an empty text, a lone surrogate and an oversized text are refused naming raw_text."""
    from django.core.exceptions import ValidationError

    assert services.article_text_prepare("Talks\x00 resume.") == "Talks resume."
    for bad in ["\x00\x00", "Talks \ud800 resume."]:
        with pytest.raises(ValidationError) as error:
            services.article_text_prepare(bad)
        assert list(error.value.message_dict) == ["raw_text"]
    monkeypatch.setattr(services, "MAX_RAW_CHARS", 10)
    with pytest.raises(services.ArticleTooLarge):
        services.article_text_prepare("x" * 11)
    with pytest.raises(ValidationError) as error:
        services.article_ingest(raw_text="Talks.", source_name="Daily \ud800")
    assert list(error.value.message_dict) == ["source"]


@pytest.mark.parametrize("day", ["0001-01-01", "1599-12-31", "9999-12-31"])
def test_a_publication_date_off_the_plausible_range_is_refused_at_every_door(editor_client, tmp_path, day):
    """Year 1 or 9999 given as the publication date crashed ingest (OverflowError: the API's job retried
    and went dead, the command skipped the file); every door now refuses it naming the field."""
    text = "Port closes\n\nThe port closed on Monday and will reopen next Friday, officials said."
    response = editor_client.post("/api/v1/articles/", {"raw_text": text, "published_at": day}, format="json")
    assert response.status_code == 400
    assert [error["field"] for error in response.json()["errors"]] == ["published_at"]
    assert "Give a day from 1600-01-01 to" in response.json()["message"]
    with pytest.raises(ValidationError) as error:
        services.article_ingest(raw_text=text, published_at=dt.date.fromisoformat(day))
    assert list(error.value.message_dict) == ["published_at"]
    path = tmp_path / "port.txt"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CommandError, match="--published-at: .*Give a day from 1600-01-01"):
        call_command("ingest", str(path), "--published-at", day)
    assert Article.objects.count() == 0
    article = ArticleFactory()
    response = editor_client.patch(f"/api/v1/articles/{article.id}/", {"published_at": day}, format="json")
    assert response.status_code == 400
    assert [error["field"] for error in response.json()["errors"]] == ["published_at"]


def test_an_outlet_name_over_the_column_is_refused_naming_the_source(tmp_path):
    """A --source longer than an outlet's name column was stored on SQLite and failed every file on
    PostgreSQL; the command refuses it up front and the service names ``source``."""
    path = tmp_path / "port.txt"
    path.write_text("Port closes\n\nThe port closed on Monday, officials said.", encoding="utf-8")
    with pytest.raises(CommandError, match="--source: an outlet's name is at most 255 characters"):
        call_command("ingest", str(path), "--source", "x" * 256)
    with pytest.raises(ValidationError) as error:
        services.source_named("x" * 256)
    assert list(error.value.message_dict) == ["source"]
    assert Article.objects.count() == 0


def test_posting_a_text_over_the_limit_is_a_413_in_the_error_shape(editor_client, monkeypatch):
    """POST /articles/ of a text the pipeline cannot take answers 413 naming raw_text, never a 500."""
    monkeypatch.setattr(services, "MAX_RAW_CHARS", 1000)
    response = editor_client.post("/api/v1/articles/", {"raw_text": "Word soup " * 200}, format="json")
    assert response.status_code == 413
    body = response.json()
    assert body["status"] == 413
    assert body["errors"][0]["field"] == "raw_text"
    assert "the limit is 1,000" in body["message"]
    assert Article.objects.count() == 0


def test_a_text_stored_meanwhile_by_another_ingest_is_already_stored_not_an_error(monkeypatch):
    """Another ingest stores the same text while this one extracts it: the content hash's unique constraint
    stops the second insert, and the stored article is reported, not an error raised."""
    from benchmarks.story_assignment_cost import synthetic_extraction
    from tests.factories import ArticleFactory

    stored = []

    def extract_while_another_stores(text, **kwargs):
        stored.append(ArticleFactory(raw_text=TALKS, content_hash=services.content_hash(TALKS)))
        return synthetic_extraction("Talks on grain exports", text, ["Hakan Fidan"], dt.date(2025, 5, 28))

    monkeypatch.setattr("newsapi.extraction.pipeline.extract_article", extract_while_another_stores)
    article, created = services.article_ingest(raw_text=TALKS)
    assert (article.pk, created) == (stored[0].pk, False)
    assert Article.objects.count() == 1


class Deadlock(Exception):
    sqlstate = "40P01"


def flaky(failures: list[Exception]):
    calls = []

    def service():
        calls.append(1)
        if failures:
            error = OperationalError("deadlock detected")
            error.__cause__ = failures.pop(0)
            raise error
        return "done"

    return service, calls


@pytest.mark.django_db(transaction=True)
def test_a_deadlocked_service_transaction_is_run_again(monkeypatch):
    """Deadlocks and serialization failures are retried; other database errors are not."""
    from newsapi import db

    monkeypatch.setattr(db.time, "sleep", lambda seconds: None)
    service, calls = flaky([Deadlock(), Deadlock()])
    assert db.retry_on_conflict(service)() == "done" and len(calls) == 3

    service, calls = flaky([ValueError("no such table")])
    with pytest.raises(OperationalError):
        db.retry_on_conflict(service)()
    assert len(calls) == 1


@pytest.mark.django_db(transaction=True)
def test_a_deadlock_inside_an_outer_transaction_goes_up_to_it(monkeypatch):
    """Inside another transaction the retry would run on an aborted one: the error is raised at once."""
    from newsapi import db

    monkeypatch.setattr(db.time, "sleep", lambda seconds: None)
    service, calls = flaky([Deadlock()])
    with pytest.raises(OperationalError), transaction.atomic():
        db.retry_on_conflict(service)()
    assert len(calls) == 1


def test_an_interrupted_batch_reports_what_was_done_and_exits_130(tmp_path, monkeypatch):
    """Ctrl-C between files prints the outcomes so far (marked incomplete) and says it was interrupted."""
    from articles.management.commands import ingest

    (tmp_path / "a.txt").write_text("", encoding="utf-8")
    (tmp_path / "b.txt").write_text(TALKS, encoding="utf-8")

    def interrupt(**kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(ingest, "article_find", interrupt)
    out, error = run(tmp_path, "--json")
    document = json.loads(out)
    assert document["complete"] is False
    assert [row["outcome"] for row in document["files"]] == ["skipped"]
    assert error.returncode == 130 and str(error).startswith("Interrupted: 1 file had an outcome")
