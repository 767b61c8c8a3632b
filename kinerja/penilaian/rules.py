"""Rules of the evaluation from the regulation: pure functions, no ORM (issue #4).

- the predikat kinerja pegawai from the two ratings (kuadran kinerja, Permen PANRB 6/2022);
- the pola distribusi check (SE MenPANRB 3/2023);
- the konversi predikat to angka kredit (Permen PANRB 1/2023, Perban BKN 3/2023);
- evaluation periods, deadlines and the keberatan window.

Each rule names its source (domain.md section and confidence). Rules the spec marks as a guess (G)
take their choice as a parameter with the spec's default.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from kinerja.organisasi.enums import JenjangJF
from kinerja.penilaian.enums import JenisPeriode, PredikatOrganisasi, PredikatPegawai, Rating

R = Rating
P = PredikatPegawai
O = PredikatOrganisasi  # noqa: E741

# --- Predikat kinerja pegawai ---------------------------------------------------------------------

# Permen PANRB 6/2022 Lampiran, kuadran kinerja pegawai (domain.md §0.1, C): rows are the rating hasil
# kerja, columns the rating perilaku kerja. The same matrix for every periodic and the annual evaluation.
KUADRAN_KINERJA: dict[tuple[str, str], str] = {
    (R.DI_ATAS_EKSPEKTASI, R.DI_ATAS_EKSPEKTASI): P.SANGAT_BAIK,
    (R.DI_ATAS_EKSPEKTASI, R.SESUAI_EKSPEKTASI): P.BAIK,
    (R.DI_ATAS_EKSPEKTASI, R.DI_BAWAH_EKSPEKTASI): P.KURANG,
    (R.SESUAI_EKSPEKTASI, R.DI_ATAS_EKSPEKTASI): P.BAIK,
    (R.SESUAI_EKSPEKTASI, R.SESUAI_EKSPEKTASI): P.BAIK,
    (R.SESUAI_EKSPEKTASI, R.DI_BAWAH_EKSPEKTASI): P.KURANG,
    (R.DI_BAWAH_EKSPEKTASI, R.DI_ATAS_EKSPEKTASI): P.BUTUH_PERBAIKAN,
    (R.DI_BAWAH_EKSPEKTASI, R.SESUAI_EKSPEKTASI): P.BUTUH_PERBAIKAN,
    (R.DI_BAWAH_EKSPEKTASI, R.DI_BAWAH_EKSPEKTASI): P.SANGAT_KURANG,
}


def predikat_kinerja(rating_hasil_kerja: str, rating_perilaku_kerja: str) -> str:
    """The predikat kinerja pegawai of a rating pair (kuadran kinerja, domain.md §0.1, C)."""
    try:
        return KUADRAN_KINERJA[(rating_hasil_kerja, rating_perilaku_kerja)]
    except KeyError:
        raise ValueError(f"Rating tidak dikenal: {rating_hasil_kerja!r}, {rating_perilaku_kerja!r}") from None


# The rating hasil kerja of a pimpinan follows the capaian of the unit they lead (domain.md §4.1, L);
# the mapping itself is a guess (G): Istimewa -> di atas, Baik -> sesuai, the rest -> di bawah.
RATING_PIMPINAN_BAWAAN: dict[str, str] = {
    O.ISTIMEWA: R.DI_ATAS_EKSPEKTASI,
    O.BAIK: R.SESUAI_EKSPEKTASI,
    O.BUTUH_PERBAIKAN: R.DI_BAWAH_EKSPEKTASI,
    O.KURANG: R.DI_BAWAH_EKSPEKTASI,
    O.SANGAT_KURANG: R.DI_BAWAH_EKSPEKTASI,
}


def rating_hasil_kerja_pimpinan(
    predikat_organisasi: str, mapping: Mapping[str, str] = RATING_PIMPINAN_BAWAAN
) -> str:
    return mapping[predikat_organisasi]


def saran_predikat_akhir(predikat_periodik: Sequence[str]) -> str | None:
    """A suggestion for the annual predikat from the periodic ones (domain.md §4.2, G): the most
    frequent; on a tie, the one of the latest period among the tied. The PPK decides."""
    if not predikat_periodik:
        return None
    counts = Counter(predikat_periodik)
    top = max(counts.values())
    for predikat in reversed(predikat_periodik):
        if counts[predikat] == top:
            return predikat
    return None  # pragma: no cover - unreachable


# --- Pola distribusi ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Batas:
    """A rule on the share of some predikat: ``kelompok`` together must be within [min, max]."""

    kelompok: tuple[str, ...]
    minimum: Decimal | None = None  # a share, 0-1
    maksimum: Decimal | None = None
    minimum_orang: int | None = None  # an absolute count ("at least one pegawai")
    maksimum_orang: int | None = None


def _b(*kelompok: str, **kw: object) -> Batas:
    return Batas(kelompok=kelompok, **kw)  # type: ignore[arg-type]


# SE MenPANRB 3/2023 as quoted in domain.md §0.2 (L); the percentages are the SE's.
POLA_DISTRIBUSI: dict[str, tuple[Batas, ...]] = {
    # Istimewa: at most 70% Sangat Baik; the rest anything.
    O.ISTIMEWA: (_b(P.SANGAT_BAIK, maksimum=Decimal("0.70")),),
    # Baik: at most 70% Baik; at least one Butuh Perbaikan and/or Kurang.
    O.BAIK: (
        _b(P.BAIK, maksimum=Decimal("0.70")),
        _b(P.BUTUH_PERBAIKAN, P.KURANG, minimum_orang=1),
    ),
    # Butuh Perbaikan: at least 60% Butuh Perbaikan; at most 10% Sangat Baik.
    O.BUTUH_PERBAIKAN: (
        _b(P.BUTUH_PERBAIKAN, minimum=Decimal("0.60")),
        _b(P.SANGAT_BAIK, maksimum=Decimal("0.10")),
    ),
    # Kurang: at least 60% Kurang; at least 10% Butuh Perbaikan; at most 10% Sangat Baik.
    O.KURANG: (
        _b(P.KURANG, minimum=Decimal("0.60")),
        _b(P.BUTUH_PERBAIKAN, minimum=Decimal("0.10")),
        _b(P.SANGAT_BAIK, maksimum=Decimal("0.10")),
    ),
    # Sangat Kurang: at least 60% Sangat Kurang; at least 10% Kurang and/or Butuh Perbaikan; no Sangat Baik.
    O.SANGAT_KURANG: (
        _b(P.SANGAT_KURANG, minimum=Decimal("0.60")),
        _b(P.KURANG, P.BUTUH_PERBAIKAN, minimum=Decimal("0.10")),
        _b(P.SANGAT_BAIK, maksimum_orang=0),
    ),
}

# "Sebagian besar" (domain.md §0.2): the predikat that should be the most common one (advice, L).
PREDIKAT_UTAMA: dict[str, str] = {O.ISTIMEWA: P.SANGAT_BAIK, O.BAIK: P.BAIK}

LABEL_PEGAWAI = {p.value: str(p.label) for p in PredikatPegawai}
LABEL_ORGANISASI = {o.value: str(o.label) for o in PredikatOrganisasi}


@dataclass(frozen=True)
class Rentang:
    """The allowed number of pegawai for a group of predikat, given the unit's size."""

    kelompok: tuple[str, ...]
    minimum: int
    maksimum: int
    jumlah: int

    @property
    def label(self) -> str:
        return " dan/atau ".join(LABEL_PEGAWAI[p] for p in self.kelompok)

    @property
    def terpenuhi(self) -> bool:
        return self.minimum <= self.jumlah <= self.maksimum


