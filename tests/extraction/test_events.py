"""Events: triggers dated by the date expression that is about them, merged per article."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from newsapi.extraction.event_keys import event_keys, event_lookup_keys
from newsapi.extraction.events import event_type, extract_events, same_event
from newsapi.extraction.lexicon import EVENT_TYPE_EXAMPLES
from newsapi.extraction.types import (
    DAY,
    LOCATION,
    MONTH,
    ORGANIZATION,
    PERSON,
    EntityCandidate,
    EventCandidate,
    MentionSpan,
)

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
PUBLISHED = date(2025, 5, 28)  # every seed was published on Wednesday 28 May 2025


def _entities(doc) -> list[EntityCandidate]:
    """The project's entity step when present, else doc.ents as stand-ins."""
    try:
        from newsapi.extraction.entities import extract_entities
    except ImportError:
        kinds = {"PERSON": PERSON, "ORG": ORGANIZATION, "GPE": LOCATION, "LOC": LOCATION, "FAC": LOCATION}
        found: dict[str, EntityCandidate] = {}
        for ent in doc.ents:
            if ent.label_ in kinds:
                candidate = found.setdefault(ent.text, EntityCandidate(name=ent.text, type=kinds[ent.label_]))
                candidate.mentions.append(MentionSpan(ent.start_char, ent.end_char, ent.text))
        return list(found.values())
    return extract_entities(doc)


def _events(text: str, published: date | None = PUBLISHED) -> list[EventCandidate]:
    from newsapi.extraction.nlp import get_nlp

    doc = get_nlp()(text)
    return extract_events(doc, _entities(doc), published)


def _seed_events(prefix: str) -> tuple[str, list[EventCandidate]]:
    raw = next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")
    try:
        from newsapi.extraction.cleaning import clean_article
    except ImportError:
        body = raw
    else:
        body = clean_article(raw).body
    return body, _events(body)


def _event(events: list[EventCandidate], day: date, *types: str) -> EventCandidate:
    matches = [e for e in events if e.date == day and (e.type in types or e.kind in types)]
    assert len(matches) == 1, events
    return matches[0]


@pytest.mark.slow
def test_next_monday_with_a_day_and_month_resolves_against_the_publication_date():
    """ "next Monday, June 2" in an article of 28 May 2025 is 2 June 2025."""
    events = _events("Ukraine and Russia will hold peace talks in Istanbul next Monday, June 2.")
    talks = _event(events, date(2025, 6, 2), "talks")
    assert talks.date_precision == DAY
    assert talks.location_name == "Istanbul"
    assert talks.title == "Peace talks in Istanbul"


@pytest.mark.slow
def test_a_bare_weekday_dates_the_event_to_the_preceding_one():
    """ "on Wednesday" in an article of Friday 30 May 2025 is Wednesday 28 May."""
    events = _events("Turkish Foreign Minister Hakan Fidan visited Moscow on Wednesday.", date(2025, 5, 30))
    visit = _event(events, date(2025, 5, 28), "visit")
    assert visit.location_name == "Moscow"
    assert visit.participant_names == ["Hakan Fidan"]


@pytest.mark.slow
def test_talks_take_the_date_of_their_own_verb_not_of_the_proposal():
    """ "proposed on Wednesday to hold talks ... on June 2": both dates reach "talks" through the
    parse; the one on "hold" hangs nearer, so the talks are on 2 June whatever the order."""
    events = _events(
        "Russia proposed on Wednesday to hold a second round of direct peace talks with Ukraine "
        "in Istanbul on June 2, Foreign Minister Sergei Lavrov said."
    )
    talks = _event(events, date(2025, 6, 2), "talks")
    assert talks.location_name == "Istanbul"
    assert talks.date_text == "June 2"
    assert not [e for e in events if e.kind == "talks" and e.date == PUBLISHED]


@pytest.mark.slow
def test_a_duration_later_dates_the_event_of_its_clause_from_the_storys_last_date():
    """ "Rebels seized the town on May 2. Two days later, the army attacked": the attack is 4 May, its
    evidence the words "Two days later"."""
    text = "Rebels seized the town on May 2. Two days later, the army attacked the town."
    attack = _event(_events(text), date(2025, 5, 4), "attack", "conflict")
    assert text[attack.date_start : attack.date_end] == "Two days later"


@pytest.mark.slow
def test_a_duration_later_in_a_present_clause_dates_nothing():
    """ "an attack that even three years later remains charged" tells how things stand, not when the
    attack was."""
    events = _events(
        "The consulate was attacked in 2012. It was an attack that even three years later remains "
        "politically charged."
    )
    assert not [e for e in events if e.date == date(2015, 1, 1)], events


@pytest.mark.slow
def test_a_date_without_an_event_word_is_not_an_event():
    """A date alone ("published on Monday") yields nothing."""
    assert _events("The report was published on Monday, and it runs to 40 pages.") == []


@pytest.mark.slow
def test_a_date_belonging_to_the_reporting_verb_does_not_date_the_talks():
    """ "said on Wednesday that ... negotiations" dates the saying, not the negotiations."""
    events = _events(
        "President Donald Trump said on Wednesday that Putin may be delaying negotiations on the ceasefire."
    )
    assert [e for e in events if e.kind == "talks"] == []


def test_a_date_of_declaring_an_agreement_dead_does_not_date_the_agreement():
    """ "was declared dead on Tuesday": the date is the declaring's, as with any verb of saying."""
    events = _events("The ceasefire agreement was declared dead on Tuesday by the rebels.")
    assert [(e.title, e.date) for e in events] == [], events


@pytest.mark.slow
def test_dates_that_bound_a_period_are_not_event_dates():
    """ "frozen since March 2022", "before the June 2 deadline" date no event."""
    assert _events("Peace talks have been frozen since March 2022.") == []
    assert _events("Kyiv urged Moscow to act before the June 2 deadline for the talks.") == []


@pytest.mark.slow
def test_two_triggers_in_one_sentence_get_their_own_dates():
    """The talks are on June 2; the announcement of them was on Wednesday."""
    events = _events(
        "Russia has proposed holding a new round of direct peace talks with Ukraine in Istanbul on June 2, "
        "Foreign Minister Sergei Lavrov announced on Wednesday."
    )
    talks = _event(events, date(2025, 6, 2), "talks")
    announcement = _event(events, date(2025, 5, 28), "announcement")
    assert talks.location_name == "Istanbul"
    assert "Sergei Lavrov" not in talks.participant_names
    assert announcement.participant_names == ["Sergei Lavrov"]
    assert announcement.location_name is None


@pytest.mark.slow
def test_the_same_event_mentioned_twice_in_an_article_is_one_event():
    """Same type family, date and place: one event, the first sentence as evidence."""
    text = (
        "The first direct talks between Ukraine and Russia were held on May 16 in Istanbul. "
        "During the May 16 negotiations, the Russian delegation pushed for new laws."
    )
    events = _events(text)
    talks = _event(events, date(2025, 5, 16), "talks", "meeting")
    assert talks.location_name == "Istanbul"
    assert text[talks.start : talks.end].startswith("The first direct talks")


@pytest.mark.slow
def test_a_disaster_is_dated_and_placed():
    """ "A bus crashed near Pohang on Thursday" is a disaster in Pohang."""
    events = _events(
        "A navy patrol plane crashed near Pohang on Thursday, killing all four crew members.",
        date(2025, 5, 30),
    )
    crash = _event(events, date(2025, 5, 29), "disaster")
    assert crash.location_name == "Pohang"


@pytest.mark.slow
def test_seed_000_reports_the_planned_talks_in_istanbul():
    _, events = _seed_events("000")
    talks = _event(events, date(2025, 6, 2), "talks", "meeting")
    assert talks.location_name == "Istanbul"


@pytest.mark.slow
def test_seed_001_reports_the_talks_the_first_round_the_call_and_the_announcement():
    body, events = _seed_events("001")
    assert _event(events, date(2025, 6, 2), "talks", "meeting").location_name == "Istanbul"
    assert _event(events, date(2025, 5, 16), "talks", "meeting").location_name == "Istanbul"
    call = _event(events, date(2025, 5, 19), "call")
    assert {"Vladimir Putin", "Donald Trump"} <= set(call.participant_names)
    assert "Putin" in call.title and "Trump" in call.title
    statements = [e for e in events if e.date == date(2025, 5, 28) and e.kind == "announcement"]
    assert sorted(e.participant_names[0] for e in statements) == ["Donald Trump", "Sergei Lavrov"]
    assert "May 19" in body[call.start : call.end]


@pytest.mark.slow
def test_seed_003_reports_the_putin_trump_call_on_may_19():
    _, events = _seed_events("003")
    call = _event(events, date(2025, 5, 19), "call")
    assert {"Vladimir Putin", "Donald Trump"} <= set(call.participant_names)


@pytest.mark.slow
def test_seed_004_reports_fidans_visit_to_moscow_yesterday():
    _, events = _seed_events("004")
    visit = _event(events, date(2025, 5, 27), "visit")
    assert visit.location_name == "Moscow"
    assert "Hakan Fidan" in visit.participant_names
    assert _event(events, date(2025, 6, 2), "talks", "meeting").location_name == "Istanbul"
    assert _event(events, date(2025, 5, 16), "talks", "meeting").location_name == "Istanbul"


@pytest.mark.slow
@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_every_seed_event_has_a_date_and_a_short_title(prefix):
    body, events = _seed_events(prefix)
    assert events
    for event in events:
        assert event.date is not None and event.date_precision in (DAY, MONTH, "year")
        assert 0 < len(event.title) <= 80
        assert 0 <= event.start < event.end <= len(body)


@pytest.mark.slow
def test_overnight_is_the_night_ending_on_the_publication_day():
    """ "attacked ... overnight" in an article of 28 May is an attack on 28 May."""
    text = "Russian forces attacked the port of Odesa with drones and missiles overnight."
    events = _events(text)
    attack = _event(events, PUBLISHED, "attack")
    assert attack.date_text == "overnight"
    assert text[attack.start : attack.end] == text


@pytest.mark.slow
def test_a_dated_statement_by_a_named_person_is_an_announcement():
    """ "Merz on Tuesday said ..." is a statement by Merz on Tuesday; what he said is not dated by it."""
    events = _events(
        "German Chancellor Friedrich Merz on Tuesday said that Berlin would no longer limit the range "
        "of weapons sent to Kyiv."
    )
    statement = _event(events, date(2025, 5, 27), "announcement")
    assert statement.participant_names == ["Friedrich Merz"]
    assert statement.title == "Statement by Friedrich Merz"
    assert len(events) == 1


@pytest.mark.slow
def test_a_date_on_a_time_adverb_before_the_speaker_dates_the_statement():
    """ "Earlier on Monday, Emmanuel Macron told reporters ..." is Macron's statement on Monday."""
    events = _events(
        "Earlier on Monday, French President Emmanuel Macron told reporters that Europe must rearm.",
        date(2025, 5, 27),
    )
    assert [(e.kind, e.date, e.participant_names) for e in events] == [
        ("announcement", date(2025, 5, 26), ["Emmanuel Macron"])
    ]


