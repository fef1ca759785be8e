"""Settings for newsapi, read from environment variables with safe defaults.

DATABASE_URL   SQLite file db.sqlite3 in the project folder by default; postgres://user@host:port/name for PostgreSQL.
SECRET_KEY     defaults to a random key generated once into var/secret_key.
DEBUG          "1"/"true" turns debug mode on; off by default.
ALLOWED_HOSTS  comma-separated; defaults to local names.
NEWSAPI_PUBLIC_URL  the address clients reach the server at, shown in the API docs (default: relative).
CORS_ALLOWED_ORIGINS  comma-separated origins of browser apps allowed to call the API; none by default.
REDIS_URL      a shared cache (throttle counts) in Redis, and the broker of the extraction workers (Celery);
               without it the cache is a database table and extraction jobs run in the web process.
CELERY_BROKER_URL  the workers' broker when it is not REDIS_URL (e.g. another Redis database number).
DB_CONN_MAX_AGE  seconds a database connection is kept for the next request (default 60; 0: one per request).
NUM_PROXIES    how many proxies in front of the server append to X-Forwarded-For (0: none, trust no header).
HTTPS          "1" behind HTTPS: Secure cookies, HSTS and the redirect to https (each switchable below).
"""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def _local_secret_key() -> str:
    """A random key kept in var/secret_key, made on first use, so no install runs on a known key."""
    path = BASE_DIR / "var" / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY") or _local_secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "testserver"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    # API tokens stored as SHA-512 digests, never in plain text (a leaked table holds no usable key).
    "knox",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "corsheaders",
    "entities",
    "articles",
    "jobs",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before anything that may answer: preflight requests and error responses get CORS headers too.
    "corsheaders.middleware.CorsMiddleware",
    # A query string over NEWSAPI_MAX_QUERY_STRING is a 414 in the API's error shape.
    "newsapi.api.middleware.RequestLimitsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Compresses API responses (lists, exports) for clients that accept gzip; WhiteNoise serves
    # static files compressed on its own.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # ETag on every GET response and 304 for a matching If-None-Match.
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Records who made each correction in the history tables.
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "newsapi.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # The Redoc page without its web fonts (newsapi/templates/newsapi/redoc.html).
        "DIRS": [BASE_DIR / "newsapi" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "newsapi.wsgi.application"
ASGI_APPLICATION = "newsapi.asgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        # Persistent connections: a new PostgreSQL connection costs ~10 ms per request. Health checks
        # replace a connection the server closed meanwhile instead of failing the request.
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
# No statement may hold a PostgreSQL backend longer than this (milliseconds; 0: no limit, e.g. for a
# long migration). A request whose query runs past it gets a 503 instead of stalling the server.
DB_STATEMENT_TIMEOUT_MS = int(os.environ.get("DB_STATEMENT_TIMEOUT_MS", "30000"))
# A web process (newsapi/wsgi.py and asgi.py set DB_WEB_READS=1) reads bounded pages: a worker process
# started for a parallel plan (30-70 ms on a loaded 2-core machine, for a page whose own work took 1-5 ms:
# events of a participant at 1M articles) or a JIT compilation (20 ms to 1 s) costs a page more than it
# saves. Management commands and extraction workers (bulk recounts) keep the server's settings.
DB_WEB_READS = os.environ.get("DB_WEB_READS") == "1"
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    session = [f"-c statement_timeout={DB_STATEMENT_TIMEOUT_MS}"] if DB_STATEMENT_TIMEOUT_MS else []
    if DB_WEB_READS:
        session += ["-c max_parallel_workers_per_gather=0", "-c jit=off"]
    if session:
        DATABASES["default"].setdefault("OPTIONS", {})["options"] = " ".join(session)

# Throttle counts must be shared by every worker process: Redis when REDIS_URL is set, otherwise a
# table in the database (made by `manage.py createcachetable`, which `./dev` runs after migrate).
REDIS_URL = os.environ.get("REDIS_URL")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "newsapi_cache"}
    }

# Extraction jobs (the jobs app) run on Celery workers that take them from Redis. With no broker
# configured a task runs in the process that queues it, through the same code (task_always_eager).
# The in-memory URL names a host: an eager task still takes a producer from the pool, and without one
# kombu warns "No hostname was supplied" at each process's first job (on every `ingest --async`).
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL") or REDIS_URL or "memory://localhost/"
CELERY_TASK_ALWAYS_EAGER = not (os.environ.get("CELERY_BROKER_URL") or REDIS_URL)
# An eager task's failure is recorded on its job (state and error), the request still answers 202.
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_IGNORE_RESULT = True
# A job is acknowledged once done, so a worker lost mid-job hands it to another (the job is idempotent);
# each worker process takes one job at a time (extraction is long, jobs are not pre-fetched).
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# spaCy's vocabulary learns every new word form it meets and never forgets one: over 10,000 texts its
# heap grows by ~22k blocks per 1,000 (benchmarks/worker_memory.py) while RSS stays flat. A pool
# process is replaced after this many jobs (forked again from the worker, which holds the model as
# loaded), so the vocabulary starts afresh long before it could matter; 0 never replaces them.
CELERY_WORKER_MAX_TASKS_PER_CHILD = int(os.environ.get("NEWSAPI_WORKER_MAX_JOBS", "1000")) or None
# Attempts after the first before a job is dead, and the first retry's delay in seconds (doubling).
NEWSAPI_JOB_MAX_RETRIES = int(os.environ.get("NEWSAPI_JOB_MAX_RETRIES", "3"))
NEWSAPI_JOB_RETRY_BACKOFF = int(os.environ.get("NEWSAPI_JOB_RETRY_BACKOFF", "5"))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# Static files (admin, Swagger UI, Redoc from drf-spectacular-sidecar) are served by WhiteNoise
# straight from the installed apps, so a deployment needs no collectstatic and no CDN. Set
# STATIC_ROOT and run `manage.py collectstatic` to serve them from one folder (or a web server).
STATIC_ROOT = os.environ.get("STATIC_ROOT") or None
WHITENOISE_USE_FINDERS = True
FIXTURE_DIRS = [BASE_DIR / "fixtures"]

