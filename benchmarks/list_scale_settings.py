"""newsapi's settings with the URLs of benchmarks/list_scale_server.py (newsapi, its floor and its peer)."""

from newsapi.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.list_scale_server"
