"""GET /pegawai/{nip} and /pegawai/{nip}/bawahan: visibility, shapes, pagination, query counts."""

import pytest

from kinerja.accounts.services import api_token_create
from kinerja.core.testing.factories import (
    InstansiFactory,
    JabatanFactory,
    PegawaiFactory,
    UnitKerjaFactory,
    UserFactory,
)
from kinerja.organisasi import services
from kinerja.organisasi.enums import JenisJabatan

NOT_FOUND = {"code": "tidak_ditemukan", "message": "Pegawai tidak ditemukan."}

# (caller, target, visible): own data, the atasan chain and the bawahan (direct and indirect); the
# whole instansi for an admin; everything for a superadmin; never a peer or another instansi.
VISIBILITY = [
    ("pegawai", "pegawai", True),
    ("pegawai", "pejabat_penilai", True),
    ("pegawai", "atasan", True),
    ("pegawai", "kepala_dinas", True),
    ("pegawai", "rekan", False),
    ("pegawai", "fungsional", False),
    ("pegawai", "admin", False),
    ("pegawai", "orang_lain", False),
    ("pejabat_penilai", "pegawai", True),
    ("pejabat_penilai", "atasan", True),
    ("pejabat_penilai", "admin", False),
    ("kepala_dinas", "fungsional", True),
    ("atasan", "admin", False),
    ("admin", "fungsional", True),
    ("admin", "kepala_dinas", True),
    ("admin", "orang_lain", False),
    ("orang_lain", "pegawai", False),
    ("superadmin", "pegawai", True),
    ("superadmin", "orang_lain", True),
]


@pytest.mark.parametrize(("caller", "target", "visible"), VISIBILITY)
def test_who_sees_which_pegawai(personas, api_get, caller, target, visible):
    response = api_get(f"/pegawai/{personas.p(target).nip}", getattr(personas, caller))

    if visible:
        assert response.status_code == 200
        assert response.json()["nip"] == personas.p(target).nip
    else:
        assert response.status_code == 404
        assert response.json() == NOT_FOUND


def test_a_pegawai_cannot_see_a_peer(personas, api_get):
    response = api_get(f"/pegawai/{personas.p('rekan').nip}", personas.pegawai)

    assert response.status_code == 404
    assert response.json() == NOT_FOUND


def test_an_invisible_pegawai_looks_exactly_like_a_missing_one(personas, api_get):
    hidden = api_get(f"/pegawai/{personas.p('orang_lain').nip}", personas.pegawai)
    missing = api_get("/pegawai/199001012015011999", personas.pegawai)

    assert (hidden.status_code, hidden.json()) == (missing.status_code, missing.json())


def test_the_detail_has_the_me_shape_and_the_atasan_chain_nearest_first(personas, api_get):
    me = api_get("/me", personas.pegawai).json()

    detail = api_get(f"/pegawai/{personas.p('pegawai').nip}", personas.atasan).json()

    rantai = detail.pop("rantai_atasan")
    assert detail == {k: v for k, v in me.items() if k not in {"username", "role"}}
    assert [a["nip"] for a in rantai] == [
        personas.p("pejabat_penilai").nip,
        personas.p("atasan").nip,
        personas.p("kepala_dinas").nip,
    ]
    assert rantai[0] == {
        "nip": personas.p("pejabat_penilai").nip,
        "nama_lengkap": "Agus Salim",
        "jabatan": {"nama": "Kepala Seksi Uji", "jenis": "PENGAWAS"},
    }


def test_the_detail_needs_a_token(personas, api_get):
    assert api_get(f"/pegawai/{personas.p('pegawai').nip}").status_code == 401


# --- Bawahan -----------------------------------------------------------------------------------


def nips(response):
    return [item["nip"] for item in response.json()["items"]]


def test_a_pejabat_penilai_lists_their_direct_bawahan(personas, api_get):
    response = api_get(f"/pegawai/{personas.p('pejabat_penilai').nip}/bawahan", personas.pejabat_penilai)

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 3
    assert sorted(nips(response)) == sorted(personas.p(n).nip for n in ("pegawai", "rekan", "fungsional"))
    dewi = next(item for item in body["items"] if item["nip"] == personas.p("pegawai").nip)
    assert dewi == {
        "nip": personas.p("pegawai").nip,
        "nama_lengkap": "Dewi Lestari",
        "jabatan": {"nama": "Pengadministrasi Umum", "jenis": "PELAKSANA"},
        "unit_kerja": {"id": personas.seksi.pk, "nama": "Seksi Uji"},
        "golongan": "II/c",
        "kedalaman": 1,
    }


def test_the_direct_bawahan_stop_at_one_level(personas, api_get):
    response = api_get(f"/pegawai/{personas.p('atasan').nip}/bawahan", personas.atasan)

    assert nips(response) == [personas.p("pejabat_penilai").nip]


def test_semua_lists_indirect_bawahan_with_their_depth_nearest_first(personas, api_get):
    response = api_get(f"/pegawai/{personas.p('atasan').nip}/bawahan", personas.atasan, semua="true")

    items = response.json()["items"]
    assert response.json()["count"] == 4
    assert [(i["nip"], i["kedalaman"]) for i in items[:1]] == [(personas.p("pejabat_penilai").nip, 1)]
    assert {(i["nip"], i["kedalaman"]) for i in items[1:]} == {
        (personas.p(n).nip, 2) for n in ("pegawai", "rekan", "fungsional")
    }


