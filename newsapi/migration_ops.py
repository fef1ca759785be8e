"""Operations migrations share. Migrations import them, so they stay as they are once used."""

from django.db import migrations


def postgres_indexes(indexes: dict[str, str]) -> migrations.RunPython:
    """Create ``indexes`` (name -> ``table (columns)``) on PostgreSQL only, dropped when unapplied.

    For index orders Django cannot declare on both databases: the keyset paginator sorts with NULLS
    LAST, which SQLite cannot put in an index (and its small databases sort fast anyway).
    """

    def create(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for name, target in indexes.items():
                schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {target}")

    def drop(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for name in indexes:
                schema_editor.execute(f"DROP INDEX IF EXISTS {name}")

    return migrations.RunPython(create, drop)


def no_statement_timeout() -> migrations.RunPython:
    """Lift the serving statement timeout for the rest of the migration (PostgreSQL): rewriting or
    indexing a large archive's rows outlasts it."""

    def lift(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute("SET LOCAL statement_timeout = 0")

    return migrations.RunPython(lift, migrations.RunPython.noop)


def postgres_indexes_dropped(indexes: dict[str, str]) -> migrations.RunPython:
    """Drop ``indexes`` (name -> the ``table (columns)`` they were made on) on PostgreSQL only, made again
    when unapplied: indexes Django makes for a field that no query of newsapi's reads on PostgreSQL, where
    another index serves the same lookups (SQLite, without the list indexes, keeps them)."""
    dropped = postgres_indexes(indexes)
    return migrations.RunPython(dropped.reverse_code, dropped.code)
