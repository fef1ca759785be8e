"""The ingest command over JSON Lines files: each line an article with what the scraper knows of it
(the fields of ``POST /api/v1/articles/``), each line its own outcome."""

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from articles.models import Article
from jobs.models import Job

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

TALKS = (
    "Foreign ministers of Turkey and Egypt met in Geneva to discuss grain exports through the Black Sea, "
    "officials said after the meeting.\n\n"
    '"We agreed to meet again next month," the Turkish foreign minister Hakan Fidan told reporters.'
)
HARBOUR = (
    "The harbour of Valletta reopened to shipping after repairs to the breakwater damaged in the storm, "
    "the port authority said in a statement.\n\n"
    "Ferries to Gozo run on the usual timetable again, the operator said."
)
FLOOD = (
    "Rivers burst their banks across the north of the region after three days of rain, and the army "
    "was called in to help evacuate villages, the civil protection agency said."
)


def run(*args) -> tuple[dict, CommandError | None]:
    out = io.StringIO()
    try:
        call_command("ingest", *map(str, args), "--json", stdout=out)
    except CommandError as error:
        return json.loads(out.getvalue()), error
    return json.loads(out.getvalue()), None


def write_lines(path, *lines) -> None:
    path.write_text(
        "\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines) + "\n",
        encoding="utf-8",
    )


def test_each_line_is_an_article_with_its_own_title_date_and_outlet(tmp_path):
    """A line's headline is the title, its date the caller's date, its outlet the source, its address
    the url; --source fills in for a line that names no outlet, and never overrides one that does."""
    feed = tmp_path / "feed.jsonl"
    write_lines(
        feed,
        {
            "raw_text": TALKS,
            "title": "Grain talks resume in Geneva",
            "published_at": "2025-03-04",
            "source": "Daily Sabah",
            "url": "https://example.com/grain",
        },
        "",
        {"raw_text": HARBOUR, "title": "Valletta harbour reopens", "published_at": "2024-12-01"},
    )
    document, error = run(feed, "--source", "Times of Malta")
    assert error is None
    assert [(row["path"], row["outcome"]) for row in document["files"]] == [
        (f"{feed}:1", "stored"),
        (f"{feed}:3", "stored"),
    ]
    talks = Article.objects.get(pk=document["files"][0]["article_id"])
    assert talks.title == "Grain talks resume in Geneva"
    assert talks.published_at == dt.date(2025, 3, 4)
    assert talks.published_at_evidence.startswith("2025-03-04 from the caller's date")
    assert talks.source.name == "Daily Sabah"
    assert talks.url == "https://example.com/grain"
    harbour = Article.objects.get(pk=document["files"][1]["article_id"])
    assert (harbour.title, harbour.published_at) == ("Valletta harbour reopens", dt.date(2024, 12, 1))
    assert harbour.source.name == "Times of Malta"
    # The headline is not taken out of the body: the body is the text's own.
    assert harbour.body.startswith("The harbour of Valletta reopened")


def test_a_bad_line_is_skipped_with_its_field_named_and_the_others_are_stored(tmp_path):
    """Not JSON, not an object, a missing text, a title over 500 characters, an impossible date and an
    unknown field: each line skipped with a reason naming what is wrong; the good lines around them are
    stored and the command fails with a sentence."""
    feed = tmp_path / "feed.jsonl"
    write_lines(
        feed,
        {"raw_text": TALKS, "title": "Grain talks resume"},
        "{not json",
        '["a list"]',
        {"title": "No text at all"},
        {"raw_text": FLOOD, "title": "x" * 501},
        {"raw_text": FLOOD, "published_at": "2025-02-31"},
        {"raw_text": FLOOD, "titel": "Misspelt"},
        {"raw_text": "   "},
        {"raw_text": HARBOUR},
    )
    document, error = run(feed)
    reasons = {
        int(row["path"].rsplit(":", 1)[1]): (row["outcome"], row["reason"]) for row in document["files"]
    }
    assert reasons[1][0] == reasons[9][0] == "stored"
    assert reasons[2] == ("skipped", reasons[2][1]) and reasons[2][1].startswith("not a JSON object")
    assert reasons[3][1] == "not a JSON object: each line holds one article"
    assert reasons[4][1].startswith("raw_text: ")
    assert reasons[5][1].startswith("title: ") and "500" in reasons[5][1]
    assert reasons[6][1].startswith("published_at: ")
    assert reasons[7][1].startswith("titel: Not a field")
    assert reasons[8][1].startswith("raw_text: ") and "empty" in reasons[8][1]
    assert document["summary"]["stored"] == 2 and document["summary"]["skipped"] == 7
    assert error is not None and str(error).startswith("7 of 9 lines could not be ingested")
    assert f"{feed}:5: title: " in str(error)
    assert Article.objects.count() == 2


