"""The dashboards (issue #5): access, the numbers, the chart data and pinned query counts."""

from __future__ import annotations

import json
import re

import pytest
from django.urls import reverse

from kinerja.core.testing.factories import PegawaiFactory
from kinerja.core.testing.skp import make_skp
from kinerja.penilaian import services as penilaian_services
from kinerja.penilaian.enums import PredikatOrganisasi, Rating
from kinerja.penilaian.tests import conftest as pc
from kinerja.skp import services as skp_services

# Re-declared fixtures of the penilaian tests: the frozen clock (2 April 2026) and the SKP chain.
jam = pc.jam
rantai = pc.rantai
TAHUN = pc.TAHUN
R = Rating


def html_of(response) -> str:
    return response.content.decode()


def chart_data(response, element_id: str) -> dict:
    """The JSON a chart is drawn from, read back out of its json_script element."""
    html = response.content.decode()
    match = re.search(rf'<script id="{element_id}" type="application/json">(.*?)</script>', html, re.S)
    assert match, f"no json_script {element_id}"
    return json.loads(match.group(1))


@pytest.fixture
def siklus(personas, rantai):
    """Seksi Uji in TRIWULAN 1 2026 (the latest ended period on 2 April): Dewi approved, one
    realisasi, rated; Rudi approved, rated and ditetapkan without realisasi; Putu submitted only.
    Above: the Kepala Bidang approved, the Kepala Dinas drafted; the admin has no SKP."""
    dewi = pc.skp_bawahan(personas.pegawai, personas, rantai)
    rudi = pc.skp_bawahan(personas.rekan, personas, rantai)
    putu = make_skp(personas.fungsional, rhk=1, rhk_atasan=list(rantai.pejabat_penilai.rhk.all()))
    skp_services.skp_ajukan(skp=putu, actor=personas.fungsional)
    p_dewi = pc.periode(dewi)
    indikator = p_dewi.skp.rhk.first().indikator.first()
    penilaian_services.realisasi_simpan(
        periode=p_dewi, indikator=indikator, actor=personas.pegawai, realisasi="5 dokumen", sumber_data=""
    )
    pc.nilai(p_dewi, personas.pejabat_penilai, R.DI_ATAS_EKSPEKTASI, R.DI_ATAS_EKSPEKTASI)
    pc.nilai_dan_tetapkan(pc.periode(rudi), personas.pejabat_penilai)
    return {"dewi": dewi, "rudi": rudi, "putu": putu}


def _baris(response, unit) -> dict[str, str]:
    row = next(r for r in response.context["rows"] if r["unit"].pk == unit.pk)
    return {"aktif": row["aktif"], **{s["tahap"]: s["jumlah"] for s in row["sel"]}}


# --- admin ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["pegawai", "pejabat_penilai", "kepala_dinas", "orang_lain"])
def test_the_admin_dashboard_is_forbidden_to_others(client, personas, persona):
    client.force_login(getattr(personas, persona))
    assert client.get(reverse("laporan:dashboard_admin")).status_code == 403
    url = reverse("laporan:dashboard_admin_unit", args=[personas.seksi.pk])
    assert client.get(url).status_code == 403


def test_the_admin_dashboard_counts_each_stage_of_the_units_own_pegawai(client, personas, siklus):
    client.force_login(personas.admin)
    response = client.get(reverse("laporan:dashboard_admin"), {"tahun": TAHUN})
    assert response.status_code == 200
    assert response.context["periode_label"] == "Triwulan 1/2026"
    assert _baris(response, personas.seksi) == {
        "aktif": 4,  # Agus (Kepala Seksi), Dewi, Rudi, Putu
        "DRAF": 4,
        "DIAJUKAN": 4,
        "DISETUJUI": 3,
        "REALISASI": 1,
        "DINILAI": 2,
        "DITETAPKAN": 1,
    }
    assert _baris(response, personas.bidang) == {
        "aktif": 1,
        "DRAF": 1,
        "DIAJUKAN": 1,
        "DISETUJUI": 1,
        "REALISASI": 0,
        "DINILAI": 0,
        "DITETAPKAN": 0,
    }
    assert _baris(response, personas.dinas)["DRAF"] == 1  # the Kepala Dinas' draft; the admin has none
    total = response.context["total"]
    assert total["aktif"] == 7
    assert {s["tahap"]: s["jumlah"] for s in total["sel"]}["DISETUJUI"] == 4
    html = response.content.decode()
    assert 'aria-valuenow="75"' in html  # 3 of 4 approved in the Seksi


