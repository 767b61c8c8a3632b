"""Reads of the laporan app. Other apps' data is read only through their selectors."""

from __future__ import annotations

from kinerja.laporan.models import Dokumen
from kinerja.laporan.verifikasi import normalisasi


def dokumen_by_kode(kode: str) -> Dokumen | None:
    """The issued document of a verification code; None for a malformed, forged or unknown code."""
    bersih = normalisasi(kode)
    if bersih is None:
        return None
    return Dokumen.objects.select_related("diganti_oleh").filter(kode=bersih).first()
