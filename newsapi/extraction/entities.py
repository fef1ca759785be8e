"""Named entities of one article, from the spaCy parse of its cleaned body.

spaCy's small English model finds the spans; this step makes them usable:

- it normalises spans (no leading "the", no trailing "'s", no title words
  inside a person's span) and rejects page furniture and headline fragments
  ("Premium", "Awaits Ruiz's");
- it merges every form of one name into one entity ("Lavrov", "Sergei
  Lavrov", "President Putin", "Zelensky"/"Zelenskyy", "US"/"United States"),
  using ``names``;
- it decides ONE type per entity from all its mentions, since the model
  contradicts itself across sentences (a capital city tagged as a PERSON in
  one sentence, a surname as an ORG in another);
- it captures a person's role from the words around a mention ("Russian
  Foreign Minister", "head of Russia's negotiating team").

Everything is a few linear passes over the entity spans and their nearby
tokens: the cost is a small fraction of the parse itself.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

import numpy
from spacy.attrs import ENT_IOB, IS_LOWER, IS_TITLE, LOWER, ORTH, POS
from spacy.strings import StringStore
from spacy.symbols import PROPN
from spacy.tokens import Doc, Span, Token

from newsapi.extraction import lexicon
from newsapi.extraction.datelines import dateline_city, match_dateline
from newsapi.extraction.names import (
    from_capitals,
    full_name,
    is_short_form,
    name_key,
    place_spelling,
    without_legal_form,
)
from newsapi.extraction.nlp import (
    according_to_object,
    doc_text,
    invested_in,
    names_a_party,
    names_a_storm,
    opens_a_score,
)
from newsapi.extraction.temporal import DATE_TYPE, TIME_TYPE, find_timexes
from newsapi.extraction.types import LOCATION, ORGANIZATION, OTHER, PERSON, EntityCandidate, MentionSpan
from newsapi.extraction.word_order import soup_ranges

_LABEL_TYPES = {
    "PERSON": PERSON,
    "ORG": ORGANIZATION,
    "GPE": LOCATION,
    "LOC": LOCATION,
    "FAC": LOCATION,
    "EVENT": OTHER,
    "LAW": OTHER,
    "WORK_OF_ART": OTHER,
    "PRODUCT": OTHER,
}
# NORP ("Russian", "Democrats") and LANGUAGE are adjectives or groups, not
# entities one would link articles by; numbers and dates belong to other steps.


_FURNITURE = lexicon.PAGE_FURNITURE
_NAME_ADJECTIVE_PREFIXES = lexicon.NAME_ADJECTIVE_PREFIXES
_HONORIFICS = lexicon.HONORIFICS
_DETERMINERS = frozenset({"the", "a", "an", "this", "that"})
# Words before a coordination the model may run into a name ("Both Senator D'Amato and ..."); no name
# starts with one.
_PREDETERMINERS = frozenset({"both", "either", "neither"})
_POSSESSIVE_TOKENS = frozenset({"'s", "’s", "'", "’", "s"})
_MAX_TOKENS = 6

# Words that make a run of words in front of a name (or an appositive after
# it) a role. Lower-cased; compared with the token and its lemma.
_ROLE_NOUNS = lexicon.ROLE_NOUNS
_ROLE_MODIFIERS = lexicon.ROLE_MODIFIERS | lexicon.TITLE_LINK_WORDS | {"'s", "’s", "-"}
_POSTPOSITIVE_TITLE_WORDS = lexicon.POSTPOSITIVE_TITLE_WORDS
_ROLE_DEPS = frozenset({"compound", "amod", "nmod", "poss", "case", "punct", "prep", "pobj", "det"})
_MAX_ROLE_TOKENS = 8
_MAX_APPOS_TOKENS = 10

_SPEECH_VERBS = lexicon.SPEECH_VERBS
_LOCATIVE_PREPS = lexicon.LOCATIVE_PREPOSITIONS
_STRONG_LOCATIVE_PREPS = lexicon.STRONG_LOCATIVE_PREPOSITIONS
_PLACE_HEADS = lexicon.PLACE_HEADS
_ORG_WORDS = lexicon.ORGANISATION_HEADS
_ORG_HEADS = lexicon.ORGANISATION_HEADS
_ORG_CONNECTORS = lexicon.ORGANISATION_CONNECTORS
_COMPANY_NOUNS = lexicon.COMPANY_NOUNS
# Head nouns that make a name no person's: an organisation's, a building's.
_NON_PERSON_HEADS = _ORG_HEADS | lexicon.SEAT_OF_BODY_HEADS | lexicon.FACILITY_HEADS
_PERSON_PRONOUNS = lexicon.PERSON_PRONOUNS
_THING_PRONOUNS = lexicon.THING_PRONOUNS
_TITLE_CASE_SMALL_WORDS = lexicon.TITLE_CASE_SMALL_WORDS
# Hashes for scanning the Doc's token arrays (a hash does not depend on the vocab).
_HASH = StringStore()
_ROLE_NOUN_HASHES = numpy.array([_HASH[word] for word in _ROLE_NOUNS], dtype=numpy.uint64)
_ORG_HEAD_HASHES = numpy.array([_HASH[word] for word in _ORG_HEADS], dtype=numpy.uint64)
_NOT_A_NAME_HASHES = frozenset(_HASH[word] for word in _ROLE_NOUNS | _ROLE_MODIFIERS | _ORG_WORDS)
_IOB_INSIDE, _IOB_BEGIN = 1, 3  # Token.ent_iob: 1 = I, 2 = O, 3 = B, 0 = unset

# Not "I", which is the pronoun as often: "I told Governor Hale I would stay".
_REGNAL_NUMBER = re.compile(r"[IVX]{2,5}|V|X")
_HEADLINE_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
_BRACKET_INSIDE_A_WORD = re.compile(r"\w[\[\]]\w")
_SENTENCE_END = re.compile(r"""[.!?:;]["'”’)\]]*\s*$|["”]\s*$""")


@lru_cache(maxsize=1)
def _place_keys() -> frozenset[str]:
    """Keys of well-known places (``lexicon.place_names``): a tie-breaker for mis-typed single names."""
    return frozenset(name_key(place) for place in lexicon.place_names())


@lru_cache(maxsize=1)
def _known_organisation_keys() -> frozenset[str]:
    return frozenset(name_key(agency) for agency in (*lexicon.NEWS_AGENCIES, *lexicon.SOCIAL_PLATFORMS))


@dataclass
class _Mention:
    start: int
    end: int
    text: str
    label: str
    key: str
    words: int
    weak: bool  # in a headline-like line: the model is unreliable there
    root: Token
    first_token: int
    last_token: int
    role: str | None = None
    # The body's characters at start..end, when ``text`` (the name as written) differs from them.
    written: str | None = None
    # Found by looking for a name the model tagged elsewhere: no label vote.
    recovered: bool = False
    # A person's name, then an organisation's or a building's ("Obama White House", "Trump Tower").
    named_for_person: bool = False
    # In the place of the wire dateline that opens the body.
    in_dateline: bool = False


@dataclass
class _Cluster:
    key: str
    mentions: list[_Mention] = field(default_factory=list)
    merged_into: _Cluster | None = None

    def find(self) -> _Cluster:
        cluster = self
        while cluster.merged_into is not None:
            cluster = cluster.merged_into
        return cluster

    @property
    def longest(self) -> _Mention:
        return max(self.mentions, key=lambda m: (m.words, len(m.text)))

    @property
    def labels(self) -> Counter[str]:
        return Counter(m.label for m in self.mentions)


def extract_entities(doc: Doc) -> list[EntityCandidate]:
    """Return the article's entities, each with one type, its mentions, aliases and role.

    ``doc`` is the cleaned body parsed by ``get_nlp()``; every mention's
    offsets are into ``doc.text``. Entities come in order of first mention.
    """
    headline_lines = _HeadlineLines(doc_text(doc))
    # No names from word soup: its capitalised words are not names in a sentence.
    soup = soup_ranges(doc)
    strong: list[_Mention] = []
    weak: list[_Mention] = []

    # Tokens of the names widened over a particle: the surname the model tagged on its own ("Stegen" of
    # "Marc-Andre ter Stegen") is no second mention.
    particle_names: set[int] = set()

    def add(mention: _Mention | None) -> None:
        if mention is None or any(start <= mention.first_token < end for start, end in soup):
            return
        if mention.first_token in particle_names:
            return
        tokens = range(mention.first_token, mention.last_token + 1)
        if mention.label == "PERSON" and any(_is_name_particle(doc[i]) for i in tokens):
            particle_names.update(tokens)
        (weak if mention.weak else strong).append(mention)

    names_elsewhere = _names_outside_coordinations(doc)
    whole_names = _whole_names(doc)
    title_end = 0
    for ent in _joined_split_names(doc):
        if ent.start < title_end and not (ent.label_ == "PERSON" and len(ent) > 1):
            # A word of the quoted title taken whole below; a full name in it is a person's too ("Midday
            # with Charlie Sykes").
            continue
        title = _quoted_title_opened_by(ent)
        if title is not None:
            title_end = title.end
            add(_mention(title, headline_lines))
            continue
        named_for_person = _named_for_a_person(ent, whole_names)
        if named_for_person is not None:
            mention = _mention(named_for_person, headline_lines)
            if mention is not None:
                mention.named_for_person = True
            add(mention)
            continue
        for part in (
            _person_of_organisation(ent)
            or _owner_and_owned(ent, whole_names)
            or _conjuncts(ent, names_elsewhere)
        ):
            add(_mention(part, headline_lines))
    for mention in _untagged_titled_people(doc, headline_lines):
        add(mention)
    for mention in _untagged_places(doc, headline_lines):
        add(mention)
    for mention in _untagged_organisations(doc, headline_lines):
        add(mention)
    for mention in _untagged_teams(doc, headline_lines):
        add(mention)
    for mention in _missed_mentions(doc, strong, headline_lines):
        add(mention)
    city, parts = _unlabelled_dateline_city(doc, strong + weak, headline_lines)
    if parts:
        strong[:] = [m for m in strong if m not in parts]
        weak[:] = [m for m in weak if m not in parts]
    add(city)
    _place_the_dateline(doc, strong + weak)

    clusters: dict[str, _Cluster] = {}
    for mention in strong:
        clusters.setdefault(mention.key, _Cluster(mention.key)).mentions.append(mention)
    _merge_person_short_forms(clusters)
    _merge_acronyms(clusters)
    _merge_legal_form_names(clusters)
    _merge_contained_organisations(clusters)
    _attach_weak_mentions(weak, clusters)

    roots = {id(c): c for c in (cluster.find() for cluster in clusters.values())}
    lower_words = _lower_case_words(doc)
    family_names = {_last_word(c.key) for c in roots.values() if len(c.key.split()) > 1}
    entities = [
        _entity(cluster)
        for cluster in roots.values()
        if not _capitalised_common_word(cluster, lower_words) and not _group_of_people(cluster, family_names)
    ]
    entities.sort(key=lambda e: e.mentions[0].start)
    return entities


def _joined_split_names(doc: Doc) -> list[Span]:
    """``doc.ents``, with a person's name the model tagged as two people side by side joined again
    ("regional governor Oleksandr Prokudin said": "Oleksandr" and "Prokudin"): nothing between them, and
    the parse makes the first word part of the second's phrase."""
    joined: list[Span] = []
    for ent in doc.ents:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and previous.label_ == ent.label_ == "PERSON"
            and previous.end == ent.start
            and len(previous) == 1
            and previous.root.dep_ == "compound"
            and previous.root.head.i in range(ent.start, ent.end)
            and "\n" not in previous.root.whitespace_
        ):
            joined[-1] = Span(doc, previous.start, ent.end, label="PERSON")
        elif (
            previous is not None
            and previous.label_ == "ORG"
            and ent.label_ == "GPE"
            and previous.end == ent.start
            and len(ent) == 1
            and previous.root.dep_ == "compound"
            and previous.root.head.i == ent.start
            and ent.root.dep_ not in ("compound", "amod", "nmod")
            and "\n" not in previous[-1].whitespace_
        ):
            # An organisation's branch in a country ("according to Amnesty International Kenya"): the
            # parse makes the organisation's name a modifier of the country's, which ends the phrase.
            joined[-1] = Span(doc, previous.start, ent.end, label="ORG")
        else:
            joined.append(ent)
    return joined


def _lower_case_words(doc: Doc) -> frozenset[int]:
    """Hashes of the words the article writes in lower case somewhere."""
    attrs = doc.to_array([LOWER, IS_LOWER])
    return frozenset(attrs[attrs[:, 1] == 1, 0].tolist())


def _capitalised_common_word(cluster: _Cluster, lower_words: frozenset[int]) -> bool:
    """A single word capitalised only because it starts a sentence ("Scholars", "Browsers", "Turnout").

    Only when every mention starts a sentence (or follows a colon or a quote)
    and the article writes the same word in lower case elsewhere: a name is
    never written in lower case.
    """
    mentions = cluster.mentions
    if any(m.words != 1 or m.role for m in mentions):
        return False
    doc = mentions[0].root.doc
    for mention in mentions:
        index = mention.first_token
        previous = doc[index - 1] if index > 0 else None
        if not (
            previous is None
            or doc[index].is_sent_start
            or previous.is_space
            or previous.text in {":", '"', "“", "\n"}
            or _in_capitals_lead_in(doc, index)
        ):
            return False
    word = mentions[0].text.lower()
    # "Scholars" at the start of a sentence, "scholar" elsewhere.
    singular = word[:-1] if word.endswith("s") and len(word) > 4 else word
    if _HASH[word] in lower_words or _HASH[singular] in lower_words:
        return True
    # "Flash floods killed ...": a word of the language, no given name, opening a sentence as the
    # modifier of the noun after it, which the model took for a person's name (not "both of the Bush
    # presidents", where the parser may start a sentence too).
    return (
        all(
            m.label == "PERSON" and _after_a_sentence_end(doc, m.first_token) and _modifies_the_next_noun(m)
            for m in mentions
        )
        and lexicon.is_dictionary_word(word)
        and lexicon.first_name_gender(mentions[0].text) is None
    )


def _after_a_sentence_end(doc: Doc, index: int) -> bool:
    previous = doc[index - 1] if index > 0 else None
    # A line break ends a paragraph; a space (a no-break one: "the\xa0Bush presidents") ends nothing.
    return previous is None or "\n" in previous.text or previous.text in {".", "!", "?", ":", '"', "“", "”"}


def _modifies_the_next_noun(mention: _Mention) -> bool:
    doc = mention.root.doc
    following = mention.last_token + 1
    return (
        following < len(doc)
        and mention.root.dep_ in ("compound", "amod")
        and mention.root.head.i == following
        and doc[following].pos_ == "NOUN"
        and doc[following].is_lower
    )


def _group_of_people(cluster: _Cluster, family_names: set[str]) -> bool:
    """ "Latinos", "Britons", "Mormons": a plural word for a group of people, which the model labels NORP
    when it knows the word (no entity then, as for "Democrats") and a person or an organisation when it
    does not. The sentence tells: "among Latinos", "younger Latinos", "55 million Latinos",
    "African-Americans and Latinos" say what no one person's or organisation's name is. Not a family
    ("the wealthy Clintons" beside "Bill Clinton")."""
    longest = cluster.longest
    if longest.words != 1 or not longest.text.endswith("s"):
        return False
    # The model's guesses on a group are a person's or an organisation's labels ("Massachusetts voters",
    # "among the Americas" are a place's).
    if any(m.label not in ("PERSON", "ORG") for m in cluster.mentions) or cluster.key in _place_keys():
        return False
    if {cluster.key[:-1], cluster.key[:-2] if cluster.key.endswith("es") else None} & family_names:
        return False
    return any(_used_as_a_group(m.root) for m in cluster.mentions)


def _used_as_a_group(root: Token) -> bool:
    """ "among Latinos", "younger Latinos", "55 million Latinos", "African-Americans and Latinos", "a
    majority of Britons", "Clevelanders are counting down" (a verb in the plural, no article)."""
    if root.dep_ == "pobj" and root.head.lower_ == "among":
        return True
    if root.dep_ == "pobj" and root.head.lower_ == "of" and _a_quantity(root.head.head):
        return True
    verb = root.head
    if (
        root.dep_ == "nsubj"
        and any(t.tag_ == "VBP" for t in (verb, *(c for c in verb.children if c.dep_ in ("aux", "auxpass"))))
        # "Sanders and Clinton agree", "Snowden, WikiLeaks clash": two names take the plural too.
        and not any(c.dep_ in ("det", "conj") for c in root.children)
        and not any(c.pos_ == "PROPN" and c.i < root.i for c in verb.children)
    ):
        return True
    if (root.dep_ == "conj" and root.head.ent_type_ == "NORP") or any(
        c.dep_ == "conj" and c.ent_type_ == "NORP" for c in root.children
    ):
        return True
    lefts = list(root.lefts)
    # "the once great Caesars is bankrupt": a verb in the singular makes one company of it.
    if root.dep_ == "nsubj" and any(t.tag_ == "VBZ" for t in (root.head, *root.head.children)):
        return False
    return any(c.dep_ in ("amod", "nummod") and (c.is_lower or c.like_num) for c in lefts) and not any(
        c.lower_ in _SINGULAR_DETERMINERS for c in lefts
    )


