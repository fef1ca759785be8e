"""Quotes and who said them, from one parsed article body.

Three passes over the already-parsed ``Doc`` (spaCy is never run again here):

1. **Marks.** Quotation marks are paired paragraph by paragraph with a small
   state machine: straight, curly and guillemet double marks first, then
   single marks (UK style, headlines) outside the double-quoted stretches.
   A quote left open at a paragraph end stops there; when the next paragraph
   re-opens with a mark, the two are chained (the English convention for a
   quote running over several paragraphs) and share one speaker.
2. **Attribution.** For each quoted stretch, the words right after it
   (``"...," X said``, ``"..." - X``), the words right before it
   (``X told reporters: "..."``, ``According to X, "..."``), then the
   dependency parse around it (``said Russia would present "specific
   proposals"``) name a reporting verb; its subject is the speaker. Quotes
   with no attribution of their own continue the previous quote's speaker
   when they follow it in the same paragraph or form a paragraph of their own.
   Short quoted spans (1-4 words) are kept only when attributed: otherwise
   they are scare quotes ("so-called 'peace memorandum'").
3. **Indirect speech.** ``X said (that) <clause>`` and ``according to X,
   <clause>`` become INDIRECT quotes when X is a source: a named entity or a
   human/institution description ("a senior official", "the ministry").

Speakers are resolved to the article's entities through mention spans first,
then names and aliases; pronouns go to the most recent person who spoke or
was the subject of a main clause; anonymous descriptions stay as written
(the fuller "a senior Ukrainian official" for a later "the official").
Everything is linear in the number of tokens.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from newsapi.extraction import lexicon
from newsapi.extraction.datelines import DASH_CLASS, LONG_DASHES, dateline_city
from newsapi.extraction.names import ends_in_legal_form
from newsapi.extraction.nlp import doc_text
from newsapi.extraction.types import (
    DIRECT,
    INDIRECT,
    LOCATION,
    ORGANIZATION,
    PERSON,
    EntityCandidate,
    QuoteCandidate,
)

__all__ = ["REPORTING_VERBS", "extract_quotes"]

REPORTING_VERBS = lexicon.SPEECH_VERBS
LABELLING_VERBS = lexicon.LABELLING_VERBS
_REPORTING_FORMS = lexicon.REPORTING_FORMS
_SOURCE_NOUNS = lexicon.SOURCE_NOUNS
# Subjects that make "read" a reporting verb ("the letter reads").
_DOCUMENT_NOUNS = lexicon.DOCUMENT_NOUNS
# The written forms of those verbs ("read", "reads"; its past is "read"), which the tagger may take
# for a noun after the document's.
_DOCUMENT_VERB_FORMS = frozenset(form for verb in lexicon.DOCUMENT_VERBS for form in (verb, verb + "s"))
# The lemmas and the forms ``_is_reporting`` tests one by one, for its early exit.
_REPORTING_LEMMAS_READ = frozenset({"put"}) | lexicon.DOCUMENT_VERBS
_REPORTING_FORMS_READ = _DOCUMENT_VERB_FORMS | _REPORTING_FORMS
_UTTERANCE_NOUNS = lexicon.UTTERANCE_NOUNS
_HE_SHE = lexicon.HE_SHE
_THEY = lexicon.THEY
_AS_WRITTEN = lexicon.AS_WRITTEN_PRONOUNS
_PRONOUNS = lexicon.SPEAKER_PRONOUNS
# What "the company" names again: an organisation whose name carries a legal form.
_COMPANY = "company"

# (opening, closing) roles of each mark; "both" marks are decided by context.
_DOUBLE_OPEN = frozenset("“„«")
_DOUBLE_CLOSE = frozenset("”»")
_DOUBLE_BOTH = frozenset('"')
_SINGLE_OPEN = frozenset("‘‹")
_SINGLE_CLOSE = frozenset("’›")
_SINGLE_BOTH = frozenset("'")
_ALL_MARKS = _DOUBLE_OPEN | _DOUBLE_CLOSE | _DOUBLE_BOTH | _SINGLE_OPEN | _SINGLE_CLOSE | _SINGLE_BOTH
_DASHES = frozenset("—–―-")
_SENTENCE_END = frozenset({".", "!", "?", "…"})
# Last characters of quoted words that leave the sentence open for its attribution.
_FRAMING_END = frozenset(",?!—–-…")

# Parts of speech allowed between a quote and its reporting verb ("Mr. Ruiz also").
_SUBJECT_POS = frozenset(
    {"PUNCT", "DET", "ADJ", "PROPN", "NOUN", "PRON", "PART", "ADV", "AUX", "NUM", "SPACE"}
)
# A word in one of these relations modifies a noun: a participle there is part of a noun phrase
# ("the conservative-leaning newspaper"), not a clause of its own.
_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "npadvmod"})
# A word the tagger calls a verb in one of these relations is a noun ("“...,” Trump shot back").
_NOMINAL_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj"})
_PARAGRAPH_RE = re.compile(r"[^\n]+")
# Short spans (in words) are partial quotes only when attributed.
_PARTIAL_MAX_WORDS = 4
# The share of a quoted stretch in Title Case that the model must label WORK_OF_ART for it to be a title.
WORK_TITLE_SHARE = 0.9
# How far (in tokens) an attribution may sit from its quote.
_POST_WINDOW = 8
_POST_WINDOW_APPOS = 40
_PRE_WINDOW = 14
_ANCESTOR_STEPS = 6


@dataclass
class _Region:
    """One quoted stretch: ``open`` is the mark's offset, ``close`` may be None."""

    open: int
    close: int | None
    para_start: int
    para_end: int
    start: int = 0  # inner text span, whitespace-stripped
    end: int = 0
    chained_from: int | None = None  # index of the region this one continues


@dataclass
class _Speaker:
    text: str
    start: int
    end: int
    name: str | None
    cue: str | None
    anonymous_head: str | None = None  # head lemma of an anonymous description
    plural: bool = False  # "officials", "analysts": not a "he" or "she"
    impersonal: bool = False  # "it", "I", "we": never the antecedent of a later "he" or "she"
    # Read from the words around a parse that missed the clause (a subject after its verb, a relative
    # pronoun, a mis-tagged name): enough to name a long quote's speaker, not to make a short span a quote.
    inferred: bool = False


# ---------------------------------------------------------------- pass 1: marks


def _is_word(ch: str) -> bool:
    return ch.isalnum()


def _double_regions(text: str, p_start: int, p_end: int) -> list[tuple[int, int | None]]:
    """Pair double marks in one paragraph; an unclosed quote ends at the paragraph end."""
    regions: list[tuple[int, int | None]] = []
    stack: list[int] = []  # offsets of open marks; depth > 1 is nesting
    for i in range(p_start, p_end):
        ch = text[i]
        if ch not in _DOUBLE_OPEN and ch not in _DOUBLE_CLOSE and ch not in _DOUBLE_BOTH:
            continue
        before = text[i - 1] if i > p_start else " "
        after = text[i + 1] if i + 1 < p_end else " "
        if ch in _DOUBLE_OPEN:
            is_open = True
        elif ch in _DOUBLE_CLOSE:
            # Some sites use ” for both marks: at depth 0, before a word, it opens.
            is_open = not stack and _is_word(after)
        else:
            # A straight mark closes an open quote unless it clearly starts a
            # nested one (space before, word after), inside a curly or a straight quote.
            is_open = not stack or (before.isspace() and _is_word(after))
        if is_open:
            stack.append(i)
        elif stack:
            opened = stack.pop()
            if not stack:
                regions.append((opened, i))
    if stack:
        regions.append((stack[0], None))
    return regions


def _single_regions(
    text: str, p_start: int, p_end: int, blocked: list[tuple[int, int]]
) -> list[tuple[int, int | None]]:
    """Pair single marks outside double quotes; apostrophes are told apart by context.

    Unlike double marks, an unclosed single quote is dropped: a lone ’ is
    far more often an apostrophe than a quote.
    """
    regions: list[tuple[int, int | None]] = []
    opened: int | None = None
    b = 0
    for i in range(p_start, p_end):
        ch = text[i]
        if ch not in _SINGLE_OPEN and ch not in _SINGLE_CLOSE and ch not in _SINGLE_BOTH:
            continue
        while b < len(blocked) and blocked[b][1] < i:
            b += 1
        if b < len(blocked) and blocked[b][0] <= i <= blocked[b][1]:
            continue
        before = text[i - 1] if i > p_start else " "
        after = text[i + 1] if i + 1 < p_end else " "
        can_open = (before.isspace() or before in "([{—–-:|") and (_is_word(after) or after in "…")
        can_close = (not before.isspace()) and not _is_word(after)
        if ch in _SINGLE_OPEN:
            can_close = False
        if opened is None and can_open:
            opened = i
        elif opened is not None and can_close:
            regions.append((opened, i))
            opened = None
    return regions


