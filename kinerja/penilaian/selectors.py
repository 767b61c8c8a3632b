"""Reads of the evaluation, shaped for their pages and the API (fixed query counts)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import Count, OuterRef, Prefetch, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from kinerja.organisasi.models import Pegawai, UnitKerja
from kinerja.penilaian import rules
from kinerja.penilaian.enums import JenisPeriode
from kinerja.penilaian.models import (
    BukaKunci,
    BuktiDukung,
    KonversiAngkaKredit,
    Pembinaan,
    PeriodePenilaian,
    PredikatOrganisasiUnit,
    PustakaUmpanBalik,
    Realisasi,
    RencanaAksi,
    RiwayatPeriode,
    UmpanBalik,
)
from kinerja.skp.enums import JenisRhk, StatusSkp
from kinerja.skp.models import Indikator, RencanaHasilKerja
from kinerja.skp.selectors import urutan_pilihan

if TYPE_CHECKING:
    from kinerja.skp.models import Skp


def periode_list(skp: Skp) -> QuerySet[PeriodePenilaian]:
    return PeriodePenilaian.objects.filter(skp=skp).order_by("urutan")


def populasi_distribusi(*, unit: UnitKerja, tahun: int, jenis: str, nomor: int) -> list[tuple[int, str]]:
    """(periode id, predikat) of the unit's pegawai for that period: the pegawai placed in the unit,
    without its pimpinan, whose rating follows the unit itself (domain.md §4.4, G); one current
    SKP each. One query."""
    qs = (
        PeriodePenilaian.objects.filter(
            skp__unit_kerja=unit, jenis=jenis, nomor=nomor, tanggal_awal__year=tahun
        )
        .exclude(skp__status=StatusSkp.DIGANTI)
        .order_by("skp__pegawai_id", "-tanggal_awal", "-skp__versi")
    )
    if unit.pimpinan_jabatan_id is not None:
        qs = qs.exclude(skp__jabatan_id=unit.pimpinan_jabatan_id)
    seen: set[int] = set()
    rows = []
    for pk, pegawai_id, predikat in qs.values_list("pk", "skp__pegawai_id", "predikat"):
        if pegawai_id in seen:
            continue
        seen.add(pegawai_id)
        rows.append((pk, predikat))
    return rows


@dataclass
class Distribusi:
    unit: UnitKerja
    tahun: int
    jenis: str
    nomor: int
    predikat_organisasi: str
    hasil: rules.HasilDistribusi | None
    belum_dinilai: int
    # Counts per predikat, also when the unit has no predikat organisasi yet (the bars of the page).
    jumlah: dict[str, int] = field(default_factory=dict)


def distribusi_unit(
    *, unit: UnitKerja, tahun: int, jenis: str, nomor: int, bulat_bawah: bool = True
) -> Distribusi:
    """Counts, allowed counts and every broken rule of a unit for one period (3 queries)."""
    org = (
        PredikatOrganisasiUnit.objects.filter(unit_kerja=unit, tahun=tahun, jenis=jenis, nomor=nomor)
        .values_list("predikat", flat=True)
        .first()
        or ""
    )
    populasi = populasi_distribusi(unit=unit, tahun=tahun, jenis=jenis, nomor=nomor)
    jumlah: dict[str, int] = {}
    for _pk, predikat in populasi:
        if predikat:
            jumlah[predikat] = jumlah.get(predikat, 0) + 1
    hasil = rules.cek_distribusi(org, jumlah, bulat_bawah=bulat_bawah) if org else None
    return Distribusi(
        unit=unit,
        tahun=tahun,
        jenis=jenis,
        nomor=nomor,
        predikat_organisasi=org,
        hasil=hasil,
        belum_dinilai=sum(1 for _pk, p in populasi if not p),
        jumlah=jumlah,
    )


@dataclass
class RhkPeriode:
    rhk: RencanaHasilKerja
    indikator: list[tuple[Indikator, Realisasi | None]]
    bukti: list[BuktiDukung]
    umpan_balik: list[UmpanBalik]
    rencana_aksi: list[RencanaAksi]


@dataclass
class PeriodeDetail:
    periode: PeriodePenilaian
    rhk: list[RhkPeriode]
    umpan_balik_perilaku: dict[str, list[UmpanBalik]]
    pembinaan: list[Pembinaan]
    riwayat: list[RiwayatPeriode]
    saran_akhir: str | None = None
    periodik: list[PeriodePenilaian] = field(default_factory=list)


def periode_detail(periode: PeriodePenilaian) -> PeriodeDetail:
    """Everything the period page shows, in a fixed number of queries whatever the SKP's size."""
    rhk_list = list(
        RencanaHasilKerja.objects.filter(skp_id=periode.skp_id)
        .order_by(urutan_pilihan("jenis", JenisRhk.values), "urutan", "id")
        .prefetch_related(Prefetch("indikator", queryset=Indikator.objects.order_by("urutan", "id")))
    )
    realisasi = {r.indikator_id: r for r in Realisasi.objects.filter(periode=periode)}
    bukti: dict[int, list[BuktiDukung]] = {}
    for b in BuktiDukung.objects.filter(periode=periode).order_by("created_at", "id"):
        bukti.setdefault(b.rhk_id, []).append(b)
    umpan: dict[int, list[UmpanBalik]] = {}
    perilaku: dict[str, list[UmpanBalik]] = {}
    for u in (
        UmpanBalik.objects.filter(periode=periode).select_related("pemberi").order_by("created_at", "id")
    ):
        if u.rhk_id is not None:
            umpan.setdefault(u.rhk_id, []).append(u)
        else:
            perilaku.setdefault(u.core_value, []).append(u)
    aksi: dict[int, list[RencanaAksi]] = {}
    for a in RencanaAksi.objects.filter(periode=periode):
        aksi.setdefault(a.rhk_id, []).append(a)
    detail = PeriodeDetail(
        periode=periode,
        rhk=[
            RhkPeriode(
                rhk=r,
                indikator=[(i, realisasi.get(i.pk)) for i in r.indikator.all()],
                bukti=bukti.get(r.pk, []),
                umpan_balik=umpan.get(r.pk, []),
                rencana_aksi=aksi.get(r.pk, []),
            )
            for r in rhk_list
        ],
        umpan_balik_perilaku=perilaku,
        pembinaan=list(Pembinaan.objects.filter(periode=periode).select_related("pembina")),
        riwayat=list(RiwayatPeriode.objects.filter(periode=periode).select_related("actor__pegawai")),
    )
    if periode.jenis == JenisPeriode.AKHIR:
        detail.periodik = list(
            PeriodePenilaian.objects.filter(skp_id=periode.skp_id)
            .exclude(jenis=JenisPeriode.AKHIR)
            .order_by("nomor")
        )
        detail.saran_akhir = rules.saran_predikat_akhir([p.predikat for p in detail.periodik if p.predikat])
    return detail


