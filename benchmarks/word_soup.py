"""Word soup against real articles: the word-order test (newsapi/extraction/word_order.py).

    python benchmarks/word_soup.py [--size 50000] [--seeds 1,2,3] [--limit N]

Real articles: every text of the seeds and of the evaluation sets' parts (PolNeAR train and dev,
news-cluster-dev, 5w1h-dev, timebank-dev) is scored; printed per set: how many have a stretch over
``SOUP_THRESHOLD`` (their entities would lose mentions) and the highest score. Soup: the words of
real articles (the seeds; 40 PolNeAR-train texts) shuffled into one line of --size characters, and
into paragraphs of 80 words; printed: entities with the word-order test and without it.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks.hostile_input import make_text  # noqa: E402
from newsapi.extraction import entities as entities_module  # noqa: E402
from newsapi.extraction.cleaning import clean_article  # noqa: E402
from newsapi.extraction.word_order import (  # noqa: E402
    SOUP_THRESHOLD,
    STOP_SOUP_THRESHOLD,
    scored_stretches,
    soup_ranges,
    stop_word_stretches,
)

EVAL = REPO.parent / "shared" / "eval"
SETS = {
    "seeds": REPO / "seeds",
    "polnear-train": EVAL / "polnear-train" / "text",
    "polnear-dev": EVAL / "polnear-dev" / "text",
    "news-cluster-dev": EVAL / "news-cluster-dev" / "articles",
    "5w1h-dev": EVAL / "5w1h-dev",
    "timebank-dev": EVAL / "timebank-dev",
}


def texts(folder: Path) -> list[str]:
    return [path.read_text(encoding="utf-8", errors="replace") for path in sorted(folder.glob("*.txt"))]


def shuffled(words: list[str], size: int, seed: int, words_per_line: int | None) -> str:
    rng = random.Random(seed)
    words = list(words)
    rng.shuffle(words)
    picked, length = [], 0
    for word in words:
        picked.append(word)
        length += len(word) + 1
        if length >= size:
            break
    if words_per_line is None:
        return " ".join(picked)
    return "\n".join(" ".join(picked[i : i + words_per_line]) for i in range(0, len(picked), words_per_line))


def highest(stretches: list[tuple[int, int, float]]) -> float:
    return max((score for _, _, score in stretches), default=0.0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=50_000)
    parser.add_argument("--seeds", default="1,2,3")
    parser.add_argument("--limit", type=int, default=None, help="texts per real set (default: all)")
    args = parser.parse_args(argv)
    from newsapi.extraction.nlp import get_nlp

    nlp = get_nlp()
    nlp.max_length = max(nlp.max_length, args.size * 2)
    print(f"thresholds: word order {SOUP_THRESHOLD:g}, stop words {STOP_SOUP_THRESHOLD:g}\n")
    print("| real texts | articles | with a soup stretch | highest score: word order | stop words |")
    print("|---|---:|---:|---:|---:|")
    for name, folder in SETS.items():
        bodies = [clean_article(text).body for text in texts(folder)[: args.limit]]
        if not bodies:
            continue
        docs = list(nlp.pipe(bodies))
        order = max(highest(scored_stretches(doc)) for doc in docs)
        stop = max(highest(stop_word_stretches(doc)) for doc in docs)
        flagged = sum(bool(soup_ranges(doc)) for doc in docs)
        print(f"| {name} | {len(bodies)} | {flagged} | {order:.1f} | {stop:.1f} |", flush=True)

    sources = {
        "seeds": [w for text in texts(SETS["seeds"]) for w in text.split()],
        "polnear-train (40)": [w for text in texts(SETS["polnear-train"])[:40] for w in text.split()],
        "made-up words (hostile_input)": make_text("one-line", args.size).split(),
    }
    print()
    print(
        "| soup | seed | characters | highest score: word order / stop words | entities without the tests | with them |"
    )
    print("|---|---:|---:|---:|---:|---:|")
    real_ranges = entities_module.soup_ranges
    for name, words in sources.items():
        if not words:
            continue
        for shape, per_line in (("one line", None), ("80-word paragraphs", 80)):
            for seed in (int(s) for s in args.seeds.split(",")):
                doc = nlp(clean_article(shuffled(words, args.size, seed, per_line)).body)
                score = f"{highest(scored_stretches(doc)):.0f} / {highest(stop_word_stretches(doc)):.0f}"
                entities_module.soup_ranges = lambda doc: []
                without = len(entities_module.extract_entities(doc))
                entities_module.soup_ranges = real_ranges
                with_test = len(entities_module.extract_entities(doc))
                print(
                    f"| {name}, {shape} | {seed} | {len(doc.text):,} | {score} | {without} | {with_test} |",
                    flush=True,
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
