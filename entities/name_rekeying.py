"""Re-keying stored names after ``names.name_key`` learns a new folding: the data migrations' one body.

Every key is its entity type's (``name_key(name, type)``): an entity's, its aliases' (their entity's
type) and a deleted name's (the type it had). Only rows whose key changes are written; a deleted name
whose new key is already recorded is left as it was. Nothing is merged: ``manage.py
entity_merge_same_key`` lists the entities that come to share a key and type.
"""

from __future__ import annotations


def rekey_stored_names(apps, **only) -> None:
    """Re-key the historical models of ``apps``; ``only`` narrows the rows read by their ``name``
    (``name__endswith="."``) to those a change can affect."""
    from newsapi.extraction.names import name_key

    Entity = apps.get_model("entities", "Entity")
    EntityAlias = apps.get_model("entities", "EntityAlias")
    DeletedEntityName = apps.get_model("entities", "DeletedEntityName")
    rows = [
        (Entity, Entity.objects.filter(**only).values_list("pk", "name", "name_key", "type")),
        (
            EntityAlias,
            EntityAlias.objects.filter(**only).values_list("pk", "name", "name_key", "entity__type"),
        ),
    ]
    for model, values in rows:
        changed = []
        for pk, name, key, kind in values.iterator():
            new_key = name_key(name, kind)[:255]
            if new_key != key:
                changed.append(model(pk=pk, name_key=new_key))
        model.objects.bulk_update(changed, ["name_key"], batch_size=500)
    taken = set(DeletedEntityName.objects.values_list("name_key", flat=True))
    for row in DeletedEntityName.objects.filter(**only):
        key = name_key(row.name, row.type)[:255]
        if key != row.name_key and key not in taken:
            taken.add(key)
            row.name_key = key
            row.save(update_fields=["name_key"])
