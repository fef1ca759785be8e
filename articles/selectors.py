"""Read queries for articles, quotes, events and stories: each list's query plan in one place."""

from django.db.models import Count, Min, Prefetch, QuerySet

from articles.models import Article, Event, EventReport, Quote, Story
from entities.models import Mention


def article_list() -> QuerySet[Article]:
    return Article.objects.select_related("source").defer("raw_text", "body", "fingerprint", "removed_lines")


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