@pytest.mark.slow
def test_said_today_dates_the_statement():
    """ "said today" dates a statement on the publication day."""
    events = _events("Physicist David Wright said today that the missile could reach Guam.")
    assert [(e.kind, e.date) for e in events] == [("announcement", PUBLISHED)]


@pytest.mark.slow
def test_a_date_compounded_with_a_place_dates_the_trigger_they_both_modify():
    """ "the Nov. 13 Paris terrorist attacks" are attacks on 13 November."""
    events = _events(
        "The plan was put in place during the Nov. 13 Paris terrorist attacks that killed 130 people.",
        date(2025, 12, 1),
    )
    attack = _event(events, date(2025, 11, 13), "attack")
    assert attack.location_name == "Paris"


@pytest.mark.slow
def test_a_dated_statement_without_a_named_speaker_is_not_an_event():
    """ "He said on Monday" and "the ministry said on Monday" name no person: no event."""
    assert _events("He said on Monday that the convoy had reached the border.") == []


@pytest.mark.slow
def test_statements_by_two_people_on_one_day_are_two_events():
    """Same day, same type, different speakers: not merged."""
    events = _events(
        "Donald Trump on Wednesday said the war must end. "
        "Volodymyr Zelensky said on Wednesday that Ukraine was ready for talks."
    )
    statements = [e for e in events if e.kind == "announcement"]
    assert sorted(e.participant_names[0] for e in statements) == ["Donald Trump", "Volodymyr Zelensky"]


@pytest.mark.slow
def test_a_statement_this_month_does_not_fold_into_another_speakers_statement():
    """A company's announcement "this month" stays apart from a person's statement on Tuesday."""
    events = _events(
        "Wells Fargo just this month announced it would drop the incentives. "
        "Senator Elizabeth Warren said on Tuesday that the bank had cheated its customers."
    )
    assert sorted((e.date_precision, e.date) for e in events if e.kind == "announcement") == [
        (DAY, date(2025, 5, 27)),
        (MONTH, date(2025, 5, 1)),
    ]


@pytest.mark.slow
def test_an_invitation_carries_the_date_to_the_talks_it_asks_for():
    """ "extended an invitation for direct talks in Geneva on Friday, June 6": talks on June 6."""
    events = _events(
        "The Swiss government has extended an invitation for direct talks in Geneva, Switzerland, "
        "on Friday, June 6."
    )
    talks = _event(events, date(2025, 6, 6), "talks")
    assert talks.location_name == "Geneva"


@pytest.mark.slow
def test_a_participle_on_a_round_of_talks_dates_the_talks_across_dashes():
    """ "the previous round of negotiations—held on May 16 in Istanbul—" dates the negotiations."""
    events = _events(
        "Hopes rose after the previous round of negotiations—held on May 16 in Istanbul—ended with a swap deal."
    )
    talks = _event(events, date(2025, 5, 16), "talks")
    assert talks.location_name == "Istanbul"


@pytest.mark.slow
def test_seed_002_dates_the_invited_talks_and_the_annexation():
    _, events = _seed_events("002")
    assert _event(events, date(2025, 6, 2), "talks", "meeting").location_name == "Istanbul"
    assert _event(events, date(2014, 1, 1), "other")


@pytest.mark.slow
def test_seed_003_reports_both_statements_of_wednesday_and_the_first_round_of_talks():
    body, events = _seed_events("003")
    statements = [e for e in events if e.date == date(2025, 5, 28) and e.kind == "announcement"]
    assert sorted(e.participant_names[0] for e in statements) == ["Sergei Lavrov", "Vladimir Medinsky"]
    medinsky = next(e for e in statements if "Medinsky" in e.title)
    assert body[medinsky.start : medinsky.end].startswith("Earlier on Wednesday, Vladimir Medinsky")
    first_round = _event(events, date(2025, 5, 16), "talks", "meeting")
    assert "held on May 16" in body[first_round.start : first_round.end]


def _event_of(
    type_: str, day: date | None, place: str | None, title: str = "", participants=()
) -> EventCandidate:
    return EventCandidate(
        title=title or type_,
        type=event_type(type_),
        kind=type_,
        date=day,
        date_precision=DAY if day else None,
        date_text=None,
        location_name=place,
        participant_names=list(participants),
    )


def test_same_event_matches_talks_and_a_meeting_on_the_same_day_in_the_same_city():
    a = _event_of("talks", date(2025, 6, 2), "Istanbul", "Peace talks in Istanbul")
    b = _event_of("meeting", date(2025, 6, 2), None, "Meeting")
    assert same_event(a, b)


def test_same_event_keeps_two_rounds_of_talks_on_different_days_apart():
    a = _event_of("talks", date(2025, 6, 2), "Istanbul", "Peace talks in Istanbul")
    b = _event_of("talks", date(2025, 5, 16), "Istanbul", "Peace talks in Istanbul")
    assert not same_event(a, b)


def test_same_event_keeps_the_same_day_in_different_cities_apart():
    a = _event_of("attack", date(2025, 6, 2), "Kyiv", "Attack in Kyiv")
    b = _event_of("attack", date(2025, 6, 2), "Kharkiv", "Attack in Kharkiv")
    assert not same_event(a, b)


def test_same_event_keeps_different_kinds_of_event_on_one_day_apart():
    a = _event_of("call", date(2025, 5, 19), None, "Phone call between Vladimir Putin and Donald Trump")
    b = _event_of("election", date(2025, 5, 19), None, "Election")
    assert not same_event(a, b)


def test_same_event_matches_an_undated_report_by_title_and_participants():
    a = _event_of(
        "call",
        date(2025, 5, 19),
        None,
        "Phone call between Vladimir Putin and Donald Trump",
        ["Vladimir Putin", "Donald Trump"],
    )
    b = _event_of(
        "call", None, None, "Call between Vladimir Putin and Donald Trump", ["Donald Trump", "Vladimir Putin"]
    )
    assert same_event(a, b)


def test_same_event_keeps_statements_by_different_people_apart():
    a = _event_of("announcement", date(2025, 5, 28), None, "Statement by Donald Trump", ["Donald Trump"])
    b = _event_of("announcement", date(2025, 5, 28), None, "Announcement by Sergei Lavrov", ["Sergei Lavrov"])
    assert not same_event(a, b)


def test_same_event_matches_one_speaker_spelled_two_ways():
    a = _event_of("announcement", date(2025, 5, 28), None, "Announcement by Sergei Lavrov", ["Sergei Lavrov"])
    b = _event_of("announcement", date(2025, 5, 28), None, "Announcement by Sergey Lavrov", ["Sergey Lavrov"])
    assert same_event(a, b)


# --- the main event of an article ------------------------------------------------------------------

WEDNESDAY = date(2025, 3, 12)  # the publication date of the synthetic articles below


def _main(text: str, published: date | None = WEDNESDAY, title: str | None = None) -> EventCandidate | None:
    from newsapi.extraction.main_event import extract_article_events
    from newsapi.extraction.nlp import get_nlp

    doc = get_nlp()(text)
    events = extract_article_events(doc, _entities(doc), published, title=title)
    mains = [e for e in events if e.main]
    assert len(mains) <= 1, events
    return mains[0] if mains else None


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "A powerful earthquake struck the coastal town of Pellaro on Tuesday, destroying hundreds of homes.",
            "disaster",
        ),
        (
            "Two freight trains collided near Dunmore station early on Monday, injuring both drivers.",
            "accident",
        ),
        ("Police arrested a 34-year-old man in Leeds on Monday after a jewellery shop was robbed.", "crime"),
        ("A judge in Boston sentenced former mayor Tom Ralley to five years in prison on Friday.", "court"),
        ("Voters in Estonia elected a new parliament on Sunday, with turnout above 60 percent.", "election"),
        (
            "Orbital Foods agreed on Tuesday to acquire rival snack maker Crunchly in a $2 billion deal.",
            "business",
        ),
        (
            "Maria Olsen, the chief executive of Harlow Bank, resigned on Monday after a hiring scandal.",
            "appointment",
        ),
        (
            "Thousands of students marched through Santiago on Saturday to protest against tuition fees.",
            "protest",
        ),
        ("Real Sociedad beat Villarreal 2-1 on Sunday to win the cup final in Seville.", "sports"),
        (
            "The foreign ministers of Japan and Brazil met in Geneva on Tuesday to discuss a trade treaty.",
            "diplomacy",
        ),
        ("Militants attacked an army base in northern Mali on Tuesday, killing nine soldiers.", "conflict"),
        ("Prime Minister Alma Reyes said on Tuesday that taxes would not rise next year.", "statement"),
    ],
)
def test_the_main_event_of_a_report_on_any_topic_gets_its_type_and_stated_day(text, kind):
    """One lead sentence per topic: the main event has the topic's type and the day the lead states."""
    event = _main(text)
    assert event is not None
    assert event.type == kind, event
    assert event.date is not None and event.date <= WEDNESDAY and (WEDNESDAY - event.date).days <= 6, event
    assert event.date_precision == DAY
    assert event.date_confidence > 0.5
    assert text[event.date_start : event.date_end] in text


