"""Model parts shared by the apps, and what concurrent writers need."""

from __future__ import annotations

import functools
import logging
import random
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import ParamSpec, TypeVar

from django.db import OperationalError, connection, models, transaction
from django.db.models import Prefetch, QuerySet, Subquery
from django.db.models.constants import OnConflict
from django.db.models.sql import InsertQuery, UpdateQuery

logger = logging.getLogger(__name__)
P = ParamSpec("P")
R = TypeVar("R")


class ExtractedModel(models.Model):
    """A row produced by extraction that a person may correct.

    ``edited_fields`` lists the fields a person changed; re-ingest and
    re-extraction never overwrite those fields, and never delete a row with
    ``is_edited`` set.
    """

    is_edited = models.BooleanField(
        default=False, db_index=True, help_text="True once a person has corrected this row."
    )
    edited_fields = models.JSONField(
        default=list,
        blank=True,
        help_text="Names of the fields a person changed; extraction leaves them alone.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    def mark_edited(self, *field_names: str) -> None:
        """Record that a person changed ``field_names`` (saved by the caller)."""
        self.is_edited = True
        self.edited_fields = sorted(set(self.edited_fields) | set(field_names))


# --- concurrent writers ---------------------------------------------------------------------------

# PostgreSQL errors after which the same transaction, run again, may succeed.
RETRYABLE_SQLSTATES = frozenset({"40P01", "40001"})  # deadlock_detected, serialization_failure
RETRY_ATTEMPTS = 5

# The advisory lock key that serialises the storing of articles (the ASCII of "news").
ARTICLE_STORE_LOCK = 0x6E657773


def error_first_line(error: Exception) -> str:
    """What a database error says, in one line for a command's report: its message's first line, or its
    class's name when it says nothing."""
    message = str(error).strip()
    return message.splitlines()[0] if message else type(error).__name__


def is_retryable(error: Exception) -> bool:
    """A deadlock or serialization failure on PostgreSQL, or a busy SQLite file."""
    cause = error.__cause__ or error
    if getattr(cause, "sqlstate", None) in RETRYABLE_SQLSTATES:
        return True
    return "database is locked" in str(error)


def retry_on_conflict(function: Callable[P, R]) -> Callable[P, R]:
    """Run a transactional service again (with a short, growing, jittered pause) when the database
    aborted it for a deadlock or a serialization failure.

    Only an outermost transaction is retried: inside another one the whole outer transaction is
    lost, so the error goes up to whoever opened it.
    """

    @functools.wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        nested = transaction.get_connection().in_atomic_block
        for attempt in range(1, RETRY_ATTEMPTS + 1):
            try:
                return function(*args, **kwargs)
            except OperationalError as error:
                if nested or attempt == RETRY_ATTEMPTS or not is_retryable(error):
                    raise
                logger.warning("%s: %s; trying again (%d)", function.__name__, error, attempt)
                time.sleep(0.05 * 2**attempt * random.uniform(0.5, 1.5))
        raise AssertionError("unreachable")

    return wrapper


def lock_article_store() -> None:
    """Take the lock that makes concurrent ingests store one article at a time (until commit).

    What an article links to (its story, the event it reports, the group of a quote) is found
    among the rows stored before it; two ingests storing at once would each miss the other's rows
    and create the story, event or group twice. Extraction, the slow part, runs outside the lock.
    SQLite lets one writer in at a time already.

    Why one lock and not one per content hash, story key, entity key, speaker and event date: the
    concurrent ingest must leave what a serial run in article-id order leaves, and the storing step
    reads more than the rows under its own keys. An entity is chosen among those sharing a name key
    by their mention totals (which any article mentioning them changes); a story is chosen by the
    centroids of stories reached through other articles' keys (which an article with none of this
    one's keys may change or merge away); a quote joins a group when it matches most of its members,
    and an event the first stored one of its date that matches. Locks on this article's own keys,
    taken before its row gets its id, leave those second-order reads racing, and locking everything
    they may reach is the whole store again. Its cost: the lock is held for the storing step only,
    whose work no longer grows with the archive (BENCHMARKS.md "Storing cost"); at the 90-100 ms the
    step took on PostgreSQL when the machine was calm ("Story assignment cost"), ingesters queue on it
    only beyond about ten articles a second, while one extraction process makes about seven.
    """
    queue = getattr(connection, "writes_queued", None)
    if queue is not None:
        # Inside ``writes_together``: sent with the next statement, which runs once the lock is held (no
        # round trip of its own). The wait is no runaway statement: statement_timeout (meant for those) is
        # lifted for the lock's statement and restored for the statements after it (each statement
        # starts with the timeout then in force).
        queue += [
            "SELECT set_config('newsapi.statement_timeout', current_setting('statement_timeout'), true), "
            "set_config('statement_timeout', '0', true)",
            f"SELECT pg_advisory_xact_lock({ARTICLE_STORE_LOCK:d})",
            "SELECT set_config('statement_timeout', current_setting('newsapi.statement_timeout'), true)",
        ]
        return
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # Nearly always free: taken at once, in one statement.
            cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [ARTICLE_STORE_LOCK])
            if cursor.fetchone()[0]:
                return
            # Waiting for another ingest to commit is no runaway statement: statement_timeout (meant
            # for those) is lifted while waiting, then restored for the rest of the transaction.
            # Two statements: a statement's timeout is the one in force when it starts, so the lock's
            # statement waits without one and restores it for the statements after it.
            cursor.execute(
                "SELECT current_setting('statement_timeout'), set_config('statement_timeout', '0', true)"
            )
            (timeout, _) = cursor.fetchone()
            cursor.execute(
                "SELECT pg_advisory_xact_lock(%s), set_config('statement_timeout', %s, true)",
                [ARTICLE_STORE_LOCK, timeout],
            )


