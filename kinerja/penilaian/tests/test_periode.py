"""Evaluation periods: creation from the instansi's frequency, the filling deadline and unlocking."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kinerja.core.testing.personas import Personas
from kinerja.core.testing.skp import make_approved, make_skp
from kinerja.penilaian import services
from kinerja.penilaian.enums import JenisPeriode
from kinerja.penilaian.models import BukaKunci, PeriodePenilaian, RiwayatPeriode
from kinerja.penilaian.tests.conftest import Jam, Rantai, nilai_dan_tetapkan, periode
from kinerja.skp.models import Skp

pytestmark = pytest.mark.django_db

J = JenisPeriode


def atur(personas: Personas, **kw: object) -> None:
    data = {
        "frekuensi": J.TRIWULAN,
        "batas_hari": 5,
        "jendela_keberatan_hari": 14,
        "distribusi_memblokir": False,
    }
    data.update(kw)
    services.pengaturan_update(
        instansi_id=personas.instansi.pk,
        actor=personas.admin,
        data=services.PengaturanData(**data),  # type: ignore[arg-type]
    )


def approved_skp_pegawai(personas: Personas, rantai: Rantai, **kw: object) -> Skp:
    return make_approved(
        personas.pegawai,
        personas.pejabat_penilai,
        rhk=1,
        rhk_atasan=list(rantai.pejabat_penilai.rhk.all()),
        **kw,
    )


# --- periode_sinkron -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("frekuensi", "banyak"),
    [(J.BULANAN, 12), (J.TRIWULAN, 4), (J.SEMESTER, 2)],
)
def test_it_creates_the_periods_of_the_instansi_frequency_plus_akhir(
    personas: Personas, rantai: Rantai, frekuensi: str, banyak: int
) -> None:
    atur(personas, frekuensi=frekuensi)
    skp = approved_skp_pegawai(personas, rantai)

    periods = services.periode_sinkron(skp=skp)

    assert [(p.jenis, p.nomor) for p in periods] == [
        *((frekuensi, n) for n in range(1, banyak + 1)),
        (J.AKHIR, 1),
    ]
    assert periods[0].tanggal_awal == dt.date(2026, 1, 1)
    assert periods[banyak - 1].tanggal_akhir == dt.date(2026, 12, 31)
    assert (periods[-1].tanggal_awal, periods[-1].tanggal_akhir) == (
        dt.date(2026, 1, 1),
        dt.date(2026, 12, 31),
    )
    assert all(p.status == PeriodePenilaian.Status.BELUM_DINILAI for p in periods)


def test_it_uses_triwulan_when_the_instansi_never_chose(personas: Personas, rantai: Rantai) -> None:
    skp = approved_skp_pegawai(personas, rantai)

    periods = services.periode_sinkron(skp=skp)

    assert [p.jenis for p in periods] == [J.TRIWULAN] * 4 + [J.AKHIR]


def test_it_clips_the_periods_to_the_skp_dates(personas: Personas, rantai: Rantai) -> None:
    skp = approved_skp_pegawai(personas, rantai, awal=dt.date(2026, 5, 15), akhir=dt.date(2026, 12, 31))

    periods = services.periode_sinkron(skp=skp)

    assert [(p.jenis, p.nomor, p.tanggal_awal) for p in periods] == [
        (J.TRIWULAN, 2, dt.date(2026, 5, 15)),
        (J.TRIWULAN, 3, dt.date(2026, 7, 1)),
        (J.TRIWULAN, 4, dt.date(2026, 10, 1)),
        (J.AKHIR, 1, dt.date(2026, 5, 15)),
    ]


def test_it_sets_the_deadline_from_the_instansi_batas_hari(personas: Personas, rantai: Rantai) -> None:
    atur(personas, batas_hari=10)
    skp = approved_skp_pegawai(personas, rantai)

    services.periode_sinkron(skp=skp)

    assert periode(skp, J.TRIWULAN, 1).batas_pengisian == dt.date(2026, 4, 10)


def test_it_is_idempotent(personas: Personas, rantai: Rantai) -> None:
    skp = approved_skp_pegawai(personas, rantai)
    first = services.periode_sinkron(skp=skp)
    atur(personas, frekuensi=J.BULANAN)  # a later change of setting does not rebuild existing periods

    again = services.periode_sinkron(skp=skp)

    assert [p.pk for p in again] == [p.pk for p in first]
    assert PeriodePenilaian.objects.filter(skp=skp).count() == 5


def test_it_creates_no_period_for_an_skp_not_approved(personas: Personas, rantai: Rantai) -> None:
    draft = make_skp(personas.pegawai, rhk=1, rhk_atasan=list(rantai.pejabat_penilai.rhk.all()))

    assert services.periode_sinkron(skp=draft) == []
    assert not PeriodePenilaian.objects.filter(skp=draft).exists()


# --- the deadline and buka kunci -----------------------------------------------------------------


def test_a_period_is_open_until_its_deadline_and_locked_after(skp_pegawai: Skp) -> None:
    p = periode(skp_pegawai)  # TRIWULAN 1, deadline 5 April

    assert not services.terkunci_untuk_pegawai(p, hari_ini=dt.date(2026, 4, 5))
    assert services.terkunci_untuk_pegawai(p, hari_ini=dt.date(2026, 4, 6))


def test_a_finalised_period_is_locked_even_before_the_deadline(personas: Personas, skp_pegawai: Skp) -> None:
    p = nilai_dan_tetapkan(periode(skp_pegawai), personas.pejabat_penilai)

    assert services.terkunci_untuk_pegawai(p, hari_ini=dt.date(2026, 4, 2))


def test_buka_kunci_for_a_pegawai_reopens_their_period_until_the_date(
    personas: Personas, skp_pegawai: Skp, skp_rekan: Skp, jam: Jam
) -> None:
    jam.set(dt.date(2026, 4, 20))

    services.buka_kunci(
        actor=personas.admin,
        tahun=2026,
        jenis=J.TRIWULAN,
        nomor=1,
        sampai=dt.date(2026, 4, 30),
        alasan="Sakit selama masa pengisian",
        pegawai=personas.p("pegawai"),
    )

    p = periode(skp_pegawai)
    assert not services.terkunci_untuk_pegawai(p)
    assert not services.terkunci_untuk_pegawai(p, hari_ini=dt.date(2026, 4, 30))
    assert services.terkunci_untuk_pegawai(p, hari_ini=dt.date(2026, 5, 1))
    assert services.terkunci_untuk_pegawai(periode(skp_rekan))
    assert services.terkunci_untuk_pegawai(periode(skp_pegawai, J.TRIWULAN, 2), hari_ini=dt.date(2026, 7, 20))


def test_buka_kunci_for_a_unit_above_reopens_the_periods_of_the_units_below(
    personas: Personas, skp_pegawai: Skp, skp_rekan: Skp, jam: Jam
) -> None:
    jam.set(dt.date(2026, 4, 20))

    services.buka_kunci(
        actor=personas.admin,
        tahun=2026,
        jenis=J.TRIWULAN,
        nomor=1,
        sampai=dt.date(2026, 4, 30),
        alasan="Gangguan aplikasi",
        unit_kerja=personas.bidang,
    )

    assert not services.terkunci_untuk_pegawai(periode(skp_pegawai))
    assert not services.terkunci_untuk_pegawai(periode(skp_rekan))


def test_buka_kunci_of_another_year_does_not_reopen_the_period(
    personas: Personas, skp_pegawai: Skp, jam: Jam
) -> None:
    jam.set(dt.date(2026, 4, 20))

    services.buka_kunci(
        actor=personas.admin,
        tahun=2025,
        jenis=J.TRIWULAN,
        nomor=1,
        sampai=dt.date(2026, 4, 30),
        alasan="Salah tahun",
        pegawai=personas.p("pegawai"),
    )

    assert services.terkunci_untuk_pegawai(periode(skp_pegawai))


def test_buka_kunci_writes_a_history_row_on_every_period_it_reopens(
    personas: Personas, skp_pegawai: Skp, skp_rekan: Skp, rantai: Rantai, jam: Jam
) -> None:
    jam.set(dt.date(2026, 4, 20))

    bk = services.buka_kunci(
        actor=personas.admin,
        tahun=2026,
        jenis=J.TRIWULAN,
        nomor=1,
        sampai=dt.date(2026, 4, 30),
        alasan="Gangguan aplikasi",
        unit_kerja=personas.seksi,
    )

    assert (bk.instansi_id, bk.actor_id, bk.alasan) == (
        personas.instansi.pk,
        personas.admin.pk,
        "Gangguan aplikasi",
    )
    rows = RiwayatPeriode.objects.filter(aksi="BUKA_KUNCI")
    assert {r.periode_id for r in rows} == {
        periode(skp_pegawai).pk,
        periode(skp_rekan).pk,
        periode(rantai.pejabat_penilai).pk,
    }
    assert all(r.actor_id == personas.admin.pk and "Gangguan aplikasi" in r.catatan for r in rows)
    assert all(r.dari == r.ke == PeriodePenilaian.Status.BELUM_DINILAI for r in rows)


@pytest.mark.parametrize("who", ["pegawai", "pejabat_penilai", "atasan", "orang_lain"])
def test_buka_kunci_is_refused_to_anyone_but_the_admin(
    personas: Personas, skp_pegawai: Skp, who: str
) -> None:
    with pytest.raises(PermissionDenied):
        services.buka_kunci(
            actor=getattr(personas, who),
            tahun=2026,
            jenis=J.TRIWULAN,
            nomor=1,
            sampai=dt.date(2026, 4, 30),
            alasan="Minta dibuka",
            pegawai=personas.p("pegawai"),
        )
    assert not BukaKunci.objects.exists()
    assert not RiwayatPeriode.objects.filter(aksi="BUKA_KUNCI").exists()


@pytest.mark.parametrize(
    ("kw", "field"),
    [
        ({"sampai": dt.date(2026, 4, 1)}, "sampai"),
        ({"alasan": "   "}, "alasan"),
        ({"jenis": "MINGGUAN"}, "jenis"),
    ],
)
def test_buka_kunci_refuses_bad_input(personas: Personas, kw: dict[str, object], field: str) -> None:
    args: dict[str, object] = {
        "tahun": 2026,
        "jenis": J.TRIWULAN,
        "nomor": 1,
        "sampai": dt.date(2026, 4, 30),
        "alasan": "Alasan",
        "pegawai": personas.p("pegawai"),
        **kw,
    }
    with pytest.raises(ValidationError) as exc:
        services.buka_kunci(actor=personas.admin, **args)  # type: ignore[arg-type]
    assert field in exc.value.message_dict


def test_buka_kunci_needs_exactly_one_target(personas: Personas) -> None:
    common = {"tahun": 2026, "jenis": J.TRIWULAN, "nomor": 1, "sampai": dt.date(2026, 4, 30), "alasan": "x"}
    with pytest.raises(ValidationError):
        services.buka_kunci(actor=personas.admin, **common)  # type: ignore[arg-type]
    with pytest.raises(ValidationError):
        services.buka_kunci(
            actor=personas.admin,
            pegawai=personas.p("pegawai"),
            unit_kerja=personas.seksi,
            **common,  # type: ignore[arg-type]
        )