# Browser apps on these origins may call the API (comma-separated, e.g. https://app.example.com);
# none by default. Only /api/ answers cross-origin requests, the admin never does.
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS", [])
CORS_URLS_REGEX = r"^/api/.*$"
CORS_EXPOSE_HEADERS = ["ETag", "Retry-After", "Content-Disposition"]

# Reads are public unless NEWSAPI_PUBLIC_READ=0; writes always need a token (or an admin session).
NEWSAPI_PUBLIC_READ = env_bool("NEWSAPI_PUBLIC_READ", True)
# Largest article a client may POST, in bytes; bigger bodies get a 413. Room for an HTML page at its
# limit (cleaning.MAX_HTML_CHARS, 2,000,000 characters) once UTF-8 encoded and escaped in JSON.
NEWSAPI_MAX_ARTICLE_BYTES = int(os.environ.get("NEWSAPI_MAX_ARTICLE_BYTES", str(8 * 1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = NEWSAPI_MAX_ARTICLE_BYTES + 64 * 1024
# Longest query string the API reads (characters); longer is a 414.
NEWSAPI_MAX_QUERY_STRING = int(os.environ.get("NEWSAPI_MAX_QUERY_STRING", "8192"))

# Behind HTTPS (HTTPS=1): cookies only over TLS, HSTS, plain http redirected. A proxy that
# terminates TLS says so in X-Forwarded-Proto (SECURE_PROXY_SSL_HEADER=1); one that redirects
# by itself lets Django skip it (SECURE_SSL_REDIRECT=0).
HTTPS = env_bool("HTTPS", False)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", HTTPS)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600 if HTTPS else 0)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", HTTPS)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
if env_bool("SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "newsapi.api.ordering.AllowListOrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "newsapi.api.pagination.KeysetPagination",
    "PAGE_SIZE": 25,
    "DEFAULT_PARSER_CLASSES": [
        # DRF's JSON parser, a body nested too deeply a 400 (newsapi.api.parsers).
        "newsapi.api.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_RENDERER_CLASSES": [
        # DRF's JSON, written by orjson (newsapi.api.representation).
        "newsapi.api.representation.ORJSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "knox.auth.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["newsapi.api.permissions.ReadPublicWriteWithPermission"],
    # One counter per client and window (anonymous: NEWSAPI_THROTTLE_ANON by address; signed in:
    # NEWSAPI_THROTTLE_USER by user): newsapi.api.throttling.
    "DEFAULT_THROTTLE_CLASSES": ["newsapi.api.throttling.ClientRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("NEWSAPI_THROTTLE_ANON", "3000/hour"),
        "user": os.environ.get("NEWSAPI_THROTTLE_USER", "20000/hour"),
    },
    "EXCEPTION_HANDLER": "newsapi.api.errors.exception_handler",
    # The client address throttling counts by: with 0 the socket's peer (X-Forwarded-For is ignored, a
    # client cannot forge it); with N, the address the N-th proxy from the server appended.
    "NUM_PROXIES": int(os.environ.get("NUM_PROXIES", "0")),
}

# Tokens for robots and scripts: `Authorization: Token <key>`, kept until revoked unless
# NEWSAPI_TOKEN_TTL_DAYS sets a lifetime.
_TOKEN_TTL_DAYS = int(os.environ.get("NEWSAPI_TOKEN_TTL_DAYS", "0"))
REST_KNOX = {
    "AUTH_HEADER_PREFIX": "Token",
    "TOKEN_TTL": timedelta(days=_TOKEN_TTL_DAYS) if _TOKEN_TTL_DAYS else None,
    "AUTO_REFRESH": False,
}

SPECTACULAR_SETTINGS = {
    "TITLE": "newsapi",
    "DESCRIPTION": (
        "Structured news data extracted from raw scraped articles: articles, entities, quotes, "
        "events and stories. Every extracted fact points back to its evidence (article and character span)."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI and Redoc assets come from the sidecar package: no CDN, the docs work offline.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Swagger's "Try it out" and Redoc's samples call the server that serves the docs (or the public
    # address a deployment gives), never a placeholder host.
    "SERVERS": [
        {
            "url": os.environ.get("NEWSAPI_PUBLIC_URL", "").rstrip("/") or "/",
            "description": "This newsapi server",
        }
    ],
    # Entities and events both have a "type" choice field: each gets its own enum name.
    "ENUM_NAME_OVERRIDES": {
        "EventTypeEnum": "articles.choices.EventType",
        "EntityTypeEnum": "entities.choices.EntityType",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
