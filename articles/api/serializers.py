"""Serializers for articles, stories, quotes and events."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from articles.choices import DatePrecision, EventType, QuoteKind
from articles.models import Article, Event, EventReport, Mention, Quote, Source, Story
from articles.selectors import ARTICLE_LIST_COLUMNS, EVENT_COLUMNS, QUOTE_COLUMNS
from articles.services import validate_language_code, validate_publication_date
from entities.api.serializers import ENTITY_HELP, EntityBriefSerializer, EntityExpandedSerializer
from entities.models import Entity
from newsapi.api.representation import row_printer
from newsapi.api.serializers import (
    CaseBlindChoiceField,
    FlexibleFieldsMixin,
    IdRelatedField,
    InputSerializer,
    ModelSerializer,
)
from newsapi.db import related_rows
from newsapi.extraction.lexicon import event_types_described

ARTICLE_HELP = {
    "id": {"help_text": "Article id."},
    "title": {"help_text": "Headline, as found in the raw text (or corrected)."},
    "url": {
        "help_text": "Address the article was captured from (given at ingest, else the canonical address "
        "an HTML page declares: <link rel=canonical>, og:url); blank if unknown."
    },
    "story": {"help_text": "Id of the story the article belongs to, or null."},
}
QUOTE_HELP = {
    "id": {"help_text": "Quote id."},
    "text": {"help_text": "The quoted words (direct) or the reported content (indirect)."},
    "kind": {"help_text": "direct (quoted words) or indirect (reported speech)."},
    "article": {"help_text": "Id of the article the quote comes from."},
    "start": {"help_text": "Offset of the first character of the quote in the article body."},
    "end": {"help_text": "Offset just past the last character of the quote in the article body."},
    "group": {"help_text": "Id of the group of reports of the same words across articles, or null."},
}
EVENT_HELP = {
    "id": {"help_text": "Event id."},
    "title": {"help_text": "What happened or is planned, in a few words."},
    "type": {
        "help_text": "Type of event, read from the verb that reports it (a statement that reports a "
        "happening takes the happening's type; a happening of no listed kind is other): "
        + event_types_described()
        + "."
    },
    "kind": {"help_text": "The finer kind its trigger word names (talks, call, visit, ...); blank if none."},
    "date_confidence": {
        "help_text": "1 for a date the text states; lower where the publication date stands in for it."
    },
    "date": {
        "help_text": "When it happened or will happen (resolved against the publication date), or null."
    },
    "date_precision": {
        "help_text": "How much of the date is known: day, month or year; blank without a date."
    },
}


class MentionSerializer(ModelSerializer):
    """Where an article names an entity: ``article.body[start:end] == text``."""

    entity = EntityBriefSerializer(read_only=True, help_text="The entity named.")

    class Meta:
        model = Mention
        fields = ["id", "entity", "start", "end", "text"]
        extra_kwargs = {
            "id": {"help_text": "Mention id."},
            "start": {"help_text": "Offset of the first character in the article body."},
            "end": {"help_text": "Offset just past the last character in the article body."},
            "text": {"help_text": "The words as written: article.body[start:end]."},
        }


class SourceSerializer(ModelSerializer):
    """An outlet."""

    class Meta:
        model = Source
        fields = ["id", "name", "domain"]
        extra_kwargs = {
            "id": {"help_text": "Source id."},
            "name": {"help_text": "Outlet name, e.g. 'Reuters'."},
            "domain": {"help_text": "The outlet's web domain, if known."},
        }


class SourceListSerializer(FlexibleFieldsMixin, ModelSerializer):
    """An outlet with the number of articles stored from it."""

    article_count = serializers.IntegerField(read_only=True, help_text="Articles stored from this outlet.")

    class Meta:
        model = Source
        fields = ["id", "name", "domain", "article_count"]
        extra_kwargs = SourceSerializer.Meta.extra_kwargs


class StoryBriefSerializer(ModelSerializer):
    """A story expanded in place of its id."""

    class Meta:
        model = Story
        fields = ["id", "title"]
        extra_kwargs = {"id": {"help_text": "Story id."}, "title": {"help_text": "What the story is about."}}


ARTICLE_LIST_FIELDS = list(ARTICLE_LIST_COLUMNS)


class ArticleListSerializer(FlexibleFieldsMixin, ModelSerializer):
    """An article as it appears in lists: no body."""

    source = SourceSerializer(read_only=True, allow_null=True, help_text="The outlet, or null if unknown.")
    authors = serializers.ListField(
        child=serializers.CharField(),
        read_only=True,
        help_text="Its authors, person names: those of the byline in the text ('By Jane Doe and John Roe "
        "| Outlet', 'Jane Doe, Associated Press', 'BYLINE: ...'), or those the HTML page declares (its "
        "author metadata), the outlet, agencies and titles ('Staff Writer') left out; or as an editor "
        "corrected them. Empty when the article names none: never guessed.",
    )
    expandable_fields = {"story": lambda: StoryBriefSerializer(read_only=True, allow_null=True)}

    class Meta:
        model = Article
        fields = ARTICLE_LIST_FIELDS
        extra_kwargs = ARTICLE_HELP


class ArticleBriefSerializer(ModelSerializer):
    """An article expanded in place of its id."""

    source = SourceSerializer(read_only=True, allow_null=True, help_text="The outlet, or null if unknown.")

    class Meta:
        model = Article
        fields = ["id", "title", "url", "source", "published_at", "language", "story"]
        extra_kwargs = ARTICLE_HELP


class QuoteReportSerializer(ModelSerializer):
    """Another article's report of the same quote."""

    source = serializers.CharField(
        source="article.source.name",
        default=None,
        read_only=True,
        allow_null=True,
        help_text="Name of the outlet that reported it, or null.",
    )

    class Meta:
        model = Quote
        fields = ["id", "article", "source", "text"]
        extra_kwargs = QUOTE_HELP


