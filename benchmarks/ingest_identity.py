"""Does a change to the storing step leave the same grouping? Store the dev articles, snapshot what ingest left.

    python benchmarks/ingest_identity.py extract var/dev-extractions.pickle     # spaCy, once
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/NAME \\
        python benchmarks/ingest_identity.py store var/dev-extractions.pickle var/new-forward.pickle [--reverse]
    python benchmarks/ingest_identity.py compare var/old-forward.pickle var/new-forward.pickle

news-cluster-dev and 5w1h-dev (``../shared/eval``, 257 texts) are extracted once with the caller's
publication date and outlet (``labels.tsv``, the 5w1h JSON), the extractions pickled; ``store`` puts
them through ``article_ingest`` (extraction given) on an empty database, in file order or reversed, and
pickles ``tests.ingest_snapshot.database_snapshot()`` (articles with dates, stories, mentions, quotes,
quote groups, events with participants and reports, keyed by content hash, not ids). Run ``store``
with the old and the new code (a second worktree at the old commit, this file copied in) on fresh
databases and ``compare`` the snapshots: the storing step groups the same way when every part is equal.
A re-dating re-extraction (a weakly dated story member) runs spaCy in ``store`` too.
"""

from __future__ import annotations

import json
import os
import pickle
import sys
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))
EVAL_DIR = REPO.parent / "shared" / "eval"


def dev_texts() -> list[tuple[str, str, str | None, date | None]]:
    """(name, text, outlet, publication day) of news-cluster-dev and 5w1h-dev, in file order."""
    texts = []
    labels = EVAL_DIR / "news-cluster-dev" / "labels.tsv"
    for line in labels.read_text(encoding="utf-8").splitlines()[1:]:
        name, _, _, published, domain, _ = line.split("\t")
        path = EVAL_DIR / "news-cluster-dev" / "articles" / name
        day = date.fromisoformat(published[:10]) if published else None
        texts.append((name, path.read_text(encoding="utf-8"), domain.removeprefix("www.") or None, day))
    for path in sorted((EVAL_DIR / "5w1h-dev").glob("*.txt")):
        gold = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        day = date.fromisoformat(gold["published"][:10]) if gold.get("published") else None
        texts.append((path.name, path.read_text(encoding="utf-8"), gold.get("publisher") or None, day))
    return texts


def setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsapi.settings")
    import django

    django.setup()


def extract(out: Path) -> None:
    setup()
    from articles.services import article_text_prepare
    from newsapi.extraction.nlp import get_nlp
    from newsapi.extraction.pipeline import extract_article

    nlp = get_nlp()
    rows = []
    for name, text, source, day in dev_texts():
        text = article_text_prepare(text)
        rows.append((name, text, source, day, extract_article(text, published_hint=day, nlp=nlp)))
    out.write_bytes(pickle.dumps(rows))
    print(f"{len(rows)} extractions in {out}", file=sys.stderr)


def store(extractions: Path, out: Path, reverse: bool) -> None:
    setup()
    from django.core.management import call_command

    from articles.models import Article
    from articles.services import article_ingest
    from tests.ingest_snapshot import database_snapshot

    call_command("migrate", verbosity=0)
    if Article.objects.exists():
        raise SystemExit("give an empty database")
    rows = pickle.loads(extractions.read_bytes())
    if reverse:
        rows.reverse()
    started = time.perf_counter()
    for _, text, source, day, extraction in rows:
        article_ingest(raw_text=text, source_name=source, published_at=day, extraction=extraction)
    print(f"{len(rows)} stored in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    out.write_bytes(pickle.dumps(database_snapshot()))


def compare(a: Path, b: Path) -> int:
    left, right = pickle.loads(a.read_bytes()), pickle.loads(b.read_bytes())
    differ = 0
    for part in sorted(left.keys() | right.keys()):
        x, y = left.get(part), right.get(part)
        size = len(x) if hasattr(x, "__len__") else x
        if x == y:
            print(f"{part}: identical ({size})")
            continue
        differ += 1
        if isinstance(x, dict | set):
            only_a = x - y if isinstance(x, set) else {k: v for k, v in x.items() if y.get(k) != v}
            only_b = y - x if isinstance(y, set) else {k: v for k, v in y.items() if x.get(k) != v}
            print(f"{part}: DIFFER ({len(only_a)} only in {a.name}, {len(only_b)} only in {b.name})")
            for row in list(only_a)[:5]:
                print(f"  < {row}")
            for row in list(only_b)[:5]:
                print(f"  > {row}")
        else:
            print(f"{part}: DIFFER ({x} / {y})")
    return 1 if differ else 0


def main(argv: list[str]) -> int:
    command, *paths = [arg for arg in argv if not arg.startswith("--")]
    if command == "extract":
        extract(Path(paths[0]))
    elif command == "store":
        store(Path(paths[0]), Path(paths[1]), "--reverse" in argv)
    elif command == "compare":
        return compare(Path(paths[0]), Path(paths[1]))
    else:
        raise SystemExit(__doc__)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
