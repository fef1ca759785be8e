"""The model's attribute rules matched by ``newsapi.extraction.attribute_rules`` against spaCy's own
``AttributeRuler``: the same token attributes on every text, and the component's time on one core.

    taskset -c 0 python benchmarks/attribute_rules_parity.py [--eval-dir ../shared/eval] [--limit N]

Texts: the seeds and every ``.txt`` of the evaluation sets. Each is parsed by the whole pipeline
twice (spaCy's pipeline as the model ships, and ``get_nlp()``'s); every token's tag, POS,
morphology, lemma, dependency, head and entity tags must be equal. The two components are also timed
alone over the same parses (tagger and parser run once, each component on a copy).
"""

from __future__ import annotations

import os

for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(variable, "1")

import argparse  # noqa: E402
import json  # noqa: E402
import platform  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402
import spacy  # noqa: E402
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, POS, TAG  # noqa: E402
from spacy.tokens import Doc  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from newsapi.extraction.nlp import MODEL_PACKAGE, add_tokenizer_rules, get_nlp  # noqa: E402

DEFAULT_EVAL_DIR = REPO.parent / "shared" / "eval"
COMPARED = [TAG, POS, MORPH, LEMMA, DEP, HEAD, ENT_IOB, ENT_TYPE]
BATCH = 64


def texts_of(eval_dir: Path) -> list[str]:
    paths = sorted((REPO / "seeds").glob("*.txt")) + sorted(eval_dir.rglob("*.txt"))
    return [path.read_text(encoding="utf-8") for path in paths]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL_DIR)
    parser.add_argument("--limit", type=int, default=None, help="the first N texts only")
    args = parser.parse_args(argv)
    texts = texts_of(args.eval_dir)[: args.limit]
    ours = get_nlp()
    stock = add_tokenizer_rules(spacy.load(MODEL_PACKAGE))
    different = []
    for index, (a, b) in enumerate(
        zip(stock.pipe(texts, batch_size=BATCH), ours.pipe(texts, batch_size=BATCH), strict=True)
    ):
        if not np.array_equal(a.to_array(COMPARED), b.to_array(COMPARED)):
            different.append(index)
    # The component alone, on copies of the same parses before it.
    with stock.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner"]):
        parsed = [doc.to_bytes() for doc in stock.pipe(texts, batch_size=BATCH)]
    seconds = {}
    for name, pipeline in (("spacy", stock), ("newsapi", ours)):
        ruler = pipeline.get_pipe("attribute_ruler")
        docs = [Doc(pipeline.vocab).from_bytes(data) for data in parsed]
        started = time.process_time()
        for doc in docs:
            ruler(doc)
        seconds[name] = time.process_time() - started
    report = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores visible, Python {platform.python_version()}",
        "texts": len(texts),
        "tokens": sum(len(Doc(stock.vocab).from_bytes(data)) for data in parsed),
        "texts_with_a_different_token": len(different),
        "first_different": different[:10],
        "attribute_ruler_cpu_seconds": {name: round(value, 3) for name, value in seconds.items()},
        "ms_per_text": {name: round(1000 * value / len(texts), 2) for name, value in seconds.items()},
    }
    print(json.dumps(report, indent=2))
    return 1 if different else 0


if __name__ == "__main__":
    sys.exit(main())
