"""The API beyond plain lists: writes with tokens, errors, ordering, sparse fields, expansion,
navigation, export and conditional GET."""

import csv
import datetime as dt
import io
import json

import pytest
from django.core.management import call_command

from entities.models import Entity, EntityAlias
from newsapi.extraction.names import name_key
from tests.factories import (
    ArticleFactory,
    EntityAliasFactory,
    EntityFactory,
    EventFactory,
    EventReportFactory,
    MentionFactory,
    QuoteFactory,
    SourceFactory,
    StoryFactory,
)
from tests.job_helpers import stored_article

pytestmark = pytest.mark.django_db


def error_fields(response) -> list[str]:
    body = response.json()
    assert body["status"] == response.status_code
    assert body["message"]
    return [error["field"] for error in body["errors"]]


# ---------------------------------------------------------------- corrections


def test_patch_entity_needs_a_token(api_client):
    """Writes without a token are refused with the standard error shape."""
    entity = EntityFactory()
    response = api_client.patch(f"/api/v1/entities/{entity.id}/", {"role": "Mayor"}, format="json")
    assert response.status_code == 401
    assert response.json()["status"] == 401


def test_patch_entity_marks_it_edited_and_keeps_the_old_name_as_alias(editor_client):
    """Renaming an entity records the correction and the old name stays searchable."""
    entity = EntityFactory(name="Sergey Lavrov")
    response = editor_client.patch(
        f"/api/v1/entities/{entity.id}/", {"name": "Sergei Lavrov", "role": "Foreign Minister"}, format="json"
    )
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["name"] == "Sergei Lavrov"
    assert data["is_edited"] is True
    assert "Sergey Lavrov" in data["aliases"]
    entity.refresh_from_db()
    assert set(entity.edited_fields) == {"name", "role"}


def test_patch_entity_with_an_unknown_type_is_a_400_naming_the_field(editor_client):
    """A bad value names the body field."""
    entity = EntityFactory()
    response = editor_client.patch(f"/api/v1/entities/{entity.id}/", {"type": "planet"}, format="json")
    assert response.status_code == 400
    assert error_fields(response) == ["type"]


