"""Publication dates: every dateline and byline form read, the caller's date first, nothing invented.

The example lines are written for these tests (invented places, agencies and outlets); none is taken
from the evaluation sets.
"""

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsapi.extraction.cleaning import clean_article
from newsapi.extraction.dates import find_publication_date, id_stamp_date
from newsapi.extraction.types import CleanedArticle

SEEDS_DIR = Path(__file__).resolve().parents[2] / "seeds"
TRUTH = date(2025, 5, 28)  # a Wednesday: all five seeds were published that day
TODAY = date(2026, 11, 22)
PROSE = "The harbour authority closed the northern pier after the storm, officials said."


def seed(prefix: str) -> CleanedArticle:
    (path,) = SEEDS_DIR.glob(f"{prefix}_*.txt")
    return clean_article(path.read_text(encoding="utf-8"))


def article(
    body: str, *, header: list[str] | None = None, trailer: list[str] | None = None
) -> CleanedArticle:
    return CleanedArticle(title="", body=body, header_lines=header or [], trailer_lines=trailer or [])


def raw(text: str, **kwargs):
    return find_publication_date(clean_article(text), today=TODAY, **kwargs)


# --- date-stamped article ids ----------------------------------------------------------------------


def test_a_date_stamped_id_gives_its_day_in_either_digit_order():
    """DDMMYYYY (a syndicator's ids) or YYYYMMDD (a content system's) after the capitals."""
    assert id_stamp_date("MENAFN28052025007365015876ID1109607919") == date(2025, 5, 28)
    assert id_stamp_date("see MENAFN01122024000123ID1 below") == date(2024, 12, 1)
    assert id_stamp_date("ART202503140000017") == date(2025, 3, 14)


def test_an_impossible_or_missing_id_gives_no_date():
    """Day 31 of February; a serial number whose digits are no day in either order; no id at all."""
    assert id_stamp_date("MENAFN31022025007365015876ID1109607919") is None
    assert id_stamp_date("SN123456789012") is None
    assert id_stamp_date("SN1305180000001") is None  # 13 May 1800, or year 1305: no news year
    assert id_stamp_date("no id here") is None


# --- dateline and byline forms, as scraped text -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected", "kind"),
    [
        (
            "Harbour storm\n\nKESTRELPORT, Norway, March 12, 2025 (Nordic Wire) \u2014 " + PROSE,
            date(2025, 3, 12),
            "dateline",
        ),
        (
            "Harbour storm\n\nVALDMOOR, Ruritania, 4 February 2024 (Baltic Press) - " + PROSE,
            date(2024, 2, 4),
            "dateline",
        ),
        ("Harbour storm\nPublished: March 12, 2025\n\n" + PROSE, date(2025, 3, 12), "published_label"),
        ("Harbour storm\nPosted on 12 March 2025 at 10:02\n\n" + PROSE, date(2025, 3, 12), "published_label"),
        (
            "Harbour storm\nThe Gullhaven Courier | Published 10:02 AM EST, Wed March 12, 2025\n\n" + PROSE,
            date(2025, 3, 12),
            "published_label",
        ),
        ("Harbour storm\nUpdated: 2025-03-12 17:52\n\n" + PROSE, date(2025, 3, 12), "updated_label"),
        ("Harbour storm\nLast updated 12.03.2025\n\n" + PROSE, date(2025, 3, 12), "updated_label"),
        ("Harbour storm\n2025-03-12T08:15:00Z\n\n" + PROSE, date(2025, 3, 12), "header_date"),
        ("Harbour storm\nBy Ada Quill | March 12, 2025\n\n" + PROSE, date(2025, 3, 12), "header_date"),
        ("Harbour storm\n\n" + PROSE + "\n\nPublished on 25/12/2024", date(2024, 12, 25), "published_label"),
        (
            "Harbour storm\nFirst published on Wed 12 Mar 2025 09.02 GMT\n\n" + PROSE,
            date(2025, 3, 12),
            "published_label",
        ),
        ("Harbour storm\nPosted: Mar 12, 2025 9:02 AM\n\n" + PROSE, date(2025, 3, 12), "published_label"),
        (
            "Harbour storm\nUpdated 17.52 GMT, Wednesday, 12 March 2025\n\n" + PROSE,
            date(2025, 3, 12),
            "updated_label",
        ),
        (
            "Harbour storm\nMarch 12, 2025 / 9:02 AM / Updated 2 hours ago\n\n" + PROSE,
            date(2025, 3, 12),
            "header_date",
        ),
        ("Harbour storm\n2025-03-12 09:02:00+00:00\n\n" + PROSE, date(2025, 3, 12), "header_date"),
    ],
)
def test_every_common_dateline_and_byline_form_is_read(text, expected, kind):
    """Wire datelines with a year, labelled lines before or after the body, ISO stamps, bylines."""
    published = raw(text)
    assert published.value == expected
    assert any(clue.kind == kind and clue.value == expected for clue in published.clues)
    assert published.confidence >= 0.5
    assert expected.isoformat() in published.evidence


