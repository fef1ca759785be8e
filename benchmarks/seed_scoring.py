"""Score extraction output against the hand-written seed gold (``tests/gold/seeds.json``).

Plain Python, no Django: the scorers compare plain dicts so that they can be
tested alone and reused by an evaluation command that maps the pipeline's
dataclasses onto the same shape.

The predicted shape is the gold shape, one dict per article::

    {
        "published_at": "2025-05-28" | None,
        "title": str | None,
        "story": str | None,               # only for story grouping
        "entities": [{"name": str, "type": "person"|"organization"|"location"|"other",
                      "aliases": [str, ...], "role": str | None}],
        "quotes": [{"text": str, "speaker": str | None, "partial": bool}],
        "indirect_quotes": [{"text": str, "speaker": str | None}],
        "events": [{"title": str, "type": str, "date": "YYYY-MM-DD" | None,
                    "precision": "day"|"month"|"year" | None, "location": str | None,
                    "participants": [str, ...]}],
    }

Missing keys count as empty lists / None, so a partial prediction can still
be scored. Matching is lenient but one-to-one: each gold item is matched to at
most one prediction (a maximum matching), so duplicates in the output are
false positives rather than free hits.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import combinations
from pathlib import Path
from typing import Any

from newsapi.extraction.lexicon import KIND_TYPES

GOLD_PATH = Path(__file__).resolve().parent.parent / "tests" / "gold" / "seeds.json"

Article = Mapping[str, Any]

# Entity types the gold annotates. Predictions typed "other" (events, laws,
# nationalities) have no gold counterpart by convention, so they are not scored.
SCORED_ENTITY_TYPES = frozenset({"person", "organization", "location"})

# Titles that often precede a name in the text ("President Putin") but are not
# part of it: dropped from the front so "President Putin" matches "Putin".
_LEADING_WORDS = frozenset({"the", "president", "mr", "mrs", "ms", "dr", "sir", "chancellor"})

# Words that carry no identity in a speaker description ("a senior official").
_DESCRIPTION_STOPWORDS = frozenset({"a", "an", "the", "of", "and"})

# Event types that describe the same happening at different grain: a planned
# round of "talks" is often extracted as a "meeting". "other" means the
# extractor did not classify, so it is compatible with every type.
_COMPATIBLE_EVENT_TYPES = frozenset({frozenset({"talks", "meeting"})})

_PRECISION_RANK = {"day": 0, "month": 1, "year": 2}


@dataclass(frozen=True)
class Score:
    """Counts of one comparison and the precision, recall and F1 they give.

    With nothing predicted precision is 1.0 (nothing wrong was said); with
    nothing to find recall is 1.0. F1 is 0.0 when both are 0.
    """

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        predicted = self.tp + self.fp
        return self.tp / predicted if predicted else 1.0

    @property
    def recall(self) -> float:
        relevant = self.tp + self.fn
        return self.tp / relevant if relevant else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Score) -> Score:
        """Sum counts, for micro-averaging over articles."""
        return Score(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def as_dict(self) -> dict[str, float]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass(frozen=True)
class EventScore:
    """Events found, and how many of the found ones also have the right place.

    ``found`` requires the same date, so among matched events the date is
    always right; ``right_place`` counts those whose location also agrees
    (both null counts as agreeing).
    """

    found: Score
    matched: int
    right_place: int

    @property
    def right_date_and_place_share(self) -> float:
        return self.right_place / self.matched if self.matched else 0.0

    def __add__(self, other: EventScore) -> EventScore:
        return EventScore(
            self.found + other.found, self.matched + other.matched, self.right_place + other.right_place
        )


# --- normalisation -------------------------------------------------------------


def _fold(text: str) -> str:
    """Casefold, strip diacritics and unify apostrophes and quote marks."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = stripped.replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    return stripped.casefold()


