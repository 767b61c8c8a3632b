"""Excel exports of a unit and the units below it: their columns and rows, the sheet layout, who may
download them, bad parameters, and a query count that does not grow with the rows."""

from __future__ import annotations

import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from kinerja.core.testing.factories import PegawaiFactory, UserFactory
from kinerja.core.testing.skp import make_skp
from kinerja.laporan import ekspor
from kinerja.penilaian import services as penilaian_services
from kinerja.penilaian.enums import Rating
from kinerja.penilaian.tests.conftest import (  # noqa: F401
    jam,
    nilai_dan_tetapkan,
    periode,
    rantai,
    skp_bawahan,
)
from kinerja.skp import services as skp_services

pytestmark = pytest.mark.django_db

TAHUN = 2026


def url(jenis, unit, **params):
    query = {"unit": unit.pk, "tahun": TAHUN, **params}
    return reverse("laporan:ekspor_file", args=[jenis]), query


def unduh(client, user, jenis, unit, **params):
    client.force_login(user)
    path, query = url(jenis, unit, **params)
    return client.get(path, query)


def buka(response):
    """The workbook of a streamed response, read back in full (not read-only) for its layout."""
    data = b"".join(response.streaming_content)
    return openpyxl.load_workbook(io.BytesIO(data)).active


def rows(sheet):
    return [list(r) for r in sheet.iter_rows(min_row=2, values_only=True)]


def by_nip(sheet):
    return {r[0]: r for r in rows(sheet)}


@pytest.fixture
def data(personas, rantai):  # noqa: F811
    """SKP of the whole chain; the pegawai's first triwulan rated above expectations and finalised,
    with one realisasi; the fungsional's finalised (so it converts to angka kredit); rekan has none."""
    skp_pegawai = skp_bawahan(personas.pegawai, personas, rantai)
    skp_fungsional = skp_bawahan(personas.fungsional, personas, rantai)
    p = periode(skp_pegawai)
    indikator = skp_pegawai.rhk.first().indikator.first()
    penilaian_services.realisasi_simpan(
        periode=p, indikator=indikator, actor=personas.pegawai, realisasi="12 dokumen", sumber_data=""
    )
    nilai_dan_tetapkan(p, personas.pejabat_penilai, hasil=Rating.DI_ATAS_EKSPEKTASI, alasan="Uji.")
    nilai_dan_tetapkan(periode(skp_fungsional), personas.pejabat_penilai, alasan="Uji.")
    return {"pegawai": skp_pegawai, "fungsional": skp_fungsional}


# --- content and layout -----------------------------------------------------------------------------


def test_the_rekap_skp_lists_the_current_versions_with_their_opd(client, personas, rantai, data):  # noqa: F811
    # An approved revisi replaces the pegawai's first version: only the new one is listed.
    revisi = skp_services.skp_revisi(skp=data["pegawai"], actor=personas.pegawai)
    skp_services.skp_ajukan(skp=revisi, actor=personas.pegawai)
    skp_services.skp_setujui(skp=revisi, actor=personas.pejabat_penilai)

    response = unduh(client, personas.admin, "rekap-skp", personas.dinas)

    assert response.status_code == 200
    assert response["Content-Type"] == ekspor.XLSX
    assert response["Content-Disposition"].startswith("attachment;")
    assert ".xlsx" in response["Content-Disposition"]
    sheet = buka(response)
    assert [c.value for c in sheet[1]] == [
        "nip",
        "nama",
        "jabatan",
        "unit",
        "unit_induk",
        "status",
        "periode_awal",
        "periode_akhir",
    ]
    semua = rows(sheet)
    assert len(semua) == 5  # kepala dinas, atasan, pejabat penilai, pegawai (once), fungsional
    baris = by_nip(sheet)
    pegawai = baris[personas.p("pegawai").nip]
    assert pegawai[1:6] == ["Dewi Lestari", "Pengadministrasi Umum", "Seksi Uji", "Bidang Uji", "DISETUJUI"]
    assert pegawai[6].date().isoformat() == "2026-01-01"
    assert pegawai[7].date().isoformat() == "2026-12-31"
    # The root unit is its own unit induk; a draft is listed with its status.
    assert baris[personas.p("kepala_dinas").nip][3:6] == ["Dinas Uji", "Dinas Uji", "DRAFT"]


