"""The JSON error shape for every kind of failure (kinerja.api.errors), on a throwaway API."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from ninja import NinjaAPI, Schema
from ninja.testing import TestClient

from kinerja.api import errors

API = "/api/v1"


class Transisi(Exception):
    """Stands for a domain exception such as InvalidTransition."""


class EchoIn(Schema):
    jumlah: int


def make_client():
    api = NinjaAPI(urls_namespace="uji-galat")
    errors.install(api)
    errors.map_exception(api, Transisi, status=409, code="transisi_tidak_sah")

    @api.get("/http404")
    def http404(request):
        raise Http404("SKP tidak ditemukan.")

    @api.get("/forbidden")
    def forbidden(request):
        raise PermissionDenied("Hanya pejabat penilai yang boleh menilai.")

    @api.get("/forbidden-silent")
    def forbidden_silent(request):
        raise PermissionDenied

    @api.get("/field")
    def field(request):
        raise ValidationError({"target": ValidationError("Target harus diisi.", code="required")})

    @api.get("/plain")
    def plain(request):
        raise ValidationError("Periode sudah ditutup.", code="periode_tutup")

    @api.get("/conflict")
    def conflict(request):
        raise errors.ConflictError("SKP periode ini sudah ada.", code="skp_sudah_ada")

    @api.get("/transition")
    def transition(request):
        raise Transisi("SKP yang sudah disetujui tidak dapat diajukan lagi.")

    @api.post("/echo")
    def echo(request, payload: EchoIn):
        return {"jumlah": payload.jumlah}

    @api.get("/bug")
    def bug(request):
        raise RuntimeError("bug")

    return TestClient(api)


@pytest.fixture
def api_client():
    return make_client()


@pytest.mark.parametrize(
    ("path", "status", "body"),
    [
        ("/http404", 404, {"code": "tidak_ditemukan", "message": "SKP tidak ditemukan."}),
        (
            "/forbidden",
            403,
            {"code": "akses_ditolak", "message": "Hanya pejabat penilai yang boleh menilai."},
        ),
        ("/forbidden-silent", 403, {"code": "akses_ditolak", "message": "Anda tidak berhak melakukan ini."}),
        ("/conflict", 409, {"code": "skp_sudah_ada", "message": "SKP periode ini sudah ada."}),
        (
            "/transition",
            409,
            {"code": "transisi_tidak_sah", "message": "SKP yang sudah disetujui tidak dapat diajukan lagi."},
        ),
    ],
)
def test_each_exception_becomes_its_json_error(api_client, path, status, body):
    response = api_client.get(path)

    assert response.status_code == status
    assert response.json() == body


def test_a_service_validation_error_on_a_field_is_a_400_naming_the_field(api_client):
    response = api_client.get("/field")

    assert response.status_code == 400
    assert response.json() == {
        "code": "input_tidak_valid",
        "message": "Target harus diisi.",
        "detail": [{"loc": ["target"], "code": "required", "message": "Target harus diisi."}],
    }


def test_a_plain_service_validation_error_is_a_400(api_client):
    response = api_client.get("/plain")

    assert response.status_code == 400
    assert response.json()["message"] == "Periode sudah ditutup."
    assert response.json()["detail"] == [
        {"loc": [], "code": "periode_tutup", "message": "Periode sudah ditutup."}
    ]


def test_a_schema_validation_error_is_a_400_not_a_422(api_client):
    response = api_client.post("/echo", json={"jumlah": "banyak"})

    assert response.status_code == 400
    assert response.json()["detail"] == [
        {"loc": ["body", "jumlah"], "code": "int_parsing", "message": "Harus berupa bilangan bulat."}
    ]


def test_a_bug_answers_a_json_500(api_client, caplog):
    response = api_client.get("/bug")

    assert response.status_code == 500
    assert response.json()["code"] == "kesalahan_server"
    assert "bug" not in response.json()["message"]  # no internals leak to the client
    assert any(record.exc_info for record in caplog.records)  # but the log has the traceback


def test_an_unknown_api_address_is_a_json_404(db, client):
    response = client.get(f"{API}/tidak-ada")

    assert response.status_code == 404
    assert response.json()["code"] == "tidak_ditemukan"


def test_a_wrong_method_is_not_a_500(db, client):
    assert client.delete(f"{API}/me").status_code == 405
