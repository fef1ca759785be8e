"""Boilerplate removal, title, outlet and header lines."""

from pathlib import Path

import pytest

from newsapi.extraction.cleaning import clean_article

SEEDS_DIR = Path(__file__).resolve().parents[2] / "seeds"


def seed(prefix: str) -> str:
    (path,) = SEEDS_DIR.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def paragraphs(cleaned) -> list[str]:
    return cleaned.body.split("\n\n")


LEAD = (
    "Russia has proposed a second round of direct talks with Ukraine to be held on June 2 in Istanbul, "
    "according to Russian Foreign Minister Sergei Lavrov, officials said on Wednesday."
)
SECOND = "Ukraine has expressed conditional openness to the talks, and its defence minister confirmed it."


def article(*lines: str) -> str:
    return "\n\n".join(lines)


# --- the seeds -----------------------------------------------------------------------------------


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_every_body_paragraph_of_a_seed_is_a_line_of_the_raw_text(prefix):
    """Cleaning drops lines; it never edits the characters of one it keeps (bar a syndication credit)."""
    raw = seed(prefix)
    raw_lines = {line.strip() for line in raw.splitlines()}
    cleaned = clean_article(raw)
    for paragraph in paragraphs(cleaned):
        assert paragraph in raw_lines or any(line.endswith(paragraph) for line in raw_lines)
    assert "\n\n\n" not in cleaned.body
    assert cleaned.body == cleaned.body.strip()
    assert all(p == p.strip() and p for p in paragraphs(cleaned))


def test_seed_000_title_header_outlet_and_disclaimer():
    """Live Mint via MENAFN: dateline in the header, id in the trailer, disclaimer gone."""
    cleaned = clean_article(seed("000"))
    assert cleaned.title.startswith("Russia Proposes Second Round Of Peace Talks In Istanbul On June 2")
    assert cleaned.header_lines == ["Tuesday, 02 January 2024 12:17 GMT"]
    assert cleaned.trailer_lines == ["MENAFN28052025007365015876ID1109607919"]
    assert cleaned.source_name == "Live Mint"
    body = paragraphs(cleaned)
    assert body[0].startswith("Russia has proposed a second round of direct talks")
    assert "(MENAFN- Live Mint)" in cleaned.removed_lines
    assert body[-1].startswith("Despite modest territorial gains")
    for junk in ("Also Read", "MENAFN", "Legal Disclaimer", "Search", "Live Mint"):
        assert not any(p.startswith(junk) for p in body), junk
    assert "Kyiv: Not opposed, but waiting for Russia's 'peace memorandum'" in body
    assert "A war with no end in sight" in body
    assert cleaned.title not in cleaned.body


def test_seed_000_keeps_the_scrapers_glued_quote_as_it_is():
    """ "was“playing with fire.”" is not repaired: offsets must match the raw text."""
    cleaned = clean_article(seed("000"))
    assert "the Russian leader was\u201cplaying with fire.\u201d" in cleaned.body


def test_seed_001_drops_labels_captions_ads_and_comment_links():
    """Premium, the (AP) caption, "Story continues below this ad", the comment block."""
    cleaned = clean_article(seed("001"))
    body = paragraphs(cleaned)
    assert (
        cleaned.title
        == "Russia proposes June 2 for peace talks with Ukraine, Trump says can sit \u2018if necessary\u2019"
    )
    assert body[0].startswith("Russia has proposed holding a new round of direct peace talks")
    assert "Premium" in cleaned.removed_lines
    assert cleaned.removed_lines.count("Story continues below this ad") == 4
    assert not any("(AP)" in p for p in body)
    assert not any(p.startswith(("Stay updated", "Latest Comment", "Advertisement")) for p in body)
    assert "Memorandum" in body
    assert body[-1].startswith("\u201cAt this point")
    assert cleaned.source_name is None


def test_seed_001_keeps_the_full_paragraph_and_drops_its_standfirst():
    """The dek repeated (and continued) later in the body appears once."""
    cleaned = clean_article(seed("001"))
    assert cleaned.body.count("The Kremlin\u2019s proposal follows a previous meeting") == 1
    assert "which failed to deliver a ceasefire. Moscow has insisted" in cleaned.body


def test_seed_002_drops_share_buttons_and_comment_form_and_has_no_title():
    """Blogger share buttons and "Post a Comment" go; the lead sentence is not a headline."""
    cleaned = clean_article(seed("002"))
    body = paragraphs(cleaned)
    assert cleaned.title == ""
    assert body[0].startswith("Ukrainian President Volodymyr Zelensky has expressed readiness")
    assert body[-1].startswith("The official added that Putin plans")
    assert len(body) == 12
    assert cleaned.removed_lines.count("- Get link") == 3
    assert "Post a Comment" in cleaned.removed_lines


