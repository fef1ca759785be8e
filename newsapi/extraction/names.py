"""Name normalisation and matching, as plain string functions (no spaCy).

Used in two places: ``entities`` merges the forms of one name inside an
article ("Lavrov" into "Sergei Lavrov"), and the Django side links entities
across articles, where outlets spell the same name differently ("Zelensky",
"Zelenskyy", "Zelenskiy"; "Sergei", "Sergey"; "Türkiye", "Turkiye").

``name_key`` folds spelling variants with a few principled rules (diacritics,
punctuation, transliteration endings) plus a small table of given-name
variants and the names of countries (``lexicon``); ``is_short_form`` decides whether one name is a shortened
reference to another ("Putin" for "Vladimir Putin", "V. Putin" too), and
keeps generational suffixes apart ("Donald Trump" is not "Donald Trump Jr.").
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache
from typing import NamedTuple

from newsapi.extraction import lexicon
from newsapi.extraction.types import LOCATION

_LETTER_FOLDS = str.maketrans(lexicon.LETTER_FOLDS)
_APOSTROPHES = re.compile(r"[’‘ʼʹ`´′]")
_HYPHENS = re.compile(r"[‐‑‒–—―−]")
_POSSESSIVE = re.compile(r"(?:'s|(?<=s)')$", re.IGNORECASE)
# Transliteration endings, tried in order on each word of five letters or
# more (shorter words such as "Li" or "Yi" are left alone). Russian "-ий",
# "-ый" come out as -iy, -yy, -ii, -yi or -y depending on the outlet; Polish
# and French spellings give "-ski"; the final "-й" after a vowel comes out as
# -i, -y or -j ("Sergei", "Sergey", "Sergej").
_ENDING_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?:iy|yy|ii|yi|ij|yj)$"), "y"),
    (re.compile(r"(?<=[sc]k)i$"), "y"),
    (re.compile(r"(?<=zk)i$"), "y"),
    (re.compile(r"(?<=[aeo])[ij]$"), "y"),
    # French-style "-vitch" / "-itch" for Russian "-вич" ("Abramovitch").
    (re.compile(r"tch$"), "ch"),
)

_GIVEN_NAME_VARIANTS: dict[str, str] = {
    variant: canonical
    for canonical, variants in lexicon.TRANSLITERATION_VARIANTS.items()
    for variant in variants
}
_SUFFIXES = lexicon.NAME_SUFFIXES


# Titles and honorifics that may precede a name. "Core" words make a run of
# words a title; modifiers ("Foreign", "Deputy") only count next to one.
_TITLE_CORE = frozenset(word.rstrip(".") for word in lexicon.ROLE_NOUNS) | lexicon.HONORIFICS
_TITLE_MODIFIERS = lexicon.ROLE_MODIFIERS | lexicon.TITLE_LINK_WORDS
_AMBIGUOUS_CORE = lexicon.AMBIGUOUS_TITLES
_SMALL_TITLE_WORDS = lexicon.TITLE_LINK_WORDS
# A person is still the same person without a given name ("Lavrov" of "Sergei
# Lavrov"), but "Foreign Ministry" is not necessarily "Russian Foreign
# Ministry": organisation names need equal keys.
_ORGANISATION_HEADS = lexicon.ORGANISATION_HEADS
_NATIONALITY_SHAPE = re.compile(
    r"^(?:[A-Z][a-z]+(?:ian|ean|an|ese|ish|i|ch|ic)|[A-Z]\.?[A-Z]\.?(?:[A-Z]\.?)?)$"
)
_WORD = re.compile(r"\S+")


def _ascii_fold(text: str) -> str:
    text = text.translate(_LETTER_FOLDS)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _fold_word(word: str) -> str:
    if len(word) >= 5:
        for pattern, replacement in _ENDING_RULES:
            folded = pattern.sub(replacement, word)
            if folded != word:
                word = folded
                break
    return _GIVEN_NAME_VARIANTS.get(word, word)


def _key_words(name: str) -> list[str]:
    text = _APOSTROPHES.sub("'", _ascii_fold(name))
    text = _HYPHENS.sub("-", text).strip()
    text = _POSSESSIVE.sub("", text).casefold()
    # Hyphens separate words ("al-Assad" keeps "Assad" as a word to match);
    # apostrophes and dots inside a word are dropped ("O'Brien", "U.S.").
    text = re.sub(r"[-_/,;:()\[\]\"]+", " ", text)
    written = text.split()
    text = re.sub(r"['.]", "", text)
    words = [w for w in text.split() if any(ch.isalnum() for ch in w)]
    if len(words) > 1 and words[0] == "the":
        words, written = words[1:], written[1:]
    if len(written) > 1 and all(_INITIALS.fullmatch(w) for w in written):
        # Initials written with spaces are the dotted word ("U. S." is "U.S.", "U. N." is "U.N.").
        words = ["".join(words)]
    return [_fold_word(w) for w in words]


# A word of dotted initials: "u.", "u.s.".
_INITIALS = re.compile(r"(?:\w\.)+")


# Names recur within an article and across a batch (every mention of "Trump" is keyed several times):
# the keys are pure functions of the written name, kept for the most recent names seen.
_KEY_CACHE_SIZE = 65536


@lru_cache(maxsize=_KEY_CACHE_SIZE)
def name_key(name: str, entity_type: str | None = None) -> str:
    """Return a matching key: equal keys mean "the same name, spelled differently".

    Casefolded and ASCII-folded ("Türkiye" -> "turkiye"), without possessive
    "'s", a leading "the", dots or apostrophes, with hyphens and runs of
    whitespace turned into single spaces, and with transliteration variants
    folded ("Zelenskyy", "Zelenskiy", "Zelenskii" -> "zelensky"; "Sergei",
    "Sergey" -> "sergey"; "Yuri", "Yury", "Iouri" -> "yury"). A country's
    names share one key, its English exonym's ("Türkiye", "Republic of
    Türkiye" -> "turkey"; "Russian Federation" -> "russia"), and so do the
    abbreviations news writes for a country or an international organisation
    ("U.S.", "US", "USA" -> "united states"; "UK", "Britain" -> "united
    kingdom"; "EU" -> "european union"), see ``full_name``; initials written with spaces are the
    dotted ones ("U. S." is "U.S."). A place (``entity_type`` LOCATION) also folds the abbreviation AP
    style writes for a US state, with its dot ("Calif." -> "california"), and the short name a
    country's official name ends with ("United States of America": "America" -> "united states"),
    which elsewhere names other things (a title, a team, a magazine): see ``_country_short_keys``.
    """
    key = _plain_key(name)
    full = full_name(name, entity_type)
    if full is not None:
        return name_key(full)
    if entity_type == LOCATION:
        key = _country_short_keys().get(key, key)
    return _country_keys().get(key, key)


def lookup_keys(name: str) -> set[str]:
    """The keys a name typed by a person may be stored under, whatever the type of its entity: the
    plain key and the place's ("America" -> {"america", "united states"})."""
    return {name_key(name), name_key(name, LOCATION)} - {""}


def full_name(name: str, entity_type: str | None = None) -> str | None:
    """The full name an abbreviation stands for ("U.S." -> "United States"; a place "Calif." ->
    "California"), or None.

    Abbreviations come from ``lexicon.NAME_ABBREVIATIONS`` and ``lexicon.us_state_abbreviations``,
    compared by key (so dotted initials are their undotted letters: "U.A.E." is "UAE"). One listed
    in capitals matches only a name written in capitals: "US" and "U.S." are the country, "Us" and
    "us" are not. A state's matches only a place (``entity_type`` LOCATION: "Del." may be a
    delegate, "Ind." an independent) written with its closing dot ("Pa." and "La." are
    Pennsylvania and Louisiana, "Pa" and "La" are not).
    """
    key = _plain_key(name)
    entry = _abbreviations().get(key)
    if entry is None:
        return None
    bare = _LEADING_THE.sub("", _POSSESSIVE.sub("", _APOSTROPHES.sub("'", name).strip()))
    if entry.capitals and not all(ch.isupper() for ch in bare if ch.isalpha()):
        return None
    if entry.dotted and (entity_type != LOCATION or not bare.endswith(".")):
        return None
    return entry.full


_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)


