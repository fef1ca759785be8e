"""Writes for entities: linking what extraction found to the entities already stored."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, OuterRef, Value, Window
from django.db.models.functions import RowNumber
from django.utils.text import slugify

from entities.extensions import before_delete, merging, references_moved, split_off, type_changed
from entities.models import DeletedEntityName, DuplicateDismissal, Entity, EntityAlias
from entities.selectors import SameKeyGroup, entity_same_key_group_locked, is_foreign_alias
from newsapi.db import (
    JSONList,
    history_later,
    insert_later,
    lock_article_store,
    retry_on_conflict,
    save_changed,
)
from newsapi.extraction.names import (
    commonest_role,
    full_name,
    is_fuller_name,
    is_short_form,
    name_key,
    names_match,
    nickname_match,
    roles_counted,
    strip_title,
    without_legal_form,
)
from newsapi.extraction.types import ORGANIZATION, PERSON, EntityCandidate


def _slug_base(name: str) -> str:
    return (slugify(name, allow_unicode=False) or "entity")[:250]


def _unique_slug(name: str) -> str:
    base = _slug_base(name)
    slug, counter = base, 2
    while Entity.objects.filter(slug=slug).exists():
        slug = f"{base}-{counter}"
        counter += 1
    return slug


class _NewSlugs:
    """Unique slugs for the entities one batch creates: the slugs taken among the first forms of
    every name of the batch are read in one query (when the first entity is created), and the forms
    the batch takes are added to them; a name whose first forms are all taken looks further one by
    one, as ``_unique_slug`` does."""

    FORMS = 5

    def __init__(self, names: list[str]) -> None:
        self.names = names
        self.taken: set[str] | None = None

    @classmethod
    def _forms(cls, name: str) -> list[str]:
        base = _slug_base(name)
        return [base, *(f"{base}-{counter}" for counter in range(2, cls.FORMS + 1))]

    def read_with_deleted_names(self, keys: set[str]) -> set[str]:
        """The name keys among ``keys`` whose entity an editor deleted; the slugs taken among the first
        forms are read in the same statement."""
        forms = sorted({form for each in self.names for form in self._forms(each)})
        deleted = DeletedEntityName.objects.filter(name_key__in=keys).order_by().annotate(taken=Value(False))
        slugs = Entity.objects.filter(slug__in=forms).order_by().annotate(taken=Value(True))
        rows = deleted.values_list("name_key", "taken").union(slugs.values_list("slug", "taken"), all=True)
        found = list(rows)
        self.taken = {value for value, taken in found if taken}
        return {value for value, taken in found if not taken}

    def pick(self, name: str) -> str:
        if self.taken is None:
            forms = {form for each in self.names for form in self._forms(each)}
            self.taken = set(Entity.objects.filter(slug__in=forms).values_list("slug", flat=True))
        slug = next((form for form in self._forms(name) if form not in self.taken), None)
        counter = self.FORMS + 1
        while slug is None:
            form = f"{_slug_base(name)}-{counter}"
            if form not in self.taken and not Entity.objects.filter(slug=form).exists():
                slug = form
            counter += 1
        self.taken.add(slug)
        return slug


def _candidate_keys(candidate: EntityCandidate) -> set[str]:
    keys = {name_key(form, candidate.type) for form in {candidate.name, *candidate.aliases}}
    if candidate.type == PERSON:
        # Articles leave out a middle name or initial ("Hillary Rodham Clinton", "Hillary Clinton"): the
        # stored entity may go by the name without it. A key only finds it; ``_may_name`` decides.
        words = strip_title(candidate.name)[0].split()
        if len(words) > 2:
            keys.add(name_key(f"{words[0]} {words[-1]}", PERSON))
    return keys - {""}


def _may_name(
    candidate: EntityCandidate, forms: set[str], entity: Entity, names: Iterable[str], keys: set[str]
) -> bool:
    """Whether the candidate, by one of its full ``forms`` (its name, a company's name without its legal
    form), can name ``entity``: the same name as the entity's or one shortening the other ("Lavrov" and
    "Sergei Lavrov"), or the same name as one of its other ``names`` or a shortening of it. A short name
    the entity was called by somewhere is not enough: across articles a surname or a first name names
    many people ("Bill Clinton" is not "Hillary Clinton" because both were called "Clinton"). A person's
    given name may be a nickname of theirs or theirs of it (``names.nickname_match``). ``names`` hold the
    entity's name too; ``keys``: the keys of its names."""
    for form in forms:
        if name_key(form, candidate.type) in keys or names_match(entity.name, form, candidate.type):
            return True
        # Only a longer name can be a fuller one (read for a few of a popular entity's many aliases).
        if any(len(name) > len(form) and is_short_form(form, name) for name in names):
            return True
        if candidate.type == PERSON and any(nickname_match(form, name) for name in names):
            return True
    return False


