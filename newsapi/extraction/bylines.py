"""An article's authors, as person names, from its byline or from what its HTML page declares.

A byline names its authors and often more: the outlet or agency ("By Jane Doe | Outlet", "By Jane
Doe, Reuters"), a title ("Staff Writer", "Special to The Post"), an address, an "Updated ..." stamp.
Only person names are kept: a part of the byline that is not one (an agency of
``lexicon.NEWS_AGENCIES``, the article's own outlet, a name ending like an outlet's, a title, a
single word) is left out, and a text without a byline has no authors. Nothing is guessed from the
article's words.
"""

from __future__ import annotations

import re

from newsapi.extraction.lexicon import (
    BYLINE_OPENERS,
    BYLINE_TITLE_NOUNS,
    FOLLOWED_ON,
    NAME_PARTICLES,
    NAME_SUFFIXES,
    NEWS_AGENCIES,
    OUTLET_NAME_ENDINGS,
    ROLE_MODIFIERS,
    ROLE_NOUNS,
    SIGN_OFF_AUTHOR_ROLES,
    SIGN_OFF_OTHER_ROLES,
    TITLE_CASE_SMALL_WORDS,
)
from newsapi.extraction.names import from_capitals
from newsapi.extraction.temporal import find_date_expressions
from newsapi.extraction.types import CleanedArticle

# The words a byline opens with, in any case ("By", "BY", "Written By", "BYLINE:"), and the spaces or
# colon after them. Cleaning's byline lines are built on it too, so the openers are listed once.
OPENER_PATTERN = r"(?i:" + "|".join(re.escape(opener) for opener in BYLINE_OPENERS) + r")(?=[\s:])[\s:]*"
_OPENER = re.compile("^" + OPENER_PATTERN)
# What follows the names: the outlet after a bar or a dash, a date stamp.
_OUTLET_SEPARATOR = re.compile(r"\s*(?:\||\s[-–—]\s).*$")
_STAMP = re.compile(r"\b(?:updated|published|posted|last updated|first published)\b.*$", re.IGNORECASE)
_ADDRESS = re.compile(r"\S+@\S+\.\w+|(?<!\w)@\w+")
_NAME_SEPARATOR = re.compile(r"\s*(?:[,;&/]|\band\b|\bAND\b)\s*")
_NAME_SUFFIXES = frozenset({*NAME_SUFFIXES, *(f"{suffix}." for suffix in NAME_SUFFIXES)})
_AGENCY_KEYS = frozenset(agency.casefold() for agency in NEWS_AGENCIES)
# "Jane Doe, Associated Press" with no "By": a byline only when it ends with an agency's name and what
# comes before is names and nothing else.
_AGENCY_CREDIT = re.compile(
    r"^(?P<names>[^|()]{4,80}?),\s*(?:[Tt]he\s+)?(?:"
    + "|".join(re.escape(agency) for agency in sorted(NEWS_AGENCIES, key=len, reverse=True))
    + r")\.?$"
)


def outlet_key(name: str) -> str:
    """An outlet's name as compared with another: "The Associated Press." = "associated press"."""
    key = " ".join(name.casefold().replace("’", "'").split())
    return re.sub(r"^the\s+", "", key).strip(" .:")


def opens_like_byline(line: str) -> bool:
    """A line that opens with a byline's words and a capital ("By Jane", "BY JANE", "Story by Jane"); a
    sentence's "by ..." in lower case is none."""
    return line[:1].isupper() and _OPENER.match(line) is not None


# A word of a name: letters, with dots, apostrophes and hyphens inside ("M.", "O'Brien", "Jean-Paul").
_NAME_WORD = re.compile(r"[^\W\d_][\w.'’-]*")


def _is_name_word(word: str) -> bool:
    # A headline's small words ("By The Numbers", "By Land And Sea") are in no name.
    return (
        _NAME_WORD.fullmatch(word) is not None
        and not any(ch.isdigit() or ch == "_" for ch in word)
        and word[0].isupper()
        and word.casefold() not in TITLE_CASE_SMALL_WORDS
    )


