"""The numbers of the penilaian API: the distribution of a small unit, the query counts of the lists
(fixed, whatever the number of rows) and the OpenAPI document."""

import pytest

from kinerja.accounts.models import Role
from kinerja.api.tests import test_penilaian_api as penilaian_api
from kinerja.api.tests.conftest import API, bearer
from kinerja.api.tests.test_penilaian_api import nilai, ok, periode_of, skp_bawahan
from kinerja.core.testing.factories import PegawaiFactory, UserFactory
from kinerja.core.testing.skp import TAHUN
from kinerja.organisasi import services as organisasi_services
from kinerja.penilaian import services
from kinerja.penilaian.enums import Rating

# The fixtures of test_penilaian_api, bound here so that pytest finds them in this module too.
jam = penilaian_api.jam
media = penilaian_api.media
rantai = penilaian_api.rantai

R = Rating
DISTRIBUSI = f"/distribusi?tahun={TAHUN}&periode_jenis=TRIWULAN&periode_nomor=1"


def predikat_organisasi(personas, predikat):
    services.predikat_organisasi_set(
        unit=personas.seksi, actor=personas.atasan, tahun=TAHUN, jenis="TRIWULAN", nomor=1, predikat=predikat
    )


@pytest.fixture
def seksi(personas, rantai):
    """The three pegawai of the seksi with their Triwulan I periods; the pejabat penilai leads it."""
    return {
        name: periode_of(skp_bawahan(getattr(personas, name), personas, rantai))
        for name in ("pegawai", "rekan", "fungsional")
    }


def test_the_distribution_of_a_small_unit(personas, rantai, seksi, client):
    penilai = personas.pejabat_penilai
    predikat_organisasi(personas, "BAIK")
    nilai(seksi["pegawai"], penilai, R.DI_ATAS_EKSPEKTASI, R.DI_ATAS_EKSPEKTASI)  # Sangat Baik
    nilai(seksi["rekan"], penilai)  # Baik
    # The pimpinan of the seksi is rated too, but follows the unit itself: not counted.
    services.periode_sinkron(skp=rantai.pejabat_penilai)
    nilai(periode_of(rantai.pejabat_penilai), personas.atasan)
    url = f"{API}/unit/{personas.seksi.pk}{DISTRIBUSI}"

    body = ok(client.get(url, headers=bearer(personas.atasan)))

    assert body["unit_id"] == personas.seksi.pk
    assert body["predikat_organisasi"] == "BAIK"
    assert body["jumlah"] == {
        "SANGAT_BAIK": 1,
        "BAIK": 1,
        "BUTUH_PERBAIKAN": 0,
        "KURANG": 0,
        "SANGAT_KURANG": 0,
    }
    assert (body["total"], body["belum_dinilai"]) == (2, 1)
    # SE MenPANRB 3/2023, unit Baik: at most 70% Baik (floor of 1.4 = 1 of 2), at least one Butuh
    # Perbaikan and/or Kurang.
    assert body["batas"] == [
        {"predikat": ["BAIK"], "label": "Baik", "minimum": 0, "maksimum": 1, "jumlah": 1, "terpenuhi": True},
        {
            "predikat": ["BUTUH_PERBAIKAN", "KURANG"],
            "label": "Butuh Perbaikan dan/atau Kurang/Misconduct",
            "minimum": 1,
            "maksimum": 2,
            "jumlah": 0,
            "terpenuhi": False,
        },
    ]
    assert body["pelanggaran"] == [
        "Predikat organisasi Baik: pegawai Butuh Perbaikan dan/atau Kurang/Misconduct sekurang-kurangnya "
        "1 dari 2 orang, saat ini 0."
    ]
    assert body["sesuai"] is False

    # The third pegawai rated Butuh Perbaikan: every rule holds.
    nilai(seksi["fungsional"], penilai, R.DI_BAWAH_EKSPEKTASI, R.SESUAI_EKSPEKTASI)
    body = ok(client.get(url, headers=bearer(personas.atasan)))
    assert (body["total"], body["belum_dinilai"], body["jumlah"]["BUTUH_PERBAIKAN"]) == (3, 0, 1)
    assert [(b["minimum"], b["maksimum"], b["jumlah"]) for b in body["batas"]] == [(0, 2, 1), (1, 3, 1)]
    assert (body["pelanggaran"], body["sesuai"]) == ([], True)
    # Sangat Baik outnumbers Baik? No: one each, so no advice either.
    assert body["saran"] == []


