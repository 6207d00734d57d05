from django.apps import AppConfig


class PendudukConfig(AppConfig):
    name = "penduduk"
    verbose_name = "Kependudukan"

    def ready(self) -> None:
        # Imported here, not at the top: these modules load models, which Django allows only
        # once the app registry is ready.
        from penduduk.dasbor import kartu_penduduk
        from sid import dasbor

        dasbor.daftar(kartu_penduduk, urutan=10)
