"""Articles carry their authors: stored at ingest, served and filtered in the API, corrected by editors
and kept through re-ingest and re-extraction; a page's canonical address fills an article's url."""

import datetime as dt
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article, ArticleAuthor
from articles.services import article_ingest, article_reextract, article_update
from newsapi.roles import VIEWERS
from tests.test_admin import staff_user

pytestmark = pytest.mark.django_db

BYLINED = (
    "Storm shuts Valletta harbour as ferries halted\n\n"
    "By Jane Doe and JOHN ROE, Reuters\n\n"
    "VALLETTA (Reuters) - Gale-force winds closed the harbour of Valletta on Monday, halting ferries to "
    "Gozo and leaving two cargo ships at anchor outside the breakwater, the port authority said.\n\n"
    "Waves of up to six metres damaged a section of the breakwater overnight, and divers will inspect the "
    "harbour floor before any ship is allowed to enter, the authority said in a statement."
)
UNSIGNED = (
    "Harbour reopens after repairs\n\n"
    "The harbour of Valletta reopened to shipping after repairs to the breakwater damaged in the storm, "
    "the port authority said in a statement on Monday, and ferries to Gozo ran on time again."
)
PAGE = (Path(__file__).resolve().parent / "fixtures" / "harbour_page.html").read_text(encoding="utf-8")
CANONICAL = "https://www.islandherald.example/news/2025/03/01/storm-shuts-valletta-harbour"


@pytest.fixture
def bylined():
    return article_ingest(raw_text=BYLINED)[0]


def authors_of(article: Article) -> list[str]:
    article.refresh_from_db()
    return article.authors


def keys_of(article: Article) -> list[str]:
    return sorted(ArticleAuthor.objects.filter(article=article).values_list("key", flat=True))


# --- ingest ---------------------------------------------------------------------------------------


def test_ingest_stores_the_byline_s_people_without_the_agency(bylined):
    assert bylined.authors == ["Jane Doe", "John Roe"]
    assert keys_of(bylined) == ["jane doe", "john roe"]


def test_an_article_without_a_byline_has_no_authors():
    article = article_ingest(raw_text=UNSIGNED)[0]
    assert article.authors == [] and keys_of(article) == []


def test_a_page_s_declared_author_is_stored():
    article = article_ingest(raw_text=PAGE)[0]
    assert article.authors == ["Maria Camilleri"]


# --- the API --------------------------------------------------------------------------------------


def test_the_list_and_the_detail_show_the_authors(api_client, bylined, django_assert_max_num_queries):
    article_ingest(raw_text=UNSIGNED)
    with django_assert_max_num_queries(2):
        rows = api_client.get("/api/v1/articles/", {"page_size": 100}).json()["results"]
    assert {row["title"]: row["authors"] for row in rows} == {
        "Storm shuts Valletta harbour as ferries halted": ["Jane Doe", "John Roe"],
        "Harbour reopens after repairs": [],
    }
    detail = api_client.get(f"/api/v1/articles/{bylined.pk}/").json()
    assert detail["authors"] == ["Jane Doe", "John Roe"]


@pytest.mark.parametrize("name", ["Jane Doe", "jane doe", "JANE  DOE", "john roe"])
def test_the_author_filter_matches_one_name_in_any_case(api_client, bylined, name):
    other = article_ingest(raw_text=UNSIGNED)[0]
    rows = api_client.get("/api/v1/articles/", {"author": name}).json()["results"]
    assert [row["id"] for row in rows] == [bylined.pk]
    assert other.pk not in [row["id"] for row in rows]


@pytest.mark.parametrize("name", ["Reuters", "Jane", "Jane Doe and John Roe"])
def test_the_author_filter_matches_whole_names_only(api_client, bylined, name):
    assert api_client.get("/api/v1/articles/", {"author": name}).json()["results"] == []


def test_the_author_filter_reads_the_author_index_not_every_article(api_client, bylined):
    """The page's query finds the author's articles through the (key, article) index of ArticleAuthor."""
    with CaptureQueriesContext(connection) as queries:
        assert api_client.get("/api/v1/articles/", {"author": "jane doe"}).status_code == 200
    page = next(q["sql"] for q in queries if "articles_articleauthor" in q["sql"] and "ORDER BY" in q["sql"])
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(f"EXPLAIN {page}")
        else:
            cursor.execute(f"EXPLAIN QUERY PLAN {page}")
        plan = "\n".join(str(row[-1]) for row in cursor.fetchall())
    if connection.vendor == "postgresql":
        # A page of the author's rows in the list's order (none of them undated, no other filter).
        assert "articleauthor_key_day_idx" in plan, plan
        assert "Seq Scan" not in plan, plan
    else:
        # The author's article ids from the unique index (its SQLite name), then each article by its key.
        assert "COVERING INDEX sqlite_autoindex_articles_articleauthor_1 (key=?)" in plan, plan
        assert "SEARCH articles_article USING INTEGER PRIMARY KEY" in plan, plan
        assert "SCAN" not in plan, plan


