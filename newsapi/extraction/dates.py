"""When was an article published? Reading the clues a scraped text gives, and never guessing.

Clues that name the publication day (``STRONG_KINDS``), with how much each is trusted:

- the caller's date (``manage.py ingest --published-at``, POST ``published_at``): it is the answer
  whenever it is given; a strong clue of the text that contradicts it is recorded as a conflict and
  lowers the confidence;
- the publication date an HTML page declares in its metadata (``article:published_time``, JSON-LD
  ``datePublished``, ``<time datetime>``; never one guessed from its address or words): 0.85;
- a date-stamped article id, as syndicators and content systems write them
  ("MENAFN28052025007365015876ID1109607919" encodes 28 May 2025): 0.85;
- a labelled date before or after the body ("Published: ...", "Posted on ...", "Date: ..."): 0.75;
  "Updated ..." / "Last modified ..." says the article existed then: 0.5;
- a wire dateline opening the body ("CITY, Country, Month D, YYYY (Agency) —"): 0.7;
- a short date or byline line before the body ("Tuesday, 02 January 2024 12:17 GMT", an ISO stamp,
  "By A. Writer | March 4, 2025"): 0.5, because scrapers often put the crawl date there.

Clues that bound the day but do not name it, and are never served as the date:

- a dateline without a year ("NEW YORK, Nov. 19 (UPI) —"): the day and month, not the year. It is
  served only when the year is known from elsewhere (``near``: the story's other reports);
- a weekday in the lead ("said Wednesday", "on Wednesday"): the day of what is reported. Publication
  is that day or the next about equally often, sometimes days later, and nothing in the weekday tells
  the week: it gives a ``reference`` day for resolving the text's relative dates when a week is known
  (from dated events around it or from ``near``), never the publication date;
- an embedded post's date (a tweet's "— Name (@handle) Month D, YYYY", a ``datetime="..."``
  attribute): the article is that day or later;
- an amendment note ("This article was amended on ..."): the article is that day or earlier;
- dates in the body (with a year, or a weekday that fixes it): support for a nearby day, and a lower
  bound when told in the past tense.

No clue naming the day means no date: ``value`` is None and ``evidence`` says what the text did give.
``confidence`` reflects the agreement of the clues; ``conflicts`` lists the clues overruled.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from newsapi.extraction import lexicon
from newsapi.extraction.cleaning import DATE_STAMPED_ID
from newsapi.extraction.datelines import match_dateline
from newsapi.extraction.temporal import (
    MONTH_NUMBERS,
    WEEKDAY_NUMBERS,
    ResolvedDate,
    find_date_expressions,
    resolve_date_expression,
)
from newsapi.extraction.types import (
    DAY,
    MONTH,
    YEAR,
    ArticleExtraction,
    CleanedArticle,
    DateClue,
    PublicationDate,
)

# Clue kinds (``DateClue.kind``), stored with each article.
CALLER = "caller"
PAGE_METADATA = "page_metadata"
SYNDICATION = "syndication_id"
PUBLISHED_LABEL = "published_label"
UPDATED_LABEL = "updated_label"
DATELINE = "dateline"
HEADER_DATE = "header_date"
YEARLESS_DATELINE = "yearless_dateline"
EMBEDDED_POST = "embedded_post"
AMENDMENT = "amendment"
WEEKDAY_DATE = "weekday_date"
EXPLICIT = "explicit_date"
RELATIVE_WEEKDAY = "relative_weekday"
EVENT_WINDOW = "event_window"

WEIGHTS = {
    CALLER: 0.9,
    # What the page's publishing system stamped, as reliable as a date-stamped id, below the caller's.
    PAGE_METADATA: 0.85,
    SYNDICATION: 0.85,
    PUBLISHED_LABEL: 0.75,
    DATELINE: 0.7,
    UPDATED_LABEL: 0.5,
    HEADER_DATE: 0.5,
    # Served only with the year from the story's other reports.
    YEARLESS_DATELINE: 0.5,
    EMBEDDED_POST: 0.2,
    AMENDMENT: 0.2,
    WEEKDAY_DATE: 0.3,
    RELATIVE_WEEKDAY: 0.3,
    EVENT_WINDOW: 0.15,
}
_EXPLICIT_WEIGHTS = {DAY: 0.2, MONTH: 0.1, YEAR: 0.05}
# Clues that name the publication day itself: only these are ever served.
STRONG_KINDS = frozenset(
    {
        CALLER,
        PAGE_METADATA,
        SYNDICATION,
        PUBLISHED_LABEL,
        UPDATED_LABEL,
        DATELINE,
        HEADER_DATE,
        YEARLESS_DATELINE,
    }
)
# Days placed by reasoning from the lead's weekday: a reference for relative dates, never served.
_INFERRED_KINDS = frozenset({RELATIVE_WEEKDAY, EVENT_WINDOW})
# Clues whose day is the publication day or a neighbour of it (agreement is counted by the day).
_POINT_KINDS = STRONG_KINDS | _INFERRED_KINDS
# How far from the publication day an event in the news usually is.
_NEARBY_DAYS = 200
_LEAD_PARAGRAPHS = 5
# Lines of the body, from its start, where datelines and bylines are looked for.
_OPENING_LINES = 3
# A short line: a date or byline line rather than a sentence of prose that happens to hold a date.
_SHORT_LINE_WORDS = 14
# A confidence below this makes a date weak (see date_is_weak): the caller's date contradicted
# by a strong clue of the text stays the answer, but a weak one.
_CONTRADICTED_CALLER_CONFIDENCE = 0.45

# ---------------------------------------------------------------------------
# The shapes of datelines and date labels: the data this step reads
# ---------------------------------------------------------------------------

# Each label word or phrase and the kind of date it introduces.
DATE_LABELS = {
    **dict.fromkeys([*lexicon.PUBLISHED_LABELS, *lexicon.PUBLISHED_LABEL_PHRASES], PUBLISHED_LABEL),
    **dict.fromkeys([*lexicon.UPDATED_LABELS, *lexicon.UPDATED_LABEL_PHRASES], UPDATED_LABEL),
    **dict.fromkeys(lexicon.AMENDMENT_LABELS, AMENDMENT),
}
_LABEL_ALTERNATION = "|".join(sorted((re.escape(label) for label in DATE_LABELS), key=len, reverse=True))


@lru_cache(maxsize=1)
def _label_before() -> re.Pattern[str]:
    """A label just before a date: "Published: ", "Updated on ", "Posted at 10:02 on ", "was amended
    on ". Built on first use, as the time zones it names are read from the time zone database."""
    return re.compile(
        rf"\b(?P<label>{_LABEL_ALTERNATION})\b\s*(?:[:|\-\u2013\u2014]\s*)?"
        r"(?:(?:on|at|\d{1,2}[:.]\d\d\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4}\s*)?"
        rf"|(?:{'|'.join(sorted(WEEKDAY_NUMBERS, key=len, reverse=True))})\.?,?"
        rf"|(?-i:{'|'.join(sorted(lexicon.time_zones()))}),?)\s*)*,?\s*$",
        re.IGNORECASE,
    )


