"""Boilerplate removal: a raw scraped article in, a ``CleanedArticle`` out.

Scrapers capture a page's text line by line: the article's paragraphs, but
also share buttons, "Advertisement" slots, comment forms, newsletter prompts,
related-article lists and legal disclaimers. This module keeps the article:

- Each non-empty line of the raw text is one paragraph. Paragraphs are
  joined with a blank line; the characters inside a paragraph are never
  changed (later steps point into ``body`` with offsets, and quotes must stay
  as written), only the whitespace around a line is dropped.
- Boilerplate lines are dropped wherever they are (``removed_lines`` keeps
  them); a block that only ever ends a page (a disclaimer, a comment form, a
  "Related" list) is dropped with everything after it.
- Lines before the body are sorted: the title (taken out of the body),
  datelines and bylines (``header_lines``), labels.
- Dropped lines that may still date the article, such as a
  date-stamped article id, are also kept in ``trailer_lines``.
- The outlet is named only from explicit clues: a syndication credit
  ("(MENAFN- Live Mint)"), an agency credit ("WASHINGTON (Reuters) -"), a
  "By X | Outlet" byline, an "Outlet | Updated: ..." line, a copyright line.
  A line that only repeats an outlet one of these names is dropped.
- An HTML page is first read into text (``html_input``): the cleaner sees the headline and the
  article's paragraphs, never markup; the outlet the page declares wins over the text's clues.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, insort
from dataclasses import replace

import ftfy

from newsapi.extraction.bylines import OPENER_PATTERN as BYLINE_OPENER_PATTERN
from newsapi.extraction.bylines import (
    article_authors,
    byline_authors,
    is_agency_credit_byline,
    opens_like_byline,
    outlet_key,
    sign_off_credits,
)
from newsapi.extraction.datelines import DASH_CLASS, match_dateline
from newsapi.extraction.html_input import looks_like_html, read_page
from newsapi.extraction.lexicon import (
    ABBREVIATIONS_INSIDE_SENTENCES,
    BOILERPLATE_LINES,
    FOLLOWED_ON,
    HEADLINE_KICKERS,
    MODAL_VERBS,
    NEWS_AGENCIES,
    PAGE_END_MARKERS,
    PERFECT_AUXILIARIES,
    PHOTO_AGENCIES,
    RELATED_LIST_MARKERS,
    TITLE_CASE_SMALL_WORDS,
    is_past_participle,
)
from newsapi.extraction.temporal import find_date_expressions
from newsapi.extraction.types import CleanedArticle

# The longest raw text the pipeline takes. A long read runs to ~60,000 characters; far beyond that a
# text is a dump or word soup, whose parse costs minutes and gigabytes (spaCy's own ceiling,
# ``max_length``, is 1,000,000 characters). Callers refuse longer texts with this limit's reason.
MAX_RAW_CHARS = 200_000
# The longest HTML page taken. Real pages run from 50 KB to 1 MB, most of it markup, scripts and
# navigation; ``MAX_RAW_CHARS`` applies to the text read out of the page (``html_input``).
MAX_HTML_CHARS = 2_000_000

# ---------------------------------------------------------------------------
# Boilerplate lines
# ---------------------------------------------------------------------------

# Whole lines (``lexicon.BOILERPLATE_LINES``), and these patterns:
_SOFT_LIMIT = 200  # prompts and labels are short; real paragraphs that match a prompt word are long

_JUNK_PATTERNS = [
    # "Also Read | ...", "Read more: ...", "ALSO READ: ...", "See also - ..."
    re.compile(
        r"^(?:also\s+read|read\s+also|read\s+more|more\s+to\s+read|see\s+also|also\s+see|related|"
        r"recommended|must\s+read|don'?t\s+miss|watch|listen)"
        r"\s*[|:\-–—]\s*\S",
        re.IGNORECASE,
    ),
    re.compile(r"^\d+\s*(?:min|mins|minutes?)\s+read$", re.IGNORECASE),
    # "enlarge this image" (with "toggle caption", a ``BOILERPLATE_LINES`` line) is one outlet's photo
    # control, kept because it moves a check figure: without both, news-cluster-dev's TF-IDF peer, which
    # reads the cleaned text, falls from 0.833 to 0.824 (5 check articles carry them; newsapi's own
    # grouping is unchanged). "Enlarge Image" is the same control run into its photo's credit
    # ("Enlarge Image Google"), which stood as the title of a text that opens with a photo.
    re.compile(r"^(?:enlarge (?:this )?image|photo credit|image credit)\b", re.IGNORECASE),
    # A bare photo credit: "Vjeran Pavic/The Verge", "Alastair Grant/AP".
    re.compile(r"^[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3} ?/ ?[A-Z][\w.&'’-]*(?: [A-Z][\w.&'’-]*){0,3}$"),
    # Photo captions: "FILE - In this May 18, 2017 file photo, ...", "(Photo: ...)"
    re.compile(r"^(?:FILE\s*[-–—]\s|FILE PHOTO\b|\(?Photo:|Image:|Photo credit|Image credit|Picture:)"),
]
# A related-list heading in capitals run into its list on one line ("MOST READ IN NEWS 'I'M MADDIE!'
# Student jokes ..."): the line is the list. Markers of two words or more only: one capitalised word
# opens tabloid sentences ("MORE than 100 people ...").
_LIST_HEADING_IN_CAPITALS = re.compile(
    r"^(?:"
    + "|".join(re.escape(m.upper()) for m in sorted(RELATED_LIST_MARKERS, key=len, reverse=True) if " " in m)
    + r")\b"
)


def _alternation(names) -> str:
    """A regex alternation of literal names, longest first so "EPA-EFE" wins over "EPA"."""
    return "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))


_SOFT_JUNK_PATTERNS = [
    re.compile(r"\bclick here to (?:follow|subscribe|join|download|read|upload)", re.IGNORECASE),
    re.compile(r"\bfollow us on (?:" + _alternation(FOLLOWED_ON) + r")\b", re.IGNORECASE),
    re.compile(r"^(?:download|get) (?:the|our) .{0,40}\bapp\b", re.IGNORECASE),
    re.compile(r"^subscribe (?:to|for|now|today)\b", re.IGNORECASE),
    re.compile(
        r"\bsign up for (?:our|the|free|breaking)\b.{0,60}(?:newsletter|e-?mails?|alerts)", re.IGNORECASE
    ),
    re.compile(r"\b(?:thanks|thank you) for (?:subscribing|signing up)\b", re.IGNORECASE),
    re.compile(r"\bdelivered (?:straight )?to your inbox\b", re.IGNORECASE),
    re.compile(r"\bjoin (?:our|us on) (?:whatsapp|telegram)\b", re.IGNORECASE),
    re.compile(r"^(?:copyright|©|\(c\))\s*(?:©\s*)?(?:\d{4}\s)?.*\ball rights reserved\b", re.IGNORECASE),
]


_AGENCIES = _alternation(NEWS_AGENCIES)

_TEXT_FIXES = ftfy.TextFixerConfig(
    unescape_html="auto",
    remove_terminal_escapes=False,
    fix_c1_controls=False,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    remove_control_chars=False,
    normalization=None,
)

# One or two words in capitals closed by a full stop: "ABSTRACT.", "FULL TEXT.".
_SECTION_LABEL = re.compile(r"[A-Z][A-Z'’-]*(?: [A-Z][A-Z'’-]*)?\.")

# An opening single quote between two letters is an apostrophe: quotes open after a space or a bracket.
_APOSTROPHE_TYPED_AS_QUOTE = re.compile(r"(?<=[^\W\d_])\u2018(?=[^\W\d_])")

# A photo credit closing a caption: "... (AP)", "(Alastair Grant/Associated Press)", "[Photo/Agencies]",
# "(Photo: SpaceX via Florida Today)", "(Getty Images)".
_CAPTION_CREDIT = re.compile(
    rf"\((?:[^()]{{0,80}}/)?(?:{_alternation((*NEWS_AGENCIES, *PHOTO_AGENCIES))}|File(?: photo)?|"
    r"Photo:[^()]{1,80}|Image:[^()]{1,80}|[A-Z][\w.' -]{1,40} (?:Photo|Photos|Images|Pictures))\)$"
    # In square brackets only a credit that says it is a photo's ("[Photo/Agencies]"): a bare agency there
    # is a brief's source ("... [Reuters]" closing each item of a newsletter).
    r"|\[Photo[:/][^\[\]]{1,80}\]$"
)

# A photo credit opening a caption, as tabloids print them above the words: "Getty Images Bodies are
# removed from the scene", "Getty - Contributor Michael revealed ...", "AP:Associated Press North Korea
# ...". A one-word agency ("Getty", "Reuters") opens ordinary sentences too, so alone it is no credit.
_CREDITED = _alternation((*NEWS_AGENCIES, *PHOTO_AGENCIES))
_OPENING_PICTURE_CREDIT = re.compile(
    rf"(?:{_alternation(a for a in PHOTO_AGENCIES if ' ' in a)}|(?:{_CREDITED})\s*[-–:]\s*(?:Contributor|{_CREDITED}))"
    r"(?:\s*[-–]\s*[A-Z][\w.]*)?\s+(?=[A-Z\"“‘'])"
)

# An article id stamped with its day, as syndicators and content systems write them: capitals, then
# the date in eight digits (DDMMYYYY or YYYYMMDD), more digits, optional further letter-digit groups
# ("MENAFN28052025007365015876ID1109607919"). Which of the two orders it is, and whether it is a date
# at all, is decided by reading it (``dates.id_stamp_date``).
DATE_STAMPED_ID = re.compile(r"\b[A-Z]{2,12}(\d{8})\d{4,}(?:[A-Z]{1,4}\d+)*\b")
# A credit opening the first paragraph: "(Agency) ", "(Syndicator- Outlet) ", or a wire dateline whose
# place the scrape lost, "(Reuters) - " (its dash goes with it: a body never opens with a dash). A
# dateline with its place ("MOSCOW (Reuters) - ") does not open with the bracket and stays.
_SYNDICATION_CREDIT = re.compile(
    rf"^\(({_AGENCIES})(?:\s*[-–—:]\s*([^()]{{1,80}}?))?\)\s*(?:(?:{DASH_CLASS}|_)\s+)?"
)

# Datelines and bylines.
_DATE_LABEL = re.compile(
    r"^(?:date|dated|published|publish date|published on|posted|posted on|updated|last updated|"
    r"first published|modified|last modified|created)\b\s*(?:on|at)?\s*[:|]?",
    re.IGNORECASE,
)
_INNER_DATE_LABEL = re.compile(r"\b(?:updated|published|posted)\s*(?:on|at)?\s*[:|]", re.IGNORECASE)
# A byline of names alone ("By Jane Doe", "BYLINE: Amber Phillips", "By Jane Doe, Bob Roe and Ann Poe");
# one with more after the names (an address, an "Updated ..." stamp) is one when it names people.
_BYLINE = re.compile(r"^" + BYLINE_OPENER_PATTERN + r"[A-Z][\w.'’-]*(?:[\s,]+[\w.'’&-]+){0,8}$")
_BYLINE_OUTLET = re.compile(r"^By\s+[^|]{2,80}?\s*\|\s*([^|]{2,60}?)\s*$")
_OUTLET_BEFORE_DATE = re.compile(r"^([A-Z][\w.&' -]{1,50}?)\s*\|\s*(?:Updated|Published|Posted)\b")
_AGENCY_LEAD = re.compile(
    rf"^(?:[A-Z][\w.,'’/ -]{{1,60}}?\s*)?\(({_AGENCIES})\)\s*(?:{DASH_CLASS}{{1,2}}|:|(?=[A-Z]))"
)
_COPYRIGHT_OUTLET = re.compile(
    r"^(?:Copyright|©)\s*(?:©\s*)?\d{4}\s+(.{2,60}?)\.?\s+All rights reserved", re.IGNORECASE
)

# A closing credit in brackets at the end of a paragraph's last sentence: "... in the region. (Reporting
# by Jane Doe; Editing by Ann Poe)".
_CLOSING_CREDIT = re.compile(r"(?<=[.!?\"”’])\s+(\([^()]{8,400}\)\.?)$")
# A sentence ending inside the line: "... with her cousin Tavon. Dimitrios Kambouris/Getty Images".
_INNER_SENTENCE_BREAK = re.compile(r"(?<![^\W\d_])([^\W\d_]*[a-z]{2})([.!?])[\"'”’]?\s+[A-Z]")

_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")


def _key(line: str) -> str:
    """A line as compared with the junk lists: lower-case, no bullet, no trailing colon."""
    key = re.sub(r"^[-–—•·*|>]+\s*", "", line.strip()).rstrip(":").strip().lower()
    return key.replace("’", "'")


def _word_count(line: str) -> int:
    return len(line.split())


def is_date_stamped_id(line: str) -> bool:
    """True for a line that is only a date-stamped article id."""
    return DATE_STAMPED_ID.fullmatch(line.strip()) is not None


def _is_caption(line: str) -> bool:
    return (
        _CAPTION_CREDIT.search(line) is not None or _OPENING_PICTURE_CREDIT.match(line) is not None
    ) and _word_count(line) <= 80


# What separates page labels set on one line (a middle dot, a bar, a bullet), with spaces round it.
_LABEL_SEPARATORS = re.compile(r"\s+[·|•]\s+")


# What separates a menu's or a breadcrumb trail's labels: a bar, a chevron, a guillemet, a slash or a
# dot, with spaces round it.
_MENU_SEPARATORS = re.compile(r"\s+[|›»>/·•]\s+")
_MENU_MIN_LABELS = 3
_MENU_LABEL_WORDS = 3


def _is_junk(line: str) -> bool:
    key = _key(line)
    if not key or key in BOILERPLATE_LINES or not re.search(r"\w", key):
        return True
    if any(p.search(line) for p in _JUNK_PATTERNS):
        return True
    if len(line) <= _SOFT_LIMIT and any(p.search(line) for p in _SOFT_JUNK_PATTERNS):
        return True
    # Share-button bullets: "- X", "• Facebook".
    if re.match(r"^[-•·*]\s", line) and _word_count(line) <= 4 and _key(line) in BOILERPLATE_LINES:
        return True
    # Several such labels run together on one line: "Advertisement · Scroll to continue", "Share | Print".
    parts = _LABEL_SEPARATORS.split(key)
    if len(parts) > 1 and all(part.strip() in BOILERPLATE_LINES for part in parts):
        return True
    # A site's menu or breadcrumb trail: three labels or more of a few capitalised words each, set
    # between separators ("Home | News | World", "Home › Business › Markets").
    labels = _MENU_SEPARATORS.split(line.strip())
    if len(labels) >= _MENU_MIN_LABELS and all(
        0 < _word_count(label) <= _MENU_LABEL_WORDS
        and label.strip()[:1].isupper()
        and label.strip()[-1:].isalnum()
        for label in labels
    ):
        return True
    # A section label of an archive export, in capitals and closed by a full stop ("ABSTRACT.", "FULL
    # TEXT."): no sentence is one or two words in capitals.
    if _SECTION_LABEL.fullmatch(line) and _word_count(line) <= 2:
        return True
    if _LIST_HEADING_IN_CAPITALS.match(line):
        return True
    return _is_caption(line)


def _is_dateline(line: str) -> bool:
    """A line that only dates the article: "Date:", "Published: ...", "Tuesday, 02 January 2024 12:17 GMT"."""
    if len(line) > 120:
        return False
    if _DATE_LABEL.match(line):
        return True
    spans = find_date_expressions(line)
    if not spans:
        return False
    if _INNER_DATE_LABEL.search(line):
        return True
    covered = sum(end - start for start, end, _ in spans)
    rest = line
    for start, end, _ in reversed(spans):
        rest = rest[:start] + rest[end:]
    # What is left may be a time, a zone, separators, "Updated".
    rest = re.sub(r"\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?|\b(?:GMT|UTC|IST|EST|EDT|CET|CEST|BST|PST|PDT)"
                  r"\b(?:[+-]\d{1,2})?|\b(?:at|on|updated|published|posted)\b|[\s,|:/()\-–—]", "", rest,
                  flags=re.IGNORECASE)  # fmt: skip
    return covered >= 6 and len(rest) <= 3


def _is_byline(line: str) -> bool:
    return len(line) <= 120 and (
        (opens_like_byline(line) and (_BYLINE.match(line) is not None or bool(byline_authors(line))))
        or _BYLINE_OUTLET.match(line) is not None
        or is_agency_credit_byline(line)
    )


def _has_inner_sentence_break(line: str) -> bool:
    """A sentence ends inside the line; an abbreviation's dot ends none ("Rep. Welch to back Sanders")."""
    return any(
        mark != "." or word.lower() not in ABBREVIATIONS_INSIDE_SENTENCES
        for word, mark in _INNER_SENTENCE_BREAK.findall(line)
    )


