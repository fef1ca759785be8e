"""The API as a new user tries it: sources as a resource, `source=` by name, the web-search syntax on
both databases, 400s for typos, entity URLs by slug or alias, CSV reports, gzip, CORS, public reads
in the schema."""

import csv
import datetime as dt
import gzip
import io

import pytest
from django.test import override_settings

from tests.factories import (
    ArticleFactory,
    EntityAliasFactory,
    EntityFactory,
    EventFactory,
    EventReportFactory,
    MentionFactory,
    QuoteFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db


def ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def errors(response) -> dict[str, str]:
    assert response.status_code == 400, response.content
    return {error["field"]: error["message"] for error in response.json()["errors"]}


# ---------------------------------------------------------------- sources


def test_sources_list_names_domains_and_article_counts(api_client, django_assert_max_num_queries):
    """/sources/ lists every outlet with its domain and how many articles it has, in a fixed query count."""
    menafn = SourceFactory(name="MENAFN", domain="menafn.com")
    mint = SourceFactory(name="Live Mint", domain="www.livemint.com")
    ArticleFactory.create_batch(3, source=menafn)
    ArticleFactory(source=mint)
    with django_assert_max_num_queries(2):
        response = api_client.get("/api/v1/sources/")
    rows = {row["name"]: row for row in response.json()["results"]}
    assert rows["MENAFN"] == {"id": menafn.id, "name": "MENAFN", "domain": "menafn.com", "article_count": 3}
    assert rows["Live Mint"]["article_count"] == 1
    detail = api_client.get(f"/api/v1/sources/{mint.id}/").json()
    assert detail["domain"] == "www.livemint.com"


@pytest.mark.parametrize("value", ["MENAFN", "menafn", "menafn.com", "https://www.menafn.com/news/1"])
def test_source_filter_takes_a_name_or_a_domain(api_client, value):
    """articles?source=MENAFN works, and so do the domain and the id; other outlets are left out."""
    menafn = SourceFactory(name="MENAFN", domain="menafn.com")
    theirs = ArticleFactory(source=menafn)
    ArticleFactory(source=SourceFactory(name="Reuters", domain="reuters.com"))
    assert ids(api_client.get("/api/v1/articles/", {"source": value})) == {theirs.id}
    assert ids(api_client.get("/api/v1/articles/", {"source": menafn.id})) == {theirs.id}
    quote = QuoteFactory(article=theirs)
    QuoteFactory()
    assert ids(api_client.get("/api/v1/quotes/", {"source": value})) == {quote.id}


def test_a_source_name_that_matches_no_outlet_is_a_400_with_close_matches(api_client):
    """A misspelt outlet is a 400 naming the parameter, the name and the outlets it resembles."""
    SourceFactory(name="MENAFN", domain="menafn.com")
    message = errors(api_client.get("/api/v1/events/", {"source": "MENAFM"}))["source"]
    assert "'MENAFM'" in message
    assert "MENAFN" in message


# ---------------------------------------------------------------- full-text search


def test_q_reads_phrases_exclusions_and_or_the_same_on_every_database(api_client):
    """ "peace process" is a phrase, -trump excludes, OR joins: as PostgreSQL's web-search syntax."""
    phrase = ArticleFactory(title="Kyiv weighs the offer", body="The peace process resumes in Istanbul.")
    apart = ArticleFactory(
        title="Istanbul hosts talks", body="Peace is far; the process stalls. Trump calls."
    )
    other = ArticleFactory(title="Markets", body="Shares rose in Ankara.")
    assert ids(api_client.get("/api/v1/articles/", {"q": '"peace process"'})) == {phrase.id}
    assert ids(api_client.get("/api/v1/articles/", {"q": "peace process"})) == {phrase.id, apart.id}
    assert ids(api_client.get("/api/v1/articles/", {"q": "istanbul -trump"})) == {phrase.id}
    assert ids(api_client.get("/api/v1/articles/", {"q": "ankara OR kyiv"})) == {phrase.id, other.id}
    # Stemmed like PostgreSQL's english configuration: "talk" finds "talks".
    assert ids(api_client.get("/api/v1/articles/", {"q": "talk"})) == {apart.id}


def test_q_puts_title_matches_first(api_client):
    """An article with the words in its title ranks above one with them only in its body."""
    body_only = ArticleFactory(
        title="Markets", body="Ceasefire hopes lift markets.", published_at=dt.date(2025, 6, 2)
    )
    in_title = ArticleFactory(
        title="Ceasefire agreed", body="Both sides agreed.", published_at=dt.date(2025, 6, 1)
    )
    from articles.models import Article
    from articles.selectors import article_search

    ranked = list(article_search(Article.objects.all(), "ceasefire").values_list("id", flat=True))
    assert ranked == [in_title.id, body_only.id]


def test_search_index_follows_edits_and_deletes(api_client):
    """The index is kept in sync by the database: an edited title is found, a deleted article is not."""
    article = ArticleFactory(title="Old headline", body="Nothing here.")
    article.title = "Summit in Geneva"
    article.save()
    from articles.services import article_index_for_search

    article_index_for_search(article=article)
    assert ids(api_client.get("/api/v1/articles/", {"q": "geneva"})) == {article.id}
    article.delete()
    assert ids(api_client.get("/api/v1/articles/", {"q": "geneva"})) == set()


# ---------------------------------------------------------------- typos are 400s


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        ("/api/v1/entities/?typo=person", "typo"),
        ("/api/v1/articles/?published_afterr=2025-01-01", "published_afterr"),
        ("/api/v1/quotes/?page=2", "page"),  # keyset-paged: `page` is not read
        ("/api/v1/stories/?sort=title", "sort"),
        ("/api/v1/sources/?nme=MENAFN", "nme"),
    ],
)
def test_an_unknown_query_parameter_is_a_400_naming_it(api_client, url, parameter):
    """A parameter the route does not read is refused by name instead of silently ignored."""
    message = errors(api_client.get(url))[parameter]
    assert f"'{parameter}'" in message


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        ("/api/v1/articles/{article}/entities/?fields=id", "fields"),
        ("/api/v1/entities/{entity}/timeline/?expand=articles", "expand"),
        ("/api/v1/entities/{entity}/related/?fields=id,name", "fields"),
        ("/api/v1/jobs/{job}/?typo=1", "typo"),
    ],
)
def test_a_route_that_cannot_pick_fields_refuses_fields_and_expand(api_client, url, parameter):
    """``fields``/``expand`` on a route whose rows are not picked or expanded (an article's entities,
    timeline, related) answered every field with a 200; the job route let any parameter through."""
    from jobs.models import Job

    mention = MentionFactory()
    job = Job.objects.create(raw_text="Talks resume.", content_hash="0" * 64)
    url = url.format(article=mention.article_id, entity=mention.entity_id, job=job.id)
    message = errors(api_client.get(url))[parameter]
    assert f"'{parameter}'" in message
    assert "format" in message


