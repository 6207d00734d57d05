from django.apps import AppConfig


class SuratConfig(AppConfig):
    name = "surat"
    verbose_name = "Layanan Surat"

    def ready(self) -> None:
        from sid import dasbor
        from surat.dasbor import kartu_surat

        dasbor.daftar(kartu_surat, urutan=20)
