"""The year played in a real browser by the demo personas (issue #6 point 5).

Setup is ``seed_demo``; everything after it goes through the pages, by clicks and typing:
the kepala seksi plans her SKP under the kepala bidang's, the kepala bidang approves it; the
pelaksana plans his under hers, is sent back with a catatan, fixes and resubmits, is approved;
he reports realisasi and bukti dukung for the period that contains today; she gives umpan balik and
rates him; the SKP and the Dokumen Evaluasi PDFs download with his name in them.
Each step leaves a numbered full-page screenshot in var/screenshots/e2e/<test name>/.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Browser, Locator, Page, expect

from kinerja.organisasi.demo import PERSONA, Persona, personas

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Auto-waiting locators and expect() poll up to this long; htmx swaps take well under it.
TIMEOUT_MS = 15_000
expect.set_options(timeout=TIMEOUT_MS)

RHK_KABID = "Tersedianya aplikasi layanan publik yang terintegrasi"
RHK_KASI = "Terbangunnya aplikasi layanan perizinan terpadu Kota Contoh"
RHK_PELAKSANA = "Tersusunnya data pengguna aplikasi layanan perizinan"
CATATAN = "Target jumlah dataset terlalu rendah; naikkan menjadi 12."


def teks_pdf(pdf: Path) -> str:
    """The text of a PDF as a reader would copy it (poppler's pdftotext, installed by .ci/run)."""
    exe = shutil.which("pdftotext")
    if exe is None:
        pytest.skip("pdftotext (poppler-utils) tidak terpasang")
    out = subprocess.run([exe, "-layout", str(pdf), "-"], capture_output=True, check=True)  # noqa: S603
    return out.stdout.decode()


class Langkah:
    """Numbered full-page screenshots: 01-kasi-skp-draf.png, 02-kasi-skp-diajukan.png, ..."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.nomor = 0

    def foto(self, page: Page, nama: str) -> None:
        self.nomor += 1
        page.screenshot(path=self.folder / f"{self.nomor:02d}-{nama}.png", full_page=True)


def masuk(browser: Browser, base_url: str, persona: Persona) -> Page:
    """A browser of one's own (own cookies), logged in through the login form."""
    context = browser.new_context(base_url=base_url, locale="id-ID", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    # hx-confirm and onsubmit confirm() dialogs: the person clicks "OK".
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto("/akun/masuk/")
    page.get_by_label("NIP").fill(persona.nip)
    page.get_by_label("Kata sandi").fill(persona.password)
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_role("link", name="Beranda")).to_be_visible()
    return page


def menu(page: Page, grup: str, item: str) -> None:
    """A page through the navbar's dropdowns, as a person finds it."""
    nav = page.locator("#nav")
    nav.get_by_role("button", name=grup, exact=True).click()
    nav.get_by_role("link", name=item, exact=True).click()


def buat_skp(page: Page) -> None:
    menu(page, "SKP", "SKP saya")
    expect(page.get_by_text("Anda belum memiliki SKP")).to_be_visible()
    page.get_by_role("button", name="Buat SKP").click()
    expect(page.get_by_text("SKP baru dibuat")).to_be_visible()


def tambah_rhk_utama(page: Page, uraian: str, rhk_atasan: str) -> None:
    page.locator("summary", has_text="Tambah RHK utama").click()
    form = page.locator("#f-rhk-baru-UTAMA")
    form.get_by_label("Rencana hasil kerja").fill(uraian)
    form.get_by_label("RHK atasan yang diintervensi").select_option(label=rhk_atasan)
    form.get_by_role("button", name="Simpan RHK").click()
    expect(page.locator("#rhk article", has_text=uraian)).to_contain_text(rhk_atasan)


def tambah_indikator(
    page: Page, uraian_rhk: str, indikator: str, target: tuple[str, str], satuan: str
) -> None:
    rhk = page.locator("#rhk article", has_text=uraian_rhk)
    rhk.locator("summary", has_text="Tambah indikator").click()
    form = rhk.locator("form[id^='f-ind-baru-']")
    form.get_by_label("Aspek").select_option(label="Kuantitas")
    form.get_by_label("Indikator").fill(indikator)
    form.get_by_label("Target min.").fill(target[0])
    form.get_by_label("Target maks.").fill(target[1])
    form.get_by_label("Satuan").fill(satuan)
    form.get_by_role("button", name="Simpan indikator").click()
    expect(page.locator("#rhk article", has_text=uraian_rhk).locator("li[id^='indikator-']")).to_contain_text(
        indikator
    )


def ajukan(page: Page) -> None:
    page.get_by_role("button", name="Ajukan ke pejabat penilai").click()
    expect(page.get_by_text("SKP diajukan.")).to_be_visible()
    expect(page.locator("h1 .badge")).to_have_text("Diajukan")


def buka_skp_bawahan(page: Page, nama: str) -> None:
    menu(page, "SKP", "Persetujuan SKP")
    baris = page.locator(".list-group-item", has_text=nama)
    expect(baris).to_contain_text("Diajukan")
    baris.get_by_role("link", name="Lihat SKP").click()
    expect(page.locator(".breadcrumb")).to_contain_text(nama)


def buka_periode_hari_ini(page: Page) -> None:
    """From an approved SKP: Penilaian, then the shortest period whose dates contain today."""
    page.get_by_role("main").get_by_role("link", name="Penilaian").click()
    baris = page.locator("table tbody tr")
    expect(baris.first).to_be_visible()
    hari_ini = timezone.localdate()
    pilihan: list[tuple[dt.timedelta, str]] = []
    for row in baris.all():
        awal, akhir = (
            dt.datetime.strptime(t, "%d-%m-%Y").date()
            for t in re.findall(r"\d{2}-\d{2}-\d{4}", row.locator("td").nth(1).inner_text())
        )
        if awal <= hari_ini <= akhir:
            pilihan.append((akhir - awal, row.locator("td").first.inner_text().strip()))
    assert pilihan, f"tidak ada periode penilaian yang memuat {hari_ini}"
    label = min(pilihan)[1]
    page.get_by_role("link", name=label, exact=True).click()
    expect(page.locator("h1")).to_contain_text(f"Evaluasi kinerja {label}")


def unduh(page: Page, tujuan: Path, tautan: Locator) -> Path:
    """Click a download link and keep the file (the browser gets it as an attachment)."""
    with page.expect_download() as info:
        tautan.click()
    info.value.save_as(tujuan)
    return tujuan


def test_the_demo_personas_play_the_year_in_the_browser(
    chromium: Browser, live_server, settings, tmp_path: Path, screenshots: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("seed_demo", stdout=io.StringIO())
    orang = {p.role: p for p in personas()}
    # The names without gelar, as the pages and the documents print them in full.
    kasi_nama, pelaksana_nama = PERSONA["kepala_seksi"], PERSONA["pelaksana"]
    langkah = Langkah(screenshots)

    # --- the kepala seksi plans her SKP under the kepala bidang's RHK and submits it -------------
    kasi = masuk(chromium, live_server.url, orang["kepala_seksi"])
    buat_skp(kasi)
    tambah_rhk_utama(kasi, RHK_KASI, RHK_KABID)
    tambah_indikator(kasi, RHK_KASI, "Jumlah modul aplikasi perizinan yang digunakan", ("4", "5"), "modul")
    langkah.foto(kasi, "kasi-skp-draf")
    ajukan(kasi)
    langkah.foto(kasi, "kasi-skp-diajukan")

    # --- the kepala bidang approves it from his inbox --------------------------------------------
    kabid = masuk(chromium, live_server.url, orang["kepala_bidang"])
    menu(kabid, "SKP", "Persetujuan SKP")
    baris = kabid.locator(".list-group-item", has_text=kasi_nama)
    expect(baris).to_contain_text("Diajukan")
    langkah.foto(kabid, "kabid-persetujuan")
    baris.get_by_role("button", name="Setujui").click()
    expect(kabid.get_by_text("SKP disetujui.")).to_be_visible()
    expect(kabid.locator(".list-group-item", has_text=kasi_nama)).to_contain_text("Disetujui")
    langkah.foto(kabid, "kabid-disetujui")

    # --- the pelaksana plans his SKP under hers and submits it -----------------------------------
    pelaksana = masuk(chromium, live_server.url, orang["pelaksana"])
    buat_skp(pelaksana)
    tambah_rhk_utama(pelaksana, RHK_PELAKSANA, RHK_KASI)
    tambah_indikator(
        pelaksana, RHK_PELAKSANA, "Jumlah dataset pengguna yang dimutakhirkan", ("6", "8"), "dataset"
    )
    ajukan(pelaksana)
    langkah.foto(pelaksana, "pelaksana-skp-diajukan")

    # --- the kepala seksi sends it back with a catatan -------------------------------------------
    buka_skp_bawahan(kasi, pelaksana_nama)
    kasi.locator("summary", has_text="Kembalikan").click()
    kasi.get_by_label("Catatan pengembalian (wajib)").fill(CATATAN)
    kasi.get_by_role("button", name="Kembalikan kepada pegawai").click()
    expect(kasi.get_by_text("SKP dikembalikan kepada pegawai.")).to_be_visible()
    langkah.foto(kasi, "kasi-mengembalikan")

    # --- the pelaksana reads the catatan, raises the target, resubmits ---------------------------
    pelaksana.reload()
    expect(pelaksana.locator(".alert-warning")).to_contain_text(CATATAN)
    expect(pelaksana.locator("h1 .badge")).to_have_text("Draf")
    langkah.foto(pelaksana, "pelaksana-catatan")
    rhk = pelaksana.locator("#rhk article", has_text=RHK_PELAKSANA)
    rhk.locator("summary", has_text="Ubah indikator").click()
    form = rhk.locator("form[id^='f-ind-ubah-']")
    form.get_by_label("Target min.").fill("12")
    form.get_by_label("Target maks.").fill("14")
    form.get_by_role("button", name="Simpan indikator").click()
    expect(pelaksana.locator("#rhk article", has_text=RHK_PELAKSANA)).to_contain_text("12 - 14 dataset")
    ajukan(pelaksana)

    # --- the kepala seksi approves it --------------------------------------------------------------
    buka_skp_bawahan(kasi, pelaksana_nama)
    expect(kasi.locator("#rhk")).to_contain_text("12 - 14 dataset")
    kasi.get_by_role("button", name="Setujui").click()
    expect(kasi.get_by_text("SKP disetujui.")).to_be_visible()
    expect(kasi.locator("h1 .badge")).to_have_text("Disetujui")
    langkah.foto(kasi, "kasi-menyetujui")

    # --- the pelaksana reports realisasi and bukti dukung for the open period ---------------------
    pelaksana.reload()
    expect(pelaksana.locator("h1 .badge")).to_have_text("Disetujui")
    buka_periode_hari_ini(pelaksana)
    rhk = pelaksana.locator("#hasil-kerja article", has_text=RHK_PELAKSANA)
    rhk.get_by_label("Realisasi").fill("13 dataset")
    rhk.get_by_label("Sumber data").fill("Basis data aplikasi perizinan")
    rhk.get_by_role("button", name="Simpan realisasi").click()
    expect(rhk.get_by_text(re.compile(r"disimpan \d{2}-\d{2}-\d{4}"))).to_be_visible()

    rhk.locator("summary", has_text="Tambah tautan bukti").click()
    rhk.get_by_label("Nama bukti", exact=True).fill("Rekap pemutakhiran dataset")
    rhk.get_by_label("Tautan (http:// atau https://)").fill("https://arsip.kotacontoh.example/dataset.xlsx")
    rhk.get_by_role("button", name="Tambah tautan").click()
    expect(rhk.get_by_role("link", name="Rekap pemutakhiran dataset")).to_be_visible()

    berkas = tmp_path / "berita-acara.pdf"
    berkas.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
    rhk.locator("summary", has_text="Unggah berkas bukti").click()
    rhk.get_by_label("Nama bukti (opsional)").fill("Berita acara pemutakhiran")
    rhk.get_by_label("Berkas").set_input_files(berkas)
    rhk.get_by_role("button", name="Unggah").click()
    expect(rhk.get_by_role("link", name="Berita acara pemutakhiran")).to_be_visible()
    langkah.foto(pelaksana, "pelaksana-realisasi-bukti")

    # --- the kepala seksi gives umpan balik and rates him ------------------------------------------
    buka_periode_hari_ini(kasi)  # from the pelaksana's SKP she has just approved
    rhk = kasi.locator("#hasil-kerja article", has_text=RHK_PELAKSANA)
    expect(rhk).to_contain_text("13 dataset")
    rhk.get_by_label("Umpan balik", exact=True).fill("Bagus, lanjutkan pemutakhiran bulanan.")
    rhk.get_by_role("button", name="Kirim umpan balik").click()
    expect(kasi.locator("#hasil-kerja article", has_text=RHK_PELAKSANA)).to_contain_text(
        "Bagus, lanjutkan pemutakhiran bulanan."
    )
    penilaian = kasi.locator("#f-penilaian")
    penilaian.get_by_label("Rating hasil kerja").select_option(label="Di atas ekspektasi")
    penilaian.get_by_label("Rating perilaku kerja").select_option(label="Sesuai ekspektasi")
    penilaian.get_by_role("button", name="Simpan penilaian").click()
    expect(kasi.locator("#predikat")).to_have_text("Baik")
    langkah.foto(kasi, "kasi-penilaian-predikat")

    # --- the pelaksana sees his predikat and downloads his documents -----------------------------
    pelaksana.reload()
    expect(pelaksana.locator("#predikat")).to_have_text("Baik")
    expect(pelaksana.locator("#hasil-kerja")).to_contain_text("Bagus, lanjutkan pemutakhiran bulanan.")
    langkah.foto(pelaksana, "pelaksana-melihat-predikat")

    pelaksana.locator(".breadcrumb").get_by_role("link", name=re.compile(pelaksana_nama)).click()
    expect(pelaksana.locator("h1 .badge")).to_have_text("Disetujui")
    teks = teks_pdf(unduh(pelaksana, tmp_path / "skp.pdf", pelaksana.get_by_role("link", name="Unduh SKP")))
    assert "SASARAN KINERJA PEGAWAI" in teks
    assert pelaksana_nama in teks and kasi_nama in teks
    # The table wraps long cells: the RHK's first words and the target raised after the catatan.
    assert "Tersusunnya data pengguna" in teks and "12 - 14" in teks

    pelaksana.go_back()
    expect(pelaksana.locator("#predikat")).to_have_text("Baik")
    tautan = pelaksana.get_by_role("link", name=re.compile("Unduh dokumen evaluasi", re.IGNORECASE))
    teks = teks_pdf(unduh(pelaksana, tmp_path / "dokumen-evaluasi.pdf", tautan))
    assert "DOKUMEN EVALUASI KINERJA PEGAWAI" in teks and "TRIWULAN" in teks
    assert pelaksana_nama in teks and kasi_nama in teks
    assert re.search(r"PREDIKAT KINERJA PEGAWAI\s+BAIK", teks)
    langkah.foto(pelaksana, "pelaksana-unduh-dokumen")
