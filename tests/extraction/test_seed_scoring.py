"""Tests of the seed scorers on small hand-made inputs, and of the gold file's shape.

Pure Python: run with ``pytest -p no:django``.
"""

from __future__ import annotations

import copy
from datetime import date
from pathlib import Path

import pytest

from benchmarks.seed_scoring import (
    GOLD_PATH,
    Score,
    dates_agree,
    load_gold,
    normalise_name,
    pairwise_f1,
    score_corpus,
    score_dates,
    score_entities,
    score_events,
    score_quotes,
    speaker_matches,
)

SEEDS_DIR = Path(__file__).resolve().parents[2] / "seeds"
GOLD = load_gold()


def _article(**fields):
    base = {"entities": [], "quotes": [], "indirect_quotes": [], "events": []}
    base.update(fields)
    return base


LAVROV = {"name": "Sergei Lavrov", "type": "person", "aliases": ["Sergey Lavrov", "Lavrov"], "role": None}
TRUMP = {"name": "Donald Trump", "type": "person", "aliases": ["Trump"], "role": None}
ISTANBUL = {"name": "Istanbul", "type": "location", "aliases": [], "role": None}
TURKIYE = {"name": "Türkiye", "type": "location", "aliases": ["Turkey"], "role": None}
KREMLIN = {"name": "Kremlin", "type": "organization", "aliases": [], "role": None}

SMALL_GOLD = _article(
    entities=[LAVROV, TRUMP, ISTANBUL, TURKIYE, KREMLIN],
    quotes=[
        {
            "text": "We hope that all those sincerely interested will support the talks,",
            "speaker": "Sergei Lavrov",
        },
        {"text": "I can't tell you that.", "speaker": "Donald Trump", "partial": False},
        {"text": "He doesn't actually want the war to end,", "speaker": "a senior Ukrainian official"},
    ],
    events=[
        {
            "type": "talks",
            "date": "2025-06-02",
            "precision": "day",
            "location": "Istanbul",
            "participants": [],
        },
        {"type": "call", "date": "2025-05-19", "precision": "day", "location": None, "participants": []},
        {
            "type": "exchange",
            "date": "2025-05-01",
            "precision": "month",
            "location": None,
            "participants": [],
        },
    ],
)


# --- Score ------------------------------------------------------------------------


def test_score_computes_precision_recall_and_f1_from_counts():
    """2 right, 1 wrong, 2 missed: P=2/3, R=1/2, F1=4/7."""
    score = Score(tp=2, fp=1, fn=2)
    assert score.precision == pytest.approx(2 / 3)
    assert score.recall == pytest.approx(1 / 2)
    assert score.f1 == pytest.approx(4 / 7)


def test_score_of_nothing_against_nothing_is_perfect_and_nothing_found_is_zero():
    """Empty denominators: vacuous precision/recall are 1.0, but missing everything has F1 0."""
    assert Score(0, 0, 0).f1 == 1.0
    assert Score(0, 0, 3).precision == 1.0
    assert Score(0, 0, 3).f1 == 0.0


# --- names ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("surface", "key"),
    [
        ("The Kremlin’s", "kremlin"),
        ("Putin's", "putin"),
        ("U.S.", "us"),
        ("Türkiye", "turkiye"),
        ("President Trump", "trump"),
        ("President", "president"),
    ],
)
def test_normalise_name_folds_case_diacritics_possessives_and_titles(surface, key):
    """Surface forms reduce to one comparable key."""
    assert normalise_name(surface) == key


# --- entities ---------------------------------------------------------------------


def test_entities_identical_to_gold_score_one():
    """Predicting the gold itself is a perfect score."""
    assert score_entities(SMALL_GOLD, SMALL_GOLD).f1 == 1.0
    assert score_entities(SMALL_GOLD, SMALL_GOLD, match_type=True).f1 == 1.0


def test_entities_match_through_aliases_on_either_side():
    """ "Sergey Lavrov" and "Turkey" find the gold through its aliases; "the Kremlin" through normalisation."""
    predicted = _article(
        entities=[
            {"name": "Sergey Lavrov", "type": "person", "aliases": []},
            {"name": "Turkey", "type": "location", "aliases": []},
            {"name": "the Kremlin", "type": "organization", "aliases": []},
            {"name": "Trump", "type": "person", "aliases": ["Donald Trump"]},
            {"name": "Istanbul", "type": "location", "aliases": []},
        ]
    )
    assert score_entities(SMALL_GOLD, predicted) == Score(tp=5, fp=0, fn=0)


