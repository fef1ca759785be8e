"""Authors read from the byline, scored on PolNeAR's metadata.

    python benchmarks/eval_authors.py [--eval-dir ../shared/eval] [--part check|tune|all] [--json]
                                      [--show right|wrong|unknown|missed]

polnear-train (tuned on) and polnear-dev (checked) give an ``author`` in ``metadata.tsv`` for each
article: person names, an agency ("AP"), an outlet ("Breitbart News"), names with their outlet
("Heidi M. Przybyla, USA TODAY"), or nothing ("None", empty: not known). The metadata's person names
are read with the same rules as a byline (``bylines.declared_authors``), its agencies and outlets left
out. Only the raw text goes in, as at ingest.

Per set it reports:

- ``byline``: texts with a byline line (a header line cleaning set aside as one);
- ``served``: authors served, over all texts; ``right``: a served name that names one of the metadata's
  people (``names.names_match``, or the same surname); ``wrong``: one the metadata contradicts (it
  names an author, a person or an agency, and not this one); ``unknown``: served where the metadata
  names no author;
- ``missed``: texts whose metadata names a person and that got no author.

Beside it, the "no author" baseline: never wrong and never right.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks.known_articles import KnownArticle, items_of_part, polnear_articles, report_main  # noqa: E402
from newsapi.extraction.bylines import declared_authors  # noqa: E402
from newsapi.extraction.cleaning import _is_byline, clean_article  # noqa: E402
from newsapi.extraction.names import name_key, names_match  # noqa: E402

NOT_KNOWN = {"", "none"}


@dataclass
class Item:
    key: str
    part: str
    text: str
    author: str  # as the metadata writes it; "" when not known


def _authored(articles: Iterable[KnownArticle]) -> list[Item]:
    """Every article, with its author as the metadata writes it ("" when not known)."""
    items = []
    for article in articles:
        author = str(article.known.get("author") or "").strip()
        items.append(
            Item(article.key, article.part, article.text, "" if author.casefold() in NOT_KNOWN else author)
        )
    return items


SETS = {
    name: (lambda d, name=name: _authored(polnear_articles(d, name)))
    for name in ("polnear-train", "polnear-dev")
}


def _surname(name: str) -> str:
    words = name_key(name).split()
    return words[-1] if words else ""


def same_person(served: str, known: str) -> bool:
    return names_match(served, known) or (_surname(served) != "" and _surname(served) == _surname(known))


def score(items: list[Item], show: str | None = None) -> dict[str, Any]:
    counts = dict(n=0, known=0, known_person=0, byline=0, texts_served=0, served=0, right=0, wrong=0,
                  unknown=0, missed=0)  # fmt: skip
    for item in items:
        cleaned = clean_article(item.text)
        people = declared_authors(item.author) if item.author else []
        counts["n"] += 1
        counts["known"] += bool(item.author)
        counts["known_person"] += bool(people)
        counts["byline"] += any(_is_byline(line) for line in cleaned.header_lines)
        counts["texts_served"] += bool(cleaned.authors)
        verdicts = []
        for name in cleaned.authors:
            counts["served"] += 1
            if not item.author:
                verdict = "unknown"
            elif any(same_person(name, known) for known in people):
                verdict = "right"
            else:
                verdict = "wrong"
            counts[verdict] += 1
            verdicts.append(verdict)
        if people and not cleaned.authors:
            counts["missed"] += 1
            verdicts.append("missed")
        if show in verdicts:
            print(
                f"--- {item.key} metadata {item.author!r} served {cleaned.authors} header {cleaned.header_lines}"
            )
    counts["wrong_of_served"] = counts["wrong"] / counts["served"] if counts["served"] else 0.0
    return counts


def evaluate(eval_dir: Path, part: str, show: str | None = None) -> dict[str, dict[str, Any]]:
    return {name: score(items, show) for name, items in items_of_part(SETS, eval_dir, part).items()}


def table(results: dict[str, dict[str, Any]]) -> str:
    lines = [
        "| set (part) | texts | metadata names an author (a person) | texts with a byline line | texts given "
        "authors | authors served | right | wrong (metadata contradicts) | metadata silent | missed (a person "
        'known, none served) | "no author" baseline right / wrong |',
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, c in results.items():
        lines.append(
            f"| {name} | {c['n']} | {c['known']} ({c['known_person']}) | {c['byline']} | {c['texts_served']} "
            f"| {c['served']} | {c['right']} | {c['wrong']} | {c['unknown']} | {c['missed']} | 0 / 0 |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    return report_main(
        argv,
        description=__doc__.splitlines()[0],
        heading=lambda args: f"Authors, {args.part} part",
        evaluate=lambda args: evaluate(args.eval_dir, args.part, args.show),
        table=table,
        add_arguments=lambda parser: parser.add_argument(
            "--show", choices=["right", "wrong", "unknown", "missed"]
        ),
    )


if __name__ == "__main__":
    raise SystemExit(main())
