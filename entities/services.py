"""Writes for entities: linking what extraction found to the entities already stored."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from entities.models import DeletedEntityName, Entity, EntityAlias
from newsapi.db import save_changed
from newsapi.extraction.names import name_key, names_match
from newsapi.extraction.types import PERSON, EntityCandidate


def _unique_slug(name: str) -> str:
    base = (slugify(name, allow_unicode=False) or "entity")[:250]
    slug, counter = base, 2
    while Entity.objects.filter(slug=slug).exists():
        slug = f"{base}-{counter}"
        counter += 1
    return slug


def _candidate_keys(candidate: EntityCandidate) -> set[str]:
    return {name_key(form) for form in {candidate.name, *candidate.aliases}} - {""}


def _choose_entity(candidate: EntityCandidate, matches: list[Entity]) -> Entity | None:
    """Among stored entities sharing a name key with the candidate: the same type first, then by surname
    for a full name arriving where only the surname was stored ("Sergei Lavrov" after "Lavrov")."""
    same_type = [entity for entity in matches if entity.type == candidate.type]
    exact = [entity for entity in same_type if entity.name_key == name_key(candidate.name)]
    if exact or same_type:
        return (exact or same_type)[0]
    if candidate.type == PERSON and " " in candidate.name.strip():
        surname_key = name_key(candidate.name.split()[-1])
        for entity in Entity.objects.filter(type=PERSON, name_key=surname_key):
            if names_match(entity.name, candidate.name):
                return entity
    return matches[0] if matches else None


def _enrich(entity: Entity, candidate: EntityCandidate) -> None:
    """Keep the fullest name and the longest role, unless a person edited them."""
    changed = []
    edited = set(entity.edited_fields)
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
        # The new name may have been an alias: a name is never its own alias.
        entity.aliases.filter(name=entity.name).delete()
    if "role" not in edited and candidate.role and len(candidate.role) > len(entity.role):
        entity.role = candidate.role[:255]
        changed.append("role")
    if changed:
        entity.save(update_fields=[*changed, "updated_at"])


def entity_resolve_many(*, candidates: list[EntityCandidate]) -> list[Entity | None]:
    """The stored entity of each candidate, created or enriched (aliases, role), in a few queries.

    A person's corrections are kept: edited names, types and roles are not
    changed, merged names live on as aliases of the surviving entity, and a
    name whose entity an editor deleted gives None (its mentions are dropped).
    """
    keys = [_candidate_keys(candidate) for candidate in candidates]
    all_keys = set().union(*keys) if keys else set()
    # The entities whose name or an alias has one of the keys: two index lookups (an OR across the alias
    # join would read every entity).
    by_name = Entity.objects.filter(name_key__in=all_keys).order_by().values("id")
    by_alias = EntityAlias.objects.filter(name_key__in=all_keys).order_by().values("entity_id")
    # Most mentioned first (the maintained count: no count over each entity's mentions per ingest).
    stored = list(
        Entity.objects.filter(id__in=by_name.union(by_alias))
        .prefetch_related("aliases")
        .order_by("-mention_count", "id")
    )
    stored_keys = {
        entity.pk: {entity.name_key} | {alias.name_key for alias in entity.aliases.all()} for entity in stored
    }
    deleted = set(DeletedEntityName.objects.filter(name_key__in=all_keys).values_list("name_key", flat=True))
    resolved: list[Entity | None] = []
    new_aliases: list[EntityAlias] = []
    for candidate, candidate_keys in zip(candidates, keys, strict=True):
        entity = _choose_entity(candidate, [e for e in stored if stored_keys[e.pk] & candidate_keys])
        if entity is None and name_key(candidate.name) in deleted:
            resolved.append(None)
            continue
        if entity is None:
            entity = Entity.objects.create(
                name=candidate.name[:255],
                name_key=name_key(candidate.name),
                type=candidate.type,
                slug=_unique_slug(candidate.name),
                role=(candidate.role or "")[:255],
            )
            # Later candidates of the same batch may name it too.
            stored.append(entity)
            stored_keys[entity.pk] = set(candidate_keys)
            known = {entity.name}
        else:
            known = {entity.name, *(alias.name for alias in entity.aliases.all())}
            _enrich(entity, candidate)
            known.add(entity.name)
        # A name an editor gave to another entity (an alias split off) is not taken back as an alias.
        claimed = {e.name_key for e in stored if e.is_edited and e.pk != entity.pk}
        new_aliases += [
            EntityAlias(entity=entity, name=form[:255], name_key=name_key(form))
            for form in sorted({candidate.name, *candidate.aliases} - known)
            if form.strip() and name_key(form) not in claimed
        ]
        resolved.append(entity)
    EntityAlias.objects.bulk_create(new_aliases, ignore_conflicts=True)
    return resolved


EDITABLE_ENTITY_FIELDS = ("name", "type", "role")


@transaction.atomic
def entity_update(*, entity: Entity, data: dict) -> Entity:
    """Correct an entity's name, type or role; the old name stays findable as an alias."""
    unknown = set(data) - set(EDITABLE_ENTITY_FIELDS)
    if unknown:
        raise ValidationError({name: "This field cannot be changed." for name in unknown})
    changed = [name for name, value in data.items() if getattr(entity, name) != value]
    if not changed:
        return entity
    old_name = entity.name
    for name in changed:
        setattr(entity, name, data[name])
    if "name" in changed:
        entity.name_key = name_key(entity.name)
        _add_aliases(entity, [old_name])
        entity.aliases.filter(name=entity.name).delete()
    entity.mark_edited(*changed)
    entity.full_clean(exclude=["slug"])
    save_changed(entity, [*changed, *(["name_key"] if "name" in changed else [])])
    return entity