def _a_quantity(token: Token) -> bool:
    """ "thousands", "a majority", "a share": a word for how many of a group."""
    return (
        token.like_num
        or token.ent_type_ in ("CARDINAL", "PERCENT")
        or token.lemma_.lower() in lexicon.QUANTITY_NOUNS
    )


_SINGULAR_DETERMINERS = frozenset({"a", "an", "this", "that", "another", "each", "every"})


def _in_capitals_lead_in(doc: Doc, index: int) -> bool:
    """The word is part of a paragraph's opening words set in capitals ("AN EXPLOSION outside the
    consulate ...", a tabloid's lead-in): every word from the start of its sentence to it is."""
    sentence_start = doc[index].sent.start
    words = [t for t in doc[sentence_start : index + 1] if t.is_alpha]
    return len(words) >= 2 and all(t.is_upper for t in words)


# -- spans -------------------------------------------------------------------


_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# What follows the first part of a place joined by a lower-case particle: "-i-Sharif", "-upon-Avon".
_JOINED_PLACE_REST = re.compile(r"(?:-[a-z]{1,5}-[A-Z][\w']*)+")


def _mention(ent: Span, headline_lines: _HeadlineLines) -> _Mention | None:
    # Not in a headline, where every word is capitalised ("Clinton Cash Debunks Hillary").
    if _titled_given_name(ent) or (
        _given_name_cut_short(ent) and not headline_lines.is_headline(ent.start_char)
    ):
        ent = Span(ent.doc, ent.start, _surname_end(ent.doc, ent.end), label="PERSON")
    label = ent.label_
    if label not in _LABEL_TYPES:
        return None
    tokens = _trimmed_tokens(ent)
    if tokens is None:
        return None
    first, last = tokens
    doc = ent.doc
    # The model may tag an organisation's head noun without the name before it ("Holdings" of "Arm
    # Holdings shares jumped"): the capitalised proper nouns it leaves untagged there are the name's.
    if label == "ORG" and first == ent.start and doc[first].lower_ in _ORG_HEADS:
        while (
            first > 0
            and doc[first - 1].pos_ == "PROPN"
            and doc[first - 1].is_title
            and doc[first - 1].ent_iob_ == "O"
            and doc[first - 1].dep_ == "compound"
        ):
            first -= 1
    if label == "ORG" and first > ent.start and doc[first - 1].lower_ in ("'s", "’s"):
        label = "PERSON"  # the person's name cut out of "Bloomberg's Christine Harper"
    if label == "WORK_OF_ART" and first > ent.start and _is_title_token(doc[first - 1]):
        label = "PERSON"  # the name cut out after its holder's title: "UN Spokesperson Stephane Dujarric"
    start = doc[first].idx
    end = doc[last].idx + len(doc[last].text)
    text = doc[first : last + 1].text
    # The tokenizer sometimes leaves a curly possessive attached ("Ukraine’s").
    for possessive in ("'s", "’s"):
        if text.endswith(possessive) and len(text) > len(possessive) + 1:
            end -= len(possessive)
            text = text[: -len(possessive)]
    if label == "PERSON":
        # The model ends a name before its lower-case particle and surname ("Erik" of "Erik ten Hag",
        # "Marc-Andre" of "Marc-Andre ter Stegen"): the particle reads as a number or a word.
        widened_last = _surname_after_particle(doc, last)
        if widened_last is not None:
            last = widened_last
            end = doc[last].idx + len(doc[last].text)
            text = doc_text(doc)[start:end]
    if label in _PLACE_LABELS:
        # The tokenizer splits a place joined by a lower-case particle ("Mazar-i-Sharif",
        # "Stratford-upon-Avon") and the model labels only its first part.
        joined = _JOINED_PLACE_REST.match(doc_text(doc), end)
        if joined is not None:
            widened = doc.char_span(start, joined.end(), alignment_mode="expand")
            if widened is not None and not any("\n" in t.text for t in widened):
                end, last = joined.end(), widened.end - 1
                text = doc_text(doc)[start:end]
    written = None
    if "[" in text or "]" in text:
        # Square brackets in a quotation mark an editor's insertion ("[Hillary] Clinton", "Newt
        # [Gingrich]"): the name is its words without them.
        written, text = text, " ".join(text.replace("[", " ").replace("]", " ").split())
    span = doc[first : last + 1]
    if _is_junk(span, text) or (label != "PERSON" and _cut_from_a_title(span)):
        return None
    if _reads_as_a_time(doc, first, last, text, label):
        return None

    # A place's key folds a country's short name into the country's ("America" the GPE is the United
    # States; "America" the team or the magazine is not).
    key = name_key(text, _LABEL_TYPES[label])
    if not key:
        return None
    return _Mention(
        start=start,
        end=end,
        text=text,
        label=label,
        key=key,
        words=last - first + 1,
        weak=headline_lines.is_headline(start) or (text.isupper() and last > first),
        root=span.root,
        first_token=first,
        last_token=last,
        # With its label: a role phrase before an organisation's name is kept only when it ends on a
        # role noun ("Apple CEO"); "the director of the progressive Economic Policy Institute" is not.
        role=_role(Span(doc, first, last + 1, label=label))
        if _may_hold_a_role(doc, first, last, label)
        else None,
        written=written,
    )


def _may_hold_a_role(doc: Doc, first: int, last: int, label: str) -> bool:
    """People and organisations hold roles; so does a name of several words that the model calls a place
    and GeoNames knows as none ("The opposition leader, Kemi Badenoch,"). A place after a title is where
    its holder is from ("Sen. Ted Cruz of Texas, a fellow candidate")."""
    return label in {"PERSON", "ORG"} or (
        label == "GPE"
        and last > first
        and name_key(doc[first : last + 1].text, LOCATION) not in lexicon.geo_place_keys()
    )


_MAX_QUOTED_TITLE_TOKENS = 6


# "van der Leyen", "de la Rúa": at most two particles before the surname.
_MAX_PARTICLES = 2


def _surname_after_particle(doc: Doc, last: int) -> int | None:
    """The index of the surname's last word when a person's name at ``last`` is followed, in its sentence,
    by one or two lower-case name particles (``lexicon.NAME_PARTICLES``) and capitalised words ("ten Hag",
    "van der Leyen"); else None. A capitalised word the model gives another label is no surname, unless
    the model's name itself ends on the particles ("Ursula von der" before "Leyen", labelled a place): no
    name ends on one."""
    i = last + 1
    particles = 0
    while (
        i < len(doc) and particles < _MAX_PARTICLES and _is_name_particle(doc[i]) and doc[i - 1].whitespace_
    ):
        i += 1
        particles += 1
    given = last
    while given > 0 and last - given < _MAX_PARTICLES and _is_name_particle(doc[given]):
        given -= 1
    ends_on_particle = given < last and doc[given].is_title
    if not particles and not ends_on_particle:
        return None
    surname = None
    while (
        i < len(doc)
        and doc[i].is_title
        and doc[i].is_alpha
        and not doc[i].is_sent_start
        and (doc[i].ent_type_ in ("", "PERSON") or (ends_on_particle and surname is None and not particles))
        and doc[i - 1].whitespace_
    ):
        surname = i
        i += 1
    return surname


def _is_name_particle(token: Token) -> bool:
    return token.is_lower and token.lower_ in lexicon.NAME_PARTICLES


def _quoted_title_opened_by(ent: Span) -> Span | None:
    """'Fiorina told "Fox and Friends," reminding ...': the model tags a quoted title's first word alone
    (a person, "Fox"), and maybe another word of it. The whole title, labelled a work's, when a one-word
    name opens three words or more in title case (small words aside) in quotation marks, which close a
    few words on; else None."""
    doc = ent.doc
    index = ent.start
    if (
        ent.label_ not in _LABEL_TYPES
        or len(ent) != 1
        or index == 0
        or doc[index - 1].text not in _DOUBLE_QUOTE_MARKS
        or doc[index - 1].whitespace_
    ):
        return None
    end = index + 1
    while (
        end < len(doc)
        and end - index <= _MAX_QUOTED_TITLE_TOKENS
        and doc[end].text not in _DOUBLE_QUOTE_MARKS
    ):
        end += 1
    if end >= len(doc) or end - index > _MAX_QUOTED_TITLE_TOKENS or doc[end - 1].whitespace_:
        return None
    last = end - 1
    if doc[last].text in (",", "."):
        last -= 1
    words = doc[index + 1 : last + 1]
    if len(words) < 2 or not all(
        t.is_alpha and (t.is_title or t.lower_ in _TITLE_CASE_SMALL_WORDS) for t in words
    ):
        return None
    return Span(doc, index, last + 1, label="WORK_OF_ART")


def _names_a_day(doc: Doc, last: int) -> bool:
    """True when a capitalised weekday follows the word directly: a named day ("Super Tuesday")."""
    after = last + 1
    return (
        after < len(doc)
        and doc[after].text.istitle()
        and doc[after].lower_ in lexicon.WEEKDAY_NUMBERS
        and len(doc[after].text) > 3
        and bool(doc[last].whitespace_)
    )


def _reads_as_a_time(doc: Doc, first: int, last: int, text: str, label: str) -> bool:
    """A day or a time the model took for a name: words the time expressions read wholly as a date or a
    time (``temporal.find_timexes``: "March 6" of "Qualcomm's March 6 shareholder meeting", "Labor Day",
    "the Thirties"), or one word before a holiday or a weekday ("Merry Christmas", "Super Tuesday"), the
    weekday inside the model's name or left out of it ("Super" alone before "Tuesday").

    Not a title alone in quotation marks (NBC's "Today"), nor a weekday after a person's name or a known
    place or organisation (``_dated_by_wire_copy``)."""
    if (
        label != "PERSON"
        and first == last
        and _names_a_day(doc, last)
        and text.istitle()
        and not _dated_by_wire_copy(text)
    ):
        return True
    if _alone_in_quotation_marks(doc, first, last):
        return False
    if _time_expression_spans(text) == ((0, len(text)),):
        return True
    if last - first != 1 or not doc[first].is_title or not doc[last].is_title:
        return False
    day = doc[last].lower_
    if day in lexicon.HOLIDAYS:
        return True
    return (
        day in lexicon.WEEKDAY_NUMBERS
        and day.endswith("day")
        and label != "PERSON"
        and not _dated_by_wire_copy(doc[first].text)
    )


def _dated_by_wire_copy(name: str) -> bool:
    """A known place or organisation, which wire copy dates with a bare weekday after it ("a rally in
    Miami Tuesday", "told CNN Tuesday"): no named day's first word."""
    key = name_key(name)
    return key in lexicon.geo_place_keys() or key in _known_organisation_keys()


@lru_cache(maxsize=4096)
def _time_expression_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Where the dates and times of ``text`` are, by itself (``temporal.find_timexes``)."""
    return tuple((t.start, t.end) for t in find_timexes(text) if t.type in (DATE_TYPE, TIME_TYPE))


def _alone_in_quotation_marks(doc: Doc, first: int, last: int) -> bool:
    """True when double quotation marks enclose the words from ``first`` to ``last`` and nothing else
    (a comma or full stop before the closing mark aside): a title or a nickname, not a quotation. The
    marks touch the words, so a straight mark closing what comes before ('"Low energy" Jeb Bush') is none."""
    while first > 0 and doc[first - 1].lower_ in _DETERMINERS:
        first -= 1  # “The View”: the name's own article inside the marks
    opening = doc[first - 1] if first > 0 else None
    if opening is None or opening.text not in _DOUBLE_QUOTE_MARKS or opening.whitespace_:
        return False
    end = last
    if end + 1 < len(doc) and doc[end + 1].text in (",", ".") and not doc[end].whitespace_:
        end += 1
    return end + 1 < len(doc) and not doc[end].whitespace_ and doc[end + 1].text in _DOUBLE_QUOTE_MARKS


def _names_outside_coordinations(doc: Doc) -> dict[tuple[str, ...], str]:
    """The article's names and the first and last words of each ("Ted", "Cruz" of "Ted Cruz"), with the
    label the model gave them, from the spans that join no two names."""
    names: dict[tuple[str, ...], str] = {}
    for ent in doc.ents:
        if ent.label_ not in _LABEL_TYPES or any(t.lower_ in ("and", "&") for t in ent):
            continue
        words = tuple(
            t.text for t in ent if t.lower_ not in _DETERMINERS and t.lower_ not in _POSSESSIVE_TOKENS
        )
        for size in range(1, len(words) + 1):
            names.setdefault(words[:size], ent.label_)
            names.setdefault(words[-size:], ent.label_)
    return names


def _owner_and_owned(ent: Span, whole_names: dict[tuple[str, ...], Counter[str]]) -> list[Span] | None:
    """ "Clinton's State Department", "Louisville's Islamic Center", "Alphabet's Google": an owner the
    article names on its own elsewhere, and what is theirs, which the model tagged as one name. Each its
    own mention, the owner with the label it has elsewhere. None for a name that holds a possessive
    ("Martha's Vineyard", "Swiss People's Party", "Moody's Analytics": no "Martha" or "Swiss People" is
    written alone) or a company's legal name ("Hudson's Bay Co.")."""
    doc = ent.doc
    mark = next((t for t in ent[1:-1] if t.lower_ in _POSSESSIVE_TOKENS), None)
    if mark is None or without_legal_form(ent.text) is not None:
        return None
    first = ent.start
    while first < mark.i and doc[first].lower_ in _DETERMINERS:
        first += 1
    owner, owned = doc[first : mark.i], doc[mark.i + 1 : ent.end]
    if not len(owner) or not all((t.is_title or t.is_upper) for t in (*owner, *owned) if t.is_alpha):
        return None
    owner_words = tuple(t.text for t in _name_words(owner))
    owner_labels = whole_names.get(owner_words)
    owner_label = (
        owner_labels.most_common(1)[0][0]
        if owner_labels
        else "PERSON"
        if owner_words and _a_persons_name(owner_words, whole_names)
        else None
    )
    # One word after the possessive is a name of its own only when the article writes it alone too
    # ("Alphabet's Google"); else it is the word a name ends with ("New Year's Eve", "Hudson's Bay").
    owned_labels = whole_names.get(tuple(t.text for t in _name_words(owned)))
    if owner_label is None or (len(owned) == 1 and not owned_labels):
        return None
    return [
        Span(doc, owner.start, owner.end, label=owner_label),
        Span(
            doc,
            owned.start,
            owned.end,
            label=owned_labels.most_common(1)[0][0] if owned_labels else ent.label_,
        ),
    ]


def _name_words(ent: Span) -> tuple[Token, ...]:
    """The span's words without determiners, possessives and punctuation."""
    return tuple(
        t for t in ent if not (t.lower_ in _DETERMINERS or t.lower_ in _POSSESSIVE_TOKENS or t.is_punct)
    )


def _whole_names(doc: Doc) -> dict[tuple[str, ...], Counter[str]]:
    """The words of each name the model tags (``_name_words``), with the labels it gives it."""
    names: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    for ent in doc.ents:
        if ent.label_ in _LABEL_TYPES:
            names[tuple(t.text for t in _name_words(ent))][ent.label_] += 1
    return names


def _named_for_a_person(ent: Span, whole_names: dict[tuple[str, ...], Counter[str]]) -> Span | None:
    """ "the Obama White House", "Trump Tower", "the Clinton Foundation": a person's name followed by the
    name of an organisation or a building (its last word a head noun of one: ``lexicon``'s
    ORGANISATION_HEADS, SEAT_OF_BODY_HEADS, FACILITY_HEADS), which the model often tags as a person.

    Only when the words before are a person's name the article writes on its own ("Obama" of "Barack
    Obama" or "Obama"): a person's own name may end with such a word ("Jane Hall"). The span comes
    back labelled as its head noun makes it: an organisation ("Foundation", "House"), else a building
    (FAC, a place: "Tower", and "Center", which names both). None for any other span, and for one with
    a possessive inside ("Jane Doe's Victory Fund": two names, see ``_owner_and_owned``).
    """
    if ent.label_ != "PERSON" or any(t.lower_ in _POSSESSIVE_TOKENS for t in ent[1:-1]):
        return None
    words = _name_words(ent)
    if len(words) < 2 or not all(t.is_title for t in words) or words[-1].lower_ not in _NON_PERSON_HEADS:
        return None
    head = words[-1].lower_
    label = "FAC" if head in lexicon.FACILITY_HEADS and head not in lexicon.SEAT_OF_BODY_HEADS else "ORG"
    if any(
        _a_persons_name(tuple(t.text for t in words[:size]), whole_names) for size in range(1, len(words))
    ):
        return Span(ent.doc, ent.start, ent.end, label=label)
    return None