def _choose_entity(
    candidate: EntityCandidate,
    matches: list[Entity],
    names: dict[int, set[str]],
    keys: dict[int, set[str]],
    made: Iterable[Entity] = (),
    *,
    bare: set[str] = frozenset(),
) -> Entity | None:
    """Among stored entities sharing a name key with the candidate (``names`` and ``keys``: each one's
    names and keys, by ``id()``), the one it names (``_may_name``): the same type first, the same name
    before a shortened one; then by surname for a full name arriving where only the surname was stored
    ("Sergei Lavrov" after "Lavrov"), or made by the same batch (``made``: not inserted yet); then an
    entity of another type under the very same name (the model labels a name differently from one
    article to the next: "Twitter" a person here, an organisation there), never under a part of it
    ("Kerry Washington" is not the city)."""
    own_key = name_key(candidate.name, candidate.type)
    forms = {candidate.name, *bare}
    same_type = [
        entity
        for entity in matches
        if entity.type == candidate.type
        and _may_name(candidate, forms, entity, names[id(entity)], keys[id(entity)])
    ]
    exact = [entity for entity in same_type if entity.name_key == own_key]
    if exact or same_type:
        return (exact or same_type)[0]
    if candidate.type == PERSON and " " in candidate.name.strip():
        surname_key = name_key(candidate.name.split()[-1])
        batch = [entity for entity in made if entity.type == PERSON and entity.name_key == surname_key]
        by_surname = Entity.objects.filter(type=PERSON, name_key=surname_key).annotate(
            alias_names=_aliases_of("name"), alias_keys=_aliases_of("name_key")
        )
        for entity in [*by_surname, *batch]:
            if names_match(entity.name, candidate.name):
                return entity
    return next((entity for entity in matches if own_key in keys[id(entity)]), None)


def _keeps_the_given_name(name: str, fuller: str, entity_type: str) -> bool:
    """Whether a person's ``fuller`` name opens with the given name ``name`` opens with: across articles a
    fuller name adds a given name to a surname ("Lavrov" -> "Sergei Lavrov") or a middle name ("Hillary
    Rodham Clinton"), never a word before the given name, which is one article's misread span
    ("Floridians Jeb Bush", "Moderator Hugh Hewitt") that would otherwise rename the entity everywhere."""
    words = strip_title(name)[0].split()
    if entity_type != PERSON or len(words) < 2:
        return True
    fuller_words = strip_title(fuller)[0].split()
    return bool(fuller_words) and name_key(fuller_words[0]) == name_key(words[0])


def _take_fuller_name(entity: Entity, name: str, *, saved: bool = True) -> str | None:
    """Rename ``entity`` to ``name`` when it is a fuller form of its name (``names.is_fuller_name``, for
    the entity's type) and no person edited the name; the old name is kept as an alias. Returns the
    name the entity left, or None. An entity not ``saved`` yet (made by this batch) is only changed in
    memory, its replaced name left to the caller. The caller saves the entity. Used by every rename
    to a fuller name: an ingest's (``_enrich``) and a same-key merge's (``entity_merge_same_key``)."""
    if "name" in entity.edited_fields or not is_fuller_name(entity.name, name, entity.type):
        return None
    if not _keeps_the_given_name(entity.name, name, entity.type):
        return None
    left = entity.name
    if saved:
        EntityAlias.objects.get_or_create(
            entity=entity, name=entity.name[:255], defaults={"name_key": name_key(entity.name, entity.type)}
        )
    entity.name, entity.name_key = name[:255], name_key(name, entity.type)
    if saved:
        # The new name may have been an alias: a name is never its own alias.
        entity.aliases.filter(name=entity.name).delete()
    return left


