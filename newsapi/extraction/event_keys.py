"""Index keys of events: the stored events a new report may describe are found through them.

``same_event`` (events.py) joins two reports of one date only when their type families match or
their titles share words, so an event is indexed under its type, its kind and its title words,
and a new report looks up its family's types and kinds and its own title words on its date. The
family tables and the title words live here, beside the keys, for events.py to compare with.

Plain Python only: no spaCy, no Django.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from newsapi.extraction.lexicon import (
    ACCIDENT,
    CONFLICT,
    CRIME,
    DATED_TITLE_STOP,
    DISASTER,
    ELECTION,
    KIND_AGREEMENT,
    KIND_ANNOUNCEMENT,
    KIND_ATTACK,
    KIND_CALL,
    KIND_DEATH,
    KIND_EXCHANGE,
    KIND_MEETING,
    KIND_TALKS,
    KIND_VISIT,
    OTHER,
)
from newsapi.extraction.stories import term_hash

# Kinds that two reports of one event may give it.
KIND_FAMILIES: dict[str, set[str]] = {
    KIND_TALKS: {KIND_TALKS, KIND_MEETING},
    KIND_MEETING: {KIND_TALKS, KIND_MEETING, KIND_VISIT},
    KIND_VISIT: {KIND_VISIT, KIND_MEETING},
    KIND_CALL: {KIND_CALL},
    KIND_ATTACK: {KIND_ATTACK, KIND_DEATH},
    KIND_DEATH: {KIND_DEATH, KIND_ATTACK, DISASTER},
    DISASTER: {DISASTER, KIND_DEATH},
    ELECTION: {ELECTION},
    KIND_AGREEMENT: {KIND_AGREEMENT, KIND_ANNOUNCEMENT},
    KIND_EXCHANGE: {KIND_EXCHANGE},
    KIND_ANNOUNCEMENT: {KIND_ANNOUNCEMENT, KIND_AGREEMENT},
    OTHER: {OTHER},
}

# Types that two reports of one happening may give it: a "blast" read as an accident by one outlet is
# an attack for another.
TYPE_FAMILIES: dict[str, set[str]] = {
    DISASTER: {DISASTER, ACCIDENT},
    ACCIDENT: {ACCIDENT, DISASTER, CONFLICT},
    CONFLICT: {CONFLICT, ACCIDENT, CRIME},
    CRIME: {CRIME, CONFLICT},
}

# Postings read per key and date, the latest first (bounds the work however many events share a
# date), and the stored events compared with a new report: those sharing most keys with it.
EVENT_POSTINGS_PER_KEY = 50
EVENT_CANDIDATES = 40


def title_words(title: str) -> set[str]:
    """The words of an event title that ``same_event`` compares."""
    words = re.findall(r"[a-z0-9]+", title.lower())
    return {w for w in words if w not in DATED_TITLE_STOP}


def _keys(types: Iterable[str], kinds: Iterable[str], words: Iterable[str]) -> list[int]:
    terms = {f"type:{t}" for t in types} | {f"kind:{k}" for k in kinds if k} | {f"word:{w}" for w in words}
    return sorted(term_hash(term) for term in terms)


def event_keys(title: str, type: str, kind: str | None) -> list[int]:
    """Keys an event is stored under: its type, its kind (if any) and its title words."""
    return _keys([type], [kind or ""], title_words(title))


def event_lookup_keys(title: str, type: str, kind: str | None) -> list[int]:
    """Keys under which the stored events ``same_event`` may join with this one are found: every
    type and kind of its families, and its title words."""
    kinds = KIND_FAMILIES.get(kind, {kind}) if kind else set()
    return _keys(TYPE_FAMILIES.get(type, {type}), kinds, title_words(title))
