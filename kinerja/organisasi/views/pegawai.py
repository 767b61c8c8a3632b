from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from kinerja.accounts import services as account_services
from kinerja.core.http import AuthedHttpRequest
from kinerja.organisasi import policies, selectors, services
from kinerja.organisasi.forms import HapusPenetapanForm, PegawaiFilterForm, PenetapanForm
from kinerja.organisasi.models import Pegawai

PER_PAGE = 25


def pegawai_list(request: AuthedHttpRequest) -> HttpResponse:
    form = PegawaiFilterForm(request.GET or None)
    q, unit = "", None
    if form.is_valid():
        q = form.cleaned_data["q"] or ""
        if form.cleaned_data["unit"]:
            unit = policies.unit_get_for_user(user=request.user, pk=form.cleaned_data["unit"])
    qs = selectors.pegawai_list(user=request.user, q=q, unit=unit)
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    units = policies.unit_visible_to(request.user).only("pk", "nama", "kedalaman").order_by("path")
    context = {"form": form, "page": page, "units": units, "unit": unit, "q": q}
    template = "organisasi/_pegawai_rows.html" if request.htmx else "organisasi/pegawai_list.html"
    return render(request, template, context)


def pegawai_detail(request: AuthedHttpRequest, nip: str) -> HttpResponse:
    qs = Pegawai.objects.select_related("jabatan", "unit_kerja", "instansi", "user")
    pegawai = policies.pegawai_get_for_user(user=request.user, nip=nip, qs=qs)
    context = {
        "detail": selectors.pegawai_detail(pegawai=pegawai),
        "can_admin": policies.is_admin_of(request.user, pegawai.instansi_id),
        "form": PenetapanForm(),
        "hapus_form": HapusPenetapanForm(),
    }
    return render(request, "organisasi/pegawai_detail.html", context)


def _pegawai_for_admin(request: AuthedHttpRequest, nip: str) -> Pegawai:
    pegawai = policies.pegawai_get_for_user(user=request.user, nip=nip)
    if not policies.is_admin_of(request.user, pegawai.instansi_id):
        raise PermissionDenied(_("Hanya admin instansi yang boleh mengubah pejabat penilai."))
    return pegawai


@require_POST
def penetapan_penilai(request: AuthedHttpRequest, nip: str) -> HttpResponse:
    """Set (or, with ``hapus``, remove) an admin's choice of pejabat penilai for a pegawai."""
    pegawai = _pegawai_for_admin(request, nip)
    try:
        if "hapus" in request.POST:
            hapus = HapusPenetapanForm(request.POST)
            if not hapus.is_valid():
                raise ValidationError(_("Alasan wajib diisi."))
            services.penetapan_hapus(pegawai=pegawai, alasan=hapus.cleaned_data["alasan"], actor=request.user)
            messages.success(request, _("Pejabat penilai dikembalikan sesuai struktur organisasi."))
        else:
            form = PenetapanForm(request.POST)
            if not form.is_valid():
                raise ValidationError([e for errors in form.errors.values() for e in errors])
            penilai = (
                Pegawai.objects.filter(
                    instansi_id=pegawai.instansi_id, nip=form.cleaned_data["nip_pejabat_penilai"]
                )
                .select_related("jabatan")
                .first()
            )
            if penilai is None:
                raise ValidationError(_("Tidak ada pegawai dengan NIP itu di instansi ini."))
            services.penetapan_set(
                pegawai=pegawai,
                pejabat_penilai=penilai,
                jenis=form.cleaned_data["jenis"],
                alasan=form.cleaned_data["alasan"],
                actor=request.user,
            )
            messages.success(request, _("Pejabat penilai %(n)s ditetapkan.") % {"n": penilai.nama_lengkap})
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    return redirect("organisasi:pegawai_detail", nip=pegawai.nip)


@never_cache
@require_POST
def reset_password(request: AuthedHttpRequest, nip: str) -> HttpResponse:
    pegawai = _pegawai_for_admin(request, nip)
    user = getattr(pegawai, "user", None)
    if user is None:
        raise Http404(_("Pegawai ini belum punya akun."))
    raw = account_services.password_reset_by_admin(target=user, actor=request.user)
    return render(request, "organisasi/reset_password_done.html", {"pegawai": pegawai, "raw": raw})