def _enrich(
    entity: Entity, candidate: EntityCandidate, *, saved: bool = True
) -> tuple[str | None, list[str]]:
    """Keep the fullest name (``_take_fuller_name``) unless a person edited it. Returns the name the
    entity leaves for the fuller one (to be kept as an alias) and the fields changed, which the caller
    saves with the role's (``_recount_role``)."""
    left = _take_fuller_name(entity, candidate.name, saved=saved)
    return left, ([] if left is None else ["name", "name_key"])


def _recount_role(entity: Entity, before: str | None, now: str | None) -> list[str]:
    """One article's role for ``entity`` is ``now`` where an earlier extraction of it counted ``before``
    (None: the article gave none, or was not counted yet): its count moves from one to the other
    (``names.roles_counted``), and the role is the commonest (``names.commonest_role``) unless a person
    edited it. Each article counts once, however often it is extracted. Returns the fields changed."""
    if before == now:
        return []
    counts = _role_counts(entity)
    if before:
        counts = roles_counted(counts, before, -1)
    if now:
        counts = roles_counted(counts, now)
    return _set_role_counts(entity, counts)


def _role_counts(entity: Entity) -> dict[str, int]:
    return entity.role_counts or ({entity.role: 1} if entity.role else {})  # a role stored before counts


def _set_role_counts(entity: Entity, counts: dict[str, int]) -> list[str]:
    """``entity``'s role counts are ``counts``, its role the commonest unless a person edited it. Returns
    the fields changed."""
    entity.role_counts = counts
    changed = ["role_counts"]
    if "role" not in entity.edited_fields and (commonest := commonest_role(counts)) != entity.role:
        entity.role = commonest
        changed.append("role")
    return changed


def _roles_given(candidates: list[EntityCandidate], resolved: list[Entity | None]) -> dict[int, tuple]:
    """The role an article gives each entity it names: the first of its names (candidates) to give one.
    Keyed by the instance's identity (the batch's new entities have no id yet): ``(entity, role)``."""
    given: dict[int, tuple] = {}
    for candidate, entity in zip(candidates, resolved, strict=True):
        if entity is not None and candidate.role and id(entity) not in given:
            given[id(entity)] = (entity, candidate.role[:255])
    return given


def entity_roles_given(candidates: list[EntityCandidate], resolved: list[Entity | None]) -> dict[str, str]:
    """What an article stores of the roles it counted (``entity_resolve_many``'s ``roles_before`` of its
    next extraction): entity id, as a JSON key, -> role."""
    return {str(entity.pk): role for entity, role in _roles_given(candidates, resolved).values()}


def _by_entity_id(roles: dict) -> dict[int, str]:
    """An article's stored roles (``entity_roles_given``: JSON keys) by entity id."""
    return {int(pk): role for pk, role in roles.items()}


def entity_roles_uncount(*, roles: dict) -> None:
    """Take back the roles an article counted (its stored ``entity_roles_given``, ``{entity id: role}``)
    from entities it no longer names (re-extracted, or deleted): one read of those entities, bounded by
    the article's."""
    entity_roles_take_back(taken={pk: Counter({role: 1}) for pk, role in _by_entity_id(roles).items()})


def entity_roles_take_back(*, taken: dict[int, Counter]) -> None:
    """Take back roles counted on entities (``{entity id: Counter(role: articles)}``): one read of those
    entities; an entity deleted since is skipped."""
    _shift_roles(taken, -1)


def entity_roles_give(*, given: dict[int, Counter]) -> None:
    """Count roles on entities (``{entity id: Counter(role: articles)}``), as ``entity_roles_take_back``."""
    _shift_roles(given, 1)


def _shift_roles(roles: dict[int, Counter], sign: int) -> None:
    roles = {pk: articles for pk, articles in roles.items() if articles}
    if not roles:
        return
    for entity in Entity.objects.filter(pk__in=roles).order_by("id"):
        counts = _role_counts(entity)
        for role, articles in roles[entity.pk].items():
            counts = roles_counted(counts, role, sign * articles)
        entity.save(update_fields=[*_set_role_counts(entity, counts), "updated_at"])


def _aliases_of(key: str) -> JSONList:
    """The entity's aliases' ``key`` column as a list read with the entity (no query of its own)."""
    return JSONList(EntityAlias.objects.filter(entity_id=OuterRef("pk")).order_by("name", "id"), key)


