"""Edge cases of the accounts mapper on small synthetic backups: every row SID cannot take is
refused with its reason and the rest is carried. Kept apart from test_peta_akun.py, whose
module-wide reference village would otherwise be in the database here too."""

from __future__ import annotations

import datetime
import io
import zipfile

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password
from django.test import Client
from django.utils.timezone import localtime
from PIL import Image

from mandiri.hasher import hash_pin_opensid
from mandiri.models import AkunMandiri, BalasanPengaduan, Pengaduan
from pindah.gudang import Gudang
from pindah.konteks import Konteks, Laporan
from pindah.peta import akun
from sid import kode
from tests.factories import AkunMandiriFactory, PendudukFactory, StafFactory
from tests.pindah.test_peta_akun import (
    BCRYPT_OPERATOR,
    HASHER_CEPAT,
    SANDI_OPERATOR,
    masuk_mandiri,
)
from tests.pindah.tulis_dump import simpan, tulis_dump

User = get_user_model()
# What OpenSID stores for its default password (PHP bcrypt, cost 10).
SID304 = "$2y$10$C70L7p28jf.23sWpjY1cG.x0b4mcX8nECF7YHy4wKDvXT.U/OqoG."

KOLOM_USER = ["id", "username", "password", "id_grup", "email", "last_login", "active", "nama"]
GRUP = (
    ["id", "nama"],
    [(1, "Administrator"), (2, "Operator"), (3, "Redaksi"), (4, "Kontributor"), (5, "Satgas")],
)
KOLOM_MANDIRI = ["pin", "last_login", "tanggal_buat", "id_pend", "aktif", "ganti_pin"]
KOLOM_PENGADUAN = ["id", "id_pengaduan", "nik", "nama", "judul", "isi", "status", "foto"]
KOLOM_PENGADUAN += ["created_at", "updated_at"]


@pytest.fixture
def jalankan(tmp_path, settings):
    """Run the mapper on a backup of the given tables; returns the report."""
    settings.PASSWORD_HASHERS = HASHER_CEPAT
    gudang_dibuka = []

    def _jalankan(tabel, *, peta=None, folder=None):
        path = simpan(tmp_path / "cadangan.sql", tulis_dump(tabel))
        gudang = Gudang()
        gudang_dibuka.append(gudang)
        gudang.isi(path, akun.TABEL)
        ktx = Konteks(
            gudang=gudang,
            oleh=None,
            laporan=Laporan(),
            tanggal=datetime.date(2026, 12, 6),
            nama_berkas="cadangan.sql",
            folder=zipfile.ZipFile(folder) if folder else None,
        )
        ktx.peta["tweb_penduduk"].update(peta or {})
        akun.jalankan(ktx)
        return ktx.laporan

    yield _jalankan
    for g in gudang_dibuka:
        g.tutup()


def _masalah(laporan, jenis) -> dict[str, str]:
    """Row → every reason given for it (refused or changed), joined."""
    hasil: dict[str, str] = {}
    for m in laporan.masalah:
        if m["jenis"] == jenis:
            hasil[m["baris"]] = " | ".join(filter(None, [hasil.get(m["baris"]), m["alasan"]]))
    return hasil