class _Abbreviation(NamedTuple):
    full: str
    capitals: bool  # matches only a name written in capitals
    dotted: bool  # matches only a name written with its closing dot


@lru_cache(maxsize=1)
def _abbreviations() -> dict[str, _Abbreviation]:
    """Key of each abbreviation -> what it stands for and how it must be written to stand for it."""
    found = {
        _plain_key(short): _Abbreviation(full, short.isupper(), dotted=False)
        for full, shorts in lexicon.NAME_ABBREVIATIONS.items()
        for short in shorts
    }
    for short, full in lexicon.us_state_abbreviations().items():
        found.setdefault(_plain_key(short), _Abbreviation(full, short.isupper(), dotted=True))
    return found


@lru_cache(maxsize=1)
def _country_keys() -> dict[str, str]:
    """Key of every name of a country -> key of its English exonym (from ``lexicon``)."""
    folded: dict[str, str] = {}
    for names in lexicon.country_name_groups():
        canonical = _plain_key(names[-1])
        for name in names[:-1]:
            folded.setdefault(_plain_key(name), canonical)
    # A name that is one country's exonym is never folded into another's.
    return {key: canonical for key, canonical in folded.items() if key != canonical}


@lru_cache(maxsize=1)
def _country_short_keys() -> dict[str, str]:
    """Key of a country's short name -> key of its exonym: the words after the last "of" of its
    official name ("United States of America" -> "america"), from
    ``lexicon.country_official_names``. A short name that is some country's name already ("China"
    of "Republic of China"), or ends two countries' official names ("Korea"), is left alone."""
    names = {_plain_key(name) for group in lexicon.country_name_groups() for name in group}
    found: dict[str, set[str]] = {}
    for official, exonym in lexicon.country_official_names():
        _, of, short = official.rpartition(" of ")
        if of:
            found.setdefault(_plain_key(short), set()).add(_plain_key(exonym))
    return {
        short: exonyms.pop()
        for short, exonyms in found.items()
        if len(exonyms) == 1 and short and short not in names
    }


