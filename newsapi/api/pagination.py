"""Pagination: page numbers for small lists, cursors for the big ones, page size capped everywhere."""

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


def _bounded(parameters: list[dict], bounds: dict[str, tuple[int, int | None]]) -> list[dict]:
    """The paginator's parameters with their documented minimum and maximum."""
    for parameter in parameters:
        if parameter["name"] in bounds:
            low, high = bounds[parameter["name"]]
            parameter["schema"]["minimum"] = low
            if high is not None:
                parameter["schema"]["maximum"] = high
    return parameters
