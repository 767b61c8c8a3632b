"""Bad input to the penilaian API: 400 with a Bahasa Indonesia message, never a 500, and nothing
stored (no row, no orphan file)."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kinerja.api.tests import test_penilaian_api as penilaian_api
from kinerja.api.tests.conftest import API, bearer
from kinerja.api.tests.test_penilaian_api import PDF, galat, nilai, ok, periode_of, skp_bawahan, tetapkan
from kinerja.penilaian import services
from kinerja.penilaian.models import BuktiDukung, Keberatan, PeriodePenilaian, UmpanBalik

# The fixtures of test_penilaian_api, bound here so that pytest finds them in this module too.
jam = penilaian_api.jam
media = penilaian_api.media
rantai = penilaian_api.rantai
skp_pegawai = penilaian_api.skp_pegawai

# Pydantic's and Ninja's English texts: none of them may reach the client.
ENGLISH = ("Field required", "Input should", "Cannot parse", "JSON decode", "Expecting", "value is not")


def berkas_tersimpan(media):
    return [f for f in media.rglob("*") if f.is_file()] if media.exists() else []


def indonesian(body):
    assert body["message"], body
    text = json.dumps(body)
    assert not any(word in text for word in ENGLISH), body
    return body


@pytest.fixture
def call(client):
    def do(method, path, user, body=None, raw=None):
        data = raw if raw is not None else (json.dumps(body) if body is not None else "")
        return client.generic(
            method, f"{API}{path}", data, content_type="application/json", headers=bearer(user)
        )

    return do


@pytest.fixture
def p(skp_pegawai):
    return periode_of(skp_pegawai)


@pytest.fixture
def rhk(skp_pegawai):
    return skp_pegawai.rhk.order_by("pk").first()


def tautan(call, personas, p, rhk, url):
    return call(
        "POST",
        f"/periode/{p.pk}/bukti-dukung",
        personas.pegawai,
        {"rhk_id": rhk.pk, "nama": "Bukti", "url": url},
    )


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(document.cookie)",
        "JavaScript://example.go.id/%0Aalert(1)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "file:///etc/passwd",
        "ftp://example.go.id/bukti.pdf",
        "//example.go.id/tanpa-skema",
    ],
)
def test_a_link_that_is_not_http_is_refused(personas, p, rhk, call, url):
    body = indonesian(galat(tautan(call, personas, p, rhk, url), 400, "input_tidak_valid"))

    assert body["message"] == "Tautan harus diawali http:// atau https://."
    assert body["detail"][0]["loc"] == ["url"]
    assert not BuktiDukung.objects.exists()


def test_a_malformed_http_link_is_refused(personas, p, rhk, call):
    body = indonesian(galat(tautan(call, personas, p, rhk, "https://"), 400))

    assert body["message"] == "Tautan tidak valid."


def test_a_link_needs_a_name_and_an_rhk(personas, p, call):
    response = call("POST", f"/periode/{p.pk}/bukti-dukung", personas.pegawai, {"url": "https://a.go.id"})

    body = indonesian(galat(response, 400, "input_tidak_valid"))
    # One entry per field, as the operations Ninja validates itself.
    assert {(tuple(d["loc"]), d["message"]) for d in body["detail"]} == {
        (("body", "rhk_id"), "Wajib diisi."),
        (("body", "nama"), "Wajib diisi."),
    }
    assert not BuktiDukung.objects.exists()


def test_a_link_with_a_non_integer_rhk_id_is_refused(personas, p, call):
    body = {"rhk_id": "satu", "nama": "Bukti", "url": "https://a.go.id"}

    response = call("POST", f"/periode/{p.pk}/bukti-dukung", personas.pegawai, body)

    detail = indonesian(galat(response, 400, "input_tidak_valid"))["detail"]
    assert detail == [
        {"loc": ["body", "rhk_id"], "code": "int_parsing", "message": "Harus berupa bilangan bulat."}
    ]


def test_an_rhk_of_another_skp_is_refused(personas, rantai, p, call, unggah_berkas):
    lain = skp_bawahan(personas.rekan, personas, rantai).rhk.order_by("pk").first()

    link = indonesian(galat(tautan(call, personas, p, lain, "https://example.go.id/x"), 400))
    upload = indonesian(
        galat(unggah_berkas(p, personas, {"rhk_id": lain.pk, "file": _berkas("a.pdf", PDF)}), 400)
    )
    umpan = indonesian(
        galat(
            call(
                "POST",
                f"/periode/{p.pk}/umpan-balik",
                personas.pejabat_penilai,
                {"rhk_id": lain.pk, "isi": "x"},
            ),
            400,
        )
    )

    for body in (link, upload, umpan):
        assert body["message"] == "RHK ini bukan bagian dari SKP periode ini."
    assert not BuktiDukung.objects.exists()
    assert not UmpanBalik.objects.exists()


def test_an_indikator_of_another_skp_is_404(personas, rantai, p, call):
    lain = skp_bawahan(personas.rekan, personas, rantai).rhk.order_by("pk").first().indikator.get()

    body = galat(
        call("PUT", f"/periode/{p.pk}/realisasi/{lain.pk}", personas.pegawai, {"realisasi": "1"}),
        404,
        "tidak_ditemukan",
    )

    assert body["message"] == "Indikator tidak ditemukan pada SKP periode ini."


# --- uploads -------------------------------------------------------------------------------------


def _berkas(name, content, content_type="application/pdf"):
    # The declared content type is the client's claim; the server trusts only the bytes.
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.fixture
def unggah_berkas(client):
    def do(p, personas, data):
        return client.post(f"{API}/periode/{p.pk}/bukti-dukung", data, headers=bearer(personas.pegawai))

    return do


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("laporan.html", b"<!DOCTYPE html><html><script>alert(1)</script></html>"),
        (
            "grafik.svg",
            b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>',
        ),
        ("laporan.pdf", b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"),
        ("setup.exe", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200),
        ("laporan.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200),
    ],
)
def test_a_file_that_is_not_a_document_or_an_image_is_refused(
    personas, p, rhk, unggah_berkas, media, name, content
):
    response = unggah_berkas(p, personas, {"rhk_id": rhk.pk, "nama": "Bukti", "file": _berkas(name, content)})

    body = indonesian(galat(response, 400, "input_tidak_valid"))
    assert body["message"].startswith("Jenis berkas tidak diizinkan.")
    assert body["detail"][0]["loc"] == ["file"]
    assert not BuktiDukung.objects.exists()
    assert not berkas_tersimpan(media)


def test_a_file_over_the_limit_is_refused(personas, p, rhk, unggah_berkas, media, settings):
    settings.KINERJA_UPLOAD_MAX_MB = 1
    besar = PDF + b"0" * (2 * 1024 * 1024)

    response = unggah_berkas(p, personas, {"rhk_id": rhk.pk, "file": _berkas("besar.pdf", besar)})

    body = indonesian(galat(response, 400, "input_tidak_valid"))
    assert body["message"] == "Berkas terlalu besar (paling besar 1 MB)."
    assert not BuktiDukung.objects.exists()
    assert not berkas_tersimpan(media)


def test_an_empty_file_is_refused(personas, p, rhk, unggah_berkas):
    response = unggah_berkas(p, personas, {"rhk_id": rhk.pk, "file": _berkas("kosong.pdf", b"")})

    assert indonesian(galat(response, 400))["message"] == "Berkas kosong."


def test_multipart_without_a_file_is_refused(personas, p, rhk, unggah_berkas):
    response = unggah_berkas(p, personas, {"rhk_id": rhk.pk, "nama": "Tanpa berkas"})

    body = indonesian(galat(response, 400, "input_tidak_valid"))
    assert body["message"] == "Berkas wajib diunggah pada kolom 'file'."


@pytest.mark.parametrize(
    ("content_type", "raw"),
    [
        ("multipart/form-data", b"tanpa batas"),  # no boundary: Django cannot parse it at all
        ("multipart/form-data; boundary=", b"--\r\n"),
    ],
)
def test_a_multipart_body_django_cannot_read_is_400_not_500(personas, p, client, content_type, raw):
    response = client.generic(
        "POST",
        f"{API}/periode/{p.pk}/bukti-dukung",
        raw,
        content_type=content_type,
        headers=bearer(personas.pegawai),
    )

    indonesian(galat(response, 400))
    assert not BuktiDukung.objects.exists()


def test_a_multipart_body_with_a_boundary_but_no_parts_asks_for_the_file(personas, p, client):
    response = client.generic(
        "POST",
        f"{API}/periode/{p.pk}/bukti-dukung",
        b"sampah",
        content_type="multipart/form-data; boundary=xyz",
        headers=bearer(personas.pegawai),
    )

    assert galat(response, 400)["message"] == "Berkas wajib diunggah pada kolom 'file'."


@pytest.mark.parametrize("rhk_id", ["", "satu", "1.5"])
def test_multipart_with_a_bad_rhk_id_is_refused(personas, p, unggah_berkas, rhk_id):
    response = unggah_berkas(p, personas, {"rhk_id": rhk_id, "file": _berkas("a.pdf", PDF)})

    body = indonesian(galat(response, 400, "input_tidak_valid"))
    assert body["detail"][0]["loc"] == ["rhk_id"]


def test_a_failed_upload_leaves_no_file_behind(personas, rantai, p, unggah_berkas, media):
    # The file is valid, the RHK is not: the whole upload is refused.
    lain = skp_bawahan(personas.rekan, personas, rantai).rhk.order_by("pk").first()

    galat(unggah_berkas(p, personas, {"rhk_id": lain.pk, "file": _berkas("a.pdf", PDF)}), 400)

    assert not berkas_tersimpan(media)


# --- malformed bodies ----------------------------------------------------------------------------


WRITES = [
    ("PUT", "/periode/{p}/realisasi/{i}"),
    ("POST", "/periode/{p}/bukti-dukung"),
    ("POST", "/periode/{p}/umpan-balik"),
    ("PUT", "/periode/{p}/penilaian"),
    ("POST", "/periode/{p}/tetapkan"),
    ("POST", "/periode/{p}/keberatan"),
    ("POST", "/periode/{p}/keberatan/penjelasan"),
    ("POST", "/periode/{p}/keberatan/keputusan"),
    ("POST", "/periode/{p}/pembinaan"),
    ("PUT", "/unit/{u}/predikat-organisasi"),
]
MALFORMED = ['{"realisasi": ', "[1, 2]", "null", '"teks"', "{'a': 1}", b"\xff\xfe{}"]


@pytest.mark.parametrize(
    ("method", "path", "raw"),
    [
        (method, path, raw)
        for method, path in WRITES
        for raw in MALFORMED
        # tetapkan's body is optional: no body and null both mean "no alasan".
        if not (path.endswith("/tetapkan") and raw == "null")
    ],
)
def test_a_malformed_json_body_is_400(personas, p, rhk, call, method, path, raw):
    nilai(p, personas.pejabat_penilai)  # so that tetapkan would succeed with a valid body
    path = path.format(p=p.pk, i=rhk.indikator.get().pk, u=personas.seksi.pk)

    response = call(method, path, personas.pejabat_penilai, raw=raw)

    indonesian(galat(response, 400))
    assert PeriodePenilaian.objects.get(pk=p.pk).status == "DINILAI"


@pytest.mark.parametrize("raw", ["", "null", "{}"])
def test_tetapkan_needs_no_body(personas, p, call, raw):
    nilai(p, personas.pejabat_penilai)

    response = call("POST", f"/periode/{p.pk}/tetapkan", personas.pejabat_penilai, raw=raw)

    assert ok(response)["status"] == "DITETAPKAN"


@pytest.mark.parametrize("raw", ["[1, 2]", '"teks"', "1", "true"])
def test_tetapkan_refuses_a_body_that_is_not_an_object(personas, p, call, raw):
    # Every field of its body is optional: a list or a string once passed as an empty body.
    nilai(p, personas.pejabat_penilai)

    response = call("POST", f"/periode/{p.pk}/tetapkan", personas.pejabat_penilai, raw=raw)

    body = indonesian(galat(response, 400, "input_tidak_valid"))
    assert body["detail"][0]["message"] == "Harus berupa objek JSON."
    assert PeriodePenilaian.objects.get(pk=p.pk).status == "DINILAI"


@pytest.mark.parametrize(
    "body",
    [
        {"rating_hasil_kerja": "LUAR_BIASA", "rating_perilaku_kerja": "SESUAI_EKSPEKTASI"},
        {"rating_hasil_kerja": "SESUAI_EKSPEKTASI", "rating_perilaku_kerja": "sesuai"},
        {"rating_hasil_kerja": "", "rating_perilaku_kerja": "SESUAI_EKSPEKTASI"},
        {"rating_hasil_kerja": 3, "rating_perilaku_kerja": "SESUAI_EKSPEKTASI"},
        {"rating_perilaku_kerja": "SESUAI_EKSPEKTASI"},
    ],
)
def test_a_rating_outside_the_enum_is_refused(personas, p, call, body):
    response = call("PUT", f"/periode/{p.pk}/penilaian", personas.pejabat_penilai, body)

    indonesian(galat(response, 400, "input_tidak_valid"))
    assert PeriodePenilaian.objects.get(pk=p.pk).status == "BELUM_DINILAI"


def test_an_unknown_rating_names_the_choices(personas, p, call):
    body = {"rating_hasil_kerja": "LUAR_BIASA", "rating_perilaku_kerja": "SESUAI_EKSPEKTASI"}

    message = galat(call("PUT", f"/periode/{p.pk}/penilaian", personas.pejabat_penilai, body), 400)["message"]

    assert message == (
        "Rating hasil kerja 'LUAR_BIASA' tidak dikenal. "
        "Pilihan: DI_ATAS_EKSPEKTASI, SESUAI_EKSPEKTASI, DI_BAWAH_EKSPEKTASI."
    )


@pytest.mark.parametrize(
    "body",
    [
        {"isi": "Tanpa sasaran"},
        {"rhk_id": None, "core_value": "", "isi": "Tanpa sasaran"},
        {"core_value": "JUJUR", "isi": "Nilai tak dikenal"},
        {"core_value": "AKUNTABEL", "isi": "   "},
    ],
)
def test_umpan_balik_needs_one_target_and_a_text(personas, p, call, body):
    response = call("POST", f"/periode/{p.pk}/umpan-balik", personas.pejabat_penilai, body)

    indonesian(galat(response, 400, "input_tidak_valid"))
    assert not UmpanBalik.objects.exists()


def test_umpan_balik_for_both_an_rhk_and_a_core_value_is_refused(personas, p, rhk, call):
    body = {"rhk_id": rhk.pk, "core_value": "AKUNTABEL", "isi": "Dua sasaran"}

    response = call("POST", f"/periode/{p.pk}/umpan-balik", personas.pejabat_penilai, body)

    assert galat(response, 400)["message"] == "Pilih satu RHK atau satu nilai perilaku (core value)."


@pytest.mark.parametrize(
    "body",
    [
        {"periode_jenis": "TAHUNAN", "periode_nomor": 1, "tahun": 2026, "predikat": "BAIK"},
        {"periode_jenis": "TRIWULAN", "periode_nomor": 5, "tahun": 2026, "predikat": "BAIK"},
        {"periode_jenis": "TRIWULAN", "periode_nomor": 1, "tahun": 2026, "predikat": "SANGAT_BAIK"},
        {"periode_jenis": "TRIWULAN", "periode_nomor": 1, "tahun": 1900, "predikat": "BAIK"},
        {"periode_jenis": "TRIWULAN", "periode_nomor": 1, "predikat": "BAIK"},
    ],
)
def test_a_bad_predikat_organisasi_is_refused(personas, call, body):
    response = call("PUT", f"/unit/{personas.seksi.pk}/predikat-organisasi", personas.atasan, body)

    indonesian(galat(response, 400, "input_tidak_valid"))


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?tahun=2026",
        "?tahun=2026&periode_jenis=TAHUNAN",
        "?tahun=dua&periode_jenis=TRIWULAN",
        "?tahun=2026&periode_jenis=TRIWULAN&periode_nomor=13",
    ],
)
def test_a_bad_distribusi_query_is_refused(personas, client, query):
    response = client.get(
        f"{API}/unit/{personas.seksi.pk}/distribusi{query}", headers=bearer(personas.atasan)
    )

    indonesian(galat(response, 400, "input_tidak_valid"))


def test_a_bad_angka_kredit_year_is_refused(personas, client):
    response = client.get(
        f"{API}/pegawai/{personas.p('fungsional').nip}/angka-kredit?tahun=tahun-ini",
        headers=bearer(personas.fungsional),
    )

    indonesian(galat(response, 400, "input_tidak_valid"))


def test_a_keputusan_with_an_unknown_predikat_is_refused(personas, p, call):
    tetapkan(p, personas.pejabat_penilai)
    services.keberatan_ajukan(periode=p, actor=personas.pegawai, alasan="Tidak sesuai")

    response = call(
        "POST",
        f"/periode/{p.pk}/keberatan/keputusan",
        personas.atasan,
        {"catatan": "Naik", "predikat": "ISTIMEWA"},
    )

    indonesian(galat(response, 400, "input_tidak_valid"))
    assert PeriodePenilaian.objects.get(pk=p.pk).status == "KEBERATAN"


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/periode/{p}/realisasi/{i}", {"realisasi": "   "}),
        ("/periode/{p}/realisasi/{i}", {"realisasi": "x" * 1001}),
        ("/periode/{p}/realisasi/{i}", {"realisasi": "x" * 5001}),
    ],
)
def test_a_missing_or_too_long_text_is_refused(personas, p, rhk, call, path, body):
    path = path.format(p=p.pk, i=rhk.indikator.get().pk)

    indonesian(galat(call("PUT", path, personas.pegawai, body), 400, "input_tidak_valid"))


def test_a_keberatan_after_the_window_is_refused(personas, p, call, jam):
    tetapkan(p, personas.pejabat_penilai)
    jam.maju(15)  # the default window is 14 days after the penetapan

    response = call("POST", f"/periode/{p.pk}/keberatan", personas.pegawai, {"alasan": "Terlambat"})

    # The input is well formed; the period's time has passed: a conflict with its state.
    body = indonesian(galat(response, 409, "transisi_tidak_sah"))
    assert body["message"].startswith("Batas waktu keberatan sudah lewat")
    assert not Keberatan.objects.exists()
    assert PeriodePenilaian.objects.get(pk=p.pk).status == "DITETAPKAN"


def test_a_keberatan_on_the_last_day_of_the_window_is_accepted(personas, p, call, jam):
    tetapkan(p, personas.pejabat_penilai)
    jam.maju(14)

    ok(call("POST", f"/periode/{p.pk}/keberatan", personas.pegawai, {"alasan": "Tepat waktu"}), 201)


def test_a_keberatan_before_the_penetapan_is_409(personas, p, call):
    response = call("POST", f"/periode/{p.pk}/keberatan", personas.pegawai, {"alasan": "Terlalu dini"})

    indonesian(galat(response, 409, "transisi_tidak_sah"))


def test_tetapkan_before_rating_is_409(personas, p, call):
    response = call("POST", f"/periode/{p.pk}/tetapkan", personas.pejabat_penilai)

    indonesian(galat(response, 409, "transisi_tidak_sah"))


def test_a_json_body_over_the_request_limit_is_400(personas, p, rhk, call, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    body = {"rhk_id": rhk.pk, "nama": "x" * 2048, "url": "https://example.go.id"}

    response = call("POST", f"/periode/{p.pk}/bukti-dukung", personas.pegawai, body)

    indonesian(galat(response, 400, "input_tidak_valid"))
    assert not BuktiDukung.objects.exists()