def test_pages_of_an_author_s_articles_come_newest_first_each_once(api_client, editor_client):
    """Followed page by page (the author's rows read in the list's order on PostgreSQL), every article of
    the author comes once, in the list's order, undated last; other authors' articles never."""
    from tests.factories import ArticleFactory

    written = [ArticleFactory(published_at=dt.date(2025, 1, 1) + dt.timedelta(days=n % 4)) for n in range(7)]
    written.append(ArticleFactory(published_at=None))
    for article in written:
        article_update(article=article, data={"authors": ["Ann Poe"]})
    article_update(article=ArticleFactory(), data={"authors": ["John Roe"]})
    expected = [
        a.pk
        for a in sorted(
            written, key=lambda a: (a.published_at is not None, a.published_at, a.pk), reverse=True
        )
    ]
    seen, url, params = [], "/api/v1/articles/", {"author": "ann poe", "page_size": 3}
    while url:
        page = api_client.get(url, params).json()
        seen += [row["id"] for row in page["results"]]
        url, params = page["next"], None
    assert seen == expected


def test_an_author_row_follows_its_article_s_corrected_date(bylined):
    article_update(article=bylined, data={"published_at": dt.date(2025, 3, 3)})
    days = set(ArticleAuthor.objects.filter(article=bylined).values_list("published_at", flat=True))
    assert days == {dt.date(2025, 3, 3)}
    article_reextract(article=bylined)
    assert set(ArticleAuthor.objects.filter(article=bylined).values_list("published_at", flat=True)) == days


def test_the_schema_says_where_authors_come_from(api_client):
    schema = api_client.get("/api/schema/", {"format": "json"}).json()
    described = schema["components"]["schemas"]["ArticleList"]["properties"]["authors"]["description"]
    assert "byline" in described and "declares" in described
    parameters = schema["paths"]["/api/v1/articles/"]["get"]["parameters"]
    assert any(p["name"] == "author" for p in parameters)


# --- corrections ----------------------------------------------------------------------------------