@dataclass
class HasilDistribusi:
    predikat_organisasi: str
    jumlah: dict[str, int]
    total: int
    rentang: list[Rentang] = field(default_factory=list)
    pelanggaran: list[str] = field(default_factory=list)
    saran: list[str] = field(default_factory=list)

    @property
    def sesuai(self) -> bool:
        return not self.pelanggaran


def batas_jumlah(batas: Batas, n: int, *, bulat_bawah: bool = True) -> tuple[int, int]:
    """Allowed counts for n pegawai (domain.md §4.4, G): a maximum share p allows floor(p*n) pegawai,
    a minimum share needs ceil(p*n). ``bulat_bawah=False`` rounds to the nearest instead."""

    def lo(share: Decimal) -> int:
        exact = share * n
        return math.ceil(exact) if bulat_bawah else int(exact.to_integral_value())

    def hi(share: Decimal) -> int:
        exact = share * n
        return math.floor(exact) if bulat_bawah else int(exact.to_integral_value())

    minimum = 0
    maksimum = n
    if batas.minimum is not None:
        minimum = max(minimum, lo(batas.minimum))
    if batas.maksimum is not None:
        maksimum = min(maksimum, hi(batas.maksimum))
    if batas.minimum_orang is not None:
        minimum = max(minimum, batas.minimum_orang)
    if batas.maksimum_orang is not None:
        maksimum = min(maksimum, batas.maksimum_orang)
    return minimum, maksimum


