"""Issued documents (for their verification code) and background batch jobs (issue #5)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class JenisDokumen(models.TextChoices):
    # domain.md §6
    SKP = "skp", _("Sasaran Kinerja Pegawai")
    LAMPIRAN_SKP = "lampiran", _("Lampiran Sasaran Kinerja Pegawai")
    MATRIKS = "matriks", _("Matriks Peran Hasil")
    EVALUASI = "evaluasi", _("Evaluasi Kinerja Pegawai")
    DOKUMEN_EVALUASI = "dokumen-evaluasi", _("Dokumen Evaluasi Kinerja Pegawai")
    KONVERSI_AK = "konversi-ak", _("Konversi Predikat Kinerja ke Angka Kredit")
    PENETAPAN_PREDIKAT = "penetapan-predikat", _("Penetapan Predikat Kinerja")


class Dokumen(models.Model):
    """One issued version of a document. Rendering the same content again reuses its code; a
    changed content gets a new code and the old version points at the one that replaced it."""

    kode = models.CharField(_("kode verifikasi"), max_length=20, unique=True)
    jenis = models.CharField(_("jenis"), max_length=20, choices=JenisDokumen.choices)
    # What the document is of, e.g. "skp:12" or "periode:55"; versions of one document share it.
    kunci = models.CharField(max_length=120)
    judul = models.CharField(_("judul"), max_length=300)
    untuk = models.CharField(_("atas nama"), max_length=300)
    # SHA-256 of the rendered document without its own code: same content, same version.
    sidik = models.CharField(max_length=64)
    diterbitkan_pada = models.DateTimeField(_("diterbitkan pada"), auto_now_add=True)
    diterbitkan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    diganti_oleh = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("dokumen")
        verbose_name_plural = _("dokumen")
        indexes = [models.Index(fields=["kunci", "-diterbitkan_pada"])]

    def __str__(self) -> str:
        return f"{self.kode} {self.judul}"


class BatchDokumen(models.Model):
    """A ZIP of documents built in the background, with its progress (issue #5 point 6)."""

    class Status(models.TextChoices):
        MENUNGGU = "MENUNGGU", _("Menunggu")
        BERJALAN = "BERJALAN", _("Berjalan")
        SELESAI = "SELESAI", _("Selesai")
        GAGAL = "GAGAL", _("Gagal")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    instansi = models.ForeignKey("organisasi.Instansi", on_delete=models.CASCADE, related_name="+")
    unit_kerja = models.ForeignKey("organisasi.UnitKerja", on_delete=models.CASCADE, related_name="+")
    tahun = models.PositiveSmallIntegerField()
    jenis_periode = models.CharField(max_length=10)
    nomor = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.MENUNGGU)
    total = models.PositiveIntegerField(default=0)
    selesai = models.PositiveIntegerField(default=0)
    berkas = models.FileField(upload_to="batch/", blank=True)
    pesan = models.TextField(blank=True)
    dibuat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"batch {self.unit_kerja_id} {self.jenis_periode} {self.nomor}/{self.tahun}"

    @property
    def persen(self) -> int:
        return (
            int(self.selesai * 100 / self.total) if self.total else (100 if self.status == "SELESAI" else 0)
        )
