from django.apps import AppConfig


class PendudukConfig(AppConfig):
    name = "penduduk"
    verbose_name = "Kependudukan"

    def ready(self) -> None:
        from penduduk.dasbor import kartu_penduduk
        from sid import dasbor

        dasbor.daftar(kartu_penduduk, urutan=10)
