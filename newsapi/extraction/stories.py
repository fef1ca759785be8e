"""Stories and quote groups: the same news told by several outlets.

Articles are compared by a *fingerprint*, a sparse bag of weighted word stems
and entity names that is plain JSON and stored with the article. No corpus is
available when one article is ingested, so there is no corpus IDF: weights
come from a built-in three-tier table instead (function words weigh nothing,
words that appear in most news stories weigh little, everything else and
proper nouns weigh more), with sublinear term counts and title words boosted.
That keeps a fingerprint fixed once computed, so stored fingerprints stay
comparable as the archive grows. Words alone make two reports of one topic
alike whatever happened in each (every report on North Korea names Kim Jong
Un and Pyongyang), so the fingerprint also carries the sentence embedding of
the headline (``embeddings``), which tells a missile launch from an offer of
talks.

Stories are built online, one article at a time, as ingest sees them:
``story_decide`` joins the candidate story with the highest average linkage
(or starts one, merging stories the article ties together); candidates come
from an index of each article's heaviest terms (``story_keys``), so the work
per article is bounded whatever the archive's size. The evaluation runs the
same decision over ``MemoryStoryIndex``; thresholds were chosen on the tune
part of news-cluster-dev (``benchmarks/eval_news_cluster.py``).

Quote grouping finds one quote reported by several outlets, possibly
translated or shortened differently: content-word overlap, with containment
for a fragment quoted inside a longer rendering; measured on hand-labelled
quote pairs of news-cluster-dev (``benchmarks/eval_quote_groups.py``).

Plain Python and numpy (the encoder): no spaCy, no Django.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import math
import re
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

import numpy as np

from newsapi.extraction.embeddings import lead_embedding
from newsapi.extraction.lexicon import COMMON_NEWS_STEMS, STORY_STOP_WORDS
from newsapi.extraction.names import without_legal_form

# Mean similarity to a story's members above which an article joins it: the middle of the
# run of best thresholds on the tune part of news-cluster-dev (0.25-0.34 with the headline's
# embedding; 0.12-0.20 -> 0.16 on words alone).
STORY_THRESHOLD = 0.29
# Two articles more than this many days apart never share a story.
STORY_WINDOW_DAYS = 7
# Terms kept per fingerprint: enough for a long article, small enough to store.
MAX_TERMS = 200

# Measured by setting each to 1.0 (rule audit, 2026-11-30), news-cluster-dev check mean / worst order
# F1 from 0.875 / 0.850: entity names 0.861 / 0.841, proper nouns 0.865 / 0.850, numbers 0.870 / 0.850.
_ENTITY_WEIGHT = 2.0
_PROPER_NOUN_BOOST = 1.5
_COMMON_WEIGHT = 0.25
_NUMBER_WEIGHT = 0.5
_ENTITY_PREFIX = "e:"
# The sentence embedding of the headline (``embeddings.lead_embedding``: the body's opening when
# there is no headline) is part of the fingerprint, one entry per dimension, so that every
# similarity stays one dot product of two sparse vectors and a story's summed fingerprint still
# gives the mean over its members. Words and embedding are each normalised and weigh 1 and
# LEAD_WEIGHT: the dot product is (words + LEAD_WEIGHT x embedding) / (1 + LEAD_WEIGHT). Chosen on
# news-cluster-dev's tune part with 5w1h-dev's as the second tune set (BENCHMARKS.md "Stories").
LEAD_PREFIX = "v:"
LEAD_WEIGHT = 2.0
# How a stored fingerprint or centroid keeps the embedding's dimensions: one entry under this key
# (no dimension's key is the bare prefix), the values in units of 1e-5, the precision every weight
# is rounded to, as little-endian 32-bit integers in base64: 2 kB instead of 384 JSON entries (6 kB)
# to store and to decode for every candidate story (``pack_fingerprint``).
PACKED_LEAD_KEY = LEAD_PREFIX
_PACK_UNIT = 100_000
_PACK_DTYPE = np.dtype("<i4")
# The word lists (function words with no weight, common news words at _COMMON_WEIGHT) are in
# ``lexicon``.

_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*[A-Za-z]|[A-Za-z]|\d[\d,.]*\d|\d")
# What may stand right before a sentence-initial word (end of the previous
# sentence, a line break, an opening quote): capitals there prove nothing.
_SENTENCE_START = re.compile(r"(?:^|[.!?:]\s+|\n\s*|[\"“‘(]\s*)$")


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A light English stemmer: plural, -ing, -ed and possessive endings.

    Crude on purpose: both sides of a comparison are stemmed alike, so a
    wrong but consistent stem ("stopp") costs nothing.
    """
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = w.strip("'-")
    if len(w) > 4 and w.endswith("ies"):
        w = w[:-3] + "y"
    elif len(w) > 4 and w.endswith("sses"):
        w = w[:-2]
    elif len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    if len(w) > 5 and w.endswith("ing"):
        w = w[:-3]
    elif len(w) > 4 and w.endswith("ed"):
        w = w[:-2]
    return w


