"""POST /auth/token (NIP + password -> bearer token, django-axes lockout) and the bearer check."""

import datetime as dt
import hashlib

from django.test import Client
from django.utils import timezone

from kinerja.accounts import services
from kinerja.accounts.models import ApiToken
from kinerja.api.tests.conftest import API
from kinerja.core.testing.personas import PASSWORD

TOKEN_URL = f"{API}/auth/token"


def creds(personas, name="pegawai", password=PASSWORD):
    return {"nip": personas.p(name).nip, "password": password}


def test_a_pegawai_gets_a_working_token_with_nip_and_password(client, personas, token_post):
    response = token_post(creds(personas))

    assert response.status_code == 200
    body = response.json()
    expires_at = dt.datetime.fromisoformat(body["expires_at"])
    assert dt.timedelta(days=29) < expires_at - timezone.now() <= dt.timedelta(days=30)
    me = client.get(f"{API}/me", headers={"Authorization": f"Bearer {body['token']}"})
    assert me.status_code == 200 and me.json()["nip"] == personas.p("pegawai").nip


def test_only_the_hash_of_the_token_is_stored(personas, token_post):
    raw = token_post(creds(personas)).json()["token"]

    stored = ApiToken.objects.get(user=personas.pegawai)
    assert stored.key_hash == hashlib.sha256(raw.encode()).hexdigest()
    assert raw not in stored.key_hash


def test_a_nip_typed_with_spaces_still_gets_a_token(personas, token_post):
    nip = personas.p("pegawai").nip
    spaced = f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"

    assert token_post({"nip": spaced, "password": PASSWORD}).status_code == 200


def test_a_wrong_password_is_refused_in_bahasa_indonesia(personas, token_post):
    response = token_post(creds(personas, password="salah"))

    assert response.status_code == 401
    assert response.json() == {"code": "kredensial_salah", "message": "NIP atau kata sandi salah."}
    assert not ApiToken.objects.exists()


def test_an_unknown_nip_is_refused_like_a_wrong_password(personas, token_post):
    response = token_post({"nip": "199001012015011999", "password": PASSWORD})

    assert response.status_code == 401
    assert response.json()["code"] == "kredensial_salah"


def test_an_inactive_user_gets_no_token(personas, token_post):
    personas.pegawai.is_active = False
    personas.pegawai.save(update_fields=["is_active"])

    response = token_post(creds(personas))

    assert response.status_code == 401
    assert response.json()["code"] == "kredensial_salah"
    assert not ApiToken.objects.exists()


def test_a_user_who_must_change_a_reset_password_gets_no_token(personas, token_post):
    one_time = services.password_reset_by_admin(target=personas.pegawai, actor=personas.admin)

    response = token_post(creds(personas, password=one_time))

    assert response.status_code == 403
    assert response.json()["code"] == "harus_ganti_kata_sandi"
    assert not ApiToken.objects.exists()


def test_a_missing_password_is_a_400_naming_the_field(personas, token_post):
    response = token_post({"nip": personas.p("pegawai").nip})

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "input_tidak_valid"
    assert body["message"] == "Data yang dikirim tidak valid."
    assert body["detail"] == [{"loc": ["body", "password"], "code": "missing", "message": "Wajib diisi."}]


def test_a_body_that_is_not_json_is_a_400_in_json(personas, client):
    response = client.post(TOKEN_URL, "nip=1&password=2", content_type="application/json")

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response.json()["code"] == "permintaan_tidak_valid"


def test_a_wrong_type_is_a_400_not_a_500(personas, token_post):
    response = token_post({"nip": ["x"], "password": 123})

    assert response.status_code == 400
    assert {tuple(d["loc"]) for d in response.json()["detail"]} == {("body", "nip"), ("body", "password")}


def test_the_token_endpoint_needs_no_csrf_token(personas):
    client = Client(enforce_csrf_checks=True)

    response = client.post(TOKEN_URL, creds(personas), content_type="application/json")

    assert response.status_code == 200


# --- Lockout (django-axes, 5 failures per NIP and address) --------------------------------------


def test_it_locks_out_after_five_failures_with_a_json_429(personas, token_post):
    statuses = [token_post(creds(personas, password="salah")).status_code for _ in range(5)]
    response = token_post(creds(personas))  # even the right password

    assert statuses == [401, 401, 401, 401, 429]
    assert response.status_code == 429
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response.json()["code"] == "terkunci"
    assert int(response["Retry-After"]) == 30 * 60
    assert not ApiToken.objects.exists()


def test_the_api_and_the_login_page_share_one_lockout(personas, client, token_post):
    nip = personas.p("pegawai").nip
    for _ in range(3):
        token_post(creds(personas, password="salah"))
    for _ in range(2):
        client.post("/akun/masuk/", {"username": nip, "password": "salah"})

    assert token_post(creds(personas)).status_code == 429


def test_the_lockout_is_per_nip_so_others_still_get_a_token(personas, token_post):
    for _ in range(5):
        token_post(creds(personas, password="salah"))

    assert token_post(creds(personas, "rekan")).status_code == 200


def test_a_token_issued_clears_earlier_failures(personas, token_post):
    for _ in range(4):
        token_post(creds(personas, password="salah"))
    assert token_post(creds(personas)).status_code == 200

    statuses = [token_post(creds(personas, password="salah")).status_code for _ in range(4)]

    assert statuses == [401, 401, 401, 401]
    assert token_post(creds(personas)).status_code == 200


# --- Bearer auth on the other operations -------------------------------------------------------


def test_a_call_without_a_token_is_a_401_in_json(personas, client):
    response = client.get(f"{API}/me")

    assert response.status_code == 401
    assert response.json() == {
        "code": "tidak_terautentikasi",
        "message": "Token tidak ada, tidak dikenal, atau sudah kedaluwarsa.",
    }
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_an_unknown_token_is_a_401(personas, client):
    response = client.get(f"{API}/me", headers={"Authorization": "Bearer bukan-token"})

    assert response.status_code == 401
    assert response.json()["code"] == "tidak_terautentikasi"


def test_a_token_under_another_scheme_is_a_401(personas, client):
    raw = services.api_token_create(user=personas.pegawai)

    response = client.get(f"{API}/me", headers={"Authorization": f"Token {raw}"})

    assert response.status_code == 401


def test_an_expired_token_is_a_401(personas, client):
    raw = services.api_token_create(user=personas.pegawai)
    ApiToken.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))

    response = client.get(f"{API}/me", headers={"Authorization": f"Bearer {raw}"})

    assert response.status_code == 401


def test_the_token_of_a_deactivated_user_stops_working(personas, client):
    raw = services.api_token_create(user=personas.pegawai)
    personas.pegawai.is_active = False
    personas.pegawai.save(update_fields=["is_active"])

    response = client.get(f"{API}/me", headers={"Authorization": f"Bearer {raw}"})

    assert response.status_code == 401


def test_a_password_reset_revokes_the_tokens(personas, client):
    raw = services.api_token_create(user=personas.pegawai)
    services.password_reset_by_admin(target=personas.pegawai, actor=personas.admin)

    response = client.get(f"{API}/me", headers={"Authorization": f"Bearer {raw}"})

    assert response.status_code == 401


def test_a_session_login_does_not_open_the_api(personas, client):
    client.force_login(personas.pegawai)

    response = client.get(f"{API}/me")

    assert response.status_code == 401
