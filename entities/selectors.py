"""Read queries for entities: the query plans live here, not in views."""

import difflib
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Exists, F, OuterRef, Q, QuerySet

from entities.extensions import cooccurrence_source
from entities.models import DuplicateDismissal, Entity, EntityAlias
from newsapi.db import prefetch_rows
from newsapi.extraction.names import full_name, is_fuller_name, names_match, nickname_match, strip_title
from newsapi.extraction.types import PERSON


def entity_list() -> QuerySet[Entity]:
    """Entities with their aliases prefetched; the mention and article counts are the entity's own
    maintained columns (no join to the mentions)."""
    return Entity.objects.prefetch_related(prefetch_rows("aliases")).order_by("name", "id")


def entity_id_for_ref(*, ref: str) -> int | None:
    """The entity a URL names: its slug, else its name or any alias (the most mentioned entity when
    several share that alias), else None."""
    from django.utils.text import slugify

    from newsapi.extraction.names import lookup_keys

    by_slug = Entity.objects.filter(slug__in={ref, slugify(ref)}).values_list("id", flat=True).first()
    if by_slug is not None:
        return by_slug
    keys = lookup_keys(ref.replace("-", " "))
    if not keys:
        return None
    return (
        Entity.objects.filter(Q(name_key__in=keys) | Q(aliases__name_key__in=keys))
        .order_by("-mention_count", "id")
        .values_list("id", flat=True)
        .first()
    )


# The duplicates view looks at the most mentioned entities only, and compares names within small
# blocks (same type and a shared name prefix or word), never all pairs: its cost stays bounded.
DUPLICATE_POOL = 3000
DUPLICATE_BLOCK = 60
DUPLICATE_NAME_RATIO = 0.75


@dataclass(frozen=True)
class DuplicateCandidate:
    """Two entities of one type that may be the same: why, and in how many contexts (stories, where
    articles registered them in ``entities.extensions``) both are named."""

    keep: Entity
    other: Entity
    reasons: tuple[str, ...]
    similarity: float
    shared_contexts: int


def _name_reason(first: str, second: str) -> tuple[str, float] | None:
    """Why two name keys may name the same thing, with a similarity from 0 to 1, or None."""
    if not first or not second:
        return None
    words_first, words_second = set(first.split()), set(second.split())
    ratio = difflib.SequenceMatcher(None, first, second).ratio()
    if words_first < words_second or words_second < words_first:
        return "one name is part of the other", max(ratio, 0.8)
    if ratio >= DUPLICATE_NAME_RATIO:
        return "close spelling", ratio
    return None


def _blocks(pool: list[Entity]) -> dict[tuple[str, str], list[Entity]]:
    blocks: dict[tuple[str, str], list[Entity]] = defaultdict(list)
    for entity in pool:
        key = entity.name_key
        labels = {f"prefix:{key[:4]}"} | {f"word:{word}" for word in key.split() if len(word) >= 4}
        for label in labels:
            block = blocks[(entity.type, label)]
            if len(block) < DUPLICATE_BLOCK:
                block.append(entity)
    return blocks


