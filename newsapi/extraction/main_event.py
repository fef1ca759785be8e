"""The main event of an article: what its lead reports, with a type, a date, a place and who took part.

News puts the main event first: the headline and the first sentences of the body (the lead) say who
did what, where and when, and the rest of the article adds detail. So the main event is read from
the lead's parse, never from per-topic rules:

- the *main sentence* is the lead sentence that best restates the headline (shared words, position);
- its *predicate* is the root verb; a reporting verb ("police said a man was arrested") hands over
  to the clause it reports when that clause names a happening;
- the *type* is a vote of the trigger words around the predicate (``lexicon.EVENT_TRIGGERS``):
  the predicate counts most, its arguments next, the rest of the sentence and the headline least;
  no vote gives ``other`` (``statement`` for a bare reporting verb);
- the *date* is a time expression (temporal.find_timexes, resolved against the publication date
  with its verb's tense) attached to the predicate's clause (or to a trigger of the same
  type), else one that a later lead sentence attaches to the same actor or the same kind of
  happening, resolved against the publication date with the clause's tense (a deadline, as the new
  date of "extended to Nov. 20 its offer" or "a deadline of Nov. 20", dates no happening); only
  when the text dates nothing, and the lead speaks of the past or of today, the publication date
  stands in, with lower confidence;
- the *place* is a place name governed by a place preposition in the main clause, else the
  dateline's city, else the first place of the main sentence, the headline or the lead (a name
  GeoNames does not know that the text uses as an outlet, a person or a happening is no place);
  the *participants* are the people and organisations that are the predicate's subject and
  objects (a place that is the subject too: "Poland joined NATO"), then the others of the sentence;
  a work, a product or a law takes no part.

Every field keeps the character span it came from.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from spacy.tokens import Doc, Span, Token

from newsapi.extraction.datelines import DATELINE_REST, DATELINE_WINDOW, dateline_city, match_dateline
from newsapi.extraction.events import (
    another_phrasal_verb,
    bounded_by,
    clause_verb,
    date_anchor,
    extract_events,
    part_of_a_name,
    same_event,
)
from newsapi.extraction.lexicon import (
    ACCIDENT,
    CONFLICT,
    COURT,
    DEADLINE_NOUNS,
    DEFINITE_DETERMINERS,
    DISASTER,
    EVENT_ACTOR_NOUNS,
    FUTURE_MARKERS,
    MODIFYING_PARTICIPLE_TYPES,
    NEWS_VERBS,
    NOUN_TYPES_AFTER_PREPOSITION,
    ORGANISATION_HEADS,
    OTHER,
    PHRASAL_VERB_TYPES,
    PIECES_IN_A_MEDIUM,
    PLACE_PREPOSITIONS,
    REPORTING_VERBS,
    ROLE_NOUNS,
    SPEECH_VERBS,
    SPORT_WORDS,
    SPORTS,
    STATEMENT,
    STRONG_LOCATIVE_PREPOSITIONS,
    TIMEX_NEW_DATE_PREPOSITIONS,
    TIMEX_RESCHEDULING_VERBS,
    TITLE_CASE_SMALL_WORDS,
    VEHICLE_NOUNS,
    VERDICT_COMPLEMENTS,
    city_key,
    city_regions,
    geo_place_keys,
    region_keys,
    trigger_types,
)
from newsapi.extraction.names import name_key, place_spelling
from newsapi.extraction.nlp import (
    according_to_object,
    doc_text,
    invested_in,
    names_a_party,
    names_a_storm,
    opens_a_score,
)
from newsapi.extraction.quotes import quoted_stretches
from newsapi.extraction.stemming import lemma_forms
from newsapi.extraction.temporal import (
    ResolvedDate,
    Timex,
    dateline_day,
    directed_ahead,
    find_timexes,
    report_day,
    timex_date,
)
from newsapi.extraction.types import (
    DAY,
    LOCATION,
    MONTH,
    ORGANIZATION,
    PERSON,
    YEAR,
    EntityCandidate,
    EventCandidate,
)

LEAD_SENTENCES = 3  # sentences of the body read as the lead
MIN_SENTENCE_TOKENS = 4
MAX_PARTICIPANTS = 5
# Confidence of a date the text states, and of the publication date standing in for it.
STATED_DATE_CONFIDENCE = 0.9
PUBLICATION_DATE_CONFIDENCE = 0.5
PLANNED_WITHOUT_DAY_CONFIDENCE = 0.3
# Weights of a trigger word's vote by where it stands.
_PREDICATE_WEIGHT = 3.0
_ARGUMENT_WEIGHT = 2.0
_SENTENCE_WEIGHT = 1.0
_TITLE_WEIGHT = 1.0
_ARGUMENT_DEPS = {"nsubj", "nsubjpass", "dobj", "attr", "oprd", "agent", "dative", "npadvmod"}
# A headline's words; a contraction with a curly apostrophe stays one word ("Won’t" is no "Won").
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+(?:’t\b)?")


def _headline_words(title: str | None) -> list[str]:
    """The headline's words, lower-cased (apostrophes straight), in their order, once each."""
    return list(dict.fromkeys(w.lower().replace("’", "'") for w in _WORD.findall(title or "")))


@dataclass
class _Mention:
    name: str
    type: str
    start: int
    end: int


def extract_article_events(
    doc: Doc,
    entities: list[EntityCandidate],
    published: date | None,
    *,
    title: str | None = None,
    timexes: list[Timex] | None = None,
) -> list[EventCandidate]:
    """Every dated event of the article (``events.extract_events``), with its main event marked.

    The main event is one of the dated events when it is the same happening (a statement about it
    when the lead reads one), else it is added.
    An article with no sentence that reports anything gets no main event. ``timexes`` are the
    article's time expressions (``find_timexes`` over ``doc`` against ``published``; found here
    when not given): every event date is the value they give its words.
    """
    if timexes is None:
        timexes = find_timexes(doc_text(doc), published, doc=doc)
    events = extract_events(doc, entities, published, timexes=timexes)
    main = find_main_event(doc, entities, published, title=title, timexes=timexes)
    if main is None:
        return events
    for event in events:
        if event.date == main.date and event.start < main.end and same_event(event, main):
            # The lead's reading of place and people is the main one; the dated report keeps its
            # own date evidence and adds the people only it names (its sentence is their evidence).
            # A lead that reads a statement made about the dated happening ("praised the army's
            # offensive on Tuesday") keeps its type, and the kind the happening's word named goes
            # with the happening's type; otherwise the happening's own word types it ("an
            # earthquake struck": the lead's verb alone would read an attack).
            event.main = True
            if main.type == STATEMENT and event.type != STATEMENT:
                event.type, event.kind = STATEMENT, None
            elif event.type == OTHER:
                # A happening's word of no listed type ("stabbed to death": a death) leaves the type
                # to the lead's reading ("stabbed": a crime).
                event.type = main.type
            if main.location_name:
                event.location_name = main.location_name
                event.location_start, event.location_end = main.location_start, main.location_end
            extra = [n for n in event.participant_names if n not in main.participant_names]
            event.participant_names = [*main.participant_names, *extra]
            event.participant_spans = [*main.participant_spans, *((event.start, event.end) for _ in extra)]
            return events
    return [main, *events]


