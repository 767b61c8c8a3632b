"""Documents and exports: the official PDF documents of an SKP and of a unit, and the Excel rekap.

The same functions as the pages do the work and the access checks (404 for what the caller may not
see, never 403: no leak): ``kinerja.laporan.dokumen.buat``, ``dokumen_unit.buat_unit`` and
``kinerja.laporan.ekspor``. The files are answered as they are (``application/pdf``, the XLSX media
type), not wrapped in JSON; errors are the API's JSON errors.
"""

# No ``from __future__ import annotations`` in API modules: Ninja reads the operations' signatures
# when the module is imported.
from typing import Any

from django.http import FileResponse, HttpResponse
from ninja import Field, Query, Router, Schema

from kinerja.api.auth import ApiRequest
from kinerja.api.errors import responses
from kinerja.laporan import dokumen, dokumen_unit, ekspor
from kinerja.laporan.models import JenisDokumen
from kinerja.laporan.views.dokumen import pdf_response
from kinerja.penilaian.enums import JenisPeriode

router = Router(tags=["laporan"])

_BINARY = {"schema": {"type": "string", "format": "binary"}}
_VERIFIKASI = {
    "X-Verifikasi": {
        "description": "Kode verifikasi dokumen (juga tercetak bersama kode QR-nya).",
        "schema": {"type": "string"},
    }
}


def _berkas(media_type: str, description: str, headers: dict[str, Any] | None = None) -> dict[str, Any]:
    """The OpenAPI 200 response of an operation that answers a file, not JSON."""
    ok: dict[str, Any] = {"description": description, "content": {media_type: _BINARY}}
    if headers:
        ok["headers"] = headers
    return {"responses": {200: ok}}


@router.get(
    "/skp/{skp_id}/dokumen/{jenis}.pdf",
    response={200: None, **responses(400, 401, 404)},
    openapi_extra=_berkas("application/pdf", "Dokumen PDF.", _VERIFIKASI),
    summary="Unduh dokumen resmi SKP (PDF)",
    description=(
        "Jenis: "
        + ", ".join(f"`{k}`" for k in JenisDokumen.values if k != JenisDokumen.PENETAPAN_PREDIKAT)
        + ". Dokumen evaluasi dan konversi angka kredit memerlukan `periode` (id periode penilaian)."
    ),
)
def skp_dokumen(request: ApiRequest, skp_id: int, jenis: str, periode: int | None = None) -> HttpResponse:
    terbit = dokumen.buat(user=request.auth, jenis=jenis, skp_id=skp_id, periode_id=periode)
    return pdf_response(terbit)


def _jenis_periode(description: str, default: Any = ...) -> Any:
    # Text checked by ekspor.permintaan, so that an unknown value gets its Bahasa Indonesia message
    # (400), as on the page; the OpenAPI document still lists the choices.
    return Field(default, description=description, json_schema_extra={"enum": list(JenisPeriode.values)})


class PeriodeUnitIn(Schema):
    tahun: int
    jenis: str = _jenis_periode("Jenis periode penilaian.")
    nomor: int


@router.get(
    "/unit/{unit_id}/dokumen/penetapan-predikat.pdf",
    response={200: None, **responses(400, 401, 404)},
    openapi_extra=_berkas("application/pdf", "Dokumen PDF.", _VERIFIKASI),
    summary="Unduh Penetapan Predikat Kinerja sebuah unit (PDF)",
)
def unit_penetapan_predikat(request: ApiRequest, unit_id: int, q: Query[PeriodeUnitIn]) -> HttpResponse:
    # The same checks (and messages) as an export for one period: 400 for a bad period.
    p = ekspor.permintaan(
        "rekap-penilaian",
        {"unit": unit_id, "tahun": q.tahun, "periode_jenis": q.jenis, "periode_nomor": q.nomor},
    )
    terbit = dokumen_unit.buat_unit(
        user=request.auth, unit_id=unit_id, tahun=p.tahun, jenis=p.periode_jenis, nomor=p.periode_nomor
    )
    return pdf_response(terbit)


class EksporIn(Schema):
    unit: int = Field(description="Unit kerja; unit di bawahnya ikut.")
    tahun: int
    periode_jenis: str | None = _jenis_periode("Hanya rekap-penilaian.", None)
    periode_nomor: int | None = Field(None, description="Hanya rekap-penilaian.")


@router.get(
    "/laporan/{jenis}.xlsx",
    response={200: None, **responses(400, 401, 404)},
    openapi_extra=_berkas(ekspor.XLSX, "Berkas Excel (satu lembar, baris judul dibekukan, filter otomatis)."),
    summary="Unduh rekap Excel sebuah unit",
    description="Jenis: " + ", ".join(f"`{k}`" for k in ekspor.JENIS) + ".",
)
def laporan_xlsx(request: ApiRequest, jenis: str, q: Query[EksporIn]) -> FileResponse:
    p = ekspor.permintaan(jenis, q.model_dump())
    return ekspor.file_response(ekspor.buat(user=request.auth, p=p))