@pytest.mark.slow
@pytest.mark.parametrize(
    ("example", "kind"),
    [(example, kind) for kind, examples in EVENT_TYPE_EXAMPLES.items() for example in examples.split("; ")],
)
def test_each_documented_example_of_an_event_type_gets_that_type(example, kind):
    """The examples the API documents for each type (lexicon.EVENT_TYPE_EXAMPLES), as a lead."""
    event = _main(example[0].upper() + example[1:] + " on Tuesday.")
    assert event is not None
    assert event.type == kind, event


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # A verb that reports news takes the type of what it reports.
        ("Harlow Foods reported a 40% drop in net income on Tuesday.", "business"),
        ("The ministry announced on Monday that two ferries had collided off Crete.", "accident"),
        ("The company said on Monday it had bought a rival bakery chain for $40 million.", "business"),
        # A plural the word lists hold is looked up as written: the lemmatiser makes "talks" "talk".
        ("Harlow Foods reported a 30% drop in fourth-quarter earnings.", "business"),
        ("Officials said the talks would resume in Geneva.", "diplomacy"),
        # ... and a happening of no listed kind, told as done, is other, not a statement.
        ("The singer announced on Monday that she and her husband had separated.", "other"),
        # What is only said, planned or proposed stays a statement.
        ("Prime Minister Alma Reyes said on Tuesday that taxes would not rise next year.", "statement"),
        # Any other speech act is the news itself, whatever its words are about.
        ("Hillary Rowe blamed her defeat in the election on the central bank on Saturday.", "statement"),
        # The predicate names the happening; the words around it choose among its types.
        ("Senator Ada Cole won the Republican primary in Ohio on Tuesday.", "election"),
        ("The team beat its rival 2-1 in the cup final on Sunday.", "sports"),
        # A verb of several types: the sport's word decides ("host" talks, or a derby).
        (
            "Arsenal will host Tottenham on Sunday at the Emirates Stadium in the north London derby.",
            "sports",
        ),
        ("Oman will host talks between the two foreign ministers on Sunday.", "diplomacy"),
        # A noun's sense by the preposition before it: a walkout, not an air strike.
        (
            "More than 30,000 Boeing machinists went on strike on Friday, halting production in Seattle.",
            "protest",
        ),
        (
            "An Israeli air strike killed 18 people in central Gaza on Friday, health officials said.",
            "conflict",
        ),
        ("Rioters clashed with police in several English towns on Saturday.", "protest"),
        # A result told by its margin is a game's where the lead names one (its score here), and the
        # same verbs crush and hammer anything else.
        ("Liverpool thrashed Manchester United 7-0 at Anfield on Sunday.", "sports"),
        ("The Lakers edged the Celtics 102-99 in Boston on Sunday.", "sports"),
        ("Security forces crushed a protest in the capital on Sunday.", "protest"),
        ("A storm hammered the coast of Florida on Sunday.", "disaster"),
        # A particle makes another verb, of no trigger's kind: ruling out is no ruling.
        ("The Supreme Court ruled on Monday that the tax was unconstitutional.", "court"),
        ("Finance Minister Ada Cole ruled out new taxes on working people on Wednesday.", "other"),
        # ... and some phrasal verbs name a kind of their own.
        (
            "Chief Executive Dave Hale will step down at the end of the year, the company said on Monday.",
            "appointment",
        ),
        ("Nurses at three hospitals walked out on Tuesday in a dispute over staffing.", "protest"),
        # A storm's name is its subject, which the model tags as a person or an organisation: a storm
        # neither speaks ("slammed") nor is who a verb of no type names.
        ("Hurricane Dalia slammed into the coast of Belize on Wednesday night, cutting power.", "disaster"),
        ("Typhoon Koinu hit northern Luzon on Tuesday, killing four people.", "disaster"),
        ("Senator Ada Hale slammed the budget bill on Tuesday.", "statement"),
        # The economy's figures are business news.
        ("Inflation in the euro zone fell to 2.4% in March, Eurostat said on Wednesday.", "business"),
        # Who reports a happening does not type it: the police are no crime.
        (
            "Actor Tom Ralley, who won two Oscars, has died at the age of 95, police in Santa Fe said on Thursday.",
            "other",
        ),
        # The parser reads the happening's verb as a participle of a second subject of "said".
        (
            "Israeli airstrikes killed at least 20 people in Rafah overnight, Palestinian health officials said on Sunday.",
            "conflict",
        ),
    ],
)
def test_the_main_event_type_is_read_down_the_parse_from_the_predicate(text, kind):
    """The predicate's own type first; a news verb hands over to what it reports; a speech act is a statement."""
    event = _main(text)
    assert event is not None
    assert event.type == kind, event


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "title", "kind"),
    [
        # The tagger reads a participle after the perfect's "have" as an adjective: still a happening
        # told as done.
        (
            'The singer announced on Monday that she and her husband have "consciously uncoupled."',
            None,
            "other",
        ),
        # Of two conjoined clauses, the one the headline names first is the news.
        (
            "Rovers beat United on Saturday, and now the club's owner has blamed the referee for the defeat.",
            "Owner blames referee for defeat and insists Rovers were beaten fairly",
            "statement",
        ),
        # A claim is the news itself, whatever it claims; a news verb hands over to what it reports.
        ("Saudi officials insisted on Tuesday that they were fighting terrorism.", None, "statement"),
        ("Officials said on Tuesday that militants had attacked an army base.", None, "conflict"),
        # "voiced support" is a speech act like "praised".
        ("Senator Ada Cole voiced support for the governor's budget on Tuesday.", None, "statement"),
        # A headline's own speech act types a lead whose verb names no happening ...
        (
            "Senator Ada Cole stepped into a row with Japan on Monday with a remark about its history.",
            "Cole slams Japanese pride",
            "statement",
        ),
        # ... but a news verb in the headline hands over to what it reports.
        ("Harlow Foods stepped up its plans on Monday.", "Harlow Foods announces layoffs", "business"),
        # A lead that tells no happening (being, having) sets the scene for the headline's news;
        # when that is something said, the article reports a statement ...
        (
            "Senator Ada Cole has an admirer in the British envoy to Washington, Sir John Hale.",
            "British diplomat praises Senator Cole",
            "statement",
        ),
        (
            "There is an uneasy truce between Senator Ada Cole and the party's candidate.",
            "Ada Cole just said something unexpected about the candidate",
            "statement",
        ),
        # ... a happening's word there is too often a figure to decide it alone.
        (
            "The Democratic primary in Kentucky was down to the wire on Tuesday night.",
            "In Kentucky, Democrats battling it out",
            "election",
        ),
        # A headline whose news is a claim ("insist", "slam", "vow") types a lead whose verb names
        # no happening, whatever the lead's words are about.
        (
            "Saudi Arabia is distributing a paper to lawmakers that details its fight against terrorism.",
            "Saudis insist they are fighting terror",
            "statement",
        ),
        # An inflected speech verb of the quotes is a headline's claim too; a bare one is as often
        # a noun ("a 32 point lead").
        (
            "Comedian Ada Cole recently hit another milestone with the 100th episode of her series.",
            "Ada Cole Just Got Asked About The Governor",
            "statement",
        ),
        (
            "Senator Ada Cole is blowing the pack away in the Republican primary in Florida.",
            "Cole Rampages to 32 Point Lead in Florida",
            "election",
        ),
        # One named person attacking another does it in words; others attack in deed.
        ("Senator Ada Cole attacked Governor John Hale on Tuesday for his budget.", None, "statement"),
        ("A gunman attacked Governor John Hale on Tuesday outside his office.", None, "conflict"),
        # A force of nature as the subject is the happening, whatever the headline's verb ("strikes")
        # votes for; another subject is only who did it.
        (
            "A powerful earthquake struck a remote mountain region of central Morocco late Friday, "
            "killing at least 600 people.",
            "Magnitude 6.8 quake strikes central Morocco",
            "disaster",
        ),
        (
            "A truck rammed into a crowd celebrating Bastille Day in Nice on Thursday.",
            "Truck attack in France kills at least 80",
            "conflict",
        ),
    ],
)
def test_the_headline_and_the_parse_choose_the_main_event_s_type(text, title, kind):
    event = _main(text, title=title)
    assert event is not None
    assert event.type == kind, event


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "title", "kind"),
    [
        # A headline that gives a person's words after their name reports what they said, whatever
        # the words are about ...
        (
            "Senator Ada Cole said on Tuesday that the governor's budget would cost voters in the election.",
            "Ada Cole: Governor's Budget Is 'A Disaster'",
            "statement",
        ),
        (
            "With the primary ahead, the senator told reporters on Tuesday that the election was far from won."
            " Ada Cole has led the polls in Ohio since June.",
            "Ada Cole: 'We Are Going To Win So Much'",
            "statement",
        ),
        # The party of an accord is no source of the headline's words ("according to" is).
        (
            "The government signed an accord with Ada Cole's party in Springfield on Monday.",
            "Ada Cole: 'We Have Peace At Last'",
            "diplomacy",
        ),
        # ... but a person the lead makes neither speak nor act is the headline's topic.
        (
            "Ada Cole has staged a protest against the governor's victory outside the capitol in Springfield.",
            "Governor John Hale: Ada Cole stages protest",
            "protest",
        ),
        # A quoted clause is the speaker's words: it hands no type over from the verb that reports it;
        # quoted words in the reporter's own clause still do (the singer's split above).
        (
            "Lashing out, Senator Ada Cole said the governor\u2019s \u201cmind is shot.\u201d",
            None,
            "statement",
        ),
        ('"The governor endorsed Jeb Hale and Jeb crashed," Ada Cole tweeted on Friday.', None, "statement"),
        # The quotes' speech verbs that say something in public are statements too.
        (
            "Presidential candidate Ada Cole suggests reducing government regulations as a step toward ending poverty.",
            None,
            "statement",
        ),
        (
            "Presidential candidate Ada Cole boasted on Monday that her strategy as governor didn't lose a single life.",
            None,
            "statement",
        ),
        # What a verb of one type is done to names the happening when it names another type ...
        (
            "A Seattle investor has signed a letter of intent to buy the company for $3.1 million.",
            None,
            "business",
        ),
        # ... a thing that names none, or who takes part, leaves the verb its own type.
        ("The two presidents signed an economic cooperation plan on Friday.", None, "diplomacy"),
        ("Gunmen attacked a police station in the north of the country on Tuesday.", None, "conflict"),
        # A party's nomination is won in an election campaign.
        (
            "Donald Hale painted a dire portrait of the nation as he accepted the Republican presidential"
            " nomination on Thursday night.",
            "Hale assails elites as he accepts party nomination",
            "election",
        ),
        # "draw" names a game's result as a noun; the verb draws blueprints, criticism and voters.
        ("Democrats are drawing blueprints for winning over moderate voters in November.", None, "election"),
        ("Rovers and United played to a 1-1 draw on Sunday.", None, "sports"),
    ],
)
def test_the_headline_s_speaker_quoted_clauses_and_speech_verbs_type_the_main_event(text, title, kind):
    event = _main(text, title=title)
    assert event is not None
    assert event.type == kind, event


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "Senator Ada Cole praised the army's offensive on Tuesday, calling it a turning point.",
        "Senator Ada Cole praised the army's offensive on Tuesday.",
    ],
)
def test_a_dated_event_merged_into_the_main_one_takes_the_lead_s_type(text):
    """The dated pass finds the offensive (an attack) and the merge joins it to the lead's statement:
    the main event stays a statement, and the attack's kind goes with the attack's type."""
    dated = [e for e in _events(text) if e.kind == "attack"]
    assert dated and dated[0].type == "conflict"  # the dated pass alone reads an attack
    event = _main(text, title="Cole praises army offensive" if text.endswith("Tuesday.") else None)
    assert event is not None
    assert event.type == "statement", event
    assert event.kind is None, event
    assert event.date == date(2025, 3, 11)


@pytest.mark.slow
def test_a_dated_happening_of_no_listed_type_takes_the_lead_s_type_when_merged():
    """ "stabbed to death": the dated pass reads a death (no listed type); the lead's verb a crime."""
    text = "A teenager was stabbed to death in east London last night, police said."
    assert [e.type for e in _events(text) if e.kind == "death"] == ["other"]
    event = _main(text)
    assert event is not None and event.type == "crime", event


