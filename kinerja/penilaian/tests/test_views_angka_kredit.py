"""The angka kredit page of a pejabat fungsional (domain.md §0.3, §7): the konversi per period, the
totals, the accumulation and the distance to the next pangkat and jenjang."""

from __future__ import annotations

from django.urls import reverse

from kinerja.penilaian.tests.conftest import nilai_dan_tetapkan, periode


def _url(personas, name: str = "fungsional") -> str:
    return reverse("penilaian:angka_kredit", args=[personas.p(name).nip])


def test_one_finalised_triwulan_baik_of_an_ahli_pertama_is_3_125(client, personas, skp_fungsional):
    nilai_dan_tetapkan(periode(skp_fungsional), personas.pejabat_penilai)
    client.force_login(personas.fungsional)
    html = client.get(reverse("penilaian:angka_kredit_saya")).content.decode()
    assert "Ahli Pertama" in html and "Triwulan 1 2026" in html
    assert "100%" in html and "12,50" in html  # persentase Baik, koefisien Ahli Pertama
    assert '<td class="text-end fw-semibold">3,125</td>' in html  # 3/12 x 100% x 12.5
    assert 'id="total-ak">3,125<' in html and 'id="kumulatif">3,125<' in html
    # Kenaikan pangkat at 50, kenaikan jenjang (Ahli Muda) at 100.
    assert "3,125 / 50,00" in html and "Kurang 46,875" in html
    assert "Kenaikan jenjang ke Ahli Muda" in html and "3,125 / 100,00" in html and "Kurang 96,875" in html
    assert 'style="width: 6%"' in html and 'style="width: 3%"' in html


def test_a_year_without_konversi_has_no_rows_but_keeps_the_accumulation(client, personas, skp_fungsional):
    nilai_dan_tetapkan(periode(skp_fungsional), personas.pejabat_penilai)
    client.force_login(personas.fungsional)
    html = client.get(_url(personas), {"tahun": 2025}).content.decode()
    assert "Belum ada periode yang ditetapkan" in html and 'id="kumulatif">3,125<' in html


def test_a_non_functional_jabatan_gets_a_clear_message(client, personas):
    client.force_login(personas.pegawai)
    html = client.get(reverse("penilaian:angka_kredit_saya")).content.decode()
    assert "hanya berlaku bagi pejabat fungsional" in html and 'id="kumulatif"' not in html


def test_angka_kredit_access(client, personas, skp_fungsional):
    client.force_login(personas.pejabat_penilai)  # the pejabat penilai sees their bawahan
    assert client.get(_url(personas)).status_code == 200
    client.force_login(personas.admin)
    assert client.get(_url(personas)).status_code == 200
    client.force_login(personas.rekan)  # a colleague does not
    assert client.get(_url(personas)).status_code == 404
    client.force_login(personas.orang_lain)
    assert client.get(_url(personas)).status_code == 404
    client.force_login(personas.superadmin)  # no pegawai record: no "angka kredit saya"
    assert client.get(reverse("penilaian:angka_kredit_saya")).status_code == 403


def test_angka_kredit_page_query_count(client, personas, skp_fungsional, django_assert_num_queries):
    nilai_dan_tetapkan(periode(skp_fungsional), personas.pejabat_penilai)
    client.force_login(personas.pejabat_penilai)
    # 1 session, 2 the user with their pegawai, 3 the pegawai with jabatan (pegawai_get_for_user),
    # 4 the konversi rows with their periods, 5 the accumulation (angka_kredit_pegawai).
    with django_assert_num_queries(5):
        client.get(_url(personas))