def _is_number(token: str) -> bool:
    return token[0].isdigit()


def _term_weights(text: str, *, proper_noun_boost: bool) -> Counter[str]:
    """Raw (not yet sublinear) weighted counts of the content stems in ``text``."""
    counts: Counter[str] = Counter()
    for match in _WORD.finditer(text):
        token = match.group()
        if _is_number(token):
            digits = token.replace(",", "").replace(".", "")
            # Single digits are noise; casualty counts and years can identify an event.
            if len(digits) >= 2:
                counts[digits] += _NUMBER_WEIGHT
            continue
        lower = token.lower().replace("’", "'")
        if lower in STORY_STOP_WORDS or len(lower) < 2:
            continue
        term = stem(lower)
        if not term or term in STORY_STOP_WORDS:
            continue
        weight = _COMMON_WEIGHT if term in COMMON_NEWS_STEMS or lower in COMMON_NEWS_STEMS else 1.0
        if (
            proper_noun_boost
            and token[0].isupper()
            and weight == 1.0
            and not _SENTENCE_START.search(text[max(0, match.start() - 4) : match.start()])
        ):
            weight *= _PROPER_NOUN_BOOST
        counts[term] += weight
    return counts


def _entity_key(name: str) -> str:
    # A company is one term whether an outlet writes its legal form or not ("Qualcomm Inc." and
    # "Qualcomm"): the extraction keeps the fuller name when an article writes both.
    name = without_legal_form(name) or name
    return _ENTITY_PREFIX + " ".join(stem(w) for w in _WORD.findall(name)).strip()


def article_fingerprint(
    title: str, body: str, entity_names: list[str], lead_vector: Sequence[float] | None = None
) -> dict[str, float]:
    """A JSON-serialisable sparse vector describing what the article is about.

    Keys are word stems, ``"e:" + name`` for entity names, and ``"v:" + i`` for the dimensions of
    the lead's embedding (``lead_vector``, the pipeline's ``ArticleExtraction.lead_vector``;
    computed here when not given); values are weights, L2-normalised so that similarity is a plain
    dot product.
    """
    words = _word_fingerprint(title, body, entity_names)
    if lead_vector is None:
        lead_vector = lead_embedding(title, body)
    word_scale = math.sqrt(1 / (1 + LEAD_WEIGHT))
    lead_scale = math.sqrt(LEAD_WEIGHT / (1 + LEAD_WEIGHT))
    vector = {term: round(weight * word_scale, 5) for term, weight in words.items()}
    vector.update({f"{LEAD_PREFIX}{i}": round(x * lead_scale, 5) for i, x in enumerate(lead_vector) if x})
    return vector


def _word_fingerprint(title: str, body: str, entity_names: list[str]) -> dict[str, float]:
    """The words and names of the fingerprint, L2-normalised."""
    body_counts = _term_weights(body, proper_noun_boost=True)
    # Titles are often Title Case: capitals there say nothing about proper nouns.
    title_counts = _term_weights(title, proper_noun_boost=False)
    vector: dict[str, float] = {}
    for term, count in body_counts.items():
        vector[term] = 1.0 + math.log(count) if count >= 1 else count
    for term, count in title_counts.items():
        vector[term] = vector.get(term, 0.0) + min(count, 1.0)
    entity_counts = Counter(
        key for name in entity_names if len(key := _entity_key(name)) > len(_ENTITY_PREFIX)
    )
    for key, count in entity_counts.items():
        vector[key] = _ENTITY_WEIGHT * (1.0 + math.log(count))
    top = sorted(vector.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_TERMS]
    norm = math.sqrt(sum(v * v for _, v in top)) or 1.0
    return {term: round(v / norm, 5) for term, v in top}


def pack_fingerprint(vector: dict[str, float]) -> dict[str, float | str]:
    """The fingerprint (or centroid) as stored: its words and names as they are, the embedding's
    dimensions packed into one entry (``PACKED_LEAD_KEY``). Exact for weights rounded to 5 decimals;
    a sum too large for 32 bits (a story of some 26,000 members) stays unpacked."""
    lead = {int(term[len(LEAD_PREFIX) :]): weight for term, weight in vector.items() if _is_dimension(term)}
    if not lead:
        return dict(vector)
    units = np.zeros(max(lead) + 1, dtype=np.int64)
    for index, weight in lead.items():
        units[index] = round(weight * _PACK_UNIT)
    limits = np.iinfo(_PACK_DTYPE)
    if units.min() < limits.min or units.max() > limits.max:
        return dict(vector)
    packed: dict[str, float | str] = {
        term: weight for term, weight in vector.items() if not _is_dimension(term)
    }
    packed[PACKED_LEAD_KEY] = base64.b64encode(units.astype(_PACK_DTYPE).tobytes()).decode("ascii")
    return packed


