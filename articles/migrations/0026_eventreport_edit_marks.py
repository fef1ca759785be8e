# An event report an editor moved to another event or corrected carries the edit marks the other extracted
# rows have, so that re-extraction keeps it (before, only an edited event's reports were kept).

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0025_article_title_order_and_unused_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="eventreport",
            name="is_edited",
            field=models.BooleanField(
                db_index=True, default=False, help_text="True once a person has corrected this row."
            ),
        ),
        migrations.AddField(
            model_name="eventreport",
            name="edited_fields",
            field=models.JSONField(
                blank=True,
                default=list,
                help_text="Names of the fields a person changed; extraction leaves them alone.",
            ),
        ),
        migrations.AddField(
            model_name="eventreport",
            name="created_at",
            field=models.DateTimeField(auto_now_add=True, default=django.utils.timezone.now),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="eventreport",
            name="updated_at",
            field=models.DateTimeField(auto_now=True),
        ),
    ]