def person_name(part: str, written: str = "") -> str | None:
    """``part`` as a person's name ("Jane Doe", "Heidi M. Przybyla", "JANE DOE" -> "Jane Doe"), or None
    when it is not one: a single word, a title ("Staff Writer"), an outlet ("New York Times"). A name in
    capitals is spelled as the article's text ``written`` spells it ("JOHN MCCAIN" -> "John McCain" where
    it writes "McCain"), else capitalised word by word (``names.from_capitals``)."""
    words = part.strip(" .,;:").split()
    if not 2 <= len(words) <= 5:
        return None
    if not (_is_name_word(words[0]) and (_is_name_word(words[-1]) or words[-1].casefold() in _NAME_SUFFIXES)):
        return None
    if any(not _is_name_word(w) and w.casefold() not in NAME_PARTICLES | _NAME_SUFFIXES for w in words):
        return None
    bare = [w.casefold().strip(".") for w in words if w.casefold() not in _NAME_SUFFIXES]
    if bare[-1] in BYLINE_TITLE_NOUNS or bare[-1] in OUTLET_NAME_ENDINGS:
        return None
    if all(w in ROLE_NOUNS or w in ROLE_MODIFIERS for w in bare):
        return None
    if outlet_key(" ".join(words)) in _AGENCY_KEYS:
        return None
    if all(not ch.isalpha() or ch.isupper() for ch in "".join(words)):
        return from_capitals(" ".join(words), written)
    return " ".join(words)


def _names(text: str, outlets: frozenset[str], written: str = "") -> list[str]:
    text = _ADDRESS.sub(" ", text)
    text = _OUTLET_SEPARATOR.sub("", text)
    text = _STAMP.sub("", text)
    dates = find_date_expressions(text)
    if dates:
        text = text[: min(start for start, _, _ in dates)]
    found: list[str] = []
    for part in _NAME_SEPARATOR.split(text):
        part = part.strip(" .,;:")
        key = outlet_key(part)
        if not part or key in outlets or key in _AGENCY_KEYS or key.startswith(("special to ", "for ")):
            continue
        name = person_name(part, written)
        if name and name.casefold() not in {n.casefold() for n in found}:
            found.append(name)
    return found


def is_agency_credit_byline(line: str) -> bool:
    """A line that names its authors and then an agency, "Jane Doe, Associated Press", with no "By":
    every part before the agency is a person's name."""
    match = _AGENCY_CREDIT.match(line.strip())
    if match is None:
        return False
    parts = [p.strip(" .") for p in _NAME_SEPARATOR.split(match.group("names")) if p.strip(" .")]
    return bool(parts) and all(person_name(p) for p in parts)


# One part of a closing credit: "Reporting by Jane Doe and John Roe in Valletta", "Editing by Ann Poe".
_SIGN_OFF_ROLES = sorted({*SIGN_OFF_AUTHOR_ROLES, *SIGN_OFF_OTHER_ROLES}, key=len, reverse=True)
_SIGN_OFF_PART = re.compile(
    r"(?i:(?P<role>" + "|".join(re.escape(role) for role in _SIGN_OFF_ROLES) + r"))\s+(?i:by)\s+(?P<names>.+)"
)
# The parts are set apart by semicolons, or by a full stop before the next role ("... in Florida.
# Editing by ...").
_SIGN_OFF_SEPARATOR = re.compile(r"\s*;\s*|(?<=[a-z])\.\s+(?=[A-Z])")
# Where a credited person reported from ("Jane Doe in Valletta", "John Roe in WASHINGTON").
_REPORTED_FROM = re.compile(r"\s+in\s+[A-Z][^,;]*$")
_PLACE_IN_CAPITALS = re.compile(r"(?<=[a-z])\s+([A-Z]{2,}(?:\s+[A-Z]{2,})*)$")


# The newspaper's form of a credit for additional reporting: "Jane Doe and John Roe contributed reporting
# from Valletta.", "The Associated Press contributed to this report."
_CONTRIBUTED = re.compile(
    r"(?P<names>[A-Z][^.;:!?]{1,150}?)\s+contributed\s+(?:reporting|research"
    r"|to\s+(?:this|the)\s+(?:report|story|article))(?:\s+from\s+[A-Z][^;:!?]*)?"
)
_MAX_CONTRIBUTOR_WORDS = 6

# A sign-off asking readers to follow the people who wrote the piece on a platform ("Follow Jane Doe on
# Twitter @janedoe.", "Follow Jane Doe and John Roe on X: https://x.com/janedoe"), whatever its handle
# or contact line after. Its role, among the closing credits' roles: the people it names wrote it.
FOLLOW_ROLE = "follow"
_FOLLOW_CREDIT = re.compile(
    r"(?i:follow)\s+(?P<names>[^@#:;]+?)\s+(?i:on)\s+(?i:"
    + "|".join(re.escape(platform) for platform in sorted(FOLLOWED_ON, key=len, reverse=True))
    + r")\b[^\n]{0,150}"
)


def _credited_name(text: str) -> bool:
    """Words that can name a person or an outlet: capitalised but for name particles, two at least."""
    words = text.split()
    return 2 <= len(words) <= _MAX_CONTRIBUTOR_WORDS and all(
        w[:1].isupper() or w.lower() in NAME_PARTICLES or w.lower() == "of" for w in words
    )


