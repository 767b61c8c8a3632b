"""Download of the Penetapan Predikat Kinerja of a unit for one period (domain.md §3.15, §6.6)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import BadRequest
from django.http import HttpResponse
from django.urls import URLPattern, path
from django.views.decorators.http import require_GET

from kinerja.core.http import AuthedHttpRequest
from kinerja.laporan import dokumen_unit
from kinerja.laporan.views.dokumen import pdf_response
from kinerja.penilaian.enums import JenisPeriode


class PeriodeUnitForm(forms.Form):
    tahun = forms.IntegerField(min_value=2000, max_value=2100)
    jenis = forms.ChoiceField(choices=JenisPeriode.choices)
    nomor = forms.IntegerField(min_value=1, max_value=12)


@require_GET
def unit_penetapan(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    form = PeriodeUnitForm(request.GET)
    if not form.is_valid():
        raise BadRequest("Periode tidak valid: isi tahun, jenis dan nomor periode.")
    terbit = dokumen_unit.buat_unit(
        user=request.user,
        unit_id=pk,
        tahun=form.cleaned_data["tahun"],
        jenis=form.cleaned_data["jenis"],
        nomor=form.cleaned_data["nomor"],
    )
    return pdf_response(terbit, inline=request.GET.get("lihat") == "1")


urlpatterns: list[URLPattern] = [
    path("unit/<int:pk>/penetapan-predikat.pdf", unit_penetapan, name="unit_penetapan"),
]
