"""Pagination: page numbers for small lists, cursors for the big ones, page size capped everywhere."""

from django.core.exceptions import FieldDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework.exceptions import NotFound
from rest_framework.pagination import CursorPagination, PageNumberPagination

MAX_PAGE_SIZE = 200


class StandardPagination(PageNumberPagination):
    """``?page=`` and ``?page_size=`` (capped), with a total ``count``."""

    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    page_size_query_description = f"Rows per page, 1 to {MAX_PAGE_SIZE} (default 25)."

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        return _bounded(parameters, {"page": (1, None), self.page_size_query_param: (1, MAX_PAGE_SIZE)})

    def get_paginated_response_schema(self, schema):
        return _described(super().get_paginated_response_schema(schema))


class StableCursorPagination(CursorPagination):
    """Opaque ``?cursor=`` links that stay fast and stable on deep pages while rows are added."""

    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    ordering = "-id"
    cursor_query_description = "Opaque cursor from a `next` or `previous` link; an invalid cursor is a 404."
    page_size_query_description = f"Rows per page, 1 to {MAX_PAGE_SIZE} (default 25)."

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        return _bounded(parameters, {self.page_size_query_param: (1, MAX_PAGE_SIZE)})

    def get_paginated_response_schema(self, schema):
        return _described(super().get_paginated_response_schema(schema))

    def paginate_queryset(self, queryset, request, view=None):
        self.model = queryset.model
        return super().paginate_queryset(queryset, request, view)

    def decode_cursor(self, request):
        """A cursor whose position is not a value of the ordering field (forged, or from another
        ordering) is an invalid cursor, not a database error."""
        cursor = super().decode_cursor(request)
        if cursor is None or cursor.position is None:
            return cursor
        if "\x00" in cursor.position:
            raise NotFound(self.invalid_cursor_message)
        try:
            field = self.model._meta.get_field(self.ordering[0].lstrip("-"))
        except FieldDoesNotExist:
            return cursor
        try:
            field.to_python(cursor.position)
        except (DjangoValidationError, ValueError, TypeError, OverflowError):
            raise NotFound(self.invalid_cursor_message) from None
        return cursor


PAGE_FIELD_DESCRIPTIONS = {
    "count": "Rows in the whole filtered list.",
    "next": "Link to the next page, or null on the last.",
    "previous": "Link to the previous page, or null on the first.",
    "results": "The rows of this page.",
}


def _described(schema: dict) -> dict:
    """The page envelope with a description on each of its fields."""
    for name, prop in schema["properties"].items():
        if name in PAGE_FIELD_DESCRIPTIONS:
            prop["description"] = PAGE_FIELD_DESCRIPTIONS[name]
    return schema


def _bounded(parameters: list[dict], bounds: dict[str, tuple[int, int | None]]) -> list[dict]:
    """The paginator's parameters with their documented minimum and maximum."""
    for parameter in parameters:
        if parameter["name"] in bounds:
            low, high = bounds[parameter["name"]]
            parameter["schema"]["minimum"] = low
            if high is not None:
                parameter["schema"]["maximum"] = high
    return parameters
