"""The SKP planning workflow through the API, end to end, and the 409 of an action the status
does not allow."""

import json

import pytest

from kinerja.api.tests.conftest import API, bearer
from kinerja.core.testing.skp import TAHUN, make_approved, make_skp
from kinerja.skp import services
from kinerja.skp.models import Skp


@pytest.fixture
def call(client):
    def do(method, path, user, body=None):
        data = json.dumps(body) if body is not None else ""
        return client.generic(
            method, f"{API}{path}", data, content_type="application/json", headers=bearer(user)
        )

    return do


def ok(response, status=200):
    assert response.status_code == status, response.content
    return response.json()


def siap_diajukan(personas):
    """A complete draft of the pegawai: one UTAMA RHK, with an indikator, intervening the pejabat
    penilai's RHK."""
    skp_penilai = make_skp(personas.pejabat_penilai, rhk=1)
    return {"rhk": 1, "rhk_atasan": list(skp_penilai.rhk.all())}


def test_the_whole_planning_cycle(personas, call):
    pegawai, penilai = personas.pegawai, personas.pejabat_penilai
    rhk_penilai = make_skp(penilai, rhk=1).rhk.get()

    skp = ok(
        call(
            "POST",
            "/skp",
            pegawai,
            {
                "periode_awal": f"{TAHUN}-01-01",
                "periode_akhir": f"{TAHUN}-12-31",
                "pendekatan": "KUANTITATIF",
            },
        ),
        201,
    )
    rhk = ok(
        call(
            "POST",
            f"/skp/{skp['id']}/rhk",
            pegawai,
            {"jenis": "UTAMA", "uraian": "Laporan keuangan seksi", "rhk_atasan_id": rhk_penilai.pk},
        ),
        201,
    )
    assert rhk["rhk_atasan_id"] == rhk_penilai.pk
    assert rhk["rhk_atasan_uraian"] == rhk_penilai.uraian
    # Submitting an RHK without an indikator is refused, with the reason.
    incomplete = call("POST", f"/skp/{skp['id']}/ajukan", pegawai)
    assert incomplete.status_code == 400
    assert "belum memiliki indikator" in incomplete.json()["message"]

    indikator = ok(
        call(
            "POST",
            f"/rhk/{rhk['id']}/indikator",
            pegawai,
            {
                "aspek": "KUANTITAS",
                "indikator": "Jumlah laporan",
                "target_min": 10,
                "target_max": "12.5",
                "satuan": "Laporan",
            },
        ),
        201,
    )
    assert (indikator["target_min"], indikator["target_max"]) == ("10.00", "12.50")

    assert ok(call("POST", f"/skp/{skp['id']}/ajukan", pegawai))["status"] == "DIAJUKAN"
    ok(call("PUT", f"/skp/{skp['id']}/perilaku/AKUNTABEL", penilai, {"ekspektasi_khusus": "Tepat waktu"}))
    kembali = ok(call("POST", f"/skp/{skp['id']}/kembalikan", penilai, {"catatan": "Target terlalu rendah"}))
    assert kembali["status"] == "DRAFT"
    assert kembali["catatan_pengembalian"] == "Target terlalu rendah"

    ok(call("PATCH", f"/indikator/{indikator['id']}", pegawai, {"target_min": 20, "target_max": 24}))
    ok(call("POST", f"/skp/{skp['id']}/ajukan", pegawai))
    disetujui = ok(call("POST", f"/skp/{skp['id']}/setujui", penilai, {"catatan": "Baik"}))
    assert disetujui["status"] == "DISETUJUI"
    assert disetujui["catatan_pengembalian"] is None
    assert disetujui["tanggal_penetapan"] is not None
    assert disetujui["rhk"][0]["indikator"][0]["target_min"] == "20.00"
    assert disetujui["perilaku"][1]["ekspektasi_khusus"] == "Tepat waktu"

    revisi = ok(call("POST", f"/skp/{skp['id']}/revisi", pegawai, {"catatan": "Tugas baru"}), 201)
    assert revisi["id"] != skp["id"]
    assert (revisi["status"], revisi["versi"], revisi["revisi_dari_id"]) == ("DRAFT", 2, skp["id"])
    assert [r["uraian"] for r in revisi["rhk"]] == ["Laporan keuangan seksi"]

    riwayat = ok(call("GET", f"/skp/{revisi['id']}/riwayat", penilai))
    assert [(r["aksi"], r["dari"], r["ke"], r["versi"]) for r in riwayat] == [
        ("DIBUAT", None, "DRAFT", 1),
        ("DIAJUKAN", "DRAFT", "DIAJUKAN", 1),
        ("DIKEMBALIKAN", "DIAJUKAN", "DRAFT", 1),
        ("DIAJUKAN", "DRAFT", "DIAJUKAN", 1),
        ("DISETUJUI", "DIAJUKAN", "DISETUJUI", 1),
        ("REVISI", None, "DRAFT", 2),
    ]
    assert riwayat[2]["catatan"] == "Target terlalu rendah"
    assert riwayat[2]["actor"] == {"nip": personas.p("pejabat_penilai").nip, "nama": "Agus Salim"}
    assert riwayat[0]["actor"]["nip"] == personas.p("pegawai").nip