def test_seed_003_keeps_the_dateline_prefix_and_cuts_the_related_list():
    """ "MOSCOW — " is text; the reply form and the related teasers are not."""
    cleaned = clean_article(seed("003"))
    body = paragraphs(cleaned)
    assert (
        cleaned.title
        == "Russia Proposes June 2 Peace Talks With Ukraine in Istanbul Amid Pressure to End War"
    )
    assert cleaned.header_lines == ["Date:"]
    assert body[0].startswith("MOSCOW\u00a0 \u2014 Russia has formally proposed")
    assert body[-1].startswith("As the war drags into its third year")
    for junk in ("LEAVE A REPLY", "Share post:", "spot_imgspot_img", "Popular", "Related", "DON'T MISS"):
        assert not any(p.startswith(junk) for p in body), junk
    assert not any("Ng\u0169g\u0129" in p for p in body)
    assert "He added that Moscow expects a formal response from Ceasefire Frameworks Under Discussion" in body


def test_seed_004_strips_the_bare_menafn_credit():
    """ "(MENAFN) " names MENAFN and leaves the sentence."""
    cleaned = clean_article(seed("004"))
    body = paragraphs(cleaned)
    assert cleaned.title == "Russia Suggests New Round of Ukraine Peace Talks"
    assert cleaned.source_name == "MENAFN"
    assert body[0].startswith("Russian Foreign Minister Sergey Lavrov announced on Wednesday")
    assert body[-1].startswith("However, he emphasized that Moscow should deliver")
    assert len(body) == 12


# --- rules, one by one ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "junk",
    [
        "Advertisement",
        "Story continues below this ad",
        "Also Read | Trump warns Netanyahu not to sabotage US-Iran nuclear deal talks",
        "Read more: Duisburg \u2013 Three Travel Tips",
        "Read more",
        "- X",
        "Share post:",
        "Facebook",
        "Twitter",
        "WhatsApp",
        "Subscribe",
        "Sign up for our newsletter",
        "Premium",
        "Stay updated with the latest - Click here to follow us on Instagram",
        "Moscow has insisted on conditions. Kyiv has yet to respond to the new offer. (AP)",
        "FILE - In this May 18, 2017 file photo, actress Uma Thurman poses for photographers.",
        "Vjeran Pavic/The Verge",
        "3 min read",
    ],
)
def test_a_boilerplate_line_in_the_middle_of_an_article_is_dropped(junk):
    """Each kind of boilerplate goes, and the paragraphs around it stay."""
    cleaned = clean_article(article("Talks Set For Istanbul", LEAD, junk, SECOND))
    assert paragraphs(cleaned) == [LEAD, SECOND]
    assert junk in cleaned.removed_lines


@pytest.mark.parametrize(
    "text",
    [
        "The campaign bought an advertisement in the local paper, and officials said it ran twice last week.",
        "Critics on Twitter said the minister should read more of the report before commenting on it.",
        "He said the premium paid for the bonds had doubled since the talks were announced in Istanbul.",
        "Related talks in Geneva, which officials described as technical, are expected to begin next month.",
    ],
)
def test_a_paragraph_that_mentions_a_boilerplate_word_is_kept(text):
    """Words like "advertisement" inside a sentence are text."""
    cleaned = clean_article(article("Talks Set For Istanbul", LEAD, text, SECOND))
    assert paragraphs(cleaned) == [LEAD, text, SECOND]


@pytest.mark.parametrize(
    "marker",
    [
        "Related",
        "More like this",
        "Popular",
        "LEAVE A REPLY",
        "Post a Comment",
        "Legal Disclaimer:",
        "Comments",
    ],
)
def test_a_page_ending_block_goes_with_everything_after_it(marker):
    """A related list with teaser headlines and "..." ledes is cut to the end."""
    raw = article(
        "Talks Set For Istanbul",
        LEAD,
        SECOND,
        marker,
        "Floods in Niger State Kill 21, Leave Dozens Missing",
        "ABUJA, Nigeria \u2014 Severe flooding caused by intense rainfall...",
    )
    cleaned = clean_article(raw)
    assert paragraphs(cleaned) == [LEAD, SECOND]
    assert cleaned.removed_lines[0] == marker
    assert cleaned.removed_lines[-1].startswith("ABUJA")


def test_a_weak_end_marker_followed_by_article_text_is_not_a_cut():
    """A "Related" subheading followed by long paragraphs is kept going."""
    long_paragraph = " ".join(
        ["The talks continued late into the evening as delegates argued over the text."] * 3
    )
    cleaned = clean_article(article("Talks Set For Istanbul", LEAD, "Related", long_paragraph))
    assert long_paragraph in paragraphs(cleaned)