@pytest.mark.parametrize("resource", ["articles", "entities", "quotes", "events", "stories", "sources"])
def test_an_ordering_with_two_minus_signs_is_a_400_naming_it(api_client, resource):
    """``ordering=--id`` passed the allow-list (every '-' stripped) and the query failed: a 500."""
    ArticleFactory()
    for url, params in [(f"/api/v1/{resource}/", {}), (f"/api/v1/{resource}/export/", {"format": "csv"})]:
        if resource == "sources" and params:
            continue  # no export of outlets
        message = errors(api_client.get(url, {"ordering": "--id", **params}))["ordering"]
        assert "--id" in message


def test_documented_parameters_are_all_accepted(api_client):
    """Filters, ordering, page_size, cursor, fields, expand and format pass the check."""
    ArticleFactory()
    ok = [
        ("/api/v1/articles/", {"published_after": "2020-01-01", "published_before": "2030-01-01"}),
        ("/api/v1/articles/", {"ordering": "title", "page_size": 5, "fields": "id", "expand": "story"}),
        ("/api/v1/articles/", {"event_after": "2020-01-01", "format": "json"}),
        ("/api/v1/entities/", {"page_size": 1, "type": "person"}),
        ("/api/v1/events/", {"date_after": "2020-01-01", "date_before": "2030-01-01"}),
        ("/api/v1/events/export/", {"format": "csv", "date_after": "2020-01-01"}),
    ]
    for url, params in ok:
        response = api_client.get(url, params)
        assert response.status_code == 200, (url, params, response.content)


