"""`manage.py impor_penduduk PATH [--dry-run]`: the same import as the back office."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from penduduk.impor.layanan import penduduk_impor


class Command(BaseCommand):
    help = (
        "Mengimpor penduduk dari berkas format OpenSID (.xlsx) atau ekspor SIAK (.xls/.xlsx). "
        "Mencetak jumlah baru/diubah/tidak berubah/ditolak dan setiap baris yang ditolak; "
        "keluar dengan kode 1 bila ada baris ditolak (2 bila berkas tidak dapat dibaca)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="Berkas .xlsx/.xls")
        parser.add_argument(
            "--dry-run", action="store_true", help="Periksa saja; tidak ada yang disimpan."
        )
        parser.add_argument(
            "--oleh", default="", help="Nama pengguna staf yang dicatat di log aktivitas."
        )

    def handle(self, *args, path, dry_run, oleh, **options):
        pengguna = None
        if oleh:
            pengguna = get_user_model().objects.filter(username=oleh).first()
            if pengguna is None:
                raise CommandError(f"Pengguna '{oleh}' tidak ditemukan.")
        try:
            hasil = penduduk_impor(oleh=pengguna, berkas=path, dry_run=dry_run)
        except FileNotFoundError:
            raise CommandError(f"Berkas {path} tidak ditemukan.", returncode=2) from None
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages), returncode=2) from None
        for g in hasil.galat:
            self.stdout.write(f"baris {g['baris']}, kolom {g['kolom']}: {g['pesan']}")
        for p in hasil.peringatan:
            self.stdout.write(f"peringatan: {p}")
        awalan = "Pemeriksaan (tidak disimpan)" if dry_run else "Impor"
        self.stdout.write(f"{awalan} {hasil.nama_berkas}: {hasil.ringkasan}.")
        if not dry_run and not hasil.disimpan:
            self.stdout.write("Tidak ada data yang disimpan.")
        if hasil.ditolak:
            raise CommandError(f"{hasil.ditolak} baris ditolak.", returncode=1)
