"""PostgreSQL planning time of an entity filter as the number of names grows.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/NAME python benchmarks/entity_filter_plan.py [--names 1,5,10,25]

The database must be migrated (its rows do not matter: planning cost comes from the query's shape).
Three shapes of ``/articles/?entity=A,B,...`` are planned with ``EXPLAIN (SUMMARY)``:
  inline      each name matched inside the list's query (entity name OR alias join, per name), as
              the filter first did;
  semi-joins  names resolved to ids beforehand, then one semi-join over the mentions per name;
  grouped     one grouped subquery over the mentions counting the links to each entity
              (newsapi.api.filters.EntityRefFilter).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsapi.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.db.models import Q  # noqa: E402

from articles.models import Article  # noqa: E402
from articles.selectors import article_list  # noqa: E402
from entities.models import Entity  # noqa: E402
from newsapi.api.filters import EntityRefFilter  # noqa: E402


def inline(names: list[str]):
    queryset = article_list()
    for name in names:
        ids = Entity.objects.filter(Q(name_key=name) | Q(aliases__name_key=name)).values("id")
        queryset = queryset.filter(pk__in=Article.objects.filter(mentions__entity__in=ids).values("pk"))
    return queryset.order_by("-published_at", "-id")[:26]


def semijoins(names: list[str]):
    queryset = article_list()
    for number, _ in enumerate(names):
        ids = [number + 1, number + 1000]  # names resolved to a few ids each beforehand
        queryset = queryset.filter(pk__in=Article.objects.filter(mentions__entity__in=ids).values("pk"))
    return queryset.order_by("-published_at", "-id")[:26]


def grouped(names: list[str]):
    ids = [[number + 1, number + 1000] for number, _ in enumerate(names)]
    queryset = EntityRefFilter(paths=["mentions__entity"]).filter(article_list(), ids)
    return queryset.order_by("-published_at", "-id")[:26]


def planning_ms(queryset) -> float:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (SUMMARY ON) " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    return float(re.search(r"Planning Time: ([\d.]+) ms", plan).group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--names", default="1,5,10,25")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("Set DATABASE_URL to a migrated PostgreSQL database.")
    print("names  inline (ms)  semi-joins (ms)  grouped (ms)")
    for count in (int(n) for n in args.names.split(",")):
        names = [f"name {n}" for n in range(count)]
        times = [
            min(planning_ms(shape(names)) for _ in range(args.repeats))
            for shape in (inline, semijoins, grouped)
        ]
        print(f"{count:>5}  {times[0]:>11.1f}  {times[1]:>15.1f}  {times[2]:>12.1f}")


if __name__ == "__main__":
    main()