def _a_persons_name(words: tuple[str, ...], whole_names: dict[tuple[str, ...], Counter[str]]) -> bool:
    """Whether the article tags ``words`` as a person's name, or as the end of one ("Obama" of "Barack
    Obama"), in a span that is no organisation's or building's name ("Jane Hall")."""
    return any(
        labels["PERSON"] and name[-len(words) :] == words and name[-1].lower() not in _NON_PERSON_HEADS
        for name, labels in whole_names.items()
        if len(name) >= len(words)
    )


def _person_of_organisation(ent: Span) -> list[Span] | None:
    """ "Travis Kalanick of Uber": a person's span the model ran on into the organisation the person is
    of. The person's name (two or three capitalised words, no title or organisation word) and the
    organisation, each its own mention; None for any other span ("Gang of Eight", "Robert's Rules of
    Order")."""
    if ent.label_ != "PERSON":
        return None
    of = next((t for t in ent if t.lower_ == "of"), None)
    if of is None:
        return None
    doc = ent.doc
    first, last = _trimmed_around(ent, of)
    person, organisation = doc[first : of.i], doc[of.i + 1 : last + 1]
    if not (2 <= len(person) <= 3 and len(organisation)) or not organisation[0].is_title:
        return None
    if not all(
        t.is_alpha
        and t.is_title
        and t.lower_ not in _ORG_WORDS
        and not _is_title_token(t)
        and not _is_role_noun(t)
        for t in person
    ):
        return None
    return [
        Span(doc, person.start, person.end, label="PERSON"),
        Span(doc, organisation.start, organisation.end, label="ORG"),
    ]


def _trimmed_around(ent: Span, joint: Token) -> tuple[int, int]:
    """The span's first and last tokens without leading determiners and punctuation or a trailing
    possessive and punctuation, never past ``joint`` (the "of" or "and" a span is split at)."""
    doc = ent.doc
    first, last = ent.start, ent.end - 1
    while first < joint.i and (doc[first].lower_ in _DETERMINERS or doc[first].is_punct):
        first += 1
    while last > joint.i and (doc[last].lower_ in _POSSESSIVE_TOKENS or doc[last].is_punct):
        last -= 1
    return first, last


def _conjuncts(ent: Span, names_elsewhere: dict[tuple[str, ...], str]) -> list[Span]:
    """The names a span joins with "and" ("Cruz and Rubio", "Cornell and Technion"), each with the label
    the article gives it elsewhere; the span itself when it is one name.

    The model often tags two coordinated names as one (a title of a work, an organisation). Split only
    when the parse joins the two parts (the "and" and the second part hang on the first) and each part
    is a name the article writes elsewhere: one name's words ("Securities and Exchange Commission",
    "Office of Management and Budget", "Law and Order") are not names apart. "&" joins one name
    ("Johnson & Johnson", "U.S. News & World Report").
    """
    doc = ent.doc
    cc = next((t for t in ent if t.lower_ == "and" and t.dep_ == "cc"), None)
    if cc is None:
        return [ent]
    first, last = _trimmed_around(ent, cc)
    left, right = doc[first : cc.i], doc[cc.i + 1 : last + 1]
    if not len(left) or not len(right) or not (first <= cc.head.i < cc.i):
        return [ent]
    if not any(c.dep_ == "conj" and right.start <= c.i < right.end for c in cc.head.children):
        return [ent]
    parts = []
    for part in (left, right):
        label = names_elsewhere.get(tuple(t.text for t in part))
        if label is None or not all(t.is_title or t.is_upper for t in part if t.is_alpha):
            return [ent]
        parts.append(Span(doc, part.start, part.end, label=label))
    return parts


def _add_recovered(found: list[_Mention], span: Span, headline_lines: _HeadlineLines) -> None:
    """Adds the mention of a name the model did not tag (``_Mention.recovered``), if it makes one."""
    mention = _mention(span, headline_lines)
    if mention is not None:
        mention.recovered = True
        found.append(mention)


def _untagged_titled_people(doc: Doc, headline_lines: _HeadlineLines) -> list[_Mention]:
    """People the model did not tag at all, right after a capitalised title: "Defense Minister Ana Ruiz"."""
    # Token attributes as arrays: creating a Token object per word would cost
    # more than everything else in this step.
    attrs = doc.to_array([LOWER, IS_TITLE, ENT_IOB, POS])
    lowers, titles, iobs, tags = (attrs[:, column].tolist() for column in range(4))
    outside = [iob not in (_IOB_BEGIN, _IOB_INSIDE) for iob in iobs]
    found = []
    for index in numpy.flatnonzero(numpy.isin(attrs[:, 0], _ROLE_NOUN_HASHES)).tolist():
        if not (titles[index] and outside[index]):
            continue
        end = index + 1
        while (
            end < len(doc)
            and end - index <= 3
            and tags[end] == PROPN
            and titles[end]
            and outside[end]
            and lowers[end] not in _NOT_A_NAME_HASHES
        ):
            end += 1
            # A surname of two joined by a hyphen ("Hugo Soto-Martinez").
            if _joins_by_hyphen(doc, end) and tags[end + 1] == PROPN and outside[end + 1]:
                end += 2
        # A regnal number ends the name ("King Felipe VI").
        if end > index + 1 and end < len(doc) and outside[end] and _REGNAL_NUMBER.fullmatch(doc[end].text):
            end += 1
        # A run that stops at another name or a tagged entity is not a whole name.
        if end == index + 1 or (end < len(doc) and (not outside[end] or tags[end] == PROPN)):
            continue
        _add_recovered(found, Span(doc, index + 1, end, label="PERSON"), headline_lines)
    return found


def _untagged_places(doc: Doc, headline_lines: _HeadlineLines) -> list[_Mention]:
    """Places the model did not tag at all where a preposition of place governs them ("met in Kyiv on
    Saturday"): a capitalised proper noun, with the proper nouns before it, that GeoNames knows; and a
    country's name alone wherever it stands ("Tropical Storm Bret lashed Barbados"), unless it is also a
    given name ("Chad")."""
    attrs = doc.to_array([ENT_IOB, POS, IS_TITLE])
    candidates = numpy.flatnonzero(
        ~numpy.isin(attrs[:, 0], (_IOB_BEGIN, _IOB_INSIDE)) & (attrs[:, 1] == PROPN) & (attrs[:, 2] == 1)
    ).tolist()
    untagged = set(candidates)
    found = []
    for index in candidates:
        token = doc[index]
        if token.dep_ != "pobj" or token.head.lower_ not in _STRONG_LOCATIVE_PREPS:
            if (
                index - 1 not in untagged
                and index + 1 not in untagged
                and token.text in lexicon.country_names()
                and lexicon.first_name_gender(token.text) is None
            ):
                _add_recovered(found, Span(doc, index, index + 1, label="GPE"), headline_lines)
            continue
        first = index
        while (
            first > token.head.i + 1
            and attrs[first - 1, 1] == PROPN
            and attrs[first - 1, 2] == 1
            and attrs[first - 1, 0] not in (_IOB_BEGIN, _IOB_INSIDE)
        ):
            first -= 1
        span = Span(doc, first, index + 1, label="GPE")
        # As GeoNames writes it, accents and all: "in God" is no mention of the Hungarian town Göd.
        spelling = lexicon.geo_place_spellings().get(name_key(span.text, LOCATION))
        if spelling is None or spelling.casefold() != span.text.casefold():
            continue
        _add_recovered(found, span, headline_lines)
    return found


def _untagged_organisations(doc: Doc, headline_lines: _HeadlineLines) -> list[_Mention]:
    """Organisations the model did not tag at all: a run of capitalised proper nouns that ends on an
    organisation's head noun ("according to the Sedgwick County Sheriff's Office", "the Plainfield
    Planning Board said"), a possessive inside it, untouched by any entity."""
    attrs = doc.to_array([LOWER, IS_TITLE, ENT_IOB, POS])
    lowers, titles, iobs, tags = (attrs[:, column].tolist() for column in range(4))
    outside = [iob not in (_IOB_BEGIN, _IOB_INSIDE) for iob in iobs]

    def name_word(index: int) -> bool:
        return tags[index] == PROPN and titles[index] and outside[index]

    found = []
    for index in numpy.flatnonzero(numpy.isin(attrs[:, 0], _ORG_HEAD_HASHES)).tolist():
        # The head ends the name: "Office Depot" goes on past it.
        if not name_word(index) or (index + 1 < len(doc) and name_word(index + 1)):
            continue
        first = index
        while first > 0 and (
            name_word(first - 1)
            or (doc[first - 1].lower_ in ("'s", "’s") and first > 1 and name_word(first - 2))
        ):
            first -= 1
        # A word before the head at least: no head alone ("the Board"). A run right after another
        # capitalised word, a name, a hyphen or a possessive is the end of a longer name ("Andrean High
        # School", "5-Star Movement", "the AFL-CIO's Executive Committee"), and a head that modifies
        # the noun after it is no organisation named ("Senate races").
        before = doc[first - 1] if first else None
        if (
            sum(tags[i] == PROPN for i in range(first, index + 1)) < 2
            or doc[index].dep_ in ("compound", "amod")
            or (
                before is not None
                and (
                    ((before.is_title or tags[first - 1] == PROPN) and not before.is_sent_start)
                    or not outside[first - 1]
                    or before.text in _SPACED_DASHES
                    or before.lower_ in _POSSESSIVE_TOKENS
                )
            )
        ):
            continue
        _add_recovered(found, Span(doc, first, index + 1, label="ORG"), headline_lines)
    return found


def _missed_mentions(doc: Doc, found: list[_Mention], headline_lines: _HeadlineLines) -> list[_Mention]:
    """Other occurrences of the names found, where the model tagged nothing.

    The small model misses a name in one sentence that it tags in the next
    ("Defense Minister Ana Ruiz emphasized..."). Token sequences are
    compared exactly (case-sensitive), outside every span already tagged.
    """
    attrs = doc.to_array([ORTH, ENT_IOB, IS_TITLE, POS])
    orths = attrs[:, 0].tolist()
    free = [iob not in (_IOB_BEGIN, _IOB_INSIDE) for iob in attrs[:, 1].tolist()]
    for mention in found:
        if mention.recovered:
            free[mention.first_token : mention.last_token + 1] = [False] * (
                mention.last_token + 1 - mention.first_token
            )
    names: dict[int, dict[tuple[int, ...], str]] = defaultdict(dict)
    for mention in found:
        if len(mention.text) >= 3 and mention.text[0].isupper():
            sequence = tuple(orths[mention.first_token : mention.last_token + 1])
            names[sequence[0]].setdefault(sequence, mention.label)
    if not names:
        return []
    recovered = []
    for index in numpy.flatnonzero(numpy.isin(attrs[:, 0], list(names))).tolist():
        # Longest name first: "Vladimir Putin" before "Vladimir".
        for sequence, label in sorted(names[orths[index]].items(), key=lambda item: -len(item[0])):
            end = index + len(sequence)
            if tuple(orths[index:end]) != sequence or not all(free[index:end]):
                continue
            # "Trump Tower" is not a mention of Trump.
            if end < len(doc) and attrs[end, 2] and attrs[end, 3] == PROPN:
                break
            _add_recovered(recovered, Span(doc, index, end, label=label), headline_lines)
            break
    return recovered


_SPACED_DASHES = frozenset({"-", "--", "\u2013", "\u2014"})


_DOUBLE_QUOTE_MARKS = frozenset('"“”„«»')
_OPENING_BRACKETS = {"(": ")", "[": "]", "{": "}"}
_CLOSING_BRACKETS = {")": "(", "]": "[", "}": "{"}


def _inflected_verb(token: Token) -> bool:
    """A verb the tagger reads as inflected ("Wins", "Explained"), not a name it could be."""
    return token.tag_ in ("VBZ", "VBD") and token.lemma_ != token.lower_


def _unclosed_bracket(doc: Doc, i: int, first: int, last: int) -> bool:
    """The token at ``i`` is a bracket whose partner is not inside ``first``..``last``."""
    text = doc[i].text
    if text in _OPENING_BRACKETS:
        return all(doc[k].text != _OPENING_BRACKETS[text] for k in range(i + 1, last + 1))
    if text in _CLOSING_BRACKETS:
        return all(doc[k].text != _CLOSING_BRACKETS[text] for k in range(first, i))
    return False


def _leads_into_a_name(token: Token) -> bool:
    return (
        token.is_lower
        and token.is_alpha
        and not _is_name_particle(token)
        and token.lower_ not in lexicon.COMPASS_WORDS
        and token.nbor().text not in _SPACED_DASHES
    )


def _opens_a_share(doc: Doc, index: int) -> bool:
    """A number followed by "percent" or "%", or by "to" and another number ("46 to 40 percent")."""
    token = doc[index]
    if not token.like_num:
        return False
    following = [t.lower_ for t in doc[index + 1 : index + 4]]
    if token.text.endswith("%") or following[:1] in (["percent"], ["%"]):
        return True
    return following[:1] == ["to"] and len(following) > 1 and doc[index + 2].like_num


def _closing_title(token: Token) -> bool:
    # Ranks and offices only: "Miss." and "Mr." close no unit's name, and "Miss." is a state's.
    return token.lower_ in lexicon.TITLE_ABBREVIATIONS


def _the_in_the_name(ent: Span) -> bool:
    """GeoNames writes the city with its article ("The Hague"), as the span does; a country keeps the
    name its entity always has ("Netherlands")."""
    if ent[0].text != "The":
        return False
    key = name_key(ent.text, LOCATION)
    spelling = lexicon.geo_place_spellings().get(key)
    return (
        spelling is not None
        and spelling.casefold() == ent.text.casefold()
        and key not in lexicon.region_keys()
    )


