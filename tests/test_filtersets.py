"""Every filter of every list with one match and one miss (NetBox's habit), on a small hand-made world."""

import datetime as dt

import pytest
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    ArticleFactory,
    EntityAliasFactory,
    EntityFactory,
    EventFactory,
    EventReportFactory,
    MentionFactory,
    QuoteFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    """Two articles in two stories and sources: Lavrov talks in Istanbul (2025) and an old item (2019)."""
    lavrov = EntityFactory(name="Sergei Lavrov", type="person")
    EntityAliasFactory(entity=lavrov, name="Lavrov")
    istanbul = EntityFactory(name="Istanbul", type="location")
    kremlin = EntityFactory(name="Kremlin", type="organization")
    new = ArticleFactory(title="Talks in Istanbul", published_at=dt.date(2025, 5, 28), language="en")
    old = ArticleFactory(title="Old news", published_at=dt.date(2019, 1, 1), language="fr")
    MentionFactory(article=new, entity=lavrov)
    MentionFactory(article=new, entity=istanbul, start=20, end=28)
    MentionFactory(article=old, entity=kremlin)
    new_quote = QuoteFactory(article=new, speaker=lavrov, kind="direct")
    old_quote = QuoteFactory(article=old, speaker=kremlin, kind="indirect")
    new_event = EventFactory(
        date=dt.date(2025, 6, 2), type="diplomacy", location=istanbul, participants=[lavrov]
    )
    old_event = EventFactory(
        date=dt.date(2019, 1, 2), type="conflict", location=kremlin, participants=[kremlin]
    )
    EventReportFactory(event=new_event, article=new, is_main=True)
    EventReportFactory(event=old_event, article=old)
    return {
        "lavrov": lavrov,
        "istanbul": istanbul,
        "kremlin": kremlin,
        "new": new,
        "old": old,
        "new_quote": new_quote,
        "old_quote": old_quote,
        "new_event": new_event,
        "old_event": old_event,
    }


def listed(api_client, url: str, params: dict) -> set[int]:
    response = api_client.get(url, params)
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


# (list, parameter, value builder, expected object, object that must be missing)
CASES = [
    ("articles", "entity", lambda w: "Lavrov", "new", "old"),
    ("articles", "entity_type", lambda w: "location", "new", "old"),
    ("articles", "speaker", lambda w: w["lavrov"].id, "new", "old"),
    ("articles", "event_after", lambda w: "2025-01-01", "new", "old"),
    ("articles", "event_before", lambda w: "2020-01-01", "old", "new"),
    ("articles", "language", lambda w: "fr", "old", "new"),
    ("articles", "story", lambda w: w["new"].story_id, "new", "old"),
    ("articles", "source", lambda w: w["old"].source_id, "old", "new"),
    ("quotes", "speaker", lambda w: "Sergei Lavrov", "new_quote", "old_quote"),
    ("quotes", "speaker_type", lambda w: "organization", "old_quote", "new_quote"),
    ("quotes", "entity", lambda w: w["istanbul"].id, "new_quote", "old_quote"),
    ("quotes", "source", lambda w: w["new"].source_id, "new_quote", "old_quote"),
    ("quotes", "story", lambda w: w["old"].story_id, "old_quote", "new_quote"),
    ("quotes", "language", lambda w: "en", "new_quote", "old_quote"),
    ("quotes", "published_after", lambda w: "2025-01-01", "new_quote", "old_quote"),
    ("quotes", "published_before", lambda w: "2020-01-01", "old_quote", "new_quote"),
    ("quotes", "kind", lambda w: "indirect", "old_quote", "new_quote"),
    ("events", "participant", lambda w: "Lavrov", "new_event", "old_event"),
    ("events", "location", lambda w: w["kremlin"].id, "old_event", "new_event"),
    ("events", "entity", lambda w: "Istanbul", "new_event", "old_event"),
    ("events", "story", lambda w: w["new"].story_id, "new_event", "old_event"),
    ("events", "source", lambda w: w["old"].source_id, "old_event", "new_event"),
    ("events", "article", lambda w: w["new"].id, "new_event", "old_event"),
    ("events", "type", lambda w: "conflict", "old_event", "new_event"),
    ("events", "main", lambda w: "true", "new_event", "old_event"),
    ("entities", "story", lambda w: w["old"].story_id, "kremlin", "lavrov"),
    ("entities", "source", lambda w: w["new"].source_id, "lavrov", "kremlin"),
    ("entities", "published_after", lambda w: "2025-01-01", "istanbul", "kremlin"),
    ("entities", "published_before", lambda w: "2020-01-01", "kremlin", "lavrov"),
    ("entities", "related_to", lambda w: "Lavrov", "istanbul", "kremlin"),
]


