"""`python manage.py pulihkan ARSIP [--dry-run] [--noinput]`: restore a backup archive.

Checks the archive completely first (format, checksums, version) and shows what will be
replaced; asks for confirmation unless --noinput; takes a backup of the current state, then
restores everything in one transaction and verifies it. A refused archive changes nothing and
exits with status 1 and a one-line reason.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.template.defaultfilters import filesizeformat

from sid.cadangan import ArsipDitolak, CadanganGagal, jalur_berkas
from sid.cadangan.pemulihan import cadangan_periksa, cadangan_pulihkan
from sid.models import LogCadangan


def _satu_baris(exc: Exception) -> str:
    pesan = " ".join(getattr(exc, "messages", None) or [str(exc)])
    return " ".join(pesan.split())


class Command(BaseCommand):
    help = "Memulihkan basis data dan berkas dari arsip cadangan SID."

    def add_arguments(self, parser):
        parser.add_argument("arsip", help="jalur arsip (.tar.gz atau .tar.gz.enc)")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="hanya periksa arsip dan tampilkan apa yang akan diganti; tidak mengubah apa pun",
        )
        parser.add_argument(
            "--noinput", "--no-input", action="store_true", help="jangan minta konfirmasi"
        )

    def handle(self, *args, arsip, dry_run, noinput, **options):
        path = Path(arsip).expanduser()
        if not path.is_absolute() and not path.exists():
            path = jalur_berkas(arsip)
        try:
            rencana = cadangan_periksa(berkas=path.resolve())
        except ArsipDitolak as exc:
            raise CommandError(f"Arsip ditolak: {_satu_baris(exc)}") from None
        self._tampilkan(rencana)
        if dry_run:
            self.stdout.write("Uji coba (--dry-run): arsip sah; tidak ada yang diubah.")
            return
        if not noinput:
            jawab = input(
                "Semua data dan berkas di sini akan DIGANTI dengan isi arsip (cadangan keadaan "
                "sekarang dibuat dulu). Ketik YA untuk melanjutkan: "
            )
            if jawab.strip() != "YA":
                raise CommandError("Dibatalkan; tidak ada yang diubah.")
        try:
            log = cadangan_pulihkan(
                berkas=path.resolve(), pelaku="manage.py pulihkan", rencana=rencana
            )
        except (ArsipDitolak, CadanganGagal) as exc:
            raise CommandError(_satu_baris(exc)) from None
        sebelum = log.isi.get("cadangan_sebelum")
        if sebelum:
            self.stdout.write(f"Cadangan keadaan sebelum pemulihan: {jalur_berkas(sebelum)}")
        if log.status != LogCadangan.Status.OK:
            raise CommandError(_satu_baris(Exception(log.pesan_galat)))
        isi = log.isi
        self.stdout.write(
            self.style.SUCCESS(
                f"Pemulihan selesai dan terverifikasi: {isi.get('baris')} baris dalam "
                f"{isi.get('tabel')} tabel, {isi.get('berkas')} berkas. Semua sesi login "
                "diakhiri; masuk kembali dengan akun dari data yang dipulihkan."
            )
        )

    def _tampilkan(self, rencana) -> None:
        m = rencana.manifest
        self.stdout.write(
            f"Arsip: {rencana.path}\n"
            f"  dibuat {m.get('dibuat')} oleh {m.get('dibuat_oleh')} ({m.get('jenis')}), "
            f"SID {m.get('versi')}, {m.get('database', {}).get('vendor')}"
        )
        for p in rencana.peringatan:
            self.stdout.write(self.style.WARNING(f"  Perhatian: {p}"))
        self.stdout.write(f"  {'tabel':<42} {'sekarang':>10} {'arsip':>10}")
        for t in rencana.tabel:
            arsip = "-" if t["arsip"] is None else t["arsip"]
            if t["sekarang"] or t["arsip"]:
                self.stdout.write(f"  {t['model']:<42} {t['sekarang']:>10} {arsip:>10}")
        for kunci, b in rencana.berkas.items():
            self.stdout.write(
                f"  berkas {kunci:<35} {b['sekarang']['jumlah']:>10} {b['arsip']['jumlah']:>10}"
                f"  ({filesizeformat(b['sekarang']['ukuran'])} → "
                f"{filesizeformat(b['arsip']['ukuran'])}, folder {b['folder']})"
            )
