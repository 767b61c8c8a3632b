"""The penilaian API: who may call each endpoint (allowed, 403 forbidden, 404 not visible, 401 without
a token) and the whole evaluation cycle of a period, end to end.

The personas: the pegawai owns the SKP, the pejabat penilai rates it, the atasan is the atasan
pejabat penilai (and the pimpinan above the seksi), the rekan is a peer who does not see the
pegawai's SKP, orang_lain belongs to another instansi and sees nothing.
"""

import datetime as dt
import json
import zoneinfo
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from kinerja.api.tests.conftest import API, bearer
from kinerja.core.testing.skp import TAHUN, make_approved, make_skp
from kinerja.penilaian import services
from kinerja.penilaian.enums import JenisPeriode, Rating
from kinerja.penilaian.models import BuktiDukung, Keberatan, PeriodePenilaian
from kinerja.skp import services as skp_services
from kinerja.skp.models import Skp

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
# Inside the filling window of Triwulan I (ends 31 March, deadline 5 April with the default 5 days):
# the real date is later, and then the pegawai's period would be locked.
AWAL_APRIL = dt.datetime(TAHUN, 4, 2, 10, 0, tzinfo=WIB)

# A minimal, real PDF (recognised from its bytes, not its name).
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


class Jam:
    """The clock the code under test sees (style.md: mock only the clock). ``localdate`` calls
    ``now``, so freezing ``now`` freezes the day as well."""

    def __init__(self, sekarang: dt.datetime) -> None:
        self.sekarang = sekarang

    def now(self) -> dt.datetime:
        return self.sekarang.astimezone(dt.UTC)

    def maju(self, hari: int) -> None:
        self.sekarang += dt.timedelta(days=hari)


@pytest.fixture(autouse=True)
def jam(monkeypatch):
    clock = Jam(AWAL_APRIL)
    monkeypatch.setattr(timezone, "now", clock.now)
    return clock


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def call(client):
    """An API call as ``user`` (None: no token) with a JSON body; ``raw`` sends the body as is."""

    def do(method, path, user=None, body=None, raw=None):
        headers = bearer(user) if user is not None else {}
        data = raw if raw is not None else (json.dumps(body) if body is not None else "")
        return client.generic(method, f"{API}{path}", data, content_type="application/json", headers=headers)

    return do


@pytest.fixture
def unggah(client):
    """A multipart POST of bukti dukung as ``user``."""

    def do(periode_id, user, data):
        return client.post(f"{API}/periode/{periode_id}/bukti-dukung", data, headers=bearer(user))

    return do


def ok(response, status=200):
    assert response.status_code == status, response.content
    return response.json()


def galat(response, status, code=None):
    """An error answer: the status, JSON {code, message}, never Ninja's English defaults."""
    assert response.status_code == status, response.content
    body = response.json()
    assert body["message"], body
    if code is not None:
        assert body["code"] == code, body
    return body


@dataclass
class Rantai:
    """The approved SKP chain above the seksi: kepala dinas (draft) <- atasan <- pejabat penilai."""

    kepala_dinas: Skp
    atasan: Skp
    pejabat_penilai: Skp


@pytest.fixture
def rantai(personas):
    kadis = make_skp(personas.kepala_dinas, rhk=1)
    kabid = make_approved(personas.atasan, personas.kepala_dinas, rhk=1, rhk_atasan=list(kadis.rhk.all()))
    kasi = make_approved(personas.pejabat_penilai, personas.atasan, rhk=1, rhk_atasan=list(kabid.rhk.all()))
    return Rantai(kepala_dinas=kadis, atasan=kabid, pejabat_penilai=kasi)


def skp_bawahan(user, personas, rantai, *, rhk=2):
    """An approved SKP of a bawahan of the pejabat penilai, with its periods."""
    skp = make_approved(
        user, personas.pejabat_penilai, rhk=rhk, rhk_atasan=list(rantai.pejabat_penilai.rhk.all())
    )
    services.periode_sinkron(skp=skp)
    return skp


@pytest.fixture
def skp_pegawai(personas, rantai):
    return skp_bawahan(personas.pegawai, personas, rantai)


def periode_of(skp, jenis=JenisPeriode.TRIWULAN, nomor=1):
    return PeriodePenilaian.objects.select_related("skp").get(skp=skp, jenis=jenis, nomor=nomor)


