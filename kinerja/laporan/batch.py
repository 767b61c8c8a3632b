"""Batch documents: all Dokumen Evaluasi of a unit for a period as one ZIP, built in the background
(issue #5 point 6).

The job row (BatchDokumen) carries the progress that the page polls. By default the job runs in a
thread started after the request's transaction commits: the thread outlives the request, and a
job a restart interrupted is picked up again by ``manage.py jalankan_batch`` (a worker process that
a deployment can keep running). Tests run it inline (KINERJA_BATCH_MODE = "inline").
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import uuid
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import close_old_connections, transaction
from django.utils import timezone

from kinerja.laporan import dokumen
from kinerja.laporan.models import BatchDokumen, JenisDokumen
from kinerja.organisasi.models import UnitKerja
from kinerja.organisasi.policies import is_admin_of
from kinerja.penilaian import selectors as penilaian_selectors
from kinerja.penilaian.enums import JenisPeriode

if TYPE_CHECKING:
    from kinerja.accounts.models import User

logger = logging.getLogger(__name__)
Status = BatchDokumen.Status


def batch_mulai(*, actor: User, unit: UnitKerja, tahun: int, jenis: str, nomor: int) -> BatchDokumen:
    """Queue the ZIP of a unit's Dokumen Evaluasi for one period (admin instansi only)."""
    if not is_admin_of(actor, unit.instansi_id):
        raise PermissionDenied("Hanya admin instansi yang boleh mengunduh dokumen satu unit sekaligus.")
    if jenis not in JenisPeriode.values:
        raise ValidationError({"jenis": "Jenis periode tidak dikenal."})
    if not 2000 <= tahun <= 2100 or not 1 <= nomor <= 12:
        raise ValidationError("Tahun atau nomor periode tidak valid.")
    bersihkan_lama()
    batch = BatchDokumen.objects.create(
        instansi_id=unit.instansi_id,
        unit_kerja=unit,
        tahun=tahun,
        jenis_periode=jenis,
        nomor=nomor,
        dibuat_oleh=actor,
    )
    transaction.on_commit(lambda: _luncurkan(batch.pk))
    return batch


def _luncurkan(batch_id: uuid.UUID) -> None:
    if settings.KINERJA_BATCH_MODE == "inline":
        jalankan(batch_id)
        return
    if settings.KINERJA_BATCH_MODE == "worker":
        return  # `manage.py jalankan_batch` picks it up
    threading.Thread(target=_di_thread, args=(batch_id,), name=f"batch-{batch_id}", daemon=False).start()


def _di_thread(batch_id: uuid.UUID) -> None:
    close_old_connections()
    try:
        jalankan(batch_id)
    finally:
        close_old_connections()


def _tandai(batch: BatchDokumen, **fields: object) -> None:
    for key, value in fields.items():
        setattr(batch, key, value)
    BatchDokumen.objects.filter(pk=batch.pk).update(**fields, updated_at=timezone.now())


def jalankan(batch_id: uuid.UUID) -> BatchDokumen | None:
    """Build the ZIP of one job. Claims the job first, so two workers never build the same one."""
    claimed = BatchDokumen.objects.filter(pk=batch_id, status__in=[Status.MENUNGGU]).update(
        status=Status.BERJALAN, updated_at=timezone.now()
    )
    batch = BatchDokumen.objects.select_related("unit_kerja", "dibuat_oleh").filter(pk=batch_id).first()
    if batch is None or not claimed:
        return batch
    folder = Path(settings.MEDIA_ROOT) / "batch"
    folder.mkdir(parents=True, exist_ok=True)
    nama = f"batch/{batch.pk}.zip"
    tujuan = Path(settings.MEDIA_ROOT) / nama
    try:
        periods = penilaian_selectors.periode_subtree(
            unit=batch.unit_kerja, tahun=batch.tahun, jenis=batch.jenis_periode, nomor=batch.nomor
        )
        _tandai(batch, total=len(periods), selesai=0)
        with zipfile.ZipFile(tujuan, "w", compression=zipfile.ZIP_DEFLATED) as arsip:
            for i, periode in enumerate(periods, start=1):
                terbit = dokumen.buat(
                    user=batch.dibuat_oleh,
                    jenis=JenisDokumen.DOKUMEN_EVALUASI,
                    skp_id=periode.skp_id,
                    periode_id=periode.pk,
                )
                pegawai = periode.skp.pegawai
                arsip.writestr(f"{pegawai.nip}-{_aman(pegawai.nama)}-{terbit.dokumen.kode}.pdf", terbit.pdf)
                _tandai(batch, selesai=i)
        _tandai(batch, status=Status.SELESAI, berkas=nama)
    except Exception as exc:  # the job must end in a visible state, whatever failed
        logger.exception("Batch %s gagal", batch.pk)
        tujuan.unlink(missing_ok=True)
        _tandai(batch, status=Status.GAGAL, pesan=f"Gagal membuat berkas: {exc.__class__.__name__}.")
    return batch


def _aman(nama: str) -> str:
    return "".join(c if c.isalnum() else "_" for c in nama)[:60]


def bersihkan_lama(*, sekarang: dt.datetime | None = None) -> int:
    """Delete the ZIPs of jobs finished more than KINERJA_BATCH_SIMPAN_HARI days ago (the PDFs stay
    verifiable and can be built again); the job keeps its row, with the reason. Returns how many."""
    batas = (sekarang or timezone.now()) - dt.timedelta(days=settings.KINERJA_BATCH_SIMPAN_HARI)
    lama = list(
        BatchDokumen.objects.filter(status=Status.SELESAI, updated_at__lt=batas)
        .exclude(berkas="")
        .values_list("pk", "berkas")
    )
    for _pk, berkas in lama:
        (Path(settings.MEDIA_ROOT) / berkas).unlink(missing_ok=True)
    pesan = f"Berkas ZIP dihapus setelah {settings.KINERJA_BATCH_SIMPAN_HARI} hari; buat lagi bila perlu."
    BatchDokumen.objects.filter(pk__in=[pk for pk, _ in lama]).update(berkas="", pesan=pesan)
    return len(lama)


def jalankan_tertunda() -> int:
    """Run every queued job (the worker process); returns how many were run. A job left BERJALAN
    without progress for 10 minutes (its process was restarted) is queued again first."""
    macet = timezone.now() - dt.timedelta(minutes=10)
    BatchDokumen.objects.filter(status=Status.BERJALAN, updated_at__lt=macet).update(status=Status.MENUNGGU)
    ids = list(
        BatchDokumen.objects.filter(status=Status.MENUNGGU)
        .order_by("created_at")
        .values_list("pk", flat=True)
    )
    for pk in ids:
        jalankan(pk)
    bersihkan_lama()
    return len(ids)
