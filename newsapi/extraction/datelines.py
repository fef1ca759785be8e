"""Wire datelines: the place, and often the date and the agency, that open a report's first line.

"KESTRELPORT, Norway, March 12, 2025 (Nordic Wire) —", "NEW YORK, Nov. 19 (UPI) —", "DALLAS (AP) —",
"New York (AFP) –", "BEIJING --", "MELBOURNE, Fla. — ". The steps that read them take them from here:
the cleaner (a line that opens with a dateline is body text, never a headline) and the publication
date (the date a dateline gives) match ``match_dateline``; the main event (the place a dateline names)
matches ``DATELINE_REST`` after a place name.

``DATELINE_REST`` is looser than ``DATELINE``: any capitalised name followed within 60 characters by
a dash passes ("failed U.S. leadership in the world - an indictment"). The main event reading its
datelines with ``match_dateline`` instead drops those false datelines (6 articles of the tune
material, all of them false), but it cost the 5w1h-dev check part one place (where 0.607 -> 0.571,
2026-11-30), so the main event keeps the looser form until a change measures better
(BENCHMARKS.md, "Main events").
"""

from __future__ import annotations

import re

from newsapi.extraction.lexicon import geo_place_keys
from newsapi.extraction.names import name_key

# Dash punctuation, Unicode category Pd (written out: computing it costs 0.4 s at import; a test
# holds it equal to ``unicodedata``'s): the hyphen-minus, en and em dashes, U+2015 HORIZONTAL BAR
# ("WASHINGTON \u2015 ", HuffPost's datelines) and the rest; every dash ends a dateline alike.
DASHES = (
    "-\u058a\u05be\u1400\u1806\u2010\u2011\u2012\u2013\u2014\u2015"
    "\u2e17\u2e1a\u2e3a\u2e3b\u2e40\u2e5d\u301c\u3030\u30a0\ufe31\ufe32\ufe58\ufe63\uff0d\U00010ead"
)
# The hyphens among them, which may stand inside a place's name ("WINSTON-SALEM").
_HYPHENS = "-\u2010\u2011"
DASH_CLASS = "[" + re.escape(DASHES) + "]"
# The dashes that are not hyphens, escaped for a character class: they never stand inside a name.
LONG_DASHES = re.escape("".join(ch for ch in DASHES if ch not in _HYPHENS))
LONG_DASH_CLASS = f"[{LONG_DASHES}]"
_HYPHEN_CLASS = "[" + re.escape(_HYPHENS) + "]"

# Older wire copy (AP and the New York Times news service of the 1990s, sent as plain ASCII) writes
# the dash as an underscore: "MOSCOW (AP)_ ", "WASHINGTON _ ". Not a dash anywhere else.
_WIRE_UNDERSCORE = "_"
# The place (with a region, a date: anything but brackets and dashes), an agency in brackets, a dash
# (or two hyphens, or the wire underscore) or a colon, and a space.
DATELINE = re.compile(
    rf"\s*(?P<place>[A-Z][^\n(){LONG_DASHES}_]{{0,90}}?)\s*(?P<agency>\([A-Z][^()\n]{{0,40}}\))?\s*"
    rf"(?P<dash>{_HYPHEN_CLASS}{{2}}|{DASH_CLASS}|{_WIRE_UNDERSCORE}|:)\s"
)
# What follows a place that opens a dateline: the rest of the place, a date, an agency, then a dash.
DATELINE_REST = re.compile(
    rf"[^\n]{{0,60}}?(?:\s{_HYPHEN_CLASS}{_HYPHEN_CLASS}?\s|\s?{LONG_DASH_CLASS}\s?|\s{_WIRE_UNDERSCORE}\s"
    rf"|\([A-Z][^)]{{1,40}}\)\s*(?:{DASH_CLASS}|{_WIRE_UNDERSCORE}))"
)
# A place written in capitals up to its first comma: "NEW YORK, Nov. 19", "BEIJING".
_CAPITAL_PLACE = re.compile(r"[A-Z][A-Z.'\u2019 -]{2,}(?:,|$)")


def match_dateline(text: str, pos: int = 0, *, colon: bool = True) -> re.Match[str] | None:
    """The dateline that starts at ``pos`` of ``text``, or None.

    A dateline's place is written in capitals, or an agency in brackets follows it: "Washington -
    the Senate voted" opens an ordinary sentence. ``colon=False`` where the line may be a headline:
    "NEW DELHI: The government ..." is a dateline in a body, but "BREAKING: ..." or "WATCH: ..."
    before the body is a headline's kicker.
    """
    match = DATELINE.match(text, pos)
    if match is None or not (match.group("agency") or _CAPITAL_PLACE.match(match.group("place"))):
        return None
    if not colon and match.group("dash") == ":":
        return None
    return match


DATELINE_WINDOW = 2000  # characters of the body where a dateline may stand
MAX_DATELINE_CITY_WORDS = 4


def dateline_city(text: str, *, window: int = DATELINE_WINDOW) -> tuple[int, int, int] | None:
    """The city of a wire dateline that opens a line within the first ``window`` characters of ``text``
    ("CLEVELAND —", "DES MOINES, Iowa, Aug. 10 (UPI) —", "ST. LOUIS —"): its start and end as written,
    and where the dateline's place ends. A place in capitals with nothing after it counts only when
    GeoNames knows it ("BREAKING NEWS —" is no dateline)."""
    pos = 0
    while pos < min(len(text), window):
        match = match_dateline(text, pos, colon=False)
        if match is not None:
            place = match.group("place")
            city = place.split(",")[0].strip()
            words = city.split()
            if (
                city
                and len(words) <= MAX_DATELINE_CITY_WORDS
                and not any(ch.isdigit() for ch in city)
                and ("," in place or match.group("agency") or name_key(city) in geo_place_keys())
            ):
                start = match.start("place") + place.find(city)
                return start, start + len(city), match.end("place")
        newline = text.find("\n", pos)
        if newline < 0:
            break
        pos = newline + 1
    return None