def _trimmed_tokens(ent: Span) -> tuple[int, int] | None:
    """Token range of the span without determiners, titles and possessives; None for a line-crossing span."""
    if any(token.is_space or "\n" in token.text for token in ent):
        return None
    first, last = ent.start, ent.end - 1
    # A handle, a hashtag, an e-mail address or a link is no word of a name ("Joseph P. Kahn:
    # http://bit.ly/...", "@realDonaldTrump Twitter", "@Milbank"): the name is what stands before it,
    # or after it when it opens the span.
    for i in range(first, last + 1):
        if _account_or_link(ent.doc[i]):
            first, last = (first, i - 1) if i > first else (i + 1, last)
            break
    while first <= last and (
        ent.doc[first].lower_ in _DETERMINERS
        or ent.doc[first].lower_ in _PREDETERMINERS
        or ent.doc[first].is_punct
        # The owner's possessive the model ran into the front of a name ("our party’s Donald Trump").
        or ent.doc[first].lower_ in ("'s", "’s")
    ):
        if first == ent.start and ent.label_ in _PLACE_LABELS and _the_in_the_name(ent):
            break
        first += 1
    # Words in lower case the model ran into the front of a name ("her State Department", "another
    # Justice Department", "where Republican Party", "kingdom of Saudi Arabia"); not a name's particle
    # ("al-Qaeda", "de Blasio") nor the part of a place a compass word names ("northeast Nigeria").
    while first < last and _leads_into_a_name(ent.doc[first]):
        first += 1
    # A kind of company the model ran into the front of its name, capitalised at a sentence's start
    # ("Chipmaker Nvidia"); not the first word of a company's own name ("Carrier Corp.", "Giant Group").
    if (
        first < last
        and ent.label_ == "ORG"
        and ent.doc[first].is_sent_start
        and ent.doc[first].lower_ in lexicon.COMPANY_CLASS_NOUNS
        and without_legal_form(ent.doc[first : last + 1].text) is None
        and ent.doc[last].lower_ not in _ORG_HEADS
    ):
        first += 1
    while last >= first and (
        ent.doc[last].lower_ in _POSSESSIVE_TOKENS or ent.doc[last].is_punct or _closing_title(ent.doc[last])
    ):
        # Keep the dot of an abbreviation ("Jr.", "U.S."), which is one token. An abbreviated title
        # belongs to the name after it, which the model left out ("Army Capt." before "Humayun Khan").
        last -= 1
    if first > last:
        return None
    # A possessive before a person's full name is two names ("Bloomberg's Christine Harper"): the person
    # is what the span refers to. Not in a company's own name ("McDonald's Corp.", "Moody's Investors
    # Service"), whose words after it are no person's.
    # A possessive followed by a word in lower case, a number or a quotation mark is the owner and
    # something of theirs the model ran into the span ("Rubio’s party", "Rubio’s 17", "Obama’s
    # ‘pivot"): the owner is the name. Names that hold a possessive go on in capitals ("Swiss People’s
    # Party", "Caesar’s Palace").
    for i in range(last - 1, first, -1):
        if ent.doc[i].lower_ in ("'s", "’s"):
            after = [ent.doc[k].text for k in range(i + 1, last + 1)]
            if 2 <= len(after) <= 3 and all(
                w[:1].isupper() and w[1:2].islower() and w.lower().strip(".") not in _ORG_WORDS for w in after
            ):
                first = i + 1
            elif after[0][:1].islower() or after[0][:1].isdigit() or ent.doc[i + 1].is_quote:
                last = i - 1
            break
    # A dash between spaces ends a name: "the Tax Policy Center - half of whose staff", "power - Wall
    # Street" (an aside or an afterthought the model ran into the span); the side with more capitalised
    # words is the name.
    # So does a double quotation mark: '“Black Mirror” Season 4' is a quoted title and what follows it.
    # So does a bracket the name of an organisation or a thing does not close: "Federal Bureau of
    # Investigation (FBI)" once its last mark is trimmed, "Nuestra Historia (Our History)". In a
    # person's name a bracket marks an editor's insertion ("[Hillary] Clinton"), not its end.
    for i in range(first + 1, last):
        token = ent.doc[i]
        bracket = ent.label_ != "PERSON" and _unclosed_bracket(ent.doc, i, first, last)
        if (
            (token.text in _SPACED_DASHES and ent.doc[i - 1].whitespace_ and token.whitespace_)
            or token.text in _DOUBLE_QUOTE_MARKS
            or bracket
            # A verb in lower case is the sentence going on: "Romney blasts Trump", "the Republican
            # National Convention ended last month"; so is an inflected verb after a person's name
            # in a headline ("Donald Trump Wins", "Marco Rubio Responds To Question").
            or (token.is_lower and token.pos_ == "VERB")
            or (ent.label_ == "PERSON" and _inflected_verb(token))
        ):
            left = sum(ent.doc[k].is_title or ent.doc[k].is_upper for k in range(first, i))
            right = sum(ent.doc[k].is_title or ent.doc[k].is_upper for k in range(i + 1, last + 1))
            # A closing bracket ends an insertion: the name goes on after it on a tie.
            keep_left = left > right or (left == right and token.text not in _CLOSING_BRACKETS)
            kept = (first, i - 1) if keep_left else (i + 1, last)
            # "(Japan) Inc.": a legal form alone is no name.
            if bracket and ent.doc[kept[0] : kept[1] + 1].text.casefold() in lexicon.legal_forms():
                break
            first, last = kept
            break
    # "Trump 46 percent", "Trump 46 to 40 percent": a poll's share the model ran into the name after it.
    # "Borussia Dortmund 2-0": a game's result likewise.
    for i in range(first + 1, last + 1):
        if _opens_a_share(ent.doc, i) or opens_a_score(ent.doc, i):
            last = i - 1
            break
    if ent.label_ in ("PERSON", "WORK_OF_ART"):
        # A title the model took into the name with whose title it is ("UN Spokesperson Stephane
        # Dujarric", "EU Trade Commissioner Jane Doe"; the small model often calls such a span a work
        # of art): the name starts after the title's noun.
        for k in range(first + 1, last):
            if _is_title_token(ent.doc[k]) and all(_opens_a_title(ent.doc[j]) for j in range(first, k)):
                first = k + 1
                break
    if ent.label_ == "PERSON":
        while first < last and _is_title_token(ent.doc[first]):
            first += 1
        # "Ted Cruz 1, John Kasich 2", "Donald Trump 384": a rank, a score or a count after a person's
        # full name is none of it (after one word it may be a bill's number: "Bill 1523").
        end = last
        while end > first and (ent.doc[end].is_digit or ent.doc[end].text == "-"):
            end -= 1
        if ent.doc[last].is_digit and end > first and not ent.doc[end].is_punct:
            last = end
        if last - first >= 2 and _inflected_verb(ent.doc[last]):
            last -= 1  # "Donald Trump Wins": a headline's verb after the name
        # A heading in capitals run into the sentence ("TRUMP Donald Trump said", a page's kicker):
        # capitals before a full name in title case are not part of it. "MICHAEL Sheen" (a drop-cap
        # first word) has one title-case word after the capitals and keeps them.
        caps = first
        while caps < last and ent.doc[caps].is_upper and len(ent.doc[caps].text) > 1:
            caps += 1
        if caps > first and last - caps >= 1 and all(ent.doc[i].is_title for i in range(caps, last + 1)):
            first = caps
        # A sentence adverb or participle the model ran into the name ("Certainly Donald Trump has
        # gone ...", "Telling Jeb Bush ...").
        # So is a page's imperative before a byline ("Follow Jeff Poor on Twitter").
        while last - first >= 2 and ent.doc[first].tag_ in ("RB", "VBG", "VB"):
            first += 1
        # The model often leaves the given name out after a title: in
        # "Defence Minister Ana Ruiz" the span is only "Ruiz". A span of a given name and a surname
        # lacks none ("fellow Vermonter Bernie Sanders").
        for _ in range(2 if first == last else 0):
            if first == ent.start and first > 0 and _is_given_name_left_out(ent.doc[first - 1], first, last):
                first -= 1
    return first, last


def _account_or_link(token: Token) -> bool:
    # A site's own name ("Amazon.com", "Infowars.com") is an organisation's: a link has a scheme, "www."
    # or a path.
    text = token.text
    link = token.like_url and ("://" in text or text.lower().startswith("www.") or "/" in text)
    return link or "@" in text or text.startswith("#")


def _cut_from_a_title(span: Span) -> bool:
    """A piece of the title before a person's name, not a name: "U.S. Surgeon" of "U.S. Surgeon General
    David Satcher", "Surgeon General" of "Surgeon General Vivek Murthy".

    The model tags such pieces as organisations. A title word written after the noun it qualifies
    (``lexicon.POSTPOSITIVE_TITLE_WORDS``) makes that noun a title word, whatever it is; the span is a
    piece of the title when it ends on that noun or on that word, and a person's name follows the title.
    """
    doc = span.doc
    title_end = span.end
    if (
        title_end < len(doc)
        and doc[title_end].is_title
        and doc[title_end].lower_ in _POSTPOSITIVE_TITLE_WORDS
    ):
        title_end += 1
    elif not (len(span) > 1 and span[-1].lower_ in _POSTPOSITIVE_TITLE_WORDS):
        return False
    return title_end < len(doc) and doc[title_end].ent_type_ == "PERSON" and doc[title_end].ent_iob_ == "B"


def _is_honorific(token: Token) -> bool:
    return token.lower_.rstrip(".") in _HONORIFICS or token.lower_ in _ROLE_NOUNS


def _is_given_name_left_out(token: Token, first: int, last: int) -> bool:
    # Only after a title or inside a sentence: in a run of keywords
    # ("Ruiz Olsen June 2 Lisbon") a capitalised word is no given name.
    if token.i == 0:
        return False
    before = token.nbor(-1)
    if not (before.lower_ in _ROLE_NOUNS or before.lower_ in _ROLE_MODIFIERS or before.is_lower):
        return False
    return (
        token.pos_ == "PROPN"
        and token.is_title
        and not token.ent_type_
        and token.dep_ == "compound"
        and first <= token.head.i <= last
        and not _is_honorific(token)
        and token.lower_ not in _ROLE_MODIFIERS
    )


def _opens_a_title(token: Token) -> bool:
    """A word before a title's noun: an acronym ("UN", "EU"), a role's modifier ("Deputy", "Trade") or
    an organisation word ("Foreign", "House")."""
    lower = token.lower_
    return (
        (token.is_upper and len(token.text) > 1)
        or lower in _ROLE_MODIFIERS
        or lower in _ORG_WORDS
        or _is_role_noun(token)
    )


def _surname_end(doc: Doc, end: int) -> int:
    """The end of the surname the model left out after a given name: capitalised proper nouns no entity
    holds, joined by a hyphen or not ("Councilmember Hugo" + "Soto-Martinez")."""
    while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].is_title and doc[end].ent_iob_ == "O":
        end += 1
        if _joins_by_hyphen(doc, end):
            end += 1
    return end


def _joins_by_hyphen(doc: Doc, i: int) -> bool:
    """Token ``i`` is a hyphen joining the word before it to a capitalised one after it, with no space
    ("Soto-Martinez")."""
    return (
        0 < i < len(doc) - 1
        and doc[i].text == "-"
        and not doc[i - 1].whitespace_
        and not doc[i].whitespace_
        and doc[i + 1].is_title
    )


def _titled_given_name(ent: Span) -> bool:
    """ "King Felipe", "Sir Keir", "Councilmember Hugo": a title and a given name (gender-guesser's), which
    the model may call an organisation or an event, is a person's name after their title."""
    return (
        ent.label_ in ("ORG", "EVENT", "PRODUCT", "WORK_OF_ART")
        and len(ent) == 2
        and _is_title_token(ent[0])
        and ent[1].is_title
        and lexicon.first_name_gender(ent[1].text) is not None
    )


def _given_name_cut_short(ent: Span) -> bool:
    """ "Novak" of "Novak Djokovic beat Stefanos Tsitsipas": a given name alone, which the model may call
    an organisation, that the parse makes a modifier of the untagged proper noun after it is the start of
    a person's name."""
    if len(ent) != 1 or ent.label_ not in ("PERSON", "ORG", "EVENT", "PRODUCT", "WORK_OF_ART"):
        return False
    given, doc = ent[0], ent.doc
    surname = doc[ent.end] if ent.end < len(doc) else None
    return (
        surname is not None
        and given.is_title
        and given.dep_ == "compound"
        and given.head.i == surname.i
        and surname.pos_ == "PROPN"
        and surname.is_title
        and surname.ent_iob_ == "O"
        and surname.lower_ not in _ORG_WORDS
        and surname.lower_ not in _ROLE_NOUNS
        and lexicon.first_name_gender(given.text) is not None
        # A word the article writes as a person's surname is one here too ("Schweizer's Clinton Cash").
        and not any(e.label_ == "PERSON" and len(e) > 1 and e[-1].text == given.text for e in doc.ents)
    )


def _is_title_token(token: Token) -> bool:
    return token.lower_.rstrip(".") in _HONORIFICS or (
        _is_role_noun(token) and token.is_title and token.i + 1 < len(token.doc) and token.nbor().is_title
    )


def _is_junk(span: Span, text: str) -> bool:
    if not any(ch.isalpha() for ch in text):
        return True
    # A name has a capital letter ("lesbian people", "election matchup" are the model's guesses).
    if not any(ch.isupper() for ch in text):
        return True
    # "pro-Clinton", "anti-Obama": an adjective made of a name.
    if (
        len(span) > 2
        and span[1].text == "-"
        and span[0].lower_ in _NAME_ADJECTIVE_PREFIXES
        and span[0].is_lower
    ):
        return True
    words = text.split()
    if len(words) > _MAX_TOKENS:
        return True
    stripped = [w.strip(".,:;!?'’\"“”|-") for w in words]
    lowered = [w.lower() for w in stripped]
    if all(
        low in _FURNITURE or word in lexicon.time_zones() or not word
        for word, low in zip(stripped, lowered, strict=True)
    ):
        return True
    # "(all times Eastern Standard Time)": a time zone's name is no organisation's.
    if " ".join(lowered) in lexicon.time_zone_names():
        return True
    separators = {token.text for token in span} & {"/", "|", ","}
    if separators - ({","} if span.label_ in _PLACE_LABELS else set()):
        # "Carsten Grün / uhe", "Abuja, Borno": a credit or a list ("Washington, D.C." stays).
        return True
    if any(a.text == b.text for a, b in zip(span, span[1:], strict=False)):
        return True
    # A bracket inside a word is an editor's change to an ordinary word ("[W]e" opening a quotation);
    # a name needs none.
    if any(_BRACKET_INSIDE_A_WORD.search(token.text) for token in span):
        return True
    if len(span) == 1:
        token = span[0]
        if text[0].isupper() and _after_a_courtesy_title(token):
            return False  # "Mr. Prince", "Ms. White", "Mr. Singer": a surname, whatever the word is too
        if text[0].islower() or token.pos_ in {"ADJ", "VERB", "AUX", "ADV", "PRON", "DET"}:
            return True
        if token.lower_ in _ROLE_NOUNS or token.lower_ in _ROLE_MODIFIERS or token.lower_ in _ORG_WORDS:
            return True
        # "Wildfires driven by strong winds swept ...", "Floods have killed ...": a kind of happening in
        # the plural, capitalised where it opens a sentence, names nothing.
        if token.tag_ == "NNS" and lexicon.trigger_types(token.lemma_.lower(), "NOUN", token.lower_):
            return True
    elif (
        lowered[-1] in _ROLE_NOUNS
        and _head_word(lowered) in _ROLE_NOUNS
        and all(w in _ROLE_NOUNS or w in _ROLE_MODIFIERS for w in lowered)
    ):
        # "Foreign Minister" alone is a role, not a name ("Foreign Ministry" is); so is "Minister of
        # Justice", headed by a role noun, but not "Department of Justice".
        return True
    # "Awaits Ruiz's": an inflected verb the model read as a first name.
    return span[0].tag_ in {"VBZ", "VBD"} and span[0].lemma_ != span[0].lower_


def _after_a_courtesy_title(token: Token) -> bool:
    """The word before is a courtesy title with a gender ("Mr.", "Ms", "Mrs.": ``lexicon.honorific_gender``)."""
    return token.i > 0 and lexicon.honorific_gender(token.doc[token.i - 1].lower_) is not None


class _HeadlineLines:
    """Offsets of the lines of a text that read like headlines or labels, not sentences."""

    def __init__(self, text: str) -> None:
        self._starts: list[int] = []
        self._flags: list[bool] = []
        offset = 0
        for line in text.split("\n"):
            self._starts.append(offset)
            self._flags.append(_is_headline_like(line))
            offset += len(line) + 1

    def is_headline(self, position: int) -> bool:
        return self._flags[bisect.bisect_right(self._starts, position) - 1]


def _is_headline_like(line: str) -> bool:
    """A line without closing punctuation whose content words are mostly capitalised."""
    stripped = line.strip()
    if not stripped or _SENTENCE_END.search(stripped):
        return False
    content = [w for w in _HEADLINE_WORD.findall(stripped) if w.lower() not in _TITLE_CASE_SMALL_WORDS]
    if not content:
        return False
    capitalised = sum(1 for w in content if w[0].isupper())
    return capitalised >= 0.75 * len(content)


# -- roles -------------------------------------------------------------------


def _role(span: Span) -> str | None:
    # "told broadcaster ARD": a kind of medium classes the name, not a person's title.
    before = None if _medium_named(span) else _role_before(span)
    after = _role_after(span)
    if before and after:
        return max(before, after, key=lambda r: len(r.split()))
    return before or after or _role_set_off_before(span)


def _role_set_off_before(span: Span) -> str | None:
    """The role a name stands in apposition to, written first and set off by a comma: "Russia's foreign
    minister, Sergei Lavrov, said" (the parse makes the name the role noun's appositive)."""
    doc = span.doc
    comma = span.start - 1
    root = span.root
    if comma < 1 or doc[comma].text != "," or root.dep_ != "appos" or root.head.i != comma - 1:
        return None
    if not _is_role_noun(root.head):
        return None
    return _role_before(doc[comma : span.end])


def _role_before(span: Span) -> str | None:
    """The title words right before a name: "Russian Foreign Minister", "Putin's top aide"."""
    doc = span.doc
    first = span.start
    index = span.start - 1
    while index >= 0 and span.start - index <= _MAX_ROLE_TOKENS:
        token = doc[index]
        if token.ent_type_ in {"PERSON", "GPE", "ORG", "NORP"} and doc[index + 1].lower_ in {"'s", "’s"}:
            # "Putin's top aide", "Russia's President": the possessor, then stop.
            first = _entity_start(token)
            break
        if _spaced_dash(token) or not _role_word(token, span):
            # "JERUSALEM - Israeli Prime Minister", "candidates - Gov. John Kasich": a dash with space on
            # both sides ends a dateline or opens a list; it ends the role as a sentence break does.
            break
        first = index
        if token.is_sent_start:
            break
        index -= 1
    words = _after_group(_after_other_conjunct(doc[first : span.start]))
    while len(words) and (
        words[0].lower_ in _DETERMINERS or words[0].lower_ in {"of", "and", "'s", "’s"} or words[0].is_punct
    ):
        words = words[1:]
    if not len(words) or not any(_is_role_noun(t) for t in words):
        return None
    # "the president of the Arab American Institute": a role phrase left open by a preposition or a
    # determiner names what the role is of; the name is its object, not the holder. One left open by
    # a conjunction ("former governor and Environmental Protection Agency administrator") goes on
    # past the name. The name's own honorific (with its article: "Vatican spokesman the Rev. Federico
    # Lombardi") does not close the phrase: "a leader of Mr. Cruz's home-school coalition", "the gulf
    # between the president and Mrs. Clinton".
    last = len(words) - 1
    if last > 0 and _name_honorific(words[last]):
        while last > 0 and _name_honorific(words[last]):
            last -= 1
        if last > 0 and words[last].lower_ in _DETERMINERS:
            last -= 1
    if words[last].pos_ in {"ADP", "DET", "CCONJ"} or words[last].lower_ in _DETERMINERS:
        return None
    # Nor is it part of the role: "GOP presidential candidate Dr. Ben Carson" is a candidate.
    words = words[: last + 1]
    # An organisation's name right after a role noun is the possessor of the
    # role ("Apple CEO" is fine, "the opposition leader's party Likud" is not).
    if span.label_ == "ORG" and not _is_role_noun(words[-1]):
        return None
    return _one_persons_role(words)


