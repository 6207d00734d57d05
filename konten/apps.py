from django.apps import AppConfig


class KontenConfig(AppConfig):
    name = "konten"
    verbose_name = "Website Desa"

    def ready(self) -> None:
        # Imported here, not at the top: these modules load models, which Django allows only
        # once the app registry is ready.
        from konten.dasbor import kartu_konten
        from konten.demo import isi_demo
        from sid import dasbor, demo

        dasbor.daftar(kartu_konten, urutan=60)
        demo.daftar(isi_demo, urutan=20)
