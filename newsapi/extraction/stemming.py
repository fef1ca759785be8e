"""Lemmas of words that no parse has seen (a headline kept apart from the body, a search term).

spaCy's own rule lemmatizer, with the tables of the loaded model (``en_core_web_sm``: exceptions,
suffix rules and the index of known words), applied to one word read as a given part of speech, so
an unparsed word meets the ``token.lemma_`` of the parsed ones: "bombed" -> "bomb", "dies" -> "die".
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc

from newsapi.extraction.nlp import get_nlp

LEMMA_CACHE_SIZE = 65536


@lru_cache(maxsize=LEMMA_CACHE_SIZE)
def word_lemmas(word: str, pos: str) -> tuple[str, ...]:
    """The lemmas spaCy gives ``word`` read as ``pos`` ("VERB", "NOUN", ...), most likely first."""
    if not word:
        return ()
    nlp = get_nlp()
    doc = Doc(nlp.vocab, words=[word])
    doc[0].pos_ = pos
    return tuple(dict.fromkeys(lemma.lower() for lemma in nlp.get_pipe("lemmatizer").rule_lemmatize(doc[0])))


def lemma_forms(word: str, pos_tags: tuple[str, ...] = ("VERB", "NOUN")) -> tuple[str, ...]:
    """``word`` itself, then its lemmas under each part of speech in ``pos_tags``, without repeats."""
    return tuple(dict.fromkeys([word, *(lemma for pos in pos_tags for lemma in word_lemmas(word, pos))]))