# --- writes sent together ----------------------------------------------------------------------------
# A transaction that writes many small rows (an ingest) pays a round trip per statement, which on a busy
# machine costs more than the statement. Inside ``writes_together`` on PostgreSQL, the writes whose
# outcome nothing reads (no ids back, no row count: ``write_later``, ``insert_later``, ``update_later``)
# are queued and sent in the same round trip as the next statement the transaction runs, before it (the
# statements joined, each with its values in it: client-side binding), or where the block ends. The
# database runs every statement in the order the code made them, so whatever runs after a queued write
# sees it, exactly as if it had been run at once. Elsewhere (SQLite) each runs at once.


@contextmanager
def writes_together() -> Iterator[None]:
    """Send the writes queued inside the block with the statements that follow them (call inside the
    block's transaction). A nested block is part of the outer one."""
    if connection.vendor != "postgresql" or getattr(connection, "writes_queued", None) is not None:
        yield
        return
    queue: list[str] = []
    connection.writes_queued = queue

    def carry(execute, sql, params, many, context):
        if not queue:
            return execute(sql, params, many, context)
        cursor = context["cursor"]
        if many or getattr(cursor.cursor, "name", None):
            # Not joined with an executemany or a named (server-side) cursor's statement: sent first.
            _send(queue)
            return execute(sql, params, many, context)
        joined = ";\n".join([*queue, cursor.cursor.mogrify(sql, params)])
        queue.clear()
        result = execute(joined, None, many, context)
        while cursor.nextset():  # the statement's own result is the last one
            pass
        return result

    try:
        with connection.execute_wrapper(carry):
            yield
            _send(queue)
    finally:
        # After an error the queue goes with the transaction that is rolled back.
        queue.clear()
        connection.writes_queued = None


def _send(queue: list[str]) -> None:
    statements, queue[:] = ";\n".join(queue), []
    if statements:
        with connection.cursor() as cursor:
            cursor.execute(statements)


def write_later(sql: str, params: Iterable = ()) -> None:
    """Run a statement whose outcome nothing reads: queued inside ``writes_together``, at once elsewhere."""
    queue = getattr(connection, "writes_queued", None)
    with connection.cursor() as cursor:
        if queue is None:
            cursor.execute(sql, list(params))
        else:
            queue.append(cursor.cursor.mogrify(sql, list(params)))


def insert_later(
    model: type[models.Model], objs: Iterable[models.Model], *, ignore_conflicts: bool = False
) -> None:
    """``bulk_create`` of new rows whose ids nothing reads (their ``pk`` stays None)."""
    objs = list(objs)
    if not objs:
        return
    opts = model._meta
    fields = [field for field in opts.concrete_fields if field is not opts.auto_field and not field.generated]
    for obj in objs:
        obj._prepare_related_fields_for_save(operation_name="bulk_create")
    batch = max(connection.ops.bulk_batch_size(fields, objs), 1)
    for start in range(0, len(objs), batch):
        query = InsertQuery(model, on_conflict=OnConflict.IGNORE if ignore_conflicts else None)
        query.insert_values(fields, objs[start : start + batch])
        for sql, params in query.get_compiler(connection=connection).as_sql():
            write_later(sql, params)
    for obj in objs:
        obj._state.adding = False
        obj._state.db = connection.alias


