"""Score quote grouping (one statement reported by several outlets) on hand-labelled quote pairs.

Usage::

    .venv/bin/python -m benchmarks.eval_quote_groups [--eval-dir ../shared/eval] [--part tune|check|both]
                                                     [--variants] [--json]

The pairs (``benchmarks/data/quote_pair_labels.tsv``, its header gives the labelling convention and
how the pairs were drawn) are quotes of two articles of one news-cluster-dev story whose speakers
ingest compares, each labelled "same statement" or not by hand. Their texts are read from the raw
articles by offset, so the figures do not move when the extraction does: this measures the grouping
alone. The part of each pair is its story's (``benchmarks.splits.news_cluster_split``); settings are
chosen on ``tune`` and reported on ``check``.

Three figures per part:

- pairwise: precision, recall and F1 of ``stories.same_quote`` over the labelled pairs, the decision
  ingest's grouping makes between two quotes;
- ingest groups: the groups ingest builds (articles arriving in file order), made by
  ``stories.MemoryQuoteIndex``, which runs ingest's own decisions (``stories.QuoteGrouping``, as
  ``articles.services._group_quotes`` calls it) over an in-memory index with the database one's
  bounds, scored on the labelled pairs (same group or not);
- group_quotes: ``stories.group_quotes`` (groups closed under ``same_quote``) over the same quotes.

The peer, in the same run: plain token Jaccard (lower-cased ``\\w+`` words) at a threshold chosen on
the tune part. The last row, the hand labels taken as the decision, is what ingest's groups can reach.
``--variants`` adds ``same_quote`` without its word-for-word fragment rule, at the current threshold
and at the one best on the tune part without it, and the groups joined on other shares of their
members (any, more than half, every one, the longest one; ingest: at least half).
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks.splits import news_cluster_split  # noqa: E402
from newsapi.extraction import stories  # noqa: E402
from newsapi.extraction.names import name_key  # noqa: E402

DEFAULT_EVAL_DIR = REPO.parent / "shared" / "eval"
LABELS = REPO / "benchmarks" / "data" / "quote_pair_labels.tsv"
PARTS = ("tune", "check")
THRESHOLD_GRID = [round(0.2 + 0.05 * i, 2) for i in range(13)]  # 0.20 .. 0.80
PEER_GRID = [round(0.05 + 0.01 * i, 2) for i in range(86)]  # 0.05 .. 0.90
_WORD = re.compile(r"\w+")
# Held here: ``ingest_groups`` stands another decision in for ``stories.same_quote`` while it runs.
SAME_QUOTE = stories.same_quote

# A decision: (text a, kind a, text b, kind b) -> same statement?
Decide = Callable[[str, str, str, str], bool]


def read_pairs(eval_dir: Path, labels: Path = LABELS) -> list[dict]:
    """The labelled pairs, each with both quotes' texts read from the raw articles."""
    articles = eval_dir / "news-cluster-dev" / "articles"
    texts: dict[str, str] = {}

    def text(name: str, start: str, end: str) -> str:
        if name not in texts:
            texts[name] = (articles / name).read_text(encoding="utf-8")
        return texts[name][int(start) : int(end)]

    with labels.open(encoding="utf-8") as handle:
        rows = csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t")
        return [
            {
                **row,
                "text_a": text(row["file_a"], row["start_a"], row["end_a"]),
                "text_b": text(row["file_b"], row["start_b"], row["end_b"]),
                "same": row["same"] == "1",
            }
            for row in rows
        ]


def scores(truth: list[bool], predicted: list[bool]) -> dict[str, float]:
    tp = sum(t and p for t, p in zip(truth, predicted, strict=True))
    fp = sum(p and not t for t, p in zip(truth, predicted, strict=True))
    fn = sum(t and not p for t, p in zip(truth, predicted, strict=True))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "pairs": len(truth), "same": sum(truth)}


def newsapi_decide(a: str, kind_a: str, b: str, kind_b: str) -> bool:
    """``stories.same_quote``, the decision ingest's grouping makes."""
    return SAME_QUOTE(a, b)


def jaccard(a: str, b: str) -> float:
    words_a, words_b = set(_WORD.findall(a.lower())), set(_WORD.findall(b.lower()))
    return len(words_a & words_b) / len(words_a | words_b) if words_a | words_b else 0.0


def jaccard_decide(threshold: float) -> Decide:
    return lambda a, kind_a, b, kind_b: jaccard(a, b) >= threshold


