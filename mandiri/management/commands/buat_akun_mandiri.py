"""`python manage.py buat_akun_mandiri NIK [--reset]`: create a resident's Layanan Mandiri
account (or give it a new PIN) and print the PIN once."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from mandiri import services
from mandiri.models import AkunMandiri
from penduduk.models import Penduduk


class Command(BaseCommand):
    help = "Buat akun Layanan Mandiri untuk satu penduduk (atau reset PIN-nya) dan cetak PIN-nya."

    def add_arguments(self, parser):
        parser.add_argument("nik", help="NIK penduduk (16 digit)")
        parser.add_argument(
            "--reset", action="store_true", help="beri PIN baru bila akun sudah ada"
        )

    def handle(self, *args, nik: str, reset: bool, **options):

        nik = "".join(c for c in nik if c.isdigit())
        penduduk = Penduduk.objects.filter(nik=nik).first()
        if penduduk is None:
            raise CommandError(f"Penduduk dengan NIK {nik} tidak ditemukan.")
        akun = AkunMandiri.objects.filter(penduduk=penduduk).first()
        try:
            if akun is None:
                akun, pin = services.akun_mandiri_create(oleh=None, penduduk=penduduk)
                tindakan = "Akun dibuat"
            elif reset:
                pin = services.akun_mandiri_reset_pin(oleh=None, akun=akun)
                tindakan = "PIN direset"
            else:
                raise CommandError(
                    f"{penduduk.nama} sudah memiliki akun; pakai --reset untuk memberi PIN baru."
                )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        self.stdout.write(f"{tindakan} untuk {penduduk.nama} (NIK {penduduk.nik}).")
        self.stdout.write(f"PIN: {pin}")
        self.stdout.write(
            "PIN ini tidak disimpan; serahkan kepada warga. Wajib diganti saat masuk pertama."
        )
