from django.db import migrations

# `q` on quotes is a full-text match on PostgreSQL (English stemming, web-search syntax, as on articles).
# The quote's tsvector is a column PostgreSQL keeps itself (a trigger with its built-in
# tsvector_update_trigger, on every insert and every change of the text, whatever writes it), GIN-indexed;
# the trigram index of the substring match is dropped. A trigram index holds about one entry per character
# of every quote and took 6 of the 15 minutes of building 100k articles' database; the tsvector index holds
# one per distinct word, and a page walking the quotes newest first tests each quote's stored vector
# instead of computing it. The column is not a model field (SQLite has no tsvector): Django neither reads
# nor writes it. SQLite keeps its plain substring scan.
FORWARD = (
    "ALTER TABLE articles_quote ADD COLUMN IF NOT EXISTS text_vector tsvector",
    "CREATE TRIGGER articles_quote_text_vector BEFORE INSERT OR UPDATE OF text ON articles_quote "
    "FOR EACH ROW EXECUTE FUNCTION tsvector_update_trigger(text_vector, 'pg_catalog.english', text)",
    "UPDATE articles_quote SET text_vector = to_tsvector('english'::regconfig, COALESCE(text, ''))",
    "DROP INDEX IF EXISTS quote_text_trgm_idx",
    "CREATE INDEX IF NOT EXISTS quote_text_vector_idx ON articles_quote USING gin (text_vector)",
)
BACKWARD = (
    "DROP INDEX IF EXISTS quote_text_vector_idx",
    "DROP TRIGGER IF EXISTS articles_quote_text_vector ON articles_quote",
    "ALTER TABLE articles_quote DROP COLUMN IF EXISTS text_vector",
    "CREATE INDEX IF NOT EXISTS quote_text_trgm_idx ON articles_quote USING gin (UPPER(text::text) gin_trgm_ops)",
)


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET LOCAL statement_timeout = 0")
        for statement in FORWARD:
            schema_editor.execute(statement)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("articles", "0012_mention_from_entities")]

    operations = [migrations.RunPython(forward, backward)]
