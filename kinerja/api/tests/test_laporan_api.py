"""Documents and exports through the API: the PDF of an SKP and of a unit, the Excel rekap; the same
access rules as the pages (404, no leak), 401 without a token, 400 for bad parameters, in JSON."""

import io

import openpyxl
import pytest

from kinerja.api.tests.conftest import API, bearer
from kinerja.laporan import ekspor
from kinerja.laporan.models import Dokumen
from kinerja.penilaian.tests.conftest import jam, nilai_dan_tetapkan, periode, rantai, skp_bawahan  # noqa: F401

pytestmark = pytest.mark.django_db

TAHUN = 2026


@pytest.fixture
def skp_pegawai(personas, rantai):  # noqa: F811
    return skp_bawahan(personas.pegawai, personas, rantai)


def get(client, path, user=None, **params):
    headers = bearer(user) if user is not None else {}
    return client.get(f"{API}{path}", params, headers=headers)


# --- the SKP documents -------------------------------------------------------------------------------


def test_the_skp_pdf_comes_with_its_verification_code(client, personas, skp_pegawai):
    response = get(client, f"/skp/{skp_pegawai.pk}/dokumen/skp.pdf", personas.pejabat_penilai)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    kode = response["X-Verifikasi"]
    assert Dokumen.objects.get(kode=kode).kunci == f"skp:{skp_pegawai.pk}"


def test_a_period_document_takes_the_period(client, personas, skp_pegawai):
    p = nilai_dan_tetapkan(periode(skp_pegawai), personas.pejabat_penilai, alasan="Uji.")

    response = get(client, f"/skp/{skp_pegawai.pk}/dokumen/evaluasi.pdf", personas.pegawai, periode=p.pk)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"


@pytest.mark.parametrize("persona", ["rekan", "orang_lain"])
def test_the_skp_pdf_of_someone_not_visible_is_404(client, personas, skp_pegawai, persona):
    response = get(client, f"/skp/{skp_pegawai.pk}/dokumen/skp.pdf", getattr(personas, persona))

    assert response.status_code == 404
    assert response.json()["code"] == "tidak_ditemukan"


def test_an_unknown_document_is_404(client, personas, skp_pegawai):
    response = get(client, f"/skp/{skp_pegawai.pk}/dokumen/rahasia.pdf", personas.pegawai)

    assert response.status_code == 404
    assert response.json()["code"] == "tidak_ditemukan"


def test_a_document_needs_a_token(client, skp_pegawai):
    response = get(client, f"/skp/{skp_pegawai.pk}/dokumen/skp.pdf")

    assert response.status_code == 401
    assert response.json()["code"] == "tidak_terautentikasi"


def test_a_bad_period_parameter_is_400(client, personas, skp_pegawai):
    response = get(client, f"/skp/{skp_pegawai.pk}/dokumen/evaluasi.pdf", personas.pegawai, periode="satu")

    assert response.status_code == 400
    assert response.json()["code"] == "input_tidak_valid"


# --- the unit document ------------------------------------------------------------------------------


