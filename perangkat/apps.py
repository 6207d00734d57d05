from django.apps import AppConfig


class PerangkatConfig(AppConfig):
    name = "perangkat"
    verbose_name = "Perangkat Desa"

    def ready(self) -> None:
        from perangkat.dasbor import kartu_perangkat
        from perangkat.demo import isi_demo
        from sid import dasbor, demo

        dasbor.daftar(kartu_perangkat, urutan=40)
        demo.daftar(isi_demo, urutan=10)
