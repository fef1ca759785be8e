"""One JSON shape for every 4xx the API returns.

    {"status": 400, "code": "invalid", "message": "published_after: Enter a valid date.",
     "errors": [{"field": "published_after", "code": "invalid", "message": "Enter a valid date."}]}

``field`` names the query parameter or body field at fault (dotted for nested
fields), or is null when the error is about the request as a whole.
"""

from __future__ import annotations

import sys
from typing import Any

from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.views import defaults
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The request body is larger than this server accepts."
    default_code = "payload_too_large"


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = "The object changed since the ETag in If-Match."
    default_code = "precondition_failed"


class ServiceUnavailable(exceptions.APIException):
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = "The database is unavailable or did not answer in time; retry shortly."
    default_code = "unavailable"


# Seconds a client is asked to wait before retrying after a 503.
RETRY_AFTER_SECONDS = 30


def _api_exception(exc: Exception) -> Exception:
    """Exceptions raised below the API as the client error or outage they stand for."""
    if isinstance(exc, DjangoValidationError):
        return exceptions.ValidationError(exc.message_dict if hasattr(exc, "error_dict") else exc.messages)
    if isinstance(exc, RequestDataTooBig):
        return PayloadTooLarge()
    if isinstance(exc, SuspiciousOperation):
        return exceptions.ValidationError(str(exc) or "The request is malformed.")
    # A connection refused or lost, a statement timeout: the database, not the request, is at fault.
    if isinstance(exc, OperationalError | InterfaceError):
        return ServiceUnavailable()
    return exc


class FieldErrorSerializer(serializers.Serializer):
    """One problem with one field (documentation of the error shape; never used to parse)."""

    field = serializers.CharField(
        allow_null=True,
        help_text="The query parameter or body field at fault, dotted for nested fields (participants.0).",
    )
    code = serializers.CharField(help_text="Machine-readable reason, e.g. invalid, required, min_value.")
    message = serializers.CharField(help_text="The reason in a sentence.")


class ErrorSerializer(serializers.Serializer):
    """The body of every 4xx response."""

    status = serializers.IntegerField(help_text="The HTTP status code, repeated.")
    code = serializers.CharField(
        help_text="Machine-readable reason: invalid, not_found, not_authenticated, throttled, ..."
    )
    message = serializers.CharField(help_text="Every problem in one line, each prefixed by its field.")
    errors = FieldErrorSerializer(
        many=True, help_text="One entry per field at fault; empty for whole-request errors."
    )


def _flatten(detail: Any, field: str | None, out: list[dict]) -> None:
    if isinstance(detail, dict):
        for key, value in detail.items():
            name = None if key in ("non_field_errors", "__all__", "detail") else str(key)
            _flatten(value, f"{field}.{name}" if field and name else (name or field), out)
    elif isinstance(detail, list):
        for index, value in enumerate(detail):
            nested = isinstance(value, dict | list)
            _flatten(value, f"{field}.{index}" if nested and field else field, out)
    else:
        out.append(
            {"field": field, "code": getattr(detail, "code", None) or "invalid", "message": str(detail)}
        )


def error_body(status_code: int, detail: Any, default_code: str = "error") -> dict:
    errors: list[dict] = []
    _flatten(detail, None, errors)
    whole = [e for e in errors if e["field"] is None]
    code = whole[0]["code"] if whole else (errors[0]["code"] if errors else default_code)
    message = "; ".join(f"{e['field']}: {e['message']}" if e["field"] else e["message"] for e in errors)
    return {
        "status": status_code,
        "code": code,
        "message": message or "Error.",
        "errors": [e for e in errors if e["field"] is not None],
    }


def exception_handler(exc: Exception, context: dict) -> Response | None:
    """DRF's handler, with Django's own errors mapped to their status and every error in one shape."""
    exc = _api_exception(exc)
    response = drf_exception_handler(exc, context)
    if response is not None:
        response.data = error_body(response.status_code, response.data)
        if response.status_code == status.HTTP_503_SERVICE_UNAVAILABLE:
            response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def json_error(status_code: int, message: str, code: str) -> JsonResponse:
    body = {"status": status_code, "code": code, "message": message, "errors": []}
    response = JsonResponse(body, status=status_code)
    if status_code == status.HTTP_503_SERVICE_UNAVAILABLE:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def _is_api(request) -> bool:
    return request.path.startswith("/api/")


def json_404(request, exception=None) -> JsonResponse:
    """404 for URLs that match no route: JSON under /api/, the same shape as every other error."""
    if not _is_api(request):
        return defaults.page_not_found(request, exception)
    body = error_body(404, exceptions.NotFound(f"No resource at {request.path}.").detail)
    return JsonResponse(body, status=404)


def json_400(request, exception=None):
    """A request Django itself refused (a body over the upload limit, a bad Host, ...)."""
    if isinstance(exception, RequestDataTooBig):
        if _is_api(request):
            return json_error(413, PayloadTooLarge.default_detail, PayloadTooLarge.default_code)
        return HttpResponse(PayloadTooLarge.default_detail, status=413, content_type="text/plain")
    if not _is_api(request):
        return defaults.bad_request(request, exception)
    return json_error(400, "The request is malformed.", "invalid")


def json_403(request, exception=None):
    if not _is_api(request):
        return defaults.permission_denied(request, exception)
    return json_error(403, str(exception or "") or "Permission denied.", "permission_denied")


def json_500(request):
    """An unexpected error: a 503 when the database is out (retry later), a 500 otherwise."""
    exc = sys.exc_info()[1]
    if isinstance(exc, OperationalError | InterfaceError):
        if _is_api(request):
            return json_error(503, ServiceUnavailable.default_detail, ServiceUnavailable.default_code)
        response = HttpResponse(ServiceUnavailable.default_detail, status=503, content_type="text/plain")
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    if not _is_api(request):
        return defaults.server_error(request)
    return json_error(500, "The server failed to answer this request.", "server_error")
