"""gunicorn config of benchmarks/soak.py: newsapi/gunicorn.conf.py unchanged, plus a memory probe.

After a request has been answered (gunicorn's ``post_request`` hook), at most once every
``SOAK_PROBE_SECONDS`` (5), each worker appends one JSON line to ``SOAK_MEMORY_LOG``: its RSS, its
peak RSS (VmHWM), the blocks Python's allocator holds (``sys.getallocatedblocks()``) and the number
of objects the garbage collector tracks. Read between two requests, the last two are the worker's
live Python heap: flat while RSS steps up means the allocator keeps pages of a bigger request than
before (high-water), not objects that pile up.
"""

import gc
import json
import os
import sys
import time
from pathlib import Path

_PRODUCTION = Path(__file__).resolve().parent.parent / "newsapi" / "gunicorn.conf.py"
exec(compile(_PRODUCTION.read_text(), str(_PRODUCTION), "exec"))  # noqa: S102 - every production setting

_MEMORY_LOG = os.environ.get("SOAK_MEMORY_LOG")
_PROBE_SECONDS = float(os.environ.get("SOAK_PROBE_SECONDS", "5"))
_last_probe = [0.0]


def _status_mb(*fields: str) -> dict[str, float]:
    values = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        name = line.split(":", 1)[0]
        if name in fields:
            values[name] = int(line.split()[1]) / 1024
    return values


def post_request(worker, req, environ, resp):
    now = time.time()
    if not _MEMORY_LOG or now - _last_probe[0] < _PROBE_SECONDS:
        return
    _last_probe[0] = now
    status = _status_mb("VmRSS", "VmHWM")
    record = {
        "pid": os.getpid(),
        "time": now,
        "rss": status.get("VmRSS"),
        "hwm": status.get("VmHWM"),
        "blocks": sys.getallocatedblocks(),
        "objects": len(gc.get_objects()),
    }
    with open(_MEMORY_LOG, "a") as log:
        log.write(json.dumps(record) + "\n")
