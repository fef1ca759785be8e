"""HTML pages in: telling a captured page from plain text, and reading the article out of it.

Scrapers often capture the page rather than its text. Read as text, a page keeps every tag, its
scripts and its navigation. This module turns a page into the text the cleaner reads
(``cleaning.clean_article``): the headline on the first line, then the article's paragraphs, one a
line, separated by blank lines. The main content is found by ``trafilatura``, a maintained extractor
that leaves out navigation, scripts, styles, footers, related links and comments.

What the page declares about itself is kept beside the text: the headline, the outlet
(``og:site_name``, ``application-name``, the JSON-LD publisher), its canonical address and that address's
domain, the author, and the publication date of its own metadata: a ``<meta>`` date (``article:published_time``
and the other names ``htmldate`` lists), JSON-LD ``datePublished``, an element marked
``itemprop="datePublished"``, a ``<time pubdate>``, else the first ``<time datetime>`` of the page's
``<article>``. Only a declared date is taken: ``htmldate`` (which trafilatura asks for a page's date)
is not, because even with ``extensive_search=False`` and ``original_date=True`` it falls back on a date
in the page's URL, its ``<title>`` or ``<h1>``, or any date-like string of its text, and returns such a
guess as it returns a declared date, without saying which it was.
"""

from __future__ import annotations

import email.utils
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from urllib.parse import urlsplit

from newsapi.extraction.lexicon import page_published_itemprops, page_published_meta_names
from newsapi.extraction.types import DeclaredDate

# Before the first tag: white space, a byte-order mark, comments, an XML declaration.
_PAGE_LEAD = re.compile(r"(?:\s|\ufeff|<!--.*?-->|<\?xml[^>]*>)*", re.S)
# A document: a doctype, or the root or a section of one. A page cut short after its first tag is one.
_DOCUMENT_START = re.compile(r"<(?:!doctype\s+html|html|head|body)(?=[\s>/])", re.I)
# A captured fragment of a page opens with a block element and closes at least one.
_BLOCK_START = re.compile(
    r"<(?:p|div|article|section|main|header|nav|aside|h[1-6]|ul|ol|table|blockquote|figure)(?=[\s>/])", re.I
)
_BLOCK_END = re.compile(r"</(?:p|div|article|section|main|h[1-6]|ul|ol|li|table|blockquote|figure)\s*>", re.I)

_TAG = re.compile(r"<[^<>]*>")

# A declared day: ISO 8601 ("2025-03-03T10:00:00Z", "2025-03-03"), slashed or compact
# ("2025/03/03", "20250303"), else an e-mail style stamp ("Mon, 03 Mar 2025 10:00:00 GMT"). The day is
# the one written: the outlet's own calendar day, whatever the time zone.
_DAY_FIRST_YEAR = re.compile(r"\s*(\d{4})([-/.]?)(\d{2})\2(\d{2})(?!\d)")
_EARLIEST_YEAR = 1600

# schema.org types of a page's main work, as JSON-LD names them ("NewsArticle", "ReportageNewsArticle",
# "BlogPosting", "LiveBlogPosting").
_ARTICLE_TYPE = re.compile(r"(?:Article|Posting)$")


@dataclass(frozen=True)
class Page:
    """An HTML page read: the text for the cleaner and what the page declares about itself."""

    text: str  # the headline, then the article's paragraphs, blank-line separated
    title: str
    site_name: str | None = None
    domain: str | None = None
    author: str | None = None
    published: DeclaredDate | None = None
    url: str | None = None  # the canonical address


def looks_like_html(text: str) -> bool:
    """True for an HTML document or a captured fragment of one, by its structure, never by a "<" alone.

    A document opens (after white space, comments, an XML declaration) with a doctype or an ``html``,
    ``head`` or ``body`` tag; a fragment opens with a block element (``<div>``, ``<p>``, ``<article>``)
    and closes one. Prose that mentions a tag ("use a <b> tag", "x < y") opens with a word and stays text.
    """
    lead = _PAGE_LEAD.match(text)
    start = lead.end() if lead else 0
    opening = text[start : start + 64]
    if _DOCUMENT_START.match(opening):
        return True
    return _BLOCK_START.match(opening) is not None and _BLOCK_END.search(text) is not None


def _one_line(text: str | None) -> str:
    return " ".join((text or "").split())


