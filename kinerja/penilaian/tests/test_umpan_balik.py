"""Umpan balik berkelanjutan and pembinaan: given by the pejabat penilai only (domain.md §3.12, §3.14)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kinerja.core.testing.personas import Personas
from kinerja.core.workflow import InvalidTransition
from kinerja.penilaian import services
from kinerja.penilaian.enums import JenisPembinaan
from kinerja.penilaian.models import Pembinaan, UmpanBalik
from kinerja.penilaian.tests.conftest import nilai, nilai_dan_tetapkan, periode
from kinerja.skp.enums import CoreValue
from kinerja.skp.models import Skp

pytestmark = pytest.mark.django_db


def rhk_id(skp: Skp) -> int:
    return skp.rhk.order_by("pk").values_list("pk", flat=True)[0]


def test_the_pejabat_penilai_gives_feedback_on_an_rhk(personas: Personas, skp_pegawai: Skp) -> None:
    p = periode(skp_pegawai)

    u = services.umpan_balik_tambah(
        periode=p, actor=personas.pejabat_penilai, isi="👍", rhk_id=rhk_id(skp_pegawai)
    )

    assert (u.periode_id, u.rhk_id, u.core_value, u.isi) == (p.pk, rhk_id(skp_pegawai), "", "👍")
    assert u.pemberi_id == personas.pejabat_penilai.pegawai_id


def test_the_pejabat_penilai_gives_feedback_on_a_core_value(personas: Personas, skp_pegawai: Skp) -> None:
    u = services.umpan_balik_tambah(
        periode=periode(skp_pegawai),
        actor=personas.pejabat_penilai,
        isi="Pelayanan sudah ramah dan cepat.",
        core_value=CoreValue.BERORIENTASI_PELAYANAN,
    )

    assert (u.rhk_id, u.core_value) == (None, CoreValue.BERORIENTASI_PELAYANAN)


def test_feedback_is_continuous_several_entries_are_kept(personas: Personas, skp_pegawai: Skp) -> None:
    p = periode(skp_pegawai)
    for isi in ("Awal yang baik.", "Lanjutkan.", "👍"):
        services.umpan_balik_tambah(
            periode=p, actor=personas.pejabat_penilai, isi=isi, rhk_id=rhk_id(skp_pegawai)
        )

    assert list(UmpanBalik.objects.filter(periode=p).values_list("isi", flat=True)) == [
        "Awal yang baik.",
        "Lanjutkan.",
        "👍",
    ]


@pytest.mark.parametrize("who", ["pegawai", "rekan", "atasan", "admin", "orang_lain"])
def test_feedback_is_refused_to_anyone_but_the_pejabat_penilai(
    personas: Personas, skp_pegawai: Skp, who: str
) -> None:
    with pytest.raises(PermissionDenied):
        services.umpan_balik_tambah(
            periode=periode(skp_pegawai),
            actor=getattr(personas, who),
            isi="Bagus",
            rhk_id=rhk_id(skp_pegawai),
        )
    assert not UmpanBalik.objects.exists()


def test_feedback_needs_an_rhk_or_a_core_value_not_both(personas: Personas, skp_pegawai: Skp) -> None:
    p = periode(skp_pegawai)
    with pytest.raises(ValidationError):
        services.umpan_balik_tambah(
            periode=p,
            actor=personas.pejabat_penilai,
            isi="Bagus",
            rhk_id=rhk_id(skp_pegawai),
            core_value=CoreValue.AKUNTABEL,
        )
    with pytest.raises(ValidationError):
        services.umpan_balik_tambah(periode=p, actor=personas.pejabat_penilai, isi="Bagus")
    assert not UmpanBalik.objects.exists()


def test_feedback_on_an_rhk_of_another_skp_is_refused(
    personas: Personas, skp_pegawai: Skp, skp_rekan: Skp
) -> None:
    with pytest.raises(ValidationError) as exc:
        services.umpan_balik_tambah(
            periode=periode(skp_pegawai),
            actor=personas.pejabat_penilai,
            isi="Bagus",
            rhk_id=rhk_id(skp_rekan),
        )
    assert "rhk_id" in exc.value.message_dict


def test_feedback_on_an_unknown_core_value_is_refused(personas: Personas, skp_pegawai: Skp) -> None:
    with pytest.raises(ValidationError) as exc:
        services.umpan_balik_tambah(
            periode=periode(skp_pegawai), actor=personas.pejabat_penilai, isi="Bagus", core_value="JUJUR"
        )
    assert "core_value" in exc.value.message_dict


def test_feedback_must_not_be_blank(personas: Personas, skp_pegawai: Skp) -> None:
    with pytest.raises(ValidationError) as exc:
        services.umpan_balik_tambah(
            periode=periode(skp_pegawai), actor=personas.pejabat_penilai, isi="  ", rhk_id=rhk_id(skp_pegawai)
        )
    assert "isi" in exc.value.message_dict


def test_feedback_is_still_possible_after_rating_until_tetapkan(personas: Personas, skp_pegawai: Skp) -> None:
    p = nilai(periode(skp_pegawai), personas.pejabat_penilai)

    services.umpan_balik_tambah(
        periode=p, actor=personas.pejabat_penilai, isi="Catatan", rhk_id=rhk_id(skp_pegawai)
    )

    assert UmpanBalik.objects.count() == 1


def test_feedback_is_refused_after_tetapkan(personas: Personas, skp_pegawai: Skp) -> None:
    p = nilai_dan_tetapkan(periode(skp_pegawai), personas.pejabat_penilai)

    with pytest.raises(InvalidTransition):
        services.umpan_balik_tambah(
            periode=p, actor=personas.pejabat_penilai, isi="Terlambat", rhk_id=rhk_id(skp_pegawai)
        )
    assert not UmpanBalik.objects.exists()


# --- pembinaan -----------------------------------------------------------------------------------


def test_the_pejabat_penilai_records_a_pembinaan(personas: Personas, skp_pegawai: Skp) -> None:
    p = periode(skp_pegawai)

    b = services.pembinaan_tambah(
        periode=p,
        actor=personas.pejabat_penilai,
        data=services.PembinaanData(
            jenis=JenisPembinaan.COACHING,
            tanggal=dt.date(2026, 3, 10),
            topik="Ketepatan waktu laporan",
            catatan="Laporan bulanan sering terlambat.",
            tindak_lanjut="Jadwal pengingat mingguan.",
        ),
    )

    assert (b.periode_id, b.jenis, b.pembina_id, b.topik) == (
        p.pk,
        JenisPembinaan.COACHING,
        personas.pejabat_penilai.pegawai_id,
        "Ketepatan waktu laporan",
    )


@pytest.mark.parametrize("who", ["pegawai", "rekan", "atasan", "admin"])
def test_a_pembinaan_is_refused_to_anyone_but_the_pejabat_penilai(
    personas: Personas, skp_pegawai: Skp, who: str
) -> None:
    with pytest.raises(PermissionDenied):
        services.pembinaan_tambah(
            periode=periode(skp_pegawai),
            actor=getattr(personas, who),
            data=services.PembinaanData(
                jenis=JenisPembinaan.MENTORING, tanggal=dt.date(2026, 3, 1), topik="x"
            ),
        )
    assert not Pembinaan.objects.exists()


@pytest.mark.parametrize(
    ("jenis", "topik", "field"), [("HUKUMAN", "Topik", "jenis"), ("KONSELING", " ", "topik")]
)
def test_a_pembinaan_with_bad_input_is_refused(
    personas: Personas, skp_pegawai: Skp, jenis: str, topik: str, field: str
) -> None:
    with pytest.raises(ValidationError) as exc:
        services.pembinaan_tambah(
            periode=periode(skp_pegawai),
            actor=personas.pejabat_penilai,
            data=services.PembinaanData(jenis=jenis, tanggal=dt.date(2026, 3, 1), topik=topik),
        )
    assert field in exc.value.message_dict