def _find_regions(text: str) -> list[_Region]:
    regions: list[_Region] = []
    # Wire archives (AP and the New York Times in the 1990s, the Penn Treebank's convention) write
    # double quotes as two backticks and two apostrophes (``...''): read each pair as one straight mark
    # followed by a space, which keeps every offset in place.
    marks = text.replace("''", '" ').replace("``", '" ') if "''" in text or "``" in text else text
    for para in _PARAGRAPH_RE.finditer(text):
        p_start, p_end = para.span()
        doubles = _double_regions(marks, p_start, p_end)
        blocked = [(o, c + 1 if c is not None else p_end) for o, c in doubles]
        singles = _single_regions(marks, p_start, p_end, blocked)
        for o, c in sorted(doubles + singles):
            inner_start = o + 1
            inner_end = c if c is not None else p_end
            while inner_start < inner_end and marks[inner_start].isspace():
                inner_start += 1
            while inner_end > inner_start and text[inner_end - 1].isspace():
                inner_end -= 1
            if not any(ch.isalpha() for ch in text[inner_start:inner_end]):
                continue
            regions.append(_Region(o, c, p_start, p_end, inner_start, inner_end))
    # A paragraph left open that is followed by one starting with a mark is
    # the same quote running on.
    for k in range(1, len(regions)):
        prev, cur = regions[k - 1], regions[k]
        if (
            prev.close is None
            and cur.para_start > prev.para_end
            and text[cur.para_start : cur.open].strip() == ""
            and not text[prev.para_end : cur.para_start].strip()
        ):
            cur.chained_from = k - 1
    return regions


def quoted_stretches(text: str) -> list[tuple[int, int]]:
    """(start, end) of the words inside every pair of quotation marks in ``text``, double or single
    (apostrophes told apart), paired as the quote finder pairs them."""
    return [(region.start, region.end) for region in _find_regions(text)]


# ---------------------------------------------------------- entity resolution


def _description_nouns(ent: EntityCandidate) -> frozenset[str]:
    """The nouns of "the N" that may name an entity again: a person's role nouns (abbreviated titles
    read as nouns: "the governor" for "Gov. Chris Christie"); an organisation's name words ("the
    agency" for "Iraqi News Agency", "the department" for "Department of Justice") and "company" when
    a name carries a legal form ("Kellogg Co.")."""
    if ent.type == PERSON and ent.role:
        words = ent.role.lower().split()
        nouns = {lexicon.TITLE_ABBREVIATIONS.get(w, w) for w in words}
        return frozenset(nouns & lexicon.ROLE_NOUNS)
    if ent.type == ORGANIZATION:
        forms = (ent.name, *ent.aliases)
        nouns = {w for form in forms for w in form.lower().split() if w.isalpha()}
        if any(ends_in_legal_form(form) for form in forms):
            nouns.add(_COMPANY)
        return frozenset(nouns - lexicon.ORGANISATION_CONNECTORS)
    return frozenset()


# What the model tags a surname it does not know mid-sentence ("said Skelly": an adverb), besides a
# proper noun; never a function word ("Al From" is no "from").
_CONTENT_TAGS = frozenset({"NOUN", "ADJ", "ADV"})


class _EntityIndex:
    """Token -> entity lookups built once per article from the mention spans."""

    def __init__(self, doc: Doc, entities: list[EntityCandidate]) -> None:
        self.by_token: dict[int, EntityCandidate] = {}
        self.by_form: dict[str, EntityCandidate] = {}
        self.by_name: dict[str, EntityCandidate] = {ent.name: ent for ent in entities}
        self.by_last: dict[str, EntityCandidate] = {}
        self.last_name_count: Counter[str] = Counter()  # people of the article per last name
        self.gender: dict[str, str] = {}  # entity name -> "m" / "f", from titles, then first names
        # Where people and organisations are mentioned, with the nouns a bare definite description of
        # them uses (token index, nouns, entity), in text order: what "the governor" or "the agency"
        # can refer back to.
        self.described_at: list[tuple[int, frozenset[str], EntityCandidate]] = []
        # A wire dateline's city says where the report comes from: never a speaker, nor the subject of
        # the lead's verb the parser often makes it ("TEMPE, Ariz. — Say goodbye to ...").
        self.dateline = dateline_city(doc_text(doc))
        for ent in entities:
            nouns = _description_nouns(ent)
            for form in (ent.name, *ent.aliases):
                self.by_form.setdefault(form.lower(), ent)
                if ent.type == PERSON:
                    self.by_last.setdefault(form.split()[-1].lower(), ent)
            if ent.type == PERSON:
                for last in {form.split()[-1].lower() for form in (ent.name, *ent.aliases) if form.split()}:
                    self.last_name_count[last] += 1
            for m in ent.mentions:
                span = doc.char_span(m.start, m.end, alignment_mode="expand")
                if span is None:
                    continue
                if nouns:
                    self.described_at.append((span.start, nouns, ent))
                if ent.type == PERSON:
                    # Light gender evidence for "he"/"she" (with gendered nouns and first names, in
                    # ``gender_of``): a courtesy title. Unknown gender never blocks an antecedent.
                    title = doc[span.start - 1].lower_ if span.start else ""
                    gender = lexicon.honorific_gender(title) or lexicon.honorific_gender(span[0].lower_)
                    if gender is not None:
                        self.gender.setdefault(ent.name, gender)
                if self.in_dateline(m.start):
                    continue
                for tok in span:
                    # Persons win over the places/organisations nested in them.
                    if tok.i not in self.by_token or ent.type == PERSON:
                        self.by_token[tok.i] = ent
        self.described_at.sort(key=lambda row: row[0])

    def gender_of(self, name: str) -> str | None:
        if name in self.gender:
            return self.gender[name]
        ent = self.by_name.get(name)
        found = None
        if ent is not None and ent.type == PERSON:
            for form in (ent.name, *sorted(ent.aliases)):
                found = _word_gender(form.split()[0].lower()) if form.split() else None
                if found is not None:
                    break
        self.gender[name] = found
        return found

    def in_dateline(self, offset: int) -> bool:
        return self.dateline is not None and self.dateline[0] <= offset < self.dateline[1]

    def for_span(self, span: Span, head: Token) -> EntityCandidate | None:
        if self.in_dateline(head.idx):
            return None  # the speaker as written, unnamed: the parse took the dateline for the subject
        if head.i in self.by_token:
            return self.by_token[head.i]
        found: list[tuple[int, EntityCandidate]] = []
        for tok in span:
            ent = self.by_token.get(tok.i)
            if ent is None or ent.type not in (PERSON, ORGANIZATION):
                continue
            # A possessor ("the mayor's top aide") or a modifier ("a Ukrainian
            # official") is not the speaker; an apposition ("aide Ana Ruiz") is.
            if tok.dep_ in ("poss", "amod", "pobj") or any(
                a.dep_ in ("poss", "pobj") for a in tok.ancestors if a in span and a.i != head.i
            ):
                continue
            found.append((tok.i, ent))
        if found:
            persons = [e for _, e in found if e.type == PERSON]
            return persons[-1] if persons else found[-1][1]
        text = span.text.lower()
        if text.startswith("the "):
            text = text[4:]
        found_form = self.by_form.get(text)
        if (
            found_form is None
            and len(span) == 1
            and head.text[:1].isupper()
            and (head.pos_ == "PROPN" or (head.pos_ in _CONTENT_TAGS and not head.is_sent_start))
        ):
            # A surname the model did not label ("Satcher said" after "David Satcher"; "said Skelly",
            # tagged an adverb): the one person of the article with that last name.
            person = self.by_last.get(head.lower_)
            if person is not None and self.last_name_count[head.lower_] == 1:
                return person
        return found_form


_word_gender = lexicon.word_gender


# ------------------------------------------------------------ speaker finding


def _is_reporting(tok: Token) -> bool:
    lemma, lower = tok.lemma_, tok.lower_
    # Every test below reads one of these words; most tokens are none of them.
    if (
        lemma not in _REPORTING_LEMMAS_READ
        and lower not in _REPORTING_FORMS_READ
        and lemma.lower() not in REPORTING_VERBS
    ):
        return False
    if lemma == "put" and any(c.dep_ == "dobj" and c.lower_ == "it" for c in tok.children):
        return True  # "as X put it, ..."
    if tok.lemma_ in lexicon.DOCUMENT_VERBS and tok.pos_ == "VERB":
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        return subj is not None and subj.lemma_.lower() in _DOCUMENT_NOUNS
    if tok.lower_ in _DOCUMENT_VERB_FORMS and tok.pos_ == "NOUN":
        # "“...,” the email read.": the tagger makes one noun of "the email read", the document its
        # compound.
        return any(c.dep_ == "compound" and c.lemma_.lower() in _DOCUMENT_NOUNS for c in tok.children)
    if tok.lower_ in _REPORTING_FORMS:
        return True
    if tok.pos_ in ("NOUN", "ADJ", "PROPN"):
        # The tagger misreads verbs ("the Saudis state", "Article 33 affirms"), but a noun with a
        # determiner or a number, or the object of something ("at one point"), is a noun.
        if tok.dep_ in ("pobj", "dobj") or any(
            c.dep_ in ("det", "nummod", "poss", "amod") for c in tok.children
        ):
            return False
    elif tok.pos_ not in ("VERB", "AUX"):
        return False
    return tok.lemma_.lower() in REPORTING_VERBS