def test_a_unit_without_predikat_organisasi_has_no_rules_yet(personas, seksi, client):
    nilai(seksi["pegawai"], personas.pejabat_penilai)

    body = ok(client.get(f"{API}/unit/{personas.seksi.pk}{DISTRIBUSI}", headers=bearer(personas.pegawai)))

    assert (body["predikat_organisasi"], body["batas"], body["pelanggaran"], body["sesuai"]) == (
        None,
        [],
        [],
        True,
    )
    assert body["belum_dinilai"] == 2


def test_a_blocking_instansi_refuses_tetapkan_with_409(personas, seksi, client):
    services.pengaturan_update(
        instansi_id=personas.instansi.pk,
        actor=personas.admin,
        data=services.PengaturanData(
            frekuensi="TRIWULAN", batas_hari=5, jendela_keberatan_hari=14, distribusi_memblokir=True
        ),
    )
    predikat_organisasi(personas, "BAIK")
    for p in seksi.values():
        nilai(p, personas.pejabat_penilai)
    url = f"{API}/periode/{seksi['pegawai'].pk}/tetapkan"
    headers = bearer(personas.pejabat_penilai)

    response = client.post(
        url, {"alasan_distribusi": "Tetap"}, content_type="application/json", headers=headers
    )

    assert response.status_code == 409
    assert response.json()["message"].startswith("Distribusi predikat unit tidak sesuai pola")


# --- query counts --------------------------------------------------------------------------------

# GET /skp/{id}/periode, once the periods exist:
#   1. the bearer token with its user and pegawai (BearerAuth)
#   2. the SKP, visibility as a subquery (skp_get_for_user)
#   3. its periods
PERIODE_LIST_QUERIES = 3


@pytest.mark.parametrize("frekuensi", ["SEMESTER", "BULANAN"])
def test_the_period_list_costs_the_same_queries_whatever_its_length(
    personas,
    rantai,
    client,
    django_assert_num_queries,
    frekuensi,
):
    services.pengaturan_update(
        instansi_id=personas.instansi.pk,
        actor=personas.admin,
        data=services.PengaturanData(
            frekuensi=frekuensi, batas_hari=5, jendela_keberatan_hari=14, distribusi_memblokir=False
        ),
    )
    skp = skp_bawahan(personas.pegawai, personas, rantai)
    headers = bearer(personas.pejabat_penilai)
    client.get(f"{API}/me", headers=headers)  # the token's first use records last_used_at once

    with django_assert_num_queries(PERIODE_LIST_QUERIES):
        response = client.get(f"{API}/skp/{skp.pk}/periode", headers=headers)

    assert len(ok(response)) == {"SEMESTER": 2, "BULANAN": 12}[frekuensi] + 1


# GET /unit/{id}/distribusi:
#   1. the bearer token with its user and pegawai
#   2. the unit, if the caller may see it (unit_get_for_user)
#   3. the instansi's pengaturan penilaian (rounding)
#   4. the unit's predikat organisasi for the period
#   5. the (period, pegawai, predikat) of the unit's pegawai
DISTRIBUSI_QUERIES = 5


@pytest.mark.parametrize("extra", [0, 6])
def test_the_distribution_costs_the_same_queries_whatever_the_unit_s_size(
    personas,
    rantai,
    seksi,
    client,
    django_assert_num_queries,
    extra,
):

    for i in range(extra):
        pegawai = PegawaiFactory(
            instansi=personas.instansi,
            nama=f"Pelaksana {i}",
            jabatan=personas.p("pegawai").jabatan,
            unit_kerja=personas.seksi,
        )
        UserFactory(pegawai=pegawai, role=Role.PEGAWAI)
    organisasi_services.penilai_rebuild(instansi=personas.instansi)
    for user in type(personas.pegawai).objects.filter(pegawai__nama__startswith="Pelaksana "):
        nilai(periode_of(skp_bawahan(user, personas, rantai)), personas.pejabat_penilai)
    for p in seksi.values():
        nilai(p, personas.pejabat_penilai)
    predikat_organisasi(personas, "BAIK")
    headers = bearer(personas.atasan)
    client.get(f"{API}/me", headers=headers)

    with django_assert_num_queries(DISTRIBUSI_QUERIES):
        response = client.get(f"{API}/unit/{personas.seksi.pk}{DISTRIBUSI}", headers=headers)

    assert ok(response)["total"] == 3 + extra


