"""URLs for benchmarks/list_scale.py: newsapi's own, plus the floor and the peer of each list.

Served by the same gunicorn (``DJANGO_SETTINGS_MODULE=benchmarks.list_scale_server``), so the three
answer through the same HTTP stack and middleware (settings: ``benchmarks.list_scale_settings``):

- ``/api/v1/<list>/``: newsapi itself.
- ``/floor/<list>/``: a plain Django view running one raw SQL query for the same page (same filters,
  same order, the keyset position given as ``after=[...]``; nested collections as JSON subqueries)
  and serialising with orjson. Entity and source filters take ids.
- ``/peer/<list>/``: a plain DRF ModelViewSet with a default ModelSerializer (foreign keys and
  many-to-many fields as ids, prefetched), django-filter filters of the same meaning and DRF's
  CursorPagination on the list's default ordering.
"""

from __future__ import annotations

import contextlib
import json

import django_filters
import orjson
from django.contrib.postgres.search import SearchQuery
from django.db import connection, transaction
from django.http import HttpResponse
from django.urls import include, path
from rest_framework import pagination, serializers, viewsets
from rest_framework.routers import SimpleRouter

from articles.api.serializers import (
    ARTICLE_LIST_FIELDS,
    EventSerializer,
    QuoteSerializer,
    SourceListSerializer,
    StorySerializer,
)
from articles.filtersets import RELATED_ARTICLES
from articles.models import Article, Event, Mention, Quote, Source, Story
from articles.selectors import (
    SEARCH_RANKED,
    SEARCH_SETTINGS,
    SEARCH_WINDOW,
    quote_search,
)
from entities.api.serializers import EntitySerializer
from entities.models import Entity

# ------------------------------------------------------------------------------------------ the floor


def _has_column(table: str, column: str) -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM information_schema.columns WHERE table_name = %s AND column_name = %s",
            [table, column],
        )
        return cursor.fetchone() is not None


def _source_count(alias: str) -> str:
    """The maintained article count where the schema has it, else counted per outlet of the page."""
    if _has_column("articles_source", "article_count"):
        return f"{alias}.article_count"
    return f"(SELECT count(*) FROM articles_article a WHERE a.source_id = {alias}.id)"


# The reports' copy of their event's date, where the schema has it (as newsapi reads it).
REPORT_DATE_FILTERS = {
    "event_after": "EXISTS (SELECT 1 FROM articles_eventreport r WHERE r.article_id = a.id AND r.event_date >= %s)",
    "event_before": "EXISTS (SELECT 1 FROM articles_eventreport r WHERE r.article_id = a.id AND r.event_date <= %s)",
}


ENTITY_BRIEF = "json_build_object('id', {t}.id, 'name', {t}.name, 'type', {t}.type)"


def _entity_counts(alias: str) -> str:
    """Maintained count columns where the schema has them, else counted per row of the page."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'entities_entity'"
        )
        columns = {row[0] for row in cursor.fetchall()}
    if {"mention_count", "article_count"} <= columns:
        return f"{alias}.mention_count, {alias}.article_count"
    return (
        f"(SELECT count(*) FROM entities_mention m WHERE m.entity_id = {alias}.id), "
        f"(SELECT count(DISTINCT m.article_id) FROM entities_mention m WHERE m.entity_id = {alias}.id)"
    )


def _newest_matches(window_order: str, limit) -> str:
    """``a.id IN (...)``: the ``limit`` newest matches of q as articles.selectors reads them, in the same
    statement as the page: the matches among the newest SEARCH_WINDOW articles first (the day of the
    window's last article in ``window_order``, from the date index; a MATERIALIZED CTE, the GIN and date
    bitmaps ANDed), the older ones only when those are fewer (with fewer dated articles than the window,
    every dated match is in it). The statement runs with newsapi's SEARCH_SETTINGS (floor_view). The
    benchmark's q comes alone; with other filters the window would hold them too."""
    return (
        "a.id IN (WITH w_first AS (SELECT coalesce((SELECT published_at FROM articles_article "
        f"ORDER BY {window_order} OFFSET {SEARCH_WINDOW - 1} LIMIT 1), '-infinity'::date) AS day), "
        "w_recent AS MATERIALIZED (SELECT w.id, w.published_at FROM articles_article w "
        "WHERE w.search_vector @@ websearch_to_tsquery('english', %s) "
        "AND w.published_at >= (SELECT day FROM w_first)) "
        "SELECT id FROM ((SELECT id, published_at FROM w_recent ORDER BY published_at DESC NULLS LAST, id DESC) "
        "UNION ALL (SELECT w.id, w.published_at FROM articles_article w "
        "WHERE w.search_vector @@ websearch_to_tsquery('english', %s) "
        "AND (w.published_at < (SELECT day FROM w_first) OR w.published_at IS NULL) "
        f"ORDER BY w.published_at DESC NULLS LAST, w.id DESC LIMIT {limit})) AS newest LIMIT {limit})"
    )


