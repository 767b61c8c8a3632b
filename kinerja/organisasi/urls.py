from django.urls import path

from kinerja.organisasi.views import imports, pegawai, unit

app_name = "organisasi"

urlpatterns = [
    path("unit/", unit.unit_tree, name="unit_tree"),
    path("pegawai/", pegawai.pegawai_list, name="pegawai_list"),
    path("pegawai/<str:nip>/", pegawai.pegawai_detail, name="pegawai_detail"),
    path("pegawai/<str:nip>/pejabat-penilai/", pegawai.penetapan_penilai, name="penetapan_penilai"),
    path("pegawai/<str:nip>/atur-ulang-sandi/", pegawai.reset_password, name="reset_password"),
    *imports.urlpatterns,
]
