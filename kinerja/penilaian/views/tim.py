"""The pejabat penilai's team page (issue #4 point 9): one period, every bawahan with their realisasi,
bukti and feedback counts, both ratings in a grid saved on change, the derived predikat, the
Tetapkan button and the distribution of the penilai's unit, updated as they rate."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _

from kinerja.core.http import AuthedHttpRequest
from kinerja.organisasi.models import Pegawai
from kinerja.penilaian import forms_tim, policies, selectors, services
from kinerja.penilaian.enums import Rating
from kinerja.penilaian.models import PeriodePenilaian
from kinerja.penilaian.views.unit import panel, pilihan_context
from kinerja.skp.views.common import aksi

TIM = "penilaian:tim"


def _saya(request: AuthedHttpRequest) -> Pegawai:
    if request.user.pegawai is None:
        raise PermissionDenied(_("Akun ini tidak terhubung ke data pegawai."))
    return request.user.pegawai


def tim(request: AuthedHttpRequest) -> HttpResponse:
    me = _saya(request)
    pengaturan = services.pengaturan_for(me.instansi_id)
    pilihan = forms_tim.PeriodeForm(request.GET or None).pilihan(pengaturan.frekuensi)
    periode = pilihan.kw
    context = {
        "rows": selectors.bulk_review(penilai=me, **periode),
        "rating_choices": Rating.choices,
        "alasan_untuk": request.GET.get("alasan_untuk", ""),
        **pilihan_context(pilihan),
        **panel(
            selectors.distribusi_unit(unit=me.unit_kerja, bulat_bawah=pengaturan.pembulatan_bawah, **periode)
        ),
    }
    return render(request, "penilaian/tim.html", context)


def _periode(request: AuthedHttpRequest, pk: int) -> PeriodePenilaian:
    """A period of one of my bawahan: 404 when not visible, 403 when I do not rate it."""
    periode = policies.periode_get_for_user(user=request.user, pk=pk)
    policies.require_penilai(request.user, periode)
    return periode


def _tim_url(periode: PeriodePenilaian, **extra: Any) -> str:
    query = {"tahun": services.tahun_of(periode), "jenis": periode.jenis, "nomor": periode.nomor, **extra}
    return f"{reverse(TIM)}?{urlencode(query)}"


def _baris(
    request: AuthedHttpRequest, periode: PeriodePenilaian, *, status: int = 200, **extra: Any
) -> HttpResponse:
    """The updated row plus the distribution panel swapped out of band (htmx answers)."""
    me = _saya(request)
    pengaturan = services.pengaturan_for(me.instansi_id)
    distribusi = selectors.distribusi_unit(
        unit=me.unit_kerja,
        tahun=services.tahun_of(periode),
        jenis=periode.jenis,
        nomor=periode.nomor,
        bulat_bawah=pengaturan.pembulatan_bawah,
    )
    context = {
        "row": selectors.review_row(periode_id=periode.pk),
        "rating_choices": Rating.choices,
        "query_periode": _tim_url(periode).split("?", 1)[1],
        "oob": True,
        **panel(distribusi),
        **extra,
    }
    return render(request, "penilaian/_tim_respons.html", context, status=status)


@aksi
def tim_nilai(request: AuthedHttpRequest, pk: int) -> HttpResponseBase:
    periode = _periode(request, pk)
    data = forms_tim.bersih(forms_tim.RatingForm(request.POST))
    hasil, perilaku = data["rating_hasil_kerja"], data["rating_perilaku_kerja"]
    if hasil and perilaku:
        periode = services.penilaian_simpan(
            periode=periode, actor=request.user, rating_hasil_kerja=hasil, rating_perilaku_kerja=perilaku
        )
    if not request.htmx:
        return redirect(_tim_url(periode))
    # Only one of the two picked yet: keep the choice on screen, save nothing.
    return _baris(
        request, periode, pilih_hasil=hasil, pilih_perilaku=perilaku, satu_rating=not (hasil and perilaku)
    )


def _minta_alasan(exc: ValidationError) -> list[str] | None:
    """The messages when the refusal is the breach of the pola distribusi that a reason overrides."""
    errors = getattr(exc, "error_dict", {})
    if "alasan_distribusi" not in errors:
        return None
    return [m for e in errors["alasan_distribusi"] for m in e.messages]


@aksi
def tim_tetapkan(request: AuthedHttpRequest, pk: int) -> HttpResponseBase:
    periode = _periode(request, pk)
    data = forms_tim.bersih(forms_tim.TetapkanForm(request.POST))
    try:
        periode = services.periode_tetapkan(
            periode=periode, actor=request.user, alasan_distribusi=data["alasan_distribusi"]
        )
    except ValidationError as exc:
        pesan = _minta_alasan(exc)
        if pesan is None:
            raise
        if request.htmx:
            return _baris(request, periode, status=400, minta_alasan=True, pesan_alasan=pesan)
        for m in pesan:
            messages.error(request, m)
        return redirect(_tim_url(periode, alasan_untuk=periode.pk))
    if not request.htmx:
        messages.success(request, _("Penilaian %(nama)s ditetapkan.") % {"nama": periode.skp.pegawai.nama})
        return redirect(_tim_url(periode))
    return _baris(request, periode)


urlpatterns = [
    path("tim/", tim, name="tim"),
    path("tim/<int:pk>/nilai/", tim_nilai, name="tim_nilai"),
    path("tim/<int:pk>/tetapkan/", tim_tetapkan, name="tim_tetapkan"),
]
