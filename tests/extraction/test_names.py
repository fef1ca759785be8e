"""Name keys, short forms and titles (pure string functions, no spaCy)."""

import pytest

from newsapi.extraction.names import (
    from_capitals,
    full_name,
    is_fuller_name,
    is_short_form,
    lookup_keys,
    name_key,
    names_match,
    nickname_match,
    place_spelling,
    strip_title,
    without_legal_form,
)
from newsapi.extraction.types import LOCATION, ORGANIZATION, PERSON


@pytest.mark.parametrize(
    "variants",
    [
        ("Zelensky", "Zelenskyy", "Zelenskiy", "Zelenskii", "Zelenski"),
        ("Sergei Lavrov", "Sergey Lavrov", "Sergej Lavrov"),
        ("Yuri Ushakov", "Yury Ushakov", "Iouri Ushakov", "Yuriy Ushakov"),
        ("Dmitry Peskov", "Dmitri Peskov", "Dmitriy Peskov", "Dmitrii Peskov"),
        ("Aleksandr Syrskyi", "Alexander Syrsky", "Alexandr Syrskiy"),
        ("Alexei Navalny", "Aleksei Navalny", "Alexey Navalny"),
        ("Türkiye", "Turkiye", "TÜRKIYE"),
        ("Putin's", "Putin’s", "Putin"),
        ("U.S.", "US"),
        ("the Kremlin", "Kremlin"),
        ("Jean-Claude Juncker", "Jean Claude  Juncker", "Jean‑Claude Juncker"),
        ("O'Brien", "O’Brien"),
        ("Kiev", "Kyiv"),
    ],
)
def test_spelling_variants_of_one_name_share_a_key(variants):
    assert len({name_key(v) for v in variants}) == 1


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Vladimir Putin", "Volodymyr Zelensky"),  # Russian and Ukrainian given names stay apart
        ("Volodymyr", "Vladimir"),
        ("Donald Trump", "Donald Trump Jr."),
        ("Joe Biden", "Hunter Biden"),
        ("Austria", "Australia"),
        ("Li", "Ly"),  # short words are not folded by the ending rules
    ],
)
def test_different_names_get_different_keys(a, b):
    assert name_key(a) != name_key(b)


def test_name_key_of_a_lone_possessive_keeps_the_word():
    assert name_key("Reuters'") == "reuters"
    assert name_key("the") == "the"


@pytest.mark.parametrize(
    ("short", "full"),
    [
        ("Lavrov", "Sergei Lavrov"),
        ("Putin", "Vladimir Putin"),
        ("Trump", "Donald Trump"),
        ("V. Putin", "Vladimir Putin"),
        ("President Putin", "Vladimir Putin"),
        ("Mr. Trump", "Donald Trump"),
        ("Dr. Fauci", "Anthony Fauci"),
        ("Donald Trump", "Donald J. Trump"),
        ("Trump Jr.", "Donald Trump Jr."),
        ("Assad", "Bashar al-Assad"),
        ("Zelenskyy", "Volodymyr Zelensky"),
    ],
)
def test_short_forms_of_a_persons_name_are_recognised(short, full):
    assert is_short_form(short, full)
    assert names_match(short, full)
    assert names_match(full, short)


@pytest.mark.parametrize(
    ("short", "full"),
    [
        ("Donald Trump", "Donald Trump Jr."),
        ("Trump Jr.", "Donald Trump"),
        ("Trump", "Donald Trump Jr."),
        ("Hunter Biden", "Joe Biden"),
        ("Vladimir", "Vladimir Putin"),  # a given name alone is not a short form
        ("Sergei Lavrov", "Lavrov"),  # the longer name is never the short one
        ("Sergei Lavrov", "Sergei Lavrov"),
        ("J. Putin", "Vladimir Putin"),
        ("Vladimir P.", "Vladimir Putin"),  # the surname must be written out
    ],
)
def test_names_that_are_not_short_forms(short, full):
    assert not is_short_form(short, full)


