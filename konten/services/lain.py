"""Categories, agenda, announcements, static pages, public documents and the menu.

Each write validates, saves, records the audit entry and invalidates the public cache.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import ProtectedError
from django.utils.text import slugify

from konten.cache import konten_berubah
from konten.models import Agenda, DokumenPublik, Halaman, ItemMenu, Kategori, Pengumuman
from konten.services._umum import (
    hapus_berkas_nanti,
    pasang_gambar,
    pdf_bersih,
    unggahan_baru,
)
from konten.teks import bersihkan_satu_baris, slug_unik
from sid.lib.audit import catat_aktivitas, potret, selisih
from sid.lib.html import bersihkan_html
from sid.lib.ubah import terapkan


def _buat(obj: models.Model, *, oleh: Any, data: dict, isi: Callable) -> models.Model:
    isi(obj, data)
    obj.full_clean()
    obj.save()
    catat_aktivitas(oleh=oleh, aksi="buat", objek=obj, perubahan=selisih({}, potret(obj)))
    konten_berubah()
    return obj


def _ubah(obj: models.Model, *, oleh: Any, data: dict, isi: Callable) -> models.Model:
    obj = type(obj).objects.select_for_update().get(pk=obj.pk)
    sebelum = potret(obj)
    isi(obj, data)
    obj.full_clean()
    obj.save()
    perubahan = selisih(sebelum, potret(obj))
    if perubahan:
        catat_aktivitas(oleh=oleh, aksi="ubah", objek=obj, perubahan=perubahan)
        konten_berubah()
    return obj


def _hapus(obj: models.Model, *, oleh: Any, berkas=(), pesan_terlindung: str = "") -> None:
    catat_aktivitas(oleh=oleh, aksi="hapus", objek=obj, perubahan=selisih(potret(obj), {}))
    try:
        with transaction.atomic():
            obj.delete()
    except ProtectedError:
        raise ValidationError(pesan_terlindung or "Data ini masih dipakai.") from None
    hapus_berkas_nanti(*berkas)
    konten_berubah()


def _slug(obj, model, panjang: int) -> None:
    if obj.slug:
        obj.slug = slugify(obj.slug)[:panjang]
        if model.objects.filter(slug=obj.slug).exclude(pk=obj.pk).exists():
            raise ValidationError({"slug": "Slug ini sudah dipakai."})
    if not obj.slug:
        obj.slug = slug_unik(
            model, getattr(obj, "judul", None) or obj.nama, kecuali_pk=obj.pk, panjang=panjang
        )


# --- Kategori ----------------------------------------------------------------------------------


def _isi_kategori(k: Kategori, data: dict) -> None:
    terapkan(k, data, kolom={"nama", "slug", "induk", "urutan", "keterangan"})
    k.nama = bersihkan_satu_baris(k.nama)
    if not k.nama:
        raise ValidationError({"nama": "Nama kategori wajib diisi."})
    _slug(k, Kategori, 100)
    if k.induk_id:
        if k.induk_id == k.pk:
            raise ValidationError({"induk": "Kategori tidak boleh menjadi induk dirinya sendiri."})
        if k.induk.induk_id:
            raise ValidationError(
                {"induk": "Kategori hanya bertingkat satu: pilih kategori utama sebagai induk."}
            )
        if k.pk and Kategori.objects.filter(induk=k).exists():
            raise ValidationError(
                {"induk": "Kategori ini punya sub-kategori, jadi tidak bisa menjadi sub-kategori."}
            )


@transaction.atomic
def kategori_create(*, oleh: Any, data: dict) -> Kategori:
    return _buat(Kategori(), oleh=oleh, data=data, isi=_isi_kategori)


@transaction.atomic
def kategori_update(*, oleh: Any, kategori: Kategori, data: dict) -> Kategori:
    return _ubah(kategori, oleh=oleh, data=data, isi=_isi_kategori)


@transaction.atomic
def kategori_hapus(*, oleh: Any, kategori: Kategori) -> None:
    _hapus(
        kategori,
        oleh=oleh,
        pesan_terlindung="Kategori masih dipakai artikel atau punya sub-kategori; pindahkan dulu.",
    )


# --- Agenda ------------------------------------------------------------------------------------


def _isi_agenda(a: Agenda, data: dict) -> None:
    terapkan(a, data, kolom={"judul", "mulai", "selesai", "tempat", "koordinator", "keterangan"})
    a.judul = bersihkan_satu_baris(a.judul)
    a.tempat = bersihkan_satu_baris(a.tempat)
    a.koordinator = bersihkan_satu_baris(a.koordinator)
    a.keterangan = bersihkan_html(a.keterangan)
    if not a.judul:
        raise ValidationError({"judul": "Nama kegiatan wajib diisi."})
    if not a.tempat:
        raise ValidationError({"tempat": "Tempat kegiatan wajib diisi."})
    if a.mulai and a.selesai and a.selesai < a.mulai:
        raise ValidationError({"selesai": "Waktu selesai tidak boleh sebelum waktu mulai."})


@transaction.atomic
def agenda_create(*, oleh: Any, data: dict) -> Agenda:
    return _buat(Agenda(), oleh=oleh, data=data, isi=_isi_agenda)


@transaction.atomic
def agenda_update(*, oleh: Any, agenda: Agenda, data: dict) -> Agenda:
    return _ubah(agenda, oleh=oleh, data=data, isi=_isi_agenda)


@transaction.atomic
def agenda_hapus(*, oleh: Any, agenda: Agenda) -> None:
    _hapus(agenda, oleh=oleh)


# --- Pengumuman --------------------------------------------------------------------------------


def _isi_pengumuman(p: Pengumuman, data: dict) -> None:
    terapkan(p, data, kolom={"teks", "tautan", "mulai", "selesai", "aktif", "urutan"})
    p.teks = bersihkan_satu_baris(p.teks)
    if not p.teks:
        raise ValidationError({"teks": "Teks pengumuman wajib diisi."})
    if p.mulai and p.selesai and p.selesai <= p.mulai:
        raise ValidationError({"selesai": "Akhir penayangan harus setelah awalnya."})


@transaction.atomic
def pengumuman_create(*, oleh: Any, data: dict) -> Pengumuman:
    return _buat(Pengumuman(), oleh=oleh, data=data, isi=_isi_pengumuman)


@transaction.atomic
def pengumuman_update(*, oleh: Any, pengumuman: Pengumuman, data: dict) -> Pengumuman:
    return _ubah(pengumuman, oleh=oleh, data=data, isi=_isi_pengumuman)


@transaction.atomic
def pengumuman_hapus(*, oleh: Any, pengumuman: Pengumuman) -> None:
    _hapus(pengumuman, oleh=oleh)


# --- Halaman statis ----------------------------------------------------------------------------


def _isi_halaman(h: Halaman, data: dict) -> None:
    data = dict(data)
    gambar = data.pop("gambar", ...)
    terapkan(h, data, kolom={"judul", "slug", "isi", "gambar_alt", "terbit", "urutan"})
    h.judul = bersihkan_satu_baris(h.judul)
    if not h.judul:
        raise ValidationError({"judul": "Judul halaman wajib diisi."})
    _slug(h, Halaman, 150)
    h.isi = bersihkan_html(h.isi)
    if gambar is not ...:
        pasang_gambar(h, gambar)
    h.gambar_alt = " ".join((h.gambar_alt or "").split())
    if h.gambar and not h.gambar_alt:
        raise ValidationError({"gambar_alt": "Teks alternatif (alt) wajib diisi untuk gambar."})


@transaction.atomic
def halaman_create(*, oleh: Any, data: dict) -> Halaman:
    return _buat(Halaman(), oleh=oleh, data=data, isi=_isi_halaman)


@transaction.atomic
def halaman_update(*, oleh: Any, halaman: Halaman, data: dict) -> Halaman:
    return _ubah(halaman, oleh=oleh, data=data, isi=_isi_halaman)


@transaction.atomic
def halaman_hapus(*, oleh: Any, halaman: Halaman) -> None:
    _hapus(halaman, oleh=oleh, berkas=[halaman.gambar, halaman.gambar_kecil])


# --- Dokumen informasi publik ------------------------------------------------------------------


def _isi_dokumen(d: DokumenPublik, data: dict) -> None:
    data = dict(data)
    berkas = data.pop("berkas", ...)
    terapkan(d, data, kolom={"judul", "kategori", "tahun", "keterangan", "terbit"})
    d.judul = bersihkan_satu_baris(d.judul)
    d.keterangan = bersihkan_satu_baris(d.keterangan)
    if not d.judul:
        raise ValidationError({"judul": "Judul dokumen wajib diisi."})
    if berkas is not ... and unggahan_baru(berkas):
        lama = d.berkas if d.berkas else None
        d.berkas = pdf_bersih(berkas, awalan="dokumen")
        d.ukuran = d.berkas.size
        hapus_berkas_nanti(lama)
    if not d.berkas:
        raise ValidationError({"berkas": "Unggah dokumen PDF."})


@transaction.atomic
def dokumen_create(*, oleh: Any, data: dict) -> DokumenPublik:
    return _buat(DokumenPublik(), oleh=oleh, data=data, isi=_isi_dokumen)


@transaction.atomic
def dokumen_update(*, oleh: Any, dokumen: DokumenPublik, data: dict) -> DokumenPublik:
    return _ubah(dokumen, oleh=oleh, data=data, isi=_isi_dokumen)


@transaction.atomic
def dokumen_hapus(*, oleh: Any, dokumen: DokumenPublik) -> None:
    _hapus(dokumen, oleh=oleh, berkas=[dokumen.berkas])


# --- Menu --------------------------------------------------------------------------------------

_TUJUAN = {
    ItemMenu.Jenis.HALAMAN: "halaman",
    ItemMenu.Jenis.KATEGORI: "kategori",
    ItemMenu.Jenis.INTERNAL: "internal",
    ItemMenu.Jenis.TAUTAN: "url",
}
_KOSONG = {"halaman": None, "kategori": None, "internal": "", "url": ""}
_KOLOM_MENU = {"judul", "induk", "urutan", "jenis", "aktif", *_KOSONG}  # + the targets


def _isi_menu(m: ItemMenu, data: dict) -> None:
    terapkan(m, data, kolom=_KOLOM_MENU)
    m.judul = bersihkan_satu_baris(m.judul)
    if not m.judul:
        raise ValidationError({"judul": "Judul menu wajib diisi."})
    tujuan = _TUJUAN.get(m.jenis)
    if tujuan and not getattr(m, tujuan):
        raise ValidationError({tujuan: "Pilih tujuan menu sesuai jenisnya."})
    for kolom, kosong in _KOSONG.items():  # keep only the target of the chosen kind
        if kolom != tujuan:
            setattr(m, kolom, kosong)
    if m.induk_id:
        if m.induk_id == m.pk or m.induk.induk_id:
            raise ValidationError({"induk": "Sub-menu hanya satu tingkat: pilih menu utama."})
        if m.pk and ItemMenu.objects.filter(induk=m).exists():
            raise ValidationError({"induk": "Menu ini punya sub-menu, jadi harus tetap di atas."})
        if m.jenis == ItemMenu.Jenis.INDUK:
            raise ValidationError({"jenis": "Sub-menu harus menuju sebuah halaman atau tautan."})


@transaction.atomic
def item_menu_create(*, oleh: Any, data: dict) -> ItemMenu:
    return _buat(ItemMenu(), oleh=oleh, data=data, isi=_isi_menu)


@transaction.atomic
def item_menu_update(*, oleh: Any, item: ItemMenu, data: dict) -> ItemMenu:
    return _ubah(item, oleh=oleh, data=data, isi=_isi_menu)


@transaction.atomic
def item_menu_hapus(*, oleh: Any, item: ItemMenu) -> None:
    _hapus(item, oleh=oleh)
