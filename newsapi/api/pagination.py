"""Pagination: page numbers for small lists, cursors for the big ones, page size capped everywhere."""

from rest_framework.pagination import CursorPagination, PageNumberPagination

MAX_PAGE_SIZE = 200


class StandardPagination(PageNumberPagination):
    """``?page=`` and ``?page_size=`` (capped), with a total ``count``."""

    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE


class StableCursorPagination(CursorPagination):
    """Opaque ``?cursor=`` links that stay fast and stable on deep pages while rows are added."""

    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    ordering = "-id"