def _name_honorific(token: Token) -> bool:
    """ "Mr.", "Mrs.", "Dr.": an honorific that is not a title of office ("Sen." is one)."""
    return token.lower_.rstrip(".") in _HONORIFICS and not _is_role_noun(token)


def _spaced_dash(token: Token) -> bool:
    return (
        token.text == "-" and token.i > 0 and bool(token.doc[token.i - 1].whitespace_ and token.whitespace_)
    )


def _after_group(words: Span) -> Span:
    """The title right before the name after a plural group noun: "fellow GOP presidential candidates
    Sen. Ted Cruz", "family members of former president George W. Bush" name a group the person is in or
    is related to; the title after it ("Sen.", "former president") is the person's own."""
    for index in range(len(words) - 2, -1, -1):
        if (
            _plural_role_noun(words[index])
            and words[index].is_lower
            and any(_is_role_noun(t) for t in words[index + 1 :])
        ):
            return words[index + 1 :]
    return words


def _plural_role_noun(token: Token) -> bool:
    """ "candidates", and "singers" that the tagger took for a verb's third person, the one verb form
    spelled like a plural noun ("chairing", "coached" are not plurals)."""
    return token.tag_ in {"NNS", "NNPS", "VBZ"} and token.lower_ not in _ROLE_NOUNS and _is_role_noun(token)


def _role_head(words: Span) -> Token | None:
    """The role noun a role phrase is about: the last one before the preposition that opens its
    complement ("members" in "Republican members of Congress from Florida")."""
    head = None
    for token in words:
        if token.pos_ == "ADP" and head is not None:
            break
        if _is_role_noun(token):
            head = token
    return head


def _one_persons_role(words: Span, *, coordinated: bool = True) -> str | None:
    """The role words as one person's role. A plural head names a group the person is one of
    ("Democratic presidential candidates Hillary Clinton and Bernie Sanders"): the role is its singular,
    by the model's lemma, without the group's number ("two PBS journalists" -> "PBS journalist"). No
    role when the group joins several kinds of people ("local authors and the Democratic presidential
    candidates", "Democratic and Republican candidates respectively"), or when the name it follows is not
    one of a coordination that a plural could describe."""
    # "as chairman of the committee", "now the party's nominee", "currently vice president": an adverb
    # or a preposition says when or in what capacity, and no title opens with one.
    while len(words) > 1 and (_opens_no_title(words[0]) or words[0].lower_ in _DETERMINERS):
        words = words[1:]
    head = _role_head(words)
    if head is None or not _plural_role_noun(head):
        return " ".join(words.text.split())
    # A plural role noun's lemma is a role noun other than the word itself (``_plural_role_noun``).
    singular = head.lemma_
    if not coordinated or any(t.pos_ == "CCONJ" for t in words):
        return None
    if head.text[:1].isupper():
        singular = singular[:1].upper() + singular[1:]
    # "two PBS journalists": the group's number, a word of its own ("Third-party" is not one).
    while len(words) and words[0].i != head.i and words[0].whitespace_ and words[0].tag_ in {"CD", "DT"}:
        words = words[1:]
    written = "".join((singular if t.i == head.i else t.text) + t.whitespace_ for t in words)
    return " ".join(written.split())


def _opens_no_title(token: Token) -> bool:
    # A word of its own: "far" in "far-right leader" is part of the next word.
    return (
        token.is_lower
        and bool(token.whitespace_)
        and token.pos_ in {"ADV", "ADP", "SCONJ"}
        and token.lower_ not in _ROLE_MODIFIERS
    )


def _after_other_conjunct(words: Span) -> Span:
    """The role words after a conjunction whose left side is another name or a group: "Trump and Texas
    Sen. Ted Cruz", "Vermont and former Maryland governor Martin O'Malley", "journalists and Mr. Trump"
    are two conjuncts, the name's role the second; "former governor and EPA administrator Christine
    Todd Whitman", "Syrian refugee and LGBTQ activist" join two descriptions of one person."""
    for index in range(len(words) - 1, 0, -1):
        if words[index].pos_ == "CCONJ":
            before = words[index - 1]
            named = before.pos_ == "PROPN" or before.ent_type_ in {"PERSON", "GPE", "ORG", "LOC", "FAC"}
            if before.tag_ in {"NNS", "NNPS"} or (
                named and before.ent_type_ != "NORP" and not _is_role_noun(before)
            ):
                return words[index + 1 :]
            return words
    return words


def _entity_start(token: Token) -> int:
    index = token.i
    while index > 0 and token.doc[index].ent_iob_ == "I":
        index -= 1
    return index


def _role_word(token: Token, name: Span) -> bool:
    if token.is_space or (token.is_punct and token.text != "-"):
        return False
    if token.ent_type_ in {"DATE", "TIME", "CARDINAL", "MONEY", "PERCENT"}:
        return False
    # A title the model put inside the name's span ("Comedian Sarah Silverman") is still a role word;
    # another person's name is not.
    if token.ent_type_ == "PERSON" and not _is_role_noun(token):
        return False
    lower = token.lower_
    if lower in _ROLE_NOUNS or lower in _ROLE_MODIFIERS or _is_role_noun(token):
        return True
    if token.is_title or token.is_upper:
        return token.pos_ in {"PROPN", "NOUN", "ADJ"} or token.ent_type_ in {"NORP", "GPE", "ORG"}
    # A lower-case modifier that the parse attaches forward into the title or name.
    return token.dep_ in _ROLE_DEPS and token.pos_ in {"ADJ", "NOUN"} and token.i < token.head.i < name.end


def _role_after(span: Span) -> str | None:
    """An appositive closed by punctuation: "Ana Ruiz, head of Chile's negotiating team,"."""
    doc = span.doc
    if span.end + 1 >= len(doc) or doc[span.end].text != ",":
        return None
    start = span.end + 1
    while start < len(doc) and doc[start].lower_ in _DETERMINERS:
        start += 1
    end = start
    while end < len(doc) and end - start < _MAX_APPOS_TOKENS and not _closes_appositive(doc[end]):
        end += 1
    if end == start or end >= len(doc) or not _closes_appositive(doc[end]):
        return None
    words = doc[start:end]
    appositive = any(t.dep_ == "appos" and t.head.i in range(span.start, span.end) for t in words)
    # Without the parse's word, the role noun must come first ("head of ...").
    if not (appositive and any(_is_role_noun(t) for t in words)) and not any(
        _is_role_noun(t) for t in words[:3]
    ):
        return None
    if any(t.pos_ in {"VERB", "AUX", "PRON"} or t.ent_type_ == "PERSON" for t in words):
        return None
    # "Jon Meacham, the author of ''Destiny and Power,''": the quotation marks of a title close the
    # appositive before its object; the role is the noun without its open preposition.
    while len(words) and (words[-1].pos_ in {"ADP", "DET", "CCONJ"} or words[-1].lower_ in _DETERMINERS):
        words = words[:-1]
    if not any(_is_role_noun(t) for t in words):
        return None
    # A plural appositive describes a coordination ("Gwen Ifill and Judy Woodruff, two PBS journalists"),
    # not a name alone ("In addition to Mr. Regalado, two Republican members of Congress from Florida").
    # "Jim Brady and his wife, Sarah, the organization's founders": the name may be an appositive of
    # the conjunct.
    root = span.root
    while root.dep_ == "appos" and root.head.i not in range(span.start, span.end):
        root = root.head
    coordinated = root.dep_ == "conj" or any(child.dep_ == "conj" for child in root.children)
    return _one_persons_role(words, coordinated=coordinated)


def _closes_appositive(token: Token) -> bool:
    return token.is_space or _spaced_dash(token) or (token.is_punct and token.text not in {"-", "'s", "’s"})


def _is_role_noun(token: Token) -> bool:
    # "the major Super PAC", "its official Twitter account": a rank's word in lower case, an adjective
    # between a determiner and a name, is no title ("chief strategist", "with chief Albie Hecht" are).
    if token.tag_ == "JJ" and token.is_lower and _qualifies_a_name(token):
        return False
    return token.lower_ in _ROLE_NOUNS or (token.lemma_.lower() in _ROLE_NOUNS and not _verb_form(token))


def _qualifies_a_name(token: Token) -> bool:
    doc = token.doc
    if token.i == 0 or token.i + 1 >= len(doc):
        return False
    before, after = doc[token.i - 1], doc[token.i + 1]
    return before.tag_ in {"DT", "PRP$"} and after.text[:1].isupper()


def _verb_form(token: Token) -> bool:
    """ "chairing", "coached": forms of a verb that no noun takes (a plural may be tagged "VBZ")."""
    return token.tag_ in {"VBG", "VBD", "VBN"}


# -- merging -----------------------------------------------------------------


def _last_word(key: str) -> str:
    words = key.split()
    if len(words) > 1 and words[-1] in {"jr", "sr", "ii", "iii", "iv"}:
        return words[-2]
    return words[-1]


def _placed_somewhere(cluster: _Cluster) -> bool:
    """True when the article writes the name as a place at least once: after a locative preposition
    ("in Washington", "to Israel"). A known place's name that is only ever a subject or an object
    ("Garland said", "a vote on Garland") beside a person of that surname is the person's."""
    return any(m.root.dep_ == "pobj" and m.root.head.lower_ in _LOCATIVE_PREPS for m in cluster.mentions)


def _merge_person_short_forms(clusters: dict[str, _Cluster]) -> None:
    """Merge "Lavrov", "V. Putin", "President Trump" into the fuller name of the same person."""
    by_last_word: dict[str, list[_Cluster]] = defaultdict(list)
    by_first_word: dict[str, list[_Cluster]] = defaultdict(list)
    by_middle_word: dict[str, list[_Cluster]] = defaultdict(list)
    for cluster in clusters.values():
        # The key may hold fewer words than the text ("@0y ®": symbols drop out of the key).
        # "Hillary Clinton Foundation" is no fuller form of "Hillary", whatever the model calls it.
        if (
            cluster.longest.words > 1
            and len(cluster.key.split()) > 1
            and (_person_votes(cluster) > 0 or _opens_with_a_given_name(cluster))
            and not _organisation_shaped(cluster.longest)
        ):
            first, *middle, _ = cluster.key.split()
            by_last_word[_last_word(cluster.key)].append(cluster)
            by_first_word[first].append(cluster)
            for word in set(middle):
                by_middle_word[word].append(cluster)
    # Shorter names first, so "Putin" reaches "Vladimir Putin" before that
    # one (maybe) reaches "Vladimir Vladimirovich Putin"; names are taken
    # before any merge, as merging empties the merged cluster.
    ordered = sorted(clusters.values(), key=lambda c: c.longest.words)
    names = {id(c): c.longest.text for c in ordered}
    for cluster in ordered:
        # A single word the model calls a place but GeoNames does not know, and that is the last name
        # of a person of the article ("Kasich" after "John Kasich"), is that person.
        if _looks_like_place(cluster) and (
            cluster.longest.words > 1
            or (cluster.key in lexicon.geo_place_keys() and _placed_somewhere(cluster))
            or not by_last_word.get(_last_word(cluster.key))
        ):
            continue
        text = names[id(cluster)]
        candidates = [
            full
            for full in by_last_word.get(_last_word(cluster.key), ())
            if full is not cluster and full.merged_into is None and is_short_form(text, names[id(full)])
        ]
        if not candidates and len(text.split()) == 1:
            # A first part used alone: a surname written first ("Xi" of "Xi
            # Jinping") or a given name ("Hillary"); a middle part ("Lula" of
            # "Luiz Inacio Lula da Silva") only when the last part is never
            # used alone. Either way only when one person fits.
            candidates = [
                full
                for full in by_first_word.get(cluster.key, ())
                if full is not cluster and full.merged_into is None
            ] or [
                full
                for full in by_middle_word.get(cluster.key, ())
                if full is not cluster and full.merged_into is None and _last_word(full.key) not in clusters
            ]
            if len(candidates) != 1:
                continue
        # "Mr. Clinton" and "Mrs. Clinton" with "Bill Clinton" and "Hillary Clinton": a courtesy title's
        # mentions go to the one person whose first name has its gender.
        if len(candidates) > 1:
            _send_titled_mentions(cluster, candidates)
        if candidates:
            if cluster.key in lexicon.geo_place_keys():
                # "Garland" of "Merrick Garland", never written as a place: the model's place labels on
                # it were guesses from the place's name, and they do not make the person a place.
                for mention in cluster.mentions:
                    if mention.label in _PLACE_LABELS:
                        mention.label = "PERSON"
            # "Biden" with "Joe Biden" and "Hunter Biden": the most mentioned one.
            _merge(cluster, _most_mentioned(candidates))


def _most_mentioned(clusters: list[_Cluster]) -> _Cluster:
    """The cluster mentioned most, the earliest of a tie."""
    return max(clusters, key=lambda c: (len(c.mentions), -c.mentions[0].start))


def _title_gender(mention: _Mention) -> str | None:
    """ "m" after "Mr.", "f" after "Mrs." or "Ms.", else None."""
    if mention.first_token == 0:
        return None
    return lexicon.honorific_gender(mention.root.doc[mention.first_token - 1].lower_)


def _send_titled_mentions(cluster: _Cluster, candidates: list[_Cluster]) -> None:
    """Move the short name's mentions after a courtesy title to the candidate whose first name has the
    title's gender (the most mentioned of several); the others stay for the usual choice."""
    genders = {id(c): lexicon.first_name_gender(c.key.split()[0]) for c in candidates}
    moved: dict[int, list[_Mention]] = defaultdict(list)
    rest: list[_Mention] = []
    for mention in cluster.mentions:
        gender = _title_gender(mention)
        if gender is None:
            rest.append(mention)
            continue
        fitting = [c for c in candidates if genders[id(c)] == gender]
        if not fitting:
            # No candidate's first name has the title's gender (or its gender is not known): the
            # title tells nothing here.
            rest.append(mention)
            continue
        # Of several of that gender, the most mentioned, as for a name without a title.
        moved[id(_most_mentioned(fitting))].append(mention)
    for candidate in candidates:
        if moved[id(candidate)]:
            target = candidate.find()
            target.mentions = sorted([*target.mentions, *moved[id(candidate)]], key=lambda m: m.start)
    cluster.mentions = rest


def _merge_acronyms(clusters: dict[str, _Cluster]) -> None:
    """Merge "US"/"U.S." into "United States" and "EU" into "European Union" when both appear."""
    roots = [c for c in clusters.values() if c.merged_into is None]
    by_initials: dict[str, _Cluster] = {}
    for cluster in roots:
        words = [w for w in cluster.longest.text.split() if w[:1].isupper()]
        if len(words) > 1 and _person_votes(cluster) == 0:
            by_initials.setdefault("".join(w[0] for w in words).lower(), cluster)
    for cluster in roots:
        letters = _acronym_letters(cluster.longest.text)
        if letters is not None:
            target = by_initials.get(letters.lower())
            if target is not None and _person_votes(cluster) == 0:
                _merge(cluster, target)


def _acronym_letters(text: str) -> str | None:
    """The letters of an acronym, two to five capitals dotted or not ("F.B.I." -> "FBI", "EU"); None for
    other words."""
    letters = text.replace(".", "")
    return letters if 2 <= len(letters) <= 5 and letters.isalpha() and letters.isupper() else None


