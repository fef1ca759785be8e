"""The read API: every endpoint, every filter with a match and a miss, and fixed query counts."""

import datetime as dt

import pytest

from articles.api.serializers import EventReportSerializer, EventUpdateSerializer
from articles.services import event_report_update
from tests.factories import (
    ArticleFactory,
    EntityAliasFactory,
    EntityFactory,
    EventFactory,
    EventReportFactory,
    MentionFactory,
    QuoteFactory,
    QuoteGroupFactory,
    SourceFactory,
    StoryFactory,
)

pytestmark = pytest.mark.django_db


def ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


# ---------------------------------------------------------------- articles


def test_article_list_shows_source_and_story_without_body(api_client):
    """An article in a list carries its source and story but not its body."""
    article = ArticleFactory(title="Talks in Istanbul", published_at=dt.date(2025, 5, 28))
    row = api_client.get("/api/v1/articles/").json()["results"][0]
    assert row["id"] == article.id
    assert row["title"] == "Talks in Istanbul"
    assert row["source"] == {
        "id": article.source.id,
        "name": article.source.name,
        "domain": article.source.domain,
    }
    assert row["published_at"] == "2025-05-28"
    assert row["story"] == article.story_id
    assert "body" not in row


def test_article_detail_has_body_mentions_quotes_and_events(api_client):
    """The detail view adds the body and everything extracted from it, with spans."""
    article = ArticleFactory(body="Lavrov said talks resume.")
    mention = MentionFactory(article=article, entity__name="Sergei Lavrov", start=0, end=6, text="Lavrov")
    quote = QuoteFactory(article=article, speaker=mention.entity, text="talks resume", start=12, end=24)
    report = EventReportFactory(article=article, start=0, end=25)
    data = api_client.get(f"/api/v1/articles/{article.id}/").json()
    assert data["body"] == "Lavrov said talks resume."
    assert data["mentions"] == [
        {
            "id": mention.id,
            "entity": {"id": mention.entity.id, "name": "Sergei Lavrov", "type": "person"},
            "start": 0,
            "end": 6,
            "text": "Lavrov",
        }
    ]
    assert [q["id"] for q in data["quotes"]] == [quote.id]
    assert data["quotes"][0]["speaker"] == {
        "id": mention.entity.id,
        "name": "Sergei Lavrov",
        "type": "person",
    }
    assert [e["id"] for e in data["events"]] == [report.event.id]


@pytest.mark.parametrize(
    ("params", "matches"),
    [
        ({"q": "istanbul"}, True),
        ({"q": "zanzibar"}, False),
        ({"published_after": "2025-05-01"}, True),
        ({"published_after": "2025-06-01"}, False),
        ({"published_before": "2025-05-31"}, True),
        ({"published_before": "2025-05-01"}, False),
        ({"language": "en"}, True),
        ({"language": "de"}, False),
    ],
)
def test_article_filters_match_and_miss(api_client, params, matches):
    """Each article filter keeps the matching article and drops it when it does not match."""
    article = ArticleFactory(title="Talks in Istanbul", published_at=dt.date(2025, 5, 28), language="en")
    ArticleFactory(title="Other news", body="Nothing here.", published_at=dt.date(2020, 1, 1), language="fr")
    found = ids(api_client.get("/api/v1/articles/", params))
    assert (article.id in found) is matches


def test_article_filters_by_source_entity_and_story(api_client):
    """source, entity and story filters select by id."""
    article = ArticleFactory()
    other = ArticleFactory()
    mention = MentionFactory(article=article)
    assert ids(api_client.get("/api/v1/articles/", {"source": article.source_id})) == {article.id}
    assert ids(api_client.get("/api/v1/articles/", {"entity": mention.entity_id})) == {article.id}
    assert ids(api_client.get("/api/v1/articles/", {"story": other.story_id})) == {other.id}
    assert ids(api_client.get("/api/v1/articles/", {"source": SourceFactory().id})) == set()


def test_article_filter_rejects_a_malformed_date_naming_the_parameter(api_client):
    """A bad date is a 400 that names the parameter, not a 500."""
    response = api_client.get("/api/v1/articles/", {"published_after": "28th of May"})
    assert response.status_code == 400
    body = response.json()
    assert body["status"] == 400
    assert [error["field"] for error in body["errors"]] == ["published_after"]
    assert "date" in body["errors"][0]["message"].lower()


