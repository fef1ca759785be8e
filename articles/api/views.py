"""API views for articles, quotes, events and stories: thin; query plans live in selectors, writes in services."""

from django.conf import settings
from django.db.models import Q
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from articles import selectors, services
from articles.api.serializers import (
    ArticleBatchCreateSerializer,
    ArticleCreateSerializer,
    ArticleDetailSerializer,
    ArticleEntitySerializer,
    ArticleListSerializer,
    ArticleUpdateSerializer,
    EventSerializer,
    EventUpdateSerializer,
    QuoteSerializer,
    QuoteUpdateSerializer,
    RelatedEntitySerializer,
    SourceListSerializer,
    StorySerializer,
    TimelinePointSerializer,
    TimelineUndatedSerializer,
)
from articles.filtersets import (
    ArticleFilterSet,
    EventFilterSet,
    QuoteFilterSet,
    SourceFilterSet,
    StoryFilterSet,
)
from articles.models import Article, Story
from entities.api.views import EntityRefLookupMixin
from entities.models import Entity
from jobs import services as job_services
from jobs.api.serializers import JobBatchSerializer, JobSerializer
from newsapi.api.errors import ErrorSerializer, PayloadTooLarge
from newsapi.api.ordering import ARTICLE_ORDERING, EVENT_ORDERING, QUOTE_ORDERING
from newsapi.api.pagination import KeysetPagination
from newsapi.api.schema import NewsAutoSchema
from newsapi.api.serializers import requested
from newsapi.api.views import (
    CorrectableViewSet,
    ExpandQueryPlanMixin,
    ExportMixin,
    NavigationMixin,
    QueryParameterCheckMixin,
)
from newsapi.db import prefetch_rows

READ_WRITE = ["get", "post", "patch", "head", "options"]
READ_PATCH = ["get", "patch", "head", "options"]

ARTICLE_CREATE_EXAMPLE = OpenApiExample(
    "A scraped report",
    value={
        "raw_text": "Russia proposes Istanbul talks\n\nMOSCOW (Reuters) - Russian Foreign Minister Sergei Lavrov "
        "said on Wednesday that Moscow was ready for talks in Istanbul on June 2.",
        "url": "https://www.reuters.com/world/europe/russia-proposes-istanbul-talks-2025-05-28/",
        "source": "Reuters",
        "published_at": "2025-05-28",
    },
    request_only=True,
)
ARTICLE_UPDATE_EXAMPLE = OpenApiExample(
    "Fix the date and the story",
    value={"published_at": "2025-05-28", "story": 3},
    request_only=True,
)
ARTICLE_AUTHORS_EXAMPLE = OpenApiExample(
    "Correct the authors the byline gave (re-extraction keeps the list)",
    value={"authors": ["Jane Doe", "John Roe"]},
    request_only=True,
)
ARTICLE_MAIN_EVENT_EXAMPLE = OpenApiExample(
    "Choose the main event among those the article reports", value={"main_event": 41}, request_only=True
)
QUOTE_UPDATE_EXAMPLE = OpenApiExample(
    "Re-attribute to another speaker", value={"speaker": 12, "speaker_text": "Lavrov"}, request_only=True
)
EVENT_UPDATE_EXAMPLE = OpenApiExample(
    "Correct the date and who took part",
    value={"date": "2025-06-02", "date_precision": "day", "participants": [12, 15]},
    request_only=True,
)


