import django.contrib.postgres.search
from django.db import migrations

GIN_INDEX = "articles_article_search_gin"


def create_gin_index(apps, schema_editor):
    # GIN and tsvector exist on PostgreSQL only; SQLite searches title and body directly.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {GIN_INDEX} ON articles_article USING GIN (search_vector)")


def drop_gin_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {GIN_INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0002_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(create_gin_index, drop_gin_index),
    ]