@dataclass
class ReviewRow:
    pegawai: Pegawai
    periode: PeriodePenilaian | None
    jumlah_realisasi: int
    jumlah_indikator: int
    jumlah_bukti: int
    jumlah_umpan_balik: int


def bulk_review(*, penilai: Pegawai, tahun: int, jenis: str, nomor: int) -> list[ReviewRow]:
    """Every direct bawahan with their period, counts of realisasi, bukti and feedback, ratings and
    predikat (issue #4 point 9). Two queries whatever the number of bawahan."""

    def count(model: type, **filters: object) -> Subquery:
        return Subquery(
            model.objects.filter(periode=OuterRef("pk"), **filters)  # type: ignore[attr-defined]
            .order_by()
            .values("periode")
            .annotate(n=Count("pk"))
            .values("n")[:1]
        )

    periods = (
        PeriodePenilaian.objects.filter(
            skp__pejabat_penilai=penilai,
            skp__status=StatusSkp.DISETUJUI,
            jenis=jenis,
            nomor=nomor,
            tanggal_awal__year=tahun,
        )
        .select_related("skp")
        .annotate(
            n_realisasi=Coalesce(count(Realisasi), 0),
            n_bukti=Coalesce(count(BuktiDukung), 0),
            n_umpan=Coalesce(count(UmpanBalik), 0),
            n_indikator=Coalesce(
                Subquery(
                    Indikator.objects.filter(rhk__skp=OuterRef("skp"))
                    .order_by()
                    .values("rhk__skp")
                    .annotate(n=Count("pk"))
                    .values("n")[:1]
                ),
                0,
            ),
        )
    )
    by_pegawai = {p.skp.pegawai_id: p for p in periods}
    bawahan = (
        Pegawai.objects.filter(pejabat_penilai=penilai, aktif=True).select_related("jabatan").order_by("nama")
    )
    return [
        ReviewRow(
            pegawai=b,
            periode=by_pegawai.get(b.pk),
            jumlah_realisasi=getattr(by_pegawai.get(b.pk), "n_realisasi", 0),
            jumlah_indikator=getattr(by_pegawai.get(b.pk), "n_indikator", 0),
            jumlah_bukti=getattr(by_pegawai.get(b.pk), "n_bukti", 0),
            jumlah_umpan_balik=getattr(by_pegawai.get(b.pk), "n_umpan", 0),
        )
        for b in bawahan
    ]


@dataclass
class AngkaKreditPegawai:
    rows: list[KonversiAngkaKredit]
    total_tahun: Decimal
    kumulatif: Decimal
    jarak: rules.JarakAk | None


