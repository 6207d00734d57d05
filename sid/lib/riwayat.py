"""The audit log as a person reads it: field labels instead of field names, display values
instead of stored codes, never an id or a UUID.

The log stores what the services gave it (`sid.lib.audit.potret`: a foreign key as its text,
a choice as "code label", a date in ISO form; older entries and some services store raw ids).
Everything is turned into words here, at display time, from the model's `_meta`; foreign keys
still stored as ids are looked up in one query per related model for a whole page of entries.
"""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst

_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
# Fields that identify a row to the machine only.
_KOLOM_MESIN = {"id", "pk", "uuid"}

# Words an action code is made of that are written otherwise in Indonesian text.
_KATA = {
    "apbdes": "APBDes",
    "kk": "KK",
    "pdf": "PDF",
    "pin": "PIN",
    "nik": "NIK",
    "sk": "SK",
    "hub": "hub",
}
# Leading parts of an action code that name where it happened.
_AWALAN = {
    "mandiri": "Layanan Mandiri",
    "sinkron": "Sinkron ke hub",
    "hub": "Hub",
    "cadangan": "Cadangan",
    "peristiwa": "Peristiwa",
    "jadwal": "Jadwal tugas",
}
_AKSI = {
    "buat": "Dibuat",
    "ubah": "Diubah",
    "hapus": "Dihapus",
    "impor": "Impor",
    "ekspor": "Ekspor",
    "masuk": "Masuk",
    "keluar": "Keluar",
    "gagal_masuk": "Gagal masuk",
    "ubah_peran": "Peran diubah",
    "buka_kunci": "Kunci masuk dibuka",
    "isi_desa_demo": "Data desa demo diisi",
    "isi_keuangan_demo": "Data keuangan demo diisi",
    "pdf_siap": "PDF siap",
    "pdf_gagal": "PDF gagal dibuat",
}


def label_aksi(kode: str) -> str:
    """An audit action code in words: "mandiri_unduh_surat" → "Layanan Mandiri: unduh surat"."""
    if not kode:
        return "-"
    if kode in _AKSI:
        return _AKSI[kode]
    bagian = kode.split("_")
    awal = ""
    if len(bagian) > 1 and bagian[0] in _AWALAN:
        awal, bagian = _AWALAN[bagian[0]] + ": ", bagian[1:]
    teks = " ".join(_KATA.get(b, b) for b in bagian)
    return awal + teks if awal else capfirst(teks)


def _model(entri) -> type[models.Model] | None:
    if not entri.content_type_id:
        return None
    return ContentType.objects.get_for_id(entri.content_type_id).model_class()


def _field(model, nama: str):
    if model is None:
        return None
    try:
        f = model._meta.get_field(nama)
    except FieldDoesNotExist:
        if nama.endswith("_id"):
            return _field(model, nama[:-3])
        return None
    # A reverse relation with the same name (a resident's "dokumen") is not a column the
    # entry recorded: the key is another model's field, shown by its own name.
    return f if getattr(f, "concrete", False) else None


def kolom_mesin(model, nama: str) -> bool:
    """An id, a UUID, a primary key: nothing a person reads."""
    if nama in _KOLOM_MESIN:
        return True
    f = _field(model, nama)
    if f is None:
        return nama.endswith("_id")
    return bool(
        getattr(f, "primary_key", False)
        or isinstance(f, models.UUIDField)
        or (nama.endswith("_id") and not f.is_relation)
    )


def label_kolom(model, nama: str) -> str:
    f = _field(model, nama)
    if f is not None and hasattr(f, "verbose_name"):
        return capfirst(str(f.verbose_name))
    return capfirst(nama.replace("_", " "))


def _id_mentah(f, nilai) -> int | None:
    """The related row's pk when a foreign key was stored as a bare id ("2" or 2)."""
    if f is None or not f.is_relation or not f.many_to_one:
        return None
    if isinstance(nilai, bool):
        return None
    if isinstance(nilai, int) or (isinstance(nilai, str) and nilai.isdigit()):
        return int(nilai)
    return None


def _pilihan(f, nilai) -> str | None:
    pilihan = {str(k): str(v) for k, v in f.flatchoices}
    teks = str(nilai)
    if teks in pilihan:
        return pilihan[teks]
    kode, _, sisa = teks.partition(" ")
    if sisa and kode in pilihan:  # "5 PINDAH MASUK" as written by potret()
        return pilihan[kode]
    return None