def _is_framing_verb(tok: Token) -> bool:
    """Any verb of a clause that punctuation marks as a quote's attribution.

    Written English frames an attribution with punctuation: '"...," X scoffed',
    '"...?" she asked', 'X went on: "..."'. There any verb with a subject
    introduces the quote ("beamed", "shot back", "fumed"), not only those in
    ``SPEECH_VERBS``. Copulas and auxiliaries are no such verb.
    """
    return (
        tok.pos_ == "VERB"
        and tok.dep_ not in _MODIFIER_DEPS
        and tok.dep_ not in _NOMINAL_DEPS
        and tok.lemma_.lower() not in lexicon.NON_FRAMING_VERBS
    )


def _nominal_adjective(tok: Token) -> bool:
    """An adjective standing for a person, with its determiner ("the 43-year-old asked")."""
    return tok.pos_ == "ADJ" and any(c.dep_ == "det" and c.i < tok.i for c in tok.children)


def _subject_of(verb: Token) -> Token | None:
    """The nsubj of a verb, climbing through participles and conjuncts.

    A subject across a paragraph break is a parse merging a headline into the
    next line, never the real one; of several, the nearest wins.
    """
    text = doc_text(verb.doc)
    # "footage of Ana Ruiz asking, “...”": a participle right after a
    # person's name is that person speaking, whatever the parse attached it to.
    if (
        verb.tag_ == "VBG"
        and verb.i > 0
        and verb.doc[verb.i - 1].ent_type_ == "PERSON"
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
    ):
        return verb.doc[verb.i - 1]
    # "X, the party's nominee, tweeted:" parsed as a reduced relative clause ("tweeted" an acl of X):
    # a past form with no passive marks or agent of its own is X's verb.
    if (
        verb.dep_ == "acl"
        and verb.tag_ in ("VBD", "VBN")
        and verb.head.i < verb.i
        and (verb.head.pos_ in ("PROPN", "NOUN") or _nominal_adjective(verb.head))
        and not any(c.dep_ in ("agent", "auxpass", "nsubj", "nsubjpass") for c in verb.children)
        and "\n" not in text[verb.head.idx : verb.idx]
    ):
        return verb.head
    tok = verb
    controlled = False  # reached from an infinitive: "X was prompted to say" -> X says
    for _ in range(4):
        best: Token | None = None
        for child in tok.children:
            if child.dep_ == "nsubj" or (
                child.dep_ == "nsubjpass" and (controlled or tok.lemma_ in lexicon.PASSIVE_SOURCE_VERBS)
            ):
                lo, hi = sorted((child.idx, tok.idx))
                if "\n" not in text[lo:hi] and (best is None or abs(child.i - tok.i) < abs(best.i - tok.i)):
                    best = child
        if best is not None:
            return best
        if tok.dep_ in ("advcl", "xcomp", "conj", "pcomp", "acl") and tok.head.i != tok.i:
            # Reached from an infinitive ("X was prompted to say") or a verb coordinated with the main
            # one ("X was joined on stage and joked"): the passive subject above is this verb's subject too.
            controlled = (tok.dep_ == "conj" and tok.head.dep_ == "ROOT") or (
                tok.dep_ == "xcomp" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
            )
            tok = tok.head
        else:
            return None
    return None


def _noun_phrase(head: Token) -> Span:
    """The speaker's words: determiners, modifiers, names, but no clauses or appositions after a comma."""
    doc = head.doc
    subtree = list(head.subtree)
    lo = subtree[0].i
    for t in range(head.i - 1, lo - 1, -1):
        # A line break ends the phrase: the line above is a heading, not part of the name. So does
        # a space of its own (a non-breaking one after a dash), as on the right.
        if (
            (doc[t].is_punct and doc[t].text not in ("'s", "’s", "-", "."))
            or doc[t].is_space
            or "\n" in doc[t].whitespace_
        ):
            lo = t + 1
            break
    hi = head.i
    while hi + 1 < len(doc) and doc[hi + 1] in subtree:
        nxt = doc[hi + 1]
        if (
            "\n" in doc[hi].whitespace_
            or nxt.is_space
            or nxt.is_punct
            or nxt.dep_ in ("relcl", "acl", "prep", "cc", "conj", "advmod")
            # The relative pronoun or the "to" that opens a clause on the noun ("one source who spoke",
            # "the last man to leave"), which the parse puts before that clause's verb.
            or (nxt.head.dep_ in ("relcl", "acl") and nxt.head.i > hi + 1)
            or nxt.tag_ in ("WP", "WP$", "WDT")
        ):
            break
        hi += 1
    # Grow to cover a named entity cut by the parse.
    if doc[hi].ent_iob_ in ("B", "I"):
        while hi + 1 < len(doc) and doc[hi + 1].ent_iob_ == "I" and not doc[hi + 1].is_space:
            hi += 1
    while lo < head.i and doc[lo].dep_ in ("cc", "punct"):
        lo += 1
    return doc[lo : hi + 1]


def _following_name(tok: Token, limit: int) -> Span | None:
    """A name right after ``tok`` (``said Ruiz``, ``- Ruiz``), for parses that miss the nsubj."""
    doc = tok.doc
    i = tok.i + 1
    while i < min(len(doc), limit) and (doc[i].is_punct or doc[i].is_space):
        i += 1
    j = i
    while (
        j < min(len(doc), limit)
        and (doc[j].pos_ == "PROPN" or doc[j].ent_iob_ == "I")
        # A full stop the tagger calls a proper noun ends the name (the parse ran on into a heading).
        and not (doc[j].is_space or doc[j].text in ".,;:!?")
    ):
        if doc[j].ent_type_ in ("DATE", "TIME"):
            break  # "said Thursday"
        j += 1
    return doc[i:j] if j > i else None


def _inverted_subject(verb: Token, limit: int) -> Token | None:
    """The head of the noun phrase right after a verb that follows its quote ("“...,” said the woman, who").

    The parse often hangs such a subject elsewhere (a later clause's nsubj) or mis-tags a surname; the
    words themselves are a determiner, modifiers and nouns up to the first comma, preposition or clause.
    A noun phrase that a finite verb follows opens the reported clause instead ("“...,” said the
    candidate could win", "promising the Friends of Abe will return").
    """
    doc = verb.doc
    head: Token | None = None
    end = min(len(doc), limit)
    i = verb.i + 1
    while i < end:
        tok = doc[i]
        if tok.is_space or "\n" in doc[i - 1].whitespace_ or tok.ent_type_ in ("DATE", "TIME"):
            break
        if tok.pos_ in ("NOUN", "PROPN") or (tok.is_alpha and tok.text[:1].isupper() and tok.pos_ != "PRON"):
            head = tok
        elif (
            head is not None
            and tok.pos_ == "DET"
            or not (
                tok.pos_ in ("DET", "ADJ", "NUM")
                or tok.tag_ == "POS"
                or tok.text == "-"
                # "said retired neurosurgeon Ben Carson": a participle modifying the noun.
                or (tok.dep_ == "amod" and tok.tag_ == "VBN")
            )
        ):
            break  # a second determiner starts another phrase
        i += 1
    while i < end and doc[i].pos_ in ("ADP", "DET", "ADJ", "NUM", "NOUN", "PROPN"):
        i += 1
    if head is not None and i < end and doc[i].pos_ in ("VERB", "AUX") and doc[i].tag_ not in ("VBG", "VBN"):
        return None
    return head


def _speaks(verb: Token) -> bool:
    """A reporting verb, or "read" whatever its subject ("“...,” read the statement")."""
    return _is_reporting(verb) or verb.lemma_.lower() in lexicon.DOCUMENT_VERBS


def _main_clause_verb(verb: Token) -> bool:
    """The verb of a main clause, also where the parser hung it on a verb of an earlier paragraph (a
    paragraph's opening "Kremlin spokesman Dmitry Peskov dismissed the offer" made the complement of the
    previous paragraph's "added")."""
    if verb.dep_ in ("ROOT", "conj", "advcl"):
        return True
    head = verb.head
    return head.i < verb.i and "\n" in doc_text(verb.doc)[head.idx : verb.idx]


