"""View behaviour shared by the apps: query plans that follow ``?expand=``, and streamed export."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator

from django.db.models import QuerySet
from django.http import StreamingHttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.renderers import BaseRenderer, JSONRenderer

from newsapi.api.schema import NewsAutoSchema
from newsapi.api.serializers import requested

EXPORT_CHUNK = 500


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


def _flat(value) -> str:
    """A CSV cell: nested objects by name (or id), lists joined with '|'."""
    if value is None:
        return ""
    if isinstance(value, dict):
        return str(value.get("name", value.get("title", value.get("id", ""))))
    if isinstance(value, list):
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
            self.request.accepted_renderer = JSONRenderer()
            self.request.accepted_media_type = JSONRenderer.media_type
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
        renderer_classes=[JSONRenderer, CSVRenderer, JSONLinesRenderer],
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


class CorrectionMixin:
    """``PATCH``: validate with ``update_serializer_class``, write through ``correct`` (a service
    function, the one the admin uses too), answer with the object as the read serializer shows it."""

    # Each view sets both: the serializer that validates a correction, and ``correct(instance, data)``.
    update_serializer_class: type | None = None

    def update(self, request, *args, **kwargs):
        from rest_framework.response import Response

        instance = self.get_object()
        serializer = self.update_serializer_class(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        self.correct(instance, serializer.validated_data)
        fresh = self.get_queryset().get(pk=instance.pk)
        return Response(self.get_serializer(fresh).data)


class NavigationMixin:
    """Detail routes that list a parent's children (``/entities/{id}/quotes/``) with the children's
    filters, ordering and pagination; ``get_queryset`` returns the children for those actions."""

    parent_model = None

    def list_children(self):
        from rest_framework.generics import get_object_or_404

        # The parent is looked up without the children's filters: an unknown parent is a 404.
        get_object_or_404(self.parent_model, pk=self.kwargs["pk"])
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class CorrectableViewSet(
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
