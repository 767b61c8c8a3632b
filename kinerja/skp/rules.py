"""Rules of the SKP (planning) from the regulation: pure functions, no ORM.

Sources are named per rule (domain.md section and confidence). Where the spec marks a rule as a
guess (G), the value is a parameter with the spec's default, not a constant buried in a service.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from kinerja.organisasi.enums import JenisJabatan
from kinerja.skp.enums import BentukSkp, CoreValue, JenisLampiran, JenisRhk, KlasifikasiRhk, Pendekatan

# SE MenPANRB 20/2021, carried into Permen PANRB 6/2022 (domain.md §2.1, C): every SKP shows the
# seven BerAKHLAK core values, each with exactly these three panduan perilaku.
PANDUAN_PERILAKU: dict[str, tuple[str, str, str]] = {
    CoreValue.BERORIENTASI_PELAYANAN: (
        "Memahami dan memenuhi kebutuhan masyarakat",
        "Ramah, cekatan, solutif, dan dapat diandalkan",
        "Melakukan perbaikan tiada henti",
    ),
    CoreValue.AKUNTABEL: (
        "Melaksanakan tugas dengan jujur, bertanggung jawab, cermat, disiplin dan berintegritas tinggi",
        "Menggunakan kekayaan dan barang milik negara secara bertanggung jawab, efektif, dan efisien",
        "Tidak menyalahgunakan kewenangan jabatan",
    ),
    CoreValue.KOMPETEN: (
        "Meningkatkan kompetensi diri untuk menjawab tantangan yang selalu berubah",
        "Membantu orang lain belajar",
        "Melaksanakan tugas dengan kualitas terbaik",
    ),
    CoreValue.HARMONIS: (
        "Menghargai setiap orang apapun latar belakangnya",
        "Suka menolong orang lain",
        "Membangun lingkungan kerja yang kondusif",
    ),
    CoreValue.LOYAL: (
        "Memegang teguh ideologi Pancasila, Undang-Undang Dasar Negara Republik Indonesia Tahun 1945, "
        "setia kepada NKRI serta pemerintahan yang sah",
        "Menjaga nama baik sesama ASN, pimpinan, instansi, dan negara",
        "Menjaga rahasia jabatan dan negara",
    ),
    CoreValue.ADAPTIF: (
        "Cepat menyesuaikan diri menghadapi perubahan",
        "Terus berinovasi dan mengembangkan kreativitas",
        "Bertindak proaktif",
    ),
    CoreValue.KOLABORATIF: (
        "Memberi kesempatan kepada berbagai pihak untuk berkontribusi",
        "Terbuka dalam bekerja sama untuk menghasilkan nilai tambah",
        "Menggerakkan pemanfaatan berbagai sumber daya untuk tujuan bersama",
    ),
}

# Lampiran SKP (domain.md §3.8, C for the three parts; the sentences are the examples quoted in
# [S-C-DOCS]). Used for a new SKP when the instansi has not written its own defaults.
LAMPIRAN_BAWAAN: dict[str, tuple[str, ...]] = {
    JenisLampiran.DUKUNGAN_SUMBER_DAYA: ("Anggaran, sarana dan prasarana kerja sesuai kebutuhan",),
    JenisLampiran.SKEMA_PERTANGGUNGJAWABAN: ("Hasil kerja dilaporkan setiap bulan",),
    JenisLampiran.KONSEKUENSI: (
        "Apabila memenuhi ekspektasi akan diberikan penghargaan sesuai ketentuan",
        "Apabila tidak memenuhi ekspektasi akan diberikan pembinaan kinerja",
    ),
}

# Sensible limits on free text (issue #3 "Bad input"): long enough for any real RHK.
BATAS_URAIAN = 2000
BATAS_INDIKATOR = 1000
BATAS_SATUAN = 50
BATAS_CATATAN = 2000
BATAS_PENUGASAN = 300
BATAS_EKSPEKTASI = 2000
BATAS_LAMPIRAN = 1000
# Targets are stored as Decimal(14, 2): refuse anything that would not fit.
TARGET_MAKSIMUM = Decimal("999999999999.99")

JENIS_JPT = frozenset({JenisJabatan.JPT_UTAMA, JenisJabatan.JPT_MADYA, JenisJabatan.JPT_PRATAMA})


def periode_default(tahun: int) -> tuple[dt.date, dt.date]:
    """The performance year is the tahun anggaran, 1 January-31 December (domain.md §4.8, C)."""
    return dt.date(tahun, 1, 1), dt.date(tahun, 12, 31)


def periode_awal_default(tahun: int, tmt_jabatan: dt.date | None) -> dt.date:
    """A new SKP starts on 1 January, or on the TMT of the jabatan when that falls later in the
    same year (domain.md §3.4 and §5.4: "a new SKP from the TMT of the new position", L)."""
    awal, _ = periode_default(tahun)
    if tmt_jabatan is not None and tmt_jabatan.year == tahun and tmt_jabatan > awal:
        return tmt_jabatan
    return awal


def periode_error(awal: dt.date, akhir: dt.date) -> str | None:
    """An SKP period lies inside one performance year and does not end before it starts (§3.4)."""
    if akhir < awal:
        return "Periode berakhir sebelum dimulai."
    if awal.year != akhir.year:
        return "Periode SKP harus berada dalam satu tahun (1 Januari sampai 31 Desember)."
    return None


def periode_bertumpang(a: tuple[dt.date, dt.date], b: tuple[dt.date, dt.date]) -> bool:
    """Two closed date ranges share at least one day."""
    return a[0] <= b[1] and b[0] <= a[1]


def akhir_sebelum_tmt(tmt: dt.date) -> dt.date:
    """After a mutasi or promotion the old SKP ends the day before the new TMT (domain.md §5.4, L)."""
    return tmt - dt.timedelta(days=1)


def bentuk_skp(jenis_jabatan: str, *, pimpinan_unit_mandiri: bool) -> BentukSkp:
    """JPT and the pimpinan of a unit kerja mandiri plan with the four perspektif of the balanced
    scorecard; every other JA and JF plans by intervening the RHK of the pejabat penilai
    (Permen PANRB 6/2022 Lampiran; domain.md §4.5, C)."""
    if jenis_jabatan in JENIS_JPT or pimpinan_unit_mandiri:
        return BentukSkp.JPT
    return BentukSkp.JA_JF


def rhk_atasan_error(*, bentuk_skp_atasan: str, klasifikasi_atasan: str) -> str | None:
    """A JPT's RHK can be intervened only when its klasifikasi is ORGANISASI; an INDIVIDU RHK is
    personal and not cascaded (domain.md §4.5 rule 2, L)."""
    if bentuk_skp_atasan == BentukSkp.JPT and klasifikasi_atasan != KlasifikasiRhk.ORGANISASI:
        return "RHK pimpinan tinggi yang dapat diintervensi hanya RHK berklasifikasi Organisasi."
    return None


def target_error(
    *, pendekatan: str, target_min: Decimal | None, target_max: Decimal | None, wajib_angka: bool
) -> str | None:
    """Targets are numbers >= 0 with min <= max; a single target is stored as min = max (§3.6, L).

    ``wajib_angka``: the kuantitatif form needs a numeric target; the kualitatif form may state its
    target in words only (§4.6).
    """
    if target_min is None and target_max is None:
        if pendekatan == Pendekatan.KUANTITATIF and wajib_angka:
            return "Target wajib diisi dengan angka pada pendekatan kuantitatif."
        return None
    lo = target_min if target_min is not None else target_max
    hi = target_max if target_max is not None else target_min
    assert lo is not None and hi is not None
    if not (lo.is_finite() and hi.is_finite()):
        return "Target harus berupa angka."
    if lo < 0 or hi < 0:
        return "Target tidak boleh negatif."
    if lo > TARGET_MAKSIMUM or hi > TARGET_MAKSIMUM:
        return "Target terlalu besar."
    if lo > hi:
        return "Target minimum tidak boleh melebihi target maksimum."
    return None


def normalisasi_target(
    target_min: Decimal | None, target_max: Decimal | None
) -> tuple[Decimal | None, Decimal | None]:
    """One given bound stands for both (a single target is min = max, §3.6)."""
    if target_min is None:
        return target_max, target_max
    if target_max is None:
        return target_min, target_min
    return target_min, target_max


@dataclass(frozen=True)
class RhkRingkas:
    """What the submission check needs to know of one RHK."""

    uraian: str
    jenis: str
    jumlah_indikator: int
    punya_rhk_atasan: bool


def syarat_ajukan(*, bentuk: str, rhk: Sequence[RhkRingkas], wajib_intervensi: bool = True) -> list[str]:
    """Why the SKP cannot be submitted yet; empty when it can (domain.md §5.1 "Ajukan SKP", C):
    at least one UTAMA RHK, every UTAMA RHK with an indikator, and (JA/JF, G: ``wajib_intervensi``)
    every UTAMA RHK linked to the RHK of the pejabat penilai that it intervenes."""
    masalah: list[str] = []
    utama = [r for r in rhk if r.jenis == JenisRhk.UTAMA]
    if not utama:
        masalah.append("SKP harus memiliki sekurang-kurangnya satu RHK utama.")
    for nomor, r in enumerate(utama, start=1):
        label = f"RHK utama {nomor} ({_singkat(r.uraian)})"
        if r.jumlah_indikator == 0:
            masalah.append(f"{label} belum memiliki indikator.")
        if bentuk == BentukSkp.JA_JF and wajib_intervensi and not r.punya_rhk_atasan:
            masalah.append(f"{label} belum terhubung ke RHK pejabat penilai yang diintervensi.")
    return masalah


def _singkat(teks: str, n: int = 60) -> str:
    return teks if len(teks) <= n else teks[: n - 1] + "…"


def urutan_baru(urutan_lama: Iterable[int]) -> int:
    """The next position at the end of a list."""
    return max(urutan_lama, default=0) + 1
