"""Builders for the penilaian tests: a frozen clock, the approved SKP chain of the personas, and
short helpers that go through the real services (so every invariant holds).

The chain: kepala_dinas (draft, JPT, no pejabat penilai) <- atasan (approved by kepala_dinas)
<- pejabat_penilai (approved by atasan) <- pegawai, rekan, fungsional (approved by pejabat_penilai).
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass

import pytest
from django.utils import timezone

from kinerja.accounts.models import User
from kinerja.core.testing.personas import Personas
from kinerja.core.testing.skp import make_approved, make_skp
from kinerja.penilaian import services
from kinerja.penilaian.enums import JenisPeriode, Rating
from kinerja.penilaian.models import PeriodePenilaian
from kinerja.skp.models import Skp

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
TAHUN = 2026
# Inside the filling window of TRIWULAN 1 (ends 31 March, deadline 5 April with the default 5 days).
AWAL_APRIL = dt.datetime(TAHUN, 4, 2, 10, 0, tzinfo=WIB)


class Jam:
    """The clock the code under test sees (style.md: mock only the clock). ``localdate`` and
    ``localtime`` call ``now``, so freezing ``now`` freezes them as well."""

    def __init__(self, sekarang: dt.datetime) -> None:
        self.sekarang = sekarang

    def now(self) -> dt.datetime:
        return self.sekarang.astimezone(dt.UTC)

    def set(self, sekarang: dt.datetime | dt.date) -> None:
        if not isinstance(sekarang, dt.datetime):
            sekarang = dt.datetime.combine(sekarang, dt.time(10, 0), tzinfo=WIB)
        self.sekarang = sekarang

    def maju(self, hari: int) -> None:
        self.sekarang += dt.timedelta(days=hari)

    def hari_ini(self) -> dt.date:
        return self.sekarang.astimezone(WIB).date()


@pytest.fixture(autouse=True)
def jam(monkeypatch: pytest.MonkeyPatch) -> Jam:
    """Every penilaian test runs on 2 April 2026 unless it moves the clock: the tests must not
    depend on the day they run."""
    clock = Jam(AWAL_APRIL)
    monkeypatch.setattr(timezone, "now", clock.now)
    return clock


@dataclass
class Rantai:
    kepala_dinas: Skp
    atasan: Skp
    pejabat_penilai: Skp


@pytest.fixture
def rantai(personas: Personas) -> Rantai:
    kadis = make_skp(personas.kepala_dinas, rhk=1)
    kabid = make_approved(personas.atasan, personas.kepala_dinas, rhk=1, rhk_atasan=list(kadis.rhk.all()))
    kasi = make_approved(personas.pejabat_penilai, personas.atasan, rhk=1, rhk_atasan=list(kabid.rhk.all()))
    services.periode_sinkron(skp=kabid)
    services.periode_sinkron(skp=kasi)
    return Rantai(kepala_dinas=kadis, atasan=kabid, pejabat_penilai=kasi)


def skp_bawahan(user: User, personas: Personas, rantai: Rantai, *, rhk: int = 2, indikator: int = 1) -> Skp:
    """An approved SKP of a bawahan of the pejabat penilai, with its periods."""
    skp = make_approved(
        user,
        personas.pejabat_penilai,
        rhk=rhk,
        indikator=indikator,
        rhk_atasan=list(rantai.pejabat_penilai.rhk.all()),
    )
    services.periode_sinkron(skp=skp)
    return skp


@pytest.fixture
def skp_fungsional(personas: Personas, rantai: Rantai) -> Skp:
    return skp_bawahan(personas.fungsional, personas, rantai)


@pytest.fixture
def skp_pegawai(personas: Personas, rantai: Rantai) -> Skp:
    return skp_bawahan(personas.pegawai, personas, rantai)


@pytest.fixture
def skp_rekan(personas: Personas, rantai: Rantai) -> Skp:
    return skp_bawahan(personas.rekan, personas, rantai)


def periode(skp: Skp, jenis: str = JenisPeriode.TRIWULAN, nomor: int = 1) -> PeriodePenilaian:
    return PeriodePenilaian.objects.select_related("skp").get(skp=skp, jenis=jenis, nomor=nomor)


def segarkan(p: PeriodePenilaian) -> PeriodePenilaian:
    return PeriodePenilaian.objects.select_related("skp").get(pk=p.pk)


def nilai(
    p: PeriodePenilaian,
    actor: User,
    hasil: str = Rating.SESUAI_EKSPEKTASI,
    perilaku: str = Rating.SESUAI_EKSPEKTASI,
) -> PeriodePenilaian:
    return services.penilaian_simpan(
        periode=p, actor=actor, rating_hasil_kerja=hasil, rating_perilaku_kerja=perilaku
    )


def nilai_dan_tetapkan(
    p: PeriodePenilaian,
    actor: User,
    hasil: str = Rating.SESUAI_EKSPEKTASI,
    perilaku: str = Rating.SESUAI_EKSPEKTASI,
    alasan: str = "",
) -> PeriodePenilaian:
    nilai(p, actor, hasil, perilaku)
    return services.periode_tetapkan(periode=p, actor=actor, alasan_distribusi=alasan)
