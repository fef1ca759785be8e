"""What the apps that point at entities add to entities' views and writes, without entities importing them.

- The duplicates view ranks pairs by the places both entities are named together. Which places those are
  is known where the mentions live: articles registers its stories here (``articles.apps``). With
  nothing registered, pairs are ranked by their names alone.
- The entity list filters by where entities are named ("mentioned in this article / story / source"):
  the app holding the mentions adds those filters (``register_list_filters``).
- A merge or an alias split moves other apps' rows from one entity to another (generically, through
  ``Entity``'s relations); the apps that derive something from those rows (articles: each entity's
  maintained mention and article counts) are told which entities' rows moved.
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


_references_moved: list[Callable[[list[int]], None]] = []


def register_references_moved(callback: Callable[[list[int]], None]) -> None:
    """``callback(entity_ids)`` runs after a merge or split moved rows to or from those entities (inside
    the same transaction). Called once by an app's ``ready()``; the same callback is kept once."""
    if callback not in _references_moved:
        _references_moved.append(callback)


def references_moved(*, entity_ids: list[int]) -> None:
    """Tell every registered app that rows pointing at these entities moved."""
    for callback in _references_moved:
        callback(entity_ids)


def register_list_filters(filters: dict) -> None:
    """Add ``{parameter: django_filters.Filter}`` to the entity list's filters (and so to its OpenAPI
    parameters and its unknown-parameter check). Called once by an app's ``ready()``."""
    from entities.filtersets import EntityFilterSet

    EntityFilterSet.base_filters.update(filters)
