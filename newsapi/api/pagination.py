"""Keyset (cursor) pagination, one envelope for every list.

A page is the rows strictly after (or, going back, before) the position of the row that
ended the previous page, in the list's ordering. That ordering is made unique and
total: the primary key ends it, and every nullable key puts its nulls last (ascending or
descending alike), so every row has exactly one place and paging reaches each row once
whatever the data (no dates, empty titles, equal counts). A position records null-ness
explicitly, so "after a null" and "after a value" are different conditions.

The cursor is opaque to clients: base64 of a small JSON object holding the ordering it
was made for, the direction, and the position. A cursor that does not decode, or was
made for another ordering, is a 400 naming ``cursor``.

No page carries a total count: counting a filtered list costs a scan at a million rows.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import operator
from dataclasses import dataclass
from functools import reduce
from typing import Any

from django.core.exceptions import EmptyResultSet, FieldDoesNotExist, ImproperlyConfigured
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import BooleanField, ExpressionWrapper, F, Q, QuerySet
from django.db.models.expressions import OrderBy
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import BasePagination
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from newsapi.remembered import Remembered

MAX_PAGE_SIZE = 200
DEFAULT_PAGE_SIZE = 25


@dataclass(frozen=True)
class Key:
    """One term of a list's ordering: the name the queryset orders by, how to read it off a row."""

    name: str  # field attname or annotation name, as the queryset filters and orders by it
    descending: bool
    nullable: bool
    output_field: Any

    def order(self, backwards: bool = False):
        # Nulls last going forward, so first going back. The primary key gets no NULLS clause:
        # ``id DESC NULLS LAST`` is not the order of a backward scan of its index (``DESC`` puts nulls
        # first), so PostgreSQL sorted every row of a newest-first list to find the first page. (Other
        # keys keep the clause: the list indexes are made with it, e.g. ``published_at DESC NULLS LAST``.)
        if getattr(self.output_field, "primary_key", False):
            nulls = {}
        else:
            nulls = {"nulls_first": True} if backwards else {"nulls_last": True}
        expression = F(self.name)
        return expression.desc(**nulls) if self.descending != backwards else expression.asc(**nulls)

    def value_of(self, row) -> Any:
        return row[self.name] if isinstance(row, dict) else getattr(row, self.name)

    def beyond(self, value, backwards: bool) -> Q | None:
        """Rows strictly past ``value`` on this key alone, in the direction of travel (None: none are)."""
        if value is None:
            # Nulls come last: nothing is after a null; going back, every value is before it.
            return None if not backwards else Q(**{f"{self.name}__isnull": False})
        greater = self.descending == backwards
        past = Q(**{f"{self.name}__{'gt' if greater else 'lt'}": value})
        if self.nullable and not backwards:
            past |= Q(**{f"{self.name}__isnull": True})
        return past

    def from_(self, value) -> Q:
        """Non-null rows at ``value`` or past it going forward: a range of this key alone, which its index
        serves (``after`` is an OR of ranges, which an index scan in this key's order can only filter)."""
        return Q(**{f"{self.name}__{'lte' if self.descending else 'gte'}": value})

    def same(self, value) -> Q:
        if value is None:
            return Q(**{f"{self.name}__isnull": True})
        return Q(**{self.name: value})


def _terms(queryset: QuerySet) -> list[tuple[str, bool]]:
    """The queryset's ordering as (name, descending) pairs."""
    query = queryset.query
    ordering = list(query.order_by) or (list(queryset.model._meta.ordering) if query.default_ordering else [])
    terms = []
    for term in ordering:
        if isinstance(term, OrderBy) and isinstance(term.expression, F):
            terms.append((term.expression.name, term.descending))
        elif isinstance(term, F):
            terms.append((term.name, False))
        elif isinstance(term, str) and term != "?":
            terms.append((term.lstrip("-"), term.startswith("-")))
        else:
            raise ImproperlyConfigured(f"Keyset pagination cannot order by {term!r}.")
    return terms


