"""The whole pipeline over one article: batched and single runs agree, other languages are not parsed."""

from pathlib import Path

import pytest

from newsapi.extraction.pipeline import extract_article, extract_articles

SEEDS = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))

pytestmark = pytest.mark.slow

GERMAN = """Gespräche in Istanbul geplant

Der russische Außenminister Sergej Lawrow sagte am Mittwoch, die Gespräche mit der Ukraine würden am
2. Juni in Istanbul fortgesetzt. „Wir hoffen auf Unterstützung“, sagte Lawrow. Die Ukraine hat noch
nicht geantwortet, aber die Regierung in Kiew prüft den Vorschlag, teilte ein Sprecher mit.
"""


def test_batched_extraction_gives_the_same_result_as_one_by_one():
    """extract_articles (nlp.pipe) and extract_article agree on entities, quotes, events and dates."""
    texts = [path.read_text(encoding="utf-8") for path in SEEDS[:3]]
    # Batches of two: the leads of a full batch and of the last, shorter one are embedded together.
    batches = extract_articles(texts, batch_size=2)
    for single, batched in zip((extract_article(t) for t in texts), batches, strict=True):
        assert batched.lead_vector == pytest.approx(single.lead_vector, abs=2e-5)
        assert len(single.lead_vector) == 384 and any(single.lead_vector)
        assert [e.name for e in single.entities] == [e.name for e in batched.entities]
        assert [(q.start, q.end, q.speaker_name) for q in single.quotes] == [
            (q.start, q.end, q.speaker_name) for q in batched.quotes
        ]
        assert [(e.title, e.date) for e in single.events] == [(e.title, e.date) for e in batched.events]
        assert single.published.value == batched.published.value


def test_an_article_in_another_language_is_stored_without_invented_entities_or_quotes():
    """A German article keeps its title, body and language; the English model is not run on it."""
    extraction = extract_article(GERMAN)
    assert extraction.language == "de"
    assert extraction.cleaned.title == "Gespräche in Istanbul geplant"
    assert "Lawrow" in extraction.cleaned.body
    assert extraction.entities == [] and extraction.quotes == [] and extraction.events == []


def test_story_dates_re_date_a_weak_article_from_its_first_parse(monkeypatch):
    """Seed 001 (no year) re-dated near its story's day reads the parse made when it was extracted, with
    the same events and dates as a fresh parse gives; the kept parse is no part of the extraction's
    value: a pickle (a job's, a benchmark's) and a copy leave it out and print and compare the same."""
    import copy
    import dataclasses
    import pickle
    from datetime import date

    from newsapi.extraction import pipeline

    extraction = extract_article(SEEDS[1].read_text(encoding="utf-8"))
    assert extraction.parse is not None and extraction.parse.text == extraction.cleaned.body
    for carried in (pickle.loads(pickle.dumps(extraction)), copy.deepcopy(extraction)):
        assert carried.parse is None
        assert carried == extraction and repr(carried) == repr(extraction)
    parses = []
    original_parse = pipeline.parse
    monkeypatch.setattr(pipeline, "parse", lambda nlp, text: parses.append(text) or original_parse(nlp, text))
    story = [date(2025, 5, 28)]
    reused = pipeline.refine_with_story_dates(extraction, story)
    assert reused is not extraction and parses == []
    fresh = pipeline.refine_with_story_dates(dataclasses.replace(extraction), story)
    assert parses == [extraction.cleaned.body]
    assert reused == fresh
    assert any(event.date and event.date.year == 2025 for event in reused.events)


def test_story_dates_re_date_an_article_in_another_language_without_parsing_it():
    """A German report with a year-less wire dateline takes its year from its story, and still gets no
    events from the English model (extraction gave it none)."""
    from datetime import date

    from newsapi.extraction import pipeline

    extraction = extract_article("BERLIN, Nov. 19 (Reuters) - " + GERMAN.split("\n", 2)[2])
    assert extraction.language == "de" and extraction.events == []
    refined = pipeline.refine_with_story_dates(extraction, [date(2025, 11, 20)])
    assert refined.published.value == date(2025, 11, 19)
    assert refined.events == [] and refined.entities == []


def test_a_callers_headline_reaches_each_article_of_a_batch_in_order():
    raws = [
        "Mark Carney won the election on Monday.",
        "A shark bit a swimmer off Sydney on Tuesday.",
        "Rain fell.",
    ]
    titles = [
        extraction.cleaned.title for extraction in extract_articles(raws, title_hints=["Carney wins", None])
    ]
    assert titles == ["Carney wins", "", ""]
    assert extract_article(raws[1], title_hint="Shark attack").cleaned.title == "Shark attack"
