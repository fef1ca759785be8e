from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

from newsapi.migration_ops import postgres_indexes

# `q` on quotes is a case-insensitive substring (UPPER(text) LIKE UPPER('%w%')): a trigram GIN index on
# that expression serves it on PostgreSQL instead of reading every quote. SQLite keeps the plain scan.
INDEXES = {"quote_text_trgm_idx": "articles_quote USING gin (UPPER(text::text) gin_trgm_ops)"}


class Migration(migrations.Migration):
    dependencies = [("articles", "0009_scale_list_indexes")]

    operations = [TrigramExtension(), postgres_indexes(INDEXES)]
