"""Download of the official PDF documents (issue #5 point 1)."""

from __future__ import annotations

from django.http import HttpResponse
from django.urls import URLPattern, path
from django.views.decorators.http import require_GET

from kinerja.core.http import AuthedHttpRequest
from kinerja.laporan import dokumen
from kinerja.laporan.pdf import PdfTerbit


def pdf_response(terbit: PdfTerbit, *, inline: bool = False) -> HttpResponse:
    response = HttpResponse(terbit.pdf, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{terbit.nama_berkas}"'
    response["X-Verifikasi"] = terbit.dokumen.kode
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def skp_dokumen(request: AuthedHttpRequest, pk: int, jenis: str) -> HttpResponse:
    periode = request.GET.get("periode")
    terbit = dokumen.buat(
        user=request.user,
        jenis=jenis,
        skp_id=pk,
        periode_id=int(periode) if periode and periode.isdigit() else None,
    )
    return pdf_response(terbit, inline=request.GET.get("lihat") == "1")


urlpatterns: list[URLPattern] = [
    path("skp/<int:pk>/<slug:jenis>.pdf", skp_dokumen, name="skp_dokumen"),
]