def test_a_missed_entity_lowers_recall_only():
    """Dropping one of five gold entities leaves precision 1.0 and recall 0.8."""
    predicted = _article(entities=SMALL_GOLD["entities"][:4])
    score = score_entities(SMALL_GOLD, predicted)
    assert (score.precision, score.recall) == (1.0, 0.8)


def test_a_wrong_type_counts_only_when_types_are_scored():
    """Kremlin typed as a location matches on name but not on name and type."""
    predicted = _article(entities=[{"name": "Kremlin", "type": "location", "aliases": []}])
    assert score_entities(SMALL_GOLD, predicted).tp == 1
    assert score_entities(SMALL_GOLD, predicted, match_type=True) == Score(tp=0, fp=1, fn=5)


def test_duplicate_predictions_of_one_entity_are_false_positives():
    """Matching is one-to-one: "Lavrov" and "Sergei Lavrov" as two entities give one hit and one miss."""
    predicted = _article(
        entities=[
            {"name": "Lavrov", "type": "person", "aliases": []},
            {"name": "Sergei Lavrov", "type": "person", "aliases": []},
        ]
    )
    assert score_entities(SMALL_GOLD, predicted) == Score(tp=1, fp=1, fn=4)


def test_predictions_typed_other_are_not_scored():
    """The gold annotates only people, organisations and places."""
    predicted = _article(
        entities=[*SMALL_GOLD["entities"], {"name": "World War II", "type": "other", "aliases": []}]
    )
    assert score_entities(SMALL_GOLD, predicted).f1 == 1.0


# --- quotes -----------------------------------------------------------------------


def test_quotes_identical_to_gold_score_one_with_all_speakers_right():
    """Perfect quotes: F1 1.0 and speaker share 1.0."""
    score, speaker_share = score_quotes(SMALL_GOLD, SMALL_GOLD)
    assert score.f1 == 1.0
    assert speaker_share == 1.0


def test_quotes_match_on_half_the_shorter_quotes_tokens_across_quote_styles():
    """A shorter span with curly apostrophes still finds the gold quote."""
    predicted = _article(
        quotes=[{"text": "I can’t tell you", "speaker": "Trump"}],
        entities=[{"name": "Trump", "type": "person", "aliases": []}],
    )
    score, speaker_share = score_quotes(SMALL_GOLD, predicted)
    assert score == Score(tp=1, fp=0, fn=2)
    assert speaker_share == 1.0


def test_quotes_below_the_overlap_threshold_do_not_match():
    """One shared word in four is not the same quote."""
    predicted = _article(quotes=[{"text": "we want peace now", "speaker": "Sergei Lavrov"}])
    # "want" is shared with the official's quote: 1 of 4 tokens < 50%.
    assert score_quotes(SMALL_GOLD, predicted)[0].tp == 0


def test_a_missed_quote_lowers_recall():
    """Two of three gold quotes found: recall 2/3, precision 1."""
    predicted = _article(entities=SMALL_GOLD["entities"], quotes=SMALL_GOLD["quotes"][:2])
    score, _ = score_quotes(SMALL_GOLD, predicted)
    assert (score.precision, score.recall) == (1.0, pytest.approx(2 / 3))


def test_a_wrong_speaker_lowers_the_speaker_share_but_not_the_quote_score():
    """Giving Lavrov's quote to Trump: still found, speaker share 2/3."""
    predicted = copy.deepcopy(SMALL_GOLD)
    predicted["quotes"][0]["speaker"] = "Donald Trump"
    score, speaker_share = score_quotes(SMALL_GOLD, predicted)
    assert score.f1 == 1.0
    assert speaker_share == pytest.approx(2 / 3)


def test_speakers_match_by_alias_and_descriptions_by_word_overlap():
    """Aliases resolve named speakers; "the official" fits "a senior Ukrainian official", "they" does not."""
    entities = SMALL_GOLD["entities"]
    assert speaker_matches("Sergei Lavrov", "Lavrov", entities)
    assert speaker_matches("Sergei Lavrov", "Sergey Lavrov", entities)
    assert not speaker_matches("Sergei Lavrov", "Donald Trump", entities)
    assert speaker_matches("a senior Ukrainian official", "the official", entities)
    assert not speaker_matches("a senior Ukrainian official", "they", entities)
    assert not speaker_matches("Sergei Lavrov", None, entities)