def unpack_fingerprint(stored: dict) -> dict[str, float]:
    """The fingerprint ``pack_fingerprint`` stored, one entry per dimension again; a fingerprint stored
    unpacked (before packing, or too large to pack) is returned as it is. A damaged packed entry
    raises ValueError."""
    packed = stored.get(PACKED_LEAD_KEY)
    if packed is None:
        return stored
    try:
        units = np.frombuffer(base64.b64decode(packed, validate=True), dtype=_PACK_DTYPE)
    except (binascii.Error, TypeError, ValueError) as error:
        raise ValueError(
            f"The packed embedding of a fingerprint is not base64 of 32-bit integers: {error}"
        ) from error
    vector = {term: weight for term, weight in stored.items() if term != PACKED_LEAD_KEY}
    vector.update({f"{LEAD_PREFIX}{i}": unit / _PACK_UNIT for i, unit in enumerate(units.tolist()) if unit})
    return vector


def _is_dimension(term: str) -> bool:
    return term.startswith(LEAD_PREFIX) and term[len(LEAD_PREFIX) :].isdigit()


def fingerprint_similarity(a: dict[str, float], b: dict[str, float]) -> float:
    """Cosine similarity of two fingerprints, 0..1."""
    if len(a) > len(b):
        a, b = b, a
    dot = sum(v * b[k] for k, v in a.items() if k in b)
    norm_a = math.sqrt(sum(v * v for v in a.values()))
    norm_b = math.sqrt(sum(v * v for v in b.values()))
    if not norm_a or not norm_b:
        return 0.0
    return max(0.0, min(1.0, dot / (norm_a * norm_b)))


@dataclass(frozen=True)
class StoryParams:
    """The knobs of story grouping (chosen on the tune part of news-cluster-dev)."""

    # Mean similarity to a story's members above which an article joins it.
    threshold: float = STORY_THRESHOLD
    # Mean similarity between two stories above which they merge (None: ``threshold``).
    merge_threshold: float | None = None
    # Dates this many days apart count as the same moment.
    window_days: int = STORY_WINDOW_DAYS
    # How fast similarity fades past the window (per log of the gap in windows).
    decay: float = 0.15
    # Past this gap articles never share a story, however alike (follow-ups months later
    # still join; the same words years apart are another round of the same conflict).
    max_gap_days: int = 365
    # Stories one new article folds into the one it joins: a merge moves the smaller stories' articles
    # (every row rewritten with its indexes), so the work an article may cause stays bounded; stories
    # still close enough are folded by later reports. On the tune part of news-cluster-dev (11 orders,
    # both date modes) no article ever merged more than one.
    max_merges: int = 1


STORY_PARAMS = StoryParams()


def date_factor(a: date | None, b: date | None, params: StoryParams = STORY_PARAMS) -> float:
    """Multiplier for the similarity of two articles published ``a`` and ``b``.

    1 inside the window or when a date is unknown, then decaying with the log
    of the gap measured in windows, and 0 past ``max_gap_days``.
    """
    if a is None or b is None:
        return 1.0
    gap = abs((a - b).days)
    if gap <= params.window_days:
        return 1.0
    if gap > params.max_gap_days:
        return 0.0
    return 1.0 / (1.0 + params.decay * math.log(gap / max(1, params.window_days)))


# --- online story grouping --------------------------------------------------
#
# Ingest sees one article at a time. Each story keeps the sum of its members'
# fingerprints (``StoryProfile.centroid``): the mean similarity of a new article
# to every member (average linkage) is one dot product with that sum divided by
# the story's size, whatever the size. Candidate stories come from an index of
# a few keys per article (its heaviest terms), so only a bounded number of
# stories is ever scored. When a new article ties two stories together closely
# enough that their own average linkage passes the bar, they merge: which story
# an early article started no longer depends on arrival order.

# Keys an article is indexed under: its heaviest terms (names weigh most).
STORY_KEYS = 12
# Stories scored per new article: those sharing most keys with it.
STORY_CANDIDATES = 20
# Postings read per key (the nearest in date, half on each side): bounds the work however
# common a key is; undated postings are read apart, the latest first.
STORY_POSTINGS_PER_KEY = 50
STORY_UNDATED_POSTINGS_PER_KEY = 10
# Terms kept in a story's summed fingerprint.
CENTROID_TERMS = 400


