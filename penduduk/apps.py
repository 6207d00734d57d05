from django.apps import AppConfig


class PendudukConfig(AppConfig):
    name = "penduduk"
    verbose_name = "Kependudukan"

    def ready(self) -> None:
        # Imported here, not at the top: these modules load models, which Django allows only
        # once the app registry is ready.
        from penduduk.dasbor import kartu_penduduk
        from sid import dasbor

        dasbor.daftar(kartu_penduduk, urutan=10)

        # Public figures follow every population event at once (penduduk.statistik.versi).
        from django.db.models.signals import post_delete, post_save

        from penduduk.statistik.versi import MODEL_PENDUDUK, statistik_berubah
        from sid.cadangan.sinyal import pemulihan_selesai

        pemulihan_selesai.connect(statistik_berubah, dispatch_uid="statistik-pemulihan")
        for model in MODEL_PENDUDUK:
            post_save.connect(statistik_berubah, sender=model, dispatch_uid=f"statistik-{model}")
            post_delete.connect(
                statistik_berubah, sender=model, dispatch_uid=f"statistik-hapus-{model}"
            )
