"""Evaluation of an approved SKP: periods, realisasi, bukti dukung, umpan balik, ratings and
predikat, predikat organisasi, keberatan, pembinaan and angka kredit (domain.md §3.10-§3.17)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kinerja.core.workflow import RiwayatStatusBase, check_transition
from kinerja.organisasi.models import Instansi, Pegawai, UnitKerja
from kinerja.penilaian import rules
from kinerja.penilaian.enums import JenisPembinaan, JenisPeriode, PredikatOrganisasi, PredikatPegawai, Rating
from kinerja.skp.enums import CoreValue
from kinerja.skp.models import Indikator, RencanaHasilKerja, Skp


class PengaturanPenilaian(models.Model):
    """The instansi's choices where the regulation leaves them open (issue #4 points 1, 5, 6)."""

    instansi = models.OneToOneField(Instansi, on_delete=models.CASCADE, related_name="pengaturan_penilaian")
    # domain.md §4.2 (C): the instansi sets the periodic frequency; e-Kinerja's default is triwulan.
    frekuensi = models.CharField(
        _("frekuensi penilaian periodik"),
        max_length=10,
        choices=[(c, label) for c, label in JenisPeriode.choices if c != JenisPeriode.AKHIR],
        default=JenisPeriode.TRIWULAN,
    )
    batas_hari = models.PositiveSmallIntegerField(
        _("batas pengisian (hari setelah periode berakhir)"), default=rules.BATAS_HARI_BAWAAN
    )
    jendela_keberatan_hari = models.PositiveSmallIntegerField(
        _("jendela keberatan (hari)"), default=rules.JENDELA_KEBERATAN_BAWAAN
    )
    # domain.md §0.2 (G): the pola distribusi is a pertimbangan; default: warn, and finalising
    # anyway needs a written reason.
    distribusi_memblokir = models.BooleanField(
        _("pelanggaran pola distribusi memblokir penetapan"), default=False
    )
    pembulatan_bawah = models.BooleanField(_("batas distribusi dibulatkan ke bawah/atas"), default=True)
    # domain.md §7: AK is summed per period (L); an instansi that converts only the annual
    # evaluation (the 12-month case) sets this, and then the periodic ones do not count (G).
    ak_dari_akhir = models.BooleanField(_("angka kredit dari evaluasi akhir saja"), default=False)

    class Meta:
        verbose_name = _("pengaturan penilaian")
        verbose_name_plural = _("pengaturan penilaian")

    def __str__(self) -> str:
        return f"Pengaturan penilaian {self.instansi_id}"