FLOOR = {
    "articles": {
        "select": (
            "SELECT a.id, a.title, a.url, CASE WHEN s.id IS NULL THEN NULL ELSE "
            "json_build_object('id', s.id, 'name', s.name, 'domain', s.domain) END, a.published_at, "
            "a.published_at_confidence, a.language, a.story_id, a.is_edited "
            "FROM articles_article a LEFT JOIN articles_source s ON s.id = a.source_id"
        ),
        "fields": ARTICLE_LIST_FIELDS,
        "order": [("a.published_at", True, True), ("a.id", True, False)],
        "filters": {
            "source": "a.source_id = %s",
            "published_after": "a.published_at >= %s",
            "published_before": "a.published_at <= %s",
            "entity": "EXISTS (SELECT 1 FROM entities_mention m WHERE m.article_id = a.id AND m.entity_id = %s)",
            # The mentions; the maintained set of types where the schema has it (floor_view).
            "entity_type": "EXISTS (SELECT 1 FROM entities_mention m JOIN entities_entity e ON e.id = m.entity_id "
            "WHERE m.article_id = a.id AND e.type = %s)",
            "speaker": "EXISTS (SELECT 1 FROM articles_quote q WHERE q.article_id = a.id AND q.speaker_id = %s)",
            "story": "a.story_id = %s",
            "language": "UPPER(a.language) = UPPER(%s)",
            "event_after": "EXISTS (SELECT 1 FROM articles_eventreport r JOIN articles_event ev ON ev.id = r.event_id "
            "WHERE r.article_id = a.id AND ev.date >= %s)",
            "event_before": "EXISTS (SELECT 1 FROM articles_eventreport r JOIN articles_event ev ON ev.id = r.event_id "
            "WHERE r.article_id = a.id AND ev.date <= %s)",
            # The SEARCH_RANKED newest matches as articles.selectors.article_search reads them, in the same
            # statement as the page: the matches among the newest SEARCH_WINDOW articles first (the day of
            # the window's last article from the date index; a MATERIALIZED CTE, the GIN and date bitmaps
            # ANDed), the older ones only when those are fewer (with fewer dated articles than the
            # window, every dated match is in it). The statement runs with newsapi's SEARCH_SETTINGS
            # (floor_view). The benchmark's q comes alone; with other filters the window would hold them too.
            "q": _newest_matches("published_at DESC NULLS LAST, id DESC", SEARCH_RANKED),
            # With ``ordering``: every match in the list's order, as newsapi pages it (PageWindow): the
            # matches up to the day of the SEARCH_WINDOW-th article read at once, the older ones only when
            # those are fewer than the page.
            "q_ordered": _newest_matches("published_at DESC NULLS LAST", "{size}"),
        },
        "rank": (
            "ts_rank(a.search_vector, websearch_to_tsquery('english', %s))::float8 DESC, "
            "a.published_at DESC NULLS LAST, a.id DESC"
        ),
    },
    "quotes": {
        "select": (
            "SELECT q.id, q.text, q.kind, CASE WHEN sp.id IS NULL THEN NULL ELSE "
            + ENTITY_BRIEF.format(t="sp")
            + ' END, q.speaker_text, q.cue, q.article_id, q.start, q."end", q.group_id, '
            "CASE WHEN q.group_id IS NULL THEN '[]'::json ELSE (SELECT coalesce(json_agg(json_build_object("
            "'id', o.id, 'article', o.article_id, 'source', os.name, 'text', o.text) ORDER BY o.id), '[]'::json) "
            "FROM articles_quote o JOIN articles_article oa ON oa.id = o.article_id "
            "LEFT JOIN articles_source os ON os.id = oa.source_id WHERE o.group_id = q.group_id AND o.id <> q.id) END, "
            "q.is_edited FROM articles_quote q JOIN articles_article a ON a.id = q.article_id "
            "LEFT JOIN entities_entity sp ON sp.id = q.speaker_id"
        ),
        "fields": QuoteSerializer.Meta.fields,
        "order": [("q.id", True, False)],
        "filters": {
            "speaker": "q.speaker_id = %s",
            "speaker_type": "sp.type = %s",
            "entity": "EXISTS (SELECT 1 FROM entities_mention m WHERE m.article_id = q.article_id AND m.entity_id = %s)",
            "article": "q.article_id = %s",
            "source": "a.source_id = %s",
            "story": "a.story_id = %s",
            "language": "UPPER(a.language) = UPPER(%s)",
            "published_after": "a.published_at >= %s",
            "published_before": "a.published_at <= %s",
            "kind": "q.kind = %s",
            "group": "q.group_id = %s",
            "q": "q.text_vector @@ websearch_to_tsquery('english', %s)",
        },
    },
    "events": {
        "select": (
            "SELECT ev.id, ev.title, ev.type, ev.kind, ev.date, ev.date_precision, ev.date_text, ev.date_confidence, "
            "CASE WHEN loc.id IS NULL THEN NULL ELSE "
            + ENTITY_BRIEF.format(t="loc")
            + " END, (SELECT coalesce(json_agg("
            + ENTITY_BRIEF.format(t="pe")
            + " ORDER BY pe.name, pe.id), '[]'::json) FROM articles_event_participants p "
            "JOIN entities_entity pe ON pe.id = p.entity_id WHERE p.event_id = ev.id), "
            "(SELECT coalesce(json_agg(r.article_id ORDER BY r.article_id), '[]'::json) FROM articles_eventreport r "
            "WHERE r.event_id = ev.id), "
            "(SELECT coalesce(json_agg(json_build_object('article', r.article_id, 'start', r.start, 'end', r.\"end\", "
            "'text', r.text, 'is_main', r.is_main, 'evidence', r.evidence) ORDER BY r.article_id), '[]'::json) "
            "FROM articles_eventreport r WHERE r.event_id = ev.id), ev.is_edited "
            "FROM articles_event ev LEFT JOIN entities_entity loc ON loc.id = ev.location_id"
        ),
        "fields": EventSerializer.Meta.fields,
        "order": [("ev.date", True, True), ("ev.id", False, False)],
        "filters": {
            "date_after": "ev.date >= %s",
            "date_before": "ev.date <= %s",
            "participant": "EXISTS (SELECT 1 FROM articles_event_participants p WHERE p.event_id = ev.id AND p.entity_id = %s)",
            "location": "ev.location_id = %s",
            "entity": "(EXISTS (SELECT 1 FROM articles_event_participants p WHERE p.event_id = ev.id AND p.entity_id = %s) "
            "OR ev.location_id = %s)",
            "type": "UPPER(ev.type) = UPPER(%s)",
            "kind": "UPPER(ev.kind) = UPPER(%s)",
            "main": "EXISTS (SELECT 1 FROM articles_eventreport r WHERE r.event_id = ev.id AND r.is_main = %s)",
            "article": "EXISTS (SELECT 1 FROM articles_eventreport r WHERE r.event_id = ev.id AND r.article_id = %s)",
            "story": "EXISTS (SELECT 1 FROM articles_eventreport r JOIN articles_article a ON a.id = r.article_id "
            "WHERE r.event_id = ev.id AND a.story_id = %s)",
            "source": "EXISTS (SELECT 1 FROM articles_eventreport r JOIN articles_article a ON a.id = r.article_id "
            "WHERE r.event_id = ev.id AND a.source_id = %s)",
        },
    },
    "stories": {
        "select": (
            "SELECT st.id, st.title, x.ids, x.n, x.first, st.is_edited FROM articles_story st "
            "LEFT JOIN LATERAL (SELECT coalesce(json_agg(a.id ORDER BY a.id), '[]'::json) AS ids, count(*) AS n, "
            "min(a.published_at) AS first FROM articles_article a WHERE a.story_id = st.id) x ON true"
        ),
        "fields": StorySerializer.Meta.fields,
        "order": [("st.id", True, False)],
        "filters": {
            "article": "EXISTS (SELECT 1 FROM articles_article a WHERE a.story_id = st.id AND a.id = %s)",
            "entity": "EXISTS (SELECT 1 FROM articles_article a JOIN entities_mention m ON m.article_id = a.id "
            "WHERE a.story_id = st.id AND m.entity_id = %s)",
            "published_after": "EXISTS (SELECT 1 FROM articles_article a WHERE a.story_id = st.id AND a.published_at >= %s)",
            "published_before": "EXISTS (SELECT 1 FROM articles_article a WHERE a.story_id = st.id AND a.published_at <= %s)",
            "q": "UPPER(st.title) LIKE UPPER('%%' || %s || '%%')",
        },
    },
    "entities": {
        "select": (
            "SELECT en.id, en.name, en.slug, en.type, en.role, (SELECT coalesce(json_agg(al.name ORDER BY al.name, al.id), "
            "'[]'::json) FROM entities_entityalias al WHERE al.entity_id = en.id), {counts}, en.is_edited "
            "FROM entities_entity en"
        ),
        "fields": EntitySerializer.Meta.fields,
        "order": [("en.name", False, False), ("en.id", False, False)],
        "filters": {
            "type": "en.type = %s",
            "q": "en.id IN (SELECT id FROM entities_entity WHERE UPPER(name) LIKE UPPER('%%' || %s || '%%') "
            "UNION SELECT entity_id FROM entities_entityalias WHERE UPPER(name) LIKE UPPER('%%' || %s || '%%'))",
            "article": "EXISTS (SELECT 1 FROM entities_mention m WHERE m.entity_id = en.id AND m.article_id = %s)",
            "story": "EXISTS (SELECT 1 FROM entities_mention m JOIN articles_article a ON a.id = m.article_id "
            "WHERE m.entity_id = en.id AND a.story_id = %s)",
            "source": "EXISTS (SELECT 1 FROM entities_mention m JOIN articles_article a ON a.id = m.article_id "
            "WHERE m.entity_id = en.id AND a.source_id = %s)",
            "published_after": "EXISTS (SELECT 1 FROM entities_mention m JOIN articles_article a ON a.id = m.article_id "
            "WHERE m.entity_id = en.id AND a.published_at >= %s)",
            "published_before": "EXISTS (SELECT 1 FROM entities_mention m JOIN articles_article a ON a.id = m.article_id "
            "WHERE m.entity_id = en.id AND a.published_at <= %s)",
            "related_to": "en.id IN (SELECT o.entity_id FROM entities_mention o WHERE o.article_id IN "
            "(SELECT DISTINCT m.article_id FROM entities_mention m WHERE m.entity_id = %s "
            f"ORDER BY m.article_id DESC LIMIT {RELATED_ARTICLES}))",
        },
    },
    "sources": {
        "select": "SELECT so.id, so.name, so.domain, {source_count} FROM articles_source so",
        "fields": SourceListSerializer.Meta.fields,
        "order": [("so.name", False, False), ("so.id", False, False)],
        "filters": {},
    },
}