def test_a_wire_dateline_without_a_year_gives_no_date_and_says_why():
    """ "CITY, Nov. 19 (Agency) -": the day and month, no year; the year is not borrowed from today."""
    published = raw("Harbour storm\n\nKESTRELPORT, Nov. 19 (Nordic Wire) \u2014 " + PROSE)
    assert published.value is None
    assert "Nov. 19" in published.evidence
    assert "no year" in published.evidence


def test_a_wire_dateline_without_a_year_takes_the_year_of_the_story():
    """The story's other reports (``near``) give the year the dateline lacks."""
    published = raw(
        "Harbour storm\n\nKESTRELPORT, Nov. 19 (Nordic Wire) \u2014 " + PROSE, near=date(2023, 11, 20)
    )
    assert published.value == date(2023, 11, 19)
    assert "story" in published.evidence


def test_a_wire_dateline_with_only_an_agency_dates_nothing():
    """ "CITY (Agency) -" names a place and a source, not a day."""
    published = raw("Harbour storm\n\nKESTRELPORT (Nordic Wire) - " + PROSE)
    assert published.value is None
    assert published.evidence == "No clue in the text dates the article."


def test_a_numeric_date_whose_day_and_month_could_swap_is_not_served():
    """ "03/04/2025" is 3 April in one country and 4 March in another."""
    assert raw("Harbour storm\nPublished: 03/04/2025\n\n" + PROSE).value is None
    assert raw("Harbour storm\nPublished: 03-04-2025\n\n" + PROSE).value is None
    assert raw("Harbour storm\nPublished: 13/04/2025\n\n" + PROSE).value == date(2025, 4, 13)
    assert raw("Harbour storm\nPublished: 04/13/2025\n\n" + PROSE).value == date(2025, 4, 13)
    assert raw("Harbour storm\nPublished: 03.04.2025\n\n" + PROSE).value == date(2025, 4, 3)


def test_a_date_in_a_sentence_after_a_label_word_is_not_a_publication_line():
    """ "an email dated ..." in the lead dates the email."""
    published = raw(
        "Harbour storm\n\nIn an email dated Feb. 12, 2012, the harbour master warned the board. " + PROSE
    )
    assert published.value is None


def test_an_unlabelled_date_after_the_body_is_not_the_publication_date():
    """A date line after the body is as often a correction's or a copyright's."""
    published = find_publication_date(article(PROSE, trailer=["Friday, December 4, 2015."]), today=TODAY)
    assert published.value is None


def test_a_labelled_line_weighs_more_than_a_bare_date_line():
    """ "Published: ..." says what it is."""
    labelled = find_publication_date(article(PROSE, header=["Published: May 28, 2025"]))
    bare = find_publication_date(article(PROSE, header=["May 28, 2025"]))
    assert labelled.value == bare.value == TRUTH
    assert labelled.confidence > bare.confidence


def test_a_date_line_whose_weekday_is_wrong_weighs_less():
    """ "Monday, 02 January 2024" contradicts itself (it was a Tuesday)."""
    right = find_publication_date(article(PROSE, header=["Tuesday, 02 January 2024"]))
    wrong = find_publication_date(article(PROSE, header=["Monday, 02 January 2024"]))
    assert right.value == wrong.value == date(2024, 1, 2)
    assert wrong.confidence < right.confidence


def test_a_published_line_wins_over_a_later_update_without_a_conflict():
    """An article updated two days after it appeared: both lines are right."""
    published = find_publication_date(
        article(PROSE, header=["Published: March 10, 2025", "Updated: March 12, 2025"]), today=TODAY
    )
    assert published.value == date(2025, 3, 10)
    assert published.conflicts == []


