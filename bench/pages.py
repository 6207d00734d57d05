"""The pages to measure. Adding a page is one line in PAGES.

A path may contain `{id}`: the page then needs a `lookup`, a Python expression evaluated
inside Django after the dataset is loaded (see bench.seed). Helpers available there:

    model("app_label.Model")      -> the model class
    middle_pk("app_label.Model")  -> the primary key of the middle row (None if empty)

Example for a later issue:

    Page("penduduk-detail", "Detail penduduk", "/admin/penduduk/penduduk/{id}/change/",
         staff=True, lookup="middle_pk('penduduk.Penduduk')"),

A page whose lookup fails (model missing, empty table) is skipped with a note.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    key: str  # short id used by --pages
    title: str  # shown in the table (Indonesian)
    path: str  # URL path, may contain {id}
    staff: bool = False  # request with a logged-in staff session
    method: str = "GET"  # "POST" is only supported for the staff login form
    requests: int | None = None  # fixed request count (else --requests)
    warmup: int = 20  # unmeasured requests first
    status: int = 200  # expected status; anything else counts as an error
    reject_text: str = ""  # warm-up fails if the body contains this (wrong page shown)
    lookup: str = ""  # expression giving the {id} value


LOGIN_PATH = "/admin/login/"
# The article in the middle of the table: its "yyyy/mm/dd/slug" URL part (None when empty).
ARTIKEL_TENGAH = (
    "(lambda m, pk: m('konten.Artikel').objects.get(pk=pk).jalur if pk else None)"
    "(model, middle_pk('konten.Artikel'))"
)

PAGES: list[Page] = [
    Page("login", "Halaman login", LOGIN_PATH),
    Page("dasbor", "Dasbor", "/admin/", staff=True, reject_text="Lengkapi Identitas Desa"),
    Page("beranda", "Beranda publik", "/"),
    # Population register (issue 3): lists, searches and pages.
    Page("penduduk", "Daftar penduduk (50/hal.)", "/admin/penduduk/penduduk/", staff=True),
    Page("cari-nama", "Cari nama (penggalan)", "/admin/penduduk/penduduk/?q=wati", staff=True),
    Page(
        "cari-nik",
        "Cari NIK",
        "/admin/penduduk/penduduk/?q={id}",
        staff=True,
        lookup="model('penduduk.Penduduk').objects.get(pk=middle_pk('penduduk.Penduduk')).nik",
    ),
    Page("keluarga", "Daftar keluarga (20/hal.)", "/admin/keluarga/keluarga/", staff=True),
    Page(
        "penduduk-halaman",
        "Halaman penduduk",
        "/admin/penduduk/penduduk/{id}/change/",
        staff=True,
        lookup="middle_pk('penduduk.Penduduk')",
    ),
    Page(
        "keluarga-halaman",
        "Halaman keluarga",
        "/admin/keluarga/keluarga/{id}/change/",
        staff=True,
        lookup="middle_pk('keluarga.Keluarga')",
    ),
    # Public website (issue 7): cached for visitors; "(staf)" rows bypass the cache = uncached.
    Page("artikel", "Halaman artikel", "/artikel/{id}/", lookup=ARTIKEL_TENGAH),
    Page("artikel-daftar", "Daftar artikel", "/artikel/"),
    Page("rss", "RSS berita", "/rss/"),
    Page("beranda-staf", "Beranda publik (staf, tanpa cache)", "/", staff=True),
    Page(
        "artikel-staf",
        "Halaman artikel (staf, tanpa cache)",
        "/artikel/{id}/",
        staff=True,
        lookup=ARTIKEL_TENGAH,
    ),
    # Includes the deliberately slow password hash; few requests so the run stays short.
    Page(
        "login-post", "Login (POST)", LOGIN_PATH, method="POST", requests=20, warmup=4, status=302
    ),
    Page("apbdes", "Transparansi APBDes (publik)", "/apbdes/"),
    # Letters (issue 5): the operator's form (resident picked by the search below, server-side).
    Page("surat-form", "Formulir surat", "/admin/surat/surat/buat/keterangan-usaha/", staff=True),
    Page(
        "surat-cari",
        "Cari penduduk (formulir surat)",
        "/admin/surat/surat/cari-penduduk/?q=wati",
        staff=True,
    ),
    # Statistics, monthly report (issue 4): back office uncached, public cached 10 minutes.
    Page(
        "statistik-pendidikan",
        "Statistik pendidikan dalam KK",
        "/admin/penduduk/statistik/?kategori=pendidikan-kk",
        staff=True,
    ),
    Page(
        "statistik-umur",
        "Statistik rentang umur",
        "/admin/penduduk/statistik/?kategori=umur-rentang",
        staff=True,
    ),
    Page(
        "statistik-kelas-sosial",
        "Statistik kelas sosial keluarga",
        "/admin/penduduk/statistik/?kategori=kelas-sosial",
        staff=True,
    ),
    Page("publik-statistik-umur", "Statistik publik rentang umur", "/statistik/umur-rentang/"),
    Page("publik-statistik-pendidikan", "Statistik publik pendidikan", "/statistik/pendidikan-kk/"),
    Page(
        "laporan-bulanan",
        "Laporan bulanan (bulan ini)",
        "/admin/penduduk/laporankependudukan/buku/bulanan/",
        staff=True,
    ),
]


def select(pages: Sequence[Page], keys: str) -> list[Page]:
    """Pages whose key is in the comma list `keys` (all pages when it is empty)."""
    wanted = [k.strip() for k in keys.split(",") if k.strip()]
    if not wanted:
        return list(pages)
    known = {p.key for p in pages}
    unknown = [k for k in wanted if k not in known]
    if unknown:
        raise ValueError(
            f"halaman tidak dikenal: {', '.join(unknown)} (pilihan: {', '.join(sorted(known))})"
        )
    return [p for p in pages if p.key in wanted]
