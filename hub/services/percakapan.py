"""Both directions of conversation at the hub: notices (read receipts), villages' reports and
requests for assistance (threads with status), and the discussion board."""

from __future__ import annotations

import hashlib
import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from hub.lingkup import Lingkup
from hub.models import (
    BalasanForum,
    DesaHub,
    PengumumanDibaca,
    PengumumanHub,
    PesanTiket,
    Tiket,
    TopikForum,
)
from hub.verifikasi import Ditolak, PermintaanSah
from sid.lib.audit import catat_aktivitas, nama_pelaku
from sid.lib.kabel.lampiran import lampiran_dari_json, periksa_lampiran

BATAS_TARIK = 50


def _wajib(nilai: Any, nama: str, batas: int) -> str:
    teks = (nilai or "").strip() if isinstance(nilai, str) else ""
    if not teks:
        raise ValidationError({nama: f"{nama.capitalize()} wajib diisi."})
    return teks[:batas]


def _nama_staf(user) -> str:
    nama = user.get_full_name() if hasattr(user, "get_full_name") else ""
    return (nama or nama_pelaku(user))[:150]


# --- notices ---------------------------------------------------------------------------------------
@transaction.atomic
def pengumuman_buat(
    *,
    oleh: Any,
    lingkup: Lingkup,
    judul: str,
    isi: str,
    desa: DesaHub | None = None,
    lampiran=None,
) -> PengumumanHub:
    """A notice to one village in scope, or to every village of the user's scope."""
    judul, isi = _wajib(judul, "judul", 200), _wajib(isi, "isi", 20_000)
    if desa is not None and not lingkup.memuat(desa.kode):
        raise ValidationError({"desa": "Desa di luar lingkup Anda."})
    obj = PengumumanHub(
        judul=judul,
        isi=isi,
        lingkup=lingkup.kode,
        desa=desa,
        dibuat_oleh=oleh,
        pengirim=f"{_nama_staf(oleh)} ({lingkup.judul})",
    )
    if lampiran:
        berkas, jenis, nama = periksa_lampiran(lampiran)
        obj.lampiran.save(berkas.name, berkas, save=False)
        obj.lampiran_nama, obj.lampiran_jenis = nama, jenis
        berkas.seek(0)
        obj.lampiran_sha = hashlib.sha256(berkas.read()).hexdigest()
    obj.save()
    catat_aktivitas(oleh=oleh, aksi="hub_pengumuman", objek=obj)
    return obj


def pengumuman_untuk_desa(desa: DesaHub):
    """Notices addressed to the village: to it by name, or to an area containing it."""
    awalan = [desa.kode[:n] for n in (2, 4, 6)]
    return PengumumanHub.objects.filter(Q(desa=desa) | Q(desa__isnull=True, lingkup__in=awalan))


def pengumuman_tarik(*, permintaan: PermintaanSah, setelah: int) -> dict[str, Any]:
    """Notices after the cursor, oldest first (the village pulls them in pages)."""
    daftar = list(
        pengumuman_untuk_desa(permintaan.desa).filter(pk__gt=setelah).order_by("pk")[:BATAS_TARIK]
    )
    return {
        "pengumuman": [
            {
                "id": p.pk,
                "judul": p.judul,
                "isi": p.isi,
                "pengirim": p.pengirim,
                "dibuat": p.dibuat.isoformat(),
                "lampiran": (
                    {"nama": p.lampiran_nama, "jenis": p.lampiran_jenis, "sha256": p.lampiran_sha}
                    if p.lampiran
                    else None
                ),
            }
            for p in daftar
        ],
        "kursor": daftar[-1].pk if daftar else setelah,
        "lagi": len(daftar) == BATAS_TARIK,
    }


def pengumuman_dibaca_terima(*, permintaan: PermintaanSah, id_pengumuman: int) -> dict[str, Any]:
    p = pengumuman_untuk_desa(permintaan.desa).filter(pk=id_pengumuman).first()
    if p is None:
        raise Ditolak(404, "tidak_ada", "Pengumuman tidak ditemukan untuk desa ini.")
    dibaca_pada = parse_datetime(str(permintaan.data.get("dibaca_pada", ""))) or timezone.now()
    obj, _ = PengumumanDibaca.objects.get_or_create(
        pengumuman=p,
        desa=permintaan.desa,
        defaults={
            "dibaca_oleh": str(permintaan.data.get("oleh", ""))[:150] or "operator desa",
            "dibaca_pada": dibaca_pada,
        },
    )
    return {"pengumuman": p.pk, "dibaca_pada": obj.dibaca_pada.isoformat()}


