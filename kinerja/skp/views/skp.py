"""SKP saya (list and create), the SKP editor page, riwayat, the workflow actions, the home card."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.core.http import AuthedHttpRequest
from kinerja.skp import forms, policies, selectors, services
from kinerja.skp.enums import (
    Aspek,
    BentukSkp,
    CoreValue,
    JenisLampiran,
    JenisRhk,
    KlasifikasiRhk,
    Pendekatan,
    Perspektif,
    StatusSkp,
)
from kinerja.skp.models import Skp
from kinerja.skp.views.common import aksi, selesai

if TYPE_CHECKING:
    from kinerja.accounts.models import User


def skp_list(request: AuthedHttpRequest) -> HttpResponse:
    me = request.user.pegawai
    if me is None:
        raise PermissionDenied(_("Akun ini tidak terhubung ke data pegawai."))
    skps = selectors.skp_list(user=request.user, pegawai=me)
    return render(request, "skp/list.html", {"skps": skps, "form": forms.SkpCreateForm.awal(me)})


@aksi
def skp_create(request: AuthedHttpRequest) -> HttpResponseBase:
    data = forms.bersih(forms.SkpCreateForm(request.POST))
    skp = services.skp_create(actor=request.user, **data)
    messages.success(request, _("SKP baru dibuat. Silakan isi rencana hasil kerja."))
    return redirect("skp:detail", pk=skp.pk)


PILIHAN = {
    "jenis": JenisRhk.choices,
    "klasifikasi": KlasifikasiRhk.choices,
    "perspektif": Perspektif.choices,
    "aspek": Aspek.choices,
    "core_value": CoreValue.choices,
    "lampiran": JenisLampiran.choices,
}


def konteks(request: AuthedHttpRequest, skp: Skp) -> dict[str, Any]:
    """What the editor and its fragments show. Queries beyond skp_detail_qs, each at most once:
    the RHK atasan options and whether the penilai has an SKP (JA/JF draft, owner), the pustaka
    ekspektasi (pejabat penilai, while the ekspektasi may change)."""
    user = request.user
    pemilik = policies.is_pemilik(user, skp)
    penilai = policies.is_pejabat_penilai(user, skp)
    bisa_ubah = pemilik and skp.status == StatusSkp.DRAFT
    ja_jf_draft = skp.bentuk == BentukSkp.JA_JF and skp.status == StatusSkp.DRAFT
    rhk = list(skp.rhk.all())
    lampiran = list(skp.lampiran.all())
    pustaka: dict[str, list[str]] = {}
    if penilai and skp.status in (StatusSkp.DRAFT, StatusSkp.DIAJUKAN):
        for item in selectors.pustaka_for(instansi_id=skp.pegawai.instansi_id):
            pustaka.setdefault(item.core_value, []).append(item.kalimat)
    return {
        "skp": skp,
        "pemilik": pemilik,
        "penilai": penilai,
        "bisa_ubah": bisa_ubah,
        "bisa_ekspektasi": penilai and skp.status in (StatusSkp.DRAFT, StatusSkp.DIAJUKAN),
        "kualitatif": skp.pendekatan == Pendekatan.KUALITATIF,
        "jpt": skp.bentuk == BentukSkp.JPT,
        "grup_rhk": [
            (jenis, label, [r for r in rhk if r.jenis == jenis]) for jenis, label in JenisRhk.choices
        ],
        "grup_lampiran": [
            (jenis, label, [x for x in lampiran if x.jenis == jenis])
            for jenis, label in JenisLampiran.choices
        ],
        "perilaku": [(p, pustaka.get(p.core_value, [])) for p in skp.perilaku.all()],
        "rhk_atasan_options": selectors.rhk_atasan_options(skp) if bisa_ubah else [],
        "penilai_tanpa_skp": pemilik and ja_jf_draft and selectors.penilai_tanpa_skp(skp),
        "pilihan": PILIHAN,
    }


def skp_detail(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    qs = selectors.skp_detail_qs().defer("snapshot")  # the frozen copy is for the documents
    skp = policies.skp_get_for_user(user=request.user, pk=pk, qs=qs, pemilik_dulu=True)
    return render(request, "skp/detail.html", konteks(request, skp))


def skp_riwayat(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    skp = policies.skp_get_for_user(user=request.user, pk=pk, qs=Skp.objects.select_related("pegawai"))
    return render(request, "skp/riwayat.html", {"skp": skp, "riwayat": selectors.riwayat_of(skp)})


AKSI: dict[str, tuple[Callable[[Skp, User, str], Skp], str]] = {
    "ajukan": (lambda skp, user, catatan: services.skp_ajukan(skp=skp, actor=user), _("SKP diajukan.")),
    "batal-ajukan": (
        lambda skp, user, catatan: services.skp_batal_ajukan(skp=skp, actor=user),
        _("Pengajuan SKP dibatalkan; SKP kembali menjadi draf."),
    ),
    "revisi": (
        lambda skp, user, catatan: services.skp_revisi(skp=skp, actor=user, catatan=catatan),
        _("Revisi SKP dibuat sebagai draf baru."),
    ),
    "setujui": (
        lambda skp, user, catatan: services.skp_setujui(skp=skp, actor=user, catatan=catatan),
        _("SKP disetujui."),
    ),
    "kembalikan": (
        lambda skp, user, catatan: services.skp_kembalikan(skp=skp, actor=user, catatan=catatan),
        _("SKP dikembalikan kepada pegawai."),
    ),
}


@aksi
def skp_aksi(request: AuthedHttpRequest, pk: int, nama: str) -> HttpResponseBase:
    """One workflow step (each calls one service); the inbox sends ``next`` to come back to it."""
    if nama not in AKSI:
        return HttpResponse(status=404)
    skp = policies.skp_get_for_user(user=request.user, pk=pk)
    catatan = forms.bersih(forms.CatatanForm(request.POST))["catatan"]
    service, pesan = AKSI[nama]
    hasil = service(skp, request.user, catatan)
    messages.success(request, pesan)
    tujuan = request.POST.get("next", "")
    if tujuan.startswith(reverse("skp:inbox")):  # acted from the inbox: back to it
        return selesai(request, tujuan)
    return selesai(request, reverse("skp:detail", args=[hasil.pk]))


def home_card(request: AuthedHttpRequest) -> HttpResponse:
    """The SKP card of the home page, loaded by htmx (organisasi's home view stays unaware)."""
    me = request.user.pegawai
    ringkasan = selectors.ringkasan_beranda(pegawai=me, tahun=timezone.localdate().year) if me else None
    return render(request, "skp/_home_card.html", {"ringkasan": ringkasan})