def _after(order: list[tuple[str, bool, bool]], position: list) -> tuple[str, list]:
    """Rows past ``position`` in the order (nulls last), as the keyset paginator reads them."""
    alternatives, params = [], []
    prefix, prefix_params = [], []
    for (column, descending, nullable), value in zip(order, position, strict=True):
        if value is not None:
            condition = f"{column} {'<' if descending else '>'} %s"
            if nullable:
                condition = f"({condition} OR {column} IS NULL)"
            alternatives.append(" AND ".join([*prefix, condition]))
            params += [*prefix_params, value]
            prefix.append(f"{column} = %s")
            prefix_params.append(value)
        else:
            prefix.append(f"{column} IS NULL")
    return "(" + " OR ".join(f"({a})" for a in alternatives) + ")", params


def floor_view(request, list_name: str):
    spec = FLOOR[list_name]
    select = spec["select"]
    if list_name == "entities":
        select = select.format(counts=_entity_counts("en"))
    elif list_name == "sources":
        select = select.format(source_count=_source_count("so"))
    where, params = [], []
    size = int(request.GET.get("page_size", 25))
    ordered = "ordering" in request.GET  # the benchmark asks for the list's default order, or by title
    order_keys = spec["order"]
    by_title = list_name == "articles" and request.GET.get("ordering") == "title"
    if by_title:
        # Every match in title order: the planner's own plan for the page, no window.
        order_keys = [("a.title", False, False), ("a.id", False, False)]
    for name, value in request.GET.items():
        if name in ("page_size", "after", "ordering"):
            continue
        condition = spec["filters"][name]
        if (list_name, name) == ("articles", "q") and ordered:
            condition = spec["filters"]["q_ordered"].replace("{size}", str(size + 1))
            if by_title:
                condition = "a.search_vector @@ websearch_to_tsquery('english', %s)"
        if (
            list_name == "articles"
            and name in REPORT_DATE_FILTERS
            and _has_column("articles_eventreport", "event_date")
        ):
            condition = REPORT_DATE_FILTERS[name]
        elif (list_name, name) == ("articles", "entity_type") and _has_column(
            "articles_article", "entity_types"
        ):
            from articles.models import entity_type_sets

            condition, value = "a.entity_types = ANY(%s)", entity_type_sets(value)
        where.append(condition)
        params += [value] * condition.count("%s")
    order = ", ".join(
        f"{column} {'DESC' if descending else 'ASC'}{' NULLS LAST' if nullable else ''}"
        for column, descending, nullable in order_keys
    )
    order_params = []
    if "q" in request.GET and "rank" in spec and not ordered:
        order, order_params = spec["rank"], [request.GET["q"]]
    if "after" in request.GET:
        condition, after_params = _after(order_keys, json.loads(request.GET["after"]))
        where.append(condition)
        params += after_params
    sql = f"{select} {'WHERE ' + ' AND '.join(where) if where else ''} ORDER BY {order} LIMIT {size + 1}"
    search = list_name == "articles" and "q" in request.GET
    # Other pages are one statement in autocommit, as newsapi's.
    with transaction.atomic() if search else contextlib.nullcontext(), connection.cursor() as cursor:
        if search:
            # newsapi's settings for its search window's statement (articles.selectors.SEARCH_SETTINGS).
            # Not ORDERED_SEARCH_SETTINGS (no index scans), which newsapi sets after reading the window's
            # boundary: over this whole statement it would sort the table for that boundary; on the date
            # order PostgreSQL ANDs the bitmaps without it.
            cursor.execute(
                "SELECT " + ", ".join("set_config(%s, %s, true)" for _ in SEARCH_SETTINGS),
                [value for pair in SEARCH_SETTINGS.items() for value in pair],
            )
        cursor.execute(sql, params + order_params)
        rows = cursor.fetchall()
    fields = spec["fields"]
    results = [dict(zip(fields, row, strict=True)) for row in rows[:size]]
    body = orjson.dumps({"next": len(rows) > size, "results": results})
    return HttpResponse(body, content_type="application/json")


