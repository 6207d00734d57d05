"""Villages and their credentials at the hub: registering a village code, issuing one-time
enrolment codes, enrolment itself, key rotation and revocation."""

from __future__ import annotations

import datetime
import hashlib
import secrets
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hub.lingkup import Lingkup
from hub.models import DesaHub, KodePendaftaran, Kredensial
from hub.verifikasi import Ditolak, PermintaanSah, periksa_waktu
from sid.lib.audit import catat_aktivitas
from sid.lib.kabel import protokol

# No 0/O, 1/I/L: the code is read over the phone and typed by hand.
ABJAD_KODE = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def normalkan_kode(kode: str) -> str:
    return "".join(c for c in (kode or "").upper() if c.isalnum())


def hash_kode(kode: str) -> str:
    return hashlib.sha256(normalkan_kode(kode).encode()).hexdigest()


def _dalam_wilayah_hub(kode: str) -> bool:
    return kode.startswith(settings.SID_HUB_KODE_WILAYAH or "")


@transaction.atomic
def desa_daftar(
    *, oleh: Any, lingkup: Lingkup, kode: str, nama: str, nama_kecamatan: str = ""
) -> DesaHub:
    """Register a village code at this hub (within the hub's area and the user's scope)."""
    kode = (kode or "").strip()
    nama = (nama or "").strip()
    galat: dict[str, str] = {}
    if not (kode.isdigit() and len(kode) == 10):
        galat["kode"] = "Kode desa harus tepat 10 digit angka (kode Kemendagri)."
    elif not _dalam_wilayah_hub(kode):
        galat["kode"] = (
            f"Desa {kode} berada di luar wilayah hub ini ({settings.SID_HUB_KODE_WILAYAH})."
        )
    elif not lingkup.memuat(kode):
        galat["kode"] = f"Desa {kode} berada di luar lingkup Anda ({lingkup.kode})."
    elif DesaHub.objects.filter(kode=kode).exists():
        galat["kode"] = f"Desa {kode} sudah terdaftar di hub ini."
    if not nama:
        galat["nama"] = "Nama desa wajib diisi."
    if galat:
        raise ValidationError(galat)
    desa = DesaHub.objects.create(
        kode=kode,
        nama=nama,
        kode_kecamatan=kode[:6],
        nama_kecamatan=(nama_kecamatan or "").strip(),
        kode_kabupaten=kode[:4],
    )
    catat_aktivitas(oleh=oleh, aksi="hub_desa_daftar", objek=desa)
    return desa


@transaction.atomic
def kode_pendaftaran_buat(*, oleh: Any, desa: DesaHub) -> tuple[str, KodePendaftaran]:
    """A new one-time enrolment code for the village (shown once; only its hash is kept).
    Earlier unused codes of the village stop working."""
    sekarang = timezone.now()
    KodePendaftaran.objects.filter(desa=desa, dipakai_pada__isnull=True).update(
        berlaku_sampai=sekarang
    )
    mentah = "".join(secrets.choice(ABJAD_KODE) for _ in range(12))
    kode = "-".join(mentah[i : i + 4] for i in range(0, 12, 4))
    obj = KodePendaftaran.objects.create(
        desa=desa,
        kode_hash=hash_kode(kode),
        berlaku_sampai=sekarang + datetime.timedelta(hours=settings.SID_HUB_KODE_BERLAKU_JAM),
        dibuat_oleh=oleh if getattr(oleh, "pk", None) else None,
    )
    catat_aktivitas(
        oleh=oleh,
        aksi="hub_kode_pendaftaran",
        objek=desa,
        keterangan=f"Berlaku sampai {timezone.localtime(obj.berlaku_sampai):%d-%m-%Y %H:%M}.",
    )
    return kode, obj