def test_the_sheet_has_a_bold_filled_frozen_header_widths_and_an_auto_filter(client, personas, rantai):  # noqa: F811
    sheet = buka(unduh(client, personas.admin, "rekap-skp", personas.dinas))

    assert sheet.freeze_panes == "A2"
    # kepala dinas (draft), atasan and pejabat penilai of the rantai: three rows under the header.
    assert sheet.auto_filter.ref == "A1:H4"
    assert sheet["A1"].font.b is True
    assert sheet["A1"].fill.fgColor.rgb.endswith(ekspor.HEADER_FILL.fgColor.rgb[-6:])
    assert sheet.column_dimensions["A"].width == 21
    assert sheet.column_dimensions["B"].width == 34


def test_an_export_without_rows_still_has_its_header_and_filter(client, personas):
    sheet = buka(unduh(client, personas.admin, "rekap-skp", personas.dinas))

    assert rows(sheet) == []
    assert sheet.auto_filter.ref == "A1:H1"


def test_the_rekap_penilaian_lists_ratings_and_predikat_of_the_period(client, personas, data):
    response = unduh(
        client, personas.admin, "rekap-penilaian", personas.seksi, periode_jenis="TRIWULAN", periode_nomor=1
    )

    sheet = buka(response)
    assert [c.value for c in sheet[1]] == [
        "nip",
        "nama",
        "jabatan",
        "unit",
        "rating_hasil_kerja",
        "rating_perilaku_kerja",
        "predikat",
        "status",
    ]
    baris = by_nip(sheet)
    assert baris[personas.p("pegawai").nip][2:] == [
        "Pengadministrasi Umum",
        "Seksi Uji",
        "DI_ATAS_EKSPEKTASI",
        "SESUAI_EKSPEKTASI",
        "BAIK",
        "DITETAPKAN",
    ]
    # The pejabat penilai's own period is not rated yet: empty cells, its status.
    assert baris[personas.p("pejabat_penilai").nip][4:] == [None, None, None, "BELUM_DINILAI"]
    assert personas.p("rekan").nip not in baris
    assert "triwulan-1" in response["Content-Disposition"]


def test_the_monitoring_lists_every_pegawai_with_or_without_an_skp(client, personas, data):
    sheet = buka(unduh(client, personas.admin, "monitoring", personas.seksi))

    assert [c.value for c in sheet[1]] == [
        "nip",
        "nama",
        "jabatan",
        "unit",
        "status_skp",
        "realisasi_terisi",
        "periode_dinilai",
        "periode_ditetapkan",
    ]
    baris = by_nip(sheet)
    assert len(baris) == 4  # pejabat penilai, pegawai, rekan, fungsional
    assert baris[personas.p("rekan").nip][4:] == ["BELUM_ADA", 0, 0, 0]
    assert baris[personas.p("pegawai").nip][4:] == ["DISETUJUI", 1, 1, 1]
    assert baris[personas.p("pejabat_penilai").nip][4:] == ["DISETUJUI", 0, 0, 0]


def test_the_angka_kredit_export_keeps_numbers_as_numbers(client, personas, data):
    sheet = buka(unduh(client, personas.admin, "angka-kredit", personas.dinas))

    assert [c.value for c in sheet[1]] == [
        "nip",
        "nama",
        "jabatan",
        "jenjang",
        "periode",
        "predikat",
        "persentase",
        "koefisien",
        "bulan",
        "angka_kredit",
    ]
    (baris,) = rows(sheet)
    assert baris[:6] == [
        personas.p("fungsional").nip,
        "Putu Ayu",
        "Pranata Komputer Ahli Pertama",
        "AHLI_PERTAMA",
        "TRIWULAN 1",
        "BAIK",
    ]
    # Ahli Pertama, one triwulan Baik: 3/12 x 100% x 12.5 = 3.125, as number cells.
    assert baris[6:] == [1, 12.5, 3, 3.125]
    assert sheet["J2"].data_type == "n"
    assert Decimal(str(baris[9])) == Decimal("3.125")


