from django.apps import AppConfig


class KeluargaConfig(AppConfig):
    name = "keluarga"
    verbose_name = "Keluarga"
