# Lists at 1M articles that read an archive-sized set, each given rows an index serves:
# - each entity's article count per source (EntitySource), for the entity list's `source` (a semi-join
#   over every mention of a frequent source's articles: 0.9-1.1 s a page at 1M articles);
# - an event report's copies of its article's source and its event's date, for the event list's
#   `source` (the source's reports read in the list's order from one index, merged with the events'
#   order, instead of each walked event's reports' articles probed: 0.45-1.5 s a page at 1M articles);
# - quotes by (article, id), for the quote list's `entity` (the ids of the entity's articles' quotes read
#   from the index alone).
# The back-fills are set-based: one grouped pass over the mentions, one UPDATE ... FROM of the reports
# (PostgreSQL, and SQLite 3.33+).

import django.db.models.deletion
from django.db import migrations, models

from newsapi.migration_ops import postgres_indexes

ENTITY_SOURCES = """
INSERT INTO articles_entitysource (entity_id, source_id, article_count)
SELECT m.entity_id, a.source_id, COUNT(DISTINCT m.article_id)
FROM entities_mention m JOIN articles_article a ON a.id = m.article_id
WHERE a.source_id IS NOT NULL
GROUP BY m.entity_id, a.source_id
"""

REPORT_COPIES = """
UPDATE articles_eventreport SET source_id = a.source_id, event_date = e.date
FROM articles_article a, articles_event e
WHERE a.id = articles_eventreport.article_id AND e.id = articles_eventreport.event_id
"""

# The event list's order (date DESC NULLS LAST, id) within a source: PostgreSQL only, as the list indexes
# of migration 0009 (SQLite's indexes cannot put nulls last).
REPORT_SOURCE_ORDER = {
    "eventreport_source_date_idx": "articles_eventreport (source_id, event_date DESC NULLS LAST, event_id)",
}


def backfill(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        if schema_editor.connection.vendor == "postgresql":
            # One pass over tens of millions of mentions outlasts the serving statement timeout.
            cursor.execute("SET LOCAL statement_timeout = 0")
        cursor.execute(ENTITY_SOURCES)
        cursor.execute(REPORT_COPIES)


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0013_quote_text_fulltext'),
        ('entities', '0007_duplicate_dismissal'),
    ]

    operations = [
        migrations.CreateModel(
            name='EntitySource',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('article_count', models.PositiveIntegerField(help_text='Articles of the source that mention the entity.')),
                ('entity', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='entities.entity')),
                ('source', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='articles.source')),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('source', 'entity'), name='articles_entitysource_unique')],
            },
        ),
        migrations.AddField(
            model_name='eventreport',
            name='source',
            field=models.ForeignKey(blank=True, db_index=False, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='articles.source'),
        ),
        migrations.AddField(
            model_name='eventreport',
            name='event_date',
            field=models.DateField(blank=True, editable=False, help_text="The event's date.", null=True),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
        postgres_indexes(REPORT_SOURCE_ORDER),
        migrations.AddIndex(
            model_name='eventreport',
            index=models.Index(fields=['source', 'event'], name='eventreport_source_event_idx'),
        ),
        migrations.AddIndex(
            model_name='quote',
            index=models.Index(fields=['article', 'id'], name='quote_article_id_idx'),
        ),
    ]