@lru_cache(maxsize=_KEY_CACHE_SIZE)
def _plain_key(name: str) -> str:
    """The key's words, with no country or abbreviation folded."""
    return " ".join(_key_words(name))


def without_legal_form(name: str) -> str | None:
    """A company's name without the legal forms it ends with, or None when it ends with none.

    "Pfizer Inc." -> "Pfizer", "Samsung Electronics Co., Ltd." -> "Samsung Electronics", "Moelis &
    Company" -> "Moelis"; the forms are ``lexicon.legal_forms`` (from ``cleanco``). A form is
    written as a form: capitalised, and a word of two letters in capitals or as an abbreviation
    ("SA", "AG", "Co", "Co."), so a name's last word that only spells like one ("Nguyen Van Sa",
    "Christie at") is none; a dot inside a form is written ("E.U." is a legal form, "EU" is not).
    """
    words = name.split()
    stripped = False
    while len(words) > 1:
        size = next((size for size in (3, 2, 1) if len(words) > size and _is_legal_form(words[-size:])), 0)
        if not size:
            break
        words, stripped = words[:-size], True
        # The connector and the comma a form is written after ("Moelis & Company", "Pfizer, Inc.").
        while len(words) > 1 and words[-1].casefold() in _LEGAL_FORM_CONNECTORS:
            words.pop()
        words[-1] = words[-1].rstrip(",")
    return " ".join(words) if stripped and _plain_key(" ".join(words)) else None


_LEGAL_FORM_CONNECTORS = frozenset({"&", "and"})


def _is_legal_form(written: list[str]) -> bool:
    text = " ".join(written).rstrip(",")
    if not text[:1].isupper():
        return False
    folded = text.casefold()
    forms = lexicon.legal_forms()
    if len(written) == 1 and len(text.rstrip(".")) == 2 and not text.isupper():
        # "Co" for "Co.", an abbreviation written without its dot; not "Sa", "Da", "Ay".
        return folded.rstrip(".") + "." in forms
    return folded in forms or folded.rstrip(".") in forms or folded + "." in forms


def ends_in_legal_form(name: str) -> bool:
    """True for a company's name written with its legal form: "Kellogg Co.", "Magna International Inc."."""
    words = name.split()
    return len(words) > 1 and _is_legal_form(words[-1:])


def strip_title(name: str) -> tuple[str, str | None]:
    """Split a leading title off a name: "President Vladimir Putin" -> ("Vladimir Putin", "President").

    The title may be several words with a nationality or a possessive in front
    ("Russian Foreign Minister", "US Secretary of State", "Ukraine's
    President"). Both parts are returned as they were written. A name that is
    nothing but title words ("President") is returned whole with no title.
    """
    words = list(_WORD.finditer(name))
    last_core = -1
    for index, match in enumerate(words):
        raw = match.group()
        bare = raw.rstrip(".,").casefold()
        bare_ascii = _ascii_fold(bare)
        if bare_ascii in _TITLE_CORE and (index > 0 or bare_ascii not in _AMBIGUOUS_CORE):
            last_core = index
        elif bare_ascii in _TITLE_MODIFIERS:
            # After a core word a modifier continues the title ("Secretary of State").
            if last_core >= 0 and bare_ascii not in _SMALL_TITLE_WORDS:
                last_core = index
        elif last_core < 0 and _is_qualifier(raw):
            continue
        else:
            break
    # The title must leave a name behind and must not end on "of"/"the".
    while last_core >= 0 and words[last_core].group().casefold() in _SMALL_TITLE_WORDS:
        last_core -= 1
    if last_core < 0 or last_core + 1 >= len(words):
        return name, None
    title = name[words[0].start() : words[last_core].end()].rstrip(",")
    rest = name[words[last_core + 1].start() :].strip()
    return rest, title


