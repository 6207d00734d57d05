"""docs/peran.md says what each role may do; the back office must do exactly that. The screen
harness (tests/layar) checks every page against Django's permission checks; this holds those
permissions to the document's table."""

import re
from pathlib import Path

import pytest
from django.contrib import admin
from django.test import RequestFactory

from sid import peran

pytestmark = pytest.mark.django_db
DOKUMEN = Path(__file__).resolve().parents[2] / "docs" / "peran.md"

# The table's columns → the models whose screens they speak of.
KOLOM = {
    "Population": ["penduduk.penduduk", "keluarga.keluarga", "sid.wilayah"],
    "Letters": ["surat.surat"],
    "Officials, finance, assistance": [
        "perangkat.pengangkatan",
        "keuangan.tahunanggaran",
        "bantuan.program",
    ],
    "Website": ["konten.artikel"],
    "Village identity": ["sid.identitasdesa"],
    "Users, roles, schedules": ["auth.user"],
    "Audit log": ["sid.logaktivitas"],
}


def _tabel() -> dict[str, dict[str, str]]:
    baris = [b for b in DOKUMEN.read_text().splitlines() if b.startswith("|")]
    judul = [s.strip() for s in baris[0].strip("|").split("|")]
    hasil = {}
    for b in baris[2:]:
        sel = [s.strip() for s in b.strip("|").split("|")]
        nama = sel[0].strip("*")
        hasil[nama] = {
            next(k for k in KOLOM if j.startswith(k)): teks
            for j, teks in zip(judul[1:], sel[1:], strict=True)
        }
    return hasil


def _aksi(teks: str) -> set[str]:
    """What a cell grants: '—' nothing, 'everything' all, 'edit' change, else the words."""
    if teks.strip() in ("—", "-"):
        return set()
    if "everything" in teks:
        return {"view", "add", "change"}
    aksi = set(re.findall(r"\b(view|add|change)\b", teks.split("—")[0]))
    if "edit" in teks:
        aksi.add("change")
    if "change" in aksi:
        aksi.add("view")  # a change right shows the page too
    return aksi


def _punya(user, label: str) -> set[str]:
    from django.apps import apps

    model = apps.get_model(label)
    ma = admin.site._registry[model]
    r = RequestFactory().get("/admin/")
    r.user = user
    hasil = set()
    if ma.has_view_or_change_permission(r):
        hasil.add("view")
    if ma.has_add_permission(r):
        hasil.add("add")
    if ma.has_change_permission(r):
        hasil.add("change")
    return hasil


def test_tabel_peran_memuat_setiap_peran():
    assert set(_tabel()) == set(peran.SEMUA_PERAN)


@pytest.mark.parametrize("nama_peran", peran.SEMUA_PERAN)
def test_hak_setiap_peran_sesuai_dokumen(buat_staf, nama_peran):
    user = buat_staf(nama_peran)
    superuser = buat_staf(None, is_superuser=True, username="cek_super")
    salah = []
    for kolom, teks in _tabel()[nama_peran].items():
        harap = _aksi(teks)
        for label in KOLOM[kolom]:
            punya = _punya(user, label)
            # A singleton or a register filled by events has no "add" screen for anyone.
            harap_ini = harap if "add" in _punya(superuser, label) else harap - {"add"}
            if punya != harap_ini:
                salah.append(
                    f"{kolom} / {label}: dokumen {sorted(harap_ini)}, layar {sorted(punya)}"
                )
    assert not salah, "\n".join(salah)
