"""Login with NIP, logout, password change, forced change after a reset, and the lockout."""

from django.urls import reverse

from kinerja.accounts import services
from kinerja.core.testing.personas import PASSWORD

LOGIN = "/akun/masuk/"


def login(client, nip, password):
    return client.post(LOGIN, {"username": nip, "password": password})


def test_a_pegawai_logs_in_with_nip_and_password(client, personas):
    response = login(client, personas.p("pegawai").nip, PASSWORD)
    assert response.status_code == 302 and response["Location"] == reverse("home")
    assert client.get("/").status_code == 200


def test_a_nip_typed_with_spaces_still_logs_in(client, personas):
    nip = personas.p("pegawai").nip
    spaced = f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"
    assert login(client, spaced, PASSWORD).status_code == 302


def test_a_wrong_password_is_refused_in_bahasa_indonesia(client, personas):
    response = login(client, personas.p("pegawai").nip, "salah")
    assert response.status_code == 200
    assert "NIP atau kata sandi salah." in response.content.decode()
    assert client.get("/").status_code == 302


def test_it_locks_out_after_five_failures_even_with_the_right_password(client, personas):
    nip = personas.p("pegawai").nip
    for _ in range(5):
        login(client, nip, "salah")
    response = login(client, nip, PASSWORD)
    assert response.status_code == 429
    assert "Terlalu banyak percobaan" in response.content.decode()
    assert client.get("/").status_code == 302  # not logged in


def test_the_lockout_is_per_nip_so_others_can_still_log_in(client, personas):
    for _ in range(5):
        login(client, personas.p("pegawai").nip, "salah")
    assert login(client, personas.p("rekan").nip, PASSWORD).status_code == 302


def test_logout_needs_a_post_and_ends_the_session(client, personas):
    client.force_login(personas.pegawai)
    client.post(reverse("accounts:logout"))
    assert client.get("/").status_code == 302


def test_a_pegawai_changes_their_password(client, personas):
    client.force_login(personas.pegawai)
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "Kinerja-Baru-2026",
            "new_password2": "Kinerja-Baru-2026",
        },
    )
    assert response.status_code == 302
    personas.pegawai.refresh_from_db()
    assert personas.pegawai.check_password("Kinerja-Baru-2026")


def test_a_weak_new_password_is_refused_with_a_reason(client, personas):
    client.force_login(personas.pegawai)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": "12345678", "new_password2": "12345678"},
    )
    assert response.status_code == 200
    personas.pegawai.refresh_from_db()
    assert personas.pegawai.check_password(PASSWORD)
    assert "invalid-feedback" in response.content.decode()


def test_after_an_admin_reset_every_page_leads_to_the_password_change(client, personas):
    services.password_reset_by_admin(target=personas.pegawai, actor=personas.admin)
    personas.pegawai.refresh_from_db()
    client.force_login(personas.pegawai)
    assert client.get("/organisasi/pegawai/")["Location"] == reverse("accounts:password_change")
    new = "Sandi-Pilihan-Sendiri-9"
    client.post(
        reverse("accounts:password_change"),
        {"old_password": "x", "new_password1": new, "new_password2": new},
    )
    personas.pegawai.refresh_from_db()
    assert personas.pegawai.harus_ganti_password  # wrong old password: still forced
    # The reset also revoked API tokens.
    assert not personas.pegawai.api_tokens.exists()


def test_django_admin_is_for_superadmins_only(client, personas):
    personas.superadmin.is_staff = True
    personas.superadmin.save()
    client.force_login(personas.admin)
    assert client.get("/admin/organisasi/pegawai/").status_code == 302  # not staff: to admin login
    client.force_login(personas.superadmin)
    assert client.get("/admin/organisasi/pegawai/").status_code == 200
