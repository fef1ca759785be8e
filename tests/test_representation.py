"""The serializers' planned representation and the orjson renderer print what DRF's own would."""

import datetime as dt

import pytest
from rest_framework import serializers
from rest_framework.renderers import JSONRenderer
from rest_framework.test import APIRequestFactory

from articles import selectors
from articles.api.serializers import (
    ArticleDetailSerializer,
    ArticleListSerializer,
    EventSerializer,
    QuoteSerializer,
    SourceListSerializer,
    StorySerializer,
)
from articles.models import Article, Event, Story
from entities.api.serializers import EntitySerializer
from entities.models import Entity
from entities.selectors import entity_list
from jobs.api.serializers import JobSerializer
from jobs.models import Job
from newsapi.api.representation import ORJSONRenderer
from newsapi.db import prefetch_rows, related_rows
from tests.factories import (
    ArticleFactory,
    EntityAliasFactory,
    EntityFactory,
    EventFactory,
    EventReportFactory,
    QuoteFactory,
    QuoteGroupFactory,
    SourceFactory,
    StoryFactory,
)


def drf_representation(serializer, instance):
    """What DRF's ``Serializer.to_representation`` prints, nested serializers included."""
    from newsapi.api.representation import CompiledRepresentationMixin

    original = CompiledRepresentationMixin.to_representation
    CompiledRepresentationMixin.to_representation = serializers.Serializer.to_representation
    try:
        return serializer.to_representation(instance)
    finally:
        CompiledRepresentationMixin.to_representation = original


def both(serializer_class, instances, **kwargs):
    planned = serializer_class(instances, many=True, **kwargs).data
    drf = drf_representation(serializer_class(instances, many=True, **kwargs), instances)
    return planned, drf


@pytest.fixture
def world(db):
    """Rows with the awkward cases: null links, empty collections, a group, unusual characters."""
    lavrov = EntityFactory(name="Sergei Lavrov", role="Foreign Minister")
    EntityAliasFactory(entity=lavrov, name="Lavrov")
    EntityAliasFactory(entity=lavrov, name="S. Lavrov")
    group = QuoteGroupFactory()
    first = ArticleFactory(title="Talks \u2028 in Istanbul \u00e9", source=SourceFactory(name="Reuters"))
    undated = ArticleFactory(source=None, story=None, published_at=None, url="")
    QuoteFactory(article=first, speaker=lavrov, group=group)
    QuoteFactory(article=undated, speaker=lavrov, group=group)
    QuoteFactory(article=undated, speaker=None, group=None, text="It is time")
    event = EventFactory(participants=[lavrov, EntityFactory()])
    EventReportFactory(event=event, article=first, evidence={"date": [1, 4]}, is_main=True)
    EventReportFactory(event=event, article=undated)
    EventFactory(location=None, date=None, date_precision="")
    StoryFactory(title="No articles yet")
    SourceFactory(name="No articles either")
    return {"first": first, "undated": undated, "event": event}


def test_every_list_prints_what_drf_prints(world):
    """Each list's serializer over its selector's rows: the planned output equals DRF's."""
    cases = [
        (ArticleListSerializer, selectors.article_list()),
        (QuoteSerializer, selectors.quote_list()),
        (EventSerializer, selectors.event_list()),
        (StorySerializer, selectors.story_list()),
        (EntitySerializer, entity_list()),
        (SourceListSerializer, selectors.source_list()),
        (ArticleDetailSerializer, selectors.article_detail()),
    ]
    for serializer_class, queryset in cases:
        rows = list(queryset.order_by("pk"))
        planned, drf = both(serializer_class, rows)
        assert planned == drf, serializer_class.__name__
        assert len(planned) >= 2


def test_collections_read_the_prefetched_list_and_a_plain_prefetch_alike(world):
    """``prefetch_rows`` and a plain prefetch give the same output; without either, the manager's."""
    listed = list(Event.objects.prefetch_related(prefetch_rows("participants"), prefetch_rows("reports")))
    plain = list(Event.objects.prefetch_related("participants", "reports"))
    bare = list(Event.objects.all())
    outputs = [EventSerializer(rows, many=True).data for rows in (listed, plain, bare)]
    assert outputs[0] == outputs[1] == outputs[2]
    event = next(row for row in listed if row.pk == world["event"].pk)
    assert [entity.name for entity in related_rows(event, "participants")] == [
        entity.name for entity in world["event"].participants.all()
    ]


