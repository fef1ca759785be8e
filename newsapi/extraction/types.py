"""Plain data passed between the extraction steps.

Nothing here imports Django: the Django side maps these onto models. Every
character offset (``start``/``end``) is into ``CleanedArticle.body`` unless a
field says otherwise, half-open like Python slices: ``body[start:end]``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

# Entity types, shared with the Django models' choices.
PERSON = "person"
ORGANIZATION = "organization"
LOCATION = "location"
OTHER = "other"
ENTITY_TYPES = (PERSON, ORGANIZATION, LOCATION, OTHER)

# Quote kinds.
DIRECT = "direct"
INDIRECT = "indirect"

# Date precisions, from finest to coarsest.
DAY = "day"
MONTH = "month"
YEAR = "year"


@dataclass(frozen=True)
class DeclaredDate:
    """A publication date an HTML page declares in its own metadata, never one guessed from its URL
    or its words."""

    value: date
    field: str  # where the page says it: "article:published_time", "JSON-LD datePublished", ...
    written: str  # the value as the page wrote it: "2025-03-03T10:00:00Z"


@dataclass
class CleanedArticle:
    """The article after boilerplate removal.

    ``body`` is the text every later span points into. ``title`` is not part
    of ``body``. ``removed_lines`` keeps what was dropped, for review.
    """

    title: str
    body: str
    source_name: str | None = None
    source_domain: str | None = None
    removed_lines: list[str] = field(default_factory=list)
    # Lines of the raw text that came before the body (datelines, kickers,
    # "Date:" headers): date clues often live here, so they are kept apart.
    header_lines: list[str] = field(default_factory=list)
    # Lines dropped as boilerplate that may still carry date clues, e.g. a
    # date-stamped article id such as "MENAFN28052025007365015876ID1109607919".
    trailer_lines: list[str] = field(default_factory=list)
    # What an HTML page declares about itself (None for plain text): the author or byline, and the
    # publication date of its metadata, a clue of its own in ``dates.find_publication_date``.
    author: str | None = None
    declared_published: DeclaredDate | None = None
    # The article's authors as person names, from the page's declared author or the text's byline
    # (``bylines.article_authors``): the outlet, agencies and titles left out; [] when none is named.
    authors: list[str] = field(default_factory=list)
    # The address the page declares as its own (``<link rel="canonical">``, ``og:url``); None for text.
    canonical_url: str | None = None


@dataclass
class DateClue:
    """One piece of evidence about when an article was published."""

    value: date
    # "dateline", "syndication_id", "weekday_date", "relative_weekday",
    # "explicit_date", "caller", "published_label", "embedded_post", ... (see dates.py)
    kind: str
    evidence: str  # the words that gave the clue, verbatim
    weight: float  # how much this kind of clue is trusted, 0..1
    # Offsets into the body when the clue is in the body, else None.
    start: int | None = None
    end: int | None = None


@dataclass
class PublicationDate:
    """The decided publication date with its evidence and confidence."""

    value: date | None
    confidence: float  # 0..1
    evidence: str  # human-readable: which clue(s) decided it
    clues: list[DateClue] = field(default_factory=list)
    # Sentences describing clues that contradict the decided date, e.g.
    # "dateline says 2024-01-02 but the date-stamped article id says 2025-05-28".
    conflicts: list[str] = field(default_factory=list)
    # A day within about a week of the publication, for resolving the text's relative dates ("on
    # Wednesday") when ``value`` is unknown: the reported weekday placed among dated events, say.
    # Never served as the publication date; equal to ``value`` when there is one.
    reference: date | None = None


@dataclass
class MentionSpan:
    """One occurrence of an entity in the body."""

    start: int
    end: int
    text: str


@dataclass
class EntityCandidate:
    """An entity found in one article, with all its mentions there.

    ``name`` is the fullest form seen in the article ("Sergei Lavrov", not
    "Lavrov"); ``aliases`` holds every other surface form ("Lavrov"),
    never ``name`` itself.
    """

    name: str
    type: str  # one of ENTITY_TYPES
    aliases: set[str] = field(default_factory=set)
    role: str | None = None  # "Russian Foreign Minister"
    mentions: list[MentionSpan] = field(default_factory=list)


@dataclass
class QuoteCandidate:
    """Who said what, with the span of the quoted words in the body."""

    text: str  # the quoted words without the quotation marks
    kind: str  # DIRECT or INDIRECT
    start: int  # span of ``text`` in body
    end: int
    # The speaker as written near the quote ("Lavrov", "he", "a senior
    # Ukrainian official"), with its span; None when no speaker was found.
    speaker_text: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    # ``EntityCandidate.name`` of the speaker when resolved to an entity of
    # this article ("he" -> "Sergei Lavrov"); None for anonymous speakers.
    speaker_name: str | None = None
    cue: str | None = None  # the reporting verb: "said", "told reporters"


@dataclass
class EventCandidate:
    """Something that happened or is planned, as one article reports it."""

    title: str  # short, e.g. "Peace talks in Istanbul"
    type: str  # one of lexicon.EVENT_TYPES: "diplomacy", "conflict", "accident", ..., "other"
    date: date | None
    date_precision: str | None  # DAY, MONTH, YEAR or None
    date_text: str | None  # the words that gave the date ("next Monday, June 2")
    location_name: str | None  # EntityCandidate.name of the place
    participant_names: list[str] = field(default_factory=list)  # EntityCandidate.names
    start: int = 0  # evidence span in body (the sentence that reports it)
    end: int = 0
    # The finer kind the trigger names ("talks", "call", "visit"; lexicon's KIND_*), which tells two
    # happenings of one type and one day apart; None for the main event read from the lead.
    kind: str | None = None
    # The article's main event (what its lead reports); at most one per article.
    main: bool = False
    # Evidence of each field in the body, None when the field is empty or came from elsewhere (the
    # publication date, the title). ``date_confidence`` is lower for a date taken from the
    # publication date because the lead's tense allows it than for a date the text states.
    date_start: int | None = None
    date_end: int | None = None
    date_confidence: float = 1.0
    location_start: int | None = None
    location_end: int | None = None
    participant_spans: list[tuple[int, int]] = field(default_factory=list)
    # Who acts, as the lead writes it, when that names no entity ("dozens of rescuers", "a tram
    # driver"), with its span; participants hold entities only.
    actor_text: str | None = None
    actor_start: int | None = None
    actor_end: int | None = None


@dataclass(frozen=True)
class Timex:
    """One time expression in a text (TimeML TIMEX3): its span, type and normalised value.

    ``type`` is DATE, TIME, DURATION or SET. ``value`` is a TIMEX3 value (2025-06-02, 2025-06,
    2025-W23, 2025-Q2, 2025, PRESENT_REF, P3D, XXXX-WXX-1, 2025-06-02TMO...), None when the
    expression cannot be normalised honestly ("31 February", a relative date without a
    reference date). ``precision`` is the granularity of a DATE or TIME value: "day", "week",
    "month", "quarter", "half", "season", "year", "decade", "century", "time" or "reference"
    (PRESENT_REF, PAST_REF, FUTURE_REF); None for durations, sets and values left out.
    ``anchored`` is, for a duration told from the story's last date ("Two days later" after "on
    May 16"), the day, month or year it lands on (2025-05-18); the expression itself stays a
    duration, as TimeML marks it.
    """

    start: int
    end: int
    text: str
    type: str
    value: str | None
    precision: str | None
    anchored: str | None = None


@dataclass
class ArticleExtraction:
    """Everything extracted from one raw article."""

    raw_text: str
    cleaned: CleanedArticle
    published: PublicationDate
    language: str  # ISO 639-1, e.g. "en"; "und" when unknown
    entities: list[EntityCandidate] = field(default_factory=list)
    quotes: list[QuoteCandidate] = field(default_factory=list)
    events: list[EventCandidate] = field(default_factory=list)
    # Every time expression of the body, normalised against the publication date.
    extracted_dates: list[Timex] = field(default_factory=list)
    # The sentence embedding of the title (or the body's opening when there is none), which story
    # grouping compares (``embeddings.lead_embedding``): computed here, with the rest of the
    # extraction, so that storing the article does not run the encoder.
    lead_vector: tuple[float, ...] | None = None
    # The body's spaCy parse, kept while the publication date is weak: ``refine_with_story_dates`` re-reads
    # it instead of parsing again. No part of the extraction's value: never compared or printed, not
    # carried by ``dataclasses.replace``, a copy or a pickle (a job's or a benchmark's).
    parse: Doc | None = field(default=None, init=False, compare=False, repr=False)

    def __getstate__(self) -> dict:
        return {**self.__dict__, "parse": None}