class _Resolver:
    """Turns a subject token into a speaker, remembering who spoke for pronouns."""

    def __init__(self, doc: Doc, index: _EntityIndex, regions: list[_Region]) -> None:
        self.doc = doc
        self.index = index
        self.last_speaker: tuple[int, _Speaker] | None = None
        self.recent: list[tuple[int, _Speaker]] = []
        self.anonymous: dict[str, _Speaker] = {}  # head lemma -> first description met
        # Main-clause person subjects, in text order, as pronoun antecedents.
        quoted = [(r.open, r.close if r.close is not None else r.para_end) for r in regions]
        self.quoted = quoted
        self.subject_pos: list[int] = []
        self.subject_ent: list[EntityCandidate] = []
        q = 0
        for tok in doc:
            while q < len(quoted) and quoted[q][1] < tok.idx:
                q += 1
            if q < len(quoted) and quoted[q][0] <= tok.idx <= quoted[q][1]:
                continue
            if tok.dep_ != "nsubj" or not _main_clause_verb(tok.head):
                continue
            ent = index.by_token.get(tok.i)
            if ent is not None and ent.type == PERSON:
                self.subject_pos.append(tok.idx)
                self.subject_ent.append(ent)

    def remember(self, speaker: _Speaker) -> None:
        self.last_speaker = (speaker.start, speaker)
        self.recent.append((speaker.start, speaker))
        if len(self.recent) > 6:
            del self.recent[0]

    def gender_of(self, speaker: _Speaker) -> str | None:
        if speaker.name is not None:
            return self.index.gender_of(speaker.name)
        words = speaker.text.lower().split()
        if not words:
            return None
        return _word_gender(words[0]) or _word_gender(words[-1])

    def _antecedent(self, pronoun: Token) -> _Speaker | None:
        plural = pronoun.lower_ in _THEY
        want = None if plural else ("f" if pronoun.lower_ in lexicon.FEMALE_PRONOUNS else "m")
        k = bisect_right(self.subject_pos, pronoun.idx) - 1
        last = self.last_speaker
        if want is not None:
            # "she said" after a man spoke: the nearest speaker and subject
            # whose gender does not clash.
            low = max(k - 6, -1)
            while k > low and self.index.gender_of(self.subject_ent[k].name) not in (None, want):
                k -= 1
            if k == low:
                k = -1
            last = next((r for r in reversed(self.recent) if self.gender_of(r[1]) in (None, want)), None)
        subject = (self.subject_pos[k], self.subject_ent[k]) if k >= 0 else None
        if last is not None and (subject is None or last[0] >= subject[0] or plural):
            sp = last[1]
            if plural or (sp.name is None and not sp.plural) or self.type_of(sp.name or "") == PERSON:
                return sp
        if subject is not None and not plural:
            ent = subject[1]
            return _Speaker(pronoun.text, pronoun.idx, pronoun.idx + len(pronoun), ent.name, None)
        if want is not None:
            # Nobody fits among speakers and main-clause subjects: the nearest
            # person mentioned shortly before whose gender is known to match.
            for i in range(pronoun.i - 1, max(pronoun.i - 80, -1), -1):
                ent = self.index.by_token.get(i)
                if ent is not None and ent.type == PERSON and self.index.gender_of(ent.name) == want:
                    return _Speaker(pronoun.text, pronoun.idx, pronoun.idx + len(pronoun), ent.name, None)
        return None

    def is_quoted(self, char: int) -> bool:
        k = bisect_right(self.quoted, (char, len(doc_text(self.doc)) + 1)) - 1
        return k >= 0 and self.quoted[k][0] <= char <= self.quoted[k][1]

    def _organisation_before(self, pronoun: Token) -> str | None:
        for i in range(pronoun.i - 1, max(pronoun.i - 60, -1), -1):
            tok = self.doc[i]
            ent = self.index.by_token.get(i)
            if ent is not None and ent.type == ORGANIZATION and tok.dep_ in ("nsubj", "nsubjpass"):
                return ent.name
        return None

    def type_of(self, name: str) -> str | None:
        ent = self.index.by_name.get(name)
        return ent.type if ent else None

    def speaker(self, head: Token, cue: Token | None, *, loose: bool = False) -> _Speaker | None:
        """The speaker named by a subject token; ``loose`` accepts any noun (direct quotes)."""
        cue_text = _cue_text(cue) if cue is not None else None
        if (
            head.tag_ in ("WP", "WDT")
            and loose
            and cue is not None
            and head.head.i == cue.i
            and cue.dep_ == "relcl"
        ):
            # "Mike Lee, who declared ..., “...”": the relative pronoun as written, named after the
            # person or organisation the clause describes.
            ent = self.index.by_token.get(cue.head.i)
            name = ent.name if ent is not None and ent.type in (PERSON, ORGANIZATION) else None
            return _Speaker(head.text, head.idx, head.idx + len(head), name, cue_text, inferred=True)
        if head.pos_ == "PRON" or head.lower_ in _PRONOUNS:
            if head.lower_ not in _HE_SHE | _THEY:
                if (
                    not loose
                    or head.lower_ not in _AS_WRITTEN
                    or cue is None
                    or head.head != cue
                    or self.is_quoted(head.idx)
                ):
                    # "I said", "we said" as a source of indirect speech is too vague; a relative
                    # pronoun or a subject the parse borrowed from another clause is no speaker.
                    return None
                # Next to a quote, "it said", "I said", "we said" is the speaker as written (the
                # article's author, a document, an organisation); "it" names the organisation
                # that was last a subject or a speaker, when there is one.
                end = head.idx + len(head)
                name = self._organisation_before(head) if head.lower_ == "it" else None
                return _Speaker(head.text, head.idx, end, name, cue_text, None, False, True)
            ante = self._antecedent(head)
            end = head.idx + len(head)
            if ante is None:
                return _Speaker(head.text, head.idx, end, None, cue_text)
            if ante.name is None:
                if head.lower_ in _THEY:
                    # An anonymous group: its description says more than "they".
                    return _Speaker(
                        ante.text, ante.start, ante.end, None, cue_text, ante.anonymous_head, True
                    )
                # "he"/"she" after a description: the speaker as written, still unnamed.
                return _Speaker(head.text, head.idx, end, None, cue_text, ante.anonymous_head)
            return _Speaker(head.text, head.idx, end, ante.name, cue_text)
        if head.lemma_.lower() in _UTTERANCE_NOUNS:
            # "X's statement said": the owner of the words speaks.
            owner = next((c for c in head.children if c.dep_ == "poss"), None)
            if owner is not None and (owner.i in self.index.by_token or owner.lower_ in _HE_SHE):
                head = owner
        span = _noun_phrase(head)
        named = None if head.i in self.index.by_token else self._named_apposition(head)
        if named is not None:
            # "Putin's spokesman, Dmitry Peskov, told reporters", "the Kremlin spokesman, Dmitry
            # Peskov, said": the apposition names the description (rather than a name inside it).
            name_span, ent = named
            start, end = span.start_char, name_span.end_char
            return _Speaker(doc_text(head.doc)[start:end], start, end, ent.name, cue_text)
        ent = self.index.for_span(span, head)
        if ent is not None:
            return _Speaker(span.text, span.start_char, span.end_char, ent.name, cue_text)
        described = self._described_entity(head)
        if described is not None:
            return _Speaker(span.text, span.start_char, span.end_char, described.name, cue_text)
        lemma = head.lemma_.lower()
        if head.pos_ == "PROPN" or lemma in _SOURCE_NOUNS or head.lower_ in _SOURCE_NOUNS:
            if head.pos_ != "PROPN":
                # "the official" after "a senior official": the fuller description
                # (the same head noun, met first with more words).
                determiners = {t.lower_ for t in span if t.dep_ == "det"}
                earlier = self.anonymous.get(lemma)
                if earlier is not None and "the" in determiners and len(earlier.text) > len(span.text):
                    return _Speaker(earlier.text, earlier.start, earlier.end, None, cue_text, lemma)
                sp = _Speaker(
                    span.text, span.start_char, span.end_char, None, cue_text, lemma, head.tag_ == "NNS"
                )
                self.anonymous.setdefault(lemma, sp)
                return sp
            return _Speaker(span.text, span.start_char, span.end_char, None, cue_text)
        nominal = (
            head.pos_ in ("NOUN", "PROPN")
            or head.dep_ == "nsubj"
            and head.pos_ in ("ADJ", "NUM")
            or _nominal_adjective(head)
        )
        if loose and (nominal or _capitalised_mistagged(head)):
            # Next to a quote any subject of a reporting verb speaks ("the
            # book said", "the ad's narrator says"), even when not a source
            # noun we know of.
            return _Speaker(
                span.text,
                span.start_char,
                span.end_char,
                None,
                cue_text,
                None,
                head.tag_ == "NNS",
                inferred=not nominal,
            )
        return None

    def _described_entity(self, head: Token) -> EntityCandidate | None:
        """The person or organisation a bare definite description refers back to: "the comedian" after
        "comedian Sarah Silverman", "the spokesman" after "Kremlin spokesman Dmitry Peskov", "the
        company" after "Kellogg Co." (the nearest entity before it whose description nouns hold the
        noun). A description with words of its own ("the spokesman for the ministry", "the Kremlin
        spokesman") may be someone else: not resolved."""
        if head.tag_ != "NN" or not any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
            return None
        if any(c.dep_ not in ("det", "amod", "punct") for c in head.children if c.i < head.i) or any(
            c.dep_ in ("prep", "appos", "acl", "relcl") for c in head.children if c.i > head.i
        ):
            return None
        described_at = self.index.described_at
        for k in range(bisect_right(described_at, head.i - 1, key=lambda row: row[0]) - 1, -1, -1):
            _, nouns, ent = described_at[k]
            if head.lower_ in nouns:
                return ent
            if ent.type == ORGANIZATION and head.lower_ not in lexicon.ROLE_NOUNS:
                # "Kirschner Medical fell 4 to 15. The company said": "the company" is the organisation
                # named last; an earlier one whose name has the noun is another.
                return None
        return None

    def _named_apposition(self, head: Token) -> tuple[Span, EntityCandidate] | None:
        """A person or organisation named in apposition to a description ("the Kremlin spokesman,
        Dmitry Peskov,"), with the name's words."""
        for child in head.children:
            if child.dep_ != "appos" or child.i < head.i:
                continue
            ent = self.index.by_token.get(child.i)
            if ent is not None and ent.type in (PERSON, ORGANIZATION):
                return _noun_phrase(child), ent
        return None

    def is_source(self, head: Token) -> bool:
        """Whether a subject can be a source of indirect speech."""
        if head.lower_ in _HE_SHE | _THEY:
            return True
        if head.i in self.index.by_token:
            return (
                self.index.by_token[head.i].type in (PERSON, ORGANIZATION, LOCATION) or head.pos_ == "PROPN"
            )
        if head.text[:1].isupper() and self.index.by_last.get(head.lower_) is not None:
            return True  # a known person's surname mis-tagged as a noun or verb
        return head.pos_ == "PROPN" or head.lemma_.lower() in _SOURCE_NOUNS