@pytest.mark.slow
def test_the_main_event_has_its_place_and_participants_with_their_spans():
    """The place the lead's clause governs, and the people who act, each pointing at the body."""
    text = "Militants attacked an army base near Gao on Tuesday, the defence minister, Karim Diallo, said."
    event = _main(text)
    assert event.location_name == "Gao"
    assert text[event.location_start : event.location_end] == "Gao"
    assert "Karim Diallo" in event.participant_names
    spans = dict(zip(event.participant_names, event.participant_spans, strict=True))
    start, end = spans["Karim Diallo"]
    assert text[start:end] == "Karim Diallo"


@pytest.mark.slow
def test_a_dateline_places_a_main_event_whose_lead_names_no_place():
    text = "NORDHAVN, Denmark (Nordic Wire) - The city council approved a new harbour budget on Tuesday."
    event = _main(text)
    assert event.location_name in ("Nordhavn", "Denmark")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "city"),
    [
        (
            "ST. LOUIS (AP) \u2014 A man was arrested on Tuesday after a shooting at a gas station.",
            "ST. LOUIS",
        ),
        ("ST. LOUIS \u2014 Police arrested a man on Tuesday after a shooting.", "ST. LOUIS"),
    ],
)
def test_a_dateline_city_the_model_labels_in_part_is_read_as_written(text, city):
    """The small model labels "ST" of "ST. LOUIS" a place: the dateline's city as written stands, named
    as GeoNames spells it."""
    event = _main(text)
    assert event.location_name == "St. Louis"
    assert text[event.location_start : event.location_end] == city


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "BOCA RATON, Fla. (AP) \u2014 Donald Trump told supporters on Sunday that the election was rigged.",
        "BOCA RATON, Fla. \u2014 A man was arrested on Tuesday after a shooting at a gas station.",
    ],
)
def test_a_dateline_city_stands_when_the_model_labels_only_its_state(text):
    """The small model labels "Fla." and not "BOCA RATON": the city as written is the place, and the
    dateline's state is no participant."""
    event = _main(text)
    assert event.location_name == "Boca Raton"
    assert text[event.location_start : event.location_end] == "BOCA RATON"
    assert "Fla." not in event.participant_names


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "Bloomberg reported on Tuesday that the company would cut 500 jobs.",
        "The company will cut 500 jobs, according to Bloomberg.",
        "Political scientist Christopher Wlezien told Bloomberg that the vote would be close.",
    ],
)
def test_an_outlet_the_model_labels_a_place_is_not_the_place(text):
    """The small model labels "Bloomberg" GPE; a name GeoNames does not know that reports, is told or
    is what something is according to is a source, not where the event happened."""
    event = _main(text)
    assert event is not None
    assert event.location_name != "Bloomberg"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "place"),
    [
        (
            "HARTFORD, Conn. (AP) \u2014 The senator from Ohio was arrested on Tuesday after a crash.",
            "HARTFORD",
        ),
        ("The senator from Ohio was arrested on Tuesday in Chicago after a crash.", "Chicago"),
    ],
)
def test_a_place_that_says_who_someone_is_comes_after_the_happenings_place(text, place):
    """ "The senator from Ohio" says who was arrested, not where: the dateline, or the place the
    verb governs, comes first."""
    event = _main(text)
    assert event.location_name == place.title()  # as GeoNames spells the dateline's city


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "city"),
    [
        ("CLEVELAND - Donald Trump accepted the Republican nomination on Thursday night.", "CLEVELAND"),
        ("HARTFORD - Acme Corp announced on Tuesday that it would close its plant.", "HARTFORD"),
    ],
)
def test_a_written_dateline_stands_when_the_model_labels_its_city_no_place(text, city):
    """The small model reads "CLEVELAND - Donald Trump" as one organisation: the dateline's city as
    written still places the report."""
    event = _main(text)
    assert event.location_name == city.title()
    assert text[event.location_start : event.location_end] == city


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "city"),
    [
        ("MOSCOW (AP)_ Russia's parliament on Tuesday approved the budget.", "MOSCOW"),
        ("HARTFORD _ Acme Corp announced on Tuesday that it would close its plant.", "HARTFORD"),
    ],
)
def test_a_wire_dateline_with_an_underscore_for_its_dash_places_the_report(text, city):
    event = _main(text)
    assert event.location_name == city.title()


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("OSLO, Norway (AP) \u2014 The government on Tuesday condemned the attacks in Kenya.", "OSLO"),
        (
            "NICOSIA (AP) \u2014 Cyprus on Tuesday condemned the bomb attacks in Kenya and Tanzania.",
            "NICOSIA",
        ),
        ("OSLO, Norway (AP) \u2014 Bombs exploded in Kenya on Tuesday.", "Kenya"),
        # What a quake, a storm or an attack struck is where it happened, whatever the dateline; what a
        # statement is about is not.
        (
            "RABAT, Morocco (AP) \u2014 A powerful earthquake struck a remote mountain region of central "
            "Morocco late Friday, killing at least 600 people, the Interior Ministry said.",
            "Morocco",
        ),
        (
            "JERUSALEM (AP) \u2014 Israeli airstrikes hit Gaza City overnight, killing 12 people, health "
            "officials said.",
            "Gaza City",
        ),
        ("OSLO, Norway (AP) \u2014 The government on Tuesday criticised Kenya over its new tax law.", "OSLO"),
    ],
)
def test_a_place_of_a_noun_comes_after_the_dateline_a_place_of_the_verb_before(text, place):
    """ "condemned the attacks in Kenya" says where the attacks were; the condemnation comes from the
    dateline. "exploded in Kenya" places the happening itself."""
    event = _main(text)
    assert event.location_name == place.title()


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "place"),
    [
        (
            "A car bomb exploded outside a police station in northern Iraq on Tuesday, killing six people. "
            "The blast in Mosul also wounded 20 others, officials said.",
            "Mosul",
        ),
        (
            "A tornado tore through Oklahoma on Tuesday night, destroying dozens of homes. "
            "Most of the damage was in Tulsa, where two people died.",
            "Tulsa",
        ),
        # Brussels is not in France.
        (
            "Hundreds of thousands of people marched in France on Tuesday against the pension reform. "
            "Smaller marches were held in Brussels and Geneva.",
            "France",
        ),
        # "a surgeon in Milan" says where she works, not where the floods were.
        (
            "Floods swept through towns in Italy on Tuesday, killing four people. "
            "Dr. Anna Rossi, a surgeon in Milan, said the hospitals were full.",
            "Italy",
        ),
    ],
)
def test_a_city_the_lead_names_inside_the_country_or_state_places_the_happening(text, place):
    """The lead names the country or the state first and a city inside it after: the city is where."""
    assert _main(text).location_name == place


@pytest.mark.slow
def test_a_happening_the_model_labels_a_place_is_not_the_place():
    """The small model labels "Game 7 of the World Series" a place; GeoNames does not know it and the
    model reads it as an EVENT where it stands, so the city named after it is the place."""
    text = "The Chicago Cubs beat the Cleveland Indians 8-7 in Game 7 of the World Series on Wednesday night in Cleveland."
    event = _main(text, title="Cubs win")
    assert event.location_name == "Cleveland"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "day"),
    [
        (
            "A meteor streaked across the sky over New England on Tuesday night.\n\nResidents heard a boom.",
            11,
        ),
        ("A tram overturned in south London on Monday, killing seven people.", 10),
        ("The comedian, 47, tweeted Monday that the couple had split.", 10),
    ],
)
def test_a_lead_sentence_the_parser_roots_on_its_subject_is_still_read(text, day):
    """The small model makes "meteor" the root and "streaked" its clause: the sentence still reports."""
    event = _main(text)
    assert event is not None
    assert event.date == date(2025, 3, day), event
    assert text[event.date_start : event.date_end] in ("Tuesday night", "Monday")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "day", "day_text"),
    [
        (
            "The singer is mourning the death of her cousin and calling for an end to gun violence. "
            "The star posted photos of herself with the young man on Instagram on Tuesday.",
            11,
            "Tuesday",
        ),
        (
            "The chipmaker Norvale has raised its bid for its rival Kestrel to about $121 billion. "
            "The new offer will be the company's best and final, according to a statement Monday.",
            10,
            "Monday",
        ),
    ],
)
def test_a_lead_in_the_present_takes_the_day_the_next_sentences_state(text, day, day_text):
    """A lead in the present or the present perfect tells a state or an outcome; the day of the
    happening behind it comes in the next sentence, whoever its subject is."""
    event = _main(text)
    assert event.date == date(2025, 3, day), event
    assert text[event.date_start : event.date_end] == day_text


@pytest.mark.slow
def test_a_lead_in_the_simple_past_keeps_its_day_when_a_later_sentence_dates_another_happening():
    """ "staged a protest" is the happening itself; the Tuesday of the next sentence is the election's."""
    text = (
        "The singer staged a protest outside the tower after the tycoon won the election. "
        "The businessman stunned the world as he took the title on Tuesday morning."
    )
    assert _main(text).date == WEDNESDAY


@pytest.mark.slow
@pytest.mark.parametrize("mark", ['"', "'"])
def test_a_day_inside_quoted_words_does_not_date_a_present_lead(mark):
    """The quoted words are the speaker's ("split over Christmas"), not the report's day."""
    text = (
        "The comedian is taking a break from touring after four years on the road. "
        f"{mark}We decided it on Monday, no drama{mark}, the comedian wrote."
    )
    assert _main(text).date == WEDNESDAY


@pytest.mark.slow
def test_a_lead_in_the_past_tense_without_a_date_takes_the_publication_date_with_lower_confidence():
    """No date in the text: the past tense of the lead lets the publication date stand in, as evidence."""
    text = "A rare pink dolphin was spotted off the coast of Florida by a group of fishermen."
    event = _main(text)
    assert event.date == WEDNESDAY
    assert event.date_confidence < 0.9
    assert "publication date" in event.date_text
    assert event.type == "other"


@pytest.mark.slow
def test_a_lead_announcing_a_plan_without_its_day_is_dated_by_the_announcement_with_low_confidence():
    """ "will open" says nothing about when: the report's day stands in, below a past lead's confidence."""
    event = _main("The carmaker Veltro will open a battery factory in Porto to employ 2,000 people.")
    past = _main("A rare pink dolphin was spotted off the coast of Florida by a group of fishermen.")
    assert event.date == WEDNESDAY
    assert "without its day" in event.date_text
    assert event.date_confidence < past.date_confidence


@pytest.mark.slow
def test_a_statement_about_the_future_is_news_of_the_day_it_was_made():
    event = _main("The bank said the new tax rules will cut its profit by about $5 billion.")
    assert event.date == WEDNESDAY
    assert "without its day" not in event.date_text


@pytest.mark.slow
@pytest.mark.parametrize(
    ("verb", "month", "day"),
    [
        ("announced", "March", date(2025, 3, 1)),
        ("wrote", "March", date(2025, 3, 1)),
        ("announced", "February", date(2025, 2, 1)),
    ],
)
def test_a_month_on_the_main_verb_dates_it_whatever_the_verb(verb, month, day):
    """ "In February the comedian announced ...": the month dates the statement, not the report's day,
    whether or not the verb is a word of the happening's type ("announced" is, "wrote" is not)."""
    event = _main(f"In {month} the comedian {verb} on social media that the couple had split.")
    assert (event.date, event.date_precision) == (day, MONTH)