def _is_title_case(line: str) -> bool:
    # A possessive after an abbreviation's dot ("the U.N.'s Record") is no word of its own.
    words = [
        w for w in re.findall(r"(?<!['’])[^\W\d_][\w'’-]*", line) if w.lower() not in TITLE_CASE_SMALL_WORDS
    ]
    if len(words) < 3:
        return False
    capitalised = sum(1 for w in words if w[0].isupper())
    return capitalised / len(words) >= 0.9


def _opens_body(line: str) -> bool:
    """A line that opens with a dateline, or is one on a line of its own, its dash at the line's end
    ("NAIROBI, Kenya (AP) _", "WASHINGTON —"): the body starts there, whatever its length. A kicker
    before the dash ("EXCLUSIVE – ...") names no place: the line is a headline."""
    dateline = match_dateline(line + " ", colon=False)
    return dateline is not None and dateline.group("place").strip().lower() not in HEADLINE_KICKERS


def _article_count(line: str) -> int:
    """How many articles ("a", "an", "the") a line holds: headlines drop them."""
    return sum(1 for w in line.lower().split() if w in ("a", "an", "the"))


def _looks_like_title(line: str) -> bool:
    """A headline: a few words, shorter than a paragraph, one sentence at most, no final period.

    Headlines in Title Case may end with a period. Headlines in sentence case
    drop articles ("Russia proposes June 2 for peace talks"), so a line with
    several of them reads as a sentence: a standfirst or a caption.
    """
    words = _word_count(line)
    if words < 3 or words > 30 or len(line) > 250:
        return False
    # A dateline ("MOSCOW — ", "TOKYO/SEOUL (Reuters) - ") opens a body's first line, never a headline
    # (the head loop has already sent a line that ``_opens_body`` to the body).
    if _AGENCY_LEAD.match(line):
        return False
    # A Title Case headline may hold two sentences ("Bernie Sanders Suffered A Big Blow. Here's His
    # Plan Going Forward."); a caption's credit after its sentence is no Title Case line.
    if _is_title_case(line):
        return True
    if _has_inner_sentence_break(line):
        return False
    articles = _article_count(line)
    if words > 20 or articles > 1:
        return False
    return line.endswith(("?", "!")) or not _SENTENCE_END.search(line)