# ---------------------------------------------------------------- entities


def test_entity_list_shows_aliases_and_counts(api_client):
    """An entity carries its aliases and how many mentions and articles it has."""
    entity = EntityFactory(name="Volodymyr Zelensky", role="President of Ukraine")
    EntityAliasFactory(entity=entity, name="Zelenskyy")
    MentionFactory(entity=entity)
    MentionFactory(entity=entity)
    row = api_client.get(f"/api/v1/entities/{entity.id}/").json()
    assert row["name"] == "Volodymyr Zelensky"
    assert row["aliases"] == ["Zelenskyy"]
    assert row["role"] == "President of Ukraine"
    assert row["mention_count"] == 2
    assert row["article_count"] == 2


def test_entity_filters_match_and_miss(api_client):
    """type, q (name or alias) and article filters each match one entity and miss another."""
    person = EntityFactory(name="Volodymyr Zelensky", type="person")
    EntityAliasFactory(entity=person, name="Zelenskyy")
    place = EntityFactory(name="Istanbul", type="location")
    mention = MentionFactory(entity=place)
    assert ids(api_client.get("/api/v1/entities/", {"type": "location"})) == {place.id}
    assert ids(api_client.get("/api/v1/entities/", {"type": "organization"})) == set()
    assert ids(api_client.get("/api/v1/entities/", {"q": "zelenskyy"})) == {person.id}
    assert ids(api_client.get("/api/v1/entities/", {"q": "volodymyr"})) == {person.id}
    assert ids(api_client.get("/api/v1/entities/", {"q": "nobody"})) == set()
    assert ids(api_client.get("/api/v1/entities/", {"article": mention.article_id})) == {place.id}


def test_entity_type_filter_rejects_unknown_type(api_client):
    """An unknown entity type is a 400 naming the parameter."""
    response = api_client.get("/api/v1/entities/", {"type": "planet"})
    assert response.status_code == 400
    assert [error["field"] for error in response.json()["errors"]] == ["type"]


# ---------------------------------------------------------------- quotes


def test_quote_filters_match_and_miss(api_client):
    """speaker, article, kind and q filters each select the right quotes."""
    quote = QuoteFactory(text="We are not opposed to further meetings")
    other = QuoteFactory(text="Really bad things would have happened", kind="indirect")
    assert ids(api_client.get("/api/v1/quotes/", {"speaker": quote.speaker_id})) == {quote.id}
    assert ids(api_client.get("/api/v1/quotes/", {"article": other.article_id})) == {other.id}
    assert ids(api_client.get("/api/v1/quotes/", {"kind": "indirect"})) == {other.id}
    assert ids(api_client.get("/api/v1/quotes/", {"q": "opposed"})) == {quote.id}
    assert ids(api_client.get("/api/v1/quotes/", {"q": "sanctions"})) == set()


def test_quote_shows_the_same_quote_reported_by_other_articles(api_client):
    """A grouped quote lists the other articles' reports of the same words."""
    group = QuoteGroupFactory()
    first = QuoteFactory(group=group, text="We are not opposed to further meetings")
    second = QuoteFactory(group=group, speaker=first.speaker, text="We do not object to more meetings")
    data = api_client.get(f"/api/v1/quotes/{first.id}/").json()
    assert data["reported_by"] == [
        {
            "id": second.id,
            "article": second.article_id,
            "source": second.article.source.name,
            "text": "We do not object to more meetings",
        }
    ]
    assert ids(api_client.get("/api/v1/quotes/", {"group": group.id})) == {first.id, second.id}


def test_quote_without_speaker_entity_has_null_speaker(api_client):
    """An anonymous speaker is null, with the words that describe them kept."""
    quote = QuoteFactory(speaker=None, speaker_text="a senior Ukrainian official")
    data = api_client.get(f"/api/v1/quotes/{quote.id}/").json()
    assert data["speaker"] is None
    assert data["speaker_text"] == "a senior Ukrainian official"


# ---------------------------------------------------------------- events