def find_main_event(
    doc: Doc,
    entities: list[EntityCandidate],
    published: date | None,
    *,
    title: str | None = None,
    timexes: list[Timex] | None = None,
) -> EventCandidate | None:
    """The event the lead reports, or None when the body has no sentence with a verb; ``timexes`` as
    for ``extract_article_events``."""
    lead = _lead(doc)
    if not lead:
        return None
    if timexes is None:
        # Over the whole article, as the pipeline gives them: the lead's text alone can end inside an
        # expression ("on Tuesday\nnight", the lead cut at the line break) and read it otherwise.
        timexes = find_timexes(doc_text(doc), published, doc=doc)
    title_words = set(_headline_words(title))
    sentence = max(
        lead, key=lambda s: (_title_overlap(s, title_words) + (lead.index(s) == 0), -lead.index(s))
    )
    mentions = _mentions(entities)
    predicate, reporting = _predicate(sentence)
    # The headline's words in their order: the first of its verbs is its news.
    headline = _headline_words(title)
    kind = _event_type(
        sentence,
        predicate,
        reporting,
        headline,
        speaker_headline=_speaker_headline(
            title, sentence, reporting or (predicate if _speech_act(predicate) else None), mentions
        ),
    )
    future = _is_future(predicate)
    # A happening of no listed kind that a statement tells has no words of its own to be found by
    # again: the statement's words and day date it.
    told = kind == OTHER and reporting is None and _speech_act(predicate)
    # "Police said a man died on Tuesday": the happening the news verb tells is dated by its own
    # clause first, the statement's day after it.
    dated_verb, dated_reporting = predicate, reporting
    if told and predicate.lemma_.lower() in NEWS_VERBS:
        clause = _told_happening(sentence, predicate)
        if clause is not None:
            dated_verb, dated_reporting = clause, predicate
    dated = _date_of(
        sentence,
        lead,
        dated_verb,
        dated_reporting,
        STATEMENT if told else kind,
        mentions,
        published,
        future,
        _lead_timexes(lead, timexes),
    )
    written = _written_dateline(doc)
    place = _narrowed(_place(sentence, predicate, lead, mentions, title, written, kind), lead, mentions)
    # The places of the dateline say where the report was filed, not who took part.
    dateline_places = (
        {m.name for m in mentions if m.type == LOCATION and written[0].start <= m.start < written[1]}
        if written is not None
        else set()
    )
    participants = _participants(
        sentence, predicate, reporting, [m for m in mentions if m.name not in dateline_places], place, title
    )
    label = (title or sentence.text).strip()
    named_subject = [
        m
        for verb in (predicate, reporting)
        if verb is not None
        for m in _subject_mentions(verb, mentions)
        if m.type != LOCATION
    ]
    actor = None if named_subject else _actor_phrase(predicate, reporting, _dateline_end(sentence))
    event = EventCandidate(
        title=label[:200],
        type=kind,
        date=None,
        date_precision=None,
        date_text=None,
        location_name=place.name if place else None,
        participant_names=[m.name for m in participants],
        start=sentence.start_char,
        end=sentence.end_char,
        main=True,
        location_start=place.start if place else None,
        location_end=place.end if place else None,
        participant_spans=[(m.start, m.end) for m in participants],
        actor_text=actor.text if actor is not None else None,
        actor_start=actor.start_char if actor is not None else None,
        actor_end=actor.end_char if actor is not None else None,
    )
    if dated is not None:
        resolved, start, end, confidence = dated
        event.date, event.date_precision, event.date_text = resolved.value, resolved.precision, resolved.text
        event.date_start, event.date_end, event.date_confidence = start, end, confidence
    elif published is not None:
        # The text dates nothing, so the report's own day stands in: a lead in the past tense or
        # about today reports the day's news; one that announces a plan without its day reports
        # the announcement, and the plan's day is unknown, hence the lower confidence.
        event.date, event.date_precision = published, DAY
        event.date_start, event.date_end = predicate.idx, predicate.idx + len(predicate.text)
        if _reports_the_day(sentence, predicate, reporting):
            event.date_text = f"publication date ({predicate.text!r} in the lead)"
            event.date_confidence = PUBLICATION_DATE_CONFIDENCE
        else:
            event.date_text = f"publication date (the lead announces {predicate.text!r} without its day)"
            event.date_confidence = PLANNED_WITHOUT_DAY_CONFIDENCE
    return event


# --- the lead ------------------------------------------------------------------------------------


def _lead(doc: Doc) -> list[Span]:
    """The first sentences of the body that have a verb and are long enough to report something."""
    lead: list[Span] = []
    for sent in doc.sents:
        for piece in _lines(sent):
            words = [t for t in piece if not t.is_punct and not t.is_space]
            # A heading without a main verb ("Mystery of the boy who fell down a well") reports nothing.
            if (
                len(words) >= MIN_SENTENCE_TOKENS
                and (piece.root.pos_ in ("VERB", "AUX") or _finite_verb_under_noun(piece) is not None)
                and not _imperative(piece.root)
            ):
                lead.append(piece)
                if len(lead) == LEAD_SENTENCES:
                    return lead
    return lead


def _finite_verb_under_noun(sent: Span) -> Token | None:
    """The main verb that the parser hung under the subject as a clause of its own.

    In "A meteor streaked across the sky on Tuesday night" or "A tram overturned in X, killing
    seven" the small model makes the noun the root and the verb its ``acl`` (tagged as a
    participle). When the noun opens the sentence and nothing else is its verb, the sentence is a
    report, not a heading."""
    root = sent.root
    if root.pos_ not in ("NOUN", "PROPN"):
        return None
    # "Hamas released three hostages on Saturday ..., the latest swap under the ceasefire deal": the
    # model reads the closing appositive as the sentence and the opening clause, subject and finite
    # verb, as its complement.
    opening = next(
        (
            c
            for c in root.lefts
            if c.dep_ in ("ccomp", "parataxis")
            and c.tag_ in _FINITE_TAGS
            and c.left_edge.i == sent.start
            and any(g.dep_ in ("nsubj", "nsubjpass") and g.tag_ not in _RELATIVE_TAGS for g in c.children)
        ),
        None,
    )
    if opening is not None:
        # The appositive follows the clause after a comma (not a colon's list: "promotes ideas:
        # alleged conspiracies ...").
        phrase = min([c.left_edge.i for c in root.lefts if c.i > opening.i and c.dep_ != "punct"] + [root.i])
        if root.doc[phrase - 1].text == ",":
            return opening
    if root.left_edge.i != sent.start:
        return None
    verbs = [c for c in root.rights if c.dep_ == "acl" and c.tag_ in ("VBD", "VBN")]
    # A participle set off by commas describes the noun ("The company, founded in 1998, filed for
    # bankruptcy"): the verb after it is the sentence's.
    return next((v for v in verbs if not _set_off(v)), verbs[0] if verbs else None)


# Tags of a verb that carries its clause's tense itself, and of relative pronouns ("who fell").
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})
_RELATIVE_TAGS = frozenset({"WDT", "WP", "WP$"})


def _set_off(clause: Token) -> bool:
    """The clause stands between commas, as a description of the word before it."""
    doc = clause.doc
    before, after = clause.left_edge.i - 1, clause.right_edge.i + 1
    return before >= 0 and after < len(doc) and doc[before].text == "," and doc[after].text == ","


def _imperative(root: Token) -> bool:
    """ "Enter your email address", "Click to share": page furniture, not a report."""
    return root.tag_ == "VB" and not any(
        c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj", "aux") for c in root.children
    )


def _lines(sent: Span) -> list[Span]:
    """The sentence cut at line breaks: the parser glues a heading or a standfirst to the next line."""
    pieces: list[Span] = []
    start = sent.start
    for token in sent:
        if token.is_space and "\n" in token.text:
            if token.i > start:
                pieces.append(sent.doc[start : token.i])
            start = token.i + 1
    if start < sent.end:
        pieces.append(sent.doc[start : sent.end])
    return pieces


def _title_overlap(sent: Span, title_words: set[str]) -> int:
    if not title_words:
        return 0
    seen = {t.lower_ for t in sent if not t.is_stop and t.is_alpha} | {
        t.lemma_.lower() for t in sent if not t.is_stop and t.is_alpha
    }
    return len(seen & title_words)


def _predicate(sent: Span) -> tuple[Token, Token | None]:
    """The sentence's main verb, and the reporting verb of the statement that reports it, if any."""
    root = sent.root
    if root.pos_ not in ("VERB", "AUX"):
        verbs = [t for t in sent if t.pos_ == "VERB"]
        root = _finite_verb_under_noun(sent) or (verbs[0] if verbs else root)
    # A copula does not take a clause that comes before it as its complement: the parser hangs the
    # main clause there when a later list of clauses ends in "is" ("Clinton went on offense on
    # Monday, saying he would ..., his view is wrong and he is a bully").
    if root.lemma_.lower() == "be":
        leading = next(
            (
                c
                for c in root.children
                if c.dep_ == "ccomp"
                and c.i < root.i
                and c.pos_ == "VERB"
                and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)
            ),
            None,
        )
        if leading is not None:
            root = leading
    if root.lemma_.lower() in REPORTING_VERBS:
        for child in root.children:
            if (
                child.dep_ in ("ccomp", "parataxis")
                and child.pos_ in ("VERB", "AUX")
                and any(_token_types(t) for t in _unquoted(sent, child.subtree) if t.pos_ != "PROPN")
            ):
                return child, root
        # "Israeli airstrikes killed 20 people, officials said": the parser reads the happening's verb
        # as a participle of its subject, which it makes a second subject of the reporting verb.
        subjects = [c for c in root.children if c.dep_ == "nsubj"]
        for subject in subjects[:-1]:
            misread = next(
                (
                    v
                    for v in subject.children
                    if v.dep_ == "acl"
                    and v.tag_ in ("VBD", "VBN")
                    and any(g.dep_ == "dobj" for g in v.children)
                ),
                None,
            )
            if misread is not None and subject.i < root.i:
                return misread, root
        # "The Fed cut rates on Wednesday, Powell told reporters": a clause the attribution follows
        # is the lead's news whatever its words, when it tells something done (not a state, a plan
        # or more speech) in the reporter's own words.
        for child in root.children:
            if (
                child.dep_ in ("ccomp", "parataxis")
                and child.i < root.i
                and _tells_a_happening(child)
                and any(c.dep_ in ("nsubj", "nsubjpass") for c in child.children)
                and not _quoted(sent, child)
            ):
                return child, root
        return root, None
    # "..., the palace announced on Friday": a reporting clause after the event hangs off it.
    for child in root.children:
        if (
            child.dep_ in ("parataxis", "ccomp", "advcl")
            and child.i > root.i
            and child.lemma_.lower() in REPORTING_VERBS
            and any(c.dep_ in ("nsubj", "nsubjpass") for c in child.children)
        ):
            return root, child
    return root, None


