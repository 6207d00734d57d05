"""Bulk issue of accounts with one PDF of PIN slips (e.g. every adult of an RT).

`cetak_pin_create` freezes the list of residents and queues the Celery task (id only, on
commit). The task (`cetak_pin_jalankan`) makes a PIN and its hash per resident outside any
transaction (the hash is deliberately slow), then, in one transaction, writes the accounts,
renders the slips of exactly the accounts written and stores the PDF privately. If anything
fails, no account is written. The PDF is removed at its first download and after
SID_MANDIRI_SLIP_MENIT minutes at the latest (`cetak_pin_bersihkan`).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from mandiri import pin as aturan_pin
from mandiri.models import AkunMandiri, CetakPin
from mandiri.slip import render_slip, slip_untuk
from penduduk.models import Penduduk
from sid import kode
from sid.celery_app import antrekan
from sid.lib.audit import catat_aktivitas

BATAS_PENDUDUK = 2000
S = CetakPin.Status


def menit_simpan() -> int:
    return int(getattr(settings, "SID_MANDIRI_SLIP_MENIT", 60))


def calon_penduduk(*, wilayah=None, umur_min: int | None = 17, termasuk_akun_lama: bool = False):
    """Living residents with a real NIK in the area, old enough, without an account unless
    `termasuk_akun_lama` (then accounts that are active get a new PIN)."""

    qs = Penduduk.objects.hidup().exclude(nik__startswith="0")
    if wilayah is not None:
        qs = qs.di_wilayah(wilayah)
    if umur_min:
        qs = qs.umur_antara(umur_min, None)
    if termasuk_akun_lama:
        qs = qs.exclude(akun_mandiri__aktif=False)
    else:
        qs = qs.filter(akun_mandiri__isnull=True)
    return qs


@transaction.atomic
def cetak_pin_create(
    *,
    oleh: Any,
    wilayah=None,
    umur_min: int | None = 17,
    termasuk_akun_lama: bool = False,
    url_masuk: str,
) -> CetakPin:
    if umur_min is not None and not 0 <= umur_min <= 120:
        raise ValidationError({"umur_min": "Umur minimal antara 0 dan 120 tahun."})
    ids = list(
        calon_penduduk(wilayah=wilayah, umur_min=umur_min, termasuk_akun_lama=termasuk_akun_lama)
        .order_by(
            "wilayah__dusun__nama",
            "wilayah__rw__nama",
            "wilayah__nama",
            "keluarga_id",
            "nama",
            "pk",
        )
        .values_list("pk", flat=True)[: BATAS_PENDUDUK + 1]
    )
    tempat = str(wilayah) if wilayah is not None else "seluruh desa"
    if not ids:
        raise ValidationError(
            f"Tidak ada penduduk di {tempat} yang memenuhi pilihan ini"
            + ("" if termasuk_akun_lama else " dan belum memiliki akun")
            + "."
        )
    if len(ids) > BATAS_PENDUDUK:
        raise ValidationError(
            f"Lebih dari {BATAS_PENDUDUK} penduduk; pilih wilayah yang lebih kecil (dusun/RW/RT)."
        )
    judul = f"{tempat}, umur ≥ {umur_min or 0} tahun" + (
        ", termasuk reset PIN akun lama" if termasuk_akun_lama else ""
    )
    cetak = CetakPin.objects.create(
        judul=judul[:200],
        penduduk_ids=ids,
        termasuk_akun_lama=termasuk_akun_lama,
        url_masuk=url_masuk[:300],
        oleh=oleh if getattr(oleh, "is_authenticated", False) else None,
    )
    catat_aktivitas(
        oleh=oleh,
        aksi="cetak_pin_massal",
        objek=cetak,
        keterangan=f"Cetak PIN massal diminta untuk {len(ids)} penduduk ({judul}).",
    )
    transaction.on_commit(lambda: antrekan("mandiri.cetak_pin_massal", cetak.pk))
    return cetak


def _progres(cetak_id: int, progres: int, tahap: str) -> None:
    CetakPin.objects.filter(pk=cetak_id).update(progres=min(100, progres), tahap=tahap[:100])


def cetak_pin_jalankan(*, cetak_id: int) -> CetakPin | None:
    """The task body. Idempotent: a job that is not waiting is left alone."""

    n = CetakPin.objects.filter(pk=cetak_id, status=S.ANTRE).update(
        status=S.BERJALAN, tahap="Menyiapkan"
    )
    if not n:
        return None
    cetak = CetakPin.objects.get(pk=cetak_id)
    berkas_tersimpan = ""
    try:
        penduduk = Penduduk.objects.select_related("wilayah__dusun", "wilayah__rw").in_bulk(
            cetak.penduduk_ids
        )
        urutan = [penduduk[i] for i in cetak.penduduk_ids if i in penduduk]
        calon: list[tuple[Any, str, str]] = []
        langkah = max(1, len(urutan) // 20)
        for i, p in enumerate(urutan, start=1):
            pin = aturan_pin.buat_pin(tanggal_lahir=p.tanggal_lahir)
            calon.append((p, pin, make_password(pin, hasher=aturan_pin.hasher_pin())))
            if i % langkah == 0:
                _progres(cetak_id, int(85 * i / len(urutan)), f"Membuat PIN {i}/{len(urutan)}")
        _progres(cetak_id, 88, "Menyimpan akun dan membuat PDF")
        with transaction.atomic():
            ditulis = _tulis_akun(cetak, calon)
            cetak = CetakPin.objects.select_for_update().get(pk=cetak_id)
            if ditulis:
                isi = render_slip(
                    [slip_untuk(p, pin) for p, pin in ditulis], url_masuk=cetak.url_masuk
                )
                cetak.berkas.save(f"{cetak.uuid}.pdf", ContentFile(isi), save=False)
                berkas_tersimpan = cetak.berkas.name
            cetak.status, cetak.progres, cetak.tahap = S.SELESAI, 100, "Selesai"
            cetak.jumlah_slip = len(ditulis)
            cetak.dilewati = len(cetak.penduduk_ids) - len(ditulis)
            cetak.selesai = timezone.now()
            cetak.save()
            catat_aktivitas(
                oleh=cetak.oleh,
                aksi="cetak_pin_massal_selesai",
                objek=cetak,
                keterangan=f"{len(ditulis)} slip PIN dibuat, {cetak.dilewati} penduduk dilewati.",
            )
        return cetak
    except Exception as exc:
        if berkas_tersimpan:
            cetak.berkas.storage.delete(berkas_tersimpan)
        CetakPin.objects.filter(pk=cetak_id).update(
            status=S.GAGAL,
            berkas="",
            selesai=timezone.now(),
            pesan_galat=f"Gagal membuat slip PIN; tidak ada akun yang disimpan. ({type(exc).__name__})",
        )
        raise


def _tulis_akun(cetak: CetakPin, calon: list[tuple[Any, str, str]]) -> list[tuple[Any, str]]:
    """Create or reset the accounts (rows locked); returns (resident, PIN) of those written."""

    ids = [p.pk for p, _pin, _hash in calon]
    hidup = set(
        Penduduk.objects.filter(pk__in=ids, status_dasar=kode.StatusDasar.HIDUP).values_list(
            "pk", flat=True
        )
    )
    ada = {
        a.penduduk_id: a
        for a in AkunMandiri.objects.select_for_update().filter(penduduk_id__in=ids)
    }
    baru, reset, ditulis = [], [], []
    for p, pin, hash_pin in calon:
        if p.pk not in hidup:
            continue
        akun = ada.get(p.pk)
        if akun is None:
            baru.append(AkunMandiri(penduduk=p, pin=hash_pin, dibuat_oleh=cetak.oleh))
        elif cetak.termasuk_akun_lama and akun.aktif:
            akun.pin, akun.wajib_ganti_pin = hash_pin, True
            akun.sesi_versi += 1
            akun.diperbarui = timezone.now()
            reset.append(akun)
        else:
            continue  # an account appeared meanwhile, or was deactivated
        ditulis.append((p, pin))
    AkunMandiri.objects.bulk_create(baru, batch_size=500)
    AkunMandiri.objects.bulk_update(
        reset, ["pin", "wajib_ganti_pin", "sesi_versi", "diperbarui"], batch_size=500
    )
    for akun in AkunMandiri.objects.filter(penduduk_id__in=[a.penduduk_id for a in baru]):
        catat_aktivitas(
            oleh=cetak.oleh,
            aksi="buat",
            objek=akun,
            keterangan=f"Akun Layanan Mandiri dibuat (cetak PIN massal {_waktu(cetak)}).",
        )
    for akun in reset:
        catat_aktivitas(
            oleh=cetak.oleh,
            aksi="reset_pin",
            objek=akun,
            keterangan=f"PIN direset (cetak PIN massal {_waktu(cetak)}).",
        )
    return ditulis


def cetak_pin_bersihkan() -> int:
    """Remove slip PDFs older than SID_MANDIRI_SLIP_MENIT minutes (they hold PINs)."""
    batas = timezone.now() - datetime.timedelta(minutes=menit_simpan())
    jumlah = 0
    for cetak in CetakPin.objects.filter(selesai__lt=batas, dihapus_pada__isnull=True).exclude(
        berkas=""
    ):
        _hapus_berkas(cetak)
        jumlah += 1
    return jumlah


def _hapus_berkas(cetak: CetakPin) -> None:
    if cetak.berkas:
        cetak.berkas.storage.delete(cetak.berkas.name)
    CetakPin.objects.filter(pk=cetak.pk).update(berkas="", dihapus_pada=timezone.now())


def cetak_pin_unduh(*, oleh: Any, cetak: CetakPin) -> bytes:
    """The slips PDF, once, for the operator who asked for it; then the file is removed."""
    if cetak.oleh_id is None or cetak.oleh_id != getattr(oleh, "pk", None):
        raise PermissionDenied("Hanya petugas yang meminta cetak ini yang dapat mengunduhnya.")
    with transaction.atomic():
        cetak = CetakPin.objects.select_for_update().get(pk=cetak.pk)
        if not cetak.siap_diunduh:
            raise ValidationError(
                "Berkas slip sudah diunduh atau sudah dihapus otomatis; untuk mencetak lagi, "
                "buat cetak PIN baru (PIN akan direset)."
            )
        with cetak.berkas.open("rb") as f:
            isi = f.read()
        CetakPin.objects.filter(pk=cetak.pk).update(diunduh_pada=timezone.now())
        catat_aktivitas(
            oleh=oleh,
            aksi="unduh_slip_pin",
            objek=cetak,
            keterangan="Berkas slip PIN diunduh lalu dihapus dari server.",
        )
        _hapus_berkas(cetak)
    return isi


def _waktu(cetak) -> str:
    """Which bulk print, in words a person reads: when it was asked for."""
    return f"{timezone.localtime(cetak.dibuat):%d-%m-%Y %H.%M}"