class QuoteSerializer(FlexibleFieldsMixin, ModelSerializer):
    """Who said what, with the span of the quoted words in the article body."""

    speaker = EntityBriefSerializer(read_only=True, allow_null=True, help_text="Who said it, or null.")
    reported_by = serializers.SerializerMethodField(
        help_text="The same quote as reported by other articles (possibly translated differently)."
    )
    expandable_fields = {
        "speaker": lambda: EntityExpandedSerializer(read_only=True, allow_null=True),
        "article": lambda: ArticleBriefSerializer(read_only=True),
    }

    class Meta:
        model = Quote
        # The columns the list reads (selectors.QUOTE_LIST_COLUMNS), then the group's other reports.
        fields = [*QUOTE_COLUMNS, "reported_by", "is_edited"]
        extra_kwargs = QUOTE_HELP

    @extend_schema_field(QuoteReportSerializer(many=True))
    def get_reported_by(self, quote: Quote) -> list[dict]:
        # Reads the prefetched group quotes; never a query per row.
        if quote.group_id is None:
            return []
        report = row_printer(QuoteReportSerializer)
        return [report(other) for other in related_rows(quote.group, "quotes") if other.pk != quote.pk]


class QuoteUpdateSerializer(InputSerializer):
    """A correction of a quote: re-attribute it, fix its words or its kind."""

    speaker = IdRelatedField(
        queryset=Entity.objects.all(),
        allow_null=True,
        required=False,
        help_text="Entity id of the speaker, or null.",
    )
    speaker_text = serializers.CharField(
        max_length=255,
        required=False,
        allow_blank=True,
        help_text="The speaker as written ('he', 'an aide').",
    )
    text = serializers.CharField(required=False, help_text="The quoted or reported words.")
    kind = CaseBlindChoiceField(choices=QuoteKind.choices, required=False, help_text="direct or indirect.")