def test_a_date_after_today_is_not_believed():
    """Nothing is published in the future: a dateline after today loses to an older one."""
    published = find_publication_date(
        article(PROSE, header=["Published: June 5, 2031", "May 28, 2025"]), today=date(2026, 1, 1)
    )
    assert published.value == TRUTH
    assert any("after today" in conflict for conflict in published.conflicts)


def test_a_syndication_id_in_the_trailer_lines_is_found():
    """Cleaning keeps dropped ids in ``trailer_lines`` for this step."""
    published = find_publication_date(article(PROSE, trailer=["MENAFN28052025007365015876ID1109607919"]))
    assert published.value == TRUTH
    assert published.clues[0].kind == "syndication_id"


def test_a_date_before_an_event_told_as_past_loses_confidence_without_a_conflict():
    """Tense read from cue words is too often wrong to report, but it makes the date weak."""
    body = "Russia launched a full-scale invasion of Ukraine in February 2022, officials recalled."
    published = find_publication_date(article(body, header=["Published: May 28, 2021"]))
    assert published.value == date(2021, 5, 28)
    assert published.conflicts == []
    assert published.confidence < 0.5


# --- weekdays, posts and amendments: bounds, never the date ----------------------------------------


def test_a_weekday_in_the_lead_alone_gives_no_date_and_says_why():
    """ "said Wednesday": the day of what is reported, in no known week."""
    published = raw("Harbour storm\n\nThe harbour master said Wednesday that the pier would stay closed.")
    assert published.value is None
    assert "Wednesday" in published.evidence
    assert published.reference is None


def test_a_weekday_placed_between_dated_events_is_a_reference_not_the_date():
    """Between the past May 16, 2025 talks and the upcoming June 2 ones: a reference for relative dates."""
    body = (
        "Talks were held on May 16, 2025 in Istanbul.\n\n"
        "Lavrov announced on Wednesday that the next round will be held on June 2, 2025."
    )
    published = find_publication_date(article(body))
    assert published.value is None
    assert published.reference == TRUTH
    assert "2025-05-28" in published.evidence
    assert any(clue.kind == "relative_weekday" for clue in published.clues)


def test_a_weekday_told_as_upcoming_is_not_the_reporting_day():
    """ "will meet on Friday" says nothing about when the article was written."""
    body = "Talks were held on May 16, 2025.\n\nThe delegations will meet again on Friday, ahead of the June 2, 2025 round."
    published = find_publication_date(article(body))
    assert not any(clue.kind == "relative_weekday" for clue in published.clues)


def test_an_embedded_post_bounds_the_date_from_below_but_does_not_name_it():
    """A post dated 12 March 2025 inside the article: it appeared that day or later."""
    body = PROSE + "\n\nThe pier is closed. \u2014 Gullhaven Port (@gullport) March 12, 2025\n\nMore follows."
    published = raw("Harbour storm\n\n" + body)
    assert published.value is None
    assert "2025-03-12" in published.evidence and "or later" in published.evidence
    assert published.reference == date(2025, 3, 12)


def test_a_date_line_before_an_embedded_post_is_a_conflict():
    """The article cannot predate a post it embeds."""
    body = PROSE + "\n\nThe pier is closed. \u2014 Gullhaven Port (@gullport) March 12, 2025"
    published = find_publication_date(article(body, header=["Published: March 1, 2025"]), today=TODAY)
    assert published.value == date(2025, 3, 1)
    assert any("embedded post" in conflict for conflict in published.conflicts)


def test_an_amendment_note_bounds_the_date_from_above():
    """ "This article was amended on ..." is the day of the amendment, not of publication."""
    published = raw(
        "Harbour storm\n\n" + PROSE + "\n\nThis article was amended on 14 March 2025 to correct a name."
    )
    assert published.value is None
    assert "2025-03-14 or before" in published.evidence


# --- the caller's date --------------------------------------------------------------------------------


def test_the_callers_date_is_the_answer_and_the_evidence_names_it_once():
    """No echo of the clue's own words: "from the caller's date", not "caller's hint ... hint"."""
    published = find_publication_date(article(PROSE), hint=date(2025, 10, 3))
    assert published.value == date(2025, 10, 3)
    assert published.evidence == "2025-10-03 from the caller's date."
    assert published.confidence >= 0.8
    assert published.conflicts == []


def test_the_callers_date_wins_over_a_weak_clue():
    """A year-less dateline placed near the caller's date agrees; a weekday in the lead agrees."""
    published = raw(
        "Harbour storm\n\nKESTRELPORT, March 12 (Nordic Wire) \u2014 The council said Wednesday the pier will close.",
        hint=date(2025, 3, 12),
    )
    assert published.value == date(2025, 3, 12)
    assert published.conflicts == []
    assert published.confidence >= 0.8


