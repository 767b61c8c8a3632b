"""The public verification page of a printed document (issue #5 point 2): no login; it says only
whether the code is genuine, which document, for whom, when issued and whether it was replaced."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from kinerja.laporan.selectors import dokumen_by_kode
from kinerja.laporan.verifikasi import normalisasi


@login_not_required
@require_GET
def verifikasi(request: HttpRequest, kode: str = "") -> HttpResponse:
    if not kode and request.GET.get("kode"):
        bersih = normalisasi(request.GET["kode"])
        return redirect("verifikasi", kode=bersih or request.GET["kode"][:40])
    dokumen = dokumen_by_kode(kode) if kode else None
    status = 200 if dokumen is not None or not kode else 404
    return render(request, "laporan/verifikasi.html", {"kode": kode[:40], "dokumen": dokumen}, status=status)
