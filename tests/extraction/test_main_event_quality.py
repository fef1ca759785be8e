"""Main events held at the level reached on 5w1h-dev's held-back (check) part; skipped without the set.

Figures and how they are measured: BENCHMARKS.md, "Main events (5w1h-dev)"
(`python -m benchmarks.eval_5w1h`).
"""

import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
EVAL_DIR = REPO.parent / "shared" / "eval"
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

pytestmark = [
    pytest.mark.slow,
    pytest.mark.heldback,
    pytest.mark.skipif(not (EVAL_DIR / "5w1h-dev").exists(), reason="../shared/eval/5w1h-dev is not here"),
]


@pytest.fixture(scope="module")
def check_scores() -> dict:
    from benchmarks.eval_5w1h import evaluate

    return evaluate(EVAL_DIR, "check")


def test_every_check_article_gets_a_main_event(check_scores):
    assert check_scores["articles"] == 31
    assert check_scores["with_main_event"] == check_scores["articles"]


@pytest.mark.parametrize(("field", "floor"), [("when", 0.73), ("where", 0.57), ("who", 0.77)])
def test_main_event_fields_stay_at_the_level_reached_on_the_check_part(check_scores, field, floor):
    """when 0.769, where 0.607, who 0.806 when measured (publication-date baseline: when 0.731);
    the floors allow one article less, as the other steps (entities, dates) move under them."""
    assert check_scores["newsapi"][field]["accuracy"] >= floor, check_scores["newsapi"]


@pytest.fixture(scope="module")
def type_check_scores() -> dict:
    from benchmarks.eval_event_types import evaluate as evaluate_types

    return evaluate_types(EVAL_DIR, "check")


@pytest.mark.skipif(
    not all((EVAL_DIR / name).exists() for name in ("news-cluster-dev", "polnear-train", "timebank-dev")),
    reason="the sets of the event type labels are not here",
)
def test_main_event_type_stays_at_the_level_reached_on_the_check_half_of_the_labels(type_check_scores):
    """0.619 (39/63) when measured (2026-12-02, 01:44 UTC, after the fourth round of type rules; 0.587
    after the third, 0.571 once PolNeAR's sentence-case headlines became titles, 0.556 before the type
    was read down the parse; BENCHMARKS.md "Event types", "Seventh reading"); the floor allows one
    article less. Every labelled article gets a main event."""
    assert type_check_scores["typed_articles"] == 63
    assert type_check_scores["type_accuracy"] >= 0.60, type_check_scores["confusion"]
    assert type_check_scores["with_main_event"] == 1.0


@pytest.fixture(scope="module")
def check_label_scores() -> dict:
    from benchmarks.eval_5w1h import CHECK_LABELS, evaluate_hand_labels

    return evaluate_hand_labels(EVAL_DIR, labels=CHECK_LABELS, part="hand-labelled check")


@pytest.mark.skipif(
    not (EVAL_DIR / "timebank-dev").exists(), reason="../shared/eval/timebank-dev is not here"
)
@pytest.mark.parametrize(("field", "floor"), [("when", 0.80), ("where", 0.79)])
def test_main_event_fields_stay_at_the_level_reached_on_the_held_back_labels(
    check_label_scores, field, floor
):
    """The second held-back set (benchmarks/data/main_event_check_labels.tsv, 71 articles): when
    0.820 (50/61), where 0.815 (44/54) when measured (2026-12-01, 22:20 UTC); the floors allow one
    article less. Where was 0.870 (47/54) before PolNeAR's sentence-case headlines became titles
    instead of the body's first line (held-back titles 45 -> 71 of 84): a trade made knowingly, see
    BENCHMARKS.md, "Seventh reading"."""
    assert check_label_scores["newsapi"][field]["accuracy"] >= floor, check_label_scores["newsapi"]
