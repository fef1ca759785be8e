from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

# `q` on entities matches a substring of the name or of an alias, ignoring case: trigram GIN indexes on
# UPPER(name) serve both on PostgreSQL. SQLite keeps the plain scan.
INDEXES = {
    "entity_name_trgm_idx": "entities_entity USING gin (UPPER(name::text) gin_trgm_ops)",
    "entityalias_name_trgm_idx": "entities_entityalias USING gin (UPPER(name::text) gin_trgm_ops)",
}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, target in INDEXES.items():
            schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {target}")


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("entities", "0003_quotes_country_name_keys")]

    operations = [TrigramExtension(), migrations.RunPython(create_indexes, drop_indexes)]
