"""The regex prefilter: the words every match must contain, and the guarantee that skipping is exact."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from newsapi.extraction.regex_prefilter import fold, may_match, required_words, without_case
from newsapi.extraction.temporal import _TIMEX_PATTERNS, _timex_windows


def test_required_words_are_the_alternatives_every_match_holds():
    """An alternation of words is required; the optional words before it are not."""
    pattern = re.compile(r"\b(?:the\s+)?(?:week|Month)s?(?!\w)", re.IGNORECASE)
    assert required_words(pattern) == {"week", "month"}


def test_a_pattern_of_sets_and_optional_parts_requires_nothing():
    """Character classes, optional repeats and an alternative that requires nothing give None."""
    assert required_words(re.compile(r"\d{1,2}[/.]\d\d")) is None
    assert required_words(re.compile(r"(?:year|\d+)")) is None
    assert required_words(re.compile(r"(?:week)?\s")) is None


def test_text_holding_a_character_that_case_folds_onto_ascii_is_always_tried():
    """re.IGNORECASE matches the Kelvin sign to "k": such a text is never skipped."""
    pattern = re.compile(r"weekend", re.IGNORECASE)
    text = "WEE\u212aEND"
    assert pattern.search(text)
    assert fold(text) is None
    assert may_match(required_words(pattern), fold(text))
    assert not may_match(required_words(pattern), fold("a quiet week"))


_PIECES = [
    "week", "WEEK", "Monday", "mon", "June", "jun", "3", "2025", "12:30", "p.m.", "the", "last", "next",
    "years", "ago", "a", "day", "\u212a", "\u017f", "\u0131", "\u0130", "é", "’", "-", ",", ".", "'90s",
    "quarter", "fiscal", "every", "today", "morning", "century", "Christmas", "nineteen", "ninety",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(_PIECES), max_size=12), st.lists(st.sampled_from(["", " ", "\n"]), max_size=12)
)
def test_skipping_never_loses_a_match_of_the_time_expression_rules(pieces, gaps):
    """Every time-expression rule finds nothing in a text the prefilter rules out."""
    text = "".join(piece + (gaps[i] if i < len(gaps) else " ") for i, piece in enumerate(pieces))
    folded = fold(text)
    for _, _, pattern in _TIMEX_PATTERNS:
        if not may_match(required_words(pattern), folded):
            assert pattern.search(text) is None, (pattern.pattern[:60], text)


def test_a_pattern_naming_capitals_or_other_scripts_keeps_its_case_rule():
    """Only a pattern written in lower-case ASCII runs without re.IGNORECASE on folded text."""
    assert without_case(re.compile(r"\b(?:week|day)s?", re.IGNORECASE)) is not None
    assert without_case(re.compile(r"Week", re.IGNORECASE)) is None
    assert without_case(re.compile(r"[A-Z]\d", re.IGNORECASE)) is None
    assert without_case(re.compile("\u03c3", re.IGNORECASE)) is None


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(_PIECES), max_size=12), st.lists(st.sampled_from(["", " ", "\n"]), max_size=12)
)
def test_the_time_expression_windows_are_the_same_read_from_folded_text(pieces, gaps):
    """The anchor words found in folded text without re.IGNORECASE give the same windows."""
    text = "".join(piece + (gaps[i] if i < len(gaps) else " ") for i, piece in enumerate(pieces))
    assert _timex_windows(text, fold(text)) == _timex_windows(text)
