"""`manage.py hub_desa <kode_desa> <nama> [--kecamatan ...]`: register a village at this hub
(if needed) and print a new one-time enrolment code for it."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from hub.lingkup import Lingkup
from hub.models import DesaHub
from hub.services.pendaftaran import desa_daftar, kode_pendaftaran_buat


class Command(BaseCommand):
    help = "Daftarkan desa di hub dan cetak kode pendaftaran sekali pakai."

    def add_arguments(self, parser):
        parser.add_argument("kode", help="kode desa 10 digit")
        parser.add_argument("nama", help="nama desa")
        parser.add_argument("--kecamatan", default="", help="nama kecamatan")

    def handle(self, *args, kode, nama, kecamatan, **opts):
        desa = DesaHub.objects.filter(kode=kode).first()
        try:
            if desa is None:
                from django.conf import settings

                desa = desa_daftar(
                    oleh=None,
                    lingkup=Lingkup(settings.SID_HUB_KODE_WILAYAH or kode[:2]),
                    kode=kode,
                    nama=nama,
                    nama_kecamatan=kecamatan,
                )
            teks, obj = kode_pendaftaran_buat(oleh=None, desa=desa)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        self.stdout.write(f"Desa {desa.nama} ({desa.kode})")
        self.stdout.write(
            f"Kode pendaftaran: {teks} (berlaku sampai {obj.berlaku_sampai:%Y-%m-%d %H:%M} UTC)"
        )
