"""Who may see and do what in the evaluation (domain.md §5.3).

A period (and everything in it) is visible to whoever may see its SKP. The pegawai fills realisasi
and bukti; the pejabat penilai gives feedback, rates and finalises; the atasan pejabat penilai
decides a keberatan; the pimpinan of the unit above sets a unit's predikat organisasi.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from kinerja.organisasi.models import Pegawai, UnitKerja
from kinerja.organisasi.policies import is_admin_of
from kinerja.penilaian.models import BuktiDukung, PeriodePenilaian
from kinerja.skp.policies import skp_visible_to

if TYPE_CHECKING:
    from kinerja.accounts.models import User


def periode_visible_to(user: User) -> QuerySet[PeriodePenilaian]:
    return PeriodePenilaian.objects.filter(skp__in=skp_visible_to(user).values("pk"))


def periode_get_for_user(
    *, user: User, pk: int, qs: QuerySet[PeriodePenilaian] | None = None, pemilik_dulu: bool = False
) -> PeriodePenilaian:
    """The period if the user may see it; 404 otherwise. ``pemilik_dulu`` (the owner's writes):
    first one plain query for a period of the user's own SKP, which is always visible to them; the
    visibility subquery only when that finds nothing."""
    base = qs if qs is not None else PeriodePenilaian.objects.select_related("skp")
    if pemilik_dulu and user.pegawai_id is not None:
        milik = base.filter(pk=pk, skp__pegawai_id=user.pegawai_id).first()
        if milik is not None:
            return milik
    try:
        return base.filter(pk__in=periode_visible_to(user).values("pk")).get(pk=pk)
    except PeriodePenilaian.DoesNotExist:
        raise Http404("Periode penilaian tidak ditemukan.") from None


def bukti_get_for_user(*, user: User, pk: int) -> BuktiDukung:
    """A bukti dukung the user may see (its period's SKP is visible); 404 otherwise."""
    try:
        return BuktiDukung.objects.select_related("periode__skp").get(
            pk=pk, periode__in=periode_visible_to(user).values("pk")
        )
    except BuktiDukung.DoesNotExist:
        raise Http404("Bukti dukung tidak ditemukan.") from None


def is_pemilik(user: User, periode: PeriodePenilaian) -> bool:
    return user.pegawai_id is not None and user.pegawai_id == periode.skp.pegawai_id


def is_penilai(user: User, periode: PeriodePenilaian) -> bool:
    return user.pegawai_id is not None and user.pegawai_id == periode.skp.pejabat_penilai_id


def is_atasan_penilai(user: User, periode: PeriodePenilaian) -> bool:
    return user.pegawai_id is not None and user.pegawai_id == periode.skp.atasan_pejabat_penilai_id


def require_pemilik(user: User, periode: PeriodePenilaian) -> None:
    if not is_pemilik(user, periode):
        raise PermissionDenied("Hanya pegawai yang dinilai yang boleh mengisi ini.")


def require_penilai(user: User, periode: PeriodePenilaian) -> None:
    if not is_penilai(user, periode):
        raise PermissionDenied("Hanya pejabat penilai yang boleh melakukan ini.")


def require_atasan_penilai(user: User, periode: PeriodePenilaian) -> None:
    if not is_atasan_penilai(user, periode):
        raise PermissionDenied("Hanya atasan pejabat penilai yang boleh memutuskan keberatan.")


def pimpinan_of(unit: UnitKerja) -> Pegawai | None:
    """The pegawai who holds the unit's pimpinan jabatan in that unit."""
    if unit.pimpinan_jabatan_id is None:
        return None
    return (
        Pegawai.objects.filter(unit_kerja=unit, jabatan_id=unit.pimpinan_jabatan_id, aktif=True)
        .order_by("pk")
        .first()
    )


def may_set_predikat_organisasi(user: User, unit: UnitKerja) -> bool:
    """The pimpinan of the organisation above the unit sets its predikat (domain.md §4.3, C); the
    admin instansi (pengelola kinerja) may record it for them (§5.3 "prepare")."""
    if is_admin_of(user, unit.instansi_id):
        return True
    if user.pegawai_id is None or unit.parent_id is None:
        return False
    parent = UnitKerja.objects.get(pk=unit.parent_id)
    pimpinan = pimpinan_of(parent)
    return pimpinan is not None and pimpinan.pk == user.pegawai_id


def require_predikat_organisasi(user: User, unit: UnitKerja) -> None:
    if not may_set_predikat_organisasi(user, unit):
        raise PermissionDenied("Hanya pimpinan unit di atasnya yang boleh menetapkan predikat organisasi.")