def test_the_menafn_disclaimer_block_is_cut_and_the_outlet_line_repeating_the_credit_goes():
    """ "Live Mint" before "Legal Disclaimer:" only repeats the credit's outlet: the credit names it."""
    raw = article(
        "Talks Set For Istanbul",
        "(MENAFN- Live Mint) " + LEAD,
        SECOND,
        "MENAFN28052025007365015876ID1109607919",
        "Live Mint",
        "Legal Disclaimer:\nMENAFN provides the information \u201cas is\u201d without warranty of any kind.",
    )
    cleaned = clean_article(raw)
    assert paragraphs(cleaned) == [LEAD, SECOND]
    assert cleaned.source_name == "Live Mint"
    assert cleaned.trailer_lines == ["MENAFN28052025007365015876ID1109607919"]
    assert "Live Mint" in cleaned.removed_lines


@pytest.mark.parametrize(
    ("credit", "lead", "stray"),
    [
        ("", "(Anadolu) " + LEAD, "Anadolu"),
        ("By Jane Doe | The Kyiv Independent", LEAD, "The Kyiv Independent"),
        ("", LEAD, "The Baltic Herald"),  # named by the copyright line below
        ("", "KYIV, Ukraine (AP) \u2014 " + LEAD, "AP"),
    ],
)
def test_a_line_that_only_repeats_the_credited_outlet_is_dropped(credit, lead, stray):
    """Any outlet a credit, byline or copyright line names: its name alone on a line is no text."""
    lines = [line for line in ("Talks Set For Istanbul", credit, lead, stray, SECOND) if line]
    lines.append("Copyright 2025 The Baltic Herald. All rights reserved.")
    cleaned = clean_article(article(*lines))
    assert paragraphs(cleaned) == [lead.removeprefix("(Anadolu) "), SECOND]
    assert stray in cleaned.removed_lines


def test_an_outlet_line_no_credit_names_stays():
    """Without a credit naming it, a short capitalised line is not known to be an outlet."""
    cleaned = clean_article(
        article("Talks Set For Istanbul", "(Reuters) " + LEAD, "The Baltic Herald", SECOND)
    )
    assert paragraphs(cleaned) == [LEAD, "The Baltic Herald", SECOND]


def test_a_button_bar_repeated_above_and_below_the_article_is_dropped():
    """Short labels that come again in the same order are a bar of buttons, whatever their words."""
    bar = ["- Pin it", "- Send", "- More Options"]
    cleaned = clean_article(article("Talks Set For Istanbul", *bar, LEAD, SECOND, *bar))
    assert paragraphs(cleaned) == [LEAD, SECOND]
    assert cleaned.removed_lines.count("- Send") == 2


def test_short_lines_that_come_once_are_kept():
    """A subheading pair seen once is text, even with the same words repeated elsewhere alone."""
    cleaned = clean_article(
        article(
            "Talks Set For Istanbul",
            LEAD,
            "Kyiv responds",
            "Cautiously",
            SECOND,
            "Kyiv responds",
            SECOND + " Again.",
        )
    )
    assert "Cautiously" in paragraphs(cleaned)
    assert paragraphs(cleaned).count("Kyiv responds") == 2


@pytest.mark.parametrize(
    ("lead", "source"),
    [
        ("(MENAFN- Live Mint) " + LEAD, "Live Mint"),
        ("(MENAFN) " + LEAD, "MENAFN"),
        ("MOSCOW (Reuters) - " + LEAD, "Reuters"),
        ("KYIV, Ukraine (AP) \u2014 " + LEAD, "AP"),
        ("KYIV, Ukraine (AP) \u2015 " + LEAD, "AP"),
        (LEAD, None),
    ],
)
def test_the_outlet_comes_from_an_explicit_credit_only(lead, source):
    """Syndication and agency credits name the outlet; plain text names none."""
    cleaned = clean_article(article("Talks Set For Istanbul", lead, SECOND))
    assert cleaned.source_name == source


def test_a_syndication_credit_is_stripped_but_an_agency_dateline_stays():
    """ "(MENAFN- Live Mint) " goes; "MOSCOW (Reuters) - " is part of the text."""
    menafn = clean_article(article("Talks Set For Istanbul", "(MENAFN- Live Mint) " + LEAD, SECOND))
    assert paragraphs(menafn)[0] == LEAD
    reuters = clean_article(article("Talks Set For Istanbul", "MOSCOW (Reuters) - " + LEAD, SECOND))
    assert paragraphs(reuters)[0] == "MOSCOW (Reuters) - " + LEAD


@pytest.mark.parametrize(
    ("credit", "agency"), [("(Reuters) - ", "Reuters"), ("(CNN) \u2014 ", "CNN"), ("(AP) \u2013 ", "AP")]
)
def test_an_agency_dateline_without_its_place_goes_with_its_dash(credit, agency):
    """ "(Reuters) - Broadcom made ..." (a scrape that lost the city): the credit names the outlet and
    goes with its dash; the body never opens with the dash alone."""
    cleaned = clean_article(article("Talks Set For Istanbul", credit + LEAD, SECOND))
    assert paragraphs(cleaned)[0] == LEAD
    assert cleaned.source_name == agency