@pytest.mark.parametrize(("resource", "parameter", "value", "match", "miss"), CASES)
def test_filter_keeps_the_match_and_drops_the_miss(
    api_client, world, resource, parameter, value, match, miss
):
    """The filter returns the matching object and not the other one."""
    found = listed(api_client, f"/api/v1/{resource}/", {parameter: value(world)})
    assert world[match].id in found
    assert world[miss].id not in found


@pytest.mark.parametrize(
    ("value", "kept"), [("true", "new_event"), ("1", "new_event"), ("False", "old_event")]
)
def test_main_reads_true_or_false_and_false_keeps_the_events_main_in_no_article(
    api_client, world, value, kept
):
    """``main=false`` lists the events no article leads with: one that is one article's main event and
    another's side event is not among them."""
    EventReportFactory(event=world["new_event"], article=world["old"], is_main=False)
    found = listed(api_client, "/api/v1/events/", {"main": value})
    assert found == {world[kept].id}


def test_an_event_type_outside_the_documented_set_is_a_400_naming_it(api_client, world):
    """``type=diplomatic`` (not one of the types) is refused; it answered an empty list before."""
    response = api_client.get("/api/v1/events/", {"type": "diplomatic"})
    assert response.status_code == 400
    (error,) = response.json()["errors"]
    assert (error["field"], error["code"]) == ("type", "invalid_choice")


# (list, parameter, a choice in another case than stored, expected object, object that must be missing)
CHOICES_IN_ANY_CASE = [
    ("articles", "entity_type", "Location", "new", "old"),
    ("quotes", "speaker_type", "ORGANIZATION", "old_quote", "new_quote"),
    ("quotes", "kind", "Indirect", "old_quote", "new_quote"),
    ("events", "type", "Diplomacy", "new_event", "old_event"),
    ("entities", "type", "PERSON", "lavrov", "kremlin"),
]


@pytest.mark.parametrize(("resource", "parameter", "value", "match", "miss"), CHOICES_IN_ANY_CASE)
def test_a_choice_in_another_case_filters_as_the_stored_value(
    api_client, world, resource, parameter, value, match, miss
):
    """``type=Diplomacy`` lists the diplomacy events (it was a 400 while ``diplomacy`` worked)."""
    found = listed(api_client, f"/api/v1/{resource}/", {parameter: value})
    assert world[match].id in found
    assert world[miss].id not in found


def test_every_choice_filter_of_every_list_takes_any_case():
    """A choice filter added later takes its values in any case too."""
    from django_filters import ChoiceFilter

    import articles.filtersets  # noqa: F401  (every list's FilterSet is declared in an app's filtersets)
    import entities.filtersets  # noqa: F401
    from newsapi.api.filters import CaseBlindChoiceFilter, NewsFilterSet

    filtersets, pending = [], [NewsFilterSet]
    while pending:
        filtersets.append(pending.pop())
        pending += filtersets[-1].__subclasses__()
    choice_filters = {
        f"{filterset.__name__}.{name}": type(declared)
        for filterset in filtersets
        for name, declared in filterset.base_filters.items()
        if isinstance(declared, ChoiceFilter)
    }
    assert len(choice_filters) >= 5
    assert {name: kind for name, kind in choice_filters.items() if kind is not CaseBlindChoiceFilter} == {}


def test_a_value_that_is_no_choice_in_any_case_is_a_400_listing_the_choices(api_client, world):
    """The 400 names the parameter and lists what it takes."""
    response = api_client.get("/api/v1/quotes/", {"kind": "Shouted"})
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {
            "field": "kind",
            "code": "invalid_choice",
            "message": "'Shouted' is not one of the values: direct, indirect.",
        }
    ]


