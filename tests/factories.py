"""factory-boy factories for every model."""

import hashlib

import factory
from factory.django import DjangoModelFactory

from articles.models import Article, Event, EventReport, Mention, Quote, QuoteGroup, Source, Story
from entities.models import Entity, EntityAlias
from newsapi.extraction import types
from newsapi.extraction.names import name_key


class SourceFactory(DjangoModelFactory):
    class Meta:
        model = Source
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Outlet {n}")
    domain = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "") + ".example")


class StoryFactory(DjangoModelFactory):
    class Meta:
        model = Story

    title = factory.Sequence(lambda n: f"Story {n}")


class ArticleFactory(DjangoModelFactory):
    class Meta:
        model = Article
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Headline number {n}")
    body = factory.LazyAttribute(lambda o: f"{o.title}. The body of the article says something newsworthy.")
    raw_text = factory.LazyAttribute(lambda o: f"{o.title}\n\n{o.body}")
    content_hash = factory.LazyAttribute(lambda o: hashlib.sha256(o.raw_text.encode()).hexdigest())
    source = factory.SubFactory(SourceFactory)
    published_at = factory.Faker("date_between", start_date="-2y", end_date="today")
    published_at_confidence = 0.9
    language = "en"
    story = factory.SubFactory(StoryFactory)

    @factory.post_generation
    def search_index(self, create, extracted, **kwargs):
        # As the ingest service does: PostgreSQL searches the indexed vector, not the text.
        if create:
            from articles.services import article_index_for_search

            article_index_for_search(article=self)

    @factory.post_generation
    def source_count(self, create, extracted, **kwargs):
        # As the services do: the outlet's maintained article count includes the new article.
        if create and self.source_id:
            from articles.services import source_recount

            source_recount()


class EntityFactory(DjangoModelFactory):
    class Meta:
        model = Entity

    name = factory.Sequence(lambda n: f"Person Number{n}")
    name_key = factory.LazyAttribute(lambda o: name_key(o.name, o.type))
    type = types.PERSON
    slug = factory.Sequence(lambda n: f"entity-{n}")


class EntityAliasFactory(DjangoModelFactory):
    class Meta:
        model = EntityAlias

    entity = factory.SubFactory(EntityFactory)
    name = factory.Sequence(lambda n: f"Alias{n}")
    name_key = factory.LazyAttribute(lambda o: name_key(o.name, o.entity.type))


class MentionFactory(DjangoModelFactory):
    class Meta:
        model = Mention
        skip_postgeneration_save = True

    article = factory.SubFactory(ArticleFactory)
    entity = factory.SubFactory(EntityFactory)
    start = 0
    end = factory.LazyAttribute(lambda o: len(o.entity.name))
    text = factory.LazyAttribute(lambda o: o.entity.name)

    @factory.post_generation
    def entity_counts(self, create, extracted, **kwargs):
        # As the services do: the entity's maintained counts and the article's entity types include the
        # new mention.
        if create:
            from articles.services import article_entity_types_refresh, entity_recount

            entity_recount(entity_ids=[self.entity_id])
            article_entity_types_refresh(article_ids=[self.article_id])


class QuoteGroupFactory(DjangoModelFactory):
    class Meta:
        model = QuoteGroup


class QuoteFactory(DjangoModelFactory):
    class Meta:
        model = Quote

    article = factory.SubFactory(ArticleFactory)
    speaker = factory.SubFactory(EntityFactory)
    speaker_text = factory.LazyAttribute(lambda o: o.speaker.name if o.speaker else "an official")
    text = factory.Sequence(lambda n: f"We will talk about topic {n}")
    kind = types.DIRECT
    start = factory.Sequence(lambda n: n * 100)
    end = factory.LazyAttribute(lambda o: o.start + len(o.text))
    cue = "said"


class EventFactory(DjangoModelFactory):
    class Meta:
        model = Event
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Talks round {n}")
    type = "diplomacy"
    kind = "talks"
    date = factory.Faker("date_between", start_date="-2y", end_date="today")
    date_precision = types.DAY
    location = factory.SubFactory(EntityFactory, type=types.LOCATION)

    @factory.post_generation
    def participants(self, create, extracted, **kwargs):
        if create and extracted:
            self.participants.add(*extracted)


class EventReportFactory(DjangoModelFactory):
    class Meta:
        model = EventReport

    event = factory.SubFactory(EventFactory)
    article = factory.SubFactory(ArticleFactory)
    # The article's source and the event's date, as the services copy them.
    source = factory.LazyAttribute(lambda o: o.article.source)
    event_date = factory.LazyAttribute(lambda o: o.event.date)
    start = 0
    end = 10
    text = factory.LazyAttribute(lambda o: o.article.body[o.start : o.end])
