"""The pejabat penilai's pages: matriks peran hasil (with "Turunkan") and the approval inbox."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from kinerja.core.http import AuthedHttpRequest
from kinerja.organisasi.policies import pegawai_get_for_user
from kinerja.skp import forms, policies, selectors, services
from kinerja.skp.models import Skp
from kinerja.skp.views.common import aksi


def matriks(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    skp = policies.skp_get_for_user(user=request.user, pk=pk, qs=Skp.objects.select_related("pegawai"))
    m = selectors.matriks_peran_hasil(skp=skp)
    context = {
        "skp": skp,
        "matriks": m,
        "baris": [(row, list(zip(m.kolom, row.cells, strict=True))) for row in m.rows],
        "pemilik": policies.is_pemilik(request.user, skp),
    }
    return render(request, "skp/matriks.html", context)


@aksi
def turunkan(request: AuthedHttpRequest, pk: int) -> HttpResponseBase:
    """Hand my RHK ``pk`` down to one of my bawahan as a pre-filled RHK of their draft."""
    rhk = policies.rhk_get_for_user(user=request.user, pk=pk)
    bawahan = pegawai_get_for_user(
        user=request.user, nip=forms.bersih(forms.TurunkanForm(request.POST))["nip"]
    )
    services.rhk_turunkan(rhk_atasan=rhk, bawahan=bawahan, actor=request.user)
    messages.success(request, _("RHK diturunkan kepada %(nama)s.") % {"nama": bawahan.nama})
    return redirect("skp:matriks", pk=rhk.skp_id)


def inbox(request: AuthedHttpRequest) -> HttpResponse:
    me = request.user.pegawai
    if me is None:
        raise PermissionDenied(_("Akun ini tidak terhubung ke data pegawai."))
    tahun = forms.TahunForm(request.GET or None).tahun_or_now()
    context = {
        "rows": selectors.inbox(penilai=me, tahun=tahun),
        "tahun": tahun,
        "pilihan_tahun": _tahun(tahun),
    }
    return render(request, "skp/inbox.html", context)


def _tahun(tahun: int) -> list[int]:
    return list(range(tahun + 1, tahun - 4, -1))