def _contributors(text: str, written: str) -> list[str] | None:
    """The people or organisations of a "... contributed reporting" credit, or None for any other text."""
    match = _CONTRIBUTED.fullmatch(text)
    if match is None:
        return None
    parts = [p.strip(" .") for p in _NAME_SEPARATOR.split(match.group("names")) if p.strip(" .")]
    if not parts or not all(_credited_name(p) for p in parts):
        return None
    return [person_name(p, written) or p for p in parts]


def sign_off_credits(line: str, written: str = "") -> list[tuple[str, list[str]]] | None:
    """The roles and people of a closing credit ("(Reporting by Jane Doe in Valletta; Editing by Ann
    Poe.)" -> [("reporting", ["Jane Doe"]), ("editing", ["Ann Poe"])]), or None when ``line`` is not
    one: every part must credit a role to person names."""
    text = line.strip().lstrip("-–— ").strip()
    if text.startswith("(") and text.rstrip(".").endswith(")"):
        text = text.rstrip(".")[1:-1]
    text = text.strip().rstrip(".")
    if (contributors := _contributors(text, written)) is not None:
        return [("additional reporting", contributors)]
    if follow := _FOLLOW_CREDIT.fullmatch(text):
        names = [person_name(p.strip(" ."), written) for p in _NAME_SEPARATOR.split(follow.group("names"))]
        return [(FOLLOW_ROLE, names)] if names and None not in names else None
    credits: list[tuple[str, list[str]]] = []
    for part in _SIGN_OFF_SEPARATOR.split(text):
        match = _SIGN_OFF_PART.fullmatch(part.strip())
        if match is None:
            return None
        names: list[str | None] = []
        after_place = False
        for person in filter(None, (p.strip(" .") for p in _NAME_SEPARATOR.split(match.group("names")))):
            if after_place and len(person.split()) == 1:
                after_place = False  # the state or country of the place before: "in Orlando, Florida"
                continue
            after_place = _REPORTED_FROM.search(person) is not None
            person = _REPORTED_FROM.sub("", person)
            if (place := _PLACE_IN_CAPITALS.search(person)) and place.group(
                1
            ).casefold() not in _NAME_SUFFIXES:
                person = person[: place.start()]  # "Soyoung Kim SEOUL": the place, its "in" lost
            names.append(person_name(person, written))
        if not names or None in names:
            return None
        credits.append((" ".join(match.group("role").casefold().split()), names))
    return credits or None


def sign_off_authors(line: str, written: str = "") -> list[str]:
    """The people a closing credit names as reporting or writing the article; [] for any other line.
    Those credited with additional reporting are contributors, not its authors (the byline names those)."""
    credits = sign_off_credits(line, written) or []
    return list(
        dict.fromkeys(
            name
            for role, names in credits
            if role in SIGN_OFF_AUTHOR_ROLES or role == FOLLOW_ROLE
            for name in names
        )
    )


def byline_authors(line: str, *, outlet: str | None = None, written: str = "") -> list[str]:
    """The person names of one byline line ("By Jane Doe and John Roe | Outlet", "BYLINE: Amber
    Phillips.", "Jane Doe, Associated Press"), the outlet, agencies and titles left out; [] for a line
    that is no byline. Names in capitals are spelled as the article's text ``written`` spells them."""
    line = line.strip()
    outlets = frozenset({outlet_key(outlet)} if outlet else ())
    opener = _OPENER.match(line)
    if opener:
        return _names(line[opener.end() :], outlets, written)
    if is_agency_credit_byline(line):
        return _names(line, outlets, written)
    return []


def declared_authors(declared: str, *, outlet: str | None = None, written: str = "") -> list[str]:
    """The person names an HTML page declares as its author(s) (trafilatura joins several with "; ")."""
    declared = declared.strip()
    opener = _OPENER.match(declared)
    outlets = frozenset({outlet_key(outlet)} if outlet else ())
    return _names(declared[opener.end() :] if opener else declared, outlets, written)


def article_authors(cleaned: CleanedArticle) -> list[str]:
    """The article's authors: those its HTML page declares, else those of its byline lines (the lines
    above the body that cleaning set aside), else those a closing credit names as reporting or writing
    it, else none."""
    if cleaned.author:
        declared = declared_authors(cleaned.author, outlet=cleaned.source_name, written=cleaned.body)
        if declared:
            return declared
    found: list[str] = []
    for line in cleaned.header_lines:
        for name in byline_authors(line, outlet=cleaned.source_name, written=cleaned.body):
            if name.casefold() not in {n.casefold() for n in found}:
                found.append(name)
    if not found:
        # Wire copy names its reporters in a closing credit instead, which cleaning took off the body.
        for line in cleaned.removed_lines:
            found.extend(
                n
                for n in sign_off_authors(line, cleaned.body)
                if n.casefold() not in {f.casefold() for f in found}
            )
    return found
