"""When was an article published? Weighing every clue in the text.

Clues, with how much each kind is trusted (``DateClue.weight``):

- the caller's hint (scraper metadata): 0.9;
- a syndication id ("MENAFN28052025007365015876ID1109607919" encodes
  28 May 2025): 0.85;
- a dateline or "Published:" line before the body: 0.35 to 0.5, because
  scrapers often put the crawl date or another page's date there;
- a weekday given with a date in the body ("Monday, June 2"): it fixes the
  year of a nearby event, so it supports dates within months of it;
- dates written with a year in the body: weak support for nearby dates,
  and a lower bound when they are told in the past tense;
- a bare weekday in the lead ("announced Wednesday"): the reporting day. It
  needs an anchor, which comes from the other clues: the publication date
  is after the latest event told in the past tense and before the earliest
  event told as upcoming, so the reported weekday is placed in between
  (the latest such weekday before the upcoming event). Such inferences are
  low confidence. When no clue gives a year at all, the year is assumed to
  be the latest that puts the events before ``today`` (articles are usually
  processed soon after they appear), and only if the day placed is recent;
  otherwise there is no date, and ``evidence`` says what the text did place.

The decision is a weighted vote: every candidate day (from the point clues
and the inferences) collects support from the clues that agree with it and
loses some for the point clues that contradict it. ``confidence`` reflects
both; ``evidence`` names the deciding clue(s); ``conflicts`` describes the
clues overruled.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from newsapi.extraction.cleaning import SYNDICATION_ID
from newsapi.extraction.temporal import (
    MONTH_NUMBERS,
    WEEKDAY_NUMBERS,
    ResolvedDate,
    find_date_expressions,
    resolve_date_expression,
)
from newsapi.extraction.types import DAY, MONTH, YEAR, CleanedArticle, DateClue, PublicationDate

HINT = "metadata"
SYNDICATION = "syndication_id"
DATELINE = "dateline"
WEEKDAY_DATE = "weekday_date"
EXPLICIT = "explicit_date"
RELATIVE_WEEKDAY = "relative_weekday"
EVENT_WINDOW = "event_window"

WEIGHTS = {
    HINT: 0.9,
    SYNDICATION: 0.85,
    DATELINE: 0.35,
    WEEKDAY_DATE: 0.3,
    RELATIVE_WEEKDAY: 0.3,
    EVENT_WINDOW: 0.15,
}
_LABELLED_DATELINE_WEIGHT = 0.5  # "Published: ..." says what it is
_EXPLICIT_WEIGHTS = {DAY: 0.2, MONTH: 0.1, YEAR: 0.05}
# Clues naming the publication day itself; the others name events near it.
_POINT_KINDS = frozenset({HINT, SYNDICATION, DATELINE, RELATIVE_WEEKDAY, EVENT_WINDOW})
_INFERRED_KINDS = frozenset({RELATIVE_WEEKDAY, EVENT_WINDOW})
# How far from the publication day an event in the news usually is.
_NEARBY_DAYS = 200
_LEAD_PARAGRAPHS = 5
# A text that gives no year is given today's (or last year's) only if the day it places is this
# recent: the assumption is that articles are processed soon after they appear.
_RECENT_DAYS = 60

_PUBLISHED_LABEL = re.compile(r"\b(?:published|updated|posted|date|dated)\b", re.IGNORECASE)
_WEEKDAY_ONLY = re.compile(
    rf"(?:(?:next|last|this|coming|past|previous)\s+)?(?P<wd>{'|'.join(w for w in WEEKDAY_NUMBERS if w.endswith('day'))})",
    re.IGNORECASE,
)
_HAS_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_HAS_MONTH = re.compile(rf"\b(?:{'|'.join(MONTH_NUMBERS)})\b", re.IGNORECASE)

# Words near a date that tell whether the event is behind or ahead of the writer.
_UPCOMING_CUES = frozenset(
    [
        "will",
        "would",
        "shall",
        "'ll",
        "upcoming",
        "next",
        "scheduled",
        "planned",
        "plans",
        "proposed",
        "propose",
        "proposes",
        "proposing",
        "proposal",
        "suggested",
        "suggest",
        "suggests",
        "expected",
        "expects",
        "expect",
        "due",
        "ahead",
        "deadline",
        "future",
        "coming",
        "set",
        "invitation",
        "invited",
        "offer",
        "could",
        "might",
        "awaiting",
        "await",
        "prepare",
        "preparing",
        "resume",
        "resumption",
        "host",
        "hosting",
        "intends",
        "intend",
    ]
)
_PAST_CUES = frozenset(
    [
        "held",
        "was",
        "were",
        "had",
        "previous",
        "previously",
        "earlier",
        "last",
        "initial",
        "first",
        "occurred",
        "took",
        "following",
        "followed",
        "after",
        "since",
        "ago",
        "spoke",
        "met",
        "failed",
        "began",
        "launched",
        "happened",
        "marked",
        "ended",
        "signed",
        "killed",
        "died",
        "visited",
        "attended",
        "during",
    ]
)


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
    year_assumed: bool


def find_publication_date(
    cleaned: CleanedArticle,
    *,
    hint: date | None = None,
    today: date | None = None,
) -> PublicationDate:
    """Decide the publication date from every clue the article gives.

    ``hint`` is a date from the caller (e.g. the scraper's metadata), trusted
    highly but still weighed. ``today`` (default: the real today) bounds the
    decision, since nothing is published in the future, and gives the year
    when the text gives none at all; such a year is an assumption and keeps
    the confidence low.
    """
    today = today or date.today()
    mentions = _body_mentions(cleaned.body, today)
    clues = _fixed_clues(cleaned, mentions, hint)
    withheld: list[str] = []
    inferences = _inferences(clues, mentions, today, _window_hints(cleaned.body), withheld)
    clues.extend(inference.clue for inference in inferences)

    candidates = sorted({clue.value for clue in clues if clue.kind in _POINT_KINDS})
    if not candidates:
        evidence = withheld[0] if withheld else "No clue in the text dates the article."
        return PublicationDate(None, 0.0, evidence, clues, [])

    scored = [(_score(c, clues, mentions, today), c) for c in candidates]
    best_score, best = max(
        scored, key=lambda item: (item[0], _strongest_agreeing(item[1], clues), -item[1].toordinal())
    )
    agreeing = [clue for clue in clues if _agreement(clue, best) > 0]
    confidence = best_score
    decisive = [clue for clue in agreeing if clue.kind in _POINT_KINDS]
    if all(clue.kind in _INFERRED_KINDS for clue in decisive):
        confidence = min(confidence, 0.45 if any(c.kind == RELATIVE_WEEKDAY for c in decisive) else 0.2)
        if any(i.year_assumed for i in inferences if i.clue in decisive):
            confidence = min(confidence, 0.3)
    return PublicationDate(
        value=best,
        confidence=round(confidence, 2),
        evidence=_evidence(best, agreeing, inferences),
        clues=clues,
        conflicts=_conflicts(best, clues, mentions, today),
    )


# ---------------------------------------------------------------------------
# Clues
# ---------------------------------------------------------------------------


def syndication_date(text: str) -> date | None:
    """The date a MENAFN syndication id encodes (DDMMYYYY after "MENAFN"), if valid."""
    match = SYNDICATION_ID.search(text)
    if not match:
        return None
    try:
        return date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
    except ValueError:
        return None


def _fixed_clues(cleaned: CleanedArticle, mentions: list[_Mention], hint: date | None) -> list[DateClue]:
    """Clues that need no anchor: the hint, ids, datelines, dated body mentions."""
    clues: list[DateClue] = []
    if hint is not None:
        clues.append(DateClue(hint, HINT, f"caller's hint {hint.isoformat()}", WEIGHTS[HINT]))

    seen_ids: set[str] = set()
    for line in [*cleaned.header_lines, *cleaned.trailer_lines, *cleaned.removed_lines]:
        for match in SYNDICATION_ID.finditer(line):
            value = syndication_date(match.group(0))
            if value and match.group(0) not in seen_ids:
                seen_ids.add(match.group(0))
                clues.append(DateClue(value, SYNDICATION, match.group(0), WEIGHTS[SYNDICATION]))
    for match in SYNDICATION_ID.finditer(cleaned.body):
        value = syndication_date(match.group(0))
        if value and match.group(0) not in seen_ids:
            seen_ids.add(match.group(0))
            clues.append(
                DateClue(value, SYNDICATION, match.group(0), WEIGHTS[SYNDICATION], match.start(), match.end())
            )

    for line in [*cleaned.header_lines, *cleaned.trailer_lines]:
        if SYNDICATION_ID.search(line):
            continue
        for _, _, expression in find_date_expressions(line):
            resolved = resolve_date_expression(expression, None)
            if resolved is None or resolved.precision != DAY or not _HAS_YEAR.search(expression):
                continue
            weight = _LABELLED_DATELINE_WEIGHT if _PUBLISHED_LABEL.search(line) else WEIGHTS[DATELINE]
            if not _weekday_matches(expression, resolved.value):
                weight /= 2  # "Tuesday, 3 January 2024": the line contradicts itself
            clues.append(DateClue(resolved.value, DATELINE, line, weight))
            break

    for mention in mentions:
        if mention.fixed is None:
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
    return clues


def _weekday_matches(expression: str, value: date) -> bool:
    match = re.search(
        rf"\b({'|'.join(sorted(WEEKDAY_NUMBERS, key=len, reverse=True))})\b", expression.lower()
    )
    return match is None or WEEKDAY_NUMBERS[match.group(1)] == value.weekday()


# ---------------------------------------------------------------------------
# Mentions in the body and their tense
# ---------------------------------------------------------------------------


def _body_mentions(body: str, today: date) -> list[_Mention]:
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


# Words just before a bare weekday that put it ahead: "will meet on Friday", "is due to arrive on Monday".
_WEEKDAY_UPCOMING_CUES = frozenset(
    ["will", "shall", "would", "to", "scheduled", "set", "due", "planned", "expected", "until", "by", "from"]
)


def _weekday_tense(body: str, start: int) -> float:
    """A bare weekday's tense, from the few words before it: the sentence's other verbs may be
    about other things ("announced on Wednesday that talks will be held")."""
    before = re.findall(r"[A-Za-z'\u2019]+", re.split(r"[.!?\n]", body[max(0, start - 60) : start])[-1])
    words = [w.lower().replace("\u2019", "'") for w in before[-4:]]
    if any(w in _WEEKDAY_UPCOMING_CUES or w.endswith("'ll") for w in words):
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
        elif word in _UPCOMING_CUES or word.endswith("'ll"):
            score += weight
        elif word in _PAST_CUES:
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
    today: date,
    hints: dict[str, str],
    withheld: list[str],
) -> list[_Inference]:
    """Days placed by reasoning; explanations of placements not trusted go to ``withheld``."""
    reported = _reported_weekday(mentions)
    results: list[_Inference] = []
    # Anchored on a point clue: the reported weekday is the latest one on or before it.
    if reported:
        weekday, mention = reported
        for clue in [c for c in clues if c.kind in _POINT_KINDS]:
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
                        f"the lead's \u201c{mention.text}\u201d agrees with the {clue.kind.replace('_', ' ')}",
                        False,
                    )
                )
    if any(c.kind in _POINT_KINDS and c.kind not in _INFERRED_KINDS for c in clues):
        return _unique(results)

    # No point clue: anchor the years on dated events, or else on today.
    contexts = [(c.value, f"\u201c{c.evidence}\u201d", False) for c in clues if c.kind == WEEKDAY_DATE]
    contexts += [
        (c.value, f"\u201c{c.evidence}\u201d", False)
        for c in clues
        if c.kind == EXPLICIT and c.weight >= _EXPLICIT_WEIGHTS[DAY]
    ]
    if not contexts:
        latest = _latest_event_before(mentions, today)
        if latest is None:
            return _unique(results)
        contexts = [
            (latest, f"an assumption: the latest in which the events told precede {today.isoformat()}", True)
        ]

    for anchor, year_source, assumed in contexts:
        lower, upper = _bounds(_events(mentions, anchor))
        placed = _place(reported, lower, upper, hints)
        if placed is None:
            continue
        clue, explanation = placed
        if assumed and (today - clue.value).days > _RECENT_DAYS:
            # Taking this year assumes the article is processed soon after it appeared; it is not.
            withheld.append(
                f"The text gives no year. {explanation[0].upper()}{explanation[1:]}: that would be "
                f"{clue.value.isoformat()} in {clue.value.year}, too long before {today.isoformat()} "
                "to assume that year."
            )
            continue
        results.append(_Inference(clue, explanation + f"; the year from {year_source}", assumed))
    return _unique(results)


def _latest_event_before(mentions: list[_Mention], today: date) -> date | None:
    """The latest year-less event on or before ``today`` (past events first): the fallback year anchor."""
    dated = [
        (resolved.value, mention.tense < -0.3)
        for mention in mentions
        if mention.kind == "month_day"
        and (resolved := resolve_date_expression(mention.text, today, future=False)) is not None
    ]
    past = [day for day, is_past in dated if is_past]
    chosen = past or [day for day, _ in dated]
    return max(chosen) if chosen else None


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


# "in the coming days": the upcoming event is at most about a week after publication.
_SOON = re.compile(
    r"\b(?:in the coming days|in the next few days|in the days ahead|within days|later this week|this weekend)\b",
    re.IGNORECASE,
)
# "earlier this month" told of a past event: publication is in that event's month.
_EARLIER_THIS_MONTH = re.compile(r"\bearlier this month\b", re.IGNORECASE)


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
    if clue.kind == WEEKDAY_DATE or (clue.kind == EXPLICIT and clue.weight >= _EXPLICIT_WEIGHTS[DAY]):
        return 0.5 if abs(gap) <= _NEARBY_DAYS else 0.0
    return 0.0


def _violations(candidate: date, mentions: list[_Mention], today: date) -> list[str]:
    """Sentences for what ``candidate`` cannot be: in the future, or on the wrong side of a told event."""
    problems = []
    if candidate > today:
        problems.append(f"{candidate.isoformat()} is after today ({today.isoformat()})")
    for day, tense, text in _events(mentions, candidate):
        if tense < -0.3 and day > candidate:
            problems.append(f"\u201c{text}\u201d is told as past but falls after {candidate.isoformat()}")
        elif tense > 0.3 and day < candidate:
            problems.append(
                f"\u201c{text}\u201d is told as upcoming but falls before {candidate.isoformat()}"
            )
    for mention in mentions:
        if (
            # Background years are nearly always history: any past cue makes them a lower bound.
            mention.kind in ("month_year", "year") and mention.tense < 0 and mention.fixed.value > candidate
        ):
            problems.append(
                f"\u201c{mention.text}\u201d is told as past but falls after {candidate.isoformat()}"
            )
    return problems


def _score(candidate: date, clues: list[DateClue], mentions: list[_Mention], today: date) -> float:
    support = 1.0
    opposition = 1.0
    for clue in clues:
        agreement = _agreement(clue, candidate)
        if agreement > 0:
            support *= 1.0 - clue.weight * agreement
        elif clue.kind in _POINT_KINDS:
            opposition *= 1.0 - clue.weight
    score = (1.0 - support) * (1.0 - 0.6 * (1.0 - opposition))
    return score * 0.6 ** len(_violations(candidate, mentions, today))


def _strongest_agreeing(candidate: date, clues: list[DateClue]) -> float:
    return max((clue.weight for clue in clues if _agreement(clue, candidate) == 1.0), default=0.0)


_KIND_NAMES = {
    HINT: "the caller's hint",
    SYNDICATION: "the syndication id",
    DATELINE: "the dateline",
    WEEKDAY_DATE: "the weekday given with a date",
    EXPLICIT: "a date in the text",
    RELATIVE_WEEKDAY: "the reported weekday",
    EVENT_WINDOW: "the events told",
}


def _evidence(best: date, agreeing: list[DateClue], inferences: list[_Inference]) -> str:
    decisive = sorted(
        (c for c in agreeing if c.kind in _POINT_KINDS and _agreement(c, best) == 1.0),
        key=lambda c: -c.weight,
    )
    parts = []
    for clue in decisive:
        inference = next((i for i in inferences if i.clue is clue), None)
        if inference is not None:
            parts.append(f"{_KIND_NAMES[clue.kind]}: {inference.explanation}")
        else:
            parts.append(f"{_KIND_NAMES[clue.kind]} \u201c{clue.evidence}\u201d")
    supporting = [c for c in agreeing if c not in decisive]
    sentence = f"{best.isoformat()} from " + "; ".join(parts) if parts else f"{best.isoformat()}"
    if supporting:
        names = ", ".join(f"\u201c{c.evidence}\u201d" for c in supporting[:4])
        sentence += f"; consistent with {names}"
    return sentence + "."


def _conflicts(best: date, clues: list[DateClue], mentions: list[_Mention], today: date) -> list[str]:
    conflicts = []
    for clue in clues:
        if clue.kind in _POINT_KINDS and clue.kind not in _INFERRED_KINDS and _agreement(clue, best) == 0:
            after_today = f", after today ({today.isoformat()})," if clue.value > today else ""
            conflicts.append(
                f"{_KIND_NAMES[clue.kind]} \u201c{clue.evidence}\u201d says {clue.value.isoformat()}{after_today} "
                f"but the better-supported date is {best.isoformat()}."
            )
    conflicts.extend(f"{problem}." for problem in _violations(best, mentions, today))
    return conflicts
