"""A small but varied village for the backup tests (also run in a subprocess on SQLite).

Wilayah, families and residents (the demo generator's when available, plus factories), audit
entries with JSON changes, decimals, times, a public logo and private documents with odd
file names.
"""

from __future__ import annotations

import datetime
import decimal
import io
from pathlib import Path

from django.conf import settings
from django.core.management import call_command, get_commands


def tulis(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def isi_desa_kecil(admin) -> dict:
    from penduduk.services import wilayah_kepala_atur
    from sid import kode, services
    from sid.lib.audit import catat_aktivitas
    from sid.models import IdentitasDesa
    from tests.factories import KeluargaFactory, PendudukFactory, buat_rt

    if "isi_desa_demo" in get_commands():
        call_command("isi_desa_demo", penduduk=120, seed=1, stdout=io.StringIO())
    rt = buat_rt("SUKAMAJU", "007", "003")
    k = KeluargaFactory(no_kk="3201019999990001", wilayah=rt)
    kepala = PendudukFactory(
        nama="Ratna Sari",
        keluarga=k,
        shdk=kode.SHDK.KEPALA_KELUARGA,
        jenis_kelamin=2,
        tanggal_lahir=datetime.date(1975, 3, 4),
        nik="3201014403759999",
        lat=decimal.Decimal("-6.5971234"),
        lng=decimal.Decimal("106.8060001"),
        waktu_lahir=datetime.time(4, 30),
        catatan='Baris baru\ndan kutip "ganda" serta emoji ✓',
        foto="penduduk/foto/ratna.jpg",
    )
    PendudukFactory(keluarga=k, shdk=kode.SHDK.ANAK, nik="3201010101109998")
    services.wilayah_update(oleh=admin, wilayah=rt, nama="003")
    wilayah_kepala_atur(oleh=admin, wilayah=rt, penduduk=kepala)
    catat_aktivitas(
        oleh=admin,
        aksi="ubah",
        objek=kepala,
        perubahan={"nama": ["Ratna", "Ratna Sari"], "lat": [None, "-6.5971234"]},
    )
    desa = IdentitasDesa.ambil()
    desa.logo = "desa/logo.png"
    desa.save()
    media, privat = Path(settings.MEDIA_ROOT), Path(settings.PRIVATE_ROOT)
    tulis(media / "desa" / "logo.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    tulis(privat / "penduduk" / "foto" / "ratna.jpg", b"\xff\xd8\xff" + b"x" * 5000)
    tulis(privat / "surat" / "2026" / "surat keterangan (1).pdf", b"%PDF-1.7\n" * 300)
    tulis(privat / "dokumen" / "kk-ñandú ünïcode.pdf", b"%PDF-1.4 dokumen")
    tulis(media / "kosong.txt", b"")
    return {"keluarga": k, "kepala": kepala}


def desa_dan_admin():
    """What the `desa` and `admin_desa` fixtures give, for a process without pytest."""
    from sid.models import IdentitasDesa
    from tests.factories import StafFactory

    desa = IdentitasDesa.ambil()
    desa.nama_desa, desa.kode_desa = "Sukamaju", "3201012001"
    desa.save()
    return StafFactory(peran="Administrator", username="admindesa")
