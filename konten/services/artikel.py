"""Articles: write, edit, schedule, publish, unpublish, delete; their extra photos; reads count.

Who may do what (docs/konten.md): Redaksi (konten.terbitkan_artikel) publishes, schedules and
edits every article; a Kontributor writes drafts and edits only their own unpublished ones.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify

from konten.cache import konten_berubah
from konten.models import Artikel, GambarArtikel
from konten.services._umum import (
    hapus_berkas_nanti,
    pasang_gambar,
    pdf_bersih,
    punya_izin,
    unggahan_baru,
)
from konten.teks import slug_unik, teks_polos
from sid.lib.audit import catat_aktivitas, potret, selisih
from sid.lib.html import bersihkan_html
from sid.lib.ubah import terapkan

IZIN_TERBIT = "konten.terbitkan_artikel"
KOLOM_ARTIKEL = {
    "judul",
    "slug",
    "ringkasan",
    "isi",
    "kategori",
    "gambar",
    "gambar_alt",
    "gambar_keterangan",
    "lampiran",
    "lampiran_judul",
    "status",
    "terbit_pada",
    "headline",
    "komentar_aktif",
}
# Fields only an editor (Redaksi) may set: they decide what the public sees and when.
KOLOM_REDAKSI = {"status", "terbit_pada", "headline", "komentar_aktif"}
MAKS_GALERI = 3

PESAN_BUKAN_MILIK = "Anda hanya boleh mengubah draf artikel milik Anda sendiri."
PESAN_HANYA_REDAKSI = "Hanya Redaksi yang boleh menerbitkan, menjadwalkan atau menjadikan headline."


def boleh_terbitkan(oleh: Any) -> bool:
    return punya_izin(oleh, IZIN_TERBIT)


def boleh_ubah(oleh: Any, artikel: Artikel) -> bool:
    """Redaksi: any article. Others with change rights: only their own drafts."""
    if oleh is None or boleh_terbitkan(oleh):
        return punya_izin(oleh, "konten.change_artikel")
    return (
        punya_izin(oleh, "konten.change_artikel")
        and artikel.penulis_id == getattr(oleh, "pk", None)
        and artikel.status == Artikel.Status.DRAF
    )


def _periksa_kolom_redaksi(oleh: Any, artikel: Artikel, data: dict[str, Any]) -> None:
    if boleh_terbitkan(oleh):
        return
    berubah = [k for k in KOLOM_REDAKSI & set(data) if data[k] != getattr(artikel, k)]
    if berubah:
        raise ValidationError({berubah[0]: PESAN_HANYA_REDAKSI})


def _isi(artikel: Artikel, data: dict[str, Any]) -> None:
    """Apply `data`: sanitise the body, convert uploads (old files go after the commit)."""
    data = dict(data)
    gambar = data.pop("gambar", ...)
    lampiran = data.pop("lampiran", ...)
    terapkan(artikel, data, kolom=KOLOM_ARTIKEL)
    artikel.judul = " ".join((artikel.judul or "").split())
    if not artikel.judul:
        raise ValidationError({"judul": "Judul wajib diisi."})
    artikel.ringkasan = " ".join((artikel.ringkasan or "").split())
    artikel.isi = bersihkan_html(artikel.isi, izinkan_gambar=False)
    artikel.teks = teks_polos(artikel.isi)
    if "slug" in data and artikel.slug:
        artikel.slug = slugify(artikel.slug)[:220]
        if not artikel.slug:
            raise ValidationError(
                {"slug": "Slug hanya boleh berisi huruf, angka dan tanda hubung."}
            )
        if Artikel.objects.filter(slug=artikel.slug).exclude(pk=artikel.pk).exists():
            raise ValidationError({"slug": "Slug ini sudah dipakai artikel lain."})
    if not artikel.slug:
        artikel.slug = slug_unik(Artikel, artikel.judul, kecuali_pk=artikel.pk)
    if gambar is not ...:
        pasang_gambar(artikel, gambar)
    artikel.gambar_alt = " ".join((artikel.gambar_alt or "").split())
    if artikel.gambar and not artikel.gambar_alt:
        raise ValidationError(
            {"gambar_alt": "Teks alternatif (alt) wajib diisi untuk gambar utama."}
        )
    if lampiran is not ...:
        lama = artikel.lampiran if artikel.lampiran else None
        if unggahan_baru(lampiran):
            artikel.lampiran = pdf_bersih(lampiran, awalan="lampiran")
            hapus_berkas_nanti(lama)
        elif not lampiran:
            artikel.lampiran = ""
            hapus_berkas_nanti(lama)
    if artikel.lampiran and not artikel.lampiran_judul:
        artikel.lampiran_judul = "Lampiran"
    if artikel.status == Artikel.Status.TERBIT and artikel.terbit_pada is None:
        artikel.terbit_pada = timezone.now()


def _simpan(artikel: Artikel) -> None:
    artikel.full_clean()
    artikel.save()


@transaction.atomic
def artikel_create(*, oleh: Any, data: dict[str, Any]) -> Artikel:
    """A new article. Without the publish right it is always a draft of `oleh`."""
    if not punya_izin(oleh, "konten.add_artikel"):
        raise ValidationError("Anda tidak berhak menulis artikel.")
    artikel = Artikel(penulis=oleh if getattr(oleh, "pk", None) else None)
    _periksa_kolom_redaksi(oleh, artikel, data)
    _isi(artikel, data)
    _simpan(artikel)
    catat_aktivitas(oleh=oleh, aksi="buat", objek=artikel, perubahan=selisih({}, potret(artikel)))
    konten_berubah()
    return artikel


@transaction.atomic
def artikel_update(*, oleh: Any, artikel: Artikel, data: dict[str, Any]) -> Artikel:
    artikel = Artikel.objects.select_for_update().get(pk=artikel.pk)
    if not boleh_ubah(oleh, artikel):
        raise ValidationError(PESAN_BUKAN_MILIK)
    _periksa_kolom_redaksi(oleh, artikel, data)
    sebelum = potret(artikel)
    _isi(artikel, data)
    _simpan(artikel)
    perubahan = selisih(sebelum, potret(artikel))
    if perubahan:
        catat_aktivitas(oleh=oleh, aksi="ubah", objek=artikel, perubahan=perubahan)
        konten_berubah()
    return artikel


@transaction.atomic
def artikel_terbitkan(*, oleh: Any, artikel: Artikel, pada=None) -> Artikel:
    """Publish now, or schedule for `pada` (a future time)."""
    if not boleh_terbitkan(oleh):
        raise ValidationError(PESAN_HANYA_REDAKSI)
    artikel = Artikel.objects.select_for_update().get(pk=artikel.pk)
    sebelum = potret(artikel)
    artikel.status = Artikel.Status.TERBIT
    artikel.terbit_pada = pada or timezone.now()
    _simpan(artikel)
    aksi = "jadwalkan" if artikel.terbit_pada > timezone.now() else "terbitkan"
    catat_aktivitas(
        oleh=oleh, aksi=aksi, objek=artikel, perubahan=selisih(sebelum, potret(artikel))
    )
    konten_berubah()
    return artikel


@transaction.atomic
def artikel_jadikan_draf(*, oleh: Any, artikel: Artikel) -> Artikel:
    """Take an article off the website (back to draft)."""
    if not boleh_terbitkan(oleh):
        raise ValidationError(PESAN_HANYA_REDAKSI)
    artikel = Artikel.objects.select_for_update().get(pk=artikel.pk)
    sebelum = potret(artikel)
    artikel.status = Artikel.Status.DRAF
    _simpan(artikel)
    catat_aktivitas(
        oleh=oleh, aksi="jadikan_draf", objek=artikel, perubahan=selisih(sebelum, potret(artikel))
    )
    konten_berubah()
    return artikel


@transaction.atomic
def artikel_hapus(*, oleh: Any, artikel: Artikel) -> None:
    if not punya_izin(oleh, "konten.delete_artikel") or not boleh_ubah(oleh, artikel):
        raise ValidationError("Anda tidak berhak menghapus artikel ini.")
    artikel = Artikel.objects.select_for_update().get(pk=artikel.pk)
    berkas = [artikel.gambar, artikel.gambar_kecil, artikel.lampiran]
    for g in artikel.galeri.all():
        berkas += [g.berkas, g.kecil]
    catat_aktivitas(oleh=oleh, aksi="hapus", objek=artikel, perubahan=selisih(potret(artikel), {}))
    artikel.delete()
    hapus_berkas_nanti(*berkas)
    konten_berubah()


@transaction.atomic
def gambar_artikel_simpan(
    *, oleh: Any, artikel: Artikel, data: dict[str, Any], gambar: GambarArtikel | None = None
) -> GambarArtikel:
    """Add a photo to an article (at most three besides the main one) or change one."""
    artikel = Artikel.objects.select_for_update().get(pk=artikel.pk)
    if not boleh_ubah(oleh, artikel):
        raise ValidationError(PESAN_BUKAN_MILIK)
    data = dict(data)
    berkas = data.pop("berkas", ...)
    if gambar is None:
        terpakai = set(artikel.galeri.values_list("urutan", flat=True))
        bebas = [u for u in range(1, MAKS_GALERI + 1) if u not in terpakai]
        if not bebas:
            raise ValidationError(
                f"Paling banyak {MAKS_GALERI} gambar tambahan per artikel (selain gambar utama)."
            )
        gambar = GambarArtikel(artikel=artikel, urutan=bebas[0])
        if berkas is ... or not unggahan_baru(berkas):
            raise ValidationError({"berkas": "Pilih berkas gambar."})
    else:
        gambar = GambarArtikel.objects.select_for_update().get(pk=gambar.pk, artikel=artikel)
    sebelum = potret(gambar)
    terapkan(gambar, data, kolom={"alt", "keterangan"})
    gambar.alt = " ".join((gambar.alt or "").split())
    if not gambar.alt:
        raise ValidationError({"alt": "Teks alternatif (alt) wajib diisi untuk setiap gambar."})
    if berkas is not ... and unggahan_baru(berkas):
        pasang_gambar(gambar, berkas, kolom="berkas", kecil="kecil", ukuran="")
    gambar.full_clean()
    gambar.save()
    catat_aktivitas(
        oleh=oleh,
        aksi="ubah",
        objek=artikel,
        perubahan={
            f"gambar {gambar.urutan}.{k}": v for k, v in selisih(sebelum, potret(gambar)).items()
        },
        keterangan="Gambar tambahan artikel.",
    )
    konten_berubah()
    return gambar


@transaction.atomic
def gambar_artikel_hapus(*, oleh: Any, gambar: GambarArtikel) -> None:
    artikel = Artikel.objects.select_for_update().get(pk=gambar.artikel_id)
    if not boleh_ubah(oleh, artikel):
        raise ValidationError(PESAN_BUKAN_MILIK)
    catat_aktivitas(
        oleh=oleh,
        aksi="ubah",
        objek=artikel,
        keterangan=f"Gambar tambahan {gambar.urutan} dihapus ({gambar.alt}).",
    )
    hapus_berkas_nanti(gambar.berkas, gambar.kecil)
    gambar.delete()
    konten_berubah()


def artikel_tambah_dibaca(*, uuid) -> bool:
    """Count one read of a public article: one atomic UPDATE, no audit entry, no cache change.

    Called by the read beacon (see konten.views.dibaca), not by the cached page itself.
    """
    return bool(Artikel.objects.terbit().filter(uuid=uuid).update(dibaca=F("dibaca") + 1))