def entity_duplicate_candidates(*, limit: int = 50) -> list[DuplicateCandidate]:
    """Pairs of entities that may be one: same type, and close names or a shared alias, ranked by
    how many contexts (stories) name both, then by name similarity. Pairs an editor dismissed as not
    duplicates never come back. A fixed number of queries."""
    pool = list(
        Entity.objects.order_by("-mention_count", "id").only(
            "id", "name", "name_key", "type", "slug", "mention_count"
        )[:DUPLICATE_POOL]
    )
    by_id = {entity.id: entity for entity in pool}
    found: dict[tuple[int, int], dict] = {}

    def note(first: Entity, second: Entity, reason: str, similarity: float) -> None:
        pair = tuple(sorted((first.id, second.id)))
        entry = found.setdefault(pair, {"reasons": [], "similarity": 0.0})
        if reason not in entry["reasons"]:
            entry["reasons"].append(reason)
        entry["similarity"] = max(entry["similarity"], similarity)

    for members in _blocks(pool).values():
        for index, first in enumerate(members):
            for second in members[index + 1 :]:
                reason = _name_reason(first.name_key, second.name_key)
                if reason is not None:
                    note(first, second, *reason)

    # One entity's alias is another's name or alias.
    owners: dict[str, set[int]] = defaultdict(set)
    for entity in pool:
        owners[entity.name_key].add(entity.id)
    for entity_id, key in EntityAlias.objects.filter(entity_id__in=by_id).values_list(
        "entity_id", "name_key"
    ):
        owners[key].add(entity_id)
    for key, entity_ids in owners.items():
        ordered = sorted(entity_ids)
        for index, first_id in enumerate(ordered):
            for second_id in ordered[index + 1 : index + 1 + DUPLICATE_BLOCK]:
                first, second = by_id[first_id], by_id[second_id]
                if first.type == second.type and key:
                    note(first, second, f"share the name '{key}'", 1.0)

    involved = {entity_id for pair in found for entity_id in pair}
    # Pairs are (smaller id, larger id), as dismissals are recorded.
    for pair in DuplicateDismissal.objects.filter(first_id__in=involved, second_id__in=involved).values_list(
        "first_id", "second_id"
    ):
        found.pop(pair, None)
    if not found:
        return []
    source = cooccurrence_source()
    contexts = source.contexts({entity_id for pair in found for entity_id in pair}) if source else {}
    candidates = []
    for (first_id, second_id), entry in found.items():
        first, second = by_id[first_id], by_id[second_id]
        # The more mentioned entity is the natural survivor; on a tie, the fuller name.
        keep, other = sorted(
            (first, second), key=lambda entity: (-entity.mention_count, -len(entity.name), entity.id)
        )
        candidates.append(
            DuplicateCandidate(
                keep=keep,
                other=other,
                reasons=tuple(entry["reasons"]),
                similarity=round(entry["similarity"], 2),
                shared_contexts=len(contexts.get(first_id, set()) & contexts.get(second_id, set())),
            )
        )
    candidates.sort(key=lambda c: (-c.shared_contexts, -c.similarity, c.keep.name, c.other.name))
    return candidates[:limit]


@dataclass(frozen=True)
class SameKeyGroup:
    """Entities of one type that share one name key (a change of the key function brought them
    together). ``survivor`` is the one the others merge into, or None when the group is ``left`` alone,
    ``left`` saying why."""

    type: str
    name_key: str
    entities: tuple[Entity, ...]
    survivor: Entity | None
    left: str | None

    @property
    def merged(self) -> list[Entity]:
        return [entity for entity in self.entities if entity is not self.survivor]

    @property
    def new_name(self) -> str | None:
        """The name the survivor takes, or None to keep its own: the full name of an abbreviation
        ("U.S." -> "United States"), else the fullest of the names merged into it (as an ingest naming
        it so would rename it: ``names.is_fuller_name``), unless an editor named it."""
        survivor = self.survivor
        if survivor is None or "name" in survivor.edited_fields:
            return None
        name = survivor.name
        for other in (full_name(survivor.name, survivor.type), *(entity.name for entity in self.merged)):
            if other is not None and is_fuller_name(name, other, survivor.type):
                name = other
        return name if name != survivor.name else None

    @property
    def ids(self) -> list[int]:
        return [entity.pk for entity in self.entities]


def same_key_group(
    kind: str, key: str, members: list[Entity], dismissed: list[tuple[int, int]]
) -> SameKeyGroup:
    """The group of ``members`` (one type and key, ordered by id) with its survivor, or left alone:
    the survivor is the entity an editor edited when exactly one is, else the most mentioned (ties: the
    lowest id); a group with two or more edited entities is left (an editor kept them apart), and so is
    one holding a pair an editor ``dismissed`` as not duplicates."""
    edited = [entity for entity in members if entity.is_edited]
    pairs = sorted(dismissed)
    survivor, left = None, None
    if len(edited) > 1:
        left = f"{len(edited)} entities are edited by an editor"
    elif pairs:
        left = "an editor dismissed " + ", ".join(f"#{first} and #{second}" for first, second in pairs)
        left += " as not duplicates"
    else:
        survivor = (
            edited[0] if edited else min(members, key=lambda entity: (-entity.mention_count, entity.pk))
        )
    return SameKeyGroup(kind, key, tuple(members), survivor, left)


