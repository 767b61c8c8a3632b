"""Reads of the evaluation, shaped for their pages and the API (fixed query counts)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from kinerja.organisasi.models import Pegawai, UnitKerja
from kinerja.penilaian import rules
from kinerja.penilaian.enums import JenisPeriode, Rating
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
from kinerja.skp.models import Indikator, RencanaHasilKerja, Skp
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
    return _distribusi(unit, tahun, jenis, nomor, org, [p for _pk, p in populasi], bulat_bawah)


def _distribusi(
    unit: UnitKerja, tahun: int, jenis: str, nomor: int, org: str, predikat: list[str], bulat_bawah: bool
) -> Distribusi:
    jumlah: dict[str, int] = {}
    for p in predikat:
        if p:
            jumlah[p] = jumlah.get(p, 0) + 1
    hasil = rules.cek_distribusi(org, jumlah, bulat_bawah=bulat_bawah) if org else None
    return Distribusi(
        unit=unit,
        tahun=tahun,
        jenis=jenis,
        nomor=nomor,
        predikat_organisasi=org,
        hasil=hasil,
        belum_dinilai=sum(1 for p in predikat if not p),
        jumlah=jumlah,
    )


def distribusi_semua_unit(
    *, instansi_id: int, tahun: int, jenis: str, nomor: int, bulat_bawah: bool = True
) -> dict[int, Distribusi]:
    """``distribusi_unit`` of every unit of the instansi, by unit id, in 3 queries instead of 2 per
    unit (10,000 units: 20,000 queries). Same population: the pegawai placed in the unit without its
    pimpinan, one current SKP each."""
    units = {u.pk: u for u in UnitKerja.objects.filter(instansi_id=instansi_id)}
    org = dict(
        PredikatOrganisasiUnit.objects.filter(
            unit_kerja__instansi_id=instansi_id, tahun=tahun, jenis=jenis, nomor=nomor
        ).values_list("unit_kerja_id", "predikat")
    )
    pimpinan = F("skp__unit_kerja__pimpinan_jabatan_id")
    rows = (
        PeriodePenilaian.objects.filter(
            skp__unit_kerja__instansi_id=instansi_id, jenis=jenis, nomor=nomor, tanggal_awal__year=tahun
        )
        .exclude(skp__status=StatusSkp.DIGANTI)
        .filter(Q(skp__unit_kerja__pimpinan_jabatan_id__isnull=True) | ~Q(skp__jabatan_id=pimpinan))
        .order_by("skp__unit_kerja_id", "skp__pegawai_id", "-tanggal_awal", "-skp__versi")
        .values_list("skp__unit_kerja_id", "skp__pegawai_id", "predikat")
    )
    predikat: dict[int, list[str]] = {pk: [] for pk in units}
    seen: set[tuple[int, int]] = set()
    for unit_id, pegawai_id, p in rows.iterator(chunk_size=10_000):
        if (unit_id, pegawai_id) in seen:
            continue
        seen.add((unit_id, pegawai_id))
        predikat[unit_id].append(p)
    return {
        pk: _distribusi(u, tahun, jenis, nomor, org.get(pk) or "", predikat[pk], bulat_bawah)
        for pk, u in units.items()
    }


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


def jumlah_per_periode(model: type) -> Coalesce:
    """How many rows of ``model`` the period (``OuterRef("pk")``) has, as a correlated count."""
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


def jumlah_indikator_skp() -> Coalesce:
    """How many indikator the period's SKP (``OuterRef("skp")``) has, as a correlated count."""
    return Coalesce(
        Subquery(
            Indikator.objects.filter(rhk__skp=OuterRef("skp"))
            .order_by()
            .values("rhk__skp")
            .annotate(n=Count("pk"))
            .values("n")[:1]
        ),
        0,
    )