@extend_schema_view(
    list=extend_schema(
        summary="List articles",
        description="Newest first (undated last); with `q`, most relevant first unless `ordering` is given.",
    ),
    retrieve=extend_schema(summary="An article with its body, mentions, quotes and events"),
    partial_update=extend_schema(
        summary="Correct an article's metadata or its main event",
        description="`main_event` names one of the events the article reports (another is a 400 naming "
        "`main_event`); the article's other main report is main no more, and re-extraction keeps the "
        "choice, null (no main event) included.",
        request=ArticleUpdateSerializer,
        responses=ArticleDetailSerializer,
        examples=[ARTICLE_UPDATE_EXAMPLE, ARTICLE_AUTHORS_EXAMPLE, ARTICLE_MAIN_EVENT_EXAMPLE],
    ),
)
class ArticleViewSet(CorrectableViewSet):
    """Articles with their clean body and, in detail, their mentions, quotes and events."""

    filterset_class = ArticleFilterSet
    ordering_fields = ["published_at", "id", "title"]
    ordering = ["-published_at", "-id"]
    http_method_names = READ_WRITE
    update_serializer_class = ArticleUpdateSerializer
    expand_query_plan = {"story": lambda qs: qs.select_related("story")}

    def get_queryset(self):
        if self.action in ("retrieve", "partial_update"):
            return selectors.article_detail()
        return self.plan_expansions(selectors.article_list())

    def get_serializer_class(self):
        if self.action in ("retrieve", "partial_update"):
            return ArticleDetailSerializer
        if self.action == "entities":
            return ArticleEntitySerializer
        return ArticleListSerializer

    @extend_schema(
        summary="Queue a raw article for extraction",
        description=(
            "Answers 202 with the extraction job (`Location`: its address). Poll the job until its "
            "`state` is `succeeded` (its `result` is the article) or `failed`/`dead` (its `error` says why). "
            "Without a broker configured the job has already run when the answer comes. `raw_text` may be "
            "plain text or an HTML page as a scraper captured it: the page's article text, headline, outlet "
            "and declared publication date are read (a date the page declares is a strong clue, its "
            "evidence naming the meta field; `published_at` still wins). A page with no article text (a "
            "login wall) fails its job with a sentence saying so."
        ),
        request=ArticleCreateSerializer,
        examples=[ARTICLE_CREATE_EXAMPLE],
        responses={
            202: OpenApiResponse(JobSerializer, description="The extraction job."),
            413: OpenApiResponse(
                ErrorSerializer,
                description="The body is larger than NEWSAPI_MAX_ARTICLE_BYTES, or `raw_text` is over its "
                "limit: 200,000 characters of text, an HTML page of 2,000,000 characters, or 200,000 "
                "characters of article text read out of a page. The message says which.",
            ),
        },
    )
    def create(self, request, *args, **kwargs):
        self._check_body_size(request)
        serializer = ArticleCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            job = job_services.job_enqueue(**_job_input(serializer.validated_data))
        except services.ArticleTooLarge as error:
            raise PayloadTooLarge(error.message_dict) from error
        data = JobSerializer(job, context={"request": request}).data
        return Response(data, status=status.HTTP_202_ACCEPTED, headers={"Location": data["url"]})

    @extend_schema(
        summary="Queue many raw articles for extraction",
        description="One job per article, in the order given; a bad article queues none of them.",
        request=ArticleBatchCreateSerializer,
        responses={
            202: OpenApiResponse(JobBatchSerializer, description="The extraction jobs."),
            413: OpenApiResponse(
                ErrorSerializer,
                description="The body is larger than NEWSAPI_MAX_ARTICLE_BYTES, or an article's `raw_text` "
                "is over its limit (text, HTML page, or the article text read out of a page: the message "
                "says which).",
            ),
        },
    )
    @action(detail=False, methods=["post"], url_path="batch", filterset_class=None, filter_backends=[])
    def batch(self, request):
        self._check_body_size(request)
        serializer = ArticleBatchCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        items = [_job_input(item) for item in serializer.validated_data["articles"]]
        try:
            jobs = job_services.job_enqueue_many(articles=items)
        except services.ArticleTooLarge as error:
            raise PayloadTooLarge(error.message_dict) from error
        data = JobBatchSerializer({"jobs": jobs}, context={"request": request}).data
        return Response(data, status=status.HTTP_202_ACCEPTED)

    @staticmethod
    def _check_body_size(request) -> None:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
        if length > settings.NEWSAPI_MAX_ARTICLE_BYTES:
            raise PayloadTooLarge(
                f"The request body is {length} bytes; the limit is {settings.NEWSAPI_MAX_ARTICLE_BYTES}."
            )

    def correct(self, article, data: dict) -> None:
        services.article_update(article=article, data=data)

    @extend_schema(
        summary="Mark the publication date as verified",
        description="Re-extraction will not change a verified date.",
        request=None,
        responses=ArticleDetailSerializer,
    )
    @action(detail=True, methods=["post"], url_path="verify-date", filterset_class=None, filter_backends=[])
    def verify_date(self, request, pk=None):
        article = services.article_verify_publication_date(article=self.get_object())
        return Response(ArticleDetailSerializer(selectors.article_detail().get(pk=article.pk)).data)

    @extend_schema(
        summary="Run extraction again over the article",
        description="Everything a person corrected is kept; the rest is extracted anew from the raw text.",
        request=None,
        responses=ArticleDetailSerializer,
    )
    @action(detail=True, methods=["post"], filterset_class=None, filter_backends=[])
    def reextract(self, request, pk=None):
        article = services.article_reextract(article=self.get_object())
        return Response(ArticleDetailSerializer(selectors.article_detail().get(pk=article.pk)).data)

    @extend_schema(
        summary="The entities an article mentions, with mention counts",
        responses=ArticleEntitySerializer(many=True),
    )
    @action(detail=True, methods=["get"], filterset_class=None, filter_backends=[])
    def entities(self, request, pk=None):
        article = self.get_object()
        page = self.paginate_queryset(selectors.article_entities(article_id=article.pk))
        return self.get_paginated_response(ArticleEntitySerializer(page, many=True).data)