def _under_full_name(candidate: EntityCandidate) -> EntityCandidate:
    """An abbreviation is stored under the full name it stands for ("U.S." -> "United States"), the
    article's form kept as an alias; the extraction keeps what the article wrote."""
    full = full_name(candidate.name, candidate.type)
    if full is None:
        return candidate
    return replace(candidate, name=full, aliases={*candidate.aliases, candidate.name} - {full})


def _bare_company_names(candidate: EntityCandidate) -> set[str]:
    """A company's names without the legal form they are written with ("Pfizer Inc." -> "Pfizer"): kept as
    aliases, so that an article that writes only "Pfizer" finds the entity another article stored as
    "Pfizer Inc.", as the extraction does inside one article. They find a stored entity of the
    company's own type only: "Bloomberg L.P." is not the person some article calls "Bloomberg"."""
    if candidate.type != ORGANIZATION:
        return set()
    forms = {candidate.name, *candidate.aliases}
    return {bare for bare in map(without_legal_form, forms) if bare is not None} - forms


# A short name (a surname, a first name, a one-word name) is shared by more entities the larger the
# archive: of each key, only the most mentioned few are read, those ``_choose_entity`` prefers anyway, so
# that linking an article's names reads as many entities (and their aliases) at 1M articles as at 1k.
ENTITIES_PER_KEY = 20


def _most_mentioned_per_key(rows: models.QuerySet, entity_id: str) -> models.QuerySet:
    """The ``entity_id`` column of ``rows`` (entities, or aliases) keeping per name key only the
    ``ENTITIES_PER_KEY`` most mentioned entities: one subquery, ranked by a window."""
    entity = "" if entity_id == "id" else "entity__"
    return (
        rows.order_by()  # a subquery of a union takes no ORDER BY (the models' default order)
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=F("name_key"),
                order_by=[F(f"{entity}mention_count").desc(), F(entity_id)],
            )
        )
        .filter(rank__lte=ENTITIES_PER_KEY)
        .values(entity_id)
    )


def _count_roles(
    candidates: list[EntityCandidate],
    resolved: list[Entity | None],
    roles_before: dict[int, str],
    changed: dict[int, tuple[Entity, set[str]]],
) -> None:
    """Count the article's roles (``_recount_role``) on the entities it names, the stored ones' changed
    fields added to ``changed``; the roles it counted before on entities it names no more are taken back."""
    given = _roles_given(candidates, resolved)
    named = {id(entity): entity for entity in resolved if entity is not None}
    for key, entity in named.items():
        now = given[key][1] if key in given else None
        fields = _recount_role(entity, roles_before.get(entity.pk) if entity.pk else None, now)
        if fields and entity.pk is not None:
            changed.setdefault(key, (entity, set()))[1].update(fields)
    still_named = {entity.pk for entity in named.values()}
    entity_roles_uncount(roles={pk: role for pk, role in roles_before.items() if pk not in still_named})


