"""Query counts of the SKP reads (fixed, whatever the size of the SKP) and the OpenAPI document."""

import datetime as dt

import pytest

from kinerja.api.tests.conftest import API, bearer
from kinerja.core.testing.skp import make_skp
from kinerja.skp import services

# GET /skp/{id}:
#   1. the bearer token with its user and pegawai (BearerAuth)
#   2. the SKP with pegawai, jabatan, unit kerja, pejabat penilai and atasan, visibility as a subquery
#   3. its RHK with the RHK atasan they intervene
#   4. the indikator of those RHK
#   5. the seven perilaku kerja
#   6. the lampiran
DETAIL_QUERIES = 6


@pytest.mark.parametrize(("rhk", "indikator"), [(2, 1), (30, 3)])
def test_the_detail_costs_the_same_queries_whatever_its_size(
    personas, client, django_assert_num_queries, rhk, indikator
):
    skp = make_skp(personas.pegawai, rhk=rhk, indikator=indikator)
    headers = bearer(personas.pejabat_penilai)
    client.get(f"{API}/me", headers=headers)  # the token's first use records last_used_at once

    with django_assert_num_queries(DETAIL_QUERIES):
        response = client.get(f"{API}/skp/{skp.pk}", headers=headers)

    assert response.status_code == 200
    body = response.json()
    assert len(body["rhk"]) == rhk
    assert sum(len(r["indikator"]) for r in body["rhk"]) == rhk * indikator


# GET /skp?pegawai=NIP:
#   1. the bearer token with its user and pegawai
#   2. the pegawai, if the caller may see them
#   3. their SKP with pegawai, jabatan and pejabat penilai
LIST_QUERIES = 3


@pytest.mark.parametrize("years", [1, 4])
def test_the_list_costs_the_same_queries_whatever_its_length(
    personas, client, django_assert_num_queries, years
):
    for year in range(2020, 2020 + years):
        make_skp(personas.pegawai, awal=dt.date(year, 1, 1), akhir=dt.date(year, 12, 31))
    headers = bearer(personas.pejabat_penilai)
    client.get(f"{API}/me", headers=headers)

    with django_assert_num_queries(LIST_QUERIES):
        response = client.get(f"{API}/skp", {"pegawai": personas.p("pegawai").nip}, headers=headers)

    assert len(response.json()) == years


# GET /skp/{id}/riwayat: 1. the token, 2. the SKP (access check), 3. the riwayat with actor and version
RIWAYAT_QUERIES = 3


@pytest.mark.parametrize("rounds", [1, 5])
def test_the_riwayat_costs_the_same_queries_whatever_its_length(
    personas, client, django_assert_num_queries, rounds
):
    skp_penilai = make_skp(personas.pejabat_penilai, rhk=1)
    skp = make_skp(personas.pegawai, rhk=1, rhk_atasan=list(skp_penilai.rhk.all()))
    for _ in range(rounds):
        services.skp_ajukan(skp=skp, actor=personas.pegawai)
        services.skp_kembalikan(skp=skp, actor=personas.pejabat_penilai, catatan="Ulangi")
    headers = bearer(personas.pegawai)
    client.get(f"{API}/me", headers=headers)

    with django_assert_num_queries(RIWAYAT_QUERIES):
        response = client.get(f"{API}/skp/{skp.pk}/riwayat", headers=headers)

    assert len(response.json()) == 1 + 2 * rounds


PATHS = {
    "/api/v1/skp": {"get": {"200", "400", "401", "404"}, "post": {"201", "400", "401", "403"}},
    "/api/v1/skp/{id}": {"get": {"200", "401", "404"}},
    "/api/v1/skp/{id}/riwayat": {"get": {"200", "401", "404"}},
    "/api/v1/skp/{id}/rhk": {"post": {"201", "400", "403", "404", "409"}},
    "/api/v1/rhk/{id}": {
        "patch": {"200", "400", "403", "404", "409"},
        "delete": {"204", "403", "404", "409"},
    },
    "/api/v1/rhk/{id}/indikator": {"post": {"201", "400", "403", "404", "409"}},
    "/api/v1/indikator/{id}": {"patch": {"200", "400", "404", "409"}, "delete": {"204", "403", "404", "409"}},
    "/api/v1/skp/{id}/perilaku/{core_value}": {"put": {"200", "400", "403", "404", "409"}},
    "/api/v1/skp/{id}/lampiran": {"post": {"201", "400", "403", "404", "409"}},
    "/api/v1/lampiran/{id}": {"patch": {"200", "400", "403", "404", "409"}, "delete": {"204", "403", "404"}},
    "/api/v1/skp/{id}/ajukan": {"post": {"200", "400", "403", "404", "409"}},
    "/api/v1/skp/{id}/batal-ajukan": {"post": {"200", "403", "404", "409"}},
    "/api/v1/skp/{id}/setujui": {"post": {"200", "403", "404", "409"}},
    "/api/v1/skp/{id}/kembalikan": {"post": {"200", "400", "403", "404", "409"}},
    "/api/v1/skp/{id}/revisi": {"post": {"201", "403", "404", "409"}},
}


def test_the_openapi_document_lists_every_skp_path_under_the_skp_tag(db, client):
    schema = client.get(f"{API}/openapi.json").json()

    for path, methods in PATHS.items():
        for method, statuses in methods.items():
            operation = schema["paths"][path][method]
            assert statuses <= set(operation["responses"]), (path, method)
            assert "422" not in operation["responses"]
            assert operation["tags"] == ["skp"]
            assert operation["security"] == [{"BearerAuth": []}]


def test_the_openapi_document_lists_the_choices_of_text_fields(db, client):
    schemas = client.get(f"{API}/openapi.json").json()["components"]["schemas"]

    assert schemas["RhkCreateIn"]["properties"]["jenis"]["enum"] == ["UTAMA", "TAMBAHAN"]
    assert set(schemas["SkpOut"]["required"]) >= {
        "id",
        "status",
        "pejabat_penilai",
        "rhk",
        "perilaku",
        "lampiran",
    }
