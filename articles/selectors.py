"""Read queries for articles, quotes, events and stories: each list's query plan in one place."""

import functools
from collections import defaultdict
from collections.abc import Collection

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import (
    BooleanField,
    Count,
    F,
    FloatField,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, Coalesce

from articles import fts
from articles.models import Article, Event, EventReport, Mention, Quote, Source, Story
from entities.models import Entity
from newsapi.db import JSONList, prefetch_rows

# The columns an article list prints (ArticleListSerializer's fields): the JSON columns it does not (date
# clues, time expressions) are large and decoded row by row, so loading them made a page of 100 several
# times slower.
ARTICLE_LIST_COLUMNS = (
    "id",
    "title",
    "url",
    "source",
    "published_at",
    "published_at_confidence",
    "language",
    "story",
    "is_edited",
)


def article_list() -> QuerySet[Article]:
    return Article.objects.select_related("source").only(*ARTICLE_LIST_COLUMNS)


def source_list() -> QuerySet[Source]:
    """Outlets with their article counts: a column the services keep (``Source.article_count``).
    Counting each outlet's articles per request, even from an index and for the page's outlets only,
    took 169 ms a page at 1M articles."""
    return Source.objects.order_by("name", "id")


def quote_list() -> QuerySet[Quote]:
    # A quote's other reports print their id, article, outlet name and text: only those are read (the
    # articles' bodies and raw texts were read with them before).
    reports = (
        Quote.objects.select_related("article__source")
        .only("id", "group_id", "article_id", "text", "article__source__name")
        .order_by("id")
    )
    return Quote.objects.select_related("speaker", "group").prefetch_related(
        prefetch_rows("group__quotes", queryset=reports)
    )


# The columns an event page prints (EventSerializer), and of its location and participants
# (EntityBriefSerializer) unless expanded: a page of 100 events made ~700 model instances of every column
# (the edit marks' JSON, timestamps, an entity's slug, role and counts), a quarter of its CPU time.
EVENT_COLUMNS = ("id", "title", "type", "kind", "date", "date_precision", "date_text", "date_confidence")
EVENT_LIST_COLUMNS = (*EVENT_COLUMNS, "location", "is_edited")
ENTITY_BRIEF_COLUMNS = ("id", "name", "type")


def event_list(*, lean: bool = False, expand: Collection[str] = ()) -> QuerySet[Event]:
    """Events with their location, participants and reports. ``lean`` (a read): only the columns the
    page prints, the location and participants in full when ``expand`` names them."""
    events = Event.objects.select_related("location")
    participants = Entity.objects.all()
    if lean:
        location = () if "location" in expand else tuple(f"location__{c}" for c in ENTITY_BRIEF_COLUMNS)
        events = events.only(*EVENT_LIST_COLUMNS, *location)
        if "participants" not in expand:
            participants = participants.only(*ENTITY_BRIEF_COLUMNS)
    return events.prefetch_related(
        prefetch_rows("participants", queryset=participants),
        # The reporting articles' ids are read off the reports (``?expand=articles`` prefetches the
        # articles themselves): the whole article rows, bodies and raw texts, are not read.
        prefetch_rows("reports", queryset=EventReport.objects.order_by("article_id")),
    )


def article_detail() -> QuerySet[Article]:
    return Article.objects.select_related("source").prefetch_related(
        Prefetch("mentions", queryset=Mention.objects.select_related("entity").order_by("start", "id")),
        Prefetch("quotes", queryset=quote_list().order_by("start", "id")),
        Prefetch("events", queryset=Event.objects.order_by("date", "id")),
        Prefetch(
            "event_reports",
            queryset=EventReport.objects.filter(is_main=True).select_related("event"),
            to_attr="main_event_reports",
        ),
    )


def story_list() -> QuerySet[Story]:
    """Stories with their article ids, article count and first publication day.

    The count and the first day are subqueries over the story's own articles (index
    ``article_story_published_idx``), computed for the rows of the page only; aggregating over a join
    with every article grouped all the stories before the first page could be read.
    """
    # A copy of the query built once: resolving its three subqueries cost each request ~1 ms.
    return _story_list().all()


@functools.cache
def _story_list() -> QuerySet[Story]:
    members = Article.objects.filter(story_id=OuterRef("pk")).order_by().values("story_id")
    return (
        # The ids in the articles' default order, as ``story.articles.all()`` lists them: one column of
        # the page's own query (a prefetch made a model instance of every article of the page).
        Story.objects.annotate(
            article_ids=JSONList(Article.objects.filter(story_id=OuterRef("pk")), "id"),
            article_count=Coalesce(Subquery(members.annotate(count=Count("pk")).values("count")), 0),
            first_published_at=Subquery(members.annotate(first=Min("published_at")).values("first")),
        ).order_by("-id")
    )


SEARCH_CONFIG = "english"
# A ranked search ranks the newest SEARCH_RANKED matches. Ranking reads each match's whole search vector:
# over every match of a common word that was 1 s a page at 100k articles and grows with the archive; the
# newest matches are read from the date index (or the GIN index's bitmap for a rare word) up to this
# bound, whatever the archive's size. Older matches are reached by ordering by date (all matches, the
# list's own keyset) or narrowing with published_before.
SEARCH_RANKED = 500


def article_search(
    queryset: QuerySet[Article], text: str, *, ranked: bool = True, base: QuerySet[Article] | None = None
) -> QuerySet[Article]:
    """Articles of ``queryset`` matching ``text`` in web-search syntax ("quoted phrase", -exclusion, or).

    ``ranked``: the newest ``SEARCH_RANKED`` matches, best first (``search_rank``, then newest first);
    otherwise every match, in the order the caller gives (an explicit ``ordering``). ``base`` is the
    queryset before the caller's other filters (the window already applies them): the ranked rows are
    read from it by id.

    PostgreSQL: full-text search over the GIN-indexed ``search_vector`` (title weighted above
    body), ranked by ``ts_rank``. SQLite: the same syntax over the FTS5 index of ``articles.fts``
    (stemmed like PostgreSQL's 'english'), ranked by bm25 with the title weighted above the body.
    """
    text = (text or "").strip()
    if not text:
        return queryset
    if connection.vendor == "postgresql":
        query = SearchQuery(text, config=SEARCH_CONFIG, search_type="websearch")
        matching = queryset.filter(search_vector=query)
        # ts_rank is a float4; as a float8 it survives the trip through a cursor exactly.
        rank = Cast(SearchRank(F("search_vector"), query), FloatField())
    else:
        required, excluded = fts.websearch_to_fts5(text)
        if required is None and excluded is None:
            return queryset.none()
        found = f"SELECT rowid FROM {fts.TABLE} WHERE {fts.TABLE} MATCH %s"
        matching = queryset
        if excluded is not None:
            matching = matching.exclude(id__in=RawSQL(found, [excluded]))
        if required is not None:
            matching = matching.filter(id__in=RawSQL(found, [required]))
            # bm25 is lower for better matches; negated so that, as on PostgreSQL, a higher rank is better.
            rank = RawSQL(
                f"SELECT -bm25({fts.TABLE}, {fts.TITLE_WEIGHT}, {fts.BODY_WEIGHT}) FROM {fts.TABLE} "
                f"WHERE {fts.TABLE} MATCH %s AND rowid = articles_article.id",
                [required],
                output_field=FloatField(),
            )
        else:
            rank = Value(0.0, output_field=FloatField())
    if not ranked:
        return matching
    newest = matching.order_by(F("published_at").desc(nulls_last=True), "-id").values("pk")[:SEARCH_RANKED]
    return (
        (queryset if base is None else base)
        .filter(pk__in=newest)
        .annotate(search_rank=rank)
        .order_by("-search_rank", "-published_at", "-id")
    )


def quote_search(queryset: QuerySet[Quote], text: str) -> QuerySet[Quote]:
    """Quotes whose text matches ``text``.

    PostgreSQL: full-text, as ``q`` on articles (English stemming, web-search syntax: every word, a
    "quoted phrase", -exclusion, or), over the quote's stored tsvector and its GIN index (migration 0013).
    SQLite: the text as a case-insensitive substring (a plain scan; development databases are small).
    """
    text = (text or "").strip()
    if not text:
        return queryset
    if connection.vendor == "postgresql":
        # The stored, GIN-indexed vector (migration 0013): not a model field, SQLite has none.
        matches = RawSQL(
            "text_vector @@ websearch_to_tsquery(%s::regconfig, %s)",
            [SEARCH_CONFIG, text],
            output_field=BooleanField(),
        )
        return queryset.filter(matches)
    return queryset.filter(text__icontains=text)


def article_entities(*, article_id: int) -> QuerySet[Entity]:
    """The entities one article mentions, most mentioned first."""
    return (
        Entity.objects.filter(mentions__article_id=article_id)
        .annotate(article_mention_count=Count("mentions", filter=Q(mentions__article_id=article_id)))
        .order_by("-article_mention_count", "name")
    )


def entity_related(*, entity: Entity) -> QuerySet[Entity]:
    """Entities mentioned in the same articles as ``entity``, by number of shared articles."""
    article_ids = Mention.objects.filter(entity=entity).values("article_id")
    return (
        Entity.objects.filter(mentions__article_id__in=article_ids)
        .exclude(pk=entity.pk)
        .annotate(shared_article_count=Count("mentions__article", distinct=True))
        .order_by("-shared_article_count", "name")
    )


def entity_timeline(*, entity: Entity) -> QuerySet:
    """Mentions of ``entity`` per publication day (articles with no known date are left out), one row a day."""
    return (
        Mention.objects.filter(entity=entity, article__published_at__isnull=False)
        .values(date=F("article__published_at"))
        .annotate(mention_count=Count("id"), article_count=Count("article", distinct=True))
        .order_by("date")
    )


def entity_story_ids(entity_ids: Collection[int]) -> dict[int, set[int]]:
    """The stories whose articles mention each of ``entity_ids``, in one query. The entities admin's
    duplicates view ranks pairs named in the same stories first (registered in ``articles.apps``)."""
    stories: dict[int, set[int]] = defaultdict(set)
    for entity_id, story_id in (
        Mention.objects.filter(entity_id__in=entity_ids, article__story_id__isnull=False)
        .values_list("entity_id", "article__story_id")
        .distinct()
    ):
        stories[entity_id].add(story_id)
    return stories