def entity_resolve_many(
    *, candidates: list[EntityCandidate], roles_before: dict | None = None
) -> list[Entity | None]:
    """The stored entity of each candidate, created or enriched (aliases, role), in a few queries.

    A person's corrections are kept: edited names, types and roles are not
    changed, merged names live on as aliases of the surviving entity, and a
    name whose entity an editor deleted gives None (its mentions are dropped).

    The candidates are one article's: it counts one role per entity (``_roles_given``), and
    ``roles_before`` are the roles an earlier extraction of the same article counted
    (``entity_roles_given``), taken back where they changed, so that extracting an article again
    never counts it twice.
    """
    candidates = [_under_full_name(candidate) for candidate in candidates]
    keys = [_candidate_keys(candidate) for candidate in candidates]
    bare_names = [_bare_company_names(candidate) for candidate in candidates]
    bare_keys = [
        {name_key(name, candidate.type) for name in names} - candidate_keys
        for candidate, names, candidate_keys in zip(candidates, bare_names, keys, strict=True)
    ]
    all_keys = set().union(*keys, *bare_keys)
    # The entities whose name or an alias has one of the keys: two index lookups (an OR across the alias
    # join would read every entity).
    by_name = _most_mentioned_per_key(Entity.objects.filter(name_key__in=all_keys), "id")
    by_alias = _most_mentioned_per_key(EntityAlias.objects.filter(name_key__in=all_keys), "entity_id")
    # Most mentioned first (the maintained count: no count over each entity's mentions per ingest); their
    # aliases' names and keys in the same statement.
    stored = list(
        Entity.objects.filter(id__in=by_name.union(by_alias))
        .annotate(alias_names=_aliases_of("name"), alias_keys=_aliases_of("name_key"))
        .order_by("-mention_count", "id")
    )
    # By the instance's identity: the entities this batch makes have no id until they are inserted.
    stored_keys = {id(entity): {entity.name_key, *entity.alias_keys} for entity in stored}
    known_names = {id(entity): {entity.name, *entity.alias_names} for entity in stored}
    # Read when a candidate matches no stored entity (most match one), with the slugs new ones may take.
    deleted: set[str] | None = None
    slugs = _NewSlugs([candidate.name for candidate in candidates])
    created: list[Entity] = []
    # Stored entities whose fields change: saved once each, after the roles are counted.
    changed: dict[int, tuple[Entity, set[str]]] = {}
    resolved: list[Entity | None] = []
    new_aliases: list[EntityAlias] = []
    for candidate, candidate_keys, bare, by_bare_key in zip(
        candidates, keys, bare_names, bare_keys, strict=True
    ):
        entity = _choose_entity(
            candidate,
            [
                e
                for e in stored
                if stored_keys[id(e)] & candidate_keys
                or (e.type == candidate.type and stored_keys[id(e)] & by_bare_key)
            ],
            known_names,
            stored_keys,
            created,
            bare=bare,
        )
        if entity is not None and id(entity) not in known_names:
            # Read by its surname (a key no candidate gave): the batch's own instance of it if it holds one.
            same = next((e for e in stored if e.pk == entity.pk), None)
            if same is None:
                stored.append(entity)
                stored_keys[id(entity)] = {entity.name_key, *entity.alias_keys}
                known_names[id(entity)] = {entity.name, *entity.alias_names}
            entity = same or entity
        if entity is None and deleted is None:
            deleted = slugs.read_with_deleted_names(all_keys)
        if entity is None and name_key(candidate.name, candidate.type) in deleted:
            resolved.append(None)
            continue
        if entity is None:
            entity = Entity(
                name=candidate.name[:255],
                name_key=name_key(candidate.name, candidate.type),
                type=candidate.type,
                slug=slugs.pick(candidate.name),
            )
            created.append(entity)
            # Later candidates of the same batch may name it too.
            stored.append(entity)
            stored_keys[id(entity)] = candidate_keys | by_bare_key
            known_names[id(entity)] = {entity.name}
        else:
            left, fields = _enrich(entity, candidate, saved=entity.pk is not None)
            if fields and entity.pk is not None:
                changed.setdefault(id(entity), (entity, set()))[1].update(fields)
            if left is not None and entity.pk is None:
                # Made by this batch under a shorter name: that name stays findable as an alias.
                new_aliases.append(
                    EntityAlias(entity=entity, name=left, name_key=name_key(left, entity.type))
                )
            known_names[id(entity)].add(entity.name)
        known = known_names[id(entity)]
        # A name an editor gave to another entity (an alias split off) is not taken back as an alias.
        claimed = {e.name_key for e in stored if e.is_edited and e is not entity}
        aliases = [
            EntityAlias(entity=entity, name=form[:255], name_key=name_key(form, entity.type))
            for form in sorted({candidate.name, *candidate.aliases, *bare} - known)
            if form.strip() and name_key(form, entity.type) not in claimed
        ]
        known.update(alias.name for alias in aliases)
        new_aliases += aliases
        resolved.append(entity)
    _count_roles(candidates, resolved, _by_entity_id(roles_before or {}), changed)
    for entity, fields in changed.values():
        entity.save(update_fields=[*sorted(fields), "updated_at"])
    # The new entities in one insert (their ids come back), their history records once they are final.
    Entity.objects.bulk_create(created)
    # A batch entity renamed to a fuller name keeps no alias of the name it now has.
    new_aliases = [alias for alias in new_aliases if alias.entity.pk and alias.name != alias.entity.name]
    insert_later(EntityAlias, new_aliases, ignore_conflicts=True)
    history_later(Entity, created)
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
        _add_aliases(entity, [old_name])
        entity.aliases.filter(name=entity.name).delete()
    # A place's key folds more than another type's (``name_key``): a new type may change it too.
    key_changed = name_key(entity.name, entity.type) != entity.name_key
    entity.name_key = name_key(entity.name, entity.type)
    entity.mark_edited(*changed)
    entity.full_clean(exclude=["slug"])
    save_changed(entity, [*changed, *(["name_key"] if key_changed else [])])
    if "type" in changed:
        _alias_keys_follow_type(entity)
        type_changed(entity_ids=[entity.pk])
    return entity


