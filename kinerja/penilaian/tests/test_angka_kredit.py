"""Konversi predikat to angka kredit for a jabatan fungsional (domain.md §0.3, §3.17, §7)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kinerja.core.testing.personas import Personas
from kinerja.organisasi.enums import JenjangJF
from kinerja.penilaian import selectors, services
from kinerja.penilaian.enums import JenisPeriode, PredikatPegawai, Rating
from kinerja.penilaian.models import KonversiAngkaKredit, PengaturanPenilaian
from kinerja.penilaian.tests.conftest import nilai, nilai_dan_tetapkan, periode
from kinerja.skp.models import Skp

pytestmark = pytest.mark.django_db

R = Rating
P = PredikatPegawai
J = JenisPeriode


def test_a_finalised_period_of_a_fungsional_converts_with_a_snapshot(
    personas: Personas, skp_fungsional: Skp
) -> None:
    p = nilai_dan_tetapkan(periode(skp_fungsional), personas.pejabat_penilai)

    ak = KonversiAngkaKredit.objects.get(periode=p)
    # Ahli Pertama, one triwulan Baik: 3/12 x 100% x 12.5 = 3.125, exactly.
    assert (ak.pegawai_id, ak.tahun, ak.jenjang, ak.predikat) == (
        personas.fungsional.pegawai_id,
        2026,
        JenjangJF.AHLI_PERTAMA,
        P.BAIK,
    )
    assert (ak.koefisien, ak.persentase, ak.bulan) == (Decimal("12.5"), Decimal("1.00"), 3)
    assert ak.angka_kredit == Decimal("3.125")
    assert isinstance(ak.angka_kredit, Decimal)


def test_a_period_only_rated_does_not_convert(personas: Personas, skp_fungsional: Skp) -> None:
    nilai(periode(skp_fungsional), personas.pejabat_penilai)

    assert not KonversiAngkaKredit.objects.exists()


def test_a_pelaksana_gets_no_angka_kredit(personas: Personas, skp_pegawai: Skp) -> None:
    nilai_dan_tetapkan(periode(skp_pegawai), personas.pejabat_penilai)

    assert not KonversiAngkaKredit.objects.exists()


def test_by_default_the_periodic_evaluations_convert_and_the_akhir_does_not(
    personas: Personas, skp_fungsional: Skp
) -> None:
    nilai_dan_tetapkan(periode(skp_fungsional, J.AKHIR, 1), personas.pejabat_penilai)

    assert not KonversiAngkaKredit.objects.exists()


def test_with_ak_dari_akhir_only_the_akhir_period_converts(personas: Personas, skp_fungsional: Skp) -> None:
    PengaturanPenilaian.objects.create(instansi=personas.instansi, ak_dari_akhir=True)
    nilai_dan_tetapkan(periode(skp_fungsional, J.TRIWULAN, 1), personas.pejabat_penilai)
    assert not KonversiAngkaKredit.objects.exists()

    akhir = nilai_dan_tetapkan(
        periode(skp_fungsional, J.AKHIR, 1),
        personas.pejabat_penilai,
        R.DI_ATAS_EKSPEKTASI,
        R.DI_ATAS_EKSPEKTASI,
    )

    [ak] = KonversiAngkaKredit.objects.all()
    # The 12-month case: Ahli Pertama Sangat Baik = 18.75 (domain.md §7).
    assert (ak.periode_id, ak.bulan, ak.angka_kredit) == (akhir.pk, 12, Decimal("18.75"))


def test_angka_kredit_pegawai_totals_and_the_distance_to_the_next_pangkat_and_jenjang(
    personas: Personas, skp_fungsional: Skp
) -> None:
    pp = personas.pejabat_penilai
    nilai_dan_tetapkan(periode(skp_fungsional, J.TRIWULAN, 1), pp)  # 3.125
    nilai_dan_tetapkan(
        periode(skp_fungsional, J.TRIWULAN, 2), pp, R.DI_ATAS_EKSPEKTASI, R.DI_ATAS_EKSPEKTASI
    )  # 4.6875
    nilai_dan_tetapkan(
        periode(skp_fungsional, J.TRIWULAN, 3), pp, R.DI_BAWAH_EKSPEKTASI, R.SESUAI_EKSPEKTASI
    )  # 2.34375

    hasil = selectors.angka_kredit_pegawai(pegawai=personas.p("fungsional"), tahun=2026)

    assert [r.angka_kredit for r in hasil.rows] == [Decimal("3.125"), Decimal("4.6875"), Decimal("2.34375")]
    assert hasil.total_tahun == hasil.kumulatif == Decimal("10.15625")
    assert hasil.jarak is not None
    # Ahli Pertama: 50 for kenaikan pangkat, 100 for kenaikan jenjang to Ahli Muda.
    assert hasil.jarak.kurang_pangkat == Decimal("39.84375")
    assert hasil.jarak.kurang_jenjang == Decimal("89.84375")
    assert hasil.jarak.jenjang_berikut == JenjangJF.AHLI_MUDA


def test_angka_kredit_pegawai_of_another_year_keeps_the_accumulation(
    personas: Personas, skp_fungsional: Skp
) -> None:
    nilai_dan_tetapkan(periode(skp_fungsional), personas.pejabat_penilai)

    hasil = selectors.angka_kredit_pegawai(pegawai=personas.p("fungsional"), tahun=2025)

    assert (hasil.rows, hasil.total_tahun, hasil.kumulatif) == ([], Decimal(0), Decimal("3.125"))


def test_angka_kredit_pegawai_of_a_pelaksana_has_no_distance(personas: Personas) -> None:
    hasil = selectors.angka_kredit_pegawai(pegawai=personas.p("pegawai"))

    assert (hasil.rows, hasil.kumulatif, hasil.jarak) == ([], Decimal(0), None)


def test_re_finalising_after_a_keberatan_updates_the_one_row(personas: Personas, skp_fungsional: Skp) -> None:
    p = nilai_dan_tetapkan(periode(skp_fungsional), personas.pejabat_penilai)
    services.keberatan_ajukan(periode=p, actor=personas.fungsional, alasan="Mohon ditinjau.")

    services.keberatan_putuskan(periode=p, actor=personas.atasan, catatan="Turun.", predikat=P.KURANG)

    [ak] = KonversiAngkaKredit.objects.all()
    assert (ak.predikat, ak.angka_kredit) == (P.KURANG, Decimal("1.5625"))