def test_indirect_quotes_are_scored_with_the_same_rules():
    """``key="indirect_quotes"`` compares reported speech."""
    gold = _article(
        entities=[LAVROV],
        indirect_quotes=[{"text": "Russia would present specific proposals", "speaker": "Sergei Lavrov"}],
    )
    predicted = _article(
        indirect_quotes=[
            {"text": 'Russia would present "specific proposals" during the meeting', "speaker": "Lavrov"}
        ]
    )
    score, speaker_share = score_quotes(gold, predicted, key="indirect_quotes")
    assert (score.f1, speaker_share) == (1.0, 1.0)


# --- events -----------------------------------------------------------------------


def test_events_identical_to_gold_score_one():
    """Every event found, every place right."""
    result = score_events(SMALL_GOLD, SMALL_GOLD)
    assert result.found.f1 == 1.0
    assert result.right_date_and_place_share == 1.0


def test_an_event_is_found_by_date_and_compatible_type_even_in_the_wrong_place():
    """A "meeting" on 2 June in Ankara finds the talks but not their place."""
    predicted = _article(
        events=[
            {
                "type": "meeting",
                "date": "2025-06-02",
                "precision": "day",
                "location": "Ankara",
                "participants": [],
            }
        ]
    )
    result = score_events(SMALL_GOLD, predicted)
    assert result.found == Score(tp=1, fp=0, fn=2)
    assert result.right_date_and_place_share == 0.0


def test_an_event_is_found_by_date_and_place_when_the_type_differs():
    """An "announcement" in Istanbul on 2 June still finds the Istanbul talks."""
    predicted = _article(
        entities=[ISTANBUL],
        events=[{"type": "announcement", "date": "2025-06-02", "precision": "day", "location": "Istanbul"}],
    )
    assert score_events(SMALL_GOLD, predicted).found.tp == 1


def test_an_event_on_another_day_is_not_found():
    """Same type and place on 3 June is a miss and a false positive."""
    predicted = _article(
        events=[{"type": "talks", "date": "2025-06-03", "precision": "day", "location": "Istanbul"}]
    )
    assert score_events(SMALL_GOLD, predicted).found == Score(tp=0, fp=1, fn=3)


def test_dates_agree_at_the_gold_precision_but_not_coarser():
    """A day inside a gold month agrees; a bare month for a gold day does not."""
    assert dates_agree("2025-05-01", "month", "2025-05-23", "day")
    assert not dates_agree("2025-05-16", "day", "2025-05-01", "month")
    assert dates_agree("2014-01-01", "year", date(2014, 3, 18), "day")
    assert not dates_agree("2025-05-16", "day", None, "day")


# --- dates and clusterings --------------------------------------------------------


def test_date_accuracy_counts_wrong_and_missing_articles():
    """One right, one wrong, one missing: accuracy 1/3."""
    gold = {name: {"published_at": "2025-05-28"} for name in ("a", "b", "c")}
    predicted = {"a": {"published_at": "2025-05-28"}, "b": {"published_at": "2024-01-02"}}
    assert score_dates(gold, predicted) == pytest.approx(1 / 3)


def test_pairwise_f1_on_a_small_example_worked_by_hand():
    """Gold {abc}{de}, predicted {ab}{cd}{e}.

    Gold pairs: ab ac bc de (4). Predicted pairs: ab cd (2). Shared: ab.
    tp=1, fp=1 (cd), fn=3 (ac bc de): P=1/2, R=1/4, F1=1/3.
    """
    gold = {"a": 1, "b": 1, "c": 1, "d": 2, "e": 2}
    predicted = {"a": "x", "b": "x", "c": "y", "d": "y", "e": "z"}
    score = pairwise_f1(gold, predicted)
    assert score == Score(tp=1, fp=1, fn=3)
    assert (score.precision, score.recall, score.f1) == (0.5, 0.25, pytest.approx(1 / 3))


