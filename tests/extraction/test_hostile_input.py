"""Hostile input to the text core: any text at all, NUL bytes, huge texts. Nothing raises, every span
points into the body, and cleaning's work grows in proportion to the text."""

import random
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsapi.extraction import cleaning
from newsapi.extraction.cleaning import clean_article, repaired_text

CLEANING_FILE = str(Path(cleaning.__file__).resolve())

# Words that make the extraction steps work: names, reporting verbs, quotes, dates, datelines, junk lines.
NEWS_WORDS = [
    "Sergei", "Lavrov", "said", "told", "reporters", "Ukraine", "Russia", "Istanbul", "talks", "the",
    "minister", "on", "Monday", "June", "2", "2025", "'", '"', "“", "”", "—", "MOSCOW", "(Reuters)", "-",
    ":", ".", ",", "he", "She", "will", "meet", "in", "President", "Zelensky", "Advertisement", "By",
    "Published", "Updated:", "MENAFN2805202500000ID1109602", "(MENAFN- Live Mint)", "Comments",
    "Related", "\u200b", "\ufeff", "\x00", "\t", "İ", "ß", "ﬁ", "e\u0301", "🙂", "\u2028",
]  # fmt: skip
news_line = st.lists(st.sampled_from(NEWS_WORDS), max_size=40).map(" ".join)
news_text = st.lists(st.one_of(news_line, st.text(max_size=80)), max_size=12).map(
    lambda lines: "\n".join(lines)
)
any_text = st.one_of(st.text(max_size=400), news_text)


def assert_spans_inside_the_body(extraction) -> None:
    body = extraction.cleaned.body
    assert "\x00" not in body
    for entity in extraction.entities:
        for mention in entity.mentions:
            assert 0 <= mention.start < mention.end <= len(body)
            assert body[mention.start : mention.end] == mention.text
    for quote in extraction.quotes:
        assert 0 <= quote.start <= quote.end <= len(body)
        assert body[quote.start : quote.end] == quote.text
        if quote.speaker_start is not None and quote.speaker_end is not None:
            assert 0 <= quote.speaker_start <= quote.speaker_end <= len(body)
            assert body[quote.speaker_start : quote.speaker_end] == quote.speaker_text
    for event in extraction.events:
        assert 0 <= event.start <= event.end <= len(body)
        spans = [
            (getattr(event, f"{part}_start", None), getattr(event, f"{part}_end", None))
            for part in ("date", "location", "actor")
        ]
        for start, end in [*spans, *getattr(event, "participant_spans", [])]:
            if start is not None and end is not None:
                assert 0 <= start <= end <= len(body)
        if getattr(event, "actor_start", None) is not None and event.actor_end is not None:
            assert body[event.actor_start : event.actor_end] == event.actor_text
    for timex in getattr(extraction, "extracted_dates", []):
        assert 0 <= timex.start < timex.end <= len(body)
        assert body[timex.start : timex.end] == timex.text
    for clue in extraction.published.clues:
        if clue.start is not None and clue.end is not None:
            assert 0 <= clue.start <= clue.end <= len(body)


@pytest.fixture(scope="module")
def nlp():
    from newsapi.extraction.nlp import get_nlp

    return get_nlp()


@pytest.mark.slow
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=any_text)
def test_extraction_of_any_text_raises_nothing_and_every_span_lies_in_the_body(nlp, raw):
    """For any input at all, extract_article returns, and each span is inside the body and equals its text."""
    from newsapi.extraction.pipeline import extract_article

    assert_spans_inside_the_body(extract_article(raw, nlp=nlp))


@pytest.mark.slow
@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raws=st.lists(any_text, min_size=1, max_size=4))
def test_batched_extraction_agrees_with_the_invariants_for_any_texts(nlp, raws):
    """The batched path (nlp.pipe) keeps the same guarantees, article by article."""
    from newsapi.extraction.pipeline import extract_articles

    extractions = list(extract_articles(raws, nlp=nlp))
    assert [e.raw_text for e in extractions] == raws
    for extraction in extractions:
        assert_spans_inside_the_body(extraction)