def test_event_shows_location_participants_and_reporting_articles(api_client):
    """An event carries its place, participants and every article that reports it."""
    lavrov = EntityFactory(name="Sergei Lavrov")
    event = EventFactory(title="Talks in Istanbul", date=dt.date(2025, 6, 2), participants=[lavrov])
    report = EventReportFactory(event=event)
    data = api_client.get(f"/api/v1/events/{event.id}/").json()
    assert data["date"] == "2025-06-02"
    assert data["location"] == {"id": event.location.id, "name": event.location.name, "type": "location"}
    assert data["participants"] == [{"id": lavrov.id, "name": "Sergei Lavrov", "type": "person"}]
    assert data["articles"] == [report.article_id]
    assert data["reports"][0]["article"] == report.article_id


def test_an_event_report_shows_whether_an_editor_corrected_it_read_only(api_client):
    """Each report says whether an editor corrected it, as the other corrected rows do; it is not
    among the event's writable fields."""
    event = EventFactory()
    report = EventReportFactory(event=event, article__body="Talks will be held in Istanbul.", end=30)
    assert api_client.get(f"/api/v1/events/{event.id}/").json()["reports"][0]["is_edited"] is False
    event_report_update(report=report, data={"end": 20})
    reports = api_client.get(f"/api/v1/events/{event.id}/").json()["reports"]
    assert [(row["end"], row["is_edited"]) for row in reports] == [(20, True)]
    assert EventReportSerializer().fields["is_edited"].read_only
    assert "reports" not in EventUpdateSerializer().fields


@pytest.mark.parametrize(
    ("params", "matches"),
    [
        ({"date_after": "2025-06-01"}, True),
        ({"date_after": "2025-06-03"}, False),
        ({"date_before": "2025-06-02"}, True),
        ({"date_before": "2025-06-01"}, False),
        ({"type": "diplomacy"}, True),
        ({"type": "election"}, False),
        ({"kind": "talks"}, True),
        ({"kind": "visit"}, False),
    ],
)
def test_event_date_and_type_filters_match_and_miss(api_client, params, matches):
    """Date range, type and kind filters keep or drop the 2 June talks."""
    event = EventFactory(date=dt.date(2025, 6, 2), type="diplomacy", kind="talks")
    assert (event.id in ids(api_client.get("/api/v1/events/", params))) is matches


def test_event_participant_and_location_filters(api_client):
    """participant and location filters select by entity id."""
    lavrov = EntityFactory()
    event = EventFactory(participants=[lavrov])
    other = EventFactory()
    assert ids(api_client.get("/api/v1/events/", {"participant": lavrov.id})) == {event.id}
    assert ids(api_client.get("/api/v1/events/", {"location": other.location_id})) == {other.id}
    assert ids(api_client.get("/api/v1/events/", {"participant": other.location_id})) == set()


# ---------------------------------------------------------------- stories


def test_story_lists_its_articles(api_client):
    """A story lists the ids of its articles and their count."""
    story = StoryFactory(title="Istanbul talks")
    first = ArticleFactory(story=story, published_at=dt.date(2025, 5, 28))
    second = ArticleFactory(story=story, published_at=dt.date(2025, 5, 29))
    data = api_client.get(f"/api/v1/stories/{story.id}/").json()
    assert sorted(data["articles"]) == sorted([first.id, second.id])
    assert data["article_count"] == 2
    assert data["first_published_at"] == "2025-05-28"
    assert ids(api_client.get("/api/v1/stories/", {"article": first.id})) == {story.id}
    assert ids(api_client.get("/api/v1/stories/", {"article": 10**9})) == set()


# ---------------------------------------------------------------- query counts


def _populate(count: int) -> None:
    for _ in range(count):
        article = ArticleFactory()
        speaker = EntityFactory()
        EntityAliasFactory(entity=speaker)
        MentionFactory(article=article, entity=speaker)
        group = QuoteGroupFactory()
        QuoteFactory(article=article, speaker=speaker, group=group)
        QuoteFactory(speaker=speaker, group=group)
        event = EventFactory(participants=[speaker, EntityFactory()])
        EventReportFactory(event=event, article=article)


