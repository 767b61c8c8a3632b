"""The documents of one evaluation period as PDF (domain.md §6.3-§6.5), and the kurva distribusi."""

from __future__ import annotations

import base64
import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from kinerja.core.testing.personas import Personas
from kinerja.laporan import kurva
from kinerja.laporan.models import Dokumen
from kinerja.laporan.tests.test_dokumen_skp import teks_pdf
from kinerja.penilaian import services
from kinerja.penilaian.enums import JenisPeriode, PredikatPegawai, Rating
from kinerja.penilaian.models import PeriodePenilaian
from kinerja.penilaian.tests import conftest as penilaian_conftest
from kinerja.penilaian.tests.conftest import Rantai, nilai, nilai_dan_tetapkan, periode, skp_bawahan
from kinerja.skp.enums import CoreValue, StatusSkp
from kinerja.skp.models import Skp

SVG = "{http://www.w3.org/2000/svg}"

# The penilaian fixtures, re-declared for this module: the frozen clock and the approved chain.
jam = penilaian_conftest.jam
rantai = penilaian_conftest.rantai


def teks_alir(pdf: bytes) -> str:
    """The text in reading order (pdftotext without -layout keeps a table cell's words together),
    with runs of white space made single."""
    import shutil
    import subprocess

    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) tidak terpasang")
    out = subprocess.run(  # noqa: S603
        [shutil.which("pdftotext") or "pdftotext", "-", "-"], input=pdf, capture_output=True, check=True
    )
    return " ".join(out.stdout.decode().split())


def unduh(client, user, skp: Skp, jenis: str, periode_id: object = None):
    client.force_login(user)
    url = reverse("laporan:skp_dokumen", args=[skp.pk, jenis])
    return client.get(url, {"periode": periode_id} if periode_id is not None else {})


def isi_periode(personas: Personas, skp: Skp) -> PeriodePenilaian:
    """TRIWULAN I of ``skp`` with realisasi, a bukti, feedback per RHK and per core value."""
    p = periode(skp)
    rhk = list(skp.rhk.order_by("urutan", "id"))
    nomor = 0
    for r in rhk:
        for i in r.indikator.order_by("urutan", "id"):
            nomor += 1
            services.realisasi_simpan(
                periode=p,
                indikator=i,
                actor=skp.pegawai.user,
                realisasi=f"Capaian-{nomor}",
                sumber_data="Aplikasi arsip",
            )
    services.bukti_tambah_tautan(
        periode=p, rhk_id=rhk[0].pk, actor=skp.pegawai.user, nama="Laporan bulanan", url="https://contoh.id/a"
    )
    services.umpan_balik_tambah(
        periode=p, actor=personas.pejabat_penilai, isi="Pertahankan ketepatan waktu", rhk_id=rhk[0].pk
    )
    services.umpan_balik_tambah(
        periode=p,
        actor=personas.pejabat_penilai,
        isi="Sigap membantu rekan",
        core_value=CoreValue.KOLABORATIF,
    )
    return p


def set_organisasi(personas: Personas, predikat: str = "ISTIMEWA") -> None:
    # The pimpinan of the Bidang sets the predikat of the Seksi below it (domain.md §4.3).
    services.predikat_organisasi_set(
        unit=personas.seksi,
        actor=personas.atasan,
        tahun=2026,
        jenis=JenisPeriode.TRIWULAN,
        nomor=1,
        predikat=predikat,
    )


@pytest.fixture
def skp_pegawai(personas: Personas, rantai: Rantai) -> Skp:
    return skp_bawahan(personas.pegawai, personas, rantai, rhk=2, indikator=2)


@pytest.fixture
def dinilai(personas: Personas, skp_pegawai: Skp) -> PeriodePenilaian:
    set_organisasi(personas)
    p = isi_periode(personas, skp_pegawai)
    return nilai_dan_tetapkan(
        p, personas.pejabat_penilai, Rating.DI_ATAS_EKSPEKTASI, Rating.SESUAI_EKSPEKTASI, alasan="Unit kecil"
    )


pytestmark = pytest.mark.django_db


# --- Evaluasi Kinerja Pegawai (§6.3) --------------------------------------------------------------


