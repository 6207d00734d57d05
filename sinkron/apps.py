from django.apps import AppConfig


class SinkronConfig(AppConfig):
    name = "sinkron"
    verbose_name = "Sinkron ke Hub"

    def ready(self) -> None:
        # Imported here, not at the top: these modules load models, which Django allows only
        # once the app registry is ready.
        from sid import dasbor
        from sid.admin_jadwal import daftarkan_hasil
        from sinkron.dasbor import hasil_kiriman_terakhir, kartu_sinkron
        from sinkron.sumber import daftarkan_bawaan

        # The datasets this village reports (sinkron/sumber.py); imported here, once apps are ready.
        daftarkan_bawaan()
        dasbor.daftar(kartu_sinkron, urutan=8)
        # The last result of the sync jobs on the Jadwal tugas screen: the last request sent.
        daftarkan_hasil("sinkron.siapkan", hasil_kiriman_terakhir)
        daftarkan_hasil("sinkron.kirim", hasil_kiriman_terakhir)