def test_a_byline_with_an_outlet_names_the_source_and_goes_to_the_header():
    """ "By X | Outlet" is a header line and an explicit clue."""
    cleaned = clean_article(article("Talks Set For Istanbul", "By Jane Doe | Kyiv Independent", LEAD, SECOND))
    assert cleaned.source_name == "Kyiv Independent"
    assert cleaned.header_lines == ["By Jane Doe | Kyiv Independent"]
    assert paragraphs(cleaned) == [LEAD, SECOND]


@pytest.mark.parametrize(
    "dateline", ["NAIROBI, Kenya (AP) _", "MOSCOW (Reuters) -", "NEW YORK, Nov. 19 —", "WASHINGTON _"]
)
def test_a_dateline_on_a_line_of_its_own_is_not_the_title(dateline):
    """Wire copy often breaks the line after the dateline: it opens the body, it is no headline."""
    cleaned = clean_article(article(dateline, LEAD, SECOND))
    assert cleaned.title == ""
    assert paragraphs(cleaned)[0] == dateline


@pytest.mark.parametrize(
    "title",
    [
        "EXCLUSIVE \u2013 Roger Stone: Don\u2019t Trust the Voting Machines.",
        "BREAKING \u2014 Senate passes the bill",
    ],
)
def test_a_kicker_before_a_dash_is_no_dateline_and_its_line_is_the_title(title):
    """ "EXCLUSIVE \u2013 ...": a story's kind before the dash names no place; the headline is the title."""
    cleaned = clean_article(article(title, LEAD, SECOND))
    assert cleaned.title == title
    assert paragraphs(cleaned) == [LEAD, SECOND]


def test_mojibake_in_decomposed_form_is_undone():
    """Mojibake a decomposing step went through ("FranA\u0303\u00a7ois": "\u00c3" as "A" and a combining
    tilde) is repaired like the composed kind."""
    cleaned = clean_article(
        article("Talks Set For Istanbul", "President FranA\u0303\u00a7ois Hollande spoke.", SECOND)
    )
    assert paragraphs(cleaned)[0] == "President Fran\u00e7ois Hollande spoke."


def test_mojibake_and_html_entities_are_undone_but_quotes_stay_curly():
    """UTF-8 read as Windows-1252 and HTML entities, as scrapers leave them, are repaired (ftfy);
    curly quotes and the rest of the text stay as written."""
    cleaned = clean_article(
        article(
            "Prisoners leave Guant\u00c3\u00a1namo",
            "The men left Guant\u00c3\u00a1namo Bay on Monday, and Savings &amp; Loan officials "
            "didn\u00e2\u20ac\u2122t comment. \u201cWe are glad,\u201d she said.",
            SECOND,
        )
    )
    assert cleaned.title == "Prisoners leave Guant\u00e1namo"
    assert paragraphs(cleaned)[0] == (
        "The men left Guant\u00e1namo Bay on Monday, and Savings & Loan officials didn\u2019t comment. "
        "\u201cWe are glad,\u201d she said."
    )


def test_an_opening_single_quote_inside_a_word_is_an_apostrophe_and_quotes_stay_as_written():
    """ "Trump‘s", "don‘t": a smart-quote slip for the apostrophe; a quote that opens after a space
    keeps its mark, and the text keeps its length (spans point into it)."""
    body = "Donald Trump‘s aides don‘t agree, and the ‘pivot to Asia’ stands, an aide said."
    cleaned = clean_article(article("Aides Disagree", body, SECOND))
    assert paragraphs(cleaned)[0] == (
        "Donald Trump’s aides don’t agree, and the ‘pivot to Asia’ stands, an aide said."
    )


@pytest.mark.parametrize(
    "byline",
    [
        "BYLINE: Amber Phillips.",
        "Byline: Jane Doe",
        "By Jane Doe",
        "By: Jane Doe",
        "Story by Jane Doe",
        "Written By Jane Doe",
        "REPORTING BY JANE DOE",
    ],
)
def test_a_byline_before_the_title_is_not_the_title(byline):
    """Archive exports (LexisNexis: "BYLINE: Name.") put the byline first; the title is the next line.
    Every opener the author reader knows (``lexicon.BYLINE_OPENERS``, in any case) makes a byline."""
    cleaned = clean_article(article(byline, "Talks Set For Istanbul", LEAD, SECOND))
    assert cleaned.title == "Talks Set For Istanbul"
    assert paragraphs(cleaned) == [LEAD, SECOND]


@pytest.mark.parametrize(
    "dateline",
    [
        "Tuesday, 02 January 2024 12:17 GMT",
        "Date:",
        "Published: May 28, 2025",
        "Updated: 2025-05-28 17:52",
        "May 28, 2025 at 10:00 am EDT",
    ],
)
def test_datelines_before_the_body_go_to_the_header(dateline):
    """Date clues before the body are kept apart from it."""
    cleaned = clean_article(article(dateline, "Talks Set For Istanbul", LEAD, SECOND))
    assert cleaned.header_lines == [dateline]
    assert cleaned.title == "Talks Set For Istanbul"
    assert paragraphs(cleaned) == [LEAD, SECOND]


