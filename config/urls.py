from django.contrib import admin
from django.urls import include, path

from kinerja.api.urls import api_urlpatterns
from kinerja.core.views import sehat
from kinerja.laporan.views.verifikasi import verifikasi
from kinerja.organisasi.views import home

urlpatterns = [
    path("", home.home, name="home"),
    path("sehat/", sehat, name="sehat"),
    path("akun/", include("kinerja.accounts.urls")),
    path("organisasi/", include("kinerja.organisasi.urls")),
    path("skp/", include("kinerja.skp.urls")),
    path("penilaian/", include("kinerja.penilaian.urls")),
    path("laporan/", include("kinerja.laporan.urls")),
    path("verifikasi/", verifikasi, name="verifikasi_cari"),
    path("verifikasi/<str:kode>/", verifikasi, name="verifikasi"),
    path("api/v1/", include(api_urlpatterns, namespace="api")),
    path("admin/", admin.site.urls),
]