def _merge_legal_form_names(clusters: dict[str, _Cluster]) -> None:
    """Merge a company's name written without its legal form into the name written with it: "Pfizer"
    into "Pfizer Inc.", "Samsung Electronics" into "Samsung Electronics Co., Ltd.", whatever type the
    model gave the bare name (it often calls a one-word company a person).

    So do the name's leading words, as news shortens a company it introduced by its legal name:
    "Compaq" and "Goldman Sachs" after "Compaq Computer Corp." and "Goldman Sachs Group Inc.", when
    they lead no other legal name of the article ("Columbia" beside "Columbia Pictures Entertainment
    Inc." and "Columbia Acquisition Corp." may be either).

    After the people's short forms: "Bloomberg" that is a short form of "Michael R. Bloomberg" stays
    the person's beside "Bloomberg L.P.". Neither a known place ("Manhattan" of "Manhattan DA",
    "Washington" of "Washington Post Co.") nor a name with a person's role ("chairman Henry Holt") is a
    company's bare name.
    """
    roots = [c for c in clusters.values() if c.merged_into is None]
    bare_by_key = {c.key: c for c in roots}
    companies_by_short_key: dict[str, set[int]] = defaultdict(set)
    # Per company: its bare names (merged whatever else the article names) and their leading words.
    short_keys: dict[int, tuple[set[str], set[str]]] = defaultdict(lambda: (set(), set()))
    for cluster in roots:
        for text in {m.text for m in cluster.mentions}:
            bare = without_legal_form(text)
            if bare is None:
                continue
            words = bare.split()
            short_keys[id(cluster)][0].add(name_key(bare))
            for size in range(1, len(words)):
                key = name_key(" ".join(words[:size]))
                if key:
                    companies_by_short_key[key].add(id(cluster))
                    short_keys[id(cluster)][1].add(key)
    for cluster in roots:
        bare_keys, leading_keys = short_keys[id(cluster)]
        # The longest short names first: "Goldman Sachs" joins the company before "Goldman" is weighed.
        for key in sorted(bare_keys | leading_keys, key=len, reverse=True):
            other = bare_by_key.get(key)
            if (
                other is not None
                and (key in bare_keys or len(companies_by_short_key[key]) == 1)
                and other.find() is not cluster.find()
                and other.merged_into is None
                and other.key not in _place_keys()
                and not _looks_like_place(other)
                and not any(m.role for m in other.mentions)
            ):
                _merge(other, cluster)


def _is_organisation_like(cluster: _Cluster) -> bool:
    labels = cluster.labels
    head = cluster.key.split()[-1]
    return labels["ORG"] > labels["PERSON"] or (head in lexicon.ORGANISATION_HEADS and not labels["PERSON"])


def _merge_contained_organisations(clusters: dict[str, _Cluster]) -> None:
    """Merge a short organisation name into the one longer name of the article that ends with it.

    "Foreign Ministry" after "Russian Foreign Ministry" is that ministry; with
    two candidates ("Russian Foreign Ministry", "Ukrainian Foreign Ministry")
    the short name stays apart, as it may be either.
    """
    roots = [c for c in clusters.values() if c.merged_into is None and _is_organisation_like(c)]
    by_head: dict[str, list[_Cluster]] = defaultdict(list)
    for cluster in roots:
        by_head[cluster.key.split()[-1]].append(cluster)
    for cluster in sorted(roots, key=lambda c: len(c.key)):
        words = cluster.key.split()
        if len(words) < 2:
            continue  # "Senate" alone may be any senate
        # "White House" is not the "Obama White House" (a name made of a person's and an organisation's).
        longer = [
            other
            for other in by_head[words[-1]]
            if other is not cluster
            and other.key.endswith(" " + cluster.key)
            and not any(m.named_for_person for m in other.mentions)
        ]
        targets = {id(c.find()): c.find() for c in longer}
        if len(targets) == 1:
            _merge(cluster, next(iter(targets.values())))


def _merge(cluster: _Cluster, target: _Cluster) -> None:
    source, destination = cluster.find(), target.find()
    if source is destination:
        return
    destination.mentions.extend(source.mentions)
    source.mentions = []
    source.merged_into = destination


def _attach_weak_mentions(weak: list[_Mention], clusters: dict[str, _Cluster]) -> None:
    """Keep a headline mention only when it names something the sentences name too."""
    people_by_last_word: dict[str, list[_Cluster]] = defaultdict(list)
    for cluster in clusters.values():
        if cluster.merged_into is None and cluster.longest.words > 1 and _person_votes(cluster) > 0:
            people_by_last_word[_last_word(cluster.key)].append(cluster)
    for mention in weak:
        cluster = clusters.get(mention.key)
        if cluster is None:
            matches = [
                full
                for full in people_by_last_word.get(_last_word(mention.key), ())
                if is_short_form(mention.text, full.longest.text)
            ]
            if len(matches) != 1:
                continue
            cluster = matches[0]
        cluster.find().mentions.append(mention)


# -- types -------------------------------------------------------------------


def _looks_like_place(cluster: _Cluster) -> bool:
    """Location evidence stronger than person evidence, before any merge."""
    if cluster.longest.words > 1 and cluster.labels["PERSON"]:
        return False
    place = sum(1 for m in cluster.mentions if m.label in _PLACE_LABELS and not m.recovered)
    if cluster.key in _place_keys():
        place += 3
    return place > cluster.labels["PERSON"]


def _person_votes(cluster: _Cluster) -> float:
    return sum(1.0 for m in cluster.mentions if m.label == "PERSON" and not m.weak and not m.recovered) + sum(
        1.0 for m in cluster.mentions if m.role
    )


def _decide_type(cluster: _Cluster) -> str:
    mentions = cluster.mentions
    has_full_person_name = any(m.label == "PERSON" and m.words > 1 and not m.recovered for m in mentions)
    has_role = any(m.role for m in mentions)
    # A known place keeps its type whatever the model says about single
    # mentions, unless the article shows it as (part of) a person's name.
    if cluster.key in _place_keys() and not has_role and not has_full_person_name:
        return LOCATION
    # A news agency ("The Associated Press reported", "according to the AP") or a platform ("said on
    # Twitter") is an organisation whatever the model makes of each mention; "Bloomberg" the person has
    # a role or a full name.
    if cluster.longest.key in _known_organisation_keys() and not has_role and not has_full_person_name:
        return ORGANIZATION
    # "Obama White House", "Trump Tower": the head noun after the person's name decides, unless it
    # names an organisation as often as a building ("Center", "Office"): then the words around it do.
    named = next((m for m in mentions if m.named_for_person), None)
    if named is not None and _head_type(named) is not None:
        return _head_type(named)
    # "Bank of America", "University of Michigan", "Federal Bureau of Investigation": an organisation's
    # noun before "of" makes an organisation, whatever place (or label) follows.
    if _organisation_of(cluster.longest):
        return ORGANIZATION
    # A name headed by an organisation's or a building's noun that the model never calls a person ("the
    # White House said", "his White House bid") is none, whatever the words around it suggest.
    not_a_person = (
        not has_role and not any(m.label == "PERSON" for m in mentions) and _non_person_head(cluster.longest)
    )
    # The article saying what the name is ("the militant group Boko Haram", "Kumshe, a town") outweighs
    # the model's guess on each mention: the class it names decides, when only one class is named.
    stated = {kind for kind in map(_class_of_example, mentions) if kind is not None}
    # So does a company's legal form in its name ("Pfizer Inc.", "Qualcomm Inc", "Podesta Group Inc.").
    if any(without_legal_form(m.text) is not None for m in mentions):
        stated.add(ORGANIZATION)
    # And a wire dateline naming it as the place the report comes from, where the model takes it for a
    # person elsewhere ("made his way to O'Smach"), never for an organisation: "UNITED NATIONS --" is a
    # dateline that names an organisation's seat.
    if any(m.in_dateline for m in mentions) and not any(m.label == "ORG" for m in mentions):
        stated.add(LOCATION)
    # And quotation marks round every mention of a name and nothing else (Springsteen's “American Skin”):
    # a person's name is not written so, a title is.
    if all(
        m.label in ("PERSON", "WORK_OF_ART")
        and _alone_in_quotation_marks(m.root.doc, m.first_token, m.last_token)
        for m in mentions
    ):
        stated.add(OTHER)
    # And a storm's kind before its given name ("Hurricane Milton"): a happening, not who its name is.
    if any(names_a_storm(m.root.doc[m.first_token : m.last_token + 1]) for m in mentions):
        stated.add(OTHER)
    if len(stated) == 1:
        return stated.pop()
    longest = cluster.longest
    surname = _last_word(longest.key) if longest.words > 1 else None
    # A single word that is spelled like no person ("SpaceX", "D.P.R.K."): the model's PERSON
    # label is a guess there.
    unlikely_person = (
        not has_full_person_name and not has_role and longest.words == 1 and _unlikely_person_name(longest)
    )
    # "a report by Politico" makes Politico a medium in its other mentions too ("Politico responded").
    medium = not has_full_person_name and not has_role and any(map(_publisher, mentions))
    votes: Counter[str] = Counter()
    for mention in mentions:
        # A surname used alone for a fuller name is how news refers to people.
        if mention.words == 1 and mention.key == surname:
            votes[PERSON] += 1
        weight = 0.0 if mention.recovered else 0.25 if mention.weak else 1.0
        kind = _LABEL_TYPES[mention.label]
        pronoun = _subject_pronoun(mention)
        # "Center for Strategic and International Studies", "Institute for Justice": a body named for
        # its purpose is an organisation, though one has an address ("a fellow at the Center for ...").
        named_for_purpose = _named_for_a_purpose(mention)
        # "Politico reported", "a report by Politico": a one-word name that publishes is a medium.
        publisher = medium and _publisher(mention)
        # "the F.B.I.", "the IRS": an acronym after "the" that names no known place is a body's.
        body_acronym = _acronym_after_the(mention)
        if (kind == PERSON and (unlikely_person or medium or _organisation_shaped(mention))) or (
            kind == LOCATION and (named_for_purpose or body_acronym or _place_named_body(mention))
        ):
            kind = ORGANIZATION
        elif pronoun and kind != PERSON and mention.words == 1:
            # "Tarantino says he ...": the sentence contradicts the label.
            kind = PERSON
        elif (kind == ORGANIZATION or mention.label == "FAC") and _given_name_and_surname(mention):
            # "Carly Fiorina", "Sean Hannity", "Neera Tanden": the model calls some people's names
            # organisations or buildings.
            kind = PERSON
        votes[kind] += weight * (1.5 if kind == LOCATION else 1.0)
        if (
            mention.role
            and not _organisation_shaped(mention)
            and not (
                mention.label != "PERSON" and mention.role.split()[-1].lower() in lexicon.SHARED_ROLE_NOUNS
            )
        ):
            # Words before an organisation's name that read as a title are about someone else ("activist
            # Chicago Teachers Union members", "a major Tea Party rally").
            votes[PERSON] += 3
        root = mention.root
        if (
            root.dep_ in {"nsubj", "nsubjpass"}
            and root.head.lemma_ in _SPEECH_VERBS
            # Organisations speak too: "The Washington Post reported", "the Brennan Center for Justice noted".
            and not _organisation_shaped(mention)
            and not medium
        ):
            # Quoted words are mostly a person's: '"...," Tarantino said.'
            votes[PERSON] += 1.5 if _next_to_quote(mention) else 0.5
        if (
            root.dep_ == "pobj"
            and root.head.lower_ in _LOCATIVE_PREPS
            and not according_to_object(root)
            and not named_for_purpose
            and not body_acronym
            # One is "in the Democratic Party" or "in The New York Times" as a member or a piece is.
            and not _headed_by_an_organisation_noun(mention)
        ):
            # People are seldom "in" or "near" something; they come "from" it.
            votes[LOCATION] += 1.5 if root.head.lower_ in _STRONG_LOCATIVE_PREPS else 0.5
        if _coordinated_with_person(root):
            votes[PERSON] += 0.75
        if _person_shaped(mention):
            votes[PERSON] += 0.5
        if (
            _place_head_follows(mention)
            or _place_follows_after_comma(mention)
            or _named_as_a_way(mention)
            or _along_a_way(mention)
        ):
            votes[LOCATION] += 2
        if _scene_of_a_happening(mention) or _visited_place(mention):
            votes[LOCATION] += 2
        if _company_cue(mention) or _medium_of_speech(mention) or publisher:
            votes[ORGANIZATION] += 1.5
        if (
            _reports_its_results(mention)
            or _acquired(mention)
            or _traded(mention)
            or _plays_a_match(mention)
            or invested_in(mention.root)
        ):
            votes[ORGANIZATION] += 2
        if _scene_of_the_predicate(mention):
            votes[LOCATION] += 1.5
        # A name before a kind of medium is the medium's ("told France Info radio"), unless the model
        # reads a place there ("a Baton Rouge newspaper") or it is the surname of a person named in
        # full ("a clip of a Trump television interview").
        if _named_before_its_kind_of_body(mention):
            votes[ORGANIZATION] += 2
        if (
            _named_before_its_medium(mention)
            and mention.label not in _PLACE_LABELS
            and not (mention.words == 1 and mention.key == surname)
        ):
            votes[ORGANIZATION] += 2
        if _facility_in_place_phrase(mention) and not named_for_purpose:
            votes[LOCATION] += 2
        member_of = _class_of_example(mention)
        if member_of is not None:
            votes[member_of] += 2  # two classes named: each still counts
        if _follows_the(mention):
            # People are not "the Pentagon", "on the Moon" or "after the Bataclan".
            in_place = (
                root.dep_ == "pobj"
                and not body_acronym
                and root.head.lower_ in _LOCATIVE_PREPS | {"on", "after", "of"}
                # "the president of the NAACP": a role is held in an organisation, not a place.
                and not (root.head.lower_ == "of" and _is_role_noun(root.head.head))
            )
            votes[LOCATION if in_place else ORGANIZATION] += 1.5
        if pronoun is not None:
            votes[PERSON if pronoun else ORGANIZATION] += 0.75
    if not_a_person:
        votes.pop(PERSON, None)
        if not votes:
            return _LABEL_TYPES[mentions[0].label]
    # Ties go to the type of the first mention.
    best = max(votes.values())
    for mention in mentions:
        if votes[_LABEL_TYPES[mention.label]] == best:
            return _LABEL_TYPES[mention.label]
    return max(votes, key=votes.__getitem__)


def _unlikely_person_name(mention: _Mention) -> bool:
    text = mention.text
    letters = text.replace(".", "")
    if letters.isalpha() and letters.isupper() and (len(letters) <= 4 or "." in text):
        # An acronym: "ISIS", "VOA", "D.P.R.K.".
        return True
    # An inner capital after a run of lower-case letters: "SpaceX", "YouTube",
    # "LinkedIn"; not "McGregor", "DeSantis", "MacArthur", "FitzGerald".
    match = re.search(r"[a-z]{2,}[A-Z]", text)
    return match is not None and not re.match(r"(?:Mac|Fitz|Van|Von|Della|Dela)[A-Z]", text)


def _organisation_shaped(mention: _Mention) -> bool:
    """A name headed by an organisation noun: "Security Council", "Center for American Progress"."""
    lowered = [w.lower().strip(".,") for w in mention.text.split()]
    if len(lowered) < 2:
        return False
    if lowered[-1] in _ORG_HEADS:
        return True
    return any(w in _ORG_CONNECTORS for w in lowered) and any(w in _ORG_HEADS for w in lowered)


def _headed_by_an_organisation_noun(mention: _Mention) -> bool:
    """A name of two words or more ending on an organisation's noun that names no building or grounds too:
    "Democratic Party", "New York Times", "National Rifle Association"; not "Oval Office", "Kennedy
    Center" or "Sandy Hook Elementary School", nor a noun that heads countries' names too ("Soviet Union",
    ``lexicon.polity_heads``)."""
    lowered = [w.lower().strip(".,") for w in mention.text.split()]
    return (
        len(lowered) >= 2
        and lowered[-1] in _ORG_HEADS
        and lowered[-1] not in lexicon.FACILITY_HEADS
        and lowered[-1] not in lexicon.CAMPUS_HEADS
        and lowered[-1] not in lexicon.polity_heads()
    )


def _place_named_body(mention: _Mention) -> bool:
    """ "West Yorkshire Police", "Leeds City Council", "Green Party": a name headed by an organisation's
    noun (``_headed_by_an_organisation_noun``) that the model calls a place is a body named for its place;
    not a compass point and a noun alone, which is a region's name ("the West Bank", "the South Bank")."""
    lowered = mention.text.lower().split()
    return _headed_by_an_organisation_noun(mention) and not (
        len(lowered) == 2 and lowered[0] in lexicon.COMPASS_WORDS
    )


def _acronym_after_the(mention: _Mention) -> bool:
    """ "the F.B.I.", "the IRS", "the NRA's": an acronym (two to five capitals, dotted or not) after "the"
    names an agency, a party or a company, unless GeoNames or news usage knows a place by it ("the U.S.",
    "the UAE"; ``lexicon.geo_place_keys``) or it is a country's initials ("the DPRK"). The model often
    calls such an acronym a place, and "reported to the F.B.I." or "at the IRS" reads like one."""
    letters = _acronym_letters(mention.text)
    first = mention.first_token
    return (
        mention.words == 1
        and letters is not None
        and first > 0
        and mention.root.doc[first - 1].lower_ == "the"
        and name_key(mention.text, LOCATION) not in lexicon.geo_place_keys()
        and letters not in lexicon.country_initials()
    )


def _head_word(lowered: list[str]) -> str:
    """The head noun of a name's lower-case words: the word before its first "of" ("bank" of "bank of
    america", "court" of "u.s. court of appeals"), else its last word."""
    of = lowered.index("of", 1) if "of" in lowered[1:-1] else len(lowered)
    return lowered[of - 1]


