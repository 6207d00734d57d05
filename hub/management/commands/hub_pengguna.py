"""`manage.py hub_pengguna <username> <lingkup> [--nama ...]`: give a staff user a hub scope
(creating the user with a random password, printed once, when it does not exist)."""

from __future__ import annotations

import secrets

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from hub.services.pendaftaran import pengguna_hub_atur


class Command(BaseCommand):
    help = "Atur lingkup wilayah pengguna hub (kabupaten 4 digit atau kecamatan 6 digit)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("lingkup", help="mis. 3201 (kabupaten) atau 320101 (kecamatan)")
        parser.add_argument("--nama", default="", help="nama wilayah, mis. Kecamatan Cibinong")

    def handle(self, *args, username, lingkup, nama, **opts):
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        sandi = None
        if user is None:
            sandi = secrets.token_urlsafe(12)
            user = User.objects.create_user(username=username, password=sandi, is_staff=True)
        try:
            pengguna_hub_atur(oleh=None, user=user, lingkup=lingkup, nama_lingkup=nama)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        self.stdout.write(f"{username}: lingkup hub {lingkup}")
        if sandi:
            self.stdout.write(f"Kata sandi awal (catat sekarang, tidak ditampilkan lagi): {sandi}")
