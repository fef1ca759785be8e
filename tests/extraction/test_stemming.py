"""Lemmas of unparsed words come from spaCy's own lemmatizer, so they meet the parsed tokens' lemmas."""

import pytest

from newsapi.extraction.nlp import get_nlp
from newsapi.extraction.stemming import lemma_forms, word_lemmas


@pytest.mark.parametrize(
    ("word", "pos", "lemma"),
    [
        ("bombed", "VERB", "bomb"),
        ("attacks", "NOUN", "attack"),
        ("dies", "VERB", "die"),
        ("was", "VERB", "be"),
    ],
)
def test_an_unparsed_word_gets_the_lemma_spacy_gives_it(word, pos, lemma):
    """The rule lemmatizer's first lemma is the one spaCy's parse gives the same word in a sentence."""
    assert word_lemmas(word, pos)[0] == lemma


def test_unparsed_lemmas_agree_with_the_parse():
    """A headline's words read alone get the lemmas the parser gives them in running text."""
    doc = get_nlp()("Militants bombed the consulate and rescuers searched the ruins.")
    for token in doc:
        if token.pos_ in ("VERB", "NOUN"):
            assert token.lemma_.lower() in word_lemmas(token.lower_, token.pos_), token.text


def test_lemma_forms_keep_the_word_first_and_never_repeat():
    """The written form comes first (a trigger written as a noun, "bombing"), then each lemma once."""
    forms = lemma_forms("bombing")
    assert forms[0] == "bombing"
    assert "bomb" in forms
    assert len(forms) == len(set(forms))
    assert lemma_forms("") == ("",)