@pytest.mark.django_db
def test_nama_pengguna_yang_sudah_ada_ditolak_yang_lain_tetap_dibawa(jalankan):
    StafFactory(username="admin")
    laporan = jalankan({
        "user": (KOLOM_USER, [
            (1, "Admin", BCRYPT_OPERATOR, 1, None, None, 1, "Administrator"),
            (2, "redaksi1", BCRYPT_OPERATOR, 3, "bukan email", "2026-12-06 08:54:00", 0, "Redi"),
            (3, "satgas", "5f4dcc3b5aa765d61d8327deb882cf99", 5, None, None, 1, "Sari"),
            (4, "nama salah!", BCRYPT_OPERATOR, 2, None, None, 1, "X"),
            (5, "kaur", SID304, 2, None, None, 1, "Kaur"),
        ]),
        "user_grup": GRUP,
    })  # fmt: skip
    assert laporan.dibawa == {"Akun staf": 3}
    assert laporan.ditolak == {"Akun staf": 2}
    m = _masalah(laporan, "Akun staf")
    assert "sudah dipakai akun di SID" in m["user id 1 (Admin)"]
    assert "karakter yang tidak diterima" in m["user id 4 (nama salah!)"]
    assert User.objects.get(username="admin").first_name == "Staf"  # SID's own account untouched

    redaksi = User.objects.get(username="redaksi1")
    assert list(redaksi.groups.values_list("name", flat=True)) == ["Redaksi"]
    assert not redaksi.is_active and redaksi.email == ""
    assert localtime(redaksi.last_login).isoformat() == "2026-12-06T08:54:00+07:00"
    assert "tidak sah" in m["user id 2 (redaksi1)"]
    assert check_password(SANDI_OPERATOR, redaksi.password, setter=lambda _s: None)

    satgas = User.objects.get(username="satgas")
    assert not satgas.groups.exists() and not satgas.has_usable_password()
    assert "'Satgas' tidak ada padanannya" in m["user id 3 (satgas)"]

    # OpenSID's default password is known to everyone: that account has to get a new one.
    kaur = User.objects.get(username="kaur")
    assert not kaur.has_usable_password() and kaur.groups.get().name == "Operator"
    assert "masih bawaan OpenSID (sid304)" in m["user id 5 (kaur)"]


@pytest.mark.django_db
def test_akun_mandiri_yang_tidak_bisa_dipakai_ditolak_dengan_alasannya(jalankan):
    hidup = PendudukFactory(nama="WARGA HIDUP")
    nonaktif = PendudukFactory(nama="WARGA NONAKTIF")
    mati = PendudukFactory(nama="WARGA MATI", status_dasar=kode.StatusDasar.MATI, periksa=False)
    sementara = PendudukFactory(nama="WARGA SEMENTARA", nik="0" * 15 + "7", periksa=False)
    md5 = hash_pin_opensid("135792")
    laporan = jalankan(
        {"tweb_penduduk_mandiri": (KOLOM_MANDIRI, [
            (md5, "2026-12-01 10:00:00", "2026-11-01 09:00:00", 11, 1, 0),
            (md5, None, None, 12, 0, 1),
            (md5, None, None, 13, 1, 1),
            (md5, None, None, 14, 1, 1),
            ("bukan-md5", None, None, 15, 1, 1),
            (md5, None, None, 99, 1, 1),
        ])},
        peta={11: hidup.pk, 12: nonaktif.pk, 13: mati.pk, 14: sementara.pk, 15: hidup.pk},
    )  # fmt: skip
    assert laporan.dibawa == {"Akun Layanan Mandiri": 2}
    assert laporan.ditolak == {"Akun Layanan Mandiri": 4}
    m = _masalah(laporan, "Akun Layanan Mandiri")
    assert (
        "hanya untuk penduduk yang masih hidup"
        in m["tweb_penduduk_mandiri id_pend 13 (WARGA MATI)"]
    )  # noqa: E501
    assert "NIK sementara" in m["tweb_penduduk_mandiri id_pend 14 (WARGA SEMENTARA)"]
    assert "tidak dikenali" in m["tweb_penduduk_mandiri id_pend 15 (WARGA HIDUP)"]
    assert m["tweb_penduduk_mandiri id_pend 99"] == "Penduduknya tidak terbawa."

    a = AkunMandiri.objects.get(penduduk=hidup)
    # A resident who had changed the PIN in OpenSID is asked again: the backup gives it away.
    assert a.aktif and a.wajib_ganti_pin
    assert localtime(a.dibuat).isoformat() == "2026-11-01T09:00:00+07:00"
    assert masuk_mandiri(Client(), hidup.nik, "135792").status_code == 302
    b = AkunMandiri.objects.get(penduduk=nonaktif)
    assert not b.aktif and b.alasan_nonaktif == "Nonaktif di OpenSID."
    assert masuk_mandiri(Client(), nonaktif.nik, "135792").status_code == 200
    assert any("1 warga yang sudah mengganti PIN" in c for c in laporan.catatan)


