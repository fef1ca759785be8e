"""gunicorn workers that refuse a malformed request in the API's JSON error shape.

gunicorn answers a request it cannot parse (a request line over ``limit_request_line``, too many or too
large headers) itself, before Django sees it, with a small HTML page and a 400. These workers give the
same refusal as ``{"status": 414, "code": "uri_too_long", "message": ..., "errors": []}`` with the
status the HTTP standard names for it, so a client reads every error of the API the same way.
``newsapi/gunicorn.conf.py`` selects them; nothing here imports Django.
"""

from __future__ import annotations

import json

from gunicorn import util
from gunicorn.http import errors
from gunicorn.workers.gthread import ThreadWorker
from gunicorn.workers.sync import SyncWorker

# gunicorn's parse errors as (status, reason, code); any other parse error is a 400 "invalid".
_PARSE_ERRORS: list[tuple[type[Exception], int, str, str]] = [
    (errors.LimitRequestLine, 414, "URI Too Long", "uri_too_long"),
    (errors.LimitRequestHeaders, 431, "Request Header Fields Too Large", "headers_too_large"),
    (errors.ForbiddenProxyRequest, 403, "Forbidden", "permission_denied"),
    (errors.UnsupportedTransferCoding, 501, "Not Implemented", "not_implemented"),
    (errors.ExpectationFailed, 417, "Expectation Failed", "expectation_failed"),
    (errors.ConfigurationProblem, 500, "Internal Server Error", "server_error"),
]


def json_refusal(exc: Exception) -> tuple[int, bytes]:
    """The HTTP response (status, raw bytes) for a request gunicorn could not parse."""
    status, reason, code = 400, "Bad Request", "invalid"
    for kind, kind_status, kind_reason, kind_code in _PARSE_ERRORS:
        if isinstance(exc, kind):
            status, reason, code = kind_status, kind_reason, kind_code
            break
    message = str(exc) or reason
    if isinstance(exc, errors.LimitRequestLine) and exc.max_size is not None:
        message = f"The request line is over {exc.max_size} bytes, the most this server reads."
    body = json.dumps({"status": status, "code": code, "message": message, "errors": []}).encode()
    head = (
        f"HTTP/1.1 {status} {reason}\r\nConnection: close\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    ).encode("latin-1")
    return status, head + body


class JsonRefusalMixin:
    def handle_error(self, req, client, addr, exc):
        if not isinstance(exc, errors.ParseException):
            return super().handle_error(req, client, addr, exc)
        self.log.warning("Invalid request from ip=%s: %s", (addr or ("",))[0], exc)
        try:
            util.write_nonblock(client, json_refusal(exc)[1])
        except Exception:
            self.log.debug("Failed to send error message.")


class JsonRefusalSyncWorker(JsonRefusalMixin, SyncWorker):
    """gunicorn's sync worker (one request at a time per process)."""


class JsonRefusalThreadWorker(JsonRefusalMixin, ThreadWorker):
    """gunicorn's gthread worker (GUNICORN_THREADS > 1)."""
