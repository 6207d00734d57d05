"""The standard static pages (not shown until an editor fills and publishes them) and the
default navigation menu. Editors change both in the back office."""

from django.db import migrations

HALAMAN = [
    ("profil-desa", "Profil Desa", "Tuliskan gambaran umum desa: letak, luas, penduduk, mata pencaharian."),
    ("sejarah-desa", "Sejarah Desa", "Tuliskan asal-usul dan sejarah desa."),
    ("visi-misi", "Visi & Misi", "Tuliskan visi dan misi pemerintah desa."),
    ("wilayah-desa", "Wilayah Desa", "Tuliskan batas wilayah, dusun, RW dan RT."),
    ("struktur-pemerintahan", "Struktur Pemerintahan", "Tuliskan struktur organisasi pemerintah desa dan BPD."),
]

MENU = [
    # (judul, jenis, tujuan, urutan, anak)
    ("Beranda", "internal", "beranda", 0, []),
    (
        "Profil Desa",
        "induk",
        None,
        10,
        [
            ("Profil Desa", "halaman", "profil-desa"),
            ("Sejarah Desa", "halaman", "sejarah-desa"),
            ("Visi & Misi", "halaman", "visi-misi"),
            ("Wilayah Desa", "halaman", "wilayah-desa"),
            ("Struktur Pemerintahan", "halaman", "struktur-pemerintahan"),
            ("Aparatur Desa", "internal", "aparatur"),
        ],
    ),
    ("Berita", "internal", "artikel", 20, []),
    ("Agenda", "internal", "agenda", 30, []),
    ("Statistik", "internal", "statistik", 40, []),
    ("APBDes", "internal", "apbdes", 45, []),
    ("Informasi Publik", "internal", "dokumen", 50, []),
]


def isi(apps, schema_editor):
    Halaman = apps.get_model("konten", "Halaman")
    ItemMenu = apps.get_model("konten", "ItemMenu")
    halaman = {}
    for urutan, (slug, judul, petunjuk) in enumerate(HALAMAN, start=1):
        halaman[slug], _ = Halaman.objects.get_or_create(
            slug=slug,
            defaults={"judul": judul, "isi": f"<p>{petunjuk}</p>", "terbit": False, "urutan": urutan},
        )
    if ItemMenu.objects.exists():
        return

    def buat(judul, jenis, tujuan, urutan, induk=None):
        data = {"judul": judul, "jenis": jenis, "urutan": urutan, "induk": induk}
        if jenis == "halaman":
            data["halaman"] = halaman[tujuan]
        elif jenis == "internal":
            data["internal"] = tujuan
        return ItemMenu.objects.create(**data)

    for judul, jenis, tujuan, urutan, anak in MENU:
        induk = buat(judul, jenis, tujuan, urutan)
        for i, (j, jn, t) in enumerate(anak, start=1):
            buat(j, jn, t, i, induk)


def hapus(apps, schema_editor):
    apps.get_model("konten", "ItemMenu").objects.all().delete()
    apps.get_model("konten", "Halaman").objects.filter(slug__in=[h[0] for h in HALAMAN]).delete()


class Migration(migrations.Migration):
    dependencies = [("konten", "0001_awal")]

    operations = [migrations.RunPython(isi, hapus)]