def keyset_of(queryset: QuerySet) -> list[Key]:
    """The unique, null-safe ordering a queryset is paged by: its own ordering, then the primary key.

    A ``values()`` list without the primary key (rows grouped by their keys, e.g. one per day) is
    unique on the keys it is grouped and ordered by, and is paged by those alone.
    """
    opts = queryset.model._meta
    query = queryset.query
    keys: list[Key] = []
    for name, descending in _terms(queryset):
        if name == "pk":
            name = opts.pk.name
        if name in query.annotations:
            output = query.annotations[name].output_field
            keys.append(Key(name, descending, getattr(output, "null", True), output))
            continue
        if "__" in name:
            raise ImproperlyConfigured(
                f"Order {queryset.model.__name__} by a field or annotation, not {name}."
            )
        try:
            field = opts.get_field(name)
        except FieldDoesNotExist:
            raise ImproperlyConfigured(f"{queryset.model.__name__} has no field {name} to page by.") from None
        if field.is_relation and not field.many_to_one:
            raise ImproperlyConfigured(f"Cannot page {queryset.model.__name__} by the collection {name}.")
        # A foreign key orders by its own column, not by the related model's default ordering.
        keys.append(Key(field.attname, descending, field.null, field))
        if field.primary_key:
            return keys
    grouped_values = queryset._fields is not None and opts.pk.attname not in queryset._fields
    if grouped_values and keys:
        return keys
    keys.append(Key(opts.pk.attname, False, False, opts.pk))
    return keys


def after(keys: list[Key], position: list, backwards: bool = False) -> Q:
    """Rows past ``position`` in the keyset's order (before it when ``backwards``)."""
    alternatives = []
    prefix = Q()
    for key, value in zip(keys, position, strict=True):
        beyond = key.beyond(value, backwards)
        if beyond is not None:
            alternatives.append(prefix & beyond)
        prefix &= key.same(value)
    return reduce(operator.or_, alternatives)


@dataclass(frozen=True)
class PageWindow:
    """A costly condition (a full-text match) tested within a window of the list first (PostgreSQL).

    ``plain`` is the list without that condition. A page is then read in two steps: the leading key's value
    in the ``rows``-th row of ``plain`` past the page's start (its ordered index, no costly test), and the
    matching rows up to that value read at once (a MATERIALIZED CTE: PostgreSQL ANDs the condition's index with
    the window's range instead of testing the condition on each row it walks), sorted; the rows past the
    window only when the window holds fewer than a page, in the planner's own plan. ``settings`` are set
    for the window's statement only (``SET LOCAL``). Walking the order testing a full-text match on each
    row detoasts every row's vector, however few of them match: the walk's length grew with the archive."""

    plain: Any
    rows: int
    settings: tuple[tuple[str, str], ...] = ()
    # Seconds a window's end is remembered (per process, database and statement; 0: read every time). Any
    # end gives the same page (the window's rows all come before the rest), so a stale one costs speed only.
    remember: float = 0.0
    # The costly condition itself (a Q over ``plain``'s model) and the probe: the next ``probe`` x (page
    # size + 1) rows of ``plain`` in the list's order are tested for it first, in the statement that reads
    # the window's end, and when they hold a whole page (or are the last rows) it is the page, the window
    # never read. The window's read grows with the condition's matches in the whole table (a GIN bitmap of
    # every match: a word in 3 of 4 articles, 281 ms at 1M articles); the probe with the page size.
    condition: Any = None
    probe: int = 0


# Window ends read by ``_window_boundary``: (database, statement, parameters) -> (expiry, position or None).
_boundaries = Remembered()
BOUNDARIES_KEPT = 1024


def with_page_window(queryset: QuerySet, window: PageWindow) -> QuerySet:
    """``queryset`` paged through ``window`` (by ``KeysetPagination``); the mark survives later ordering and
    filtering, which clone the query."""
    queryset = queryset.all()
    queryset.query.page_window = window
    return queryset