def test_the_title_is_the_first_headline_like_line_and_leaves_the_body():
    """A short line without a final period before the body is the title."""
    cleaned = clean_article(article("Russia proposes June 2 for peace talks with Ukraine", LEAD, SECOND))
    assert cleaned.title == "Russia proposes June 2 for peace talks with Ukraine"
    assert paragraphs(cleaned) == [LEAD, SECOND]


@pytest.mark.parametrize(
    "first",
    [
        "A gunman killed more than 50 people at an open-air concert in Las Vegas on the Strip",
        "MELBOURNE, Fla. \u2014 Can you feel it?",
        "Sarah Silverman and Michael Sheen have broken up.",
        # Irregular participles that end in neither -ed nor -en, read from the lemmatizer's tables.
        "Senator Smith has won his third term.",
        "The mayor has said little since.",
    ],
)
def test_a_first_line_that_reads_as_a_sentence_is_not_taken_for_a_title(first):
    """Standfirsts, dateline leads and lead sentences stay in the body."""
    cleaned = clean_article(article(first, LEAD, SECOND))
    assert cleaned.title == ""
    assert paragraphs(cleaned)[0] == first


@pytest.mark.parametrize(
    "title",
    [
        "Poll: Wealthy Voters Abandon Republican Party for Hillary Clinton.",
        # The possessive after an abbreviation's dot is no lower-case word of the headline.
        "Examining the U.N.'s Record on Urgent Global Challenges.",
    ],
)
def test_a_title_in_title_case_may_end_with_a_period(title):
    """ "Poll: Wealthy Voters Abandon Republican Party for Hillary Clinton." is a headline."""
    assert clean_article(article(title, LEAD, SECOND)).title == title


def test_a_title_case_headline_of_two_sentences_is_the_title():
    title = "Bernie Sanders Suffered A Big Blow. Here’s His Plan Going Forward."
    cleaned = clean_article(article(title, LEAD, SECOND))
    assert cleaned.title == title
    assert paragraphs(cleaned) == [LEAD, SECOND]


def test_a_caption_with_its_credit_after_the_sentence_is_not_the_title():
    """The credit after a caption's sentence makes two sentences, not a Title Case line."""
    caption = "Rihanna had just spent the holiday with her cousin Tavon. Dimitrios Kambouris/Getty Images"
    cleaned = clean_article(article(caption, LEAD, SECOND))
    assert cleaned.title == ""


@pytest.mark.parametrize(
    "title",
    [
        "Pfizer deal's tax strategy assailed.",
        "The Latest: Sanders wins Minnesota Democratic caucuses.",
        "Republicans Finally Confirmed A Judge. Is This Obama\u2019s Last One?",
    ],
)
def test_a_sentence_case_headline_with_a_period_above_the_dateline_is_the_title(title):
    """Archives end every headline with a period; a line right above the body's dateline is the
    headline whatever its punctuation, and the lead starts at the dateline."""
    lead = "WASHINGTON (AP) \u2014 " + LEAD
    cleaned = clean_article(article(title, lead, SECOND))
    assert cleaned.title == title
    assert paragraphs(cleaned) == [lead, SECOND]


@pytest.mark.parametrize(
    "title",
    [
        "Clinton stays well ahead of Sanders in latest poll.",
        "Trump: Clinton should have congratulated me for making history.",
        # The period inside the closing quote.
        "Reid: 'Never, ever, ever underestimate Trump.'",
        # "children" ends like "broken" but is no participle: no perfect here.
        "Candidate who has children opposes school cuts.",
    ],
)
def test_a_short_sentence_case_headline_with_a_period_above_a_longer_line_is_the_title(title):
    """Archives close sentence-case headlines with a period: a short one, with at most one article and
    no perfect outside a modal's reach, above a longer line is the headline."""
    cleaned = clean_article(article(title, LEAD, SECOND))
    assert cleaned.title == title
    assert paragraphs(cleaned) == [LEAD, SECOND]


@pytest.mark.parametrize(
    "title", ["Rep. Welch to back Sanders for president.", "Sen. Cruz wins Wisconsin primary"]
)
def test_an_abbreviations_dot_in_a_headline_ends_no_sentence(title):
    """ "Rep. Welch": a title's abbreviation before a name does not make the headline two sentences."""
    cleaned = clean_article(article(title, LEAD, SECOND))
    assert cleaned.title == title


