"""Finding and resolving date expressions."""

from datetime import date
from pathlib import Path

import pytest

from newsapi.extraction.temporal import (
    ResolvedDate,
    find_date_expressions,
    find_timexes,
    resolve_date_expression,
    year_for_weekday_date,
)
from newsapi.extraction.types import DAY, MONTH, YEAR

SEEDS_DIR = Path(__file__).resolve().parents[2] / "seeds"
WEDNESDAY = date(2025, 5, 28)


def resolved(text, anchor=WEDNESDAY, **kwargs):
    result = resolve_date_expression(text, anchor, **kwargs)
    return None if result is None else (result.value, result.precision)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("June 2", date(2025, 6, 2)),
        ("2 June", date(2025, 6, 2)),
        ("June 2, 2025", date(2025, 6, 2)),
        ("2nd of June 2025", date(2025, 6, 2)),
        ("May 28th", date(2025, 5, 28)),
        ("Jan. 5", date(2025, 1, 5)),
        ("2025-05-28", date(2025, 5, 28)),
        ("2025-05-28T12:17:00Z", date(2025, 5, 28)),
        ("28/05/2025", date(2025, 5, 28)),
        ("28.05.2025", date(2025, 5, 28)),
        ("yesterday", date(2025, 5, 27)),
        ("today", date(2025, 5, 28)),
        ("tomorrow", date(2025, 5, 29)),
        ("three days ago", date(2025, 5, 25)),
        ("overnight", date(2025, 5, 28)),
        ("last night", date(2025, 5, 27)),
        ("this morning", date(2025, 5, 28)),
        ("Tuesday overnight", date(2025, 5, 27)),
    ],
)
def test_day_precise_expressions_resolve_to_their_day(text, expected):
    """Each day-precise form resolves to its day."""
    assert resolved(text) == (expected, DAY)


def test_a_date_without_a_year_takes_the_year_nearest_the_anchor():
    """A January article mentioning "December 20" means last December."""
    assert resolved("December 20", date(2025, 1, 10)) == (date(2024, 12, 20), DAY)
    assert resolved("January 3", date(2024, 12, 28)) == (date(2025, 1, 3), DAY)
    assert resolved("May 16", WEDNESDAY) == (date(2025, 5, 16), DAY)


def test_the_tense_keeps_a_date_without_a_year_on_its_side_of_the_anchor():
    """An upcoming "December 20" in a January article is this December."""
    assert resolved("December 20", date(2025, 1, 10), future=True) == (date(2025, 12, 20), DAY)
    assert resolved("February 1", date(2025, 1, 10), future=False) == (date(2024, 2, 1), DAY)


def test_a_weekday_with_a_day_and_month_fixes_the_year_without_an_anchor():
    """June 2 was a Monday in 2025 (and 2014, 2031): the one nearest today wins."""
    result = resolve_date_expression("Monday, June 2", None, today=date(2026, 11, 22))
    assert result == ResolvedDate(date(2025, 6, 2), DAY, "Monday, June 2")
    assert resolved("Monday, June 2", None, today=date(2015, 1, 1)) == (date(2014, 6, 2), DAY)


def test_a_weekday_with_a_day_and_month_picks_the_matching_year_near_the_anchor():
    """A January 2026 article's "Monday, June 2" is the one seven months back, not a Tuesday."""
    assert resolved("Monday, June 2", date(2026, 1, 5)) == (date(2025, 6, 2), DAY)


def test_a_date_without_a_year_and_without_an_anchor_is_not_resolved():
    """No year, no weekday, no anchor: nothing honest to say."""
    assert resolve_date_expression("June 2", None) is None
    assert resolve_date_expression("Wednesday", None) is None
    assert resolve_date_expression("yesterday", None) is None


