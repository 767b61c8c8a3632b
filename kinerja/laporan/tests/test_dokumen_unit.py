"""The Matriks Peran Hasil of an SKP and the Penetapan Predikat Kinerja of a unit as PDF."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from django.urls import reverse

from kinerja.core.testing.skp import make_approved, make_skp
from kinerja.laporan.dokumen_unit import nama_periode, tabel_matriks, tanggal_periode
from kinerja.laporan.models import Dokumen
from kinerja.laporan.tests.test_dokumen_skp import teks_pdf
from kinerja.penilaian import services as penilaian_services
from kinerja.penilaian.enums import JenisPeriode, PredikatOrganisasi, Rating
from kinerja.penilaian.tests import conftest as pc
from kinerja.penilaian.tests.conftest import nilai, nilai_dan_tetapkan, periode, skp_bawahan
from kinerja.skp import selectors as skp_selectors
from kinerja.skp import services as skp_services
from kinerja.skp.enums import JenisRhk
from kinerja.skp.models import RencanaHasilKerja

pytestmark = pytest.mark.django_db

# The penilaian fixtures: the frozen clock (2 April 2026, autouse) and the approved SKP chain.
jam = pc.jam
rantai = pc.rantai

SD = "\N{EN DASH}"  # between the minimum and maximum of an allowed range, as printed
PERIODE = {"tahun": 2026, "jenis": JenisPeriode.TRIWULAN, "nomor": 1}


def simpan_contoh(nama: str, pdf: bytes) -> None:
    """With PDF_CONTOH=<folder>, keep the PDF to look at it (pdftoppm -png)."""
    folder = os.environ.get("PDF_CONTOH")
    if folder:
        Path(folder, nama).write_bytes(pdf)


def satu_baris(teks: str) -> str:
    return re.sub(r"\s+", " ", teks)


def teks_urut(pdf: bytes) -> str:
    """The text in reading order (pdftotext without -layout: a table row cell after cell), on one
    line: wrapped cells do not interleave with their neighbours."""
    import shutil
    import subprocess

    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) tidak terpasang")
    out = subprocess.run(  # noqa: S603
        [shutil.which("pdftotext") or "pdftotext", "-", "-"], input=pdf, capture_output=True, check=True
    )
    # A cell wrapped after a slash ("Kurang/" + "Misconduct") reads without the line break.
    return satu_baris(out.stdout.decode()).replace("/ ", "/")


# --- Matriks peran hasil -------------------------------------------------------------------------


@pytest.fixture
def skp_kasi(personas):
    """The Kepala Seksi's approved SKP with 8 RHK ("Sasaran S1".."Sasaran S8"); Dewi intervenes S1
    and S8, Rudi S1 and has a tambahan RHK of his own; Putu has no SKP; S2..S7 nobody."""
    kadis = make_skp(personas.kepala_dinas, rhk=1)
    kabid = make_approved(personas.atasan, personas.kepala_dinas, rhk=1, rhk_atasan=list(kadis.rhk.all()))
    kasi = make_approved(personas.pejabat_penilai, personas.atasan, rhk=8, rhk_atasan=list(kabid.rhk.all()))
    kolom = list(kasi.rhk.order_by("urutan", "id"))
    for i, rhk in enumerate(kolom, start=1):
        RencanaHasilKerja.objects.filter(pk=rhk.pk).update(uraian=f"Sasaran S{i}")
    dewi = make_approved(personas.pegawai, personas.pejabat_penilai, rhk=2, rhk_atasan=[kolom[0], kolom[7]])
    for i, rhk in enumerate(dewi.rhk.order_by("urutan", "id"), start=1):
        RencanaHasilKerja.objects.filter(pk=rhk.pk).update(uraian=f"Keluaran Dewi {i}")
    rudi = make_skp(personas.rekan, rhk=0)
    skp_services.rhk_create(
        skp=rudi,
        actor=personas.rekan,
        data={"jenis": JenisRhk.UTAMA, "uraian": "Keluaran Rudi", "rhk_atasan_id": kolom[0].pk},
    )
    skp_services.rhk_create(
        skp=rudi, actor=personas.rekan, data={"jenis": JenisRhk.TAMBAHAN, "uraian": "Tugas sendiri Rudi"}
    )
    return kasi


def unduh_matriks(client, user, skp):
    client.force_login(user)
    return client.get(reverse("laporan:skp_dokumen", args=[skp.pk, "matriks"]))


def test_the_matriks_pdf_prints_columns_rows_and_cells(client, personas, skp_kasi):
    response = unduh_matriks(client, personas.pejabat_penilai, skp_kasi)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="matriks-')
    simpan_contoh("matriks.pdf", response.content)
    teks = teks_pdf(response.content)
    assert "MATRIKS PERAN HASIL" in teks
    assert "PEMERINTAH KOTA UJI" in teks
    assert "1 JANUARI 2026 SD 31 DESEMBER 2026" in teks
    assert "Agus Salim" in teks and "Kepala Seksi Uji" in teks and "Seksi Uji" in teks
    for i in range(1, 9):
        assert f"Sasaran S{i}" in teks
        assert f"RHK PIMPINAN {i}" in teks
    for nama in ("Dewi Lestari", "Rudi Hartono", "Putu Ayu"):
        assert nama in teks
    assert "Keluaran Dewi 1" in teks and "Keluaran Dewi 2" in teks and "Keluaran Rudi" in teks
    assert "(belum ada SKP)" in teks
    assert "Tugas sendiri Rudi" in teks
    assert "TIDAK MENGINTERVENSI" in satu_baris(teks)
    # S2..S7 are intervened by nobody: six markers.
    assert teks.count("Belum diintervensi") == 6
    # Eight RHK do not fit one table: 6 + 2 columns, the bawahan column repeated.
    assert "Bagian 1 dari 2" in teks and "Bagian 2 dari 2" in teks
    assert teks.count("Dewi Lestari") == 2
    assert response["X-Verifikasi"] in teks


def test_the_matriks_tables_split_every_six_columns(personas, skp_kasi):
    tabel = tabel_matriks(skp_selectors.matriks_peran_hasil(skp=skp_kasi))
    assert [(t.dari, t.sampai, t.terakhir) for t in tabel] == [(1, 6, False), (7, 8, True)]
    assert [k.kosong for k in tabel[0].kolom] == [False, True, True, True, True, True]
    assert [k.kosong for k in tabel[1].kolom] == [True, False]
    dewi = next(b for b in tabel[1].baris if b.pegawai.nama == "Dewi Lestari")
    assert [r.uraian for r in dewi.cells[1]] == ["Keluaran Dewi 2"]


def test_a_matriks_without_rhk_or_bawahan_still_prints(client, personas):
    skp = make_skp(personas.pegawai, rhk=0)
    response = unduh_matriks(client, personas.pegawai, skp)
    assert response.status_code == 200
    teks = teks_pdf(response.content)
    assert "belum memiliki rencana hasil kerja" in teks and "Tidak ada bawahan langsung" in teks


def test_the_matriks_of_an_skp_not_visible_is_a_404(client, personas, skp_kasi):
    assert unduh_matriks(client, personas.orang_lain, skp_kasi).status_code == 404
    assert not Dokumen.objects.exists()


def test_the_matriks_page_links_to_the_pdf(client, personas, skp_kasi):
    client.force_login(personas.pejabat_penilai)
    html = client.get(reverse("skp:matriks", args=[skp_kasi.pk])).content.decode()
    assert reverse("laporan:skp_dokumen", args=[skp_kasi.pk, "matriks"]) in html


# --- Penetapan predikat kinerja ------------------------------------------------------------------


@pytest.fixture
def seksi_dinilai(personas, rantai):
    """Seksi Uji, TRIWULAN I 2026: predikat organisasi Baik (set by the Kepala Bidang); Dewi Baik,
    Rudi Sangat Baik, Putu not rated yet. Baik needs at least one Butuh Perbaikan or Kurang."""
    dewi = skp_bawahan(personas.pegawai, personas, rantai)
    rudi = skp_bawahan(personas.rekan, personas, rantai)
    skp_bawahan(personas.fungsional, personas, rantai)
    nilai(periode(dewi), personas.pejabat_penilai)
    nilai(periode(rudi), personas.pejabat_penilai, Rating.DI_ATAS_EKSPEKTASI, Rating.DI_ATAS_EKSPEKTASI)
    penilaian_services.predikat_organisasi_set(
        unit=personas.seksi, actor=personas.atasan, predikat=PredikatOrganisasi.BAIK, **PERIODE
    )
    return personas.seksi


def unduh_penetapan(client, user, unit, query=None):
    client.force_login(user)
    return client.get(reverse("laporan:unit_penetapan", args=[unit.pk]), PERIODE if query is None else query)


def test_the_penetapan_prints_the_unit_period_pegawai_and_distribution(client, personas, seksi_dinilai):
    response = unduh_penetapan(client, personas.atasan, seksi_dinilai)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="penetapan-predikat-')
    simpan_contoh("penetapan.pdf", response.content)
    teks = teks_pdf(response.content)
    rata = satu_baris(teks)
    assert "PENETAPAN PREDIKAT KINERJA PEGAWAI" in teks
    assert "SEKSI UJI" in teks and "PEMERINTAH KOTA UJI" in teks
    assert "TRIWULAN I TAHUN 2026" in teks
    assert "1 JANUARI 2026 SD 31 MARET 2026" in teks
    assert "CAPAIAN KINERJA ORGANISASI : BAIK" in rata
    urut = teks_urut(response.content)
    nip = {k: personas.p(k).nip for k in ("pegawai", "rekan", "fungsional")}
    assert (
        f"1 Dewi Lestari {nip['pegawai']} Pengadministrasi Umum Sesuai ekspektasi Sesuai ekspektasi Baik"
        in urut
    )
    assert f"2 Putu Ayu {nip['fungsional']} Pranata Komputer Ahli Pertama - - belum dinilai" in urut
    rudi = f"3 Rudi Hartono {nip['rekan']} Pengadministrasi Umum"
    assert f"{rudi} Di atas ekspektasi Di atas ekspektasi Sangat Baik" in urut
    # The pimpinan (Kepala Seksi) is not in the population (domain.md §4.4).
    assert "Agus Salim" not in teks
    # Counts against the pola of predikat organisasi Baik, n = 2 rated.
    assert f"Sangat Baik 1 - - Baik 1 0{SD}1 sesuai Butuh Perbaikan 0 - -" in urut
    assert f"Butuh Perbaikan dan/atau Kurang/Misconduct 0 1{SD}2 tidak sesuai" in urut
    assert "Jumlah dinilai 2 Belum dinilai 1" in urut
    assert (
        "Predikat organisasi Baik: pegawai Butuh Perbaikan dan/atau Kurang/Misconduct "
        "sekurang-kurangnya 1 dari 2 orang, saat ini 0." in rata
    )
    # Signed by the pimpinan of the unit above; not every period is ditetapkan: dotted date.
    assert "Siti Aminah" in teks and "Kepala Bidang Uji" in teks
    assert "Kota Uji, ......" in teks
    assert response["X-Verifikasi"] in teks


def test_the_penetapan_is_dated_when_every_rated_period_is_ditetapkan(client, personas, rantai):
    dewi = skp_bawahan(personas.pegawai, personas, rantai)
    skp_bawahan(personas.rekan, personas, rantai)
    nilai_dan_tetapkan(periode(dewi), personas.pejabat_penilai)
    teks = teks_pdf(unduh_penetapan(client, personas.admin, personas.seksi).content)
    assert "Kota Uji, 2 April 2026" in teks
    assert "BELUM DITETAPKAN" in teks  # no predikat organisasi yet
    assert "pola distribusi belum dapat diperiksa" in satu_baris(teks)


@pytest.mark.parametrize(
    ("siapa", "status"),
    [
        ("atasan", 200),  # pimpinan of the unit above (sets the predikat organisasi)
        ("admin", 200),
        ("pejabat_penilai", 200),  # pimpinan of the unit itself
        ("kepala_dinas", 200),  # pimpinan of a unit further up
        ("superadmin", 200),
        ("pegawai", 404),  # a pelaksana of the unit
        ("fungsional", 404),
        ("orang_lain", 404),  # another instansi
    ],
)
def test_who_may_get_the_penetapan(client, personas, seksi_dinilai, siapa, status):
    response = unduh_penetapan(client, getattr(personas, siapa), seksi_dinilai)
    assert response.status_code == status
    if status == 404:
        assert b"Dewi" not in response.content


def test_a_pimpinan_of_a_sibling_or_lower_unit_gets_a_404(client, personas, seksi_dinilai):
    assert unduh_penetapan(client, personas.pejabat_penilai, personas.bidang).status_code == 404


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ({}, 400),
        ({"tahun": "abc", "jenis": "TRIWULAN", "nomor": "1"}, 400),
        ({"tahun": "2026", "jenis": "KUARTAL", "nomor": "1"}, 400),
        ({"tahun": "2026", "jenis": "TRIWULAN", "nomor": "0"}, 400),
        ({"tahun": "99999999999999999999", "jenis": "TRIWULAN", "nomor": "1"}, 400),
        ({"tahun": "2026", "jenis": "TRIWULAN", "nomor": "5"}, 404),  # no fifth quarter
        ({"tahun": "2026", "jenis": "SEMESTER", "nomor": "3"}, 404),
    ],
)
def test_bad_period_values_are_a_400_or_404(client, personas, seksi_dinilai, query, status):
    assert unduh_penetapan(client, personas.atasan, seksi_dinilai, query).status_code == status
    assert not Dokumen.objects.exists()


def test_an_unknown_unit_is_a_404(client, personas):
    client.force_login(personas.admin)
    response = client.get(reverse("laporan:unit_penetapan", args=[999999]), PERIODE)
    assert response.status_code == 404


def test_the_same_content_keeps_its_code_and_a_new_rating_changes_it(client, personas, seksi_dinilai):
    pertama = unduh_penetapan(client, personas.atasan, seksi_dinilai)["X-Verifikasi"]
    assert unduh_penetapan(client, personas.admin, seksi_dinilai)["X-Verifikasi"] == pertama
    putu = periode(personas.p("fungsional").skp.get())
    nilai(putu, personas.pejabat_penilai, Rating.DI_BAWAH_EKSPEKTASI, Rating.SESUAI_EKSPEKTASI)
    kedua = unduh_penetapan(client, personas.atasan, seksi_dinilai)
    assert kedua["X-Verifikasi"] != pertama
    teks = satu_baris(teks_pdf(kedua.content))
    assert "Butuh Perbaikan" in teks and "Tidak sesuai pola distribusi" not in teks
    assert Dokumen.objects.get(kode=pertama).diganti_oleh.kode == kedua["X-Verifikasi"]


def test_the_unit_page_links_the_penetapan_for_who_may_get_it(client, personas, seksi_dinilai):
    url = reverse("penilaian:unit_distribusi", args=[seksi_dinilai.pk])
    link = reverse("laporan:unit_penetapan", args=[seksi_dinilai.pk])
    client.force_login(personas.atasan)
    assert link in client.get(url, PERIODE).content.decode()
    client.force_login(personas.pejabat_penilai)
    assert link in client.get(url, PERIODE).content.decode()
    client.force_login(personas.pegawai)
    assert link not in client.get(url, PERIODE).content.decode()


@pytest.mark.parametrize(
    ("jenis", "nomor", "nama", "awal", "akhir"),
    [
        (JenisPeriode.TRIWULAN, 2, "TRIWULAN II TAHUN 2026", "2026-04-01", "2026-06-30"),
        (JenisPeriode.SEMESTER, 2, "SEMESTER II TAHUN 2026", "2026-07-01", "2026-12-31"),
        (JenisPeriode.BULANAN, 2, "BULAN FEBRUARI TAHUN 2026", "2026-02-01", "2026-02-28"),
        (JenisPeriode.AKHIR, 1, "AKHIR TAHUN 2026", "2026-01-01", "2026-12-31"),
    ],
)
def test_period_names_and_dates(jenis, nomor, nama, awal, akhir):
    assert nama_periode(jenis, nomor, 2026) == nama
    assert [d.isoformat() for d in tanggal_periode(jenis, nomor, 2026)] == [awal, akhir]