class PeriodePenilaian(models.Model):
    """One periodic (or the AKHIR) evaluation of one SKP (domain.md §3.10)."""

    class Status(models.TextChoices):
        BELUM_DINILAI = "BELUM_DINILAI", _("Belum dinilai")
        DINILAI = "DINILAI", _("Dinilai")
        DITETAPKAN = "DITETAPKAN", _("Ditetapkan")
        KEBERATAN = "KEBERATAN", _("Keberatan")
        FINAL = "FINAL", _("Final")

    # Ratings can change until the pejabat penilai tetapkan; a keberatan is decided by the atasan
    # pejabat penilai, whose decision is final (domain.md §3.16, L).
    TRANSITIONS: dict[str, frozenset[str]] = {
        Status.BELUM_DINILAI: frozenset({Status.DINILAI}),
        Status.DINILAI: frozenset({Status.DINILAI, Status.DITETAPKAN}),
        Status.DITETAPKAN: frozenset({Status.KEBERATAN}),
        Status.KEBERATAN: frozenset({Status.FINAL}),
        Status.FINAL: frozenset(),
    }

    skp = models.ForeignKey(Skp, on_delete=models.CASCADE, related_name="periode")
    jenis = models.CharField(_("jenis"), max_length=10, choices=JenisPeriode.choices)
    nomor = models.PositiveSmallIntegerField(_("nomor"))
    # Display order: the periodic evaluations in time, the AKHIR last.
    urutan = models.PositiveSmallIntegerField(default=0)
    tanggal_awal = models.DateField(_("tanggal awal"))
    tanggal_akhir = models.DateField(_("tanggal akhir"))
    batas_pengisian = models.DateField(_("batas pengisian"))
    status = models.CharField(
        _("status"), max_length=14, choices=Status.choices, default=Status.BELUM_DINILAI
    )
    capaian_kinerja_organisasi = models.CharField(
        _("capaian kinerja organisasi"), max_length=16, choices=PredikatOrganisasi.choices, blank=True
    )
    rating_hasil_kerja = models.CharField(
        _("rating hasil kerja"), max_length=20, choices=Rating.choices, blank=True
    )
    rating_perilaku_kerja = models.CharField(
        _("rating perilaku kerja"), max_length=20, choices=Rating.choices, blank=True
    )
    deskripsi_rating = models.TextField(_("deskripsi"), blank=True, max_length=2000)
    # Derived from the ratings by rules.predikat_kinerja; stored for reports.
    predikat = models.CharField(_("predikat"), max_length=16, choices=PredikatPegawai.choices, blank=True)
    alasan_distribusi = models.TextField(_("alasan penetapan di luar pola distribusi"), blank=True)
    dinilai_oleh = models.ForeignKey(
        Pegawai, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    dinilai_pada = models.DateTimeField(null=True, blank=True)
    ditetapkan_pada = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("periode penilaian")
        verbose_name_plural = _("periode penilaian")
        ordering = ["skp", "urutan"]
        constraints = [
            models.UniqueConstraint(fields=["skp", "jenis", "nomor"], name="periode_unik"),
            models.CheckConstraint(
                condition=Q(tanggal_akhir__gte=models.F("tanggal_awal")), name="periode_tanggal_urut"
            ),
        ]
        indexes = [models.Index(fields=["jenis", "nomor", "tanggal_awal"])]

    def __str__(self) -> str:
        return f"{self.jenis} {self.nomor} SKP {self.skp_id}"

    def pindah_status(self, ke: str) -> str:
        dari = self.status
        check_transition(self.TRANSITIONS, dari, ke, "Periode penilaian")
        self.status = ke
        return dari

    @property
    def terkunci_penilai(self) -> bool:
        return self.status in (self.Status.DITETAPKAN, self.Status.KEBERATAN, self.Status.FINAL)


class RiwayatPeriode(RiwayatStatusBase):
    periode = models.ForeignKey(PeriodePenilaian, on_delete=models.CASCADE, related_name="riwayat")

    class Meta(RiwayatStatusBase.Meta):
        verbose_name = _("riwayat periode")
        verbose_name_plural = _("riwayat periode")

    def __str__(self) -> str:
        return f"{self.periode_id} {self.aksi}"


class BukaKunci(models.Model):
    """The admin reopens a period after its deadline, for one pegawai or a whole unit (and the units
    below it), until a date, with a reason kept here (issue #4 point 1)."""

    instansi = models.ForeignKey(Instansi, on_delete=models.CASCADE, related_name="+")
    pegawai = models.ForeignKey(Pegawai, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    unit_kerja = models.ForeignKey(
        UnitKerja, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    jenis = models.CharField(_("jenis"), max_length=10, choices=JenisPeriode.choices)
    nomor = models.PositiveSmallIntegerField(_("nomor"))
    sampai = models.DateField(_("dibuka sampai"))
    alasan = models.TextField(_("alasan"), max_length=1000)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("buka kunci periode")
        verbose_name_plural = _("buka kunci periode")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(pegawai__isnull=False) | Q(unit_kerja__isnull=False), name="buka_kunci_sasaran"
            )
        ]

    def __str__(self) -> str:
        return f"buka {self.jenis} {self.nomor}/{self.tahun} sampai {self.sampai}"


class Realisasi(models.Model):
    """Per indikator per period (domain.md §3.11, C)."""

    periode = models.ForeignKey(PeriodePenilaian, on_delete=models.CASCADE, related_name="realisasi")
    indikator = models.ForeignKey(Indikator, on_delete=models.CASCADE, related_name="realisasi")
    realisasi = models.TextField(_("realisasi"), max_length=1000)
    sumber_data = models.CharField(_("sumber data"), max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("realisasi")
        verbose_name_plural = _("realisasi")
        constraints = [models.UniqueConstraint(fields=["periode", "indikator"], name="realisasi_unik")]

    def __str__(self) -> str:
        return self.realisasi[:60]


class RencanaAksi(models.Model):
    """Optional periodic breakdown of an RHK (domain.md §3.7, L)."""

    periode = models.ForeignKey(PeriodePenilaian, on_delete=models.CASCADE, related_name="rencana_aksi")
    rhk = models.ForeignKey(RencanaHasilKerja, on_delete=models.CASCADE, related_name="rencana_aksi")
    uraian = models.TextField(_("uraian"), max_length=1000)
    target = models.CharField(_("target"), max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["periode", "rhk", "id"]

    def __str__(self) -> str:
        return self.uraian[:60]


def bukti_upload_to(instance: BuktiDukung, filename: str) -> str:
    # The stored name never comes from the user (no path tricks, no double extensions).
    return f"bukti/{instance.periode_id}/{instance.kunci}{instance.ekstensi}"


class BuktiDukung(models.Model):
    """Evidence per RHK per period: a link or an uploaded file (domain.md §3.11, C)."""

    periode = models.ForeignKey(PeriodePenilaian, on_delete=models.CASCADE, related_name="bukti")
    rhk = models.ForeignKey(RencanaHasilKerja, on_delete=models.CASCADE, related_name="bukti")
    nama = models.CharField(_("nama bukti"), max_length=200)
    url = models.URLField(_("tautan"), max_length=1000, blank=True)
    berkas = models.FileField(_("berkas"), upload_to=bukti_upload_to, blank=True, max_length=300)
    kunci = models.CharField(max_length=32, blank=True, editable=False)
    ekstensi = models.CharField(max_length=10, blank=True, editable=False)
    nama_berkas = models.CharField(_("nama berkas asli"), max_length=255, blank=True)
    content_type = models.CharField(max_length=120, blank=True)
    ukuran = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("bukti dukung")
        verbose_name_plural = _("bukti dukung")
        ordering = ["periode", "rhk", "created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(url="") & ~Q(berkas="")) | (~Q(url="") & Q(berkas="")),
                name="bukti_url_atau_berkas",
            )
        ]

    def __str__(self) -> str:
        return self.nama


class UmpanBalik(models.Model):
    """Continuous feedback per RHK or per core value (domain.md §3.12, C)."""

    periode = models.ForeignKey(PeriodePenilaian, on_delete=models.CASCADE, related_name="umpan_balik")
    rhk = models.ForeignKey(
        RencanaHasilKerja, on_delete=models.CASCADE, null=True, blank=True, related_name="umpan_balik"
    )
    core_value = models.CharField(_("core value"), max_length=24, choices=CoreValue.choices, blank=True)
    isi = models.TextField(_("umpan balik"), max_length=2000)
    pemberi = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("umpan balik")
        verbose_name_plural = _("umpan balik")
        ordering = ["periode", "created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(rhk__isnull=False) & Q(core_value=""))
                | (Q(rhk__isnull=True) & ~Q(core_value="")),
                name="umpan_balik_satu_sasaran",
            )
        ]

    def __str__(self) -> str:
        return self.isi[:60]


class PustakaUmpanBalik(models.Model):
    """The instansi's phrases offered to the pejabat penilai for feedback (issue #4 point 3)."""

    instansi = models.ForeignKey(Instansi, on_delete=models.CASCADE, related_name="pustaka_umpan_balik")
    kalimat = models.CharField(_("kalimat"), max_length=300)

    class Meta:
        ordering = ["instansi", "id"]

    def __str__(self) -> str:
        return self.kalimat


class PredikatOrganisasiUnit(models.Model):
    """The capaian kinerja organisasi of a unit for a period, set by the pimpinan of the unit above
    (domain.md §3.15, §4.3)."""

    unit_kerja = models.ForeignKey(UnitKerja, on_delete=models.CASCADE, related_name="predikat_organisasi")
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    jenis = models.CharField(_("jenis periode"), max_length=10, choices=JenisPeriode.choices)
    nomor = models.PositiveSmallIntegerField(_("nomor"))
    predikat = models.CharField(_("predikat organisasi"), max_length=16, choices=PredikatOrganisasi.choices)
    ditetapkan_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("predikat organisasi")
        verbose_name_plural = _("predikat organisasi")
        constraints = [
            models.UniqueConstraint(
                fields=["unit_kerja", "tahun", "jenis", "nomor"], name="predikat_org_unik"
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit_kerja_id} {self.jenis} {self.nomor}/{self.tahun}: {self.predikat}"


class Keberatan(models.Model):
    """An objection to a finalised evaluation (domain.md §3.16, L)."""

    periode = models.OneToOneField(PeriodePenilaian, on_delete=models.CASCADE, related_name="keberatan")
    alasan = models.TextField(_("alasan"), max_length=3000)
    diajukan_pada = models.DateTimeField(auto_now_add=True)
    predikat_semula = models.CharField(max_length=16, choices=PredikatPegawai.choices)
    penjelasan = models.TextField(_("penjelasan pejabat penilai"), blank=True, max_length=3000)
    penjelasan_pada = models.DateTimeField(null=True, blank=True)
    predikat_keputusan = models.CharField(
        _("predikat keputusan"), max_length=16, choices=PredikatPegawai.choices, blank=True
    )
    catatan_keputusan = models.TextField(_("catatan keputusan"), blank=True, max_length=3000)
    diputuskan_oleh = models.ForeignKey(
        Pegawai, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    diputuskan_pada = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("keberatan")
        verbose_name_plural = _("keberatan")

    def __str__(self) -> str:
        return f"keberatan {self.periode_id}"


class Pembinaan(models.Model):
    """Coaching, mentoring or konseling of a bawahan in a period (domain.md §3.14, L)."""

    periode = models.ForeignKey(PeriodePenilaian, on_delete=models.CASCADE, related_name="pembinaan")
    jenis = models.CharField(_("jenis"), max_length=10, choices=JenisPembinaan.choices)
    tanggal = models.DateField(_("tanggal"))
    topik = models.CharField(_("topik/permasalahan"), max_length=300)
    catatan = models.TextField(_("catatan"), blank=True, max_length=3000)
    tindak_lanjut = models.TextField(_("rencana tindak lanjut"), blank=True, max_length=3000)
    pembina = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("pembinaan kinerja")
        verbose_name_plural = _("pembinaan kinerja")
        ordering = ["periode", "-tanggal", "-id"]

    def __str__(self) -> str:
        return f"{self.jenis} {self.tanggal}"


class KonversiAngkaKredit(models.Model):
    """The angka kredit of one finalised period of a jabatan fungsional (domain.md §3.17, §7).
    Koefisien and persentase are stored with the record: the references may change."""

    periode = models.OneToOneField(PeriodePenilaian, on_delete=models.CASCADE, related_name="angka_kredit")
    pegawai = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="angka_kredit")
    tahun = models.PositiveSmallIntegerField()
    jenjang = models.CharField(max_length=20)
    predikat = models.CharField(max_length=16, choices=PredikatPegawai.choices)
    persentase = models.DecimalField(max_digits=5, decimal_places=2)
    koefisien = models.DecimalField(max_digits=6, decimal_places=2)
    bulan = models.PositiveSmallIntegerField()
    angka_kredit = models.DecimalField(max_digits=12, decimal_places=6)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("konversi angka kredit")
        verbose_name_plural = _("konversi angka kredit")
        ordering = ["pegawai", "tahun", "periode__tanggal_awal"]
        indexes = [models.Index(fields=["pegawai", "tahun"])]

    def __str__(self) -> str:
        return f"AK {self.pegawai_id} {self.angka_kredit}"