@contextmanager
def setting(**values):
    """Run with ``stories``' module constants set to ``values`` (no cached term depends on them)."""
    saved = {name: getattr(stories, name) for name in values}
    for name, value in values.items():
        setattr(stories, name, value)
    try:
        yield
    finally:
        for name, value in saved.items():
            setattr(stories, name, value)


def _quotes(pairs: list[dict]) -> tuple[list[tuple], dict[tuple, int]]:
    """The distinct quotes of the pairs as (file, start, end, kind, speaker id, text), in article
    order, and the index of each; a speaker id joins the names the pairs put together in a story."""
    parent: dict[tuple, tuple] = {}

    def find(key: tuple) -> tuple:
        while parent.setdefault(key, key) != key:
            key = parent[key]
        return key

    for pair in pairs:
        parent[find((pair["event"], name_key(pair["speaker_a"])))] = find(
            (pair["event"], name_key(pair["speaker_b"]))
        )
    quotes: dict[tuple, tuple] = {}
    for pair in pairs:
        for side in "ab":
            key = (pair[f"file_{side}"], int(pair[f"start_{side}"]), int(pair[f"end_{side}"]))
            speaker = find((pair["event"], name_key(pair[f"speaker_{side}"])))
            quotes[key] = (*key, pair[f"kind_{side}"], speaker, pair[f"text_{side}"])
    ordered = sorted(quotes.values(), key=lambda q: q[:3])
    return ordered, {q[:3]: i for i, q in enumerate(ordered)}


def ingest_groups(quotes: list[tuple], decide: Decide) -> list[int]:
    """Group labels as ingest builds them, articles arriving in the given order: each article's quotes
    go through ``stories.MemoryQuoteIndex``, which runs ingest's own decisions
    (``stories.QuoteGrouping``, as ``articles.services._group_quotes`` calls it) with the database
    index's bounds; ``decide`` stands in for ``same_quote`` in them."""
    index = stories.MemoryQuoteIndex()
    rows: list[int] = []  # the index's row of each quote
    by_article: dict[str, list[int]] = {}
    for i, q in enumerate(quotes):
        by_article.setdefault(q[0], []).append(i)
    with setting(same_quote=lambda a, b: decide(a, "", b, "")):
        for article, members in by_article.items():
            rows += members
            index.add(article, [(quotes[i][4], quotes[i][5]) for i in members])
    group = [None] * len(quotes)
    for row, i in enumerate(rows):
        group[i] = index.group[row]
    return [g if g is not None else -1 - i for i, g in enumerate(group)]


def evaluate(pairs: list[dict], decide: Decide, *, closure: bool = True) -> dict[str, dict]:
    """Pairwise, ingest-group and group_quotes figures of one decision over the pairs."""
    truth = [pair["same"] for pair in pairs]
    pairwise = [decide(p["text_a"], p["kind_a"], p["text_b"], p["kind_b"]) for p in pairs]
    quotes, index = _quotes(pairs)
    by_ingest = ingest_groups(quotes, decide)
    # group_quotes takes its own decision (same_quote at the module's thresholds): scored only for the
    # current code and the variants that set the module's constants.
    closed = stories.group_quotes([(q[:3], q[4], q[5]) for q in quotes]) if closure else None

    def same_group(labels: list[int]) -> list[bool]:
        return [
            labels[index[(p["file_a"], int(p["start_a"]), int(p["end_a"]))]]
            == labels[index[(p["file_b"], int(p["start_b"]), int(p["end_b"]))]]
            for p in pairs
        ]

    return {
        "pairwise": scores(truth, pairwise),
        "ingest_groups": scores(truth, same_group(by_ingest)),
        "group_quotes": scores(truth, same_group(closed)) if closed else None,
    }


def _matched(text: str, members: list[str]) -> int:
    """How many of a group's members ``text`` is the same quote as (by the decision in force)."""
    return sum(stories.same_quote(text, member) for member in members)


