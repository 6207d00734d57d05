"""Demo content for the website, so a first-time visitor sees a living village site.

`isi_konten_demo(rng=random.Random(seed), oleh=None)` is called by the `isi_desa_demo`
command; it writes through the services (sanitising, image variants, audit) and skips when
articles exist. `buat_artikel_bench(jumlah)` bulk-inserts published articles for benchmarks.
"""

from __future__ import annotations

import datetime
import io
import random
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from konten import services
from konten.models import Artikel, DokumenPublik, Halaman, ItemMenu, Kategori
from konten.teks import teks_polos
from sid.lib.desa import identitas_desa
from sid.lib.html import bersihkan_html
from sid.lib.pdf import konteks_kop, render_pdf
from sid.models import Wilayah

HARI = datetime.timedelta(days=1)

KATEGORI = [
    # (nama, slug, anak)
    (
        "Berita Desa",
        "berita-desa",
        [("Pemerintahan", "pemerintahan"), ("Kegiatan Warga", "kegiatan-warga")],
    ),
    ("Pertanian", "pertanian", []),
    ("Kesehatan", "kesehatan", []),
    ("Pendidikan", "pendidikan", []),
]

ARTIKEL = [
    # (judul, kategori slug, paragraf, bergambar, headline, komentar)
    (
        "Musyawarah Desa Tetapkan Prioritas Pembangunan Tahun Depan",
        "pemerintahan",
        [
            "Pemerintah desa bersama Badan Permusyawaratan Desa (BPD) menggelar musyawarah desa "
            "di balai desa. Musyawarah dihadiri ketua RT, ketua RW, tokoh masyarakat, perwakilan "
            "kelompok tani dan kader PKK.",
            "Dalam musyawarah tersebut disepakati tiga prioritas: perbaikan jalan lingkungan di "
            "Dusun {dusun1}, pembangunan saluran irigasi tersier, dan penguatan posyandu di setiap "
            "dusun.",
            "Kepala desa menyampaikan bahwa seluruh usulan akan dituangkan dalam Rencana Kerja "
            "Pemerintah Desa (RKP Desa) dan diumumkan secara terbuka di papan informasi serta "
            "website desa.",
        ],
        True,
        True,
        True,
    ),
    (
        "Gotong Royong Bersihkan Saluran Air Menjelang Musim Hujan",
        "kegiatan-warga",
        [
            "Ratusan warga turun ke jalan untuk membersihkan saluran air di sepanjang jalan desa. "
            "Kegiatan dimulai pukul tujuh pagi dan selesai menjelang siang.",
            "Sampah plastik dan lumpur yang menyumbat gorong-gorong diangkut menggunakan gerobak "
            "ke tempat pembuangan sementara. Ibu-ibu PKK menyiapkan konsumsi bagi para peserta.",
        ],
        True,
        False,
        False,
    ),
    (
        "Panen Raya Padi: Produktivitas Naik Berkat Irigasi Baru",
        "pertanian",
        [
            "Kelompok tani merayakan panen raya padi musim ini. Hasil panen rata-rata mencapai "
            "enam ton gabah kering panen per hektare, naik dibanding musim lalu.",
            "Menurut ketua kelompok tani, kenaikan ini tidak lepas dari saluran irigasi yang "
            "dibangun dengan Dana Desa sehingga sawah tidak lagi kekurangan air pada musim kemarau.",
            "Penyuluh pertanian mengingatkan petani untuk tetap menggunakan pupuk berimbang dan "
            "benih bersertifikat pada musim tanam berikutnya.",
        ],
        True,
        False,
        False,
    ),
    (
        "Jadwal Posyandu Balita dan Lansia Bulan Ini",
        "kesehatan",
        [
            "Posyandu di setiap dusun kembali dibuka sesuai jadwal. Orang tua diimbau membawa "
            "balita untuk ditimbang, diukur tinggi badannya dan mendapatkan imunisasi.",
            "Bagi warga lanjut usia tersedia pemeriksaan tekanan darah, gula darah dan konsultasi "
            "kesehatan gratis bersama bidan desa.",
        ],
        False,
        False,
        False,
    ),
    (
        "Penyaluran Bantuan Langsung Tunai Dana Desa Tahap Kedua",
        "pemerintahan",
        [
            "Pemerintah desa menyalurkan Bantuan Langsung Tunai (BLT) Dana Desa tahap kedua kepada "
            "keluarga penerima manfaat yang telah ditetapkan melalui musyawarah desa khusus.",
            "Penyaluran dilakukan di kantor desa dengan tetap memperhatikan ketertiban antrean. "
            "Warga yang berhalangan hadir dapat diwakili anggota keluarga dengan membawa surat "
            "kuasa.",
        ],
        False,
        False,
        False,
    ),
    (
        "Pelatihan Komputer bagi Pemuda Karang Taruna",
        "pendidikan",
        [
            "Karang Taruna bekerja sama dengan pemerintah desa mengadakan pelatihan komputer dasar "
            "selama tiga hari. Materi meliputi pengolah kata, lembar kerja dan keamanan berinternet.",
            "Peserta berharap keterampilan ini membantu mereka mencari pekerjaan dan mengembangkan "
            "usaha kecil di desa.",
        ],
        True,
        False,
        True,
    ),
    (
        "Lomba Kebersihan Antar-RT Memperingati Hari Jadi Desa",
        "kegiatan-warga",
        [
            "Dalam rangka hari jadi desa, panitia menggelar lomba kebersihan antar-RT. Penilaian "
            "meliputi kebersihan lingkungan, penghijauan, dan pengelolaan sampah rumah tangga.",
            "Pemenang akan diumumkan pada malam puncak peringatan hari jadi di lapangan desa.",
        ],
        False,
        False,
        False,
    ),
    (
        "Pendaftaran Sekolah Lapang Petani Dibuka",
        "pertanian",
        [
            "Dinas pertanian membuka pendaftaran sekolah lapang bagi petani padi dan hortikultura. "
            "Kuota terbatas untuk dua puluh lima peserta.",
            "Pendaftaran dapat dilakukan di kantor desa pada jam kerja dengan membawa fotokopi KTP.",
        ],
        False,
        False,
        False,
    ),
]

