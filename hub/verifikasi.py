"""Checking a village's signed request at the hub, and answering it (signed, JSON).

An address refused SID_HUB_TOLAK_BATAS_IP times within SID_HUB_TOLAK_JENDELA_MENIT is answered
429 before anything is read (`terlalu_sering`); repeated refusals share one row with a counter.

Order of the checks (the first failure refuses the request and is logged in PenolakanHub):
headers present → protocol version → time within ±SID_SINKRON_TOLERANSI_DETIK → credential
known → credential active → signature over method, path, body hash, time, nonce → nonce never
seen (stored only after the signature verified, so junk cannot fill the store) → JSON body →
the body's village code equals the credential's.
"""

from __future__ import annotations

import datetime
import json
import logging
import re
import time
import uuid
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from hub.models import DesaHub, Kredensial, NonceHub, PenolakanHub
from sid.lib import konteks
from sid.lib.kabel import protokol

log = logging.getLogger("hub")

POLA_NONCE = re.compile(r"^[0-9a-f]{16,64}$")


class Ditolak(Exception):
    """A refused request: HTTP status, a stable reason code and an Indonesian message."""

    def __init__(
        self, status: int, alasan: str, pesan: str, *, kredensial: str = "", kode_desa: str = ""
    ):
        super().__init__(pesan)
        self.status = status
        self.alasan = alasan
        self.pesan = pesan
        self.kredensial = kredensial
        self.kode_desa = kode_desa


@dataclass
class PermintaanSah:
    kredensial: Kredensial
    desa: DesaHub
    data: dict[str, Any]
    body: bytes


def baca_body(request: HttpRequest) -> bytes:
    """The raw body, up to SID_HUB_BATAS_BATCH_MB (batches may carry SK scans)."""
    batas = settings.SID_HUB_BATAS_BATCH_MB * 1024 * 1024
    try:
        panjang = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        panjang = 0
    if panjang > batas:
        raise Ditolak(
            413, "terlalu_besar", f"Kiriman lebih dari {settings.SID_HUB_BATAS_BATCH_MB} MB."
        )
    body = request.read(batas + 1)
    if len(body) > batas:
        raise Ditolak(
            413, "terlalu_besar", f"Kiriman lebih dari {settings.SID_HUB_BATAS_BATCH_MB} MB."
        )
    return body


def _kepala(request: HttpRequest, nama: str) -> str:
    return request.headers.get(nama, "").strip()


def periksa_waktu(waktu: str) -> None:
    try:
        detik = int(waktu)
    except ValueError:
        raise Ditolak(401, "waktu_tidak_sah", "Waktu permintaan tidak sah.") from None
    toleransi = settings.SID_SINKRON_TOLERANSI_DETIK
    if abs(time.time() - detik) > toleransi:
        raise Ditolak(
            401,
            "kedaluwarsa",
            f"Waktu permintaan berselisih lebih dari {toleransi // 60} menit dengan jam hub "
            "(permintaan lama diputar ulang, atau jam server desa salah).",
        )


def _json(body: bytes) -> dict[str, Any]:
    if not body:
        return {}
    try:
        data = json.loads(body)
    except ValueError:
        raise Ditolak(400, "json_rusak", "Isi permintaan bukan JSON yang sah.") from None
    if not isinstance(data, dict):
        raise Ditolak(400, "json_rusak", "Isi permintaan harus berupa objek JSON.")
    return data


def verifikasi(request: HttpRequest, body: bytes) -> PermintaanSah:
    """The checked request, or Ditolak."""
    kred_id = _kepala(request, protokol.H_KREDENSIAL)
    waktu = _kepala(request, protokol.H_WAKTU)
    nonce = _kepala(request, protokol.H_NONCE)
    ttd = _kepala(request, protokol.H_TANDA_TANGAN)
    if not (kred_id and waktu and nonce and ttd):
        raise Ditolak(401, "tanpa_tanda_tangan", "Permintaan tidak bertanda tangan.")
    if _kepala(request, protokol.H_PROTOKOL) != str(protokol.VERSI_PROTOKOL):
        raise Ditolak(400, "protokol", "Versi protokol sinkron tidak didukung hub ini.")
    if not POLA_NONCE.match(nonce):
        raise Ditolak(401, "nonce_tidak_sah", "Nonce permintaan tidak sah.", kredensial=kred_id)
    periksa_waktu(waktu)
    try:
        kred_uuid = uuid.UUID(kred_id)
    except ValueError:
        raise Ditolak(
            401, "kredensial_tidak_dikenal", "Kredensial tidak dikenal.", kredensial=kred_id[:64]
        ) from None
    kredensial = Kredensial.objects.select_related("desa").filter(uuid=kred_uuid).first()
    if kredensial is None:
        raise Ditolak(
            401, "kredensial_tidak_dikenal", "Kredensial tidak dikenal.", kredensial=kred_id
        )
    kode = kredensial.desa.kode
    if kredensial.status != Kredensial.Status.AKTIF:
        raise Ditolak(
            401,
            "kredensial_dicabut",
            "Kredensial desa ini sudah dicabut hub. Daftarkan ulang desa dengan kode baru.",
            kredensial=kred_id,
            kode_desa=kode,
        )
    pesan = protokol.teks_permintaan(
        method=request.method,
        path=request.get_full_path(),
        body_sha256=protokol.sha256_hex(body),
        waktu=waktu,
        nonce=nonce,
        kredensial=kred_id,
    )
    if not protokol.tanda_tangan_sah(kredensial.kunci_publik, pesan, ttd):
        raise Ditolak(
            401,
            "tanda_tangan_salah",
            "Tanda tangan tidak cocok dengan isi permintaan (isi diubah, atau kunci salah).",
            kredensial=kred_id,
            kode_desa=kode,
        )
    try:
        with transaction.atomic():
            NonceHub.objects.create(kredensial=kredensial, nonce=nonce)
    except IntegrityError:
        raise Ditolak(
            409,
            "ulangan",
            "Permintaan ini sudah pernah diterima (diputar ulang).",
            kredensial=kred_id,
            kode_desa=kode,
        ) from None
    data = _json(body)
    if ("kode_desa" in data or request.method == "POST") and data.get("kode_desa") != kode:
        raise Ditolak(
            403,
            "kode_desa_tidak_cocok",
            f"Kredensial ini milik desa {kode}; kiriman atas nama desa lain ditolak.",
            kredensial=kred_id,
            kode_desa=str(data.get("kode_desa", ""))[:20],
        )
    _catat_pemakaian(kredensial)
    return PermintaanSah(kredensial=kredensial, desa=kredensial.desa, data=data, body=body)