def test_the_evaluasi_prints_the_period_its_results_feedback_and_ratings(
    client, personas: Personas, skp_pegawai: Skp, dinilai: PeriodePenilaian
) -> None:
    response = unduh(client, personas.pegawai, skp_pegawai, "evaluasi", dinilai.pk)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    teks = teks_pdf(response.content)
    datar = " ".join(teks.split())
    assert "EVALUASI KINERJA PEGAWAI" in teks
    assert "PENDEKATAN HASIL KERJA KUANTITATIF" in teks
    assert "BAGI PEJABAT ADMINISTRASI DAN PEJABAT FUNGSIONAL" in teks
    assert "PERIODE: TRIWULAN I" in teks and "TRIWULAN II" not in teks
    assert "1 JANUARI 2026 SD 31 MARET 2026" in teks
    assert "Dewi Lestari" in teks and "Agus Salim" in teks
    assert "CAPAIAN KINERJA ORGANISASI" in teks and "ISTIMEWA" in teks
    assert "KURVA DISTRIBUSI PREDIKAT KINERJA PEGAWAI DENGAN CAPAIAN KINERJA ORGANISASI ISTIMEWA" in datar
    alir = teks_alir(response.content)
    assert "REALISASI BERDASARKAN BUKTI DUKUNG" in alir
    assert "UMPAN BALIK BERKELANJUTAN BERDASARKAN BUKTI DUKUNG" in alir
    assert "RENCANA HASIL KERJA PIMPINAN YANG DIINTERVENSI" in alir
    # Two RHK of two indikator each: one realisasi per indikator.
    assert all(f"Capaian-{n}" in teks for n in range(1, 5))
    assert "Pertahankan ketepatan waktu" in teks
    assert "Laporan bulanan" in teks
    assert "Sigap membantu rekan" in teks
    assert "RATING HASIL KERJA" in teks and "DI ATAS EKSPEKTASI" in teks
    assert "RATING PERILAKU KERJA" in teks and "SESUAI EKSPEKTASI" in teks
    assert "PREDIKAT KINERJA PEGAWAI" in teks and "BAIK" in teks
    assert "Kota Uji, 2 April 2026" in teks
    assert "DRAF" not in teks
    assert response["X-Verifikasi"] in teks
    assert Dokumen.objects.get(kode=response["X-Verifikasi"]).judul == (
        "Evaluasi Kinerja Pegawai Triwulan I 2026"
    )


def test_a_period_not_yet_ditetapkan_is_a_draft_without_a_date(
    client, personas: Personas, skp_pegawai: Skp
) -> None:
    p = nilai(periode(skp_pegawai), personas.pejabat_penilai)
    teks = teks_pdf(unduh(client, personas.pejabat_penilai, skp_pegawai, "evaluasi", p.pk).content)
    assert "DRAF: BELUM DITETAPKAN" in teks
    assert "Kota Uji, ......" in teks
    # Without a predikat organisasi there is no curve to draw.
    assert "CAPAIAN KINERJA ORGANISASI -" in " ".join(teks.split())
    assert "belum dapat ditampilkan" in teks


def test_the_akhir_lists_the_periodic_predikat(client, personas: Personas, skp_pegawai: Skp) -> None:
    nilai_dan_tetapkan(periode(skp_pegawai), personas.pejabat_penilai, Rating.DI_ATAS_EKSPEKTASI)
    akhir = periode(skp_pegawai, JenisPeriode.AKHIR, 1)
    teks = teks_pdf(unduh(client, personas.pegawai, skp_pegawai, "evaluasi", akhir.pk).content)
    assert "PERIODE: AKHIR" in teks
    assert "PREDIKAT KINERJA PERIODIK" in teks
    assert re.search(r"TRIWULAN I \(1 Januari 2026 . 31 Maret 2026\)\s+BAIK", teks)
    assert "1 JANUARI 2026 SD 31 DESEMBER 2026" in teks


