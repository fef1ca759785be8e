# The article's publication day on each of its author rows (ArticleAuthor), for the article list's
# `author` filter: a page of an author's articles newest first from one index (PostgreSQL), where reading
# every one of them by id and sorting them cost 152 ms a page at 1M articles for an author of 50,000
# (benchmarks/author_filter_scale.py). Back-filled from the articles.

from django.db import migrations, models

from newsapi.migration_ops import postgres_indexes

AUTHOR_ORDER = {
    "articleauthor_key_day_idx": "articles_articleauthor (key, published_at DESC NULLS LAST, article_id DESC)",
}


def backfill(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        if schema_editor.connection.vendor == "postgresql":
            cursor.execute("SET LOCAL statement_timeout = 0")
        cursor.execute(
            "UPDATE articles_articleauthor SET published_at = "
            "(SELECT a.published_at FROM articles_article a WHERE a.id = articles_articleauthor.article_id)"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0027_article_authors"),
    ]

    operations = [
        migrations.AddField(
            model_name="articleauthor",
            name="published_at",
            field=models.DateField(blank=True, help_text="The article's publication day.", null=True),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
        postgres_indexes(AUTHOR_ORDER),
    ]