@pytest.mark.slow
def test_a_planned_event_is_dated_forward():
    event = _main("The city council of Lyon will vote on the new tram budget next Tuesday.")
    assert event.date == date(2025, 3, 18)
    assert event.type == "election"


@pytest.mark.slow
def test_the_headline_picks_the_lead_sentence_and_the_actor_is_kept_as_written():
    """The sentence that restates the headline is the main one; an unnamed subject is the actor."""
    text = (
        "Dozens of firefighters are battling a wildfire in the hills above Valencia.\n\n"
        "The regional government said schools would stay open."
    )
    event = _main(text, title="Firefighters battle wildfire above Valencia")
    assert event.type == "disaster"
    assert event.actor_text == "Dozens of firefighters"
    assert event.location_name == "Valencia"


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n  ",
        "Home | News | Sport | Weather",
        "The talks are set for 31 February.",
        "Officials met on 31 February 2025 in Oslo.",
    ],
)
def test_bad_input_gives_no_main_event_date_and_never_raises(text):
    """No sentences, no verbs or an impossible date: no event or no date, never an exception."""
    event = _main(text)
    assert event is None or event.date != date(2025, 2, 28)
    assert event is None or event.date is None or event.date == WEDNESDAY


@pytest.mark.slow
def test_without_a_publication_date_a_relative_day_stays_undated():
    event = _main("Rescuers pulled three climbers from a crevasse near Zermatt on Tuesday.", published=None)
    assert event is not None
    assert event.date is None


@pytest.mark.slow
def test_the_reported_happening_keeps_its_own_day_not_the_day_it_was_announced():
    """ "Police said on Thursday that a man was arrested on Tuesday": the arrest was on Tuesday."""
    event = _main(
        "Police said on Thursday that a man was arrested in Leeds on Tuesday.", published=date(2025, 3, 14)
    )
    assert event.type == "crime"
    assert event.date == date(2025, 3, 11)


@pytest.mark.slow
def test_the_main_event_called_alone_reads_the_lead_s_time_expressions_as_the_pipeline_does():
    """find_main_event without time expressions finds them over the whole article, as
    extract_article_events gives them: the lead's text alone can end inside one ("Tuesday\nnight",
    the lead cut at the line break)."""
    text = "Police arrested three men in Leeds after a raid on a warehouse on Tuesday\nnight, officers said."
    from newsapi.extraction.main_event import find_main_event
    from newsapi.extraction.nlp import get_nlp

    doc = get_nlp()(text)
    alone = find_main_event(doc, _entities(doc), WEDNESDAY)
    through = _main(text)
    assert (alone.date, alone.date_text) == (through.date, through.date_text)


# --- the event index (event_keys) ----------------------------------------------------------------


@pytest.mark.parametrize(
    "pair",
    [
        (("talks", "Peace talks in Istanbul", "Istanbul"), ("meeting", "Meeting", None)),
        (
            ("call", "Phone call between Vladimir Putin and Donald Trump", None),
            ("call", "Call between Vladimir Putin and Donald Trump", None),
        ),
        (("exchange", "Prisoner exchange", None), ("exchange", "Prisoner swap", None)),
        (
            ("announcement", "Announcement by Sergei Lavrov", None),
            ("announcement", "Announcement by Sergey Lavrov", None),
        ),
    ],
    ids=["family", "title", "synonym", "spelling"],
)
def test_a_stored_event_that_same_event_joins_is_found_under_a_lookup_key(pair):
    (kind_a, title_a, place_a), (kind_b, title_b, place_b) = pair
    new = _event_of(kind_a, date(2025, 6, 2), place_a, title_a)
    stored = _event_of(kind_b, date(2025, 6, 2), place_b, title_b)
    assert same_event(new, stored)
    lookup = set(event_lookup_keys(new.title, new.type, new.kind))
    assert lookup & set(event_keys(stored.title, stored.type, stored.kind))


def test_an_event_of_another_family_with_other_words_shares_no_key():
    new = _event_of("call", date(2025, 5, 19), None, "Phone call between Vladimir Putin and Donald Trump")
    stored = _event_of("election", date(2025, 5, 19), None, "Election")
    assert not set(event_lookup_keys(new.title, new.type, new.kind)) & set(
        event_keys(stored.title, stored.type, stored.kind)
    )


def test_the_event_index_module_loads_without_spacy():
    """The editing services index events in web processes, which never import spaCy."""
    code = "import sys, newsapi.extraction.event_keys; assert 'spacy' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).resolve().parents[2])


def test_the_main_event_type_does_not_depend_on_the_order_of_the_title_words():
    """Title words are a set: a tie between the kinds they vote for ("attack": conflict, "truck":
    accident) must not be broken by the set's iteration order, which changes between processes."""
    from newsapi.extraction.main_event import _event_type
    from newsapi.extraction.nlp import get_nlp

    sent = next(get_nlp()("People stood in the square.").sents)
    predicate = sent.root
    outcomes = {
        _event_type(sent, predicate, None, words) for words in (["attack", "truck"], ["truck", "attack"])
    }
    assert len(outcomes) == 1, outcomes


@pytest.mark.slow
def test_the_agency_a_dateline_credits_takes_no_part_in_the_happening():
    event = _main(
        "GENEVA (Reuters) - Diplomats said on Monday that talks on the ceasefire would resume next week, "
        "officials told reporters."
    )
    assert event.location_name == "Geneva"
    assert "Reuters" not in event.participant_names


@pytest.mark.slow
@pytest.mark.parametrize("dash", ["―", "—", "(AP) —", "-"])
def test_the_dateline_place_is_never_the_actor(dash):
    """The parser often makes a dateline's city the subject of the lead's verb; it filed the report
    and took no part, whatever dash the outlet writes."""
    text = (
        f"WASHINGTON {dash} President Barack Obama made history on Tuesday by nominating the first "
        "Muslim person to the federal judiciary, Abid Qureshi."
    )
    event = _main(text)
    assert event.actor_text != "WASHINGTON"
    assert not {"WASHINGTON", "Washington"} & set(event.participant_names)
    assert event.location_name == "Washington"


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "Donald Trump threatened to run away from the Republican presidential field Monday night in "
        "the final debate before the Iowa caucuses.",
        "The chief executive of the carmaker agreed to step down on Monday after a vote of the board.",
    ],
)
def test_a_day_hung_on_the_predicates_open_complement_dates_the_event(text):
    """ "threatened to run ... Monday night": the parser hangs the day on the nearer verb of one
    predicate."""
    assert _main(text).date == date(2025, 3, 10)


@pytest.mark.slow
def test_a_day_in_quoted_words_is_not_the_day_of_the_statement():
    """The quoted words' Christmas is when the couple split up, by the speaker's account; the news
    came out on Monday."""
    text = (
        "Emma Carter and Michael Sheen have split after almost four years together, blaming long "
        "distance.\n\nThe comedian, 47, shared the news to her Twitter followers on Monday.\n\n"
        "'The great @michaelsheen & I consciously uncoupled over Christmas,' Carter tweeted, "
        "referencing a famous 2014 announcement."
    )
    assert _main(text).date == date(2025, 3, 10)


@pytest.mark.slow
def test_a_planned_happening_is_not_dated_in_a_month_already_over():
    """ "will sue ... over the primary last month": the month is the primary's, not the lawsuit's."""
    text = (
        "The Democratic Party and the campaigns of two candidates will sue the state of Arizona over voter "
        "access to the polls after the state's presidential primary last month left thousands of "
        "residents waiting as long as five hours to vote."
    )
    event = _main(text)
    assert event.date >= WEDNESDAY


@pytest.mark.slow
def test_a_lead_in_the_past_of_be_tells_a_state_and_a_later_day_dates_it():
    """ "The bomb ... was so powerful": no happening of its own, so the day the next sentences give
    stands, as after a lead in the present."""
    text = (
        "The bomb outside the embassy in Tanzania was so powerful that it shook furniture in homes a "
        "mile away. But the solid construction of the embassy may have prevented a higher toll, an "
        "official said Monday."
    )
    assert _main(text).date == date(2025, 3, 10)


@pytest.mark.slow
def test_a_clause_the_parser_hangs_under_a_later_copula_is_still_the_main_clause():
    """The small model roots "went on offense ... on Monday, saying ..., his view is wrong and he is a
    bully" on the last "is": the leading clause, with its day, is the happening."""
    text = (
        "In speech to AIPAC, she attacks rival's foreign policy inexperience.\n\n"
        "Hillary Clinton went on offense against Republican front-runner Donald Trump on Monday, saying "
        'he would abdicate U.S. leadership in the Middle East, his world view is "dangerously wrong" and '
        'he is a "bully" -- all without speaking his name.'
    )
    event = _main(text, title="Clinton: Trump's view of the world is 'dangerously wrong'")
    assert event.date == date(2025, 3, 10), event
    assert text[event.date_start : event.date_end] == "Monday"


@pytest.mark.slow
def test_a_wire_datelines_next_day_dates_the_lead_it_opens():
    """An archive stored the UPI report under the day before its dateline: "said Monday" is the
    dateline's Monday, not the week before's."""
    text = "NEW YORK, March 10 (UPI) \u2014 Officials said Monday that the talks would resume in Geneva."
    assert _main(text, published=date(2025, 3, 9)).date == date(2025, 3, 10)


@pytest.mark.slow
def test_a_wire_datelines_next_day_is_not_the_day_of_the_happening():
    """The dateline's own day says when the report was filed: a day after the publication date, it
    does not date the lead's happening (the publication date stands in, with its lower confidence)."""
    text = (
        "NEW YORK, March 10 (UPI) \u2014 Chelsea Clinton announced she and her husband are expecting a "
        "second child this summer."
    )
    event = _main(text, published=date(2025, 3, 9))
    assert event.date == date(2025, 3, 9)
    assert event.date_text.startswith("publication date")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "The senator earned his fourth win of the night in the state's Democratic caucuses on Tuesday.",
            "election",
        ),
        ("Lewis Hamilton won the race in Monaco on Sunday after starting from pole.", "sports"),
        ("The striker's late goal gave the club its first win of the season on Saturday.", "sports"),
        # "beat" alone is both kinds' verb: a game's place or competition decides
        ("Arsenal beat Tottenham 2-1 at the Emirates Stadium last night.", "sports"),
        ("Rovers beat United 3-0 in the league on Saturday.", "sports"),
        ("The governor beat her rival by nine points in the primary on Tuesday.", "election"),
        # a game's result says so where no word of the lead names a sport
        ("The Eagles beat the Chiefs 40-22 in the Super Bowl in New Orleans on Sunday.", "sports"),
        ("Carlos Alcaraz beat Novak Djokovic 6-2 6-2 7-6 at Wimbledon on Sunday.", "sports"),
        # a count of votes is none
        ("The mayor beat the measure in a 51-49 vote of the council on Tuesday.", "election"),
    ],
)
def test_a_win_or_a_race_is_an_elections_or_a_sports_by_the_words_around_it(text, kind):
    """ "win" and "race" name both kinds of contest, as "victory" does: the words around them decide."""
    assert _main(text).type == kind


