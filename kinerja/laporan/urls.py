from kinerja.laporan.views import batch, dashboard, dokumen, dokumen_unit, ekspor, pohon

app_name = "laporan"

# Each views module declares its own urlpatterns (one module per page family).
urlpatterns = [
    *dokumen.urlpatterns,
    *dokumen_unit.urlpatterns,
    *ekspor.urlpatterns,
    *dashboard.urlpatterns,
    *pohon.urlpatterns,
    *batch.urlpatterns,
]
