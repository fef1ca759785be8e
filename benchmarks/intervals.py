"""How far a held-back figure could move on other articles like those measured: 95% intervals.

The held-back parts are small (31 articles for 5w1h-dev, 131 documents for timebank-dev, 148
articles in 25-odd stories for news-cluster-dev), so a figure and a target a few hundredths apart
may not differ at all on the twins. Each interval resamples the unit the set was drawn by (an
article, a document, a story), so articles that share a story move together:

  wilson               a share of articles (hits / articles): Wilson's score interval;
  bootstrap            any figure over resampled units: the percentile interval of 2,000 resamples,
                       with a fixed seed so that a run repeats;
  pairwise_f1_by_story pairwise F1 of a story grouping, stories resampled with their articles.

A paired interval (newsapi's figure minus a peer's over the same resamples) says whether newsapi is
ahead of the peer on articles like these, which two separate intervals cannot.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Sequence
from itertools import combinations

import numpy as np

Z_95 = 1.959963984540054
RESAMPLES = 2000
SEED = 0


def wilson(hits: int, n: int, z: float = Z_95) -> tuple[float, float]:
    """Wilson's score interval for a share of ``hits`` out of ``n``."""
    if n == 0:
        return (0.0, 1.0)
    share = hits / n
    centre = (share + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(share * (1 - share) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return (max(0.0, centre - half), min(1.0, centre + half))


def bootstrap(
    units: Sequence,
    statistic: Callable[[list], float],
    resamples: int = RESAMPLES,
    seed: int = SEED,
) -> tuple[float, float]:
    """The 2.5th and 97.5th percentiles of ``statistic`` over ``units`` drawn again with replacement."""
    if not units:
        return (0.0, 0.0)
    rng = random.Random(seed)
    values = sorted(statistic(rng.choices(units, k=len(units))) for _ in range(resamples))
    return (values[int(0.025 * resamples)], values[int(0.975 * resamples) - 1])


def f1_from_counts(rows: Sequence[dict], hit: str, predicted: str = "predicted", gold: str = "gold") -> float:
    """F1 of summed counts: 2 x hits / (predicted + gold), as TempEval-3 sums over documents."""
    total = sum(row[predicted] + row[gold] for row in rows)
    return 2 * sum(row[hit] for row in rows) / total if total else 0.0


class StoryPairs:
    """The article pairs of one grouping, counted per gold story, so stories can be resampled.

    A story drawn twice counts its own pairs twice and its wrong pairs with each other story it
    was drawn with once per copy; the copies of one story are not paired with each other.
    """

    def __init__(self, truth: Sequence[str], predicted: Sequence) -> None:
        self.stories = sorted(set(truth))
        index = {story: k for k, story in enumerate(self.stories)}
        size = len(self.stories)
        self.right = np.zeros(size)  # pairs of one story put together
        self.missed = np.zeros(size)  # pairs of one story left apart
        self.wrong = np.zeros((size, size))  # pairs of two stories put together
        for i, j in combinations(range(len(truth)), 2):
            a, b = index[truth[i]], index[truth[j]]
            together = predicted[i] == predicted[j]
            if a == b:
                self.right[a] += together
                self.missed[a] += not together
            elif together:
                self.wrong[a, b] += 1
                self.wrong[b, a] += 1

    def f1(self, weights: np.ndarray) -> float:
        """Pairwise F1 with each gold story counted ``weights[k]`` times."""
        right = weights @ self.right
        wrong = (weights @ self.wrong @ weights) / 2
        missed = weights @ self.missed
        precision = right / (right + wrong) if right + wrong else 1.0
        recall = right / (right + missed) if right + missed else 1.0
        return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def pairwise_f1_by_story(
    groupings: Sequence[StoryPairs],
    against: Sequence[StoryPairs] = (),
    resamples: int = RESAMPLES,
    seed: int = SEED,
) -> tuple[float, float]:
    """Interval of the mean pairwise F1 of ``groupings`` (several arrival orders of one set), stories
    resampled; with ``against`` (a peer's groupings of the same set), of the difference of the means."""
    size = len(groupings[0].stories)
    rng = np.random.default_rng(seed)
    values = []
    for _ in range(resamples):
        weights = np.bincount(rng.integers(0, size, size), minlength=size).astype(float)
        value = float(np.mean([g.f1(weights) for g in groupings]))
        if against:
            value -= float(np.mean([g.f1(weights) for g in against]))
        values.append(value)
    values.sort()
    return (values[int(0.025 * resamples)], values[int(0.975 * resamples) - 1])


def shown(interval: tuple[float, float], signed: bool = False) -> str:
    """ "[0.42, 0.76]" """
    form = "{:+.3f}" if signed else "{:.3f}"
    return f"[{form.format(interval[0])}, {form.format(interval[1])}]"
