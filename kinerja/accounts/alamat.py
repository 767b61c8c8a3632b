"""The client's address for the login lockout (django-axes ``AXES_CLIENT_IP_CALLABLE``).

Behind ``KINERJA_PROXY_COUNT`` trusted reverse proxies, each appending the address it saw to
X-Forwarded-For, the client is the entry that the outermost trusted proxy appended: the N-th
from the right. Entries further left were written by the client and cannot be trusted. Without
proxies (or a header shorter than expected) it is REMOTE_ADDR.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def alamat_klien(request: HttpRequest) -> str | None:
    remote: str | None = request.META.get("REMOTE_ADDR")
    count: int = settings.KINERJA_PROXY_COUNT
    if count <= 0:
        return remote
    entries = [e.strip() for e in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if e.strip()]
    if len(entries) < count:
        return remote
    return str(entries[-count])
