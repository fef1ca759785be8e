"""How ingest links the entities of many articles: people merged wrongly, and the same person kept apart.

    DATABASE_URL=sqlite:////tmp/links.sqlite3 python manage.py migrate
    DATABASE_URL=sqlite:////tmp/links.sqlite3 python manage.py ingest ../shared/eval/polnear-train/text/
    DATABASE_URL=sqlite:////tmp/links.sqlite3 python benchmarks/entity_links.py [--examples 10]

Reads the entities an ingest stored (any database ``DATABASE_URL`` names) and counts, among people:
  wrong merges   entities holding another person's full name as an alias: a name of two words or more
                 that ``names_match`` does not pair with the entity's name, nor ``nickname_match``
                 (``entities.selectors.is_foreign_alias``, what ``entity_split_foreign_aliases`` splits) ("Hillary Clinton" holding
                 "Bill Clinton", "Jeb Bush" holding "Laura Bush");
  kept apart     pairs of entities whose names ``names_match`` pairs ("Hillary Clinton" and "Hillary
                 Rodham Clinton"): the same person stored twice, as far as the names tell;
  one initial    pairs of entities with one surname and one first initial that ``names_match`` does not
                 pair ("Joe Biden" and "Joseph Biden", but also "Rand Paul" and "Ron Paul"): read them.
No gold: the figures are counts to read beside their examples. Entity linking is ingest's (the
database's), not the extraction's, so no development set's scorer sees it.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsapi.settings")

import django  # noqa: E402

django.setup()

from entities.models import Entity, EntityAlias  # noqa: E402
from entities.selectors import is_foreign_alias  # noqa: E402
from newsapi.extraction.names import name_key, names_match, strip_title  # noqa: E402
from newsapi.extraction.types import PERSON  # noqa: E402


def _words(name: str) -> list[str]:
    return strip_title(name)[0].split()


def link_counts(examples: int = 10) -> dict:
    people = list(Entity.objects.filter(type=PERSON).values_list("id", "name", "article_count"))
    aliases = defaultdict(list)
    for entity_id, alias in EntityAlias.objects.filter(entity__type=PERSON).values_list("entity_id", "name"):
        aliases[entity_id].append(alias)
    wrong = []
    for entity_id, name, articles in people:
        foreign = [a for a in aliases[entity_id] if is_foreign_alias(name, a)]
        if foreign:
            wrong.append((articles, name, foreign))
    by_surname = defaultdict(list)
    for _, name, articles in people:
        words = _words(name)
        if len(words) > 1:
            by_surname[name_key(words[-1])].append((articles, name))
    apart, initial = [], []
    for group in by_surname.values():
        for i, (articles_a, a) in enumerate(group):
            for articles_b, b in group[i + 1 :]:
                pair = (max(articles_a, articles_b), a, b)
                if names_match(a, b, PERSON):
                    apart.append(pair)
                elif a[0].lower() == b[0].lower():
                    initial.append(pair)
    return {
        "people": len(people),
        "wrong_merges": len(wrong),
        "wrong_aliases": sum(len(foreign) for _, _, foreign in wrong),
        "kept_apart": len(apart),
        "one_initial": len(initial),
        "examples": {
            "wrong_merges": sorted(wrong, reverse=True)[:examples],
            "kept_apart": sorted(apart, reverse=True)[:examples],
            "one_initial": sorted(initial, reverse=True)[:examples],
        },
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=10, help="examples of each count, most read first")
    args = parser.parse_args(argv)
    counts = link_counts(args.examples)
    if not counts["people"]:
        print("No person is stored: ingest articles first (see the docstring).", file=sys.stderr)
        return 1
    print(
        f"people {counts['people']}; wrong merges {counts['wrong_merges']} ({counts['wrong_aliases']} aliases); "
        f"kept apart {counts['kept_apart']}; one surname and one initial {counts['one_initial']}"
    )
    for kind, rows in counts["examples"].items():
        print(f"{kind}:")
        for row in rows:
            print(f"    {row[0]:5} {row[1]!r} {row[2]!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