def _unquoted(sent: Span, tokens: Iterable[Token]) -> list[Token]:
    """The tokens outside the sentence's quoted clauses: a verb and its subject inside quotation
    marks are the speaker's own words ("said the 83-year-old justice's 'mind is shot'", '"Jeb
    crashed," Trump tweeted'), which tell what was said, not a happening the report tells, so they
    hand no type over from the verb that reports them. Quoted words in the reporter's own clause
    stay ("announced she and Sheen have 'consciously uncoupled'")."""
    stretches = quoted_stretches(sent.text)
    inside: set[int] = set()
    for verb in sent:
        if verb.pos_ in ("VERB", "AUX") and _quoted(sent, verb, stretches):
            subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subjects and all(_quoted(sent, c, stretches) for c in subjects):
                inside.update(t.i for t in verb.subtree)
    return [t for t in tokens if t.i not in inside]


def _told_happening(sent: Span, verb: Token) -> Token | None:
    """The clause a news verb reports as done in the reporter's own words ("said the boy has been
    found"), or None."""
    clauses = _unquoted(sent, [c for c in verb.children if c.dep_ in ("ccomp", "parataxis")])
    return next((c for c in clauses if _tells_a_happening(c)), None)


def _event_type(
    sent: Span,
    predicate: Token,
    reporting: Token | None,
    title_words: Sequence[str],
    *,
    speaker_headline: bool = False,
) -> str:
    """``_event_type_by_triggers``, but a sport only where a word of the lead names one
    (``lexicon.SPORT_WORDS``): news borrows the words of games for everything else ("the race", "a big
    win", "his goals", "dream team"), and a lead that names no match, player or league is the other
    types' news."""
    kind = _event_type_by_triggers(sent, predicate, reporting, title_words, speaker_headline=speaker_headline)
    if kind != SPORTS or _names_a_sport(sent):
        return kind
    votes = _type_votes(sent, predicate, title_words, reporting)
    votes.pop(SPORTS, None)
    if votes:
        best, weight = votes.most_common(1)[0]
        if weight >= _SENTENCE_WEIGHT:
            return best
    return STATEMENT if reporting is not None or predicate.lemma_.lower() in REPORTING_VERBS else OTHER


def _names_a_sport(sent: Span) -> bool:
    # Words of the lead heading a phrase of their own ("in the final", "the World Cup"), not a verb
    # ("draw a plan") nor a modifier ("the final vote"); a headline's words have no parse. Or a game's
    # result ("beat the Chiefs 40-22").
    return any(
        (
            t.lemma_.lower() in SPORT_WORDS
            and t.pos_ in ("NOUN", "PROPN", "ADJ")
            and t.dep_ not in ("amod", "compound")
        )
        or (t.like_num and opens_a_score(sent.doc, t.i))
        for t in sent
    )


def _event_type_by_triggers(
    sent: Span,
    predicate: Token,
    reporting: Token | None,
    title_words: Sequence[str],
    *,
    speaker_headline: bool = False,
) -> str:
    """The type of the happening the main clause reports, read down the parse from its predicate.

    The predicate is the trigger: when it names a type ("collided", "arrested", "won"), the type is
    one of its own, the words around it choosing among them ("won the primary", "won the race"). A
    verb that reports news ("announced", "reported", "tweeted") hands over to what it reports: a
    trigger in its object or its clause ("reported a drop in net income"), else a happening its
    clause tells in the past ("said the boy has been found": ``other``), else it is a statement, as
    is any other speech act ("blamed", "praised", "denied"), whatever its words are about, and so is
    a claim that frames the predicate ("insisted that ...") and a headline that gives a person's
    words after their name (``speaker_headline``: "Warren: Trump Is a 'Proven Failure'"). Of
    conjoined clauses, the one the headline names first is typed. Only a predicate that is neither
    votes with the trigger words of the sentence and the headline.
    """
    # A claim, a warning or an insistence is the news itself, whatever it is about ("Saudis insist
    # they're fighting terror"): only a verb that reports news hands over to what it reports.
    if (reporting is not None and _claims(reporting)) or speaker_headline:
        return STATEMENT
    predicate = _headline_conjunct(predicate, title_words)
    if reporting is None and _a_state(predicate) and _headline_speaks(title_words):
        # "Obama has an admirer in ...", "There is a fragile bridge ...": a lead that tells no
        # happening sets the scene for the headline's news, here something said ("British diplomat
        # praises Obama"). A happening's word there is too often a figure to type it alone
        # ("Democrats battling it out", "paid a price").
        return STATEMENT
    votes = _type_votes(sent, predicate, title_words, reporting)
    lemma = predicate.lemma_.lower()
    own = tuple(k for k in _token_types(predicate) if k != STATEMENT)
    if own and predicate.pos_ == "VERB":
        # One named person attacking another in the news does it in words ("Trump attacked Mitt
        # Romney for being a failed candidate"); armies, gunmen and countries attack in deed.
        if own == (CONFLICT,) and _between_people(predicate):
            return STATEMENT
        # A verb of one type whose object names happenings of other types only takes their type:
        # what is signed, struck or launched says what happened ("signed a letter of intent to buy
        # the company", "struck a deal"); words for who takes part name none ("attacked a police
        # station"). A verb of several types lets the votes choose ("won the nomination").
        if len(own) == 1:
            objects = [t for c in predicate.children if c.dep_ == "dobj" for t in c.subtree]
            named = _type_votes_in([t for t in objects if t.lemma_.lower() not in EVENT_ACTOR_NOUNS])
            if named and not set(named) & set(own):
                return named.most_common(1)[0][0]
            # A force of nature is the one happening that acts as a verb's subject: what struck says
            # what happened ("an earthquake struck the region", "floods swept away"). Other subjects
            # are who or what did it ("a truck rammed into the crowd"), and the verb says what.
            subjects = [c for c in predicate.children if c.dep_ == "nsubj"]
            if DISASTER not in own and (
                DISASTER in _type_votes_in(subjects) or _a_named_storm_acts(predicate)
            ):
                return DISASTER
        # A verb of games and elections alike ("beat", "won") is a game's where the lead names one
        # ("at the stadium", "in the final"), as ``_event_type`` asks of a sport anyway.
        if SPORTS in own and len(own) > 1 and _names_a_sport(sent):
            votes[SPORTS] += _SENTENCE_WEIGHT
        return max(own, key=lambda k: (votes[k], -own.index(k)))
    # A storm does not speak: "Hurricane Milton slammed into the coast" is no criticism.
    if predicate.pos_ == "VERB" and _a_named_storm_acts(predicate):
        return DISASTER
    # A passive speech verb tells what was said of its subject, not what the subject said ("Clinton
    # was declared the winner", "he was named chairman"): the words around it type the happening.
    passive = any(c.dep_ == "auxpass" for c in predicate.children)
    if passive:
        votes.pop(STATEMENT, None)
    if reporting is None and _speech_act(predicate) and not passive:
        if lemma in NEWS_VERBS:
            reported = _type_votes_in(
                _unquoted(
                    sent, [t for c in predicate.children if c.dep_ in _REPORTED_DEPS for t in c.subtree]
                )
            )
            if reported:
                return reported.most_common(1)[0][0]
            if _told_happening(sent, predicate) is not None:
                return OTHER
        return STATEMENT
    # A headline's claim is its news ("Saudis insist they're fighting terror"), whatever the lead's
    # words are about, when the lead's verb names no happening of its own ("is distributing a
    # paper that details its counter-terrorism efforts"); a news verb there hands over to the lead.
    if reporting is None and _headline_speaks(title_words, news_verbs=False):
        return STATEMENT
    if votes:
        best, weight = votes.most_common(1)[0]
        if weight >= _SENTENCE_WEIGHT:
            return best
    # What a news verb after it reports done is a happening of no listed kind, as when the news verb
    # is the predicate above ("Kilmer has died, his daughter said").
    if (
        reporting is not None
        and reporting.i > predicate.i
        and reporting.lemma_.lower() in NEWS_VERBS
        and _tells_a_happening(predicate)
    ):
        return OTHER
    if reporting is not None or lemma in REPORTING_VERBS:
        return STATEMENT
    return OTHER


_REPORTED_DEPS = {"dobj", "ccomp", "xcomp", "parataxis"}


def _a_named_storm_acts(predicate: Token) -> bool:
    """A subject of the predicate is a storm's name ("Hurricane Milton"), which the model tags as a
    name, not a noun."""
    return any(
        s.dep_ == "nsubj" and s.pos_ == "PROPN" and names_a_storm(s.doc[s.left_edge.i : s.i + 1])
        for s in predicate.children
    )


# Dashes that end a headline's kicker ("EXCLUSIVE – Roger Stone: ...").
_KICKER_DASH = re.compile(r"\s[–—-]\s")
_MAX_SPEAKER_ROLE_WORDS = 2  # "OK Gov Fallin", "Hacker Guccifer"
_CLAUSE_DEPS = {"relcl", "acl", "advcl", "ccomp"}