@pytest.mark.parametrize(
    "standfirst",
    ["Ted Cruz has won the Wisconsin Republican primary, three networks said.", "A first for Cruz."],
)
def test_a_short_headline_with_a_period_above_its_standfirst_is_the_title(standfirst):
    """Longer or shorter, the standfirst below a headline is the body's."""
    cleaned = clean_article(article("Ted Cruz wins Wisconsin Republican primary.", standfirst, LEAD))
    assert cleaned.title == "Ted Cruz wins Wisconsin Republican primary."
    assert paragraphs(cleaned) == [standfirst, LEAD]


def test_a_photo_control_run_into_its_credit_is_not_the_title():
    """ "Enlarge Image" and the photo's credit, above the text: the page's control, no headline."""
    cleaned = clean_article(article("Enlarge Image Google", LEAD, SECOND))
    assert cleaned.title == ""
    assert paragraphs(cleaned) == [LEAD, SECOND]
    assert cleaned.removed_lines == ["Enlarge Image Google"]


def test_a_caption_above_the_dateline_is_not_the_title():
    caption = "Some of the 21 girls released are seen during a meeting with the vice president in Abuja."
    cleaned = clean_article(article(caption, "ABUJA (Reuters) - " + LEAD, SECOND))
    assert cleaned.title == ""


def test_paragraphs_are_separated_by_one_blank_line_whatever_the_input():
    """Single newlines, several blank lines and trailing spaces all become one blank line."""
    raw = "Talks Set For Istanbul\r\n" + LEAD + "   \n\n\n\n" + SECOND + "\n \n"
    cleaned = clean_article(raw)
    assert cleaned.body == LEAD + "\n\n" + SECOND


def test_characters_inside_a_paragraph_are_never_changed():
    """Curly quotes, non-breaking spaces and double spaces inside a line stay."""
    odd = (
        "MOSCOW\u00a0 \u2014 \u201cWe hope,\u201d Lavrov said,  adding that talks would go on\u2026 in June."
    )
    cleaned = clean_article(article("Talks Set For Istanbul", odd, SECOND))
    assert paragraphs(cleaned)[0] == odd


def test_a_repeated_article_keeps_one_copy_of_each_paragraph():
    """Crawlers sometimes capture the text twice."""
    cleaned = clean_article(
        article("Talks Set For Istanbul", LEAD, SECOND, "Talks Set For Istanbul", LEAD, SECOND)
    )
    assert paragraphs(cleaned) == [LEAD, SECOND]


def test_an_empty_text_gives_an_empty_article():
    """Nothing in, nothing out, no error."""
    cleaned = clean_article("  \n\n ")
    assert (cleaned.title, cleaned.body, cleaned.source_name) == ("", "", None)


def test_an_inline_related_box_does_not_cut_the_article_that_goes_on():
    """ "Also Read" with a teaser mid-article drops the label, keeps the paragraphs after it."""
    long_paragraph = " ".join(
        ["The talks continued late into the evening as delegates argued over the text."] * 3
    )
    cleaned = clean_article(article("Talks Set For Istanbul", LEAD, "Also Read", long_paragraph))
    assert paragraphs(cleaned)[-1] == long_paragraph


def test_removed_lines_are_listed_in_page_order():
    """Review reads the dropped lines as they stood: the credit first, the disclaimer last."""
    cleaned = clean_article(seed("000"))
    assert cleaned.removed_lines[0] == "(MENAFN- Live Mint)"
    assert cleaned.removed_lines[-3] == "Legal Disclaimer:"
    assert cleaned.removed_lines[-2].startswith("MENAFN provides the information")
    assert cleaned.removed_lines[-1] == "Search"
    order = [
        cleaned.removed_lines.index(line) for line in ("MENAFN28052025007365015876ID1109607919", "Live Mint")
    ]
    assert order == sorted(order)


def test_a_two_part_headline_of_an_archive_export_is_the_title_and_its_deck():
    """ "Bernie Sanders raises $33M; " / "Is within $4M of Clinton's haul." (headline and deck on two
    lines, the first closed by a semicolon): the title is the first part, the deck a header line, and
    the body opens with the report."""
    cleaned = clean_article(
        article("Bernie Sanders raises $33M; ", "Is within $4M of Clinton's haul.", LEAD, SECOND)
    )
    assert cleaned.title == "Bernie Sanders raises $33M"
    assert cleaned.header_lines == ["Is within $4M of Clinton's haul."]
    assert paragraphs(cleaned) == [LEAD, SECOND]


@pytest.mark.parametrize(
    ("first", "second", "title", "header"),
    [
        # An abbreviation's dot in the deck ends no sentence of it.
        (
            "Campaign cash tied to Turkish group; ",
            "Sen. Kelly Ayotte returns $43,100 in questionable funds.",
            "Campaign cash tied to Turkish group",
            ["Sen. Kelly Ayotte returns $43,100 in questionable funds."],
        ),
        # A headline left open by its semicolon is the title whatever its shape.
        (
            "The party of Bush yields, warily, to a new face; ",
            "The party of Bush.",
            "The party of Bush yields, warily, to a new face",
            ["The party of Bush."],
        ),
    ],
)
def test_a_headline_left_open_by_a_semicolon_is_the_title_and_the_short_line_after_it_its_deck(
    first, second, title, header
):
    cleaned = clean_article(article(first, second, LEAD, SECOND))
    assert (cleaned.title, cleaned.header_lines) == (title, header)
    assert paragraphs(cleaned) == [LEAD, SECOND]


