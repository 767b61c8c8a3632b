"""Bad input to the SKP endpoints is a 400 with a message in Bahasa Indonesia, never a 500; text is
stored and answered verbatim."""

import json

import pytest

from kinerja.api.tests.conftest import API, bearer
from kinerja.core.testing.skp import TAHUN, make_skp
from kinerja.skp import rules
from kinerja.skp.models import Indikator, RencanaHasilKerja, Skp


@pytest.fixture
def call(client):
    def do(method, path, user, body=None):
        data = json.dumps(body) if body is not None else ""
        return client.generic(
            method, f"{API}{path}", data, content_type="application/json", headers=bearer(user)
        )

    return do


def bad(response):
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["code"] == "input_tidak_valid"
    return body


def messages(body):
    return [body["message"], *(d["message"] for d in body.get("detail") or [])]


@pytest.fixture
def rhk(personas):
    return make_skp(personas.pegawai, rhk=1, indikator=0).rhk.get()


INDIKATOR = {"aspek": "KUANTITAS", "indikator": "Jumlah laporan", "satuan": "Laporan"}


@pytest.mark.parametrize(
    ("targets", "message"),
    [
        ({"target_min": 10, "target_max": 5}, "Target minimum tidak boleh melebihi target maksimum."),
        ({"target_min": -1, "target_max": 5}, "Target tidak boleh negatif."),
        ({"target_min": "sepuluh"}, "Target harus berupa angka."),
        ({"target_min": "NaN"}, "Target harus berupa angka."),
        ({"target_min": "Infinity"}, "Target harus berupa angka."),
        ({"target_min": True}, "Target harus berupa angka."),
        ({"target_min": [1]}, "Target harus berupa angka."),
        ({"target_min": "1.005"}, "Target paling banyak dua angka di belakang koma."),
        ({"target_min": "1e20"}, "Target terlalu besar."),
        ({"target_min": "1e400"}, "Target terlalu besar."),
        ({}, "Target wajib diisi dengan angka pada pendekatan kuantitatif."),
    ],
)
def test_a_bad_target_is_refused(personas, call, rhk, targets, message):
    response = call("POST", f"/rhk/{rhk.pk}/indikator", personas.pegawai, {**INDIKATOR, **targets})

    assert message in messages(bad(response))
    assert not Indikator.objects.exists()


def test_a_bad_target_in_a_patch_is_refused(personas, call):
    indikator = make_skp(personas.pegawai, rhk=1).rhk.get().indikator.get()

    response = call("PATCH", f"/indikator/{indikator.pk}", personas.pegawai, {"target_max": "0.5"})

    assert "Target minimum tidak boleh melebihi target maksimum." in messages(bad(response))


def test_a_single_target_stands_for_both_bounds(personas, call, rhk):
    response = call("POST", f"/rhk/{rhk.pk}/indikator", personas.pegawai, {**INDIKATOR, "target_max": 0.1})

    assert response.status_code == 201
    assert (response.json()["target_min"], response.json()["target_max"]) == ("0.10", "0.10")


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/skp/{skp}/rhk", {"jenis": "UTAMAX", "uraian": "x"}, "jenis"),
        ("/rhk/{rhk}/indikator", {**INDIKATOR, "aspek": "MUTU", "target_min": 1}, "aspek"),
        ("/skp/{skp}/lampiran", {"jenis": "LAINNYA", "uraian": "x"}, "jenis"),
    ],
)
def test_an_unknown_choice_names_the_valid_ones(personas, call, rhk, path, body, field):
    response = call("POST", path.format(skp=rhk.skp_id, rhk=rhk.pk), personas.pegawai, body)

    body = bad(response)
    assert "tidak dikenal. Pilihan:" in body["message"]
    assert body["detail"][0]["loc"] == [field]


def test_an_unknown_pendekatan_is_refused(personas, call):
    body = bad(call("POST", "/skp", personas.pegawai, {"pendekatan": "CAMPURAN"}))

    assert body["message"] == "Pendekatan 'CAMPURAN' tidak dikenal. Pilihan: KUANTITATIF, KUALITATIF."
    assert not Skp.objects.exists()


def test_an_unknown_core_value_is_400(personas, call):
    skp = make_skp(personas.pegawai)

    response = call(
        "PUT", f"/skp/{skp.pk}/perilaku/JUJUR", personas.pejabat_penilai, {"ekspektasi_khusus": "x"}
    )

    assert "Core value 'JUJUR' tidak dikenal." in bad(response)["message"]


def test_the_rhk_atasan_must_belong_to_the_pejabat_penilai(personas, call):
    # The atasan of the pejabat penilai is not the pegawai's pejabat penilai.
    rhk_lain = make_skp(personas.atasan, rhk=1).rhk.get()
    skp = make_skp(personas.pegawai)

    response = call(
        "POST",
        f"/skp/{skp.pk}/rhk",
        personas.pegawai,
        {"jenis": "UTAMA", "uraian": "x", "rhk_atasan_id": rhk_lain.pk},
    )

    assert bad(response)["message"] == "RHK atasan harus RHK dari SKP pejabat penilai Anda."
    assert not RencanaHasilKerja.objects.filter(skp=skp).exists()


@pytest.mark.parametrize(
    ("awal", "akhir", "message"),
    [
        (f"{TAHUN}-06-30", f"{TAHUN}-06-01", "Periode berakhir sebelum dimulai."),
        (
            f"{TAHUN}-07-01",
            f"{TAHUN + 1}-06-30",
            "Periode SKP harus berada dalam satu tahun (1 Januari sampai 31 Desember).",
        ),
    ],
)
def test_a_bad_period_is_refused(personas, call, awal, akhir, message):
    response = call(
        "POST",
        "/skp",
        personas.pegawai,
        {"periode_awal": awal, "periode_akhir": akhir, "pendekatan": "KUANTITATIF"},
    )

    assert bad(response)["message"] == message


