"""Keberatan: the pegawai objects once, within the window; the atasan pejabat penilai decides, finally
(domain.md §3.16, §4.8)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kinerja.core.testing.personas import Personas
from kinerja.core.workflow import InvalidTransition
from kinerja.penilaian import services
from kinerja.penilaian.enums import PredikatPegawai
from kinerja.penilaian.models import Keberatan, KonversiAngkaKredit, PeriodePenilaian, RiwayatPeriode
from kinerja.penilaian.tests.conftest import Jam, nilai, nilai_dan_tetapkan, periode, segarkan
from kinerja.skp.models import Skp

pytestmark = pytest.mark.django_db

S = PeriodePenilaian.Status
P = PredikatPegawai


@pytest.fixture
def ditetapkan(personas: Personas, skp_pegawai: Skp) -> PeriodePenilaian:
    return nilai_dan_tetapkan(periode(skp_pegawai), personas.pejabat_penilai)


def ajukan(p: PeriodePenilaian, personas: Personas, who: str = "pegawai") -> Keberatan:
    return services.keberatan_ajukan(
        periode=p, actor=getattr(personas, who), alasan="Realisasi saya melebihi target."
    )


def test_the_owner_objects_to_a_finalised_evaluation(
    personas: Personas, ditetapkan: PeriodePenilaian
) -> None:
    k = ajukan(ditetapkan, personas)

    assert (k.periode_id, k.predikat_semula, k.alasan) == (
        ditetapkan.pk,
        P.BAIK,
        "Realisasi saya melebihi target.",
    )
    assert segarkan(ditetapkan).status == S.KEBERATAN
    r = RiwayatPeriode.objects.get(periode=ditetapkan, aksi="KEBERATAN_DIAJUKAN")
    assert (r.dari, r.ke, r.actor_id) == (S.DITETAPKAN, S.KEBERATAN, personas.pegawai.pk)


@pytest.mark.parametrize("who", ["pejabat_penilai", "atasan", "rekan"])
def test_only_the_owner_may_object(personas: Personas, ditetapkan: PeriodePenilaian, who: str) -> None:
    with pytest.raises(PermissionDenied):
        ajukan(ditetapkan, personas, who)
    assert segarkan(ditetapkan).status == S.DITETAPKAN


def test_an_objection_before_tetapkan_is_refused(personas: Personas, skp_pegawai: Skp) -> None:
    p = periode(skp_pegawai)
    with pytest.raises(InvalidTransition):
        ajukan(p, personas)
    nilai(p, personas.pejabat_penilai)
    with pytest.raises(InvalidTransition):
        ajukan(p, personas)
    assert not Keberatan.objects.exists()


def test_an_objection_on_the_last_day_of_the_window_is_accepted(
    personas: Personas, ditetapkan: PeriodePenilaian, jam: Jam
) -> None:
    jam.maju(14)

    ajukan(ditetapkan, personas)

    assert segarkan(ditetapkan).status == S.KEBERATAN


def test_an_objection_after_14_days_is_refused(
    personas: Personas, ditetapkan: PeriodePenilaian, jam: Jam
) -> None:
    jam.maju(15)

    with pytest.raises(InvalidTransition) as exc:
        ajukan(ditetapkan, personas)
    assert "Batas waktu keberatan sudah lewat (16-04-2026)" in str(exc.value)
    assert segarkan(ditetapkan).status == S.DITETAPKAN


def test_the_window_follows_the_instansi_setting(
    personas: Personas, ditetapkan: PeriodePenilaian, jam: Jam
) -> None:
    services.pengaturan_update(
        instansi_id=personas.instansi.pk,
        actor=personas.admin,
        data=services.PengaturanData(
            frekuensi="TRIWULAN", batas_hari=5, jendela_keberatan_hari=7, distribusi_memblokir=False
        ),
    )
    jam.maju(8)

    with pytest.raises(InvalidTransition):
        ajukan(ditetapkan, personas)


def test_an_objection_is_possible_only_once(personas: Personas, ditetapkan: PeriodePenilaian) -> None:
    ajukan(ditetapkan, personas)
    with pytest.raises(InvalidTransition):
        ajukan(ditetapkan, personas)

    services.keberatan_putuskan(periode=ditetapkan, actor=personas.atasan, catatan="Tetap.")
    with pytest.raises(InvalidTransition):
        ajukan(ditetapkan, personas)
    assert Keberatan.objects.count() == 1


def test_an_objection_needs_a_reason(personas: Personas, ditetapkan: PeriodePenilaian) -> None:
    with pytest.raises(ValidationError):
        services.keberatan_ajukan(periode=ditetapkan, actor=personas.pegawai, alasan="  ")


# --- penjelasan ----------------------------------------------------------------------------------


def test_the_pejabat_penilai_explains(personas: Personas, ditetapkan: PeriodePenilaian) -> None:
    ajukan(ditetapkan, personas)

    k = services.keberatan_jelaskan(
        periode=ditetapkan, actor=personas.pejabat_penilai, penjelasan="Bukti kurang."
    )

    assert (k.penjelasan, k.penjelasan_pada is not None) == ("Bukti kurang.", True)
    assert RiwayatPeriode.objects.filter(periode=ditetapkan, aksi="KEBERATAN_DIJELASKAN").count() == 1


@pytest.mark.parametrize("who", ["pegawai", "atasan"])
def test_only_the_pejabat_penilai_explains(
    personas: Personas, ditetapkan: PeriodePenilaian, who: str
) -> None:
    ajukan(ditetapkan, personas)

    with pytest.raises(PermissionDenied):
        services.keberatan_jelaskan(periode=ditetapkan, actor=getattr(personas, who), penjelasan="x")


def test_no_explanation_without_an_objection(personas: Personas, ditetapkan: PeriodePenilaian) -> None:
    with pytest.raises(InvalidTransition):
        services.keberatan_jelaskan(periode=ditetapkan, actor=personas.pejabat_penilai, penjelasan="x")


# --- keputusan -----------------------------------------------------------------------------------


def test_the_atasan_pejabat_penilai_decides_a_new_predikat_which_is_final(
    personas: Personas, ditetapkan: PeriodePenilaian
) -> None:
    ajukan(ditetapkan, personas)
    services.keberatan_jelaskan(
        periode=ditetapkan, actor=personas.pejabat_penilai, penjelasan="Bukti kurang."
    )

    k = services.keberatan_putuskan(
        periode=ditetapkan, actor=personas.atasan, catatan="Bukti dukung cukup.", predikat=P.SANGAT_BAIK
    )

    assert (k.predikat_semula, k.predikat_keputusan, k.diputuskan_oleh_id) == (
        P.BAIK,
        P.SANGAT_BAIK,
        personas.atasan.pegawai_id,
    )
    stored = segarkan(ditetapkan)
    assert (stored.status, stored.predikat) == (S.FINAL, P.SANGAT_BAIK)
    r = RiwayatPeriode.objects.get(periode=ditetapkan, aksi="KEBERATAN_DIPUTUSKAN")
    assert (r.dari, r.ke, r.actor_id) == (S.KEBERATAN, S.FINAL, personas.atasan.pk)
    assert r.catatan == "Predikat Baik -> Sangat Baik. Bukti dukung cukup."
    with pytest.raises(InvalidTransition):
        nilai(stored, personas.pejabat_penilai)
    with pytest.raises(InvalidTransition):
        services.keberatan_putuskan(
            periode=stored, actor=personas.atasan, catatan="Ubah lagi", predikat=P.BAIK
        )
    assert segarkan(ditetapkan).predikat == P.SANGAT_BAIK


def test_the_atasan_may_keep_the_predikat(personas: Personas, ditetapkan: PeriodePenilaian) -> None:
    ajukan(ditetapkan, personas)

    k = services.keberatan_putuskan(
        periode=ditetapkan, actor=personas.atasan, catatan="Penilaian sudah tepat."
    )

    assert k.predikat_keputusan == P.BAIK
    assert (segarkan(ditetapkan).status, segarkan(ditetapkan).predikat) == (S.FINAL, P.BAIK)


@pytest.mark.parametrize("who", ["pejabat_penilai", "pegawai", "kepala_dinas", "admin"])
def test_only_the_atasan_pejabat_penilai_decides(
    personas: Personas, ditetapkan: PeriodePenilaian, who: str
) -> None:
    ajukan(ditetapkan, personas)

    with pytest.raises(PermissionDenied):
        services.keberatan_putuskan(
            periode=ditetapkan, actor=getattr(personas, who), catatan="x", predikat=P.SANGAT_BAIK
        )
    assert segarkan(ditetapkan).status == S.KEBERATAN


def test_a_decision_with_an_unknown_predikat_is_refused(
    personas: Personas, ditetapkan: PeriodePenilaian
) -> None:
    ajukan(ditetapkan, personas)

    with pytest.raises(ValidationError):
        services.keberatan_putuskan(
            periode=ditetapkan, actor=personas.atasan, catatan="x", predikat="ISTIMEWA"
        )
    assert segarkan(ditetapkan).status == S.KEBERATAN


def test_the_decision_recomputes_the_angka_kredit(personas: Personas, skp_fungsional: Skp) -> None:
    p = nilai_dan_tetapkan(periode(skp_fungsional), personas.pejabat_penilai)
    assert KonversiAngkaKredit.objects.get(periode=p).angka_kredit == Decimal("3.125")
    ajukan(p, personas, "fungsional")

    services.keberatan_putuskan(periode=p, actor=personas.atasan, catatan="Naik.", predikat=P.SANGAT_BAIK)

    [ak] = KonversiAngkaKredit.objects.filter(periode=p)
    # Ahli Pertama, one triwulan Sangat Baik: 3/12 x 150% x 12.5
    assert (ak.predikat, ak.persentase, ak.angka_kredit) == (
        P.SANGAT_BAIK,
        Decimal("1.50"),
        Decimal("4.6875"),
    )
