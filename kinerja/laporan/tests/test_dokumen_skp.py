"""SKP and Lampiran SKP as PDF, their verification codes, and the public verification page."""

import pytest
from django.urls import reverse

from kinerja.core.testing.skp import make_approved, make_skp
from kinerja.laporan.models import Dokumen
from kinerja.laporan.verifikasi import kode_baru, normalisasi
from kinerja.skp import services as skp_services

pytestmark = pytest.mark.django_db


def teks_pdf(pdf: bytes) -> str:
    """The text of a PDF as a reader would copy it, by poppler's pdftotext (installed by .ci/run)."""
    import shutil
    import subprocess

    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) tidak terpasang")
    out = subprocess.run(  # noqa: S603
        [shutil.which("pdftotext") or "pdftotext", "-layout", "-", "-"],
        input=pdf,
        capture_output=True,
        check=True,
    )
    return out.stdout.decode()


@pytest.fixture
def skp_pegawai(personas):
    kadis = make_skp(personas.kepala_dinas, rhk=1)
    kabid = make_approved(personas.atasan, personas.kepala_dinas, rhk=1, rhk_atasan=list(kadis.rhk.all()))
    kasi = make_approved(personas.pejabat_penilai, personas.atasan, rhk=1, rhk_atasan=list(kabid.rhk.all()))
    return make_approved(personas.pegawai, personas.pejabat_penilai, rhk=2, rhk_atasan=list(kasi.rhk.all()))


def unduh(client, user, skp, jenis="skp"):
    client.force_login(user)
    return client.get(reverse("laporan:skp_dokumen", args=[skp.pk, jenis]))


def test_the_skp_pdf_prints_the_people_and_the_plan(client, personas, skp_pegawai):
    response = unduh(client, personas.pegawai, skp_pegawai)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    teks = teks_pdf(response.content)
    assert "SASARAN KINERJA PEGAWAI" in teks
    assert "BAGI PEJABAT ADMINISTRASI DAN PEJABAT FUNGSIONAL" in teks
    assert "Dewi Lestari" in teks and "Agus Salim" in teks
    assert "Rencana hasil kerja 1" in teks
    assert "1 JANUARI 2026 SD 31 DESEMBER 2026" in teks
    assert response["X-Verifikasi"] in teks


def test_the_same_content_keeps_its_code_and_a_change_gets_a_new_one(client, personas, skp_pegawai):
    pertama = unduh(client, personas.pegawai, skp_pegawai)["X-Verifikasi"]
    assert unduh(client, personas.pejabat_penilai, skp_pegawai)["X-Verifikasi"] == pertama
    revisi = skp_services.skp_revisi(skp=skp_pegawai, actor=personas.pegawai)
    skp_services.rhk_create(
        skp=revisi, actor=personas.pegawai, data={"jenis": "TAMBAHAN", "uraian": "Tugas baru"}
    )
    skp_services.skp_ajukan(skp=revisi, actor=personas.pegawai)
    skp_services.skp_setujui(skp=revisi, actor=personas.pejabat_penilai)
    # The old version's document is unchanged (same code); the new version is another document.
    assert unduh(client, personas.pegawai, skp_pegawai)["X-Verifikasi"] == pertama
    baru = unduh(client, personas.pegawai, revisi)["X-Verifikasi"]
    assert baru != pertama


def test_a_changed_document_replaces_the_previous_version(client, personas):
    skp = make_skp(personas.pegawai, rhk=1)
    lama = unduh(client, personas.pegawai, skp)["X-Verifikasi"]
    skp_services.rhk_create(skp=skp, actor=personas.pegawai, data={"jenis": "UTAMA", "uraian": "RHK kedua"})
    baru = unduh(client, personas.pegawai, skp)["X-Verifikasi"]
    assert baru != lama
    assert Dokumen.objects.get(kode=lama).diganti_oleh.kode == baru
    client.logout()
    page = client.get(reverse("verifikasi", args=[lama])).content.decode()
    assert "Dokumen asli" in page and "sudah diganti" in page and baru in page


def test_the_lampiran_pdf_lists_the_three_parts(client, personas, skp_pegawai):
    teks = teks_pdf(unduh(client, personas.pegawai, skp_pegawai, "lampiran").content)
    for bagian in ("DUKUNGAN SUMBER DAYA", "SKEMA PERTANGGUNGJAWABAN", "KONSEKUENSI"):
        assert bagian in teks


def test_the_jpt_skp_has_its_own_columns(client, personas):
    skp = make_skp(personas.kepala_dinas, rhk=1)
    teks = teks_pdf(unduh(client, personas.kepala_dinas, skp).content)
    assert "BAGI PEJABAT PIMPINAN TINGGI DAN PIMPINAN UNIT KERJA MANDIRI" in teks
    assert "PERSPEKTIF" in teks
    assert "DRAF: BELUM DITETAPKAN" in teks


def test_a_document_of_someone_not_visible_is_a_404(client, personas, skp_pegawai):
    assert unduh(client, personas.rekan, skp_pegawai).status_code == 404
    assert unduh(client, personas.orang_lain, skp_pegawai).status_code == 404
    assert unduh(client, personas.pegawai, skp_pegawai, "tidak-ada").status_code == 404
    assert not Dokumen.objects.exists()


def test_html_and_long_unicode_names_print_as_text(client, personas):
    pegawai = personas.p("pegawai")
    pegawai.gelar_depan = "د."
    pegawai.nama = "Ni Luh Putu Ayu Dewi " + "Sekar " * 20
    pegawai.gelar_belakang = "S.Kom., M.T."
    pegawai.save()
    skp = make_skp(personas.pegawai, rhk=0)
    skp_services.rhk_create(
        skp=skp, actor=personas.pegawai, data={"jenis": "UTAMA", "uraian": "<b>tebal</b><script>x()</script>"}
    )
    response = unduh(client, personas.pegawai, skp)
    assert response.status_code == 200
    teks = teks_pdf(response.content)
    assert "<b>tebal</b><script>x()</script>" in teks.replace("\n", "")
    assert "Ni Luh Putu Ayu Dewi" in teks


def test_the_verification_page_is_public_and_says_only_what_it_must(client, personas, skp_pegawai):
    kode = unduh(client, personas.pegawai, skp_pegawai)["X-Verifikasi"]
    client.logout()
    response = client.get(reverse("verifikasi", args=[kode]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Dokumen asli" in page and "Sasaran Kinerja Pegawai" in page and "Dewi Lestari" in page
    assert "versi terbaru" in page
    assert personas.p("pegawai").nip not in page
    # Typed in lower case and without dashes, it is found too.
    assert client.get(reverse("verifikasi_cari"), {"kode": kode.replace("-", "").lower()}).status_code == 302


@pytest.mark.parametrize("kode", ["ABCDE-FGHJK-00", "tidak-ada", "x" * 300, "<script>"])
def test_an_unknown_or_forged_code_is_not_found(client, kode):
    response = client.get(reverse("verifikasi", args=[kode]) if "/" not in kode else "/verifikasi/x/")
    assert response.status_code == 404
    assert "tidak ditemukan" in response.content.decode()


def test_a_tampered_code_fails_its_check():
    kode = kode_baru()
    assert normalisasi(kode) == kode
    ubah = ("1" if kode[0] != "1" else "2") + kode[1:]
    assert normalisasi(ubah) is None
    assert normalisasi(kode.lower().replace("-", "")) == kode
