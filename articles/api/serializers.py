"""Serializers for articles, stories, quotes and events."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from articles.choices import DatePrecision, QuoteKind
from articles.models import Article, Event, EventReport, Quote, Source, Story
from entities.api.serializers import EntityBriefSerializer, EntityExpandedSerializer, MentionSerializer
from entities.models import Entity
from newsapi.api.serializers import FlexibleFieldsMixin


class SourceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Source
        fields = ["id", "name", "domain"]


class StoryBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Story
        fields = ["id", "title"]


ARTICLE_LIST_FIELDS = [
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


class ArticleListSerializer(FlexibleFieldsMixin, serializers.ModelSerializer):
    """An article as it appears in lists: no body."""

    source = SourceSerializer(read_only=True, allow_null=True)
    expandable_fields = {"story": lambda: StoryBriefSerializer(read_only=True, allow_null=True)}

    class Meta:
        model = Article
        fields = ARTICLE_LIST_FIELDS


class ArticleBriefSerializer(serializers.ModelSerializer):
    """An article expanded in place of its id."""

    source = SourceSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Article
        fields = ["id", "title", "url", "source", "published_at", "language", "story"]


class QuoteReportSerializer(serializers.ModelSerializer):
    """Another article's report of the same quote."""

    source = serializers.CharField(
        source="article.source.name", default=None, read_only=True, allow_null=True
    )

    class Meta:
        model = Quote
        fields = ["id", "article", "source", "text"]


class QuoteSerializer(FlexibleFieldsMixin, serializers.ModelSerializer):
    """Who said what, with the span of the quoted words in the article body."""

    speaker = EntityBriefSerializer(read_only=True, allow_null=True)
    reported_by = serializers.SerializerMethodField(
        help_text="The same quote as reported by other articles (possibly translated differently)."
    )
    expandable_fields = {
        "speaker": lambda: EntityExpandedSerializer(read_only=True, allow_null=True),
        "article": lambda: ArticleBriefSerializer(read_only=True),
    }

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

    @extend_schema_field(QuoteReportSerializer(many=True))
    def get_reported_by(self, quote: Quote) -> list[dict]:
        # Reads the prefetched group quotes; never a query per row.
        if quote.group_id is None:
            return []
        others = [other for other in quote.group.quotes.all() if other.pk != quote.pk]
        return QuoteReportSerializer(others, many=True).data


class QuoteUpdateSerializer(serializers.Serializer):
    """A correction of a quote: re-attribute it, fix its words or its kind."""

    speaker = serializers.PrimaryKeyRelatedField(
        queryset=Entity.objects.all(),
        allow_null=True,
        required=False,
        help_text="Entity id of the speaker, or null.",
    )
    speaker_text = serializers.CharField(max_length=255, required=False, allow_blank=True)
    text = serializers.CharField(required=False)
    kind = serializers.ChoiceField(choices=QuoteKind.choices, required=False)


class EventReportSerializer(serializers.ModelSerializer):
    class Meta:
        model = EventReport
        fields = ["article", "start", "end", "text"]


class EventSerializer(FlexibleFieldsMixin, serializers.ModelSerializer):
    """Something that happened or is planned, with every article that reports it."""

    location = EntityBriefSerializer(read_only=True, allow_null=True)
    participants = EntityBriefSerializer(many=True, read_only=True)
    articles = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    reports = EventReportSerializer(many=True, read_only=True)
    expandable_fields = {
        "location": lambda: EntityExpandedSerializer(read_only=True, allow_null=True),
        "participants": lambda: EntityExpandedSerializer(many=True, read_only=True),
        "articles": lambda: ArticleBriefSerializer(many=True, read_only=True),
    }

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


class EventUpdateSerializer(serializers.Serializer):
    """A correction of an event; ``participants`` replaces the whole list."""

    title = serializers.CharField(max_length=500, required=False)
    type = serializers.CharField(max_length=50, required=False)
    date = serializers.DateField(required=False, allow_null=True)
    date_precision = serializers.ChoiceField(choices=DatePrecision.choices, required=False, allow_blank=True)
    date_text = serializers.CharField(max_length=255, required=False, allow_blank=True)
    location = serializers.PrimaryKeyRelatedField(
        queryset=Entity.objects.all(), required=False, allow_null=True
    )
    participants = serializers.PrimaryKeyRelatedField(
        queryset=Entity.objects.all(), many=True, required=False
    )


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
        fields = ARTICLE_LIST_FIELDS + [
            "body",
            "published_at_evidence",
            "published_at_conflicts",
            "published_at_verified",
            "mentions",
            "quotes",
            "events",
        ]


class ArticleCreateSerializer(serializers.Serializer):
    """A raw article to ingest, as a scraper captured it."""

    raw_text = serializers.CharField(
        trim_whitespace=False, help_text="The article text, boilerplate and all."
    )
    url = serializers.URLField(max_length=1000, required=False, allow_blank=True)
    source = serializers.CharField(max_length=255, required=False, allow_blank=True, help_text="Outlet name.")
    published_at = serializers.DateField(
        required=False, allow_null=True, help_text="Publication date if known."
    )

    def validate_raw_text(self, value: str) -> str:
        if not value.strip():
            raise serializers.ValidationError("The article text is empty.")
        return value


class ArticleUpdateSerializer(serializers.Serializer):
    """A correction of an article's metadata. A corrected date counts as verified."""

    title = serializers.CharField(max_length=500, required=False, allow_blank=True)
    url = serializers.URLField(max_length=1000, required=False, allow_blank=True)
    published_at = serializers.DateField(required=False, allow_null=True)
    language = serializers.CharField(max_length=8, required=False)
    story = serializers.PrimaryKeyRelatedField(queryset=Story.objects.all(), required=False, allow_null=True)


class StorySerializer(FlexibleFieldsMixin, serializers.ModelSerializer):
    """Articles that report the same news."""

    articles = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    article_count = serializers.IntegerField(read_only=True)
    first_published_at = serializers.DateField(read_only=True, allow_null=True)
    expandable_fields = {"articles": lambda: ArticleBriefSerializer(many=True, read_only=True)}

    class Meta:
        model = Story
        fields = ["id", "title", "articles", "article_count", "first_published_at", "is_edited"]