def test_a_null_in_the_middle_of_a_source_takes_drfs_default(world):
    """``source="article.source.name"`` on an article with no outlet: DRF's default (null)."""
    quote = selectors.quote_list().filter(article=world["first"]).get()
    other = quote.group.quotes.exclude(pk=quote.pk).get()
    assert other.article.source is None
    planned = QuoteSerializer(quote).data["reported_by"]
    assert planned == [{"id": other.pk, "article": world["undated"].pk, "source": None, "text": other.text}]


def test_values_of_another_type_go_through_the_fields_own_conversion(world):
    """A date assigned as text, a number as a string (rows not read back from the database)."""
    article = Article.objects.get(pk=world["first"].pk)
    article.published_at = "2025-05-28"
    article.published_at_confidence = "0.5"
    article.title = 12
    planned = ArticleListSerializer(article).data
    assert planned == drf_representation(ArticleListSerializer(article), article)
    assert (planned["published_at"], planned["published_at_confidence"], planned["title"]) == (
        "2025-05-28",
        0.5,
        "12",
    )


def test_an_unsaved_row_has_no_collections_and_no_annotations(db):
    """As DRF: a row with no primary key prints no related rows, and fields it lacks are left out."""
    entity = Entity(name="New", slug="new", type="person")
    printed = EntitySerializer(entity).data
    assert printed == drf_representation(EntitySerializer(entity), entity)
    assert printed["aliases"] == []
    story = Story(title="new")
    printed = StorySerializer(story).data
    assert printed == drf_representation(StorySerializer(story), story)
    assert "articles" not in printed and "article_count" not in printed


def test_a_storys_article_ids_come_in_the_order_of_its_articles(db):
    """``JSONList`` keeps the subquery's order (the articles' default one, undated ones included)."""
    story = StoryFactory()
    days = [dt.date(2025, 5, 28), None, dt.date(2025, 6, 2), dt.date(2025, 5, 28), None]
    for day in days:
        ArticleFactory(story=story, published_at=day)
    listed = selectors.story_list().get(pk=story.pk)
    assert listed.article_ids == [article.pk for article in story.articles.all()]
    assert StorySerializer(listed).data["articles"] == listed.article_ids
    assert selectors.story_list().get(pk=StoryFactory().pk).article_ids == []


def test_fields_and_expand_choose_their_own_plan(world):
    """``?fields=`` and ``?expand=`` change the printed fields of that request only."""
    request = APIRequestFactory().get("/", {"fields": "id,title,story", "expand": "story"})
    from rest_framework.request import Request

    context = {"request": Request(request)}
    rows = list(selectors.article_list().select_related("story").order_by("pk"))
    picked = ArticleListSerializer(rows, many=True, context=context).data
    assert picked[0] == {
        "id": world["first"].pk,
        "title": world["first"].title,
        "story": {"id": world["first"].story_id, "title": world["first"].story.title},
    }
    assert set(ArticleListSerializer(rows, many=True).data[0]) > {"id", "title", "story", "url"}


def test_method_fields_read_the_request_of_their_own_serializer(db, settings):
    """The job's links (``SerializerMethodField``s that build absolute URLs) follow each request."""
    settings.ALLOWED_HOSTS = ["one.example", "two.example"]
    job = Job.objects.create(raw_text="text", content_hash="x" * 64)
    urls = []
    for host in ("one.example", "two.example"):
        request = APIRequestFactory().get("/", HTTP_HOST=host)
        urls.append(JobSerializer(job, context={"request": request}).data["url"])
    assert urls[0].startswith("http://one.example/") and urls[1].startswith("http://two.example/")


@pytest.mark.parametrize(
    "data",
    [
        {"text": "line\u2028separator and paragraph\u2029separator", "n": 1, "x": 0.25, "none": None},
        {"when": dt.datetime(2025, 5, 28, 12, 30, 15, 123456, tzinfo=dt.UTC), "day": dt.date(2025, 5, 28)},
        {"nested": [{"a": [1, 2, {"b": "\u00e9\u4e2d"}]}], 7: "int key", "big": 2**70},
        [1, "two", True, False],
    ],
)
def test_orjson_renderer_writes_drfs_bytes(data):
    """Compact UTF-8, U+2028/U+2029 escaped, datetimes as DRF writes them, big ints and int keys."""
    assert ORJSONRenderer().render(data) == JSONRenderer().render(data)


def test_orjson_renderer_indents_as_drf_when_asked():
    data = {"a": [1, {"b": None}]}
    media_type = "application/json; indent=2"
    assert ORJSONRenderer().render(data, media_type) == JSONRenderer().render(data, media_type)
    assert ORJSONRenderer().render(None) == b""
