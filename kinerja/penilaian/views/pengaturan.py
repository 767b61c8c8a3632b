"""Pengaturan penilaian of an instansi (admin instansi only, issue #4 points 1, 3, 5): the frequency
and deadlines, the pola distribusi severity, the angka kredit source, the pustaka umpan balik and
"Buka kunci periode" for a pegawai or a unit after the deadline."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.core.http import AuthedHttpRequest
from kinerja.organisasi.policies import (
    instansi_for_admin,
    pegawai_get_for_user,
    unit_get_for_user,
    unit_visible_to,
)
from kinerja.penilaian import forms_tim, selectors, services
from kinerja.penilaian.enums import JenisPeriode
from kinerja.skp.views.common import aksi

PENGATURAN = "penilaian:pengaturan"


def pengaturan(request: AuthedHttpRequest) -> HttpResponse:
    instansi = instansi_for_admin(request.user)
    context = {
        "instansi": instansi,
        "pengaturan": services.pengaturan_for(instansi.pk),
        "pilihan_frekuensi": [(c, label) for c, label in JenisPeriode.choices if c != JenisPeriode.AKHIR],
        "pilihan_jenis": JenisPeriode.choices,
        "pustaka": list(selectors.pustaka_umpan_balik_for(instansi_id=instansi.pk)),
        "units": list(unit_visible_to(request.user).filter(instansi=instansi).only("pk", "nama", "path")),
        "buka_kunci": selectors.buka_kunci_terbaru(instansi_id=instansi.pk),
        "hari_ini": timezone.localdate(),
    }
    return render(request, "penilaian/pengaturan.html", context)


@aksi
def pengaturan_simpan(request: AuthedHttpRequest) -> HttpResponseBase:
    instansi = instansi_for_admin(request.user)
    data = forms_tim.bersih(forms_tim.PengaturanForm(request.POST))
    services.pengaturan_update(
        instansi_id=instansi.pk, actor=request.user, data=services.PengaturanData(**data)
    )
    messages.success(request, _("Pengaturan penilaian disimpan."))
    return redirect(PENGATURAN)


@aksi
def pustaka_umpan_balik_tambah(request: AuthedHttpRequest) -> HttpResponseBase:
    instansi = instansi_for_admin(request.user)
    data = forms_tim.bersih(forms_tim.PustakaUmpanBalikForm(request.POST))
    services.pustaka_umpan_balik_tambah(instansi_id=instansi.pk, actor=request.user, kalimat=data["kalimat"])
    messages.success(request, _("Kalimat umpan balik ditambahkan."))
    return redirect(PENGATURAN)


@aksi
def pustaka_umpan_balik_hapus(request: AuthedHttpRequest, pk: int) -> HttpResponseBase:
    instansi = instansi_for_admin(request.user)
    item = selectors.pustaka_umpan_balik_get(instansi_id=instansi.pk, pk=pk)
    services.pustaka_umpan_balik_hapus(item=item, actor=request.user)
    messages.success(request, _("Kalimat umpan balik dihapus."))
    return redirect(PENGATURAN)


@aksi
def buka_kunci(request: AuthedHttpRequest) -> HttpResponseBase:
    instansi_for_admin(request.user)
    data = forms_tim.bersih(forms_tim.BukaKunciForm(request.POST))
    pegawai = pegawai_get_for_user(user=request.user, nip=data["nip"]) if data["nip"] else None
    unit = unit_get_for_user(user=request.user, pk=data["unit"]) if pegawai is None else None
    services.buka_kunci(
        actor=request.user,
        tahun=data["tahun"],
        jenis=data["jenis"],
        nomor=data["nomor"],
        sampai=data["sampai"],
        alasan=data["alasan"],
        pegawai=pegawai,
        unit_kerja=unit,
    )
    messages.success(request, _("Periode dibuka kembali sampai %(t)s.") % {"t": f"{data['sampai']:%d-%m-%Y}"})
    return redirect(PENGATURAN)


urlpatterns = [
    path("pengaturan/", pengaturan, name="pengaturan"),
    path("pengaturan/simpan/", pengaturan_simpan, name="pengaturan_simpan"),
    path("pengaturan/pustaka/", pustaka_umpan_balik_tambah, name="pustaka_umpan_balik_tambah"),
    path("pengaturan/pustaka/<int:pk>/hapus/", pustaka_umpan_balik_hapus, name="pustaka_umpan_balik_hapus"),
    path("pengaturan/buka-kunci/", buka_kunci, name="buka_kunci"),
]