def test_an_entity_name_that_matches_nobody_is_a_400_with_close_matches(api_client):
    """entity=Lavorv names nobody: a 400 naming the parameter and the name, suggesting Sergei Lavrov."""
    lavrov = EntityFactory(name="Sergei Lavrov")
    EntityAliasFactory(entity=lavrov, name="Lavrov")
    EntityFactory(name="Marco Rubio")
    for url, parameter in [
        ("/api/v1/articles/", "entity"),
        ("/api/v1/quotes/", "speaker"),
        ("/api/v1/events/", "participant"),
    ]:
        message = errors(api_client.get(url, {parameter: "Lavorv"}))[parameter]
        assert "'Lavorv'" in message
        assert "Sergei Lavrov" in message
        assert "Rubio" not in message


def test_a_bad_date_names_the_half_of_the_range_at_fault(api_client):
    """The shared range filter reports published_before, not an internal field name."""
    assert set(errors(api_client.get("/api/v1/stories/", {"published_before": "2025-02-30"}))) == {
        "published_before"
    }


def test_date_ranges_are_declared_once_with_the_shared_filter():
    """Every *_after/*_before pair is one DateRangeFilter, under its documented parameter names."""
    from articles.filtersets import ArticleFilterSet, EventFilterSet, QuoteFilterSet, StoryFilterSet
    from entities.filtersets import EntityFilterSet
    from newsapi.api.filters import DateRangeFilter

    expected = {
        ArticleFilterSet: {"published", "event"},
        QuoteFilterSet: {"published"},
        EventFilterSet: {"date"},
        StoryFilterSet: {"published"},
        EntityFilterSet: {"published"},
    }
    for filterset, names in expected.items():
        ranges = {name for name, f in filterset.base_filters.items() if isinstance(f, DateRangeFilter)}
        assert ranges == names, filterset
        assert not [name for name in filterset.base_filters if name.endswith(("_after", "_before"))]
        for name in names:
            assert {f"{name}_after", f"{name}_before"} <= set(filterset.parameter_names())


# ---------------------------------------------------------------- entity URLs


def test_an_entity_is_found_by_slug_name_or_alias(api_client):
    """/entities/sergei-lavrov/ and /entities/Lavrov/ answer as /entities/{id}/ does, navigation too."""
    lavrov = EntityFactory(name="Sergei Lavrov", slug="sergei-lavrov")
    EntityAliasFactory(entity=lavrov, name="Lavrov")
    article = ArticleFactory()
    MentionFactory(article=article, entity=lavrov)
    by_id = api_client.get(f"/api/v1/entities/{lavrov.id}/").json()
    for ref in ["sergei-lavrov", "Lavrov", "Sergei%20Lavrov", "sergey-lavrov"]:
        response = api_client.get(f"/api/v1/entities/{ref}/")
        assert response.status_code == 200, (ref, response.content)
        assert response.json() == by_id
    assert ids(api_client.get("/api/v1/entities/sergei-lavrov/articles/")) == {article.id}
    missing = api_client.get("/api/v1/entities/nobody-at-all/")
    assert missing.status_code == 404
    assert "nobody-at-all" in missing.json()["message"]


# ---------------------------------------------------------------- export, transport


def test_events_csv_export_fills_the_reports_column(api_client):
    """Each event's reports (article, span, sentence) are in the CSV, not an empty cell."""
    event = EventFactory(title="Talks in Istanbul")
    article = ArticleFactory(body="Talks will be held in Istanbul on Monday.")
    EventReportFactory(event=event, article=article, start=0, end=17)
    response = api_client.get("/api/v1/events/export/", {"format": "csv"})
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0]["reports"]
    assert str(article.id) in rows[0]["reports"]
    assert "Talks will be hel" in rows[0]["reports"]


