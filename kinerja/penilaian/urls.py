from django.urls import path

from kinerja.penilaian.views import angka_kredit, bukti, pengaturan, periode, tim, unit

app_name = "penilaian"

# Each views module declares its own urlpatterns (one module per page family).
urlpatterns = [
    path("bukti/<int:pk>/unduh/", bukti.bukti_unduh, name="bukti_unduh"),
    *periode.urlpatterns,
    *tim.urlpatterns,
    *unit.urlpatterns,
    *pengaturan.urlpatterns,
    *angka_kredit.urlpatterns,
]
