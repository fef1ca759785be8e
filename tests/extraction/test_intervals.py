"""The 95% intervals beside the held-back figures: right on cases worked by hand."""

import numpy as np
import pytest

from benchmarks.eval_news_cluster import pairwise_scores
from benchmarks.intervals import StoryPairs, bootstrap, f1_from_counts, pairwise_f1_by_story, wilson


def test_wilson_matches_the_textbook_interval():
    """17 of 28 (5w1h-dev's held-back 'where'): Wilson's interval is 0.424-0.764."""
    low, high = wilson(17, 28)
    assert low == pytest.approx(0.4241, abs=1e-4)
    assert high == pytest.approx(0.7643, abs=1e-4)
    assert wilson(0, 10)[0] == pytest.approx(0.0) and wilson(10, 10)[1] == pytest.approx(1.0)


def test_the_bootstrap_interval_holds_the_figure_and_narrows_with_more_units():
    few = [1] * 6 + [0] * 4
    many = few * 20
    share = lambda drawn: sum(drawn) / len(drawn)  # noqa: E731
    low_few, high_few = bootstrap(few, share)
    low_many, high_many = bootstrap(many, share)
    assert low_few < 0.6 < high_few and low_many < 0.6 < high_many
    assert high_many - low_many < (high_few - low_few) / 3
    assert bootstrap(few, share) == (low_few, high_few)  # a fixed seed: the run repeats


def test_f1_from_counts_sums_the_documents_first():
    rows = [{"value": 2, "predicted": 4, "gold": 2}, {"value": 0, "predicted": 0, "gold": 4}]
    assert f1_from_counts(rows, "value") == pytest.approx(2 * 2 / (4 + 6))


def test_story_pairs_with_every_story_once_give_the_pairwise_f1():
    truth = ["a", "a", "a", "b", "b", "c"]
    predicted = [1, 1, 2, 2, 2, 3]  # one "a" article joined "b"
    pairs = StoryPairs(truth, predicted)
    assert pairs.f1(np.ones(3)) == pytest.approx(pairwise_scores(truth, predicted)["f1"])


def test_story_pairs_count_a_story_drawn_twice_twice():
    truth = ["a", "a", "b", "b"]
    predicted = [1, 1, 1, 2]  # a's pair right, one wrong pair a-b (twice: both a articles with b's first)
    pairs = StoryPairs(truth, predicted)
    # a twice, b once: right 2, wrong 2 x 2 = 4, missed b's pair 1
    precision, recall = 2 / 6, 2 / 3
    assert pairs.f1(np.array([2.0, 1.0])) == pytest.approx(2 * precision * recall / (precision + recall))


def test_a_grouping_that_beats_its_peer_on_every_story_has_a_positive_lead():
    truth = [story for story in "abcdefgh" for _ in range(3)]
    perfect = [ord(story) for story in truth]
    merged = [0] * len(truth)
    low, high = pairwise_f1_by_story([StoryPairs(truth, perfect)], [StoryPairs(truth, merged)], resamples=200)
    assert 0 < low <= high
    assert pairwise_f1_by_story([StoryPairs(truth, perfect)], resamples=200) == (1.0, 1.0)