def _capitalised_mistagged(tok: Token) -> bool:
    """A capitalised word inside a sentence that the tagger read as a verb or an adverb ("Trump shot back")."""
    return (
        tok.is_alpha
        and tok.text[:1].isupper()
        and (not tok.is_sent_start or tok.dep_ == "nsubj")
        and tok.pos_ in ("VERB", "ADV", "ADJ", "X", "INTJ")
        and tok.lower_ not in _PRONOUNS
    )


def _cue_text(verb: Token) -> str:
    """The reporting verb with its particles and a bare object ("told reporters")."""
    words = [verb]
    for child in verb.children:
        if (
            child.dep_ in ("aux", "neg", "prt", "auxpass")
            and child.i < verb.i + 3
            or child.dep_ in ("dobj", "dative")
            and child.i == verb.i + 1
            and child.pos_ in ("NOUN", "PRON")
        ):
            words.append(child)
    words.sort(key=lambda t: t.i)
    return " ".join(t.text for t in words)


# ------------------------------------------------------------------ the pass


def _tokens_between(doc: Doc, start: int, end: int) -> Span:
    span = doc.char_span(start, end, alignment_mode="contract")
    if span is None:
        return doc[0:0]
    return span


_SENTENCE_BEFORE = re.compile(r"(?:^|[.!?…][\"'”’)\]]*\s)\s*$")


def _opens_its_sentence(text: str, region: _Region) -> bool:
    """Nothing of the quote's sentence stands before its opening mark in the paragraph."""
    return _SENTENCE_BEFORE.search(text[region.para_start : region.open]) is not None


