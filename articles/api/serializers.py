"""Serializers for articles, stories, quotes and events."""

from rest_framework import serializers

from articles.models import Article, Event, EventReport, Quote, Source, Story
from entities.api.serializers import EntityBriefSerializer, MentionSerializer


class SourceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Source
        fields = ["id", "name", "domain"]


class ArticleListSerializer(serializers.ModelSerializer):
    """An article as it appears in lists: no body."""

    source = SourceSerializer(read_only=True)

    class Meta:
        model = Article
        fields = [
            "id",
            "title",
            "url",
            "source",
            "published_at",
            "published_at_confidence",
            "language",
            "story",
            "is_edited",
        ]


class QuoteReportSerializer(serializers.ModelSerializer):
    """Another article's report of the same quote."""

    source = serializers.CharField(source="article.source.name", default=None, read_only=True)

    class Meta:
        model = Quote
        fields = ["id", "article", "source", "text"]


class QuoteSerializer(serializers.ModelSerializer):
    """Who said what, with the span of the quoted words in the article body."""

    speaker = EntityBriefSerializer(read_only=True, allow_null=True)
    reported_by = serializers.SerializerMethodField(
        help_text="The same quote as reported by other articles (possibly translated differently)."
    )

    class Meta:
        model = Quote
        fields = [
            "id",
            "text",
            "kind",
            "speaker",
            "speaker_text",
            "cue",
            "article",
            "start",
            "end",
            "group",
            "reported_by",
            "is_edited",
        ]

    def get_reported_by(self, quote: Quote) -> list[dict]:
        # Uses the prefetched group quotes; never a query per row.
        if quote.group_id is None:
            return []
        others = [other for other in quote.group.quotes.all() if other.pk != quote.pk]
        return QuoteReportSerializer(others, many=True).data


class EventReportSerializer(serializers.ModelSerializer):
    class Meta:
        model = EventReport
        fields = ["article", "start", "end", "text"]


class EventSerializer(serializers.ModelSerializer):
    """Something that happened or is planned, with every article that reports it."""

    location = EntityBriefSerializer(read_only=True, allow_null=True)
    participants = EntityBriefSerializer(many=True, read_only=True)
    articles = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    reports = EventReportSerializer(many=True, read_only=True)

    class Meta:
        model = Event
        fields = [
            "id",
            "title",
            "type",
            "date",
            "date_precision",
            "date_text",
            "location",
            "participants",
            "articles",
            "reports",
            "is_edited",
        ]


class EventBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Event
        fields = ["id", "title", "type", "date", "date_precision"]


class ArticleDetailSerializer(ArticleListSerializer):
    """An article with its body and everything extracted from it."""

    mentions = MentionSerializer(many=True, read_only=True)
    quotes = QuoteSerializer(many=True, read_only=True)
    events = EventBriefSerializer(many=True, read_only=True)

    class Meta(ArticleListSerializer.Meta):
        fields = ArticleListSerializer.Meta.fields + [
            "body",
            "published_at_evidence",
            "published_at_conflicts",
            "published_at_verified",
            "mentions",
            "quotes",
            "events",
        ]


class StorySerializer(serializers.ModelSerializer):
    """Articles that report the same news."""

    articles = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    article_count = serializers.IntegerField(read_only=True)
    first_published_at = serializers.DateField(read_only=True, allow_null=True)

    class Meta:
        model = Story
        fields = ["id", "title", "articles", "article_count", "first_published_at", "is_edited"]
