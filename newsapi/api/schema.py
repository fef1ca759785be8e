"""The OpenAPI description of what the API really does, beyond what drf-spectacular infers:

- every 4xx the API can return, in the one error shape of ``newsapi.api.errors``;
- reads open to anonymous clients (when NEWSAPI_PUBLIC_READ is on);
- ``fields`` and ``expand`` wherever a serializer honours them, and the response fields
  as they may come back (optional under ``fields``, object or link under ``expand``);
- id filters as 64-bit integers; the export's filters, ordering and fields;
- JSON request bodies.

Views use it with ``schema = NewsAutoSchema()``.
"""

from __future__ import annotations

from django.conf import settings
from drf_spectacular.extensions import OpenApiAuthenticationExtension, OpenApiSerializerExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import serializers

from newsapi.api.errors import ErrorSerializer
from newsapi.api.filters import ID_SCHEMA, IdFilter
from newsapi.api.serializers import FlexibleFieldsMixin

WRITE_METHODS = ("POST", "PUT", "PATCH", "DELETE")

ERROR_DESCRIPTIONS = {
    400: "A query parameter or body field is invalid; `errors` names each one.",
    401: "The token is missing (reads closed by NEWSAPI_PUBLIC_READ, or a write) or invalid.",
    403: "Authenticated, but without the permission to correct data (not in the editors group).",
    404: "No such object.",
    415: "The body is not JSON, form data or multipart.",
    412: "If-Match named an ETag the object no longer has: someone changed it since; GET it again.",
    429: "Too many requests: throttled. Retry after the seconds in the Retry-After header.",
    503: "The database is down or did not answer in time. Retry after the seconds in Retry-After.",
}


def names_pattern(names: list[str], signed: bool = False) -> str:
    """A regex for a comma-separated list of ``names`` (each optionally prefixed by '-')."""
    sign = "-?" if signed else ""
    one = f"{sign}({'|'.join(sorted(names))})"
    return f"^{one}(,{one})*$"


def flexible_serializer(serializer) -> FlexibleFieldsMixin | None:
    if isinstance(serializer, serializers.ListSerializer):
        serializer = serializer.child
    return serializer if isinstance(serializer, FlexibleFieldsMixin) else None


