"""Back-office links from a statistics cell to the list that shows exactly those people.

Every parameter used here is a filter of the resident list (`penduduk/filters.py` and the
`list_filter` of `PendudukAdmin`) or a plain field lookup on the family list, so the linked
list's count equals the cell (tested). The public website never uses this module.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse

from penduduk.statistik.hitung import BELUM, DATA, JUMLAH, TOTAL, Baris, Tabel
from penduduk.statistik.kategori import KAWIN, PEREMPUAN, WAJIB_KTP, Kategori
from sid import kode
from sid.models import Wilayah

KOLOM_JK = {"l": kode.JenisKelamin.LAKI_LAKI, "p": kode.JenisKelamin.PEREMPUAN}


def _lingkup(kat: Kategori) -> dict[str, str]:
    if kat.lingkup == PEREMPUAN:
        return {"jenis_kelamin__exact": str(kode.JenisKelamin.PEREMPUAN)}
    if kat.lingkup == KAWIN:
        return {"status_kawin__exact": str(kode.StatusKawin.KAWIN)}
    if kat.lingkup == WAJIB_KTP:
        return {"wajib_ktp": "ya"}
    return {}


def _baris_penduduk(kat: Kategori, b: Baris, ada_luar: bool) -> dict[str, str] | None:
    """Filter parameters selecting one row of a resident category (None: no exact list)."""
    if b.jenis == TOTAL:
        return {}
    if kat.jenis == "kode":
        nullable = _nullable(kat.field)
        if b.jenis == DATA:
            return {f"{kat.field}__exact": b.kunci}
        if b.jenis == BELUM:
            return {f"{kat.field}__isnull": "True"} if nullable else None
        if b.jenis == JUMLAH and not ada_luar:
            return {f"{kat.field}__isnull": "False"} if nullable else {}
        return None
    if kat.jenis == "umur":
        if b.jenis == DATA:
            return {"umur": b.kunci}
        if b.jenis == JUMLAH and not ada_luar:
            return {}
        return None
    if kat.jenis == "akta":
        return {
            DATA: {"akta_lahir": "ada"},
            JUMLAH: {"akta_lahir": "ada"},
            BELUM: {"akta_lahir": "belum"},
        }.get(b.jenis)
    if kat.jenis == "suku":
        if b.jenis == DATA:
            return {"suku": b.kunci}
        return {"suku": {JUMLAH: "*", BELUM: "-"}[b.jenis]} if b.jenis in (JUMLAH, BELUM) else None
    return None


def _nullable(nama: str) -> bool:
    from penduduk.models import Penduduk

    return Penduduk._meta.get_field(nama).null


def _wilayah_penduduk(wilayah: Wilayah | None) -> dict[str, str]:
    return {"wilayah": str(wilayah.pk)} if wilayah is not None else {}


def _wilayah_keluarga(wilayah: Wilayah | None) -> dict[str, str]:
    """Family-list parameters for a wilayah: its dusun filter, or the wilayah ids under it."""
    if wilayah is None:
        return {}
    if wilayah.tingkat == Wilayah.Tingkat.DUSUN:
        return {"dusun": str(wilayah.pk)}
    if wilayah.tingkat == Wilayah.Tingkat.RW:
        pks = sorted(Wilayah.objects.filter(rw=wilayah).values_list("pk", flat=True))
        return {"wilayah__in": ",".join(str(pk) for pk in pks)}
    return {"wilayah": str(wilayah.pk)}


def tautan_tabel(tabel: Tabel) -> dict[tuple[int, str], str]:
    """{(row index in semua_baris, column 'jumlah'|'l'|'p'): URL} for cells worth a link."""
    kat = tabel.kategori
    hasil: dict[tuple[int, str], str] = {}
    if kat.per_keluarga:
        dasar = reverse("admin:keluarga_keluarga_changelist")
        wilayah = _wilayah_keluarga(tabel.wilayah)
        for i, b in enumerate(tabel.semua_baris):
            if not b.jumlah:
                continue
            params = {
                DATA: {f"{kat.field}__exact": b.kunci},
                BELUM: {f"{kat.field}__isnull": "True"},
            }
            params[TOTAL] = {}
            if not tabel.luar:
                params[JUMLAH] = {f"{kat.field}__isnull": "False"}
            if b.jenis in params:
                hasil[(i, "jumlah")] = _url(
                    dasar, {"aktif__exact": "1", **wilayah, **params[b.jenis]}
                )
        return hasil
    dasar = reverse("admin:penduduk_penduduk_changelist")
    lingkup = {**_wilayah_penduduk(tabel.wilayah), **_lingkup(kat)}
    for i, b in enumerate(tabel.semua_baris):
        params = _baris_penduduk(kat, b, bool(tabel.luar))
        if params is None:
            continue
        for kolom in ("jumlah", "l", "p"):
            if not getattr(b, kolom):
                continue
            tambahan = {}
            if kolom in KOLOM_JK:
                if kat.lingkup == PEREMPUAN and kolom == "l":
                    continue  # the scope is women; a men's list would not match
                tambahan["jenis_kelamin__exact"] = str(KOLOM_JK[kolom])
            hasil[(i, kolom)] = _url(dasar, {**lingkup, **params, **tambahan})
    return hasil


def _url(dasar: str, params: dict[str, str]) -> str:
    return f"{dasar}?{urlencode(params)}" if params else dasar