def _is_qualifier(word: str) -> bool:
    """A word that can stand before a title: "Russian", "US", "Ukraine's"."""
    word = _APOSTROPHES.sub("'", word)
    if word.endswith("'s") and word[:1].isupper():
        return True
    return bool(_NATIONALITY_SHAPE.match(word))


def _name_parts(name: str) -> tuple[list[str], str | None]:
    bare, _ = strip_title(name)
    words = _key_words(bare)
    suffix = None
    if len(words) > 1 and words[-1] in _SUFFIXES:
        suffix = _SUFFIXES[words.pop()]
    return words, suffix


def _word_matches(short: str, full: str) -> bool:
    # A single letter is an initial ("V." -> "v"): it matches a word it starts.
    if len(short) == 1:
        return full.startswith(short)
    return short == full


def is_short_form(short: str, full: str) -> bool:
    """Whether ``short`` is a shortened reference to the person named ``full``.

    True for a surname ("Lavrov" of "Sergei Lavrov"), for initials ("V.
    Putin"), for dropped middle names ("Donald Trump" of "Donald J. Trump"),
    titles ignored on both sides ("President Putin"). The last words must
    agree and the rest of ``short`` must be an in-order subset of ``full``.
    Generational suffixes must agree: "Trump Jr." is not "Donald Trump".
    Identical names are not short forms of each other (see ``names_match``).
    Meant for person names; organisations need exact keys, so a name whose
    last word is an organisation noun ("Foreign Ministry") is never a short
    form ("Russian Foreign Ministry" may be another country's ministry).
    """
    short_words, short_suffix = _name_parts(short)
    full_words, full_suffix = _name_parts(full)
    if not short_words or not full_words or short_suffix != full_suffix:
        return False
    if full_words[-1] in _ORGANISATION_HEADS:
        return False
    if short_words == full_words or len(short_words) > len(full_words):
        return False
    # The surname must be spelled out, not an initial.
    if len(short_words[-1]) == 1 or short_words[-1] != full_words[-1]:
        return False
    position = 0
    rest = full_words[:-1]
    for word in short_words[:-1]:
        while position < len(rest) and not _word_matches(word, rest[position]):
            position += 1
        if position == len(rest):
            return False
        position += 1
    return True


def is_fuller_name(name: str, other: str, entity_type: str | None = None) -> bool:
    """Whether ``other`` is a fuller form of ``name``: longer, and the same name or ``name`` shortened
    (``names_match``): "Sergei Lavrov" of "Lavrov", "United States" of "U.S." and, for a place, of
    "America"."""
    return len(other) > len(name) and names_match(name, other, entity_type)


def names_match(a: str, b: str, entity_type: str | None = None) -> bool:
    """Whether two names can refer to the same entity (of ``entity_type``, when given: see
    ``name_key``): same key, or one shortens the other."""
    a_bare, _ = strip_title(a)
    b_bare, _ = strip_title(b)
    key_a, key_b = name_key(a_bare, entity_type), name_key(b_bare, entity_type)
    if not key_a or not key_b:
        return False
    return key_a == key_b or is_short_form(a_bare, b_bare) or is_short_form(b_bare, a_bare)


_WORD_IN_CAPITALS = re.compile(r"[A-Z]{4,}")
_LETTER_RUN = re.compile(r"[^\W\d_]+")


def from_capitals(text: str, written: str = "") -> str:
    """A name written in capitals as names are written: as the article's text ``written`` spells it in
    capitals and small letters, the whole name ("CHARLES DE GAULLE" -> "Charles de Gaulle") or word by
    word ("JOHN MCCAIN" -> "John McCain" where it writes "Sen. McCain"); else each run of letters
    capitalised on its own ("O'SMACH" -> "O'Smach", "WINSTON-SALEM" -> "Winston-Salem", "JANE DOE" ->
    "Jane Doe"), since no rule knows a name's inner capitals ("MCCAIN" -> "Mccain")."""
    if written:
        whole = _spelling_in(text, written)
        if whole is not None:
            return whole
    return _WORD.sub(
        lambda word: (
            (written and _spelling_in(word.group(), written))
            or _LETTER_RUN.sub(lambda run: run.group().capitalize(), word.group())
        ),
        text,
    )