class NewsAutoSchema(AutoSchema):
    def _is_export(self) -> bool:
        return getattr(self.view, "action", None) == "export"

    def get_filter_backends(self):
        # The export streams the filtered list: same filters and ordering as the list.
        if self._is_export():
            return getattr(self.view, "filter_backends", [])
        return super().get_filter_backends()

    def _get_filter_parameters(self):
        parameters = super()._get_filter_parameters()
        filterset = getattr(self.view, "filterset_class", None)
        for parameter in parameters:
            declared = filterset.base_filters.get(parameter["name"]) if filterset else None
            if isinstance(declared, IdFilter):
                parameter["schema"] = dict(ID_SCHEMA)
        return parameters

    def _served_serializer(self):
        """The serializer whose fields a GET returns, or None."""
        if self.method != "GET":
            return None
        if self._is_export():
            return self.view.get_serializer_class()()
        return self.get_response_serializers()

    def get_override_parameters(self):
        parameters = list(super().get_override_parameters())
        if self.method == "PATCH":
            parameters.append(
                OpenApiParameter(
                    "If-Match",
                    str,
                    location=OpenApiParameter.HEADER,
                    description=(
                        "The ETag of the GET the correction is based on: if the object changed since, "
                        "the answer is 412 and nothing is written."
                    ),
                )
            )
        serializer = flexible_serializer(self._served_serializer())
        if serializer is None:
            return parameters
        names = list(type(serializer)().fields)
        expandable = sorted(serializer.expandable_fields)
        parameters.append(
            OpenApiParameter(
                "fields",
                {"type": "string", "pattern": names_pattern(names)},
                description=(
                    "Comma-separated fields to return, the others are left out: "
                    f"{', '.join(names)}. An unknown name is a 400."
                ),
            )
        )
        if expandable:
            parameters.append(
                OpenApiParameter(
                    "expand",
                    {"type": "string", "pattern": names_pattern(expandable)},
                    description=(
                        "Comma-separated links to replace by the whole object: "
                        f"{', '.join(expandable)}. An unknown name is a 400."
                    ),
                )
            )
        return parameters

    def map_parsers(self):
        # JSON is the contract. Form and multipart bodies are still parsed, for the browsable API, but
        # documenting them makes generated clients send one model three ways.
        return ["application/json"]

    def get_auth(self):
        auths = super().get_auth()  # also registers the security schemes for the writes
        if self.method in ("GET", "HEAD", "OPTIONS") and settings.NEWSAPI_PUBLIC_READ:
            # No security requirement at all: Swagger shows no lock and generated clients call
            # reads with a plain client. (An optional ``{}`` beside the token still reads as "auth".)
            return []
        return auths

    def _get_filter_parameters(self):
        parameters = super()._get_filter_parameters()
        # drf-spectacular documents a filter whose schema is given whole (``extend_schema_field``: the
        # entity and source references) without its label, and the label is all a reader has to go on.
        filterset = getattr(self.view, "filterset_class", None)
        declared = filterset.base_filters if filterset is not None else {}
        for parameter in parameters:
            label = getattr(declared.get(parameter["name"]), "label", None)
            if label and not parameter.get("description"):
                parameter["description"] = str(label)
        return parameters

    def _resolve_path_parameters(self, variables):
        parameters = super()._resolve_path_parameters(variables)
        lookup = getattr(self.view, "lookup_parameter_schema", None)
        if lookup is not None:
            for parameter in parameters:
                if parameter["name"] in ("id", "pk"):
                    parameter["schema"] = dict(lookup["schema"])
                    parameter["description"] = lookup["description"]
        return parameters

    def _error_codes(self) -> list[int]:
        codes = [401]
        writes = self.method in WRITE_METHODS
        has_query = any(parameter["in"] == "query" for parameter in self._get_parameters())
        if writes or has_query:
            codes.append(400)
        if writes:
            codes += [403, 415]
        if "{" in self.path:
            codes.append(404)
        if self.method == "PATCH":
            codes.append(412)
        codes += [429, 503]
        return sorted(codes)

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for code in self._error_codes():
            if str(code) not in responses:
                responses[str(code)] = self._get_response_for_code(
                    OpenApiResponse(ErrorSerializer, description=ERROR_DESCRIPTIONS[code]),
                    str(code),
                    ["application/json"],
                    direction,
                )
        return responses


class FlexibleFieldsExtension(OpenApiSerializerExtension):
    """Responses of serializers that honour ``fields`` and ``expand``: every field may be left out
    (``fields``), and an expandable link is either the link or the whole object (``expand``)."""

    target_class = "newsapi.api.serializers.FlexibleFieldsMixin"
    match_subclasses = True

    def map_serializer(self, auto_schema, direction):
        schema = auto_schema._map_serializer(self.target, direction, bypass_extensions=True)
        if direction != "response":
            return schema
        schema.pop("required", None)
        for name, make in self.target.expandable_fields.items():
            link = schema["properties"][name]
            expanded = auto_schema._map_serializer_field(make(), direction)
            schema["properties"][name] = {
                "anyOf": [link, expanded],
                "description": f"The link; with expand={name}, the whole object.",
            }
        return schema


class HashedTokenScheme(OpenApiAuthenticationExtension):
    """The API token (stored hashed by django-rest-knox), sent as ``Authorization: Token <key>``."""

    target_class = "knox.auth.TokenAuthentication"
    name = "tokenAuth"
    priority = 1  # over drf-spectacular's own knox scheme, which names it differently

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "`Token <key>`, the key `manage.py create_api_token NAME` printed.",
        }