HALAMAN_DEMO = {
    "profil-desa": [
        "<h2>Gambaran umum</h2>",
        "<p>{desa} terletak di kaki perbukitan dengan bentang sawah, kebun dan permukiman yang "
        "tersebar di beberapa dusun. Sebagian besar warga bekerja sebagai petani, pedagang, "
        "buruh dan pelaku usaha kecil.</p>",
        "<p>Desa memiliki balai desa, dua sekolah dasar, satu madrasah, posyandu di setiap dusun "
        "dan pasar desa yang ramai setiap hari pasaran.</p>",
    ],
    "sejarah-desa": [
        "<p>Menurut cerita para sesepuh, desa ini bermula dari permukiman kecil di tepi sungai "
        "yang dibuka oleh para perantau untuk bercocok tanam. Nama desa diambil dari harapan "
        "agar warganya selalu rukun dan makmur.</p>",
        "<p>Sejak ditetapkan sebagai desa definitif, pemerintahan desa telah dipimpin oleh "
        "beberapa kepala desa secara bergantian melalui pemilihan kepala desa.</p>",
    ],
    "visi-misi": [
        "<h2>Visi</h2><p>Terwujudnya desa yang maju, mandiri, sejahtera dan berbudaya.</p>",
        "<h2>Misi</h2><ol><li>Meningkatkan pelayanan publik yang cepat, mudah dan transparan.</li>"
        "<li>Membangun sarana dan prasarana desa secara merata.</li>"
        "<li>Mengembangkan ekonomi desa berbasis pertanian dan usaha warga.</li>"
        "<li>Meningkatkan kualitas kesehatan dan pendidikan masyarakat.</li></ol>",
    ],
    "wilayah-desa": [
        "<p>Wilayah desa terbagi atas {daftar_dusun}, yang masing-masing terbagi lagi atas rukun "
        "warga (RW) dan rukun tetangga (RT).</p>",
        "<table><thead><tr><th>Batas</th><th>Berbatasan dengan</th></tr></thead><tbody>"
        "<tr><td>Utara</td><td>Desa Sukamakmur</td></tr><tr><td>Selatan</td><td>Desa Sukasari</td></tr>"
        "<tr><td>Barat</td><td>Sungai Cikaret</td></tr><tr><td>Timur</td><td>Desa Cijati</td></tr>"
        "</tbody></table>",
    ],
    "struktur-pemerintahan": [
        "<p>Pemerintah desa terdiri atas kepala desa dan perangkat desa: sekretariat desa yang "
        "dipimpin sekretaris desa, pelaksana teknis (kepala seksi) dan pelaksana kewilayahan "
        "(kepala dusun).</p>",
        "<p>Badan Permusyawaratan Desa (BPD) menjadi mitra pemerintah desa dalam membahas dan "
        "menyepakati peraturan desa serta mengawasi kinerja kepala desa.</p>",
    ],
}

