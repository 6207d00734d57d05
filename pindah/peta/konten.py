"""The website: `kategori` → Kategori, `artikel` → Artikel (tipe dinamis), Halaman (statis and
the other static kinds) or Agenda (tipe agenda, with its `agenda` row), `komentar` → Komentar,
`menu` → ItemMenu, images from the folder backup (`desa/upload/artikel/`).

Everything goes through the website's services (sanitising, the image re-encoding every
upload gets, the audit log), except comments (the visitor's form has rate limits and a
honeypot that do not apply): they are validated the way the model does and written in bulk.
Slugs and publication dates are kept, so an article keeps its address
`/artikel/<yyyy>/<mm>/<dd>/<slug>/`.
"""

from __future__ import annotations

import datetime
import re

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models.fields.files import FieldFile
from django.utils.text import slugify

from konten import services
from konten.models import Agenda, Artikel, GambarArtikel, Halaman, ItemMenu, Kategori, Komentar
from konten.teks import bersihkan_komentar, bersihkan_satu_baris, slug_unik
from pindah.konteks import Konteks
from pindah.peta import baca
from pindah.peta.surat import saat, zona
from sid.lib.audit import catat_aktivitas

NAMA = "Website desa"
TABEL = {"kategori", "artikel", "agenda", "komentar", "menu", "setting_aplikasi"}
MODEL = [Kategori, Artikel, GambarArtikel, Halaman, Agenda, Komentar, ItemMenu]

UTC = datetime.UTC
HW = ItemMenu.Internal
# OpenSID menu links (relative to the site) → SID website pages.
INTERNAL = {
    "": HW.BERANDA, "first": HW.BERANDA, "beranda": HW.BERANDA,
    "arsip": HW.ARTIKEL, "artikel": HW.ARTIKEL, "agenda": HW.AGENDA,
    "statistik": HW.STATISTIK, "data-statistik": HW.STATISTIK, "data-wilayah": HW.STATISTIK,
    "informasi_publik": HW.DOKUMEN, "informasi-publik": HW.DOKUMEN,
    "load_aparatur_desa": HW.APARATUR, "pemerintah": HW.APARATUR, "struktur-organisasi": HW.APARATUR,
    "load_apbdes": HW.APBDES, "apbdes": HW.APBDES,
}  # fmt: skip
KHUSUS = {
    "pengaduan": "Pengaduan di SID dikirim lewat Layanan Mandiri (masuk dengan NIK dan PIN), "
    "bukan halaman website umum",
}


def _angka(v) -> int:
    try:
        return int(v or 0)
    except (TypeError, ValueError):
        return 0


def _gambar(ktx: Konteks, nama: str) -> SimpleUploadedFile | None:
    """An article image of the folder backup (OpenSID keeps resized copies beside it)."""
    nama = (nama or "").strip()
    if not nama or "/" in nama:
        return None
    isi = ktx.berkas_folder(
        f"upload/artikel/{nama}", f"upload/artikel/sedang_{nama}", f"upload/artikel/kecil_{nama}"
    )
    return SimpleUploadedFile(nama, isi) if isi else None


def _catat_berkas(ktx: Konteks, *berkas: FieldFile) -> None:
    """Files a service stored: removed again on a dry run or a failure."""
    for b in berkas:
        if b:
            ktx.berkas_ditulis.append((b.storage, b.name))


