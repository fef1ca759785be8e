"""What the apps that point at entities add to entities' views and writes, without entities importing them.

- The duplicates view ranks pairs by the places both entities are named together. Which places those are
  is known where the mentions live: articles registers its stories here (``articles.apps``). With
  nothing registered, pairs are ranked by their names alone.
- The entity list filters by where entities are named ("mentioned in this article / story / source"):
  the app holding the mentions adds those filters (``register_list_filters``).
- A merge or an alias split moves other apps' rows from one entity to another (generically, through
  ``Entity``'s relations); the apps that derive something from those rows (articles: each entity's
  maintained mention and article counts, each article's entity types) are told which entities' rows
  moved; before a merge moves them, they are told which entities fold into which, and after a split,
  which entity the rows left for which (articles: the roles each article counted, kept by entity id).
  Likewise when an entity's type changes, and before an entity is deleted (its mentions go with it:
  articles removes them itself first, so what it derives from them follows).
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass


@dataclass(frozen=True)
class CooccurrenceSource:
    """``contexts(entity_ids)`` gives, for each of those entities, the contexts (e.g. story ids) it is
    named in, in a fixed number of queries; ``label`` names them for people ("stories")."""

    label: str
    contexts: Callable[[Collection[int]], dict[int, set]]


_cooccurrence: list[CooccurrenceSource] = []


def register_cooccurrence(*, label: str, contexts: Callable[[Collection[int]], dict[int, set]]) -> None:
    """Called once by an app's ``ready()``; registering the same label again replaces it."""
    _cooccurrence[:] = [source for source in _cooccurrence if source.label != label]
    _cooccurrence.append(CooccurrenceSource(label, contexts))


def cooccurrence_source() -> CooccurrenceSource | None:
    """The registered source of shared contexts (the first one), or None."""
    return _cooccurrence[0] if _cooccurrence else None


# Callbacks by what happened to entities, run inside the write's transaction: ``callback(entity_ids)``,
# but ``callback(survivor_id, merged_ids)`` for a merge starting, ``callback(source_id, new_id)`` for a split.
_callbacks: dict[str, list[Callable[..., None]]] = {
    "moved": [],
    "retyped": [],
    "deleting": [],
    "merging": [],
    "split_off": [],
}


def _register(kind: str, callback: Callable[..., None]) -> None:
    if callback not in _callbacks[kind]:
        _callbacks[kind].append(callback)


def _notify(kind: str, *args) -> None:
    for callback in _callbacks[kind]:
        callback(*args)


def register_references_moved(callback: Callable[[list[int]], None]) -> None:
    """``callback(entity_ids)`` runs after a merge or split moved rows to or from those entities (inside
    the same transaction). Called once by an app's ``ready()``; the same callback is kept once."""
    _register("moved", callback)


def references_moved(*, entity_ids: list[int]) -> None:
    """Tell every registered app that rows pointing at these entities moved."""
    _notify("moved", entity_ids)


def register_merging(callback: Callable[[int, list[int]], None]) -> None:
    """``callback(survivor_id, merged_ids)`` runs when a merge starts, before any row moves (same
    transaction): an app that keeps something by entity id, outside the relations a merge moves, folds
    the merged ids into the survivor's. Called once by an app's ``ready()``; the same callback is kept once."""
    _register("merging", callback)


def merging(*, survivor_id: int, merged_ids: list[int]) -> None:
    """Tell every registered app that these entities are being merged into the survivor."""
    _notify("merging", survivor_id, merged_ids)


def register_split_off(callback: Callable[[int, int], None]) -> None:
    """``callback(source_id, new_id)`` runs after an alias split moved the rows that wrote the alias from
    the source entity to a new one (same transaction): an app that keeps something by entity id, outside
    the relations the split moves, follows. Called once by an app's ``ready()``; kept once."""
    _register("split_off", callback)


def split_off(*, source_id: int, new_id: int) -> None:
    """Tell every registered app that some of the source entity's rows now point at a new entity."""
    _notify("split_off", source_id, new_id)


def register_type_changed(callback: Callable[[list[int]], None]) -> None:
    """``callback(entity_ids)`` runs after those entities' type changed (same transaction)."""
    _register("retyped", callback)


def type_changed(*, entity_ids: list[int]) -> None:
    """Tell every registered app that these entities have a new type."""
    _notify("retyped", entity_ids)


def register_before_delete(callback: Callable[[list[int]], None]) -> None:
    """``callback(entity_ids)`` runs just before those entities are deleted (same transaction): an app
    whose rows would go with them by cascade removes them itself, bringing what it derives along."""
    _register("deleting", callback)


def before_delete(*, entity_ids: list[int]) -> None:
    """Tell every registered app that these entities are about to be deleted."""
    _notify("deleting", entity_ids)


def register_list_filters(filters: dict) -> None:
    """Add ``{parameter: django_filters.Filter}`` to the entity list's filters (and so to its OpenAPI
    parameters and its unknown-parameter check). Called once by an app's ``ready()``."""
    from entities.filtersets import EntityFilterSet

    EntityFilterSet.base_filters.update(filters)
