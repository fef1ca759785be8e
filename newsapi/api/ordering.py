"""Ordering from an allow-list: an unknown field is a 400, never silently ignored.

The keyset paginator makes any of these orderings unique (the id ends it) and puts nulls last.
"""

from rest_framework.exceptions import ValidationError
from rest_framework.filters import OrderingFilter

# The annotation a text search ranks its matches by (see articles.selectors.article_search).
RANK = "search_rank"


class AllowListOrderingFilter(OrderingFilter):
    """``?ordering=-published_at,id`` over the view's ``ordering_fields`` only."""

    def get_ordering(self, request, queryset, view):
        params = request.query_params.get(self.ordering_param)
        if params:
            fields = [param.strip() for param in params.split(",") if param.strip()]
            valid = {item[0] for item in self.get_valid_fields(queryset, view, {"request": request})}
            # One '-' at most: "--title" is no field (lstrip made it "title", and the query a 500).
            unknown = [term for term in fields if term.removeprefix("-") not in valid]
            if unknown:
                raise ValidationError(
                    {
                        self.ordering_param: [
                            f"Unknown ordering field(s): {', '.join(unknown)}. "
                            f"Allowed: {', '.join(sorted(valid))} (prefix '-' for descending)."
                        ]
                    }
                )
            return fields
        if RANK in queryset.query.annotations:
            return None  # a text search keeps its relevance order unless another is asked for
        return self.get_default_ordering(view)

    def get_schema_operation_parameters(self, view):
        fields = list(getattr(view, "ordering_fields", None) or [])
        if not fields:
            return []
        one = f"-?({'|'.join(sorted(fields))})"
        default = ",".join(self.get_default_ordering(view) or [])
        return [
            {
                "name": self.ordering_param,
                "required": False,
                "in": "query",
                "description": (
                    f"Comma-separated sort fields from: {', '.join(fields)}; prefix '-' for descending. "
                    f"Default: {default or 'id'} (a ranked text search, `q` on articles: most relevant first). "
                    "Rows with no value come last either way; ties are broken by id. An unknown field is a 400."
                ),
                "schema": {"type": "string", "pattern": f"^{one}(,{one})*$"},
            }
        ]


# Allow-lists and defaults for lists that appear under several routes (as navigation actions too).
ARTICLE_ORDERING = {"ordering_fields": ["published_at", "id", "title"], "ordering": ["-published_at", "-id"]}
QUOTE_ORDERING = {"ordering_fields": ["id", "article", "start"], "ordering": ["-id"]}
EVENT_ORDERING = {"ordering_fields": ["date", "id", "title"], "ordering": ["-date", "id"]}