def _pesan(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def jalankan(ktx: Konteks) -> None:
    tz = zona(ktx)
    kategori = _kategori(ktx)
    artikel = {int(b["id"]): b for b in ktx.baris("artikel")}
    agenda = {}
    for b in ktx.baris("agenda"):
        agenda.setdefault(_angka(b.get("id_artikel")), b)
    tujuan: dict[int, Artikel | Halaman | Agenda] = {}
    for id_artikel, b in artikel.items():
        tipe = baca.teks(b.get("tipe")) or "dinamis"
        if tipe == "dinamis":
            hasil = _artikel(ktx, b, kategori, tz)
        elif tipe == "agenda":
            hasil = _agenda(ktx, b, agenda.pop(id_artikel, None), tz)
        else:
            hasil = _halaman(ktx, b)
        if hasil is not None:
            tujuan[id_artikel] = hasil
    for id_artikel, b in agenda.items():
        ktx.laporan.tolak(
            "Agenda", f"agenda id {b['id']}", f"Artikel agendanya (id {id_artikel}) tidak ada."
        )
    _komentar(ktx, tujuan, tz)
    _menu(ktx, tujuan, kategori)


# --- categories and articles ------------------------------------------------------------------------


def _kategori(ktx: Konteks) -> dict[int, Kategori]:
    """OpenSID categories (parents first; deeper levels hang under their top category)."""
    baris = {int(b["id"]): b for b in ktx.baris("kategori")}

    def puncak(i: int) -> int:
        dilihat = {i}
        while (induk := _angka(baris[i].get("parrent"))) in baris and induk not in dilihat:
            dilihat.add(induk)
            i = induk
        return i

    hasil: dict[int, Kategori] = {}
    urut = sorted(baris, key=lambda i: (_angka(baris[i].get("parrent")) in baris, i))
    for i in urut:
        b = baris[i]
        rujukan = f"kategori id {i} ({baca.teks(b.get('kategori'))})"
        atas = puncak(i)
        induk = hasil.get(atas) if atas != i else None
        if atas != i and _angka(b.get("parrent")) != atas:
            ktx.laporan.ubah(
                "Kategori", rujukan,
                "Bertingkat lebih dari satu di OpenSID: dipasang di bawah kategori utamanya.",
            )  # fmt: skip
        slug = slugify(baca.teks(b.get("slug")) or baca.teks(b.get("kategori")))[:100]
        ada = Kategori.objects.filter(slug=slug).first() if slug else None
        if ada is not None:
            hasil[i] = ada
            ktx.laporan.ubah("Kategori", rujukan, f"Kategori {ada.nama} sudah ada di SID: dipakai.")
            continue
        try:
            hasil[i] = services.kategori_create(
                oleh=ktx.oleh,
                data={
                    "nama": baca.teks(b.get("kategori"))[:100],
                    "slug": slug[:100],
                    "induk": induk,
                    "urutan": _angka(b.get("urut")),
                },
            )
        except ValidationError as exc:
            ktx.laporan.tolak("Kategori", rujukan, _pesan(exc))
            continue
        if str(b.get("enabled")) == "0":
            ktx.laporan.ubah(
                "Kategori", rujukan,
                "Tidak aktif di OpenSID; kategori SID tidak punya status aktif, artikelnya "
                "mengikuti status masing-masing.",
            )  # fmt: skip
        ktx.laporan.hitung("Kategori")
    return hasil


def _artikel(ktx: Konteks, b: dict, kategori: dict[int, Kategori], tz) -> Artikel | None:
    rujukan = f"artikel id {b['id']} ({baca.teks(b.get('judul'))[:60]})"
    terbit = saat(b.get("tgl_upload"), tz)
    isi = baca.teks(b.get("isi"))
    slug = slugify(baca.teks(b.get("slug")))[:220]
    if slug and Artikel.objects.filter(slug=slug).exists():
        lama, slug = slug, slug_unik(Artikel, slug, panjang=220)
        ktx.laporan.ubah("Artikel", rujukan, f"Slug {lama} sudah dipakai: menjadi {slug}.")
    id_kategori = _angka(b.get("id_kategori"))
    if id_kategori and id_kategori not in kategori:
        ktx.laporan.ubah(
            "Artikel", rujukan, f"Kategori id {id_kategori} tidak ada: tanpa kategori."
        )
    if re.search(r"<img\b", isi, re.I):
        ktx.laporan.ubah(
            "Artikel", rujukan,
            "Gambar di dalam isi artikel tidak dibawa (website SID tidak memuat gambar di dalam "
            "isi); pasang sebagai gambar utama atau gambar tambahan bila perlu.",
        )  # fmt: skip
    data = {
        "judul": baca.teks(b.get("judul"))[:200],
        "slug": slug[:220],
        "isi": isi,
        "kategori": kategori.get(id_kategori),
        "status": Artikel.Status.TERBIT if str(b.get("enabled")) == "1" else Artikel.Status.DRAF,
        "terbit_pada": terbit,
        "headline": str(b.get("headline")) == "1",
        "komentar_aktif": str(b.get("boleh_komentar")) == "1",
    }
    utama = _gambar(ktx, baca.teks(b.get("gambar")))
    if baca.teks(b.get("gambar")) and utama is None:
        ktx.laporan.ubah("Artikel", rujukan, f"Gambar {b['gambar']} tidak ada di cadangan folder.")
    if utama is not None:
        data["gambar"], data["gambar_alt"] = utama, data["judul"]
    try:
        a = services.artikel_create(oleh=ktx.oleh, data=data)
    except ValidationError as exc:
        if "gambar" not in data:
            ktx.laporan.tolak("Artikel", rujukan, _pesan(exc))
            return None
        ktx.laporan.ubah("Artikel", rujukan, f"Gambar utama tidak dibawa: {_pesan(exc)}")
        del data["gambar"], data["gambar_alt"]
        try:
            a = services.artikel_create(oleh=ktx.oleh, data=data)
        except ValidationError as exc2:
            ktx.laporan.tolak("Artikel", rujukan, _pesan(exc2))
            return None
    _catat_berkas(ktx, a.gambar, a.gambar_kecil)
    for urutan, kolom in enumerate(("gambar1", "gambar2", "gambar3"), start=1):
        berkas = _gambar(ktx, baca.teks(b.get(kolom)))
        if berkas is None:
            if baca.teks(b.get(kolom)):
                ktx.laporan.ubah("Artikel", rujukan, f"Gambar {b[kolom]} tidak ada di cadangan.")
            continue
        try:
            g = services.gambar_artikel_simpan(
                oleh=ktx.oleh,
                artikel=a,
                data={"berkas": berkas, "alt": f"{a.judul} ({urutan})"[:200]},
            )
        except ValidationError as exc:
            ktx.laporan.ubah("Artikel", rujukan, f"Gambar {b[kolom]} tidak dibawa: {_pesan(exc)}")
            continue
        _catat_berkas(ktx, g.berkas, g.kecil)
    if baca.teks(b.get("dokumen")):
        ktx.laporan.ubah(
            "Artikel", rujukan,
            f"Dokumen lampiran {b['dokumen']} tidak dibawa; unggah ulang sebagai lampiran PDF.",
        )  # fmt: skip
    Artikel.objects.filter(pk=a.pk).update(
        dibaca=_angka(b.get("hit")),
        dibuat=terbit or a.dibuat,
        penulis_id=ktx.peta.get("user", {}).get(_angka(b.get("id_user"))),
    )
    ktx.laporan.hitung("Artikel")
    return a


def _halaman(ktx: Konteks, b: dict) -> Halaman | None:
    """A static page; one with the slug of a built-in SID page replaces its placeholder."""
    rujukan = f"artikel id {b['id']} ({baca.teks(b.get('judul'))[:60]})"
    data = {
        "judul": baca.teks(b.get("judul"))[:150],
        "slug": (baca.teks(b.get("slug")) or baca.teks(b.get("judul")))[:150],
        "isi": baca.teks(b.get("isi")),
        "terbit": str(b.get("enabled")) == "1",
    }
    gambar = _gambar(ktx, baca.teks(b.get("gambar")))
    if gambar is not None:
        data["gambar"], data["gambar_alt"] = gambar, data["judul"]
    ada = Halaman.objects.filter(slug=data["slug"]).first()
    try:
        if ada is not None:
            h = services.halaman_update(oleh=ktx.oleh, halaman=ada, data=data)
            ktx.laporan.ubah("Halaman statis", rujukan, f"Menggantikan halaman SID {ada.judul}.")
        else:
            h = services.halaman_create(oleh=ktx.oleh, data={**data, "urutan": 100})
    except ValidationError as exc:
        ktx.laporan.tolak("Halaman statis", rujukan, _pesan(exc))
        return None
    _catat_berkas(ktx, h.gambar, h.gambar_kecil)
    ktx.laporan.hitung("Halaman statis")
    return h


def _agenda(ktx: Konteks, b: dict, acara: dict | None, tz) -> Agenda | None:
    rujukan = f"artikel id {b['id']} ({baca.teks(b.get('judul'))[:60]})"
    if str(b.get("enabled")) != "1":
        ktx.laporan.tolak(
            "Agenda", rujukan,
            "Tidak aktif di OpenSID; agenda SID selalu tampil di website, jadi tidak dibawa.",
        )  # fmt: skip
        return None
    mulai = saat(acara.get("tgl_agenda"), tz) if acara else None
    tempat = bersihkan_satu_baris(baca.teks(acara.get("lokasi_kegiatan")) if acara else "")
    if mulai is None or not tempat:
        ktx.laporan.ubah(
            "Agenda", rujukan,
            "Waktu atau tempat kegiatan tidak tercatat di OpenSID: "
            + ("waktu diisi tanggal artikel" if mulai is None else "")
            + ("; " if mulai is None and not tempat else "")
            + ("tempat diisi “-”" if not tempat else "")
            + ".",
        )  # fmt: skip
    try:
        a = services.agenda_create(
            oleh=ktx.oleh,
            data={
                "judul": baca.teks(b.get("judul"))[:200],
                "mulai": mulai or saat(b.get("tgl_upload"), tz),
                "tempat": tempat[:200] or "-",
                "koordinator": baca.teks(acara.get("koordinator_kegiatan"))[:150] if acara else "",
                "keterangan": baca.teks(b.get("isi")),
            },
        )
    except ValidationError as exc:
        ktx.laporan.tolak("Agenda", rujukan, _pesan(exc))
        return None
    ktx.laporan.hitung("Agenda")
    return a


# --- comments and the menu --------------------------------------------------------------------------


def _komentar(ktx: Konteks, tujuan: dict[int, object], tz) -> None:
    """Comments on carried articles. OpenSID's `tgl_upload` of a comment is the database's
    own clock (UTC); approved (status 1) stays approved, anything else waits for moderation."""
    antre = []
    for b in ktx.baris("komentar"):
        rujukan = f"komentar id {b['id']}"
        id_artikel = _angka(b.get("id_artikel"))
        a = tujuan.get(id_artikel)
        alasan = (
            "Bukan komentar artikel (pesan Layanan Mandiri lama)." if id_artikel in (0, 775)
            else f"Artikelnya (id {id_artikel}) tidak terbawa." if a is None and id_artikel
            else "Komentar pada halaman statis atau agenda: SID hanya membuka komentar pada "
            "artikel." if not isinstance(a, Artikel)
            else ""
        )  # fmt: skip
        nama = bersihkan_satu_baris(baca.teks(b.get("owner")))[:80]
        isi = bersihkan_komentar(baca.teks(b.get("komentar")))
        if not alasan and (not nama or not isi):
            alasan = "Nama atau isi komentar kosong."
        if alasan:
            ktx.laporan.tolak("Komentar", rujukan, alasan)
            continue
        if len(isi) > 2000:
            ktx.laporan.ubah("Komentar", rujukan, "Lebih dari 2000 karakter: dipotong.")
            isi = isi[:2000]
        disetujui = str(b.get("status")) == "1"
        k = Komentar(
            artikel=a,
            nama=nama,
            email=baca.teks(b.get("email"))[:254],
            isi=isi,
            status=Komentar.Status.DISETUJUI if disetujui else Komentar.Status.MENUNGGU,
            dibuat=saat(b.get("tgl_upload"), UTC) or a.dibuat,
            dimoderasi_pada=saat(b.get("updated_at"), tz) if disetujui else None,
        )
        try:
            k.full_clean(exclude=["artikel"])
        except ValidationError as exc:
            if "email" not in getattr(exc, "message_dict", {}):
                ktx.laporan.tolak("Komentar", rujukan, _pesan(exc))
                continue
            ktx.laporan.ubah("Komentar", rujukan, f"Email {k.email!r} tidak sah: dikosongkan.")
            k.email = ""
        antre.append(k)
    Komentar.objects.bulk_create(antre, batch_size=500)
    ktx.laporan.hitung("Komentar", len(antre))
    if antre:
        catat_aktivitas(
            oleh=ktx.oleh, aksi="impor", keterangan=f"{len(antre)} komentar dibawa dari OpenSID."
        )


def _menu(ktx: Konteks, tujuan: dict[int, object], kategori: dict[int, Kategori]) -> None:
    """OpenSID's own menu items, after SID's standard menu (an item whose target SID's menu
    already has is not added twice)."""
    baris = {int(b["id"]): b for b in ktx.baris("menu")}
    ada = {
        (m.jenis, m.halaman_id, m.kategori_id, m.internal, m.url): m for m in ItemMenu.objects.all()
    }
    hasil: dict[int, ItemMenu] = {}
    induk_menu = {_angka(b.get("parrent")) for b in baris.values()}
    urut = sorted(baris, key=lambda i: (_angka(baris[i].get("parrent")) in baris, i))
    for i in urut:
        b = baris[i]
        rujukan = f"menu id {i} ({baca.teks(b.get('nama'))})"
        if i in induk_menu and baca.teks(b.get("link")).strip("/# ") == "":
            data, alasan = {"jenis": ItemMenu.Jenis.INDUK}, ""
        else:
            data, alasan = _tujuan_menu(baca.teks(b.get("link")), tujuan, kategori)
        if data is None:
            ktx.laporan.tolak("Menu web", rujukan, alasan)
            continue
        kunci = (
            data["jenis"], getattr(data.get("halaman"), "pk", None),
            getattr(data.get("kategori"), "pk", None), data.get("internal", ""), data.get("url", ""),
        )  # fmt: skip
        if kunci in ada and data["jenis"] != ItemMenu.Jenis.INDUK:
            hasil[i] = ada[kunci]
            ktx.laporan.ubah(
                "Menu web", rujukan, f"Menu SID “{ada[kunci].judul}” sudah menuju ke sana."
            )
            ktx.laporan.hitung("Menu web")
            continue
        induk = hasil.get(_angka(b.get("parrent")))
        while induk is not None and induk.induk_id:
            induk = induk.induk
        try:
            m = services.item_menu_create(
                oleh=ktx.oleh,
                data={
                    **data,
                    "judul": baca.teks(b.get("nama"))[:60],
                    "induk": induk,
                    "urutan": 100 + _angka(b.get("urut")),
                    "aktif": str(b.get("enabled")) != "0",
                },
            )
        except ValidationError as exc:
            ktx.laporan.tolak("Menu web", rujukan, _pesan(exc))
            continue
        hasil[i] = ada[kunci] = m
        ktx.laporan.hitung("Menu web")


def _tujuan_menu(link: str, tujuan: dict[int, object], kategori: dict[int, Kategori]):
    """(ItemMenu fields, '') for an OpenSID menu link, or (None, reason)."""
    J = ItemMenu.Jenis
    link = link.strip()
    if link.startswith(("http://", "https://")):
        return {"jenis": J.TAUTAN, "url": link[:200]}, ""
    bagian = link.strip("/").split("/")
    awal = bagian[0].lower() if bagian else ""
    kedua = bagian[1] if len(bagian) > 1 else ""
    if awal == "artikel" and kedua.isdigit():
        t = tujuan.get(int(kedua))
        if isinstance(t, Halaman):
            return {"jenis": J.HALAMAN, "halaman": t}, ""
        if t is None:
            return None, f"Artikel tujuannya (id {kedua}) tidak terbawa."
        return None, "Menu SID tidak menuju satu artikel berita; tambahkan tautannya sendiri."
    if awal == "kategori" and kedua:
        k = (
            kategori.get(int(kedua))
            if kedua.isdigit()
            else Kategori.objects.filter(slug=kedua).first()
        )
        if k is None:
            return None, f"Kategori tujuannya ({kedua}) tidak terbawa."
        return {"jenis": J.KATEGORI, "kategori": k}, ""
    if awal in INTERNAL:
        return {"jenis": J.INTERNAL, "internal": INTERNAL[awal]}, ""
    if awal in KHUSUS:
        return None, f"{KHUSUS[awal]}: menu tidak dibawa."
    return None, f"Halaman OpenSID “{link}” belum ada di website SID: menu tidak dibawa."
