"""Request types for views: LoginRequiredMiddleware guarantees a logged-in user."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from django_htmx.middleware import HtmxDetails

    from kinerja.accounts.models import User


class AuthedHttpRequest(HttpRequest):
    user: User
    htmx: HtmxDetails
