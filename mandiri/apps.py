from django.apps import AppConfig


class MandiriConfig(AppConfig):
    name = "mandiri"
    verbose_name = "Layanan Mandiri"

    def ready(self) -> None:
        # Imported here, not at the top: these modules load models, which Django allows only
        # once the app registry is ready.
        from mandiri.dasbor import kartu_mandiri
        from mandiri.demo import isi_demo
        from sid import dasbor, demo

        dasbor.daftar(kartu_mandiri, urutan=25)
        demo.daftar(isi_demo, urutan=40)
