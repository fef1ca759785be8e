# Each entity's mention and article counts as columns, back-filled from the mentions in one set-based
# statement (one grouped pass over the mentions table, however many rows it holds), then indexed in the
# entity list's orderings.

from django.db import migrations, models

from newsapi.migration_ops import postgres_indexes

# Entities with mentions get their counts from one grouped read of the mentions; the others keep the
# default 0. UPDATE ... FROM runs on PostgreSQL and on SQLite 3.33+.
BACKFILL = """
UPDATE entities_entity
SET mention_count = counted.mentions, article_count = counted.articles
FROM (
    SELECT entity_id, COUNT(*) AS mentions, COUNT(DISTINCT article_id) AS articles
    FROM entities_mention
    GROUP BY entity_id
) AS counted
WHERE counted.entity_id = entities_entity.id
"""


def backfill(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        if schema_editor.connection.vendor == "postgresql":
            # One pass over tens of millions of mentions outlasts the serving statement timeout.
            cursor.execute("SET LOCAL statement_timeout = 0")
        cursor.execute(BACKFILL)


# The list sorted by a count, most first, in the paginator's order (NULLS LAST, then the id).
COUNT_INDEXES = {
    "entity_mentions_id_idx": "entities_entity (mention_count DESC NULLS LAST, id)",
    "entity_articles_id_idx": "entities_entity (article_count DESC NULLS LAST, id)",
}


class Migration(migrations.Migration):

    dependencies = [
        ('entities', '0004_scale_name_trigram'),
    ]

    operations = [
        migrations.AddField(
            model_name='entity',
            name='article_count',
            field=models.PositiveIntegerField(default=0, editable=False, help_text='Articles that mention the entity.'),
        ),
        migrations.AddField(
            model_name='entity',
            name='mention_count',
            field=models.PositiveIntegerField(default=0, editable=False, help_text='Mentions across all articles.'),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name='entity',
            index=models.Index(fields=['name', 'id'], name='entity_name_id_idx'),
        ),
        postgres_indexes(COUNT_INDEXES),
    ]