def _alias_keys_follow_type(entity: Entity) -> None:
    """Aliases are keyed by their entity's type too (a place's key folds more than another type's)."""
    aliases = list(entity.aliases.all())
    for alias in aliases:
        alias.name_key = name_key(alias.name, entity.type)
    EntityAlias.objects.bulk_update(aliases, ["name_key"])


def _add_aliases(entity: Entity, names: list[str]) -> None:
    EntityAlias.objects.bulk_create(
        [
            EntityAlias(entity=entity, name=name[:255], name_key=name_key(name, entity.type))
            for name in names
            if name.strip() and name != entity.name
        ],
        ignore_conflicts=True,
    )


@dataclass(frozen=True)
class EntityReference:
    """A column of another model that points at entities: a foreign key, or the entity side of a
    many-to-many's through table. ``name_field`` is the field holding the name as the row wrote it, when
    the model declares one (``entity_name_fields = {"speaker": "speaker_text"}``)."""

    model: type[models.Model]
    field: str
    name_field: str | None


def entity_references() -> list[EntityReference]:
    """Every reference to entities from the models of other apps, read from ``Entity``'s relations, so
    merges and splits move what those apps hold without entities naming them. Aliases are entities' own;
    history rows (hidden relations) keep what they recorded."""
    references = []
    for relation in Entity._meta.related_objects:
        if relation.related_model is EntityAlias:
            continue
        if relation.many_to_many:
            model, field = relation.through, relation.field.m2m_reverse_field_name()
        else:
            model, field = relation.related_model, relation.field.name
        names = getattr(relation.related_model, "entity_name_fields", {})
        references.append(EntityReference(model, field, names.get(relation.field.name)))
    return references


def _unique_field_sets(model: type[models.Model], field: str) -> list[tuple[str, ...]]:
    """The unique constraints of ``model`` that include ``field``: moving a row may collide on them."""
    sets = [tuple(fields) for fields in model._meta.unique_together]
    sets += [tuple(constraint.fields) for constraint in model._meta.total_unique_constraints]
    return [fields for fields in sets if field in fields]


def _move_references(reference: EntityReference, survivor: Entity, merged_ids: list[int]) -> None:
    """Point ``reference``'s rows of the merged entities at the survivor. A row the survivor already has
    (same values on a unique constraint: one span mentioned twice, one event's participant twice) is
    dropped instead of moved."""
    manager = reference.model._default_manager
    rows = manager.filter(**{f"{reference.field}__in": merged_ids})
    unique_sets = _unique_field_sets(reference.model, reference.field)
    if not unique_sets:
        rows.update(**{reference.field: survivor})
        return
    others = [[name for name in fields if name != reference.field] for fields in unique_sets]
    survivor_rows = manager.filter(**{reference.field: survivor}).values(
        *{n for names in others for n in names}
    )
    taken = [{tuple(row[name] for name in names) for row in survivor_rows} for names in others]
    moved, dropped = [], []
    for row in rows.values("pk", *{n for names in others for n in names}):
        keys = [tuple(row[name] for name in names) for names in others]
        if any(key in seen for key, seen in zip(keys, taken, strict=True)):
            dropped.append(row["pk"])
            continue
        moved.append(row["pk"])
        for key, seen in zip(keys, taken, strict=True):
            seen.add(key)
    for pk in dropped:  # one by one, so history records each removal
        manager.get(pk=pk).delete()
    manager.filter(pk__in=moved).update(**{reference.field: survivor})


