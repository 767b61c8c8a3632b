"""Rating a period and finalising it (domain.md §0.1, §4.1, §4.4, §5.2)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kinerja.core.testing.personas import Personas
from kinerja.core.workflow import InvalidTransition
from kinerja.penilaian import services
from kinerja.penilaian.enums import JenisPeriode, PredikatOrganisasi, PredikatPegawai, Rating
from kinerja.penilaian.models import PengaturanPenilaian, PeriodePenilaian, RiwayatPeriode
from kinerja.penilaian.tests.conftest import Rantai, nilai, nilai_dan_tetapkan, periode, segarkan
from kinerja.skp import services as skp_services
from kinerja.skp.enums import StatusSkp
from kinerja.skp.models import Skp

pytestmark = pytest.mark.django_db

R = Rating
P = PredikatPegawai
S = PeriodePenilaian.Status


def predikat_seksi(personas: Personas, predikat: str, nomor: int = 1) -> None:
    services.predikat_organisasi_set(
        unit=personas.seksi,
        actor=personas.atasan,
        tahun=2026,
        jenis=JenisPeriode.TRIWULAN,
        nomor=nomor,
        predikat=predikat,
    )


# The kuadran kinerja of domain.md §0.1, written out here independently of rules.py.
@pytest.mark.parametrize(
    ("hasil", "perilaku", "predikat"),
    [
        (R.DI_ATAS_EKSPEKTASI, R.DI_ATAS_EKSPEKTASI, P.SANGAT_BAIK),
        (R.DI_ATAS_EKSPEKTASI, R.SESUAI_EKSPEKTASI, P.BAIK),
        (R.DI_ATAS_EKSPEKTASI, R.DI_BAWAH_EKSPEKTASI, P.KURANG),
        (R.SESUAI_EKSPEKTASI, R.DI_ATAS_EKSPEKTASI, P.BAIK),
        (R.SESUAI_EKSPEKTASI, R.SESUAI_EKSPEKTASI, P.BAIK),
        (R.SESUAI_EKSPEKTASI, R.DI_BAWAH_EKSPEKTASI, P.KURANG),
        (R.DI_BAWAH_EKSPEKTASI, R.DI_ATAS_EKSPEKTASI, P.BUTUH_PERBAIKAN),
        (R.DI_BAWAH_EKSPEKTASI, R.SESUAI_EKSPEKTASI, P.BUTUH_PERBAIKAN),
        (R.DI_BAWAH_EKSPEKTASI, R.DI_BAWAH_EKSPEKTASI, P.SANGAT_KURANG),
    ],
)
def test_the_ratings_give_the_predikat_of_the_kuadran(
    personas: Personas, skp_pegawai: Skp, hasil: str, perilaku: str, predikat: str
) -> None:
    p = nilai(periode(skp_pegawai), personas.pejabat_penilai, hasil, perilaku)

    stored = segarkan(p)
    assert (stored.rating_hasil_kerja, stored.rating_perilaku_kerja, stored.predikat) == (
        hasil,
        perilaku,
        predikat,
    )
    assert stored.status == S.DINILAI
    assert stored.dinilai_oleh_id == personas.pejabat_penilai.pegawai_id
    assert stored.dinilai_pada is not None


def test_the_ratings_can_change_until_tetapkan(personas: Personas, skp_pegawai: Skp) -> None:
    p = periode(skp_pegawai)
    nilai(p, personas.pejabat_penilai, R.SESUAI_EKSPEKTASI, R.SESUAI_EKSPEKTASI)

    nilai(p, personas.pejabat_penilai, R.DI_ATAS_EKSPEKTASI, R.DI_ATAS_EKSPEKTASI)

    stored = segarkan(p)
    assert (stored.status, stored.predikat) == (S.DINILAI, P.SANGAT_BAIK)
    assert list(RiwayatPeriode.objects.filter(periode=p).values_list("aksi", "dari", "ke")) == [
        ("DINILAI", S.BELUM_DINILAI, S.DINILAI),
        ("DINILAI", S.DINILAI, S.DINILAI),
    ]
    # The riwayat (page and documents) reads as the rating form does: labels, not codes.
    assert list(RiwayatPeriode.objects.filter(periode=p).values_list("catatan", flat=True)) == [
        "Sesuai ekspektasi / Sesuai ekspektasi -> Baik",
        "Di atas ekspektasi / Di atas ekspektasi -> Sangat Baik",
    ]


@pytest.mark.parametrize("who", ["pegawai", "rekan", "atasan", "admin", "kepala_dinas"])
def test_a_rating_by_anyone_but_the_pejabat_penilai_is_refused(
    personas: Personas, skp_pegawai: Skp, who: str
) -> None:
    with pytest.raises(PermissionDenied):
        nilai(periode(skp_pegawai), getattr(personas, who))
    assert segarkan(periode(skp_pegawai)).status == S.BELUM_DINILAI


@pytest.mark.parametrize(
    ("hasil", "perilaku"), [("LUAR_BIASA", R.SESUAI_EKSPEKTASI), (R.SESUAI_EKSPEKTASI, "")]
)
def test_an_unknown_rating_is_refused(
    personas: Personas, skp_pegawai: Skp, hasil: str, perilaku: str
) -> None:
    with pytest.raises(ValidationError):
        nilai(periode(skp_pegawai), personas.pejabat_penilai, hasil, perilaku)
    assert segarkan(periode(skp_pegawai)).status == S.BELUM_DINILAI


def test_a_rating_on_an_skp_no_longer_approved_is_refused(personas: Personas, skp_pegawai: Skp) -> None:
    lama = periode(skp_pegawai)
    baru = skp_services.skp_revisi(skp=skp_pegawai, actor=personas.pegawai)
    skp_services.skp_ajukan(skp=baru, actor=personas.pegawai)
    skp_services.skp_setujui(skp=baru, actor=personas.pejabat_penilai)
    skp_pegawai.refresh_from_db()
    assert skp_pegawai.status == StatusSkp.DIGANTI

    with pytest.raises(InvalidTransition):
        nilai(lama, personas.pejabat_penilai)
    assert segarkan(lama).status == S.BELUM_DINILAI


def test_a_rating_after_tetapkan_is_refused(personas: Personas, skp_pegawai: Skp) -> None:
    p = nilai_dan_tetapkan(periode(skp_pegawai), personas.pejabat_penilai)

    with pytest.raises(InvalidTransition):
        nilai(p, personas.pejabat_penilai, R.DI_ATAS_EKSPEKTASI, R.DI_ATAS_EKSPEKTASI)
    assert segarkan(p).predikat == P.BAIK


def test_the_rating_copies_the_capaian_kinerja_organisasi_of_the_unit(
    personas: Personas, skp_pegawai: Skp
) -> None:
    predikat_seksi(personas, PredikatOrganisasi.ISTIMEWA)

    p = nilai(periode(skp_pegawai), personas.pejabat_penilai, R.SESUAI_EKSPEKTASI, R.SESUAI_EKSPEKTASI)

    stored = segarkan(p)
    # A pelaksana keeps the rating the pejabat penilai gave: only a pimpinan follows the unit.
    assert (stored.capaian_kinerja_organisasi, stored.rating_hasil_kerja) == (
        PredikatOrganisasi.ISTIMEWA,
        R.SESUAI_EKSPEKTASI,
    )


@pytest.mark.parametrize(
    ("org", "hasil"),
    [
        (PredikatOrganisasi.ISTIMEWA, R.DI_ATAS_EKSPEKTASI),
        (PredikatOrganisasi.BAIK, R.SESUAI_EKSPEKTASI),
        (PredikatOrganisasi.BUTUH_PERBAIKAN, R.DI_BAWAH_EKSPEKTASI),
        (PredikatOrganisasi.KURANG, R.DI_BAWAH_EKSPEKTASI),
        (PredikatOrganisasi.SANGAT_KURANG, R.DI_BAWAH_EKSPEKTASI),
    ],
)
def test_the_rating_hasil_kerja_of_a_pimpinan_unit_follows_the_predikat_organisasi(
    personas: Personas, rantai: Rantai, org: str, hasil: str
) -> None:
    # personas.pejabat_penilai heads the seksi; personas.atasan (head of the bidang above) both sets
    # the seksi's predikat and is the pejabat penilai of the kepala seksi.
    predikat_seksi(personas, org)
    p = periode(rantai.pejabat_penilai)

    nilai(p, personas.atasan, R.SESUAI_EKSPEKTASI if hasil != R.SESUAI_EKSPEKTASI else R.DI_ATAS_EKSPEKTASI)

    stored = segarkan(p)
    assert (stored.rating_hasil_kerja, stored.capaian_kinerja_organisasi) == (hasil, org)
    assert (
        stored.predikat
        == {
            R.DI_ATAS_EKSPEKTASI: P.BAIK,
            R.SESUAI_EKSPEKTASI: P.BAIK,
            R.DI_BAWAH_EKSPEKTASI: P.BUTUH_PERBAIKAN,
        }[hasil]
    )


def test_a_pimpinan_unit_is_rated_as_given_while_the_unit_has_no_predikat(
    personas: Personas, rantai: Rantai
) -> None:
    p = nilai(periode(rantai.pejabat_penilai), personas.atasan, R.DI_ATAS_EKSPEKTASI, R.DI_ATAS_EKSPEKTASI)

    assert (segarkan(p).rating_hasil_kerja, segarkan(p).predikat) == (R.DI_ATAS_EKSPEKTASI, P.SANGAT_BAIK)


# --- tetapkan ------------------------------------------------------------------------------------


def test_tetapkan_locks_the_period_and_writes_history(personas: Personas, skp_pegawai: Skp) -> None:
    p = nilai_dan_tetapkan(periode(skp_pegawai), personas.pejabat_penilai)

    stored = segarkan(p)
    assert stored.status == S.DITETAPKAN
    assert stored.ditetapkan_pada is not None
    assert stored.alasan_distribusi == ""
    assert list(RiwayatPeriode.objects.filter(periode=p).values_list("aksi", "dari", "ke", "actor_id")) == [
        ("DINILAI", S.BELUM_DINILAI, S.DINILAI, personas.pejabat_penilai.pk),
        ("DITETAPKAN", S.DINILAI, S.DITETAPKAN, personas.pejabat_penilai.pk),
    ]


def test_tetapkan_before_rating_is_refused(personas: Personas, skp_pegawai: Skp) -> None:
    with pytest.raises(InvalidTransition):
        services.periode_tetapkan(periode=periode(skp_pegawai), actor=personas.pejabat_penilai)


def test_tetapkan_twice_is_refused(personas: Personas, skp_pegawai: Skp) -> None:
    p = nilai_dan_tetapkan(periode(skp_pegawai), personas.pejabat_penilai)

    with pytest.raises(InvalidTransition):
        services.periode_tetapkan(periode=p, actor=personas.pejabat_penilai)


@pytest.mark.parametrize("who", ["pegawai", "atasan", "admin"])
def test_tetapkan_by_anyone_but_the_pejabat_penilai_is_refused(
    personas: Personas, skp_pegawai: Skp, who: str
) -> None:
    p = nilai(periode(skp_pegawai), personas.pejabat_penilai)

    with pytest.raises(PermissionDenied):
        services.periode_tetapkan(periode=p, actor=getattr(personas, who))
    assert segarkan(p).status == S.DINILAI


def test_tetapkan_with_a_distribution_breach_asks_for_a_reason(personas: Personas, skp_pegawai: Skp) -> None:
    # Predikat organisasi Baik needs at least one Butuh Perbaikan or Kurang and at most 70% Baik.
    predikat_seksi(personas, PredikatOrganisasi.BAIK)
    p = nilai(periode(skp_pegawai), personas.pejabat_penilai)

    with pytest.raises(ValidationError) as exc:
        services.periode_tetapkan(periode=p, actor=personas.pejabat_penilai)

    [message] = exc.value.message_dict["alasan_distribusi"]
    assert message.startswith("Distribusi predikat unit tidak sesuai pola; tuliskan alasan penetapan:")
    assert segarkan(p).status == S.DINILAI
    assert not RiwayatPeriode.objects.filter(periode=p, aksi="DITETAPKAN").exists()


def test_tetapkan_with_a_distribution_breach_is_accepted_with_a_reason(
    personas: Personas, skp_pegawai: Skp
) -> None:
    predikat_seksi(personas, PredikatOrganisasi.BAIK)
    p = nilai(periode(skp_pegawai), personas.pejabat_penilai)

    services.periode_tetapkan(
        periode=p, actor=personas.pejabat_penilai, alasan_distribusi="Unit hanya tiga orang."
    )

    stored = segarkan(p)
    assert (stored.status, stored.alasan_distribusi) == (S.DITETAPKAN, "Unit hanya tiga orang.")
    assert RiwayatPeriode.objects.get(periode=p, aksi="DITETAPKAN").catatan == "Unit hanya tiga orang."


def test_tetapkan_with_a_distribution_breach_is_blocked_when_the_instansi_chose_so(
    personas: Personas, skp_pegawai: Skp
) -> None:
    PengaturanPenilaian.objects.create(instansi=personas.instansi, distribusi_memblokir=True)
    predikat_seksi(personas, PredikatOrganisasi.BAIK)
    p = nilai(periode(skp_pegawai), personas.pejabat_penilai)

    with pytest.raises(InvalidTransition):
        services.periode_tetapkan(periode=p, actor=personas.pejabat_penilai, alasan_distribusi="Unit kecil.")
    assert segarkan(p).status == S.DINILAI


def test_tetapkan_within_the_pola_keeps_no_reason(personas: Personas, skp_pegawai: Skp) -> None:
    # Istimewa: at most 70% Sangat Baik; one Baik out of one is within the pola.
    predikat_seksi(personas, PredikatOrganisasi.ISTIMEWA)
    p = nilai(periode(skp_pegawai), personas.pejabat_penilai)

    services.periode_tetapkan(periode=p, actor=personas.pejabat_penilai, alasan_distribusi="Tidak perlu.")

    assert (segarkan(p).status, segarkan(p).alasan_distribusi) == (S.DITETAPKAN, "")


def test_the_distribution_counts_the_other_pegawai_of_the_unit(
    personas: Personas, skp_pegawai: Skp, skp_rekan: Skp, skp_fungsional: Skp
) -> None:
    # Baik with 3 pegawai: at most 2 Baik and at least one Butuh Perbaikan/Kurang.
    predikat_seksi(personas, PredikatOrganisasi.BAIK)
    nilai_dan_tetapkan(
        periode(skp_rekan),
        personas.pejabat_penilai,
        R.DI_BAWAH_EKSPEKTASI,
        R.SESUAI_EKSPEKTASI,
        alasan="Sementara",
    )
    nilai(periode(skp_fungsional), personas.pejabat_penilai)
    p = nilai(periode(skp_pegawai), personas.pejabat_penilai)

    services.periode_tetapkan(periode=p, actor=personas.pejabat_penilai)

    assert segarkan(p).status == S.DITETAPKAN


def test_tetapkan_of_the_pimpinan_is_not_held_by_the_distribution_of_the_unit_they_lead(
    personas: Personas, rantai: Rantai, skp_pegawai: Skp
) -> None:
    # The pimpinan is not in their unit's population (domain.md §4.4: their rating follows the unit),
    # so a breach among their bawahan must not ask a reason for (or block) the pimpinan's penetapan.
    PengaturanPenilaian.objects.create(instansi=personas.instansi, distribusi_memblokir=True)
    predikat_seksi(personas, PredikatOrganisasi.BAIK)
    nilai(periode(skp_pegawai), personas.pejabat_penilai)  # one Baik of one: a breach of the pola Baik
    p = nilai(periode(rantai.pejabat_penilai), personas.atasan)

    services.periode_tetapkan(periode=p, actor=personas.atasan)

    assert segarkan(p).status == S.DITETAPKAN
