"""Score story grouping as ingest runs it (online, one article at a time) on the news-cluster dev half.

Usage::

    .venv/bin/python -m benchmarks.eval_news_cluster [EVAL_DIR] [--orders N] [--part check|tune|all]
                                                     [--dates caller|text] [--tune] [--json]

EVAL_DIR defaults to ``../shared/eval/news-cluster-dev`` beside the project.
Articles that share an event id in ``labels.tsv`` belong to one story; the
score is pairwise precision, recall and F1 over article pairs, plus the
adjusted Rand index, over the articles of one part of the split
(``benchmarks.splits``: thresholds are chosen on ``tune``, figures reported on
``check``).

Each article goes through the extraction pipeline as ingest runs it (clean
title and body, entity names); the parse is cached under
``/tmp/newsapi-news-cluster-cache``, keyed by the extraction code (``--refresh`` rebuilds it). Articles then
arrive one by one in ``--orders`` random orders (and in publication order)
through ``newsapi.extraction.stories.group_online``, the function ingest runs
over its database index; the mean and the worst order are reported.

Dates: ``caller`` (default) gives each article the publication date of
``labels.tsv`` as a caller passing ``published_at`` would; ``text`` uses only
the date the pipeline reads in the text, and none when that date is weak.

The peer, in the same run: TF-IDF (scikit-learn's defaults: raw counts,
smoothed idf, L2 norm, English-agnostic ``\\w\\w+`` tokens, written here with
numpy) over title and body, grouped by average linkage on cosine similarity,
its cut chosen on the tune part like ours.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
import re
import statistics
import sys
import time
from collections import Counter
from dataclasses import asdict, replace
from datetime import date, datetime
from itertools import combinations
from pathlib import Path

import numpy as np

from benchmarks.splits import CHECK, TUNE, in_split
from newsapi.extraction.stories import STORY_PARAMS, StoryParams, article_fingerprint, group_online

DEFAULT_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "news-cluster-dev"
CACHE_DIR = Path("/tmp/newsapi-news-cluster-cache")
DEFAULT_ORDERS = 10
THRESHOLD_GRID = [round(0.05 + 0.01 * i, 2) for i in range(36)]
GAP_GRID = [90, 180, 365, 100000]
DECAY_GRID = [0.0, 0.15, 0.3]
PEER_GRID = [round(0.02 + 0.01 * i, 2) for i in range(40)]


def load_labels(eval_dir: Path) -> list[dict[str, str]]:
    with (eval_dir / "labels.tsv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


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


def extracted_features(eval_dir: Path, rows: list[dict[str, str]], *, refresh: bool = False) -> list[dict]:
    """Per article: the clean title and body, entity names, and the date the text gives (cached)."""
    # Keyed by the extraction code, so a change to the pipeline never reads an old parse; the
    # grouping itself (stories.py) is not part of the parse, so tuning it never re-parses.
    code = hashlib.sha1()
    for path in sorted((Path(__file__).resolve().parents[1] / "newsapi" / "extraction").glob("*.py")):
        if path.name != "stories.py":
            code.update(path.read_bytes())
    cache = CACHE_DIR / f"features-{code.hexdigest()[:12]}.json"
    cached: dict[str, dict] = {}
    if cache.exists() and not refresh:
        cached = json.loads(cache.read_text(encoding="utf-8"))
    missing = [row["file"] for row in rows if row["file"] not in cached]
    if missing:
        from newsapi.extraction.pipeline import date_is_weak, extract_articles

        texts = [(eval_dir / "articles" / name).read_text(encoding="utf-8") for name in missing]
        for name, extraction in zip(missing, extract_articles(texts), strict=True):
            cached[name] = {
                "title": extraction.cleaned.title or "",
                "body": extraction.cleaned.body,
                "entities": [entity.name for entity in extraction.entities],
                "text_date": None if date_is_weak(extraction) else extraction.published.value.isoformat(),
            }
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        cache.write_text(json.dumps(cached), encoding="utf-8")
    return [cached[row["file"]] for row in rows]


def _orders(n: int, count: int, days: list[date | None]) -> list[tuple[str, list[int]]]:
    chronological = sorted(range(n), key=lambda i: (days[i] or date.max, i))
    orders = [("publication", chronological)]
    for seed in range(count):
        order = list(range(n))
        random.Random(seed).shuffle(order)
        orders.append((f"random-{seed}", order))
    return orders


def score_online(
    truth: list[str], items: list[tuple[dict[str, float], date | None]], orders, params: StoryParams
) -> dict:
    """Online grouping over every order: mean and worst figures (the worst by F1)."""
    runs = []
    started = time.perf_counter()
    for name, order in orders:
        scores = pairwise_scores(truth, group_online(items, order, params))
        runs.append((name, scores))
    seconds = time.perf_counter() - started
    worst_name, worst = min(runs, key=lambda run: run[1]["f1"])
    mean = {key: statistics.fmean(scores[key] for _, scores in runs) for key in worst}
    return {
        "mean": mean,
        "worst": worst,
        "worst_order": worst_name,
        "orders": len(runs),
        "ms_per_article": 1000 * seconds / max(1, len(runs) * len(items)),
    }


# --- the peer: TF-IDF + average linkage ------------------------------------

_TOKEN = re.compile(r"(?u)\b\w\w+\b")


def tfidf_matrix(texts: list[str]) -> np.ndarray:
    """scikit-learn's TfidfVectorizer defaults, dense: raw counts x smoothed idf, rows L2-normalised."""
    docs = [Counter(_TOKEN.findall(text.lower())) for text in texts]
    vocabulary = {term: i for i, term in enumerate(sorted({t for doc in docs for t in doc}))}
    counts = np.zeros((len(docs), len(vocabulary)))
    for row, doc in enumerate(docs):
        for term, count in doc.items():
            counts[row, vocabulary[term]] = count
    df = (counts > 0).sum(axis=0)
    idf = np.log((1 + len(docs)) / (1 + df)) + 1
    weighted = counts * idf
    norms = np.linalg.norm(weighted, axis=1, keepdims=True)
    return weighted / np.where(norms == 0, 1, norms)


