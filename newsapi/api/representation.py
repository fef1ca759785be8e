"""Rows to JSON in one pass: ``to_representation`` planned once per serializer class, and orjson.

DRF's ``Serializer.to_representation`` sends every field of every row through ``get_attribute`` (a
loop over the source's parts with Mapping and callable checks) and ``to_representation`` (conversions
that change nothing on the values a database returns: ``str`` of a ``str``, ``int`` of an ``int``),
and each serializer builds its fields again for every request (deep copies of the declared fields,
model introspection), nested and per-row serializers included. On a page of 100 quotes or events
that was most of the request (BENCHMARKS.md "Lists at scale").

``CompiledRepresentationMixin`` makes, once per serializer class (and ``?fields=``/``?expand=``
choice), a plan: for each field, a getter that reads the attribute directly and converts only what
needs converting, nested serializers inlined as their own plans. The output is DRF's, field by field:

- a plain field reads its attribute (``attrgetter``); a value of the type the database returns is
  taken as DRF would print it (the same object, or ``date.isoformat()``), any other value goes
  through the field's own ``to_representation``; ``None`` is ``None``, as in DRF;
- a foreign key printed as an id reads the ``<name>_id`` column; ids, slugs and nested serializers
  of a collection read the (prefetched) related rows;
- anything a getter does not know, or any exception on the fast path (a missing attribute, a null
  in the middle of ``article.source.name``, a related row that does not exist), goes through DRF's
  own ``get_attribute`` and ``to_representation`` of that field;
- ``SerializerMethodField`` and fields the plan does not know (hyperlinks, custom fields), which
  may read the request, are bound to each serializer instance, which then builds its fields as DRF
  would.

``ORJSONRenderer`` writes the same JSON as DRF's ``JSONRenderer`` (compact, UTF-8, ``\\u2028`` and
``\\u2029`` escaped, datetimes as DRF writes them), with orjson.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable
from contextlib import suppress
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

import orjson
from django.core.exceptions import FieldDoesNotExist
from django.db.models.manager import BaseManager
from rest_framework import fields as drf_fields
from rest_framework import relations, serializers
from rest_framework.fields import SkipField
from rest_framework.renderers import JSONRenderer
from rest_framework.settings import api_settings
from rest_framework.utils.encoders import JSONEncoder

from newsapi.db import rows_attribute

Getter = Callable[[Any], Any]

# Field classes whose representation of a value of the given type is that value itself.
SAME_VALUE_TYPES: dict[type, type] = {
    drf_fields.CharField: str,
    drf_fields.SlugField: str,
    drf_fields.URLField: str,
    drf_fields.EmailField: str,
    drf_fields.IntegerField: int,
    drf_fields.FloatField: float,
    drf_fields.BooleanField: bool,
}


# ------------------------------------------------------------------------------------------ fields


def _fast_source(serializer, source_attrs: list[str]) -> bool:
    """Whether ``attrgetter`` reads this source as DRF's ``get_attribute`` would: model fields and
    relations, or (last) an annotation; never a property or method (DRF calls callables)."""
    model = getattr(getattr(serializer, "Meta", None), "model", None)
    for position, name in enumerate(source_attrs):
        if model is None:
            return False
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            # Not an attribute of the class at all: an annotation or a ``to_attr`` prefetch.
            return position == len(source_attrs) - 1 and not hasattr(model, name)
        model = field.related_model if field.is_relation else None
    return bool(source_attrs)


def _drf_value(field) -> Getter:
    """DRF's own route for one field of a row (the body of ``Serializer.to_representation``'s loop)."""
    get_attribute, to_representation = field.get_attribute, field.to_representation

    def value(instance):
        attribute = get_attribute(instance)
        check = attribute.pk if isinstance(attribute, relations.PKOnlyObject) else attribute
        return None if check is None else to_representation(attribute)

    return value


def _read(source_attrs: list[str], convert: Getter, field, collection: bool = False) -> Getter:
    """``convert`` of the attribute, ``None`` kept; DRF's route for the field on any exception while
    reading (a missing attribute, a null in the middle of ``article.source.name``, no related row).
    A ``collection`` read off the row itself is the list ``prefetch_rows`` made, when there is one."""
    read = attrgetter(".".join(source_attrs))
    if collection and len(source_attrs) == 1:
        rows, manager = rows_attribute(source_attrs[0]), read

        def read(instance):
            found = instance.__dict__.get(rows)
            return found if found is not None else manager(instance)

    slow = _drf_value(field)

    def value(instance):
        try:
            attribute = read(instance)
        except Exception:  # noqa: BLE001 - DRF's lookup decides: a default, None, skip or raise
            return slow(instance)
        return None if attribute is None else convert(attribute)

    return value


def _converter(field) -> Getter | None:
    """How a plain DRF field prints a non-null value, or None if the field is not one."""
    to_representation = field.to_representation
    kind = type(field)
    same = SAME_VALUE_TYPES.get(kind)
    if kind is drf_fields.ChoiceField and all(
        type(key) is str and key == value for key, value in field.choice_strings_to_values.items()
    ):
        same = str
    if same is not None:
        return lambda value: value if type(value) is same else to_representation(value)
    if (
        kind is drf_fields.DateField
        and getattr(field, "format", api_settings.DATE_FORMAT) == drf_fields.ISO_8601
    ):
        return lambda value: value.isoformat() if type(value) is dt.date else to_representation(value)
    if (kind is drf_fields.JSONField and not field.binary) or kind is drf_fields.ReadOnlyField:
        return lambda value: value
    # DRF's other plain fields read neither the request nor their parent serializer.
    if kind.__module__ == drf_fields.__name__ and not isinstance(
        field, drf_fields.SerializerMethodField | drf_fields.HiddenField
    ):
        return to_representation
    return None


def _many_getter(serializer, field: relations.ManyRelatedField) -> Getter | None:
    child = field.child_relation
    if type(child) is relations.PrimaryKeyRelatedField and child.pk_field is None:
        item = attrgetter("pk")
    elif type(child) is relations.SlugRelatedField and "__" not in child.slug_field:
        item = attrgetter(child.slug_field)
    else:
        return None
    attrs = list(field.source_attrs)
    if not _fast_source(serializer, attrs):
        return None
    # DRF's ``ManyRelatedField``: ``all()`` of anything that has it.
    listed = _read(
        attrs,
        lambda related: [item(row) for row in (related.all() if hasattr(related, "all") else related)],
        field,
        collection=True,
    )
    slow = _drf_value(field)

    def many(instance):
        if getattr(instance, "pk", 0) is None:  # DRF: no relations before the row is saved
            return slow(instance)
        return listed(instance)

    return many


def _getter(serializer, field) -> Getter | None:
    """A getter that needs no serializer instance, or None when the field must be bound to one."""
    attrs = list(field.source_attrs)
    if isinstance(field, serializers.ListSerializer):
        child = _plan(field.child).row if isinstance(field.child, CompiledRepresentationMixin) else None
        if (
            type(field) is not serializers.ListSerializer
            or child is None
            or not _fast_source(serializer, attrs)
        ):
            return None
        return _read(attrs, lambda related: [child(row) for row in _rows(related)], field, collection=True)
    if isinstance(field, serializers.BaseSerializer):
        nested = _plan(field).row if isinstance(field, CompiledRepresentationMixin) else None
        if nested is None or not _fast_source(serializer, attrs):
            return None
        return _read(attrs, nested, field)
    if type(field) is relations.PrimaryKeyRelatedField:
        if field.pk_field is not None or len(attrs) != 1 or not _fast_source(serializer, attrs):
            return None
        model_field = serializer.Meta.model._meta.get_field(attrs[0])
        if not model_field.concrete or not (model_field.many_to_one or model_field.one_to_one):
            return None
        # DRF prints the id the row holds (``PKOnlyObject``): the ``<name>_id`` column.
        return _read([model_field.attname], lambda pk: pk, field)
    if type(field) is relations.ManyRelatedField:
        return _many_getter(serializer, field)
    convert = _converter(field)
    if convert is None:
        return None
    if not attrs:  # source="*": the row itself
        return convert
    if not _fast_source(serializer, attrs):
        return _drf_value(field)
    return _read(attrs, convert, field)


def _rows(related) -> Any:
    # DRF's ``ListSerializer``: a manager's ``all()``.
    return related.all() if isinstance(related, BaseManager) else related


# ------------------------------------------------------------------------------------------ plans


def _build(getters: list[tuple[str, Getter]]) -> Getter:
    getters = tuple(getters)

    def row(instance) -> dict:
        try:
            return {name: get(instance) for name, get in getters}
        except SkipField:  # DRF leaves the field out (an attribute missing from a field not required)
            printed = {}
            for name, get in getters:
                with suppress(SkipField):
                    printed[name] = get(instance)
            return printed

    return row


@dataclass
class Plan:
    """Each field's getter (None: bound to the instance: a method field names its method), and the
    row function when no field needs the instance."""

    getters: list[tuple[str, Getter | None]]
    methods: dict[str, str]
    row: Getter | None


# (serializer class, field selection) -> its plan. Selections are the client's (``?fields=``): past
# MAX_PLANS, new ones are planned for their request and not kept.
_PLANS: dict[tuple[type, Hashable], Plan] = {}
MAX_PLANS = 2000


def _plan(serializer) -> Plan:
    key = (type(serializer), serializer.field_selection())
    plan = _PLANS.get(key)
    if plan is None:
        getters, methods = [], {}
        for field in serializer._readable_fields:
            getters.append((field.field_name, _getter(serializer, field)))
            if isinstance(field, drf_fields.SerializerMethodField):
                methods[field.field_name] = field.method_name
        bound = any(get is None for _, get in getters)
        plan = Plan(getters, methods, None if bound else _build(getters))
        if len(_PLANS) < MAX_PLANS:
            _PLANS[key] = plan
    return plan


def row_printer(serializer_class: type) -> Getter:
    """``serializer_class(row).data`` as a function of the row, planned once: for rows printed inside a
    method field (a quote's other reports), where a serializer made per row (DRF's fields copied for
    each) cost more than the rows' printing."""
    printer = _PRINTERS.get(serializer_class)
    if printer is None:
        serializer = serializer_class()
        plan = _plan(serializer)
        printer = plan.row or serializer.to_representation
        _PRINTERS[serializer_class] = printer
    return printer