def _organisation_of(mention: _Mention) -> bool:
    """ "Bank of America", "University of Michigan", "Department of Justice", "House of Commons": a name
    headed by an organisation's noun before an "of". Not one headed by a noun that heads countries' names too
    ("Union of Soviet Socialist Republics", ``lexicon.polity_heads``), nor "Republic of Korea" or "City
    of London", whose head is no organisation's."""
    lowered = [w.lower().strip(".,") for w in mention.text.split()]
    if "of" not in lowered[1:-1]:
        return False
    head = _head_word(lowered)
    # "House of Representatives", "House of Lords": a house before "of" is a legislature's.
    return (head in _ORG_HEADS or head in lexicon.SEAT_OF_BODY_HEADS) and head not in lexicon.polity_heads()


def _head_type(mention: _Mention) -> str | None:
    """The type a name's last word makes it: an organisation ("Foundation", "Administration", "House"
    of "White House"), a place ("Tower", "Plaza"), or None (a word of both lists, "Center", or of neither)."""
    head = mention.text.split()[-1].lower().strip(".,")
    organisation = head in _ORG_HEADS or head in lexicon.SEAT_OF_BODY_HEADS
    facility = head in lexicon.FACILITY_HEADS and head not in lexicon.SEAT_OF_BODY_HEADS
    if organisation != facility:
        return ORGANIZATION if organisation else LOCATION
    return None


def _non_person_head(mention: _Mention) -> bool:
    """A name of two words or more ending on an organisation's or a building's noun: "White House"."""
    lowered = [w.lower().strip(".,") for w in mention.text.split()]
    return len(lowered) >= 2 and lowered[-1] in _NON_PERSON_HEADS


def _named_for_a_purpose(mention: _Mention) -> bool:
    """An organisation's noun followed by "for": "Center for American Progress", "Party for Freedom"."""
    lowered = [w.lower() for w in mention.text.split()]
    return any(
        head in _ORG_HEADS and after == "for" for head, after in zip(lowered, lowered[1:], strict=False)
    )


# Nouns for an attack or a disaster ("attack", "shooting", "earthquake"), without those for who takes part
# ("rescuer", ``lexicon.EVENT_ACTOR_NOUNS``): a place's name before one says where it happened.
_HAPPENING_NOUNS = frozenset(
    noun for noun, kind in lexicon.DATED_NOUN_KINDS.items() if kind == lexicon.KIND_ATTACK
) | (lexicon.EVENT_TRIGGERS[lexicon.DISASTER]["nouns"] - lexicon.EVENT_ACTOR_NOUNS)


def _scene_of_a_happening(mention: _Mention) -> bool:
    """ "the Benghazi attacks", "the Orlando shooting", "the Nepal earthquake": a name GeoNames knows as a
    place (``lexicon.geo_place_keys``) that modifies a noun for an attack or a disaster is where it
    happened, whatever the model makes of it ("Benghazi" an organisation, often)."""
    root = mention.root
    return (
        root.dep_ == "compound"
        and root.head.i > mention.last_token
        and root.head.pos_ == "NOUN"
        and root.head.lemma_.lower() in _HAPPENING_NOUNS
        and name_key(mention.text, LOCATION) in lexicon.geo_place_keys()
    )


def _visited_place(mention: _Mention) -> bool:
    """ "King Felipe visited Paiporta", "toured Kherson": the object of a verb of going to a place
    (``lexicon.PLACE_OBJECT_VERBS``) that GeoNames knows as one is a place, though the model took the
    town's name for a person's."""
    root = mention.root
    return (
        root.dep_ == "dobj"
        and root.head.lemma_.lower() in lexicon.PLACE_OBJECT_VERBS
        and name_key(mention.text, LOCATION) in lexicon.geo_place_keys()
    )


def _named_before_its_medium(mention: _Mention) -> bool:
    """ "told France Info radio", "the Kommersant newspaper": the name qualifies the kind of medium it is."""
    doc = mention.root.doc
    after = mention.last_token + 1
    return (
        after < len(doc)
        and doc[after].lower_ in lexicon.MEDIUM_NOUNS
        and mention.root.dep_ == "compound"
        and mention.root.head.i == after
    )


def _named_before_its_kind_of_body(mention: _Mention) -> bool:
    """ "the ruling Morena party": a party's or a movement's name (``nlp.names_a_party``; "the Obama
    administration", "the Boston police" are a person's or a place's), unless a country's or a state's
    ("the Texas party")."""
    return (
        names_a_party(Span(mention.root.doc, mention.first_token, mention.last_token + 1))
        and name_key(mention.text, LOCATION) not in lexicon.region_keys()
    )


def _company_cue(mention: _Mention) -> bool:
    """ "SpaceX CEO", "Twitter's founder", "the chief executive of Tesla", "Tesla employees"."""
    doc = mention.root.doc
    after = mention.last_token + 1
    if after < len(doc) and doc[after].lower_ in {"'s", "’s"}:
        after += 1
    if after < len(doc) and doc[after].lower_ in _COMPANY_NOUNS:
        return True
    root = mention.root
    return (
        root.dep_ == "pobj"
        and root.head.lower_ == "of"
        and root.head.head.lower_ in _COMPANY_NOUNS
        and root.head.head.i < root.i
    )


def _reports_its_results(mention: _Mention) -> bool:
    """ "Nvidia reported record revenue", "Acme posted a loss": who reports results is a company, though
    the model took an unfamiliar name for a place."""
    root = mention.root
    verb = root.head
    return (
        root.dep_ == "nsubj"
        and verb.pos_ == "VERB"
        and verb.lemma_.lower() in lexicon.RESULT_VERBS
        and any(c.dep_ == "dobj" and c.lower_ in lexicon.RESULT_NOUNS for c in verb.children)
    )


def _plays_a_match(mention: _Mention) -> bool:
    """ "Inter Miami beat Nashville 3-1", "a 3-1 win over Real Madrid": a name of more than one word that
    no place has (``lexicon.geo_place_keys``), which the model calls a place or an organisation, or a person
    though it opens on no given name ("Manchester United"), is a team where it wins or loses a game: the
    subject or object of a sports verb in a sentence with a score, or what a win is over."""
    if mention.words < 2 or not (
        mention.label in _PLACE_LABELS
        or mention.label == "ORG"
        or (mention.label == "PERSON" and not _opens_on_a_given_name(mention.root.doc[mention.first_token]))
    ):
        return False
    if name_key(mention.text, LOCATION) in lexicon.geo_place_keys():
        return False
    return _wins_or_loses(mention.root)


def _wins_or_loses(root: Token) -> bool:
    """The noun is the subject or object of a sports verb in a sentence with a score ("beat Nashville
    3-1"), or what a win is over."""
    head = root.head
    if root.dep_ == "pobj" and head.lower_ in ("over", "against"):
        return lexicon.SPORTS in lexicon.trigger_types(head.head.lemma_.lower(), head.head.pos_)
    return (
        root.dep_ in ("nsubj", "dobj")
        and head.pos_ == "VERB"
        and lexicon.SPORTS in lexicon.trigger_types(head.lemma_.lower(), "VERB")
        and any(opens_a_score(root.doc, token.i) for token in root.sent if token.like_num)
    )


def _untagged_teams(doc: Doc, headline_lines: _HeadlineLines) -> list[_Mention]:
    """Teams the model did not tag at all where they win or lose a game ("Real Madrid beat Borussia
    Dortmund 2-0", the model's miss at a sentence's start): a name of two capitalised proper nouns or
    more, untouched by any entity, opening on no given name, that no place has."""
    found = []
    for token in doc:
        if not (token.pos_ == "PROPN" and token.is_title and token.ent_iob_ == "O" and _wins_or_loses(token)):
            continue
        first = token.i
        while (
            first > token.sent.start
            and doc[first - 1].pos_ == "PROPN"
            and doc[first - 1].is_title
            and doc[first - 1].ent_iob_ == "O"
            and doc[first - 1].dep_ == "compound"
        ):
            first -= 1
        span = Span(doc, first, token.i + 1, label="ORG")
        if (
            len(span) < 2
            or _opens_on_a_given_name(doc[first])
            or name_key(span.text, LOCATION) in lexicon.geo_place_keys()
        ):
            continue
        _add_recovered(found, span, headline_lines)
    return found


def _traded(mention: _Mention) -> bool:
    """ "Shares of Nvidia jumped": what has shares traded is a company, though the model took an
    unfamiliar name for a place."""
    root = mention.root
    return (
        root.dep_ == "pobj"
        and root.head.lower_ == "of"
        and root.head.head.lower_ in lexicon.STOCK_NOUNS
        and root.head.head.i < root.i
    )


def _acquired(mention: _Mention) -> bool:
    """ "agreed to buy Activision Blizzard", "acquired Figma": a name bought as a whole is a company's,
    unless it is a given name and a surname (a player a club buys)."""
    root = mention.root
    return (
        root.dep_ == "dobj"
        and root.head.pos_ == "VERB"
        and root.head.lemma_.lower() in lexicon.ACQUIRING_VERBS
        and not _given_name_and_surname(mention)
    )


def _scene_of_the_predicate(mention: _Mention) -> bool:
    """ "beat Liverpool at Old Trafford", "was arrested at Heathrow": where a game, a crime, a disaster or
    an accident takes place is a place, though the model calls the name an organisation or a person.
    Only after a verb of such a happening (``lexicon.trigger_types``): one works, speaks, rallies or
    gathers "at" a company, a university or a convention, which stay what they are; and not a name
    headed by an organisation's noun ("a shooting at the Buffalo Shooting Club")."""
    root = mention.root
    preposition = root.head
    verb = preposition.head
    return (
        mention.label in ("ORG", "PERSON")
        and root.dep_ == "pobj"
        and preposition.lower_ == "at"
        and preposition.dep_ == "prep"
        and verb.pos_ == "VERB"
        and not _SCENE_TYPES.isdisjoint(lexicon.trigger_types(verb.lemma_.lower(), "VERB"))
        and _last_word(mention.key) not in _ORG_HEADS
    )


# Not a conflict's: "attacked" is as often in words, of a person "at" a convention or a company.
_SCENE_TYPES = frozenset({lexicon.SPORTS, lexicon.CRIME, lexicon.DISASTER, lexicon.ACCIDENT})


def _medium_named(span: Span) -> bool:
    """ "told broadcaster ARD", "Spanish-language broadcaster Univision", "the newspaper Kommersant": a kind
    of medium right before a name that opens on no given name ("broadcaster David Dimbleby" is a
    person's title)."""
    before = span.start - 1
    return (
        before >= 0
        and span.doc[before].lower_ in lexicon.MEDIUM_NOUNS
        and not _opens_on_a_given_name(span[0])
    )


def _opens_on_a_given_name(token: Token) -> bool:
    """A given name written as one ("David", not "ARD")."""
    return token.is_title and lexicon.first_name_gender(token.text) is not None


def _medium_of_speech(mention: _Mention) -> bool:
    """ "said on Twitter", "announced via Instagram": what words are said on or via is a medium (a
    platform, a channel, a paper), not a person, whatever label the model gives the one word."""
    root = mention.root
    preposition = root.head
    verb = preposition.head
    return (
        mention.words == 1
        and root.dep_ == "pobj"
        and preposition.lower_ in ("on", "via")
        and verb.pos_ == "VERB"
        and verb.lemma_.lower() in _SPEECH_VERBS
    )


def _publisher(mention: _Mention) -> bool:
    """ "Politico reported", "published by Politico", "a report by Politico", "an article in Politico": a
    one-word name that publishes (``lexicon.PUBLISHING_VERBS``), that a piece appeared in
    (``lexicon.PIECES_IN_A_MEDIUM``) or that a work is by (``lexicon.WORKS_BY_A_MEDIUM``), reads as a medium. A person who reports is written with a full name
    or a role: the caller weighs this only for a name without either."""
    root = mention.root
    head = root.head
    if mention.words != 1:
        return False
    if root.dep_ == "nsubj":
        # "Wolf reported from Washington": a reporter's sign-off.
        return (
            head.pos_ == "VERB"
            and head.lemma_.lower() in lexicon.PUBLISHING_VERBS
            and not any(c.lower_ == "from" for c in head.children)
        )
    if root.dep_ != "pobj" or head.lower_ not in ("by", "in"):
        return False
    work = head.head
    lemma = work.lemma_.lower()
    if head.lower_ == "in":
        return work.pos_ == "NOUN" and lemma in lexicon.PIECES_IN_A_MEDIUM
    if work.pos_ == "NOUN":
        return lemma in lexicon.WORKS_BY_A_MEDIUM
    return work.pos_ == "VERB" and lemma in lexicon.PUBLISHING_VERBS


def _facility_in_place_phrase(mention: _Mention) -> bool:
    """A building or a room something happens in, at or from: "speaking from the Oval Office"."""
    root = mention.root
    return (
        mention.words > 1
        and root.lower_ in lexicon.FACILITY_HEADS
        and root.dep_ == "pobj"
        and root.head.lower_ in lexicon.FACILITY_PREPOSITIONS
        and root.head.head.pos_ in {"VERB", "AUX"}
    )


# Words for people, kin among them ("his daughter Ivanka", "his wife, Melania").
_PEOPLE_NOUNS = lexicon.PERSON_CLASS_NOUNS | lexicon.MALE_NOUNS | lexicon.FEMALE_NOUNS


def _class_of_example(mention: _Mention) -> str | None:
    """The type a name takes from the class it is an example of: "territory, including X", "cities such
    as X", "the group X", "X, a town near the border"."""
    root = mention.root
    described = _description(mention)
    # "companies such as Pfizer, GlaxoSmithKline and Merck": every name of the list is an example.
    first_of_list = root
    while first_of_list.dep_ == "conj" and first_of_list.head.i < first_of_list.i:
        first_of_list = first_of_list.head
    if first_of_list.dep_ == "pobj" and first_of_list.head.lower_ in lexicon.EXAMPLE_PREPOSITIONS:
        noun = first_of_list.head.head
    elif (
        root.dep_ == "appos"
        # The parse joins lines too (a photo caption's last noun and the next caption's first name).
        and "\n" not in doc_text(root.doc)[min(root.head.idx, root.idx) : max(root.head.idx, root.idx)]
        and not (mention.first_token > 0 and root.doc[mention.first_token - 1].text in _OPENING_BRACKETS)
        and not _preposition_between(root.head, mention)
        and not _subject_of_a_relative_clause(mention)
    ):
        # A name in brackets after a noun gives an instance of what the sentence says ("candidates
        # who would bar Muslims from the country (Donald J. Trump)"), not the class of the name.
        # Nor is a name after a preposition in apposition ("the head of Right to Rise USA", which the
        # parse may attach to "head").
        noun = root.head
    elif (
        root.dep_ == "pobj"
        and root.head.lower_ == "of"
        and root.head.head.tag_ == "NN"
        and root.head.head.lemma_.lower() in lexicon.PLACE_CLASS_NOUNS
        and not _possessive(mention)
    ):
        # "the southern city of Malaga", "the town of Banki", "the province of Hebei"; not "the states
        # of the European Union" (its members), nor "the state of Sanders' younger years".
        noun = root.head.head
    elif described is not None and not _subject_of_a_subjectless_verb(described):
        noun = described
    elif _modifies_a_member_noun(mention) or _company_class_before(mention):
        return ORGANIZATION
    elif (classifier := _classifier_before(mention)) is not None:
        # Only an organisation's noun: one of a place modifies an organisation's name ("the state
        # Senate", "the city Council"), and one that names a building too is a player's position as
        # often ("fourth-year center Corey Linsley").
        lemma = classifier.lemma_.lower()
        return ORGANIZATION if lemma in _ORG_HEADS and lemma not in lexicon.FACILITY_HEADS else None
    else:
        return None
    if noun.pos_ != "NOUN":
        return None
    lemma = noun.lemma_.lower()
    if lemma in lexicon.PLACE_CLASS_NOUNS:
        return LOCATION
    if lemma in lexicon.ORGANISATION_HEADS:
        return ORGANIZATION
    # "Northvolt, the Swedish battery maker, filed ...": a kind of company, unless a person's name ("Gene
    # Sperling, a longtime policy maker").
    if lemma in lexicon.COMPANY_CLASS_NOUNS and not lexicon.is_given_name(mention.text.split()[0]):
        return ORGANIZATION
    # "Spanish-language broadcaster Univision": a kind of medium, though a person may be one too.
    if lemma in lexicon.MEDIUM_NOUNS and not _opens_on_a_given_name(mention.root.doc[mention.first_token]):
        return ORGANIZATION
    # A name headed by an organisation's noun is no example of a class of people: the parse has hung it
    # on the wrong noun ("director of the Central Intelligence Agency, vice president", "The number of
    # people The Washington Post reported").
    if (
        (lemma in lexicon.ROLE_NOUNS or lemma in _PEOPLE_NOUNS)
        and not _organisation_shaped(mention)
        and not (lemma in lexicon.SHARED_ROLE_NOUNS and mention.label != "PERSON")
    ):
        return PERSON
    return None