def test_patch_quote_reattributes_it(editor_client):
    """A quote given to another speaker is marked as edited on its speaker."""
    quote = QuoteFactory()
    other = EntityFactory(name="Rustem Umerov")
    response = editor_client.patch(f"/api/v1/quotes/{quote.id}/", {"speaker": other.id}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["speaker"]["name"] == "Rustem Umerov"
    quote.refresh_from_db()
    assert quote.edited_fields == ["speaker"]


def test_patch_quote_with_an_unknown_speaker_id_is_a_400(editor_client):
    """A speaker id that does not exist is named in the error."""
    quote = QuoteFactory()
    response = editor_client.patch(f"/api/v1/quotes/{quote.id}/", {"speaker": 10**9}, format="json")
    assert response.status_code == 400
    assert error_fields(response) == ["speaker"]


def test_patch_event_sets_date_and_participants(editor_client):
    """An event's date and participants can be corrected in one call."""
    event = EventFactory(date=dt.date(2025, 6, 1))
    person = EntityFactory()
    response = editor_client.patch(
        f"/api/v1/events/{event.id}/", {"date": "2025-06-02", "participants": [person.id]}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["date"] == "2025-06-02"
    assert [p["id"] for p in response.json()["participants"]] == [person.id]
    event.refresh_from_db()
    assert set(event.edited_fields) == {"date", "participants"}


@pytest.mark.parametrize(
    ("url", "body", "fields"),
    [
        ("/api/v1/entities/{entity}/", {"mention_count": 5, "role": "Mayor"}, ["mention_count"]),
        ("/api/v1/articles/{article}/", {"titel": "Talks", "body": "changed"}, ["body", "titel"]),
        ("/api/v1/quotes/{quote}/", {"speaker_name": "Putin"}, ["speaker_name"]),
        ("/api/v1/events/{event}/", {"id": 5}, ["id"]),
        ("/api/v1/entities/{entity}/merge/", {"merged": [], "into": 1}, ["into"]),
        ("/api/v1/articles/", {"raw_text": "Talks resume.", "outlet": "Reuters"}, ["outlet"]),
        ("/api/v1/articles/", {"raw_text": 5}, ["raw_text"]),
        ("/api/v1/articles/{article}/", {"title": 2025}, ["title"]),
        ("/api/v1/entities/{entity}/", {"role": 1.5}, ["role"]),
    ],
)
def test_a_body_field_a_write_does_not_take_is_a_400_naming_it(editor_client, url, body, fields):
    """A misspelt or read-only field, or a number for a text, is refused with nothing written; it
    answered 200 unchanged (or wrote the number as text) before."""
    entity = EntityFactory(role="")
    article = ArticleFactory(title="Old headline")
    quote, event = QuoteFactory(), EventFactory()
    url = url.format(entity=entity.id, article=article.id, quote=quote.id, event=event.id)
    method = editor_client.post if url.endswith(("merge/", "/articles/")) else editor_client.patch
    response = method(url, body, format="json")
    assert response.status_code == 400, response.content
    assert error_fields(response) == fields
    assert (
        "it takes:" in response.json()["errors"][0]["message"] or "Not a string" in response.json()["message"]
    )
    entity.refresh_from_db()
    article.refresh_from_db()
    assert (entity.role, article.title) == ("", "Old headline")


def test_patch_article_moves_it_to_another_outlet_and_their_counts_follow(editor_client):
    """``source`` (an outlet's id) corrects the article's outlet, as the admin does; null clears it."""
    wrong, right = SourceFactory(name="Reuters"), SourceFactory(name="The Associated Press")
    article = ArticleFactory(source=wrong)
    call_command("entity_recount")
    response = editor_client.patch(f"/api/v1/articles/{article.id}/", {"source": right.id}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["source"]["name"] == "The Associated Press"
    article.refresh_from_db()
    assert article.edited_fields == ["source"]
    wrong.refresh_from_db()
    right.refresh_from_db()
    assert (wrong.article_count, right.article_count) == (0, 1)
    response = editor_client.patch(f"/api/v1/articles/{article.id}/", {"source": None}, format="json")
    assert response.json()["source"] is None
    response = editor_client.patch(f"/api/v1/articles/{article.id}/", {"source": 10**9}, format="json")
    assert response.status_code == 400
    assert error_fields(response) == ["source"]


def test_an_event_s_precision_follows_its_corrected_date(editor_client):
    """Clearing a date cleared nothing else (``date`` null beside ``date_precision`` "day"); a date
    given to an undated event is a day's; a precision sent against the date is a 400 naming it."""
    event = EventFactory(date=dt.date(2025, 6, 1), date_precision="month")
    url = f"/api/v1/events/{event.id}/"
    response = editor_client.patch(url, {"date": None}, format="json")
    assert (response.json()["date"], response.json()["date_precision"]) == (None, "")
    response = editor_client.patch(url, {"date": "2025-06-02"}, format="json")
    assert (response.json()["date"], response.json()["date_precision"]) == ("2025-06-02", "day")
    for body in [{"date": None, "date_precision": "day"}, {"date_precision": ""}]:
        response = editor_client.patch(url, body, format="json")
        assert response.status_code == 400, body
        assert error_fields(response) == ["date_precision"]
    event.refresh_from_db()
    assert (event.date, event.date_precision) == (dt.date(2025, 6, 2), "day")


@pytest.mark.parametrize("code", ["english", "en-GB", "EN", "xx-yy-zz", "e1"])
def test_an_article_language_that_is_not_a_code_is_a_400_naming_it(editor_client, code):
    """Any string up to 8 characters was stored, and the language filter then never found the article."""
    article = ArticleFactory(language="en")
    response = editor_client.patch(f"/api/v1/articles/{article.id}/", {"language": code}, format="json")
    assert response.status_code == 400
    assert error_fields(response) == ["language"]
    article.refresh_from_db()
    assert article.language == "en"
    response = editor_client.patch(f"/api/v1/articles/{article.id}/", {"language": "fr"}, format="json")
    assert response.json()["language"] == "fr"


@pytest.mark.parametrize(
    ("url", "body", "field"),
    [
        ("/api/v1/quotes/{quote}/", '{"speaker": 1.5}', "speaker"),
        ("/api/v1/quotes/{quote}/", '{"speaker": 1e400}', "speaker"),
        ("/api/v1/events/{event}/", '{"participants": [1e400]}', "participants"),
        ("/api/v1/events/{event}/", '{"location": 99999999999999999999999}', "location"),
        ("/api/v1/articles/{article}/", '{"story": 2.0}', "story"),
    ],
)
def test_an_id_that_is_not_a_whole_number_is_a_400_naming_it(editor_client, url, body, field):
    """A float id was truncated (``1.5`` gave the quote to entity 1) or, past the floats, a 500."""
    quote, event = QuoteFactory(speaker=None), EventFactory(location=None)
    EntityFactory(pk=1)
    url = url.format(quote=quote.id, event=event.id, article=quote.article_id)
    response = editor_client.patch(url, body, content_type="application/json")
    assert response.status_code == 400, response.content
    assert error_fields(response) == [field]
    quote.refresh_from_db()
    assert quote.speaker_id is None


def test_a_body_nested_too_deeply_is_a_400(editor_client):
    """A few kilobytes of ``[[[[...]]]]`` made the JSON parser recurse out: a 500."""
    event = EventFactory()
    body = '{"participants": ' + "[" * 5000 + "]" * 5000 + "}"
    response = editor_client.patch(f"/api/v1/events/{event.id}/", body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["code"] == "parse_error"


def test_a_viewer_cannot_write(api_client, db):
    """A user outside the editors group may read but not correct."""
    from django.contrib.auth import get_user_model

    viewer = get_user_model().objects.create_user(username="viewer")
    api_client.force_authenticate(viewer)
    entity = EntityFactory()
    assert api_client.get(f"/api/v1/entities/{entity.id}/").status_code == 200
    assert api_client.patch(f"/api/v1/entities/{entity.id}/", {"role": "x"}, format="json").status_code == 403


def test_reads_can_be_closed_by_a_setting(api_client, settings):
    """With NEWSAPI_PUBLIC_READ off, anonymous reads get a 401."""
    settings.NEWSAPI_PUBLIC_READ = False
    assert api_client.get("/api/v1/entities/").status_code == 401


def test_create_api_token_command_prints_a_working_token(api_client, capsys):
    """The command's token authorises writes."""
    call_command("create_api_token", "robot")
    key = capsys.readouterr().out.strip()
    entity = EntityFactory()
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    response = api_client.patch(f"/api/v1/entities/{entity.id}/", {"role": "Spokesperson"}, format="json")
    assert response.status_code == 200


def test_post_article_body_over_the_limit_is_a_413(editor_client, settings):
    """A body bigger than NEWSAPI_MAX_ARTICLE_BYTES is refused before parsing."""
    settings.NEWSAPI_MAX_ARTICLE_BYTES = 100
    response = editor_client.post("/api/v1/articles/", {"raw_text": "x" * 500}, format="json")
    assert response.status_code == 413
    assert response.json()["status"] == 413


def test_post_article_without_text_is_a_400_naming_raw_text(editor_client):
    """An empty article is refused and nothing is stored."""
    response = editor_client.post("/api/v1/articles/", {"raw_text": "  "}, format="json")
    assert response.status_code == 400
    assert error_fields(response) == ["raw_text"]


@pytest.mark.slow
def test_post_article_ingests_once_then_returns_the_existing_one(editor_client):
    """202 with a job that stored the structured article for new text; the same text's job finds it."""
    raw = (
        "Talks set for Monday\n\nMOSCOW — Russian Foreign Minister Sergei Lavrov said on Wednesday that "
        "talks would be held in Istanbul. \u201cWe are ready,\u201d Lavrov said."
    )
    first = editor_client.post("/api/v1/articles/", {"raw_text": raw, "source": "Test Wire"}, format="json")
    assert first.json()["created_article"] is True
    data = stored_article(editor_client, first).json()
    assert data["source"]["name"] == "Test Wire"
    assert any(m["entity"]["name"] == "Sergei Lavrov" for m in data["mentions"])
    second = editor_client.post("/api/v1/articles/", {"raw_text": raw}, format="json")
    assert second.json()["created_article"] is False
    assert second.json()["article"] == data["id"]
    assert second.json()["id"] != first.json()["id"]


# ---------------------------------------------------------------- errors, ordering


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/api/v1/articles/?entity=0", "entity"),
        ("/api/v1/articles/?source=abc", "source"),
        ("/api/v1/events/?date_after=2025-13-01", "date_after"),
        ("/api/v1/quotes/?kind=shouted", "kind"),
        ("/api/v1/articles/?ordering=secret", "ordering"),
        ("/api/v1/quotes/?expand=nonsense", "expand"),
        ("/api/v1/entities/?fields=id,nope", "fields"),
    ],
)
def test_bad_parameters_are_a_400_naming_the_parameter(api_client, url, field):
    """Malformed values, unknown choices and unknown ordering/fields/expand names are 400s, never 500s."""
    response = api_client.get(url)
    assert response.status_code == 400
    assert error_fields(response) == [field]


def test_unknown_api_url_and_missing_object_are_json_404s(api_client):
    """A missing object is a JSON 404 in the same shape."""
    response = api_client.get("/api/v1/articles/999999/")
    assert response.status_code == 404
    assert response.json()["status"] == 404


@pytest.mark.parametrize("debug", [False, True])
def test_an_unknown_api_url_is_a_json_404_with_debug_on_too(api_client, settings, debug):
    """With DEBUG on (``./dev serve``) an unknown URL under /api/ was Django's HTML debug page."""
    settings.DEBUG = debug
    response = api_client.get("/api/v1/nope/")
    assert response.status_code == 404
    assert response.json() == {
        "status": 404,
        "code": "not_found",
        "message": "No resource at /api/v1/nope/.",
        "errors": [],
    }
    assert api_client.get("/api/v1/articles").status_code == 301  # the slash is still appended


def test_ordering_from_the_allow_list(api_client):
    """ordering sorts by an allowed field in either direction."""
    old = ArticleFactory(published_at=dt.date(2020, 1, 1))
    new = ArticleFactory(published_at=dt.date(2025, 1, 1))
    rows = api_client.get("/api/v1/articles/", {"ordering": "published_at"}).json()["results"]
    assert [row["id"] for row in rows] == [old.id, new.id]
    rows = api_client.get("/api/v1/articles/", {"ordering": "-published_at"}).json()["results"]
    assert [row["id"] for row in rows] == [new.id, old.id]


def test_cursor_pagination_walks_every_article_once(api_client):
    """Following `next` to the end visits every article exactly once."""
    created = {ArticleFactory().id for _ in range(7)}
    seen, url, params = [], "/api/v1/articles/", {"page_size": 3}
    while url:
        body = api_client.get(url, params).json()
        seen += [row["id"] for row in body["results"]]
        url, params = body["next"], None
    assert sorted(seen) == sorted(created)


# ---------------------------------------------------------------- sparse fields and expansion


def test_fields_keeps_only_the_asked_fields(api_client):
    """fields=id,title returns just those keys."""
    ArticleFactory()
    row = api_client.get("/api/v1/articles/", {"fields": "id,title"}).json()["results"][0]
    assert set(row) == {"id", "title"}


def test_expand_replaces_ids_with_objects(api_client):
    """expand=speaker,article nests the full speaker and article."""
    quote = QuoteFactory()
    EntityAlias.objects.create(entity=quote.speaker, name="Alias", name_key="alias")
    row = api_client.get(f"/api/v1/quotes/{quote.id}/", {"expand": "speaker,article"}).json()
    assert row["article"]["id"] == quote.article_id
    assert row["article"]["source"]["name"] == quote.article.source.name
    assert row["speaker"]["aliases"] == ["Alias"]


@pytest.mark.parametrize("rows", [1, 12])
def test_expansion_keeps_a_fixed_query_count(api_client, django_assert_max_num_queries, rows):
    """Expanding speaker and article adds a fixed number of queries, not one per row."""
    for _ in range(rows):
        QuoteFactory()
    with django_assert_max_num_queries(4):
        response = api_client.get("/api/v1/quotes/", {"expand": "speaker,article", "page_size": 50})
    assert len(response.json()["results"]) == rows


@pytest.mark.parametrize("rows", [1, 12])
def test_event_expansion_keeps_a_fixed_query_count(api_client, django_assert_max_num_queries, rows):
    """Expanding an event's location, participants and articles stays at a fixed query count."""
    for _ in range(rows):
        event = EventFactory(participants=[EntityFactory()])
        EventReportFactory(event=event)
    with django_assert_max_num_queries(9):
        response = api_client.get("/api/v1/events/", {"expand": "location,participants,articles"})
    assert len(response.json()["results"]) == rows
    assert response.json()["results"][0]["articles"][0]["title"]


# ---------------------------------------------------------------- navigation


def test_entity_navigation_articles_quotes_events_related_timeline(api_client):
    """An entity's articles, quotes, events, co-occurring entities and daily mentions."""
    lavrov = EntityFactory(name="Sergei Lavrov")
    rubio = EntityFactory(name="Marco Rubio")
    article = ArticleFactory(published_at=dt.date(2025, 5, 28))
    MentionFactory(article=article, entity=lavrov)
    MentionFactory(article=article, entity=lavrov, start=10, end=16)
    MentionFactory(article=article, entity=rubio)
    quote = QuoteFactory(speaker=lavrov, article=article)
    event = EventFactory(participants=[lavrov])
    base = f"/api/v1/entities/{lavrov.id}"
    assert [r["id"] for r in api_client.get(f"{base}/articles/").json()["results"]] == [article.id]
    assert [r["id"] for r in api_client.get(f"{base}/quotes/").json()["results"]] == [quote.id]
    assert [r["id"] for r in api_client.get(f"{base}/events/").json()["results"]] == [event.id]
    related = api_client.get(f"{base}/related/").json()["results"]
    assert [(r["name"], r["shared_article_count"]) for r in related] == [("Marco Rubio", 1)]
    timeline = api_client.get(f"{base}/timeline/").json()["results"]
    assert timeline == [{"date": "2025-05-28", "mention_count": 2, "article_count": 1}]


def test_article_entities_with_mention_counts(api_client):
    """An article's entities come with how often the article mentions each."""
    article = ArticleFactory()
    lavrov = EntityFactory(name="Sergei Lavrov")
    MentionFactory(article=article, entity=lavrov)
    MentionFactory(article=article, entity=lavrov, start=20, end=26)
    MentionFactory(article=article, entity=EntityFactory(name="Istanbul", type="location"))
    MentionFactory(entity=lavrov)  # another article: not counted here
    rows = api_client.get(f"/api/v1/articles/{article.id}/entities/").json()["results"]
    assert [(r["name"], r["mention_count"]) for r in rows] == [("Sergei Lavrov", 2), ("Istanbul", 1)]


def test_story_navigation(api_client):
    """A story's articles, quotes and events in one call each."""
    story = StoryFactory()
    article = ArticleFactory(story=story)
    ArticleFactory()  # another story
    quote = QuoteFactory(article=article)
    report = EventReportFactory(article=article)
    base = f"/api/v1/stories/{story.id}"
    assert [r["id"] for r in api_client.get(f"{base}/articles/").json()["results"]] == [article.id]
    assert [r["id"] for r in api_client.get(f"{base}/quotes/").json()["results"]] == [quote.id]
    assert [r["id"] for r in api_client.get(f"{base}/events/").json()["results"]] == [report.event_id]


# ---------------------------------------------------------------- export and conditional GET


def test_export_csv_streams_every_filtered_row(api_client):
    """CSV export has a header and one row per matching object, beyond any page size."""
    for _ in range(30):
        EntityFactory(type="location")
    EntityFactory(type="person")
    response = api_client.get("/api/v1/entities/export/", {"format": "csv", "type": "location"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows) == 30
    assert {row["type"] for row in rows} == {"location"}


def test_export_jsonl_has_one_object_per_line(api_client):
    """JSON Lines export: each line parses to one quote."""
    quotes = [QuoteFactory() for _ in range(3)]
    response = api_client.get("/api/v1/quotes/export/", {"format": "jsonl"})
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert sorted(json.loads(line)["id"] for line in lines) == sorted(q.id for q in quotes)


def test_export_without_a_format_is_a_400(api_client):
    """The export needs format=csv or jsonl."""
    response = api_client.get("/api/v1/quotes/export/")
    assert response.status_code == 400
    assert error_fields(response) == ["format"]


def test_conditional_get_returns_304_for_a_matching_etag(api_client):
    """A repeated GET with If-None-Match gets a 304 until the data changes."""
    entity = EntityFactory()
    first = api_client.get(f"/api/v1/entities/{entity.id}/")
    etag = first["ETag"]
    assert api_client.get(f"/api/v1/entities/{entity.id}/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    entity.role = "Mayor"
    entity.save()
    assert api_client.get(f"/api/v1/entities/{entity.id}/", HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_entity_filter_takes_ids_names_and_aliases_combined_with_and(api_client):
    """entity= accepts an id, a name or an alias, several of them comma-separated, all required."""
    lavrov = EntityFactory(name="Sergei Lavrov")
    EntityAliasFactory(entity=lavrov, name="Lavrov")
    rubio = EntityFactory(name="Marco Rubio")
    both = ArticleFactory()
    MentionFactory(article=both, entity=lavrov)
    MentionFactory(article=both, entity=rubio)
    only_lavrov = ArticleFactory()
    MentionFactory(article=only_lavrov, entity=lavrov)

    def found(value):
        return {row["id"] for row in api_client.get("/api/v1/articles/", {"entity": value}).json()["results"]}

    assert found(str(lavrov.id)) == {both.id, only_lavrov.id}
    assert found("Lavrov") == {both.id, only_lavrov.id}
    assert found("sergei lavrov") == {both.id, only_lavrov.id}
    assert found(f"Lavrov,{rubio.id}") == {both.id}


def test_filters_on_every_list_combine_with_and(api_client):
    """Quotes filtered by speaker name and source and article date; events by entity name and story."""
    lavrov = EntityFactory(name="Sergei Lavrov")
    old = ArticleFactory(published_at=dt.date(2020, 1, 1))
    new = ArticleFactory(published_at=dt.date(2025, 5, 28))
    old_quote = QuoteFactory(article=old, speaker=lavrov)
    new_quote = QuoteFactory(article=new, speaker=lavrov)
    QuoteFactory(article=new)  # another speaker
    rows = api_client.get(
        "/api/v1/quotes/",
        {"speaker": "sergei lavrov", "published_after": "2025-01-01", "source": new.source_id},
    ).json()["results"]
    assert [row["id"] for row in rows] == [new_quote.id]
    assert old_quote.id not in [row["id"] for row in rows]
    event = EventFactory(participants=[lavrov])
    EventReportFactory(event=event, article=new)
    EventFactory()
    rows = api_client.get("/api/v1/events/", {"entity": "Sergei Lavrov", "story": new.story_id}).json()[
        "results"
    ]
    assert [row["id"] for row in rows] == [event.id]
    rows = api_client.get("/api/v1/entities/", {"story": new.story_id, "type": "person"}).json()["results"]
    assert lavrov.id not in [row["id"] for row in rows]  # Lavrov is quoted but not mentioned there


def test_create_editor_command_makes_a_staff_user_who_can_change_but_not_manage_users(capsys):
    """Editors log into the admin and may change entities but not users; viewers may only view."""
    from django.contrib.auth import get_user_model

    call_command("create_editor", "ed")
    call_command("create_editor", "vi", "--viewer")
    assert "password" in capsys.readouterr().out
    ed = get_user_model().objects.get(username="ed")
    vi = get_user_model().objects.get(username="vi")
    assert ed.is_staff and not ed.is_superuser
    assert ed.has_perm("entities.change_entity") and not ed.has_perm("auth.change_user")
    assert vi.has_perm("entities.view_entity") and not vi.has_perm("entities.change_entity")


def test_anonymous_clients_are_throttled_with_a_429_in_the_error_shape(
    api_client, monkeypatch, throttle_cache
):
    """Past the configured rate (NEWSAPI_THROTTLE_ANON) a client gets 429s until the window passes."""
    from newsapi.api.throttling import ClientRateThrottle

    monkeypatch.setattr(ClientRateThrottle, "THROTTLE_RATES", {"anon": "2/min", "user": "100/min"})
    monkeypatch.setattr(ClientRateThrottle, "timer", lambda self: 60.0 * 16_000_000 + 30)  # mid-minute
    assert api_client.get("/api/v1/stories/").status_code == 200
    assert api_client.get("/api/v1/stories/").status_code == 200
    response = api_client.get("/api/v1/stories/")
    assert response.status_code == 429
    assert response.json()["status"] == 429
    assert "Retry-After" in response


def test_a_throttle_window_ends_and_signed_in_clients_count_by_user(
    api_client, editor_client, monkeypatch, throttle_cache
):
    """Counts are kept per fixed window: Retry-After is the window's end and the next window starts at
    zero; a signed-in client is counted by user at its own rate, apart from anonymous clients at the
    same address. The cache holds one number per client and window, whatever the rate."""
    from newsapi.api.throttling import ClientRateThrottle

    now = [60.0 * 16_000_000 + 20]  # 20 s into a minute
    monkeypatch.setattr(ClientRateThrottle, "THROTTLE_RATES", {"anon": "2/min", "user": "3/min"})
    monkeypatch.setattr(ClientRateThrottle, "timer", lambda self: now[0])
    assert [api_client.get("/api/v1/stories/").status_code for _ in range(2)] == [200, 200]
    refused = api_client.get("/api/v1/stories/")
    assert refused.status_code == 429
    assert refused["Retry-After"] == "40"
    assert [editor_client.get("/api/v1/stories/").status_code for _ in range(4)] == [200, 200, 200, 429]
    assert throttle_cache.get(f"throttle_anon_127.0.0.1_{int(now[0] // 60)}") == 3
    now[0] += 40  # the next minute
    assert api_client.get("/api/v1/stories/").status_code == 200
    assert editor_client.get("/api/v1/stories/").status_code == 200


def test_merge_and_split_through_the_api(editor_client, api_client):
    """POST merge folds duplicates into the survivor; POST split-alias undoes a false merge."""
    survivor = EntityFactory(name="Volodymyr Zelensky")
    duplicate = EntityFactory(name="Zelenskyy")
    MentionFactory(entity=duplicate)
    quote = QuoteFactory(speaker=duplicate)
    response = editor_client.post(
        f"/api/v1/entities/{survivor.id}/merge/", {"merged": [duplicate.id]}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["aliases"] == ["Zelenskyy"]
    assert response.json()["mention_count"] == 1
    assert api_client.get(f"/api/v1/quotes/{quote.id}/").json()["speaker"]["id"] == survivor.id
    response = editor_client.post(
        f"/api/v1/entities/{survivor.id}/split-alias/", {"alias": "Zelenskyy"}, format="json"
    )
    assert response.status_code == 201, response.content
    assert response.json()["name"] == "Zelenskyy" and response.json()["mention_count"] == 1
    missing = editor_client.post(
        f"/api/v1/entities/{survivor.id}/split-alias/", {"alias": "Nobody"}, format="json"
    )
    assert missing.status_code == 400
    assert error_fields(missing) == ["alias"]


def test_merge_needs_a_token_and_other_entities(api_client, editor_client):
    """Anonymous merges are refused; merging an entity into itself is a 400 naming the field."""
    entity = EntityFactory()
    assert (
        api_client.post(
            f"/api/v1/entities/{entity.id}/merge/", {"merged": [entity.id]}, format="json"
        ).status_code
        == 401
    )
    response = editor_client.post(
        f"/api/v1/entities/{entity.id}/merge/", {"merged": [entity.id]}, format="json"
    )
    assert response.status_code == 400
    assert error_fields(response) == ["merged"]


def test_verify_date_through_the_api(editor_client):
    """POST verify-date marks the date verified and edited."""
    article = ArticleFactory()
    response = editor_client.post(f"/api/v1/articles/{article.id}/verify-date/")
    assert response.status_code == 200
    assert response.json()["published_at_verified"] is True


@pytest.fixture
def namesakes():
    """A person and an organisation named after him, each mentioned in an article of its own."""
    person = EntityFactory(name="Sergei Lavrov", type="person")
    foundation = EntityFactory(name="Lavrov Foundation", type="organization")
    EntityAliasFactory(entity=foundation, name="Lavrov Fund")
    MentionFactory(entity=person)
    mention = MentionFactory(entity=foundation)
    return {"person": person, "foundation": foundation, "article": mention.article}


def test_merging_entities_of_different_types_without_a_type_is_a_400_naming_type(editor_client, namesakes):
    """A person folded into an organisation by a slip was merged unseen, his mentions retyped."""
    person, foundation = namesakes["person"], namesakes["foundation"]
    response = editor_client.post(
        f"/api/v1/entities/{person.id}/merge/", {"merged": [foundation.id]}, format="json"
    )
    assert response.status_code == 400, response.content
    assert response.json()["errors"] == [
        {
            "field": "type",
            "code": "invalid",
            "message": (
                "These entities have different types (Sergei Lavrov: person; Lavrov Foundation: "
                "organization): choose the merged entity's type."
            ),
        }
    ]
    assert Entity.objects.filter(pk=foundation.pk).exists()
    assert Entity.objects.get(pk=person.pk).type == "person"


def test_merging_entities_of_different_types_with_a_type_gives_the_result_that_type(
    editor_client, api_client, namesakes
):
    """The editor names the type: the survivor takes it, its aliases (moved ones too) are keyed by it, and
    the articles' entity types follow."""
    person, foundation = namesakes["person"], namesakes["foundation"]
    response = editor_client.post(
        f"/api/v1/entities/{person.id}/merge/",
        {"merged": [foundation.id], "type": "organization"},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert (response.json()["type"], response.json()["mention_count"]) == ("organization", 2)
    assert sorted(response.json()["aliases"]) == ["Lavrov Foundation", "Lavrov Fund"]
    assert {alias.name_key for alias in EntityAlias.objects.filter(entity=person)} == {
        name_key("Lavrov Foundation", "organization"),
        name_key("Lavrov Fund", "organization"),
    }
    listed = api_client.get("/api/v1/articles/", {"entity_type": "organization"}).json()["results"]
    assert namesakes["article"].id in {article["id"] for article in listed}
    assert api_client.get("/api/v1/articles/", {"entity_type": "person"}).json()["results"] == []


def test_a_merge_type_that_is_no_entity_type_is_a_400_naming_it(editor_client, namesakes):
    """Only the documented types."""
    response = editor_client.post(
        f"/api/v1/entities/{namesakes['person'].id}/merge/",
        {"merged": [namesakes["foundation"].id], "type": "company"},
        format="json",
    )
    assert response.status_code == 400
    assert error_fields(response) == ["type"]
    assert Entity.objects.filter(pk=namesakes["foundation"].pk).exists()


def test_a_merge_with_a_type_is_refused_to_anonymous_clients_and_viewers(api_client, namesakes):
    """Naming the type opens no door: anonymous is 401, a viewer 403, and nothing is merged or retyped."""
    from django.contrib.auth import get_user_model

    person, foundation = namesakes["person"], namesakes["foundation"]
    url, body = f"/api/v1/entities/{person.id}/merge/", {"merged": [foundation.id], "type": "organization"}
    assert api_client.post(url, body, format="json").status_code == 401
    api_client.force_authenticate(get_user_model().objects.create_user(username="viewer"))
    assert api_client.post(url, body, format="json").status_code == 403
    assert Entity.objects.get(pk=person.pk).type == "person"
    assert Entity.objects.filter(pk=foundation.pk).exists()


def test_the_timeline_counts_what_it_leaves_out_as_undated(api_client):
    """Undated articles have no day on the timeline: their mentions are counted beside the days (a client
    adding up the days took them for all of the entity's mentions)."""
    lavrov = EntityFactory(name="Sergei Lavrov")
    dated = ArticleFactory(published_at=dt.date(2025, 5, 28))
    MentionFactory(article=dated, entity=lavrov)
    first, second = ArticleFactory(published_at=None), ArticleFactory(published_at=None)
    MentionFactory(article=first, entity=lavrov)
    MentionFactory(article=first, entity=lavrov, start=10, end=16)
    MentionFactory(article=second, entity=lavrov)
    MentionFactory(article=ArticleFactory(published_at=None))  # another entity's
    body = api_client.get(f"/api/v1/entities/{lavrov.id}/timeline/").json()
    assert body == {
        "next": None,
        "previous": None,
        "next_cursor": None,
        "previous_cursor": None,
        "results": [{"date": "2025-05-28", "mention_count": 1, "article_count": 1}],
        "undated": {"mention_count": 3, "article_count": 2},
    }


@pytest.mark.parametrize("days", [1, 12])
def test_the_timeline_uses_a_fixed_number_of_queries(api_client, django_assert_max_num_queries, days):
    """The entity, the page of days and the undated count, however many days."""
    lavrov = EntityFactory(name="Sergei Lavrov")
    for day in range(1, days + 1):
        MentionFactory(article=ArticleFactory(published_at=dt.date(2025, 5, day)), entity=lavrov)
    MentionFactory(article=ArticleFactory(published_at=None), entity=lavrov)
    with django_assert_max_num_queries(3):
        body = api_client.get(f"/api/v1/entities/{lavrov.id}/timeline/").json()
    assert (len(body["results"]), body["undated"]) == (days, {"mention_count": 1, "article_count": 1})


def test_the_schema_documents_the_timelines_undated_count(api_client):
    """The timeline's page says it carries ``undated``, with both counts."""
    import yaml

    schema = yaml.safe_load(api_client.get("/api/schema/").content)
    response = schema["paths"]["/api/v1/entities/{id}/timeline/"]["get"]["responses"]["200"]
    page = response["content"]["application/json"]["schema"]
    if "$ref" in page:
        page = schema["components"]["schemas"][page["$ref"].rsplit("/", 1)[-1]]
    assert "undated" in page["required"]
    undated = page["properties"]["undated"]
    assert undated["required"] == ["mention_count", "article_count"]
    assert (
        undated["properties"]["mention_count"]["description"] == "Mentions of the entity in undated articles."
    )


@pytest.mark.parametrize(
    ("resource", "factory", "field", "written", "stored"),
    [
        ("events", EventFactory, "type", "Diplomacy", "diplomacy"),
        ("events", EventFactory, "date_precision", "MONTH", "month"),
        ("quotes", QuoteFactory, "kind", "Indirect", "indirect"),
        ("entities", EntityFactory, "type", "Organization", "organization"),
    ],
)
def test_a_correction_takes_a_choice_in_any_case_as_the_filters_do(
    editor_client, resource, factory, field, written, stored
):
    """ "type": "Diplomacy" in a PATCH body was a 400 while ?type=Diplomacy filtered: one rule for both."""
    row = factory()
    response = editor_client.patch(f"/api/v1/{resource}/{row.id}/", {field: written}, format="json")
    assert response.status_code == 200, response.json()
    row.refresh_from_db()
    assert getattr(row, field) == stored


def test_a_correction_with_no_such_choice_is_a_400_naming_the_field(editor_client):
    event = EventFactory(type="other")
    response = editor_client.patch(f"/api/v1/events/{event.id}/", {"type": "Diplomatic"}, format="json")
    assert response.status_code == 400
    assert error_fields(response) == ["type"]
    event.refresh_from_db()
    assert event.type == "other"


def test_a_choice_in_any_case_is_still_refused_to_a_viewer(api_client, db):
    from django.contrib.auth import get_user_model

    event = EventFactory(type="other")
    assert (
        api_client.patch(f"/api/v1/events/{event.id}/", {"type": "Diplomacy"}, format="json").status_code
        == 401
    )
    api_client.force_authenticate(get_user_model().objects.create_user(username="viewer"))
    assert (
        api_client.patch(f"/api/v1/events/{event.id}/", {"type": "Diplomacy"}, format="json").status_code
        == 403
    )
    event.refresh_from_db()
    assert event.type == "other"