def test_the_subtree_scope_counts_the_units_below(client, personas, siklus):
    client.force_login(personas.admin)
    response = client.get(reverse("laporan:dashboard_admin"), {"tahun": TAHUN, "cakupan": "subtree"})
    dinas = _baris(response, personas.dinas)
    assert dinas["aktif"] == 7
    assert dinas["DRAF"] == 6
    assert dinas["DISETUJUI"] == 4
    assert _baris(response, personas.bidang)["aktif"] == 5


def test_the_chart_splits_each_unit_by_the_furthest_stage(client, personas, siklus):
    client.force_login(personas.admin)
    response = client.get(reverse("laporan:dashboard_admin"), {"tahun": TAHUN})
    data = chart_data(response, "chart-tahapan")
    assert data["jenis"] == "tahapan"
    i = data["labels"].index("Seksi Uji")
    furthest = {ds["label"]: ds["data"][i] for ds in data["datasets"]}
    assert furthest == {
        "Belum ada SKP": 0,
        "SKP disusun": 0,
        "SKP diajukan": 1,  # Putu
        "SKP disetujui": 1,  # Agus
        "Realisasi diisi": 0,
        "Dinilai": 1,  # Dewi
        "Ditetapkan": 1,  # Rudi
    }
    # The unit names reach the page only through json_script, never written into a script.
    for script in re.findall(
        r"<script(?![^>]*application/json)[^>]*>(.*?)</script>", html_of(response), re.S
    ):
        assert "Seksi Uji" not in script


def test_the_drill_down_lists_the_pegawai_late_at_a_stage(client, personas, siklus):
    client.force_login(personas.admin)
    url = reverse("laporan:dashboard_admin_unit", args=[personas.seksi.pk])
    response = client.get(url, {"tahun": TAHUN, "tahap": "DISETUJUI"})
    assert response.status_code == 200
    assert [p.nama for p in response.context["pegawai"]] == ["Putu Ayu"]
    html = response.content.decode()
    assert "Pranata Komputer Ahli Pertama" in html and "Agus Salim" in html  # jabatan, pejabat penilai
    assert "Diajukan" in html
    response = client.get(url, {"tahun": TAHUN, "tahap": "REALISASI"})
    assert [p.nama for p in response.context["pegawai"]] == ["Agus Salim", "Putu Ayu", "Rudi Hartono"]
    dinas = reverse("laporan:dashboard_admin_unit", args=[personas.dinas.pk])
    response = client.get(dinas, {"tahun": TAHUN, "tahap": "DRAF"})
    assert [p.nama for p in response.context["pegawai"]] == ["Admin Kinerja"]


def test_the_drill_down_does_not_show_another_instansi(client, personas):
    client.force_login(personas.admin)
    other = personas.p("orang_lain").unit_kerja
    url = reverse("laporan:dashboard_admin_unit", args=[other.pk])
    assert client.get(url).status_code == 404


def _tambah_pegawai(personas, n: int) -> None:
    """Pegawai without an SKP in the Seksi (each adds a row to every count and to the drill-down)."""
    for i in range(n):
        PegawaiFactory(
            instansi=personas.instansi,
            nama=f"Tambahan {i}",
            jabatan=personas.p("pegawai").jabatan,
            unit_kerja=personas.seksi,
            pejabat_penilai=personas.p("pejabat_penilai"),
        )


@pytest.mark.parametrize("extra", [2, 8])
def test_the_admin_dashboard_query_count_does_not_grow(
    client, personas, siklus, django_assert_num_queries, extra
):
    _tambah_pegawai(personas, extra)
    client.force_login(personas.admin)
    # session, user with pegawai, instansi, pengaturan, the units, the counts grouped by unit
    with django_assert_num_queries(6):
        response = client.get(reverse("laporan:dashboard_admin"), {"tahun": TAHUN})
    assert response.context["total"]["aktif"] == 7 + extra
    url = reverse("laporan:dashboard_admin_unit", args=[personas.seksi.pk])
    # session, user with pegawai, instansi, pengaturan, the unit, the late pegawai with statuses
    with django_assert_num_queries(6):
        response = client.get(url, {"tahun": TAHUN, "tahap": "DRAF"})
    assert len(response.context["pegawai"]) == extra


# --- pimpinan ------------------------------------------------------------------------------------