def nilai(periode, actor, hasil=Rating.SESUAI_EKSPEKTASI, perilaku=Rating.SESUAI_EKSPEKTASI):
    return services.penilaian_simpan(
        periode=periode, actor=actor, rating_hasil_kerja=hasil, rating_perilaku_kerja=perilaku
    )


def tetapkan(periode, actor, **kwargs):
    nilai(periode, actor, **kwargs)
    return services.periode_tetapkan(periode=periode, actor=actor)


def keberatan(periode, personas):
    tetapkan(periode, personas.pejabat_penilai)
    services.keberatan_ajukan(periode=periode, actor=personas.pegawai, alasan="Tidak sesuai")


# --- access --------------------------------------------------------------------------------------

# Each endpoint: (method, path, body, the period's state before the call, allowed caller, its status,
# a caller who sees the period but may not do this). Paths name {skp}, {periode}, {indikator},
# {rhk}, {bukti}, {unit} and {nip}.
SIAP = "BELUM_DINILAI"
ENDPOINTS = {
    "periode_list": ("GET", "/skp/{skp}/periode", None, SIAP, "pegawai", 200, None),
    "periode_detail": ("GET", "/periode/{periode}", None, SIAP, "atasan", 200, None),
    "realisasi": (
        "PUT",
        "/periode/{periode}/realisasi/{indikator}",
        {"realisasi": "12 dokumen", "sumber_data": "Arsip"},
        SIAP,
        "pegawai",
        200,
        "pejabat_penilai",
    ),
    "bukti_tautan": (
        "POST",
        "/periode/{periode}/bukti-dukung",
        {"rhk_id": "{rhk}", "nama": "Notulen", "url": "https://drive.example.go.id/notulen"},
        SIAP,
        "pegawai",
        201,
        "pejabat_penilai",
    ),
    "bukti_hapus": ("DELETE", "/bukti-dukung/{bukti}", None, SIAP, "pegawai", 204, "pejabat_penilai"),
    "umpan_balik": (
        "POST",
        "/periode/{periode}/umpan-balik",
        {"rhk_id": "{rhk}", "isi": "Laporan sudah rapi."},
        SIAP,
        "pejabat_penilai",
        201,
        "pegawai",
    ),
    "penilaian": (
        "PUT",
        "/periode/{periode}/penilaian",
        {"rating_hasil_kerja": "SESUAI_EKSPEKTASI", "rating_perilaku_kerja": "SESUAI_EKSPEKTASI"},
        SIAP,
        "pejabat_penilai",
        200,
        "pegawai",  # a pegawai rating their own period
    ),
    "tetapkan": ("POST", "/periode/{periode}/tetapkan", None, "DINILAI", "pejabat_penilai", 200, "pegawai"),
    "keberatan": (
        "POST",
        "/periode/{periode}/keberatan",
        {"alasan": "Realisasi saya melebihi target."},
        "DITETAPKAN",
        "pegawai",
        201,
        "pejabat_penilai",
    ),
    "penjelasan": (
        "POST",
        "/periode/{periode}/keberatan/penjelasan",
        {"penjelasan": "Kualitas laporan belum memenuhi."},
        "KEBERATAN",
        "pejabat_penilai",
        200,
        "pegawai",
    ),
    "keputusan": (
        "POST",
        "/periode/{periode}/keberatan/keputusan",
        {"catatan": "Predikat tetap."},
        "KEBERATAN",
        "atasan",
        200,
        "pejabat_penilai",
    ),
    "pembinaan": (
        "POST",
        "/periode/{periode}/pembinaan",
        {"jenis": "COACHING", "tanggal": f"{TAHUN}-03-20", "topik": "Penyusunan laporan"},
        SIAP,
        "pejabat_penilai",
        201,
        "pegawai",
    ),
    "predikat_organisasi": (
        "PUT",
        "/unit/{unit}/predikat-organisasi",
        {"periode_jenis": "TRIWULAN", "periode_nomor": 1, "tahun": TAHUN, "predikat": "BAIK"},
        SIAP,
        "atasan",
        200,
        "pegawai",
    ),
    "distribusi": (
        "GET",
        "/unit/{unit}/distribusi?tahun=2026&periode_jenis=TRIWULAN&periode_nomor=1",
        None,
        SIAP,
        "atasan",
        200,
        None,
    ),
    "angka_kredit": (
        "GET",
        "/pegawai/{nip}/angka-kredit?tahun=2026",
        None,
        SIAP,
        "pejabat_penilai",
        200,
        None,
    ),
}


