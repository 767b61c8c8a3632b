"""Pengaturan SKP of an instansi (admin instansi only): pustaka ekspektasi and lampiran bawaan."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from kinerja.core.http import AuthedHttpRequest
from kinerja.organisasi.policies import instansi_for_admin
from kinerja.skp import forms, selectors, services
from kinerja.skp.enums import CoreValue, JenisLampiran
from kinerja.skp.views.common import aksi


def pengaturan(request: AuthedHttpRequest) -> HttpResponse:
    instansi = instansi_for_admin(request.user)
    pustaka = list(selectors.pustaka_for(instansi_id=instansi.pk))
    bawaan = list(selectors.lampiran_bawaan_for(instansi_id=instansi.pk))
    context = {
        "instansi": instansi,
        "pustaka": [
            (cv, label, [p for p in pustaka if p.core_value == cv]) for cv, label in CoreValue.choices
        ],
        "bawaan": [(j, label, [b for b in bawaan if b.jenis == j]) for j, label in JenisLampiran.choices],
    }
    return render(request, "skp/pengaturan.html", context)


@aksi
def pustaka_create(request: AuthedHttpRequest) -> HttpResponseBase:
    instansi = instansi_for_admin(request.user)
    data = forms.bersih(forms.PustakaForm(request.POST))
    services.pustaka_create(instansi_id=instansi.pk, actor=request.user, **data)
    messages.success(request, _("Kalimat ekspektasi ditambahkan."))
    return redirect("skp:pengaturan")


@aksi
def pustaka_delete(request: AuthedHttpRequest, pk: int) -> HttpResponseBase:
    instansi = instansi_for_admin(request.user)
    item = selectors.pustaka_get(instansi_id=instansi.pk, pk=pk)
    services.pustaka_delete(item=item, actor=request.user)
    messages.success(request, _("Kalimat ekspektasi dihapus."))
    return redirect("skp:pengaturan")


@aksi
def lampiran_bawaan_create(request: AuthedHttpRequest) -> HttpResponseBase:
    instansi = instansi_for_admin(request.user)
    data = forms.bersih(forms.LampiranBawaanForm(request.POST))
    services.lampiran_bawaan_create(instansi_id=instansi.pk, actor=request.user, **data)
    messages.success(request, _("Lampiran bawaan ditambahkan."))
    return redirect("skp:pengaturan")


@aksi
def lampiran_bawaan_delete(request: AuthedHttpRequest, pk: int) -> HttpResponseBase:
    instansi = instansi_for_admin(request.user)
    item = selectors.lampiran_bawaan_get(instansi_id=instansi.pk, pk=pk)
    services.lampiran_bawaan_delete(item=item, actor=request.user)
    messages.success(request, _("Lampiran bawaan dihapus."))
    return redirect("skp:pengaturan")