def test_responses_are_gzipped_for_clients_that_accept_it(api_client):
    """A list answers gzip-compressed when asked, and decompresses to the JSON page."""
    ArticleFactory.create_batch(5)
    response = api_client.get("/api/v1/articles/", HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"
    assert b'"results"' in gzip.decompress(response.content)


@override_settings(CORS_ALLOWED_ORIGINS=["https://app.example.com"])
def test_browser_apps_on_allowed_origins_get_cors_headers(api_client):
    """An allowed origin gets Access-Control-Allow-Origin on the API; another origin does not."""
    allowed = api_client.get("/api/v1/articles/", HTTP_ORIGIN="https://app.example.com")
    assert allowed["Access-Control-Allow-Origin"] == "https://app.example.com"
    preflight = api_client.options(
        "/api/v1/articles/",
        HTTP_ORIGIN="https://app.example.com",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="authorization",
    )
    assert "authorization" in preflight["Access-Control-Allow-Headers"]
    other = api_client.get("/api/v1/articles/", HTTP_ORIGIN="https://evil.example.net")
    assert "Access-Control-Allow-Origin" not in other


# ---------------------------------------------------------------- schema


def test_public_reads_carry_no_security_requirement_and_writes_do(api_client):
    """No lock on public GETs in Swagger; PATCH and POST still ask for a token."""
    schema = api_client.get("/api/schema/", {"format": "json"}).json()
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            if method == "get":
                assert "security" not in operation, (path, operation.get("security"))
            elif method in ("post", "patch"):
                assert operation["security"], (path, method)
    assert "/api/v1/sources/" in schema["paths"]
    entity_id = schema["paths"]["/api/v1/entities/{id}/"]["get"]["parameters"][0]
    assert entity_id["schema"]["type"] == "string"


def test_the_docs_point_at_this_server_not_a_placeholder_host(api_client):
    """No example in the schema names api.example.org; the server is this one."""
    response = api_client.get("/api/schema/", {"format": "json"})
    assert b"example.org" not in response.content
    assert response.json()["servers"] == [{"url": "/", "description": "This newsapi server"}]


@override_settings(NEWSAPI_PUBLIC_READ=False)
def test_closed_reads_carry_the_token_requirement(api_client):
    """With NEWSAPI_PUBLIC_READ off, the schema says reads need a token too."""
    schema = api_client.get("/api/schema/", {"format": "json"}).json()
    listed = schema["paths"]["/api/v1/articles/"]["get"]
    assert {"tokenAuth": []} in listed["security"]


def test_a_percent_sign_in_an_unknown_name_is_echoed_not_a_server_error(api_client):
    """Names are echoed in the message as typed, '%' included."""
    assert "'50% Lavrov'" in errors(api_client.get("/api/v1/articles/", {"entity": "50% Lavrov"}))["entity"]
    assert "'%s'" in errors(api_client.get("/api/v1/articles/", {"source": "%s"}))["source"]


def test_digits_that_are_not_ascii_are_names_not_ids(api_client):
    """'²' passes str.isdigit but is no id: a 400 (no such name) or a 404, never a server error."""
    assert "source" in errors(api_client.get("/api/v1/articles/export/", {"format": "csv", "source": "²"}))
    assert "entity" in errors(api_client.get("/api/v1/articles/", {"entity": "²"}))
    assert api_client.get("/api/v1/entities/²/").status_code == 404


def test_search_results_page_by_rank_to_the_end(api_client):
    """A ranked search pages with its cursor to the end: every match once."""
    matches = [
        ArticleFactory(title=f"Istanbul talks {index}", body="Istanbul " * index) for index in range(1, 6)
    ]
    ArticleFactory(title="Markets", body="Nothing.")
    seen, params = [], {"q": "istanbul", "page_size": 2}
    while True:
        body = api_client.get("/api/v1/articles/", params).json()
        seen += [row["id"] for row in body["results"]]
        if not body["next"]:
            break
        params = {**params, "cursor": body["next_cursor"]}
    assert sorted(seen) == sorted(article.id for article in matches)
    assert len(seen) == len(set(seen))


def test_a_correction_to_a_path_that_is_no_id_is_a_404(editor_client):
    """PATCH /articles/null,null/ (the fuzzer's) is a 404 in the error shape, not a server error."""
    for resource in ("articles", "quotes", "events"):
        response = editor_client.patch(f"/api/v1/{resource}/null,null/", {"title": "x"}, format="json")
        assert response.status_code == 404
        assert response.json()["status"] == 404