def _post_attribution(doc: Doc, region: _Region, limit_char: int, resolver: _Resolver) -> _Speaker | None:
    """``"...," X said`` / ``"...," said X`` / ``"..." - X`` / ``"...", according to X``."""
    if region.close is None:
        return None
    window = _tokens_between(doc, region.close + 1, limit_char)
    toks = [t for t in window][:_POST_WINDOW]
    if not toks:
        return None
    # A dash byline: "... " - Ana Ruiz. It signs a quote that is its own sentence; one that a clause
    # of its sentence reports ("Rajoy insisted that his party was "still the No. 1 force."--Kim
    # Hjelmgaard.") is that clause's, and the dash signs the report.
    text = doc_text(doc)
    signed = _opens_its_sentence(text, region)
    first = 0
    while first < len(toks) and toks[first].text in (",",):
        first += 1
    if signed and first < len(toks) and toks[first].text and toks[first].text[0] in _DASHES:
        name = _following_name(toks[first], toks[-1].i + 1)
        if name is not None:
            return resolver.speaker(name[-1], None, loose=True)
    # The tokenizer glues a dash to the closing mark ("”― Ana Ruiz"),
    # which the window above then starts after: look at the characters.
    after = text[region.close + 1 : limit_char]
    lead = after.lstrip(" ,\xa0\t")
    if signed and lead[:1] in _DASHES:
        dash_at = region.close + 1 + len(after) - len(lead)
        nxt = next((t for t in toks if t.idx > dash_at), None)
        if nxt is not None:
            name = _following_name(doc[nxt.i - 1], toks[-1].i + 1)
            if name is not None:
                return resolver.speaker(name[-1], None, loose=True)
    # "“...,” Ruiz, a party veteran, said": an apposition between
    # commas may hold any words, and makes the window longer.
    toks = list(window)[:_POST_WINDOW_APPOS]
    # A quote closed on a comma, a question or an exclamation goes on into its attribution.
    inner = text[region.start : region.end].rstrip()
    framed = inner[-1:] in _FRAMING_END or after.lstrip(" \xa0")[:1] == ","
    if inner[-1:] in ".?!" and first < len(toks) and _opens_sentence(toks[first], resolver.index):
        # "“... overlook.” The star then recalled an incident", "“...!” Her critics cited it": after
        # a quoted sentence a capitalised common word starts the next sentence, no attribution.
        return None
    commas = 0
    past_parse = False  # the words before the verb were read past the parse's own subject
    bracketed = 0  # words in parentheses ("Rep. Jim McDermott (D-Wash.) said"), not counted in the window
    depth = 0
    for k, tok in enumerate(toks):
        if tok.text in _SENTENCE_END or tok.text in _ALL_MARKS:
            break
        if tok.text == "(":
            depth += 1
        if depth:
            bracketed += 1
        if tok.text == ")" and depth:
            depth -= 1
        if k - bracketed >= _POST_WINDOW and commas != 1 and not (commas == 2 and toks[k - 1].text == ","):
            return None
        if tok.text == "," and k > first:
            commas += 1
        if tok.lower_ == "according" and k <= first + 1 and k + 1 < len(toks) and toks[k + 1].lower_ == "to":
            pobj = next((c for c in toks[k + 1].children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return resolver.speaker(pobj, None, loose=True)
        if _is_reporting(tok) or (framed and _is_framing_verb(tok)):
            if not framed and any(c.dep_ == "ccomp" and c.i > tok.i for c in tok.children):
                # "“... terrorists.” Mr. Zahed said: “...”", "“...” Kasich said he would have ...": a
                # sentence after a closed quote that reports words of its own is no attribution of it.
                return None
            subj = _subject_of(tok)
            lead = _leading_subject(toks[first:k])
            if lead is not None and lead.dep_ in ("dobj", "pobj", "dative"):
                # "“step up” remark, he issued a statement saying": the quote's own clause goes on
                # to its object; a later verb is another clause's.
                lead = None
            if subj is not None and subj.i > tok.i and lead is not None:
                # "“...,” Ruiz, a veteran, said on “Morning Show.”": a
                # subject before the verb beats one the parse found after it.
                subj = None
            # The parse's subject right after the verb, however long its description ("said Monmouth
            # University political scientist Patrick Murray"), or near it.
            if (
                subj is not None
                and region.close < subj.idx
                and (subj.idx < tok.idx + 40 or (subj.i > tok.i and subj.left_edge.i == tok.i + 1))
            ):
                return _inferred(resolver.speaker(subj, tok, loose=True), past_parse)
            if lead is not None:
                return _inferred(resolver.speaker(lead, tok, loose=True), past_parse)
            name = _following_name(tok, toks[-1].i + 1)
            if name is not None:
                return _inferred(resolver.speaker(name[-1], tok, loose=True), past_parse)
            inverted = _inverted_subject(tok, toks[-1].i + 1) if k == first and _speaks(tok) else None
            if inverted is not None:
                return _inferred(resolver.speaker(inverted, tok, loose=True), True)
            return None
        # Only a subject may stand between the quote and its verb, two of them joined by "and" ("the
        # Florida senator and Republican presidential candidate said").
        if (
            tok.pos_ not in _SUBJECT_POS
            and not (tok.dep_ == "cc" and k > first and toks[k - 1].pos_ in ("NOUN", "PROPN"))
            and commas != 1
            and tok.dep_ not in _MODIFIER_DEPS
            and not (tok.ent_type_ and tok.text[:1].isupper())
        ):
            if (
                tok.dep_ in _NOMINAL_DEPS
                or tok.pos_ == "ADP"
                and k > first
                and toks[k - 1].pos_ in ("NOUN", "PROPN")
            ):
                # "“...” Trump shot back" with "Trump" tagged a verb; "“...” a welcome message on the
                # website reads": a preposition after the subject's noun.
                past_parse = True
            else:
                return None
    return None


def _opens_sentence(tok: Token, index: _EntityIndex) -> bool:
    """A capitalised determiner, possessive or common noun: a word that is capitalised only to open a sentence.

    A name the tagger reads as a common noun ("Trump asked", "Hannity pressed") is no such word.
    """
    if not tok.text[:1].isupper() or tok.ent_type_ or tok.text.isupper():
        return False
    if tok.i in index.by_token or index.by_last.get(tok.lower_) is not None:
        return False
    # A bare singular noun opens no sentence ("Hannity pressed" is a name the model missed); a plural may.
    return tok.pos_ in ("DET", "ADJ") or tok.tag_ in ("PRP$", "NNS")


def _inferred(speaker: _Speaker | None, inferred: bool) -> _Speaker | None:
    if speaker is not None and inferred:
        speaker.inferred = True
    return speaker


def _leading_subject(toks: list[Token]) -> Token | None:
    """The last word of the first name or noun run in ``toks`` (the parse missed the nsubj)."""

    def nominal(tok: Token) -> bool:
        return tok.pos_ in ("PROPN", "NOUN")

    def run_end(j: int) -> int:
        while j + 1 < len(toks) and nominal(toks[j + 1]) and toks[j].pos_ != "PRON":
            j += 1
        return j

    for i, tok in enumerate(toks):
        if tok.tag_ == "PRP$" and i + 1 < len(toks) and nominal(toks[i + 1]):
            continue  # "his attorney": the possessed noun speaks
        if nominal(tok) or tok.pos_ == "PRON":
            j = run_end(i)
            # "Rock's attorney": the possessed noun, not the possessor.
            while j + 2 < len(toks) and toks[j + 1].lower_ in ("'s", "’s") and nominal(toks[j + 2]):
                j = run_end(j + 2)
            # "Rock's attorney, Robert S. Cohen, said": the name in apposition between commas.
            if j + 2 < len(toks) and toks[j + 1].text == "," and toks[j + 2].pos_ == "PROPN":
                k = run_end(j + 2)
                if k + 1 < len(toks) and toks[k + 1].text == ",":
                    return toks[k]
            return toks[j]
        if tok.pos_ not in ("DET", "ADJ", "PUNCT", "SPACE"):
            return None
    return None


def _pre_attribution(doc: Doc, region: _Region, from_char: int, resolver: _Resolver) -> _Speaker | None:
    """``X said: "..."`` / ``X told reporters, "..."`` / ``According to X, "..."``."""
    before = doc_text(doc)[from_char : region.open].rstrip()
    if not before:
        return None
    last = before[-1]
    window = _tokens_between(doc, from_char, region.open)
    toks = list(window)[-_PRE_WINDOW:]
    # Only the last sentence before the quote may introduce it.
    for k in range(len(toks) - 2, -1, -1):
        if toks[k].text in _SENTENCE_END:
            toks = toks[k + 1 :]
            break
    if not toks:
        return None
    ends_open = last in ":,—–-" or _is_reporting(toks[-1]) or toks[-1].lower_ in lexicon.QUOTE_OPENING_WORDS
    if not ends_open:
        return None
    if last == ":" and any(t.is_punct and t.text[:1] in _DASHES for t in toks[:-1]):
        # "Pollsters agree - Carl Bialik: “...”": a dash ends the heading, whose verb introduces
        # nothing; the name between the dash and the colon is the speaker.
        label = _label_before_colon(toks, region.para_start)
        if label is not None and (speaker := resolver.speaker(label, None)) is not None:
            return speaker
    for k in range(len(toks) - 1, -1, -1):
        tok = toks[k]
        if tok.lower_ == "according" and k + 1 < len(toks) and toks[k + 1].lower_ == "to":
            pobj = next((c for c in toks[k + 1].children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return resolver.speaker(pobj, None, loose=True)
        if _is_reporting(tok) or (last in ":," and _introduces(tok, toks[-1])):
            subj = _subject_of(tok)
            if subj is not None and subj.idx < region.open:
                return resolver.speaker(subj, tok, loose=True)
            name = _following_name(tok, toks[-1].i + 1)
            if name is not None:
                return resolver.speaker(name[-1], tok, loose=True)
            subj = _implied_subject(tok, region.para_start) or _preceding_name(tok)
            if subj is not None:
                return resolver.speaker(subj, tok, loose=True)
            return None
    if last == ":":
        label = _label_before_colon(toks, region.para_start)
        if label is not None:
            return resolver.speaker(label, None)
    return None


def _label_before_colon(toks: list[Token], para_start: int) -> Token | None:
    """The name a headline or a list entry puts before a colon: "Ryan: ‘...’", "... - Pew Research: “...”".

    Only a verbless phrase that opens its paragraph (or follows a dash) and whose head is a name or a
    source noun: "The result: “...”" names nobody.
    """
    frag = toks[:-1]
    for k in range(len(frag) - 1, -1, -1):
        if frag[k].text[:1] in _DASHES and frag[k].is_punct:
            frag = frag[k + 1 :]
            break
    else:
        if not frag or not (frag[0].idx == para_start or _after_closed_sentence(frag[0])):
            return None
    if not frag or len(frag) > 8:
        return None
    lo, hi = frag[0].i, frag[-1].i + 1
    roots = [t for t in frag if not lo <= t.head.i < hi or t.head.i == t.i]
    if len(roots) != 1 or roots[0].pos_ not in ("PROPN", "NOUN"):
        return None
    # A verb anywhere makes a sentence, not a label: "Transcript as follows:" names nobody.
    if any(t.pos_ in ("VERB", "AUX") and t.dep_ not in _MODIFIER_DEPS for t in frag if t.i != roots[0].i):
        return None
    return roots[0]


def _after_closed_sentence(tok: Token) -> bool:
    """A word right after a quoted sentence ("Clinton: “... ISIS.” Bush: “...”"): it opens a new sentence."""
    before = doc_text(tok.doc)[: tok.idx].rstrip()
    while before and before[-1] in _ALL_MARKS:
        before = before[:-1]
    return len(before) < tok.idx and before[-1:] in _SENTENCE_END


def _preceding_name(verb: Token) -> Token | None:
    """A name right before a verb the parse gave no subject ("Beck joked", "X, an aide, said:", "an official who
    spoke anonymously said")."""
    if verb.pos_ != "VERB":
        return None  # "on Facebook writing": a noun the tagger read, not a verb after its subject
    j = verb.i - 1
    if j >= 0 and verb.doc[j].text == ",":
        j -= 1
    if j < 0 or "\n" in verb.doc[j].whitespace_:
        return None
    tok = verb.doc[j]
    # "a White House official who spoke anonymously to discuss strategy said": the noun whose
    # relative clause ends right before the verb.
    for k in range(j, max(j - 20, -1), -1):
        cand = verb.doc[k]
        if cand.pos_ in ("NOUN", "PROPN") and any(
            c.dep_ == "relcl" and c.i > cand.i and c.right_edge.i == j for c in cand.children
        ):
            return cand
    # A name that is the object of something ("on Facebook writing") is not the verb's subject.
    if tok.dep_ in ("pobj", "dobj", "dative", "poss"):
        return None
    return tok if tok.pos_ == "PROPN" and tok.ent_type_ in ("PERSON", "ORG", "") else None


def _implied_subject(verb: Token, para_start: int) -> Token | None:
    """The subject a participle takes from its main clause ("Clinton seemed ready, telling the crowd, ...")."""
    # "..., telling the crowd", "before saying", "released a statement saying".
    if verb.tag_ != "VBG":
        return None
    for j in range(verb.i - 1, -1, -1):
        tok = verb.doc[j]
        if tok.idx < para_start or tok.text in _SENTENCE_END:
            return None
        if tok.dep_ == "nsubj" and tok.head.i < verb.i and tok.head.pos_ in ("VERB", "AUX"):
            return tok
    return None


def _introduces(verb: Token, mark: Token) -> bool:
    """A main-clause verb whose clause runs up to the colon or comma before the quote."""
    if not _is_framing_verb(verb):
        return False
    # The parse may hang the framing clause under the quote's own verb ("Hillary shot back, “I
    # suppose ...”": "shot" a ccomp of "suppose"): a clause governed from inside the quote is a main one.
    governed_from_quote = verb.head.i > mark.i and (
        verb.dep_ in ("ccomp", "parataxis", "xcomp")
        # "Rubio fired back forcefully: “If they sue us, ...”" read as an adverbial clause of the quote's
        # verb; one that "when", "as" or "where" opens ("when the leader realized, “he left”") is one.
        or verb.dep_ == "advcl"
        and not any(c.tag_ == "WRB" for c in verb.children)
    )
    # A head across a paragraph break is the parse merging paragraphs: the verb heads its own.
    lo, hi = sorted((verb.head.idx, verb.idx))
    governed_across_break = "\n" in doc_text(verb.doc)[lo:hi]
    if verb.dep_ not in ("ROOT", "conj") and not governed_from_quote and not governed_across_break:
        return False
    if any(c.dep_ == "mark" for c in verb.children):
        return False  # "As the crowd grew, “...”": a subordinate clause
    return verb.right_edge.i >= mark.i - 1 and (
        any(c.dep_ == "nsubj" and c.i < verb.i for c in verb.children) or _preceding_name(verb) is not None
    )


def _quote_ancestors(doc: Doc, region: _Region) -> list[list[Token]]:
    """For each of the first roots of the quoted words, its ancestors outside them, in its paragraph."""
    inner = _tokens_between(doc, region.start, region.end)
    lo, hi = inner.start, inner.end
    roots = [t for t in inner if not (lo <= t.head.i < hi) or t.head.i == t.i]
    chains: list[list[Token]] = []
    for root in roots[:3]:
        chain: list[Token] = []
        tok = root
        for _ in range(_ANCESTOR_STEPS):
            if tok.head.i == tok.i:
                break
            tok = tok.head
            if not (region.para_start <= tok.idx < region.para_end):
                break
            if not lo <= tok.i < hi:
                chain.append(tok)
        chains.append(chain)
    return chains


def _ancestor_attribution(doc: Doc, region: _Region, resolver: _Resolver) -> _Speaker | None:
    """A reporting or labelling verb governing the quoted words in the parse.

    A labelling verb ("calling the protester “...”") names its subject as the speaker of the quoted
    words however long they are, not only for a short label.
    """
    region_end = region.close if region.close is not None else region.para_end
    found: list[tuple[Token, Token]] = []
    for chain in _quote_ancestors(doc, region):
        for tok in chain:
            if _is_reporting(tok) or tok.lemma_.lower() in LABELLING_VERBS:
                subj = _subject_of(tok)
                if (
                    subj is not None
                    and region.para_start <= subj.idx < region.para_end
                    and not (region.open <= subj.idx <= region_end)
                ):
                    found.append((subj, tok))
        if found:
            break
    if not found:
        return None
    # "X said the country would insist on 'y'": the person reporting is the
    # source of the words, not the country in the reported clause.
    speakers = [sp for subj, verb in found if (sp := resolver.speaker(subj, verb)) is not None]
    for sp in speakers:
        if sp.name is not None and resolver.type_of(sp.name) == PERSON:
            return sp
    return speakers[0] if speakers else None


def _governing_subject(doc: Doc, region: _Region, resolver: _Resolver) -> _Speaker | None:
    """The subject of the clause a quote is part of, when that subject is a source.

    "Moore thanked him for “...”", "the protesters chanted “...”", "A 2014 report found “...”": a
    quote that is an object (or inside one) of any verb before it, with no reporting verb, comes from
    that verb's subject when it names a person, an organisation or a source noun. Used only for quotes
    long enough to be kept without a speaker, so it never turns a scare quote into a quote.
    """
    for chain in _quote_ancestors(doc, region):
        for tok in chain:
            if tok.idx >= region.open:
                break
            if tok.pos_ != "VERB" or tok.lemma_.lower() in lexicon.NON_FRAMING_VERBS:
                continue
            subj = _subject_of(tok)
            if (
                subj is None
                or not (region.para_start <= subj.idx < region.open)
                or resolver.is_quoted(subj.idx)
            ):
                return None
            return resolver.speaker(subj, tok)
    return None


def _word_count(text: str) -> int:
    return len(text.split())


def extract_quotes(doc: Doc, entities: list[EntityCandidate]) -> list[QuoteCandidate]:
    """Find direct and indirect quotes in a parsed body and name their speakers.

    ``doc`` is the spaCy parse of ``CleanedArticle.body``; every offset in the
    result points into ``doc.text``. ``entities`` are the article's entities:
    a speaker whose words overlap one of their mentions (or match a name or
    alias) gets ``speaker_name`` set to that entity's ``name``. Quotes come
    back in text order; a quote over several paragraphs comes back as one
    quote per paragraph, all with the same speaker.
    """
    text = doc_text(doc)
    regions = _find_regions(text)
    index = _EntityIndex(doc, entities)
    resolver = _Resolver(doc, index, regions)
    indirect = _indirect_candidates(doc, regions, resolver)
    works = [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "WORK_OF_ART"]

    # Direct and indirect quotes are resolved in one pass in text order, so
    # that "he" always refers back to the speakers before it.
    order = sorted(
        [(r.open, 0, k) for k, r in enumerate(regions)] + [(c.position, 1, j) for j, c in enumerate(indirect)]
    )
    speakers: list[_Speaker | None] = [None] * len(regions)
    kept: list[bool] = [False] * len(regions)
    direct: dict[int, QuoteCandidate] = {}
    quotes: list[QuoteCandidate] = []
    for _, is_indirect, k in order:
        if is_indirect:
            cand = indirect[k]
            speaker = resolver.speaker(cand.subject, cand.cue)
            if speaker is None:
                continue
            if speaker.name is not None or speaker.anonymous_head is not None:
                resolver.remember(speaker)
            quotes.append(_quote(text, INDIRECT, cand.start, cand.end, speaker))
            continue
        region = regions[k]
        inner = text[region.start : region.end]
        short = _word_count(inner) <= _PARTIAL_MAX_WORDS and not _sentence_like(text, regions, k)
        if _is_title(inner) and (short or _names_a_work(works, region.start, region.end)):
            # A show, a book, a slogan in title case: a name, not words spoken. A longer one ("The Late
            # Show With Stephen Colbert", "Sharknado 3: Oh Hell No!") only where the model names it a work.
            continue
        speaker = _attribute(doc, regions, k, resolver)
        if speaker is None and not short:
            speaker = _continued_speaker(text, regions, k, speakers, kept)
        if speaker is None and not short:
            speaker = _governing_subject(doc, region, resolver)
        if short and (speaker is None or speaker.inferred):
            continue  # a scare quote
        kept[k] = True
        speakers[k] = speaker
        if speaker is not None and not speaker.impersonal:
            resolver.remember(speaker)
        direct[k] = _quote(text, DIRECT, region.start, region.end, speaker)
        quotes.append(direct[k])

    quotes.sort(key=lambda q: q.start)
    return quotes


def _attribute(doc: Doc, regions: list[_Region], k: int, resolver: _Resolver) -> _Speaker | None:
    """The speaker named next to one quoted stretch: after it, before it, then above it in the parse."""
    text = doc_text(doc)
    region = regions[k]
    same_para = [r for r in (regions[k - 1] if k else None, regions[k + 1] if k + 1 < len(regions) else None)]
    prev = same_para[0] if same_para[0] is not None and same_para[0].para_start == region.para_start else None
    nxt = same_para[1] if same_para[1] is not None and same_para[1].para_start == region.para_start else None
    prev_close = prev.close + 1 if prev is not None and prev.close is not None else region.para_start
    post_limit = nxt.open if nxt is not None else region.para_end
    speaker = _post_attribution(doc, region, post_limit, resolver)
    if (
        speaker is not None
        and speaker.text.lower() in _PRONOUNS
        and text[prev_close : region.open].rstrip().endswith(":")
        and (before := _pre_attribution(doc, region, prev_close, resolver)) is not None
        and before.name
        and before.text.lower() not in _PRONOUNS
    ):
        # "Rhimes declared the need for drive: “...,” she said": the clause the colon hands the quote
        # to names whom "she" is, whoever spoke last.
        speaker = replace(speaker, name=before.name, plural=before.plural)
    if speaker is None and nxt is None:
        speaker = _signed_below(doc, region, resolver)
    if speaker is None:
        pre_from = prev_close
        if prev is None and not text[region.para_start : region.open].strip() and region.para_start > 0:
            # "He said:" as a paragraph of its own, the quote in the next one.
            before = text[: region.para_start].rstrip()
            if before.endswith(":"):
                pre_from = max(before.rfind("\n") + 1, regions[k - 1].para_end if k else 0)
        speaker = _pre_attribution(doc, region, pre_from, resolver)
    if speaker is None:
        speaker = _ancestor_attribution(doc, region, resolver)
    return speaker


# The words a signature line may hold after its dash ("- Bernie Sanders.", "-Michelle Marks, Philadelphia.").
_SIGNATURE_MAX_WORDS = 8
_BLANKS = re.compile(r"\s*")


def _signed_below(doc: Doc, region: _Region, resolver: _Resolver) -> _Speaker | None:
    """A quote that is its paragraph, signed on the next line by a dash and a name ("- Bernie Sanders.",
    "— Jane Doe, Chicago"), as fact checks list claims and letters pages sign letters. A quote inside a
    paragraph is not signed by the line below it, which may be the report's credit ("- Reuters.")."""
    text = doc_text(doc)
    if (
        region.close is None
        or text[region.close + 1 : region.para_end].strip()
        or text[region.para_start : region.open].strip()
    ):
        return None
    # Matched in place: slicing the rest of the article would copy it for every such quote.
    line_start = _BLANKS.match(text, region.para_end).end()
    line_end = text.find("\n", line_start)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    if line[:1] not in _DASHES or len(line.split()) > _SIGNATURE_MAX_WORDS:
        return None
    words = doc.char_span(line_start, line_start + len(line), alignment_mode="contract")
    if words is None or not words[0].text.startswith(tuple(_DASHES)):
        return None
    name = _following_name(words[0], words.end)
    return resolver.speaker(name[-1], None, loose=True) if name is not None else None


def _sentence_like(text: str, regions: list[_Region], k: int) -> bool:
    """A quote that is a sentence of its own ("“Nor do I.”"), however short."""
    region = regions[k]
    inner = text[region.start : region.end]
    if not inner or inner[-1] not in ".?!,…":
        return False
    prev = regions[k - 1] if k and regions[k - 1].para_start == region.para_start else None
    from_char = prev.close + 1 if prev is not None and prev.close is not None else region.para_start
    before = text[from_char : region.open].rstrip()
    return not before or before[-1] in ".?!:"


_TITLE_SMALL_WORDS = lexicon.TITLE_CASE_SMALL_WORDS


def _names_a_work(works: list[tuple[int, int]], start: int, end: int) -> bool:
    """The model labels (nearly) all of ``start``-``end`` a work of art: a title."""
    covered = sum(max(0, min(end, e) - max(start, s)) for s, e in works)
    return covered >= WORK_TITLE_SHARE * (end - start)


def _is_title(inner: str) -> bool:
    words = [w for w in inner.split() if any(c.isalpha() for c in w)]
    big = [w for w in words if w.lower() not in _TITLE_SMALL_WORDS]
    if len(words) == 1 and (words[0][0] == "I" or words[0][-1] in ".?!"):
        # One word says nothing of Title Case: "I", and a word that closes a sentence inside the quote
        # marks ("Probably.", "Really?"), are words spoken.
        return False
    return bool(big) and all(w[0].isupper() for w in big)


def _continued_speaker(
    text: str, regions: list[_Region], k: int, speakers: list[_Speaker | None], kept: list[bool]
) -> _Speaker | None:
    """The speaker a quote without attribution carries on from.

    The same quote over several paragraphs, a second quote after "X said.",
    or a paragraph that opens with a quote, with no attribution of its own,
    right after a paragraph whose last quote has a speaker (news gives a
    speaker's next words a paragraph of their own).
    """
    region = regions[k]
    if region.chained_from is not None:
        return speakers[region.chained_from]
    # Skip titles and scare quotes in between ("said on “Morning Show.” “...”").
    j = k - 1
    while j >= 0 and not kept[j] and regions[j].para_start == region.para_start:
        j -= 1
    if j < 0 or not kept[j]:
        return None
    prev = regions[j]
    if prev.para_start == region.para_start:
        return speakers[j]
    # Only the paragraph right before counts, and only for a quote that opens its paragraph with no
    # pronoun after it: "“...,” it said" is an attribution of its own that did not resolve.
    opens_with_quote = not text[region.para_start : region.open].strip()
    end = region.close + 1 if region.close is not None else region.para_end
    follower = re.match(r"[\s,.;:!?—–-]*([A-Za-z]+)", text[end : region.para_end])
    own_pronoun = follower is not None and follower.group(1).lower() in _PRONOUNS
    if opens_with_quote and not own_pronoun and not text[prev.para_end : region.para_start].strip():
        return speakers[j]
    return None


def _quote(text: str, kind: str, start: int, end: int, speaker: _Speaker | None) -> QuoteCandidate:
    return QuoteCandidate(
        text=text[start:end],
        kind=kind,
        start=start,
        end=end,
        speaker_text=speaker.text if speaker else None,
        speaker_start=speaker.start if speaker else None,
        speaker_end=speaker.end if speaker else None,
        speaker_name=speaker.name if speaker else None,
        cue=speaker.cue if speaker else None,
    )


def _copy_speaker(src: QuoteCandidate, dst: QuoteCandidate) -> None:
    dst.speaker_text = src.speaker_text
    dst.speaker_start = src.speaker_start
    dst.speaker_end = src.speaker_end
    dst.speaker_name = src.speaker_name
    dst.cue = src.cue


# ---------------------------------------------------------- indirect speech


@dataclass
class _Indirect:
    position: int  # where the attribution sits, for resolving in text order
    subject: Token
    cue: Token | None
    start: int
    end: int


_WH_WORDS = lexicon.QUESTION_WORDS
# A wire dateline opening a paragraph: a place in capitals, optionally a country, a date and an
# agency, then a dash.
_DATELINE = re.compile(
    rf"[A-Z][A-Z.'’ -]*[A-Z.](?:,[^\n{LONG_DASHES}]{{1,40}}?)?(?:\s*\([^)\n]{{1,40}}\))?\s*{DASH_CLASS}+\s*"
)


def _indirect_candidates(doc: Doc, regions: list[_Region], resolver: _Resolver) -> list[_Indirect]:
    """``X said (that) <clause>`` and ``according to X, <clause>`` outside quotation marks."""
    spans = [(r.open, r.close + 1 if r.close is not None else r.para_end) for r in regions]
    starts = [s for s, _ in spans]

    def quoted_share(start: int, end: int) -> float:
        k = max(bisect_right(starts, start) - 1, 0)
        covered = 0
        while k < len(spans) and spans[k][0] < end:
            covered += max(0, min(end, spans[k][1]) - max(start, spans[k][0]))
            k += 1
        return covered / max(end - start, 1)

    paragraphs = [m.span() for m in _PARAGRAPH_RE.finditer(doc_text(doc))]
    para_starts = [a for a, _ in paragraphs]
    found: list[tuple[int, _Indirect]] = []
    for tok in doc:
        subj: Token | None = None
        cue: Token | None = None
        span: tuple[int, int] | None = None
        if _is_reporting(tok) and tok.pos_ in ("VERB", "AUX") and tok.lemma_ != "ask":
            # A clause across a paragraph break is the parse merging lines.
            text = doc_text(doc)
            clause = next(
                (
                    c
                    for c in tok.children
                    if c.dep_ == "ccomp" and "\n" not in text[min(c.idx, tok.idx) : max(c.idx, tok.idx)]
                ),
                None,
            )
            # A reported statement is a finite clause with its own subject, not a question ("why he
            # hasn't ...") or a fragment, nor what a verb of naming makes of its object ("declared the
            # outbreak an emergency", "called it a currency manipulator": a verbless small clause; the
            # tagger's nouns after "said" are mostly misread verbs, "said torture works").
            if (
                clause is None
                or not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in clause.children)
                or (
                    clause.pos_ in ("NOUN", "PROPN", "PRON", "NUM")
                    and tok.lemma_.lower() in lexicon.NAMING_VERBS
                    and not any(c.dep_ == "mark" for c in clause.children)  # "declared that torture works"
                )
            ):
                continue
            if clause.left_edge.lower_ in _WH_WORDS or clause.left_edge.tag_ == "VBN":
                continue
            if any(
                c.dep_ == "mark" and c.lower_ in lexicon.REPORTED_QUESTION_MARKERS for c in clause.children
            ):
                continue
            subj = _subject_of(tok)
            cue = tok
            span = _clause_span(clause)
        elif tok.lower_ in ("according", "per") and tok.dep_ == "prep":
            nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
            if tok.lower_ == "according" and (nxt is None or nxt.lower_ != "to"):
                continue
            if tok.lower_ == "per" and (tok.i == 0 or doc[tok.i - 1].lower_ != "as"):
                continue
            if _is_reporting(tok.head):
                continue  # "X said ..., according to Y": X's own clause is the quote
            holder = nxt if tok.lower_ == "according" else tok
            subj = next((c for c in holder.children if c.dep_ == "pobj"), None)
            span = _according_span(tok)
        else:
            continue
        if subj is None or span is None or not resolver.is_source(subj):
            continue
        # The reported clause never runs past the paragraph of its verb.
        p_start, p_end = paragraphs[max(bisect_right(para_starts, tok.idx) - 1, 0)]
        start, end = max(span[0], p_start), min(span[1], p_end)
        text = doc_text(doc)
        while start < end and text[start].isspace():
            start += 1
        if start == p_start:
            # "CITY, Country (Agency) — <clause>": the dateline is not the speaker's words.
            dateline = _DATELINE.match(text, start, end)
            if dateline is not None:
                start = dateline.end()
        while end > start and text[end - 1].isspace():
            end -= 1
        if end - start < 12 or quoted_share(start, end) > 0.5:
            continue
        found.append((tok.idx, _Indirect(subj.idx, subj, cue, start, end)))
    # A reporting verb inside someone's reported words ("Ruiz said the city
    # would insist that ...") is part of that report, not a new quote.
    spans_all = [(c.start, c.end) for _, c in found] + [(r.start, r.end) for r in regions]
    return [
        c
        for cue_at, c in found
        if not any(a <= cue_at < b and (a, b) != (c.start, c.end) for a, b in spans_all)
    ]


def _trim(doc: Doc, lo: int, hi: int) -> tuple[int, int] | None:
    """Character span of tokens lo..hi without edge punctuation and a leading "that"."""
    while lo <= hi and (
        doc[lo].is_punct or doc[lo].is_space or doc[lo].lower_ == "that" and doc[lo].dep_ == "mark"
    ):
        lo += 1
    while hi >= lo and (doc[hi].is_punct or doc[hi].is_space):
        hi -= 1
    if hi < lo:
        return None
    return doc[lo].idx, doc[hi].idx + len(doc[hi])


def _clause_span(clause: Token) -> tuple[int, int] | None:
    return _trim(clause.doc, clause.left_edge.i, clause.right_edge.i)


def _according_span(according: Token) -> tuple[int, int] | None:
    """The clause that ``according to X`` qualifies, without the phrase itself."""
    if according.lower_ == "per" and according.head.lower_ == "as" and according.head.i == according.i - 1:
        according = according.head  # "as per X" parsed as "as" -> "per X"
    head = according.head
    phrase_lo, phrase_hi = according.left_edge.i, according.right_edge.i
    if according.lower_ == "per":
        phrase_lo -= 1  # "as per"
    lo, hi = head.left_edge.i, head.right_edge.i
    if phrase_hi >= hi - 1:
        return _trim(according.doc, lo, phrase_lo - 1)
    doc = according.doc
    # "Meanwhile, according to X, <clause>": only linking words before the phrase.
    if phrase_lo <= lo + 1 or all(
        doc[i].pos_ in ("ADV", "PUNCT", "CCONJ", "SPACE") for i in range(lo, phrase_lo)
    ):
        return _trim(doc, phrase_hi + 1, hi)
    return None