def best_threshold(pairs: list[dict], make: Callable[[float], Decide], grid: list[float]) -> float:
    """The middle of the run of thresholds with the best pairwise F1 on ``pairs``."""
    truth = [p["same"] for p in pairs]
    f1 = {
        t: scores(truth, [make(t)(p["text_a"], p["kind_a"], p["text_b"], p["kind_b"]) for p in pairs])["f1"]
        for t in grid
    }
    top = max(f1.values())
    best = [t for t in grid if f1[t] >= top - 1e-9]
    return best[len(best) // 2]


def best_bar(pairs: list[dict]) -> float:
    """``QUOTE_THRESHOLD`` with the best pairwise F1 on ``pairs`` (the middle of a tied run)."""

    def at(bar: float) -> Decide:
        return lambda a, kind_a, b, kind_b: stories.quote_similarity(a, b) >= bar

    return best_threshold(pairs, at, THRESHOLD_GRID)


def run(eval_dir: Path, parts: tuple[str, ...], variants: bool = False) -> dict:
    pairs = read_pairs(eval_dir)
    moved = {p["event"] for p in pairs if news_cluster_split(p["event"]) != p["part"]}
    if moved:
        raise ValueError(f"events {sorted(moved)} are no longer in the part the labels give them")
    by_part = {part: [p for p in pairs if p["part"] == part] for part in PARTS}
    tune = by_part["tune"]
    peer_bar = best_threshold(tune, jaccard_decide, PEER_GRID)
    # What ingest's grouping can reach at best: the hand labels as the decision (a pair not labelled,
    # two quotes of one article among them, is not the same).
    labelled = {frozenset((p["text_a"], p["text_b"])): p["same"] for p in pairs}

    def ceiling(a: str, kind_a: str, b: str, kind_b: str) -> bool:
        return a == b or labelled.get(frozenset((a, b)), False)

    # (name, decision, stories' constants to run with, whether group_quotes scores it: it always
    # decides by same_quote, so not for the peer and the ceiling).
    systems: list[tuple[str, Decide, dict, bool]] = [
        ("newsapi", newsapi_decide, {}, True),
        (f"peer: token Jaccard >= {peer_bar} (tuned)", jaccard_decide(peer_bar), {}, False),
    ]
    if variants:
        # Each part of the rule taken out in turn, the threshold at its best on tune without it.
        without_fragment = {"QUOTE_FRAGMENT_WORDS": 10**9}
        with setting(**without_fragment):
            bar = best_bar(tune)
        systems += [
            ("without the word-for-word fragment", newsapi_decide, without_fragment, True),
            (
                f"without the word-for-word fragment, QUOTE_THRESHOLD {bar} (tuned)",
                newsapi_decide,
                {**without_fragment, "QUOTE_THRESHOLD": bar},
                True,
            ),
        ]
        # The groups' linkage in turn: a quote joins the group of a stored quote it matches when it
        # matches that many of the group's members (ingest: at least half).
        for linkage, rule in (
            ("any member (single link)", lambda text, members: True),
            (
                "more than half of the members",
                lambda text, members: 2 * _matched(text, members) > len(members),
            ),
            ("every member (complete link)", lambda text, members: _matched(text, members) == len(members)),
            ("the longest member", lambda text, members: stories.same_quote(text, max(members, key=len))),
        ):
            systems.append(
                (f"groups joined on {linkage}", newsapi_decide, {"quote_matches_group": rule}, False)
            )
    systems.append(("ceiling: the labels as the decision", ceiling, {}, False))
    report: dict = {"labels": str(LABELS.relative_to(REPO)), "systems": {}}
    for name, decide, constants, closure in systems:
        report["systems"][name] = {}
        for part in parts:
            with setting(**constants):
                report["systems"][name][part] = evaluate(by_part[part], decide, closure=closure)
    return report


def table(report: dict, parts: tuple[str, ...]) -> str:
    lines = [
        "| part | system | pairwise P / R / F1 | ingest groups P / R / F1 | group_quotes P / R / F1 |",
        "|---|---|---|---|---|",
    ]

    def cell(score: dict | None) -> str:
        if score is None:
            return "-"
        return f"{score['precision']:.3f} / {score['recall']:.3f} / {score['f1']:.3f}"

    for part in parts:
        for name, by_part in report["systems"].items():
            result = by_part[part]
            lines.append(
                f"| {part} ({result['pairwise']['pairs']} pairs, {result['pairwise']['same']} same) | {name} | "
                f"{cell(result['pairwise'])} | {cell(result['ingest_groups'])} | {cell(result['group_quotes'])} |"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL_DIR)
    parser.add_argument("--part", choices=["tune", "check", "both"], default="check")
    parser.add_argument("--variants", action="store_true", help="also the seed-chosen parts taken apart")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if not (args.eval_dir / "news-cluster-dev" / "articles").is_dir():
        print(f"news-cluster-dev not found under {args.eval_dir}", file=sys.stderr)
        return 1
    parts = PARTS if args.part == "both" else (args.part,)
    report = run(args.eval_dir, parts, variants=args.variants)
    print(json.dumps(report, indent=2) if args.json else table(report, parts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