def test_names_match_people_whose_fuller_names_differ_only_in_spelling():
    assert names_match("Sergey Lavrov", "Sergei Lavrov")
    assert names_match("President Zelenskiy", "Volodymyr Zelenskyy")
    assert not names_match("Donald Trump", "Donald Trump Jr.")
    assert not names_match("", "Trump")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("President Vladimir Putin", ("Vladimir Putin", "President")),
        ("Russian Foreign Minister Sergei Lavrov", ("Sergei Lavrov", "Russian Foreign Minister")),
        ("US Secretary of State Marco Rubio", ("Marco Rubio", "US Secretary of State")),
        ("Ukraine's President Volodymyr Zelensky", ("Volodymyr Zelensky", "Ukraine's President")),
        ("Mr. Trump", ("Trump", "Mr.")),
        ("White House press secretary Karoline Leavitt", ("Karoline Leavitt", "White House press secretary")),
        ("Sergei Lavrov", ("Sergei Lavrov", None)),
        ("President", ("President", None)),
        ("General Motors", ("General Motors", None)),
        ("Major League Baseball", ("Major League Baseball", None)),
        # Local and state offices, as often before a name as a minister's ("Sheriff Lombardo said").
        ("State Treasurer Ana Ruiz", ("Ana Ruiz", "State Treasurer")),
        ("Sheriff Tom Hale", ("Tom Hale", "Sheriff")),
        ("Assemblywoman Rita Obi", ("Rita Obi", "Assemblywoman")),
        ("Councilwoman Dana Ortiz", ("Dana Ortiz", "Councilwoman")),
    ],
)
def test_strip_title_splits_a_leading_title_from_the_name(name, expected):
    assert strip_title(name) == expected


@pytest.mark.parametrize(
    ("short", "full"),
    [
        ("Foreign Ministry", "Russian Foreign Ministry"),
        ("Defense Department", "US Defense Department"),
        ("National Bank", "Ukrainian National Bank"),
        ("Supreme Court", "Israeli Supreme Court"),
    ],
)
def test_a_shorter_organisation_name_is_not_a_short_form_of_a_longer_one(short, full):
    assert not is_short_form(short, full)
    assert not names_match(short, full)
    # Equal keys still match, whatever their kind.
    assert names_match(full, "the " + full)


@pytest.mark.parametrize(
    "variants",
    [
        ("Turkey", "Türkiye", "Turkiye", "Republic of Türkiye"),
        ("Russia", "Russian Federation"),
        ("Vietnam", "Viet Nam"),
        ("Czechia", "Czech Republic"),
    ],
)
def test_every_name_of_one_country_has_one_key(variants):
    """Exonyms and ISO names of a country (pycountry, GeoNames) link to one entity across articles."""
    assert len({name_key(v) for v in variants}) == 1, [name_key(v) for v in variants]


def test_two_countries_keep_two_keys():
    """Folding country names never joins two countries."""
    assert name_key("Austria") != name_key("Australia")
    assert name_key("Niger") != name_key("Nigeria")


@pytest.mark.parametrize(
    "variants",
    [
        ("U.S.", "US", "the US", "U.S.'s", "USA", "U.S.A.", "the United States", "United States"),
        ("U.K.", "UK", "Britain", "Britain's", "Great Britain", "United Kingdom"),
        ("U.A.E.", "UAE", "United Arab Emirates"),
        ("U.N.", "UN", "United Nations"),
        ("E.U.", "EU", "European Union"),
    ],
)
def test_the_abbreviations_news_writes_share_the_full_names_key(variants):
    """Dotted initials, the same letters undotted and news's short names are one entity across articles."""
    assert len({name_key(v) for v in variants}) == 1, [name_key(v) for v in variants]
    assert {full_name(v) for v in variants} - {None} == {variants[-1]}


@pytest.mark.parametrize("name", ["Pa", "Ga", "La", "PA", "GA", "Us", "us", "Un", "eu", "Calif", "Miss"])
def test_iso_codes_words_and_undotted_state_abbreviations_fold_into_nothing(name):
    """ "PA" is no Panama (ISO code) and "Pa" no Pennsylvania: only listed abbreviations fold, initials
    only in capitals ("Us" is not the United States) and a state's abbreviation only with its dot."""
    assert full_name(name) is None
    assert name_key(name) == name.casefold()


@pytest.mark.parametrize(
    ("written", "state"),
    [
        ("Calif.", "California"),
        ("Pa.", "Pennsylvania"),
        ("La.", "Louisiana"),
        ("N.H.", "New Hampshire"),
        ("W.Va.", "West Virginia"),
        ("D.C.", "District of Columbia"),
    ],
)
def test_the_abbreviations_ap_writes_for_us_states_share_the_states_key(written, state):
    """ "BOCA RATON, Fla." and "in Florida" name one place: the abbreviations of AP style (from the
    ``us`` package) fold into the state's full name."""
    assert full_name(written, LOCATION) == state
    assert name_key(written, LOCATION) == name_key(state, LOCATION)


