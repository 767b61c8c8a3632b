from kinerja.laporan.views import dokumen

app_name = "laporan"

# Each views module declares its own urlpatterns (one module per page family).
urlpatterns = [
    *dokumen.urlpatterns,
]
