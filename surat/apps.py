from django.apps import AppConfig


class SuratConfig(AppConfig):
    name = "surat"
    verbose_name = "Layanan Surat"

    def ready(self) -> None:
        # Imported here, not at the top: these modules load models, which Django allows only
        # once the app registry is ready.
        from sid import dasbor
        from surat.dasbor import kartu_surat

        dasbor.daftar(kartu_surat, urutan=20)