def normalise_name(name: str) -> str:
    """The key two names are compared on: "The Kremlin's" -> "kremlin", "U.S." -> "us"."""
    text = _fold(name)
    # Possessives: "Putin's", "Lavrov's"; a bare trailing apostrophe ("allies'").
    text = re.sub(r"'s\b", "", text)
    text = re.sub(r"(?<=s)'(?=\s|$)", "", text)
    # Dots inside abbreviations go so "U.S." equals "US"; other punctuation splits words.
    text = text.replace(".", "")
    tokens = re.sub(r"[^\w\s]", " ", text).split()
    while len(tokens) > 1 and tokens[0] in _LEADING_WORDS:
        tokens.pop(0)
    return " ".join(tokens)


def _text_tokens(text: str) -> Counter[str]:
    """Word tokens of a quote, as a multiset, for overlap counting."""
    return Counter(re.findall(r"\w+(?:'\w+)*", _fold(text)))


def _token_overlap(a: Counter[str], b: Counter[str]) -> float:
    """Shared tokens as a share of the shorter text's tokens (0.0 if either is empty)."""
    shorter = min(sum(a.values()), sum(b.values()))
    if not shorter:
        return 0.0
    return sum((a & b).values()) / shorter


def _name_keys(name: str | None, aliases: Iterable[str] = ()) -> frozenset[str]:
    keys = {normalise_name(n) for n in [name or "", *aliases]}
    keys.discard("")
    return frozenset(keys)


def _entity_keys(entity: Mapping[str, Any]) -> frozenset[str]:
    return _name_keys(entity.get("name"), entity.get("aliases") or ())


def _keys_by_name(entities: Iterable[Mapping[str, Any]]) -> dict[str, frozenset[str]]:
    """Map each entity's normalised name to all its keys, to expand a speaker or place."""
    table: dict[str, frozenset[str]] = {}
    for entity in entities:
        keys = _entity_keys(entity)
        for key in keys:
            table[key] = table.get(key, frozenset()) | keys
    return table


def _expand(name: str | None, table: Mapping[str, frozenset[str]]) -> frozenset[str]:
    """Keys of a name, widened by the aliases of the entity it names, if any."""
    keys = _name_keys(name)
    for key in list(keys):
        keys = keys | table.get(key, frozenset())
    return keys


# --- matching ------------------------------------------------------------------


def _max_matching(candidates: Sequence[Sequence[int]], n_predicted: int) -> dict[int, int]:
    """Maximum one-to-one matching, gold index -> predicted index.

    ``candidates[g]`` lists the predictions gold item ``g`` may match, best
    first; Kuhn's augmenting paths try them in that order, so the matching is
    as large as possible and prefers better pairs where that costs nothing.
    """
    owner: list[int | None] = [None] * n_predicted

    def augment(g: int, seen: set[int]) -> bool:
        for p in candidates[g]:
            if p in seen:
                continue
            seen.add(p)
            current = owner[p]
            if current is None or augment(current, seen):
                owner[p] = g
                return True
        return False

    for g in range(len(candidates)):
        augment(g, set())
    return {g: p for p, g in enumerate(owner) if g is not None}


def _match(n_gold: int, n_predicted: int, similarity: Callable[[int, int], float | None]) -> dict[int, int]:
    """Match gold to predicted items by index; ``similarity`` returns None for "cannot match"."""
    candidates: list[list[int]] = []
    for g in range(n_gold):
        scored = [(s, p) for p in range(n_predicted) if (s := similarity(g, p)) is not None]
        scored.sort(key=lambda pair: (-pair[0], pair[1]))
        candidates.append([p for _, p in scored])
    return _max_matching(candidates, n_predicted)


def _score(matches: Mapping[int, int], n_gold: int, n_predicted: int) -> Score:
    return Score(tp=len(matches), fp=n_predicted - len(matches), fn=n_gold - len(matches))


# --- entities ------------------------------------------------------------------


def score_entities(gold: Article, predicted: Article, *, match_type: bool = False) -> Score:
    """Entity F1 for one article.

    A prediction matches a gold entity when any of its name/aliases equals any
    of the gold's name/aliases after ``normalise_name``; with ``match_type``
    the types must be equal too ("name and type" scoring). Predictions typed
    outside person/organization/location are ignored.
    """
    gold_entities = list(gold.get("entities") or [])
    predicted_entities = [e for e in predicted.get("entities") or [] if e.get("type") in SCORED_ENTITY_TYPES]
    gold_keys = [_entity_keys(e) for e in gold_entities]
    predicted_keys = [_entity_keys(e) for e in predicted_entities]

    def similarity(g: int, p: int) -> float | None:
        shared = gold_keys[g] & predicted_keys[p]
        if not shared:
            return None
        same_type = gold_entities[g].get("type") == predicted_entities[p].get("type")
        if match_type and not same_type:
            return None
        # Prefer the canonical-name match and the right type when several predictions compete.
        return len(shared) + (1.0 if same_type else 0.0)

    matches = _match(len(gold_entities), len(predicted_entities), similarity)
    return _score(matches, len(gold_entities), len(predicted_entities))


