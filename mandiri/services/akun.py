"""Resident accounts: creation and PIN reset by the operator, login with lockout, PIN change by
the resident, deactivation. The PIN is never stored, logged or returned except once, to the
operator who made it (shown on screen and printed on the slip)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from mandiri import pin as aturan_pin
from mandiri.models import AkunMandiri
from sid import kode
from sid.lib import penguncian
from sid.lib.audit import catat_aktivitas
from sid.lib.format import samarkan_nik
from sid.models import KunciMasuk

RANAH = KunciMasuk.Ranah.MANDIRI
PANJANG_NIK_MAKS = 32


def batas_nik() -> int:
    """Failures in a row before a NIK is locked (5)."""
    return int(getattr(settings, "SID_MANDIRI_BATAS_NIK", 5))


def batas_ip() -> int:
    """Failures from one address before it is locked (the staff realm's limit, 30)."""
    return int(getattr(settings, "SID_MANDIRI_BATAS_IP", settings.SID_KUNCI_BATAS_IP))


def bersihkan_nik(nik: Any) -> str:
    """Digits only (a NIK typed with spaces or dots still counts as the same key)."""
    return "".join(c for c in str(nik or "")[:PANJANG_NIK_MAKS] if c.isdigit() and c.isascii())


def kunci_mandiri(nik: str, ip: str) -> list[penguncian.Kunci]:
    return [
        (KunciMasuk.Jenis.NIK, nik or "-", batas_nik()),
        (KunciMasuk.Jenis.IP, ip or "0.0.0.0", batas_ip()),  # noqa: S104 - unknown address
    ]


def pelaku_warga(nik: str) -> str:
    """How residents appear in the audit log: never the full NIK."""
    return f"Warga NIK {samarkan_nik(nik)}"


def periksa_penduduk_akun(penduduk) -> None:
    """A resident who may hold an account: living, with the NIK of their KTP/KK."""
    if penduduk.status_dasar != kode.StatusDasar.HIDUP:
        raise ValidationError(
            f"{penduduk.nama} tercatat berstatus {penduduk.get_status_dasar_display()}; akun "
            "Layanan Mandiri hanya untuk penduduk yang masih hidup dan tinggal di desa."
        )
    if penduduk.nik.startswith("0"):
        raise ValidationError(
            f"{penduduk.nama} masih memakai NIK sementara; lengkapi NIK sesuai KTP/KK dulu, karena "
            "NIK itulah yang dipakai untuk masuk."
        )


# --- operator -----------------------------------------------------------------------------------


@transaction.atomic
def akun_mandiri_create(*, oleh: Any, penduduk) -> tuple[AkunMandiri, str]:
    """A new account with a random PIN. Returns (account, PIN): show the PIN once, print it."""
    periksa_penduduk_akun(penduduk)
    if AkunMandiri.objects.filter(penduduk=penduduk).exists():
        raise ValidationError(
            f"{penduduk.nama} sudah memiliki akun Layanan Mandiri; gunakan Reset PIN."
        )
    pin = aturan_pin.buat_pin(tanggal_lahir=penduduk.tanggal_lahir)
    try:
        with transaction.atomic():
            akun = AkunMandiri.objects.create(
                penduduk=penduduk,
                pin=make_password(pin, hasher=aturan_pin.hasher_pin()),
                dibuat_oleh=oleh if getattr(oleh, "is_authenticated", False) else None,
            )
    except IntegrityError:
        raise ValidationError(
            f"{penduduk.nama} sudah memiliki akun Layanan Mandiri; gunakan Reset PIN."
        ) from None
    catat_aktivitas(
        oleh=oleh,
        aksi="buat",
        objek=akun,
        keterangan="Akun Layanan Mandiri dibuat; PIN dicetak pada slip dan wajib diganti warga.",
    )
    return akun, pin


def _kunci_akun(akun: AkunMandiri) -> AkunMandiri:
    return AkunMandiri.objects.select_for_update().select_related("penduduk").get(pk=akun.pk)


@transaction.atomic
def akun_mandiri_reset_pin(*, oleh: Any, akun: AkunMandiri) -> str:
    """A new random PIN (to be changed at the next login); every open session ends and the
    NIK's lock is lifted. Returns the PIN: show it once, print it."""
    akun = _kunci_akun(akun)
    if not akun.aktif:
        raise ValidationError("Akun ini nonaktif; aktifkan dulu sebelum mengganti PIN.")
    periksa_penduduk_akun(akun.penduduk)
    pin = aturan_pin.buat_pin(tanggal_lahir=akun.penduduk.tanggal_lahir)
    akun.pin = make_password(pin, hasher=aturan_pin.hasher_pin())
    akun.wajib_ganti_pin = True
    akun.sesi_versi += 1
    akun.save(update_fields=["pin", "wajib_ganti_pin", "sesi_versi", "diperbarui"])
    penguncian.buka_kunci(RANAH, KunciMasuk.Jenis.NIK, akun.penduduk.nik)
    catat_aktivitas(
        oleh=oleh,
        aksi="reset_pin",
        objek=akun,
        keterangan="PIN direset oleh petugas; sesi yang terbuka diakhiri, kunci NIK dibuka.",
    )
    return pin


@transaction.atomic
def akun_mandiri_nonaktifkan(*, oleh: Any, akun: AkunMandiri, alasan: str) -> AkunMandiri:
    alasan = " ".join((alasan or "").split())
    if len(alasan) < 5:
        raise ValidationError(
            {"alasan": "Tuliskan alasan menonaktifkan akun (minimal 5 karakter)."}
        )
    akun = _kunci_akun(akun)
    if not akun.aktif:
        raise ValidationError("Akun ini sudah nonaktif.")
    akun.aktif, akun.alasan_nonaktif = False, alasan[:200]
    akun.sesi_versi += 1
    akun.save(update_fields=["aktif", "alasan_nonaktif", "sesi_versi", "diperbarui"])
    catat_aktivitas(
        oleh=oleh,
        aksi="nonaktifkan",
        objek=akun,
        perubahan={"aktif": [True, False]},
        keterangan=f"Akun dinonaktifkan: {alasan}",
    )
    return akun


@transaction.atomic
def akun_mandiri_aktifkan(*, oleh: Any, akun: AkunMandiri) -> AkunMandiri:
    akun = _kunci_akun(akun)
    if akun.aktif:
        raise ValidationError("Akun ini sudah aktif.")
    periksa_penduduk_akun(akun.penduduk)
    akun.aktif, akun.alasan_nonaktif = True, ""
    akun.save(update_fields=["aktif", "alasan_nonaktif", "diperbarui"])
    catat_aktivitas(oleh=oleh, aksi="aktifkan", objek=akun, perubahan={"aktif": [False, True]})
    return akun


@transaction.atomic
def akun_mandiri_buka_kunci(*, oleh: Any, akun: AkunMandiri) -> AkunMandiri:
    """Lift the lock of the resident's NIK (the address locks stay; see Penguncian login)."""
    n = penguncian.buka_kunci(RANAH, KunciMasuk.Jenis.NIK, akun.penduduk.nik)
    catat_aktivitas(
        oleh=oleh,
        aksi="buka_kunci",
        objek=akun,
        keterangan="Kunci login NIK dibuka oleh petugas." if n else "NIK tidak sedang dikunci.",
    )
    return akun


# --- resident -------------------------------------------------------------------------------------


def _pin_dummy(pin: str) -> None:
    """Spend the same time as a real check, so an unknown NIK is not faster than a known one."""
    make_password(pin, hasher=aturan_pin.hasher_pin())


def akun_masuk(*, nik: str, pin: str, ip: str) -> AkunMandiri | None:
    """Check NIK + PIN. Returns the account, or None for any failure — unknown NIK, wrong PIN,
    inactive account, a resident no longer living here, a locked NIK or address — so callers
    cannot tell them apart. Locked keys are refused before any hash is computed."""
    nik_bersih = bersihkan_nik(nik)
    pin = str(pin or "")[: aturan_pin.PANJANG_MAKSIMUM + 8]
    kunci = kunci_mandiri(nik_bersih, ip)
    pelaku = pelaku_warga(nik_bersih)
    # Counted as a failure before the PIN is checked: 20 parallel guesses check exactly 5 PINs.
    giliran = penguncian.ambil_giliran(RANAH, kunci)
    if giliran is None:
        catat_aktivitas(
            oleh=None,
            aksi="mandiri_gagal_masuk",
            pelaku=pelaku,
            keterangan="Login Layanan Mandiri ditolak: NIK atau alamat IP sedang dikunci.",
        )
        return None
    akun = None
    if len(nik_bersih) == 16:
        akun = (
            AkunMandiri.objects.bisa_masuk()
            .select_related("penduduk")
            .filter(penduduk__nik=nik_bersih)
            .first()
        )
    if akun is None:
        _pin_dummy(pin)
        cocok, alasan = False, "NIK tidak terdaftar atau akun tidak aktif"
    else:

        def perbarui_hash(mentah: str) -> None:
            AkunMandiri.objects.filter(pk=akun.pk).update(
                pin=make_password(mentah, hasher=aturan_pin.hasher_pin())
            )

        cocok = check_password(pin, akun.pin, perbarui_hash, preferred=aturan_pin.hasher_pin())
        alasan = "PIN salah"
    if not cocok:
        catat_aktivitas(
            oleh=None,
            aksi="mandiri_gagal_masuk",
            objek=akun,
            pelaku=pelaku,
            keterangan=f"Login Layanan Mandiri gagal: {alasan}.",
        )
        return None
    penguncian.berhasil(giliran, KunciMasuk.Jenis.NIK)
    sekarang = timezone.now()
    AkunMandiri.objects.filter(pk=akun.pk).update(terakhir_masuk=sekarang)
    akun.terakhir_masuk = sekarang
    catat_aktivitas(
        oleh=None,
        aksi="mandiri_masuk",
        objek=akun,
        pelaku=pelaku,
        keterangan="Login Layanan Mandiri.",
    )
    return akun


def akun_keluar(*, akun: AkunMandiri) -> None:
    catat_aktivitas(
        oleh=None,
        aksi="mandiri_keluar",
        objek=akun,
        pelaku=pelaku_warga(akun.penduduk.nik),
        keterangan="Logout Layanan Mandiri.",
    )


def akun_ganti_pin(
    *, akun: AkunMandiri, pin_lama: str, pin_baru: str, pin_ulang: str, ip: str
) -> AkunMandiri:
    """The resident chooses a new PIN. A wrong old PIN counts as a failed login for the NIK
    (so the form cannot be used to guess); success ends the account's other sessions."""
    p = akun.penduduk
    kunci = kunci_mandiri(p.nik, ip)
    pelaku = pelaku_warga(p.nik)
    giliran = penguncian.ambil_giliran(RANAH, kunci)  # counted before the old PIN is checked
    if giliran is None:
        raise ValidationError(
            "Terlalu banyak percobaan yang gagal; PIN tidak bisa diganti sekarang. Coba lagi "
            "nanti atau hubungi kantor desa."
        )
    pin_lama, pin_baru, pin_ulang = (str(x or "").strip() for x in (pin_lama, pin_baru, pin_ulang))
    galat: dict[str, str] = {}
    pesan = aturan_pin.galat_format(pin_baru)
    if pesan:
        galat["pin_baru"] = pesan
    else:
        lemah = aturan_pin.alasan_lemah(pin_baru, tanggal_lahir=p.tanggal_lahir)
        if lemah:
            galat["pin_baru"] = lemah
        elif pin_baru == pin_lama:
            galat["pin_baru"] = "PIN baru harus berbeda dari PIN lama."
    if not galat and pin_ulang != pin_baru:
        galat["pin_ulang"] = "Ulangi PIN baru dengan angka yang sama."
    if len(pin_lama) > aturan_pin.PANJANG_MAKSIMUM or not check_password(
        pin_lama, akun.pin, preferred=aturan_pin.hasher_pin()
    ):
        catat_aktivitas(
            oleh=None,
            aksi="mandiri_gagal_ganti_pin",
            objek=akun,
            pelaku=pelaku,
            keterangan="Ganti PIN gagal: PIN lama salah.",
        )
        raise ValidationError({"pin_lama": "PIN lama salah.", **galat})
    penguncian.berhasil(giliran, KunciMasuk.Jenis.NIK)  # the old PIN was right: no failure
    if galat:
        raise ValidationError(galat)
    with transaction.atomic():
        akun = _kunci_akun(akun)
        akun.pin = make_password(pin_baru, hasher=aturan_pin.hasher_pin())
        akun.wajib_ganti_pin = False
        akun.sesi_versi += 1
        akun.pin_diganti = timezone.now()
        akun.save(
            update_fields=["pin", "wajib_ganti_pin", "sesi_versi", "pin_diganti", "diperbarui"]
        )
        catat_aktivitas(
            oleh=None,
            aksi="mandiri_ganti_pin",
            objek=akun,
            pelaku=pelaku,
            keterangan="PIN diganti oleh warga; sesi lain diakhiri.",
        )
    return akun