def _speaker_headline(
    title: str | None, sentence: Span, speech: Token | None, mentions: list[_Mention]
) -> bool:
    """A headline that gives a person's words after their name and a colon ("Elizabeth Warren:
    Donald Trump Is a 'Proven Failure'", "Issa: Hillary Clinton's 'Honesty Is In Question'"), the
    person the subject of the main sentence or its source ("according to ..."), or the lead's speech
    act ``speech`` naming no person as its subject ("the Florida senator told ..."): the news is what
    they said. The name is one the article tags as a person, after at most two words of its role; a
    question after the colon asks about the person instead, and a person the lead does not make
    speak or act is the headline's topic ("Donald Trump: Lady Gaga stages protest at Trump Tower")."""
    head, colon, words = (title or "").partition(":")
    if not colon or not words.strip() or words.strip().endswith("?"):
        return False
    head_words = _KICKER_DASH.split(head)[-1].split()
    people = {m.name: {w.lower() for w in m.name.split()} for m in mentions if m.type == PERSON}
    named = 0
    while named < len(head_words) and any(head_words[-1 - named].lower() in n for n in people.values()):
        named += 1
    roles = head_words[: len(head_words) - named]
    if (
        not named
        or len(roles) > _MAX_SPEAKER_ROLE_WORDS
        or any(w.lower() in TITLE_CASE_SMALL_WORDS for w in roles)
    ):
        return False
    name = {w.lower() for w in head_words[len(roles) :]}
    speakers = {p for p, words in people.items() if name <= words}
    for token in sentence:
        source = token.dep_ in ("nsubj", "nsubjpass") or according_to_object(token)
        if not source:
            continue
        # The subject's phrase without the clauses in it ("Democratic presidential candidate Senator
        # Bernie Sanders (I-VT)", not "the parents whose appearance created a firestorm for Donald
        # Trump").
        clauses = {t.i for c in token.children if c.dep_ in _CLAUSE_DEPS for t in c.subtree}
        phrase = [t for t in token.subtree if t.i not in clauses]
        if {m.name for t in phrase if (m := _mention_at(t, mentions)) is not None} & speakers:
            return True
    if speech is not None:
        subjects = [t for subject in _subjects(speech) for t in subject]
        return not any((m := _mention_at(t, mentions)) is not None and m.type == PERSON for t in subjects)
    return False


def _headline_conjunct(predicate: Token, title_words: Sequence[str]) -> Token:
    """Of the predicate and the verbs conjoined to it, the one the headline names first, if any: of
    "Trump beat her, and now Clinton has blamed the FBI" under "Clinton blames FBI for defeat and
    insists she was beating Trump" the news is the blame."""
    clauses = [predicate, *(c for c in predicate.children if c.dep_ == "conj" and c.pos_ == "VERB")]
    if len(clauses) == 1:
        return predicate
    for word in title_words:
        forms = lemma_forms(word)
        named = next((c for c in clauses if c.lemma_.lower() in forms), None)
        if named is not None:
            return named
    return predicate


def _between_people(verb: Token) -> bool:
    """A verb whose subject and direct object are both people the text names."""
    deps = ("nsubj", "dobj")
    return all(any(c.dep_ == dep and c.ent_type_ == "PERSON" for c in verb.children) for dep in deps)


def _a_state(predicate: Token) -> bool:
    """A predicate of being or having, which tells no happening (not one that frames a plan or a
    duty: "is set to vote", "has to resign")."""
    return predicate.lemma_.lower() in ("be", "have") and not any(
        c.dep_ in ("acomp", "xcomp") and c.pos_ == "VERB" for c in predicate.children
    )


def _headline_speaks(title_words: Sequence[str], *, news_verbs: bool = True) -> bool:
    """Whether the first headline word that names a happening or a speech act names a speech act
    (with ``news_verbs``, a news verb's too: its words are the lead's to tell), words for who takes
    part aside."""
    for word in title_words:
        for form in lemma_forms(word):
            if form in EVENT_ACTOR_NOUNS:
                break
            if any(k != STATEMENT for k in (*trigger_types(form, "VERB"), *trigger_types(form, "NOUN"))):
                return False
            # A bare word of the quotes' speech verbs is as often a noun in a headline ("a +32
            # point lead", "an executive order"); its inflected forms are verbs.
            quoting = form in SPEECH_VERBS and form != word
            if form in REPORTING_VERBS or quoting or STATEMENT in trigger_types(form, "VERB"):
                return news_verbs or form not in NEWS_VERBS
    return False


def _claims(verb: Token) -> bool:
    """A speech act that is news itself ("claimed", "insisted", "warned"), not one that reports
    news ("said", "announced") nor a neutral attribution ("added", "according to", "believes")."""
    lemma = verb.lemma_.lower()
    return verb.pos_ == "VERB" and STATEMENT in trigger_types(lemma, "VERB") and lemma not in NEWS_VERBS


def _speech_act(verb: Token) -> bool:
    lemma = verb.lemma_.lower()
    return verb.pos_ == "VERB" and (lemma in REPORTING_VERBS or STATEMENT in trigger_types(lemma, "VERB"))


def _tells_a_happening(verb: Token) -> bool:
    """A clause that tells something done: an affirmative verb of action in the past or the perfect
    ("they broke up", "has approved"), not a state ("is", "has"), a plan or an attempt ("has proposed
    holding talks", "decided to admit"), a wish, or more speech."""
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    perfect = any(a.lemma_.lower() == "have" for a in auxiliaries)
    # An adjective takes no perfect's "have": the tagger misread a participle ('have "consciously
    # uncoupled"'), and the clause tells something done all the same.
    participle = verb.pos_ == "ADJ" and perfect and not any(a.lemma_.lower() == "be" for a in auxiliaries)
    if (verb.pos_ != "VERB" and not participle) or verb.lemma_.lower() in ("be", "have") or _speech_act(verb):
        return False
    if any(c.dep_ in ("neg", "xcomp") for c in verb.children):
        return False
    if any(a.tag_ == "MD" or a.lower_ in FUTURE_MARKERS for a in auxiliaries):
        return False
    # A participle with a subject of its own and no auxiliary is a simple past the tagger misread
    # (the forms of "cut", "hit", "set", "put" are one word).
    misread_past = verb.tag_ == "VBN" and not auxiliaries and any(c.dep_ == "nsubj" for c in verb.children)
    # The passive in the past is something done too ("was awarded on Wednesday to ...").
    passive_past = verb.tag_ == "VBN" and any(a.dep_ == "auxpass" and a.tag_ == "VBD" for a in auxiliaries)
    return (
        verb.tag_ == "VBD" or misread_past or passive_past or ((verb.tag_ == "VBN" or participle) and perfect)
    )


def _token_types(token: Token) -> tuple[str, ...]:
    """``trigger_types`` of the word, unless the preposition before it says its sense ("went on strike":
    ``lexicon.NOUN_TYPES_AFTER_PREPOSITION``)."""
    if token.dep_ == "pobj":
        kind = NOUN_TYPES_AFTER_PREPOSITION.get((token.head.lower_, token.lemma_.lower()))
        if kind is not None:
            return (kind,)
    if token.pos_ == "VERB":
        lemma = token.lemma_.lower()
        # Right before the noun it qualifies, however the parser hangs it ("Striking dockworkers returned").
        if (
            lemma in MODIFYING_PARTICIPLE_TYPES
            and token.tag_ == "VBG"
            and token.i + 1 < len(token.doc)
            and token.doc[token.i + 1].tag_ in ("NNS", "NN")
            and not any(c.dep_ == "dobj" for c in token.children)
        ):
            return (MODIFYING_PARTICIPLE_TYPES[lemma],)
        for child in token.children:
            # The parser reads the particle right after its verb as an adverb too ("walked out on Tuesday").
            particle = child.dep_ == "prt" or (child.dep_ == "advmod" and child.i == token.i + 1)
            kind = PHRASAL_VERB_TYPES.get((lemma, child.lower_)) if particle else None
            if kind is not None:
                return (kind,)
            if child.dep_ in ("oprd", "acomp") and child.lower_ in VERDICT_COMPLEMENTS:
                return (COURT,)
        if another_phrasal_verb(token):
            return ()
    return trigger_types(token.lemma_.lower(), token.pos_, token.lower_)


def _type_votes_in(tokens: list[Token]) -> Counter[str]:
    """The types the trigger words among ``tokens`` name, a statement aside."""
    votes: Counter[str] = Counter()
    for token in tokens:
        if token.pos_ not in ("VERB", "NOUN") or token.ent_type_ in ("PERSON", "GPE", "ORG"):
            continue
        kinds = tuple(k for k in _token_types(token) if k != STATEMENT)
        for kind in kinds:
            votes[kind] += 1 / len(kinds)
    return votes


