"""Create the first administrator with a random password, printed once."""

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction

from sid.lib.audit import catat_aktivitas
from sid.peran import ADMINISTRATOR


class Command(BaseCommand):
    help = "Membuat akun administrator pertama dengan kata sandi acak (ditampilkan sekali)."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Buat kata sandi acak baru untuk akun ini (mis. bila kata sandi hilang).",
        )

    @transaction.atomic
    def handle(self, *args, username, reset, **options):
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        if user is None and not reset and User.objects.filter(is_superuser=True).exists():
            self.stdout.write("Akun administrator sudah ada; kata sandinya tidak ditampilkan lagi.")
            return
        if user is not None and not reset:
            self.stdout.write(f"Akun '{username}' sudah ada; kata sandinya tidak ditampilkan lagi.")
            return
        password = secrets.token_urlsafe(12)
        if user is None:
            user = User.objects.create_superuser(username=username, email="", password=password)
            aksi = "buat"
        else:
            user.set_password(password)
            user.save(update_fields=["password"])
            aksi = "reset_sandi"
        grup, _ = Group.objects.get_or_create(name=ADMINISTRATOR)
        user.groups.add(grup)
        catat_aktivitas(
            oleh=None,
            aksi=aksi,
            objek=user,
            keterangan="Akun administrator (manage.py buat_admin).",
        )
        garis = "=" * 64
        self.stdout.write(garis)
        self.stdout.write(f"  Akun administrator : {username}")
        self.stdout.write(f"  Kata sandi         : {password}")
        self.stdout.write("  Catat sekarang: kata sandi ini TIDAK akan ditampilkan lagi.")
        self.stdout.write("  Lupa? python manage.py buat_admin --reset")
        self.stdout.write(garis)
