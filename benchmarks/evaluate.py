"""Extraction quality in one run: the seeds' hand-written gold and the annotated public sets.

    python -m benchmarks.evaluate [--eval-dir ../shared/eval] [--only eval_5w1h] [--skip-seeds]

Seeds (tests/gold/seeds.json): entities, quotes, events, publication dates and
stories against hand-written gold. Then every annotated development set, each
by its own benchmark module (``SETS`` below), on the part of the set that was
not tuned on (benchmarks/splits.py), with the peers measured in the same run:
HeidelTime and Duckling (timebank-dev), the publication date as event date
(5w1h-dev), textacy (PolNeAR dev, when importable), TF-IDF + average-link
clustering (news-cluster-dev), token Jaccard (news-cluster-dev's hand-labelled quote pairs). No
Django: runs the plain-Python pipeline.
"""

from __future__ import annotations

import argparse
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
            stories.article_fingerprint(
                x.cleaned.title, x.cleaned.body, [e.name for e in x.entities], x.lead_vector
            ),
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


# Every development set, the part it is reported on, and the arguments its own benchmark takes.
# Each benchmark scores its check part (benchmarks/splits.py) beside its peers in the same run.
SETS: list[tuple[str, str, list[str]]] = [
    ("timebank-dev: time expressions (check part), beside Duckling and HeidelTime", "eval_timebank", []),
    (
        "5w1h-dev: main events (check part), beside the publication-date baseline",
        "eval_5w1h",
        ["--part", "check"],
    ),
    ("polnear-dev: direct quotes and speakers, beside textacy", "eval_polnear", ["--split", "dev"]),
    ("news-cluster-dev: stories as ingest groups them (check part), beside TF-IDF", "eval_news_cluster", []),
    (
        "news-cluster-dev: quote groups on hand-labelled quote pairs (check part), beside token Jaccard",
        "eval_quote_groups",
        ["--part", "check"],
    ),
    ("publication dates read from the text (check parts)", "eval_pubdates", ["--part", "check"]),
    (
        "titles picked out of the raw text (check parts), beside the first line",
        "eval_titles",
        ["--part", "check"],
    ),
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Score newsapi's extraction on every set in one run.")
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL_DIR)
    parser.add_argument(
        "--only", action="append", default=[], help="run only these benchmarks (e.g. eval_5w1h)"
    )
    parser.add_argument("--skip-seeds", action="store_true")
    args = parser.parse_args(argv)

    import importlib

    failed = []
    if not args.skip_seeds and not args.only:
        print("## seeds (hand-written gold, tests/gold/seeds.json)\n")
        print(seed_table(evaluate_seeds()))
    for title, module_name, extra in SETS:
        if args.only and module_name not in args.only:
            continue
        print(f"\n## {title}\n", flush=True)
        module = importlib.import_module(f"benchmarks.{module_name}")
        if module_name == "eval_news_cluster":
            module_args = [str(args.eval_dir / "news-cluster-dev"), *extra]
        else:
            module_args = ["--eval-dir", str(args.eval_dir), *extra]
        if module.main(module_args) != 0:
            failed.append(module_name)
    if failed:
        print(f"\nNot measured (no data or an error): {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