@pytest.fixture
def siapkan(personas, skp_pegawai):
    """The pegawai's Triwulan I period in a state, and the ids an endpoint's path and body name."""

    def build(state):
        p = periode_of(skp_pegawai)
        if state in ("DINILAI", "DITETAPKAN", "KEBERATAN"):
            nilai(p, personas.pejabat_penilai)
        if state in ("DITETAPKAN", "KEBERATAN"):
            services.periode_tetapkan(periode=p, actor=personas.pejabat_penilai)
        if state == "KEBERATAN":
            services.keberatan_ajukan(periode=p, actor=personas.pegawai, alasan="Tidak sesuai")
        rhk = skp_pegawai.rhk.order_by("pk").first()
        bukti = BuktiDukung.objects.create(
            periode=p, rhk=rhk, nama="Foto", url="https://example.go.id/foto", uploaded_by=personas.pegawai
        )
        return {
            "skp": skp_pegawai.pk,
            "periode": p.pk,
            "rhk": rhk.pk,
            "indikator": rhk.indikator.get().pk,
            "bukti": bukti.pk,
            "unit": personas.seksi.pk,
            "nip": personas.p("pegawai").nip,
        }

    return build


def _isi(template, ids):
    if isinstance(template, str):
        text = template.format(**ids)
        return int(text) if template.startswith("{") and text.isdigit() else text
    if isinstance(template, dict):
        return {k: _isi(v, ids) for k, v in template.items()}
    return template


@pytest.mark.parametrize("name", ENDPOINTS)
def test_the_allowed_caller_gets_the_answer(personas, siapkan, call, name):
    method, path, body, state, allowed, status, _ = ENDPOINTS[name]
    ids = siapkan(state)

    response = call(method, _isi(path, ids), getattr(personas, allowed), _isi(body, ids))

    assert response.status_code == status, response.content


@pytest.mark.parametrize("name", [n for n, e in ENDPOINTS.items() if e[6] is not None])
def test_a_caller_who_sees_the_period_but_may_not_act_gets_403(personas, siapkan, call, name):
    method, path, body, state, _, _, forbidden = ENDPOINTS[name]
    ids = siapkan(state)

    response = call(method, _isi(path, ids), getattr(personas, forbidden), _isi(body, ids))

    galat(response, 403, "akses_ditolak")


@pytest.mark.parametrize("name", ENDPOINTS)
def test_another_instansi_sees_nothing(personas, siapkan, call, name):
    method, path, body, state, *_ = ENDPOINTS[name]
    ids = siapkan(state)

    response = call(method, _isi(path, ids), personas.orang_lain, _isi(body, ids))

    galat(response, 404, "tidak_ditemukan")


# The unit endpoints are the same for every pegawai of the instansi; the rekan is only blind to
# the pegawai's SKP, its periods and the pegawai's angka kredit.
@pytest.mark.parametrize("name", [n for n in ENDPOINTS if n not in ("predikat_organisasi", "distribusi")])
def test_a_peer_does_not_see_the_pegawai_s_period(personas, siapkan, call, name):
    method, path, body, state, *_ = ENDPOINTS[name]
    ids = siapkan(state)

    response = call(method, _isi(path, ids), personas.rekan, _isi(body, ids))

    galat(response, 404, "tidak_ditemukan")


@pytest.mark.parametrize("name", ENDPOINTS)
def test_no_token_is_401(personas, siapkan, call, name):
    method, path, body, state, *_ = ENDPOINTS[name]
    ids = siapkan(state)

    response = call(method, _isi(path, ids), None, _isi(body, ids))

    galat(response, 401, "tidak_terautentikasi")


def test_a_missing_period_is_404_as_an_invisible_one(personas, call):
    body = galat(call("GET", "/periode/999999", personas.admin), 404, "tidak_ditemukan")

    assert body["message"] == "Periode penilaian tidak ditemukan."


def test_the_bukti_file_upload_is_only_for_the_pegawai(personas, siapkan, unggah):
    ids = siapkan(SIAP)
    berkas = {"rhk_id": ids["rhk"], "nama": "Laporan"}

    galat(unggah(ids["periode"], personas.pejabat_penilai, {**berkas, "file": _pdf()}), 403)
    galat(unggah(ids["periode"], personas.rekan, {**berkas, "file": _pdf()}), 404)
    ok(unggah(ids["periode"], personas.pegawai, {**berkas, "file": _pdf()}), 201)


