"""The model's attribute rules matched with numpy: the same matches and token attributes as spaCy's."""

from __future__ import annotations

import pytest
import spacy
from spacy.attrs import LEMMA, MORPH, POS, TAG
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from newsapi.extraction.attribute_rules import CompiledAttributeRules, compile_attribute_ruler
from newsapi.extraction.nlp import MODEL_PACKAGE, add_tokenizer_rules, get_nlp

pytestmark = pytest.mark.slow

# Sentences that meet the model's rules with sets, exclusions, regular expressions and two tokens:
# "ain't", "y'all", "nothin'", "gonna", "let's", an object "it", "there are", "did" as a main verb,
# a determiner standing alone, auxiliaries and subordinating conjunctions.
SENTENCES = [
    "Y'all ain't seen nothin' yet, and we're gonna prove it.",
    "Let's go: there are two reasons they did it, whether or not that is what she has done.",
    "I gave it to him because he said he'd been told that this was the one.",
    "Those who have not voted yet can't, unless the court says otherwise.",
    "  The  spaces\n\nand lines\tstay spaces.",
]


@pytest.fixture(scope="module")
def stock():
    return add_tokenizer_rules(spacy.load(MODEL_PACKAGE))


def _before_the_ruler(nlp, text: str) -> Doc:
    with nlp.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner"]):
        return nlp(text)


@pytest.mark.parametrize("text", SENTENCES)
def test_the_matches_are_spacy_matchers_own(stock, text):
    ruler = stock.get_pipe("attribute_ruler")
    doc = _before_the_ruler(stock, text)
    assert sorted(set(CompiledAttributeRules(ruler).match(doc))) == sorted(set(ruler.match(doc)))


@pytest.mark.parametrize("text", SENTENCES)
def test_the_shared_pipeline_gives_every_token_the_attributes_spacy_gives_it(stock, text):
    ours, theirs = get_nlp()(text), stock(text)
    assert (
        ours.to_array([TAG, POS, MORPH, LEMMA]).tolist() == theirs.to_array([TAG, POS, MORPH, LEMMA]).tolist()
    )
    # The rules did something: "ai" of "ain't" is lemmatised "be" by a two-token rule.
    if "ain't" in text:
        assert next(t for t in ours if t.lower_ == "ai").lemma_ == "be"


def test_the_shared_pipeline_uses_the_compiled_rules():
    ruler = get_nlp().get_pipe("attribute_ruler")
    assert getattr(ruler.match, "__self__", None).__class__ is CompiledAttributeRules


def test_a_rule_beyond_the_compiled_matcher_leaves_spacys_ruler_in_place():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "very", "OP": "+"}, {"LOWER": "good"}]], {"LEMMA": "good"}, index=-1)
    assert compile_attribute_ruler(nlp) is False
    assert type(ruler).match is AttributeRuler.match and "match" not in vars(ruler)
    doc = nlp("very very good")
    assert doc[2].lemma_ == "good"


def test_a_rule_the_compiled_matcher_reads_is_applied_with_later_rules_winning():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": {"IN": ["dogs", "cats"]}}]], {"LEMMA": "animal"})
    ruler.add([[{"LOWER": {"REGEX": "^cat"}}]], {"LEMMA": "cat"})
    ruler.add(
        [[{"LOWER": "big"}, {"IS_SPACE": False, "LOWER": {"NOT_IN": ["cats"]}}]], {"LEMMA": "large"}, index=0
    )
    assert compile_attribute_ruler(nlp) is True
    doc = nlp("big dogs and big cats and catfish")
    assert [t.lemma_ for t in doc] == ["large", "animal", "", "", "cat", "", "cat"]
