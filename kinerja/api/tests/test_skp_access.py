"""Who may call each SKP endpoint: allowed, forbidden (403: sees the SKP, may not change it) and
not visible (404: exactly as a missing SKP). The pegawai owns the SKP; the pejabat penilai reviews
it; the atasan (the penilai's own penilai) sees it but neither owns nor reviews it; the rekan, a
peer, does not see it at all."""

import json

import pytest

from kinerja.api.tests.conftest import API, bearer
from kinerja.core.testing.skp import make_skp
from kinerja.skp import services
from kinerja.skp.enums import StatusSkp
from kinerja.skp.models import Skp


@pytest.fixture
def call(client):
    def do(method, path, user=None, body=None):
        headers = bearer(user) if user is not None else {}
        data = json.dumps(body) if body is not None else ""
        return client.generic(method, f"{API}{path}", data, content_type="application/json", headers=headers)

    return do


@pytest.fixture
def skp_dalam(personas):
    """The pegawai's SKP in a status, with one RHK intervening the pejabat penilai's only RHK."""

    def build(status=StatusSkp.DRAFT):
        skp_penilai = make_skp(personas.pejabat_penilai, rhk=1)
        skp = make_skp(personas.pegawai, rhk=1, rhk_atasan=list(skp_penilai.rhk.all()))
        if status in (StatusSkp.DIAJUKAN, StatusSkp.DISETUJUI):
            services.skp_ajukan(skp=skp, actor=personas.pegawai)
        if status == StatusSkp.DISETUJUI:
            services.skp_setujui(skp=skp, actor=personas.pejabat_penilai)
        return Skp.objects.get(pk=skp.pk)

    return build


def _ids(skp):
    rhk = skp.rhk.get()
    return {
        "skp": skp.pk,
        "rhk": rhk.pk,
        "indikator": rhk.indikator.get().pk,
        "lampiran": skp.lampiran.order_by("pk").first().pk,
    }


INDIKATOR = {"aspek": "KUANTITAS", "indikator": "Jumlah laporan", "target_min": 1, "satuan": "Laporan"}

# (method, path, body, status of the SKP, allowed caller, its status code, forbidden caller)
ENDPOINTS = {
    "detail": ("GET", "/skp/{skp}", None, StatusSkp.DRAFT, "atasan", 200, None),
    "riwayat": ("GET", "/skp/{skp}/riwayat", None, StatusSkp.DRAFT, "pejabat_penilai", 200, None),
    "rhk_create": (
        "POST",
        "/skp/{skp}/rhk",
        {"jenis": "TAMBAHAN", "uraian": "Membantu kegiatan"},
        StatusSkp.DRAFT,
        "pegawai",
        201,
        "pejabat_penilai",
    ),
    "rhk_update": (
        "PATCH",
        "/rhk/{rhk}",
        {"uraian": "Baru"},
        StatusSkp.DRAFT,
        "pegawai",
        200,
        "pejabat_penilai",
    ),
    "rhk_delete": ("DELETE", "/rhk/{rhk}", None, StatusSkp.DRAFT, "pegawai", 204, "pejabat_penilai"),
    "indikator_create": (
        "POST",
        "/rhk/{rhk}/indikator",
        INDIKATOR,
        StatusSkp.DRAFT,
        "pegawai",
        201,
        "pejabat_penilai",
    ),
    "indikator_update": (
        "PATCH",
        "/indikator/{indikator}",
        {"target_max": "5"},
        StatusSkp.DRAFT,
        "pegawai",
        200,
        "atasan",
    ),
    "indikator_delete": (
        "DELETE",
        "/indikator/{indikator}",
        None,
        StatusSkp.DRAFT,
        "pegawai",
        204,
        "pejabat_penilai",
    ),
    "perilaku": (
        "PUT",
        "/skp/{skp}/perilaku/KOMPETEN",
        {"ekspektasi_khusus": "Mengikuti pelatihan"},
        StatusSkp.DIAJUKAN,
        "pejabat_penilai",
        200,
        "pegawai",
    ),
    "lampiran_create": (
        "POST",
        "/skp/{skp}/lampiran",
        {"jenis": "KONSEKUENSI", "uraian": "Teguran"},
        StatusSkp.DRAFT,
        "pegawai",
        201,
        "pejabat_penilai",
    ),
    "lampiran_update": (
        "PATCH",
        "/lampiran/{lampiran}",
        {"uraian": "Baru"},
        StatusSkp.DRAFT,
        "pegawai",
        200,
        "pejabat_penilai",
    ),
    "lampiran_delete": (
        "DELETE",
        "/lampiran/{lampiran}",
        None,
        StatusSkp.DRAFT,
        "pegawai",
        204,
        "pejabat_penilai",
    ),
    "ajukan": ("POST", "/skp/{skp}/ajukan", None, StatusSkp.DRAFT, "pegawai", 200, "pejabat_penilai"),
    "batal_ajukan": (
        "POST",
        "/skp/{skp}/batal-ajukan",
        None,
        StatusSkp.DIAJUKAN,
        "pegawai",
        200,
        "pejabat_penilai",
    ),
    "setujui": ("POST", "/skp/{skp}/setujui", None, StatusSkp.DIAJUKAN, "pejabat_penilai", 200, "pegawai"),
    "kembalikan": (
        "POST",
        "/skp/{skp}/kembalikan",
        {"catatan": "Perbaiki indikator"},
        StatusSkp.DIAJUKAN,
        "pejabat_penilai",
        200,
        "atasan",
    ),
    "revisi": ("POST", "/skp/{skp}/revisi", None, StatusSkp.DISETUJUI, "pegawai", 201, "pejabat_penilai"),
}
WRITES = [name for name, spec in ENDPOINTS.items() if spec[6] is not None]