def test_a_bare_weekday_is_the_most_recent_one_on_or_before_the_anchor():
    """News tells past events: "on Wednesday" in a Wednesday article is that day."""
    assert resolved("on Wednesday") == (date(2025, 5, 28), DAY)
    assert resolved("Wednesday") == (date(2025, 5, 28), DAY)
    assert resolved("Monday") == (date(2025, 5, 26), DAY)
    assert resolved("Thursday") == (date(2025, 5, 22), DAY)
    assert resolved("late Wednesday night") == (date(2025, 5, 28), DAY)


def test_a_weekday_in_the_future_tense_resolves_forward():
    """ "will meet on Monday" and "next Monday" look ahead."""
    assert resolved("Monday", future=True) == (date(2025, 6, 2), DAY)
    assert resolved("next Monday") == (date(2025, 6, 2), DAY)
    assert resolved("will meet on Monday") == (date(2025, 6, 2), DAY)
    assert resolved("next Wednesday") == (date(2025, 6, 4), DAY)
    assert resolved("last Wednesday") == (date(2025, 5, 21), DAY)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("May 2025", (date(2025, 5, 1), MONTH)),
        ("March 2022", (date(2022, 3, 1), MONTH)),
        ("mid-May", (date(2025, 5, 1), MONTH)),
        ("early June", (date(2025, 6, 1), MONTH)),
        ("earlier this month", (date(2025, 5, 1), MONTH)),
        ("last month", (date(2025, 4, 1), MONTH)),
        ("next month", (date(2025, 6, 1), MONTH)),
        ("2025", (date(2025, 1, 1), YEAR)),
        ("last year", (date(2024, 1, 1), YEAR)),
        ("this year", (date(2025, 1, 1), YEAR)),
    ],
)
def test_months_and_years_keep_their_coarse_precision(text, expected):
    """A month or year is not passed off as a day."""
    assert resolved(text) == expected


@pytest.mark.parametrize(
    "text", ["last week", "this week", "next week", "this weekend", "two weeks ago", "soon"]
)
def test_vague_expressions_resolve_to_none(text):
    """A week is too vague to name a day."""
    assert resolve_date_expression(text, WEDNESDAY) is None


def test_impossible_dates_resolve_to_none():
    """February 30 does not exist."""
    assert resolve_date_expression("February 30, 2025", WEDNESDAY) is None
    assert resolve_date_expression("31/02/2025", WEDNESDAY) is None


def test_month_first_numeric_dates_are_read_when_the_day_cannot_be_a_month():
    """05/28/2025 can only be May 28; 03/04/2025 is read day first."""
    assert resolved("05/28/2025") == (date(2025, 5, 28), DAY)
    assert resolved("03/04/2025") == (date(2025, 4, 3), DAY)


def values(text, reference=None):
    return [(t.text, t.value) for t in find_timexes(text, reference)]


def test_a_slashed_date_that_reads_both_ways_follows_the_texts_other_slashed_dates():
    """A text that writes 07/15/2016 writes its dates month first, so its 07/04/2016 is 4 July."""
    assert values("Posted 07/15/2016. Updated 07/04/2016.") == [
        ("07/15/2016", "2016-07-15"),
        ("07/04/2016", "2016-07-04"),
    ]
    assert values("Posted 15/07/2016. Updated 07/04/2016.")[1] == ("07/04/2016", "2016-04-07")


def test_a_slashed_date_that_reads_both_ways_takes_the_reading_nearer_the_texts_date():
    """China Daily's "10/03/2017" in an article of 3 October 2017 is that day, not 10 March."""
    assert values("(China Daily 10/03/2017 page4)", date(2017, 10, 3))[-1] == ("10/03/2017", "2017-10-03")
    assert values("(Daily Mail 10/03/2017)", date(2017, 3, 12))[-1] == ("10/03/2017", "2017-03-10")


def test_a_slashed_date_that_reads_both_ways_with_nothing_to_settle_it_has_no_value():
    """Without the text's date or another slashed date, 10/03/2017 is left open rather than guessed;
    a dotted date is written day first, and a date whose two readings agree needs nothing."""
    assert values("Printed 10/03/2017") == [("10/03/2017", None)]
    assert values("Printed 10.03.2017") == [("10.03.2017", "2017-03-10")]
    assert values("Printed 05/05/2017") == [("05/05/2017", "2017-05-05")]


