"""`python manage.py cadangkan`: make a complete, verified backup now and print its path."""

from django.core.management.base import BaseCommand, CommandError

from sid.cadangan import jalur_berkas
from sid.cadangan.services import cadangan_buat
from sid.models import LogCadangan


class Command(BaseCommand):
    help = (
        "Membuat cadangan lengkap (basis data dan semua berkas) sekarang, memverifikasinya, "
        "lalu mencetak lokasi arsipnya."
    )

    def handle(self, *args, **options):
        log = cadangan_buat(jenis=LogCadangan.Jenis.MANUAL, pelaku="manage.py cadangkan")
        if log.status != LogCadangan.Status.OK:
            raise CommandError(log.pesan_galat.replace("\n", " "))
        if log.pesan_galat:  # e.g. the second copy failed: the backup itself is fine
            self.stderr.write(log.pesan_galat)
        isi = log.isi
        self.stderr.write(
            f"Cadangan terverifikasi: {isi.get('baris', 0)} baris dari {isi.get('tabel', 0)} "
            f"tabel, {isi.get('berkas', 0)} berkas, {log.ukuran} byte"
            + (", terenkripsi" if log.terenkripsi else "")
            + (f"; salinan: {log.disalin_ke}" if log.disalin_ke else "")
            + "."
        )
        self.stdout.write(str(jalur_berkas(log.berkas)))