@settings(max_examples=200, deadline=None)
@given(raw=any_text)
def test_cleaning_any_text_keeps_body_paragraphs_as_raw_lines(raw):
    """Cleaning never invents text: every body paragraph is a line of the input as repaired (less NUL
    bytes, mojibake and HTML entities undone)."""
    cleaned = clean_article(raw)
    lines = {line.strip() for line in repaired_text(raw).splitlines()}
    for paragraph in cleaned.body.split("\n\n") if cleaned.body else []:
        assert paragraph in lines or any(line.endswith(paragraph) for line in lines)


def test_nul_bytes_are_stripped_from_the_body():
    """A NUL byte (which PostgreSQL cannot store) never reaches the body or the title."""
    raw = "Talks in Ist\x00anbul resume\n\nThe foreign minister said on Monday that talks\x00 would resume soon."
    cleaned = clean_article(raw)
    assert "\x00" not in cleaned.body + cleaned.title
    assert "talks would resume soon" in cleaned.body


# --- linear work -----------------------------------------------------------------------------------


def distinct_paragraphs(count: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    words = [
        "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(2, 9)))
        for _ in range(3000)
    ]
    return "\n".join(" ".join(rng.choice(words) for _ in range(40)).capitalize() + "." for _ in range(count))


def shared_openings(count: int) -> str:
    """Paragraphs that all open alike (one bucket of the repeat index), each one different afterwards."""
    opening = "The ministry said in a statement released late on Tuesday evening that "
    return "\n".join(f"{opening}item {i} of the list was approved by the committee." for i in range(count))


def interleaved_markers(count: int) -> str:
    """Weak page-ending markers between article paragraphs (each once looked at every later line)."""
    paragraph = distinct_paragraphs(count).splitlines()
    return "\n".join(f"{line}\nRelated" for line in paragraph)


def lines_executed_in_cleaning(raw: str) -> int:
    """How many lines of cleaning.py run for ``raw``: a count of work that does not depend on the machine."""
    count = 0

    def tracer(frame, event, arg):
        nonlocal count
        if frame.f_code.co_filename != CLEANING_FILE:
            return None
        if event == "line":
            count += 1
        return tracer

    sys.settrace(tracer)
    try:
        clean_article(raw)
    finally:
        sys.settrace(None)
    return count


@pytest.mark.parametrize("make", [distinct_paragraphs, shared_openings, interleaved_markers])
def test_cleaning_work_grows_in_proportion_to_the_text(make):
    """Four times the paragraphs cost about four times the work (a quadratic step would cost sixteen)."""
    small = lines_executed_in_cleaning(make(150))
    large = lines_executed_in_cleaning(make(600))
    assert large / small < 5.5, f"{small} lines of work for 150 paragraphs, {large} for 600"


def test_cleaning_a_few_megabytes_of_distinct_paragraphs_finishes():
    """A size at which the old quadratic repeat check took minutes (it is about a second now)."""
    cleaned = clean_article(distinct_paragraphs(12000))
    assert cleaned.body.count("\n\n") >= 11000


@pytest.mark.slow
def test_a_body_longer_than_spacys_max_length_is_parsed_up_to_it_without_raising(nlp, monkeypatch):
    """spaCy raises past ``max_length``; the pipeline parses the body's beginning and keeps the body whole."""
    from newsapi.extraction.pipeline import extract_article

    paragraph = "Foreign Minister Hakan Fidan met Sergei Lavrov in Antalya on Monday, officials said."
    raw = "\n".join(f"{paragraph} ({i})" for i in range(40))
    monkeypatch.setattr(nlp, "max_length", 500)
    extraction = extract_article(raw, nlp=nlp)
    assert len(extraction.cleaned.body) > 3000
    assert_spans_inside_the_body(extraction)
    mentions = [m for entity in extraction.entities for m in entity.mentions]
    assert mentions and max(m.end for m in mentions) <= 500