# A sentence-case headline closed by a period is short: lead sentences that short are rare.
MAX_PERIOD_HEADLINE_WORDS = 12
# A closing period, inside a closing quote too ("Trump: 'We are going to win so much.'").
_CLOSING_PERIOD = re.compile(r"\.[\"'”’]?$")


def _holds_a_perfect(line: str) -> bool:
    """ "have broken up", "has been freed": a perfect not after a modal, which headlines leave out."""
    words = re.findall(r"[\w'’]+", line.lower())
    return any(
        word in PERFECT_AUXILIARIES
        and is_past_participle(words[k + 1])
        and (k == 0 or words[k - 1] not in MODAL_VERBS)
        for k, word in enumerate(words[:-1])
    )


def _is_period_headline(line: str) -> bool:
    """A short sentence-case headline closed by a period ("Clinton stays well ahead of Sanders in latest
    poll."): archives close headlines with one. A lead sentence that short keeps its articles or tells
    what happened in the perfect ("Sarah Silverman and Michael Sheen have broken up.")."""
    return (
        3 <= _word_count(line) <= MAX_PERIOD_HEADLINE_WORDS
        and _CLOSING_PERIOD.search(line) is not None
        and _article_count(line) <= 1
        and not _has_inner_sentence_break(line)
        and not _AGENCY_LEAD.match(line)
        and not _holds_a_perfect(line)
    )


