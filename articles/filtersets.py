"""Filters for the article, quote, event and story lists, and the entity list's filters over mentions."""

import django_filters
from django.db import connection
from django.db.models import Exists, F, OuterRef, Q, QuerySet, Sum

from articles.choices import EventType, QuoteKind
from articles.models import (
    Article,
    ArticleAuthor,
    EntityArticle,
    EntityDay,
    EntitySource,
    Event,
    EventReport,
    Mention,
    Quote,
    Source,
    Story,
    entity_type_sets,
)
from articles.selectors import SEARCH_RANKED, article_search, quote_search
from articles.services import author_key
from entities.choices import EntityType
from entities.models import Entity
from newsapi.api.filters import (
    ENTITY_REF_HELP,
    SOURCE_REF_HELP,
    CaseBlindChoiceFilter,
    DateRangeFilter,
    EntityRefFilter,
    IdFilter,
    NewsFilterSet,
    RelatedBooleanFilter,
    RelatedDateRangeFilter,
    RelatedIdFilter,
    SourceRefFilter,
)
from newsapi.api.pagination import PageIds, with_ids_first, with_page_ids
from newsapi.db import InArray

# An entity in at most this many articles (its maintained article_count): a list filtered by it reads its
# articles by id and sorts what they hold. Walking the list's order until a page of them turns up costs
# 101 x articles / article_count rows when they are spread over time, and the whole table when they are
# old (0.7 s at 100k articles for an entity of 230 articles); reading them costs their number, whatever
# their dates.
ENTITY_ARTICLES_READ = 10_000


class MentionedEntityFilter(EntityRefFilter):
    """An entity filter through the articles' mentions (``entity`` on articles, quotes and stories). One
    entity in few articles is read by its articles' ids (PostgreSQL): the row's id is among them, or with
    ``story`` among their story ids, or with ``rows`` (a table with an index of its article id and id)
    among the ids read from that index. Other cases walk the list's order (``EntityRefFilter``).

    ``links`` (the article list): when nothing else filters the list and none of the entity's articles is
    undated, a page's ids are read from its ``EntityArticle`` rows (``PageIds``), in the list's order from
    their index (migration 0021), whatever its number of articles, and stop at the page's end (at 1M
    articles, an entity in 2,208 articles: 29-47 ms reading and sorting them all, 2 ms). As a join on the
    article and its day the planner expected one row (the day's equality is redundant) and chose either
    plan. An entity with an undated article, or other filters, keep the read by ids."""

    def __init__(self, *, story: bool = False, rows: str | None = None, links: bool = False, **kwargs):
        self.story = story
        self.rows = rows
        self.links = links
        super().__init__(**kwargs)

    def filter(self, queryset, value):
        if len(value or []) != 1 or connection.vendor != "postgresql":
            return super().filter(queryset, value)
        entity_ids = value[0]
        if self.links:
            # The entity's article count and whether any of its articles is undated, in one query.
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT (SELECT SUM(article_count) FROM entities_entity WHERE id = ANY(%s::bigint[])), "
                    "EXISTS (SELECT 1 FROM articles_entityarticle WHERE entity_id = ANY(%s::bigint[]) "
                    "AND published_at IS NULL)",
                    [list(entity_ids), list(entity_ids)],
                )
                articles, undated = cursor.fetchone()
            if len(entity_ids) == 1 and not undated and not queryset.query.where:
                filtered = self._by_ids(queryset, entity_ids, articles)
                page_ids = PageIds(
                    source=EntityArticle.objects.filter(entity_id=entity_ids[0]),
                    columns={"published_at": "published_at", "id": "article_id"},
                    id_column="article_id",
                    conditions=len(filtered.query.where.children),
                )
                return with_page_ids(filtered, page_ids)
        else:
            articles = Entity.objects.filter(id__in=entity_ids).aggregate(total=Sum("article_count"))["total"]
        return self._by_ids(queryset, entity_ids, articles)

    def _by_ids(self, queryset, entity_ids, articles):
        """The rows of an entity's articles read by id (at most ENTITY_ARTICLES_READ), or walked."""
        if (articles or 0) > ENTITY_ARTICLES_READ:
            return super().filter(queryset, [entity_ids])
        # ARRAY(...) is computed once and looked up in an index of the article id: the planner cannot turn
        # it into a semi-join walked along the list's order.
        articles = "SELECT article_id FROM entities_mention WHERE entity_id = ANY(%s::bigint[])"
        if self.story:
            # The articles' ids are an ARRAY too, looked up in the primary key: as ``id IN (...)`` the
            # planner expected ten times the entity's articles and hashed them against all articles' story
            # index (1M articles: 130 ms, now 36-50 ms).
            articles = f"SELECT DISTINCT story_id FROM articles_article WHERE id = ANY(ARRAY({articles}))"
        elif self.rows:
            # The rows' ids from an index of (article id, id) alone, no row read: then a newest-first list
            # reads the primary key backwards through the sorted id array and stops at the page's end. Read by
            # article id, every row of the entity's articles was fetched and sorted (at 1M articles, 40k
            # quotes for an entity in 2,200 articles: 780 ms -> 15 ms).
            articles = f"SELECT id FROM {self.rows} WHERE article_id = ANY(ARRAY({articles}))"
        return queryset.filter(InArray(F("pk"), articles, [list(entity_ids)]))