@transaction.atomic
def entity_merge(*, survivor: Entity, merged: list[Entity], entity_type: str | None = None) -> Entity:
    """Fold ``merged`` into ``survivor``: everything that points at them (mentions, quotes, event links:
    every relation to Entity, found generically) and their aliases move over, the merged names become
    aliases, and the merged entities are deleted. Corrections on the moved rows stay as they were.

    Entities of different types merge only when the caller names the result's type (``entity_type``,
    the survivor's or another): a person folded into an organisation by a slip would otherwise retype
    its mentions and quotes unseen. Refused, it is a ``ValidationError`` on ``type``."""
    merged = [entity for entity in merged if entity.pk != survivor.pk]
    if not merged:
        raise ValidationError({"merged": "Choose at least one entity other than the survivor."})
    mixed_types = len({survivor.type, *(entity.type for entity in merged)}) > 1
    if mixed_types and entity_type is None:
        described = "; ".join(f"{entity.name}: {entity.type}" for entity in [survivor, *merged])
        raise ValidationError(
            {"type": f"These entities have different types ({described}): choose the merged entity's type."}
        )
    if entity_type is not None and entity_type != survivor.type:
        entity_update(entity=survivor, data={"type": entity_type})
    merged_ids = [entity.pk for entity in merged]
    # What other apps keep per entity id (articles: the roles each article counted, once per entity) is
    # folded first; their takings back leave the merged entities' role counts to be read again below.
    merging(survivor_id=survivor.pk, merged_ids=merged_ids)
    role_counts = dict(Entity.objects.filter(pk__in=merged_ids).values_list("pk", "role_counts"))
    for reference in entity_references():
        _move_references(reference, survivor, merged_ids)
    names = [entity.name for entity in merged]
    names += list(EntityAlias.objects.filter(entity_id__in=merged_ids).values_list("name", flat=True))
    _add_aliases(survivor, names)
    if any(entity.type != survivor.type for entity in merged):
        _alias_keys_follow_type(survivor)  # the moved aliases were keyed by their old entity's type
    for entity in merged:
        for role, given in (role_counts.get(entity.pk) or {}).items():
            survivor.role_counts = roles_counted(survivor.role_counts or {}, role, given)
    if "role" not in survivor.edited_fields and survivor.role_counts:
        survivor.role = commonest_role(survivor.role_counts)
    if not survivor.role:
        survivor.role = next((entity.role for entity in merged if entity.role), "")
    survivor.mark_edited("aliases")
    survivor.save()
    # The apps whose rows moved bring what they derive from them along (articles: counts, its quote
    # index) before the merged entities (and whatever still points at them) are deleted.
    references_moved(entity_ids=[survivor.pk, *merged_ids])
    Entity.objects.filter(pk__in=merged_ids).delete()
    survivor.refresh_from_db(fields=["mention_count", "article_count"])
    return survivor


class SameKeyGroupChanged(Exception):
    """A group of same-key entities is no longer what was read when its merge was planned."""


def _changes(planned: SameKeyGroup, now: SameKeyGroup) -> str | None:
    """What makes ``now`` another merge than ``planned``, as a sentence's end, or None."""
    if now.ids != planned.ids:
        added = sorted(set(now.ids) - set(planned.ids))
        gone = sorted(set(planned.ids) - set(now.ids))
        parts = [
            f"#{', #'.join(map(str, added))} joined it" if added else "",
            f"#{', #'.join(map(str, gone))} left it" if gone else "",
        ]
        return " and ".join(part for part in parts if part)
    if now.survivor is None:
        return f"it is left now: {now.left}"
    if planned.survivor is None or now.survivor.pk != planned.survivor.pk:
        return f"its survivor would now be #{now.survivor.pk}"
    return None


@retry_on_conflict
@transaction.atomic
def entity_merge_same_key(*, group: SameKeyGroup) -> Entity:
    """Merge a group of entities that came to share a name key (``entity_merge``: aliases, mentions,
    quotes and events move, corrections stay), as ``entity_same_key_groups`` read it.

    One transaction: it takes the store lock (``lock_article_store``: no ingest links an article to
    these entities meanwhile), locks the rows of the group's type and key, and reads the group again
    from them; when it changed since it was read (an entity joined or left, an editor edited one or
    dismissed a pair, the survivor is another), ``SameKeyGroupChanged`` says how and nothing is merged.
    The survivor takes the group's ``new_name`` ("U.S." -> "United States"; ``_take_fuller_name``, as
    an ingest renames an entity), its own name kept as an alias."""
    lock_article_store()
    now = entity_same_key_group_locked(entity_type=group.type, name_key=group.name_key)
    change = _changes(group, now)
    if change is not None:
        raise SameKeyGroupChanged(
            f"The {group.type} group {group.name_key!r} changed since it was read: {change}; nothing "
            "of it was merged (run the command again to see it as it is)."
        )
    survivor = now.survivor
    if now.new_name is not None and _take_fuller_name(survivor, now.new_name) is not None:
        survivor.save(update_fields=["name", "name_key", "updated_at"])
    return entity_merge(survivor=survivor, merged=now.merged)