def average_link_labels(similarity: np.ndarray, threshold: float) -> list[int]:
    """Average-linkage agglomeration on a similarity matrix, stopped when no pair averages ``threshold``."""
    n = similarity.shape[0]
    clusters = {i: [i] for i in range(n)}
    totals = similarity.copy()
    np.fill_diagonal(totals, -np.inf)
    sizes = np.ones(n)
    active = np.ones(n, dtype=bool)
    while active.sum() > 1:
        averages = totals / np.outer(sizes, sizes)
        averages[~active, :] = -np.inf
        averages[:, ~active] = -np.inf
        a, b = np.unravel_index(np.argmax(averages), averages.shape)
        if averages[a, b] < threshold:
            break
        totals[a, :] += totals[b, :]
        totals[:, a] += totals[:, b]
        totals[a, a] = -np.inf
        sizes[a] += sizes[b]
        active[b] = False
        clusters[a].extend(clusters.pop(b))
    labels = [0] * n
    for label, members in enumerate(sorted(clusters.values(), key=min)):
        for i in members:
            labels[i] = label
    return labels


def score_peer(truth: list[str], similarity: np.ndarray, threshold: float) -> dict:
    return pairwise_scores(truth, average_link_labels(similarity, threshold))


# --- the run ----------------------------------------------------------------


def _part(rows, features, part):
    keep = [i for i, row in enumerate(rows) if in_split(row["event_id"], part)]
    return [rows[i] for i in keep], [features[i] for i in keep]


def _items(rows, features, dates: str) -> list[tuple[dict[str, float], date | None]]:
    items = []
    for row, feature in zip(rows, features, strict=True):
        day = _parse_day(row["date_publish"]) if dates == "caller" else _parse_day(feature["text_date"] or "")
        items.append((article_fingerprint(feature["title"], feature["body"], feature["entities"]), day))
    return items


def _grid() -> list[StoryParams]:
    return [
        replace(STORY_PARAMS, threshold=threshold, max_gap_days=gap, decay=decay)
        for threshold in THRESHOLD_GRID
        for gap in GAP_GRID
        for decay in DECAY_GRID
    ]


