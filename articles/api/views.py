"""API views for articles, quotes, events and stories: thin, the query plans live in selectors."""

from rest_framework import viewsets

from articles import selectors
from articles.api.serializers import (
    ArticleDetailSerializer,
    ArticleListSerializer,
    EventSerializer,
    QuoteSerializer,
    StorySerializer,
)
from articles.filtersets import ArticleFilterSet, EventFilterSet, QuoteFilterSet, StoryFilterSet


class ArticleViewSet(viewsets.ReadOnlyModelViewSet):
    """Articles with their clean body and, in detail, their mentions, quotes and events."""

    filterset_class = ArticleFilterSet

    def get_queryset(self):
        if self.action == "retrieve":
            return selectors.article_detail()
        return selectors.article_list()

    def get_serializer_class(self):
        if self.action == "retrieve":
            return ArticleDetailSerializer
        return ArticleListSerializer


class QuoteViewSet(viewsets.ReadOnlyModelViewSet):
    """Who said what, direct or indirect, with the span in the article it came from."""

    queryset = selectors.quote_list()
    serializer_class = QuoteSerializer
    filterset_class = QuoteFilterSet


class EventViewSet(viewsets.ReadOnlyModelViewSet):
    """What happened or is planned, when, where, who took part, and which articles report it."""

    queryset = selectors.event_list()
    serializer_class = EventSerializer
    filterset_class = EventFilterSet


class StoryViewSet(viewsets.ReadOnlyModelViewSet):
    """Articles that report the same news."""

    queryset = selectors.story_list()
    serializer_class = StorySerializer
    filterset_class = StoryFilterSet
