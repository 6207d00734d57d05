"""The import service (one for the admin and the CLI) and the job flow around it.

`penduduk_impor(oleh=, berkas=, dry_run=)` reads a file, plans (rencana.py) and — unless it is
a dry run — writes everything in ONE transaction (tulis.py): either the whole accepted part of
the file is in the register, or nothing is. Refused rows never leave anything behind.

The admin flow: `impor_penduduk_unggah` (checks the file, stores it privately, runs the dry
run inline for small files or in a Celery task) → preview → `impor_penduduk_mulai` (queues the
run) → `impor_penduduk_jalankan` in the worker (plans again against the current register,
writes, records the result). A crash marks the job GAGAL with the reason; nothing was written.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from keluarga.models import Keluarga, PeristiwaKeluarga
from penduduk.impor import formats, tulis
from penduduk.impor.rencana import Rencana, baris_baru_untuk_pratinjau, buat_rencana, teks_wilayah
from penduduk.impor.validasi import tampil
from penduduk.models import ImporPenduduk, Penduduk, Peristiwa
from penduduk.statistik.versi import statistik_berubah
from sid.celery_app import antrekan
from sid.lib.audit import catat_aktivitas
from sid.lib.db import perbarui_statistik_planner
from sid.models import Wilayah

log = logging.getLogger(__name__)

CONTOH = 20  # sample rows of new / changed residents in the preview
BATAS_INLINE = 2000  # estimated rows checked in the upload request; more → Celery task


@dataclass
class HasilImpor:
    format: str
    nama_berkas: str
    dry_run: bool
    total: int = 0
    baru: int = 0
    diubah: int = 0
    tidak_berubah: int = 0
    ditolak: int = 0
    galat: list[dict[str, Any]] = field(default_factory=list)  # {baris, kolom, pesan}
    contoh_baru: list[dict] = field(default_factory=list)
    contoh_ubah: list[dict] = field(default_factory=list)
    peringatan: list[str] = field(default_factory=list)
    wilayah_baru: list[str] = field(default_factory=list)
    keluarga_baru: int = 0
    tingkat_baru: dict[str, bool] = field(default_factory=dict)
    fase_awal: bool = True
    disimpan: bool = False

    @property
    def ringkasan(self) -> str:
        return (
            f"{self.baru} baru, {self.diubah} diubah, {self.tidak_berubah} tidak berubah, "
            f"{self.ditolak} ditolak"
        )

    def rincian(self) -> dict[str, Any]:
        return {
            "contoh_baru": self.contoh_baru,
            "contoh_ubah": self.contoh_ubah,
            "peringatan": self.peringatan,
            "wilayah_baru": self.wilayah_baru,
            "keluarga_baru": self.keluarga_baru,
            "tingkat_baru": self.tingkat_baru,
            "fase_awal": self.fase_awal,
        }


def _hasil(rencana: Rencana, *, nama_berkas: str, dry_run: bool) -> HasilImpor:
    hasil = HasilImpor(
        format=rencana.format,
        nama_berkas=nama_berkas,
        dry_run=dry_run,
        total=rencana.total,
        baru=len(rencana.baru),
        diubah=len(rencana.ubah),
        tidak_berubah=rencana.tetap,
        ditolak=len(rencana.ditolak),
        peringatan=list(rencana.peringatan),
        keluarga_baru=len(rencana.keluarga_baru),
        tingkat_baru=dict(rencana.tingkat_baru),
        fase_awal=rencana.fase_awal,
    )
    for b in rencana.ditolak:
        for kolom, pesan in b.galat:
            hasil.galat.append({"baris": b.nomor, "kolom": kolom, "pesan": pesan})
    hasil.contoh_baru = [baris_baru_untuk_pratinjau(i) for i in rencana.baru[:CONTOH]]
    hasil.contoh_ubah = [
        {
            "baris": u.baris.nomor,
            "nik": u.p.nik,
            "nama": u.p.nama,
            "perubahan": [[k, tampil(k, lama), tampil(k, baru)] for k, lama, baru in u.kolom],
        }
        for u in rencana.ubah[:CONTOH]
    ]
    for nama, ada in rencana.wilayah.values():
        if ada is None:
            hasil.wilayah_baru.append(teks_wilayah(nama))
    return hasil


def penduduk_impor(
    *,
    oleh: Any,
    berkas,
    dry_run: bool,
    nama_berkas: str = "",
    laporan: Callable[[int, int], None] | None = None,
    sebelum_tulis: Callable[[], None] | None = None,
    saat_tulis: Callable[[HasilImpor], None] | None = None,
) -> HasilImpor:
    """Import a resident file (path, bytes or file object). Whole-file problems (not a
    spreadsheet, unknown column, empty, too big) raise ValidationError; row problems are in
    the result's `galat`. `saat_tulis` runs inside the write transaction (job bookkeeping)."""
    nama_berkas = nama_berkas or os.path.basename(str(getattr(berkas, "name", berkas)))[:255]
    with formats.buka(berkas) as lembar:
        rencana = buat_rencana(lembar, laporan=laporan)
    hasil = _hasil(rencana, nama_berkas=nama_berkas, dry_run=dry_run)
    if dry_run:
        return hasil
    if sebelum_tulis:
        sebelum_tulis()
    with transaction.atomic():
        if rencana.ada_yang_ditulis:
            tulis.tulis(rencana, oleh=oleh, nama_berkas=nama_berkas)
            hasil.disimpan = True
            statistik_berubah()  # bulk writes send no signals: new figures once committed
        catat_aktivitas(
            oleh=oleh,
            aksi="impor",
            keterangan=f"Impor penduduk dari {nama_berkas}: {hasil.ringkasan}."
            + ("" if hasil.disimpan else " Tidak ada data yang disimpan."),
        )
        if saat_tulis:
            saat_tulis(hasil)
    if hasil.disimpan:
        # Fresh planner statistics: right after a bulk load the family list took 355–400 ms
        # until an ANALYZE, then 23 ms (measured, issue #18).
        perbarui_statistik_planner(Wilayah, Keluarga, PeristiwaKeluarga, Penduduk, Peristiwa)
    return hasil