def test_a_character_entitys_semicolon_leaves_no_line_open():
    """ "... on Thursday, Jan. 6: &QL;" ends in a character entity's semicolon (markup left in the text),
    which ends no clause: the line is the body's, not a headline left open."""
    opening = "The New York Times says in an editorial on Thursday, Jan. 6: &QL;"
    cleaned = clean_article(article(opening, LEAD, SECOND))
    assert cleaned.title != "The New York Times says in an editorial on Thursday, Jan. 6: &QL"
    assert cleaned.body.startswith(opening)


def test_a_title_never_keeps_the_semicolon_that_joined_it_to_a_long_deck():
    deck = (
        "Former first lady Laura Bush wrote the introduction for a new book. She sat down this week to "
        "discuss the United States' longest war."
    )
    cleaned = clean_article(article("Laura Bush sees 'Hope,' help for Afghan women; ", deck, LEAD))
    assert cleaned.title == "Laura Bush sees 'Hope,' help for Afghan women"


def test_an_archive_exports_section_labels_are_not_paragraphs():
    """ "ABSTRACT." and "FULL TEXT." label an archive export's parts: one or two words in capitals."""
    cleaned = clean_article(article("Talks Set For Istanbul", "ABSTRACT.", LEAD, "FULL TEXT.", SECOND))
    assert paragraphs(cleaned) == [LEAD, SECOND]
    assert {"ABSTRACT.", "FULL TEXT."} <= set(cleaned.removed_lines)


def test_a_photo_credit_in_square_brackets_closes_a_caption_but_a_briefs_source_does_not():
    """ "... October 13, 2016. [Photo/Agencies]" is a photo's caption; "... for the ban. [Reuters]" closing a
    newsletter's item names the item's source and stays."""
    caption = "Some of the girls are seen during a meeting with the vice president in Abuja, Nigeria. [Photo/Agencies]"
    brief = "The committee refused to ban all of the country's athletes from the games on Sunday. [Reuters]"
    cleaned = clean_article(article("Talks Set For Istanbul", caption, LEAD, brief))
    assert paragraphs(cleaned) == [LEAD, brief]
    assert caption in cleaned.removed_lines


@pytest.mark.parametrize(
    "caption",
    [
        "Getty Images Officials gather outside the ministry in Istanbul on Wednesday",
        "Getty - Contributor Sergei Lavrov arrives for the talks",
        "AP:Associated Press Delegations meet in Istanbul",
        "Splash News Lavrov and his delegation leave the hotel",
    ],
)
def test_a_photo_credit_opening_a_line_makes_it_a_caption(caption):
    """Tabloids print the picture's credit before its caption: the line is the picture's, not the report's
    ("Getty - Contributor Sergei Lavrov ..." would otherwise give a person "Contributor Sergei")."""
    cleaned = clean_article(article("Talks Set For Istanbul", LEAD, caption, SECOND))
    assert paragraphs(cleaned) == [LEAD, SECOND]
    assert caption in cleaned.removed_lines


@pytest.mark.parametrize(
    "line",
    [
        "Reuters reported that the delegations would meet again in June.",
        "Bloomberg News reported that the delegations would meet again in June.",
        "Getty Center trustees met on Wednesday to discuss the loan of the paintings.",
    ],
)
def test_a_sentence_opening_with_an_agencys_name_stays(line):
    cleaned = clean_article(article("Talks Set For Istanbul", LEAD, line, SECOND))
    assert paragraphs(cleaned) == [LEAD, line, SECOND]


@pytest.mark.parametrize(
    "heading", ["MOST READ IN NEWS", "MOST POPULAR", "YOU MAY ALSO LIKE", "RELATED STORIES"]
)
def test_a_related_list_run_into_its_heading_in_capitals_is_dropped(heading):
    """A "most read" box flattened to one line: its teasers are other stories' words."""
    teasers = f"{heading} 'FERRY CHAOS' Storm shuts harbour FOOTIE WIN City beat Rovers 2-0 in cup tie"
    cleaned = clean_article(article("Talks Set For Istanbul", LEAD, teasers, SECOND))
    assert paragraphs(cleaned) == [LEAD, SECOND]
    assert teasers in cleaned.removed_lines


def test_a_tabloid_sentence_opening_with_a_word_in_capitals_stays():
    line = "MORE than 100 ferry passengers were stranded overnight when the harbour closed, officials said."
    cleaned = clean_article(article("Talks Set For Istanbul", LEAD, line, SECOND))
    assert paragraphs(cleaned) == [LEAD, line, SECOND]


