"""Which part of each development set we tune on and which we only check on.

Every extraction figure we report comes from the ``check`` part; rules and thresholds are chosen on
the ``tune`` part only. The split is a hash of a stable key, so it never depends on file order and
never changes when a set grows:

- timebank-dev: the document name;
- 5w1h-dev: the story label (``category``), so no story is seen on both sides;
- news-cluster-dev: the event id, for the same reason; but an event whose articles are also in
  5w1h-dev (both sets come from the same Giveme5W1H crawl: the Croydon tram crash and the Cubs'
  championship are in both) takes the part its story has in 5w1h-dev, so that reading one set's
  tune part never means reading the other's check articles (``news_cluster_split``);
- PolNeAR: the corpus's own split (``polnear-train`` to tune, ``polnear-dev`` to check).

The blind twins (PolNeAR test, the other halves of news_cluster and Giveme5W1H's gold standard,
TempEval-3 platinum) are never read.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import json
from pathlib import Path

TUNE = "tune"
CHECK = "check"
EVAL = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"


def split_of(key: str) -> str:
    """``tune`` for half of all keys, ``check`` for the other half (first byte of a SHA-1)."""
    digest = hashlib.sha1(key.encode("utf-8")).digest()
    return TUNE if digest[0] < 128 else CHECK


def in_split(key: str, part: str | None) -> bool:
    """True when ``key`` belongs to ``part``; ``None`` or ``"all"`` takes every key."""
    return part in (None, "all") or split_of(key) == part


def news_cluster_split(event_id: str) -> str:
    """The part of a news-cluster-dev event: its 5w1h-dev story's part when the two sets share
    articles (check if they share several stories of different parts), else ``split_of``."""
    return _shared_event_parts(EVAL).get(event_id) or split_of(event_id)


def in_news_cluster_split(event_id: str, part: str | None) -> bool:
    return part in (None, "all") or news_cluster_split(event_id) == part


def _title_key(title: str) -> str:
    return " ".join(title.lower().split())


@functools.cache
def _shared_event_parts(eval_dir: Path) -> dict[str, str]:
    """news-cluster event id -> part, for the events with an article that 5w1h-dev also holds
    (the same article: the same title)."""
    labels = eval_dir / "news-cluster-dev" / "labels.tsv"
    five_w = eval_dir / "5w1h-dev"
    if not labels.exists() or not five_w.is_dir():
        # Without both sets the shared events would silently fall back to the plain hash: a
        # different split, and figures that mix tune and check articles.
        raise FileNotFoundError(
            f"news-cluster-dev's split needs {labels} and {five_w}/ (the shared eval folder beside the repo)"
        )
    story_part = {}
    for path in five_w.glob("*.json"):
        gold = json.loads(path.read_text(encoding="utf-8"))
        story_part[_title_key(gold.get("title", ""))] = split_of(gold.get("category", ""))
    parts: dict[str, str] = {}
    with labels.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            part = story_part.get(_title_key(row["title"]))
            if part is not None and parts.get(row["event_id"]) != CHECK:
                parts[row["event_id"]] = part
    return parts
