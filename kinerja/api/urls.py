"""URL patterns of the API, marked public for LoginRequiredMiddleware: the API checks its own auth."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, JsonResponse
from django.urls import URLPattern, URLResolver, re_path

from kinerja.api.api import api
from kinerja.api.errors import DEFAULT_ERRORS


def not_found(request: HttpRequest, rest: str = "") -> JsonResponse:
    """An unknown address under /api/v1/ answers JSON, not the HTML 404 page."""
    return JsonResponse({"code": DEFAULT_ERRORS[404][0], "message": "Alamat API tidak dikenal."}, status=404)


def _mark_public(patterns: list[Any]) -> list[Any]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            _mark_public(pattern.url_patterns)
        elif isinstance(pattern, URLPattern):
            # Every operation declares its own auth (bearer token); none relies on the session
            # redirect to the login page, which would answer an API client with HTML.
            pattern.callback.login_required = False  # type: ignore[attr-defined]
    return patterns


api_urlpatterns = (
    _mark_public([*api.urls[0], re_path(r"^(?P<rest>.*)$", not_found, name="not-found")]),
    api.urls[1],
)
