"""`manage.py ekspor_penduduk PATH [--format xlsx|csv] [--label]`: every resident, streamed."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from penduduk import ekspor
from penduduk.models import Penduduk


class Command(BaseCommand):
    help = (
        "Mengekspor seluruh penduduk (semua status) ke .xlsx (43 kolom format impor, kode atau "
        "label) atau CSV. Ditulis bertahap: memori tetap kecil berapa pun jumlah penduduk."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="Berkas tujuan (.xlsx atau .csv)")
        parser.add_argument("--format", choices=["xlsx", "csv"], default=None)
        parser.add_argument("--label", action="store_true", help="Label, bukan kode (xlsx).")
        parser.add_argument("--hidup", action="store_true", help="Hanya penduduk HIDUP.")

    def handle(self, *args, path, format, label, hidup, **options):
        format_ = format or ("csv" if path.lower().endswith(".csv") else "xlsx")
        if format_ == "csv" and label:
            raise CommandError("--label hanya untuk format xlsx.")
        if format_ == "xlsx" and label:
            format_ = "xlsx-label"
        qs = Penduduk.objects.hidup() if hidup else Penduduk.objects.all()
        qs = qs.order_by("nama", "id")
        jumlah = qs.count()
        try:
            # In a transaction the server-side cursor is declared WITHOUT HOLD: PostgreSQL sends
            # rows as they are read instead of materialising all of them first (100,000
            # residents: ~0.4 s less). A file is a fast reader, so the transaction stays short;
            # the web download, read at the client's pace, stays in autocommit.
            with open(path, "wb") as f, transaction.atomic():
                for potongan in ekspor.isi_ekspor(qs, format_, jumlah):
                    f.write(potongan)
        except OSError as exc:
            raise CommandError(f"Tidak dapat menulis {path}: {exc}") from None
        ekspor.catat_ekspor(
            oleh=None,
            format_=format_,
            jumlah=jumlah,
            filter_="manage.py ekspor_penduduk" + (" --hidup" if hidup else ""),
        )
        self.stdout.write(f"{jumlah} penduduk diekspor ke {path} ({format_}).")
