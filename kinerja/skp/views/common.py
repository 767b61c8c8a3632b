"""How the SKP pages answer a refused request (shared by every SKP view module).

ValidationError -> the Indonesian messages: an htmx request gets them (HTTP 400) in the error box
of the form that sent it; a plain POST gets them as messages after a redirect back.
InvalidTransition / SkpTerkunci -> HTTP 409 with the message (a fragment for htmx, a page otherwise).
PermissionDenied and Http404 are left to Django (403 / 404).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from kinerja.core.http import AuthedHttpRequest
from kinerja.core.workflow import InvalidTransition

View = Callable[..., HttpResponseBase]


def kembali(request: AuthedHttpRequest, fallback: str = "skp:list") -> HttpResponseBase:
    """Back to the page the form was on (the Referer when it is ours), else ``fallback``."""
    url = request.POST.get("next") or request.headers.get("Referer", "")
    if url and url_has_allowed_host_and_scheme(url, {request.get_host()}, request.is_secure()):
        return redirect(url)
    return redirect(fallback)


def _gagal(request: AuthedHttpRequest, pesan: list[str], status: int) -> HttpResponse:
    response = render(request, "skp/_pesan_gagal.html", {"pesan": pesan}, status=status)
    # The form that sent the request has an id and an error box; put the messages there.
    trigger = request.htmx.trigger if request.htmx else None
    response["HX-Retarget"] = f"#{trigger} .form-errors" if trigger else "#pesan"
    response["HX-Reswap"] = "innerHTML"
    return response


def aksi(view: View) -> View:
    """A state-changing SKP view: POST only, refusals answered as described above."""

    @require_POST
    @wraps(view)
    def wrapper(request: AuthedHttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        try:
            return view(request, *args, **kwargs)
        except ValidationError as exc:
            if request.htmx:
                return _gagal(request, exc.messages, 400)
            for message in exc.messages:
                messages.error(request, message)
            return kembali(request)
        except InvalidTransition as exc:
            if request.htmx:
                return _gagal(request, [str(exc)], 409)
            return render(request, "skp/konflik.html", {"pesan": str(exc)}, status=409)

    return wrapper


def htmx_or_redirect(
    request: AuthedHttpRequest, template: str, context: dict[str, Any], url: str
) -> HttpResponseBase:
    """The changed fragment for htmx; a redirect to the full page for a plain POST (no JS)."""
    if request.htmx:
        return render(request, template, context)
    return redirect(url)


def selesai(request: AuthedHttpRequest, url: str) -> HttpResponseBase:
    """After a workflow step: a full page load of ``url`` (htmx follows HX-Redirect)."""
    if request.htmx:
        return HttpResponse(headers={"HX-Redirect": url})
    return redirect(url)
