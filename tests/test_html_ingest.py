"""HTML pages through the doors: the ingest command, POST /api/v1/articles/, their limits and empty pages."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from articles import services
from articles.models import Article

pytestmark = [pytest.mark.django_db]

PAGE = (Path(__file__).resolve().parent / "fixtures" / "harbour_page.html").read_text(encoding="utf-8")
TITLE = "Storm shuts Valletta harbour as ferries halted"
LOGIN_WALL = (
    "<!DOCTYPE html><html><head><title>Sign in</title></head><body><nav><a href=/>Home</a></nav>"
    "<form><input name=user><button>Sign in</button></form><p>Subscribe to keep reading.</p></body></html>"
)


def run(*args, **options) -> tuple[dict, CommandError | None]:
    out = io.StringIO()
    try:
        call_command("ingest", *map(str, args), "--json", stdout=out, **options)
    except CommandError as error:
        return json.loads(out.getvalue()), error
    return json.loads(out.getvalue()), None


def outcomes(document: dict) -> dict[str, dict]:
    return {row["path"].rsplit("/", 1)[-1]: row for row in document["files"]}


def test_a_folder_gives_its_html_and_htm_pages_in_any_case(tmp_path):
    from articles.management.commands.ingest import collect_text_files

    for name in ["a.html", "B.HTM", "c.Htm", "d.txt", "notes.md", "page.html.orig", "._e.html"]:
        (tmp_path / name).write_text(PAGE, encoding="utf-8")
    files, _ = collect_text_files([str(tmp_path)])
    assert [path.name for path in files] == ["B.HTM", "a.html", "c.Htm", "d.txt"]


@pytest.mark.slow
def test_ingesting_a_folder_with_a_page_stores_the_article_the_page_holds(tmp_path):
    (tmp_path / "harbour.HTML").write_text(PAGE, encoding="utf-8")
    (tmp_path / "login.htm").write_text(LOGIN_WALL, encoding="utf-8")
    document, error = run(tmp_path)
    rows = outcomes(document)
    assert rows["harbour.HTML"]["outcome"] == "stored"
    assert rows["harbour.HTML"]["title"] == TITLE
    article = Article.objects.get(pk=rows["harbour.HTML"]["article_id"])
    assert article.raw_text == PAGE  # kept as received: the content hash is the page's
    assert "<" not in article.body and "Related stories" not in article.body
    assert article.source.name == "The Island Herald" and article.source.domain == "islandherald.example"
    assert article.published_at.isoformat() == "2025-03-03"
    assert "article:published_time 2025-03-03T10:00:00Z" in article.published_at_evidence
    assert article.quotes.filter(speaker__name="Joseph Farrugia").exists()
    # A page with no article text is skipped with a sentence saying why.
    assert rows["login.htm"]["outcome"] == "skipped"
    assert rows["login.htm"]["reason"].startswith("The HTML page holds no article text")
    assert error is not None and "login.htm: The HTML page holds no article text" in str(error)
    # Ingested again, it is the same article.
    document, _ = run(tmp_path / "harbour.HTML")
    assert document["files"][0]["outcome"] == "unchanged"


@pytest.mark.slow
def test_a_text_that_is_all_boilerplate_is_skipped_with_a_sentence(tmp_path):
    """Before, the file was skipped as "This field cannot be blank." (the model's empty body)."""
    (tmp_path / "ads.txt").write_text("Advertisement\n\nShare on Facebook\n\nSubscribe to our newsletter")
    document, _ = run(tmp_path)
    assert (
        document["files"][0]["reason"]
        == "No article text is left once boilerplate is removed: nothing was stored."
    )


@pytest.mark.slow
def test_posting_a_page_stores_the_article_with_the_pages_title(editor_client):
    response = editor_client.post("/api/v1/articles/", {"raw_text": PAGE}, format="json")
    assert response.status_code == 202
    job = response.json()
    assert job["state"] == "succeeded", job["error"]
    article = editor_client.get(job["result"]).json()
    assert article["title"] == TITLE
    assert article["published_at"] == "2025-03-03"
    assert "<" not in article["body"]


def test_a_page_over_the_page_limit_is_a_413_naming_that_limit(editor_client, monkeypatch, tmp_path):
    monkeypatch.setattr(services, "MAX_HTML_CHARS", 1000)
    response = editor_client.post("/api/v1/articles/", {"raw_text": PAGE}, format="json")
    assert response.status_code == 413
    assert (
        f"The HTML page is {len(PAGE):,} characters long; the limit for a page is 1,000."
        in (response.json()["message"])
    )
    (tmp_path / "harbour.html").write_text(PAGE, encoding="utf-8")
    document, _ = run(tmp_path)
    assert "the limit for a page is 1,000" in document["files"][0]["reason"]
    assert Article.objects.count() == 0


def test_a_page_within_its_limit_but_with_too_much_article_text_is_a_413_naming_the_text_limit(
    editor_client, monkeypatch, tmp_path
):
    monkeypatch.setattr(services, "MAX_RAW_CHARS", 500)
    assert len(PAGE) > 500  # as a text it would be refused; as a page its markup does not count
    response = editor_client.post("/api/v1/articles/", {"raw_text": PAGE}, format="json")
    assert response.status_code == 413
    message = response.json()["message"]
    assert "The article text read out of the HTML page is" in message and "the limit is 500." in message
    (tmp_path / "harbour.html").write_text(PAGE, encoding="utf-8")
    document, _ = run(tmp_path)
    assert "read out of the HTML page" in document["files"][0]["reason"]


def test_a_page_longer_than_the_text_limit_is_taken_when_its_article_text_is_within_it(monkeypatch):
    """Real pages are mostly markup: the text limit applies to what is read out of them."""
    monkeypatch.setattr(services, "MAX_RAW_CHARS", 2000)
    assert len(PAGE) > 2000
    assert services.article_text_prepare(PAGE) == PAGE
    with pytest.raises(services.ArticleTooLarge):
        services.article_text_prepare("Word soup " * 300)


@pytest.mark.slow
def test_posting_a_login_wall_fails_its_job_with_a_sentence(editor_client):
    response = editor_client.post("/api/v1/articles/", {"raw_text": LOGIN_WALL}, format="json")
    job = response.json()
    assert job["state"] == "failed"
    assert "The HTML page holds no article text (a login or subscription wall" in job["error"]
    assert Article.objects.count() == 0
