"""Hostile input: cleaning's cost per megabyte as texts grow, and the whole pipeline at the size limit.

    taskset -c 0 python benchmarks/hostile_input.py [--sizes 1,2,4,10] [--pipeline]

Cleaning (``clean_article``) runs over five shapes of text, each at every size (in MB):
  distinct     paragraphs of random words, none repeated (the old repeat check was quadratic here);
  one-line     one line of random words, no newline at all;
  short-lines  a line of three words at a time;
  openings     paragraphs that all open with the same 70 characters;
  markers      a "Related" tail marker after every paragraph (each once scanned all later lines).
Seconds per MB that stay flat as the size grows mean linear work.

``--pipeline`` also times ``extract_article`` (spaCy included) on word soup and on prose at
and near ``MAX_RAW_CHARS``, the longest text ingest accepts.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from newsapi.extraction.cleaning import MAX_RAW_CHARS, clean_article  # noqa: E402

MB = 1_000_000


def _words(rng: random.Random) -> list[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    return ["".join(rng.choice(letters) for _ in range(rng.randint(2, 9))) for _ in range(5000)]


def _fill(size: int, make_line) -> str:
    lines, total = [], 0
    while total < size:
        line = make_line(len(lines))
        lines.append(line)
        total += len(line) + 1
    return "\n".join(lines)


def make_text(shape: str, size: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    words = _words(rng)

    def sentence(count: int) -> str:
        return " ".join(rng.choice(words) for _ in range(count)).capitalize() + "."

    if shape == "distinct":
        return _fill(size, lambda i: sentence(60))
    if shape == "one-line":
        return _fill(size, lambda i: sentence(60)).replace("\n", " ")
    if shape == "short-lines":
        return _fill(size, lambda i: sentence(3))
    if shape == "openings":
        opening = "The ministry said in a statement released late on Tuesday evening that "
        return _fill(size, lambda i: f"{opening}item {i} {sentence(20)}")
    if shape == "markers":
        return _fill(size, lambda i: f"{sentence(60)}\nRelated")
    raise ValueError(shape)


SHAPES = ["distinct", "one-line", "short-lines", "openings", "markers"]


def time_once(function, *args) -> float:
    started = time.perf_counter()
    function(*args)
    return time.perf_counter() - started


def bench_cleaning(sizes: list[float]) -> None:
    print("### Cleaning (`clean_article`), seconds (seconds per MB)\n")
    print("| shape | " + " | ".join(f"{size:g} MB" for size in sizes) + " |")
    print("|---|" + "---|" * len(sizes))
    for shape in SHAPES:
        cells = []
        for size in sizes:
            text = make_text(shape, int(size * MB))
            seconds = time_once(clean_article, text)
            cells.append(f"{seconds:.2f} ({seconds / size:.2f})")
        print(f"| {shape} | " + " | ".join(cells) + " |", flush=True)
    print()


def bench_pipeline() -> None:
    from newsapi.extraction.nlp import get_nlp
    from newsapi.extraction.pipeline import extract_article

    nlp = get_nlp()
    seeds = [path.read_text(encoding="utf-8") for path in sorted((REPO / "seeds").glob("*.txt"))]
    prose_lines = [line for text in seeds for line in text.splitlines() if len(line.split()) >= 15]
    print("### Whole pipeline (`extract_article`, spaCy included) near the size limit\n")
    print(f"`MAX_RAW_CHARS` = {MAX_RAW_CHARS:,}: a longer text is skipped by `ingest` and a 413 for POST.\n")
    print("| text | characters | seconds | entities | quotes | events |")
    print("|---|---|---|---|---|---|")
    for fraction in (0.25, 0.5, 1.0):
        size = int(MAX_RAW_CHARS * fraction)
        cases = {
            "word soup, one line": make_text("one-line", size)[:size],
            # Seed paragraphs, each made distinct by a counter so cleaning keeps them all.
            "prose (seed paragraphs)": _fill(size, lambda i: f"{prose_lines[i % len(prose_lines)]} ({i})")[
                :size
            ],
        }
        for name, text in cases.items():
            started = time.perf_counter()
            extraction = extract_article(text, nlp=nlp)
            seconds = time.perf_counter() - started
            print(
                f"| {name} | {len(text):,} | {seconds:.1f} | {len(extraction.entities)} | "
                f"{len(extraction.quotes)} | {len(extraction.events)} |",
                flush=True,
            )
    print()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,2,4,10", help="sizes in MB, comma-separated")
    parser.add_argument("--pipeline", action="store_true", help="also time extract_article at the limit")
    args = parser.parse_args(argv)
    bench_cleaning([float(size) for size in args.sizes.split(",")])
    if args.pipeline:
        bench_pipeline()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
