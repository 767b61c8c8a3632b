"""Unduhan massal: every Dokumen Evaluasi of a unit for a period as one ZIP, built in the
background with a progress bar (issue #5 point 6). Admin instansi only."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from kinerja.core.http import AuthedHttpRequest
from kinerja.laporan import batch as batch_service
from kinerja.laporan import selectors
from kinerja.laporan.models import BatchDokumen
from kinerja.organisasi.policies import instansi_for_admin, is_admin_of, unit_get_for_user
from kinerja.penilaian.enums import JenisPeriode


def _batch_for_admin(request: AuthedHttpRequest, pk: uuid.UUID) -> BatchDokumen:
    batch = BatchDokumen.objects.select_related("unit_kerja").filter(pk=pk).first()
    if batch is None or not is_admin_of(request.user, batch.instansi_id):
        raise Http404("Unduhan tidak ditemukan.")
    return batch


def _angka(value: str | None, field: str) -> int:
    try:
        return int(value or "")
    except ValueError:
        raise ValidationError(f"{field} harus berupa angka.") from None


@require_http_methods(["GET", "POST"])
def batch_halaman(request: AuthedHttpRequest) -> HttpResponseBase:
    instansi = instansi_for_admin(request.user)  # 403 for anyone else
    if request.method == "POST":
        try:
            unit = unit_get_for_user(user=request.user, pk=_angka(request.POST.get("unit"), "Unit"))
            batch = batch_service.batch_mulai(
                actor=request.user,
                unit=unit,
                tahun=_angka(request.POST.get("tahun"), "Tahun"),
                jenis=request.POST.get("jenis", ""),
                nomor=_angka(request.POST.get("nomor"), "Nomor periode"),
            )
        except ValidationError as exc:
            for pesan in exc.messages:
                messages.error(request, pesan)
            return redirect("laporan:batch")
        return redirect("laporan:batch_detail", pk=batch.pk)
    context = {
        "units": selectors.unit_pilihan(instansi_id=instansi.pk),
        "jenis_pilihan": JenisPeriode.choices,
        "tahun": timezone.localdate().year,
        "riwayat": selectors.batch_terbaru(instansi_id=instansi.pk),
    }
    return render(request, "laporan/batch.html", context)


@require_GET
def batch_detail(request: AuthedHttpRequest, pk: uuid.UUID) -> HttpResponse:
    batch = _batch_for_admin(request, pk)
    template = "laporan/_batch_status.html" if request.htmx else "laporan/batch_detail.html"
    return render(request, template, {"batch": batch})


@require_GET
def batch_unduh(request: AuthedHttpRequest, pk: uuid.UUID) -> FileResponse:
    batch = _batch_for_admin(request, pk)
    if batch.status != BatchDokumen.Status.SELESAI or not batch.berkas:
        raise Http404("Berkas belum siap.")
    nama = f"dokumen-evaluasi-{batch.unit_kerja.kode}-{batch.jenis_periode}-{batch.nomor}-{batch.tahun}.zip"
    response = FileResponse(batch.berkas.open("rb"), as_attachment=True, filename=nama)
    response["Content-Type"] = "application/zip"
    response["Cache-Control"] = "private, no-store"
    return response


urlpatterns: list[URLPattern] = [
    path("batch/", batch_halaman, name="batch"),
    path("batch/<uuid:pk>/", batch_detail, name="batch_detail"),
    path("batch/<uuid:pk>/unduh/", batch_unduh, name="batch_unduh"),
]