def pendaftaran_terima(*, request, body: bytes) -> dict[str, Any]:
    """Enrolment over the API: the one-time code is exchanged for a credential bound to the
    code's village. The request is signed with the new key (proof that the village holds it)."""
    from hub.services.kunci import kunci_hub
    from hub.verifikasi import _json

    h = request.headers
    waktu, nonce, ttd = (
        h.get(protokol.H_WAKTU, ""),
        h.get(protokol.H_NONCE, ""),
        h.get(protokol.H_TANDA_TANGAN, ""),
    )
    if h.get(protokol.H_KREDENSIAL) != protokol.KREDENSIAL_PENDAFTARAN or not (
        waktu and nonce and ttd
    ):
        raise Ditolak(401, "tanpa_tanda_tangan", "Permintaan pendaftaran tidak bertanda tangan.")
    periksa_waktu(waktu)
    data = _json(body)
    kode_desa = str(data.get("kode_desa", ""))[:20]
    kunci_publik = data.get("kunci_publik")
    if not isinstance(kunci_publik, str) or not protokol.kunci_publik_sah(kunci_publik):
        raise Ditolak(400, "kunci_tidak_sah", "Kunci publik desa tidak sah.", kode_desa=kode_desa)
    pesan = protokol.teks_permintaan(
        method=request.method,
        path=request.get_full_path(),
        body_sha256=protokol.sha256_hex(body),
        waktu=waktu,
        nonce=nonce,
        kredensial=protokol.KREDENSIAL_PENDAFTARAN,
    )
    if not protokol.tanda_tangan_sah(kunci_publik, pesan, ttd):
        raise Ditolak(
            401, "tanda_tangan_salah", "Tanda tangan pendaftaran tidak sah.", kode_desa=kode_desa
        )
    with transaction.atomic():
        kode = (
            KodePendaftaran.objects.select_for_update()
            .select_related("desa")
            .filter(kode_hash=hash_kode(str(data.get("kode", ""))))
            .first()
        )
        if kode is None:
            raise Ditolak(
                403,
                "kode_tidak_dikenal",
                "Kode pendaftaran tidak dikenal. Periksa kembali kode dari hub.",
                kode_desa=kode_desa,
            )
        if kode.dipakai_pada is not None:
            raise Ditolak(
                403,
                "kode_sudah_dipakai",
                "Kode pendaftaran ini sudah dipakai. Minta kode baru ke hub.",
                kode_desa=kode_desa,
            )
        if kode.berlaku_sampai <= timezone.now():
            raise Ditolak(
                403,
                "kode_kedaluwarsa",
                "Kode pendaftaran sudah kedaluwarsa. Minta kode baru ke hub.",
                kode_desa=kode_desa,
            )
        if kode.desa.kode != kode_desa:
            raise Ditolak(
                403,
                "kode_desa_tidak_cocok",
                f"Kode pendaftaran ini untuk desa {kode.desa.kode}, bukan {kode_desa}.",
                kode_desa=kode_desa,
            )
        kode.dipakai_pada = timezone.now()
        kode.save(update_fields=["dipakai_pada"])
        kredensial = Kredensial.objects.create(desa=kode.desa, kunci_publik=kunci_publik)
        catat_aktivitas(
            oleh=None,
            pelaku=f"desa {kode_desa}",
            aksi="hub_pendaftaran",
            objek=kode.desa,
            keterangan=f"Kredensial baru, sidik jari kunci {protokol.sidik_jari(kunci_publik)}.",
        )
    return {
        "kredensial": str(kredensial.uuid),
        "kunci_publik_hub": kunci_hub().kunci_publik,
        "nama_hub": settings.SID_HUB_NAMA,
        "desa": {"kode": kode.desa.kode, "nama": kode.desa.nama},
    }