@dataclass(frozen=True)
class PageIds:
    """Where a filtered list's page ids are read from: rows of another table (``source``, already
    filtered), one per row of the list, holding the list's ordering keys (``columns``: the list's key ->
    the source's column; ``id_column``: the list row's id). When the list is in an order these keys give,
    with no other filter, ``KeysetPagination`` reads the page's ids from ``source`` in that order (its
    index) and the rows by id: a filter the planner would otherwise plan as a join with a redundant
    condition (misestimated at one row, so any order looked cheap) is read in its index's order and
    stops at the page's end."""

    source: Any
    columns: dict[str, str]
    id_column: str
    conditions: int  # the list's WHERE conditions once its filter applied: more means other filters


def with_page_ids(queryset: QuerySet, page_ids: PageIds) -> QuerySet:
    """``queryset`` paged through ``page_ids`` (by ``KeysetPagination``) when nothing else filters it."""
    queryset = queryset.all()
    queryset.query.page_ids = page_ids
    return queryset


def with_ids_first(queryset: QuerySet) -> QuerySet:
    """``queryset`` paged by reading its page's ids first, then the rows by id (``KeysetPagination``): for a
    filter whose plan walks the list's order, so that the walk reads an index alone."""
    queryset = queryset.all()
    queryset.query.ids_first = True
    return queryset


def _page_ids(queryset: QuerySet, keys: list[Key], cursor, size: int):
    """The page's ids as a subquery of the ``PageIds`` source of ``queryset``, or None when it does not
    apply (another filter, or an order its columns do not hold)."""
    page_ids = getattr(queryset.query, "page_ids", None)
    if page_ids is None or len(queryset.query.where.children) != page_ids.conditions:
        return None
    if not all(key.name in page_ids.columns for key in keys):
        return None
    backwards = bool(cursor and cursor[1])
    mapped = [Key(page_ids.columns[key.name], key.descending, key.nullable, key.output_field) for key in keys]
    source = page_ids.source.order_by(*(key.order(backwards) for key in mapped))
    if cursor is not None:
        source = source.filter(after(mapped, cursor[0], backwards))
    return source.values(page_ids.id_column)[: size + 1]


def _order_sql(keys: list[Key], backwards: bool, quote) -> str:
    """The keyset's ORDER BY over a subquery's columns of the keys' names."""
    terms = []
    for key in keys:
        descending = key.descending != backwards
        term = f"{quote(key.name)} {'DESC' if descending else 'ASC'}"
        if not getattr(key.output_field, "primary_key", False):
            term += " NULLS FIRST" if backwards else " NULLS LAST"
        terms.append(term)
    return ", ".join(terms)


@dataclass(frozen=True)
class Probe:
    """The statement testing the next ``rows`` rows of the list's order for the costly condition: it gives
    the matching ids in that order (an array, NULL when none) and the number of rows tested."""

    sql: str
    params: tuple
    rows: int
    size: int  # the rows a page reads (page size + 1)
    # Whether fewer rows than ``rows`` means every row left was tested (not when the probe skips the nulls
    # past a cursor, as the window's walk does: then only a whole page is taken).
    to_the_end: bool = True

    def page(self, found: list | None, tested: int) -> list | None:
        """The page's ids when the probe holds them: a whole page, or every row left."""
        found = found or []
        if len(found) >= self.size or (self.to_the_end and tested < self.rows):
            return found[: self.size]
        return None


