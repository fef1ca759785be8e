"""Score story grouping (``cluster_articles``) on the news-cluster dev half.

Usage::

    .venv/bin/python -m benchmarks.eval_news_cluster [EVAL_DIR] [--ner] [--threshold T]

EVAL_DIR defaults to ``../shared/eval/news-cluster-dev`` beside the project.
Articles that share an event id in ``labels.tsv`` belong to one story; the
score is pairwise precision, recall and F1 over article pairs, plus the
adjusted Rand index. Titles come from ``labels.tsv`` (the crawler's), bodies
are the raw crawls cleaned with ``clean_article`` when that module exists,
else with a crude "keep lines of prose" filter. ``--ner`` adds spaCy's
entity names to the fingerprints (slower; off by default because ingest may
run without them).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections import Counter
from datetime import date, datetime
from itertools import combinations
from pathlib import Path

from newsapi.extraction.stories import (
    STORY_THRESHOLD,
    STORY_WINDOW_DAYS,
    article_fingerprint,
    cluster_articles,
)

DEFAULT_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "news-cluster-dev"
_NER_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT"}


def load_labels(eval_dir: Path) -> list[dict[str, str]]:
    with (eval_dir / "labels.tsv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def _clean_body(raw: str) -> str:
    try:
        from newsapi.extraction.cleaning import clean_article
    except ImportError:
        # Boilerplate is mostly short lines (menus, captions, "Photo").
        return "\n".join(line for line in raw.splitlines() if len(line.split()) >= 8)
    return clean_article(raw).body


def _parse_day(value: str) -> date | None:
    try:
        return datetime.fromisoformat(value).date()
    except ValueError:
        return None


def pairwise_scores(truth: list[str], predicted: list[int]) -> dict[str, float]:
    """Pairwise precision/recall/F1 and adjusted Rand index of a labelling."""
    tp = fp = fn = 0
    for i, j in combinations(range(len(truth)), 2):
        same_truth = truth[i] == truth[j]
        same_pred = predicted[i] == predicted[j]
        tp += same_truth and same_pred
        fp += same_pred and not same_truth
        fn += same_truth and not same_pred
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "ari": adjusted_rand_index(truth, predicted)}


def adjusted_rand_index(truth: list[str], predicted: list[int]) -> float:
    def pairs(k: int) -> float:
        return k * (k - 1) / 2

    contingency = Counter(zip(truth, predicted, strict=True))
    sum_cells = sum(pairs(c) for c in contingency.values())
    sum_truth = sum(pairs(c) for c in Counter(truth).values())
    sum_pred = sum(pairs(c) for c in Counter(predicted).values())
    total = pairs(len(truth))
    expected = sum_truth * sum_pred / total if total else 0.0
    maximum = (sum_truth + sum_pred) / 2
    return (sum_cells - expected) / (maximum - expected) if maximum != expected else 1.0


def _entity_names(bodies: list[str]) -> list[list[str]]:
    from newsapi.extraction.nlp import get_nlp

    nlp = get_nlp()
    return [
        [ent.text for ent in doc.ents if ent.label_ in _NER_LABELS] for doc in nlp.pipe(bodies, batch_size=16)
    ]


def score_news_cluster(
    eval_dir: Path,
    *,
    use_ner: bool = False,
    threshold: float = STORY_THRESHOLD,
    window_days: int = STORY_WINDOW_DAYS,
) -> dict:
    """Cluster every article of ``eval_dir`` and score against its event ids."""
    rows = load_labels(eval_dir)
    bodies = [_clean_body((eval_dir / "articles" / row["file"]).read_text(encoding="utf-8")) for row in rows]
    entities = _entity_names(bodies) if use_ner else [[] for _ in rows]
    started = time.perf_counter()
    items = [
        (article_fingerprint(row["title"], body, names), _parse_day(row["date_publish"]))
        for row, body, names in zip(rows, bodies, entities, strict=True)
    ]
    fingerprint_seconds = time.perf_counter() - started
    started = time.perf_counter()
    predicted = cluster_articles(items, threshold=threshold, window_days=window_days)
    cluster_seconds = time.perf_counter() - started
    truth = [row["event_id"] for row in rows]
    scores = pairwise_scores(truth, predicted)
    scores.update(
        articles=len(rows),
        events=len(set(truth)),
        stories=len(set(predicted)),
        threshold=threshold,
        window_days=window_days,
        ner=use_ner,
        fingerprint_ms_per_article=1000 * fingerprint_seconds / max(1, len(rows)),
        cluster_seconds=cluster_seconds,
    )
    return scores


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("eval_dir", nargs="?", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--ner", action="store_true", help="add spaCy entity names to the fingerprints")
    parser.add_argument("--threshold", type=float, default=STORY_THRESHOLD)
    parser.add_argument("--window-days", type=int, default=STORY_WINDOW_DAYS)
    args = parser.parse_args(argv)
    if not (args.eval_dir / "labels.tsv").exists():
        print(f"no evaluation data at {args.eval_dir}, skipping", file=sys.stderr)
        return 0
    print(
        json.dumps(
            score_news_cluster(
                args.eval_dir, use_ner=args.ner, threshold=args.threshold, window_days=args.window_days
            ),
            indent=2,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
