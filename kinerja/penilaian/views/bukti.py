"""Download of an uploaded bukti dukung: only through this access-checked view, always as an
attachment (issue #4 point 2). MEDIA_ROOT itself is never served."""

from __future__ import annotations

from django.http import FileResponse, Http404
from django.views.decorators.http import require_GET

from kinerja.core.http import AuthedHttpRequest
from kinerja.penilaian.policies import bukti_get_for_user


@require_GET
def bukti_unduh(request: AuthedHttpRequest, pk: int) -> FileResponse:
    bukti = bukti_get_for_user(user=request.user, pk=pk)
    if not bukti.berkas:
        raise Http404("Bukti ini berupa tautan, bukan berkas.")
    try:
        handle = bukti.berkas.open("rb")
    except FileNotFoundError:
        raise Http404("Berkas bukti tidak ditemukan.") from None
    ext = bukti.ekstensi or ""
    nama = bukti.nama_berkas or f"bukti{ext}"
    # The content type is the one sniffed from the bytes at upload, never the client's claim.
    response = FileResponse(handle, as_attachment=True, filename=nama, content_type=bukti.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