def _catat_pemakaian(kredensial: Kredensial) -> None:
    """Last use; the first use of a rotated key retires the keys issued before it."""
    sekarang = timezone.now()
    if kredensial.pertama_dipakai is None:
        with transaction.atomic():
            Kredensial.objects.filter(
                desa=kredensial.desa, status=Kredensial.Status.AKTIF, dibuat__lt=kredensial.dibuat
            ).update(
                status=Kredensial.Status.DICABUT,
                dicabut_pada=sekarang,
                alasan_cabut="Digantikan kunci baru (rotasi).",
            )
            Kredensial.objects.filter(pk=kredensial.pk).update(
                pertama_dipakai=sekarang, terakhir_dipakai=sekarang
            )
    elif kredensial.terakhir_dipakai is None or (
        (sekarang - kredensial.terakhir_dipakai).total_seconds() > 60
    ):
        Kredensial.objects.filter(pk=kredensial.pk).update(terakhir_dipakai=sekarang)


# --- answers ------------------------------------------------------------------------------------
def jawab(request: HttpRequest, data: Any, status: int = 200) -> HttpResponse:
    """A JSON answer signed with the hub's key over the request's nonce, status and body."""
    from hub.services.kunci import kunci_hub

    body = protokol.json_kanonik(data)
    response = HttpResponse(body, status=status, content_type="application/json")
    nonce = _kepala(request, protokol.H_NONCE)
    kunci = kunci_hub()
    response[protokol.H_TANDA_TANGAN_HUB] = protokol.tanda_tangani(
        kunci.kunci_privat, protokol.teks_jawaban(nonce=nonce, status=status, body=body)
    )
    return response


def jawab_berkas(request: HttpRequest, isi: bytes, jenis: str) -> HttpResponse:
    from hub.services.kunci import kunci_hub

    response = HttpResponse(isi, content_type=jenis or "application/octet-stream")
    nonce = _kepala(request, protokol.H_NONCE)
    response[protokol.H_TANDA_TANGAN_HUB] = protokol.tanda_tangani(
        kunci_hub().kunci_privat, protokol.teks_jawaban(nonce=nonce, status=200, body=isi)
    )
    return response


def _jendela() -> datetime.timedelta:
    return datetime.timedelta(minutes=settings.SID_HUB_TOLAK_JENDELA_MENIT)


def terlalu_sering(request: HttpRequest) -> HttpResponse | None:
    """429 for an address refused SID_HUB_TOLAK_BATAS_IP times within the window; checked
    before the body is read, and writes nothing."""
    ip = konteks.ip_klien(request)
    sejak = timezone.now() - _jendela()
    jumlah = (
        PenolakanHub.objects.filter(ip=ip, terakhir__gte=sejak).aggregate(n=Sum("jumlah"))["n"] or 0
    )
    if jumlah < settings.SID_HUB_TOLAK_BATAS_IP:
        return None
    menit = settings.SID_HUB_TOLAK_JENDELA_MENIT
    response = jawab(
        request,
        {
            "galat": "terlalu_sering",
            "pesan": f"Terlalu banyak permintaan yang ditolak dari alamat ini; coba lagi dalam "
            f"{menit} menit.",
        },
        status=429,
    )
    response["Retry-After"] = str(menit * 60)
    return response


def tolak(request: HttpRequest, exc: Ditolak) -> HttpResponse:
    """Log the refusal (a repeat within the window adds to its row) and answer its reason."""
    sekarang = timezone.now()
    ip = konteks.ip_klien(request)
    sama = {
        "ip": ip,
        "alasan": exc.alasan,
        "kredensial": exc.kredensial[:64],
        "kode_desa": exc.kode_desa[:20],
    }
    ditambah = PenolakanHub.objects.filter(
        pk=PenolakanHub.objects.filter(**sama, waktu__gte=sekarang - _jendela())
        .order_by("-waktu", "-pk")
        .values("pk")[:1]
    ).update(jumlah=F("jumlah") + 1, terakhir=sekarang)
    if not ditambah:
        PenolakanHub.objects.create(
            **sama,
            path=request.path[:200],
            pesan=exc.pesan[:300],
            waktu=sekarang,
            terakhir=sekarang,
        )
        # Logged once per row, like the table: repeats only raise its counter.
        log.warning(
            "sinkron ditolak: %s %s (kredensial=%s desa=%s)",
            exc.alasan,
            request.path,
            exc.kredensial or "-",
            exc.kode_desa or "-",
        )
    return jawab(request, {"galat": exc.alasan, "pesan": exc.pesan}, status=exc.status)
