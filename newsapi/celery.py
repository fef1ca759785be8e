"""The Celery app: extraction jobs run on workers (``celery -A newsapi worker``) with Redis as broker.

Without a broker URL (no REDIS_URL / CELERY_BROKER_URL) tasks run in the calling process
(``task_always_eager``), so `./dev serve` and the tests need no extra service.
"""

import os

from celery import Celery
from celery.signals import worker_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsapi.settings")

app = Celery("newsapi")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(["jobs"])


@worker_init.connect
def _load_the_model_before_forking(**kwargs) -> None:
    """A worker loads spaCy and the language classifier once, before its pool processes fork: they
    share the models' pages and no job pays for loading them."""
    from newsapi.extraction.language import detect_language
    from newsapi.extraction.nlp import get_nlp

    get_nlp()
    detect_language("A sentence loads the classifier.")
