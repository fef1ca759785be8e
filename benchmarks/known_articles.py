"""The raw articles of the development sets with what each set knows about them, and their part.

The benchmarks that score a field the sets' metadata holds (titles, publication dates, authors) read
the articles the same way: news-cluster-dev's ``labels.tsv`` rows, PolNeAR's ``metadata.tsv`` rows,
5w1h-dev's ``ID.json`` files. The part of each article follows ``benchmarks/splits.py``: news-cluster
by event id, 5w1h by story label, polnear-train tuned on and polnear-dev checked, both whole.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, TypeVar

from benchmarks.splits import CHECK, EVAL, TUNE, in_news_cluster_split, in_split


@dataclass(frozen=True)
class KnownArticle:
    key: str
    part: str
    text: str
    known: dict[str, Any]  # the set's metadata of the article, as the set writes it


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def news_cluster_articles(eval_dir: Path) -> Iterator[KnownArticle]:
    folder = eval_dir / "news-cluster-dev"
    for row in _rows(folder / "labels.tsv"):
        part = TUNE if in_news_cluster_split(row["event_id"], TUNE) else CHECK
        yield KnownArticle(
            row["file"], part, (folder / "articles" / row["file"]).read_text(encoding="utf-8"), row
        )


def polnear_articles(eval_dir: Path, name: str) -> Iterator[KnownArticle]:
    """``name`` is ``polnear-train`` (tune) or ``polnear-dev`` (check)."""
    folder = eval_dir / name
    part = TUNE if name == "polnear-train" else CHECK
    for row in _rows(folder / "metadata.tsv"):
        path = folder / "text" / f"{row['filename']}.txt"
        if path.exists():
            yield KnownArticle(row["filename"], part, path.read_text(encoding="utf-8"), row)


def five_w1h_articles(eval_dir: Path) -> Iterator[KnownArticle]:
    for path in sorted((eval_dir / "5w1h-dev").glob("*.json")):
        meta = json.loads(path.read_text(encoding="utf-8"))
        part = TUNE if in_split(meta.get("category", ""), TUNE) else CHECK
        yield KnownArticle(path.stem, part, path.with_suffix(".txt").read_text(encoding="utf-8"), meta)


# Each set by its folder's name: the articles of every part.
ARTICLE_SETS = {
    "news-cluster-dev": news_cluster_articles,
    "polnear-train": lambda eval_dir: polnear_articles(eval_dir, "polnear-train"),
    "polnear-dev": lambda eval_dir: polnear_articles(eval_dir, "polnear-dev"),
    "5w1h-dev": five_w1h_articles,
}


class _InAPart(Protocol):
    part: str


ItemT = TypeVar("ItemT", bound=_InAPart)


def items_of_part(
    sets: dict[str, Callable[[Path], list[ItemT]]], eval_dir: Path, part: str
) -> dict[str, list[ItemT]]:
    """The scored items of each set found under ``eval_dir``, of one part (``all``: every part); sets
    with no item there are left out."""
    found = {}
    for name, load in sets.items():
        if (eval_dir / name).exists():
            items = [item for item in load(eval_dir) if part == "all" or item.part == part]
            if items:
                found[name] = items
    return found


def report_main(
    argv: list[str] | None,
    *,
    description: str,
    heading: Callable[[argparse.Namespace], str],
    evaluate: Callable[[argparse.Namespace], dict[str, Any]],
    table: Callable[[dict[str, Any]], str],
    add_arguments: Callable[[argparse.ArgumentParser], None] = lambda parser: None,
) -> int:
    """The command line the scorers of a metadata field share: ``--eval-dir``, ``--part`` (check by
    default), ``--json``, and the scorer's own options; a missing eval folder is an error with a
    sentence."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--eval-dir", type=Path, default=EVAL)
    parser.add_argument("--part", choices=[TUNE, CHECK, "all"], default=CHECK)
    add_arguments(parser)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if not args.eval_dir.exists():
        print(f"No evaluation data at {args.eval_dir}.", file=sys.stderr)
        return 1
    results = evaluate(args)
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print(heading(args))
        print(table(results))
    return 0
