"""The village's side of the conversation with a hub: reading notices, reporting problems and
asking for assistance (through the outbox), and the hub's discussion board (live)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sid.lib.audit import catat_aktivitas
from sid.lib.kabel.lampiran import lampiran_ke_json, periksa_lampiran
from sinkron import klien
from sinkron.models import Hub, Kiriman, PengumumanDesa, PesanTiketDesa, TiketDesa
from sinkron.services.batch import _antrekan_kirim
from sinkron.services.umum import PATH, nama_pengguna, pesan_jawaban


@transaction.atomic
def pengumuman_tandai_dibaca(*, oleh: Any, pengumuman: PengumumanDesa) -> PengumumanDesa:
    """Mark a hub notice read; the hub learns who read it and when."""
    if pengumuman.dibaca_pada:
        return pengumuman
    pengumuman.dibaca_pada = timezone.now()
    pengumuman.dibaca_oleh = oleh if getattr(oleh, "pk", None) else None
    pengumuman.save(update_fields=["dibaca_pada", "dibaca_oleh"])
    hub = pengumuman.hub
    if hub.aktif:
        Kiriman.objects.create(
            hub=hub,
            jenis=Kiriman.Jenis.BACA,
            path=f"{PATH['pengumuman']}{pengumuman.id_hub}/dibaca/",
            isi={
                "kode_desa": hub.kode_desa,
                "oleh": nama_pengguna(oleh),
                "dibaca_pada": pengumuman.dibaca_pada.isoformat(),
            },
        )
        _antrekan_kirim(hub)
    catat_aktivitas(oleh=oleh, aksi="sinkron_pengumuman_dibaca", objek=pengumuman)
    return pengumuman


def _lampiran(pesan: PesanTiketDesa, lampiran) -> None:
    if lampiran:
        berkas, jenis, nama = periksa_lampiran(lampiran)
        pesan.lampiran.save(berkas.name, berkas, save=False)
        pesan.lampiran_nama, pesan.lampiran_jenis = nama, jenis


@transaction.atomic
def tiket_buat(
    *, oleh: Any, hub: Hub, kategori: str, judul: str, isi: str, lampiran=None
) -> TiketDesa:
    """Report a problem or ask the hub for assistance (sent through the outbox)."""
    judul, isi = (judul or "").strip(), (isi or "").strip()
    galat = {}
    if not hub.aktif:
        galat["hub"] = "Desa tidak terdaftar aktif di hub ini."
    if kategori not in TiketDesa.Kategori.values:
        galat["kategori"] = "Pilih kategori laporan."
    if not judul:
        galat["judul"] = "Judul wajib diisi."
    if not isi:
        galat["isi"] = "Uraian wajib diisi."
    if galat:
        raise ValidationError(galat)
    tiket = TiketDesa.objects.create(
        hub=hub, kategori=kategori, judul=judul[:200], dibuat_oleh=oleh
    )
    pesan = PesanTiketDesa(
        tiket=tiket, dari=PesanTiketDesa.Dari.DESA, nama=nama_pengguna(oleh), isi=isi
    )
    _lampiran(pesan, lampiran)
    pesan.save()
    Kiriman.objects.create(
        hub=hub,
        jenis=Kiriman.Jenis.TIKET,
        path=PATH["tiket_baru"],
        isi={
            "kode_desa": hub.kode_desa,
            "tiket": str(tiket.uuid),
            "pesan": str(pesan.uuid),
            "kategori": kategori,
            "judul": tiket.judul,
            "isi": isi,
            "nama": pesan.nama,
            "lampiran": lampiran_ke_json(pesan.lampiran, pesan.lampiran_nama),
        },
    )
    catat_aktivitas(oleh=oleh, aksi="sinkron_tiket_buat", objek=tiket)
    _antrekan_kirim(hub)
    return tiket


@transaction.atomic
def tiket_balas(*, oleh: Any, tiket: TiketDesa, isi: str, lampiran=None) -> PesanTiketDesa:
    isi = (isi or "").strip()
    if not isi:
        raise ValidationError({"isi": "Tulis balasan."})
    if not tiket.hub.aktif:
        raise ValidationError("Desa tidak terdaftar aktif di hub ini.")
    pesan = PesanTiketDesa(
        tiket=tiket, dari=PesanTiketDesa.Dari.DESA, nama=nama_pengguna(oleh), isi=isi
    )
    _lampiran(pesan, lampiran)
    pesan.save()
    TiketDesa.objects.filter(pk=tiket.pk).update(diperbarui=timezone.now())
    Kiriman.objects.create(
        hub=tiket.hub,
        jenis=Kiriman.Jenis.PESAN,
        path=f"{PATH['tiket']}{tiket.uuid}/pesan/",
        isi={
            "kode_desa": tiket.hub.kode_desa,
            "pesan": str(pesan.uuid),
            "isi": isi,
            "nama": pesan.nama,
            "lampiran": lampiran_ke_json(pesan.lampiran, pesan.lampiran_nama),
        },
    )
    catat_aktivitas(oleh=oleh, aksi="sinkron_tiket_balas", objek=tiket)
    _antrekan_kirim(tiket.hub)
    return pesan


def tiket_dilihat(*, tiket: TiketDesa) -> None:
    """The village opened the thread: the 'new answer' mark goes away."""
    if tiket.ada_balasan:
        TiketDesa.objects.filter(pk=tiket.pk).update(ada_balasan=False)


# --- discussion board (live requests: the board is a conversation, not a report) ------------
def _panggil(hub: Hub, path: str, method: str = "GET", data: Any = None) -> dict:
    if not hub.aktif:
        raise ValidationError("Desa tidak terdaftar aktif di hub ini.")
    try:
        jawaban = klien.kirim_ke_hub(hub, path=path, method=method, data=data)
    except klien.GagalJaringan as exc:
        raise ValidationError(str(exc)) from None
    if not jawaban.ok:
        raise ValidationError(pesan_jawaban(jawaban))
    return jawaban.data


def forum_daftar(*, hub: Hub) -> list[dict]:
    return _panggil(hub, PATH["forum"]).get("topik", [])


def forum_topik(*, hub: Hub, id_topik: int) -> dict:
    return _panggil(hub, f"{PATH['forum']}{int(id_topik)}/")


def forum_topik_buat(*, oleh: Any, hub: Hub, judul: str, isi: str) -> dict:
    if not (judul or "").strip() or not (isi or "").strip():
        raise ValidationError("Judul dan isi topik wajib diisi.")
    hasil = _panggil(
        hub,
        PATH["forum_baru"],
        "POST",
        {"kode_desa": hub.kode_desa, "judul": judul, "isi": isi, "nama": nama_pengguna(oleh)},
    )
    catat_aktivitas(oleh=oleh, aksi="sinkron_forum_topik", objek=hub, keterangan=judul[:200])
    return hasil


def forum_balas(*, oleh: Any, hub: Hub, id_topik: int, isi: str) -> dict:
    if not (isi or "").strip():
        raise ValidationError({"isi": "Tulis balasan."})
    hasil = _panggil(
        hub,
        f"{PATH['forum']}{int(id_topik)}/balas/",
        "POST",
        {"kode_desa": hub.kode_desa, "isi": isi, "nama": nama_pengguna(oleh)},
    )
    catat_aktivitas(oleh=oleh, aksi="sinkron_forum_balas", objek=hub)
    return hasil