def test_the_revisi_replaces_the_old_version_once_approved(personas, call):
    lama = make_approved(personas.pegawai, personas.pejabat_penilai, **siap_diajukan(personas))
    baru = ok(call("POST", f"/skp/{lama.pk}/revisi", personas.pegawai), 201)

    ok(call("POST", f"/skp/{baru['id']}/ajukan", personas.pegawai))
    ok(call("POST", f"/skp/{baru['id']}/setujui", personas.pejabat_penilai))

    assert ok(call("GET", f"/skp/{lama.pk}", personas.pegawai))["status"] == "DIGANTI"


def test_a_submission_can_be_withdrawn_and_edited_again(personas, call):
    skp = make_skp(personas.pegawai, **siap_diajukan(personas))
    services.skp_ajukan(skp=skp, actor=personas.pegawai)

    assert ok(call("POST", f"/skp/{skp.pk}/batal-ajukan", personas.pegawai))["status"] == "DRAFT"
    ok(call("POST", f"/skp/{skp.pk}/rhk", personas.pegawai, {"jenis": "TAMBAHAN", "uraian": "Piket"}), 201)


def _after_submission(personas):
    skp = make_skp(personas.pegawai, **siap_diajukan(personas))
    services.skp_ajukan(skp=skp, actor=personas.pegawai)
    return Skp.objects.get(pk=skp.pk)


EDITS_OF_THE_PEGAWAI = [
    ("POST", "/skp/{skp}/rhk", {"jenis": "UTAMA", "uraian": "Baru"}),
    ("PATCH", "/rhk/{rhk}", {"uraian": "Diubah"}),
    ("DELETE", "/rhk/{rhk}", None),
    (
        "POST",
        "/rhk/{rhk}/indikator",
        {"aspek": "WAKTU", "indikator": "Tepat", "target_min": 1, "satuan": "Bulan"},
    ),
    ("PATCH", "/indikator/{indikator}", {"target_max": 9}),
    ("DELETE", "/indikator/{indikator}", None),
    ("POST", "/skp/{skp}/lampiran", {"jenis": "KONSEKUENSI", "uraian": "Teguran"}),
    ("PATCH", "/lampiran/{lampiran}", {"uraian": "Diubah"}),
    ("DELETE", "/lampiran/{lampiran}", None),
    ("POST", "/skp/{skp}/ajukan", None),
    ("POST", "/skp/{skp}/revisi", None),
]


@pytest.mark.parametrize(("method", "path", "body"), EDITS_OF_THE_PEGAWAI)
def test_the_pegawai_cannot_edit_a_submitted_skp(personas, call, method, path, body):
    skp = _after_submission(personas)
    rhk = skp.rhk.get()
    ids = {
        "skp": skp.pk,
        "rhk": rhk.pk,
        "indikator": rhk.indikator.get().pk,
        "lampiran": skp.lampiran.first().pk,
    }
    before = ok(call("GET", f"/skp/{skp.pk}", personas.pegawai))

    response = call(method, path.format(**ids), personas.pegawai, body)

    assert response.status_code == 409, response.content
    assert response.json()["code"] == "transisi_tidak_sah"
    assert response.json()["message"]  # the service's own sentence, in Bahasa Indonesia
    assert ok(call("GET", f"/skp/{skp.pk}", personas.pegawai)) == before


def test_editing_after_submission_says_why(personas, call):
    skp = _after_submission(personas)

    response = call("POST", f"/skp/{skp.pk}/rhk", personas.pegawai, {"jenis": "UTAMA", "uraian": "Baru"})

    assert response.json() == {
        "code": "transisi_tidak_sah",
        "message": "SKP sudah diajukan atau disetujui dan tidak dapat diubah lagi.",
    }


@pytest.mark.parametrize(
    ("action", "actor", "body"),
    [
        ("setujui", "pejabat_penilai", None),
        ("kembalikan", "pejabat_penilai", {"catatan": "Ulangi"}),
        ("batal-ajukan", "pegawai", None),
        ("revisi", "pegawai", None),
    ],
)
def test_a_decision_on_a_draft_is_409(personas, call, action, actor, body):
    skp = make_skp(personas.pegawai, rhk=1)

    response = call("POST", f"/skp/{skp.pk}/{action}", getattr(personas, actor), body)

    assert response.status_code == 409
    assert response.json()["code"] == "transisi_tidak_sah"


def test_an_approved_skp_cannot_be_approved_twice_nor_get_new_ekspektasi(personas, call):
    skp = make_approved(personas.pegawai, personas.pejabat_penilai, **siap_diajukan(personas))

    again = call("POST", f"/skp/{skp.pk}/setujui", personas.pejabat_penilai)
    ekspektasi = call(
        "PUT", f"/skp/{skp.pk}/perilaku/LOYAL", personas.pejabat_penilai, {"ekspektasi_khusus": "x"}
    )

    assert (again.status_code, ekspektasi.status_code) == (409, 409)


def test_a_second_revisi_while_one_is_open_is_409(personas, call):
    skp = make_approved(personas.pegawai, personas.pejabat_penilai, **siap_diajukan(personas))
    ok(call("POST", f"/skp/{skp.pk}/revisi", personas.pegawai), 201)

    response = call("POST", f"/skp/{skp.pk}/revisi", personas.pegawai)

    assert response.status_code == 409
    assert response.json()["message"] == "Revisi SKP ini sudah ada dan belum disetujui."
