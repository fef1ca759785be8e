"""Limits checked before any view runs, and unknown API URLs, answered in the API's error shape."""

from django.conf import settings

from newsapi.api.errors import json_404, json_error


class RequestLimitsMiddleware:
    """A query string longer than NEWSAPI_MAX_QUERY_STRING is a 414 (a front server such as gunicorn
    may refuse a long request line before Django sees it, in its own words)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = settings.NEWSAPI_MAX_QUERY_STRING
        length = len(request.META.get("QUERY_STRING", ""))
        if length > limit and request.path.startswith("/api/"):
            return json_error(
                414, f"The query string is {length} characters; the limit is {limit}.", "uri_too_long"
            )
        response = self.get_response(request)
        # With DEBUG on (./dev serve) Django answers a URL no route matches with its HTML debug page
        # instead of handler404: under /api/ it is the JSON 404 a deployment gives (after
        # CommonMiddleware, so a missing slash is still a redirect).
        if (
            settings.DEBUG
            and response.status_code == 404
            and request.path.startswith("/api/")
            and response.get("Content-Type", "").startswith("text/html")
        ):
            return json_404(request)
        return response
