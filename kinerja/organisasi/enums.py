"""Reference enums of the organisation (domain.md §2). Codes are the regulation's words."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class JenisJabatan(models.TextChoices):
    # domain.md §2 JenisJabatan (C)
    JPT_UTAMA = "JPT_UTAMA", _("JPT Utama")
    JPT_MADYA = "JPT_MADYA", _("JPT Madya")
    JPT_PRATAMA = "JPT_PRATAMA", _("JPT Pratama")
    ADMINISTRATOR = "ADMINISTRATOR", _("Administrator")
    PENGAWAS = "PENGAWAS", _("Pengawas")
    PELAKSANA = "PELAKSANA", _("Pelaksana")
    FUNGSIONAL = "FUNGSIONAL", _("Fungsional")


class Eselon(models.TextChoices):
    # domain.md §2 Eselon (L)
    I_A = "I.a", "I.a"
    I_B = "I.b", "I.b"
    II_A = "II.a", "II.a"
    II_B = "II.b", "II.b"
    III_A = "III.a", "III.a"
    III_B = "III.b", "III.b"
    IV_A = "IV.a", "IV.a"
    IV_B = "IV.b", "IV.b"
    NON_ESELON = "NON_ESELON", _("Non-eselon")


class KategoriJF(models.TextChoices):
    # domain.md §2 KategoriJF (C)
    KEAHLIAN = "KEAHLIAN", _("Keahlian")
    KETERAMPILAN = "KETERAMPILAN", _("Keterampilan")


class JenjangJF(models.TextChoices):
    # domain.md §2 JenjangJF (C)
    AHLI_PERTAMA = "AHLI_PERTAMA", _("Ahli Pertama")
    AHLI_MUDA = "AHLI_MUDA", _("Ahli Muda")
    AHLI_MADYA = "AHLI_MADYA", _("Ahli Madya")
    AHLI_UTAMA = "AHLI_UTAMA", _("Ahli Utama")
    PEMULA = "PEMULA", _("Pemula")
    TERAMPIL = "TERAMPIL", _("Terampil")
    MAHIR = "MAHIR", _("Mahir")
    PENYELIA = "PENYELIA", _("Penyelia")


class StatusKepegawaian(models.TextChoices):
    # domain.md §2 StatusKepegawaian (L)
    PNS = "PNS", "PNS"
    PPPK = "PPPK", "PPPK"


class Golongan(models.TextChoices):
    # domain.md §2 Golongan (PNS, C) and the PPPK golongan I-XVII (L)
    I_A = "I/a", "I/a"
    I_B = "I/b", "I/b"
    I_C = "I/c", "I/c"
    I_D = "I/d", "I/d"
    II_A = "II/a", "II/a"
    II_B = "II/b", "II/b"
    II_C = "II/c", "II/c"
    II_D = "II/d", "II/d"
    III_A = "III/a", "III/a"
    III_B = "III/b", "III/b"
    III_C = "III/c", "III/c"
    III_D = "III/d", "III/d"
    IV_A = "IV/a", "IV/a"
    IV_B = "IV/b", "IV/b"
    IV_C = "IV/c", "IV/c"
    IV_D = "IV/d", "IV/d"
    IV_E = "IV/e", "IV/e"
    PPPK_I = "I", "I"
    PPPK_II = "II", "II"
    PPPK_III = "III", "III"
    PPPK_IV = "IV", "IV"
    PPPK_V = "V", "V"
    PPPK_VI = "VI", "VI"
    PPPK_VII = "VII", "VII"
    PPPK_VIII = "VIII", "VIII"
    PPPK_IX = "IX", "IX"
    PPPK_X = "X", "X"
    PPPK_XI = "XI", "XI"
    PPPK_XII = "XII", "XII"
    PPPK_XIII = "XIII", "XIII"
    PPPK_XIV = "XIV", "XIV"
    PPPK_XV = "XV", "XV"
    PPPK_XVI = "XVI", "XVI"
    PPPK_XVII = "XVII", "XVII"


class JenisPenugasanPenilai(models.TextChoices):
    # domain.md §5.3: manual override of the pejabat penilai (Plt/Plh, ketua tim, delegation) (L)
    PLT = "PLT", _("Pelaksana Tugas (Plt)")
    PLH = "PLH", _("Pelaksana Harian (Plh)")
    KETUA_TIM = "KETUA_TIM", _("Ketua tim kerja")
    DELEGASI = "DELEGASI", _("Pelimpahan kewenangan")
