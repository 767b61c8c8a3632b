"""Reference enums of the SKP (domain.md §2). Codes are the regulation's words."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class StatusSkp(models.TextChoices):
    # domain.md §0.4, §5.1 (L). DIGANTI: an approved version replaced by an approved revisi (§5.4, G).
    DRAFT = "DRAFT", _("Draf")
    DIAJUKAN = "DIAJUKAN", _("Diajukan")
    DISETUJUI = "DISETUJUI", _("Disetujui")
    DIGANTI = "DIGANTI", _("Diganti revisi")


class Pendekatan(models.TextChoices):
    # domain.md §2 Pendekatan, §4.6 (C)
    KUANTITATIF = "KUANTITATIF", _("Kuantitatif")
    KUALITATIF = "KUALITATIF", _("Kualitatif")


class BentukSkp(models.TextChoices):
    # domain.md §4.5 (C): balanced scorecard for JPT / pimpinan unit kerja mandiri, OKR for JA/JF.
    JPT = "JPT", _("JPT dan pimpinan unit kerja mandiri")
    JA_JF = "JA_JF", _("JA dan JF")


class JenisRhk(models.TextChoices):
    # domain.md §2 JenisRHK, §4.7 (C)
    UTAMA = "UTAMA", _("Utama")
    TAMBAHAN = "TAMBAHAN", _("Tambahan")


class KlasifikasiRhk(models.TextChoices):
    # domain.md §2 KlasifikasiRHK (L): JPT / pimpinan unit only
    ORGANISASI = "ORGANISASI", _("Organisasi")
    INDIVIDU = "INDIVIDU", _("Individu")


class Perspektif(models.TextChoices):
    # domain.md §2 Perspektif (C): JPT only
    PENERIMA_LAYANAN = "PENERIMA_LAYANAN", _("Penerima layanan")
    PROSES_BISNIS = "PROSES_BISNIS", _("Proses bisnis")
    PENGUATAN_INTERNAL = "PENGUATAN_INTERNAL", _("Penguatan internal")
    ANGGARAN = "ANGGARAN", _("Anggaran")


class Aspek(models.TextChoices):
    # domain.md §2 Aspek (C)
    KUANTITAS = "KUANTITAS", _("Kuantitas")
    KUALITAS = "KUALITAS", _("Kualitas")
    WAKTU = "WAKTU", _("Waktu")
    BIAYA = "BIAYA", _("Biaya")


class CoreValue(models.TextChoices):
    # domain.md §2.1 BerAKHLAK (C), in the official order
    BERORIENTASI_PELAYANAN = "BERORIENTASI_PELAYANAN", _("Berorientasi Pelayanan")
    AKUNTABEL = "AKUNTABEL", _("Akuntabel")
    KOMPETEN = "KOMPETEN", _("Kompeten")
    HARMONIS = "HARMONIS", _("Harmonis")
    LOYAL = "LOYAL", _("Loyal")
    ADAPTIF = "ADAPTIF", _("Adaptif")
    KOLABORATIF = "KOLABORATIF", _("Kolaboratif")


class JenisLampiran(models.TextChoices):
    # domain.md §3.8 (C)
    DUKUNGAN_SUMBER_DAYA = "DUKUNGAN_SUMBER_DAYA", _("Dukungan sumber daya")
    SKEMA_PERTANGGUNGJAWABAN = "SKEMA_PERTANGGUNGJAWABAN", _("Skema pertanggungjawaban")
    KONSEKUENSI = "KONSEKUENSI", _("Konsekuensi")
