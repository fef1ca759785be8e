"""Time expressions in English news text: one component for every step.

``find_timexes(text, reference, doc=None)`` finds the time expressions of a text as TimeML
marks them (DATE, TIME, DURATION, SET) and normalises each to a TIMEX3 value against the
reference date (usually the publication date): "Monday" -> 2025-06-02, "in June" -> 2025-06,
"last week" -> 2025-W22, "the third quarter" -> 2025-Q3, "now" -> PRESENT_REF, "three days"
-> P3D, "every Tuesday" -> XXXX-WXX-2. Underspecified dates ("Monday", "in June") take the
side of the reference date that the tense of their clause names, read from the spaCy parse
when one is given, else from the words before them.

The events and the main event date their happenings by the article's own time expressions
(``names_a_point`` keeps those that name a point in time, ``timex_date`` turns one into a
``ResolvedDate``), so an event never names another day than the extracted date of its words.
Two views of it serve the steps that read loose text (cleaning, bylines, publication dates):

- ``find_date_expressions(text)`` gives the spans of the expressions that name a point in
  time, without durations, sets and the vague present, past and future;
- ``resolve_date_expression(text, anchor)`` turns one expression into a ``ResolvedDate`` (a
  date with a day, month or year precision). Weeks, quarters and seasons name none of those
  and resolve to None, as does anything that cannot be placed honestly ("31 February").

The rules are data (``_TIMEX_RULES``: one pattern per form) with one normaliser per rule;
the words they use are listed once, at the top of the TIMEX3 section. Nothing here raises
on odd text.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.easter import easter

from newsapi.extraction.datelines import match_dateline
from newsapi.extraction.lexicon import (
    ABBREVIATIONS_INSIDE_SENTENCES,
    CLOCK_UNITS,
    CONDITION_MARKERS,
    DAY_PARTS,
    DIRECTIVE_VERBS,
    FUNCTION_WORDS_AFTER_RATES,
    HOLIDAYS,
    MONTH_NUMBERS,
    NAMED_WEEKDAY_WORDS,
    NUMBER_WORDS,
    ORDINAL_WORDS,
    PRESENT_BE_FORMS,
    REFERENCE_TIME_PHRASES,
    REFERENCE_TIMES,
    REPORTING_VERBS,
    SEASONS,
    SET_ADVERBS,
    SPELLED_YEAR_TENS,
    TIME_UNITS,
    TIMEX_ADVERBS_BEFORE_ADJECTIVES,
    TIMEX_AHEAD_BOUNDS,
    TIMEX_AHEAD_NOUNS,
    TIMEX_AHEAD_VERBS,
    TIMEX_CLAUSE_LINKS,
    TIMEX_DEADLINE_WORDS,
    TIMEX_DETERMINERS,
    TIMEX_DURING_PREPOSITIONS,
    TIMEX_EARLIEST_BOUNDS,
    TIMEX_FUTURE_HEADS,
    TIMEX_FUTURE_IN_PAST,
    TIMEX_FUTURE_MODALS,
    TIMEX_FUTURE_VERBS_AFTER,
    TIMEX_FUTURE_WORDS,
    TIMEX_NEW_DATE_PREPOSITIONS,
    TIMEX_PAST_AUXILIARIES,
    TIMEX_PAST_WORDS,
    TIMEX_PLANS_BEFORE_TO,
    TIMEX_RESCHEDULING_VERBS,
    WEEKDAY_NUMBERS,
    irregular_past_forms,
    is_regular_past_form,
    may_be_ly_adverb,
    verb_lemmas,
)
from newsapi.extraction.regex_prefilter import fold, may_match, required_words, without_case
from newsapi.extraction.types import DAY, MONTH, YEAR, Timex


@dataclass(frozen=True)
class ResolvedDate:
    """A date expression turned into a date: ``value`` is the first day of the
    month or year when ``precision`` is MONTH or YEAR."""

    value: date
    precision: str  # DAY, MONTH or YEAR
    text: str  # the expression as given


_MONTHS_FULL = [m for m in MONTH_NUMBERS if len(m) > 4 or m in ("may", "june", "july")]
_MONTHS_ABBR = [m for m in MONTH_NUMBERS if m not in _MONTHS_FULL]
_WEEKDAYS_FULL = [w for w in WEEKDAY_NUMBERS if w.endswith("day")]
_WEEKDAYS_ABBR = [w for w in WEEKDAY_NUMBERS if not w.endswith("day")]


def _names(words: list[str]) -> str:
    """Alternation of capitalised and upper-case forms, longest first.

    Month and weekday names are matched case-sensitively: lower-case "may",
    "march", "sun" or "wed" are ordinary words.
    """
    forms = sorted({f for w in words for f in (w.capitalize(), w.upper())}, key=len, reverse=True)
    return "|".join(forms)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def year_for_weekday_date(month: int, day: int, weekday: int, near: date, *, span: int = 15) -> int | None:
    """The year in which ``month``/``day`` falls on ``weekday``, nearest to ``near``.

    Distances are compared in whole years, ties going to the past: news
    mostly reports what has happened.
    """
    best: tuple[int, bool, int] | None = None
    for year in range(near.year - span, near.year + span + 1):
        d = _safe_date(year, month, day)
        if d is None or d.weekday() != weekday:
            continue
        key = (round(abs((d - near).days) / 365.25), d > near, year)
        if best is None or key < best:
            best = key
    return None if best is None else best[2]


def _shift_month(d: date, months: int) -> date:
    index = d.year * 12 + d.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


# ---------------------------------------------------------------------------
# TIMEX3: every time expression of a text, typed and normalised (TimeML)
# ---------------------------------------------------------------------------
# Spans follow TimeML: a leading preposition ("on Monday") is left out, determiners and
# modifiers that change the value ("the third quarter", "last week", "two years ago") are in.
# Values are TIMEX3 values: 2025-06-02, 2025-06, 2025-W23, 2025-Q2, 2025-SU, 2025, 202 (the
# 2020s), PRESENT_REF, P3D, XXXX-WXX-1 (Mondays), 2025-06-02TMO, T15:00...

DATE_TYPE = "DATE"
TIME_TYPE = "TIME"
DURATION_TYPE = "DURATION"
SET_TYPE = "SET"

# The words of the grammar are in lexicon.py ("time expressions").
# --- Pattern pieces -----------------------------------------------------------------------------
_C_MONTH = rf"(?-i:(?:{_names(_MONTHS_FULL)})\b|(?:{_names(_MONTHS_ABBR)})\b\.?)"
_C_WEEKDAY = rf"(?-i:(?:{_names(_WEEKDAYS_FULL)})\b|(?:{_names(_WEEKDAYS_ABBR)})\b\.)"
# Before a date, an abbreviated weekday needs no dot ("Wed March 12, 2025").
_C_WEEKDAY_BEFORE_DATE = rf"(?-i:(?:{_names(_WEEKDAYS_FULL)})\b|(?:{_names(_WEEKDAYS_ABBR)})\b\.?)"
_C_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\b(?![:.,]\d)"
_C_YEAR = r"(?:1[6-9]\d\d|20\d\d)(?![\d%])"
_C_NUMBER = (
    r"(?:\d+(?:[.,]\d+)?(?:\s+\d/\d)?|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?:-(?:one|two|three|four|five|six|seven|eight|nine))?|a\s+couple\s+of|couple\s+of|a\s+dozen|dozen"
    r"|a\s+hundred|one\s+hundred|a\s+thousand|half\s+an?|an?|one|two|three|four|five|six|seven|eight|nine"
    r"|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty"
    r"|several|a\s+few|few|many|some|numerous)"
)
_C_UNIT = r"(?:second|minute|hour|day|night|week|weekend|fortnight|month|quarter|year|decade|centur(?:y|ie)|millenni(?:um|a))"
_C_UNIT_PL = rf"{_C_UNIT}s?"
_C_ORDINAL = r"(?:first|second|third|fourth|1st|2nd|3rd|4th)"
_C_MOD = r"(?:early|late|mid|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of|the\s+first\s+half\s+of|the\s+second\s+half\s+of)"
_C_REL = r"(?:this|last|next|the\s+past|the\s+previous|the\s+following|the\s+coming|past|previous|coming|the\s+same|that|the\s+current|the\s+latest|the\s+last)"
_C_DAYPART = r"(?:morning|afternoon|evening|night|overnight)"
_C_SEASON = r"(?:spring|summer|autumn|fall|winter)"
_C_CLOCK = (
    r"(?:(?:1[0-2]|0?[1-9])(?:[:.][0-5]\d)?\s*(?:a\.m\.?|p\.m\.?|am\b|pm\b|A\.M\.|P\.M\.)"
    r"|(?:[01]?\d|2[0-3]):[0-5]\d(?!\d)|noon|midnight)"
)
# "nineteen ninety-seven", "two thousand and one" (broadcast transcripts spell years out)
_C_SPELLED_YEAR = (
    r"(?:two\s+thousand(?:\s+and\s+(?:one|two|three|four|five|six|seven|eight|nine|ten))?"
    r"|nineteen\s+(?:"
    + "|".join(SPELLED_YEAR_TENS)
    + r")(?:-(?:one|two|three|four|five|six|seven|eight|nine))?)"
)
_C_TZ = r"(?:\s+(?:[ECMP][SD]T|GMT|UTC|BST|CET)\b)?"
# "Christmas Eve", "Labor Day": the holidays' names (lexicon.HOLIDAYS) as written, longest first
_C_HOLIDAY = "|".join(
    r"\s+".join(re.escape(word[0].upper() + word[1:]) for word in name.split())
    for name in sorted(HOLIDAYS, key=len, reverse=True)
)
# "the first Sunday of May", "the last Friday in August": which of the month's weekdays (0-based; -1 the last)
_NTH = {"first": 0, "second": 1, "third": 2, "fourth": 3, "last": -1}
# "Oct. 13 last year", "October of next year": a year named relative to the text's
_C_REL_YEAR = r"\s+(?:of\s+)?(?:last|this|next)\s+year\b"

# One rule per form: (name, TIMEX3 type, pattern). Patterns are matched case-insensitively except
# month and weekday names, which must be capitalised ("may", "march", "sun" are ordinary words).
_TIMEX_RULES: list[tuple[str, str, str]] = [
    # "Monday, June 2, 2025", "June 2, 2025", "2 June 2025", "Jan. 5", "the 2nd of June"
    ("weekday_month_day", DATE_TYPE,
     rf"{_C_WEEKDAY_BEFORE_DATE},?\s+(?:the\s+)?(?:{_C_MONTH}\s+{_C_DAY}|{_C_DAY}(?:\s+of)?\s+{_C_MONTH})(?:,?\s+{_C_YEAR}|{_C_REL_YEAR})?"),
    ("month_day", DATE_TYPE, rf"{_C_MONTH}\s+{_C_DAY}(?:,?\s+{_C_YEAR}|{_C_REL_YEAR}|(?!\s*[:\d]))"),
    ("day_month", DATE_TYPE, rf"(?:the\s+)?{_C_DAY}(?:\s+of)?\s+{_C_MONTH}(?:,?\s+{_C_YEAR}|{_C_REL_YEAR})?"),
    ("iso", DATE_TYPE, r"(?:19|20)\d\d-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?:T[\d:.]+(?:Z|[+-]\d\d:?\d\d)?)?(?!\d)"),
    ("numeric", DATE_TYPE, r"(?<![\d/.])\d{1,2}(?P<separator>[/.])\d{1,2}(?P=separator)(?:\d\d|(?:19|20)\d\d)(?![\d/.]\d)"),
    # "March 2022", "early June", "mid-May 1998", "June last year"
    ("month", DATE_TYPE,
     rf"(?:{_C_MOD}[\s-]+|{_C_REL}\s+)?{_C_MONTH}(?:(?:\s+of)?,?\s+(?:{_C_YEAR}|{_C_SPELLED_YEAR}(?![\w-]))|{_C_REL_YEAR}|(?!\.?\s*\d))"),
    # "the 1990s", "the early '80s", "the nineties"
    ("decade", DATE_TYPE,
     r"(?:the\s+)?(?:(?:early|late|mid)[\s-]+)?(?:(?:1[6-9]|20)\d0'?s|'\d0s|(?:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))(?=\W|$)"),
    ("century", DATE_TYPE, r"(?:the\s+)?(?:(?:early|late|mid)[\s-]+)?(?:\d{1,2}(?:st|nd|rd|th)|[a-z]+(?:-[a-z]+)?)[\s-]century"),
    # "the third quarter of 1998", "third-quarter", "the fiscal first quarter", "the first half",
    # "the 1988 fourth quarter", "fiscal 1989's third quarter", "the year-earlier first half"
    ("quarter", DATE_TYPE,
     rf"(?:(?:the|this\s+year's|last\s+year's|next\s+year's)\s+)?(?:year[\s-](?:earlier|ago)\s+)?(?:(?:fiscal|calendar)[\s-]+)?(?:{_C_YEAR}(?:'s)?\s+)?{_C_ORDINAL}[\s-]+(?:fiscal[\s-]+)?(?:quarter|half|period)(?:\s+(?:of\s+)?(?:fiscal\s+)?{_C_YEAR}|{_C_REL_YEAR})?"),
    # "the September quarter", "the June 1990 quarter": the quarter that month ends or lies in
    ("month_quarter", DATE_TYPE, rf"(?:the\s+)?{_C_MONTH}(?:\s+{_C_YEAR})?[\s-]+quarter(?!s)"),
    ("fiscal_year", DATE_TYPE, rf"(?:fiscal|calendar|fiscal\s+year|the\s+fiscal\s+year)\s+{_C_YEAR}"),
    ("season", DATE_TYPE,
     rf"(?:(?:{_C_MOD}|{_C_REL}|the)\s+)?{_C_SEASON}(?:(?:\s+of)?\s+(?:{_C_YEAR}|(?:last|this|next)\s+year\b))?"),
    # "yesterday", "late yesterday", "the day before yesterday", "tonight"
    ("relative_day", DATE_TYPE,
     r"(?:(?:earlier|later|late|early)\s+)?(?:the\s+day\s+(?:before\s+yesterday|after\s+tomorrow)|yesterday|today|tomorrow|tonight)"),
    # "this morning", "Friday evening", "yesterday afternoon", "overnight"
    ("day_part", TIME_TYPE,
     rf"(?:(?:early|late|mid)[\s-]+)?(?:(?:this|yesterday|tomorrow|{_C_WEEKDAY}|last|that)\s+)?(?:{_C_DAYPART})(?:\s+(?:yesterday|today|tomorrow))?"),
    ("clock", TIME_TYPE, rf"(?:{_C_CLOCK}){_C_TZ}(?:\s+(?:(?:on\s+)?{_C_WEEKDAY}|yesterday|today|tomorrow|tonight))?"),
    # "three years ago", "a year earlier", "two weeks later"
    ("ago", DATE_TYPE,
     rf"(?:(?:about|nearly|almost|some|more\s+than|less\s+than|just|only|at\s+least)\s+)?{_C_NUMBER}[\s-]+{_C_UNIT_PL}\s+(?:ago|earlier|from\s+now|hence)\b"),
    # "earlier this year", "last week", "next month", "the year-earlier quarter", "the same period"
    ("relative_period", DATE_TYPE,
     rf"(?:(?:earlier|later|early|late)\s+(?:in\s+)?)?(?:this(?:\s+past)?|last|next|the\s+previous|the\s+preceding|the\s+following|the\s+coming|the\s+same|that|the\s+current|the\s+latest|the\s+year[\s-](?:earlier|ago)|year[\s-](?:earlier|ago)|the\s+prior)\s+(?:week(?:end)?|month|quarter|year|decade|century|period|fiscal\s+year)(?:'s\s+{_C_ORDINAL}\s+quarter)?"),
    ("year_ago", DATE_TYPE, r"(?:the\s+)?year[\s-](?:earlier|ago)(?:\s+(?:period|quarter|level|figure))?"),
    # "the 1988 quarter", "the comparable 1988 quarter": a year naming a period, not a count of them
    ("year_period", DATE_TYPE, rf"(?:the\s+)?{_C_YEAR}\s+(?:quarter|period)"),
    # "the next day", "the previous day": a day from the last one the text named
    ("next_day", DATE_TYPE, r"(?:the\s+)?(?:next|following|previous|preceding)\s+day(?!s)"),
    ("same_day", DATE_TYPE, r"(?:(?:earlier|later)\s+)?(?:that\s+same|the\s+same|that|the)\s+day(?!s)"),
    ("year_end", DATE_TYPE, r"(?:the\s+)?(?:year[\s-]end|(?:year|month|week)'s\s+end)"),
    # "by midyear", "at mid-year": the middle of the year the tense points to
    ("midyear", DATE_TYPE, r"mid-?year(?!s)"),
    # "the week of Oct. 9", "the weekend of May 3": the week holding that day
    ("week_of", DATE_TYPE, rf"the\s+week(?:end)?\s+of\s+{_C_MONTH}\s+{_C_DAY}(?:,?\s+{_C_YEAR})?"),
    # "Friday the 13th": the day of the month that falls on that weekday
    ("weekday_ordinal", DATE_TYPE, rf"{_C_WEEKDAY_BEFORE_DATE}(?:,?\s+the\s+|-the-)(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)\b"),
    # "the first Sunday of May", "the last Friday in August": that weekday of the month
    ("nth_weekday", DATE_TYPE,
     rf"(?:the\s+)?(?:{'|'.join(_NTH)})\s+{_C_WEEKDAY}\s+(?:of|in)\s+{_C_MONTH}(?:,?\s+{_C_YEAR})?"),
    ("the_unit", DATE_TYPE, r"(?:the\s+end\s+of\s+)?the\s+(?:full\s+|fiscal\s+)?(?:week(?:end)?|month|quarter|year)(?!\s+(?:ago|earlier|before|later))"),
    # Bare years need a form that makes them years: "in 1998", "1998's", "since 1991", "the 1988 quarter"
    ("year", DATE_TYPE, rf"(?:{_C_MOD}[\s-]+|the\s+year\s+)?{_C_YEAR}(?:\s+and\s+beyond)?(?!\s*(?:-(?!{_C_YEAR}(?![-/,.]?\d))\d|/\d|%|\d))"),
    ("holiday", DATE_TYPE, rf"(?-i:{_C_HOLIDAY})(?:\s+week(?:end)?\b)?(?:,?\s+{_C_YEAR})?"),
    ("spelled_year", DATE_TYPE, rf"(?:the\s+year\s+)?{_C_SPELLED_YEAR}"),
    ("weekday", DATE_TYPE,
     rf"(?:(?:last|next|this|this\s+coming|the\s+previous|the\s+following|that)\s+)?{_C_WEEKDAY}(?:\s+(?:of\s+)?(?:last|next|this)\s+week\b)?"),
    ("weekday_set", SET_TYPE, rf"(?:(?:each|every)\s+{_C_WEEKDAY}|(?-i:{_names(_WEEKDAYS_FULL)})s\b)"),
    ("set_adverb", SET_TYPE, r"(?:daily|nightly|weekly|monthly|quarterly|annually|yearly|hourly|biweekly)\b"),
    ("set_every", SET_TYPE, rf"(?:every|each|per)\s+(?:other\s+)?(?:{_C_NUMBER}\s+)?{_C_UNIT_PL}"),
    ("reference", DATE_TYPE, "|".join(w.replace(" ", r"\s+") for w in REFERENCE_TIME_PHRASES)),
    ("current", DATE_TYPE, r"(?<!then\s)(?:current|recent)(?=\s+[a-z])"),
    # "three days", "the past five years", "a three-year period", "52-week", "years"
    ("duration", DURATION_TYPE,
     rf"(?:(?:no\s+more\s+than|more\s+than|less\s+than|another|an\s+additional|the)\s+)?(?:(?:the\s+)?(?:past|last|next|first|previous|coming|following|recent|final)\s+)?(?:{_C_NUMBER}[\s-]+(?:(?:more|additional|straight|consecutive|full|trading|business|working)\s+)?)?{_C_UNIT_PL}(?:\s+(?:period|term|span|stretch))?"),
]  # fmt: skip
_TIMEX_PATTERNS = [
    (name, kind, re.compile(rf"\b(?:{pattern})(?!\w)", re.IGNORECASE)) for name, kind, pattern in _TIMEX_RULES
]
_RULE_ORDER = {name: index for index, (name, _, _) in enumerate(_TIMEX_RULES)}
_DAY_MONTH = next(pattern for name, _, pattern in _TIMEX_PATTERNS if name == "day_month")
# The words each rule's matches must contain: a window without them is not tried by that rule.
_TIMEX_REQUIRED = [required_words(pattern) for _, _, pattern in _TIMEX_PATTERNS]
# A window around these words is all the rules ever need to look at (the rules are slow to try
# at every word). Every holiday (lexicon.HOLIDAYS) has one: "day", "eve", "fri" or its own name.
_TIMEX_ANCHOR = re.compile(
    r"\d+|'\d0s|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|yesterday"
    r"|today|tonight|tomorrow|second|minute|hour|day|night|week|fortnight|month|quarter|year|decade|centur"
    r"|millenni|spring|summer|autumn|fall|winter|morning|afternoon|evening|noon|now|current|recent|previous"
    r"|formerly|lately|soon|shortly|future|past|present|term|daily|nightly|weekly|annually|hourly|biweekly"
    r"|twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties|half|once|nineteen|thousand|christmas"
    r"|halloween|thanksgiving|easter|eve|overnight|midyear)",
    re.IGNORECASE,
)
_TIMEX_ANCHOR_FOLDED = without_case(_TIMEX_ANCHOR)


def find_timexes(
    text: str, reference: date | None = None, *, doc=None, future: bool | None = None
) -> list[Timex]:
    """Every time expression of ``text``, normalised against ``reference`` (the text's date).

    ``doc`` (a spaCy parse of the same text) lets the tense of the governing verb decide
    where an underspecified date lies ("Monday", "in June"); without it a few words around the
    expression decide. Never raises on odd text: what cannot be normalised gets value None.
    """
    if not text:
        return []
    spans = _cached_timex_spans(text)
    state = _Context(reference)
    state.numeric_month_first = _numeric_order(spans)
    # A tense the caller states is kept strictly; one read from the words is allowed some slack.
    state.slack = 0 if future is not None else _TENSE_SLACK_MONTHS
    found: list[Timex] = []
    # A wire dateline's day ("WASHINGTON, March 12 (Xinhua) --") is the day the report speaks from:
    # "today", "Friday" count from it rather than from a later stamp of the text.
    leading = len(text) - len(text.lstrip())
    dateline = match_dateline(text, leading) if spans and spans[0][0] < leading + 120 else None
    for start, end, name, kind, match in spans:
        second = _ORDINAL_SECOND.search(match.group(0)) if name == "duration" else None
        if second and (second[1] or _is_ordinal(text, end, doc)):
            continue  # "a second round", "a second term": the ordinal, not the unit
        if _inside_name(doc, start, end):
            continue  # "the ``Spring of Life'' demonstrations": a title, not a time
        tense = None
        try:
            tense = future if future is not None else _is_future(text, start, end, doc)
            if future is None:
                # "will" in the parse leaves no doubt: a month before the reference is next year's.
                state.slack = 0 if _tense_is_certain(doc, start, end, tense) else _TENSE_SLACK_MONTHS
            kind, value = _NORMALISERS[name](match, state, tense, kind)
        except (ValueError, OverflowError, KeyError):
            value = None
        if kind is None:
            continue
        precision = timex_precision(value) if kind in (DATE_TYPE, TIME_TYPE) else None
        step = _STEP_AFTER.match(text, end) if kind == DURATION_TYPE else None
        anchored = _narrative_step(value, state, earlier=step[1].lower() == "earlier") if step else None
        found.append(Timex(start, end, text[start:end], kind, value, precision, anchored))
        if anchored is not None:
            # "Two days later ... The next day": the story has moved on; what follows counts from here.
            state.remember(anchored, explicit=False)
        if kind == DURATION_TYPE and value and _MONTHS_STRETCH.fullmatch(value):
            # "For the nine months, net rose from a year earlier": the year before, not the quarter.
            state.quarter_hidden = True
        if dateline is not None and end <= dateline.end() and state.reference is not None:
            dateline = None  # only its first expression
            day = date.fromisoformat(value) if value and _DAY_VALUE.fullmatch(value) else None
            if day is not None and _speaks_from(day, state.reference):
                state.reference = day
        # "expect the slump to continue into the fourth quarter": a quarter still to come, told in a
        # future clause, is an outlook; "a year earlier" after it is of the quarter reported on.
        outlook = tense is True and not _has_ended(value, state.reference)
        state.remember(
            value, explicit=name in _QUARTER_ANCHORS and not _DERIVED.search(text[start:end]) and not outlook
        )
        state.last_end = end
        state.last_day = day[0] if value and (day := _DAY_VALUE.match(value)) else None
    return found


_DAY_VALUE = re.compile(r"\d{4}-\d\d-\d\d")


# A dateline's day at most this far before the text's date replaces it as the reference.
_DATELINE_LAG_DAYS = 7
# A dateline a day after the text's date is the writer's day: an archive dates a report filed late at
# night in its own time zone ("NEW YORK, Dec. 14 (UPI)" stored as December 13).
_DATELINE_LEAD_DAYS = 1


def _speaks_from(day: date, reference: date) -> bool:
    """A dateline's ``day`` near enough the text's date to be the day the report speaks from."""
    return -_DATELINE_LEAD_DAYS <= (reference - day).days <= _DATELINE_LAG_DAYS


def dateline_day(text: str, timexes: list[Timex]) -> Timex | None:
    """The day ``text``'s wire dateline states ("WASHINGTON, March 12 (Xinhua) --"), as the first of
    ``timexes`` (what ``find_timexes`` found in ``text``), or None."""
    if not timexes:
        return None
    first = timexes[0]
    leading = len(text) - len(text.lstrip())
    dateline = match_dateline(text, leading) if first.start < leading + 120 else None
    if (
        dateline is None
        or first.end > dateline.end()
        or not first.value
        or not _DAY_VALUE.fullmatch(first.value)
    ):
        return None
    return first


def report_day(dateline: Timex | None, reference: date | None) -> date | None:
    """The day a text speaks from: the day of its wire dateline (``dateline_day``) where
    ``find_timexes`` counted from it, else ``reference``."""
    if reference is None or dateline is None:
        return reference
    day = date.fromisoformat(dateline.value)
    return day if _speaks_from(day, reference) else reference


def _has_ended(value: str | None, reference: date | None) -> bool:
    """True when the quarter or half ``value`` ended before the month of ``reference``."""
    m = re.fullmatch(r"(\d{4})-([QH])(\d)", value or "")
    if m is None or reference is None:
        return True
    last_month = int(m[3]) * (3 if m[2] == "Q" else 6)
    return int(m[1]) * 12 + last_month < reference.year * 12 + reference.month


# A stretch of several months ("the nine months", "the first six months") reported after a quarter.
_MONTHS_STRETCH = re.compile(r"P(?:[2-9]|1[0-2])M")


# The spans of a text depend on the text alone, and an article's body is scanned more than once
# (its publication-date clues, then its list of time expressions, with its sentences in between):
# the last texts' spans are kept, up to a number of texts and of characters (under a lock: web
# workers may run threads).
_SPAN_CACHE_TEXTS = 1024
_SPAN_CACHE_CHARS = 1_000_000
_span_cache: OrderedDict[str, list[tuple[int, int, str, str, re.Match]]] = OrderedDict()
_span_cache_held = [0]  # characters of the texts in the cache
_span_cache_lock = threading.Lock()


def _cached_timex_spans(text: str) -> list[tuple[int, int, str, str, re.Match]]:
    with _span_cache_lock:
        spans = _span_cache.get(text)
        if spans is not None:
            _span_cache.move_to_end(text)
            return spans
    spans = _timex_spans(text)
    if len(text) <= _SPAN_CACHE_CHARS:
        with _span_cache_lock:
            if text not in _span_cache:
                _span_cache[text] = spans
                _span_cache_held[0] += len(text)
            while _span_cache_held[0] > _SPAN_CACHE_CHARS or len(_span_cache) > _SPAN_CACHE_TEXTS:
                dropped, _ = _span_cache.popitem(last=False)
                _span_cache_held[0] -= len(dropped)
    return spans


def _timex_spans(text: str) -> list[tuple[int, int, str, str, re.Match]]:
    candidates = []
    folded = fold(text)
    for window_start, window_end in _timex_windows(text, folded):
        window = None if folded is None else folded[window_start:window_end]
        for (name, kind, pattern), required in zip(_TIMEX_PATTERNS, _TIMEX_REQUIRED, strict=True):
            if not may_match(required, window):
                continue
            for match in pattern.finditer(text, window_start, window_end):
                if _accept(name, match, text):
                    candidates.append((match.start(), -match.end(), _RULE_ORDER[name], name, kind, match))
    for _, neg_end, _, name, _, _ in list(candidates):
        if name in _DAY_DATES and (joint := _DAY_JOINT.match(text, -neg_end)):
            second = _SECOND_DAY.match(text, joint.end())
            following = second and re.match(r"\s*(%|[A-Za-z]+)", text[second.end() : second.end() + 20])
            if second and not (following and following[1].lower() not in FUNCTION_WORDS_AFTER_RATES):
                # "April 24 and 25", "June 3-5": the second day is a date of its own (TimeML).
                candidates.append(
                    (second.start(), -second.end(), len(_RULE_ORDER), "second_day", DATE_TYPE, second)
                )
    for start, _, _, name, _, match in list(candidates):
        if name == "day_month" and match.group(0)[:3].lower() != "the":
            first = _FIRST_DAY.search(text, max(0, start - 25), start)
            if first is not None:
                # "14 to 16 March", "3-5 June": the first day is a date of its own, in the month after it.
                candidates.append(
                    (first.start(1), -first.end(1), len(_RULE_ORDER), "first_day", DATE_TYPE, first)
                )
    candidates.sort(key=lambda c: c[:3])
    chosen = []
    last_end = 0
    for start, neg_end, _, name, kind, match in candidates:
        if start >= last_end:
            chosen.append((start, -neg_end, name, kind, match))
            last_end = -neg_end
    return chosen


_DAY_DATES = frozenset({"weekday_month_day", "month_day"})
# A day number and a joint right before a day and a month ("14 to 16 March"): not part of a larger
# number ("1,000 to 16 March") or a word.
_FIRST_DAY = re.compile(
    r"(?<![\w.,:$£€-])((?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?)\s*(?:-|\u2013|\s(?:and|or|to|through|until)\s)\s*$",
    re.IGNORECASE,
)
_DAY_JOINT = re.compile(r"\s*(?:-|\u2013|\s(?:and|or|to|through)\s)\s*", re.IGNORECASE)
_SECOND_DAY = re.compile(r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\b(?![:.,]?\d)")


def _timex_windows(text: str, folded: str | None = None) -> list[tuple[int, int]]:
    """Stretches of ``text`` around the anchor words; ``folded`` is ``fold(text)``, read faster."""
    windows: list[tuple[int, int]] = []
    if folded is not None and _TIMEX_ANCHOR_FOLDED is not None:
        anchors = _TIMEX_ANCHOR_FOLDED.finditer(folded)
    else:
        anchors = _TIMEX_ANCHOR.finditer(text)
    # Windows start and end on word boundaries. Each walk to a boundary starts past the previous
    # window, so a text of one endless word costs one pass, not one pass per anchor in it.
    for match in anchors:
        start = max(0, match.start() - 45)
        end = min(len(text), match.end() + 45)
        if windows and start <= windows[-1][1]:
            if end <= windows[-1][1]:
                continue
            start = windows[-1][0]
        else:
            floor = windows[-1][1] if windows else 0
            while start > floor and not text[start - 1].isspace():
                start -= 1
        while end < len(text) and text[end - 1].isalnum():
            end += 1
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
    return windows


_MONTH_PREPOSITION_BEFORE = re.compile(
    r"\b(?:in|since|by|until|till|from|during|before|after|of|early|late|mid|last|next|this|through)\s*-?$",
    re.IGNORECASE,
)
# "scheduled for March", "postponed to May", "between March and May": words a verb or a modal
# does not follow, enough before a full month name but not before "Jan" (a first name).
_FULL_MONTH_WORD_BEFORE = re.compile(r"\b(?:for|to|between|and|or)\s+$", re.IGNORECASE)
_MODAL_BEFORE = re.compile(r"\b(?:will|would|could|might|may|can|shall|should|must)\s+$", re.IGNORECASE)
# An amount right before "a year", "a week": a rate ("$5 a year"), never across a sentence's end
# ("on May 16. A week later").
_NUMBERISH_BEFORE = re.compile(
    r"(?:[\d%$£€]|\b(?:cents?|dollars?|pounds?|euros?|yen|times|percent|points?))[^\w,;.!?]*(?:[a-z]+[^\w,;.!?]+)?$",
    re.IGNORECASE,
)
_DAYPART_ALONE = re.compile(r"(?:morning|afternoon|evening|night)", re.IGNORECASE)


# "from 1979 to 1989", "1985-1987": TimeML marks each year of a range of years.
_YEAR_RANGE_END = re.compile(rf"\s*(?:-|\u2013|to|through)\s*{_C_YEAR}(?!\s*[-/,.]?\d)")


def _accept(name: str, match: re.Match, text: str) -> bool:
    """Filters no pattern can say: the words around the match."""
    matched = match.group(0).lower()
    before = text[max(0, match.start() - 12) : match.start()]
    after = text[match.end() : match.end() + 12]
    if name == "year" and (
        re.search(r"[$£€#]\s*$|[\d,.]$", before)
        or (re.match(r"[,.]\d|\s*(?:-|to)\s*\d", after) and not _YEAR_RANGE_END.match(after))
    ):
        return False  # an amount, a number, a range of numbers (a range of years is two dates)
    if name == "spelled_year" and re.match(rf"\s+{_C_UNIT}s\b", after, re.IGNORECASE):
        return False  # "two thousand years": a count
    if name == "season" and matched == "fall":
        return False  # the verb; the season comes with a modifier ("last fall", "the fall")
    if name == "season" and _named_season(match, before):
        return False  # "the Winter Olympics", "Prague Spring": seasons are written in lower case
    if name == "day_part" and _DAYPART_ALONE.fullmatch(matched):
        return False
    if name == "reference" and (
        (
            matched in ("soon", "shortly")
            and (re.search(r"\bas\s*$", before, re.IGNORECASE) or re.match(r"\s+after", after))
        )
        or (matched.endswith("future") and re.match(r"\s+of\b", after))
    ):
        return False  # "as soon as" is a conjunction; "the future of" a topic
    if re.match(r"[\s-]+old\b", after):
        return False  # an age
    if name == "weekday" and (word := _WORD_BEFORE.search(before)) and word[1] in NAMED_WEEKDAY_WORDS:
        return False  # "Black Monday": a day in history's name, not a day of the text's week
    if name in _TITLE_CASE_RULES and match.group(0)[0].isupper() and _MID_SENTENCE.search(before):
        return False  # ABC's "This Week", "World News Tonight": a title written mid-sentence
    if name == "duration" and re.match(r"-(?:earlier|ago|end)\b", after):
        return False  # "a year-earlier loss": the year before, another rule's form
    if name == "duration" and re.match(r"-(?:centur|millenni)", after, re.IGNORECASE):
        return False  # "a quarter-century", "a half-century": one span of another unit
    if (
        name == "duration"
        and re.search(r"\bquarters?$|-quarters?$", matched, re.IGNORECASE)
        and _FRACTION_OF.match(after)
    ):
        return False  # "three-quarters of precincts", "a quarter of the vote": a share, not a time

    if name == "duration":
        has_number = re.search(
            r"\d|\b(?:an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|sixty|hundred|thousand|dozen|couple|several|few|many|some|numerous)\b",
            matched,
        )
        plural = re.search(
            r"(?:s|ies|a)(?:[\s-]+(?:old|long))?(?:\s+(?:period|term|span|stretch))?$", matched
        )
        modified = re.search(r"\b(?:past|last|next|first|previous|coming|following|recent|final)\b", matched)
        if not (has_number or plural or modified):
            return False
        if re.fullmatch(r"(?:the\s+)?(?:seconds?|nights?|weekends?|quarters?|halves)", matched):
            return False
    # "May" the modal and "March" the verb start a sentence or follow a subject; as months they
    # come with a day, a year, a preposition or a modifier. "Jan" without its dot is a name.
    return not (
        name == "month"
        and (match.group(0) in ("May", "March") or re.fullmatch(r"[A-Z][a-z]{2}", match.group(0)))
        and not _MONTH_PREPOSITION_BEFORE.search(before)
        and not (match.group(0) in ("May", "March") and _FULL_MONTH_WORD_BEFORE.search(before))
        and not _modifies_noun(match, before)
    )


# A determiner or a possessive just before a word ("the", "its", "Poland's").
_DETERMINER_BEFORE = re.compile(
    r"(?:\b(?:" + "|".join(sorted(TIMEX_DETERMINERS)) + r")|\w['\u2019]s)\s+$", re.IGNORECASE
)
_LOWER_WORD_AFTER = re.compile(r"\s+([a-z]+)\b")


def _modifies_noun(match: re.Match, before: str) -> bool:
    """True when a month name stands between a determiner and a lower-case word, as a noun's modifier:
    "the March accession", "its May report" (a date; the verb and the modal take no determiner, and a
    name goes on in capitals: "the March of Dimes", "the May Day parade")."""
    if not _DETERMINER_BEFORE.search(before):
        return False
    after = _LOWER_WORD_AFTER.match(match.string, match.end())
    return after is not None and after[1] not in FUNCTION_WORDS_AFTER_RATES


def _named_season(match: re.Match, before: str) -> bool:
    """True when the season's word is capitalised inside a sentence: news writes seasons in lower
    case, so a capital makes it part of a name ("the Winter Olympics", "``Spring of Life''")."""
    season = re.search(_C_SEASON, match.group(0), re.IGNORECASE)
    if not season[0][0].isupper():
        return False
    return season.start() > 0 or _MID_SENTENCE.search(before) is not None


_WORD_BEFORE = re.compile(r"\b([A-Za-z]+)\s+$")
# Rules whose words are written in lower case inside a sentence: a capital there makes them a title.
_TITLE_CASE_RULES = frozenset({"relative_day", "relative_period", "the_unit", "reference", "current"})
# A word (not a sentence's end) before the match, with at most an opening quotation mark between.
_MID_SENTENCE = re.compile(r"[A-Za-z0-9'\u2019][ \t]*[\"\u201c`]{0,2}[ \t]*$")


# Entity labels of names that may hold a time word ("This Week", "Spring of Life", "Friday Harbor").
_NAME_LABELS = frozenset({"WORK_OF_ART", "ORG", "PERSON", "PRODUCT", "FAC", "LAW", "GPE"})


def _inside_name(doc, start: int, end: int) -> bool:
    """True when the parse puts the whole expression inside a name (a title, an organisation)."""
    if doc is None:
        return False
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is not None and len(span) > 0 and all(token.ent_type_ in _NAME_LABELS for token in span)


# A share of something ("a quarter of the vote"), unless the something is a time ("of the year").
_FRACTION_OF = re.compile(
    rf"\s+of\s+(?!(?:the\s+|this\s+|that\s+|last\s+|next\s+)?(?:{_C_YEAR}|{_C_UNIT}s?\b|fiscal\b))",
    re.IGNORECASE,
)


# "second" closing a duration's match, or with the noun the duration rule takes after it ("a second term")
_ORDINAL_SECOND = re.compile(r"\bsecond(\s+(?:period|term|span|stretch))?$", re.IGNORECASE)
# After "a second" used as a time ("for a second.", "a second later"), no noun follows.
_AFTER_SECOND_AS_TIME = re.compile(
    r"\s*(?:[^\w\s]|$|(?:later|earlier|ago|or|and|to|of|in|before|after|when)\b)", re.IGNORECASE
)


def _is_ordinal(text: str, end: int, doc) -> bool:
    """True when the "second" ending at ``end`` is the ordinal ("a second round", "a second time").

    With a parse, the ordinal modifies a noun (dependency ``amod``); without one, a word other
    than a function word follows it.
    """
    if doc is not None:
        span = doc.char_span(end - len("second"), end)
        if span is not None and len(span) == 1:
            return span[0].dep_ == "amod"
    return _AFTER_SECOND_AS_TIME.match(text, end) is None


# --- Normalisation ------------------------------------------------------------------------------


# Rules whose quarter is named in the text (not derived from an earlier one): later "a year
# earlier" or "the quarter" refer to it.
_QUARTER_ANCHORS = frozenset({"quarter", "month_quarter", "relative_period"})
_DERIVED = re.compile(r"year[\s-](?:earlier|ago)|previous|prior|same|that", re.IGNORECASE)


class _Context:
    """What the text has already said: the reference date and the last year and quarter named."""

    def __init__(self, reference: date | None) -> None:
        self.reference = reference
        self.year: int | None = None
        self.quarter: tuple[int, str] | None = None
        self.quarter_hidden = False  # a longer stretch was named after the quarter
        self.day: str | None = None
        self.point: str | None = None  # the last day, month or year named (YYYY-MM-DD, YYYY-MM, YYYY)
        self.month: str | None = None
        self.last_end: int | None = None  # where the last expression ended
        self.last_day: str | None = None  # the day (YYYY-MM-DD) the last expression named, if any
        self.slack = _TENSE_SLACK_MONTHS
        self.numeric_month_first: bool | None = None  # the order of the text's slashed dates

    def remember(self, value: str | None, *, explicit: bool) -> None:
        if not value:
            return
        if explicit and re.match(r"\d{4}-[QH]\d$", value):
            self.quarter_hidden = False  # the text is back on a quarter
        # A quarter of a later year than the text's is an outlook, not the period reported on.
        if (
            explicit
            and (m := re.match(r"(\d{4})-([QH]\d)$", value))
            and (self.reference is None or int(m[1]) <= self.reference.year)
        ):
            self.quarter = (int(m[1]), m[2])
        if m := re.match(r"(\d{4})(?:$|-)", value):
            self.year = int(m[1])
        if m := re.match(r"(\d{4}-\d\d)(?:$|-\d\d$)", value):
            self.month = m[1]
        if re.fullmatch(r"\d{4}-\d\d-\d\d", value):
            self.day = value
        if re.fullmatch(r"\d{4}(?:-\d\d){0,2}", value):
            self.point = value


def _narrative_anchor(state: _Context, unit: str) -> date | None:
    """The date "the following month", "the previous day" count from: the last date the text
    named at the unit's precision or finer (TimeML's reference time), else the reference date."""
    if unit in ("day", "week", "weekend") and state.day:
        return date.fromisoformat(state.day)
    if unit == "month" and state.month:
        return date.fromisoformat(state.month + "-01")
    if unit == "year" and state.year is not None:
        return date(state.year, 1, 1)
    return state.reference


# A duration that moves the story on from its last date: "two days later", "a week earlier".
_STEP_AFTER = re.compile(r"[ \t]+(later|earlier)\b", re.IGNORECASE)
_WHOLE_DURATION = re.compile(r"P(\d+)([DWMY])")


def narrative_point(timex: Timex, text: str) -> Timex | None:
    """A duration told from the story's last date ("Two days later") as the point it lands on: a DATE
    over the duration and its "later" or "earlier" (an event dated by it points at those words)."""
    step = _STEP_AFTER.match(text, timex.end) if timex.anchored else None
    if step is None:
        return None
    end = step.end()
    return Timex(
        timex.start, end, text[timex.start : end], DATE_TYPE, timex.anchored, timex_precision(timex.anchored)
    )


def _narrative_step(duration: str | None, state: _Context, *, earlier: bool) -> str | None:
    """The day, month or year a duration told from the story's last date lands on ("Two days
    later" after May 16: 2025-05-18), at the duration's unit; None when the text named no date of
    that precision before it (the publication date is no story's date) or the amount is vague."""
    match = _WHOLE_DURATION.fullmatch(duration or "")
    if match is None:
        return None
    amount, unit = int(match[1]), match[2]
    step = -amount if earlier else amount
    try:
        if unit in "DW" and state.day:
            return _ymd(date.fromisoformat(state.day) + timedelta(days=step * (7 if unit == "W" else 1)))
        if unit == "M" and state.month:
            return _shift_month(date.fromisoformat(state.month + "-01"), step).isoformat()[:7]
        if unit == "Y" and state.year is not None and 1 <= state.year + step <= 9999:
            return f"{state.year + step:04d}"
    except (ValueError, OverflowError):
        pass  # "a million days later": past the calendar
    return None


_NARRATIVE_STEP = re.compile(r"\b(?:following|previous|preceding|prior)\b", re.IGNORECASE)


def _word_number(words: str) -> float | None:
    """3 for "3", "three" or "3-"; None for vague amounts ("several")."""
    words = re.sub(r"\s+", " ", words.strip().lower()).rstrip("-")
    if not words:
        return 1
    if re.fullmatch(r"\d+(?:[.,]\d+)?", words):
        return float(words.replace(",", "")) if "." in words or "," in words else int(words)
    if m := re.fullmatch(r"(\d+) (\d)/(\d)", words):
        return int(m[1]) + int(m[2]) / int(m[3])
    if words in NUMBER_WORDS:
        return NUMBER_WORDS[words]
    if (m := re.fullmatch(r"([a-z]+)-([a-z]+)", words)) and m[1] in NUMBER_WORDS and m[2] in NUMBER_WORDS:
        return NUMBER_WORDS[m[1]] + NUMBER_WORDS[m[2]]
    return None


def _amount(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


_UNIT_IN = re.compile(rf"({_C_UNIT})s?\b", re.IGNORECASE)
_NUMBER_IN = re.compile(
    rf"\b({_C_NUMBER})(?=[\s-]+(?:(?:more|additional|straight|consecutive|full|trading|business|working)\s+)?{_C_UNIT})",
    re.IGNORECASE,
)


def _duration_value(text: str) -> str | None:
    unit_match = _UNIT_IN.search(text)
    if unit_match is None:
        return None
    unit = unit_match.group(1).lower()
    number_match = _NUMBER_IN.search(text)
    amount = _word_number(number_match.group(1)) if number_match else 1
    if number_match is None and re.search(
        r"(?:s|ies|ia)\b", text[unit_match.start() : unit_match.end() + 3].split()[0]
    ):
        amount = None  # "years", "the past few weeks"
    code = TIME_UNITS[unit]
    if code == "2W":
        code, amount = "W", None if amount is None else amount * 2
    if code == "WE":  # a weekend lasts two days (TIMEX3 has no WE duration)
        code, amount = "D", None if amount is None else amount * 2
    if code == "DE" and amount is not None:
        code, amount = "Y", amount * 10
    if code == "CE" and amount is not None:
        code, amount = "Y", amount * 100
    prefix = "PT" if unit in CLOCK_UNITS else "P"
    if amount is not None and not float(amount).is_integer() and unit in _FRACTION_UNITS:
        # "2 1/2 years" is P2Y6M: the fraction in the next smaller unit.
        smaller_code, per = _FRACTION_UNITS[unit]
        whole, rest = int(amount), round((amount - int(amount)) * per)
        head = f"{whole}{code}" if whole else ""
        separator = "T" if unit == "day" else ""
        return f"{prefix}{head}{separator}{rest}{smaller_code}"
    return f"{prefix}{'X' if amount is None else _amount(amount)}{code}"


_FRACTION_UNITS = {"year": ("M", 12), "month": ("D", 30), "week": ("D", 7), "day": ("H", 24), "hour": ("M", 60),
                   "minute": ("S", 60)}  # fmt: skip


def timex_precision(value: str | None) -> str | None:
    """The granularity a TIMEX3 value names ("day", "month", "year"...), None for durations."""
    if not value:
        return None
    if value.endswith("_REF"):
        return "reference"
    if value.startswith("P"):
        return None
    if "T" in value:
        return "time"
    patterns = (
        (r"[\dX]{4}-[\dX]{2}-[\dX]{2}", "day"), (r"[\dX]{4}-W[\dX]{2}(?:-\d|-WE)?", "week"),
        (r"[\dX]{4}-[\dX]{2}", "month"), (r"[\dX]{4}-Q[\dX]", "quarter"), (r"[\dX]{4}-H[\dX]", "half"),
        (r"[\dX]{4}-(?:SP|SU|FA|WI)", "season"), (r"(?:FY)?[\dX]{4}", "year"), (r"\d{3}", "decade"),
        (r"\d{2}", "century"),
    )  # fmt: skip
    for pattern, name in patterns:
        if re.fullmatch(pattern, value):
            return name
    return None


def _month_of(word: str) -> int:
    return MONTH_NUMBERS[word.lower().rstrip(".")]


def _ymd(d: date) -> str:
    return d.isoformat()


def _week(d: date) -> str:
    year, week, _ = d.isocalendar()
    return f"{year}-W{week:02d}"


def _quarter_of(d: date) -> int:
    return (d.month - 1) // 3 + 1


def _season_of(d: date) -> tuple[int, str]:
    index = d.month % 12 // 3  # 0 winter, 1 spring, 2 summer, 3 autumn
    year = d.year - 1 if d.month <= 2 else d.year
    return year, ("WI", "SP", "SU", "FA")[index]


def _year_from(text: str) -> int | None:
    m = re.search(r"(?<!\d)(1[6-9]\d\d|20\d\d)(?!\d)", text)
    return int(m[1]) if m else None


def _relative_step(text: str) -> int | None:
    """-1 for "last", +1 for "next", 0 for "this"; None when the text names no direction."""
    lowered = text.lower()
    if re.search(r"\b(?:last|past|previous|preceding|prior)\b|year[\s-](?:earlier|ago)", lowered):
        return -1
    if re.search(r"\b(?:next|coming|following)\b", lowered):
        return 1
    if re.search(r"\b(?:this|current|same|that)\b", lowered):
        return 0
    return None


# Without a tense, a month more than this far from the reference is the one in the nearer year.
_NEAREST_YEAR_MONTHS = 6
# A month a little past the reference in a future clause (or ahead of it in a past one) stays in
# its year: the tense read from the words is not always the tense of the date.
_TENSE_SLACK_MONTHS = 2


def _pick_year(
    month: int, day: int | None, weekday: int | None, state: _Context, future: bool | None
) -> int | None:
    ref = state.reference
    if ref is None:
        return None
    candidates = []
    for year in (ref.year - 1, ref.year, ref.year + 1):
        d = _safe_date(year, month, day or 1)
        if d is None and day == 29 and month == 2:
            continue
        if d is None:
            raise ValueError("no such day")
        candidates.append(d)
    if weekday is not None and day is not None:
        matching = [d for d in candidates if d.weekday() == weekday]
        if matching:
            return min(matching, key=lambda d: abs((d - ref).days)).year
    # Dates within a few months of the reference keep its year; a date far on the other side of
    # the tense ("will meet on Jan. 5" written in December) moves to the neighbouring year.
    same = _safe_date(ref.year, month, day or 1) or date(ref.year, month, 1)
    months_apart = (same.year - ref.year) * 12 + same.month - ref.month
    if future is True and months_apart < -state.slack:
        return ref.year + 1
    if future is False and months_apart > state.slack:
        return ref.year - 1
    if future is None and abs(months_apart) > _NEAREST_YEAR_MONTHS:
        return ref.year + (1 if months_apart < 0 else -1)
    return ref.year


def _norm_full_date(match: re.Match, state: _Context, future: bool | None, kind: str):
    text = match.group(0)
    month_word = re.search(_C_MONTH, text).group(0)
    month = _month_of(month_word)
    day = int(
        re.search(r"(?<![\d])(\d{1,2})(?:st|nd|rd|th)?\b(?![:\d])", text.replace(month_word, " ")).group(1)
    )
    weekday_match = re.search(_C_WEEKDAY_BEFORE_DATE, text)
    weekday = WEEKDAY_NUMBERS[weekday_match.group(0).lower().rstrip(".")] if weekday_match else None
    year = _year_from(text) or _relative_year(text, state)
    if year is None:
        year = _pick_year(month, day, weekday, state, future)
    if year is None:
        return kind, None
    d = _safe_date(year, month, day)
    return kind, None if d is None else _ymd(d)


def _relative_year(text: str, state: _Context) -> int | None:
    """The year of "Oct. 13 last year", "October of next year" (None without such words or a reference)."""
    found = re.search(r"\b(last|this|next)\s+year\b", text, re.IGNORECASE)
    if found is None or state.reference is None:
        return None
    return state.reference.year + _relative_step(found[0])


def _norm_iso(match: re.Match, state: _Context, future: bool | None, kind: str):
    d = _safe_date(*map(int, match.group(0)[:10].split("-")))
    return kind, None if d is None else _ymd(d)


def _numeric_parts(match: re.Match) -> tuple[int, int, int]:
    first, second, year = (int(part) for part in re.split(r"[/.]", match.group(0)))
    if year < 100:
        year += 1900 if year >= 40 else 2000
    return first, second, year


def _numeric_order(spans) -> bool | None:
    """True when the text writes its slashed dates month first ("07/15/2016"), False when day first
    ("15/07/2016"), None when no date of it settles the order or its dates disagree."""
    orders = set()
    for _start, _end, name, _kind, match in spans:
        if name == "numeric" and match.group("separator") == "/":
            first, second, _year = _numeric_parts(match)
            if (first > 12) != (second > 12):
                orders.add(second > 12)
    return orders.pop() if len(orders) == 1 else None


def _norm_numeric(match: re.Match, state: _Context, future: bool | None, kind: str):
    first, second, year = _numeric_parts(match)
    readings = {d for d in (_safe_date(year, second, first), _safe_date(year, first, second)) if d}
    if len(readings) == 2 and match.group("separator") == "/":
        # "10/03/2017" is 10 March in Britain and 3 October in the US: the text's other slashed dates
        # settle the order, else the reading nearer the text's date; with neither it is left open.
        if state.numeric_month_first is not None:
            readings = {
                _safe_date(year, *((first, second) if state.numeric_month_first else (second, first)))
            }
        elif state.reference is not None:
            readings = {min(readings, key=lambda d: abs((d - state.reference).days))}
        else:
            return kind, None
    elif len(readings) == 2:
        readings = {_safe_date(year, second, first)}  # dotted dates are written day first
    return kind, _ymd(readings.pop()) if len(readings) == 1 else None


def _norm_month(match: re.Match, state: _Context, future: bool | None, kind: str):
    text = match.group(0)
    month = _month_of(re.search(_C_MONTH, text).group(0))
    year = _year_from(text) or _spelled_year(text)
    ref = state.reference
    if year is None:
        if ref is None:
            return kind, None
        lowered = text.lower()
        if "last year" in lowered:
            year = ref.year - 1
        elif "next year" in lowered:
            year = ref.year + 1
        elif "this year" in lowered:
            year = ref.year
        else:
            step = _relative_step(re.sub(_C_MONTH, "", text))
            if step == -1:
                year = ref.year if month < ref.month else ref.year - 1
            elif step == 1:
                year = ref.year if month > ref.month else ref.year + 1
            elif step == 0:
                year = ref.year
            else:
                year = _pick_year(month, None, None, state, future)
    return kind, f"{year}-{month:02d}"


_COMING_DECADE_YEARS = 3


def _norm_decade(match: re.Match, state: _Context, future: bool | None, kind: str):
    text = match.group(0).lower()
    if m := re.search(r"(1[6-9])00'?s", text):
        return kind, m[1]  # "the 1800s": the century (TimeML's 18), not its first decade
    if m := re.search(r"(\d{3})0'?s", text):
        return kind, m[1]
    words = ("twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties")
    digit = next((i + 2 for i, w in enumerate(words) if w in text), None)
    if digit is None:
        digit = int(re.search(r"'(\d)0s", text)[1])
    century = state.reference.year // 100 if state.reference else 19
    # The decade the reference lies in or before it; a later one only when it is about to begin
    # ("the '90s" written in 1989 are the coming decade, in 1975 the 1890s are meant).
    if state.reference and digit * 10 > state.reference.year % 100 + _COMING_DECADE_YEARS:
        century -= 1
    return kind, f"{century}{digit}"


def _norm_century(match: re.Match, state: _Context, future: bool | None, kind: str):
    text = match.group(0).lower()
    number = re.search(r"(\d{1,2})(?:st|nd|rd|th)", text)
    if number:
        n = int(number[1])
    else:
        word = re.search(r"([a-z]+(?:-[a-z]+)?)[\s-]century", text)[1]
        n = ORDINAL_WORDS.get(word)
        if n is None:
            return None, None  # "this century" and "half a century" are other rules' forms
    return kind, f"{n - 1:02d}"


def _norm_quarter(match: re.Match, state: _Context, future: bool | None, kind: str):
    text = match.group(0).lower()
    ordinal = re.search(r"(first|second|third|fourth|1st|2nd|3rd|4th)", text)[1]
    n = ORDINAL_WORDS[ordinal]
    letter = "H" if "half" in text else "Q"
    if letter == "H" and n > 2:
        return kind, None
    year = _year_from(text)
    ref = state.reference
    if year is None and _YEAR_EARLIER.search(text):
        # "the year-earlier third quarter": that quarter of the year before the one reported on.
        year = state.quarter[0] if state.quarter else ref.year if ref else None
        year = None if year is None else year - 1
    elif year is None:
        if ref is None:
            return kind, None
        year = ref.year + (-1 if "last year" in text else 1 if "next year" in text else 0)
    if year is None:
        return kind, None
    return kind, f"{year}-{letter}{n}"


_YEAR_EARLIER = re.compile(r"year[\s-](?:earlier|ago)")


def _norm_month_quarter(match: re.Match, state: _Context, future: bool | None, kind: str):
    text = match.group(0)
    month = _month_of(re.search(_C_MONTH, text).group(0))
    year = _year_from(text) or _pick_year(month, None, None, state, future)
    return kind, None if year is None else f"{year}-Q{(month - 1) // 3 + 1}"


def _norm_fiscal_year(match: re.Match, state: _Context, future: bool | None, kind: str):
    return kind, str(_year_from(match.group(0)))


_SEASON_ORDER = ("SP", "SU", "FA", "WI")  # a winter belongs to the year of its December


def _norm_season(match: re.Match, state: _Context, future: bool | None, kind: str):
    text = match.group(0).lower()
    season = SEASONS[re.search(_C_SEASON, text, re.IGNORECASE).group(0).lower()]
    year = _year_from(text) or _relative_year(text, state)  # "the spring of last year"
    ref = state.reference
    if year is None:
        if ref is None:
            return kind, None
        # Seasons numbered in sequence: four a year, spring first.
        current = (ref.year - (1 if ref.month <= 2 else 0)) * 4 + (ref.month - 3) % 12 // 3
        position = _SEASON_ORDER.index(season)
        step = _relative_step(re.sub(_C_SEASON, "", text, flags=re.IGNORECASE))
        if step == -1:
            index = current - 1 - (current - 1 - position) % 4
        elif step == 1:
            index = current + 1 + (position - current - 1) % 4
        elif future is True:
            index = current + (position - current) % 4
        elif future is False:
            index = current - (current - position) % 4
        else:
            # No tense: the season whose middle month is nearest (in February "the spring" is the
            # coming one, not the one ten months past), as for a month; a tie goes to the past.
            month = ref.year * 12 + ref.month - 1
            before = current - (current - position) % 4
            index = min((before, before + 4), key=lambda i: (abs(i * 3 + 3 - month), i))
        year = index // 4
    return kind, f"{year}-{season}"


def _day_offset(text: str) -> int:
    lowered = text.lower()
    if "before yesterday" in lowered:
        return -2
    if "after tomorrow" in lowered:
        return 2
    if "yesterday" in lowered or lowered.startswith("last"):
        return -1
    if "tomorrow" in lowered:
        return 1
    return 0


def _norm_relative_day(match: re.Match, state: _Context, future: bool | None, kind: str):
    if state.reference is None:
        return kind, None
    return kind, _ymd(state.reference + timedelta(days=_day_offset(match.group(0))))


def _weekday_date(weekday: int, text: str, state: _Context, future: bool | None) -> date | None:
    ref = state.reference
    if _NARRATIVE_STEP.search(text):
        ref = _narrative_anchor(state, "day")  # "the previous Friday": before the last day named
    if ref is None:
        return None
    mod = _relative_step(re.sub(_C_WEEKDAY, "", text))
    if mod == -1:
        return ref - timedelta(days=(ref.weekday() - weekday) % 7 or 7)
    if mod == 1:
        return ref + timedelta(days=(weekday - ref.weekday()) % 7 or 7)
    if mod == 0 and "that" not in text.lower():
        return ref + timedelta(days=weekday - ref.weekday())
    if future:
        return ref + timedelta(days=(weekday - ref.weekday()) % 7)
    return ref - timedelta(days=(ref.weekday() - weekday) % 7)


def _norm_weekday(match: re.Match, state: _Context, future: bool | None, kind: str):
    text = match.group(0)
    weekday = WEEKDAY_NUMBERS[re.search(_C_WEEKDAY, text).group(0).lower().rstrip(".")]
    if (week := re.search(r"(last|next|this)\s+week$", text)) and state.reference is not None:
        # "Tuesday of last week": that weekday of the week named
        ref = state.reference
        monday = ref - timedelta(days=ref.weekday()) + timedelta(weeks=_relative_step(week[1]))
        return kind, _ymd(monday + timedelta(days=weekday))
    d = _weekday_date(weekday, text, state, future)
    return kind, None if d is None else _ymd(d)


def _norm_day_part(match: re.Match, state: _Context, future: bool | None, kind: str):
    text = match.group(0)
    lowered = text.lower()
    part = DAY_PARTS[re.search(r"morning|afternoon|evening|overnight|night", lowered)[0]]
    if (weekday_match := re.search(_C_WEEKDAY, text)) is not None:
        # "Friday night" names a day more than a time of it (news annotation gives the day).
        d = _weekday_date(WEEKDAY_NUMBERS[weekday_match.group(0).lower().rstrip(".")], text, state, future)
        return DATE_TYPE, None if d is None else _ymd(d)
    d = state.reference + timedelta(days=_day_offset(lowered)) if state.reference is not None else None
    return kind, f"{_ymd(d)}T{part}" if d else f"TXX{part}"


def _norm_clock(match: re.Match, state: _Context, future: bool | None, kind: str):
    text = match.group(0)
    lowered = text.lower()
    if "noon" in lowered:
        hour, minute = 12, 0
    elif "midnight" in lowered:
        hour, minute = 24, 0
    else:
        m = re.match(r"(\d{1,2})(?:[:.](\d\d))?", lowered)
        hour, minute = int(m[1]), int(m[2] or 0)
        if re.search(r"p\.?m", lowered) and hour < 12:
            hour += 12
        elif re.search(r"a\.?m", lowered) and hour == 12:
            hour = 0
    if (weekday_match := re.search(_C_WEEKDAY, text)) is not None:
        d = _weekday_date(WEEKDAY_NUMBERS[weekday_match.group(0).lower().rstrip(".")], text, state, future)
    elif (day := _adjoining_day(match, state)) is not None:
        d = date.fromisoformat(day)
    elif state.reference is not None:
        d = state.reference + timedelta(days=_day_offset(lowered))
    else:
        d = None
    clock = f"T{hour:02d}:{minute:02d}"
    return kind, f"{_ymd(d)}{clock}" if d else clock


# What may stand between a day and the clock time that belongs to it: "Tuesday evening at 5:52 p.m.",
# "on March 3, about 9 a.m.", "yesterday (10:30 GMT)", "Monday from 9 a.m. to 5 p.m.".
_CLOCK_AFTER_DAY = re.compile(
    r"[\s,(\u2013-]*(?:(?:at|around|about|by|from|until|till|to|and|or|between|before|after|shortly|just"
    r"|approximately|roughly)[\s,]+)*",
    re.IGNORECASE,
)


def _adjoining_day(match: re.Match, state: _Context) -> str | None:
    """The day named just before a clock time that names none ("Tuesday evening at 5:52 p.m."): the
    time is of that day (TimeML anchors a time to the day the text gives it), not of the text's date."""
    if state.last_day is None or state.last_end is None or state.last_end > match.start():
        return None
    if _OWN_DAY.search(match.group(0)):
        return None
    return state.last_day if _CLOCK_AFTER_DAY.fullmatch(match.string, state.last_end, match.start()) else None


_OWN_DAY = re.compile(r"yesterday|today|tomorrow|tonight", re.IGNORECASE)


def _shifted(ref: date, unit: str, amount: int) -> tuple[str, str]:
    """The value ``amount`` units from ``ref`` (negative: before), at the unit's granularity."""
    if unit in ("day", "night"):
        return "day", _ymd(ref + timedelta(days=amount))
    if unit in ("week", "weekend", "fortnight"):
        return "week", _week(ref + timedelta(weeks=amount * (2 if unit == "fortnight" else 1)))
    if unit == "month":
        shifted = _shift_month(ref, amount)
        return "month", f"{shifted.year}-{shifted.month:02d}"
    if unit == "quarter":
        index = ref.year * 4 + _quarter_of(ref) - 1 + amount
        return "quarter", f"{index // 4}-Q{index % 4 + 1}"
    if unit == "year":
        return "year", str(ref.year + amount)
    if unit == "decade":
        return "decade", str((ref.year + 10 * amount) // 10)
    return "century", str((ref.year + 100 * amount) // 100)


def _norm_ago(match: re.Match, state: _Context, future: bool | None, kind: str):
    text = match.group(0).lower()
    unit = _UNIT_IN.search(text).group(1).lower().replace("centurie", "century")
    number_match = _NUMBER_IN.search(text)
    amount = _word_number(number_match.group(1)) if number_match else 1
    forward = re.search(r"\b(?:later|after|from now|hence)\b", text) is not None
    if amount is None or unit in CLOCK_UNITS:
        return kind, ("FUTURE_REF" if forward else "PAST_REF") if amount is None else None
    ref = state.reference
    if unit == "year" and state.quarter and not state.quarter_hidden and int(amount) == amount:
        # "a year earlier" in a text about a quarter means that quarter a year before.
        year, part = state.quarter
        return kind, f"{year + (int(amount) if forward else -int(amount))}-{part}"
    if ref is None:
        return kind, None
    step = int(amount) if float(amount).is_integer() else None
    if step is None:
        return kind, None
    return kind, _shifted(ref, unit, step if forward else -step)[1]


def _norm_relative_period(match: re.Match, state: _Context, future: bool | None, kind: str):
    text = match.group(0).lower()
    ref = state.reference
    if ordinal := re.search(r"'s\s+(first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter", text):
        if ref is None:
            return kind, None
        year = ref.year + _relative_step(text.split("'s")[0])
        return kind, f"{year}-Q{ORDINAL_WORDS[ordinal[1]]}"
    unit_match = re.search(r"(week(?:end)?|month|quarter|year|decade|century|period)$", text)
    unit = unit_match[1]
    step = _relative_step(text[: unit_match.start()])
    if "year-earlier" in text or "year earlier" in text or "year-ago" in text or "year ago" in text:
        if unit == "quarter" and state.quarter is None and ref is not None:
            # "the year-ago quarter" with no quarter named: the last quarter ended, a year before
            return kind, _shifted(ref, "quarter", -5)[1]
        return _year_ago(state, kind)
    if unit == "period" or ("that" in text.split() or "same" in text.split()):
        if unit == "year" and state.year is not None:
            return kind, str(state.year)
        if unit in ("period", "quarter") and state.quarter is not None:
            year, part = state.quarter
            return kind, f"{year}-{part}"
        return kind, None
    if _NARRATIVE_STEP.search(text) and unit in ("month", "year", "week"):
        ref = _narrative_anchor(state, unit)
    if ref is None:
        return kind, None
    if "latest" in text:
        # The latest quarter reported is the last one that has ended.
        step = -1
    if step is None:
        step = 0
    if unit == "quarter" and re.search(r"previous|preceding", text) and state.quarter is not None:
        year, part = state.quarter
        index = year * 4 + int(part[1]) - 2
        return kind, f"{index // 4}-Q{index % 4 + 1}"
    if unit == "weekend":
        return kind, _weekend(ref, step, future)
    return kind, _shifted(ref, unit, step)[1]


def _weekend(ref: date, step: int, future: bool | None) -> str:
    """ "The weekend" read early in a week is the one just past, unless the clause looks ahead."""
    if step == 0 and ref.weekday() < 3 and not future:
        step = -1
    return _shifted(ref, "week", step)[1] + "-WE"


def _year_ago(state: _Context, kind: str):
    if state.quarter is not None and not state.quarter_hidden:
        year, part = state.quarter
        return kind, f"{year - 1}-{part}"
    if state.reference is None:
        return kind, None
    return kind, str(state.reference.year - 1)


def _norm_year_ago(match: re.Match, state: _Context, future: bool | None, kind: str):
    return _year_ago(state, kind)


def _norm_year_end(match: re.Match, state: _Context, future: bool | None, kind: str):
    # "year-end", "by month's end": the period it ends, as "the end of the year" is.
    unit = re.search(r"year|month|week", match.group(0), re.IGNORECASE)[0].lower()
    return kind, None if state.reference is None else _shifted(state.reference, unit, 0)[1]


def _norm_midyear(match: re.Match, state: _Context, future: bool | None, kind: str):
    year = _pick_year(_MIDYEAR_MONTH, None, None, state, future)
    return kind, None if year is None else str(year)


_MIDYEAR_MONTH = 6


def _norm_week_of(match: re.Match, state: _Context, future: bool | None, kind: str):
    day_match = _MONTH_DAY.search(match.group(0))
    _, day = _norm_full_date(day_match, state, future, kind)
    if day is None:
        return kind, None
    week = _week(date.fromisoformat(day))
    return kind, week + "-WE" if re.match(r"the\s+weekend", match.group(0), re.IGNORECASE) else week


_MONTH_DAY = re.compile(rf"{_C_MONTH}\s+{_C_DAY}(?:,?\s+{_C_YEAR})?", re.IGNORECASE)


def _norm_weekday_ordinal(match: re.Match, state: _Context, future: bool | None, kind: str):
    """ "Friday the 13th": the month whose 13th is a Friday, the last one before the reference in a
    past clause, the next one in a future clause, else the nearest."""
    ref = state.reference
    if ref is None:
        return kind, None
    text = match.group(0)
    weekday = WEEKDAY_NUMBERS[re.match(r"[A-Za-z]+", text)[0].lower()]
    day = int(re.search(r"(\d+)(?:st|nd|rd|th)$", text)[1])
    months = (_shift_month(ref, offset) for offset in range(-14, 15))
    found = [d for m in months if (d := _safe_date(m.year, m.month, day)) and d.weekday() == weekday]
    side = [d for d in found if (d <= ref if future is False else d >= ref if future else True)]
    if not side:
        return kind, None
    return kind, _ymd(min(side, key=lambda d: abs((d - ref).days)))


def _norm_nth_weekday(match: re.Match, state: _Context, future: bool | None, kind: str):
    """ "the first Sunday of May": the month's year as for "May" alone, then its nth such weekday."""
    text = match.group(0)
    day_name = re.search(_C_WEEKDAY, text)
    nth = _NTH[re.search("|".join(_NTH), text[: day_name.start()], re.IGNORECASE)[0].lower()]
    weekday = WEEKDAY_NUMBERS[day_name[0].rstrip(".").lower()]
    month = _month_of(re.search(_C_MONTH, text[day_name.end() :])[0])
    year = _year_from(text[day_name.end() :]) or _pick_year(month, None, None, state, future)
    if year is None:
        return kind, None
    days = [d for d in range(1, 32) if (day := _safe_date(year, month, d)) and day.weekday() == weekday]
    return kind, _ymd(date(year, month, days[nth]))


def _norm_the_unit(match: re.Match, state: _Context, future: bool | None, kind: str):
    unit = match.group(0).lower().split()[-1]
    ref = state.reference
    if unit != "quarter" and re.match(
        r"\s+(?:ended|ending|to)\b", match.string[match.end() : match.end() + 10]
    ):
        return DURATION_TYPE, f"P1{TIME_UNITS[unit]}"  # "the year ended March 31": a stretch of time
    if unit == "quarter" and (ended := _ENDED_ON.match(match.string, match.end())):
        # "the quarter ended Sept. 30": the calendar quarter holding that day, unless the text numbered
        # the quarter otherwise ("the fiscal first quarter"): then its calendar number is unknown.
        _, day = _norm_full_date(ended, state, False, kind)  # a quarter that ended lies behind
        if day is not None:
            year, part = int(day[:4]), f"Q{_quarter_of(date.fromisoformat(day))}"
            named = state.quarter
            if named is not None and named[0] == year and named[1].startswith("Q") and named[1] != part:
                part = "QX"
            return kind, f"{year}-{part}"
    if unit == "quarter" and state.quarter is not None:
        year, part = state.quarter
        return kind, f"{year}-{part}"
    if ref is None:
        return kind, None
    if unit == "quarter":
        return kind, _shifted(ref, "quarter", -1)[1]
    if unit == "weekend":
        return kind, _weekend(ref, 0, future)
    return kind, _shifted(ref, unit, 0)[1]


_ENDED_ON = re.compile(
    rf"\s+(?:ended|ending)\s+(?:on\s+)?({_C_MONTH}\s+{_C_DAY}(?:,?\s+{_C_YEAR})?)", re.IGNORECASE
)


def _norm_year_period(match: re.Match, state: _Context, future: bool | None, kind: str):
    year = _year_from(match.group(0))
    if match.group(0).lower().endswith("quarter") or state.quarter is not None:
        part = state.quarter[1] if state.quarter else "QX"
        return kind, f"{year}-{part}"
    return kind, str(year)


def _norm_first_day(match: re.Match, state: _Context, future: bool | None, kind: str):
    """The day of "14" in "14 to 16 March": the month and year the date after it resolves to."""
    second = _DAY_MONTH.match(match.string, match.end())
    if second is None:
        return kind, None
    kind, value = _norm_full_date(second, state, future, kind)
    if not value or not re.fullmatch(r"\d{4}-\d\d-\d\d", value):
        return kind, None
    d = _safe_date(int(value[:4]), int(value[5:7]), int(re.match(r"\d+", match.group(1))[0]))
    return kind, None if d is None else _ymd(d)


def _norm_second_day(match: re.Match, state: _Context, future: bool | None, kind: str):
    if state.day is None:
        return kind, None
    d = _safe_date(int(state.day[:4]), int(state.day[5:7]), int(re.match(r"\d+", match.group(0))[0]))
    return kind, None if d is None else _ymd(d)


def _unknown_day(match: re.Match, state: _Context) -> str | None:
    """``1998-10-XX`` for "that same day", "the next day" after a month ("last October") or a year
    named with no day in it: TimeML's reference time is the last time named, and the day it
    speaks of is some day of it. None when the last time named was a day, or a month or year
    that holds the reference date (then the day is the reference's or the last day named)."""
    point, ref = state.point, state.reference
    if point is None or len(point) == 10 or not _ANAPHORIC_DAY.search(match.group(0)):
        return None
    if ref is not None and ref.isoformat().startswith(point):
        return None
    return point + "-XX" * (3 - point.count("-") - 1)


_ANAPHORIC_DAY = re.compile(r"\b(?:that|same|next|following|previous|preceding)\b", re.IGNORECASE)


def _norm_same_day(match: re.Match, state: _Context, future: bool | None, kind: str):
    if (unknown := _unknown_day(match, state)) is not None:
        return kind, unknown
    anchor = _narrative_anchor(state, "day")
    if anchor is None:
        return kind, None
    # "the day before the vote", "the day after his death": TimeML marks "the day", one day off;
    # not in apposition to a date ("Oct. 12, the day before the crash") or before a clause
    # ("later in the day before returning").
    step = re.match(
        r"\s+(before|after)\b(?!\s+(?:yesterday|tomorrow|\w+ing)\b)",
        match.string[match.end() : match.end() + 30],
    )
    if state.last_end is not None and re.fullmatch(r",\s*", match.string[state.last_end : match.start()]):
        step = None
    return kind, _ymd(anchor + timedelta(days=0 if step is None else -1 if step[1] == "before" else 1))


def _norm_next_day(match: re.Match, state: _Context, future: bool | None, kind: str):
    if (unknown := _unknown_day(match, state)) is not None:
        return kind, unknown
    anchor = _narrative_anchor(state, "day")
    if anchor is None:
        return kind, None
    step = 1 if re.search(r"next|following", match.group(0), re.IGNORECASE) else -1
    return kind, _ymd(anchor + timedelta(days=step))


def _norm_holiday(match: re.Match, state: _Context, future: bool | None, kind: str):
    text = match.group(0)
    name = re.sub(r"\s+", " ", re.sub(r",?\s+\d{4}$", "", text)).lower()
    # "Easter week", "Thanksgiving weekend": the week of the holiday, or its weekend.
    span = re.search(r" (week(?:end)?)$", name)
    if span is not None:
        name = name[: span.start()]
        kind, value = _norm_holiday_day(name, text, state, future, kind)
        if value is None:
            return kind, None
        week = _week(date.fromisoformat(value))
        return kind, week + ("-WE" if span.group(1) == "weekend" else "")
    return _norm_holiday_day(name, text, state, future, kind)


def _norm_holiday_day(name: str, text: str, state: _Context, future: bool | None, kind: str):
    rule = HOLIDAYS[name]
    year = _year_from(text)
    if year is None:
        if state.reference is None:
            return kind, None
        month = {"election": 11, "easter": 4}.get(rule[0], rule[0])
        year = _pick_year(month, None, None, state, future)
    if rule[0] == "easter":
        return kind, _ymd(easter(year) + timedelta(days=rule[1]))
    if rule[0] == "election":
        # The Tuesday after the first Monday of November.
        first_monday = date(year, 11, 1) + timedelta(days=(0 - date(year, 11, 1).weekday()) % 7)
        return kind, _ymd(first_monday + timedelta(days=1))
    if len(rule) == 2:
        return kind, _ymd(date(year, rule[0], rule[1]))
    month, weekday, n = rule
    if n > 0:
        first = date(year, month, 1)
        return kind, _ymd(first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1)))
    last = _shift_month(date(year, month, 1), 1) - timedelta(days=1)
    return kind, _ymd(last - timedelta(days=(last.weekday() - weekday) % 7))


def _spelled_year(text: str) -> int | None:
    found = re.search(_C_SPELLED_YEAR, text, re.IGNORECASE)
    if found is None:
        return None
    words = re.sub(r"\s+", " ", found.group(0).lower())
    if words.startswith("two thousand"):
        rest = words[len("two thousand") :].replace(" and ", "").strip()
        return 2000 + (_word_number(rest) if rest else 0)
    return 1900 + _word_number(words.split(" ", 1)[1])


def _norm_spelled_year(match: re.Match, state: _Context, future: bool | None, kind: str):
    return kind, str(_spelled_year(match.group(0)))


def _norm_year(match: re.Match, state: _Context, future: bool | None, kind: str):
    return kind, str(_year_from(match.group(0)))


def _norm_weekday_set(match: re.Match, state: _Context, future: bool | None, kind: str):
    weekday = WEEKDAY_NUMBERS[re.search(r"[a-z]+day|[a-z]{3}", match.group(0).lower().split()[-1])[0]]
    return kind, f"XXXX-WXX-{weekday + 1}"


def _norm_set_adverb(match: re.Match, state: _Context, future: bool | None, kind: str):
    return kind, SET_ADVERBS[match.group(0).lower()]


def _norm_set_every(match: re.Match, state: _Context, future: bool | None, kind: str):
    value = _duration_value(match.group(0))
    return kind, value.replace("PX", "P1") if value else None


def _norm_reference(match: re.Match, state: _Context, future: bool | None, kind: str):
    return kind, REFERENCE_TIMES[re.sub(r"\s+", " ", match.group(0).lower())]


def _norm_duration(match: re.Match, state: _Context, future: bool | None, kind: str):
    text = match.group(0)
    before = match.string[max(0, match.start() - 25) : match.start()]
    if re.fullmatch(r"(?:an?|per)\s+\w+", text, re.IGNORECASE) and _NUMBERISH_BEFORE.search(before):
        # "$5 a year", "three times a day": a rate, not a stretch of time.
        return SET_TYPE, _duration_value(text)
    value = _duration_value(text)
    lowered = text.lower()
    if lowered == "one day" and _MODAL_BEFORE.search(before):
        return DATE_TYPE, "FUTURE_REF"  # "will one day be": some day ahead, not a day long
    if value and value[1:].startswith(("X", "TX")) and re.search(r"\b(?:coming|future|next)\b", lowered):
        return DATE_TYPE, "FUTURE_REF"
    if value and "X" in value and re.search(r"\b(?:recent|past|last)\b", lowered) and value[-1] in "YQE":
        return DATE_TYPE, "PAST_REF"
    if (
        value
        and state.reference is not None
        and not _NUMBER_IN.search(text)
        and (step := _relative_step(lowered)) in (-1, 1)
        and (unit := _UNIT_IN.search(text).group(1).lower()) in ("year", "month", "quarter", "decade")
        and not lowered.rstrip().endswith("s")
    ):
        # "the past year", "the next decade": the period itself, a date.
        return DATE_TYPE, _shifted(state.reference, unit, step)[1]
    return kind, value


_NORMALISERS = {
    "weekday_month_day": _norm_full_date,
    "month_day": _norm_full_date,
    "day_month": _norm_full_date,
    "iso": _norm_iso,
    "numeric": _norm_numeric,
    "month": _norm_month,
    "nth_weekday": _norm_nth_weekday,
    "decade": _norm_decade,
    "century": _norm_century,
    "quarter": _norm_quarter,
    "month_quarter": _norm_month_quarter,
    "fiscal_year": _norm_fiscal_year,
    "season": _norm_season,
    "relative_day": _norm_relative_day,
    "day_part": _norm_day_part,
    "clock": _norm_clock,
    "ago": _norm_ago,
    "relative_period": _norm_relative_period,
    "year_ago": _norm_year_ago,
    "year_end": _norm_year_end,
    "midyear": _norm_midyear,
    "year_period": _norm_year_period,
    "same_day": _norm_same_day,
    "second_day": _norm_second_day,
    "first_day": _norm_first_day,
    "next_day": _norm_next_day,
    "week_of": _norm_week_of,
    "weekday_ordinal": _norm_weekday_ordinal,
    "the_unit": _norm_the_unit,
    "year": _norm_year,
    "holiday": _norm_holiday,
    "spelled_year": _norm_spelled_year,
    "weekday": _norm_weekday,
    "weekday_set": _norm_weekday_set,
    "set_adverb": _norm_set_adverb,
    "set_every": _norm_set_every,
    "reference": _norm_reference,
    "current": _norm_reference,
    "duration": _norm_duration,
}

# --- Tense ------------------------------------------------------------------------------------

_CLAUSE_START = re.compile(r"[.!?;:\n]\s")
# The word a dot closes, standing alone (not the last letter of "U.S."): an initial ("Daniel P. Davison")
# or an abbreviation written inside sentences ("Mr.", "Gen.", "Feb.", "vs.") ends no clause.
_WORD_BEFORE_DOT = re.compile(r"(?<![\w.])([A-Za-z]+)$")


def _clause_starts(text: str, start: int, end: int):
    """Where clauses start between ``start`` and ``end``: after the end of a sentence or a clause mark,
    not after the dot of an initial or an abbreviation."""
    for mark in _CLAUSE_START.finditer(text, start, end):
        word = (
            _WORD_BEFORE_DOT.search(text[max(0, mark.start() - 12) : mark.start()])
            if mark[0][0] == "."
            else None
        )
        if word and (
            (len(word[1]) == 1 and word[1].isupper()) or word[1].lower() in ABBREVIATIONS_INSIDE_SENTENCES
        ):
            continue
        yield mark


_EARLIEST_BOUND = re.compile(
    r"\b(?:" + "|".join(w.replace(" ", r"\s+") for w in TIMEX_EARLIEST_BOUNDS) + r")\s+$", re.IGNORECASE
)
_WRITTEN_WORD = re.compile(r"[A-Za-z']+")


# A date's possessive and its noun, then an auxiliary that tells the tense ("Tuesday's vote would",
# "Friday's jobs report was"): up to three words of the noun phrase, none a conjunction or a relative.
_POSSESSIVE_SUBJECT = re.compile(
    r"['\u2019]s\s+(?:(?!(?:"
    + "|".join(sorted(TIMEX_CLAUSE_LINKS))
    + r")\b)[A-Za-z-]+\s+){1,3}("
    + "|".join(
        sorted(TIMEX_FUTURE_VERBS_AFTER | TIMEX_FUTURE_MODALS | TIMEX_FUTURE_IN_PAST | TIMEX_PAST_AUXILIARIES)
    )
    + r")\b"
)


def _is_future(text: str, start: int, end: int, doc) -> bool | None:
    """True when the clause around the expression speaks of the future, False for the past."""
    if _EARLIEST_BOUND.search(text, max(0, start - 30), start):
        return True  # "as soon as Tuesday", "as early as next week": the earliest of what may come
    if doc is not None:
        return parsed_tense(doc, start, end)
    if own := _POSSESSIVE_SUBJECT.match(text, end):
        # "said Tuesday's primaries would be close": the date's noun is the subject of the verb after it.
        return own[1].lower() not in TIMEX_PAST_AUXILIARIES
    clause_start = max(
        (m.end() for m in _clause_starts(text, max(0, start - 150), start)),
        default=max(0, start - 150),
    )
    written = _WRITTEN_WORD.findall(text[clause_start:start].replace("\u2019", "'"))[-10:]
    if _rescheduled(written):
        return True
    tense = _tense_of_words(written, range(len(written) - 1, -1, -1))
    if tense is not None:
        return tense
    if written and written[-1].lower() in TIMEX_DEADLINE_WORDS:
        return True  # "has given them until Tuesday": a deadline, with no past verb before it
    # Nothing before it ("In March, the company sold..."): the verb after it, in the same clause.
    clause_end = next(_clause_starts(text, end, end + 100), None)
    following = _WRITTEN_WORD.findall(
        text[end : clause_end.start() if clause_end else end + 100].replace("\u2019", "'")
    )
    following = following[:_FOLLOWING_WORDS]
    return _tense_of_words(following, range(len(following)), ahead=TIMEX_FUTURE_VERBS_AFTER)


# The new date of a verb that moves one: the verb at most this many words before its preposition.
_RESCHEDULED_WORDS = 6


def _rescheduled(written: list[str]) -> bool:
    """True when the words before a date end in the new date's preposition after a verb that moves a
    date ("extended to", "postponed the vote until"): the new date lies ahead of the moving."""
    if not written or written[-1].lower() not in TIMEX_NEW_DATE_PREPOSITIONS:
        return False
    return any(
        verb_lemmas(word.lower()) & TIMEX_RESCHEDULING_VERBS for word in written[-1 - _RESCHEDULED_WORDS : -1]
    )


def _is_past_form(word: str) -> bool:
    """True for a past form of a verb ("agreed", "went"), from the model's lemmatizer tables (without them,
    any -ed word of five letters or more)."""
    regular = is_regular_past_form(word)
    if regular is None:
        return word.endswith("ed") and len(word) > 4
    return regular or word in irregular_past_forms()


def _after_determiner(words: list[str], index: int) -> bool:
    """True when a determiner comes before ``words[index]``, past adverbs ("a still unspecified")."""
    back = index - 1
    while back >= 0 and (words[back] in TIMEX_ADVERBS_BEFORE_ADJECTIVES or may_be_ly_adverb(words[back])):
        back -= 1
    return back >= 0 and words[back] in TIMEX_DETERMINERS


# Words after an expression read for its tense when none before it tells.
_FOLLOWING_WORDS = 12


def _tense_of_words(written: list[str], order, ahead: frozenset[str] = TIMEX_FUTURE_WORDS) -> bool | None:
    """The tense the first telling word of ``written`` (read in ``order``) gives, None if none does;
    ``ahead`` are the words that put it ahead."""
    words = [w.lower() for w in written]
    for index in order:
        word = words[index]
        if word in ahead:
            return True
        if word in TIMEX_PLANS_BEFORE_TO and words[index + 1 : index + 2] == ["to"]:
            return True  # "the league plans to hold a news conference"
        if (
            word in TIMEX_FUTURE_MODALS
            and written[index] == word
            and words[index + 1 : index + 2] != ["have"]
        ):
            return True  # "the vote may come Tuesday" (lower case: not the month)
        if word in TIMEX_PAST_WORDS:
            return False
        if _is_past_form(word):
            if index and words[index - 1] == "be":
                continue  # "will be named", "to be held": a participle; the words before it decide
            if _after_determiner(words, index):
                continue  # "a still unspecified date": an adjective
            return False
    return None


def _governing_verb(doc, start: int, end: int):
    """The verb the expression depends on (climbing through nouns), whether a noun was on the way, the
    verb's auxiliaries and the words climbed through; None when the span does not align with the parse."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    token = span.root
    through_noun = False
    path = []
    for _ in range(6):
        if token.pos_ in ("VERB", "AUX") or token.head.i == token.i:
            break
        token = token.head
        if token.pos_ not in ("VERB", "AUX"):
            path.append(token)
        through_noun = through_noun or token.pos_ in ("NOUN", "PROPN")
    token = _attribution_before(span) or _reported_clause_before(token, span) or token
    return token, through_noun, [c.lower_ for c in token.children if c.dep_ in ("aux", "auxpass")], path


def _attribution_before(span):
    """The reporting verb right before the expression ("said on Tuesday it would cut jobs", "said
    Tuesday that ..."): the day is the saying's, wherever the parser hung it. Not a day that owns a
    noun ("said Tuesday's vote would be close"): that is the noun's."""
    if span.root.dep_ == "poss" or (span.end < len(span.doc) and span.doc[span.end].tag_ == "POS"):
        return None
    before = span.start - 1
    if before >= 0 and span.doc[before].lower_ == "on":
        before -= 1
    if before < 0:
        return None
    verb = span.doc[before]
    return verb if verb.pos_ == "VERB" and verb.lemma_.lower() in REPORTING_VERBS else None


def _reported_clause_before(verb, span):
    """The reported clause's verb when the parser hung the expression on the attribution that follows
    it ("Apple will unveil its phones at an event on September 9, the company said"): news writes the
    attribution's own day after its verb or before the whole sentence, never between the clause it
    reports and its subject."""
    if verb.lemma_.lower() not in REPORTING_VERBS:
        return None
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects or not span.end <= subjects[0].left_edge.i or not subjects[0].i < verb.i:
        return None
    return next(
        (
            c
            for c in verb.children
            if c.dep_ in ("ccomp", "parataxis") and c.i < span.start and c.pos_ in ("VERB", "AUX")
        ),
        None,
    )


_FUTURE_AUXILIARIES = ("will", "'ll", "shall", "wo")
_PAST_AUXILIARIES = ("was", "were", "had", "did")
# Auxiliaries of a clause whose condition tells what is not (yet) so: "would fare well if he won".
_HYPOTHETICAL_AUXILIARIES = TIMEX_FUTURE_IN_PAST | TIMEX_FUTURE_MODALS | frozenset(_FUTURE_AUXILIARIES)
# Tags of a singular noun, whose present verb takes the third person's -s.
_SINGULAR_NOUN_TAGS = ("NN", "NNP")
# Dependencies of a participle's clause on the verb whose tense it shares.
_CLAUSE_OF_VERB = ("advcl", "conj")


def _tense_is_certain(doc, start: int, end: int, future: bool | None) -> bool:
    """True when the parse leaves no doubt of the tense: a future auxiliary on the expression's verb
    ("will meet in January"), or a simple past verb it hangs on directly ("reached a deal in December")."""
    governing = None if doc is None or future is None else _governing_verb(doc, start, end)
    if governing is None:
        return False
    token, _, children, path = governing
    if future:
        return any(c in _FUTURE_AUXILIARIES for c in children)
    # Only a preposition between them ("in December"): "payable Dec. 1", "until mid-November" date
    # what the verb tells of, not the telling.
    return (
        token.tag_ == "VBD"
        and not children
        and all(word.pos_ == "ADP" and word.lower_ not in TIMEX_DEADLINE_WORDS for word in path)
    )


def parsed_tense(doc, start: int, end: int) -> bool | None:
    """The tense ``find_timexes`` reads from the parse for the expression at ``start``-``end`` of
    ``doc``: True ahead, False behind, None when the parse does not say."""
    governing = _governing_verb(doc, start, end)
    if governing is None:
        return None
    token, through_noun, children, path = governing
    if (
        _goes_into(token, path)
        and (clause := _finite_verb(token)) is not None
        and not _told_in_the_past(clause)
    ):
        # "Heading into Tuesday's primary, her lead has disappeared": the participle bounds the clause's
        # time as "ahead of" does; "had a lead heading into Tuesday's primaries" leaves it behind.
        return True
    while (
        token.tag_ == "VBG" and not children and token.dep_ in _CLAUSE_OF_VERB and token.head.pos_ == "VERB"
    ):
        # "has fluctuated, rising to $42 in June from $29 in March": a participle's clause is told in
        # the tense of the verb it hangs on.
        token = token.head
        children = [c.lower_ for c in token.children if c.dep_ in ("aux", "auxpass")]
    if any(c in _FUTURE_AUXILIARIES for c in children) or token.lower_ in TIMEX_FUTURE_HEADS:
        return True
    if (
        token.lemma_.lower() in TIMEX_RESCHEDULING_VERBS
        and path
        and path[-1].lower_ in TIMEX_NEW_DATE_PREPOSITIONS
    ):
        # "extended to Nov. 20 its offer", "postponed the vote until March 12": the new date lies
        # ahead of the moving, whatever the verb's tense.
        return True
    if any(word.lower_ in TIMEX_FUTURE_HEADS for word in path):
        # "created an office, effective Feb. 1": the date is the head's, whatever the verb's tense.
        return True
    if directed_ahead(token):
        return True  # "Ryan has invited Trump to meet on Thursday morning": the meeting is still to come
    if any(c in ("to",) for c in children) and token.head.lemma_ in (
        "plan",
        "expect",
        "schedule",
        "be",
        "set",
        "hope",
        "want",
        "intend",
        "aim",
    ):
        return True
    if (
        any(word.lower_ in TIMEX_DEADLINE_WORDS for word in path)
        and token.tag_ != "VBD"
        and not any(c in _PAST_AUXILIARIES for c in children)
    ):
        return True  # "has given them until Tuesday", "stays in custody until March": a deadline ahead
    if _bounded_ahead(path) and not _told_in_the_past(token):
        # "campaigns ahead of Tuesday's primary", "has emboldened his rivals before Tuesday's primary":
        # what the clause tells comes first; only a clause in the past ("had a lead heading into
        # Tuesday's primary", "no polls appear to have been done prior to Tuesday's primary") leaves
        # the bounded day behind the report.
        return True
    if "would" in children:
        return True  # reported plans: "said it would close in January"
    if any(c in TIMEX_FUTURE_MODALS for c in children) and "have" not in children:
        return True  # "the vote could come Tuesday"; "could have come" is past
    if any(c in _PAST_AUXILIARIES for c in children):
        return _past(doc, start, end, token)
    if token.tag_ == "VBN" and any(c in PRESENT_BE_FORMS for c in children):
        # A present passive ("is expected in February", "are planned for May 1"): the participle
        # says nothing of the past; a planning verb looks ahead.
        return True if token.lower_ in TIMEX_FUTURE_WORDS else None
    if "Past" in token.morph.get("Tense"):
        return _past(doc, start, end, token)
    if token.tag_ == "VBP" and any(
        c.dep_ == "nsubj" and c.tag_ in _SINGULAR_NOUN_TAGS for c in token.children
    ):
        # "Weakness in big stocks hurt the index on Friday": a present form would agree with its
        # singular subject ("hurts"), so this is a past form the tagger read as a present one.
        return _past(doc, start, end, token)
    if _shares_time(token, children, path):
        # "the candidate, who is running in Tuesday's primary", "needs a win in Tuesday's primary": a
        # present clause that happens in the named happening puts the happening now or ahead.
        return True
    if token.tag_ in ("VBP", "VBZ") and token.lemma_ not in ("say", "be", "have") and not children:
        # News tells what is planned in the simple present ("leaders meet Monday"), but a date that
        # dates a noun ("police investigate Tuesday's attack") is the noun's, usually reported.
        return None if through_noun else True
    return None


def _past(doc, start: int, end: int, verb) -> bool | None:
    """False, the past, for a date on the past form ``verb`` unless that form says nothing of the date's
    time (None): in a condition of a clause told with "would" or a modal, where it is no past ("ties
    would fare well if he won the election on Nov. 8": the next Nov. 8; but "if the Saudis did not take
    part in the Sept. 11 attacks, they have nothing to fear" is the past), or when the date is in the
    possessive, the day of its noun, which has a time of its own ("called November's election a
    citizenship election"). A date before its noun otherwise keeps the clause's tense: "have gathered
    evidence in the October slaying" is the October before."""
    if any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKERS for c in verb.children) and any(
        c.dep_ == "aux" and c.lower_ in _HYPOTHETICAL_AUXILIARIES for c in verb.head.children
    ):
        return None
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is not None and len(span) and span.root.dep_ == "poss":
        return None
    return False


def _bounded_ahead(path) -> bool:
    """True when the phrase of the date is what a bound ahead governs: "before Tuesday", "ahead of
    Tuesday's primary", "ahead of the state's contest on Saturday" (the date's own preposition and
    noun, then the bound), not a bound further up ("ahead of his event of the day on Monday")."""
    index = 0
    for _ in range(2):
        run = []
        while index < len(path) and path[index].pos_ in ("ADP", "ADV", "ADJ"):
            run.append(path[index].lower_)
            index += 1
        if TIMEX_AHEAD_BOUNDS.intersection(run):
            return True
        if len(run) > 1 or index >= len(path) or path[index].pos_ not in ("NOUN", "PROPN"):
            return False
        if run and _noun_word(path[index]) in TIMEX_AHEAD_NOUNS:
            return True  # "the planning for Thursday's meeting", "the run-up to Sunday's vote"
        index += 1  # the noun the date dates
    return False


def _noun_word(noun) -> str:
    """A noun's lemma with the word compounded before it ("run-up" of "the run-up to")."""
    before = [c.lower_ for c in noun.children if c.dep_ == "compound" and c.i < noun.i]
    return "-".join([*before[-1:], noun.lemma_.lower()])


def _goes_into(verb, path) -> bool:
    """True for a participle of going into the happening the date's noun names ("heading into
    Tuesday's primary", "entering Tuesday's contests")."""
    return (
        verb.tag_ == "VBG"
        and verb.lemma_.lower() in TIMEX_AHEAD_VERBS
        and bool(path)
        and path[0].pos_ in ("NOUN", "PROPN")
        and all(word.pos_ == "ADP" for word in path[1:])
    )


def _finite_verb(token):
    """The verb whose tense a participle's clause is told in: its own when it has an auxiliary ("is
    heading"), else the nearest finite verb above it; None when there is none."""
    for _ in range(6):
        if token.pos_ in ("VERB", "AUX") and (
            token.tag_ in ("VBD", "VBZ", "VBP", "MD")
            or any(c.dep_ in ("aux", "auxpass") for c in token.children)
        ):
            return token
        if token.head.i == token.i:
            return None
        token = token.head
    return None


def directed_ahead(verb) -> bool:
    """True for the to-infinitive of a directive or a commitment told in the present or the present
    perfect ("has invited Trump to meet on Thursday", "urges voters to turn out Tuesday"); not when
    the telling is past ("invited him to speak on Monday", "sent an email vowing to fight on Tuesday")."""
    if verb.dep_ not in ("xcomp", "ccomp") or not any(
        c.dep_ == "aux" and c.lower_ == "to" for c in verb.children
    ):
        return False
    if verb.head.lemma_.lower() not in DIRECTIVE_VERBS:
        return False
    clause = _finite_verb(verb.head)
    return clause is not None and not _told_in_the_past(clause)


def _told_in_the_past(verb) -> bool:
    """True for a clause in the past: "campaigned", "was done", "had led", and a perfect after "to" or
    a modal ("appear to have been done", "could have come"); not the present perfect ("has led")."""
    if verb.tag_ == "VBD":
        return True
    for aux in verb.children:
        if aux.dep_ not in ("aux", "auxpass"):
            continue
        if aux.lower_ in _PAST_AUXILIARIES or (aux.lemma_.lower() == "have" and aux.tag_ == "VB"):
            return True
    return False


def _shares_time(token, children: list[str], path) -> bool:
    """True when a verb in the present (simple or progressive) happens in or at the happening a date's
    noun names ("is facing a dire situation in Tuesday's primary", "runs in Sunday's race"); a
    reporting verb tells of what was said there ("says in Sunday's interview"), not of the noun's time."""
    if (
        len(path) != 2
        or path[0].pos_ not in ("NOUN", "PROPN")
        or path[1].lower_ not in TIMEX_DURING_PREPOSITIONS
    ):
        return False
    if token.lemma_.lower() in REPORTING_VERBS:
        return False
    if token.tag_ in ("VBP", "VBZ"):
        return not children
    return token.tag_ == "VBG" and bool(children) and all(c in PRESENT_BE_FORMS for c in children)


# ---------------------------------------------------------------------------
# Dates for the other steps: expressions that name a day, month or year
# ---------------------------------------------------------------------------

_POINT_TYPES = (DATE_TYPE, TIME_TYPE)


def find_date_expressions(text: str) -> list[tuple[int, int, str]]:
    """Spans ``(start, end, text)`` of the expressions that name a point in time (DATE or TIME).

    The same expressions as ``find_timexes`` without durations, sets and the vague present,
    past and future ("now", "recently"); ``resolve_date_expression`` returns None for those
    it cannot place on a day, a month or a year.
    """
    return [(t.start, t.end, t.text) for t in find_timexes(text) if names_a_point(t)]


def resolve_date_expression(
    text: str,
    anchor: date | None,
    *,
    future: bool | None = None,
    today: date | None = None,
) -> ResolvedDate | None:
    """Resolve one date expression to a day, month or year, or None when it cannot be placed.

    ``anchor`` is the date the text speaks from (usually the publication date); relative
    expressions and dates without a year need it. Without it, a weekday given with a day and
    month ("Monday, June 2") fixes the year, the one nearest to ``today`` (default: the real
    today). ``future`` is the tense of the sentence when the caller knows it; otherwise the
    words of ``text`` decide ("will meet on Monday"). When ``text`` holds more words than a
    date, its first date expression is resolved. Weeks, quarters and seasons give None: they
    name no day, month or year.
    """
    for timex in find_timexes(text, anchor, future=future):
        if names_a_point(timex):
            return timex_date(timex, anchor, today=today)
    return None


def names_a_point(timex: Timex) -> bool:
    """The expression names a point in time (a DATE or TIME), not the vague present, past or future."""
    return timex.type in _POINT_TYPES and not (timex.value or "").endswith("_REF")


def timex_date(timex: Timex, anchor: date | None, *, today: date | None = None) -> ResolvedDate | None:
    """The day, month or year of a time expression ``find_timexes`` resolved against ``anchor``, None
    when its value names none (weeks, quarters, seasons); see ``resolve_date_expression``."""
    value = timex.value
    if value is None and anchor is None:
        value = _weekday_date_value(timex.text, today or date.today())
    return _as_resolved(value, timex.text)


def _weekday_date_value(expression: str, today: date) -> str | None:
    weekday = re.search(_C_WEEKDAY_BEFORE_DATE, expression)
    month = re.search(_C_MONTH, expression)
    day = re.search(r"(?<!\d)(\d{1,2})(?:st|nd|rd|th)?\b(?![:\d])", expression)
    if not (weekday and month and day) or _year_from(expression):
        return None
    month_number = _month_of(month.group(0))
    weekday_number = WEEKDAY_NUMBERS[weekday.group(0).lower().rstrip(".")]
    year = year_for_weekday_date(month_number, int(day.group(1)), weekday_number, today)
    found = None if year is None else _safe_date(year, month_number, int(day.group(1)))
    return None if found is None else _ymd(found)


def _as_resolved(value: str | None, text: str) -> ResolvedDate | None:
    if not value:
        return None
    if m := re.match(r"(\d{4})-(\d\d)-(\d\d)(?:T|$)", value):
        found = _safe_date(int(m[1]), int(m[2]), int(m[3]))
        return None if found is None else ResolvedDate(found, DAY, text)
    # An impossible month ("2016-13") or year ("0000") names no date, as an impossible day does not.
    if m := re.fullmatch(r"(\d{4})-(\d\d)", value):
        found = _safe_date(int(m[1]), int(m[2]), 1)
        return None if found is None else ResolvedDate(found, MONTH, text)
    if m := re.fullmatch(r"(\d{4})", value):
        found = _safe_date(int(m[1]), 1, 1)
        return None if found is None else ResolvedDate(found, YEAR, text)
    return None