# What may precede a label at the start of a line: an outlet or a writer and a separator.
_LINE_START = re.compile(r"\s*(?:[^.!?\n]{0,60}[|\u00b7\u2022/-]\s*)?")
# An embedded social-media post or a machine-readable date just before the date: "(@handle) ",
# "@handle) on ", 'datetime="', 'tweet-date="'.
_POST_BEFORE = re.compile(r"(?:\(@\w{1,30}\)|@\w{1,30}\)?)\s*(?:on\s+)?$|\b[\w-]*date(?:time)?=[\"']$", re.I)
# A numeric day and month in either order: "03/04/2024" is 3 April in Britain and 4 March in the US
# (dotted dates, "03.04.2024", are written day first).
_NUMERIC_DATE = re.compile(r"^(\d{1,2})[/-](\d{1,2})[/-](\d{4})$")

_WEEKDAY_ONLY = re.compile(
    rf"(?:(?:next|last|this|coming|past|previous)\s+)?(?P<wd>{'|'.join(w for w in WEEKDAY_NUMBERS if w.endswith('day'))})",
    re.IGNORECASE,
)
_HAS_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_HAS_MONTH = re.compile(rf"\b(?:{'|'.join(MONTH_NUMBERS)})\b", re.IGNORECASE)

_SOON = re.compile(rf"\b(?:{'|'.join(map(re.escape, lexicon.SOON_PHRASES))})\b", re.IGNORECASE)
_EARLIER_THIS_MONTH = re.compile(
    rf"\b(?:{'|'.join(map(re.escape, lexicon.SAME_MONTH_PHRASES))})\b", re.IGNORECASE
)

# Below this confidence a publication date is weak (a date line contradicted by the text, the
# caller's date contradicted by a strong clue).
LOW_DATE_CONFIDENCE = 0.5


def date_is_weak(extraction: ArticleExtraction) -> bool:
    """True when the publication date is missing or only a low-confidence guess."""
    return extraction.published.value is None or extraction.published.confidence < LOW_DATE_CONFIDENCE


@dataclass
class _Mention:
    """A date expression in the body, with what it says without an anchor."""

    start: int
    end: int
    text: str
    kind: str  # "full", "weekday_date", "month_year", "year", "month_day", "weekday", "other"
    fixed: ResolvedDate | None  # the resolution that needs no anchor
    tense: float  # > 0 upcoming, < 0 past, 0 unknown
    paragraph: int


@dataclass
class _Inference:
    """A day placed by reasoning, with the words that explain it."""

    clue: DateClue
    explanation: str