def angka_kredit_pegawai(*, pegawai: Pegawai, tahun: int | None = None) -> AngkaKreditPegawai:
    """The pegawai's AK konversi (of a year, or all), the accumulation and the distance to the next
    pangkat and jenjang (issue #4 point 8). Three queries."""
    qs = (
        KonversiAngkaKredit.objects.filter(pegawai=pegawai)
        .select_related("periode")
        .order_by("tahun", "periode__tanggal_awal")
    )
    rows = list(qs.filter(tahun=tahun) if tahun else qs)
    kumulatif = KonversiAngkaKredit.objects.filter(pegawai=pegawai).aggregate(
        s=Coalesce(Sum("angka_kredit"), Decimal(0))
    )["s"]
    jenjang = pegawai.jabatan.jenjang
    return AngkaKreditPegawai(
        rows=rows,
        total_tahun=sum((r.angka_kredit for r in rows), Decimal(0)),
        kumulatif=kumulatif,
        jarak=rules.jarak_kenaikan(kumulatif=kumulatif, jenjang=jenjang) if jenjang else None,
    )


# --- team, unit and settings pages (issue #4 points 1, 3, 5, 6, 9) ---------------------------------


def review_row(*, periode_id: int) -> ReviewRow:
    """One row of ``bulk_review`` (after a rating is saved from the team page). One query."""

    def count(model: type) -> Coalesce:
        return Coalesce(
            Subquery(
                model.objects.filter(periode=OuterRef("pk"))  # type: ignore[attr-defined]
                .order_by()
                .values("periode")
                .annotate(n=Count("pk"))
                .values("n")[:1]
            ),
            0,
        )

    p = get_object_or_404(
        PeriodePenilaian.objects.select_related("skp__pegawai__jabatan").annotate(
            n_realisasi=count(Realisasi),
            n_bukti=count(BuktiDukung),
            n_umpan=count(UmpanBalik),
            n_indikator=Coalesce(
                Subquery(
                    Indikator.objects.filter(rhk__skp=OuterRef("skp"))
                    .order_by()
                    .values("rhk__skp")
                    .annotate(n=Count("pk"))
                    .values("n")[:1]
                ),
                0,
            ),
        ),
        pk=periode_id,
    )
    return ReviewRow(
        pegawai=p.skp.pegawai,
        periode=p,
        jumlah_realisasi=p.n_realisasi,  # type: ignore[attr-defined]
        jumlah_indikator=p.n_indikator,  # type: ignore[attr-defined]
        jumlah_bukti=p.n_bukti,  # type: ignore[attr-defined]
        jumlah_umpan_balik=p.n_umpan,  # type: ignore[attr-defined]
    )


def unit_anak_predikat(*, unit: UnitKerja, tahun: int, jenis: str, nomor: int) -> list[UnitKerja]:
    """The unit's child units, each annotated with ``predikat_org``, its predikat organisasi for the
    period ('' when not set yet). One query."""
    predikat = PredikatOrganisasiUnit.objects.filter(
        unit_kerja=OuterRef("pk"), tahun=tahun, jenis=jenis, nomor=nomor
    ).values("predikat")[:1]
    return list(
        UnitKerja.objects.filter(parent=unit)
        .annotate(predikat_org=Coalesce(Subquery(predikat), Value("")))
        .order_by("kode", "nama")
    )


def pustaka_umpan_balik_for(*, instansi_id: int) -> QuerySet[PustakaUmpanBalik]:
    return PustakaUmpanBalik.objects.filter(instansi_id=instansi_id).order_by("kalimat", "id")


def pustaka_umpan_balik_get(*, instansi_id: int, pk: int) -> PustakaUmpanBalik:
    """An item of the admin's own instansi; 404 for another instansi's item."""
    return get_object_or_404(PustakaUmpanBalik, instansi_id=instansi_id, pk=pk)


def buka_kunci_terbaru(*, instansi_id: int, batas: int = 20) -> list[BukaKunci]:
    """The latest unlocks of the instansi: who, what, until when, why. One query."""
    return list(
        BukaKunci.objects.filter(instansi_id=instansi_id)
        .select_related("pegawai", "unit_kerja", "actor__pegawai")
        .order_by("-created_at", "-id")[:batas]
    )


def indikator_of(periode: PeriodePenilaian, indikator_id: int) -> Indikator:
    """An indikator of the period's own SKP; 404 otherwise (the caller already sees the period)."""
    from django.http import Http404

    indikator = Indikator.objects.filter(pk=indikator_id, rhk__skp_id=periode.skp_id).first()
    if indikator is None:
        raise Http404("Indikator tidak ditemukan pada SKP periode ini.")
    return indikator
