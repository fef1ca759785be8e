"""Skip a regular expression over text where it cannot match: the words every match must contain.

Python's ``re`` tries a pattern that opens with ``\\b`` and an alternation of words at every word of
the text. ``required_words(pattern)`` reads the pattern (with ``re``'s own parser) for the strings of
which every match must contain one ("quarter", "half" or "period" for "the third quarter"), lower
case; ``may_match(required, folded)`` says whether a text, folded with ``fold``, contains one. A
pattern for which nothing is required (or that the parser cannot read) is always tried.

The test is exact, never a guess: a match consumes the required string's characters, each equal to
the pattern's character up to case, and in text folded by ``fold`` (lower case) the required string
appears. The few non-ASCII characters that ``re.IGNORECASE`` matches to ASCII letters ("\u212a" the
Kelvin sign to "k", "\u017f" to "s", dotted and dotless i to "i") fold differently: a text holding
one of them is never folded (always tried).
"""

from __future__ import annotations

import re

try:  # re's own parser (Python 3.11+); without it every pattern is simply always tried
    from re import _constants as _sre_constants
    from re import _parser as _sre_parser
except ImportError:  # pragma: no cover
    _sre_constants = _sre_parser = None

# Non-ASCII characters that re.IGNORECASE matches to an ASCII character (every one: checked against
# all code points for Python 3.11 and 3.12).
_FOLDS_ONTO_ASCII = ("\u0130", "\u0131", "\u017f", "\u212a")


def fold(text: str) -> str | None:
    """``text`` in lower case for ``may_match``, or None when it holds a character that folds onto ASCII."""
    if not text.isascii() and any(c in text for c in _FOLDS_ONTO_ASCII):
        return None
    return text.lower()


def may_match(required: frozenset[str] | None, folded: str | None) -> bool:
    """False only when ``folded`` (from ``fold``) holds none of the ``required`` strings."""
    return required is None or folded is None or any(word in folded for word in required)


def required_words(pattern: re.Pattern) -> frozenset[str] | None:
    """Lower-case strings of which every match of ``pattern`` contains one; None when none is known."""
    if _sre_parser is None:
        return None
    try:
        tree = _sre_parser.parse(pattern.pattern, pattern.flags)
    except Exception:  # noqa: BLE001 - an unreadable pattern is simply always tried
        return None
    found = _required(tree)
    return frozenset(found) if found else None


def _required(sequence) -> set[str] | None:
    """The best requirement of a sequence: its longest run of literal characters, or an element's."""
    c = _sre_constants
    candidates: list[set[str]] = []
    run: list[str] = []
    for op, value in sequence.data:
        if op is c.LITERAL and chr(value).isascii():
            run.append(chr(value).lower())
            continue
        if run:
            candidates.append({"".join(run)})
            run = []
        if op is c.SUBPATTERN:
            candidates.append(_required(value[3]))
        elif op is c.ATOMIC_GROUP:
            candidates.append(_required(value))
        elif op is c.BRANCH:
            branches = [_required(branch) for branch in value[1]]
            if all(branches):
                candidates.append(set().union(*branches))
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and value[0] >= 1:
            candidates.append(_required(value[2]))
        # Anything else (sets, categories, anchors, look-arounds, back-references) requires nothing.
    if run:
        candidates.append({"".join(run)})
    candidates = [found for found in candidates if found]
    if not candidates:
        return None
    # The most selective: the longest shortest string, then the fewest strings.
    return max(candidates, key=lambda found: (min(map(len, found)), -len(found)))
