"""Values a process remembers for a while: cheap reads of things that move slowly (where a search window
starts or ends), kept per process because any recent value gives the same results, only slower or faster."""

import time


class Remembered(dict):
    """key -> (expiry on the monotonic clock, value); a value past its expiry is not returned."""

    def fresh(self, key) -> tuple[bool, object]:
        """(True, value) while the value remembered for ``key`` has not expired, else (False, None)."""
        known = self.get(key)
        if known is not None and known[0] > time.monotonic():
            return True, known[1]
        return False, None

    def remember(self, key, value, ttl: float, kept: int | None = None) -> None:
        """Keep ``value`` for ``ttl`` seconds; with ``kept``, at most that many keys: the expired go first,
        then the oldest written."""
        if kept is not None and len(self) >= kept:
            now = time.monotonic()
            # Copies, and pops that tolerate a key gone: another thread of the process may be at it too.
            for stale in [k for k, (expiry, _) in list(self.items()) if expiry <= now]:
                self.pop(stale, None)
            while len(self) >= kept:
                for oldest in list(self)[:1]:
                    self.pop(oldest, None)
        self[key] = (time.monotonic() + ttl, value)
