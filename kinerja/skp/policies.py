"""Who may see and change an SKP (domain.md §5.3): one visibility queryset, one access function.

An SKP is visible to whoever may see its pegawai (organisasi.policies). Its pegawai changes its
content while it is a DRAFT; its pejabat penilai reviews it and writes the ekspektasi khusus.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from kinerja.organisasi.policies import pegawai_visible_to
from kinerja.skp.enums import StatusSkp
from kinerja.skp.models import Indikator, Lampiran, RencanaHasilKerja, Skp

if TYPE_CHECKING:
    from kinerja.accounts.models import User


def skp_visible_to(user: User) -> QuerySet[Skp]:
    return Skp.objects.filter(pegawai__in=pegawai_visible_to(user).values("pk"))


def skp_get_for_user(
    *, user: User, pk: int, qs: QuerySet[Skp] | None = None, pemilik_dulu: bool = False
) -> Skp:
    """The SKP if the user may see it; 404 otherwise (never 403: no leak). ``pemilik_dulu`` (pages
    the owner opens most): first the SKP as one of the user's own, which they always see, without
    the visibility subquery; that subquery only when it is not theirs."""
    base = qs if qs is not None else Skp.objects.all()
    if pemilik_dulu and user.pegawai_id is not None:
        milik = base.filter(pk=pk, pegawai_id=user.pegawai_id).first()
        if milik is not None:
            return milik
    try:
        return base.filter(pk__in=skp_visible_to(user).values("pk")).get(pk=pk)
    except Skp.DoesNotExist:
        raise Http404("SKP tidak ditemukan.") from None


def rhk_get_for_user(*, user: User, pk: int) -> RencanaHasilKerja:
    try:
        return RencanaHasilKerja.objects.select_related("skp").get(
            pk=pk, skp__in=skp_visible_to(user).values("pk")
        )
    except RencanaHasilKerja.DoesNotExist:
        raise Http404("RHK tidak ditemukan.") from None


def indikator_get_for_user(*, user: User, pk: int) -> Indikator:
    try:
        return Indikator.objects.select_related("rhk__skp").get(
            pk=pk, rhk__skp__in=skp_visible_to(user).values("pk")
        )
    except Indikator.DoesNotExist:
        raise Http404("Indikator tidak ditemukan.") from None


def is_pemilik(user: User, skp: Skp) -> bool:
    return user.pegawai_id is not None and user.pegawai_id == skp.pegawai_id


def is_pejabat_penilai(user: User, skp: Skp) -> bool:
    if user.pegawai_id is None:
        return False
    if skp.status == StatusSkp.DRAFT:
        # A draft's pejabat penilai follows the organisation until it is submitted (skp_ajukan
        # copies it then); the copy on the row may be stale after a change of pejabat penilai.
        return user.pegawai_id == skp.pegawai.pejabat_penilai_id
    return user.pegawai_id == skp.pejabat_penilai_id


def require_pemilik(user: User, skp: Skp) -> None:
    if not is_pemilik(user, skp):
        raise PermissionDenied("Hanya pegawai pemilik SKP yang boleh mengubahnya.")


def require_pejabat_penilai(user: User, skp: Skp) -> None:
    if not is_pejabat_penilai(user, skp):
        raise PermissionDenied("Hanya pejabat penilai SKP ini yang boleh melakukannya.")


def lampiran_get_for_user(*, user: User, pk: int) -> Lampiran:
    try:
        return Lampiran.objects.select_related("skp").get(pk=pk, skp__in=skp_visible_to(user).values("pk"))
    except Lampiran.DoesNotExist:
        raise Http404("Lampiran tidak ditemukan.") from None