def test_the_jpt_evaluasi_has_its_own_columns(client, personas: Personas, rantai: Rantai) -> None:
    # The kepala dinas has no pejabat penilai in the personas, so nobody can approve the JPT SKP;
    # it is marked approved directly to give it its periods.
    Skp.objects.filter(pk=rantai.kepala_dinas.pk).update(status=StatusSkp.DISETUJUI)
    skp = Skp.objects.get(pk=rantai.kepala_dinas.pk)
    services.periode_sinkron(skp=skp)
    teks = teks_alir(unduh(client, personas.kepala_dinas, skp, "evaluasi", periode(skp).pk).content)
    assert "BAGI PEJABAT PIMPINAN TINGGI DAN PIMPINAN UNIT KERJA MANDIRI" in teks
    assert "Budi Santoso" in teks
    assert "PERSPEKTIF" in teks
    assert "DIINTERVENSI" not in teks
    assert "DRAF: BELUM DITETAPKAN" in teks


def test_an_unchanged_period_keeps_its_code_and_a_changed_rating_gets_a_new_one(
    client, personas: Personas, skp_pegawai: Skp
) -> None:
    p = nilai(periode(skp_pegawai), personas.pejabat_penilai)
    pertama = unduh(client, personas.pegawai, skp_pegawai, "evaluasi", p.pk)["X-Verifikasi"]
    assert unduh(client, personas.pejabat_penilai, skp_pegawai, "evaluasi", p.pk)["X-Verifikasi"] == pertama
    nilai(p, personas.pejabat_penilai, Rating.DI_BAWAH_EKSPEKTASI)
    baru = unduh(client, personas.pegawai, skp_pegawai, "evaluasi", p.pk)["X-Verifikasi"]
    assert baru != pertama
    assert Dokumen.objects.get(kode=pertama).diganti_oleh.kode == baru
    # The two documents of one period are versioned apart.
    lain = unduh(client, personas.pegawai, skp_pegawai, "dokumen-evaluasi", p.pk)["X-Verifikasi"]
    assert lain not in (pertama, baru)


@pytest.mark.parametrize("jenis", ["evaluasi", "dokumen-evaluasi", "konversi-ak"])
def test_a_period_document_needs_a_visible_period_of_that_skp(
    client,
    personas: Personas,
    rantai: Rantai,
    skp_pegawai: Skp,
    jenis: str,
) -> None:
    skp_lain = skp_bawahan(personas.fungsional, personas, rantai)
    p_lain = nilai_dan_tetapkan(periode(skp_lain), personas.pejabat_penilai)
    p = periode(skp_pegawai)
    # A period of another SKP (that the pejabat penilai may see), no ?periode, a bad one.
    assert unduh(client, personas.pejabat_penilai, skp_pegawai, jenis, p_lain.pk).status_code == 404
    assert unduh(client, personas.pegawai, skp_pegawai, jenis).status_code == 404
    assert unduh(client, personas.pegawai, skp_pegawai, jenis, "abc").status_code == 404
    assert unduh(client, personas.pegawai, skp_pegawai, jenis, 999999).status_code == 404
    # People who may not see the SKP.
    assert unduh(client, personas.orang_lain, skp_pegawai, jenis, p.pk).status_code == 404
    assert unduh(client, personas.rekan, skp_pegawai, jenis, p.pk).status_code == 404
    assert unduh(client, personas.rekan, skp_lain, jenis, p_lain.pk).status_code == 404
    assert not Dokumen.objects.exists()


# --- Dokumen Evaluasi Kinerja Pegawai (§6.4) -----------------------------------------------------


def test_the_dokumen_evaluasi_prints_the_three_people_and_the_result(
    client, personas: Personas, skp_pegawai: Skp, dinilai: PeriodePenilaian
) -> None:
    teks = teks_pdf(unduh(client, personas.pegawai, skp_pegawai, "dokumen-evaluasi", dinilai.pk).content)
    datar = " ".join(teks.split())
    assert "DOKUMEN EVALUASI KINERJA PEGAWAI" in teks
    assert "PERIODE: TRIWULAN I" in teks
    for bagian in (
        "PEGAWAI YANG DINILAI",
        "PEJABAT PENILAI KINERJA",
        "ATASAN PEJABAT PENILAI KINERJA",
        "EVALUASI KINERJA",
        "CATATAN/REKOMENDASI",
    ):
        assert bagian in teks
    assert "Dewi Lestari" in teks and "Agus Salim" in teks and "Siti Aminah" in teks
    assert personas.p("pegawai").pangkat_golongan in teks
    assert "CAPAIAN KINERJA ORGANISASI ISTIMEWA" in datar
    assert "PREDIKAT KINERJA PEGAWAI BAIK" in datar
    assert "Pegawai yang Dinilai," in teks and "Pejabat Penilai Kinerja," in teks
    assert teks.count("Kota Uji, 2 April 2026") == 2
    # No keberatan: neither its sections nor the atasan's signature.
    assert "KEBERATAN" not in teks
    assert "Atasan Pejabat Penilai Kinerja," not in teks


