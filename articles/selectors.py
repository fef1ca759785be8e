"""Read queries for articles, quotes, events and stories: each list's query plan in one place."""

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import Case, Count, F, FloatField, IntegerField, Min, Prefetch, Q, QuerySet, Value, When
from django.db.models.functions import Cast

from articles.models import Article, Event, EventReport, Quote, Story
from entities.models import Mention


def article_list() -> QuerySet[Article]:
    return Article.objects.select_related("source").defer(
        "raw_text", "body", "fingerprint", "removed_lines", "search_vector"
    )


def quote_list() -> QuerySet[Quote]:
    return Quote.objects.select_related("speaker", "group").prefetch_related(
        Prefetch("group__quotes", queryset=Quote.objects.select_related("article__source").order_by("id"))
    )


def event_list() -> QuerySet[Event]:
    return Event.objects.select_related("location").prefetch_related(
        "participants",
        "articles",
        Prefetch("reports", queryset=EventReport.objects.order_by("article_id")),
    )


def article_detail() -> QuerySet[Article]:
    return Article.objects.select_related("source").prefetch_related(
        Prefetch("mentions", queryset=Mention.objects.select_related("entity").order_by("start", "id")),
        Prefetch("quotes", queryset=quote_list().order_by("start", "id")),
        Prefetch("events", queryset=Event.objects.order_by("date", "id")),
    )


def story_list() -> QuerySet[Story]:
    return (
        Story.objects.prefetch_related(Prefetch("articles", queryset=Article.objects.only("id", "story_id")))
        .annotate(
            article_count=Count("articles", distinct=True), first_published_at=Min("articles__published_at")
        )
        .order_by("-id")
    )


SEARCH_CONFIG = "english"


def article_search(queryset: QuerySet[Article], text: str) -> QuerySet[Article]:
    """Articles matching every word of ``text``, best first.

    PostgreSQL: full-text search over the GIN-indexed ``search_vector`` (title
    weighted above body), ranked by ``ts_rank``; web-search syntax ("quoted
    phrase", -exclusion, or). SQLite: every word must occur in the title or the
    body; articles with the words in the title come first.
    """
    text = (text or "").strip()
    if not text:
        return queryset
    if connection.vendor == "postgresql":
        query = SearchQuery(text, config=SEARCH_CONFIG, search_type="websearch")
        return (
            queryset.filter(search_vector=query)
            # ts_rank is a float4; as a float8 it survives the trip through a cursor exactly.
            .annotate(search_rank=Cast(SearchRank(F("search_vector"), query), FloatField()))
            .order_by("-search_rank", "-published_at", "-id")
        )
    words = text.split()
    for word in words:
        queryset = queryset.filter(Q(title__icontains=word) | Q(body__icontains=word))
    title_hits = sum(
        (
            Case(When(title__icontains=word, then=Value(1)), default=Value(0), output_field=IntegerField())
            for word in words
        ),
        Value(0),
    )
    return queryset.annotate(search_rank=title_hits).order_by("-search_rank", "-published_at", "-id")
