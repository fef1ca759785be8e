"""Request throttling: one counter per client and window, in the shared cache."""

from __future__ import annotations

from rest_framework.throttling import SimpleRateThrottle


class ClientRateThrottle(SimpleRateThrottle):
    """``NEWSAPI_THROTTLE_ANON`` requests per window for an anonymous client (by address),
    ``NEWSAPI_THROTTLE_USER`` for a signed-in one (by user), counted in fixed windows of the rate's period
    (``3000/hour``: clock hours); past the rate a request is a 429 whose Retry-After is the window's end.

    DRF's ``AnonRateThrottle`` and ``UserRateThrottle`` keep the time of every request of the sliding
    window, a list of up to the rate's size read, unpickled, pickled and written back whole on every
    request, and both ran for an anonymous request (the user throttle counts it by address too): four
    cache round trips a request (eight statements on the database cache): on a loaded machine each round
    trip waits for the other process to be scheduled (3-5 ms each at load 9 on 2 cores), the largest part
    of a small page's fixed cost. Here one counter per client and window, through the cache's own API:
    ``incr``, and ``add`` when a window starts (on Redis two round trips: Django's RedisCache asks whether
    the key exists before it counts). A fixed window lets a client send up to twice the rate across a
    window's end."""

    scope_attr = None  # the scope is the client's kind, decided per request

    def __init__(self):
        # SimpleRateThrottle reads the rate of a fixed scope here; it depends on the request.
        pass

    def allow_request(self, request, view):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            self.scope, ident = "user", user.pk
        else:
            self.scope, ident = "anon", self.get_ident(request)
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        if self.rate is None:
            return True
        self.now = self.timer()
        window = int(self.now // self.duration)
        self.window_end = (window + 1) * self.duration
        key = self.cache_format % {"scope": self.scope, "ident": f"{ident}_{window}"}
        # Kept a little past the window's end (a count of an ended window is never read again).
        timeout = int(self.duration) + 60
        try:
            count = self.cache.incr(key)
        except ValueError:  # the window's first request: another worker may have added it meanwhile
            count = 1 if self.cache.add(key, 1, timeout) else self.cache.incr(key)
        return count <= self.num_requests

    def wait(self):
        return max(self.window_end - self.now, 0.0)
