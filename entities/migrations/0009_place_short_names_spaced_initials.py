"""Name keys fold initials written with spaces into the dotted ones ("U. S." -> "united states") and, for
a place, the short name a country's official name ends with ("America" -> "united states"): re-key
stored rows. Every key is its entity type's (``name_key(name, type)``): an entity's, its aliases'
(their entity's type) and a deleted name's (the type it had). Only rows whose key changes are written;
a deleted name whose new key is already recorded is left as it was.

Like 0008, this merges nothing: ``manage.py entity_merge_same_key`` lists the entities that now share
a key and type ("America" and "United States", both places), and merges them with ``--apply``.
"""

from django.db import migrations


def rekey(apps, schema_editor):
    from newsapi.extraction.names import name_key

    Entity = apps.get_model("entities", "Entity")
    EntityAlias = apps.get_model("entities", "EntityAlias")
    DeletedEntityName = apps.get_model("entities", "DeletedEntityName")
    rows = [
        (Entity, Entity.objects.values_list("pk", "name", "name_key", "type")),
        (EntityAlias, EntityAlias.objects.values_list("pk", "name", "name_key", "entity__type")),
    ]
    for model, values in rows:
        changed = [
            model(pk=pk, name_key=name_key(name, kind)[:255])
            for pk, name, key, kind in values.iterator()
            if name_key(name, kind)[:255] != key
        ]
        model.objects.bulk_update(changed, ["name_key"], batch_size=500)
    taken = set(DeletedEntityName.objects.values_list("name_key", flat=True))
    for row in DeletedEntityName.objects.all():
        key = name_key(row.name, row.type)[:255]
        if key != row.name_key and key not in taken:
            taken.add(key)
            row.name_key = key
            row.save(update_fields=["name_key"])


class Migration(migrations.Migration):
    dependencies = [("entities", "0008_abbreviation_name_keys")]

    operations = [migrations.RunPython(rekey, migrations.RunPython.noop)]