@pytest.mark.parametrize("rows", [1, 15])
@pytest.mark.parametrize(
    ("url", "max_queries"),
    [
        ("/api/v1/articles/", 2),
        ("/api/v1/entities/", 3),
        ("/api/v1/quotes/", 3),
        ("/api/v1/events/", 5),
        ("/api/v1/stories/", 3),
    ],
)
def test_list_endpoints_use_a_fixed_number_of_queries(
    api_client, django_assert_max_num_queries, url, max_queries, rows
):
    """A list page costs the same number of queries with 1 row or many."""
    _populate(rows)
    with django_assert_max_num_queries(max_queries):
        response = api_client.get(url, {"page_size": 100})
    assert response.status_code == 200
    assert len(response.json()["results"]) >= rows


def test_a_quote_page_is_printed_from_the_columns_its_query_read(django_assert_num_queries):
    """The lean quote list (selectors.quote_list) reads every column QuoteSerializer prints and the
    speaker's brief: printing the page read costs no query (a column left out is read row by row)."""
    from articles import selectors
    from articles.api.serializers import QuoteSerializer

    _populate(3)
    page = list(selectors.quote_list(lean=True).order_by("-id"))
    with django_assert_num_queries(0):
        rows = QuoteSerializer(page, many=True).data
    assert len(rows) == 6
    assert all(row["speaker"]["name"] and row["cue"] and row["reported_by"] for row in rows)


def test_article_detail_uses_a_fixed_number_of_queries(api_client, django_assert_max_num_queries):
    """The article detail costs the same whatever its number of mentions and quotes."""
    article = ArticleFactory()
    for _ in range(10):
        MentionFactory(article=article)
        QuoteFactory(article=article, group=QuoteGroupFactory())
    with django_assert_max_num_queries(6):
        response = api_client.get(f"/api/v1/articles/{article.id}/")
    assert len(response.json()["mentions"]) == 10


def test_page_size_is_capped(api_client):
    """page_size beyond the cap returns the capped number of rows."""
    EntityFactory.create_batch(205)
    response = api_client.get("/api/v1/entities/", {"page_size": 1000})
    assert len(response.json()["results"]) == 200


@pytest.mark.parametrize("rows", [1, 12])
@pytest.mark.parametrize(
    ("url", "params", "max_queries"),
    [
        ("/api/v1/articles/", {"expand": "story"}, 2),
        ("/api/v1/stories/", {"expand": "articles"}, 4),
        ("/api/v1/quotes/", {"expand": "speaker,article", "fields": "id,speaker,article"}, 4),
        ("/api/v1/events/", {"expand": "location,participants,articles"}, 8),
        # One expanded collection beside a lean one (only the printed columns): no deferred column read per row.
        ("/api/v1/events/", {"expand": "location"}, 5),
        ("/api/v1/events/", {"expand": "participants"}, 5),
        ("/api/v1/entities/", {"fields": "id,name,aliases"}, 3),
    ],
)
def test_lists_with_expansions_use_a_fixed_number_of_queries(
    api_client, django_assert_max_num_queries, url, params, max_queries, rows
):
    """Expansions and sparse fields never add a query per row."""
    _populate(rows)
    with django_assert_max_num_queries(max_queries):
        response = api_client.get(url, {**params, "page_size": 100})
    assert response.status_code == 200
    assert len(response.json()["results"]) >= rows


@pytest.mark.parametrize("rows", [1, 12])
@pytest.mark.parametrize(
    ("resource", "max_queries"),
    [("entities", 3), ("quotes", 3), ("events", 5), ("stories", 3)],
)
def test_detail_endpoints_use_a_fixed_number_of_queries(
    api_client, django_assert_max_num_queries, resource, max_queries, rows
):
    """A detail costs the same however many related rows the object has."""
    _populate(rows)
    story = StoryFactory()
    for _ in range(rows):
        ArticleFactory(story=story)
    objects = {
        "entities": lambda: EntityFactory._meta.model.objects.order_by("-id").first(),
        "quotes": lambda: QuoteFactory._meta.model.objects.exclude(group=None).first(),
        "events": lambda: EventFactory._meta.model.objects.first(),
        "stories": lambda: story,
    }
    target = objects[resource]()
    with django_assert_max_num_queries(max_queries):
        response = api_client.get(f"/api/v1/{resource}/{target.id}/")
    assert response.status_code == 200
