"""Mention (and its history) move here from the entities app, rows and all.

State only for the schema: the model keeps its tables (``entities_mention``, ``entities_historicalmention``),
constraint and index names, so an existing database migrates in place and no row is copied. The content
types are renamed to this app, so the permissions granted on mentions (and the admin's log entries) follow
the model.
"""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models

MOVED = ("mention", "historicalmention")


def rename_content_types(apps, schema_editor, old="entities", new="articles"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for model in MOVED:
        if not ContentType.objects.using(db).filter(app_label=new, model=model).exists():
            ContentType.objects.using(db).filter(app_label=old, model=model).update(app_label=new)


def restore_content_types(apps, schema_editor):
    rename_content_types(apps, schema_editor, old="articles", new="entities")


EXTRACTED_FIELDS = [
    (
        "is_edited",
        models.BooleanField(
            db_index=True, default=False, help_text="True once a person has corrected this row."
        ),
    ),
    (
        "edited_fields",
        models.JSONField(
            blank=True,
            default=list,
            help_text="Names of the fields a person changed; extraction leaves them alone.",
        ),
    ),
]
SPAN_FIELDS = [
    ("start", models.PositiveIntegerField()),
    ("end", models.PositiveIntegerField()),
    ("text", models.CharField(max_length=255)),
]


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0011_quote_and_event_keys"),
        ("entities", "0006_mention_moves_to_articles"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Mention",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        *EXTRACTED_FIELDS,
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("updated_at", models.DateTimeField(auto_now=True)),
                        *SPAN_FIELDS,
                        (
                            "article",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="mentions",
                                to="articles.article",
                            ),
                        ),
                        (
                            "entity",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="mentions",
                                to="entities.entity",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "entities_mention",
                        "ordering": ["article_id", "start", "id"],
                        "indexes": [
                            models.Index(fields=["entity", "article"], name="entities_mention_entity_art")
                        ],
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("article", "entity", "start", "end"),
                                name="entities_mention_unique_span",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(("end__gt", models.F("start"))),
                                name="entities_mention_end_after_start",
                            ),
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="HistoricalMention",
                    fields=[
                        (
                            "id",
                            models.BigIntegerField(
                                auto_created=True, blank=True, db_index=True, verbose_name="ID"
                            ),
                        ),
                        *EXTRACTED_FIELDS,
                        *SPAN_FIELDS,
                        ("history_id", models.AutoField(primary_key=True, serialize=False)),
                        ("history_date", models.DateTimeField(db_index=True)),
                        ("history_change_reason", models.CharField(max_length=100, null=True)),
                        (
                            "history_type",
                            models.CharField(
                                choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                            ),
                        ),
                        (
                            "article",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="articles.article",
                            ),
                        ),
                        (
                            "entity",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="entities.entity",
                            ),
                        ),
                        (
                            "history_user",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "db_table": "entities_historicalmention",
                        "verbose_name": "historical mention",
                        "verbose_name_plural": "historical mentions",
                        "ordering": ("-history_date", "-history_id"),
                        "get_latest_by": ("history_date", "history_id"),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(rename_content_types, restore_content_types),
    ]
