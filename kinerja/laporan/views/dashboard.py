"""Dashboards (issue #5): the admin's completion by stage, the pimpinan's kurva distribusi and
kuadran kinerja, and the pegawai's own card on the home page. Read-only; every number comes from
the selectors of skp and penilaian in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from kinerja.core.http import AuthedHttpRequest
from kinerja.organisasi.enums import JenisJabatan
from kinerja.organisasi.policies import instansi_for_admin, unit_get_for_user
from kinerja.penilaian import forms_tim, rules, selectors, services
from kinerja.penilaian.enums import JenisPeriode, PredikatPegawai

LABEL_TAHAP: dict[str, Any] = {
    "": gettext_lazy("Belum ada SKP"),
    "DRAF": gettext_lazy("SKP disusun"),
    "DIAJUKAN": gettext_lazy("SKP diajukan"),
    "DISETUJUI": gettext_lazy("SKP disetujui"),
    "REALISASI": gettext_lazy("Realisasi diisi"),
    "DINILAI": gettext_lazy("Dinilai"),
    "DITETAPKAN": gettext_lazy("Ditetapkan"),
}
# The kurva distribusi reads from the lowest predikat to the highest ([S-LAMP6]).
URUT_KURVA = [
    PredikatPegawai.SANGAT_KURANG,
    PredikatPegawai.KURANG,
    PredikatPegawai.BUTUH_PERBAIKAN,
    PredikatPegawai.BAIK,
    PredikatPegawai.SANGAT_BAIK,
]
NILAI_PREDIKAT = {kode: i for i, kode in enumerate(URUT_KURVA, start=1)}


def _tahun(request: AuthedHttpRequest) -> int:
    return forms_tim.TahunForm(request.GET or None).tahun_or_none() or timezone.localdate().year


def periode_selesai(frekuensi: str, tahun: int, hari_ini: dt.date) -> tuple[str, int] | None:
    """The latest period of the instansi's frequency in ``tahun`` that has ended; None early in the
    year (nothing has ended yet) and for a future year."""
    if tahun < hari_ini.year:
        return frekuensi, forms_tim.BANYAK[frekuensi]
    if tahun > hari_ini.year:
        return None
    terakhir = forms_tim.periode_terakhir_selesai(frekuensi, hari_ini)
    return (terakhir.jenis, terakhir.nomor) if terakhir.tahun == tahun else None


def label_periode(jenis: str, nomor: int, tahun: int) -> str:
    if jenis == JenisPeriode.AKHIR:
        return _("Akhir %(tahun)s") % {"tahun": tahun}
    return f"{JenisPeriode(jenis).label} {nomor}/{tahun}"


def _pilihan_tahun(tahun: int) -> list[int]:
    now = timezone.localdate().year
    return sorted({*range(now + 1, now - 4, -1), tahun}, reverse=True)


# --- admin ---------------------------------------------------------------------------------------


def _konteks_admin(request: AuthedHttpRequest) -> dict[str, Any]:
    instansi = instansi_for_admin(request.user)
    tahun = _tahun(request)
    subtree = request.GET.get("cakupan") == "subtree"
    pengaturan = services.pengaturan_for(instansi.pk)
    periode = periode_selesai(pengaturan.frekuensi, tahun, timezone.localdate())
    return {
        "instansi": instansi,
        "tahun": tahun,
        "subtree": subtree,
        "periode": periode,
        "periode_label": label_periode(periode[0], periode[1], tahun) if periode else "",
        "pilihan_tahun": _pilihan_tahun(tahun),
    }


@require_GET
def dashboard_admin(request: AuthedHttpRequest) -> HttpResponse:
    ctx = _konteks_admin(request)
    sendiri = selectors.progres_tahapan(
        instansi_id=ctx["instansi"].pk, tahun=ctx["tahun"], periode=ctx["periode"]
    )
    total = selectors.ProgresUnit(unit=sendiri[0].unit) if sendiri else None
    for row in sendiri:
        if total is not None:
            total.tambah(row)
    induk = _induk(request, sendiri)
    if induk is not None or len(sendiri) > UNIT_PENUH:
        # A national instansi has thousands of units: show one level of the tree at a time (the
        # top two levels, or a unit and its children), each counting everything below it.
        ctx["subtree"] = True
        semua = selectors.progres_subtree(sendiri)
        if induk is None:
            rows = [r for r in semua if r.unit.kedalaman <= 1]
        else:
            rows = [r for r in semua if r.unit.pk == induk or r.unit.parent_id == induk]
        sendiri = rows
        ctx["bertingkat"] = True
        ctx["induk"] = induk
    else:
        rows = selectors.progres_subtree(sendiri) if ctx["subtree"] else sendiri
    # The chart: one bar per unit shown, split by the furthest stage each pegawai has reached.
    berisi = [r for r in sendiri if r.aktif]
    chart = {
        "jenis": "tahapan",
        "labels": [r.unit.nama for r in berisi],
        "datasets": [
            {"label": str(LABEL_TAHAP[t]), "data": [r.terjauh.get(t, 0) for r in berisi]}
            for t in ("", *selectors.TAHAP_DASHBOARD)
        ],
    }
    tahap = [(t, LABEL_TAHAP[t]) for t in selectors.TAHAP_DASHBOARD]
    ctx["tinggi_chart"] = max(12, 2 * len(berisi) + 5)  # rem: every unit's label stays readable
    return render(
        request,
        "laporan/dashboard_admin.html",
        {
            **ctx,
            "rows": [_baris(r, ctx["periode"]) for r in rows],
            "total": _baris(total, ctx["periode"]) if total else None,
            "tahap": tahap,
            "chart": chart,
        },
    )


# Up to this many units the table lists them all; above it, one level of the tree at a time.
UNIT_PENUH = 300


def _induk(request: AuthedHttpRequest, rows: list[selectors.ProgresUnit]) -> int | None:
    raw = request.GET.get("induk", "")
    if not raw.isdigit():
        return None
    pk = int(raw)
    return pk if any(r.unit.pk == pk for r in rows) else None


def _baris(row: selectors.ProgresUnit, periode: tuple[str, int] | None) -> dict[str, Any]:
    """A table row: per stage its count and percent of the active pegawai (None: no period yet)."""
    sel = []
    for t in selectors.TAHAP_DASHBOARD:
        if t in selectors.TAHAP_PERIODE and periode is None:
            sel.append({"tahap": t, "jumlah": None, "persen": 0})
            continue
        n = row.tahap.get(t, 0)
        sel.append({"tahap": t, "jumlah": n, "persen": round(100 * n / row.aktif) if row.aktif else 0})
    return {"unit": row.unit, "aktif": row.aktif, "sel": sel}


@require_GET
def dashboard_admin_unit(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    ctx = _konteks_admin(request)
    unit = unit_get_for_user(user=request.user, pk=pk)
    if unit.instansi_id != ctx["instansi"].pk:
        raise Http404("Unit kerja tidak ditemukan.")
    tahap = request.GET.get("tahap", "DRAF")
    if tahap not in selectors.TAHAP_DASHBOARD:
        tahap = "DRAF"
    pegawai = selectors.pegawai_tertinggal(
        unit=unit, tahun=ctx["tahun"], tahap=tahap, periode=ctx["periode"], subtree=ctx["subtree"]
    )
    return render(
        request,
        "laporan/dashboard_admin_unit.html",
        {
            **ctx,
            "unit": unit,
            "tahap": tahap,
            "label_tahap": LABEL_TAHAP[tahap],
            "pilihan_tahap": [(t, LABEL_TAHAP[t]) for t in selectors.TAHAP_DASHBOARD],
            "pegawai": pegawai,
        },
    )


# --- pimpinan ------------------------------------------------------------------------------------


def _chart_kurva(distribusi: selectors.Distribusi) -> dict[str, Any]:
    hasil = distribusi.hasil
    # The allowed range is drawn where a rule is about one predikat alone; the group rules
    # ("Butuh Perbaikan dan/atau Kurang") are listed in words under the chart.
    sendiri = {r.kelompok[0]: r for r in (hasil.rentang if hasil else []) if len(r.kelompok) == 1}
    return {
        "jenis": "kurva",
        "labels": [str(rules.LABEL_PEGAWAI[k]) for k in URUT_KURVA],
        "jumlah": [distribusi.jumlah.get(k, 0) for k in URUT_KURVA],
        "minimum": [sendiri[k].minimum if k in sendiri else None for k in URUT_KURVA],
        "maksimum": [sendiri[k].maksimum if k in sendiri else None for k in URUT_KURVA],
        "teks": {
            "jumlah": _("Jumlah pegawai"),
            "minimum": _("Batas minimum pola"),
            "maksimum": _("Batas maksimum pola"),
        },
    }


def _baris_kurva(distribusi: selectors.Distribusi) -> list[dict[str, Any]]:
    """The chart's numbers as a table too (readable without the canvas)."""
    chart = _chart_kurva(distribusi)
    return [
        {
            "kode": k,
            "label": chart["labels"][i],
            "jumlah": chart["jumlah"][i],
            "minimum": chart["minimum"][i],
            "maksimum": chart["maksimum"][i],
        }
        for i, k in enumerate(URUT_KURVA)
    ]


