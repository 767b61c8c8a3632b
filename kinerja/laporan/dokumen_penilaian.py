"""The documents of one evaluation period (domain.md §6.3, §6.4, §6.5): the Evaluasi Kinerja
Pegawai sheet, the Dokumen Evaluasi Kinerja Pegawai page, and the Konversi Predikat Kinerja ke
Angka Kredit of a jabatan fungsional.

The SKP is already access-checked by ``dokumen.buat``; the period is fetched through the penilaian
policy and must belong to that SKP (404 otherwise, also when ``?periode=`` is missing).
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.http import Http404

from kinerja.laporan import kurva
from kinerja.laporan.dokumen import Isi, konteks_skp, pembuat
from kinerja.laporan.models import JenisDokumen
from kinerja.laporan.tanggal import BULAN
from kinerja.penilaian import rules as penilaian_rules
from kinerja.penilaian import selectors as penilaian_selectors
from kinerja.penilaian.enums import JenisPeriode
from kinerja.penilaian.models import Keberatan, KonversiAngkaKredit, PeriodePenilaian
from kinerja.penilaian.policies import periode_get_for_user
from kinerja.skp.enums import JenisRhk
from kinerja.skp.rules import PANDUAN_PERILAKU

if TYPE_CHECKING:
    from kinerja.accounts.models import User
    from kinerja.skp.models import Skp

ROMAWI = ("", "I", "II", "III", "IV", "V", "VI")

# A period's document is final once the pejabat penilai has set it (domain.md §5.2); before that
# it prints the DRAF marker.
STATUS_TETAP = frozenset(
    {
        PeriodePenilaian.Status.DITETAPKAN,
        PeriodePenilaian.Status.KEBERATAN,
        PeriodePenilaian.Status.FINAL,
    }
)


def _nama_periode(periode: PeriodePenilaian) -> str:
    # "Triwulan II", "Semester I", "Bulan Maret", "Akhir"
    if periode.jenis == JenisPeriode.AKHIR:
        return "Akhir"
    if periode.jenis == JenisPeriode.BULANAN:
        return f"Bulan {BULAN[periode.tanggal_awal.month - 1]}"
    nomor = ROMAWI[periode.nomor] if periode.nomor < len(ROMAWI) else str(periode.nomor)
    return f"{periode.jenis.capitalize()} {nomor}"


def label_periode(periode: PeriodePenilaian) -> str:
    """The selected option of "PERIODE: TRIWULAN I/II/III/IV-AKHIR" (domain.md §6.3), printed alone:
    "TRIWULAN II", "SEMESTER I", "BULAN MARET", "AKHIR"."""
    return _nama_periode(periode).upper()


def _judul(jenis: str, periode: PeriodePenilaian) -> str:
    # "Evaluasi Kinerja Pegawai Triwulan II 2026"
    return f"{jenis} {_nama_periode(periode)} {periode.tanggal_awal.year}"


def _periode_of(user: User, skp: Skp, periode_id: int | None) -> PeriodePenilaian:
    if periode_id is None:
        raise Http404("Periode penilaian belum dipilih.")
    periode = periode_get_for_user(user=user, pk=periode_id)
    if periode.skp_id != skp.pk:
        raise Http404("Periode penilaian tidak ditemukan pada SKP ini.")
    return periode


def _keberatan(periode: PeriodePenilaian) -> Keberatan | None:
    # penilaian.selectors has no read of one period's keberatan yet; one query on its own row.
    return Keberatan.objects.filter(periode=periode).first()


def _untuk(skp: Skp) -> str:
    return skp.pegawai.nama_lengkap


def _konteks_periode(skp: Skp, periode: PeriodePenilaian) -> dict[str, Any]:
    """The shared part of the period documents: identity, period label, ratings, draft marker."""
    konteks = konteks_skp(skp)
    konteks.update(
        {
            "periode": periode,
            "label_periode": label_periode(periode),
            "draft": periode.status not in STATUS_TETAP,
            "tanggal": periode.ditetapkan_pada if periode.status in STATUS_TETAP else None,
        }
    )
    return konteks


@pembuat(JenisDokumen.EVALUASI)
def dokumen_evaluasi_kinerja(user: User, skp: Skp, periode_id: int | None) -> Isi:
    """EVALUASI KINERJA PEGAWAI (domain.md §6.3): the detail sheet with realisasi and feedback."""
    periode = _periode_of(user, skp, periode_id)
    detail = penilaian_selectors.periode_detail(periode)
    konteks = _konteks_periode(skp, periode)
    org = periode.capaian_kinerja_organisasi
    konteks.update(
        {
            "kelompok": [
                (label, [rp for rp in detail.rhk if rp.rhk.jenis == kode])
                for kode, label in ((JenisRhk.UTAMA, "A. UTAMA"), (JenisRhk.TAMBAHAN, "B. TAMBAHAN"))
            ],
            "perilaku": [
                (p, PANDUAN_PERILAKU[p.core_value], detail.umpan_balik_perilaku.get(p.core_value, []))
                for p in skp.perilaku.all()
            ],
            "kurva_judul": kurva.judul(org) if org in kurva.PUNCAK else "",
            "kurva_src": kurva.kurva_data_uri(org) if org in kurva.PUNCAK else "",
            "periodik": [(label_periode(p), p) for p in detail.periodik],
        }
    )
    return Isi(
        template="pdf/evaluasi.html",
        context=konteks,
        kunci=f"periode:{periode.pk}",
        judul=_judul("Evaluasi Kinerja Pegawai", periode),
        untuk=_untuk(skp),
    )


@pembuat(JenisDokumen.DOKUMEN_EVALUASI)
def dokumen_evaluasi_ringkas(user: User, skp: Skp, periode_id: int | None) -> Isi:
    """DOKUMEN EVALUASI KINERJA PEGAWAI (domain.md §6.4): the official summary page."""
    periode = _periode_of(user, skp, periode_id)
    detail = penilaian_selectors.periode_detail(periode)
    konteks = _konteks_periode(skp, periode)
    keberatan = _keberatan(periode)
    identitas = konteks["identitas"]
    konteks.update(
        {
            "orang_orang": [
                (1, "PEGAWAI YANG DINILAI", identitas.get("pegawai") or {}),
                (2, "PEJABAT PENILAI KINERJA", identitas.get("pejabat_penilai") or {}),
                (3, "ATASAN PEJABAT PENILAI KINERJA", identitas.get("atasan_pejabat_penilai") or {}),
            ],
            "penandatangan": [
                ("Pegawai yang Dinilai", identitas.get("pegawai") or {}),
                ("Pejabat Penilai Kinerja", identitas.get("pejabat_penilai") or {}),
            ],
            "keberatan": keberatan,
            "tindak_lanjut": [p for p in detail.pembinaan if p.tindak_lanjut],
        }
    )
    return Isi(
        template="pdf/dokumen_evaluasi.html",
        context=konteks,
        kunci=f"periode:{periode.pk}",
        judul=_judul("Dokumen Evaluasi Kinerja Pegawai", periode),
        untuk=_untuk(skp),
    )


def _desimal(nilai: Decimal) -> str:
    """12.50 -> "12,5", 37.5 -> "37,5", 25.00 -> "25" (Indonesian decimal comma)."""
    teks = format(nilai.normalize(), "f")
    return teks.replace(".", ",")


@pembuat(JenisDokumen.KONVERSI_AK)
def dokumen_konversi_ak(user: User, skp: Skp, periode_id: int | None) -> Isi:
    """KONVERSI PREDIKAT KINERJA KE ANGKA KREDIT (domain.md §6.5, §7) of one converted period."""
    periode = _periode_of(user, skp, periode_id)
    # penilaian.selectors reads the AK per pegawai; here the one row of this period.
    konversi = KonversiAngkaKredit.objects.filter(periode=periode).first()
    if konversi is None:
        raise Http404("Periode ini belum dikonversi menjadi angka kredit.")
    konteks = _konteks_periode(skp, periode)
    konteks.update(
        {
            "konversi": konversi,
            "prosentase": _desimal(konversi.persentase * 100) + "%",
            "koefisien": _desimal(konversi.koefisien),
            "angka_kredit": penilaian_rules.tampil_ak(konversi.angka_kredit),
            "draft": False,
            "tanggal": konversi.updated_at,
        }
    )
    return Isi(
        template="pdf/konversi_ak.html",
        context=konteks,
        kunci=f"periode:{periode.pk}",
        judul=_judul("Konversi Predikat Kinerja ke Angka Kredit", periode),
        untuk=_untuk(skp),
    )