# --- the job flow (admin) ----------------------------------------------------------------------


@transaction.atomic
def impor_penduduk_unggah(*, oleh: Any, berkas) -> Any:
    """Check an uploaded file, store it privately and start its dry run.

    Whole-file problems are raised (ValidationError) so the upload form shows them and
    nothing is stored.
    """
    _format, _lembar, perkiraan = formats.periksa_berkas(berkas)
    berkas.seek(0)
    impor = ImporPenduduk(
        nama_berkas=os.path.basename(getattr(berkas, "name", "") or "berkas.xlsx")[:255],
        format=_format,
        total_baris=perkiraan or 0,
        oleh=oleh if getattr(oleh, "pk", None) else None,
        tahap="Menunggu pemeriksaan",
    )
    impor.berkas.save(impor.nama_berkas, berkas, save=False)
    impor.save()
    catat_aktivitas(
        oleh=oleh, aksi="unggah", objek=impor, keterangan="Berkas impor penduduk diunggah."
    )
    if perkiraan is not None and perkiraan <= BATAS_INLINE:
        impor_penduduk_periksa(impor_id=impor.pk)
        impor.refresh_from_db()
    else:
        transaction.on_commit(lambda: antrekan("penduduk.impor_periksa", impor.pk))
    return impor


def _pelapor(impor_id: int, tahap: str) -> Callable[[int, int], None]:

    def laporan(diproses: int, total: int) -> None:
        ImporPenduduk.objects.filter(pk=impor_id).update(
            diproses=diproses, total_baris=total, tahap=tahap
        )

    return laporan


def _simpan_hasil(impor, hasil: HasilImpor) -> None:
    impor.format = hasil.format
    impor.total_baris = impor.diproses = hasil.total
    impor.baru, impor.diubah = hasil.baru, hasil.diubah
    impor.tidak_berubah, impor.ditolak = hasil.tidak_berubah, hasil.ditolak
    impor.galat = hasil.galat
    impor.rincian = {**impor.rincian, **hasil.rincian()}


def _gagal(impor_id: int, pesan: str) -> None:
    ImporPenduduk.objects.filter(pk=impor_id).update(
        status=ImporPenduduk.Status.GAGAL, pesan=pesan, tahap="", selesai=timezone.now()
    )


