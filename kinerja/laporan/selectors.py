"""Reads of the laporan app. Other apps' data is read only through their selectors."""

from __future__ import annotations

from django.db.models import QuerySet

from kinerja.laporan.models import BatchDokumen, Dokumen
from kinerja.laporan.verifikasi import normalisasi
from kinerja.organisasi.models import UnitKerja


def dokumen_by_kode(kode: str) -> Dokumen | None:
    """The issued document of a verification code; None for a malformed, forged or unknown code."""
    bersih = normalisasi(kode)
    if bersih is None:
        return None
    return Dokumen.objects.select_related("diganti_oleh").filter(kode=bersih).first()


def batch_terbaru(*, instansi_id: int, n: int = 10) -> list[BatchDokumen]:
    """The instansi's latest batch jobs with their unit (one query)."""
    return list(BatchDokumen.objects.filter(instansi_id=instansi_id).select_related("unit_kerja")[:n])


def unit_pilihan(*, instansi_id: int) -> QuerySet[UnitKerja]:
    """The instansi's units in tree order, for a select."""
    return UnitKerja.objects.filter(instansi_id=instansi_id).only("pk", "nama", "kedalaman").order_by("path")
