"""Main events on 5w1h-dev (Giveme5W1H gold), scored by the set's own scorer, tune and check apart.

    python -m benchmarks.eval_5w1h [--eval-dir ../shared/eval] [--part check|tune|all] [--json]
                                   [--per-article] [--cache /tmp/events-cache] [--news-cluster]
                                   [--hand-labels] [--check-labels]

Each article runs through ``extract_article`` with its ``published`` date supplied as the caller's
date (``published_hint``), as a scraper would pass it. Predictions are written in the format of
``main_event_score.py`` (events with date, location, participants and the main flag) and scored by
that file, imported from the evaluation folder, so the figures are the ones the blind twin gets.
The "publication date as the event date" baseline is scored in the same run. Figures are reported
for the ``check`` part (benchmarks/splits.split_of(category)); rules are tuned on ``tune`` only.
``--cache`` keeps the spaCy parses on disk (DocBin) so re-runs skip the model. ``--news-cluster``
adds a sanity check over news-cluster-dev, which has no event gold: the share of its articles (35
real-world events of many topics) that get a main event, and the types found. ``--hand-labels``
scores, by the same scorer, the main event's when and where hand-labelled on tune material only
(``benchmarks/data/main_event_hand_labels.tsv``: news-cluster-dev's tune part, polnear-train and
timebank-dev's tune part), a larger tune set than 5w1h-dev's 17 tune articles. ``--check-labels``
scores the second held-back set (``benchmarks/data/main_event_check_labels.tsv``: timebank-dev's
check part and polnear-dev, labelled before any system output was read): check-only, run it only to
judge a finished change and report every run.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import sys
import tempfile
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks.intervals import bootstrap, shown, wilson  # noqa: E402
from benchmarks.splits import CHECK, TUNE, in_split  # noqa: E402
from newsapi.extraction.nlp import get_nlp  # noqa: E402
from newsapi.extraction.pipeline import extract_article  # noqa: E402
from newsapi.extraction.types import ArticleExtraction  # noqa: E402

DEFAULT_EVAL_DIR = REPO.parent / "shared" / "eval"
SET_NAME = "5w1h-dev"
HAND_LABELS = REPO / "benchmarks" / "data" / "main_event_hand_labels.tsv"
CHECK_LABELS = REPO / "benchmarks" / "data" / "main_event_check_labels.tsv"
HAND_LABEL_TEXTS = {
    "news-cluster-dev": "articles/{file}",
    "polnear-train": "text/{file}.txt",
    "polnear-dev": "text/{file}.txt",
    "timebank-dev": "{file}.txt",
}


class CachedNLP:
    """The shared spaCy pipeline with its parses kept on disk, keyed by a hash of the text and tokenizer rules."""

    def __init__(self, folder: Path | None):
        self.nlp = get_nlp()
        self.folder = folder
        if folder is not None:
            folder.mkdir(parents=True, exist_ok=True)

    def __getattr__(self, name: str):
        return getattr(self.nlp, name)  # max_length, vocab, pipe: the pipeline's own

    def __call__(self, text: str):
        from spacy.tokens import DocBin

        if self.folder is None:
            return self.nlp(text)
        key = self.nlp.meta.get("newsapi_tokenizer", "") + "\0" + text  # new tokenizer rules, new parses
        path = self.folder / (hashlib.sha1(key.encode("utf-8")).hexdigest() + ".spacy")
        if path.exists():
            return next(iter(DocBin().from_disk(path).get_docs(self.nlp.vocab)))
        doc = self.nlp(text)
        bin_ = DocBin(store_user_data=False)
        bin_.add(doc)
        bin_.to_disk(path)
        return doc


def load_scorer(eval_dir: Path):
    """``main_event_score.score`` from the evaluation folder, imported as a module."""
    spec = importlib.util.spec_from_file_location("main_event_score", eval_dir / "main_event_score.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module.score


def as_prediction(extraction: ArticleExtraction) -> dict[str, Any]:
    """One article's events in the scorer's format."""
    return {
        "events": [
            {
                "date": e.date.isoformat() if e.date else None,
                "location": e.location_name,
                "participants": [*e.participant_names, *([e.actor_text] if e.actor_text else [])],
                "main": e.main,
                "type": e.type,
                "precision": e.date_precision,
            }
            for e in extraction.events
        ]
    }


def _articles(set_dir: Path, part: str) -> list[tuple[str, dict[str, Any], str]]:
    out = []
    for path in sorted(set_dir.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        if "main_event" not in gold or not in_split(gold.get("category", ""), part):
            continue
        out.append((path.stem, gold, path.with_suffix(".txt").read_text(encoding="utf-8")))
    return out


def _subset_dir(set_dir: Path, names: list[str], into: Path) -> Path:
    """A folder holding only the gold files of one part, for the scorer, which reads a whole folder."""
    for name in names:
        (into / f"{name}.json").write_bytes((set_dir / f"{name}.json").read_bytes())
    return into


def evaluate(
    eval_dir: Path = DEFAULT_EVAL_DIR, part: str = CHECK, cache: Path | None = None
) -> dict[str, Any]:
    """Scores of newsapi and of the publication-date baseline on one part, from one run."""
    set_dir = eval_dir / SET_NAME
    score = load_scorer(eval_dir)
    nlp = CachedNLP(cache)
    articles = _articles(set_dir, part)
    predictions: dict[str, Any] = {}
    baseline: dict[str, Any] = {}
    with_main = 0
    for name, gold, text in articles:
        published = date.fromisoformat(gold["published"]) if gold.get("published") else None
        extraction = extract_article(text, published_hint=published, nlp=nlp)
        predictions[name] = as_prediction(extraction)
        with_main += any(e.main for e in extraction.events)
        baseline[name] = {
            "events": [{"date": gold["published"], "location": None, "participants": [], "main": True}]
        }
    with tempfile.TemporaryDirectory() as tmp:
        gold_dir = _subset_dir(set_dir, [name for name, _, _ in articles], Path(tmp))
        ours, per_article = score(str(gold_dir), predictions)
        base, base_per_article = score(str(gold_dir), baseline)
    return {
        "part": part,
        "articles": len(articles),
        "with_main_event": with_main,
        "newsapi": ours,
        "publication_date_baseline": base,
        "intervals": field_intervals(per_article, base_per_article),
        "per_article": per_article,
        "predictions": predictions,
    }


def news_cluster_sanity(eval_dir: Path = DEFAULT_EVAL_DIR, cache: Path | None = None) -> dict[str, Any]:
    """Main events across the topics of news-cluster-dev (no event gold there): the share of articles
    that get one, the types found, and how many dated main events lie within a week before the
    publication date in labels.tsv (0 to 7 days) or are undated."""
    import csv

    folder = eval_dir / "news-cluster-dev"
    with (folder / "labels.tsv").open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle, delimiter="\t") if r.get("event_id", "").isdigit()]
    nlp = CachedNLP(cache)
    types: Counter[str] = Counter()
    topics_with: set[str] = set()
    with_main = recent = undated = 0
    for row in rows:
        published = date.fromisoformat(row["date_publish"][:10]) if row.get("date_publish") else None
        text = (folder / "articles" / row["file"]).read_text(encoding="utf-8")
        extraction = extract_article(text, published_hint=published, nlp=nlp)
        main = next((e for e in extraction.events if e.main), None)
        if main is None:
            continue
        with_main += 1
        topics_with.add(row["event_id"])
        types[main.type] += 1
        if main.date is None:
            undated += 1
        elif published is not None and 0 <= (published - main.date).days <= 7:
            recent += 1
    return {
        "articles": len(rows),
        "with_main_event": with_main,
        "share_with_main_event": round(with_main / (len(rows) or 1), 3),
        "topics": len({r["event_id"] for r in rows}),
        "topics_with_a_main_event": len(topics_with),
        "main_dated_within_a_week_before_publication": recent,
        "main_undated": undated,
        "types": dict(types.most_common()),
    }


def read_hand_labels(path: Path = HAND_LABELS) -> list[dict[str, str]]:
    """The hand-labelled rows (comment lines start with ``#``)."""
    import csv

    with path.open(encoding="utf-8") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def evaluate_hand_labels(
    eval_dir: Path = DEFAULT_EVAL_DIR,
    cache: Path | None = None,
    labels: Path = HAND_LABELS,
    part: str = "hand-labelled tune",
) -> dict[str, Any]:
    """newsapi and the publication-date baseline on hand-labelled articles (the tune labels, or the
    held-back check labels), by the 5w1h scorer."""
    score = load_scorer(eval_dir)
    nlp = CachedNLP(cache)
    predictions: dict[str, Any] = {}
    baseline: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for row in read_hand_labels(labels):
            name = f"{row['set']}__{row['file']}"
            text = (eval_dir / row["set"] / HAND_LABEL_TEXTS[row["set"]].format(file=row["file"])).read_text(
                encoding="utf-8"
            )
            gold = {
                "main_event": {
                    "when": [{"text": "", "parsed": day} for day in row["when"].split(";") if day],
                    "where": [phrase.strip() for phrase in row["where"].split("|") if phrase.strip()],
                }
            }
            (Path(tmp) / f"{name}.json").write_text(json.dumps(gold), encoding="utf-8")
            extraction = extract_article(text, published_hint=date.fromisoformat(row["published"]), nlp=nlp)
            predictions[name] = as_prediction(extraction)
            baseline[name] = {
                "events": [{"date": row["published"], "location": None, "participants": [], "main": True}]
            }
        ours, per_article = score(tmp, predictions)
        base, base_per_article = score(tmp, baseline)
    return {
        "part": part,
        "articles": len(per_article),
        "with_main_event": sum(any(e["main"] for e in p["events"]) for p in predictions.values()),
        "newsapi": ours,
        "publication_date_baseline": base,
        "intervals": field_intervals(per_article, base_per_article),
        "per_article": per_article,
        "predictions": predictions,
    }


def field_intervals(per_article: dict[str, dict], baseline: dict[str, dict]) -> dict[str, Any]:
    """95% intervals of each field's hit rate (Wilson) and of newsapi's lead over the baseline
    (articles resampled, both systems on the same draw)."""
    found: dict[str, Any] = {}
    for field in ("when", "where", "who"):
        rows = [
            (row[field], baseline.get(name, {}).get(field, False))
            for name, row in per_article.items()
            if field in row
        ]
        if not rows:
            continue
        found[field] = {
            "newsapi": wilson(sum(ours for ours, _ in rows), len(rows)),
            "newsapi_minus_baseline": bootstrap(
                rows, lambda drawn: sum(ours - base for ours, base in drawn) / len(drawn)
            ),
        }
    return found


def _intervals_line(intervals: dict[str, Any]) -> str:
    cells = [
        f"{field} {shown(bounds['newsapi'])}, over the baseline {shown(bounds['newsapi_minus_baseline'], signed=True)}"
        for field, bounds in intervals.items()
    ]
    return "  95% intervals (articles resampled)  " + "; ".join(cells)


def _line(name: str, scores: dict[str, Any]) -> str:
    cells = [
        f"{field} {scores[field]['accuracy']:.3f} ({scores[field]['hits']}/{scores[field]['articles']})"
        if scores[field]["accuracy"] is not None
        else f"{field} -"
        for field in ("when", "where", "who")
    ]
    return f"  {name:<28} " + "   ".join(cells) + f"   events/article {scores['events_per_article']}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL_DIR)
    parser.add_argument("--part", choices=[CHECK, TUNE, "all", "both"], default="both")
    parser.add_argument("--cache", type=Path, default=None, help="folder for cached spaCy parses")
    parser.add_argument("--per-article", action="store_true")
    parser.add_argument("--json", action="store_true")
    parser.add_argument(
        "--news-cluster", action="store_true", help="also the sanity check over news-cluster-dev's topics"
    )
    parser.add_argument(
        "--hand-labels",
        action="store_true",
        help="score the hand labels of tune material (benchmarks/data/main_event_hand_labels.tsv) only",
    )
    parser.add_argument(
        "--check-labels",
        action="store_true",
        help="score the held-back hand labels (benchmarks/data/main_event_check_labels.tsv) only: "
        "check material, to judge a finished change",
    )
    args = parser.parse_args(argv)
    if not (args.eval_dir / SET_NAME).exists():
        print(f"No {SET_NAME} under {args.eval_dir}; nothing to score.", file=sys.stderr)
        return 1
    parts = [CHECK, TUNE] if args.part == "both" else [args.part]
    if args.check_labels:
        reports = [evaluate_hand_labels(args.eval_dir, args.cache, CHECK_LABELS, "hand-labelled check")]
    elif args.hand_labels:
        reports = [evaluate_hand_labels(args.eval_dir, args.cache)]
    else:
        reports = [evaluate(args.eval_dir, part, args.cache) for part in parts]
    sanity = None
    if args.news_cluster and (args.eval_dir / "news-cluster-dev" / "labels.tsv").exists():
        sanity = news_cluster_sanity(args.eval_dir, args.cache)
    if args.json:
        if sanity is not None:
            reports.append({"news_cluster_sanity": sanity})
        for report in reports:
            if "news_cluster_sanity" in report:
                continue
            if not args.per_article:
                report.pop("per_article")
                report.pop("predictions")
        print(json.dumps(reports, indent=1, default=str))
        return 0
    for report in reports:
        print(
            f"{'' if args.hand_labels or args.check_labels else '5w1h-dev '}{report['part']} part: {report['articles']} articles, "
            f"{report['with_main_event']} with a main event"
        )
        print(_line("newsapi main event", report["newsapi"]))
        print(_line("publication date baseline", report["publication_date_baseline"]))
        if "intervals" in report:
            print(_intervals_line(report["intervals"]))
        if args.per_article:
            for name, row in report["per_article"].items():
                print(f"    {name[:60]} {row} {json.dumps(report['predictions'].get(name), default=str)}")
    if sanity is not None:
        print(
            f"news-cluster-dev sanity: {sanity['with_main_event']} of {sanity['articles']} articles "
            f"({sanity['share_with_main_event']:.3f}) have a main event, in {sanity['topics_with_a_main_event']} "
            f"of {sanity['topics']} topics; dated 0-7 days before publication: "
            f"{sanity['main_dated_within_a_week_before_publication']}, undated: {sanity['main_undated']}"
        )
        print(f"  types: {json.dumps(sanity['types'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