def _heads_a_dateline(line: str, following: str) -> bool:
    """A short single sentence right above the dateline that opens the body is its headline, even in
    sentence case with a final period (archives such as LexisNexis end every headline with one): no
    report puts a sentence before its own dateline."""
    words = _word_count(line)
    articles = _article_count(line)
    # A caption above the dateline ("Some of the girls are seen during a meeting in Abuja.") keeps
    # its articles; headlines drop them, and a Title Case headline may hold two sentences.
    return (
        3 <= words <= 30
        and len(line) <= 250
        and (_is_title_case(line) or (articles <= 1 and not _has_inner_sentence_break(line)))
        and not _AGENCY_LEAD.match(line)
        and _opens_body(following)
    )


def _heads_the_body(line: str, following: str) -> bool:
    return _looks_like_title(line) or _is_period_headline(line) or _heads_a_dateline(line, following)


# The second part of a two-part headline is a short line, one sentence at most.
MAX_DECK_WORDS = 30


_CHARACTER_ENTITY_AT_END = re.compile(r"&#?\w+;$")


def _left_open(line: str) -> bool:
    """The line ends in a semicolon, which ends no sentence (the semicolon of a character entity,
    "&amp;", "&QL;", ends no clause either)."""
    return line.endswith(";") and _CHARACTER_ENTITY_AT_END.search(line) is None


