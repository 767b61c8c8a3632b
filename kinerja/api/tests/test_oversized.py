"""A request body over Django's limit is bad input (400 JSON), never a 500."""

import json

import pytest

from kinerja.api.tests.conftest import API, bearer

pytestmark = pytest.mark.django_db


def test_an_oversized_json_body_is_a_400(client, personas, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    body = json.dumps({"periode_awal": "2026-01-01", "pendekatan": "KUANTITATIF", "x": "a" * 4096})
    response = client.post(
        f"{API}/skp", body, content_type="application/json", headers=bearer(personas.pegawai)
    )
    assert response.status_code == 400
    assert response.json()["code"] == "permintaan_tidak_valid"