@dataclass
class StoryProfile:
    """What the online grouping needs to know of a story: its summed fingerprint, size and dates."""

    key: Hashable
    centroid: dict[str, float]
    size: int
    first_day: date | None = None
    last_day: date | None = None
    # False for a story an editor touched: it may grow but is never merged away.
    mergeable: bool = True


@dataclass
class StoryDecision:
    """Where a new article goes: ``story`` (None for a new one), stories folded into it, the new profile."""

    story: Hashable | None
    merged: list[Hashable]
    profile: StoryProfile


def story_keys(fingerprint: dict[str, float], count: int = STORY_KEYS) -> list[int]:
    """Index keys of an article: its ``count`` heaviest terms, as stable signed 63-bit hashes."""
    terms = ((term, weight) for term, weight in fingerprint.items() if not term.startswith(LEAD_PREFIX))
    top = sorted(terms, key=lambda kv: (-kv[1], kv[0]))[:count]
    return [term_hash(term) for term, _ in top]


def term_hash(term: str) -> int:
    """A stable 63-bit hash of a term (fits a signed BIGINT column)."""
    return int.from_bytes(hashlib.blake2b(term.encode("utf-8"), digest_size=8).digest(), "big") >> 1


def _dot(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b[k] for k, v in a.items() if k in b)


def _gap_to_span(day: date | None, first: date | None, last: date | None) -> date | None:
    """The story day nearest ``day`` (for the date factor), or None when either side is undated."""
    if day is None or first is None or last is None:
        return None
    if day < first:
        return first
    if day > last:
        return last
    return day


def _profile_factor(a: StoryProfile, b: StoryProfile, params: StoryParams) -> float:
    if None in (a.first_day, a.last_day, b.first_day, b.last_day):
        return 1.0
    if a.last_day < b.first_day:
        return date_factor(a.last_day, b.first_day, params)
    if b.last_day < a.first_day:
        return date_factor(b.last_day, a.first_day, params)
    return 1.0


def story_linkage(
    fingerprint: dict[str, float], day: date | None, story: StoryProfile, params: StoryParams = STORY_PARAMS
) -> float:
    """Mean similarity of an article to a story's members, faded by the date gap."""
    if story.size <= 0:
        return 0.0
    nearest = _gap_to_span(day, story.first_day, story.last_day)
    return _dot(fingerprint, story.centroid) / story.size * date_factor(day, nearest, params)


def profiles_linkage(a: StoryProfile, b: StoryProfile, params: StoryParams = STORY_PARAMS) -> float:
    """Mean similarity over every pair of members of two stories, faded by their date gap."""
    if a.size <= 0 or b.size <= 0:
        return 0.0
    return _dot(a.centroid, b.centroid) / (a.size * b.size) * _profile_factor(a, b, params)


def _truncate(vector: dict[str, float]) -> dict[str, float]:
    """The heaviest CENTROID_TERMS words and names, and every dimension of the lead embedding."""
    lead = {term: weight for term, weight in vector.items() if term.startswith(LEAD_PREFIX)}
    if len(vector) - len(lead) <= CENTROID_TERMS:
        return vector
    words = (kv for kv in vector.items() if not kv[0].startswith(LEAD_PREFIX))
    return {**dict(sorted(words, key=lambda kv: (-kv[1], kv[0]))[:CENTROID_TERMS]), **lead}


def profile_add(profile: StoryProfile, fingerprint: dict[str, float], day: date | None) -> StoryProfile:
    """The profile with one more member."""
    centroid = dict(profile.centroid)
    for term, weight in fingerprint.items():
        centroid[term] = centroid.get(term, 0.0) + weight
    return replace(
        profile,
        centroid={k: round(v, 5) for k, v in _truncate(centroid).items()},
        size=profile.size + 1,
        first_day=min(d for d in (profile.first_day, day) if d) if profile.first_day or day else None,
        last_day=max(d for d in (profile.last_day, day) if d) if profile.last_day or day else None,
    )


def profile_remove(profile: StoryProfile, fingerprint: dict[str, float]) -> StoryProfile:
    """The profile without one member (re-extraction); the date span stays as it was."""
    centroid = dict(profile.centroid)
    for term, weight in fingerprint.items():
        if term.startswith(LEAD_PREFIX):
            # The embedding's dimensions are signed: the sum of the others' is what is left.
            centroid[term] = round(centroid.get(term, 0.0) - weight, 5)
        elif term in centroid:
            left = round(centroid[term] - weight, 5)
            if left > 0:
                centroid[term] = left
            else:
                del centroid[term]
    size = max(0, profile.size - 1)
    return replace(profile, centroid=centroid if size else {}, size=size)