def test_an_editor_s_correction_in_the_api_is_served_filtered_and_kept(api_client, editor_client, bylined):
    url = f"/api/v1/articles/{bylined.pk}/"
    response = editor_client.patch(url, {"authors": ["Jane Doe", " Ann  Poe ", "", "ann poe"]}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["authors"] == ["Jane Doe", "Ann Poe"]
    bylined.refresh_from_db()
    assert "authors" in bylined.edited_fields
    assert keys_of(bylined) == ["ann poe", "jane doe"]
    assert [
        r["id"] for r in api_client.get("/api/v1/articles/", {"author": "ann poe"}).json()["results"]
    ] == [bylined.pk]
    assert api_client.get("/api/v1/articles/", {"author": "john roe"}).json()["results"] == []

    article_reextract(article=bylined)
    article_ingest(raw_text=BYLINED)  # re-ingest: the same text
    article_ingest(raw_text=BYLINED, published_at=bylined.created_at.date())  # a new date: extracted again
    assert authors_of(bylined) == ["Jane Doe", "Ann Poe"]
    assert keys_of(bylined) == ["ann poe", "jane doe"]


def test_re_extraction_follows_the_byline_when_nobody_corrected_it(bylined):
    Article.objects.filter(pk=bylined.pk).update(authors=[])
    ArticleAuthor.objects.filter(article=bylined).delete()
    article_reextract(article=Article.objects.get(pk=bylined.pk))
    assert authors_of(bylined) == ["Jane Doe", "John Roe"]
    assert keys_of(bylined) == ["jane doe", "john roe"]


def test_an_empty_correction_stands_too(bylined):
    """An editor who finds the byline wrong may leave the article with no author: extraction does not
    bring the byline back."""
    article_update(article=bylined, data={"authors": []})
    article_reextract(article=bylined)
    assert authors_of(bylined) == [] and keys_of(bylined) == []


@pytest.mark.parametrize("authors", ["Jane Doe", [None], [["Jane Doe"]], ["x" * 201], ["A B"] * 51])
def test_a_malformed_correction_is_a_400_naming_authors(editor_client, bylined, authors):
    response = editor_client.patch(f"/api/v1/articles/{bylined.pk}/", {"authors": authors}, format="json")
    assert response.status_code == 400
    # The list, or the name in it ("authors.0").
    assert [error["field"].split(".")[0] for error in response.json()["errors"]] == ["authors"]
    assert authors_of(bylined) == ["Jane Doe", "John Roe"]


def test_anonymous_and_viewer_cannot_correct_authors_in_the_api(api_client, bylined):
    from django.contrib.auth import get_user_model

    url = f"/api/v1/articles/{bylined.pk}/"
    assert api_client.patch(url, {"authors": ["Ann Poe"]}, format="json").status_code == 401
    api_client.force_authenticate(get_user_model().objects.create_user(username="viewer"))
    assert api_client.patch(url, {"authors": ["Ann Poe"]}, format="json").status_code == 403
    assert authors_of(bylined) == ["Jane Doe", "John Roe"]
    assert keys_of(bylined) == ["jane doe", "john roe"]


# --- the admin ------------------------------------------------------------------------------------


def _admin_form(article: Article, authors: str) -> dict:
    from tests.test_admin import inline_management

    return {
        "title": article.title,
        "url": article.url,
        "source": article.source_id or "",
        "story": article.story_id or "",
        "language": article.language,
        "published_at": article.published_at.isoformat() if article.published_at else "",
        "authors": authors,
        **inline_management("mentions", 0, 0),
        **inline_management("event_reports", 0, 0),
    }


def test_an_editor_corrects_authors_in_the_admin_one_a_line_and_re_extraction_keeps_them(client, bylined):
    from newsapi.roles import EDITORS

    client.force_login(staff_user("editor", EDITORS))
    url = reverse("admin:articles_article_change", args=[bylined.pk])
    page = client.get(url).content.decode()
    assert "Jane Doe\nJohn Roe" in page
    response = client.post(url, _admin_form(bylined, "Jane Doe\r\nAnn Poe\r\n"))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert authors_of(bylined) == ["Jane Doe", "Ann Poe"]
    assert "authors" in bylined.edited_fields
    article_reextract(article=bylined)
    assert authors_of(bylined) == ["Jane Doe", "Ann Poe"]
    assert keys_of(bylined) == ["ann poe", "jane doe"]


def test_the_admin_refuses_an_authors_correction_to_anonymous_and_viewers(client, bylined):
    url = reverse("admin:articles_article_change", args=[bylined.pk])
    form = _admin_form(bylined, "Ann Poe")
    response = client.post(url, form)
    assert response.status_code == 302 and response.url.startswith(reverse("admin:login"))
    client.force_login(staff_user("viewer", VIEWERS))
    assert client.post(url, form).status_code == 403
    assert authors_of(bylined) == ["Jane Doe", "John Roe"]
    assert "authors" not in bylined.edited_fields


# --- the page's canonical address -------------------------------------------------------------------


def test_a_page_s_canonical_address_is_the_url_of_an_article_given_none():
    article = article_ingest(raw_text=PAGE)[0]
    assert article.url == CANONICAL
    article_reextract(article=article)
    assert Article.objects.get(pk=article.pk).url == CANONICAL


def test_the_caller_s_url_wins_over_the_page_s_canonical_address():
    article = article_ingest(raw_text=PAGE, url="https://mirror.example/storm")[0]
    assert article.url == "https://mirror.example/storm"
    article_reextract(article=article)
    assert Article.objects.get(pk=article.pk).url == "https://mirror.example/storm"


def test_an_editor_s_cleared_url_is_not_filled_again_by_re_extraction():
    article = article_ingest(raw_text=PAGE)[0]
    article_update(article=article, data={"url": ""})
    article_reextract(article=article)
    assert Article.objects.get(pk=article.pk).url == ""


def test_a_text_has_no_canonical_address():
    assert article_ingest(raw_text=UNSIGNED)[0].url == ""


# --- migration 0028 -----------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_author_rows_stored_before_migration_0028_get_their_article_s_day():
    from tests.migration_helpers import migrate

    old = migrate([("articles", "0027_article_authors")])
    try:
        Article, Author = old.get_model("articles", "Article"), old.get_model("articles", "ArticleAuthor")
        dated = Article.objects.create(
            title="a", body="b", content_hash="h1", published_at=dt.date(2025, 5, 28)
        )
        undated = Article.objects.create(title="c", body="d", content_hash="h2")
        Author.objects.create(article=dated, key="jane doe")
        Author.objects.create(article=undated, key="jane doe")
    finally:
        new = migrate()
    rows = new.get_model("articles", "ArticleAuthor").objects.order_by("article_id")
    assert [(row.article_id, row.published_at) for row in rows] == [
        (dated.pk, dt.date(2025, 5, 28)),
        (undated.pk, None),
    ]


def test_the_recount_command_rebuilds_author_rows_written_around_the_services(api_client, bylined):
    """Authors written by bulk SQL or loaddata have no rows for the ``author`` filter, and rows of names
    an article no longer has go stale: ``entity_recount`` makes them again from the articles."""
    from django.core.management import call_command

    unsigned = article_ingest(raw_text=UNSIGNED)[0]
    ArticleAuthor.objects.all().delete()
    Article.objects.filter(pk=unsigned.pk).update(authors=["Ann Poe"])
    ArticleAuthor.objects.create(article=bylined, key="someone else", published_at=bylined.published_at)
    call_command("entity_recount", verbosity=0)
    assert keys_of(bylined) == ["jane doe", "john roe"]
    assert keys_of(unsigned) == ["ann poe"]
    assert [
        row["id"] for row in api_client.get("/api/v1/articles/", {"author": "ann poe"}).json()["results"]
    ] == [unsigned.pk]