def test_the_schema_still_lists_each_choice_filters_values(api_client):
    """The OpenAPI document keeps the stored values as the parameter's enum."""
    import yaml

    schema = yaml.safe_load(api_client.get("/api/schema/").content)
    parameters = {p["name"]: p for p in schema["paths"]["/api/v1/events/"]["get"]["parameters"]}
    assert "diplomacy" in parameters["type"]["schema"]["enum"]
    parameters = {p["name"]: p for p in schema["paths"]["/api/v1/quotes/"]["get"]["parameters"]}
    assert parameters["kind"]["schema"]["enum"] == ["direct", "indirect"]


@pytest.mark.parametrize("value", ["maybe", "yes please", "2"])
def test_a_main_flag_it_cannot_read_is_a_400_naming_it(api_client, world, value):
    """An unreadable flag is refused, not dropped (dropping it answered every event)."""
    response = api_client.get("/api/v1/events/", {"main": value})
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"field": "main", "code": "invalid", "message": "Give true or false."}
    ]


@pytest.mark.parametrize(
    ("parameter", "value", "match", "miss"),
    [
        ("entity", lambda w: "Lavrov", "new", "old"),
        ("published_after", lambda w: "2025-01-01", "new", "old"),
        ("published_before", lambda w: "2020-01-01", "old", "new"),
    ],
)
def test_story_filters_keep_the_match_and_drop_the_miss(api_client, world, parameter, value, match, miss):
    """Story filters work through the stories' articles."""
    found = listed(api_client, "/api/v1/stories/", {parameter: value(world)})
    assert world[match].story_id in found
    assert world[miss].story_id not in found


def test_related_to_reads_each_entity_s_most_recently_stored_articles(api_client, world, monkeypatch):
    """related_to: the entities named beside the entity in its articles; with the bound at one article,
    only those of its most recently stored article."""
    from articles import filtersets

    lavrov = world["lavrov"]
    ankara, kyiv = EntityFactory(name="Ankara"), EntityFactory(name="Kyiv")
    earlier, later = ArticleFactory(), ArticleFactory()
    for article, other in ((earlier, ankara), (later, kyiv)):
        MentionFactory(article=article, entity=lavrov)
        MentionFactory(article=article, entity=other, start=30, end=35)
    found = listed(api_client, "/api/v1/entities/", {"related_to": lavrov.id})
    assert {ankara.id, kyiv.id, world["istanbul"].id} <= found
    assert world["kremlin"].id not in found
    monkeypatch.setattr(filtersets, "RELATED_ARTICLES", 1)
    found = listed(api_client, "/api/v1/entities/", {"related_to": lavrov.id})
    assert kyiv.id in found
    assert ankara.id not in found and world["istanbul"].id not in found
    # Two entities: named beside both.
    assert listed(api_client, "/api/v1/entities/", {"related_to": f"{lavrov.id},{kyiv.id}"}) == {
        lavrov.id,
        kyiv.id,
    }


def test_ranked_search_ranks_the_newest_matches_and_an_ordering_reaches_every_match(api_client, monkeypatch):
    """q ranks the newest SEARCH_RANKED matches (after the other filters); with an ordering, every match."""
    from articles import selectors

    monkeypatch.setattr(selectors, "SEARCH_RANKED", 2)
    oldest = ArticleFactory(
        title="Istanbul talks", body="Istanbul hosts talks.", published_at=dt.date(2019, 1, 1)
    )
    middle = ArticleFactory(title="Weather", body="Rain; Istanbul later.", published_at=dt.date(2024, 1, 1))
    newest = ArticleFactory(title="Markets", body="Shares in Istanbul.", published_at=dt.date(2025, 1, 1))
    ArticleFactory(title="Other", body="Nothing here.", published_at=dt.date(2025, 2, 1))
    response = api_client.get("/api/v1/articles/", {"q": "istanbul"})
    assert [row["id"] for row in response.json()["results"]] in (
        [middle.id, newest.id],
        [newest.id, middle.id],
    )
    ordered = api_client.get("/api/v1/articles/", {"q": "istanbul", "ordering": "-published_at"}).json()
    assert [row["id"] for row in ordered["results"]] == [newest.id, middle.id, oldest.id]
    # The window is taken after the other filters: the oldest match is its source's newest.
    assert listed(api_client, "/api/v1/articles/", {"q": "istanbul", "source": oldest.source_id}) == {
        oldest.id
    }