def _png() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buf, "PNG")
    return buf.getvalue()


@pytest.mark.django_db
def test_pengaduan_warga_dibawa_dengan_balasan_dan_foto_yang_lain_ditolak(jalankan, tmp_path):
    warga = PendudukFactory(nama="SITI AMINAH")
    folder = tmp_path / "desa.zip"
    with zipfile.ZipFile(folder, "w") as z:
        z.writestr("desa/upload/pengaduan/jalan.png", _png())
    laporan = jalankan(
        {"pengaduan": (KOLOM_PENGADUAN, [
            (1, None, warga.nik, "Siti", "Jalan berlubang di RT 001", "Jalan depan masjid "
             "berlubang besar.", 3, "jalan.png", "2026-11-02 07:00:00", "2026-11-05 10:00:00"),
            (2, 1, None, "Administrator", None, "Sudah ditambal hari ini.", 3, None,
             "2026-11-05 10:00:00", "2026-11-05 10:00:00"),
            (3, 1, warga.nik, "Siti", None, "Terima kasih.", 3, None, "2026-11-05 11:00:00",
             None),
            (4, None, "3201019999990009", "Orang Lain", "Lampu mati", "Lampu jalan mati.", 1,
             "", "2026-11-03 07:00:00", None),
            (5, 4, None, "Administrator", None, "Segera diperbaiki.", 1, None,
             "2026-11-03 08:00:00", None),
            (6, None, warga.nik, "Siti", "", "Foto tidak ada di cadangan folder.", 9,
             "hilang.jpg", "2026-11-04 07:00:00", None),
        ])},
        folder=folder,
    )  # fmt: skip
    assert laporan.dibawa == {"Pengaduan": 2, "Balasan pengaduan": 2}
    assert laporan.ditolak == {"Pengaduan": 1, "Balasan pengaduan": 1}
    m = _masalah(laporan, "Pengaduan")
    assert "NIK pengirim 3201019999990009 tidak ada" in m["pengaduan id 4 (Orang Lain: Lampu mati)"]  # noqa: E501
    kedua = m["pengaduan id 6 (Siti: )"]
    assert "Judul kosong" in kedua and "Status 9 tidak dikenal" in kedua
    assert "Foto hilang.jpg tidak ada" in kedua

    p = Pengaduan.objects.get(judul="Jalan berlubang di RT 001")
    assert p.penduduk == warga and p.status == Pengaduan.Status.SELESAI
    assert localtime(p.dibuat).isoformat() == "2026-11-02T07:00:00+07:00"
    assert localtime(p.diselesaikan_pada).isoformat() == "2026-11-05T10:00:00+07:00"
    assert p.foto.name.startswith("mandiri/pengaduan/2026/11/")
    with p.foto.open("rb") as f:
        assert Image.open(f).size == (8, 8)
    balasan = list(BalasanPengaduan.objects.filter(pengaduan=p).order_by("dibuat"))
    assert [(b.nama_pengirim, b.dari_warga) for b in balasan] == [
        ("Pemerintah Desa", False),
        ("SITI AMINAH", True),
    ]
    lain = Pengaduan.objects.get(penduduk=warga, status=Pengaduan.Status.MENUNGGU)
    assert lain.judul == "Foto tidak ada di cadangan folder." and not lain.foto

    # The resident sees the thread in the portal.
    AkunMandiriFactory(penduduk=warga, pin="480315")
    client = Client()
    assert masuk_mandiri(client, warga.nik, "480315").status_code == 302
    halaman = client.get(f"/mandiri/pengaduan/{p.uuid}/").content.decode()
    assert "Jalan berlubang di RT 001" in halaman and "Sudah ditambal hari ini." in halaman
