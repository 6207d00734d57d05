from django.apps import AppConfig


class BantuanConfig(AppConfig):
    name = "bantuan"
    verbose_name = "Bantuan Sosial"

    def ready(self) -> None:
        # Imported here, not at the top: these modules load models, which Django allows only
        # once the app registry is ready.
        from bantuan.demo import isi_demo
        from sid import demo

        demo.daftar(isi_demo, urutan=35)
