"""Finding and resolving date expressions in English news text.

Two entry points, both plain regex work (no spaCy), so every step can use them:

- ``find_date_expressions(text)`` gives the spans of date expressions
  ("Monday, June 2", "May 16", "March 2022", "on Wednesday" -> "Wednesday",
  "yesterday", "earlier this month", "2025-05-28", ...).
- ``resolve_date_expression(text, anchor)`` turns one expression into a
  ``ResolvedDate`` (a date with its precision), using ``anchor`` (usually the
  publication date) for everything relative or without a year.

Vague expressions ("last week", "this weekend", "two weeks ago") resolve to
None rather than to a made-up day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from newsapi.extraction.types import DAY, MONTH, YEAR


@dataclass(frozen=True)
class ResolvedDate:
    """A date expression turned into a date: ``value`` is the first day of the
    month or year when ``precision`` is MONTH or YEAR."""

    value: date
    precision: str  # DAY, MONTH or YEAR
    text: str  # the expression as given


MONTH_NUMBERS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
WEEKDAY_NUMBERS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tues": 1, "tue": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thurs": 3, "thur": 3, "thu": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5,
    "sunday": 6, "sun": 6,
}  # fmt: skip
_MONTHS_FULL = [m for m in MONTH_NUMBERS if len(m) > 4 or m in ("may", "june", "july")]
_MONTHS_ABBR = [m for m in MONTH_NUMBERS if m not in _MONTHS_FULL]
_WEEKDAYS_FULL = [w for w in WEEKDAY_NUMBERS if w.endswith("day")]
_WEEKDAYS_ABBR = [w for w in WEEKDAY_NUMBERS if not w.endswith("day")]

_SMALL_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10,
}  # fmt: skip


# ---------------------------------------------------------------------------
# Finding expressions in running text
# ---------------------------------------------------------------------------


def _names(words: list[str]) -> str:
    """Alternation of capitalised and upper-case forms, longest first.

    Month and weekday names are matched case-sensitively: lower-case "may",
    "march", "sun" or "wed" are ordinary words.
    """
    forms = sorted({f for w in words for f in (w.capitalize(), w.upper())}, key=len, reverse=True)
    return "|".join(forms)


_MONTH = rf"(?:(?:{_names(_MONTHS_FULL)})\b|(?:{_names(_MONTHS_ABBR)})\b\.?)"
_MONTH_FULL = rf"(?:(?:{_names(_MONTHS_FULL)})\b)"
_WEEKDAY_ANY = rf"(?:(?:{_names(_WEEKDAYS_FULL)})\b|(?:{_names(_WEEKDAYS_ABBR)})\b\.?)"
_WEEKDAY_FULL = rf"(?:(?:{_names(_WEEKDAYS_FULL)})(?!s\b)\b)"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\b(?!:\d|,\d{3})"
_YEAR = r"(?:19|20)\d\d(?![\d])"
_MOD = r"(?i:next|last|this\s+coming|this|coming|past|previous)\s+"
_QUAL = (
    r"(?i:(?:early|late|the\s+end\s+of|end\s+of|the\s+beginning\s+of|the\s+start\s+of"
    r"|the\s+middle\s+of)\s+|mid-?\s*)"
)
# Words that make a bare year or month a date: "in 2014", "since June". They are matched (the
# regex engine is much faster without look-behinds) but left out of the span.
_YEAR_PREPOSITIONS = (
    r"(?i:in|since|by|until|of|from|during|before|after|early|late|end\s+of|spring|summer|autumn|fall|winter)\s+"
    r"|(?i:mid)-"
)
_MONTH_PREPOSITIONS = r"(?i:in|since|by|until|during|from|before|after)\s+"


_FINDER = re.compile(
    # Every expression starts a word: the leading \b lets the engine skip the middle of words fast.
    r"\b(?=[A-Za-z0-9])(?:"
    + "|".join(
        [
            # "Monday, June 2", "next Monday, June 2, 2025", "Tuesday, 02 January 2024"
            rf"(?:{_MOD})?{_WEEKDAY_ANY},?\s+(?:the\s+)?(?:{_MONTH}\s+{_DAY}|{_DAY}(?:\s+of)?\s+{_MONTH})"
            rf"(?:,?\s+{_YEAR})?",
            # "June 2, 2025", "June 2nd 2025"
            rf"{_MONTH}\s+{_DAY},?\s+{_YEAR}",
            # "2 June 2025", "2nd of June, 2025"
            rf"\b{_DAY}(?:\s+of)?\s+{_MONTH},?\s+{_YEAR}",
            # "2025-05-28", "2025/05/28"
            r"\b(?:19|20)\d\d(?P<sep_ymd>[-/.])(?:0?[1-9]|1[0-2])(?P=sep_ymd)(?:3[01]|[12]\d|0?[1-9])(?!\d)",
            # "28/05/2025", "28.05.2025", "05/28/2025" (validated when resolved)
            r"\b\d{1,2}(?P<sep_dmy>[-/.])\d{1,2}(?P=sep_dmy)(?:19|20)\d\d(?!\d)",
            # "June 2", "May 28th"
            rf"{_MONTH}\s+{_DAY}",
            # "2 June", "16th of May"
            rf"\b{_DAY}(?:\s+of)?\s+{_MONTH}",
            # "March 2022", "mid-May 2025", "the end of June 2024"
            rf"(?:{_QUAL})?{_MONTH}(?:\s+of)?,?\s+{_YEAR}",
            # "early June", "mid-May", "last June"
            rf"(?:{_QUAL}|{_MOD}){_MONTH_FULL}",
            # "in June" (the span is "June")
            rf"{_MONTH_PREPOSITIONS}(?P<bare_month>{_MONTH_FULL})(?!\s*\d)",
            # "yesterday", "the day after tomorrow"
            r"(?i:\b(?:the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|yesterday|today|tonight"
            r"|tomorrow|overnight|last\s+night|this\s+(?:morning|afternoon|evening))\b)",
            # "three days ago"
            r"(?i:\b(?:\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|a\s+few|several)\s+"
            r"(?:days?|weeks?|months?|years?)\s+ago\b)",
            # "earlier this month", "last week", "next year"
            r"(?i:\b(?:(?:earlier|later)\s+this|this|last|next)\s+(?:week|weekend|month|year)\b)",
            # "Wednesday", "next Monday"
            rf"(?:{_MOD})?{_WEEKDAY_FULL}",
            # "in 2014", "since 2022" (the span is the year)
            rf"(?:{_YEAR_PREPOSITIONS})(?P<bare_year>{_YEAR})",
        ]
    )
    + ")"
)


def find_date_expressions(text: str) -> list[tuple[int, int, str]]:
    """Spans ``(start, end, text)`` of the date expressions in ``text``.

    Prepositions ("on Wednesday") are left out of the span, modifiers that
    change the meaning ("next Monday", "earlier this month") are kept. Vague
    expressions are found too; ``resolve_date_expression`` returns None for
    those it cannot honestly place.
    """
    spans: list[tuple[int, int, str]] = []
    # The full pattern is slow to try at every word; it only runs in windows around the words
    # every expression contains (a digit, a month or weekday name, "yesterday", "week", "ago"...).
    for window_start, window_end in _windows(text):
        for match in _FINDER.finditer(text, window_start, window_end):
            group = (
                "bare_year" if match.group("bare_year") else "bare_month" if match.group("bare_month") else 0
            )
            start, end = match.span(group)
            if not spans or start >= spans[-1][1]:
                spans.append((start, end, text[start:end]))
    return spans


_ANCHOR = re.compile(
    r"\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|yesterday|today"
    r"|tonight|tomorrow|week|month|year|ago|overnight|night|morning|afternoon|evening)",
    re.IGNORECASE,
)
_BEFORE_ANCHOR = 40  # "the day before yesterday", "the beginning of June", "next Wednesday, "
_AFTER_ANCHOR = 60


def _windows(text: str) -> list[tuple[int, int]]:
    windows: list[tuple[int, int]] = []
    for match in _ANCHOR.finditer(text):
        start = max(0, match.start() - _BEFORE_ANCHOR)
        end = min(len(text), match.end() + _AFTER_ANCHOR)
        # Start windows at a word boundary so that no expression is cut at its front.
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(windows[-1][1], end))
        else:
            windows.append((start, end))
    return windows


# ---------------------------------------------------------------------------
# Resolving one expression
# ---------------------------------------------------------------------------

_M = "|".join(sorted(MONTH_NUMBERS, key=len, reverse=True))
_W = "|".join(sorted(WEEKDAY_NUMBERS, key=len, reverse=True))
_MODS = r"next|last|this coming|this|coming|past|previous"

_R_YMD = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[t ]\S*)?")
_R_DMY = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")
_R_DATE = re.compile(
    rf"(?:(?P<mod>{_MODS}) )?(?:(?P<wd>{_W}) )?"
    rf"(?:(?P<m1>{_M}) (?P<d1>\d{{1,2}})|(?P<d2>\d{{1,2}}) (?P<m2>{_M}))(?: (?P<y>\d{{4}}))?"
)
_R_MONTH = re.compile(rf"(?:(?P<mod>{_MODS}) )?(?P<m>{_M})(?: (?P<y>\d{{4}}))?")
_R_WEEKDAY = re.compile(rf"(?:(?P<mod>{_MODS}) )?(?P<wd>{_W})")
_R_YEAR = re.compile(r"(\d{4})")
_R_AGO = re.compile(
    r"(?P<n>\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten) (?P<unit>day|month|year)s? ago"
)
_R_PERIOD = re.compile(rf"(?P<mod>{_MODS}) (?P<unit>week|weekend|month|year)")
_RELATIVE_DAYS = {
    "day before yesterday": -2,
    "yesterday": -1,
    "today": 0,
    "tonight": 0,
    "tomorrow": 1,
    "day after tomorrow": 2,
}
# Parts of a day named from the day the text speaks from. "Overnight" in news is the night
# that ends on the publication day ("Russia said it downed 296 drones overnight").
_RELATIVE_DAY_PARTS = {
    "overnight": 0,
    "last night": -1,
    "this morning": 0,
    "this afternoon": 0,
    "this evening": 0,
}

_LEADING_WORDS = re.compile(
    r"^(?:(?:on|in|since|by|until|till|from|as of|as|before|after|during|dated|at|earlier|later|late|early"
    r"|mid|around|about|circa|end|beginning|start|middle|starting)\s+)+"
)
_TRAILING_WORDS = re.compile(r"(?:\s+(?:morning|afternoon|evening|night|noon|midday|overnight))+$")
_TRAILING_TIME = re.compile(
    r"\s+(?:at\s+)?\d{1,2}(?:[:.]\d{2}){1,2}(?:\s*[ap]m)?(?:\s+[a-z]{2,5}(?:[+-]\d{1,2})?)?$|\s+\d{1,2}\s*[ap]m$"
)
_FUTURE_CUES = re.compile(
    r"\b(?:will|shall|'ll|scheduled|upcoming|planned|plans|due to|set to|set for|to be held)\b"
)


def _normalize(text: str) -> str:
    s = text.strip().lower().replace("\u2019", "'")
    s = re.sub(r"'s\b", "", s)
    s = re.sub(r"(\d)(?:st|nd|rd|th)\b", r"\1", s)
    s = re.sub(r"\bmid-", "mid ", s)
    s = re.sub(r"[,()]", " ", s)
    s = re.sub(r"\b(?:the|of)\b", " ", s)
    s = re.sub(r"([a-z])\.", r"\1", s)
    s = re.sub(r"\s+", " ", s).strip(" .;:!?-\u2014\u2013")
    if s in _RELATIVE_DAY_PARTS:
        # Before the trailing "night"/"morning" is cut, which would leave a bare "last" or "this".
        return s
    s = _TRAILING_TIME.sub("", s)
    s = _TRAILING_WORDS.sub("", s)
    s = _LEADING_WORDS.sub("", s)
    return s.strip()


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _pick_near(candidates: list[date], anchor: date, future: bool | None) -> date | None:
    """The candidate nearest to ``anchor``, on the side ``future`` asks for."""
    if future is True:
        candidates = [c for c in candidates if c >= anchor]
    elif future is False:
        candidates = [c for c in candidates if c <= anchor]
    if not candidates:
        return None
    return min(candidates, key=lambda c: (abs((c - anchor).days), c > anchor))


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


def _month_day(
    month: int, day: int, weekday: int | None, anchor: date | None, future: bool | None, today: date
) -> date | None:
    if anchor is None:
        if weekday is None:
            return None
        year = year_for_weekday_date(month, day, weekday, today)
        return None if year is None else _safe_date(year, month, day)
    candidates = [
        d for y in (anchor.year - 1, anchor.year, anchor.year + 1) if (d := _safe_date(y, month, day))
    ]
    if weekday is not None:
        # A weekday given with the date picks the year; it must stay near the anchor.
        matching = [d for d in candidates if d.weekday() == weekday]
        chosen = _pick_near(matching, anchor, future) or _pick_near(matching, anchor, None)
        if chosen is not None and abs((chosen - anchor).days) <= 366:
            return chosen
    return _pick_near(candidates, anchor, future) or _pick_near(candidates, anchor, None)


def _shift_month(d: date, months: int) -> date:
    index = d.year * 12 + d.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _weekday_near(anchor: date, weekday: int, mod: str | None, future: bool | None) -> date:
    current = anchor.weekday()
    if mod in ("next", "coming", "this coming"):
        return anchor + timedelta(days=(weekday - current) % 7 or 7)
    if mod in ("last", "past", "previous"):
        return anchor - timedelta(days=(current - weekday) % 7 or 7)
    if mod == "this":
        return anchor + timedelta(days=weekday - current)
    if future:
        return anchor + timedelta(days=(weekday - current) % 7)
    return anchor - timedelta(days=(current - weekday) % 7)


def _resolve_normalized(
    s: str, original: str, anchor: date | None, future: bool | None, today: date
) -> ResolvedDate | None:
    def day(d: date | None) -> ResolvedDate | None:
        return ResolvedDate(d, DAY, original) if d else None

    if s in _RELATIVE_DAYS:
        return day(anchor + timedelta(days=_RELATIVE_DAYS[s])) if anchor else None
    if s in _RELATIVE_DAY_PARTS:
        return day(anchor + timedelta(days=_RELATIVE_DAY_PARTS[s])) if anchor else None

    if m := _R_YMD.fullmatch(s):
        return day(_safe_date(int(m[1]), int(m[2]), int(m[3])))
    if m := _R_DMY.fullmatch(s):
        first, second, year = int(m[1]), int(m[2]), int(m[3])
        # Day first (the world's usual order); month first only when the day cannot be a month.
        if second > 12 >= first:
            first, second = second, first
        return day(_safe_date(year, second, first))

    if m := _R_DATE.fullmatch(s):
        month = MONTH_NUMBERS[m["m1"] or m["m2"]]
        day_number = int(m["d1"] or m["d2"])
        weekday = WEEKDAY_NUMBERS[m["wd"]] if m["wd"] else None
        if m["mod"] in ("next", "coming", "this coming"):
            future = True
        elif m["mod"] in ("last", "past", "previous"):
            future = False
        if m["y"]:
            return day(_safe_date(int(m["y"]), month, day_number))
        return day(_month_day(month, day_number, weekday, anchor, future, today))

    if m := _R_MONTH.fullmatch(s):
        month = MONTH_NUMBERS[m["m"]]
        if m["y"]:
            return ResolvedDate(date(int(m["y"]), month, 1), MONTH, original)
        if anchor is None:
            return None
        start_of_anchor_month = anchor.replace(day=1)
        candidates = [date(y, month, 1) for y in (anchor.year - 1, anchor.year, anchor.year + 1)]
        mod = m["mod"]
        if mod == "this":
            chosen = date(anchor.year, month, 1)
        elif mod in ("next", "coming", "this coming") or future:
            chosen = min(
                c for c in candidates if c > start_of_anchor_month or (not mod and c == start_of_anchor_month)
            )
        elif mod in ("last", "past", "previous") or future is False:
            chosen = max(
                c for c in candidates if c < start_of_anchor_month or (not mod and c == start_of_anchor_month)
            )
        else:
            chosen = min(candidates, key=lambda c: (abs((c - start_of_anchor_month).days), c > anchor))
        return ResolvedDate(chosen, MONTH, original)

    if m := _R_WEEKDAY.fullmatch(s):
        if anchor is None:
            return None
        return day(_weekday_near(anchor, WEEKDAY_NUMBERS[m["wd"]], m["mod"], future))

    if m := _R_YEAR.fullmatch(s):
        year = int(m[1])
        return ResolvedDate(date(year, 1, 1), YEAR, original) if 1900 <= year <= 2099 else None

    if m := _R_AGO.fullmatch(s):
        if anchor is None:
            return None
        n = int(m["n"]) if m["n"].isdigit() else _SMALL_NUMBERS[m["n"]]
        if m["unit"] == "day":
            return day(anchor - timedelta(days=n))
        if m["unit"] == "month":
            return ResolvedDate(_shift_month(anchor, -n), MONTH, original)
        return ResolvedDate(date(anchor.year - n, 1, 1), YEAR, original)

    if m := _R_PERIOD.fullmatch(s):
        if anchor is None or m["unit"] in ("week", "weekend") or m["mod"] in ("past", "previous", "coming"):
            return None  # a week is too vague to name a day honestly
        step = {"this": 0, "this coming": 1, "next": 1, "last": -1}[m["mod"]]
        if m["unit"] == "month":
            return ResolvedDate(_shift_month(anchor, step), MONTH, original)
        return ResolvedDate(date(anchor.year + step, 1, 1), YEAR, original)
    return None


def resolve_date_expression(
    text: str,
    anchor: date | None,
    *,
    future: bool | None = None,
    today: date | None = None,
) -> ResolvedDate | None:
    """Resolve one date expression, or None when it cannot be placed honestly.

    ``anchor`` is the date the text speaks from (usually the publication
    date). Without it only expressions that carry their own year resolve,
    plus a weekday given with a day and month ("Monday, June 2"): that fixes
    the year, the one nearest to ``today`` (default: the real today).

    ``future`` is the tense of the sentence: None (unknown) or False takes a
    bare weekday as the most recent one on or before the anchor, True as
    the next one on or after it ("will meet on Monday"). A date without a
    year takes the year that puts it nearest the anchor (a January article
    mentioning "December 20" means last December), restricted to the side
    ``future`` names when it is given. "next"/"last" in the expression
    override ``future``. When ``text`` holds more words than a date
    ("will meet on Monday"), the first expression in it is resolved, and
    "will"/"scheduled"/"upcoming" there mark it as future.
    """
    today = today or date.today()
    original = text.strip()
    result = _resolve_normalized(_normalize(original), original, anchor, future, today)
    if result is not None:
        return result
    found = find_date_expressions(original)
    if not found:
        return None
    start, end, expression = found[0]
    if (start, end) == (0, len(original)):
        return None
    if future is None and _FUTURE_CUES.search(original.lower().replace("\u2019", "'")):
        future = True
    resolved = _resolve_normalized(_normalize(expression), expression, anchor, future, today)
    return resolved
