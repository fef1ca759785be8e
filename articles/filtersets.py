"""Filters for the article, quote, event and story lists."""

import django_filters
from django.db.models import QuerySet

from articles.choices import QuoteKind
from articles.models import Article, Event, Quote, Story
from articles.selectors import article_search
from newsapi.api.filters import IdFilter


class ArticleFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Text in title or body (case-insensitive)")
    source = IdFilter(field_name="source_id", label="Source id")
    published_after = django_filters.DateFilter(
        field_name="published_at", lookup_expr="gte", label="Published on or after (YYYY-MM-DD)"
    )
    published_before = django_filters.DateFilter(
        field_name="published_at", lookup_expr="lte", label="Published on or before (YYYY-MM-DD)"
    )
    entity = IdFilter(field_name="mentions__entity", label="Mentions the entity with this id", distinct=True)
    story = IdFilter(field_name="story_id", label="Story id")
    language = django_filters.CharFilter(field_name="language", lookup_expr="iexact", label="ISO 639-1 code")

    class Meta:
        model = Article
        fields = ["q", "source", "published_after", "published_before", "entity", "story", "language"]

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return article_search(queryset, value)


class QuoteFilterSet(django_filters.FilterSet):
    speaker = IdFilter(field_name="speaker_id", label="Speaker entity id")
    article = IdFilter(field_name="article_id", label="Article id")
    kind = django_filters.ChoiceFilter(
        field_name="kind", choices=QuoteKind.choices, label="Direct or indirect"
    )
    group = IdFilter(field_name="group_id", label="Quote group id")
    q = django_filters.CharFilter(method="search", label="Text in the quote (case-insensitive)")

    class Meta:
        model = Quote
        fields = ["speaker", "article", "kind", "group", "q"]

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(text__icontains=value)


class EventFilterSet(django_filters.FilterSet):
    date_after = django_filters.DateFilter(
        field_name="date", lookup_expr="gte", label="On or after (YYYY-MM-DD)"
    )
    date_before = django_filters.DateFilter(
        field_name="date", lookup_expr="lte", label="On or before (YYYY-MM-DD)"
    )
    participant = IdFilter(field_name="participants", label="Participant entity id", distinct=True)
    location = IdFilter(field_name="location_id", label="Location entity id")
    type = django_filters.CharFilter(
        field_name="type", lookup_expr="iexact", label="Event type, e.g. 'talks'"
    )
    article = IdFilter(field_name="articles", label="Reported by the article with this id", distinct=True)

    class Meta:
        model = Event
        fields = ["date_after", "date_before", "participant", "location", "type", "article"]


class StoryFilterSet(django_filters.FilterSet):
    article = IdFilter(field_name="articles", label="Contains the article with this id", distinct=True)
    q = django_filters.CharFilter(field_name="title", lookup_expr="icontains", label="Text in the title")

    class Meta:
        model = Story
        fields = ["article", "q"]
