"""HTML pages as scrapers capture them: told from text, read into the article, the page's own metadata kept."""

from datetime import date
from pathlib import Path

import pytest

from newsapi.extraction.cleaning import clean_article
from newsapi.extraction.dates import PAGE_METADATA, find_publication_date
from newsapi.extraction.html_input import looks_like_html, page_text_over, read_page

PAGE = (Path(__file__).resolve().parents[1] / "fixtures" / "harbour_page.html").read_text(encoding="utf-8")

LEAD = (
    "VALLETTA, March 3 (Reuters) - Gale-force winds closed the harbour of Valletta on Monday, halting "
    "ferries to Gozo and leaving two cargo ships at anchor outside the breakwater, the port authority said."
)
QUOTE = '"We will not reopen the harbour until the breakwater has been checked," said Joseph Farrugia'


def page(head: str = "", body: str = "") -> str:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"


ARTICLE_BODY = (
    "<article><h1>Harbour reopens after storm damage</h1>"
    "<p>The harbour of Valletta reopened to shipping after repairs to the breakwater damaged in the storm, "
    "the port authority said in a statement on Monday.</p>"
    "<p>Ferries to Gozo run on the usual timetable again, the operator said, and the two cargo ships that "
    "waited outside the breakwater were brought in during the morning.</p></article>"
)


# --- text or page ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Browsers bold a word put between a <b> tag and its closing tag, the standard says.",
        "Turnout was < 40% in the capital\n\nOfficials said x < y held for every district.",
        "<b>Breaking</b>: talks resume in Geneva\n\nForeign ministers met in Geneva on Monday.",
        "<3 from Valletta\n\nThe harbour reopened on Monday.",
        "<div class=x> appears in the page source, the developer said.",
    ],
)
def test_prose_with_angle_brackets_stays_text_and_is_cleaned_as_before(text):
    """A "<" or a tag named in prose is not a page: the text goes to the text cleaner unchanged."""
    from newsapi.extraction.cleaning import _clean_text

    assert not looks_like_html(text)
    assert clean_article(text) == _clean_text(text)


@pytest.mark.parametrize(
    "text",
    [
        PAGE,
        "<html><head><title>Quake hits Chile</title></head><body><p>A quake struck.</p></body></html>",
        "\ufeff  <!-- saved page -->\n<?xml version='1.0'?><HTML lang=en><BODY><P>Talks resume.</P>",
        "<html><head><title>Quake hits Chile - Example News</title>",  # cut short
        "<div class='story'><p>Talks resume in Geneva.</p><p>Ministers met.</p></div>",  # a fragment
    ],
)
def test_documents_and_captured_fragments_are_pages(text):
    assert looks_like_html(text)


# --- a realistic page ------------------------------------------------------------------------------


def test_a_page_gives_its_headline_its_article_and_nothing_of_its_furniture():
    cleaned = clean_article(PAGE)
    assert cleaned.title == "Storm shuts Valletta harbour as ferries halted"
    paragraphs = cleaned.body.split("\n\n")
    assert paragraphs[0] == LEAD
    assert len(paragraphs) == 5 and paragraphs[2].startswith(QUOTE)
    for furniture in [
        "<",
        ">",
        "gtag",
        "dataLayer",
        "display: flex",
        "cookies",
        "Home",
        "Opinion",
        "Share on",
        "Related stories",
        "Ferry fares to Gozo rise",
        "nobody fixes the breakwater",
        "anon123",
        "Copyright",
        "Privacy policy",
        "Storm shuts Valletta harbour",  # the headline is the title, not a paragraph too
    ]:
        assert furniture not in cleaned.body, furniture


def test_a_page_gives_the_outlet_domain_and_author_it_declares():
    cleaned = clean_article(PAGE)
    # The outlet the page declares wins over the agency its dateline credits.
    assert cleaned.source_name == "The Island Herald"
    assert cleaned.source_domain == "islandherald.example"
    assert cleaned.author == "Maria Camilleri"


def test_the_publication_date_of_the_page_metadata_is_served_with_its_field():
    published = find_publication_date(clean_article(PAGE), today=date(2025, 6, 1))
    assert published.value == date(2025, 3, 3)
    assert published.clues[0].kind == PAGE_METADATA
    assert published.clues[0].evidence == "article:published_time 2025-03-03T10:00:00Z"
    assert "article:published_time 2025-03-03T10:00:00Z" in published.evidence
    assert published.confidence >= 0.85 and published.conflicts == []


def test_the_callers_date_wins_and_a_contradicting_page_date_is_a_conflict():
    published = find_publication_date(clean_article(PAGE), hint=date(2025, 3, 10), today=date(2025, 6, 1))
    assert published.value == date(2025, 3, 10)
    assert any(
        conflict.startswith(
            "The page's metadata \u201carticle:published_time 2025-03-03T10:00:00Z\u201d says 2025-03-03"
        )
        for conflict in published.conflicts
    )
    assert published.confidence < 0.5


@pytest.mark.slow
def test_a_page_is_extracted_with_its_quote_and_speaker_and_spans_into_the_clean_body():
    from newsapi.extraction.pipeline import extract_article

    extraction = extract_article(PAGE)
    assert extraction.raw_text == PAGE  # what the content hash is taken of
    (quote,) = [q for q in extraction.quotes if q.text.startswith("We will not reopen")]
    assert quote.speaker_name == "Joseph Farrugia"
    assert extraction.cleaned.body[quote.start : quote.end] == quote.text
    assert extraction.published.value == date(2025, 3, 3)
    assert all(not e.name.startswith(("<", ">")) for e in extraction.entities)