def test_the_pimpinan_dashboard_tells_a_non_penilai_kindly(client, personas):
    client.force_login(personas.pegawai)
    response = client.get(reverse("laporan:dashboard_pimpinan"))
    assert response.status_code == 200
    assert 'id="bukan-penilai"' in response.content.decode()
    assert "chart-kurva" not in response.content.decode()


@pytest.fixture
def dinilai(personas, rantai):
    """Seksi Uji, TRIWULAN 1: predikat organisasi Baik; Dewi Sangat Baik (di atas / di atas), Rudi
    Baik (sesuai / sesuai), Putu approved but not rated. Baik needs one Butuh Perbaikan or Kurang."""
    dewi = pc.skp_bawahan(personas.pegawai, personas, rantai)
    rudi = pc.skp_bawahan(personas.rekan, personas, rantai)
    pc.skp_bawahan(personas.fungsional, personas, rantai)
    penilaian_services.predikat_organisasi_set(
        unit=personas.seksi,
        actor=personas.atasan,
        tahun=TAHUN,
        jenis="TRIWULAN",
        nomor=1,
        predikat=PredikatOrganisasi.BAIK,
    )
    pc.nilai(pc.periode(dewi), personas.pejabat_penilai, R.DI_ATAS_EKSPEKTASI, R.DI_ATAS_EKSPEKTASI)
    pc.nilai(pc.periode(rudi), personas.pejabat_penilai)
    return dewi, rudi


def test_the_kuadran_places_each_bawahan_by_their_two_ratings(client, personas, dinilai):
    client.force_login(personas.pejabat_penilai)
    response = client.get(reverse("laporan:dashboard_pimpinan"))
    assert response.status_code == 200
    assert response.context["pilihan"].label == "Triwulan 1 / 2026"
    baris = response.context["kuadran"].baris
    # Row 0 = hasil kerja di atas, column 2 = perilaku di atas: Sangat Baik.
    assert baris[0][2].predikat == "SANGAT_BAIK" and [p.nama for p in baris[0][2].pegawai] == ["Dewi Lestari"]
    assert baris[1][1].predikat == "BAIK" and [p.nama for p in baris[1][1].pegawai] == ["Rudi Hartono"]
    assert baris[2][0].predikat == "SANGAT_KURANG" and baris[2][0].pegawai == []
    assert baris[0][0].predikat == "KURANG"
    assert [p.nama for p in response.context["kuadran"].belum_dinilai] == ["Putu Ayu"]
    html = response.content.decode()
    cell = re.search(r'data-kuadran="DI_ATAS_EKSPEKTASI:DI_ATAS_EKSPEKTASI".*?</td>', html, re.S).group(0)
    assert "Dewi Lestari" in cell and "Sangat Baik" in cell


def test_the_kurva_shows_counts_against_the_pola_and_the_broken_rule(client, personas, dinilai):
    client.force_login(personas.pejabat_penilai)
    response = client.get(
        reverse("laporan:dashboard_pimpinan"), {"tahun": TAHUN, "jenis": "TRIWULAN", "nomor": 1}
    )
    data = chart_data(response, "chart-kurva")
    assert data["labels"] == ["Sangat Kurang", "Kurang/Misconduct", "Butuh Perbaikan", "Baik", "Sangat Baik"]
    assert data["jumlah"] == [0, 0, 0, 1, 1]
    # Baik: at most 70% of 2 = 1 Baik; no single-predikat rule on the others.
    assert data["maksimum"] == [None, None, None, 1, None]
    assert data["minimum"] == [None, None, None, 0, None]
    html = response.content.decode()
    assert 'id="pelanggaran"' in html
    assert "Butuh Perbaikan dan/atau Kurang/Misconduct sekurang-kurangnya 1" in html


def test_the_pimpinan_dashboard_query_count_does_not_grow(
    client, personas, rantai, django_assert_num_queries
):
    for user in (personas.pegawai, personas.rekan, personas.fungsional):
        p = pc.periode(pc.skp_bawahan(user, personas, rantai))
        pc.nilai(p, personas.pejabat_penilai)
    client.force_login(personas.pejabat_penilai)
    url = reverse("laporan:dashboard_pimpinan")

    def count() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    few = count()
    for i in range(5):
        PegawaiFactory(
            instansi=personas.instansi,
            nama=f"Tambahan {i}",
            jabatan=personas.p("pegawai").jabatan,
            unit_kerja=personas.seksi,
            pejabat_penilai=personas.p("pejabat_penilai"),
        )
    # session, user with pegawai, has bawahan, unit, pengaturan, predikat organisasi, population,
    # the bawahan's periods, the bawahan
    with django_assert_num_queries(few):
        client.get(url)
    assert few == 9


