"""View behaviour shared by the apps: query plans that follow ``?expand=``, and streamed export."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Callable, Iterator

from django.db import transaction
from django.db.models import QuerySet
from django.http import StreamingHttpResponse
from django.utils.http import quote_etag
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.renderers import BaseRenderer

from newsapi.api.errors import PreconditionFailed
from newsapi.api.representation import ORJSONRenderer
from newsapi.api.schema import NewsAutoSchema
from newsapi.api.serializers import FlexibleFieldsMixin, requested

EXPORT_CHUNK = 500


# Read by every view whatever its filters: the sparse-field and expansion names, and the renderer
# (``?format=json`` for the browsable API, ``csv``/``jsonl`` for exports).
# DRF's format override (``?format=json``) is read on every route; ``fields`` and ``expand`` only where
# the route prints with a serializer that reads them (``FlexibleFieldsMixin``).
COMMON_QUERY_PARAMETERS = ("format",)
SELECTION_QUERY_PARAMETERS = ("fields", "expand")


class QueryParameterCheckMixin:
    """A query parameter the view does not read is a 400 naming it, so a typo (``?typo=person``)
    never silently returns the whole list."""

    def allowed_query_parameters(self) -> set[str]:
        allowed = set(COMMON_QUERY_PARAMETERS)
        if issubclass(self.get_serializer_class(), FlexibleFieldsMixin):
            allowed.update(SELECTION_QUERY_PARAMETERS)
        filterset = getattr(self, "filterset_class", None)
        backends = getattr(self, "filter_backends", None) or []
        if filterset is not None and backends:
            names = getattr(filterset, "parameter_names", None)
            allowed.update(names() if names else filterset.base_filters)
        for backend in backends:
            parameter = getattr(backend, "ordering_param", None)
            if parameter and getattr(self, "ordering_fields", None):
                allowed.add(parameter)
        paginator = getattr(self, "paginator", None)
        for attribute in ("page_query_param", "page_size_query_param", "cursor_query_param"):
            parameter = getattr(paginator, attribute, None)
            if parameter:
                allowed.add(parameter)
        return allowed

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if request.method not in ("GET", "HEAD"):
            return
        allowed = self.allowed_query_parameters()
        unknown = sorted(set(request.query_params) - allowed)
        if unknown:
            listed = ", ".join(sorted(allowed))
            raise ValidationError(
                {name: [f"Unknown query parameter {name!r}. This route reads: {listed}."] for name in unknown}
            )


class ExpandQueryPlanMixin:
    """Each ``?expand=`` name adds its own joins or prefetches, so expansion never costs a query per row."""

    expand_query_plan: dict[str, Callable[[QuerySet], QuerySet]] = {}

    def plan_expansions(self, queryset: QuerySet) -> QuerySet:
        for name in requested(self.request, "expand"):
            plan = self.expand_query_plan.get(name)
            if plan is not None:
                queryset = plan(queryset)
        return queryset


class CSVRenderer(BaseRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):  # pragma: no cover - streamed
        return data


class JSONLinesRenderer(BaseRenderer):
    media_type = "application/jsonl"
    format = "jsonl"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):  # pragma: no cover - streamed
        return data


LABEL_KEYS = ("name", "title", "id")


def _labelled(value) -> bool:
    return isinstance(value, dict) and any(key in value for key in LABEL_KEYS)


def _flat(value) -> str:
    """A CSV cell: linked objects by name (or title, or id), lists of them joined with '|'; records
    with no name of their own (an event's reports) as compact JSON, so no column comes out empty."""
    if value is None:
        return ""
    if isinstance(value, dict):
        if _labelled(value):
            return str(next(value[key] for key in LABEL_KEYS if key in value))
        return json.dumps(value, ensure_ascii=False, default=str, separators=(",", ":"))
    if isinstance(value, list):
        if any(isinstance(item, dict) and not _labelled(item) for item in value):
            return json.dumps(value, ensure_ascii=False, default=str, separators=(",", ":"))
        return "|".join(_flat(item) for item in value)
    return str(value)


EXPORT_PARAMETERS = [
    OpenApiParameter(
        "format",
        OpenApiTypes.STR,
        enum=["csv", "jsonl"],
        description="csv (one row per object, nested objects by name) or jsonl (one JSON object per line).",
        required=True,
    )
]


class ExportNegotiation(DefaultContentNegotiation):
    """An unknown ``?format=`` is a 400 naming the parameter (DRF's own negotiation answers 404)."""

    def select_renderer(self, request, renderers, format_suffix=None):
        requested_format = format_suffix or request.query_params.get(self.settings.URL_FORMAT_OVERRIDE)
        if requested_format and requested_format not in {renderer.format for renderer in renderers}:
            raise ValidationError({"format": ["Choose csv or jsonl."]})
        return super().select_renderer(request, renderers, format_suffix)


class ExportMixin:
    """``GET <list>/export/?format=csv|jsonl``: every row of the filtered list, streamed, no page cap."""

    def handle_exception(self, exc):
        # Errors are JSON in the one error shape, whatever format the export was asked in.
        if isinstance(getattr(self.request, "accepted_renderer", None), CSVRenderer | JSONLinesRenderer):
            self.request.accepted_renderer = ORJSONRenderer()
            self.request.accepted_media_type = ORJSONRenderer.media_type
        return super().handle_exception(exc)

    @extend_schema(
        parameters=EXPORT_PARAMETERS,
        responses={(200, "text/csv"): OpenApiTypes.STR, (200, "application/jsonl"): OpenApiTypes.STR},
        summary="Export the filtered list as CSV or JSON Lines",
        description="Every row of the filtered list (same filters as the list), streamed without a page cap.",
    )
    @action(
        detail=False,
        methods=["get"],
        renderer_classes=[ORJSONRenderer, CSVRenderer, JSONLinesRenderer],
        content_negotiation_class=ExportNegotiation,
    )
    def export(self, request, *args, **kwargs):
        export_format = request.accepted_renderer.format
        if export_format not in ("csv", "jsonl"):
            raise ValidationError({"format": ["Choose csv or jsonl."]})
        queryset = self.filter_queryset(self.get_queryset())
        serializer_class = self.get_serializer_class()
        context = self.get_serializer_context()
        serializer_class(context=context)  # a bad fields/expand is a 400 now, not a broken stream later

        def rows() -> Iterator[dict]:
            for obj in queryset.iterator(chunk_size=EXPORT_CHUNK):
                yield serializer_class(obj, context=context).data

        name = f"{self.basename}-export.{export_format}"
        if export_format == "jsonl":
            body = (json.dumps(row, ensure_ascii=False, default=str) + "\n" for row in rows())
            content_type = "application/jsonl; charset=utf-8"
        else:
            body = _csv_lines(rows())
            content_type = "text/csv; charset=utf-8"
        response = StreamingHttpResponse(body, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


def _csv_lines(rows: Iterator[dict]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = None
    for row in rows:
        if writer is None:
            writer = csv.DictWriter(buffer, fieldnames=list(row))
            writer.writeheader()
        writer.writerow({key: _flat(value) for key, value in row.items()})
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


def representation_etag(data) -> str:
    """The ETag a GET of this representation answers (ConditionalGetMiddleware: MD5 of the JSON body)."""
    return quote_etag(hashlib.md5(ORJSONRenderer().render(data), usedforsecurity=False).hexdigest())


def _etag_matches(header: str, current: str) -> bool:
    # Weak comparison: a gzip-compressed GET answers W/"..." for the same representation.
    tags = [tag.strip().removeprefix("W/") for tag in header.split(",")]
    return "*" in tags or current in tags


class CorrectionMixin:
    """``PATCH``: validate with ``update_serializer_class``, write through ``correct`` (a service
    function, the one the admin uses too), answer with the object as the read serializer shows it.

    With ``If-Match: <ETag of a GET>`` the correction applies only if nobody changed the object since
    that GET (412 otherwise). The row is locked from the check to the write, so two editors sending
    the same ETag cannot both succeed."""

    # Each view sets both: the serializer that validates a correction, and ``correct(instance, data)``.
    update_serializer_class: type | None = None

    def update(self, request, *args, **kwargs):
        from rest_framework.exceptions import NotFound
        from rest_framework.response import Response

        from newsapi.api.filters import is_id

        # Not an id (``/articles/null,null/``): no such object, before the lock's query sees it.
        if not is_id(str(self.kwargs[self.lookup_field])):
            raise NotFound()
        with transaction.atomic():
            model = self.get_queryset().model
            locked = model._default_manager.select_for_update().filter(pk=self.get_object().pk)
            locked.exists()
            instance = self.get_object()  # as it is now that no other correction can run
            if_match = request.headers.get("If-Match")
            if if_match:
                current = representation_etag(self.get_serializer(instance).data)
                if not _etag_matches(if_match, current):
                    raise PreconditionFailed(
                        "The object changed since the ETag you sent; GET it again and retry."
                    )
            serializer = self.update_serializer_class(data=request.data, partial=True)
            serializer.is_valid(raise_exception=True)
            self.correct(instance, serializer.validated_data)
        fresh = self.get_queryset().get(pk=instance.pk)
        return Response(self.get_serializer(fresh).data)


class NavigationMixin:
    """Detail routes that list a parent's children (``/entities/{id}/quotes/``) with the children's
    filters, ordering and pagination; ``get_queryset`` returns the children for those actions."""

    parent_model = None

    def get_parent(self):
        """The parent in the URL, looked up without the children's filters: an unknown parent is a 404."""
        from rest_framework.generics import get_object_or_404

        return get_object_or_404(self.parent_model, pk=self.kwargs["pk"])

    def list_children(self):
        self.get_parent()
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class CorrectableViewSet(
    QueryParameterCheckMixin,
    CorrectionMixin,
    ExpandQueryPlanMixin,
    ExportMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """List, detail, export and PATCH corrections: what articles, quotes, events and entities share."""

    schema = NewsAutoSchema()
