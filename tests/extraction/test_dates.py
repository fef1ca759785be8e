"""Publication dates: every clue weighed, contradictions reported."""

from datetime import date
from pathlib import Path

import pytest

from newsapi.extraction.cleaning import clean_article
from newsapi.extraction.dates import find_publication_date, syndication_date
from newsapi.extraction.types import CleanedArticle

SEEDS_DIR = Path(__file__).resolve().parents[2] / "seeds"
TRUTH = date(2025, 5, 28)  # a Wednesday: all five seeds were published that day
# The seeds were collected days after they appeared: a text that gives no year takes this one's.
COLLECTED = date(2025, 6, 1)


def seed(prefix: str) -> CleanedArticle:
    (path,) = SEEDS_DIR.glob(f"{prefix}_*.txt")
    return clean_article(path.read_text(encoding="utf-8"))


def article(
    body: str, *, header: list[str] | None = None, trailer: list[str] | None = None
) -> CleanedArticle:
    return CleanedArticle(title="", body=body, header_lines=header or [], trailer_lines=trailer or [])


# --- syndication ids ------------------------------------------------------------------------------


def test_a_menafn_id_encodes_the_day_month_and_year():
    """DDMMYYYY right after "MENAFN"."""
    assert syndication_date("MENAFN28052025007365015876ID1109607919") == date(2025, 5, 28)
    assert syndication_date("see MENAFN01122024000123ID1 below") == date(2024, 12, 1)


def test_an_impossible_or_missing_id_gives_no_date():
    """Day 31 of February, or no id at all."""
    assert syndication_date("MENAFN31022025007365015876ID1109607919") is None
    assert syndication_date("no id here") is None


# --- the seeds ------------------------------------------------------------------------------------


def test_seed_000_syndication_id_beats_the_wrong_dateline():
    """The header says 2 January 2024; the MENAFN id says 28 May 2025 and wins."""
    published = find_publication_date(seed("000"))
    assert published.value == TRUTH
    assert published.confidence >= 0.6
    assert "syndication id" in published.evidence
    assert "MENAFN28052025007365015876ID1109607919" in published.evidence
    assert len(published.conflicts) == 1
    assert "2024-01-02" in published.conflicts[0]
    assert "2025-05-28" in published.conflicts[0]
    kinds = {clue.kind for clue in published.clues}
    assert {"syndication_id", "dateline"} <= kinds


def test_seed_004_places_the_reported_wednesday_before_monday_june_2():
    """ "Monday, June 2" fixes 2025; "announced on Wednesday" is the Wednesday before it, after May 16."""
    published = find_publication_date(seed("004"))
    assert published.value == TRUTH
    assert 0.2 <= published.confidence <= 0.45
    assert "Wednesday" in published.evidence
    assert "Monday, June 2" in published.evidence
    assert "May 16" in published.evidence
    assert published.conflicts == []


@pytest.mark.parametrize("prefix", ["001", "003"])
def test_seeds_without_any_year_are_dated_between_may_19_and_june_2_with_low_confidence(prefix):
    """ "Wednesday" after the past May 19 call and before the upcoming June 2 talks; the year is assumed."""
    published = find_publication_date(seed(prefix), today=COLLECTED)
    assert published.value == TRUTH
    assert published.confidence <= 0.3
    assert "May 19" in published.evidence
    assert "June 2" in published.evidence
    assert "assumption" in published.evidence


def test_a_text_without_a_year_processed_long_after_gets_no_date():
    """Months after the events, this year is no safe guess: no date, and the evidence says why."""
    published = find_publication_date(seed("003"), today=date(2026, 11, 22))
    assert published.value is None
    assert published.confidence == 0.0
    assert published.evidence.startswith("The text gives no year.")
    assert "2026-05-27" in published.evidence  # the Wednesday before Tuesday, June 2, 2026


def test_seed_002_without_a_reported_day_gets_the_middle_of_its_window():
    """After May 16, "in the coming days" before Monday June 2, "earlier this month": 26-31 May."""
    published = find_publication_date(seed("002"))
    assert published.value == TRUTH
    assert published.confidence <= 0.2
    assert "in the coming days" in published.evidence
    assert "earlier this month" in published.evidence


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_a_hint_from_the_caller_agreeing_with_the_text_gives_high_confidence(prefix):
    """Metadata saying 28 May agrees with every seed (seed 000's wrong dateline still costs a little)."""
    published = find_publication_date(seed(prefix), hint=TRUTH, today=COLLECTED)
    assert published.value == TRUTH
    assert published.confidence >= 0.75
    assert "hint" in published.evidence


def test_the_reported_weekday_supports_a_hint_one_day_later():
    """A crawl-date hint of Thursday still wins, the Wednesday lead agreeing within a day."""
    published = find_publication_date(seed("004"), hint=date(2025, 5, 29))
    assert published.value == date(2025, 5, 29)
    assert any(clue.kind == "relative_weekday" and clue.value == TRUTH for clue in published.clues)


