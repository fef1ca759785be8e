"""Name keys fold every name of a country into one ("Türkiye" and "Turkey" -> "turkey"): re-key stored rows.

Only rows whose key changes are written (country names); the other keys are already what
``name_key`` gives. A deleted name whose new key is already recorded is left as it was.
"""

from django.db import migrations


def rekey(apps, schema_editor):
    from newsapi.extraction.names import name_key

    Entity = apps.get_model("entities", "Entity")
    EntityAlias = apps.get_model("entities", "EntityAlias")
    DeletedEntityName = apps.get_model("entities", "DeletedEntityName")
    for model, source in ((Entity, "name"), (EntityAlias, "name")):
        changed = []
        for row in model.objects.only("pk", source, "name_key").iterator():
            key = name_key(getattr(row, source))[:255]
            if key != row.name_key:
                row.name_key = key
                changed.append(row)
        model.objects.bulk_update(changed, ["name_key"], batch_size=500)
    taken = set(DeletedEntityName.objects.values_list("name_key", flat=True))
    for row in DeletedEntityName.objects.all():
        key = name_key(row.name)[:255]
        if key != row.name_key and key not in taken:
            taken.add(key)
            row.name_key = key
            row.save(update_fields=["name_key"])


class Migration(migrations.Migration):
    dependencies = [("entities", "0002_history")]

    operations = [migrations.RunPython(rekey, migrations.RunPython.noop)]
