from django.http import HttpResponse
from django.shortcuts import render

from kinerja.core.http import AuthedHttpRequest
from kinerja.organisasi import selectors


def home(request: AuthedHttpRequest) -> HttpResponse:
    """The landing page after login: who I am, who rates me, whom I rate."""
    pegawai = request.user.pegawai
    context = {"detail": selectors.pegawai_detail(pegawai=pegawai) if pegawai else None}
    return render(request, "organisasi/home.html", context)