@pytest.mark.slow
def test_a_place_that_says_where_the_subject_is_takes_no_part():
    """ "the authorities in the Buffalo, N.Y., area": the state locates the authorities; countries that
    are the subject themselves act."""
    text = (
        "The authorities in the Buffalo, N.Y., area say they have gathered enough evidence in the slaying "
        "of Dr. Barnett Slepian to begin presenting a murder case to a grand jury."
    )
    assert not {"N.Y.", "Buffalo"} & set(_main(text).participant_names)
    joined = "Poland, Hungary and the Czech Republic joined NATO on Friday in a ceremony in Missouri."
    assert {"Poland", "Hungary", "Czech Republic"} <= set(_main(joined).participant_names)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "city"),
    [
        ("DES MOINES, Iowa \u2014 Ted Cruz won the caucus on Monday, officials said.", "Des Moines"),
        ("O'SMACH, Cambodia (AP) \u2014 The commander said Thursday he has sent a team.", "O'Smach"),
    ],
)
def test_a_dateline_city_in_capitals_is_named_in_capitals_and_small_letters(text, city):
    """As GeoNames spells it when it knows the city, else each run of letters capitalised; the span
    stays the dateline's own characters."""
    event = _main(text)
    assert event.location_name == city
    assert text[event.location_start : event.location_end] == city.upper()


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "The top commander of a Cambodian resistance force said Thursday he has sent a team to recover the "
        "remains of a British mine removal expert kidnapped and presumed killed by Khmer Rouge guerrillas "
        "almost two years ago.",
        "The rebel commander said Thursday he has sent a team to recover the remains of an aid worker "
        "kidnapped and killed by guerrillas almost two years ago.",
    ],
)
def test_a_present_perfect_is_not_dated_on_a_day_long_gone(text):
    """ "has sent ... almost two years ago": the present perfect takes no past day long gone, so the
    years-old day is the kidnapping's, wherever the parser hangs it; the report's Thursday dates it."""
    event = _main(text, published=date(1998, 2, 19))
    assert event is not None and event.date == date(1998, 2, 19)


@pytest.mark.slow
def test_a_year_on_a_noun_of_the_main_clause_is_that_nouns_background():
    """ "leaders with ties to the 1960 signing ... are uniting": the year dates the signing, not the
    uniting, which the report's day dates."""
    event = _main(
        "The old lions of the conservative movement, leaders with direct ties to the 1960 signing of the "
        "Sharon Statement, are uniting around the presidential campaign of Sen. Ted Cruz with passionate "
        "endorsements of his candidacy.",
        published=date(2016, 1, 19),
    )
    assert event is not None and (event.date, event.date_precision) == (date(2016, 1, 19), DAY)


@pytest.mark.slow
def test_a_time_noun_that_is_the_clauses_adverbial_dates_it():
    """ "Early one evening in June, ... was reverberating": "evening" is the clause's own time."""
    event = _main(
        "Early one evening in June, River Avenue Skate Park in the Bronx was reverberating with its usual "
        "medley of screeching from the elevated train when a young woman arrived.",
        published=date(2016, 7, 31),
    )
    assert event is not None and (event.date, event.date_precision) == (date(2016, 6, 1), MONTH)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "day", "precision"),
    [
        ("In May, the two presidents signed a treaty.", date(2016, 5, 1), MONTH),
        ("The two presidents signed a treaty last month.", date(2016, 10, 1), MONTH),
        ("Last year, the company cut 2,000 jobs in Europe.", date(2015, 1, 1), "year"),
        ("Voters will elect a new parliament in March.", date(2017, 3, 1), MONTH),
        (
            "President Barack Obama will campaign for Hillary Clinton in December at events in "
            "Pennsylvania, the Democratic nominee's campaign announced Tuesday.",
            date(2016, 12, 1),
            MONTH,
        ),
    ],
)
def test_a_month_or_a_year_on_the_verb_that_names_the_happening_dates_it(text, day, precision):
    """ "In May, the two presidents signed a treaty": the signing was in May, not on the day of the
    report, also where the verb is a word of the happening's type; a plan's month beats the day its
    plan was announced, which is never the plan's day."""
    event = _main(text, published=date(2016, 11, 9))
    assert event is not None and (event.date, event.date_precision) == (day, precision)


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "The two presidents signed a treaty in May, officials said on Tuesday.",
        "The economy created jobs at a surprisingly robust pace in January, the government reported on Tuesday.",
    ],
)
def test_a_past_happenings_month_yields_to_the_day_of_the_report_that_tells_it(text):
    """ "created jobs in January, the government reported on Tuesday": a month is no day; the day the
    news broke, which the sentence states, dates it."""
    event = _main(text, published=date(2016, 11, 9))
    assert event is not None and (event.date, event.date_precision) == (date(2016, 11, 8), DAY)


@pytest.mark.slow
def test_a_present_perfects_month_yields_to_the_day_of_the_happening_behind_it():
    """ "Attacks this month have brought terrorism back ... A poll released Sunday shows": the perfect
    tells an outcome over the month; the next sentence's Sunday dates the happening behind it."""
    event = _main(
        "Attacks in Paris this month have brought the issue of terrorism back to the forefront of the "
        "presidential campaign. A national poll released Sunday by The Washington Post shows Donald Trump "
        "maintaining his lead among Republicans after the attacks.",
        published=date(2015, 11, 23),
    )
    assert event is not None and (event.date, event.date_precision) == (date(2015, 11, 22), DAY)


@pytest.mark.slow
def test_a_statement_is_not_dated_after_its_report():
    """ "Democrats trying to regain the Senate in November say": the parser hangs November on "say",
    but what a report says is said has been said; the report's day dates it."""
    event = _main(
        "Democrats trying to regain control of the Senate in November say they have a powerful new weapon.",
        published=date(2016, 6, 10),
    )
    assert event is not None and event.date == date(2016, 6, 10)


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "Donald Trump is facing attack ads ahead of the May 3 primary in Indiana.",
        "Donald Trump is facing attack ads in Indiana prior to the May 3 primary.",
    ],
)
def test_a_day_that_bounds_the_main_clause_does_not_date_it(text):
    """ "facing attack ads ahead of the May 3 primary": May 3 is the primary's day, a bound of the ads,
    which the report's day dates."""
    event = _main(text, published=date(2016, 4, 24))
    assert event is not None and event.date == date(2016, 4, 24)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "day"),
    [
        (
            "At least 12 people were killed when a gunman opened fire at a school in the Czech capital, "
            "Prague, on Thursday.",
            date(2025, 3, 6),
        ),
        (
            "Four people were killed when a bus overturned on a mountain road on Sunday, police said.",
            date(2025, 3, 9),
        ),
        (
            "A passenger jet flipped over while landing at the city's airport on Monday, injuring 18 people.",
            date(2025, 3, 10),
        ),
        (
            "Lionel Messi scored twice as Inter Miami beat Nashville 3-1 in the Leagues Cup final in Nashville on "
            "Saturday.",
            date(2025, 3, 8),
        ),
        # The clause tells the time of the whole coordination, though the parser hangs it on the last verb.
        (
            "Two people were killed and 14 injured when a gunman opened fire at a shopping mall in the city "
            "of Hat Yai on Saturday, police said.",
            date(2025, 3, 8),
        ),
        # A plan's "when" clause may name a span: the statement's day stands.
        (
            "The mayor will meet the marchers when they reach the city later this month, her office said on "
            "Wednesday.",
            date(2025, 3, 12),
        ),
    ],
)
def test_a_when_clause_after_a_past_happening_dates_it(text, day):
    event = _main(text)
    assert event is not None and event.date == day, event


@pytest.mark.slow
def test_a_lead_whose_closing_appositive_the_model_reads_as_the_sentence_is_still_the_lead():
    """ "The militia released ... on Sunday in exchange for ..., the latest swap under the Gaza ceasefire
    deal": the model makes "deal" the root and the opening clause its complement; the clause is the news."""
    event = _main(
        "The militia released two Red Cross workers on Sunday in exchange for 40 prisoners, "
        "the latest swap under the Gaza ceasefire deal."
    )
    assert event is not None and event.date == date(2025, 3, 9), event
    # A heading's relative clause is no report, nor is a list after a colon.
    assert _main("Mystery of the boy who fell down a well on Saturday") is None


@pytest.mark.slow
def test_the_by_of_a_passive_is_no_bound_on_the_day_it_holds():
    """ "was hit by a series of explosions early on Tuesday": "by" names what hit it, not a deadline."""
    event = _main("The port city was hit by a series of explosions early on Tuesday, state media reported.")
    assert event is not None and event.date == date(2025, 3, 11)


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "Harbor Capital, a partnership of two Canadian investment firms, extended to April 20 its "
        "$45-a-share offer for all Crunchly Inc. shares outstanding.",
        "The city council will postpone the budget vote to April 20, the mayor's office said.",
        "A federal judge set a deadline of March 10 for the filing of new evidence in the fraud case.",
        "A federal judge set March 10 as the deadline for new evidence in the fraud case.",
    ],
)
def test_a_deadline_does_not_date_the_main_happening(text):
    """ "extended to April 20 its offer": April 20 is the offer's new deadline, not the day of the
    extension, which the report's day dates; so does a deadline set ("a deadline of March 10")."""
    event = _main(text)
    assert event is not None and event.date == WEDNESDAY, event
    assert event.date_text.startswith("publication date")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "day", "date_text"),
    [
        ("The company, founded in 1998, filed for bankruptcy on Tuesday.", date(2025, 3, 11), "Tuesday"),
        ("The company, founded in 1998, filed for bankruptcy.", WEDNESDAY, None),
        ("Jones, the winner of Sunday's race, crashed.", WEDNESDAY, None),
        # A clause on a noun that names the happening again still dates it, and a dateline the parser
        # hangs the subject on as an appositive takes nothing from it.
        ("The suspect, who was arrested on Tuesday, appeared in court.", date(2025, 3, 11), "Tuesday"),
        (
            "RANGOON, Burma - Suu Kyi's allies on Monday predicted an overwhelming victory in the elections.",
            date(2025, 3, 10),
            "Monday",
        ),
    ],
)
def test_a_date_in_a_clause_or_an_appositive_on_a_noun_does_not_date_the_main_happening(text, day, date_text):
    """ "The company, founded in 1998, filed": 1998 is the company's founding, the filing's day is the
    report's; "the winner of Sunday's race" tells who Jones is, not when he crashed."""
    event = _main(text)
    assert event is not None and event.date == day, event
    assert event.date_text == date_text if date_text else event.date_text.startswith("publication date")


