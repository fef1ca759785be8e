"""Which indexes the lists' plans use: every statement of every ``list_scale.py`` case, explained.

    python benchmarks/index_use.py --database-url postgres://postgres@127.0.0.1:5432/bench_scale_1m \\
        [--table articles_article] [--cases articles,quotes]

In-process (Django's test client, ``benchmarks.list_scale_settings``), read only: each newsapi case of
``list_scale.py`` (a deep case follows ``next`` 50 times) runs once with ``auto_explain`` on (plans only,
no ANALYZE; nested statements too, with the settings each statement ran under), and every index a plan
node names is counted per case. Prints, for each index of ``--table``, the cases whose plans use it (an
index no case names is not read by any list). A check before dropping an index, not a timing.
"""

from __future__ import annotations

import argparse
import os
import sys
import urllib.parse
from collections import defaultdict
from functools import partial
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))


def index_names(plan: dict) -> set[str]:
    """Every index a plan node (or its children) names."""
    found = {plan["Index Name"]} if "Index Name" in plan else set()
    for child in plan.get("Plans", ()):
        found |= index_names(child)
    return found


def add_indexes(names: set[str], explained: dict) -> None:
    names.update(index_names(explained["Plan"]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--table", default="articles_article")
    parser.add_argument("--cases", default="", help="comma-separated lists (default: all)")
    args = parser.parse_args(argv)
    os.environ["DATABASE_URL"] = args.database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "benchmarks.list_scale_settings"
    os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    from benchmarks.list_scale import cases, pick_values
    from benchmarks.store_cost import auto_explained

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = %s ORDER BY indexname", [args.table]
        )
        indexes = [row[0] for row in cursor.fetchall()]
    values = pick_values()
    only = set(filter(None, args.cases.split(",")))
    client = Client()
    used: dict[str, list[str]] = defaultdict(list)
    for list_name, label, params in cases(values):
        if only and list_name not in only:
            continue
        params = {**params, "page_size": 100}
        deep = params.pop("deep", 0)
        names: set[str] = set()
        with auto_explained(partial(add_indexes, names), analyze=False):
            url = f"/api/v1/{list_name}/?{urllib.parse.urlencode(params)}"
            for _ in range(deep + 1):
                response = client.get(url, HTTP_ACCEPT="application/json")
                assert response.status_code == 200, response.content[:300]
                url = response.json()["next"]
                if not url:
                    break
                url = urllib.parse.urlsplit(url)._replace(scheme="", netloc="").geturl()
        for name in names:
            used[name].append(f"{list_name}: {label}")
        print(f"{list_name:9} {label:34} {', '.join(sorted(n for n in names if n in indexes))}", flush=True)
    print(f"\n| index of {args.table} | cases whose plans use it |\n|---|---|")
    for index in indexes:
        print(f"| {index} | {'; '.join(used.get(index, [])) or 'none'} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
