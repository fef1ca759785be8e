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


@pytest.mark.parametrize(
    "title", ["Lt.", "Col.", "Maj.", "Capt.", "Sgt.", "Det.", "Cmdr.", "Cpl.", "Gov.", "Sen."]
)
def test_an_abbreviated_title_keeps_its_dot(title):
    """spaCy's English exceptions keep "Gov." whole but split "Lt." into "Lt" and ".", which the
    model then reads as a sentence end or a person of its own."""
    assert _tokens(f"{title} Ann Lee spoke.")[:3] == [title, "Ann", "Lee"]


def test_every_us_state_abbreviation_keeps_its_dot():
    """AP style's state abbreviations (``lexicon.us_state_abbreviations``, from the ``us`` package) stay
    one token: spaCy's exceptions split "Vt.", "Wyo." and "W.Va.", and "Vt" alone names no state."""
    from newsapi.extraction.lexicon import us_state_abbreviations

    split = [
        a for a in us_state_abbreviations() if a not in _tokens(f"He lived in Burlington, {a}, for years.")
    ]
    assert split == []
    assert "Vt" not in {e.text for e in get_nlp()("He was the mayor of Burlington, Vt., in the 1980s.").ents}


def test_every_title_of_a_stacked_rank_reaches_the_role():
    from newsapi.extraction.entities import extract_entities

    doc = get_nlp()(
        "Lt. Gov. Dan Patrick said on Monday that the bill would pass. "
        "Det. Mark Jones said the man fled and Sgt. Maj. Ann Lee was hurt."
    )
    entities = {e.name: e for e in extract_entities(doc)}
    assert entities["Dan Patrick"].role == "Lieutenant Governor"
    assert entities["Mark Jones"].role == "Detective"
    assert entities["Ann Lee"].role == "Sergeant Major"
    assert not {"Det", "Sgt", "Lt"} & set(entities)


def test_an_abbreviated_title_the_model_never_saw_whole_does_not_end_the_sentence():
    doc = get_nlp()('"We are at war," said Pentagon spokesman Navy Capt. Jeff Davis, who was asked.')
    assert len(list(doc.sents)) == 1
    capt = next(t for t in doc if t.text == "Capt.")
    assert capt.dep_ != "punct"


@pytest.mark.parametrize(
    "dateline",
    [
        "VALENCIA, Spain (AP) \u2014 ",
        "VALENCIA, Spain \u2014 ",
        "VALENCIA (Reuters) - ",
        "Headline\n\nVALENCIA, Spain (AP) \u2014 ",
    ],
)
def test_the_lead_after_a_wire_dateline_is_parsed_as_a_sentence_of_its_own(dateline):
    """Without the break the model reads the dateline's place as the subject and hangs "swept" under
    "floods" as a clause of the place."""
    lead = "Flash floods swept through towns around Valencia overnight, regional authorities said Wednesday."
    doc = get_nlp()(dateline + lead)
    sentence = next(s for s in doc.sents if s.start_char >= len(dateline) - 1)
    assert sentence.text == lead
    swept = next(t for t in doc if t.text == "swept")
    assert (swept.dep_, swept.head.text) == ("ccomp", "said")


def test_a_capitalised_opening_that_is_no_dateline_is_left_to_the_parser():
    doc = get_nlp()("Washington - the Senate voted on Tuesday to pass the bill.")
    assert len(list(doc.sents)) == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("20 wounded.--Kevin Johnson", ["20", "wounded", ".", "--", "Kevin", "Johnson"]),
        ("the Glass-Steagall Act--the law", ["the", "Glass", "-", "Steagall", "Act", "--", "the", "law"]),
        ("-David Andersen and", ["-", "David", "Andersen", "and"]),
        # Not a bullet: a hyphen inside a word or before a number stays where spaCy put it.
        ("anti-Trump at -5 degrees", ["anti", "-", "Trump", "at", "-5", "degrees"]),
    ],
)
def test_a_double_hyphen_and_a_bullet_s_hyphen_are_tokens_of_their_own(text, expected):
    assert _tokens(text) == expected
