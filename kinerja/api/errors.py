"""Every error of the API as JSON: a stable ``code`` and a ``message`` in Bahasa Indonesia (style.md).

``{"code": "tidak_ditemukan", "message": "Pegawai tidak ditemukan."}``, plus ``detail`` (one entry
per field) for invalid input. The handlers live here, in one place, and ``install(api)`` puts them on
the NinjaAPI, so a new resource only raises:

- ``Http404`` (from the ``*_get_for_user`` access functions) -> 404 ``tidak_ditemukan``;
- ``PermissionDenied`` -> 403 ``akses_ditolak``;
- ``django.core.exceptions.ValidationError`` (services) -> 400 ``input_tidak_valid``;
- ``ApiError`` and its subclasses (``ConflictError`` -> 409) for anything else;
- a domain exception registered once with ``map_exception`` (e.g. ``InvalidTransition`` -> 409).

Schema validation errors answer 400 instead of Ninja's 422: the API has one status for bad input.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from functools import partial
from typing import Any

from django.core import signals
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI, Schema
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError

logger = logging.getLogger("django.request")


class ErrorDetailOut(Schema):
    loc: list[str | int]
    code: str
    message: str


class ErrorOut(Schema):
    code: str
    message: str
    detail: list[ErrorDetailOut] | None = None


# The code and message answered for a status when nothing more precise is known. Ninja's own
# HttpErrors ("Cannot parse request body", "Unauthorized") carry English text, so their message is
# replaced by these.
DEFAULT_ERRORS: dict[int, tuple[str, str]] = {
    400: ("permintaan_tidak_valid", "Permintaan tidak dapat dibaca."),
    401: ("tidak_terautentikasi", "Token tidak ada, tidak dikenal, atau sudah kedaluwarsa."),
    403: ("akses_ditolak", "Anda tidak berhak melakukan ini."),
    404: ("tidak_ditemukan", "Data tidak ditemukan."),
    405: ("metode_tidak_didukung", "Metode HTTP ini tidak didukung di alamat ini."),
    409: ("konflik", "Permintaan bertentangan dengan keadaan data saat ini."),
    429: ("terlalu_banyak_permintaan", "Terlalu banyak permintaan. Coba lagi nanti."),
    500: ("kesalahan_server", "Terjadi kesalahan pada server. Silakan coba lagi nanti."),
}

INVALID_INPUT = ("input_tidak_valid", "Data yang dikirim tidak valid.")

# Pydantic's messages are English; the common ones get a Bahasa Indonesia text, the rest keep theirs.
FIELD_MESSAGES: dict[str, str] = {
    "missing": "Wajib diisi.",
    "string_type": "Harus berupa teks.",
    "int_type": "Harus berupa bilangan bulat.",
    "int_parsing": "Harus berupa bilangan bulat.",
    "bool_type": "Harus bernilai true atau false.",
    "bool_parsing": "Harus bernilai true atau false.",
    "greater_than_equal": "Nilainya terlalu kecil.",
    "less_than_equal": "Nilainya terlalu besar.",
    "string_too_short": "Terlalu pendek.",
    "string_too_long": "Terlalu panjang.",
    "model_attributes_type": "Harus berupa objek JSON.",
    "dict_type": "Harus berupa objek JSON.",
    "json_invalid": "Bukan JSON yang valid.",
}


class ApiError(Exception):
    """An error answered as is; subclass it with a fixed status, or pass one."""

    status_code = 400
    code = DEFAULT_ERRORS[400][0]
    message = DEFAULT_ERRORS[400][1]

    def __init__(
        self,
        message: str | None = None,
        *,
        code: str | None = None,
        status_code: int | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        self.message = message or self.message
        self.code = code or self.code
        self.status_code = status_code or self.status_code
        self.headers = headers or {}
        super().__init__(self.message)


class ConflictError(ApiError):
    """The request is valid but clashes with the current state (a duplicate, a stale version)."""

    status_code = 409
    code, message = DEFAULT_ERRORS[409]


def error_response(
    api: NinjaAPI,
    request: HttpRequest,
    *,
    status: int,
    code: str,
    message: str,
    detail: list[dict[str, Any]] | None = None,
    headers: dict[str, str] | None = None,
) -> HttpResponse:
    body: dict[str, Any] = {"code": code, "message": str(message)}
    if detail is not None:
        body["detail"] = detail
    response = api.create_response(request, body, status=status)
    for name, value in (headers or {}).items():
        response[name] = value
    if status == 401:
        # RFC 6750: a 401 names the scheme the client should use.
        response["WWW-Authenticate"] = 'Bearer realm="kinerja"'
    return response


def _schema_detail(errors: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    detail = []
    for error in errors:
        loc = [part for part in error.get("loc", ()) if isinstance(part, str | int)]
        # Ninja prefixes the parameter source and the argument name ("body", "payload", "nip");
        # the client only knows the field.
        if len(loc) > 2 and loc[0] in {"body", "form", "query", "path", "header", "cookie", "file"}:
            loc = [loc[0], *loc[2:]]
        kind = str(error.get("type", "invalid"))
        detail.append({"loc": loc, "code": kind, "message": FIELD_MESSAGES.get(kind, error.get("msg", ""))})
    return detail


def _django_validation_detail(exc: DjangoValidationError) -> list[dict[str, Any]]:
    if hasattr(exc, "error_dict"):
        return [
            {"loc": [field], "code": error.code or "invalid", "message": message}
            for field, errors in exc.error_dict.items()
            for error in errors
            for message in error.messages
        ]
    return [
        {"loc": [], "code": error.code or "invalid", "message": message}
        for error in exc.error_list
        for message in error.messages
    ]


def _on_schema_validation(request: HttpRequest, exc: NinjaValidationError, api: NinjaAPI) -> HttpResponse:
    code, message = INVALID_INPUT
    return error_response(
        api, request, status=400, code=code, message=message, detail=_schema_detail(exc.errors)
    )


def _on_django_validation(request: HttpRequest, exc: DjangoValidationError, api: NinjaAPI) -> HttpResponse:
    detail = _django_validation_detail(exc)
    code = INVALID_INPUT[0]
    message = " ".join(exc.messages) if exc.messages else INVALID_INPUT[1]
    return error_response(api, request, status=400, code=code, message=message, detail=detail)


def _on_api_error(request: HttpRequest, exc: ApiError, api: NinjaAPI) -> HttpResponse:
    return error_response(
        api, request, status=exc.status_code, code=exc.code, message=exc.message, headers=exc.headers
    )


def _on_http404(request: HttpRequest, exc: Http404, api: NinjaAPI) -> HttpResponse:
    code, message = DEFAULT_ERRORS[404]
    # The access functions raise Http404 with a message in Bahasa Indonesia ("Pegawai tidak ditemukan.").
    return error_response(api, request, status=404, code=code, message=str(exc) or message)


def _on_permission_denied(request: HttpRequest, exc: PermissionDenied, api: NinjaAPI) -> HttpResponse:
    code, message = DEFAULT_ERRORS[403]
    return error_response(api, request, status=403, code=code, message=str(exc) or message)


def _on_http_error(request: HttpRequest, exc: HttpError, api: NinjaAPI) -> HttpResponse:
    # Ninja's own errors: an unreadable body (400), no valid token (401), throttling (429, Ninja
    # adds Retry-After itself).
    code, message = DEFAULT_ERRORS.get(exc.status_code, (f"http_{exc.status_code}", str(exc)))
    return error_response(api, request, status=exc.status_code, code=code, message=message)


def _on_suspicious(request: HttpRequest, exc: SuspiciousOperation, api: NinjaAPI) -> HttpResponse:
    # A body over DATA_UPLOAD_MAX_MEMORY_SIZE, too many fields, a broken multipart: bad input, not a
    # server error (Ninja reads the body outside its own error handling).
    code, message = DEFAULT_ERRORS[400]
    return error_response(api, request, status=400, code=code, message=message)


def _on_unexpected(request: HttpRequest, exc: Exception, api: NinjaAPI) -> HttpResponse:
    # A bug, never bad input. Report it as Django reports an unhandled exception (logging, error
    # mails, the test client re-raising it), but answer the client in JSON, not the HTML 500 page.
    logger.error("Kesalahan tak tertangani di API: %s", request.path, exc_info=exc)
    signals.got_request_exception.send(sender=None, request=request)
    code, message = DEFAULT_ERRORS[500]
    return error_response(api, request, status=500, code=code, message=message)


def map_exception(
    api: NinjaAPI, exc_class: type[Exception], *, status: int, code: str, message: str | None = None
) -> None:
    """Answer a domain exception with a fixed status and code, e.g.
    ``map_exception(api, InvalidTransition, status=409, code="transisi_tidak_sah")``.

    The message is ``message``, or else the exception's own text (which must then be Indonesian).
    """

    def handler(request: HttpRequest, exc: Any) -> HttpResponse:
        text = message or str(exc) or DEFAULT_ERRORS.get(status, DEFAULT_ERRORS[400])[1]
        return error_response(api, request, status=status, code=code, message=text)

    api.add_exception_handler(exc_class, handler)


def install(api: NinjaAPI) -> None:
    """Replace Ninja's default handlers ({"detail": ...}, 422, HTML 500) with the JSON errors above."""
    api.add_exception_handler(NinjaValidationError, partial(_on_schema_validation, api=api))
    api.add_exception_handler(DjangoValidationError, partial(_on_django_validation, api=api))
    api.add_exception_handler(ApiError, partial(_on_api_error, api=api))
    api.add_exception_handler(Http404, partial(_on_http404, api=api))
    api.add_exception_handler(PermissionDenied, partial(_on_permission_denied, api=api))
    api.add_exception_handler(HttpError, partial(_on_http_error, api=api))
    api.add_exception_handler(SuspiciousOperation, partial(_on_suspicious, api=api))
    api.add_exception_handler(Exception, partial(_on_unexpected, api=api))


# The error responses an operation declares, so that the OpenAPI document lists them.
def responses(*statuses: int) -> dict[int, type[ErrorOut]]:
    return dict.fromkeys(statuses, ErrorOut)
