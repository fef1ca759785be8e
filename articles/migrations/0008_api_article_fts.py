"""SQLite only: an FTS5 index of article titles and bodies, kept in sync by triggers, so that `q`
reads the same web-search syntax as on PostgreSQL (which has its own GIN index, migration 0003)."""

from django.db import migrations


def install(apps, schema_editor):
    from articles import fts

    fts.install(schema_editor.connection)


def uninstall(apps, schema_editor):
    from articles import fts

    fts.uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("articles", "0007_events_main_type_evidence")]

    operations = [migrations.RunPython(install, uninstall, elidable=False)]