@pytest.mark.parametrize("window,probe", [(3, 0), (6, 0), (1000, 0), (3, 1), (6, 2), (3, 8)])
def test_ranked_search_reads_the_newest_matches_window_first(
    api_client, monkeypatch, django_assert_max_num_queries, window, probe
):
    """The ranked rows are the SEARCH_RANKED newest matches (undated last) whether they all lie among the
    newest SEARCH_WINDOW articles, partly beyond them, or the window is larger than the table, and whether
    the probe of the newest SEARCH_PROBE x SEARCH_RANKED articles holds them, some of them, every article,
    or is not made; the request's query count does not depend on which."""
    from articles import selectors

    monkeypatch.setattr(selectors, "SEARCH_RANKED", 4)
    monkeypatch.setattr(selectors, "SEARCH_WINDOW", window)
    monkeypatch.setattr(selectors, "SEARCH_PROBE", probe)
    matches = []
    for day in range(1, 13):
        text = "Talks in Istanbul." if day % 3 else "Rain elsewhere."
        article = ArticleFactory(title=f"Day {day}", body=text, published_at=dt.date(2025, 1, day))
        if day % 3:
            matches.append(article)
    undated = ArticleFactory(title="Undated", body="Istanbul again.", published_at=None)
    newest = sorted(matches, key=lambda a: (a.published_at, a.id), reverse=True)[:4]
    with django_assert_max_num_queries(5):
        assert listed(api_client, "/api/v1/articles/", {"q": "istanbul"}) == {a.id for a in newest}
    monkeypatch.setattr(selectors, "SEARCH_RANKED", 9)
    assert listed(api_client, "/api/v1/articles/", {"q": "istanbul"}) == {a.id for a in matches} | {
        undated.id
    }
    assert listed(api_client, "/api/v1/articles/", {"q": "elsewhere -rain"}) == set()


@pytest.mark.parametrize("known", [None, dt.date(2024, 12, 1), dt.date(2025, 1, 6), dt.date(2025, 3, 1)])
def test_a_remembered_window_start_changes_no_ranked_row(
    api_client, monkeypatch, django_assert_max_num_queries, known
):
    """The window's first day is read once and remembered (WINDOW_START_TTL): whatever day is remembered
    (none, before every article, among them, after them) the ranked rows are the same, and so is the query
    count; the remembered day is used without walking the date index again."""
    import time

    from django.db import connection

    from articles import selectors

    if connection.vendor != "postgresql":
        pytest.skip("the window is PostgreSQL's")
    monkeypatch.setattr(selectors, "SEARCH_RANKED", 4)
    monkeypatch.setattr(selectors, "SEARCH_WINDOW", 3)
    monkeypatch.setattr(selectors, "SEARCH_PROBE", 0)  # through the window
    for day in range(1, 13):
        text = "Talks in Istanbul." if day % 3 else "Rain elsewhere."
        ArticleFactory(title=f"Day {day}", body=text, published_at=dt.date(2025, 1, day))
    ArticleFactory(title="Undated", body="Istanbul again.", published_at=None)
    expected = api_client.get("/api/v1/articles/", {"q": "istanbul"}).json()["results"]
    assert len(expected) == 4
    selectors._window_start[connection.settings_dict["NAME"]] = (time.monotonic() + 60, known)
    with CaptureQueriesContext(connection) as queries, django_assert_max_num_queries(5):
        assert api_client.get("/api/v1/articles/", {"q": "istanbul"}).json()["results"] == expected
    assert not any("OFFSET" in query["sql"] for query in queries.captured_queries)


