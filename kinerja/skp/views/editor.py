"""Inline editing of an SKP draft: RHK, indikator, ekspektasi khusus, lampiran.

Each view answers htmx with the changed fragment (the RHK section, one RHK card, the perilaku or
lampiran section) and a plain POST with a redirect to the editor, so the page works without JS.
"""

from __future__ import annotations

from typing import Any, cast

from django.http import HttpResponseBase
from django.urls import reverse

from kinerja.core.http import AuthedHttpRequest
from kinerja.skp import forms, policies, selectors, services
from kinerja.skp.enums import BentukSkp, Pendekatan, StatusSkp
from kinerja.skp.views.common import aksi, htmx_or_redirect
from kinerja.skp.views.skp import PILIHAN, konteks


def _bagian(request: AuthedHttpRequest, skp_pk: int, template: str, anchor: str) -> HttpResponseBase:
    """Re-render one section of the editor from a fresh fetch (fixed query count)."""
    url = reverse("skp:detail", args=[skp_pk]) + anchor
    if not request.htmx:
        return htmx_or_redirect(request, template, {}, url)
    skp = policies.skp_get_for_user(user=request.user, pk=skp_pk, qs=selectors.skp_detail_qs())
    return htmx_or_redirect(request, template, konteks(request, skp), url)


def _kartu(request: AuthedHttpRequest, rhk_pk: int) -> HttpResponseBase:
    """Re-render one RHK card after a change to its indikator."""
    rhk = selectors.rhk_card(pk=rhk_pk)
    skp = rhk.skp
    context: dict[str, Any] = {
        "r": rhk,
        "skp": skp,
        "bisa_ubah": policies.is_pemilik(request.user, skp) and skp.status == StatusSkp.DRAFT,
        "kualitatif": skp.pendekatan == Pendekatan.KUALITATIF,
        "jpt": skp.bentuk == BentukSkp.JPT,
        "rhk_atasan_options": selectors.rhk_atasan_options(skp) if request.htmx else [],
        "pilihan": PILIHAN,
    }
    url = reverse("skp:detail", args=[skp.pk]) + f"#rhk-{rhk.pk}"
    return htmx_or_redirect(request, "skp/_rhk.html", context, url)


def _rhk_data(request: AuthedHttpRequest, skp_bentuk: str, pendekatan: str) -> services.RhkData:
    data = forms.RhkForm(request.POST).data_for(
        bentuk=skp_bentuk, kualitatif=pendekatan == Pendekatan.KUALITATIF
    )
    return cast(services.RhkData, data)


@aksi
def rhk_create(request: AuthedHttpRequest, pk: int) -> HttpResponseBase:
    skp = policies.skp_get_for_user(user=request.user, pk=pk)
    services.rhk_create(skp=skp, actor=request.user, data=_rhk_data(request, skp.bentuk, skp.pendekatan))
    return _bagian(request, skp.pk, "skp/_rhk_section.html", "#rhk")


@aksi
def rhk_update(request: AuthedHttpRequest, pk: int) -> HttpResponseBase:
    rhk = policies.rhk_get_for_user(user=request.user, pk=pk)
    data = _rhk_data(request, rhk.skp.bentuk, rhk.skp.pendekatan)
    services.rhk_update(rhk=rhk, actor=request.user, data=data)
    return _bagian(request, rhk.skp_id, "skp/_rhk_section.html", f"#rhk-{rhk.pk}")


@aksi
def rhk_delete(request: AuthedHttpRequest, pk: int) -> HttpResponseBase:
    rhk = policies.rhk_get_for_user(user=request.user, pk=pk)
    services.rhk_delete(rhk=rhk, actor=request.user)
    return _bagian(request, rhk.skp_id, "skp/_rhk_section.html", "#rhk")


@aksi
def rhk_geser(request: AuthedHttpRequest, pk: int) -> HttpResponseBase:
    rhk = policies.rhk_get_for_user(user=request.user, pk=pk)
    arah = forms.bersih(forms.GeserForm(request.POST))["arah"]
    services.rhk_geser(rhk=rhk, actor=request.user, arah=arah)
    return _bagian(request, rhk.skp_id, "skp/_rhk_section.html", f"#rhk-{rhk.pk}")


@aksi
def indikator_create(request: AuthedHttpRequest, pk: int) -> HttpResponseBase:
    rhk = policies.rhk_get_for_user(user=request.user, pk=pk)
    data = forms.bersih(forms.IndikatorForm(request.POST))
    services.indikator_create(rhk=rhk, actor=request.user, data=cast(services.IndikatorData, data))
    return _kartu(request, rhk.pk)


@aksi
def indikator_update(request: AuthedHttpRequest, pk: int) -> HttpResponseBase:
    indikator = policies.indikator_get_for_user(user=request.user, pk=pk)
    data = forms.bersih(forms.IndikatorForm(request.POST))
    services.indikator_update(
        indikator=indikator, actor=request.user, data=cast(services.IndikatorData, data)
    )
    return _kartu(request, indikator.rhk_id)


@aksi
def indikator_delete(request: AuthedHttpRequest, pk: int) -> HttpResponseBase:
    indikator = policies.indikator_get_for_user(user=request.user, pk=pk)
    services.indikator_delete(indikator=indikator, actor=request.user)
    return _kartu(request, indikator.rhk_id)


@aksi
def indikator_geser(request: AuthedHttpRequest, pk: int) -> HttpResponseBase:
    indikator = policies.indikator_get_for_user(user=request.user, pk=pk)
    arah = forms.bersih(forms.GeserForm(request.POST))["arah"]
    services.indikator_geser(indikator=indikator, actor=request.user, arah=arah)
    return _kartu(request, indikator.rhk_id)


@aksi
def ekspektasi(request: AuthedHttpRequest, pk: int) -> HttpResponseBase:
    skp = policies.skp_get_for_user(user=request.user, pk=pk)
    services.perilaku_set_ekspektasi(
        skp=skp, actor=request.user, **forms.bersih(forms.EkspektasiForm(request.POST))
    )
    return _bagian(request, skp.pk, "skp/_perilaku.html", "#perilaku")


@aksi
def lampiran_create(request: AuthedHttpRequest, pk: int) -> HttpResponseBase:
    skp = policies.skp_get_for_user(user=request.user, pk=pk)
    services.lampiran_create(skp=skp, actor=request.user, **forms.bersih(forms.LampiranForm(request.POST)))
    return _bagian(request, skp.pk, "skp/_lampiran.html", "#lampiran")


@aksi
def lampiran_update(request: AuthedHttpRequest, pk: int, lampiran_pk: int) -> HttpResponseBase:
    skp = policies.skp_get_for_user(user=request.user, pk=pk)
    lampiran = selectors.lampiran_get(skp=skp, pk=lampiran_pk)
    uraian = forms.bersih(forms.LampiranUbahForm(request.POST))["uraian"]
    services.lampiran_update(lampiran=lampiran, actor=request.user, uraian=uraian)
    return _bagian(request, skp.pk, "skp/_lampiran.html", "#lampiran")


@aksi
def lampiran_delete(request: AuthedHttpRequest, pk: int, lampiran_pk: int) -> HttpResponseBase:
    skp = policies.skp_get_for_user(user=request.user, pk=pk)
    lampiran = selectors.lampiran_get(skp=skp, pk=lampiran_pk)
    services.lampiran_delete(lampiran=lampiran, actor=request.user)
    return _bagian(request, skp.pk, "skp/_lampiran.html", "#lampiran")