def _pesan_galat(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    if isinstance(exc, IntegrityError):
        return (
            "Register berubah selama impor (NIK, No. KK atau kepala keluarga yang sama baru saja "
            "disimpan dari layar lain). Unggah ulang berkas agar diperiksa terhadap data terbaru."
        )
    return f"Terjadi kesalahan sistem ({type(exc).__name__}); lihat log server."


def impor_penduduk_periksa(*, impor_id: int) -> None:
    """The dry run of an uploaded file (task body; also run inline for small files)."""
    impor = ImporPenduduk.objects.get(pk=impor_id)
    if impor.status != ImporPenduduk.Status.DIUNGGAH:
        return
    try:
        with impor.berkas.open("rb") as f:
            hasil = penduduk_impor(
                oleh=impor.oleh,
                berkas=f,
                dry_run=True,
                nama_berkas=impor.nama_berkas,
                laporan=_pelapor(impor.pk, "Memeriksa baris"),
            )
    except Exception as exc:
        if not isinstance(exc, ValidationError):
            log.exception("Pemeriksaan impor %s gagal", impor_id)
        _gagal(impor_id, _pesan_galat(exc))
        return
    impor.refresh_from_db()
    _simpan_hasil(impor, hasil)
    impor.rincian["pratinjau"] = {
        "baru": hasil.baru,
        "diubah": hasil.diubah,
        "tidak_berubah": hasil.tidak_berubah,
        "ditolak": hasil.ditolak,
    }
    impor.status = ImporPenduduk.Status.DIPERIKSA
    impor.tahap = ""
    impor.diperiksa_pada = timezone.now()
    impor.save()


@transaction.atomic
def impor_penduduk_mulai(*, oleh: Any, impor) -> Any:
    """The operator confirms the preview: queue the real run (once)."""
    impor = ImporPenduduk.objects.select_for_update().get(pk=impor.pk)
    if impor.status != ImporPenduduk.Status.DIPERIKSA:
        raise ValidationError(
            f"Impor ini berstatus {impor.get_status_display().lower()}; hanya hasil pemeriksaan "
            "yang menunggu konfirmasi dapat dijalankan."
        )
    if not impor.disimpan:
        raise ValidationError(
            "Pemeriksaan tidak menemukan data baru atau perubahan: tidak ada yang akan disimpan."
        )
    impor.status = ImporPenduduk.Status.BERJALAN
    impor.tahap = "Menunggu giliran di antrean"
    impor.diproses = 0
    impor.dimulai = timezone.now()
    impor.save()
    catat_aktivitas(oleh=oleh, aksi="impor_mulai", objek=impor, keterangan="Impor dikonfirmasi.")
    transaction.on_commit(lambda: antrekan("penduduk.impor_jalankan", impor.pk))
    return impor


def impor_penduduk_jalankan(*, impor_id: int) -> None:
    """The real run (task body). Status afterwards says what happened, never more."""
    impor = ImporPenduduk.objects.get(pk=impor_id)
    if impor.status != ImporPenduduk.Status.BERJALAN:
        return

    def sebelum_tulis() -> None:
        ImporPenduduk.objects.filter(pk=impor_id).update(tahap="Menyimpan ke database")

    def saat_tulis(hasil: HasilImpor) -> None:
        terkini = ImporPenduduk.objects.select_for_update().get(pk=impor_id)
        _simpan_hasil(terkini, hasil)
        terkini.status = ImporPenduduk.Status.SELESAI
        terkini.tahap = ""
        terkini.selesai = timezone.now()
        terkini.pesan = (
            f"Tersimpan: {hasil.ringkasan}."
            if hasil.disimpan
            else f"Tidak ada data yang disimpan ({hasil.ringkasan})."
        )
        terkini.save()

    try:
        with impor.berkas.open("rb") as f:
            penduduk_impor(
                oleh=impor.oleh,
                berkas=f,
                dry_run=False,
                nama_berkas=impor.nama_berkas,
                laporan=_pelapor(impor_id, "Memeriksa ulang baris"),
                sebelum_tulis=sebelum_tulis,
                saat_tulis=saat_tulis,
            )
    except Exception as exc:
        if not isinstance(exc, ValidationError):
            log.exception("Impor %s gagal", impor_id)
        _gagal(impor_id, _pesan_galat(exc) + " Tidak ada data yang disimpan.")