def _window_boundary(
    cursor_,
    boundary_sql: str,
    params,
    window: PageWindow,
    database: str,
    probe: Probe | None = None,
    width: int = 1,
) -> tuple[list | None, list | None]:
    """(the page's ids when ``probe`` found them, else None; the window's last row's position (its ``width``
    keys' values, as JSON), or None when the window holds every row left), the window's ``settings`` set
    (``SET LOCAL``) in the same statement. The window's end is read only when the probe did not find the
    page. A remembered end (``window.remember``) saves the walk to it: at 1M articles the date index's
    50,000 entries (16k buffers: the visibility map's pages taken in turn, 12-29 ms), the largest read of a
    newest-first search's page. The statement is planned before its settings apply, so the probe and the
    walk keep their indexes."""
    settings = ", ".join("set_config(%s, %s, true)" for _ in window.settings)
    setting_values = [value for pair in window.settings for value in pair]
    key = (database, boundary_sql, repr(params))
    known, found = _boundaries.fresh(key) if window.remember else (False, None)
    if known and probe is None:
        if settings:
            cursor_.execute(f"SELECT {settings}", setting_values)
        return None, found
    # A one-element array: NULL when there is no such row, [NULL] when its value is null.
    values = ", ".join(f"boundary.value{i}" for i in range(width))
    walk, walk_params = (
        f"(SELECT json_build_array({values}) FROM ({boundary_sql}) AS boundary ({values.replace('boundary.', '')}))",
        params,
    )
    if known:
        walk, walk_params = "NULL", ()
    if probe is None:
        columns, column_params, source, source_params = [walk], walk_params, "", ()
    else:
        # The walk is a subquery PostgreSQL runs when its value is first needed: not when the probe found the
        # page.
        columns = [
            "probe.found",
            "probe.tested",
            f"CASE WHEN cardinality(probe.found) >= %s OR probe.tested < %s THEN NULL ELSE {walk} END",
        ]
        column_params = (probe.size, probe.rows if probe.to_the_end else 0, *walk_params)
        source, source_params = f" FROM ({probe.sql}) AS probe", probe.params
    cursor_.execute(
        f"SELECT {', '.join(columns + ([settings] if settings else []))}{source}",
        (*column_params, *setting_values, *source_params),
    )
    row = cursor_.fetchone()
    if probe is not None:
        page = probe.page(row[0], row[1])
        if page is not None:
            return page, None
        row = row[2:]
    if known:
        return None, found
    found = row[0]
    if window.remember:
        _boundaries.remember(key, found, window.remember, kept=BOUNDARIES_KEPT)
    return None, found


# The name the probe gives its test of the costly condition.
PROBE_MATCH = "page_window_match"


def probe_of(
    plain: QuerySet,
    condition,
    keys: list[Key],
    *,
    size: int,
    times: int,
    backwards: bool = False,
    to_the_end: bool = True,
) -> Probe:
    """The ``Probe`` testing ``condition`` (a Q over ``plain``'s model) on the next ``times`` x ``size`` rows of
    ``plain`` (ordered by ``keys``, past any cursor). The condition is a column of those rows (an index walked,
    ``LIMIT``): PostgreSQL tests it on them alone, whatever its matches elsewhere."""
    from django.db import connection

    quote = connection.ops.quote_name
    columns = list(dict.fromkeys([plain.model._meta.pk.attname, *(key.name for key in keys)]))
    rows = times * size
    tested = plain.annotate(**{PROBE_MATCH: ExpressionWrapper(condition, output_field=BooleanField())})
    sql, params = tested.values(*columns, PROBE_MATCH)[:rows].query.sql_with_params()
    names = ", ".join(quote(column) for column in [*columns, PROBE_MATCH])
    return Probe(
        sql=(
            f"SELECT array_agg({quote(columns[0])} ORDER BY {_order_sql(keys, backwards, quote)}) "
            f"FILTER (WHERE {quote(PROBE_MATCH)}) AS found, count(*) AS tested FROM ({sql}) AS tested ({names})"
        ),
        params=params,
        rows=rows,
        size=size,
        to_the_end=to_the_end,
    )