def find_publication_date(
    cleaned: CleanedArticle,
    *,
    hint: date | None = None,
    today: date | None = None,
    near: date | None = None,
) -> PublicationDate:
    """Decide the publication date from the clues the article gives.

    ``hint`` is the caller's date: it is the answer, weighed only for its confidence. ``today``
    (default: the real today) bounds the decision, since nothing is published in the future; it never
    gives a year. ``near`` is a day the article is known to be published within days of (the story's
    other reports): it gives the year to clues that lack one.
    """
    today = today or date.today()
    mentions = _body_mentions(cleaned.body, near or today)
    notes: list[str] = []
    clues = _text_clues(cleaned, mentions, near or hint, notes)
    if hint is not None:
        clues.insert(0, DateClue(hint, CALLER, hint.isoformat(), WEIGHTS[CALLER]))
    withheld: list[str] = []
    inferences = _inferences(clues, mentions, near, _window_hints(cleaned.body), withheld)
    clues.extend(inference.clue for inference in inferences)

    if hint is not None:
        best = hint
        confidence = _score(hint, clues, mentions, today)
    else:
        candidates = sorted({c.value for c in clues if c.kind in STRONG_KINDS and c.value <= today})
        if not candidates:
            return PublicationDate(
                None,
                0.0,
                _no_date_evidence(clues, notes + withheld, inferences),
                clues,
                [],
                _reference(clues, inferences),
            )
        scored = [(_score(c, clues, mentions, today), c) for c in candidates]
        confidence, best = max(
            scored, key=lambda item: (item[0], _strongest_agreeing(item[1], clues), -item[1].toordinal())
        )
    conflicts = _conflicts(best, clues, today)
    if hint is not None:
        text_best = _best_of_text(clues, mentions, today)
        if text_best is not None and abs((text_best - hint).days) > 1:
            confidence = min(confidence, _CONTRADICTED_CALLER_CONFIDENCE)
    agreeing = [clue for clue in clues if _agreement(clue, best) > 0]
    return PublicationDate(
        value=best,
        confidence=round(confidence, 2),
        evidence=_evidence(best, agreeing, inferences),
        clues=clues,
        conflicts=conflicts,
        reference=best,
    )


def _best_of_text(clues: list[DateClue], mentions: list[_Mention], today: date) -> date | None:
    """The day the text's own clues would decide, leaving the caller's date out."""
    own = [c for c in clues if c.kind != CALLER]
    candidates = sorted({c.value for c in own if c.kind in STRONG_KINDS and c.value <= today})
    if not candidates:
        return None
    return max(candidates, key=lambda c: (_score(c, own, mentions, today), _strongest_agreeing(c, own)))


# ---------------------------------------------------------------------------
# Clues
# ---------------------------------------------------------------------------


# Article ids are stamped within these years; eight digits outside them are a serial number.
_ID_YEARS = range(1990, 2100)


def id_stamp_date(text: str) -> date | None:
    """The day a date-stamped article id carries, if its eight digits read as one real day.

    The digits may be DDMMYYYY or YYYYMMDD. Both cannot read as a day within ``_ID_YEARS`` (a
    YYYYMMDD year of 19xx/20xx leaves 19/20 as the DDMMYYYY month), so the reading is never ambiguous.
    """
    match = DATE_STAMPED_ID.search(text)
    if not match:
        return None
    digits = match.group(1)
    readings = set()
    for day, month, year in ((digits[:2], digits[2:4], digits[4:]), (digits[6:], digits[4:6], digits[:4])):
        if int(year) not in _ID_YEARS:
            continue
        try:
            readings.add(date(int(year), int(month), int(day)))
        except ValueError:
            continue
    return readings.pop() if readings else None


def _text_clues(
    cleaned: CleanedArticle, mentions: list[_Mention], year_anchor: date | None, notes: list[str]
) -> list[DateClue]:
    """Every clue of the text: ids, labels, datelines, date lines, posts, dated body mentions.

    What the text says that names no day (a dateline without a year) goes to ``notes``.
    """
    clues = _syndication_clues(cleaned)
    if (declared := cleaned.declared_published) is not None:
        evidence = f"{declared.field} {declared.written}"
        clues.insert(0, DateClue(declared.value, PAGE_METADATA, evidence, WEIGHTS[PAGE_METADATA]))
    # The title too: a byline or date line is sometimes taken for it.
    for line in [cleaned.title, *cleaned.header_lines]:
        clues.extend(_line_clues(line, header=True, year_anchor=year_anchor, notes=notes))
    for line, offset in _opening_lines(cleaned.body):
        clues.extend(_line_clues(line, header=True, year_anchor=year_anchor, notes=notes, offset=offset))
    for line in [*cleaned.trailer_lines, *cleaned.removed_lines]:
        if line not in cleaned.header_lines:
            clues.extend(_line_clues(line, header=False, year_anchor=None, notes=notes))
    clues.extend(_body_bound_clues(cleaned.body, mentions))

    # A date already read as a dateline, a label or a post is not counted again as a date in the text.
    taken = {clue.start for clue in clues if clue.start is not None}
    for mention in mentions:
        if mention.fixed is None or mention.start in taken:
            continue
        if mention.kind == "weekday_date":
            clues.append(
                DateClue(
                    mention.fixed.value,
                    WEEKDAY_DATE,
                    mention.text,
                    WEIGHTS[WEEKDAY_DATE],
                    mention.start,
                    mention.end,
                )
            )
        elif mention.kind in ("full", "month_year", "year"):
            weight = _EXPLICIT_WEIGHTS[mention.fixed.precision]
            clues.append(
                DateClue(mention.fixed.value, EXPLICIT, mention.text, weight, mention.start, mention.end)
            )
    return _unique_clues(clues)


