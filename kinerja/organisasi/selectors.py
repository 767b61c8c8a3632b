"""Reads of the organisation, shaped for their pages (constant query counts)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Count, F, Q, QuerySet

from kinerja.organisasi.models import (
    Pegawai,
    PenetapanPejabatPenilai,
    RantaiAtasan,
    RiwayatPejabatPenilai,
    UnitKerja,
)
from kinerja.organisasi.policies import pegawai_visible_to, unit_visible_to

if TYPE_CHECKING:
    from kinerja.accounts.models import User


def pegawai_list(*, user: User, q: str = "", unit: UnitKerja | None = None) -> QuerySet[Pegawai]:
    """Visible pegawai, searched by NIP or name, filtered by a unit and the units below it."""
    qs = pegawai_visible_to(user).filter(aktif=True)
    q = q.strip()
    if q:
        qs = qs.filter(nip__startswith=q) if q.isdigit() else qs.filter(nama__icontains=q)
    if unit is not None:
        qs = qs.filter(unit_kerja__path__startswith=unit.path)
    return qs.select_related("jabatan", "unit_kerja", "pejabat_penilai").order_by("nama", "pk")


@dataclass
class PegawaiDetail:
    pegawai: Pegawai
    rantai_atasan: list[Pegawai]
    bawahan_langsung: list[Pegawai]
    bawahan_tidak_langsung_count: int
    penetapan: PenetapanPejabatPenilai | None
    riwayat: list[RiwayatPejabatPenilai] = field(default_factory=list)


def rantai_atasan_of(pegawai: Pegawai) -> list[Pegawai]:
    """The atasan chain, nearest first, in one query."""
    rows = (
        RantaiAtasan.objects.filter(pegawai=pegawai)
        .select_related("atasan__jabatan", "atasan__unit_kerja")
        .order_by("kedalaman")
    )
    return [row.atasan for row in rows]


def bawahan_of(pegawai: Pegawai, *, langsung: bool = True) -> QuerySet[Pegawai]:
    if langsung:
        qs = Pegawai.objects.filter(pejabat_penilai=pegawai, aktif=True)
    else:
        qs = Pegawai.objects.filter(rantai_atas__atasan=pegawai, aktif=True)
    return qs.select_related("jabatan", "unit_kerja").order_by("unit_kerja__path", "nama")


def pegawai_detail(*, pegawai: Pegawai) -> PegawaiDetail:
    penetapan = (
        PenetapanPejabatPenilai.objects.filter(pegawai=pegawai)
        .select_related("pejabat_penilai", "created_by")
        .first()
    )
    riwayat = list(
        RiwayatPejabatPenilai.objects.filter(pegawai=pegawai).select_related(
            "penilai_sebelum", "penilai_sesudah", "actor"
        )[:20]
    )
    return PegawaiDetail(
        pegawai=pegawai,
        rantai_atasan=rantai_atasan_of(pegawai),
        bawahan_langsung=list(bawahan_of(pegawai)),
        bawahan_tidak_langsung_count=RantaiAtasan.objects.filter(atasan=pegawai, kedalaman__gt=1).count(),
        penetapan=penetapan,
        riwayat=riwayat,
    )


@dataclass
class UnitNode:
    unit: UnitKerja
    pegawai_count: int
    pimpinan: Pegawai | None
    children: list[UnitNode] = field(default_factory=list)


def unit_tree(*, user: User) -> list[UnitNode]:
    """The whole unit tree of the user's instansi, built in memory from two queries."""
    units = list(
        unit_visible_to(user)
        .select_related("pimpinan_jabatan")
        .annotate(pegawai_count=Count("pegawai", filter=Q(pegawai__aktif=True)))
        .order_by("kedalaman", "urutan", "nama")
    )
    # The pegawai who hold each unit's pimpinan jabatan; lowest id wins, as in penilai_rebuild.
    holders: dict[tuple[int, int], Pegawai] = {}
    for p in (
        Pegawai.objects.filter(
            unit_kerja__in=unit_visible_to(user),
            jabatan=F("unit_kerja__pimpinan_jabatan"),
            aktif=True,
        )
        .only("pk", "nama", "gelar_depan", "gelar_belakang", "nip", "unit_kerja_id", "jabatan_id")
        .order_by("-pk")
    ):
        holders[(p.unit_kerja_id, p.jabatan_id)] = p
    nodes = {
        u.pk: UnitNode(
            unit=u,
            pegawai_count=u.pegawai_count,
            pimpinan=holders.get((u.pk, u.pimpinan_jabatan_id)) if u.pimpinan_jabatan_id else None,
        )
        for u in units
    }
    roots: list[UnitNode] = []
    for u in units:
        parent = nodes.get(u.parent_id) if u.parent_id else None
        (parent.children if parent else roots).append(nodes[u.pk])
    return roots


# --- Exports (issue #5: laporan/ekspor) ----------------------------------------------------------


def unit_dipimpin(*, pegawai_id: int | None) -> UnitKerja | None:
    """The unit this pegawai leads: their own unit, when they hold its pimpinan jabatan. One query."""
    if pegawai_id is None:
        return None
    return (
        UnitKerja.objects.filter(
            pegawai__pk=pegawai_id,
            pegawai__aktif=True,
            pegawai__jabatan_id=F("pimpinan_jabatan_id"),
        )
        .order_by("pk")
        .first()
    )


def unit_nama_atas(*, instansi_id: int) -> dict[int, str]:
    """Names of the instansi's root units and their children (the OPD level), by id: what an export
    prints as the unit induk of a row (from the row's path). One query."""
    return dict(UnitKerja.objects.filter(instansi_id=instansi_id, kedalaman__lte=1).values_list("pk", "nama"))
