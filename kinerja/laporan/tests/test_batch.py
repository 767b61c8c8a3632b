"""Unduhan massal: a unit's Dokumen Evaluasi for one period as a ZIP, with progress."""

import datetime as dt
import io
import zipfile

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from kinerja.laporan import batch as batch_service
from kinerja.laporan.models import BatchDokumen
from kinerja.penilaian.tests.conftest import jam, periode, rantai, skp_bawahan  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def dua_pegawai(personas, rantai):  # noqa: F811
    for user in (personas.pegawai, personas.rekan):
        periode(skp_bawahan(user, personas, rantai))


def test_the_admin_gets_every_dokumen_evaluasi_of_the_unit_in_one_zip(
    client, personas, dua_pegawai, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(personas.admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("laporan:batch"),
            {"unit": personas.bidang.pk, "tahun": 2026, "jenis": "TRIWULAN", "nomor": 1},
        )
    batch = BatchDokumen.objects.get()
    assert response.url == reverse("laporan:batch_detail", args=[batch.pk])
    # The bidang and the seksi below it: kepala bidang, kepala seksi, pegawai, rekan.
    assert (batch.status, batch.selesai, batch.total) == ("SELESAI", 4, 4)
    page = client.get(response.url).content.decode()
    assert "100%" in page and "Unduh ZIP" in page
    unduh = client.get(reverse("laporan:batch_unduh", args=[batch.pk]))
    assert unduh["Content-Type"] == "application/zip"
    arsip = zipfile.ZipFile(io.BytesIO(b"".join(unduh.streaming_content)))
    names = arsip.namelist()
    assert len(names) == 4
    assert any("Dewi_Lestari" in n for n in names)
    assert all(arsip.read(n).startswith(b"%PDF") for n in names)


def test_the_progress_fragment_polls_until_done(client, personas, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.KINERJA_BATCH_MODE = "worker"
    client.force_login(personas.admin)
    client.post(
        reverse("laporan:batch"), {"unit": personas.seksi.pk, "tahun": 2026, "jenis": "TRIWULAN", "nomor": 1}
    )
    batch = BatchDokumen.objects.get()
    assert batch.status == "MENUNGGU"
    fragment = client.get(reverse("laporan:batch_detail", args=[batch.pk]), headers={"HX-Request": "true"})
    assert 'hx-trigger="every 1s"' in fragment.content.decode()
    assert client.get(reverse("laporan:batch_unduh", args=[batch.pk])).status_code == 404
    call_command("jalankan_batch")
    batch.refresh_from_db()
    assert batch.status == "SELESAI"
    fragment = client.get(reverse("laporan:batch_detail", args=[batch.pk]), headers={"HX-Request": "true"})
    assert "every 1s" not in fragment.content.decode()


def test_a_job_stuck_by_a_restart_is_run_again(personas, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.KINERJA_BATCH_MODE = "worker"
    batch = batch_service.batch_mulai(
        actor=personas.admin, unit=personas.seksi, tahun=2026, jenis="TRIWULAN", nomor=1
    )
    BatchDokumen.objects.filter(pk=batch.pk).update(
        status="BERJALAN", updated_at=timezone.now() - dt.timedelta(hours=1)
    )
    assert batch_service.jalankan_tertunda() == 1
    batch.refresh_from_db()
    assert batch.status == "SELESAI"


def test_a_failed_job_says_so_and_leaves_no_file(personas, settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path
    settings.KINERJA_BATCH_MODE = "worker"

    def rusak(**kwargs):
        raise RuntimeError("pdf rusak")

    batch = batch_service.batch_mulai(
        actor=personas.admin, unit=personas.seksi, tahun=2026, jenis="TRIWULAN", nomor=1
    )
    monkeypatch.setattr(batch_service.penilaian_selectors, "periode_subtree", rusak)
    batch_service.jalankan(batch.pk)
    batch.refresh_from_db()
    assert batch.status == "GAGAL" and "RuntimeError" in batch.pesan
    assert not list(tmp_path.rglob("*.zip"))


def test_only_the_admin_of_the_instansi(client, personas, dua_pegawai, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    for user in (personas.pegawai, personas.pejabat_penilai, personas.orang_lain):
        client.force_login(user)
        assert client.get(reverse("laporan:batch")).status_code == 403
    batch = batch_service.batch_mulai(
        actor=personas.admin, unit=personas.seksi, tahun=2026, jenis="TRIWULAN", nomor=1
    )
    for user in (personas.pejabat_penilai, personas.orang_lain):
        client.force_login(user)
        assert client.get(reverse("laporan:batch_detail", args=[batch.pk])).status_code == 404
        assert client.get(reverse("laporan:batch_unduh", args=[batch.pk])).status_code == 404


def test_bad_input_is_a_message_not_an_error(client, personas):
    client.force_login(personas.admin)
    response = client.post(
        reverse("laporan:batch"), {"unit": "x", "tahun": 2026, "jenis": "TRIWULAN", "nomor": 1}, follow=True
    )
    assert "Unit harus berupa angka." in response.content.decode()
    response = client.post(
        reverse("laporan:batch"),
        {"unit": personas.seksi.pk, "tahun": 2026, "jenis": "MINGGUAN", "nomor": 1},
        follow=True,
    )
    assert "Jenis periode tidak dikenal." in response.content.decode()
    assert not BatchDokumen.objects.exists()


def test_a_zip_older_than_the_keeping_days_is_deleted_and_the_page_says_so(
    client, personas, dua_pegawai, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    settings.KINERJA_BATCH_MODE = "worker"
    settings.KINERJA_BATCH_SIMPAN_HARI = 7
    lama = batch_service.batch_mulai(
        actor=personas.admin, unit=personas.bidang, tahun=2026, jenis="TRIWULAN", nomor=1
    )
    batch_service.jalankan(lama.pk)
    baru = batch_service.batch_mulai(
        actor=personas.admin, unit=personas.seksi, tahun=2026, jenis="TRIWULAN", nomor=1
    )
    batch_service.jalankan(baru.pk)
    BatchDokumen.objects.filter(pk=lama.pk).update(updated_at=timezone.now() - dt.timedelta(days=8))
    assert len(list(tmp_path.rglob("*.zip"))) == 2

    assert batch_service.bersihkan_lama() == 1

    lama.refresh_from_db()
    baru.refresh_from_db()
    assert [p.name for p in tmp_path.rglob("*.zip")] == [f"{baru.pk}.zip"]
    assert (lama.status, lama.berkas.name, lama.total) == ("SELESAI", "", 4)
    client.force_login(personas.admin)
    page = client.get(reverse("laporan:batch_detail", args=[lama.pk])).content.decode()
    assert "dihapus setelah 7 hari" in page and "Unduh ZIP" not in page
    assert client.get(reverse("laporan:batch_unduh", args=[lama.pk])).status_code == 404
    assert client.get(reverse("laporan:batch_unduh", args=[baru.pk])).status_code == 200
    assert batch_service.bersihkan_lama() == 0  # nothing is deleted twice
    # The worker process cleans up too, after the queued jobs.
    BatchDokumen.objects.filter(pk=baru.pk).update(updated_at=timezone.now() - dt.timedelta(days=8))
    call_command("jalankan_batch")
    assert not list(tmp_path.rglob("*.zip"))
