"""Builders for SKP test data, through the real services (so that every invariant holds)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from kinerja.accounts.models import User
from kinerja.skp import services
from kinerja.skp.enums import Aspek, JenisRhk, Pendekatan
from kinerja.skp.models import RencanaHasilKerja, Skp

TAHUN = 2026


def make_skp(
    user: User,
    *,
    rhk: int = 0,
    indikator: int = 1,
    rhk_atasan: list[RencanaHasilKerja] | None = None,
    pendekatan: str = Pendekatan.KUANTITATIF,
    awal: dt.date = dt.date(TAHUN, 1, 1),
    akhir: dt.date = dt.date(TAHUN, 12, 31),
) -> Skp:
    """A DRAFT SKP of ``user`` with ``rhk`` UTAMA RHK of ``indikator`` indikator each; the i-th RHK
    intervenes ``rhk_atasan[i % len]`` when given (a JA/JF SKP)."""
    skp = services.skp_create(actor=user, pendekatan=pendekatan, periode_awal=awal, periode_akhir=akhir)
    for i in range(rhk):
        data: services.RhkData = {"jenis": JenisRhk.UTAMA, "uraian": f"Rencana hasil kerja {i + 1}"}
        if rhk_atasan:
            data["rhk_atasan_id"] = rhk_atasan[i % len(rhk_atasan)].pk
        r = services.rhk_create(skp=skp, actor=user, data=data)
        for j in range(indikator):
            services.indikator_create(
                rhk=r,
                actor=user,
                data={
                    "aspek": Aspek.KUANTITAS,
                    "indikator": f"Jumlah keluaran {j + 1}",
                    "target_min": Decimal(j + 1),
                    "target_max": Decimal(j + 2),
                    "satuan": "Dokumen",
                    "target_kualitatif": "" if pendekatan == Pendekatan.KUANTITATIF else "Tepat waktu",
                },
            )
    skp.refresh_from_db()
    return skp


def make_approved(user: User, penilai: User, **kwargs: object) -> Skp:
    """An SKP of ``user`` submitted and approved by ``penilai``."""
    skp = make_skp(user, **kwargs)  # type: ignore[arg-type]
    services.skp_ajukan(skp=skp, actor=user)
    return services.skp_setujui(skp=skp, actor=penilai)