def test_a_date_that_is_not_a_date_is_refused(personas, call):
    response = call(
        "POST", "/skp", personas.pegawai, {"periode_awal": "31-12-2026", "pendekatan": "KUALITATIF"}
    )

    assert bad(response)["detail"][0]["loc"] == ["body", "periode_awal"]


def test_an_overlapping_skp_for_the_same_jabatan_is_refused(personas, call):
    make_skp(personas.pegawai)

    response = call(
        "POST",
        "/skp",
        personas.pegawai,
        {"periode_awal": f"{TAHUN}-03-01", "periode_akhir": f"{TAHUN}-12-31", "pendekatan": "KUANTITATIF"},
    )

    assert bad(response)["message"].startswith("Sudah ada SKP untuk jabatan ini")


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("POST", "/skp/{skp}/rhk", {"jenis": "UTAMA", "uraian": "x" * (rules.BATAS_URAIAN + 1)}),
        ("PATCH", "/rhk/{rhk}", {"ukuran_keberhasilan": "x" * (rules.BATAS_URAIAN + 1)}),
        ("POST", "/rhk/{rhk}/indikator", {**INDIKATOR, "target_min": 1, "indikator": "x" * 1001}),
        ("POST", "/skp/{skp}/lampiran", {"jenis": "KONSEKUENSI", "uraian": "x" * (rules.BATAS_LAMPIRAN + 1)}),
    ],
)
def test_overlong_text_is_refused(personas, call, rhk, method, path, body):
    response = call(method, path.format(skp=rhk.skp_id, rhk=rhk.pk), personas.pegawai, body)

    assert "terlalu panjang" in bad(response)["message"]


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("POST", "/skp/{skp}/rhk", {"jenis": "UTAMA", "uraian": "   "}),
        ("POST", "/skp/{skp}/rhk", {"jenis": "UTAMA"}),
        ("PATCH", "/rhk/{rhk}", {"uraian": None}),
        ("POST", "/rhk/{rhk}/indikator", {"target_min": 1}),
        ("POST", "/skp/{skp}/lampiran", {"jenis": "KONSEKUENSI", "uraian": ""}),
        ("POST", "/skp/{skp}/rhk", "not an object"),
    ],
)
def test_missing_text_is_refused(personas, call, rhk, method, path, body):
    bad(call(method, path.format(skp=rhk.skp_id, rhk=rhk.pk), personas.pegawai, body))


def test_kembalikan_needs_a_catatan(personas, call):
    skp_penilai = make_skp(personas.pejabat_penilai, rhk=1)
    skp = make_skp(personas.pegawai, rhk=1, rhk_atasan=list(skp_penilai.rhk.all()))
    call("POST", f"/skp/{skp.pk}/ajukan", personas.pegawai)

    missing = call("POST", f"/skp/{skp.pk}/kembalikan", personas.pejabat_penilai, {})
    blank = call("POST", f"/skp/{skp.pk}/kembalikan", personas.pejabat_penilai, {"catatan": "  "})

    assert bad(missing)["detail"][0] == {
        "loc": ["body", "catatan"],
        "code": "missing",
        "message": "Wajib diisi.",
    }
    assert bad(blank)["message"] == "Catatan pengembalian wajib diisi."
    assert Skp.objects.get(pk=skp.pk).status == "DIAJUKAN"


def test_jpt_fields_are_refused_on_a_ja_jf_skp(personas, call, rhk):
    response = call(
        "POST",
        f"/skp/{rhk.skp_id}/rhk",
        personas.pegawai,
        {"jenis": "UTAMA", "uraian": "x", "perspektif": "ANGGARAN"},
    )

    assert bad(response)["detail"][0]["loc"] == ["perspektif"]


HTML = '<script>alert("x")</script> & <b>tebal</b>'


def test_html_in_text_is_stored_and_answered_verbatim(personas, call, rhk):
    created = call("POST", f"/skp/{rhk.skp_id}/rhk", personas.pegawai, {"jenis": "TAMBAHAN", "uraian": HTML})
    lampiran = call(
        "POST", f"/skp/{rhk.skp_id}/lampiran", personas.pegawai, {"jenis": "KONSEKUENSI", "uraian": HTML}
    )

    assert created.json()["uraian"] == HTML
    assert lampiran.json()["uraian"] == HTML
    assert RencanaHasilKerja.objects.get(pk=created.json()["id"]).uraian == HTML
    detail = call("GET", f"/skp/{rhk.skp_id}", personas.pegawai).json()
    assert [r["uraian"] for r in detail["rhk"] if r["jenis"] == "TAMBAHAN"] == [HTML]
    assert HTML in [item["uraian"] for item in detail["lampiran"]]


def test_a_patch_changes_only_the_fields_sent(personas, call):
    skp_penilai = make_skp(personas.pejabat_penilai, rhk=1)
    rhk = make_skp(personas.pegawai, rhk=1, rhk_atasan=list(skp_penilai.rhk.all())).rhk.get()

    response = call("PATCH", f"/rhk/{rhk.pk}", personas.pegawai, {"ukuran_keberhasilan": "Laporan diterima"})

    body = response.json()
    assert response.status_code == 200
    assert (body["uraian"], body["jenis"], body["rhk_atasan_id"]) == (rhk.uraian, "UTAMA", rhk.rhk_atasan_id)
    assert body["ukuran_keberhasilan"] == "Laporan diterima"
    unlinked = call("PATCH", f"/rhk/{rhk.pk}", personas.pegawai, {"rhk_atasan_id": None}).json()
    assert (unlinked["rhk_atasan_id"], unlinked["rhk_atasan_uraian"]) == (None, None)
