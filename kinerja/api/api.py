"""The JSON API under /api/v1/ (Django Ninja). Resources live in one module each.

Every operation needs a bearer token (``BearerAuth``) unless it says ``auth=None``; every error is
JSON with a ``code`` and a ``message`` (``kinerja.api.errors``).
"""

from __future__ import annotations

from ninja import NinjaAPI, Swagger

from kinerja.api import auth, errors, laporan, pegawai, penilaian, skp
from kinerja.core.workflow import InvalidTransition

api = NinjaAPI(
    title="Kinerja API",
    version="1",
    description=(
        "API pengelolaan kinerja pegawai ASN (Permen PANRB 6/2022).\n\n"
        "Minta token dengan `POST /api/v1/auth/token`, lalu kirim `Authorization: Bearer <token>`. "
        'Setiap galat berbentuk `{"code": "...", "message": "..."}`.'
    ),
    urls_namespace="api",
    auth=auth.BearerAuth(),
    # Swagger UI comes from Ninja's bundled static files ("ninja" in INSTALLED_APPS); no validator
    # badge either, which would call validator.swagger.io from closed instansi networks.
    docs=Swagger(settings={"validatorUrl": None}),
)
errors.install(api)
# The current status does not allow the action (services.SkpTerkunci is one): the message is the
# exception's own, in Bahasa Indonesia.
errors.map_exception(api, InvalidTransition, status=409, code="transisi_tidak_sah")

api.add_router("", auth.router)
api.add_router("", pegawai.router)
api.add_router("", skp.router)
api.add_router("", penilaian.router)
api.add_router("", laporan.router)