# --- OpenAPI -------------------------------------------------------------------------------------

PATHS = {
    "/api/v1/skp/{skp_id}/periode": ("get", {"200", "401", "404"}),
    "/api/v1/periode/{periode_id}": ("get", {"200", "401", "404"}),
    "/api/v1/periode/{periode_id}/realisasi/{indikator_id}": (
        "put",
        {"200", "400", "401", "403", "404", "409"},
    ),
    "/api/v1/periode/{periode_id}/bukti-dukung": ("post", {"201", "400", "401", "403", "404", "409"}),
    "/api/v1/bukti-dukung/{bukti_id}": ("delete", {"204", "401", "403", "404", "409"}),
    "/api/v1/periode/{periode_id}/umpan-balik": ("post", {"201", "400", "401", "403", "404", "409"}),
    "/api/v1/periode/{periode_id}/penilaian": ("put", {"200", "400", "401", "403", "404", "409"}),
    "/api/v1/periode/{periode_id}/tetapkan": ("post", {"200", "400", "401", "403", "404", "409"}),
    "/api/v1/periode/{periode_id}/keberatan": ("post", {"201", "400", "401", "403", "404", "409"}),
    "/api/v1/periode/{periode_id}/keberatan/penjelasan": ("post", {"200", "400", "401", "403", "404", "409"}),
    "/api/v1/periode/{periode_id}/keberatan/keputusan": ("post", {"200", "400", "401", "403", "404", "409"}),
    "/api/v1/periode/{periode_id}/pembinaan": ("post", {"201", "400", "401", "403", "404"}),
    "/api/v1/unit/{unit_id}/predikat-organisasi": ("put", {"200", "400", "401", "403", "404"}),
    "/api/v1/unit/{unit_id}/distribusi": ("get", {"200", "400", "401", "404"}),
    "/api/v1/pegawai/{nip}/angka-kredit": ("get", {"200", "400", "401", "404"}),
}


@pytest.fixture
def openapi(db, client):
    response = client.get(f"{API}/openapi.json")
    assert response.status_code == 200
    return response.json()


def test_the_openapi_document_lists_every_penilaian_path(openapi):
    for path, (method, statuses) in PATHS.items():
        operation = openapi["paths"][path][method]
        assert statuses <= set(operation["responses"]), path
        assert "422" not in operation["responses"], path
        assert operation["security"] == [{"BearerAuth": []}], path
        assert "penilaian" in operation["tags"], path


def test_the_bukti_dukung_operation_documents_json_and_multipart(openapi):
    content = openapi["paths"]["/api/v1/periode/{periode_id}/bukti-dukung"]["post"]["requestBody"]["content"]

    assert set(content) == {"application/json", "multipart/form-data"}
    assert set(content["application/json"]["schema"]["required"]) == {"rhk_id", "nama", "url"}
    multipart = content["multipart/form-data"]["schema"]
    assert multipart["properties"]["file"] == {"type": "string", "format": "binary"}
    assert set(multipart["required"]) == {"rhk_id", "file"}


def test_the_rating_enum_is_documented(openapi):
    schema = openapi["components"]["schemas"]["PenilaianIn"]["properties"]["rating_hasil_kerja"]

    assert schema["enum"] == ["DI_ATAS_EKSPEKTASI", "SESUAI_EKSPEKTASI", "DI_BAWAH_EKSPEKTASI"]


def test_tetapkan_documents_an_optional_body(openapi):
    body = openapi["paths"]["/api/v1/periode/{periode_id}/tetapkan"]["post"]["requestBody"]

    assert body.get("required", False) is False
