# One row per entity and article that mentions it, with the article's publication day (EntityArticle), for
# the article list's `entity` filter: an entity's articles newest first from one index, the page's rows
# looked up by id (reading every one of an entity's articles to sort them: 29-47 ms a page at 1M articles
# for one in 2,208 of them, 1-2 ms), and for `related_to` on entities (one row per pair instead of one per
# span). Back-filled from the mentions in one grouped statement.

import django.db.models.deletion
from django.db import migrations, models

from newsapi.migration_ops import postgres_indexes

BACKFILL = """
INSERT INTO articles_entityarticle (entity_id, article_id, published_at)
SELECT DISTINCT m.entity_id, m.article_id, a.published_at
FROM entities_mention m JOIN articles_article a ON a.id = m.article_id
"""

# The article list's order (published_at DESC NULLS LAST, id DESC) within an entity: PostgreSQL only, as
# the list indexes of migration 0009.
ENTITY_ARTICLE_ORDER = {
    "entityarticle_entity_day_idx": "articles_entityarticle (entity_id, published_at DESC NULLS LAST, article_id DESC)",
}


def unlogged_like_the_articles(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT relpersistence FROM pg_class WHERE oid = 'articles_article'::regclass")
        (persistence,) = cursor.fetchone()
    if persistence == "u":
        # A scratch database whose articles are UNLOGGED (benchmarks/list_scale.py's builds): a logged table
        # cannot keep a foreign key to them. Made unlogged while empty, before its keys are added (the
        # schema editor adds them at the end of the migration).
        schema_editor.execute("ALTER TABLE articles_entityarticle SET UNLOGGED")


def backfill(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        if schema_editor.connection.vendor == "postgresql":
            # One pass over tens of millions of mentions outlasts the serving statement timeout.
            cursor.execute("SET LOCAL statement_timeout = 0")
            cursor.execute("SET LOCAL work_mem = '256MB'")
        cursor.execute(BACKFILL)


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0020_quote_article_single_index_dropped'),
        ('entities', '0007_duplicate_dismissal'),
    ]

    operations = [
        migrations.CreateModel(
            name='EntityArticle',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('published_at', models.DateField(blank=True, help_text="The article's publication day.", null=True)),
                ('article', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='entity_links', to='articles.article')),
                ('entity', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='entities.entity')),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('article', 'entity'), name='articles_entityarticle_unique')],
            },
        ),
        migrations.RunPython(unlogged_like_the_articles, migrations.RunPython.noop),
        migrations.RunPython(backfill, migrations.RunPython.noop),
        postgres_indexes(ENTITY_ARTICLE_ORDER),
    ]