@pytest.mark.parametrize("written", ["Ga.", "Wash."])
def test_a_state_named_as_a_country_or_a_capital_keeps_its_abbreviation(written):
    """ "ATLANTA, Ga." is not the country Georgia, nor "SEATTLE, Wash." the capital: folded into the full
    name, the state would join them."""
    assert full_name(written, LOCATION) is None
    assert name_key(written, LOCATION) == written.casefold().rstrip(".")


def test_a_state_abbreviation_folds_only_for_a_place():
    """ "Del." may be a delegate and "Ind." an independent: only a place is Delaware or Indiana."""
    assert name_key("Del.", LOCATION) == name_key("Delaware", LOCATION)
    assert full_name("Del.", PERSON) is None and full_name("Ind.") is None
    assert name_key("Del.", PERSON) == "del"


@pytest.mark.parametrize("spaced", ["U. S.", "the U. S.", "U. S.'s", "U. S. A.", "U.S. A."])
def test_initials_written_with_spaces_are_the_dotted_initials(spaced):
    """ "U. S." and "U. S. A." are "U.S.": the same key, the same full name."""
    assert name_key(spaced) == name_key("U.S.") == "united states"
    assert full_name(spaced) == "United States"


def test_spaced_initials_of_the_un_and_the_uk_and_a_persons_initials():
    """ "U. N." is the United Nations, "U. K." the United Kingdom; a person's spaced initials before a
    surname stay initials (they are matched one by one against given names)."""
    assert name_key("U. N.") == name_key("UN") == "united nations"
    assert name_key("U. K.") == "united kingdom"
    assert name_key("J. K. Rowling") == "j k rowling"
    assert name_key("A B") == "a b"  # no dots: no initials


def test_a_place_named_america_is_the_united_states():
    """The short name the official name "United States of America" ends with is the country, for a
    place only: the team, the magazine or a person named "America" keep their own key."""
    assert name_key("America", LOCATION) == name_key("United States", LOCATION) == name_key("U.S.")
    assert name_key("America's", LOCATION) == "united states"
    assert name_key("America") == name_key("America", ORGANIZATION) == "america"
    assert names_match("America", "United States", LOCATION)
    assert not names_match("America", "United States")
    assert is_fuller_name("America", "United States", LOCATION)
    assert not is_fuller_name("United States", "America", LOCATION)


@pytest.mark.parametrize(
    "name", ["Latin America", "South America", "North America", "Bank of America", "Voice of America"]
)
def test_names_that_end_with_america_are_not_the_united_states(name):
    """Only the whole name folds: regions, a bank and a broadcaster keep their own key."""
    assert name_key(name, LOCATION) == name_key(name) == name.casefold()


def test_country_short_names_come_from_official_names_and_an_ambiguous_one_is_left():
    """ "Korea" ends both Koreas' official names and "China" is a country's name already: neither folds;
    "Palestine" (the State of Palestine) does."""
    assert name_key("Korea", LOCATION) == "korea"
    assert name_key("China", LOCATION) == "china"
    assert name_key("Palestine", LOCATION) == name_key("State of Palestine")
    assert lookup_keys("America") == {"america", "united states"}


@pytest.mark.parametrize(
    ("name", "bare"),
    [
        ("Pfizer Inc.", "Pfizer"),
        ("Pfizer, Inc.", "Pfizer"),
        ("Apple Inc", "Apple"),
        ("Samsung Electronics Co., Ltd.", "Samsung Electronics"),
        ("Samsung Electronics Co Ltd", "Samsung Electronics"),
        ("JPMorgan Chase & Co.", "JPMorgan Chase"),
        ("Henry Holt and Company", "Henry Holt"),
        ("Bloomberg L.P.", "Bloomberg"),
        ("Credit Suisse Group AG", "Credit Suisse Group"),
        ("NXP Semiconductors N.V.", "NXP Semiconductors"),
        ("Banco Santander SA", "Banco Santander"),
        ("Volkswagen GmbH", "Volkswagen"),
        ("Breitbart News LLC", "Breitbart News"),
    ],
)
def test_a_companys_name_loses_the_legal_forms_it_ends_with(name, bare):
    assert without_legal_form(name) == bare


