"""The headline a caller knows (a scraper's metadata), through the API, re-ingest, re-extraction and the admin."""

import pytest
from django.urls import reverse

from articles.models import Article
from articles.services import article_ingest, article_reextract, article_update
from jobs.models import Job
from tests.job_helpers import stored_article

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

# The text opens with a line the cleaner takes for the headline (in Title Case).
TEXT = (
    "Voters Head To The Polls In Ottawa Today\n\n"
    "Mark Carney's Liberal Party won Canada's federal election on Monday, defeating the Conservatives.\n\n"
    "Carney told supporters in Ottawa that the country faced a crisis."
)


def test_a_posted_title_is_the_articles_and_the_line_the_text_gives_leaves_the_body(editor_client):
    response = stored_article(
        editor_client,
        editor_client.post("/api/v1/articles/", {"raw_text": TEXT, "title": "Carney wins"}, format="json"),
    )
    body = response.json()
    assert body["title"] == "Carney wins"
    assert body["body"].startswith("Mark Carney's Liberal Party won")
    assert Article.objects.get().supplied_title == "Carney wins"


def test_without_a_posted_title_the_text_gives_it(editor_client):
    response = stored_article(
        editor_client, editor_client.post("/api/v1/articles/", {"raw_text": TEXT}, format="json")
    )
    assert response.json()["title"] == "Voters Head To The Polls In Ottawa Today"


def test_a_title_too_long_is_refused_naming_the_field_and_nothing_is_queued(editor_client):
    response = editor_client.post("/api/v1/articles/", {"raw_text": TEXT, "title": "x" * 501}, format="json")
    assert response.status_code == 400
    assert [error["field"] for error in response.json()["errors"]] == ["title"]
    assert not Job.objects.exists() and not Article.objects.exists()


def test_an_anonymous_caller_or_a_viewer_cannot_post_a_title(api_client, db):
    from django.contrib.auth import get_user_model

    post = {"raw_text": TEXT, "title": "Carney wins"}
    assert api_client.post("/api/v1/articles/", post, format="json").status_code == 401
    api_client.force_authenticate(get_user_model().objects.create_user(username="viewer"))
    assert api_client.post("/api/v1/articles/", post, format="json").status_code == 403
    assert not Job.objects.exists() and not Article.objects.exists()


def test_re_extraction_keeps_the_callers_title_and_a_new_one_at_re_ingest_replaces_it():
    article, created = article_ingest(raw_text=TEXT, title="Carney wins")
    assert created and article.title == "Carney wins"
    article_reextract(article=article)
    article.refresh_from_db()
    assert article.title == "Carney wins"
    again, created = article_ingest(raw_text=TEXT, title="Liberals win Canada's election")
    assert not created and again.pk == article.pk
    article.refresh_from_db()
    assert (article.title, article.supplied_title) == ("Liberals win Canada's election", article.title)


def test_an_editors_title_outlasts_a_callers_title_at_re_ingest_and_re_extraction():
    article, _ = article_ingest(raw_text=TEXT, title="Carney wins")
    article_update(article=article, data={"title": "Carney's Liberals win"})
    article_ingest(raw_text=TEXT, title="Another headline")
    article.refresh_from_db()
    article_reextract(article=article)
    article.refresh_from_db()
    assert article.title == "Carney's Liberals win"
    assert article.supplied_title == "Carney wins"


def test_a_job_for_the_same_text_with_another_title_is_a_job_of_its_own(editor_client):
    first = editor_client.post("/api/v1/articles/", {"raw_text": TEXT, "title": "Carney wins"}, format="json")
    second = editor_client.post(
        "/api/v1/articles/", {"raw_text": TEXT, "title": "Liberals win"}, format="json"
    )
    assert first.json()["id"] != second.json()["id"]
    assert Article.objects.get().title == "Liberals win"


def test_the_admins_add_form_takes_a_title(client):
    from newsapi.roles import EDITORS
    from tests.test_admin import staff_user

    client.force_login(staff_user("editor", EDITORS))
    form = {"raw_text": TEXT, "title": "Carney wins", "url": "", "source": "", "published_at": ""}
    response = client.post(reverse("admin:articles_article_add"), form)
    assert response.status_code == 302
    article = Article.objects.get()
    assert (article.title, article.supplied_title) == ("Carney wins", "Carney wins")
