"""Article titles picked out of the raw text, scored on articles whose title is known.

    python benchmarks/eval_titles.py [--eval-dir ../shared/eval] [--part check|tune|all] [--json]
                                     [--errors N]

Sets and their known titles: news-cluster-dev (``labels.tsv`` ``title``), polnear-train and
polnear-dev (``metadata.tsv`` ``title``), 5w1h-dev (``title`` in ``ID.json``). The parts follow
``benchmarks/splits.py``: news-cluster by event id, 5w1h by story label; polnear-train is tuned on and
polnear-dev is checked (both whole). Only the raw text goes in, as at ingest.

A title is compared with the known one after both are normalised: whitespace collapsed, case folded,
curly quotes and apostrophes made straight, every dash (en, em, minus, figure) made a hyphen, and a
final period dropped, before or after a closing quote (archives close some headlines with one, the
crawlers' titles do not).

Per set it reports:

- ``exact``: the share of articles whose title equals the known one, so normalised;
- ``f1``: the mean token F1 of the title against the known one (word tokens of the normalised
  strings; an empty title scores 0 against a known one);
- ``empty``: articles given no title at all;
- ``in_text``: articles whose known title is a line of the raw text (so compared): the crawler's title
  of the others is not the page's headline, or the scrape lost the headline, and no cleaner can find
  it; ``exact_in_text``: the exact ones among them;
- ``head_and_deck``: articles whose known title is a headline and its deck joined by a semicolon
  (``headline_served``: of those, the ones served their headline)
  ("Jobs report gives Democrats a lift; Solid upturn ..."), the headline a line of the text: the
  cleaner serves the headline and sets the deck apart as a header line, by design.

Beside it, the trivial peer: the first non-empty line of the raw text taken as the title, scored the
same way. ``--errors N`` prints up to N misses of the tune part (never of the check part).
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks.known_articles import ARTICLE_SETS, KnownArticle, items_of_part, report_main  # noqa: E402
from benchmarks.splits import TUNE  # noqa: E402
from newsapi.extraction.cleaning import clean_article  # noqa: E402


@dataclass
class Item:
    """One article with its known title."""

    key: str
    part: str
    text: str
    title: str


def _titled(articles: Iterable[KnownArticle]) -> list[Item]:
    """The articles whose title the set knows."""
    items = []
    for article in articles:
        title = str(article.known.get("title") or "").strip()
        if title and title.casefold() != "none":
            items.append(Item(article.key, article.part, article.text, title))
    return items


SETS = {name: (lambda d, read=read: _titled(read(d))) for name, read in ARTICLE_SETS.items()}

_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "′": "'", "“": '"', "”": '"', "„": '"', "″": '"'})
_DASHES = re.compile(r"[‐‑‒–—―−]")
# A final period, before or after the closing quote ("... ‘In the Gutter.’").
_FINAL_PERIOD = re.compile(r"\.(['\"]?)$")


def normalised(title: str) -> str:
    """A title as compared: whitespace, case, quote and dash characters and a final period evened out."""
    text = _DASHES.sub("-", title.translate(_QUOTES))
    text = " ".join(text.casefold().split())
    return _FINAL_PERIOD.sub(r"\1", text).rstrip()


def headline_and_deck(title: str, text: str) -> bool:
    """The known title joins a headline written as a line of the text and its deck with a semicolon."""
    head, _, deck = title.partition(";")
    return bool(deck.strip()) and written_in(head, text.replace(";", ""))


def written_in(title: str, text: str) -> bool:
    """The known title is a line of the raw text, as compared: a cleaner can find it there."""
    known = normalised(title)
    return any(normalised(line) == known for line in text.splitlines())


def _tokens(title: str) -> list[str]:
    return re.findall(r"\w+", normalised(title))


def token_f1(served: str, known: str) -> float:
    served_tokens, known_tokens = Counter(_tokens(served)), Counter(_tokens(known))
    common = sum((served_tokens & known_tokens).values())
    if not common:
        return 0.0
    precision = common / sum(served_tokens.values())
    recall = common / sum(known_tokens.values())
    return 2 * precision * recall / (precision + recall)


def first_line(text: str) -> str:
    """The trivial peer: the first non-empty line of the raw text."""
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


def score(items: list[Item], errors: int = 0) -> dict[str, Any]:
    counts: dict[str, Any] = dict(
        n=0,
        exact=0,
        f1=0.0,
        empty=0,
        in_text=0,
        exact_in_text=0,
        head_and_deck=0,
        headline_served=0,
        peer_exact=0,
        peer_f1=0.0,
    )
    shown = 0
    for item in items:
        served = clean_article(item.text).title
        peer = first_line(item.text)
        right = normalised(served) == normalised(item.title)
        in_text = written_in(item.title, item.text)
        counts["n"] += 1
        counts["exact"] += right
        counts["in_text"] += in_text
        counts["exact_in_text"] += right and in_text
        with_deck = not in_text and headline_and_deck(item.title, item.text)
        counts["head_and_deck"] += with_deck
        counts["headline_served"] += with_deck and normalised(served) == normalised(
            item.title.partition(";")[0]
        )
        counts["f1"] += token_f1(served, item.title)
        counts["empty"] += not served
        counts["peer_exact"] += normalised(peer) == normalised(item.title)
        counts["peer_f1"] += token_f1(peer, item.title)
        # Only the tune part's misses are ever shown: the check part is scored, never read.
        if not right and item.part == TUNE and shown < errors:
            shown += 1
            head = " | ".join(line.strip() for line in item.text.splitlines()[:6] if line.strip())[:400]
            where = "a line of the text" if in_text else "not in the text"
            print(
                f"--- {item.key} (known title {where})\n    known  {item.title!r}\n    served {served!r}\n    head   {head}"
            )
    n = counts["n"]
    for name in ("exact", "peer_exact"):
        counts[f"{name}_share"] = counts[name] / n if n else 0.0
    written = counts["in_text"]
    counts["exact_in_text_share"] = counts["exact_in_text"] / written if written else 0.0
    for name in ("f1", "peer_f1"):
        counts[name] = counts[name] / n if n else 0.0
    return counts


def evaluate(eval_dir: Path, part: str, errors: int = 0) -> dict[str, dict[str, Any]]:
    return {name: score(items, errors) for name, items in items_of_part(SETS, eval_dir, part).items()}


def table(results: dict[str, dict[str, Any]]) -> str:
    lines = [
        "| set (part) | texts | title exact | token F1 | no title | known title a line of the text "
        "| exact where it is | known title a headline and its deck (its headline served) | peer (first line) exact "
        "| peer token F1 |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, c in results.items():
        lines.append(
            f"| {name} | {c['n']} | {c['exact']} ({c['exact_share']:.3f}) | {c['f1']:.3f} | {c['empty']} "
            f"| {c['in_text']} | {c['exact_in_text']} ({c['exact_in_text_share']:.3f}) | {c['head_and_deck']} ({c['headline_served']}) "
            f"| {c['peer_exact']} ({c['peer_exact_share']:.3f}) | {c['peer_f1']:.3f} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    return report_main(
        argv,
        description=__doc__.splitlines()[0],
        heading=lambda args: f"Titles, {args.part} part",
        evaluate=lambda args: evaluate(args.eval_dir, args.part, args.errors),
        table=table,
        add_arguments=lambda parser: parser.add_argument(
            "--errors", type=int, default=0, metavar="N", help="print up to N tune-part misses per set"
        ),
    )


if __name__ == "__main__":
    raise SystemExit(main())