@pytest.mark.parametrize(
    "known",
    [
        None,
        [None, 0],
        ["2024-12-01", 0],
        ["2025-01-06", 0],
        ["2025-01-06", 2**40],
        [dt.date(2025, 1, 6), 1],
        ["2025-03-01", 0],
    ],
)
@pytest.mark.parametrize("ordering", ["-published_at", "published_at"])
def test_a_remembered_window_end_changes_no_ordered_row(
    api_client, monkeypatch, django_assert_max_num_queries, known, ordering
):
    """An ordered search's window ends (the position of the window's last row) are read once per page
    position and remembered: whatever end is remembered (none, among the undated, before every article,
    among them before or after the ids of a day, after them) every page holds the same rows,
    with the same query count, and the remembered end is used without walking the order again."""
    from django.db import connection

    from articles import selectors
    from newsapi.api import pagination

    if connection.vendor != "postgresql":
        pytest.skip("the window is PostgreSQL's")
    monkeypatch.setattr(selectors, "SEARCH_WINDOW", 3)
    monkeypatch.setattr(selectors, "SEARCH_PROBE", 0)  # every page through the window
    for day in range(1, 13):
        text = "Talks in Istanbul." if day % 3 else "Rain elsewhere."
        ArticleFactory(title=f"Day {day}", body=text, published_at=dt.date(2025, 1, day))
    ArticleFactory(title="Undated", body="Istanbul again.", published_at=None)

    def pages() -> tuple[list[list[int]], list[str]]:
        seen, statements = [], []
        url, params = "/api/v1/articles/", {"q": "istanbul", "ordering": ordering, "page_size": 3}
        while url:
            with CaptureQueriesContext(connection) as queries, django_assert_max_num_queries(5):
                page = api_client.get(url, params).json()
            seen.append([row["id"] for row in page["results"]])
            statements += [query["sql"] for query in queries.captured_queries]
            url, params = page["next"], None
        return seen, statements

    expected, first = pages()
    assert sum(map(len, expected)) == 9
    assert any("OFFSET" in sql for sql in first)
    assert len(pagination._boundaries) == len(expected)
    for key, (expiry, _) in list(pagination._boundaries.items()):
        pagination._boundaries[key] = (expiry, known)
    again, statements = pages()
    assert again == expected
    assert not any("OFFSET" in sql for sql in statements)


@pytest.mark.parametrize("window,probe", [(2, 0), (5, 0), (1000, 0), (2, 1), (5, 2), (2, 8)])
@pytest.mark.parametrize(
    "ordering", ["-published_at", "published_at", "-id", "title,-published_at", "-title", "title"]
)
def test_an_ordered_search_pages_through_every_match_a_window_at_a_time(
    api_client, monkeypatch, django_assert_max_num_queries, window, probe, ordering
):
    """q with an ordering: following ``next`` reaches every match once, in that order (undated last),
    whether a page lies within the window of the order's next SEARCH_WINDOW rows, partly beyond it, or the
    window is larger than the table, and whether the probe of the next SEARCH_PROBE pages' rows finds the
    page, some of it, or is not made; the query count per page does not depend on which."""
    from articles import selectors

    monkeypatch.setattr(selectors, "SEARCH_WINDOW", window)
    monkeypatch.setattr(selectors, "SEARCH_PROBE", probe)
    matches = []
    for day in range(1, 15):
        text = "Talks in Istanbul." if day % 3 else "Rain elsewhere."
        # Two articles a day on some days: ties on the date are broken by id.
        for copy in range(1 + (day % 4 == 0)):
            article = ArticleFactory(
                title=f"Day {day % 5}", body=f"{text} ({day}, {copy})", published_at=dt.date(2025, 1, day)
            )
            if day % 3:
                matches.append(article)
    matches.append(ArticleFactory(title="Undated", body="Istanbul again.", published_at=None))
    pages, url, params = [], "/api/v1/articles/", {"q": "istanbul", "ordering": ordering, "page_size": 3}
    while url:
        with django_assert_max_num_queries(5):
            page = api_client.get(url, params).json()
        pages.append([row["id"] for row in page["results"]])
        url, params, back = page["next"], None, page["previous"]
    # Back from the last page to the first: the same pages.
    backwards = [pages[-1]]
    while back:
        with django_assert_max_num_queries(5):
            page = api_client.get(back).json()
        backwards.append([row["id"] for row in page["results"]])
        back = page["previous"]
    assert backwards[::-1] == pages
    seen = [pk for page in pages for pk in page]
    fields = [term.lstrip("-") for term in ordering.split(",")]
    if ordering == "title,-published_at":
        expected = sorted(
            matches,
            key=lambda a: (
                a.title,
                a.published_at is None,
                -(a.published_at or dt.date.min).toordinal(),
                a.id,
            ),
        )
    elif ordering == "title":
        expected = sorted(matches, key=lambda a: (a.title, a.id))
    elif ordering == "-title":
        expected = sorted(sorted(matches, key=lambda a: a.id), key=lambda a: a.title, reverse=True)
    elif fields == ["id"]:
        expected = sorted(matches, key=lambda a: -a.id)
    else:
        descending = ordering.startswith("-")
        dated = sorted((a for a in matches if a.published_at), key=lambda a: (a.published_at, a.id))
        if descending:
            dated = sorted(dated, key=lambda a: (-a.published_at.toordinal(), a.id))
        expected = dated + [a for a in matches if a.published_at is None]
    assert seen == [a.id for a in expected]