AGENDA = [
    # (judul, hari dari sekarang, jam, durasi jam, tempat, koordinator)
    (
        "Musyawarah Dusun Penyusunan RKP Desa",
        3,
        19,
        2,
        "Balai Dusun {dusun1}",
        "Kepala Dusun {dusun1}",
    ),
    ("Posyandu Balita dan Lansia", 6, 8, 4, "Posyandu Melati", "Bidan Desa"),
    ("Kerja Bakti Membersihkan Makam", 10, 7, 3, "TPU Desa", "Ketua RW 02"),
    ("Sosialisasi Pencegahan Stunting", 14, 9, 3, "Balai Desa", "Tim Penggerak PKK"),
    ("Rapat Koordinasi Perangkat Desa", -5, 9, 2, "Kantor Desa", "Sekretaris Desa"),
]

PENGUMUMAN = [
    "Pelayanan administrasi kependudukan di kantor desa buka Senin–Jumat pukul 08.00–15.00.",
    "Pembayaran PBB dapat dilakukan melalui ketua RT masing-masing paling lambat akhir bulan.",
    "Warga yang belum merekam KTP elektronik dapat mendaftar di kantor desa.",
]


def nama_dusun() -> list[str]:
    """The village's dusun names as written in text ("Krajan"), in the order they were made."""
    nama = Wilayah.objects.filter(tingkat=Wilayah.Tingkat.DUSUN).order_by("pk")
    return [n.title() for n in nama.values_list("nama", flat=True)]


def _isi_dusun(teks: str, dusun: list[str]) -> str:
    """The demo texts name the village's real dusun: {dusun1}, {dusun2}, {daftar_dusun}."""
    pertama = dusun[0] if dusun else "Krajan"  # a website demo with no areas yet
    kedua = dusun[1] if len(dusun) > 1 else pertama
    if len(dusun) > 1:
        daftar = f"{len(dusun)} dusun: " + ", ".join(dusun[:-1]) + f" dan {dusun[-1]}"
    else:
        daftar = f"Dusun {pertama}"
    return (
        teks.replace("{dusun1}", pertama)
        .replace("{dusun2}", kedua)
        .replace("{daftar_dusun}", daftar)
    )


