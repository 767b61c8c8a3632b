"""SKP, RHK, indikator, perilaku kerja, lampiran and their riwayat (domain.md §3.4-§3.9, §5.1)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from kinerja.core.workflow import RiwayatStatusBase, check_transition
from kinerja.organisasi.models import Instansi, Jabatan, Pegawai, UnitKerja
from kinerja.skp import rules
from kinerja.skp.enums import (
    Aspek,
    BentukSkp,
    CoreValue,
    JenisLampiran,
    JenisRhk,
    KlasifikasiRhk,
    Pendekatan,
    Perspektif,
    StatusSkp,
)


class Skp(models.Model):
    """One SKP version. Revisions share ``seri``; only one version of a seri is the current one.

    A DB constraint (migration 0002: an exclusion constraint on PostgreSQL, triggers on SQLite)
    refuses two SKP of different seri for the same pegawai and jabatan whose periods overlap.
    """

    Status = StatusSkp
    # domain.md §5.1: DRAFT -> DIAJUKAN -> DISETUJUI; back to DRAFT by kembalikan / batal ajukan;
    # an approved version becomes DIGANTI when its revisi is approved (§5.4, G).
    TRANSITIONS: dict[str, frozenset[str]] = {
        StatusSkp.DRAFT: frozenset({StatusSkp.DIAJUKAN}),
        StatusSkp.DIAJUKAN: frozenset({StatusSkp.DRAFT, StatusSkp.DISETUJUI}),
        StatusSkp.DISETUJUI: frozenset({StatusSkp.DIGANTI}),
        StatusSkp.DIGANTI: frozenset(),
    }

    pegawai = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="skp")
    jabatan = models.ForeignKey(Jabatan, on_delete=models.PROTECT, related_name="+")
    unit_kerja = models.ForeignKey(UnitKerja, on_delete=models.PROTECT, related_name="+")
    # Resolved from the organisation while the SKP is open; frozen with the snapshot on approval.
    pejabat_penilai = models.ForeignKey(
        Pegawai, on_delete=models.PROTECT, null=True, blank=True, related_name="skp_dinilai"
    )
    atasan_pejabat_penilai = models.ForeignKey(
        Pegawai, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    bentuk = models.CharField(_("bentuk"), max_length=8, choices=BentukSkp.choices)
    pendekatan = models.CharField(_("pendekatan"), max_length=12, choices=Pendekatan.choices)
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    periode_awal = models.DateField(_("periode awal"))
    periode_akhir = models.DateField(_("periode akhir"))
    status = models.CharField(_("status"), max_length=10, choices=StatusSkp.choices, default=StatusSkp.DRAFT)
    is_plt_plh = models.BooleanField(_("Plt/Plh"), default=False)
    seri = models.UUIDField(default=uuid.uuid4, editable=False)
    versi = models.PositiveSmallIntegerField(_("versi"), default=1)
    revisi_dari = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="revisi"
    )
    # Printed data frozen when the SKP is approved (§3.4, G): pegawai, jabatan, unit, pangkat,
    # pejabat penilai and atasan, so an old SKP prints correctly after a transfer.
    snapshot = models.JSONField(_("snapshot"), default=dict, blank=True)
    catatan_pengembalian = models.TextField(_("catatan pengembalian"), blank=True)
    tanggal_diajukan = models.DateTimeField(null=True, blank=True)
    tanggal_disetujui = models.DateTimeField(null=True, blank=True)
    tanggal_penetapan = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("SKP")
        verbose_name_plural = _("SKP")
        ordering = ["-periode_awal", "-versi"]
        constraints = [
            models.CheckConstraint(
                condition=Q(periode_akhir__gte=F("periode_awal")), name="skp_periode_urut"
            ),
            models.UniqueConstraint(fields=["seri", "versi"], name="skp_seri_versi_unik"),
        ]
        indexes = [
            models.Index(fields=["pegawai", "tahun"]),
            models.Index(fields=["pejabat_penilai", "status"]),
        ]

    def __str__(self) -> str:
        return f"SKP {self.pegawai_id} {self.periode_awal}-{self.periode_akhir} v{self.versi}"

    def pindah_status(self, ke: str) -> str:
        """The only place that changes ``status``; services call it on a locked row."""
        dari = self.status
        check_transition(self.TRANSITIONS, dari, ke, "SKP")
        self.status = ke
        return dari

    @property
    def bisa_diubah(self) -> bool:
        return self.status == StatusSkp.DRAFT


def rhk_dapat_diintervensi() -> Q:
    """RHK a bawahan may intervene: of a current SKP version, not of a replaced one nor of a revisi
    still being drafted (its RHK become intervenable, and take the links over, once approved)."""
    return ~Q(skp__status=StatusSkp.DIGANTI) & ~Q(
        skp__revisi_dari__isnull=False, skp__status__in=[StatusSkp.DRAFT, StatusSkp.DIAJUKAN]
    )


class RencanaHasilKerja(models.Model):
    skp = models.ForeignKey(Skp, on_delete=models.CASCADE, related_name="rhk")
    jenis = models.CharField(_("jenis"), max_length=10, choices=JenisRhk.choices)
    uraian = models.TextField(_("rencana hasil kerja"), max_length=rules.BATAS_URAIAN)
    # JPT form (domain.md §4.5): klasifikasi, perspektif, "penugasan dari".
    klasifikasi = models.CharField(
        _("klasifikasi"), max_length=12, choices=KlasifikasiRhk.choices, blank=True
    )
    perspektif = models.CharField(_("perspektif"), max_length=20, choices=Perspektif.choices, blank=True)
    penugasan_dari = models.CharField(_("penugasan dari"), max_length=rules.BATAS_PENUGASAN, blank=True)
    # JA/JF form: the RHK of the pejabat penilai that this one intervenes; its text is kept so that
    # the SKP still prints if that RHK is later removed.
    rhk_atasan = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="intervensi"
    )
    rhk_atasan_uraian = models.TextField(blank=True)
    # Kualitatif form: the narrative ukuran keberhasilan (§3.5, L).
    ukuran_keberhasilan = models.TextField(
        _("ukuran keberhasilan"), blank=True, max_length=rules.BATAS_URAIAN
    )
    # The RHK of the previous version this one was copied from (revisi), to carry links over.
    asal = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    urutan = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("rencana hasil kerja")
        verbose_name_plural = _("rencana hasil kerja")
        ordering = ["skp", "jenis", "urutan", "id"]
        indexes = [models.Index(fields=["skp", "urutan"])]

    def __str__(self) -> str:
        return self.uraian[:80]


class Indikator(models.Model):
    """Indikator kinerja individu (IKI, domain.md §3.6)."""

    rhk = models.ForeignKey(RencanaHasilKerja, on_delete=models.CASCADE, related_name="indikator")
    aspek = models.CharField(_("aspek"), max_length=10, choices=Aspek.choices, blank=True)
    indikator = models.TextField(_("indikator"), max_length=rules.BATAS_INDIKATOR)
    target_min = models.DecimalField(
        _("target minimum"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    target_max = models.DecimalField(
        _("target maksimum"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    satuan = models.CharField(_("satuan"), max_length=rules.BATAS_SATUAN, blank=True)
    target_kualitatif = models.TextField(_("target (uraian)"), blank=True, max_length=rules.BATAS_INDIKATOR)
    urutan = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("indikator")
        verbose_name_plural = _("indikator")
        ordering = ["rhk", "urutan", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(target_min__isnull=True)
                | Q(target_max__isnull=True)
                | Q(target_min__lte=F("target_max")),
                name="indikator_target_urut",
            ),
            models.CheckConstraint(
                condition=(Q(target_min__isnull=True) | Q(target_min__gte=0))
                & (Q(target_max__isnull=True) | Q(target_max__gte=0)),
                name="indikator_target_tidak_negatif",
            ),
        ]

    def __str__(self) -> str:
        return self.indikator[:80]

    @property
    def target_tampil(self) -> str:
        """ "80 - 90 %" for a range, "12 Bulan" for a single target, the words otherwise."""
        if self.target_min is None:
            return self.target_kualitatif
        lo, hi = self.target_min.normalize(), (self.target_max or self.target_min).normalize()
        angka = f"{lo:f}" if lo == hi else f"{lo:f} - {hi:f}"
        return f"{angka} {self.satuan}".strip()


class PerilakuKerja(models.Model):
    """One of the seven BerAKHLAK rows of an SKP (domain.md §3.9); the panduan are in rules."""

    skp = models.ForeignKey(Skp, on_delete=models.CASCADE, related_name="perilaku")
    core_value = models.CharField(_("core value"), max_length=24, choices=CoreValue.choices)
    ekspektasi_khusus = models.TextField(
        _("ekspektasi khusus pimpinan"), blank=True, max_length=rules.BATAS_EKSPEKTASI
    )
    urutan = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["skp", "urutan"]
        constraints = [models.UniqueConstraint(fields=["skp", "core_value"], name="perilaku_unik")]

    def __str__(self) -> str:
        return self.core_value

    @property
    def panduan(self) -> tuple[str, str, str]:
        return rules.PANDUAN_PERILAKU[self.core_value]


class Lampiran(models.Model):
    """Lampiran SKP (domain.md §3.8): ordered items per jenis."""

    skp = models.ForeignKey(Skp, on_delete=models.CASCADE, related_name="lampiran")
    jenis = models.CharField(_("jenis"), max_length=26, choices=JenisLampiran.choices)
    uraian = models.TextField(_("uraian"), max_length=rules.BATAS_LAMPIRAN)
    urutan = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("lampiran SKP")
        verbose_name_plural = _("lampiran SKP")
        ordering = ["skp", "jenis", "urutan", "id"]

    def __str__(self) -> str:
        return self.uraian[:80]


class RiwayatSkp(RiwayatStatusBase):
    skp = models.ForeignKey(Skp, on_delete=models.CASCADE, related_name="riwayat")

    class Meta(RiwayatStatusBase.Meta):
        verbose_name = _("riwayat SKP")
        verbose_name_plural = _("riwayat SKP")

    def __str__(self) -> str:
        return f"{self.skp_id} {self.dari}->{self.ke}"


class LampiranBawaan(models.Model):
    """The instansi's default lampiran items, copied into every new SKP (issue #3 point 4)."""

    instansi = models.ForeignKey(Instansi, on_delete=models.CASCADE, related_name="lampiran_bawaan")
    jenis = models.CharField(_("jenis"), max_length=26, choices=JenisLampiran.choices)
    uraian = models.TextField(_("uraian"), max_length=rules.BATAS_LAMPIRAN)
    urutan = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("lampiran bawaan")
        verbose_name_plural = _("lampiran bawaan")
        ordering = ["instansi", "jenis", "urutan", "id"]

    def __str__(self) -> str:
        return self.uraian[:80]


class PustakaEkspektasi(models.Model):
    """The instansi's library of ekspektasi sentences offered to the pejabat penilai (issue #3 pt 3)."""

    instansi = models.ForeignKey(Instansi, on_delete=models.CASCADE, related_name="pustaka_ekspektasi")
    core_value = models.CharField(_("core value"), max_length=24, choices=CoreValue.choices)
    kalimat = models.TextField(_("kalimat"), max_length=rules.BATAS_EKSPEKTASI)

    class Meta:
        verbose_name = _("pustaka ekspektasi")
        verbose_name_plural = _("pustaka ekspektasi")
        ordering = ["instansi", "core_value", "id"]

    def __str__(self) -> str:
        return self.kalimat[:80]