class ArticleFilterSet(NewsFilterSet):
    q = django_filters.CharFilter(
        method="search",
        label=(
            'Words in title or body, in web-search syntax (`"a phrase"`, `-word`, `or`; case-insensitive, '
            f"English stemming). Most relevant first among the {SEARCH_RANKED:,} newest matches; with an "
            "`ordering`, every match in that order."
        ),
    )
    source = SourceRefFilter(field_name="source_id", label=SOURCE_REF_HELP)
    published = DateRangeFilter(
        field_name="published_at", label="Published on or after / on or before (YYYY-MM-DD)"
    )
    entity = MentionedEntityFilter(
        paths=["mentions__entity"],
        links=True,
        label=f"Mentions these entities. {ENTITY_REF_HELP}",
    )
    entity_type = CaseBlindChoiceFilter(
        method="mentions_type",
        choices=EntityType.choices,
        label="Mentions at least one entity of this type",
    )
    speaker = EntityRefFilter(paths=["quotes__speaker"], label=f"Quotes these speakers. {ENTITY_REF_HELP}")
    story = IdFilter(field_name="story_id", label="Story id")
    author = django_filters.CharFilter(
        method="by_author",
        label="Written by this author: one name as the article's `authors` give it, in any case "
        "(`author=jane doe`).",
    )
    language = django_filters.CharFilter(field_name="language", lookup_expr="iexact", label="ISO 639-1 code")
    event = RelatedDateRangeFilter(
        field_name="event_reports__event_date",
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
            "author",
            "language",
            "event",
        ]

    def by_author(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        # The author's articles are read from the unique index (key, article) of ``ArticleAuthor``: the cost
        # is that author's articles, whatever the archive holds. On PostgreSQL the ids are read once
        # (ARRAY) and looked up in the primary key; as a semi-join the planner may walk the list's order
        # probing each article, the whole table for an author with few or old articles.
        # When nothing else filters the list and none of the author's articles is undated, a page's ids are
        # read from the author's rows in the list's order (their index (key, published_at DESC NULLS LAST,
        # article DESC), migration 0028) and stop at the page's end, as ``entity`` does: reading all of an
        # author's articles by id and sorting them cost 152 ms a page at 1M articles for an author of 50,000.
        key = author_key(value)
        if not key:
            return queryset
        rows = ArticleAuthor.objects.filter(key=key)
        if connection.vendor != "postgresql":
            return queryset.filter(pk__in=rows.values("article_id"))
        table = ArticleAuthor._meta.db_table
        filtered = queryset.filter(InArray(F("pk"), f"SELECT article_id FROM {table} WHERE key = %s", [key]))
        if queryset.query.where or rows.filter(published_at__isnull=True).exists():
            return filtered
        page_ids = PageIds(
            source=rows,
            columns={"published_at": "published_at", "id": "article_id"},
            id_column="article_id",
            conditions=len(filtered.query.where.children),
        )
        return with_page_ids(filtered, page_ids)

    def mentions_type(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        # The article's maintained set of entity types (Article.entity_types), tested on each row the list
        # walks in its order: no semi-join through the mentions.
        return queryset.filter(entity_types__in=entity_type_sets(value))

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset  # applied after the other filters (filter_queryset): the ranked window needs them

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        filtered = super().filter_queryset(queryset)
        text = self.form.cleaned_data.get("q")
        if not text:
            return filtered
        ordering = self.request.query_params.get("ordering") if self.request is not None else None
        return article_search(filtered, text, ranked=not ordering, base=queryset)


class QuoteFilterSet(NewsFilterSet):
    speaker = EntityRefFilter(paths=["speaker"], label=f"Said by this speaker. {ENTITY_REF_HELP}")
    speaker_type = CaseBlindChoiceFilter(
        field_name="speaker__type", choices=EntityType.choices, label="The speaker's entity type"
    )
    entity = MentionedEntityFilter(
        paths=["article__mentions__entity"],
        rows="articles_quote",
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
    kind = CaseBlindChoiceFilter(field_name="kind", choices=QuoteKind.choices, label="Direct or indirect")
    group = IdFilter(field_name="group_id", label="Quote group id")
    q = django_filters.CharFilter(
        method="search",
        label=(
            'Words in the quote, in web-search syntax (`"a phrase"`, `-word`, `or`; case-insensitive, '
            "English stemming: `oppose` finds 'opposed'); on a SQLite development database, the text as a "
            "substring."
        ),
    )

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
        return quote_search(queryset, value)

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        filtered = super().filter_queryset(queryset)
        # A filter on the quote's article (source, story, language, published) joins it: the page's ids are
        # read from the quotes and articles alone, then its rows with their speakers and groups. Joined
        # whole, PostgreSQL joined every match to its speaker before sorting them (it sorts only a scan's
        # or a join's whole output): at 1M articles the last 30 days' 2,160 quotes hashed against all
        # 107k entities, 79 ms (2 ms when the speakers are read for the page's quotes only).
        if Article._meta.db_table in {join.table_name for join in filtered.query.alias_map.values()}:
            return with_ids_first(filtered)
        return filtered


class ReportSourceFilter(SourceRefFilter):
    """``source`` on events: the events with a report whose copy of its article's source is this one.

    On PostgreSQL, when none of the source's reports is of an undated event (one bounded lookup), a report
    matches its event on the copied date as well as the id: the list's order (date, id) then merges with
    the index of the source's reports in that same order (``eventreport_source_date_idx``), which reads no
    more of them than the page holds. Probing each event walked for a report of the source walked all the
    events of the dates the source did not report (at 1M articles, 50,852 events for the largest source's
    first page: 250 ms on a loaded machine; the merge 41 ms). An undated event never equals on its date,
    so a source with one keeps the probe."""

    def filter(self, queryset, value):
        if value is None:
            return queryset
        reports = EventReport.objects.filter(source_id=value)
        if connection.vendor == "postgresql" and not reports.filter(event_date__isnull=True).exists():
            matching = reports.filter(event_id=OuterRef("pk"), event_date=OuterRef("date"))
            # The merge walks the events' date order: their ids alone, from the index (at 1M articles, 50,852
            # events for the largest source's first page: 46k buffers read whole, 1.8k from the index).
            return with_ids_first(queryset.filter(Exists(matching)))
        return queryset.filter(pk__in=reports.values("event_id"))


class EventFilterSet(NewsFilterSet):
    date = DateRangeFilter(field_name="date", label="On or after / on or before (YYYY-MM-DD)")
    participant = EntityRefFilter(paths=["participants"], label=f"Took part. {ENTITY_REF_HELP}")
    location = EntityRefFilter(paths=["location"], label=f"Took place there. {ENTITY_REF_HELP}")
    entity = EntityRefFilter(
        paths=["participants", "location"], label=f"Took part or was the place. {ENTITY_REF_HELP}"
    )
    story = RelatedIdFilter(field_name="articles__story", label="Reported in the story with this id")
    source = ReportSourceFilter(label=f"Reported by this source. {SOURCE_REF_HELP}")
    # One of the documented types in any case (a misspelt one is a 400 listing them, not an empty list).
    # Compared with iexact although the value is already the stored one: the index serving it is on
    # UPPER(type) (migration 0009, event_type_date_idx).
    type = CaseBlindChoiceFilter(
        field_name="type",
        lookup_expr="iexact",
        choices=EventType.choices,
        label="Event type, e.g. 'accident', 'diplomacy'",
    )
    kind = django_filters.CharFilter(
        field_name="kind", lookup_expr="iexact", label="Finer kind of event, e.g. 'talks', 'visit'"
    )
    main = RelatedBooleanFilter(
        field_name="reports__is_main",
        label="true: the main event of at least one article; false: the main event of none",
    )
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


# A date range of at most this many articles (one bounded count of the date index): their story ids are read
# once (ARRAY) and looked up in the story list's primary key, newest first. Walked as a semi-join, the list
# merged its whole primary key with the range's story ids down to the page's last one (at 1M articles, the
# last 30 days' 135 articles: 64 ms through 229k stories; read by id, 2 ms). A longer range names many
# stories, found soon by walking the list.
STORY_ARTICLES_READ = 10_000


class StoryPublishedFilter(RelatedDateRangeFilter):
    """``published_after`` / ``published_before`` on stories: the stories with an article in the range."""

    def filter(self, queryset, value):
        if not value:
            return queryset
        if connection.vendor != "postgresql":
            return super().filter(queryset, value)
        articles = Article.objects.order_by().filter(**self.bounds("published_at", value))
        if articles[: STORY_ARTICLES_READ + 1].count() > STORY_ARTICLES_READ:
            return super().filter(queryset, value)
        sql, params = articles.values("story_id").distinct().query.sql_with_params()
        return queryset.filter(InArray(F("pk"), sql, params))


class StoryFilterSet(NewsFilterSet):
    article = RelatedIdFilter(field_name="articles", label="Contains the article with this id")
    entity = MentionedEntityFilter(
        paths=["articles__mentions__entity"],
        story=True,
        label=f"Its articles mention these entities. {ENTITY_REF_HELP}",
    )
    published = StoryPublishedFilter(
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


# ``related_to`` reads each named entity's RELATED_ARTICLES most recently stored articles: every entity
# mentioned in all of a prolific entity's articles is one read of all their mentions (14 s at 100k
# articles for the most mentioned entity); this many articles' mentions are read from two indexes.
RELATED_ARTICLES = 1000


class RelatedToFilter(EntityRefFilter):
    """Entities mentioned in the same articles as every listed entity (AND), within each listed entity's
    ``RELATED_ARTICLES`` most recently stored articles (the highest ids: the mention index's order)."""

    def filter(self, queryset, value):
        if not value:
            return queryset
        for entity_ids in value:
            if connection.vendor == "postgresql":
                # The named entities' ids, read once (ARRAY) and looked up in the primary key: as a semi-join
                # PostgreSQL walked the entities by name, probing each one's mentions (5 s at 1M articles).
                # The (entity, article) pairs (EntityArticle), not the mentions: one row per pair where the
                # mentions hold one per span (at 1M articles, 82k mentions of the 1,000 articles).
                queryset = queryset.filter(
                    InArray(
                        F("pk"),
                        "SELECT DISTINCT named.entity_id FROM articles_entityarticle named WHERE named.article_id IN "
                        "(SELECT DISTINCT article_id FROM articles_entityarticle WHERE entity_id = ANY(%s::bigint[]) "
                        "ORDER BY article_id DESC LIMIT %s)",
                        [list(entity_ids), RELATED_ARTICLES],
                    )
                )
                continue
            recent = (
                Mention.objects.filter(entity_id__in=entity_ids)
                .order_by("-article_id")
                .values("article_id")
                .distinct()[:RELATED_ARTICLES]
            )
            named = Mention.objects.filter(article_id__in=recent).order_by().values("entity_id")
            queryset = queryset.filter(pk__in=named)
        return queryset


# A window of at most this many EntityDay rows (one bounded count of its index): its entities are read once
# and looked up by id (at 1M articles, the last year's ~50k rows: 15 ms; walking the list for its 1,000
# entities took 424 ms). More rows name many entities, found soon by walking the list and probing each.
ENTITY_DAYS_READ = 100_000


class EntityPublishedFilter(DateRangeFilter):
    """``published_after`` / ``published_before`` on entities: the entities with a row in ``EntityDay``
    (their article counts per publication day, kept by the services) in the range. A short window (at most
    ``ENTITY_DAYS_READ`` rows, PostgreSQL) has its entities read once from the (day, entity) index (ARRAY)
    and looked up by id; a longer one is a semi-join, the list walked with a probe of the (entity, day)
    index per entity. Through the mentions, a short window read every mention of its articles (1.3 s at
    100k articles on a loaded machine for 5,000 articles, the planner hashing all mentions) and a long one
    probed every walked entity's mentions and their articles (the first year at 1M: 100 ms to 5 s as the
    statistics moved)."""

    def filter(self, queryset, value):
        if not value:
            return queryset
        days = EntityDay.objects.order_by().filter(**self.bounds("day", value))
        if connection.vendor == "postgresql" and days[: ENTITY_DAYS_READ + 1].count() <= ENTITY_DAYS_READ:
            sql, params = days.values("entity_id").distinct().query.sql_with_params()
            return queryset.filter(InArray(F("pk"), sql, params))
        return queryset.filter(id__in=days.values("entity_id"))


class EntitySourceFilter(SourceRefFilter):
    """``source`` on entities: the entities with a row for the source in ``EntitySource`` (the counts per
    source the services keep), a probe of its unique index per entity the list walks, or the source's rows
    read at once. Through the mentions, a frequent source's entities cost a read of every mention of
    every entity walked (O(archive): 1.1 s a page at 1M articles). ``EntityPublishedFilter`` reads the
    counts per day the same way."""

    def filter(self, queryset, value):
        if value is None:
            return queryset
        return queryset.filter(id__in=EntitySource.objects.filter(source_id=value).values("entity_id"))


class EntityMentionFilterSet(NewsFilterSet):
    """The entity list's filters over mentions, which live here: ``articles.apps`` adds them to
    ``entities.filtersets.EntityFilterSet`` so that entities knows nothing of articles."""

    article = RelatedIdFilter(field_name="mentions__article", label="Mentioned in the article with this id")
    story = RelatedIdFilter(
        field_name="mentions__article__story", label="Mentioned in the story with this id"
    )
    source = EntitySourceFilter(label=f"Mentioned by this source. {SOURCE_REF_HELP}")
    published = EntityPublishedFilter(
        field_name="day",
        label="Mentioned in an article published on or after / on or before (YYYY-MM-DD)",
    )
    related_to = RelatedToFilter(
        paths=["mentions__article__mentions__entity"],
        label=(
            "Mentioned in the same articles as these entities (in each one's "
            f"{RELATED_ARTICLES:,} most recently stored articles). {ENTITY_REF_HELP}"
        ),
    )

    class Meta:
        model = Entity
        fields = ["article", "story", "source", "published", "related_to"]