def test_an_admin_lists_the_bawahan_of_anyone_in_the_instansi(personas, api_get):
    response = api_get(f"/pegawai/{personas.p('pejabat_penilai').nip}/bawahan", personas.admin)

    assert response.json()["count"] == 3


def test_a_pegawai_has_no_bawahan(personas, api_get):
    response = api_get(f"/pegawai/{personas.p('pegawai').nip}/bawahan", personas.pegawai)

    assert response.status_code == 200
    assert response.json() == {"items": [], "count": 0}


def test_a_pegawai_reading_their_atasans_bawahan_does_not_see_their_peers(personas, api_get):
    response = api_get(f"/pegawai/{personas.p('pejabat_penilai').nip}/bawahan", personas.pegawai)

    assert response.status_code == 200
    assert nips(response) == [personas.p("pegawai").nip]
    assert response.json()["count"] == 1


def test_the_bawahan_of_an_invisible_pegawai_are_a_404(personas, api_get):
    peer = api_get(f"/pegawai/{personas.p('rekan').nip}/bawahan", personas.pegawai)
    other = api_get(f"/pegawai/{personas.p('pejabat_penilai').nip}/bawahan", personas.orang_lain)

    assert (peer.status_code, peer.json()) == (404, NOT_FOUND)
    assert (other.status_code, other.json()) == (404, NOT_FOUND)


def test_the_bawahan_list_needs_a_token(personas, api_get):
    assert api_get(f"/pegawai/{personas.p('pejabat_penilai').nip}/bawahan").status_code == 401


def test_the_bawahan_list_pages_with_limit_and_offset(personas, api_get):
    path = f"/pegawai/{personas.p('pejabat_penilai').nip}/bawahan"
    everyone = nips(api_get(path, personas.pejabat_penilai))

    first = api_get(path, personas.pejabat_penilai, limit=2)
    rest = api_get(path, personas.pejabat_penilai, limit=2, offset=2)

    assert first.json()["count"] == rest.json()["count"] == 3
    assert nips(first) + nips(rest) == everyone


@pytest.mark.parametrize(
    ("params", "loc"),
    [
        ({"limit": 501}, ["query", "limit"]),
        ({"limit": 0}, ["query", "limit"]),
        ({"offset": -1}, ["query", "offset"]),
        ({"semua": "mungkin"}, ["query", "semua"]),
    ],
)
def test_bad_list_parameters_are_a_400(personas, api_get, params, loc):
    path = f"/pegawai/{personas.p('pejabat_penilai').nip}/bawahan"

    response = api_get(path, personas.pejabat_penilai, **params)

    assert response.status_code == 400
    assert response.json()["code"] == "input_tidak_valid"
    assert [d["loc"] for d in response.json()["detail"]] == [loc]


def test_a_limit_of_500_is_allowed(personas, api_get):
    path = f"/pegawai/{personas.p('pejabat_penilai').nip}/bawahan"

    assert api_get(path, personas.pejabat_penilai, limit=500).status_code == 200


def build_bidang(n):
    """A kepala bidang above a kepala seksi who rates n pelaksana."""
    ins = InstansiFactory()
    kabid = JabatanFactory(instansi=ins, jenis=JenisJabatan.ADMINISTRATOR)
    kasi = JabatanFactory(instansi=ins, jenis=JenisJabatan.PENGAWAS)
    pelaksana = JabatanFactory(instansi=ins)
    bidang = UnitKerjaFactory(instansi=ins, pimpinan_jabatan=kabid)
    seksi = UnitKerjaFactory(instansi=ins, parent=bidang, pimpinan_jabatan=kasi)
    kepala_bidang = PegawaiFactory(instansi=ins, jabatan=kabid, unit_kerja=bidang)
    kepala_seksi = PegawaiFactory(instansi=ins, jabatan=kasi, unit_kerja=seksi)
    PegawaiFactory.create_batch(n, instansi=ins, jabatan=pelaksana, unit_kerja=seksi)
    services.penilai_rebuild(instansi=ins)
    return UserFactory(pegawai=kepala_bidang), kepala_seksi


@pytest.mark.parametrize("n", [10, 100])
@pytest.mark.parametrize(
    ("whose", "semua", "expected_count"),
    [("kepala_seksi", False, lambda n: n), ("kepala_bidang", True, lambda n: n + 1)],
)
def test_the_bawahan_list_takes_the_same_queries_for_10_and_100_rows(
    db, client, django_assert_num_queries, n, whose, semua, expected_count
):
    user, kepala_seksi = build_bidang(n)
    nip = kepala_seksi.nip if whose == "kepala_seksi" else user.pegawai.nip
    headers = {"Authorization": f"Bearer {api_token_create(user=user)}"}
    params = {"semua": "true", "limit": 500} if semua else {"limit": 500}

    # 1. the token with its user and pegawai (api_token_user)
    # 2. UPDATE the token's last_used_at (first use)
    # 3. the pegawai by NIP, inside the caller's visibility (pegawai_get_for_user)
    # 4. COUNT of the visible bawahan (pagination)
    # 5. the page of bawahan with jabatan and unit kerja (and, for semua, their depth)
    with django_assert_num_queries(5):
        response = client.get(f"/api/v1/pegawai/{nip}/bawahan", params, headers=headers)

    assert response.status_code == 200
    assert response.json()["count"] == len(response.json()["items"]) == expected_count(n)


def test_a_page_holds_100_rows_by_default(db, api_get):
    user, _ = build_bidang(100)

    response = api_get(f"/pegawai/{user.pegawai.nip}/bawahan", user, semua="true")

    assert response.json()["count"] == 101
    assert len(response.json()["items"]) == 100
