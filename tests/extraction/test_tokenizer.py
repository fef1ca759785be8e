"""The shared pipeline's tokenizer: quotation marks pressed against a word become tokens of their own."""

from __future__ import annotations

import pytest

from newsapi.extraction.nlp import get_nlp

pytestmark = pytest.mark.slow


def _tokens(text: str) -> list[str]:
    return [t.text for t in get_nlp().tokenizer(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He said,“Look", ["He", "said", ",", "“", "Look"]),
        ("divisive,”Clinton said", ["divisive", ",", "”", "Clinton", "said"]),
        ('told us:"We won."Then', ["told", "us", ":", '"', "We", "won", ".", '"', "Then"]),
        ("is «great»,he said", ["is", "«", "great", "»", ",", "he", "said"]),
        ("the „deal“ stands", ["the", "„", "deal", "“", "stands"]),
    ],
)
def test_a_double_quote_mark_glued_to_a_word_is_split_off_with_its_punctuation(text, expected):
    assert _tokens(text) == expected


def test_apostrophes_contractions_and_abbreviations_are_tokenized_as_before():
    assert _tokens("I don't think the U.S.-based firm's CEO can't") == [
        "I", "do", "n't", "think", "the", "U.S.-based", "firm", "'s", "CEO", "ca", "n't",
    ]  # fmt: skip


def test_splitting_marks_never_changes_the_text_or_the_character_offsets():
    text = 'A said,“B.”C added:"D,"E\n«F»,G — „H“ and ""I'
    doc = get_nlp()(text)
    assert doc.text == text
    for token in doc:
        assert text[token.idx : token.idx + len(token)] == token.text
    assert "".join(t.text_with_ws for t in doc) == text


@pytest.mark.parametrize(
    "text",
    [
        "PHILADELPHIA {dash} Two of the three people who survived the shooting made an emotional plea "
        "on Wednesday.",
        "WASHINGTON {dash} President Barack Obama made history on Tuesday by nominating the first "
        "Muslim person to the federal judiciary.",
    ],
)
def test_a_dash_the_model_never_saw_is_parsed_as_an_em_dash(text):
    """HuffPost writes its datelines with U+2015; read as itself the model tags it a verb and makes it
    the root of the lead sentence. (Its shape and affixes stay its own, so rarer dashes may still be
    read differently.)"""
    dash = "\u2015"
    doc = get_nlp()(text.format(dash=dash))
    assert doc.text == text.format(dash=dash)
    assert doc[1].norm_ == get_nlp().vocab["\u2014"].norm_
    assert not doc[1].tag_.startswith("VB")
    assert doc[1].dep_ != "ROOT"