def test_a_line_sent_again_changes_nothing_and_a_new_headline_is_applied(tmp_path):
    """The same lines again are unchanged; a line with the same text and a new headline updates the
    article's title (extracting it again with it); an editor's title still wins."""
    feed = tmp_path / "feed.jsonl"
    write_lines(feed, {"raw_text": HARBOUR, "title": "Valletta harbour reopens"})
    run(feed)
    document, error = run(feed)
    assert error is None and document["summary"]["unchanged"] == 1

    write_lines(feed, {"raw_text": HARBOUR, "title": "Ferries to Gozo sail again"})
    document, error = run(feed)
    assert error is None and document["summary"]["updated"] == 1
    article = Article.objects.get()
    assert (article.title, article.supplied_title) == (
        "Ferries to Gozo sail again",
        "Ferries to Gozo sail again",
    )

    article.title = "Harbour reopens after storm"
    article.edited_fields = [*article.edited_fields, "title"]
    article.save()
    write_lines(feed, {"raw_text": HARBOUR, "title": "Yet another headline"})
    document, error = run(feed, "--reextract")
    assert error is None and document["summary"]["re-extracted"] == 1
    article.refresh_from_db()
    assert article.title == "Harbour reopens after storm"


def test_a_folder_s_json_lines_files_are_read_beside_its_text_files(tmp_path):
    (tmp_path / "one.txt").write_text(TALKS, encoding="utf-8")
    write_lines(tmp_path / "more.JSONL", {"raw_text": HARBOUR, "title": "Valletta harbour reopens"})
    document, error = run(tmp_path)
    assert error is None
    assert sorted(row["path"].rsplit("/", 1)[1] for row in document["files"]) == ["more.JSONL:1", "one.txt"]
    assert set(Article.objects.values_list("supplied_title", flat=True)) == {"", "Valletta harbour reopens"}


def test_async_ingest_hands_each_line_s_metadata_to_its_job(tmp_path):
    """With --async each line becomes a job carrying its headline and date (without a broker the job
    runs at once, so the article shows them)."""
    feed = tmp_path / "feed.jsonl"
    write_lines(feed, {"raw_text": FLOOD, "title": "Floods in the north", "published_at": "2025-01-09"})
    document, error = run(feed, "--async")
    assert error is None
    job = Job.objects.get()
    assert (job.title, job.published_at) == ("Floods in the north", dt.date(2025, 1, 9))
    article = Article.objects.get(pk=document["files"][0]["article_id"])
    assert (article.title, article.published_at) == ("Floods in the north", dt.date(2025, 1, 9))


def test_an_empty_json_lines_file_is_skipped_with_a_sentence(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n  \n", encoding="utf-8")
    document, error = run(feed)
    assert [(row["outcome"], row["reason"]) for row in document["files"]] == [
        ("skipped", "the file is empty: no line holds an article")
    ]
    assert error is not None and "feed.jsonl: the file is empty" in str(error)


def test_the_progress_bar_counts_each_line_of_a_json_lines_file(tmp_path, monkeypatch):
    """The bar's total is the articles to come: a .txt file's one and a .jsonl file's lines that are not
    blank (it counted files, and ran past its total at the second line)."""

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    (tmp_path / "one.txt").write_text(TALKS, encoding="utf-8")
    write_lines(tmp_path / "feed.jsonl", {"raw_text": HARBOUR}, "", {"raw_text": FLOOD}, "{broken")
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("ingest", str(tmp_path), stdout=out)
    bar = terminal.getvalue()
    assert "4/4" in bar and "/5" not in bar


def test_the_closing_error_counts_files_and_lines_by_what_they_are(tmp_path):
    """A batch of a text file and a .jsonl file reports "files and lines", not "files", and one bad
    line does not stop the text file beside it."""
    feed = tmp_path / "feed.jsonl"
    write_lines(feed, {"raw_text": HARBOUR}, "[1, 2]")
    story = tmp_path / "flood.txt"
    story.write_text(FLOOD, encoding="utf-8")
    document, error = run(feed, story)
    assert document["summary"]["stored"] == 2 and document["summary"]["skipped"] == 1
    assert error is not None and str(error).startswith("1 of 3 files and lines could not be ingested")
    assert f"{feed}:2: not a JSON object" in str(error)
