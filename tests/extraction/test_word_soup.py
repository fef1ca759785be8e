"""Word soup (the words of real articles shuffled) does not turn into entities; real articles keep theirs."""

from pathlib import Path

import pytest

from benchmarks.hostile_input import make_text
from benchmarks.word_soup import shuffled
from newsapi.extraction import entities as entities_module
from newsapi.extraction.word_order import (
    SOUP_THRESHOLD,
    STOP_SOUP_THRESHOLD,
    scored_stretches,
    soup_ranges,
    stop_word_stretches,
)

pytestmark = pytest.mark.slow

SEEDS = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))
# Entities per KB: real articles give 2-19 (seeds, PolNeAR); soup gave 3.5-7 before the word-order test.
MAX_SOUP_ENTITIES_PER_KB = 0.5


@pytest.fixture(scope="module")
def nlp():
    from newsapi.extraction.nlp import get_nlp

    return get_nlp()


def soup(seed: int, size: int, words_per_line: int | None = None) -> str:
    """The words of the seed articles shuffled, ``size`` characters, one line or lines of a few words."""
    words = [word for path in SEEDS for word in path.read_text(encoding="utf-8").split()]
    return shuffled(words, size, seed, words_per_line)


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("words_per_line", [None, 80], ids=["one line", "paragraphs"])
def test_word_soup_of_real_articles_gives_almost_no_entities(nlp, seed, words_per_line):
    """20 KB of the seeds' words shuffled (as one line, or as paragraphs) gives at most a few entities."""
    from newsapi.extraction.pipeline import extract_article

    raw = soup(seed, 20_000, words_per_line)
    extraction = extract_article(raw, nlp=nlp)
    kilobytes = len(extraction.cleaned.body) / 1000
    assert kilobytes > 15
    assert len(extraction.entities) <= MAX_SOUP_ENTITIES_PER_KB * kilobytes, [
        e.name for e in extraction.entities
    ]


@pytest.mark.parametrize("shape", ["one-line", "distinct"])
def test_made_up_words_give_almost_no_entities(nlp, shape):
    """Soup with no function words to test the word order by (made-up words, 20 KB, one line or
    lines of 60 words) is found by its lack of stop words."""
    from newsapi.extraction.pipeline import extract_article

    extraction = extract_article(make_text(shape, 20_000), nlp=nlp)
    kilobytes = len(extraction.cleaned.body) / 1000
    assert kilobytes > 15
    assert len(extraction.entities) <= MAX_SOUP_ENTITIES_PER_KB * kilobytes, [
        e.name for e in extraction.entities
    ]


@pytest.mark.parametrize("path", SEEDS, ids=[path.stem for path in SEEDS])
def test_a_real_article_has_no_soup_and_keeps_every_entity(nlp, path, monkeypatch):
    """The word-order test finds nothing in a real article: its entities are those found without the test."""
    from newsapi.extraction.cleaning import clean_article

    doc = nlp(clean_article(path.read_text(encoding="utf-8")).body)
    assert max((score for _, _, score in scored_stretches(doc)), default=0) < SOUP_THRESHOLD / 2
    assert max((score for _, _, score in stop_word_stretches(doc)), default=0) < STOP_SOUP_THRESHOLD / 2
    found = [(e.name, e.type, len(e.mentions)) for e in entities_module.extract_entities(doc)]
    monkeypatch.setattr(entities_module, "soup_ranges", lambda doc: [])
    assert found == [(e.name, e.type, len(e.mentions)) for e in entities_module.extract_entities(doc)]
    assert len(found) >= 10


def test_a_soup_tail_loses_its_names_and_the_article_keeps_its_own(nlp):
    """A real article followed by a line of shuffled words: the soup is found after the article, whose
    entities stay as they were."""
    from newsapi.extraction.cleaning import clean_article

    article = clean_article(SEEDS[0].read_text(encoding="utf-8")).body
    alone = [(e.name, e.type) for e in entities_module.extract_entities(nlp(article))]
    doc = nlp(article + "\n\n" + soup(4, 8_000))
    ranges = soup_ranges(doc)
    assert ranges and all(doc[start].idx >= len(article) for start, _ in ranges)
    with_tail = [(e.name, e.type) for e in entities_module.extract_entities(doc)]
    assert with_tail[: len(alone)] == alone
    assert len(with_tail) - len(alone) <= 4


def test_prose_is_scored_without_walking_its_sentences(nlp, monkeypatch):
    """Prose has a small climb of evidence every few words; only a climb over a threshold is widened
    to its sentences (reading them costs a walk of the whole doc), so prose never reads them."""
    from newsapi.extraction import word_order
    from newsapi.extraction.cleaning import clean_article

    def walk(doc):
        raise AssertionError("the sentences of prose were read")

    monkeypatch.setattr(word_order, "_sentence_starts", walk)
    body = "\n\n".join(clean_article(path.read_text(encoding="utf-8")).body for path in SEEDS)
    assert soup_ranges(nlp(body)) == []
