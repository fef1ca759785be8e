from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

# `q` on quotes is a case-insensitive substring (UPPER(text) LIKE UPPER('%w%')): a trigram GIN index on
# that expression serves it on PostgreSQL instead of reading every quote. SQLite keeps the plain scan.
INDEXES = {"quote_text_trgm_idx": "articles_quote USING gin (UPPER(text::text) gin_trgm_ops)"}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, target in INDEXES.items():
            schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {target}")


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("articles", "0009_scale_list_indexes")]

    operations = [TrigramExtension(), migrations.RunPython(create_indexes, drop_indexes)]