# ------------------------------------------------------------------------------------------ the peer


def peer_viewset(queryset, filterset_class, ordering: tuple[str, ...], exclude: tuple[str, ...] = ()):
    """A plain ModelViewSet: a default ModelSerializer (every field but ``exclude``), django-filter,
    DRF's CursorPagination on ``ordering``."""
    meta = {"model": queryset.model, **({"exclude": exclude} if exclude else {"fields": "__all__"})}
    serializer = type("PeerSerializer", (serializers.ModelSerializer,), {"Meta": type("Meta", (), meta)})
    paging = type(
        "PeerCursorPagination",
        (pagination.CursorPagination,),
        {"ordering": ordering, "page_size": 25, "page_size_query_param": "page_size", "max_page_size": 200},
    )
    return type(
        "PeerViewSet",
        (viewsets.ModelViewSet,),
        {
            "queryset": queryset,
            "serializer_class": serializer,
            "filterset_class": filterset_class,
            "filter_backends": [django_filters.rest_framework.DjangoFilterBackend],
            "pagination_class": paging,
        },
    )


# The columns a default serializer of the article would print but a list would not load.
ARTICLE_TEXT_COLUMNS = (
    "body",
    "raw_text",
    "fingerprint",
    "removed_lines",
    "search_vector",
    "extracted_dates",
    "published_at_clues",
)


class ArticlePeerFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search")
    source = django_filters.NumberFilter(field_name="source_id")
    published = django_filters.DateFromToRangeFilter(field_name="published_at")
    entity = django_filters.NumberFilter(field_name="mentions__entity", distinct=True)
    entity_type = django_filters.CharFilter(field_name="mentions__entity__type", distinct=True)
    speaker = django_filters.NumberFilter(field_name="quotes__speaker", distinct=True)
    story = django_filters.NumberFilter(field_name="story_id")
    language = django_filters.CharFilter(field_name="language", lookup_expr="iexact")
    event = django_filters.DateFromToRangeFilter(field_name="events__date", distinct=True)

    class Meta:
        model = Article
        fields = []

    def search(self, queryset, name, value):
        return queryset.filter(search_vector=SearchQuery(value, config="english", search_type="websearch"))


class QuotePeerFilter(django_filters.FilterSet):
    speaker = django_filters.NumberFilter(field_name="speaker_id")
    speaker_type = django_filters.CharFilter(field_name="speaker__type")
    entity = django_filters.NumberFilter(field_name="article__mentions__entity", distinct=True)
    article = django_filters.NumberFilter(field_name="article_id")
    source = django_filters.NumberFilter(field_name="article__source_id")
    story = django_filters.NumberFilter(field_name="article__story_id")
    language = django_filters.CharFilter(field_name="article__language", lookup_expr="iexact")
    published = django_filters.DateFromToRangeFilter(field_name="article__published_at")
    kind = django_filters.CharFilter(field_name="kind")
    group = django_filters.NumberFilter(field_name="group_id")
    q = django_filters.CharFilter(method="search")

    class Meta:
        model = Quote
        fields = []

    def search(self, queryset, name, value):
        return quote_search(queryset, value)