def _tanggal(f, nilai) -> str | None:
    if not isinstance(nilai, str):
        return None
    try:
        if isinstance(f, models.DateTimeField):
            waktu = datetime.datetime.fromisoformat(nilai)
            if timezone.is_aware(waktu):
                waktu = timezone.localtime(waktu)
            return f"{waktu:%d-%m-%Y %H.%M}"
        if isinstance(f, models.DateField):
            return f"{datetime.date.fromisoformat(nilai):%d-%m-%Y}"
    except ValueError:
        return None
    return None


def nilai_tampil(f, nilai: Any, nama_terkait: dict | None = None) -> str:
    """One stored value in words."""
    if nilai is None or (isinstance(nilai, str | list | dict) and not nilai):
        return "-"
    if f is not None:
        pk = _id_mentah(f, nilai)
        if pk is not None:
            ditemukan = (nama_terkait or {}).get((f.related_model, pk))
            if ditemukan is not None:
                return ditemukan
            # A row's text that is all digits (a KK number) is not an id; a short number is
            # the id of a row deleted since.
            return str(nilai) if len(str(nilai)) >= 10 else "(data sudah dihapus)"
        if isinstance(f, models.FileField):
            return "ada berkas" if str(nilai).strip() else "-"
        if isinstance(f, models.BooleanField) or isinstance(nilai, bool):
            return "Ya" if nilai in (True, "True", "true", 1, "1") else "Tidak"
        if f.choices:
            label = _pilihan(f, nilai)
            if label is not None:
                return label
        tanggal = _tanggal(f, nilai)
        if tanggal is not None:
            return tanggal
    elif isinstance(nilai, bool):
        return "Ya" if nilai else "Tidak"
    if isinstance(nilai, list | dict):
        return ", ".join(str(x) for x in nilai) if isinstance(nilai, list) else "(rincian)"
    return str(nilai)


def siapkan_rincian(entri: Iterable) -> list:
    """Give each audit entry `rincian` — [(label, old, new), …] without machine fields — and
    `label_aksi`. Foreign keys stored as bare ids are looked up per related model, once for all
    the entries. Returns the entries as a list."""
    entri = list(entri)
    perlu: dict[type[models.Model], set[int]] = defaultdict(set)
    for e in entri:
        model = _model(e)
        for nama, pasangan in (e.perubahan or {}).items():
            f = _field(model, nama)
            for nilai in pasangan if isinstance(pasangan, list | tuple) else [pasangan]:
                pk = _id_mentah(f, nilai)
                if pk is not None:
                    perlu[f.related_model].add(pk)
    nama_terkait = {}
    for model, pks in perlu.items():
        for pk, obj in model._default_manager.in_bulk(pks).items():
            nama_terkait[(model, pk)] = str(obj)
    for e in entri:
        model = _model(e)
        baris = []
        for nama, pasangan in (e.perubahan or {}).items():
            if kolom_mesin(model, nama):
                continue
            if not isinstance(pasangan, list | tuple) or len(pasangan) != 2:
                pasangan = [None, pasangan]
            f = _field(model, nama)
            lama, baru = (nilai_tampil(f, v, nama_terkait) for v in pasangan)
            baris.append((label_kolom(model, nama), lama, baru))
        e.rincian = baris
        e.label_aksi = label_aksi(e.aksi)
    return entri


def rincian_data(model, data: dict, label_lain: dict[str, str] | None = None) -> list:
    """A row's saved snapshot ({field: value}) as [(label, value)], without machine fields and
    empty values; keys that are not fields take their label from `label_lain`."""
    label_lain = label_lain or {}
    hasil = []
    for nama, nilai in data.items():
        if kolom_mesin(model, nama) or isinstance(nilai, list | dict):
            continue
        if isinstance(nilai, str) and _UUID.fullmatch(nilai):
            continue
        f = _field(model, nama)
        teks = nilai_tampil(f, nilai)
        if teks == "-":
            continue
        label = label_lain.get(nama) or label_kolom(model, nama)
        hasil.append((label, teks))
    return hasil


def tabel_data(baris: list) -> str:
    """[(label, value)] as a two-column table for a read-only admin field."""
    if not baris:
        return "-"
    return format_html(
        '<table class="tabel-perubahan"><tbody>{}</tbody></table>',
        format_html_join(
            "", "<tr><th>{}</th><td>{}</td></tr>", ((capfirst(k), v) for k, v in baris)
        ),
    )


# Models of plug-ins whose own name is English.
_NAMA_MODEL = {"django_celery_beat.periodictask": "jadwal tugas"}


def nama_model(model) -> str:
    """A model's name for a person, capitalised ("Penduduk", "Jadwal tugas")."""
    if model is None:
        return "-"
    return capfirst(_NAMA_MODEL.get(model._meta.label_lower, str(model._meta.verbose_name)))