def _windowed_rows(queryset: QuerySet, window: PageWindow, keys: list[Key], cursor, size: int) -> list:
    """The page's rows (``size`` + 1 at most) read through ``window``; ``queryset`` is the ordered list with
    the costly condition and the cursor's position applied."""
    from django.db import connection, transaction

    backwards = bool(cursor and cursor[1])
    plain = window.plain.order_by(*(key.order(backwards) for key in keys))
    if cursor is not None:
        plain = plain.filter(after(keys, cursor[0], backwards))
    pk = queryset.model._meta.pk.attname
    names = [key.name for key in keys]
    leading = keys[0]
    quote = connection.ops.quote_name
    columns = list(dict.fromkeys([pk, *names]))
    listed = ", ".join(quote(column) for column in columns)
    # Past a cursor the window's non-null rows also lie in a range of the leading key from the cursor's value:
    # said in so many words, the walk to the window's end and the window's index read start there instead of
    # at the list's first row (a page 20 deep: 100k date index entries walked, then read, for 50k). The walk
    # then skips the nulls after the cursor: a window reaching them holds every row left either way.
    start = Q()
    if cursor is not None and not backwards and cursor[0][0] is not None:
        start = leading.from_(cursor[0][0])
    try:
        # The window ends at its last row's position: the rows up to it in the order are an OR of ranges of the
        # order's index (the leading key before its value; at that value, the next key before its value...),
        # which PostgreSQL reads as a union of bitmaps. A range of the leading key alone held every row tied
        # with the last one: at 1M articles, by title, the 875,655 untitled articles.
        boundary_sql, boundary_params = (
            plain.filter(start).values_list(*names)[window.rows - 1 : window.rows].query.sql_with_params()
        )
        queryset.order_by().values(*columns).query.sql_with_params()  # the list's own conditions compile
        probe = None
        if window.probe and window.condition is not None:
            # Past a cursor the probe skips the nulls as the walk does: fewer rows than asked is then not the end.
            probe = probe_of(
                plain.filter(start),
                window.condition,
                keys,
                size=size + 1,
                times=window.probe,
                backwards=backwards,
                to_the_end=not start,
            )
    except EmptyResultSet:  # a condition that matches nothing (``id__in=[]``)
        return []
    with transaction.atomic(using=queryset.db), connection.cursor() as cursor_:
        ids, boundary = _window_boundary(
            cursor_,
            boundary_sql,
            boundary_params,
            window,
            connection.settings_dict["NAME"],
            probe,
            width=len(keys),
        )
        if ids is None:  # the probe did not find the page: the window
            end = None
            if boundary:
                end = [
                    None if v is None else k.output_field.to_python(v)
                    for k, v in zip(keys, boundary, strict=True)
                ]
            if end is None or end[0] is None:
                # Fewer rows left than the window, or it ends among the nulls: all are in it.
                within = queryset
                older_sql, older_params = f"SELECT {listed} FROM recent WHERE false", ()
            else:
                at_end = reduce(
                    operator.and_, (key.same(value) for key, value in zip(keys, end, strict=True))
                )
                within = queryset.filter(after(keys, end, not backwards) | at_end).filter(start)
                past = queryset.filter(after(keys, end, backwards)).values(*columns)[: size + 1]
                older_sql, older_params = past.query.sql_with_params()
            recent_sql, recent_params = within.order_by().values(*columns).query.sql_with_params()
            # Append reads its branches in turn and LIMIT stops it: the rows past the window are read only
            # when the window holds fewer than the page.
            cursor_.execute(
                f"WITH recent ({listed}) AS MATERIALIZED ({recent_sql}) "
                f"SELECT {quote(pk)} FROM ((SELECT {listed} FROM recent ORDER BY {_order_sql(keys, backwards, quote)}) "
                f"UNION ALL ({older_sql})) AS page LIMIT %s",
                (*recent_params, *older_params, size + 1),
            )
            ids = [row[0] for row in cursor_.fetchall()]
    # The rows themselves by primary key, without the costly condition (they matched it).
    return list(plain.filter(pk__in=ids)[: size + 1])


def _jsonable(value):
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def signature(keys: list[Key]) -> str:
    return ",".join(("-" if key.descending else "") + key.name for key in keys)