# --- reports and requests for assistance ----------------------------------------------------------
def _simpan_lampiran(pesan, data) -> None:
    try:
        hasil = lampiran_dari_json(data)
    except ValidationError as exc:
        raise Ditolak(400, "lampiran_tidak_sah", " ".join(exc.messages)) from None
    if hasil:
        berkas, jenis, nama = hasil
        pesan.lampiran.save(berkas.name, berkas, save=False)
        pesan.lampiran_nama, pesan.lampiran_jenis = nama, jenis


def _uuid(nilai: Any) -> uuid.UUID:
    try:
        return uuid.UUID(str(nilai))
    except ValueError:
        raise Ditolak(400, "tiket_tidak_sah", "UUID tidak sah.") from None


def tiket_terima(*, permintaan: PermintaanSah) -> dict[str, Any]:
    """A village's new report (idempotent by its UUID, generated by the village)."""
    d = permintaan.data
    kode = _uuid(d.get("tiket"))
    ada = Tiket.objects.filter(uuid=kode).first()
    if ada is not None:
        if ada.desa_id != permintaan.desa.pk:
            raise Ditolak(403, "kode_desa_tidak_cocok", "Laporan ini milik desa lain.")
        return {"tiket": str(ada.uuid), "status": ada.status}
    if d.get("kategori") not in Tiket.Kategori.values:
        raise Ditolak(400, "tiket_tidak_sah", "Kategori laporan tidak dikenal.")
    judul = str(d.get("judul", "")).strip()[:200]
    isi = str(d.get("isi", "")).strip()
    if not judul or not isi:
        raise Ditolak(400, "tiket_tidak_sah", "Judul dan isi laporan wajib diisi.")
    try:
        with transaction.atomic():
            tiket = Tiket.objects.create(
                uuid=kode, desa=permintaan.desa, kategori=d["kategori"], judul=judul
            )
            pesan = PesanTiket(
                uuid=_uuid(d.get("pesan")),
                tiket=tiket,
                dari=PesanTiket.Dari.DESA,
                nama=str(d.get("nama", ""))[:150] or f"Desa {permintaan.desa.nama}",
                isi=isi,
            )
            _simpan_lampiran(pesan, d.get("lampiran"))
            pesan.save()
    except IntegrityError:
        tiket = Tiket.objects.get(uuid=kode)
    return {"tiket": str(tiket.uuid), "status": tiket.status}


def pesan_desa_terima(*, permintaan: PermintaanSah, tiket_uuid: uuid.UUID) -> dict[str, Any]:
    d = permintaan.data
    tiket = Tiket.objects.filter(uuid=tiket_uuid, desa=permintaan.desa).first()
    if tiket is None:
        raise Ditolak(404, "tidak_ada", "Laporan tidak ditemukan untuk desa ini.")
    kode = _uuid(d.get("pesan"))
    if not PesanTiket.objects.filter(uuid=kode).exists():
        isi = str(d.get("isi", "")).strip()
        if not isi:
            raise Ditolak(400, "tiket_tidak_sah", "Isi balasan wajib diisi.")
        try:
            with transaction.atomic():
                pesan = PesanTiket(
                    uuid=kode,
                    tiket=tiket,
                    dari=PesanTiket.Dari.DESA,
                    nama=str(d.get("nama", ""))[:150] or f"Desa {permintaan.desa.nama}",
                    isi=isi,
                )
                _simpan_lampiran(pesan, d.get("lampiran"))
                pesan.save()
                Tiket.objects.filter(pk=tiket.pk).update(diperbarui=timezone.now())
        except IntegrityError:
            pass
    return {"tiket": str(tiket.uuid), "status": tiket.status}


