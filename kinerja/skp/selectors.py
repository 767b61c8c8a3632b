"""Reads of the SKP, already shaped for their pages and API (fixed query counts).

Every function takes objects the caller has already fetched through ``policies`` (access checked).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Case, IntegerField, OuterRef, Prefetch, QuerySet, Subquery, Value, When
from django.http import Http404

from kinerja.organisasi.models import Pegawai
from kinerja.skp.enums import BentukSkp, JenisLampiran, JenisRhk, KlasifikasiRhk, StatusSkp
from kinerja.skp.models import (
    Indikator,
    Lampiran,
    LampiranBawaan,
    PerilakuKerja,
    PustakaEkspektasi,
    RencanaHasilKerja,
    RiwayatSkp,
    Skp,
    rhk_dapat_diintervensi,
)
from kinerja.skp.policies import skp_visible_to

if TYPE_CHECKING:
    from kinerja.accounts.models import User

PEGAWAI_RELATED = ("pegawai__jabatan", "pegawai__unit_kerja", "jabatan", "unit_kerja")


def urutan_pilihan(field: str, values: list[str]) -> Case:
    """Order by the declared (regulation) order of an enum, not alphabetically: "TAMBAHAN" sorts
    before "UTAMA", and "KONSEKUENSI" before "SKEMA_PERTANGGUNGJAWABAN"."""
    return Case(
        *(When(**{field: value}, then=Value(i)) for i, value in enumerate(values)),
        default=Value(len(values)),
        output_field=IntegerField(),
    )


def skp_detail_qs() -> QuerySet[Skp]:
    """One SKP with everything its detail page and ``GET /skp/{id}`` show: 5 queries in all
    (the SKP with its people, RHK with their atasan RHK, indikator, perilaku, lampiran)."""
    return Skp.objects.select_related(
        *PEGAWAI_RELATED,
        "pejabat_penilai__jabatan",
        "atasan_pejabat_penilai",
    ).prefetch_related(
        Prefetch(
            "rhk",
            queryset=RencanaHasilKerja.objects.select_related("rhk_atasan").order_by(
                urutan_pilihan("jenis", JenisRhk.values), "urutan", "id"
            ),
        ),
        Prefetch("rhk__indikator", queryset=Indikator.objects.order_by("urutan", "id")),
        Prefetch("perilaku", queryset=PerilakuKerja.objects.order_by("urutan")),
        Prefetch(
            "lampiran",
            queryset=Lampiran.objects.order_by(urutan_pilihan("jenis", JenisLampiran.values), "urutan", "id"),
        ),
    )


def skp_list(*, user: User, pegawai: Pegawai | None = None, tahun: int | None = None) -> QuerySet[Skp]:
    qs = skp_visible_to(user).select_related("pegawai", "jabatan", "pejabat_penilai")
    if pegawai is not None:
        qs = qs.filter(pegawai=pegawai)
    if tahun is not None:
        qs = qs.filter(tahun=tahun)
    return qs.order_by("-tahun", "-periode_awal", "-versi")


def riwayat_of(skp: Skp) -> QuerySet[RiwayatSkp]:
    """The riwayat timeline of every version of this SKP (the seri), oldest first."""
    return (
        RiwayatSkp.objects.filter(skp__seri=skp.seri)
        .select_related("actor__pegawai", "skp")
        .order_by("created_at", "id")
    )


def rhk_atasan_options(skp: Skp) -> list[RencanaHasilKerja]:
    """The RHK this SKP may intervene: those of the current pejabat penilai's SKP for an
    overlapping period; of a JPT SKP only klasifikasi ORGANISASI (domain.md §4.5)."""
    penilai_id = skp.pegawai.pejabat_penilai_id
    if skp.bentuk != BentukSkp.JA_JF or penilai_id is None:
        return []
    qs = (
        RencanaHasilKerja.objects.filter(
            rhk_dapat_diintervensi(),
            skp__pegawai_id=penilai_id,
            skp__periode_awal__lte=skp.periode_akhir,
            skp__periode_akhir__gte=skp.periode_awal,
        )
        .exclude(skp__bentuk=BentukSkp.JPT, klasifikasi=KlasifikasiRhk.INDIVIDU)
        .select_related("skp")
        .order_by("skp__periode_awal", urutan_pilihan("jenis", JenisRhk.values), "urutan", "id")
    )
    return list(qs)


def penilai_tanpa_skp(skp: Skp) -> bool:
    """The pejabat penilai has no SKP covering this period yet (issue #3 point 6: say why)."""
    penilai_id = skp.pegawai.pejabat_penilai_id
    if penilai_id is None:
        return True
    return (
        not Skp.objects.filter(
            pegawai_id=penilai_id, periode_awal__lte=skp.periode_akhir, periode_akhir__gte=skp.periode_awal
        )
        .exclude(status=StatusSkp.DIGANTI)
        .exists()
    )


# --- Inbox of the pejabat penilai ----------------------------------------------------------------


@dataclass
class InboxRow:
    pegawai: Pegawai
    skp_id: int | None
    status: str | None
    tanggal_diajukan: dt.datetime | None


STATUS_PRIORITY: dict[str, int] = {StatusSkp.DIAJUKAN: 0, StatusSkp.DRAFT: 1, StatusSkp.DISETUJUI: 2}


def inbox(*, penilai: Pegawai, tahun: int) -> list[InboxRow]:
    """Every direct bawahan with their current SKP of the year, submitted ones first (2 queries:
    the bawahan with their latest SKP annotated, then nothing more)."""
    latest = (
        Skp.objects.filter(pegawai=OuterRef("pk"), tahun=tahun)
        .exclude(status=StatusSkp.DIGANTI)
        .annotate(
            prioritas=Case(
                When(status=StatusSkp.DIAJUKAN, then=Value(0)),
                When(status=StatusSkp.DRAFT, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            )
        )
        .order_by("prioritas", "-periode_awal", "-versi")
    )
    bawahan = (
        Pegawai.objects.filter(pejabat_penilai=penilai, aktif=True)
        .select_related("jabatan", "unit_kerja")
        .annotate(
            skp_id=Subquery(latest.values("pk")[:1]),
            skp_status=Subquery(latest.values("status")[:1]),
            skp_diajukan=Subquery(latest.values("tanggal_diajukan")[:1]),
        )
    )
    rows = [
        InboxRow(pegawai=p, skp_id=p.skp_id, status=p.skp_status, tanggal_diajukan=p.skp_diajukan)
        for p in bawahan
    ]
    far = dt.datetime.max.replace(tzinfo=dt.UTC)
    rows.sort(
        key=lambda r: (
            STATUS_PRIORITY.get(r.status or "", 3),
            r.tanggal_diajukan or far,
            r.pegawai.nama,
        )
    )
    return rows


# --- Matriks peran hasil -------------------------------------------------------------------------


@dataclass
class MatriksRow:
    pegawai: Pegawai
    skp: Skp | None
    cells: list[list[RencanaHasilKerja]] = field(default_factory=list)
    tanpa_intervensi: list[RencanaHasilKerja] = field(default_factory=list)


@dataclass
class Matriks:
    skp: Skp
    kolom: list[RencanaHasilKerja]
    rows: list[MatriksRow]


def matriks_peran_hasil(*, skp: Skp) -> Matriks:
    """The pejabat penilai's RHK in columns, the direct bawahan in rows, in each cell the bawahan
    RHK that intervene that column (domain.md §4.5 rule 3). Four queries whatever the size."""
    urut_jenis = urutan_pilihan("jenis", JenisRhk.values)
    kolom = list(RencanaHasilKerja.objects.filter(skp=skp).order_by(urut_jenis, "urutan", "id"))
    bawahan = list(
        Pegawai.objects.filter(pejabat_penilai_id=skp.pegawai_id, aktif=True)
        .select_related("jabatan")
        .order_by("jabatan__jenis", "nama")
    )
    skp_bawahan = (
        Skp.objects.filter(
            pegawai__in=[p.pk for p in bawahan],
            periode_awal__lte=skp.periode_akhir,
            periode_akhir__gte=skp.periode_awal,
        )
        .exclude(status=StatusSkp.DIGANTI)
        .order_by("pegawai_id", "periode_awal", "versi")
    )
    # The newest version per pegawai stands for them in the matriks.
    current: dict[int, Skp] = {}
    for s in skp_bawahan:
        current[s.pegawai_id] = s
    rhk_bawahan = RencanaHasilKerja.objects.filter(skp__in=[s.pk for s in current.values()]).order_by(
        urut_jenis, "urutan", "id"
    )
    index = {rhk.pk: i for i, rhk in enumerate(kolom)}
    rows = {p.pk: MatriksRow(pegawai=p, skp=current.get(p.pk), cells=[[] for _ in kolom]) for p in bawahan}
    skp_owner = {s.pk: s.pegawai_id for s in current.values()}
    for rhk in rhk_bawahan:
        row = rows[skp_owner[rhk.skp_id]]
        if rhk.rhk_atasan_id in index:
            row.cells[index[rhk.rhk_atasan_id]].append(rhk)
        else:
            row.tanpa_intervensi.append(rhk)
    return Matriks(skp=skp, kolom=kolom, rows=list(rows.values()))


# --- Pages (appended for the SKP pages) ----------------------------------------------------------


def rhk_card(*, pk: int) -> RencanaHasilKerja:
    """One RHK with its SKP and indikator, for re-rendering its card after an indikator change
    (2 queries). The caller has already fetched the RHK through ``policies.rhk_get_for_user``."""
    return (
        RencanaHasilKerja.objects.select_related("skp__pegawai", "rhk_atasan")
        .prefetch_related(Prefetch("indikator", queryset=Indikator.objects.order_by("urutan", "id")))
        .get(pk=pk)
    )


def lampiran_get(*, skp: Skp, pk: int) -> Lampiran:
    """A lampiran item of an SKP the caller may already see; 404 when it belongs elsewhere."""
    try:
        return Lampiran.objects.select_related("skp").get(pk=pk, skp=skp)
    except Lampiran.DoesNotExist:
        raise Http404("Lampiran tidak ditemukan.") from None


def pustaka_for(*, instansi_id: int, core_value: str | None = None) -> QuerySet[PustakaEkspektasi]:
    qs = PustakaEkspektasi.objects.filter(instansi_id=instansi_id)
    if core_value is not None:
        qs = qs.filter(core_value=core_value)
    return qs.order_by("core_value", "id")


def pustaka_get(*, instansi_id: int, pk: int) -> PustakaEkspektasi:
    try:
        return PustakaEkspektasi.objects.get(pk=pk, instansi_id=instansi_id)
    except PustakaEkspektasi.DoesNotExist:
        raise Http404("Kalimat tidak ditemukan.") from None


def lampiran_bawaan_for(*, instansi_id: int) -> QuerySet[LampiranBawaan]:
    return LampiranBawaan.objects.filter(instansi_id=instansi_id).order_by("jenis", "urutan", "id")


def lampiran_bawaan_get(*, instansi_id: int, pk: int) -> LampiranBawaan:
    try:
        return LampiranBawaan.objects.get(pk=pk, instansi_id=instansi_id)
    except LampiranBawaan.DoesNotExist:
        raise Http404("Lampiran bawaan tidak ditemukan.") from None


@dataclass
class RingkasanBeranda:
    skp: Skp | None
    menunggu_persetujuan: int


def ringkasan_beranda(*, pegawai: Pegawai, tahun: int) -> RingkasanBeranda:
    """The home card: my current SKP of the year and how many SKP wait for my review (2 queries)."""
    skp = (
        Skp.objects.filter(pegawai=pegawai, tahun=tahun)
        .exclude(status=StatusSkp.DIGANTI)
        .order_by("-periode_awal", "-versi")
        .first()
    )
    menunggu = Skp.objects.filter(pejabat_penilai=pegawai, status=StatusSkp.DIAJUKAN).count()
    return RingkasanBeranda(skp=skp, menunggu_persetujuan=menunggu)


# --- Identity block of the documents -------------------------------------------------------------


def _identitas_pegawai(p: Pegawai | None) -> dict[str, str]:
    if p is None:
        return {}
    return {
        "nip": p.nip,
        "nama": p.nama_lengkap,
        "pangkat_golongan": p.pangkat_golongan,
        "jabatan": p.jabatan.nama,
        "unit_kerja": p.unit_kerja.nama,
    }


def identitas_baru(skp: Skp) -> dict[str, Any]:
    """The printed identity of an SKP from the current data (2 queries): the pegawai with the SKP's
    jabatan and unit, the pejabat penilai and the atasan (a draft follows the organisation)."""
    pegawai = Pegawai.objects.select_related("jabatan", "unit_kerja", "instansi").get(pk=skp.pegawai_id)
    if skp.status == StatusSkp.DRAFT:
        ids = (pegawai.pejabat_penilai_id, pegawai.atasan_pejabat_penilai_id)
    else:
        ids = (skp.pejabat_penilai_id, skp.atasan_pejabat_penilai_id)
    related = Pegawai.objects.select_related("jabatan", "unit_kerja").in_bulk([pk for pk in ids if pk])
    data = _identitas_pegawai(pegawai)
    data["jabatan"] = skp.jabatan.nama
    data["unit_kerja"] = skp.unit_kerja.nama
    return {
        "instansi": pegawai.instansi.nama,
        "tempat": pegawai.instansi.tempat,
        "pegawai": data,
        "pejabat_penilai": _identitas_pegawai(related.get(ids[0] or 0)),
        "atasan_pejabat_penilai": _identitas_pegawai(related.get(ids[1] or 0)),
    }


def identitas(skp: Skp) -> dict[str, Any]:
    """What the documents print: the snapshot frozen at approval (so an old SKP still prints
    correctly after a transfer), else the current data."""
    return skp.snapshot or identitas_baru(skp)


# --- Pohon kinerja (laporan, issue #5) -----------------------------------------------------------


def rhk_pohon(*, instansi_id: int, tahun: int) -> list[RencanaHasilKerja]:
    """Every RHK of the current SKP versions of the year in the instansi (not a replaced version nor
    a revisi still being drafted), with the SKP, its owner, jabatan and unit, and ``punya_bawahan``:
    whether the owner is the pejabat penilai of someone. One query; the tree is assembled by the
    caller from ``rhk_atasan_id``."""
    from django.db.models import Exists

    punya_bawahan = Exists(Pegawai.objects.filter(pejabat_penilai_id=OuterRef("skp__pegawai_id"), aktif=True))
    return list(
        RencanaHasilKerja.objects.filter(
            rhk_dapat_diintervensi(), skp__pegawai__instansi_id=instansi_id, skp__tahun=tahun
        )
        .select_related("skp__pegawai", "skp__jabatan", "skp__unit_kerja")
        .annotate(punya_bawahan=punya_bawahan)
        .order_by(
            "skp__unit_kerja__path",
            "skp__pegawai__nama",
            urutan_pilihan("jenis", JenisRhk.values),
            "urutan",
            "id",
        )
    )


# --- Exports (issue #5: laporan/ekspor) ----------------------------------------------------------


def rekap_skp_rows(*, unit_path: str, tahun: int) -> QuerySet[Skp, tuple[Any, ...]]:
    """The current SKP versions (not DIGANTI) of the year in a unit and every unit below it, as
    (nip, nama, gelar_depan, gelar_belakang, jabatan, unit, unit path, status, periode_awal,
    periode_akhir). One query; the caller streams it with ``.iterator()``."""
    return (
        Skp.objects.filter(unit_kerja__path__startswith=unit_path, tahun=tahun)
        .exclude(status=StatusSkp.DIGANTI)
        .order_by("unit_kerja__path", "pegawai__nama", "pegawai_id", "periode_awal", "versi")
        .values_list(
            "pegawai__nip",
            "pegawai__nama",
            "pegawai__gelar_depan",
            "pegawai__gelar_belakang",
            "jabatan__nama",
            "unit_kerja__nama",
            "unit_kerja__path",
            "status",
            "periode_awal",
            "periode_akhir",
        )
    )