_PRINTERS: dict[type, Getter] = {}


class CompiledRepresentationMixin:
    """``to_representation`` from a plan made once per class: DRF's output, in one pass.

    A ``SerializerMethodField`` is the instance's method; other fields the plan cannot read without
    the instance (hyperlinks, custom fields) make the instance build its fields, as DRF does.
    """

    def field_selection(self) -> Hashable:
        """What, beyond the class, decides this instance's fields (``FlexibleFieldsMixin``: the
        request's ``fields`` and ``expand``)."""
        return None

    def to_representation(self, instance):
        row = self.__dict__.get("_compiled_row")
        if row is None:
            plan = _plan(self)
            row = plan.row or _build(
                [
                    (name, get or self._bound_getter(name, plan.methods.get(name)))
                    for name, get in plan.getters
                ]
            )
            self._compiled_row = row
        return row(instance)

    def _bound_getter(self, name: str, method_name: str | None) -> Getter:
        if method_name is not None:
            return getattr(self, method_name)  # DRF: the method, given the row
        return _drf_value(self.fields[name])


# ------------------------------------------------------------------------------------------ rendering

_ENCODER = JSONEncoder()
_LINE_SEPARATOR, _PARAGRAPH_SEPARATOR = "\u2028".encode(), "\u2029".encode()


class ORJSONRenderer(JSONRenderer):
    """DRF's ``JSONRenderer`` output, written by orjson (indented output, asked with
    ``Accept: application/json; indent=4``, and anything orjson refuses go through DRF's)."""

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:
            return b""
        if self.get_indent(accepted_media_type, renderer_context or {}) is not None:
            return super().render(data, accepted_media_type, renderer_context)
        try:
            body = orjson.dumps(
                data,
                default=_ENCODER.default,
                option=orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_NON_STR_KEYS,
            )
        except orjson.JSONEncodeError:
            return super().render(data, accepted_media_type, renderer_context)
        # Valid JSON, but not valid JavaScript before ES2019: DRF escapes them, so does this.
        if _LINE_SEPARATOR in body or _PARAGRAPH_SEPARATOR in body:
            body = body.replace(_LINE_SEPARATOR, b"\\u2028").replace(_PARAGRAPH_SEPARATOR, b"\\u2029")
        return body
