"""Instansi, UnitKerja tree, Jabatan and Pegawai (domain.md §2-§3, §5.3)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kinerja.organisasi import rules
from kinerja.organisasi.enums import (
    Eselon,
    Golongan,
    JenisJabatan,
    JenisPenugasanPenilai,
    JenjangJF,
    KategoriJF,
    StatusKepegawaian,
)


def validate_nip_field(value: str) -> None:
    """Model-level NIP check, so that every form (admin included) refuses a bad NIP."""
    try:
        rules.validate_nip(value, kode_pppk=settings.KINERJA_NIP_KODE_PPPK)
    except rules.NipTidakValid as exc:
        raise ValidationError(str(exc), code="nip") from None


class Instansi(models.Model):
    kode = models.CharField(_("kode"), max_length=20, unique=True)
    nama = models.CharField(_("nama"), max_length=200)
    # Printed as the place in signature blocks ("Kota Contoh, 31 Desember 2026").
    tempat = models.CharField(_("tempat penandatanganan"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("instansi")
        verbose_name_plural = _("instansi")
        ordering = ["nama"]

    def __str__(self) -> str:
        return self.nama


class Jabatan(models.Model):
    instansi = models.ForeignKey(Instansi, on_delete=models.PROTECT, related_name="jabatan")
    kode = models.CharField(_("kode"), max_length=40)
    nama = models.CharField(_("nama"), max_length=200)
    jenis = models.CharField(_("jenis"), max_length=20, choices=JenisJabatan.choices)
    eselon = models.CharField(_("eselon"), max_length=12, choices=Eselon.choices, blank=True)
    kategori = models.CharField(_("kategori JF"), max_length=20, choices=KategoriJF.choices, blank=True)
    jenjang = models.CharField(_("jenjang JF"), max_length=20, choices=JenjangJF.choices, blank=True)

    class Meta:
        verbose_name = _("jabatan")
        verbose_name_plural = _("jabatan")
        ordering = ["nama"]
        constraints = [
            models.UniqueConstraint(fields=["instansi", "kode"], name="jabatan_kode_unik"),
            # Only a jabatan fungsional has a kategori and jenjang (domain.md §2).
            models.CheckConstraint(
                condition=Q(jenis=JenisJabatan.FUNGSIONAL) | (Q(kategori="") & Q(jenjang="")),
                name="jabatan_kategori_hanya_fungsional",
            ),
            models.CheckConstraint(
                condition=~Q(jenis=JenisJabatan.FUNGSIONAL) | (~Q(kategori="") & ~Q(jenjang="")),
                name="jabatan_fungsional_berjenjang",
            ),
        ]

    def __str__(self) -> str:
        return self.nama

    @property
    def boleh_menilai(self) -> bool:
        return rules.boleh_menjadi_pejabat_penilai(self.jenis)


class UnitKerja(models.Model):
    """A unit in the organisation tree; ``path`` is a materialised path of ids ("/1/4/9/")."""

    instansi = models.ForeignKey(Instansi, on_delete=models.PROTECT, related_name="unit_kerja")
    kode = models.CharField(_("kode"), max_length=40)
    nama = models.CharField(_("nama"), max_length=200)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("unit induk"),
    )
    pimpinan_jabatan = models.ForeignKey(
        Jabatan,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("jabatan pimpinan"),
    )
    # A unit kerja mandiri: its pimpinan plans with the JPT form of the SKP (domain.md §4.5).
    mandiri = models.BooleanField(_("unit kerja mandiri"), default=False)
    path = models.CharField(max_length=500, db_index=True, editable=False, default="")
    kedalaman = models.PositiveSmallIntegerField(default=0, editable=False)
    urutan = models.PositiveIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("unit kerja")
        verbose_name_plural = _("unit kerja")
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(fields=["instansi", "kode"], name="unit_kode_unik"),
        ]

    def __str__(self) -> str:
        return self.nama

    @property
    def ancestor_ids(self) -> list[int]:
        """Ids from the root down to the parent (from the materialised path)."""
        return [int(part) for part in self.path.strip("/").split("/")[:-1] if part]


class Pegawai(models.Model):
    instansi = models.ForeignKey(Instansi, on_delete=models.PROTECT, related_name="pegawai")
    nip = models.CharField(_("NIP"), max_length=18, unique=True, validators=[validate_nip_field])
    nama = models.CharField(_("nama"), max_length=150)
    gelar_depan = models.CharField(_("gelar depan"), max_length=50, blank=True)
    gelar_belakang = models.CharField(_("gelar belakang"), max_length=100, blank=True)
    status_kepegawaian = models.CharField(
        _("status kepegawaian"), max_length=4, choices=StatusKepegawaian.choices
    )
    golongan = models.CharField(_("golongan"), max_length=5, choices=Golongan.choices)
    jabatan = models.ForeignKey(Jabatan, on_delete=models.PROTECT, related_name="pegawai")
    unit_kerja = models.ForeignKey(UnitKerja, on_delete=models.PROTECT, related_name="pegawai")
    email = models.EmailField(_("email"), blank=True)
    tmt_jabatan = models.DateField(_("TMT jabatan"), null=True, blank=True)
    aktif = models.BooleanField(_("aktif"), default=True)
    # Resolved from the tree and the admin's penetapan by services.penilai_rebuild (domain.md §5.3);
    # kept on the row so that lists and access checks need no walk.
    pejabat_penilai = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="bawahan_langsung",
        verbose_name=_("pejabat penilai"),
    )
    atasan_pejabat_penilai = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("atasan pejabat penilai"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("pegawai")
        verbose_name_plural = _("pegawai")
        ordering = ["nama"]
        indexes = [
            models.Index(fields=["instansi", "nama"]),
            models.Index(fields=["unit_kerja", "nama"]),
        ]

    def __str__(self) -> str:
        return self.nama_lengkap

    @property
    def nama_lengkap(self) -> str:
        """The name with gelar, as printed: "Dr. Siti Rahma, S.Kom., M.T."."""
        nama = f"{self.gelar_depan} {self.nama}".strip()
        return f"{nama}, {self.gelar_belakang}" if self.gelar_belakang else nama

    @property
    def pangkat_golongan(self) -> str:
        return rules.pangkat_golongan(self.golongan)


class RantaiAtasan(models.Model):
    """Closure of the pejabat penilai links: one row per (pegawai, every atasan above them).

    Lets "my bawahan, direct and indirect" and "my atasan chain" be one indexed query each.
    Rebuilt by services.penilai_rebuild whenever the organisation changes.
    """

    pegawai = models.ForeignKey(Pegawai, on_delete=models.CASCADE, related_name="rantai_atas")
    atasan = models.ForeignKey(Pegawai, on_delete=models.CASCADE, related_name="rantai_bawah")
    kedalaman = models.PositiveSmallIntegerField()  # 1 = pejabat penilai, 2 = atasan PP, ...

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["pegawai", "atasan"], name="rantai_unik"),
        ]
        indexes = [models.Index(fields=["atasan", "kedalaman"])]

    def __str__(self) -> str:
        return f"{self.pegawai_id} -> {self.atasan_id} ({self.kedalaman})"


class PenetapanPejabatPenilai(models.Model):
    """An admin's choice of pejabat penilai that overrides the tree (Plt/Plh, ketua tim, delegasi)."""

    pegawai = models.OneToOneField(Pegawai, on_delete=models.CASCADE, related_name="penetapan_penilai")
    pejabat_penilai = models.ForeignKey(Pegawai, on_delete=models.CASCADE, related_name="+")
    jenis = models.CharField(_("jenis"), max_length=12, choices=JenisPenugasanPenilai.choices)
    alasan = models.TextField(_("alasan"), max_length=1000)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("penetapan pejabat penilai")
        verbose_name_plural = _("penetapan pejabat penilai")
        constraints = [
            models.CheckConstraint(
                condition=~Q(pegawai=models.F("pejabat_penilai")),
                name="penetapan_bukan_diri_sendiri",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.pegawai_id} dinilai {self.pejabat_penilai_id} ({self.jenis})"


class RiwayatPejabatPenilai(models.Model):
    """History of every penetapan and its removal: who changed what, when and why."""

    class Aksi(models.TextChoices):
        TETAPKAN = "TETAPKAN", _("Ditetapkan")
        HAPUS = "HAPUS", _("Dikembalikan ke struktur")

    pegawai = models.ForeignKey(Pegawai, on_delete=models.CASCADE, related_name="riwayat_penilai")
    aksi = models.CharField(max_length=10, choices=Aksi.choices)
    jenis = models.CharField(max_length=12, choices=JenisPenugasanPenilai.choices, blank=True)
    penilai_sebelum = models.ForeignKey(
        Pegawai, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    penilai_sesudah = models.ForeignKey(
        Pegawai, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    alasan = models.TextField(max_length=1000)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("riwayat pejabat penilai")
        verbose_name_plural = _("riwayat pejabat penilai")

    def __str__(self) -> str:
        return f"{self.pegawai_id} {self.aksi} {self.created_at:%Y-%m-%d}"


class ImportPegawai(models.Model):
    """One uploaded pegawai file: checked on upload (dry run), applied at most once (issue #2 point 5).

    The file stays under MEDIA_ROOT (never served) so that applying re-reads and re-checks exactly
    what was checked; ``hasil`` keeps the counts and every bad row for the result pages.
    """

    class Status(models.TextChoices):
        DIPERIKSA = "DIPERIKSA", _("Diperiksa")
        DITERAPKAN = "DITERAPKAN", _("Diterapkan")

    TRANSITIONS: dict[str, frozenset[str]] = {
        Status.DIPERIKSA: frozenset({Status.DITERAPKAN}),
        Status.DITERAPKAN: frozenset(),
    }

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    instansi = models.ForeignKey(Instansi, on_delete=models.PROTECT, related_name="impor_pegawai")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    file = models.FileField(_("berkas"), upload_to="impor/")
    nama_file = models.CharField(_("nama berkas"), max_length=255)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DIPERIKSA)
    jumlah_baris = models.PositiveIntegerField(_("jumlah baris"), default=0)
    hasil = models.JSONField(_("hasil"), default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    applied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("impor pegawai")
        verbose_name_plural = _("impor pegawai")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["instansi", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.nama_file} ({self.status})"

    def ubah_status(self, to: str) -> None:
        """The only place that changes ``status``; services call it on a locked row."""
        if to not in self.TRANSITIONS[self.status]:
            raise ValidationError(
                _("Status impor tidak dapat berubah dari %(a)s ke %(b)s.") % {"a": self.status, "b": to},
                code="transisi",
            )
        self.status = to