def _pdf(name="laporan.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


# --- the whole cycle -----------------------------------------------------------------------------


def test_the_whole_evaluation_cycle(personas, rantai, call, unggah, media, jam):
    pegawai, penilai, atasan = personas.pegawai, personas.pejabat_penilai, personas.atasan
    # Three pegawai in the seksi, so that the unit's distribution can be broken.
    skp = make_approved(pegawai, penilai, rhk=2, rhk_atasan=list(rantai.pejabat_penilai.rhk.all()))
    rekan = skp_bawahan(personas.rekan, personas, rantai)
    fungsional = skp_bawahan(personas.fungsional, personas, rantai)

    # The periods are made on the first call: four triwulan and the annual evaluation.
    periods = ok(call("GET", f"/skp/{skp.pk}/periode", pegawai))
    assert [(p["jenis"], p["nomor"]) for p in periods] == [
        ("TRIWULAN", 1),
        ("TRIWULAN", 2),
        ("TRIWULAN", 3),
        ("TRIWULAN", 4),
        ("AKHIR", 1),
    ]
    tw1 = periods[0]
    assert (tw1["tanggal_awal"], tw1["tanggal_akhir"], tw1["status"]) == (
        f"{TAHUN}-01-01",
        f"{TAHUN}-03-31",
        "BELUM_DINILAI",
    )
    assert tw1["predikat"] is None
    assert ok(call("GET", f"/skp/{skp.pk}/periode", pegawai)) == periods  # idempotent
    pid = tw1["id"]
    rhk = skp.rhk.order_by("pk").first()
    indikator = rhk.indikator.get()

    # The pegawai fills the realisasi, then corrects it: one row per indikator.
    ok(call("PUT", f"/periode/{pid}/realisasi/{indikator.pk}", pegawai, {"realisasi": "10 dokumen"}))
    realisasi = ok(
        call(
            "PUT",
            f"/periode/{pid}/realisasi/{indikator.pk}",
            pegawai,
            {"realisasi": "12 dokumen", "sumber_data": "Arsip seksi"},
        )
    )
    assert realisasi == {
        "id": realisasi["id"],
        "periode_id": pid,
        "indikator_id": indikator.pk,
        "realisasi": "12 dokumen",
        "sumber_data": "Arsip seksi",
    }

    # Bukti dukung: a link, then a real PDF stored under MEDIA_ROOT with a random name.
    tautan = ok(
        call(
            "POST",
            f"/periode/{pid}/bukti-dukung",
            pegawai,
            {"rhk_id": rhk.pk, "nama": "Notulen rapat", "url": "https://drive.example.go.id/notulen"},
        ),
        201,
    )
    assert (tautan["url"], tautan["berkas"]) == ("https://drive.example.go.id/notulen", False)
    berkas = ok(unggah(pid, pegawai, {"rhk_id": rhk.pk, "nama": "Laporan triwulan", "file": _pdf()}), 201)
    assert (berkas["nama"], berkas["berkas"], berkas["url"]) == ("Laporan triwulan", True, None)
    assert (berkas["content_type"], berkas["ukuran"]) == ("application/pdf", len(PDF))
    stored = BuktiDukung.objects.get(pk=berkas["id"]).berkas
    assert stored.path.startswith(str(media))
    assert "laporan" not in stored.name
    with stored.open("rb") as f:
        assert f.read() == PDF

    # The pejabat penilai's feedback, per RHK and per core value.
    umpan = ok(call("POST", f"/periode/{pid}/umpan-balik", penilai, {"rhk_id": rhk.pk, "isi": "Bagus."}), 201)
    assert (umpan["rhk_id"], umpan["core_value"], umpan["isi"]) == (rhk.pk, None, "Bagus.")
    perilaku = ok(
        call(
            "POST",
            f"/periode/{pid}/umpan-balik",
            penilai,
            {"core_value": "BERORIENTASI_PELAYANAN", "isi": "Ramah."},
        ),
        201,
    )
    assert (perilaku["rhk_id"], perilaku["core_value"]) == (None, "BERORIENTASI_PELAYANAN")

    # The atasan, pimpinan of the bidang above the seksi, sets the seksi's predikat organisasi.
    org = ok(
        call(
            "PUT",
            f"/unit/{personas.seksi.pk}/predikat-organisasi",
            atasan,
            {"periode_jenis": "TRIWULAN", "periode_nomor": 1, "tahun": TAHUN, "predikat": "BAIK"},
        )
    )
    assert org == {
        "unit_id": personas.seksi.pk,
        "periode_jenis": "TRIWULAN",
        "periode_nomor": 1,
        "tahun": TAHUN,
        "predikat": "BAIK",
    }

    # The predikat follows the kuadran kinerja; ratings can change until the period is finalised.
    for hasil, perilaku_kerja, predikat in [
        ("DI_ATAS_EKSPEKTASI", "DI_ATAS_EKSPEKTASI", "SANGAT_BAIK"),
        ("DI_BAWAH_EKSPEKTASI", "SESUAI_EKSPEKTASI", "BUTUH_PERBAIKAN"),
        ("SESUAI_EKSPEKTASI", "DI_BAWAH_EKSPEKTASI", "KURANG"),
        ("DI_BAWAH_EKSPEKTASI", "DI_BAWAH_EKSPEKTASI", "SANGAT_KURANG"),
        ("SESUAI_EKSPEKTASI", "SESUAI_EKSPEKTASI", "BAIK"),
    ]:
        dinilai = ok(
            call(
                "PUT",
                f"/periode/{pid}/penilaian",
                penilai,
                {"rating_hasil_kerja": hasil, "rating_perilaku_kerja": perilaku_kerja},
            )
        )
        assert (dinilai["status"], dinilai["predikat"]) == ("DINILAI", predikat), (hasil, perilaku_kerja)
    assert (dinilai["rating_hasil_kerja"], dinilai["rating_perilaku_kerja"]) == ("SESUAI_EKSPEKTASI",) * 2
    assert dinilai["capaian_kinerja_organisasi"] == "BAIK"

    # All three pegawai Baik: a unit rated Baik allows at most 70% Baik and needs at least one Butuh
    # Perbaikan or Kurang. Finalising then needs a written reason (the instansi's default).
    nilai(periode_of(rekan), penilai)
    nilai(periode_of(fungsional), penilai)
    refused = galat(call("POST", f"/periode/{pid}/tetapkan", penilai), 400, "input_tidak_valid")
    assert "alasan" in refused["message"].lower()
    assert "tidak sesuai pola" in refused["message"]
    assert refused["detail"][0]["loc"] == ["alasan_distribusi"]
    assert ok(call("GET", f"/periode/{pid}", penilai))["status"] == "DINILAI"
    alasan = "Seluruh pegawai seksi melampaui target triwulan ini."
    ditetapkan = ok(call("POST", f"/periode/{pid}/tetapkan", penilai, {"alasan_distribusi": alasan}))
    assert ditetapkan["status"] == "DITETAPKAN"
    assert ditetapkan["ditetapkan_pada"] is not None
    assert PeriodePenilaian.objects.get(pk=pid).alasan_distribusi == alasan

    # A finalised period cannot be rated again, nor filled by the pegawai.
    again = galat(
        call(
            "PUT",
            f"/periode/{pid}/penilaian",
            penilai,
            {"rating_hasil_kerja": "DI_ATAS_EKSPEKTASI", "rating_perilaku_kerja": "DI_ATAS_EKSPEKTASI"},
        ),
        409,
        "transisi_tidak_sah",
    )
    assert "sudah ditetapkan" in again["message"]
    galat(call("PUT", f"/periode/{pid}/realisasi/{indikator.pk}", pegawai, {"realisasi": "13"}), 409)

    # Keberatan within the window, once.
    jam.maju(3)
    diajukan = ok(
        call("POST", f"/periode/{pid}/keberatan", pegawai, {"alasan": "Target saya terlampaui."}), 201
    )
    assert (diajukan["periode_id"], diajukan["predikat_semula"], diajukan["penjelasan"]) == (
        pid,
        "BAIK",
        None,
    )
    assert ok(call("GET", f"/periode/{pid}", pegawai))["status"] == "KEBERATAN"
    kedua = galat(call("POST", f"/periode/{pid}/keberatan", pegawai, {"alasan": "Lagi."}), 409)
    assert "sudah pernah diajukan" in kedua["message"]

    # The pejabat penilai explains; the atasan pejabat penilai decides, with a new predikat (final).
    dijelaskan = ok(
        call("POST", f"/periode/{pid}/keberatan/penjelasan", penilai, {"penjelasan": "Sesuai pola unit."})
    )
    assert dijelaskan["penjelasan"] == "Sesuai pola unit."
    galat(
        call(
            "POST",
            f"/periode/{pid}/keberatan/keputusan",
            penilai,
            {"catatan": "Saya sendiri", "predikat": "SANGAT_BAIK"},
        ),
        403,
    )
    keputusan = ok(
        call(
            "POST",
            f"/periode/{pid}/keberatan/keputusan",
            atasan,
            {"catatan": "Keberatan diterima.", "predikat": "SANGAT_BAIK"},
        )
    )
    assert (keputusan["predikat_semula"], keputusan["predikat_keputusan"]) == ("BAIK", "SANGAT_BAIK")
    assert keputusan["catatan_keputusan"] == "Keberatan diterima."
    assert keputusan["diputuskan_pada"] is not None
    final = ok(call("GET", f"/periode/{pid}", pegawai))
    assert (final["status"], final["predikat"]) == ("FINAL", "SANGAT_BAIK")
    # Final means final: no second decision.
    galat(
        call(
            "POST",
            f"/periode/{pid}/keberatan/keputusan",
            atasan,
            {"catatan": "Ubah lagi", "predikat": "BAIK"},
        ),
        409,
    )
    assert Keberatan.objects.get(periode_id=pid).predikat_keputusan == "SANGAT_BAIK"


def test_the_keputusan_without_a_predikat_keeps_the_old_one(personas, skp_pegawai, call):
    p = periode_of(skp_pegawai)
    keberatan(p, personas)

    keputusan = ok(
        call("POST", f"/periode/{p.pk}/keberatan/keputusan", personas.atasan, {"catatan": "Tetap."})
    )

    assert keputusan["predikat_keputusan"] == "BAIK"
    assert ok(call("GET", f"/periode/{p.pk}", personas.pegawai))["predikat"] == "BAIK"


def test_bukti_can_be_deleted_while_the_period_is_open_and_the_file_goes_with_it(
    personas, skp_pegawai, unggah, call, django_capture_on_commit_callbacks
):
    p = periode_of(skp_pegawai)
    rhk = skp_pegawai.rhk.order_by("pk").first()
    bukti = ok(unggah(p.pk, personas.pegawai, {"rhk_id": rhk.pk, "file": _pdf()}), 201)
    stored = BuktiDukung.objects.get(pk=bukti["id"]).berkas
    path = stored.path
    assert bukti["nama"] == "laporan.pdf"  # the file's name when no nama is given

    with django_capture_on_commit_callbacks(execute=True):
        response = call("DELETE", f"/bukti-dukung/{bukti['id']}", personas.pegawai)

    assert response.status_code == 204
    assert not BuktiDukung.objects.filter(pk=bukti["id"]).exists()
    assert not stored.storage.exists(path)
    galat(call("DELETE", f"/bukti-dukung/{bukti['id']}", personas.pegawai), 404)


def test_a_pembinaan_is_recorded(personas, skp_pegawai, call):
    p = periode_of(skp_pegawai)

    body = ok(
        call(
            "POST",
            f"/periode/{p.pk}/pembinaan",
            personas.pejabat_penilai,
            {
                "jenis": "MENTORING",
                "tanggal": f"{TAHUN}-03-20",
                "topik": "Penyusunan laporan",
                "tindak_lanjut": "Pelatihan",
            },
        ),
        201,
    )

    assert (body["jenis"], body["tanggal"], body["topik"], body["catatan"]) == (
        "MENTORING",
        f"{TAHUN}-03-20",
        "Penyusunan laporan",
        "",
    )


def test_the_period_of_a_draft_skp_list_is_empty(personas, rantai, call):
    skp = make_skp(personas.pegawai, rhk=1, rhk_atasan=list(rantai.pejabat_penilai.rhk.all()))

    assert ok(call("GET", f"/skp/{skp.pk}/periode", personas.pegawai)) == []
    assert not PeriodePenilaian.objects.filter(skp=skp).exists()


def test_the_period_of_a_replaced_skp_cannot_be_rated(personas, rantai, call):
    pegawai, penilai = personas.pegawai, personas.pejabat_penilai
    lama = skp_bawahan(pegawai, personas, rantai)
    baru = skp_services.skp_revisi(skp=lama, actor=pegawai, catatan="Tugas baru")
    skp_services.skp_ajukan(skp=baru, actor=pegawai)
    skp_services.skp_setujui(skp=baru, actor=penilai)
    p = periode_of(lama)
    assert Skp.objects.get(pk=lama.pk).status == "DIGANTI"

    # Still readable, as history.
    assert ok(call("GET", f"/skp/{lama.pk}/periode", pegawai))[0]["id"] == p.pk
    refused = galat(
        call(
            "PUT",
            f"/periode/{p.pk}/penilaian",
            penilai,
            {"rating_hasil_kerja": "SESUAI_EKSPEKTASI", "rating_perilaku_kerja": "SESUAI_EKSPEKTASI"},
        ),
        409,
        "transisi_tidak_sah",
    )
    assert "disetujui" in refused["message"]
    galat(
        call(
            "PUT",
            f"/periode/{p.pk}/realisasi/{lama.rhk.first().indikator.get().pk}",
            pegawai,
            {"realisasi": "1"},
        ),
        409,
    )
    assert PeriodePenilaian.objects.get(pk=p.pk).status == "BELUM_DINILAI"


def test_after_the_deadline_the_pegawai_is_locked_out_until_the_admin_reopens(
    personas, skp_pegawai, call, jam
):
    p = periode_of(skp_pegawai)
    indikator = skp_pegawai.rhk.order_by("pk").first().indikator.get()
    path = f"/periode/{p.pk}/realisasi/{indikator.pk}"
    jam.maju(10)  # 12 April: past the 5 April deadline of Triwulan I

    locked = galat(call("PUT", path, personas.pegawai, {"realisasi": "12"}), 409, "transisi_tidak_sah")
    assert "terkunci" in locked["message"]

    services.buka_kunci(
        actor=personas.admin,
        tahun=TAHUN,
        jenis=JenisPeriode.TRIWULAN,
        nomor=1,
        sampai=dt.date(TAHUN, 4, 30),
        alasan="Gangguan jaringan",
        pegawai=personas.p("pegawai"),
    )
    ok(call("PUT", path, personas.pegawai, {"realisasi": "12"}))


def test_the_angka_kredit_of_a_finalised_triwulan_iv(personas, rantai, call, jam):
    fungsional = skp_bawahan(personas.fungsional, personas, rantai)
    jam.sekarang = dt.datetime(TAHUN, 12, 31, 10, 0, tzinfo=WIB)
    tetapkan(periode_of(fungsional, nomor=4), personas.pejabat_penilai)
    nip = personas.p("fungsional").nip

    body = ok(call("GET", f"/pegawai/{nip}/angka-kredit?tahun={TAHUN}", personas.fungsional))

    # Perban BKN 3/2023: 3/12 x 100% x 12.5 (Ahli Pertama) = 3.125.
    assert [
        (r["periode"], r["predikat"], Decimal(r["persentase"]), Decimal(r["koefisien"]), r["bulan"])
        for r in body["rows"]
    ] == [("Triwulan 4 2026", "BAIK", Decimal("1.00"), Decimal("12.5"), 3)]
    assert Decimal(body["rows"][0]["angka_kredit"]) == Decimal("3.125")
    assert Decimal(body["total"]) == Decimal("3.125")
    assert Decimal(body["kumulatif"]) == Decimal("3.125")
    assert Decimal(body["kurang_untuk_kenaikan_pangkat"]) == Decimal("46.875")
    assert body["jenjang_berikut"] == "AHLI_MUDA"
    # Another year has no rows.
    lain = ok(call("GET", f"/pegawai/{nip}/angka-kredit?tahun={TAHUN + 1}", personas.fungsional))
    assert (lain["rows"], Decimal(lain["total"])) == ([], Decimal(0))


def test_a_pegawai_who_is_not_fungsional_has_no_angka_kredit(personas, skp_pegawai, call):
    tetapkan(periode_of(skp_pegawai), personas.pejabat_penilai)

    body = ok(call("GET", f"/pegawai/{personas.p('pegawai').nip}/angka-kredit", personas.pegawai))

    assert body["rows"] == []
    assert body["jenjang_berikut"] is None
