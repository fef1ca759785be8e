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

Folded text also serves ``without_case``: a case-insensitive pattern written in lower case finds the
same matches in folded text without re.IGNORECASE, which is slower to try. Apart from those four
characters, ``str.lower`` keeps every character's length and class (word, digit, space; checked over
every code point), so offsets, ``\\b``, ``\\d`` and ``\\s`` read the same in both texts.
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
    if required is None or folded is None:
        return True
    for word in required:  # noqa: SIM110 - a plain loop: twice as fast as any() over a generator
        if word in folded:
            return True
    return False


def without_case(pattern: re.Pattern) -> re.Pattern | None:
    """``pattern`` without re.IGNORECASE, for text folded by ``fold``: the same matches, found about
    twice as fast. None when the pattern names an upper-case or non-ASCII character, or holds what
    this module does not read (then that is not certain)."""
    if _sre_parser is None or not pattern.flags & re.IGNORECASE:
        return None
    try:
        tree = _sre_parser.parse(pattern.pattern, pattern.flags)
    except Exception:  # noqa: BLE001 - an unreadable pattern is simply left as it is
        return None
    if not _lower_ascii(tree):
        return None
    return re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE)


def _lower_ascii(tree) -> bool:
    """True when every character the pattern names (literals, set members, ranges) is ASCII and not
    upper case: then only case decides a match, and folded text has none."""
    c = _sre_constants
    for op, value in tree.data if hasattr(tree, "data") else tree:
        if op in (c.LITERAL, c.NOT_LITERAL):
            if not _lower_ascii_char(value):
                return False
        elif op is c.RANGE:
            if not (_lower_ascii_char(value[0]) and _lower_ascii_char(value[1])):
                return False
            if chr(value[0]) <= "Z" and chr(value[1]) >= "A":
                return False  # a range over capitals
        elif op is c.IN:
            if not _lower_ascii(value):
                return False
        elif op is c.BRANCH:
            if not all(_lower_ascii(branch) for branch in value[1]):
                return False
        elif op in (c.SUBPATTERN, c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT, c.ASSERT, c.ASSERT_NOT):
            if not _lower_ascii(value[-1]):
                return False
        elif op is c.ATOMIC_GROUP:
            if not _lower_ascii(value):
                return False
        elif op not in (c.AT, c.CATEGORY, c.ANY, c.NEGATE, c.GROUPREF):
            return False  # anything else is not read here: leave the pattern as it is
    return True


def _lower_ascii_char(code: int) -> bool:
    return code < 128 and not chr(code).isupper()


def required_words(pattern: re.Pattern) -> frozenset[str] | None:
    """Lower-case strings of which every match of ``pattern`` contains one; None when none is known."""
    if _sre_parser is None:
        return None
    try:
        tree = _sre_parser.parse(pattern.pattern, pattern.flags)
    except Exception:  # noqa: BLE001 - an unreadable pattern is simply always tried
        return None
    found = _required(tree)
    if not found:
        return None
    # A string that holds another required one adds nothing ("weekend" beside "week").
    return frozenset(word for word in found if not any(other != word and other in word for other in found))


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
