"""Word soup: stretches of a parse whose word order is not English prose.

A line of shuffled words (scraped tag clouds, keyword stuffing, a broken page that lost its
sentences) parses into "sentences" of normal length with verbs in them, and spaCy tags its
capitalised words as hundreds of names. What such text lacks is word order. The test here is one
that any English prose passes: after an article ("the", "a") or a common preposition ("of", "in")
comes a noun phrase, not punctuation, another function word or a finite verb. In news prose that
fails about 3 times in 100; in shuffled words of the same articles about 28 times in 100.

Each such opener is a piece of evidence (a log-likelihood ratio of soup against prose) and a
running sum that never drops below zero (a CUSUM), run forwards and backwards, finds the stretches
where the evidence for soup piles up, whatever the line breaks. A stretch whose evidence passes
``SOUP_THRESHOLD`` is soup; ``extract_entities`` takes no mention from it. The rates were measured
on tune texts (the seeds, 400 PolNeAR-train articles, news-cluster-dev's tune part), where the
highest score of a real article was 9.1; the threshold is well above it. A shuffled 2 KB line of the
same words scores 18-43, 5 KB 45-107, 20 KB 140-270 (benchmarks/word_soup.py also scores the check
texts).
"""

from __future__ import annotations

import bisect
import math
import re

import numpy
from spacy.attrs import IDX, IS_ALPHA, IS_STOP, LOWER, ORTH, POS, TAG
from spacy.strings import StringStore
from spacy.symbols import ADP, AUX, CCONJ, DET, PART, PRON, PUNCT, SCONJ
from spacy.tokens import Doc

from newsapi.extraction import lexicon
from newsapi.extraction.nlp import doc_text

# Share of openers followed by a word that cannot start a noun phrase, in prose and in soup.
PROSE_RATE = 0.03
SOUP_RATE = 0.28
SOUP_THRESHOLD = 25.0  # natural-log units of evidence

_FAIL = math.log(SOUP_RATE / PROSE_RATE)
_PASS = math.log((1 - SOUP_RATE) / (1 - PROSE_RATE))

# Soup with no function words at all (strings of made-up or foreign words, tag clouds) has no openers
# to fail: the second test is the share of spaCy's stop words among the words. In news prose it is
# 0.47 (150 PolNeAR-train articles); a stretch of content words with none between them is evidence
# of soup. Its threshold is higher than the word-order test's: a list of names or a table in a real
# article is a run of content words too, and a hundred of them with no stop word are not prose.
PROSE_STOP_RATE = 0.47
SOUP_STOP_RATE = 0.05
STOP_SOUP_THRESHOLD = 40.0
_STOP_PASS = math.log(SOUP_STOP_RATE / PROSE_STOP_RATE)
_CONTENT_FAIL = math.log((1 - SOUP_STOP_RATE) / (1 - PROSE_STOP_RATE))

_NEWLINE = re.compile("\n")
_HASH = StringStore()
_ARTICLES = [_HASH[word] for word in lexicon.NOUN_PHRASE_OPENERS]
_PREPOSITIONS = [_HASH[word] for word in lexicon.NOUN_PHRASE_PREPOSITIONS]
_OPENING_MARKS = [_HASH[mark] for mark in lexicon.PHRASE_OPENING_MARKS]
_PARTICLE_TAG = _HASH["RP"]
_FINITE_TAGS = [_HASH[tag] for tag in ("VBD", "VBZ", "VBP", "MD")]
# Parts of speech that cannot follow an opener; a preposition may be followed by a determiner or a
# pronoun ("of the", "for them"), an article may not.
_NOT_AFTER_ARTICLE = [ADP, AUX, CCONJ, DET, PART, PRON, PUNCT, SCONJ]
_NOT_AFTER_PREPOSITION = [ADP, AUX, CCONJ, PART, PUNCT, SCONJ]