@pytest.mark.parametrize("name", ENDPOINTS)
def test_the_allowed_caller_succeeds(personas, skp_dalam, call, name):
    method, path, body, status, caller, code, _ = ENDPOINTS[name]
    skp = skp_dalam(status)

    response = call(method, path.format(**_ids(skp)), getattr(personas, caller), body)

    assert response.status_code == code, response.content


@pytest.mark.parametrize("name", WRITES)
def test_a_caller_who_sees_the_skp_but_may_not_change_it_gets_403(personas, skp_dalam, call, name):
    method, path, body, status, _, _, forbidden = ENDPOINTS[name]
    skp = skp_dalam(status)
    before = call("GET", f"/skp/{skp.pk}", personas.pegawai).json()

    response = call(method, path.format(**_ids(skp)), getattr(personas, forbidden), body)

    assert response.status_code == 403
    assert response.json()["code"] == "akses_ditolak"
    assert call("GET", f"/skp/{skp.pk}", personas.pegawai).json() == before  # nothing changed


@pytest.mark.parametrize("name", ENDPOINTS)
@pytest.mark.parametrize("caller", ["rekan", "orang_lain"])
def test_a_caller_who_cannot_see_the_skp_gets_404(personas, skp_dalam, call, name, caller):
    method, path, body, status, *_ = ENDPOINTS[name]
    skp = skp_dalam(status)
    before = call("GET", f"/skp/{skp.pk}", personas.pegawai).json()

    response = call(method, path.format(**_ids(skp)), getattr(personas, caller), body)

    assert response.status_code == 404
    assert response.json()["code"] == "tidak_ditemukan"
    assert call("GET", f"/skp/{skp.pk}", personas.pegawai).json() == before


@pytest.mark.parametrize("name", ENDPOINTS)
def test_an_skp_that_is_not_visible_looks_exactly_like_a_missing_one(personas, skp_dalam, call, name):
    method, path, body, status, *_ = ENDPOINTS[name]
    skp = skp_dalam(status)
    missing = {key: 999999 for key in _ids(skp)}

    hidden = call(method, path.format(**_ids(skp)), personas.rekan, body)
    absent = call(method, path.format(**missing), personas.rekan, body)

    assert (hidden.status_code, hidden.json()) == (absent.status_code, absent.json())


@pytest.mark.parametrize("name", ENDPOINTS)
def test_every_endpoint_needs_a_token(personas, skp_dalam, call, name):
    method, path, body, status, *_ = ENDPOINTS[name]
    skp = skp_dalam(status)

    response = call(method, path.format(**_ids(skp)), None, body)

    assert response.status_code == 401


# --- POST /skp and GET /skp ----------------------------------------------------------------------


def test_a_pegawai_creates_their_own_skp_with_the_resolved_pejabat_penilai(personas, call):
    response = call("POST", "/skp", personas.pegawai, {"pendekatan": "KUANTITATIF"})

    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "DRAFT"
    assert body["pegawai"]["nip"] == personas.p("pegawai").nip
    assert body["pejabat_penilai"] == {
        "nip": personas.p("pejabat_penilai").nip,
        "nama": "Agus Salim",
        "nama_lengkap": personas.p("pejabat_penilai").nama_lengkap,
    }
    assert len(body["perilaku"]) == 7
    assert Skp.objects.get(pk=body["id"]).pegawai == personas.p("pegawai")


def test_a_pegawai_without_a_pejabat_penilai_gets_null(personas, call):
    response = call("POST", "/skp", personas.kepala_dinas, {"pendekatan": "KUANTITATIF"})

    assert response.status_code == 201
    assert response.json()["pejabat_penilai"] is None


def test_an_account_without_a_pegawai_record_cannot_create_an_skp(personas, call):
    response = call("POST", "/skp", personas.superadmin, {"pendekatan": "KUANTITATIF"})

    assert response.status_code == 403
    assert response.json()["message"] == "Akun ini tidak terhubung ke data pegawai."


def test_the_list_defaults_to_the_callers_own_skp(personas, call):
    own = make_skp(personas.pegawai)
    make_skp(personas.pejabat_penilai)

    response = call("GET", "/skp", personas.pegawai)

    assert response.status_code == 200
    assert [s["id"] for s in response.json()] == [own.pk]


def test_the_pejabat_penilai_lists_the_skp_of_a_bawahan_by_nip_and_year(personas, call):
    skp = make_skp(personas.pegawai)

    nip = personas.p("pegawai").nip
    this_year = call("GET", f"/skp?pegawai={nip}&tahun={skp.tahun}", personas.pejabat_penilai)
    other_year = call("GET", f"/skp?pegawai={nip}&tahun={skp.tahun - 1}", personas.pejabat_penilai)

    assert [s["id"] for s in this_year.json()] == [skp.pk]
    assert other_year.json() == []


@pytest.mark.parametrize("caller", ["rekan", "orang_lain"])
def test_listing_the_skp_of_a_pegawai_one_may_not_see_is_404(personas, call, caller):
    make_skp(personas.pegawai)

    response = call("GET", f"/skp?pegawai={personas.p('pegawai').nip}", getattr(personas, caller))

    assert response.status_code == 404
    assert response.json() == {"code": "tidak_ditemukan", "message": "Pegawai tidak ditemukan."}


def test_a_superadmin_without_a_pegawai_record_has_no_own_skp(personas, call):
    make_skp(personas.pegawai)

    assert call("GET", "/skp", personas.superadmin).json() == []


def test_the_list_needs_a_token(db, call):
    assert call("GET", "/skp").status_code == 401
    assert call("POST", "/skp", None, {"pendekatan": "KUANTITATIF"}).status_code == 401
