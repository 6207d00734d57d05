from django.apps import AppConfig


class BantuanConfig(AppConfig):
    name = "bantuan"
    verbose_name = "Bantuan Sosial"

    def ready(self) -> None:
        from bantuan.demo import isi_demo
        from sid import demo

        demo.daftar(isi_demo, urutan=35)