def history_later(
    model: type[models.Model], objs: Iterable[models.Model], *, history_type: str = "+"
) -> None:
    """``model.history.bulk_history_create(objs)`` queued (the records' ids are not read): the same
    records, made as django-simple-history makes them; ``history_type`` "~" for a change, "-" for a
    deletion (the record its post_delete signal writes)."""
    from django.conf import settings
    from django.utils import timezone
    from simple_history.utils import get_change_reason_from_object

    if not getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
        return
    history = model.history.model
    records = []
    for instance in objs:
        record = history(
            history_date=getattr(instance, "_history_date", timezone.now()),
            history_user=getattr(instance, "_history_user", history.get_default_history_user(instance)),
            history_change_reason=get_change_reason_from_object(instance) or "",
            history_type=history_type,
            **{field.attname: getattr(instance, field.attname) for field in history.tracked_fields},
        )
        if hasattr(history, "history_relation"):
            record.history_relation_id = instance.pk
        records.append(record)
    insert_later(history, records)


def update_later(queryset: QuerySet, **values) -> None:
    """``queryset.update(**values)`` when its row count is not read."""
    query = queryset.query.chain(UpdateQuery)
    query.add_update_values(values)
    sql, params = query.get_compiler(connection=connection).as_sql()
    if sql:
        write_later(sql, params)


def save_changed(instance: ExtractedModel, fields: Iterable[str]) -> None:
    """Write ``fields`` and the edit marks only, so a correction never overwrites the fields another
    editor changed meanwhile; the stored ``edited_fields`` are read under a row lock and merged.
    Call inside the service's transaction."""
    model = type(instance)
    stored = (
        model._default_manager.select_for_update()
        .filter(pk=instance.pk)
        .values_list("edited_fields", flat=True)
        .first()
    )
    instance.edited_fields = sorted(set(stored or []) | set(instance.edited_fields))
    columns = {model._meta.get_field(name) for name in fields}
    names = {field.name for field in columns if field.concrete and not field.many_to_many}
    instance.save(update_fields=sorted(names | {"is_edited", "edited_fields", "updated_at"}))


# ------------------------------------------------------------------------------------------ collections


def rows_attribute(name: str) -> str:
    return f"{name}_rows"


def prefetch_rows(lookup: str, queryset: QuerySet | None = None) -> Prefetch:
    """Prefetch the collection ``lookup`` ends with into a plain list, ``<name>_rows``.

    A plain prefetch gives every row a queryset of its related rows: Django makes a manager and a
    filtered queryset per row (through the join table for a many-to-many), which cost a page of 100
    events more than its queries. Read the list with ``related_rows``.
    """
    return Prefetch(lookup, queryset=queryset, to_attr=rows_attribute(lookup.rsplit("__", 1)[-1]))


def related_rows(instance: models.Model, name: str):
    """The rows of ``instance``'s collection ``name``: the list ``prefetch_rows`` made, else the
    manager's (prefetched or queried)."""
    rows = instance.__dict__.get(rows_attribute(name))
    return rows if rows is not None else getattr(instance, name).all()


class JSONList(Subquery):
    """The values of column ``name`` of a (correlated) subquery's rows, in the subquery's order, as one
    list read with the row itself: a page's collection of ids costs no query and no model instance of
    its own. Aggregated from the sorted subquery, which PostgreSQL and SQLite both keep in order."""

    def __init__(self, queryset: QuerySet, name: str):
        super().__init__(queryset.values(name), output_field=models.JSONField())
        self.name = name

    def as_sql(self, compiler, connection, template=None, **extra_context):
        column = f"rows.{connection.ops.quote_name(self.name)}"
        if connection.vendor == "postgresql":
            # As text: JSONField decodes it (psycopg would hand a json value over decoded already).
            aggregate = f"coalesce(json_agg({column}), '[]')::text"
        else:
            aggregate = f"json_group_array({column})"
        template = f"(SELECT {aggregate} FROM (%(subquery)s) rows)"
        return super().as_sql(compiler, connection, template=template, **extra_context)


class InArray(models.Func):
    """``<expression> = ANY(ARRAY(<sql>))`` (PostgreSQL): the ids of a subquery computed once (an InitPlan)
    and looked up in an index, where ``IN (<sql>)`` lets the planner turn it into a semi-join walked along
    the list's order. The expression is resolved like any other (``F("pk")``): the condition keeps naming
    the right table when the list is itself read inside a subquery (``KeysetPagination`` reads a page's
    ids that way), which a raw ``"table"."id"`` would not."""

    template = "%(expressions)s = ANY(ARRAY(%(array)s))"
    output_field = models.BooleanField()

    def __init__(self, expression, sql: str, params: Iterable = ()):
        super().__init__(expression)
        self.array_sql, self.array_params = sql, tuple(params)

    def as_sql(self, compiler, connection, **extra_context):
        sql, params = super().as_sql(compiler, connection, array=self.array_sql, **extra_context)
        return sql, (*params, *self.array_params)