def test_a_keberatan_adds_its_sections_and_the_atasan_signs(
    client, personas: Personas, skp_pegawai: Skp, dinilai: PeriodePenilaian, jam
) -> None:
    services.keberatan_ajukan(
        periode=dinilai, actor=personas.pegawai, alasan="Realisasi saya melampaui target"
    )
    services.keberatan_jelaskan(
        periode=dinilai, actor=personas.pejabat_penilai, penjelasan="Perilaku kerja belum di atas ekspektasi"
    )
    jam.maju(3)
    services.keberatan_putuskan(
        periode=dinilai,
        actor=personas.atasan,
        catatan="Keberatan diterima",
        predikat=PredikatPegawai.SANGAT_BAIK,
    )
    teks = teks_pdf(unduh(client, personas.pegawai, skp_pegawai, "dokumen-evaluasi", dinilai.pk).content)
    datar = " ".join(teks.split())
    assert "6 KEBERATAN" in datar and "Realisasi saya melampaui target" in datar
    assert "7 PENJELASAN PEJABAT PENILAI ATAS KEBERATAN" in datar
    assert "Perilaku kerja belum di atas ekspektasi" in datar
    assert "8 KEPUTUSAN ATASAN PEJABAT PENILAI KINERJA" in datar
    assert "Keberatan diterima" in datar
    assert "PREDIKAT KINERJA PEGAWAI: SANGAT BAIK" in datar
    assert "Atasan Pejabat Penilai Kinerja," in teks
    assert "Kota Uji, 5 April 2026" in teks


def test_a_pppk_prints_the_golongan_and_an_empty_field_as_a_dash(
    client, personas: Personas, skp_pegawai: Skp
) -> None:
    snapshot = dict(skp_pegawai.snapshot)
    snapshot["pegawai"] = {**snapshot["pegawai"], "pangkat_golongan": "IX", "nip": "199001012024211001"}
    snapshot["atasan_pejabat_penilai"] = {}
    Skp.objects.filter(pk=skp_pegawai.pk).update(snapshot=snapshot)
    p = periode(skp_pegawai)
    teks = teks_pdf(unduh(client, personas.pegawai, skp_pegawai, "dokumen-evaluasi", p.pk).content)
    assert re.search(r"PANGKAT/GOL RUANG\s+IX\b", teks)
    assert "DRAF: BELUM DITETAPKAN" in teks


# --- Konversi predikat ke angka kredit (§6.5) -----------------------------------------------------


def test_the_konversi_prints_the_snapshot_and_the_angka_kredit(
    client,
    personas: Personas,
    rantai: Rantai,
) -> None:
    skp = skp_bawahan(personas.fungsional, personas, rantai)
    p = nilai_dan_tetapkan(periode(skp), personas.pejabat_penilai)
    response = unduh(client, personas.fungsional, skp, "konversi-ak", p.pk)
    assert response.status_code == 200
    teks = teks_pdf(response.content)
    datar = " ".join(teks.split())
    assert "KONVERSI PREDIKAT KINERJA KE ANGKA KREDIT" in teks
    assert "Pemerintah Kota Uji" in teks
    assert "1 Januari 2026 s.d. 31 Maret 2026" in teks
    assert "Putu Ayu" in teks and personas.p("fungsional").nip in teks
    assert "Pranata Komputer Ahli Pertama" in teks
    assert "PREDIKAT PROSENTASE KOEFISIEN PER TAHUN ANGKA KREDIT YANG DIDAPAT" in datar
    assert re.search(r"BAIK\s+100%\s+12,5\s+3,125", teks)
    assert "(3/12) x 100% x 12,5 = 3,125" in datar
    assert "Ditetapkan di Kota Uji" in teks and "pada tanggal 2 April 2026" in teks
    assert "Agus Salim" in teks
    assert "DRAF" not in teks