# --- quotes --------------------------------------------------------------------


def _is_description(speaker: str, gold_entity_keys: Mapping[str, frozenset[str]]) -> bool:
    """A gold speaker that is not an entity of the article is a description."""
    return not any(key in gold_entity_keys for key in _name_keys(speaker))


def speaker_matches(
    gold_speaker: str | None,
    predicted_speaker: str | None,
    gold_entities: Iterable[Mapping[str, Any]] = (),
    predicted_entities: Iterable[Mapping[str, Any]] = (),
) -> bool:
    """Whether the predicted speaker is the gold one.

    Named speakers compare by name keys, each widened by its own article's
    aliases ("Lavrov" -> "Sergei Lavrov", "Sergey Lavrov"). Descriptions
    ("a senior Ukrainian official") compare by content-word overlap of at
    least half the shorter one ("the official" is right, "they" is not).
    """
    if not gold_speaker or not predicted_speaker:
        return False
    gold_table = _keys_by_name(gold_entities)
    predicted_keys = _expand(predicted_speaker, _keys_by_name(predicted_entities))
    if not _is_description(gold_speaker, gold_table):
        return bool(_expand(gold_speaker, gold_table) & predicted_keys)
    gold_words = _text_tokens(gold_speaker)
    predicted_words = _text_tokens(predicted_speaker)
    for stopword in _DESCRIPTION_STOPWORDS:
        gold_words.pop(stopword, None)
        predicted_words.pop(stopword, None)
    return _token_overlap(gold_words, predicted_words) >= 0.5


def _match_quotes(
    gold: Article, predicted: Article, *, key: str, min_overlap: float
) -> tuple[Score, int, int]:
    """Quote matches: (found Score, matched count, matched with the right speaker)."""
    gold_quotes = list(gold.get(key) or [])
    predicted_quotes = list(predicted.get(key) or [])
    gold_tokens = [_text_tokens(q.get("text") or "") for q in gold_quotes]
    predicted_tokens = [_text_tokens(q.get("text") or "") for q in predicted_quotes]

    def similarity(g: int, p: int) -> float | None:
        overlap = _token_overlap(gold_tokens[g], predicted_tokens[p])
        return overlap if overlap >= min_overlap else None

    matches = _match(len(gold_quotes), len(predicted_quotes), similarity)
    gold_entities = gold.get("entities") or []
    predicted_entities = predicted.get("entities") or []
    right_speaker = sum(
        speaker_matches(
            gold_quotes[g].get("speaker"),
            predicted_quotes[p].get("speaker"),
            gold_entities,
            predicted_entities,
        )
        for g, p in matches.items()
    )
    return _score(matches, len(gold_quotes), len(predicted_quotes)), len(matches), right_speaker


def score_quotes(
    gold: Article, predicted: Article, *, key: str = "quotes", min_overlap: float = 0.5
) -> tuple[Score, float]:
    """Quote F1 for one article and the share of found quotes with the right speaker.

    A prediction matches a gold quote when their word tokens (casefolded,
    without diacritics, as multisets) share at least ``min_overlap`` of the
    shorter one's tokens. ``key="indirect_quotes"`` scores reported speech the
    same way. The speaker share is 0.0 when nothing was found.
    """
    score, matched, right_speaker = _match_quotes(gold, predicted, key=key, min_overlap=min_overlap)
    return score, (right_speaker / matched if matched else 0.0)


# --- events --------------------------------------------------------------------