def entity_same_key_groups(*, entity_type: str | None = None) -> list[SameKeyGroup]:
    """Every group of two or more entities with the same type and name key (``same_key_group``), in two
    queries."""
    entities = Entity.objects.exclude(name_key="")
    if entity_type is not None:
        entities = entities.filter(type=entity_type)
    twins = Entity.objects.filter(type=OuterRef("type"), name_key=OuterRef("name_key")).exclude(
        pk=OuterRef("pk")
    )
    grouped: dict[tuple[str, str], list[Entity]] = defaultdict(list)
    for entity in entities.filter(Exists(twins)).order_by("type", "name_key", "id"):
        grouped[(entity.type, entity.name_key)].append(entity)
    # Dismissed pairs inside a group: both sides have the same type and key (a join, no id list).
    dismissed: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
    for first_id, second_id, kind, key in DuplicateDismissal.objects.filter(
        first__type=F("second__type"), first__name_key=F("second__name_key")
    ).values_list("first_id", "second_id", "first__type", "first__name_key"):
        dismissed[(kind, key)].append((first_id, second_id))
    return [
        same_key_group(kind, key, members, dismissed.get((kind, key), []))
        for (kind, key), members in grouped.items()
    ]


def entity_same_key_group_locked(*, entity_type: str, name_key: str) -> SameKeyGroup:
    """The group of ``entity_type`` and ``name_key`` as it is now, its entities locked (``SELECT ... FOR
    UPDATE``, in id order) until the caller's transaction ends; call inside a transaction."""
    members = list(
        Entity.objects.select_for_update().filter(type=entity_type, name_key=name_key).order_by("id")
    )
    ids = [entity.pk for entity in members]
    dismissed = DuplicateDismissal.objects.filter(first_id__in=ids, second_id__in=ids)
    return same_key_group(
        entity_type, name_key, members, list(dismissed.values_list("first_id", "second_id"))
    )


@dataclass(frozen=True)
class ForeignAliases:
    """A person holding other people's full names as aliases (``entity_foreign_aliases``)."""

    entity: Entity
    aliases: list[EntityAlias]


def is_foreign_alias(name: str, alias: str) -> bool:
    """Whether a person's ``alias`` is another person's full name: two words or more that neither
    ``names_match`` nor ``nickname_match`` pairs with the person's ``name`` ("Bill Clinton" of "Hillary
    Clinton"; not "Clinton", "Hillary Rodham Clinton", nor "Joseph R. Biden" of "Joe Biden")."""
    if len(strip_title(alias)[0].split()) < 2:
        return False
    return not (names_match(name, alias, PERSON) or nickname_match(alias, name))


def entity_foreign_aliases() -> list[ForeignAliases]:
    """The people holding another person's full name as an alias, as ingest merged them before its
    linking asked for a name that names the entity (2026-12-02; until then a surname or a first name
    two people shared was enough), most mentioned first. People whose aliases an editor changed are left
    out: the aliases may be theirs. Two queries, aliases read in one pass (a maintenance read)."""
    people = {
        entity.pk: entity
        for entity in Entity.objects.filter(type=PERSON, aliases__isnull=False).distinct().order_by()
    }
    found: dict[int, list[EntityAlias]] = defaultdict(list)
    aliases = EntityAlias.objects.filter(entity__type=PERSON).order_by("entity_id", "name", "id")
    for alias in aliases.iterator():
        entity = people.get(alias.entity_id)
        if (
            entity is not None
            and "aliases" not in entity.edited_fields
            and is_foreign_alias(entity.name, alias.name)
        ):
            found[alias.entity_id].append(alias)
    ordered = sorted(found, key=lambda pk: (-people[pk].mention_count, pk))
    return [ForeignAliases(people[pk], found[pk]) for pk in ordered]
