"""The capaian kinerja organisasi of a unit, set by the pimpinan of the unit above (domain.md §4.3)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kinerja.accounts.models import Role, User
from kinerja.core.testing.factories import PegawaiFactory, UserFactory
from kinerja.core.testing.personas import Personas
from kinerja.organisasi.models import UnitKerja
from kinerja.penilaian import services
from kinerja.penilaian.enums import JenisPeriode, PredikatOrganisasi
from kinerja.penilaian.models import PredikatOrganisasiUnit

pytestmark = pytest.mark.django_db

J = JenisPeriode
O = PredikatOrganisasi  # noqa: E741


def tetapkan(
    unit: UnitKerja,
    actor: User,
    predikat: str = O.BAIK,
    *,
    tahun: int = 2026,
    jenis: str = J.TRIWULAN,
    nomor: int = 1,
) -> PredikatOrganisasiUnit:
    return services.predikat_organisasi_set(
        unit=unit, actor=actor, tahun=tahun, jenis=jenis, nomor=nomor, predikat=predikat
    )


def test_the_pimpinan_of_the_unit_above_sets_it(personas: Personas) -> None:
    obj = tetapkan(personas.seksi, personas.atasan, O.ISTIMEWA)

    assert (obj.unit_kerja_id, obj.tahun, obj.jenis, obj.nomor, obj.predikat, obj.ditetapkan_oleh_id) == (
        personas.seksi.pk,
        2026,
        J.TRIWULAN,
        1,
        O.ISTIMEWA,
        personas.atasan.pk,
    )


def test_the_kepala_dinas_sets_it_for_the_bidang(personas: Personas) -> None:
    assert tetapkan(personas.bidang, personas.kepala_dinas).predikat == O.BAIK


def test_the_admin_instansi_may_record_it(personas: Personas) -> None:
    assert tetapkan(personas.seksi, personas.admin).ditetapkan_oleh_id == personas.admin.pk
    assert tetapkan(personas.dinas, personas.admin).unit_kerja_id == personas.dinas.pk


@pytest.mark.parametrize(
    ("who", "unit"),
    [
        ("pejabat_penilai", "seksi"),  # the unit's own pimpinan
        ("atasan", "bidang"),  # the unit's own pimpinan
        ("kepala_dinas", "dinas"),  # the top unit has no unit above: only the admin records it
        ("pegawai", "seksi"),  # a pelaksana
        ("fungsional", "seksi"),
        ("orang_lain", "seksi"),  # another instansi
    ],
)
def test_it_is_refused_to_anyone_else(personas: Personas, who: str, unit: str) -> None:
    with pytest.raises(PermissionDenied):
        tetapkan(getattr(personas, unit), getattr(personas, who))
    assert not PredikatOrganisasiUnit.objects.exists()


def test_it_is_refused_to_the_admin_of_another_instansi(personas: Personas) -> None:
    admin_lain = UserFactory(
        pegawai=PegawaiFactory(instansi=personas.orang_lain.pegawai.instansi),  # type: ignore[union-attr]
        role=Role.ADMIN_INSTANSI,
    )

    with pytest.raises(PermissionDenied):
        tetapkan(personas.seksi, admin_lain)


@pytest.mark.parametrize(
    ("kw", "field"),
    [
        ({"predikat": "LUAR_BIASA"}, "predikat"),
        ({"predikat": ""}, "predikat"),
        ({"jenis": "MINGGUAN"}, "periode_jenis"),
        ({"nomor": 0}, "periode_nomor"),
        ({"nomor": 5}, "periode_nomor"),
        ({"jenis": J.SEMESTER, "nomor": 3}, "periode_nomor"),
        ({"jenis": J.BULANAN, "nomor": 13}, "periode_nomor"),
        ({"jenis": J.AKHIR, "nomor": 2}, "periode_nomor"),
        ({"tahun": 1999}, "tahun"),
        ({"tahun": 2101}, "tahun"),
    ],
)
def test_bad_input_is_refused(personas: Personas, kw: dict[str, object], field: str) -> None:
    args: dict[str, object] = {"predikat": O.BAIK, "tahun": 2026, "jenis": J.TRIWULAN, "nomor": 1, **kw}

    with pytest.raises(ValidationError) as exc:
        tetapkan(personas.seksi, personas.atasan, **args)  # type: ignore[arg-type]

    assert field in exc.value.message_dict
    assert not PredikatOrganisasiUnit.objects.exists()


@pytest.mark.parametrize(("jenis", "nomor"), [(J.BULANAN, 12), (J.SEMESTER, 2), (J.AKHIR, 1)])
def test_every_valid_period_is_accepted(personas: Personas, jenis: str, nomor: int) -> None:
    assert tetapkan(personas.seksi, personas.atasan, jenis=jenis, nomor=nomor).nomor == nomor


def test_setting_it_again_updates_the_one_row(personas: Personas) -> None:
    tetapkan(personas.seksi, personas.atasan, O.BAIK)

    tetapkan(personas.seksi, personas.admin, O.KURANG)

    [row] = PredikatOrganisasiUnit.objects.all()
    assert (row.predikat, row.ditetapkan_oleh_id) == (O.KURANG, personas.admin.pk)


def test_each_period_and_unit_has_its_own_row(personas: Personas) -> None:
    tetapkan(personas.seksi, personas.atasan, O.BAIK, nomor=1)
    tetapkan(personas.seksi, personas.atasan, O.ISTIMEWA, nomor=2)
    tetapkan(personas.bidang, personas.kepala_dinas, O.KURANG, nomor=1)

    assert PredikatOrganisasiUnit.objects.count() == 3
