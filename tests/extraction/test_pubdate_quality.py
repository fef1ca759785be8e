"""Publication dates on the check parts of the evaluation sets: a wrong date is rare, a written one is read.

Figures and method: BENCHMARKS.md, "Publication dates" (``python benchmarks/eval_pubdates.py``).
"""

import sys
from datetime import date
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
EVAL_DIR = REPO.parent / "shared" / "eval"
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

pytestmark = [
    pytest.mark.slow,
    pytest.mark.heldback,
    pytest.mark.skipif(not EVAL_DIR.exists(), reason="../shared/eval is not here"),
]

# Held-back figures of the run recorded in BENCHMARKS.md, with a little room.
WRONG_SHARE_CEILING = 0.02
RIGHT_WHERE_WRITTEN_FLOOR = 0.05
FALSE_ALARM_CEILING = 0.02


@pytest.fixture(scope="module")
def check_scores() -> dict:
    from benchmarks.eval_pubdates import evaluate

    results = evaluate(EVAL_DIR, "check", date.today())
    total = {
        key: sum(r[key] for r in results.values())
        for key in ("n", "wrong", "written", "right_written", "false_alarm")
    }
    return total


def test_a_wrong_publication_date_is_served_for_almost_no_article(check_scores):
    """Across the check parts, at most 2% of the articles get a date other than their own."""
    assert check_scores["wrong"] / check_scores["n"] <= WRONG_SHARE_CEILING, check_scores


def test_a_publication_date_written_in_the_text_is_read(check_scores):
    """Where the true day is written somewhere in the text, it is served for at least some articles."""
    assert check_scores["right_written"] / check_scores["written"] >= RIGHT_WHERE_WRITTEN_FLOOR, check_scores


def test_the_callers_true_date_rarely_raises_a_conflict(check_scores):
    """Given the right date by the caller, almost no article reports a contradicting clue."""
    assert check_scores["false_alarm"] / check_scores["n"] <= FALSE_ALARM_CEILING, check_scores