def _syndication_clues(cleaned: CleanedArticle) -> list[DateClue]:
    clues = []
    seen: set[str] = set()
    for line in [*cleaned.header_lines, *cleaned.trailer_lines, *cleaned.removed_lines]:
        for match in DATE_STAMPED_ID.finditer(line):
            value = id_stamp_date(match.group(0))
            if value and match.group(0) not in seen:
                seen.add(match.group(0))
                clues.append(DateClue(value, SYNDICATION, match.group(0), WEIGHTS[SYNDICATION]))
    for match in DATE_STAMPED_ID.finditer(cleaned.body):
        value = id_stamp_date(match.group(0))
        if value and match.group(0) not in seen:
            seen.add(match.group(0))
            clues.append(
                DateClue(value, SYNDICATION, match.group(0), WEIGHTS[SYNDICATION], match.start(), match.end())
            )
    return clues


def _opening_lines(body: str) -> list[tuple[str, int]]:
    """The first non-empty lines of the body with their offsets: where datelines and bylines sit."""
    lines = []
    offset = 0
    for line in body.split("\n"):
        if line.strip():
            lines.append((line, offset))
            if len(lines) == _OPENING_LINES:
                break
        offset += len(line) + 1
    return lines


def _line_clues(
    line: str, *, header: bool, year_anchor: date | None, notes: list[str], offset: int | None = None
) -> list[DateClue]:
    """The clues of one line before or after the body: a labelled date, a dateline, a date line.

    Lines after the body (``header`` False) count only when labelled: an unlabelled date there is
    as often a correction's or a copyright's as the publication's.
    """
    if DATE_STAMPED_ID.search(line):
        return []
    found = find_date_expressions(line)
    clues = []

    def clue(
        value: date, kind: str, weight: float | None = None, start: int = 0, end: int = 0, words: str = line
    ) -> DateClue:
        span = (offset + start, offset + end) if offset is not None else (None, None)
        return DateClue(value, kind, words.strip(), WEIGHTS[kind] if weight is None else weight, *span)

    short = len(line.split()) <= _SHORT_LINE_WORDS
    for start, end, expression in found:
        label = _label_before().search(line[max(0, start - 40) : start])
        if label is None:
            continue
        # In a sentence of the body ("an email dated May 2"), a label word dates something else;
        # lines outside the body are the page's own metadata.
        if offset is not None and not (
            short or _LINE_START.fullmatch(line[: max(0, start - 40) + label.start()])
        ):
            continue
        value = _full_day(expression)
        if value is not None:
            clues.append(clue(value, DATE_LABELS[label.group("label").lower()], start=start, end=end))
    if clues or not header:
        return clues

    dateline = match_dateline(line)
    if dateline:
        for start, end, expression in found:
            if end > dateline.end("place"):
                break
            value = _full_day(expression)
            if value is not None:
                return [clue(value, DATELINE, start=start, end=end, words=dateline.group(0))]
            if _is_month_day(expression):
                if year_anchor is None:
                    notes.append(
                        f"The dateline \u201c{dateline.group(0).strip()}\u201d gives {expression} but no year."
                    )
                    return []
                resolved = resolve_date_expression(expression, year_anchor)
                if resolved is not None and resolved.precision == DAY:
                    return [
                        clue(resolved.value, YEARLESS_DATELINE, start=start, end=end, words=dateline.group(0))
                    ]
        return []

    if short and not _POST_BEFORE.search(line):
        for start, end, expression in found:
            value = _full_day(expression)
            if value is not None and _is_date_line(line[:start] + line[end:]):
                weight = WEIGHTS[HEADER_DATE] / (1 if _weekday_matches(line, value) else 2)
                return [clue(value, HEADER_DATE, weight, start, end)]
    return []


def _is_date_line(rest: str) -> bool:
    """A line that is a date with little else (a time, a zone, a byline's name), not a sentence:
    what is left besides the date has at most one lower-case word outside the usual joints."""
    words = re.findall(r"[^\W\d_]+", rest)
    lower = [w for w in words if w[0].islower() and w.lower() not in lexicon.DATE_LINE_JOINTS]
    return len(lower) <= 1


def _full_day(expression: str) -> date | None:
    """The day an expression names with its own year, or None (no year, vague, or day and month
    in an order the text does not settle)."""
    numeric = _NUMERIC_DATE.match(expression.strip())
    if (
        numeric
        and int(numeric.group(1)) <= 12
        and int(numeric.group(2)) <= 12
        and numeric.group(1) != numeric.group(2)
    ):
        return None
    if not _HAS_YEAR.search(expression):
        return None
    resolved = resolve_date_expression(expression, None)
    if resolved is None or resolved.precision != DAY:
        return None
    return resolved.value


def _is_month_day(expression: str) -> bool:
    """ "Nov. 19", "19 November": a day and a month, no year."""
    return (
        not _HAS_YEAR.search(expression)
        and bool(_HAS_MONTH.search(expression))
        and bool(re.search(r"\d", expression))
    )