@extend_schema_view(
    list=extend_schema(summary="List quotes"),
    retrieve=extend_schema(summary="A quote with the other outlets that reported it"),
    partial_update=extend_schema(
        summary="Correct a quote (re-attribute, fix its words or kind)",
        request=QuoteUpdateSerializer,
        responses=QuoteSerializer,
        examples=[QUOTE_UPDATE_EXAMPLE],
    ),
)
class QuoteViewSet(CorrectableViewSet):
    """Who said what, direct or indirect, with the span in the article it came from."""

    serializer_class = QuoteSerializer
    update_serializer_class = QuoteUpdateSerializer
    filterset_class = QuoteFilterSet
    ordering_fields = ["id", "article", "start"]
    ordering = ["-id"]
    http_method_names = READ_PATCH
    expand_query_plan = {
        "speaker": lambda qs: qs.prefetch_related("speaker__aliases"),
        "article": lambda qs: qs.select_related("article__source"),
    }

    def get_queryset(self):
        # Reads print only some columns; a correction saves the whole row.
        lean = self.request.method in ("GET", "HEAD")
        return self.plan_expansions(selectors.quote_list(lean=lean, expand=requested(self.request, "expand")))

    def correct(self, quote, data: dict) -> None:
        services.quote_update(quote=quote, data=data)


@extend_schema_view(
    list=extend_schema(summary="List events"),
    retrieve=extend_schema(summary="An event with every article that reports it"),
    partial_update=extend_schema(
        summary="Correct an event",
        request=EventUpdateSerializer,
        responses=EventSerializer,
        examples=[EVENT_UPDATE_EXAMPLE],
    ),
)
class EventViewSet(CorrectableViewSet):
    """What happened or is planned, when, where, who took part, and which articles report it."""

    serializer_class = EventSerializer
    update_serializer_class = EventUpdateSerializer
    filterset_class = EventFilterSet
    ordering_fields = ["date", "id", "title"]
    ordering = ["-date", "id"]
    http_method_names = READ_PATCH
    expand_query_plan = {
        "location": lambda qs: qs.prefetch_related("location__aliases"),
        "participants": lambda qs: qs.prefetch_related("participants_rows__aliases"),
        "articles": lambda qs: qs.prefetch_related("articles__source"),
    }

    def get_queryset(self):
        # Reads print only some columns; a correction saves the whole row.
        lean = self.request.method in ("GET", "HEAD")
        return self.plan_expansions(selectors.event_list(lean=lean, expand=requested(self.request, "expand")))

    def correct(self, event, data: dict) -> None:
        services.event_update(event=event, data=data)


