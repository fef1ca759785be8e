"""Read queries for articles, quotes, events and stories: each list's query plan in one place."""

import functools
from collections import defaultdict
from collections.abc import Collection

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection, transaction
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
from newsapi.api.pagination import PageWindow, Probe, keyset_of, probe_of, with_page_window
from newsapi.db import JSONList, prefetch_rows
from newsapi.remembered import Remembered

# The columns an article list prints (ArticleListSerializer's fields): the JSON columns it does not (date
# clues, time expressions) are large and decoded row by row, so loading them made a page of 100 several
# times slower.
ARTICLE_LIST_COLUMNS = (
    "id",
    "title",
    "url",
    "source",
    "authors",
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


# The columns a quote page prints (QuoteSerializer's fields are these, in this order, with its group's
# other reports before ``is_edited``) and of its speaker (EntityBriefSerializer) unless expanded: the
# edit marks' JSON, timestamps and the speaker's slug, role and counts were decoded into every row's
# instances (two JSON columns a row).
QUOTE_COLUMNS = ("id", "text", "kind", "speaker", "speaker_text", "cue", "article", "start", "end", "group")
QUOTE_LIST_COLUMNS = (*QUOTE_COLUMNS, "is_edited")


def quote_list(*, lean: bool = False, expand: Collection[str] = ()) -> QuerySet[Quote]:
    """Quotes with their speaker and their group's other reports. ``lean`` (a read): only the columns the
    page prints, the speaker in full when ``expand`` names it."""
    # A quote's other reports print their id, article, outlet name and text: only those are read (the
    # articles' bodies and raw texts were read with them before).
    reports = (
        Quote.objects.select_related("article__source")
        .only("id", "group_id", "article_id", "text", "article__source__name")
        .order_by("id")
    )
    quotes = Quote.objects.select_related("speaker", "group")
    if lean:
        speaker = () if "speaker" in expand else tuple(f"speaker__{c}" for c in ENTITY_BRIEF_COLUMNS)
        quotes = quotes.only(*QUOTE_LIST_COLUMNS, *speaker, "group__id")
    return quotes.prefetch_related(prefetch_rows("group__quotes", queryset=reports))


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
# over every match of a common word that was 1 s a page at 100k articles and grows with the archive.
# Older matches are reached by ordering by date (all matches, the list's own keyset) or narrowing with
# published_before.
SEARCH_RANKED = 500
# The newest matches are looked for first among the newest SEARCH_WINDOW articles (PostgreSQL): the GIN
# index's matches ANDed with the date index's range, each match's row read once and sorted. Walking the
# date index instead tests every article passed with its full-body vector (detoasted: ~4 pages each): at
# 1M articles the newest 500 of 'government' lay 23k articles deep (12.9 s with a cold cache). A word
# with fewer than SEARCH_RANKED matches in the window (under 1 %) goes on to the older articles with the
# planner's own plan (a rare word: its GIN matches, sorted).
SEARCH_WINDOW = 50_000
# The GIN bitmap of a common word covers most of the table's pages: in 4 MB (the default work_mem) it
# turns lossy beyond ~45k pages, and every article of the window on a lossy page is tested again with its
# vector (6k detoasts for 'government' at 1M articles). 64 MB keeps it exact to ~700k pages (~5M
# articles). Set for the window's statement only, with JIT off: the older branch's estimate (a whole
# archive's matches, seldom run) would otherwise make PostgreSQL compile the statement (50 ms to 1 s).
SEARCH_SETTINGS = {"work_mem": "64MB", "jit": "off"}
# With an ordering, the window is a range of the order's leading key: PostgreSQL would walk an index of
# that key testing each row's vector when the key follows the table's physical order (the id: 1.5-2 s for
# 'police' in a window of 50,000 at 100k articles, the bitmaps ANDed 0.1-0.2 s), so the window's statement
# reads indexes through bitmaps only (the rows past the window too, read only when the window holds fewer
# than a page).
ORDERED_SEARCH_SETTINGS = {"enable_indexscan": "off"}
# An ordered search's page is first looked for among the order's next SEARCH_PROBE x (page size + 1) rows,
# and a ranked search's SEARCH_RANKED newest matches among the newest SEARCH_PROBE x SEARCH_RANKED articles,
# each row tested with its vector (``pagination.probe_of``, in the statement that reads the window's end): a
# word in most articles has them there, read in as many rows whatever the archive's size, where the window
# read the GIN bitmap of all its matches and every match of the window (at 1M articles, 'said': 746,600
# matches, 34,931 in the window, 281 ms). A rarer word costs the probe's rows, then the window.
SEARCH_PROBE = 2


def article_search(
    queryset: QuerySet[Article], text: str, *, ranked: bool = True, base: QuerySet[Article] | None = None
) -> QuerySet[Article]:
    """Articles of ``queryset`` matching ``text`` in web-search syntax ("quoted phrase", -exclusion, or).

    ``ranked``: the newest ``SEARCH_RANKED`` matches, best first (``search_rank``, then newest first);
    otherwise every match, in the order the caller gives (an explicit ``ordering``), paged through a
    ``PageWindow`` of ``SEARCH_WINDOW`` rows on PostgreSQL. ``base`` is the
    queryset before the caller's other filters (the window already applies them): the ranked rows are
    read from it by id.

    PostgreSQL: full-text search over the GIN-indexed ``search_vector`` (title weighted above
    body), ranked by ``ts_rank``; the newest matches are read by ``_newest_matches`` (two statements
    in a transaction, before the page). SQLite: the same syntax over the FTS5 index of ``articles.fts``
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
        if connection.vendor == "postgresql":
            # Every match in the caller's order, a page at a time: the matches among the next SEARCH_WINDOW
            # rows of the order first (newsapi.api.pagination.PageWindow), as the ranked search's newest.
            settings = (*SEARCH_SETTINGS.items(), *ORDERED_SEARCH_SETTINGS.items())
            window = PageWindow(
                plain=queryset,
                rows=SEARCH_WINDOW,
                settings=settings,
                remember=WINDOW_START_TTL,
                condition=Q(search_vector=query),
                probe=SEARCH_PROBE,
            )
            return with_page_window(matching, window)
        return matching
    newest_first = matching.order_by(F("published_at").desc(nulls_last=True), "-id")
    if connection.vendor == "postgresql":
        probe = None
        if SEARCH_PROBE:
            plain = queryset.order_by(*newest_first.query.order_by)
            probe = probe_of(
                plain, Q(search_vector=query), keyset_of(plain), size=SEARCH_RANKED, times=SEARCH_PROBE
            )
        newest = _newest_matches(matching, newest_first, probe)
    else:
        newest = newest_first.values("pk")[:SEARCH_RANKED]
    return (
        (queryset if base is None else base)
        .filter(pk__in=newest)
        .annotate(search_rank=rank)
        .order_by("-search_rank", "-published_at", "-id")
    )


# The window's first day moves only as articles arrive: it is read (a walk of SEARCH_WINDOW entries of the
# date index, 16-28 ms a search at 1M articles) at most every WINDOW_START_TTL seconds per process and
# database. Any day gives the same matches in the same order (the older ones follow the window's, read
# only when it holds too few), so a day read minutes ago costs at most some speed.
WINDOW_START_TTL = 300.0
_window_start = Remembered()


def _newest_matches(
    matching: QuerySet[Article], newest_first: QuerySet[Article], probe: Probe | None = None
) -> list[int]:
    """Ids of the ``SEARCH_RANKED`` newest of ``matching`` (PostgreSQL), in one statement read as far as
    needed: the matches among the newest ``SEARCH_WINDOW`` articles (a MATERIALIZED CTE, planned for
    all its rows: the GIN and date bitmaps ANDed), sorted; then, only when those are fewer, the older
    ones in the planner's plan. The window's first day comes from the date index (index only)."""
    table = connection.ops.quote_name(Article._meta.db_table)
    with transaction.atomic(), connection.cursor() as cursor:
        settings = ", ".join("set_config(%s, %s, true)" for _ in SEARCH_SETTINGS)
        setting_values = [value for pair in SEARCH_SETTINGS.items() for value in pair]
        known, first_day = _window_start.fresh(connection.settings_dict["NAME"])
        walk, walk_params = "NULL", []
        if not known:
            walk = (
                f"(SELECT published_at FROM {table} ORDER BY published_at DESC NULLS LAST, id DESC "
                "OFFSET %s LIMIT 1)"
            )
            walk_params = [SEARCH_WINDOW - 1]
        if probe is None:
            cursor.execute(f"SELECT {walk}, {settings}", [*walk_params, *setting_values])
            row = cursor.fetchone()
        else:
            # The newest rows tested first (see SEARCH_PROBE); the window's first day is read (a subquery run
            # when first needed) only when they do not hold the SEARCH_RANKED newest matches.
            cursor.execute(
                f"SELECT probe.found, probe.tested, CASE WHEN cardinality(probe.found) >= %s OR probe.tested < %s "
                f"THEN NULL ELSE {walk} END, {settings} FROM ({probe.sql}) AS probe",
                [probe.size, probe.rows, *walk_params, *setting_values, *probe.params],
            )
            row = cursor.fetchone()
            found = probe.page(row[0], row[1])
            if found is not None:
                return found
            row = row[2:]
        if not known:
            first_day = row[0]
            _window_start.remember(connection.settings_dict["NAME"], first_day, WINDOW_START_TTL)
        if first_day is None:  # fewer dated articles than the window: the planner's plan over all of them
            sql, params = newest_first.values("id")[:SEARCH_RANKED].query.sql_with_params()
        else:
            recent_sql, recent_params = (
                matching.filter(published_at__gte=first_day).order_by().values("id", "published_at")
            ).query.sql_with_params()
            older_sql, older_params = (
                newest_first.filter(Q(published_at__lt=first_day) | Q(published_at__isnull=True))
                .values("id", "published_at")[:SEARCH_RANKED]
                .query.sql_with_params()
            )
            # Append reads its branches in turn and LIMIT stops it: the older branch runs only when the
            # window holds fewer matches, and then its rows all come after the window's.
            sql = (
                f"WITH recent (id, published_at) AS MATERIALIZED ({recent_sql}) "
                "SELECT id FROM ((SELECT id, published_at FROM recent "
                "ORDER BY published_at DESC NULLS LAST, id DESC) "
                f"UNION ALL ({older_sql})) AS newest LIMIT %s"
            )
            params = (*recent_params, *older_params, SEARCH_RANKED)
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


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


def entity_timeline_undated(*, entity: Entity) -> dict[str, int]:
    """What ``entity_timeline`` leaves out: the entity's mentions in articles with no known publication
    day, and those articles."""
    return Mention.objects.filter(entity=entity, article__published_at__isnull=True).aggregate(
        mention_count=Count("id"), article_count=Count("article", distinct=True)
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