@pytest.mark.parametrize("ordering", ["-published_at", "title"])
def test_an_ordered_search_of_a_word_in_most_articles_reads_its_page_from_the_probe(
    api_client, monkeypatch, django_assert_max_num_queries, ordering
):
    """A word in most articles (PostgreSQL): the page lies among the next SEARCH_PROBE pages' rows of the
    order, which are tested for it in the statement that would read the window's end: neither that end nor
    the window (its GIN bitmap of every match) is read, and the pages are the window's."""
    from django.db import connection

    from articles import selectors

    if connection.vendor != "postgresql":
        pytest.skip("the probe and the window are PostgreSQL's")
    monkeypatch.setattr(selectors, "SEARCH_WINDOW", 4)
    for day in range(1, 25):
        text = "Talks in Istanbul." if day % 5 else "Rain elsewhere."
        ArticleFactory(title=f"Day {day % 7}", body=f"{text} ({day})", published_at=dt.date(2025, 1, day))
    params = {"q": "istanbul", "ordering": ordering, "page_size": 3}

    def pages(probe: int) -> tuple[list[list[int]], list[str]]:
        monkeypatch.setattr(selectors, "SEARCH_PROBE", probe)
        seen, statements, url, query = [], [], "/api/v1/articles/", params
        while url:
            with CaptureQueriesContext(connection) as queries, django_assert_max_num_queries(5):
                page = api_client.get(url, query).json()
            seen.append([row["id"] for row in page["results"]])
            statements.append(" ".join(q["sql"] for q in queries.captured_queries))
            url, query = page["next"], None
        return seen, statements

    windowed, statements = pages(0)
    assert all("MATERIALIZED" in sql for sql in statements)
    probed, statements = pages(2)
    assert probed == windowed and sum(map(len, probed)) == 20
    # The first pages come from the probe (no window, no walk to its end); the last, fewer than a page
    # before the list's end, too, unless the probe past a cursor skipped the undated rows (none here).
    assert not any("MATERIALIZED" in sql or "OFFSET" in sql for sql in statements[:-1])


def test_a_ranked_search_of_a_word_in_most_articles_ranks_the_probe_s_matches(
    api_client, monkeypatch, django_assert_max_num_queries
):
    """A word in most articles (PostgreSQL): its SEARCH_RANKED newest matches lie among the newest
    SEARCH_PROBE x SEARCH_RANKED articles, tested for it in one statement: neither the window's first day
    nor the window is read, and the ranked rows are the window's."""
    from django.db import connection

    from articles import selectors

    if connection.vendor != "postgresql":
        pytest.skip("the probe and the window are PostgreSQL's")
    monkeypatch.setattr(selectors, "SEARCH_RANKED", 5)
    monkeypatch.setattr(selectors, "SEARCH_WINDOW", 4)
    for day in range(1, 25):
        text = "Talks in Istanbul, Istanbul." if day % 4 else "Rain elsewhere."
        ArticleFactory(title=f"Day {day}", body=f"{text} ({day})", published_at=dt.date(2025, 1, day))
    ranked = {}
    for probe in (0, 2):
        monkeypatch.setattr(selectors, "SEARCH_PROBE", probe)
        with CaptureQueriesContext(connection) as queries, django_assert_max_num_queries(5):
            ranked[probe] = api_client.get("/api/v1/articles/", {"q": "istanbul"}).json()["results"]
        statements = " ".join(query["sql"] for query in queries.captured_queries)
        assert ("MATERIALIZED" in statements) == (probe == 0)
    assert ranked[2] == ranked[0] and len(ranked[0]) == 5