def test_a_callers_headline_is_the_title_and_the_line_taken_for_one_a_header_line():
    """A scraper knows the headline: it is the title. The headline the text prints above itself (often
    another wording: the page's title for search engines is the scraper's) stays out of the body."""
    raw = (
        "Storm Shuts Valletta Harbour As Ferries Halted\n\nGales closed the harbour on Monday.\n\nIt reopens."
    )
    assert clean_article(raw).title == "Storm Shuts Valletta Harbour As Ferries Halted"
    cleaned = clean_article(raw, title="Valletta storm: ferries halted")
    assert cleaned.title == "Valletta storm: ferries halted"
    assert cleaned.body == "Gales closed the harbour on Monday.\n\nIt reopens."
    assert "Storm Shuts Valletta Harbour As Ferries Halted" in cleaned.header_lines


@pytest.mark.parametrize(
    "raw",
    [
        "Carney wins\n\nMark Carney won the election on Monday.\n\nHe spoke in Ottawa.",
        "CARNEY WINS ELECTION - CBC NEWS\n\nMark Carney won the election on Monday.\n\nHe spoke in Ottawa.",
    ],
)
def test_the_callers_headline_written_in_the_text_too_leaves_the_body(raw):
    """The same headline in the text (in other capitals, with the outlet's name) is no paragraph; a
    lead sentence that holds the headline's words stays."""
    title = "Carney wins election" if "CBC" in raw else "Carney wins"
    cleaned = clean_article(raw, title=title)
    assert cleaned.title == title
    assert cleaned.body == "Mark Carney won the election on Monday.\n\nHe spoke in Ottawa."
    lead = "Mark Carney wins the election after a bitter campaign, officials said on Monday."
    assert clean_article(lead, title="Carney wins").body == lead


def test_a_lead_that_reads_as_the_callers_headline_stays_the_body():
    """A wire lead after its dateline goes on as the headline does, and may be all the text there is:
    it is the body's, never taken out as a second copy of the headline."""
    raw = "NEW YORK — Goldman Sachs expects to take a $5 billion hit to profits this quarter."
    cleaned = clean_article(
        raw, title="Goldman Sachs expects to take a $5 billion hit to profits this quarter"
    )
    assert cleaned.body == raw
    only = "Goldman Sachs expects to take a $5 billion hit to profits this quarter."
    assert (
        clean_article(
            only, title="Goldman Sachs expects to take a $5 billion hit to profits this quarter"
        ).body
        == only
    )


def test_a_callers_headline_with_its_second_part_is_the_headline_the_text_writes_first():
    """Archives give a headline with its second part after a semicolon; the text writes the first part
    on a line of its own, which is no paragraph of the body."""
    raw = (
        "Clinton still faces a spoiler in Green Party's Jill Stein;\n"
        "Some miffed Sanders supporters threaten to cast protest votes.\n\n"
        "With rival Bernie Sanders vanquished, Hillary Clinton faces new competition.\n\n"
        "Hundreds of demonstrators marched on Monday."
    )
    title = (
        "Clinton still faces a spoiler in Green Party's Jill Stein; Some miffed Sanders supporters threaten "
        "to cast protest votes"
    )
    cleaned = clean_article(raw, title=title)
    assert cleaned.title == title
    assert cleaned.body.startswith("With rival Bernie Sanders vanquished")


def test_page_labels_run_together_on_one_line_are_dropped():
    """ "Advertisement · Scroll to continue", "Share | Print": labels that are junk alone are junk together;
    a sentence with a bar in it stays."""
    body = clean_article(
        "Floods kill dozens in northern Italy\n\n"
        "Floods in the region have killed at least 13 people, authorities said on Thursday.\n\n"
        "Advertisement · Scroll to continue\n\nShare | Print\n\n"
        "The minister said the vote | the count would follow on Monday.\n"
    ).body
    assert "Advertisement" not in body and "Share" not in body
    assert "Scroll" not in body
    assert "the count would follow on Monday" in body


def test_a_menu_or_breadcrumb_trail_is_no_title_nor_body():
    """ "Home | News | World" above the headline: three short capitalised labels between separators are the
    site's navigation; the headline under them is the title. A headline with a bar and its outlet stays one."""
    cleaned = clean_article(
        "Home | News | World\n\n"
        "Japan's ruling party picks Ishiba as leader, set to become PM\n\n"
        "TOKYO, Sept 27 (Reuters) - Japan's ruling Liberal Democratic Party chose Shigeru Ishiba as its new "
        "leader on Friday.\n\nHome › Business › Markets\n"
    )
    assert cleaned.title == "Japan's ruling party picks Ishiba as leader, set to become PM"
    assert "Home" not in cleaned.body
    assert clean_article(
        "Floods kill dozens in Italy | Reuters\n\nFloods in the region have killed at least 13 people.\n"
    ).title.startswith("Floods kill dozens in Italy")