@lru_cache(maxsize=4)
def read_page(html: str) -> Page:
    """The article text and the declared metadata of one page (cached: the limit check at ingest and
    the extraction read the same page). A page that cannot be parsed, or holds no article text (a
    login wall, an empty body), gives what it has, down to an empty text; never an exception."""
    from trafilatura import bare_extraction
    from trafilatura.utils import load_html

    try:
        tree = load_html(html)
    except Exception:  # lxml's own errors on hostile bytes; the page then has no text
        tree = None
    if tree is None:
        return Page(text="", title="")
    published = declared_publication_date(tree)
    site_name, domain = _declared_outlet(tree)
    try:
        document = bare_extraction(
            tree,
            with_metadata=True,
            include_comments=False,
            # Less text rather than any of the page's furniture: without it, a page with little or no
            # article text (a login wall, a page cut short) gave its navigation links as the article.
            favor_precision=True,
            include_images=False,
            include_links=False,
            # htmldate's answer is not used (see the module's docstring); this keeps its search short.
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception:  # trafilatura on a broken tree: the declared metadata still stand
        document = None
    title = _without_site_name(
        _one_line(document.title if document else None) or _one_line(tree.findtext(".//title")), site_name
    )
    paragraphs = [_one_line(line) for line in (document.text or "").splitlines()] if document else []
    paragraphs = [line for line in paragraphs if line]
    return Page(
        text="\n\n".join([title, *paragraphs] if title else paragraphs),
        title=title,
        site_name=site_name,
        domain=domain,
        author=_one_line(document.author if document else None) or None,
        published=published,
        url=declared_address(tree),
    )


def _without_site_name(title: str, site_name: str | None) -> str:
    """The headline without the outlet's name that pages append to it ("Storm shuts harbour | The
    Island Herald", as ``og:title`` often gives it), when the page declares that name."""
    if not site_name:
        return title
    headline = re.sub(rf"\s+[|\-\u2013\u2014:\u00b7\u2022]\s+{re.escape(site_name)}$", "", title, flags=re.I)
    return headline or title


def page_text_over(html: str, limit: int) -> int | None:
    """The length of the text read out of ``html`` when it is over ``limit``, else None.

    A page whose characters outside tags are within the limit cannot give more, and is let through
    without reading it; only a page with that much text is read.
    """
    if len(_TAG.sub("", html)) <= limit:
        return None
    length = len(read_page(html).text)
    return length if length > limit else None


# ---------------------------------------------------------------------------
# What the page declares
# ---------------------------------------------------------------------------


def declared_publication_date(tree) -> DeclaredDate | None:
    """The publication date the page states in its own markup, with where it states it, else None."""
    meta_names = page_published_meta_names()
    itemprops = page_published_itemprops()
    for meta in tree.iter("meta"):
        for attribute in ("property", "name", "itemprop"):
            key = (meta.get(attribute) or "").strip()
            if key.lower() in (itemprops if attribute == "itemprop" else meta_names):
                written = meta.get("content") or meta.get("datetime") or ""
                if (day := _declared_day(written)) is not None:
                    return DeclaredDate(day, key, written.strip())
    for item in _json_ld_items(tree):
        for key in ("datePublished", "dateCreated"):
            written = item.get(key)
            if isinstance(written, str) and (day := _declared_day(written)) is not None:
                return DeclaredDate(day, f"JSON-LD {key}", written.strip())
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag == "meta":
            continue
        if (element.get("itemprop") or "").strip().lower() in itemprops:
            written = element.get("datetime") or element.get("content") or element.text_content()
            if (day := _declared_day(written)) is not None:
                return DeclaredDate(day, f'itemprop="{element.get("itemprop").strip()}"', written.strip())
    for time in tree.iter("time"):
        if time.get("pubdate") is not None and (day := _declared_day(time.get("datetime") or "")):
            return DeclaredDate(day, "<time pubdate>", time.get("datetime").strip())
    article = next(tree.iter("article"), None)
    if article is not None:
        time = next(article.iter("time"), None)
        if time is not None and (day := _declared_day(time.get("datetime") or "")):
            return DeclaredDate(day, "<time datetime>", time.get("datetime").strip())
    return None


def _declared_day(written: str | None) -> date | None:
    written = (written or "").strip()
    if not written:
        return None
    match = _DAY_FIRST_YEAR.match(written)
    try:
        if match:
            day = date(int(match.group(1)), int(match.group(3)), int(match.group(4)))
        else:
            day = email.utils.parsedate_to_datetime(written).date()
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return day if day.year >= _EARLIEST_YEAR else None


def _declared_outlet(tree) -> tuple[str | None, str | None]:
    """The outlet's name as the page gives it (``og:site_name``, ``application-name``, the JSON-LD
    publisher) and the domain of its canonical address, each None when the page does not say."""
    name = None
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or "").strip().lower()
        if key in ("og:site_name", "application-name") and _one_line(meta.get("content")):
            name = _one_line(meta.get("content"))
            break
    if name is None:
        for item in _json_ld_items(tree):
            publisher = item.get("publisher")
            publisher = publisher[0] if isinstance(publisher, list) and publisher else publisher
            if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
                name = _one_line(publisher["name"]) or None
                if name:
                    break
    return name, _domain(declared_address(tree))


def declared_address(tree) -> str | None:
    """The page's own address as it declares it (``<link rel="canonical">``, else ``og:url``), when that
    is an absolute http(s) address; else None."""
    address = None
    for link in tree.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split():
            address = link.get("href")
            break
    if address is None:
        address = next(
            (m.get("content") for m in tree.iter("meta") if (m.get("property") or "").lower() == "og:url"),
            None,
        )
    address = (address or "").strip()
    return address if _domain(address) else None


def _domain(address: str | None) -> str | None:
    try:
        parts = urlsplit((address or "").strip())
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower()
    return host[4:] if host.startswith("www.") else host


def _json_ld_items(tree) -> Iterator[dict]:
    """The page's JSON-LD objects (top level and ``@graph``), its articles first."""
    items: list[dict] = []
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            data = json.loads(script.text or "")
        except (ValueError, RecursionError):
            continue
        pending = [data]
        while pending:
            item = pending.pop(0)
            if isinstance(item, list):
                pending.extend(item)
            elif isinstance(item, dict):
                items.append(item)
                if isinstance(item.get("@graph"), list):
                    pending.extend(item["@graph"])
    yield from sorted(items, key=lambda item: not _is_article(item))


def _is_article(item: dict) -> bool:
    types = item.get("@type")
    types = types if isinstance(types, list) else [types]
    return any(isinstance(kind, str) and _ARTICLE_TYPE.search(kind) for kind in types)
