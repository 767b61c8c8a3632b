"""Who may see and change organisation data: one visibility queryset per entity (issue #2 §3).

A user sees their own data, their atasan chain and their bawahan (direct and indirect); an admin
instansi sees the whole instansi; a superadmin sees everything; nobody sees another instansi.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from kinerja.organisasi.models import Instansi, Pegawai, RantaiAtasan, UnitKerja

if TYPE_CHECKING:
    from kinerja.accounts.models import User


def is_admin_of(user: User, instansi_id: int | None) -> bool:
    """May this user administer the organisation data of that instansi?"""
    if not user.is_authenticated or instansi_id is None:
        return False
    if user.is_superadmin:
        return True
    return user.is_admin_instansi and user.instansi_id == instansi_id


def pegawai_visible_to(user: User) -> QuerySet[Pegawai]:
    qs = Pegawai.objects.all()
    if not user.is_authenticated:
        return qs.none()
    if user.is_superadmin:
        return qs
    me = user.pegawai_id
    if me is None or user.pegawai is None:
        return qs.none()
    instansi_id = user.pegawai.instansi_id
    if user.is_admin_instansi:
        return qs.filter(instansi_id=instansi_id)
    bawahan = RantaiAtasan.objects.filter(atasan_id=me, pegawai_id=OuterRef("pk"))
    atasan = RantaiAtasan.objects.filter(pegawai_id=me, atasan_id=OuterRef("pk"))
    return qs.filter(instansi_id=instansi_id).filter(Q(pk=me) | Q(Exists(bawahan)) | Q(Exists(atasan)))


def pegawai_get_for_user(*, user: User, nip: str, qs: QuerySet[Pegawai] | None = None) -> Pegawai:
    """The pegawai with this NIP if the user may see them; 404 otherwise (never 403: no leak)."""
    base = qs if qs is not None else Pegawai.objects.all()
    visible = pegawai_visible_to(user).values("pk")
    try:
        return base.filter(pk__in=visible).get(nip=nip)
    except Pegawai.DoesNotExist:
        raise Http404("Pegawai tidak ditemukan.") from None


def instansi_for_admin(user: User) -> Instansi:
    """The instansi an admin works on; 403 for anyone who is not an admin."""
    if user.is_authenticated and (user.is_admin_instansi or user.is_superadmin) and user.pegawai:
        return user.pegawai.instansi
    if user.is_authenticated and user.is_superadmin:
        # A superadmin without a pegawai record works on the first instansi.
        instansi = Instansi.objects.order_by("pk").first()
        if instansi is not None:
            return instansi
    raise PermissionDenied("Hanya admin instansi yang boleh melakukan ini.")


def unit_visible_to(user: User) -> QuerySet[UnitKerja]:
    """Units of the user's own instansi (the tree itself is not secret inside an instansi)."""
    qs = UnitKerja.objects.all()
    if not user.is_authenticated:
        return qs.none()
    if user.is_superadmin:
        return qs
    if user.pegawai is None:
        return qs.none()
    return qs.filter(instansi_id=user.pegawai.instansi_id)


def unit_get_for_user(*, user: User, pk: int) -> UnitKerja:
    try:
        return unit_visible_to(user).get(pk=pk)
    except UnitKerja.DoesNotExist:
        raise Http404("Unit kerja tidak ditemukan.") from None