def test_a_dateline_with_time_and_zone_resolves():
    """Scraper datelines carry a weekday, a time and a zone."""
    assert resolved("Tuesday, 02 January 2024 12:17 GMT", None) == (date(2024, 1, 2), DAY)


def test_year_for_weekday_date_prefers_the_past_on_a_tie():
    """Ties between a year back and a year ahead go to the past."""
    assert year_for_weekday_date(6, 2, 0, date(2025, 6, 2)) == 2025
    assert year_for_weekday_date(5, 28, 2, date(2028, 5, 28)) == 2025
    assert year_for_weekday_date(2, 30, 0, date(2025, 1, 1)) is None


def spans(text):
    return [found for _, _, found in find_date_expressions(text)]


def test_find_date_expressions_gives_offsets_into_the_text():
    """Each span slices the text back to the expression."""
    text = "Talks were held on May 16 and will resume on Monday, June 2 in Istanbul."
    found = find_date_expressions(text)
    assert [t for _, _, t in found] == ["May 16", "Monday, June 2"]
    for start, end, expression in found:
        assert text[start:end] == expression


def test_find_date_expressions_keeps_meaningful_modifiers_and_drops_prepositions():
    """ "on" is left out, "next" and "earlier this" are kept."""
    assert spans("He spoke on Wednesday and will return next Monday.") == ["Wednesday", "next Monday"]
    assert spans("The talks earlier this month failed; yesterday they met.") == [
        "earlier this month",
        "yesterday",
    ]


def test_find_date_expressions_finds_parts_of_the_day_relative_to_the_report():
    """ "overnight", "last night" and "this morning" are dates; "night" and "morning" alone are not."""
    assert spans("Drones struck overnight; last night was loud, and this morning calm.") == [
        "overnight",
        "last night",
        "this morning",
    ]
    assert spans("The night was long and the morning grey.") == []


def test_parts_of_the_day_need_an_anchor():
    """Without the day the text speaks from, "overnight" cannot be placed."""
    assert resolve_date_expression("overnight", None) is None
    assert resolve_date_expression("last night", None) is None


def test_find_date_expressions_ignores_lowercase_words_that_look_like_names():
    """ "may", "march", "sun" and "wed" are words, not dates."""
    assert spans("They may 16 times march on; the sun rose.") == []


def test_find_date_expressions_finds_a_bare_year():
    """ "in 2014" and "Since 2022" are dates."""
    assert spans("Russia annexed Crimea in 2014 and sent troops.") == ["2014"]
    assert spans("Since 2022 the war has gone on.") == ["2022"]


def test_find_date_expressions_prefers_the_longest_form():
    """A full date is one span, not a month-day plus a year."""
    assert spans("It began on February 24, 2022 at dawn.") == ["February 24, 2022"]
    assert spans("Published 2025-05-28 and 28/05/2025.") == ["2025-05-28", "28/05/2025"]
    assert spans("the first contact since March 2022, in mid-May") == ["March 2022", "mid-May"]


def test_find_date_expressions_ignores_syndication_ids_and_counts():
    """Digits glued into ids and thousands are not dates."""
    assert spans("MENAFN28052025007365015876ID1109607919") == []
    assert spans("a swap of 1,000 prisoners") == []


def test_find_date_expressions_on_the_seed_articles():
    """The date expressions of seeds 002 and 004, in order."""
    seed_002 = (SEEDS_DIR / "002_a248d9b519b4f4fa.txt").read_text(encoding="utf-8")
    assert spans(seed_002) == ["Monday, June 2", "May 16", "May 16", "earlier this month", "2014", "May 16"]
    seed_004 = (SEEDS_DIR / "004_9413b3b6175d98c1.txt").read_text(encoding="utf-8")
    assert spans(seed_004) == ["Wednesday", "June 2", "May 16", "Monday, June 2", "yesterday", "June 2"]
