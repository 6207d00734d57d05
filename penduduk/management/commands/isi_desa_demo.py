"""Fill an empty database with a demo village (wilayah, families, residents, 3 years of events)."""

from django.core.management.base import BaseCommand, CommandError

from keluarga.models import Keluarga, PeristiwaKeluarga
from penduduk.demo.tulis import SudahBerisi, isi_desa_demo
from penduduk.models import Penduduk, Peristiwa
from sid import demo, kode
from sid.lib.db import perbarui_statistik_planner
from sid.models import IdentitasDesa, LogAktivitas, Wilayah

LABEL_PERISTIWA = {f"peristiwa_{j.name.lower()}": j.label for j in kode.JenisPeristiwa}


class Command(BaseCommand):
    help = (
        "Mengisi database kosong dengan desa demo: wilayah, keluarga, penduduk dan peristiwa "
        "kependudukan tiga tahun terakhir. Hasilnya sama untuk seed yang sama."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--penduduk", type=int, default=2000, help="Jumlah penduduk HIDUP di akhir (2000)."
        )
        parser.add_argument("--seed", type=int, default=1, help="Benih acak (1).")
        parser.add_argument(
            "--jika-kosong",
            action="store_true",
            help="Lewati tanpa galat bila sudah ada data penduduk.",
        )

    def handle(self, *args, penduduk, seed, jika_kosong, **options):
        if penduduk < 1:
            raise CommandError("--penduduk harus minimal 1.")
        ada = Penduduk.objects.count()
        if ada and jika_kosong:
            self.stdout.write(f"Sudah ada {ada} data penduduk; data demo tidak dibuat.")
            return
        try:
            hasil = isi_desa_demo(penduduk, seed=seed)
            _analisa()
            lainnya = _isi_aplikasi_lain(seed)
        except SudahBerisi:
            raise CommandError(
                f"Database tidak kosong: sudah ada {ada} data penduduk. Data demo hanya dibuat "
                "pada database tanpa penduduk (pakai --jika-kosong untuk melewatinya)."
            ) from None
        if hasil["wilayah_lama"]:
            wilayah = f"memakai {hasil['wilayah_lama']} wilayah terendah yang sudah ada"
        else:
            wilayah = f"{hasil['dusun']} dusun, {hasil['rw']} RW, {hasil['rt']} RT"
        peristiwa = ", ".join(
            f"{label} {hasil[k]}" for k, label in LABEL_PERISTIWA.items() if hasil.get(k)
        )
        self.stdout.write(f"Wilayah   : {wilayah}")
        self.stdout.write(f"Keluarga  : {hasil['keluarga']} KK ({hasil['keluarga_aktif']} aktif)")
        self.stdout.write(
            f"Penduduk  : {hasil['hidup']} hidup, {hasil['penduduk']} tercatat seluruhnya"
        )
        self.stdout.write(f"Peristiwa : {peristiwa}")
        for baris in lainnya:
            self.stdout.write(f"Lainnya   : {baris}")
        rincian = ", ".join(f"{k} {v} dtk" for k, v in hasil["waktu"].items())
        self.stdout.write(
            self.style.SUCCESS(
                f"Selesai dalam {hasil['detik']} detik ({hasil['database']}: {rincian})."
            )
        )


def _analisa() -> None:
    """Planner statistics for the freshly bulk-loaded tables (PostgreSQL)."""

    perbarui_statistik_planner(
        Penduduk, Keluarga, Peristiwa, PeristiwaKeluarga, Wilayah, LogAktivitas
    )


def _isi_aplikasi_lain(seed: int) -> list[str]:
    """Officials, website content, budget …: each app's registered demo filler (sid.demo)."""
    from django.utils import timezone

    hari_ini = timezone.localdate()
    mulai = IdentitasDesa.ambil().data_awal_selesai or hari_ini.replace(year=hari_ini.year - 3)
    return demo.jalankan_semua(seed=seed, tanggal_mulai=mulai, hari_ini=hari_ini)