@extend_schema_view(
    list=extend_schema(summary="List stories"),
    retrieve=extend_schema(summary="A story and its articles"),
)
class StoryViewSet(
    QueryParameterCheckMixin,
    NavigationMixin,
    ExpandQueryPlanMixin,
    ExportMixin,
    viewsets.ReadOnlyModelViewSet,
):
    """Articles that report the same news."""

    schema = NewsAutoSchema()
    serializer_class = StorySerializer
    parent_model = Story
    filterset_class = StoryFilterSet
    ordering_fields = ["id", "title", "first_published_at", "article_count"]
    ordering = ["-id"]
    # The plain list reads the article ids in its own query; expanded articles need rows with sources.
    expand_query_plan = {
        "articles": lambda qs: qs.prefetch_related(
            prefetch_rows("articles", queryset=Article.objects.select_related("source").order_by("id"))
        )
    }

    def get_queryset(self):
        parent_id = self.kwargs.get("pk")
        if self.action == "articles":
            return selectors.article_list().filter(story_id=parent_id)
        if self.action == "quotes":
            return selectors.quote_list().filter(article__story_id=parent_id)
        if self.action == "events":
            return selectors.event_list().filter(articles__story_id=parent_id).distinct()
        return self.plan_expansions(selectors.story_list())

    def get_serializer_class(self):
        return {
            "articles": ArticleListSerializer,
            "quotes": QuoteSerializer,
            "events": EventSerializer,
        }.get(self.action, StorySerializer)

    @extend_schema(summary="The articles of a story", responses=ArticleListSerializer(many=True))
    @action(detail=True, methods=["get"], filterset_class=ArticleFilterSet, **ARTICLE_ORDERING)
    def articles(self, request, pk=None):
        return self.list_children()

    @extend_schema(summary="The quotes of a story's articles", responses=QuoteSerializer(many=True))
    @action(detail=True, methods=["get"], filterset_class=QuoteFilterSet, **QUOTE_ORDERING)
    def quotes(self, request, pk=None):
        return self.list_children()

    @extend_schema(summary="The events reported by a story's articles", responses=EventSerializer(many=True))
    @action(detail=True, methods=["get"], filterset_class=EventFilterSet, **EVENT_ORDERING)
    def events(self, request, pk=None):
        return self.list_children()


def _job_input(data: dict) -> dict:
    return {
        "raw_text": data["raw_text"],
        "url": data.get("url", ""),
        "source_name": data.get("source") or None,
        "published_at": data.get("published_at"),
        "title": data.get("title", ""),
    }


@extend_schema_view(
    list=extend_schema(summary="List sources", description="Outlets with their article counts."),
    retrieve=extend_schema(summary="A source with its article count"),
)
class SourceViewSet(QueryParameterCheckMixin, viewsets.ReadOnlyModelViewSet):
    """Outlets (name, domain) and how many articles each has; `source=` filters take an id, a name or
    a domain."""

    schema = NewsAutoSchema()
    serializer_class = SourceListSerializer
    filterset_class = SourceFilterSet
    ordering_fields = ["name", "id", "article_count"]
    ordering = ["name", "id"]

    def get_queryset(self):
        return selectors.source_list()