@transaction.atomic
def rotasi_terima(*, permintaan: PermintaanSah) -> dict[str, Any]:
    """A new key for the village, signed by the current one and proven by the new one. The
    old key keeps working until the new one is first used (so a lost answer strands nobody)."""
    data = permintaan.data
    baru = data.get("kunci_publik_baru")
    if not isinstance(baru, str) or not protokol.kunci_publik_sah(baru):
        raise Ditolak(400, "kunci_tidak_sah", "Kunci publik baru tidak sah.")
    bukti = protokol.teks_bukti_rotasi(
        kode_desa=permintaan.desa.kode,
        kunci_publik_baru=baru,
        kredensial_lama=str(permintaan.kredensial.uuid),
    )
    if not protokol.tanda_tangan_sah(baru, bukti, str(data.get("bukti", ""))):
        raise Ditolak(400, "kunci_tidak_sah", "Bukti kepemilikan kunci baru tidak sah.")
    kredensial = Kredensial.objects.create(desa=permintaan.desa, kunci_publik=baru)
    catat_aktivitas(
        oleh=None,
        pelaku=f"desa {permintaan.desa.kode}",
        aksi="hub_rotasi_kunci",
        objek=permintaan.desa,
        keterangan=f"Kredensial baru {kredensial.uuid} ({protokol.sidik_jari(baru)}).",
    )
    return {"kredensial": str(kredensial.uuid)}


@transaction.atomic
def cabut_oleh_desa(*, permintaan: PermintaanSah) -> dict[str, Any]:
    """The village leaves the hub: every credential of the village stops working."""
    n = Kredensial.objects.filter(desa=permintaan.desa, status=Kredensial.Status.AKTIF).update(
        status=Kredensial.Status.DICABUT,
        dicabut_pada=timezone.now(),
        alasan_cabut="Dicabut oleh desa (keluar dari hub).",
    )
    catat_aktivitas(
        oleh=None,
        pelaku=f"desa {permintaan.desa.kode}",
        aksi="hub_kredensial_cabut",
        objek=permintaan.desa,
        keterangan="Desa keluar dari hub.",
    )
    return {"dicabut": n}


@transaction.atomic
def kredensial_cabut(*, oleh: Any, kredensial: Kredensial, alasan: str) -> Kredensial:
    """Hub staff revoke a village's credential (the village must enrol again)."""
    alasan = (alasan or "").strip()
    if not alasan:
        raise ValidationError({"alasan": "Tuliskan alasan pencabutan."})
    if kredensial.status == Kredensial.Status.DICABUT:
        raise ValidationError("Kredensial ini sudah dicabut.")
    kredensial.status = Kredensial.Status.DICABUT
    kredensial.dicabut_pada = timezone.now()
    kredensial.alasan_cabut = alasan[:200]
    kredensial.save(update_fields=["status", "dicabut_pada", "alasan_cabut"])
    catat_aktivitas(
        oleh=oleh,
        aksi="hub_kredensial_cabut",
        objek=kredensial.desa,
        keterangan=f"Kredensial dicabut: {alasan}",
    )
    return kredensial


def periksa_lingkup(lingkup: str) -> str:
    """A scope code inside the hub's area (ValidationError otherwise)."""
    lingkup = (lingkup or "").strip()
    if not (lingkup.isdigit() and len(lingkup) in (2, 4, 6)):
        raise ValidationError({"lingkup": "Lingkup harus 2, 4 atau 6 digit kode wilayah."})
    wilayah = settings.SID_HUB_KODE_WILAYAH or ""
    if not lingkup.startswith(wilayah):
        raise ValidationError({"lingkup": f"Lingkup harus di dalam wilayah hub ({wilayah})."})
    return lingkup


@transaction.atomic
def pengguna_hub_atur(*, oleh: Any, user, lingkup: str, nama_lingkup: str = ""):
    """Give a staff user a hub scope (a kabupaten or kecamatan inside the hub's area)."""
    from hub.models import PenggunaHub

    lingkup = periksa_lingkup(lingkup)
    profil, _ = PenggunaHub.objects.update_or_create(
        user=user, defaults={"lingkup": lingkup, "nama_lingkup": (nama_lingkup or "")[:100]}
    )
    catat_aktivitas(oleh=oleh, aksi="hub_pengguna", objek=user, keterangan=f"Lingkup hub {lingkup}")
    return profil
