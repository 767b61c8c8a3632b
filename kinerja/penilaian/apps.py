from django.apps import AppConfig


class PenilaianConfig(AppConfig):
    name = "kinerja.penilaian"
    verbose_name = "Penilaian kinerja"