def profile_merge(a: StoryProfile, b: StoryProfile) -> StoryProfile:
    """One profile for the members of both (keeps ``a``'s key)."""
    centroid = dict(a.centroid)
    for term, weight in b.centroid.items():
        centroid[term] = centroid.get(term, 0.0) + weight
    firsts = [d for d in (a.first_day, b.first_day) if d]
    lasts = [d for d in (a.last_day, b.last_day) if d]
    return StoryProfile(
        key=a.key,
        centroid={k: round(v, 5) for k, v in _truncate(centroid).items()},
        size=a.size + b.size,
        first_day=min(firsts) if firsts else None,
        last_day=max(lasts) if lasts else None,
        mergeable=a.mergeable,
    )


def merge_survivor(story: Hashable, merged: list[Hashable], sizes: dict[Hashable, int]) -> Hashable:
    """Which of a merge's stories keeps its identity: the one with most members (``story``, the one the
    article joined, on a tie), so that merging moves the fewest articles."""
    return max([story, *merged], key=lambda key: (sizes.get(key, 0), key == story))


def story_decide(
    fingerprint: dict[str, float],
    day: date | None,
    candidates: list[StoryProfile],
    params: StoryParams = STORY_PARAMS,
) -> StoryDecision:
    """Join the closest candidate story, or start one; merge the candidates it now joins.

    ``day`` is the article's publication date when it is confident, else None
    (a guessed year must not keep an article out of its story). Candidates are
    the stories the index found; nothing else is compared.
    """
    merge_threshold = params.threshold if params.merge_threshold is None else params.merge_threshold
    scored = sorted(
        ((story_linkage(fingerprint, day, c, params), i) for i, c in enumerate(candidates)),
        key=lambda pair: (-pair[0], pair[1]),
    )
    if not scored or scored[0][0] < params.threshold:
        profile = profile_add(StoryProfile(None, {}, 0), fingerprint, day)
        return StoryDecision(story=None, merged=[], profile=profile)
    chosen = candidates[scored[0][1]]
    profile = profile_add(chosen, fingerprint, day)
    merged: list[Hashable] = []
    # The new member may bring the chosen story close to another candidate: fold those in,
    # most similar first, re-checking against the grown story each time.
    for _, index in scored[1:]:
        if len(merged) >= params.max_merges:
            break
        other = candidates[index]
        if other.mergeable and profiles_linkage(profile, other, params) >= merge_threshold:
            profile = profile_merge(profile, other)
            merged.append(other.key)
    return StoryDecision(story=chosen.key, merged=merged, profile=profile)


class MemoryStoryIndex:
    """The online grouping over an in-memory index, with the same bounds as the database one.

    Used by the evaluation and the tests; ``articles/services.py`` runs the same
    ``story_decide`` over PostgreSQL or SQLite tables.
    """

    def __init__(self, params: StoryParams = STORY_PARAMS) -> None:
        self.params = params
        self.postings: dict[int, list[tuple[date | None, int]]] = {}
        self.story_of: list[int] = []
        self.profiles: dict[int, StoryProfile] = {}
        self._next_story = 0

    def candidates(self, keys: list[int], day: date | None) -> list[StoryProfile]:
        """As the database reads them: per key the postings nearest in date, then the most shared stories."""
        shared: Counter[int] = Counter()
        half = STORY_POSTINGS_PER_KEY // 2
        for key in keys:
            postings = self.postings.get(key, [])
            undated = [article for posted, article in postings if posted is None][::-1]
            if day is None:
                chosen = [article for _, article in postings][::-1][:STORY_POSTINGS_PER_KEY]
            else:
                gap = self.params.max_gap_days
                dated = [(posted, article) for posted, article in postings if posted is not None]
                before = sorted(
                    (p for p in dated if 0 <= (day - p[0]).days <= gap),
                    key=lambda p: (p[0], p[1]),
                    reverse=True,
                )
                after = sorted(p for p in dated if 0 < (p[0] - day).days <= gap)
                chosen = [a for _, a in before[:half]] + [a for _, a in after[:half]]
                chosen += undated[:STORY_UNDATED_POSTINGS_PER_KEY]
            for article in chosen:
                shared[self.story_of[article]] += 1
        ranked = sorted(shared.items(), key=lambda kv: (-kv[1], kv[0]))[:STORY_CANDIDATES]
        return [self.profiles[story] for story, _ in ranked]

    def add(self, fingerprint: dict[str, float], day: date | None) -> int:
        """Group one more article; returns its story number."""
        keys = story_keys(fingerprint)
        decision = story_decide(fingerprint, day, self.candidates(keys, day), self.params)
        story = decision.story
        if story is None:
            story = self._next_story
            self._next_story += 1
        elif decision.merged and self.profiles[story].mergeable:
            # As the database keeps them: the largest story survives the merge (``merge_survivor``).
            sizes = {key: self.profiles[key].size for key in (story, *decision.merged)}
            survivor = merge_survivor(story, decision.merged, sizes)
            decision.merged = [story if key == survivor else key for key in decision.merged]
            story = survivor
        for other in decision.merged:
            del self.profiles[other]
            self.story_of = [story if s == other else s for s in self.story_of]
        decision.profile.key = story
        self.profiles[story] = decision.profile
        article = len(self.story_of)
        self.story_of.append(story)
        for key in keys:
            self.postings.setdefault(key, []).append((day, article))
        return story


