"""Writes for entities: linking what extraction found to the entities already stored."""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils.text import slugify
from newsapi.extraction.names import name_key, names_match

from entities.models import Entity, EntityAlias
from newsapi.extraction.types import PERSON, EntityCandidate


def _unique_slug(name: str) -> str:
    base = (slugify(name, allow_unicode=False) or "entity")[:250]
    slug, counter = base, 2
    while Entity.objects.filter(slug=slug).exists():
        slug = f"{base}-{counter}"
        counter += 1
    return slug


def _find_entity(candidate: EntityCandidate) -> Entity | None:
    """The stored entity this candidate names, by normalised name or alias, then by surname."""
    surface_forms = {candidate.name, *candidate.aliases}
    keys = {name_key(form) for form in surface_forms} - {""}
    matches = list(
        Entity.objects.filter(Q(name_key__in=keys) | Q(aliases__name_key__in=keys))
        .annotate(mention_total=Count("mentions"))
        .distinct()
        .order_by("-mention_total", "id")
    )
    same_type = [entity for entity in matches if entity.type == candidate.type]
    if same_type:
        return same_type[0]
    if candidate.type == PERSON and " " in candidate.name.strip():
        # "Sergei Lavrov" arriving where only "Lavrov" was stored so far.
        surname_key = name_key(candidate.name.split()[-1])
        for entity in Entity.objects.filter(type=PERSON, name_key=surname_key):
            if names_match(entity.name, candidate.name):
                return entity
    return matches[0] if matches else None


def entity_resolve(*, candidate: EntityCandidate) -> Entity:
    """Return the stored entity for ``candidate``, creating it or enriching it (aliases, role).

    A person's corrections are kept: edited names, types and roles are not
    changed, and merged names live on as aliases of the surviving entity.
    """
    entity = _find_entity(candidate)
    if entity is None:
        entity = Entity.objects.create(
            name=candidate.name[:255],
            name_key=name_key(candidate.name),
            type=candidate.type,
            slug=_unique_slug(candidate.name),
            role=(candidate.role or "")[:255],
        )
    else:
        changed = []
        edited = set(entity.edited_fields)
        # Keep the fullest form as the canonical name ("Sergei Lavrov" over "Lavrov").
        if (
            "name" not in edited
            and len(candidate.name) > len(entity.name)
            and names_match(entity.name, candidate.name)
        ):
            EntityAlias.objects.get_or_create(
                entity=entity, name=entity.name[:255], defaults={"name_key": entity.name_key}
            )
            entity.name, entity.name_key = candidate.name[:255], name_key(candidate.name)
            changed += ["name", "name_key"]
        if "role" not in edited and candidate.role and len(candidate.role) > len(entity.role):
            entity.role = candidate.role[:255]
            changed.append("role")
        if changed:
            entity.save(update_fields=[*changed, "updated_at"])
    known = set(entity.aliases.values_list("name", flat=True)) | {entity.name}
    EntityAlias.objects.bulk_create(
        [
            EntityAlias(entity=entity, name=form[:255], name_key=name_key(form))
            for form in sorted({candidate.name, *candidate.aliases} - known)
            if form.strip()
        ],
        ignore_conflicts=True,
    )
    return entity