class EventReportSerializer(ModelSerializer):
    """Where one article reports the event."""

    class Meta:
        model = EventReport
        fields = ["article", "start", "end", "text", "is_main", "evidence", "is_edited"]
        extra_kwargs = {
            "article": {"help_text": "Id of the reporting article."},
            "is_edited": {"read_only": True, "help_text": "True once an editor has corrected this report."},
            "is_main": {
                "help_text": "True when this is the article's main event: what its lead reports, or the event "
                "an editor chose (PATCH /articles/{id}/ with main_event)."
            },
            "evidence": {
                "help_text": "Character spans in the article body of each field: date, location, "
                "participants (name -> [start, end]) and actor (as written, when no entity names it)."
            },
            "start": {"help_text": "Offset of the reporting sentence in the article body."},
            "end": {"help_text": "Offset just past the reporting sentence in the article body."},
        }


class EventSerializer(FlexibleFieldsMixin, ModelSerializer):
    """Something that happened or is planned, with every article that reports it."""

    location = EntityBriefSerializer(read_only=True, allow_null=True, help_text="Where, or null.")
    participants = EntityBriefSerializer(many=True, read_only=True, help_text="Who took part.")
    articles = serializers.SerializerMethodField(help_text="Ids of the articles that report it.")
    reports = EventReportSerializer(
        many=True, read_only=True, help_text="The sentence of each article that reports it."
    )
    expandable_fields = {
        "location": lambda: EntityExpandedSerializer(read_only=True, allow_null=True),
        "participants": lambda: EntityExpandedSerializer(many=True, read_only=True),
        "articles": lambda: ArticleBriefSerializer(many=True, read_only=True),
    }

    class Meta:
        model = Event
        # The columns the list reads (selectors.EVENT_LIST_COLUMNS), then the collections.
        fields = [
            *EVENT_COLUMNS,
            "location",
            "participants",
            "articles",
            "reports",
            "is_edited",
        ]
        extra_kwargs = EVENT_HELP

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_articles(self, event: Event) -> list[int]:
        # Read off the prefetched reports (one per article): no query of its own.
        return [report.article_id for report in related_rows(event, "reports")]


class EventUpdateSerializer(InputSerializer):
    """A correction of an event; ``participants`` replaces the whole list."""

    title = serializers.CharField(max_length=500, required=False, help_text="What happened, in a few words.")
    type = CaseBlindChoiceField(
        choices=EventType.choices, required=False, help_text="Type of event, e.g. accident, diplomacy."
    )
    date = serializers.DateField(required=False, allow_null=True, help_text="When (YYYY-MM-DD), or null.")
    date_precision = CaseBlindChoiceField(
        choices=DatePrecision.choices,
        required=False,
        allow_blank=True,
        help_text="How much of the date is known: day, month or year.",
    )
    date_text = serializers.CharField(
        max_length=255, required=False, allow_blank=True, help_text="The words that gave the date."
    )
    location = IdRelatedField(
        queryset=Entity.objects.all(),
        required=False,
        allow_null=True,
        help_text="Entity id of the place, or null.",
    )
    participants = IdRelatedField(
        queryset=Entity.objects.all(),
        many=True,
        required=False,
        help_text="Entity ids of everyone who took part; replaces the whole list.",
    )


class EventBriefSerializer(ModelSerializer):
    """An event as a link from an article."""

    class Meta:
        model = Event
        fields = ["id", "title", "type", "date", "date_precision"]
        extra_kwargs = EVENT_HELP