def test_a_period_without_konversi_has_no_konversi_document(
    client, personas: Personas, skp_pegawai: Skp, dinilai: PeriodePenilaian
) -> None:
    # A pelaksana gets no angka kredit.
    assert unduh(client, personas.pegawai, skp_pegawai, "konversi-ak", dinilai.pk).status_code == 404


# --- the buttons ----------------------------------------------------------------------------------


def test_the_period_page_links_both_evaluation_documents(
    client, personas: Personas, skp_pegawai: Skp
) -> None:
    p = periode(skp_pegawai)
    client.force_login(personas.pegawai)
    page = client.get(reverse("penilaian:periode", args=[p.pk])).content.decode()
    for jenis in ("evaluasi", "dokumen-evaluasi"):
        url = reverse("laporan:skp_dokumen", args=[skp_pegawai.pk, jenis])
        assert f'href="{url}?periode={p.pk}"' in page


def test_the_angka_kredit_page_links_each_konversi(client, personas: Personas, rantai: Rantai) -> None:
    skp = skp_bawahan(personas.fungsional, personas, rantai)
    p = nilai_dan_tetapkan(periode(skp), personas.pejabat_penilai)
    client.force_login(personas.fungsional)
    page = client.get(reverse("penilaian:angka_kredit_saya")).content.decode()
    url = reverse("laporan:skp_dokumen", args=[skp.pk, "konversi-ak"])
    assert f'href="{url}?periode={p.pk}"' in page


# --- kurva.py -------------------------------------------------------------------------------------


def _svg(predikat: str) -> ET.Element:
    return ET.fromstring(kurva.kurva_svg(predikat))  # noqa: S314 (our own output)


@pytest.mark.parametrize(
    ("organisasi", "dominan"),
    [
        ("ISTIMEWA", "Sangat Baik"),
        ("BAIK", "Baik"),
        ("BUTUH_PERBAIKAN", "Butuh Perbaikan"),
        ("KURANG", "Kurang/Misconduct"),
        ("SANGAT_KURANG", "Sangat Kurang"),
    ],
)
def test_the_curve_peaks_over_the_dominant_predikat(organisasi: str, dominan: str) -> None:
    root = _svg(organisasi)
    assert root.tag == f"{SVG}svg"
    garis = next(p for p in root.iter(f"{SVG}path") if p.get("id") == "kurva")
    titik = [tuple(map(float, t.split(","))) for t in re.findall(r"[-\d.]+,[-\d.]+", garis.get("d", ""))]
    x_puncak, _ = min(titik, key=lambda xy: xy[1])  # SVG y grows downwards
    label = {t.text: float(t.get("x", "0")) for t in root.iter(f"{SVG}text") if t.get("class") == "kategori"}
    assert list(label) == list(kurva.SUMBU_X)
    assert x_puncak == pytest.approx(label[dominan], abs=1)
    # Every other category lies lower than the peak.
    assert sorted(label.values()) == list(label.values())
    teks = [t.text for t in root.iter(f"{SVG}text")]
    assert "Frekuensi Pegawai" in teks
    assert kurva.judul(organisasi).endswith(organisasi.replace("_", " "))


def test_the_curve_is_a_data_uri_of_the_same_svg() -> None:
    uri = kurva.kurva_data_uri("BAIK")
    assert uri.startswith("data:image/svg+xml;base64,")
    assert base64.b64decode(uri.split(",", 1)[1]).decode() == kurva.kurva_svg("BAIK")


@pytest.mark.parametrize("nilai_asing", ["", "<script>", 'BAIK" onload="x', "baik"])
def test_the_curve_draws_only_the_known_predikat(nilai_asing: str) -> None:
    # Nothing user-controlled reaches the picture: an unknown code is refused, not escaped.
    with pytest.raises(KeyError):
        kurva.kurva_svg(nilai_asing)
    with pytest.raises(KeyError):
        kurva.judul(nilai_asing)
