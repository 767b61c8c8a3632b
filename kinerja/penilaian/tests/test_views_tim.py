"""The pejabat penilai's team page: the grid of ratings saved on change, the predikat, the Tetapkan
button with the pola distribusi reason, and the distribution panel of their unit (issue #4 pt 9)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kinerja.accounts.models import User
from kinerja.core.testing.factories import PegawaiFactory, UserFactory
from kinerja.core.testing.personas import Personas
from kinerja.organisasi import services as org_services
from kinerja.penilaian import services
from kinerja.penilaian.enums import JenisPeriode, PredikatOrganisasi, Rating
from kinerja.penilaian.models import PeriodePenilaian
from kinerja.penilaian.tests.conftest import Rantai, nilai, periode, segarkan, skp_bawahan

TIM = reverse("penilaian:tim")
HTMX = {"HTTP_HX_REQUEST": "true"}
SESUAI = Rating.SESUAI_EKSPEKTASI
DI_BAWAH = Rating.DI_BAWAH_EKSPEKTASI


def tambah_bawahan(personas: Personas, rantai: Rantai, jumlah: int) -> list[User]:
    """More pelaksana in the Seksi with an approved SKP and their periods, the first one rated."""
    jabatan = personas.p("pegawai").jabatan
    users = [
        UserFactory(
            pegawai=PegawaiFactory(instansi=personas.instansi, jabatan=jabatan, unit_kerja=personas.seksi)
        )
        for _ in range(jumlah)
    ]
    org_services.penilai_rebuild(instansi=personas.instansi)
    for user in users:
        user.refresh_from_db()
        skp = skp_bawahan(user, personas, rantai, rhk=1)
        if user is users[0]:
            nilai(periode(skp), personas.pejabat_penilai)
    return users


def _set_org(personas: Personas, predikat: str = PredikatOrganisasi.BAIK) -> None:
    services.predikat_organisasi_set(
        unit=personas.seksi,
        actor=personas.atasan,
        tahun=2026,
        jenis=JenisPeriode.TRIWULAN,
        nomor=1,
        predikat=predikat,
    )


def _nilai_url(p: PeriodePenilaian) -> str:
    return reverse("penilaian:tim_nilai", args=[p.pk])


def _tetapkan_url(p: PeriodePenilaian) -> str:
    return reverse("penilaian:tim_tetapkan", args=[p.pk])


def test_it_lists_every_bawahan_of_the_last_ended_period_by_default(client, personas, skp_pegawai, skp_rekan):
    client.force_login(personas.pejabat_penilai)
    html = client.get(TIM).content.decode()
    assert "Triwulan 1 / 2026" in html  # 2 April: the first quarter has just ended
    for name in ("pegawai", "rekan", "fungsional"):
        assert personas.p(name).nama in html
    p = periode(skp_pegawai)
    assert _nilai_url(p) in html and reverse("penilaian:periode", args=[p.pk]) in html
    assert f'id="hasil-{p.pk}"' in html and f'id="perilaku-{p.pk}"' in html
    assert "Belum ada periode penilaian ini" in html  # the fungsional has no approved SKP here
    assert "Realisasi <strong>0/2</strong>" in html
    assert 'id="distribusi"' in html and "Seksi Uji" in html


def test_the_period_chooser_picks_another_period(client, personas, skp_pegawai):
    client.force_login(personas.pejabat_penilai)
    html = client.get(TIM, {"tahun": 2026, "jenis": "TRIWULAN", "nomor": 2}).content.decode()
    assert "Triwulan 2 / 2026" in html and _nilai_url(periode(skp_pegawai, nomor=2)) in html


def test_the_team_page_is_empty_without_bawahan_and_403_without_pegawai(client, personas):
    client.force_login(personas.rekan)
    assert "tidak menjadi pejabat penilai" in client.get(TIM).content.decode()
    client.force_login(personas.superadmin)
    assert client.get(TIM).status_code == 403


def test_rating_on_change_updates_the_predikat_and_the_distribution_panel(
    client, personas, skp_pegawai, skp_rekan
):
    _set_org(personas)
    client.force_login(personas.pejabat_penilai)
    p = periode(skp_pegawai)
    response = client.post(
        _nilai_url(p), {"rating_hasil_kerja": SESUAI, "rating_perilaku_kerja": SESUAI}, **HTMX
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert f'id="baris-{personas.p("pegawai").pk}"' in html
    assert 'class="badge text-bg-primary">Baik<' in html  # the derived predikat
    assert 'id="distribusi" hx-swap-oob="true"' in html  # the panel swapped out of band
    assert 'id="jumlah-BAIK">1<' in html
    assert "1 dinilai" in html and "1 belum dinilai" in html
    assert segarkan(p).predikat == "BAIK"

    # The second bawahan rated Baik: the unit now breaks the Baik pattern (no Butuh Perbaikan).
    html = client.post(
        _nilai_url(periode(skp_rekan)),
        {"rating_hasil_kerja": SESUAI, "rating_perilaku_kerja": SESUAI},
        **HTMX,
    ).content.decode()
    assert 'id="jumlah-BAIK">2<' in html and "Tidak sesuai pola distribusi" in html
    assert "Butuh Perbaikan dan/atau Kurang/Misconduct sekurang-kurangnya 1 dari 2 orang" in html

    # Changing a rating moves the count.
    html = client.post(
        _nilai_url(periode(skp_rekan)),
        {"rating_hasil_kerja": DI_BAWAH, "rating_perilaku_kerja": SESUAI},
        **HTMX,
    ).content.decode()
    assert 'id="jumlah-BAIK">1<' in html and 'id="jumlah-BUTUH_PERBAIKAN">1<' in html
    assert "Butuh Perbaikan</span>" in html


def test_one_rating_alone_is_kept_on_screen_and_saves_nothing(client, personas, skp_pegawai):
    client.force_login(personas.pejabat_penilai)
    p = periode(skp_pegawai)
    response = client.post(_nilai_url(p), {"rating_hasil_kerja": SESUAI, "rating_perilaku_kerja": ""}, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200 and "Pilih kedua rating" in html
    assert f'<option value="{SESUAI}" selected>' in html
    assert segarkan(p).status == PeriodePenilaian.Status.BELUM_DINILAI


def test_a_plain_post_of_the_ratings_redirects_back_to_the_period(client, personas, skp_pegawai):
    client.force_login(personas.pejabat_penilai)
    p = periode(skp_pegawai)
    response = client.post(_nilai_url(p), {"rating_hasil_kerja": SESUAI, "rating_perilaku_kerja": SESUAI})
    assert response["Location"] == f"{TIM}?tahun=2026&jenis=TRIWULAN&nomor=1"
    assert segarkan(p).predikat == "BAIK"


def test_an_unknown_rating_is_400_in_the_row(client, personas, skp_pegawai):
    client.force_login(personas.pejabat_penilai)
    p = periode(skp_pegawai)
    response = client.post(
        _nilai_url(p), {"rating_hasil_kerja": "LUAR_BIASA", "rating_perilaku_kerja": SESUAI}, **HTMX
    )
    assert response.status_code == 400


def test_only_the_pejabat_penilai_rates_from_the_team_page(client, personas, skp_pegawai):
    url = _nilai_url(periode(skp_pegawai))
    data = {"rating_hasil_kerja": SESUAI, "rating_perilaku_kerja": SESUAI}
    client.force_login(personas.atasan)  # sees the period (indirect bawahan) but does not rate it
    assert client.post(url, data, **HTMX).status_code == 403
    client.force_login(personas.rekan)  # a colleague does not see it
    assert client.post(url, data, **HTMX).status_code == 404
    client.force_login(personas.orang_lain)
    assert client.post(url, data, **HTMX).status_code == 404
    client.force_login(personas.pejabat_penilai)
    assert client.get(url).status_code == 405


def test_tetapkan_with_a_distribution_breach_asks_for_a_reason_then_accepts_it(
    client, personas, skp_pegawai, skp_rekan, skp_fungsional
):
    _set_org(personas)
    for skp in (skp_pegawai, skp_rekan, skp_fungsional):
        nilai(periode(skp), personas.pejabat_penilai)  # three Baik of three: above 70%, no BP/K
    p = periode(skp_pegawai)
    client.force_login(personas.pejabat_penilai)
    response = client.post(_tetapkan_url(p), {"alasan_distribusi": ""}, **HTMX)
    html = response.content.decode()
    assert response.status_code == 400
    assert 'name="alasan_distribusi"' in html and "tuliskan alasan" in html
    assert segarkan(p).status == PeriodePenilaian.Status.DINILAI

    response = client.post(_tetapkan_url(p), {"alasan_distribusi": "Seluruh tim melampaui target."}, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200 and "Ditetapkan" in html
    assert f'id="hasil-{p.pk}" name="rating_hasil_kerja" disabled' in html
    p = segarkan(p)
    assert p.status == PeriodePenilaian.Status.DITETAPKAN
    assert p.alasan_distribusi == "Seluruh tim melampaui target."


def test_without_javascript_the_reason_field_is_shown_on_the_page(client, personas, skp_pegawai, skp_rekan):
    _set_org(personas)
    nilai(periode(skp_pegawai), personas.pejabat_penilai)
    nilai(periode(skp_rekan), personas.pejabat_penilai)
    p = periode(skp_pegawai)
    client.force_login(personas.pejabat_penilai)
    response = client.post(_tetapkan_url(p), {"alasan_distribusi": ""})
    assert response["Location"] == f"{TIM}?tahun=2026&jenis=TRIWULAN&nomor=1&alasan_untuk={p.pk}"
    html = client.get(response["Location"]).content.decode()
    assert f'id="alasan-{p.pk}"' in html and "tuliskan alasan" in html


def test_tetapkan_before_rating_is_409_and_only_for_the_pejabat_penilai(client, personas, skp_pegawai):
    p = periode(skp_pegawai)
    client.force_login(personas.pejabat_penilai)
    assert client.post(_tetapkan_url(p), **HTMX).status_code == 409
    nilai(p, personas.pejabat_penilai)
    client.force_login(personas.atasan)
    assert client.post(_tetapkan_url(p), **HTMX).status_code == 403
    client.force_login(personas.orang_lain)
    assert client.post(_tetapkan_url(p), **HTMX).status_code == 404
    client.force_login(personas.pejabat_penilai)
    response = client.post(_tetapkan_url(p))  # no breach: the unit has no predikat organisasi yet
    assert response.status_code == 302 and segarkan(p).status == PeriodePenilaian.Status.DITETAPKAN


@pytest.mark.parametrize("bawahan", [2, 8])
def test_team_page_query_count_does_not_grow_with_bawahan(
    client, personas, rantai, django_assert_num_queries, bawahan
):
    _set_org(personas)
    skp_bawahan(personas.pegawai, personas, rantai)
    if bawahan == 2:
        pegawai = personas.p("rekan")
        pegawai.aktif = False  # leaves the pegawai and the fungsional
        pegawai.save(update_fields=["aktif"])
    else:
        tambah_bawahan(personas, rantai, 5)  # pegawai, rekan, fungsional and five more
    client.force_login(personas.pejabat_penilai)
    # 1 session, 2 the user with their pegawai, 3 the instansi's pengaturan, 4 the periods of my
    # bawahan with their counts and 5 my bawahan with jabatan (bulk_review), 6 my unit kerja,
    # 7 the unit's predikat organisasi and 8 its population (distribusi_unit).
    with django_assert_num_queries(8):
        response = client.get(TIM)
    assert response.content.decode().count('class="list-group-item"') == bawahan