class ExtractedDateSerializer(serializers.Serializer):
    """One time expression found in the article body, normalised against the publication date."""

    start = serializers.IntegerField(help_text="Offset of the first character of the expression in the body.")
    end = serializers.IntegerField(help_text="Offset just past the last character of the expression.")
    text = serializers.CharField(help_text='The expression as written, e.g. "last Monday".')
    value = serializers.CharField(
        allow_null=True,
        help_text=(
            "TIMEX3 value: 2025-06-02, 2025-06, 2025-W23, 2025-Q2, 2025, PRESENT_REF, P3D (three days), "
            "XXXX-WXX-1 (Mondays), 2025-06-02TMO (that morning); null when it cannot be normalised."
        ),
    )
    type = serializers.CharField(
        help_text="TimeML type: DATE, TIME (clock or part of a day), DURATION or SET (a recurrence).",
    )
    precision = serializers.CharField(
        allow_null=True,
        help_text=(
            "Granularity of a DATE or TIME value: day, week, month, quarter, half, season, year, decade, "
            "century, time or reference (PRESENT_REF...); null for durations, sets and unknown values."
        ),
    )
    anchored = serializers.CharField(
        allow_null=True,
        default=None,
        help_text=(
            'For a duration told from the story\'s last date ("Two days later" after "on May 16"), the day, '
            "month or year it lands on (2025-05-18); null otherwise."
        ),
    )


class ArticleDetailSerializer(ArticleListSerializer):
    """An article with its body and everything extracted from it."""

    mentions = MentionSerializer(many=True, read_only=True, help_text="Every entity mention, in body order.")
    quotes = QuoteSerializer(many=True, read_only=True, help_text="Every quote, in body order.")
    events = EventBriefSerializer(many=True, read_only=True, help_text="The events the article reports.")
    main_event = serializers.SerializerMethodField(
        help_text="The article's main event (what its lead reports, or the one an editor chose), or null "
        "when it has none."
    )
    extracted_dates = ExtractedDateSerializer(
        many=True, read_only=True, help_text="Every time expression of the body, in body order."
    )

    class Meta(ArticleListSerializer.Meta):
        fields = ARTICLE_LIST_FIELDS + [
            "body",
            "published_at_evidence",
            "published_at_conflicts",
            "published_at_verified",
            "mentions",
            "quotes",
            "events",
            "main_event",
            "extracted_dates",
        ]

    @extend_schema_field(EventBriefSerializer(allow_null=True))
    def get_main_event(self, article: Article) -> dict | None:
        reports = getattr(article, "main_event_reports", None)
        if reports is None:  # an article not read through selectors.article_detail
            reports = list(article.event_reports.filter(is_main=True).select_related("event"))
        return EventBriefSerializer(reports[0].event).data if reports else None


class ArticleCreateSerializer(InputSerializer):
    """A raw article to ingest, as a scraper captured it."""

    raw_text = serializers.CharField(
        trim_whitespace=False,
        help_text=(
            "The article as captured, boilerplate and all: plain text (at most 200,000 characters) or an "
            "HTML page (at most 2,000,000 characters, and at most 200,000 characters of article text read "
            "out of it). A page is told by its markup (a doctype, or an html, head or body tag first; or a "
            "fragment opening with a block element); its article text, headline, outlet (og:site_name, "
            "the JSON-LD publisher) and declared publication date (article:published_time, JSON-LD "
            "datePublished, <time datetime>) are read, and the page is kept as received."
        ),
    )
    url = serializers.URLField(
        max_length=1000,
        required=False,
        allow_blank=True,
        help_text="Where the article was captured; without it, the canonical address an HTML page declares.",
    )
    source = serializers.CharField(max_length=255, required=False, allow_blank=True, help_text="Outlet name.")
    published_at = serializers.DateField(
        required=False,
        allow_null=True,
        validators=[validate_publication_date],
        help_text="Publication date if known (from 1600-01-01 to a year from today).",
    )
    title = serializers.CharField(
        max_length=500,
        required=False,
        allow_blank=True,
        help_text="Headline if known (a scraper's metadata): it is the article's title, whatever line the "
        "text opens with, and the line the text's cleaner took for one goes back to the body. Kept for "
        "re-extraction; an editor's title still wins.",
    )

    def validate_raw_text(self, value: str) -> str:
        if not value.strip():
            raise serializers.ValidationError("The article text is empty.")
        return value


class ArticleBatchCreateSerializer(InputSerializer):
    """Many raw articles to ingest in one request."""

    articles = ArticleCreateSerializer(
        many=True, allow_empty=False, max_length=500, help_text="The articles, at most 500."
    )