@pytest.mark.parametrize(
    "name",
    # No legal form, a name that is only one, a word that only spells like one (a surname "Sa", a
    # lower-case "at", "EU" without the dots of the legal form "e.u.").
    ["Pfizer", "Inc.", "Company", "Nguyen Van Sa", "Christie at", "Swiss-EU", "Pierre de Vos"],
)
def test_a_name_without_a_legal_form_keeps_none(name):
    assert without_legal_form(name) is None


@pytest.mark.parametrize(
    ("name", "dateline", "spelled"),
    [
        ("WASHINGTON", False, "Washington"),
        ("DES MOINES", False, "Des Moines"),
        ("ST. LOUIS", True, "St. Louis"),
        ("O'SMACH", True, "O'Smach"),
        ("O'SMACH", False, "O'SMACH"),
        ("ISIL", False, "ISIL"),
        ("U.S.", True, "U.S."),
        ("Washington", False, "Washington"),
    ],
)
def test_a_place_in_capitals_is_spelled_as_geonames_spells_it(name, dateline, spelled):
    assert place_spelling(name, dateline=dateline) == spelled


@pytest.mark.parametrize(
    ("name", "written", "spelled"),
    [
        ("JOHN MCCAIN", "", "John Mccain"),
        ("JOHN MCCAIN", "Sen. McCain's aides said McCain would vote.", "John McCain"),
        ("CHARLES DE GAULLE", "an airport named for Charles de Gaulle", "Charles de Gaulle"),
        ("JOHN MCCAIN", "MCCAIN SAID and mccain.com", "John Mccain"),
        ("JANE DOE", "Jane Doe-Roe and JaneDoe", "Jane Doe"),
    ],
)
def test_a_name_in_capitals_is_spelled_as_the_article_spells_it_elsewhere(name, written, spelled):
    assert from_capitals(name, written) == spelled


def test_a_datelines_unknown_place_is_spelled_as_the_article_spells_it():
    written = "DUNMCKAY, Ireland — Residents of DunMcKay said the road was closed."
    assert place_spelling("DUNMCKAY", dateline=True, written=written) == "DunMcKay"
    assert place_spelling("DUNMCKAY", dateline=True) == "Dunmckay"


@pytest.mark.parametrize(
    ("form", "name", "same"),
    [
        ("Joe Biden", "Joseph R. Biden", True),
        ("Edward M. Kennedy", "Ted Kennedy", True),
        ("Bill Daley", "William M. Daley", True),
        ("Rand Paul", "Ron Paul", False),
        ("Joe Biden", "Joseph Smith", False),
        ("Joe Biden", "Biden", False),
        ("Joe Biden", "Joe Biden", False),
    ],
)
def test_a_nickname_pairs_two_names_only_with_the_same_surname(form, name, same):
    assert nickname_match(form, name) is same


def test_roles_are_counted_case_aside_and_bounded():
    from newsapi.extraction.names import ROLES_KEPT, commonest_role, roles_counted

    counts = roles_counted(roles_counted({}, "former Secretary of State"), "former secretary of state")
    assert counts == {"former Secretary of State": 2}
    for i in range(ROLES_KEPT + 5):
        counts = roles_counted(counts, f"role {i}")
    assert len(counts) == ROLES_KEPT and counts["former Secretary of State"] == 2
    assert commonest_role({"Senator": 107, "Vermont Senator": 18}) == "Vermont Senator"
    assert commonest_role({"President": 81, "former chairman of President": 1}) == "President"
    assert (
        commonest_role({"Foreign Minister": 2, "Russian Foreign Minister": 1}) == "Russian Foreign Minister"
    )
    assert commonest_role({}) == ""


def test_a_city_lies_in_its_country_and_a_us_city_in_its_state_under_its_other_names():
    from newsapi.extraction.lexicon import city_key, city_regions, region_keys

    regions = city_regions()
    # GeoNames spells it "Mazār-e Sharīf"; news writes one of its other names.
    assert region_keys()[name_key("Afghanistan", LOCATION)] in regions[city_key("Mazar-i-Sharif")]
    assert region_keys()[name_key("Michigan", LOCATION)] in regions[city_key("Sterling Heights")]
    assert region_keys()[name_key("Ohio", LOCATION)] not in regions[city_key("Sterling Heights")]
    assert region_keys()[name_key("U.S.", LOCATION)] == "US"
    assert city_key("Mazār-e Sharīf") == city_key("Mazar-e-Sharif")
