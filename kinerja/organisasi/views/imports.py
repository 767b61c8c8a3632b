"""Pegawai import pages: upload (dry run), check result, apply, result, template download."""

import uuid

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, re_path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from kinerja.core.http import AuthedHttpRequest
from kinerja.organisasi import imports, policies
from kinerja.organisasi.models import ImportPegawai

ERRORS_PER_PAGE = 100


class UploadForm(forms.Form):
    berkas = forms.FileField(
        label=gettext_lazy("Berkas CSV atau XLSX"),
        allow_empty_file=True,  # the service says "Berkas kosong." in its own words
        widget=forms.ClearableFileInput(attrs={"class": "form-control", "accept": ".csv,.xlsx"}),
    )


def import_upload(request: AuthedHttpRequest) -> HttpResponse:
    instansi = policies.instansi_for_admin(request.user)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        berkas = form.cleaned_data["berkas"]
        try:
            batch = imports.import_batch_create(
                instansi=instansi, actor=request.user, fileobj=berkas, nama_file=berkas.name
            )
        except ValidationError as exc:
            form.add_error("berkas", exc)
        else:
            return redirect("organisasi:import_detail", pk=batch.pk)
    context = {
        "form": form,
        "instansi": instansi,
        "riwayat": imports.import_batch_recent(instansi=instansi),
        "max_mb": settings.KINERJA_IMPORT_MAX_MB,
    }
    return render(request, "organisasi/import_upload.html", context)


def import_detail(request: AuthedHttpRequest, pk: uuid.UUID) -> HttpResponse:
    """The dry-run result while the upload is checked, the apply result once it is applied."""
    batch = imports.import_batch_get_for_user(user=request.user, pk=pk)
    errors = Paginator(batch.hasil.get("kesalahan", []), ERRORS_PER_PAGE).get_page(request.GET.get("page"))
    applied = batch.status == ImportPegawai.Status.DITERAPKAN
    template = "organisasi/import_hasil.html" if applied else "organisasi/import_periksa.html"
    return render(request, template, {"batch": batch, "hasil": batch.hasil, "errors": errors})


@require_POST
def import_apply(request: AuthedHttpRequest, pk: uuid.UUID) -> HttpResponse:
    batch = imports.import_batch_get_for_user(user=request.user, pk=pk)
    try:
        imports.import_batch_apply(batch=batch, actor=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Impor diterapkan."))
    return redirect("organisasi:import_detail", pk=batch.pk)


def import_template(request: AuthedHttpRequest, fmt: str) -> HttpResponse:
    instansi = policies.instansi_for_admin(request.user)
    content, content_type, filename = imports.import_template(instansi=instansi, fmt=fmt)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


urlpatterns = [
    path("impor/", import_upload, name="import_upload"),
    re_path(r"^impor/templat\.(?P<fmt>csv|xlsx)$", import_template, name="import_template"),
    path("impor/<uuid:pk>/", import_detail, name="import_detail"),
    path("impor/<uuid:pk>/terapkan/", import_apply, name="import_apply"),
]
