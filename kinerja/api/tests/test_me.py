"""GET /me: the caller, with their pegawai record, jabatan, unit and pejabat penilai."""

from kinerja.accounts.services import api_token_create


def test_a_pegawai_sees_their_own_data(personas, api_get):
    pegawai, penilai, atasan = personas.p("pegawai"), personas.p("pejabat_penilai"), personas.p("atasan")

    response = api_get("/me", personas.pegawai)

    assert response.status_code == 200
    assert response.json() == {
        "username": pegawai.nip,
        "role": "PEGAWAI",
        "nip": pegawai.nip,
        "nama": "Dewi Lestari",
        "nama_lengkap": "Dewi Lestari",
        "instansi": {"kode": "KOTA-UJI", "nama": "Pemerintah Kota Uji"},
        "jabatan": {
            "kode": "PELAKSANA",
            "nama": "Pengadministrasi Umum",
            "jenis": "PELAKSANA",
            "eselon": None,
            "kategori": None,
            "jenjang": None,
        },
        "unit_kerja": {"id": personas.seksi.pk, "kode": "SEKSI", "nama": "Seksi Uji"},
        "golongan": "II/c",
        "pangkat_golongan": "Pengatur, II/c",
        "status_kepegawaian": "PNS",
        "email": None,
        "pejabat_penilai": {
            "nip": penilai.nip,
            "nama_lengkap": "Agus Salim",
            "jabatan": {"nama": "Kepala Seksi Uji", "jenis": "PENGAWAS"},
        },
        "atasan_pejabat_penilai": {
            "nip": atasan.nip,
            "nama_lengkap": "Siti Aminah",
            "jabatan": {"nama": "Kepala Bidang Uji", "jenis": "ADMINISTRATOR"},
        },
    }


def test_the_name_carries_the_gelar_and_the_email_shows(personas, api_get):
    pegawai = personas.p("pegawai")
    pegawai.gelar_depan, pegawai.gelar_belakang, pegawai.email = "Dr.", "S.Kom., M.T.", "dewi@contoh.go.id"
    pegawai.save()

    body = api_get("/me", personas.pegawai).json()

    assert body["nama"] == "Dewi Lestari"
    assert body["nama_lengkap"] == "Dr. Dewi Lestari, S.Kom., M.T."
    assert body["email"] == "dewi@contoh.go.id"


def test_a_fungsional_sees_kategori_and_jenjang(personas, api_get):
    jabatan = api_get("/me", personas.fungsional).json()["jabatan"]

    assert jabatan["jenis"] == "FUNGSIONAL"
    assert (jabatan["kategori"], jabatan["jenjang"]) == ("KEAHLIAN", "AHLI_PERTAMA")


def test_a_structural_jabatan_shows_its_eselon(personas, api_get):
    body = api_get("/me", personas.kepala_dinas).json()

    assert body["jabatan"]["eselon"] == "II.b"
    assert body["pejabat_penilai"] is None  # the top of the instansi has no pejabat penilai here
    assert body["atasan_pejabat_penilai"] is None


def test_an_admin_sees_their_role(personas, api_get):
    assert api_get("/me", personas.admin).json()["role"] == "ADMIN_INSTANSI"


def test_a_superadmin_without_pegawai_gets_username_role_and_nulls(personas, api_get):
    response = api_get("/me", personas.superadmin)

    assert response.status_code == 200
    body = response.json()
    assert (body.pop("username"), body.pop("role")) == ("superadmin", "SUPERADMIN")
    assert body and all(value is None for value in body.values())


def test_me_without_a_token_is_a_401(personas, api_get):
    assert api_get("/me").status_code == 401


def test_me_takes_three_queries(personas, client, django_assert_num_queries):
    headers = {"Authorization": f"Bearer {api_token_create(user=personas.pegawai)}"}

    # 1. the token with its user and pegawai (api_token_user)
    # 2. UPDATE the token's last_used_at (first use)
    # 3. the pegawai with instansi, jabatan, unit and both penilai with their jabatan
    with django_assert_num_queries(3):
        response = client.get("/api/v1/me", headers=headers)

    assert response.status_code == 200