def test_quote_search_matches_words(api_client):
    """q on quotes: on PostgreSQL the quote's words (stemmed, web-search syntax); on SQLite a substring."""
    from django.db import connection

    opposed = QuoteFactory(text="We are not opposed to further meetings in Istanbul")
    other = QuoteFactory(text="Sanctions would hurt everyone")
    assert listed(api_client, "/api/v1/quotes/", {"q": "opposed"}) == {opposed.id}
    assert listed(api_client, "/api/v1/quotes/", {"q": "SANCTIONS"}) == {other.id}
    if connection.vendor == "postgresql":
        assert listed(api_client, "/api/v1/quotes/", {"q": "oppose meeting"}) == {opposed.id}
        assert listed(api_client, "/api/v1/quotes/", {"q": '"further meetings"'}) == {opposed.id}
        assert listed(api_client, "/api/v1/quotes/", {"q": "istanbul or sanctions"}) == {opposed.id, other.id}
        assert listed(api_client, "/api/v1/quotes/", {"q": "meetings -istanbul"}) == set()
        assert listed(api_client, "/api/v1/quotes/", {"q": "anbu"}) == set()  # words, not substrings
    else:
        assert listed(api_client, "/api/v1/quotes/", {"q": "anbu"}) == {opposed.id}


@pytest.mark.parametrize("read", [10_000, 0])
def test_a_published_range_keeps_its_first_and_last_day_and_drops_the_days_outside(
    api_client, monkeypatch, read
):
    """``published_after`` and ``published_before`` together on stories and entities: the articles of the
    range's first and last days count, those of the days just outside do not, whether the range's rows
    are read at once (PostgreSQL, at most the bound) or the list is walked."""
    from articles import filtersets

    monkeypatch.setattr(filtersets, "STORY_ARTICLES_READ", read)
    monkeypatch.setattr(filtersets, "ENTITY_DAYS_READ", read)
    articles = {day: ArticleFactory(published_at=dt.date(2025, 3, day)) for day in (9, 10, 15, 20, 21)}
    mentioned = {day: MentionFactory(article=article).entity for day, article in articles.items()}
    params = {"published_after": "2025-03-10", "published_before": "2025-03-20"}
    assert listed(api_client, "/api/v1/stories/", params) == {articles[day].story_id for day in (10, 15, 20)}
    assert listed(api_client, "/api/v1/entities/", params) == {mentioned[day].id for day in (10, 15, 20)}


@pytest.mark.parametrize("bound", [10_000, 0])
@pytest.mark.parametrize(
    ("parameter", "value", "match", "miss"),
    [
        ("source", lambda w: w["new"].source_id, "lavrov", "kremlin"),
        ("published_after", lambda w: "2025-01-01", "istanbul", "kremlin"),
        ("published_before", lambda w: "2020-01-01", "kremlin", "lavrov"),
    ],
)
def test_entity_filters_on_articles_read_few_articles_or_walk_the_entities(
    api_client, world, monkeypatch, bound, parameter, value, match, miss
):
    """source / published_* on entities: the same rows whether a short window's entities are read at once
    or the entities are walked and probed (more than the bound)."""
    from articles import filtersets

    monkeypatch.setattr(filtersets, "ENTITY_DAYS_READ", bound)
    found = listed(api_client, "/api/v1/entities/", {parameter: value(world)})
    assert world[match].id in found
    assert world[miss].id not in found
