"""An extraction worker's memory over many articles: does RSS stay flat?

    python benchmarks/worker_memory.py [--texts 10000] [--every 500] [--json FILE]

A Celery worker runs `extract_article` once per job, for as long as it lives, over texts it has
never seen. Its memory could creep in ways a short run does not show: spaCy's vocabulary and string
store learn every new word form, caches fill, the allocator fragments. This runs the same function
(one text at a time, as a job does) in one process over --texts distinct real texts, and samples
the process's RSS, its live Python heap (`sys.getallocatedblocks()`) and the size of spaCy's string
store and vocabulary every --every texts.

The texts are every article of the development sets in ../shared/eval (PolNeAR train and dev,
news-cluster-dev, timebank-dev, 5w1h-dev) and the seeds, cut into pieces of at least --chars
characters at paragraph breaks, so that 10,000 distinct texts exist without inventing any (the
whole corpus is about 1,300 articles; a piece is a short article's worth of real news prose). When
more texts are asked for than there are pieces, the pieces repeat, which is said in the output.

Printed: a table per sample, the growth after the warm-up (the first --warmup texts), and the
least-squares slope over the second half, per 1,000 texts.
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EVAL = REPO.parent / "shared" / "eval"
CORPORA = ("polnear-train/text", "polnear-dev/text", "news-cluster-dev/articles", "timebank-dev", "5w1h-dev")


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


def article_files() -> list[Path]:
    files = sorted((REPO / "seeds").glob("*.txt"))
    for corpus in CORPORA:
        files.extend(sorted((EVAL / corpus).glob("*.txt")))
    return files


def pieces(text: str, min_chars: int) -> list[str]:
    """The text cut at blank lines into pieces of at least min_chars (the rest joins the last piece)."""
    out: list[str] = []
    current: list[str] = []
    for paragraph in (p.strip() for p in text.split("\n\n")):
        if not paragraph:
            continue
        current.append(paragraph)
        if sum(len(p) for p in current) >= min_chars:
            out.append("\n\n".join(current))
            current = []
    if current:
        if out:
            out[-1] += "\n\n" + "\n\n".join(current)
        else:
            out.append("\n\n".join(current))
    return out


def slope(xs: list[float], ys: list[float]) -> float:
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
    spread = sum((x - mean_x) ** 2 for x in xs)
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / spread if spread else 0.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--texts", type=int, default=10_000)
    parser.add_argument("--every", type=int, default=500)
    parser.add_argument("--warmup", type=int, default=1000)
    parser.add_argument("--chars", type=int, default=700, help="smallest piece of an article, in characters")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()

    files = article_files()
    if not files:
        print(f"No texts found under {EVAL} or seeds/: nothing to measure.", file=sys.stderr)
        return 1
    texts = [piece for path in files for piece in pieces(path.read_text(encoding="utf-8"), args.chars)]
    distinct = len(dict.fromkeys(texts))
    print(f"{len(files)} articles cut into {len(texts)} texts ({distinct} distinct); running {args.texts}.")
    if args.texts > len(texts):
        print(f"The texts repeat after the first {len(texts)}.")

    from newsapi.extraction.nlp import get_nlp
    from newsapi.extraction.pipeline import extract_article

    nlp = get_nlp()
    gc.collect()
    samples = [
        {
            "texts": 0,
            "rss_mb": rss_mb(),
            "heap_k": sys.getallocatedblocks() / 1000,
            "strings": len(nlp.vocab.strings),
            "lexemes": len(nlp.vocab),
            "seconds": 0.0,
        }
    ]
    print(f"{'texts':>7} {'RSS MB':>8} {'heap k':>8} {'strings':>9} {'lexemes':>9} {'s/text':>7}")
    print(
        f"{0:>7} {samples[0]['rss_mb']:>8.1f} {samples[0]['heap_k']:>8.0f} {samples[0]['strings']:>9} "
        f"{samples[0]['lexemes']:>9} {'':>7}"
    )
    started = time.perf_counter()
    last = started
    for done in range(1, args.texts + 1):
        extract_article(texts[(done - 1) % len(texts)])
        if done % args.every == 0 or done == args.texts:
            now = time.perf_counter()
            sample = {
                "texts": done,
                "rss_mb": rss_mb(),
                "heap_k": sys.getallocatedblocks() / 1000,
                "strings": len(nlp.vocab.strings),
                "lexemes": len(nlp.vocab),
                "seconds": now - started,
            }
            per_text = (now - last) / (done - samples[-1]["texts"])
            last = now
            samples.append(sample)
            print(
                f"{done:>7} {sample['rss_mb']:>8.1f} {sample['heap_k']:>8.0f} {sample['strings']:>9} "
                f"{sample['lexemes']:>9} {per_text:>7.3f}",
                flush=True,
            )

    warm = [s for s in samples if s["texts"] >= args.warmup]
    half = [s for s in samples if s["texts"] >= args.texts / 2]
    print()
    if warm:
        print(
            f"RSS after the warm-up ({warm[0]['texts']} texts): {warm[0]['rss_mb']:.1f} MB; "
            f"at the end: {samples[-1]['rss_mb']:.1f} MB; peak {max(s['rss_mb'] for s in samples):.1f} MB."
        )
    if len(half) >= 2:
        xs = [s["texts"] / 1000 for s in half]
        for key, unit in (("rss_mb", "MB"), ("heap_k", "k blocks"), ("strings", "strings")):
            print(
                f"Second half ({half[0]['texts']}-{half[-1]['texts']} texts), {key}: "
                f"{slope(xs, [s[key] for s in half]):+.2f} {unit} per 1,000 texts"
            )
    if args.json:
        args.json.write_text(
            json.dumps({"args": vars(args) | {"json": str(args.json)}, "samples": samples}, indent=1)
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
