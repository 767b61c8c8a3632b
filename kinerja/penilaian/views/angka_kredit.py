"""Angka kredit of a pejabat fungsional (issue #4 point 8, domain.md §0.3, §7): the konversi of each
finalised period, the totals, the accumulation and the distance to the next pangkat and jenjang."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.core.http import AuthedHttpRequest
from kinerja.organisasi.enums import JenisJabatan, JenjangJF
from kinerja.organisasi.models import Pegawai
from kinerja.organisasi.policies import pegawai_get_for_user
from kinerja.penilaian import forms_tim, rules, selectors


@dataclass(frozen=True)
class Kemajuan:
    """One progress bar: the accumulation against a threshold of the current jenjang."""

    label: str
    batas: str
    kurang: str
    persen: int


def _kemajuan(label: str, kumulatif: Decimal, batas: Decimal, kurang: Decimal) -> Kemajuan:
    persen = int(min(Decimal(100), 100 * kumulatif / batas)) if batas else 100
    return Kemajuan(label=label, batas=rules.tampil_ak(batas), kurang=rules.tampil_ak(kurang), persen=persen)


def _halaman(request: AuthedHttpRequest, pegawai: Pegawai) -> HttpResponse:
    tahun = forms_tim.TahunForm(request.GET or None).tahun_or_none()
    ak = selectors.angka_kredit_pegawai(pegawai=pegawai, tahun=tahun)
    jabatan = pegawai.jabatan
    jenjang = jabatan.jenjang if jabatan.jenis == JenisJabatan.FUNGSIONAL else ""
    kemajuan = []
    if ak.jarak is not None and jenjang:
        aturan = rules.JENJANG_JF[jenjang]
        kemajuan.append(
            _kemajuan(
                _("Kenaikan pangkat"), ak.kumulatif, aturan.ak_kenaikan_pangkat, ak.jarak.kurang_pangkat
            )
        )
        if aturan.ak_kenaikan_jenjang is not None and ak.jarak.kurang_jenjang is not None:
            berikut = dict(JenjangJF.choices).get(aturan.berikut or "", "")
            kemajuan.append(
                _kemajuan(
                    _("Kenaikan jenjang ke %(j)s") % {"j": berikut},
                    ak.kumulatif,
                    aturan.ak_kenaikan_jenjang,
                    ak.jarak.kurang_jenjang,
                )
            )
    context = {
        "pegawai": pegawai,
        "fungsional": bool(jenjang),
        "jenjang_label": dict(JenjangJF.choices).get(jenjang, ""),
        "tahun": tahun,
        "rows": [(r, rules.tampil_ak(r.angka_kredit), rules.tampil_ak(r.koefisien)) for r in ak.rows],
        "total_tahun": rules.tampil_ak(ak.total_tahun),
        "kumulatif": rules.tampil_ak(ak.kumulatif),
        "kemajuan": kemajuan,
        "pilihan_tahun": range(timezone.localdate().year, timezone.localdate().year - 6, -1),
    }
    return render(request, "penilaian/angka_kredit.html", context)


def angka_kredit_saya(request: AuthedHttpRequest) -> HttpResponse:
    if request.user.pegawai is None:
        raise PermissionDenied(_("Akun ini tidak terhubung ke data pegawai."))
    pegawai = pegawai_get_for_user(
        user=request.user, nip=request.user.pegawai.nip, qs=Pegawai.objects.select_related("jabatan")
    )
    return _halaman(request, pegawai)


def angka_kredit(request: AuthedHttpRequest, nip: str) -> HttpResponse:
    pegawai = pegawai_get_for_user(user=request.user, nip=nip, qs=Pegawai.objects.select_related("jabatan"))
    return _halaman(request, pegawai)


urlpatterns = [
    path("angka-kredit/", angka_kredit_saya, name="angka_kredit_saya"),
    path("angka-kredit/<str:nip>/", angka_kredit, name="angka_kredit"),
]