def _is_headline_second_part(line: str) -> bool:
    return (
        _word_count(line) <= MAX_DECK_WORDS
        and not _is_dateline(line)
        and not _opens_body(line)
        and not _has_inner_sentence_break(line)
    )


def _is_paragraph(line: str) -> bool:
    return _word_count(line) >= 15


def _tail_cut(lines: list[str]) -> tuple[int, str | None]:
    """Index of the first line of a page-ending block, and the marker found (None if no block)."""
    # One pass from the end: is there an article paragraph after line i? (not a scan per marker)
    last_article_paragraph = max(
        (i for i, line in enumerate(lines) if _is_article_paragraph(line)), default=-1
    )
    seen_paragraph = False
    for i, line in enumerate(lines):
        key = _key(line)
        if seen_paragraph:
            if key in PAGE_END_MARKERS:
                return i, key
            if key in RELATED_LIST_MARKERS and last_article_paragraph <= i:
                return i, key
        if _is_paragraph(line) and not _is_junk(line):
            seen_paragraph = True
    return len(lines), None


def _is_article_paragraph(line: str) -> bool:
    """Article text as opposed to a teaser: long and not truncated with "..."."""
    return _word_count(line) >= 30 and not line.endswith(("...", "…"))


# ---------------------------------------------------------------------------
# The cleaner
# ---------------------------------------------------------------------------