def bulk_review(*, penilai: Pegawai, tahun: int, jenis: str, nomor: int) -> list[ReviewRow]:
    """Every direct bawahan with their period, counts of realisasi, bukti and feedback, ratings and
    predikat (issue #4 point 9). Two queries whatever the number of bawahan."""

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
            n_realisasi=jumlah_per_periode(Realisasi),
            n_bukti=jumlah_per_periode(BuktiDukung),
            n_umpan=jumlah_per_periode(UmpanBalik),
            n_indikator=jumlah_indikator_skp(),
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

    p = get_object_or_404(
        PeriodePenilaian.objects.select_related("skp__pegawai__jabatan").annotate(
            n_realisasi=jumlah_per_periode(Realisasi),
            n_bukti=jumlah_per_periode(BuktiDukung),
            n_umpan=jumlah_per_periode(UmpanBalik),
            n_indikator=jumlah_indikator_skp(),
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


def periode_subtree(*, unit: UnitKerja, tahun: int, jenis: str, nomor: int) -> list[PeriodePenilaian]:
    """The periods (tahun, jenis, nomor) of every current SKP in the unit and the units below it,
    with the SKP and its pegawai, ordered by unit and name (one query)."""
    return list(
        PeriodePenilaian.objects.filter(
            skp__unit_kerja__path__startswith=unit.path,
            jenis=jenis,
            nomor=nomor,
            tanggal_awal__year=tahun,
        )
        .exclude(skp__status=StatusSkp.DIGANTI)
        .select_related("skp__pegawai", "skp__unit_kerja")
        .order_by("skp__unit_kerja__path", "skp__pegawai__nama", "skp__versi")
    )


# --- Dashboards (laporan, issue #5): fixed query counts whatever the number of units/pegawai ------

# The stages of the yearly cycle an admin follows, in order (domain.md §5.1, §5.2). The first three
# are about the SKP of the year; the last three about the latest ended period (``PeriodeKw``).
TAHAP_DASHBOARD: tuple[str, ...] = ("DRAF", "DIAJUKAN", "DISETUJUI", "REALISASI", "DINILAI", "DITETAPKAN")
TAHAP_PERIODE = frozenset({"REALISASI", "DINILAI", "DITETAPKAN"})
_STATUS_SKP_TAHAP: dict[str, list[str]] = {
    "DRAF": [StatusSkp.DRAFT, StatusSkp.DIAJUKAN, StatusSkp.DISETUJUI],
    "DIAJUKAN": [StatusSkp.DIAJUKAN, StatusSkp.DISETUJUI],
    "DISETUJUI": [StatusSkp.DISETUJUI],
}
_S = PeriodePenilaian.Status
_STATUS_PERIODE_TAHAP: dict[str, list[str]] = {
    "DINILAI": [_S.DINILAI, _S.DITETAPKAN, _S.KEBERATAN, _S.FINAL],
    "DITETAPKAN": [_S.DITETAPKAN, _S.KEBERATAN, _S.FINAL],
}


def _tahap_dicapai(tahap: str, *, tahun: int, periode: tuple[str, int] | None) -> Exists | Value:
    """Has the pegawai (``OuterRef("pk")``) reached this stage? An Exists on their own rows."""
    if tahap in _STATUS_SKP_TAHAP:
        return Exists(
            Skp.objects.filter(pegawai=OuterRef("pk"), tahun=tahun, status__in=_STATUS_SKP_TAHAP[tahap])
        )
    if periode is None:  # no period of that year has ended yet
        return Value(False)
    jenis, nomor = periode
    if tahap == "REALISASI":
        return Exists(
            Realisasi.objects.filter(
                periode__skp__pegawai=OuterRef("pk"),
                periode__jenis=jenis,
                periode__nomor=nomor,
                periode__tanggal_awal__year=tahun,
            )
        )
    return Exists(
        PeriodePenilaian.objects.filter(
            skp__pegawai=OuterRef("pk"),
            jenis=jenis,
            nomor=nomor,
            tanggal_awal__year=tahun,
            status__in=_STATUS_PERIODE_TAHAP[tahap],
        )
    )


@dataclass
class ProgresUnit:
    """One unit's active pegawai and how many reached each stage (``tahap``), and how many stop at
    each stage (``terjauh``: the furthest stage reached; "" for no SKP at all)."""

    unit: UnitKerja
    aktif: int = 0
    tahap: dict[str, int] = field(default_factory=dict)
    terjauh: dict[str, int] = field(default_factory=dict)

    def tambah(self, other: ProgresUnit) -> None:
        self.aktif += other.aktif
        for k, v in other.tahap.items():
            self.tahap[k] = self.tahap.get(k, 0) + v
        for k, v in other.terjauh.items():
            self.terjauh[k] = self.terjauh.get(k, 0) + v


def progres_tahapan(*, instansi_id: int, tahun: int, periode: tuple[str, int] | None) -> list[ProgresUnit]:
    """Every unit of the instansi (tree order) with the stage counts of the pegawai placed in the unit
    itself. Two queries: the units, and one row per active pegawai with each stage's Exists
    evaluated once (counting in SQL with FILTER repeats every Exists per aggregate: 11 s at 100,000
    pegawai, against about 1 s like this), summed here."""
    units = list(UnitKerja.objects.filter(instansi_id=instansi_id).order_by("path"))
    kolom = [f"t_{t.lower()}" for t in TAHAP_DASHBOARD]
    flags = (
        Pegawai.objects.filter(instansi_id=instansi_id, aktif=True)
        .annotate(
            **{
                k: _tahap_dicapai(t, tahun=tahun, periode=periode)
                for k, t in zip(kolom, TAHAP_DASHBOARD, strict=True)
            }
        )
        .order_by()
        .values_list("unit_kerja_id", *kolom)
    )
    by_unit: dict[int, ProgresUnit] = {u.pk: ProgresUnit(unit=u) for u in units}
    for u in by_unit.values():
        u.tahap = dict.fromkeys(TAHAP_DASHBOARD, 0)
        u.terjauh = dict.fromkeys(("", *TAHAP_DASHBOARD), 0)
    for unit_id, *dicapai in flags.iterator(chunk_size=5000):
        progres = by_unit.get(unit_id)
        if progres is None:
            continue
        progres.aktif += 1
        terjauh = ""
        for tahap, ya in zip(TAHAP_DASHBOARD, dicapai, strict=True):
            if ya:
                progres.tahap[tahap] += 1
                terjauh = tahap
        progres.terjauh[terjauh] += 1
    return [by_unit[u.pk] for u in units]


def progres_subtree(rows: list[ProgresUnit]) -> list[ProgresUnit]:
    """The same rows, each counting its unit and every unit below it (no query; each row is added
    to its ancestors along the materialised path: rows x depth, not rows x rows)."""
    total = {row.unit.pk: ProgresUnit(unit=row.unit) for row in rows}
    for row in rows:
        for pk in (*row.unit.ancestor_ids, row.unit.pk):
            if pk in total:
                total[pk].tambah(row)
    return [total[row.unit.pk] for row in rows]


def pegawai_tertinggal(
    *, unit: UnitKerja, tahun: int, tahap: str, periode: tuple[str, int] | None, subtree: bool = False
) -> list[Pegawai]:
    """The active pegawai of the unit (or its subtree) who have not reached ``tahap``, with their
    jabatan, unit, pejabat penilai, the status of their SKP of the year (``skp_status``) and of the
    period (``periode_status``). One query."""
    skp_terbaru = (
        Skp.objects.filter(pegawai=OuterRef("pk"), tahun=tahun)
        .exclude(status=StatusSkp.DIGANTI)
        .annotate(
            prioritas=Case(
                When(status=StatusSkp.DISETUJUI, then=Value(0)),
                When(status=StatusSkp.DIAJUKAN, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            )
        )
        .order_by("prioritas", "-periode_awal", "-versi")
    )
    qs = Pegawai.objects.filter(aktif=True)
    qs = qs.filter(unit_kerja__path__startswith=unit.path) if subtree else qs.filter(unit_kerja=unit)
    qs = qs.alias(dicapai=_tahap_dicapai(tahap, tahun=tahun, periode=periode)).filter(dicapai=False)
    qs = qs.annotate(skp_status=Subquery(skp_terbaru.values("status")[:1]))
    if periode is not None:
        jenis, nomor = periode
        status_periode = (
            PeriodePenilaian.objects.filter(
                skp__pegawai=OuterRef("pk"), jenis=jenis, nomor=nomor, tanggal_awal__year=tahun
            )
            .exclude(skp__status=StatusSkp.DIGANTI)
            .order_by("-skp__versi")
            .values("status")[:1]
        )
        qs = qs.annotate(periode_status=Subquery(status_periode))
    else:
        qs = qs.annotate(periode_status=Value("", output_field=CharField()))
    return list(
        qs.select_related("jabatan", "unit_kerja", "pejabat_penilai__jabatan").order_by(
            "unit_kerja__path", "nama", "pk"
        )
    )


@dataclass
class SelKuadran:
    rating_hasil_kerja: str
    rating_perilaku_kerja: str
    predikat: str
    pegawai: list[Pegawai] = field(default_factory=list)


@dataclass
class KuadranBawahan:
    # Rows: rating hasil kerja Di atas, Sesuai, Di bawah; columns: rating perilaku Di bawah,
    # Sesuai, Di atas (the layout of the Permen PANRB 6/2022 Lampiran matrix, domain.md §0.1).
    baris: list[list[SelKuadran]]
    belum_dinilai: list[Pegawai]


def kuadran_bawahan(*, penilai: Pegawai, tahun: int, jenis: str, nomor: int) -> KuadranBawahan:
    """The direct bawahan placed in the kuadran kinerja by their two ratings of the period; those
    without both ratings apart. Two queries (``bulk_review``)."""
    hasil_urut = [Rating.DI_ATAS_EKSPEKTASI, Rating.SESUAI_EKSPEKTASI, Rating.DI_BAWAH_EKSPEKTASI]
    perilaku_urut = [Rating.DI_BAWAH_EKSPEKTASI, Rating.SESUAI_EKSPEKTASI, Rating.DI_ATAS_EKSPEKTASI]
    sel = {(h, p): SelKuadran(h, p, rules.KUADRAN_KINERJA[(h, p)]) for h in hasil_urut for p in perilaku_urut}
    belum: list[Pegawai] = []
    for row in bulk_review(penilai=penilai, tahun=tahun, jenis=jenis, nomor=nomor):
        per = row.periode
        kunci = (per.rating_hasil_kerja, per.rating_perilaku_kerja) if per else ("", "")
        if kunci in sel:
            sel[kunci].pegawai.append(row.pegawai)
        else:
            belum.append(row.pegawai)
    return KuadranBawahan(
        baris=[[sel[(h, p)] for p in perilaku_urut] for h in hasil_urut], belum_dinilai=belum
    )


@dataclass
class PeriodeSaya:
    periode: PeriodePenilaian
    jumlah_realisasi: int
    jumlah_indikator: int

    @property
    def realisasi_lengkap(self) -> bool:
        return self.jumlah_indikator > 0 and self.jumlah_realisasi >= self.jumlah_indikator


@dataclass
class DashboardPegawai:
    skp: Skp | None
    periode_terbuka: list[PeriodeSaya]
    riwayat_predikat: list[PeriodePenilaian]


def dashboard_pegawai(*, pegawai: Pegawai, hari_ini: dt.date, batas_riwayat: int = 24) -> DashboardPegawai:
    """My SKP of the year, the periods open for filling (begun, deadline not passed, not yet
    ditetapkan) with their realisasi counts, and my predikat over time. Three queries."""
    skp = (
        Skp.objects.filter(pegawai=pegawai, tahun=hari_ini.year)
        .exclude(status=StatusSkp.DIGANTI)
        .annotate(
            prioritas=Case(
                When(
                    revisi_dari__isnull=False, status__in=[StatusSkp.DRAFT, StatusSkp.DIAJUKAN], then=Value(1)
                ),
                default=Value(0),
                output_field=IntegerField(),
            )
        )
        .order_by("-periode_awal", "prioritas", "-versi")
        .first()
    )
    terbuka = (
        PeriodePenilaian.objects.filter(
            skp__pegawai=pegawai,
            skp__status=StatusSkp.DISETUJUI,
            tanggal_awal__lte=hari_ini,
            batas_pengisian__gte=hari_ini,
            status__in=[_S.BELUM_DINILAI, _S.DINILAI],
        )
        # The annual evaluation is open all year; it is due only from its last month on.
        .exclude(jenis=JenisPeriode.AKHIR, tanggal_akhir__gt=hari_ini + dt.timedelta(days=31))
        .select_related("skp")
        .annotate(n_realisasi=jumlah_per_periode(Realisasi), n_indikator=jumlah_indikator_skp())
        .order_by("batas_pengisian", "urutan")
    )
    riwayat = list(
        PeriodePenilaian.objects.filter(skp__pegawai=pegawai)
        .exclude(predikat="")
        .exclude(skp__status=StatusSkp.DIGANTI)
        .order_by("-tanggal_akhir", "-urutan")[:batas_riwayat]
    )
    riwayat.reverse()
    return DashboardPegawai(
        skp=skp,
        periode_terbuka=[PeriodeSaya(p, p.n_realisasi, p.n_indikator) for p in terbuka],
        riwayat_predikat=riwayat,
    )


def predikat_terakhir(*, instansi_id: int, tahun: int) -> dict[int, str]:
    """Per pegawai of the instansi, the predikat of their latest period (up to ``tahun``) that has
    one; pegawai without any are left out. One query."""
    terakhir = (
        PeriodePenilaian.objects.filter(skp__pegawai=OuterRef("pk"), tanggal_awal__year__lte=tahun)
        .exclude(predikat="")
        .exclude(skp__status=StatusSkp.DIGANTI)
        .order_by("-tanggal_akhir", "-urutan")
        .values("predikat")[:1]
    )
    rows = (
        Pegawai.objects.filter(instansi_id=instansi_id)
        .annotate(predikat_terakhir=Subquery(terakhir))
        .filter(predikat_terakhir__isnull=False)
        .values_list("pk", "predikat_terakhir")
    )
    return dict(rows)


# --- Penetapan predikat kinerja of a unit (laporan, issue #5 document) ---------------------------


def penetapan_predikat_rows(*, unit: UnitKerja, tahun: int, jenis: str, nomor: int) -> list[PeriodePenilaian]:
    """The periods counted by the unit's distribution (``populasi_distribusi``: one current SKP per
    pegawai, without the pimpinan) with the SKP's pegawai and jabatan, ordered by name; the unrated
    ones have an empty ``predikat``. Two queries (the population, then its rows)."""
    ids = [pk for pk, _predikat in populasi_distribusi(unit=unit, tahun=tahun, jenis=jenis, nomor=nomor)]
    return list(
        PeriodePenilaian.objects.filter(pk__in=ids)
        .select_related("skp__pegawai", "skp__jabatan")
        .order_by("skp__pegawai__nama", "skp__pegawai__nip")
    )


# --- Exports (issue #5: laporan/ekspor) ----------------------------------------------------------


def rekap_penilaian_rows(
    *, unit_path: str, tahun: int, jenis: str, nomor: int
) -> QuerySet[PeriodePenilaian, tuple[object, ...]]:
    """The period (tahun, jenis, nomor) of every current SKP in a unit and the units below it, as
    (nip, nama, gelar_depan, gelar_belakang, jabatan, unit, rating hasil kerja, rating perilaku
    kerja, predikat, status). One query; the caller streams it with ``.iterator()``."""
    return (
        PeriodePenilaian.objects.filter(
            skp__unit_kerja__path__startswith=unit_path,
            jenis=jenis,
            nomor=nomor,
            tanggal_awal__year=tahun,
        )
        .exclude(skp__status=StatusSkp.DIGANTI)
        .order_by("skp__unit_kerja__path", "skp__pegawai__nama", "skp__pegawai_id", "skp__versi")
        .values_list(
            "skp__pegawai__nip",
            "skp__pegawai__nama",
            "skp__pegawai__gelar_depan",
            "skp__pegawai__gelar_belakang",
            "skp__jabatan__nama",
            "skp__unit_kerja__nama",
            "rating_hasil_kerja",
            "rating_perilaku_kerja",
            "predikat",
            "status",
        )
    )


def monitoring_rows(*, unit_path: str, tahun: int) -> QuerySet[Pegawai, tuple[object, ...]]:
    """Every active pegawai of a unit and the units below it, with or without an SKP of the year, as
    (nip, nama, gelar_depan, gelar_belakang, jabatan, unit, status of the newest current SKP or
    None, realisasi rows filled in the year, periods rated, periods finalised). One query: the
    figures are correlated subqueries, so the count does not grow with the rows."""
    from kinerja.skp.models import Skp

    def jumlah(qs: QuerySet[Realisasi] | QuerySet[PeriodePenilaian], kunci: str) -> Coalesce:
        return Coalesce(
            Subquery(qs.order_by().values(kunci).annotate(n=Count("pk")).values("n")[:1]), Value(0)
        )

    skp_tahun = Skp.objects.filter(pegawai=OuterRef("pk"), tahun=tahun).exclude(status=StatusSkp.DIGANTI)
    periode = PeriodePenilaian.objects.filter(skp__pegawai=OuterRef("pk"), skp__tahun=tahun).exclude(
        skp__status=StatusSkp.DIGANTI
    )
    realisasi = Realisasi.objects.filter(
        periode__skp__pegawai=OuterRef("pk"), periode__skp__tahun=tahun
    ).exclude(periode__skp__status=StatusSkp.DIGANTI)
    Status = PeriodePenilaian.Status
    return (
        Pegawai.objects.filter(unit_kerja__path__startswith=unit_path, aktif=True)
        .annotate(
            status_skp=Subquery(skp_tahun.order_by("-periode_awal", "-versi").values("status")[:1]),
            realisasi_terisi=jumlah(realisasi, "periode__skp__pegawai"),
            periode_dinilai=jumlah(periode.exclude(status=Status.BELUM_DINILAI), "skp__pegawai"),
            periode_ditetapkan=jumlah(
                periode.filter(status__in=[Status.DITETAPKAN, Status.KEBERATAN, Status.FINAL]),
                "skp__pegawai",
            ),
        )
        .order_by("unit_kerja__path", "nama", "pk")
        .values_list(
            "nip",
            "nama",
            "gelar_depan",
            "gelar_belakang",
            "jabatan__nama",
            "unit_kerja__nama",
            "status_skp",
            "realisasi_terisi",
            "periode_dinilai",
            "periode_ditetapkan",
        )
    )


def angka_kredit_rows(*, unit_path: str, tahun: int) -> QuerySet[KonversiAngkaKredit, tuple[object, ...]]:
    """The angka kredit konversi of the year of the SKP in a unit and the units below it, as (nip,
    nama, gelar_depan, gelar_belakang, jabatan, jenjang, jenis periode, nomor, predikat, persentase,
    koefisien, bulan, angka kredit). One query; the caller streams it with ``.iterator()``."""
    return (
        KonversiAngkaKredit.objects.filter(periode__skp__unit_kerja__path__startswith=unit_path, tahun=tahun)
        .order_by(
            "periode__skp__unit_kerja__path", "pegawai__nama", "pegawai_id", "periode__urutan", "periode_id"
        )
        .values_list(
            "pegawai__nip",
            "pegawai__nama",
            "pegawai__gelar_depan",
            "pegawai__gelar_belakang",
            "periode__skp__jabatan__nama",
            "jenjang",
            "periode__jenis",
            "periode__nomor",
            "predikat",
            "persentase",
            "koefisien",
            "bulan",
            "angka_kredit",
        )
    )