def _possessive(mention: _Mention) -> bool:
    """The name is written as a possessor ("Sanders' younger years", "Malaga's mayor")."""
    doc = mention.root.doc
    after = mention.last_token + 1
    return after < len(doc) and (doc[after].tag_ == "POS" or doc[after].lower_ in _POSSESSIVE_TOKENS)


def _company_class_before(mention: _Mention) -> bool:
    """ "Pringles maker Kellanova", "Swiss drugmaker Novartis": a noun for a kind of company
    (``lexicon.COMPANY_CLASS_NOUNS``) modifying the name right before it; such a noun is no part of a
    phrase that merely runs into the name, as other classifiers may be (``_classifier_before``)."""
    before = mention.first_token - 1
    if before < 0:
        return False
    noun = mention.root.doc[before]
    return (
        noun.lemma_.lower() in lexicon.COMPANY_CLASS_NOUNS
        and noun.dep_ in ("compound", "amod", "nmod")
        and mention.first_token <= noun.head.i <= mention.last_token
        # A maker may be a person ("manufacturer Ron Johnson was elected senator"): a given name and one
        # more word, which the model calls a person's, stays one.
        and not (mention.label == "PERSON" and mention.words == 2 and _given_name_first(mention))
    )


def _classifier_before(mention: _Mention) -> Token | None:
    """ "Jihadist group Boko Haram has freed 21 girls", "the network CNN": a common noun right before the
    name, which the parse makes a modifier of it, names the name's class (the appositive written first).
    Not a noun without words of its own in front, which belongs to a phrase ("on board EgyptAir Flight
    804"), nor one before the subject of a clause about it ("the party Trump leads")."""
    doc = mention.root.doc
    before = mention.first_token - 1
    if before < 0:
        return None
    noun = doc[before]
    if (
        noun.is_lower
        and noun.pos_ == "NOUN"
        and noun.dep_ == "compound"
        and mention.first_token <= noun.head.i <= mention.last_token
        and (noun.is_sent_start or any(c.dep_ in _NOUN_MODIFIER_DEPS for c in noun.lefts))
        and not _subject_of_a_relative_clause(mention, check_head=False)
    ):
        return noun
    return None


def _modifies_a_member_noun(mention: _Mention) -> bool:
    """ "Boko Haram militants", "Tea Party members": a name that modifies a noun for the members of a
    group (``lexicon.GROUP_MEMBER_NOUNS``) is the group's; a person has supporters and aides, not
    fighters or members. A place has fighters too ("Aleppo rebels"): a name the model labels a place
    or a known place is left to the other evidence."""
    root = mention.root
    after = mention.last_token + 1
    return (
        root.dep_ == "compound"
        and root.head.i == after
        and root.head.lemma_.lower() in lexicon.GROUP_MEMBER_NOUNS
        and mention.label not in _PLACE_LABELS
        and mention.key not in _place_keys()
    )


def _subject_of_a_relative_clause(mention: _Mention, *, check_head: bool = True) -> bool:
    """ "the centrist organization Bill Clinton used": a name between a noun and a verb that lacks its
    object is the subject of a clause about the noun (its "that" left out), which the parse may read as
    the noun's appositive. "the militant group Boko Haram was behind the attack", "the group X freed
    21 girls" are appositives: their verb is a copula or has its object."""
    doc = mention.root.doc
    after = mention.last_token + 1
    if after >= len(doc) or (check_head and mention.root.head.i >= mention.first_token):
        return False
    verb = doc[after]
    return (
        verb.pos_ == "VERB"
        and verb.tag_ in ("VBD", "VBZ", "VBP")
        and verb.lemma_.lower() not in _SPEECH_VERBS
        and not any(child.dep_ in _OBJECT_DEPS for child in verb.rights)
    )


_NOUN_MODIFIER_DEPS = frozenset({"det", "amod", "compound", "nummod", "poss"})
_OBJECT_DEPS = frozenset({"dobj", "ccomp", "attr", "acomp", "dative", "oprd"})


def _description(mention: _Mention) -> Token | None:
    """The noun the parse hangs on the name as its description, when it comes right after the name ("X,
    a town near the border"). One further on is the parse hanging another name's description on this
    one ("Gore was in New York anchoring coverage from Current TV, the liberal television network")."""
    after_name = _after_comma(mention.root.doc, mention.last_token)
    return next(
        (
            _hyphenated_whole(child)
            for child in mention.root.children
            if child.dep_ == "appos" and child.pos_ == "NOUN" and child.left_edge.i <= after_name
        ),
        None,
    )


def _hyphenated_whole(token: Token) -> Token:
    """The last part of the hyphenated word ``token`` opens ("co" of "co-director" -> "director"), which
    the tokenizer splits and whose last part says what it is; ``token`` itself otherwise."""
    doc = token.doc
    while (
        token.i + 2 < len(doc)
        and not token.whitespace_
        and doc[token.i + 1].text == "-"
        and not doc[token.i + 1].whitespace_
    ):
        token = doc[token.i + 2]
    return token


def _after_comma(doc: Doc, last: int) -> int:
    """The index of the first token after the name that ends at ``last`` and the comma after it."""
    after = last + 1
    return after + 1 if after < len(doc) and doc[after].text in {",", "—", "–", "-", "("} else after


def _subject_of_a_subjectless_verb(noun: Token) -> bool:
    """A noun the parse calls an appositive that is the subject its sentence's verb lacks: "At the
    townhall in Ho Chi Minh City, a young woman who ... asked Obama" (the woman is no description of the
    city)."""
    verb = noun.sent.root
    return (
        verb.pos_ in ("VERB", "AUX")
        and noun.i < verb.i
        and not any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in verb.children)
    )


def _preposition_between(noun: Token, mention: _Mention) -> bool:
    doc = mention.root.doc
    return noun.i < mention.first_token and any(
        t.pos_ == "ADP" for t in doc[noun.i + 1 : mention.first_token]
    )


def _follows_the(mention: _Mention) -> bool:
    doc = mention.root.doc
    before = mention.first_token - 1
    return (
        mention.words == 1
        and before >= 0
        and doc[before].lower_ == "the"
        and mention.root.dep_ not in {"compound", "amod", "poss", "nmod"}
        and not mention.text.endswith("s")
    )


def _subject_pronoun(mention: _Mention) -> bool | None:
    """Whether the first he/she/it after a subject in its sentence is personal (True) or not (False).

    "Tarantino tells all about his version"; "SpaceX said that it was". None
    without such a pronoun, or when another name comes first.
    """
    root = mention.root
    if root.dep_ not in {"nsubj", "nsubjpass"}:
        return None
    doc = root.doc
    sentence_end = root.sent.end
    for index in range(mention.last_token + 1, min(sentence_end, mention.last_token + 16)):
        token = doc[index]
        if token.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"}:
            return None
        lower = token.lower_
        if lower in _PERSON_PRONOUNS:
            return True
        if lower in _THING_PRONOUNS and token.dep_ not in {"expl"} and doc[index - 1].lower_ != "that":
            return False
    return None


def _next_to_quote(mention: _Mention) -> bool:
    doc = mention.root.doc
    before = doc[max(0, mention.first_token - 3) : mention.first_token]
    after = doc[mention.last_token + 1 : mention.last_token + 4]
    return any(t.is_quote for t in before) or any(t.text == ":" for t in after)


def _place_follows_after_comma(mention: _Mention) -> bool:
    """ "Ruhrort, Germany": a name followed by the place it lies in, then punctuation."""
    doc = mention.root.doc
    comma = mention.last_token + 1
    if comma + 2 >= len(doc) or doc[comma].text != ",":
        return False
    index = comma + 1
    if doc[index].ent_type_ != "GPE" or name_key(doc[index].text, LOCATION) not in _place_keys():
        return False
    return doc[index + 1].is_punct and doc[index + 1].text not in {"'s", "’s", "-"}


def _coordinated_with_person(root: Token) -> bool:
    if root.dep_ == "conj" and root.head.ent_type_ == "PERSON":
        return True
    return any(child.dep_ == "conj" and child.ent_type_ == "PERSON" for child in root.rights)


def _opens_with_a_given_name(cluster: _Cluster) -> bool:
    """A person-shaped name whose first word is a given name and no title ("Maryam Violet", which the model
    may call an organisation, but not "General Petraeus" or a show's "Rachel Maddow Show", a work's): a full
    name that its surname alone may stand for."""
    return not any(m.label == "WORK_OF_ART" for m in cluster.mentions) and _given_name_first(cluster.longest)


def _given_name_and_surname(mention: _Mention) -> bool:
    """ "Carly Fiorina", "Sean Hannity": a given name (``_given_name_first``) and a surname that is no word
    of the language (``lexicon.is_dictionary_word``), as "Edison Research", "Merrill Lynch", "Brooks
    Brothers" or "Ted Cruz Super" end on one; the given name no place's ("Houston Astros") nor a particle
    ("Al Qaeda"). A company named for its founder ("Eli Lilly") looks the same."""
    doc = mention.root.doc
    first, last = doc[mention.first_token], doc[mention.last_token]
    return (
        _given_name_first(mention)
        and first.lower_ not in lexicon.NAME_PARTICLES
        and name_key(first.text, LOCATION) not in lexicon.geo_place_keys()
        and last.is_alpha
        and not lexicon.is_dictionary_word(last.lower_)
    )


def _given_name_first(mention: _Mention) -> bool:
    """A person-shaped name whose first word is a given name of one gender (gender-guesser's data) and no
    title: "Carly Fiorina", "Maryam Violet"; not "General Petraeus" nor "Morgan Stanley"."""
    return (
        _person_shaped(mention)
        and not _is_title_token(mention.root.doc[mention.first_token])
        and lexicon.first_name_gender(mention.text.split()[0]) is not None
    )


def _person_shaped(mention: _Mention) -> bool:
    """Two or three capitalised words, none of them an organisation word: "Volodymyr Zelenskyy"."""
    words = mention.text.split()
    return (
        2 <= len(words) <= 3
        and all(w[:1].isupper() and w[1:2].islower() for w in words)
        and not any(w.lower().strip(".") in _ORG_WORDS for w in words)
        and mention.key not in _place_keys()
    )


def _named_as_a_way(mention: _Mention) -> bool:
    """ "Hermenegildo Galeana Street", "George Washington Bridge", "Ponte Vedra Beach", "the Promenade": a
    name headed by the noun of a street, a bridge or a shore (``lexicon.WAY_HEADS``) is a place, whatever
    person's name it is made of. Not a name with an "of", more often a title's ("Primates of Park
    Avenue", "Bridge of Spies"), nor a name that modifies a noun ("American Bridge President Jessica
    Mackler"), which may be anything's."""
    lowered = [w.lower().strip(".,") for w in mention.text.split()]
    return lowered[-1] in lexicon.WAY_HEADS and "of" not in lowered and mention.root.dep_ != "compound"


def _along_a_way(mention: _Mention) -> bool:
    """ "a parade down the Champs-Elysees", "along the Promenade": what one goes down or along is a way,
    whatever the parse hangs the name on. Not after a verb's particle ("winding down the Clinton
    Foundation", "shot down the Malaysia Airlines flight")."""
    doc = mention.root.doc
    before = mention.first_token - 1
    if before >= 0 and doc[before].lower_ == "the":
        before -= 1
    return before >= 0 and doc[before].lower_ in lexicon.PATH_PREPOSITIONS and doc[before].dep_ == "prep"


def _place_head_follows(mention: _Mention) -> bool:
    doc = mention.root.doc
    after = mention.root.i + 1
    return after < len(doc) and mention.end <= doc[after].idx and doc[after].lower_ in _PLACE_HEADS


# -- output ------------------------------------------------------------------


def _unlabelled_dateline_city(
    doc: Doc, mentions: list[_Mention], headline_lines: _HeadlineLines
) -> tuple[_Mention | None, list[_Mention]]:
    """The city of a wire dateline (``dateline_city``) that the model labels as nothing ("O'SMACH,
    Cambodia (AP)_"), or only in part ("SAO" of "SAO PAULO —"): a place the article names, as a
    mention of its own, with the mentions of its parts that it replaces."""
    found = dateline_city(doc_text(doc))
    if found is None:
        return None, []
    start, end, _ = found
    overlapping = [mention for mention in mentions if mention.start < end and start < mention.end]
    if any(
        mention.start < start or mention.end > end or mention.end - mention.start == end - start
        for mention in overlapping
    ):
        return None, []
    # Only a place GeoNames knows replaces a name the model found, or stands alone in capitals: a
    # kicker in capitals reads as a dateline too ("INDIANA’S DEMOGRAPHICS FAVOR CRUZ, BUT ... -").
    known = name_key(doc_text(doc)[start:end], LOCATION) in lexicon.geo_place_keys()
    if overlapping and not known:
        return None, []
    span = doc.char_span(start, end, label="GPE", alignment_mode="contract")
    mention = _mention(span, headline_lines) if span is not None and len(span) else None
    if mention is not None:
        mention.in_dateline = True
        # A dateline is written in capitals: they make no headline of a known place ("SAO PAULO —").
        mention.weak = mention.weak and not known
        # Named as the place is spelled (GeoNames, or the article elsewhere), not in the dateline's capitals.
        spelled = place_spelling(mention.text, dateline=True, written=doc_text(doc))
        if spelled != mention.text:
            mention.written, mention.text = mention.text, spelled
            mention.key = name_key(spelled, LOCATION) or mention.key
    return mention, overlapping if mention is not None else []


def _place_the_dateline(doc: Doc, mentions: list[_Mention]) -> None:
    """A name in the place of the wire dateline that opens the body ("CONCORD, N.H. (AP) —",
    "WASHINGTON —") is a place, whatever the model makes of a word in capitals (an organisation, often)."""
    text = doc_text(doc)
    opening = len(text) - len(text.lstrip())
    dateline = match_dateline(text, opening)
    if dateline is None:
        return
    start, end = dateline.span("place")
    for mention in mentions:
        if start <= mention.start and mention.end <= end:
            mention.in_dateline = True
            if mention.label not in _PLACE_LABELS:
                mention.label = "GPE"
                mention.key = name_key(mention.text, LOCATION) or mention.key


def _entity(cluster: _Cluster) -> EntityCandidate:
    mentions = sorted(cluster.mentions, key=lambda m: m.start)
    entity_type = _decide_type(cluster)
    name = _best_name(mentions)
    if entity_type == LOCATION:
        name = place_spelling(
            name, dateline=any(m.in_dateline for m in mentions), written=doc_text(mentions[0].root.doc)
        )
    role = None
    if entity_type == PERSON:
        roles = [_role_written_out(m.role) for m in mentions if m.role and not m.weak]
        role = max(roles, key=lambda r: len(r.split()), default=None)
        name = _drop_cap_undone(name, doc_text(mentions[0].root.doc))
    return EntityCandidate(
        name=name,
        type=entity_type,
        aliases={m.text for m in mentions if m.text != name},
        role=role,
        mentions=[MentionSpan(start=m.start, end=m.end, text=m.written or m.text) for m in mentions],
    )


# AP style's abbreviated titles written out, capitalised as a title before a name is ("Sen." -> "Senator").
_TITLES_WRITTEN_OUT = {short: full.capitalize() for short, full in lexicon.TITLE_ABBREVIATIONS.items()}


def _role_written_out(role: str) -> str:
    """ "Vermont Sen." -> "Vermont Senator", "Lt. Gov." -> "Lieutenant Governor": a title abbreviated before
    a name is the same role as the title written out, which is how the role reads on its own and how
    other articles write it."""
    return " ".join(_TITLES_WRITTEN_OUT.get(word.lower(), word) for word in role.split())


def _drop_cap_undone(name: str, written: str) -> str:
    """ "MICHAEL Sheen" -> "Michael Sheen": many outlets set an article's first word in capitals. The word
    is spelled as the article spells it elsewhere ("MCKENZIE Smith" -> "McKenzie Smith"), else capitalised."""
    first, _, rest = name.partition(" ")
    if (
        len(first) > 2
        and first.isalpha()
        and first.isupper()
        and rest
        and all(w[:1].isupper() and not w.isupper() for w in rest.split())
    ):
        return from_capitals(first, written) + " " + rest
    return name


def _best_name(mentions: list[_Mention]) -> str:
    """The fullest form, spelled as most mentions spell it, not in capitals if avoidable; never an
    abbreviation the article also writes out ("California" over "Calif.", "United States" over "U.S.")."""
    counts = Counter(m.text for m in mentions if not m.weak) or Counter(m.text for m in mentions)
    return max(
        counts,
        key=lambda text: (
            len([w for w in text.split() if len(w.rstrip(".")) > 1]),
            full_name(text, LOCATION) not in counts,
            not text.isupper() or len(text) <= 5,
            counts[text],
            len(text),
        ),
    )
