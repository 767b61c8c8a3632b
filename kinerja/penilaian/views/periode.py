"""The evaluation pages of one SKP and one period (issue #4, domain.md §5.2).

The periods of an approved SKP; the period page where the pegawai fills realisasi and bukti dukung,
the pejabat penilai gives umpan balik, rates and finalises, the atasan pejabat penilai decides a
keberatan. Each write is a POST calling one service: htmx gets the changed block back (plus the
riwayat and the status, out of band), a plain POST a redirect to the page with a message.
Refusals are answered as on the SKP pages (kinerja.skp.views.common).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, QuerySet
from django.http import HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.core.http import AuthedHttpRequest
from kinerja.penilaian import forms, policies, rules, selectors, services
from kinerja.penilaian.enums import JenisPembinaan, JenisPeriode, PredikatPegawai, Rating
from kinerja.penilaian.models import PeriodePenilaian
from kinerja.penilaian.views.unit import panel
from kinerja.skp import policies as skp_policies
from kinerja.skp import selectors as skp_selectors
from kinerja.skp.enums import CoreValue, StatusSkp
from kinerja.skp.models import PerilakuKerja, Skp
from kinerja.skp.rules import PANDUAN_PERILAKU
from kinerja.skp.views.common import aksi, selesai

ROMAWI = ("", "I", "II", "III", "IV")
Status = PeriodePenilaian.Status


def label_periode(p: PeriodePenilaian) -> str:
    """How the documents name a period: "Triwulan I", "Semester II", "Bulan 3", "Akhir"."""
    if p.jenis == JenisPeriode.AKHIR:
        return _("Akhir")
    if p.jenis == JenisPeriode.TRIWULAN:
        return _("Triwulan %(n)s") % {"n": ROMAWI[p.nomor] if p.nomor < len(ROMAWI) else p.nomor}
    if p.jenis == JenisPeriode.SEMESTER:
        return _("Semester %(n)s") % {"n": ROMAWI[p.nomor] if p.nomor < len(ROMAWI) else p.nomor}
    return _("Bulan %(n)s") % {"n": p.nomor}


# --- the periods of an SKP -----------------------------------------------------------------------


def saya(request: AuthedHttpRequest) -> HttpResponseBase:
    """My latest approved SKP's periods, or a page that says there is none yet."""
    me = request.user.pegawai
    skp = (
        skp_selectors.skp_list(user=request.user, pegawai=me).filter(status=StatusSkp.DISETUJUI).first()
        if me is not None
        else None
    )
    if skp is None:
        return render(request, "penilaian/periode_kosong.html", {"pegawai": me})
    return redirect("penilaian:skp_periode", pk=skp.pk)