# --- pegawai -------------------------------------------------------------------------------------


def test_the_home_page_loads_my_dashboard_with_htmx(client, personas):
    client.force_login(personas.pegawai)
    html = client.get(reverse("home")).content.decode()
    assert f'hx-get="{reverse("laporan:dashboard_saya")}"' in html
    assert "vendor/chartjs/chart.umd.min.js" in html and "js/dashboard.js" in html


def test_my_dashboard_shows_the_open_periods_and_my_predikat(client, personas, rantai):
    skp = pc.skp_bawahan(personas.pegawai, personas, rantai)
    p = pc.periode(skp)
    indikator = skp.rhk.first().indikator.first()
    penilaian_services.realisasi_simpan(
        periode=p, indikator=indikator, actor=personas.pegawai, realisasi="5", sumber_data=""
    )
    pc.nilai(p, personas.pejabat_penilai)
    client.force_login(personas.pegawai)
    response = client.get(reverse("laporan:dashboard_saya"))
    data = response.context["data"]
    # 2 April: TRIWULAN 1 (due 5 April) and TRIWULAN 2 (running) are open; the AKHIR not yet.
    assert [(ps.periode.jenis, ps.periode.nomor) for ps in data.periode_terbuka] == [
        ("TRIWULAN", 1),
        ("TRIWULAN", 2),
    ]
    assert (data.periode_terbuka[0].jumlah_realisasi, data.periode_terbuka[0].jumlah_indikator) == (1, 2)
    html = response.content.decode()
    assert "Realisasi 1/2" in html and "Realisasi belum diisi" in html
    chart = chart_data(response, "chart-predikat-saya")
    assert chart["labels"] == ["Triwulan 1/2026"] and chart["data"] == [4]
    assert chart["skala"]["5"] == "Sangat Baik"
    assert response.context["angka_kredit"] is None  # a pelaksana has no angka kredit


def test_my_dashboard_says_the_skp_is_still_a_draft(client, personas):
    make_skp(personas.pegawai, rhk=1)
    client.force_login(personas.pegawai)
    html = client.get(reverse("laporan:dashboard_saya")).content.decode()
    assert "SKP Anda masih draf" in html


def test_my_dashboard_shows_the_angka_kredit_progress_of_a_jf(client, personas, rantai):
    p = pc.periode(pc.skp_bawahan(personas.fungsional, personas, rantai))
    pc.nilai_dan_tetapkan(p, personas.pejabat_penilai)
    client.force_login(personas.fungsional)
    response = client.get(reverse("laporan:dashboard_saya"))
    # Ahli Pertama, Baik, 3 months: 3/12 x 100% x 12.5 = 3.125 of 50 for the next pangkat.
    assert response.context["angka_kredit"] == {
        "kumulatif": "3,125",
        "target": "50,00",
        "kurang": "46,875",
        "persen": 6,
    }
    assert 'aria-valuenow="6"' in response.content.decode()


def test_my_dashboard_query_count_does_not_grow_with_the_periods(
    client, personas, rantai, django_assert_num_queries
):
    skp = pc.skp_bawahan(personas.pegawai, personas, rantai)
    pc.nilai_dan_tetapkan(pc.periode(skp), personas.pejabat_penilai)
    client.force_login(personas.pegawai)
    # session, user with pegawai, jabatan, my SKP, open periods with counts, predikat history
    with django_assert_num_queries(6):
        client.get(reverse("laporan:dashboard_saya"))


def test_a_large_instansi_shows_one_level_of_the_tree_at_a_time(client, personas, monkeypatch):
    from kinerja.laporan.views import dashboard

    monkeypatch.setattr(dashboard, "UNIT_PENUH", 2)
    client.force_login(personas.admin)
    html = client.get(reverse("laporan:dashboard_admin")).content.decode()
    # Levels 0 and 1 (Dinas, Bidang), each counting everything below; the Seksi only on drill-down.
    assert "Dinas Uji" in html and "Bidang Uji" in html and "Seksi Uji" not in html
    assert f"induk={personas.bidang.pk}" in html
    html = client.get(reverse("laporan:dashboard_admin"), {"induk": personas.bidang.pk}).content.decode()
    assert "Seksi Uji" in html and "Kembali ke tingkat atas" in html