def _parse_date(value: str | date | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def dates_agree(
    gold_date: str | date | None,
    gold_precision: str | None,
    predicted_date: str | date | None,
    predicted_precision: str | None,
) -> bool:
    """Whether a predicted date is the gold date at the gold's precision.

    "2025-05-16" (day) agrees with a gold "2025-05-01" (month); a prediction
    coarser than the gold ("2025" for a gold day) does not, or a bare year
    would match every event of that year. A missing precision means "day".
    """
    g, p = _parse_date(gold_date), _parse_date(predicted_date)
    if g is None or p is None:
        return False
    g_rank = _PRECISION_RANK.get(gold_precision or "day", 0)
    p_rank = _PRECISION_RANK.get(predicted_precision or "day", 0)
    if p_rank > g_rank:
        return False
    if g_rank == 2:
        return g.year == p.year
    if g_rank == 1:
        return (g.year, g.month) == (p.year, p.month)
    return g == p


def event_types_compatible(
    gold_type: str | None, predicted_type: str | None, predicted_kind: str | None = None
) -> bool:
    """The gold names finer kinds ("talks", "call"); a prediction's kind compares with them, and a
    prediction with only a documented type (lexicon.EVENT_TYPES) compares with the gold kind's type."""
    if not gold_type or not (predicted_type or predicted_kind):
        return False
    if predicted_kind:
        if gold_type == predicted_kind or "other" in (gold_type, predicted_kind):
            return True
        return frozenset({gold_type, predicted_kind}) in _COMPATIBLE_EVENT_TYPES
    folded = KIND_TYPES.get(gold_type, gold_type), KIND_TYPES.get(predicted_type, predicted_type)
    return folded[0] == folded[1] or "other" in (gold_type, predicted_type)


def score_events(gold: Article, predicted: Article) -> EventScore:
    """Events found in one article, and how many of those have the right place.

    A prediction finds a gold event when the dates agree (``dates_agree``) and
    either the types are compatible or both name the same place. Places
    compare by entity name keys, widened by each article's aliases.
    """
    gold_events = list(gold.get("events") or [])
    predicted_events = list(predicted.get("events") or [])
    gold_table = _keys_by_name(gold.get("entities") or [])
    predicted_table = _keys_by_name(predicted.get("entities") or [])
    gold_places = [_expand(e.get("location"), gold_table) for e in gold_events]
    predicted_places = [_expand(e.get("location"), predicted_table) for e in predicted_events]
    gold_people = [
        frozenset().union(*(_expand(n, gold_table) for n in e.get("participants") or ())) for e in gold_events
    ]
    predicted_people = [
        frozenset().union(*(_expand(n, predicted_table) for n in e.get("participants") or ()))
        for e in predicted_events
    ]

    def same_place(g: int, p: int) -> bool:
        return bool(gold_places[g] & predicted_places[p])

    def similarity(g: int, p: int) -> float | None:
        g_event, p_event = gold_events[g], predicted_events[p]
        if not dates_agree(
            g_event.get("date"), g_event.get("precision"), p_event.get("date"), p_event.get("precision")
        ):
            return None
        compatible = event_types_compatible(g_event.get("type"), p_event.get("type"), p_event.get("kind"))
        if not compatible and not same_place(g, p):
            return None
        # Several events can share a date (two announcements on 28 May):
        # prefer the pair that agrees on type, place and who took part.
        return (
            (g_event.get("type") == (p_event.get("kind") or p_event.get("type")))
            + same_place(g, p)
            + len(gold_people[g] & predicted_people[p]) / (len(gold_people[g]) or 1)
        )

    matches = _match(len(gold_events), len(predicted_events), similarity)

    def place_right(g: int, p: int) -> bool:
        if not gold_events[g].get("location"):
            return not predicted_events[p].get("location")
        return same_place(g, p)

    right_place = sum(place_right(g, p) for g, p in matches.items())
    return EventScore(_score(matches, len(gold_events), len(predicted_events)), len(matches), right_place)


# --- publication dates and clusterings -----------------------------------------


def score_dates(gold: Mapping[str, Article], predicted: Mapping[str, Article]) -> float:
    """Share of gold articles whose predicted ``published_at`` is the gold day.

    Both arguments map an article key (the seed file name) to its dict; an
    article missing from ``predicted`` counts as wrong.
    """
    if not gold:
        return 1.0
    right = 0
    for key, article in gold.items():
        guess = predicted.get(key) or {}
        gold_day = _parse_date(article.get("published_at"))
        right += gold_day is not None and gold_day == _parse_date(guess.get("published_at"))
    return right / len(gold)


def _as_mapping(labels: Mapping[Hashable, Any] | Sequence[Any]) -> Mapping[Hashable, Any]:
    return labels if isinstance(labels, Mapping) else dict(enumerate(labels))


def _same_cluster_pairs(
    labels: Mapping[Hashable, Any], items: Sequence[Hashable]
) -> set[frozenset[Hashable]]:
    """Pairs of items sharing a label; a None label is a cluster of its own."""
    pairs: set[frozenset[Hashable]] = set()
    for a, b in combinations(items, 2):
        label_a, label_b = labels.get(a), labels.get(b)
        if label_a is not None and label_a == label_b:
            pairs.add(frozenset((a, b)))
    return pairs


def pairwise_f1(
    gold_labels: Mapping[Hashable, Any] | Sequence[Any],
    predicted_labels: Mapping[Hashable, Any] | Sequence[Any],
) -> Score:
    """Pairwise precision/recall/F1 of a clustering (entity merges, story grouping).

    Labels are item -> cluster label, as mappings or as aligned sequences.
    Every pair of gold items is a positive when both clusterings put it
    together (tp), a false positive when only the prediction does, a false
    negative when only the gold does. Gold items the prediction leaves out or
    labels None are singletons; predicted items outside the gold are ignored.
    """
    gold_map, predicted_map = _as_mapping(gold_labels), _as_mapping(predicted_labels)
    if not isinstance(gold_labels, Mapping) and len(gold_labels) != len(predicted_labels):
        raise ValueError("Label sequences must have the same length; pass mappings to compare subsets.")
    items = list(gold_map)
    gold_pairs = _same_cluster_pairs(gold_map, items)
    predicted_pairs = _same_cluster_pairs(predicted_map, items)
    tp = len(gold_pairs & predicted_pairs)
    return Score(tp=tp, fp=len(predicted_pairs) - tp, fn=len(gold_pairs) - tp)


# --- the whole seed set ----------------------------------------------------------


def load_gold(path: Path | str = GOLD_PATH) -> dict[str, dict[str, Any]]:
    """The gold articles by file name, without the top-level "_conventions" note."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return {key: value for key, value in data.items() if not key.startswith("_")}


def score_corpus(gold: Mapping[str, Article], predicted: Mapping[str, Article]) -> dict[str, Any]:
    """Micro-averaged scores over every gold article, as a JSON-ready dict.

    An article missing from ``predicted`` is scored as an empty prediction.
    """
    entities = entities_typed = quotes = indirect = Score(0, 0, 0)
    events = EventScore(Score(0, 0, 0), 0, 0)
    quotes_matched = quotes_right_speaker = 0
    for key, gold_article in gold.items():
        guess = predicted.get(key) or {}
        entities += score_entities(gold_article, guess)
        entities_typed += score_entities(gold_article, guess, match_type=True)
        found, matched, right = _match_quotes(gold_article, guess, key="quotes", min_overlap=0.5)
        quotes += found
        quotes_matched += matched
        quotes_right_speaker += right
        indirect += _match_quotes(gold_article, guess, key="indirect_quotes", min_overlap=0.5)[0]
        events += score_events(gold_article, guess)
    return {
        "articles": len(gold),
        "entities": entities.as_dict(),
        "entities_with_type": entities_typed.as_dict(),
        "quotes": quotes.as_dict(),
        "quote_speaker_share": round(quotes_right_speaker / quotes_matched, 4) if quotes_matched else 0.0,
        "indirect_quotes": indirect.as_dict(),
        "events": events.found.as_dict(),
        "event_right_date_and_place_share": round(events.right_date_and_place_share, 4),
        "published_at_accuracy": round(score_dates(gold, predicted), 4),
        "stories": pairwise_f1(
            {key: article.get("story") for key, article in gold.items()},
            {key: (predicted.get(key) or {}).get("story") for key in gold},
        ).as_dict(),
    }