@transaction.atomic
def entity_split_alias(*, alias: EntityAlias) -> Entity:
    """Make an alias its own entity (a false merge undone): the rows that wrote that alias (mentions,
    quotes' speakers: every reference whose model names its ``entity_name_fields``) move to it."""
    source = alias.entity
    new_entity = Entity.objects.create(
        name=alias.name,
        name_key=alias.name_key,
        type=source.type,
        slug=_unique_slug(alias.name),
        is_edited=True,
        edited_fields=["name"],
    )
    for reference in entity_references():
        if reference.name_field is None:
            continue
        manager = reference.model._default_manager
        rows = manager.filter(**{reference.field: source}).values_list("pk", reference.name_field)
        moved = [pk for pk, written in rows if name_key(written, source.type) == alias.name_key]
        manager.filter(pk__in=moved).update(**{reference.field: new_entity})
    alias.delete()
    source.mark_edited("aliases")
    source.save(update_fields=["is_edited", "edited_fields", "updated_at"])
    split_off(source_id=source.pk, new_id=new_entity.pk)
    references_moved(entity_ids=[source.pk, new_entity.pk])
    new_entity.refresh_from_db(fields=["mention_count", "article_count"])
    return new_entity


@retry_on_conflict
@transaction.atomic
def entity_split_foreign_aliases(*, entity: Entity) -> list[Entity]:
    """Split off, each as an entity of its own (``entity_split_alias``: the mentions and quotes that wrote
    it move along), the aliases of ``entity`` that are other people's full names
    (``selectors.is_foreign_alias``), read again under the store lock (``lock_article_store``: no ingest
    links an article to the entity meanwhile); a split-off name that another entity of the person's type
    already bears joins that entity (``entity_merge``). Returns the entities the aliases went to; none
    when an editor changed the entity's aliases since it was listed."""
    lock_article_store()
    entity = Entity.objects.select_for_update().get(pk=entity.pk)
    if "aliases" in entity.edited_fields:
        return []
    foreign = [
        alias for alias in entity.aliases.order_by("name", "id") if is_foreign_alias(entity.name, alias.name)
    ]
    made = []
    for alias in foreign:
        split = entity_split_alias(alias=alias)
        # The person may have an entity of their own by now (stored since, or split off another person
        # just before): the split-off rows join it rather than stand beside it.
        own = (
            Entity.objects.filter(type=split.type, name_key=split.name_key)
            .exclude(pk__in=[split.pk, entity.pk])
            .order_by("-mention_count", "id")
            .first()
        )
        made.append(split if own is None else entity_merge(survivor=own, merged=[split]))
    return made


@transaction.atomic
def entity_duplicate_dismiss(*, first: Entity, second: Entity) -> DuplicateDismissal:
    """Record that two entities are not one: the possible-duplicates view never offers them again."""
    if first.pk == second.pk:
        raise ValidationError({"second": "An entity cannot be dismissed as a duplicate of itself."})
    low, high = sorted((first, second), key=lambda entity: entity.pk)
    dismissal, _ = DuplicateDismissal.objects.get_or_create(first=low, second=high)
    return dismissal


@transaction.atomic
def entity_duplicate_undismiss(*, dismissal: DuplicateDismissal) -> None:
    """Offer a dismissed pair in the duplicates view again."""
    dismissal.delete()


@transaction.atomic
def entity_delete(*, entity: Entity) -> None:
    """Delete an entity an editor judged to be junk; its names are remembered so that
    re-ingest and re-extraction never bring it back."""
    names = [entity.name, *entity.aliases.values_list("name", flat=True)]
    for name in names:
        key = name_key(name, entity.type)
        if key:
            DeletedEntityName.objects.update_or_create(
                name_key=key, defaults={"name": name, "type": entity.type}
            )
    before_delete(entity_ids=[entity.pk])
    entity.delete()


# Writes an editor makes in the admin (and any other door): each keeps name keys, slugs and the
# "edited" marks that extraction relies on, which a plain model save would leave out.


@transaction.atomic
def entity_create(*, name: str, type: str, role: str = "") -> Entity:
    """An entity a person adds by hand; its name is matched by the filters and by later ingests."""
    entity = Entity(
        name=name.strip(),
        name_key=name_key(name, type),
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
    alias.name_key = name_key(alias.name, alias.entity.type)
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