class KeysetPagination(BasePagination):
    """``?cursor=`` and ``?page_size=`` over a unique ordering; one envelope for every list."""

    page_size = DEFAULT_PAGE_SIZE
    max_page_size = MAX_PAGE_SIZE
    page_size_query_param = "page_size"
    cursor_query_param = "cursor"
    cursor_query_description = (
        "Opaque cursor: `next_cursor` or `previous_cursor` of the page before. An invalid cursor, or one "
        "made for another ordering, is a 400."
    )
    page_size_query_description = (
        f"Rows per page, 1 to {MAX_PAGE_SIZE} (default {DEFAULT_PAGE_SIZE}); larger asks get "
        f"{MAX_PAGE_SIZE}, anything else is a 400."
    )

    def get_page_size(self, request) -> int:
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None or raw == "":
            return self.page_size
        try:
            size = int(raw)
        except ValueError:
            size = 0
        if size < 1:
            raise ValidationError(
                {self.page_size_query_param: [f"Give a whole number from 1 to {self.max_page_size}."]}
            )
        return min(size, self.max_page_size)

    # -------------------------------------------------------------- cursors

    def encode_cursor(self, position: list, backwards: bool) -> str:
        payload = {"o": signature(self.keys), "p": [_jsonable(v) for v in position]}
        if backwards:
            payload["b"] = 1
        raw = json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    def _invalid(self, reason: str) -> ValidationError:
        return ValidationError({self.cursor_query_param: [f"Invalid cursor: {reason}"]})

    def decode_cursor(self, request) -> tuple[list, bool] | None:
        """(position, backwards) from the request's cursor, or None on the first page."""
        encoded = request.query_params.get(self.cursor_query_param)
        if not encoded:
            return None
        try:
            payload = json.loads(base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)))
        except (binascii.Error, ValueError, UnicodeDecodeError):
            raise self._invalid("it does not decode; use next_cursor or previous_cursor as given.") from None
        if not isinstance(payload, dict) or not isinstance(payload.get("p"), list):
            raise self._invalid("it does not decode; use next_cursor or previous_cursor as given.")
        if payload.get("o") != signature(self.keys) or len(payload["p"]) != len(self.keys):
            raise self._invalid("it was made for another ordering of the list.")
        position = []
        for key, value in zip(self.keys, payload["p"], strict=True):
            if value is None:
                if not key.nullable:
                    raise self._invalid(f"{key.name} cannot be null.")
                position.append(None)
                continue
            if isinstance(value, bool) or not isinstance(value, str | int | float):
                raise self._invalid(f"{value!r} is not a value of {key.name}.")
            try:
                python = key.output_field.to_python(value)
            except (DjangoValidationError, ValueError, TypeError, OverflowError):
                raise self._invalid(f"{value!r} is not a value of {key.name}.") from None
            if isinstance(python, str) and "\x00" in python:
                raise self._invalid(f"{key.name} holds a NUL character.")
            if isinstance(python, int) and not -(2**63) <= python < 2**63:
                raise self._invalid(f"{value!r} is out of range for {key.name}.")
            position.append(python)
        return position, bool(payload.get("b"))

    # -------------------------------------------------------------- paging

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        self.keys = keyset_of(queryset)
        size = self.get_page_size(request)
        cursor = self.decode_cursor(request)
        backwards = bool(cursor and cursor[1])
        queryset = queryset.order_by(*(key.order(backwards) for key in self.keys))
        base = self._rows_by_id(queryset, view)
        source_ids = _page_ids(queryset, self.keys, cursor, size)
        if cursor is not None:
            queryset = queryset.filter(after(self.keys, cursor[0], backwards))
        window = getattr(queryset.query, "page_window", None)
        if source_ids is not None:
            rows_of = base if base is not None else queryset
            ordered = rows_of.filter(pk__in=source_ids).order_by(*(key.order(backwards) for key in self.keys))
            rows = list(ordered[: size + 1])
        elif window is not None:
            rows = _windowed_rows(queryset, window, self.keys, cursor, size)
        elif base is not None and getattr(queryset.query, "ids_first", False):
            # The page's ids first, from the filtered list (in a subquery of the same statement), then its rows
            # by primary key from the view's own plan: walking the order to find the page reads only what
            # the filters and keys need (an index alone where one holds them), not every row passed with
            # its columns and joins (at 1M articles, the events of a source: 50,852 events read whole to
            # find 100, 46k buffers; their ids from the date index, 1.8k). Only for the filters that ask
            # (``with_ids_first``): for others the planner may price a whole index's scan below a few
            # hundred lookups (articles of a speaker at 100k: 10 -> 78 ms, the date index hashed whole).
            ids = queryset.values("pk")[: size + 1]
            rows = list(
                base.filter(pk__in=ids).order_by(*(key.order(backwards) for key in self.keys))[: size + 1]
            )
        else:
            rows = list(queryset[: size + 1])
        more = len(rows) > size
        rows = rows[:size]
        if backwards:
            rows.reverse()
        self.has_next = (cursor is not None) if backwards else more
        self.has_previous = more if backwards else cursor is not None
        self.first = [key.value_of(rows[0]) for key in self.keys] if rows else None
        self.last = [key.value_of(rows[-1]) for key in self.keys] if rows else None
        return rows

    def _rows_by_id(self, queryset: QuerySet, view) -> QuerySet | None:
        """The view's unfiltered list, when the page's rows are read by id from it: a filtered list (a page
        of an unfiltered one is read from its index directly) ordered by the model's own fields (an
        annotation, a search's rank, is not on the view's list)."""
        get_queryset = getattr(view, "get_queryset", None)
        if get_queryset is None or not queryset.query.where:
            return None
        if any(key.name in queryset.query.annotations for key in self.keys):
            return None
        base = get_queryset()
        return base if base.model is queryset.model else None

    def next_cursor(self) -> str | None:
        if not (self.has_next and self.last is not None):
            return None
        return self.encode_cursor(self.last, backwards=False)

    def previous_cursor(self) -> str | None:
        if not (self.has_previous and self.first is not None):
            return None
        return self.encode_cursor(self.first, backwards=True)

    def _link(self, cursor: str | None) -> str | None:
        if cursor is None:
            return None
        url = self.request.build_absolute_uri()
        return replace_query_param(url, self.cursor_query_param, cursor)

    def get_paginated_response(self, data):
        next_cursor, previous_cursor = self.next_cursor(), self.previous_cursor()
        return Response(
            {
                "next": self._link(next_cursor),
                "previous": self._link(previous_cursor),
                "next_cursor": next_cursor,
                "previous_cursor": previous_cursor,
                "results": data,
            }
        )

    def get_first_link(self) -> str:
        return remove_query_param(self.request.build_absolute_uri(), self.cursor_query_param)

    # -------------------------------------------------------------- documentation

    def get_paginated_response_schema(self, schema):
        link = {"type": "string", "format": "uri", "nullable": True}
        cursor = {"type": "string", "nullable": True}
        return {
            "type": "object",
            "required": ["results", "next", "previous", "next_cursor", "previous_cursor"],
            "properties": {
                "next": {**link, "description": "Link to the next page, or null on the last."},
                "previous": {**link, "description": "Link to the previous page, or null on the first."},
                "next_cursor": {
                    **cursor,
                    "description": "The `cursor` parameter of the next page alone, or null on the last.",
                },
                "previous_cursor": {
                    **cursor,
                    "description": "The `cursor` parameter of the previous page alone, or null on the first.",
                },
                "results": {**schema, "description": "The rows of this page."},
            },
        }

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": self.cursor_query_param,
                "required": False,
                "in": "query",
                "description": self.cursor_query_description,
                "schema": {"type": "string"},
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": self.page_size_query_description,
                "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
            },
        ]
