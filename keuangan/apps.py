from django.apps import AppConfig


class KeuanganConfig(AppConfig):
    name = "keuangan"
    verbose_name = "Keuangan Desa"

    def ready(self) -> None:
        # Imported here, not at the top: these modules load models, which Django allows only
        # once the app registry is ready.
        from keuangan.dasbor import kartu_keuangan
        from keuangan.demo import isi_demo
        from sid import dasbor, demo

        dasbor.daftar(kartu_keuangan, urutan=45)
        demo.daftar(isi_demo, urutan=30)