@pytest.mark.slow
def test_the_report_s_weekday_dates_a_happening_that_moves_a_date():
    """ "on Monday pushed back the talks to March 20": Monday is the day of the moving."""
    event = _main("Negotiators on Monday pushed back the talks to March 20 after a dispute over the agenda.")
    assert event is not None and (event.date, event.date_text) == (date(2025, 3, 10), "Monday")


@pytest.mark.slow
def test_a_passive_speech_verb_is_not_a_statement_of_its_subject():
    """ "Clinton was declared the winner in the primaries": what was said of her, typed by the words
    around it, not a statement she made."""
    event = _main(
        "Hillary Clinton was declared the winner in the Pennsylvania, Maryland and Delaware primaries by "
        "news organizations early Tuesday night."
    )
    assert event is not None and event.type == "election"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "place"),
    [
        (
            "Wisconsin Gov. Scott Walker will speak at the Republican convention in Cleveland on Thursday.",
            "Wisconsin",
        ),
        (
            "Sen. Marco Rubio (R-Fla.) said on Tuesday that he is not interested in being vice president.",
            "Fla.",
        ),
        ("France's Marine Le Pen backed Donald Trump on Tuesday and denounced Hillary Clinton.", "France"),
    ],
)
def test_a_place_that_says_who_the_subject_is_takes_no_part(text, place):
    """ "Wisconsin Gov. Scott Walker": the state says who the governor is; he takes part, it does not."""
    event = _main(text)
    assert event is not None and place not in event.participant_names
    assert event.participant_names


@pytest.mark.slow
def test_a_passive_in_the_past_is_not_dated_after_its_report():
    """ "Clinton was declared the winner ...": a past passive is the past, so a later sentence's planned
    "May 10 primary" cannot date it."""
    event = _main(
        "Hillary Clinton was declared the winner in the Pennsylvania, Maryland and Delaware primaries by "
        "news organizations early Tuesday night. Shortly after Clinton was declared the winner in "
        "Maryland, Bernie Sanders told a cheering crowd in West Virginia that he expects to win that "
        "state's May 10 primary.",
        published=date(2016, 4, 27),
    )
    assert event is not None and event.date == date(2016, 4, 26)


@pytest.mark.slow
def test_a_press_conference_is_a_statement_not_a_meeting_of_parties():
    """ "a news conference on Tuesday": something said in public (statement), where "a meeting on
    Tuesday" between two leaders is diplomacy."""
    events = _events(
        "Senator John Smith held a news conference on Tuesday in Washington. "
        "Chancellor Olaf Berg and President Ana Ruiz will hold a meeting on Friday in Berlin."
    )
    by_title = {e.title.split()[0]: e for e in events}
    assert by_title["News"].type == "statement"
    # An announcement's kind, not a meeting's: it is titled by who gave it, and it never matches a
    # meeting of parties on the same day in another report.
    assert by_title["News"].kind == "announcement"
    assert by_title["News"].title == "News conference by John Smith"
    assert by_title["Meeting"].type == "diplomacy"


@pytest.mark.slow
def test_the_medium_an_article_is_in_is_no_place_of_the_main_event():
    """ "according to a new article in Politico": an organisation after "in" is a place where it stands
    ("in the Pentagon"), but not a medium a piece appeared in."""
    event = _main(
        "Vigo County, Indiana, has picked the winner of every presidential election since 1956, according "
        "to a new article in Politico. Politico reveals a few facts. As Politico reported, the voters like "
        "Trump."
    )
    assert event is not None and event.location_name == "Vigo County", event


def test_a_headline_contraction_with_a_curly_apostrophe_is_one_word():
    """ "Won’t" is "won't", not the past of "win" that would vote for a contest; a possessive's curly
    "’s" still leaves the name alone ("Clinton’s" -> "clinton")."""
    from newsapi.extraction.main_event import _headline_words

    words = _headline_words("Sanders Won’t Quit, Clinton’s Aides Say")
    assert "won't" in words and "won" not in words
    assert "clinton" in words


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "BuzzFeed denied the report on Monday, saying this year will meet expectations.",
        "The agency said it has not met the goal this month.",
        "On Feb. 22, a basketball team from Perry High was met with chants of Trump.",
    ],
)
def test_meet_without_a_party_is_no_meeting(text):
    """ "meet expectations", "met the goal": what is satisfied is no party to a meeting; "was met with
    chants" says how something was received. None of them is a meeting."""
    assert [e for e in _events(text, date(2016, 4, 18)) if e.kind == "meeting"] == []


@pytest.mark.slow
def test_meet_with_a_party_is_still_a_meeting():
    for text in ("Trump met with Ryan on Monday.", "Obama met his French counterpart on Monday."):
        events = _events(text, date(2016, 6, 8))
        assert [(e.kind, e.date) for e in events] == [("meeting", date(2016, 6, 6))], text


@pytest.mark.slow
def test_a_trigger_for_a_class_of_happenings_is_no_event():
    """ "every election between 1968 and 1988" names no one election, and 1968 dates none."""
    text = "Voters delivered Republicans the White House in every election between 1968 and 1988."
    assert _events(text, date(2016, 7, 18)) == []


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # A month without a year, in the past tense: the last one before the report, not the next.
        (
            "Justice Antonin Scalia, who died in February, was a conservative.",
            date(2016, 12, 1),
            date(2016, 2, 1),
        ),
        # A weekday on a verb in the future: the next one, not the last.
        ("The Senate will vote on the measures on Monday.", date(2016, 6, 16), date(2016, 6, 20)),
        # A past form in a condition is no past: the next Nov. 8.
        ("Ties would fare well if he won the election on Nov. 8.", date(2016, 5, 16), date(2016, 11, 8)),
    ],
)
def test_a_date_without_a_year_is_read_in_the_tense_of_its_verb(text, published, expected):
    events = _events(text, published)
    assert [e.date for e in events] == [expected], events


@pytest.mark.slow
def test_an_event_is_dated_as_the_extracted_date_of_its_words():
    """An event's date is the value the time-expression component gave the same words, never a second
    reading of their tense: "vote ... on Tuesday", told in a schedule's present on a Monday, is the next
    day both in the article's extracted dates and in the election it dates."""
    from newsapi.extraction.pipeline import extract_article

    text = "Democrats vote in Arizona, Idaho and Utah on Tuesday, with 131 delegates at stake.\n\nPolls open early."
    extraction = extract_article(text, published_hint=date(2016, 3, 21))  # a Monday
    extracted = {(t.start, t.end): t.value for t in extraction.extracted_dates}
    dated = [e for e in extraction.events if (e.date_start, e.date_end) in extracted]
    assert dated, extraction.events
    assert [(e.date.isoformat(), e.date_precision) for e in dated] == [
        (extracted[(e.date_start, e.date_end)], DAY) for e in dated
    ]
    assert {e.date for e in dated} == {date(2016, 3, 22)}


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    ["Sign up for our newsletter on September 1, 2016.", "Thousands signed up for the program on Monday."],
)
def test_a_trigger_verb_with_a_particle_is_another_verb(text):
    """ "sign up" enrols, it signs no agreement."""
    assert [e for e in _events(text, date(2016, 8, 31)) if e.kind == "agreement"] == []


@pytest.mark.slow
def test_a_phrasal_verb_that_still_reports_the_event_is_kept():
    events = _events("The plane was shot down on Monday.", date(2016, 8, 31))
    assert [(e.kind, e.date) for e in events] == [("attack", date(2016, 8, 29))]


@pytest.mark.slow
def test_a_word_the_parser_takes_for_a_particle_leaves_the_trigger():
    events = _events(
        "The plane, which crashed en route from Paris to Cairo on Thursday, was found.", date(2016, 5, 19)
    )
    assert [e.date for e in events] == [date(2016, 5, 19)]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # The date's noun is the subject of a future told from the past: the next Tuesday.
        ("He said Tuesday's vote would be close.", date(2016, 5, 6), date(2016, 5, 10)),
        # A bound ahead of a present clause: the vote is still to come.
        ("Lawmakers meet ahead of Tuesday's vote.", date(2016, 5, 6), date(2016, 5, 10)),
        ("Tuesday's vote was close.", date(2016, 5, 6), date(2016, 5, 3)),
        # A past verb whose object is the noun says nothing of the noun's time: this November, as
        # any month without a year.
        (
            "Cross called November's general election a citizenship election.",
            date(2016, 8, 17),
            date(2016, 11, 1),
        ),
    ],
)
def test_a_date_in_the_possessive_is_read_as_the_time_expression_component_reads_it(
    text, published, expected
):
    """ "Tuesday's vote": the noun's own day, ahead when the clause the noun sits in puts it ahead."""
    events = _events(text, published)
    assert [e.date for e in events] == [expected], events


@pytest.mark.slow
def test_a_meeting_someone_has_been_invited_to_is_ahead():
    """ "Ryan has invited Trump to meet in Washington on Thursday morning" (written on a Friday): the
    meeting is the next Thursday's, as the time-expression component reads it."""
    text = (
        "Speaker Ryan has invited Donald Trump to meet with the leadership in Washington on Thursday morning."
    )
    events = _events(text, date(2016, 5, 6))
    assert [e.date for e in events] == [date(2016, 5, 12)], events


def test_a_work_or_a_product_takes_no_part_in_the_main_event():
    main = _main(
        'The director and stars of "Star Trek" revealed details of the episode on Tuesday in London.',
        title="Star Trek director reveals details",
    )
    assert main is not None
    assert "Star Trek" not in main.participant_names


@pytest.mark.parametrize(
    ("text", "title", "sport"),
    [
        (
            "Hillary Clinton on Friday unleashed a dream team of Democratic stars to win the race.",
            "Clinton unleashes Democratic dream team",
            False,
        ),
        (
            "Tax overhaul remains a distant goal for Republicans after the vote on Tuesday.",
            "Tax overhaul remains a distant goal",
            False,
        ),
        (
            "Manchester United beat Chelsea 2-1 in a Premier League match at Old Trafford on Sunday.",
            "Manchester United beat Chelsea",
            True,
        ),
    ],
)
def test_a_sport_only_where_a_word_names_one(text, title, sport):
    from newsapi.extraction.lexicon import SPORTS

    main = _main(text, title=title)
    assert main is not None
    assert (main.type == SPORTS) is sport


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "day", "place"),
    [
        (
            "The central bank cut interest rates by half a percentage point on Tuesday, its first reduction "
            "in four years, the governor told reporters.",
            date(2025, 3, 11),
            None,
        ),
        (
            "The two countries exchanged prisoners in Ankara on Monday, freeing a jailed reporter, "
            "officials said.",
            date(2025, 3, 10),
            "Ankara",
        ),
    ],
)
def test_a_clause_the_attribution_follows_is_the_leads_happening(text, day, place):
    """A wire lead puts the news first and who says so after it: the clause's own day and place are
    the main event's, though no word of it is an event word (before: the publication date, no place)."""
    event = _main(text)
    assert event.date == day
    assert event.date_text in ("Tuesday", "Monday")
    assert event.location_name == place