def tune_thresholds(rows, features, *, dates: str, orders: int) -> dict:
    """The story parameters with the best mean F1 on the tune part, and the peer's best cut there.

    Ties (the tune part is small: many settings give the same F1) go to the date knobs nearest
    the defaults, then to the middle of the widest run of best thresholds, the cut with the most
    margin on either side.
    """
    rows, features = _part(rows, features, TUNE)
    truth = [row["event_id"] for row in rows]
    items = _items(rows, features, dates)
    run_orders = _orders(len(items), orders, [day for _, day in items])
    ours = [
        (round(score_online(truth, items, run_orders, params)["mean"]["f1"], 6), params) for params in _grid()
    ]
    best_f1 = max(f1 for f1, _ in ours)

    def changed(params: StoryParams) -> int:
        return sum(getattr(params, f) != getattr(STORY_PARAMS, f) for f in ("max_gap_days", "decay"))

    fewest = min(changed(params) for f1, params in ours if f1 == best_f1)
    knobs = sorted(
        {(p.max_gap_days, p.decay) for f1, p in ours if f1 == best_f1 and changed(p) == fewest},
        key=lambda k: (abs(k[0] - STORY_PARAMS.max_gap_days), abs(k[1] - STORY_PARAMS.decay)),
    )[0]
    curve = [(p.threshold, f1) for f1, p in ours if (p.max_gap_days, p.decay) == knobs]
    widest = _widest_best_run(curve)
    best = replace(
        STORY_PARAMS, max_gap_days=knobs[0], decay=knobs[1], threshold=widest[(len(widest) - 1) // 2]
    )
    return {
        "params": asdict(best),
        "f1": best_f1,
        "best_thresholds": [widest[0], widest[-1]],
        **tune_peer(truth, features),
    }


def tune_peer(truth: list[str], features: list[dict]) -> dict:
    """The peer's cut on the tune part, with the same tie rule as ours (middle of the widest best run)."""
    similarity = _peer_similarity(features)
    curve = [(t, round(score_peer(truth, similarity, t)["f1"], 6)) for t in PEER_GRID]
    widest = _widest_best_run(curve)
    return {
        "peer_threshold": widest[(len(widest) - 1) // 2],
        "peer_f1": max(f1 for _, f1 in curve),
        "peer_best_thresholds": [widest[0], widest[-1]],
    }


def _widest_best_run(curve: list[tuple[float, float]]) -> list[float]:
    """The longest run of consecutive grid thresholds that all reach the best F1 of ``curve``."""
    best = max(f1 for _, f1 in curve)
    runs: list[list[float]] = []
    previous_best = False
    for threshold, f1 in sorted(curve):
        if f1 == best and previous_best:
            runs[-1].append(threshold)
        elif f1 == best:
            runs.append([threshold])
        previous_best = f1 == best
    return max(runs, key=len)


def _peer_similarity(features) -> np.ndarray:
    matrix = tfidf_matrix([f"{f['title']}\n{f['body']}" for f in features])
    return matrix @ matrix.T


def score_news_cluster(
    eval_dir: Path,
    *,
    part: str = CHECK,
    dates: str = "caller",
    orders: int = DEFAULT_ORDERS,
    params: StoryParams = STORY_PARAMS,
    peer_threshold: float | None = None,
    refresh: bool = False,
) -> dict:
    """Online grouping over several arrival orders and the TF-IDF peer, on one part of the split."""
    all_rows = load_labels(eval_dir)
    all_features = extracted_features(eval_dir, all_rows, refresh=refresh)
    if peer_threshold is None:
        tune_rows, tune_features = _part(all_rows, all_features, TUNE)
        peer_threshold = tune_peer([row["event_id"] for row in tune_rows], tune_features)["peer_threshold"]
    rows, features = _part(all_rows, all_features, part)
    truth = [row["event_id"] for row in rows]
    items = _items(rows, features, dates)
    run_orders = _orders(len(items), orders, [day for _, day in items])
    report = {
        "part": part,
        "dates": dates,
        "articles": len(rows),
        "events": len(set(truth)),
        "params": asdict(params),
        "online": score_online(truth, items, run_orders, params),
        "peer_threshold": peer_threshold,
        "peer_tfidf_average_link": score_peer(truth, _peer_similarity(features), peer_threshold),
    }
    return report


def _line(name: str, scores: dict) -> str:
    return (
        f"  {name:<34} P {scores['precision']:.3f}  R {scores['recall']:.3f}  "
        f"F1 {scores['f1']:.3f}  ARI {scores['ari']:.3f}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("eval_dir", nargs="?", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--part", default=CHECK, choices=[CHECK, TUNE, "all"])
    parser.add_argument("--dates", default="caller", choices=["caller", "text"])
    parser.add_argument("--orders", type=int, default=DEFAULT_ORDERS, help="random arrival orders")
    parser.add_argument("--threshold", type=float, default=STORY_PARAMS.threshold)
    parser.add_argument("--tune", action="store_true", help="print the thresholds' F1 on the tune part")
    parser.add_argument("--refresh", action="store_true", help="parse the articles again")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if not (args.eval_dir / "labels.tsv").exists():
        print(f"no evaluation data at {args.eval_dir}, skipping", file=sys.stderr)
        return 0
    if args.tune:
        rows = load_labels(args.eval_dir)
        tuned = tune_thresholds(
            rows,
            extracted_features(args.eval_dir, rows, refresh=args.refresh),
            dates=args.dates,
            orders=args.orders,
        )
        print(json.dumps(tuned, indent=2))
        return 0
    report = score_news_cluster(
        args.eval_dir,
        part=args.part,
        dates=args.dates,
        orders=args.orders,
        params=replace(STORY_PARAMS, threshold=args.threshold),
        refresh=args.refresh,
    )
    if args.json:
        print(json.dumps(report, indent=2, default=str))
        return 0
    online = report["online"]
    print(
        f"news-cluster dev, {report['part']} part: {report['articles']} articles, {report['events']} events, "
        f"dates from the {report['dates']}"
    )
    print(f"  parameters: {report['params']}")
    print(_line(f"online, mean of {online['orders']} orders", online["mean"]))
    print(_line(f"online, worst order ({online['worst_order']})", online["worst"]))
    print(_line(f"TF-IDF + average link (cut {report['peer_threshold']})", report["peer_tfidf_average_link"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
