"""SKP of the demo instansi (issue #3): the cascade from the Kepala Dinas down to staff, visible.

Kepala Dinas (JPT form, approved by the Sekretaris Daerah) -> Kepala Bidang Aplikasi Informatika
(approved) -> Kepala Seksi Infrastruktur TI (approved) -> her staff (one approved, one submitted,
one draft). The persona kepala_seksi (Seksi Pengembangan Aplikasi) and her staff are left without an
SKP so that the demo (and the browser test) can plan one from scratch. Built through the services,
only for a pegawai who has no SKP for the year yet, so running it twice changes nothing.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from kinerja.accounts.models import User
from kinerja.organisasi.demo import INSTANSI
from kinerja.skp import services
from kinerja.skp.enums import Aspek, JenisRhk, KlasifikasiRhk, Pendekatan, Perspektif, StatusSkp
from kinerja.skp.models import PustakaEkspektasi, RencanaHasilKerja, Skp

Ind = tuple[str, str, int, int, str]  # aspek, indikator, target_min, target_max, satuan

KADIS = "Andi Muhammad Fadli"
SEKDA = "Hendro Wibisono"
KABID = "Maruli Tua Siregar"
KASI_TI = "Dadang Hermawan"

RHK_KADIS: list[tuple[str, str, str, list[Ind]]] = [
    (
        "Meningkatnya kualitas layanan publik berbasis elektronik di Kota Contoh",
        KlasifikasiRhk.ORGANISASI,
        Perspektif.PENERIMA_LAYANAN,
        [
            ("", "Indeks SPBE Kota Contoh", 3, 3, "indeks"),
            ("", "Indeks kepuasan pengguna layanan", 85, 90, "%"),
        ],
    ),
    (
        "Terwujudnya infrastruktur TIK pemerintah daerah yang andal dan aman",
        KlasifikasiRhk.ORGANISASI,
        Perspektif.PROSES_BISNIS,
        [("", "Persentase ketersediaan layanan jaringan (uptime)", 98, 99, "%")],
    ),
    (
        "Terlaksananya penyerapan anggaran dinas sesuai rencana",
        KlasifikasiRhk.ORGANISASI,
        Perspektif.ANGGARAN,
        [("", "Persentase realisasi anggaran", 95, 100, "%")],
    ),
    (
        "Terlaksananya pembinaan pegawai di lingkungan dinas",
        KlasifikasiRhk.INDIVIDU,
        Perspektif.PENGUATAN_INTERNAL,
        [("", "Jumlah pegawai yang mengikuti pengembangan kompetensi", 20, 25, "orang")],
    ),
]

# (nama, uraian, index of the atasan RHK it intervenes, indikator)
RHK_JA: dict[str, list[tuple[str, int, list[Ind]]]] = {
    KABID: [
        (
            "Tersedianya aplikasi layanan publik yang terintegrasi",
            0,
            [(Aspek.KUANTITAS, "Jumlah aplikasi layanan terintegrasi", 5, 6, "aplikasi")],
        ),
        (
            "Terjaganya layanan pusat data dan jaringan intra pemerintah",
            1,
            [(Aspek.KUALITAS, "Persentase ketersediaan pusat data", 98, 99, "%")],
        ),
    ],
    KASI_TI: [
        (
            "Terpeliharanya jaringan intra pemerintah daerah",
            1,
            [
                (Aspek.KUANTITAS, "Jumlah perangkat daerah terhubung", 40, 42, "perangkat daerah"),
                (Aspek.WAKTU, "Waktu pemulihan gangguan", 1, 2, "hari"),
            ],
        ),
    ],
    "I Ketut Sudarsana": [
        (
            "Laporan pemeliharaan jaringan bulanan",
            0,
            [(Aspek.KUANTITAS, "Jumlah laporan pemeliharaan", 12, 12, "laporan")],
        ),
    ],
    "Asep Saepudin": [
        (
            "Tertanganinya tiket gangguan jaringan",
            0,
            [(Aspek.KUANTITAS, "Jumlah tiket gangguan yang diselesaikan", 150, 200, "tiket")],
        ),
    ],
    "Ratna Juwita": [
        (
            "Terinventarisasinya perangkat jaringan",
            0,
            [(Aspek.KUANTITAS, "Jumlah dokumen inventaris", 2, 2, "dokumen")],
        ),
    ],
}

# Who ends in which status: the rest of the chain is approved.
AKHIR: dict[str, str] = {"Asep Saepudin": StatusSkp.DIAJUKAN, "Ratna Juwita": StatusSkp.DRAFT}

PUSTAKA: list[tuple[str, str]] = [
    ("BERORIENTASI_PELAYANAN", "Menanggapi setiap keluhan pengguna layanan paling lambat satu hari kerja"),
    ("AKUNTABEL", "Melaporkan hasil kerja tepat waktu dengan bukti dukung yang lengkap"),
    ("KOMPETEN", "Mengikuti sekurang-kurangnya satu pelatihan teknis dalam setahun"),
    ("HARMONIS", "Menjaga suasana kerja yang saling menghargai di dalam tim"),
    ("LOYAL", "Menjaga kerahasiaan data pribadi dan data pemerintah yang dikelola"),
    ("ADAPTIF", "Mengusulkan sekurang-kurangnya satu perbaikan proses kerja"),
    ("KOLABORATIF", "Berbagi pengetahuan dengan rekan kerja melalui forum tim"),
]


def _user(nama: str) -> User:
    return User.objects.select_related("pegawai").get(
        pegawai__nama=nama, pegawai__instansi__kode=INSTANSI["kode"]
    )


def _indikator(rhk: RencanaHasilKerja, user: User, items: list[Ind]) -> None:
    for aspek, teks, lo, hi, satuan in items:
        services.indikator_create(
            rhk=rhk,
            actor=user,
            data={
                "aspek": aspek,
                "indikator": teks,
                "target_min": Decimal(lo),
                "target_max": Decimal(hi),
                "satuan": satuan,
            },
        )


def seed_skp_demo(tahun: int | None = None) -> int:
    """Create the demo SKP that are missing; returns how many were created."""
    tahun = tahun or timezone.localdate().year
    awal, akhir = dt.date(tahun, 1, 1), dt.date(tahun, 12, 31)
    dibuat = 0
    with transaction.atomic():
        kadis = _user(KADIS)
        if kadis.pegawai is None:
            return 0
        instansi_id = kadis.pegawai.instansi_id
        if not PustakaEkspektasi.objects.filter(instansi_id=instansi_id).exists():
            PustakaEkspektasi.objects.bulk_create(
                PustakaEkspektasi(instansi_id=instansi_id, core_value=cv, kalimat=k) for cv, k in PUSTAKA
            )
        rhk_of: dict[str, list[RencanaHasilKerja]] = {}
        existing = _existing(kadis, tahun)
        if existing is None:
            skp = services.skp_create(
                actor=kadis, pendekatan=Pendekatan.KUANTITATIF, periode_awal=awal, periode_akhir=akhir
            )
            for uraian, klas, persp, items in RHK_KADIS:
                data: services.RhkData = {
                    "jenis": JenisRhk.UTAMA,
                    "uraian": uraian,
                    "klasifikasi": klas,
                    "perspektif": persp,
                    "penugasan_dari": "Wali Kota Contoh" if klas == KlasifikasiRhk.ORGANISASI else "",
                }
                _indikator(services.rhk_create(skp=skp, actor=kadis, data=data), kadis, items)
            _approve(skp, kadis, _user(SEKDA), StatusSkp.DISETUJUI)
            existing = skp
            dibuat += 1
        rhk_of[KADIS] = _rhk_list(existing)

        chain = [(KABID, KADIS), (KASI_TI, KABID)] + [(nama, KASI_TI) for nama in list(RHK_JA)[2:]]
        for nama, atasan in chain:
            user = _user(nama)
            skp_or_none = _existing(user, tahun)
            if skp_or_none is None:
                skp = services.skp_create(
                    actor=user, pendekatan=Pendekatan.KUANTITATIF, periode_awal=awal, periode_akhir=akhir
                )
                atasan_rhk = [r for r in rhk_of[atasan] if r.klasifikasi != KlasifikasiRhk.INDIVIDU]
                for uraian, idx, items in RHK_JA[nama]:
                    data = {"jenis": JenisRhk.UTAMA, "uraian": uraian, "rhk_atasan_id": atasan_rhk[idx].pk}
                    _indikator(services.rhk_create(skp=skp, actor=user, data=data), user, items)
                _approve(skp, user, _user(atasan), AKHIR.get(nama, StatusSkp.DISETUJUI))
                skp_or_none = skp
                dibuat += 1
            rhk_of[nama] = _rhk_list(skp_or_none)
    return dibuat


def _existing(user: User, tahun: int) -> Skp | None:
    return (
        Skp.objects.filter(pegawai_id=user.pegawai_id or 0, tahun=tahun)
        .exclude(status=StatusSkp.DIGANTI)
        .order_by("-versi")
        .first()
    )


def _rhk_list(skp: Skp) -> list[RencanaHasilKerja]:
    return list(RencanaHasilKerja.objects.filter(skp=skp).order_by("jenis", "urutan", "id"))


def _approve(skp: Skp, user: User, penilai: User, sampai: str) -> Any:
    if sampai == StatusSkp.DRAFT:
        return skp
    skp = services.skp_ajukan(skp=skp, actor=user)
    if sampai == StatusSkp.DISETUJUI:
        skp = services.skp_setujui(skp=skp, actor=penilai)
    return skp