@pytest.mark.parametrize("separator", ["|", "-", "\u2013", "\u2014", ":"])
def test_the_outlets_name_appended_to_the_headline_is_not_part_of_the_title(separator):
    head = (
        f'<meta property="og:title" content="Harbour reopens after storm damage {separator} Harbour Times">'
        '<meta property="og:site_name" content="Harbour Times">'
    )
    assert clean_article(page(head, ARTICLE_BODY)).title == "Harbour reopens after storm damage"


# --- where a page declares its date ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "body", "field", "day"),
    [
        (
            '<script type="application/ld+json">{"@context": "https://schema.org", "@graph": ['
            '{"@type": "WebPage", "datePublished": "2024-12-30"}, {"@type": "NewsArticle", '
            '"datePublished": "2025-01-15T08:00:00+01:00", "publisher": {"name": "Harbour Times"}}]}</script>',
            ARTICLE_BODY,
            "JSON-LD datePublished",
            date(2025, 1, 15),
        ),
        ('<meta name="pubdate" content="20250115">', ARTICLE_BODY, "pubdate", date(2025, 1, 15)),
        (
            '<meta name="date" content="Wed, 15 Jan 2025 09:00:00 GMT">',
            ARTICLE_BODY,
            "date",
            date(2025, 1, 15),
        ),
        (
            "",
            ARTICLE_BODY.replace(
                "</h1>", '</h1><span itemprop="datePublished" content="2025-01-15">Jan 15</span>'
            ),
            'itemprop="datePublished"',
            date(2025, 1, 15),
        ),
        (
            "",
            ARTICLE_BODY.replace("</h1>", '</h1><time datetime="2025-01-15">15 January</time>'),
            "<time datetime>",
            date(2025, 1, 15),
        ),
    ],
)
def test_each_way_a_page_declares_its_date_is_read_with_its_field(head, body, field, day):
    declared = read_page(page(head, body)).published
    assert (declared.value, declared.field) == (day, field)


def test_a_date_in_the_address_title_or_text_is_no_declared_date_though_htmldate_guesses_it():
    """htmldate, even told not to search extensively and to look for the original date, returns the date
    of the canonical address as it would a declared one: that guess never becomes a strong clue."""
    from htmldate import find_date

    html = page(
        '<link rel="canonical" href="https://harbour.example/news/2025/01/15/storm">'
        "<title>Storm of 15 January 2025</title>",
        ARTICLE_BODY.replace("on Monday", "on 15 January 2025"),
    )
    assert find_date(html, extensive_search=False, original_date=True) == "2025-01-15"
    cleaned = clean_article(html)
    assert cleaned.declared_published is None
    assert all(c.kind != PAGE_METADATA for c in find_publication_date(cleaned).clues)


# --- bad pages -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "html",
    [
        page(
            "<title>Sign in - The Island Herald</title>",
            "<form><input name=user><button>Sign in</button></form>",
        ),
        page("<title>Harbour</title>", ""),
        "<html>",
        "<html><body>" + bytes(range(256)).decode("latin-1") * 50,
        "<html>\x00\x01\ufffd<body><p>\ud800</p>",
        page(
            '<script type="application/ld+json">{"datePublished": </script><meta name="date" content="2025-02-30">'
        ),
    ],
)
def test_a_broken_or_empty_page_raises_nothing(html):
    cleaned = clean_article(html)
    assert "<html" not in cleaned.body and "<body" not in cleaned.title
    assert find_publication_date(cleaned).value is None


def test_a_page_cut_short_keeps_its_head_and_gives_none_of_its_navigation():
    cleaned = clean_article(PAGE[: PAGE.index('<p class="byline">')])
    assert cleaned.title == "Storm shuts Valletta harbour as ferries halted"
    assert "Opinion" not in cleaned.body and "Home" not in cleaned.body
    assert find_publication_date(cleaned).value == date(2025, 3, 3)


def test_a_page_with_no_article_text_gives_an_empty_body_and_its_title():
    cleaned = clean_article(page("<title>Harbour</title>", ""))
    assert (cleaned.title, cleaned.body) == ("Harbour", "")
    login = page(
        "<title>Sign in</title>",
        "<nav><a href=/>Home</a><a href=/news>News</a></nav><form><input name=user><button>Sign in</button>"
        "</form><p>Subscribe to keep reading.</p><footer>Copyright</footer>",
    )
    assert clean_article(login).body == ""


# --- size ------------------------------------------------------------------------------------------


def test_the_text_of_a_page_is_measured_only_when_the_page_could_hold_more_than_the_limit():
    assert page_text_over(PAGE, 10_000) is None
    long_page = page("", "<article>" + "<p>" + "The harbour stayed shut. " * 40 + "</p>" * 1 + "</article>")
    length = len(read_page(long_page).text)
    assert page_text_over(long_page, length - 1) == length
    assert page_text_over(long_page, length) is None
    # Markup and scripts are not text: a page far over the limit in characters may hold little.
    padded = page("<script>" + "var x = 1;" * 5000 + "</script>", ARTICLE_BODY)
    assert page_text_over(padded, 1000) is None