def gambar_demo(rng: random.Random, lebar: int = 1600, tinggi: int = 1000) -> ContentFile:
    """A landscape drawn with Pillow: sky, sun, hills and rice terraces (a real JPEG)."""
    from PIL import Image, ImageDraw  # demo only: no process loads Pillow for it at start

    langit = (rng.randint(90, 150), rng.randint(160, 205), rng.randint(215, 250))
    img = Image.new("RGB", (lebar, tinggi), langit)
    d = ImageDraw.Draw(img)
    for y in range(tinggi // 2):  # sky gradient
        t = y / (tinggi / 2)
        warna = tuple(int(c + (255 - c) * t * 0.6) for c in langit)
        d.line([(0, y), (lebar, y)], fill=warna)
    x, r = rng.randint(200, lebar - 200), rng.randint(60, 110)
    d.ellipse([x - r, 150 - r, x + r, 150 + r], fill=(255, 214, 90))
    for i in range(3):  # hills
        hijau = (40 + i * 25, 110 + i * 30, 60 + i * 10)
        puncak = tinggi // 2 - 80 + i * 90
        titik = [(0, tinggi)]
        for k in range(0, lebar + 200, 200):
            titik.append((k, puncak + rng.randint(-60, 60)))
        titik.append((lebar, tinggi))
        d.polygon(titik, fill=hijau)
    for j in range(8):  # terraces
        y = tinggi - 60 - j * 45
        d.line([(0, y), (lebar, y - rng.randint(-30, 30))], fill=(170, 200, 90), width=4)
    keluaran = io.BytesIO()
    img.save(keluaran, format="JPEG", quality=85)
    return ContentFile(keluaran.getvalue(), name="foto-desa.jpg")


def _html(paragraf: list[str]) -> str:
    return "".join(p if p.startswith("<") else f"<p>{p}</p>" for p in paragraf)


def _dokumen_pdf(tahun: int) -> ContentFile:
    """A summary of the village budget as an official-looking PDF (WeasyPrint)."""

    baris = [
        ("1", "Pendapatan Asli Desa", "125.000.000"),
        ("2", "Dana Desa", "1.050.000.000"),
        ("3", "Alokasi Dana Desa", "420.000.000"),
        ("4", "Bagi Hasil Pajak dan Retribusi", "65.000.000"),
        ("", "Jumlah pendapatan", "1.660.000.000"),
        ("5", "Belanja Bidang Penyelenggaraan Pemerintahan Desa", "520.000.000"),
        ("6", "Belanja Bidang Pelaksanaan Pembangunan Desa", "780.000.000"),
        ("7", "Belanja Bidang Pembinaan Kemasyarakatan", "140.000.000"),
        ("8", "Belanja Bidang Pemberdayaan Masyarakat", "150.000.000"),
        ("9", "Belanja Bidang Penanggulangan Bencana, Darurat dan Mendesak", "70.000.000"),
        ("", "Jumlah belanja", "1.660.000.000"),
    ]
    konteks = {
        **konteks_kop(),
        "judul": f"RINGKASAN APB DESA TAHUN ANGGARAN {tahun}",
        "subjudul": "Informasi berkala sesuai UU Nomor 14 Tahun 2008",
        "kolom": [
            {"judul": "No.", "lebar": "8%"},
            {"judul": "Uraian", "lebar": "62%"},
            {"judul": "Anggaran (Rp)", "lebar": "30%"},
        ],
        "baris": [[(no, ""), (uraian, ""), (nilai, "angka")] for no, uraian, nilai in baris],
    }
    return ContentFile(render_pdf("laporan/base.html", konteks), name="apbdes.pdf")


def _menu_bawaan(oleh: Any) -> None:
    """The default menu, when an editor has removed every item."""
    if ItemMenu.objects.exists():
        return
    halaman = {h.slug: h for h in Halaman.objects.all()}
    J = ItemMenu.Jenis
    services.item_menu_create(
        oleh=oleh, data={"judul": "Beranda", "jenis": J.INTERNAL, "internal": "beranda"}
    )
    profil = services.item_menu_create(
        oleh=oleh, data={"judul": "Profil Desa", "jenis": J.INDUK, "urutan": 10}
    )
    for i, h in enumerate(halaman.values(), start=1):
        services.item_menu_create(
            oleh=oleh,
            data={"judul": h.judul, "jenis": J.HALAMAN, "halaman": h, "induk": profil, "urutan": i},
        )
    for urutan, (judul, internal) in enumerate(
        [
            ("Berita", "artikel"),
            ("Agenda", "agenda"),
            ("Statistik", "statistik"),
            ("Informasi Publik", "dokumen"),
        ],
        start=2,
    ):
        services.item_menu_create(
            oleh=oleh,
            data={"judul": judul, "jenis": J.INTERNAL, "internal": internal, "urutan": urutan * 10},
        )


@transaction.atomic
def isi_konten_demo(*, rng: random.Random, oleh: Any = None) -> dict:
    """Categories, 8 articles (5 with photos, one headline, comments on two), a scheduled
    article and a draft, agenda, announcements, the static pages, a public PDF and the menu.

    Skips (returns {"dilewati": True}) when the website already has articles.
    """
    if Artikel.objects.exists():
        return {"dilewati": True}

    nama_desa = str(identitas_desa()) if identitas_desa().nama_desa else "Desa kami"
    dusun = nama_dusun()
    sekarang = timezone.now().replace(second=0, microsecond=0)

    kategori = {}
    for urutan, (nama, slug, anak) in enumerate(KATEGORI, start=1):
        k = Kategori.objects.filter(slug=slug).first() or services.kategori_create(
            oleh=oleh, data={"nama": nama, "slug": slug, "urutan": urutan}
        )
        kategori[slug] = k
        for i, (nama_anak, slug_anak) in enumerate(anak, start=1):
            kategori[slug_anak] = Kategori.objects.filter(
                slug=slug_anak
            ).first() or services.kategori_create(
                oleh=oleh, data={"nama": nama_anak, "slug": slug_anak, "induk": k, "urutan": i}
            )

    artikel = []
    for i, (judul, slug_kategori, paragraf, bergambar, headline, komentar) in enumerate(ARTIKEL):
        data = {
            "judul": judul,
            "kategori": kategori[slug_kategori],
            "isi": _isi_dusun(_html(paragraf), dusun),
            "status": Artikel.Status.TERBIT,
            "terbit_pada": sekarang
            - HARI * (i * 4 + rng.randint(0, 3))
            - datetime.timedelta(hours=rng.randint(1, 8)),
            "headline": headline,
            "komentar_aktif": komentar,
        }
        if bergambar:
            data |= {
                "gambar": gambar_demo(rng),
                "gambar_alt": f"Ilustrasi: {judul.lower()}",
                "gambar_keterangan": "Dokumentasi pemerintah desa.",
            }
        artikel.append(services.artikel_create(oleh=oleh, data=data))
    utama = artikel[0]
    for n in range(2):
        services.gambar_artikel_simpan(
            oleh=oleh,
            artikel=utama,
            data={
                "berkas": gambar_demo(rng, 1200, 800),
                "alt": f"Suasana musyawarah desa, foto {n + 1}",
            },
        )
    for a, (nama, isi) in zip(
        [artikel[0], artikel[0], artikel[5]],
        [
            ("Pak Darto", "Semoga jalan di RT 03 juga segera diperbaiki. Terima kasih pak kades."),
            ("Siti Aminah", "Mohon informasi jadwal pelaksanaan pembangunan irigasinya."),
            ("Rizky", "Pelatihannya bermanfaat sekali, semoga ada lanjutan tingkat menengah."),
        ],
        strict=True,
    ):
        k = services.komentar_kirim(artikel=a, nama=nama, isi=isi, ip=None)
        services.komentar_setujui(oleh=oleh, komentar=k)
    services.artikel_create(
        oleh=oleh,
        data={
            "judul": _isi_dusun("Rencana Peresmian Jembatan Dusun {dusun2}", dusun),
            "kategori": kategori["pemerintahan"],
            "isi": _isi_dusun(
                "<p>Jembatan penghubung Dusun {dusun2} akan diresmikan pekan depan.</p>", dusun
            ),
            "status": Artikel.Status.TERBIT,
            "terbit_pada": sekarang + HARI * 2,  # scheduled
        },
    )
    services.artikel_create(
        oleh=oleh,
        data={
            "judul": "Draf: Laporan Kegiatan Hari Jadi Desa",
            "kategori": kategori["kegiatan-warga"],
            "isi": "<p>Draf laporan, belum diterbitkan.</p>",
        },
    )

    hari_ini = timezone.localtime(sekarang)
    for judul, hari, jam, durasi, tempat, koordinator in AGENDA:
        tempat, koordinator = _isi_dusun(tempat, dusun), _isi_dusun(koordinator, dusun)
        mulai = (hari_ini + HARI * hari).replace(hour=jam, minute=0)
        services.agenda_create(
            oleh=oleh,
            data={
                "judul": judul,
                "mulai": mulai,
                "selesai": mulai + datetime.timedelta(hours=durasi),
                "tempat": tempat,
                "koordinator": koordinator,
                "keterangan": f"<p>Seluruh warga diundang hadir. Koordinator: {koordinator}.</p>",
            },
        )
    for urutan, teks in enumerate(PENGUMUMAN):
        services.pengumuman_create(
            oleh=oleh,
            data={
                "teks": teks,
                "mulai": sekarang - HARI,
                "selesai": sekarang + HARI * 60,
                "urutan": urutan,
            },
        )

    for slug, bagian in HALAMAN_DEMO.items():
        isi = _isi_dusun("".join(bagian).replace("{desa}", nama_desa), dusun)
        h = Halaman.objects.filter(slug=slug).first()
        if h is None:
            services.halaman_create(
                oleh=oleh, data={"judul": slug.replace("-", " ").title(), "slug": slug, "isi": isi}
            )
        else:
            services.halaman_update(oleh=oleh, halaman=h, data={"isi": isi, "terbit": True})

    tahun = hari_ini.year
    if not DokumenPublik.objects.exists():
        services.dokumen_create(
            oleh=oleh,
            data={
                "judul": f"Ringkasan APB Desa Tahun Anggaran {tahun}",
                "kategori": DokumenPublik.KategoriInformasi.BERKALA,
                "tahun": tahun,
                "keterangan": "Ringkasan pendapatan dan belanja desa.",
                "berkas": _dokumen_pdf(tahun),
            },
        )
    _menu_bawaan(oleh)
    return {
        "dilewati": False,
        "kategori": len(kategori),
        "artikel": len(artikel) + 2,
        "agenda": len(AGENDA),
        "pengumuman": len(PENGUMUMAN),
        "halaman": len(HALAMAN_DEMO),
    }


# --- Benchmarks --------------------------------------------------------------------------------

PARAGRAF_BENCH = (
    "Pemerintah desa terus berupaya meningkatkan pelayanan kepada masyarakat. Berbagai kegiatan "
    "pembangunan, pemberdayaan dan pembinaan kemasyarakatan dilaksanakan sesuai rencana kerja "
    "yang disepakati dalam musyawarah desa bersama Badan Permusyawaratan Desa dan warga."
)


def buat_artikel_bench(jumlah: int = 1000, *, rng: random.Random | None = None) -> int:
    """Bulk-insert `jumlah` published articles (bodies of ~8 paragraphs, one shared photo,
    three categories) for the benchmark harness. No audit entries: test data only."""
    rng = rng or random.Random(1)
    kategori = [
        Kategori.objects.get_or_create(
            slug=f"bench-{i}", defaults={"nama": f"Kategori {i}", "urutan": i}
        )[0]
        for i in range(1, 4)
    ]
    from konten.gambar import buat_varian

    varian = buat_varian(gambar_demo(rng, 1600, 1000))
    besar = default_storage.save(f"konten/artikel/bench/{varian.besar.name}", varian.besar)
    kecil = default_storage.save(f"konten/artikel/bench/{varian.kecil.name}", varian.kecil)
    isi = bersihkan_html("".join(f"<p>{PARAGRAF_BENCH}</p>" for _ in range(8)))
    teks = teks_polos(isi)
    sekarang = timezone.now()
    mulai = Artikel.objects.count()
    baris = []
    for i in range(mulai, mulai + jumlah):
        baris.append(
            Artikel(
                judul=f"Kabar desa nomor {i + 1}: kegiatan warga dan pembangunan",
                slug=f"kabar-desa-{i + 1}",
                isi=isi,
                teks=teks,
                kategori=kategori[i % 3],
                status=Artikel.Status.TERBIT,
                terbit_pada=sekarang - datetime.timedelta(hours=6 * (i + 1)),
                headline=i % 100 == 0,
                komentar_aktif=i % 10 == 0,
                gambar=besar,
                gambar_kecil=kecil,
                gambar_lebar=varian.lebar,
                gambar_tinggi=varian.tinggi,
                gambar_alt="Pemandangan sawah dan perbukitan desa",
            )
        )
    Artikel.objects.bulk_create(baris, batch_size=500)
    from konten.cache import konten_berubah

    konten_berubah()
    return jumlah


def isi_demo(*, rng: random.Random, tanggal_mulai, hari_ini) -> str | None:
    """The website's part of `isi_desa_demo` (registered in KontenConfig.ready)."""
    hasil = isi_konten_demo(rng=rng)
    if hasil.get("dilewati"):
        return None
    return "Website: artikel, agenda, pengumuman, halaman statis dan menu demo."
