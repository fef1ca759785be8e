"""Entity and quote extraction time against text length, on a word-soup line (the worst case).

    python benchmarks/entity_scaling.py [SIZE ...]      # sizes in characters, default 100000 200000 400000

One line of random capitalised words (the model tags hundreds of spans in it) is parsed once per
size; ``extract_entities`` and ``extract_quotes`` are timed on the parse. Linear steps keep the time
per 100 KB flat as the text grows; the number of entities must stay small whatever the size.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from newsapi.extraction.entities import extract_entities  # noqa: E402
from newsapi.extraction.nlp import get_nlp  # noqa: E402
from newsapi.extraction.quotes import extract_quotes  # noqa: E402


def word_soup(size: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    vocabulary = [
        "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(3, 9))).title()
        for _ in range(400)
    ]
    words: list[str] = []
    length = 0
    while length < size:
        word = rng.choice(vocabulary)
        words.append(word)
        length += len(word) + 1
    return " ".join(words)


def main(argv: list[str]) -> int:
    sizes = [int(a) for a in argv] or [100_000, 200_000, 400_000]
    nlp = get_nlp()
    nlp.max_length = max(nlp.max_length, max(sizes) + 1)
    print(
        f"{'chars':>8} {'spaCy ents':>10} {'entities':>8} {'entities s':>10} {'quotes s':>8} {'s per 100 KB':>12}"
    )
    for size in sizes:
        doc = nlp(word_soup(size))
        start = time.perf_counter()
        entities = extract_entities(doc)
        entity_seconds = time.perf_counter() - start
        start = time.perf_counter()
        extract_quotes(doc, entities)
        quote_seconds = time.perf_counter() - start
        per_100k = (entity_seconds + quote_seconds) / (size / 100_000)
        print(
            f"{size:8d} {len(doc.ents):10d} {len(entities):8d} {entity_seconds:10.2f} {quote_seconds:8.2f} {per_100k:12.2f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
