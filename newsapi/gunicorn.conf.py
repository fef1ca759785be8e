"""gunicorn settings for a production deployment: ``gunicorn -c newsapi/gunicorn.conf.py``.

Every value can be changed from the environment (GUNICORN_*), so one file serves every host.
"""

import os
import re

wsgi_app = "newsapi.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Two per core is gunicorn's advice for the sync worker. Web workers only queue extraction (Celery
# workers hold spaCy) unless no broker is set, when each one loads the model at its first POST.
workers = int(os.environ.get("GUNICORN_WORKERS", str(2 * (os.cpu_count() or 1))))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
worker_class = (
    "newsapi.serving.JsonRefusalThreadWorker" if threads > 1 else "newsapi.serving.JsonRefusalSyncWorker"
)
# Without a broker a POST's extraction runs in the request: the longest allowed text takes well under
# a minute; the database's own DB_STATEMENT_TIMEOUT_MS (30 s) stops a slow query before this does.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "120"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
# Recycle a worker after this many requests (0: never; benchmarks/soak.py measures the growth without).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "0"))
max_requests_jitter = max_requests // 10
# gunicorn's own maximum: the request line (method, path, query string) of a long entity filter or
# search fits, and Django answers anything it then finds wrong in the API's error shape. A longer line
# is refused by the worker (newsapi/serving.py) as a JSON 414.
limit_request_line = int(os.environ.get("GUNICORN_LIMIT_REQUEST_LINE", "8190"))
limit_request_fields = 100
limit_request_field_size = 8190
# Behind a proxy, the addresses trusted to set X-Forwarded-Proto (see SECURE_PROXY_SSL_HEADER).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# gunicorn's control socket (for gunicornc) has one default path per user: a second server on the same
# host would take the first one's over. One per bind address unless GUNICORN_CONTROL_SOCKET names it.
control_socket = os.environ.get("GUNICORN_CONTROL_SOCKET") or os.path.join(
    os.environ.get("XDG_RUNTIME_DIR") or os.path.join(os.path.expanduser("~"), ".gunicorn"),
    "gunicorn-" + re.sub(r"[^\w.-]+", "_", bind) + ".ctl",
)
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")


def post_worker_init(worker):
    """Load every view now, then freeze what start-up made (Django, DRF, the apps: ~100k objects).

    Python's cyclic garbage collector walks every tracked object at each full collection; a page of
    100 events makes ~700 model instances, enough to trigger one every few requests, and walking the
    start-up objects cost such a request more than serialising it (BENCHMARKS.md "Lists at scale").
    Frozen objects are never walked again (``gc.freeze``); they live as long as the worker anyway.
    """
    import gc

    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - imports the URLconf, hence every view and serializer
    gc.collect()
    gc.freeze()
