"""The Excel exports (issue #5 point 3): the page that chooses one, and the file itself."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.views.decorators.http import require_GET

from kinerja.core.http import AuthedHttpRequest
from kinerja.laporan import ekspor
from kinerja.organisasi.models import UnitKerja
from kinerja.penilaian.enums import JenisPeriode


def _pilih(request: AuthedHttpRequest, units: list[UnitKerja]) -> dict[str, Any]:
    """The page's choice from its GET form; anything unknown falls back to the defaults."""
    by_pk = {str(u.pk): u for u in units}
    unit = by_pk.get(request.GET.get("unit", ""), units[0] if units else None)
    tahun = request.GET.get("tahun", "")
    tahun_ok = tahun.isdigit() and ekspor.TAHUN_MIN <= int(tahun) <= ekspor.TAHUN_MAKS
    jenis = request.GET.get("periode_jenis", "")
    nomor = request.GET.get("periode_nomor", "")
    return {
        "unit": unit,
        "tahun": int(tahun) if tahun_ok else ekspor.tahun_ini(),
        "periode_jenis": jenis if jenis in JenisPeriode.values else JenisPeriode.TRIWULAN,
        "periode_nomor": int(nomor) if nomor.isdigit() and 1 <= int(nomor) <= 12 else 1,
    }


def _tautan(pilihan: dict[str, Any]) -> list[tuple[str, str, bool]]:
    """(title, download URL, per period) of every kind for the chosen unit and year."""
    if pilihan["unit"] is None:
        return []
    tautan = []
    for kode, jenis in ekspor.JENIS.items():
        query: dict[str, Any] = {"unit": pilihan["unit"].pk, "tahun": pilihan["tahun"]}
        if jenis.per_periode:
            query |= {"periode_jenis": pilihan["periode_jenis"], "periode_nomor": pilihan["periode_nomor"]}
        url = reverse("laporan:ekspor_file", args=[kode]) + "?" + urlencode(query)
        tautan.append((jenis.judul, url, jenis.per_periode))
    return tautan


@require_GET
def ekspor_halaman(request: AuthedHttpRequest) -> HttpResponse:
    units = ekspor.unit_pilihan(user=request.user)  # 403 for who may export nothing
    pilihan = _pilih(request, units)
    tahun = ekspor.tahun_ini()
    context = {
        "units": units,
        "pilihan": pilihan,
        "tautan": _tautan(pilihan),
        "pilihan_tahun": sorted({*range(tahun + 1, tahun - 5, -1), pilihan["tahun"]}, reverse=True),
        "pilihan_jenis": JenisPeriode.choices,
        "pilihan_nomor": range(1, 13),
    }
    return render(request, "laporan/ekspor.html", context)


@require_GET
def ekspor_file(request: AuthedHttpRequest, jenis: str) -> FileResponse | HttpResponse:
    try:
        p = ekspor.permintaan(jenis, request.GET)
    except ValidationError as exc:
        return HttpResponseBadRequest(" ".join(exc.messages), content_type="text/plain; charset=utf-8")
    return ekspor.file_response(ekspor.buat(user=request.user, p=p))


urlpatterns: list[URLPattern] = [
    path("ekspor/", ekspor_halaman, name="ekspor"),
    path("ekspor/<slug:jenis>.xlsx", ekspor_file, name="ekspor_file"),
]