class EventPeerFilter(django_filters.FilterSet):
    date = django_filters.DateFromToRangeFilter(field_name="date")
    participant = django_filters.NumberFilter(field_name="participants", distinct=True)
    location = django_filters.NumberFilter(field_name="location_id")
    entity = django_filters.NumberFilter(method="linked")
    type = django_filters.CharFilter(field_name="type", lookup_expr="iexact")
    kind = django_filters.CharFilter(field_name="kind", lookup_expr="iexact")
    main = django_filters.BooleanFilter(field_name="reports__is_main", distinct=True)
    article = django_filters.NumberFilter(field_name="articles", distinct=True)
    story = django_filters.NumberFilter(field_name="articles__story", distinct=True)
    source = django_filters.NumberFilter(field_name="articles__source", distinct=True)

    class Meta:
        model = Event
        fields = []

    def linked(self, queryset, name, value):
        from django.db.models import Q

        return queryset.filter(Q(participants=value) | Q(location_id=value)).distinct()


class StoryPeerFilter(django_filters.FilterSet):
    article = django_filters.NumberFilter(field_name="articles", distinct=True)
    entity = django_filters.NumberFilter(field_name="articles__mentions__entity", distinct=True)
    published = django_filters.DateFromToRangeFilter(field_name="articles__published_at", distinct=True)
    q = django_filters.CharFilter(field_name="title", lookup_expr="icontains")

    class Meta:
        model = Story
        fields = []


class EntityPeerFilter(django_filters.FilterSet):
    type = django_filters.CharFilter(field_name="type")
    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains")
    article = django_filters.NumberFilter(field_name="mentions__article", distinct=True)
    story = django_filters.NumberFilter(field_name="mentions__article__story", distinct=True)
    source = django_filters.NumberFilter(field_name="mentions__article__source", distinct=True)
    published = django_filters.DateFromToRangeFilter(
        field_name="mentions__article__published_at", distinct=True
    )
    related_to = django_filters.NumberFilter(method="related")

    class Meta:
        model = Entity
        fields = []

    def related(self, queryset, name, value):
        """The same window as newsapi's related_to: the entity's most recently stored articles."""
        recent = Mention.objects.filter(entity_id=value).order_by("-article_id").values("article_id")
        recent = recent.distinct()[:RELATED_ARTICLES]
        return queryset.filter(pk__in=Mention.objects.filter(article_id__in=recent).values("entity_id"))


class SourcePeerFilter(django_filters.FilterSet):
    class Meta:
        model = Source
        fields = []


PEERS = {
    "articles": peer_viewset(
        Article.objects.defer(*ARTICLE_TEXT_COLUMNS),
        ArticlePeerFilter,
        ("-published_at", "-id"),
        ARTICLE_TEXT_COLUMNS,
    ),
    "quotes": peer_viewset(Quote.objects.all(), QuotePeerFilter, ("-id",)),
    "events": peer_viewset(
        Event.objects.prefetch_related("participants", "articles"), EventPeerFilter, ("-date", "id")
    ),
    "stories": peer_viewset(Story.objects.all(), StoryPeerFilter, ("-id",)),
    "entities": peer_viewset(Entity.objects.all(), EntityPeerFilter, ("name", "id")),
    "sources": peer_viewset(Source.objects.all(), SourcePeerFilter, ("name", "id")),
}
peer_router = SimpleRouter()
for _name, _view in PEERS.items():
    peer_router.register(_name, _view, basename=f"peer-{_name}")

urlpatterns = [
    path("floor/<str:list_name>/", floor_view),
    path("peer/", include(peer_router.urls)),
    path("", include("newsapi.urls")),
]
handler400 = "newsapi.api.errors.json_400"
handler404 = "newsapi.api.errors.json_404"
handler500 = "newsapi.api.errors.json_500"
