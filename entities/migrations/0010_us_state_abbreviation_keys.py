"""Name keys fold the abbreviations AP style writes for the US states into the state's name ("Calif." ->
"california", "N.H." -> "new hampshire"): re-key stored rows. Only names written with a closing dot
can change (a state's abbreviation stands for it only so written), so only those are read; every key is
its entity type's, as in 0009, and a deleted name whose new key is already recorded is left as it was.

Like 0008, this merges nothing: ``manage.py entity_merge_same_key`` lists the entities that now share
a key and type ("Calif." and "California"), and merges them with ``--apply``.
"""

from django.db import migrations


def rekey(apps, schema_editor):
    from newsapi.extraction.names import name_key

    Entity = apps.get_model("entities", "Entity")
    EntityAlias = apps.get_model("entities", "EntityAlias")
    DeletedEntityName = apps.get_model("entities", "DeletedEntityName")
    dotted = {"name__endswith": "."}
    rows = [
        (Entity, Entity.objects.filter(**dotted).values_list("pk", "name", "name_key", "type")),
        (EntityAlias, EntityAlias.objects.filter(**dotted).values_list("pk", "name", "name_key", "entity__type")),
    ]
    for model, values in rows:
        changed = [
            model(pk=pk, name_key=name_key(name, kind)[:255])
            for pk, name, key, kind in values.iterator()
            if name_key(name, kind)[:255] != key
        ]
        model.objects.bulk_update(changed, ["name_key"], batch_size=500)
    taken = set(DeletedEntityName.objects.values_list("name_key", flat=True))
    for row in DeletedEntityName.objects.filter(**dotted):
        key = name_key(row.name, row.type)[:255]
        if key != row.name_key and key not in taken:
            taken.add(key)
            row.name_key = key
            row.save(update_fields=["name_key"])


class Migration(migrations.Migration):
    dependencies = [("entities", "0009_place_short_names_spaced_initials")]

    operations = [migrations.RunPython(rekey, migrations.RunPython.noop)]
