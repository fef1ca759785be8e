"""The maintained outlet counts (``Source.article_count``) through real ingests of the seeds, a caller's
outlet, re-extraction, an editor's correction (API and admin share the service), deletion and a recount:
always equal to a fresh COUNT over the articles, and the source list reads them in a fixed query count."""

import pytest
from django.core.management import call_command
from django.db.models import Count

from articles.models import Article, Source
from articles.services import (
    article_apply_metadata,
    article_delete,
    article_ingest,
    article_reextract,
    article_update,
    source_delete,
    source_recount,
)
from tests.conftest import SEEDS_DIR
from tests.factories import ArticleFactory, SourceFactory


def counted_from_articles() -> dict[int, int]:
    """Every outlet's article count as a fresh COUNT over the articles computes it."""
    return dict(Source.objects.annotate(fresh=Count("articles")).values_list("id", "fresh"))


def maintained(*sources: Source) -> dict[int, int]:
    """The maintained counts (of these outlets; of all without)."""
    rows = Source.objects.filter(pk__in=[s.pk for s in sources]) if sources else Source.objects.all()
    return dict(rows.values_list("id", "article_count"))


@pytest.mark.django_db
@pytest.mark.slow
def test_source_counts_kept_through_ingest_reextraction_corrections_and_delete(ingested_seeds):
    """After each write that stores, moves or removes an article the maintained counts equal a fresh
    COUNT, and a recount finds nothing to fix."""
    assert maintained() == counted_from_articles(), "after ingest"
    first, second, third, fourth = Article.objects.order_by("id")[:4]

    text = sorted(SEEDS_DIR.glob("*.txt"))[0].read_text(encoding="utf-8")
    first_delete_then_ingest = Article.objects.get(content_hash=first.content_hash)
    article_delete(article=first_delete_then_ingest)
    assert maintained() == counted_from_articles(), "after a delete"
    stored, created = article_ingest(raw_text=text, source_name="Wire Service")
    assert created and stored.source.name == "Wire Service"
    assert Source.objects.get(name="Wire Service").article_count == 1
    assert maintained() == counted_from_articles(), "after an ingest with a caller's outlet"

    assert article_apply_metadata(article=second, source_name="Wire Service")
    assert Source.objects.get(name="Wire Service").article_count == 2
    assert maintained() == counted_from_articles(), "after a caller's outlet on a stored article"

    article_reextract(article=third, source_name="Another Outlet")
    assert maintained() == counted_from_articles(), "after re-extraction with an outlet"

    editor_choice = Source.objects.get(name="Wire Service")
    article_update(article=Article.objects.get(pk=fourth.pk), data={"source": editor_choice})
    assert editor_choice.__class__.objects.get(pk=editor_choice.pk).article_count == 3
    assert maintained() == counted_from_articles(), "after an editor's correction"

    article_update(article=Article.objects.get(pk=fourth.pk), data={"title": "Only the title changes"})
    assert maintained() == counted_from_articles(), "after a correction that keeps the outlet"

    source_delete(source=Source.objects.get(name="Another Outlet"))
    assert maintained() == counted_from_articles(), "after an outlet's delete"
    assert source_recount() == 0


@pytest.mark.django_db
def test_the_admin_moves_an_article_to_another_outlet_and_both_counts_follow(admin_client):
    """The admin's change form goes through article_update: the old outlet loses the article, the new one
    gains it."""
    old, new = SourceFactory(name="Old Outlet"), SourceFactory(name="New Outlet")
    article = ArticleFactory(source=old)
    ArticleFactory(source=old)
    response = admin_client.get(f"/admin/articles/article/{article.pk}/change/")
    form = response.context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    for inline in response.context["inline_admin_formsets"]:  # none of the article's rows: empty inlines
        management = inline.formset.management_form
        data.update({f"{inline.formset.prefix}-{name}": value for name, value in management.initial.items()})
    data["source"] = new.pk
    response = admin_client.post(f"/admin/articles/article/{article.pk}/change/", data)
    assert response.status_code == 302, response.content[:2000]
    assert maintained(old, new) == {old.pk: 1, new.pk: 1}
    response = admin_client.post(f"/admin/articles/article/{article.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert maintained(old, new) == {old.pk: 1, new.pk: 0}


@pytest.mark.django_db
def test_entity_recount_command_repairs_outlet_counts_written_around_the_services():
    """Counts written by bulk SQL (or loaddata) are fixed by `manage.py entity_recount`."""
    outlet = SourceFactory(name="Bulk Outlet")
    ArticleFactory.create_batch(2, source=outlet)
    Source.objects.filter(pk=outlet.pk).update(article_count=7)
    call_command("entity_recount", verbosity=0)
    assert maintained(outlet) == {outlet.pk: 2}


@pytest.mark.django_db
@pytest.mark.parametrize("articles", [1, 6])
def test_the_source_list_reads_the_count_column_in_one_query(
    api_client, django_assert_max_num_queries, articles
):
    """The list never reads the articles table, whatever the number of outlets and articles."""
    for n in range(articles):
        ArticleFactory(source=SourceFactory(name=f"Outlet {n % 3}"))
    with django_assert_max_num_queries(1) as queries:
        response = api_client.get("/api/v1/sources/?ordering=-article_count")
    assert not [q["sql"] for q in queries.captured_queries if "articles_article" in q["sql"]]
    rows = response.json()["results"]
    assert [row["article_count"] for row in rows] == sorted(counted_from_articles().values(), reverse=True)