def skp_periode(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    qs = Skp.objects.select_related("pegawai", "jabatan", "unit_kerja", "pejabat_penilai")
    skp = skp_policies.skp_get_for_user(user=request.user, pk=pk, qs=qs)
    pemilik = skp_policies.is_pemilik(request.user, skp)
    periods = services.periode_sinkron(skp=skp)
    # The lock is the owner's concern: at most two queries for all the periods.
    terkunci = services.terkunci_map(periods) if pemilik else {}
    baris = [(p, label_periode(p), terkunci.get(p.pk, False)) for p in periods]
    return render(request, "penilaian/periode_skp.html", {"skp": skp, "baris": baris, "pemilik": pemilik})


# --- the period page -----------------------------------------------------------------------------


def periode_qs() -> QuerySet[PeriodePenilaian]:
    """The period with the people of its page and its keberatan (one query) and the SKP's
    perilaku with their ekspektasi khusus (one more)."""
    return PeriodePenilaian.objects.select_related(
        "skp__pegawai__jabatan",
        "skp__pegawai__unit_kerja",
        "skp__jabatan",
        "skp__unit_kerja",
        "skp__pejabat_penilai__jabatan",
        "skp__atasan_pejabat_penilai__jabatan",
        "keberatan__diputuskan_oleh",
    ).prefetch_related(
        Prefetch(
            "skp__perilaku", queryset=PerilakuKerja.objects.only("skp", "core_value", "ekspektasi_khusus")
        )
    )


def _periode(request: AuthedHttpRequest, pk: int) -> PeriodePenilaian:
    return policies.periode_get_for_user(user=request.user, pk=pk, qs=periode_qs())


def konteks(request: AuthedHttpRequest, periode: PeriodePenilaian) -> dict[str, Any]:
    """What the period page and its blocks show. Queries beyond periode_qs and periode_detail:
    the lock (two, only past the deadline), the pustaka umpan balik (the penilai, while the
    period is open) and the pengaturan (the owner, while a keberatan may be filed)."""
    user = request.user
    skp = periode.skp
    detail = selectors.periode_detail(periode)
    pemilik = policies.is_pemilik(user, periode)
    penilai = policies.is_penilai(user, periode)
    aktif = skp.status == StatusSkp.DISETUJUI
    terkunci = services.terkunci_untuk_pegawai(periode)
    bisa_nilai = penilai and aktif and not periode.terkunci_penilai
    keberatan = getattr(periode, "keberatan", None)
    batas_keberatan = None
    if pemilik and keberatan is None and periode.status == Status.DITETAPKAN and periode.ditetapkan_pada:
        pengaturan = services.pengaturan_for(skp.pegawai.instansi_id)
        batas_keberatan = rules.batas_keberatan(
            timezone.localdate(periode.ditetapkan_pada), pengaturan.jendela_keberatan_hari
        )
    # The instansi's phrases for the feedback picker: one query for the whole page.
    pustaka = (
        list(
            selectors.pustaka_umpan_balik_for(instansi_id=skp.pegawai.instansi_id).values_list(
                "kalimat", flat=True
            )
        )
        if bisa_nilai
        else []
    )
    ekspektasi = {p.core_value: p.ekspektasi_khusus for p in skp.perilaku.all()}
    # The rating page shows the unit's distribution against its pola (issue #4 point 5).
    distribusi: dict[str, Any] = {}
    if bisa_nilai:
        distribusi = panel(
            selectors.distribusi_unit(
                unit=skp.unit_kerja,
                tahun=services.tahun_of(periode),
                jenis=periode.jenis,
                nomor=periode.nomor,
                bulat_bawah=services.pengaturan_for(skp.pegawai.instansi_id).pembulatan_bawah,
            )
        )
    return {
        **distribusi,
        "periode": periode,
        "skp": skp,
        "detail": detail,
        "label": label_periode(periode),
        "halaman": reverse("penilaian:periode", args=[periode.pk]),
        "pemilik": pemilik,
        "penilai": penilai,
        "atasan_penilai": policies.is_atasan_penilai(user, periode),
        "aktif": aktif,
        "terkunci": terkunci,
        "bisa_isi": pemilik and aktif and not terkunci,
        "bisa_nilai": bisa_nilai,
        "keberatan": keberatan,
        "batas_keberatan": batas_keberatan,
        "keberatan_lewat": batas_keberatan is not None and timezone.localdate() > batas_keberatan,
        "pustaka": pustaka,
        "emoji": forms.EMOJI,
        "perilaku": [
            (cv, label, PANDUAN_PERILAKU[cv], ekspektasi.get(cv, ""), detail.umpan_balik_perilaku.get(cv, []))
            for cv, label in CoreValue.choices
        ],
        "periodik": [(p, label_periode(p)) for p in detail.periodik],
        "saran_akhir": PredikatPegawai(detail.saran_akhir).label if detail.saran_akhir else "",
        "rating": Rating.choices,
        "predikat_pilihan": PredikatPegawai.choices,
        "jenis_pembinaan": JenisPembinaan.choices,
        "hari_ini": timezone.localdate(),
        "batas_mb": settings.KINERJA_UPLOAD_MAX_MB,
        "ekstensi": ",".join(sorted(set(services.JENIS_BERKAS.values()))),
        "jenis_berkas": ", ".join(sorted({e.lstrip(".").upper() for e in services.JENIS_BERKAS.values()})),
    }


def periode_detail(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    periode = _periode(request, pk)
    return render(request, "penilaian/periode_detail.html", konteks(request, periode))


def _bagian(
    request: AuthedHttpRequest, pk: int, bagian: str, anchor: str, pesan: str, rhk_id: int | None = None
) -> HttpResponseBase:
    """After a write: htmx gets the changed block (and the riwayat and status out of band) from a
    fresh fetch; a plain POST a redirect to the block on the page."""
    if not request.htmx:
        messages.success(request, pesan)
        return redirect(reverse("penilaian:periode", args=[pk]) + anchor)
    context = konteks(request, _periode(request, pk))
    context["bagian"] = f"penilaian/_periode_{bagian}.html"
    context["rp"] = next((rp for rp in context["detail"].rhk if rp.rhk.pk == rhk_id), None)
    return render(request, "penilaian/_periode_swap.html", context)


# --- the pegawai: realisasi, rencana aksi, bukti dukung, keberatan -------------------------------


@aksi
def realisasi(request: AuthedHttpRequest, pk: int, indikator_pk: int) -> HttpResponseBase:
    # The hot write of the year: the owner's period in one plain query (the page's 12-table fetch
    # costs more to plan than to run), the service checks the indikator while it locks the period,
    # and htmx gets back only this indikator's form (docs/performance.md).
    periode = policies.periode_get_for_user(user=request.user, pk=pk, pemilik_dulu=True)
    data = forms.bersih(forms.RealisasiForm(request.POST))
    obj = services.realisasi_simpan(periode=periode, indikator=indikator_pk, actor=request.user, **data)
    if not request.htmx:
        messages.success(request, _("Realisasi disimpan."))
        return redirect(reverse("penilaian:periode", args=[pk]) + f"#f-real-{indikator_pk}")
    context = {
        "periode": periode,
        "indikator_id": obj.indikator_id,
        "r": obj,
        "halaman": reverse("penilaian:periode", args=[pk]),
        "baru_disimpan": True,
    }
    return render(request, "penilaian/_periode_realisasi.html", context)


@aksi
def rencana_aksi(request: AuthedHttpRequest, pk: int) -> HttpResponseBase:
    periode = _periode(request, pk)
    data = forms.bersih(forms.RencanaAksiForm(request.POST))
    services.rencana_aksi_tambah(periode=periode, actor=request.user, **data)
    return _bagian(
        request, pk, "rhk", f"#rhk-{data['rhk_id']}", _("Rencana aksi ditambahkan."), data["rhk_id"]
    )


@aksi
def bukti_tautan(request: AuthedHttpRequest, pk: int) -> HttpResponseBase:
    periode = _periode(request, pk)
    data = forms.bersih(forms.BuktiTautanForm(request.POST))
    services.bukti_tambah_tautan(periode=periode, actor=request.user, **data)
    return _bagian(
        request, pk, "rhk", f"#rhk-{data['rhk_id']}", _("Tautan bukti ditambahkan."), data["rhk_id"]
    )


@aksi
def bukti_berkas(request: AuthedHttpRequest, pk: int) -> HttpResponseBase:
    periode = _periode(request, pk)
    data = forms.bersih(forms.BuktiBerkasForm(request.POST, request.FILES))
    services.bukti_tambah_berkas(
        periode=periode, actor=request.user, rhk_id=data["rhk_id"], nama=data["nama"], upload=data["berkas"]
    )
    return _bagian(request, pk, "rhk", f"#rhk-{data['rhk_id']}", _("Berkas bukti diunggah."), data["rhk_id"])


@aksi
def bukti_hapus(request: AuthedHttpRequest, pk: int) -> HttpResponseBase:
    bukti = policies.bukti_get_for_user(user=request.user, pk=pk)
    services.bukti_hapus(bukti=bukti, actor=request.user)
    return _bagian(
        request, bukti.periode_id, "rhk", f"#rhk-{bukti.rhk_id}", _("Bukti dihapus."), bukti.rhk_id
    )


@aksi
def keberatan_ajukan(request: AuthedHttpRequest, pk: int) -> HttpResponseBase:
    periode = _periode(request, pk)
    services.keberatan_ajukan(
        periode=periode, actor=request.user, **forms.bersih(forms.KeberatanForm(request.POST))
    )
    messages.success(request, _("Keberatan diajukan kepada atasan pejabat penilai."))
    return selesai(request, reverse("penilaian:periode", args=[pk]) + "#keberatan")


# --- the pejabat penilai: umpan balik, penilaian, tetapkan, pembinaan ----------------------------


@aksi
def umpan_balik(request: AuthedHttpRequest, pk: int) -> HttpResponseBase:
    periode = _periode(request, pk)
    data = forms.UmpanBalikForm(request.POST).umpan_balik()
    services.umpan_balik_tambah(periode=periode, actor=request.user, **data)
    if data["rhk_id"]:
        return _bagian(
            request, pk, "rhk", f"#rhk-{data['rhk_id']}", _("Umpan balik dikirim."), data["rhk_id"]
        )
    return _bagian(request, pk, "perilaku", "#perilaku", _("Umpan balik dikirim."))


@aksi
def penilaian(request: AuthedHttpRequest, pk: int) -> HttpResponseBase:
    periode = _periode(request, pk)
    data = forms.bersih(forms.PenilaianForm(request.POST))
    services.penilaian_simpan(periode=periode, actor=request.user, **data)
    return _bagian(request, pk, "penilaian", "#penilaian", _("Penilaian disimpan."))


def _soal_distribusi(exc: ValidationError) -> bool:
    # The service's code="distribusi" is lost (Django ignores ``code`` for a dict of messages);
    # the field tells it apart: the form already caps the reason's length, its only other error.
    return "alasan_distribusi" in getattr(exc, "error_dict", {})


@aksi
def tetapkan(request: AuthedHttpRequest, pk: int) -> HttpResponseBase:
    """Finalise; a breach of the pola distribusi comes back with its rules and asks for a reason."""
    periode = _periode(request, pk)
    alasan = forms.bersih(forms.TetapkanForm(request.POST))["alasan_distribusi"]
    try:
        services.periode_tetapkan(periode=periode, actor=request.user, alasan_distribusi=alasan)
    except ValidationError as exc:
        if not _soal_distribusi(exc):
            raise
        context = konteks(request, _periode(request, pk))
        context["distribusi_pesan"] = exc.messages
        template = "penilaian/_periode_penilaian.html" if request.htmx else "penilaian/periode_detail.html"
        return render(request, template, context, status=400)
    messages.success(request, _("Penilaian periode ditetapkan."))
    return selesai(request, reverse("penilaian:periode", args=[pk]) + "#penilaian")


@aksi
def keberatan_jelaskan(request: AuthedHttpRequest, pk: int) -> HttpResponseBase:
    periode = _periode(request, pk)
    data = forms.bersih(forms.PenjelasanForm(request.POST))
    services.keberatan_jelaskan(periode=periode, actor=request.user, **data)
    return _bagian(request, pk, "keberatan", "#keberatan", _("Penjelasan disimpan."))


@aksi
def pembinaan(request: AuthedHttpRequest, pk: int) -> HttpResponseBase:
    periode = _periode(request, pk)
    data = services.PembinaanData(**forms.bersih(forms.PembinaanForm(request.POST)))
    services.pembinaan_tambah(periode=periode, actor=request.user, data=data)
    return _bagian(request, pk, "pembinaan", "#pembinaan", _("Catatan pembinaan disimpan."))


# --- the atasan pejabat penilai ------------------------------------------------------------------


@aksi
def keberatan_putuskan(request: AuthedHttpRequest, pk: int) -> HttpResponseBase:
    periode = _periode(request, pk)
    data = forms.bersih(forms.KeputusanForm(request.POST))
    services.keberatan_putuskan(periode=periode, actor=request.user, **data)
    messages.success(request, _("Keputusan atas keberatan ditetapkan (final)."))
    return selesai(request, reverse("penilaian:periode", args=[pk]) + "#keberatan")


urlpatterns: list[URLPattern] = [
    path("saya/", saya, name="saya"),
    path("skp/<int:pk>/", skp_periode, name="skp_periode"),
    path("periode/<int:pk>/", periode_detail, name="periode"),
    path("periode/<int:pk>/realisasi/<int:indikator_pk>/", realisasi, name="realisasi"),
    path("periode/<int:pk>/rencana-aksi/", rencana_aksi, name="rencana_aksi"),
    path("periode/<int:pk>/bukti/tautan/", bukti_tautan, name="bukti_tautan"),
    path("periode/<int:pk>/bukti/berkas/", bukti_berkas, name="bukti_berkas"),
    path("bukti/<int:pk>/hapus/", bukti_hapus, name="bukti_hapus"),
    path("periode/<int:pk>/umpan-balik/", umpan_balik, name="umpan_balik"),
    path("periode/<int:pk>/penilaian/", penilaian, name="penilaian"),
    path("periode/<int:pk>/tetapkan/", tetapkan, name="tetapkan"),
    path("periode/<int:pk>/pembinaan/", pembinaan, name="pembinaan"),
    path("periode/<int:pk>/keberatan/", keberatan_ajukan, name="keberatan_ajukan"),
    path("periode/<int:pk>/keberatan/penjelasan/", keberatan_jelaskan, name="keberatan_jelaskan"),
    path("periode/<int:pk>/keberatan/keputusan/", keberatan_putuskan, name="keberatan_putuskan"),
]