class TimelinePagination(KeysetPagination):
    """The days of an entity's timeline, and on every page what the days leave out (``undated``): a
    client adding up the days would otherwise take them for all of the entity's mentions."""

    def get_paginated_response(self, data, undated: dict | None = None):
        response = super().get_paginated_response(data)
        response.data["undated"] = undated
        return response

    def get_paginated_response_schema(self, schema):
        page = super().get_paginated_response_schema(schema)
        count = {"type": "integer", "minimum": 0}
        page["required"].append("undated")
        page["properties"]["undated"] = {
            "type": "object",
            "required": ["mention_count", "article_count"],
            "description": (
                "Left out of the days: the entity's mentions in articles with no known publication day."
            ),
            "properties": {
                name: {**count, "description": str(field.help_text)}
                for name, field in TimelineUndatedSerializer().fields.items()
            },
        }
        return page


class EntityNavigationViewSet(
    EntityRefLookupMixin, QueryParameterCheckMixin, NavigationMixin, viewsets.GenericViewSet
):
    """What the articles say about one entity: the articles that mention it, its quotes, the events it
    took part in or hosted, the entities named beside it, its mentions per day."""

    # /entities/{id}/articles/, quotes/, events/, related/, timeline/ are served here, where those rows
    # live, so the entities app knows nothing of articles (as NetBox's apps do).

    schema = NewsAutoSchema()
    parent_model = Entity
    http_method_names = ["get", "head", "options"]
    # Each route sets its own (the children's filters and ordering).
    filterset_class = ordering_fields = ordering = None

    def get_queryset(self):
        parent_id = self.kwargs.get("pk")
        if self.action == "articles":
            return selectors.article_list().filter(mentions__entity_id=parent_id).distinct()
        if self.action == "quotes":
            return selectors.quote_list().filter(speaker_id=parent_id)
        if self.action == "events":
            return (
                selectors.event_list()
                .filter(Q(participants__id=parent_id) | Q(location_id=parent_id))
                .distinct()
            )
        return Entity.objects.none()

    def get_serializer_class(self):
        return {
            "articles": ArticleListSerializer,
            "quotes": QuoteSerializer,
            "events": EventSerializer,
            "related": RelatedEntitySerializer,
            "timeline": TimelinePointSerializer,
        }.get(self.action, ArticleListSerializer)

    @extend_schema(summary="Articles that mention the entity", responses=ArticleListSerializer(many=True))
    @action(detail=True, methods=["get"], filterset_class=ArticleFilterSet, **ARTICLE_ORDERING)
    def articles(self, request, pk=None):
        return self.list_children()

    @extend_schema(summary="Quotes by the entity", responses=QuoteSerializer(many=True))
    @action(detail=True, methods=["get"], filterset_class=QuoteFilterSet, **QUOTE_ORDERING)
    def quotes(self, request, pk=None):
        return self.list_children()

    @extend_schema(summary="Events the entity took part in or hosted", responses=EventSerializer(many=True))
    @action(detail=True, methods=["get"], filterset_class=EventFilterSet, **EVENT_ORDERING)
    def events(self, request, pk=None):
        return self.list_children()

    @extend_schema(
        summary="Entities mentioned in the same articles", responses=RelatedEntitySerializer(many=True)
    )
    @action(detail=True, methods=["get"], filterset_class=None, filter_backends=[])
    def related(self, request, pk=None):
        entity = self.get_parent()
        page = self.paginate_queryset(selectors.entity_related(entity=entity))
        return self.get_paginated_response(RelatedEntitySerializer(page, many=True).data)

    @extend_schema(
        summary="Mentions per publication day",
        description="Articles with no known publication day are left out; `undated` counts them.",
        responses=TimelinePointSerializer(many=True),
    )
    @action(
        detail=True,
        methods=["get"],
        filterset_class=None,
        filter_backends=[],
        pagination_class=TimelinePagination,
    )
    def timeline(self, request, pk=None):
        entity = self.get_parent()
        page = self.paginate_queryset(selectors.entity_timeline(entity=entity))
        undated = TimelineUndatedSerializer(selectors.entity_timeline_undated(entity=entity)).data
        return self.paginator.get_paginated_response(TimelinePointSerializer(page, many=True).data, undated)