def _body_bound_clues(body: str, mentions: list[_Mention]) -> list[DateClue]:
    """Dates that bound the publication: embedded posts (on or before it), amendments (on or after)."""
    clues = []
    for start, end, expression in ((m.start, m.end, m.text) for m in mentions):
        line_start = body.rfind("\n", 0, start) + 1
        before = body[max(line_start, start - 60) : start]
        value = _full_day(expression)
        if value is None:
            continue
        label = _label_before().search(before)
        if label and DATE_LABELS[label.group("label").lower()] == AMENDMENT:
            clues.append(
                DateClue(value, AMENDMENT, body[line_start:end].strip(), WEIGHTS[AMENDMENT], start, end)
            )
        elif _POST_BEFORE.search(before):
            clues.append(DateClue(value, EMBEDDED_POST, expression, WEIGHTS[EMBEDDED_POST], start, end))
    return clues


def _unique_clues(clues: list[DateClue]) -> list[DateClue]:
    seen: set[tuple] = set()
    unique = []
    for clue in clues:
        key = (clue.value, clue.kind, clue.evidence)
        if key not in seen:
            seen.add(key)
            unique.append(clue)
    return unique


def _weekday_matches(text: str, value: date) -> bool:
    match = re.search(rf"\b({'|'.join(sorted(WEEKDAY_NUMBERS, key=len, reverse=True))})\b", text.lower())
    return match is None or WEEKDAY_NUMBERS[match.group(1)] == value.weekday()


# ---------------------------------------------------------------------------
# Mentions in the body and their tense
# ---------------------------------------------------------------------------


def _body_mentions(body: str, today: date) -> list[_Mention]:
    """Every date expression of the body; a weekday given with a day and month takes the year
    nearest ``today`` (the story's date when known)."""
    mentions = []
    paragraph_starts = [0] + [m.end() for m in re.finditer(r"\n\n", body)]
    for start, end, text in find_date_expressions(body):
        paragraph = sum(1 for p in paragraph_starts if p <= start) - 1
        fixed = resolve_date_expression(text, None, today=today)
        if fixed is not None and _HAS_YEAR.search(text):
            kind = {DAY: "full", MONTH: "month_year", YEAR: "year"}[fixed.precision]
        elif fixed is not None:
            kind = "weekday_date"
        elif _WEEKDAY_ONLY.fullmatch(text):
            kind = "weekday"
        elif _HAS_MONTH.search(text) and re.search(r"\d", text):
            kind = "month_day"
        else:
            kind = "other"
        tense = _weekday_tense(body, start) if kind == "weekday" else _tense(body, start, end)
        mentions.append(_Mention(start, end, text, kind, fixed, tense, paragraph))
    return mentions


def _weekday_tense(body: str, start: int) -> float:
    """A bare weekday's tense, from the few words before it: the sentence's other verbs may be
    about other things ("announced on Wednesday that talks will be held")."""
    before = re.findall(r"[A-Za-z'\u2019]+", re.split(r"[.!?\n]", body[max(0, start - 60) : start])[-1])
    words = [w.lower().replace("\u2019", "'") for w in before[-4:]]
    if any(w in lexicon.WEEKDAY_UPCOMING_CUES or w.endswith("'ll") for w in words):
        return 1.0
    return -1.0


def _tense(body: str, start: int, end: int) -> float:
    """Whether the sentence around a date tells of it as past (< 0) or upcoming (> 0).

    Cue words count more the nearer they are to the date.
    """
    left = max(body.rfind("\n", 0, start), *(body.rfind(p, 0, start) for p in (". ", "! ", "? ")))
    right_candidates = [i for i in (body.find(p, end) for p in (". ", "! ", "? ", "\n")) if i != -1]
    right = min(right_candidates) if right_candidates else len(body)
    sentence_start = left + 1 if left >= 0 else 0
    words = [
        (m.group(0).lower().replace("\u2019", "'"), m.start() + sentence_start)
        for m in re.finditer(r"[A-Za-z'\u2019]+", body[sentence_start:right])
    ]
    position = sum(1 for _, offset in words if offset < start)
    score = 0.0
    for index, (word, offset) in enumerate(words):
        if start <= offset < end:
            continue
        distance = position - index if index < position else index - position + 1
        weight = 1.0 / (1.0 + distance / 3.0)
        previous = words[index - 1][0] if index else ""
        if word == "held" and previous == "be":
            score += weight  # "to be held", "will be held"
        elif word in lexicon.UPCOMING_CUES or word.endswith("'ll"):
            score += weight
        elif word in lexicon.PAST_CUES:
            score -= weight
    return score


# ---------------------------------------------------------------------------
# Inference: placing the reported weekday between past and upcoming events
# ---------------------------------------------------------------------------