def repaired_text(raw_text: str) -> str:
    """The raw text as cleaning reads it: NUL bytes (no text; PostgreSQL cannot even store them) and
    byte-order marks dropped, and what scrapers garble undone by ftfy: UTF-8 read as Windows-1252
    ("GuantÃ¡namo", "donâ€™t") and HTML entities ("Savings &amp; Loan"), after the text is put in
    Unicode's composed form (NFC: "A" and a combining tilde are "Ã", which is how ftfy recognises
    "FranÃ§ois" that a decomposing step left as "FranA\u0303§ois"), and an opening single quote
    typed for an apostrophe inside a word ("Trump‘s", "don‘t", a smart-quote slip) made the apostrophe,
    which the tokenizer and every possessive rule know. Nothing else changes (quotes, character widths
    and line breaks stay as written), and each change keeps the text's length."""
    text = raw_text.replace("\ufeff", "").replace("\x00", "")
    text = ftfy.fix_text(unicodedata.normalize("NFC", text), config=_TEXT_FIXES)
    return _APOSTROPHE_TYPED_AS_QUOTE.sub("\u2019", text) if "\u2018" in text else text


def clean_article(raw_text: str, *, title: str | None = None) -> CleanedArticle:
    """Remove boilerplate, find the title, the outlet and the header lines.

    An HTML page (``html_input.looks_like_html``) is read first: its article text is cleaned as a
    text is, and what the page declares (headline, outlet, domain, author, publication date) is kept.
    ``title`` is the headline a caller knows (a scraper's metadata): it is the title, over the page's
    and over any line of the text.
    """
    headline = _one_line(repaired_text(title or ""))
    if looks_like_html(raw_text):
        cleaned = _clean_page(raw_text, headline)
    else:
        cleaned = _clean_text(raw_text)
        if headline:
            cleaned = _with_headline(cleaned, headline, declared_by_page=False)
    cleaned.authors = article_authors(cleaned)
    return cleaned


def _with_headline(cleaned: CleanedArticle, headline: str, *, declared_by_page: bool) -> CleanedArticle:
    """``cleaned`` with ``headline`` for its title, which the page or the caller declares. The text
    cleaner may have kept a sentence-like headline as the body's first paragraph: it leaves. It may
    have taken another line for the title: where the page's markup declares the headline, that line
    is the body's again (a one-word headline read as a kicker left a sentence as the title); a
    caller's headline is often the page's other headline (its title for search engines, not the one
    printed above the text), so the line the text gives is a header line, as a headline's deck is,
    unless it ends as a sentence does.
    The headline written otherwise (other capitals, the outlet's name) is the same headline."""
    if cleaned.title == headline:
        return cleaned
    paragraphs = cleaned.body.split("\n\n") if cleaned.body else []
    # A sentence that is all the text there is stays the body, though it says what the headline does.
    whole_body = len(paragraphs) == 1 and _SENTENCE_END.search(paragraphs[0]) is not None
    if paragraphs and not whole_body and _headline_line(paragraphs[0], headline):
        paragraphs.pop(0)
    header = list(cleaned.header_lines)
    if cleaned.title and not _same_headline(cleaned.title, headline):
        # A sentence the text cleaner took for a short headline ("Mark Carney won on Monday.") is the
        # lead, whoever declares the headline.
        if declared_by_page or _SENTENCE_END.search(cleaned.title):
            paragraphs.insert(0, cleaned.title)
        else:
            header.insert(0, cleaned.title)
    return replace(cleaned, title=headline, body="\n\n".join(paragraphs), header_lines=header)


# What an outlet adds to a headline in a page's title: "| Reuters", "- BBC News".
_MAX_HEADLINE_AFFIX_WORDS = 5
# A headline's first part, which archives give alone or with its second part after a semicolon.
_MIN_HEADLINE_PART_WORDS = 3


def _same_headline(line: str, headline: str) -> bool:
    """One headline written twice: the same words in any capitals, with a few words of the outlet's
    before or after it ("Carney wins" and "Carney wins - BBC News"), or with its second part."""
    a, b = _words_of(line), _words_of(headline)
    if not a or not b:
        return False
    shorter, longer = sorted((a, b), key=len)
    affix = len(longer) - len(shorter)
    if shorter == longer or (len(shorter) >= _MIN_HEADLINE_PART_WORDS and longer[: len(shorter)] == shorter):
        return True  # or the headline without its second part ("...; Some miffed supporters threaten ...")
    return len(shorter) >= 2 and affix <= _MAX_HEADLINE_AFFIX_WORDS and longer[affix:] == shorter


def _headline_line(paragraph: str, headline: str) -> bool:
    """The body's first paragraph is the headline again: its words, perhaps with the outlet's after them
    ("CARNEY WINS - CBC NEWS"), and no sentence's end. Not a lead that opens with a dateline and goes on
    as the headline does ("NEW YORK — Goldman Sachs ... expects ..."), nor one that adds its source
    ("..., the company said.")."""
    words, title_words = _words_of(paragraph), _words_of(headline)
    if words == title_words:
        return True
    return (
        len(title_words) >= 2
        and words[: len(title_words)] == title_words
        and len(words) - len(title_words) <= _MAX_HEADLINE_AFFIX_WORDS
        and not _SENTENCE_END.search(paragraph)
    )


