"""Story grouping on an archive of one topic: polnear-train's 840 articles of the 2016 US campaign.

    python benchmarks/story_topic_archive.py [--rarity 0,0.5,1] [--bars 0.17] [--examples 4]

news-cluster-dev holds 35 stories of unrelated topics; a real archive also holds months of daily
coverage of one topic, where reports of different happenings share their main names ("Clinton",
"Trump") and words ("campaign", "poll"). This runs the grouping ingest runs
(``stories.group_online``: articles one by one, in order of their publication date, which PolNeAR's
``metadata.tsv`` gives) over polnear-train (tune material) and prints, per variant, how many stories
it makes, the three largest, and how many articles sit in stories spanning more than 60 days; beside
it, the F1 on news-cluster-dev's tune part (11 orders, the caller's dates), so that no variant is read
without its cost there. PolNeAR has no story labels: these are counts to read with the examples
printed, not scores.

Variants: ``--rarity P`` weighs each term of a fingerprint by (idf / largest idf) ** P, the document
frequencies counted over the archive (polnear-train, and for news-cluster its tune part with it), as
ingest could learn them; 0 is the grouping as it ships. Parses come from the news-cluster benchmark's
cache (``benchmarks.eval_news_cluster.parsed_texts``).
"""

from __future__ import annotations

import argparse
import csv
import math
import sys
from collections import Counter
from dataclasses import replace
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks import eval_news_cluster as news_cluster  # noqa: E402
from benchmarks.splits import EVAL, TUNE  # noqa: E402
from newsapi.extraction.stories import STORY_PARAMS, article_fingerprint, group_online  # noqa: E402

Item = tuple[dict[str, float], date | None]
LONG_DAYS = 60


def polnear_items(eval_dir: Path) -> tuple[list[Item], list[str]]:
    """polnear-train's fingerprints and days in date order, with their titles."""
    folder = eval_dir / "polnear-train"
    with (folder / "metadata.tsv").open(encoding="utf-8") as handle:
        rows = sorted(csv.DictReader(handle, delimiter="\t"), key=lambda row: row["publication_date"])
    paths = {row["filename"]: folder / "text" / f"{row['filename']}.txt" for row in rows}
    paths = {name: path for name, path in paths.items() if path.exists()}
    parsed = news_cluster.parsed_texts(paths)
    kept = [row for row in rows if row["filename"] in paths]
    items = [
        (
            article_fingerprint(*(parsed[row["filename"]][k] for k in ("title", "body", "entities"))),
            date.fromisoformat(row["publication_date"][:10]),
        )
        for row in kept
    ]
    return items, [parsed[row["filename"]]["title"] for row in kept]


def weighed_by_rarity(items: list[Item], frequencies: Counter, documents: int, power: float) -> list[Item]:
    """Each term times (smoothed idf / its largest value) ** ``power``, the vector L2-normalised again."""
    if not power:
        return items
    largest = math.log(1 + documents) + 1
    weighed = []
    for fingerprint, day in items:
        vector = {
            term: weight * ((math.log((1 + documents) / (1 + frequencies[term])) + 1) / largest) ** power
            for term, weight in fingerprint.items()
        }
        norm = math.sqrt(sum(value * value for value in vector.values())) or 1.0
        weighed.append(({term: value / norm for term, value in vector.items()}, day))
    return weighed


def _frequencies(items: list[Item]) -> Counter:
    return Counter(term for fingerprint, _ in items for term in fingerprint)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir", type=Path, default=EVAL)
    parser.add_argument("--rarity", default="0,0.5,1", help="powers of the learned rarity; 0 = as shipped")
    parser.add_argument("--bars", default=str(STORY_PARAMS.threshold), help="story thresholds to try")
    parser.add_argument("--examples", type=int, default=0, help="titles of the largest stories to print")
    args = parser.parse_args(argv)
    if not (args.eval_dir / "polnear-train").exists():
        print(f"No polnear-train under {args.eval_dir}.", file=sys.stderr)
        return 1
    items, titles = polnear_items(args.eval_dir)
    rows = news_cluster.load_labels(args.eval_dir / "news-cluster-dev")
    features = news_cluster.extracted_features(args.eval_dir / "news-cluster-dev", rows)
    tune_rows, tune_features = news_cluster._part(rows, features, TUNE)
    tune_items = news_cluster._items(tune_rows, tune_features, "caller")
    truth = [row["event_id"] for row in tune_rows]
    orders = news_cluster._orders(len(tune_items), 11, [day for _, day in tune_items])
    archive = _frequencies(items)
    print(
        "| rarity | bar | stories | three largest | in stories over 60 days | news-cluster tune F1 mean / worst |"
    )
    print("|---|---|---|---|---|---|")
    for power in (float(p) for p in args.rarity.split(",")):
        weighed = weighed_by_rarity(items, archive, len(items), power)
        tune = weighed_by_rarity(
            tune_items, archive + _frequencies(tune_items), len(items) + len(tune_items), power
        )
        for bar in (float(b) for b in args.bars.split(",")):
            params = replace(STORY_PARAMS, threshold=bar)
            labels = group_online(weighed, None, params)
            sizes = Counter(labels)
            spans: dict[int, tuple[date, date]] = {}
            for (_, day), label in zip(items, labels, strict=True):
                first, last = spans.get(label, (day, day))
                spans[label] = (min(first, day), max(last, day))
            long = sum(
                sizes[label] for label, (first, last) in spans.items() if (last - first).days > LONG_DAYS
            )
            scores = [
                news_cluster.pairwise_scores(truth, group_online(tune, order, params))["f1"]
                for _, order in orders
            ]
            print(
                f"| {power:g} | {bar:g} | {len(sizes)} | {', '.join(map(str, sorted(sizes.values())[-3:]))} | "
                f"{long} | {sum(scores) / len(scores):.3f} / {min(scores):.3f} |"
            )
            for label, size in sizes.most_common(args.examples):
                members = [i for i, other in enumerate(labels) if other == label]
                print(f"    {size}: " + "; ".join(f"{items[i][1]} {titles[i][:60]}" for i in members[:8]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
