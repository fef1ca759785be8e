"""Score story grouping as ingest runs it (online, one article at a time) on the news-cluster dev half.

Usage::

    .venv/bin/python -m benchmarks.eval_news_cluster [EVAL_DIR] [--orders N] [--part check|tune|all]
                                                     [--dates caller|text] [--titles caller|text]
                                                     [--tune] [--json]

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

``--pairs`` prints how well the fingerprint similarity ranks same-story pairs above the others
(average precision over every pair of the tune parts of news-cluster-dev, with and without the date
factor, and of 5w1h-dev): variants are compared by it where the tune part's F1 is at its ceiling.
``--ceiling`` prints what caps the check part (read only once the settings are fixed): batch
average linkage over the same similarity cut at its best on that part, the peer likewise, and the
articles that resemble no other report of their story.

Dates: ``caller`` (default) gives each article the publication date of
``labels.tsv`` as a caller passing ``published_at`` would; ``text`` uses only
the date the pipeline reads in the text, and none when that date is weak.
Titles likewise: ``caller`` (default) gives each article the headline of
``labels.tsv`` as a caller passing ``title`` would (the peer reads it too);
``text`` only the headline line the cleaner finds in the crawl (19 of the
check part's 148).

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

from benchmarks.intervals import StoryPairs, pairwise_f1_by_story, shown
from benchmarks.splits import CHECK, TUNE, in_news_cluster_split, in_split
from newsapi.extraction.stories import (
    STORY_PARAMS,
    StoryParams,
    article_fingerprint,
    date_factor,
    fingerprint_similarity,
    group_online,
)

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


def extracted_features(
    eval_dir: Path, rows: list[dict[str, str]], *, refresh: bool = False, titles: str = "caller"
) -> list[dict]:
    """Per article: the clean title and body, entity names, and the date the text gives (cached).
    ``titles`` "caller": each article's headline of ``labels.tsv``, as a caller passing ``title`` would
    (most of these crawls open with no headline line); "text": the line the cleaner finds, if any."""
    paths = {row["file"]: eval_dir / "articles" / row["file"] for row in rows}
    headlines = {row["file"]: row.get("title") or None for row in rows} if titles == "caller" else None
    parsed = parsed_texts(paths, refresh=refresh, titles=headlines)
    return [parsed[row["file"]] for row in rows]


def parsed_texts(
    paths: dict[str, Path], *, refresh: bool = False, titles: dict[str, str | None] | None = None
) -> dict[str, dict]:
    """The features of ``extracted_features`` for each named text file, parsed once and cached; with
    ``titles``, each file's caller's headline goes with it."""
    # Keyed by the extraction code, so a change to the pipeline never reads an old parse; the
    # grouping itself (stories.py) is not part of the parse, so tuning it never re-parses.
    code = hashlib.sha1()
    for path in sorted((Path(__file__).resolve().parents[1] / "newsapi" / "extraction").glob("*.py")):
        if path.name != "stories.py":
            code.update(path.read_bytes())
    cache = CACHE_DIR / f"features-{code.hexdigest()[:12]}{'-titled' if titles else ''}.json"
    cached: dict[str, dict] = {}
    if cache.exists() and not refresh:
        cached = json.loads(cache.read_text(encoding="utf-8"))
    missing = [name for name in paths if name not in cached]
    if missing:
        from newsapi.extraction.pipeline import date_is_weak, extract_articles

        texts = [paths[name].read_text(encoding="utf-8") for name in missing]
        hints = [titles.get(name) for name in missing] if titles else None
        for name, extraction in zip(missing, extract_articles(texts, title_hints=hints), strict=True):
            cached[name] = {
                "title": extraction.cleaned.title or "",
                "body": extraction.cleaned.body,
                "entities": [entity.name for entity in extraction.entities],
                "text_date": None if date_is_weak(extraction) else extraction.published.value.isoformat(),
            }
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        cache.write_text(json.dumps(cached), encoding="utf-8")
    return {name: cached[name] for name in paths}


def _orders(n: int, count: int, days: list[date | None]) -> list[tuple[str, list[int]]]:
    chronological = sorted(range(n), key=lambda i: (days[i] or date.max, i))
    orders = [("publication", chronological)]
    for seed in range(count):
        order = list(range(n))
        random.Random(seed).shuffle(order)
        orders.append((f"random-{seed}", order))
    return orders


def score_online(
    truth: list[str],
    items: list[tuple[dict[str, float], date | None]],
    orders,
    params: StoryParams,
    *,
    peer_labels: list[int] | None = None,
) -> dict:
    """Online grouping over every order: mean and worst figures (the worst by F1); with ``peer_labels``
    (the peer's grouping of the same articles), 95% intervals of the mean F1 and of its lead over
    the peer, stories resampled with their articles."""
    runs = []
    started = time.perf_counter()
    for name, order in orders:
        labels = group_online(items, order, params)
        runs.append((name, pairwise_scores(truth, labels), labels))
    seconds = time.perf_counter() - started
    worst_name, worst, _ = min(runs, key=lambda run: run[1]["f1"])
    mean = {key: statistics.fmean(scores[key] for _, scores, _ in runs) for key in worst}
    report = {
        "mean": mean,
        "worst": worst,
        "worst_order": worst_name,
        "orders": len(runs),
        "ms_per_article": 1000 * seconds / max(1, len(runs) * len(items)),
    }
    if peer_labels is not None:
        groupings = [StoryPairs(truth, labels) for _, _, labels in runs]
        report["intervals"] = {
            "mean_f1": pairwise_f1_by_story(groupings),
            "mean_f1_minus_peer": pairwise_f1_by_story(groupings, [StoryPairs(truth, peer_labels)]),
        }
    return report


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
    keep = [i for i, row in enumerate(rows) if in_news_cluster_split(row["event_id"], part)]
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
    titles: str = "caller",
) -> dict:
    """Online grouping over several arrival orders and the TF-IDF peer, on one part of the split."""
    all_rows = load_labels(eval_dir)
    all_features = extracted_features(eval_dir, all_rows, refresh=refresh, titles=titles)
    if peer_threshold is None:
        tune_rows, tune_features = _part(all_rows, all_features, TUNE)
        peer_threshold = tune_peer([row["event_id"] for row in tune_rows], tune_features)["peer_threshold"]
    rows, features = _part(all_rows, all_features, part)
    truth = [row["event_id"] for row in rows]
    items = _items(rows, features, dates)
    run_orders = _orders(len(items), orders, [day for _, day in items])
    peer_labels = average_link_labels(_peer_similarity(features), peer_threshold)
    report = {
        "part": part,
        "dates": dates,
        "titles": titles,
        "articles": len(rows),
        "events": len(set(truth)),
        "params": asdict(params),
        "online": score_online(truth, items, run_orders, params, peer_labels=peer_labels),
        "peer_threshold": peer_threshold,
        "peer_tfidf_average_link": pairwise_scores(truth, peer_labels),
    }
    return report


def _5w1h_part(w1h: Path, part: str) -> tuple[dict[str, dict], list[str]]:
    """5w1h-dev's metadata by text file name, and the names of ``part``'s texts (split by story label)."""
    metas = {
        path.with_suffix(".txt").name: json.loads(path.read_text(encoding="utf-8"))
        for path in w1h.glob("*.json")
    }
    return metas, sorted(name for name, meta in metas.items() if in_split(meta["category"], part))


def score_5w1h_stories(
    eval_dir: Path, *, part: str = CHECK, orders: int = DEFAULT_ORDERS, params: StoryParams = STORY_PARAMS
) -> dict | None:
    """The same grouping on 5w1h-dev's part (its story labels; the caller's dates from its metadata), a
    second kind of set: a few stories of a handful of reports each, written within days (the tune
    part's five all of the 2016 US election's last week). The peer's cut is the one news-cluster's
    tune part gives it."""
    w1h = eval_dir.parent / "5w1h-dev"
    metas, names = _5w1h_part(w1h, part)
    if not names:
        return None
    parsed = parsed_texts({f"5w1h-dev/{name}": w1h / name for name in names})
    features = [parsed[f"5w1h-dev/{name}"] for name in names]
    truth = [metas[name]["category"] for name in names]
    days = [_parse_day((metas[name].get("published") or "")[:10]) for name in names]
    items = _fingerprinted(features, days)
    rows = load_labels(eval_dir)
    tune_rows, tune_features = _part(rows, extracted_features(eval_dir, rows), TUNE)
    peer_threshold = tune_peer([row["event_id"] for row in tune_rows], tune_features)["peer_threshold"]
    peer_labels = average_link_labels(_peer_similarity(features), peer_threshold)
    return {
        "part": part,
        "articles": len(names),
        "stories": len(set(truth)),
        "online": score_online(
            truth, items, _orders(len(items), orders, days), params, peer_labels=peer_labels
        ),
        "peer_threshold": peer_threshold,
        "peer_tfidf_average_link": pairwise_scores(truth, peer_labels),
    }


# --- how well the similarity ranks pairs (tune parts), and what caps the check part -------------


def pair_average_precision(scored: list[tuple[float, bool]]) -> float:
    """Average precision of same-story pairs when every pair is ranked by its score."""
    hits, total = 0, 0.0
    for rank, (_, same) in enumerate(sorted(scored, key=lambda pair: -pair[0]), 1):
        if same:
            hits += 1
            total += hits / rank
    return total / hits if hits else 1.0


def _pair_scores(items, truth, *, dates: bool) -> list[tuple[float, bool]]:
    return [
        (
            fingerprint_similarity(items[i][0], items[j][0])
            * (date_factor(items[i][1], items[j][1]) if dates else 1),
            truth[i] == truth[j],
        )
        for i, j in combinations(range(len(items)), 2)
    ]


def _fingerprinted(features, days) -> list[tuple[dict[str, float], date | None]]:
    return [
        (article_fingerprint(f["title"], f["body"], f["entities"]), day)
        for f, day in zip(features, days, strict=True)
    ]


def score_pairs(eval_dir: Path, *, refresh: bool = False) -> dict:
    """Pair average precision of the fingerprint similarity on the tune parts (variants are judged by it
    where the tune part's F1 is at its ceiling): news-cluster-dev with and without the date factor, and
    5w1h-dev (same story label = same story), whose tune part has neighbouring stories of one week."""
    rows = load_labels(eval_dir)
    rows, features = _part(rows, extracted_features(eval_dir, rows, refresh=refresh), TUNE)
    truth = [row["event_id"] for row in rows]
    items = _fingerprinted(features, [_parse_day(row["date_publish"]) for row in rows])
    report = {
        "news_cluster_dates": pair_average_precision(_pair_scores(items, truth, dates=True)),
        "news_cluster_no_dates": pair_average_precision(_pair_scores(items, truth, dates=False)),
    }
    w1h = eval_dir.parent / "5w1h-dev"
    metas, tune = _5w1h_part(w1h, TUNE)
    if tune:
        parsed = parsed_texts({f"5w1h-dev/{name}": w1h / name for name in tune}, refresh=refresh)
        w_items = _fingerprinted([parsed[f"5w1h-dev/{name}"] for name in tune], [None] * len(tune))
        w_truth = [metas[name]["category"] for name in tune]
        report["5w1h"] = pair_average_precision(_pair_scores(w_items, w_truth, dates=False))
    return report


def score_ceiling(eval_dir: Path) -> dict:
    """What caps a part (read on check only once its settings are fixed): batch average linkage over
    this similarity at its best cut on the part itself, the same for the peer, and the articles
    that resemble no other report of their story (best similarity under 0.05), with the recall
    and F1 a grouping perfect on every other article would get."""
    rows = load_labels(eval_dir)
    rows, features = _part(rows, extracted_features(eval_dir, rows), CHECK)
    truth = [row["event_id"] for row in rows]
    items = _items(rows, features, "caller")
    n = len(items)
    similarity = {True: np.zeros((n, n)), False: np.zeros((n, n))}
    for dates, matrix in similarity.items():
        for (i, j), (score, _) in zip(
            combinations(range(n), 2), _pair_scores(items, truth, dates=dates), strict=True
        ):
            matrix[i, j] = matrix[j, i] = score
    grid = [round(0.05 + 0.01 * k, 2) for k in range(40)]

    def best_cut(matrix) -> dict:
        return max(
            ({"cut": t, **score_peer(truth, matrix, t)} for t in grid), key=lambda scores: scores["f1"]
        )

    alone = [
        i
        for i in range(n)
        if any(truth[j] == truth[i] for j in range(n) if j != i)
        and max(similarity[False][i, j] for j in range(n) if j != i and truth[j] == truth[i]) < 0.05
    ]
    perfect = [f"alone-{i}" if i in alone else label for i, label in enumerate(truth)]
    return {
        "batch_best_cut_dates": best_cut(similarity[True]),
        "batch_best_cut_no_dates": best_cut(similarity[False]),
        "peer_best_cut": best_cut(_peer_similarity(features)),
        "no_similar_report": len(alone),
        "perfect_but_those": pairwise_scores(truth, [hash(label) for label in perfect]),
    }


def _line(name: str, scores: dict) -> str:
    return (
        f"  {name:<34} P {scores['precision']:.3f}  R {scores['recall']:.3f}  "
        f"F1 {scores['f1']:.3f}  ARI {scores['ari']:.3f}"
    )


def _intervals_line(online: dict) -> str:
    bounds = online["intervals"]
    return (
        f"  95% intervals (stories resampled)  mean F1 {shown(bounds['mean_f1'])}, "
        f"over TF-IDF {shown(bounds['mean_f1_minus_peer'], signed=True)}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("eval_dir", nargs="?", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--part", default=CHECK, choices=[CHECK, TUNE, "all"])
    parser.add_argument("--dates", default="caller", choices=["caller", "text"])
    parser.add_argument("--titles", default="caller", choices=["caller", "text"])
    parser.add_argument("--orders", type=int, default=DEFAULT_ORDERS, help="random arrival orders")
    parser.add_argument("--threshold", type=float, default=STORY_PARAMS.threshold)
    parser.add_argument("--tune", action="store_true", help="print the thresholds' F1 on the tune part")
    parser.add_argument("--refresh", action="store_true", help="parse the articles again")
    parser.add_argument("--pairs", action="store_true", help="pair average precision on the tune parts")
    parser.add_argument("--ceiling", action="store_true", help="what caps the check part (settings fixed)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if not (args.eval_dir / "labels.tsv").exists():
        print(f"no evaluation data at {args.eval_dir}, skipping", file=sys.stderr)
        return 0
    if args.tune:
        rows = load_labels(args.eval_dir)
        tuned = tune_thresholds(
            rows,
            extracted_features(args.eval_dir, rows, refresh=args.refresh, titles=args.titles),
            dates=args.dates,
            orders=args.orders,
        )
        print(json.dumps(tuned, indent=2))
        return 0
    if args.pairs or args.ceiling:
        found = (
            score_pairs(args.eval_dir, refresh=args.refresh) if args.pairs else score_ceiling(args.eval_dir)
        )
        print(json.dumps(found, indent=2))
        return 0
    report = score_news_cluster(
        args.eval_dir,
        part=args.part,
        dates=args.dates,
        orders=args.orders,
        params=replace(STORY_PARAMS, threshold=args.threshold),
        refresh=args.refresh,
        titles=args.titles,
    )
    if args.json:
        print(json.dumps(report, indent=2, default=str))
        return 0
    online = report["online"]
    print(
        f"news-cluster dev, {report['part']} part: {report['articles']} articles, {report['events']} events, "
        f"dates from the {report['dates']}, titles from the {report['titles']}"
    )
    print(f"  parameters: {report['params']}")
    print(_line(f"online, mean of {online['orders']} orders", online["mean"]))
    print(_line(f"online, worst order ({online['worst_order']})", online["worst"]))
    print(_line(f"TF-IDF + average link (cut {report['peer_threshold']})", report["peer_tfidf_average_link"]))
    print(_intervals_line(report["online"]))
    w1h = score_5w1h_stories(
        args.eval_dir, part=args.part if args.part != "all" else CHECK, orders=args.orders
    )
    if w1h:
        online = w1h["online"]
        print(
            f"5w1h-dev, {w1h['part']} part: {w1h['articles']} articles, {w1h['stories']} stories "
            "(a second kind of set, same settings)"
        )
        print(_line(f"online, mean of {online['orders']} orders", online["mean"]))
        print(_line(f"online, worst order ({online['worst_order']})", online["worst"]))
        print(_line(f"TF-IDF + average link (cut {w1h['peer_threshold']})", w1h["peer_tfidf_average_link"]))
        print(_intervals_line(online))
    return 0


if __name__ == "__main__":
    sys.exit(main())
