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

        # Population events and residents' changes refresh the public figures at once.
        from django.db.models.signals import post_delete, post_save

        from konten.cache import data_penduduk_berubah
        from penduduk.statistik.versi import MODEL_PENDUDUK

        for model in MODEL_PENDUDUK:
            post_save.connect(data_penduduk_berubah, sender=model, dispatch_uid=f"konten-{model}")
            post_delete.connect(
                data_penduduk_berubah, sender=model, dispatch_uid=f"konten-hapus-{model}"
            )
        demo.daftar(isi_demo, urutan=20)