def _words_of(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def _clean_page(raw_html: str, callers_headline: str = "") -> CleanedArticle:
    page = read_page(raw_html.replace("\ufeff", "").replace("\x00", ""))
    cleaned = _clean_text(page.text)
    # The caller's headline over the page's own.
    headline = callers_headline or _one_line(repaired_text(page.title))
    if headline:
        cleaned = _with_headline(cleaned, headline, declared_by_page=not callers_headline)
    return replace(
        cleaned,
        source_name=page.site_name or cleaned.source_name,
        source_domain=page.domain,
        author=page.author,
        declared_published=page.published,
        canonical_url=page.url,
    )


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _clean_text(raw_text: str) -> CleanedArticle:
    stripped = (line.strip() for line in repaired_text(raw_text).splitlines())
    lines = [line for line in stripped if line.replace("\u200b", "").strip()]

    removed: dict[float, str] = {}  # by position in ``lines``, so review reads in page order
    trailer: dict[int, str] = {}
    header: list[str] = []
    source_name: str | None = None

    def drop(i: int, line: str, *, dates: bool = True) -> None:
        removed[i] = line
        if dates and (DATE_STAMPED_ID.search(line) or _is_dateline(line)):
            trailer[i] = line

    # 1. A page-ending block goes with everything after it; ids in it are kept as trailer lines.
    cut, _ = _tail_cut(lines)
    for i in range(cut, len(lines)):
        drop(i, lines[i])

    # 2. Boilerplate anywhere, and button bars: short lines that come again as a block.
    kept: list[tuple[float, str]] = []
    bars = _repeated_short_blocks(lines[:cut])
    for n, line in enumerate(lines[:cut]):
        if (DATE_STAMPED_ID.search(line) and len(line) <= 60) or n in bars or _is_junk(line):
            drop(n, line)
        else:
            kept.append((n, line))

    # 4. The head: datelines, bylines, labels and the title, up to the first body line.
    title = ""
    deck = -1
    body_start = len(kept)
    for k, (_, line) in enumerate(kept):
        last = k + 1 == len(kept)
        if k == deck or _is_dateline(line) or _is_byline(line):
            header.append(line)
        elif _opens_body(line):
            body_start = k
            break
        elif not title and not last and _word_count(line) <= 2 and not _SENTENCE_END.search(line):
            header.append(line)  # a kicker or section label before the headline
        elif not title and not last and (_left_open(line) or _heads_the_body(line, kept[k + 1][1])):
            # A line left open by a semicolon is no sentence of the body: archive exports write a
            # two-part headline on two lines, the first closed by a semicolon ("Bernie Sanders raises
            # $33M;" / "Is within $4M of Clinton's haul."); a short second part is the headline's deck,
            # not the body's first paragraph.
            title = line.rstrip(" ;")
            if _left_open(line) and _is_headline_second_part(kept[k + 1][1]):
                deck = k + 1
        else:
            body_start = k
            break

    # 5. The body: no repeated title, no duplicated paragraph, no standfirst repeated in full below.
    paragraphs = kept[body_start:]
    body: list[str] = []
    body_at: list[float] = []  # each body line's position in ``lines``
    earlier = _KeptParagraphs()
    first_body_line = None
    for k, (i, line) in enumerate(paragraphs):
        if _is_repeat(line, title, earlier, [other for _, other in paragraphs[k + 1 : k + 8]]):
            drop(i, line, dates=False)
        elif _is_dateline(line) and not _is_paragraph(line):
            drop(i, line)
        else:
            first_body_line = i if first_body_line is None else first_body_line
            body.append(line)
            body_at.append(i)
            earlier.add(line)

    # 6. A syndication credit opening the first paragraph names the outlet and goes.
    credit = _SYNDICATION_CREDIT.match(body[0]) if body else None
    if credit and first_body_line is not None:
        source_name = (credit.group(2) or credit.group(1)).strip()
        removed[first_body_line - 0.5] = credit.group(0).strip()  # just before its paragraph
        body[0] = body[0][credit.end() :]
        if not body[0]:
            body.pop(0)
            body_at.pop(0)

    # 7. A line that only repeats an outlet the credit, byline or copyright line names is the page's
    # signature ("Live Mint" under a "(MENAFN- Live Mint)" article), not text.
    named = _outlets_named(body, header, [removed[i] for i in sorted(removed)])
    if credit:
        named |= {_outlet_key(name) for name in credit.groups() if name}
    for k in reversed(range(len(body))):
        if _outlet_key(body[k]) in named:
            drop(body_at.pop(k), body.pop(k), dates=False)

    # 8. A closing credit (wire copy's "(Reporting by ...; Editing by ...)") is no text of the article:
    # its own last lines, or the parenthesis that ends the last paragraph. The author reader reads it.
    while body and sign_off_credits(body[-1]):
        drop(body_at.pop(), body.pop(), dates=False)
    if body and (inline := _CLOSING_CREDIT.search(body[-1])) and sign_off_credits(inline.group(1)):
        removed[body_at[-1] + 0.5] = inline.group(1)
        body[-1] = body[-1][: inline.start()]

    removed_lines = [removed[i] for i in sorted(removed)]
    return CleanedArticle(
        title=title,
        body="\n\n".join(body),
        source_name=source_name or _outlet_from_clues(body, header, removed_lines),
        source_domain=None,
        removed_lines=removed_lines,
        header_lines=header,
        trailer_lines=[trailer[i] for i in sorted(trailer)],
    )


# A cut-short repeat keeps at least this much of its paragraph: shorter stems are too common.
_MIN_REPEAT_STEM = 40


class _KeptParagraphs:
    """The body's paragraphs so far, looked up by exact text or by a prefix in time independent of
    how many there are: paragraphs are bucketed by their first ``_MIN_REPEAT_STEM`` characters, and
    each bucket is kept sorted, so the paragraphs starting with a stem are found by bisection."""

    def __init__(self) -> None:
        self._lines: set[str] = set()
        self._by_head: dict[str, list[str]] = {}

    def add(self, line: str) -> None:
        self._lines.add(line)
        if len(line) >= _MIN_REPEAT_STEM:
            insort(self._by_head.setdefault(line[:_MIN_REPEAT_STEM], []), line)

    def __contains__(self, line: str) -> bool:
        return line in self._lines

    def any_starts_with(self, stem: str) -> bool:
        bucket = self._by_head.get(stem[:_MIN_REPEAT_STEM], [])
        position = bisect_left(bucket, stem)
        return position < len(bucket) and bucket[position].startswith(stem)


def _is_repeat(line: str, title: str, earlier: _KeptParagraphs, following: list[str]) -> bool:
    """The title again, a paragraph kept before (perhaps cut short), or a standfirst that a later
    paragraph repeats and continues."""
    if (title and line == title) or (line in earlier and len(line) >= 20):
        return True
    stem = line.rstrip(".… ")
    if len(stem) < _MIN_REPEAT_STEM:
        return False
    return earlier.any_starts_with(stem) or any(
        len(other) > len(line) and other.startswith(stem) for other in following
    )


def _outlet_clues(body: list[str], header: list[str], removed: list[str]):
    """Every outlet named by an agency credit, a byline or a copyright line, strongest clue first."""
    if body and (agency := _AGENCY_LEAD.match(body[0])):
        yield agency.group(1)
    for line in header:
        outlet = _BYLINE_OUTLET.match(line)
        if outlet is None or find_date_expressions(outlet.group(1)):
            outlet = _OUTLET_BEFORE_DATE.match(line)
        if outlet:
            yield outlet.group(1).strip()
    for line in removed:
        if outlet := _COPYRIGHT_OUTLET.match(line):
            yield outlet.group(1).strip()


def _outlet_from_clues(body: list[str], header: list[str], removed: list[str]) -> str | None:
    """The outlet named by an agency credit, a byline or a copyright line, else None."""
    return next(_outlet_clues(body, header, removed), None)


def _outlet_key(line: str) -> str:
    """A line as compared with an outlet's name: its bullet left out ("• The Associated Press.")."""
    return outlet_key(_key(line))


def _outlets_named(body: list[str], header: list[str], removed: list[str]) -> set[str]:
    return {_outlet_key(name) for name in _outlet_clues(body, header, removed)} - {""}


# A button bar's labels: a few words, no sentence. Two of them in a row that come again in the same
# order elsewhere on the page are a bar repeated (share buttons above and below the article); a
# single short line may repeat by chance (a subheading, a name), a sequence of two rarely does.
_BAR_LABEL_WORDS = 3
_BAR_LABEL_CHARS = 30


def _is_bar_label(line: str) -> bool:
    return (
        len(line) <= _BAR_LABEL_CHARS
        and _word_count(line) <= _BAR_LABEL_WORDS
        and not _SENTENCE_END.search(line)
    )


def _repeated_short_blocks(lines: list[str]) -> set[int]:
    """Positions of lines in a run of bar labels whose consecutive pairs come again elsewhere."""
    pairs: dict[tuple[str, str], list[int]] = {}
    for n in range(len(lines) - 1):
        if _is_bar_label(lines[n]) and _is_bar_label(lines[n + 1]):
            pairs.setdefault((_key(lines[n]), _key(lines[n + 1])), []).append(n)
    found: set[int] = set()
    for starts in pairs.values():
        # Overlapping occurrences ("A A A") are one run, not a repeat.
        if len(starts) >= 2 and starts[-1] - starts[0] >= 2:
            for n in starts:
                found.update((n, n + 1))
    return found
