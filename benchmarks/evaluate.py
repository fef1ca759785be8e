"""Extraction quality in one run: the seeds' hand-written gold and the annotated public sets.

    python benchmarks/evaluate.py [--eval-dir ../shared/eval] [--skip-polnear] [--skip-news-cluster] [--json]

Seeds (tests/gold/seeds.json): entities (name; name and type), direct quotes
(found; right speaker), indirect quotes, events (found with the right date;
right date and place), publication dates, story grouping (pairwise F1).
PolNeAR dev: direct-quote attribution, newsapi beside textacy's
``direct_quotations`` when textacy is importable (see benchmarks/README note
in BENCHMARKS.md). news-cluster dev: story grouping, pairwise F1 and ARI.
No Django: runs the plain-Python pipeline.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks.seed_scoring import load_gold, score_corpus  # noqa: E402
from newsapi.extraction import stories  # noqa: E402
from newsapi.extraction.pipeline import date_is_weak, extract_article, refine_with_story_dates  # noqa: E402
from newsapi.extraction.types import DIRECT, INDIRECT, ArticleExtraction  # noqa: E402

SEEDS_DIR = REPO / "seeds"
DEFAULT_EVAL_DIR = REPO.parent / "shared" / "eval"
PARTIAL_QUOTE_WORDS = 4


def as_predicted(extraction: ArticleExtraction) -> dict[str, Any]:
    """The pipeline's dataclasses in the gold's plain-dict shape (see benchmarks/seed_scoring.py)."""

    def speaker(quote) -> str | None:
        return quote.speaker_name or quote.speaker_text

    return {
        "published_at": extraction.published.value.isoformat() if extraction.published.value else None,
        "title": extraction.cleaned.title or None,
        "entities": [
            {"name": e.name, "type": e.type, "aliases": sorted(e.aliases), "role": e.role}
            for e in extraction.entities
        ],
        "quotes": [
            {"text": q.text, "speaker": speaker(q), "partial": len(q.text.split()) <= PARTIAL_QUOTE_WORDS}
            for q in extraction.quotes
            if q.kind == DIRECT
        ],
        "indirect_quotes": [
            {"text": q.text, "speaker": speaker(q)} for q in extraction.quotes if q.kind == INDIRECT
        ],
        "events": [
            {
                "title": e.title,
                "type": e.type,
                "kind": e.kind,
                "main": e.main,
                "date": e.date.isoformat() if e.date else None,
                "precision": e.date_precision,
                "location": e.location_name,
                "participants": list(e.participant_names),
            }
            for e in extraction.events
        ],
    }


def predict_seeds(seeds_dir: Path = SEEDS_DIR) -> dict[str, dict[str, Any]]:
    """Run the pipeline over every seed and group them into stories as ingest would."""
    paths = sorted(seeds_dir.glob("*.txt"))
    extractions = [extract_article(path.read_text(encoding="utf-8")) for path in paths]
    items = [
        (
            stories.article_fingerprint(x.cleaned.title, x.cleaned.body, [e.name for e in x.entities]),
            None if date_is_weak(x) else x.published.value,
        )
        for x in extractions
    ]
    labels = stories.group_online(items)
    # As ingest does: a weak date is re-decided from the confident dates of its story.
    predicted: dict[str, dict[str, Any]] = {}
    for index, (path, extraction) in enumerate(zip(paths, extractions, strict=True)):
        story_dates = [
            other.published.value
            for j, other in enumerate(extractions)
            if j != index and labels[j] == labels[index] and not date_is_weak(other)
        ]
        predicted[path.name] = as_predicted(refine_with_story_dates(extraction, story_dates))
        predicted[path.name]["story"] = f"story-{labels[index]}"
    return predicted


def evaluate_seeds() -> dict[str, Any]:
    return score_corpus(load_gold(), predict_seeds())


def _row(name: str, score: dict[str, Any]) -> str:
    return f"| {name} | {score['precision']:.3f} | {score['recall']:.3f} | {score['f1']:.3f} |"


def seed_table(scores: dict[str, Any]) -> str:
    lines = ["| seeds | precision | recall | F1 |", "|---|---|---|---|"]
    for key, label in [
        ("entities", "entities (name)"),
        ("entities_with_type", "entities (name and type)"),
        ("quotes", "direct quotes (found)"),
        ("indirect_quotes", "indirect quotes (found)"),
        ("events", "events (found, right date)"),
        ("stories", "story grouping (pairwise)"),
    ]:
        lines.append(_row(label, scores[key]))
    lines.append(
        f"| direct quotes with the right speaker (share of found) | | | {scores['quote_speaker_share']:.3f} |"
    )
    lines.append(
        f"| events with right date and place (share of found) | | | {scores['event_right_date_and_place_share']:.3f} |"
    )
    lines.append(f"| publication dates right (accuracy) | | | {scores['published_at_accuracy']:.3f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Score newsapi's extraction.")
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL_DIR)
    parser.add_argument("--skip-polnear", action="store_true")
    parser.add_argument("--skip-news-cluster", action="store_true")
    parser.add_argument("--json", action="store_true", help="print every figure as JSON")
    args = parser.parse_args(argv)

    report: dict[str, Any] = {"seeds": evaluate_seeds()}
    if not args.skip_polnear:
        if (args.eval_dir / "polnear-dev").exists():
            from benchmarks.eval_polnear import score_polnear

            report["polnear_dev"] = score_polnear(args.eval_dir)
        else:
            print(f"No PolNeAR data under {args.eval_dir}; skipped.", file=sys.stderr)
    if not args.skip_news_cluster:
        if (args.eval_dir / "news-cluster-dev" / "labels.tsv").exists():
            from benchmarks.eval_news_cluster import score_news_cluster

            report["news_cluster_dev"] = score_news_cluster(args.eval_dir / "news-cluster-dev")
        else:
            print(f"No news-cluster data under {args.eval_dir}; skipped.", file=sys.stderr)

    if args.json:
        print(json.dumps(report, indent=2, default=str))
        return 0
    print(seed_table(report["seeds"]))
    if "polnear_dev" in report:
        print("\nPolNeAR dev, direct quotes:")
        for system, scores in report["polnear_dev"]["systems"].items():
            print(f"  {system}: {json.dumps(scores, default=str)}")
    if "news_cluster_dev" in report:
        nc = report["news_cluster_dev"]
        online, peer = nc["online"], nc["peer_tfidf_average_link"]
        print(
            f"\nnews-cluster dev, {nc['part']} part ({nc['articles']} articles, {nc['events']} events), "
            f"online over {online['orders']} arrival orders: pairwise F1 mean {online['mean']['f1']:.3f}, "
            f"worst {online['worst']['f1']:.3f} (ARI {online['mean']['ari']:.3f}); "
            f"TF-IDF + average link {peer['f1']:.3f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
