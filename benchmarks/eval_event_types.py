"""The main event's type against hand labels of tune material, tune and check halves apart.

    python -m benchmarks.eval_event_types [--eval-dir ../shared/eval] [--part tune|check|both]
                                          [--cache /tmp/events-cache] [--per-article] [--json]
    python -m benchmarks.eval_event_types --select     # the articles the selection rule picks

No development set scores the event type, so ``benchmarks/data/event_type_labels.tsv`` holds the
main event's type (``lexicon.EVENT_TYPES``) of 147 articles of tune material, labelled by hand
before any system output for them was read (its header states the conventions). The articles are
picked by a rule (``select``): news-cluster-dev's tune part (at most three per event, first by SHA-1
of the file name), the first 75 files of polnear-train by SHA-1 of their name, 5w1h-dev's tune part,
and the first 20 documents of timebank-dev's tune part by SHA-1 of their name. The labels are split
again into a tune and a check half by a hash of the story (``label_part``), so that rules are written
on one half and judged on the other.

Each article runs through ``extract_article`` with its publication date as the caller's date. The
report per part: the type accuracy over the articles labelled with a type (a label may allow two
types, "statement;crime"), a confusion summary (gold -> predicted, misses only), and the coverage:
the share of labelled articles that get a main event and the share whose main event is ``other``.
Articles labelled ``none`` (opinion, analysis, profiles: no happening reported) are counted apart.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks.eval_5w1h import CachedNLP  # noqa: E402
from benchmarks.splits import CHECK, TUNE, in_news_cluster_split, in_split, split_of  # noqa: E402
from newsapi.extraction.lexicon import OTHER  # noqa: E402
from newsapi.extraction.pipeline import extract_article  # noqa: E402

DEFAULT_EVAL_DIR = REPO.parent / "shared" / "eval"
LABELS = REPO / "benchmarks" / "data" / "event_type_labels.tsv"
NONE = "none"  # the article reports no happening
TEXTS = {
    "news-cluster-dev": "news-cluster-dev/articles/{file}",
    "polnear-train": "polnear-train/text/{file}.txt",
    "5w1h-dev": "5w1h-dev/{file}.txt",
    "timebank-dev": "timebank-dev/{file}.txt",
}
NEWS_CLUSTER_PER_EVENT = 3
POLNEAR_FILES = 75
TIMEBANK_DOCS = 20


def _sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def label_part(set_name: str, story: str) -> str:
    """The half of the labels an article belongs to: a hash of its story, salted so that it does not
    repeat the split of the set itself (every labelled article is tune material of its set)."""
    return split_of(f"event-types:{set_name}:{story}")


def select(eval_dir: Path = DEFAULT_EVAL_DIR) -> list[dict[str, str]]:
    """The articles the selection rule picks: set, file, published, story."""
    rows: list[dict[str, str]] = []
    with (eval_dir / "news-cluster-dev" / "labels.tsv").open(encoding="utf-8") as handle:
        cluster = [r for r in csv.DictReader(handle, delimiter="\t") if r.get("event_id", "").isdigit()]
    taken: Counter[str] = Counter()
    for row in sorted(cluster, key=lambda r: _sha1(r["file"])):
        if in_news_cluster_split(row["event_id"], TUNE) and taken[row["event_id"]] < NEWS_CLUSTER_PER_EVENT:
            taken[row["event_id"]] += 1
            rows.append(
                {
                    "set": "news-cluster-dev",
                    "file": row["file"],
                    "published": row["date_publish"][:10],
                    "story": row["event_id"],
                }
            )
    with (eval_dir / "polnear-train" / "metadata.tsv").open(encoding="utf-8") as handle:
        meta = {r["filename"]: r for r in csv.DictReader(handle, delimiter="\t")}
    for name in sorted(meta, key=_sha1)[:POLNEAR_FILES]:
        rows.append(
            {"set": "polnear-train", "file": name, "published": meta[name]["publication_date"], "story": name}
        )
    for path in sorted((eval_dir / "5w1h-dev").glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        if in_split(gold.get("category", ""), TUNE):
            rows.append(
                {
                    "set": "5w1h-dev",
                    "file": path.stem,
                    "published": gold["published"],
                    "story": gold["category"],
                }
            )
    with (eval_dir / "timebank-dev" / "index.tsv").open(encoding="utf-8") as handle:
        index = {r["name"]: r for r in csv.DictReader(handle, delimiter="\t")}
    for name in sorted((n for n in index if in_split(n, TUNE)), key=_sha1)[:TIMEBANK_DOCS]:
        rows.append({"set": "timebank-dev", "file": name, "published": index[name]["dct"], "story": name})
    return rows


def read_labels(path: Path = LABELS) -> list[dict[str, str]]:
    """The labelled rows (comment lines start with ``#``)."""
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t"))


def main_event_type(text: str, published: date | None, nlp: Any) -> str | None:
    extraction = extract_article(text, published_hint=published, nlp=nlp)
    main = next((e for e in extraction.events if e.main), None)
    return main.type if main is not None else None


def evaluate(
    eval_dir: Path = DEFAULT_EVAL_DIR, part: str = CHECK, cache: Path | None = None, labels: Path = LABELS
) -> dict[str, Any]:
    """Type accuracy, confusion and coverage on one half of the labels."""
    nlp = CachedNLP(cache)
    typed = hits = with_main = as_other = 0
    none_with_main = nones = 0
    confusion: Counter[tuple[str, str]] = Counter()
    gold_counts: Counter[str] = Counter()
    rows = []
    for row in read_labels(labels):
        if row["part"] != part:
            continue
        text = (eval_dir / TEXTS[row["set"]].format(file=row["file"])).read_text(encoding="utf-8")
        predicted = main_event_type(text, date.fromisoformat(row["published"]), nlp)
        gold = row["type"].split(";")
        if gold == [NONE]:
            nones += 1
            none_with_main += predicted is not None
            rows.append({**row, "predicted": predicted, "hit": None})
            continue
        typed += 1
        gold_counts[gold[0]] += 1
        with_main += predicted is not None
        as_other += predicted == OTHER
        hit = predicted in gold
        hits += hit
        if not hit:
            confusion[(row["type"], predicted or "(no main event)")] += 1
        rows.append({**row, "predicted": predicted, "hit": hit})
    return {
        "part": part,
        "typed_articles": typed,
        "type_accuracy": round(hits / typed, 3) if typed else None,
        "hits": hits,
        "with_main_event": round(with_main / typed, 3) if typed else None,
        "typed_other": round(as_other / typed, 3) if typed else None,
        "none_articles": nones,
        "none_with_main_event": none_with_main,
        "gold_types": dict(gold_counts.most_common()),
        "confusion": {f"{g} -> {p}": n for (g, p), n in confusion.most_common()},
        "rows": rows,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL_DIR)
    parser.add_argument("--part", choices=[CHECK, TUNE, "both"], default=TUNE)
    parser.add_argument("--cache", type=Path, default=None, help="folder for cached spaCy parses")
    parser.add_argument("--per-article", action="store_true")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--select", action="store_true", help="print the articles the selection rule picks")
    args = parser.parse_args(argv)
    if not (args.eval_dir / "news-cluster-dev").exists():
        print(f"No evaluation sets under {args.eval_dir}; nothing to score.", file=sys.stderr)
        return 1
    if args.select:
        for row in select(args.eval_dir):
            print("\t".join([row["set"], row["file"], row["published"], row["story"]]))
        return 0
    parts = [TUNE, CHECK] if args.part == "both" else [args.part]
    reports = [evaluate(args.eval_dir, part, args.cache) for part in parts]
    if args.json:
        for report in reports:
            if not args.per_article:
                report.pop("rows")
        print(json.dumps(reports, indent=1))
        return 0
    for report in reports:
        print(
            f"{report['part']} half: type right {report['type_accuracy']:.3f} "
            f"({report['hits']}/{report['typed_articles']}); with a main event {report['with_main_event']:.3f}, "
            f"typed {OTHER} {report['typed_other']:.3f}; 'none' articles {report['none_articles']} "
            f"({report['none_with_main_event']} with a main event)"
        )
        print(f"  gold types: {json.dumps(report['gold_types'])}")
        print(
            "  misses (gold -> predicted): " + "; ".join(f"{k} x{v}" for k, v in report["confusion"].items())
        )
        if args.per_article:
            for row in report["rows"]:
                mark = "  " if row["hit"] is None else ("ok" if row["hit"] else "XX")
                print(
                    f"    {mark} {row['type']:<20} {row['predicted']!s:<12} {row['set']} {row['file'][:50]}"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
