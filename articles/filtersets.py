"""Filters for the article, quote, event and story lists, and the entity list's filters over mentions."""

import django_filters
from django.db.models import Q, QuerySet

from articles.choices import QuoteKind
from articles.models import Article, Event, Quote, Source, Story
from articles.selectors import article_search
from entities.choices import EntityType
from entities.models import Entity
from newsapi.api.filters import (
    ENTITY_REF_HELP,
    SOURCE_REF_HELP,
    DateRangeFilter,
    EntityRefFilter,
    IdFilter,
    NewsFilterSet,
    RelatedBooleanFilter,
    RelatedChoiceFilter,
    RelatedDateRangeFilter,
    RelatedIdFilter,
    RelatedSourceRefFilter,
    SourceRefFilter,
)


class ArticleFilterSet(NewsFilterSet):
    q = django_filters.CharFilter(method="search", label="Text in title or body (case-insensitive)")
    source = SourceRefFilter(field_name="source_id", label=SOURCE_REF_HELP)
    published = DateRangeFilter(
        field_name="published_at", label="Published on or after / on or before (YYYY-MM-DD)"
    )
    entity = EntityRefFilter(paths=["mentions__entity"], label=f"Mentions these entities. {ENTITY_REF_HELP}")
    entity_type = RelatedChoiceFilter(
        field_name="mentions__entity__type",
        choices=EntityType.choices,
        label="Mentions at least one entity of this type",
    )
    speaker = EntityRefFilter(paths=["quotes__speaker"], label=f"Quotes these speakers. {ENTITY_REF_HELP}")
    story = IdFilter(field_name="story_id", label="Story id")
    language = django_filters.CharFilter(field_name="language", lookup_expr="iexact", label="ISO 639-1 code")
    event = RelatedDateRangeFilter(
        field_name="events__date",
        label="Reports an event on or after / on or before (YYYY-MM-DD)",
    )

    class Meta:
        model = Article
        fields = [
            "q",
            "source",
            "published",
            "entity",
            "entity_type",
            "speaker",
            "story",
            "language",
            "event",
        ]

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return article_search(queryset, value)


class QuoteFilterSet(NewsFilterSet):
    speaker = EntityRefFilter(paths=["speaker"], label=f"Said by this speaker. {ENTITY_REF_HELP}")
    speaker_type = django_filters.ChoiceFilter(
        field_name="speaker__type", choices=EntityType.choices, label="The speaker's entity type"
    )
    entity = EntityRefFilter(
        paths=["article__mentions__entity"],
        label=f"In articles that mention these entities. {ENTITY_REF_HELP}",
    )
    article = IdFilter(field_name="article_id", label="Article id")
    source = SourceRefFilter(
        field_name="article__source_id", label=f"The quote's article's source. {SOURCE_REF_HELP}"
    )
    story = IdFilter(field_name="article__story_id", label="Story id of the quote's article")
    language = django_filters.CharFilter(
        field_name="article__language", lookup_expr="iexact", label="ISO 639-1 code"
    )
    published = DateRangeFilter(
        field_name="article__published_at", label="Article published on or after / on or before (YYYY-MM-DD)"
    )
    kind = django_filters.ChoiceFilter(
        field_name="kind", choices=QuoteKind.choices, label="Direct or indirect"
    )
    group = IdFilter(field_name="group_id", label="Quote group id")
    q = django_filters.CharFilter(method="search", label="Text in the quote (case-insensitive)")

    class Meta:
        model = Quote
        fields = [
            "speaker",
            "speaker_type",
            "entity",
            "article",
            "source",
            "story",
            "language",
            "published",
            "kind",
            "group",
            "q",
        ]

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(text__icontains=value)


class EventFilterSet(NewsFilterSet):
    date = DateRangeFilter(field_name="date", label="On or after / on or before (YYYY-MM-DD)")
    participant = EntityRefFilter(paths=["participants"], label=f"Took part. {ENTITY_REF_HELP}")
    location = EntityRefFilter(paths=["location"], label=f"Took place there. {ENTITY_REF_HELP}")
    entity = EntityRefFilter(
        paths=["participants", "location"], label=f"Took part or was the place. {ENTITY_REF_HELP}"
    )
    story = RelatedIdFilter(field_name="articles__story", label="Reported in the story with this id")
    source = RelatedSourceRefFilter(
        field_name="articles__source", label=f"Reported by this source. {SOURCE_REF_HELP}"
    )
    type = django_filters.CharFilter(
        field_name="type", lookup_expr="iexact", label="Event type, e.g. 'accident', 'diplomacy'"
    )
    kind = django_filters.CharFilter(
        field_name="kind", lookup_expr="iexact", label="Finer kind of event, e.g. 'talks', 'visit'"
    )
    main = RelatedBooleanFilter(field_name="reports__is_main", label="The main event of at least one article")
    article = RelatedIdFilter(field_name="articles", label="Reported by the article with this id")

    class Meta:
        model = Event
        fields = [
            "date",
            "participant",
            "location",
            "entity",
            "type",
            "kind",
            "main",
            "article",
            "story",
            "source",
        ]


class StoryFilterSet(NewsFilterSet):
    article = RelatedIdFilter(field_name="articles", label="Contains the article with this id")
    entity = EntityRefFilter(
        paths=["articles__mentions__entity"], label=f"Its articles mention these entities. {ENTITY_REF_HELP}"
    )
    published = RelatedDateRangeFilter(
        field_name="articles__published_at",
        label="Has an article published on or after / on or before (YYYY-MM-DD)",
    )
    q = django_filters.CharFilter(field_name="title", lookup_expr="icontains", label="Text in the title")

    class Meta:
        model = Story
        fields = ["article", "entity", "published", "q"]


class SourceFilterSet(NewsFilterSet):
    q = django_filters.CharFilter(method="search", label="Name or domain contains (case-insensitive)")

    class Meta:
        model = Source
        fields = ["q"]

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(name__icontains=value) | Q(domain__icontains=value))


class EntityMentionFilterSet(NewsFilterSet):
    """The entity list's filters over mentions, which live here: ``articles.apps`` adds them to
    ``entities.filtersets.EntityFilterSet`` so that entities knows nothing of articles."""

    article = RelatedIdFilter(field_name="mentions__article", label="Mentioned in the article with this id")
    story = RelatedIdFilter(
        field_name="mentions__article__story", label="Mentioned in the story with this id"
    )
    source = RelatedSourceRefFilter(
        field_name="mentions__article__source", label=f"Mentioned by this source. {SOURCE_REF_HELP}"
    )
    published = RelatedDateRangeFilter(
        field_name="mentions__article__published_at",
        label="Mentioned in an article published on or after / on or before (YYYY-MM-DD)",
    )
    related_to = EntityRefFilter(
        paths=["mentions__article__mentions__entity"],
        label=f"Mentioned in the same articles as these entities. {ENTITY_REF_HELP}",
    )

    class Meta:
        model = Entity
        fields = ["article", "story", "source", "published", "related_to"]