# --- rules, one by one ----------------------------------------------------------------------------


def test_no_clue_gives_no_date_and_zero_confidence():
    """Nothing in the text dates it."""
    published = find_publication_date(article("The talks went on. Nobody said when."))
    assert published.value is None
    assert published.confidence == 0.0
    assert published.evidence


def test_a_dateline_alone_decides_with_moderate_confidence():
    """Scrapers' datelines are trusted, but not much."""
    published = find_publication_date(
        article("The talks went on.", header=["Tuesday, 02 January 2024 12:17 GMT"])
    )
    assert published.value == date(2024, 1, 2)
    assert 0.3 <= published.confidence <= 0.4
    assert "dateline" in published.evidence


def test_a_labelled_dateline_weighs_more_than_a_bare_one():
    """ "Published: ..." says what it is."""
    labelled = find_publication_date(article("The talks went on.", header=["Published: May 28, 2025"]))
    bare = find_publication_date(article("The talks went on.", header=["May 28, 2025"]))
    assert labelled.value == bare.value == TRUTH
    assert labelled.confidence > bare.confidence


def test_a_dateline_whose_weekday_is_wrong_weighs_less():
    """ "Monday, 02 January 2024" contradicts itself (it was a Tuesday)."""
    right = find_publication_date(article("Talks.", header=["Tuesday, 02 January 2024"]))
    wrong = find_publication_date(article("Talks.", header=["Monday, 02 January 2024"]))
    assert right.value == wrong.value == date(2024, 1, 2)
    assert wrong.confidence < right.confidence


def test_a_syndication_id_in_the_trailer_lines_is_found():
    """Cleaning keeps dropped ids in ``trailer_lines`` for this step."""
    published = find_publication_date(article("Talks.", trailer=["MENAFN28052025007365015876ID1109607919"]))
    assert published.value == TRUTH
    assert published.clues[0].kind == "syndication_id"


def test_a_hint_against_a_syndication_id_wins_and_the_id_is_a_conflict():
    """Both are strong; the caller's hint weighs a little more, and the disagreement is reported."""
    published = find_publication_date(
        article("Talks.", trailer=["MENAFN28052025007365015876ID1109607919"]), hint=date(2025, 6, 3)
    )
    assert published.value == date(2025, 6, 3)
    assert published.confidence < 0.6
    assert any("syndication id" in conflict for conflict in published.conflicts)


def test_a_date_after_today_is_not_believed():
    """Nothing is published in the future: a dateline after today loses to an older one."""
    published = find_publication_date(
        article("Talks.", header=["Published: June 5, 2031", "May 28, 2025"]), today=date(2026, 1, 1)
    )
    assert published.value == TRUTH
    assert any("after today" in conflict for conflict in published.conflicts)


def test_the_reported_weekday_is_placed_between_past_and_upcoming_events():
    """The latest Wednesday before the upcoming June 2, 2025 talks and after the May 16 ones."""
    body = (
        "Talks were held on May 16, 2025 in Istanbul.\n\n"
        "Lavrov announced on Wednesday that the next round will be held on June 2, 2025."
    )
    published = find_publication_date(article(body))
    assert published.value == TRUTH
    assert published.confidence <= 0.45
    assert any(clue.kind == "relative_weekday" for clue in published.clues)


def test_a_reported_weekday_across_new_year_takes_the_year_of_the_events():
    """A January summit announced on Monday, after a December one: January 5, 2026."""
    body = (
        "Officials said on Monday that the summit will be held on January 10.\n\n"
        "The previous summit was held on December 20 in Brussels."
    )
    published = find_publication_date(article(body), today=date(2026, 1, 7))
    assert published.value == date(2026, 1, 5)
    assert published.confidence <= 0.3


def test_a_reported_weekday_without_an_upcoming_event_is_not_placed():
    """A past event alone leaves the reporting day open: no date is made up."""
    body = "Talks were held on May 16, 2025 in Istanbul.\n\nLavrov said on Wednesday that they had failed."
    published = find_publication_date(article(body))
    assert published.value is None


def test_a_weekday_told_as_upcoming_is_not_the_reporting_day():
    """ "will meet on Friday" says nothing about when the article was written."""
    body = "Talks were held on May 16, 2025.\n\nThe delegations will meet again on Friday, ahead of the June 2, 2025 round."
    published = find_publication_date(article(body))
    assert not any(clue.kind == "relative_weekday" for clue in published.clues)


def test_past_tense_years_are_lower_bounds():
    """A dateline before an event the text tells as past is a contradiction worth reporting."""
    body = "Russia launched a full-scale invasion of Ukraine in February 2022, officials recalled."
    published = find_publication_date(article(body, header=["Published: May 28, 2021"]))
    assert published.value == date(2021, 5, 28)
    assert any("February 2022" in conflict for conflict in published.conflicts)
    assert published.confidence < 0.5