def group_online(
    items: list[tuple[dict[str, float], date | None]],
    order: list[int] | None = None,
    params: StoryParams = STORY_PARAMS,
) -> list[int]:
    """Stories of ``items`` (fingerprint, confident day or None) arriving one by one in ``order``.

    One label per item, numbered by first appearance in ``items``.
    """
    index = MemoryStoryIndex(params)
    order = list(range(len(items))) if order is None else order
    position = {}
    for i in order:
        position[i] = len(index.story_of)
        index.add(*items[i])
    labels: dict[int, int] = {}
    return [labels.setdefault(index.story_of[position[i]], len(labels)) for i in range(len(items))]


STORY_TITLE_LENGTH = 120
_SENTENCE_END = re.compile(r"(?<=[.!?])\s")


def story_title(title: str, body: str) -> str:
    """A one-line title for a new story: the article's title, else the body's first sentence, cut at a word."""
    text = " ".join((title or "").split()) or " ".join((body or "").split())
    if not text:
        return "Untitled story"
    if not " ".join((title or "").split()):
        text = _SENTENCE_END.split(text, maxsplit=1)[0]
    if len(text) <= STORY_TITLE_LENGTH:
        return text
    cut = text[: STORY_TITLE_LENGTH - 1].rsplit(" ", 1)[0].rstrip(",;:-–— ")
    return cut + "…"


# --- quotes ----------------------------------------------------------------


# Cached: grouping compares a new quote with up to QUOTE_CANDIDATES stored ones, and their members.
@lru_cache(maxsize=1 << 12)
def _quote_terms(text: str) -> tuple[str, ...]:
    terms: list[str] = []
    for token in _WORD.findall(text):
        lower = token.lower().replace("’", "'")
        if lower in STORY_STOP_WORDS:
            continue
        term = stem(lower)
        if term and term not in STORY_STOP_WORDS:
            terms.append(term)
    return tuple(terms)


@lru_cache(maxsize=1 << 12)
def _quote_words(text: str) -> str:
    """The quote's words, lower-cased, one space apart and padded with one: a fragment quoted word
    for word inside a longer rendering is a substring of its words."""
    return " " + " ".join(token.lower().replace("’", "'") for token in _WORD.findall(text)) + " "


# A fragment of at least this many words found word for word inside the other quote makes the two
# the same quote, however short it is ("No fight" in the whole tweet). On the tune part of the quote
# pairs (benchmarks/eval_quote_groups.py), pairwise F1 at the best threshold of each: 0.888 without
# it (P 0.868, R 0.908 at 0.25), 0.922 with it (P 0.989, R 0.862 at 0.4). One-word fragments
# ("accessed") are as often another statement's word.
QUOTE_FRAGMENT_WORDS = 2


def quote_similarity(a: str, b: str) -> float:
    """How alike two quotes are, 0..1, robust to rewording and to fragments.

    The larger of the Dice overlap of the content terms and a length-damped
    containment (the share of the shorter quote found in the longer), so a
    reworded fragment of a longer rendering still scores high, but a two-word
    fragment does not match everything that contains those words in any
    order; 1.0 when the shorter quote (with a content word) is found word for
    word inside the longer.
    """
    terms_a, terms_b = set(_quote_terms(a)), set(_quote_terms(b))
    if not terms_a or not terms_b:
        return 0.0
    shorter, longer = sorted((_quote_words(a), _quote_words(b)), key=len)
    if shorter.count(" ") > QUOTE_FRAGMENT_WORDS and shorter in longer:
        return 1.0
    shared = len(terms_a & terms_b)
    dice = 2 * shared / (len(terms_a) + len(terms_b))
    smaller = min(len(terms_a), len(terms_b))
    containment = shared / smaller
    # A fragment needs a few words of its own before containment says much.
    damping = min(1.0, smaller / 6)
    return max(dice, containment * damping)


