"""Reference enums of the evaluation (domain.md §2). Codes are the regulation's words."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Rating(models.TextChoices):
    # domain.md §2 Rating (C)
    DI_ATAS_EKSPEKTASI = "DI_ATAS_EKSPEKTASI", _("Di atas ekspektasi")
    SESUAI_EKSPEKTASI = "SESUAI_EKSPEKTASI", _("Sesuai ekspektasi")
    DI_BAWAH_EKSPEKTASI = "DI_BAWAH_EKSPEKTASI", _("Di bawah ekspektasi")


class PredikatPegawai(models.TextChoices):
    # domain.md §2 PredikatPegawai (C); labels as printed on the kurva distribusi [S-LAMP6]
    SANGAT_BAIK = "SANGAT_BAIK", _("Sangat Baik")
    BAIK = "BAIK", _("Baik")
    BUTUH_PERBAIKAN = "BUTUH_PERBAIKAN", _("Butuh Perbaikan")
    KURANG = "KURANG", _("Kurang/Misconduct")
    SANGAT_KURANG = "SANGAT_KURANG", _("Sangat Kurang")


class PredikatOrganisasi(models.TextChoices):
    # domain.md §2 PredikatOrganisasi (C)
    ISTIMEWA = "ISTIMEWA", _("Istimewa")
    BAIK = "BAIK", _("Baik")
    BUTUH_PERBAIKAN = "BUTUH_PERBAIKAN", _("Butuh Perbaikan")
    KURANG = "KURANG", _("Kurang")
    SANGAT_KURANG = "SANGAT_KURANG", _("Sangat Kurang")


class JenisPeriode(models.TextChoices):
    # domain.md §2 JenisPeriodePenilaian (L); AKHIR is the annual evaluation
    BULANAN = "BULANAN", _("Bulanan")
    TRIWULAN = "TRIWULAN", _("Triwulan")
    SEMESTER = "SEMESTER", _("Semester")
    AKHIR = "AKHIR", _("Akhir (tahunan)")


class JenisPembinaan(models.TextChoices):
    # domain.md §2 JenisPembinaan (L)
    COACHING = "COACHING", _("Coaching")
    MENTORING = "MENTORING", _("Mentoring")
    KONSELING = "KONSELING", _("Konseling")
