"""`manage.py impor_opensid BACKUP.sql [--folder-desa DESA.zip] [--dry-run]`: the same move as
the back office's *Pindah dari OpenSID* screen, in the foreground."""

from __future__ import annotations

import os

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from pindah.exceptions import CadanganDitolak
from pindah.jalankan import pindah_opensid
from pindah.konteks import Laporan
from pindah.models import PindahOpenSID


class Command(BaseCommand):
    help = (
        "Memindahkan satu desa dari cadangan database OpenSID (.sql, .sql.gz atau .zip) ke desa "
        "SID yang masih kosong. Mencetak apa yang dibawa, yang ditolak beserta alasannya, dan "
        "tabel yang tidak dibawa; keluar dengan kode 1 bila ada baris ditolak, 2 bila berkas "
        "ditolak seluruhnya."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="Cadangan database OpenSID")
        parser.add_argument("--folder-desa", default="", help="Cadangan folder desa (.zip)")
        parser.add_argument(
            "--dry-run", action="store_true", help="Periksa saja; tidak ada yang disimpan."
        )
        parser.add_argument(
            "--oleh", default="", help="Nama pengguna staf yang dicatat di log aktivitas."
        )

    def handle(self, *args, path, folder_desa, dry_run, oleh, **options):
        pengguna = None
        if oleh:
            pengguna = get_user_model().objects.filter(username=oleh).first()
            if pengguna is None:
                raise CommandError(f"Pengguna '{oleh}' tidak ditemukan.")
        for p in filter(None, (path, folder_desa)):
            if not os.path.isfile(p):
                raise CommandError(f"Berkas {p} tidak ditemukan.", returncode=2)

        def catat(laporan: Laporan) -> None:
            """Keep the backup and its report, as the screen does (re-import is recognised)."""
            pindah = PindahOpenSID(
                nama_berkas=os.path.basename(path)[:255],
                sha256=laporan.sha256,
                versi=laporan.versi,
                status=PindahOpenSID.Status.SELESAI,
                kemajuan=100,
                laporan=laporan.sebagai_dict(),
                oleh=pengguna,
                dimulai=timezone.now(),
                selesai=timezone.now(),
            )
            with open(path, "rb") as f:
                pindah.berkas.save(os.path.basename(path), File(f), save=False)
            pindah.save()

        try:
            laporan = pindah_opensid(
                oleh=pengguna,
                sumber=path,
                folder=folder_desa or None,
                dry_run=dry_run,
                sebelum_tulis=None if dry_run else catat,
            )
        except (CadanganDitolak, ValidationError) as exc:
            pesan = str(exc) if isinstance(exc, CadanganDitolak) else " ".join(exc.messages)
            raise CommandError(pesan, returncode=2) from None
        self._cetak(laporan, dry_run)
        if laporan.ada_yang_ditolak:
            jumlah = sum(laporan.ditolak.values())
            raise CommandError(f"{jumlah} baris ditolak (lihat di atas).", returncode=1)

    def _cetak(self, laporan: Laporan, dry_run: bool) -> None:
        tulis = self.stdout.write
        for c in laporan.catatan:
            tulis(f"catatan: {c}")
        if laporan.sudah_diimpor:
            return
        tulis(f"OpenSID {laporan.versi}, desa {laporan.desa}")
        for jenis, n in laporan.dibawa.items():
            tulis(f"dibawa: {jenis}: {n}")
        for m in laporan.masalah:
            tanda = "ditolak" if m["ditolak"] else "diubah"
            tulis(f"{tanda}: {m['jenis']}, {m['baris']}: {m['alasan']}")
        bawaan = [t for t in laporan.tidak_dibawa if t.get("bawaan")]
        for t in laporan.tidak_dibawa:
            if not t.get("bawaan"):
                tulis(f"tidak dibawa: {t['tabel']} ({t['baris']} baris): {t['alasan']}")
        if bawaan:
            tulis(
                f"tidak dibawa: {len(bawaan)} tabel data bawaan OpenSID sendiri "
                f"({', '.join(t['tabel'] for t in bawaan)})"
            )
        tulis("Pemeriksaan selesai; tidak ada yang disimpan." if dry_run else "Impor selesai.")