@require_GET
def dashboard_pimpinan(request: AuthedHttpRequest) -> HttpResponse:
    me = request.user.pegawai
    if me is None or not me.bawahan_langsung.filter(aktif=True).exists():
        return render(request, "laporan/dashboard_pimpinan.html", {"bukan_penilai": True})
    pengaturan = services.pengaturan_for(me.instansi_id)
    pilihan = forms_tim.PeriodeForm(request.GET or None).pilihan(pengaturan.frekuensi)
    unit = me.unit_kerja
    distribusi = selectors.distribusi_unit(unit=unit, bulat_bawah=pengaturan.pembulatan_bawah, **pilihan.kw)
    context = {
        "pilihan": pilihan,
        "pilihan_tahun": _pilihan_tahun(pilihan.tahun),
        "pilihan_jenis": JenisPeriode.choices,
        "pilihan_nomor": range(1, 13),
        "distribusi": distribusi,
        "hasil": distribusi.hasil,
        "label_organisasi": rules.LABEL_ORGANISASI.get(distribusi.predikat_organisasi, ""),
        "chart": _chart_kurva(distribusi),
        "kurva": _baris_kurva(distribusi),
        "kuadran": selectors.kuadran_bawahan(penilai=me, **pilihan.kw),
        "label_predikat": rules.LABEL_PEGAWAI,
    }
    return render(request, "laporan/dashboard_pimpinan.html", context)