class ArticleUpdateSerializer(InputSerializer):
    """A correction of an article's metadata or of its main event. A corrected date counts as verified."""

    title = serializers.CharField(max_length=500, required=False, allow_blank=True, help_text="Headline.")
    url = serializers.URLField(
        max_length=1000, required=False, allow_blank=True, help_text="Where the article was captured."
    )
    authors = serializers.ListField(
        child=serializers.CharField(max_length=200, allow_blank=True),
        max_length=50,
        required=False,
        help_text="Its authors, person names (at most 50); replaces the list, and re-extraction keeps it.",
    )
    published_at = serializers.DateField(
        required=False,
        allow_null=True,
        validators=[validate_publication_date],
        help_text="Day of publication (YYYY-MM-DD, from 1600-01-01 to a year from today); marks the date verified.",
    )
    language = serializers.CharField(
        max_length=8,
        required=False,
        validators=[validate_language_code],
        help_text="ISO 639-1 code, e.g. en (und: undetermined).",
    )
    source = IdRelatedField(
        queryset=Source.objects.all(),
        required=False,
        allow_null=True,
        help_text="Id of the outlet (see /api/v1/sources/), or null if unknown.",
    )
    story = IdRelatedField(
        queryset=Story.objects.all(), required=False, allow_null=True, help_text="Story id, or null."
    )
    main_event = IdRelatedField(
        queryset=Event.objects.all(),
        required=False,
        allow_null=True,
        help_text="Id of the article's main event, one of the events it reports (its other main report is "
        "main no more), or null for none; re-extraction keeps the choice.",
    )


class StorySerializer(FlexibleFieldsMixin, ModelSerializer):
    """Articles that report the same news."""

    # Read off the list's query (``selectors.story_list``: ``article_ids``), not a prefetch.
    articles = serializers.ListField(
        child=serializers.IntegerField(),
        source="article_ids",
        read_only=True,
        help_text="Ids of its articles.",
    )
    article_count = serializers.IntegerField(read_only=True, help_text="Number of its articles.")
    first_published_at = serializers.DateField(
        read_only=True, allow_null=True, help_text="Publication day of its earliest article, or null."
    )
    expandable_fields = {"articles": lambda: ArticleBriefSerializer(many=True, read_only=True)}

    class Meta:
        model = Story
        fields = ["id", "title", "articles", "article_count", "first_published_at", "is_edited"]
        extra_kwargs = {"id": {"help_text": "Story id."}, "title": {"help_text": "What the story is about."}}


class ArticleEntitySerializer(ModelSerializer):
    """An entity as one article mentions it, with the number of mentions there."""

    mention_count = serializers.IntegerField(
        source="article_mention_count", read_only=True, help_text="Mentions in this article."
    )

    class Meta:
        model = Entity
        fields = ["id", "name", "type", "role", "mention_count"]
        extra_kwargs = ENTITY_HELP


class RelatedEntitySerializer(ModelSerializer):
    """An entity that co-occurs with another, with the number of articles they share."""

    shared_article_count = serializers.IntegerField(
        read_only=True, help_text="Articles that mention both entities."
    )

    class Meta:
        model = Entity
        fields = ["id", "name", "type", "shared_article_count"]
        extra_kwargs = ENTITY_HELP


class TimelinePointSerializer(serializers.Serializer):
    """Mentions of an entity in articles published on one day."""

    date = serializers.DateField(help_text="Publication day.")
    mention_count = serializers.IntegerField(help_text="Mentions of the entity in that day's articles.")
    article_count = serializers.IntegerField(help_text="Articles of that day that mention the entity.")


class TimelineUndatedSerializer(serializers.Serializer):
    """What an entity's timeline leaves out: its mentions in articles with no known publication day."""

    mention_count = serializers.IntegerField(help_text="Mentions of the entity in undated articles.")
    article_count = serializers.IntegerField(help_text="Undated articles that mention the entity.")
