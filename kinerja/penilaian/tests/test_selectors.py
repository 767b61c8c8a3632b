"""Reads of the evaluation: the unit distribution, the penilai's bulk review and the period page,
with their query counts pinned (style.md "Queries")."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from kinerja.accounts.models import User
from kinerja.core.testing.factories import PegawaiFactory, UserFactory
from kinerja.core.testing.personas import Personas
from kinerja.organisasi import services as organisasi_services
from kinerja.organisasi.models import Pegawai, UnitKerja
from kinerja.penilaian import selectors, services
from kinerja.penilaian.enums import JenisPembinaan, JenisPeriode, PredikatOrganisasi, PredikatPegawai, Rating
from kinerja.penilaian.models import PeriodePenilaian
from kinerja.penilaian.tests.conftest import Rantai, nilai, nilai_dan_tetapkan, periode, skp_bawahan
from kinerja.skp.enums import CoreValue
from kinerja.skp.models import Skp

pytestmark = pytest.mark.django_db

J = JenisPeriode
R = Rating
P = PredikatPegawai

NumQueries = Callable[..., Any]


def predikat_seksi(personas: Personas, predikat: str) -> None:
    services.predikat_organisasi_set(
        unit=personas.seksi, actor=personas.atasan, tahun=2026, jenis=J.TRIWULAN, nomor=1, predikat=predikat
    )


def isi_periode(p: PeriodePenilaian, skp: Skp, personas: Personas, owner: User) -> None:
    """Realisasi of every indikator, one bukti and one umpan balik per RHK, one rencana aksi each."""
    for rhk in skp.rhk.prefetch_related("indikator"):
        for ind in rhk.indikator.all():
            services.realisasi_simpan(
                periode=p, indikator=ind, actor=owner, realisasi="3 dokumen", sumber_data=""
            )
        services.bukti_tambah_tautan(
            periode=p, rhk_id=rhk.pk, actor=owner, nama="Drive", url="https://drive.example/x"
        )
        services.rencana_aksi_tambah(
            periode=p, rhk_id=rhk.pk, actor=owner, uraian="Menyusun draf", target="1"
        )
        services.umpan_balik_tambah(periode=p, actor=personas.pejabat_penilai, isi="👍", rhk_id=rhk.pk)


# --- distribusi_unit -----------------------------------------------------------------------------


def test_distribusi_unit_counts_the_unit_pegawai_without_its_pimpinan(
    personas: Personas, rantai: Rantai, skp_pegawai: Skp, skp_rekan: Skp, skp_fungsional: Skp
) -> None:
    predikat_seksi(personas, PredikatOrganisasi.BAIK)
    nilai(periode(skp_pegawai), personas.pejabat_penilai)  # Baik
    nilai(
        periode(skp_fungsional), personas.pejabat_penilai, R.SESUAI_EKSPEKTASI, R.DI_BAWAH_EKSPEKTASI
    )  # Kurang
    nilai(
        periode(rantai.pejabat_penilai), personas.atasan, R.DI_ATAS_EKSPEKTASI, R.DI_ATAS_EKSPEKTASI
    )  # pimpinan

    d = selectors.distribusi_unit(unit=personas.seksi, tahun=2026, jenis=J.TRIWULAN, nomor=1)

    assert d.predikat_organisasi == PredikatOrganisasi.BAIK
    assert d.hasil is not None
    assert d.hasil.total == 2
    assert {k: v for k, v in d.hasil.jumlah.items() if v} == {P.BAIK: 1, P.KURANG: 1}
    assert d.belum_dinilai == 1  # rekan
    # 2 pegawai, Baik: at most floor(1.4) = 1 Baik, at least one Butuh Perbaikan/Kurang: within the pola.
    assert d.hasil.sesuai


def test_distribusi_unit_reports_a_breach(personas: Personas, skp_pegawai: Skp, skp_rekan: Skp) -> None:
    predikat_seksi(personas, PredikatOrganisasi.BAIK)
    nilai(periode(skp_pegawai), personas.pejabat_penilai)
    nilai(periode(skp_rekan), personas.pejabat_penilai)

    d = selectors.distribusi_unit(unit=personas.seksi, tahun=2026, jenis=J.TRIWULAN, nomor=1)

    assert d.hasil is not None
    assert len(d.hasil.pelanggaran) == 2  # too many Baik, and no Butuh Perbaikan/Kurang


def test_distribusi_unit_without_a_predikat_organisasi_has_no_check(
    personas: Personas, skp_pegawai: Skp
) -> None:
    nilai(periode(skp_pegawai), personas.pejabat_penilai)

    d = selectors.distribusi_unit(unit=personas.seksi, tahun=2026, jenis=J.TRIWULAN, nomor=1)

    assert (d.predikat_organisasi, d.hasil, d.belum_dinilai) == ("", None, 0)


def test_distribusi_unit_counts_one_current_skp_per_pegawai(personas: Personas, skp_pegawai: Skp) -> None:
    from kinerja.skp import services as skp_services

    predikat_seksi(personas, PredikatOrganisasi.ISTIMEWA)
    nilai(periode(skp_pegawai), personas.pejabat_penilai)
    baru = skp_services.skp_revisi(skp=skp_pegawai, actor=personas.pegawai)
    skp_services.skp_ajukan(skp=baru, actor=personas.pegawai)
    baru = skp_services.skp_setujui(skp=baru, actor=personas.pejabat_penilai)
    assert len(services.periode_sinkron(skp=baru)) == 5

    d = selectors.distribusi_unit(unit=personas.seksi, tahun=2026, jenis=J.TRIWULAN, nomor=1)

    assert d.hasil is not None
    assert (d.hasil.total, d.belum_dinilai) == (0, 1)  # the replaced version no longer counts


def test_distribusi_semua_unit_matches_distribusi_unit_for_every_unit(
    personas: Personas, rantai: Rantai, skp_pegawai: Skp, skp_rekan: Skp, skp_fungsional: Skp
) -> None:
    predikat_seksi(personas, PredikatOrganisasi.BAIK)
    nilai(periode(skp_pegawai), personas.pejabat_penilai)
    nilai(periode(skp_fungsional), personas.pejabat_penilai, R.SESUAI_EKSPEKTASI, R.DI_BAWAH_EKSPEKTASI)
    nilai(periode(rantai.pejabat_penilai), personas.atasan, R.DI_ATAS_EKSPEKTASI, R.DI_ATAS_EKSPEKTASI)
    kw: dict[str, Any] = {"tahun": 2026, "jenis": J.TRIWULAN, "nomor": 1}

    semua = selectors.distribusi_semua_unit(instansi_id=personas.seksi.instansi_id, **kw)

    assert semua[personas.seksi.pk].jumlah == {P.BAIK: 1, P.KURANG: 1}
    for unit in UnitKerja.objects.filter(instansi_id=personas.seksi.instansi_id):
        satu = selectors.distribusi_unit(unit=unit, **kw)
        d = semua[unit.pk]
        assert (d.predikat_organisasi, d.jumlah, d.belum_dinilai, d.hasil) == (
            satu.predikat_organisasi,
            satu.jumlah,
            satu.belum_dinilai,
            satu.hasil,
        ), unit.kode


def test_distribusi_semua_unit_query_count_does_not_grow_with_the_units(
    personas: Personas, skp_pegawai: Skp, django_assert_num_queries: NumQueries
) -> None:
    # units, predikat organisasi, the periods of the year of every unit
    with django_assert_num_queries(3):
        selectors.distribusi_semua_unit(
            instansi_id=personas.seksi.instansi_id, tahun=2026, jenis=J.TRIWULAN, nomor=1
        )


# --- bulk_review ---------------------------------------------------------------------------------


def test_bulk_review_lists_every_bawahan_with_their_counts(
    personas: Personas, skp_pegawai: Skp, skp_fungsional: Skp
) -> None:
    p = periode(skp_pegawai)
    isi_periode(p, skp_pegawai, personas, personas.pegawai)
    nilai(p, personas.pejabat_penilai)

    rows = selectors.bulk_review(penilai=personas.p("pejabat_penilai"), tahun=2026, jenis=J.TRIWULAN, nomor=1)

    by_nama = {r.pegawai.nama: r for r in rows}
    assert [r.pegawai.nama for r in rows] == ["Dewi Lestari", "Putu Ayu", "Rudi Hartono"]
    dewi = by_nama["Dewi Lestari"]
    assert dewi.periode is not None and dewi.periode.pk == p.pk
    assert dewi.periode.predikat == P.BAIK
    assert (dewi.jumlah_realisasi, dewi.jumlah_indikator, dewi.jumlah_bukti, dewi.jumlah_umpan_balik) == (
        2,
        2,
        2,
        2,
    )
    putu = by_nama["Putu Ayu"]
    assert putu.periode is not None
    assert (putu.jumlah_realisasi, putu.jumlah_indikator, putu.jumlah_bukti, putu.jumlah_umpan_balik) == (
        0,
        2,
        0,
        0,
    )
    rudi = by_nama["Rudi Hartono"]  # no approved SKP yet
    assert (rudi.periode, rudi.jumlah_indikator) == (None, 0)


def tambah_bawahan(personas: Personas, banyak: int) -> list[User]:
    users = [
        UserFactory(
            pegawai=PegawaiFactory(
                instansi=personas.instansi,
                nama=f"Pegawai Tambahan {i:02d}",
                jabatan=personas.p("pegawai").jabatan,
                unit_kerja=personas.seksi,
            )
        )
        for i in range(banyak)
    ]
    organisasi_services.penilai_rebuild(instansi=personas.instansi)
    for u in users:
        u.pegawai.refresh_from_db()  # type: ignore[union-attr]
    return users


@pytest.mark.parametrize("banyak", [2, 8])
def test_bulk_review_query_count_does_not_grow_with_the_bawahan(
    personas: Personas, rantai: Rantai, django_assert_num_queries: NumQueries, banyak: int
) -> None:
    bawahan = [personas.pegawai, personas.fungsional]
    if banyak == 2:
        Pegawai.objects.filter(pk=personas.rekan.pegawai_id).update(aktif=False)
    else:
        bawahan += [personas.rekan, *tambah_bawahan(personas, banyak - 3)]
    for user in bawahan:
        skp = skp_bawahan(user, personas, rantai)
        isi_periode(periode(skp), skp, personas, user)

    # 1: the periods with their SKP and the four counts as subqueries; 2: the bawahan with their jabatan.
    with django_assert_num_queries(2):
        rows = selectors.bulk_review(
            penilai=personas.p("pejabat_penilai"), tahun=2026, jenis=J.TRIWULAN, nomor=1
        )
        assert [r.pegawai.jabatan.nama for r in rows]

    assert len(rows) == banyak
    assert all(r.periode is not None and r.jumlah_realisasi == 2 for r in rows)


# --- periode_detail ------------------------------------------------------------------------------


@pytest.mark.parametrize("banyak_rhk", [1, 10])
def test_periode_detail_query_count_does_not_grow_with_the_rhk(
    personas: Personas, rantai: Rantai, django_assert_num_queries: NumQueries, banyak_rhk: int
) -> None:
    skp = skp_bawahan(personas.pegawai, personas, rantai, rhk=banyak_rhk, indikator=2)
    p = periode(skp)
    isi_periode(p, skp, personas, personas.pegawai)
    services.umpan_balik_tambah(
        periode=p, actor=personas.pejabat_penilai, isi="Tepat waktu", core_value=CoreValue.AKUNTABEL
    )
    services.pembinaan_tambah(
        periode=p,
        actor=personas.pejabat_penilai,
        data=services.PembinaanData(
            jenis=JenisPembinaan.COACHING, tanggal=dt.date(2026, 3, 2), topik="Target"
        ),
    )
    nilai(p, personas.pejabat_penilai)

    # 1 RHK, 2 their indikator (prefetch), 3 realisasi, 4 bukti, 5 umpan balik with pemberi,
    # 6 rencana aksi, 7 pembinaan with pembina, 8 riwayat with actor and pegawai.
    with django_assert_num_queries(8):
        d = selectors.periode_detail(p)
        shown = [
            (r.rhk.uraian, [(i.indikator, x.realisasi if x else "") for i, x in r.indikator], len(r.bukti))
            for r in d.rhk
        ]
        shown += [(u.pemberi.nama, [], 0) for us in d.umpan_balik_perilaku.values() for u in us]
        shown += [(b.pembina.nama, [], 0) for b in d.pembinaan]
        shown += [(str(h.actor.pegawai), [], 0) for h in d.riwayat]

    assert len(d.rhk) == banyak_rhk
    assert all(len(r.indikator) == 2 and all(x is not None for _i, x in r.indikator) for r in d.rhk)
    assert all(len(r.bukti) == len(r.umpan_balik) == len(r.rencana_aksi) == 1 for r in d.rhk)
    assert list(d.umpan_balik_perilaku) == [CoreValue.AKUNTABEL]
    assert len(d.pembinaan) == 1
    assert [h.aksi for h in d.riwayat] == ["DINILAI"]
    assert (d.saran_akhir, d.periodik) == (None, [])


def test_periode_detail_of_the_akhir_suggests_the_most_frequent_periodic_predikat(
    personas: Personas, skp_pegawai: Skp, django_assert_num_queries: NumQueries
) -> None:
    pp = personas.pejabat_penilai
    nilai_dan_tetapkan(periode(skp_pegawai, J.TRIWULAN, 1), pp, R.DI_ATAS_EKSPEKTASI, R.DI_ATAS_EKSPEKTASI)
    nilai_dan_tetapkan(periode(skp_pegawai, J.TRIWULAN, 2), pp)
    nilai_dan_tetapkan(periode(skp_pegawai, J.TRIWULAN, 3), pp)
    akhir = periode(skp_pegawai, J.AKHIR, 1)

    # The 8 of a periodic period, and 9: the periodic evaluations of the SKP.
    with django_assert_num_queries(9):
        d = selectors.periode_detail(akhir)

    assert [(p.nomor, p.predikat) for p in d.periodik] == [
        (1, P.SANGAT_BAIK),
        (2, P.BAIK),
        (3, P.BAIK),
        (4, ""),
    ]
    assert d.saran_akhir == P.BAIK
