"""Hostile input: cleaning's cost per megabyte as texts grow, and the whole pipeline at the size limit.

    taskset -c 0 python benchmarks/hostile_input.py [--sizes 1,2,4,10] [--pipeline]
    taskset -c 0 python benchmarks/hostile_input.py --html

Cleaning (``clean_article``) runs over five shapes of text, each at every size (in MB):
  distinct     paragraphs of random words, none repeated (the old repeat check was quadratic here);
  one-line     one line of random words, no newline at all;
  short-lines  a line of three words at a time;
  openings     paragraphs that all open with the same 70 characters;
  markers      a "Related" tail marker after every paragraph (each once scanned all later lines).
Seconds per MB that stay flat as the size grows mean linear work.

``--pipeline`` also times ``extract_article`` (spaCy included) on word soup and on prose at
and near ``MAX_RAW_CHARS``, the longest text ingest accepts.

``--html`` times the reading of HTML pages (``html_input.read_page``: parsing, trafilatura's main
content, the declared metadata) and the whole of ``clean_article`` on pages made like real ones (head
meta and JSON-LD, inline scripts, navigation and related links, a comment thread, the article's
paragraphs from the seeds) from 50 KB up to ``MAX_HTML_CHARS``, and on a page of nothing but paragraphs
(its text over ``MAX_RAW_CHARS``: the limit check reads it whole before refusing it).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from newsapi.extraction.cleaning import MAX_RAW_CHARS, clean_article  # noqa: E402

MB = 1_000_000


def _words(rng: random.Random) -> list[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    return ["".join(rng.choice(letters) for _ in range(rng.randint(2, 9))) for _ in range(5000)]


def _fill(size: int, make_line) -> str:
    lines, total = [], 0
    while total < size:
        line = make_line(len(lines))
        lines.append(line)
        total += len(line) + 1
    return "\n".join(lines)


def make_text(shape: str, size: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    words = _words(rng)

    def sentence(count: int) -> str:
        return " ".join(rng.choice(words) for _ in range(count)).capitalize() + "."

    if shape == "distinct":
        return _fill(size, lambda i: sentence(60))
    if shape == "one-line":
        return _fill(size, lambda i: sentence(60)).replace("\n", " ")
    if shape == "short-lines":
        return _fill(size, lambda i: sentence(3))
    if shape == "openings":
        opening = "The ministry said in a statement released late on Tuesday evening that "
        return _fill(size, lambda i: f"{opening}item {i} {sentence(20)}")
    if shape == "markers":
        return _fill(size, lambda i: f"{sentence(60)}\nRelated")
    raise ValueError(shape)


SHAPES = ["distinct", "one-line", "short-lines", "openings", "markers"]


def time_once(function, *args) -> float:
    started = time.perf_counter()
    function(*args)
    return time.perf_counter() - started


def bench_cleaning(sizes: list[float]) -> None:
    print("### Cleaning (`clean_article`), seconds (seconds per MB)\n")
    print("| shape | " + " | ".join(f"{size:g} MB" for size in sizes) + " |")
    print("|---|" + "---|" * len(sizes))
    for shape in SHAPES:
        cells = []
        for size in sizes:
            text = make_text(shape, int(size * MB))
            seconds = time_once(clean_article, text)
            cells.append(f"{seconds:.2f} ({seconds / size:.2f})")
        print(f"| {shape} | " + " | ".join(cells) + " |", flush=True)
    print()


def bench_pipeline() -> None:
    from newsapi.extraction.nlp import get_nlp
    from newsapi.extraction.pipeline import extract_article

    nlp = get_nlp()
    seeds = [path.read_text(encoding="utf-8") for path in sorted((REPO / "seeds").glob("*.txt"))]
    prose_lines = [line for text in seeds for line in text.splitlines() if len(line.split()) >= 15]
    print("### Whole pipeline (`extract_article`, spaCy included) near the size limit\n")
    print(f"`MAX_RAW_CHARS` = {MAX_RAW_CHARS:,}: a longer text is skipped by `ingest` and a 413 for POST.\n")
    print("| text | characters | seconds | entities | quotes | events |")
    print("|---|---|---|---|---|---|")
    for fraction in (0.25, 0.5, 1.0):
        size = int(MAX_RAW_CHARS * fraction)
        cases = {
            "word soup, one line": make_text("one-line", size)[:size],
            # Seed paragraphs, each made distinct by a counter so cleaning keeps them all.
            "prose (seed paragraphs)": _fill(size, lambda i: f"{prose_lines[i % len(prose_lines)]} ({i})")[
                :size
            ],
        }
        for name, text in cases.items():
            started = time.perf_counter()
            extraction = extract_article(text, nlp=nlp)
            seconds = time.perf_counter() - started
            print(
                f"| {name} | {len(text):,} | {seconds:.1f} | {len(extraction.entities)} | "
                f"{len(extraction.quotes)} | {len(extraction.events)} |",
                flush=True,
            )
    print()


def make_page(size: int, *, all_text: bool = False, seed: int = 1) -> str:
    """A page of about ``size`` characters shaped like a captured news page: the article is the seeds'
    prose (about 6,000 characters), the rest markup, scripts, links and comments."""
    import html as html_escape

    rng = random.Random(seed)
    words = _words(rng)
    seeds = [path.read_text(encoding="utf-8") for path in sorted((REPO / "seeds").glob("*.txt"))]
    prose = [line for text in seeds for line in text.splitlines() if len(line.split()) >= 15]

    def link_list(count: int) -> str:
        items = "".join(
            f'<li><a href="/news/{rng.choice(words)}-{i}">{" ".join(rng.choices(words, k=6)).capitalize()}</a></li>'
            for i in range(count)
        )
        return f"<ul>{items}</ul>"

    head = (
        "<!DOCTYPE html><html lang=en><head><meta charset=utf-8><title>Talks in Istanbul | Example News</title>"
        '<meta property="og:site_name" content="Example News">'
        '<meta property="article:published_time" content="2025-05-28T09:00:00Z">'
        '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2025-05-28"}</script>'
        "</head><body>"
    )
    article = "<article><h1>Russia proposes Istanbul talks</h1>" + "".join(
        f"<p>{html_escape.escape(line)}</p>" for line in prose[:12]
    )
    parts = [head, f"<header><nav>{link_list(30)}</nav></header><main>", article]
    total = sum(map(len, parts))
    block = 0
    while total < size:
        if all_text:
            piece = f"<p>{html_escape.escape(prose[block % len(prose)])} ({block})</p>"
        else:
            kind = block % 3
            if kind == 0:
                piece = "<script>var config = " + repr([rng.choice(words) for _ in range(300)]) + ";</script>"
            elif kind == 1:
                piece = f'<section class="related"><h2>More news</h2>{link_list(20)}</section>'
            else:
                piece = (
                    '<div class="comment"><p class="author">reader</p><p>'
                    + " ".join(rng.choices(words, k=40))
                    + "</p></div>"
                )
        parts.append(piece)
        total += len(piece)
        block += 1
    parts.append("</article></main><footer><p>Copyright 2025 Example News. All rights reserved.</p></footer>")
    parts.append("</body></html>")
    return "".join(parts)[:size] if all_text else "".join(parts)


def bench_html() -> None:
    from newsapi.extraction.cleaning import MAX_HTML_CHARS
    from newsapi.extraction.html_input import read_page

    print("### HTML pages (`html_input.read_page` and `clean_article`), seconds\n")
    print(
        f"`MAX_HTML_CHARS` = {MAX_HTML_CHARS:,}; `MAX_RAW_CHARS` = {MAX_RAW_CHARS:,} for the text read out.\n"
    )
    print("| page | characters | read_page | clean_article | body characters |")
    print("|---|---|---|---|---|")
    cases = [("news page", size, False) for size in (50_000, 200_000, 500_000, 1_000_000, MAX_HTML_CHARS)]
    cases.append(("paragraphs only", MAX_HTML_CHARS, True))
    for name, size, all_text in cases:
        page = make_page(size, all_text=all_text)
        read_page.cache_clear()
        reading = time_once(read_page, page)
        read_page.cache_clear()
        started = time.perf_counter()
        cleaned = clean_article(page)
        cleaning = time.perf_counter() - started
        print(
            f"| {name} | {len(page):,} | {reading:.2f} | {cleaning:.2f} | {len(cleaned.body):,} |", flush=True
        )
    print()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,2,4,10", help="sizes in MB, comma-separated")
    parser.add_argument("--pipeline", action="store_true", help="also time extract_article at the limit")
    parser.add_argument("--html", action="store_true", help="only time the reading of HTML pages")
    args = parser.parse_args(argv)
    if args.html:
        bench_html()
        return 0
    bench_cleaning([float(size) for size in args.sizes.split(",")])
    if args.pipeline:
        bench_pipeline()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
