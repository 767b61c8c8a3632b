"""Writes of the laporan app: issuing a document version and running a batch (issue #5)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction

from kinerja.laporan.models import Dokumen
from kinerja.laporan.verifikasi import kode_baru

if TYPE_CHECKING:
    from kinerja.accounts.models import User


def dokumen_terbitkan(
    *, jenis: str, kunci: str, judul: str, untuk: str, sidik: str, actor: User | None
) -> Dokumen:
    """The version of this document with this content: the latest one when nothing changed, else a
    new one with a new code, and the previous version marked as replaced by it."""
    with transaction.atomic():
        terakhir = (
            Dokumen.objects.select_for_update()
            .filter(kunci=kunci, jenis=jenis)
            .order_by("-diterbitkan_pada", "-id")
            .first()
        )
        if terakhir is not None and terakhir.sidik == sidik:
            return terakhir
        for _ in range(5):  # a clash of 50 random bits is astronomically rare; retry anyway
            try:
                with transaction.atomic():
                    baru = Dokumen.objects.create(
                        kode=kode_baru(),
                        jenis=jenis,
                        kunci=kunci,
                        judul=judul[:300],
                        untuk=untuk[:300],
                        sidik=sidik,
                        diterbitkan_oleh=actor if actor is not None and actor.pk else None,
                    )
                break
            except IntegrityError:
                continue
        else:  # pragma: no cover
            raise RuntimeError("Tidak dapat membuat kode verifikasi unik.")
        if terakhir is not None:
            terakhir.diganti_oleh = baru
            terakhir.save(update_fields=["diganti_oleh"])
    return baru
