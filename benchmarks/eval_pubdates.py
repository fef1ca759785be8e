"""Publication dates read from the text, scored on articles whose date is known.

    python benchmarks/eval_pubdates.py [--eval-dir ../shared/eval] [--part check|tune|all] [--json]
                                       [--show wrong|missed|right]

Sets and their known dates: news-cluster-dev (``labels.tsv`` ``date_publish``), polnear-train and
polnear-dev (``metadata.tsv`` ``publication_date``), 5w1h-dev (``published`` in ``ID.json``). The parts
follow ``benchmarks/splits.py``: news-cluster by event id, 5w1h by story label; polnear-train is tuned
on and polnear-dev is checked (both whole).

Only the raw text goes in: no file name (PolNeAR's carry the date), no caller's date, no story. The
reference "today" is the real today, as at ingest of an archive: a text that gives no year must not
borrow this one.

Per set it reports:

- ``written``: texts in which the true day, month and year are written somewhere (any form the
  time-expression finder reads, embedded posts and captions included): most of these bound the date
  rather than name it;
- ``clue``: texts in which the step found a clue about the publication (a date served, or a reason
  naming what the text gave: a year-less dateline, a weekday in the lead, an embedded post...);
- ``served``: texts given a date; ``right`` (exactly the true day: a weekday of the week before is
  wrong) and ``wrong`` (any other day), among all texts, among those with a clue and among those with
  the date written; ``wrong / served`` is the costly error rate; ``near``: wrong by one day only;
- ``reference``: texts with no date but a reference day for relative dates, and how many of those
  lie within a week of the true date;
- the caller's date: given the true date, how often a conflict is reported (false alarms); given a
  date 30 days late or early, how often one is (caught).

Beside it, the "no date" baseline: it is never wrong and never right.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks.known_articles import ARTICLE_SETS, KnownArticle, items_of_part, report_main  # noqa: E402
from newsapi.extraction.cleaning import clean_article  # noqa: E402
from newsapi.extraction.dates import find_publication_date  # noqa: E402
from newsapi.extraction.temporal import find_date_expressions, resolve_date_expression  # noqa: E402
from newsapi.extraction.types import DAY  # noqa: E402


@dataclass
class Item:
    """One article with its known publication date."""

    key: str
    part: str
    text: str
    truth: date


def _day(value: str) -> date | None:
    try:
        return datetime.fromisoformat(value.strip()).date()
    except ValueError:
        return None


# Where each set writes an article's known date.
DATE_FIELDS = {
    "news-cluster-dev": "date_publish",
    "polnear-train": "publication_date",
    "polnear-dev": "publication_date",
    "5w1h-dev": "published",
}


def _dated(articles: Iterable[KnownArticle], field: str) -> list[Item]:
    """The articles whose publication day the set knows."""
    items = []
    for article in articles:
        truth = _day(str(article.known.get(field) or ""))
        if truth is not None:
            items.append(Item(article.key, article.part, article.text, truth))
    return items


SETS = {
    name: (lambda d, read=read, name=name: _dated(read(d), DATE_FIELDS[name]))
    for name, read in ARTICLE_SETS.items()
}


def date_is_written(text: str, truth: date) -> bool:
    """The true day, month and year are written in the text, in any form the finder reads."""
    for _, _, expression in find_date_expressions(text):
        resolved = resolve_date_expression(expression, None)
        if resolved is not None and resolved.precision == DAY and resolved.value == truth:
            return True
    return False


NO_CLUE = "No clue in the text dates the article."
# A caller's date wrong by a month either way, to see whether the text contradicts it.
WRONG_CALLER_OFFSET = timedelta(days=30)


def score(items: list[Item], today: date, show: str | None = None) -> dict[str, Any]:
    counts = dict(
        n=0, written=0, clue=0, served=0, right=0, wrong=0, near=0, right_written=0, wrong_written=0,
        reference=0, reference_week=0, false_alarm=0, caught=0,
    )  # fmt: skip
    for item in items:
        cleaned = clean_article(item.text)
        published = find_publication_date(cleaned, today=today)
        value = published.value
        written = date_is_written(item.text, item.truth)
        counts["n"] += 1
        counts["written"] += written
        counts["clue"] += value is not None or published.evidence != NO_CLUE
        if value is not None:
            counts["served"] += 1
            right = value == item.truth
            counts["right"] += right
            counts["wrong"] += not right
            counts["near"] += not right and abs((value - item.truth).days) == 1
            counts["right_written"] += right and written
            counts["wrong_written"] += not right and written
            verdict = "right" if right else "wrong"
        else:
            verdict = "missed" if written else "none"
        reference = published.reference
        if published.value is None and reference is not None:
            counts["reference"] += 1
            counts["reference_week"] += abs((reference - item.truth).days) <= 7
        # The caller's date: the true one should raise no conflict, one a month off should.
        counts["false_alarm"] += bool(find_publication_date(cleaned, hint=item.truth, today=today).conflicts)
        for offset in (WRONG_CALLER_OFFSET, -WRONG_CALLER_OFFSET):
            counts["caught"] += bool(
                find_publication_date(cleaned, hint=item.truth + offset, today=today).conflicts
            )
        if show == verdict:
            head = " | ".join(line for line in item.text.splitlines()[:4] if line.strip())[:300]
            print(f"--- {item.key} truth {item.truth} served {value}\n    {published.evidence}\n    {head}")
    n, served, written = counts["n"], counts["served"], counts["written"]
    counts["right_share"] = counts["right"] / n if n else 0.0
    counts["wrong_share"] = counts["wrong"] / n if n else 0.0
    counts["wrong_of_served"] = counts["wrong"] / served if served else 0.0
    counts["right_of_written"] = counts["right_written"] / written if written else 0.0
    counts["right_of_clue"] = counts["right"] / counts["clue"] if counts["clue"] else 0.0
    return counts


def evaluate(eval_dir: Path, part: str, today: date, show: str | None = None) -> dict[str, dict[str, Any]]:
    return {name: score(items, today, show) for name, items in items_of_part(SETS, eval_dir, part).items()}


def table(results: dict[str, dict[str, Any]]) -> str:
    lines = [
        "| set (part) | texts | date written | clue found | served | right (of all; of those with a clue) "
        '| wrong (of all) | wrong / served | right where written | "no date" baseline right / wrong |',
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, c in results.items():
        lines.append(
            f"| {name} | {c['n']} | {c['written']} | {c['clue']} | {c['served']} "
            f"| {c['right']} ({c['right_share']:.2f}; {c['right_of_clue']:.2f}) "
            f"| {c['wrong']} ({c['wrong_share']:.2f}; {c['near']} off by one day) | {c['wrong_of_served']:.2f} "
            f"| {c['right_written']} of {c['written']} ({c['right_of_written']:.2f}) | 0 / 0 |"
        )
    lines += [
        "",
        "| set (part) | no date but a reference day | reference within 7 days | caller's true date: "
        "a conflict raised (false alarm) | caller's date 30 days late or early: a conflict raised (caught) |",
        "|---|---|---|---|---|",
    ]
    for name, c in results.items():
        lines.append(
            f"| {name} | {c['reference']} | {c['reference_week']} | {c['false_alarm']} of {c['n']} "
            f"| {c['caught']} of {2 * c['n']} |"
        )
    return "\n".join(lines)


def _pubdate_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--today", type=date.fromisoformat, default=date.today())
    parser.add_argument("--show", choices=["wrong", "missed", "right", "none"])


def main(argv: list[str] | None = None) -> int:
    return report_main(
        argv,
        description=__doc__.splitlines()[0],
        heading=lambda args: f"Publication dates, {args.part} part, today {args.today.isoformat()}",
        evaluate=lambda args: evaluate(args.eval_dir, args.part, args.today, args.show),
        table=table,
        add_arguments=_pubdate_arguments,
    )


if __name__ == "__main__":
    raise SystemExit(main())
