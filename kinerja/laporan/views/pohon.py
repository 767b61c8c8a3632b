"""The pohon kinerja (issue #5, domain.md §4.5): the cascade of RHK of a year as a collapsible tree.

Each node is one RHK with its owner, the owner's SKP status and latest predikat; its children are
the RHK that intervene it (``rhk_atasan``). An admin sees the whole instansi; a pegawai sees the tree
under their own RHK, with their atasan chain's RHK above it greyed. Built from a fixed number of
queries (all RHK of the year in one, the latest predikat per pegawai in one) and assembled here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path
from django.utils import timezone
from django.views.decorators.http import require_GET

from kinerja.accounts.models import User
from kinerja.core.http import AuthedHttpRequest
from kinerja.organisasi.models import UnitKerja
from kinerja.organisasi.policies import instansi_for_admin, pegawai_visible_to, unit_visible_to
from kinerja.penilaian import forms_tim
from kinerja.penilaian import selectors as penilaian_selectors
from kinerja.skp import selectors as skp_selectors
from kinerja.skp.enums import BentukSkp, KlasifikasiRhk
from kinerja.skp.models import RencanaHasilKerja

# Below this depth the tree starts collapsed (an instansi has hundreds of RHK).
KEDALAMAN_TERBUKA = 2


@dataclass
class Simpul:
    rhk: RencanaHasilKerja
    predikat: str
    kedalaman: int = 0
    terbuka: bool = True
    # Part of the user's atasan chain, shown for context above their own RHK.
    redup: bool = False
    # A JA/JF RHK that intervenes no atasan RHK.
    tidak_mengintervensi: bool = False
    # An RHK of someone who rates others that no bawahan RHK intervenes.
    belum_diintervensi: bool = False
    anak: list[Simpul] = field(default_factory=list)


@dataclass
class Pohon:
    akar: list[Simpul]
    jumlah: int
    tidak_mengintervensi: int
    belum_diintervensi: int


def bangun_pohon(
    rhk: list[RencanaHasilKerja],
    *,
    predikat: dict[int, str],
    visible: set[int] | None,
    milik: int | None,
    unit: UnitKerja | None = None,
) -> Pohon:
    """Assemble the forest. ``visible`` None: everything (an admin); else the pegawai ids the user may
    see, and ``milik`` the user's own pegawai id: the tree starts at their RHK, their atasan chain
    greyed above. ``unit`` keeps the RHK of the unit and the units below it, from its highest RHK."""
    by_id = {r.pk: r for r in rhk}
    anak_semua: dict[int, list[int]] = {}
    for r in rhk:
        if r.rhk_atasan_id in by_id:
            anak_semua.setdefault(r.rhk_atasan_id, []).append(r.pk)

    redup: set[int] = set()
    if visible is None:
        termasuk = set(by_id)
    else:
        # The user's own RHK and everything that intervenes them, down every level.
        termasuk = set()
        antrian = [r.pk for r in rhk if r.skp.pegawai_id == milik]
        while antrian:
            pk = antrian.pop()
            if pk in termasuk or by_id[pk].skp.pegawai_id not in visible:
                continue
            termasuk.add(pk)
            antrian.extend(anak_semua.get(pk, []))
        # The atasan chain above the user's own RHK, greyed.
        for r in rhk:
            if r.skp.pegawai_id != milik:
                continue
            atas = r.rhk_atasan_id
            while atas in by_id and atas not in termasuk and by_id[atas].skp.pegawai_id in visible:
                redup.add(atas)
                termasuk.add(atas)
                atas = by_id[atas].rhk_atasan_id
    if unit is not None:
        termasuk = {pk for pk in termasuk if by_id[pk].skp.unit_kerja.path.startswith(unit.path)}
        redup &= termasuk

    hitung = {"jumlah": 0, "tidak": 0, "belum": 0}

    def simpul(pk: int, kedalaman: int, jalur: frozenset[int], relatif: int) -> Simpul:
        r = by_id[pk]
        s = Simpul(
            rhk=r,
            predikat=predikat.get(r.skp.pegawai_id, ""),
            kedalaman=kedalaman,
            # The greyed chain stays open down to the user's own RHK; below it, as for an admin,
            # only the first KEDALAMAN_TERBUKA levels start open.
            terbuka=pk in redup or relatif < KEDALAMAN_TERBUKA,
            redup=pk in redup,
            tidak_mengintervensi=r.skp.bentuk == BentukSkp.JA_JF and r.rhk_atasan_id is None,
            belum_diintervensi=bool(getattr(r, "punya_bawahan", False))
            and not anak_semua.get(pk)
            and r.klasifikasi != KlasifikasiRhk.INDIVIDU,
        )
        hitung["jumlah"] += 1
        hitung["tidak"] += s.tidak_mengintervensi
        hitung["belum"] += s.belum_diintervensi
        s.anak = [
            simpul(a, kedalaman + 1, jalur | {pk}, relatif if pk in redup else relatif + 1)
            for a in anak_semua.get(pk, [])
            if a in termasuk and a not in jalur  # a broken link never loops
        ]
        return s

    akar = [
        simpul(r.pk, 0, frozenset(), 0) for r in rhk if r.pk in termasuk and r.rhk_atasan_id not in termasuk
    ]
    return Pohon(
        akar=akar,
        jumlah=hitung["jumlah"],
        tidak_mengintervensi=hitung["tidak"],
        belum_diintervensi=hitung["belum"],
    )


def _cakupan(user: User) -> tuple[int | None, set[int] | None]:
    """(instansi id, visible pegawai ids or None for all): an admin sees the whole instansi."""
    if user.is_admin_instansi or user.is_superadmin:
        return instansi_for_admin(user).pk, None
    if user.pegawai is None:
        return None, set()
    return user.pegawai.instansi_id, set(pegawai_visible_to(user).values_list("pk", flat=True))


@require_GET
def pohon(request: AuthedHttpRequest) -> HttpResponse:
    tahun = forms_tim.TahunForm(request.GET or None).tahun_or_none() or timezone.localdate().year
    instansi_id, visible = _cakupan(request.user)
    units = (
        list(unit_visible_to(request.user).filter(instansi_id=instansi_id).order_by("path"))
        if instansi_id is not None
        else []
    )
    unit_id = request.GET.get("unit", "")
    unit = next((u for u in units if str(u.pk) == unit_id), None)
    if instansi_id is None:
        data = Pohon(akar=[], jumlah=0, tidak_mengintervensi=0, belum_diintervensi=0)
    else:
        data = bangun_pohon(
            skp_selectors.rhk_pohon(instansi_id=instansi_id, tahun=tahun),
            predikat=penilaian_selectors.predikat_terakhir(instansi_id=instansi_id, tahun=tahun),
            visible=visible,
            milik=request.user.pegawai_id,
            unit=unit,
        )
    now = timezone.localdate().year
    context = {
        "pohon": data,
        "tahun": tahun,
        "pilihan_tahun": sorted({*range(now + 1, now - 4, -1), tahun}, reverse=True),
        "units": units,
        "unit": unit,
        "admin": visible is None,
    }
    return render(request, "laporan/pohon.html", context)


urlpatterns: list[URLPattern] = [
    path("pohon/", pohon, name="pohon"),
]
