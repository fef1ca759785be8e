"""Which part of each development set we tune on and which we only check on.

Every extraction figure we report comes from the ``check`` part; rules and thresholds are chosen on
the ``tune`` part only. The split is a hash of a stable key, so it never depends on file order and
never changes when a set grows:

- timebank-dev: the document name;
- 5w1h-dev: the story label (``category``), so no story is seen on both sides;
- news-cluster-dev: the event id, for the same reason;
- PolNeAR: the corpus's own split (``polnear-train`` to tune, ``polnear-dev`` to check).

The blind twins (PolNeAR test, the other halves of news_cluster and Giveme5W1H's gold standard,
TempEval-3 platinum) are never read.
"""

from __future__ import annotations

import hashlib

TUNE = "tune"
CHECK = "check"


def split_of(key: str) -> str:
    """``tune`` for half of all keys, ``check`` for the other half (first byte of a SHA-1)."""
    digest = hashlib.sha1(key.encode("utf-8")).digest()
    return TUNE if digest[0] < 128 else CHECK


def in_split(key: str, part: str | None) -> bool:
    """True when ``key`` belongs to ``part``; ``None`` or ``"all"`` takes every key."""
    return part in (None, "all") or split_of(key) == part