# The best pairwise F1 on the tune part of the quote pairs (benchmarks/eval_quote_groups.py: 0.922;
# 0.91 or more from 0.30 to 0.45). One bar for every pair: a second, looser one for two direct
# quotes (the seed-chosen 0.55 / 0.4) does no better on tune at any pair of bars.
QUOTE_THRESHOLD = 0.4


def same_quote(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` are renderings of one statement (ingest compares only quotes of one
    speaker)."""
    return quote_similarity(a, b) >= QUOTE_THRESHOLD


# Quote index (ingest finds the quotes a new one may repeat through it, not by reading all of the
# speaker's quotes): a quote is indexed under its content terms, the ones ``quote_similarity``
# compares, so two renderings that ``same_quote`` could join share a key. A quote with more terms
# keeps the QUOTE_KEYS smallest hashes (a bottom-k sketch: renderings of one statement keep most
# of their shared terms). Postings are read per speaker and key, the latest first, at most
# QUOTE_POSTINGS_PER_KEY of them; the QUOTE_CANDIDATES quotes sharing most keys are compared.
QUOTE_KEYS = 32
QUOTE_POSTINGS_PER_KEY = 50
QUOTE_CANDIDATES = 50


def quote_keys(text: str, count: int = QUOTE_KEYS) -> list[int]:
    """Index keys of a quote: stable hashes of its content terms, the ``count`` smallest."""
    return sorted({term_hash(term) for term in _quote_terms(text)})[:count]


def most_shared(postings: Iterable[tuple[int, int]], limit: int) -> list[int]:
    """The row ids met most often in ``(key, row id)`` index postings, at most ``limit``: most shared
    keys first, then the latest (highest id)."""
    shared: Counter = Counter(row for _, row in set(postings))
    return [row for row, _ in sorted(shared.items(), key=lambda kv: (-kv[1], -kv[0]))[:limit]]


# Quote groups as ingest builds them, one article at a time. A new quote joins the groups of the
# stored quotes it matches (among the QUOTE_CANDIDATES the index finds) whose members it matches on
# average (at least half of them; at most QUOTE_GROUP_MEMBERS of a group are read), and the groups it
# so ties together become one, as stories do; the matched stored quotes in no group join it too. A
# group may hold several quotes of one article (a fragment in the lead, the full sentence below).
# F1 of the groups on the tune part of the quote pairs (benchmarks/eval_quote_groups.py --variants):
# 0.706 before (every member, one quote per article, no merge); with several per article and merging,
# a group joined on at least half of its members 0.913 (P 0.969), on any member 0.912 (P 0.917), on
# more than half 0.905, on its longest member 0.890, on every member 0.883.
QUOTE_GROUP_MEMBERS = 50


@dataclass
class StoredQuote:
    """A stored quote a new one is compared with (found through the quote index), or a group member.

    ``kept_out``: an editor took it out of its group (dissolved the group, or removed the quote); it
    joins no group again, so a new rendering never puts it back with its former partners."""

    key: Hashable
    text: str
    group: Hashable | None
    kept_out: bool = False


def quote_matches_group(text: str, members: list[str]) -> bool:
    """True when ``text`` is the same quote as at least half of a group's ``members``."""
    return 2 * sum(same_quote(text, member) for member in members) >= len(members)


class QuoteGrouping:
    """The groups one article's new quotes join, decided one quote at a time (``place``).

    Holds what grouping the article needs: the stored quotes the index found (``candidates``, with
    their groups) and the members read of those groups (``members``: group -> texts), both bounded
    whatever the archive holds. Ingest (``articles.services._group_quotes``) and the evaluation's
    in-memory index run the same decisions; afterwards, ``group_of`` says where each stored quote
    whose group changed now is, and ``merged`` which groups were folded into which.
    """

    def __init__(self, candidates: Iterable[StoredQuote], members: dict[Hashable, list[str]]) -> None:
        self.candidates = {quote.key: quote for quote in candidates}
        self.members = {group: list(texts) for group, texts in members.items()}
        self.group_of: dict[Hashable, Hashable] = {}
        self.merged: dict[Hashable, Hashable] = {}

    def _group(self, quote: StoredQuote) -> Hashable | None:
        group = self.group_of.get(quote.key, quote.group)
        while group in self.merged:
            group = self.merged[group]
        return group

    def place(
        self, text: str, candidates: Iterable[Hashable], new_group: Callable[[], Hashable]
    ) -> Hashable | None:
        """The group of a new quote compared with these stored ones (None: it joins none);
        ``new_group()`` makes a group's key when one starts."""
        matched = [
            quote for quote in (self.candidates[key] for key in candidates) if same_quote(text, quote.text)
        ]
        groups: list[Hashable] = []
        for quote in matched:
            group = self._group(quote)
            if group is not None and group not in groups and quote_matches_group(text, self.members[group]):
                groups.append(group)
        loose = [quote for quote in matched if self._group(quote) is None and not quote.kept_out]
        if not groups:
            if not loose:
                return None
            groups = [new_group()]
            self.members[groups[0]] = []
        # The group with most members keeps its key: merging moves the fewest rows.
        sizes = {group: len(self.members[group]) for group in groups}
        target = merge_survivor(groups[0], groups[1:], sizes)
        for group in groups:
            if group != target:
                self.merged[group] = target
                self.members[target] += self.members.pop(group)
        for quote in loose:
            self.group_of[quote.key] = target
            self.members[target].append(quote.text)
        self.members[target].append(text)
        return target

    def final(self, group: Hashable | None) -> Hashable | None:
        """Where a group placed earlier ended, once later quotes merged it."""
        while group in self.merged:
            group = self.merged[group]
        return group


class MemoryQuoteIndex:
    """Quote groups over an in-memory quote index, with the bounds of the database one.

    Used by the evaluation and the tests; ``articles.services._group_quotes`` runs the same
    ``QuoteGrouping`` over PostgreSQL or SQLite tables: postings per speaker and key, the latest
    QUOTE_POSTINGS_PER_KEY; the QUOTE_CANDIDATES quotes sharing most keys, of other articles; the
    latest QUOTE_GROUP_MEMBERS of the speaker's members of each of their groups, of other articles.
    """

    def __init__(self) -> None:
        self.postings: dict[tuple[Hashable, int], list[int]] = {}
        self.quotes: list[tuple[Hashable, Hashable, str]] = []  # (article, speaker, text)
        self.group: list[Hashable | None] = []
        self._next_group = 0

    def _new_group(self) -> int:
        self._next_group += 1
        return self._next_group - 1

    def add(self, article: Hashable, quotes: list[tuple[Hashable | None, str]]) -> list[Hashable | None]:
        """Store one article's (speaker or None, text) quotes; returns the group each joined."""
        keys = [quote_keys(text) if speaker is not None else [] for speaker, text in quotes]
        found: list[list[int]] = []
        for (speaker, _), quote_keys_ in zip(quotes, keys, strict=True):
            postings = [
                (key, row)
                for key in quote_keys_
                for row in self.postings.get((speaker, key), [])[::-1][:QUOTE_POSTINGS_PER_KEY]
            ]
            found.append(
                [row for row in most_shared(postings, QUOTE_CANDIDATES) if self.quotes[row][0] != article]
            )
        seen = {row for rows in found for row in rows}
        speakers = {speaker for speaker, _ in quotes if speaker is not None}
        groups = {self.group[row] for row in seen} - {None}
        members = {
            group: [
                text
                for row, (other, speaker, text) in reversed(list(enumerate(self.quotes)))
                if self.group[row] == group and speaker in speakers and other != article
            ][:QUOTE_GROUP_MEMBERS]
            for group in groups
        }
        grouping = QuoteGrouping(
            [StoredQuote(row, self.quotes[row][2], self.group[row]) for row in sorted(seen)], members
        )
        placed = [
            grouping.place(text, rows, self._new_group) if speaker is not None else None
            for (speaker, text), rows in zip(quotes, found, strict=True)
        ]
        self.group = [
            grouping.final(grouping.group_of.get(row, group)) for row, group in enumerate(self.group)
        ]
        for (speaker, text), group, quote_keys_ in zip(quotes, placed, keys, strict=True):
            row = len(self.quotes)
            self.quotes.append((article, speaker, text))
            self.group.append(grouping.final(group))
            for key in quote_keys_:
                self.postings.setdefault((speaker, key), []).append(row)
        return [grouping.final(group) for group in placed]


def group_quotes(items: list[tuple[Hashable, str | None, str]]) -> list[int]:
    """Group (key, speaker key or None, text) quotes; one label per item.

    Two quotes join when ``same_quote`` says so; groups are closed under that
    relation, so a fragment links the renderings it is part of. Quotes whose
    speakers are both known and differ never join.
    """
    n = len(items)
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(n):
        for j in range(i + 1, n):
            speaker_i, speaker_j = items[i][1], items[j][1]
            if speaker_i is not None and speaker_j is not None and speaker_i != speaker_j:
                continue
            if same_quote(items[i][2], items[j][2]):
                parent[find(j)] = find(i)
    labels: dict[int, int] = {}
    return [labels.setdefault(find(i), len(labels)) for i in range(n)]