# --- access ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "unit", "status"),
    [
        ("admin", "dinas", 200),
        ("superadmin", "dinas", 200),
        ("pejabat_penilai", "seksi", 200),  # the pimpinan of the unit
        ("atasan", "seksi", 200),  # the pimpinan of a unit above it
        ("kepala_dinas", "bidang", 200),
        ("pejabat_penilai", "bidang", 404),  # a unit above their own
        ("pegawai", "seksi", 404),  # a pelaksana of the unit
        ("fungsional", "seksi", 404),
        ("orang_lain", "seksi", 404),  # another instansi
    ],
)
def test_who_may_download_an_export(client, personas, persona, unit, status):
    response = unduh(client, getattr(personas, persona), "monitoring", getattr(personas, unit))

    assert response.status_code == status


def test_an_admin_of_another_instansi_gets_404(client, personas):
    lain = UserFactory(
        pegawai=PegawaiFactory(instansi=personas.p("orang_lain").instansi), role="ADMIN_INSTANSI"
    )

    assert unduh(client, lain, "rekap-skp", personas.dinas).status_code == 404


@pytest.mark.parametrize(
    ("jenis", "params", "pesan"),
    [
        ("rekap-skp", {"tahun": "dua ribu"}, "Tahun harus bilangan bulat"),
        ("rekap-skp", {"tahun": "1999"}, "Tahun harus bilangan bulat antara 2000 dan 2100"),
        ("rekap-skp", {"unit": ""}, "Unit kerja wajib diisi"),
        ("monitoring", {"unit": "-3"}, "Unit kerja harus bilangan bulat"),
        ("rekap-penilaian", {}, "Jenis periode harus salah satu dari"),
        ("rekap-penilaian", {"periode_jenis": "TRIWULAN", "periode_nomor": "13"}, "Nomor periode"),
        ("rekap-penilaian", {"periode_jenis": "TRIWULAN"}, "Nomor periode wajib diisi"),
        ("rekap-penilaian", {"periode_jenis": "TRIWULAN", "periode_nomor": "5"}, "antara 1 dan 4"),
        ("rekap-penilaian", {"periode_jenis": "AKHIR", "periode_nomor": "2"}, "antara 1 dan 1"),
    ],
)
def test_bad_parameters_answer_400_in_bahasa_indonesia(client, personas, jenis, params, pesan):
    client.force_login(personas.admin)
    path, query = url(jenis, personas.dinas)

    response = client.get(path, {**query, **params})

    assert response.status_code == 400
    assert pesan in response.content.decode()


def test_an_unknown_kind_is_404(client, personas):
    assert unduh(client, personas.admin, "rahasia", personas.dinas).status_code == 404


def test_parameters_are_checked_before_access_without_leaking(client, personas):
    # A pelaksana with bad parameters learns nothing about the unit either way.
    assert unduh(client, personas.pegawai, "rekap-skp", personas.seksi, tahun="x").status_code == 400
    assert unduh(client, personas.pegawai, "rekap-skp", personas.seksi).status_code == 404


# --- query count -------------------------------------------------------------------------------------


def tambah_pegawai(personas, n, *, skp=True):
    jabatan = personas.p("pegawai").jabatan
    for _ in range(n):
        user = UserFactory(
            pegawai=PegawaiFactory(instansi=personas.instansi, jabatan=jabatan, unit_kerja=personas.seksi)
        )
        if skp:
            make_skp(user)


