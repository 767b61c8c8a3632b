"""Two documents about a team rather than one pegawai (domain.md §6.6):

- the Matriks Peran Hasil of an SKP (§4.5 rule 3): the owner's RHK in columns, the direct bawahan
  in rows, in each cell the bawahan RHK that intervene that column;
- the Penetapan Predikat Kinerja of a unit for one period (§3.15): its predikat organisasi, the
  predikat of its pegawai and their count against the pola distribusi (§0.2, §4.4), signed by the
  pimpinan of the unit above.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.http import Http404

from kinerja.laporan.dokumen import Isi, pembuat, subjudul_bentuk
from kinerja.laporan.models import JenisDokumen
from kinerja.laporan.pdf import PdfTerbit, terbitkan
from kinerja.laporan.tanggal import BULAN
from kinerja.organisasi.models import Pegawai, UnitKerja
from kinerja.organisasi.policies import is_admin_of, unit_get_for_user
from kinerja.penilaian import policies as penilaian_policies
from kinerja.penilaian import rules as penilaian_rules
from kinerja.penilaian import selectors as penilaian_selectors
from kinerja.penilaian import services as penilaian_services
from kinerja.penilaian.enums import JenisPeriode, PredikatPegawai, Rating
from kinerja.skp import selectors as skp_selectors
from kinerja.skp.enums import JenisRhk, StatusSkp
from kinerja.skp.models import RencanaHasilKerja, Skp

if TYPE_CHECKING:
    from kinerja.accounts.models import User
    from kinerja.penilaian.models import PeriodePenilaian

# --- Matriks peran hasil -------------------------------------------------------------------------

# A landscape A4 page holds the bawahan column and six RHK columns legibly; more RHK are split over
# several tables, each repeating the bawahan column.
KOLOM_PER_TABEL = 6


@dataclass(frozen=True)
class KolomMatriks:
    nomor: int
    rhk: RencanaHasilKerja
    # Nobody intervenes this RHK yet: the dialog kinerja still has to give it to someone.
    kosong: bool


@dataclass(frozen=True)
class BarisMatriks:
    pegawai: Pegawai
    skp: Skp | None
    cells: list[list[RencanaHasilKerja]]
    tanpa_intervensi: list[RencanaHasilKerja]


@dataclass(frozen=True)
class TabelMatriks:
    kolom: list[KolomMatriks]
    baris: list[BarisMatriks]
    # Only the last table carries the column of bawahan RHK that intervene nothing.
    terakhir: bool

    @property
    def dari(self) -> int:
        return self.kolom[0].nomor if self.kolom else 0

    @property
    def sampai(self) -> int:
        return self.kolom[-1].nomor if self.kolom else 0

    @property
    def lebar(self) -> int:
        """Columns of the table: the bawahan, the RHK and, on the last one, the "nothing" column."""
        return 1 + len(self.kolom) + (1 if self.terakhir else 0)


def tabel_matriks(m: skp_selectors.Matriks, *, per_tabel: int = KOLOM_PER_TABEL) -> list[TabelMatriks]:
    """The matriks cut into tables of at most ``per_tabel`` RHK columns (at least one table)."""
    kolom = [
        KolomMatriks(nomor=i, rhk=rhk, kosong=not any(row.cells[i - 1] for row in m.rows))
        for i, rhk in enumerate(m.kolom, start=1)
    ]
    potongan = [range(a, min(a + per_tabel, len(kolom))) for a in range(0, len(kolom), per_tabel)] or [
        range(0)
    ]
    return [
        TabelMatriks(
            kolom=[kolom[i] for i in bagian],
            baris=[
                BarisMatriks(
                    pegawai=row.pegawai,
                    skp=row.skp,
                    cells=[row.cells[i] for i in bagian],
                    tanpa_intervensi=row.tanpa_intervensi,
                )
                for row in m.rows
            ],
            terakhir=n == len(potongan) - 1,
        )
        for n, bagian in enumerate(potongan)
    ]


@pembuat(JenisDokumen.MATRIKS)
def dokumen_matriks(user: User, skp: Skp, periode_id: int | None) -> Isi:
    m = skp_selectors.matriks_peran_hasil(skp=skp)
    identitas = skp_selectors.identitas(skp)
    return Isi(
        template="pdf/matriks.html",
        context={
            "skp": skp,
            "identitas": identitas,
            "subjudul": subjudul_bentuk(skp),
            "tabel": tabel_matriks(m),
            "ada_kolom": bool(m.kolom),
            "ada_bawahan": bool(m.rows),
            "tambahan": JenisRhk.TAMBAHAN,
            "draft": skp.status not in (StatusSkp.DISETUJUI, StatusSkp.DIGANTI),
        },
        kunci=f"matriks:{skp.pk}",
        judul=f"Matriks Peran Hasil, SKP versi {skp.versi}",
        untuk=f"{identitas['pegawai'].get('nama', skp.pegawai.nama_lengkap)} ({skp.tahun})",
    )


# --- Penetapan predikat kinerja of a unit --------------------------------------------------------

ROMAWI = ("", "I", "II", "III", "IV")
BANYAK_PERIODE: dict[str, int] = {
    JenisPeriode.BULANAN: 12,
    JenisPeriode.TRIWULAN: 4,
    JenisPeriode.SEMESTER: 2,
    JenisPeriode.AKHIR: 1,
}
LABEL_RATING = {r.value: str(r.label) for r in Rating}


def periode_valid(tahun: int, jenis: str, nomor: int) -> bool:
    return 2000 <= tahun <= 2100 and jenis in BANYAK_PERIODE and 1 <= nomor <= BANYAK_PERIODE[jenis]


def nama_periode(jenis: str, nomor: int, tahun: int) -> str:
    """As the title prints it: "TRIWULAN II TAHUN 2026", "AKHIR TAHUN 2026"."""
    if jenis == JenisPeriode.AKHIR:
        return f"AKHIR TAHUN {tahun}"
    if jenis == JenisPeriode.BULANAN:
        return f"BULAN {BULAN[nomor - 1].upper()} TAHUN {tahun}"
    return f"{jenis} {ROMAWI[nomor]} TAHUN {tahun}"


def tanggal_periode(jenis: str, nomor: int, tahun: int) -> tuple[dt.date, dt.date]:
    """The calendar dates of a period of the year (domain.md §3.10): the whole year for AKHIR."""
    if jenis == JenisPeriode.AKHIR:
        return dt.date(tahun, 1, 1), dt.date(tahun, 12, 31)
    langkah = penilaian_rules.BULAN_PER_PERIODE[jenis]
    bulan_awal = (nomor - 1) * langkah + 1
    bulan_akhir = bulan_awal + langkah - 1
    return (
        dt.date(tahun, bulan_awal, 1),
        dt.date(tahun, bulan_akhir, calendar.monthrange(tahun, bulan_akhir)[1]),
    )


def boleh_lihat_penetapan(user: User, unit: UnitKerja) -> bool:
    """Who may read every pegawai's rating of a unit: the admin instansi, the one who sets the unit's
    predikat organisasi (the pimpinan of the unit above), and the pimpinan of the unit itself or of
    any unit above it. One or two queries."""
    if is_admin_of(user, unit.instansi_id) or penilaian_policies.may_set_predikat_organisasi(user, unit):
        return True
    pegawai = user.pegawai
    if pegawai is None or not pegawai.aktif or pegawai.instansi_id != unit.instansi_id:
        return False
    unitnya = pegawai.unit_kerja
    return (
        unitnya.pimpinan_jabatan_id is not None
        and unitnya.pimpinan_jabatan_id == pegawai.jabatan_id
        and unit.path.startswith(unitnya.path)
    )


@dataclass(frozen=True)
class BarisPenetapan:
    periode: PeriodePenilaian
    rating_hasil_kerja: str
    rating_perilaku_kerja: str
    predikat: str


@dataclass(frozen=True)
class RingkasanPredikat:
    label: str
    jumlah: int
    rentang: penilaian_rules.Rentang | None


def _identitas(p: Pegawai | None) -> dict[str, str]:
    if p is None:
        return {}
    return {
        "nama": p.nama_lengkap,
        "nip": p.nip,
        "pangkat_golongan": p.pangkat_golongan,
        "jabatan": p.jabatan.nama,
    }


def tanggal_penetapan(periods: list[PeriodePenilaian]) -> dt.datetime | None:
    """The latest ditetapkan date when every rated period is ditetapkan; else None (dotted)."""
    dinilai = [p for p in periods if p.predikat]
    if not dinilai or any(p.ditetapkan_pada is None for p in dinilai):
        return None
    return max(p.ditetapkan_pada for p in dinilai if p.ditetapkan_pada is not None)


def konteks_penetapan(*, unit: UnitKerja, tahun: int, jenis: str, nomor: int) -> dict[str, Any]:
    pengaturan = penilaian_services.pengaturan_for(unit.instansi_id)
    distribusi = penilaian_selectors.distribusi_unit(
        unit=unit, tahun=tahun, jenis=jenis, nomor=nomor, bulat_bawah=pengaturan.pembulatan_bawah
    )
    periods = penilaian_selectors.penetapan_predikat_rows(unit=unit, tahun=tahun, jenis=jenis, nomor=nomor)
    baris = [
        BarisPenetapan(
            periode=p,
            rating_hasil_kerja=LABEL_RATING.get(p.rating_hasil_kerja, "") if p.predikat else "",
            rating_perilaku_kerja=LABEL_RATING.get(p.rating_perilaku_kerja, "") if p.predikat else "",
            predikat=penilaian_rules.LABEL_PEGAWAI.get(p.predikat, ""),
        )
        for p in periods
    ]
    hasil = distribusi.hasil
    # A rule about one predikat sits on that predikat's line; rules about a group get their own.
    sendiri = {r.kelompok[0]: r for r in (hasil.rentang if hasil else []) if len(r.kelompok) == 1}
    ringkasan = [
        RingkasanPredikat(label=str(label), jumlah=distribusi.jumlah.get(kode, 0), rentang=sendiri.get(kode))
        for kode, label in PredikatPegawai.choices
    ]
    kelompok = [r for r in (hasil.rentang if hasil else []) if len(r.kelompok) > 1]
    unit_atas = unit.parent
    # The pimpinan of the unit above sets the predikat organisasi and signs (domain.md §3.15, L).
    penandatangan = penilaian_policies.pimpinan_of(unit_atas) if unit_atas is not None else None
    awal, akhir = tanggal_periode(jenis, nomor, tahun)
    return {
        "unit": unit,
        "unit_atas": unit_atas,
        "instansi": unit.instansi,
        "tahun": tahun,
        "nama_periode": nama_periode(jenis, nomor, tahun),
        "awal": awal,
        "akhir": akhir,
        "predikat_organisasi": penilaian_rules.LABEL_ORGANISASI.get(distribusi.predikat_organisasi, ""),
        "baris": baris,
        "jumlah_dinilai": sum(distribusi.jumlah.values()),
        "belum_dinilai": distribusi.belum_dinilai,
        "ringkasan": ringkasan,
        "kelompok": kelompok,
        "hasil": hasil,
        "penandatangan": _identitas(penandatangan),
        "tempat": unit.instansi.tempat,
        "tanggal": tanggal_penetapan(periods),
    }


def buat_unit(*, user: User, unit_id: int, tahun: int, jenis: str, nomor: int) -> PdfTerbit:
    """The Penetapan Predikat Kinerja of a unit for one period; 404 for a unit the user may not see
    or whose pegawai ratings they may not read (no leak), and for a period that does not exist."""
    unit = unit_get_for_user(user=user, pk=unit_id)
    if not boleh_lihat_penetapan(user, unit):
        raise Http404("Unit kerja tidak ditemukan.")
    if not periode_valid(tahun, jenis, nomor):
        raise Http404("Periode tidak dikenal.")
    context = konteks_penetapan(unit=unit, tahun=tahun, jenis=jenis, nomor=nomor)
    return terbitkan(
        template="pdf/penetapan_predikat.html",
        context=context,
        jenis=JenisDokumen.PENETAPAN_PREDIKAT,
        kunci=f"unit:{unit.pk}:{tahun}:{jenis}:{nomor}",
        judul=f"Penetapan Predikat Kinerja Pegawai, {context['nama_periode'].capitalize()}",
        untuk=unit.nama,
        actor=user,
    )
