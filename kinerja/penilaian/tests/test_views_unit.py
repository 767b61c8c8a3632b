"""The distribution page of a unit and its predikat organisasi, set by the pimpinan of the unit
above (domain.md §3.15, §4.3) or the admin; the child units with their predikat in one list."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kinerja.penilaian.enums import JenisPeriode, PredikatOrganisasi
from kinerja.penilaian.models import PredikatOrganisasiUnit
from kinerja.penilaian.tests.conftest import nilai, periode
from kinerja.penilaian.tests.test_views_tim import tambah_bawahan

PERIODE = {"tahun": 2026, "jenis": JenisPeriode.TRIWULAN, "nomor": 1}


def _url(unit) -> str:
    return reverse("penilaian:unit_distribusi", args=[unit.pk])


def _set_url(unit) -> str:
    return reverse("penilaian:unit_predikat", args=[unit.pk])


def test_the_unit_page_shows_the_distribution_of_the_period(client, personas, skp_pegawai, skp_rekan):
    nilai(periode(skp_pegawai), personas.pejabat_penilai)
    client.force_login(personas.pegawai)  # the tree of one's own instansi is not secret
    html = client.get(_url(personas.seksi), PERIODE).content.decode()
    assert "Seksi Uji" in html and "Triwulan 1 / 2026" in html
    assert 'id="jumlah-BAIK">1<' in html and "1 belum dinilai" in html
    assert "belum ditetapkan" in html
    assert f'id="predikat-unit-{personas.seksi.pk}"' not in html  # a pelaksana sets nothing


def test_a_unit_of_another_instansi_is_404(client, personas):
    client.force_login(personas.orang_lain)
    assert client.get(_url(personas.seksi)).status_code == 404
    assert client.post(_set_url(personas.seksi), {**PERIODE, "predikat": "BAIK"}).status_code == 404


def test_the_pimpinan_of_the_unit_above_sets_the_predikat_organisasi(
    client, personas, skp_pegawai, skp_rekan
):
    nilai(periode(skp_pegawai), personas.pejabat_penilai)
    nilai(periode(skp_rekan), personas.pejabat_penilai)
    client.force_login(personas.atasan)  # pimpinan of the Bidang, the parent of the Seksi
    url = _url(personas.seksi)
    assert f'id="predikat-unit-{personas.seksi.pk}"' in client.get(url, PERIODE).content.decode()
    kembali = f"{url}?tahun=2026&jenis=TRIWULAN&nomor=1"
    response = client.post(
        _set_url(personas.seksi), {**PERIODE, "predikat": PredikatOrganisasi.BAIK, "next": kembali}
    )
    assert response["Location"] == kembali
    row = PredikatOrganisasiUnit.objects.get(unit_kerja=personas.seksi)
    assert (row.predikat, row.jenis, row.nomor, row.ditetapkan_oleh) == (
        "BAIK",
        "TRIWULAN",
        1,
        personas.atasan,
    )
    html = client.get(kembali).content.decode()
    assert 'id="predikat-organisasi">Baik<' in html
    assert "Tidak sesuai pola distribusi" in html  # two Baik of two: no Butuh Perbaikan/Kurang
    assert "(boleh 0\u20131)" in html  # Baik at most 70% of 2


def test_the_pimpinan_of_the_unit_itself_may_not_set_it(client, personas):
    client.force_login(personas.pejabat_penilai)  # pimpinan of the Seksi itself
    assert f'id="predikat-unit-{personas.seksi.pk}"' not in client.get(_url(personas.seksi)).content.decode()
    response = client.post(_set_url(personas.seksi), {**PERIODE, "predikat": PredikatOrganisasi.ISTIMEWA})
    assert response.status_code == 403
    assert not PredikatOrganisasiUnit.objects.exists()


def test_the_admin_may_record_it_and_bad_input_is_a_message(client, personas):
    client.force_login(personas.admin)
    response = client.post(_set_url(personas.seksi), {**PERIODE, "nomor": 5, "predikat": "BAIK"})
    assert response.status_code == 302 and not PredikatOrganisasiUnit.objects.exists()
    response = client.post(_set_url(personas.seksi), {**PERIODE, "predikat": "BAIK"})
    assert response.status_code == 302 and PredikatOrganisasiUnit.objects.count() == 1


def test_the_parent_page_lists_the_children_with_their_predikat_and_a_form_each(client, personas):
    PredikatOrganisasiUnit.objects.create(
        unit_kerja=personas.seksi, predikat="ISTIMEWA", ditetapkan_oleh=personas.atasan, **PERIODE
    )
    client.force_login(personas.atasan)
    html = client.get(_url(personas.bidang), PERIODE).content.decode()
    assert f'id="anak-{personas.seksi.pk}"' in html and "Istimewa" in html
    assert f'id="predikat-anak-{personas.seksi.pk}"' in html  # the atasan leads the Bidang
    assert f'id="predikat-unit-{personas.bidang.pk}"' not in html  # the Dinas head sets the Bidang
    client.force_login(personas.pejabat_penilai)
    html = client.get(_url(personas.bidang), PERIODE).content.decode()
    assert f'id="anak-{personas.seksi.pk}"' in html and f'id="predikat-anak-{personas.seksi.pk}"' not in html


@pytest.mark.parametrize("tambahan", [0, 6])
def test_unit_page_query_count_does_not_grow_with_pegawai(
    client, personas, rantai, skp_pegawai, django_assert_num_queries, tambahan
):
    nilai(periode(skp_pegawai), personas.pejabat_penilai)
    if tambahan:
        tambah_bawahan(personas, rantai, tambahan)
    client.force_login(personas.atasan)
    # 1 session, 2 the user with their pegawai, 3 the unit (unit_get_for_user), 4 the instansi's
    # pengaturan, 5 the child units with their predikat organisasi (one subquery; the Seksi has
    # none, so no check of who sets theirs), 6-7 may the user set the unit's predikat (the parent
    # unit, its pimpinan), 8 the unit's predikat organisasi and 9 its population (distribusi_unit).
    with django_assert_num_queries(9):
        response = client.get(_url(personas.seksi), PERIODE)
    assert f'id="jumlah-BAIK">{2 if tambahan else 1}<' in response.content.decode()
