"""The letter archive and the website carried from OpenSID: the reference backup against its
manifest (through the screens people use), and edge cases through small synthetic dumps.

The synthetic-dump tests come first: the reference village (`desa_referensi`) is imported
once for this module when its first test runs and stays until the module ends, and an import
only goes into an empty village.
"""

from __future__ import annotations

import datetime
import io
import zipfile
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.test import Client

from konten.models import Agenda, Artikel, Halaman, ItemMenu, Kategori, Komentar
from penduduk.models import Penduduk
from perangkat.selectors import penandatangan_untuk
from pindah.jalankan import pindah_opensid
from surat import services as layanan_surat
from surat.models import JenisSurat, PengaturanSurat, PenghitungNomor, Surat
from tests.pindah.tulis_dump import tulis_dump
from tests.surat import siapan

WIB = ZoneInfo("Asia/Jakarta")
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
FORMAT = "[kode_surat]/[nomor_surat, 3]/[kode_desa]/[bulan_romawi]/[tahun]"
TANGGAL = datetime.date(2026, 12, 6)  # the reference letters' date (never after today)


def klien(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def desa_kecil(tambahan: dict, *, setelan: dict | None = None) -> io.BytesIO:
    """A two-resident OpenSID village plus the given tables, as a dump file."""
    nilai = {
        "current_version": "24.10",
        "timezone": "Asia/Jakarta",
        "penomoran_surat": "2",
        "format_nomor_surat": FORMAT,
        **(setelan or {}),
    }
    tabel = {
        "config": (["id", "nama_desa", "kode_desa"], [(1, "Contoh", "3507112099")]),
        "setting_aplikasi": (
            ["id", "key", "value"],
            [(i, k, v) for i, (k, v) in enumerate(nilai.items(), start=1)],
        ),
        "tweb_wil_clusterdesa": (["id", "rt", "rw", "dusun"], [(1, "001", "001", "KRAJAN")]),
        "tweb_keluarga": (
            ["id", "no_kk", "nik_kepala", "tgl_daftar", "alamat", "id_cluster"],
            [(1, "3507110101010001", 1, "2020-01-01 00:00:00", "Jl. Mawar", 1)],
        ),
        "tweb_penduduk": (
            [
                "id",
                "nama",
                "nik",
                "id_kk",
                "kk_level",
                "sex",
                "tempatlahir",
                "tanggallahir",
                "agama_id",
                "pendidikan_kk_id",
                "pekerjaan_id",
                "status_kawin",
                "warganegara_id",
                "status_dasar",
                "id_cluster",
                "golongan_darah_id",
            ],
            [
                (
                    1,
                    "BUDI",
                    "3507110101800001",
                    1,
                    1,
                    1,
                    "MALANG",
                    "1980-01-01",
                    1,
                    5,
                    1,
                    2,
                    1,
                    1,
                    1,
                    13,
                ),
                (
                    2,
                    "SITI",
                    "3507114101820002",
                    1,
                    3,
                    2,
                    "MALANG",
                    "1982-01-01",
                    1,
                    5,
                    1,
                    2,
                    1,
                    1,
                    1,
                    13,
                ),
            ],
        ),  # fmt: skip
        **tambahan,
    }
    return io.BytesIO(tulis_dump(tabel).encode())


def folder(berkas: dict[str, bytes]) -> io.BytesIO:
    """A `desa/` folder backup holding the given files."""
    f = io.BytesIO()
    with zipfile.ZipFile(f, "w") as z:
        for nama, isi in berkas.items():
            z.writestr(f"desa/{nama}", isi)
    f.seek(0)
    return f


def masalah(laporan, jenis: str) -> dict[str, str]:
    """Row → every reason the report gives for it (joined)."""
    hasil: dict[str, str] = {}
    for m in laporan.masalah:
        if m["jenis"] == jenis:
            hasil[m["baris"]] = " | ".join(filter(None, [hasil.get(m["baris"]), m["alasan"]]))
    return hasil


def pastikan_kepala_desa(oleh) -> None:
    """Officials in office on the letter date (from the officials' mapper, or made here)."""
    try:
        penandatangan_untuk(TANGGAL)
    except ValidationError:
        siapan.siapkan_perangkat(oleh)


def terbitkan(jenis, penduduk, *, operator, sekretaris, kades) -> Surat:
    s = layanan_surat.surat_create(
        oleh=operator, jenis=jenis, penduduk=penduduk, isian=siapan.isian_contoh(jenis)
    )
    s = siapan.sampai_tanda_tangan(s, operator=operator, sekretaris=sekretaris)
    return layanan_surat.surat_tandatangani(oleh=kades, surat=s, tanggal=TANGGAL)


FORMAT_SURAT = ["id", "nama", "url_surat", "kode_surat", "format_nomor_global", "kode_isian"]
LOG_SURAT = ["id", "id_format_surat", "id_pend", "nama_pamong", "nama_jabatan", "tanggal",
             "bulan", "tahun", "no_surat", "nama_surat", "status", "deleted_at", "nama_non_warga",
             "input"]  # fmt: skip


# --- edge cases (synthetic dumps) --------------------------------------------------------------


def test_surat_ditolak_beralasan_dan_nomornya_tetap_terpakai(
    db, admin_desa, operator, sekretaris, kades
):
    format_surat = [
        (1, "Keterangan Pengantar", "surat-keterangan-pengantar", "S-01", 1,
         '[{"tipe":"textarea","kode":"[form_keperluan]","nama":"Keperluan"}]'),
        (2, "Keterangan Jual Beli", "surat-keterangan-jual-beli", "S-05", 1, "[]"),
    ]  # fmt: skip
    t = "2026-12-01 09:00:00"
    log = [
        (1, 1, 1, "FAJAR", "Kepala Desa", t, "12", "2026", "4", "a.pdf", 1, None, None,
         '{"keperluan": "Melamar kerja"}'),
        (2, 1, None, "FAJAR", "Kepala Desa", t, "12", "2026", "7", "b.pdf", 1, None, "PAK TAMU",
         "{}"),
        (3, 1, 2, "FAJAR", "Kepala Desa", t, "12", "2026", "9", "", 0, None, None, "{}"),
        (4, 1, 2, "FAJAR", "Kepala Desa", t, "12", "2026", "30", "c.pdf", 1, "2026-12-02", None,
         "{}"),
        (5, 2, 2, "FAJAR", "Kepala Desa", t, "12", "2026", "1", "hilang.pdf", 1, None, None, "{}"),
    ]  # fmt: skip
    laporan = pindah_opensid(
        oleh=None,
        sumber=desa_kecil(
            {"tweb_surat_format": (FORMAT_SURAT, format_surat), "log_surat": (LOG_SURAT, log)}
        ),
        folder=folder({"arsip/a.pdf": PDF, "arsip/b.pdf": PDF}),
        dry_run=False,
    )
    assert laporan.dibawa["Arsip surat"] == 2 and laporan.ditolak["Arsip surat"] == 3
    alasan = masalah(laporan, "Arsip surat")
    assert "bukan penduduk (PAK TAMU)" in alasan["log_surat id 2"]
    assert "Masih konsep" in alasan["log_surat id 3"]
    assert "dihapus" in alasan["log_surat id 4"]
    assert "hilang.pdf tidak ada di cadangan folder desa" in alasan["log_surat id 5"]

    pengantar = JenisSurat.objects.get(slug="keterangan-pengantar")
    s = Surat.objects.get(jenis=pengantar)
    assert s.nomor == "S-01/004/3507112099/XII/2026" and s.status == Surat.Status.TERBIT
    assert s.isian == {"form_keperluan": "Melamar kerja"} and s.status_pdf == Surat.StatusPdf.SIAP
    arsip = Surat.objects.get(jenis__slug="opensid-keterangan-jual-beli")
    assert not arsip.jenis.aktif and arsip.status_pdf == Surat.StatusPdf.GAGAL
    # numbers of the refused draft and non-resident letter were used; the deleted one was not
    assert PenghitungNomor.objects.get(lingkup=f"jenis-{pengantar.pk}").nomor_terakhir == 9
    pastikan_kepala_desa(admin_desa)
    baru = terbitkan(
        pengantar,
        Penduduk.objects.get(nik="3507110101800001"),
        operator=operator,
        sekretaris=sekretaris,
        kades=kades,
    )
    assert baru.nomor_urut == 10 and baru.nomor == "S-01/010/3507112099/XII/2026"


def test_nomor_kembar_dari_format_tanpa_kode_tidak_melanggar_batasan(db):
    format_surat = [
        (1, "Keterangan Pengantar", "surat-keterangan-pengantar", "S-01", 1, "[]"),
        (2, "Keterangan Usaha", "surat-keterangan-usaha", "500", 1, "[]"),
    ]
    t = "2026-12-01 09:00:00"
    log = [
        (1, 1, 1, "FAJAR", "Kepala Desa", t, "12", "2026", "1", "", 1, None, None, "{}"),
        (2, 2, 1, "FAJAR", "Kepala Desa", t, "12", "2026", "1", "", 1, None, None, "{}"),
    ]
    laporan = pindah_opensid(
        oleh=None,
        sumber=desa_kecil(
            {"tweb_surat_format": (FORMAT_SURAT, format_surat), "log_surat": (LOG_SURAT, log)},
            setelan={"format_nomor_surat": "[nomor_surat]/[tahun]"},
        ),
        dry_run=False,
    )
    assert laporan.dibawa["Arsip surat"] == 2
    assert sorted(Surat.objects.values_list("nomor", flat=True)) == [
        "1/2026",
        "1/2026 (log_surat id 2)",
    ]
    assert "sudah dipakai surat lain" in masalah(laporan, "Arsip surat")["log_surat id 2"]
    assert PengaturanSurat.ambil().format_nomor == "[nomor_surat]/[tahun]"


ARTIKEL = ["id", "judul", "slug", "isi", "tipe", "enabled", "tgl_upload", "id_kategori",
           "gambar", "boleh_komentar", "headline", "hit"]  # fmt: skip


def test_website_baris_bermasalah_ditolak_atau_disesuaikan(db, client):
    artikel = [
        (1, "Panen Raya", "panen", "<p>Panen.</p>", "dinamis", 1, "2026-11-02 08:00:00", 1,
         "rusak.jpg", 1, 0, 5),
        (2, "Panen Raya Lagi", "panen", "<p>Lagi.</p>", "dinamis", 1, "2026-11-03 08:00:00", 9,
         None, 1, 0, 0),
        (3, "Profil", "profil-desa", "<p>Desa kami.</p>", "statis", 1, "2026-11-01 08:00:00",
         None, None, 1, 0, 0),
        (4, "Rapat Lama", "rapat", "<p>x</p>", "agenda", 0, "2026-11-01 08:00:00", None, None,
         1, 0, 0),
    ]  # fmt: skip
    komentar = [
        (1, 1, "Warga", "warga@contoh", "Setuju.", "2026-11-02 01:00:00", 1),
        (2, 1, "Tamu", "", "Belum dibaca.", "2026-11-02 02:00:00", 2),
        (3, 3, "Tamu", "", "Di halaman statis.", "2026-11-02 02:00:00", 1),
        (4, 99, "Tamu", "", "Artikel hilang.", "2026-11-02 02:00:00", 1),
    ]
    menu = [
        (1, "Peta", "peta", 0, 1, 1),
        (2, "Profil", "artikel/3", 0, 1, 2),
        (3, "Kabupaten", "https://malangkab.go.id", 0, 1, 3),
    ]
    laporan = pindah_opensid(
        oleh=None,
        sumber=desa_kecil(
            {
                "kategori": (
                    ["id", "kategori", "slug", "parrent", "urut", "enabled"],
                    [(1, "Berita", "berita", 0, 1, 1)],
                ),
                "artikel": (ARTIKEL, artikel),
                "komentar": (
                    ["id", "id_artikel", "owner", "email", "komentar", "tgl_upload", "status"],
                    komentar,
                ),
                "menu": (["id", "nama", "link", "parrent", "enabled", "urut"], menu),
            }
        ),
        folder=folder({"upload/artikel/sedang_rusak.jpg": b"<?php echo 1; ?>"}),
        dry_run=False,
    )
    a1, a2 = Artikel.objects.get(judul="Panen Raya"), Artikel.objects.get(judul="Panen Raya Lagi")
    assert a1.slug == "panen" and not a1.gambar and a1.dibaca == 5
    assert a2.slug == "panen-2" and a2.kategori is None
    artikel_masalah = masalah(laporan, "Artikel")
    assert "bukan gambar yang sah" in artikel_masalah["artikel id 1 (Panen Raya)"]
    assert "menjadi panen-2" in artikel_masalah["artikel id 2 (Panen Raya Lagi)"]
    # the static page fills SID's own "profil-desa" page
    assert Halaman.objects.get(slug="profil-desa").isi == "<p>Desa kami.</p>"
    assert "Tidak aktif di OpenSID" in masalah(laporan, "Agenda")["artikel id 4 (Rapat Lama)"]
    assert not Agenda.objects.exists()
    k = masalah(laporan, "Komentar")
    assert "halaman statis" in k["komentar id 3"] and "tidak terbawa" in k["komentar id 4"]
    assert "tidak sah: dikosongkan" in k["komentar id 1"]
    assert dict(Komentar.objects.values_list("nama", "status")) == {
        "Warga": Komentar.Status.DISETUJUI,
        "Tamu": Komentar.Status.MENUNGGU,
    }
    html = client.get(a1.get_absolute_url()).content.decode()
    assert "Setuju." in html and "Belum dibaca." not in html
    assert "belum ada di website SID" in masalah(laporan, "Menu web")["menu id 1 (Peta)"]
    # SID's standard menu already leads to that page: not added twice
    assert "sudah menuju ke sana" in masalah(laporan, "Menu web")["menu id 2 (Profil)"]
    assert ItemMenu.objects.filter(halaman__slug="profil-desa").count() == 1
    assert ItemMenu.objects.filter(jenis="tautan", url="https://malangkab.go.id").exists()


# --- the reference backup -----------------------------------------------------------------------


def test_arsip_surat_sama_dengan_manifest(desa_referensi, db):
    laporan, manifest = desa_referensi
    surat = manifest["letters"]
    assert laporan.dibawa["Arsip surat"] == len(surat["issued"]) == 6
    assert "Arsip surat" not in laporan.ditolak
    for m in surat["issued"]:
        s = Surat.objects.select_related("jenis").get(nilai_terbit__opensid__log_surat=int(m["id"]))
        assert s.status == Surat.Status.TERBIT and s.status_pdf == Surat.StatusPdf.SIAP
        assert s.jenis.slug == m["url_surat"].removeprefix("surat-") and s.jenis.bawaan
        assert s.nik_penduduk == m["nik"] and s.nama_penduduk == m["nama"]
        assert s.nomor_urut == int(m["no_surat"]) and f"/{int(m['no_surat']):03d}/" in s.nomor
        assert s.tanggal_surat.isoformat() == m["tanggal"][:10]
        assert (s.penandatangan_nama, s.penandatangan_jabatan) == (
            m["nama_pamong"],
            m["nama_jabatan"],
        )
    assert PengaturanSurat.ambil().penomoran == PengaturanSurat.Penomoran.PER_JENIS  # setting 2


def test_pdf_arsip_diunduh_dari_back_office(
    desa_referensi, db, settings, media_referensi, rujukan, admin_desa
):
    for kunci, nilai in media_referensi.items():
        setattr(settings, kunci, nilai)
    _laporan, manifest = desa_referensi
    m = manifest["letters"]["issued"][0]
    s = Surat.objects.get(nilai_terbit__opensid__log_surat=int(m["id"]))
    with zipfile.ZipFile(rujukan[1]) as z:
        asli = z.read(f"desa/arsip/{m['arsip_pdf']}")
    c = klien(admin_desa)
    r = c.get(s.get_absolute_url())
    assert (
        r.status_code == 200 and "Unduh PDF" in r.content.decode() and s.nomor in r.content.decode()
    )
    r = c.get(f"/admin/surat/surat/{s.pk}/pdf/")
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    assert b"".join(r.streaming_content if r.streaming else [r.content]) == asli


def test_nomor_surat_berlanjut_per_jenis_lewat_layanan(
    desa_referensi, db, admin_desa, operator, sekretaris, kades
):
    _laporan, manifest = desa_referensi
    surat = manifest["letters"]
    pastikan_kepala_desa(admin_desa)
    for url, terakhir in surat["last_number_per_type"].items():
        jenis = JenisSurat.objects.get(slug=url.removeprefix("surat-"))
        nik = [m["nik"] for m in surat["issued"] if m["url_surat"] == url][-1]
        s = terbitkan(
            jenis,
            Penduduk.objects.get(nik=nik),
            operator=operator,
            sekretaris=sekretaris,
            kades=kades,
        )
        lanjut = int(terakhir) + 1
        assert s.nomor_urut == lanjut, url
        # the same form as OpenSID printed: S-01/003/3507112003/XII/2026
        lama = Surat.objects.filter(jenis=jenis).exclude(pk=s.pk).order_by("-nomor_urut").first()
        assert s.nomor == lama.nomor.replace(f"/{int(terakhir):03d}/", f"/{lanjut:03d}/")


def test_nomor_surat_berlanjut_lewat_layar_back_office(
    desa_referensi, db, admin_desa, operator, sekretaris, kades
):
    _laporan, manifest = desa_referensi
    surat = manifest["letters"]
    url = "surat-keterangan-pengantar"
    jenis = JenisSurat.objects.get(slug="keterangan-pengantar")
    p = Penduduk.objects.get(nik=surat["issued"][0]["nik"])
    pastikan_kepala_desa(admin_desa)
    c = klien(operator)
    r = c.post(
        f"/admin/surat/surat/buat/{jenis.slug}/", {"penduduk": p.pk, **siapan.isian_contoh(jenis)}
    )
    s = Surat.objects.get(jenis=jenis, nomor="")
    assert r.status_code == 302
    assert c.post(f"/admin/surat/surat/{s.pk}/ajukan/", {}).status_code == 302
    assert klien(sekretaris).post(f"/admin/surat/surat/{s.pk}/verifikasi/", {}).status_code == 302
    r = klien(kades).post(
        f"/admin/surat/surat/{s.pk}/tandatangani/", {"penandatangan": "kepala_desa"}
    )
    assert r.status_code == 302
    s.refresh_from_db()
    # the screen signs today; OpenSID's sequence is that of 2026 (a new year starts at 1)
    harap = int(surat["last_number_per_type"][url]) + 1 if s.tahun == 2026 else 1
    assert s.status == Surat.Status.TERBIT and s.nomor_urut == harap
    assert s.nomor.startswith(f"S-01/{harap:03d}/3507112003/")


def test_website_sama_dengan_manifest(desa_referensi, db, client):
    laporan, manifest = desa_referensi
    web = manifest["website"]
    jumlah = manifest["counts"]
    assert laporan.dibawa["Artikel"] == jumlah["artikel_by_tipe"]["dinamis"]
    assert laporan.dibawa["Agenda"] == jumlah["artikel_by_tipe"]["agenda"]
    assert laporan.dibawa["Halaman statis"] == jumlah["artikel_by_tipe"]["statis"]
    assert laporan.dibawa["Kategori"] == jumlah["kategori_rows"]
    assert laporan.dibawa["Komentar"] == jumlah["komentar_rows"]
    for m in web["artikel"]:
        terbit = datetime.datetime.fromisoformat(m["tgl_upload"]).replace(tzinfo=WIB)
        if m["tipe"] == "dinamis":
            a = Artikel.objects.get(slug=m["slug"])
            assert a.terbit_pada == terbit and a.kategori.nama == m["kategori"]
            url = f"/artikel/{terbit:%Y/%m/%d}/{m['slug']}/"
            assert a.get_absolute_url() == url
            r = client.get(url)
            assert r.status_code == 200 and m["judul"] in r.content.decode(), url
            assert bool(a.gambar) == (m["gambar"] != "NULL")
        elif m["tipe"] == "statis":
            r = client.get(f"/halaman/{m['slug']}/")
            assert r.status_code == 200 and m["judul"] in r.content.decode()
    for m in web["agenda"]:
        a = Agenda.objects.get(judul=m["judul"])
        mulai = datetime.datetime.fromisoformat(m["tgl_agenda"]).replace(tzinfo=WIB)
        assert (a.mulai, a.tempat, a.koordinator) == (mulai, m["lokasi"], m["koordinator"])
    assert set(Kategori.objects.values_list("nama", flat=True)) == set(
        jumlah["artikel_dinamis_by_kategori"]
    )
    for m in web["komentar"]:
        k = Komentar.objects.select_related("artikel").get(nama=m["owner"])
        assert k.status == (Komentar.Status.DISETUJUI if m["status"] == "1" else "menunggu")
        html = client.get(k.artikel.get_absolute_url()).content.decode()
        assert (m["komentar"] in html) == (m["status"] == "1")
    dengan_gambar = next(m for m in web["artikel"] if m["gambar"] != "NULL")
    html = client.get(Artikel.objects.get(slug=dengan_gambar["slug"]).get_absolute_url())
    assert ".webp" in html.content.decode()
