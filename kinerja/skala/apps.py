from django.apps import AppConfig


class SkalaConfig(AppConfig):
    name = "kinerja.skala"
    verbose_name = "Data skala (uji beban)"