def cek_distribusi(
    predikat_organisasi: str, jumlah: Mapping[str, int], *, bulat_bawah: bool = True
) -> HasilDistribusi:
    """Check a unit's spread of pegawai predikat against its pola distribusi (SE MenPANRB 3/2023,
    domain.md §0.2 and §4.4). Every broken rule is one sentence in ``pelanggaran``."""
    counts = {p: int(jumlah.get(p, 0)) for p in PredikatPegawai.values}
    n = sum(counts.values())
    hasil = HasilDistribusi(predikat_organisasi=predikat_organisasi, jumlah=counts, total=n)
    if n == 0:
        return hasil
    org_label = LABEL_ORGANISASI[predikat_organisasi]
    for batas in POLA_DISTRIBUSI[predikat_organisasi]:
        minimum, maksimum = batas_jumlah(batas, n, bulat_bawah=bulat_bawah)
        ada = sum(counts[p] for p in batas.kelompok)
        rentang = Rentang(kelompok=batas.kelompok, minimum=minimum, maksimum=maksimum, jumlah=ada)
        hasil.rentang.append(rentang)
        if ada < minimum:
            hasil.pelanggaran.append(
                f"Predikat organisasi {org_label}: pegawai {rentang.label} sekurang-kurangnya "
                f"{minimum} dari {n} orang, saat ini {ada}."
            )
        if ada > maksimum:
            if maksimum == 0:
                teks = f"tidak boleh ada pegawai {rentang.label}"
            else:
                teks = f"pegawai {rentang.label} paling banyak {maksimum} dari {n} orang"
            hasil.pelanggaran.append(f"Predikat organisasi {org_label}: {teks}, saat ini {ada}.")
    utama = PREDIKAT_UTAMA.get(predikat_organisasi)
    if utama is not None and counts[utama] < max(counts.values()):
        hasil.saran.append(
            f"Predikat organisasi {org_label}: sebagian besar pegawai seharusnya berpredikat "
            f"{LABEL_PEGAWAI[utama]}."
        )
    return hasil


# --- Angka kredit ---------------------------------------------------------------------------------

# Perban BKN 3/2023 (domain.md §0.3, C): the share of the yearly koefisien earned per predikat.
PERSENTASE_PREDIKAT: dict[str, Decimal] = {
    P.SANGAT_BAIK: Decimal("1.50"),
    P.BAIK: Decimal("1.00"),
    P.BUTUH_PERBAIKAN: Decimal("0.75"),
    P.KURANG: Decimal("0.50"),
    P.SANGAT_KURANG: Decimal("0.25"),
}


@dataclass(frozen=True)
class Jenjang:
    koefisien: Decimal  # per year
    ak_kenaikan_pangkat: Decimal
    ak_kenaikan_jenjang: Decimal | None  # None: the top jenjang of its kategori
    berikut: str | None


J = JenjangJF
# Permen PANRB 1/2023 Lampiran (domain.md §0.3, C). Note the trap in §7: Ahli Muda is 25, Ahli Madya
# 37.5, and the keterampilan jenjang are 3.75 / 5 / 12.5 / 25.
JENJANG_JF: dict[str, Jenjang] = {
    J.AHLI_PERTAMA: Jenjang(Decimal("12.5"), Decimal(50), Decimal(100), J.AHLI_MUDA),
    J.AHLI_MUDA: Jenjang(Decimal(25), Decimal(100), Decimal(200), J.AHLI_MADYA),
    J.AHLI_MADYA: Jenjang(Decimal("37.5"), Decimal(150), Decimal(450), J.AHLI_UTAMA),
    J.AHLI_UTAMA: Jenjang(Decimal(50), Decimal(200), None, None),
    J.PEMULA: Jenjang(Decimal("3.75"), Decimal(15), Decimal(15), J.TERAMPIL),
    J.TERAMPIL: Jenjang(Decimal(5), Decimal(20), Decimal(60), J.MAHIR),
    J.MAHIR: Jenjang(Decimal("12.5"), Decimal(50), Decimal(100), J.PENYELIA),
    J.PENYELIA: Jenjang(Decimal(25), Decimal(100), None, None),
}

# AK are stored with 6 decimals: exact for every whole-month case that has a finite decimal, and
# within 0.000001 for the twelfths that repeat (2/12 x 12.5 = 2.083333...). Shown with 2 or 3.
AK_DESIMAL = Decimal("0.000001")


def angka_kredit(*, bulan: int, predikat: str, jenjang: str) -> Decimal:
    """AK = (bulan / 12) x persentase predikat x koefisien tahunan (domain.md §0.3 and §7, C).
    Multiplied first and divided last, so a whole year is exact (Ahli Pertama Sangat Baik = 18.75)."""
    if not 1 <= bulan <= 12:
        raise ValueError("Jumlah bulan harus 1 sampai 12.")
    nilai = Decimal(bulan) * PERSENTASE_PREDIKAT[predikat] * JENJANG_JF[jenjang].koefisien / 12
    return nilai.quantize(AK_DESIMAL)


