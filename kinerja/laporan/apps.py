from django.apps import AppConfig


class LaporanConfig(AppConfig):
    name = "kinerja.laporan"
    verbose_name = "Dokumen dan laporan"
