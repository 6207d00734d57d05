"""Uploads kept across a form error.

A browser cannot fill a file input again: when a form comes back with an error elsewhere (a
missing title), the image the operator chose was lost and had to be picked again. A checked
upload is kept here, in private storage, under a random name; the form carries a signed token
in a hidden field, and the next submission without a new file takes the kept one. Kept files are
removed after a day.
"""

from __future__ import annotations

import datetime
import uuid

from django.core import signing
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from sid.lib.berkas import penyimpanan_privat

FOLDER = "sementara/unggahan"
_GARAM = "sid.simpanan"
UMUR = datetime.timedelta(days=1)


def simpan(berkas) -> str:
    """Keep an upload; returns the token for the form's hidden field."""
    _bersihkan_lama()
    berkas.seek(0)
    kunci = uuid.uuid4().hex
    nama = penyimpanan_privat().save(f"{FOLDER}/{kunci}", ContentFile(berkas.read()))
    berkas.seek(0)
    data = {"p": nama, "n": berkas.name[-150:], "t": getattr(berkas, "content_type", "")}
    return signing.dumps(data, salt=_GARAM)


def ambil(token: str) -> SimpleUploadedFile | None:
    """The upload kept under `token`, or None (missing, expired, or not ours)."""
    try:
        data = signing.loads(token, salt=_GARAM, max_age=UMUR)
    except signing.BadSignature:
        return None
    nama = data.get("p", "")
    if not nama.startswith(f"{FOLDER}/") or ".." in nama:
        return None
    storage = penyimpanan_privat()
    if not storage.exists(nama):
        return None
    with storage.open(nama, "rb") as f:
        isi = f.read()
    return SimpleUploadedFile(data.get("n") or "berkas", isi, content_type=data.get("t") or "")


def _bersihkan_lama() -> None:
    storage = penyimpanan_privat()
    try:
        _folder, berkas = storage.listdir(FOLDER)
    except FileNotFoundError:
        return
    batas = timezone.now() - UMUR
    for nama in berkas:
        jalur = f"{FOLDER}/{nama}"
        try:
            if storage.get_modified_time(jalur) < batas:
                storage.delete(jalur)
        except FileNotFoundError:
            continue