def test_a_strong_clue_contradicting_the_callers_date_is_a_conflict():
    """The caller's date stays; the dateline that disagrees is recorded and the confidence drops."""
    published = raw(
        "Harbour storm\n\nKESTRELPORT, Norway, March 12, 2025 (Nordic Wire) \u2014 " + PROSE,
        hint=date(2025, 6, 3),
    )
    assert published.value == date(2025, 6, 3)
    assert published.confidence < 0.5
    assert len(published.conflicts) == 1
    assert "2025-03-12" in published.conflicts[0] and "caller gave 2025-06-03" in published.conflicts[0]


def test_the_callers_date_against_a_date_stamped_id_wins_and_the_id_is_a_conflict():
    """Both are strong; the caller's date is the answer, and the disagreement is reported."""
    published = find_publication_date(
        article(PROSE, trailer=["MENAFN28052025007365015876ID1109607919"]), hint=date(2025, 6, 3)
    )
    assert published.value == date(2025, 6, 3)
    assert published.confidence < 0.5
    assert any("date-stamped article id" in conflict for conflict in published.conflicts)


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_the_callers_date_agreeing_with_the_text_gives_high_confidence(prefix):
    """The seeds' true date agrees with every seed; seed 000's wrong date line costs a little and is reported."""
    published = find_publication_date(seed(prefix), hint=TRUTH, today=TODAY)
    assert published.value == TRUTH
    assert published.confidence >= 0.65
    assert published.evidence.startswith("2025-05-28 from the caller's date")


# --- the seeds --------------------------------------------------------------------------------------


def test_seed_000_syndication_id_beats_the_wrong_date_line():
    """The header says 2 January 2024; the MENAFN id says 28 May 2025 and wins, still a confident date."""
    published = find_publication_date(seed("000"))
    assert published.value == TRUTH
    assert published.confidence >= 0.5
    assert "MENAFN28052025007365015876ID1109607919" in published.evidence
    assert len(published.conflicts) == 1
    assert "2024-01-02" in published.conflicts[0] and "2025-05-28" in published.conflicts[0]


@pytest.mark.parametrize("prefix", ["002", "004"])
def test_seeds_dated_only_by_their_events_get_a_reference_but_no_publication_date(prefix):
    """Between the past May 16 talks and the upcoming Monday, June 2: a reference day, not a date."""
    published = find_publication_date(seed(prefix), today=TODAY)
    assert published.value is None
    assert published.reference is not None
    assert abs((published.reference - TRUTH).days) <= 3
    assert "June 2" in published.evidence


@pytest.mark.parametrize("prefix", ["001", "003"])
def test_seeds_without_any_year_take_their_reference_from_the_story(prefix):
    """No year in the text: nothing without ``near``; with the story's date, the reported Wednesday."""
    alone = find_publication_date(seed(prefix), today=TODAY)
    assert alone.value is None and alone.reference is None
    assert "Wednesday" in alone.evidence
    in_story = find_publication_date(seed(prefix), today=TODAY, near=TRUTH)
    assert in_story.value is None
    assert in_story.reference == TRUTH


# --- bad input ----------------------------------------------------------------------------------------


_PIECES = [*"0123456789 /.-:,()\n\u2014|@", "Published", "Updated", "March", "Nov.", "Wednesday", "2025"]
_PIECES += ["31", "February", "(AP)", "KESTRELPORT", "T", "Z", " on ", "dated", "MENAFN", "ID"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
def test_garbage_gives_a_date_or_none_and_never_an_exception(text):
    """Any text, including impossible days ("31 February"), goes through without an exception."""
    cleaned = clean_article(text)
    published = find_publication_date(cleaned, today=TODAY)
    assert published.value is None or published.value <= TODAY
    assert isinstance(published.evidence, str) and published.evidence
    with_caller = find_publication_date(cleaned, hint=date(2024, 2, 29), today=TODAY, near=date(2024, 3, 1))
    assert with_caller.value == date(2024, 2, 29)


def test_an_impossible_day_in_a_labelled_line_gives_no_date():
    """ "Published: February 31, 2025" names no day."""
    published = raw("Harbour storm\nPublished: February 31, 2025\n\n" + PROSE)
    assert published.value is None
