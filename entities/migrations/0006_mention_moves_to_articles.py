"""Mention (and its history) now belong to the articles app: entities knows nothing of articles.

State only: the tables keep their names (``entities_mention``, ``entities_historicalmention``) and
their rows, and articles 0012 (which runs after this one)
takes the models over. No SQL runs here.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("entities", "0005_entity_counts")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel("HistoricalMention"), migrations.DeleteModel("Mention")],
            database_operations=[],
        )
    ]
