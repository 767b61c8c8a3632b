"""Pengaturan penilaian (admin instansi only): the settings, the pustaka umpan balik and "Buka kunci
periode" after the deadline (issue #4 points 1, 3, 5)."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from kinerja.penilaian import services
from kinerja.penilaian.models import BukaKunci, PengaturanPenilaian, PustakaUmpanBalik
from kinerja.penilaian.tests.conftest import periode, segarkan

PENGATURAN = reverse("penilaian:pengaturan")
SIMPAN = reverse("penilaian:pengaturan_simpan")
PUSTAKA = reverse("penilaian:pustaka_umpan_balik_tambah")
BUKA = reverse("penilaian:buka_kunci")
DATA = {
    "frekuensi": "BULANAN",
    "batas_hari": "7",
    "jendela_keberatan_hari": "21",
    "distribusi_memblokir": "on",
    "ak_dari_akhir": "on",
}


def test_the_settings_page_is_for_the_admin_only(client, personas):
    client.force_login(personas.admin)
    html = client.get(PENGATURAN).content.decode()
    assert "Pemerintah Kota Uji" in html and "Buka kunci periode" in html and "Seksi Uji" in html
    client.force_login(personas.pejabat_penilai)
    assert client.get(PENGATURAN).status_code == 403
    client.force_login(personas.orang_lain)
    assert client.get(PENGATURAN).status_code == 403


def test_the_admin_saves_the_settings(client, personas):
    client.force_login(personas.admin)
    assert client.post(SIMPAN, DATA)["Location"] == PENGATURAN
    p = PengaturanPenilaian.objects.get(instansi=personas.instansi)
    assert (p.frekuensi, p.batas_hari, p.jendela_keberatan_hari) == ("BULANAN", 7, 21)
    assert p.distribusi_memblokir and p.ak_dari_akhir and not p.pembulatan_bawah
    html = client.get(PENGATURAN).content.decode()
    assert '<option value="BULANAN" selected>' in html and 'value="21"' in html


def test_settings_are_refused_for_a_non_admin_and_bad_input_saves_nothing(client, personas):
    client.force_login(personas.pejabat_penilai)
    assert client.post(SIMPAN, DATA).status_code == 403
    client.force_login(personas.admin)
    response = client.post(SIMPAN, {**DATA, "frekuensi": "AKHIR"}, follow=True)
    assert "Frekuensi" in response.content.decode()
    response = client.post(SIMPAN, {**DATA, "batas_hari": "200"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 400
    assert not PengaturanPenilaian.objects.exists()


def test_the_admin_adds_and_deletes_pustaka_umpan_balik(client, personas):
    client.force_login(personas.admin)
    client.post(PUSTAKA, {"kalimat": "Pertahankan ketepatan waktu laporan."})
    item = PustakaUmpanBalik.objects.get()
    assert "Pertahankan ketepatan waktu laporan." in client.get(PENGATURAN).content.decode()
    client.force_login(personas.pegawai)
    assert client.post(PUSTAKA, {"kalimat": "x"}).status_code == 403
    hapus = reverse("penilaian:pustaka_umpan_balik_hapus", args=[item.pk])
    assert client.post(hapus).status_code == 403
    client.force_login(personas.admin)
    assert client.post(hapus)["Location"] == PENGATURAN
    assert not PustakaUmpanBalik.objects.exists()


def test_an_item_of_another_instansi_is_404(client, personas):
    lain = services.pustaka_umpan_balik_tambah(
        instansi_id=personas.p("orang_lain").instansi_id, actor=personas.superadmin, kalimat="Lain"
    )
    client.force_login(personas.admin)
    assert client.post(reverse("penilaian:pustaka_umpan_balik_hapus", args=[lain.pk])).status_code == 404


def test_buka_kunci_reopens_the_period_for_the_pegawai(client, personas, jam, skp_pegawai):
    jam.set(dt.date(2026, 4, 20))  # TRIWULAN 1 closed for the pegawai on 5 April
    p = periode(skp_pegawai)
    assert services.terkunci_untuk_pegawai(segarkan(p))
    client.force_login(personas.admin)
    data = {
        "nip": personas.p("pegawai").nip,
        "tahun": "2026",
        "jenis": "TRIWULAN",
        "nomor": "1",
        "sampai": "2026-04-30",
        "alasan": "Pegawai cuti sakit.",
    }
    assert client.post(BUKA, data)["Location"] == PENGATURAN
    bk = BukaKunci.objects.get()
    assert (bk.pegawai, bk.unit_kerja, bk.actor) == (personas.p("pegawai"), None, personas.admin)
    assert not services.terkunci_untuk_pegawai(segarkan(p))
    html = client.get(PENGATURAN).content.decode()
    assert "Pegawai cuti sakit." in html and "30-04-2026" in html and personas.p("pegawai").nip in html


def test_buka_kunci_for_a_unit_reopens_it_for_everyone_in_it(client, personas, jam, skp_pegawai, skp_rekan):
    jam.set(dt.date(2026, 4, 20))
    client.force_login(personas.admin)
    data = {
        "unit": personas.bidang.pk,
        "tahun": "2026",
        "jenis": "TRIWULAN",
        "nomor": "1",
        "sampai": "2026-04-25",
        "alasan": "Gangguan jaringan.",
    }
    client.post(BUKA, data)
    assert BukaKunci.objects.get().unit_kerja == personas.bidang
    assert not services.terkunci_untuk_pegawai(segarkan(periode(skp_rekan)))  # the Seksi is below


def test_buka_kunci_is_refused_for_bad_input_and_non_admins(client, personas, skp_pegawai):
    data = {"tahun": "2026", "jenis": "TRIWULAN", "nomor": "1", "sampai": "2026-04-30", "alasan": "x"}
    client.force_login(personas.admin)
    both = {**data, "nip": personas.p("pegawai").nip, "unit": personas.seksi.pk}
    assert "tidak keduanya" in client.post(BUKA, both, follow=True).content.decode()
    assert client.post(BUKA, {**data, "nip": personas.p("orang_lain").nip}).status_code == 404
    past = {**data, "nip": personas.p("pegawai").nip, "sampai": "2026-01-01"}
    assert "masa lalu" in client.post(BUKA, past, follow=True).content.decode()
    client.force_login(personas.pejabat_penilai)
    assert client.post(BUKA, {**data, "nip": personas.p("pegawai").nip}).status_code == 403
    assert not BukaKunci.objects.exists()