def _add_aliases(entity: Entity, names: list[str]) -> None:
    EntityAlias.objects.bulk_create(
        [
            EntityAlias(entity=entity, name=name[:255], name_key=name_key(name))
            for name in names
            if name.strip() and name != entity.name
        ],
        ignore_conflicts=True,
    )


@transaction.atomic
def entity_merge(*, survivor: Entity, merged: list[Entity]) -> Entity:
    """Fold ``merged`` into ``survivor``: mentions, quotes, event links and aliases move over,
    the merged names become aliases, and the merged entities are deleted."""
    from articles.models import Event, Mention, Quote, QuoteKey
    from articles.services import entity_recount

    merged = [entity for entity in merged if entity.pk != survivor.pk]
    if not merged:
        raise ValidationError({"merged": "Choose at least one entity other than the survivor."})
    merged_ids = [entity.pk for entity in merged]
    existing_spans = set(Mention.objects.filter(entity=survivor).values_list("article_id", "start", "end"))
    for mention in Mention.objects.filter(entity_id__in=merged_ids):
        if (mention.article_id, mention.start, mention.end) in existing_spans:
            mention.delete()
        else:
            existing_spans.add((mention.article_id, mention.start, mention.end))
            Mention.objects.filter(pk=mention.pk).update(entity=survivor)
    Quote.objects.filter(speaker_id__in=merged_ids).update(speaker=survivor)
    # The quote index is read by speaker: the keys follow their quotes (deleted with the entities otherwise).
    QuoteKey.objects.filter(speaker_id__in=merged_ids).update(speaker=survivor)
    Event.objects.filter(location_id__in=merged_ids).update(location=survivor)
    for event in Event.objects.filter(participants__in=merged_ids).distinct():
        event.participants.remove(*merged_ids)
        event.participants.add(survivor)
    names = [entity.name for entity in merged]
    names += list(EntityAlias.objects.filter(entity_id__in=merged_ids).values_list("name", flat=True))
    _add_aliases(survivor, names)
    if not survivor.role:
        survivor.role = next((entity.role for entity in merged if entity.role), "")
    survivor.mark_edited("aliases")
    survivor.save()
    Entity.objects.filter(pk__in=merged_ids).delete()
    # A merge is an editor's act, not per-ingest work: the survivor is recounted from its mentions (one
    # indexed count) rather than deriving how many moved mentions fell on articles it already had.
    entity_recount(entity_ids=[survivor.pk])
    survivor.refresh_from_db(fields=["mention_count", "article_count"])
    return survivor