def _spelling_in(name: str, written: str) -> str | None:
    """The commonest way ``written`` writes ``name``, compared without case, in capitals and small
    letters with a capital first ("McCain" for "MCCAIN", not "MCCAIN" nor "mccain"); None when it never
    does."""
    words = name.split()
    if not words:
        return None
    pattern = re.compile(
        r"(?<![\w'’-])" + r"\s+".join(re.escape(w) for w in words) + r"(?![\w-])",
        re.IGNORECASE,
    )
    forms = Counter(
        " ".join(found.split())
        for found in pattern.findall(written)
        if not found.isupper() and found[:1].isupper()
    )
    return forms.most_common(1)[0][0] if forms else None


def place_spelling(name: str, *, dateline: bool = False, written: str = "") -> str:
    """A place named only in capitals ("WASHINGTON", "DES MOINES", a dateline's or a heading's) as
    GeoNames spells it. A dateline's place GeoNames does not know is spelled as the article's text
    ``written`` spells it elsewhere, else in capitals and small letters ("O'Smach": ``from_capitals``);
    elsewhere a name in capitals it does not know stays, since it is as likely an acronym ("ISIL",
    "DPRK"). Abbreviations with full stops ("U.S.", "L.A.") always stay."""
    if not name.isupper() or not _WORD_IN_CAPITALS.search(name) or "." in name.replace(". ", " "):
        return name
    known = lexicon.geo_place_spellings().get(name_key(name, LOCATION))
    return known or (from_capitals(name, written) if dateline else name)


def nickname_match(form: str, name: str) -> bool:
    """Whether the person's name ``form`` names the person ``name`` names once its given name is read as a
    nickname of theirs, or theirs of it (``lexicon.is_nickname_pair``): "Joe Biden" and "Joseph R.
    Biden", "Ted Kennedy" and "Edward M. Kennedy"; "Rand Paul" and "Ron Paul" are two."""
    # Stored and extracted names carry no title: the first word is the given name.
    form_words, name_words = form.split(), name.split()
    if (
        len(form_words) < 2
        or len(name_words) < 2
        or not lexicon.is_nickname_pair(form_words[0], name_words[0])
    ):
        return False
    return names_match(name, " ".join([name_words[0], *form_words[1:]]))


# Roles an entity keeps a count of, across articles: bounded whatever the archive holds.
ROLES_KEPT = 20


def roles_counted(
    counts: dict[str, int], role: str, articles: int = 1, kept: int = ROLES_KEPT
) -> dict[str, int]:
    """``counts`` (role as first written -> articles giving it) with ``articles`` more giving ``role``,
    its case aside ("former Secretary of State", "former secretary of state"). Past ``kept`` roles the
    least given other one goes (ties: the last in alphabetical order). A negative ``articles`` takes an
    article's role back (an article extracted again, or deleted); a role no article gives any more goes."""
    counts = dict(counts)
    written = next((known for known in counts if known.casefold() == role.casefold()), role)
    counts[written] = counts.get(written, 0) + articles
    if counts[written] <= 0:
        del counts[written]
    while len(counts) > kept:
        dropped = max(
            (known for known in counts if known != written), key=lambda known: (-counts[known], known)
        )
        del counts[dropped]
    return counts


def commonest_role(counts: dict[str, int]) -> str:
    """The role most articles give, or its fuller form that ends with it ("Vermont Senator" of "Senator",
    "Russian Foreign Minister" of "Foreign Minister") where enough articles give that: at least a tenth as
    many, and two or more once the commonest has more than two. One article's long apposition ("former
    chairman of President" beside 81 "President") never wins. Ties go to the longer role, then the first
    in alphabetical order: any arrival order gives the same role."""
    if not counts:
        return ""

    def rank(role: str) -> tuple:
        return (-counts[role], -len(role), role)

    best = min(counts, key=rank)
    words = best.casefold().split()

    def fuller(role: str) -> bool:
        given = counts[role]
        return (
            len(role.split()) > len(words)
            and role.casefold().split()[-len(words) :] == words
            and 10 * given >= counts[best]
            and (given >= 2 or counts[best] <= 2)
        )

    forms = [role for role in counts if fuller(role)]
    return min(forms, key=rank) if forms else best