def _reported_weekday(mentions: list[_Mention]) -> tuple[int, _Mention] | None:
    """The weekday the lead reports events on ("announced Wednesday"), if any."""
    counts: dict[int, list[_Mention]] = {}
    for mention in mentions:
        if mention.kind != "weekday" or mention.paragraph >= _LEAD_PARAGRAPHS or mention.tense > 0.5:
            continue
        if re.match(r"(?i)(?:next|coming|this)\b", mention.text):
            continue
        weekday = WEEKDAY_NUMBERS[_WEEKDAY_ONLY.fullmatch(mention.text).group("wd").lower()]
        counts.setdefault(weekday, []).append(mention)
    if not counts:
        return None
    weekday, found = max(counts.items(), key=lambda item: (len(item[1]), -item[1][0].start))
    return weekday, found[0]


def _events(mentions: list[_Mention], anchor: date) -> list[tuple[date, float, str]]:
    """Day-precise events with their tense, years taken near ``anchor``; one entry per day."""
    by_day: dict[date, tuple[float, str]] = {}
    for mention in mentions:
        if mention.kind in ("month_day", "weekday_date"):
            resolved = resolve_date_expression(mention.text, anchor)
        elif mention.kind == "full":
            resolved = mention.fixed
        else:
            continue
        if resolved is None or resolved.precision != DAY:
            continue
        tense, text = by_day.get(resolved.value, (0.0, mention.text))
        by_day[resolved.value] = (tense + mention.tense, text)
    return [(day, tense, text) for day, (tense, text) in sorted(by_day.items())]


def _bounds(
    events: list[tuple[date, float, str]],
) -> tuple[tuple[date, str] | None, tuple[date, str] | None]:
    """The latest past event and the earliest upcoming event after it."""
    past = [(day, text) for day, tense, text in events if tense < -0.3]
    lower = max(past) if past else None
    upcoming = [
        (day, text) for day, tense, text in events if tense > 0.3 and (lower is None or day > lower[0])
    ]
    upper = min(upcoming) if upcoming else None
    return lower, upper


def _inferences(
    clues: list[DateClue],
    mentions: list[_Mention],
    near: date | None,
    hints: dict[str, str],
    withheld: list[str],
) -> list[_Inference]:
    """Days placed by reasoning from the lead's weekday: references, never the served date.

    Explanations of placements not made go to ``withheld``.
    """
    reported = _reported_weekday(mentions)
    results: list[_Inference] = []
    # Anchored on a clue naming the day: the reported weekday is the latest one on or before it.
    if reported:
        weekday, mention = reported
        for clue in [c for c in clues if c.kind in STRONG_KINDS]:
            day = clue.value - timedelta(days=(clue.value.weekday() - weekday) % 7)
            if (clue.value - day).days <= 1:
                results.append(
                    _Inference(
                        DateClue(
                            day,
                            RELATIVE_WEEKDAY,
                            mention.text,
                            WEIGHTS[RELATIVE_WEEKDAY],
                            mention.start,
                            mention.end,
                        ),
                        f"the lead's \u201c{mention.text}\u201d agrees with {_KIND_NAMES[clue.kind]}",
                    )
                )
    if any(c.kind in STRONG_KINDS for c in clues):
        return _unique(results)

    # No clue names the day: the years come from dated events, or from the story's other reports.
    contexts = [(c.value, f"\u201c{c.evidence}\u201d") for c in clues if c.kind == WEEKDAY_DATE]
    contexts += [
        (c.value, f"\u201c{c.evidence}\u201d")
        for c in clues
        if c.kind == EXPLICIT and c.weight >= _EXPLICIT_WEIGHTS[DAY]
    ]
    if not contexts and near is not None:
        contexts = [(near, "the story's other reports")]
    for anchor, year_source in contexts:
        lower, upper = _bounds(_events(mentions, anchor))
        placed = _place(reported, lower, upper, hints)
        if placed is None:
            continue
        clue, explanation = placed
        results.append(_Inference(clue, explanation + f"; the year from {year_source}"))
    if not results and reported is not None:
        withheld.append(
            f"The lead reports \u201c{reported[1].text}\u201d: the day of what it tells, which dates the "
            "publication only to within a week, and no clue of the text places that week."
        )
    return _unique(results)


