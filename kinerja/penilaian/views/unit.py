"""The distribution of a unit's predikat for one period and its predikat organisasi (issue #4 point 6,
domain.md §3.15, §4.3, §4.4): the counts against the pola distribusi, every broken rule, and the
form of the pimpinan of the unit above (or the admin) to set the unit's and its children's capaian."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.core.http import AuthedHttpRequest
from kinerja.organisasi.policies import unit_get_for_user
from kinerja.penilaian import forms_tim, policies, rules, selectors, services
from kinerja.penilaian.enums import JenisPeriode, PredikatOrganisasi, PredikatPegawai
from kinerja.skp.views.common import aksi, kembali


@dataclass(frozen=True)
class Batang:
    """One bar of the chart: a predikat, its count, its share of the rated pegawai and, when a rule
    of the pola distribusi is about that predikat alone, the allowed range."""

    kode: str
    label: str
    jumlah: int
    persen: int
    rentang: rules.Rentang | None


def panel(distribusi: selectors.Distribusi) -> dict[str, Any]:
    """The context of the distribution panel (shared with the team page)."""
    hasil = distribusi.hasil
    total = sum(distribusi.jumlah.values())
    sendiri = {r.kelompok[0]: r for r in (hasil.rentang if hasil else []) if len(r.kelompok) == 1}
    batang = [
        Batang(
            kode=kode,
            label=str(label),
            jumlah=distribusi.jumlah.get(kode, 0),
            persen=round(100 * distribusi.jumlah.get(kode, 0) / total) if total else 0,
            rentang=sendiri.get(kode),
        )
        for kode, label in PredikatPegawai.choices
    ]
    return {
        "distribusi": distribusi,
        "hasil": hasil,
        "total_dinilai": total,
        "batang": batang,
        "label_organisasi": rules.LABEL_ORGANISASI.get(distribusi.predikat_organisasi, ""),
    }


def pilihan_context(pilihan: forms_tim.PeriodePilihan) -> dict[str, Any]:
    """The period chooser's options around the chosen period."""
    tahun = timezone.localdate().year
    return {
        "pilihan": pilihan,
        "pilihan_tahun": sorted({*range(tahun + 1, tahun - 4, -1), pilihan.tahun}, reverse=True),
        "pilihan_jenis": JenisPeriode.choices,
        "pilihan_nomor": range(1, 13),
        "query_periode": urlencode({"tahun": pilihan.tahun, "jenis": pilihan.jenis, "nomor": pilihan.nomor}),
    }


def unit_distribusi(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    unit = unit_get_for_user(user=request.user, pk=pk)
    pengaturan = services.pengaturan_for(unit.instansi_id)
    pilihan = forms_tim.PeriodeForm(request.GET or None).pilihan(pengaturan.frekuensi)
    periode = pilihan.kw
    anak = selectors.unit_anak_predikat(unit=unit, **periode)
    context = {
        "unit": unit,
        "anak": anak,
        "boleh_set": policies.may_set_predikat_organisasi(request.user, unit),
        # Every child has this unit as parent: one check answers for all of them.
        "boleh_set_anak": bool(anak) and policies.may_set_predikat_organisasi(request.user, anak[0]),
        "pilihan_predikat": PredikatOrganisasi.choices,
        **pilihan_context(pilihan),
        **panel(selectors.distribusi_unit(unit=unit, bulat_bawah=pengaturan.pembulatan_bawah, **periode)),
    }
    return render(request, "penilaian/unit_distribusi.html", context)


@aksi
def unit_predikat(request: AuthedHttpRequest, pk: int) -> HttpResponseBase:
    unit = unit_get_for_user(user=request.user, pk=pk)
    data = forms_tim.bersih(forms_tim.PredikatOrganisasiForm(request.POST))
    services.predikat_organisasi_set(
        unit=unit,
        actor=request.user,
        tahun=data["tahun"],
        jenis=data["jenis"],
        nomor=data["nomor"],
        predikat=data["predikat"],
    )
    messages.success(
        request,
        _("Predikat organisasi %(unit)s ditetapkan: %(predikat)s.")
        % {"unit": unit.nama, "predikat": rules.LABEL_ORGANISASI[data["predikat"]]},
    )
    query = urlencode({"tahun": data["tahun"], "jenis": data["jenis"], "nomor": data["nomor"]})
    return kembali(request, f"{reverse('penilaian:unit_distribusi', args=[unit.pk])}?{query}")


urlpatterns = [
    path("unit/<int:pk>/", unit_distribusi, name="unit_distribusi"),
    path("unit/<int:pk>/predikat/", unit_predikat, name="unit_predikat"),
]
