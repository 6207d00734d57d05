from django.apps import AppConfig


class PerangkatConfig(AppConfig):
    name = "perangkat"
    verbose_name = "Perangkat Desa"

    def ready(self) -> None:
        # Imported here, not at the top: these modules load models, which Django allows only
        # once the app registry is ready.
        from perangkat.dasbor import kartu_perangkat
        from perangkat.demo import isi_demo
        from perangkat.laporan import penandatangan_laporan
        from sid import dasbor, demo, penandatangan

        dasbor.daftar(kartu_perangkat, urutan=40)
        demo.daftar(isi_demo, urutan=10)
        penandatangan.daftar(penandatangan_laporan)