def _place(
    reported: tuple[int, _Mention] | None,
    lower: tuple[date, str] | None,
    upper: tuple[date, str] | None,
    hints: dict[str, str],
) -> tuple[DateClue, str] | None:
    """The reporting day between the latest past event and the earliest upcoming one.

    An upcoming event is needed: the latest matching weekday before it is
    taken (announcements of a meeting come shortly before it). The window
    opens after the latest past event, or a week before the upcoming one when
    the text says "in the coming days"; without either it is too wide.
    """
    if upper is None or (lower is None and "soon" not in hints):
        return None
    if lower is None:
        lower = (upper[0] - timedelta(days=8), "")
    if not 1 < (upper[0] - lower[0]).days <= 31:
        return None
    first, last, narrowed = _window(lower[0], upper[0], hints)
    past = f"the past \u201c{lower[1]}\u201d ({lower[0].isoformat()})" if lower[1] else ""
    coming = f"the upcoming \u201c{upper[1]}\u201d ({upper[0].isoformat()})"
    if reported is not None:
        weekday, mention = reported
        day = last - timedelta(days=(last.weekday() - weekday) % 7)
        fits = sum(
            1 for n in range((last - first).days + 1) if (first + timedelta(days=n)).weekday() == weekday
        )
        if day < first or fits > 4:
            return None
        weight = WEIGHTS[RELATIVE_WEEKDAY] - 0.05 * (fits - 1)
        explanation = (
            f"\u201c{mention.text}\u201d in the lead taken as the latest such day before {coming}"
            + (f" and after {past}" if past else "")
            + "".join(f", {reason}" for reason in narrowed)
            + (f" ({fits} such days fit)" if fits > 1 else "")
        )
        return DateClue(day, RELATIVE_WEEKDAY, mention.text, weight, mention.start, mention.end), explanation
    if not past:
        return None
    day = first + timedelta(days=(last - first).days // 2)
    explanation = (
        f"the middle of the days after {past} and before {coming}"
        + "".join(f", {reason}" for reason in narrowed)
        + ", no day given"
    )
    evidence = f"between \u201c{lower[1]}\u201d and \u201c{upper[1]}\u201d"
    return DateClue(day, EVENT_WINDOW, evidence, WEIGHTS[EVENT_WINDOW]), explanation


def _window_hints(body: str) -> dict[str, str]:
    hints = {}
    if match := _SOON.search(body):
        hints["soon"] = match.group(0)
    if match := _EARLIER_THIS_MONTH.search(body):
        hints["same_month"] = match.group(0)
    return hints


def _window(lower: date, upper: date, hints: dict[str, str]) -> tuple[date, date, list[str]]:
    """The days strictly between two events, narrowed by "in the coming days" and "earlier this month"."""
    first, last = lower + timedelta(days=1), upper - timedelta(days=1)
    reasons = []
    if "soon" in hints and upper - timedelta(days=7) > first:
        first = upper - timedelta(days=7)
        reasons.append(f"at most a week before it (\u201c{hints['soon']}\u201d)")
    month_end = _shift_month_start(lower, 1) - timedelta(days=1)
    if "same_month" in hints and first <= month_end < last:
        last = month_end
        reasons.append(f"in the month of the past event (\u201c{hints['same_month']}\u201d)")
    return first, last, reasons


def _shift_month_start(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _unique(inferences: list[_Inference]) -> list[_Inference]:
    seen: set[tuple[date, str]] = set()
    unique = []
    for inference in inferences:
        key = (inference.clue.value, inference.clue.kind)
        if key not in seen:
            seen.add(key)
            unique.append(inference)
    return unique


# ---------------------------------------------------------------------------
# The vote
# ---------------------------------------------------------------------------


def _agreement(clue: DateClue, candidate: date) -> float:
    """How much ``clue`` supports ``candidate`` as the publication day, 0..1."""
    gap = (candidate - clue.value).days
    if clue.kind in _POINT_KINDS:
        return 1.0 if gap == 0 else 0.5 if abs(gap) == 1 else 0.0
    if clue.kind == EMBEDDED_POST:
        return 0.5 if 0 <= gap <= 1 else 0.0
    if clue.kind == AMENDMENT:
        return 0.5 if -1 <= gap <= 0 else 0.0
    if clue.kind == WEEKDAY_DATE or (clue.kind == EXPLICIT and clue.weight >= _EXPLICIT_WEIGHTS[DAY]):
        return 0.5 if abs(gap) <= _NEARBY_DAYS else 0.0
    return 0.0


def _violations(candidate: date, clues: list[DateClue], today: date) -> list[str]:
    """Sentences for what ``candidate`` cannot be: in the future, before a post the article embeds,
    or after its own amendment. These are recorded as conflicts."""
    problems = []
    if candidate > today:
        problems.append(f"{candidate.isoformat()} is after today ({today.isoformat()})")
    for clue in clues:
        # A day of slack: the post's date and the article's are often in different time zones.
        if clue.kind == EMBEDDED_POST and clue.value > candidate + timedelta(days=1):
            problems.append(
                f"the embedded post dated \u201c{clue.evidence}\u201d is after {candidate.isoformat()}"
            )
        elif clue.kind == AMENDMENT and clue.value < candidate - timedelta(days=1):
            problems.append(f"\u201c{clue.evidence}\u201d is before {candidate.isoformat()}")
    return problems


def _tense_violations(candidate: date, mentions: list[_Mention]) -> int:
    """How many events the text tells as past fall after ``candidate`` (or as upcoming, before it).

    Tense read from cue words is often wrong ("Sept. 11" placed in the wrong year, a plan in 2030
    near "was"): these lower a candidate's score but are not reported as conflicts.
    """
    count = 0
    for day, tense, _ in _events(mentions, candidate):
        count += (tense < -0.3 and day > candidate) or (tense > 0.3 and day < candidate)
    for mention in mentions:
        # Background years are nearly always history: any past cue makes them a lower bound.
        count += (
            mention.kind in ("month_year", "year") and mention.tense < 0 and mention.fixed.value > candidate
        )
    return count


def _score(candidate: date, clues: list[DateClue], mentions: list[_Mention], today: date) -> float:
    support = 1.0
    opposition = 1.0
    for clue in clues:
        agreement = _agreement(clue, candidate)
        if agreement > 0:
            support *= 1.0 - clue.weight * agreement
        elif clue in _contradicting(candidate, [clue]):
            opposition *= 1.0 - clue.weight
    score = (1.0 - support) * (1.0 - 0.6 * (1.0 - opposition))
    return score * 0.6 ** (len(_violations(candidate, clues, today)) + _tense_violations(candidate, mentions))


def _contradicting(candidate: date, clues: list[DateClue]) -> list[DateClue]:
    """The clues naming another day than ``candidate``; a later "Updated" does not contradict."""
    return [
        clue
        for clue in clues
        if clue.kind in STRONG_KINDS
        and _agreement(clue, candidate) == 0
        and not (clue.kind == UPDATED_LABEL and clue.value > candidate)
    ]


def _strongest_agreeing(candidate: date, clues: list[DateClue]) -> float:
    return max((clue.weight for clue in clues if _agreement(clue, candidate) == 1.0), default=0.0)


_KIND_NAMES = {
    CALLER: "the caller's date",
    PAGE_METADATA: "the page's metadata",
    SYNDICATION: "the date-stamped article id",
    PUBLISHED_LABEL: "the publication line",
    UPDATED_LABEL: "the update line",
    DATELINE: "the dateline",
    HEADER_DATE: "the date line before the body",
    YEARLESS_DATELINE: "the dateline",
    EMBEDDED_POST: "an embedded post",
    AMENDMENT: "the amendment note",
    WEEKDAY_DATE: "the weekday given with a date",
    EXPLICIT: "a date in the text",
    RELATIVE_WEEKDAY: "the reported weekday",
    EVENT_WINDOW: "the events told",
}


def _describe(clue: DateClue, inferences: list[_Inference]) -> str:
    """One clue in words: the caller's date by itself, the others with the words that gave them."""
    inference = next((i for i in inferences if i.clue is clue), None)
    if inference is not None:
        return f"{_KIND_NAMES[clue.kind]}: {inference.explanation}"
    if clue.kind == CALLER:
        return _KIND_NAMES[CALLER]
    return f"{_KIND_NAMES[clue.kind]} \u201c{clue.evidence}\u201d"


def _evidence(best: date, agreeing: list[DateClue], inferences: list[_Inference]) -> str:
    decisive = sorted(
        (c for c in agreeing if c.kind in STRONG_KINDS and _agreement(c, best) == 1.0),
        key=lambda c: -c.weight,
    )
    sentence = f"{best.isoformat()} from " + "; ".join(_describe(c, inferences) for c in decisive)
    supporting = [c for c in agreeing if c not in decisive]
    if supporting:
        sentence += "; consistent with " + ", ".join(_describe(c, inferences) for c in supporting[:4])
    if any(c.kind == YEARLESS_DATELINE for c in decisive):
        sentence += "; the year from the story's other reports"
    return sentence + "."


def _no_date_evidence(clues: list[DateClue], notes: list[str], inferences: list[_Inference]) -> str:
    """Why there is no date: what the text did say, or that it says nothing."""
    reasons = list(notes)
    posts = [c for c in clues if c.kind == EMBEDDED_POST]
    if posts:
        latest = max(posts, key=lambda c: c.value)
        reasons.append(
            f"An embedded post is dated {latest.value.isoformat()} (\u201c{latest.evidence}\u201d): "
            "the article appeared that day or later."
        )
    for clue in clues:
        if clue.kind == AMENDMENT:
            reasons.append(
                f"\u201c{clue.evidence}\u201d: the article appeared on {clue.value.isoformat()} or before."
            )
    for inference in inferences:
        reasons.append(
            f"The reported day is placed at {inference.clue.value.isoformat()} ({inference.explanation}): "
            "a reference for the text's relative dates, not the publication date, which can be that day "
            "or days later."
        )
        break
    if not reasons:
        return "No clue in the text dates the article."
    return "No publication date in the text. " + " ".join(reasons)


def _reference(clues: list[DateClue], inferences: list[_Inference]) -> date | None:
    """A day within about a week of the publication, for resolving the text's relative dates."""
    placed = [i.clue for i in inferences]
    if placed:
        return max(placed, key=lambda c: c.weight).value
    posts = [c.value for c in clues if c.kind == EMBEDDED_POST]
    return max(posts) if posts else None


def _conflicts(best: date, clues: list[DateClue], today: date) -> list[str]:
    by_caller = any(clue.kind == CALLER and clue.value == best for clue in clues)
    decided = (
        f"the caller gave {best.isoformat()}"
        if by_caller
        else f"the better-supported date is {best.isoformat()}"
    )
    conflicts = []
    for clue in _contradicting(best, clues):
        after_today = f", after today ({today.isoformat()})," if clue.value > today else ""
        conflicts.append(
            f"{_KIND_NAMES[clue.kind][0].upper()}{_KIND_NAMES[clue.kind][1:]} \u201c{clue.evidence}\u201d "
            f"says {clue.value.isoformat()}{after_today} but {decided}."
        )
    conflicts.extend(f"{problem[0].upper()}{problem[1:]}." for problem in _violations(best, clues, today))
    return conflicts
