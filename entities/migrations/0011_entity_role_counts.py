"""Entities count the roles articles give them (``role_counts``): the role is the commonest, no longer the
longest. Stored entities start with no counts: the first article that gives one a role after this counts
its stored role once beside it (``entities.services._count_role``)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("entities", "0010_us_state_abbreviation_keys"),
    ]

    operations = [
        migrations.AddField(
            model_name="entity",
            name="role_counts",
            field=models.JSONField(blank=True, default=dict, editable=False),
        ),
    ]