# --- pegawai (the home page card) ----------------------------------------------------------------


def _angka_kredit(pegawai: Any) -> dict[str, Any] | None:
    jabatan = pegawai.jabatan
    if jabatan.jenis != JenisJabatan.FUNGSIONAL or jabatan.jenjang not in rules.JENJANG_JF:
        return None
    ak = selectors.angka_kredit_pegawai(pegawai=pegawai)
    target = rules.JENJANG_JF[jabatan.jenjang].ak_kenaikan_pangkat
    persen = min(100, int(ak.kumulatif * 100 / target)) if target else 0
    return {
        "kumulatif": rules.tampil_ak(ak.kumulatif),
        "target": rules.tampil_ak(target),
        "kurang": rules.tampil_ak(ak.jarak.kurang_pangkat if ak.jarak else Decimal(0)),
        "persen": persen,
    }


@require_GET
def dashboard_saya(request: AuthedHttpRequest) -> HttpResponse:
    me = request.user.pegawai
    if me is None:
        return render(request, "laporan/_dash_saya.html", {"data": None})
    hari_ini = timezone.localdate()
    data = selectors.dashboard_pegawai(pegawai=me, hari_ini=hari_ini)
    riwayat = data.riwayat_predikat
    chart = {
        "jenis": "predikat",
        "labels": [label_periode(p.jenis, p.nomor, p.tanggal_awal.year) for p in riwayat],
        "data": [NILAI_PREDIKAT.get(PredikatPegawai(p.predikat)) for p in riwayat],
        "skala": {str(v): str(rules.LABEL_PEGAWAI[k]) for k, v in NILAI_PREDIKAT.items()},
        "teks": {"predikat": _("Predikat")},
    }
    context = {
        "data": data,
        "hari_ini": hari_ini,
        "chart": chart,
        "angka_kredit": _angka_kredit(me),
        "label_predikat": rules.LABEL_PEGAWAI,
    }
    return render(request, "laporan/_dash_saya.html", context)


urlpatterns: list[URLPattern] = [
    path("dashboard/admin/", dashboard_admin, name="dashboard_admin"),
    path("dashboard/admin/unit/<int:pk>/", dashboard_admin_unit, name="dashboard_admin_unit"),
    path("dashboard/pimpinan/", dashboard_pimpinan, name="dashboard_pimpinan"),
    path("dashboard/saya/", dashboard_saya, name="dashboard_saya"),
]
