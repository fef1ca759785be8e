from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

from newsapi.migration_ops import postgres_indexes

# `q` on entities matches a substring of the name or of an alias, ignoring case: trigram GIN indexes on
# UPPER(name) serve both on PostgreSQL. SQLite keeps the plain scan.
INDEXES = {
    "entity_name_trgm_idx": "entities_entity USING gin (UPPER(name::text) gin_trgm_ops)",
    "entityalias_name_trgm_idx": "entities_entityalias USING gin (UPPER(name::text) gin_trgm_ops)",
}


class Migration(migrations.Migration):
    dependencies = [("entities", "0003_quotes_country_name_keys")]

    operations = [TrigramExtension(), postgres_indexes(INDEXES)]
