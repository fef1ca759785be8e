"""Wire datelines, as the cleaner, the publication date and the main event read them."""

import sys
import unicodedata

import pytest

from newsapi.extraction.datelines import DASHES, DATELINE_REST, match_dateline


@pytest.mark.parametrize(
    ("line", "place", "agency"),
    [
        ("KESTRELPORT, Norway, March 12, 2025 (Nordic Wire) — The port reopened.", "KESTRELPORT, Norway, March 12, 2025", "(Nordic Wire)"),
        ("NEW YORK, Nov. 19 (UPI) — Stocks fell.", "NEW YORK, Nov. 19", "(UPI)"),
        ("DALLAS (AP) — A storm hit.", "DALLAS", "(AP)"),
        ("New York (AFP) – Shares rose.", "New York", "(AFP)"),
        ("BEIJING -- Talks resumed.", "BEIJING", None),
        ("MELBOURNE, Fla. — A rocket launched.", "MELBOURNE, Fla.", None),
        ("NEW DELHI: The government said on Monday.", "NEW DELHI", None),
    ],
)  # fmt: skip
def test_a_dateline_gives_its_place_and_agency(line, place, agency):
    match = match_dateline(line)
    assert match is not None
    assert match.group("place") == place
    assert match.group("agency") == agency


@pytest.mark.parametrize(
    "line",
    [
        "Washington - the Senate voted on Tuesday.",  # neither capitals nor an agency
        "The port reopened on Monday - after a week.",
        "U.S. leadership in the world - an indictment",  # capitals, but not up to a comma
    ],
)
def test_a_sentence_with_a_dash_is_not_a_dateline(line):
    assert match_dateline(line) is None


def test_a_kicker_with_a_colon_is_a_dateline_only_where_the_line_cannot_be_a_headline():
    assert match_dateline("BREAKING: Ceasefire agreed in Geneva") is not None
    assert match_dateline("BREAKING: Ceasefire agreed in Geneva", colon=False) is None
    assert match_dateline("GENEVA (Reuters) - Ceasefire agreed", colon=False) is not None


def test_the_rest_of_a_dateline_after_its_place():
    text = "LONDON, March 12 (Reuters) — Talks resumed."
    assert DATELINE_REST.match(text, len("LONDON")) is not None
    assert DATELINE_REST.match("LONDON talks resumed on Monday.", len("LONDON")) is None


@pytest.mark.parametrize("dash", ["\u2015", "\u2014", "\u2013", "-", "--", "\u2012"])
def test_every_dash_ends_a_dateline(dash):
    """HuffPost writes "WASHINGTON \u2015 " (U+2015 HORIZONTAL BAR): any dash punctuation ends a dateline."""
    line = f"WASHINGTON {dash} The Senate voted on Tuesday."
    match = match_dateline(line)
    assert match is not None
    assert match.group("place") == "WASHINGTON"
    assert DATELINE_REST.match(line, len("WASHINGTON")) is not None
    agency = f"DALLAS (AP){dash} A storm hit."
    assert DATELINE_REST.match(agency, len("DALLAS")) is not None


@pytest.mark.parametrize(
    ("line", "place", "agency"),
    [
        ("MOSCOW (AP)_ Russia's parliament approved the budget.", "MOSCOW", "(AP)"),
        ("MANILA, Philippines (AP) _ The president condemned the bombings.", "MANILA, Philippines", "(AP)"),
        ("WASHINGTON _ The Senate voted on Tuesday.", "WASHINGTON", None),
    ],
)
def test_older_wire_copy_writes_the_dash_as_an_underscore(line, place, agency):
    """AP and the NYT news service of the 1990s sent "MOSCOW (AP)_ " and "WASHINGTON _ " (plain ASCII)."""
    match = match_dateline(line)
    assert match is not None
    assert (match.group("place"), match.group("agency")) == (place, agency)
    assert DATELINE_REST.match(line, len(place.split(",")[0])) is not None


@pytest.mark.parametrize(
    "line", ["SNAKE_CASE names a style.", "NASA said x_y was fine.", "BBC_NEWS reported it."]
)
def test_an_underscore_inside_words_ends_no_dateline(line):
    assert match_dateline(line) is None
    assert DATELINE_REST.match(line, 4) is None


def test_a_hyphen_stays_inside_a_dateline_place():
    match = match_dateline("WINSTON-SALEM, N.C. \u2015 A storm hit.")
    assert match is not None
    assert match.group("place") == "WINSTON-SALEM, N.C."


def test_the_dashes_are_unicode_dash_punctuation():
    pd = "".join(ch for ch in map(chr, range(sys.maxunicode + 1)) if unicodedata.category(ch) == "Pd")
    assert pd == DASHES
    assert "\u2015" in DASHES
