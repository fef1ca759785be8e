"""WSGI entry point for newsapi."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsapi.settings")
# Web reads: no parallel plans, no JIT (newsapi/settings.py, DB_WEB_READS).
os.environ.setdefault("DB_WEB_READS", "1")

application = get_wsgi_application()
