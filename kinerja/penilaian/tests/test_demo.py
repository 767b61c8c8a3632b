"""The demo year under way: periods, predikat organisasi, realisasi, ratings and angka kredit."""

import datetime as dt
from decimal import Decimal

import pytest

from kinerja.organisasi.demo import seed_demo
from kinerja.penilaian.demo import STAF, seed_penilaian_demo
from kinerja.penilaian.models import (
    BukaKunci,
    KonversiAngkaKredit,
    PeriodePenilaian,
    PredikatOrganisasiUnit,
    Realisasi,
    UmpanBalik,
)
from kinerja.skp.demo import seed_skp_demo

pytestmark = pytest.mark.django_db


def test_it_runs_the_first_three_quarters_once(jam):
    jam.set(dt.datetime(2026, 11, 23, 9, 0))
    seed_demo()
    seed_skp_demo(2026)
    assert seed_penilaian_demo() == 3
    assert seed_penilaian_demo() == 0

    tw = {p.nomor: p for p in PeriodePenilaian.objects.filter(skp__pegawai__nama=STAF, jenis="TRIWULAN")}
    assert [tw[n].status for n in (1, 2, 3, 4)] == ["DITETAPKAN", "DITETAPKAN", "DINILAI", "BELUM_DINILAI"]
    assert tw[3].predikat == "SANGAT_BAIK"
    assert Realisasi.objects.filter(periode=tw[1]).exists()
    assert UmpanBalik.objects.filter(periode=tw[2], core_value="KOLABORATIF").exists()
    assert PredikatOrganisasiUnit.objects.filter(nomor=1, predikat="BAIK").count() == 1
    # The reopening of past quarters is the admin's, with its reason on record.
    assert BukaKunci.objects.filter(alasan__startswith="Data contoh").count() == 3
    # Ahli Muda, one quarter Baik: 3/12 x 100% x 25 = 6.25, twice.
    assert list(KonversiAngkaKredit.objects.values_list("angka_kredit", flat=True)) == [Decimal("6.25")] * 2
