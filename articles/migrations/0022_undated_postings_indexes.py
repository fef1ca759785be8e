from django.db import migrations, models


def no_statement_timeout(apps, schema_editor):
    # Building an index over the story keys of a large archive outlasts the serving statement timeout.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET LOCAL statement_timeout = 0")


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0021_entity_article"),
    ]

    operations = [
        migrations.RunPython(no_statement_timeout, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="eventkey",
            index=models.Index(
                condition=models.Q(("date__isnull", True)), fields=["key", "event"], name="eventkey_key_undated"
            ),
        ),
        migrations.AddIndex(
            model_name="storykey",
            index=models.Index(
                condition=models.Q(("day__isnull", True)), fields=["key", "article"], name="storykey_key_undated"
            ),
        ),
    ]