def _type_votes(
    sent: Span, predicate: Token, title_words: Sequence[str], reporting: Token | None = None
) -> Counter[str]:
    votes: Counter[str] = Counter()
    arguments = {c.i for c in predicate.children if c.dep_ in _ARGUMENT_DEPS}
    arguments |= {g.i for c in predicate.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"}
    # Who reports the happening is not what happened: "has died at 95, police said" is no crime. The
    # actor nouns of a source only; its other words tell the news's field ("his campaign announced").
    sources = {
        t.i
        for c in (reporting.children if reporting is not None and reporting.i != predicate.i else ())
        if c.dep_ == "nsubj" and predicate not in c.subtree
        for t in c.subtree
        if t.lemma_.lower() in EVENT_ACTOR_NOUNS
    }
    for token in sent:
        if (
            token.pos_ not in ("VERB", "NOUN")
            or token.ent_type_ in ("PERSON", "GPE", "ORG")
            or token.i in sources
            # A word of someone's title is no happening ("former defence minister", "trade envoy"), nor
            # one that says which body governs ("the ruling party").
            or (token.dep_ in ("compound", "amod", "nmod") and token.head.lemma_.lower() in ROLE_NOUNS)
            or (token.dep_ == "amod" and token.head.lemma_.lower() in ORGANISATION_HEADS)
            or (token.dep_ in ("compound", "nmod", "amod") and token.lemma_.lower() in VEHICLE_NOUNS)
        ):
            continue
        kinds = _token_types(token)
        if token.i == predicate.i:
            weight = _PREDICATE_WEIGHT
        else:
            # A statement is the sentence's own act, not a word in it.
            kinds = tuple(k for k in kinds if k != STATEMENT)
            weight = _ARGUMENT_WEIGHT if token.i in arguments else _SENTENCE_WEIGHT
        for kind in kinds:
            votes[kind] += weight / len(kinds)
    # Sorted, and kinds in their first order: a tie between kinds goes to the one voted first, so
    # the outcome must not depend on a set's order (which changes with PYTHONHASHSEED).
    # A headline word before an organisation's noun says which body ("ruling party picks ...").
    naming_a_body = {
        word
        for word, after in zip(title_words, title_words[1:], strict=False)
        if after.lower() in ORGANISATION_HEADS
    }
    for word in sorted(set(title_words) - naming_a_body):
        for form in lemma_forms(word):
            kinds = tuple(
                dict.fromkeys(
                    k for k in (*trigger_types(form, "VERB"), *trigger_types(form, "NOUN")) if k != STATEMENT
                )
            )
            # A headline's own speech act is its news ("Biden slams ...", "X denies ..."), as the
            # predicate's is (``_event_type``); a verb that reports news hands over to its words.
            if not kinds and STATEMENT in trigger_types(form, "VERB") and form not in NEWS_VERBS:
                kinds = (STATEMENT,)
            for kind in kinds:
                votes[kind] += _TITLE_WEIGHT / len(kinds)
            if kinds:
                break
    return votes


# --- tense and date ----------------------------------------------------------------------------


def _is_future(predicate: Token) -> bool | None:
    """True for "will meet", "is set to vote"; False for past forms; None when the form does not say."""
    auxiliaries = [c for c in predicate.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in FUTURE_MARKERS for a in auxiliaries):
        return True
    head = predicate.head
    if predicate.dep_ == "xcomp" and head.lemma_.lower() in FUTURE_MARKERS:
        return True
    if directed_ahead(predicate):
        return True  # "Ryan has invited Trump to meet on Thursday"
    # The past: "declared", "has declared", and a passive or progressive in the past ("was declared",
    # "were fighting").
    if predicate.tag_ == "VBD" or any(a.lemma_.lower() == "have" or a.tag_ == "VBD" for a in auxiliaries):
        return False
    return None


def _reports_the_day(sent: Span, predicate: Token, reporting: Token | None) -> bool:
    """The lead reports the day's news: what has happened, is happening, or was said today.

    News leads speak of the day's events in the past, the present perfect or the headline present.
    A statement made today is that day's news whatever it is about ("the bank said the tax will cut
    its profit"), and so is a claim about what may be ("could face charges"). Only a plan told
    without anyone saying it ("will meet", "is set to vote") places the happening elsewhere in time.
    """
    if reporting is not None and _is_future(reporting) is not True:
        return True
    return _is_future(predicate) is not True


def _date_of(
    sentence: Span,
    lead: list[Span],
    predicate: Token,
    reporting: Token | None,
    kind: str,
    mentions: list[_Mention],
    published: date | None,
    future: bool | None,
    timexes: list[Timex],
):
    """(resolved date, start, end, confidence) of the main event's date, or None; ``timexes`` are the
    lead's dates and times."""
    actors = {
        m.name for m in mentions if sentence.start_char <= m.start < sentence.end_char and m.type != LOCATION
    }
    own = {predicate.i} | ({reporting.i} if reporting is not None else set())
    # A verb's open complement is one predicate with it ("threatened to run away ... Thursday night",
    # "agreed to step down on Monday"): the parser hangs the day on whichever verb is nearer.
    own |= {t.i for t in predicate.children if t.dep_ == "xcomp" and t.pos_ in ("VERB", "AUX")}
    # So is the clause after it that tells when a past happening took place ("were killed when a
    # gunman opened fire at a school on Thursday", "flipped over while landing ... on Monday"); one
    # before it sets a scene ("When Google launched its phone last year, it included ..."), and a
    # plan's may name a span ("will meet him when he arrives later this month"). The clause tells the
    # time of a whole coordination, wherever the parser hung it ("were killed and 14 injured when a
    # gunman opened fire ... on Saturday": on "injured").
    if future is not True:
        told = [
            predicate,
            *(c for c in predicate.conjuncts if c.i > predicate.i and c.pos_ in ("VERB", "AUX")),
        ]
        own |= {
            t.i
            for verb in told
            for t in verb.children
            if t.dep_ == "advcl"
            and t.i > predicate.i
            and any(c.lower_ in _AT_THAT_TIME and c.dep_ in ("advmod", "mark") for c in t.children)
        }
    # The words that name the main happening in the main sentence: a later "the bombing late
    # Thursday" restates it, as does a definite "the explosion"; another word of the same type
    # ("air strikes this month") may be another happening.
    words = {t.lemma_.lower() for t in sentence if t.pos_ in ("VERB", "NOUN") and kind in _token_types(t)}
    # The happening's own word carries the best date ("the bombing late Thursday"), then the
    # clause that reports it, then a later lead sentence about the same actors.
    ordered = [sentence, *(s for s in lead if s is not sentence)]
    found: list[tuple[int, int, object, int, int]] = []
    # A past happening cannot be dated after the day the report speaks from: its wire dateline's
    # day where the time expressions counted from it, else the publication date.
    # The dateline's own day says when the report was filed, not when its happening took place: it
    # dates a past happening only where it is not after the publication date.
    filed = dateline_day(doc_text(sentence.doc)[: max(s.end_char for s in lead)], timexes)
    speaks_from = report_day(filed, published)
    # The present perfect tells what has happened lately, never on a past day long gone ("has sent a
    # team" takes no "two years ago"): such a time expression belongs to another clause, wherever the
    # parser hung it.
    perfect = _present_perfect(predicate)
    for position, sent in enumerate(ordered):
        for timex in timexes:
            if not (sent.start_char <= timex.start and timex.end <= sent.end_char):
                continue
            start, end = timex.start - sent.start_char, timex.end - sent.start_char
            span = sent.doc.char_span(sent.start_char + start, sent.start_char + end, alignment_mode="expand")
            if span is None or len(span) == 0 or part_of_a_name(span):
                continue
            anchor = date_anchor(span)
            if anchor is None or _deadline(span):
                continue
            clause = clause_verb(anchor)
            if clause.i == sent.root.i and clause.pos_ not in ("VERB", "AUX"):
                clause = _finite_verb_under_noun(sent) or clause
            # "In a statement released on Sunday, the ministry said": the day the statement that
            # reports the happening was made public, as "said on Sunday" would give it.
            report_released = (
                reporting is not None
                and anchor.dep_ == "acl"
                and anchor.pos_ == "VERB"
                and timex.precision == DAY
                and clause_verb(anchor.head).i == reporting.i
            )
            # The main clause says the date: on its own verb, or on a noun of it as below.
            says_it = (
                position == 0
                and (
                    anchor.i in own
                    or report_released
                    # A day on a noun of the main clause dates it ("the talks on Monday ended"), as
                    # does a time noun that is itself the clause's adverbial ("early one evening in
                    # June"); a month or a year on any other noun is that noun's background ("the
                    # 1960 signing", "after the 2008 financial crisis", "Obama's election in 2008").
                    or (
                        anchor.pos_ not in ("VERB", "AUX")
                        and clause.i in own
                        and (timex.precision == DAY or anchor.dep_ == "npadvmod")
                        and not bounded_by(anchor)
                    )
                )
                and not (perfect and _long_before(timex, published, speaks_from))
            )
            if _names_main_happening(anchor, kind, words):
                rank = 0
            # A date in a clause or an appositive set off on a noun of the main clause tells that
            # noun's past ("The company, founded in 1998, filed ...", "Jones, the winner of Sunday's
            # race, crashed"), not the day of the happening; one naming the happening again ranks
            # above. In a later sentence such a clause on the subject restates the lead's happening
            # ("The poll, released on Wednesday night, showed ...") and may date it.
            elif says_it and not _describes_a_noun(span, own, sent):
                # The happening's own clause before the statement that reports it: "police said on
                # Thursday that a man was arrested on Tuesday" happened on Tuesday.
                reported = report_released or (reporting is not None and reporting.i in (anchor.i, clause.i))
                # A day on the happening's own verb before one on a noun of its clause ("opened fire at a
                # Christmas market ... on Friday evening": a Christmas market is a kind of market).
                rank = 1.5 if reported else 1 if anchor.i in own else 1.25
            elif (
                position > 0
                # A day in quoted words is the speaker's ("uncoupled over Christmas," she tweeted),
                # not the day of the statement that quotes them.
                and _quoted(sent, span[0]) <= _quoted(sent, clause)
                and (
                    {m.name for m in _subject_mentions(clause, mentions)} & actors
                    or clause.lemma_ == predicate.lemma_
                )
            ):
                rank = 2
            elif (
                position > 0
                and (predicate.tag_ != "VBD" or predicate.lemma_.lower() == "be")
                and not _quoted(sent, span[0])
                and any(ch.isalpha() for ch in span.text)
            ):
                # A lead in the present or the present perfect tells a state or an outcome ("Rihanna
                # is mourning ...", "Broadcom has raised its bid"), and the next sentences tell the
                # day of the happening behind it ("The singer posted photos ... on Tuesday"): any
                # day they state outside quoted words. A lead in the simple past tells the
                # happening itself, and a day in a later sentence may be another one's; but one in
                # the past of "be" tells a state too ("The bomb was so powerful that ...").
                rank = 3
            else:
                continue
            # The time-expression component resolved the value with the tense of the date's own
            # verb; a past clause still cannot be dated after its report.
            tense = (
                future
                if anchor.i in own
                else (_is_future(anchor) if anchor.pos_ in ("VERB", "AUX") else None)
            )
            resolved = timex_date(timex, published)
            if resolved is None:
                continue
            if resolved.precision != DAY:
                # A month or a year in a lead is background ("his 2008 title") unless the main clause
                # says it, also where its verb names the happening ("In May, the two presidents signed a
                # treaty"). A past happening's yields to a day the sentence gives the statement that
                # reports it, the day its news broke ("created jobs in January, the government reported
                # on Friday"); a plan's report is never its day ("will campaign in September, the
                # campaign announced Friday"). A present perfect's, which tells an outcome, yields to
                # the day of the happening behind it that the next sentences give, as in rank 3.
                if not says_it:
                    continue
                rank = 3.5 if perfect else rank if future is True else max(rank, 1.75)
            # A happening told in the past (its own clause's tense, or the main clause's) cannot be
            # dated after its report, nor a planned one before it: a day, or a month or year wholly
            # after or before it ("will sue ... over the primary last month").
            if speaks_from is not None:
                first, last = _period(resolved)
                bound = published if timex is filed else speaks_from
                # Nor can a statement not told as a plan: what a report says is said has been said
                # ("Democrats trying to regain the Senate in November say").
                said = tense is None and anchor.i in own and _speech_act(anchor)
                if (tense is False or future is False or said or (rank == 3 and future is not True)) and (
                    first > bound
                ):
                    continue
                if future is True and last < speaks_from:
                    continue
            found.append((rank, span.start_char, resolved, span.start_char, span.end_char))
    if found:
        _, _, resolved, start, end = min(found, key=lambda f: (f[0], f[1]))
        return resolved, start, end, STATED_DATE_CONFIDENCE
    return None


# Subordinators of a clause that tells the time of the clause it hangs on ("scored twice as Inter Miami
# beat Nashville on Saturday"; "as" also gives a reason, "since" a start).
_AT_THAT_TIME = frozenset({"when", "while", "as"})


# The edges by which a clause or a phrase hangs on a noun to describe it.
_NOUN_MODIFIER_DEPS = {"acl", "relcl", "appos"}


def _describes_a_noun(span: Span, own: set[int], sent: Span) -> bool:
    """The date's path up the parse to the main clause crosses a clause or an appositive set off by
    commas on a noun. One that is not set off may name the news's source by its day ("according to a
    memo released Friday", "disclosures filed on Sunday night revealed"); and the parser hangs a
    dateline's parts ("WASHINGTON, Aug. 19 (UPI) —", "RANGOON, Burma - ...") on its place as
    appositives."""
    main_verb = _finite_verb_under_noun(sent)
    dateline_end = _dateline_end(sent)
    token = span.root
    while token.i not in own and token.head.i != token.i:
        if (
            token.dep_ in _NOUN_MODIFIER_DEPS
            and token is not main_verb
            and token.head.idx >= dateline_end
            and _set_off(token)
        ):
            return True
        token = token.head
    return False


def _deadline(span: Span) -> bool:
    """The date is a deadline, not the day of a happening: the new date of a verb that moves one
    ("extended to Nov. 20 its offer", "postponed the vote to March 12") or a deadline's own ("a
    deadline of Nov. 20", "the Nov. 10 deadline", "set Nov. 10 as the deadline")."""
    root = span.root
    head = root.head
    if head.lemma_.lower() in DEADLINE_NOUNS:
        return True
    if head.dep_ == "prep" and head.head.lemma_.lower() in DEADLINE_NOUNS:
        return True
    if (
        head.dep_ == "prep"
        and head.lower_ in TIMEX_NEW_DATE_PREPOSITIONS
        and head.head.pos_ in ("VERB", "AUX")
        and head.head.lemma_.lower() in TIMEX_RESCHEDULING_VERBS
    ):
        return True
    # "set Nov. 10 as the deadline": the date the verb's object (or, as the parser reads it, its
    # adverbial after it), named a deadline by "as".
    return (
        root.dep_ in ("dobj", "npadvmod")
        and root.i > head.i
        and any(
            c.dep_ == "prep"
            and c.lower_ == "as"
            and any(g.lemma_.lower() in DEADLINE_NOUNS for g in c.children)
            for c in head.children
        )
    )


# A time expression ending this many days before the report's day or more is no recent past.
RECENT_DAYS = 7


def _present_perfect(verb: Token) -> bool:
    """ "has sent", "have been arrested": a past participle with a present form of "have"."""
    return verb.tag_ == "VBN" and any(
        c.dep_ == "aux" and c.lemma_.lower() == "have" and c.tag_ in ("VBZ", "VBP") for c in verb.children
    )


def _long_before(timex: Timex, published: date | None, speaks_from: date | None) -> bool:
    """The time expression's whole period lies a week or more before the report's day."""
    resolved = timex_date(timex, published)
    if resolved is None or speaks_from is None:
        return False
    return (speaks_from - _period(resolved)[1]).days >= RECENT_DAYS


def _period(resolved: ResolvedDate) -> tuple[date, date]:
    """The first and last day of a resolved date at its precision."""
    start = resolved.value
    if resolved.precision == YEAR:
        return start, date(start.year, 12, 31)
    if resolved.precision == MONTH:
        following = date(start.year + start.month // 12, start.month % 12 + 1, 1)
        return start, following - timedelta(days=1)
    return start, start


def _lead_timexes(lead: list[Span], timexes: list[Timex]) -> list[Timex]:
    """Date and time expressions of the lead, from the article's ``timexes``, with their values."""
    end = max(s.end_char for s in lead)
    return [t for t in timexes if t.end <= end and t.type in ("DATE", "TIME") and t.value]


def _names_main_happening(anchor: Token, kind: str, words: set[str]) -> bool:
    """The date's word, or its subject or object, names the main happening again."""
    for token in (anchor, *(c for c in anchor.children if c.dep_ in _ARGUMENT_DEPS)):
        if token.lemma_.lower() in EVENT_ACTOR_NOUNS:
            continue
        if kind in _token_types(token) and (token.lemma_.lower() in words or _refers_back(token)):
            return True
    return False


def _refers_back(token: Token) -> bool:
    """A definite description ("the explosion", "this attack") names a happening told before."""
    return token.pos_ == "NOUN" and any(
        c.dep_ == "det" and c.lower_ in DEFINITE_DETERMINERS for c in token.children
    )


# --- place and participants --------------------------------------------------------------------


def _mentions(entities: list[EntityCandidate]) -> list[_Mention]:
    found = [_Mention(e.name, e.type, m.start, m.end) for e in entities for m in e.mentions]
    return sorted(found, key=lambda m: m.start)


def _mention_at(token: Token, mentions: list[_Mention]) -> _Mention | None:
    for mention in mentions:
        if mention.start <= token.idx < mention.end:
            return mention
        if mention.start > token.idx:
            break
    return None


def _subjects(verb: Token) -> list[list[Token]]:
    """The words of the verb's subjects: its ``nsubj`` children, or the noun the parser made the
    root above a sentence's verb ("The comedian, 47, tweeted Monday")."""
    found = [list(c.subtree) for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not found and verb.dep_ == "acl" and verb.head.dep_ == "ROOT":
        sent = verb.doc[verb.head.left_edge.i : verb.head.right_edge.i + 1]
        if _finite_verb_under_noun(sent) == verb:
            found.append([t for t in verb.head.subtree if t.i < verb.i])
    return found


def _subject_mentions(verb: Token, mentions: list[_Mention]) -> list[_Mention]:
    found = []
    for words in _subjects(verb):
        for token in words:
            mention = _mention_at(token, mentions)
            if (
                mention is not None
                and mention not in found
                and not _locates_the_subject(token, mention, words[0])
                and not _qualifies_the_subject(token, mention, mentions)
            ):
                found.append(mention)
    return found


def _qualifies_the_subject(token: Token, mention: _Mention, mentions: list[_Mention]) -> bool:
    """A place that says who the subject is ("Wisconsin Gov. Scott Walker", "the Vermont senator",
    "Marco Rubio (R-Fla.)", "France's Marine Le Pen") takes no part: on the parse's path from it up
    to the subject stands a person's name or a role noun. A place that is the subject acts
    ("Germany targets ...")."""
    if mention.type != LOCATION:
        return False
    head = token
    while head.dep_ not in ("nsubj", "nsubjpass") and head.head.i != head.i:
        head = head.head
        if mention.start <= head.idx < mention.end:
            continue
        if head.lemma_.lower() in ROLE_NOUNS:
            return True
        other = _mention_at(head, mentions)
        if other is not None and other.type == PERSON:
            return True
    return False


def _locates_the_subject(token: Token, mention: _Mention, first: Token) -> bool:
    """A place that says where the subject is ("the authorities in the Buffalo, N.Y., area", "rescuers
    in China") takes no part: it hangs on a place preposition inside the subject's phrase."""
    if mention.type != LOCATION:
        return False
    head = token
    while head.head.i != head.i and head.head.i >= first.i and head.dep_ not in ("nsubj", "nsubjpass"):
        if head.dep_ == "pobj" and head.head.lower_ in PLACE_PREPOSITIONS:
            return True
        head = head.head
    return False


def _narrowed(place: _Mention | None, lead: list[Span], mentions: list[_Mention]) -> _Mention | None:
    """A city inside the place that the lead names when the place is a country or a US state ("a
    suicide attack on the German consulate in a city in north Afghanistan. A car ... was rammed into
    the wall surrounding the consulate in Mazar-i-Sharif"), else the place."""
    region = region_keys().get(name_key(place.name, LOCATION)) if place is not None else None
    if region is None:
        return place
    cities = city_regions()
    for sent in lead:
        for mention in mentions:
            if not sent.start_char <= mention.start < sent.end_char or mention.type == PERSON:
                continue
            if region in cities.get(city_key(mention.name), ()) and _placed_by_preposition(sent, mention):
                return mention
    return place


def _placed_by_preposition(sentence: Span, mention: _Mention) -> bool:
    """The mention is the object of a preposition that says where something is ("in Baoding, Hebei
    province", "at a rally in Sterling Heights"; not "700 miles from Tel Aviv"), up through the
    names it is written with, and does not say where a person is from ("Dr. Slepian, a gynecologist
    in Buffalo", "the mayor of ...")."""
    span = sentence.doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    head = span.root
    while head.dep_ in ("compound", "conj", "appos") and head.head.i != head.i:
        head = head.head
    if head.dep_ != "pobj" or head.head.lower_ not in _WHERE_PREPOSITIONS:
        return False
    placed = head.head.head
    if placed.dep_ == "appos":
        placed = placed.head
    return placed.lemma_.lower() not in ROLE_NOUNS and placed.ent_type_ != "PERSON"


# Prepositions whose object is where something is, not where it comes from or goes.
_WHERE_PREPOSITIONS = STRONG_LOCATIVE_PREPOSITIONS | {"at"}


def _place(
    sentence: Span,
    predicate: Token,
    lead: list[Span],
    mentions: list[_Mention],
    title: str | None,
    written: tuple[_Mention, int] | None,
    kind: str | None = None,
) -> _Mention | None:
    # Places are the entities typed as such, and any other entity the parser labels a place where it
    # stands (a town typed as an organisation elsewhere in the article is a place here).
    doc = sentence.doc
    surnames = {m.name.split()[-1] for m in mentions if m.type == PERSON and len(m.name.split()) > 1}
    places = [
        m
        for m in mentions
        if (m.type == LOCATION or (m.type != PERSON and _labelled_place(doc, m)))
        and not _named_otherwise(doc, m, surnames)
        and not _invested_in(doc, m)
        and not (m.type != LOCATION and _qualifies_a_body(doc, m))
    ]
    # A place that says who someone is ("Betsy Sharp of Burke County", "the senator from Vermont",
    # "the Vermont senator", "people who survived a shooting in Charleston") in the main sentence is
    # not where the happening took place: it comes only after every other place of the lead.
    person_spans = [(m.start, m.end) for m in mentions if m.type == PERSON]
    qualifying = [
        m
        for m in places
        if sentence.start_char <= m.start < sentence.end_char
        and _qualifies_a_person(doc, m, predicate, person_spans)
    ]
    every_place, places = places, [m for m in places if m not in qualifying]
    in_sentence = [m for m in places if sentence.start_char <= m.start < sentence.end_char]
    governed = []
    for mention in in_sentence:
        token = sentence.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if token is None:
            continue
        head = token.root
        # Up through names and "the city of X" to the preposition that places the phrase.
        while head.head.i != head.i and (
            head.dep_ in ("compound", "pobj", "conj", "appos", "poss", "nmod", "amod")
            or (head.dep_ == "prep" and head.lower_ == "of")
        ):
            if head.dep_ == "pobj" and head.head.lower_ in PLACE_PREPOSITIONS:
                governed.append((_places_a_thing(head.head, predicate), token.root.dep_ == "poss", mention))
                break
            head = head.head
    named_in_title = [m for m in places if title and _named_in(m.name, title)]
    # The narrowest place the sentence governs: the first of "the town of X in northern Y", not
    # the possessor of "Y's X district".
    happening = [g for g in governed if not g[0]]
    if happening:
        return min(happening, key=lambda g: (g[1], g[2].start))[2]
    # What a quake, a storm, an attack or a crash struck is where it happened ("struck a remote region
    # of central Morocco", "missiles hit Kyiv"), wherever the report was filed.
    if kind in _STRIKING_TYPES:
        struck = _struck_place(predicate, in_sentence)
        if struck is not None:
            return struck
    dateline = _dateline_place(sentence.doc, every_place)
    # The model may label only part of a dateline's city ("ST" of "ST. LOUIS", "MOINES") or only
    # its state ("Fla." of "BOCA RATON, Fla.", which opens no line and is not in capitals, so
    # ``_dateline_place`` does not see it): the dateline's city as written stands whenever the
    # model labels a place inside the written dateline.
    if written is not None:
        inside = [m for m in every_place if written[0].start <= m.start < written[1]]
        city = next((m for m in inside if (m.start, m.end) == (written[0].start, written[0].end)), None)
        if (dateline is not None and dateline in inside) or (dateline is None and inside):
            dateline = city or written[0]
    if dateline is not None:
        return dateline
    # A wire dateline whose city the model labels as no place ("CLEVELAND - Donald Trump" read as
    # one organisation) still says where the report comes from.
    if written is not None:
        return written[0]
    if governed:
        return min(governed, key=lambda g: (g[1], g[2].start))[2]
    if named_in_title:
        return min(named_in_title, key=lambda m: title.lower().find(m.name.lower()))
    if in_sentence:
        return in_sentence[0]
    for sent in lead:
        for mention in places:
            if sent.start_char <= mention.start < sent.end_char:
                return mention
    if qualifying:
        return qualifying[0]
    counts = Counter(m.name for m in places)
    if counts:
        name = counts.most_common(1)[0][0]
        return next(m for m in places if m.name == name)
    return None


_CLAUSE_CHAIN_DEPS = {"conj", "advcl", "xcomp", "ccomp", "prep", "pcomp", "parataxis"}
_STRIKING_TYPES = {DISASTER, CONFLICT, ACCIDENT}


def _struck_place(predicate: Token, places: list[_Mention]) -> _Mention | None:
    """The place that is the predicate's direct object ("hit Kyiv"), or that an object names with "of"
    ("a remote region of central Morocco", "the coast of Florida")."""
    for child in predicate.children:
        if child.dep_ != "dobj":
            continue
        heads = [
            child,
            *(
                g
                for c in child.children
                if c.dep_ == "prep" and c.lower_ == "of"
                for g in c.children
                if g.dep_ == "pobj"
            ),
        ]
        for head in heads:
            for mention in places:
                if mention.start <= head.idx < mention.end:
                    return mention
    return None


def _places_a_thing(preposition: Token, predicate: Token) -> bool:
    """The place preposition hangs on a noun, or on a clause under a noun, other than the main
    verb's subject ("condemned the attacks in Kenya", "investigate the genocide in Rwanda",
    "deplored the blasts which killed ... outside embassies in Kenya"): it says where that thing
    is or was, which a wire dateline outranks as the place of the report's happening. A place of
    the main verb, of a verb chained to it ("killed when a tram overturned in X") or of its
    subject ("the bomb outside the embassy in X was ...") places the happening itself."""
    word = preposition.head
    while word.i != predicate.i:
        if word.head.i == word.i:
            return True
        if word.dep_ in ("nsubj", "nsubjpass") and word.head.i == predicate.i:
            return False
        # A clause told as before or after the happening is another one ("died on Monday, a day after he
        # appeared on St. Peter's Square").
        if word.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in _SEQUENCE_MARKS for c in word.children
        ):
            return True
        if (word.pos_ in ("VERB", "AUX") and word.dep_ in _CLAUSE_CHAIN_DEPS) or (
            (word.pos_ in ("VERB", "AUX") and word.dep_ == "acl" and _a_site(word.head))
            or (word.pos_ == "ADV" and word.dep_ == "advmod")  # "as soon as the bombs went off in X"
        ):
            word = word.head
        elif _a_site(word):
            # A site of the happening ("at a ceremony held in X"): on to what it is the site of.
            word = word.head.head
        else:
            return True
    return False


# Subordinators of a clause told as happening before or after the one it hangs on.
_SEQUENCE_MARKS = frozenset({"after", "before", "since", "until", "till"})


def _a_site(noun: Token) -> bool:
    """The noun is the object of a place preposition ("at a ceremony", "in the chamber")."""
    return noun.dep_ == "pobj" and noun.head.lower_ in PLACE_PREPOSITIONS and noun.head.head.i != noun.head.i


def _qualifies_a_person(
    doc: Doc, mention: _Mention, predicate: Token, person_spans: list[tuple[int, int]]
) -> bool:
    """On the parse's path from the place up to the main verb stands a person: a name typed as a
    person or a role of ``ROLE_NOUNS`` ("senator"), so the place (and any clause it sits in) says
    who that person is. Words for people in general ("people", "woman") are not taken: "A
    Louisiana man was arrested" is placed by its Louisiana."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    token = span.root
    placed_in = token.dep_ == "pobj" and token.head.lower_ in STRONG_LOCATIVE_PREPOSITIONS
    while token.head.i != token.i and token.head.i != predicate.i:
        token = token.head
        if token.lemma_.lower() in ROLE_NOUNS:
            # "Federal prosecutors in Manhattan charged ...": where the actors of the happening are is
            # where they act ("the senator from Vermont" still says who he is).
            return not (placed_in and token.dep_ in ("nsubj", "nsubjpass") and token.head.i == predicate.i)
        if any(start <= token.idx < end for start, end in person_spans):
            return True
    return False


def _quoted(sentence: Span, token: Token, stretches: list[tuple[int, int]] | None = None) -> bool:
    """The token stands inside quoted words of its sentence (double or single marks); ``stretches``, the
    sentence's ``quoted_stretches`` when the caller has found them already."""
    offset = token.idx - sentence.start_char
    if stretches is None:
        stretches = quoted_stretches(sentence.text)
    return any(start <= offset < end for start, end in stretches)


_PLACE_LABELS = {"GPE", "LOC", "FAC"}


def _labelled_place(doc: Doc, mention: _Mention) -> bool:
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return span is not None and len(span) > 0 and span[0].ent_type_ in _PLACE_LABELS


# Labels by which the model reads a mention as something other than a place where it stands
# (not WORK_OF_ART or PRODUCT: the model gives those to buildings, "Trump Towers").
_NOT_PLACE_LABELS = {"ORG", "PERSON", "NORP", "EVENT", "LAW"}


def _named_otherwise(doc: Doc, mention: _Mention, surnames: set[str]) -> bool:
    """A name typed as a place that GeoNames does not know and that the text uses as something
    else: the small model labels outlets, parties and people GPE ("told Bloomberg", "Kasich, like
    Trump, ..."), and events LOC ("Game 7 of the World Series"). A place GeoNames knows is never
    dropped here."""
    if name_key(mention.name) in geo_place_keys():
        return False
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    root = span.root
    head = root.head
    # An organisation's name is a place where a place preposition governs it ("at the Pentagon",
    # "in the Oval Office"); a person, group or event is not, nor a medium a piece is in ("an
    # article in Politico").
    label = span[0].ent_type_
    organisation = label == "ORG" or mention.type == ORGANIZATION
    in_a_medium = head.lower_ == "in" and head.head.lemma_.lower() in PIECES_IN_A_MEDIUM
    if label in _NOT_PLACE_LABELS - {"ORG"} or (
        organisation and not (root.dep_ == "pobj" and head.lower_ in PLACE_PREPOSITIONS and not in_a_medium)
    ):
        return True
    # One word that is the surname of a person the article names in full.
    if len(mention.name.split()) == 1 and mention.name in surnames:
        return True
    # A source: it says, tells, is told, or is what something is according to.
    return (
        (root.dep_ == "nsubj" and head.lemma_.lower() in REPORTING_VERBS)
        or (root.dep_ in ("dobj", "dative") and head.lemma_.lower() == "tell")
        or according_to_object(root)
    )


def _named_in(name: str, text: str) -> bool:
    return re.search(rf"\b{re.escape(name.lower())}\b", text.lower()) is not None


def mention_text_is_upper(text: str, mention: _Mention) -> bool:
    written = text[mention.start : mention.end]
    return len(written) > 2 and written.isupper()


def _qualifies_a_body(doc: Doc, mention: _Mention) -> bool:
    """ "the ruling Morena party": a name the article takes for no place, which the model labels one where
    it names a party (``nlp.names_a_party``)."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return span is not None and len(span) > 0 and names_a_party(span)


def _invested_in(doc: Doc, mention: _Mention) -> bool:
    """ "an investment in OpenAI": a company the model labels a place there."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return span is not None and len(span) > 0 and invested_in(span.root)


def _dateline_place(doc: Doc, places: list[_Mention]) -> _Mention | None:
    """The place a dateline names ("KESTRELPORT, Norway (Nordic Wire) -", "LONDON, March 12 (Reuters)
    —"): says where the report comes from."""
    text = doc_text(doc)
    for mention in places:
        if mention.start > DATELINE_WINDOW:
            break
        line_start = text.rfind("\n", 0, mention.start) + 1
        # A dateline opens its line, or is written in capitals where a crawl ran lines together.
        opens = text[line_start : mention.start].strip(" \t\"'(") == "" or mention_text_is_upper(
            text, mention
        )
        if opens and DATELINE_REST.match(text, mention.end):
            return mention
    return None


def _written_dateline(doc: Doc) -> tuple[_Mention, int] | None:
    """The city of a wire dateline that opens a line of the body, as written (``dateline_city``), and
    where the dateline's place ends."""
    text = doc_text(doc)
    found = dateline_city(text)
    if found is None:
        return None
    start, end, place_end = found
    return _Mention(
        place_spelling(text[start:end], dateline=True, written=text), LOCATION, start, end
    ), place_end


MAX_ACTOR_WORDS = 6


def _dateline_end(sentence: Span) -> int:
    """Where the dateline that opens ``sentence`` ends ("GENEVA (Reuters) -"), or its start when none
    does: the parser often makes the dateline's place the subject of the lead's verb."""
    dateline = match_dateline(doc_text(sentence.doc), sentence.start_char, colon=False)
    return dateline.end() if dateline is not None else sentence.start_char


def _actor_phrase(predicate: Token, reporting: Token | None, dateline_end: int) -> Span | None:
    """The subject of the event's clause as written, when it is a noun phrase and not a pronoun
    (nor the place of the dateline, which says where the report was filed)."""
    for verb in (predicate, reporting):
        if verb is None:
            continue
        for child in verb.children:
            if child.dep_ not in ("nsubj", "nsubjpass") or child.pos_ not in ("NOUN", "PROPN", "NUM"):
                continue
            if child.idx < dateline_end:
                continue
            # The phrase up to its head noun and the "of" phrase that says who ("hundreds of residents").
            tokens = [
                t for t in child.subtree if t.i <= child.i or (t.head.i == child.i and t.lower_ == "of")
            ]
            end = child.i + 1
            for t in child.children:
                if t.lower_ == "of" and t.i > child.i:
                    end = t.right_edge.i + 1
            start = min(t.i for t in tokens)
            if end - start <= MAX_ACTOR_WORDS:
                return child.doc[start:end]
            return child.doc[
                child.left_edge.i if child.i - child.left_edge.i < MAX_ACTOR_WORDS else child.i : child.i + 1
            ]
    return None


# Who can take part in a happening: people, organisations, and places acting as states ("Poland
# joined NATO").
_ACTOR_TYPES = frozenset({PERSON, ORGANIZATION, LOCATION})


def _participants(
    sentence: Span,
    predicate: Token,
    reporting: Token | None,
    mentions: list[_Mention],
    place: _Mention | None,
    title: str | None,
) -> list[_Mention]:
    chosen: list[_Mention] = []
    # The agency a dateline credits ("GENEVA (Reuters) -") reported the happening; it took no part.
    credit_end = _dateline_end(sentence)

    def add(mention: _Mention | None) -> None:
        if (
            mention is not None
            # A work, a product, a law or a slogan ("Star Trek", "Pixel 2", "Roe v. Wade") takes no
            # part: it is what the happening is about.
            and mention.type in _ACTOR_TYPES
            and not sentence.start_char <= mention.start < credit_end
            and len(chosen) < MAX_PARTICIPANTS
            and all(m.name != mention.name for m in chosen)
            and (place is None or mention.name != place.name)
        ):
            chosen.append(mention)

    # Who acts first: the subjects of the event's clause and of the statement that reports it.
    for verb in (predicate, reporting):
        if verb is not None:
            for mention in _subject_mentions(verb, mentions):
                add(mention)
    for child in predicate.children:
        if child.dep_ in ("dobj", "dative", "agent", "attr", "prep"):
            for token in child.subtree:
                mention = _mention_at(token, mentions)
                if mention is not None and mention.type in (PERSON, ORGANIZATION):
                    add(mention)
    for mention in mentions:
        if sentence.start_char <= mention.start < sentence.end_char and mention.type in (
            PERSON,
            ORGANIZATION,
        ):
            add(mention)
    if title:
        for mention in mentions:
            if mention.type != LOCATION and _named_in(mention.name.split()[-1], title):
                add(mention)
    return chosen
