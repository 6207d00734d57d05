"""Helpers shared by the website's services: files, permissions."""

from __future__ import annotations

import contextlib
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models.fields.files import FieldFile

from konten import gambar as gambar_lib
from sid.lib.berkas import periksa_pdf


def unggahan_baru(nilai: Any) -> bool:
    """A new upload (as opposed to the stored file, nothing, or a 'clear' request)."""
    return bool(nilai) and not isinstance(nilai, FieldFile)


def hapus_berkas_nanti(*berkas: FieldFile | str | None, storage=None) -> None:
    """Delete replaced or orphaned files once the transaction has committed."""
    daftar = []
    for b in berkas:
        if isinstance(b, FieldFile) and b.name:
            daftar.append((b.storage, b.name))
        elif isinstance(b, str) and b and storage is not None:
            daftar.append((storage, b))

    def _hapus():
        for penyimpan, nama in daftar:
            with contextlib.suppress(OSError):
                penyimpan.delete(nama)

    if daftar:
        transaction.on_commit(_hapus)


def pasang_gambar(
    obj, nilai: Any, *, kolom: str = "gambar", kecil: str = "gambar_kecil", ukuran: str = "gambar"
) -> None:
    """Put an upload's variants on `obj` (or clear the image when `nilai` is False/None).

    The old files are deleted after the commit.
    """
    lama_besar, lama_kecil = getattr(obj, kolom), getattr(obj, kecil)
    lama = [lama_besar.name, lama_kecil.name]
    if unggahan_baru(nilai):
        varian = gambar_lib.siapkan(nilai)
        setattr(obj, kolom, varian.besar)
        setattr(obj, kecil, varian.kecil)
        setattr(obj, f"{ukuran}_lebar" if ukuran else "lebar", varian.lebar)
        setattr(obj, f"{ukuran}_tinggi" if ukuran else "tinggi", varian.tinggi)
    elif not nilai:
        setattr(obj, kolom, "")
        setattr(obj, kecil, "")
        setattr(obj, f"{ukuran}_lebar" if ukuran else "lebar", None)
        setattr(obj, f"{ukuran}_tinggi" if ukuran else "tinggi", None)
    else:
        return
    storage = lama_besar.storage
    hapus_berkas_nanti(*[n for n in lama if n], storage=storage)


def pdf_bersih(nilai: Any, *, awalan: str) -> ContentFile:
    """An uploaded PDF checked by content, under a random name."""
    import uuid

    data = nilai.data_pdf if hasattr(nilai, "data_pdf") else periksa_pdf(nilai)
    return ContentFile(data, name=f"{awalan}-{uuid.uuid4().hex[:12]}.pdf")


def punya_izin(oleh: Any, izin: str) -> bool:
    """Services called by the system (oleh=None: demo, migrations) may do everything."""
    if oleh is None:
        return True
    return bool(getattr(oleh, "has_perm", None)) and oleh.has_perm(izin)