def test_pairwise_f1_treats_labels_as_names_only_and_missing_items_as_singletons():
    """Relabelled identical clusterings are perfect; leaving items out loses their pairs."""
    assert pairwise_f1([1, 1, 2], ["p", "p", "q"]).f1 == 1.0
    assert pairwise_f1({"a": 1, "b": 1}, {"a": "s"}) == Score(tp=0, fp=0, fn=1)
    assert pairwise_f1({"a": 1, "b": 1}, {"a": None, "b": None}) == Score(tp=0, fp=0, fn=1)


def test_story_grouping_of_the_seeds_is_one_cluster_of_ten_pairs():
    """Five articles of one story: putting each apart misses all 10 pairs."""
    stories = {name: article["story"] for name, article in GOLD.items()}
    apart = {name: name for name in GOLD}
    assert pairwise_f1(stories, stories) == Score(tp=10, fp=0, fn=0)
    assert pairwise_f1(stories, apart) == Score(tp=0, fp=0, fn=10)


def test_the_gold_scores_perfectly_against_itself_and_empty_output_scores_zero():
    """score_corpus: gold vs gold is all ones; no output finds nothing."""
    perfect = score_corpus(GOLD, GOLD)
    for key in ("entities", "entities_with_type", "quotes", "indirect_quotes", "events", "stories"):
        assert perfect[key]["f1"] == 1.0, key
    assert perfect["quote_speaker_share"] == 1.0
    assert perfect["event_right_date_and_place_share"] == 1.0
    assert perfect["published_at_accuracy"] == 1.0
    empty = score_corpus(GOLD, {})
    assert empty["entities"]["f1"] == 0.0
    assert empty["published_at_accuracy"] == 0.0


# --- the gold file ----------------------------------------------------------------


def _raw(name: str) -> str:
    return (SEEDS_DIR / name).read_text(encoding="utf-8")


def test_gold_covers_every_seed_file_and_documents_its_conventions():
    """One gold object per seed file, plus the "_conventions" note."""
    assert set(GOLD) == {path.name for path in SEEDS_DIR.glob("*.txt")}
    assert "_conventions" in GOLD_PATH.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(GOLD))
def test_gold_article_is_well_formed(name):
    """Types, dates, titles, quote texts, speakers and event places all check out against the raw file."""
    article, raw = GOLD[name], _raw(name)
    assert date.fromisoformat(article["published_at"]) == date(2025, 5, 28)
    assert article["title"] is None or article["title"] in raw
    assert article["story"] == "istanbul-talks-2025-06-02"

    names = [entity["name"] for entity in article["entities"]]
    assert len(names) == len(set(names)), "one entity per referent"
    for entity in article["entities"]:
        assert entity["type"] in {"person", "organization", "location"}, entity
        assert entity["name"] not in entity["aliases"], entity
        # The canonical name may be spelled differently in this article, but some form must be in it.
        assert any(form.casefold() in raw.casefold() for form in [entity["name"], *entity["aliases"]]), entity
        assert entity["role"] is None or entity["role"] in raw, entity

    for quote in article["quotes"]:
        assert quote["text"] in raw, quote
        assert isinstance(quote["partial"], bool)
    for quote in article["quotes"] + article["indirect_quotes"]:
        speaker = quote["speaker"]
        # An entity of this seed, or a lowercase description ("a senior Ukrainian official").
        assert speaker in names or speaker[0].islower(), quote
    for quote in article["indirect_quotes"]:
        assert quote["text"] in raw, quote

    for event in article["events"]:
        assert event["type"] in {
            "talks",
            "meeting",
            "call",
            "visit",
            "attack",
            "exchange",
            "announcement",
            "other",
        }
        assert event["precision"] in {"day", "month", "year"}
        assert event["date"] is not None and date.fromisoformat(event["date"])
        assert event["location"] is None or event["location"] in names, event
        assert all(participant in names for participant in event["participants"]), event


def test_every_seed_has_the_planned_istanbul_talks_on_2_june():
    """The story's anchor event is in every gold article."""
    for name, article in GOLD.items():
        assert any(
            e["date"] == "2025-06-02" and e["type"] == "talks" and e["location"] == "Istanbul"
            for e in article["events"]
        ), name


def test_canonical_names_are_spelled_one_way_across_seeds():
    """A name used as an alias in one seed is never another seed's canonical name."""
    canonical = {entity["name"] for article in GOLD.values() for entity in article["entities"]}
    aliases = {
        alias for article in GOLD.values() for entity in article["entities"] for alias in entity["aliases"]
    }
    assert not canonical & aliases
