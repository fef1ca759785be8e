"""Ingest throughput on one core: newsapi's whole extraction pipeline beside spaCy's own nlp.pipe.

    taskset -c 0 python benchmarks/throughput.py [--eval-dir ../shared/eval] [--repeats 5]

Texts: the five seeds, the news-cluster dev articles and the PolNeAR dev
texts. Three timings over the same texts, each repeated, medians reported:
  spacy_raw    nlp.pipe over the raw texts (what a user would parse without newsapi);
  spacy_clean  nlp.pipe over the cleaned bodies (the parse newsapi itself does);
               both with the pipeline as spaCy loads the model (its own attribute ruler), with
               newsapi's tokenizer rules so that the tokens are the same;
  newsapi      extract_articles over the raw texts (cleaning, dates, NER, entities,
               quotes, events, language), batched the same way.
Database writes are not included: this measures extraction, the part that scales with text.
CPU seconds of this process are reported beside the wall-clock ones: on a shared machine the wall
clock counts the time other jobs hold the core, the CPU time much less so (caches and memory are
still shared), so its ratios are the steadier ones there.
"""

from __future__ import annotations

import os

# One core, as the issue asks: no BLAS or OpenMP thread pools.
for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(variable, "1")

import argparse  # noqa: E402
import json  # noqa: E402
import platform  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import spacy  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from newsapi.extraction.cleaning import clean_article  # noqa: E402
from newsapi.extraction.nlp import MODEL_PACKAGE, add_tokenizer_rules, get_nlp  # noqa: E402
from newsapi.extraction.pipeline import BATCH_SIZE, extract_articles  # noqa: E402

DEFAULT_EVAL_DIR = REPO.parent / "shared" / "eval"


def load_texts(eval_dir: Path) -> list[str]:
    paths = sorted((REPO / "seeds").glob("*.txt"))
    paths += sorted((eval_dir / "news-cluster-dev" / "articles").glob("*.txt"))
    paths += sorted((eval_dir / "polnear-dev" / "text").glob("*.txt"))
    return [path.read_text(encoding="utf-8") for path in paths]


def timed(function) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one call."""
    started, started_cpu = time.perf_counter(), time.process_time()
    function()
    return time.perf_counter() - started, time.process_time() - started_cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL_DIR)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args(argv)

    texts = load_texts(args.eval_dir)
    bodies = [clean_article(text).body for text in texts]
    nlp = get_nlp()
    # spaCy's own pipeline: newsapi's matches the model's attribute rules its own way (attribute_rules).
    spacy_nlp = add_tokenizer_rules(spacy.load(MODEL_PACKAGE))
    for pipeline in (nlp, spacy_nlp):
        list(pipeline.pipe(bodies[:20], batch_size=BATCH_SIZE))  # warm-up: first calls allocate

    runs: dict[str, list[float]] = {"spacy_raw": [], "spacy_clean": [], "newsapi": []}
    cpu_runs: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(args.repeats):
        for name, function in (
            ("spacy_raw", lambda: list(spacy_nlp.pipe(texts, batch_size=BATCH_SIZE))),
            ("spacy_clean", lambda: list(spacy_nlp.pipe(bodies, batch_size=BATCH_SIZE))),
            ("newsapi", lambda: list(extract_articles(texts, nlp=nlp))),
        ):
            wall, cpu = timed(function)
            runs[name].append(wall)
            cpu_runs[name].append(cpu)

    medians = {name: statistics.median(seconds) for name, seconds in runs.items()}
    rates = {name: len(texts) / seconds for name, seconds in medians.items()}
    cpu_medians = {name: statistics.median(seconds) for name, seconds in cpu_runs.items()}
    report = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores visible, Python {platform.python_version()}",
        "affinity": sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "articles": len(texts),
        "characters": sum(map(len, texts)),
        "repeats": args.repeats,
        "median_seconds": {k: round(v, 3) for k, v in medians.items()},
        "articles_per_second": {k: round(v, 1) for k, v in rates.items()},
        "newsapi_over_spacy_raw": round(rates["newsapi"] / rates["spacy_raw"], 3),
        "newsapi_over_spacy_clean": round(rates["newsapi"] / rates["spacy_clean"], 3),
        "median_cpu_seconds": {k: round(v, 3) for k, v in cpu_medians.items()},
        "newsapi_over_spacy_raw_cpu": round(cpu_medians["spacy_raw"] / cpu_medians["newsapi"], 3),
        "newsapi_over_spacy_clean_cpu": round(cpu_medians["spacy_clean"] / cpu_medians["newsapi"], 3),
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