@transaction.atomic
def tiket_balas(
    *, oleh: Any, tiket: Tiket, isi: str = "", status: str = "", lampiran=None
) -> PesanTiket:
    """Hub staff answer a report and/or set its status (diterima, diproses, selesai)."""
    isi = (isi or "").strip()
    if status and status not in Tiket.Status.values:
        raise ValidationError({"status": "Status tidak dikenal."})
    status_baru = status if status and status != tiket.status else ""
    if not isi and not status_baru and not lampiran:
        raise ValidationError("Tulis balasan atau ubah status laporan.")
    pesan = PesanTiket(
        tiket=tiket,
        dari=PesanTiket.Dari.HUB,
        nama=_nama_staf(oleh),
        isi=isi,
        status_baru=status_baru,
        user=oleh,
    )
    if lampiran:
        berkas, jenis, nama = periksa_lampiran(lampiran)
        pesan.lampiran.save(berkas.name, berkas, save=False)
        pesan.lampiran_nama, pesan.lampiran_jenis = nama, jenis
    pesan.save()
    tiket.diperbarui = timezone.now()
    if status_baru:
        tiket.status = status_baru
    tiket.save(update_fields=["status", "diperbarui"])
    catat_aktivitas(
        oleh=oleh,
        aksi="hub_tiket_balas",
        objek=tiket,
        keterangan=f"Status: {tiket.get_status_display()}" if status_baru else "",
    )
    return pesan


def tiket_tarik(*, permintaan: PermintaanSah, setelah: int) -> dict[str, Any]:
    """Hub answers and status changes after the cursor, for the village's reports."""
    daftar = list(
        PesanTiket.objects.filter(
            tiket__desa=permintaan.desa, dari=PesanTiket.Dari.HUB, pk__gt=setelah
        )
        .select_related("tiket")
        .order_by("pk")[:BATAS_TARIK]
    )
    return {
        "pesan": [
            {
                "id": p.pk,
                "uuid": str(p.uuid),
                "tiket": str(p.tiket.uuid),
                "status": p.tiket.status,
                "status_baru": p.status_baru,
                "nama": p.nama,
                "isi": p.isi,
                "waktu": p.waktu.isoformat(),
                "lampiran": {"nama": p.lampiran_nama, "jenis": p.lampiran_jenis}
                if p.lampiran
                else None,
            }
            for p in daftar
        ],
        "kursor": daftar[-1].pk if daftar else setelah,
        "lagi": len(daftar) == BATAS_TARIK,
    }


# --- discussion board ---------------------------------------------------------------------------------
def topik_untuk_desa(desa: DesaHub):
    return TopikForum.objects.filter(lingkup__in=[desa.kode[:n] for n in (2, 4, 6)])


@transaction.atomic
def topik_buat(
    *,
    judul: str,
    isi: str,
    desa: DesaHub | None = None,
    oleh: Any = None,
    lingkup: Lingkup | None = None,
    nama: str = "",
) -> TopikForum:
    """A new thread: by a village (visible in its kecamatan) or by hub staff (their scope)."""
    judul, isi = _wajib(judul, "judul", 200), _wajib(isi, "isi", 20_000)
    if desa is not None:
        wilayah, nama = desa.kode_kecamatan, (nama or f"Desa {desa.nama}")[:150]
    else:
        wilayah, nama = lingkup.kode, _nama_staf(oleh)
    topik = TopikForum.objects.create(judul=judul, lingkup=wilayah, desa=desa, user=oleh, nama=nama)
    BalasanForum.objects.create(topik=topik, desa=desa, user=oleh, nama=nama, isi=isi)
    if oleh is not None:
        catat_aktivitas(oleh=oleh, aksi="hub_forum_topik", objek=topik)
    return topik


@transaction.atomic
def forum_balas(
    *, topik: TopikForum, isi: str, desa: DesaHub | None = None, oleh: Any = None, nama: str = ""
) -> BalasanForum:
    isi = _wajib(isi, "isi", 20_000)
    nama = (nama or f"Desa {desa.nama}")[:150] if desa is not None else _nama_staf(oleh)
    balasan = BalasanForum.objects.create(topik=topik, desa=desa, user=oleh, nama=nama, isi=isi)
    TopikForum.objects.filter(pk=topik.pk).update(
        diperbarui=timezone.now(), jumlah_balasan=F("jumlah_balasan") + 1
    )
    return balasan