def ekspor_baris(user, jenis, unit, **params):
    p = ekspor.permintaan(jenis, {"unit": unit.pk, "tahun": TAHUN, **params})
    berkas = ekspor.buat(user=user, p=p)
    berkas.fh.close()
    return berkas.baris


@pytest.mark.parametrize(
    ("jenis", "queries"),
    [
        # the unit (access), the OPD names, the SKP rows
        ("rekap-skp", 3),
        # the unit (access), the pegawai rows with their figures as subqueries
        ("monitoring", 2),
    ],
)
def test_an_admin_export_does_not_query_per_row(django_assert_num_queries, personas, jenis, queries):
    tambah_pegawai(personas, 2)
    with django_assert_num_queries(queries):
        sedikit = ekspor_baris(personas.admin, jenis, personas.dinas)
    tambah_pegawai(personas, 25)
    with django_assert_num_queries(queries):
        banyak = ekspor_baris(personas.admin, jenis, personas.dinas)

    assert banyak == sedikit + 25


def test_a_pimpinan_export_adds_one_query_for_the_unit_they_lead(django_assert_num_queries, personas):
    tambah_pegawai(personas, 2)
    # the unit (access), the unit the pejabat penilai leads, the OPD names, the SKP rows
    with django_assert_num_queries(4):
        sedikit = ekspor_baris(personas.pejabat_penilai, "rekap-skp", personas.seksi)
    tambah_pegawai(personas, 25)
    with django_assert_num_queries(4):
        banyak = ekspor_baris(personas.pejabat_penilai, "rekap-skp", personas.seksi)

    assert banyak == sedikit + 25


@pytest.mark.parametrize(
    ("jenis", "params"),
    [("rekap-penilaian", {"periode_jenis": "TRIWULAN", "periode_nomor": 1}), ("angka-kredit", {})],
)
def test_the_period_exports_are_two_queries(django_assert_num_queries, personas, data, jenis, params):
    # the unit (access), the rows
    with django_assert_num_queries(2):
        assert ekspor_baris(personas.admin, jenis, personas.dinas, **params) >= 1


# --- the page -----------------------------------------------------------------------------------------


def test_the_page_offers_an_admin_every_unit_and_a_download_link_per_kind(client, personas):
    client.force_login(personas.admin)

    response = client.get(reverse("laporan:ekspor"), {"unit": personas.bidang.pk, "tahun": TAHUN})

    assert response.status_code == 200
    html = response.content.decode()
    for unit in (personas.dinas, personas.bidang, personas.seksi):
        assert f'value="{unit.pk}"' in html
    for kode in ekspor.JENIS:
        assert (
            reverse("laporan:ekspor_file", args=[kode]) + f"?unit={personas.bidang.pk}&amp;tahun={TAHUN}"
            in html
        )
    assert "periode_jenis=TRIWULAN&amp;periode_nomor=1" in html


def test_the_page_offers_a_pimpinan_their_unit_and_those_below(client, personas):
    client.force_login(personas.atasan)

    response = client.get(reverse("laporan:ekspor"))

    assert response.status_code == 200
    units = [u.pk for u in response.context["units"]]
    assert units == [personas.bidang.pk, personas.seksi.pk]


@pytest.mark.parametrize("persona", ["pegawai", "fungsional", "orang_lain"])
def test_the_page_is_forbidden_to_anyone_else(client, personas, persona):
    client.force_login(getattr(personas, persona))

    assert client.get(reverse("laporan:ekspor")).status_code == 403


def test_a_link_of_the_page_downloads_the_file(client, personas, rantai):  # noqa: F811
    client.force_login(personas.pejabat_penilai)
    page = client.get(reverse("laporan:ekspor"), {"tahun": TAHUN})
    _, link, _ = page.context["tautan"][0]

    response = client.get(link.replace("&amp;", "&"))

    assert response.status_code == 200
    assert response["Content-Type"] == ekspor.XLSX
    assert len(rows(buka(response))) == 1  # the pejabat penilai's own SKP in the seksi
