"""Authors from a byline line or from what an HTML page declares: person names only, never invented."""

import pytest

from newsapi.extraction.bylines import (
    byline_authors,
    declared_authors,
    outlet_key,
    person_name,
    sign_off_authors,
)
from newsapi.extraction.cleaning import clean_article

BODY = (
    "Gale-force winds closed the harbour of Valletta on Monday, halting ferries to Gozo and leaving two "
    "cargo ships at anchor outside the breakwater, the port authority said in a statement."
)


def article(*head: str) -> str:
    return "\n\n".join(["Storm shuts Valletta harbour as ferries halted", *head, BODY])


@pytest.mark.parametrize(
    "byline, authors",
    [
        ("By Jane Doe", ["Jane Doe"]),
        ("By Jane Doe and John Roe", ["Jane Doe", "John Roe"]),
        ("By Jane Doe, John Roe and Ann Poe", ["Jane Doe", "John Roe", "Ann Poe"]),
        ("By JANE DOE", ["Jane Doe"]),
        ("By Jane Doe | The Island Herald", ["Jane Doe"]),
        ("By Jane Doe, Reuters", ["Jane Doe"]),
        ("By Jane Doe - Reuters", ["Jane Doe"]),
        ("Jane Doe, Associated Press", ["Jane Doe"]),
        ("Jane Doe and John Roe, The Associated Press", ["Jane Doe", "John Roe"]),
        ("BYLINE: Amber Phillips.", ["Amber Phillips"]),
        ("Written by Heidi M. Przybyla", ["Heidi M. Przybyla"]),
        ("By Jane Doe, Staff Writer", ["Jane Doe"]),
        ("By Jane Doe, Washington Post Staff Writer", ["Jane Doe"]),
        ("By Jane Doe, Special to The Post", ["Jane Doe"]),
        ("By Jane Doe, Chief Political Correspondent", ["Jane Doe"]),
        ("By Jane Doe jane.doe@islandherald.example", ["Jane Doe"]),
        ("By Jane Doe Updated 3:45 p.m. ET March 3, 2016", ["Jane Doe"]),
        ("By Jane Doe, New York Times", ["Jane Doe"]),
    ],
)
def test_each_byline_form_gives_its_people_and_leaves_out_outlet_agency_and_title(byline, authors):
    cleaned = clean_article(article(byline))
    assert cleaned.authors == authors
    assert byline not in cleaned.body


@pytest.mark.parametrize("byline", ["By Reuters Staff", "By Associated Press", "By The Island Herald"])
def test_a_byline_naming_only_an_agency_or_the_outlet_gives_no_author(byline):
    assert byline_authors(byline, outlet="The Island Herald") == []


def test_the_outlet_the_text_names_is_no_author():
    """A byline that names its outlet after a comma, the outlet looking like a name ("Island Herald")."""
    assert byline_authors("By Jane Doe, Island Herald", outlet="The Island Herald") == ["Jane Doe"]


def test_a_text_without_a_byline_has_no_authors():
    cleaned = clean_article(article())
    assert cleaned.authors == []
    # A sentence opening with "By" in the body is no byline.
    assert (
        clean_article(article() + "\n\nBy Monday morning, Jane Doe said, the ferries ran again.").authors
        == []
    )


@pytest.mark.parametrize(
    "headline",
    ["By The Numbers: Clinton Leads Trump", "By Land And Sea", "By Hook Or Crook", "By 2030 Coal Is Gone"],
)
def test_a_headline_opening_with_by_is_no_byline(headline):
    cleaned = clean_article(article().replace("Storm shuts Valletta harbour as ferries halted", headline))
    assert cleaned.authors == []


def test_a_headline_opening_with_by_stays_the_title():
    headline = "By The Numbers: Clinton Leads Trump"
    assert (
        clean_article(article().replace("Storm shuts Valletta harbour as ferries halted", headline)).title
        == headline
    )


def test_a_name_followed_by_something_other_than_an_agency_is_no_byline():
    """Without "By", only a name credited to an agency reads as a byline: "Jane Doe, Valletta" is not."""
    assert byline_authors("Jane Doe, Valletta") == []
    assert byline_authors("Jane Doe, spokeswoman for the port") == []


@pytest.mark.parametrize(
    "part", ["Staff Writer", "Senior Correspondent", "New York Times", "USA TODAY", "Valletta"]
)
def test_titles_outlets_and_single_words_are_no_person_names(part):
    assert person_name(part) is None


def test_declared_authors_of_a_page_are_split_and_cleaned():
    assert declared_authors("Jane Doe; John Roe") == ["Jane Doe", "John Roe"]
    assert declared_authors("By JANE DOE | The Island Herald", outlet="The Island Herald") == ["Jane Doe"]
    assert declared_authors("The Island Herald", outlet="The Island Herald") == []


def test_a_page_serves_the_author_it_declares():
    page = (
        "<!DOCTYPE html><html><head><title>Storm shuts Valletta harbour</title>"
        '<meta name="author" content="Maria Camilleri and Joseph Borg">'
        '<link rel="canonical" href="https://islandherald.example/news/storm"></head>'
        f"<body><article><h1>Storm shuts Valletta harbour</h1><p>{BODY}</p><p>{BODY}</p></article></body></html>"
    )
    cleaned = clean_article(page)
    assert cleaned.authors == ["Maria Camilleri", "Joseph Borg"]
    assert cleaned.canonical_url == "https://islandherald.example/news/storm"


def test_a_page_without_a_canonical_address_declares_none():
    page = f"<!DOCTYPE html><html><head><link rel='canonical' href='/news/storm'></head><body><p>{BODY}</p></body></html>"
    assert clean_article(page).canonical_url is None