def tampil_ak(nilai: Decimal) -> str:
    """2 decimals, or 3 when the value is exact at 3 (domain.md §7, L): "2,08" for 2.083333...
    (as BKN's examples print), "9,375" for 9.375 (as the official tables print)."""
    tiga = nilai.quantize(Decimal("0.001"))
    if tiga == nilai and tiga != tiga.quantize(Decimal("0.01")):
        teks = f"{tiga:.3f}"
    else:
        teks = f"{nilai.quantize(Decimal('0.01')):.2f}"
    return teks.replace(".", ",")


@dataclass(frozen=True)
class JarakAk:
    kumulatif: Decimal
    kurang_pangkat: Decimal
    kurang_jenjang: Decimal | None
    jenjang_berikut: str | None


def jarak_kenaikan(*, kumulatif: Decimal, jenjang: str) -> JarakAk:
    """How much AK is still missing for the next pangkat and the next jenjang (domain.md §7, L)."""
    j = JENJANG_JF[jenjang]
    kurang_jenjang = None
    if j.ak_kenaikan_jenjang is not None:
        kurang_jenjang = max(Decimal(0), j.ak_kenaikan_jenjang - kumulatif)
    return JarakAk(
        kumulatif=kumulatif,
        kurang_pangkat=max(Decimal(0), j.ak_kenaikan_pangkat - kumulatif),
        kurang_jenjang=kurang_jenjang,
        jenjang_berikut=j.berikut,
    )


# --- Periods and deadlines ------------------------------------------------------------------------

BULAN_PER_PERIODE: dict[str, int] = {
    JenisPeriode.BULANAN: 1,
    JenisPeriode.TRIWULAN: 3,
    JenisPeriode.SEMESTER: 6,
}


@dataclass(frozen=True)
class Periode:
    jenis: str
    nomor: int
    awal: dt.date
    akhir: dt.date


def _akhir_bulan(tahun: int, bulan: int) -> dt.date:
    return dt.date(tahun, bulan, calendar.monthrange(tahun, bulan)[1])


def periode_penilaian(jenis: str, awal: dt.date, akhir: dt.date) -> list[Periode]:
    """The periodic evaluations of an SKP inside its own dates, then the AKHIR one (domain.md §3.10,
    §4.2): months, quarters or semesters of the calendar year, clipped to the SKP's period."""
    if jenis not in BULAN_PER_PERIODE:
        raise ValueError(f"Jenis periode tidak dikenal: {jenis!r}")
    step = BULAN_PER_PERIODE[jenis]
    hasil = []
    for nomor, bulan_awal in enumerate(range(1, 13, step), start=1):
        p_awal = dt.date(awal.year, bulan_awal, 1)
        p_akhir = _akhir_bulan(awal.year, bulan_awal + step - 1)
        if p_akhir < awal or p_awal > akhir:
            continue
        hasil.append(Periode(jenis, nomor, max(p_awal, awal), min(p_akhir, akhir)))
    hasil.append(Periode(JenisPeriode.AKHIR, 1, awal, akhir))
    return hasil


def jumlah_bulan(awal: dt.date, akhir: dt.date) -> int:
    """Months of a period for the angka kredit (domain.md §7, "full months covered", C): each
    calendar month counts when the period covers at least half of its days (G for a partial month)."""
    bulan = 0
    tahun, b = awal.year, awal.month
    while (tahun, b) <= (akhir.year, akhir.month):
        m_awal, m_akhir = dt.date(tahun, b, 1), _akhir_bulan(tahun, b)
        hari = (min(akhir, m_akhir) - max(awal, m_awal)).days + 1
        if hari * 2 >= m_akhir.day:
            bulan += 1
        tahun, b = (tahun + 1, 1) if b == 12 else (tahun, b + 1)
    return max(1, min(12, bulan))


# The periodic evaluation is due some days after the period ends; the number is the instansi's
# choice (domain.md §4.8, G). Default: the 5th day after, in time for the monthly TPP cycle.
BATAS_HARI_BAWAAN = 5
# Keberatan within 14 days of receiving the result (PP 30/2019 Pasal 59; domain.md §4.8, L).
JENDELA_KEBERATAN_BAWAAN = 14


def batas_pengisian(akhir_periode: dt.date, hari: int = BATAS_HARI_BAWAAN) -> dt.date:
    return akhir_periode + dt.timedelta(days=hari)


def batas_keberatan(ditetapkan: dt.date, hari: int = JENDELA_KEBERATAN_BAWAAN) -> dt.date:
    return ditetapkan + dt.timedelta(days=hari)