@transaction.atomic
def entity_split_alias(*, alias: EntityAlias) -> Entity:
    """Make an alias its own entity (a false merge undone): the mentions written that way move to it."""
    from articles.models import Mention, Quote, QuoteKey
    from articles.services import entity_recount

    source = alias.entity
    new_entity = Entity.objects.create(
        name=alias.name,
        name_key=alias.name_key,
        type=source.type,
        slug=_unique_slug(alias.name),
        is_edited=True,
        edited_fields=["name"],
    )
    moved = [m.pk for m in Mention.objects.filter(entity=source) if name_key(m.text) == alias.name_key]
    Mention.objects.filter(pk__in=moved).update(entity=new_entity)
    moved_quotes = list(
        Quote.objects.filter(speaker=source, speaker_text=alias.name).values_list("pk", flat=True)
    )
    Quote.objects.filter(pk__in=moved_quotes).update(speaker=new_entity)
    QuoteKey.objects.filter(quote_id__in=moved_quotes).update(speaker=new_entity)
    alias.delete()
    source.mark_edited("aliases")
    source.save(update_fields=["is_edited", "edited_fields", "updated_at"])
    # An editor's act that already reads every mention of the source: both are recounted.
    entity_recount(entity_ids=[source.pk, new_entity.pk])
    new_entity.refresh_from_db(fields=["mention_count", "article_count"])
    return new_entity


@transaction.atomic
def entity_delete(*, entity: Entity) -> None:
    """Delete an entity an editor judged to be junk; its names are remembered so that
    re-ingest and re-extraction never bring it back."""
    names = [entity.name, *entity.aliases.values_list("name", flat=True)]
    for name in names:
        key = name_key(name)
        if key:
            DeletedEntityName.objects.update_or_create(
                name_key=key, defaults={"name": name, "type": entity.type}
            )
    entity.delete()


# Writes an editor makes in the admin (and any other door): each keeps name keys, slugs and the
# "edited" marks that extraction relies on, which a plain model save would leave out.


@transaction.atomic
def entity_create(*, name: str, type: str, role: str = "") -> Entity:
    """An entity a person adds by hand; its name is matched by the filters and by later ingests."""
    entity = Entity(
        name=name.strip(),
        name_key=name_key(name),
        type=type,
        role=(role or "").strip(),
        slug=_unique_slug(name),
    )
    entity.mark_edited("name", "type", *(["role"] if entity.role else []))
    if not entity.name_key:
        raise ValidationError({"name": "The name needs at least one letter or digit."})
    entity.full_clean()
    entity.save()
    # A person bringing a deleted name back wants extraction to link it again.
    DeletedEntityName.objects.filter(name_key=entity.name_key).delete()
    return entity


def _validated_alias(alias: EntityAlias) -> EntityAlias:
    alias.name = alias.name.strip()
    alias.name_key = name_key(alias.name)
    if not alias.name_key:
        raise ValidationError({"name": "The name needs at least one letter or digit."})
    if alias.name == alias.entity.name:
        raise ValidationError({"name": "An alias cannot repeat the entity's own name."})
    alias.full_clean()
    return alias


def _mark_aliases_edited(entity: Entity) -> None:
    entity.mark_edited("aliases")
    entity.save(update_fields=["is_edited", "edited_fields", "updated_at"])


@transaction.atomic
def entity_alias_create(*, entity: Entity, name: str) -> EntityAlias:
    """Another name of an entity, added by a person."""
    alias = _validated_alias(EntityAlias(entity=entity, name=name))
    alias.save()
    _mark_aliases_edited(entity)
    return alias


ALIAS_EDITABLE_FIELDS = ("name", "entity")


@transaction.atomic
def entity_alias_update(*, alias: EntityAlias, data: dict) -> EntityAlias:
    """Correct an alias's spelling or give it to another entity."""
    unknown = set(data) - set(ALIAS_EDITABLE_FIELDS)
    if unknown:
        raise ValidationError({name: "This field cannot be changed." for name in sorted(unknown)})
    changed = [name for name, value in data.items() if getattr(alias, name) != value]
    if not changed:
        return alias
    previous_entity = alias.entity
    for name in changed:
        setattr(alias, name, data[name])
    _validated_alias(alias).save()
    _mark_aliases_edited(alias.entity)
    if previous_entity.pk != alias.entity_id:
        _mark_aliases_edited(previous_entity)
    return alias


@transaction.atomic
def entity_alias_delete(*, alias: EntityAlias) -> None:
    """Remove a wrong alias."""
    entity = alias.entity
    alias.delete()
    _mark_aliases_edited(entity)


@transaction.atomic
def deleted_entity_name_forget(*, deleted_name: DeletedEntityName) -> None:
    """Allow extraction to create an entity under a name an editor once deleted."""
    deleted_name.delete()