def test_an_outlets_name_is_compared_without_article_case_spacing_or_full_stop():
    """One key for an outlet's name, used by the byline reader and by cleaning's signature lines."""
    assert outlet_key("The  Associated Press.") == outlet_key("associated press") == "associated press"
    assert outlet_key("THE TIMES’ DESK:") == "times' desk"


SIGN_OFF = "(Reporting by Jane Doe and John Roe in Valletta; Writing by Ann Poe; Editing by Bob Hale.)"


def test_a_closing_credit_names_the_reporters_and_writers_but_not_editors_or_helpers():
    """Wire copy ends with its credits instead of opening with a byline."""
    cleaned = clean_article(article() + "\n\n" + SIGN_OFF)
    assert cleaned.authors == ["Jane Doe", "John Roe", "Ann Poe"]
    helped = "(Additional reporting by Jane Doe in Valletta, Malta; Editing by Bob Hale)"
    assert clean_article(article() + "\n\n" + helped).authors == []


def test_a_closing_credit_leaves_the_body_and_a_byline_still_names_the_authors():
    cleaned = clean_article(article("By Mary Major") + "\n\n" + SIGN_OFF)
    assert cleaned.body == BODY
    assert SIGN_OFF in cleaned.removed_lines
    assert cleaned.authors == ["Mary Major"]


def test_a_closing_credit_in_the_last_paragraph_is_cut_from_it():
    cleaned = clean_article(article() + " " + SIGN_OFF)
    assert cleaned.body == BODY
    assert cleaned.authors == ["Jane Doe", "John Roe", "Ann Poe"]


@pytest.mark.parametrize(
    "credit",
    [
        "Jane Doe and John Roe contributed reporting.",
        "Jane Doe contributed reporting from Valletta.",
        "The Associated Press contributed to this report.",
    ],
)
def test_a_contributed_reporting_line_leaves_the_body_and_names_no_author(credit):
    """The newspaper's "... contributed reporting" is a credit for help, like wire copy's "Additional
    reporting by": it is no text of the article, and its people did not write it."""
    cleaned = clean_article(article("By Mary Major") + "\n\n" + credit)
    assert cleaned.body == BODY
    assert credit in cleaned.removed_lines
    assert cleaned.authors == ["Mary Major"]


@pytest.mark.parametrize(
    "last",
    [
        "Compiled by the port authority, the figures show a record year.",
        "The ferries run again (reporting by the port authority suggests).",
        "(Editing by committee is how the harbour plan was written, critics said.)",
        "Officials said the port authority contributed to this report.",
        "Smith, who ran the ferries, contributed reporting to the paper for years.",
    ],
)
def test_a_last_paragraph_that_only_mentions_reporting_stays(last):
    cleaned = clean_article(article() + "\n\n" + last)
    assert cleaned.body.endswith(last)
    assert cleaned.authors == []


def test_a_credited_place_in_capitals_is_no_part_of_the_name():
    assert sign_off_authors("(Reporting by Jane Doe VALLETTA, John Roe in WASHINGTON, D.C.)") == [
        "Jane Doe",
        "John Roe",
    ]


@pytest.mark.parametrize(
    ("byline", "body", "authors"),
    [
        # The article's own text spells the name in capitals and small letters: its spelling stands.
        ("By MARY MACLEOD", "Ferries ran late, MacLeod wrote in her column.", ["Mary MacLeod"]),
        ("By PETER MCGOWAN", "Harbour master Peter McGowan said the port would reopen.", ["Peter McGowan"]),
        ("By LUC DE VRIES", "The ferries, Luc de Vries wrote, ran again.", ["Luc de Vries"]),
        # Nowhere else, or only in capitals: each word capitalised.
        ("By MARY MACLEOD", "The harbour reopened on Tuesday.", ["Mary Macleod"]),
        ("By MARY MACLEOD", "MACLEOD REPORTS from the harbour.", ["Mary Macleod"]),
    ],
)
def test_a_byline_in_capitals_is_spelled_as_the_article_spells_the_name(byline, body, authors):
    cleaned = clean_article(article(byline) + "\n\n" + body)
    assert cleaned.authors == authors


@pytest.mark.parametrize(
    "sign_off, authors",
    [
        ("Follow Jane Doe on Twitter @janedoe.", ["Jane Doe"]),
        ("Follow Jane Doe On Twitter @janedoe.", ["Jane Doe"]),
        ("Follow JANE DOE on X: @janedoe. Reach her directly at jdoe@example.com.", ["Jane Doe"]),
        ("Follow Jane Doe and John Roe on Twitter: https://twitter.com/janedoe", ["Jane Doe", "John Roe"]),
    ],
)
def test_a_sign_off_asking_readers_to_follow_the_writer_leaves_the_body_and_names_the_author(
    sign_off, authors
):
    """The line is no text of the article (it made "Twitter @janedoe" a person), and the people it asks
    readers to follow are the ones who wrote the piece, as a wire copy's closing credit names them."""
    cleaned = clean_article(article() + "\n\n" + sign_off)
    assert cleaned.body == BODY
    assert sign_off in cleaned.removed_lines
    assert cleaned.authors == authors
    assert clean_article(article("By Mary Major") + "\n\n" + sign_off).authors == ["Mary Major"]


@pytest.mark.parametrize(
    "last",
    [
        "Follow the money on Facebook, the port authority said.",
        "Follow Breitbart News reporter and harbour historian Jane Doe on Twitter @janedoe.",
        "Follow @porttimes for updates.",
    ],
)
def test_a_follow_line_that_names_no_person_names_no_author(last):
    cleaned = clean_article(article() + "\n\n" + last)
    assert cleaned.authors == []