@pytest.mark.slow
def test_a_happening_of_no_listed_kind_before_the_attribution_is_other_not_a_statement():
    """As when the news verb comes first ("said the boy has been found"): what is reported done is the
    news, of no listed kind; the statement reporting it is not the event's type."""
    event = _main("The actor, who played Batman, has died at the age of 65, his daughter said on Tuesday.")
    assert (event.type, event.date) == ("other", date(2025, 3, 11))


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "The economy is strong on Tuesday, the governor told reporters.",
        "\u201cWe cut rates on Tuesday,\u201d the governor told reporters.",
        "The bank will cut rates on Tuesday, the governor told reporters.",
    ],
)
def test_a_state_a_quote_or_a_plan_before_the_attribution_leaves_the_statement_the_news(text):
    """Only something done, told in the reporter's words, takes over from the reporting verb: the
    statement stays the main event, dated by the report."""
    assert _main(text).type == "statement"


@pytest.mark.slow
def test_a_happening_a_news_verb_tells_is_dated_by_its_own_clause():
    """ "Police said a man died on Tuesday": no event word, so the statement tells the news, and the
    day is the death's (before: the publication date, the statement's undated verb)."""
    event = _main(
        "Police said a 34-year-old man died on Monday after falling from a bridge in central Leeds."
    )
    assert (event.date, event.date_text) == (date(2025, 3, 10), "Monday")


@pytest.mark.slow
def test_a_wire_datelines_lead_is_typed_and_dated_by_its_own_verb():
    """ "VALENCIA, Spain (AP) \u2014 Flash floods swept ...": the dateline is no part of the lead's parse
    (before: the statement of Wednesday, the floods a clause of the place)."""
    event = _main(
        "VALENCIA, Spain (AP) \u2014 Flash floods swept through towns around Valencia on Tuesday, sweeping away "
        "cars and leaving at least 51 dead, regional authorities said Wednesday."
    )
    assert (event.type, event.date, event.location_name) == ("disaster", date(2025, 3, 11), "Valencia")


@pytest.mark.slow
def test_a_four_word_sentence_after_a_dateline_is_the_lead():
    event = _main(
        "WASHINGTON \u2014 Something rare happened Monday. The Senate let a judicial nominee get a vote, the "
        "first in two months, and he was confirmed 92 to 0 by the chamber."
    )
    assert (event.date, event.date_text) == (date(2025, 3, 10), "Monday")


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "In a statement released on Monday, the defence ministry said troops had killed 20 militants.",
        "The ministry said in a letter published Monday that troops had killed 20 militants.",
    ],
)
def test_the_day_a_statement_was_released_dates_what_it_reports(text):
    """As "said on Monday" does (before: the publication date, the day hung on the statement's noun)."""
    event = _main(text)
    assert (event.date, event.date_text) == (date(2025, 3, 10), "Monday")


@pytest.mark.slow
def test_two_named_parties_speaking_by_phone_is_a_call():
    """As "a phone call" and "spoke with Macron" are; a source speaking to the reporter by phone is not."""
    events = _events(
        "Russian President Vladimir Putin and U.S. President Donald Trump spoke by phone on May 19."
    )
    call = _event(events, date(2025, 5, 19), "call")
    assert call.type == "diplomacy"
    assert set(call.participant_names) >= {"Vladimir Putin", "Donald Trump"}
    source = _events("The official, who spoke by phone on May 19, asked not to be named.")
    assert [e for e in source if e.kind == "call"] == []


@pytest.mark.slow
def test_every_name_of_a_coordinated_subject_or_object_takes_part():
    """ "Arafat and Albright met", "signed by Kuchma and Yeltsin": a conjoined name is one more party
    of the same clause, not a clause of its own (before: the first name only)."""
    events = _events(
        "Yasser Arafat and Madeleine Albright met in London on May 4 for talks on the peace process."
    )
    meeting = _event(events, date(2025, 5, 4), "meeting", "talks")
    assert {"Yasser Arafat", "Madeleine Albright"} <= set(meeting.participant_names)


@pytest.mark.slow
def test_a_day_on_the_happenings_verb_outranks_a_holiday_naming_a_kind_of_thing():
    """ "opened fire at a Christmas market ... on Friday evening": the market is a kind of market, the
    shooting took place on the Friday."""
    event = _main(
        "A gunman opened fire at a Christmas market in the eastern German city of Magdeburg on Friday "
        "evening, killing two people and injuring more than 60, local authorities said."
    )
    assert event is not None
    assert event.date == date(2025, 3, 7)


@pytest.mark.slow
def test_a_happening_told_in_the_passive_past_is_the_news_a_statement_reports():
    """ "The Nobel Prize ... was awarded on Wednesday to ..., the Academy said": the award, on its
    Wednesday, not the saying on the publication date."""
    event = _main(
        "The 2024 Nobel Prize in Chemistry was awarded on Monday to David Baker, Demis Hassabis and John "
        "Jumper for their work on protein structures, the Royal Swedish Academy of Sciences said."
    )
    assert event is not None
    assert event.date == date(2025, 3, 10)
    assert "David Baker" in event.participant_names


@pytest.mark.slow
def test_what_an_investment_is_in_is_no_place_of_the_happening():
    """ "an investigation into Microsoft's investment in OpenAI": the dateline places it, not OpenAI."""
    event = _main(
        "LONDON, March 11 (Reuters) - Britain's competition regulator said on Tuesday it had opened an "
        "investigation into Microsoft's $13 billion investment in OpenAI, the maker of ChatGPT."
    )
    assert event is not None
    assert event.location_name == "London"


@pytest.mark.slow
def test_a_partys_name_is_an_organisation_and_no_place_of_the_happening():
    """ "a landslide victory for the ruling Morena party": the model labels the party's name a place."""
    from newsapi.extraction.nlp import get_nlp

    text = (
        "Mexican voters elected Claudia Sheinbaum as the country's first female president on Sunday, "
        "according to preliminary results, a landslide victory for the ruling Morena party."
    )
    assert {e.name: e.type for e in _entities(get_nlp()(text))}["Morena"] == ORGANIZATION
    event = _main(text)
    assert event is not None
    assert event.location_name != "Morena"


@pytest.mark.slow
def test_a_word_of_a_title_or_of_the_governing_body_is_no_happening():
    """ "the ruling party chose former defence minister Shigeru Ishiba": neither the court's "ruling" nor
    the "defence" of a minister's title types the news, in the sentence or in the headline."""
    event = _main(
        "Japan's ruling Liberal Democratic Party chose former defence minister Shigeru Ishiba as its new "
        "leader on Friday, setting him up to become the country's next prime minister.",
        title="Japan's ruling party picks Ishiba as leader, set to become PM",
    )
    assert event is not None
    assert event.type != "court"


@pytest.mark.slow
def test_a_verdict_found_or_pleaded_is_a_courts_happening():
    """ "was found guilty on all counts Tuesday": "find" alone names nothing; its verdict does."""
    event = _main(
        "MIAMI (AP) — A man accused of trying to assassinate Donald Trump at his Florida golf course was "
        "found guilty on all counts Tuesday, jurors decided after deliberating for about two hours."
    )
    assert event is not None
    assert event.type == "court"
    assert event.date == date(2025, 3, 11)


@pytest.mark.slow
def test_a_vehicle_naming_a_kind_of_something_else_is_no_accident():
    """ "separating its commercial vehicles business", "raise bus fares": a vehicle is an accident's
    word where it acts ("the bus plunged"), not where it names a kind of business or fare."""
    event = _main(
        "India's Tata Motors said on Monday it would split into two listed companies, separating its "
        "commercial vehicles business from its passenger vehicle and electric vehicle units."
    )
    assert event is not None
    assert event.type != "accident"
    event = _main("A bus carrying 40 pilgrims plunged into a gorge in northern India on Monday, police said.")
    assert event is not None
    assert event.type == "accident"


@pytest.mark.slow
def test_a_time_of_day_before_or_after_dates_the_happening_and_officials_in_a_place_act_there():
    """ "struck ... before dawn on Monday": Monday, not a bound ("before the Friday deadline" is one).
    "Federal prosecutors in Manhattan charged ...": Manhattan, where the actors are, not a place of
    the clause told as a day before."""
    event = _main(
        "A 7.8-magnitude earthquake struck southern Turkey and northern Syria before dawn on Monday, "
        "toppling thousands of buildings, authorities in both countries said."
    )
    assert event is not None
    assert event.date == date(2025, 3, 10)
    event = _main(
        "Federal prosecutors in Manhattan charged Sam Bankman-Fried, the founder of the cryptocurrency "
        "exchange FTX, with fraud on Tuesday, a day after he was arrested in the Bahamas."
    )
    assert event is not None
    assert event.location_name == "Manhattan"


@pytest.mark.slow
def test_striking_workers_are_a_protests_not_a_conflicts():
    """ "Striking dockworkers ... returned to work": the participle before the people who strike is a
    walkout's word; a missile strike stays a conflict's."""
    event = _main(
        "Striking dockworkers at ports from Maine to Texas returned to work on Friday after their union "
        "reached a tentative deal with employers on wages."
    )
    assert event is not None
    assert event.type == "protest"
    event = _main("Russian forces were striking targets across eastern Ukraine on Monday, officials said.")
    assert event is not None
    assert event.type == "conflict"


@pytest.mark.slow
def test_a_march_through_a_city_happens_there():
    """ "marched through central Belgrade on Saturday ..., in one of the largest demonstrations in Serbia":
    the city marched through is the place, not a city the next sentence names in the same country."""
    event = _main(
        "Tens of thousands of people marched through central Belgrade on Saturday to protest against "
        "corruption, in one of the largest demonstrations in Serbia in decades.\n\nStudents who have led "
        "the protests since a railway station canopy collapsed in Novi Sad in November said they would keep "
        "up the pressure."
    )
    assert event is not None
    assert event.location_name == "Belgrade"


@pytest.mark.slow
def test_a_place_in_a_clause_told_before_or_after_the_happening_yields_to_the_dateline():
    """ "died on Monday, ..., a day after he appeared on St. Peter's Square": the square is where the day
    before happened; the dateline places the news. A "when" clause's place is the happening's own."""
    event = _main(
        "VATICAN CITY (AP) — Pope Francis died on Monday at the age of 88, the Vatican said, a day after he "
        "appeared on St. Peter's Square to bless the crowds."
    )
    assert event is not None and event.location_name == "Vatican City", event
    event = _main("ROME (AP) — Two people died when a fire broke out at a hotel in Milan on Friday.")
    assert event is not None and event.location_name == "Milan", event