def soup_ranges(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges ``[start, end)`` of ``doc`` that are word soup, in order; empty for prose."""
    found = [
        (start, end)
        for stretches, threshold in (
            (scored_stretches(doc, SOUP_THRESHOLD), SOUP_THRESHOLD),
            (stop_word_stretches(doc, STOP_SOUP_THRESHOLD), STOP_SOUP_THRESHOLD),
        )
        for start, end, score in stretches
        if score >= threshold
    ]
    ranges: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if ranges and start <= ranges[-1][1]:
            start, end = ranges[-1][0], max(end, ranges.pop()[1])
        ranges.append((start, end))
    return ranges


def scored_stretches(doc: Doc, minimum: float = 0.0) -> list[tuple[int, int, float]]:
    """Every stretch where evidence for soup builds up by word order to ``minimum`` or more, found
    forwards and backwards (so two may overlap): token range and its score, in order of start."""
    if len(doc) < 2:
        return []
    attrs = doc.to_array([LOWER, ORTH, POS, TAG, IDX])
    lowers, orths, pos, tags, offsets = (attrs[:, column] for column in range(5))
    is_article = numpy.isin(lowers[:-1], _ARTICLES)
    # A particle ends a phrasal verb ("the war drags on."): it opens nothing.
    is_preposition = numpy.isin(lowers[:-1], _PREPOSITIONS) & (tags[:-1] != _PARTICLE_TAG)
    following_pos, following_orth, following_tag = pos[1:], orths[1:], tags[1:]
    not_a_phrase = ~numpy.isin(following_orth, _OPENING_MARKS) & (
        (is_article & numpy.isin(following_pos, _NOT_AFTER_ARTICLE))
        | (is_preposition & numpy.isin(following_pos, _NOT_AFTER_PREPOSITION))
    )
    fails = not_a_phrase | numpy.isin(following_tag, _FINITE_TAGS)
    openers = numpy.flatnonzero(is_article | is_preposition)
    return _stretches(doc, offsets, openers, numpy.where(fails[openers], _FAIL, _PASS), _FAIL, minimum)


def stop_word_stretches(doc: Doc, minimum: float = 0.0) -> list[tuple[int, int, float]]:
    """Every stretch where evidence for soup builds up by words without stop words between them, in
    the same form as ``scored_stretches``."""
    if len(doc) < 2:
        return []
    attrs = doc.to_array([IS_ALPHA, IS_STOP, IDX])
    words = numpy.flatnonzero(attrs[:, 0] == 1)
    evidence = numpy.where(attrs[words, 1] == 1, _STOP_PASS, _CONTENT_FAIL)
    return _stretches(doc, attrs[:, 2], words, evidence, _CONTENT_FAIL, minimum)


def _stretches(
    doc: Doc,
    offsets: numpy.ndarray,
    positions: numpy.ndarray,
    evidence: numpy.ndarray,
    odd: float,
    minimum: float,
) -> list[tuple[int, int, float]]:
    """The stretches of a running sum of evidence (one value per token at ``positions``; ``odd`` is
    one token's evidence for soup, what a line of prose may hold by chance)."""
    # Prose has a small climb every few words: only the climbs that reach ``minimum`` are trimmed and
    # widened, and the lines are read only when there is one.
    forwards = [climb for climb in _climbs(positions.tolist(), evidence.tolist()) if climb[2] >= minimum]
    if not forwards:
        # Both sums peak at the best-scoring stretch: when no forward climb reaches ``minimum``,
        # no backward one does.
        return []
    backwards = [
        climb for climb in _climbs(positions[::-1].tolist(), evidence[::-1].tolist()) if climb[2] >= minimum
    ]
    lines = _Lines(doc_text(doc), offsets, positions, evidence, odd)
    # A climb of the running sum ends where the soup ends (its peak) but may begin early; the same sum
    # run backwards peaks where the soup begins. Each climb's loose end is trimmed to whole lines; a
    # stretch that ends inside a line that is soup by itself takes the whole line (its first words
    # may hold no opener, or a few that happen to pass).
    found = sorted(
        [(lines.trim_start(begun, peak_at), peak_at, peak) for begun, peak_at, peak in forwards]
        + [(peak_at, lines.trim_end(peak_at, begun), peak) for begun, peak_at, peak in backwards]
    )
    starts = _sentence_starts(doc)
    return [
        (*_sentences_around(doc, lines.widen_start(first), lines.widen_end(last), starts), peak)
        for first, last, peak in found
    ]


def _climbs(openers: list[int], evidence: list[float]) -> list[tuple[int, int, float]]:
    """(opener where the running sum left zero, opener where it peaked, the peak) of every climb."""
    climbs = []
    score = peak = 0.0
    begun = peak_at = 0
    for index, step in zip(openers, evidence, strict=True):
        if score == 0.0:
            begun = index
        score = max(0.0, score + step)
        if score > peak:
            peak, peak_at = score, index
        if score == 0.0 and peak:
            climbs.append((begun, peak_at, peak))
            peak = 0.0
    if peak:
        climbs.append((begun, peak_at, peak))
    return climbs


class _Lines:
    """The evidence of each line of the text, to tell where a stretch of soup really begins.

    A stretch starts after the last point where the running sum was zero, which may be a few openers
    before the soup (the end of a real paragraph with one odd opener): a leading line whose own
    evidence for soup is no more than one odd opener's is left out of the stretch.
    """

    def __init__(
        self, text: str, offsets: numpy.ndarray, openers: numpy.ndarray, evidence: numpy.ndarray, odd: float
    ):
        self.odd = odd
        breaks = numpy.array([match.start() for match in _NEWLINE.finditer(text)], dtype=numpy.int64)
        self.line_of = numpy.searchsorted(breaks, offsets.astype(numpy.int64), side="right")
        self.sums = numpy.bincount(self.line_of[openers], weights=evidence, minlength=len(breaks) + 1)

    def trim_start(self, first: int, last: int) -> int:
        """``first``, or the first token of the first line from its own on that is soup by itself."""
        line, last_line = int(self.line_of[first]), int(self.line_of[last])
        while line < last_line and self.sums[line] <= self.odd:
            line += 1
        return first if line == self.line_of[first] else int(numpy.searchsorted(self.line_of, line))

    def widen_start(self, first: int) -> int:
        """The first token of ``first``'s line when that line is soup by itself, else ``first``."""
        line = int(self.line_of[first])
        return int(numpy.searchsorted(self.line_of, line)) if self.sums[line] > self.odd else first

    def widen_end(self, last: int) -> int:
        """The last token of ``last``'s line when that line is soup by itself, else ``last``."""
        line = int(self.line_of[last])
        if self.sums[line] <= self.odd:
            return last
        return int(numpy.searchsorted(self.line_of, line, side="right")) - 1

    def trim_end(self, first: int, last: int) -> int:
        """``last``, or the last token of the last line back to ``first``'s that is soup by itself."""
        line, first_line = int(self.line_of[last]), int(self.line_of[first])
        while line > first_line and self.sums[line] <= self.odd:
            line -= 1
        if line == self.line_of[last]:
            return last
        return int(numpy.searchsorted(self.line_of, line, side="right")) - 1


def _sentence_starts(doc: Doc) -> list[int]:
    """The first token of every sentence, in order (one walk of the doc; a token's ``.sent`` walks
    the doc's sentences each time it is read)."""
    return [sentence.start for sentence in doc.sents]


def _sentences_around(doc: Doc, first: int, last: int, starts: list[int]) -> tuple[int, int]:
    """The sentences from the one holding token ``first`` to the one holding the token after ``last``
    (an opener's phrase), within their lines; ``starts`` from ``_sentence_starts``."""
    text = doc_text(doc)
    line_start = text.rfind("\n", 0, doc[first].idx) + 1
    sentence_start = starts[bisect.bisect_right(starts, first) - 1]
    start = sentence_start if doc[sentence_start].idx >= line_start else first
    following = min(last + 1, len(doc) - 1)
    line_end = text.find("\n", doc[last].idx)
    index = bisect.bisect_right(starts, following)
    end = starts[index] if index < len(starts) else len(doc)
    if line_end != -1 and doc[end - 1].idx > line_end:
        end = following + 1
    return start, end
