from django.apps import AppConfig


class PindahConfig(AppConfig):
    name = "pindah"
    verbose_name = "Pindah dari OpenSID"
