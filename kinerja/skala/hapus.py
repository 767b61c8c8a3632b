"""Delete a whole instansi, children first (``seed_scale --replace``)."""

from __future__ import annotations

from typing import Any

from django.db import connection

from kinerja.accounts.models import User
from kinerja.laporan.models import BatchDokumen
from kinerja.organisasi.models import (
    ImportPegawai,
    Instansi,
    Jabatan,
    Pegawai,
    PenetapanPejabatPenilai,
    RantaiAtasan,
    RiwayatPejabatPenilai,
    UnitKerja,
)
from kinerja.penilaian.models import (
    BukaKunci,
    BuktiDukung,
    Keberatan,
    KonversiAngkaKredit,
    Pembinaan,
    PengaturanPenilaian,
    PeriodePenilaian,
    PredikatOrganisasiUnit,
    PustakaUmpanBalik,
    Realisasi,
    RencanaAksi,
    RiwayatPeriode,
    UmpanBalik,
)
from kinerja.skp.models import (
    Indikator,
    Lampiran,
    LampiranBawaan,
    PerilakuKerja,
    PustakaEkspektasi,
    RencanaHasilKerja,
    RiwayatSkp,
    Skp,
)


def hapus_instansi(instansi: Instansi) -> dict[str, int]:
    """Delete an instansi and everything of it, children first. The big tables go by one DELETE each
    (no row is loaded); what is left is small and goes through the ORM, which also clears what this
    module does not know of (or refuses, when another instansi still refers to it)."""
    pegawai = Pegawai.objects.filter(instansi=instansi).values("pk")
    skp = Skp.objects.filter(pegawai__instansi=instansi).values("pk")
    periode = PeriodePenilaian.objects.filter(skp__pegawai__instansi=instansi).values("pk")
    rhk = RencanaHasilKerja.objects.filter(skp__pegawai__instansi=instansi).values("pk")
    deleted: dict[str, int] = {}
    steps: list[tuple[Any, Any]] = [
        (KonversiAngkaKredit, KonversiAngkaKredit.objects.filter(pegawai__in=pegawai)),
        (Keberatan, Keberatan.objects.filter(periode__in=periode)),
        (Pembinaan, Pembinaan.objects.filter(periode__in=periode)),
        (UmpanBalik, UmpanBalik.objects.filter(periode__in=periode)),
        (BuktiDukung, BuktiDukung.objects.filter(periode__in=periode, berkas="")),
        (Realisasi, Realisasi.objects.filter(periode__in=periode)),
        (RencanaAksi, RencanaAksi.objects.filter(periode__in=periode)),
        (RiwayatPeriode, RiwayatPeriode.objects.filter(periode__in=periode)),
        (PredikatOrganisasiUnit, PredikatOrganisasiUnit.objects.filter(unit_kerja__instansi=instansi)),
        (BukaKunci, BukaKunci.objects.filter(instansi=instansi)),
        (RiwayatSkp, RiwayatSkp.objects.filter(skp__in=skp)),
        (Lampiran, Lampiran.objects.filter(skp__in=skp)),
        (PerilakuKerja, PerilakuKerja.objects.filter(skp__in=skp)),
        (Indikator, Indikator.objects.filter(rhk__in=rhk)),
        (RantaiAtasan, RantaiAtasan.objects.filter(pegawai__in=pegawai)),
    ]
    for model, qs in steps:
        deleted[model._meta.label] = _raw_delete(model, qs)
    if BuktiDukung.objects.filter(periode__in=periode).exists():
        # Uploaded files: through the ORM, which leaves the files to the storage's own clean-up.
        BuktiDukung.objects.filter(periode__in=periode).delete()
    # Links between the instansi's own RHK and SKP are dropped with them; one DELETE each.
    deleted["penilaian.PeriodePenilaian"] = _raw_delete(
        PeriodePenilaian, PeriodePenilaian.objects.filter(pk__in=periode)
    )
    deleted["skp.RencanaHasilKerja"] = _raw_delete(
        RencanaHasilKerja, RencanaHasilKerja.objects.filter(pk__in=rhk)
    )
    deleted["skp.Skp"] = _raw_delete(Skp, Skp.objects.filter(pk__in=skp))
    for model in (
        LampiranBawaan,
        PustakaEkspektasi,
        PustakaUmpanBalik,
        PengaturanPenilaian,
        BatchDokumen,
        ImportPegawai,
    ):
        model.objects.filter(instansi=instansi).delete()
    PenetapanPejabatPenilai.objects.filter(pegawai__instansi=instansi).delete()
    RiwayatPejabatPenilai.objects.filter(pegawai__instansi=instansi).delete()
    User.objects.filter(pegawai__instansi=instansi).delete()
    Pegawai.objects.filter(instansi=instansi).update(pejabat_penilai=None, atasan_pejabat_penilai=None)
    deleted["organisasi.Pegawai"] = _raw_delete(Pegawai, Pegawai.objects.filter(instansi=instansi))
    UnitKerja.objects.filter(instansi=instansi).update(parent=None, pimpinan_jabatan=None)
    deleted["organisasi.UnitKerja"] = _raw_delete(UnitKerja, UnitKerja.objects.filter(instansi=instansi))
    Jabatan.objects.filter(instansi=instansi).delete()
    instansi.delete()
    return deleted


def _raw_delete(model: Any, qs: Any) -> int:
    """One ``DELETE ... WHERE id IN (subquery)``: no row is loaded, no signal is sent."""
    sql, params = qs.values("pk").query.sql_with_params()
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE id IN ({sql})", params)  # noqa: S608 - compiled by the ORM
        return int(cursor.rowcount)
