"""Dump every field ``extract_articles`` returns for throughput.py's texts, as JSON, to compare code versions.

    python benchmarks/extraction_fingerprint.py OUT.json [--eval-dir ../shared/eval] [--limit N]

A change meant only to make extraction faster must leave this dump byte-identical: run it on the old
and the new code and ``cmp`` the two files. The script runs itself with PYTHONHASHSEED=0: some steps
iterate sets of strings (the main event's type vote over the title's words breaks ties by that order),
so two processes with different hash seeds may differ.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks.throughput import DEFAULT_EVAL_DIR, load_texts  # noqa: E402
from newsapi.extraction.pipeline import extract_articles  # noqa: E402


def _plain(value):
    if dataclasses.is_dataclass(value):
        # A field kept beside the value (the extraction's parse) is no part of it.
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value) if f.compare}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, (set, frozenset)):
        return sorted(_plain(item) for item in value)
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, date):
        return value.isoformat()
    return value


def main(argv: list[str] | None = None) -> int:
    if argv is None and os.environ.get("PYTHONHASHSEED") != "0":
        os.execve(sys.executable, [sys.executable, *sys.argv], {**os.environ, "PYTHONHASHSEED": "0"})
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL_DIR)
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args(argv)

    texts = load_texts(args.eval_dir)[: args.limit]
    dump = [_plain(extraction) for extraction in extract_articles(texts)]
    args.out.write_text(
        json.dumps(dump, indent=1, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8"
    )
    print(f"{len(dump)} articles -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
