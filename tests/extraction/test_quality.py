"""Extraction quality held at the level reached: a regression on the seeds' gold or on PolNeAR fails CI.

Figures and how they are measured: BENCHMARKS.md (`python benchmarks/evaluate.py`).
"""

import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
EVAL_DIR = REPO.parent / "shared" / "eval"
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def seed_scores() -> dict:
    from benchmarks.evaluate import evaluate_seeds

    return evaluate_seeds()


@pytest.mark.parametrize(
    ("figure", "floor"),
    [
        ("entities", 0.95),
        ("entities_with_type", 0.95),
        ("quotes", 0.95),
        ("indirect_quotes", 0.8),
        ("stories", 1.0),
    ],
)
def test_seed_f1_stays_at_the_level_reached(seed_scores, figure, floor):
    """Entities (name; name and type), direct quotes and story grouping keep their F1 on the seeds."""
    assert seed_scores[figure]["f1"] >= floor, seed_scores[figure]


def test_seed_quotes_are_attributed_to_the_right_speaker(seed_scores):
    """At least 95% of the found direct quotes have the right speaker."""
    assert seed_scores["quote_speaker_share"] >= 0.95


def test_the_seed_whose_text_names_its_day_is_dated_right(seed_scores):
    """Seed 000's date-stamped article id beats its wrong date line. The other four seeds name no day (a
    weekday in the lead, year-less dates): they get no publication date rather than a guess, so
    the share of gold dates matched is one in five (see tests/extraction/test_dates.py)."""
    assert seed_scores["published_at_accuracy"] >= 0.2


def test_seed_events_are_found_with_the_right_date(seed_scores):
    """Events: found with the right date (recall) and without inventions (precision).

    Precision was 1.000 before every article got its main event: the seed gold counts dated
    statements and meetings, not the proposal a lead reports, so two main events count as
    inventions there (0.885 when measured); the main events are measured on 5w1h-dev instead.
    Recall is 0.833 since the rules written for single seed sentences went (an outcome dated
    between its cause and the report, "the first ... since", air defences downing drones): they
    moved no held-back figure.
    """
    assert seed_scores["events"]["precision"] >= 0.85
    assert seed_scores["events"]["recall"] >= EVENT_RECALL_FLOOR


EVENT_RECALL_FLOOR = 0.8


@pytest.fixture(scope="module")
def polnear_dev() -> dict:
    if not (EVAL_DIR / "polnear-dev").exists():
        pytest.skip("../shared/eval/polnear-dev is not here")
    from benchmarks.eval_polnear import score_polnear

    scores = score_polnear(EVAL_DIR, split="dev", textacy=False)
    assert scores["articles"] == 84
    return scores["systems"]["newsapi"]


# Floors on the check part of PolNeAR (rules are tuned on polnear-train only); figures in
# BENCHMARKS.md, "Quotes (PolNeAR)".
POLNEAR_DEV_FLOORS = {"quote_f1": 0.95, "speaker_rate": 0.96, "attribution_f1": 0.92}


@pytest.mark.heldback
@pytest.mark.parametrize(("figure", "floor"), sorted(POLNEAR_DEV_FLOORS.items()))
def test_polnear_dev_direct_quotes_and_their_speakers_stay_at_the_level_reached(polnear_dev, figure, floor):
    """Held-back PolNeAR dev: direct quotes found, the right speaker among them, and both together."""
    assert polnear_dev[figure] >= floor, polnear_dev