def test_the_penetapan_predikat_of_a_unit(client, personas, skp_pegawai):
    nilai_dan_tetapkan(periode(skp_pegawai), personas.pejabat_penilai, alasan="Uji.")

    response = get(
        client,
        f"/unit/{personas.seksi.pk}/dokumen/penetapan-predikat.pdf",
        personas.admin,
        tahun=TAHUN,
        jenis="TRIWULAN",
        nomor=1,
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Verifikasi"]


@pytest.mark.parametrize("persona", ["pegawai", "orang_lain"])
def test_the_penetapan_predikat_is_404_for_who_may_not_read_the_ratings(client, personas, persona):
    response = get(
        client,
        f"/unit/{personas.seksi.pk}/dokumen/penetapan-predikat.pdf",
        getattr(personas, persona),
        tahun=TAHUN,
        jenis="TRIWULAN",
        nomor=1,
    )

    assert response.status_code == 404


@pytest.mark.parametrize(
    "params",
    [
        {"tahun": TAHUN, "jenis": "TAHUNAN", "nomor": 1},
        {"tahun": TAHUN, "jenis": "TRIWULAN", "nomor": 13},
        {"tahun": "x", "jenis": "TRIWULAN", "nomor": 1},
        {"jenis": "TRIWULAN", "nomor": 1},
    ],
)
def test_the_penetapan_predikat_with_a_bad_period_is_400(client, personas, params):
    response = get(
        client, f"/unit/{personas.seksi.pk}/dokumen/penetapan-predikat.pdf", personas.admin, **params
    )

    assert response.status_code == 400
    assert response.json()["code"] == "input_tidak_valid"


def test_the_penetapan_predikat_needs_a_token(client, personas):
    response = get(
        client,
        f"/unit/{personas.seksi.pk}/dokumen/penetapan-predikat.pdf",
        tahun=TAHUN,
        jenis="AKHIR",
        nomor=1,
    )

    assert response.status_code == 401


# --- the Excel exports ------------------------------------------------------------------------------


def test_the_rekap_is_the_same_xlsx_as_the_page(client, personas, skp_pegawai):
    response = get(client, "/laporan/rekap-skp.xlsx", personas.atasan, unit=personas.bidang.pk, tahun=TAHUN)

    assert response.status_code == 200
    assert response["Content-Type"] == ekspor.XLSX
    assert response["Content-Disposition"].startswith("attachment;")
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert sheet.freeze_panes == "A2"
    nips = [r[0] for r in sheet.iter_rows(min_row=2, values_only=True)]
    # The atasan's own SKP in the bidang, the pejabat penilai's and the pegawai's in the seksi below.
    assert set(nips) == {personas.p(n).nip for n in ("atasan", "pejabat_penilai", "pegawai")}


def test_the_rekap_penilaian_takes_the_period(client, personas, skp_pegawai):
    response = get(
        client,
        "/laporan/rekap-penilaian.xlsx",
        personas.admin,
        unit=personas.dinas.pk,
        tahun=TAHUN,
        periode_jenis="TRIWULAN",
        periode_nomor=1,
    )

    assert response.status_code == 200
    assert response["Content-Type"] == ekspor.XLSX


@pytest.mark.parametrize(
    ("persona", "unit"), [("pegawai", "seksi"), ("orang_lain", "seksi"), ("pejabat_penilai", "bidang")]
)
def test_a_rekap_the_caller_may_not_export_is_404(client, personas, persona, unit):
    response = get(
        client,
        "/laporan/monitoring.xlsx",
        getattr(personas, persona),
        unit=getattr(personas, unit).pk,
        tahun=TAHUN,
    )

    assert response.status_code == 404
    assert response.json()["code"] == "tidak_ditemukan"


def test_an_unknown_rekap_is_404(client, personas):
    response = get(client, "/laporan/gaji.xlsx", personas.admin, unit=personas.dinas.pk, tahun=TAHUN)

    assert response.status_code == 404


def test_a_rekap_needs_a_token(client, personas):
    response = get(client, "/laporan/rekap-skp.xlsx", unit=personas.dinas.pk, tahun=TAHUN)

    assert response.status_code == 401
    assert response.json()["code"] == "tidak_terautentikasi"


@pytest.mark.parametrize(
    ("jenis", "params", "pesan"),
    [
        ("rekap-skp", {"tahun": 1990}, "Tahun harus bilangan bulat antara 2000 dan 2100."),
        ("rekap-penilaian", {"tahun": TAHUN}, "Jenis periode harus salah satu dari"),
        ("rekap-penilaian", {"tahun": TAHUN, "periode_jenis": "TRIWULAN"}, "Nomor periode wajib diisi."),
        ("rekap-skp", {"tahun": "dua"}, "Data yang dikirim tidak valid."),
    ],
)
def test_bad_rekap_parameters_are_400_in_json(client, personas, jenis, params, pesan):
    response = get(client, f"/laporan/{jenis}.xlsx", personas.admin, unit=personas.dinas.pk, **params)

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "input_tidak_valid"
    assert pesan in body["message"]


def test_the_openapi_document_names_the_file_media_types(client):
    paths = client.get(f"{API}/openapi.json").json()["paths"]

    pdf = paths["/api/v1/skp/{skp_id}/dokumen/{jenis}.pdf"]["get"]["responses"]
    assert "application/pdf" in pdf["200"]["content"]
    assert "X-Verifikasi" in pdf["200"]["headers"]
    assert {"400", "401", "404"} <= set(pdf)
    unit = paths["/api/v1/unit/{unit_id}/dokumen/penetapan-predikat.pdf"]["get"]["responses"]
    assert "application/pdf" in unit["200"]["content"]
    xlsx = paths["/api/v1/laporan/{jenis}.xlsx"]["get"]["responses"]
    assert ekspor.XLSX in xlsx["200"]["content"]
