"""The access report (SIAK SOP step 9, *laporan hak akses yang dibuat*): every staff account,
its roles, and what it may see and do on each back-office menu, as PDF and Excel.

Read from the same rules the back office applies: the account's permissions (its roles' and
its own), per model registered in the back office, grouped by menu (the app)."""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from django.contrib import admin
from django.contrib.auth.models import User
from django.utils import timezone

from sid.lib.sel import sel_aman

AKSI = [("view", "Lihat"), ("add", "Tambah"), ("change", "Ubah"), ("delete", "Hapus")]


@dataclass
class BarisAkses:
    menu: str
    halaman: str
    boleh: list[str]  # the labels of AKSI granted
    khusus: list[str]  # custom rights (e.g. "Memverifikasi surat")


@dataclass
class Akun:
    username: str
    nama: str
    peran: str
    aktif: bool
    superuser: bool
    login_terakhir: str
    baris: list[BarisAkses] = field(default_factory=list)


def _halaman() -> list[tuple[str, str, str, str, list[tuple[str, str]]]]:
    """(menu, page, app_label, model_name, custom rights) of every back-office model."""
    hasil = []
    for model in admin.site._registry:
        opts = model._meta
        hasil.append(
            (
                str(opts.app_config.verbose_name),
                str(opts.verbose_name_plural).capitalize(),
                opts.app_label,
                opts.model_name,
                [(kode, str(nama)) for kode, nama in opts.permissions],
            )
        )
    return sorted(hasil)


def laporan_akses() -> list[Akun]:
    """Every staff account (active first) with its rights per page (2 queries + 1 per
    account for its permissions: a village has a handful of accounts)."""
    halaman = _halaman()
    akun = []
    users = (
        User.objects.filter(is_staff=True)
        .prefetch_related("groups")
        .order_by("-is_active", "username")
    )
    for u in users:
        izin = u.get_all_permissions() if u.is_active else set()
        a = Akun(
            username=u.get_username(),
            nama=u.get_full_name(),
            peran=", ".join(g.name for g in u.groups.all()) or "-",
            aktif=u.is_active,
            superuser=u.is_superuser,
            login_terakhir=f"{timezone.localtime(u.last_login):%d-%m-%Y %H:%M}"
            if u.last_login
            else "belum pernah",
        )
        for menu, nama, app, model, khusus in halaman:
            if u.is_active and u.is_superuser:
                boleh = [label for _, label in AKSI]
                hak_khusus = [n for _, n in khusus]
            else:
                boleh = [label for kode, label in AKSI if f"{app}.{kode}_{model}" in izin]
                hak_khusus = [n for kode, n in khusus if f"{app}.{kode}" in izin]
            if boleh or hak_khusus:
                a.baris.append(BarisAkses(menu, nama, boleh, hak_khusus))
        akun.append(a)
    return akun


def sebagai_pdf(daftar: list[Akun]) -> bytes:
    from sid.lib.pdf import konteks_kop, render_pdf

    return render_pdf(
        "laporan/akses.html",
        {
            **konteks_kop(tanggal=timezone.localdate(), mendatar=True),
            "judul": "Laporan Hak Akses Pengguna",
            "subjudul": f"Keadaan per {timezone.localtime():%d-%m-%Y %H:%M}",
            "akun": daftar,
            "aksi": [label for _, label in AKSI],
        },
    )


def _teks(ws, baris: int, kolom: int, nilai) -> None:
    """A cell that is always text: a value a spreadsheet would run as a formula is escaped the
    way every export escapes it (sid.lib.sel), and the cell is stored as text."""
    sel = ws.cell(row=baris, column=kolom, value=sel_aman(nilai))
    if isinstance(nilai, str):
        sel.data_type = "s"


def sebagai_xlsx(daftar: list[Akun]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    wb = Workbook()
    ws = wb.active
    ws.title = "Hak akses"
    judul = [
        "Akun",
        "Nama",
        "Peran",
        "Aktif",
        "Login terakhir",
        "Menu",
        "Halaman",
        *[label for _, label in AKSI],
        "Hak khusus",
    ]
    for k, j in enumerate(judul, 1):
        _teks(ws, 1, k, j)
        ws.cell(row=1, column=k).font = Font(bold=True)
        ws.cell(row=1, column=k).fill = PatternFill("solid", fgColor="EEEEEE")
    r = 1
    for a in daftar:
        peran = a.peran + (" (superuser)" if a.superuser else "")
        baris = a.baris or [BarisAkses("-", "tidak ada akses", [], [])]
        for b in baris:
            r += 1
            nilai = [
                a.username,
                a.nama,
                peran,
                "ya" if a.aktif else "tidak",
                a.login_terakhir,
                b.menu,
                b.halaman,
                *["ya" if label in b.boleh else "" for _, label in AKSI],
                ", ".join(b.khusus),
            ]
            for k, v in enumerate(nilai, 1):
                _teks(ws, r, k, v)
    for huruf, lebar in zip(
        "ABCDEFGHIJKL", [16, 24, 24, 7, 17, 22, 30, 7, 7, 7, 7, 40], strict=True
    ):
        ws.column_dimensions[huruf].width = lebar
    ws.freeze_panes = "A2"
    keluaran = io.BytesIO()
    wb.save(keluaran)
    return keluaran.getvalue()
